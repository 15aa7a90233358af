"""``{stat}`entry:number``` : a ledger figure as lessons cite it, with its source and grade."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from dmst import ledger
from dmst.errors import DataError
from dmst.sphinx import madefrom


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
        return [
            nodes.inline(self.rawtext, cited, classes=["dmst-stat", f"dmst-stat-{entry_id}"])
        ], []


def setup(app: Sphinx) -> None:
    app.add_role("stat", StatRole())
    madefrom.maker("stat", ledger.cite)
