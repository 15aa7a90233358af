"""`dmst new-lesson`: a new lesson arrives with every part the lints ask for, in place."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from dmst.lessons import check_sections, parse_lessons
from dmst.lint import missing_lesson_parts, uncited_numbers
from dmst.lint.balance import answer_balance, balance_problems
from dmst.questions import parse_bank
from dmst.scaffold import ScaffoldError, new_lesson


@pytest.fixture
def project(tmp_path):
    """The parts of the project a new lesson changes, copied."""
    for part in ("notebooks", "book/instructors", "src/dmst/data/questions"):
        (tmp_path / part).mkdir(parents=True)
    shutil.copy(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copy(ROOT / "src/dmst/data/lessons.yml", tmp_path / "src/dmst/data/lessons.yml")
    return tmp_path


def test_a_new_lesson_has_every_part_and_passes_the_lints(project):
    written = new_lesson("09", "online-safety", "Online safety", project)
    assert {p.relative_to(project).as_posix() for p in written} == {
        "notebooks/09-online-safety.ipynb",
        "src/dmst/data/questions/09-online-safety.yml",
        "book/instructors/lesson-09.md",
        "src/dmst/data/lessons.yml",
        "_toc.yml",
    }
    course = parse_lessons(project / "src/dmst/data/lessons.yml")
    lesson = course.lesson("09")
    assert lesson.minutes == 30 and len(lesson.objectives) == 3
    questions = parse_bank(
        project / "src/dmst/data/questions/09-online-safety.yml", set(course.objectives), {}
    )
    from dmst.activities import all_activities
    from dmst.questions import bank

    checks = {**bank(), **{q.id: q for q in questions}}
    check_sections(course, checks, all_activities(), project / "lessons.yml")
    assert {q.objective for q in questions} == {o.id for o in lesson.objectives}
    notebook = project / "notebooks/09-online-safety.ipynb"
    assert missing_lesson_parts(notebook, "09") == []
    text = notebook.read_text(encoding="utf-8") + (project / written[2]).read_text("utf-8")
    assert uncited_numbers(text, "scaffold") == []
    found = balance_problems(answer_balance("scaffold", questions), 0.5, 0.5, (0.0, 1.0))
    assert found == []  # the right option is never the unique longest, and none lacks a wrong one
    toc = (project / "_toc.yml").read_text(encoding="utf-8")
    assert toc.index("notebooks/08-") < toc.index("notebooks/09-online-safety")
    assert toc.index("notebooks/09-online-safety") < toc.index("book/instructors/index")
    assert toc.index("book/instructors/lesson-08") < toc.index("book/instructors/lesson-09")


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("01", "again", "Again"), "lesson 01 is already in lessons.yml"),
        (("9", "x", "X"), "two digits"),
        (("09", "Online Safety", "X"), "lower-case words joined by hyphens"),
        (("09", "x", 'A "quoted" title'), "without double quotes"),
    ],
)
def test_what_cannot_be_a_new_lesson_is_refused_in_one_line(project, args, problem):
    with pytest.raises(ScaffoldError, match=problem):
        new_lesson(*args, root=project)
    assert not list((project / "notebooks").iterdir())  # nothing half-written


def test_an_existing_file_is_never_overwritten(project):
    (project / "book/instructors/lesson-09.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match=r"lesson-09\.md already exists"):
        new_lesson("09", "x", "X", project)
    assert (project / "book/instructors/lesson-09.md").read_text(encoding="utf-8") == "mine"
