"""Figures in the house style: one function per chart, each with alt text, source, grade and table.

A chart is returned as a :class:`Chart`, whose HTML rendition (image with alt text, caption with
source and grade, and the numbers as a table) is what Jupyter and the book both show, so the alt
text computed from data reaches the built page. Numbers come from the ledger, never from here.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

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
INSPECTORS: list[Callable[[Figure], None]] = []  # test hooks run on each drawn figure
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
            for inspect in INSPECTORS:
                inspect(fig)
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
    # Remembered so tests can check that no text spills out of its box.
    BOXES_DRAWN.append((patch, head, text))


BOXES_DRAWN: list = []


def text_overflows(make: Callable[[], object]) -> list[str]:
    """Texts that spill out of their boxes when ``make()`` draws a figure (used by the tests)."""
    problems: list[str] = []

    def inspect(fig: Figure) -> None:
        renderer = fig.canvas.get_renderer()
        for patch, *texts in BOXES_DRAWN:
            box = patch.get_window_extent(renderer)
            for text in texts:
                e = text.get_window_extent(renderer)
                if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1 or e.y0 < box.y0 - 1 or e.y1 > box.y1 + 1:
                    problems.append(" ".join(text.get_text().split())[:60])

    BOXES_DRAWN.clear()
    INSPECTORS.append(inspect)
    try:
        make()
    finally:
        INSPECTORS.remove(inspect)
        BOXES_DRAWN.clear()
    return problems


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


# --- the numbers: every chart reads the ledger ---------------------------------------------
#
# Every number, source name and grade printed in these charts (labels, titles, source lines, alt
# text, tables) comes from data/ledger.yml or data/references.bib. The number lint
# (dmst.lint.typed_numbers) reads this module's strings and fails on a figure typed here.

GRADE_COLOURS = {
    "A": PALETTE["green"],
    "B": PALETTE["blue"],
    "C": PALETTE["orange"],
    "D": PALETTE["vermillion"],
}


def _entry(entry_id: str):
    from dmst.ledger import entry

    return entry(entry_id)


def _sources(*entries) -> str:
    """The ledger's own names for the entries a chart draws on, each once, in order."""
    names: list[str] = []
    for e in entries:
        if e.cite_as not in names:
            names.append(e.cite_as)
    return "; ".join(names)


@cache
def _bibliography() -> dict[str, dict[str, str]]:
    """Fields of each references.bib entry, for source lines that name a fact-check or review."""
    from pybtex.database import parse_file

    from dmst.ledger import BIB_FILE

    data = parse_file(str(BIB_FILE))
    result = {}
    for key, e in data.entries.items():
        fields = {k: str(v).strip("{}") for k, v in e.fields.items()}
        people = e.persons.get("author", [])
        fields["authors"] = " & ".join(" ".join(p.last_names).strip("{}") for p in people)
        result[key] = fields
    return result


def _ref_name(key: str) -> str:
    """'PolitiFact Oregon, 2013' for an article; 'Stransky & Finkelhor, 2008' otherwise."""
    ref = _bibliography()[key]
    who = ref.get("journal") or ref.get("authors") or ref.get("institution", key)
    return f"{who}, {ref.get('year', 'n.d.')}"


def _ref_year(key: str) -> str:
    return _bibliography()[key].get("year", "n.d.")


def _fmt(value: float) -> str:
    from dmst.ledger import words

    return words(value)


