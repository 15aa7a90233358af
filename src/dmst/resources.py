"""Help lines and local services: the national lines plus an instructor's own.

Defined once in ``data/resources.yml``. An instructor may point ``DMST_RESOURCES`` at their own
copy instead of editing the packaged file. The book reads it at build time (support page and the
support box on every lesson), so customizing never changes stored notebook outputs.

Phone and text lines are modelled as what they are: a number as written (digits, or the letters of
a vanity number such as 1-800-THE-LOST), an optional extension for a phone, and an optional keyword
for a text line ("text HOME to 741741"). Every entry says when it was last checked, and against
what, so a build can warn when a check is more than a year old.
"""

from __future__ import annotations

import html
import os
import re
import urllib.parse
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.errors import DataError, display_path
from dmst.freshness import CHECK_MAX_MONTHS, Checked, parse_checked

RESOURCES_FILE = DATA / "resources.yml"
SCOPES = ("national", "state", "local")
# Local first: the organisation's own reporting contact is whom staff call first under their
# protocol, and it is the one thing only this copy of the book knows; national lines follow.
SCOPE_ORDER = ("local", "state", "national")
CONTACT_KINDS = ("phone", "text", "tty", "web", "chat", "email")
STATUSES = ("read", "reported")
SCOPE_HEADINGS = {
    "local": "Your organisation and local services",
    "state": "In your state",
    "national": "National (United States)",
}
# Short numbers anyone can dial in the United States (N11 codes and 988). Text lines may also use
# SMS short codes of 3 to 6 digits (233733, 741741).
SHORT_DIAL = {"211", "311", "411", "511", "611", "711", "811", "911", "988"}
URL = re.compile(r"^(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(/\S*)?$", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
EXTENSION = re.compile(
    r"^(?P<number>.*?)[\s,;]*(?:(?<=[\d\s,;])(?:ext|extension)\.?|(?<=[\d\s])x)\s*(?P<ext>\S+)$",
    re.IGNORECASE,
)
KEYWORD = re.compile(r"^(?:text\s+)?(?P<keyword>\S+)\s+to\s+(?P<number>.+)$", re.IGNORECASE)
KEYWORD_TEXT = re.compile(r"^[A-Za-z0-9]{1,20}$")
NUMBER_CHARACTERS = re.compile(r"^\+?[0-9A-Za-z ().-]+$")
LOOKALIKES = {"O": "0", "o": "0", "I": "1", "l": "1", "i": "1"}
KEYS = ("", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ")
KEYPAD = {letter: str(digit) for digit, letters in enumerate(KEYS) for letter in letters}


@dataclass(frozen=True)
class Contact:
    kind: str
    value: str  # as written, without the extension or keyword: "1-800-THE-LOST", "741741"
    label: str
    extension: str = ""  # phone: digits dialled after the call connects
    keyword: str = ""  # text: the word to send

    @property
    def is_number(self) -> bool:
        return self.kind in ("phone", "text", "tty")

    @property
    def digits(self) -> str:
        """What a phone dials: vanity letters as keypad digits, a leading + kept."""
        return dial_digits(self.value) if self.is_number else ""

    @property
    def is_vanity(self) -> bool:
        return self.is_number and any(ch.isalpha() for ch in self.value)

    @property
    def href(self) -> str:
        if self.kind in ("phone", "tty"):
            # A comma is a pause, then the extension as tones: iOS and Android dialers both do it.
            # RFC 3966's ";ext=" is not: Android sends "ext=5" as keypad tones (39...5).
            return "tel:" + self.digits + (f",{self.extension}" if self.extension else "")
        if self.kind == "text":
            if self.keyword:
                # "?&body=" is read by both iOS (&body=) and Android (?body=).
                return f"sms:{self.digits}?&body={urllib.parse.quote(self.keyword)}"
            return "sms:" + self.digits
        if self.kind == "email":
            return "mailto:" + self.value
        if self.kind in ("web", "chat") and URL.match(self.value):
            return self.value if "://" in self.value else "https://" + self.value
        return ""

    @property
    def shown(self) -> str:
        """The number as people read it: vanity letters with the digits, the extension spelled."""
        if not self.is_number:
            return self.value
        text = self.value
        if self.is_vanity:
            text += f" ({format_digits(self.digits)})"
        if self.extension:
            text += f", extension {self.extension}"
        return text

    def plain(self) -> str:
        """One line of text, as a handout prints it: 'Text HOME to 741741'."""
        if self.keyword:
            return f"{self.label} {self.keyword} to {self.shown}"
        return f"{self.label} {self.shown}"


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
    override = os.environ.get("DMST_RESOURCES")
    return Path(override).expanduser() if override else RESOURCES_FILE


FIELDS = ("id", "name", "scope", "purpose", "contacts", "hours", "notes", "status", "checked")


def parse_resources(path: Path, today: date | None = None) -> list[Resource]:
    today = today or date.today()
    data = load_plain(path)
    result: list[Resource] = []
    seen: set[str] = set()
    for e in each_entry(path, data, "resources"):
        e.unknown_fields(FIELDS)
        rid = e.ident("id")
        if rid in seen:
            raise e.fail("id", "is used by another resource")
        seen.add(rid)
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


def parse_contact(e: Entry, raw: object) -> Contact:
    c = Entry(e.path, raw, e.entry)
    c.unknown_fields(("kind", "value", "label", "extension", "keyword"))
    kind, value = c.text("kind"), c.text("value")
    if kind not in CONTACT_KINDS:
        raise c.fail("contacts", f"kind {kind!r} is not one of {', '.join(CONTACT_KINDS)}")
    label = c.text("label", {"phone": "Call", "text": "Text", "tty": "TTY"}.get(kind, "Visit"))
    extension, keyword = _scalar(c, "extension"), _scalar(c, "keyword")
    if kind not in ("phone", "tty") and extension:
        raise c.fail("contacts", f"an extension belongs to a phone line, not a {kind} contact")
    if kind != "text" and keyword:
        raise c.fail("contacts", f"a keyword belongs to a text line, not a {kind} contact")
    if kind in ("phone", "tty"):
        match = EXTENSION.match(value)
        if match:
            if extension:
                raise c.fail("contacts", f"{value!r}: give the extension once, not twice")
            value, extension = match.group("number").strip(), match.group("ext")
        if extension and not re.fullmatch(r"\d{1,6}", extension):
            raise c.fail("contacts", f"extension {extension!r} for {value!r} must be 1 to 6 digits")
    if kind == "text":
        match = KEYWORD.match(value)
        if match:
            if keyword:
                raise c.fail("contacts", f"{value!r}: give the keyword once, not twice")
            value, keyword = match.group("number").strip(), match.group("keyword")
        if keyword and not KEYWORD_TEXT.match(keyword):
            raise c.fail(
                "contacts",
                f"keyword {keyword!r} must be one word of letters or digits (like HELP)",
            )
    _check_value(c, kind, value)
    return Contact(kind, value, label, extension, keyword)


def _scalar(c: Entry, field: str) -> str:
    """An optional short field that YAML may read as a number (extension: 5)."""
    raw = c.data.get(field)
    if raw is None:
        return ""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise c.fail("contacts", f'{field} must be written as text, like {field}: "5"')
    return str(raw).strip()


def _check_value(c: Entry, kind: str, value: str) -> None:
    if kind in ("phone", "text", "tty"):
        problem = number_problem(value, text=kind == "text")
        if problem:
            raise c.fail("contacts", problem)
    elif kind == "email" and not EMAIL.match(value):
        raise c.fail("contacts", f"{value!r} is not an email address")
    elif kind in ("web", "chat") and not (URL.match(value) or kind == "chat"):
        raise c.fail("contacts", f"{value!r} is not a web address (like https://example.org)")


def number_problem(value: str, text: bool = False) -> str:
    """What is wrong with a phone or text number, in words; '' when it is a number to dial."""
    example = "use digits, like 1-800-555-0100 or (555) 555-0142"
    if not NUMBER_CHARACTERS.match(value) or value.count("+") > 1 or not re.search(r"\d", value):
        return f"{value!r} is not a phone number ({example})"
    letters = [ch for ch in value if ch.isalpha()]
    if letters and all(ch in LOOKALIKES for ch in letters):
        ch = letters[0]
        return (
            f"{value!r} has the letter {ch!r} where a digit belongs: type the digit "
            f"{LOOKALIKES[ch]} (a vanity number spells words, like 1-800-THE-LOST)"
        )
    alnum = [ch for ch in value if ch.isalnum()]
    first_letter = next((i for i, ch in enumerate(alnum) if ch.isalpha()), None)
    if first_letter is not None and first_letter < (4 if alnum[0] == "1" else 3):
        keyword = " (for a text keyword, write it like: HELP to 12345)" if text else ""
        return (
            f"{value!r} starts with letters: a vanity number keeps its area code in digits, "
            f"like 1-800-THE-LOST{keyword}"
        )
    digits = dial_digits(value)
    count = len(digits.lstrip("+"))
    if digits.startswith("+") and not digits.startswith("+1"):
        if 8 <= count <= 15:
            return ""  # another country's number, written with its country code
        return f"{value!r} is not an international number (a + and 8 to 15 digits)"
    if digits.startswith("+1"):
        if count != 11:
            return f"{value!r} has {count - 1} digits after +1; a US number has 10"
        return _area_code_problem(value, digits[2:])
    if count in (10, 11) and (count == 10 or digits.startswith("1")):
        return _area_code_problem(value, digits[-10:])
    if 3 <= count <= 6 and not any(ch.isalpha() for ch in value):
        if text or digits in SHORT_DIAL:
            return ""
        return (
            f"{value!r} is too short to call: a US number has 10 digits (area code and "
            f"number); only short numbers such as 911 or 988 are dialled as they are"
        )
    return (
        f"{value!r} has {count} digits; a US number has 10 (area code and number), or 11 "
        f"starting with 1"
    )


def _area_code_problem(value: str, ten: str) -> str:
    if ten[0] in "01":
        return f"{value!r}: a US area code does not start with {ten[0]}; check the number"
    return ""


def dial_digits(value: str) -> str:
    """'1-800-THE-LOST' -> '18008435678'; '+1 (555) 555-0142' -> '+15555550142'."""
    digits = "".join(KEYPAD.get(ch.upper(), ch) for ch in value if ch.isalnum())
    return ("+" if value.strip().startswith("+") else "") + digits


def format_digits(digits: str) -> str:
    """'18008435678' -> '1-800-843-5678'."""
    bare = digits.lstrip("+")
    if len(bare) == 11 and bare.startswith("1"):
        return f"1-{bare[1:4]}-{bare[4:7]}-{bare[7:]}"
    if len(bare) == 10:
        return f"{bare[:3]}-{bare[3:6]}-{bare[6:]}"
    return digits


# --- plain-words YAML errors for the file instructors edit ----------------------------------------

INDENTATION = (
    "this line is indented differently from the lines around it. Each entry starts with two "
    'spaces and "- id:"; the fields under it start with four spaces (contacts with six and eight). '
    "Use spaces, not tabs, and line it up with the entry above"
)
COLON = (
    "this line has a colon (:) inside a value. Put the whole value in double quotes, like notes: "
    '"Open 9:00 to 5:00"'
)
YAML_HINTS = [
    (
        ("but found '<scalar>'",),
        "a quotation mark is missing or extra on this line or a line just above it. A value in "
        'quotes starts and ends with " on the same line, with nothing after the closing quote',
    ),
    (
        ("expected <block end>", "did not find expected key", "expected <block mapping start>"),
        INDENTATION,
    ),
    (
        ("mapping values are not allowed here",),
        COLON,
    ),
    (
        ("found character '\\t'", "found a tab character"),
        "this line has a tab. Use spaces to indent",
    ),
    (
        ("could not find expected ':'",),
        'a field name needs a colon after it (like name: "County hotline"), or a quote opened '
        "here is not closed",
    ),
    (
        ("found unexpected end of stream", "while scanning a quoted scalar"),
        'a quotation mark opened here is never closed. Every value that starts with " must end '
        'with "',
    ),
    (
        ("found unknown escape character",),
        "a backslash (\\) inside double quotes. Remove it, or use single quotes",
    ),
    (
        ("expected a comment or a line break", "found unexpected"),
        "there is text after a closing quotation mark. Put the whole value inside the quotes",
    ),
]


def load_plain(path: Path):
    """Load the resources file; a YAML mistake becomes plain words and the line to fix."""
    try:
        return load_yaml(path)
    except DataError as exc:
        raise plain_yaml_error(path, exc) from None


def plain_yaml_error(path: Path, original: DataError) -> DataError:
    try:
        text = Path(path).read_text(encoding="utf-8")
        yaml.safe_load(text)
    except yaml.YAMLError as exc:
        parts = (getattr(exc, "problem", None), getattr(exc, "context", None))
        problem = " ".join(str(p) for p in parts if p)
        mark = getattr(exc, "problem_mark", None)
        if "quoted scalar" in problem or mark is None:
            mark = getattr(exc, "context_mark", None) or mark
        if mark is None:
            return original
        hint = next(
            (words for needles, words in YAML_HINTS if any(n in problem for n in needles)),
            "the file's layout is broken here. Compare this line with the example in the file",
        )
        line_no = mark.line + 1
        lines = text.splitlines()
        shown = lines[mark.line] if mark.line < len(lines) else ""
        value = shown.split(":", 1)[1] if ":" in shown else ""
        if hint == COLON and ":" not in value:
            hint = INDENTATION  # a field pushed in under the one above it
        return DataError(
            path, f"line {line_no} needs fixing: {hint}. Line {line_no} reads: {shown.rstrip()!r}"
        )
    except (OSError, UnicodeDecodeError):
        return original
    return original


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


# --- HTML --------------------------------------------------------------------------------------


def ordered(items: list[Resource]) -> list[tuple[str, list[Resource]]]:
    groups = [(scope, [r for r in items if r.scope == scope]) for scope in SCOPE_ORDER]
    return [(scope, group) for scope, group in groups if group]


def resource_html(r: Resource) -> str:
    contacts = "; ".join(_contact_html(c) for c in r.contacts)
    parts = [
        f'<li class="dmst-resource"><strong class="dmst-resource-name">{html.escape(r.name)}'
        f"</strong>: {html.escape(r.purpose)} "
        f'<span class="dmst-resource-contacts">{contacts}.</span>'
    ]
    if r.hours:
        parts.append(
            f' <span class="dmst-resource-hours"><span class="dmst-resource-label">Hours:</span> '
            f"{html.escape(r.hours)}</span>"
        )
    if r.notes:
        parts.append(
            f' <span class="dmst-resource-notes"><span class="dmst-resource-label">Note:</span> '
            f"{html.escape(_sentence(r.notes))}</span>"
        )
    if r.status == "reported":
        parts.append(' <span class="dmst-reported">(reported; confirm before relying on it)</span>')
    parts.append(f' <span class="dmst-checked">Checked {r.checked.when}.</span></li>')
    return "".join(parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def resources_html(items: list[Resource], heading_level: int = 3) -> str:
    """The resource list as HTML: local and state entries first, then national ones."""
    h = f"h{heading_level}"
    parts = []
    for scope, group in ordered(items):
        parts.append(f'<{h} class="dmst-resources-scope">{SCOPE_HEADINGS[scope]}</{h}><ul>')
        parts.extend(resource_html(r) for r in group)
        parts.append("</ul>")
    return "".join(parts)


def _contact_html(c: Contact) -> str:
    label = html.escape(c.label)
    if c.keyword:
        label += f" {html.escape(c.keyword)} to"
    shown = html.escape(c.shown)
    if c.href:
        return f'{label} <a href="{html.escape(c.href)}">{shown}</a>'
    return f"{label} {shown}"


# The support box's first line; the slides' support slide opens with it too.
SUPPORT_LEAD = (
    "You can stop at any time. If anyone is in immediate danger, call 911. If you are worried "
    "about a young person, or need to talk to someone now:"
)


def support_box_html(items: list[Resource] | None = None) -> str:
    items = load_resources() if items is None else items
    return (
        '<aside class="dmst-support-box" aria-label="Support">'
        f"<p><strong>Support.</strong> {SUPPORT_LEAD}</p>"
        f"{resources_html(items, heading_level=3)}"
        "</aside>"
    )


class SupportBox:
    def _repr_html_(self) -> str:
        return support_box_html()

    def __repr__(self) -> str:
        return "Support: " + "; ".join(
            f"{r.name} {r.contacts[0].plain()}" for _, g in ordered(load_resources()) for r in g
        )


def support_box() -> SupportBox:
    """The support box, live in Jupyter (the book adds the same box at build time)."""
    return SupportBox()
