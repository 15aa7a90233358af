"""Activities as static HTML: forms that work without JavaScript in the book (a ``<details>``
reveal), enhanced by ``dmst/sphinx/static/dmst.js``."""

from __future__ import annotations

import html

from dmst.activities.data import KIND_NAMES, SAY_TICK, Activity


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def static_html(a: Activity) -> str:
    body = {"sort": _sort_html, "branching": _branching_html, "say": _say_html}[a.kind](a)
    debrief = f'<p class="dmst-activity-debrief">{_e(a.debrief)}</p>' if a.debrief else ""
    kind = KIND_NAMES[a.kind]
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
