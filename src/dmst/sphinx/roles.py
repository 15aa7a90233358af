"""``{stat}`entry:number``` : a ledger figure as lessons cite it, with its source and grade."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from dmst import ledger
from dmst.errors import DataError


class StatRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        ref = self.text.strip()
        try:
            cited = ledger.cite(ref)
        except (KeyError, DataError) as exc:
            msg = self.inliner.reporter.error(f"stat role: {exc}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        self.env.note_dependency(str(ledger.LEDGER_FILE))
        entry_id = ref.partition(":")[0]
        return [
            nodes.inline(self.rawtext, cited, classes=["dmst-stat", f"dmst-stat-{entry_id}"])
        ], []
