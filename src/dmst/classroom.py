"""Class results for instructors: pre/post gain per objective from learners' exported files.

Point :func:`class_report` at a folder of ``dmst-results-*.json`` files (from
``dmst.results.export``). Everything is computed on the instructor's machine. Bad input is
reported and skipped, never fatal: unreadable files, files from another version, two files from
one learner, answers to questions the banks no longer have, an empty folder.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dmst.results import FORMAT, FORMAT_VERSION

SMALL_GROUP = 5  # below this many learners a rate is shown with a caution
ATTEMPT_FIELDS = ("question", "context", "answer", "correct", "attempt", "first_try")


@dataclass
class LearnerFile:
    path: Path
    learner: str
    exported: str
    attempts: list[dict[str, Any]]


@dataclass
class ClassResults:
    learners: list[LearnerFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def known_questions() -> dict[str, Any]:
    from dmst.assessment import items
    from dmst.questions import bank

    return {**bank(), **{q.id: q for q in items()}}


def load_folder(folder: Path | str, questions: dict[str, Any] | None = None) -> ClassResults:
    """Read every results file in ``folder``; problems are collected, never raised."""
    folder = Path(folder).expanduser()  # the notebook's example uses "~/Desktop/results"
    questions = known_questions() if questions is None else questions
    result = ClassResults()
    if not folder.is_dir():
        result.problems.append(f"{folder}: no such folder.")
        return result
    files = sorted(folder.glob("*.json"))
    if not files:
        result.problems.append(f"{folder}: no results files (*.json) in this folder yet.")
        return result
    by_learner: dict[str, LearnerFile] = {}
    for path in files:
        loaded = _read(path, questions, result.problems)
        if loaded is None:
            continue
        earlier = by_learner.get(loaded.learner)
        if earlier is not None:
            keep, drop = (
                (loaded, earlier) if loaded.exported >= earlier.exported else (earlier, loaded)
            )
            result.problems.append(
                f"{drop.path.name}: the same learner as {keep.path.name}; kept the later export "
                f"({keep.path.name}) and skipped this one."
            )
            by_learner[loaded.learner] = keep
        else:
            by_learner[loaded.learner] = loaded
    result.learners = sorted(by_learner.values(), key=lambda f: f.path.name)
    return result


def _read(path: Path, questions: dict[str, Any], problems: list[str]) -> LearnerFile | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        problems.append(f"{path.name}: not a results file (unreadable or not JSON); skipped.")
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        problems.append(f"{path.name}: not a DMST results file; skipped.")
        return None
    if data.get("version") != FORMAT_VERSION:
        problems.append(
            f"{path.name}: made by another version of the curriculum (results format "
            f"{data.get('version')!r}; this one reads {FORMAT_VERSION}); skipped."
        )
        return None
    learner, attempts = data.get("learner"), data.get("attempts")
    if not isinstance(learner, str) or not isinstance(attempts, list):
        problems.append(f"{path.name}: missing its learner id or attempts; skipped.")
        return None
    kept, unknown, broken = [], set(), 0
    for attempt in attempts:
        if not isinstance(attempt, dict) or any(f not in attempt for f in ATTEMPT_FIELDS):
            broken += 1
        elif attempt["question"] not in questions:
            unknown.add(attempt["question"])
        else:
            kept.append(attempt)
    if broken:
        problems.append(f"{path.name}: {broken} damaged answer(s) skipped.")
    if unknown:
        problems.append(
            f"{path.name}: answers to questions this curriculum no longer has "
            f"({', '.join(sorted(unknown))}); those answers skipped."
        )
    return LearnerFile(path, learner, str(data.get("exported", "")), kept)


@dataclass(frozen=True)
class ObjectiveRow:
    objective: str
    text: str
    pre_learners: int
    pre_rate: float | None
    post_learners: int
    post_rate: float | None

    @property
    def gain(self) -> float | None:
        if self.pre_rate is None or self.post_rate is None:
            return None
        return self.post_rate - self.pre_rate

    @property
    def caution(self) -> bool:
        return min(self.pre_learners, self.post_learners) < SMALL_GROUP


def first_tries(results: ClassResults, context: str) -> list[tuple[str, dict[str, Any]]]:
    """(learner, attempt) for each learner's first try at each item in a context."""
    found = []
    for f in results.learners:
        seen: set[str] = set()
        for a in f.attempts:
            if a["context"] == context and a["first_try"] and a["question"] not in seen:
                seen.add(a["question"])
                found.append((f.learner, a))
    return found


def by_objective(
    results: ClassResults, questions: dict[str, Any] | None = None
) -> list[ObjectiveRow]:
    from dmst.lessons import curriculum

    questions = known_questions() if questions is None else questions
    objectives = curriculum().objectives
    rows = []
    tallies: dict[str, dict[str, list]] = {}
    for context in ("pre", "post"):
        for learner, a in first_tries(results, context):
            objective = questions[a["question"]].objective
            tally = tallies.setdefault(objective, {"pre": [], "post": []})
            tally[context].append((learner, a["correct"]))
    for objective in sorted(tallies):
        t = tallies[objective]
        rows.append(
            ObjectiveRow(
                objective,
                objectives[objective].text if objective in objectives else "",
                len({learner for learner, _ in t["pre"]}),
                _rate(t["pre"]),
                len({learner for learner, _ in t["post"]}),
                _rate(t["post"]),
            )
        )
    return rows


