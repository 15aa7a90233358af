"""Screenshots of every learner notebook in JupyterLab after Run All, for a person to look at:
`python tests/lab_screenshots.py [OUT]` (needs `make lab` installed and the book built).

For each notebook: the top, a part a third of the way down, and the first knowledge check or
activity after running, at 1280 x 900.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from test_lab import notebook, open_notebook, run_all, running_lab

from conftest import chromium_path
from dmst.learner import OUT


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_lab(Path(tmp)) as lab,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"]
        )
        for path in sorted(OUT.glob("*.ipynb")):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(120_000)
            open_notebook(page, lab, path.name, workspace=path.stem)
            page.screenshot(path=out / f"{path.stem}-1-top.png")
            run_all(page)
            scroller = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
            page.evaluate(
                f"() => {{ const s = document.querySelector('{scroller}');"
                " s.scrollTop = s.scrollHeight / 3; }"
            )
            page.wait_for_timeout(500)
            page.screenshot(path=out / f"{path.stem}-2-third.png")
            widget = notebook(page).locator(".jupyter-widgets.widget-vbox").first
            if widget.count():
                widget.scroll_into_view_if_needed()
                page.wait_for_timeout(500)
                page.screenshot(path=out / f"{path.stem}-3-widget.png")
            print(path.name, flush=True)
            page.get_by_role("menuitem", name="Kernel", exact=True).click()
            page.get_by_role("menuitem", name=re.compile(r"^Shut Down All Kernels")).click()
            page.locator(".jp-Dialog").get_by_role("button", name="Shut Down All").click()
            page.close()
        browser.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("_build/lab-screenshots"))
