"""Knowledge checks: one bank entry, shown live (ipywidgets) and in the static book (HTML form).

``check("01.2")`` returns an object whose MIME bundle holds both renditions. Jupyter shows the
widget; the book (``nb_mime_priority_overrides`` in ``_config.yml``) shows the ``text/html`` form,
which works with no JavaScript through a ``<details>`` reveal and is enhanced by
``book/_static/dmst.js``. Element ids derive from the question id, so the HTML is deterministic
and nbval can compare it.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from dmst.display import bundle
from dmst.questions import KIND_NAMES, Question, Verdict, grade, question

MYTH_FACT_PROMPT = "Is this a myth or a fact?"


def check(question_id: str) -> Check:
    """The knowledge check for a bank entry, e.g. ``check("01.2")``."""
    return Check(question(question_id))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def dom_id(q: Question) -> str:
    return "check-" + q.id.replace(".", "-")


class Check:
    def __init__(self, q: Question) -> None:
        self.question = q
        self._widget: LiveCheck | None = None

    @property
    def widget(self) -> LiveCheck:
        if self._widget is None:
            self._widget = LiveCheck(self.question, on_answer=save_attempt)
        return self._widget

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        q = self.question
        return bundle(plain_text(q), static_html(q), self.widget.box, include, exclude)

    def __repr__(self) -> str:
        return plain_text(self.question)


def save_attempt(
    q: Question, answer: Any, verdict: Verdict, attempt: int, context: str = "check"
) -> str:
    """Keep the attempt in the learner's private results; say so if it could not be saved."""
    import sqlite3

    from dmst import results

    try:
        results.record_verdict(q.id, answer, verdict, attempt, context)
    except (OSError, sqlite3.Error, ValueError) as exc:
        return f"Your answer could not be saved on this computer ({exc}); the check still works."
    return ""


def plain_text(q: Question) -> str:
    lines = [f"Knowledge check {q.id} ({KIND_NAMES[q.kind]}): {q.prompt}"]
    lines += [f"  {o.key}) {o.text}" for o in q.options]
    return "\n".join(lines)


# --- the static HTML form ------------------------------------------------------------------------


def static_html(q: Question) -> str:
    """A semantic form: works without JavaScript (reveal), enhanced by dmst.js when present."""
    base = dom_id(q)
    legend = (
        f'<legend id="{base}-prompt"><span class="dmst-check-kind">Knowledge check {q.id} · '
        f"{KIND_NAMES[q.kind]}</span>"
    )
    if q.kind == "myth_fact":
        legend += f'<span class="dmst-check-claim">“{_e(q.prompt)}”</span>'
        legend += f'<span class="dmst-check-prompt">{MYTH_FACT_PROMPT}</span>'
    else:
        legend += f'<span class="dmst-check-prompt">{_e(q.prompt)}</span>'
    legend += "</legend>"
    if q.kind == "numeric":
        body = _numeric_input(q, base)
    else:
        body = "".join(_option_html(q, base, o) for o in q.options)
    data = f'data-check="{q.id}" data-kind="{q.kind}"'
    if q.number is not None:
        assert q.number_source is not None
        figure = q.number_source.cite(q.number.key)
        data += f' data-low="{q.number.low!r}" data-high="{q.number.high!r}"'
        data += f' data-figure="{_e(figure)}"'
    return (
        f'<form class="dmst-check" id="{base}" {data} aria-labelledby="{base}-prompt" '
        f"novalidate><fieldset>{legend}{body}</fieldset>"
        f'<div class="dmst-check-actions">'
        f'<button type="submit" class="dmst-check-submit" hidden>Check answer</button>'
        f'<button type="button" class="dmst-check-retry" hidden>Try again</button></div>'
        f'<div class="dmst-check-result" id="{base}-result" role="status" aria-live="polite">'
        f"</div>{_reveal(q, base)}</form>"
    )


def _option_html(q, base: str, o) -> str:
    input_type = "checkbox" if q.kind == "multiple" else "radio"
    oid = f"{base}-{o.key}"
    return (
        f'<div class="dmst-option" data-key="{o.key}" data-correct="{str(o.correct).lower()}">'
        f'<input type="{input_type}" name="{base}" id="{oid}" value="{o.key}">'
        f'<label for="{oid}">{_e(o.text)}</label>'
        f'<p class="dmst-option-feedback" id="{oid}-feedback" hidden>{_e(o.feedback)}</p></div>'
    )


def _numeric_input(q: Question, base: str) -> str:
    return (
        f'<div class="dmst-numeric"><label for="{base}-guess">Your estimate ({_e(q.unit)})</label>'
        f'<input type="text" inputmode="decimal" id="{base}-guess" name="{base}" '
        f'autocomplete="off" aria-describedby="{base}-hint">'
        f'<p class="dmst-hint" id="{base}-hint">Digits are fine, for example 5000, 5,000 or '
        f"2.5 million.</p></div>"
    )


