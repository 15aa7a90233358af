"""Names of files a reader cannot find: every file a published page names must be in the project
(or be the reader's own, or one a project command writes), and the team's working documents are
never named."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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