def grades_overview() -> Chart:
    """The outreach page's statistics, grouped by grade."""
    from dmst.ledger import GRADES, ledger

    claims = [e for e in ledger().values() if e.kind == "page-claim"]
    by_grade = {g: [e for e in claims if e.grade == g] for g in "ABCD"}
    # Each grade gets a band as tall as its list of claims, so long lists never overlap.
    heights = {g: max(len(by_grade[g]), 1) + 0.8 for g in "ABCD"}
    total = sum(heights.values())

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0.04, 0.1, 0.94, 0.88))
        ax.set_xlim(0, 10)
        ax.set_ylim(0, total)
        ax.axis("off")
        top = total
        for grade in "ABCD":
            items = by_grade[grade]
            middle = top - heights[grade] / 2
            ax.text(
                0,
                middle,
                f"Grade {grade}",
                fontsize=13,
                weight="bold",
                va="center",
                color=GRADE_COLOURS[grade],
            )
            ax.text(1.55, middle, f"{len(items)}", fontsize=13, weight="bold", va="center")
            names = "\n".join(e.short for e in items) or "none"
            ax.text(2.1, middle, names, fontsize=11, va="center", linespacing=1.3)
            top -= heights[grade]
            if grade != "D":
                ax.plot([0, 10], [top, top], color="#DDDDDD", lw=1)
        source_line(
            fig,
            "Source: this curriculum's statistics ledger, which gives the reason for each grade.",
        )

    counts = {g: len(v) for g, v in by_grade.items()}
    return Chart(
        id="grades-overview",
        title="Figure: how the outreach page's statistics hold up.",
        png=render(draw, 1.2 + 0.24 * total),
        alt=(
            f"Chart sorting the outreach page's {len(claims)} statistics by grade. "
            + " ".join(
                f"{counts[g]} {'is' if counts[g] == 1 else 'are'} grade {g} ({GRADES[g]})."
                for g in "DCBA"
            )
            + " None of the page's numbers is a figure anyone can stand behind as stated."
        ),
        source="the statistics ledger (book page: The statistics ledger).",
        grade="each claim's own grade is shown",
        columns=("The page says", "Grade", "Source status"),
        rows=tuple((e.short, e.grade, e.status) for e in claims),
    )


def runaway_figures() -> Chart:
    """Four runaway numbers side by side: what each one counted."""
    nismart1 = _entry("nismart-1")
    page_450 = _entry("runaways-450k")
    nismart2 = _entry("nismart-2")
    streets = _entry("streets-2.5m")
    bars = [
        (
            nismart1.short,
            nismart1.number("runaways").low,
            nismart1,
            f"broad-scope runaways in {nismart1.measured['period']}",
        ),
        (
            f"The page: {page_450.short}",
            page_450.number("runaways").low,
            page_450,
            f"no year given; credited to the {page_450.page_credits}",
        ),
        (
            nismart2.short,
            nismart2.number("episodes").low,
            nismart2,
            f"youth with an episode during {nismart2.measured['period']}",
        ),
        (
            f"The page: {streets.short}",
            streets.number("streets").low,
            streets,
            "no source found",
        ),
    ]

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0.05, 0.24, 0.9, 0.7))
        ys = range(len(bars))[::-1]
        top = max(v for _, v, _, _ in bars)
        for y, (label, value, e, note) in zip(ys, bars, strict=True):
            unsourced = e.grade == "D"
            ax.barh(
                y,
                value,
                height=0.55,
                color="white" if unsourced else GRADE_COLOURS[e.grade],
                edgecolor=GRADE_COLOURS[e.grade],
                hatch="//" if unsourced else None,
                lw=2,
            )
            ax.text(0, y + 0.42, label, fontsize=12, weight="bold", va="bottom")
            ax.text(
                value + top * 0.01,
                y,
                f"{_fmt(value)}  (grade {e.grade})\n{note}",
                fontsize=11,
                va="center",
                linespacing=1.2,
            )
        ax.set_xlim(0, top * 1.9)
        ax.set_ylim(-0.5, len(bars) - 0.1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: _fmt(v)))
        ax.set_xlabel("young people (different things were counted: read the labels)")
        source_line(
            fig,
            f"Sources: {_sources(nismart1, page_450, nismart2, streets)}. "
            "Hatched: no source found.",
        )

    return Chart(
        id="runaway-figures",
        title="Figure: four runaway numbers, and what each one counted.",
        png=render(draw, 5.6),
        alt=(
            f"Bar chart of four runaway figures. {nismart1.cite_as}: about {_fmt(bars[0][1])} "
            f"broad-scope runaways in {nismart1.measured['period']} (grade {nismart1.grade}). "
            f"The page repeats this as {_fmt(bars[1][1])} a year, with no year given "
            f"(grade {page_450.grade}). {nismart2.cite_as}: {_fmt(bars[2][1])} youth with a "
            "runaway or thrownaway episode at some point during the year, a count over a whole "
            f"year (grade {nismart2.grade}). The page's {_fmt(bars[3][1])} youth on the streets "
            f"at any given time has no source and is drawn hatched (grade {streets.grade})."
        ),
        source=f"{_sources(nismart1, page_450, nismart2, streets)}.",
        grade="shown per figure",
        columns=("Figure", "Value", "What it counted", "Grade"),
        rows=tuple((label, _fmt(v), note, e.grade) for label, v, e, note in bars),
    )


