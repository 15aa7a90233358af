"""The pre/post assessment's two parallel forms: coverage, matched pairs, short form, transfer.

Each rule is a small function that returns the problems it finds, so it is tested both ways: on
the real forms (no problems) and on a tiny bad example (the problem a reader would notice).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from dmst.assessment import items
from dmst.datafile import DATA
from dmst.lessons import curriculum
from dmst.questions import Option, Question, bank

CHARACTERS = DATA / "characters"
ASSESSMENT_CHARACTERS = CHARACTERS / "assessment.yml"
TITLES = {"Mr.", "Ms.", "Mrs.", "Mx.", "Dr.", "Coach", "Pastor"}
SIMILAR = 0.8  # a prompt this close to a lesson check's is a rewording, not a new situation


# --- the rules ----------------------------------------------------------------------------------


def coverage_gaps(qs: list[Question], objectives: set[str]) -> list[str]:
    """Objectives a form has no item for, as 'form A: O01.3'."""
    return [
        f"form {form}: {oid}"
        for form in ("A", "B")
        for oid in sorted(objectives - {q.objective for q in qs if q.form == form})
    ]


def pair_problems(qs: list[Question]) -> list[str]:
    """A.k and B.k come together, with the same objective, kind and short-form flag."""
    by_id = {q.id: q for q in qs}
    problems = []
    numbers = sorted({q.id.split(".")[1] for q in qs}, key=int)
    for k in numbers:
        a, b = by_id.get(f"A.{k}"), by_id.get(f"B.{k}")
        if a is None or b is None:
            problems.append(f"{(a or b).id} has no partner {'B' if b is None else 'A'}.{k}")
            continue
        for field in ("objective", "kind", "short"):
            if getattr(a, field) != getattr(b, field):
                problems.append(
                    f"A.{k} and B.{k} differ in {field}: "
                    f"{getattr(a, field)!r} and {getattr(b, field)!r}"
                )
    return problems


def short_form_problems(qs: list[Question], lesson_of: dict[str, str]) -> list[str]:
    """Exactly one short pair per lesson (so the short form has one item per lesson per form)."""
    lessons = sorted(set(lesson_of.values()))
    problems = []
    for form in ("A", "B"):
        short = [q for q in qs if q.form == form and q.short]
        for lesson in lessons:
            ids = [q.id for q in short if lesson_of[q.objective] == lesson]
            if len(ids) != 1:
                problems.append(
                    f"form {form}, lesson {lesson}: {len(ids)} short items {ids}, need exactly 1"
                )
    return problems


def missing_rationales(qs: list[Question]) -> list[str]:
    return [q.id for q in qs if not q.rationale.strip()]


def item_text(q: Question) -> str:
    parts = [q.prompt, q.explanation]
    parts += [f"{o.text} {o.feedback}" for o in q.options]
    return "\n".join(parts)


def name_patterns(name: str) -> list[re.Pattern[str]]:
    """A registered name, and each of its parts a reader would recognise on its own."""
    words = [w for w in name.split() if w not in TITLES]
    forms = {name, *(w for w in words if len(w) > 2)}
    return [re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])") for f in sorted(forms)]


def borrowed_names(qs: list[Question], registries: dict[str, list[str]]) -> list[str]:
    """Items naming a character who belongs to a lesson: 'B.3 names Rosa (01-what-is-dmst.yml)'."""
    found = []
    for q in qs:
        text = item_text(q)
        for source, names in sorted(registries.items()):
            for name in names:
                if any(p.search(text) for p in name_patterns(name)):
                    found.append(f"{q.id} names {name} ({source})")
    return found


def normalize(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def reused_prompts(qs: list[Question], checks: list[Question]) -> list[str]:
    """Items whose prompt is a lesson check's prompt, or a light rewording of one."""
    lesson = [(c.id, normalize(c.prompt)) for c in checks]
    found = []
    for q in qs:
        mine = normalize(q.prompt)
        for cid, theirs in lesson:
            matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
            if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                continue  # cheap upper bounds: cannot be this alike
            ratio = matcher.ratio()
            if ratio >= SIMILAR:
                found.append(f"{q.id} reuses the prompt of check {cid} ({ratio:.0%} alike)")
    return found


def registry_problems(qs: list[Question], characters: list[dict]) -> list[str]:
    """Every registered assessment character appears exactly where the registry says."""
    problems = []
    seen: set[str] = set()
    for c in characters:
        name = c["name"]
        if name in seen:
            problems.append(f"{name} is registered twice")
        seen.add(name)
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        where = sorted((q.id for q in qs if pattern.search(item_text(q))), key=_order)
        listed = sorted(c.get("appears", []), key=_order)
        if where != listed:
            problems.append(f"{name}: registry says {listed}, the items name them in {where}")
    return problems


def _order(qid: str) -> tuple[str, int]:
    form, number = qid.split(".")
    return form, int(number)


def lesson_registries() -> dict[str, list[str]]:
    """Names in every characters/*.yml except the assessment's own (lessons add theirs)."""
    registries = {}
    for path in sorted(CHARACTERS.glob("*.yml")):
        if path == ASSESSMENT_CHARACTERS:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        registries[path.name] = [str(c["name"]) for c in data.get("characters", [])]
    return registries


