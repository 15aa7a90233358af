"""Help lines and local services: national lines from SOURCES.md plus an instructor's own.

Defined once in ``data/resources.yml``. An instructor may point ``DMST_RESOURCES`` at their own
copy instead of editing the packaged file. The book reads it at build time (support page and the
support box on every lesson), so customizing never changes stored notebook outputs.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from dmst.datafile import DATA, Entry, each_entry, load_yaml

RESOURCES_FILE = DATA / "resources.yml"
SCOPES = ("national", "state", "local")
CONTACT_KINDS = ("phone", "text", "tty", "web", "chat", "email")
SCOPE_HEADINGS = {
    "national": "National (United States)",
    "state": "In your state",
    "local": "Local services",
}
# Phone numbers: digits, with dashes, spaces, dots, brackets; letters allowed (1-800-THE-LOST).
PHONE = re.compile(r"^\+?[0-9A-Z][0-9A-Z ().-]{1,30}[0-9A-Z)]$|^[0-9]{3,6}$")
URL = re.compile(r"^(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(/\S*)?$", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class Contact:
    kind: str
    value: str
    label: str

    @property
    def href(self) -> str:
        if self.kind in ("phone", "tty"):
            return "tel:" + _dial(self.value)
        if self.kind == "text":
            return "sms:" + _dial(self.value)
        if self.kind == "email":
            return "mailto:" + self.value
        if self.kind in ("web", "chat") and URL.match(self.value):
            return self.value if "://" in self.value else "https://" + self.value
        return ""


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


def resources_path() -> Path:
    override = os.environ.get("DMST_RESOURCES")
    return Path(override).expanduser() if override else RESOURCES_FILE


def parse_resources(path: Path) -> list[Resource]:
    data = load_yaml(path)
    result: list[Resource] = []
    seen: set[str] = set()
    for e in each_entry(path, data, "resources"):
        e.unknown_fields(("id", "name", "scope", "purpose", "contacts", "hours", "notes", "status"))
        rid = e.text("id")
        if rid in seen:
            raise e.fail("id", "is used by another resource")
        seen.add(rid)
        scope = e.text("scope")
        if scope not in SCOPES:
            raise e.fail("scope", f"must be one of {', '.join(SCOPES)}, not {scope!r}")
        contacts = []
        for raw_contact in e.get("contacts", list):
            c = Entry(path, raw_contact, e.entry)
            c.unknown_fields(("kind", "value", "label"))
            kind, value = c.text("kind"), c.text("value")
            if kind not in CONTACT_KINDS:
                raise c.fail("contacts", f"kind {kind!r} is not one of {', '.join(CONTACT_KINDS)}")
            _check_contact(c, kind, value)
            contacts.append(Contact(kind, value, c.text("label", kind.capitalize())))
        if not contacts:
            raise e.fail("contacts", "needs at least one way to reach them")
        result.append(
            Resource(
                rid,
                e.text("name"),
                scope,
                e.text("purpose"),
                tuple(contacts),
                e.text("hours", ""),
                e.text("notes", ""),
                e.text("status", "read"),
            )
        )
    return result


def _check_contact(c: Entry, kind: str, value: str) -> None:
    if kind in ("phone", "text", "tty"):
        characters = sum(ch.isalnum() for ch in value)
        digits = sum(ch.isdigit() for ch in value)
        if not PHONE.match(value.upper()) or digits < 3 or characters > 15:
            raise c.fail(
                "contacts", f"{value!r} is not a phone number (use digits, like 1-800-555-0100)"
            )
    elif kind == "email" and not EMAIL.match(value):
        raise c.fail("contacts", f"{value!r} is not an email address")
    elif kind == "web" and not URL.match(value):
        raise c.fail("contacts", f"{value!r} is not a web address (like https://example.org)")


def _dial(value: str) -> str:
    keypad = ["", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"]
    letters = {c: str(digit) for digit, group in enumerate(keypad) for c in group}
    return "".join(letters.get(ch, ch) for ch in value.upper() if ch.isalnum())


def load_resources() -> list[Resource]:
    return parse_resources(resources_path())


def resources_html(items: list[Resource], heading_level: int = 3) -> str:
    """The resource list as HTML, grouped national / state / local."""
    parts = []
    h = f"h{heading_level}"
    for scope in SCOPES:
        group = [r for r in items if r.scope == scope]
        if not group:
            continue
        parts.append(f'<{h} class="dmst-resources-scope">{SCOPE_HEADINGS[scope]}</{h}><ul>')
        for r in group:
            contacts = "; ".join(_contact_html(c) for c in r.contacts)
            extra = " ".join(html.escape(x) for x in (r.hours, r.notes) if x)
            reported = (
                ' <span class="dmst-reported">(reported; confirm before relying on it)</span>'
                if r.status == "reported"
                else ""
            )
            parts.append(
                f'<li class="dmst-resource"><strong>{html.escape(r.name)}</strong>: '
                f"{html.escape(r.purpose)} {contacts}."
                f"{' ' + extra if extra else ''}{reported}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


def _contact_html(c: Contact) -> str:
    label = html.escape(c.label)
    value = html.escape(c.value)
    if c.href:
        return f'{label} <a href="{html.escape(c.href)}">{value}</a>'
    return f"{label} {value}"


def support_box_html(items: list[Resource] | None = None) -> str:
    items = load_resources() if items is None else items
    return (
        '<aside class="dmst-support-box" aria-label="Support">'
        "<p><strong>Support.</strong> You can stop at any time. If a young person may be in "
        "danger, or you need to talk to someone now:</p>"
        f"{resources_html(items, heading_level=3)}"
        "</aside>"
    )


class SupportBox:
    def _repr_html_(self) -> str:
        return support_box_html()

    def __repr__(self) -> str:
        return "Support: " + "; ".join(f"{r.name} {r.contacts[0].value}" for r in load_resources())


def support_box() -> SupportBox:
    """The support box, live in Jupyter (the book adds the same box at build time)."""
    return SupportBox()
