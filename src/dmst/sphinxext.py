"""Sphinx extension for the book: quick exit, support boxes, resources, and ledger citations.

Everything an instructor customizes (resources, quick-exit target) reaches pages here, at build
time, so stored notebook outputs never depend on a reader's settings.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from dmst import ledger as ledger_module
from dmst import theme
from dmst.errors import DataError
from dmst.lessons import curriculum
from dmst.pages import write_generated_pages
from dmst.resources import load_resources, resources_html, resources_path, support_box_html

logger = logging.getLogger(__name__)


def data_fingerprint() -> str:
    """A hash of every file the pages are built from besides the pages themselves.

    Stored as a config value that Sphinx compares between builds: when an instructor edits the
    resources or anyone edits the ledger, every page is read again, so no page keeps stale text.
    """
    package = Path(__file__).parent
    files = sorted(package.glob("data/**/*")) + sorted(package.glob("*.py")) + [resources_path()]
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def check_data() -> None:
    """Load every content file once, so a mistake stops the build with one clear message."""
    from dmst.activities import all_activities
    from dmst.assessment import items
    from dmst.figures import all_diagrams
    from dmst.questions import bank
    from dmst.sessions import sessions

    for load in (
        load_resources,
        ledger_module.ledger,
        curriculum,
        bank,
        items,
        all_activities,
        all_diagrams,
        sessions,
    ):
        load()


def on_config_inited(app: Sphinx, config: Any) -> None:
    try:
        check_data()
    except DataError as exc:
        raise ConfigError(f"a content file needs fixing: {exc}") from None
    config.dmst_data_fingerprint = data_fingerprint()
    write_generated_pages()
    url = config.dmst_quick_exit_url
    if not url.startswith(("https://", "http://")):
        raise DataError(
            "_config.yml", "must be a full https:// address", "sphinx.config", "dmst_quick_exit_url"
        )


def on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """docutils marks the bibliography role="list" with biblioentry children, which breaks ARIA
    (axe: aria-required-children); the plain container reads the same to a screen reader."""
    body = context.get("body")
    if body and 'role="list" class="citation-list"' in body:
        context["body"] = body.replace('role="list" class="citation-list"', 'class="citation-list"')


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Every lesson page ends with the support box, built from the (customizable) resources."""
    lesson_docs = {lesson.docname for lesson in curriculum().lessons}
    if app.env.docname in lesson_docs:
        doctree.append(nodes.raw("", support_box_html(), format="html"))


class ResourcesDirective(Directive):
    """``:::{dmst-resources}`` inserts the resource list (national, state, local)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [nodes.raw("", resources_html(load_resources()), format="html")]


def stat_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{stat}`entry:number``` renders the ledger figure with its source and grade."""
    try:
        cited = ledger_module.cite(text.strip())
    except (KeyError, DataError) as exc:
        msg = inliner.reporter.error(f"stat role: {exc}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    entry_id = text.strip().partition(":")[0]
    node = nodes.inline(rawtext, cited, classes=["dmst-stat", f"dmst-stat-{entry_id}"])
    return [node], []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("dmst_quick_exit_url", "https://www.weather.gov/", "env")
    app.add_config_value("dmst_data_fingerprint", "", "env")
    app.connect("config-inited", on_config_inited)
    app.connect("doctree-read", on_doctree_read)
    app.connect("html-page-context", on_page_context)
    app.add_directive("dmst-resources", ResourcesDirective)
    app.add_role("stat", stat_role)
    # Quick exit, privacy and page weight: the book's layer over the theme (dmst/theme/).
    theme.setup(app)
    # Our own assets only (html_static_path: book/_static); defer so pages render before scripts.
    app.add_css_file("dmst.css")
    app.add_js_file("dmst.js", loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
