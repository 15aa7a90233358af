"""What a question kind is: the parts that the bank, the book, Jupyter and the results use.

A kind's class lists every part; :class:`Kind` leaves the ones with no sensible default
abstract, so a kind that forgets one cannot be registered (instantiating it fails).
"""

from __future__ import annotations

import html
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from dmst.datafile import Entry
    from dmst.ledger import LedgerEntry
    from dmst.questions import Question, Verdict


def esc(text: str) -> str:
    return html.escape(text, quote=True)


class Kind(ABC):
    name: ClassVar[str]  # as a bank writes it: ``kind: single``
    display: ClassVar[str]  # as a learner sees it: "Choose one"
    fields: ClassVar[tuple[str, ...]]  # the bank fields it adds to the common ones
    grader: ClassVar[str]  # which grader in dmst.js answers it in the book (see GRADERS there)
    words: ClassVar[dict[str, Any]]  # the feedback it gives; the book's script reads them too
    # How dmst.questions.arrange orders its options: "balanced" (where the right option sits is
    # balanced across a lesson or form), "alternating" (right and wrong first options take
    # turns), or "" (as authored).
    order: ClassVar[str] = ""

    # --- the bank ---------------------------------------------------------------------------

    @abstractmethod
    def parse(
        self, e: Entry, common: dict[str, Any], entries_by_id: dict[str, LedgerEntry]
    ) -> dict[str, Any]:
        """The :class:`~dmst.questions.Question` fields this kind sets, read from a bank entry
        whose common fields are already checked (``common``); problems raise ``e.fail(...)``."""

    # --- grading ----------------------------------------------------------------------------

    @abstractmethod
    def grade(self, q: Question, answer: Any) -> Verdict:
        """Judge an answer as the widget gives it (an option key, a set of keys, typed text)."""

    def page_words(self, teach: bool) -> dict[str, Any]:
        """What dmst.js needs to grade this kind on a page. Before the course (``teach`` false)
        a page may hold nothing that teaches, so no feedback wording."""
        return {"grader": self.grader, **({"words": self.words} if teach else {})}

    # --- the book's static form ---------------------------------------------------------------

    def prompt_html(self, q: Question) -> str:
        """The prompt, inside the form's legend."""
        return f'<span class="dmst-check-prompt">{esc(q.prompt)}</span>'

    @abstractmethod
    def controls_html(self, q: Question, base: str, teach: bool) -> str:
        """The form's inputs (``base`` is the form's id); with ``teach`` false, no answer key."""

    def data_html(self, q: Question, teach: bool) -> str:
        """Extra ``data-`` attributes of the form (leading space included), for dmst.js."""
        return ""

    @abstractmethod
    def reveal_html(self, q: Question) -> str:
        """The answer, as "Show the answer and why" shows it (the explanation follows)."""

    # --- the live widget ----------------------------------------------------------------------

    def widget_prompt(self, q: Question) -> str:
        return f"<p>{esc(q.prompt)}</p>"

    @abstractmethod
    def widget_controls(self, q: Question, submit: Callable[[], Any]) -> tuple[Any, list[Any]]:
        """(the input widget or list of them, the widgets to show); ``submit`` checks."""

    @abstractmethod
    def widget_answer(self, q: Question, inputs: Any) -> Any:
        """The answer the inputs hold, as :meth:`grade` takes it."""

    @abstractmethod
    def widget_clear(self, q: Question, inputs: Any) -> None:
        """Empty the inputs for another try."""

    # --- the results ----------------------------------------------------------------------------

    def stored(self, q: Question, answer: Any) -> tuple[Any, float | None]:
        """What the results store keeps for an answer: option keys or a number (never free
        text), and for an estimate how far off it was."""
        return answer, None

    def from_stored(self, text: str) -> Any:
        """A stored answer (as a results file holds it) back in the form :meth:`grade` takes."""
        return text
