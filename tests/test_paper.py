"""Paper tests entered in a CSV: read into the class report beside notebook and book files."""

from __future__ import annotations

import csv
import json
import re

import pytest

from dmst import classfiles, classroom, paper, results
from dmst.assessment import forms, items
from dmst.checks import static_html

Q = {q.id: q for q in items()}
INPUT = re.compile(r'<input type="(?:radio|checkbox)"[^>]*value="([^"]+)"')


def right(qid):
    """The letter(s) a learner ticks for the right answer, as printed on the paper test."""
    q = Q[qid]
    return ";".join(paper.letter(i) for i, o in enumerate(q.options) if o.correct)


def wrong(qid):
    q = Q[qid]
    return next(paper.letter(i) for i, o in enumerate(q.options) if not o.correct)


def write_csv(folder, rows, name="paper.csv", header=None):
    header = header or paper.template_header(classfiles.known_questions())
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
    return folder / name


def book_file(folder, learner, answers):
    """A web-book download: answers saved without a verdict (option keys)."""
    attempts = [
        {
            "question": qid,
            "context": context,
            "answer": key,
            "correct": None,
            "attempt": 1,
            "first_try": 1,
            "at": "2026-01-01T00:00:00Z",
        }
        for qid, context, key in answers
    ]
    payload = {
        "format": results.FORMAT,
        "version": results.FORMAT_VERSION,
        "learner": learner,
        "exported": "2026-01-01",
        "source": "book",
        "attempts": attempts,
    }
    (folder / f"{learner}.json").write_text(json.dumps(payload), encoding="utf-8")


def key(qid, ok):
    q = Q[qid]
    if q.kind == "multiple":
        chosen = sorted(q.correct_keys) if ok else [next(o.key for o in q.options if not o.correct)]
        return ",".join(chosen)
    return next(o.key for o in q.options if o.correct == ok)


def test_letters_follow_the_order_learners_see_on_screen():
    for q in items():
        on_screen = INPUT.findall(static_html(q))
        assert list(paper.letters(q).values()) == on_screen, q.id
        assert list(paper.letters(q)) == list("ABCDEFGH"[: len(q.options)])


def test_the_template_has_one_column_per_question_number():
    header = paper.template_header(classfiles.known_questions())
    assert header[:3] == ["learner", "form", "context"]
    most = max(len([q for q in items() if q.form == f]) for f in "AB")
    assert header[3:] == [str(n) for n in range(1, most + 1)]


def test_three_paper_learners_and_three_book_downloads_give_the_expected_rates(tmp_path):
    pre, post = forms()["pre"], forms()["post"]
    one, many = f"{pre}.2", f"{pre}.1"  # a single-choice item and a tick-all-that-apply item
    assert Q[one].kind == "single" and Q[many].kind == "multiple"
    one_after = f"{post}.2"
    drop_one = right(many).split(";")[1:]  # a right letter missing: not right
    write_csv(
        tmp_path,
        [
            {"learner": "River 42", "form": pre, "context": "pre", "2": right(one),
             "1": right(many)},
            {"learner": "moon7", "form": pre, "context": "pre", "2": wrong(one),
             "1": ";".join(drop_one)},
            {"learner": "kite", "form": pre, "context": "pre", "2": right(one)},  # 1 skipped
            {"learner": "river42", "form": post, "context": "post", "2": right(one_after)},
            {"learner": "MOON7", "form": post, "context": "post", "2": right(one_after)},
            {"learner": "kite", "form": post, "context": "post", "2": right(one_after)},
        ],
    )  # fmt: skip
    for name, pre_one, pre_many, post_one in (
        ("book1", False, True, True),
        ("book2", False, False, False),
        ("book3", True, True, True),
    ):
        book_file(
            tmp_path,
            name,
            [
                (one, "pre", key(one, pre_one)),
                (many, "pre", key(many, pre_many)),
                (one_after, "post", key(one_after, post_one)),
            ],
        )
    report = classroom.class_report(tmp_path)
    assert report.results.problems == []
    assert len(report.results.learners) == 6  # river42 and moon7 paired across case and spaces
    rows = {r.objective: r for r in report.rows}
    single, multiple = rows[Q[one].objective], rows[Q[many].objective]
    assert (single.pre_learners, single.pre_rate) == (6, pytest.approx(3 / 6))
    assert (single.post_learners, single.post_rate) == (6, pytest.approx(5 / 6))
    assert (multiple.pre_learners, multiple.pre_rate) == (5, pytest.approx(3 / 5))
    page = report._repr_html_()
    assert "3 downloaded from the web book" in page and "3 entered from paper tests" in page


