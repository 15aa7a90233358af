"""Parts of pages made from the data at build time, never copied by hand, as MyST Markdown that
the book's directives parse into the page (:mod:`dmst.sphinx.generated`).

The ledger (``book/ledger.md``): a summary table with each grade as a labelled badge (text, not
colour alone), then one section per entry with the full trace and references. The curriculum map
(``book/instructors/map.md``): lessons, minutes, the seed page's sections each lesson teaches, and
every objective with the checks that assess it.
"""

from __future__ import annotations

import re

from dmst.ledger import LedgerEntry, grades, ledger


def md(text: str) -> str:
    """Escape Markdown punctuation in ledger prose so it renders as written."""
    return re.sub(r"([\\`*_{}\[\]<>|#])", r"\\\1", " ".join(text.split()))


def badge(grade: str) -> str:
    rubric = grades()[grade]
    return (
        f'<span class="dmst-grade dmst-grade-{grade}" title="Grade {grade}: {rubric.means}">'
        f"Grade {grade}</span> {rubric.in_brief}"
    )


def anchor(entry: LedgerEntry) -> str:
    return f"ledger-{entry.id}".replace(".", "-")


def title(entry: LedgerEntry) -> str:
    if entry.kind == "page-claim":
        return f"“{md(entry.page_says)}”"
    return md(entry.cite_as)


def summary_tables(entries: list[LedgerEntry]) -> str:
    claims = [e for e in entries if e.kind == "page-claim"]
    evidence = [e for e in entries if e.kind == "evidence"]
    lines = [
        "## At a glance",
        "",
        "### What the page says",
        "",
        ":::{div} dmst-stack-table dmst-stack-claims",
        "| The page says | The page credits | Grade | Source status |",
        "|---|---|---|---|",
    ]
    for e in claims:
        credits = md(e.page_credits) if e.page_credits else "nobody"
        lines.append(f"| [{title(e)}](#{anchor(e)}) | {credits} | {badge(e.grade)} | {e.status} |")
    lines += [
        ":::",
        "",
        "### Better evidence to teach with",
        "",
        ":::{div} dmst-stack-table dmst-stack-evidence",
        "| Source | Figures | Grade | Source status |",
        "|---|---|---|---|",
    ]
    for e in evidence:
        figures = "; ".join(md(n.text()) for n in e.numbers)
        lines.append(f"| [{title(e)}](#{anchor(e)}) | {figures} | {badge(e.grade)} | {e.status} |")
    lines.append(":::")
    return "\n".join(lines) + "\n"


def entry_section(e: LedgerEntry, entries: dict[str, LedgerEntry]) -> str:
    measured = "\n".join(f"  - **{k.capitalize()}:** {md(v)}" for k, v in e.measured.items())
    numbers = "\n".join(f"| {md(n.label)} | {md(e.cite(n.key))} |" for n in e.numbers)
    better = ", ".join(f"[{md(entries[b].cite_as)}](#{anchor(entries[b])})" for b in e.better)
    parts = [
        f"({anchor(e)})=",
        f"### {title(e)}",
        "",
        f"**Grade:** {badge(e.grade)}. {md(e.grade_reason)}",
        "",
    ]
    if e.kind == "page-claim":
        credits = md(e.page_credits) if e.page_credits else "nobody (no source given)"
        parts += [f"**The page credits:** {credits}", ""]
    parts += [
        f"**Traced to:** {md(e.traced_to)}",
        "",
        "**What was really measured:**",
        "",
        measured,
        "",
        f"**Problems and limits:** {md(e.problems)}",
        "",
    ]
    if numbers:
        parts += ["| Figure | As lessons cite it |", "|---|---|", numbers, ""]
    if e.teach:
        parts += [f"**What to say instead:** {md(e.teach)}", ""]
    if better:
        parts += [f"**Better evidence:** {better}", ""]
    parts += [f"**Cited in lessons as:** {md(e.cite_as)}, grade {e.grade}", ""]
    refs = ",".join(e.refs)
    parts += [f"**Source status:** {e.status}. **References:** {{cite:p}}`{refs}`", ""]
    return "\n".join(parts)


