"""Paper tests in the class report: a table of the letters learners ticked, read like results files.

A class that takes the pre- and post-course assessment on paper (``make handouts`` prints the
forms, lettered A, B, C... in the order learners see on screen) is entered into a CSV table, one
row per learner per sitting::

    learner,form,context,1,2,3,...
    river42,A,pre,C,A;D,B,...

``learner`` is the anonymous code the learner wrote at the top of the test (the same code on both
tests lets the report pair them; case and spaces do not matter), ``form`` is the letter printed
on the test, ``context`` is ``pre`` or ``post``, and each numbered column holds the letter(s)
ticked for that question of the form: ``B``, ``A;C`` for tick-all-that-apply, blank when skipped.
Myth-or-fact questions take their letter or the word (``Myth``, ``Fact``).

Letters are turned into option keys through the display order, graded against the banks, and
become the same attempt records a results file holds (first tries, no verdict stored on paper), so
a class on paper gets the same analysis. Anything wrong (a form that does not exist, a question
number the form lacks, a letter that is not an option, a row without a learner code, a file too
large) is one line naming the file, row and column, and only that row or answer is skipped.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dmst.classfiles import LEARNER, LearnerFile, grade_answer, read_capped

FIXED_COLUMNS = ("learner", "form", "context")
CONTEXT_WORDS = {"pre": "pre", "before": "pre", "post": "post", "after": "post"}
MAX_ROWS = 2_000  # a large class is a few hundred rows
TEMPLATE_NAME = "paper-tests.csv"
ITEM_COLUMN = re.compile(r"^(?:q(?:uestion)?\s*)?(\d{1,3})$", re.I)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SOURCE = "paper"


def letter(index: int) -> str:
    """The letter printed beside the option at ``index`` in display order: 0 -> "A"."""
    return LETTERS[index]


def letters(question: Any) -> dict[str, str]:
    """Letter -> option key, in display order (the order on screen and on the printed test)."""
    return {letter(i): o.key for i, o in enumerate(question.options)}


def answer_letters(question: Any) -> str:
    """The right letter(s) for the scoring key, e.g. "C", "A, D" or "B (Fact)"."""
    right = [letter(i) for i, o in enumerate(question.options) if o.correct]
    text = ", ".join(right)
    if question.kind == "myth_fact":
        text += f" ({next(o.text for o in question.options if o.correct)})"
    return text


def form_questions(questions: dict[str, Any]) -> dict[str, dict[int, Any]]:
    """Form letter -> item number -> question, for the assessment items among ``questions``."""
    forms: dict[str, dict[int, Any]] = {}
    for qid, q in questions.items():
        head, _, number = qid.partition(".")
        if len(head) == 1 and head.isalpha() and number.isdigit():
            forms.setdefault(head, {})[int(number)] = q
    return forms


def template_header(questions: dict[str, Any]) -> list[str]:
    """The template's first row: the fixed columns, then every item number a form has."""
    forms = form_questions(questions)
    numbers = sorted({n for items in forms.values() for n in items})
    return [*FIXED_COLUMNS, *(str(n) for n in numbers)]


def write_template(path: Path, questions: dict[str, Any] | None = None) -> Path:
    """The empty CSV an instructor fills in (one header row; a spreadsheet opens it)."""
    if questions is None:
        from dmst.classfiles import known_questions

        questions = known_questions()
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(template_header(questions))
    return path


# --- reading -------------------------------------------------------------------------------------

SPREADSHEETS = (".xlsx", ".xls", ".ods", ".numbers")


def unsaved_spreadsheets(paths: list[Path]) -> list[str]:
    """A spreadsheet saved in its own format is not read: one line saying how to save it."""
    return [
        f"{p.name}: a spreadsheet file, not read; save it as CSV (File → Save As, or Download, "
        "then CSV) in this folder."
        for p in paths
        if p.suffix.lower() in SPREADSHEETS
    ]


@dataclass
class _Sitting:
    where: str  # "paper.csv, row 3", for a later duplicate's message
    path: Path


def read_tables(
    paths: list[Path], questions: dict[str, Any], problems: list[str]
) -> list[LearnerFile]:
    """Every learner in the CSV files: rows with the same code (in any file) are one learner."""
    forms = form_questions(questions)
    learners: dict[str, LearnerFile] = {}
    seen: dict[tuple[str, str], _Sitting] = {}
    for path in paths:
        for code, context, attempts, row in _rows(path, forms, problems):
            where = f"{path.name}, row {row}"
            earlier = seen.get((code, context))
            if earlier is not None:
                problems.append(
                    f"{where}: learner {code} already has a {context}-course test "
                    f"({earlier.where}); this row skipped."
                )
                continue
            seen[(code, context)] = _Sitting(where, path)
            learner = learners.setdefault(
                code, LearnerFile(path, f"{SOURCE}-{code}", "", [], SOURCE)
            )
            learner.attempts.extend(attempts)
    return list(learners.values())


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # a spreadsheet's older "CSV" export
        return raw.decode("cp1252", errors="replace")


