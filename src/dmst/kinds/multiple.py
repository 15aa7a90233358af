"""Select all that apply: any number of right options; partly right is said so."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from dmst.kinds.choice import ChoiceKind, parse_options
from dmst.questions import Verdict

if TYPE_CHECKING:
    from dmst.datafile import Entry
    from dmst.ledger import LedgerEntry
    from dmst.questions import Question


class Multiple(ChoiceKind):
    name = "multiple"
    display = "Select all that apply"
    fields = ("options",)
    grader = "all"
    order = "alternating"
    input_type = "checkbox"
    asks: ClassVar[dict[str, str]] = {
        "check": "Select at least one option, then check.",
        "save": "Select at least one option, then save.",
    }
    words: ClassVar[dict[str, Any]] = {
        "right": "Correct: you found every true statement.",
        "partly": "Partly right: some true statements are missing.",
        "wrong": "Not quite: at least one choice is not true.",
        "missed": "Also true:",  # before a true statement the learner did not choose
        # Beside each chosen option in the book:
        "chosen_right": "True.",
        "chosen_wrong": "Not true.",
    }

    def parse(
        self, e: Entry, common: dict[str, Any], entries_by_id: dict[str, LedgerEntry]
    ) -> dict[str, Any]:
        return {"options": parse_options(e, common["id"], one_right=False)}

    def grade(self, q: Question, answer: Any) -> Verdict:
        by_key = {o.key: o for o in q.options}
        chosen = set(answer or ())
        unknown = chosen - set(by_key)
        if unknown:
            raise ValueError(f"{q.id}: unknown option {sorted(unknown)[0]!r}")
        if not chosen:
            return Verdict(False, self.asks["check"], (), "")
        right = chosen == q.correct_keys
        # In display order, as the page lists them: the chosen ones, then any true ones missed.
        lines = [(o.text, o.feedback) for o in q.options if o.key in chosen]
        missed = [o for o in q.options if o.correct and o.key not in chosen]
        lines += [(f"{self.words['missed']} {o.text}", o.feedback) for o in missed]
        if right:
            headline = self.words["right"]
        elif chosen <= q.correct_keys:
            headline = self.words["partly"]
        else:
            headline = self.words["wrong"]
        return Verdict(right, headline, tuple(lines), q.explanation if right else "")

    def widget_controls(self, q: Question, submit: Callable[[], Any]) -> tuple[Any, list[Any]]:
        import ipywidgets as w

        full = w.Layout(width="auto")
        boxes = [
            w.Checkbox(value=False, description=o.text, indent=False, layout=full)
            for o in q.options
        ]
        return boxes, list(boxes)

    def widget_answer(self, q: Question, inputs: Any) -> Any:
        return {o.key for o, box in zip(q.options, inputs, strict=True) if box.value}

    def widget_clear(self, q: Question, inputs: Any) -> None:
        for box in inputs:
            box.value = False

    def from_stored(self, text: str) -> Any:
        return {part for part in text.split(",") if part}
