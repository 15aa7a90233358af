"""Charts of the evidence: every number, source name and grade comes from the ledger.

Every number printed here (labels, titles, source lines, alt text, tables) comes from
``data/ledger.yml`` or ``data/references.bib``; the number lint reads this module's strings and
fails on a figure typed into it.
"""

from __future__ import annotations

import textwrap
from functools import cache
from typing import TYPE_CHECKING

from dmst.figstyle import PALETTE, Chart, _box, render, source_line

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
    from dmst.ledger import every, grades

    # Only what the chart shows: an edited value or source does not redraw it.
    claims = [
        e for e in every("kind", "grade", "short", "status").values() if e.kind == "page-claim"
    ]
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
                f"{counts[g]} {'is' if counts[g] == 1 else 'are'} grade {g} ({grades()[g].means})."
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
        _count_ticks(ax)
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
        _count_ticks(ax)
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


def _count_ticks(ax) -> None:
    """Tick labels written as the figures are in the text ("1.3 million", not "1.3e6")."""
    from matplotlib.ticker import FuncFormatter  # imported when a figure is drawn, not to read one

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _fmt(v)))
