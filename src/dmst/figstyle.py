"""The house style of every figure: palette, type sizes, the Chart record and its rendering.

A chart is returned as a :class:`Chart`: the picture, its alt text, the caption with source and
grade, and the numbers as a table. Jupyter shows it with the picture inside the page; the book
writes the picture as its own file (see :mod:`dmst.render`), so pages stay light.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

# Okabe-Ito: distinguishable with the common forms of colour-blindness.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#6B6B6B",
    "ink": "#1A1A1A",
}
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": PALETTE["grey"],
    "axes.prop_cycle": matplotlib.cycler(color=[PALETTE[c] for c in ("blue", "orange", "green")]),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "svg.hashsalt": "dmst",
}
TINT = 0x22 / 255  # box fill: the box colour at this opacity
WIDTH_IN = 8.0  # at 100 dpi: 800 px wide, so 12 pt text stays readable on the page


@dataclass
class Chart:
    """A rendered figure with everything a reader needs besides the picture."""

    id: str
    title: str
    png: bytes
    alt: str
    source: str
    grade: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    notes: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        image = base64.b64encode(self.png).decode("ascii")
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
            for row in self.rows
        )
        return (
            f'<figure class="dmst-figure" id="figure-{self.id}">'
            f'<img src="data:image/png;base64,{image}" alt="{html.escape(self.alt)}" '
            f'width="{WIDTH_IN * 100:.0f}">'
            f"<figcaption><strong>{html.escape(self.title)}</strong> "
            f"Source: {html.escape(self.source)} Grade: {html.escape(self.grade)}."
            f"</figcaption>"
            f'<details class="dmst-figure-data"><summary>The numbers behind this figure</summary>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
            f"</figure>"
        )

    def __repr__(self) -> str:
        return f"{self.title}\n{self.alt}\nSource: {self.source} Grade: {self.grade}."


def render(draw: Callable[[Figure], None], height_in: float) -> bytes:
    """Draw with the house style and return deterministic PNG bytes."""
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=(WIDTH_IN, height_in))
        try:
            draw(fig)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", metadata={"Software": None})
            watching = _inspection.get()
            if watching is not None:
                watching.check(fig)
        finally:
            plt.close(fig)
    return buffer.getvalue()


def source_line(fig: Figure, text: str) -> None:
    """The source and grade, printed in the image itself so it travels with a copied chart."""
    wrapped = textwrap.fill(text, width=92)  # about 800 px of 11 pt text
    fig.text(0.01, 0.015, wrapped, fontsize=11, color=PALETTE["grey"], ha="left", va="bottom")


def _box(ax, x, y, w, h, title, body, colour, *, faded=False) -> None:
    patch = ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.03",
            facecolor="white" if faded else matplotlib.colors.to_rgba(colour, TINT),
            edgecolor=PALETTE["grey"] if faded else colour,
            linewidth=2,
            linestyle=(0, (4, 3)) if faded else "solid",
        )
    )
    ink = PALETTE["grey"] if faded else PALETTE["ink"]
    head = ax.text(
        x + w / 2, y + h - 0.06, title, ha="center", va="top", fontsize=13, weight="bold", color=ink
    )
    text = ax.text(
        x + w / 2,
        y + h / 2 - 0.06,
        body,
        ha="center",
        va="center",
        fontsize=11,
        color=ink,
        linespacing=1.35,
    )
    watching = _inspection.get()
    if watching is not None:  # a test is checking that no text spills out of its box
        watching.boxes.append((patch, head, text))


class Inspection:
    """While active, remembers each box drawn and checks each finished figure (for tests)."""

    def __init__(self) -> None:
        self.boxes: list = []
        self.problems: list[str] = []

    def check(self, fig: Figure) -> None:
        renderer = fig.canvas.get_renderer()
        for patch, *texts in self.boxes:
            box = patch.get_window_extent(renderer)
            for text in texts:
                e = text.get_window_extent(renderer)
                if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1 or e.y0 < box.y0 - 1 or e.y1 > box.y1 + 1:
                    self.problems.append(" ".join(text.get_text().split())[:60])
        self.boxes.clear()


_inspection: ContextVar[Inspection | None] = ContextVar("dmst_figure_inspection", default=None)


def text_overflows(make: Callable[[], object]) -> list[str]:
    """Texts that spill out of their boxes when ``make()`` draws a figure (used by the tests)."""
    inspection = Inspection()
    token = _inspection.set(inspection)
    try:
        make()
    finally:
        _inspection.reset(token)
    return inspection.problems
