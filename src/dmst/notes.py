"""The facilitator notes' facts, written from the data so they are never typed twice.

Each function returns MyST Markdown for one part of a lesson's notes page; the directives in
:mod:`dmst.sphinx.directives` parse it into the page at build time:

- :func:`objectives_markdown`: the lesson's time and objectives (``lessons.yml``), as the lesson
  header shows them;
- :func:`timing_markdown`: the timing table, one row per section (``lessons.yml``);
- :func:`keep_markdown`: the "If you are short of time, always keep ..." sentence, from the
  sections marked ``keep: true``;
- :func:`checks_markdown`: each knowledge check's kind, objective, statement or options and the
  instructors' rationale (the question banks).
"""

from __future__ import annotations

import re

from dmst.kinds import KIND_NAMES
from dmst.lessons import Lesson
from dmst.pages import md
from dmst.questions import Question, bank


def objectives_markdown(lesson: Lesson) -> str:
    items = "\n".join(f"- {o.id} {md(o.text)}" for o in lesson.objectives)
    return (
        f"**Time:** about {lesson.minutes} minutes ({lesson.teach_minutes} reading or teaching, "
        f"{lesson.activity_minutes} activities).\n\n"
        "**Objectives** (the same as in the lesson header):\n\n"
        f"{items}\n"
    )


def timing_markdown(lesson: Lesson) -> str:
    rows = [
        "| Section | Teaching | Activities | Total |",
        "|---|---|---|---|",
        *(
            f"| {md(s.label)} | {s.teach_minutes} | {s.activity_minutes} | {s.minutes} |"
            for s in lesson.sections
        ),
        f"| **Total** | **{lesson.teach_minutes}** | **{lesson.activity_minutes}** | "
        f"**{lesson.minutes}** |",
    ]
    return "\n".join(rows) + "\n"


def keep_markdown(lesson: Lesson, then: str = "") -> str:
    """The sentence, and optionally the notes' own prose that follows it in the same paragraph."""
    phrases = [md(s.keep_phrase) for s in lesson.sections if s.keep]
    listed = phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"
    sentence = f"If you are short of time, always keep {listed}."
    return f"{sentence} {then.strip()}".strip() + "\n"


def lesson_checks(lesson: Lesson) -> list[Question]:
    """The lesson's checks in teaching order (the order of its sections)."""
    questions = bank()
    return [questions[c] for s in lesson.sections for c in s.checks]


def checks_markdown(lesson: Lesson) -> str:
    return "\n".join(check_markdown(q) for q in lesson_checks(lesson))


def check_markdown(q: Question) -> str:
    kind = KIND_NAMES[q.kind].rstrip("?").lower()
    head = f"**{q.id}** ({kind}, {q.objective})."
    if q.kind == "myth_fact":
        answer = next(o.text for o in q.options if o.correct)
        lines = [f'{head} "{md(q.prompt)}" **{answer}.**', ""]
    elif q.kind == "numeric":
        shown = f"{{stat}}`{q.number_source.id}:{q.number.key}`"
        lines = [f"{head} {md(q.prompt)} The answer shows {shown}.", ""]
    else:
        lines = [f"{head} {md(q.prompt)}", ""]
        lines += [f"- {'**right**' if o.correct else 'wrong'}: {md(o.text)}" for o in q.options]
        lines.append("")
    if q.rationale:
        lines += [md(q.rationale), ""]
    return "\n".join(lines)


GENERATED = re.compile(r"^:::\{(dmst-[a-z]+)\} (\d{2})\n(.*?)^:::[ \t]*$", re.M | re.S)


def expand(text: str) -> str:
    """Notes Markdown with each ``dmst-*`` directive replaced by the Markdown it generates, for
    readers that are not Sphinx (the slides' speaker notes)."""
    from dmst.lessons import curriculum

    makers = {
        "dmst-objectives": lambda lesson, _: objectives_markdown(lesson),
        "dmst-timing": lambda lesson, _: timing_markdown(lesson),
        "dmst-keep": lambda lesson, then: keep_markdown(lesson, then),
        "dmst-checks": lambda lesson, _: checks_markdown(lesson),
    }

    def replace(match: re.Match[str]) -> str:
        make = makers.get(match.group(1))
        if make is None:
            return match.group(0)
        return make(curriculum().lesson(match.group(2)), match.group(3).strip())

    return GENERATED.sub(replace, text)
