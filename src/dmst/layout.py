"""No answer from layout: the order options are shown in, and the keys that name them.

Authors write options in whatever order reads best (often the right answer first); that order
stays theirs in the YAML. What a learner sees is a display order computed here, the same in the
live widget, the static HTML and print, and the same on every run (nbval compares outputs), so it
is derived only from ids and text, never from a clock or a random source.

**Single choice: balanced by design, not by luck.** A pure per-item shuffle leaves the right
answer's position to chance, and over a bank of ten items one position can easily collect four
or five right answers. Instead, within each *group* (one lesson's bank of checks, or one
assessment form), the single-choice items are taken in id order and each one's right answer is
placed at the position used least so far in that group among the positions the item has (a
three-option item cannot use a fourth position); ties go to the next position in a cycle.
With items of equal length the right answers therefore cycle 1, 2, 3, 4, 1, 2... and no two
positions ever differ by more than one right answer within a group. Each group starts its cycle
at a different position (the lesson's number, or the form's letter), so the few items left over
when a group's count is not a multiple of the option count land on different positions from
group to group, and the curriculum as a whole stays balanced too. The wrong options fill the
other positions in an order shuffled by the question id.

**Multiple select:** a shuffle seeded by the question id, then the first position alternates
from item to item within a group between a right and a wrong option, so "the first option is
right" is true about half the time, as it would be by chance.

**Branching choices and sort items:** a shuffle seeded by the activity (and step) id.
**Myth or fact** keeps its fixed Myth / Fact order: the two words carry no signal.

**Opaque keys.** An option is named, wherever it is identified (HTML ``value`` and ``id``,
recorded answers, grading), by :func:`option_key`: a short hash of the question id and the
option's text. Unlike "a", "b", "c" it says nothing about the authored order, and it stays the
same when other options are added, removed or reordered; it changes only if the option's own
text is edited.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
KEY_LENGTH = 6


def option_key(owner_id: str, text: str) -> str:
    """A stable, opaque key for one option: six hex digits of SHA-256 over the id and the text."""
    digest = hashlib.sha256(f"{owner_id}\x1f{text.strip()}".encode()).hexdigest()
    return digest[:KEY_LENGTH]


def seeded(seed: str) -> random.Random:
    """A random generator that depends only on ``seed`` (stable across runs and machines)."""
    return random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))


def shuffled(items: Sequence[T], seed: str) -> list[T]:
    result = list(items)
    seeded(seed).shuffle(result)
    return result


def single_positions(option_counts: Sequence[int], seed: str = "") -> list[int]:
    """Where each single-choice item in a group puts its right answer (0 = first shown).

    ``option_counts`` lists each item's number of options, in id order. Each item takes one of
    the positions used least so far among those it has, so no position ever holds more than its
    share; which one is chosen by a draw seeded with the group (``seed``) and the item's rank, so
    the sequence is deterministic but follows no pattern a learner could spot (no A, B, C, D
    cycle), and two forms of the same length get different sequences.
    """
    used: dict[int, int] = {}
    result = []
    for rank, n in enumerate(option_counts):
        fewest = min(used.get(p, 0) for p in range(n))
        candidates = [p for p in range(n) if used.get(p, 0) == fewest]
        best = seeded(f"{seed}:{rank}").choice(candidates)
        used[best] = used.get(best, 0) + 1
        result.append(best)
    return result


def single_order(items: Sequence[T], right: int, position: int, seed: str) -> list[T]:
    """``items`` with the one at index ``right`` moved to ``position``, the rest shuffled."""
    others = shuffled([x for i, x in enumerate(items) if i != right], seed)
    return [*others[:position], items[right], *others[position:]]


def multiple_order(items: Sequence[T], correct: Sequence[bool], rank: int, seed: str) -> list[T]:
    """A seeded shuffle whose first option is right for even ranks, wrong for odd ones."""
    order = shuffled(range(len(items)), seed)
    want = rank % 2 == 0
    if any(correct[i] != want for i in order) and any(correct[i] == want for i in order):
        first = next(k for k, i in enumerate(order) if correct[i] == want)
        order.insert(0, order.pop(first))
    return [items[i] for i in order]
