"""Every DMST_* environment variable is registered once (dmst.settings) and read through it."""

from __future__ import annotations

import re
from pathlib import Path

from dmst import cli, settings

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"\bDMST_[A-Z][A-Z0-9_]*[A-Z0-9]\b")
SKIP = {".git", ".venv", "_build", "node_modules", "vendor", "__pycache__", ".ipynb_checkpoints"}
SUFFIXES = {".py", ".md", ".yml", ".yaml", ".toml", ".cfg", ".txt", ".sh", ".js", ".ipynb"}
REGISTRY = ROOT / "src" / "dmst" / "settings.py"


def project_files() -> list[Path]:
    found = []
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP or not path.is_file():
            continue
        if path.suffix in SUFFIXES or path.name == "Makefile" or path.parent.name == ".ci":
            found.append(path)
    return found


def names_used() -> dict[str, set[str]]:
    """Each DMST_ name anywhere in the project outside the registry, with the files using it."""
    used: dict[str, set[str]] = {}
    for path in project_files():
        if path in (REGISTRY, Path(__file__).resolve()):
            continue
        for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
            used.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    return used


def test_every_variable_used_is_registered():
    unknown = {n: sorted(f) for n, f in names_used().items() if n not in settings.BY_NAME}
    assert not unknown, f"add these to dmst.settings.SETTINGS: {unknown}"


def test_every_registered_variable_is_used():
    unused = sorted(set(settings.BY_NAME) - set(names_used()))
    assert not unused, f"listed in dmst.settings but used nowhere: {unused}"


def test_every_setting_says_who_sets_it_what_it_does_and_its_default():
    assert len(settings.BY_NAME) == len(settings.SETTINGS)
    for s in settings.SETTINGS:
        assert s.set_by and s.does and s.default, s.name
        assert s.group in settings.GROUPS, s.name


def test_the_package_reads_its_variables_through_the_registry():
    direct = re.compile(r"""(environ\.get|environ\[|getenv)\(?\s*["']DMST_""")
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "src" / "dmst").rglob("*.py")
        if path != REGISTRY and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_an_unregistered_name_is_refused(monkeypatch):
    monkeypatch.setenv("DMST_NO_SUCH_SETTING", "1")
    try:
        settings.flag("DMST_NO_SUCH_SETTING")
    except KeyError as exc:
        assert "dmst.settings" in str(exc)
    else:
        raise AssertionError("an unregistered name was read")


def test_flags_and_paths(monkeypatch, tmp_path):
    monkeypatch.setenv("DMST_RECORD", " Off ")
    assert settings.flag("DMST_RECORD", default=True) is False
    monkeypatch.setenv("DMST_RECORD", "")
    assert settings.flag("DMST_RECORD", default=True) is True
    monkeypatch.setenv("DMST_DROP_DIR", "~/hand-in")
    assert settings.path("DMST_DROP_DIR") == Path.home() / "hand-in"
    monkeypatch.delenv("DMST_DROP_DIR")
    assert settings.path("DMST_DROP_DIR") is None


def test_dmst_settings_prints_the_table_the_book_shows(capsys):
    assert cli.main(["settings"]) == 0
    printed = capsys.readouterr().out
    for s in settings.SETTINGS:
        assert f"| `{s.name}` |" in printed
    page = (ROOT / "book" / "contributors" / "settings.md").read_text(encoding="utf-8")
    assert ":::{dmst-settings}" in page
