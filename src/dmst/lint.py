"""Content lints: avoided terms outside language notes, the parts every lesson must have, numbers
that do not come from the ledger (in prose, figure code and diagram data), and names of files a
reader cannot find.

Used by the tests; written as plain functions so each rule is tested both ways.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

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


# --- numbers in prose must come from the ledger --------------------------------------------------

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


# --- names of files a reader cannot find ---------------------------------------------------------

# The team's working documents: never named in anything published.
INTERNAL_DOCUMENTS = re.compile(r"\b(SOURCES|CONTENT|DESIGN)\.md\b|\bshared/|\bcontent-review\b")
FILE_NAME = re.compile(
    r"(?<![\w/.~-])(?:\.{1,2}/|/|~/)?(?:[\w.~-]+/)*[\w~-][\w.~-]*"
    r"\.(?:md|ipynb|ya?ml|py|txt|bib|json|toml|cfg|csv|pdf|html)\b"
)
READERS_OWN_FILE = re.compile(r"(?:^|/)(?:your|my|example)[\w.-]*$")  # "/path/to/your-list.yml"
# Files the project's own commands write for the reader: handouts, results files, reports,
# anything under _build/, and the lessons a class hub copies into a learner's lessons/ folder.
MADE_BY_COMMANDS = re.compile(
    r"(?:^|/)(?:[\w-]+\.pdf|dmst-results-[\w<>|.-]*\.json|class-results\.html|paper-tests\.csv)$"
    r"|^(?:\./)?(?:_build|lessons)/"
)


@dataclass(frozen=True)
class FileFinding:
    where: str
    line: int
    name: str

    def __str__(self) -> str:
        return (
            f"{self.where}:{self.line}: names {self.name!r}, which is not a file in the project; "
            "put what the reader needs in the project itself, in its own words"
        )


def project_files(root: Path) -> set[str]:
    """Paths (relative to root) and bare names of the project's files, for unknown_files."""
    skip = {".git", ".venv", "_build", "node_modules", "__pycache__"}
    found: set[str] = set()
    for path in root.rglob("*"):
        if path.is_file() and not skip & set(path.relative_to(root).parts):
            found.add(path.relative_to(root).as_posix())
            found.add(path.name)
    return found


def unknown_files(
    text: str, where: str, known: set[str], here: Path | None = None, root: Path | None = None
) -> list[FileFinding]:
    """File names in published text that are not files in the project, and any mention of the
    team's working documents. A name counts as known if it is a project file's path or name, or
    if it resolves from ``here`` (the folder of the text) to a file under ``root``."""
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in INTERNAL_DOCUMENTS.finditer(line):
            findings.append(FileFinding(where, number, match.group(0)))
        for match in FILE_NAME.finditer(line):
            name = match.group(0)
            if re.match(r"[a-z]+://", line[max(0, match.start() - 12) : match.end()]):
                continue  # part of a web address
            if INTERNAL_DOCUMENTS.search(name):
                continue  # already reported
            if _known_file(name, known, here, root):
                continue
            findings.append(FileFinding(where, number, name))
    return findings


def _known_file(name: str, known: set[str], here: Path | None, root: Path | None) -> bool:
    bare = name.split("#")[0]
    if READERS_OWN_FILE.search(bare) or MADE_BY_COMMANDS.search(bare):
        return True  # the reader's own file, or one a project command writes for them
    if bare in known or bare.lstrip("./") in known:
        return True
    if here is not None and root is not None:
        target = (here / bare).resolve()
        if target.is_file() and target.is_relative_to(root.resolve()):
            return True
    if "/" in bare:
        return any(k.endswith("/" + bare.lstrip("./")) for k in known)
    return False


# --- no answer from layout: balance over the banks and the assessment forms ----------------------


@dataclass(frozen=True)
class Balance:
    """What a test-wise learner could exploit in a group of questions, as displayed."""

    group: str
    positions: tuple[int, ...]  # single choice: right answers at each displayed position
    longest: tuple[str, ...]  # single choice: items whose right answer is the unique longest
    myths: int  # myth-or-fact items whose answer is "myth"
    myth_facts: int
    no_wrong: tuple[str, ...]  # multiple-select items with no wrong option

    @property
    def singles(self) -> int:
        return sum(self.positions)

    @property
    def top_position_share(self) -> float:
        return max(self.positions, default=0) / self.singles if self.singles else 0.0

    @property
    def longest_share(self) -> float:
        return len(self.longest) / self.singles if self.singles else 0.0

    @property
    def myth_share(self) -> float | None:
        return self.myths / self.myth_facts if self.myth_facts else None


def answer_balance(group: str, questions) -> Balance:
    """Count, on the displayed order, the cues a group of questions gives away."""
    positions: list[int] = []
    longest, no_wrong = [], []
    myths = myth_facts = 0
    for q in questions:
        if q.kind == "single":
            at = next(i for i, o in enumerate(q.options) if o.correct)
            positions += [0] * (at + 1 - len(positions))
            positions[at] += 1
            right = len(q.options[at].text)
            if all(len(o.text) < right for o in q.options if not o.correct):
                longest.append(q.id)
        elif q.kind == "myth_fact":
            myth_facts += 1
            myths += next(o.key for o in q.options if o.correct) == "myth"
        elif q.kind == "multiple" and all(o.correct for o in q.options):
            no_wrong.append(q.id)
    return Balance(group, tuple(positions), tuple(longest), myths, myth_facts, tuple(no_wrong))


def curriculum_balance() -> list[Balance]:
    """The lessons' checks together, and each assessment form on its own."""
    from dmst.assessment import items
    from dmst.questions import bank

    groups = [answer_balance("lesson checks", bank().values())]
    for form in sorted({q.form for q in items()}):
        groups.append(answer_balance(f"form {form}", [q for q in items() if q.form == form]))
    return groups


def balance_problems(
    b: Balance, max_position: float, max_longest: float, myth_range: tuple[float, float]
) -> list[str]:
    """Every threshold a group breaks, each as a sentence naming the group and the numbers."""
    problems = []
    if b.singles and b.top_position_share > max_position:
        at = b.positions.index(max(b.positions))
        problems.append(
            f"{b.group}: position {at + 1} holds {max(b.positions)} of {b.singles} single-choice "
            f"right answers ({b.top_position_share:.0%}; at most {max_position:.0%})"
        )
    if b.singles and b.longest_share > max_longest:
        problems.append(
            f"{b.group}: the right answer is the unique longest option in {len(b.longest)} of "
            f"{b.singles} single-choice items ({b.longest_share:.0%}; at most "
            f"{max_longest:.0%}): {', '.join(b.longest)}"
        )
    low, high = myth_range
    if b.myth_share is not None and not low <= b.myth_share <= high:
        problems.append(
            f"{b.group}: {b.myths} of {b.myth_facts} myth-or-fact items are myths "
            f"({b.myth_share:.0%}; between {low:.0%} and {high:.0%})"
        )
    if b.no_wrong:
        problems.append(
            f"{b.group}: multiple-select items with no wrong option: {', '.join(b.no_wrong)}"
        )
    return problems
