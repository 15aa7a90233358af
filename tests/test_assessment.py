"""The assessment: a pre-test that leaks nothing, parallel forms, the short set."""

from __future__ import annotations

import html as htmllib
import re
import textwrap
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from dmst import assessment as assessment_module
from dmst.assessment import Assessment, assessment_html, read_forms
from dmst.checks import PRE_SAVED, LiveCheck, static_html
from dmst.errors import DataError
from dmst.questions import bank, parse_bank

QUESTIONS = list(bank().values())
KINDS = ("single", "multiple", "myth_fact", "numeric")


def one_of_each() -> list:
    """One question of every kind, given assessment ids so they render as assessment items."""
    picked = [next(q for q in QUESTIONS if q.kind == kind) for kind in KINDS]
    return [replace(q, id=f"A.{n}", short=n % 2 == 1) for n, q in enumerate(picked, start=1)]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def key_giveaways(q) -> list[str]:
    """Every piece of text that would tell a reader the answer."""
    found = [q.explanation]
    for o in q.options:
        found.append(o.feedback)
    if q.number is not None:
        found.append(q.number_source.cite(q.number.key))
        found += [repr(q.number.low), repr(q.number.high)]
    return [text for text in found if text]


PRE_FORBIDDEN = [
    "data-correct",
    "data-answer",
    "data-low",
    "data-high",
    "data-figure",
    "dmst-option-feedback",
    "dmst-explanation",
    "dmst-reveal",
    "dmst-is-correct",
    "dmst-is-incorrect",
    "<details",
    "<summary",
    "Show the answer",
    "Correct",
    "Not correct",
    "Try again",
    "The evidence",
]


def test_the_pre_page_holds_no_answer_key():
    questions = one_of_each()
    page = assessment_html(questions, "pre")
    for marker in PRE_FORBIDDEN:
        assert marker not in page, marker
    readable = htmllib.unescape(page)
    for q in questions:
        for giveaway in key_giveaways(q):
            assert giveaway not in readable and htmllib.escape(giveaway) not in page, (
                q.id,
                giveaway,
            )
    # Option values and ids are opaque keys, never letters that follow the authored order.
    parser = Tags()
    parser.feed(page)
    values = [
        a["value"]
        for t, a in parser.tags
        if t == "input"
        and a.get("type") in ("radio", "checkbox")
        and a.get("id", "").startswith("check-")
    ]
    assert values and all(re.fullmatch(r"[0-9a-f]{6}|myth|fact", v) for v in values)
    # What the page does offer: every question, a save button each, and the download.
    assert page.count(">Save my answer</button>") == len(questions)
    assert "Download my answers" in page and 'data-context="pre"' in page


def test_the_post_page_teaches():
    questions = one_of_each()
    page = htmllib.unescape(assessment_html(questions, "post"))
    for q in questions:
        assert q.explanation in page
        for o in q.options:
            assert o.feedback in page
    assert "data-correct" in page and "<details" in page and "Try again" in page


@pytest.mark.parametrize("q", one_of_each(), ids=KINDS)
def test_each_kind_of_pre_form_is_answerable_and_deterministic(q):
    first = static_html(q, "pre")
    assert first == static_html(q, "pre")
    parser = Tags()
    parser.feed(first)
    labels = {a["for"] for t, a in parser.tags if t == "label"}
    inputs = {a["id"] for t, a in parser.tags if t == "input"}
    assert inputs and inputs <= labels, "every input has a label"
    assert any(a.get("aria-live") == "polite" for _, a in parser.tags)


def test_a_short_set_is_offered_only_when_items_are_marked():
    questions = one_of_each()
    page = assessment_html(questions, "pre")
    assert "The short set: 2 questions" in page and page.count('data-short="true"') == 2
    unmarked = [replace(q, short=False) for q in questions]
    assert "dmst-assessment-length" not in assessment_html(unmarked, "pre")


