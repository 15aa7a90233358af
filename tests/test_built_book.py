"""Checks on the built HTML: offline (no outside URL loaded), alt text, safety on every page."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import HTML, ROOT, book_pages
from dmst.lessons import curriculum

GENERIC_ALT = {"", "image", "figure", "chart", "png", "graph", "picture", "photo", "logo"}


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[str, str]] = []  # (tag, url) of everything the page loads
        self.images: list[dict[str, str | None]] = []
        self.classes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.classes.update((a.get("class") or "").split())
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.loads.append((tag, a["src"]))
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if any(
                r in rel for r in ("stylesheet", "preload", "icon", "modulepreload", "prefetch")
            ):
                self.loads.append((f"link[{rel}]", a["href"]))
        if tag == "img":
            self.images.append(a)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


PAGES = book_pages() if HTML.exists() else []
IDS = [p.relative_to(HTML).as_posix() for p in PAGES]
pytestmark = pytest.mark.book


def test_book_has_every_page(built_book):
    names = {p.relative_to(built_book).as_posix() for p in book_pages()}
    assert "book/index.html" in names or "index.html" in names
    for lesson in curriculum().lessons:
        assert f"{lesson.docname}.html" in names


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_page_loads_nothing_from_outside(path):
    outside = [(t, u) for t, u in parse(path).loads if re.match(r"^(https?:)?//", u)]
    assert outside == [], f"{path.name} loads from outside: {outside}"


def test_stylesheets_load_no_outside_fonts_or_images(built_book):
    for css in built_book.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        urls = re.findall(r"url\(\s*['\"]?(https?:)?//[^)]*\)|@import\s+['\"]?https?:", text)
        assert not urls, f"{css.relative_to(built_book)} fetches from outside: {urls[:3]}"


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_every_image_has_meaningful_alt_text(path):
    for image in parse(path).images:
        alt = (image.get("alt") or "").strip()
        assert alt.lower() not in GENERIC_ALT, f"{path.name}: image {image.get('src', '')[:60]}"
        assert len(alt.split()) >= 8, f"{path.name}: alt text too thin: {alt!r}"
        assert not re.search(r"\.(png|jpe?g|svg|gif)$", alt, re.I)


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_every_page_has_quick_exit(path):
    text = path.read_text(encoding="utf-8")
    assert 'class="dmst-quick-exit"' in text
    assert "dmst.js" in text and "does not erase your browsing history" in text


def test_lesson_pages_end_with_support_and_render_checks_as_forms(built_book):
    for lesson in curriculum().lessons:
        text = (built_book / f"{lesson.docname}.html").read_text(encoding="utf-8")
        assert 'class="dmst-support-box"' in text
        assert "1-888-373-7888" in text  # national hotline, from resources.yml
        assert text.count('<form class="dmst-check"') >= 4
        assert "widget-view+json" not in text and "require.js" not in text
        assert 'class="dmst-lesson-header"' in text
        assert "data:image" not in text  # pictures are files the browser can cache


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_every_stored_placeholder_was_rendered_and_every_figure_is_a_sized_file(path):
    import re

    text = path.read_text(encoding="utf-8")
    assert "dmst-render" not in text and "dmst-image:" not in text
    for tag in re.findall(r'<img src="[^"]*_images/[^"]+"[^>]*>', text):
        src = re.search(r'src="([^"]+)"', tag).group(1)
        assert (path.parent / src).resolve().is_file(), src
        assert re.search(r'width="\d+" height="\d+"', tag), tag


def test_no_math_and_no_mathjax(built_book):
    for path in book_pages():
        assert "mathjax" not in path.read_text(encoding="utf-8").lower(), path.name


def test_ledger_page_lists_every_entry_with_a_labelled_grade(built_book):
    from dmst.ledger import GRADE_LETTERS, ledger

    text = (built_book / "book" / "ledger.html").read_text(encoding="utf-8")
    for entry in ledger().values():
        assert f'id="ledger-{entry.id.replace(".", "-")}"' in text, entry.id
        assert f'href="#ledger-{entry.id.replace(".", "-")}"' in text, entry.id
    for grade in GRADE_LETTERS:
        # The grade is text, not colour alone.
        assert f'dmst-grade-{grade}" title="Grade {grade}:' in text or grade == "A"
    assert text.count('class="dmst-grade ') >= 2 * len(ledger())


def test_each_ledger_entry_is_a_section_under_its_part(built_book):
    """Made by a directive, the entries are headings of the page at the level written (h3,
    under the h2 of their part), and their labels are the anchors lessons link to."""
    from dmst.ledger import ledger

    text = (built_book / "book" / "ledger.html").read_text(encoding="utf-8")
    for entry in ledger().values():
        assert f'<span id="ledger-{entry.id.replace(".", "-")}"></span><h3>' in text, entry.id
    parts = re.findall(r"<h2>([^<]+)<", text)
    assert parts[-3:] == [
        "At a glance",
        "The page\u2019s statistics, one by one",
        "The better evidence",
    ]
    pages = "".join(p.read_text(encoding="utf-8") for p in book_pages())
    linked = set(re.findall(r'href="[^"]*ledger\.html#(ledger-[\w-]+)"', pages))
    assert linked, "lessons link to ledger entries"
    assert linked <= set(re.findall(r'id="(ledger-[\w-]+)"', text))


def test_the_grade_rubric_is_shown_from_the_ledger_file(built_book):
    from dmst.ledger import grades

    for page in ("book/ledger.html", "book/references.html", "book/contributors/editorial.html",
                 "notebooks/06-the-numbers.html"):  # fmt: skip
        text = html.unescape((built_book / page).read_text(encoding="utf-8"))
        assert text.count('class="dmst-grade-rubric') == 1, page
        for grade in grades().values():
            assert f"{grade.means[0].upper()}{grade.means[1:]}." in text, (page, grade.letter)


def test_the_extensions_static_files_are_shipped_with_it(built_book):
    from dmst.sphinx.config import STATIC

    for name in ("dmst.js", "dmst.css"):
        assert (built_book / "_static" / name).read_bytes() == (STATIC / name).read_bytes()


def test_the_build_writes_nothing_into_the_book_sources(built_book):
    assert not (ROOT / "book" / "_generated").exists()


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_reference_lists_have_no_aria_list_role(path):
    """axe aria-required-children: a role="list" needs listitem children, which docutils' list
    of citations does not have."""
    text = path.read_text(encoding="utf-8")
    if 'class="citation-list"' not in text:
        return
    assert not re.search(r'<div[^>]*role="list"[^>]*class="citation-list"', text)
    assert 'role="doc-biblioentry"' not in text


def test_stat_role_renders_the_ledger_figure(built_book):
    from dmst.ledger import ledger

    pages = "".join(p.read_text(encoding="utf-8") for p in book_pages())
    for match in re.finditer(r'<span class="dmst-stat dmst-stat-([\w.-]+)">([^<]*)</span>', pages):
        entry_id, shown = match.group(1), html.unescape(match.group(2))
        assert any(shown == ledger()[entry_id].cite(n.key) for n in ledger()[entry_id].numbers)
