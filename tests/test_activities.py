"""Activities: validation of their files, the static renditions, and the live widgets."""

from __future__ import annotations

import textwrap
from html.parser import HTMLParser

import pytest

from dmst.activities import LiveBranching, LiveSay, LiveSort, parse_activities, static_html
from dmst.errors import DataError

GOOD = """
activities:
  - id: "07.sort"
    kind: sort
    title: Worth noticing?
    prompt: Sort each.
    categories:
      - {key: notice, label: Worth noticing}
      - {key: alone, label: Not on its own}
    items:
      - {text: An older boyfriend pays for everything, category: notice, feedback: Control.}
      - {text: Moody some days, category: alone, feedback: Ordinary for a teen.}
      - {text: A new phone no one explains, category: notice, feedback: Ask gently.}
    debrief: Read signs as a story.
  - id: "07.respond"
    kind: branching
    title: A student hints
    prompt: Choose.
    start: s1
    steps:
      - id: s1
        text: A student says something is wrong at home.
        choices:
          - {text: Ask for every detail, feedback: She goes quiet., next: s2}
          - {text: Listen and believe, feedback: She keeps talking.}
      - id: s2
        text: She stops talking.
        choices:
          - {text: Apologise and listen, feedback: Trust returns.}
  - id: "07.say"
    kind: say
    title: What would you say?
    prompt: Try it.
    prompts:
      - situation: Don't tell anyone.
        model_answers: [I'm glad you told me.]
        avoid: [Promising secrecy you cannot keep.]
"""


def write(tmp_path, text):
    path = tmp_path / "07-acts.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_good_activities_load(tmp_path):
    kinds = [a.kind for a in parse_activities(write(tmp_path, GOOD))]
    assert kinds == ["sort", "branching", "say"]


@pytest.mark.parametrize(
    ("change", "entry", "message"),
    [
        (
            ("category: notice, feedback: Control.", "category: maybe, feedback: Control."),
            "07.sort",
            "category 'maybe' is not one of notice, alone",
        ),
        (("next: s2}", "next: s9}"), "07.respond", "next 's9' is not a step id"),
        (("start: s1", "start: s0"), "07.respond", "'s0' is not a step id"),
        (("kind: say", "kind: quiz"), "07.say", "'quiz' is not a known kind"),
        (
            ("model_answers: [I'm glad you told me.]", "model_answers: []"),
            "07.say",
            "needs at least one model answer",
        ),
        (('id: "07.say"', 'id: "07 say"'), "07 say", 'must look like "07.sort"'),
    ],
)
def test_bad_activities_name_file_entry_and_problem(tmp_path, change, entry, message):
    with pytest.raises(DataError) as info:
        parse_activities(write(tmp_path, GOOD.replace(*change)))
    text = str(info.value)
    assert "07-acts.yml" in text and f"entry {entry!r}" in text
    assert message in text


def test_unreachable_step_and_endless_scenario(tmp_path):
    unreachable = GOOD.replace("feedback: She goes quiet., next: s2", "feedback: She goes quiet.")
    with pytest.raises(DataError, match="step 's2' cannot be reached"):
        parse_activities(write(tmp_path, unreachable))
    endless = GOOD.replace(
        "{text: Listen and believe, feedback: She keeps talking.}",
        "{text: Listen and believe, feedback: She keeps talking., next: s2}",
    ).replace(
        "{text: Apologise and listen, feedback: Trust returns.}",
        "{text: Apologise and listen, feedback: Trust returns., next: s1}",
    )
    with pytest.raises(DataError, match="never ends"):
        parse_activities(write(tmp_path, endless))


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_static_renditions_work_without_javascript(tmp_path):
    sort, branching, say = parse_activities(write(tmp_path, GOOD))
    for a in (sort, branching, say):
        assert static_html(a) == static_html(a)
        parser = Tags()
        parser.feed(static_html(a))
        assert parser.tags[0][0] == "section"
        assert any(t == "details" for t, _ in parser.tags)  # something to open without script
    sort_html = static_html(sort)
    assert sort_html.count('<fieldset class="dmst-sort-item"') == 3
    assert "Ordinary for a teen." in sort_html
    branch_html = static_html(branching)
    assert 'href="#activity-07-respond-s2"' in branch_html
    assert 'id="activity-07-respond-s2"' in branch_html
    assert "nothing is saved or sent" in static_html(say)


