"""No answer from layout: display order and option keys are stable, balanced and opaque."""

from __future__ import annotations

import itertools
import re
import textwrap
from collections import Counter

import pytest

from dmst.checks import static_html
from dmst.layout import multiple_order, option_key, single_positions
from dmst.questions import bank, grade, parse_bank

OBJECTIVES = {"O01.1"}


def single(n: int, options: int = 4, right_text: str = "Right") -> str:
    """A single-choice item written the lazy way: the right answer first."""
    lines = [f"      - {{text: {right_text} {n}, correct: true, feedback: Yes.}}"]
    lines += [f"      - {{text: Wrong {n}.{k}, feedback: No.}}" for k in range(1, options)]
    return (
        f'  - id: "01.{n}"\n    objective: O01.1\n    kind: single\n    prompt: Q{n}?\n'
        "    options:\n" + "\n".join(lines) + "\n    explanation: Because.\n"
    )


def write_bank(tmp_path, body: str):
    path = tmp_path / "01-bank.yml"
    path.write_text('lesson: "01"\nquestions:\n' + textwrap.dedent(body), encoding="utf-8")
    return path


def right_position(q) -> int:
    return next(i for i, o in enumerate(q.options) if o.correct)


def test_option_keys_are_stable_opaque_and_independent_of_order():
    key = option_key("04.9", "I promise.")
    assert key == option_key("04.9", "I promise.") == option_key("04.9", " I promise. ")
    assert re.fullmatch(r"[0-9a-f]{6}", key)
    assert key != option_key("04.8", "I promise.")  # the question id is part of it
    assert key != option_key("04.9", "I promise")  # and the exact text
    for q in bank().values():
        keys = [o.key for o in q.options]
        assert len(set(keys)) == len(keys)
        if q.kind in ("single", "multiple"):
            assert not set(keys) & set("abcdefgh"), q.id  # never the authored letters


@pytest.mark.parametrize("count", range(1, 25))
def test_equal_items_keep_positions_within_one_of_each_other(count):
    for seed in ("group A", "group B", "group 01"):
        used = Counter(single_positions([4] * count, seed))
        tallies = [used.get(p, 0) for p in range(4)]
        assert max(tallies) - min(tallies) <= 1, (count, seed, tallies)


def test_positions_follow_no_cycle_and_differ_between_forms():
    a = single_positions([4] * 32, "group A")
    b = single_positions([4] * 32, "group B")
    assert a == single_positions([4] * 32, "group A")  # deterministic
    cycle = [(a[0] + i) % 4 for i in range(32)]
    assert a != cycle and a != [(x + 1) % 4 for x in b]  # no A,B,C,D cycle; B is not A shifted
    steps = Counter((y - x) % 4 for x, y in itertools.pairwise(a))
    assert max(steps.values()) <= 16  # the next position is not predictable from the last


def test_mixed_option_counts_stay_balanced():
    counts = [3, 4, 4, 5, 3, 4, 2, 4, 4, 3, 5, 4]
    positions = single_positions(counts, "group 01")
    assert all(p < n for p, n in zip(positions, counts, strict=True))
    used = Counter(positions)
    assert max(used.values()) - min(used[p] for p in range(3)) <= 1


def test_a_bank_written_right_answer_first_is_displayed_balanced(tmp_path):
    """Ten items whose authors always put the right answer first: shown, no position > 30%."""
    path = write_bank(tmp_path, "".join(single(n) for n in range(1, 11)))
    questions = parse_bank(path, OBJECTIVES, {})
    used = Counter(right_position(q) for q in questions)
    assert set(used) == {0, 1, 2, 3} and max(used.values()) == 3
    # Deterministic: the same bank gives the same order, option for option.
    again = parse_bank(path, OBJECTIVES, {})
    assert [[o.key for o in q.options] for q in questions] == [
        [o.key for o in q.options] for q in again
    ]
    # Grading still works on the opaque keys, wherever the right option landed.
    for q in questions:
        right = next(o for o in q.options if o.correct)
        assert grade(q, right.key).correct
        assert not grade(q, next(o.key for o in q.options if not o.correct)).correct


def test_display_order_does_not_depend_on_the_file_order(tmp_path):
    items = [single(n) for n in range(1, 7)]
    forward = parse_bank(write_bank(tmp_path, "".join(items)), OBJECTIVES, {})
    backward = parse_bank(write_bank(tmp_path, "".join(reversed(items))), OBJECTIVES, {})
    order = {q.id: [o.key for o in q.options] for q in forward}
    assert {q.id: [o.key for o in q.options] for q in backward} == order


def test_multiple_select_first_option_alternates_right_and_wrong():
    correct = [True, True, False, True, False]
    firsts = [
        correct["abcde".index(multiple_order("abcde", correct, rank, f"01.{rank}")[0])]
        for rank in range(8)
    ]
    assert firsts == [True, False] * 4


def test_shipped_lessons_right_answers_spread_over_positions():
    singles = [q for q in bank().values() if q.kind == "single"]
    used = Counter(right_position(q) for q in singles)
    assert max(used.values()) / len(singles) <= 0.35, used


def test_html_and_widget_show_the_same_order_and_keys():
    from dmst.checks import LiveCheck

    q = next(q for q in bank().values() if q.kind == "single")
    html = static_html(q)
    values = re.findall(r'<input type="radio" name="[^"]+" id="[^"]+" value="([0-9a-f]{6})"', html)
    assert values == [o.key for o in q.options]
    assert 'value="a"' not in html
    live = LiveCheck(q)
    assert [value for _, value in live.inputs.options] == values
    assert list(live.inputs.options) == [(o.text, o.key) for o in q.options]
