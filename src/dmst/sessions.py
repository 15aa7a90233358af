"""Session plans: timed agendas built from the lesson map's minutes (data/sessions.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.lessons import CurriculumMap, curriculum

SESSIONS_FILE = DATA / "sessions.yml"


@dataclass(frozen=True)
class Block:
    title: str
    minutes: int
    lesson: str = ""  # lesson id when the block teaches a lesson


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    length: int
    audience: str
    blocks: tuple[Block, ...]

    @property
    def used(self) -> int:
        return sum(b.minutes for b in self.blocks)


def parse_sessions(path: Path, course: CurriculumMap) -> list[Session]:
    data = load_yaml(path)
    result = []
    for e in each_entry(path, data, "sessions"):
        e.unknown_fields(("id", "title", "length", "audience", "blocks", "per_lesson"))
        length = e.get("length", int)
        templates = e.get("blocks", list)
        lessons = course.lessons if e.get("per_lesson", bool, False) else (None,)
        for lesson in lessons:
            blocks = [
                _block(Entry(path, raw_block, e.entry), course, lesson) for raw_block in templates
            ]
            sid, title = e.text("id"), e.text("title")
            if lesson is not None:
                sid, title = f"{sid}-{lesson.id}", f"Session {int(lesson.id)}: {lesson.title}"
            session = Session(sid, title, length, e.text("audience"), tuple(blocks))
            if session.used > length:
                raise e.fail("blocks", f"{title}: {session.used} minutes do not fit in {length}")
            result.append(session)
    return result


def _block(b: Entry, course: CurriculumMap, each) -> Block:
    b.unknown_fields(("title", "minutes", "lesson", "part"))
    if "lesson" not in b.data:
        minutes = b.get("minutes", int)
        if minutes <= 0:
            raise b.fail("minutes", "must be above 0")
        return Block(b.text("title"), minutes)
    lesson_id = b.text("lesson")
    if lesson_id == "each":
        if each is None:
            raise b.fail("lesson", "'each' needs per_lesson: true")
        lesson = each
    else:
        try:
            lesson = course.lesson(lesson_id)
        except KeyError:
            raise b.fail("lesson", f"{lesson_id!r} is not a lesson in lessons.yml") from None
    part = b.text("part")
    if part not in ("full", "teach"):
        raise b.fail("part", "must be full or teach")
    minutes = lesson.minutes if part == "full" else lesson.teach_minutes
    suffix = "" if part == "full" else " (teaching; activities left for later)"
    return Block(f"Lesson {int(lesson.id)}: {lesson.title}{suffix}", minutes, lesson.id)


@cache
def sessions() -> list[Session]:
    return parse_sessions(SESSIONS_FILE, curriculum())
