"""Session planning data: the planner's rules and the ready plans (``data/sessions.yml``).

The agenda itself is built by :mod:`dmst.planner` from the lessons' sections in ``lessons.yml``;
loading this file also checks that every knowledge check and activity sits in one lesson section,
since an agenda that lost one would silently drop practice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.errors import DataError
from dmst.lessons import CurriculumMap, check_sections, curriculum, lessons_path

SESSIONS_FILE = DATA / "sessions.yml"
FORMS = ("short", "full")  # the assessment's short form (one item per lesson) or the full form


@dataclass(frozen=True)
class Settings:
    welcome: int
    content_note: int
    close: int
    longest_without_break: int
    break_minutes: int
    assessment: dict[str, int]  # form -> minutes for one sitting
    lessons: tuple[str, ...]
    longest_session: int


@dataclass(frozen=True)
class ReadyPlan:
    id: str
    title: str
    minutes: int  # the session's length, or each session's in a course
    audience: str
    assessment: str = ""  # "", "short" or "full"
    course: bool = False
    lessons: tuple[str, ...] = ()  # empty: the planner's default lessons (all, for a course)


@dataclass(frozen=True)
class SessionData:
    settings: Settings
    plans: tuple[ReadyPlan, ...]

    def plan(self, plan_id: str) -> ReadyPlan:
        for p in self.plans:
            if p.id == plan_id:
                return p
        raise KeyError(f"no ready plan {plan_id!r} in {SESSIONS_FILE.name}")


def parse_sessions(path: Path, course: CurriculumMap) -> SessionData:
    data = load_yaml(path)
    if not isinstance(data, dict) or "planner" not in data:
        raise DataError(path, "must have a top-level 'planner' mapping")
    settings = _settings(Entry(path, data["planner"], "planner"), course)
    plans = []
    seen: set[str] = set()
    for e in each_entry(path, data, "plans"):
        e.unknown_fields(("id", "title", "minutes", "audience", "assessment", "course", "lessons"))
        plan_id = e.text("id")
        if not re.fullmatch(r"[a-z0-9-]+", plan_id) or plan_id in seen:
            raise e.fail("id", "must be unique, in lower-case letters, digits and hyphens")
        seen.add(plan_id)
        assessment = e.text("assessment", "")
        if assessment and assessment not in FORMS:
            raise e.fail("assessment", f"must be {' or '.join(FORMS)}, not {assessment!r}")
        minutes = e.get("minutes", int)
        if not 0 < minutes <= settings.longest_session:
            raise e.fail("minutes", f"must be from 1 to {settings.longest_session}")
        lessons = tuple(_lesson_ids(e, "lessons", course, []))
        plans.append(
            ReadyPlan(
                plan_id,
                e.text("title"),
                minutes,
                e.text("audience"),
                assessment,
                e.get("course", bool, False),
                lessons,
            )
        )
    return SessionData(settings, tuple(plans))


def _settings(s: Entry, course: CurriculumMap) -> Settings:
    fields = ("welcome", "content_note", "close", "longest_without_break", "break")
    s.unknown_fields((*fields, "assessment", "lessons", "longest_session"))
    numbers = {}
    for name in (*fields, "longest_session"):
        numbers[name] = s.get(name, int)
        if numbers[name] <= 0:
            raise s.fail(name, "must be a whole number of minutes above 0")
    forms = Entry(s.path, s.get("assessment", dict), s.entry)
    forms.unknown_fields(FORMS)
    assessment = {form: forms.get(form, int) for form in FORMS}
    if min(assessment.values()) <= 0:
        raise s.fail("assessment", "each form needs minutes above 0")
    if max(assessment.values()) > numbers["longest_without_break"]:
        raise s.fail("assessment", "a form must fit between two breaks")
    return Settings(
        welcome=numbers["welcome"],
        content_note=numbers["content_note"],
        close=numbers["close"],
        longest_without_break=numbers["longest_without_break"],
        break_minutes=numbers["break"],
        assessment=assessment,
        lessons=tuple(_lesson_ids(s, "lessons", course)),
        longest_session=numbers["longest_session"],
    )


def _lesson_ids(e: Entry, field: str, course: CurriculumMap, default=...) -> list[str]:
    ids = e.text_list(field, default)
    known = {lesson.id for lesson in course.lessons}
    for lesson_id in ids:
        if lesson_id not in known:
            raise e.fail(field, f"{lesson_id!r} is not a lesson in lessons.yml")
    if len(set(ids)) != len(ids):
        raise e.fail(field, "names a lesson twice")
    return ids


@cache
def sessions() -> SessionData:
    """The planner's rules and ready plans, after checking the lessons' sections are complete."""
    from dmst.activities import all_activities
    from dmst.questions import bank

    course = curriculum()
    check_sections(course, bank(), all_activities(), lessons_path())
    return parse_sessions(SESSIONS_FILE, course)
