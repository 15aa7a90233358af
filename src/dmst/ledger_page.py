"""The ledger page: generated from ledger.yml at build time, never copied by hand.

``write_ledger_page`` writes MyST Markdown that ``book/ledger.md`` includes: a summary table with
each grade as a labelled badge (text, not colour alone), then one section per entry with the full
trace and references.
"""

from __future__ import annotations

import re
from pathlib import Path

from dmst.ledger import GRADES, LedgerEntry, ledger

GENERATED = Path(__file__).resolve().parents[2] / "book" / "_generated"
GRADE_WORDS = {
    "A": "measured what it claims",
    "B": "real, but dated or a related measure",
    "C": "misstated or not checkable",
    "D": "no source found, or debunked",
}


def md(text: str) -> str:
    """Escape Markdown punctuation in ledger prose so it renders as written."""
    return re.sub(r"([\\`*_{}\[\]<>|#])", r"\\\1", " ".join(text.split()))


def badge(grade: str) -> str:
    return (
        f'<span class="dmst-grade dmst-grade-{grade}" title="Grade {grade}: {GRADES[grade]}">'
        f"Grade {grade}</span> {GRADE_WORDS[grade]}"
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
        "| The page says | The page credits | Grade | Source status |",
        "|---|---|---|---|",
    ]
    for e in claims:
        credits = md(e.page_credits) if e.page_credits else "nobody"
        lines.append(f"| [{title(e)}](#{anchor(e)}) | {credits} | {badge(e.grade)} | {e.status} |")
    lines += [
        "",
        "### Better evidence to teach with",
        "",
        "| Source | Figures | Grade | Source status |",
        "|---|---|---|---|",
    ]
    for e in evidence:
        figures = "; ".join(md(n.text()) for n in e.numbers)
        lines.append(f"| [{title(e)}](#{anchor(e)}) | {figures} | {badge(e.grade)} | {e.status} |")
    return "\n".join(lines) + "\n"


def entry_section(e: LedgerEntry, entries: dict[str, LedgerEntry]) -> str:
    measured = "\n".join(f"  - **{k.capitalize()}:** {md(v)}" for k, v in e.measured.items())
    numbers = "\n".join(f"| {md(n.label)} | {md(n.text())} |" for n in e.numbers)
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
        parts += ["| Figure | Value |", "|---|---|", numbers, ""]
    if e.teach:
        parts += [f"**What to say instead:** {md(e.teach)}", ""]
    if better:
        parts += [f"**Better evidence:** {better}", ""]
    parts += [f"**Cited in lessons as:** {md(e.cite_as)}, grade {e.grade}", ""]
    refs = ",".join(e.refs)
    parts += [f"**Source status:** {e.status}. **References:** {{cite:p}}`{refs}`", ""]
    return "\n".join(parts)


def ledger_markdown(entries: dict[str, LedgerEntry] | None = None) -> str:
    entries = ledger() if entries is None else entries
    ordered = list(entries.values())
    sections = [summary_tables(ordered), "## The page's statistics, one by one", ""]
    sections += [entry_section(e, entries) for e in ordered if e.kind == "page-claim"]
    sections += ["## The better evidence", ""]
    sections += [entry_section(e, entries) for e in ordered if e.kind == "evidence"]
    return "\n".join(sections)


def write_ledger_page(folder: Path = GENERATED) -> Path:
    """Write the generated part of the ledger page; unchanged content keeps the file's mtime."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ledger.md"
    text = ledger_markdown()
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
