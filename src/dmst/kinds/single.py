"""Choose one: one right option among several, each with its own feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dmst.kinds.choice import ChoiceKind, parse_options

if TYPE_CHECKING:
    from dmst.datafile import Entry
    from dmst.ledger import LedgerEntry


class Single(ChoiceKind):
    name = "single"
    display = "Choose one"
    fields = ("options",)
    order = "balanced"

    def parse(
        self, e: Entry, common: dict[str, Any], entries_by_id: dict[str, LedgerEntry]
    ) -> dict[str, Any]:
        return {"options": parse_options(e, common["id"], one_right=True)}
