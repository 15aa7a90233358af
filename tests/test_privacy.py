"""The built book in Chromium over HTTP: nothing stored, nothing leaked, quick exit always works.

Storage is read from a page of the same site that runs none of the book's scripts (a stylesheet
opened as a document), so the test sees what the browser really kept, not the book's in-memory
stand-ins.
"""

from __future__ import annotations

import functools
import http.server
import io
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import HTML, swept_pages
from dmst.checks import dom_id
from dmst.lessons import curriculum
from dmst.questions import bank

pytestmark = [pytest.mark.book, pytest.mark.browser]
EXIT_URL = "https://www.weather.gov/"
LESSON = curriculum().lessons[0]
PAGES = swept_pages()
SEARCH_WORDS = "my boyfriend sells me"


def plain_page(book_url: str) -> str:
    """A document on the book's own origin that runs none of the book's scripts."""
    return f"{book_url}/_static/dmst.css"


def what_the_browser_kept(page, book_url: str) -> dict:
    page.goto(plain_page(book_url))
    return page.evaluate(
        """async () => ({
            local: Object.keys(localStorage),
            session: Object.keys(sessionStorage),
            cookie: document.cookie,
            indexedDB: (await indexedDB.databases()).map(d => d.name),
            caches: self.caches ? await caches.keys() : [],
        })"""
    )


NOTHING = {"local": [], "session": [], "cookie": "", "indexedDB": [], "caches": []}


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def outside(route):
        if route.request.url.startswith(EXIT_URL):
            route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>ok")
        else:
            route.abort()

    context.route(lambda url: not url.startswith(("http://127.0.0.1", "data:")), outside)
    yield context
    context.close()


def test_reading_searching_and_answering_leave_nothing_in_the_browser(context, book_url):
    page = context.new_page()
    page.goto(f"{book_url}/{LESSON.docname}.html")
    # Search from the panel every page has, and on the search page itself.
    page.keyboard.press("Control+k")
    page.keyboard.type(SEARCH_WORDS)
    page.keyboard.press("Enter")
    page.locator("#pst-search-dialog ul.search li").first.wait_for()
    assert SEARCH_WORDS.split()[1] not in page.url  # the words never enter the address
    page.keyboard.press("Escape")
    # Colour mode, both sidebars, a knowledge check.
    page.locator(".theme-switch-button").first.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.locator(".bd-header-article .primary-toggle").click()
    assert page.locator("#pst-primary-sidebar").evaluate(
        "el => el.classList.contains('pst-sidebar-hidden')"
    )
    page.locator(".bd-header-article .primary-toggle").click()
    q = next(q for q in bank().values() if q.id.startswith(f"{LESSON.id}.") and q.kind == "single")
    form = page.locator(f"#{dom_id(q)}")
    form.locator(f"#{dom_id(q)}-{q.options[0].key}").check()
    form.get_by_role("button", name="Check answer").click()
    page.goto(f"{book_url}/search.html?q=boyfriend")
    page.locator("#search-results ul.search li").first.wait_for()
    page.wait_for_load_state("load")
    assert "boyfriend" not in page.url  # dropped from the address once read
    # The book's scripts did try to remember things; all of it stayed in memory.
    assert page.evaluate("localStorage.getItem('sphinx_highlight_terms')") is not None
    assert what_the_browser_kept(page, book_url) == NOTHING


def test_phone_menu_and_search_work_and_store_nothing(browser, book_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{book_url}/{LESSON.docname}.html")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.locator(".bd-header-article .primary-toggle").click()
    menu = page.locator("#pst-primary-sidebar-modal")
    assert menu.evaluate("d => d.open")
    assert menu.get_by_role("link", name="Safety and support").is_visible()
    page.keyboard.press("Escape")
    assert not menu.evaluate("d => d.open")
    page.locator(".bd-header-article .secondary-toggle").click()
    contents = page.locator("#pst-secondary-sidebar-modal")
    assert contents.get_by_role("link").first.is_visible()
    contents.evaluate("d => d.close()")  # a second Escape now would be quick exit
    page.locator(".bd-header-article .search-button").click()
    page.keyboard.type("hotline")
    page.keyboard.press("Enter")
    first = page.locator("#pst-search-dialog ul.search li a").first
    first.wait_for()
    first.click()
    page.wait_for_load_state()
    assert "hotline" not in page.url and page.url.endswith(".html")
    assert what_the_browser_kept(page, book_url) == NOTHING
    context.close()


def test_quick_exit_works_whatever_storage_holds(context, book_url):
    page = context.new_page()
    page.goto(plain_page(book_url))
    # What the theme would read to hide its banner for 14 days, and other stored preferences.
    page.evaluate(
        """() => {
            const now = new Date().toISOString();
            localStorage.setItem('pst_announcement_banner_pref', JSON.stringify({closed: now}));
            localStorage.setItem('pst_banner_pref', JSON.stringify({'': now}));
            localStorage.setItem('mode', 'dark');
            sessionStorage.setItem('sidebar-scroll-top', '99999');
        }"""
    )
    page.goto(f"{book_url}/{LESSON.docname}.html")
    assert page.locator("a.dmst-quick-exit").is_visible()
    assert page.locator(".dmst-quick-exit-note").is_visible()
    assert page.evaluate("document.documentElement.dataset.dmstExit") == EXIT_URL
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL)


def test_escape_twice_works_even_if_the_quick_exit_link_is_gone(context, book_url):
    page = context.new_page()
    page.goto(f"{book_url}/{LESSON.docname}.html")
    page.evaluate("document.querySelectorAll('.dmst-exit-bar').forEach(e => e.remove())")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL)