def estimate_ranges() -> Chart:
    """How wide the honest range is: three ranges on one log scale."""
    page = _entry("teens-100k-3m")
    review = _entry("stransky-finkelhor")
    study = _entry("swaner-2016")
    ranges = [
        (page.cite_as, page.number("page-range"), page),
        (review.cite_as, review.number("estimates"), review),
        (study.cite_as, study.number("youth"), study),
    ]
    lowest = min(n.low for _, n, _ in ranges)
    highest = max(n.high for _, n, _ in ranges)

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0.04, 0.22, 0.92, 0.7))
        ax.set_xscale("log")
        left = lowest / 3
        for y, (label, n, e) in zip(range(3)[::-1], ranges, strict=True):
            colour = GRADE_COLOURS[e.grade]
            ax.plot([n.low, n.high], [y, y], lw=8, color=colour, solid_capstyle="butt")
            ax.plot([n.low, n.high], [y, y], "|", ms=22, mew=3, color=PALETTE["ink"])
            ax.text(
                left * 1.2,
                y + 0.22,
                f"{label}\n{n.text()} (grade {e.grade})",
                fontsize=12,
                weight="bold",
                va="bottom",
                linespacing=1.3,
            )
        ax.set_xlim(left, highest * 7)
        ax.set_ylim(-0.5, 2.85)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: _fmt(v)))
        ax.set_xlabel("young people (log scale: each step is ten times the last)")
        source_line(fig, f"Sources: {_sources(page, review, study)}.")

    return Chart(
        id="estimate-ranges",
        title="Figure: how many young people? Three ranges on one scale.",
        png=render(draw, 5.0),
        alt=(
            "Log-scale chart of three ranges. The outreach page says "
            f"{ranges[0][1].text()} every year, with no Department of Justice source "
            f"(grade {page.grade}). Published estimates reviewed by {review.cite_as} ran from "
            f"{ranges[1][1].text()}, a spread of more than a thousandfold (grade {review.grade}). "
            f"The national study by {study.cite_as} estimated {ranges[2][1].text()} under 18, "
            f"a model-based range far below the page's (grade {study.grade})."
        ),
        source=f"{_sources(page, review, study)}.",
        grade="shown per range",
        columns=("Range", "Low", "High", "Grade"),
        rows=tuple((label, _fmt(n.low), _fmt(n.high), e.grade) for label, n, e in ranges),
    )


# --- a single reported figure: shown as what it is, not as a bar to compare ----------------------