# --- the real forms -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def forms() -> list[Question]:
    return items()


def test_each_form_covers_every_objective(forms):
    assert not coverage_gaps(forms, set(curriculum().objectives))


def test_items_come_in_matched_pairs(forms):
    assert not pair_problems(forms)
    assert {q.form for q in forms} == {"A", "B"}


def test_short_form_has_one_pair_per_lesson(forms):
    lesson_of = {oid: o.lesson for oid, o in curriculum().objectives.items()}
    assert not short_form_problems(forms, lesson_of)
    assert sum(q.short for q in forms) == 2 * len(curriculum().lessons)


def test_every_item_has_a_rationale(forms):
    assert not missing_rationales(forms)


def test_no_item_names_a_lesson_character(forms):
    assert not borrowed_names(forms, lesson_registries())


def test_no_item_reuses_a_lesson_check(forms):
    assert not reused_prompts(forms, list(bank().values()))


def test_assessment_characters_are_registered_where_they_appear(forms):
    data = yaml.safe_load(ASSESSMENT_CHARACTERS.read_text(encoding="utf-8"))
    assert not registry_problems(forms, data["characters"])


# --- each rule catches a bad example ------------------------------------------------------------


@dataclass
class Fake:
    """Only what the rules read."""

    id: str
    objective: str = "O01.1"
    kind: str = "single"
    short: bool = False
    prompt: str = "A new situation. Which response is best?"
    rationale: str = "Measures something."
    explanation: str = ""
    options: tuple[Option, ...] = ()

    @property
    def form(self) -> str:
        return self.id.split(".")[0]


def test_coverage_rule_names_the_missing_objective():
    qs = [Fake("A.1", "O01.1"), Fake("A.2", "O01.2"), Fake("B.1", "O01.1")]
    assert coverage_gaps(qs, {"O01.1", "O01.2"}) == ["form B: O01.2"]


def test_pair_rule_finds_a_lonely_item_and_a_mismatch():
    qs = [
        Fake("A.1", "O01.1", "single"),
        Fake("B.1", "O01.2", "myth_fact"),
        Fake("A.2"),
    ]
    assert pair_problems(qs) == [
        "A.1 and B.1 differ in objective: 'O01.1' and 'O01.2'",
        "A.1 and B.1 differ in kind: 'single' and 'myth_fact'",
        "A.2 has no partner B.2",
    ]


def test_short_rule_needs_exactly_one_short_item_per_lesson():
    lesson_of = {"O01.1": "01", "O01.2": "01", "O02.1": "02"}
    qs = [
        Fake("A.1", "O01.1", short=True),
        Fake("A.2", "O01.2", short=True),
        Fake("A.3", "O02.1", short=True),
        Fake("B.1", "O01.1", short=True),
        Fake("B.2", "O01.2"),
        Fake("B.3", "O02.1"),
    ]
    assert short_form_problems(qs, lesson_of) == [
        "form A, lesson 01: 2 short items ['A.1', 'A.2'], need exactly 1",
        "form B, lesson 02: 0 short items [], need exactly 1",
    ]


def test_rationale_rule_finds_an_empty_one():
    assert missing_rationales([Fake("A.1"), Fake("B.1", rationale="  ")]) == ["B.1"]


def test_name_rule_finds_a_lesson_character_in_an_option():
    opt = Option("a", "Ask Ms. Raman, the nurse", False, "Coach Yazzie would agree.")
    qs = [Fake("A.1", prompt="Rosalind, 16, says..."), Fake("B.1", options=(opt,))]
    registries = {"01.yml": ["Rosa"], "07.yml": ["Ms. Raman", "Coach Yazzie"]}
    # "Rosalind" is not "Rosa"; a title alone ("Coach") is not a name
    assert borrowed_names(qs, registries) == [
        "B.1 names Ms. Raman (07.yml)",
        "B.1 names Coach Yazzie (07.yml)",
    ]


def test_reuse_rule_catches_a_copied_and_a_lightly_reworded_prompt():
    check = Fake("01.7", prompt="Most exploited children are kidnapped by strangers.")
    qs = [
        Fake("A.1", prompt="most exploited children are kidnapped by strangers"),
        Fake("A.2", prompt="Most exploited children were kidnapped by strangers!"),
        Fake("A.3", prompt="A father tells his daughter to watch out for vans. Which is accurate?"),
    ]
    found = reused_prompts(qs, [check])
    assert [f.split(" reuses")[0] for f in found] == ["A.1", "A.2"]


def test_registry_rule_finds_a_wrong_appearance_and_a_duplicate():
    qs = [Fake("A.1", prompt="Maya, 14, tells you..."), Fake("B.2", prompt="Liam says...")]
    characters = [
        {"name": "Maya", "appears": ["A.1", "B.1"]},
        {"name": "Liam", "appears": ["B.2"]},
        {"name": "Liam", "appears": ["B.2"]},
    ]
    assert registry_problems(qs, characters) == [
        "Maya: registry says ['A.1', 'B.1'], the items name them in ['A.1']",
        "Liam is registered twice",
    ]


def test_characters_folder_is_where_the_rules_look():
    assert ASSESSMENT_CHARACTERS.exists()
    assert Path(CHARACTERS).is_dir()
