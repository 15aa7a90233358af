"""Learner results, private by default: attempts kept in SQLite on the learner's own machine.

What is kept per attempt: question id, the option keys chosen (or the number guessed, with how far
off it was), whether it was right, whether it was the first try, the attempt number and the time.
No names and no free text. The database lives in a per-user data folder (``DMST_DATA_DIR``
overrides it); recording can be switched off (``DMST_RECORD=0`` or :func:`set_recording`);
:func:`erase` removes everything, including the results files it exported. SQLite commits each
attempt in its own transaction, so killing the kernel mid-write loses nothing already saved.

A broken store (a damaged or read-only database, a data folder that is a file) never breaks a
lesson: every function raises :class:`StoreError` with a sentence a learner can act on, and the
results panel (``dmst.panel``) always opens and offers to erase and start again.

The store and what is recorded are :mod:`dmst.results.store`; results files (export, hand-in,
erase) :mod:`dmst.results.files`; a learner's progress :mod:`dmst.results.progress`.
"""

from __future__ import annotations

from typing import Any

from dmst.results.files import HAND_IN_MODE, drop_dir, erase, export, hand_in
from dmst.results.progress import Progress, progress
from dmst.results.store import (
    CONTEXTS,
    FORMAT,
    FORMAT_VERSION,
    StoreError,
    attempts,
    data_dir,
    db_path,
    encode_answer,
    exported_files,
    learner_id,
    off_by,
    record,
    record_self_check,
    record_verdict,
    recording,
    recording_switched_off_by_environment,
    set_recording,
)


def panel() -> Any:
    """The learner's results panel: progress, save a file, recording on or off, erase."""
    from dmst.panel import Panel

    return Panel()


__all__ = [
    "CONTEXTS",
    "FORMAT",
    "FORMAT_VERSION",
    "HAND_IN_MODE",
    "Progress",
    "StoreError",
    "attempts",
    "data_dir",
    "db_path",
    "drop_dir",
    "encode_answer",
    "erase",
    "export",
    "exported_files",
    "hand_in",
    "learner_id",
    "off_by",
    "panel",
    "progress",
    "record",
    "record_self_check",
    "record_verdict",
    "recording",
    "recording_switched_off_by_environment",
    "set_recording",
]
