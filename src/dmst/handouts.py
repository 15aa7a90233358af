"""Printable one-page handouts: each lesson's key points and the support list, each ready session
plan's agenda, and a local-resources sheet to fill in by hand, printed to PDF by headless Chromium
from the built book (``make handouts``). The paper kit (tests, scoring keys, forms to fill in by
hand, the learners' page) is :mod:`dmst.kit`, printed here by :func:`paper_kit`.

The handout pages are written beside the built book (``_build/handouts/``, not published with it)
and use the same customized resources list as every page of the book.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from dmst.ledger import cite
from dmst.lessons import Lesson, curriculum
from dmst.notebook import markdown_cells
from dmst.paths import ROOT
from dmst.printing import chromium, pdf_pages
from dmst.resources import Resource, load_resources, ordered

BOOK = ROOT / "_build" / "html"
OUT = ROOT / "handouts"
KEY_POINTS = re.compile(r":::\{admonition\} Key points\n:class: dmst-key-points\n(.*?)\n:::", re.S)


def inline(text: str) -> str:
    """MyST inline markup to plain HTML: roles become their text, **bold** stays bold."""
    text = re.sub(r"\{stat\}`([^`]+)`", lambda m: "\x00" + cite(m.group(1)) + "\x01", text)
    text = re.sub(r"\{cite:[a-z]+\}`[^`]+`", "", text)
    text = re.sub(r"\{(?:term|doc|ref)\}`([^`<]+?)\s*(?:<[^>]+>)?`", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = html.escape(text).replace("\x00", "<strong>").replace("\x01", "</strong>")
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)


def key_points(lesson: Lesson) -> list[str]:
    for _, source in markdown_cells(ROOT / lesson.notebook):
        match = KEY_POINTS.search(source)
        if match:
            items = re.split(r"\n(?=- )", match.group(1).strip())
            return [inline(" ".join(i.lstrip("- ").split())) for i in items if i.strip()]
    raise ValueError(f"{lesson.notebook}: no Key points admonition")


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        '<link rel="stylesheet" href="handout.css"></head>'
        f'<body class="dmst-handout"><main>{body}</main>'
        "<footer>Domestic Minor Sex Trafficking: an open curriculum. Fictional names only; "
        "every figure traced in the book's statistics ledger.</footer></body></html>"
    )


HANDOUT_CSS = """
@page { size: Letter; margin: 14mm 16mm; }
body.dmst-handout { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12.5pt;
  line-height: 1.4; color: #1a1a1a; margin: 0; }
.dmst-handout h1 { font-size: 17pt; margin: 0 0 2mm; }
.dmst-handout h2 { font-size: 12.5pt; margin: 4mm 0 1.5mm; }
.dmst-handout .dmst-resources-scope { font-size: 11pt; margin: 2mm 0 1mm; }
.dmst-handout li { margin: 0 0 1.2mm; }
.dmst-handout table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
.dmst-handout td, .dmst-handout th { border: 1px solid #999; padding: 1mm 2mm; text-align: left; }
.dmst-handout-resources { columns: 2; column-gap: 8mm; padding-left: 4mm; font-size: 10.5pt; }
.dmst-handout-resources li { break-inside: avoid; }
.dmst-handout footer { font-size: 8pt; color: #555; margin-top: 4mm; }
.dmst-handout a { color: inherit; text-decoration: none; }
"""


def compact_resources() -> str:
    """Names and how to reach them, in two columns: what fits on a page someone keeps."""
    items = []
    for _, group in ordered(load_resources()):
        for r in group:
            items.append(_compact(r))
    return f'<ul class="dmst-handout-resources">{"".join(items)}</ul>'


def _compact(r: Resource) -> str:
    contacts = "; ".join(
        f'<span class="dmst-nowrap">{html.escape(c.plain())}</span>' for c in r.contacts
    )
    note = " (reported; confirm first)" if r.status == "reported" else ""
    return f"<li><strong>{html.escape(r.name)}</strong>: {contacts}{note}</li>"


SHEET_CSS = """
.dmst-sheet { font-size: 10.5pt; line-height: 1.3; }
.dmst-sheet h1 { font-size: 16pt; margin: 0 0 1mm; }
.dmst-sheet .dmst-sheet-lead { margin: 0 0 2mm; }
.dmst-sheet h2 { font-size: 11.5pt; margin: 2.6mm 0 0.8mm; border-bottom: 1.5px solid #1a1a1a; }
.dmst-sheet table { border-collapse: collapse; width: 100%; font-size: 10pt; }
.dmst-sheet th { width: 42%; font-weight: 600; vertical-align: bottom; text-align: left;
  padding: 1.6mm 2mm 0.6mm 0; border: 0; }
.dmst-sheet td { border: 0; border-bottom: 1px solid #777; height: 6.4mm; padding: 0; }
.dmst-sheet .dmst-nowrap { white-space: nowrap; }
.dmst-sheet table.dmst-sheet-grid th, .dmst-sheet table.dmst-sheet-grid td {
  border: 1px solid #777; padding: 0.8mm 1.5mm; width: auto; }
.dmst-sheet table.dmst-sheet-grid td { height: 7mm; }
.dmst-sheet .dmst-handout-resources { font-size: 9.5pt; margin: 1mm 0 0; }
.dmst-sheet .dmst-sheet-note { font-size: 9pt; color: #333; margin: 1mm 0 0; }
"""


def _blanks(rows: list[str]) -> str:
    cells = "".join(f"<tr><th scope='row'>{html.escape(r)}</th><td></td></tr>" for r in rows)
    return f"<table>{cells}</table>"


def local_resources_sheet() -> str:
    """One page to fill in by hand: the organisation's contact, the state's line and law, the
    protocol and local services, with the national lines already printed from resources.yml."""
    national = [r for r in load_resources() if r.scope == "national"]
    checked = sorted({r.checked.when for r in national})
    services = "".join("<tr><td></td><td></td><td></td><td></td></tr>" for _ in range(3))
    body = (
        '<div class="dmst-sheet">'
        "<h1>Local help: a sheet to fill in before you teach</h1>"
        '<p class="dmst-sheet-lead">Fill in every line, checking each number yourself on the '
        "organisation's own website or by calling it. Keep a copy where you teach, and give one "
        "to every learner. <strong>If anyone is in immediate danger, call 911.</strong></p>"
        "<h2>Your organisation: whom staff tell first</h2>"
        + _blanks(
            [
                "Reporting contact: name and role",
                "Phone, extension, email",
                "If they are away, or out of hours",
            ]
        )
        + "<h2>Your state</h2>"
        + _blanks(
            [
                "Child abuse reporting line",
                "Mandated-reporting law (name)",
                "Who must report; to whom; how fast",
                "Safe harbor law: name, what it does",
            ]
        )
        + "<h2>Your organisation's protocol</h2>"
        + _blanks(
            [
                "Where it is kept",
                "First steps",
                "",
                "What to write down, and where",
            ]
        )
        + "<h2>Local services for young people</h2>"
        '<table class="dmst-sheet-grid"><thead><tr><th scope="col">Service</th>'
        '<th scope="col">What for</th><th scope="col">Phone or website</th>'
        f'<th scope="col">Hours</th></tr></thead><tbody>{services}</tbody></table>'
        f"<h2>National lines (checked {' and '.join(checked)})</h2>"
        + f'<ul class="dmst-handout-resources">{"".join(_compact(r) for r in national)}</ul>'
        + '<p class="dmst-sheet-note">A call to a national line may not meet a legal duty to '
        "report: follow your state's law and your protocol. For a caller under 18, a help line "
        "may have to involve child protection.</p>"
        + _blanks(["Checked by (name), in (month, year)"])
        + '<p class="dmst-sheet-note">Check every line again within 12 months, and whenever a '
        "number or a law changes.</p></div>"
    )
    return page("Local help: a sheet to fill in", body).replace(
        '<link rel="stylesheet" href="handout.css">',
        f'<link rel="stylesheet" href="handout.css"><style>{SHEET_CSS}</style>',
    )


def lesson_handout(lesson: Lesson) -> str:
    points = "".join(f"<li>{p}</li>" for p in key_points(lesson))
    return page(
        f"Lesson {int(lesson.id)}: {lesson.title}",
        f"<h1>Lesson {int(lesson.id)}: {html.escape(lesson.title)}</h1>"
        f"<h2>Key points</h2><ul>{points}</ul>"
        "<h2>Where to get help</h2><p>If a young person is in immediate danger, call 911. "
        "Follow your state's mandated-reporting law and your organisation's protocol.</p>"
        f"{compact_resources()}",
    )


def write_pages(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "handout.css").write_text(HANDOUT_CSS, encoding="utf-8")
    written = []
    for lesson in curriculum().lessons:
        path = folder / f"lesson-{lesson.id}.html"
        path.write_text(lesson_handout(lesson), encoding="utf-8")
        written.append(path)
    from dmst.agenda import write_ready_pages  # the ready session plans, one page each

    plans = write_ready_pages(folder)
    sheet = folder / "local-resources-sheet.html"
    sheet.write_text(local_resources_sheet(), encoding="utf-8")
    return [*written, *plans, sheet]


def print_pdfs(pages: list[Path], out: Path, browser) -> list[tuple[Path, int]]:
    """Print each page to PDF with a Playwright Chromium browser; (pdf path, page count)."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    page = browser.new_page()
    for source in pages:
        page.goto(source.as_uri())
        target = out / source.with_suffix(".pdf").name
        pdf = page.pdf(path=str(target), format="Letter", print_background=True)
        made.append((target, pdf_pages(pdf)))
    page.close()
    return made


# --- the paper kit (dmst.kit): tests, scoring keys, forms, the learners' page, the CSV template -


def write_paper_template(folder: Path = OUT) -> str:
    """The empty CSV for entering paper tests; one filled in already is never overwritten."""
    from dmst.paper import TEMPLATE_NAME, write_template

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / TEMPLATE_NAME
    if target.exists():
        rows = [
            r for r in target.read_text(encoding="utf-8-sig").splitlines()[1:] if r.strip(",; ")
        ]
        if rows:
            return (
                f"{target.relative_to(ROOT)}: kept as it is (it has {len(rows)} row(s) filled in)"
            )
    write_template(target)
    return f"{target.relative_to(ROOT)}: the table for entering paper tests"


def paper_kit(browser) -> int:
    """Write and print the paper kit; one line per PDF; 1 if a one-page PDF is longer."""
    from dmst.kit import print_kit, write_kit

    written = write_kit(ROOT / "_build" / "handouts" / "kit")
    status = 0
    for pdf, count, one_page in print_kit(written, OUT, browser):
        long = one_page and count != 1
        note = f"  <- {count} pages: should be one" if long else ""
        print(f"{pdf.relative_to(ROOT)}: {count} page{'s' if count != 1 else ''}{note}")
        status |= long
    print(write_paper_template())
    return status


def main() -> int:
    if not (BOOK / "_static" / "dmst.css").exists():
        print("Build the book first: make book", file=sys.stderr)
        return 2
    browser_path = chromium()
    if browser_path is None:
        print("Handouts need Chromium (Debian/Ubuntu: apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    pages = write_pages(ROOT / "_build" / "handouts")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        made = print_pdfs(pages, OUT, browser)
        status = paper_kit(browser)  # the paper kit: its own part, see paper_kit()
        browser.close()
    for pdf, count in made:
        note = "" if count == 1 else f"  <- {count} pages: it should fit on one"
        print(f"{pdf.relative_to(ROOT)}: {count} page{'s' if count != 1 else ''}{note}")
        status |= count != 1
    return status
