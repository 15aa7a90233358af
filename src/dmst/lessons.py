"""The curriculum map: lessons, their minutes, objectives and the seed-page rows each teaches.

Defined once in ``data/lessons.yml``; lesson notebooks show their header with :func:`header`.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.display import Displayed
from dmst.errors import DataError

LESSONS_FILE = DATA / "lessons.yml"
SEED_ROWS = ("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8")
# An objective is measurable when it starts with an observable verb (the contributors' editorial
# guide, book/contributors/editorial.md, "What every lesson has").
MEASURABLE_VERBS = (
    "apply", "choose", "compare", "define", "describe", "distinguish", "estimate", "explain",
    "identify", "interpret", "list", "name", "plan", "recognize", "respond", "use", "evaluate",
)  # fmt: skip
OBJECTIVE_ID = re.compile(r"^O\d{2}\.\d+$")


@dataclass(frozen=True)
class Objective:
    id: str
    text: str
    lesson: str


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    notebook: str
    teach_minutes: int
    activity_minutes: int
    seed_rows: tuple[str, ...]
    objectives: tuple[Objective, ...]

    @property
    def minutes(self) -> int:
        return self.teach_minutes + self.activity_minutes

    @property
    def docname(self) -> str:
        """The Sphinx document name of the lesson's notebook (path without suffix)."""
        return self.notebook.removesuffix(".ipynb")


@dataclass(frozen=True)
class CurriculumMap:
    lessons: tuple[Lesson, ...]

    def lesson(self, lesson_id: str) -> Lesson:
        for item in self.lessons:
            if item.id == lesson_id:
                return item
        raise KeyError(f"no lesson {lesson_id!r} in {LESSONS_FILE.name}")

    @property
    def objectives(self) -> dict[str, Objective]:
        return {o.id: o for lesson in self.lessons for o in lesson.objectives}


def parse_lessons(path: Path) -> CurriculumMap:
    """Load and validate a lesson map; any problem raises one DataError naming entry and field."""
    data = load_yaml(path)
    seen_lessons: set[str] = set()
    seen_objectives: set[str] = set()
    lessons = []
    for e in each_entry(path, data, "lessons"):
        e.unknown_fields(("id", "title", "notebook", "minutes", "seed_rows", "objectives"))
        lesson_id = e.text("id")
        if not re.fullmatch(r"\d{2}", lesson_id):
            raise e.fail("id", 'must be two digits in quotes, like "01"')
        if lesson_id in seen_lessons:
            raise e.fail("id", "is used by another lesson")
        seen_lessons.add(lesson_id)
        minutes = Entry(path, e.get("minutes", dict), e.entry)
        teach = minutes.get("teach", int)
        activities = minutes.get("activities", int)
        if teach <= 0 or activities < 0:
            raise e.fail("minutes", "teach must be above 0 and activities 0 or more")
        rows = tuple(e.text_list("seed_rows"))
        for row in rows:
            if row not in SEED_ROWS:
                raise e.fail("seed_rows", f"{row!r} is not a seed row ({', '.join(SEED_ROWS)})")
        objectives = []
        for raw_objective in e.get("objectives", list):
            o = Entry(path, raw_objective, e.entry)
            o.unknown_fields(("id", "text"))
            oid, text = o.text("id"), o.text("text")
            if not OBJECTIVE_ID.fullmatch(oid) or not oid.startswith(f"O{lesson_id}."):
                raise o.fail("objectives", f"objective id {oid!r} must look like O{lesson_id}.1")
            if oid in seen_objectives:
                raise o.fail("objectives", f"objective id {oid!r} is used twice")
            if not text.lower().startswith(MEASURABLE_VERBS):
                raise o.fail("objectives", f"objective {oid} must start with a measurable verb")
            seen_objectives.add(oid)
            objectives.append(Objective(oid, text, lesson_id))
        if not 3 <= len(objectives) <= 5:
            raise e.fail("objectives", f"has {len(objectives)} objectives; a lesson needs 3 to 5")
        notebook = e.text("notebook")
        if not notebook.startswith("notebooks/") or not notebook.endswith(".ipynb"):
            raise e.fail("notebook", "must be a path like notebooks/01-name.ipynb")
        lessons.append(
            Lesson(lesson_id, e.text("title"), notebook, teach, activities, rows, tuple(objectives))
        )
    return CurriculumMap(tuple(lessons))


@cache
def curriculum() -> CurriculumMap:
    # DMST_LESSONS_FILE lets a draft lesson be checked against a copy of the map.
    return parse_lessons(Path(os.environ.get("DMST_LESSONS_FILE", LESSONS_FILE)))


def header(lesson_id: str) -> LessonHeader:
    """The box at the top of a lesson: time and objectives, from the curriculum map."""
    return LessonHeader(curriculum().lesson(lesson_id))


class LessonHeader(Displayed):
    def __init__(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.render_spec = ("header", lesson.id)
        self.render_label = f"Lesson {lesson.id} at a glance"

    def _repr_html_(self) -> str:
        lesson = self.lesson
        items = "".join(
            f'<li><span class="dmst-objective-id">{o.id}</span> {html.escape(o.text)}</li>'
            for o in lesson.objectives
        )
        return (
            f'<section class="dmst-lesson-header" aria-label="Lesson {lesson.id} at a glance">'
            f'<p class="dmst-time"><strong>Time:</strong> about {lesson.minutes} minutes '
            f"({lesson.teach_minutes} reading or teaching, {lesson.activity_minutes} activities)"
            f"</p><p><strong>By the end of this lesson you will be able to:</strong></p>"
            f'<ul class="dmst-objectives">{items}</ul></section>'
        )

    def __repr__(self) -> str:
        lesson = self.lesson
        lines = [f"Lesson {lesson.id}: {lesson.title} (about {lesson.minutes} minutes)"]
        lines += [f"  {o.id} {o.text}" for o in lesson.objectives]
        return "\n".join(lines)


__all__ = ["CurriculumMap", "DataError", "Lesson", "Objective", "curriculum", "header"]
