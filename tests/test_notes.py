"""Facilitator notes take their facts from the data: nothing typed twice, everything still shown."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from dmst.activities import all_activities
from dmst.errors import DataError
from dmst.lessons import Lesson, check_sections, curriculum, parse_lessons
from dmst.notes import checks_markdown, keep_markdown, lesson_checks, timing_markdown
from dmst.questions import bank

ROOT = Path(__file__).resolve().parents[1]
LESSONS = curriculum().lessons
DIRECTIVES = ("dmst-objectives", "dmst-timing", "dmst-keep", "dmst-checks")


def notes_path(lesson: Lesson) -> Path:
    return ROOT / "book" / "instructors" / f"lesson-{lesson.id}.md"


def flat(text: str) -> str:
    """Lower case, single spaces, straight quotes: text as a reader sees it, for comparing."""
    text = html.unescape(text).translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))
    return " ".join(text.split()).lower()


def sentences(text: str) -> list[str]:
    """A rationale's sentences and clauses of eight words or more: long enough to be a copy."""
    parts = re.split(r"(?<=[.;:!?])\s+", text)
    return [p for p in parts if len(p.split()) >= 8]


def retyped(notes: str, lesson: Lesson) -> list[str]:
    """Facts from the data that a notes page types out again (an empty list when none are)."""
    found = []
    text = flat(notes)
    for o in lesson.objectives:
        if flat(o.text) in text or re.search(rf"(?m)^\s*- {re.escape(o.id)} \w", notes):
            found.append(f"objective {o.id}")
    if re.search(r"\*\*Time:\*\*|about \d+ minutes \(\d+", notes):
        found.append("the lesson's time")
    if re.search(r"(?m)^\|.*\|\s*\**\d+\**\s*\|\s*\**\d+\**\s*\|", notes):
        found.append("a table of minutes")
    if "short of time" in text:
        found.append("the always-keep sentence")
    for q in lesson_checks(lesson):
        if re.search(rf"(?m)^\*\*{re.escape(q.id)}\*\* \(", notes):
            found.append(f"check {q.id}'s heading")
        found += [f"check {q.id}'s rationale" for s in sentences(q.rationale) if flat(s) in text]
    return found


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_notes_retype_no_objective_minute_or_rationale(lesson):
    notes = notes_path(lesson).read_text(encoding="utf-8")
    assert retyped(notes, lesson) == []
    for name in DIRECTIVES:
        assert f":::{{{name}}} {lesson.id}\n" in notes, f"{name} is missing"


def test_the_guard_finds_each_kind_of_copy():
    lesson = curriculum().lesson("01")
    q = lesson_checks(lesson)[0]
    copy = "\n".join(
        [
            "**Time:** about 50 minutes (25 reading or teaching, 25 activities).",
            f"- {lesson.objectives[0].id} {lesson.objectives[0].text}",
            "| Rosa | 0 | 8 | 8 |",
            "If you are short of time, always keep the scenario.",
            f"**{q.id}** (single choice, {q.objective}): {q.rationale}",
        ]
    )
    assert retyped(copy, lesson) == [
        "objective O01.1",
        "the lesson's time",
        "a table of minutes",
        "the always-keep sentence",
        f"check {q.id}'s heading",
        *[f"check {q.id}'s rationale"] * len(sentences(q.rationale)),
    ]


def test_generated_parts_hold_the_data():
    lesson = curriculum().lesson("01")
    timing = timing_markdown(lesson)
    assert f"| **Total** | **{lesson.teach_minutes}** | **{lesson.activity_minutes}** |" in timing
    assert timing.count("\n") == len(lesson.sections) + 3
    assert keep_markdown(lesson) == (
        "If you are short of time, always keep the content note, the federal definition, the "
        "scenario and the key points.\n"
    )
    checks = checks_markdown(lesson)
    for q in lesson_checks(lesson):
        assert f"**{q.id}** (" in checks and q.objective in checks
        assert " ".join(q.rationale.split()[:6]) in checks


