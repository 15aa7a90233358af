"""`dmst new-lesson`: a new lesson arrives with every part the lints ask for, in place."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from dmst.lessons import check_sections, parse_lessons
from dmst.lint import missing_lesson_parts, uncited_numbers
from dmst.lint.balance import answer_balance, balance_problems
from dmst.questions import parse_bank
from dmst.scaffold import ScaffoldError, new_lesson, unfinished

# The next free lesson number, so the test still passes once a real lesson 09 is added (the
# number CONTRIBUTING.md uses as its example).
_LAST = max(int(lesson.id) for lesson in parse_lessons(ROOT / "src/dmst/data/lessons.yml").lessons)
NEW, PREV = f"{_LAST + 1:02d}", f"{_LAST:02d}"


@pytest.fixture
def project(tmp_path):
    """The parts of the project a new lesson changes, copied."""
    for part in ("notebooks", "book/instructors", "src/dmst/data/questions"):
        (tmp_path / part).mkdir(parents=True)
    shutil.copy(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copy(ROOT / "src/dmst/data/lessons.yml", tmp_path / "src/dmst/data/lessons.yml")
    return tmp_path


def test_a_new_lesson_has_every_part_and_passes_the_lints(project):
    written = new_lesson(NEW, "online-safety", "Online safety", project)
    assert {p.relative_to(project).as_posix() for p in written} == {
        f"notebooks/{NEW}-online-safety.ipynb",
        f"src/dmst/data/questions/{NEW}-online-safety.yml",
        f"book/instructors/lesson-{NEW}.md",
        "src/dmst/data/lessons.yml",
        "_toc.yml",
    }
    course = parse_lessons(project / "src/dmst/data/lessons.yml")
    lesson = course.lesson(NEW)
    assert lesson.minutes == 30 and len(lesson.objectives) == 3
    questions = parse_bank(
        project / f"src/dmst/data/questions/{NEW}-online-safety.yml", set(course.objectives), {}
    )
    from dmst.activities import all_activities
    from dmst.questions import bank

    checks = {**bank(), **{q.id: q for q in questions}}
    check_sections(course, checks, all_activities(), project / "lessons.yml")
    assert {q.objective for q in questions} == {o.id for o in lesson.objectives}
    notebook = project / f"notebooks/{NEW}-online-safety.ipynb"
    assert missing_lesson_parts(notebook, NEW) == []
    text = notebook.read_text(encoding="utf-8") + (project / written[2]).read_text("utf-8")
    assert uncited_numbers(text, "scaffold") == []
    found = balance_problems(answer_balance("scaffold", questions), 0.5, 0.5, (0.0, 1.0))
    assert found == []  # the right option is never the unique longest, and none lacks a wrong one
    toc = (project / "_toc.yml").read_text(encoding="utf-8")
    assert toc.index(f"notebooks/{PREV}-") < toc.index(f"notebooks/{NEW}-online-safety")
    assert toc.index(f"notebooks/{NEW}-online-safety") < toc.index("book/instructors/index")
    assert toc.index(f"book/instructors/lesson-{PREV}") < toc.index(
        f"book/instructors/lesson-{NEW}"
    )


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
    (project / f"book/instructors/lesson-{NEW}.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match=rf"lesson-{NEW}\.md already exists"):
        new_lesson(NEW, "x", "X", project)
    assert (project / f"book/instructors/lesson-{NEW}.md").read_text(encoding="utf-8") == "mine"


def test_dmst_check_names_every_file_still_holding_placeholder_text(project):
    assert unfinished(project) == []
    new_lesson(NEW, "online-safety", "Online safety", project)
    tail = "still holds placeholder text from `dmst new-lesson`: replace it before the lesson is "
    tail += "taught"
    assert unfinished(project) == [
        f"notebooks/{NEW}-online-safety.ipynb (notebook) {tail}",
        f"src/dmst/data/questions/{NEW}-online-safety.yml (question bank) {tail}",
        f"src/dmst/data/lessons.yml (lesson map) {tail}",
        f"book/instructors/lesson-{NEW}.md (facilitator notes) {tail}",
    ]


def test_the_published_lessons_hold_no_placeholder_text():
    assert unfinished(ROOT) == []
