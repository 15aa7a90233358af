"""A learner's progress: what they have answered, per lesson and per assessment."""

from __future__ import annotations

from typing import Any

from dmst.results.store import StoreError, attempts


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
