"""The statistics ledger: every number the curriculum uses, traced, graded and referenced.

``data/ledger.yml`` holds the grade rubric (``grades``: what each grade means, and in brief) and
one entry per statistic on the outreach page and per piece of better evidence. Numbers are stored
as numbers (ranges as low and high) so charts, checks and prose read them and never retype them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.errors import DataError

LEDGER_FILE = DATA / "ledger.yml"
BIB_FILE = DATA / "references.bib"
# The grades, best first. Their wording is data (``grades`` in ledger.yml); the letters are fixed,
# since the book's styles and charts draw each of them.
GRADE_LETTERS = ("A", "B", "C", "D")
GRADE_FIELDS = ("means", "in_brief")
STATUSES = ("read", "reported", "not found")
KINDS = ("page-claim", "evidence")
ENTRY_FIELDS = (
    "id", "kind", "page_says", "page_credits", "traced_to", "measured", "problems", "grade",
    "grade_reason", "status", "numbers", "better", "teach", "refs", "cite_as", "short",
)  # fmt: skip
MEASURED_FIELDS = ("population", "place", "period", "method")


@dataclass(frozen=True)
class Grade:
    letter: str
    means: str  # the rubric: "a named study with a stated method that measured exactly ..."
    in_brief: str  # beside a grade's badge: "measured what it claims"


@dataclass(frozen=True)
class Number:
    key: str
    label: str
    unit: str
    low: float
    high: float
    cite_as: str = ""  # when this figure has its own source within the entry
    grade: str = ""  # when this figure is graded apart from its entry (for example, reported)

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def text(self) -> str:
        """The number as prose: '1,682,900 youth', '4,457 to 20,994 youth', 'US$5 billion',
        '2.5 million youth', '1 in 3 teens', '10% to 15%'."""
        low, high = words(self.low), words(self.high)
        value = f"{low} to {high}" if self.is_range else low
        unit = self.unit
        if unit == "percent":
            return f"{low}% to {high}%" if self.is_range else f"{low}%"
        if unit == "US dollars":
            return f"US${low} to US${high}" if self.is_range else f"US${low}"
        one_in = re.fullmatch(r"(.*?)\s*\((.*)1 in N\)", unit)
        if one_in:
            noun, prefix = one_in.groups()
            return f"{prefix}1 in {value} {noun}".strip()
        return f"{value} {unit}".strip()


def words(value: float) -> str:
    """Round millions and billions in words (as people say them), other numbers in full."""
    for size, name in ((1e9, "billion"), (1e6, "million")):
        if value >= size and (value / size * 10).is_integer():
            return f"{fmt(value / size)} {name}"
    return fmt(value)


@dataclass(frozen=True)
class LedgerEntry:
    id: str
    kind: str
    page_says: str
    page_credits: str
    traced_to: str
    measured: dict[str, str]
    problems: str
    grade: str
    grade_reason: str
    status: str
    numbers: tuple[Number, ...]
    better: tuple[str, ...]
    teach: str
    refs: tuple[str, ...]
    cite_as: str
    short: str  # a few words naming the claim, for chart labels and tables

    def number(self, key: str | None = None) -> Number:
        if key is None:
            return self.numbers[0]
        for number in self.numbers:
            if number.key == key:
                return number
        raise KeyError(f"ledger entry {self.id!r} has no number {key!r}")

    def cite(self, key: str | None = None) -> str:
        """'4,457 to 20,994 youth (Swaner et al., 2016; grade B)'."""
        number = self.number(key)
        return f"{number.text()} ({number.cite_as or self.cite_as}; grade {self.grade_of(key)})"

    def grade_of(self, key: str | None = None) -> str:
        return self.number(key).grade or self.grade


def fmt(value: float) -> str:
    """Thousands separators, no trailing .0."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def bib_keys(path: Path = BIB_FILE) -> set[str]:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text))


