"""Run notebooks and store their outputs: all of them (``make execute``) or only the stale ones.

A stored output is a placeholder the book renders from the data at build time (dmst.display), so
editing data never makes a notebook stale. What can: the notebook's own code cells (a new
``check("01.12")``) and the package code that decides what an output stores. At execute time each
notebook records both in its metadata (``dmst.executed``: a hash of its code cells, and each
imported ``dmst`` module that displays something, with its hash; modules that only load or check
data are left out, since stored outputs hold no data). ``make book`` runs :func:`main` with
``--stale``: it re-executes exactly the notebooks whose record no longer matches, in parallel on
the machine's cores, so the book never publishes outputs older than their code.

Widget state is not stored: with it in a notebook, myst-nb would load the widget manager from a
CDN on that page. The book shows the checks' HTML form instead.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from dmst.display import STORED

PACKAGE = Path(__file__).resolve().parent
RECORD = "executed"  # notebook metadata: dmst.executed
# Run in the kernel after the notebook: which of the package's modules made its outputs.
IMPORTED = (
    "import json as _j, sys as _s\n"
    "print(_j.dumps(sorted({m.__file__ for n, m in list(_s.modules.items())"
    " if n == 'dmst' or n.startswith('dmst.') if getattr(m, '__file__', None)})))"
)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def code_cells_hash(nb: dict) -> str:
    sources = [
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in nb["cells"]
        if c["cell_type"] == "code"
    ]
    return digest(json.dumps(sources).encode())


def displays(module: Path) -> bool:
    """Whether a module decides what a notebook output shows (and so what is stored)."""
    text = module.read_text(encoding="utf-8")
    return any(mark in text for mark in ("_repr_mimebundle_", "_repr_html_", "render_spec"))


def module_hashes(names: list[str]) -> dict[str, str]:
    """{module file name: hash} for package modules, by name relative to the package folder."""
    found = {}
    for name in names:
        path = PACKAGE / name
        found[name] = digest(path.read_bytes()) if path.is_file() else "missing"
    return found


def stale_reason(path: Path) -> str:
    """Why the notebook's stored outputs may be out of date; "" when they are current."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    record = nb.get("metadata", {}).get("dmst", {}).get(RECORD)
    if not isinstance(record, dict):
        return "never executed with a record of its inputs"
    if record.get("cells") != code_cells_hash(nb):
        return "its code cells changed"
    modules = record.get("modules") or {}
    changed = [n for n, h in module_hashes(sorted(modules)).items() if modules[n] != h]
    if changed:
        return f"the code that made its outputs changed ({', '.join(changed)})"
    return ""


def execute(path: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    # Stored outputs are placeholders the book renders from the data (see dmst.display).
    os.environ[STORED] = "1"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(IMPORTED))
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
    )
    client.execute()
    probe = nb.cells.pop()
    imported = json.loads("".join(o.get("text", "") for o in probe.outputs) or "[]")
    names = sorted(
        Path(f).resolve().relative_to(PACKAGE).as_posix()
        for f in imported
        if Path(f).resolve().is_relative_to(PACKAGE) and displays(Path(f))
    )
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata.setdefault("dmst", {})[RECORD] = {
        "cells": code_cells_hash(nb),
        "modules": module_hashes(names),
    }
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    _, normal = nbformat.validator.normalize(nb)  # cell ids, as nbformat 4.5 wants
    nbformat.write(nbformat.from_dict(normal), path)


def _run(path: Path) -> str:
    """Execute one notebook; "" when it ran, else one line saying why not."""
    try:
        execute(path)
    except Exception as exc:  # a failing notebook is reported, the others still run
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        return f"{type(exc).__name__}: {first}"
    return ""


def execute_all(paths: list[Path], workers: int | None = None) -> list[tuple[Path, str]]:
    """Execute notebooks in parallel (one kernel each); (path, error) for any that failed."""
    if not paths:
        return []
    workers = min(len(paths), workers or os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        errors = list(pool.map(_run, paths))
    return [(p, e) for p, e in zip(paths, errors, strict=True) if e]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dmst execute", description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK")
    parser.add_argument(
        "--stale", action="store_true", help="only the notebooks whose code or code cells changed"
    )
    args = parser.parse_args(argv)
    paths = [Path(n) for n in args.notebooks]
    if args.stale:
        reasons = {p: stale_reason(p) for p in paths}
        paths = [p for p in paths if reasons[p]]
        for p in paths:
            print(f"re-executing {p}: {reasons[p]}")
    else:
        for p in paths:
            print(f"executing {p}")
    failures = execute_all(paths)
    for path, error in failures:
        print(f"{path}: could not be executed: {error}", file=sys.stderr)
    return 1 if failures else 0
