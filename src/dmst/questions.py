"""Question banks: loading, validating and grading knowledge-check answers.

Banks live in ``data/questions/*.yml``. Grading is pure Python here so the live widget, the tests
and (mirrored in ``dmst/sphinx/static/dmst.js``) the static book all judge answers the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from dmst.datafile import DATA, Entry, each_entry, load_yaml
from dmst.errors import DataError
from dmst.layout import multiple_order, option_key, single_order, single_positions
from dmst.ledger import STAT_ROLE, LedgerEntry, Number, expand_stats, fmt, ledger
from dmst.lessons import curriculum

QUESTIONS_DIR = DATA / "questions"
KINDS = ("single", "multiple", "myth_fact", "numeric")
KIND_NAMES = {
    "single": "Choose one",
    "multiple": "Select all that apply",
    "myth_fact": "Myth or fact?",
    "numeric": "Estimate",
}
QUESTION_ID = re.compile(r"^\d{2}\.\d+$")
COMMON_FIELDS = ("id", "objective", "kind", "prompt", "explanation", "ledger", "rationale")
KIND_FIELDS = {
    "single": ("options",),
    "multiple": ("options",),
    "myth_fact": ("answer", "feedback"),
    "numeric": ("answer", "unit"),
}


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
        if kind not in KINDS:
            raise e.fail("kind", f"{kind!r} is not a known kind ({', '.join(KINDS)})")
        e.unknown_fields(COMMON_FIELDS + KIND_FIELDS[kind] + extra_fields)
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
        if kind in ("single", "multiple"):
            questions.append(Question(**common, options=_options(e, kind, qid)))
        elif kind == "myth_fact":
            questions.append(Question(**common, options=_myth_fact(e)))
        else:
            number_entry, number, tolerance = _numeric_answer(e, entries_by_id)
            refs = tuple(dict.fromkeys((*refs, number_entry.id)))
            common["ledger"] = refs
            questions.append(
                Question(
                    **common,
                    number=number,
                    number_source=number_entry,
                    unit=e.text("unit"),
                    tolerance=tolerance,
                )
            )
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
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.id.split(".")[0], []).append(q)
    arranged: dict[str, Question] = {}
    for group, members in groups.items():
        members = sorted(members, key=_number)
        singles = sorted((q for q in members if q.kind == "single"), key=lambda q: not q.short)
        positions = single_positions([len(q.options) for q in singles], seed=f"group {group}")
        for q, position in zip(singles, positions, strict=True):
            right = next(i for i, o in enumerate(q.options) if o.correct)
            order = single_order(q.options, right, position, q.id)
            arranged[q.id] = replace(q, options=tuple(order))
        multiples = [q for q in members if q.kind == "multiple"]
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


def _options(e: Entry, kind: str, qid: str) -> tuple[Option, ...]:
    raw_options = e.get("options", list)
    if len(raw_options) < 2:
        raise e.fail("options", "needs at least two options")
    options = []
    for i, raw in enumerate(raw_options, start=1):
        o = Entry(e.path, raw, e.entry)
        o.unknown_fields(("text", "correct", "feedback"))
        if "feedback" not in raw or not str(raw.get("feedback") or "").strip():
            raise o.fail("options", f"option {i} ({raw.get('text', '?')!r}) has no feedback")
        correct = o.get("correct", bool, False)
        text = o.text("text")
        options.append(Option(option_key(qid, text), text, correct, o.text("feedback")))
    n_correct = sum(o.correct for o in options)
    if n_correct == 0:
        raise e.fail("options", "no option is marked correct")
    if kind == "single" and n_correct > 1:
        raise e.fail("options", f"{n_correct} options are marked correct; single choice needs one")
    if len({o.text.casefold() for o in options}) != len(options):
        raise e.fail("options", "two options have the same text")
    if len({o.key for o in options}) != len(options):  # a one-in-millions clash of short hashes
        raise e.fail("options", "two options get the same key; reword one of them slightly")
    return tuple(options)


def _myth_fact(e: Entry) -> tuple[Option, ...]:
    answer = e.text("answer").lower()
    if answer not in ("myth", "fact"):
        raise e.fail("answer", f"must be myth or fact, not {answer!r}")
    feedback = Entry(e.path, e.get("feedback", dict), e.entry)
    feedback.unknown_fields(("myth", "fact"))
    return tuple(
        Option(key, key.capitalize(), key == answer, feedback.text(key)) for key in ("myth", "fact")
    )


# A guess within a quarter of a single figure counts as right; a range has its own edges.
POINT_TOLERANCE = 0.25


def _numeric_answer(
    e: Entry, entries_by_id: dict[str, LedgerEntry]
) -> tuple[LedgerEntry, Number, float]:
    answer = Entry(e.path, e.get("answer", dict), e.entry)
    answer.unknown_fields(("ledger", "number", "tolerance"))
    ref = answer.text("ledger")
    if ref not in entries_by_id:
        raise e.fail("answer", f"ledger entry {ref!r} is not in ledger.yml")
    source = entries_by_id[ref]
    key = answer.text("number")
    try:
        number = source.number(key)
    except KeyError:
        raise e.fail("answer", f"ledger entry {ref!r} has no number {key!r}") from None
    tolerance = answer.get("tolerance", float, 0.0 if number.is_range else POINT_TOLERANCE)
    if not 0 <= tolerance < 1:
        raise e.fail("answer", f"tolerance must be a share from 0 to 0.99, not {tolerance!r}")
    return source, number, float(tolerance)


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

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9}
_NUMBER = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*([a-z]*)\s*$")


def parse_number(text: str) -> float:
    """A learner's typed guess: '20000', '20,000', '20 000', '20k', '2.5 million'.

    Raises ValueError with a message written for the learner.
    """
    cleaned = str(text).strip().lower().replace("\u00a0", " ")
    cleaned = re.sub(r"(?<=\d) (?=\d{3}\b)", "", cleaned)  # '20 000' -> '20000'
    if not cleaned:
        raise ValueError("Type a number first, for example 5000 or 2.5 million.")
    match = _NUMBER.match(cleaned)
    if not match or (match.group(2) and match.group(2) not in _SCALE):
        if cleaned.startswith("-"):
            raise ValueError("A count of people cannot be negative. Try a number of 0 or more.")
        raise ValueError(
            f"“{text.strip()}” is not a number this check can read. "
            "Use digits, for example 5000, 5,000 or 2.5 million."
        )
    digits, scale = match.groups()
    if "," in digits and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        raise ValueError(f"“{text.strip()}” has commas in odd places. Try 5000 or 5,000.")
    value = float(digits.replace(",", "")) * _SCALE.get(scale, 1.0)
    if value > LARGEST_GUESS:
        raise ValueError("That number is larger than any count of people. Try a smaller guess.")
    return value


LARGEST_GUESS = 1e10  # more than every person alive: a typo, not a guess


def grade(q: Question, answer: str | set[str] | frozenset[str] | list[str] | None) -> Verdict:
    """Judge an answer: an option key (single, myth_fact), a set of keys (multiple) or text."""
    if q.kind == "numeric":
        return _grade_numeric(q, "" if answer is None else str(answer))
    by_key = {o.key: o for o in q.options}
    if q.kind == "multiple":
        chosen = set(answer or ())
        unknown = chosen - set(by_key)
        if unknown:
            raise ValueError(f"{q.id}: unknown option {sorted(unknown)[0]!r}")
        if not chosen:
            return Verdict(False, "Select at least one option, then check.", (), "")
        right = chosen == q.correct_keys
        # In display order, as the page lists them: the chosen ones, then any true ones missed.
        lines = [(o.text, o.feedback) for o in q.options if o.key in chosen]
        missed = [o for o in q.options if o.correct and o.key not in chosen]
        lines += [(f"Also true: {o.text}", o.feedback) for o in missed]
        if right:
            headline = "Correct: you found every true statement."
        elif chosen <= q.correct_keys:
            headline = "Partly right: some true statements are missing."
        else:
            headline = "Not quite: at least one choice is not true."
        return Verdict(right, headline, tuple(lines), q.explanation if right else "")
    if not answer:
        return Verdict(False, "Choose an answer, then check.", (), "")
    if answer not in by_key:
        raise ValueError(f"{q.id}: unknown option {answer!r}")
    option = by_key[answer]
    headline = "Correct." if option.correct else "Not quite."
    return Verdict(
        option.correct,
        headline,
        ((option.text, option.feedback),),
        q.explanation if option.correct else "",
    )


def _grade_numeric(q: Question, text: str) -> Verdict:
    assert q.number is not None and q.number_source is not None
    try:
        guess = parse_number(text)
    except ValueError as exc:
        return Verdict(False, str(exc), (), "")
    number, source = q.number, q.number_source
    figure = source.cite(number.key)
    close = number.low * (1 - q.tolerance) <= guess <= number.high * (1 + q.tolerance)
    return Verdict(
        close, distance(guess, number), (("The evidence", figure),), q.explanation, estimate=True
    )


def distance(guess: float, number: Number) -> str:
    """How far a guess is from a figure or range, in words a learner can take in."""
    shown = fmt(round(guess, 2))
    if number.low <= guess <= number.high:
        where = "inside the range" if number.is_range else "exactly the figure"
        return f"Your guess, {shown}, is {where}."
    below = guess < number.low
    target = number.low if below else number.high
    what = "the figure"
    if number.is_range:
        what = "the bottom of the range" if below else "the top of the range"
    if guess <= 0:
        return f"Your guess, {shown}, is below {what}."
    ratio = target / guess if below else guess / target
    if ratio < 1.5:
        percent = round(abs(guess - target) / target * 100)
        return f"Your guess, {shown}, is {percent}% {'below' if below else 'above'} {what}."
    if below:
        return (
            f"Your guess, {shown}, is well below: {what} is about {_times(ratio)} times your guess."
        )
    return f"Your guess, {shown}, is about {_times(ratio)} times {what}."


def _times(ratio: float) -> str:
    return fmt(round(ratio)) if ratio >= 10 else f"{ratio:.1f}".rstrip("0").rstrip(".")
