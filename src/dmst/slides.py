"""Slides for the room: a 16:9 deck per lesson, built from the same sources as the book.

``make slides`` (or ``dmst slides``) reads, at build time, each lesson's notebook (sections, key
sentences, figures, checks, activities, scenarios, key points, content note), the lesson map
(objectives, time), the question banks, the resources file, ``_config.yml`` (the quick-exit
target) and the facilitator notes (speaker notes, placed as :mod:`dmst.facilitator` explains).
Nothing is copied: edit a source and rebuild.

It writes an offline HTML deck per lesson (reveal.js, vendored in ``vendor/reveal.js``; speaker
view with the S key) into ``_build/slides/``, and prints each deck to a 16:9 PDF, one page per
slide, with headless Chromium into ``slides/``.

A deck, in order: title and content note; objectives and time; for each ``##`` section of the
lesson, a slide with its heading, its key sentence and its first figure, followed, in the order the
lesson has them, by each knowledge check (a question slide, then an answer slide with the teaching
point), each activity, each scenario (the story, then its "For discussion" prompts) and any further
figure; then key points, and the support slide (the resources, as the book's support box lists
them, and where to find the Safety and support page).

The key sentence of a section is its first sentence, unless a Markdown cell of the section marks
another in its metadata: ``"dmst": {"key_sentence": "<the sentence's first words>"}``.
"""

from __future__ import annotations

import ast
import html
import json
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from markdown_it import MarkdownIt

from dmst import facilitator
from dmst.errors import DataError
from dmst.ledger import cite
from dmst.lessons import Lesson, curriculum
from dmst.questions import KIND_NAMES, Option, Question, question
from dmst.resources import SCOPE_HEADINGS, SCOPES, SUPPORT_LEAD, load_resources

ROOT = Path(__file__).resolve().parents[2]
OUT_HTML = ROOT / "_build" / "slides"
OUT_PDF = ROOT / "slides"
VENDOR = ROOT / "vendor" / "reveal.js"
ASSETS = Path(__file__).parent / "data" / "slides"
CONFIG = ROOT / "_config.yml"
# The slide, in CSS pixels: 16:9, the size of a widescreen presentation page (13.33 x 7.5 in).
WIDTH, HEIGHT = 1280, 720
# Sections that are not taught from a slide: the sources list, and the support box (its own slide).
SKIPPED_SECTIONS = ("Where this comes from", "Support")
TITLE_NOTE_WORDS = 120  # a longer content note goes on after the title slide...
CONTENT_NOTE_WORDS = 280  # ...on slides of at most about this many words
STORY_WORDS = 170  # a scenario's story runs over several slides beyond this many words
FIGURE_DPI = 200  # figures drawn sharper than the book's, for a projector


# --- the order learners see options in ----------------------------------------------------------


def displayed_options(q: Question) -> tuple[Option, ...]:
    """The options of a check in the order learners see them, the order every slide uses.

    The banks keep options in display order (dmst.layout); letters (A, B, C) follow it, never
    the keys.
    """
    return q.options


# --- MyST Markdown to HTML ------------------------------------------------------------------------

_MD = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
_ROLE = re.compile(r"\{([a-z:]+)\}`([^`]*)`")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\([^)\s]+\)")


def plain_myst(text: str) -> str:
    """MyST Markdown to CommonMark: roles become their text (a {stat} its cited figure, a citation
    nothing), links their text, admonition fences a bold title, and labels vanish."""

    def role(match: re.Match[str]) -> str:
        name, body = match.groups()
        if name == "stat":
            return cite(body.strip())
        if name.startswith("cite"):
            return ""
        return re.sub(r"\s*<[^>]*>\s*$", "", body)

    text = _ROLE.sub(role, text)
    text = _LINK.sub(r"\1", text)
    lines = []
    for line in text.splitlines():
        opening = re.match(r"^:{3,}\{[a-z-]+\}\s*(.*)$", line)
        if opening:
            lines.append(f"**{opening.group(1).strip()}.**" if opening.group(1).strip() else "")
            continue
        if re.match(r"^:{3,}\s*$", line) or re.match(r"^:class:", line):
            continue
        if re.match(r"^\([A-Za-z0-9_-]+\)=\s*$", line):
            continue
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r" +([,.;:)])", r"\1", text)


