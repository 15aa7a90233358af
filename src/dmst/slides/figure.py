"""Figures on slides: drawn sharper than the book's, for a projector, and boxed to fit a slide."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from dmst.errors import DataError
from dmst.lessons import Lesson
from dmst.slides.markup import _e
from dmst.slides.source import Item

FIGURE_DPI = 200  # figures drawn sharper than the book's, for a projector


@dataclass
class Figure:
    id: str  # the image's file stem; for a diagram, the diagram id
    alt: str = ""
    title: str = ""
    png: bytes = b""
    width: int = 0
    height: int = 0
    panel: str = ""  # a panel without an image (a statistic with no data behind it), as HTML
    notes: str = ""  # for the speaker: the figure in words

    def __post_init__(self) -> None:
        if self.alt and not self.notes:
            self.notes = f"**The figure in words** (its alt text, to say aloud): {self.alt}"


@contextmanager
def _sharp(dpi: int) -> Iterator[None]:
    """Draw figures at a projector's resolution; the book's own figures are unchanged."""
    from dmst import figstyle

    saved = figstyle.STYLE
    figstyle.STYLE = {**saved, "savefig.dpi": dpi}
    try:
        yield
    finally:
        figstyle.STYLE = saved


def make_figure(item: Item) -> Figure:
    from dmst import figures

    function = getattr(figures, item.ref, None)
    if function is None:
        raise DataError(item.ref, "is not a figure function in dmst.figures")
    with _sharp(FIGURE_DPI):
        made = function(*item.args)
    if isinstance(made, figures.NoDataPanel):
        e = made.entry
        panel = (
            f'<p class="dmst-no-data-label">{html.escape(made.label)}</p>'
            f"<blockquote>“{html.escape(e.page_says)}”</blockquote>"
            f"<p><strong>Say instead:</strong> {html.escape(e.teach)}</p>"
            f'<p class="dmst-small">Grade {html.escape(e.grade)}. Source status: '
            f"{html.escape(e.status)}.</p>"
        )
        found = f"**What was found** (statistics ledger): {e.traced_to}"
        return Figure(f"no-data-{e.id}", title=made.label, panel=panel, notes=found)
    if isinstance(made, figures.ReportedFigure):
        e, n = made.entry, made.number
        panel = (
            f'<p class="dmst-no-data-label">{html.escape(made.label)}</p>'
            f"<p><strong>About {html.escape(n.text())}</strong> {html.escape(made.what)}.</p>"
            f"<p><strong>What it is not:</strong> {html.escape(made.not_this)}</p>"
        )
        notes = f"**Who was asked** (statistics ledger): {e.measured['population']}"
        return Figure(f"reported-{n.key}", title=made.label, panel=panel, notes=notes)
    chart = getattr(made, "static", made)
    width, height = _png_size(chart.png)
    name = chart.id.removeprefix("diagram-")
    return Figure(name, chart.alt, chart.title, chart.png, width, height)


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


# Figure boxes, in slide pixels. Beside the text: as tall as the slide allows; a wide figure
# (more than WIDE times as wide as tall) goes under the text instead, as wide as the slide.
WIDE = 1.9
BESIDE_HEIGHT, BESIDE_MAX_WIDTH = 520, 800
UNDER_WIDTH, UNDER_MAX_HEIGHT = 1152, 430
ALONE_HEIGHT, ALONE_WIDTH = 560, 1152


def figure_box(figure: Figure, alone: bool = False) -> tuple[int, int, str]:
    """(width, height, layout) of a figure on its slide: "beside" or "under" the text."""
    aspect = figure.width / figure.height
    if alone:
        height = min(ALONE_HEIGHT, ALONE_WIDTH / aspect)
        return round(height * aspect), round(height), "alone"
    if aspect > WIDE:
        height = min(UNDER_MAX_HEIGHT, UNDER_WIDTH / aspect)
        return round(height * aspect), round(height), "under"
    height = min(BESIDE_HEIGHT, BESIDE_MAX_WIDTH / aspect)
    return round(height * aspect), round(height), "beside"


def figure_html(lesson: Lesson, figure: Figure, alone: bool = False) -> str:
    if figure.panel:
        return f'<div class="dmst-panel">{figure.panel}</div>'
    src = f"lesson-{lesson.id}/{figure.id}.png"
    width, height, _ = figure_box(figure, alone)
    return (
        f'<figure class="dmst-figure"><img src="{_e(src)}" alt="{_e(figure.alt)}" '
        f'width="{width}" height="{height}"></figure>'
    )
