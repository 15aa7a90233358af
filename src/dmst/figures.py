"""Every figure a lesson shows, by the name the notebooks call: ``figures.diagram("02-why-risk")``.

The code lives by responsibility: :mod:`dmst.figstyle` (house style and the Chart record),
:mod:`dmst.evidence` (charts of the ledger's numbers), :mod:`dmst.numbercards` (a single
reported figure; a number with no data), :mod:`dmst.simulation` (the made-up-data simulations),
:mod:`dmst.diagrams` (the law diagram and the diagrams defined as data).
"""

from dmst.diagrams import (
    Diagram,
    all_diagrams,
    diagram,
    flow_columns,
    legal_elements,
    parse_diagrams,
)
from dmst.evidence import citation_chains, estimate_ranges, grades_overview, runaway_figures
from dmst.figstyle import PALETTE, WIDTH_IN, Chart, render, text_overflows
from dmst.numbercards import NoDataPanel, ReportedFigure, no_data, pimp_share
from dmst.simulation import (
    MADE_UP,
    EntryAgeExplorer,
    MadeUpGroup,
    average_balance,
    entry_age_chart,
    entry_age_explorer,
    made_up_group,
)

__all__ = [
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
