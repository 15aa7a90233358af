"""Figures in the house style: one function per chart, each with alt text, source, grade and table.

A chart is returned as a :class:`Chart`, whose HTML rendition (image with alt text, caption with
source and grade, and the numbers as a table) is what Jupyter and the book both show, so the alt
text computed from data reaches the built page. Numbers come from the ledger, never from here.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Sequence
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
        finally:
            plt.close(fig)
    return buffer.getvalue()


def source_line(fig: Figure, text: str) -> None:
    """The source and grade, printed in the image itself so it travels with a copied chart."""
    fig.text(0.01, 0.015, text, fontsize=11, color=PALETTE["grey"], ha="left", va="bottom")


def _box(ax, x, y, w, h, title, body, colour, *, faded=False) -> None:
    ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.03",
            facecolor="white" if faded else colour + "22",
            edgecolor=PALETTE["grey"] if faded else colour,
            linewidth=2,
            linestyle=(0, (4, 3)) if faded else "solid",
        )
    )
    ink = PALETTE["grey"] if faded else PALETTE["ink"]
    ax.text(
        x + w / 2, y + h - 0.06, title, ha="center", va="top", fontsize=13, weight="bold", color=ink
    )
    ax.text(
        x + w / 2,
        y + h / 2 - 0.06,
        body,
        ha="center",
        va="center",
        fontsize=11,
        color=ink,
        linespacing=1.35,
    )


def legal_elements() -> Chart:
    """The three elements of sex trafficking in federal law, adult and minor side by side."""
    acts = "recruits, entices, harbors,\ntransports, provides,\nobtains, advertises,\nmaintains, patronizes\nor solicits"  # noqa: E501
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
            "(a commercial sex act). For a person under 18, the means box is crossed out as not "
            "needed: an act and a commercial sex act are enough."
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
