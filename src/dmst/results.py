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
"""

from __future__ import annotations

import datetime as dt
import json
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
    override = os.environ.get("DMST_DATA_DIR")
    if override:
        return Path(override).expanduser()
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
    return os.environ.get("DMST_RECORD", "1").strip().lower() in ("0", "no", "off", "false")


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


def progress() -> Progress:
    """What this learner has answered, per lesson and per assessment; never raises."""
    try:
        return Progress(attempts())
    except StoreError as exc:
        return Progress([], problem=str(exc))


class Progress:
    def __init__(self, rows: list[dict[str, Any]], problem: str = "") -> None:
        self.rows = rows
        self.problem = problem
        self.by_lesson: dict[str, tuple[int, int]] = {}
        self.assessments: dict[str, tuple[int, int]] = {}
        self.practice = 0
        for r in rows:
            if not r["first_try"]:
                continue
            if r["context"] == "check":
                lesson = r["question"].split(".")[0]
                done, right = self.by_lesson.get(lesson, (0, 0))
                self.by_lesson[lesson] = (done + 1, right + r["correct"])
            elif r["context"] in ("pre", "post"):
                done, right = self.assessments.get(r["context"], (0, 0))
                self.assessments[r["context"]] = (done + 1, right + r["correct"])
            elif r["context"] == "say":
                self.practice += 1

    def lines(self) -> list[tuple[str, str, str]]:
        """(what, answered, right first time) rows; before the course no score is shown."""
        rows = [
            (f"Lesson {lesson}", str(done), str(right))
            for lesson, (done, right) in sorted(self.by_lesson.items())
        ]
        if "pre" in self.assessments:
            done, _ = self.assessments["pre"]
            rows.append(("Before the course", str(done), "shown after the course"))
        if "post" in self.assessments:
            done, right = self.assessments["post"]
            rows.append(("After the course", str(done), str(right)))
        if self.practice:
            rows.append(('"What would you say?" practice', str(self.practice), "self-checked"))
        return rows

    def _repr_html_(self) -> str:
        import html

        if self.problem:
            return f"<p>Your progress cannot be shown: {html.escape(self.problem)}.</p>"
        if not self.lines():
            return "<p>No answers recorded yet on this computer.</p>"
        body = "".join(
            f"<tr><td>{html.escape(a)}</td><td>{b}</td><td>{html.escape(c)}</td></tr>"
            for a, b, c in self.lines()
        )
        return (
            "<table><thead><tr><th>Part</th><th>Answered</th>"
            f"<th>Right first time</th></tr></thead><tbody>{body}</tbody></table>"
        )

    def __repr__(self) -> str:
        if self.problem:
            return f"Your progress cannot be shown: {self.problem}."
        if not self.lines():
            return "No answers recorded yet on this computer."
        return "\n".join(f"{a}: {b} answered, {c} right first time" for a, b, c in self.lines())


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
    with _writer() as conn:
        conn.execute("INSERT OR IGNORE INTO exports VALUES (?)", (str(target.resolve()),))
    return target


HAND_IN_MODE = 0o640  # the learner reads and writes; the folder's group (instructors) reads


def drop_dir() -> Path | None:
    """The class's hand-in folder on a shared server (``DMST_DROP_DIR``), or None."""
    value = os.environ.get("DMST_DROP_DIR", "").strip()
    return Path(value).expanduser() if value else None


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


def exported_files() -> list[Path]:
    """Results files this store wrote, as far as it can tell (an unreadable store: none)."""
    try:
        with _reader() as conn:
            if conn is None:
                return []
            return [Path(p) for (p,) in conn.execute("SELECT path FROM exports ORDER BY path")]
    except (StoreError, sqlite3.Error):
        return []


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


def record_verdict(
    question_id: str, answer: Any, verdict: Any, attempt: int, context: str = "check"
) -> None:
    """The live checks' hook. A guess on a numeric check is saved as the number, with how far
    off it was from the evidence."""
    off = None
    if getattr(verdict, "estimate", False):
        from dmst.questions import parse_number

        answer = parse_number(answer)
        number = _number_of(question_id)
        off = off_by(answer, number.low, number.high) if number is not None else None
    record(question_id, answer, verdict.correct, attempt, context, off)


def _number_of(question_id: str) -> Any:
    from dmst.assessment import items
    from dmst.questions import bank

    found = bank().get(question_id) or next((q for q in items() if q.id == question_id), None)
    return None if found is None else found.number


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


def panel() -> Any:
    """The learner's results panel: progress, save a file, recording on or off, erase."""
    from dmst.panel import Panel

    return Panel()


__all__ = [
    "StoreError",
    "drop_dir",
    "erase",
    "export",
    "hand_in",
    "panel",
    "progress",
    "record",
    "record_self_check",
    "set_recording",
]
