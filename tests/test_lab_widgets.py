"""The live widgets in real JupyterLab (the `make lab` set-up), driven in Chromium.

Runs on its own with ``make lab-test`` or ``pytest -m lab tests/test_lab.py`` (about a minute:
start Lab, run one notebook, try the controls). Skips loudly without JupyterLab (``make lab``
installs it); set DMST_REQUIRE_LAB=1 to make that a failure, as CI should.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dmst import settings
from dmst.assessment import form_items
from dmst.questions import bank

pytestmark = [pytest.mark.lab, pytest.mark.browser]

LONGEST = max(
    (q for q in bank().values() if q.kind == "single"),
    key=lambda q: max(len(o.text) for o in q.options),
)
NUMERIC = next(q for q in bank().values() if q.kind == "numeric")
CELLS = [
    "from dmst.checks import check\nfrom dmst.activities import activity\n"
    "from dmst.assessment import assessment",
    f'check("{LONGEST.id}")',
    f'check("{NUMERIC.id}")',
    'activity("07.sort")',
    'activity("07.respond")',
    'activity("04.say")',
    'assessment("pre")',
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory, browser):
    """JupyterLab on a private port and folder, with one notebook already run."""
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        message = "SKIPPED JupyterLab tests: JupyterLab is not installed (run `make lab` once)"
        if settings.flag("DMST_REQUIRE_LAB"):
            pytest.fail(message)
        pytest.skip(message)
    home = tmp_path_factory.mktemp("lab")
    folder = home / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "widgets.ipynb")
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "RUNTIME"):
        env[f"JUPYTER_{name}_DIR"] = str(home / name.lower())
    env["JUPYTERLAB_SETTINGS_DIR"] = str(home / "settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(home / "workspaces")
    env["DMST_DATA_DIR"] = str(home / "results")
    port = free_port()
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
        "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={folder}",
    ]  # fmt: skip
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")
    log = (home / "lab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not start; see {home / 'lab.log'}")
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.goto(f"{base}/lab/tree/widgets.ipynb")
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90000)
        accept = page.locator(".jp-Dialog .jp-mod-accept")  # "Select Kernel" on a fresh profile
        try:
            accept.wait_for(timeout=5000)
            accept.click()
        except PlaywrightTimeout:
            pass
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90000)
        page.get_by_role("menuitem", name="Run").click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        page.wait_for_function(
            f"document.querySelectorAll('.dmst-live').length >= {len(CELLS) - 2}", timeout=90000
        )
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")
        page.wait_for_timeout(1500)
        yield page, home
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def live(page, n: int):
    return page.locator(".jp-Cell").nth(n).locator(".dmst-live").first


def active_cell(page) -> int:
    return page.evaluate(
        "Array.from(document.querySelectorAll('.jp-Cell'))"
        ".findIndex(c => c.classList.contains('jp-mod-active'))"
    )


def test_arrow_keys_move_the_choice_not_the_notebook(lab):
    page, _ = lab
    box = live(page, 1)
    radios = box.locator("input[type=radio]")
    radios.nth(0).click()
    cell, cells = active_cell(page), page.locator(".jp-Cell").count()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert [radios.nth(i).is_checked() for i in range(radios.count())][:3] == [False, True, False]
    page.keyboard.press("a")  # in command mode "a" would insert a cell above
    assert active_cell(page) == cell and page.locator(".jp-Cell").count() == cells
    box.get_by_role("button", name="Check answer").click()
    chosen = LONGEST.options[1]
    feedback = box.locator(".widget-html").last
    feedback.wait_for()
    page.wait_for_timeout(500)
    assert chosen.feedback[:40] in feedback.inner_text()  # the kernel got the arrow's choice


@pytest.mark.parametrize("width", [1280, 1920])
def test_long_options_wrap_and_every_radio_is_where_a_click_lands(lab, width):
    page, _ = lab
    page.set_viewport_size({"width": width, "height": 1000})
    missed = page.evaluate(
        """() => {
        const out = [];
        document.querySelectorAll('.dmst-live .widget-radio-box').forEach((box, n) => {
          box.scrollIntoView({block: 'center'});
          box.querySelectorAll('input[type=radio]').forEach((radio, k) => {
            const r = radio.getBoundingClientRect();
            if (document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) !== radio) {
              out.push(`group ${n} option ${k + 1}`);
            }
          });
        });
        return out;
    }"""
    )
    assert missed == []
    cut = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.dmst-live button, .dmst-live label, .dmst-live .widget-label'))
          .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1)
          .map(e => e.textContent.slice(0, 60))"""
    )
    assert cut == []
    page.set_viewport_size({"width": 1280, "height": 1000})


def test_enter_submits_an_estimate(lab):
    page, _ = lab
    box = live(page, 2)
    field = box.locator("input[type=text]")
    field.fill("5000")
    field.press("Enter")
    box.get_by_text("Your guess, 5,000").wait_for(timeout=10000)


def luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_chosen_sort_category_stands_out_and_arrows_move_it(lab):
    page, _ = lab
    group = live(page, 3).locator(".widget-toggle-buttons").first
    first, second = group.locator("button").nth(0), group.locator("button").nth(1)
    first.click()
    page.wait_for_timeout(300)
    style = "e => getComputedStyle(e).backgroundColor"
    assert contrast(first.evaluate(style), second.evaluate(style)) >= 3
    assert first.get_attribute("aria-pressed") == "true"
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert second.get_attribute("aria-pressed") == "true"
    assert first.get_attribute("aria-pressed") == "false"


def test_a_saved_pre_test_answer_locks(lab):
    page, _ = lab
    shown = form_items("pre")
    index = next(i for i, q in enumerate(shown) if q.kind == "single")
    q = shown[index]
    box = page.locator(".jp-Cell").nth(6).locator(".dmst-live").nth(index)
    box.scroll_into_view_if_needed()
    box.locator("input[type=radio]").nth(1).click()
    box.get_by_role("button", name="Save my answer").click()
    box.get_by_text("your answer is saved").wait_for(timeout=10000)
    assert box.locator("input[type=radio]").nth(0).is_disabled()
    assert box.get_by_role("button", name="Saved").is_disabled()
    assert box.locator(".widget-html").first.inner_text().startswith(f"Question {q.id}")
    for option in q.options:
        assert option.feedback[:40] not in box.inner_text()
