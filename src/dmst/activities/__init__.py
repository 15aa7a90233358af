"""Activities beyond knowledge checks: sorting, a branching scenario, and "what would you say?".

Defined in ``data/activities/*.yml`` and shown with ``activity("07.sort")``. Like the checks, each
has a live ipywidgets rendition and a static HTML one that works without JavaScript (enhanced
by ``dmst/sphinx/static/dmst.js``). Sort items and branching choices appear in a display order
seeded by the activity's id (:mod:`dmst.layout`), so the best choice is not always first.

"What would you say?" practice counts through a self-check: after writing, the learner ticks
which parts of the activity's ``checklist`` their answer had, then sees the model answers. In
Jupyter the ticks (item numbers, never the text typed) are recorded with the learner's other
answers (:func:`dmst.results.record_self_check`). Nothing a learner types is stored or sent.
"""

from __future__ import annotations

from typing import Any

from dmst.activities.data import (
    ACTIVITIES_DIR,
    KIND_NAMES,
    KINDS,
    Activity,
    Choice,
    SayPrompt,
    SortItem,
    Step,
    all_activities,
    parse_activities,
)
from dmst.activities.static import static_html
from dmst.activities.widgets import LiveBranching, LiveSay, LiveSort, SayStep, save_ticks
from dmst.display import bundle


def activity(activity_id: str) -> ActivityView:
    try:
        return ActivityView(all_activities()[activity_id])
    except KeyError:
        raise KeyError(f"no activity {activity_id!r} in {ACTIVITIES_DIR.name}/") from None


class ActivityView:
    def __init__(self, a: Activity) -> None:
        self.activity = a
        self._live: Any = None

    @property
    def live(self) -> Any:
        if self._live is None:
            self._live = {"sort": LiveSort, "branching": LiveBranching, "say": LiveSay}[
                self.activity.kind
            ](self.activity)
        return self._live

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        a = self.activity
        plain = f"{a.title}: {a.prompt}"
        return bundle(
            plain,
            lambda: static_html(a),
            self.live.box,
            include,
            exclude,
            render=("activity", a.id),
            render_label=f"Activity {a.id}",
        )


__all__ = [
    "ACTIVITIES_DIR",
    "KINDS",
    "KIND_NAMES",
    "Activity",
    "ActivityView",
    "Choice",
    "LiveBranching",
    "LiveSay",
    "LiveSort",
    "SayPrompt",
    "SayStep",
    "SortItem",
    "Step",
    "activity",
    "all_activities",
    "parse_activities",
    "save_ticks",
    "static_html",
]
