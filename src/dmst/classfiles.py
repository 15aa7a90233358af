"""Reading a class's results files: from the notebooks, from the web book, safely.

Paper tests entered into a CSV table beside them are read by :mod:`dmst.paper` into the same
records.

An instructor points the class report at a folder. Anything in it may be wrong: a damaged file,
another program's JSON, a link to a device, a folder named like a file, a file of gigabytes. Only
regular files under a size cap are read; every field of every answer is checked for type and
range; anything else is reported in one line and skipped, and the good files' figures are
unchanged. Answers saved without a verdict (the web book's pre-course page carries no answer key)
are graded here, against the question banks.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dmst.results import CONTEXTS, FORMAT, FORMAT_VERSION

MAX_FILE_BYTES = 5_000_000  # a whole course's answers take a few hundred kilobytes
MAX_ATTEMPTS = 20_000
LEARNER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
QUESTION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$")


@dataclass
class LearnerFile:
    path: Path
    learner: str
    exported: str
    attempts: list[dict[str, Any]]
    source: str = "notebook"  # "notebook" or "book"


@dataclass
class ClassResults:
    learners: list[LearnerFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def known_questions() -> dict[str, Any]:
    """Every question a results file may answer: lesson checks and both assessment forms."""
    from dmst.assessment import items
    from dmst.questions import bank

    return {**bank(), **{q.id: q for q in items()}}


def known_activities() -> set[str]:
    from dmst.activities import all_activities

    return set(all_activities())


def load_folder(folder: Path | str, questions: dict[str, Any] | None = None) -> ClassResults:
    """Read every results file in ``folder``; problems are collected, never raised."""
    folder = Path(folder).expanduser()  # the guide's example is "~/Desktop/results"
    questions = known_questions() if questions is None else questions
    result = ClassResults()
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "no such folder"
        result.problems.append(f"{folder}: {what}.")
        return result
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:  # a class hub's hand-in folder: only instructors may list it
        result.problems.append(f"{folder}: cannot be read ({exc.strerror or exc}).")
        return result
    names = [p for p in entries if p.suffix.lower() == ".json"]
    tables = [p for p in entries if p.suffix.lower() == ".csv"]  # paper tests (dmst.paper)
    from dmst.paper import read_tables, unsaved_spreadsheets

    result.problems += unsaved_spreadsheets(entries)
    if not names and not tables:
        result.problems.append(
            f"{folder}: no results files (*.json) or paper-test tables (*.csv) in this folder yet."
        )
        return result
    found = [loaded for path in names for loaded in _read(path, questions, result.problems)]
    found += read_tables(tables, questions, result.problems)
    by_learner: dict[str, LearnerFile] = {}
    for loaded in sorted(found, key=lambda f: f.exported):
        earlier = by_learner.get(loaded.learner)
        by_learner[loaded.learner] = loaded if earlier is None else _join(earlier, loaded, result)
    result.learners = sorted(by_learner.values(), key=lambda f: (f.path.name, f.learner))
    return result


def _join(earlier: LearnerFile, later: LearnerFile, result: ClassResults) -> LearnerFile:
    """One learner's two files. Where both hold answers of one kind (before the course, after it,
    lesson checks), the later file's answers are kept; where they complement each other (the web
    book's before and after pages, downloaded with the same code), both count."""
    contexts = {a["context"] for a in later.attempts}
    replaced = contexts & {a["context"] for a in earlier.attempts}
    if replaced:
        result.problems.append(
            f"{earlier.path.name}: the same learner as {later.path.name}; kept the later "
            f"export ({later.path.name}) and skipped this one."
            if replaced >= {a["context"] for a in earlier.attempts}
            else f"{earlier.path.name}: the same learner as {later.path.name}; its "
            f"{', '.join(sorted(replaced))} answers were replaced by the later file's."
        )
    kept = [a for a in earlier.attempts if a["context"] not in contexts]
    return LearnerFile(
        later.path, later.learner, later.exported, kept + later.attempts, later.source
    )


