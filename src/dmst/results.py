"""Learner results, private by default: attempts kept in SQLite on the learner's own machine.

What is kept per attempt: question id, the option keys chosen (or the number guessed), whether it
was right, whether it was the first try, the attempt number and the time. No names and no free
text. The database lives in a per-user data folder (``DMST_DATA_DIR`` overrides it); recording can
be switched off (``DMST_RECORD=0`` or :func:`set_recording`); :func:`erase` removes everything.
SQLite commits each attempt in its own transaction, so killing the kernel mid-write loses nothing
already saved. The HTML book stores nothing: there is no kernel there.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sqlite3
import sys
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

FORMAT = "dmst-results"
FORMAT_VERSION = 1
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
"""


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


def _connect() -> sqlite3.Connection:
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10)
    conn.execute("PRAGMA journal_mode=WAL")  # readers never block; a crash keeps committed rows
    conn.execute("PRAGMA synchronous=FULL")
    conn.executescript(SCHEMA)
    return conn


def _setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def learner_id() -> str:
    """A random id for this machine's results, so an instructor can tell files apart, not people."""
    with closing(_connect()) as conn, conn:
        value = _setting(conn, "learner")
        if value is None:
            value = secrets.token_hex(8)
            conn.execute("INSERT INTO settings VALUES ('learner', ?)", (value,))
        return value


def recording() -> bool:
    if os.environ.get("DMST_RECORD", "1").strip().lower() in ("0", "no", "off", "false"):
        return False
    if not db_path().exists():
        return True
    with closing(_connect()) as conn:
        return _setting(conn, "recording") != "off"


def set_recording(on: bool) -> None:
    """Switch recording on or off for this learner (kept with the results)."""
    with closing(_connect()) as conn, conn:
        conn.execute(
            "INSERT OR REPLACE INTO settings VALUES ('recording', ?)", ("on" if on else "off",)
        )


def encode_answer(answer: Any) -> str:
    """Option keys or a number, never free text."""
    if isinstance(answer, set | frozenset | list | tuple):
        return ",".join(sorted(str(a) for a in answer))
    if isinstance(answer, int | float):
        return repr(float(answer))
    text = str(answer)
    if not text.replace(",", "").replace("-", "").isalnum() or len(text) > 40:
        raise ValueError("only option keys or numbers are recorded")
    return text


def record(question: str, answer: Any, correct: bool, attempt: int, context: str = "check") -> bool:
    """Save one attempt; returns False (and saves nothing) when recording is off."""
    if not recording():
        return False
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    with closing(_connect()) as conn, conn:
        conn.execute(
            "INSERT INTO attempts (question, context, answer, correct, attempt, first_try, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                question,
                context,
                encode_answer(answer),
                int(correct),
                attempt,
                int(attempt == 1),
                now,
            ),
        )
    return True


def attempts() -> list[dict[str, Any]]:
    if not db_path().exists():
        return []
    with closing(_connect()) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT question, context, answer, correct, attempt, first_try, at FROM attempts "
            "ORDER BY id"
        ).fetchall()
    return [dict(r) for r in rows]


def progress() -> Progress:
    """What this learner has answered, per lesson, and how much was right the first time."""
    return Progress(attempts())


class Progress:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        firsts = [r for r in rows if r["first_try"] and r["context"] == "check"]
        self.by_lesson: dict[str, tuple[int, int]] = {}
        for r in firsts:
            lesson = r["question"].split(".")[0]
            done, right = self.by_lesson.get(lesson, (0, 0))
            self.by_lesson[lesson] = (done + 1, right + r["correct"])

    def _repr_html_(self) -> str:
        if not self.by_lesson:
            return "<p>No answers recorded yet on this computer.</p>"
        rows = "".join(
            f"<tr><td>Lesson {lesson}</td><td>{done}</td><td>{right}</td></tr>"
            for lesson, (done, right) in sorted(self.by_lesson.items())
        )
        return (
            "<table><thead><tr><th>Lesson</th><th>Checks answered</th>"
            f"<th>Right first time</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def __repr__(self) -> str:
        if not self.by_lesson:
            return "No answers recorded yet on this computer."
        return "\n".join(
            f"Lesson {lesson}: {done} answered, {right} right first time"
            for lesson, (done, right) in sorted(self.by_lesson.items())
        )


def export(path: Path | str | None = None) -> Path:
    """Write an anonymous results file to hand to an instructor; returns its path."""
    from dmst import __version__

    rows = attempts()
    target = Path(path) if path else Path.cwd() / f"dmst-results-{learner_id()}.json"
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "curriculum": __version__,
        "learner": learner_id(),
        "exported": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "attempts": rows,
    }
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    tmp.replace(target)  # a reader never sees half a file
    return target


def erase() -> None:
    """Delete every recorded answer and setting on this computer."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path()) + suffix).unlink(missing_ok=True)


def record_verdict(
    question_id: str, answer: Any, verdict: Any, attempt: int, context: str = "check"
) -> None:
    """The live checks' hook. A guess on a numeric check is saved as the number."""
    if getattr(verdict, "estimate", False):
        from dmst.questions import parse_number

        answer = parse_number(answer)
    record(question_id, answer, verdict.correct, attempt, context)


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


__all__: Iterable[str] = (
    "erase",
    "export",
    "progress",
    "record",
    "record_self_check",
    "set_recording",
)


class Panel:
    """Buttons for a learner's own results: progress, export, recording on or off, erase."""

    STATIC = (
        '<aside class="dmst-results-panel"><p><strong>Your results.</strong> When you work in '
        "Jupyter, your answers are kept only on your own computer: no names, nothing you type. "
        "Here you can see your progress, save an anonymous results file for your instructor, "
        "switch recording off, or erase everything. In the published book nothing is stored."
        "</p></aside>"
    )

    def widget(self) -> Any:
        import ipywidgets as w

        out = w.HTML()
        show = w.Button(description="Show my progress")
        save = w.Button(description="Save my results file")
        toggle = w.ToggleButton(value=recording(), description="Recording answers")
        confirm = w.Checkbox(value=False, description="Yes, erase everything", indent=False)
        erase_button = w.Button(description="Erase my results", button_style="danger")

        def on_show(_) -> None:
            out.value = progress()._repr_html_()

        def on_save(_) -> None:
            path = export()
            out.value = f"<p>Saved <code>{path}</code>. Give this file to your instructor.</p>"

        def on_toggle(change) -> None:
            set_recording(change["new"])
            out.value = f"<p>Recording is {'on' if change['new'] else 'off'}.</p>"

        def on_erase(_) -> None:
            if not confirm.value:
                out.value = "<p>Tick “Yes, erase everything” first. Nothing was erased.</p>"
                return
            erase()
            confirm.value = False
            out.value = "<p>Everything is erased from this computer.</p>"

        show.on_click(on_show)
        save.on_click(on_save)
        toggle.observe(on_toggle, "value")
        erase_button.on_click(on_erase)
        return w.VBox(
            [
                w.HTML(self.STATIC),
                w.HBox([show, save, toggle]),
                w.HBox([confirm, erase_button]),
                out,
            ]
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from dmst.display import bundle

        return bundle("Your results panel", self.STATIC, self.widget(), include, exclude)


def panel() -> Panel:
    return Panel()
