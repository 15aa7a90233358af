"""Hostile and odd results files: each is reported in one line and skipped; good files count."""

from __future__ import annotations

import json
import os

import pytest

from dmst import classfiles, classroom, results
from dmst.assessment import items


def attempt(q, **changes):
    base = {
        "question": q.id,
        "context": "pre",
        "answer": next(o.key for o in q.options if o.correct),
        "correct": 1,
        "attempt": 1,
        "first_try": 1,
        "at": "2026-01-01T00:00:00+00:00",
    }
    base.update(changes)
    return base


def payload(learner, attempts, **changes):
    data = {
        "format": results.FORMAT,
        "version": results.FORMAT_VERSION,
        "learner": learner,
        "exported": "2026-01-01",
        "attempts": attempts,
    }
    data.update(changes)
    return data


@pytest.fixture
def good(tmp_path):
    """A folder with one good learner, whose figures must never change."""
    q = items()[0]
    (tmp_path / "good.json").write_text(json.dumps(payload("good1", [attempt(q)])))
    return tmp_path


def figures(folder):
    report = classroom.class_report(folder)
    return [(r.objective, r.pre_learners, r.pre_rate) for r in report.rows], report


BAD_ANSWERS = {
    "question is a list": {"question": ["A.1"]},
    "question is a mapping": {"question": {"id": "A.1"}},
    "question is null": {"question": None},
    "correct is text": {"correct": "yes"},
    "correct is NaN": {"correct": float("nan")},
    "correct is infinite": {"correct": float("inf")},
    "correct is huge": {"correct": 10**30},
    "correct is 100": {"correct": 100},
    "correct is -5": {"correct": -5},
    "attempt is text": {"attempt": "1"},
    "attempt is zero": {"attempt": 0},
    "first try is 2": {"first_try": 2},
    "context is unknown": {"context": "exam"},
    "answer is a mapping": {"answer": {"a": 1}},
    "answer is very long": {"answer": "a" * 5000},
    "answer names no option": {"answer": "zzz", "correct": None},
}


@pytest.mark.parametrize("change", BAD_ANSWERS.values(), ids=BAD_ANSWERS.keys())
def test_a_damaged_answer_is_skipped_and_the_rest_still_count(good, change):
    q = items()[0]
    before, _ = figures(good)
    bad = attempt(q, **change)
    (good / "bad.json").write_text(json.dumps(payload("other", [bad])))  # NaN as Python writes it
    after, report = figures(good)
    assert report.results.problems == ["bad.json: 1 damaged answer(s) skipped."]
    assert {f.learner for f in report.results.learners} == {"good1", "other"}
    assert after == [(before[0][0], 1, 1.0)]  # the good file's figures are unchanged


BAD_FILES = {
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "NaN at top level": '{"format": "dmst-results", "version": NaN}',
    "huge number": '{"format": "dmst-results", "version": ' + "9" * 5000 + "}",
    "version true": json.dumps(payload("x", [], version=True)),
    "learner with a slash": json.dumps(payload("../etc", [])),
    "learner is a number": json.dumps(payload(5, [])),
    "attempts is a mapping": json.dumps(payload("x", {"a": 1})),
    "too many attempts": json.dumps(payload("x", [{}] * (classfiles.MAX_ATTEMPTS + 1))),
}


@pytest.mark.parametrize("text", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_hostile_file_is_one_line_and_skipped(good, text):
    before, _ = figures(good)
    (good / "bad.json").write_text(text)
    after, report = figures(good)
    [problem] = report.results.problems
    assert problem.startswith("bad.json: ") and problem.endswith("skipped.")
    assert after == before


def test_things_that_are_not_regular_files_are_never_read(good):
    (good / "folder.json").mkdir()
    (good / "dangling.json").symlink_to(good / "nowhere.json")
    (good / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(good / "pipe.json")  # reading a pipe would hang the report forever
    (good / "big.json").write_bytes(b" " * (classfiles.MAX_FILE_BYTES + 1))
    after, report = figures(good)
    problems = sorted(report.results.problems)
    assert problems == [
        f"big.json: larger than {classfiles.MAX_FILE_BYTES // 1_000_000} MB, too large for a "
        "results file; skipped.",
        "dangling.json: a broken link or a file that vanished; skipped.",
        "folder.json: a folder, not a file; skipped.",
        "pipe.json: not a regular file; skipped.",
        "zero.json: not a regular file; skipped.",
    ]
    assert after[0][1:] == (1, 1.0)


def test_a_link_to_a_good_file_is_read(tmp_path, good):
    (tmp_path / "elsewhere").mkdir()
    target = tmp_path / "elsewhere" / "l.json"
    q = items()[0]
    target.write_text(json.dumps(payload("linked", [attempt(q, correct=0)])))
    (good / "link.json").symlink_to(target)
    after, report = figures(good)
    assert report.results.problems == [] and after[0][1:] == (2, 0.5)


def test_a_folder_path_that_is_a_file_is_reported(tmp_path):
    (tmp_path / "x.json").write_text("{}")
    assert classroom.load_folder(tmp_path / "x.json").problems == [
        f"{tmp_path / 'x.json'}: is a file, not a folder."
    ]


def test_an_answer_saved_without_a_verdict_is_graded_from_the_bank(tmp_path):
    q = next(q for q in items() if q.kind == "single")
    right = next(o for o in q.options if o.correct)
    wrong = next(o for o in q.options if not o.correct)
    for n, option in enumerate((right, wrong, right)):
        answers = [attempt(q, answer=option.key, correct=None)]
        (tmp_path / f"b{n}.json").write_text(json.dumps(payload(f"b{n}", answers, source="book")))
    report = classroom.class_report(tmp_path)
    [row] = report.rows
    assert row.pre_rate == pytest.approx(2 / 3) and report.results.problems == []
    assert {f.source for f in report.results.learners} == {"book"}
    assert "3 downloaded from the web book" in report._repr_html_()


def test_one_learner_is_counted_in_good_grammar(good):
    report = classroom.class_report(good)
    assert "1 learner file read" in report._repr_html_()
    assert repr(report).startswith("1 learner file read.")


def test_a_book_learners_two_files_with_one_code_count_as_one_person(tmp_path):
    q_pre = next(q for q in items() if q.form == "A" and q.kind == "single")
    q_post = next(q for q in items() if q.form == "B" and q.kind == "single")
    pre = payload("code-river42", [attempt(q_pre, correct=None)], source="book", exported="2026-1")
    post = payload(
        "code-river42", [attempt(q_post, context="post")], source="book", exported="2026-2"
    )
    (tmp_path / "dmst-results-pre-code-river42.json").write_text(json.dumps(pre))
    (tmp_path / "dmst-results-post-code-river42.json").write_text(json.dumps(post))
    report = classroom.class_report(tmp_path)
    assert report.results.problems == [] and len(report.results.learners) == 1
    assert {a["context"] for a in report.results.learners[0].attempts} == {"pre", "post"}