def _reveal(q: Question, base: str) -> str:
    if q.kind == "numeric":
        assert q.number is not None and q.number_source is not None
        answer = f"<p><strong>The evidence:</strong> {_e(q.number_source.cite(q.number.key))}.</p>"
    else:
        items = "".join(
            f'<li class="{"dmst-is-correct" if o.correct else "dmst-is-incorrect"}">'
            f"<strong>{'Correct' if o.correct else 'Not correct'}:</strong> {_e(o.text)}"
            f"<br>{_e(o.feedback)}</li>"
            for o in q.options
        )
        answer = f'<ul class="dmst-reveal-options">{items}</ul>'
    return (
        f'<details class="dmst-reveal" id="{base}-reveal"><summary>Show the answer and why'
        f'</summary>{answer}<p class="dmst-explanation">{_e(q.explanation)}</p></details>'
    )


# --- the live widget ---------------------------------------------------------------------------


class LiveCheck:
    """The ipywidgets rendition: choose, check, read feedback, try again; keyboard usable."""

    def __init__(self, q: Question, on_answer=None, *, reveal: bool = True) -> None:
        self.question = q
        self.on_answer = on_answer
        self.reveal = reveal  # False on a pre-course assessment: record, but do not teach yet
        self.attempts: list[Verdict] = []
        full = w.Layout(width="auto")
        if q.kind == "multiple":
            self.inputs: Any = [
                w.Checkbox(value=False, description=o.text, indent=False, layout=full)
                for o in q.options
            ]
            choice: list[w.Widget] = list(self.inputs)
        elif q.kind == "numeric":
            self.inputs = w.Text(placeholder="for example 5000 or 2.5 million", layout=full)
            choice = [w.Label(f"Your estimate ({q.unit}):"), self.inputs]
        else:
            self.inputs = w.RadioButtons(
                options=[(o.text, o.key) for o in q.options], value=None, layout=full
            )
            choice = [self.inputs]
        title = f"<strong>Knowledge check {q.id} · {KIND_NAMES[q.kind]}</strong>"
        prompt = (
            f"<p>“{_e(q.prompt)}”<br>{MYTH_FACT_PROMPT}</p>"
            if q.kind == "myth_fact"
            else f"<p>{_e(q.prompt)}</p>"
        )
        self.check_button = w.Button(description="Check answer", button_style="primary")
        self.retry_button = w.Button(description="Try again", disabled=True)
        self.check_button.on_click(lambda _: self.submit())
        self.retry_button.on_click(lambda _: self.reset())
        self.feedback = w.HTML()
        self.box = w.VBox(
            [
                w.HTML(title + prompt),
                *choice,
                w.HBox([self.check_button, self.retry_button]),
                self.feedback,
            ],
            layout=w.Layout(border="1px solid #999", padding="0.5em 1em", margin="1em 0"),
        )

    def answer(self) -> Any:
        if self.question.kind == "multiple":
            return {
                o.key
                for o, box in zip(self.question.options, self.inputs, strict=True)
                if box.value
            }
        return self.inputs.value

    def submit(self) -> Verdict:
        verdict = grade(self.question, self.answer())
        self.feedback.value = feedback_html(verdict)
        if verdict.feedback and not self.reveal:
            if self.attempts:
                return verdict  # one answer per item before the course
            self.feedback.value = (
                "<p>Thank you: your answer is saved. The course covers this; you will see the "
                "same question again at the end.</p>"
            )
            self.check_button.disabled = True
        if verdict.feedback:  # a real answer, not "choose something first"
            self.attempts.append(verdict)
            self.retry_button.disabled = not self.reveal
            if self.on_answer is not None:
                note = self.on_answer(self.question, self.answer(), verdict, len(self.attempts))
                if note:
                    self.feedback.value += f'<p class="dmst-hint">{_e(note)}</p>'

        return verdict

    def reset(self) -> None:
        if self.question.kind == "multiple":
            for box in self.inputs:
                box.value = False
        else:
            self.inputs.value = None if self.question.kind != "numeric" else ""
        self.feedback.value = ""
        self.retry_button.disabled = True


def feedback_html(v: Verdict) -> str:
    mark = "" if v.estimate else ("✓ " if v.correct else "✗ ")
    if not v.feedback:
        return f'<p role="status">{_e(v.headline)}</p>'
    items = "".join(f"<li><strong>{_e(a)}</strong>: {_e(b)}</li>" for a, b in v.feedback)
    explanation = f"<p>{_e(v.explanation)}</p>" if v.explanation else ""
    return (
        f'<div role="status"><p><strong>{mark}{_e(v.headline)}</strong></p>'
        f"<ul>{items}</ul>{explanation}</div>"
    )
