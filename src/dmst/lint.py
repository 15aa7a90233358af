"""Content lints: avoided terms outside language notes, and the parts every lesson must have.

Used by the tests; written as plain functions so each rule is tested both ways.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

# CONTENT.md's avoided terms. "john" is matched in lower case only, so a person named John passes.
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
        for pattern, instead in AVOIDED:
            for match in pattern.finditer(line):
                findings.append(Finding(where, number, match.group(0), instead))
    return findings


def notebook_markdown(path: Path) -> list[tuple[int, str]]:
    """(cell number, source) of every markdown cell in a notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        (i + 1, "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "markdown"
    ]


def notebook_code(path: Path) -> list[tuple[int, str, list[str]]]:
    """(cell number, source, tags) of every code cell in a notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    result = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            result.append((i + 1, source, cell.get("metadata", {}).get("tags", [])))
    return result


# Parts CONTENT.md requires of every lesson, each found by a marker in the notebook.
LESSON_PARTS = {
    "content note": r":class:\s*dmst-content-note",
    "scenario": r":class:\s*dmst-scenario",
    "key points": r":class:\s*dmst-key-points",
    "facilitator notes link": r"\]\(\.\./book/instructors/lesson-\d{2}\.md\)",
    "glossary link": r"\{term\}`",
}


def missing_lesson_parts(path: Path, lesson_id: str) -> list[str]:
    markdown = "\n".join(src for _, src in notebook_markdown(path))
    code = [(src, tags) for _, src, tags in notebook_code(path)]
    missing = [name for name, pattern in LESSON_PARTS.items() if not re.search(pattern, markdown)]
    if not markdown.lstrip().startswith("# "):
        missing.append("title heading first")
    elif markdown.find(":class: dmst-content-note") > markdown.find("\n## "):
        missing.append("content note before the first section")
    if not any(f'header("{lesson_id}")' in src for src, _ in code):
        missing.append(f'objectives and time (header("{lesson_id}"))')
    if not any(re.search(r'\bcheck\("\d{2}\.\d+"\)', src) for src, _ in code):
        missing.append("knowledge checks")
    support = [tags for src, tags in code if "support_box()" in src]
    if not support or "remove-cell" not in support[-1]:
        missing.append("support box cell (tagged remove-cell)")
    return missing


def checks_in(path: Path) -> list[str]:
    """Question ids called with check("..") in a notebook, in order."""
    return [
        qid for _, src, _ in notebook_code(path) for qid in re.findall(r'check\("([^"]+)"\)', src)
    ]


def glossary_terms(glossary: Path) -> set[str]:
    """Headwords of the Sphinx glossary directive in the glossary page."""
    text = glossary.read_text(encoding="utf-8")
    block = re.search(r":::\{glossary\}\n(.*?)\n:::", text, re.S)
    if not block:
        return set()
    return {
        line.strip().lower()
        for line in block.group(1).splitlines()
        if line and not line[0].isspace()
    }


def term_links(text: str) -> list[str]:
    """Targets of {term} roles: {term}`grooming` and {term}`groomed <grooming>`."""
    targets = []
    for body in re.findall(r"\{term\}`([^`]+)`", text):
        match = re.search(r"<([^>]+)>\s*$", body)
        targets.append((match.group(1) if match else body).strip().lower())
    return targets
