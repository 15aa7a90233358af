"""The learner edition in real JupyterLab (the `make lab` set-up) and Chromium: `make lab-test`.

Opens lesson 01 and the pre-course assessment as a learner would: nothing raw or alarming before
running, no answer visible, Run All without an error, a check answered with the keyboard, and a
saved notebook that reopens without a widget error. JupyterLab serves a copy of the learner
edition, so the test never changes `_build/learner`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from dmst import settings
from dmst.assessment import items
from dmst.learner import OUT, lint_notebook
from dmst.questions import bank

pytestmark = [pytest.mark.lab, pytest.mark.browser]
LESSON = "01-what-is-dmst.ipynb"
PRETEST = "assessment-pre.ipynb"
RAW = re.compile(r"\{(stat|cite|term|doc|ref)[:}]|:::|\{admonition\}")
ERRORS = ("Error displaying widget", "model not found", "Traceback", "⚠")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(base: Path):
    """JupyterLab as `make lab` starts it, on a copy of the learner edition in ``base``, with no
    token on 127.0.0.1; yields {"url", "root"} and stops it afterwards."""
    from dmst.lab import lab_args

    root = base / "root"
    shutil.copytree(OUT, root / "learner", ignore=shutil.ignore_patterns(".*"))
    (root / "html").symlink_to(ROOT / "_build" / "html")
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        DMST_DATA_DIR=str(base / "results"),
    )
    port = free_port()
    jupyter = Path(sys.executable).parent / "jupyter"
    args = [
        str(jupyter),
        "lab",
        *lab_args(root, root / "learner"),
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        f"--LabApp.user_settings_dir={base / 'settings'}",
    ]
    with (base / "server.log").open("w") as log:
        server = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(f"{url}/api/status", timeout=2)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log_path = base / "server.log"
                        raise RuntimeError(f"JupyterLab did not start: see {log_path}") from None
                    time.sleep(0.2)
            yield {"url": url, "root": root}
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if importlib.util.find_spec("jupyterlab") is None:
        message = "SKIPPED lab tests: JupyterLab is not installed (run `make lab-test`)"
        if settings.flag("DMST_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    if not (OUT / LESSON).exists():
        pytest.fail("The learner edition is not built: run `make lab-test` (it builds it).")
    with running_lab(tmp_path_factory.mktemp("lab")) as lab:
        yield lab


@pytest.fixture
def page(browser, lab):
    """A page whose requests must stay on 127.0.0.1 (anything else is refused and recorded)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.outside_requests = []

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            page.outside_requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.set_default_timeout(60_000)
    yield page
    context.close()


def open_notebook(page, lab, name: str, workspace: str = "") -> None:
    """Open a learner notebook (in a fresh JupyterLab workspace when one is named)."""
    where = f"workspaces/{workspace}/" if workspace else ""
    page.goto(f"{lab['url']}/lab/{where}tree/learner/{name}")
    notebook(page).locator(".jp-Cell").first.wait_for()
    wait_idle(page)


def wait_idle(page) -> None:
    """The kernel has connected and is idle (the status bar says so; before it connects, the
    toolbar's indicator already reads idle)."""
    page.wait_for_function(
        "() => /\\| Idle/.test(document.querySelector('#jp-main-statusbar')?.textContent || '')"
    )


def notebook(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")


def run_all(page) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=120_000,
    )
    wait_idle(page)


def save(page) -> None:
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')")


def answer_texts(questions) -> list[str]:
    """What would give answers away if it were on screen before a learner answered."""
    texts = [q.explanation for q in questions]
    texts += [o.feedback for q in questions for o in q.options]
    return [t for t in texts if len(t) > 20]


def assert_reads_clean(page, when: str = "") -> None:
    text = notebook(page).evaluate("el => el.textContent")  # offscreen cells too
    assert not RAW.search(text), f"{when}: raw MyST {RAW.search(text).group(0)!r}"
    for error in ERRORS:
        assert error not in text, f"{when}: {error!r} shows"
    answers = notebook(page).locator(".dmst-check, [data-correct], .dmst-reveal")
    assert answers.count() == 0, f"{when}: a stored answer form shows"
    assert "Jupyter news" not in page.locator("body").inner_text(), "JupyterLab asks about news"