FORMS_FILE = """
forms: {pre: B, post: A}
items:
  - id: "A.1"
    objective: O01.1
    kind: myth_fact
    prompt: A claim.
    answer: myth
    feedback: {myth: Yes., fact: No.}
    explanation: Why.
    short: true
  - id: "A.2"
    objective: O01.1
    kind: myth_fact
    prompt: Another claim.
    answer: fact
    feedback: {myth: No., fact: Yes.}
    explanation: Why.
  - id: "B.1"
    objective: O01.1
    kind: myth_fact
    prompt: A parallel claim.
    answer: fact
    feedback: {myth: No., fact: Yes.}
    explanation: Why.
    short: true
  - id: "B.2"
    objective: O01.1
    kind: myth_fact
    prompt: Another parallel claim.
    answer: myth
    feedback: {myth: Yes., fact: No.}
    explanation: Why.
"""


@pytest.fixture
def two_forms(tmp_path, monkeypatch):
    """An assessment file with forms A and B, swapped (pre: B, post: A) by its one setting."""
    path = tmp_path / "assessment.yml"
    path.write_text(textwrap.dedent(FORMS_FILE), encoding="utf-8")
    monkeypatch.setattr(assessment_module, "ASSESSMENT_FILE", path)
    for cached in (assessment_module.items, assessment_module.forms):
        cached.cache_clear()
    real_parse = parse_bank
    monkeypatch.setattr(
        assessment_module,
        "parse_bank",
        lambda p, objectives, ledger, **kw: real_parse(p, {"O01.1"}, ledger, **kw),
    )
    yield path
    for cached in (assessment_module.items, assessment_module.forms):
        cached.cache_clear()


def test_one_setting_chooses_and_swaps_the_forms(two_forms, live):
    assert assessment_module.forms() == {"pre": "B", "post": "A"}
    assert [q.id for q in Assessment("pre").items] == ["B.1", "B.2"]
    assert [q.id for q in Assessment("post").items] == ["A.1", "A.2"]
    assert [q.id for q in Assessment("pre", short=True).items] == ["B.1"]
    assert [q.id for q in Assessment("post", short=True).items] == ["A.1"]
    bundle = Assessment("pre", short=True)._repr_mimebundle_()
    assert bundle["text/plain"] == "Short set: 1 assessment item (pre-course)"
    assert 'data-check="B.1"' in bundle["text/html"] and "B.2" not in bundle["text/html"]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"forms": {"pre": "A"}}, "which form is used before and after"),
        ({"forms": {"pre": "A", "post": "C"}}, "post: form 'C' has no items"),
        ({"forms": {"pre": "A", "post": "A"}}, "pre and post use the same form"),
        ({"forms": "A then B"}, "which form is used before and after"),
    ],
)
def test_a_bad_forms_setting_names_the_file_and_field(two_forms, data, problem):
    with pytest.raises(DataError) as info:
        read_forms(data, assessment_module.items(), two_forms)
    message = str(info.value)
    assert "assessment.yml" in message and "field 'forms'" in message and problem in message


def test_without_a_setting_forms_default_sensibly(two_forms):
    both = assessment_module.items()
    assert read_forms({}, both) == {"pre": "A", "post": "B"}
    only_a = [q for q in both if q.form == "A"]
    assert read_forms({}, only_a) == {"pre": "A", "post": "A"}  # a single-form file


def test_pre_widget_saves_once_then_locks(two_forms):
    recorded = []
    q = Assessment("pre").items[0]
    live = LiveCheck(q, on_answer=lambda *args: recorded.append(args), reveal=False)
    assert "Try again" not in [b.description for b in live.box.children[-2].children]
    live.inputs.value = q.options[1].key
    live.check_button.click()
    assert PRE_SAVED.split(":")[0] in live.feedback.value
    for o in q.options:
        assert htmllib.escape(o.feedback, quote=True) not in live.feedback.value
    assert live.inputs.disabled and live.check_button.disabled
    assert live.check_button.description == "Saved"
    live.inputs.value = q.options[0].key  # the kernel could still be poked; nothing changes
    live.check_button.click()
    live.reset()
    assert len(recorded) == 1 and live.inputs.value == q.options[0].key


def test_enter_submits_an_estimate():
    q = next(q for q in QUESTIONS if q.kind == "numeric")
    recorded = []
    live = LiveCheck(q, on_answer=lambda *args: recorded.append(args))
    live.inputs.value = "5000"
    live.inputs._submission_callbacks(live.inputs)  # what pressing Enter in the box sends
    assert "Your guess, 5,000" in live.feedback.value and len(recorded) == 1
