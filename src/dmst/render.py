"""What the book shows for each stored placeholder, made from the current data at build time.

A stored notebook output names what it shows (:func:`dmst.display.placeholder`): a knowledge
check, an activity, an assessment, a lesson's header, a figure. :func:`render` turns that name into
the HTML, and says which data files it was made from, so the book rebuilds exactly the pages whose
data changed. Figures come with their pictures as separate files (cacheable, light pages).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from dmst.datafile import DATA

IMAGE_SCHEME = "dmst-image:"  # in rendered HTML, replaced by the picture's path on each page
PLACEHOLDER = re.compile(
    r'<div class="dmst-render" data-render="(?P<kind>[^"]+)" data-arg="(?P<arg>[^"]*)">'
    r".*?</div>",
    re.S,
)


@dataclass(frozen=True)
class Rendered:
    html: str
    depends: tuple[Path, ...] = ()
    images: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes
    # The page follows this HTML itself, not its files (cheap to make again, and made from a few
    # entries of large files: a check cites one ledger figure, not the whole ledger).
    by_content: bool = False
    # For a figure: the ledger entries it shows (the page follows them, not the whole ledger
    # file); None when it read the whole ledger, which is then in `depends`.
    entries: frozenset[str] | None = None


class RenderError(ValueError):
    """A placeholder names something the curriculum does not have."""


def render(kind: str, arg: str) -> Rendered:
    try:
        make = RENDERERS[kind]
    except KeyError:
        raise RenderError(f"unknown output kind {kind!r}") from None
    try:
        return make(arg)
    except KeyError as exc:
        raise RenderError(f"{kind} {arg!r}: {exc.args[0] if exc.args else 'not found'}") from None


def self_contained(kind: str, arg: str) -> str:
    """The rendered HTML with its pictures inside it (for a notebook, where no files travel)."""
    from dmst.ledger import note_read

    text, read = _contained(kind, arg)
    for entry_id in read:  # made once, but read by every notebook that shows it
        note_read(entry_id)
    return text


@cache
def _contained(kind: str, arg: str) -> tuple[str, frozenset[str]]:
    from dmst.ledger import recording

    with recording() as read:
        made = render(kind, arg)
    text = made.html
    for name, data in made.images.items():
        uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
        text = text.replace(IMAGE_SCHEME + name, uri)
    return text, frozenset(read | (made.entries or set()))


def _ledger() -> tuple[Path, ...]:
    from dmst.ledger import BIB_FILE, LEDGER_FILE

    return (LEDGER_FILE, BIB_FILE)


def _check(qid: str) -> Rendered:
    from dmst.checks import static_html
    from dmst.questions import QUESTIONS_DIR, question

    q = question(qid)
    return Rendered(
        static_html(q, "check"), (QUESTIONS_DIR / q.source, *_ledger()), by_content=True
    )


def _activity(aid: str) -> Rendered:
    from dmst.activities import ACTIVITIES_DIR, all_activities, static_html

    a = all_activities()[aid]
    files = tuple(sorted(ACTIVITIES_DIR.glob(f"{aid.split('.')[0]}-*.yml")))
    return Rendered(static_html(a), files)


def _assessment(spec: str) -> Rendered:
    from dmst.assessment import ASSESSMENT_FILE, Assessment

    context, _, short = spec.partition("-")
    if context not in ("pre", "post") or short not in ("", "short"):
        raise KeyError(f"{spec!r} is not pre, post, pre-short or post-short")
    return Rendered(
        Assessment(context, short=bool(short)).static_html(),
        (ASSESSMENT_FILE, *_ledger()),
        by_content=True,
    )


def _header(lesson_id: str) -> Rendered:
    from dmst.lessons import LESSONS_FILE, LessonHeader, curriculum

    return Rendered(LessonHeader(curriculum().lesson(lesson_id))._repr_html_(), (LESSONS_FILE,))


def figure_depends() -> tuple[Path, ...]:
    """The files any figure is drawn from besides the ledger entries it reads (which
    :func:`dmst.ledger.recording` tells): the references and the diagram data."""
    from dmst.ledger import BIB_FILE

    return (BIB_FILE, *sorted((DATA / "diagrams").glob("*.yml")))


def _figure(spec: str) -> Rendered:
    from dmst.figurecache import figure

    return figure(spec, lambda: _draw(spec))


def _draw(spec: str) -> Rendered:
    from dmst.figstyle import Chart
    from dmst.figures import BOOK_FIGURES
    from dmst.ledger import LEDGER_FILE, STAT_ROLE, WHOLE, recording

    name, *args = spec.split(":")
    if name not in BOOK_FIGURES:
        raise KeyError(f"{name!r} is not a figure lessons may show")
    with recording() as read:
        shown = BOOK_FIGURES[name](*args)
    diagram_files = figure_depends()[1:]
    if name == "diagram":  # diagrams are read once and cached: their citations are in the files
        for path in diagram_files:
            text = path.read_text(encoding="utf-8")
            read.update(m.group(1).partition(":")[0].strip() for m in STAT_ROLE.finditer(text))
    whole = WHOLE in read
    depends = (*figure_depends(), *((LEDGER_FILE,) if whole else ()))
    entries = None if whole else frozenset(read)
    if isinstance(shown, Chart):
        return Rendered(
            shown.html(IMAGE_SCHEME + shown.filename, lazy=True),
            depends,
            {shown.filename: shown.png},
            entries=entries,
        )
    return Rendered(shown._repr_html_(), depends, entries=entries)


def _panel(_: str) -> Rendered:
    from dmst.panel import BOOK_NOTE

    return Rendered(BOOK_NOTE)


def _class_results(_: str) -> Rendered:
    from dmst.classpanel import book_html
    from dmst.classroom import SAMPLE_FOLDER

    files = (DATA / "assessment.yml", *sorted(SAMPLE_FOLDER.glob("*.json")))
    return Rendered(book_html(), files)


RENDERERS: dict[str, Callable[[str], Rendered]] = {
    "check": _check,
    "activity": _activity,
    "assessment": _assessment,
    "header": _header,
    "figure": _figure,
    "panel": _panel,
    "classresults": _class_results,
}
