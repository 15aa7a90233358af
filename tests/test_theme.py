"""The book's theme layer: private pages, nothing unused, weight budgets, and the CSS purge."""

from __future__ import annotations

import re
import statistics
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import HTML, ROOT, book_pages
from dmst.theme import first_script
from dmst.theme.icons import ICONS
from dmst.theme.purge import Tokens, parse, prune_custom_properties, purge_css, serialize
from dmst.theme.weight import page_weight

PAGE_BUDGET = 600_000  # bytes, everything a page loads, uncompressed
MEDIAN_BUDGET = 300_000

PAGES = [*book_pages(), HTML / "search.html", HTML / "genindex.html"] if HTML.exists() else []
IDS = [p.relative_to(HTML).as_posix() for p in PAGES]
EXIT_URL = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"][
    "dmst_quick_exit_url"
]
# XML namespace names: identifiers inside SVG, never fetched.
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")
NOT_LOADED_ANYWHERE = (
    "fontawesome",
    "bootstrap.js",
    "pydata-sphinx-theme.js",
    "sphinx-book-theme.js",
    "pydata-sphinx-theme.css",
    "thebe",
    "copybutton",
    "clipboard",
    "togglebutton",
    "design-tabs",
    "sphinx-design",
    "webfonts",
)
SEARCH_ONLY = ("searchtools.js", "language_data.js", "searchindex.js", "sphinx_highlight.js")


class Head(HTMLParser):
    """The order of things in <head>, the inline scripts and styles, and the body's first tag."""

    def __init__(self) -> None:
        super().__init__()
        self.head: list[tuple[str, dict[str, str]]] = []
        self.inline: list[str] = []
        self.body_first: tuple[str, dict[str, str]] | None = None
        self._in_head = False
        self._in_body = False
        self._capture: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_body = True
        elif self._in_head:
            self.head.append((tag, a))
        elif self._in_body and self.body_first is None:
            self.body_first = (tag, a)
        if tag in ("script", "style") and not a.get("src"):
            self._capture = []

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag in ("script", "style") and self._capture is not None:
            self.inline.append("".join(self._capture))
            self._capture = None

    def handle_data(self, data):
        if self._capture is not None:
            self._capture.append(data)


def head_of(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


pytestmark = pytest.mark.book


# --- Every page: private from its first byte -----------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_page_sends_no_referer_and_runs_the_privacy_script_first(path):
    page = head_of(path)
    tags = page.head
    first_load = next(
        i for i, (tag, a) in enumerate(tags) if tag == "script" or a.get("rel") == "stylesheet"
    )
    assert ("meta", {"name": "referrer", "content": "no-referrer"}) in tags[:first_load]
    assert ("link", {"rel": "icon", "href": "data:,"}) in tags[:first_load]
    assert tags[first_load] == ("script", {}), "the first script is the inline privacy script"
    assert "data-dmst-exit" in page.inline[0] and "localStorage" in page.inline[0]
    assert page.body_first == ("aside", {"class": "dmst-exit-bar", "aria-label": "Quick exit"})


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_page_loads_nothing_it_does_not_use(path):
    loaded = set(page_weight(path, HTML).files)
    unused = [name for name in loaded if any(part in name for part in NOT_LOADED_ANYWHERE)]
    assert unused == []
    if path.name != "search.html":
        assert [name for name in loaded if name.endswith(SEARCH_ONLY)] == []


def _without_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"(^|\s)//[^\n]*", r"\1", text)  # a line comment, never the // of an address


def _outside_urls(text: str) -> list[str]:
    text = _without_comments(text)
    found = re.findall(r"""(?:https?:)?//[\w-]+(?:\.[\w-]+)+[^\s"'`)<>]*""", text)
    return [url for url in found if not url.startswith(NAMESPACES) and url != EXIT_URL]


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_no_outside_url_in_the_scripts_styles_or_settings_a_page_runs(path):
    page = head_of(path)
    texts = {"inline script or style": "\n".join(page.inline)}
    for name in page_weight(path, HTML).files:
        if name.endswith((".js", ".css")):
            texts[name] = (HTML / name).read_text(encoding="utf-8", errors="replace")
    found = {where: urls for where, text in texts.items() if (urls := _outside_urls(text))}
    assert found == {}


def test_the_quick_exit_address_is_the_only_address_inline_and_is_a_plain_link():
    text = (HTML / "book" / "index.html").read_text(encoding="utf-8")
    assert f'<a class="dmst-quick-exit" href="{EXIT_URL}" rel="noreferrer">' in text


def test_published_folder_holds_no_unused_theme_files(built_book):
    leftovers = [
        p.relative_to(built_book).as_posix()
        for p in (built_book / "_static").rglob("*")
        if any(part in p.name for part in ("fontawesome", "bootstrap.js", "thebe", ".map"))
    ]
    assert leftovers == []


def test_every_icon_a_page_shows_is_drawn(built_book):
    used = set()
    for path in PAGES:
        used.update(re.findall(r"\bfa-([a-z-]+)", path.read_text(encoding="utf-8")))
    assert used - {"solid", "lg"} <= set(ICONS)


