"""Myth or fact? A claim, two fixed options, and feedback for each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dmst.datafile import Entry
from dmst.kinds.base import esc
from dmst.kinds.choice import ChoiceKind
from dmst.questions import Option

if TYPE_CHECKING:
    from dmst.ledger import LedgerEntry
    from dmst.questions import Question

PROMPT = "Is this a myth or a fact?"


class MythFact(ChoiceKind):
    name = "myth_fact"
    display = "Myth or fact?"
    fields = ("answer", "feedback")

    def parse(
        self, e: Entry, common: dict[str, Any], entries_by_id: dict[str, LedgerEntry]
    ) -> dict[str, Any]:
        answer = e.text("answer").lower()
        if answer not in ("myth", "fact"):
            raise e.fail("answer", f"must be myth or fact, not {answer!r}")
        feedback = Entry(e.path, e.get("feedback", dict), e.entry)
        feedback.unknown_fields(("myth", "fact"))
        # The keys are the words themselves: "myth" and "fact", always in that order.
        options = tuple(
            Option(key, key.capitalize(), key == answer, feedback.text(key))
            for key in ("myth", "fact")
        )
        return {"options": options}

    def prompt_html(self, q: Question) -> str:
        return (
            f'<span class="dmst-check-claim">“{esc(q.prompt)}”</span>'
            f'<span class="dmst-check-prompt">{PROMPT}</span>'
        )

    def widget_prompt(self, q: Question) -> str:
        return f"<p>“{esc(q.prompt)}”<br>{PROMPT}</p>"
