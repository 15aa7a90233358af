"""Reading a lesson notebook for its slides: its items in order (prose, headings, admonitions,
checks, activities, figures), its ``##`` sections, and the key sentence of each section.

The key sentence of a section is its first sentence, unless a Markdown cell of the section marks
another in its metadata: ``"dmst": {"key_sentence": "<the sentence's first words>"}``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from dmst.errors import DataError
from dmst.lessons import Lesson
from dmst.notebook import cell_source, read_notebook
from dmst.paths import ROOT

# Sections that are not taught from a slide: the sources list, and the support box (its own slide).
SKIPPED_SECTIONS = ("Where this comes from", "Support")


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
    items: list[Item] = []
    for cell in read_notebook(path)["cells"]:
        source = cell_source(cell)
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
