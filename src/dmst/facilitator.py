"""Facilitator notes (``book/instructors/lesson-NN.md``) read as speaker notes for the slides.

How notes reach a slide
-----------------------
The notes file is split into its ``##`` parts, and every part into *blocks*: a block starts with a
paragraph that opens with bold text (``**What federal law says.**``, ``**01.3**``,
``**Diagram 02-why-risk.**``) and runs to the next such paragraph. The bold text is the block's
*lead*. Then, for each slide:

* **Title slide**: the part "Content note to read aloud".
* **Objectives slide**: the part "Timing" (the whole table and what follows it) and the part
  "Discussion prompts" (prompts for the whole lesson, used where they fit), and any talking point
  that could not be placed (see below).
* **Section slide** (one per ``##`` section of the lesson): its row of the timing table and its
  talking points, i.e. the blocks of the part "Talking points" whose lead *names* the section.
  A lead names a section when, after dropping quotes, brackets and a final full stop, ignoring
  case, the two agree on any part between colons, question marks or semicolons, or one part is
  the beginning or end of the other, at a word boundary and at least two words long
  ("Not glamour" names "Not glamour: what films leave out"; "How adults respond" names "What this
  means for how adults respond"). A ``###`` heading inside the section names it too.
  A talking point that names no section is placed by order, since the notes follow the lesson:
  it goes to the first section after the previous talking point's section that has none of its
  own, if there is one before the next talking point's section; otherwise it joins the previous
  talking point's section (it continues it); with no talking point before it, it is shown on the
  objectives slide under "Other talking points". The build prints each such placement.
  **A section with no talking points** gets its timing row, if any, and the line "The facilitator
  notes have no talking points for this section."; the build lists it, so authors can add some.
* **Question slide**: the objective the check tests (from the lesson map).
* **Answer slide**: the block whose lead is the check's id (``**01.3**``, usually in "Knowledge
  checks: what each one tests"); without one, the bank entry's ``rationale``; without either, a
  line saying the notes have nothing for it.
* **Activity slide** and **figure**: blocks whose lead starts with the activity id
  (``**02.sort**``) or contains the diagram id (``**Diagram 02-why-risk.**``).
* **Scenario**: the story slide gets its timing row; the discussion slide gets the part
  ``## Scenario: <title>``, or the blocks whose lead is the scenario's title (in "Scenarios" or
  "Talking points", with or without "Scenario:").
* **Key points slide**: its timing row ("Key points and support") and "Anticipated questions".
* **Support slide**: the part "If someone discloses".

A timing row goes to the first of: the title slide ("Welcome", "content note"), the key points
slide ("Key points"), a scenario it names, a section it names, an activity whose id it names
before its brackets, or the section holding the checks listed in its brackets. A row that matches
nothing stays in the full table on the objectives slide, and the build prints it.

Parts used nowhere ("Before you teach", "Adaptations") are for reading before the session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTES_DIR = ROOT / "book" / "instructors"
NO_TALKING_POINTS = "The facilitator notes have no talking points for this section."

_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*")
_TABLE_ROW = re.compile(r"^\|(.+)\|\s*$")


@dataclass(frozen=True)
class Block:
    lead: str  # the bold text that opens it, as written
    body: str  # MyST Markdown, lead included
    part: str  # the ## heading it sits under


@dataclass(frozen=True)
class TimingRow:
    name: str  # the section column, as written
    teach: str
    activities: str
    total: str

    @property
    def line(self) -> str:
        return (
            f"**Timing:** {self.total} min ({self.teach} teaching, {self.activities} for "
            "activities)."
        )


@dataclass
class Notes:
    path: Path
    parts: dict[str, str] = field(default_factory=dict)  # ## heading -> body
    blocks: list[Block] = field(default_factory=list)
    timing: list[TimingRow] = field(default_factory=list)

    def part(self, heading: str) -> str:
        """A part's body by heading (ignoring case), or ""."""
        for name, body in self.parts.items():
            if name.casefold() == heading.casefold():
                return body.strip()
        return ""

    def blocks_in(self, part_prefix: str) -> list[Block]:
        return [b for b in self.blocks if b.part.casefold().startswith(part_prefix.casefold())]


def notes_path(lesson_id: str) -> Path:
    return NOTES_DIR / f"lesson-{lesson_id}.md"