def test_lesson_in_jupyterlab(page, lab):
    open_notebook(page, lab, LESSON)
    time.sleep(1)  # JupyterLab updates metadata once the kernel is ready
    assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0, "modified on open"
    assert_reads_clean(page, "opened")
    questions = [q for q in bank().values() if q.id.startswith("01.")]
    text = notebook(page).evaluate("el => el.textContent")
    assert not [t for t in answer_texts(questions) if t in text], "an answer shows before running"
    figures = (
        notebook(page)
        .locator(".jp-OutputArea img")
        .evaluate_all("imgs => imgs.map(i => i.naturalWidth > 0 && i.alt.length > 20)")
    )
    assert figures and all(figures), "a stored figure does not show (with its alt text) unrun"

    run_all(page)
    assert_reads_clean(page, "after Run All")
    errors = notebook(page).locator('[data-mime-type="application/vnd.jupyter.error"]')
    assert errors.count() == 0, errors.first.inner_text()
    assert notebook(page).locator(".widget-button, .jupyter-button").count() >= len(questions)
    text = notebook(page).evaluate("el => el.textContent")
    assert not [t for t in answer_texts(questions) if t in text], "an answer shows unasked"

    save(page)
    saved = lab["root"] / "learner" / LESSON
    assert lint_notebook(saved, lab["root"]) == []  # no widget view, no answer on disk
    assert json.loads(saved.read_text())["cells"][1]["outputs"], "the lesson header was dropped"

    # Reopen with the kernel still running, then after it has been shut down.
    for kernel in ("running", "shut down"):
        open_notebook(page, lab, LESSON)
        time.sleep(1)
        assert_reads_clean(page, f"reopened with the kernel {kernel}")
        page.get_by_role("menuitem", name="Kernel", exact=True).click()
        page.get_by_role("menuitem", name=re.compile(r"^Shut Down Kernel")).click()
        confirm = page.locator(".jp-Dialog").get_by_role("button", name=re.compile("Shut Down"))
        if confirm.count():
            confirm.click()
    assert page.outside_requests == []


def test_pretest_in_jupyterlab_shows_no_answer_key(page, lab):
    open_notebook(page, lab, PRETEST)
    assert_reads_clean(page, "opened")
    run_all(page)
    assert_reads_clean(page, "after Run All")
    text = notebook(page).evaluate("el => el.textContent")
    shown = [t for t in answer_texts(items()) if t in text]
    assert not shown, f"the pre-test shows an answer: {shown[0]!r}"
    assert notebook(page).get_by_role("radio").count() >= len(items())
    assert page.outside_requests == []


def test_book_link_opens_the_page_inside_jupyterlab(page, lab):
    open_notebook(page, lab, LESSON)
    link = notebook(page).get_by_role("link", name="Safety and support").first
    # JupyterLab may reopen the notebook scrolled down (an earlier test ran it to the end), and it
    # skips drawing cells out of view, so bring the content note's link into view as a reader would.
    link.evaluate("el => el.scrollIntoView({block: 'center'})")
    link.click()
    tab = page.locator(".lm-TabBar-tab", has_text="safety.html")
    tab.wait_for()
    frame = page.frame_locator(".jp-HTMLViewer iframe")
    assert "Safety and support" in frame.locator("h1").first.inner_text()


def test_check_answered_with_arrow_keys(page, lab):
    open_notebook(page, lab, LESSON)
    run_all(page)
    q = next(q for q in bank().values() if q.id.startswith("01.") and q.kind == "single")
    source = page.locator(".jp-InputArea-editor", has_text=re.compile(rf'^check\("{q.id}"\)$'))
    cell = notebook(page).locator(".jp-CodeCell", has=source)
    radios = cell.get_by_role("radio")
    right = cell.get_by_role("radio", name=next(o.text for o in q.options if o.correct))

    def active_cell() -> str | None:
        return (
            notebook(page)
            .locator(".jp-Cell.jp-mod-active")
            .get_attribute("data-windowed-list-index")
        )

    radios.first.focus()  # where Tab brings a keyboard user
    where = active_cell()
    page.keyboard.press("Space")
    assert radios.first.is_checked()
    page.keyboard.press("ArrowDown")
    assert active_cell() == where, "ArrowDown moved JupyterLab to another cell"
    assert radios.nth(1).is_checked(), "ArrowDown did not choose the next option"
    page.keyboard.press("ArrowUp")
    assert radios.first.is_checked(), "ArrowUp did not choose the option above"
    for _ in range(radios.count()):
        if right.is_checked():
            break
        page.keyboard.press("ArrowDown")
    assert right.is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Check answer"
    page.keyboard.press("Enter")
    cell.get_by_text("Correct").first.wait_for(timeout=10_000)


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned with =="
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_every_lab_package_is_pinned_and_installed():
    from importlib.metadata import distributions

    base = _pins(ROOT / "requirements.txt")
    lab = _pins(ROOT / "requirements-lab.txt")
    hub = _pins(ROOT / "requirements-hub.txt")  # `make hub` adds its own, on top of the lab's
    installed = {
        re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version for d in distributions()
    }
    extra = {
        name: version
        for name, version in installed.items()
        if name not in base and name not in ("pip", "setuptools", "wheel", "dmst")
    }
    lab_part = {name: version for name, version in extra.items() if name in lab}
    assert lab_part == lab, "requirements-lab.txt differs from what is installed"
    unpinned = {name for name in extra if name not in lab and name not in hub}
    assert not unpinned, f"installed but pinned nowhere: {sorted(unpinned)}"


def test_jupyterlab_lists_no_incompatible_extension():
    jupyter = Path(sys.executable).parent / "jupyter"
    listing = subprocess.run(
        [str(jupyter), "labextension", "list"], capture_output=True, text=True, check=True
    )
    text = listing.stdout + listing.stderr
    assert "@jupyter-widgets/jupyterlab-manager" in text
    assert not re.search(r"incompatible|error|X\b", text, re.I), text
