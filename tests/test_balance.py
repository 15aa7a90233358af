"""No answer from layout or wording: the balance lint, proven on biased banks, then run for real.

A test-wise learner who has not taken the course should not beat chance by picking a position,
the longest option, "myth", or "select everything". The thresholds live here.
"""

from __future__ import annotations

import textwrap

import pytest

from dmst import questions as questions_module
from dmst.assessment import items
from dmst.lint import answer_balance, balance_problems, curriculum_balance
from dmst.questions import Option, Question, arrange, parse_bank

MAX_POSITION = 0.35  # no displayed position holds more than 35% of single-choice right answers
MAX_LONGEST = 0.30  # the right answer is the unique longest option in at most 30% of them
MYTH_RANGE = (0.40, 0.60)  # myths are 40-60% of myth-or-fact items
LIMITS = (MAX_POSITION, MAX_LONGEST, MYTH_RANGE)


def single(n: int, right: str, wrongs: tuple[str, ...]) -> str:
    options = [f"      - {{text: '{right}', correct: true, feedback: Yes.}}"]
    options += [f"      - {{text: '{w}', feedback: No.}}" for w in wrongs]
    return (
        f'  - id: "01.{n}"\n    objective: O01.1\n    kind: single\n    prompt: Q{n}?\n'
        "    options:\n" + "\n".join(options) + "\n    explanation: Because.\n"
    )


def myth_fact(n: int, answer: str) -> str:
    return (
        f'  - id: "01.{n}"\n    objective: O01.1\n    kind: myth_fact\n    prompt: Claim {n}.\n'
        f"    answer: {answer}\n    feedback: {{myth: M., fact: F.}}\n    explanation: E.\n"
    )


def multiple(n: int, wrong: bool) -> str:
    options = [f"      - {{text: True {n}.{k}, correct: true, feedback: Yes.}}" for k in range(3)]
    if wrong:
        options.append(f"      - {{text: False {n}, feedback: No.}}")
    return (
        f'  - id: "01.{n}"\n    objective: O01.1\n    kind: multiple\n    prompt: Which?\n'
        "    options:\n" + "\n".join(options) + "\n    explanation: E.\n"
    )


def load(tmp_path, items: list[str]):
    path = tmp_path / "01-bank.yml"
    body = 'lesson: "01"\nquestions:\n' + "".join(items)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return parse_bank(path, {"O01.1"}, {})


def even_lengths(n: int) -> str:
    """Options of equal length, so length gives nothing away."""
    return single(
        n, f"Answer {n:02d} A", (f"Answer {n:02d} B", f"Answer {n:02d} C", f"Answer {n:02d} D")
    )


def fair_bank() -> list[str]:
    items = [even_lengths(n) for n in range(1, 11)]
    items += [myth_fact(n, "myth" if n % 2 else "fact") for n in range(11, 21)]
    items += [multiple(21, wrong=True)]
    return items


def problems(tmp_path, items):
    return balance_problems(answer_balance("test bank", load(tmp_path, items)), *LIMITS)


def test_a_fair_bank_passes(tmp_path):
    assert problems(tmp_path, fair_bank()) == []


def test_position_fails_when_the_right_answer_is_always_shown_first(tmp_path, monkeypatch):
    # Without the display order (the authored order shown as is), the lint catches it.
    monkeypatch.setattr(questions_module, "arrange", lambda questions: questions)
    found = problems(tmp_path, fair_bank())
    assert found == [
        "test bank: position 1 holds 10 of 10 single-choice right answers (100%; at most 35%)"
    ]


def test_longest_fails_above_30_percent(tmp_path):
    def long_right(n: int) -> str:
        return single(n, f"A long and careful right answer {n:02d}", ("No", "Nope", "Never"))

    # 3 of 10 with the right answer the longest: allowed; 4 of 10: caught, with their ids.
    assert problems(tmp_path, [long_right(n) for n in (1, 2, 3)] + fair_bank()[3:]) == []
    found = problems(tmp_path, [long_right(n) for n in (1, 2, 3, 4)] + fair_bank()[4:])
    assert len(found) == 1 and "unique longest option in 4 of 10" in found[0]
    assert found[0].endswith(": 01.1, 01.2, 01.3, 01.4")


def test_a_tie_for_longest_is_not_a_cue(tmp_path):
    tied = [single(n, "Same length 1", ("Same length 2", "Short", "Tiny")) for n in range(1, 11)]
    assert problems(tmp_path, tied) == []


@pytest.mark.parametrize(("myths", "caught"), [(3, True), (4, False), (6, False), (7, True)])
def test_myth_share_must_stay_between_40_and_60_percent(tmp_path, myths, caught):
    items = [even_lengths(n) for n in range(1, 11)]
    items += [myth_fact(10 + n, "myth" if n <= myths else "fact") for n in range(1, 11)]
    found = problems(tmp_path, items)
    assert bool(found) == caught
    if caught:
        assert found == [
            f"test bank: {myths} of 10 myth-or-fact items are myths ({myths * 10}%; "
            "between 40% and 60%)"
        ]


def test_multiple_select_needs_a_wrong_option(tmp_path):
    found = problems(tmp_path, [*fair_bank(), multiple(22, wrong=False)])
    assert found == ["test bank: multiple-select items with no wrong option: 01.22"]


def test_every_bank_and_both_forms_give_nothing_away():
    """Over the lessons' checks together and each assessment form, as displayed."""
    groups = curriculum_balance()
    assert {b.group for b in groups} >= {"lesson checks", "form A", "form B"}
    found = [p for b in groups for p in balance_problems(b, *LIMITS)]
    assert found == [], "\n".join(found)


def short_form_item(n: int, short: bool) -> Question:
    """A four-option single-choice assessment item whose right answer is written first."""
    options = tuple(
        Option(f"k{n}{c}", f"Option {c} of item {n}", c == "a", "Feedback.") for c in "abcd"
    )
    return Question(f"A.{n}", "O01.1", "single", f"Q{n}?", "E.", options, short=short)


def right_positions(questions: list[Question]) -> list[int]:
    return [next(i for i, o in enumerate(q.options) if o.correct) for q in questions]


def test_the_short_set_is_balanced_on_its_own():
    # Items 1, 5 and 9 make the short set. Placed in id order alone, all three would take the
    # first position (a four-option cycle); the short items are placed first, so they differ.
    form = arrange([short_form_item(n, short=n in (1, 5, 9)) for n in range(1, 13)])
    shorts = [q for q in form if q.short]
    assert sorted(right_positions(shorts)) == [0, 1, 2]
    whole = right_positions(form)
    assert max(whole.count(p) for p in range(4)) == 3  # the whole form stays balanced


def test_each_short_form_gives_nothing_away():
    """The short set (one item per lesson) is what a 60-minute class takes: same thresholds."""
    for form in sorted({q.form for q in items()}):
        short = [q for q in items() if q.form == form and q.short]
        found = balance_problems(answer_balance(f"form {form}, short set", short), *LIMITS)
        assert found == [], "\n".join(found)