def parse_grades(path: Path, data: Any) -> dict[str, Grade]:
    """The ``grades`` mapping of a ledger file: for each of A to D, what it ``means`` (a phrase
    that reads after "grade C:") and the same ``in_brief`` (a few words)."""
    if not isinstance(data, dict) or not isinstance(data.get("grades"), dict):
        raise DataError(path, "must have a 'grades' mapping: A to D, each with means and in_brief")
    raw = data["grades"]
    for letter in raw:
        if letter not in GRADE_LETTERS:
            raise DataError(path, "is not a grade (the grades are A, B, C, D)", f"grade {letter}")
    result = {}
    for letter in GRADE_LETTERS:
        if letter not in raw:
            raise DataError(path, "is missing from 'grades'", f"grade {letter}")
        e = Entry(path, raw[letter], f"grade {letter}")
        e.unknown_fields(GRADE_FIELDS)
        result[letter] = Grade(letter, e.text("means"), e.text("in_brief"))
    return result


def parse_ledger(path: Path, known_refs: set[str] | None = None) -> dict[str, LedgerEntry]:
    """Load and validate the ledger; a bad entry raises one DataError naming entry and field."""
    known_refs = bib_keys() if known_refs is None else known_refs
    data = load_yaml(path)
    grades = parse_grades(path, data)
    result: dict[str, LedgerEntry] = {}
    for e in each_entry(path, data, "entries"):
        e.unknown_fields(ENTRY_FIELDS)
        entry_id = e.ident("id", dots=True)
        if entry_id in result:
            raise e.fail("id", "is used by another entry")
        kind = e.text("kind")
        if kind not in KINDS:
            raise e.fail("kind", f"must be one of {', '.join(KINDS)}")
        grade = e.text("grade")
        if grade not in grades:
            raise e.fail("grade", f"must be one of {', '.join(grades)}, not {grade!r}")
        status = e.text("status")
        if status not in STATUSES:
            raise e.fail("status", f"must be one of {', '.join(STATUSES)}, not {status!r}")
        measured = Entry(path, e.get("measured", dict), e.entry)
        measured.unknown_fields(MEASURED_FIELDS)
        refs = tuple(e.text_list("refs"))
        for ref in refs:
            if ref not in known_refs:
                raise e.fail("refs", f"{ref!r} is not a key in {BIB_FILE.name}")
        result[entry_id] = LedgerEntry(
            id=entry_id,
            kind=kind,
            page_says=e.text("page_says", "") if kind == "evidence" else e.text("page_says"),
            page_credits=e.text("page_credits", ""),
            traced_to=e.text("traced_to"),
            measured={f: measured.text(f) for f in MEASURED_FIELDS},
            problems=e.text("problems"),
            grade=grade,
            grade_reason=e.text("grade_reason"),
            status=status,
            numbers=tuple(_numbers(e, grades)),
            better=tuple(e.text_list("better", [])),
            teach=e.text("teach", ""),
            refs=refs,
            cite_as=e.text("cite_as"),
            short=e.text("short"),
        )
    for entry in result.values():
        for other in entry.better:
            if other not in result:
                raise DataError(path, f"{other!r} is not a ledger entry", entry.id, "better")
    return result


def _numbers(e: Entry, grades: dict[str, Grade]) -> list[Number]:
    numbers = []
    seen: set[str] = set()
    for raw in e.get("numbers", list, []):
        n = Entry(e.path, raw, e.entry)
        n.unknown_fields(("key", "label", "unit", "value", "low", "high", "cite_as", "grade"))
        grade = n.text("grade", "")
        if grade and grade not in grades:
            raise n.fail("numbers", f"grade {grade!r} must be one of {', '.join(grades)}")
        key = n.ident("key")
        if key in seen:
            raise n.fail("numbers", f"number key {key!r} is used twice")
        seen.add(key)
        if "value" in n.data:
            low = high = n.get("value", float)
        else:
            low, high = n.get("low", float), n.get("high", float)
            if low > high:
                raise n.fail("numbers", f"{key}: low ({fmt(low)}) is above high ({fmt(high)})")
        if low < 0:
            raise n.fail("numbers", f"{key}: a count or share cannot be negative")
        numbers.append(
            Number(
                key, n.text("label"), n.text("unit", ""), low, high, n.text("cite_as", ""), grade
            )
        )
    return numbers


