"""Writing the decks: one offline HTML file per lesson (reveal.js, vendored in
``vendor/reveal.js``; speaker view with the S key), its figures, and an index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from dmst.bookconfig import sphinx_option
from dmst.datafile import DATA
from dmst.errors import DataError
from dmst.lessons import curriculum
from dmst.paths import CONFIG, ROOT
from dmst.slides.deck import Deck, lesson_title
from dmst.slides.markup import _e, md_html
from dmst.slides.parts import HEIGHT, WIDTH, Slide

VENDOR = ROOT / "vendor" / "reveal.js"
ASSETS = DATA / "slides"
VENDORED = {  # what the decks load from vendor/reveal.js, by name in assets/
    "reveal.js": "dist/reveal.js",
    "reveal.css": "dist/reveal.css",
    "reset.css": "dist/reset.css",
    "notes.js": "dist/plugin/notes.js",
}


def quick_exit_url(config: Path = CONFIG) -> str:
    """The book's quick-exit target (``sphinx: config: dmst_quick_exit_url`` in _config.yml)."""
    url = sphinx_option("dmst_quick_exit_url", "https://www.weather.gov/", config)
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
