"""``make lab``: JupyterLab on the learner edition, private, with learner notebooks saved clean.

One place for the settings, so ``make lab`` and the browser test start the same JupyterLab:

* it serves ``_build`` and opens ``learner/``: the learner edition's links to the book
  (``../html/...``) then open inside JupyterLab, and nothing else in the project is served;
* Jupyter Book's ``jupyter_execute`` folder (source notebooks with their stored answers) is hidden;
* a learner notebook is saved without widget views or answers in its outputs
  (:func:`dmst.learner.lab_pre_save_hook`), so reopening it never shows a widget error;
* no news or update check is fetched (``make lab`` disables the announcements plugin when it
  installs JupyterLab) and the extension manager never searches PyPI;
* it runs as root only with ``--allow-root``, added when needed.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from dmst.learner import BUILD, OUT

HIDDEN = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "jupyter_execute"]


def lab_args(root: Path = BUILD, folder: Path = OUT) -> list[str]:
    """Arguments for ``jupyter lab``."""
    args = [
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.default_url=/lab/tree/{folder.relative_to(root).as_posix()}",
        "--ContentsManager.pre_save_hook=dmst.learner.lab_pre_save_hook",
        "--ContentsManager.hide_globs=" + repr(HIDDEN).replace("'", '"'),
        "--LabApp.extension_manager=readonly",  # never asks PyPI for extensions
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return args


def main(argv: list[str]) -> int:
    if not any(OUT.glob("*.ipynb")):
        print("The learner edition is not built: run `make lab` (it builds it).", file=sys.stderr)
        return 1
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
    os.execv(jupyter, [jupyter, "lab", *lab_args(), *argv])
    return 0  # not reached
