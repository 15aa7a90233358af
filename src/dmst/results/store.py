"""The results store: a learner's attempts in SQLite, in a per-user data folder.

What is kept per attempt: question id, the option keys chosen (or the number guessed, with how far
off it was), whether it was right, whether it was the first try, the attempt number and the time.
No names and no free text. The database lives in a per-user data folder (``DMST_DATA_DIR``
overrides it); recording can be switched off (``DMST_RECORD=0`` or :func:`set_recording`). SQLite
commits each attempt in its own transaction, so killing the kernel mid-write loses nothing already
saved. A broken store raises :class:`StoreError` with a sentence a learner can act on.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import secrets
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from dmst import settings

FORMAT = "dmst-results"
FORMAT_VERSION = 1
CONTEXTS = ("check", "pre", "post", "say")
SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    context TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    first_try INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS exports (path TEXT PRIMARY KEY);
"""
COLUMNS = "question, context, answer, correct, attempt, first_try, at, off"
T = TypeVar("T")


class StoreError(OSError):
    """The results store cannot be used; the message says what is wrong in plain words."""


def data_dir() -> Path:
    """Where results live: DMST_DATA_DIR, else the platform's per-user data folder."""
    override = settings.path("DMST_DATA_DIR")
    if override is not None:
        return override
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")) / "dmst"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "dmst"
    return Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share")) / "dmst"


def db_path() -> Path:
    return data_dir() / "results.sqlite3"


def _plain(exc: BaseException) -> str:
    """A learner-facing sentence for what went wrong with the store."""
    text = str(exc).lower()
    where = db_path()
    if isinstance(exc, FileExistsError | NotADirectoryError) or "not a directory" in text:
        return f"the results folder {where.parent} is a file, not a folder"
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return f"the results file {where} cannot be written (it is read-only)"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"the results file {where} is damaged"
    if "locked" in text or "busy" in text:
        return "the results file is busy in another notebook; try again in a moment"
    return f"the results file {where} cannot be used ({exc})"


def _retry(action: Callable[[], T], seconds: float = 10.0) -> T:
    """Run ``action``, retrying while another kernel holds the database (first-run races)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _init(conn: sqlite3.Connection) -> None:
    _retry(lambda: conn.execute("PRAGMA journal_mode=WAL"))  # readers never block writers
    conn.execute("PRAGMA synchronous=FULL")  # a crash keeps every committed row
    _retry(lambda: conn.executescript(SCHEMA))
    columns = {row[1] for row in conn.execute("PRAGMA table_info(attempts)")}
    if "off" not in columns:  # older stores: how far an estimate was from the evidence
        try:
            _retry(lambda: conn.execute("ALTER TABLE attempts ADD COLUMN off REAL"))
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):  # another kernel added it first
                raise


@contextmanager
def _writer() -> Iterator[sqlite3.Connection]:
    """A connection for writing, in one transaction; StoreError if the store is unusable."""
    try:
        db_path().parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(db_path(), timeout=10)) as conn:
            _init(conn)
            with conn:
                yield conn
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, StoreError):
            raise
        raise StoreError(_plain(exc)) from exc


@contextmanager
def _reader() -> Iterator[sqlite3.Connection | None]:
    """A read-only connection, or None when nothing has been recorded yet."""
    path = db_path()
    try:
        if path.parent.exists() and not path.parent.is_dir():
            raise NotADirectoryError(str(path.parent))
        if not path.exists():
            yield None
            return
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)) as conn:
            yield conn
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, StoreError):
            raise
        raise StoreError(_plain(exc)) from exc


def _setting(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return row[0] if row else None


def learner_id() -> str:
    """A random id for this machine's results, so an instructor can tell files apart, not people."""
    with _writer() as conn:
        # INSERT OR IGNORE: two kernels starting together agree on one id.
        conn.execute(
            "INSERT OR IGNORE INTO settings VALUES ('learner', ?)", (secrets.token_hex(8),)
        )
        value = _setting(conn, "learner")
    assert value is not None
    return value


def recording_switched_off_by_environment() -> bool:
    return not settings.flag("DMST_RECORD", default=True)


def remember_export(path: Path) -> None:
    """Note a results file written from this store, so :func:`dmst.results.erase` removes it."""
    with _writer() as conn:
        conn.execute("INSERT OR IGNORE INTO exports VALUES (?)", (str(path.resolve()),))


