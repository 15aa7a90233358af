"""What the kinds made of options share: one answer chosen from a list, each with feedback.

:class:`ChoiceKind` is a whole kind apart from its name and how it reads its options; "choose
one" and "myth or fact" use it as it is, "select all that apply" changes grading and inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from dmst.datafile import Entry
from dmst.kinds.base import Kind, esc
from dmst.layout import option_key
from dmst.questions import Option, Verdict

if TYPE_CHECKING:
    from dmst.questions import Question


class ChoiceKind(Kind):
    grader = "one"
    input_type: ClassVar[str] = "radio"
    # What a check says when nothing is chosen yet: in a lesson, and before the course.
    asks: ClassVar[dict[str, str]] = {
        "check": "Choose an answer, then check.",
        "save": "Choose an answer, then save.",
    }
    words: ClassVar[dict[str, Any]] = {"right": "Correct.", "wrong": "Not quite."}

    def page_words(self, teach: bool) -> dict[str, Any]:
        return {**super().page_words(teach), "asks": self.asks}

    def grade(self, q: Question, answer: Any) -> Verdict:
        if not answer:
            return Verdict(False, self.asks["check"], (), "")
        by_key = {o.key: o for o in q.options}
        if answer not in by_key:
            raise ValueError(f"{q.id}: unknown option {answer!r}")
        option = by_key[answer]
        return Verdict(
            option.correct,
            self.words["right" if option.correct else "wrong"],
            ((option.text, option.feedback),),
            q.explanation if option.correct else "",
        )

    def controls_html(self, q: Question, base: str, teach: bool) -> str:
        return "".join(self._option_html(base, o, teach) for o in q.options)

    def _option_html(self, base: str, o: Option, teach: bool) -> str:
        oid = f"{base}-{o.key}"
        control = (
            f'<input type="{self.input_type}" name="{base}" id="{oid}" value="{o.key}">'
            f'<label for="{oid}">{esc(o.text)}</label>'
        )
        if not teach:  # the pre-course form: nothing here may say which option is right
            return f'<div class="dmst-option">{control}</div>'
        return (
            f'<div class="dmst-option" data-key="{o.key}" data-correct="{str(o.correct).lower()}">'
            f'{control}<p class="dmst-option-feedback" id="{oid}-feedback" hidden>'
            f"{esc(o.feedback)}</p></div>"
        )

    def reveal_html(self, q: Question) -> str:
        items = "".join(
            f'<li class="{"dmst-is-correct" if o.correct else "dmst-is-incorrect"}">'
            f"<strong>{'Correct' if o.correct else 'Not correct'}:</strong> {esc(o.text)}"
            f"<br>{esc(o.feedback)}</li>"
            for o in q.options
        )
        return f'<ul class="dmst-reveal-options">{items}</ul>'

    def widget_controls(self, q: Question, submit: Callable[[], Any]) -> tuple[Any, list[Any]]:
        import ipywidgets as w

        radios = w.RadioButtons(
            options=[(o.text, o.key) for o in q.options],
            value=None,
            layout=w.Layout(width="auto"),
        )
        return radios, [radios]

    def widget_answer(self, q: Question, inputs: Any) -> Any:
        return inputs.value

    def widget_clear(self, q: Question, inputs: Any) -> None:
        inputs.value = None


def parse_options(e: Entry, qid: str, *, one_right: bool) -> tuple[Option, ...]:
    """A bank entry's ``options``: each with text, feedback and whether it is right."""
    raw_options = e.get("options", list)
    if len(raw_options) < 2:
        raise e.fail("options", "needs at least two options")
    options = []
    for i, raw in enumerate(raw_options, start=1):
        o = Entry(e.path, raw, e.entry)
        o.unknown_fields(("text", "correct", "feedback"))
        if "feedback" not in raw or not str(raw.get("feedback") or "").strip():
            raise o.fail("options", f"option {i} ({raw.get('text', '?')!r}) has no feedback")
        correct = o.get("correct", bool, False)
        text = o.text("text")
        options.append(Option(option_key(qid, text), text, correct, o.text("feedback")))
    n_correct = sum(o.correct for o in options)
    if n_correct == 0:
        raise e.fail("options", "no option is marked correct")
    if one_right and n_correct > 1:
        raise e.fail("options", f"{n_correct} options are marked correct; single choice needs one")
    if len({o.text.casefold() for o in options}) != len(options):
        raise e.fail("options", "two options have the same text")
    if len({o.key for o in options}) != len(options):  # a one-in-millions clash of short hashes
        raise e.fail("options", "two options get the same key; reword one of them slightly")
    return tuple(options)
