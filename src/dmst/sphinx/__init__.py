"""The book's Sphinx extension (``_config.yml`` loads it as ``dmst.sphinx``).

Everything an instructor customizes (resources, the quick-exit address) reaches pages here, at
build time, so stored notebook outputs never depend on a reader's settings:

- :mod:`.config`: the ``dmst_*`` settings, and the checks that stop the build on a bad setting or
  content file;
- :mod:`.roles`: ``{stat}``, a ledger figure with its source and grade;
- :mod:`.directives`: facts from the data in facilitator notes and other pages;
- :mod:`.generated`: the parts of pages made wholly from the data (ledger, law, curriculum map);
- :mod:`.lessonpages`: each lesson's support box and each notebook page's download link;
- :mod:`.citations`: the reference list's markup;
- ``static/``: the book's own stylesheet and script (quick exit, checks in the static book);
- :mod:`dmst.bookrender`: stored notebook outputs rendered from the data;
- :mod:`dmst.theme`: the book's layer over the theme (quick exit first, privacy, page weight).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from dmst import bookrender, theme
from dmst.sphinx import citations, config, directives, generated, lessonpages, madefrom, roles


def add_static_path(app: Sphinx) -> None:
    """The extension's own static files ship with it, whatever the project's html_static_path."""
    path = str(config.STATIC)
    if path not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, path]


def setup(app: Sphinx) -> dict[str, Any]:
    config.setup(app)
    madefrom.setup(app)
    bookrender.setup(app)
    roles.setup(app)
    directives.setup(app)
    generated.setup(app)
    lessonpages.setup(app)
    citations.setup(app)
    theme.setup(app)
    app.connect("builder-inited", add_static_path)
    # Deferred, so pages render before scripts run.
    app.add_css_file("dmst.css")
    app.add_js_file("dmst.js", loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
