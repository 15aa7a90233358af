"""``{stat}`entry:number``` : a ledger figure as lessons cite it, with its source and grade.

The figure is written into the page when the page is written, not when it is read: an edited
ledger value then rewrites the pages that cite it (a fraction of a second each) instead of
reading them again (notebook pages are the slowest to read). :mod:`.madefrom` tells which pages.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from dmst import ledger
from dmst.errors import DataError
from dmst.sphinx import madefrom

logger = logging.getLogger(__name__)


class stat_figure(nodes.inline):  # lower case, as docutils names its node classes
    """A ``{stat}`` citation: the text it had when read, replaced as the page is written."""


class StatRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        ref = self.text.strip()
        try:
            cited = ledger.cite(ref)
        except (KeyError, DataError) as exc:
            msg = self.inliner.reporter.error(f"stat role: {exc}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        # The page follows this figure, not the whole ledger file.
        madefrom.note(self.env, "stat", ref, cited)
        entry_id = ref.partition(":")[0]
        node = stat_figure(self.rawtext, cited, classes=["dmst-stat", f"dmst-stat-{entry_id}"])
        node["ref"] = ref
        return [node], []


class CurrentFigures(SphinxPostTransform):
    """Each citation's text from the ledger as it is now, in a plain ``inline`` element."""

    default_priority = 100

    def run(self, **kwargs: object) -> None:
        for node in list(self.document.findall(stat_figure)):
            try:
                cited = ledger.cite(node["ref"])
            except (KeyError, DataError) as exc:  # the page is read again, and reports it
                logger.warning("stat role: %s", exc, location=node)
                cited = node.astext()
            node.replace_self(nodes.inline(node.rawsource, cited, classes=node["classes"]))


def _visit(self, node: nodes.Element) -> None:
    self.visit_inline(node)


def _depart(self, node: nodes.Element) -> None:
    self.depart_inline(node)


def setup(app: Sphinx) -> None:
    app.add_role("stat", StatRole())
    # Written as its text wherever a page's title or table of contents shows it unresolved.
    app.add_node(stat_figure, html=(_visit, _depart))
    app.add_post_transform(CurrentFigures)
    madefrom.maker("stat", ledger.cite, when="written")
