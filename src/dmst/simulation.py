"""The average age of entry, simulated with made-up data (labelled so in every image).

Two ideas: who a study interviews decides the average it finds (a sample interviewed while still
minors cannot report later starts), and an average is a balance point (an average of 13 needs as
many starts at 9 or 10 as at 16 or 17). Live in Jupyter, sliders redraw the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dmst.evidence import _entry, _ref_name
from dmst.figstyle import PALETTE, Chart, render, source_line

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
        return bundle(
            repr(static),
            static._repr_html_,
            self.widget(),
            include,
            exclude,
            render=("figure", "entry_age_chart"),
            render_label="Figure: the average-age simulation",
        )


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
