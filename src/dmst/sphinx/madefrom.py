"""Pages re-read when what they show from the data changes, not whenever a data file changes.

Sphinx tracks dependencies by file: a page that notes ``ledger.yml`` is re-read whenever any of
the ledger's entries changes, and nearly every page cites one. Here a page records instead a
digest of each thing it was made from the data (a ``{stat}`` citation, a rendered check, a part
of a page made by a directive), under a maker and an argument. Before each build
(``env-get-outdated``) every recorded thing is made again from the current data, and the pages
whose things now read differently are re-read. So an edited ledger value re-reads the pages that
show it, and no other.

Things a page fills in as it is written (``when="written"``: a ``{stat}`` figure) need no
re-reading: after reading (``env-get-updated``), the pages whose such things changed are only
written again. If one can no longer be made (an entry removed), the page is re-read, so the
error names the page and line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

ENV_KEY = "dmst_made_from"  # env attribute: docname -> {(maker, argument): digest}
MAKERS: dict[str, Callable[[str], str]] = {}  # maker name -> make(argument) -> text
WRITTEN: set[str] = set()  # makers whose things a page fills in as it is written


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def maker(name: str, make: Callable[[str], str], when: str = "read") -> None:
    """Register how to make again, from the current data, what pages record under ``name``;
    ``when="written"`` if the page fills it in as it is written (then it is only rewritten)."""
    MAKERS[name] = make
    if when == "written":
        WRITTEN.add(name)


def note(env: BuildEnvironment, name: str, argument: str, text: str) -> None:
    """The page being read shows ``text``, made by maker ``name`` from ``argument``."""
    made = getattr(env, ENV_KEY, None)
    if made is None:
        made = {}
        setattr(env, ENV_KEY, made)
    made.setdefault(env.docname, {})[(name, argument)] = digest(text)


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """env-get-outdated: the pages something of which would now read differently."""
    made: dict[str, dict[tuple[str, str], str]] = getattr(env, ENV_KEY, {})
    current: dict[tuple[str, str], str | None] = {}
    stale = []
    for docname, things in made.items():
        if docname in changed or docname in removed:
            continue
        for key, old in things.items():
            if key not in current:
                current[key] = _remake(*key)
            # Changed, or for a thing filled in when written, no longer possible to make.
            if current[key] != old and (key[0] not in WRITTEN or current[key] is None):
                stale.append(docname)
                break
    return stale


def rewritten(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-get-updated: the pages to write again because something they fill in changed."""
    made: dict[str, dict[tuple[str, str], str]] = getattr(env, ENV_KEY, {})
    current: dict[tuple[str, str], str | None] = {}
    pages = []
    for docname, things in made.items():
        changed = False
        for key, old in things.items():
            if key[0] not in WRITTEN:
                continue
            if key not in current:
                current[key] = _remake(*key)
            if current[key] is not None and current[key] != old:
                things[key] = current[key]  # as the page will now show it
                changed = True
        if changed:
            pages.append(docname)
    return pages


def _remake(name: str, argument: str) -> str | None:
    """The digest of the thing made now; None (so the page is re-read) if it cannot be made."""
    make = MAKERS.get(name)
    if make is None:
        return None
    try:
        return digest(make(argument))
    except Exception:  # a removed entry, a broken file: reading the page reports it properly
        return None


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, ENV_KEY, {}).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
    made = getattr(env, ENV_KEY, None)
    if made is None:
        made = {}
        setattr(env, ENV_KEY, made)
    for docname, things in getattr(other, ENV_KEY, {}).items():
        if docname in docnames:
            made[docname] = things


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", outdated)
    app.connect("env-get-updated", rewritten)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
