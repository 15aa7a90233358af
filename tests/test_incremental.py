"""`make book` after an edit: the edit is on its pages, and only the pages that show it are remade.

A copy of the project is built once (cold), then edited and rebuilt the way an author works:
one question's prompt, one ledger value, then nothing. The copy's own package is imported
(PYTHONPATH), so its data files are the ones read. Build times are measured by `make bench`,
not here; what is tested is what a reader would see, and how much is re-read and rewritten.
Checks and ``{stat}`` figures are filled in as a page is written, so a page that shows an edited
prompt or value is rewritten without being read again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.book


def tracked_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return out.splitlines()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    if not (ROOT / ".git").exists() or not (ROOT / "conf.py").exists():
        pytest.skip("needs the git checkout and conf.py (made by `make book`)")
    copy = tmp_path_factory.mktemp("project")
    for name in [*tracked_files(), "conf.py"]:
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    build(copy)  # cold
    return copy


def build(project: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    env.pop("DMST_STORED_OUTPUTS", None)
    done = subprocess.run(
        [sys.executable, "-m", "dmst", "build"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout + done.stderr


def reread(log: str) -> list[str]:
    """The pages Sphinx read again, from its log."""
    return _pages(log, "reading sources")


def rewritten(log: str) -> list[str]:
    """The pages Sphinx wrote again, from its log."""
    return _pages(log, "writing output")


def _pages(log: str, step: str) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", log).replace("\r", "\n")
    return sorted(set(re.findall(rf"{step}\.\.\. \[ *\d+%\] (\S+)", plain)))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_prompt_is_on_its_page_and_little_else_is_read(project):
    edit(
        project / "src/dmst/data/questions/01-what-is-dmst.yml",
        'prompt: "Which description best fits',
        'prompt: "Edited for the test. Which description best fits',
    )
    log = build(project)
    page = (project / "_build/html/notebooks/01-what-is-dmst.html").read_text(encoding="utf-8")
    assert "Edited for the test. Which description best fits" in page
    assert "notebooks/01-what-is-dmst" in rewritten(log)
    # Only the facilitator notes, whose table of the lesson's checks is made as they are read.
    assert reread(log) == ["book/instructors/lesson-01"], reread(log)
    assert len(rewritten(log)) <= 4, rewritten(log)  # the lesson, its notes, the contents page


def test_an_edited_ledger_value_reaches_the_pages_that_show_it_and_no_others(project):
    ledger = project / "src/dmst/data/ledger.yml"
    edit(ledger, "value: 22326", "value: 22327")
    log = build(project)
    read, written = reread(log), rewritten(log)
    html = project / "_build/html"
    showing = sorted(
        p.relative_to(html).with_suffix("").as_posix()
        for p in html.rglob("*.html")
        if "22,327" in p.read_text(encoding="utf-8")
    )
    assert showing, "the edited value is on no page"
    assert set(showing) <= set(written), "a page showing the value was not rebuilt"
    citations = [
        m.group(1)
        for p in html.rglob("*.html")
        for m in re.finditer(
            r'<span class="dmst-stat dmst-stat-polaris-2019">(.*?)</span>', p.read_text("utf-8")
        )
    ]
    assert any("22,327" in c for c in citations), citations
    assert not any("22,326" in c for c in citations), "a citation still shows the old value"
    # Read again: only the ledger's own page (its table is made as it is read). The lessons that
    # cite the figure are rewritten, not read.
    assert read == ["book/ledger"], read
    assert len(written) <= 6, written  # the pages citing it, not every page citing any figure
    learner = project / "_build/learner"
    assert any("22,327" in p.read_text(encoding="utf-8") for p in learner.glob("*.ipynb"))
    assert any(name.startswith("notebooks/") for name in showing), showing  # a lesson cites it


def test_nothing_changed_reads_nothing(project):
    assert reread(build(project)) == []
