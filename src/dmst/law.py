"""The legal statements the curriculum relies on, each with what was checked and when.

Defined once in ``data/law.yml``; the Reference page "The law, as checked" is generated from it,
and ``dmst check`` warns when a statement's check is more than 12 months old.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dmst.datafile import DATA, each_entry, load_yaml
from dmst.errors import display_path
from dmst.freshness import CHECK_MAX_MONTHS, Checked, parse_checked

LAW_FILE = DATA / "law.yml"
STATUSES = ("read", "reported")
FIELDS = ("id", "topic", "law", "cite", "says", "status", "checked", "recheck", "refs")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STATUS_WORDS = {
    "read": "the law itself was read",
    "reported": "seen in a summary only; the duty is stated, not the law's exact wording",
}


@dataclass(frozen=True)
class Statement:
    id: str
    topic: str
    law: str
    cite: str
    says: str
    status: str
    checked: Checked
    recheck: str
    refs: tuple[str, ...]


def parse_law(
    path: Path, known_refs: set[str] | None = None, today: date | None = None
) -> list[Statement]:
    from dmst.ledger import BIB_FILE, bib_keys

    known_refs = bib_keys() if known_refs is None else known_refs
    today = today or date.today()
    result: list[Statement] = []
    seen: set[str] = set()
    for e in each_entry(path, load_yaml(path), "statements"):
        e.unknown_fields(FIELDS)
        sid = e.text("id")
        if not ID.match(sid):
            raise e.fail("id", "use lowercase letters, digits and dashes")
        e.unique(sid, seen, "statement")
        status = e.text("status")
        if status not in STATUSES:
            raise e.fail("status", f"must be one of {', '.join(STATUSES)}, not {status!r}")
        refs = tuple(e.text_list("refs"))
        for ref in refs:
            if ref not in known_refs:
                raise e.fail("refs", f"{ref!r} is not a key in {BIB_FILE.name}")
        result.append(
            Statement(
                sid,
                e.text("topic"),
                e.text("law"),
                e.text("cite"),
                e.text("says"),
                status,
                parse_checked(e, today),
                e.text("recheck"),
                refs,
            )
        )
    return result


def load_law() -> list[Statement]:
    return parse_law(LAW_FILE)


def stale_statements(items: list[Statement], today: date | None = None) -> list[str]:
    today = today or date.today()
    return [
        f"{display_path(LAW_FILE)}: entry {s.id!r} ({s.law}, {s.cite}) was last checked "
        f"{s.checked.when}, more than {CHECK_MAX_MONTHS} months ago: check it again "
        f"({s.recheck.rstrip('.')}) and update its checked date"
        for s in items
        if s.checked.is_stale(today)
    ]


def law_markdown(items: list[Statement] | None = None) -> str:
    """The generated part of the page "The law, as checked": one section per statement."""
    from dmst.pages import md

    items = load_law() if items is None else items
    lines = [
        "## At a glance",
        "",
        ":::{div} dmst-stack-table dmst-stack-law",
        "| Statement | Law | Checked | Status |",
        "|---|---|---|---|",
    ]
    for s in items:
        lines.append(
            f"| [{md(s.topic)}](#law-{s.id}) | {md(s.law)}, {md(s.cite)} | {s.checked.when} "
            f"| {s.status} |"
        )
    lines += [":::", "", "## Each statement", ""]
    for s in items:
        lines += [
            f"(law-{s.id})=",
            f"### {md(s.topic)}",
            "",
            f"**Law:** {md(s.law)}, {md(s.cite)}",
            "",
            f"**What it says:** {md(s.says)}",
            "",
            f"**Checked:** {s.checked.when}, against {md(s.checked.what)}. "
            f"**Status:** {s.status} ({STATUS_WORDS[s.status]}).",
            "",
            f"**To check it again:** {md(s.recheck)}",
            "",
            f"**References:** {{cite:p}}`{','.join(s.refs)}`",
            "",
        ]
    return "\n".join(lines)
