"""The book's side of build-time rendering: placeholders in stored outputs become real content.

On reading a page, each placeholder (see :mod:`dmst.display`) is rendered from the current data,
and the data files it used are noted as the page's dependencies, so Sphinx re-reads exactly the
pages an edit touches. Checks and assessments, quick to render and followed by their content,
are rendered again as the page is written: an edited prompt or ledger value then only rewrites
the pages that show it (:mod:`dmst.sphinx.madefrom`). Figure pictures travel with the page's
doctree and are written as files under ``_images/`` when the page is written; the page links to
them with width and height, lazily below the first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from dmst.ledger import entries_text
from dmst.render import IMAGE_SCHEME, PLACEHOLDER, Rendered, RenderError, render
from dmst.sphinx import madefrom

logger = logging.getLogger(__name__)
IMAGES = "dmst_images"  # doctree attribute: picture file name -> bytes


def render_placeholders(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: replace every placeholder with its content, noting what it was made from."""

    def use(kind: str, arg: str, made: Rendered) -> str | None:
        if made.by_content:  # rendered again when the page is written (fill_in)
            madefrom.note(app.env, "render", f"{kind}:{arg}", made.html)
            return None
        for path in made.depends:
            app.env.note_dependency(str(path))
        if made.entries:
            ids = ",".join(sorted(made.entries))
            madefrom.note(app.env, "ledger-entries", ids, entries_text(ids))
        return made.html

    _replace_placeholders(doctree, use)


def fill_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: the placeholders left for writing, rendered from the data as it is now."""
    _replace_placeholders(doctree, lambda kind, arg, made: made.html)


def _replace_placeholders(
    doctree: nodes.document, use: Callable[[str, str, Rendered], str | None]
) -> None:
    """Render each placeholder; ``use`` gives its HTML, or None to leave it for later. A
    placeholder that cannot be rendered is reported on its page (the page is then read again)."""
    images: dict[str, bytes] = doctree.get(IMAGES) or {}
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if node.get("format") != "html" or "dmst-render" not in text:
            continue

        def replace(match: re.Match[str], node: nodes.Node = node) -> str:
            kind, arg = match["kind"], html.unescape(match["arg"])
            try:
                made = render(kind, arg)
            except RenderError as exc:
                logger.warning(f"dmst: cannot show {exc}", location=node)
                return ""
            shown = use(kind, arg, made)
            if shown is None:
                return match[0]
            images.update(made.images)
            return shown

        node.replace_self(nodes.raw("", PLACEHOLDER.sub(replace, text), format="html"))
    if images:
        doctree[IMAGES] = images


def write_images(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: write the page's pictures and point its figures at them."""
    images: dict[str, bytes] = doctree.get(IMAGES) or {}
    if not images or app.builder.format != "html":
        return
    folder = Path(app.outdir) / "_images"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in images.items():
        target = folder / name
        if not target.exists():  # the name carries a hash of the bytes
            target.write_bytes(data)
    prefix = "../" * docname.count("/") + "_images/"
    first = True
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if IMAGE_SCHEME not in text:
            continue
        text = text.replace(IMAGE_SCHEME, prefix)
        if first:  # the first picture may be in view at once: load it eagerly
            text = text.replace(' loading="lazy" decoding="async"', "", 1)
            first = False
        node.replace_self(nodes.raw("", text, format="html"))


def render_again(key: str) -> str:
    kind, _, arg = key.partition(":")
    return render(kind, arg).html


def setup(app: Sphinx) -> None:
    madefrom.maker("render", render_again, when="written")
    madefrom.maker("ledger-entries", entries_text)
    app.connect("doctree-read", render_placeholders)
    app.connect("doctree-resolved", fill_in, priority=400)  # before write_images
    app.connect("doctree-resolved", write_images)
