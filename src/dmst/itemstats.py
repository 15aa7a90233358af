"""Class statistics from first tries: per objective (gain, normalized gain) and per item.

Only a learner's first try at an item counts: later tries show learning from feedback, not what
the learner knew. Pre and post use parallel forms (different items on the same objectives), so
forms are compared by objective, never item by item.

- **Share right** of an item: first tries that were right / first tries.
- **Normalized gain** of an objective: (post - pre) / (1 - pre), the share of the room for
  improvement that the course filled; undefined when everyone was right before.
- **Discrimination** of an item: the corrected point-biserial correlation, i.e. the Pearson
  correlation between the item's 0/1 score and each learner's share right on the *other* items
  of the same sitting. Near 0: the item does not separate stronger from weaker learners; below 0:
  stronger learners did worse (check the wording and the key).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from dmst.classfiles import ClassResults

SMALL_GROUP = 5  # below this many learners a rate is shown with a caution
TOO_EASY = 0.9  # an item this many get right before the course cannot show a gain
WEAK = 0.2  # discrimination below this separates learners poorly
# Below this many learners an item's discrimination is mostly chance: it is not shown or flagged.
JUDGE_ITEMS = 10


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


def rate(scores: list[int]) -> float | None:
    return sum(scores) / len(scores) if scores else None


def normalized_gain(pre: float | None, post: float | None) -> float | None:
    """(post - pre) / (1 - pre); None when either is missing or nobody could improve."""
    if pre is None or post is None or pre >= 1:
        return None
    return (post - pre) / (1 - pre)


def point_biserial(item: list[int], rest: list[float]) -> float | None:
    """Pearson correlation of 0/1 item scores with rest scores; None if either is constant."""
    n = len(item)
    if n < 3 or n != len(rest):
        return None
    mean_i, mean_r = sum(item) / n, sum(rest) / n
    cov = sum((i - mean_i) * (r - mean_r) for i, r in zip(item, rest, strict=True))
    var_i = sum((i - mean_i) ** 2 for i in item)
    var_r = sum((r - mean_r) ** 2 for r in rest)
    if var_i == 0 or var_r == 0:
        return None
    return cov / math.sqrt(var_i * var_r)


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
    def normalized_gain(self) -> float | None:
        return normalized_gain(self.pre_rate, self.post_rate)

    @property
    def caution(self) -> bool:
        return min(self.pre_learners, self.post_learners) < SMALL_GROUP


def by_objective(results: ClassResults, questions: dict[str, Any]) -> list[ObjectiveRow]:
    """Before and after rates per objective, pooling each form's items on that objective."""
    from dmst.lessons import curriculum

    objectives = curriculum().objectives
    tallies: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for context in ("pre", "post"):
        for learner, a in first_tries(results, context):
            objective = questions[a["question"]].objective
            tally = tallies.setdefault(objective, {"pre": [], "post": []})
            tally[context].append((learner, a["correct"]))
    rows = []
    for objective in sorted(tallies):
        t = tallies[objective]
        rows.append(
            ObjectiveRow(
                objective,
                objectives[objective].text if objective in objectives else "",
                len({learner for learner, _ in t["pre"]}),
                rate([c for _, c in t["pre"]]),
                len({learner for learner, _ in t["post"]}),
                rate([c for _, c in t["post"]]),
            )
        )
    return rows


@dataclass(frozen=True)
class ItemRow:
    item: str
    context: str
    objective: str
    learners: int
    share_right: float
    discrimination: float | None

    @property
    def flags(self) -> list[str]:
        notes = []
        if self.context == "pre" and self.share_right >= TOO_EASY:
            notes.append("nearly everyone was right before the course")
        judged = self.discrimination is not None and self.learners >= JUDGE_ITEMS
        if judged and self.discrimination < 0:
            notes.append("stronger learners did worse: check the wording and the key")
        elif judged and self.discrimination < WEAK:
            notes.append("separates stronger and weaker learners poorly")
        if self.learners < SMALL_GROUP:
            notes.append("small group: read with caution")
        return notes


def item_analysis(results: ClassResults, questions: dict[str, Any]) -> list[ItemRow]:
    """Share right and discrimination for every assessment item answered, pre then post."""
    rows = []
    for context in ("pre", "post"):
        scores: dict[str, dict[str, int]] = {}  # learner -> item -> 0/1
        for learner, a in first_tries(results, context):
            scores.setdefault(learner, {})[a["question"]] = a["correct"]
        items = sorted({i for s in scores.values() for i in s}, key=_order)
        for item in items:
            takers = [learner for learner, s in scores.items() if item in s]
            item_scores, rest = [], []
            for learner in takers:
                others = [v for k, v in scores[learner].items() if k != item]
                if others:
                    item_scores.append(scores[learner][item])
                    rest.append(sum(others) / len(others))
            right = [scores[learner][item] for learner in takers]
            rows.append(
                ItemRow(
                    item,
                    context,
                    questions[item].objective,
                    len(takers),
                    sum(right) / len(right),
                    point_biserial(item_scores, rest),
                )
            )
    return rows


def _order(qid: str) -> tuple[str, int]:
    head, _, number = qid.partition(".")
    return head, int(number) if number.isdigit() else 0


def most_missed(
    results: ClassResults, questions: dict[str, Any], top: int = 5
) -> list[tuple[str, str, int, float]]:
    """(question id, prompt, learners, share wrong at first try), worst first; post and checks."""
    answers: dict[str, list[int]] = {}
    for context in ("post", "check"):
        for _, a in first_tries(results, context):
            answers.setdefault(a["question"], []).append(a["correct"])
    rows = [(qid, questions[qid].prompt, len(v), 1 - sum(v) / len(v)) for qid, v in answers.items()]
    rows.sort(key=lambda r: (-r[3], r[0]))
    return [r for r in rows if r[3] > 0][:top]
