"""What the learner edition knows about the book it links to: where the build is, the published
address, the inventory of pages, terms and labels (``objects.inv``), and the references."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dmst.bookconfig import sphinx_option
from dmst.paths import BUILD, CONFIG, ROOT

NOTEBOOKS = ROOT / "notebooks"
HTML = BUILD / "html"
OUT = BUILD / "learner"
DOWNLOADS = "learner"  # folder inside the built book that holds the downloadable copies


class LearnerError(ValueError):
    """Something in a source notebook has no rendering in the learner edition (one clear line)."""


def book_url(config: Path = CONFIG) -> str:
    """The published book's address from ``_config.yml`` (``sphinx: config: dmst_book_url``),
    with a trailing slash, or "" when the book is not published (links go to the local build)."""
    url = str(sphinx_option("dmst_book_url", "", config) or "").strip()
    if url and not url.startswith(("https://", "http://")):
        raise LearnerError(
            f"{config.name}: sphinx.config.dmst_book_url must be empty or a full https:// "
            f"address, not {url!r}"
        )
    return url if not url or url.endswith("/") else url + "/"


@dataclass(frozen=True)
class Inventory:
    """Where the built book put every page, glossary term and label (from ``objects.inv``)."""

    docs: dict[str, tuple[str, str]]  # docname -> (uri, title)
    terms: dict[str, str]  # term, lower case -> uri
    labels: dict[str, tuple[str, str]]  # label -> (uri, title)


def load_inventory(html: Path = HTML) -> Inventory:
    from sphinx.util.inventory import InventoryFile

    path = html / "objects.inv"
    if not path.exists():
        raise LearnerError(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} is missing: "
            "the learner edition links to the book's pages, so build the book first (make book)"
        )
    with path.open("rb") as f:
        inv = InventoryFile.load(f, "", posixpath.join)
    docs = {name: (item[2], item[3]) for name, item in inv.get("std:doc", {}).items()}
    terms = {name.lower(): item[2] for name, item in inv.get("std:term", {}).items()}
    labels = {name: (item[2], item[3]) for name, item in inv.get("std:label", {}).items()}
    return Inventory(docs, terms, labels)


# ------------------------------------------------------------------------------- bibliography


@dataclass(frozen=True)
class Reference:
    key: str
    label: str  # "Swaner et al., 2016", as the book shows it
    authors: str  # "Swaner et al."
    year: str
    text: str  # the full reference as Markdown


def _plain(text: str) -> str:
    from pybtex.richtext import Text

    return Text.from_latex(text).render_as("text")


@cache
def references() -> dict[str, Reference]:
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    from dmst.bibstyles import remember_plugins
    from dmst.ledger import BIB_FILE

    remember_plugins()
    bib = parse_file(str(BIB_FILE))
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "markdown")()
    formatted = {e.key: e.text.render(backend) for e in style.format_entries(bib.entries.values())}
    result = {}
    for key, entry in bib.entries.items():
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [_plain(" ".join(p.prelast_names + p.last_names)) for p in persons]
        if len(names) >= 3:
            authors = f"{names[0]} et al."
        elif names:
            authors = " and ".join(names)
        else:
            authors = _plain(entry.fields.get("title", key))
        year = _plain(entry.fields.get("year", "n.d."))
        text = " ".join(formatted[key].split())
        result[key] = Reference(key, f"{authors}, {year}", authors, year, text)
    return result
