"""The learner edition: the lesson notebooks as learners meet them in Jupyter (``make learner``).

The notebooks in ``notebooks/`` are the authors' source: the book renders their MyST roles and
admonitions, and nbval compares their stored outputs. JupyterLab knows none of the book's roles,
and a stored knowledge check shows its answers before anyone has run it. So, as a course release
is made from an instructor's source, this module writes a learner edition at build time:

* every role resolved into plain Markdown: ``{stat}`` into the figure with source and grade,
  ``{cite:p}`` into author-year citations with a References list, ``{term}``, ``{ref}``,
  ``{doc}`` and links to book pages into links to the built or published book;
* admonitions into block quotes with a bold title, which any Jupyter renders;
* the content note telling the truth about leaving quickly in Jupyter;
* no stored output that reveals an answer, no stored widget view or widget state; figures keep
  their outputs, and the support box shows the current resources;
* metadata that matches the kernel ``make lab`` provides, so nothing is modified on open.

It writes ``_build/learner/`` (what ``make lab`` opens and a JupyterHub delivers), and a copy into
the built book (``_build/html/learner/``) for the "Download this lesson" link. Links to book pages
go to the published book when ``dmst_book_url`` is set in ``_config.yml``, otherwise to the local
build (``../html/...`` from ``_build/learner/``). The book must be built first: its inventory
(``objects.inv``) says where every glossary term, label and page is.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import sys
from pathlib import Path

from dmst.display import WIDGET_VIEW
from dmst.learner.book import (
    BUILD,
    CONFIG,
    DOWNLOADS,
    HTML,
    NOTEBOOKS,
    OUT,
    Inventory,
    LearnerError,
    Reference,
    book_url,
    load_inventory,
    references,
)
from dmst.learner.convert import RUN_NOTE, kernelspec, language_info, learner_notebook
from dmst.learner.lint import check_link, lint_notebook
from dmst.learner.markdown import LEAVING_NOTE, Context, convert_inline, convert_markdown, escape
from dmst.learner.outputs import lab_pre_save_hook, learner_output, reveals
from dmst.ledger import recording
from dmst.paths import PACKAGE, ROOT


def source_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def write_notebook(nb: dict, path: Path, keep_edits: bool = False) -> bool:
    """Write the notebook; True when written. With ``keep_edits`` (the edition learners work
    in), a notebook whose generated content has not changed since the last build is left as
    it is, so rebuilding never overwrites a learner's saved notebook needlessly."""
    text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    stamp = path.parent / ".learner-build" / path.name
    if keep_edits and path.exists() and stamp.exists():
        if stamp.read_text(encoding="utf-8") == text:
            return False
    elif path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if keep_edits:
        stamp.parent.mkdir(exist_ok=True)
        stamp.write_text(text, encoding="utf-8")
    return True


def inputs_of(source: Path, html: Path) -> dict[str, str]:
    """Every file a notebook's learner edition is made from, with its hash: the notebook, the
    book's index of pages, the references, the resources, what its stored outputs render from,
    and the code. The ledger entries it shows are followed one by one (:func:`ledger_inputs`).
    The edition is rebuilt only when one of them changed."""
    import hashlib

    from dmst.lessons import LESSONS_FILE
    from dmst.render import figure_depends
    from dmst.resources import resources_path

    # The filled-in placeholders are figures and lesson headers (SHOWN_BEFORE_RUNNING).
    files = {source, html / "objects.inv", resources_path(), CONFIG, LESSONS_FILE}
    files |= {*figure_depends(), *PACKAGE.rglob("*.py")}

    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else "-"

    return {str(path): digest(path) for path in sorted(files)}


def ledger_inputs(read: set[str]) -> dict[str, str]:
    """The ledger entries a learner notebook read, and a hash of what they say now (of the whole
    ledger file when it read them all), to be compared on the next build."""
    import hashlib

    from dmst.ledger import LEDGER_FILE, WHOLE, entries_text

    if WHOLE in read:
        return {"*": hashlib.sha256(LEDGER_FILE.read_bytes()).hexdigest()[:16]}
    ids = ",".join(sorted(read))
    try:
        text = entries_text(ids) if ids else ""
    except KeyError:  # an entry it read is gone: make it again
        text = "gone"
    return {ids: hashlib.sha256(text.encode()).hexdigest()[:16]}


