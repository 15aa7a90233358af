"""The pre- and post-course assessment: two parallel forms, one before and one after the course.

Items live in ``data/assessment.yml`` (same format as a question bank). Ids say the form: "A.3"
is item 3 of form A, and A.k and B.k are a matched pair on the same objective, so the class
results can compare forms by objective. Which form is used when is set once, at the top of the
file::

    forms: {pre: A, post: B}

Swapping the two letters counterbalances the forms for the next group (then rebuild the
book). A file with one form only uses it both times.

Items marked ``short: true`` (one per lesson) make the short form, for any session of half a day
or less: ``assessment("pre", short=True)`` in Jupyter; in the book a control above the questions
offers it.

Before the course an answer is saved without feedback and cannot be changed (so the measure is
fair), and the page carries no answer key. After it, each item teaches as the lesson checks do.
In Jupyter answers are saved only on the learner's own machine, tagged pre or post; in the book
they stay on the page until the learner downloads them as a results file.
"""

from __future__ import annotations

import html
import re
from functools import cache, partial
from typing import Any

from dmst.checks import LiveCheck, save_attempt, static_html
from dmst.datafile import DATA, load_yaml
from dmst.display import bundle
from dmst.errors import DataError
from dmst.kinds import words_html
from dmst.ledger import ledger
from dmst.lessons import curriculum
from dmst.questions import Question, parse_bank

ASSESSMENT_FILE = DATA / "assessment.yml"
ITEM_ID = re.compile(r"^[AB]\.\d+$")  # form A or form B, then a number
CONTEXTS = ("pre", "post")
FORMS_FIELD = "forms"


@cache
def items() -> list[Question]:
    """Every item of both forms."""
    objectives = set(curriculum().objectives)
    return parse_bank(
        ASSESSMENT_FILE,
        objectives,
        ledger(),
        key="items",
        id_pattern=ITEM_ID,
        extra_fields=("short",),
    )


@cache
def forms() -> dict[str, str]:
    """Which form each context uses, e.g. ``{"pre": "A", "post": "B"}``."""
    return read_forms(load_yaml(ASSESSMENT_FILE), items(), ASSESSMENT_FILE)


def read_forms(data: Any, questions: list[Question], path=ASSESSMENT_FILE) -> dict[str, str]:
    """Check the file's ``forms`` setting against the forms its items belong to."""
    present = sorted({q.form for q in questions})
    raw = data.get(FORMS_FIELD) if isinstance(data, dict) else None
    if raw is None:
        if len(present) == 1:
            return {"pre": present[0], "post": present[0]}
        raw = {"pre": "A", "post": "B"}

    def fail(problem: str) -> DataError:
        return DataError(path, problem, field=FORMS_FIELD)

    if not isinstance(raw, dict) or set(raw) != set(CONTEXTS):
        raise fail("must say which form is used before and after, e.g. {pre: A, post: B}")
    chosen = {context: str(raw[context]).strip().upper() for context in CONTEXTS}
    for context, form in chosen.items():
        if form not in present:
            have = " and ".join(present) or "none"
            raise fail(f"{context}: form {form!r} has no items (forms in this file: {have})")
    if chosen["pre"] == chosen["post"] and len(present) > 1:
        raise fail("pre and post use the same form; use one form before and the other after")
    return chosen


def form_items(context: str, short: bool = False) -> list[Question]:
    """The items shown in a context: its form, or only the form's short items."""
    if context not in CONTEXTS:
        raise ValueError(f"context must be one of {CONTEXTS}, not {context!r}")
    form = forms()[context]
    chosen = [q for q in items() if q.form == form]
    if short:
        chosen = [q for q in chosen if q.short]
        if not chosen:
            raise ValueError(f"form {form} has no items marked short: true in assessment.yml")
    return chosen


