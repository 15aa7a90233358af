"""Figures kept between builds, for as long as what they were drawn from is unchanged.

Drawing a figure (matplotlib, then a 64-colour PNG) is the slowest part of reading a page. A page
is re-read when any figure it cites changes (:mod:`dmst.sphinx.madefrom`), and its other figures
need not be drawn again: each is kept in ``_build/.dmst-figures`` with what it was drawn from (the
ledger entries it read, the files it depends on, the package's code) and reused while all of
them still read the same. The book and the learner edition, built in one process, draw each
figure once.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dmst.paths import BUILD, PACKAGE

if TYPE_CHECKING:
    from dmst.render import Rendered

FOLDER = BUILD / ".dmst-figures"


@functools.cache
def _code() -> str:
    """The package's code, data aside, and the drawing library's version: a change to either may
    draw any figure differently."""
    # Read from its metadata: importing matplotlib costs a second that a rebuild drawing no figure
    # need not pay.
    from importlib.metadata import version

    digest = hashlib.sha256(version("matplotlib").encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _inputs(made: Rendered) -> str:
    from dmst.ledger import entries_text

    digest = hashlib.sha256(_code().encode())
    for path in made.depends:
        digest.update(str(path).encode() + (path.read_bytes() if path.is_file() else b"-"))
    if made.entries:
        digest.update(entries_text(",".join(sorted(made.entries))).encode())
    return digest.hexdigest()


_KEPT: dict[str, tuple[str, Rendered]] = {}  # this process's figures, by spec


def figure(spec: str, draw: Callable[[], Rendered]) -> Rendered:
    """The figure ``spec``: kept from earlier if its inputs are unchanged, else drawn."""
    kept = _KEPT.get(spec)
    if kept is None:
        try:
            kept = pickle.loads(path_of(spec).read_bytes())
        except (OSError, ValueError, KeyError, EOFError, pickle.UnpicklingError, AttributeError):
            kept = None  # not kept, or kept by other code: draw it
    if kept is not None and kept[0] == _inputs(kept[1]):
        _KEPT[spec] = kept
        return kept[1]
    made = draw()
    _KEPT[spec] = (_inputs(made), made)
    try:  # written whole, then renamed: a parallel reader never sees half a file
        FOLDER.mkdir(parents=True, exist_ok=True)
        part = path_of(spec).with_suffix(f".{os.getpid()}.part")
        part.write_bytes(pickle.dumps(_KEPT[spec]))
        part.replace(path_of(spec))
    except OSError:
        pass  # a read-only install: draw in every process
    return made


def path_of(spec: str) -> Path:
    return FOLDER / (hashlib.sha256(spec.encode()).hexdigest()[:24] + ".pickle")
