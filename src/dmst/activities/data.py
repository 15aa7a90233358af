"""Activities as data: loaded from ``data/activities/*.yml`` and checked field by field.

Sort items and branching choices are kept in a display order seeded by the activity's id
(:mod:`dmst.layout`), so the best choice is not always first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.errors import DataError
from dmst.layout import shuffled

ACTIVITIES_DIR = DATA / "activities"
KINDS = ("sort", "branching", "say")
# What each kind is called where a learner or an instructor sees it.
KIND_NAMES = {
    "sort": "Sorting activity",
    "branching": "Scenario: you choose",
    "say": "What would you say?",
}
ACTIVITY_ID = re.compile(r"^\d{2}\.[a-z][a-z0-9-]*$")
# "What would you say?": what the learner is asked before seeing the model answers.
SAY_TICK = "Which of these did your answer do? Tick each one it did, then compare."


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
        e.unique(aid, seen, "activity")
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
