"""The pre- and post-course assessment: one item set, asked before and after the course.

Items live in ``data/assessment.yml`` (same format as a question bank, ids "A.1"...), each mapped
to a lesson objective, so the class results can show the gain per objective. Before the course an
answer is saved without feedback (so the measure is fair); after it, each item teaches as the
lesson checks do. Answers are saved only on the learner's own machine, tagged pre or post.
"""

from __future__ import annotations

import re
from functools import cache, partial
from typing import Any

from dmst.checks import LiveCheck, save_attempt, static_html
from dmst.datafile import DATA
from dmst.display import bundle
from dmst.ledger import ledger
from dmst.lessons import curriculum
from dmst.questions import Question, parse_bank

ASSESSMENT_FILE = DATA / "assessment.yml"
ITEM_ID = re.compile(r"^[AB]\.\d+$")  # form A or form B, then a number
CONTEXTS = ("pre", "post")


@cache
def items() -> list[Question]:
    objectives = set(curriculum().objectives)
    return parse_bank(
        ASSESSMENT_FILE,
        objectives,
        ledger(),
        key="items",
        id_pattern=ITEM_ID,
        extra_fields=("short",),
    )


class Assessment:
    def __init__(self, context: str) -> None:
        if context not in CONTEXTS:
            raise ValueError(f"context must be one of {CONTEXTS}, not {context!r}")
        self.context = context
        self.items = items()

    def widget(self) -> Any:
        import ipywidgets as w

        checks = [
            LiveCheck(
                q,
                on_answer=partial(save_attempt, context=self.context),
                reveal=self.context == "post",
            )
            for q in self.items
        ]
        return w.VBox([c.box for c in checks])

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        forms = "".join(static_html(q) for q in self.items)
        plain = f"{len(self.items)} assessment items ({self.context}-course)"
        html = f'<div class="dmst-assessment">{forms}</div>'
        return bundle(plain, html, self.widget(), include, exclude)


def assessment(context: str) -> Assessment:
    """All assessment items, for "pre" (before the course) or "post" (after it)."""
    return Assessment(context)


__all__ = ["CONTEXTS", "assessment", "items"]