# --- Weight budgets ------------------------------------------------------------------------------


def test_page_weight_budgets(built_book):
    weights = [page_weight(path, HTML) for path in PAGES]
    assert [(w.page, w.missing) for w in weights if w.missing] == []

    def counted(w):
        return w.total

    table = "\n".join(
        f"{w.page:<50} {w.total / 1000:8.1f} KB ({w.inline_images / 1000:.1f} KB inline figures)"
        for w in sorted(weights, key=counted)
    )
    over = [w.page for w in weights if counted(w) > PAGE_BUDGET]
    assert over == [], f"over {PAGE_BUDGET / 1000:.0f} KB:\n{table}"
    median = statistics.median(counted(w) for w in weights)
    assert median <= MEDIAN_BUDGET, f"median {median / 1000:.1f} KB:\n{table}"


# --- The CSS purge -------------------------------------------------------------------------------


def tokens(html: str, script: str = "") -> Tokens:
    t = Tokens()
    t.add_html(html)
    t.add_script(script)
    return t


def test_purge_keeps_what_can_match_and_drops_what_cannot():
    css = """
    /* comment { } */
    .used { color: red }
    .unused { color: blue }
    .used .unused, .used > p { margin: 0 }
    div.used:not(.never-there):hover::before { content: "{" }
    #main .used[data-x="a,b"] { top: 0 }
    #elsewhere { top: 1px }
    table.used { border: 0 }
    .added-by-script { color: green }
    @media (max-width: 600px) { .unused { color: red } .used { color: red } }
    @media print { .unused { display: none } }
    @font-face { font-family: "Font Awesome 6 Free"; src: url(fa.woff2) }
    @font-face { font-family: "Other"; src: url(other.woff2) }
    @keyframes spin { from { top: 0 } } @keyframes pulse { to { top: 1px } }
    .used { animation: pulse 1s }
    .fa-solid, .fa-bars::before { content: "\\f0c9" }
    """
    page = '<div id="main" class="used"><p>text</p></div>'
    out = purge_css(css, tokens(page, 'el.classList.add("added-by-script")'))
    assert ".used{color: red}" in out
    assert ".unused" not in out.replace(".used .unused", "")
    assert ".used > p{margin: 0}" in out and ".used .unused" not in out
    assert 'div.used:not(.never-there):hover::before{content: "{"}' in out
    assert '#main .used[data-x="a,b"]' in out and "#elsewhere" not in out
    assert "table.used" not in out  # no table on the page
    assert ".added-by-script" in out
    assert "@media (max-width: 600px){.used{color: red}}" in out and "@media print" not in out
    assert "Font Awesome" not in out and "Other" in out
    assert "pulse" in out and "spin" not in out
    assert "fa-" not in out  # the icon font's classes are gone: icons.py draws the icons


def test_custom_properties_nothing_reads_are_dropped():
    css = ":root{--a:1px;--b:var(--c);--c:2px;--unused:3px}.x{margin:var(--b)}"
    out = serialize(prune_custom_properties(parse(css), ["p{padding:var(--a)}"]))
    assert out == ":root{--a:1px;--b:var(--c);--c:2px}\n.x{margin:var(--b)}"


def test_first_script_embeds_the_exit_address_safely():
    script = first_script('https://example.org/?a="b"</script>')
    assert 'var EXIT = "https://example.org/?a=\\"b\\"<\\/script>";' in script
    assert "/*" not in script and "</script" not in script


def test_the_bundle_is_purged_again_only_when_a_word_its_stylesheets_name_changes(
    tmp_path, monkeypatch
):
    """A rebuild skips the purge when no page gained or lost a class, id or element any
    stylesheet names; a new heading (its id named by no stylesheet) is such an edit."""
    import dmst.theme as theme

    static = tmp_path / "_static"
    static.mkdir()
    (static / "basic.css").write_text(".used{color:red}.later{color:blue}#main{top:0}")
    page = tmp_path / "page.html"
    purges = []
    real_purge = theme.purge
    monkeypatch.setattr(theme, "purge", lambda *a: purges.append(1) or real_purge(*a))

    def build(html: str) -> str:
        page.write_text(html)
        purges.clear()
        theme.write_bundle(tmp_path, "dmst-theme.test.css")
        return (static / "dmst-theme.test.css").read_text()

    first = build('<main id="main"><h2 id="old-heading" class="used">Old</h2></main>')
    assert purges and ".used{color:red}" in first and ".later" not in first
    assert build('<main id="main"><h2 id="new-heading" class="used">New</h2></main>') == first
    assert not purges, "a heading's new id, which no stylesheet names, re-ran the purge"
    added = build('<main id="main"><h2 id="new-heading" class="used later">New</h2></main>')
    assert purges and ".later{color:blue}" in added
    without = build('<main><h2 id="new-heading" class="used later">New</h2></main>')
    assert purges and "#main" not in without
