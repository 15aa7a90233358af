"""Estimate: the learner types a number; the answer is a figure or range from the ledger.

Right means inside the evidence, or within ``tolerance`` of it (a share: 0.25 is a quarter);
the feedback says how far off the guess was (:func:`dmst.kinds.numbers.distance`) and shows
the sourced figure.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from dmst.datafile import Entry
from dmst.kinds.base import Kind, esc
from dmst.kinds.numbers import DISTANCE, NUMBER, distance, parse_number
from dmst.questions import Verdict

if TYPE_CHECKING:
    from dmst.ledger import LedgerEntry, Number
    from dmst.questions import Question

# A guess within a quarter of a single figure counts as right; a range has its own edges.
POINT_TOLERANCE = 0.25


class Numeric(Kind):
    name = "numeric"
    display = "Estimate"
    fields = ("answer", "unit")
    grader = "estimate"
    words: ClassVar[dict[str, Any]] = {"evidence": "The evidence", **DISTANCE}

    def page_words(self, teach: bool) -> dict[str, Any]:
        return {**super().page_words(teach), "number": NUMBER}

    def parse(
        self, e: Entry, common: dict[str, Any], entries_by_id: dict[str, LedgerEntry]
    ) -> dict[str, Any]:
        answer = Entry(e.path, e.get("answer", dict), e.entry)
        answer.unknown_fields(("ledger", "number", "tolerance"))
        ref = answer.text("ledger")
        if ref not in entries_by_id:
            raise e.fail("answer", f"ledger entry {ref!r} is not in ledger.yml")
        source = entries_by_id[ref]
        key = answer.text("number")
        try:
            number = source.number(key)
        except KeyError:
            raise e.fail("answer", f"ledger entry {ref!r} has no number {key!r}") from None
        tolerance = answer.get("tolerance", float, 0.0 if number.is_range else POINT_TOLERANCE)
        if not 0 <= tolerance < 1:
            raise e.fail("answer", f"tolerance must be a share from 0 to 0.99, not {tolerance!r}")
        return {
            "ledger": tuple(dict.fromkeys((*common["ledger"], source.id))),
            "number": number,
            "number_source": source,
            "unit": e.text("unit"),
            "tolerance": float(tolerance),
        }

    def grade(self, q: Question, answer: Any) -> Verdict:
        number, source = _evidence(q)
        try:
            guess = parse_number("" if answer is None else str(answer))
        except ValueError as exc:
            return Verdict(False, str(exc), (), "")
        figure = source.cite(number.key)
        close = number.low * (1 - q.tolerance) <= guess <= number.high * (1 + q.tolerance)
        return Verdict(
            close,
            distance(guess, number),
            ((self.words["evidence"], figure),),
            q.explanation,
            estimate=True,
        )

    def controls_html(self, q: Question, base: str, teach: bool) -> str:
        return (
            f'<div class="dmst-numeric"><label for="{base}-guess">Your estimate ({esc(q.unit)})'
            f'</label><input type="text" inputmode="decimal" id="{base}-guess" name="{base}" '
            f'autocomplete="off" aria-describedby="{base}-hint">'
            f'<p class="dmst-hint" id="{base}-hint">Digits are fine, for example 5000, 5,000 or '
            f"2.5 million.</p></div>"
        )

    def data_html(self, q: Question, teach: bool) -> str:
        if not teach:  # before the course the page holds no answer
            return ""
        number, source = _evidence(q)
        return (
            f' data-low="{number.low!r}" data-high="{number.high!r}"'
            f' data-figure="{esc(source.cite(number.key))}" data-tolerance="{q.tolerance!r}"'
        )

    def reveal_html(self, q: Question) -> str:
        number, source = _evidence(q)
        return f"<p><strong>The evidence:</strong> {esc(source.cite(number.key))}.</p>"

    def widget_controls(self, q: Question, submit: Callable[[], Any]) -> tuple[Any, list[Any]]:
        import ipywidgets as w

        field = w.Text(placeholder="for example 5000 or 2.5 million", layout=w.Layout(width="auto"))
        with warnings.catch_warnings():  # Enter submits; ipywidgets 8 marks it deprecated
            warnings.simplefilter("ignore", DeprecationWarning)
            field.on_submit(lambda _: submit())
        return field, [w.Label(f"Your estimate ({q.unit}), then press Enter:"), field]

    def widget_answer(self, q: Question, inputs: Any) -> Any:
        return inputs.value

    def widget_clear(self, q: Question, inputs: Any) -> None:
        inputs.value = ""

    def stored(self, q: Question, answer: Any) -> tuple[Any, float | None]:
        from dmst.results.store import off_by

        guess = parse_number(answer)
        return guess, off_by(guess, q.number.low, q.number.high) if q.number else None


def _evidence(q: Question) -> tuple[Number, LedgerEntry]:
    assert q.number is not None and q.number_source is not None
    return q.number, q.number_source
