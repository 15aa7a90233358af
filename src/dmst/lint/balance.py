"""No answer from layout: what a test-wise learner could exploit in a group of questions as
displayed (the right answer's position, the longest option, the share of myths), against
thresholds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Balance:
    """What a test-wise learner could exploit in a group of questions, as displayed."""

    group: str
    positions: tuple[int, ...]  # single choice: right answers at each displayed position
    longest: tuple[str, ...]  # single choice: items whose right answer is the unique longest
    myths: int  # myth-or-fact items whose answer is "myth"
    myth_facts: int
    no_wrong: tuple[str, ...]  # multiple-select items with no wrong option

    @property
    def singles(self) -> int:
        return sum(self.positions)

    @property
    def top_position_share(self) -> float:
        return max(self.positions, default=0) / self.singles if self.singles else 0.0

    @property
    def longest_share(self) -> float:
        return len(self.longest) / self.singles if self.singles else 0.0

    @property
    def myth_share(self) -> float | None:
        return self.myths / self.myth_facts if self.myth_facts else None


def answer_balance(group: str, questions) -> Balance:
    """Count, on the displayed order, the cues a group of questions gives away."""
    positions: list[int] = []
    longest, no_wrong = [], []
    myths = myth_facts = 0
    for q in questions:
        if q.kind == "single":
            at = next(i for i, o in enumerate(q.options) if o.correct)
            positions += [0] * (at + 1 - len(positions))
            positions[at] += 1
            right = len(q.options[at].text)
            if all(len(o.text) < right for o in q.options if not o.correct):
                longest.append(q.id)
        elif q.kind == "myth_fact":
            myth_facts += 1
            myths += next(o.key for o in q.options if o.correct) == "myth"
        elif q.kind == "multiple" and all(o.correct for o in q.options):
            no_wrong.append(q.id)
    return Balance(group, tuple(positions), tuple(longest), myths, myth_facts, tuple(no_wrong))


def curriculum_balance() -> list[Balance]:
    """The lessons' checks together, and each assessment form on its own."""
    from dmst.assessment import items
    from dmst.questions import bank

    groups = [answer_balance("lesson checks", bank().values())]
    for form in sorted({q.form for q in items()}):
        groups.append(answer_balance(f"form {form}", [q for q in items() if q.form == form]))
    return groups


def balance_problems(
    b: Balance, max_position: float, max_longest: float, myth_range: tuple[float, float]
) -> list[str]:
    """Every threshold a group breaks, each as a sentence naming the group and the numbers."""
    problems = []
    if b.singles and b.top_position_share > max_position:
        at = b.positions.index(max(b.positions))
        problems.append(
            f"{b.group}: position {at + 1} holds {max(b.positions)} of {b.singles} single-choice "
            f"right answers ({b.top_position_share:.0%}; at most {max_position:.0%})"
        )
    if b.singles and b.longest_share > max_longest:
        problems.append(
            f"{b.group}: the right answer is the unique longest option in {len(b.longest)} of "
            f"{b.singles} single-choice items ({b.longest_share:.0%}; at most "
            f"{max_longest:.0%}): {', '.join(b.longest)}"
        )
    low, high = myth_range
    if b.myth_share is not None and not low <= b.myth_share <= high:
        problems.append(
            f"{b.group}: {b.myths} of {b.myth_facts} myth-or-fact items are myths "
            f"({b.myth_share:.0%}; between {low:.0%} and {high:.0%})"
        )
    if b.no_wrong:
        problems.append(
            f"{b.group}: multiple-select items with no wrong option: {', '.join(b.no_wrong)}"
        )
    return problems
