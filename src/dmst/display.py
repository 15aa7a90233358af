"""One MIME bundle, two renditions: the static HTML the book shows, and the live widget Jupyter
shows. The book prefers text/html (``nb_mime_priority_overrides`` in ``_config.yml``), so no page
needs the widget manager and its CDN."""

from __future__ import annotations

from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def bundle(plain: str, html: str, widget: Any, include: Any = None, exclude: Any = None) -> dict:
    result: dict[str, Any] = {"text/plain": plain, "text/html": html}
    view = widget._repr_mimebundle_(include=include, exclude=exclude) or {}
    if WIDGET_VIEW in view:
        result[WIDGET_VIEW] = view[WIDGET_VIEW]
    return result
