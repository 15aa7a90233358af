"""The dmst command, as an instructor or author types it."""

from __future__ import annotations

import re
import subprocess
import sys

from dmst import cli
from dmst.classroom import SAMPLE_FOLDER


def test_class_results_writes_one_self_contained_page(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert cli.main(["class-results", str(SAMPLE_FOLDER), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"The class report is in {out}" in printed
    page = out.read_text(encoding="utf-8")
    assert "12 learner files read" in page and "Item analysis" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing loaded from afar
    assert '<meta name="referrer" content="no-referrer">' in page


def test_class_results_on_a_missing_folder_is_one_line(tmp_path, capsys):
    assert cli.main(["class-results", str(tmp_path / "nope")]) == 1
    assert (
        capsys.readouterr().out.strip()
        == f"{tmp_path / 'nope'}: no such folder. Give the folder that holds the results files."
    )


def test_the_console_script_is_installed():
    done = subprocess.run(
        [sys.executable, "-m", "dmst.cli", "--help"], capture_output=True, text=True, check=True
    )
    assert "class-results" in done.stdout and "check" in done.stdout


def test_the_makefile_runs_dmst_subcommands_that_exist():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    called = set(re.findall(r"\$\(BIN\)/dmst ([a-z-]+)", makefile))
    choices = next(
        a.choices for a in cli.parser()._subparsers._group_actions if a.dest == "command"
    )
    assert called and called <= set(choices), called - set(choices)
    assert "python -m dmst." not in makefile  # one command, not one module per task