def read_capped(path: Path) -> bytes:
    """A regular file's bytes, at most MAX_FILE_BYTES; OSError with a plain reason otherwise.

    Links are followed only to regular files; devices, pipes and folders are refused without
    being opened for reading (a pipe would block, /dev/zero would never end).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise OSError("a broken link or a file that vanished") from None
    if stat.S_ISDIR(info.st_mode):
        raise OSError("a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise OSError("not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise OSError(f"larger than {MAX_FILE_BYTES // 1_000_000} MB, too large for a results file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped after the check above
            raise OSError("not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(f"larger than {MAX_FILE_BYTES // 1_000_000} MB, too large for a results file")
    return data


def _read(path: Path, questions: dict[str, Any], problems: list[str]) -> list[LearnerFile]:
    try:
        raw = read_capped(path)
    except OSError as exc:
        reason = exc.strerror if exc.errno in (errno.EACCES, errno.EPERM) else str(exc)
        problems.append(f"{path.name}: {reason}; skipped.")
        return []
    try:
        data = json.loads(raw.decode("utf-8"))  # NaN parses, then fails the field checks
    except (UnicodeDecodeError, ValueError, RecursionError):
        problems.append(f"{path.name}: not a results file (unreadable or not JSON); skipped.")
        return []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        problems.append(f"{path.name}: not a DMST results file; skipped.")
        return []
    if data.get("version") != FORMAT_VERSION or isinstance(data.get("version"), bool):
        problems.append(
            f"{path.name}: made by another version of the curriculum (results format "
            f"{_short(data.get('version'))}; this one reads {FORMAT_VERSION}); skipped."
        )
        return []
    learner, attempts = data.get("learner"), data.get("attempts")
    if not isinstance(learner, str) or not LEARNER.fullmatch(learner):
        problems.append(f"{path.name}: its learner id is missing or malformed; skipped.")
        return []
    if not isinstance(attempts, list):
        problems.append(f"{path.name}: its list of answers is missing; skipped.")
        return []
    if len(attempts) > MAX_ATTEMPTS:
        problems.append(f"{path.name}: more than {MAX_ATTEMPTS:,} answers; skipped.")
        return []
    exported = data.get("exported", "")
    exported = exported[:40] if isinstance(exported, str) else ""
    source = "book" if data.get("source") == "book" else "notebook"
    kept, unknown, broken = [], set(), 0
    activities = None
    for attempt in attempts:
        clean = clean_attempt(attempt)
        if clean is None:
            broken += 1
            continue
        qid = clean["question"]
        if clean["context"] == "say":  # "07.say.2": an activity's second situation
            activities = known_activities() if activities is None else activities
            if qid.rpartition(".")[0] in activities:
                kept.append(clean)
            else:
                unknown.add(qid)
            continue
        if qid not in questions:
            unknown.add(qid)
            continue
        if clean["correct"] is None:
            graded = grade_answer(questions[qid], clean["answer"])
            if graded is None:
                broken += 1
                continue
            clean["correct"] = graded
        kept.append(clean)
    if broken:
        problems.append(f"{path.name}: {broken} damaged answer(s) skipped.")
    if unknown:
        shown = ", ".join(sorted(unknown)[:8]) + (" and more" if len(unknown) > 8 else "")
        problems.append(
            f"{path.name}: answers to questions this curriculum no longer has "
            f"({shown}); those answers skipped."
        )
    return [LearnerFile(path, learner, exported, kept, source)]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 20 else text[:17] + "..."


def _flag(value: Any) -> int | None:
    """0 or 1 from true/false or 0/1; None for anything else (2, 100, -5, "yes", NaN)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value in (0, 1):
        return value
    return None


def clean_attempt(attempt: Any) -> dict[str, Any] | None:
    """One answer, every field type- and range-checked; None when anything is wrong."""
    if not isinstance(attempt, dict):
        return None
    question, context = attempt.get("question"), attempt.get("context")
    if not isinstance(question, str) or not QUESTION.fullmatch(question):
        return None
    if context not in CONTEXTS:
        return None
    answer = attempt.get("answer")
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int | float):
        if not math.isfinite(answer) or abs(answer) > 1e12:
            return None
        answer = repr(float(answer))
    if not isinstance(answer, str) or len(answer) > 200:
        return None
    correct = attempt.get("correct")
    if correct is not None:
        correct = _flag(correct)
        if correct is None:
            return None
    first_try = _flag(attempt.get("first_try"))
    number = attempt.get("attempt")
    if first_try is None or isinstance(number, bool) or not isinstance(number, int):
        return None
    if not 1 <= number <= 10_000:
        return None
    at = attempt.get("at", "")
    if not isinstance(at, str) or len(at) > 40:
        return None
    clean = {
        "question": question,
        "context": context,
        "answer": answer,
        "correct": correct,
        "attempt": number,
        "first_try": first_try,
        "at": at,
    }
    off = attempt.get("off")
    if off is not None:
        if isinstance(off, bool) or not isinstance(off, int | float) or not math.isfinite(off):
            return None
        clean["off"] = float(off)
    return clean


def grade_answer(question: Any, answer: str) -> int | None:
    """Grade a saved answer against the bank: 1 or 0; None when it names no option."""
    from dmst.kinds import kind_of
    from dmst.questions import grade

    chosen = kind_of(question).from_stored(answer)
    try:
        verdict = grade(question, chosen)
    except (ValueError, KeyError):
        return None
    if not verdict.feedback:
        return None  # nothing chosen, or not a number
    return int(verdict.correct)