def md_html(text: str) -> str:
    """Blocks of MyST Markdown as HTML."""
    return _MD.render(plain_myst(text)).strip()


def md_inline(text: str) -> str:
    """One paragraph of MyST Markdown as inline HTML (no <p>)."""
    return _MD.renderInline(" ".join(plain_myst(text).split()))


def plain(text: str) -> str:
    """Text only: for slide titles in reports and tests."""
    return html.unescape(re.sub(r"<[^>]+>", "", md_inline(text)))


# --- reading a lesson notebook --------------------------------------------------------------------


@dataclass
class Item:
    """One thing in a lesson, in order: prose, a heading, an admonition, or a call in code."""

    kind: str  # "heading" | "prose" | "admonition" | "check" | "activity" | "figure"
    text: str = ""
    level: int = 0  # heading level
    title: str = ""  # admonition title
    cls: str = ""  # admonition class
    ref: str = ""  # check or activity id; figure function name
    args: tuple = ()  # figure function arguments
    marker: str = ""  # prose: the cell's key-sentence marker


def read_items(path: Path) -> list[Item]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    items: list[Item] = []
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            marker = ((cell.get("metadata") or {}).get("dmst") or {}).get("key_sentence", "")
            items += _markdown_items(source, marker)
        elif cell["cell_type"] == "code":
            items += _code_items(source)
    return items


def _markdown_items(source: str, marker: str) -> list[Item]:
    items: list[Item] = []
    prose: list[str] = []
    fence: str | None = None
    admonition: Item | None = None
    body: list[str] = []

    def flush() -> None:
        text = "\n".join(prose).strip()
        if text:
            items.append(Item("prose", text, marker=marker))
        prose.clear()

    for line in source.splitlines():
        if admonition is not None:
            if fence is not None and re.fullmatch(rf"{fence}\s*", line):
                admonition.text = "\n".join(body).strip()
                items.append(admonition)
                admonition, fence = None, None
            elif line.startswith(":class:") and not body:
                admonition.cls = line.split(":", 2)[2].strip()
            else:
                body.append(line)
            continue
        opening = re.match(r"^(:{3,})\{admonition\}\s*(.*)$", line)
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if opening:
            flush()
            fence, admonition, body = (
                opening.group(1),
                Item("admonition", title=opening.group(2)),
                [],
            )
        elif heading:
            flush()
            items.append(Item("heading", heading.group(2).strip(), level=len(heading.group(1))))
        else:
            prose.append(line)
    flush()
    return items


def _code_items(source: str) -> list[Item]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    items = []
    for node in tree.body:
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
            continue
        call = node.value
        try:
            args = tuple(ast.literal_eval(a) for a in call.args)
        except ValueError:
            continue
        func = call.func
        if isinstance(func, ast.Name) and func.id in ("check", "activity") and args:
            items.append(Item(func.id, ref=str(args[0])))
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "figures"
        ):
            items.append(Item("figure", ref=func.attr, args=args))
    return items


@dataclass
class Section:
    heading: str
    items: list[Item] = field(default_factory=list)

    @property
    def subheadings(self) -> list[str]:
        return [i.text for i in self.items if i.kind == "heading"]


@dataclass
class LessonSource:
    lesson: Lesson
    path: Path
    content_note: str
    key_points: str
    sections: list[Section]


def read_lesson(lesson: Lesson) -> LessonSource:
    path = ROOT / lesson.notebook
    items = read_items(path)
    content_note = key_points = ""
    sections: list[Section] = []
    current: Section | None = None
    for item in items:
        if item.kind == "admonition" and item.cls == "dmst-content-note":
            content_note = item.text
        elif item.kind == "admonition" and item.cls == "dmst-key-points":
            key_points = item.text
        elif item.kind == "heading" and item.level == 2:
            current = Section(item.text)
            sections.append(current)
        elif current is not None:
            current.items.append(item)  # ### headings included: they name the section too
    for name, text in (("Content note", content_note), ("Key points", key_points)):
        if not text:
            raise DataError(path, f"has no {name} admonition", field=name)
    taught = [s for s in sections if s.heading not in SKIPPED_SECTIONS]
    return LessonSource(lesson, path, content_note, key_points, taught)


