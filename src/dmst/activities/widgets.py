"""Activities as live ipywidgets in Jupyter: sort and check, choose a path, write then compare.

A "What would you say?" self-check (which parts of the checklist the answer had, never the text
typed) is kept with the learner's other answers (:func:`dmst.results.record_self_check`).
"""

from __future__ import annotations

import html
from typing import Any

from dmst.activities.data import SAY_TICK, Activity, Choice, SayPrompt
from dmst.live import LIVE_CLASS, head


def _e(text: str) -> str:
    return html.escape(text, quote=True)


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
