"""Parts of book pages made from the data at build time (Markdown from :mod:`dmst.pages` and
friends), each a directive placed where the page shows it::

    :::{dmst-ledger}
    :::

- ``dmst-ledger``: the ledger's summary tables and one section per entry (``ledger.md``);
- ``dmst-grades``: the grade rubric, wherever the grades are explained;
- ``dmst-law``: the law statements, one section each (``law.md``);
- ``dmst-fact-checks``: when each resource and legal statement was last checked;
- ``dmst-curriculum-map``: lessons, the outreach page's parts and objectives with their checks;
- ``dmst-outreach-parts``: the outreach page's sections and what teaching each includes;
- ``dmst-lessons`` and ``dmst-lesson-notes``: the numbered lessons, and their facilitator notes.

Headings in the Markdown become sections of the page at the level they are written, as if typed
there. Each directive notes the data files it reads, so editing one re-reads the page; and since
some content also depends on the day (a check becomes due) or on settings (an instructor's own
resources file), a page is re-read whenever what its directives make has changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from dmst.datafile import DATA

ENV_KEY = "dmst_generated"  # env attribute: docname -> {directive name: digest of its Markdown}


def _ledger_files() -> Iterable[Path]:
    from dmst.ledger import BIB_FILE, LEDGER_FILE

    return (LEDGER_FILE, BIB_FILE)


def _law_files() -> Iterable[Path]:
    from dmst.law import LAW_FILE

    return (LAW_FILE, DATA / "references.bib")


def _check_files() -> Iterable[Path]:
    from dmst.law import LAW_FILE
    from dmst.resources import resources_path

    return (LAW_FILE, resources_path())


def _lesson_files() -> Iterable[Path]:
    from dmst.lessons import lessons_path

    return (lessons_path(),)


def _outreach_files() -> Iterable[Path]:
    from dmst.outreach import OUTREACH_FILE

    return (OUTREACH_FILE,)


def _map_files() -> Iterable[Path]:
    return (
        *_lesson_files(),
        *_outreach_files(),
        *sorted((DATA / "questions").glob("*.yml")),
        *sorted((DATA / "activities").glob("*.yml")),
    )


def _ledger() -> str:
    from dmst.pages import ledger_markdown

    return ledger_markdown()


def _grades() -> str:
    from dmst.pages import grades_markdown

    return grades_markdown()


def _law() -> str:
    from dmst.law import law_markdown

    return law_markdown()


def _fact_checks() -> str:
    from dmst.freshness import checks_markdown

    return checks_markdown()


def _curriculum_map() -> str:
    from dmst.pages import map_markdown

    return map_markdown()


def _outreach_parts() -> str:
    from dmst.pages import outreach_parts_markdown

    return outreach_parts_markdown()


def _lessons() -> str:
    from dmst.pages import lesson_list_markdown

    return lesson_list_markdown()


def _lesson_notes() -> str:
    from dmst.pages import lesson_list_markdown

    return lesson_list_markdown(notes=True)


# directive name -> (what it shows, as MyST Markdown; the data files that is made from)
GENERATED: dict[str, tuple[Callable[[], str], Callable[[], Iterable[Path]]]] = {
    "dmst-ledger": (_ledger, _ledger_files),
    "dmst-grades": (_grades, _ledger_files),
    "dmst-law": (_law, _law_files),
    "dmst-fact-checks": (_fact_checks, _check_files),
    "dmst-curriculum-map": (_curriculum_map, _map_files),
    "dmst-outreach-parts": (_outreach_parts, _outreach_files),
    "dmst-lessons": (_lessons, _lesson_files),
    "dmst-lesson-notes": (_lesson_notes, _lesson_files),
}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Generated(SphinxDirective):
    """Shows ``GENERATED[self.name]``: no arguments, no content."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        make, depends = GENERATED[self.name]
        for path in depends():
            self.env.note_dependency(str(path))
        text = make()
        made = getattr(self.env, ENV_KEY, None)
        if made is None:
            made = {}
            setattr(self.env, ENV_KEY, made)
        made.setdefault(self.env.docname, {})[self.name] = digest(text)
        return self.parse_text_to_nodes(text, allow_section_headings=True)


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """env-get-outdated: the pages whose generated parts would now read differently."""
    made: dict[str, dict[str, str]] = getattr(env, ENV_KEY, {})
    current: dict[str, str] = {}
    stale = []
    for docname, parts in made.items():
        if docname in changed or docname in removed:
            continue
        for name, old in parts.items():
            if name not in current and name in GENERATED:
                current[name] = digest(GENERATED[name][0]())
            if current.get(name) != old:
                stale.append(docname)
                break
    return stale


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, ENV_KEY, {}).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
    made = getattr(env, ENV_KEY, None)
    if made is None:
        made = {}
        setattr(env, ENV_KEY, made)
    for docname, parts in getattr(other, ENV_KEY, {}).items():
        if docname in docnames:
            made[docname] = parts


def setup(app: Sphinx) -> None:
    for name in GENERATED:
        app.add_directive(name, Generated)
    app.connect("env-get-outdated", outdated)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