def good_row(**changes):
    pre = forms()["pre"]
    row = {"learner": "good1", "form": pre, "context": "pre", "2": right(f"{pre}.2")}
    row.update(changes)
    return row


def rates(folder):
    report = classroom.class_report(folder)
    return {r.objective: (r.pre_learners, r.pre_rate) for r in report.rows}, report


BAD_ROWS = {
    "a form that does not exist": (
        {"learner": "bad", "form": "C"},
        "paper.csv, row 3, column form: 'C' is not a form (use A or B); row skipped.",
    ),
    "no learner code": (
        {"learner": "  "},
        "paper.csv, row 3, column learner: no learner code; row skipped.",
    ),
    "a learner code that is a sentence": (
        {"learner": "Jo's test!"},
        'paper.csv, row 3, column learner: "Jo\'s test!" is not a learner code (letters, '
        "digits, - and _ only); row skipped.",
    ),
    "a context that is not pre or post": (
        {"learner": "bad", "context": "middle"},
        "paper.csv, row 3, column context: 'middle' is not pre or post; row skipped.",
    ),
    "a letter that is not an option": (
        {"learner": "bad", "2": "H"},
        "paper.csv, row 3, column 2: 'H' is not an option of question 2 (A to D); "
        "that answer skipped.",
    ),
    "two letters for a tick-one question": (
        {"learner": "bad", "2": "A;B"},
        "paper.csv, row 3, column 2: question 2 takes one answer, not 'A;B' (only "
        "tick-all-that-apply questions take several); that answer skipped.",
    ),
}


