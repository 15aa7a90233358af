"""The curriculum map: lessons, their sections and minutes, objectives and the seed-page rows.

Defined once in ``data/lessons.yml``; lesson notebooks show their header with :func:`header`, the
facilitator notes take their objectives, timing table and checks from here (:mod:`dmst.notes`),
and the session planner builds agendas from the sections (:mod:`dmst.planner`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dmst import settings
from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.display import Displayed
from dmst.errors import DataError

LESSONS_FILE = DATA / "lessons.yml"
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


PARTS = ("welcome", "close")  # the lesson's opening (content note) and closing (key points) rows


@dataclass(frozen=True)
class Section:
    """One row of a lesson's timing: what is taught, for how long, and with which practice."""

    title: str
    teach_minutes: int
    activity_minutes: int
    checks: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()  # shown with the title: "diagram", "chart", "Imani's case"...
    discussion: bool = False  # a scenario the group discusses
    keep: bool = False  # the notes say: always keep this when time is short
    keep_as: str = ""  # how the notes' "always keep" sentence names it
    part: str = ""  # "welcome", "close", or "" for a teaching section

    @property
    def minutes(self) -> int:
        return self.teach_minutes + self.activity_minutes

    @property
    def practice(self) -> bool:
        """Learners practise here: knowledge checks, an activity or a scenario discussion."""
        return bool(self.checks or self.activities or self.discussion)

    @property
    def label(self) -> str:
        """The title with what it holds: "What federal law says (diagram; checks 01.3, 01.4)"."""
        extras = list(self.extras)
        if self.discussion and not any("discussion" in x for x in extras):
            extras.append("discussion")
        if self.checks:
            extras.append(
                f"{'check' if len(self.checks) == 1 else 'checks'} {', '.join(self.checks)}"
            )
        if self.activities:
            word = "activity" if len(self.activities) == 1 else "activities"
            extras.append(f"{word} {', '.join(self.activities)}")
        return f"{self.title} ({'; '.join(extras)})" if extras else self.title

    @property
    def keep_phrase(self) -> str:
        default = {"welcome": "the content note", "close": "the key points"}.get(self.part)
        return self.keep_as or default or f'"{self.title}"'


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    notebook: str
    teach_minutes: int
    activity_minutes: int
    seed_rows: tuple[str, ...]
    objectives: tuple[Objective, ...]
    sections: tuple[Section, ...] = ()

    @property
    def minutes(self) -> int:
        return self.teach_minutes + self.activity_minutes

    def part(self, name: str) -> Section:
        """The lesson's welcome (content note) or close (key points) section."""
        return next(s for s in self.sections if s.part == name)

    @property
    def teaching_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if not s.part)

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


def parse_lessons(path: Path, known_rows: tuple[str, ...] | None = None) -> CurriculumMap:
    """Load and validate a lesson map; any problem raises one DataError naming entry and field.

    ``known_rows``: the outreach page's sections a lesson may teach (default: outreach.yml's)."""
    if known_rows is None:
        from dmst.outreach import seed_rows

        known_rows = seed_rows()
    data = load_yaml(path)
    seen_lessons: set[str] = set()
    seen_objectives: set[str] = set()
    lessons = []
    for e in each_entry(path, data, "lessons"):
        e.unknown_fields(
            ("id", "title", "notebook", "minutes", "seed_rows", "objectives", "sections")
        )
        lesson_id = e.text("id")
        if not re.fullmatch(r"\d{2}", lesson_id):
            raise e.fail("id", 'must be two digits in quotes, like "01"')
        e.unique(lesson_id, seen_lessons, "lesson")
        minutes = Entry(path, e.get("minutes", dict), e.entry)
        teach = minutes.get("teach", int)
        activities = minutes.get("activities", int)
        if teach <= 0 or activities < 0:
            raise e.fail("minutes", "teach must be above 0 and activities 0 or more")
        rows = tuple(e.text_list("seed_rows"))
        for row in rows:
            if row not in known_rows:
                known = ", ".join(known_rows)
                raise e.fail("seed_rows", f"{row!r} is not a seed row in outreach.yml ({known})")
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
        sections = _sections(e, teach, activities)
        lessons.append(
            Lesson(
                lesson_id,
                e.text("title"),
                notebook,
                teach,
                activities,
                rows,
                tuple(objectives),
                sections,
            )
        )
    return CurriculumMap(tuple(lessons))


SECTION_FIELDS = (
    "title", "part", "minutes", "with", "discussion", "checks", "activities", "keep", "keep_as",
)  # fmt: skip


