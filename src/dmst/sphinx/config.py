"""The extension's configuration values and their checks, one ``config-inited`` handler each.

A mistake in ``_config.yml`` or in a content file stops the build as a Sphinx ``ConfigError``:
one line naming the setting, or the file, entry and field.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from dmst.errors import DataError

PACKAGE = Path(__file__).resolve().parents[1]  # dmst/
STATIC = Path(__file__).resolve().parent / "static"


def add_config_values(app: Sphinx) -> None:
    # Where Quick exit (the button, or Escape twice) takes the reader.
    app.add_config_value("dmst_quick_exit_url", "https://www.weather.gov/", "env", str)
    # The published book's address: the learner edition's links to book pages go there (see
    # dmst.learner). Not used by the pages themselves.
    app.add_config_value("dmst_book_url", "", "env", str)
    # Set at config-inited, never by hand: see code_fingerprint().
    app.add_config_value("dmst_code_fingerprint", "", "env", str)


def check_quick_exit_url(app: Sphinx, config: Config) -> None:
    url = config.dmst_quick_exit_url
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ConfigError(
            f"_config.yml: sphinx.config.dmst_quick_exit_url must be a full https:// address "
            f"(for example https://www.weather.gov/), not {url!r}"
        )


def check_content(app: Sphinx, config: Config) -> None:
    """Load every content file, so a mistake stops the build with one clear message."""
    from dmst.validate import check_data

    try:
        check_data()
    except DataError as exc:
        raise ConfigError(f"a content file needs fixing: {exc}") from None


def code_fingerprint() -> str:
    """A hash of the package's code, stored as a config value Sphinx compares between builds.

    Changed code can change any page, so it re-reads them all. Changed *data* re-reads only the
    pages made from it: each page notes the data files it used (see dmst.bookrender and the
    directives), so an edited question or ledger value rebuilds its own pages and nothing else.
    The extension's static files change no page's content: Sphinx copies them (see
    dmst.theme.copy_changed_static_files).
    """
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        parts = path.relative_to(PACKAGE).parts
        if (
            path.is_file()
            and parts[0] != "data"
            and "__pycache__" not in parts
            and not path.is_relative_to(STATIC)
        ):
            digest.update("/".join(parts).encode() + path.read_bytes())
    return digest.hexdigest()


def set_code_fingerprint(app: Sphinx, config: Any) -> None:
    config.dmst_code_fingerprint = code_fingerprint()


def setup(app: Sphinx) -> None:
    add_config_values(app)
    app.connect("config-inited", check_quick_exit_url)
    app.connect("config-inited", check_content)
    app.connect("config-inited", set_code_fingerprint)
