"""Bad content files stop with one clear message naming the file, the entry and the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dmst.errors import DataError
from dmst.layout import option_key
from dmst.ledger import parse_ledger
from dmst.lessons import parse_lessons
from dmst.questions import load_banks, parse_bank
from dmst.resources import parse_resources

GOOD_QUESTION = """
  - id: "01.1"
    objective: O01.1
    kind: single
    prompt: Which is right?
    options:
      - {text: This one, correct: true, feedback: Because it is.}
      - {text: That one, feedback: Because it is not.}
    explanation: The reason.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def bank_error(tmp_path: Path, body: str, ledger=None) -> DataError:
    path = write(tmp_path, "01-bank.yml", 'lesson: "01"\nquestions:\n' + body)
    with pytest.raises(DataError) as info:
        parse_bank(path, {"O01.1", "O01.2"}, ledger or {})
    return info.value


def test_good_bank_loads(tmp_path):
    path = write(tmp_path, "01-bank.yml", 'lesson: "01"\nquestions:\n' + GOOD_QUESTION)
    [q] = parse_bank(path, {"O01.1"}, {})
    right = next(o for o in q.options if o.text == "This one")
    assert q.correct_keys == {right.key} and right.key == option_key("01.1", "This one")


@pytest.mark.parametrize(
    ("body", "entry", "field", "problem"),
    [
        (GOOD_QUESTION.replace("    prompt: Which is right?\n", ""), "01.1", "prompt", "missing"),
        (GOOD_QUESTION.replace("kind: single", "kind: essay"), "01.1", "kind", "not a known kind"),
        (GOOD_QUESTION.replace("correct: true", "correct: false"), "01.1", "options", "no option"),
        (
            GOOD_QUESTION.replace("{text: That one,", "{text: That one, correct: true,"),
            "01.1",
            "options",
            "single choice needs one",
        ),
        (GOOD_QUESTION + GOOD_QUESTION, "01.1", "id", "used by another question"),
        (
            GOOD_QUESTION.replace(", feedback: Because it is not.", ""),
            "01.1",
            "options",
            "has no feedback",
        ),
        (
            GOOD_QUESTION.replace("objective: O01.1", "objective: O09.9"),
            "01.1",
            "objective",
            "O09.9",
        ),
        (GOOD_QUESTION.replace('id: "01.1"', "id: one"), "one", "id", 'must look like "01.2"'),
        (
            GOOD_QUESTION.replace("correct: true", "correct: yes please"),
            "01.1",
            "correct",
            "true or false",
        ),
        (
            GOOD_QUESTION.replace("explanation:", "explanaton:"),
            "01.1",
            "explanaton",
            "not a known field",
        ),
        (
            '  - id: "01.2"\n    objective: O01.1\n    kind: myth_fact\n    prompt: A claim\n'
            "    answer: maybe\n    feedback: {myth: a, fact: b}\n    explanation: c\n",
            "01.2",
            "answer",
            "must be myth or fact",
        ),
        (
            '  - id: "01.2"\n    objective: O01.1\n    kind: myth_fact\n    prompt: A claim\n'
            "    answer: myth\n    feedback: {myth: a}\n    explanation: c\n",
            "01.2",
            "fact",
            "missing",
        ),
        (
            '  - id: "01.3"\n    objective: O01.1\n    kind: numeric\n    prompt: Guess\n'
            "    unit: youth\n    answer: {ledger: nowhere, number: youth}\n    explanation: c\n",
            "01.3",
            "answer",
            "'nowhere' is not in ledger.yml",
        ),
    ],
    ids=[
        "missing-field",
        "unknown-kind",
        "no-correct-option",
        "two-correct-single",
        "duplicate-id",
        "feedback-missing",
        "unknown-objective",
        "malformed-id",
        "not-a-boolean",
        "misspelt-field",
        "myth-fact-answer",
        "myth-fact-feedback",
        "numeric-unknown-ledger-entry",
    ],
)
def test_bad_bank_entry_names_file_entry_and_field(tmp_path, body, entry, field, problem):
    error = bank_error(tmp_path, body)
    message = str(error)
    assert message.startswith("01-bank.yml") or "01-bank.yml" in message
    assert f"entry {entry!r}" in message
    assert f"field {field!r}" in message
    assert problem in message
    assert "\n" not in message  # one line, no traceback text


def test_bad_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "01-bank.yml", 'lesson: "01"\nquestions:\n  - id: "01.1\n    kind: x\n')
    with pytest.raises(DataError, match=r"01-bank.yml: is not valid YAML at line \d+"):
        parse_bank(path, set(), {})


def test_bank_without_questions_list(tmp_path):
    path = write(tmp_path, "01-bank.yml", "lesson: '01'\nquestion: []\n")
    with pytest.raises(DataError, match="top-level 'questions' list"):
        parse_bank(path, set(), {})


