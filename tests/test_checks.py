"""Knowledge checks: grading, the learner's odd answers, the static form and the live widget."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from dmst.checks import Check, LiveCheck, static_html
from dmst.kinds.numbers import distance, parse_number
from dmst.ledger import Number
from dmst.questions import bank, grade

QUESTIONS = list(bank().values())


def by_kind(kind):
    found = [q for q in QUESTIONS if q.kind == kind]
    assert found, f"the shipped banks have no {kind} question"
    return found[0]


@pytest.mark.parametrize("kind", ["single", "myth_fact"])
def test_one_answer_kinds_teach_for_wrong_and_right(kind):
    q = by_kind(kind)
    wrong = next(o for o in q.options if not o.correct)
    right = next(o for o in q.options if o.correct)
    verdict = grade(q, wrong.key)
    assert not verdict.correct and verdict.headline == "Not quite."
    assert verdict.feedback == ((wrong.text, wrong.feedback),)
    assert verdict.explanation == ""  # the explanation is kept for when they get there
    verdict = grade(q, right.key)
    assert verdict.correct and verdict.feedback == ((right.text, right.feedback),)
    assert verdict.explanation == q.explanation


def test_multiple_select_partial_wrong_and_right():
    q = by_kind("multiple")
    correct = sorted(q.correct_keys)
    wrong = sorted({o.key for o in q.options} - q.correct_keys)
    assert grade(q, set(correct)).correct
    if len(correct) > 1:
        partial = grade(q, {correct[0]})
        assert not partial.correct and partial.headline.startswith("Partly right")
        assert any(a.startswith("Also true") for a, _ in partial.feedback)
    if wrong:
        verdict = grade(q, {*correct, wrong[0]})
        assert not verdict.correct and verdict.headline.startswith("Not quite")
    assert grade(q, set()).headline.startswith("Select at least one")


def test_nothing_chosen_is_a_prompt_not_an_attempt():
    q = by_kind("single")
    verdict = grade(q, None)
    assert verdict.feedback == () and "Choose an answer" in verdict.headline


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("20000", 20000),
        ("20,000", 20000),
        ("20 000", 20000),
        (" 2.5 million ", 2_500_000),
        ("20k", 20000),
        ("3 Billion", 3e9),
        ("0", 0),
    ],
)
def test_numbers_learners_type(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type a number first"),
        ("lots", "is not a number this check can read"),
        ("-5", "cannot be negative"),
        ("2,00,000", "commas in odd places"),
        ("12 dozen", "is not a number this check can read"),
    ],
)
def test_odd_numeric_answers_get_a_clear_message(typed, message):
    with pytest.raises(ValueError, match=message):
        parse_number(typed)
    verdict = grade(by_kind("numeric"), typed)
    assert message in verdict.headline and verdict.feedback == ()


def test_distance_to_a_range_and_a_point():
    rng = Number("youth", "youth", "youth", 4457, 20994)
    assert distance(10000, rng) == "Your guess, 10,000, is inside the range."
    assert distance(100000, rng) == "Your guess, 100,000, is about 4.8 times the top of the range."
    assert distance(4000, rng) == "Your guess, 4,000, is 10% below the bottom of the range."
    assert distance(100, rng) == (
        "Your guess, 100, is well below: the bottom of the range is about 45 times your guess."
    )
    assert (
        distance(3_000_000, rng)
        == "Your guess, 3,000,000, is about 143 times the top of the range."
    )
    point = Number("n", "n", "youth", 1682900, 1682900)
    assert distance(1682900, point) == "Your guess, 1,682,900, is exactly the figure."
    assert distance(0, point) == "Your guess, 0, is below the figure."


def test_numeric_verdict_shows_the_sourced_figure():
    q = by_kind("numeric")
    verdict = grade(q, "1000")
    assert verdict.estimate
    assert verdict.feedback[0][1] == q.number_source.cite(q.number.key)
    assert q.number_source.grade in verdict.feedback[0][1]


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_static_form_is_deterministic_and_works_without_javascript(q):
    first, second = static_html(q), static_html(q)
    assert first == second
    parser = FormParser()
    parser.feed(first)
    tags = [t for t, _ in parser.tags]
    assert tags[0] == "form" and "fieldset" in tags and "legend" in tags
    assert "details" in tags and "summary" in tags  # the no-JavaScript reveal
    ids = [a["id"] for _, a in parser.tags if "id" in a]
    assert len(ids) == len(set(ids)), "element ids must be unique"
    assert all(i.startswith("check-" + q.id.replace(".", "-")) for i in ids)
    labels = {a["for"] for t, a in parser.tags if t == "label"}
    inputs = {a["id"] for t, a in parser.tags if t == "input"}
    assert inputs and inputs <= labels, "every input has a label"
    assert any(a.get("aria-live") == "polite" for _, a in parser.tags)
    for option in q.options:
        assert option.feedback.replace("'", "&#x27;").replace('"', "&quot;")[:40] in first


def test_mime_bundle_has_both_renditions(live):
    bundle = Check(by_kind("single"))._repr_mimebundle_()
    assert "text/html" in bundle and "text/plain" in bundle
    assert bundle["text/html"].startswith("<form")


def test_live_widget_wrong_then_try_again_then_right():
    q = by_kind("single")
    recorded = []
    live = LiveCheck(q, on_answer=lambda *args: recorded.append(args))
    wrong = next(o for o in q.options if not o.correct)
    right = next(o for o in q.options if o.correct)
    live.inputs.value = wrong.key
    live.check_button.click()
    assert "Not quite" in live.feedback.value
    assert wrong.feedback[:30].replace("'", "&#x27;") in live.feedback.value
    assert not live.retry_button.disabled
    live.retry_button.click()
    assert live.inputs.value is None and live.feedback.value == ""
    live.inputs.value = right.key
    live.check_button.click()
    assert "Correct" in live.feedback.value
    assert [args[3] for args in recorded] == [1, 2]  # attempt numbers
    assert [args[2].correct for args in recorded] == [False, True]


def test_live_widget_multiple_and_numeric():
    q = by_kind("multiple")
    live = LiveCheck(q)
    for option, box in zip(q.options, live.inputs, strict=True):
        box.value = option.correct
    live.check_button.click()
    assert "Correct: you found every true statement." in live.feedback.value
    q = by_kind("numeric")
    live = LiveCheck(q)
    live.inputs.value = "lots"
    live.check_button.click()
    assert "not a number this check can read" in live.feedback.value
    assert live.attempts == [] and live.retry_button.disabled
    live.inputs.value = "1 million"
    live.check_button.click()
    assert (
        "times the top of the range" in live.feedback.value or "Your guess" in live.feedback.value
    )
    assert q.number_source.cite_as in live.feedback.value


def test_a_stored_output_holds_no_data_and_no_answer():
    """What `make execute` stores: a placeholder the book renders, with nothing to go stale."""
    q = by_kind("single")
    bundle = Check(q)._repr_mimebundle_()
    assert bundle["text/plain"] == f"Knowledge check {q.id}"
    assert bundle["text/html"].startswith('<div class="dmst-render" data-render="check"')
    assert q.prompt not in str(bundle) and not any(o.text in str(bundle) for o in q.options)