def exported_files() -> list[Path]:
    """Results files this store wrote, as far as it can tell (an unreadable store: none)."""
    try:
        with _reader() as conn:
            if conn is None:
                return []
            return [Path(p) for (p,) in conn.execute("SELECT path FROM exports ORDER BY path")]
    except (StoreError, sqlite3.Error):
        return []


def recording() -> bool:
    """Whether answers are being saved now. A broken store reads as not recording."""
    if recording_switched_off_by_environment():
        return False
    try:
        with _reader() as conn:
            return conn is None or _setting(conn, "recording") != "off"
    except StoreError:
        return False


def set_recording(on: bool) -> None:
    """Switch recording on or off for this learner (kept with the results)."""
    with _writer() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO settings VALUES ('recording', ?)", ("on" if on else "off",)
        )


def encode_answer(answer: Any) -> str:
    """Option keys or a number, never free text."""
    if isinstance(answer, set | frozenset | list | tuple):
        return ",".join(sorted(str(a) for a in answer))
    if isinstance(answer, bool):
        raise ValueError("only option keys or numbers are recorded")
    if isinstance(answer, int | float):
        if not math.isfinite(answer):
            raise ValueError("only finite numbers are recorded")
        return repr(float(answer))
    text = str(answer)
    if not text.replace(",", "").replace("-", "").isalnum() or len(text) > 40:
        raise ValueError("only option keys or numbers are recorded")
    return text


def record(
    question: str,
    answer: Any,
    correct: bool,
    attempt: int,
    context: str = "check",
    off: float | None = None,
) -> bool:
    """Save one attempt; returns False (and saves nothing) when recording is off.

    ``off`` is for estimates: the guess divided by the nearest end of the evidence's range
    (1.0 inside it), so a class report can say how far off a guess was.
    """
    if context not in CONTEXTS:
        raise ValueError(f"context must be one of {', '.join(CONTEXTS)}, not {context!r}")
    encoded = encode_answer(answer)
    if recording_switched_off_by_environment():
        return False
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    with _writer() as conn:  # a broken store raises StoreError: the check says it was not saved
        if _setting(conn, "recording") == "off":
            return False
        conn.execute(
            f"INSERT INTO attempts ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (question, context, encoded, int(correct), attempt, int(attempt == 1), now, off),
        )
    return True


def attempts() -> list[dict[str, Any]]:
    """Every recorded attempt, oldest first (``off`` only where it applies)."""
    with _reader() as conn:
        if conn is None:
            return []
        conn.row_factory = sqlite3.Row
        try:
            rows = conn.execute(f"SELECT {COLUMNS} FROM attempts ORDER BY id").fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            if "no such column" not in str(exc):
                raise
            old = COLUMNS.removesuffix(", off")
            rows = conn.execute(f"SELECT {old} FROM attempts ORDER BY id").fetchall()
    result = []
    for row in rows:
        item = dict(row)
        if item.get("off") is None:
            item.pop("off", None)
        result.append(item)
    return result


def record_verdict(
    question_id: str, answer: Any, verdict: Any, attempt: int, context: str = "check"
) -> None:
    """The live checks' hook. The question's kind says what is kept: option keys, or for an
    estimate the number typed, with how far off it was from the evidence."""
    off = None
    q = _question_of(question_id)
    if q is not None:
        from dmst.kinds import kind_of

        answer, off = kind_of(q).stored(q, answer)
    record(question_id, answer, verdict.correct, attempt, context, off)


def _question_of(question_id: str) -> Any:
    from dmst.assessment import items
    from dmst.questions import bank

    return bank().get(question_id) or next((q for q in items() if q.id == question_id), None)


def record_self_check(activity_id: str, situation: int, ticked: Iterable[int], parts: int) -> bool:
    """A "What would you say?" self-check: which parts of the checklist the answer had.

    Saved as one attempt with context "say": question ``"<activity id>.<situation number>"``
    (e.g. "07.say.2", situations counted from 1), answer the ticked parts' indexes into the
    activity's checklist (counted from 0, e.g. "0,2,3"; "" when none), correct when every part
    was ticked. Never the text the learner wrote.
    """
    marks = sorted({int(i) for i in ticked})
    if any(i < 0 or i >= parts for i in marks):
        raise ValueError(f"a ticked part is outside the checklist's {parts} parts")
    return record(f"{activity_id}.{situation}", marks, len(marks) == parts, 1, "say")


def off_by(guess: float, low: float, high: float) -> float:
    """The guess over the nearest end of the range: 1.0 inside it, 0.5 for half, 2.0 for double."""
    if low <= guess <= high:
        return 1.0
    target = low if guess < low else high
    return guess / target if target else math.inf
