"""Concept diagrams: the law's three elements, and the diagrams defined as data.

``data/diagrams/*.yml`` holds flows, cycles and grids of boxes; this module loads them (cached,
one id one diagram) and draws them in the house style.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from dmst.errors import DataError
from dmst.figstyle import PALETTE, Chart, _box, render, source_line

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def legal_elements() -> Chart:
    """The three elements of sex trafficking in federal law, adult and minor side by side."""
    acts = "\n".join(
        [
            "recruits, entices, harbors,",
            "transports, provides,",
            "obtains, advertises,",
            "maintains, patronizes",
            "or solicits",
        ]
    )
    means = "force, fraud\nor coercion"
    purpose = "a commercial\nsex act (sex in\nexchange for\nanything of value)"

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0, 0.06, 1, 0.94))
        ax.set_xlim(0, 3.2)
        ax.set_ylim(0, 2.55)
        ax.axis("off")
        rows = (
            (1.38, "Person 18 or older", False, "must be proven"),
            (0.12, "Person under 18", True, "NOT needed"),
        )
        for y, label, minor, means_note in rows:
            ax.text(0.02, y + 1.0, label, fontsize=13, weight="bold", color=PALETTE["ink"])
            _box(ax, 0.02, y, 0.95, 0.95, "ACT", acts, PALETTE["blue"])
            _box(
                ax,
                1.12,
                y,
                0.95,
                0.95,
                "MEANS",
                f"{means}\n\n{means_note}",
                PALETTE["orange"],
                faded=minor,
            )
            _box(ax, 2.22, y, 0.95, 0.95, "PURPOSE", purpose, PALETTE["green"])
            for x in (0.985, 2.085):
                ax.annotate(
                    "",
                    (x + 0.12, y + 0.47),
                    (x, y + 0.47),
                    arrowprops={"arrowstyle": "->", "lw": 2, "color": PALETTE["grey"]},
                )
        source_line(
            fig, "Source: TVPA 2000, 22 U.S.C. § 7102; 18 U.S.C. § 1591. Law, not a statistic."
        )

    return Chart(
        id="legal-elements",
        title="Figure: what federal law requires to show sex trafficking.",
        png=render(draw, 5.6),
        alt=(
            "Diagram comparing adults and minors under federal sex-trafficking law. For a person "
            "18 or older, three elements are needed: an act (such as recruiting, harboring, "
            "advertising or soliciting), a means (force, fraud or coercion) and a purpose "
            "(a commercial sex act). For a person under 18, the means box is faded and marked as "
            "not needed; the act and purpose boxes remain."
        ),
        source="Trafficking Victims Protection Act of 2000 (22 U.S.C. § 7102); 18 U.S.C. § 1591.",
        grade="not graded: this is the text of the law, not a statistic",
        columns=("Element", "Person 18 or older", "Person under 18"),
        rows=(
            (
                "Act: recruits, entices, harbors, transports, provides, obtains, advertises, "
                "maintains, patronizes or solicits",
                "Must be shown",
                "Must be shown",
            ),
            ("Means: force, fraud or coercion", "Must be shown", "Not needed"),
            ("Purpose: a commercial sex act", "Must be shown", "Must be shown"),
        ),
    )


DIAGRAM_KINDS = ("flow", "cycle", "grid")


@dataclass(frozen=True)
class Diagram:
    id: str
    kind: str
    title: str
    boxes: tuple[tuple[str, str], ...]  # (heading, body)
    alt: str
    source: str
    centre: str = ""


def parse_diagrams(path) -> list[Diagram]:
    """Diagrams from a data file. A statistic in a diagram is written as {stat}`entry:key` and
    printed as the ledger's figure with its source and grade; the number lint rejects any other."""
    from dmst.datafile import Entry, each_entry, load_yaml
    from dmst.ledger import STAT_ROLE, cite

    def text(entry: Entry, field: str, default: str | None = None) -> str:
        raw = entry.text(field) if default is None else entry.text(field, default)
        try:
            return STAT_ROLE.sub(lambda m: cite(m.group(1)), raw)  # notes each entry cited
        except KeyError as error:
            raise entry.fail(field, f"{{stat}} reference: {error.args[0]}") from None

    data = load_yaml(path)
    result = []
    for e in each_entry(path, data, "diagrams"):
        e.unknown_fields(("id", "kind", "title", "boxes", "alt", "source", "centre"))
        kind = e.text("kind")
        if kind not in DIAGRAM_KINDS:
            raise e.fail("kind", f"must be one of {', '.join(DIAGRAM_KINDS)}")
        boxes = []
        for raw_box in e.get("boxes", list):
            b = Entry(path, raw_box, e.entry)
            b.unknown_fields(("heading", "body"))
            boxes.append((text(b, "heading"), text(b, "body", "")))
        if not 2 <= len(boxes) <= 8:
            raise e.fail("boxes", "a diagram needs 2 to 8 boxes")
        alt = text(e, "alt")
        if len(alt.split()) < 12:
            raise e.fail("alt", "alt text must say what the diagram shows and its point")
        result.append(
            Diagram(
                e.text("id"),
                kind,
                text(e, "title"),
                tuple(boxes),
                alt,
                text(e, "source"),
                text(e, "centre", ""),
            )
        )
    return result


