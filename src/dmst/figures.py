"""Every figure a lesson shows, by the name the notebooks call: ``figures.diagram("02-why-risk")``.

The code lives by responsibility: :mod:`dmst.figstyle` (house style and the Chart record),
:mod:`dmst.evidence` (charts of the ledger's numbers), :mod:`dmst.numbercards` (a single
reported figure; a number with no data), :mod:`dmst.simulation` (the made-up-data simulations),
:mod:`dmst.diagrams` (the law diagram and the diagrams defined as data).

Each function here also records how it was called, so the book can draw the same figure from the
current data at build time (:mod:`dmst.render`) and no stored notebook output goes stale.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from dmst import diagrams, evidence, numbercards, simulation
from dmst.diagrams import Diagram, all_diagrams, flow_columns, parse_diagrams
from dmst.figstyle import PALETTE, WIDTH_IN, Chart, render, text_overflows
from dmst.numbercards import NoDataPanel, ReportedFigure
from dmst.simulation import (
    MADE_UP,
    EntryAgeExplorer,
    MadeUpGroup,
    entry_age_chart,
    entry_age_explorer,
    made_up_group,
)

# What a lesson may show, by name; the book renders only these.
BOOK_FIGURES: dict[str, Callable[..., Any]] = {
    "legal_elements": diagrams.legal_elements,
    "diagram": diagrams.diagram,
    "grades_overview": evidence.grades_overview,
    "runaway_figures": evidence.runaway_figures,
    "estimate_ranges": evidence.estimate_ranges,
    "citation_chains": evidence.citation_chains,
    "pimp_share": numbercards.pimp_share,
    "no_data": numbercards.no_data,
    "entry_age_chart": simulation.entry_age_chart,
    "average_balance": simulation.average_balance,
}


def _shown_in_the_book(name: str) -> Callable[..., Any]:
    make = BOOK_FIGURES[name]

    @functools.wraps(make)
    def call(*args: str) -> Any:
        shown = make(*args)
        shown.render_spec = ("figure", ":".join([name, *args]))
        shown.render_label = "Figure: " + " ".join([name.replace("_", " "), *args])
        return shown

    return call


legal_elements = _shown_in_the_book("legal_elements")
diagram = _shown_in_the_book("diagram")
grades_overview = _shown_in_the_book("grades_overview")
runaway_figures = _shown_in_the_book("runaway_figures")
estimate_ranges = _shown_in_the_book("estimate_ranges")
citation_chains = _shown_in_the_book("citation_chains")
pimp_share = _shown_in_the_book("pimp_share")
no_data = _shown_in_the_book("no_data")
average_balance = _shown_in_the_book("average_balance")

__all__ = [
    "BOOK_FIGURES",
    "MADE_UP",
    "PALETTE",
    "WIDTH_IN",
    "Chart",
    "Diagram",
    "EntryAgeExplorer",
    "MadeUpGroup",
    "NoDataPanel",
    "ReportedFigure",
    "all_diagrams",
    "average_balance",
    "citation_chains",
    "diagram",
    "entry_age_chart",
    "entry_age_explorer",
    "estimate_ranges",
    "flow_columns",
    "grades_overview",
    "legal_elements",
    "made_up_group",
    "no_data",
    "parse_diagrams",
    "pimp_share",
    "render",
    "runaway_figures",
    "text_overflows",
]
