"""Results files: the anonymous file a learner exports or hands in to a class's hand-in folder,
and erasing everything (the store and the files it exported)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from dmst import settings
from dmst.results.store import (
    FORMAT,
    FORMAT_VERSION,
    StoreError,
    attempts,
    db_path,
    exported_files,
    learner_id,
    remember_export,
)


def export(path: Path | str | None = None, mode: int | None = None) -> Path:
    """Write an anonymous results file to hand to an instructor; returns its path.

    The path is remembered, so :func:`erase` can remove the file too. ``mode`` sets the file's
    permissions from the moment it exists (the hand-in folder uses it), whatever the umask.
    """
    from dmst import __version__

    rows = attempts()
    target = Path(path).expanduser() if path else Path.cwd() / f"dmst-results-{learner_id()}.json"
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "curriculum": __version__,
        "learner": learner_id(),
        "exported": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "attempts": rows,
    }
    tmp = target.with_suffix(target.suffix + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666 if mode is None else mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)  # the umask cannot widen or narrow it
            handle.write(json.dumps(payload, indent=1))
        tmp.replace(target)  # a reader never sees half a file
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"the results file could not be written to {target} ({exc})") from exc
    remember_export(target)
    return target


HAND_IN_MODE = 0o640  # the learner reads and writes; the folder's group (instructors) reads


def drop_dir() -> Path | None:
    """The class's hand-in folder on a shared server (``DMST_DROP_DIR``), or None."""
    return settings.path("DMST_DROP_DIR")


def hand_in() -> Path:
    """Put this learner's anonymous results file in the class's hand-in folder; returns its path.

    The file is named by the random learner id, never by an account name, so handing in again
    replaces the earlier copy. It is written readable by its owner and the folder's group only
    (the folder's set-group-id bit gives it the instructors' group; see deploy/jupyterhub).
    """
    folder = drop_dir()
    if folder is None:
        raise StoreError("no hand-in folder is set up here (DMST_DROP_DIR is not set)")
    if not folder.is_dir():
        raise StoreError(
            f"the hand-in folder {folder} does not exist; ask whoever runs this server"
        )
    if not attempts():
        raise StoreError("there are no answers to hand in yet")
    return export(folder / f"dmst-results-{learner_id()}.json", mode=HAND_IN_MODE)


def erase() -> list[str]:
    """Delete every recorded answer and setting, and the results files exported from here.

    Returns sentences about anything that could not be removed (empty when all is gone).
    Works on a damaged store too. A data folder that is a file is never deleted.
    """
    left: list[str] = []
    for exported in exported_files():
        if not _ours(exported):
            if exported.exists():
                left.append(f"{exported} was changed since it was saved, so it was left in place")
            continue
        try:
            exported.unlink(missing_ok=True)
        except OSError as exc:
            left.append(f"{exported} could not be removed ({exc.strerror or exc})")
    folder = db_path().parent
    if folder.exists() and not folder.is_dir():
        left.append(f"{folder} is a file, not a results folder, so it was left in place")
        return left
    for suffix in ("", "-wal", "-shm"):
        try:
            Path(str(db_path()) + suffix).unlink(missing_ok=True)
        except OSError as exc:
            left.append(f"{db_path()}{suffix} could not be removed ({exc.strerror or exc})")
    return left


def _ours(path: Path) -> bool:
    """An exported file is removed only while it still is one of our results files."""
    try:
        if not path.is_file() or path.stat().st_size > 20_000_000:
            return False
        return json.loads(path.read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False
