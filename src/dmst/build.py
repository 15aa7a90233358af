"""``dmst build``: the book and the learner edition, in one process, rebuilding only what changed.

1. Check every content file (one line if something needs fixing).
2. Re-run the notebooks whose code cells or code changed (:mod:`dmst.execute`, in parallel).
3. Build the HTML with Sphinx, from the ``conf.py`` that ``jupyter-book config sphinx`` makes
   from ``_config.yml`` and ``_toc.yml`` (the Makefile regenerates it when they change). Sphinx
   re-reads only the pages whose source, or whose data files, changed.
4. Write the learner edition, skipping notebooks whose inputs did not change.

One process means the data are loaded once for all four steps, and Jupyter Book's own command
(which re-validates its configuration on every run) is not started at all: an edit to one
question reaches its page in a few seconds.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

ROOT = Path.cwd()
HTML = Path("_build/html")
DOCTREES = Path("_build/.doctrees")


def main(argv: list[str] | None = None) -> int:
    # No cycle collection while building: Sphinx and docutils make millions of small objects
    # that live until the build ends, and the collector would walk them again and again. A
    # quarter of a cold build's time, for up to 170 MB more memory at the peak (380 MB here).
    gc.disable()
    # Reading notebooks imports jsonschema, which compiles dozens of grammars for an optional
    # IRI checker when it finds `rfc3987_syntax` (JupyterLab installs it): 2 to 3 seconds on
    # every build, for a format no notebook uses. Telling Python it is absent skips that.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from dmst.validate import main as check

    if check() != 0:
        return 1
    from dmst.execute import main as execute

    notebooks = sorted(str(p) for p in Path("notebooks").glob("*.ipynb"))
    if execute([*notebooks, "--stale"]) != 0:
        return 1
    if not Path("conf.py").exists():
        print("conf.py is missing: run `make book` (it makes conf.py from _config.yml).")
        return 1
    from sphinx.cmd.build import build_main

    options = ["-b", "html", "-W", "-n", "--keep-going", "-d", str(DOCTREES)]
    if build_main([*options, ".", str(HTML), *(argv or [])]) != 0:
        return 1
    from dmst.learner import main as learner

    return learner([])
