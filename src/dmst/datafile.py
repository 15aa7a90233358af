"""Reading YAML content files and checking their fields, so every loader reports errors alike."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from dmst.errors import DataError

# libyaml's C parser when PyYAML was built with it (the wheels are): the same results, ten
# times faster on the banks.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA = Path(__file__).parent / "data"
SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
SAFE_ID_DOTS = re.compile(r"^[a-z0-9][a-z0-9.-]{0,40}$")


# A content file is a few hundred entries; a few-hundred-byte "alias bomb" can expand to billions.
MAX_NODES = 200_000


def load_yaml(path: Path) -> Any:
    """Parse a YAML file strictly, turning every problem into a one-line DataError.

    Syntax errors give the line number. A key written twice in one mapping is an error (plain
    YAML silently keeps the last). Anchors and aliases are allowed only while the document they
    expand to stays small, so a tiny file can never make the build hang.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    except IsADirectoryError:
        raise DataError(path, "is a folder, not a file") from None
    except UnicodeDecodeError:
        raise DataError(path, "is not UTF-8 text") from None
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        raise DataError(path, _yaml_problem(exc)) from None
    if node is None:
        return None
    _check_nodes(path, node)
    try:
        return SafeLoader(text).construct_document(node)
    except yaml.YAMLError as exc:
        raise DataError(path, _yaml_problem(exc)) from None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}" if mark is not None else ""
    reason = getattr(exc, "problem", None) or "invalid YAML"
    return f"is not valid YAML{where}: {reason}"


def _check_nodes(path: Path, root: yaml.Node) -> None:
    """Reject duplicate keys, and aliases that would expand past MAX_NODES."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            raise DataError(path, f"refers to itself through an alias at line {_line(node)}")
        visiting.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        raise DataError(
                            path,
                            f"the key {k.value!r} is written twice in one entry (lines "
                            f"{seen[k.value]} and {_line(k)}); keep one",
                        )
                    seen[k.value] = _line(k)
                total += size(k) + size(v)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(v) for v in node.value)
        visiting.discard(key)
        sizes[key] = total
        if total > MAX_NODES:
            raise DataError(path, "is too large once its YAML aliases (*name) are expanded")
        return total

    size(root)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class Entry:
    """A mapping from a data file; field access that names the file and entry on error."""

    def __init__(self, path: Path, data: Any, entry: str | None) -> None:
        if not isinstance(data, dict):
            raise DataError(path, "must be a mapping of fields", entry=entry)
        self.path, self.data, self.entry = path, data, entry

    def fail(self, field: str | None, problem: str) -> DataError:
        return DataError(self.path, problem, entry=self.entry, field=field)

    def get(
        self, field: str, kind: type | tuple[type, ...], default: Any = ..., *, blank_ok=False
    ) -> Any:
        """``data[field]`` checked against ``kind``; a missing field without default fails."""
        if field not in self.data or self.data[field] is None:
            if default is ...:
                raise self.fail(field, "is missing")
            return default
        value = self.data[field]
        if kind is float:
            kind = (int, float)
        if isinstance(value, bool) and kind in (int, (int, float)):
            raise self.fail(field, f"must be a number, not {value!r}")
        if not isinstance(value, kind):
            raise self.fail(field, f"must be {_kind_name(kind)}, not {type(value).__name__}")
        if isinstance(value, str) and not blank_ok and not value.strip():
            raise self.fail(field, "is empty")
        return value

    def unique(self, value: str, seen: set[str], what: str, field: str = "id") -> str:
        """``value``, noted in ``seen``; fails when another entry (``what``) already has it."""
        if value in seen:
            raise self.fail(field, f"is used by another {what}")
        seen.add(value)
        return value

    def text(self, field: str, default: Any = ...) -> str:
        value = self.get(field, str, default)
        return value.strip() if isinstance(value, str) else value

    def ident(self, field: str, default: Any = ..., *, dots: bool = False) -> str:
        """A name that reaches a page's HTML or script (an element id, a data attribute): only
        lower-case letters, digits and hyphens (and dots where ``dots``), so no quote, space or
        other character can break the page or its script."""
        value = self.text(field, default)
        pattern = SAFE_ID_DOTS if dots else SAFE_ID
        if isinstance(value, str) and not pattern.fullmatch(value):
            allowed = "lower-case letters, digits, hyphens" + (" and dots" if dots else "")
            raise self.fail(field, f"{value!r} must be {allowed} only (like 'step-2')")
        return value

    def text_list(self, field: str, default: Any = ...) -> list[str]:
        value = self.get(field, list, default)
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(field, f"item {i + 1} must be non-empty text")
        return [item.strip() for item in value]

    def unknown_fields(self, allowed: Iterable[str]) -> None:
        extra = sorted(set(self.data) - set(allowed))
        if extra:
            raise self.fail(extra[0], f"is not a known field (known: {', '.join(sorted(allowed))})")


def each_entry(path: Path, data: Any, key: str):
    """Each item of the top-level list ``key`` as an Entry, labelled by its id or position."""
    for index, raw in enumerate(entries(path, data, key)):
        has_id = isinstance(raw, dict) and raw.get("id") is not None
        yield Entry(path, raw, str(raw["id"]) if has_id else f"#{index + 1}")


def entries(path: Path, data: Any, key: str) -> list[Any]:
    """The list under ``key`` at the top of a data file."""
    if not isinstance(data, dict) or key not in data:
        raise DataError(path, f"must have a top-level {key!r} list")
    items = data[key]
    if not isinstance(items, list) or not items:
        raise DataError(path, f"{key!r} must be a non-empty list", field=key)
    return items


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        list: "a list",
        dict: "a mapping",
        int: "a whole number",
        bool: "true or false",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if set(kinds) == {int, float}:
        return "a number"
    return " or ".join(names.get(k, k.__name__) for k in kinds)
