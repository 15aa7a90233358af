"""The resources file: help lines and local services, loaded and checked, with a warning for
any entry whose check is more than a year old. An instructor may point ``DMST_RESOURCES`` at
their own copy instead of editing the packaged file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dmst import settings
from dmst.datafile import DATA, each_entry
from dmst.errors import display_path
from dmst.freshness import CHECK_MAX_MONTHS, Checked, parse_checked
from dmst.resources.lines import Contact, parse_contact
from dmst.resources.yamlhints import load_plain

RESOURCES_FILE = DATA / "resources.yml"
SCOPES = ("national", "state", "local")
# Local first: the organisation's own reporting contact is whom staff call first under their
# protocol, and it is the one thing only this copy of the book knows; national lines follow.
SCOPE_ORDER = ("local", "state", "national")
STATUSES = ("read", "reported")
SCOPE_HEADINGS = {
    "local": "Your organisation and local services",
    "state": "In your state",
    "national": "National (United States)",
}


@dataclass(frozen=True)
class Resource:
    id: str
    name: str
    scope: str
    purpose: str
    contacts: tuple[Contact, ...]
    hours: str
    notes: str
    status: str
    checked: Checked


def resources_path() -> Path:
    return settings.path("DMST_RESOURCES") or RESOURCES_FILE


FIELDS = ("id", "name", "scope", "purpose", "contacts", "hours", "notes", "status", "checked")


def parse_resources(path: Path, today: date | None = None) -> list[Resource]:
    today = today or date.today()
    data = load_plain(path)
    result: list[Resource] = []
    seen: set[str] = set()
    for e in each_entry(path, data, "resources"):
        e.unknown_fields(FIELDS)
        rid = e.unique(e.ident("id"), seen, "resource")
        scope = e.text("scope")
        if scope not in SCOPES:
            raise e.fail("scope", f"must be one of {', '.join(SCOPES)}, not {scope!r}")
        status = e.text("status")
        if status not in STATUSES:
            raise e.fail(
                "status",
                f"must be read (you checked it on the service's own page) or reported "
                f"(seen only elsewhere; readers are told to confirm it), not {status!r}",
            )
        contacts = tuple(parse_contact(e, raw) for raw in e.get("contacts", list))
        if not contacts:
            raise e.fail("contacts", "needs at least one way to reach them")
        result.append(
            Resource(
                rid,
                e.text("name"),
                scope,
                e.text("purpose"),
                contacts,
                e.text("hours", ""),
                e.text("notes", ""),
                status,
                parse_checked(e, today),
            )
        )
    return result


def load_resources() -> list[Resource]:
    return parse_resources(resources_path())


def stale_resources(items: list[Resource], today: date | None = None) -> list[str]:
    """One warning line per resource whose check is more than a year old."""
    today = today or date.today()
    where = resources_path()
    return [
        f"{display_path(where)}: entry {r.id!r} ({r.name}) was last checked "
        f"{r.checked.when}, more than {CHECK_MAX_MONTHS} months ago: check {r.checked.what} "
        "again and update its checked date"
        for r in items
        if r.checked.is_stale(today)
    ]
