"""What the tools outside Sphinx read from the book's ``_config.yml``: the book's title and the
options under ``sphinx: config:`` (its published address, the quick-exit target)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dmst.datafile import load_yaml
from dmst.paths import CONFIG


def book_config(config: Path = CONFIG) -> dict[str, Any]:
    """``_config.yml`` as a mapping (empty when the file is empty)."""
    data = load_yaml(config)
    return data if isinstance(data, dict) else {}


def sphinx_option(name: str, default: Any = None, config: Path = CONFIG) -> Any:
    """One of the book's own options, under ``sphinx: config:``, or ``default`` when unset."""
    options = (book_config(config).get("sphinx") or {}).get("config") or {}
    return options.get(name, default)
