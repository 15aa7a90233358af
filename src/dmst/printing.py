"""Printing to PDF with headless Chromium: finding the browser, and reading back what it printed.

Handouts, the paper kit, session agendas and slides are all printed this way; the browser tests
drive the same Chromium. ``DMST_CHROMIUM`` names another one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from dmst import settings

NO_CHROMIUM = "No PDF: printing needs Chromium (Debian/Ubuntu: apt-get install chromium)."
# Where Debian, Ubuntu and Google install it, for when it is not on the PATH.
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def chromium() -> str | None:
    """The Chromium to print with: ``DMST_CHROMIUM``, else one on the PATH or in /usr/bin."""
    found = settings.text("DMST_CHROMIUM") or shutil.which("chromium")
    found = found or shutil.which("chromium-browser")
    return found or next((c for c in CANDIDATES if Path(c).exists()), None)


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF Chromium printed has."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


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
