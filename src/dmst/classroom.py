"""Class results for instructors: what a class knew before and after, per objective and item.

Point :func:`class_report` at a folder of results files: the notebooks' ``dmst-results-*.json``
(from the results panel), the web book's downloads and paper tests entered in a CSV table
(:mod:`dmst.paper`). Everything is computed on the
instructor's machine. Reading the files safely is :mod:`dmst.classfiles`; the statistics are
:mod:`dmst.itemstats`; this module assembles the report and writes the made-up sample class.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from dmst import itemstats
from dmst.classfiles import ClassResults, LearnerFile, known_questions, load_folder
from dmst.itemstats import (
    SMALL_GROUP,
    ItemRow,
    ObjectiveRow,
    by_objective,
    item_analysis,
    most_missed,
)
from dmst.results import FORMAT, FORMAT_VERSION

__all__ = [
    "SAMPLE_FOLDER",
    "SMALL_GROUP",
    "ClassReport",
    "ClassResults",
    "ItemRow",
    "LearnerFile",
    "ObjectiveRow",
    "class_report",
    "load_folder",
]


def _pct(rate: float | None) -> str:
    return "no answers" if rate is None else f"{round(rate * 100)}%"


def _learners(n: int) -> str:
    return f"{n} learner file{'' if n == 1 else 's'} read"


def _gain(row: ObjectiveRow) -> str:
    if row.gain is None:
        return ""
    text = f"{round(row.gain * 100):+d} points"
    if row.normalized_gain is not None and row.normalized_gain >= 0:
        text += f"; closed {round(row.normalized_gain * 100)}% of the gap to all right"
    return text


def _e(text: object) -> str:
    return html.escape(str(text))


class ClassReport:
    def __init__(self, folder: Path | str, label: str = "") -> None:
        questions = known_questions()
        self.folder = Path(folder).expanduser()
        self.results = load_folder(folder, questions)
        self.rows = by_objective(self.results, questions)
        self.items = item_analysis(self.results, questions)
        self.missed = most_missed(self.results, questions)
        self.prompts = {qid: q.prompt for qid, q in questions.items()}
        self.label = label

    def chart(self):
        from dmst.classchart import gain_chart

        return gain_chart(self.rows, len(self.results.learners), self.label)

    def sources(self) -> str:
        counts: dict[str, int] = {}
        for f in self.results.learners:
            counts[f.source] = counts.get(f.source, 0) + 1
        names = {
            "notebook": "from the notebooks",
            "book": "downloaded from the web book",
            "paper": "entered from paper tests",
        }
        return ", ".join(f"{n} {names.get(s, s)}" for s, n in sorted(counts.items()))

    def objectives_html(self) -> str:
        body = "".join(
            f"<tr><td>{r.objective}</td><td>{_e(r.text)}</td>"
            f"<td>{_pct(r.pre_rate)} ({r.pre_learners})</td>"
            f"<td>{_pct(r.post_rate)} ({r.post_learners})</td><td>{_gain(r)}"
            f"{' (small group: read with caution)' if r.caution else ''}</td></tr>"
            for r in self.rows
        )
        return (
            "<table><thead><tr><th>Objective</th><th>What it is</th><th>Before (learners)</th>"
            "<th>After (learners)</th><th>Gain (normalized)</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )

    def items_html(self) -> str:
        def disc(row: ItemRow) -> str:
            if row.discrimination is None or row.learners < itemstats.JUDGE_ITEMS:
                return "too few learners to judge"
            return f"{row.discrimination + 0.0:.2f}".replace("-0.00", "0.00")

        body = "".join(
            f"<tr><td>{r.item}</td><td>{'before' if r.context == 'pre' else 'after'}</td>"
            f"<td>{r.objective}</td><td>{r.learners}</td><td>{_pct(r.share_right)}</td>"
            f"<td>{disc(r)}</td><td>{_e('; '.join(r.flags))}</td></tr>"
            for r in self.items
        )
        return (
            '<details class="dmst-item-analysis"><summary>Item analysis: every assessment '
            "item</summary><p>Share right is at the first try. Discrimination is the correlation "
            "between an item and the learner's score on the other items (from -1 to 1): above "
            "0.2 the item separates stronger and weaker learners; below 0 stronger learners did "
            "worse, so check its wording and key.</p><table><thead><tr><th>Item</th>"
            "<th>When</th><th>Objective</th><th>Learners</th><th>Share right</th>"
            "<th>Discrimination</th><th>Notes</th></tr></thead>"
            f"<tbody>{body}</tbody></table></details>"
        )

    def _repr_html_(self) -> str:
        learners = self.results.learners
        parts = [f"<p><strong>{_learners(len(learners))}.</strong>"]
        if learners:
            parts.append(f" ({self.sources()})")
        parts.append("</p>")
        if self.results.problems:
            items = "".join(f"<li>{_e(p)}</li>" for p in self.results.problems)
            parts.append(f"<p>Skipped or fixed, so you can check:</p><ul>{items}</ul>")
        if not self.rows:
            parts.append("<p>No assessment answers to show yet.</p>")
            return "".join(parts)
        parts.append(self.chart()._repr_html_())
        parts.append(self.objectives_html())
        parts.append(self.items_html())
        if self.missed:
            missed = "".join(
                f"<li>{qid}: {_e(prompt)}: {round(share * 100)}% of {n} missed it at first try</li>"
                for qid, prompt, n, share in self.missed
            )
            parts.append(
                "<p><strong>Most missed at the first try, after the course and in the lessons' "
                f"checks</strong> (what to revisit):</p><ol>{missed}</ol>"
            )
        return "".join(parts)

    def __repr__(self) -> str:
        lines = [f"{_learners(len(self.results.learners))}."]
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

    Twelve imaginary learners, each with their own made-up ability, take form A before the course
    and form B after it; items differ in difficulty, so the item analysis has something to show.
    Two learners read the web book (their pre-course files carry no verdicts, as the book's pre
    page has no answer key); one learner exported twice, and one file comes from an older format,
    so the report shows how problems are handled.
    """
    import math
    import random

    from dmst.assessment import form_items

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    difficulty = {q.id: rng.gauss(0, 1) for c in ("pre", "post") for q in form_items(c)}
    for n in range(1, learners + 1):
        ability = rng.gauss(0, 1)
        book = n in (5, 11)
        attempts = []
        for context, boost in (("pre", -0.4), ("post", 1.3)):
            for q in form_items(context):
                chance = 1 / (1 + math.exp(-(ability + boost - difficulty[q.id])))
                right = rng.random() < chance
                attempts.append(
                    {
                        "question": q.id,
                        "context": context,
                        "answer": _sample_answer(q, right, rng),
                        "correct": None if book and context == "pre" else int(right),
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
        if book:
            payload["source"] = "book"
        text = json.dumps(payload, indent=1)
        (folder / f"dmst-results-sample{n:02d}.json").write_text(text, encoding="utf-8")
        if n == 3:  # the same learner, exported again earlier
            earlier = dict(payload, exported="2025-12-31T12:00:00+00:00")
            (folder / "dmst-results-sample03-copy.json").write_text(
                json.dumps(earlier, indent=1), encoding="utf-8"
            )
    old = {"format": FORMAT, "version": 0, "learner": "old", "attempts": []}
    (folder / "dmst-results-old-version.json").write_text(json.dumps(old), encoding="utf-8")


def _sample_answer(q: Any, right: bool, rng: Any) -> str:
    """A made-up learner's answer: the right option(s), or a plausible wrong one."""
    correct = sorted(o.key for o in q.options if o.correct)
    wrong = sorted(o.key for o in q.options if not o.correct)
    if q.kind == "multiple":
        chosen = set(correct)
        if not right:  # miss a true statement, or add a false one
            if len(correct) > 1 and rng.random() < 0.5:
                chosen.discard(rng.choice(correct))
            else:
                chosen.add(rng.choice(wrong))
        return ",".join(sorted(chosen))
    return correct[0] if right else rng.choice(wrong)


REPORT_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; } table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
figure { margin: 1rem 0; } img { max-width: 100%; height: auto; }
details { margin: 1rem 0; } summary { font-weight: 600; cursor: pointer; }
.note { background: #f5f8fb; border: 1px solid #bbb; padding: 0.6rem 1rem; }
@media print { details { display: block; } }
"""


def report_page(report: ClassReport, title: str = "Class results") -> str:
    """A whole HTML page, with nothing loaded from anywhere (the chart is inside the page)."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{REPORT_CSS}</style></head><body><main>"
        f"<h1>{_e(title)}</h1>"
        f'<p class="note">Read from <code>{_e(report.folder)}</code>. Everything here was '
        "computed on this computer; nothing was sent anywhere. Each rate counts first tries "
        "only. A rate from fewer than five learners is marked for caution: one person changes "
        "it a lot. A gain shows what changed for this group on these questions, not a measure "
        "of any one person.</p>"
        f"{report._repr_html_()}</main></body></html>"
    )


def write_report(
    folder: Path | str, out: Path | str | None = None, report: ClassReport | None = None
) -> Path:
    """Write the class report for ``folder`` as one self-contained HTML file; returns its path."""
    report = class_report(folder) if report is None else report
    target = Path(out).expanduser() if out else report.folder / "class-results.html"
    target.write_text(report_page(report), encoding="utf-8")
    return target
