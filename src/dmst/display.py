"""How every curriculum output displays: live in Jupyter, and as a placeholder in stored outputs.

Live (a learner or author running a notebook), an output is its full HTML, plus the widget view
for anything interactive. When notebooks are executed to store their outputs for the book
(``make execute``, and nbval re-running them), ``DMST_STORED_OUTPUTS=1`` is set: the HTML becomes a
small placeholder naming what to show (``check 01.2``, ``figure runaway_figures``), and the book
renders it at build time from the current data (:mod:`dmst.render`, :mod:`dmst.bookrender`).
So editing a question, a ledger value or a resource never leaves a stored output stale, and no
stored output holds an answer key.

The book prefers text/html (``nb_mime_priority_overrides`` in ``_config.yml``), so no page needs
the widget manager and its CDN.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from dmst import settings

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STORED = "DMST_STORED_OUTPUTS"


def storing() -> bool:
    """True while notebooks are executed to store their outputs for the book."""
    return settings.text(STORED) == "1"


def placeholder(kind: str, arg: str, label: str) -> str:
    """The stored HTML of an output: what to render, and a note for anyone reading the notebook."""
    return (
        f'<div class="dmst-render" data-render="{html.escape(kind)}" data-arg="{html.escape(arg)}">'
        f'<p class="dmst-render-note">{html.escape(label)}: run this cell to see it here.</p></div>'
    )


def bundle(
    plain: str,
    html_form: str | Callable[[], str],
    widget: Any,
    include: Any = None,
    exclude: Any = None,
    *,
    render: tuple[str, str] | None = None,
    render_label: str = "",
) -> dict[str, Any]:
    """text/plain, text/html and (when ``widget`` is given) the live widget view.

    With ``render=(kind, arg)`` and outputs being stored, text/plain is ``render_label`` and html
    the placeholder, both free of data, so the stored output never goes stale.
    """
    if render is not None and storing():
        result: dict[str, Any] = {
            "text/plain": render_label or plain,
            "text/html": placeholder(*render, render_label or plain),
        }
    else:
        form = html_form() if callable(html_form) else html_form
        result = {"text/plain": plain, "text/html": form}
    if widget is not None:
        view = widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        if WIDGET_VIEW in view:
            result[WIDGET_VIEW] = view[WIDGET_VIEW]
    return result


class Displayed:
    """A non-interactive output (a figure, a card, a lesson's header) that the book renders.

    Subclasses give ``_repr_html_`` and ``__repr__``; ``render_spec`` is (kind, arg) for
    :mod:`dmst.render`, and ``render_label`` a few words naming it without any of its data.
    """

    render_spec: tuple[str, str] | None = None
    render_label: str = "Output"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return bundle(
            repr(self),
            self._repr_html_,  # type: ignore[attr-defined]
            None,
            render=self.render_spec,
            render_label=self.render_label,
        )