class ReportedFigure:
    """One figure known only from press reports of one study, with who was asked and what it is
    not. A bar chart would invite comparison with figures from other groups; this does not."""

    def __init__(self, entry_id: str, key: str, what: str, not_this: str) -> None:
        self.entry = _entry(entry_id)
        self.number = self.entry.number(key)
        self.what = what
        self.not_this = not_this

    @property
    def label(self) -> str:
        return f"One study, reported in the press: grade {self.entry.grade_of(self.number.key)}"

    def _repr_html_(self) -> str:
        e, n = self.entry, self.number
        rows = [
            ("Who was asked", e.measured["population"]),
            ("Where", e.measured["place"]),
            ("How we know it", n.cite_as or e.cite_as),
            ("What it is not", self.not_this),
        ]
        details = "".join(
            f"<dt>{html.escape(head)}</dt><dd>{html.escape(body)}</dd>" for head, body in rows
        )
        return (
            f'<figure class="dmst-figure dmst-no-data dmst-reported" id="figure-{n.key}">'
            f'<p class="dmst-no-data-label">{html.escape(self.label)}</p>'
            f"<p><strong>About {html.escape(n.text())}</strong> {html.escape(self.what)}.</p>"
            f"<dl>{details}</dl>"
            f"<figcaption>Source: {html.escape(e.traced_to)} Reported by "
            f"{html.escape('; '.join(_ref_name(r) for r in e.refs[1:]))}. "
            f"Grade: {e.grade_of(n.key)} ({html.escape(n.label)}).</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"{self.label}: about {self.number.text()} {self.what}"


def pimp_share() -> ReportedFigure:
    """The share of one study's young people who reported a pimp, as the press reported it."""
    return ReportedFigure(
        "swaner-2016",
        "pimp-share",
        what="of the young people interviewed reported a pimp",
        not_this=(
            "It describes the study's whole sample, young adults as well as young people under "
            "18, so it is not a share of exploited children. It is not a count of traffickers. "
            "It comes from one study in six chosen sites, known only from press reports, and it "
            "cannot be set beside the outreach page's figure, which describes a different group "
            "and could not be checked. Under federal law, a young person under 18 in a commercial "
            "sex act is a victim whether or not a third party is involved."
        ),
    )


# --- the average age of entry: two simulations with made-up data ------------------------------

MADE_UP = "ILLUSTRATION WITH MADE-UP DATA: not a real study"
YOUNGEST_ASKED = 13.0  # the youngest age the made-up study interviews
SPREAD = 3.5  # how widely the made-up ages of first exploitation vary, in years


@dataclass(frozen=True)
class MadeUpGroup:
    """Made-up people: the age at which each was first exploited, and where in a study's span of
    interview ages each would be met (0 = the youngest age asked, 1 = the oldest)."""

    entry: object  # numpy array of ages at first exploitation
    place: object  # numpy array in [0, 1)

    def interviewed_at(self, oldest: float):
        """Age at interview when the study asks people aged YOUNGEST_ASKED up to ``oldest``."""
        return YOUNGEST_ASKED + self.place * (oldest + 1 - YOUNGEST_ASKED)

    def seen_by_study(self, oldest: float):
        """Ages at first exploitation a study sees: only exploitation begun by the interview."""
        return self.entry[self.entry <= self.interviewed_at(oldest)]

    def started_under(self, age: float):
        return self.entry[self.entry < age]


def made_up_group(real_average: float = 16.0, n: int = 6000, seed: int = 2026) -> MadeUpGroup:
    """The same seed gives the same draws, so stored outputs are reproducible (nbval)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    entry = real_average + SPREAD * rng.standard_normal(n)
    entry = entry[(entry >= 8) & (entry < 30)]
    return MadeUpGroup(entry, rng.random(entry.size))


def _mean(values) -> float:
    return float(values.mean()) if len(values) else float("nan")


def _made_up_banner(fig: Figure, y: float) -> None:
    fig.text(0.5, y, MADE_UP, ha="center", fontsize=13, weight="bold", color=PALETTE["vermillion"])


def _average_mark(
    ax, value: float, colour: str, text: str, height: float, *, dashed: bool = False
) -> None:
    ax.axvline(value, color=colour, lw=2 if dashed else 3, ls="--" if dashed else "-")
    ax.text(
        value + 0.3,
        height,
        text,
        fontsize=11,
        va="top",
        color=colour,
        weight="bold",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5, "alpha": 0.9},
    )


def _age_axis(ax) -> None:
    ax.set_xlim(8, 30)
    ax.set_xticks(range(8, 31, 2))
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)


def entry_age_chart(real_average: float = 16.0, adult: float = 18.0) -> Chart:
    """Three panels: everyone; those first exploited under 18; what a study of minors sees."""
    import numpy as np

    group = made_up_group(real_average)
    oldest = adult - 1
    panels = [
        (
            "Everyone in the made-up group",
            group.entry,
            None,
            PALETTE["grey"],
            "average",
        ),
        (
            f"Only those first exploited under {adult:g}",
            group.started_under(adult),
            group.entry,
            PALETTE["blue"],
            "average",
        ),
        (
            f"What a study that interviews people aged {YOUNGEST_ASKED:g} to {oldest:g} sees",
            group.seen_by_study(oldest),
            group.started_under(adult),
            PALETTE["vermillion"],
            "average",
        ),
    ]
    averages = [_mean(values) for _, values, _, _, _ in panels]

    def draw(fig: Figure) -> None:
        bins = np.arange(8, 31, 1)
        for i, (title, values, behind, colour, word) in enumerate(panels):
            ax = fig.add_axes((0.04, 0.69 - i * 0.25, 0.92, 0.17))
            top = 1.0
            if behind is not None:
                grey, _, _ = ax.hist(behind, bins=bins, color="#DDDDDD", edgecolor="white")
                top = max(top, grey.max())
            counts, _, _ = ax.hist(values, bins=bins, color=colour, edgecolor="white")
            top = max(top, counts.max())
            ax.set_ylim(0, top * 1.25)
            ax.set_title(f"{i + 1}. {title}", loc="left", fontsize=12, weight="bold", pad=4)
            _average_mark(ax, averages[i], PALETTE["ink"], f"{word}: {averages[i]:.1f}", top * 1.2)
            if i == 2:
                _average_mark(
                    ax,
                    averages[1],
                    PALETTE["blue"],
                    f"under {adult:g}: {averages[1]:.1f}",
                    top * 0.75,
                    dashed=True,
                )
                ax.text(
                    adult + 0.5,
                    top * 0.9,
                    "grey: first exploited after\ntheir interview, so not in\nthe study's sample",
                    fontsize=11,
                    va="top",
                    color=PALETTE["grey"],
                )
            _age_axis(ax)
            if i < 2:
                ax.set_xticklabels([])
        ax.set_xlabel("age when first exploited (made-up data)")
        _made_up_banner(fig, 0.96)
        source_line(
            fig,
            "Made-up ages drawn by this curriculum's code to show one idea. Last panel: each "
            f"made-up person is interviewed at an age from {YOUNGEST_ASKED:g} to {oldest:g}; only "
            "exploitation that began by then can be reported.",
        )

    everyone, minors, study = averages
    return Chart(
        id="entry-age-simulation",
        title="Figure: who is interviewed decides the average age a study finds.",
        png=render(draw, 7.4),
        alt=(
            f"{MADE_UP}. Three histograms of made-up ages at which people were first exploited. "
            f"First, everyone in the made-up group: average {everyone:.1f}. Second, only those "
            f"first exploited under {adult:g}: average {minors:.1f}. Third, what a study sees "
            f"when it interviews people aged {YOUNGEST_ASKED:g} to {oldest:g}: someone "
            "interviewed young cannot report exploitation that began after the interview, so "
            f"later starts are cut off and the study's average falls to {study:.1f}, below even "
            f"the average for everyone first exploited under {adult:g}. A sample of minors "
            "cannot give the average age of entry, even for minors."
        ),
        source="a simulation with made-up data (this curriculum).",
        grade="not graded: an illustration, not evidence",
        columns=("Made-up group", "Average age when first exploited (made up)"),
        rows=tuple(
            (title, f"{avg:.1f}") for (title, *_), avg in zip(panels, averages, strict=True)
        ),
    )


class EntryAgeExplorer:
    """Live in Jupyter: sliders for the made-up real average and the oldest age a study interviews.
    In the book: the static panels of :func:`entry_age_chart`."""

    def __init__(self) -> None:
        self.static = entry_age_chart()
        self._box = None

    def widget(self):
        import ipywidgets as w

        average = w.IntSlider(
            value=16,
            min=13,
            max=24,
            description="Made-up real average age when first exploited",
            style={"description_width": "initial"},
            layout=w.Layout(width="95%"),
        )
        oldest = w.IntSlider(
            value=17,
            min=14,
            max=30,
            description="Oldest age the study interviews",
            style={"description_width": "initial"},
            layout=w.Layout(width="95%"),
        )
        image = w.Image(format="png", layout=w.Layout(max_width="100%"))
        summary = w.HTML()

        def update(_=None) -> None:
            import numpy as np

            group = made_up_group(average.value)
            seen = group.seen_by_study(oldest.value)
            everyone, study = _mean(group.entry), _mean(seen)

            def draw(fig: Figure) -> None:
                ax = fig.add_axes((0.04, 0.22, 0.92, 0.6))
                bins = np.arange(8, 31, 1)
                ax.hist(group.entry, bins=bins, color="#DDDDDD", edgecolor="white")
                ax.hist(seen, bins=bins, color=PALETTE["blue"], edgecolor="white")
                top = max(ax.get_ylim()[1], 1)
                ax.set_ylim(0, top * 1.3)
                _average_mark(ax, everyone, PALETTE["ink"], f"everyone: {everyone:.1f}", top * 1.25)
                _average_mark(ax, study, PALETTE["vermillion"], f"study: {study:.1f}", top * 0.95)
                _age_axis(ax)
                ax.set_xlabel(
                    "age when first exploited (made-up data); blue: what the study can see"
                )
                _made_up_banner(fig, 0.92)

            image.value = render(draw, 3.6)
            summary.value = (
                f"<p>{MADE_UP}. Average for everyone in the made-up group: {everyone:.1f}. "
                f"A study that interviews people aged {YOUNGEST_ASKED:g} to {oldest.value} finds "
                f"an average of {study:.1f}, because exploitation that began after someone's "
                "interview cannot be in the sample.</p>"
            )

        average.observe(update, "value")
        oldest.observe(update, "value")
        update()
        self._box = w.VBox([average, oldest, image, summary])
        return self._box

    def _repr_mimebundle_(self, include=None, exclude=None):
        from dmst.display import bundle

        static = self.static
        return bundle(repr(static), static._repr_html_(), self.widget(), include, exclude)


def entry_age_explorer() -> EntryAgeExplorer:
    return EntryAgeExplorer()


def average_balance() -> Chart:
    """Kessler's point, drawn: an average of 13 balances as many starts at 9-10 as at 16-17."""
    import numpy as np

    girls = _entry("entry-age").number("girls")
    centre = (girls.low + girls.high) / 2  # the middle of the page's range for girls
    ages = np.arange(centre - 4, centre + 5)
    counts = np.array([2, 3, 4, 5, 6, 5, 4, 3, 2])  # made-up, symmetric: balances at the centre
    young = ages <= centre - 3
    old = ages >= centre + 3
    balance = float((ages * counts).sum() / counts.sum())
    young_label = f"{ages[young][0]:g} or {ages[young][-1]:g}"
    old_label = f"{ages[old][0]:g} or {ages[old][-1]:g}"

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0.06, 0.32, 0.9, 0.5))
        colours = [
            PALETTE["orange"] if y else PALETTE["blue"] if o else "#CCCCCC"
            for y, o in zip(young, old, strict=True)
        ]
        ax.bar(ages, counts, width=0.8, color=colours, edgecolor="white")
        # The axis is a see-saw beam; the triangle under it is the balance point.
        ax.plot(balance, 0, marker="^", ms=20, color=PALETTE["ink"], clip_on=False, zorder=5)
        ax.axvline(balance, ymax=0.78, color=PALETTE["ink"], lw=1.5, ls="--")
        ax.text(
            balance,
            counts.max() + 1.3,
            f"balance point = average: {balance:g}",
            ha="center",
            fontsize=12,
            weight="bold",
        )
        for mask, colour, text in (
            (young, PALETTE["orange"], f"first exploited at {young_label}"),
            (old, PALETTE["blue"], f"first exploited at {old_label}"),
        ):
            ax.text(
                float(ages[mask].mean()),
                counts[mask].max() + 0.4,
                f"{text}:\n{int(counts[mask].sum())} people",
                ha="center",
                fontsize=11,
                color=colour,
                weight="bold",
            )
        ax.set_xticks(ages, [f"{a:g}" for a in ages])
        ax.tick_params(axis="x", pad=16, length=0)
        ax.set_ylim(0, counts.max() + 2.2)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("age when first exploited (made-up counts)")
        _made_up_banner(fig, 0.93)
        source_line(
            fig,
            f"Made-up counts. The idea: {_ref_name('kessler2015')}, a fact-check of the claim "
            f"that the average age of entry is {centre:g}.",
        )

    return Chart(
        id="average-balance",
        title=f"Figure: what an average age of {centre:g} would need.",
        png=render(draw, 4.8),
        alt=(
            f"{MADE_UP}. A bar chart of made-up counts of people by the age they were first "
            f"exploited, from {ages[0]:g} to {ages[-1]:g}, balanced on a point at the average, "
            f"{balance:g}. The {int(counts[young].sum())} people first exploited at {young_label} "
            f"balance the {int(counts[old].sum())} first exploited at {old_label}. For an "
            f"average of {centre:g}, there would have to be about as many people first "
            f"exploited at {young_label} as at {old_label}."
        ),
        source=f"made-up counts illustrating a point made by {_ref_name('kessler2015')}.",
        grade="not graded: an illustration, not evidence",
        columns=("Age when first exploited (made up)", "People (made up)"),
        rows=tuple((f"{a:g}", str(int(c))) for a, c in zip(ages, counts, strict=True)),
    )


