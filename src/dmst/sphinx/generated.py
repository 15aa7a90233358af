"""Parts of book pages made from the data at build time (Markdown from :mod:`dmst.pages` and
friends), each a directive placed where the page shows it::

    :::{dmst-ledger}
    :::

- ``dmst-ledger``: the ledger's summary tables and one section per entry (``ledger.md``);
- ``dmst-grades``: the grade rubric, wherever the grades are explained;
- ``dmst-law``: the law statements, one section each (``law.md``);
- ``dmst-fact-checks``: when each resource and legal statement was last checked;
- ``dmst-curriculum-map``: lessons, the outreach page's parts and objectives with their checks;
- ``dmst-outreach-parts``: the outreach page's sections and what teaching each includes;
- ``dmst-lessons`` and ``dmst-lesson-notes``: the numbered lessons, and their facilitator notes.

Headings in the Markdown become sections of the page at the level they are written, as if typed
there. A page is re-read whenever what its directives make has changed (:mod:`.madefrom`): an
edit to the data it shows, but also the day (a check falls due) or a setting (an instructor's own
resources file), and never for an edit to data it does not show.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from dmst.sphinx import madefrom


def _ledger() -> str:
    from dmst.pages import ledger_markdown

    return ledger_markdown()


def _grades() -> str:
    from dmst.pages import grades_markdown

    return grades_markdown()


def _law() -> str:
    from dmst.law import law_markdown

    return law_markdown()


def _fact_checks() -> str:
    from dmst.freshness import checks_markdown

    return checks_markdown()


def _curriculum_map() -> str:
    from dmst.pages import map_markdown

    return map_markdown()


def _outreach_parts() -> str:
    from dmst.pages import outreach_parts_markdown

    return outreach_parts_markdown()


def _lessons() -> str:
    from dmst.pages import lesson_list_markdown

    return lesson_list_markdown()


def _lesson_notes() -> str:
    from dmst.pages import lesson_list_markdown

    return lesson_list_markdown(notes=True)


# directive name -> what it shows, as MyST Markdown made from the current data
GENERATED: dict[str, Callable[[], str]] = {
    "dmst-ledger": _ledger,
    "dmst-grades": _grades,
    "dmst-law": _law,
    "dmst-fact-checks": _fact_checks,
    "dmst-curriculum-map": _curriculum_map,
    "dmst-outreach-parts": _outreach_parts,
    "dmst-lessons": _lessons,
    "dmst-lesson-notes": _lesson_notes,
}


class Generated(SphinxDirective):
    """Shows ``GENERATED[self.name]``: no arguments, no content."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        text = GENERATED[self.name]()
        madefrom.note(self.env, "generated", self.name, text)
        return self.parse_text_to_nodes(text, allow_section_headings=True)


def setup(app: Sphinx) -> None:
    for name in GENERATED:
        app.add_directive(name, Generated)
    madefrom.maker("generated", lambda name: GENERATED[name]())