def build(
    out: Path = OUT, html: Path = HTML, url: str | None = None, downloads: bool = True
) -> list[Path]:
    """Write the learner edition into ``out`` and (``downloads``) its downloadable copy into the
    built book; return the files written. A notebook whose inputs (:func:`inputs_of`) have not
    changed since the last build is skipped."""
    url = book_url() if url is None else url
    inventory = load_inventory(html)
    sources = source_notebooks()
    names = {p.name for p in sources}
    written = []
    editions = [(url or relative_base(out, html), out, True)]
    if downloads:
        editions.append((url or "../", html / DOWNLOADS, False))
    manifest_path = out / ".learner-build" / "inputs.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    fresh = {}
    for source in sources:
        fresh[source.name] = {"url": url, "inputs": inputs_of(source, html)}
        before = manifest.get(source.name, {})
        if before.get("ledger"):  # the entries it read last time, as they read now
            (ids,) = before["ledger"]
            fresh[source.name]["ledger"] = ledger_inputs(set(ids.split(",")) - {""})
    reads: dict[str, set[str]] = {}
    for base, folder, keep_edits in editions:
        for stale in {p.name for p in folder.glob("*.ipynb")} - names:
            (folder / stale).unlink()  # a notebook that no longer exists
        for source in sources:
            target = folder / source.name
            if manifest.get(source.name) == fresh[source.name] and target.exists():
                continue  # made from exactly these inputs last time
            with recording() as read:
                nb = learner_notebook(source, names, inventory, base)
            reads.setdefault(source.name, set()).update(read)
            if write_notebook(nb, target, keep_edits):
                written.append(target)
    for name, read in reads.items():
        fresh[name]["ledger"] = ledger_inputs(read)
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(fresh, indent=1), encoding="utf-8")
    # Sphinx copies each source notebook, stored answers and all, into _sources/: publish the
    # learner edition there instead, so the book holds no answer key.
    for source in sources if downloads else []:
        copied = html / "_sources" / "notebooks" / source.name
        if copied.exists():
            shutil.copyfile(html / DOWNLOADS / source.name, copied)
    return written


def relative_base(out: Path, html: Path) -> str:
    return Path(os.path.relpath(html, out)).as_posix() + "/"


def download_href(docname: str) -> str | None:
    """The lesson page's link to its learner edition in the built book, or None."""
    if not docname.startswith("notebooks/") or not (ROOT / f"{docname}.ipynb").exists():
        return None
    return posixpath.relpath(f"{DOWNLOADS}/{docname[10:]}.ipynb", posixpath.dirname(docname))


def main(argv: list[str]) -> int:
    try:
        written = build()
    except LearnerError as exc:
        print(f"The learner edition cannot be built: {exc}", file=sys.stderr)
        return 1
    url = book_url()
    count = len(source_notebooks())
    print(
        f"Learner edition: {count} notebooks in {OUT.relative_to(ROOT)}/ "
        f"({len(written)} files written); book links go to "
        f"{url or 'the local build (_build/html)'}."
    )
    return 0


__all__ = [
    "BUILD",
    "CONFIG",
    "DOWNLOADS",
    "HTML",
    "LEAVING_NOTE",
    "NOTEBOOKS",
    "OUT",
    "RUN_NOTE",
    "WIDGET_VIEW",
    "Context",
    "Inventory",
    "LearnerError",
    "Reference",
    "book_url",
    "build",
    "check_link",
    "convert_inline",
    "convert_markdown",
    "download_href",
    "escape",
    "inputs_of",
    "kernelspec",
    "lab_pre_save_hook",
    "language_info",
    "learner_notebook",
    "learner_output",
    "lint_notebook",
    "load_inventory",
    "main",
    "references",
    "reveals",
    "source_notebooks",
    "write_notebook",
]
