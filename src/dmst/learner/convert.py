"""One learner notebook made from its source: Markdown converted, outputs filtered, a
References cell, the "run this notebook" note, and metadata matching the kernel ``make lab``
starts, so opening it changes nothing."""

from __future__ import annotations

import platform
import re
from pathlib import Path
from typing import Any

from dmst.learner.book import Inventory
from dmst.learner.markdown import Context, convert_markdown, escape
from dmst.learner.outputs import learner_output
from dmst.notebook import cell_source, read_notebook

# Cell tags that only steer the book or nbval.
BOOK_TAGS = {
    "remove-cell", "remove-input", "remove-output", "hide-cell", "hide-input", "hide-output",
    "nbval-ignore-output", "nbval-skip", "nbval-check-output", "nbval-raises-exception",
    "raises-exception", "full-width", "margin",
}  # fmt: skip
RUN_NOTE = (
    "**Run this notebook to use it.** Choose **Run → Run All Cells** in the menu at the top: its "
    "questions and activities appear only then. Run it again whenever you reopen it."
)


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


def _lines(text: str) -> list[str]:
    """nbformat's on-disk form: a list of lines, each but the last ending in a newline."""
    return text.splitlines(keepends=True)


# ------------------------------------------------------------------------------------ notebooks


def learner_notebook(source: Path, notebooks: set[str], inventory: Inventory, base: str) -> dict:
    nb = read_notebook(source)
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
            new["source"] = _lines(convert_markdown(cell_source(cell), ctx))
            if cell.get("attachments"):
                new["attachments"] = cell["attachments"]
        else:
            new["execution_count"] = None
            outputs = [learner_output(o) for o in cell.get("outputs", [])]
            new["outputs"] = [o for o in outputs if o is not None]
            new["source"] = _lines(cell_source(cell))
        cells.append(new)
    if ctx.cited:
        cells.insert(_references_at(cells), references_cell(ctx))
    first = next((c for c in cells if c["cell_type"] == "markdown"), None)
    if first is not None and any(c["cell_type"] == "code" for c in cells):
        first["source"] = _lines(cell_source(first).rstrip("\n") + "\n\n" + RUN_NOTE)
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
        text = cell_source(cells[i]).lstrip()
        if cells[i]["cell_type"] == "markdown" and re.match(r"#+\s+Support\b", text):
            return i
    for i in range(len(cells) - 1, -1, -1):
        if cells[i]["cell_type"] == "code" and "support_box()" in cell_source(cells[i]):
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
