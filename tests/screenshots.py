"""Screenshots of the built book for a person to look at: `python tests/screenshots.py [OUT]`.

Full-page PNGs of every page at desktop (1280 px) and phone (375 px) widths.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from conftest import HTML, book_pages, chromium_path


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"]
        )
        for width, label in ((1280, "desktop"), (375, "phone")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in book_pages():
                name = path.relative_to(HTML).with_suffix("").as_posix().replace("/", "_")
                page.goto(path.as_uri())
                page.screenshot(path=out / f"{name}-{label}.png", full_page=True)
                print(out / f"{name}-{label}.png")
        browser.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("_build/screenshots"))
