"""Facts that go out of date: when each resource and legal statement was last checked, and what.

Resources change (the national trafficking hotline's operator did, in 2025) and laws are amended.
Every entry in ``resources.yml`` and ``law.yml`` carries ``checked: {date: 2026-12, what: ...}``.
The book shows "Checked December 2026" beside it, and ``dmst check`` (run first by
``make book``) prints a warning naming each entry whose check is more than 12 months old. It is a
printed warning, not a Sphinx one: the book still builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dmst.datafile import Entry

MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
CHECK_MAX_MONTHS = 12


@dataclass(frozen=True)
class Checked:
    """When an entry was last checked (to the month) and what was checked."""

    year: int
    month: int
    what: str

    @property
    def when(self) -> str:
        """'December 2026'."""
        return f"{MONTHS[self.month - 1]} {self.year}"

    def months_old(self, today: date) -> int:
        return (today.year - self.year) * 12 + today.month - self.month

    def is_stale(self, today: date) -> bool:
        return self.months_old(today) > CHECK_MAX_MONTHS


def parse_checked(e: Entry, today: date) -> Checked:
    """``checked: {date: 2026-12, what: "..."}``: the month of the last check, and what was read."""
    raw = e.get("checked", dict)
    c = Entry(e.path, raw, e.entry)
    if True in c.data:  # YAML reads a bare `on:` as true
        raise c.fail("checked", 'write "date:" for when it was checked (like date: 2026-12)')
    extra = sorted(str(k) for k in c.data if k not in ("date", "what"))
    if extra:
        raise c.fail("checked", f"{extra[0]!r} is not known here (use date and what)")
    what = c.data.get("what")
    if not isinstance(what, str) or not what.strip():
        raise c.fail("checked", 'needs "what:": the page or document you checked it against')
    return Checked(*_year_month(c, c.data.get("date"), today), what.strip())


def _year_month(c: Entry, raw: object, today: date) -> tuple[int, int]:
    hint = "write the year and month you checked it, like date: 2026-12"
    shown = raw.isoformat() if isinstance(raw, date) else raw
    if isinstance(raw, date):
        year, month = raw.year, raw.month
    elif isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", raw.strip()):
        year, month = (int(part) for part in raw.strip().split("-")[:2])
    elif raw is None:
        raise c.fail("checked", f"needs a date: {hint}")
    else:
        raise c.fail("checked", f"date {shown!r} is not a month: {hint}")
    if not 1 <= month <= 12:
        raise c.fail("checked", f"date {shown!r} has no month {month}: {hint}")
    if (year, month) > (today.year, today.month):
        raise c.fail("checked", f"date {shown!r} is in the future: {hint}")
    return year, month


def stale_warnings(today: date | None = None) -> list[str]:
    """One line per resource or legal statement whose last check is more than a year old."""
    from dmst.law import load_law, stale_statements
    from dmst.resources import load_resources, stale_resources

    today = today or date.today()
    return stale_resources(load_resources(), today) + stale_statements(load_law(), today)


def checks_markdown(today: date | None = None) -> str:
    """A table of every check (resources, then legal statements), oldest first, for instructors."""
    from dmst.law import load_law
    from dmst.pages import md
    from dmst.resources import load_resources

    today = today or date.today()
    rows = [("Resource", r.name, r.checked, r.status) for r in load_resources()]
    rows += [("Law", s.topic, s.checked, s.status) for s in load_law()]
    rows.sort(key=lambda row: (row[2].year, row[2].month))
    lines = [
        ":::{div} dmst-stack-table dmst-stack-checks",
        "| What | Entry | Last checked | Against | Status |",
        "|---|---|---|---|---|",
    ]
    for kind, name, checked, status in rows:
        when = checked.when + (" (**check again**)" if checked.is_stale(today) else "")
        lines.append(f"| {kind} | {md(name)} | {when} | {md(checked.what)} | {status} |")
    return "\n".join([*lines, ":::"]) + "\n"
