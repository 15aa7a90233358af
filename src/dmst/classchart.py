"""The class-results chart: before and after rates per objective, with how many learners."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dmst.figstyle import PALETTE, Chart, render, source_line

if TYPE_CHECKING:
    from matplotlib.figure import Figure


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
