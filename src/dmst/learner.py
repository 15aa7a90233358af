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

import copy
import json
import os
import platform
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

from dmst.display import WIDGET_VIEW
from dmst.render import PLACEHOLDER, self_contained

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "_build"
HTML = BUILD / "html"
OUT = BUILD / "learner"
CONFIG = ROOT / "_config.yml"
DOWNLOADS = "learner"  # folder inside the built book that holds the downloadable copies

# Stored outputs kept in the learner edition: display-only renditions. Anything else (knowledge
# checks, activities, assessments, the results panel) is removed: the learner runs the cell.
KEEP_CLASSES = ("dmst-figure", "dmst-lesson-header", "dmst-support-box")
SHOWN_BEFORE_RUNNING = ("figure", "header")  # placeholders the edition fills in
# What gives an answer away in stored HTML.
ANSWER_MARKERS = (
    "dmst-check",
    "dmst-reveal",
    "data-correct",
    "dmst-option-feedback",
    "dmst-activity",
    "dmst-assessment",
    "dmst-explanation",
)
IMAGE_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "text/plain"}
# Cell tags that only steer the book or nbval.
BOOK_TAGS = {
    "remove-cell", "remove-input", "remove-output", "hide-cell", "hide-input", "hide-output",
    "nbval-ignore-output", "nbval-skip", "nbval-check-output", "nbval-raises-exception",
    "raises-exception", "full-width", "margin",
}  # fmt: skip
ADMONITIONS = {
    "admonition", "note", "tip", "hint", "important", "warning", "caution", "attention",
    "danger", "error", "seealso",
}  # fmt: skip

# Sentences in a content note that promise the book's Quick exit, which Jupyter does not have.
QUICK_EXIT = re.compile(
    r"quick[- ]exit|\bEsc(ape)?(\s+key)?\s+twice|press(ing)?\s+(the\s+)?Esc(ape)?\b|top right", re.I
)
LEAVING_NOTE = (
    "**Leaving quickly.** This notebook is open in Jupyter, which has no Quick exit button, and "
    "pressing Escape does not leave the page. The fastest way out is to close this browser tab: "
    "press **Ctrl+W** (**Cmd+W** on a Mac); if the browser asks whether to leave, choose "
    "**Leave**. To take the page off the screen at once, switch to another window with "
    "**Alt+Tab** (**Cmd+Tab** on a Mac). Neither clears your browser history or deletes this "
    "notebook; {doc}`Safety and support </book/safety>` explains more."
)
# Said once, at the top of every learner notebook: nothing appears until the learner runs it.
RUN_NOTE = (
    "**Run this notebook to use it.** Choose **Run → Run All Cells** in the menu at the top: its "
    "questions and activities appear only then. Run it again whenever you reopen it."
)
# A promise the learner edition must not make (the lint looks for these).
PROMISES = re.compile(
    r"\bEsc(ape)?(\s+key)?\s+twice|Quick exit\W{0,3}\s*(button|control)\s+(at|in|on)\b"
    r"|(button|link)\s+(at|in)\s+the\s+top\s+right",
    re.I,
)


class LearnerError(ValueError):
    """Something in a source notebook has no rendering in the learner edition (one clear line)."""


# ------------------------------------------------------------------------------ configuration


def book_url(config: Path = CONFIG) -> str:
    """The published book's address from ``_config.yml`` (``sphinx: config: dmst_book_url``),
    with a trailing slash, or "" when the book is not published (links go to the local build)."""
    import yaml

    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    url = str(((data.get("sphinx") or {}).get("config") or {}).get("dmst_book_url") or "").strip()
    if url and not url.startswith(("https://", "http://")):
        raise LearnerError(
            f"{config.name}: sphinx.config.dmst_book_url must be empty or a full https:// "
            f"address, not {url!r}"
        )
    return url if not url or url.endswith("/") else url + "/"


def kernelspec() -> dict[str, str]:
    """The kernel ``make lab`` starts (the environment's own python3), as notebook metadata.
    JupyterLab rewrites a differing display name on open, which marks the notebook modified."""
    display_name = "Python 3 (ipykernel)"
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        display_name = KernelSpecManager().get_kernel_spec("python3").display_name
    except Exception:  # no jupyter_client or no spec: ipykernel's own default name
        pass
    return {"name": "python3", "display_name": display_name, "language": "python"}