@cache
def all_diagrams() -> dict[str, Diagram]:
    """Every diagram by id; an id used twice (in one file or two) is an error."""
    from dmst.datafile import DATA

    found: dict[str, tuple[Diagram, str]] = {}
    for path in sorted((DATA / "diagrams").glob("*.yml")):
        for d in parse_diagrams(path):
            if d.id in found:
                raise DataError(path, f"is also a diagram in {found[d.id][1]}", d.id, "id")
            found[d.id] = (d, path.name)
    return {key: d for key, (d, _) in found.items()}


def flow_columns(n: int) -> int:
    """Boxes per row in a flow: 5 or 6 steps read better as rows of 3 than 4 + 2."""
    return 3 if n in (5, 6) else min(n, 4)


def diagram(diagram_id: str) -> Chart:
    """A concept diagram (stages, a cycle, a set of barriers) drawn from its data entry."""
    d = all_diagrams()[diagram_id]
    n = len(d.boxes)

    def draw(fig: Figure) -> None:
        import math

        ax = fig.add_axes((0, 0.08, 1, 0.92))
        ax.axis("off")
        colours = [PALETTE[c] for c in ("blue", "orange", "green", "purple", "sky", "vermillion")]
        if d.kind == "flow":
            per_row = flow_columns(n)
            rows = math.ceil(n / per_row)
            ax.set_xlim(0, per_row)
            ax.set_ylim(0, rows * 1.15)
            for i, (head, body) in enumerate(d.boxes):
                r, c = divmod(i, per_row)
                x, y = c + 0.05, (rows - 1 - r) * 1.15 + 0.1
                # Numbered, so the order reads on from one row to the next.
                wrapped = textwrap.fill(body, 18 if per_row == 4 else 24)
                _box(ax, x, y, 0.82, 0.95, f"{i + 1}. {head}", wrapped, colours[i % 6])
                if i < n - 1 and c < per_row - 1:
                    ax.annotate(
                        "",
                        (x + 0.95, y + 0.47),
                        (x + 0.83, y + 0.47),
                        arrowprops={"arrowstyle": "->", "lw": 2, "color": PALETTE["grey"]},
                    )
        elif d.kind == "cycle":
            ax.set_xlim(-1.6, 1.6)
            ax.set_ylim(-1.25, 1.25)
            ax.set_aspect("equal")
            for i, (head, body) in enumerate(d.boxes):
                angle = math.pi / 2 - 2 * math.pi * i / n
                x, y = 1.1 * math.cos(angle), 0.88 * math.sin(angle)
                _box(
                    ax,
                    x - 0.42,
                    y - 0.26,
                    0.84,
                    0.52,
                    head,
                    textwrap.fill(body, 20),
                    colours[i % 6],
                )
                nxt = math.pi / 2 - 2 * math.pi * (i + 0.5) / n
                ax.annotate(
                    "",
                    (0.62 * math.cos(nxt - 0.25), 0.5 * math.sin(nxt - 0.25)),
                    (0.62 * math.cos(nxt + 0.25), 0.5 * math.sin(nxt + 0.25)),
                    arrowprops={"arrowstyle": "->", "lw": 2, "color": PALETTE["grey"]},
                )
            if d.centre:
                ax.text(
                    0,
                    0,
                    textwrap.fill(d.centre, 16),
                    ha="center",
                    va="center",
                    fontsize=12,
                    weight="bold",
                )
        else:
            cols = min(n, 4)
            rows = math.ceil(n / cols)
            ax.set_xlim(0, cols)
            ax.set_ylim(0, rows * 1.1 + (0.5 if d.centre else 0))
            for i, (head, body) in enumerate(d.boxes):
                r, c = divmod(i, cols)
                _box(
                    ax,
                    c + 0.05,
                    (rows - 1 - r) * 1.1 + 0.05,
                    0.9,
                    0.95,
                    head,
                    textwrap.fill(body, 20),
                    colours[i % 6],
                )
            if d.centre:
                ax.text(
                    cols / 2,
                    rows * 1.1 + 0.25,
                    d.centre,
                    ha="center",
                    va="center",
                    fontsize=13,
                    weight="bold",
                )
        source_line(fig, f"Source: {d.source}")

    columns = flow_columns(n) if d.kind == "flow" else 4
    height = 6.2 if d.kind == "cycle" else 2.4 * -(-n // columns) + 0.9
    return Chart(
        id=f"diagram-{d.id}",
        title=f"Figure: {d.title}",
        png=render(draw, height),
        alt=d.alt,
        source=d.source,
        grade="not graded: a diagram of a concept, not a statistic",
        columns=("Part", "What it means"),
        rows=tuple((head, body) for head, body in d.boxes),
    )
