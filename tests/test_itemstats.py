"""Class statistics, each against an answer computed by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from dmst import itemstats
from dmst.classfiles import ClassResults, LearnerFile


def test_normalized_gain_is_the_share_of_the_room_to_improve():
    assert itemstats.normalized_gain(0.5, 0.75) == pytest.approx(0.5)  # 0.25 of 0.5
    assert itemstats.normalized_gain(0.8, 0.9) == pytest.approx(0.5)  # 0.1 of 0.2
    assert itemstats.normalized_gain(0.6, 0.4) == pytest.approx(-0.5)  # a loss
    assert itemstats.normalized_gain(1.0, 1.0) is None  # no room to improve
    assert itemstats.normalized_gain(None, 0.5) is None


def test_point_biserial_by_hand():
    # item 1,1,0,0; rest 1,.5,.5,0: cov .5, var 1 and .5 -> .5 / sqrt(.5) = 0.7071
    assert itemstats.point_biserial([1, 1, 0, 0], [1.0, 0.5, 0.5, 0.0]) == pytest.approx(
        0.70711, abs=1e-5
    )
    assert itemstats.point_biserial([1, 1, 1], [0.2, 0.5, 0.9]) is None  # everyone right
    assert itemstats.point_biserial([1, 0], [1.0, 0.0]) is None  # too few learners


def fixture_class(scores: dict[str, dict[str, int]], context: str = "pre") -> ClassResults:
    learners = []
    for learner, answers in scores.items():
        attempts = [
            {"question": q, "context": context, "correct": c, "first_try": 1, "answer": "x"}
            for q, c in answers.items()
        ]
        learners.append(LearnerFile(path=None, learner=learner, exported="", attempts=attempts))
    return ClassResults(learners=learners)


QUESTIONS = {
    "A.1": SimpleNamespace(objective="O01.1", prompt="one"),
    "A.2": SimpleNamespace(objective="O01.1", prompt="two"),
    "A.3": SimpleNamespace(objective="O01.2", prompt="three"),
}
# L1 1 1 1 / L2 1 1 0 / L3 0 1 0 / L4 0 0 0
SCORES = {
    "L1": {"A.1": 1, "A.2": 1, "A.3": 1},
    "L2": {"A.1": 1, "A.2": 1, "A.3": 0},
    "L3": {"A.1": 0, "A.2": 1, "A.3": 0},
    "L4": {"A.1": 0, "A.2": 0, "A.3": 0},
}


def test_item_analysis_by_hand():
    rows = {r.item: r for r in itemstats.item_analysis(fixture_class(SCORES), QUESTIONS)}
    # A.1: scores 1,1,0,0; rest scores (A.2, A.3) 1, .5, .5, 0 -> 0.7071
    assert rows["A.1"].share_right == 0.5 and rows["A.1"].discrimination == pytest.approx(
        0.70711, abs=1e-5
    )
    # A.2: scores 1,1,1,0; rest (A.1, A.3) 1, .5, 0, 0: cov .375, var .75 and .6875 -> 0.5222
    assert rows["A.2"].share_right == 0.75
    assert rows["A.2"].discrimination == pytest.approx(0.52223, abs=1e-5)
    assert rows["A.3"].learners == 4 and rows["A.3"].share_right == 0.25


def test_flags_name_too_easy_and_reversed_items():
    scores = {
        f"L{n}": {"A.1": 1, "A.2": int(n < 6), "A.3": int(n >= 6)} for n in range(12)
    }  # A.3 is right only for learners who got A.2 wrong: stronger learners did worse
    rows = {r.item: r for r in itemstats.item_analysis(fixture_class(scores), QUESTIONS)}
    assert "nearly everyone was right before the course" in rows["A.1"].flags
    assert any("stronger learners did worse" in f for f in rows["A.3"].flags)
    assert not any("small group" in f for f in rows["A.3"].flags)  # twelve learners
    few = {k: v for k, v in scores.items() if k in ("L0", "L1", "L6", "L7", "L8", "L9")}
    rows = {r.item: r for r in itemstats.item_analysis(fixture_class(few), QUESTIONS)}
    assert not any("stronger" in f for f in rows["A.3"].flags)  # six: chance, so not flagged


def test_objective_rates_pool_a_forms_items():
    results = fixture_class(SCORES)
    post = fixture_class({"L1": {"A.1": 1, "A.2": 1}, "L2": {"A.1": 1, "A.2": 0}}, "post")
    results.learners += post.learners
    rows = {r.objective: r for r in itemstats.by_objective(results, QUESTIONS)}
    # O01.1 before: A.1 and A.2 over four learners: 5 right of 8
    assert rows["O01.1"].pre_rate == pytest.approx(5 / 8) and rows["O01.1"].pre_learners == 4
    assert rows["O01.1"].post_rate == pytest.approx(3 / 4) and rows["O01.1"].post_learners == 2
    # normalized: (0.75 - 0.625) / 0.375 = 1/3
    assert rows["O01.1"].normalized_gain == pytest.approx(1 / 3)
    assert rows["O01.1"].caution  # two learners after