def language_info() -> dict[str, Any]:
    """What ipykernel reports for this Python, so opening the notebook changes nothing."""
    return {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": platform.python_version(),
    }


# ----------------------------------------------------------------------------- book inventory


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

    from dmst.ledger import BIB_FILE

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


# ------------------------------------------------------------------------------------ context


@dataclass
class Context:
    """What converting one notebook needs: where links go, and what it has cited so far."""

    source: Path  # the source notebook
    notebooks: set[str]  # file names of every notebook in the learner edition
    inventory: Inventory
    base: str  # prefix for book pages: the published address, or a relative path to the build
    cited: dict[str, Reference] = field(default_factory=dict)
    cell: int = 0

    @property
    def where(self) -> str:
        return f"notebooks/{self.source.name}, cell {self.cell}"

    @property
    def docname(self) -> str:
        return f"notebooks/{self.source.stem}"

    def fail(self, problem: str) -> LearnerError:
        return LearnerError(f"{self.where}: {problem}")

    def page(self, uri: str) -> str:
        return self.base + uri


MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|$])")


def escape(text: str) -> str:
    """Text inserted into Markdown reads as itself (no emphasis, no math, no table cells)."""
    return MD_SPECIAL.sub(r"\\\1", text)


def _split_target(content: str) -> tuple[str | None, str]:
    """'text <target>' -> (text, target); 'target' -> (None, target)."""
    m = re.fullmatch(r"(?s)\s*(.*?)\s*<([^<>]+)>\s*", content)
    if m and m.group(1):
        return " ".join(m.group(1).split()), m.group(2).strip()
    return None, " ".join(content.split())


def render_role(role: str, content: str, ctx: Context) -> str:
    if role == "stat":
        from dmst import ledger

        try:
            return escape(ledger.cite(content.strip()))
        except KeyError as exc:
            raise ctx.fail(f"{{stat}}`{content}`: {exc.args[0]}") from None
    if role in ("cite", "cite:p", "cite:ps", "cite:t", "cite:ts"):
        refs = []
        for key in (k.strip() for k in content.split(",")):
            if key not in references():
                raise ctx.fail(f"{{{role}}}`{content}`: {key!r} is not in references.bib")
            refs.append(references()[key])
            ctx.cited.setdefault(key, references()[key])
        if role.startswith("cite:t"):
            return "; ".join(escape(f"{r.authors} ({r.year})") for r in refs)
        return escape("(" + "; ".join(r.label for r in refs) + ")")
    if role == "term":
        text, target = _split_target(content)
        uri = ctx.inventory.terms.get(target.lower())
        if uri is None:
            raise ctx.fail(f"{{term}}`{content}`: the glossary has no term {target!r}")
        return f"[{escape(text or target)}]({ctx.page(uri)})"
    if role == "ref":
        text, target = _split_target(content)
        if target not in ctx.inventory.labels:
            raise ctx.fail(f"{{ref}}`{content}`: the book has no label {target!r}")
        uri, title = ctx.inventory.labels[target]
        return f"[{escape(text or title)}]({ctx.page(uri)})"
    if role == "doc":
        text, target = _split_target(content)
        docname = target.lstrip("/") if target.startswith("/") else _resolve_doc(ctx, target)
        docname = re.sub(r"\.(md|ipynb)$", "", docname)
        if docname not in ctx.inventory.docs:
            raise ctx.fail(f"{{doc}}`{content}`: the book has no page {target!r}")
        return _doc_link(ctx, docname, "", text)
    raise ctx.fail(f"the role {{{role}}} has no rendering in the learner edition")


def _resolve_doc(ctx: Context, target: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(ctx.docname), target))


def _doc_uri(ctx: Context, docname: str) -> str:
    if docname.startswith("notebooks/") and f"{docname[10:]}.ipynb" in ctx.notebooks:
        return f"{docname[10:]}.ipynb"  # another lesson: its learner edition, beside this one
    return ctx.page(ctx.inventory.docs[docname][0])