def _dialect(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _rows(path: Path, forms: dict[str, dict[int, Any]], problems: list[str]):
    """(learner code, context, attempts, row number) for each good row of one file."""
    name = path.name
    try:
        text = _decode(read_capped(path))
    except OSError as exc:
        problems.append(f"{name}: {exc.strerror or exc}; skipped.")
        return
    try:
        table = list(csv.reader(io.StringIO(text), delimiter=_dialect(text.split("\n", 1)[0])))
    except csv.Error as exc:
        problems.append(f"{name}: not a table the report can read ({exc}); skipped.")
        return
    if not table or not any(cell.strip() for cell in table[0]):
        problems.append(f"{name}: empty; skipped.")
        return
    if len(table) - 1 > MAX_ROWS:
        problems.append(f"{name}: more than {MAX_ROWS:,} rows, too many for a class; skipped.")
        return
    header = [cell.strip().lower() for cell in table[0]]
    missing = [c for c in FIXED_COLUMNS if c not in header]
    if missing:
        problems.append(
            f"{name}: the first row has no column {' or '.join(missing)} (it needs learner, "
            "form, context, then the question numbers; see paper-tests.csv); skipped."
        )
        return
    fixed = {c: header.index(c) for c in FIXED_COLUMNS}
    numbers = {n for items in forms.values() for n in items}
    columns: dict[int, int] = {}  # cell index -> item number
    for i, label in enumerate(header):
        if i in fixed.values() or not label:
            continue
        match = ITEM_COLUMN.fullmatch(label)
        original = table[0][i].strip()
        if match is None or int(match.group(1)) not in numbers:
            what = "not a question number" if match is None else "no form has that question"
            problems.append(f"{name}, column {original}: {what}; column ignored.")
        elif int(match.group(1)) in columns.values():
            problems.append(f"{name}, column {original}: appears twice; the second is ignored.")
        else:
            columns[i] = int(match.group(1))
    filled = 0
    for row_number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        filled += 1
        where = f"{name}, row {row_number}"

        def cell(i: int, cells=cells) -> str:
            return cells[i].strip() if i < len(cells) else ""

        code = re.sub(r"\s+", "", cell(fixed["learner"])).lower()
        if not code:
            problems.append(f"{where}, column learner: no learner code; row skipped.")
            continue
        if not LEARNER.fullmatch(code):
            problems.append(
                f"{where}, column learner: {_show(cell(fixed['learner']))} is not a learner code "
                "(letters, digits, - and _ only); row skipped."
            )
            continue
        form = cell(fixed["form"]).upper().removeprefix("FORM").strip()
        if form not in forms:
            have = " or ".join(sorted(forms)) or "none"
            problems.append(
                f"{where}, column form: {_show(cell(fixed['form']))} is not a form "
                f"(use {have}); row skipped."
            )
            continue
        context = CONTEXT_WORDS.get(cell(fixed["context"]).lower())
        if context is None:
            problems.append(
                f"{where}, column context: {_show(cell(fixed['context']))} is not pre or post; "
                "row skipped."
            )
            continue
        attempts = []
        for i, number in columns.items():
            value = cell(i)
            if not value:
                continue
            q = forms[form].get(number)
            if q is None:
                problems.append(
                    f"{where}, column {number}: form {form} has no question {number}; "
                    "that answer skipped."
                )
                continue
            answer, trouble = parse_answer(q, value)
            if trouble:
                problems.append(f"{where}, column {number}: {trouble}; that answer skipped.")
                continue
            correct = grade_answer(q, answer)
            if correct is None:
                problems.append(
                    f"{where}, column {number}: {_show(value)} cannot be graded; "
                    "that answer skipped."
                )
                continue
            attempts.append(
                {
                    "question": q.id,
                    "context": context,
                    "answer": answer,
                    "correct": correct,
                    "attempt": 1,
                    "first_try": 1,
                    "at": "",
                }
            )
        yield code, context, attempts, row_number
    if not filled:
        problems.append(f"{name}: no rows filled in yet; nothing to read.")


def parse_answer(q: Any, value: str) -> tuple[str, str]:
    """(the answer as a results file stores it, "" ) or ("", what is wrong with ``value``)."""
    if q.kind == "numeric":
        return value, ""
    options = letters(q)
    words = {o.text.casefold(): letter(i) for i, o in enumerate(q.options)}
    if q.kind == "myth_fact" and value.casefold() in words:
        value = words[value.casefold()]
    chosen = [c for c in re.split(r"[\s,;/+&]+", value.upper()) if c]
    if len(chosen) == 1 and len(chosen[0]) > 1 and chosen[0].isalpha():
        chosen = list(chosen[0])  # "AC" for A and C
    last = letter(len(q.options) - 1)
    bad = [c for c in chosen if c not in options]
    if bad:
        return "", f"{_show(bad[0])} is not an option of question {_number(q)} (A to {last})"
    if len(set(chosen)) != len(chosen):
        chosen = list(dict.fromkeys(chosen))
    if q.kind != "multiple" and len(chosen) > 1:
        return "", (
            f"question {_number(q)} takes one answer, not {_show(value)} "
            "(only tick-all-that-apply questions take several)"
        )
    return ",".join(sorted(options[c] for c in chosen)), ""


def _number(q: Any) -> str:
    return q.id.partition(".")[2]


def _show(value: Any) -> str:
    text = str(value)
    if not text:
        return "an empty cell"
    return repr(text if len(text) <= 20 else text[:17] + "...")


__all__ = ["answer_letters", "letters", "read_tables", "template_header", "write_template"]
