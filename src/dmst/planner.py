"""The session planner: a timed agenda for the minutes an instructor has.

Rules, in order (the numbers are in ``data/sessions.yml``, the sections in ``data/lessons.yml``):

1. One welcome for the whole session (ground rules, where support is, the first lesson's content
   note); each further lesson opens only with its own content note. One close at the end (the last
   lesson's key points, questions, the support list and a calm close).
2. Every section a lesson's notes say always to keep (``keep: true``) is in, and at least one
   practice activity (knowledge checks, an activity or a scenario discussion).
3. The pre- and post-test, when asked, come straight after the welcome and just before the close.
4. Lessons are taken in the order given while all their must-keep parts fit; then whole sections
   are added, one from each lesson in turn and in teaching order, while they fit.
5. No stretch runs longer than ``longest_without_break`` minutes: breaks go in, at a lesson's
   start when one is near. Minutes left over become open time, or a longer break.
6. A length that cannot hold rule 1 and 2 for the first lesson is refused, saying the minimum.

The same input always gives the same agenda.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from dmst.lessons import Lesson, Section, curriculum
from dmst.sessions import Settings, sessions

SMALL_SPARE = 5  # leftover minutes up to this go to the close's questions, not a row of their own


class PlanRefused(ValueError):
    """A length that cannot hold a safe session; the message says why, in plain words."""


@dataclass(frozen=True)
class Item:
    kind: str  # welcome, pre-test, content-note, section, key-points, break, open, post-test, close
    title: str
    minutes: int
    lesson: str = ""
    section: Section | None = None

    @property
    def keep(self) -> bool:
        return self.kind in ("welcome", "content-note", "key-points", "close") or bool(
            self.section and self.section.keep
        )

    @property
    def practice(self) -> bool:
        return bool(self.section and self.section.practice)


@dataclass(frozen=True)
class Agenda:
    minutes: int
    lessons: tuple[str, ...]
    items: tuple[Item, ...]
    assessment: str = ""  # "", "short" or "full"
    left_out: tuple[str, ...] = ()  # plain sentences: what did not fit

    @property
    def used(self) -> int:
        return sum(i.minutes for i in self.items)

    def timed(self) -> list[tuple[int, Item]]:
        """Each item with its start, in minutes from the start of the session."""
        result, clock = [], 0
        for item in self.items:
            result.append((clock, item))
            clock += item.minutes
        return result

    def runs(self) -> list[int]:
        """The minutes of each stretch between breaks."""
        runs = [0]
        for item in self.items:
            if item.kind == "break":
                runs.append(0)
            else:
                runs[-1] += item.minutes
        return runs


def lesson_name(lesson: Lesson) -> str:
    return f"Lesson {int(lesson.id)}"


def must_keep(lessons: list[Lesson]) -> set[tuple[str, int]]:
    """(lesson id, section index) of every teaching section the lessons' notes say to keep, plus
    the shortest practice section of the first lesson if none of those is practice."""
    chosen = {
        (lesson.id, i)
        for lesson in lessons
        for i, s in enumerate(lesson.sections)
        if s.keep and not s.part
    }
    by_id = {lesson.id: lesson for lesson in lessons}
    if not any(by_id[lesson_id].sections[i].practice for lesson_id, i in chosen):
        first = lessons[0]
        practice = [(s.minutes, i) for i, s in enumerate(first.sections) if s.practice]
        if practice:
            chosen.add((first.id, min(practice)[1]))
    return chosen


def sequence(
    lessons: list[Lesson], chosen: set[tuple[str, int]], settings: Settings, tests: tuple[str, str]
) -> list[Item]:
    """The agenda without breaks: welcome, pre-test, lessons, post-test, close."""
    first, last = lessons[0], lessons[-1]
    items = [
        Item(
            "welcome",
            f"Welcome: ground rules, where support is, {lesson_name(first).lower()}'s content "
            "note read aloud",
            settings.welcome,
            first.id,
        )
    ]
    pre, post = tests
    if pre:
        items.append(Item("pre-test", f"Pre-course assessment ({pre})", minutes_of(pre, settings)))
    for n, lesson in enumerate(lessons):
        if n:
            items.append(
                Item(
                    "content-note",
                    f"{lesson_name(lesson)}: {lesson.title} · content note, read aloud",
                    settings.content_note,
                    lesson.id,
                )
            )
        for i, section in enumerate(lesson.sections):
            if not section.part and (lesson.id, i) in chosen:
                items.append(Item("section", section.label, section.minutes, lesson.id, section))
        if lesson is not last:
            close = lesson.part("close")
            items.append(
                Item("key-points", f"{lesson_name(lesson)} · Key points", close.minutes, lesson.id)
            )
    if post:
        items.append(
            Item("post-test", f"Post-course assessment ({post})", minutes_of(post, settings))
        )
    items.append(
        Item(
            "close",
            f"Close: {lesson_name(last).lower()}'s key points, questions, the support list, "
            "and a calm close",
            last.part("close").minutes + settings.close,
            last.id,
        )
    )
    return items


def minutes_of(form_label: str, settings: Settings) -> int:
    return settings.assessment["short" if form_label.startswith("short") else "full"]


def with_breaks(items: list[Item], settings: Settings) -> list[Item]:
    """Insert breaks so that no stretch runs longer than the limit; prefer a lesson's start."""
    limit, out, start, run = settings.longest_without_break, [], 0, 0
    brk = Item("break", "Break", settings.break_minutes)
    for item in items:
        if run + item.minutes > limit:
            at = _break_position(out, start, item, limit)
            out.insert(at, brk)
            start = at + 1
            run = sum(i.minutes for i in out[start:])
        out.append(item)
        run += item.minutes
    return out