# Which entries a piece of code read, so a book page can follow those entries and not the whole
# file (see `recording`). WHOLE: it read them all.
_READ: ContextVar[set[str] | None] = ContextVar("dmst_ledger_read", default=None)
WHOLE = "*"
GRADES_READ = "grades:"  # the rubric at the top of the file (no entry id has a colon)
FIELDS_READ = "fields:"  # some fields of every entry ("fields:grade+kind"; see `every`)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the ids of the entries read inside the block (``WHOLE`` if all of them)."""
    read: set[str] = set()
    outer = _READ.get()
    token = _READ.set(read)
    try:
        yield read
    finally:
        _READ.reset(token)
        if outer is not None:  # what was read inside was read by the enclosing block too
            outer.update(read)


def note_read(entry_id: str) -> None:
    """Count ``entry_id`` as read (for code that caches what it made from the ledger)."""
    _note(entry_id)


def _note(entry_id: str) -> None:
    read = _READ.get()
    if read is not None:
        read.add(entry_id)


@cache
def _entries() -> dict[str, LedgerEntry]:
    return parse_ledger(LEDGER_FILE)


def ledger() -> dict[str, LedgerEntry]:
    _note(WHOLE)
    return _entries()


def every(*fields: str) -> dict[str, SimpleNamespace]:
    """Every entry, with only ``fields`` (an overview that shows each entry's grade, say). What is
    made from it follows those fields alone, so a changed value elsewhere does not remake it; a
    field not asked for is not there to be read by mistake."""
    _note(FIELDS_READ + "+".join(sorted(fields)))
    return _projection(tuple(sorted(fields)))


@cache
def _projection(fields: tuple[str, ...]) -> dict[str, SimpleNamespace]:
    return {
        entry_id: SimpleNamespace(id=entry_id, **{f: getattr(e, f) for f in fields})
        for entry_id, e in _entries().items()
    }


def entries_text(entry_ids: str) -> str:
    """The entries named (comma-separated) as text, to tell whether any of them changed."""
    return "\n".join(_read_text(entry_id) for entry_id in entry_ids.split(","))


def _read_text(read: str) -> str:
    if read == GRADES_READ:
        return repr(_grades())
    if read.startswith(FIELDS_READ):
        return repr(_projection(tuple(read.removeprefix(FIELDS_READ).split("+"))))
    return repr(_entries()[read])


def grades() -> dict[str, Grade]:
    """The grade rubric, A to D, as ledger.yml words it."""
    _note(GRADES_READ)
    return _grades()


@cache
def _grades() -> dict[str, Grade]:
    return parse_grades(LEDGER_FILE, load_yaml(LEDGER_FILE))


def entry(entry_id: str) -> LedgerEntry:
    _note(entry_id)
    try:
        return _entries()[entry_id]
    except KeyError:
        raise KeyError(f"{entry_id!r} is not in {LEDGER_FILE.name}") from None


STAT_ROLE = re.compile(r"\{stat\}`([^`]+)`")


def cite_in(ref: str, entries_by_id: dict[str, LedgerEntry]) -> str:
    """Cite 'entry' or 'entry:number-key' from the given entries; KeyError names what is missing."""
    entry_id, _, key = ref.strip().partition(":")
    if entry_id not in entries_by_id:
        raise KeyError(f"{entry_id!r} is not an entry in {LEDGER_FILE.name}")
    return entries_by_id[entry_id].cite(key or None)


def expand_stats(text: str, entries_by_id: dict[str, LedgerEntry]) -> str:
    """Replace each {stat}`entry:key` in plain text (question banks) with its citation."""
    return STAT_ROLE.sub(lambda m: cite_in(m.group(1), entries_by_id), text)


def cite(ref: str) -> str:
    """Cite 'entry' or 'entry:number-key' as prose with source and grade."""
    _note(ref.strip().partition(":")[0])
    return cite_in(ref, _entries())


__all__ = [
    "GRADE_LETTERS", "DataError", "Grade", "LedgerEntry", "Number", "cite", "entry", "grades",
    "ledger",
]  # fmt: skip
