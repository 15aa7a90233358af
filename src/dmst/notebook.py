"""Reading a notebook file: its cells, and each cell's source as one string."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_notebook(path: Path) -> dict[str, Any]:
    """The notebook as nbformat's JSON, without validating it."""
    return json.loads(path.read_text(encoding="utf-8"))


def cell_source(cell: dict[str, Any]) -> str:
    """A cell's source as one string (nbformat stores a string or a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def markdown_cells(path: Path) -> list[tuple[int, str]]:
    """(cell number from 1, source) of every Markdown cell in a notebook."""
    cells = read_notebook(path)["cells"]
    return [(i + 1, cell_source(c)) for i, c in enumerate(cells) if c["cell_type"] == "markdown"]


def code_cells(path: Path) -> list[tuple[int, str, list[str]]]:
    """(cell number from 1, source, tags) of every code cell in a notebook."""
    cells = read_notebook(path)["cells"]
    return [
        (i + 1, cell_source(c), c.get("metadata", {}).get("tags", []))
        for i, c in enumerate(cells)
        if c["cell_type"] == "code"
    ]
