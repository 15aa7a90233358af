"""Question kinds: every registered kind has every part, and the book's script types no wording."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest

from dmst.kinds import KIND_NAMES, KINDS, MARKS, SAVED, Kind, words_html
from dmst.kinds.numbers import NUMBER, fill
from dmst.questions import bank, grade
from dmst.results import encode_answer

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = (ROOT / "src" / "dmst" / "sphinx" / "static" / "dmst.js").read_text(encoding="utf-8")
SRC = ROOT / "src" / "dmst"
NAMES = list(KINDS)


def example(name: str):
    found = [q for q in bank().values() if q.kind == name]
    assert found, f"the shipped banks have no {name} question, so nothing shows it works"
    return found[0]


def script_graders() -> set[str]:
    match = re.search(r"var GRADERS = \{([^}]*)\}", SCRIPT)
    assert match, "dmst.js names its graders in `var GRADERS = {...}`"
    return set(re.findall(r"(\w+):", match.group(1)))


@pytest.mark.parametrize("name", NAMES)
def test_every_kind_has_every_part(name):
    kind = KINDS[name]
    assert isinstance(kind, Kind) and not inspect.isabstract(type(kind))
    assert kind.name == name and KIND_NAMES[name] == kind.display and kind.display.strip()
    assert kind.fields and all(isinstance(f, str) for f in kind.fields)
    assert kind.order in ("balanced", "alternating", "")
    assert kind.grader in script_graders(), f"dmst.js has no grader {kind.grader!r}"
    assert kind.words and json.loads(json.dumps(kind.page_words(True)))["grader"] == kind.grader
    assert "words" not in kind.page_words(False)  # nothing that teaches before the course

    q = example(name)  # parsed from a bank by the kind's parse()
    assert q.kind == name
    for teach in (True, False):
        assert kind.controls_html(q, "check-x", teach).strip()
        assert isinstance(kind.data_html(q, teach), str)
    assert kind.prompt_html(q).strip() and kind.reveal_html(q).strip()

    inputs, shown = kind.widget_controls(q, lambda: None)
    assert shown
    empty = grade(q, kind.widget_answer(q, inputs))
    assert not empty.correct and empty.feedback == ()  # nothing given yet: a prompt, no attempt
    answered = kind.grade(q, _an_answer(q))
    assert answered.headline and answered.feedback
    kind.widget_clear(q, inputs)
    assert grade(q, kind.widget_answer(q, inputs)) == empty

    # What the results store keeps reads back as the same answer.
    kept, _off = kind.stored(q, _an_answer(q))
    again = kind.grade(q, kind.from_stored(encode_answer(kept)))
    assert again.correct == answered.correct


def _an_answer(q):
    if q.kind == "numeric":
        return "2.5 million"
    if q.kind == "multiple":
        return set(q.correct_keys)
    return q.options[0].key


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def wording() -> set[str]:
    """Every piece of wording the book's checks show, cut at the {slots} of templates."""
    texts = [SAVED, *MARKS.values(), *NUMBER["scale"], *_strings(NUMBER["says"])]
    for kind in KINDS.values():
        texts += _strings(kind.words) + _strings(getattr(kind, "asks", {}))
    pieces = set()
    for text in texts:
        for piece in re.split(r"\{\w+\}", text):
            piece = piece.strip()
            # Wording, not a variable's name: "below" or "k" may name anything in a script.
            if re.search(r"[A-Za-z]{2}", piece) and (
                len(piece) >= 7 or (len(piece) >= 5 and (" " in piece or piece[0].isupper()))
            ):
                pieces.add(piece)
    return pieces


def in_script(piece: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", SCRIPT) is not None


def test_the_script_types_none_of_the_wording():
    pieces = wording()
    assert {"Not quite.", "True.", "Your guess,", "thousand", "the top of the range"} <= pieces
    assert [piece for piece in sorted(pieces) if in_script(piece)] == []
    for rule in ("grouping", "pattern", "commas"):
        assert NUMBER[rule] not in SCRIPT


def test_questions_and_checks_name_no_kind():
    """Adding a kind is a module and a registry line: the dispatchers hold no kind's name."""
    for module in ("questions.py", "checks.py", "assessment.py"):
        text = (SRC / module).read_text(encoding="utf-8")
        named = [n for n in NAMES if f'"{n}"' in text or f"'{n}'" in text]
        assert named == [], module


def test_the_pre_course_block_teaches_nothing():
    block = words_html(NAMES, "pre")
    for kind in KINDS.values():
        for text in _strings(kind.words):
            if " " in text:
                assert text not in block
    assert json.loads(block.split(">", 1)[1].rsplit("<", 1)[0])["saved"] == SAVED


def test_a_block_never_closes_its_script_early():
    block = words_html(NAMES, "check")
    assert block.count("</script>") == 1 and "<" not in block[len("<script ") : -len("</script>")]


def test_templates_fill_like_the_script():
    assert fill("Your guess, {guess}, is {where}.", guess="5,000", where="here") == (
        "Your guess, 5,000, is here."
    )
