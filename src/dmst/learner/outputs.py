"""Stored outputs in the learner edition: what is kept (figures, the lesson header, the support
box with the current resources) and what the learner must run the cell for (anything that gives
an answer away or needs a live widget)."""

from __future__ import annotations

import copy
from html import unescape
from typing import Any

from dmst.display import WIDGET_VIEW
from dmst.render import PLACEHOLDER, self_contained

# Stored outputs kept in the learner edition: display-only renditions. Anything else (knowledge
# checks, activities, assessments, the results panel) is removed: the learner runs the cell.
KEEP_CLASSES = ("dmst-figure", "dmst-lesson-header", "dmst-support-box")
SHOWN_BEFORE_RUNNING = ("figure", "header")  # placeholders the edition fills in
# What gives an answer away in stored HTML.
ANSWER_MARKERS = (
    "dmst-check",
    "dmst-reveal",
    "data-correct",
    "dmst-option-feedback",
    "dmst-activity",
    "dmst-assessment",
    "dmst-explanation",
)
IMAGE_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "text/plain"}


def _html(output: dict) -> str:
    value = output.get("data", {}).get("text/html", "")
    return "".join(value) if isinstance(value, list) else value


def reveals(output: dict) -> bool:
    """A stored output that gives an answer away or needs a live widget model."""
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        return True
    return any(marker in _html(output) for marker in ANSWER_MARKERS)


def learner_output(output: dict) -> dict | None:
    """The output as the learner edition stores it, or None when the learner must run the cell."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return None
    output = copy.deepcopy(output)
    data = output.get("data", {})
    data.pop(WIDGET_VIEW, None)
    output.get("metadata", {}).pop(WIDGET_VIEW, None)
    html = _html(output)
    placeholder = PLACEHOLDER.search(html)
    if placeholder is not None:  # stored for the book: show what needs no kernel, as it is now
        if placeholder["kind"] not in SHOWN_BEFORE_RUNNING:
            return None  # a check, activity or panel: the learner runs the cell for the widget
        html = self_contained(placeholder["kind"], unescape(placeholder["arg"]))
        data["text/html"] = html
    if any(marker in html for marker in ANSWER_MARKERS):
        return None
    if "dmst-support-box" in html:
        from dmst.resources import support_box, support_box_html

        data["text/html"] = support_box_html()  # the resources as configured now
        data["text/plain"] = repr(support_box())
    elif not any(cls in html for cls in KEEP_CLASSES) and not (data and set(data) <= IMAGE_TYPES):
        return None
    if "text/html" not in data and set(data) <= {"text/plain"}:
        return None
    if output["output_type"] == "execute_result":
        output["execution_count"] = None
    return output


def lab_pre_save_hook(model: dict, **kwargs: Any) -> None:
    """Jupyter server pre-save hook (``make lab``): a learner notebook is saved as it shipped,
    without widget views or answers in its outputs, so reopening it never shows "Error
    displaying widget: model not found" or a stored answer. Answers are kept by dmst.results."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    nb = model["content"]
    if (nb.get("metadata", {}).get("dmst") or {}).get("edition") != "learner":
        return
    nb["metadata"].pop("widgets", None)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            outputs = [learner_output(o) for o in cell.get("outputs", [])]
            cell["outputs"] = [o for o in outputs if o is not None]
