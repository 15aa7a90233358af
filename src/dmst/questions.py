"""Question banks: loading and validating them, and grading knowledge-check answers.

Banks live in ``data/questions/*.yml``. What differs between kinds of question (single choice,
myth or fact, ...) is defined once per kind in :mod:`dmst.kinds`; this module checks what every
entry has, hands the rest to the entry's kind, and grades through the kind. The live widget, the
tests and the static book (whose script reads the kinds' wording from the page) all judge
answers the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.errors import DataError
from dmst.layout import multiple_order, single_order, single_positions
from dmst.ledger import STAT_ROLE, LedgerEntry, Number, expand_stats, ledger
from dmst.lessons import curriculum

if TYPE_CHECKING:
    from dmst.kinds import Kind

QUESTIONS_DIR = DATA / "questions"
QUESTION_ID = re.compile(r"^\d{2}\.\d+$")
COMMON_FIELDS = ("id", "objective", "kind", "prompt", "explanation", "ledger", "rationale")


@dataclass(frozen=True)
class Option:
    key: str  # opaque and stable (dmst.layout.option_key); "myth" / "fact" for myth-or-fact
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    objective: str
    kind: str
    prompt: str
    explanation: str
    options: tuple[Option, ...] = ()  # in display order (dmst.layout), not the authored order
    number: Number | None = None
    number_source: LedgerEntry | None = None
    unit: str = ""
    tolerance: float = 0.0  # numeric: how far from a single figure still counts as right
    ledger: tuple[str, ...] = ()
    source: str = ""
    rationale: str = ""  # for instructors: why this check, and what each wrong answer reveals
    short: bool = False  # assessment only: one of the short form's items (one per lesson)

    @property
    def form(self) -> str:
        """Assessment items: "A" or "B" (the id's prefix); lesson checks: ""."""
        head = self.id.split(".")[0]
        return head if head.isalpha() else ""

    @property
    def correct_keys(self) -> frozenset[str]:
        return frozenset(o.key for o in self.options if o.correct)


@dataclass(frozen=True)
class Verdict:
    """The result of one answer: whether it is right, and feedback lines that teach."""

    correct: bool
    headline: str
    feedback: tuple[tuple[str, str], ...]  # (what it is about, the teaching text)
    explanation: str
    estimate: bool = False  # a numeric estimate: right only within the evidence (or tolerance)


def parse_bank(
    path: Path,
    objectives: set[str],
    entries_by_id: dict[str, LedgerEntry],
    *,
    key: str = "questions",
    id_pattern: re.Pattern[str] = QUESTION_ID,
    extra_fields: tuple[str, ...] = (),
) -> list[Question]:
    """Load one question bank and validate every entry against the map and the ledger."""
    kinds = _kinds()
    data = load_yaml(path)
    questions = []
    seen: set[str] = set()
    for e in each_entry(path, data, key):
        _expand_stats(e, entries_by_id)
        qid = e.text("id")
        if not id_pattern.fullmatch(qid):
            example = "A.2" if id_pattern is not QUESTION_ID else "01.2"
            raise e.fail("id", f'must look like "{example}"')
        e.unique(qid, seen, "question in this bank")
        kind = e.text("kind")
        if kind not in kinds:
            raise e.fail("kind", f"{kind!r} is not a known kind ({', '.join(kinds)})")
        e.unknown_fields(COMMON_FIELDS + kinds[kind].fields + extra_fields)
        objective = e.text("objective")
        if objective not in objectives:
            raise e.fail("objective", f"{objective!r} is not an objective in lessons.yml")
        refs = tuple(e.text_list("ledger", []))
        for ref in refs:
            if ref not in entries_by_id:
                raise e.fail("ledger", f"{ref!r} is not an entry in ledger.yml")
        common = dict(
            id=qid,
            objective=objective,
            kind=kind,
            prompt=e.text("prompt"),
            explanation=e.text("explanation"),
            ledger=refs,
            source=path.name,
            rationale=e.text("rationale", ""),
        )
        if "short" in extra_fields:
            common["short"] = e.get("short", bool, False)
        questions.append(Question(**(common | kinds[kind].parse(e, common, entries_by_id))))
    return arrange(questions)


def _number(q: Question) -> int:
    return int(q.id.split(".")[1])


def arrange(questions: list[Question]) -> list[Question]:
    """Put every question's options in display order (see :mod:`dmst.layout`).

    Groups are a lesson's checks or one assessment form (the part of the id before the dot).
    The list keeps its order; only each question's options move. In an assessment form the
    short-form items take their positions first, so the short set is balanced on its own (no
    position holds more than its share there either) and the whole form stays balanced.
    """
    kinds = _kinds()
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.id.split(".")[0], []).append(q)
    arranged: dict[str, Question] = {}
    for group, members in groups.items():
        members = sorted(members, key=_number)
        balanced = (q for q in members if kinds[q.kind].order == "balanced")
        singles = sorted(balanced, key=lambda q: not q.short)
        positions = single_positions([len(q.options) for q in singles], seed=f"group {group}")
        for q, position in zip(singles, positions, strict=True):
            right = next(i for i, o in enumerate(q.options) if o.correct)
            order = single_order(q.options, right, position, q.id)
            arranged[q.id] = replace(q, options=tuple(order))
        multiples = [q for q in members if kinds[q.kind].order == "alternating"]
        for rank, q in enumerate(multiples, start=seeded_start(group)):
            order = multiple_order(q.options, [o.correct for o in q.options], rank, q.id)
            arranged[q.id] = replace(q, options=tuple(order))
    return [arranged.get(q.id, q) for q in questions]