def test_live_sort_counts_and_explains(tmp_path):
    sort = parse_activities(write(tmp_path, GOOD))[0]
    live = LiveSort(sort)
    position = {item.text: n for n, item in enumerate(sort.items)}  # shown in display order
    pays, moody, phone = (
        position[t]
        for t in (
            "An older boyfriend pays for everything",
            "Moody some days",
            "A new phone no one explains",
        )
    )
    live.pickers[pays].value = "notice"
    live.pickers[moody].value = "notice"
    assert live.check() == 1
    assert "Ordinary for a teen." in live.feedback[moody].value
    assert "✗" in live.feedback[moody].value
    assert "Not sorted yet" in live.feedback[phone].value
    assert "1 of 3" in live.summary.value


def test_live_branching_follows_choices_and_restarts(tmp_path):
    branching = parse_activities(write(tmp_path, GOOD))[1]
    live = LiveBranching(branching)
    ask = next(b for b in live.choices.children if b.description == "Ask for every detail")
    ask.click()
    assert "She goes quiet." in live.consequence.value and "She stops talking." in live.text.value
    live.choices.children[0].click()
    assert "This path ends here" in live.text.value and live.choices.children == ()
    live.restart.click()
    assert "something is wrong at home" in live.text.value and live.path == ["s1"]


def test_live_say_reveals_models_only_when_asked(tmp_path):
    say = parse_activities(write(tmp_path, GOOD))[2]
    live = LiveSay(say)
    button, reveal = live.reveals[0]
    assert reveal.value == ""
    button.click()
    assert "I&#x27;m glad you told me." in reveal.value and "Promising secrecy" in reveal.value


CHECKLIST = """
    checklist:
      - Believed them and said so
      - Made no promise you cannot keep
      - Said what happens next
"""


def say_with_checklist(tmp_path):
    text = GOOD.replace("    prompt: Try it.\n", "    prompt: Try it." + CHECKLIST)
    return parse_activities(write(tmp_path, text))[2]


def test_say_static_form_offers_the_self_check(tmp_path):
    say = say_with_checklist(tmp_path)
    assert say.checklist == (
        "Believed them and said so",
        "Made no promise you cannot keep",
        "Said what happens next",
    )
    html = static_html(say)
    parser = Tags()
    parser.feed(html)
    boxes = [a for t, a in parser.tags if t == "input" and a.get("type") == "checkbox"]
    assert [b["value"] for b in boxes] == ["0", "1", "2"]
    assert 'data-say="07.say.1"' in html and 'data-parts="3"' in html
    # Without a checklist, the form is the plain write-then-compare.
    plain = parse_activities(write(tmp_path, GOOD))[2]
    assert "dmst-say-checklist" not in static_html(plain)


def test_live_say_records_ticks_never_text_then_shows_models(tmp_path):
    say = say_with_checklist(tmp_path)
    ticks = []
    live = LiveSay(say, on_ticks=lambda *args: ticks.append(args))
    step = live.steps[0]
    assert step.checklist.layout.display == "none" and step.button.layout.display == "none"
    step.written.click()  # "I have written my answer"
    assert step.checklist.layout.display is None and step.button.layout.display is None
    step.ticks[0].value = True
    step.ticks[2].value = True
    step.button.click()
    assert ticks == [("07.say", 1, [0, 2], 3)]
    assert "Your answer had 2 of the 3 parts." in step.reveal.value
    assert "I&#x27;m glad you told me." in step.reveal.value
    assert all(box.disabled for box in step.ticks)  # the first self-check is the one kept
    step.button.click()
    assert len(ticks) == 1


def test_live_say_saves_ticks_with_the_learners_results(tmp_path):
    from dmst import results

    say = say_with_checklist(tmp_path)
    live = LiveSay(say)
    step = live.steps[0]
    step.written.click()
    for box in step.ticks:
        box.value = True
    step.button.click()
    [row] = results.attempts()
    assert (row["question"], row["context"], row["answer"], row["correct"]) == (
        "07.say.1",
        "say",
        "0,1,2",
        1,
    )
