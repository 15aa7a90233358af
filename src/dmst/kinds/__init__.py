"""Question kinds: one definition each, behind a small registry.

A kind (:class:`~dmst.kinds.base.Kind`) is everything one sort of question needs: its name and
the name learners see, the bank fields it adds, how a bank entry becomes a question (``parse``),
how an answer is judged (``grade``, giving a :class:`~dmst.questions.Verdict`), its controls in
the book's static form and in the live ipywidgets check, how the results store keeps an answer,
and the wording of its feedback. :mod:`dmst.questions` (loading banks, grading) and
:mod:`dmst.checks` (the form and the widget) look a question's kind up in :data:`KINDS` and
call it; neither names a kind.

The book grades in the browser with ``dmst.js`` (shipped by :mod:`dmst.sphinx`, in its ``static/``
folder). It holds no wording and no number rules of its own: every check's HTML ends with
:func:`words_html`, a small JSON block with the feedback wording, the number reader's rules and
the distance wording, taken from the kinds here, so the book says exactly what Python's ``grade``
says (``tests/test_browser.py`` answers every kind in a real browser and compares).

Adding a question kind
----------------------

1. Write ``src/dmst/kinds/<name>.py`` with a subclass of :class:`~dmst.kinds.base.Kind` (or of
   :class:`~dmst.kinds.choice.ChoiceKind` when it is options with feedback) and give it every
   part: ``name``, ``display``, ``fields``, ``grader``, ``words``, ``parse``, ``grade``,
   ``controls_html``, ``reveal_html``, ``widget_controls``, ``widget_answer``,
   ``widget_clear``; set ``order`` or override ``prompt_html``, ``data_html``,
   ``widget_prompt``, ``stored``, ``from_stored`` or ``page_words`` when the defaults do not
   fit. Every sentence the book's script may show (feedback, "choose an answer first") goes in
   ``words`` (or ``asks``), so the script can take it from the page.
2. Register it: import it below and add it to :data:`KINDS`.
3. ``grader`` names how the book answers it: "one" (one option), "all" (all that apply) or
   "estimate" (a typed number). Only a new way of answering needs a new grader in ``dmst.js``
   (``GRADERS`` there), reading its wording from the kind's words, never typing it again.
4. New looks go in ``dmst/sphinx/static/dmst.css`` (and ``src/dmst/live.css`` for Jupyter).
5. A field a question of the new kind carries that no kind has yet goes on
   :class:`~dmst.questions.Question`.

``tests/test_kinds.py`` then checks that the new kind has every part, that ``dmst.js`` types none
of its wording, and that the dispatchers name no kind; ``tests/test_browser.py`` answers one check
of every kind in the built book. Renditions outside the book and Jupyter (slides, printed tests,
paper answers, instructor notes, the balance lint) show a kind they do not name as a list of
options; look there too when the new kind is not one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from dmst.kinds.base import Kind
from dmst.kinds.multiple import Multiple
from dmst.kinds.myth_fact import MythFact
from dmst.kinds.numeric import Numeric
from dmst.kinds.single import Single

if TYPE_CHECKING:
    from dmst.questions import Question

KINDS: dict[str, Kind] = {k.name: k for k in (Single(), Multiple(), MythFact(), Numeric())}
KIND_NAMES: dict[str, str] = {name: kind.display for name, kind in KINDS.items()}

# Shown before a graded answer's headline (not before an estimate's, which is not right or wrong).
MARKS = {"right": "✓", "wrong": "✗"}
# The book's pre-course form, once an answer is saved there (no feedback before the course).
SAVED = (
    "Saved on this page. When you have finished, download your answers (the button is at the end)."
)


def kind_of(q: Question) -> Kind:
    return KINDS[q.kind]


def page_words(kinds: Iterable[str], context: str) -> dict[str, Any]:
    """What dmst.js needs to grade these kinds in this context ("check", "pre" or "post")."""
    teach = context != "pre"
    wanted = set(kinds)
    data: dict[str, Any] = {
        "kinds": {name: k.page_words(teach) for name, k in KINDS.items() if name in wanted}
    }
    if teach:
        data["marks"] = MARKS
    else:
        data["saved"] = SAVED
    return data


def words_html(kinds: Iterable[str], context: str) -> str:
    """:func:`page_words` as a JSON block for the page; dmst.js merges every block it finds."""
    text = json.dumps(page_words(kinds, context), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c")  # nothing inside may close the script element
    return f'<script type="application/json" class="dmst-check-words">{text}</script>'


__all__ = ["KINDS", "KIND_NAMES", "Kind", "kind_of", "page_words", "words_html"]
