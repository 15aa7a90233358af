"""Sphinx extension for the book: quick exit, support boxes, resources, and ledger citations.

Everything an instructor customizes (resources, quick-exit target) reaches pages here, at build
time, so stored notebook outputs never depend on a reader's settings.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from dmst import bookrender
from dmst import ledger as ledger_module
from dmst.errors import DataError
from dmst.lessons import curriculum
from dmst.pages import write_generated_pages
from dmst.resources import load_resources, resources_html, resources_path, support_box_html

logger = logging.getLogger(__name__)


def quick_exit_html(url: str) -> str:
    """The quick-exit control: a plain link; dmst.js makes it replace the page."""
    return (
        f'<a class="dmst-quick-exit" href="{html.escape(url)}" rel="noreferrer">Quick exit</a>'
        '<span class="dmst-quick-exit-note">Quick exit (or Escape pressed twice) leaves this site '
        "at once. It does not erase your browsing history: see "
        '<span class="dmst-safety-name">Safety and support</span>.</span>'
    )


def code_fingerprint() -> str:
    """A hash of the package's code, stored as a config value Sphinx compares between builds.

    Changed code can change any page, so it re-reads them all. Changed *data* re-reads only the
    pages made from it: each page notes the data files it used (see dmst.bookrender), so an
    edited question or ledger value rebuilds its own pages and nothing else.
    """
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def check_data() -> None:
    """Load every content file once, so a mistake stops the build with one clear message."""
    from dmst.activities import all_activities
    from dmst.assessment import forms, items
    from dmst.characters import characters
    from dmst.diagrams import all_diagrams
    from dmst.law import load_law
    from dmst.questions import bank
    from dmst.sessions import sessions

    for load in (
        load_resources,
        load_law,
        ledger_module.ledger,
        curriculum,
        bank,
        items,
        forms,
        all_activities,
        all_diagrams,
        sessions,
        characters,
    ):
        load()


def on_config_inited(app: Sphinx, config: Any) -> None:
    try:
        check_data()
    except DataError as exc:
        raise ConfigError(f"a content file needs fixing: {exc}") from None
    config.dmst_code_fingerprint = code_fingerprint()
    write_generated_pages()
    url = config.dmst_quick_exit_url
    if not url.startswith(("https://", "http://")):
        raise DataError(
            "_config.yml", "must be a full https:// address", "sphinx.config", "dmst_quick_exit_url"
        )
    options = dict(config.html_theme_options or {})
    options["announcement"] = quick_exit_html(url)
    config.html_theme_options = options


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
        app.env.note_dependency(str(resources_path()))
        doctree.append(nodes.raw("", support_box_html(), format="html"))


def add_download_link(app: Sphinx, doctree: nodes.document) -> None:
    """A notebook page links to its learner edition (made by ``dmst.learner`` after the build),
    the notebook a learner runs in Jupyter: no MyST roles, no stored answers."""
    from dmst.learner import download_href

    href = download_href(app.env.docname)
    if href is None:
        return
    is_lesson = app.env.docname in {lesson.docname for lesson in curriculum().lessons}
    what = "this lesson" if is_lesson else "this page"
    doctree.append(
        nodes.raw(
            "",
            f'<p class="dmst-notebook-download"><a href="{html.escape(href)}" download>'
            f"Download {what} as a notebook</a> to work through it in Jupyter (JupyterLab or "
            "Jupyter Notebook).</p>",
            format="html",
        )
    )


class ResourcesDirective(Directive):
    """``:::{dmst-resources}`` inserts the resource list (national, state, local)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.state.document.settings.env.note_dependency(str(resources_path()))
        return [nodes.raw("", resources_html(load_resources()), format="html")]


def stat_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{stat}`entry:number``` renders the ledger figure with its source and grade."""
    try:
        cited = ledger_module.cite(text.strip())
    except (KeyError, DataError) as exc:
        msg = inliner.reporter.error(f"stat role: {exc}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    inliner.document.settings.env.note_dependency(str(ledger_module.LEDGER_FILE))
    entry_id = text.strip().partition(":")[0]
    node = nodes.inline(rawtext, cited, classes=["dmst-stat", f"dmst-stat-{entry_id}"])
    return [node], []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("dmst_quick_exit_url", "https://www.weather.gov/", "env")
    app.add_config_value("dmst_code_fingerprint", "", "env")
    bookrender.setup(app)
    # The published book's address: the learner edition's links to book pages go there (see
    # dmst.learner). Not used by the pages themselves.
    app.add_config_value("dmst_book_url", "", "env")
    app.connect("config-inited", on_config_inited)
    app.connect("doctree-read", add_download_link, priority=400)  # before the support box
    app.connect("doctree-read", on_doctree_read)
    app.connect("html-page-context", on_page_context)
    app.add_directive("dmst-resources", ResourcesDirective)
    from dmst.directives import DIRECTIVES  # facts from the data: notes' timing, session plans

    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_role("stat", stat_role)
    # Our own assets only (html_static_path: book/_static); defer so pages render before scripts.
    app.add_css_file("dmst.css")
    app.add_js_file("dmst.js", loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