def _sections(e: Entry, teach: int, activities: int) -> tuple[Section, ...]:
    """A lesson's sections, as its timing table shows them; their minutes add up to the lesson's."""
    raw_sections = e.get("sections", list)
    sections = []
    for number, raw in enumerate(raw_sections, 1):
        name = raw.get("title", f"#{number}") if isinstance(raw, dict) else f"#{number}"

        def fail(problem: str, name=name, number=number) -> DataError:
            return e.fail("sections", f"section {number} ({name}): {problem}")

        if not isinstance(raw, dict):
            raise fail("must be a mapping of fields (title, minutes, ...)")
        extra = sorted(set(raw) - set(SECTION_FIELDS))
        if extra:
            raise fail(f"{extra[0]!r} is not a known field (known: {', '.join(SECTION_FIELDS)})")
        s = Entry(e.path, raw, e.entry)
        for field in ("checks", "activities"):
            if not all(isinstance(i, str) for i in raw.get(field) or []):
                raise fail(f'{field}: write each id in quotes, like "01.4" or "02.sort"')
        try:
            minutes = Entry(e.path, s.get("minutes", dict), e.entry)
            minutes.unknown_fields(("teach", "activities"))
            section = Section(
                title=s.text("title"),
                teach_minutes=minutes.get("teach", int),
                activity_minutes=minutes.get("activities", int),
                checks=tuple(s.text_list("checks", [])),
                activities=tuple(s.text_list("activities", [])),
                extras=tuple(s.text_list("with", [])),
                discussion=s.get("discussion", bool, False),
                keep=s.get("keep", bool, False),
                keep_as=s.text("keep_as", ""),
                part=s.text("part", ""),
            )
        except DataError as exc:
            raise fail(f"{exc.field or ''} {exc.problem}".strip()) from None
        if section.teach_minutes < 0 or section.activity_minutes < 0 or not section.minutes:
            raise fail("minutes must be 0 or more, and not both 0")
        if section.part and section.part not in PARTS:
            raise fail(f"part must be {' or '.join(PARTS)}, not {section.part!r}")
        if section.part and not section.keep:
            raise fail(f"the {section.part} part is always kept: add keep: true")
        if section.keep_as and not section.keep:
            raise fail("keep_as names a part to keep: add keep: true")
        sections.append(section)
    parts = [s.part for s in sections]
    if parts.count("welcome") != 1 or parts[0] != "welcome":
        raise e.fail("sections", "the first section, and only it, must be part: welcome")
    if parts.count("close") != 1 or parts[-1] != "close":
        raise e.fail("sections", "the last section, and only it, must be part: close")
    for label, expected, got in (
        ("teaching", teach, sum(s.teach_minutes for s in sections)),
        ("activity", activities, sum(s.activity_minutes for s in sections)),
    ):
        if got != expected:
            raise e.fail(
                "sections", f"the sections' {label} minutes add up to {got}, not {expected}"
            )
    return tuple(sections)


def check_sections(course: CurriculumMap, checks: dict, activities: dict, path: Path) -> None:
    """Every check and activity of a lesson is in exactly one of its sections, and each exists.

    ``checks`` and ``activities`` are keyed by id; an id's prefix names its lesson ("01.4": 01).
    """
    for lesson in course.lessons:

        def fail(problem: str, lesson=lesson) -> DataError:
            return DataError(path, problem, lesson.id, "sections")

        for kind, known, field in (
            ("check", checks, "checks"),
            ("activity", activities, "activities"),
        ):
            placed: dict[str, str] = {}
            for section in lesson.sections:
                for item in getattr(section, field):
                    where = f"section “{section.title}”: {kind} {item!r}"
                    if item not in known:
                        raise fail(f"{where} does not exist")
                    if item.split(".")[0] != lesson.id:
                        raise fail(f"{where} belongs to another lesson")
                    if item in placed:
                        raise fail(f"{where} is also in “{placed[item]}”; keep it in one section")
                    placed[item] = section.title
            for item in known:
                if item.split(".")[0] == lesson.id and item not in placed:
                    raise fail(f"{kind} {item!r} is in no section; add it where it is taught")


def lessons_path() -> Path:
    # DMST_LESSONS_FILE lets a draft lesson be checked against a copy of the map.
    return settings.path("DMST_LESSONS_FILE") or LESSONS_FILE


@cache
def curriculum() -> CurriculumMap:
    return parse_lessons(lessons_path())


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


__all__ = ["CurriculumMap", "DataError", "Lesson", "Objective", "Section", "curriculum", "header"]
