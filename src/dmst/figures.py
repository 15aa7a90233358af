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
    wrapped = textwrap.fill(text, width=100)
    fig.text(0.01, 0.015, wrapped, fontsize=11, color=PALETTE["grey"], ha="left", va="bottom")


def _box(ax, x, y, w, h, title, body, colour, *, faded=False) -> None:
    patch = ax.add_patch(
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

GRADE_COLOURS = {
    "A": PALETTE["green"],
    "B": PALETTE["blue"],
    "C": PALETTE["orange"],
    "D": PALETTE["vermillion"],
}


def _entry(entry_id: str):
    from dmst.ledger import entry

    return entry(entry_id)


def grades_overview() -> Chart:
    """The outreach page's statistics, grouped by grade."""
    from dmst.ledger import ledger

    claims = [e for e in ledger().values() if e.kind == "page-claim"]
    by_grade = {g: [e for e in claims if e.grade == g] for g in "ABCD"}

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0.06, 0.12, 0.92, 0.8))
        ax.set_xlim(0, 10)
        ax.set_ylim(-0.6, 3.6)
        ax.axis("off")
        for row, grade in enumerate("ABCD"):
            y = row
            items = by_grade[grade]
            ax.text(
                0,
                y,
                f"Grade {grade}",
                fontsize=13,
                weight="bold",
                va="center",
                color=GRADE_COLOURS[grade],
            )
            ax.text(1.55, y, f"{len(items)}", fontsize=13, weight="bold", va="center")
            names = "\n".join(e.short for e in items) or "none"
            ax.text(2.1, y, names, fontsize=11, va="center", linespacing=1.25)
        source_line(fig, "Source: this curriculum's statistics ledger (traced from SOURCES.md).")

    counts = {g: len(v) for g, v in by_grade.items()}
    return Chart(
        id="grades-overview",
        title="Figure: how the outreach page's statistics hold up.",
        png=render(draw, 5.4),
        alt=(
            f"Chart sorting the outreach page's {len(claims)} statistics by grade. "
            f"{counts['D']} are grade D (no source found or debunked), {counts['C']} grade C "
            f"(misstated or not checkable), {counts['B']} grade B (real but dated) and "
            f"{counts['A']} grade A. Most of the page's numbers do not hold up."
        ),
        source="the statistics ledger (book page: The statistics ledger).",
        grade="each claim's own grade is shown",
        columns=("The page says", "Grade", "Source status"),
        rows=tuple((e.short, e.grade, e.status) for e in claims),
    )


def runaway_figures() -> Chart:
    """Three runaway numbers side by side: what each one counted."""
    nismart1 = _entry("nismart-1")
    page_450 = _entry("runaways-450k")
    nismart2 = _entry("nismart-2")
    streets = _entry("streets-2.5m")
    bars = [
        (f"{nismart1.short}", nismart1.number("runaways").low, nismart1, "runaways in 1988"),
        (
            "Page: 450,000 run away every year",
            page_450.number("runaways").low,
            page_450,
            "credited to the Department of Justice",
        ),
        (
            f"{nismart2.short}",
            nismart2.number("episodes").low,
            nismart2,
            "youth with an episode during 1999",
        ),
        (
            "Page: 2.5 million “at any given time”",
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
                f"{_fmt(value)}  ({note}; grade {e.grade})",
                fontsize=11,
                va="center",
            )
        ax.set_xlim(0, top * 1.9)
        ax.set_ylim(-0.5, len(bars) - 0.1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: _fmt(v)))
        ax.set_xlabel("young people (different things were counted: read the labels)")
        source_line(
            fig,
            "Sources: NISMART-1 (1988 data); NISMART-2 (Hammer, Finkelhor & Sedlak, "
            "2002); the outreach page. Hatched: no source found.",
        )

    return Chart(
        id="runaway-figures",
        title="Figure: four runaway numbers, and what each one counted.",
        png=render(draw, 5.2),
        alt=(
            "Bar chart of four runaway figures. NISMART-1 counted about "
            f"{_fmt(bars[0][1])} runaways in 1988; the page repeats this as {_fmt(bars[1][1])} "
            f"a year. NISMART-2 counted {_fmt(bars[2][1])} youth with a runaway or thrownaway "
            f"episode during 1999, a count over a whole year. The page's {_fmt(bars[3][1])} "
            "youth on the streets at any given time has no source and is drawn hatched."
        ),
        source="NISMART-1 (OJJDP, 1990); NISMART-2 (OJJDP, 2002); the outreach page.",
        grade="shown per figure",
        columns=("Figure", "Value", "What it counted", "Grade"),
        rows=tuple((label, _fmt(v), note, e.grade) for label, v, e, note in bars),
    )