def read_notes(path: Path) -> Notes:
    """Split a notes file into parts, blocks and timing rows. A missing file gives empty notes."""
    notes = Notes(path)
    if not path.exists():
        return notes
    from dmst.notes import expand

    heading, lines = None, []
    for line in expand(path.read_text(encoding="utf-8")).splitlines():
        if line.startswith("## "):
            if heading is not None:
                notes.parts[heading] = "\n".join(lines)
            heading, lines = line[3:].strip(), []
        elif heading is not None:
            lines.append(line)
    if heading is not None:
        notes.parts[heading] = "\n".join(lines)
    for part, body in notes.parts.items():
        notes.blocks += _blocks(part, body)
    notes.timing = _timing(notes.part("Timing"))
    return notes


def _blocks(part: str, body: str) -> list[Block]:
    blocks: list[Block] = []
    lead, lines = None, []
    previous_blank = True
    for line in body.splitlines():
        match = _BOLD_LEAD.match(line) if previous_blank else None
        if match:
            if lead is not None:
                blocks.append(Block(lead, "\n".join(lines).strip(), part))
            lead, lines = match.group(1), []
        if lead is not None:
            lines.append(line)
        previous_blank = not line.strip()
    if lead is not None:
        blocks.append(Block(lead, "\n".join(lines).strip(), part))
    return blocks


def _timing(body: str) -> list[TimingRow]:
    rows = []
    for line in body.splitlines():
        match = _TABLE_ROW.match(line.strip())
        if not match:
            continue
        cells = [c.strip() for c in match.group(1).split("|")]
        if len(cells) != 4 or not cells[3].strip("* ").isdigit():
            continue  # the header, the separator or a malformed row
        if cells[0].strip("* ").casefold() == "total":
            continue
        rows.append(TimingRow(*cells))
    return rows


