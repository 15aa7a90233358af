"""Shared fixtures: the project root, the built book, a loopback server and Chromium."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from dmst import settings

ROOT = Path(__file__).resolve().parents[1]
# The project's conftest.py sets DMST_DATA_DIR and DMST_STORED_OUTPUTS for every run. A test of
# what a live notebook shows unsets the second (see `live` below).


@pytest.fixture
def live(monkeypatch):
    """Outputs as a learner running the notebook sees them (not stored for the book)."""
    monkeypatch.delenv("DMST_STORED_OUTPUTS", raising=False)


@pytest.fixture(autouse=True)
def private_results(tmp_path, monkeypatch):
    """Tests never touch a real learner's results: each gets its own data folder."""
    monkeypatch.setenv("DMST_DATA_DIR", str(tmp_path / "dmst-data"))
    monkeypatch.delenv("DMST_RECORD", raising=False)


HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def built_book() -> Path:
    if not (HTML / "index.html").exists():
        pytest.fail("The book is not built: run `make book` (or `make test`, which builds it).")
    return HTML


def book_pages() -> list[Path]:
    """Every content page of the built book (not Sphinx's search and index pages)."""
    skip = {"search.html", "genindex.html", "py-modindex.html"}
    return sorted(
        p
        for p in HTML.rglob("*.html")
        if p.name not in skip and "_static" not in p.parts and not is_redirect(p)
    )


# `make test` drives a sample of the book in the browser; `make test-sweep` (a step of CI) every
# page, every lesson and every numeric check. The sample holds each kind of page: home, support,
# the ledger, a lesson with every kind of check, the numbers lesson, the pre-course page, notes
# and a contributors' page.
SWEEP = settings.flag("DMST_SWEEP")
SAMPLE_PAGES = (
    "book/index.html",
    "book/safety.html",
    "book/ledger.html",
    "notebooks/01-what-is-dmst.html",
    "notebooks/06-the-numbers.html",
    "notebooks/assessment-pre.html",
    "book/instructors/lesson-01.html",
    "book/contributors/editorial.html",
)
SAMPLE_LESSONS = ("01", "06")


def swept_pages() -> list[str]:
    """The built pages the browser tests visit: every one in a sweep, else the sample."""
    if not HTML.exists():
        return []
    names = [p.relative_to(HTML).as_posix() for p in book_pages()]
    return names if SWEEP else [name for name in names if name in SAMPLE_PAGES]


def swept_lessons(lessons: list) -> list:
    """The lessons whose checks the browser tests answer: all in a sweep, else the sample."""
    return lessons if SWEEP else [lesson for lesson in lessons if lesson.id in SAMPLE_LESSONS]


def is_redirect(path: Path) -> bool:
    """Jupyter Book writes the top index.html as a one-line redirect to the home page."""
    text = path.read_text(encoding="utf-8")
    return len(text) < 300 and 'http-equiv="Refresh"' in text


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser cancelling a request is not a test failure


@pytest.fixture(scope="session")
def book_url(built_book: Path):
    """Serve the built book on 127.0.0.1 with a random free port, as any static host would."""
    handler = functools.partial(_Quiet, directory=str(built_book))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def chromium_path() -> str | None:
    from dmst.printing import chromium

    return chromium()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "SKIPPED browser tests: no Chromium found (apt-get install chromium)"
        if settings.flag("DMST_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()