class Assessment:
    def __init__(self, context: str, short: bool = False, questions=None) -> None:
        if context not in CONTEXTS:
            raise ValueError(f"context must be one of {CONTEXTS}, not {context!r}")
        self.context = context
        self.short = short
        self.items = form_items(context, short) if questions is None else list(questions)

    def checks(self) -> list[LiveCheck]:
        return [
            LiveCheck(
                q,
                on_answer=partial(save_attempt, context=self.context),
                reveal=self.context == "post",
            )
            for q in self.items
        ]

    def widget(self) -> Any:
        import ipywidgets as w

        return w.VBox([c.box for c in self.checks()])

    def static_html(self) -> str:
        return assessment_html(self.items, self.context)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        n = len(self.items)
        which = "Short set: " if self.short else ""
        plain = f"{which}{n} assessment item{'' if n == 1 else 's'} ({self.context}-course)"
        spec = self.context + ("-short" if self.short else "")
        when = "before" if self.context == "pre" else "after"
        return bundle(
            plain,
            self.static_html,
            self.widget(),
            include,
            exclude,
            render=("assessment", spec),
            render_label=f"{which}Assessment, {when} the course",
        )


def assessment(context: str, short: bool = False) -> Assessment:
    """The assessment for "pre" (before the course) or "post" (after it).

    ``short=True`` gives the short form (one item per lesson), for a short session.
    """
    return Assessment(context, short)


# --- the book's page -----------------------------------------------------------------------------

PRE_NOTE = (
    "Each answer is saved on this page when you press “Save my answer”; there is no feedback yet. "
    "You meet questions like these again after the course, and then each one explains its answer."
)
POST_NOTE = "Each answer explains itself, and you can try again; your first answer is the one "
POST_NOTE += "that counts for the class results."
DOWNLOAD_NOTE = (
    "Your answers stay on this page only: nothing is stored in your browser or sent anywhere. "
    "To take part in your class's results, download them as a file and give it to your "
    "instructor. The file holds your answers and a random code, never your name; closing or "
    "reloading the page clears them."
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


CODE_LABEL = "Your code (optional)"
CODE_HINT = (
    "A word your instructor asks for, the same before and after the course, so your two files "
    "count as one person. Not your name. Letters, digits and hyphens only."
)


def assessment_html(questions: list[Question], context: str) -> str:
    """The book's form: the items, a choice of the short set if there is one, and a download."""
    base = f"dmst-assessment-{context}"
    shorts = [q for q in questions if q.short]
    length = ""
    if shorts and len(shorts) < len(questions):
        length = (
            f'<fieldset class="dmst-assessment-length" hidden><legend>Which set of questions '
            f"did your instructor ask for?</legend>"
            f'<label><input type="radio" name="{base}-length" value="all" checked> '
            f"All {len(questions)} questions</label>"
            f'<label><input type="radio" name="{base}-length" value="short"> The short set: '
            f"{len(shorts)} questions, for a session of half a day or less</label></fieldset>"
        )
    note = PRE_NOTE if context == "pre" else POST_NOTE
    # The kinds' wording once for the page, not once per item (dmst.js reads every block).
    words = words_html(dict.fromkeys(q.kind for q in questions), context)
    forms_html = "".join(static_html(q, context, words=False) for q in questions)
    download = (
        f'<section class="dmst-download" aria-labelledby="{base}-download-title">'
        f'<p class="dmst-download-title" id="{base}-download-title"><strong>Download my answers'
        f"</strong></p><p>{_e(DOWNLOAD_NOTE)}</p>"
        f'<p class="dmst-needs-script">Answering and downloading here need JavaScript, which '
        f"is off in this browser. You can still read the questions, or answer them in Jupyter."
        f"</p>"
        f'<p class="dmst-learner-code-field" hidden><label for="{base}-code">{_e(CODE_LABEL)}'
        f'</label><input type="text" id="{base}-code" class="dmst-learner-code" maxlength="32" '
        f'autocomplete="off" pattern="[A-Za-z0-9 _-]*" aria-describedby="{base}-code-hint">'
        f'<span class="dmst-hint" id="{base}-code-hint">{_e(CODE_HINT)}</span></p>'
        f'<button type="button" class="dmst-download-button" hidden>Download my answers</button>'
        f'<p class="dmst-download-status" role="status" aria-live="polite"></p></section>'
    )
    return (
        f'<div class="dmst-assessment" id="{base}" data-context="{context}">'
        f'<p class="dmst-assessment-note">{_e(note)}</p>{length}{forms_html}{download}{words}</div>'
    )


__all__ = ["CONTEXTS", "assessment", "form_items", "forms", "items"]
