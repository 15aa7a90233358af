"""A lesson's deck: its slides in teaching order, their figures, and their speaker notes.

A deck, in order: title and content note; objectives and time; for each ``##`` section of the
lesson, a slide with its heading, its key sentence and its first figure, followed, in the order the
lesson has them, by each knowledge check (a question slide, then an answer slide with the teaching
point), each activity, each scenario (the story, then its "For discussion" prompts) and any further
figure; then key points, and the support slide (the resources, as the book's support box lists
them, and where to find the Safety and support page). Speaker notes come from the facilitator
notes, placed as :mod:`dmst.facilitator` explains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from dmst import facilitator
from dmst.lessons import Lesson
from dmst.questions import question
from dmst.slides.figure import Figure, figure_box, figure_html, make_figure
from dmst.slides.markup import _e, md_html, md_inline, plain
from dmst.slides.parts import (
    Slide,
    activity_slide,
    balanced,
    check_slides,
    scenario_slides,
    support_slide,
)
from dmst.slides.source import key_sentence, read_lesson

TITLE_NOTE_WORDS = 120  # a longer content note goes on after the title slide...
CONTENT_NOTE_WORDS = 280  # ...on slides of at most about this many words


@dataclass
class Deck:
    lesson: Lesson
    slides: list[Slide]
    figures: list[Figure]
    warnings: list[str]

    @property
    def name(self) -> str:
        return f"lesson-{self.lesson.id}"


def lesson_title(lesson: Lesson) -> str:
    return f"Lesson {int(lesson.id)}: {lesson.title}"


def build_deck(lesson: Lesson) -> Deck:
    source = read_lesson(lesson)
    slides: list[Slide] = []
    figures: list[Figure] = []
    scenarios: list[str] = []
    outline_sections = []
    checks, activities, diagram_ids = [], [], []

    # The content note on the title slide; a long one goes on over a second slide.
    note: list[str] = []
    for paragraph in re.split(r"\n\s*\n", source.content_note):
        if note and note[-1].endswith(":"):
            note[-1] += "\n\n" + paragraph.strip()  # "It includes:" stays with its list
        elif paragraph.strip():
            note.append(paragraph.strip())
    counts = [len(p.split()) for p in note]
    pieces = [note]
    if sum(counts) > TITLE_NOTE_WORDS + 80:
        # The title slide has the title too: it keeps the opening paragraphs up to
        # TITLE_NOTE_WORDS; the rest follows on slides of similar length.
        first = 1
        while first < len(note) and sum(counts[: first + 1]) <= TITLE_NOTE_WORDS:
            first += 1
        rest, rest_counts = note[first:], counts[first:]
        parts = max(1, min(len(rest), -(-sum(rest_counts) // CONTENT_NOTE_WORDS)))
        bounds = balanced(rest_counts, parts)
        edges = (0, *bounds, len(rest))
        pieces = [note[:first]] + [rest[a:b] for a, b in pairwise(edges)]
    more = " (continued on the next slide)" if len(pieces) > 1 else ""
    slides.append(
        Slide(
            "title",
            "title",
            lesson_title(lesson),
            f'<p class="dmst-eyebrow">Lesson {int(lesson.id)}</p>'
            f'<h1 class="dmst-title">{_e(lesson.title)}</h1>'
            f'<div class="dmst-content-note"><h2>Content note{more}</h2>'
            f"{md_html(chr(10).join(chr(10) + p for p in pieces[0]))}</div>",
            layout="dmst-title-slide",
        )
    )
    for piece in pieces[1:]:
        slides.append(
            Slide(
                "content-note",
                "content-note",
                "Content note (continued)",
                f'<p class="dmst-eyebrow">Lesson {int(lesson.id)}: {_e(lesson.title)}</p>'
                '<div class="dmst-content-note"><h2>Content note (continued)</h2>'
                f"{md_html(chr(10).join(chr(10) + p for p in piece))}</div>",
                layout="dmst-title-slide",
                fallback="The content note, continued. Its read-aloud version is in the notes "
                "of the title slide.",
            )
        )
    objectives = "".join(
        f'<li>{_e(o.text)} <span class="dmst-id">{_e(o.id)}</span></li>' for o in lesson.objectives
    )
    slides.append(
        Slide(
            "objectives",
            "objectives",
            "Objectives and time",
            "<h2>By the end of this lesson you will be able to</h2>"
            f'<ul class="dmst-objectives">{objectives}</ul>'
            f'<p class="dmst-time"><strong>Time:</strong> about {lesson.minutes} minutes '
            f"({lesson.teach_minutes} reading or teaching, {lesson.activity_minutes} activities)"
            "</p>",
        )
    )

    for s, section in enumerate(source.sections):
        heading = md_inline(section.heading)
        sentence = key_sentence(source, section)
        first_figure: Figure | None = None
        later: list[Slide] = []
        section_checks = []
        # A figure shows on the section's slide only when prose alone comes before it; after a
        # check, activity, scenario, panel or ### part it has its own slide where it stands, so
        # a check that asks for a guess is not answered by the figure above it.
        interactive_before = False
        for item in section.items:
            if item.kind == "figure":
                figure = make_figure(item)
                figures.append(figure)
                if item.ref == "diagram":
                    diagram_ids.append(figure.id)
                if first_figure is None and not interactive_before and not figure.panel:
                    first_figure = figure
                    continue
                interactive_before = interactive_before or bool(figure.panel)
                later.append(
                    Slide(
                        "figure",
                        f"figure:{figure.id}",
                        plain(section.heading),
                        f'<h2 class="dmst-small-heading">{heading}</h2>'
                        + figure_html(lesson, figure, alone=True),
                        ref=figure.id,
                        layout="dmst-figure-slide",
                        notes_tail=[figure.notes],
                    )
                )
            elif item.kind == "heading":
                interactive_before = True  # a ### part's figure stays with its part
            elif item.kind == "check":
                interactive_before = True
                checks.append(item.ref)
                section_checks.append(item.ref)
                later += check_slides(question(item.ref), lesson)
            elif item.kind == "activity":
                interactive_before = True
                activities.append(item.ref)
                later.append(activity_slide(item.ref))
            elif item.kind == "admonition" and item.cls == "dmst-scenario":
                interactive_before = True
                later += scenario_slides(item, len(scenarios))
                scenarios.append(facilitator.strip_scenario(item.title))
        body = f"<h2>{heading}</h2>"
        text = f'<p class="dmst-key-sentence">{md_inline(sentence)}</p>' if sentence else ""
        slide = Slide("section", f"section:{s}", plain(section.heading), body, ref=section.heading)
        if first_figure is None:
            slide.body += text
        else:
            where = figure_box(first_figure)[2]
            shown = figure_html(lesson, first_figure)
            if where == "beside":
                slide.body += f'<div class="dmst-beside"><div>{text}</div>{shown}</div>'
            else:
                slide.body += text + shown
            slide.layout = f"dmst-has-figure dmst-figure-{where}"
            slide.extra_keys.append(f"figure:{first_figure.id}")
            slide.notes_tail.append(first_figure.notes)
        slides.append(slide)
        slides += later
        outline_sections.append(
            facilitator.OutlineSection(
                section.heading, tuple(section.subheadings), tuple(section_checks)
            )
        )

    points = md_html(source.key_points)
    slides.append(Slide("key-points", "key-points", "Key points", f"<h2>Key points</h2>{points}"))
    slides.append(support_slide())

    outline = facilitator.Outline(
        tuple(outline_sections), tuple(scenarios), tuple(checks), tuple(activities),
        tuple(diagram_ids),
    )  # fmt: skip
    notes = facilitator.read_notes(facilitator.notes_path(lesson.id))
    placed = facilitator.place(notes, outline)
    warnings = list(placed.warnings)
    if not notes.parts:
        warnings.append(f"{notes.path.name}: no facilitator notes found")
    for slide in slides:
        found = [n for key in (slide.key, *slide.extra_keys) for n in placed.notes.get(key, [])]
        if not found and slide.fallback:
            found = [slide.fallback]
        slide.notes += found + slide.notes_tail
    return Deck(lesson, slides, figures, warnings)