def test_same_id_in_two_banks(tmp_path, monkeypatch):
    write(tmp_path, "01-a.yml", "questions:\n" + GOOD_QUESTION)
    write(tmp_path, "01-b.yml", "questions:\n" + GOOD_QUESTION)
    with pytest.raises(DataError, match=r"01-b.yml: entry '01.1': field 'id': also defined in"):
        load_banks(tmp_path)


GOOD_LESSON = """
lessons:
  - id: "01"
    title: What is DMST?
    notebook: notebooks/01-what-is-dmst.ipynb
    minutes: {teach: 20, activities: 10}
    seed_rows: [S1]
    objectives:
      - {id: O01.1, text: Define it.}
      - {id: O01.2, text: Explain it.}
      - {id: O01.3, text: Distinguish it.}
    sections:
      - {title: Welcome, part: welcome, minutes: {teach: 2, activities: 1}, keep: true}
      - {title: Teaching, minutes: {teach: 17, activities: 9}, keep: true}
      - {title: Key points, part: close, minutes: {teach: 1, activities: 0}, keep: true}
"""


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (("seed_rows: [S1]", "seed_rows: [S9]"), "seed_rows", "not a seed row"),
        (("teach: 20", "teach: 0"), "minutes", "above 0"),
        (("teach: 20", "teach: twenty"), "teach", "whole number"),
        (("Explain it.", "Understand it."), "objectives", "measurable verb"),
        (
            ("{id: O01.3, text: Distinguish it.}", "{id: O01.2, text: Name it.}"),
            "objectives",
            "twice",
        ),
        (("      - {id: O01.3, text: Distinguish it.}\n", ""), "objectives", "3 to 5"),
    ],
)
def test_bad_lesson_map(tmp_path, change, field, problem):
    path = write(tmp_path, "lessons.yml", GOOD_LESSON.replace(*change))
    with pytest.raises(DataError) as info:
        parse_lessons(path)
    assert "lessons.yml: entry '01'" in str(info.value)
    assert f"field {field!r}" in str(info.value)
    assert problem in str(info.value)


GRADES = """
grades:
  A: {means: measured exactly what it says, in_brief: measured it}
  B: {means: 'a real study, but dated', in_brief: 'real, but dated'}
  C: {means: misstated, in_brief: misstated}
  D: {means: no source found, in_brief: no source}
"""
GOOD_ENTRY = (
    GRADES
    + """
entries:
  - id: demo
    kind: evidence
    traced_to: a study
    measured: {population: youth, place: six cities, period: '2014', method: interviews}
    problems: limits
    grade: B
    grade_reason: dated
    status: read
    numbers:
      - {key: youth, label: youth in the trade, unit: youth, low: 10, high: 20}
    refs: [swaner2016]
    cite_as: Demo, 2016
    short: A demo study
"""
)


@pytest.mark.parametrize(
    ("change", "entry", "field", "problem"),
    [
        (("    grade: B\n", ""), "demo", "grade", "missing"),
        (("grade: B", "grade: E"), "demo", "grade", "one of A, B, C, D"),
        (("low: 10, high: 20", "low: 30, high: 20"), "demo", "numbers", "low (30) is above high"),
        (("refs: [swaner2016]", "refs: [nobody1999]"), "demo", "refs", "'nobody1999' is not a key"),
        (("status: read", "status: rumoured"), "demo", "status", "must be one of"),
        (("low: 10,", "low: ten,"), "demo", "low", "must be a number"),
        (("high: 20}", "high: 20, grade: Z}"), "demo", "numbers", "grade 'Z' must be one of"),
    ],
)
def test_bad_ledger_entry(tmp_path, change, entry, field, problem):
    path = write(tmp_path, "ledger.yml", GOOD_ENTRY.replace(*change))
    with pytest.raises(DataError) as info:
        parse_ledger(path, known_refs={"swaner2016"})
    message = str(info.value)
    assert message.startswith("ledger.yml") or "ledger.yml:" in message
    assert f"entry {entry!r}" in message and f"field {field!r}" in message and problem in message


