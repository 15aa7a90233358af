"""One error type for bad content files, with a message that names the file, entry and field."""

from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """A content file (question bank, ledger, lesson map, resources) is malformed.

    The message is one line a non-programmer can act on, for example::

        questions/01-what-is-dmst.yml: entry '01.2': field 'options': no option is marked correct
    """

    def __init__(
        self, path: Path | str, problem: str, entry: str | None = None, field: str | None = None
    ) -> None:
        self.path = Path(path)
        self.entry = entry
        self.field = field
        self.problem = problem
        parts = [display_path(self.path)]
        if entry is not None:
            parts.append(f"entry {entry!r}")
        if field is not None:
            parts.append(f"field {field!r}")
        super().__init__(": ".join([*parts, problem]))


def display_path(path: Path) -> str:
    """Show a data file relative to the package data folder or the working folder when possible."""
    path = Path(path)
    for base in (Path(__file__).parent / "data", Path.cwd()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