# --- how a number travels ----------------------------------------------------------------------


def citation_chains() -> Chart:
    """The chains behind the average age and the low end of the yearly range, from the ledger."""
    entry_age = _entry("entry-age")
    teens = _entry("teens-100k-3m")
    review = _entry("stransky-finkelhor")
    at_risk = teens.number("at-risk")
    checks = [r for r in entry_age.refs if r != "estes2001"]
    check_years = sorted({_ref_year(r) for r in checks})
    study = _bibliography()["estes2001"]
    chains = [
        (
            entry_age.short,
            [
                (
                    f"{study['year']} study",
                    f"{study['authors']}: an age range of entry in a sample of minors only",
                ),
                ("Repeated", "retold as a national average by officials and outreach pages"),
                (
                    "The page",
                    f"girls {entry_age.number('girls').text()}, boys and transgender "
                    f"youth {entry_age.number('boys-transgender').text()}",
                ),
                (
                    "Fact-checked",
                    f"{check_years[0]} to {check_years[-1]}: rejected as a national average",
                ),
            ],
        ),
        (
            f"“{teens.number('ncmec-100k').text()}”",
            [
                (
                    f"{study['year']} study",
                    f"{study['authors']}: youth “at risk”, about {at_risk.text()}",
                ),
                (
                    "Estimate",
                    f"head of NCMEC: {teens.number('ncmec-100k').text()}, built on the "
                    "at-risk count",
                ),
                (
                    "The page",
                    f"{teens.number('page-range').text()} a year, credited to the "
                    f"{teens.page_credits}",
                ),
                (
                    "Reviewed",
                    f"{_ref_year('stransky2008')}: estimates ran "
                    f"{review.number('estimates').text()}; {_ref_year('iom2013')}: "
                    "reliable figures “elude the field”",
                ),
            ],
        ),
    ]
    sources = "; ".join(_ref_name(r) for r in [*checks, "stransky2008", "iom2013"])

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0, 0.12, 1, 0.88))
        ax.set_xlim(0, 4)
        ax.set_ylim(0, 2.25)
        ax.axis("off")
        for row, (name, steps) in enumerate(chains):
            y = 1.18 - row * 1.12
            ax.text(0.03, y + 0.9, name, fontsize=13, weight="bold")
            for i, (head, body) in enumerate(steps):
                x = 0.03 + i * 1.0
                last = i == len(steps) - 1
                colour = PALETTE["green"] if last else PALETTE["blue"]
                _box(ax, x, y, 0.86, 0.82, head, textwrap.fill(body, 19), colour)
                if not last:
                    ax.annotate(
                        "",
                        (x + 0.99, y + 0.41),
                        (x + 0.87, y + 0.41),
                        arrowprops={"arrowstyle": "->", "lw": 2, "color": PALETTE["grey"]},
                    )
        source_line(fig, f"Sources: {sources}.")

    return Chart(
        id="citation-chains",
        title="Figure: how two numbers travelled from a study to the page.",
        png=render(draw, 6.0),
        alt=(
            f"Two chains of boxes. First: a {study['year']} study reported an age range of entry "
            "for a sample made only of minors; it was retold as a national average; the page "
            f"states it; fact-checkers from {check_years[0]} to {check_years[-1]} found it false "
            "as a national average. Second: the same study counted youth at risk; an estimate of "
            f"{teens.number('ncmec-100k').text()} was built on that count; the page turned it "
            f"into a yearly range credited to the {teens.page_credits}; a review of published "
            f"estimates ({_ref_year('stransky2008')}) found them spread over a thousandfold, and "
            f"in {_ref_year('iom2013')} the National Academies said reliable estimates elude "
            "the field."
        ),
        source=f"{sources}.",
        grade=f"the page's claims: grade {entry_age.grade} and grade {teens.grade}",
        columns=("Chain", "Step", "What happened"),
        rows=tuple(
            (name, head, " ".join(body.split())) for name, steps in chains for head, body in steps
        ),
    )