# --- the key sentence of a section ------------------------------------------------------------

_ABBREVIATIONS = ("Mr", "Ms", "Mrs", "Dr", "St", "vs", "e.g", "i.e", "U.S", "U.S.C", "No", "Jr")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph of MyST Markdown into sentences (not after "Mr." or "U.S.")."""
    text = " ".join(paragraph.split())
    found, start = [], 0
    for match in re.finditer('[.!?]["\u201d\u2019)*]*\\s+(?=[A-Z"\u201c({*\\[])', text):
        before = text[start : match.start()]
        word = re.search(r"([A-Za-z.]+)$", before)
        if word and word.group(1).rstrip(".") in _ABBREVIATIONS:
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    found.append(text[start:].strip())
    return [s for s in found if s]


def _paragraphs(section: Section) -> list[tuple[str, Item]]:
    result = []
    for item in section.items:
        if item.kind != "prose":
            continue
        for paragraph in re.split(r"\n\s*\n", item.text):
            result.append((paragraph.strip(), item))
    return result


def key_sentence(source: LessonSource, section: Section) -> str:
    """The section's marked sentence, else the first sentence of its first paragraph of prose."""
    paragraphs = _paragraphs(section)
    for _, item in paragraphs:
        if item.marker:
            wanted = " ".join(item.marker.split())
            for paragraph, _ in paragraphs:
                for sentence in sentences(paragraph):
                    if sentence.startswith(wanted):
                        return sentence
            raise DataError(
                source.path,
                f"no sentence starts with {wanted!r}",
                f"section {section.heading!r}",
                "metadata dmst.key_sentence",
            )
    texts = [p for p, _ in paragraphs if p]
    for i, paragraph in enumerate(texts):
        if _is_list(paragraph):
            continue
        split = sentences(paragraph)
        first = split[0]
        if re.fullmatch(r"\*\*[^*]+\*\*", first) and len(split) > 1:
            first += " " + split[1]  # a bold lead ("**Fear and shame.**") and what it says
        following = texts[i + 1] if i + 1 < len(texts) else ""
        ends = re.search(r"[.!?][\"\u201d\u2019)*]*$", first)
        if not ends and len(split) == 1 and _is_list(following):
            # "…: those who are" and a list: the sentence runs on through the list's items.
            first = _run_on(first, following)
        return first
    if texts:
        return re.sub(r"^([-*+]|\d+\.)\s+", "", sentences(texts[0])[0])
    return ""


def _is_list(paragraph: str) -> bool:
    return bool(re.match(r"^([-*+]|\d+\.)\s", paragraph))


def _run_on(sentence: str, listing: str) -> str:
    """A sentence that ends by introducing a list, with the list's items written into it."""
    items = [
        " ".join(i.split())
        for i in re.split(r"\n(?:[-*+]|\d+\.)\s+", "\n" + listing.strip())
        if i.strip()
    ]
    if all(re.search(r"[;,.]$", i) for i in items[:-1]):
        joined = " ".join(items)
    else:
        joined = "; ".join(i.rstrip(";,.") for i in items) + "."
    return f"{sentence.rstrip()} {joined}"


# --- figures --------------------------------------------------------------------------------


@dataclass
class Figure:
    id: str  # the image's file stem; for a diagram, the diagram id
    alt: str = ""
    title: str = ""
    png: bytes = b""
    width: int = 0
    height: int = 0
    panel: str = ""  # a panel without an image (a statistic with no data behind it), as HTML
    notes: str = ""  # for the speaker: the figure in words

    def __post_init__(self) -> None:
        if self.alt and not self.notes:
            self.notes = f"**The figure in words** (its alt text, to say aloud): {self.alt}"


@contextmanager
def _sharp(dpi: int) -> Iterator[None]:
    """Draw figures at a projector's resolution; the book's own figures are unchanged."""
    from dmst import figstyle

    saved = figstyle.STYLE
    figstyle.STYLE = {**saved, "savefig.dpi": dpi}
    try:
        yield
    finally:
        figstyle.STYLE = saved


