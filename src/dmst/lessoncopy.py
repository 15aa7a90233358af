"""Deliver the lessons into a learner's home on a class hub, never overwriting their work.

A hub runs ``dmst copy-lessons SOURCE DEST`` as the learner when their server starts (a
JupyterHub pre-spawn hook, or a Kubernetes ``postStart`` hook): every lesson not yet in DEST is
copied; a lesson already there is left alone, so a learner's answers and notes survive restarts
and a new lesson added to the course still arrives. The class-results notebook goes to
instructors only.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from dmst import settings

INSTRUCTOR_ONLY = frozenset({"class-results.ipynb"})


def lessons_dir(root: Path | str = ".") -> Path:
    """The folder a hub delivers: ``DMST_LESSONS_DIR``, else the learner edition when built,
    else the source notebooks."""
    override = settings.path("DMST_LESSONS_DIR")
    if override is not None:
        return override
    learner = Path(root) / "_build" / "learner"
    if learner.is_dir() and any(learner.glob("*.ipynb")):
        return learner
    return Path(root) / "notebooks"


def copy_lessons(source: Path | str, dest: Path | str, instructor: bool = False) -> list[Path]:
    """Copy what DEST lacks from SOURCE (hidden files and checkpoints skipped); returns the
    files copied. Nothing that exists in DEST is replaced, and no link in DEST is followed."""
    source, dest = Path(source), Path(dest)
    if not source.is_dir():
        raise FileNotFoundError(f"{source}: no lessons folder here")
    copied = []
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(source)
        target = dest / relative
        if target.is_symlink():
            continue
        target.mkdir(parents=True, exist_ok=True)
        for name in sorted(files):
            if name.startswith(".") or (name in INSTRUCTOR_ONLY and not instructor):
                continue
            out = target / name
            if os.path.lexists(out):
                continue
            shutil.copyfile(Path(folder) / name, out)
            copied.append(out)
    return copied