# --- where a number has nothing behind it ------------------------------------------------------


def no_data(entry_id: str) -> NoDataPanel:
    """A clearly labelled panel for a page statistic with no data (or no checkable data)."""
    return NoDataPanel(_entry(entry_id))


class NoDataPanel:
    def __init__(self, entry) -> None:
        self.entry = entry

    @property
    def label(self) -> str:
        e = self.entry
        if e.status == "not found":
            return "No data behind this number"
        if e.grade == "D":
            return "Not what the source measured"
        return "This number could not be checked in its source"

    def _repr_html_(self) -> str:
        from dmst.ledger import entry as ledger_entry

        e = self.entry
        better = "".join(
            f"<li>{html.escape(ledger_entry(b).short)}: "
            + "; ".join(
                html.escape(f"{n.label}: {ledger_entry(b).cite(n.key)}")
                for n in ledger_entry(b).numbers
            )
            + "</li>"
            for b in e.better
        )
        better_html = f"<p><strong>Better evidence:</strong></p><ul>{better}</ul>" if better else ""
        return (
            f'<figure class="dmst-figure dmst-no-data" id="no-data-{e.id}">'
            f'<p class="dmst-no-data-label">{self.label}</p>'
            f"<blockquote><p>“{html.escape(e.page_says)}”</p></blockquote>"
            f"<p><strong>What was found:</strong> {html.escape(e.traced_to)}</p>"
            f"<p><strong>Say instead:</strong> {html.escape(e.teach)}</p>{better_html}"
            f"<figcaption>Source: the statistics ledger, entry {html.escape(e.short)}. "
            f"Grade: {e.grade}. Source status: {e.status}.</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"{self.label}: {self.entry.page_says} (grade {self.entry.grade})"


# --- concept diagrams, defined as data in data/diagrams/*.yml -----------------------------------

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
    from dmst.ledger import expand_stats, ledger

    def text(entry: Entry, field: str, default: str | None = None) -> str:
        raw = entry.text(field) if default is None else entry.text(field, default)
        try:
            return expand_stats(raw, ledger())
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


def all_diagrams() -> dict[str, Diagram]:
    from dmst.datafile import DATA

    found: dict[str, Diagram] = {}
    for path in sorted((DATA / "diagrams").glob("*.yml")):
        for d in parse_diagrams(path):
            found[d.id] = d
    return found


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


# --- class results -------------------------------------------------------------------------


def gain_chart(rows, learners: int, label: str = "") -> Chart:
    """Before and after correct rates per objective, with how many learners each rests on."""
    shown = [r for r in rows if r.pre_rate is not None or r.post_rate is not None]

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0.12, 0.16, 0.84, 0.74 if label else 0.8))
        for i, r in enumerate(shown):
            y = len(shown) - 1 - i
            for offset, rate, colour, n in (
                (0.2, r.pre_rate, PALETTE["orange"], r.pre_learners),
                (-0.2, r.post_rate, PALETTE["blue"], r.post_learners),
            ):
                if rate is None:
                    continue
                small = n < 5
                ax.barh(
                    y + offset,
                    rate * 100,
                    height=0.36,
                    color="white" if small else colour,
                    edgecolor=colour,
                    hatch="//" if small else None,
                    lw=1.5,
                )
                ax.text(
                    rate * 100 + 1,
                    y + offset,
                    f"{round(rate * 100)}% (n={n})",
                    va="center",
                    fontsize=11,
                )
        ax.set_yticks(range(len(shown)), [r.objective for r in reversed(shown)])
        ax.set_xlim(0, 118)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel("right at the first try (percent)")
        ax.text(
            0,
            len(shown) - 0.35,
            "before the course",
            color=PALETTE["orange"],
            fontsize=11,
            weight="bold",
        )
        ax.text(
            40,
            len(shown) - 0.35,
            "after the course",
            color=PALETTE["blue"],
            fontsize=11,
            weight="bold",
        )
        if label:
            fig.text(
                0.5,
                0.965,
                label,
                ha="center",
                fontsize=13,
                weight="bold",
                color=PALETTE["vermillion"],
            )
        source_line(
            fig,
            f"Source: {learners} learners' results files, read on this computer. "
            "Hatched: fewer than 5 learners, read with caution.",
        )

    ups = [r for r in shown if r.gain is not None]
    return Chart(
        id="class-gain",
        title="Figure: right answers before and after the course, per objective.",
        png=render(draw, 1.6 + 0.55 * max(len(shown), 1)),
        alt=(
            (f"{label}. " if label else "")
            + f"Bar chart of {len(shown)} objectives, each with the share of first-try right "
            "answers before and after the course: "
            + "; ".join(
                f"{r.objective} from {round((r.pre_rate or 0) * 100)}% to "
                f"{round((r.post_rate or 0) * 100)}%"
                for r in ups
            )
            + "."
        ),
        source=f"{learners} learners' results files.",
        grade="not graded: your own class's results",
        columns=("Objective", "Before", "After", "Learners before", "Learners after"),
        rows=tuple(
            (
                r.objective,
                "" if r.pre_rate is None else f"{round(r.pre_rate * 100)}%",
                "" if r.post_rate is None else f"{round(r.post_rate * 100)}%",
                str(r.pre_learners),
                str(r.post_learners),
            )
            for r in shown
        ),
    )
