"""Plain words for a YAML mistake in the file instructors edit: what is wrong, and the line to
fix, instead of the parser's message."""

from __future__ import annotations

from pathlib import Path

import yaml

from dmst.datafile import load_yaml
from dmst.errors import DataError

INDENTATION = (
    "this line is indented differently from the lines around it. Each entry starts with two "
    'spaces and "- id:"; the fields under it start with four spaces (contacts with six and eight). '
    "Use spaces, not tabs, and line it up with the entry above"
)
COLON = (
    "this line has a colon (:) inside a value. Put the whole value in double quotes, like notes: "
    '"Open 9:00 to 5:00"'
)
YAML_HINTS = [
    (
        ("but found '<scalar>'",),
        "a quotation mark is missing or extra on this line or a line just above it. A value in "
        'quotes starts and ends with " on the same line, with nothing after the closing quote',
    ),
    (
        ("expected <block end>", "did not find expected key", "expected <block mapping start>"),
        INDENTATION,
    ),
    (
        ("mapping values are not allowed here",),
        COLON,
    ),
    (
        ("found character '\\t'", "found a tab character"),
        "this line has a tab. Use spaces to indent",
    ),
    (
        ("could not find expected ':'",),
        'a field name needs a colon after it (like name: "County hotline"), or a quote opened '
        "here is not closed",
    ),
    (
        ("found unexpected end of stream", "while scanning a quoted scalar"),
        'a quotation mark opened here is never closed. Every value that starts with " must end '
        'with "',
    ),
    (
        ("found unknown escape character",),
        "a backslash (\\) inside double quotes. Remove it, or use single quotes",
    ),
    (
        ("expected a comment or a line break", "found unexpected"),
        "there is text after a closing quotation mark. Put the whole value inside the quotes",
    ),
]


def load_plain(path: Path):
    """Load the resources file; a YAML mistake becomes plain words and the line to fix."""
    try:
        return load_yaml(path)
    except DataError as exc:
        raise plain_yaml_error(path, exc) from None


def plain_yaml_error(path: Path, original: DataError) -> DataError:
    try:
        text = Path(path).read_text(encoding="utf-8")
        yaml.safe_load(text)
    except yaml.YAMLError as exc:
        parts = (getattr(exc, "problem", None), getattr(exc, "context", None))
        problem = " ".join(str(p) for p in parts if p)
        mark = getattr(exc, "problem_mark", None)
        if "quoted scalar" in problem or mark is None:
            mark = getattr(exc, "context_mark", None) or mark
        if mark is None:
            return original
        hint = next(
            (words for needles, words in YAML_HINTS if any(n in problem for n in needles)),
            "the file's layout is broken here. Compare this line with the example in the file",
        )
        line_no = mark.line + 1
        lines = text.splitlines()
        shown = lines[mark.line] if mark.line < len(lines) else ""
        value = shown.split(":", 1)[1] if ":" in shown else ""
        if hint == COLON and ":" not in value:
            hint = INDENTATION  # a field pushed in under the one above it
        return DataError(
            path, f"line {line_no} needs fixing: {hint}. Line {line_no} reads: {shown.rstrip()!r}"
        )
    except (OSError, UnicodeDecodeError):
        return original
    return original
