"""The community outreach page the curriculum teaches, by its sections (S1, S2, ...).

Defined once in ``data/outreach.yml``: each section's id, its title as the page names it, and what
teaching it includes. Lessons name the sections they teach (``seed_rows`` in ``lessons.yml``,
checked against these ids); the curriculum map and the editorial guide list them from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dmst.datafile import DATA, each_entry, load_yaml

OUTREACH_FILE = DATA / "outreach.yml"
FIELDS = ("id", "title", "teaching")
SECTION_ID = re.compile(r"^S[1-9]\d*$")


@dataclass(frozen=True)
class OutreachSection:
    id: str  # "S1"
    title: str  # "What is DMST"
    teaching: str  # what teaching this section includes


def parse_outreach(path: Path) -> tuple[OutreachSection, ...]:
    """Load and check the sections; any problem raises one DataError naming entry and field."""
    data = load_yaml(path)
    seen: set[str] = set()
    result = []
    for number, e in enumerate(each_entry(path, data, "sections"), start=1):
        e.unknown_fields(FIELDS)
        section_id = e.text("id")
        if not SECTION_ID.fullmatch(section_id):
            raise e.fail("id", f"{section_id!r} must be S and a number, like S1")
        e.unique(section_id, seen, "section")
        if section_id != f"S{number}":
            raise e.fail("id", f"must be S{number}: the sections are listed in the page's order")
        result.append(OutreachSection(section_id, e.text("title"), e.text("teaching")))
    return tuple(result)


@cache
def outreach() -> tuple[OutreachSection, ...]:
    return parse_outreach(OUTREACH_FILE)


def seed_rows() -> tuple[str, ...]:
    """The sections' ids, in the page's order: what a lesson's ``seed_rows`` may name."""
    return tuple(section.id for section in outreach())
