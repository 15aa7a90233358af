"""Slides for the room: a 16:9 deck per lesson, built from the same sources as the book.

``make slides`` (or ``dmst slides``) reads, at build time, each lesson's notebook (sections, key
sentences, figures, checks, activities, scenarios, key points, content note), the lesson map
(objectives, time), the question banks, the resources file, ``_config.yml`` (the quick-exit
target) and the facilitator notes (speaker notes, placed as :mod:`dmst.facilitator` explains).
Nothing is copied: edit a source and rebuild.

It writes an offline HTML deck per lesson (reveal.js, vendored in ``vendor/reveal.js``; speaker
view with the S key) into ``_build/slides/``, and prints each deck to a 16:9 PDF, one page per
slide, with headless Chromium into ``slides/``.

The code, by responsibility: :mod:`dmst.slides.source` reads a lesson notebook (sections, key
sentences), :mod:`dmst.slides.markup` turns MyST into slide HTML, :mod:`dmst.slides.figure` draws
figures for a projector, :mod:`dmst.slides.parts` makes the slides for checks, activities,
scenarios and support, :mod:`dmst.slides.deck` puts a lesson's deck together with its speaker
notes, :mod:`dmst.slides.write` writes the HTML, and :mod:`dmst.slides.fit` fits text and prints
PDFs in Chromium. This module builds every deck (``build``) and is ``dmst slides`` (``main``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from dmst.errors import DataError
from dmst.lessons import Lesson, curriculum
from dmst.paths import ROOT
from dmst.printing import chromium, pdf_page_sizes
from dmst.slides.deck import Deck, build_deck, lesson_title
from dmst.slides.figure import Figure, figure_box, make_figure
from dmst.slides.fit import CHECK_JS, FIT_JS, MIN_FIT, fit_deck, open_deck, print_pdf
from dmst.slides.markup import _e, md_html, md_inline, plain, plain_myst
from dmst.slides.parts import HEIGHT, WIDTH, Slide, displayed_options
from dmst.slides.parts import check_slides as _check_slides
from dmst.slides.parts import support_slide as _support_slide
from dmst.slides.source import (
    Item,
    LessonSource,
    Section,
    key_sentence,
    read_items,
    read_lesson,
    sentences,
)
from dmst.slides.write import deck_html, index_html, quick_exit_url, write_assets, write_deck

OUT_HTML = ROOT / "_build" / "slides"
OUT_PDF = ROOT / "slides"


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


__all__ = [
    "CHECK_JS",
    "FIT_JS",
    "HEIGHT",
    "MIN_FIT",
    "OUT_HTML",
    "OUT_PDF",
    "WIDTH",
    "Deck",
    "Figure",
    "Item",
    "LessonSource",
    "Section",
    "Slide",
    "_check_slides",
    "_e",
    "_support_slide",
    "build",
    "build_deck",
    "deck_html",
    "displayed_options",
    "figure_box",
    "fit_deck",
    "key_sentence",
    "lesson_title",
    "main",
    "make_figure",
    "md_html",
    "md_inline",
    "open_deck",
    "pdf_page_sizes",
    "plain",
    "plain_myst",
    "print_pdf",
    "read_items",
    "read_lesson",
    "sentences",
    "write_deck",
]