def test_the_grades_are_read_from_the_ledger_file(tmp_path):
    from dmst.datafile import load_yaml
    from dmst.ledger import parse_grades, parse_ledger

    path = write(tmp_path, "ledger.yml", GOOD_ENTRY)
    assert parse_ledger(path, known_refs={"swaner2016"})["demo"].grade == "B"
    grades = parse_grades(path, load_yaml(path))
    assert list(grades) == ["A", "B", "C", "D"]
    assert (grades["B"].means, grades["B"].in_brief) == (
        "a real study, but dated",
        "real, but dated",
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("  B: {means: 'a real study, but dated', in_brief: 'real, but dated'}\n", ""),
         "ledger.yml: entry 'grade B': is missing from 'grades'"),
        (("in_brief: 'real, but dated'}", "brief: 'real, but dated'}"),
         "ledger.yml: entry 'grade B': field 'brief': is not a known field"),
        (("  B: {means: 'a real study, but dated', ", "  B: {"),
         "ledger.yml: entry 'grade B': field 'means': is missing"),
        (("in_brief: misstated}", "in_brief: ''}"),
         "ledger.yml: entry 'grade C': field 'in_brief': is empty"),
        (("  D: {means", "  E: {means"), "ledger.yml: entry 'grade E': is not a grade"),
        (("  A: {means: measured exactly what it says, in_brief: measured it}", "  A: best"),
         "ledger.yml: entry 'grade A': must be a mapping of fields"),
        (("grades:", "grade:"), "ledger.yml: must have a 'grades' mapping"),
    ],
)  # fmt: skip
def test_a_malformed_grades_block_names_file_entry_and_field(tmp_path, change, expected):
    path = write(tmp_path, "ledger.yml", GOOD_ENTRY.replace(*change))
    with pytest.raises(DataError) as info:
        parse_ledger(path, known_refs={"swaner2016"})
    assert expected in str(info.value), str(info.value)


def test_duplicate_ledger_id(tmp_path):
    body = GOOD_ENTRY + GOOD_ENTRY.split("entries:\n", 1)[1]
    path = write(tmp_path, "ledger.yml", body)
    with pytest.raises(DataError, match="entry 'demo': field 'id': is used by another entry"):
        parse_ledger(path, known_refs={"swaner2016"})


GOOD_OUTREACH = """
sections:
  - {id: S1, title: What is DMST, teaching: The definition.}
  - {id: S2, title: Who are the victims, teaching: Young people of any background.}
"""


def test_outreach_sections_are_read_in_order(tmp_path):
    from dmst.outreach import parse_outreach

    sections = parse_outreach(write(tmp_path, "outreach.yml", GOOD_OUTREACH))
    assert [(s.id, s.title) for s in sections] == [
        ("S1", "What is DMST"),
        ("S2", "Who are the victims"),
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("title: What is DMST, ", ""), "outreach.yml: entry 'S1': field 'title': is missing"),
        (("teaching: The definition.", "teaching: ''"),
         "outreach.yml: entry 'S1': field 'teaching': is empty"),
        (("{id: S2, title", "{id: S2, name: x, title"),
         "outreach.yml: entry 'S2': field 'name': is not a known field"),
        (("{id: S2,", "{id: Part 2,"),
         "outreach.yml: entry 'Part 2': field 'id': 'Part 2' must be S"),
        (("{id: S2,", "{id: S3,"), "outreach.yml: entry 'S3': field 'id': must be S2"),
        (("{id: S2,", "{id: S1,"), "outreach.yml: entry 'S1': field 'id': is used by another"),
        (("sections:", "parts:"), "outreach.yml: must have a top-level 'sections' list"),
    ],
)  # fmt: skip
def test_a_malformed_outreach_file_names_file_entry_and_field(tmp_path, change, expected):
    from dmst.outreach import parse_outreach

    path = write(tmp_path, "outreach.yml", GOOD_OUTREACH.replace(*change))
    with pytest.raises(DataError) as info:
        parse_outreach(path)
    assert expected in str(info.value), str(info.value)


def test_a_lesson_may_teach_only_the_outreach_files_sections(tmp_path):
    path = write(tmp_path, "lessons.yml", GOOD_LESSON)
    assert parse_lessons(path, known_rows=("S1",)).lessons[0].seed_rows == ("S1",)
    with pytest.raises(DataError, match="entry '01': field 'seed_rows': 'S1' is not a seed row"):
        parse_lessons(path, known_rows=("S2", "S3"))


GOOD_RESOURCE = """
resources:
  - id: local
    name: County youth services
    scope: local
    purpose: Help for young people.
    contacts:
      - {kind: phone, value: 555-555-0100, label: Call}
      - {kind: web, value: https://example.org/help}
    status: read
    checked: {date: 2026-11, what: "the county's own page"}
"""


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("value: 555-555-0100", "value: call us"), "'call us' is not a phone number"),
        (("value: https://example.org/help", "value: not a url"), "is not a web address"),
        (("    name: County youth services\n", ""), "field 'name': is missing"),
        (("scope: local", "scope: county"), "field 'scope': must be one of"),
        (("kind: phone", "kind: pager"), "kind 'pager' is not one of"),
    ],
)
def test_bad_resources(tmp_path, change, problem):
    path = write(tmp_path, "resources.yml", GOOD_RESOURCE.replace(*change))
    with pytest.raises(DataError) as info:
        parse_resources(path)
    assert "resources.yml: entry 'local'" in str(info.value)
    assert problem in str(info.value)