def test_every_check_has_a_rationale_for_the_notes():
    assert [q.id for q in bank().values() if not q.rationale.strip()] == []


# --- the sections in lessons.yml ------------------------------------------------------------------

LESSON = """
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
      - {title: Terms, minutes: {teach: 8, activities: 4}, checks: ["01.1", "01.2"]}
      - {title: Rosa, minutes: {teach: 9, activities: 5}, discussion: true, keep: true}
      - {title: Key points, part: close, minutes: {teach: 1, activities: 0}, keep: true}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lessons.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_lesson_map_loads_with_its_sections(tmp_path):
    course = parse_lessons(write(tmp_path, LESSON))
    lesson = course.lesson("01")
    assert [s.title for s in lesson.teaching_sections] == ["Terms", "Rosa"]
    assert lesson.part("welcome").keep_phrase == "the content note"
    assert lesson.sections[1].label == "Terms (checks 01.1, 01.2)"
    assert lesson.sections[2].practice and not lesson.sections[0].practice


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("teach: 9,", "teach: 8,"), "teaching minutes add up to 19, not 20"),
        (("part: welcome, ", ""), "the first section, and only it, must be part: welcome"),
        (("part: close, minutes: {teach: 1, activities: 0}, keep: true", "part: close, "
          "minutes: {teach: 1, activities: 0}"), "the close part is always kept"),
        (("part: welcome", "part: opening"), "part must be welcome or close"),
        (("discussion: true", "discuss: true"), "'discuss' is not a known field"),
        (("{teach: 8, activities: 4}", "{teach: 8, activities: four}"), "whole number"),
        (("activities: 4}", "activities: 4}, keep_as: the terms"), "add keep: true"),
        (('["01.1", "01.2"]', '[01.1, 01.2]'), 'write each id in quotes, like "01.4"'),
    ],
)  # fmt: skip
def test_bad_sections_name_file_entry_and_field(tmp_path, change, problem):
    with pytest.raises(DataError) as info:
        parse_lessons(write(tmp_path, LESSON.replace(*change)))
    assert "lessons.yml: entry '01': field 'sections'" in str(info.value)
    assert problem in str(info.value)


@pytest.mark.parametrize(
    ("checks", "problem"),
    [
        (["01.1"], "check '01.2' is in no section; add it where it is taught"),
        (["01.1", "01.2", "01.9"], "section “Terms”: check '01.9' does not exist"),
        (["01.1", "01.2", "01.1"], "check '01.1' is also in “Terms”"),
    ],
)
def test_each_check_sits_in_exactly_one_section(tmp_path, checks, problem):
    ids = ", ".join(f'"{c}"' for c in checks)
    text = LESSON.replace('checks: ["01.1", "01.2"]', f"checks: [{ids}]")
    course = parse_lessons(write(tmp_path, text))
    with pytest.raises(DataError) as info:
        check_sections(course, {"01.1": 1, "01.2": 2}, {}, tmp_path / "lessons.yml")
    assert "lessons.yml: entry '01': field 'sections'" in str(info.value)
    assert problem in str(info.value)


def test_every_check_and_activity_of_the_real_lessons_is_placed_once():
    check_sections(curriculum(), bank(), all_activities(), ROOT / "src/dmst/data/lessons.yml")


# --- the built notes pages ------------------------------------------------------------------------


@pytest.mark.book
@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_built_notes_show_the_facts_from_the_data(built_book, lesson):
    page = (built_book / "book" / "instructors" / f"lesson-{lesson.id}.html").read_text("utf-8")
    text = flat(re.sub(r"<[^>]+>", " ", page))
    assert f"time: about {lesson.minutes} minutes" in text
    for o in lesson.objectives:
        assert flat(o.text) in text
    assert f"total {lesson.teach_minutes} {lesson.activity_minutes} {lesson.minutes}" in text
    assert "if you are short of time, always keep the content note" in text
    for q in lesson_checks(lesson):
        assert flat(" ".join(q.rationale.split()[:5])) in text, q.id
