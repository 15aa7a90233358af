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
from functools import cache
from typing import TYPE_CHECKING

from dmst.display import Displayed

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "svg.hashsalt": "dmst",
}
TINT = 0x22 / 255  # box fill: the box colour at this opacity
WIDTH_IN = 8.0  # at 100 dpi: 800 px wide, so 12 pt text stays readable on the page


@dataclass
class Chart(Displayed):
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
        return self.html(f"data:image/png;base64,{image}")

    def html(self, src: str, *, lazy: bool = False) -> str:
        """The figure with its picture at ``src``: a data URI live, a file in the book."""
        width, height = png_size(self.png)
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
            for row in self.rows
        )
        loading = ' loading="lazy" decoding="async"' if lazy else ""
        return (
            f'<figure class="dmst-figure" id="figure-{self.id}">'
            f'<img src="{html.escape(src)}" alt="{html.escape(self.alt)}" '
            f'width="{width}" height="{height}"{loading}>'
            f"<figcaption><strong>{html.escape(self.title)}</strong> "
            f"Source: {html.escape(_sentence(self.source))} Grade: {html.escape(self.grade)}."
            f"</figcaption>"
            f'<details class="dmst-figure-data"><summary>The numbers behind this figure</summary>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
            f"</figure>"
        )

    @property
    def filename(self) -> str:
        """A name that changes when the picture does, so browsers may cache it for good."""
        import hashlib

        return f"{self.id}-{hashlib.sha256(self.png).hexdigest()[:10]}.png"

    def __repr__(self) -> str:
        return f"{self.title}\n{self.alt}\nSource: {self.source} Grade: {self.grade}."


def _sentence(text: str) -> str:
    """Text that ends as a sentence, so "Source: ... Grade: ..." reads as two."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", ")")) else text + "."


@cache
def _pyplot():
    """matplotlib, imported on the first drawing: a rebuild that reuses every kept figure (see
    dmst.figurecache) then never pays the second it takes to import."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def render(draw: Callable[[Figure], None], height_in: float) -> bytes:
    """Draw with the house style and return deterministic PNG bytes."""
    plt = _pyplot()
    lines = plt.cycler(color=[PALETTE[c] for c in ("blue", "orange", "green")])
    with plt.rc_context({"axes.prop_cycle": lines, **STYLE}):
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
    return small_png(buffer.getvalue())


def small_png(png: bytes, colours: int = 64) -> bytes:
    """The same chart in a 64-colour palette: flat colours and text survive, and the file is a
    third of the size (a phone on school Wi-Fi loads it three times faster)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    reduced = image.quantize(
        colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    reduced.save(out, format="PNG", optimize=True)
    return out.getvalue()


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (the page reserves the space before it loads)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def source_line(fig: Figure, text: str) -> None:
    """The source and grade, printed in the image itself so it travels with a copied chart."""
    wrapped = textwrap.fill(text, width=92)  # about 800 px of 11 pt text
    fig.text(0.01, 0.015, wrapped, fontsize=11, color=PALETTE["grey"], ha="left", va="bottom")


def _box(ax, x, y, w, h, title, body, colour, *, faded=False) -> None:
    from matplotlib.colors import to_rgba
    from matplotlib.patches import FancyBboxPatch

    patch = ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.03",
            facecolor="white" if faded else to_rgba(colour, TINT),
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
