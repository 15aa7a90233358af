"""Knowledge checks: one bank entry, shown live (ipywidgets) and in the static book (HTML form).

``check("01.2")`` returns an object whose MIME bundle holds both renditions. Jupyter shows the
widget; the book (``nb_mime_priority_overrides`` in ``_config.yml``) shows the ``text/html`` form,
which works with no JavaScript through a ``<details>`` reveal and is enhanced by
``dmst/sphinx/static/dmst.js``. Element ids derive from the question id, so the HTML is
deterministic and nbval can compare it. Options appear in the display order of
:mod:`dmst.layout` and are named by its opaque keys.

The same form serves three contexts: a lesson's ``check`` and the ``post``-course assessment
teach (feedback, explanation, reveal, try again); the ``pre``-course assessment is a measure, so
its HTML carries nothing that gives the answer away (no correctness mark, no feedback, no
explanation, no reveal, no figure) and each item can be answered once.

What differs between kinds (the prompt, the inputs, the revealed answer, the widget's controls)
comes from the question's kind in :mod:`dmst.kinds`; so does the wording ``dmst.js`` shows,
which each form carries as a JSON block (:func:`dmst.kinds.words_html`).
"""

from __future__ import annotations

import html
from typing import Any

from dmst.display import bundle
from dmst.kinds import KIND_NAMES, MARKS, kind_of, words_html
from dmst.live import LIVE_CLASS, head
from dmst.questions import Question, Verdict, grade, question

CONTEXTS = ("check", "pre", "post")
PRE_SAVED = (
    "Thank you: your answer is saved. The course covers this; at the end you will answer "
    "questions like it, and then each one explains its answer."
)


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
        return bundle(
            plain_text(q),
            lambda: static_html(q),
            self.widget.box,
            include,
            exclude,
            render=("check", q.id),
            render_label=f"Knowledge check {q.id}",
        )

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


def title(q: Question) -> str:
    return f"{'Question' if q.form else 'Knowledge check'} {q.id}"


def plain_text(q: Question) -> str:
    lines = [f"{title(q)} ({KIND_NAMES[q.kind]}): {q.prompt}"]
    lines += [f"  {n}. {o.text}" for n, o in enumerate(q.options, start=1)]
    return "\n".join(lines)


# --- the static HTML form ------------------------------------------------------------------------


def static_html(q: Question, context: str = "check", *, words: bool = True) -> str:
    """A semantic form: works without JavaScript (reveal), enhanced by dmst.js when present.

    ``context`` is "check" (a lesson), "post" (teaches, like a check) or "pre" (measures only:
    the form holds no answer key, feedback or explanation, and has no reveal). ``words=False``
    leaves out the wording block, for a page that gives it once for all its forms.
    """
    if context not in CONTEXTS:
        raise ValueError(f"context must be one of {CONTEXTS}, not {context!r}")
    teach = context != "pre"
    kind = kind_of(q)
    base = dom_id(q)
    legend = (
        f'<legend id="{base}-prompt"><span class="dmst-check-kind">{title(q)} · '
        f"{kind.display}</span>{kind.prompt_html(q)}</legend>"
    )
    data = f'data-check="{q.id}" data-kind="{q.kind}" data-context="{context}"'
    if q.short:
        data += ' data-short="true"'
    data += kind.data_html(q, teach)
    submit = "Check answer" if teach else "Save my answer"
    retry = (
        '<button type="button" class="dmst-check-retry" hidden>Try again</button>' if teach else ""
    )
    return (
        f'<form class="dmst-check" id="{base}" {data} aria-labelledby="{base}-prompt" '
        f"novalidate><fieldset>{legend}{kind.controls_html(q, base, teach)}</fieldset>"
        f'<div class="dmst-check-actions">'
        f'<button type="submit" class="dmst-check-submit" hidden>{submit}</button>{retry}</div>'
        f'<div class="dmst-check-result" id="{base}-result" role="status" aria-live="polite">'
        f"</div>{_reveal(q, base) if teach else ''}</form>"
        f"{words_html([q.kind], context) if words else ''}"
    )


