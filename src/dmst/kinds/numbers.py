"""A learner's typed number, and how far it is from the evidence, in words.

The rules and words here are data (:data:`NUMBER`, :data:`DISTANCE`) because two readers use them:
:func:`parse_number` and :func:`distance` below, and the book's ``dmst.js`` (in
``dmst/sphinx/static``), which reads the same dictionaries from the page (see :mod:`dmst.kinds`).
The patterns are written so Python's ``re`` and JavaScript's ``RegExp`` read them alike: ASCII
digits only, no lookbehind (older Safari has none).
"""

from __future__ import annotations

import re
from typing import Any

from dmst.ledger import Number, fmt

# How a typed guess is read; dmst.js gets this dictionary as JSON.
NUMBER: dict[str, Any] = {
    "scale": {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9},
    "separator": ",",
    # '20 000' -> '20000': a space between a digit and three more digits goes (keep group 1).
    "grouping": r"([0-9]) (?=[0-9]{3}\b)",
    # Digits (commas allowed for now), an optional fraction, then an optional scale word.
    "pattern": r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*([a-z]*)\s*$",
    "commas": r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$",  # commas only between groups of three
    "largest": 1e10,  # more than every person alive: a typo, not a guess
    "says": {
        "empty": "Type a number first, for example 5000 or 2.5 million.",
        "negative": "A count of people cannot be negative. Try a number of 0 or more.",
        "unreadable": "“{text}” is not a number this check can read. "
        "Use digits, for example 5000, 5,000 or 2.5 million.",
        "commas": "“{text}” has commas in odd places. Try 5000 or 5,000.",
        "too_large": "That number is larger than any count of people. Try a smaller guess.",
    },
}

# How far a guess is from a figure or a range; {slots} are filled by fill() and by dmst.js.
DISTANCE: dict[str, Any] = {
    "inside": "Your guess, {guess}, is {where}.",
    "in_range": "inside the range",
    "exact": "exactly the figure",
    "figure": "the figure",
    "range_bottom": "the bottom of the range",
    "range_top": "the top of the range",
    "not_positive": "Your guess, {guess}, is below {what}.",
    "near": "Your guess, {guess}, is {percent}% {direction} {what}.",
    "below": "below",
    "above": "above",
    "far_below": "Your guess, {guess}, is well below: {what} is about {times} times your guess.",
    "far_above": "Your guess, {guess}, is about {times} times {what}.",
    "near_ratio": 1.5,  # under this many times off, say the percentage instead
    "whole_times": 10,  # from this many times off, round the ratio to a whole number
}

LARGEST_GUESS: float = NUMBER["largest"]
_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, **values: Any) -> str:
    """A template's {name} slots filled, exactly as dmst.js fills the same templates."""
    return _SLOT.sub(lambda m: str(values[m.group(1)]), template)


def parse_number(text: str) -> float:
    """A learner's typed guess: '20000', '20,000', '20 000', '20k', '2.5 million'.

    Raises ValueError with a message written for the learner.
    """
    says = NUMBER["says"]
    cleaned = str(text).strip().lower().replace("\u00a0", " ")
    cleaned = re.sub(NUMBER["grouping"], r"\1", cleaned)
    if not cleaned:
        raise ValueError(says["empty"])
    match = re.match(NUMBER["pattern"], cleaned)
    if not match or (match.group(2) and match.group(2) not in NUMBER["scale"]):
        if cleaned.startswith("-"):
            raise ValueError(says["negative"])
        raise ValueError(fill(says["unreadable"], text=text.strip()))
    digits, scale = match.groups()
    if NUMBER["separator"] in digits and not re.match(NUMBER["commas"], digits):
        raise ValueError(fill(says["commas"], text=text.strip()))
    value = float(digits.replace(NUMBER["separator"], "")) * NUMBER["scale"].get(scale, 1.0)
    if value > LARGEST_GUESS:
        raise ValueError(says["too_large"])
    return value


def distance(guess: float, number: Number) -> str:
    """How far a guess is from a figure or range, in words a learner can take in."""
    d = DISTANCE
    shown = fmt(round(guess, 2))
    if number.low <= guess <= number.high:
        return fill(d["inside"], guess=shown, where=d["in_range" if number.is_range else "exact"])
    below = guess < number.low
    target = number.low if below else number.high
    what = d["figure"]
    if number.is_range:
        what = d["range_bottom"] if below else d["range_top"]
    if guess <= 0:
        return fill(d["not_positive"], guess=shown, what=what)
    ratio = target / guess if below else guess / target
    if ratio < d["near_ratio"]:
        percent = round(abs(guess - target) / target * 100)
        direction = d["below"] if below else d["above"]
        return fill(d["near"], guess=shown, percent=percent, direction=direction, what=what)
    far = d["far_below"] if below else d["far_above"]
    return fill(far, guess=shown, what=what, times=_times(ratio))


def _times(ratio: float) -> str:
    if ratio >= DISTANCE["whole_times"]:
        return fmt(round(ratio))
    return f"{ratio:.1f}".rstrip("0").rstrip(".")