@pytest.mark.parametrize("change,message", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_is_one_line_and_the_good_rows_still_count(tmp_path, change, message):
    write_csv(tmp_path, [good_row()])
    before, _ = rates(tmp_path)
    write_csv(tmp_path, [good_row(), good_row(**change)])
    after, report = rates(tmp_path)
    assert report.results.problems == [message]
    assert after == before


def test_an_item_column_that_no_form_has_is_named_and_ignored(tmp_path):
    header = [*paper.template_header(classfiles.known_questions()), "99", "notes"]
    write_csv(tmp_path, [good_row(**{"99": "A", "notes": "late"})], header=header)
    _, report = rates(tmp_path)
    assert report.results.problems == [
        "paper.csv, column 99: no form has that question; column ignored.",
        "paper.csv, column notes: not a question number; column ignored.",
    ]
    assert len(report.results.learners) == 1


def test_a_question_the_rows_form_lacks_is_named(tmp_path):
    few = {qid: q for qid, q in classfiles.known_questions().items() if qid != "B.44"}
    many = {**classfiles.known_questions()}
    header = paper.template_header(many)
    write_csv(tmp_path, [good_row(form="B", context="post", **{"44": "A"})], header=header)
    problems = []
    paper.read_tables([tmp_path / "paper.csv"], few, problems)
    assert problems == [
        "paper.csv, row 2, column 44: form B has no question 44; that answer skipped."
    ]


def test_a_huge_file_is_one_line_and_skipped(tmp_path):
    write_csv(tmp_path, [good_row()])
    before, _ = rates(tmp_path)
    with (tmp_path / "huge.csv").open("w") as handle:
        handle.write("learner,form,context,1\n")
        handle.write("x,A,pre,A\n" * 600_000)
    after, report = rates(tmp_path)
    assert report.results.problems == [
        "huge.csv: larger than 5 MB, too large for a results file; skipped."
    ]
    assert after == before


def test_too_many_rows_and_a_missing_column_are_one_line_each(tmp_path):
    write_csv(tmp_path, [good_row()])
    (tmp_path / "long.csv").write_text("learner,form,context,1\n" + "x,A,pre,A\n" * 3000)
    (tmp_path / "other.csv").write_text("name,score\nSam,12\n")
    _, report = rates(tmp_path)
    assert report.results.problems == [
        f"long.csv: more than {paper.MAX_ROWS:,} rows, too many for a class; skipped.",
        "other.csv: the first row has no column learner or form or context (it needs learner, "
        "form, context, then the question numbers; see paper-tests.csv); skipped.",
    ]
    assert len(report.results.learners) == 1


def test_the_same_learner_twice_in_one_sitting_keeps_the_first(tmp_path):
    write_csv(tmp_path, [good_row(), good_row(learner="GOOD1")])
    _, report = rates(tmp_path)
    assert report.results.problems == [
        "paper.csv, row 3: learner good1 already has a pre-course test (paper.csv, row 2); "
        "this row skipped."
    ]


def test_the_empty_template_says_nothing_is_filled_in(tmp_path):
    paper.write_template(tmp_path / paper.TEMPLATE_NAME)
    _, report = rates(tmp_path)
    assert report.results.problems == ["paper-tests.csv: no rows filled in yet; nothing to read."]


def test_a_spreadsheet_export_with_semicolons_and_words_is_read(tmp_path):
    myth_fact = next(q for q in items() if q.kind == "myth_fact" and q.form == forms()["pre"])
    number = myth_fact.id.partition(".")[2]
    answer = next(o.text for o in myth_fact.options if o.correct)
    text = f"\ufeffLearner;Form;Context;Q{number}\r\nsky9;a;Before;{answer.upper()}\r\n"
    (tmp_path / "export.csv").write_bytes(text.encode("utf-8"))
    _, report = rates(tmp_path)
    assert report.results.problems == []
    [learner] = report.results.learners
    assert learner.source == "paper" and learner.attempts[0]["correct"] == 1


def test_the_command_says_what_it_read_and_names_each_problem(tmp_path, capsys):
    from dmst import cli

    write_csv(tmp_path, [good_row(), good_row(learner="two", form="C")])
    assert cli.main(["class-results", f"'{tmp_path}'"]) == 0  # a pasted path in quotes
    printed = capsys.readouterr().out.splitlines()
    assert printed[:3] == [
        "Read 1 learner file (1 entered from paper tests).",
        "Skipped or fixed (1), also listed in the report:",
        "  paper.csv, row 3, column form: 'C' is not a form (use A or B); row skipped.",
    ]
    assert printed[3] == f"The class report is in {tmp_path / 'class-results.html'}"
    page = (tmp_path / "class-results.html").read_text(encoding="utf-8")
    assert "1 entered from paper tests" in page and "row 3, column form" in page


def test_the_panel_reads_an_uploaded_csv_under_its_own_name(tmp_path):
    from dmst.classpanel import ClassResultsPanel

    table = write_csv(tmp_path, [good_row(), good_row(learner="")])
    files = [{"name": "paper.csv", "content": table.read_bytes()}]
    page = ClassResultsPanel().show_uploads(files)
    assert "1 entered from paper tests" in page
    assert "paper.csv, row 3, column learner: no learner code; row skipped." in page


def test_a_spreadsheet_not_saved_as_csv_is_named(tmp_path):
    write_csv(tmp_path, [good_row()])
    (tmp_path / "paper tests.xlsx").write_bytes(b"PK\x03\x04")
    _, report = rates(tmp_path)
    assert report.results.problems == [
        "paper tests.xlsx: a spreadsheet file, not read; save it as CSV (File → Save As, or "
        "Download, then CSV) in this folder."
    ]
    assert len(report.results.learners) == 1
