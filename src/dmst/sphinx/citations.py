"""The reference list's HTML without the ARIA roles docutils gives it.

docutils wraps citations in ``<div role="list">`` whose children are ``role="doc-biblioentry"``:
axe reports the list (aria-required-children: a list needs listitem children) and the entries
(aria-deprecated-role). Plain containers read the same to a screen reader. The roles are written
by docutils' HTML visitor, not held on the nodes, so the book's visitor writes the same markup
without them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from dmst.bibstyles import remember_plugins


def visit_citation(self, node: nodes.citation) -> None:
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname]))


def depart_citation(self, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def setup(app: Sphinx) -> None:
    remember_plugins()
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
