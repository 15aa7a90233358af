"""What makes the live widgets behave like native controls in JupyterLab, shipped as plain CSS
and one small script inside the widgets themselves, so no JupyterLab extension is needed.

ipywidgets draws each radio button in a fixed-height row and ends long labels with an ellipsis,
so long options overlapped and a click could land on the wrong option; ``live.css`` lets rows and
buttons grow with their text. JupyterLab reads unmodified keys as notebook commands while a radio
or button has focus; ``live.js`` (see its header) keeps those keys inside the check. Both travel
in an :class:`ipywidgets.HTML` element at the top of every check and activity: the style applies
while the check is on the page, and the script installs itself once per page (an image that
cannot load runs it, the only way an HTML widget can start a script). The published book never
shows these widgets: it has its own form, style and script.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
LIVE_CLASS = "dmst-live"


@cache
def head() -> str:
    """The style and the keyboard script, as HTML to put in front of a widget's title."""
    css = (HERE / "live.css").read_text(encoding="utf-8")
    script = (HERE / "live.js").read_text(encoding="utf-8")
    loader = (
        "if(!window.dmstLiveInstalled){var s=document.createElement('script');"
        "s.textContent=this.nextElementSibling.textContent;document.head.appendChild(s);}"
    )
    return (
        f"<style>{css}</style>"
        f'<img src="data:," alt="" hidden onerror="{html.escape(loader, quote=True)}">'
        f'<script type="text/plain">{script}</script>'
    )
