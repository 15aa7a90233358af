"""Where things are: the project's root folder (the repository, or the folder the package was
installed from in editable mode), the package and its data."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parents[1]
DATA = PACKAGE / "data"
CONFIG = ROOT / "_config.yml"  # Jupyter Book's configuration
BUILD = ROOT / "_build"