def _doc_link(ctx: Context, docname: str, fragment: str, text: str | None) -> str:
    title = ctx.inventory.docs[docname][1]
    return f"[{escape(text or title)}]({_doc_uri(ctx, docname)}{fragment})"


SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def render_link(text: str, target: str, title: str, ctx: Context) -> str:
    """A Markdown link: book pages to the book, lessons to their learner edition."""
    if SCHEME.match(target) or target.startswith("#") or not target:
        return f"[{text}]({target}{title})"
    path, _, fragment = target.partition("#")
    fragment = f"#{fragment}" if fragment else ""
    docname = re.sub(r"\.(md|ipynb|html)$", "", _resolve_doc(ctx, path))
    if docname in ctx.inventory.docs:
        return f"[{text}]({_doc_uri(ctx, docname)}{fragment}{title})"
    raise ctx.fail(f"the link [{text}]({target}) goes to {docname!r}, which is not a book page")


INLINE = re.compile(
    r"(?P<role>\{(?P<name>[a-zA-Z][\w:+-]*)\}`(?P<content>[^`]*)`)"
    r"|(?P<code>(?P<ticks>`+).*?(?P=ticks))"
    r"|(?P<link>(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<target>[^()\s]*)"
    r"(?P<title>\s+\"[^\"]*\")?\))"
    r"|(?P<image>!\[[^\]]*\]\((?P<src>[^()\s]*)[^)]*\))"
    r"|(?P<autolink><[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>)"
    r"|(?P<dollar>(?<!\\)\$)",
    re.S,
)


def convert_inline(text: str, ctx: Context) -> str:
    """Roles, links and dollar signs in a run of Markdown text (code spans stay as they are)."""

    def sub(m: re.Match) -> str:
        if m.group("role"):
            return render_role(m.group("name"), m.group("content"), ctx)
        if m.group("link"):
            inner = convert_inline(m.group("text"), ctx)
            inner = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", inner)  # no link inside a link
            return render_link(inner, m.group("target"), m.group("title") or "", ctx)
        if m.group("image"):
            if not SCHEME.match(m.group("src")):
                raise ctx.fail(f"the image {m.group('src')!r} is not reachable from Jupyter")
            return m.group(0)
        if m.group("dollar"):
            return r"\$"  # Jupyter would read "$5 ... $10" as mathematics
        return m.group(0)

    return INLINE.sub(sub, text)


# -------------------------------------------------------------------------------------- blocks

OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>:{3,}|`{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
DROP_LINE = re.compile(r"^(%.*|\(\s*[\w.:-]+\s*\)=\s*|\+\+\+.*)$")  # comments, targets, breaks


@dataclass
class Directive:
    name: str
    arg: str
    options: dict[str, str]
    body: list[Any]  # str lines and nested Directive / code-fence blocks


@dataclass
class Code:
    lines: list[str]


def parse_blocks(lines: list[str], ctx: Context) -> list[Any]:
    """Lines of MyST into text lines, fenced code (kept as is) and directives (nested)."""
    out: list[Any] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        opened = OPEN.match(line)
        if opened:
            fence = opened.group("fence")
            end = _closing(lines, i + 1, fence)
            if end is None:
                raise ctx.fail(f"the directive {{{opened.group('name')}}} is never closed")
            body = lines[i + 1 : end]
            options = {}
            if body and body[0].strip() == "---":  # YAML options block
                stop = next((j for j in range(1, len(body)) if body[j].strip() == "---"), None)
                if stop is not None:
                    for opt in body[1:stop]:
                        key, _, value = opt.partition(":")
                        options[key.strip()] = value.strip()
                    body = body[stop + 1 :]
            while body and OPTION.match(body[0]):
                m = OPTION.match(body[0])
                options[m.group("key")] = m.group("value")
                body = body[1:]
            name = opened.group("name")
            out.append(Directive(name, opened.group("arg").strip(), options, []))
            out[-1].body = parse_blocks(body, ctx)
            i = end + 1
            continue
        fenced = FENCE.match(line)
        if fenced:
            fence = fenced.group("fence")
            end = next(
                (j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(fence)),
                len(lines) - 1,
            )
            out.append(Code(lines[i : end + 1]))
            i = end + 1
            continue
        if not DROP_LINE.match(line.strip()) or not line.strip():
            out.append(line)
        i += 1
    return out


def _closing(lines: list[str], start: int, fence: str) -> int | None:
    """The line that closes ``fence``, skipping directives nested inside it."""
    inner: list[int] = []  # fence lengths of the directives opened inside
    for j in range(start, len(lines)):
        stripped = lines[j].strip()
        opened = OPEN.match(lines[j])
        if opened and opened.group("fence")[0] == fence[0]:
            inner.append(len(opened.group("fence")))
        elif len(stripped) >= 3 and set(stripped) == {fence[0]}:
            if inner and len(stripped) >= inner[-1]:
                inner.pop()
            elif not inner and len(stripped) >= len(fence):
                return j
    return None


def render_blocks(blocks: list[Any], ctx: Context) -> list[str]:
    out: list[str] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            out.extend(convert_inline("\n".join(text), ctx).split("\n"))
            text.clear()

    for block in blocks:
        if isinstance(block, str):
            text.append(block)
            continue
        flush()
        if isinstance(block, Code):
            out.extend(block.lines)
        else:
            out.extend(render_directive(block, ctx))
    flush()
    return out


def render_directive(d: Directive, ctx: Context) -> list[str]:
    """An admonition as a block quote with a bold title: read the same in every Jupyter."""
    if d.name not in ADMONITIONS:
        raise ctx.fail(f"the directive {{{d.name}}} has no rendering in the learner edition")
    classes = d.options.get("class", "").split()
    body = d.body
    if "dmst-content-note" in classes:
        body = honest_leaving(body, ctx)
    title = d.arg if d.name == "admonition" else (d.arg or d.name.title())
    if d.name == "seealso" and not d.arg:
        title = "See also"
    lines = [f"**{convert_inline(title, ctx)}**", ""] if title else []
    lines += _trim(render_blocks(body, ctx))
    return ["> " + line if line.strip() else ">" for line in lines]


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*\[(\"“])")


def honest_leaving(body: list[Any], ctx: Context) -> list[Any]:
    """Drop the content note's sentences about the book's Quick exit; say what is true here."""
    paragraphs: list[list[Any]] = [[]]
    for block in body:
        if isinstance(block, str) and not block.strip():
            paragraphs.append([])
        else:
            paragraphs[-1].append(block)
    kept: list[Any] = []
    for para in paragraphs:
        if not para:
            continue
        if all(isinstance(b, str) for b in para) and QUICK_EXIT.search("\n".join(para)):
            sentences = SENTENCE.split(" ".join(line.strip() for line in para))
            sentences = [s for s in sentences if not QUICK_EXIT.search(s)]
            para = [" ".join(sentences)] if sentences else []
        if para:
            kept += [*para, ""]
    return [*kept, LEAVING_NOTE]


def convert_markdown(source: str, ctx: Context) -> str:
    return "\n".join(render_blocks(parse_blocks(source.split("\n"), ctx), ctx)).strip("\n")


# ------------------------------------------------------------------------------------- outputs


def _html(output: dict) -> str:
    value = output.get("data", {}).get("text/html", "")
    return "".join(value) if isinstance(value, list) else value


def reveals(output: dict) -> bool:
    """A stored output that gives an answer away or needs a live widget model."""
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        return True
    return any(marker in _html(output) for marker in ANSWER_MARKERS)


def learner_output(output: dict) -> dict | None:
    """The output as the learner edition stores it, or None when the learner must run the cell."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return None
    output = copy.deepcopy(output)
    data = output.get("data", {})
    data.pop(WIDGET_VIEW, None)
    output.get("metadata", {}).pop(WIDGET_VIEW, None)
    html = _html(output)
    placeholder = PLACEHOLDER.search(html)
    if placeholder is not None:  # stored for the book: show what needs no kernel, as it is now
        if placeholder["kind"] not in SHOWN_BEFORE_RUNNING:
            return None  # a check, activity or panel: the learner runs the cell for the widget
        html = self_contained(placeholder["kind"], unescape(placeholder["arg"]))
        data["text/html"] = html
    if any(marker in html for marker in ANSWER_MARKERS):
        return None
    if "dmst-support-box" in html:
        from dmst.resources import support_box, support_box_html

        data["text/html"] = support_box_html()  # the resources as configured now
        data["text/plain"] = repr(support_box())
    elif not any(cls in html for cls in KEEP_CLASSES) and not (data and set(data) <= IMAGE_TYPES):
        return None
    if "text/html" not in data and set(data) <= {"text/plain"}:
        return None
    if output["output_type"] == "execute_result":
        output["execution_count"] = None
    return output


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _lines(text: str) -> list[str]:
    """nbformat's on-disk form: a list of lines, each but the last ending in a newline."""
    return text.splitlines(keepends=True)


# ------------------------------------------------------------------------------------ notebooks


def learner_notebook(source: Path, notebooks: set[str], inventory: Inventory, base: str) -> dict:
    nb = json.loads(source.read_text(encoding="utf-8"))
    ctx = Context(source, notebooks, inventory, base)
    cells = []
    for number, cell in enumerate(nb["cells"], start=1):
        ctx.cell = number
        tags = cell.get("metadata", {}).get("tags", [])
        kind = cell["cell_type"]
        if kind == "raw" or (kind == "markdown" and "remove-cell" in tags):
            continue  # written for the book alone
        new: dict[str, Any] = {"cell_type": kind, "id": cell.get("id") or f"cell-{number}"}
        kept_tags = [t for t in tags if t not in BOOK_TAGS]
        new["metadata"] = {"tags": kept_tags} if kept_tags else {}
        if kind == "markdown":
            new["source"] = _lines(convert_markdown(_source(cell), ctx))
            if cell.get("attachments"):
                new["attachments"] = cell["attachments"]
        else:
            new["execution_count"] = None
            outputs = [learner_output(o) for o in cell.get("outputs", [])]
            new["outputs"] = [o for o in outputs if o is not None]
            new["source"] = _lines(_source(cell))
        cells.append(new)
    if ctx.cited:
        cells.insert(_references_at(cells), references_cell(ctx))
    first = next((c for c in cells if c["cell_type"] == "markdown"), None)
    if first is not None and any(c["cell_type"] == "code" for c in cells):
        first["source"] = _lines(_source(first).rstrip("\n") + "\n\n" + RUN_NOTE)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": kernelspec(),
            "language_info": language_info(),
            "dmst": {"edition": "learner", "source": f"notebooks/{source.name}"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _references_at(cells: list[dict]) -> int:
    """Before the closing support section, so a lesson still ends with its support box."""
    for i in range(len(cells) - 1, -1, -1):
        text = _source(cells[i]).lstrip()
        if cells[i]["cell_type"] == "markdown" and re.match(r"#+\s+Support\b", text):
            return i
    for i in range(len(cells) - 1, -1, -1):
        if cells[i]["cell_type"] == "code" and "support_box()" in _source(cells[i]):
            return i
    return len(cells)


def references_cell(ctx: Context) -> dict:
    refs = sorted(ctx.cited.values(), key=lambda r: (r.label.lower(), r.key))
    lines = ["## References", ""]
    lines += [f"- **{escape(r.label)}.** {r.text}" for r in refs]
    uri = ctx.inventory.docs.get("book/references", ("", ""))[0]
    if uri:
        lines += ["", f"Every source the curriculum uses: [References]({ctx.page(uri)})."]
    return {
        "cell_type": "markdown",
        "id": "learner-references",
        "metadata": {},
        "source": _lines("\n".join(lines)),
    }


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
    book's index of pages, the ledger and references, the resources, what its stored outputs
    render from, and the code. The edition is rebuilt only when one of them changed."""
    import hashlib

    from dmst.lessons import LESSONS_FILE
    from dmst.render import figure_depends
    from dmst.resources import resources_path

    # The filled-in placeholders are figures and lesson headers (SHOWN_BEFORE_RUNNING).
    files = {source, html / "objects.inv", resources_path(), CONFIG, LESSONS_FILE}
    files |= {*figure_depends(), *Path(__file__).parent.glob("*.py")}

    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else "-"

    return {str(path): digest(path) for path in sorted(files)}


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
    for base, folder, keep_edits in editions:
        for stale in {p.name for p in folder.glob("*.ipynb")} - names:
            (folder / stale).unlink()  # a notebook that no longer exists
        for source in sources:
            target = folder / source.name
            if manifest.get(source.name) == fresh[source.name] and target.exists():
                continue  # made from exactly these inputs last time
            nb = learner_notebook(source, names, inventory, base)
            if write_notebook(nb, target, keep_edits):
                written.append(target)
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


# ---------------------------------------------------------------------------------------- lint

ROLE_TEXT = re.compile(r"\{[a-zA-Z][\w:+-]*\}`|^\s*(:{3,}|`{3,})\{", re.M)
LINK = re.compile(r"(?<!\\)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(([^()\s]*)(?:\s+\"[^\"]*\")?\)")


def lint_notebook(path: Path, build_root: Path = BUILD, url: str | None = None) -> list[str]:
    """Every problem with one learner notebook, one line each (empty when it is fine)."""
    url = book_url() if url is None else url
    problems = []
    nb = json.loads(path.read_text(encoding="utf-8"))
    name = path.name
    if "widgets" in nb.get("metadata", {}):
        problems.append(f"{name}: stores widget state (metadata.widgets)")
    spec = nb.get("metadata", {}).get("kernelspec", {})
    if spec != kernelspec():
        problems.append(f"{name}: kernelspec {spec} is not the kernel make lab provides")
    for number, cell in enumerate(nb["cells"], start=1):
        where = f"{name}, cell {number}"
        text = _source(cell)
        if cell["cell_type"] == "markdown":
            for m in ROLE_TEXT.finditer(text):
                problems.append(f"{where}: unresolved MyST {m.group(0).strip()!r}")
            for m in PROMISES.finditer(text):
                problems.append(f"{where}: promises what Jupyter does not have: {m.group(0)!r}")
            for m in LINK.finditer(text):
                problem = check_link(m.group(1), path, build_root, url)
                if problem:
                    problems.append(f"{where}: link {m.group(1)!r} {problem}")
        for output in cell.get("outputs", []):
            if reveals(output):
                problems.append(f"{where}: a stored output reveals answers or needs a widget")
    return problems


def check_link(target: str, notebook: Path, build_root: Path, url: str) -> str | None:
    """None when the link reaches a page that exists (and its anchor, when it has one)."""
    if url and target.startswith(url):  # the published book: is the page in this build?
        rel, _, fragment = target[len(url) :].partition("#")
        path = build_root / "html" / rel
    elif SCHEME.match(target) or target.startswith("#") or not target:
        return None  # a site the reader chooses to visit, or a place in this notebook
    else:
        rel, _, fragment = target.partition("#")
        path = Path(os.path.normpath(notebook.parent / rel))
    path, root = Path(os.path.abspath(path)), Path(os.path.abspath(build_root))
    if not path.is_relative_to(root):
        return f"leaves the build folder ({path})"
    if not path.is_file():
        return f"goes to a missing file ({path.relative_to(root)})"
    if fragment and path.suffix == ".html":
        page = path.read_text(encoding="utf-8")
        if f'id="{fragment}"' not in page:
            return f"goes to a missing anchor #{fragment} in {path.name}"
    return None


# ------------------------------------------------------------------------------ JupyterLab hook


def lab_pre_save_hook(model: dict, **kwargs: Any) -> None:
    """Jupyter server pre-save hook (``make lab``): a learner notebook is saved as it shipped,
    without widget views or answers in its outputs, so reopening it never shows "Error
    displaying widget: model not found" or a stored answer. Answers are kept by dmst.results."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    nb = model["content"]
    if (nb.get("metadata", {}).get("dmst") or {}).get("edition") != "learner":
        return
    nb["metadata"].pop("widgets", None)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            outputs = [learner_output(o) for o in cell.get("outputs", [])]
            cell["outputs"] = [o for o in outputs if o is not None]


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


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
