"""What every lesson notebook has: its parts (content note, scenario, key points, links, header,
checks, support box), the checks it calls, and glossary links that reach a term."""

from __future__ import annotations

import re
from pathlib import Path

from dmst.notebook import code_cells as notebook_code
from dmst.notebook import markdown_cells as notebook_markdown

# Parts every lesson must have, each found by a marker in the notebook.
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
