"""Activities beyond knowledge checks: sorting, a branching scenario, and "what would you say?".

Defined in ``data/activities/*.yml`` and shown with ``activity("07.sort")``. Like the checks, each
has a live ipywidgets rendition and a static HTML one that works without JavaScript (enhanced by
``book/_static/dmst.js``). Sort items and branching choices appear in a display order seeded by
the activity's id (:mod:`dmst.layout`), so the best choice is not always first.

"What would you say?" practice counts through a self-check: after writing, the learner ticks
which parts of the activity's ``checklist`` their answer had, then sees the model answers. In
Jupyter the ticks (item numbers, never the text typed) are recorded with the learner's other
answers (:func:`dmst.results.record_self_check`). Nothing a learner types is stored or sent.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.display import bundle
from dmst.errors import DataError
from dmst.layout import shuffled
from dmst.live import LIVE_CLASS, head

ACTIVITIES_DIR = DATA / "activities"
KINDS = ("sort", "branching", "say")
ACTIVITY_ID = re.compile(r"^\d{2}\.[a-z][a-z0-9-]*$")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class SortItem:
    text: str
    category: str
    feedback: str


@dataclass(frozen=True)
class Choice:
    text: str
    feedback: str
    next: str | None  # None ends the scenario


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class SayPrompt:
    situation: str
    model_answers: tuple[str, ...]
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class Activity:
    id: str
    kind: str
    title: str
    prompt: str
    categories: tuple[tuple[str, str], ...] = ()
    items: tuple[SortItem, ...] = ()
    start: str = ""
    steps: tuple[Step, ...] = ()
    prompts: tuple[SayPrompt, ...] = ()
    checklist: tuple[str, ...] = ()  # say: the parts a good answer has, for the learner to tick
    debrief: str = ""

    @property
    def dom_id(self) -> str:
        return "activity-" + re.sub(r"[^a-z0-9]+", "-", self.id)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)


def parse_activities(path: Path) -> list[Activity]:
    data = load_yaml(path)
    result = []
    seen: set[str] = set()
    for e in each_entry(path, data, "activities"):
        aid = e.text("id")
        if not ACTIVITY_ID.fullmatch(aid):
            raise e.fail("id", 'must look like "07.sort" (lesson number, dot, a short name)')
        if aid in seen:
            raise e.fail("id", "is used by another activity")
        seen.add(aid)
        kind = e.text("kind")
        if kind not in KINDS:
            raise e.fail("kind", f"{kind!r} is not a known kind ({', '.join(KINDS)})")
        common = dict(
            id=aid,
            kind=kind,
            title=e.text("title"),
            prompt=e.text("prompt"),
            debrief=e.text("debrief", ""),
        )
        if kind == "sort":
            e.unknown_fields(("id", "kind", "title", "prompt", "debrief", "categories", "items"))
            parts = _sort(e)
            parts["items"] = tuple(shuffled(parts["items"], aid))  # display order
            result.append(Activity(**common, **parts))
        elif kind == "branching":
            e.unknown_fields(("id", "kind", "title", "prompt", "debrief", "start", "steps"))
            parts = _branching(e)
            parts["steps"] = tuple(
                Step(s.id, s.text, tuple(shuffled(s.choices, f"{aid}/{s.id}")))
                for s in parts["steps"]
            )
            result.append(Activity(**common, **parts))
        else:
            e.unknown_fields(("id", "kind", "title", "prompt", "debrief", "prompts", "checklist"))
            checklist = tuple(e.text_list("checklist", []))
            result.append(Activity(**common, prompts=_say(e), checklist=checklist))
    return result


def _sort(e: Entry) -> dict[str, Any]:
    categories = []
    for raw in e.get("categories", list):
        c = Entry(e.path, raw, e.entry)
        c.unknown_fields(("key", "label"))
        categories.append((c.ident("key"), c.text("label")))
    keys = [k for k, _ in categories]
    if len(keys) < 2 or len(set(keys)) != len(keys):
        raise e.fail("categories", "needs at least two categories with different keys")
    items = []
    for raw in e.get("items", list):
        i = Entry(e.path, raw, e.entry)
        i.unknown_fields(("text", "category", "feedback"))
        category = i.text("category")
        if category not in keys:
            raise i.fail("items", f"category {category!r} is not one of {', '.join(keys)}")
        items.append(SortItem(i.text("text"), category, i.text("feedback")))
    if len(items) < 3:
        raise e.fail("items", "needs at least three items to sort")
    return {"categories": tuple(categories), "items": tuple(items)}


def _branching(e: Entry) -> dict[str, Any]:
    steps = []
    for raw in e.get("steps", list):
        s = Entry(e.path, raw, e.entry)
        s.unknown_fields(("id", "text", "choices"))
        choices = []
        for raw_choice in s.get("choices", list, []):
            c = Entry(e.path, raw_choice, e.entry)
            c.unknown_fields(("text", "feedback", "next"))
            choices.append(Choice(c.text("text"), c.text("feedback"), c.ident("next", None)))
        steps.append(Step(s.ident("id"), s.text("text"), tuple(choices)))
    ids = [s.id for s in steps]
    if len(set(ids)) != len(ids):
        raise e.fail("steps", "two steps have the same id")
    start = e.ident("start")
    if start not in ids:
        raise e.fail("start", f"{start!r} is not a step id")
    for step in steps:
        for choice in step.choices:
            if choice.next is not None and choice.next not in ids:
                raise e.fail("steps", f"step {step.id!r}: next {choice.next!r} is not a step id")
    reachable, todo = {start}, [start]
    by_id = {s.id: s for s in steps}
    while todo:
        for choice in by_id[todo.pop()].choices:
            if choice.next and choice.next not in reachable:
                reachable.add(choice.next)
                todo.append(choice.next)
    unreachable = [i for i in ids if i not in reachable]
    if unreachable:
        raise e.fail("steps", f"step {unreachable[0]!r} cannot be reached from the start")
    if not any(not s.choices or any(c.next is None for c in s.choices) for s in steps):
        raise e.fail("steps", "the scenario never ends (no step without choices)")
    return {"start": start, "steps": tuple(steps)}


def _say(e: Entry) -> tuple[SayPrompt, ...]:
    prompts = []
    for raw in e.get("prompts", list):
        p = Entry(e.path, raw, e.entry)
        p.unknown_fields(("situation", "model_answers", "avoid"))
        models = tuple(p.text_list("model_answers"))
        if not models:
            raise p.fail("model_answers", "needs at least one model answer")
        prompts.append(SayPrompt(p.text("situation"), models, tuple(p.text_list("avoid", []))))
    if not prompts:
        raise e.fail("prompts", "needs at least one situation")
    return tuple(prompts)


@cache
def all_activities() -> dict[str, Activity]:
    result: dict[str, Activity] = {}
    for path in sorted(ACTIVITIES_DIR.glob("*.yml")):
        for item in parse_activities(path):
            if item.id in result:
                raise DataError(path, "is also defined in another activities file", item.id, "id")
            result[item.id] = item
    return result


def activity(activity_id: str) -> ActivityView:
    try:
        return ActivityView(all_activities()[activity_id])
    except KeyError:
        raise KeyError(f"no activity {activity_id!r} in {ACTIVITIES_DIR.name}/") from None


# --- static HTML ---------------------------------------------------------------------------------


def static_html(a: Activity) -> str:
    body = {"sort": _sort_html, "branching": _branching_html, "say": _say_html}[a.kind](a)
    debrief = f'<p class="dmst-activity-debrief">{_e(a.debrief)}</p>' if a.debrief else ""
    kind = {
        "sort": "Sorting activity",
        "branching": "Scenario: you choose",
        "say": "What would you say?",
    }[a.kind]
    return (
        f'<section class="dmst-activity dmst-activity-{a.kind}" id="{a.dom_id}" '
        f'aria-labelledby="{a.dom_id}-title"><h3 id="{a.dom_id}-title">'
        f'<span class="dmst-check-kind">{kind}</span>{_e(a.title)}</h3>'
        f"<p>{_e(a.prompt)}</p>{body}{debrief}</section>"
    )


def _sort_html(a: Activity) -> str:
    rows = []
    for n, item in enumerate(a.items, start=1):
        name = f"{a.dom_id}-{n}"
        radios = "".join(
            f'<label class="dmst-sort-choice"><input type="radio" name="{name}" value="{key}">'
            f" {_e(label)}</label>"
            for key, label in a.categories
        )
        rows.append(
            f'<fieldset class="dmst-sort-item" data-answer="{item.category}">'
            f"<legend>{_e(item.text)}</legend>{radios}"
            f'<p class="dmst-option-feedback" hidden>{_e(item.feedback)}</p></fieldset>'
        )
    labels = dict(a.categories)
    answers = "".join(
        f"<li><strong>{_e(labels[i.category])}:</strong> {_e(i.text)}<br>{_e(i.feedback)}</li>"
        for i in a.items
    )
    return (
        f'<form class="dmst-sort" novalidate>{"".join(rows)}'
        f'<div class="dmst-check-actions"><button type="submit" class="dmst-check-submit" hidden>'
        f"Check my sorting</button></div>"
        f'<div class="dmst-check-result" role="status" aria-live="polite"></div>'
        f'<details class="dmst-reveal"><summary>Show how these sort, and why</summary>'
        f'<ul class="dmst-reveal-options">{answers}</ul></details></form>'
    )


def _branching_html(a: Activity) -> str:
    parts = []
    for n, step in enumerate(a.steps):
        choices = "".join(
            f'<details class="dmst-branch-choice"><summary>{_e(c.text)}</summary>'
            f"<p>{_e(c.feedback)}</p>"
            + (
                f'<p><a href="#{a.dom_id}-{c.next}">Continue</a></p>'
                if c.next
                else "<p><em>This path ends here.</em></p>"
            )
            + "</details>"
            for c in step.choices
        )
        label = "Start" if step.id == a.start else f"Step {n + 1}"
        parts.append(
            f'<div class="dmst-branch-step" id="{a.dom_id}-{step.id}" tabindex="-1">'
            f'<p class="dmst-branch-label">{label}</p><p>{_e(step.text)}</p>{choices}</div>'
        )
    return "".join(parts)


SAY_TICK = "Which of these did your answer do? Tick each one it did, then compare."


def _say_html(a: Activity) -> str:
    parts = []
    for n, p in enumerate(a.prompts, start=1):
        field = f"{a.dom_id}-{n}"
        models = "".join(f"<li>{_e(m)}</li>" for m in p.model_answers)
        avoid = "".join(f"<li>{_e(m)}</li>" for m in p.avoid)
        avoid_html = f"<p><strong>Try not to:</strong></p><ul>{avoid}</ul>" if avoid else ""
        checklist = ""
        if a.checklist:
            boxes = "".join(
                f'<label class="dmst-say-part"><input type="checkbox" value="{i}" '
                f'name="{field}-parts"> {_e(part)}</label>'
                for i, part in enumerate(a.checklist)
            )
            checklist = (
                f'<fieldset class="dmst-say-checklist" data-parts="{len(a.checklist)}">'
                f"<legend>{_e(SAY_TICK)}</legend>{boxes}</fieldset>"
            )
        parts.append(
            f'<div class="dmst-say-prompt" data-say="{a.id}.{n}">'
            f'<p class="dmst-say-situation">{_e(p.situation)}</p>'
            f'<label for="{field}">What you might say (kept on this page only; nothing is '
            f'saved or sent)</label><textarea id="{field}" rows="3"></textarea>{checklist}'
            f'<p class="dmst-say-result" role="status" aria-live="polite"></p>'
            f'<details class="dmst-reveal"><summary>Compare with model answers</summary>'
            f"<ul>{models}</ul>{avoid_html}</details></div>"
        )
    return "".join(parts)


# --- live widgets --------------------------------------------------------------------------------


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


def _frame(a: Activity, children: list) -> Any:
    import ipywidgets as w

    top = w.HTML(f"{head()}<strong>{_e(a.title)}</strong><p>{_e(a.prompt)}</p>")
    box = w.VBox(
        [top, *children],
        layout=w.Layout(border="1px solid #999", padding="0.5em 1em", margin="1em 0"),
    )
    box.add_class(LIVE_CLASS)
    return box


def _auto() -> Any:
    """A layout that grows with its content (each widget needs its own layout object)."""
    import ipywidgets as w

    return w.Layout(width="auto", height="auto")


class LiveSort:
    def __init__(self, a: Activity) -> None:
        import ipywidgets as w

        self.activity = a
        self.pickers = [
            w.ToggleButtons(
                options=[(label, key) for key, label in a.categories],
                value=None,
                style={"button_width": "auto"},
            )
            for _ in a.items
        ]
        self.feedback = [w.HTML() for _ in a.items]
        rows = []
        for item, picker, fb in zip(a.items, self.pickers, self.feedback, strict=True):
            rows.append(w.VBox([w.HTML(f"<p>{_e(item.text)}</p>"), picker, fb]))
        self.button = w.Button(description="Check my sorting", button_style="primary")
        self.button.on_click(lambda _: self.check())
        self.summary = w.HTML()
        self.box = _frame(a, [*rows, self.button, self.summary])

    def check(self) -> int:
        right = 0
        labels = dict(self.activity.categories)
        for item, picker, fb in zip(self.activity.items, self.pickers, self.feedback, strict=True):
            if picker.value is None:
                fb.value = "<p>Not sorted yet.</p>"
                continue
            ok = picker.value == item.category
            right += ok
            mark = "✓" if ok else f"✗ This one is “{_e(labels[item.category])}”."
            fb.value = f"<p><strong>{mark}</strong> {_e(item.feedback)}</p>"
        debrief = f"<p>{_e(self.activity.debrief)}</p>" if self.activity.debrief else ""
        self.summary.value = f"<p><strong>{right} of {len(self.pickers)} sorted as we would."
        self.summary.value += f"</strong></p>{debrief}"
        return right


class LiveBranching:
    def __init__(self, a: Activity) -> None:
        import ipywidgets as w

        self.activity = a
        self.path: list[str] = []
        self.text = w.HTML()
        self.consequence = w.HTML()
        self.choices = w.VBox()
        self.restart = w.Button(description="Start over")
        self.restart.on_click(lambda _: self.go(a.start))
        self.box = _frame(a, [self.consequence, self.text, self.choices, self.restart])
        self.go(a.start)

    def go(self, step_id: str, consequence: str = "") -> None:
        import ipywidgets as w

        if step_id == self.activity.start and not consequence:
            self.path = []
        self.path.append(step_id)
        step = self.activity.step(step_id)
        self.consequence.value = f"<p><em>{_e(consequence)}</em></p>" if consequence else ""
        self.text.value = f"<p>{_e(step.text)}</p>"
        buttons = []
        for choice in step.choices:
            b = w.Button(description=choice.text, layout=_auto())
            b.on_click(lambda _, c=choice: self.choose(c))
            buttons.append(b)
        self.choices.children = buttons

    def choose(self, choice: Choice) -> None:
        if choice.next is None:
            self.consequence.value = f"<p><em>{_e(choice.feedback)}</em></p>"
            debrief = self.activity.debrief
            self.text.value = f"<p><strong>This path ends here.</strong> {_e(debrief)}</p>"
            self.choices.children = []
        else:
            self.go(choice.next, choice.feedback)


class LiveSay:
    """Write, tick what the answer did (when the activity has a checklist), then compare."""

    def __init__(self, a: Activity, on_ticks=None) -> None:
        import ipywidgets as w

        self.activity = a
        self.on_ticks = save_ticks if on_ticks is None else on_ticks
        rows = []
        self.reveals = []
        self.steps: list[SayStep] = []
        for n, p in enumerate(a.prompts, start=1):
            area = w.Textarea(
                placeholder="What you might say (not saved anywhere)", layout=w.Layout(width="100%")
            )
            reveal = w.HTML()
            button = w.Button(description="Compare with model answers", layout=_auto())
            step = SayStep(self, n, p, button, reveal)
            self.steps.append(step)
            self.reveals.append((button, reveal))
            rows.append(
                w.VBox(
                    [
                        w.HTML(f"<p><strong>{_e(p.situation)}</strong></p>"),
                        area,
                        *step.checklist_widgets(),
                        button,
                        reveal,
                    ]
                )
            )
        self.box = _frame(a, rows)

    @staticmethod
    def show(p: SayPrompt, target: Any, summary: str = "") -> None:
        models = "".join(f"<li>{_e(m)}</li>" for m in p.model_answers)
        avoid = "".join(f"<li>{_e(m)}</li>" for m in p.avoid)
        target.value = (
            (f"<p><strong>{_e(summary)}</strong></p>" if summary else "")
            + f"<p>Model answers:</p><ul>{models}</ul>"
            + (f"<p><strong>Try not to:</strong></p><ul>{avoid}</ul>" if avoid else "")
        )


class SayStep:
    """One situation: write, then (with a checklist) say what was written, then compare."""

    def __init__(self, owner: LiveSay, number: int, p: SayPrompt, button: Any, reveal: Any):
        import ipywidgets as w

        self.owner, self.number, self.prompt = owner, number, p
        self.button, self.reveal = button, reveal
        checklist = owner.activity.checklist
        self.ticks = [
            w.Checkbox(value=False, description=part, indent=False, layout=_auto())
            for part in checklist
        ]
        self.written = w.Button(description="I have written my answer", layout=_auto())
        self.written.on_click(lambda _: self.open_checklist())
        self.checklist = w.VBox(
            [w.HTML(f"<p>{_e(SAY_TICK)}</p>"), *self.ticks], layout=w.Layout(display="none")
        )
        if checklist:
            button.layout.display = "none"
        button.on_click(lambda _: self.compare())
        self.recorded = False

    def checklist_widgets(self) -> list[Any]:
        return [self.written, self.checklist] if self.ticks else []

    def open_checklist(self) -> None:
        self.written.layout.display = "none"
        self.checklist.layout.display = None
        self.button.layout.display = None

    def ticked(self) -> list[int]:
        return [i for i, box in enumerate(self.ticks) if box.value]

    def compare(self) -> None:
        summary = ""
        if self.ticks:
            ticked = self.ticked()
            summary = f"Your answer had {len(ticked)} of the {len(self.ticks)} parts."
            if not self.recorded:  # the first self-check is the one kept
                note = self.owner.on_ticks(
                    self.owner.activity.id, self.number, ticked, len(self.ticks)
                )
                if note:
                    summary += f" {note}"
                self.recorded = True
                for box in self.ticks:
                    box.disabled = True
        LiveSay.show(self.prompt, self.reveal, summary)


def save_ticks(activity_id: str, situation: int, ticked: list[int], parts: int) -> str:
    """Keep a self-check with the learner's results; say so if it could not be saved."""
    import sqlite3

    from dmst import results

    try:
        results.record_self_check(activity_id, situation, ticked, parts)
    except (OSError, sqlite3.Error, ValueError) as exc:
        return f"(Your ticks could not be saved on this computer: {exc}.)"
    return ""
