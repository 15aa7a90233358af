"""The learner edition's lint: no MyST left, no promise Jupyter cannot keep, every link reaching
a page or anchor in the build, no stored output that reveals an answer, the kernel ``make lab``
provides."""

from __future__ import annotations

import os
import re
from pathlib import Path

from dmst.learner.book import BUILD, book_url
from dmst.learner.convert import kernelspec
from dmst.learner.markdown import SCHEME
from dmst.learner.outputs import reveals
from dmst.notebook import cell_source, read_notebook

# A promise the learner edition must not make (the lint looks for these).
PROMISES = re.compile(
    r"\bEsc(ape)?(\s+key)?\s+twice|Quick exit\W{0,3}\s*(button|control)\s+(at|in|on)\b"
    r"|(button|link)\s+(at|in)\s+the\s+top\s+right",
    re.I,
)

ROLE_TEXT = re.compile(r"\{[a-zA-Z][\w:+-]*\}`|^\s*(:{3,}|`{3,})\{", re.M)
LINK = re.compile(r"(?<!\\)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(([^()\s]*)(?:\s+\"[^\"]*\")?\)")


def lint_notebook(path: Path, build_root: Path = BUILD, url: str | None = None) -> list[str]:
    """Every problem with one learner notebook, one line each (empty when it is fine)."""
    url = book_url() if url is None else url
    problems = []
    nb = read_notebook(path)
    name = path.name
    if "widgets" in nb.get("metadata", {}):
        problems.append(f"{name}: stores widget state (metadata.widgets)")
    spec = nb.get("metadata", {}).get("kernelspec", {})
    if spec != kernelspec():
        problems.append(f"{name}: kernelspec {spec} is not the kernel make lab provides")
    for number, cell in enumerate(nb["cells"], start=1):
        where = f"{name}, cell {number}"
        text = cell_source(cell)
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
