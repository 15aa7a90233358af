"""Class results: gains per objective, most missed, and every kind of bad input skipped."""

from __future__ import annotations

import json

import pytest

from dmst import classroom, results
from dmst.assessment import items


def write_file(folder, name, learner, answers, *, version=results.FORMAT_VERSION, exported="2026"):
    attempts = [
        {
            "question": q,
            "context": c,
            "answer": "a",
            "correct": ok,
            "attempt": 1,
            "first_try": 1,
            "at": "x",
        }
        for q, c, ok in answers
    ]
    payload = {
        "format": results.FORMAT,
        "version": version,
        "learner": learner,
        "exported": exported,
        "attempts": attempts,
    }
    (folder / name).write_text(json.dumps(payload), encoding="utf-8")


@pytest.fixture
def item():
    return items()[0]


def test_gain_per_objective_with_small_group_caution(tmp_path, item):
    for n in range(3):
        write_file(
            tmp_path,
            f"l{n}.json",
            f"learner{n}",
            [(item.id, "pre", int(n == 0)), (item.id, "post", 1)],
        )
    report = classroom.class_report(tmp_path)
    [row] = report.rows
    assert row.objective == item.objective
    assert (row.pre_learners, row.post_learners) == (3, 3)
    assert row.pre_rate == pytest.approx(1 / 3) and row.post_rate == 1
    assert row.gain == pytest.approx(2 / 3) and row.caution  # three learners: read with caution
    assert "small group" in report._repr_html_()


def test_most_missed_lists_the_worst_first(tmp_path):
    a, b = items()[0], items()[1]
    for n in range(5):
        write_file(
            tmp_path,
            f"l{n}.json",
            f"learner{n}",
            [(a.id, "post", int(n < 4)), (b.id, "post", int(n < 1))],
        )
    report = classroom.class_report(tmp_path)
    missed = report.missed
    assert [m[0] for m in missed] == [b.id, a.id]
    assert missed[0][3] == pytest.approx(0.8)


def test_empty_and_missing_folders_are_reported_not_fatal(tmp_path):
    assert "no results files" in classroom.load_folder(tmp_path).problems[0]
    assert "no such folder" in classroom.load_folder(tmp_path / "nope").problems[0]
    assert "No assessment answers to show yet" in classroom.class_report(tmp_path)._repr_html_()


def test_corrupt_and_foreign_files_are_skipped(tmp_path, item):
    (tmp_path / "broken.json").write_text('{"format": "dmst-res', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    write_file(tmp_path, "good.json", "learner1", [(item.id, "pre", 1)])
    loaded = classroom.load_folder(tmp_path)
    assert [f.learner for f in loaded.learners] == ["learner1"]
    text = " ".join(loaded.problems)
    assert "broken.json: not a results file" in text and "binary.json: not a results file" in text
    assert "other.json: not a DMST results file" in text


def test_file_from_another_version_is_skipped(tmp_path, item):
    write_file(tmp_path, "new.json", "learner1", [(item.id, "pre", 1)], version=99)
    loaded = classroom.load_folder(tmp_path)
    assert loaded.learners == [] and "another version" in loaded.problems[0]


def test_two_files_from_one_learner_keep_the_later(tmp_path, item):
    write_file(tmp_path, "a.json", "same", [(item.id, "pre", 0)], exported="2026-01-01")
    write_file(tmp_path, "b.json", "same", [(item.id, "pre", 1)], exported="2026-02-01")
    loaded = classroom.load_folder(tmp_path)
    assert len(loaded.learners) == 1 and loaded.learners[0].path.name == "b.json"
    assert "a.json: the same learner as b.json" in loaded.problems[0]


def test_answers_to_questions_no_longer_in_the_bank_are_skipped(tmp_path, item):
    write_file(tmp_path, "l.json", "learner1", [(item.id, "pre", 1), ("99.9", "pre", 1)])
    loaded = classroom.load_folder(tmp_path)
    assert [a["question"] for a in loaded.learners[0].attempts] == [item.id]
    assert "no longer has (99.9)" in loaded.problems[0]


def test_damaged_answers_inside_a_good_file_are_skipped(tmp_path, item):
    write_file(tmp_path, "l.json", "learner1", [(item.id, "pre", 1)])
    data = json.loads((tmp_path / "l.json").read_text())
    data["attempts"].append({"question": item.id})
    (tmp_path / "l.json").write_text(json.dumps(data))
    loaded = classroom.load_folder(tmp_path)
    assert len(loaded.learners[0].attempts) == 1 and "1 damaged answer" in loaded.problems[0]


def test_a_learners_export_round_trips_into_the_class_report(tmp_path, item):
    results.record(item.id, "a", True, 1, "pre")
    results.export(tmp_path / "mine.json")
    report = classroom.class_report(tmp_path)
    assert report.rows[0].pre_rate == 1 and report.results.problems == []


def test_the_shipped_sample_reads_as_documented():
    report = classroom.class_report(classroom.SAMPLE_FOLDER)
    assert len(report.results.learners) == 12
    assert len(report.results.problems) == 2  # an old format and a duplicate, on purpose
    assert {r.objective for r in report.rows} == {q.objective for q in items()}
    assert {f.source for f in report.results.learners} == {"notebook", "book"}
    assert any(i.flags for i in report.items)  # the made-up items vary, so the analysis shows


def test_a_folder_given_with_a_tilde_is_found(tmp_path, monkeypatch, item):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "results").mkdir()
    write_file(tmp_path / "results", "l.json", "learner1", [(item.id, "pre", 1)])
    assert len(classroom.load_folder("~/results").learners) == 1


def test_the_panel_reads_a_typed_folder_with_quotes_and_a_tilde(tmp_path, monkeypatch, item):
    from dmst.classpanel import ClassResultsPanel

    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "my results").mkdir()
    write_file(tmp_path / "my results", "l.json", "learner1", [(item.id, "pre", 1)])
    panel = ClassResultsPanel()
    assert "1 learner file read" in panel.show_folder('"~/my results" ')
    assert "no such folder" in panel.show_folder("~/nope")
    assert "Type the folder" in panel.show_folder("  ")


def test_the_panel_reads_uploaded_files(item):
    from dmst.classpanel import ClassResultsPanel

    good = {
        "format": results.FORMAT,
        "version": results.FORMAT_VERSION,
        "learner": "up1",
        "attempts": [
            {
                "question": item.id,
                "context": "pre",
                "answer": "x",
                "correct": 1,
                "attempt": 1,
                "first_try": 1,
                "at": "",
            }
        ],
    }
    files = [
        {"name": "a.json", "content": memoryview(json.dumps(good).encode())},
        {"name": "../../evil.json", "content": b"not json"},
    ]
    page = ClassResultsPanel().show_uploads(files)
    assert "1 learner file read" in page and "evil.json: not a results file" in page