def seeded_start(group: str) -> int:
    """Where a group's multiple-select items start alternating right and wrong first options."""
    from dmst.layout import seeded

    return seeded(f"group {group}").randrange(2)


def _expand_stats(e: Entry, entries_by_id: dict[str, LedgerEntry]) -> None:
    """Numbers in a bank come from the ledger: {stat}`entry:key` becomes the cited figure."""

    def expand(value, field: str):
        if isinstance(value, str) and STAT_ROLE.search(value):
            try:
                return expand_stats(value, entries_by_id)
            except KeyError as exc:
                raise e.fail(field, f"{{stat}} reference: {exc.args[0]}") from None
        if isinstance(value, dict):
            return {k: expand(v, field) for k, v in value.items()}
        if isinstance(value, list):
            return [expand(v, field) for v in value]
        return value

    e.data = {k: expand(v, str(k)) for k, v in e.data.items()}


@cache
def bank() -> dict[str, Question]:
    """Every question in every bank, by id; validated against lessons.yml and ledger.yml."""
    return load_banks(QUESTIONS_DIR)


def load_banks(folder: Path) -> dict[str, Question]:
    objectives = set(curriculum().objectives)
    entries_by_id = ledger()
    result: dict[str, Question] = {}
    for path in sorted(folder.glob("*.yml")):
        for question in parse_bank(path, objectives, entries_by_id):
            if question.id in result:
                raise DataError(
                    path, f"also defined in {result[question.id].source}", question.id, "id"
                )
            result[question.id] = question
    return result


def question(question_id: str) -> Question:
    try:
        return bank()[question_id]
    except KeyError:
        raise KeyError(f"no knowledge check {question_id!r} in {QUESTIONS_DIR.name}/") from None


# --- grading -------------------------------------------------------------------------------------


def grade(q: Question, answer: str | set[str] | frozenset[str] | list[str] | None) -> Verdict:
    """Judge an answer: an option key (single, myth_fact), a set of keys (multiple) or text."""
    return _kinds()[q.kind].grade(q, answer)


def _kinds() -> dict[str, Kind]:
    # Imported when first needed: every kind module builds this module's Option and Verdict.
    from dmst.kinds import KINDS

    return KINDS


def __getattr__(name: str) -> Any:
    """``KIND_NAMES``, as before the kinds had a registry (dmst.pages still imports it here)."""
    if name == "KIND_NAMES":
        from dmst.kinds import KIND_NAMES

        return KIND_NAMES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