# --- matching names ------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Lower case, no roles, quotes, brackets or final full stop; single spaces."""
    text = re.sub(r"\{[a-z:]+\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub("[\"\u201c\u201d\u2018\u2019*`']", "", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(".").strip()
    return text.casefold()


def _parts(text: str) -> list[str]:
    whole = normalize(text)
    parts = [p.strip() for p in re.split(r"[:?;]", whole)]
    found = [whole, *(p for p in parts if p and p != "scenario")]
    return list(dict.fromkeys(found))


def _words_edge(short: str, long: str) -> bool:
    if len(short.split()) < 2:
        return False
    return long.startswith(short + " ") or long.endswith(" " + short)


def names_match(a: str, b: str) -> bool:
    """Whether a lead or timing row (``a``) names a heading or title (``b``): see the module doc."""
    for x in _parts(a):
        for y in _parts(b):
            if x == y or _words_edge(x, y) or _words_edge(y, x):
                return True
    return False


def strip_scenario(title: str) -> str:
    """'Scenario: Rosa's new boyfriend (a fictional composite)' -> "Rosa's new boyfriend"."""
    title = re.sub(r"^\s*scenario:\s*", "", title, flags=re.I)
    return re.sub(r"\s*\(a fictional composite\)\s*$", "", title).strip()


# --- placing notes on slides ---------------------------------------------------------------------


@dataclass(frozen=True)
class OutlineSection:
    heading: str
    subheadings: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outline:
    """What the deck holds, in order: enough to place the notes (slide keys in brackets)."""

    sections: tuple[OutlineSection, ...]  # [section:N]
    scenarios: tuple[str, ...] = ()  # titles without "Scenario:" [scenario:N, discussion:N]
    checks: tuple[str, ...] = ()  # [answer:ID]
    activities: tuple[str, ...] = ()  # [activity:ID]
    figures: tuple[str, ...] = ()  # diagram ids [figure:ID]


@dataclass
class Placed:
    notes: dict[str, list[str]] = field(default_factory=dict)  # slide key -> Markdown pieces
    warnings: list[str] = field(default_factory=list)

    def add(self, key: str, text: str) -> None:
        if text.strip():
            self.notes.setdefault(key, []).append(text.strip())


def place(notes: Notes, outline: Outline) -> Placed:
    """Decide which notes go on which slide, as the module documentation describes."""
    placed = Placed()
    name = notes.path.name
    _place_timing(notes, outline, placed)
    read_aloud = "Content note to read aloud"
    placed.add("title", _titled(read_aloud, notes.part(read_aloud)))

    # Talking points: by name, then by order.
    points = [b for b in notes.blocks_in("Talking points")]
    target: list[int | None] = []
    for block in points:
        scenario = _scenario_named(block.lead, outline)
        if scenario is not None and "scenario" in block.lead.lower():
            placed.add(f"discussion:{scenario}", block.body)
            target.append(-1)  # placed, not a section
            continue
        target.append(_section_named(block.lead, outline))
    for i, block in enumerate(points):
        if target[i] is None:
            before = max((t for t in target[:i] if t is not None and t >= 0), default=-1)
            after = min(
                (t for t in target[i + 1 :] if t is not None and t >= 0),
                default=len(outline.sections),
            )
            taken = {t for t in target if t is not None}
            free = [s for s in range(before + 1, after) if s not in taken]
            if free or before >= 0:
                target[i] = free[0] if free else before
                placed.warnings.append(
                    f"{name}: talking point “{block.lead}” names no section; placed by order on "
                    f"“{outline.sections[target[i]].heading}”"
                )
            else:
                placed.add("objectives", "**Other talking points.**\n\n" + block.body)
                placed.warnings.append(
                    f"{name}: talking point “{block.lead}” names no section; shown with the "
                    "objectives"
                )
                continue
        if target[i] is not None and target[i] >= 0:
            placed.add(f"section:{target[i]}", block.body)
    for s, section in enumerate(outline.sections):
        if s not in target:
            placed.add(f"section:{s}", NO_TALKING_POINTS)
            placed.warnings.append(f"{name}: no talking points for section “{section.heading}”")

    # Checks, activities, figures: by id in a block's lead.
    for check_id in outline.checks:
        for block in notes.blocks:
            if re.match(rf"{re.escape(check_id)}(?![\d])", block.lead.strip()):
                placed.add(f"answer:{check_id}", block.body)
    for activity_id in outline.activities:
        for block in notes.blocks:
            if block.lead.strip().startswith(activity_id):
                placed.add(f"activity:{activity_id}", block.body)
    for figure_id in outline.figures:
        for block in notes.blocks:
            if figure_id in block.lead:
                placed.add(f"figure:{figure_id}", block.body)

    # Scenarios: a part of their own, or blocks named after them (talking points done above).
    for n, title in enumerate(outline.scenarios):
        for part, body in notes.parts.items():
            if part.lower().startswith("scenario:") and names_match(strip_scenario(part), title):
                placed.add(f"discussion:{n}", body)
        for block in notes.blocks_in("Scenarios"):
            if names_match(strip_scenario(block.lead), title):
                placed.add(f"discussion:{n}", block.body)

    placed.add("objectives", _titled("Timing", notes.part("Timing")))
    placed.add("objectives", _titled("Discussion prompts", notes.part("Discussion prompts")))
    placed.add("key-points", _titled("Anticipated questions", notes.part("Anticipated questions")))
    placed.add("support", _titled("If someone discloses", notes.part("If someone discloses")))
    return placed


def _titled(title: str, body: str) -> str:
    return f"**{title}.**\n\n{body}" if body.strip() else ""


def _section_named(text: str, outline: Outline) -> int | None:
    for s, section in enumerate(outline.sections):
        if any(names_match(text, h) for h in (section.heading, *section.subheadings)):
            return s
    return None


def _scenario_named(text: str, outline: Outline) -> int | None:
    for n, title in enumerate(outline.scenarios):
        if names_match(strip_scenario(text), title):
            return n
    return None


def _place_timing(notes: Notes, outline: Outline, placed: Placed) -> None:
    for row in notes.timing:
        plain = normalize(row.name)
        head = row.name.split("(")[0]
        listed = re.findall(r"\b\d{2}\.\d+\b", row.name[len(head) :])
        key = None
        if plain.startswith("welcome") or "content note" in plain:
            key = "title"
        elif plain.startswith("key points"):
            key = "key-points"
        elif (n := _scenario_named(head, outline)) is not None and "scenario" in plain:
            key = f"scenario:{n}"
        elif (s := _section_named(head, outline)) is not None:
            key = f"section:{s}"
        elif named := [a for a in outline.activities if a in head or f"activity {a}" in row.name]:
            key = f"activity:{named[0]}"
        elif listed:
            holding = [s for s, sec in enumerate(outline.sections) if set(listed) & set(sec.checks)]
            key = f"section:{holding[0]}" if holding else None
        if key is None:
            placed.warnings.append(f"{notes.path.name}: timing row “{row.name}” matches no slide")
        else:
            placed.add(key, row.line)