def _reveal(q: Question, base: str) -> str:
    return (
        f'<details class="dmst-reveal" id="{base}-reveal"><summary>Show the answer and why'
        f'</summary>{kind_of(q).reveal_html(q)}<p class="dmst-explanation">{_e(q.explanation)}'
        f"</p></details>"
    )


# --- the live widget ---------------------------------------------------------------------------


class LiveCheck:
    """The ipywidgets rendition: choose, check, read feedback, try again; keyboard usable.

    With ``reveal=False`` (the pre-course assessment) an answer is saved without feedback and
    the item locks: one answer, no second try.
    """

    def __init__(self, q: Question, on_answer=None, *, reveal: bool = True) -> None:
        import ipywidgets as w  # only live checks need it; building the book does not

        self.question = q
        self.on_answer = on_answer
        self.reveal = reveal  # False on a pre-course assessment: record, but do not teach yet
        self.attempts: list[Verdict] = []
        kind = kind_of(q)
        self.inputs, choice = kind.widget_controls(q, self.submit)
        heading = f"<strong>{title(q)} · {kind.display}</strong>"
        prompt = kind.widget_prompt(q)
        submit = "Check answer" if reveal else "Save my answer"
        self.check_button = w.Button(description=submit, button_style="primary")
        self.retry_button = w.Button(description="Try again", disabled=True)
        self.check_button.on_click(lambda _: self.submit())
        self.retry_button.on_click(lambda _: self.reset())
        self.feedback = w.HTML()
        buttons = [self.check_button, self.retry_button] if reveal else [self.check_button]
        self.box = w.VBox(
            [w.HTML(head() + heading + prompt), *choice, w.HBox(buttons), self.feedback],
            layout=w.Layout(border="1px solid #999", padding="0.5em 1em", margin="1em 0"),
        )
        self.box.add_class(LIVE_CLASS)

    def answer(self) -> Any:
        return kind_of(self.question).widget_answer(self.question, self.inputs)

    @property
    def locked(self) -> bool:
        return not self.reveal and bool(self.attempts)

    def _lock(self) -> None:
        """Before the course an item is answered once: its inputs and button stop responding."""
        self.check_button.disabled = True
        self.check_button.description = "Saved"
        for widget in self.inputs if isinstance(self.inputs, list) else [self.inputs]:
            widget.disabled = True

    def submit(self) -> Verdict:
        if self.locked:
            return self.attempts[-1]  # one answer per item before the course
        verdict = grade(self.question, self.answer())
        self.feedback.value = feedback_html(verdict)
        if not verdict.feedback:  # "choose something first": not an attempt
            return verdict
        self.attempts.append(verdict)
        if not self.reveal:
            self.feedback.value = f'<p role="status">{_e(PRE_SAVED)}</p>'
            self._lock()
        else:
            self.retry_button.disabled = False
        if self.on_answer is not None:
            note = self.on_answer(self.question, self.answer(), verdict, len(self.attempts))
            if note:
                self.feedback.value += f'<p class="dmst-hint">{_e(note)}</p>'
        return verdict

    def reset(self) -> None:
        if self.locked:
            return
        kind_of(self.question).widget_clear(self.question, self.inputs)
        self.feedback.value = ""
        self.retry_button.disabled = True


def feedback_html(v: Verdict) -> str:
    mark = "" if v.estimate else MARKS["right" if v.correct else "wrong"] + " "
    if not v.feedback:
        return f'<p role="status">{_e(v.headline)}</p>'
    items = "".join(f"<li><strong>{_e(a)}</strong>: {_e(b)}</li>" for a, b in v.feedback)
    explanation = f"<p>{_e(v.explanation)}</p>" if v.explanation else ""
    return (
        f'<div role="status"><p><strong>{mark}{_e(v.headline)}</strong></p>'
        f"<ul>{items}</ul>{explanation}</div>"
    )
