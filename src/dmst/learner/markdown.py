"""MyST Markdown as plain Markdown any Jupyter renders: roles resolved (``{stat}`` into the
figure with source and grade, ``{cite:p}`` into author-year citations, ``{term}``, ``{ref}``,
``{doc}`` and links to book pages into links to the book), admonitions into block quotes with a
bold title, the book's data directives into the Markdown they show (``{dmst-grades}``: the grade
rubric), and the content note telling the truth about leaving quickly in Jupyter."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dmst.learner.book import Inventory, LearnerError, Reference, references

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


def _grade_rubric() -> str:
    from dmst.pages import grades_markdown

    return grades_markdown(plain=True)


# The book's directives that show data, as the plain Markdown they show.
DATA_DIRECTIVES: dict[str, Callable[[], str]] = {"dmst-grades": _grade_rubric}


def render_directive(d: Directive, ctx: Context) -> list[str]:
    """An admonition as a block quote with a bold title: read the same in every Jupyter."""
    if d.name in DATA_DIRECTIVES:
        return DATA_DIRECTIVES[d.name]().rstrip("\n").split("\n")
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
