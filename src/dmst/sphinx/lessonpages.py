"""What the build adds to pages as it reads them: a notebook page's download link, and the
support box at the end of every lesson."""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.application import Sphinx

from dmst.lessons import curriculum


def lesson_docnames() -> set[str]:
    return {lesson.docname for lesson in curriculum().lessons}


def add_download_link(app: Sphinx, doctree: nodes.document) -> None:
    """A notebook page links to its learner edition (made by ``dmst.learner`` after the build),
    the notebook a learner runs in Jupyter: no MyST roles, no stored answers."""
    from dmst.learner import download_href

    href = download_href(app.env.docname)
    if href is None:
        return
    what = "this lesson" if app.env.docname in lesson_docnames() else "this page"
    doctree.append(
        nodes.raw(
            "",
            f'<p class="dmst-notebook-download"><a href="{html.escape(href)}" download>'
            f"Download {what} as a notebook</a> to work through it in Jupyter (JupyterLab or "
            "Jupyter Notebook).</p>",
            format="html",
        )
    )


def add_support_box(app: Sphinx, doctree: nodes.document) -> None:
    """Every lesson page ends with the support box, built from the (customizable) resources."""
    from dmst.resources import resources_path, support_box_html

    if app.env.docname in lesson_docnames():
        app.env.note_dependency(str(resources_path()))
        doctree.append(nodes.raw("", support_box_html(), format="html"))


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", add_download_link, priority=400)  # before the support box
    app.connect("doctree-read", add_support_box)