def _fmt(value: float) -> str:
    from dmst.ledger import words

    return words(value)


def estimate_ranges() -> Chart:
    """How wide the honest range is: three ranges on one log scale."""
    page = _entry("teens-100k-3m")
    review = _entry("stransky-finkelhor")
    study = _entry("swaner-2016")
    ranges = [
        ("Outreach page: every year", page.number("page-range"), page),
        ("Published estimates (review, 2008)", review.number("estimates"), review),
        ("National study (2016)", study.number("youth"), study),
    ]

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0.04, 0.22, 0.92, 0.7))
        ax.set_xscale("log")
        for y, (label, n, e) in zip(range(3)[::-1], ranges, strict=True):
            colour = GRADE_COLOURS[e.grade]
            ax.plot([n.low, n.high], [y, y], lw=8, color=colour, solid_capstyle="butt")
            ax.plot([n.low, n.high], [y, y], "|", ms=22, mew=3, color=PALETTE["ink"])
            ax.text(
                600,
                y + 0.28,
                f"{label}: {n.text()} (grade {e.grade})",
                fontsize=12,
                weight="bold",
                va="bottom",
            )
        ax.set_xlim(500, 2e7)
        ax.set_ylim(-0.6, 2.9)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: _fmt(v)))
        ax.set_xlabel("young people (log scale: each step is ten times the last)")
        source_line(
            fig, "Sources: the outreach page; Stransky & Finkelhor (2008); Swaner et al. (2016)."
        )

    return Chart(
        id="estimate-ranges",
        title="Figure: how many young people? Three ranges on one scale.",
        png=render(draw, 4.6),
        alt=(
            "Log-scale chart of three ranges. The outreach page says "
            f"{ranges[0][1].text()} every year, with no Department of Justice source. Published "
            f"estimates reviewed in 2008 ran from {ranges[1][1].text()}, a spread of more than a "
            f"thousandfold. The 2016 national study estimated {ranges[2][1].text()}, "
            "far below the page's range."
        ),
        source="the outreach page; Stransky & Finkelhor (2008); Swaner et al. (2016).",
        grade="shown per range",
        columns=("Range", "Low", "High", "Grade"),
        rows=tuple((label, _fmt(n.low), _fmt(n.high), e.grade) for label, n, e in ranges),
    )


def pimp_share() -> Chart:
    """The page's share working for a trafficker against the 2016 study's."""
    page = _entry("homeless-55-75")
    study = _entry("swaner-2016")
    bars = [
        ("The page (credited to Estes & Weiner, 2001)", page.number("pimp-share"), page),
        ("National study (2016)", study.number("pimp-share"), study),
    ]

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0.05, 0.3, 0.9, 0.62))
        for y, (label, n, e) in zip((1, 0), bars, strict=True):
            grade = e.grade_of(n.key)
            ax.barh(y, n.low, height=0.5, color=GRADE_COLOURS[grade])
            ax.text(0, y + 0.32, label, fontsize=12, weight="bold", va="bottom")
            ax.text(n.low + 1, y, f"{n.text()} (grade {grade})", fontsize=12, va="center")
        ax.set_xlim(0, 100)
        ax.set_ylim(-0.4, 1.8)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("share of young people who had a trafficker (percent)")
        source_line(
            fig,
            "Sources: the outreach page; Swaner et al. (2016) as reported by The "
            "Washington Post. Different groups were asked.",
        )

    return Chart(
        id="pimp-share",
        title="Figure: how many young people had a trafficker? Two answers.",
        png=render(draw, 3.9),
        alt=(
            f"Bar chart comparing two shares. The page says {bars[0][1].text()} worked for a "
            "trafficker, a figure that could not be checked in the report it credits. The 2016 "
            f"national study found roughly {bars[1][1].text()} relied on one. Many young people "
            "in the sex trade had no third-party trafficker, which does not make them any less "
            "victims."
        ),
        source="the outreach page; Swaner et al. (2016), reported by The Washington Post.",
        grade="shown per bar",
        columns=("Source", "Share", "Grade"),
        rows=tuple((label, n.text(), e.grade_of(n.key)) for label, n, e in bars),
    )