def grades_markdown(plain: bool = False) -> str:
    """The grade rubric as a table, from ledger.yml: shown wherever the grades are explained, so
    the wording is typed once. ``plain``: bold letters instead of badges, for Markdown outside
    the book (the learner edition)."""
    lines = [
        "| Grade | What it means |" if plain else "| Grade, as the book shows it | What it means |",
        "|---|---|",
    ]
    for grade in grades().values():
        shown = f"**{grade.letter}**" if plain else badge(grade.letter)
        lines.append(f"| {shown} | {md(sentence(grade.means))} |")
    if plain:
        return "\n".join(lines) + "\n"
    return "\n".join([":::{div} dmst-grade-rubric", *lines, ":::"]) + "\n"


def sentence(phrase: str) -> str:
    """'a real study, but dated' -> 'A real study, but dated.'"""
    return phrase[0].upper() + phrase[1:] + ("" if phrase.endswith(".") else ".")


def ledger_markdown(entries: dict[str, LedgerEntry] | None = None) -> str:
    entries = ledger() if entries is None else entries
    ordered = list(entries.values())
    sections = [summary_tables(ordered), "## The page's statistics, one by one", ""]
    sections += [entry_section(e, entries) for e in ordered if e.kind == "page-claim"]
    sections += ["## The better evidence", ""]
    sections += [entry_section(e, entries) for e in ordered if e.kind == "evidence"]
    return "\n".join(sections)


# --- the curriculum map: lesson x objective x checks, for instructors -----------------------------


def map_markdown() -> str:
    from dmst.activities import all_activities
    from dmst.lessons import curriculum
    from dmst.outreach import outreach
    from dmst.questions import KIND_NAMES, bank

    lessons = curriculum().lessons
    questions = bank()
    activities = all_activities()
    total = sum(lesson.minutes for lesson in lessons)
    lines = [
        "## Lessons at a glance",
        "",
        f"All {len(lessons)} lessons take about {total} minutes in all.",
        "",
        "| Lesson | Minutes (teach + activities) | Seed page sections | Checks | Activities |",
        "|---|---|---|---|---|",
    ]
    for lesson in lessons:
        own = [q for q in questions.values() if q.id.split(".")[0] == lesson.id]
        acts = [a for a in activities.values() if a.id.split(".")[0] == lesson.id]
        lines.append(
            f"| {{doc}}`{lesson.id}: {md(lesson.title)} </{lesson.docname}>` | {lesson.minutes} "
            f"({lesson.teach_minutes} + {lesson.activity_minutes}) | "
            f"{', '.join(lesson.seed_rows)} | {len(own)} | {len(acts)} |"
        )
    lines += [
        "",
        "## Every part of the outreach page is taught",
        "",
        "| Seed section | Taught in |",
        "|---|---|",
    ]
    for row in outreach():
        where = [f"Lesson {lesson.id}" for lesson in lessons if row.id in lesson.seed_rows]
        lines.append(f"| {row.id}: {md(row.title)} | {', '.join(where) or '**not yet taught**'} |")
    lines += ["", "## Objectives and the checks that assess them", ""]
    for lesson in lessons:
        lines += [
            f"### Lesson {lesson.id}: {md(lesson.title)}",
            "",
            "| Objective | Knowledge checks |",
            "|---|---|",
        ]
        for objective in lesson.objectives:
            checks = [
                f"{q.id} ({KIND_NAMES[q.kind].lower()})"
                for q in questions.values()
                if q.objective == objective.id
            ]
            lines.append(f"| **{objective.id}** {md(objective.text)} | {', '.join(checks)} |")
        lines.append("")
    return "\n".join(lines)


def outreach_parts_markdown() -> str:
    """The outreach page's sections with what teaching each includes (the editorial guide)."""
    from dmst.outreach import outreach

    lines = [
        ":::{div} dmst-stack-table dmst-stack-parts",
        "| Part | The outreach page's section | Teaching it includes |",
        "|---|---|---|",
    ]
    lines += [f"| {s.id} | {md(s.title)} | {md(s.teaching)} |" for s in outreach()]
    return "\n".join([*lines, ":::"]) + "\n"


def lesson_list_markdown(notes: bool = False) -> str:
    """The numbered list of lessons (home page) or of their facilitator notes (instructors)."""
    from dmst.lessons import curriculum

    lines = []
    for lesson in curriculum().lessons:
        if notes:
            target = f"/book/instructors/lesson-{lesson.id}"
            lines.append(f"- {{doc}}`Lesson {int(lesson.id)}: {md(lesson.title)} <{target}>`")
        else:
            lines.append(
                f"{int(lesson.id)}. {{doc}}`{md(lesson.title)} </{lesson.docname}>` "
                f"(about {lesson.minutes} minutes)"
            )
    return "\n".join(lines) + "\n"