def _break_position(out: list[Item], start: int, item: Item, limit: int) -> int:
    """Where to break the stretch ``out[start:]`` so that ``item`` fits after the break."""
    fits = [
        p
        for p in range(start + 1, len(out) + 1)
        if sum(i.minutes for i in out[p:]) + item.minutes <= limit
    ]
    before = {p: sum(i.minutes for i in out[start:p]) for p in fits}
    boundaries = [p for p in fits if p < len(out) and out[p].kind in ("content-note", "post-test")]
    if item.kind in ("content-note", "post-test"):
        boundaries.append(len(out))
    good = [p for p in boundaries if before[p] >= limit // 2]
    if good:
        return max(good)
    if item.kind == "close" and len(fits) > 1:
        return fits[-2]  # not a break with only the close after it
    return fits[-1]


def finish(items: list[Item], minutes: int, settings: Settings) -> list[Item] | None:
    """Breaks and leftover minutes, so the agenda is exactly ``minutes`` long; None if too long."""
    limit = settings.longest_without_break
    laid = with_breaks(items, settings)
    if minutes > limit and not any(i.kind == "break" for i in laid):
        laid = _middle_break(laid, settings)
    spare = minutes - sum(i.minutes for i in laid)
    if spare < 0:
        return None
    # Leftover minutes: the last stretch first (close, then open time), then earlier stretches.
    stretches = _stretches(laid)
    for n in range(len(stretches) - 1, -1, -1):
        if not spare:
            break
        lo, hi = stretches[n]
        room = limit - sum(i.minutes for i in laid[lo:hi])
        give = min(room, spare)
        last = n == len(stretches) - 1
        if give <= 0 or (not last and give < SMALL_SPARE):
            continue
        if last and give <= SMALL_SPARE:
            laid[hi - 1] = replace(laid[hi - 1], minutes=laid[hi - 1].minutes + give)
        else:
            at = hi - 1 - (laid[hi - 2].kind == "post-test") if last else hi
            laid.insert(at, _open(give))
            stretches = _stretches(laid)
        spare -= give
    breaks = [n for n, i in enumerate(laid) if i.kind == "break"]
    for k, n in enumerate(breaks):  # what is left lengthens the breaks, earliest first
        extra = spare // len(breaks) + (k < spare % len(breaks))
        laid[n] = replace(laid[n], minutes=laid[n].minutes + extra)
    return laid


def _open(minutes: int) -> Item:
    return Item("open", "Open time: a discussion prompt from the notes, or more questions", minutes)


def _stretches(items: list[Item]) -> list[tuple[int, int]]:
    edges = [-1, *(n for n, i in enumerate(items) if i.kind == "break"), len(items)]
    return [(a + 1, b) for a, b in pairwise(edges)]


def _middle_break(items: list[Item], settings: Settings) -> list[Item]:
    """A session over the limit has a break even when its content alone would not need one."""
    total = sum(i.minutes for i in items)
    clock, best = 0, None
    for p in range(1, len(items)):
        clock += items[p - 1].minutes
        lesson_start = items[p].kind in ("content-note", "post-test")
        score = (not lesson_start, abs(total / 2 - clock))
        if best is None or score < best[0]:
            best = (score, p)
    at = best[1] if best else len(items) - 1
    return [*items[:at], Item("break", "Break", settings.break_minutes), *items[at:]]


def _lessons(lesson_ids: list[str] | tuple[str, ...] | None, settings: Settings) -> list[Lesson]:
    course = curriculum()
    known = {lesson.id: lesson for lesson in course.lessons}
    result = []
    for raw in lesson_ids or settings.lessons:
        key = f"{int(raw):02d}" if str(raw).strip().isdigit() else str(raw)
        if key not in known:
            numbers = ", ".join(str(int(lesson.id)) for lesson in course.lessons)
            raise PlanRefused(f"There is no lesson {raw}. The lessons are {numbers}.")
        if known[key] in result:
            raise PlanRefused(f"Lesson {int(key)} is named twice. Name each lesson once.")
        result.append(known[key])
    return result


def form_label(assessment: str) -> str:
    from dmst.assessment import items

    form_a = [q for q in items() if q.form == "A" and (assessment == "full" or q.short)]
    name = "short form" if assessment == "short" else "full form"
    return f"{name}, {len(form_a)} questions"


def plan(
    minutes: int,
    lessons: list[str] | tuple[str, ...] | None = None,
    assessment: str = "",
    *,
    pre: bool = True,
    post: bool = True,
) -> Agenda:
    """A timed agenda of exactly ``minutes``, or PlanRefused saying, plainly, why not."""
    settings = sessions().settings
    if minutes <= 0:
        raise PlanRefused("Give the session's length in minutes, for example --minutes 90.")
    if minutes > settings.longest_session:
        raise PlanRefused(
            f"{minutes} minutes is more than one session should hold (at most "
            f"{settings.longest_session}). Plan a course of shorter sessions instead: "
            "dmst plan --course --minutes 75."
        )
    chosen_lessons = _lessons(lessons, settings)
    label = form_label(assessment) if assessment else ""
    tests = (label if pre else "", label if post else "")

    def build(included: list[Lesson], chosen: set) -> list[Item] | None:
        return finish(sequence(included, chosen, settings, tests), minutes, settings)

    included: list[Lesson] = []
    for lesson in chosen_lessons:
        if build([*included, lesson], must_keep([*included, lesson])) is None:
            break
        included.append(lesson)
    if not included:
        raise PlanRefused(refusal(minutes, chosen_lessons[0], settings, tests))
    chosen = must_keep(included)
    # Then whole sections, one from each lesson in turn, in teaching order, while they fit.
    queues = [
        [(lesson.id, i) for i, s in enumerate(lesson.sections) if not s.part] for lesson in included
    ]
    while any(queues):
        for queue in queues:
            if queue:
                key = queue.pop(0)
                if key not in chosen and build(included, chosen | {key}):
                    chosen.add(key)
    items = build(included, chosen)
    assert items is not None and sum(i.minutes for i in items) == minutes
    return Agenda(
        minutes,
        tuple(lesson.id for lesson in included),
        tuple(items),
        assessment,
        tuple(left_out(chosen_lessons, included, chosen)),
    )


def left_out(wanted: list[Lesson], included: list[Lesson], chosen: set) -> list[str]:
    lines = []
    for lesson in included:
        missing = [
            s.title
            for i, s in enumerate(lesson.sections)
            if not s.part and (lesson.id, i) not in chosen
        ]
        if missing:
            lines.append(f"{lesson_name(lesson)}: {'; '.join(missing)}.")
    later = [str(int(lesson.id)) for lesson in wanted if lesson not in included]
    if later:
        names = f"lesson {later[0]}" if len(later) == 1 else f"lessons {_and(later)}"
        it = "it" if len(later) == 1 else "them"
        lines.append(f"Not enough time for {names}: teach {it} in another session.")
    return lines


def refusal(minutes: int, lesson: Lesson, settings: Settings, tests: tuple[str, str]) -> str:
    """Why ``minutes`` cannot hold a safe session with ``lesson``, and what the minimum is."""
    keep = must_keep([lesson])
    items = sequence([lesson], keep, settings, tests)
    laid = with_breaks(items, settings)
    shortest = sum(i.minutes for i in laid)
    if shortest > settings.longest_without_break and not any(i.kind == "break" for i in laid):
        shortest += settings.break_minutes
    phrases = [s.keep_phrase for i, s in enumerate(lesson.sections) if (lesson.id, i) in keep]
    parts = [
        f"{settings.welcome} for the welcome, ground rules and content note",
        f"{sum(lesson.sections[i].minutes for _, i in keep)} for what "
        f"{lesson_name(lesson).lower()}'s notes say always to keep ({_and(phrases)})",
        f"{lesson.part('close').minutes + settings.close} for its key points, questions, the "
        "support list and a calm close",
    ]
    tested = [t for t in tests if t]
    if tested:
        parts.append(f"{sum(minutes_of(t, settings) for t in tested)} for the pre- and post-test")
    breaks = sum(i.minutes for i in laid if i.kind == "break") or (
        settings.break_minutes if shortest > settings.longest_without_break else 0
    )
    if breaks:
        parts.append(f"{breaks} for a break")
    advice = "or leave out the pre- and post-test" if tested else "or choose another first lesson"
    return (
        f"{minutes} minutes is too short for a safe session. The shortest safe session with "
        f"{lesson_name(lesson).lower()} takes {shortest} minutes: {'; '.join(parts)}. "
        f"Plan at least {shortest} minutes, {advice}."
    )


def _and(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"


def plan_course(
    minutes: int, lessons: list[str] | tuple[str, ...] | None = None, assessment: str = ""
) -> list[Agenda]:
    """One session per lesson, each ``minutes`` long; pre-test first, post-test last."""
    ids = list(lessons or [lesson.id for lesson in curriculum().lessons])
    agendas = []
    for n, lesson_id in enumerate(ids):
        try:
            agendas.append(
                plan(minutes, [lesson_id], assessment, pre=n == 0, post=n == len(ids) - 1)
            )
        except PlanRefused as exc:
            raise PlanRefused(f"Session {n + 1}: {exc}") from None
    return agendas
