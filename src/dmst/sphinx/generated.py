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

import functools
import importlib
from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from dmst.sphinx import madefrom

# directive name -> the function that makes what it shows, as MyST Markdown from the current
# data ("module:function"; imported when first used, so loading the extension stays light)
MAKERS = {
    "dmst-ledger": "dmst.pages:ledger_markdown",
    "dmst-grades": "dmst.pages:grades_markdown",
    "dmst-law": "dmst.law:law_markdown",
    "dmst-fact-checks": "dmst.freshness:checks_markdown",
    "dmst-curriculum-map": "dmst.pages:map_markdown",
    "dmst-outreach-parts": "dmst.pages:outreach_parts_markdown",
    "dmst-lessons": "dmst.pages:lesson_list_markdown",
    "dmst-lesson-notes": "dmst.pages:lesson_list_markdown notes",
}


def make(name: str) -> str:
    """What directive ``name`` shows now."""
    target, _, flag = MAKERS[name].partition(" ")
    module, _, function = target.partition(":")
    markdown: Callable[..., str] = getattr(importlib.import_module(module), function)
    return markdown(**{flag: True}) if flag else markdown()


GENERATED: dict[str, Callable[[], str]] = {name: functools.partial(make, name) for name in MAKERS}


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