@pytest.mark.parametrize("panel", ["menu", "search"])
def test_quick_exit_stays_on_top_of_open_panels(browser, book_url, panel):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.route(lambda url: url.startswith(EXIT_URL), lambda route: route.fulfill(body="ok"))
    page = context.new_page()
    page.goto(f"{book_url}/{LESSON.docname}.html")
    if panel == "menu":
        page.locator(".bd-header-article .primary-toggle").click()
        dialog = page.locator("#pst-primary-sidebar-modal")
        focused = page.evaluate("document.activeElement.className")
        assert "dmst-quick-exit" not in focused  # Enter on opening the menu never leaves
    else:
        page.locator(".bd-header-article .search-button").click()
        dialog = page.locator("#pst-search-dialog")
    assert dialog.evaluate("d => d.open")
    dialog.locator("a.dmst-quick-exit").click()  # fails if anything covers it
    page.wait_for_url(EXIT_URL)
    context.close()


def test_quick_exit_is_the_first_thing_a_keyboard_reaches(context, book_url):
    page = context.new_page()
    page.goto(f"{book_url}/{LESSON.docname}.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "dmst-quick-exit"


# --- No Referer reaches the exit site -------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[dict]] = []

    def do_GET(self) -> None:
        type(self).seen.append({"path": self.path, "referer": self.headers.get("Referer")})
        body = b'<!doctype html><title>Weather</title><link rel="icon" href="data:,"><p>Sunny.'
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _book_with_exit(directory: Path, exit_url: str):
    class Handler(http.server.SimpleHTTPRequestHandler):
        """The built book, with the quick-exit address pointed at a local stand-in."""

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.suffix != ".html" or not path.is_file():
                return super().send_head()
            data = path.read_text(encoding="utf-8").replace(EXIT_URL, exit_url).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return io.BytesIO(data)

        def log_message(self, *args) -> None:
            pass

    return functools.partial(Handler, directory=str(directory))


@pytest.fixture
def exit_site():
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", _Recorder.seen
    server.shutdown()


@pytest.fixture
def book_pointing_at(exit_site, built_book):
    exit_url, _ = exit_site
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), _book_with_exit(built_book, exit_url)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize("how", ["button", "escape-twice", "link-without-javascript"])
def test_the_exit_site_receives_no_referer(browser, book_pointing_at, exit_site, how):
    exit_url, seen = exit_site
    context = browser.new_context(java_script_enabled=how != "link-without-javascript")
    page = context.new_page()
    page.goto(f"{book_pointing_at}/{LESSON.docname}.html")
    if how == "escape-twice":
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    else:
        page.locator("a.dmst-quick-exit").click()
    page.wait_for_url(exit_url)
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:
        time.sleep(0.05)
    context.close()
    assert seen and seen[0]["path"] == "/"
    assert seen[0]["referer"] is None
    assert not any(book_pointing_at in (visit["referer"] or "") for visit in seen)


# --- No console errors -----------------------------------------------------------------------


@pytest.mark.parametrize("name", [*PAGES, "search.html"])
def test_no_page_logs_a_console_error(context, book_url, name):
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    page.goto(f"{book_url}/{name}")
    page.wait_for_load_state("networkidle")
    assert problems == []


def test_searching_and_switching_modes_log_no_error(context, book_url):
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{book_url}/book/instructors/lesson-01.html")
    for _ in range(3):
        page.locator(".theme-switch-button").first.click()
    page.locator(".search-button__button:visible").first.click()
    page.keyboard.type("grooming")
    page.keyboard.press("Enter")
    page.locator("#pst-search-dialog ul.search li").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert problems == []


# --- Quick exit's note: on every page, in every mode; not in print ----------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_quick_exit_note_is_visible_and_readable(browser, book_url, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    for name in ("book/index.html", f"{LESSON.docname}.html", "search.html"):
        page.goto(f"{book_url}/{name}")
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        note = page.locator(".dmst-quick-exit-note")
        assert note.is_visible() and "does not erase your browsing history" in note.inner_text()
        assert note.get_by_role("link", name="Safety and support").is_visible()
        button = page.locator("a.dmst-quick-exit").bounding_box()
        box = note.bounding_box()
        overlaps = (
            box["x"] + box["width"] > button["x"] and box["y"] < button["y"] + button["height"]
        )
        assert not overlaps, "the note runs under the quick-exit button"
    page.emulate_media(media="print")
    assert not page.locator(".dmst-exit-bar").is_visible()
    context.close()


# --- What the browser really loads is what the budget counts ---------------------------------


@pytest.mark.parametrize("name", ["book/index.html", f"{LESSON.docname}.html", "search.html"])
def test_the_weight_count_sees_everything_the_browser_loads(context, book_url, name):
    from dmst.theme.weight import page_weight

    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    page.goto(f"{book_url}/{name}")
    page.wait_for_load_state("networkidle")
    counted = page_weight(HTML / name, HTML)
    loaded = {url.removeprefix(book_url + "/").split("?")[0] for url in sizes} - {name}
    assert loaded <= set(counted.files)
    assert sum(sizes.values()) <= counted.total


# --- Dark mode stays readable --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["book/safety.html", "book/ledger.html", "notebooks/02-who-is-exploited.html"]
)
def test_dark_mode_has_no_serious_accessibility_problem(browser, book_url, name):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(f"{book_url}/{name}")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    results = Axe().run(page)
    context.close()
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