def make_figure(item: Item) -> Figure:
    from dmst import figures

    function = getattr(figures, item.ref, None)
    if function is None:
        raise DataError(item.ref, "is not a figure function in dmst.figures")
    with _sharp(FIGURE_DPI):
        made = function(*item.args)
    if isinstance(made, figures.NoDataPanel):
        e = made.entry
        panel = (
            f'<p class="dmst-no-data-label">{html.escape(made.label)}</p>'
            f"<blockquote>“{html.escape(e.page_says)}”</blockquote>"
            f"<p><strong>Say instead:</strong> {html.escape(e.teach)}</p>"
            f'<p class="dmst-small">Grade {html.escape(e.grade)}. Source status: '
            f"{html.escape(e.status)}.</p>"
        )
        found = f"**What was found** (statistics ledger): {e.traced_to}"
        return Figure(f"no-data-{e.id}", title=made.label, panel=panel, notes=found)
    chart = getattr(made, "static", made)
    width, height = _png_size(chart.png)
    name = chart.id.removeprefix("diagram-")
    return Figure(name, chart.alt, chart.title, chart.png, width, height)


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


# --- slides -----------------------------------------------------------------------------------


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


@dataclass
class Deck:
    lesson: Lesson
    slides: list[Slide]
    figures: list[Figure]
    warnings: list[str]

    @property
    def name(self) -> str:
        return f"lesson-{self.lesson.id}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


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
        bounds = _balanced(rest_counts, parts)
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
                        + _figure_html(lesson, figure, alone=True),
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
                later += _check_slides(question(item.ref), lesson)
            elif item.kind == "activity":
                interactive_before = True
                activities.append(item.ref)
                later.append(_activity_slide(item.ref))
            elif item.kind == "admonition" and item.cls == "dmst-scenario":
                interactive_before = True
                later += _scenario_slides(item, len(scenarios))
                scenarios.append(facilitator.strip_scenario(item.title))
        body = f"<h2>{heading}</h2>"
        text = f'<p class="dmst-key-sentence">{md_inline(sentence)}</p>' if sentence else ""
        slide = Slide("section", f"section:{s}", plain(section.heading), body, ref=section.heading)
        if first_figure is None:
            slide.body += text
        else:
            where = figure_box(first_figure)[2]
            figure_html = _figure_html(lesson, first_figure)
            if where == "beside":
                slide.body += f'<div class="dmst-beside"><div>{text}</div>{figure_html}</div>'
            else:
                slide.body += text + figure_html
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
    slides.append(_support_slide())

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


# Figure boxes, in slide pixels. Beside the text: as tall as the slide allows; a wide figure
# (more than WIDE times as wide as tall) goes under the text instead, as wide as the slide.
WIDE = 1.9
BESIDE_HEIGHT, BESIDE_MAX_WIDTH = 520, 800
UNDER_WIDTH, UNDER_MAX_HEIGHT = 1152, 430
ALONE_HEIGHT, ALONE_WIDTH = 560, 1152


def figure_box(figure: Figure, alone: bool = False) -> tuple[int, int, str]:
    """(width, height, layout) of a figure on its slide: "beside" or "under" the text."""
    aspect = figure.width / figure.height
    if alone:
        height = min(ALONE_HEIGHT, ALONE_WIDTH / aspect)
        return round(height * aspect), round(height), "alone"
    if aspect > WIDE:
        height = min(UNDER_MAX_HEIGHT, UNDER_WIDTH / aspect)
        return round(height * aspect), round(height), "under"
    height = min(BESIDE_HEIGHT, BESIDE_MAX_WIDTH / aspect)
    return round(height * aspect), round(height), "beside"


def _figure_html(lesson: Lesson, figure: Figure, alone: bool = False) -> str:
    if figure.panel:
        return f'<div class="dmst-panel">{figure.panel}</div>'
    src = f"lesson-{lesson.id}/{figure.id}.png"
    width, height, _ = figure_box(figure, alone)
    return (
        f'<figure class="dmst-figure"><img src="{_e(src)}" alt="{_e(figure.alt)}" '
        f'width="{width}" height="{height}"></figure>'
    )