def test_shipped_data_files_load():
    from dmst.ledger import grades, ledger
    from dmst.lessons import curriculum
    from dmst.outreach import outreach
    from dmst.questions import bank
    from dmst.resources import load_resources

    assert curriculum().lessons and bank() and ledger() and load_resources()
    assert list(grades()) == ["A", "B", "C", "D"]
    assert [s.id for s in outreach()] == [f"S{n}" for n in range(1, 9)]


def test_ledger_page_markdown_has_a_section_per_entry():
    from dmst.ledger import ledger
    from dmst.pages import ledger_markdown

    text = ledger_markdown()
    for entry in ledger().values():
        assert f"(ledger-{entry.id.replace('.', '-')})=" in text
        assert entry.cite_as.split()[0] in text
    assert "Grade D</span> no source found, or debunked" in text


def test_an_instructors_own_resources_reach_the_support_box(tmp_path, monkeypatch):
    from dmst.resources import resources_path, support_box_html

    own = write(tmp_path, "mine.yml", GOOD_RESOURCE)
    monkeypatch.setenv("DMST_RESOURCES", str(own))
    box = support_box_html()
    assert "County youth services" in box and "Your organisation and local services" in box
    assert resources_path() == own  # the file each lesson page notes as its dependency


def test_a_bad_resources_override_stops_with_its_own_name(tmp_path, monkeypatch):
    from dmst.resources import load_resources

    own = write(tmp_path, "mine.yml", GOOD_RESOURCE.replace("555-555-0100", "call us"))
    monkeypatch.setenv("DMST_RESOURCES", str(own))
    with pytest.raises(DataError, match=r"mine.yml: entry 'local'.*not a phone number"):
        load_resources()


def test_make_book_precheck_prints_one_line_for_a_bad_file(tmp_path):
    import os
    import subprocess
    import sys

    own = write(tmp_path, "mine.yml", GOOD_RESOURCE.replace("555-555-0100", "call us"))
    env = dict(os.environ, DMST_RESOURCES=str(own))
    run = subprocess.run(
        [sys.executable, "-m", "dmst", "check"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert (
        len(lines) == 1 and "mine.yml: entry 'local'" in lines[0] and "Traceback" not in run.stderr
    )
    ok = subprocess.run([sys.executable, "-m", "dmst", "check"], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stderr == ""


# --- strict YAML: duplicate keys, alias bombs, folders -------------------------------------------


def test_a_key_written_twice_is_an_error_naming_both_lines(tmp_path):
    twice = GOOD_QUESTION.replace("    prompt: Which is right?\n", "    prompt: A\n    prompt: B\n")
    error = bank_error(tmp_path, twice)
    assert "the key 'prompt' is written twice in one entry (lines 7 and 8)" in str(error)


ALIAS_BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "questions: *i\n"
)


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    import time

    assert len(ALIAS_BOMB.encode()) < 600
    path = write(tmp_path, "01-bank.yml", ALIAS_BOMB)
    started = time.monotonic()
    with pytest.raises(DataError, match="too large once its YAML aliases"):
        parse_bank(path, {"O01.1"}, {})
    assert time.monotonic() - started < 2


def test_small_aliases_still_work(tmp_path):
    from dmst.datafile import load_yaml

    text = 'lesson: "01"\nquestions:\n' + GOOD_QUESTION.replace(
        "feedback: Because it is.}", "feedback: &fb Because it is.}"
    ).replace("feedback: Because it is not.", "feedback: *fb")
    data = load_yaml(write(tmp_path, "01-bank.yml", text))
    assert data["questions"][0]["options"][1]["feedback"] == "Because it is."


def test_a_folder_in_place_of_a_file_is_named(tmp_path):
    (tmp_path / "01-bank.yml").mkdir()
    with pytest.raises(DataError, match=r"01-bank\.yml: is a folder, not a file"):
        parse_bank(tmp_path / "01-bank.yml", {"O01.1"}, {})


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("key: care", 'key: "o\'clock"'),
        ("key: care", "key: care.1"),
        ("key: care", "key: Care Now"),
    ],
)
def test_names_that_reach_the_page_are_safe(tmp_path, text, field):
    from dmst.activities import parse_activities

    sort = """activities:
  - id: "02.sort"
    kind: sort
    title: Sort
    prompt: Sort them.
    categories:
      - {key: care, label: Care}
      - {key: risk, label: Risk}
    items:
      - {text: One, category: care, feedback: Because.}
      - {text: Two, category: risk, feedback: Because.}
      - {text: Three, category: risk, feedback: Because.}
"""
    bad = sort.replace(text, field, 1).replace("category: care", f"category: {field[5:]}", 1)
    path = write(tmp_path, "02-x.yml", bad)
    with pytest.raises(DataError, match=r"02-x.yml: entry '02.sort': field 'key': .* must be"):
        parse_activities(path)
