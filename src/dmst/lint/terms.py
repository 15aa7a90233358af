"""Avoided terms: words the curriculum does not use outside a language note, and what to say
instead."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The curriculum's avoided terms (its language guide). "john" is matched in lower case only, so a
# person named John passes.
AVOIDED = [
    (
        re.compile(r"\b(child|teen|juvenile|underage)\s+prostitutes?\b", re.I),
        "child sex trafficking victim or survivor",
    ),
    (
        re.compile(r"\b(child|teen|juvenile)\s+prostitution\b", re.I),
        "commercial sexual exploitation of children",
    ),
    (
        re.compile(r"\bprostitution\s+of\s+(children|minors|youth)\b", re.I),
        "commercial sexual exploitation of children",
    ),
    (
        re.compile(r"\bprostituted\s+(children|child|youth|teens?|girls?|boys?|minors?)\b", re.I),
        "exploited children / youth",
    ),
    (re.compile(r"\bjohns?\b"), "buyer, sex buyer"),
    (re.compile(r"\bpimps?\b", re.I), "trafficker, exploiter"),
    (re.compile(r"\bchild\s+sex\s+slavery\b", re.I), "child sex trafficking"),
]
NOTE_OPEN = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(admonition|note|tip|important)\}")


@dataclass(frozen=True)
class Finding:
    where: str
    line: int
    term: str
    use_instead: str

    def __str__(self) -> str:
        return (
            f"{self.where}:{self.line}: avoided term {self.term!r} outside a language note; "
            f"use {self.use_instead!r} (or put the quote inside a language note)"
        )


def strip_language_notes(text: str) -> list[tuple[int, str]]:
    """Lines of MyST text, numbered from 1, without those inside a language-note admonition."""
    kept: list[tuple[int, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = NOTE_OPEN.match(lines[i].strip())
        if match:
            fence = match.group("fence")
            end = i + 1
            while end < len(lines) and lines[end].strip() != fence:
                end += 1
            block = lines[i : end + 1]
            if any(re.match(r"\s*:class:.*\bdmst-language-note\b", b) for b in block[:4]):
                i = end + 1
                continue
        kept.append((i + 1, lines[i]))
        i += 1
    return kept


def avoided_terms(text: str, where: str) -> list[Finding]:
    findings = []
    for number, line in strip_language_notes(text):
        line = re.sub(r"\{stat\}`[^`]*`", " ", line)  # ledger keys, not prose
        for pattern, instead in AVOIDED:
            for match in pattern.finditer(line):
                findings.append(Finding(where, number, match.group(0), instead))
    return findings