def _check_slides(q: Question, lesson: Lesson) -> list[Slide]:
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


def _activity_slide(activity_id: str) -> Slide:
    from dmst.activities import all_activities

    a = all_activities()[activity_id]
    kind = {"sort": "Sorting activity", "branching": "Scenario: you choose",
            "say": "What would you say?"}[a.kind]  # fmt: skip
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


def _scenario_parts(text: str) -> tuple[list[str], list[str], str]:
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


def _balanced(counts: list[int], parts: int) -> tuple[int, ...]:
    """Where to cut paragraph lengths into ``parts`` runs, the longest run as short as can be."""
    from itertools import combinations

    best: tuple[int, tuple[int, ...]] | None = None
    for cuts in combinations(range(1, len(counts)), parts - 1):
        edges = (0, *cuts, len(counts))
        longest = max(sum(counts[a:b]) for a, b in pairwise(edges))
        if best is None or longest < best[0]:
            best = (longest, cuts)
    return best[1] if best else ()


def _scenario_slides(item: Item, n: int) -> list[Slide]:
    title = facilitator.strip_scenario(item.title)
    title = title[:1].upper() + title[1:]  # "the news story" heads a slide as "The news story"
    story, reading, discussion = _scenario_parts(item.text)
    for i in range(len(story) - 2, -1, -1):
        if story[i].endswith(":"):  # "Sam does small things:" stays with its list
            story[i : i + 2] = [story[i] + "\n\n" + story[i + 1]]
    # A long story runs over as few slides as STORY_WORDS allows, in pages of similar length,
    # breaking only between paragraphs.
    counts = [len(p.split()) for p in story]
    bounds = _balanced(counts, max(1, min(len(story), -(-sum(counts) // STORY_WORDS))))
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


def _support_slide() -> Slide:
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


# --- writing the decks ------------------------------------------------------------------------

VENDORED = {  # what the decks load from vendor/reveal.js, by name in assets/
    "reveal.js": "dist/reveal.js",
    "reveal.css": "dist/reveal.css",
    "reset.css": "dist/reset.css",
    "notes.js": "dist/plugin/notes.js",
}


def quick_exit_url(config: Path = CONFIG) -> str:
    """The book's quick-exit target (``sphinx: config: dmst_quick_exit_url`` in _config.yml)."""
    from dmst.datafile import load_yaml

    data = load_yaml(config) or {}
    url = ((data.get("sphinx") or {}).get("config") or {}).get(
        "dmst_quick_exit_url", "https://www.weather.gov/"
    )
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise DataError(config, "must be a full https:// address", "sphinx.config",
                        "dmst_quick_exit_url")  # fmt: skip
    return url


def notes_html(slide: Slide) -> str:
    return "".join(md_html(n) for n in slide.notes)


def deck_html(deck: Deck, exit_url: str, fits: list[float] | None = None) -> str:
    total = len(deck.slides)
    title = lesson_title(deck.lesson)
    sections = []
    for n, slide in enumerate(deck.slides):
        fit = fits[n] if fits else 1.0
        style = f' style="--fit: {fit:g}"' if fit != 1.0 else ""
        sections.append(
            f'<section id="slide-{n + 1}" data-kind="{slide.kind}" data-ref="{_e(slide.ref)}"'
            f"{style}>"
            f'<div class="dmst-slide {slide.layout}">{slide.body}</div>'
            f'<footer class="dmst-footer"><span>{_e(title)}</span>'
            f"<span>{n + 1} / {total}</span></footer>"
            f'<aside class="notes">{notes_html(slide)}</aside></section>'
        )
    config = json.dumps({"width": WIDTH, "height": HEIGHT})
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_e(title)}: slides</title>"
        '<link rel="stylesheet" href="assets/reset.css">'
        '<link rel="stylesheet" href="assets/reveal.css">'
        '<link rel="stylesheet" href="assets/deck.css"></head><body>'
        f"{quick_exit_html(exit_url)}"
        f'<div class="reveal"><div class="slides">{"".join(sections)}</div></div>'
        f'<script type="application/json" id="dmst-deck-config">{config}</script>'
        '<script src="assets/quick-exit.js"></script>'
        '<script src="assets/reveal.js"></script><script src="assets/notes.js"></script>'
        '<script src="assets/deck.js"></script></body></html>\n'
    )


def quick_exit_html(url: str) -> str:
    return (
        '<nav aria-label="Quick exit">'
        f'<a class="dmst-quick-exit" href="{_e(url)}" rel="noreferrer" '
        'title="Leaves at once (Escape twice does the same)">Quick exit</a></nav>'
    )


def index_html(exit_url: str) -> str:
    items = "".join(
        f'<li><a href="lesson-{lesson.id}.html">{_e(lesson_title(lesson))}</a></li>'
        for lesson in curriculum().lessons
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="referrer" content="no-referrer"><title>Slides</title>'
        '<link rel="stylesheet" href="assets/deck.css"></head><body class="dmst-index">'
        f"{quick_exit_html(exit_url)}"
        f"<h1>Slides for the room</h1><ul>{items}</ul><p>Press S in a deck for the speaker view "
        "(its notes come from the facilitator notes), O for the overview, F for full screen. "
        'Escape pressed twice is quick exit.</p><script src="assets/quick-exit.js"></script>'
        "</body></html>\n"
    )


def write_assets(out: Path) -> None:
    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for name, relative in VENDORED.items():
        source = VENDOR / relative
        if not source.exists():
            raise DataError(source, "is missing: run `make vendor-reveal` to restore it")
        shutil.copyfile(source, assets / name)
    shutil.copyfile(VENDOR / "LICENSE", assets / "reveal.js-LICENSE.txt")
    for name in ("deck.css", "deck.js", "quick-exit.js"):
        shutil.copyfile(ASSETS / name, assets / name)


def write_deck(deck: Deck, out: Path, exit_url: str, fits: list[float] | None = None) -> Path:
    folder = out / deck.name
    folder.mkdir(parents=True, exist_ok=True)
    for figure in deck.figures:
        if figure.png:
            (folder / f"{figure.id}.png").write_bytes(figure.png)
    path = out / f"{deck.name}.html"
    path.write_text(deck_html(deck, exit_url, fits), encoding="utf-8")
    return path


# --- fitting text, and printing, in Chromium -------------------------------------------------

MIN_FIT = 0.7  # text never shrinks below 70% of its size

# For each slide: show it, then shrink its text in small steps until nothing overflows.
FIT_JS = """async (minFit) => {
  const overflows = (box) => box.scrollHeight > box.clientHeight + 1 ||
      box.scrollWidth > box.clientWidth + 1;
  const result = [];
  const slides = Reveal.getSlides();
  for (let i = 0; i < slides.length; i++) {
    Reveal.slide(i, 0);
    const section = slides[i];
    const box = section.querySelector('.dmst-slide');
    let fit = 1;
    section.style.setProperty('--fit', fit);
    while (overflows(box) && fit > minFit + 0.001) {
      fit = Math.round((fit - 0.04) * 100) / 100;
      section.style.setProperty('--fit', fit);
    }
    result.push({fit: fit, overflow: overflows(box)});
  }
  Reveal.slide(0, 0);
  return result;
}"""

# For each slide: does anything overflow, and how small is its smallest text?
CHECK_JS = """() => {
  const out = [];
  const slides = Reveal.getSlides();
  for (let i = 0; i < slides.length; i++) {
    Reveal.slide(i, 0);
    const box = slides[i].querySelector('.dmst-slide');
    let smallest = 1000;
    box.querySelectorAll('*').forEach((el) => {
      if ([...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) {
        smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
      }
    });
    const images = [...box.querySelectorAll('img')].map((img) => ({
      width: img.getBoundingClientRect().width / Reveal.getScale(),
      height: img.getBoundingClientRect().height / Reveal.getScale(),
      complete: img.complete && img.naturalWidth > 0,
    }));
    out.push({
      overflow: box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1,
      smallest: smallest, images: images,
    });
  }
  Reveal.slide(0, 0);
  return out;
}"""


def open_deck(page, path: Path, query: str = "") -> None:
    page.goto(path.as_uri() + query)
    flag = "pdfReady" if "print-pdf" in query else "deckReady"
    page.wait_for_function(f"document.documentElement.dataset.{flag} === '1'", timeout=30_000)


def fit_deck(page, path: Path) -> list[dict]:
    open_deck(page, path)
    return page.evaluate(FIT_JS, MIN_FIT)


def print_pdf(page, path: Path, target: Path) -> bytes:
    open_deck(page, path, "?print-pdf")
    target.parent.mkdir(parents=True, exist_ok=True)
    return page.pdf(
        path=str(target),
        width=f"{WIDTH}px",
        height=f"{HEIGHT}px",
        print_background=True,
        prefer_css_page_size=True,
    )


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page of a PDF Chromium printed."""
    sizes = []
    for obj in re.findall(rb"\d+ 0 obj(.*?)endobj", pdf, re.S):
        if not re.search(rb"/Type\s*/Page(?![a-z])", obj):
            continue
        box = re.search(rb"/MediaBox\s*\[\s*([\d.\s-]+)\]", obj)
        if box:
            x0, y0, x1, y1 = (float(v) for v in box.group(1).split())
            sizes.append((x1 - x0, y1 - y0))
    return sizes


def chromium() -> str | None:
    import os

    found = os.environ.get("DMST_CHROMIUM") or shutil.which("chromium")
    found = found or shutil.which("chromium-browser")
    return found or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def build(
    lessons: list[Lesson] | None = None,
    out: Path = OUT_HTML,
    pdf_out: Path | None = OUT_PDF,
    browser=None,
) -> list[tuple[Deck, Path, Path | None, list[dict]]]:
    """Write the decks (and their PDFs when ``pdf_out``), fitting text in ``browser``."""
    lessons = list(curriculum().lessons) if lessons is None else lessons
    exit_url = quick_exit_url()
    write_assets(out)
    decks = [build_deck(lesson) for lesson in lessons]
    (out / "index.html").write_text(index_html(exit_url), encoding="utf-8")
    made = []
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}) if browser else None
    for deck in decks:
        path = write_deck(deck, out, exit_url)
        fits: list[dict] = []
        pdf_path = None
        if page is not None:
            fits = fit_deck(page, path)
            write_deck(deck, out, exit_url, [f["fit"] for f in fits])
            if pdf_out is not None:
                pdf_path = pdf_out / f"{deck.name}.pdf"
                print_pdf(page, path, pdf_path)
        made.append((deck, path, pdf_path, fits))
    if page is not None:
        page.close()
    return made


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="dmst slides", description=__doc__.split("\n")[0])
    parser.add_argument("lessons", nargs="*", help="lesson ids, e.g. 01 (default: every lesson)")
    parser.add_argument("--no-pdf", action="store_true", help="write the HTML decks only")
    parser.add_argument("--quiet", action="store_true", help="do not list what the notes lack")
    args = parser.parse_args(argv)
    try:
        lessons = [curriculum().lesson(i) for i in args.lessons] or None
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    executable = chromium()
    try:
        if executable is None:
            print("No Chromium found: writing HTML decks without fitting text or PDFs "
                  "(Debian/Ubuntu: apt-get install chromium)", file=sys.stderr)  # fmt: skip
            made = build(lessons, pdf_out=None)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
                )
                made = build(lessons, pdf_out=None if args.no_pdf else OUT_PDF, browser=browser)
                browser.close()
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    status = 0
    for deck, path, pdf_path, fits in made:
        shrunk = sum(1 for f in fits if f["fit"] < 1)
        overflowing = [i + 1 for i, f in enumerate(fits) if f["overflow"]]
        line = f"{path.relative_to(ROOT)}: {len(deck.slides)} slides"
        if pdf_path is not None:
            line += f"; {pdf_path.relative_to(ROOT)}"
        if shrunk:
            line += f"; text made smaller to fit on {shrunk}"
        print(line)
        if overflowing:
            print(f"  slides {overflowing} do not fit even at the smallest text: shorten them")
            status = 1
        if not args.quiet:
            for warning in deck.warnings:
                print(f"  note: {warning}")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
