"""The slides for each part of a lesson: a knowledge check's question and answer, an activity, a
scenario's story and discussion, and the support list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from dmst import facilitator
from dmst.activities import KIND_NAMES as ACTIVITY_KINDS
from dmst.activities import all_activities
from dmst.kinds import KIND_NAMES
from dmst.lessons import Lesson, curriculum
from dmst.questions import Option, Question
from dmst.resources import SCOPE_HEADINGS, SCOPES, SUPPORT_LEAD, load_resources
from dmst.slides.markup import _e, md_html, md_inline
from dmst.slides.source import Item

# The slide, in CSS pixels: 16:9, the size of a widescreen presentation page (13.33 x 7.5 in).
WIDTH, HEIGHT = 1280, 720
STORY_WORDS = 170  # a scenario's story runs over several slides beyond this many words


@dataclass
class Slide:
    kind: str  # title, objectives, section, figure, question, answer, activity, scenario,
    # discussion, key-points, support
    key: str  # where its speaker notes come from (see dmst.facilitator)
    title: str  # plain text
    body: str  # HTML inside the slide
    notes: list[str] = field(default_factory=list)  # Markdown
    ref: str = ""  # the section heading, check id, scenario title...
    layout: str = ""  # an extra CSS class
    extra_keys: list[str] = field(default_factory=list)  # more notes: a figure shown on it
    notes_tail: list[str] = field(default_factory=list)  # after the facilitator notes
    fallback: str = ""  # speaker notes when the facilitator notes have none for it


def displayed_options(q: Question) -> tuple[Option, ...]:
    """The options of a check in the order learners see them, the order every slide uses.

    The banks keep options in display order (dmst.layout); letters (A, B, C) follow it, never
    the keys.
    """
    return q.options


def check_slides(q: Question, lesson: Lesson) -> list[Slide]:
    kind = KIND_NAMES[q.kind]
    eyebrow = f'<p class="dmst-eyebrow">Knowledge check {_e(q.id)} · {_e(kind)}</p>'
    if q.kind == "myth_fact":
        prompt = (
            f'<h2 class="dmst-prompt dmst-claim">“{md_inline(q.prompt)}”</h2>'
            '<p class="dmst-prompt-sub">Is this a myth or a fact?</p>'
        )
    else:
        prompt = f'<h2 class="dmst-prompt">{md_inline(q.prompt)}</h2>'
    shown = displayed_options(q)
    letters = {o.key: chr(ord("A") + i) for i, o in enumerate(shown)}
    if q.kind == "numeric":
        choices = f'<p class="dmst-estimate">Your estimate ({_e(q.unit)}): ______</p>'
    else:
        choices = '<ol class="dmst-options">' + "".join(
            f'<li><span class="dmst-letter">{letters[o.key]}</span>'
            f'<span class="dmst-option-text">{_e(o.text)}</span></li>'
            for o in shown
        ) + "</ol>"  # fmt: skip
    objective = curriculum().objectives[q.objective]
    ask = Slide(
        "question",
        f"question:{q.id}",
        f"Knowledge check {q.id}",
        eyebrow + prompt + choices,
        notes=[
            f"**Check {q.id}** ({kind}) tests objective {objective.id}: {objective.text} "
            "The answer and the teaching point are on the next slide."
        ],
        ref=q.id,
        layout="dmst-question-slide",
    )
    if q.kind == "numeric":
        assert q.number is not None and q.number_source is not None
        answer = (
            '<p class="dmst-answer-label">The evidence</p>'
            f'<p class="dmst-answer">{_e(q.number_source.cite(q.number.key))}</p>'
        )
    else:
        right = [o for o in shown if o.correct]
        label = "The answers" if len(right) > 1 else "The answer"
        answer = (
            f'<p class="dmst-answer-label">{label}</p><ul class="dmst-answers">'
            + "".join(
                f'<li><span class="dmst-letter">{letters[o.key]}</span>'
                f'<span class="dmst-option-text">{_e(o.text)}</span></li>'
                for o in right
            )
            + "</ul>"
        )
    reveal = Slide(
        "answer",
        f"answer:{q.id}",
        f"Answer to check {q.id}",
        f'<p class="dmst-eyebrow">Knowledge check {_e(q.id)} · the answer</p>{answer}'
        f'<div class="dmst-teaching-point"><p class="dmst-answer-label">Why</p>'
        f"<p>{md_inline(q.explanation)}</p></div>",
        ref=q.id,
        layout="dmst-answer-slide",
    )
    reveal.fallback = (
        f"**Why this check** (from the question bank): {q.rationale}"
        if q.rationale
        else f"The facilitator notes and the question bank say nothing more about check {q.id}."
    )
    return [ask, reveal]


def activity_slide(activity_id: str) -> Slide:
    a = all_activities()[activity_id]
    kind = ACTIVITY_KINDS[a.kind]
    extra = ""
    if a.kind == "sort":
        extra = '<p class="dmst-small">Sort into: ' + " · ".join(
            f"<strong>{_e(label)}</strong>" for _, label in a.categories
        ) + "</p>"  # fmt: skip
    return Slide(
        "activity",
        f"activity:{a.id}",
        a.title,
        f'<p class="dmst-eyebrow">{_e(kind)} · {_e(a.id)}</p><h2>{_e(a.title)}</h2>'
        f'<p class="dmst-key-sentence">{md_inline(a.prompt)}</p>{extra}',
        ref=a.id,
    )


def scenario_parts(text: str) -> tuple[list[str], list[str], str]:
    """(story paragraphs, the lesson's reading of it, the "For discussion" list)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    story, reading, discussion = [], [], ""
    in_reading = False
    for i, p in enumerate(paragraphs):
        if re.match(r"^\*\*For discussion\*\*\s*$", p):
            discussion = "\n\n".join(paragraphs[i + 1 :])
            break
        if p.startswith("**"):
            in_reading = True
        (reading if in_reading else story).append(p)
    return story, reading, discussion


def balanced(counts: list[int], parts: int) -> tuple[int, ...]:
    """Where to cut paragraph lengths into ``parts`` runs, the longest run as short as can be."""
    best: tuple[int, tuple[int, ...]] | None = None
    for cuts in combinations(range(1, len(counts)), parts - 1):
        edges = (0, *cuts, len(counts))
        longest = max(sum(counts[a:b]) for a, b in pairwise(edges))
        if best is None or longest < best[0]:
            best = (longest, cuts)
    return best[1] if best else ()


def scenario_slides(item: Item, n: int) -> list[Slide]:
    title = facilitator.strip_scenario(item.title)
    title = title[:1].upper() + title[1:]  # "the news story" heads a slide as "The news story"
    story, reading, discussion = scenario_parts(item.text)
    for i in range(len(story) - 2, -1, -1):
        if story[i].endswith(":"):  # "Sam does small things:" stays with its list
            story[i : i + 2] = [story[i] + "\n\n" + story[i + 1]]
    # A long story runs over as few slides as STORY_WORDS allows, in pages of similar length,
    # breaking only between paragraphs.
    counts = [len(p.split()) for p in story]
    bounds = balanced(counts, max(1, min(len(story), -(-sum(counts) // STORY_WORDS))))
    pages = [story[a:b] for a, b in zip((0, *bounds), (*bounds, len(story)), strict=True)]
    slides = []
    for i, page in enumerate(pages):
        more = f" ({i + 1} of {len(pages)})" if len(pages) > 1 else ""
        slides.append(
            Slide(
                "scenario",
                f"scenario:{n}" if i == 0 else f"scenario-more:{n}",
                f"Scenario: {title}{more}",
                f'<p class="dmst-eyebrow">Scenario{_e(more)} · a fictional composite</p>'
                f"<h2>{md_inline(title)}</h2>"
                f'<div class="dmst-story">{md_html(chr(10).join(chr(10) + p for p in page))}</div>',
                ref=title,
                layout="dmst-scenario-slide",
                fallback=(
                    f"The story, part {i + 1} of {len(pages)}. The facilitator notes for this "
                    "scenario are on its first slide and its discussion slide."
                ),
            )
        )
    if reading:
        slides[0].notes_tail = [
            "**In the lesson, after the story** (the lesson's own reading of it):\n\n"
            + "\n\n".join(reading)
        ]
    if discussion:
        slides.append(
            Slide(
                "discussion",
                f"discussion:{n}",
                f"For discussion: {title}",
                f'<p class="dmst-eyebrow">Scenario · {md_inline(title)}</p>'
                f'<h2>For discussion</h2><div class="dmst-discussion">{md_html(discussion)}</div>',
                ref=title,
                layout="dmst-discussion-slide",
            )
        )
    return slides


def support_slide() -> Slide:
    groups = []
    for scope in SCOPES:
        items = [r for r in load_resources() if r.scope == scope]
        if not items:
            continue
        rows = []
        for r in items:
            contacts = " · ".join(
                f"{_e(c.label)} <strong>{_e(c.value)}</strong>" for c in r.contacts
            )
            hours = f" · {_e(r.hours)}" if r.hours else ""
            reported = (
                ' <span class="dmst-reported">(reported; confirm before relying on it)</span>'
                if r.status == "reported"
                else ""
            )
            rows.append(
                f'<li><span class="dmst-resource-name">{_e(r.name)}</span>{reported}'
                f'<span class="dmst-contacts">{contacts}{hours}</span>'
                f'<span class="dmst-purpose">{_e(r.purpose)}</span></li>'
            )
        groups.append(
            f'<h3>{_e(SCOPE_HEADINGS[scope])}</h3><ul class="dmst-resources">{"".join(rows)}</ul>'
        )
    return Slide(
        "support",
        "support",
        "Support",
        f'<h2>Support</h2><p class="dmst-support-lead">{_e(SUPPORT_LEAD)}</p>'
        f'<div class="dmst-resource-groups">{"".join(groups)}</div>'
        '<p class="dmst-safety-page">In the course book, the <a href="../html/book/safety.html">'
        "Safety and support</a> page lists these services and explains what Quick exit does "
        "and does not do.</p>",
        layout="dmst-support-slide",
    )
