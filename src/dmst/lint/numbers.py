"""Numbers that do not come from the ledger: in prose (a statistic without ``{stat}``), in the
strings of figure code, and in diagram data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Removed before looking for numbers: cited figures, citations, glossary links, code, link targets,
# phone numbers and contact codes (they are resources, not statistics), legal section numbers.
NOT_PROSE = [
    re.compile(r"\{stat\}`[^`]*`"),
    re.compile(r"\{[a-z:]+\}`[^`]*`"),
    re.compile(r"`[^`]*`"),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"^\([\w-]+\)=\s*$", re.M),
    re.compile(r"\b(1-)?\d{3}-[0-9A-Z]{3}-[0-9A-Z]{4}\b"),
    re.compile(r"\b(call|text|dial|tty|texting|calling)(\s+or\s+text)?\s+\d+", re.I),
    re.compile(r"(§+|U\.S\.C\.|P\.L\.|NCJ|No\.|number)\s*[\d-]+(\([a-z0-9]+\))*", re.I),
]
WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
SMALL = rf"(?:{WORD}|a|half\s+a)"
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
PEOPLE = (
    r"(?:youth|young people|children|child|kids|teens|girls|boys|victims|survivors|cases|people)"
)
STATISTIC = [
    (re.compile(r"\d[\d,.]*\s*(%|percent\b|per\s*cent\b)", re.I), "a percentage"),
    (re.compile(r"\b(percent|per\s*cent)\b", re.I), "a percentage in words"),
    (
        re.compile(
            rf"(\d[\d,.]*|\b{SMALL})(\s+and\s+a\s+half)?\s+(million|billion|thousand)\b", re.I
        ),
        "a count in thousands, millions or billions",
    ),
    (re.compile(r"\b(million|billion)s?\b", re.I), "millions or billions"),
    (re.compile(rf"\b(\d+|{SMALL})\s+out\s+(of\s+)?(\d+|{WORD})", re.I), "an 'N out of M'"),
    (
        re.compile(rf"\b(\d+|one)\s+in\s+(\d+|{WORD})\b(?!\s*(years?|months?|days?))", re.I),
        "a '1 in N' share",
    ),
    (re.compile(r"(US)?\$\s?\d|\b\d[\d,.]*\s*(dollars|USD)\b", re.I), "a dollar amount"),
    (re.compile(r"\b\d{1,3}(,\d{3})+(\.\d+)?\b"), "a count over 1,000"),
    (re.compile(r"\b\d{4,}\b"), "a count over 1,000"),
]


@dataclass(frozen=True)
class NumberFinding:
    where: str
    line: int
    text: str
    kind: str
    fix: str = "state it with {stat}`entry:key` from ledger.yml (or leave it out)"

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: {self.kind} {self.text!r} is not cited; {self.fix}"


def uncited_numbers(text: str, where: str) -> list[NumberFinding]:
    """Statistic-like numbers in MyST prose that do not come through the {stat} role."""
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern in NOT_PROSE:
            line = pattern.sub(" ", line)
        for pattern, kind in STATISTIC:
            for match in pattern.finditer(line):
                found = match.group(0)
                if kind == "a count over 1,000" and re.fullmatch(r"\d{4}", found):
                    after = line[match.end() :].lstrip()
                    if YEAR.match(found) and not re.match(PEOPLE, after, re.I):
                        continue  # a year, not a count
                findings.append(NumberFinding(where, number, found.strip(), kind))
    return _dedupe(findings)


def _dedupe(findings: list[NumberFinding]) -> list[NumberFinding]:
    seen: set[tuple[int, str]] = set()
    result = []
    for f in findings:
        key = (f.line, re.sub(r"\D", "", f.text) or f.text.lower())
        if key not in seen:
            seen.add(key)
            result.append(f)
    return result


# --- numbers typed into figures: chart code and diagram data ----------------------------------

FIGURE_FIX = (
    "draw it from the ledger (for example entry.number(key).text()) or compute it; never type it"
)
DIAGRAM_FIX = "write it as {stat}`entry:key` from ledger.yml (or leave it out)"
# Removed before looking for typed numbers: what NOT_PROSE removes, plus a legal title number
# ("22 U.S.C.") and a model jury instruction number.
NOT_FIGURE_TEXT = [
    *NOT_PROSE,
    re.compile(r"\b\d+\s+U\.S\.C\."),
    re.compile(r"\binstruction\s+\d+(\.\d+)?", re.I),
]
BARE_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
AGE_OF_MAJORITY = "18"  # the law's line ("under 18", "18 or older"), not a statistic
# Strings in figure code that style a plot rather than say something: never checked.
STYLE_KEYWORDS = {
    "boxstyle", "capstyle", "color", "colour", "edgecolor", "facecolor", "family", "fmt", "format",
    "ha", "hatch", "linestyle", "loc", "ls", "marker", "max_width", "solid_capstyle", "va",
    "weight", "width",
}  # fmt: skip
HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$")
IDENTIFIER = re.compile(r"^(?=[^:]*[a-z])[a-z0-9][a-z0-9.-]*(:[a-z0-9-]+)?$")  # ledger id or id:key


def typed_numbers(text: str, where: str, fix: str = FIGURE_FIX) -> list[NumberFinding]:
    """Numbers in text that a chart or diagram would print: every statistic the prose lint finds,
    and also any other number that is not a year, the age of 18 or part of a legal citation (an
    age, a count, a percentage written without its sign), because figures draw every number."""
    findings = [
        NumberFinding(f.where, f.line, f.text, f.kind, fix) for f in uncited_numbers(text, where)
    ]
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern in NOT_FIGURE_TEXT:
            line = pattern.sub(" ", line)
        for match in BARE_NUMBER.finditer(line):
            found = match.group(0)
            after = line[match.end() :].lstrip()
            if found == AGE_OF_MAJORITY:
                continue
            if YEAR.match(found) and not re.match(PEOPLE, after, re.I):
                continue
            findings.append(
                NumberFinding(where, number, found, "a number typed into a figure", fix)
            )
    return _dedupe(findings)


def figure_strings(source: str, exempt: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """(line, text) of every string a module could print in a chart, caption, table or alt text:
    string constants and the literal parts of f-strings. Left out: docstrings, error messages,
    f-string format specifications, hex colours, ledger identifiers, values of keyword arguments
    that only style a plot (colour, hatch, box style...), and functions named in ``exempt``."""
    import ast

    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) or (
            isinstance(node, ast.FunctionDef) and node.name in exempt
        ):
            skip.update(id(n) for n in ast.walk(node))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                skip.add(id(value))  # a docstring
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            skip.update(id(n) for n in ast.walk(node.format_spec))
        if isinstance(node, ast.keyword) and node.arg in STYLE_KEYWORDS:
            skip.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in STYLE_KEYWORDS:
                    skip.update(id(n) for n in ast.walk(value))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        text = node.value
        if id(node) in skip or HEX_COLOUR.match(text) or IDENTIFIER.match(text):
            continue
        found.append((node.lineno, text))
    return sorted(found)


def figure_code_numbers(path: Path, exempt: tuple[str, ...] = ()) -> list[NumberFinding]:
    """Numbers typed into the strings of a figure module (see figure_strings)."""
    findings = []
    for line, text in figure_strings(path.read_text(encoding="utf-8"), exempt):
        for f in typed_numbers(text, path.name):
            findings.append(NumberFinding(f.where, line, f.text, f.kind, f.fix))
    return findings


DIAGRAM_TEXT_FIELDS = ("title", "alt", "source", "centre")


def diagram_numbers(path: Path) -> list[NumberFinding]:
    """Numbers typed into a diagram data file's printed text (titles, boxes, alt text, source),
    where a {stat} role is the only way to show a statistic."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    findings = []
    for diagram in data.get("diagrams") or []:
        texts = [str(diagram.get(f) or "") for f in DIAGRAM_TEXT_FIELDS]
        for box in diagram.get("boxes") or []:
            texts += [str(box.get("heading") or ""), str(box.get("body") or "")]
        where = f"{path.name}, diagram {diagram.get('id')!r}"
        for text in texts:
            findings += typed_numbers(text, where, DIAGRAM_FIX)
    return findings