def _rate(pairs: list[tuple[str, int]]) -> float | None:
    return sum(c for _, c in pairs) / len(pairs) if pairs else None


def most_missed(
    results: ClassResults, top: int = 5, questions: dict[str, Any] | None = None
) -> list[tuple[str, str, int, float]]:
    """(question id, prompt, learners, share wrong at first try), worst first; post and checks."""
    questions = known_questions() if questions is None else questions
    answers: dict[str, list[int]] = {}
    for context in ("post", "check"):
        for _, a in first_tries(results, context):
            answers.setdefault(a["question"], []).append(a["correct"])
    rows = [(qid, questions[qid].prompt, len(v), 1 - sum(v) / len(v)) for qid, v in answers.items()]
    rows.sort(key=lambda r: (-r[3], r[0]))
    return [r for r in rows if r[3] > 0][:top]


def _pct(rate: float | None) -> str:
    return "no answers" if rate is None else f"{round(rate * 100)}%"


class ClassReport:
    def __init__(self, folder: Path | str, label: str = "") -> None:
        self.results = load_folder(folder)
        self.rows = by_objective(self.results)
        self.missed = most_missed(self.results)
        self.label = label

    def chart(self):
        from dmst.figures import gain_chart

        return gain_chart(self.rows, len(self.results.learners), self.label)

    def _repr_html_(self) -> str:
        parts = [f"<p><strong>{len(self.results.learners)} learner files read.</strong></p>"]
        if self.results.problems:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in self.results.problems)
            parts.append(f"<p>Skipped or fixed, so you can check:</p><ul>{items}</ul>")
        if not self.rows:
            parts.append("<p>No assessment answers to show yet.</p>")
            return "".join(parts)
        parts.append(self.chart()._repr_html_())
        body = "".join(
            f"<tr><td>{r.objective}</td><td>{html.escape(r.text)}</td>"
            f"<td>{_pct(r.pre_rate)} ({r.pre_learners})</td>"
            f"<td>{_pct(r.post_rate)} ({r.post_learners})</td>"
            f"<td>{'' if r.gain is None else f'{round(r.gain * 100):+d} points'}"
            f"{' (small group: read with caution)' if r.caution else ''}</td></tr>"
            for r in self.rows
        )
        parts.append(
            "<table><thead><tr><th>Objective</th><th>What it is</th><th>Before (learners)</th>"
            f"<th>After (learners)</th><th>Gain</th></tr></thead><tbody>{body}</tbody></table>"
        )
        if self.missed:
            missed = "".join(
                f"<li>{qid}: {html.escape(prompt)}: {round(share * 100)}% of {n} missed it "
                "at first try</li>"
                for qid, prompt, n, share in self.missed
            )
            parts.append(f"<p><strong>Most missed at first try:</strong></p><ol>{missed}</ol>")
        return "".join(parts)

    def __repr__(self) -> str:
        lines = [f"{len(self.results.learners)} learner files read."]
        lines += [f"  skipped: {p}" for p in self.results.problems]
        lines += [
            f"  {r.objective}: before {_pct(r.pre_rate)} ({r.pre_learners}), "
            f"after {_pct(r.post_rate)} ({r.post_learners})"
            for r in self.rows
        ]
        return "\n".join(lines)


def class_report(folder: Path | str, label: str = "") -> ClassReport:
    """Everything an instructor needs from a folder of results files."""
    return ClassReport(folder, label)


SAMPLE_FOLDER = Path(__file__).parent / "data" / "sample-class"


def make_sample(folder: Path = SAMPLE_FOLDER, learners: int = 12, seed: int = 7) -> None:
    """Write the made-up sample class the instructors' notebook shows (deterministic).

    Twelve imaginary learners answer the assessment before and after; one of them exported twice,
    and one file comes from an older format, so the report shows how problems are handled.
    """
    import random

    from dmst.assessment import items

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    for n in range(1, learners + 1):
        attempts = []
        for context, skill in (("pre", 0.45), ("post", 0.8)):
            for q in items():
                right = rng.random() < skill
                key = next(o.key for o in q.options if o.correct == right)
                attempts.append(
                    {
                        "question": q.id,
                        "context": context,
                        "answer": key,
                        "correct": int(right),
                        "attempt": 1,
                        "first_try": 1,
                        "at": "2026-01-01T00:00:00+00:00",
                    }
                )
        payload = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "curriculum": "sample",
            "learner": f"sample{n:02d}",
            "exported": f"2026-01-0{1 + n % 2}T12:00:00+00:00",
            "attempts": attempts,
        }
        text = json.dumps(payload, indent=1)
        (folder / f"dmst-results-sample{n:02d}.json").write_text(text, encoding="utf-8")
        if n == 3:  # the same learner, exported again earlier
            earlier = dict(payload, exported="2025-12-31T12:00:00+00:00")
            (folder / "dmst-results-sample03-copy.json").write_text(
                json.dumps(earlier, indent=1), encoding="utf-8"
            )
    old = {"format": FORMAT, "version": 0, "learner": "old", "attempts": []}
    (folder / "dmst-results-old-version.json").write_text(json.dumps(old), encoding="utf-8")
