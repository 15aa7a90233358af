"""The book's layer over sphinx-book-theme: private, light, and quick exit first.

Registered from ``dmst.sphinx.setup``. At build time it

- gives every page our own quick-exit bar (first in the page, a plain link that works without
  JavaScript) and a first inline script that makes browser storage in-memory and handles quick
  exit before anything else loads (``first.js``);
- drops what no page uses: the theme's icon script and font, Bootstrap, the theme's scripts
  (``static/dmst-theme.js`` does the little the book needs, storing nothing), copy, toggle,
  thebe and tab scripts with their inline settings, and Sphinx's search scripts except on the
  search page (other pages load them only when a reader searches);
- replaces the theme's stylesheets with one bundle that keeps only the rules the built pages
  can use (``purge.py``), plus the icons as small SVG masks (``icons.py``);
- sends no Referer and asks for no favicon.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _CascadingStyleSheet
from sphinx.util import logging

from dmst.theme.icons import icons_css
from dmst.theme.purge import Rule, Tokens, parse, prune_custom_properties, purge, serialize

logger = logging.getLogger(__name__)
HERE = Path(__file__).parent
EXTRA = HERE / "extra.css"
BUNDLE_PREFIX = "dmst-theme."

# The theme's and extensions' stylesheets, in the order pages linked them. All go into the bundle.
BUNDLED_CSS = (
    "basic.css",
    "styles/pydata-sphinx-theme.css",
    "pygments.css",
    "styles/sphinx-book-theme.css",
    "togglebutton.css",
    "copybutton.css",
    "mystnb.*.css",
    "sphinx-thebe.css",
    "sphinx-design.min.css",
)
# Scripts no page uses (the book has no copy buttons, toggles, tabs or live code).
DROPPED_SCRIPTS = (
    "clipboard.min.js",
    "copybutton.js",
    "togglebutton.js",
    "design-tabs.js",
    "sphinx-thebe.js",
    "scripts/sphinx-book-theme.js",
)
# Sphinx's search support: on the search page only; dmst-theme.js loads them when someone searches.
SEARCH_SCRIPTS = ("documentation_options.js", "doctools.js", "sphinx_highlight.js")
DROPPED_INLINE = ("THEBE_JS_URL", "toggleHint", "toggleOpenOnPrint", "togglebuttonSelector")
# Files in the output that no page loads: removed so the published folder holds only what is used.
UNUSED_OUTPUT = (
    "_static/scripts/fontawesome.js*",
    "_static/scripts/bootstrap.js*",
    "_static/scripts/pydata-sphinx-theme.js*",
    "_static/scripts/sphinx-book-theme.js*",
    "_static/vendor/fontawesome",
    "_static/styles/*.map",
    "_static/sphinx-thebe.*",
    "_static/clipboard.min.js",
    "_static/copybutton*",
    "_static/check-solid.svg",
    "_static/copy-button.svg",
    "_static/play-solid.svg",
    "_static/togglebutton.*",
    "_static/design-tabs.js",
    "_static/images/logo_*",
)


def _source_digest() -> str:
    """Changes whenever this layer changes, so every page is rewritten with the new bundle name."""
    digest = hashlib.sha256()
    for path in sorted(HERE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _static_name(asset: Any) -> str:
    name = os.fspath(getattr(asset, "filename", "") or "")
    return name.removeprefix("_static/")


def _bundled(css: Any) -> bool:
    return any(fnmatch.fnmatch(_static_name(css), pattern) for pattern in BUNDLED_CSS)


def _bundled_path(path: Path, static: Path) -> bool:
    name = path.relative_to(static).as_posix()
    return any(fnmatch.fnmatch(name, pattern) for pattern in BUNDLED_CSS)


def _keep_script(js: Any, search_page: bool) -> bool:
    name = _static_name(js)
    if name:
        if name in DROPPED_SCRIPTS:
            return False
        return search_page or name not in SEARCH_SCRIPTS
    body = getattr(js, "attributes", {}).get("body", "")
    if any(marker in body for marker in DROPPED_INLINE):
        return False
    # DOCUMENTATION_OPTIONS.pagename = ... needs documentation_options.js: search page only.
    return search_page or "DOCUMENTATION_OPTIONS" not in body


def first_script(exit_url: str) -> str:
    """first.js with the exit address, without comments or indentation (it is in every page)."""
    text = (HERE / "first.js").read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    url = json.dumps(exit_url).replace("</", "<\\/")[1:-1]
    return text.replace("__DMST_EXIT_URL__", url)


def switch_off_thebe(app: Sphinx) -> None:
    """Jupyter Book always loads sphinx-thebe, which writes a CDN address into every page even
    with thebe off. The book has no live code: its listeners are disconnected."""
    for event in ("env-before-read-docs", "doctree-resolved"):
        for listener in list(app.events.listeners.get(event, [])):
            if getattr(listener.handler, "__module__", "").startswith("sphinx_thebe"):
                app.disconnect(listener.id)


def on_config_inited(app: Sphinx, config: Any) -> None:
    switch_off_thebe(app)
    config.templates_path = [str(HERE / "templates"), *config.templates_path]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    config.dmst_theme_fingerprint = _source_digest()
    options = dict(config.html_theme_options or {})
    options.pop("announcement", None)  # quick exit is our own element, never the theme's banner
    config.html_theme_options = options


def bundle_name(app: Sphinx) -> str:
    return f"{BUNDLE_PREFIX}{app.config.dmst_theme_fingerprint[:12]}.css"


def on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    search_page = pagename == "search"
    css_files = [css for css in context.get("css_files", []) if not _bundled(css)]
    bundle = _CascadingStyleSheet(f"_static/{bundle_name(app)}", priority=0)
    context["css_files"] = [bundle, *css_files]
    context["script_files"] = [
        js for js in context.get("script_files", []) if _keep_script(js, search_page)
    ]
    url = app.config.dmst_quick_exit_url
    context["dmst_exit_url"] = url
    context["dmst_first_script"] = first_script(url)
    safety = "book/safety"
    context["dmst_safety_href"] = (
        app.builder.get_relative_uri(pagename, safety) if safety in app.env.all_docs else ""
    )


def _page_tokens(outdir: Path) -> Tokens:
    tokens = Tokens()
    for page in outdir.rglob("*.html"):
        if "_static" not in page.relative_to(outdir).parts:
            tokens.add_html(page.read_text(encoding="utf-8", errors="replace"))
    static = outdir / "_static"
    scripts = [*static.glob("*.js"), *(HERE / "static").glob("*.js")]
    for script in scripts:
        tokens.add_script(script.read_text(encoding="utf-8", errors="replace"))
    return tokens


def _source_css(outdir: Path) -> list[tuple[str, str]]:
    static = outdir / "_static"
    found = []
    for pattern in BUNDLED_CSS:
        for path in sorted(static.glob(pattern)):
            found.append((path.relative_to(static).as_posix(), path.read_text(encoding="utf-8")))
    return found


def _css_words(sources: list[tuple[str, str]]) -> set[str]:
    return {w for _, css in sources for w in re.findall(r"[A-Za-z_][\w-]*", css)}


def _mentioned(tokens: set[str], words: set[str]) -> set[str]:
    """The tokens a stylesheet may name; a token with other characters (``sm:flex``, escaped in
    CSS) always counts."""
    return {t for t in tokens if t in words or not re.fullmatch(r"[\w-]+", t)}


def write_bundle(outdir: Path, name: str, also_read_by: list[str] | None = None) -> int:
    """Write the purged theme stylesheet; returns its size in bytes.

    ``also_read_by``: the pages' other stylesheets, whose ``var(--…)`` keep the theme's variables.
    """
    tokens = _page_tokens(outdir)
    sources = _source_css(outdir)
    target = outdir / "_static" / name
    # Purging takes a second: skip it when every stylesheet, and the pages' words that any of
    # them mentions, are as last time (a new heading's id, which no stylesheet names, changes
    # nothing the purge decides).
    key_file = outdir / "_static" / ".dmst-bundle-key"
    named = _css_words(sources)
    key = hashlib.sha256(
        repr(
            (
                sorted(_mentioned(tokens.classes, named)),
                sorted(_mentioned(tokens.ids, named)),
                sorted(_mentioned(tokens.tags, named)),
                sources,
                also_read_by,
                icons_css(),
                EXTRA.read_bytes(),
            )
        ).encode()
    ).hexdigest()
    if target.exists() and key_file.exists() and key_file.read_text(encoding="utf-8") == key:
        return target.stat().st_size
    rules: list[Rule] = []
    for _source, css in sources:
        rules += purge(parse(css), tokens)
    rules += parse(icons_css())
    rules += parse(EXTRA.read_text(encoding="utf-8"))
    rules = prune_custom_properties(rules, also_read_by or [])
    text = (
        "/* The theme's stylesheets (Sphinx basic, pydata-sphinx-theme, sphinx-book-theme, "
        "myst-nb, sphinx-design), keeping only rules the book's pages can use; then the book's "
        "icons and adjustments (dmst/theme). */\n" + serialize(rules) + "\n"
    )
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    key_file.write_text(key, encoding="utf-8")
    for old in (outdir / "_static").glob(f"{BUNDLE_PREFIX}*.css"):
        if old.name != name:
            old.unlink()
    return len(text.encode())


def remove_unused_output(outdir: Path) -> None:
    for pattern in UNUSED_OUTPUT:
        for path in outdir.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


def copy_changed_static_files(app: Sphinx, outdir: Path) -> None:
    """Sphinx copies static files only when some page is rewritten: an edit to dmst.css or
    dmst.js alone would never reach the book. Copy the project's own static files that differ."""
    confdir = Path(app.confdir)
    for entry in app.config.html_static_path:
        folder = confdir / entry
        if not folder.is_dir():
            continue
        for source in folder.rglob("*"):
            if source.is_file() and not source.name.startswith(".") and source.suffix != "_t":
                target = outdir / "_static" / source.relative_to(folder)
                if not target.exists() or target.read_bytes() != source.read_bytes():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    copy_changed_static_files(app, outdir)
    static = outdir / "_static"
    others = [
        path.read_text(encoding="utf-8", errors="replace")
        for path in [*static.glob("*.css"), *static.glob("*.js")]
        if not path.name.startswith(BUNDLE_PREFIX) and not _bundled_path(path, static)
    ]
    write_bundle(outdir, bundle_name(app), others)
    remove_unused_output(outdir)


def setup(app: Sphinx) -> None:
    app.add_config_value("dmst_theme_fingerprint", "", "env")
    app.connect("config-inited", on_config_inited, priority=600)
    app.connect("html-page-context", on_page_context, priority=900)
    app.connect("build-finished", on_build_finished)
    app.add_js_file("dmst-theme.js", loading_method="defer")