# --- why a juvenile-only sample gives a low average: a simulation with made-up data -------------

MADE_UP = "ILLUSTRATION WITH MADE-UP DATA: not a real study"


def simulated_entry_ages(true_average: float, n: int = 4000, seed: int = 2026):
    """Made-up ages at which people were first exploited, spread around ``true_average``.

    The same seed gives the same draws, so outputs are reproducible (nbval compares them).
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    ages = true_average + 4.0 * rng.standard_normal(n)
    return ages[(ages >= 8) & (ages <= 40)]


def _age_panel(ax, true_average: float, oldest: float) -> tuple[float, float]:
    import numpy as np

    ages = simulated_entry_ages(true_average)
    sample = ages[ages < oldest]
    bins = np.arange(8, 41, 1)
    ax.hist(ages, bins=bins, color="#DDDDDD", edgecolor="white", label="everyone (made up)")
    ax.hist(sample, bins=bins, color=PALETTE["blue"], edgecolor="white")
    everyone, sampled = float(ages.mean()), float(sample.mean())
    top = ax.get_ylim()[1]
    ax.axvline(everyone, color=PALETTE["ink"], lw=2, ls="--")
    ax.axvline(sampled, color=PALETTE["vermillion"], lw=3)
    # Labels sit in the empty right-hand side, each with a sample of its line.
    ax.plot([27, 28.5], [top * 0.8] * 2, color=PALETTE["ink"], lw=2, ls="--")
    ax.text(29, top * 0.8, f"average of everyone: {everyone:.1f}", fontsize=11, va="center")
    ax.plot([27, 28.5], [top * 0.5] * 2, color=PALETTE["vermillion"], lw=3)
    ax.text(
        29,
        top * 0.5,
        f"average of the sample\nunder {oldest:g}: {sampled:.1f}",
        fontsize=11,
        va="center",
        color=PALETTE["vermillion"],
        weight="bold",
    )
    ax.set_xlim(8, 40)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    return everyone, sampled


def entry_age_chart(true_averages=(16, 19, 22), oldest: float = 18) -> Chart:
    """Static panels: whatever the real average, a sample of minors averages under 18."""
    results: list[tuple[float, float, float]] = []

    def draw(fig: Figure) -> None:
        n = len(true_averages)
        for i, true_average in enumerate(true_averages):
            ax = fig.add_axes((0.04, 0.2 + (n - 1 - i) * 0.24, 0.92, 0.18))
            everyone, sampled = _age_panel(ax, true_average, oldest)
            results.append((true_average, everyone, sampled))
            if i < n - 1:
                ax.set_xticklabels([])
        ax.set_xlabel("age when first exploited (made-up data)")
        fig.text(
            0.5,
            0.965,
            MADE_UP,
            ha="center",
            fontsize=13,
            weight="bold",
            color=PALETTE["vermillion"],
        )
        source_line(
            fig,
            "Made-up ages drawn by this curriculum's code to show one idea; blue: "
            f"the part a study of people under {oldest:g} can see.",
        )

    png = render(draw, 2.0 + 1.7 * len(true_averages))
    return Chart(
        id="entry-age-simulation",
        title="Figure: why a sample of minors always gives an average age under 18.",
        png=png,
        alt=(
            f"{MADE_UP}. Three histograms of made-up ages at first exploitation, with real "
            "averages of "
            + ", ".join(f"{e:.1f}" for _, e, _ in results)
            + f". In each, a study that can only see people under {oldest:g} finds an average of "
            + ", ".join(f"{s:.1f}" for _, _, s in results)
            + ": always under 18, whatever the real average. An average from a juvenile-only "
            "sample cannot tell us the average age of entry for everyone."
        ),
        source="a simulation with made-up data (this curriculum).",
        grade="not graded: an illustration, not evidence",
        columns=("Made-up real average", "Average of everyone drawn", f"Average under {oldest:g}"),
        rows=tuple((f"{t:g}", f"{e:.1f}", f"{s:.1f}") for t, e, s in results),
    )


class EntryAgeExplorer:
    """Live in Jupyter: sliders for the made-up real average and the sample's age limit.
    In the book: the static panels of :func:`entry_age_chart`."""

    def __init__(self) -> None:
        self.static = entry_age_chart()
        self._box = None

    def widget(self):
        import ipywidgets as w

        average = w.IntSlider(
            value=19,
            min=13,
            max=26,
            description="Real average",
            style={"description_width": "initial"},
        )
        oldest = w.IntSlider(
            value=18,
            min=14,
            max=30,
            description="Study sees people under",
            style={"description_width": "initial"},
        )
        image = w.Image(format="png", layout=w.Layout(max_width="100%"))
        summary = w.HTML()

        def update(_=None) -> None:
            box: dict[str, float] = {}

            def draw(fig: Figure) -> None:
                ax = fig.add_axes((0.04, 0.22, 0.92, 0.62))
                box["everyone"], box["sampled"] = _age_panel(ax, average.value, oldest.value)
                ax.set_xlabel("age when first exploited (made-up data)")
                fig.text(
                    0.5,
                    0.93,
                    MADE_UP,
                    ha="center",
                    fontsize=13,
                    weight="bold",
                    color=PALETTE["vermillion"],
                )

            image.value = render(draw, 3.6)
            summary.value = (
                f"<p>Made-up data. Real average: {box['everyone']:.1f}. A study that only sees "
                f"people under {oldest.value} finds an average of {box['sampled']:.1f}.</p>"
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


# --- how a number travels ----------------------------------------------------------------------


def citation_chains() -> Chart:
    """The chains behind 'average age 13' and '100,000 children', each step from the ledger."""
    entry_age = _entry("entry-age")
    teens = _entry("teens-100k-3m")
    review = _entry("stransky-finkelhor")
    at_risk = teens.number("at-risk").text()
    chains = [
        (
            "“Average age of entry 13”",
            [
                ("2001 study", "Estes & Weiner: an age range of entry in a sample of minors only"),
                ("Repeated", "retold as a national average by officials and outreach pages"),
                (
                    "The page",
                    f"girls {entry_age.number('girls').text()}, boys and transgender "
                    f"youth {entry_age.number('boys-transgender').text()}",
                ),
                (
                    "Fact-checked",
                    "2013 to 2016: false as a national average (PolitiFact, Atlantic, "
                    "Washington Post)",
                ),
            ],
        ),
        (
            f"“{teens.number('ncmec-100k').text()}”",
            [
                ("2001 study", f"Estes & Weiner: youth “at risk”, about {at_risk}"),
                (
                    "Estimate",
                    f"head of NCMEC: {teens.number('ncmec-100k').text()}, built on the "
                    "at-risk count",
                ),
                (
                    "The page",
                    f"{teens.number('page-range').text()} a year, credited to the "
                    "Justice Department",
                ),
                (
                    "Reviewed",
                    f"2008: estimates ran {review.number('estimates').text()}; 2013: "
                    "reliable figures “elude the field”",
                ),
            ],
        ),
    ]

    def draw(fig: Figure) -> None:
        ax = fig.add_axes((0, 0.1, 1, 0.9))
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
        source_line(
            fig,
            "Sources: PolitiFact (2013); The Atlantic (2014); Washington Post "
            "(2015, 2016); Stransky & Finkelhor (2008); IOM/NRC (2013).",
        )

    return Chart(
        id="citation-chains",
        title="Figure: how two numbers travelled from a study to the page.",
        png=render(draw, 5.8),
        alt=(
            "Two chains of boxes. First: a 2001 study reported an age range of entry for a "
            "sample made only of minors; it was retold as a national average; the page states "
            "it; fact-checkers from 2013 to 2016 found it false as a national average. Second: "
            "the same study counted youth at risk; an estimate of "
            f"{teens.number('ncmec-100k').text()} was built on that "
            "count; the page turned it into a yearly range credited to the Justice Department; "
            "a 2008 review found published estimates spread over a thousandfold, and in 2013 "
            "the National Academies said reliable estimates elude the field."
        ),
        source="the fact-checks and reviews in the statistics ledger.",
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
            + "; ".join(html.escape(ledger_entry(b).cite(n.key)) for n in ledger_entry(b).numbers)
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
    from dmst.datafile import Entry, each_entry, load_yaml

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
            boxes.append((b.text("heading"), b.text("body", "")))
        if not 2 <= len(boxes) <= 8:
            raise e.fail("boxes", "a diagram needs 2 to 8 boxes")
        alt = e.text("alt")
        if len(alt.split()) < 12:
            raise e.fail("alt", "alt text must say what the diagram shows and its point")
        result.append(
            Diagram(
                e.text("id"),
                kind,
                e.text("title"),
                tuple(boxes),
                alt,
                e.text("source"),
                e.text("centre", ""),
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
