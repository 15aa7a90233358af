"""The paper kit for the room, printed by ``make handouts`` beside the lesson handouts.

- the pre- and post-course tests on paper: the form each context uses, full and short, options
  lettered A, B, C... in display order (the order on screen), no answer anywhere;
- a scoring key per form, for the instructor only;
- a post-session evaluation form, a certificate of completion and a sign-in sheet, all blank and
  filled in by hand, so the curriculum keeps no one's data;
- a sheet for the organisation's protocol and reporting contacts, and a disclosure record, both
  following the instructors' guide (record, do not investigate);
- "How to take the course" for learners, printed from the book's page ``book/learners.md``.

Pages are self-contained HTML (no stylesheet file, nothing fetched) written to
``_build/handouts/kit/`` and printed to ``handouts/`` by headless Chromium.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dmst.kit.forms import (
    LEARNERS_PAGE,
    certificate_page,
    disclosure_page,
    evaluation_page,
    learners_page,
    protocol_page,
    sign_in_page,
)
from dmst.kit.page import KitPage, _e, course_title
from dmst.kit.papertests import key_page, question_html, test_page
from dmst.printing import pdf_pages


def kit_pages() -> list[KitPage]:
    from dmst.assessment import CONTEXTS, forms, items

    pages = [test_page(c, short) for c in CONTEXTS for short in (False, True)]
    used = sorted({q.form for q in items()} & set(forms().values()))
    pages += [key_page(f) for f in used]
    pages += [
        evaluation_page(),
        certificate_page(),
        sign_in_page(),
        protocol_page(),
        disclosure_page(),
        learners_page(),
    ]
    return pages


def write_kit(folder: Path) -> list[tuple[KitPage, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kit_page in kit_pages():
        path = folder / f"{kit_page.name}.html"
        path.write_text(kit_page.html(), encoding="utf-8")
        written.append((kit_page, path))
    return written


FOOTER = (
    '<div style="font-family: DejaVu Sans, Arial, sans-serif; font-size: 8pt; color: #444; '
    'width: 100%; padding: 0 15mm; display: flex; justify-content: space-between;">'
    "<span>{running}</span><span>Page <span class='pageNumber'></span> of "
    "<span class='totalPages'></span></span></div>"
)


def print_kit(
    written: list[tuple[KitPage, Path]], out: Path, browser: Any
) -> list[tuple[Path, int, bool]]:
    """Print each page with a Playwright Chromium browser: (pdf, pages, must be one page)."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    tab = browser.new_page()
    for kit_page, source in written:
        tab.goto(source.as_uri())
        target = out / f"{kit_page.name}.pdf"
        options: dict[str, Any] = {"path": str(target), "print_background": True}
        if kit_page.running:
            options.update(
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER.format(running=_e(kit_page.running)),
                margin={"top": "13mm", "bottom": "16mm", "left": "15mm", "right": "15mm"},
            )
        pdf = tab.pdf(prefer_css_page_size=not kit_page.running, **options)
        made.append((target, pdf_pages(pdf), kit_page.one_page))
    tab.close()
    return made


__all__ = [
    "LEARNERS_PAGE",
    "KitPage",
    "certificate_page",
    "course_title",
    "disclosure_page",
    "evaluation_page",
    "key_page",
    "kit_pages",
    "learners_page",
    "print_kit",
    "protocol_page",
    "question_html",
    "sign_in_page",
    "test_page",
    "write_kit",
]
