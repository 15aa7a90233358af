"""The session planner's rules, as an instructor would check an agenda by hand."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import chromium_path
from dmst import agenda as agenda_module
from dmst import cli
from dmst.errors import DataError
from dmst.lessons import curriculum
from dmst.planner import Agenda, PlanRefused, plan, plan_course
from dmst.sessions import parse_sessions, sessions

SETTINGS = sessions().settings
LIMIT = SETTINGS.longest_without_break
LESSON_SETS = [None, ["01"], ["07", "01"], ["06"], ["08", "05", "03"], ["02", "04", "06", "08"]]
LENGTHS = [*range(30, 200, 7), 240, 300, 360]


def agendas():
    """Every agenda the planner will make for a spread of lengths, lessons and tests."""
    for lessons in LESSON_SETS:
        for form in ("", "short", "full"):
            for minutes in LENGTHS:
                try:
                    yield plan(minutes, lessons, form)
                except PlanRefused:
                    continue


ALL = list(agendas())


def kinds(a: Agenda) -> list[str]:
    return [i.kind for i in a.items]


def test_the_spread_covers_long_and_short_sessions():
    assert len(ALL) > 200
    assert {len(a.lessons) for a in ALL} >= {1, 2, 3, 4}
    assert any(a.minutes > 2 * LIMIT for a in ALL)


def test_every_must_keep_part_of_each_taught_lesson_is_in():
    for a in ALL:
        kept = {(i.lesson, i.section.title) for i in a.items if i.section}
        for lesson_id in a.lessons:
            lesson = curriculum().lesson(lesson_id)
            for section in lesson.teaching_sections:
                if section.keep:
                    assert (lesson_id, section.title) in kept, (a.minutes, lesson_id, section)


def test_every_lesson_opens_with_its_content_note_and_ends_with_its_key_points():
    for a in ALL:
        opened = [i.lesson for i in a.items if i.kind in ("welcome", "content-note")]
        closed = [i.lesson for i in a.items if i.kind in ("key-points", "close")]
        assert opened == list(a.lessons) == closed


def test_every_plan_has_practice():
    for a in ALL:
        assert any(i.practice for i in a.items), a.minutes


def test_no_stretch_runs_longer_than_the_limit_and_long_sessions_have_a_break():
    for a in ALL:
        assert max(a.runs()) <= LIMIT, (a.minutes, a.runs())
        if a.minutes > LIMIT:
            assert "break" in kinds(a), a.minutes
        assert kinds(a)[0] != "break" and kinds(a)[-1] != "break"


def test_exactly_one_welcome_and_one_close():
    for a in ALL:
        assert kinds(a).count("welcome") == 1 and kinds(a)[0] == "welcome"
        assert kinds(a).count("close") == 1 and kinds(a)[-1] == "close"
        assert kinds(a).count("content-note") == len(a.lessons) - 1


@pytest.mark.parametrize("form", ["short", "full"])
def test_pre_and_post_test_when_asked(form):
    a = plan(180, None, form)
    assert kinds(a)[1] == "pre-test" and kinds(a)[-2] == "post-test"
    tests = [i for i in a.items if i.kind.endswith("-test")]
    assert [i.minutes for i in tests] == [SETTINGS.assessment[form]] * 2
    assert all(f"{form} form" in i.title for i in tests)
    assert not {"pre-test", "post-test"} & set(kinds(plan(180)))


def test_the_minutes_add_up_to_the_length():
    for a in ALL:
        assert a.used == a.minutes
        assert [start for start, _ in a.timed()][-1] + a.items[-1].minutes == a.minutes


def test_the_same_request_gives_the_same_agenda():
    for args in ((90,), (180, ["02", "04"], "short"), (61, None, "")):
        assert plan(*args) == plan(*args)
        assert agenda_module.agenda_text(plan(*args)) == agenda_module.agenda_text(plan(*args))


@pytest.mark.parametrize(("lessons", "form"), [(None, ""), (["06"], ""), (None, "short")])
def test_a_too_short_session_is_refused_in_plain_words(lessons, form):
    with pytest.raises(PlanRefused) as info:
        plan(20, lessons, form)
    message = str(info.value)
    shortest = int(re.search(r"takes (\d+) minutes", message).group(1))
    assert message.startswith("20 minutes is too short for a safe session.")
    assert f"Plan at least {shortest} minutes" in message
    assert "content note" in message and "calm close" in message and "always to keep" in message
    assert "\n" not in message and "Traceback" not in message
    plan(shortest, lessons, form)  # the minimum it names really works
    with pytest.raises(PlanRefused):
        plan(shortest - 1, lessons, form)


@pytest.mark.parametrize(
    ("minutes", "lessons", "says"),
    [
        (0, None, "Give the session's length in minutes"),
        (1000, None, "Plan a course of shorter sessions"),
        (60, ["99"], "There is no lesson 99."),
        (60, ["1", "01"], "Lesson 1 is named twice."),
    ],
)
def test_other_requests_it_cannot_plan(minutes, lessons, says):
    with pytest.raises(PlanRefused, match=re.escape(says)):
        plan(minutes, lessons)


def test_lessons_that_do_not_fit_are_named_not_squeezed():
    a = plan(60)
    assert a.lessons == ("01", "07")
    assert a.left_out[-1] == "Not enough time for lessons 4 and 2: teach them in another session."


def test_the_ready_plans_practise_and_rest():
    data = sessions()
    assert {p.minutes for p in data.plans if not p.course} >= {60, 90, 120, 180}
    for ready in data.plans:
        made = (
            agenda_module.course_agendas(ready)
            if ready.course
            else [agenda_module.ready_agenda(ready)]
        )
        for a in made:
            assert any(i.practice for i in a.items), ready.id
            assert a.used == ready.minutes
            if a.minutes > LIMIT:
                assert "break" in kinds(a), ready.id


def test_a_course_is_one_lesson_a_session_with_the_tests_at_either_end():
    course = plan_course(75, None, "short")
    assert [a.lessons for a in course] == [(lesson.id,) for lesson in curriculum().lessons]
    assert "pre-test" in kinds(course[0]) and "post-test" not in kinds(course[0])
    assert "post-test" in kinds(course[-1]) and "pre-test" not in kinds(course[-1])
    assert not any(k.endswith("-test") for a in course[1:-1] for k in kinds(a))


BAD_SESSIONS = """
planner:
  welcome: 5
  content_note: 2
  close: 4
  longest_without_break: 75
  break: 10
  assessment: {full: 40, short: 10}
  lessons: ["01", "07"]
  longest_session: 360
plans:
  - {id: one, title: One, minutes: 60, audience: All}
"""


@pytest.mark.parametrize(
    ("change", "entry", "field", "problem"),
    [
        (('lessons: ["01", "07"]', 'lessons: ["01", "99"]'), "planner", "lessons", "'99' is not"),
        (("break: 10", "break: 0"), "planner", "break", "above 0"),
        (("full: 40", "full: 90"), "planner", "assessment", "fit between two breaks"),
        (("minutes: 60", "minutes: 600"), "one", "minutes", "from 1 to 360"),
        (("audience: All}", "audience: All, assessment: long}"), "one", "assessment", "short"),
    ],
)
def test_bad_session_settings_name_file_entry_and_field(tmp_path, change, entry, field, problem):
    path = tmp_path / "sessions.yml"
    path.write_text(BAD_SESSIONS.replace(*change), encoding="utf-8")
    with pytest.raises(DataError) as info:
        parse_sessions(path, curriculum())
    assert f"sessions.yml: entry '{entry}': field '{field}'" in str(info.value)
    assert problem in str(info.value)


# --- the dmst plan command ------------------------------------------------------------------------


def test_dmst_plan_prints_a_timed_agenda(capsys):
    assert cli.main(["plan", "--minutes", "90", "--start", "13:30"]) == 0
    out = capsys.readouterr().out
    assert "13:30" in out and "15:00" in out and "Break" in out
    assert out.count("Welcome") == 1 and out.count("Close:") == 1


def test_dmst_plan_refuses_in_one_line(capsys):
    assert cli.main(["plan", "--minutes", "20"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("20 minutes is too short for a safe session.") and "\n" not in err


def test_dmst_plan_without_chromium_says_so_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(agenda_module, "chromium", lambda: None)
    pdf = tmp_path / "agenda.pdf"
    assert cli.main(["plan", "--minutes", "60", "--pdf", str(pdf)]) == 1
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "No PDF: printing needs Chromium (Debian/Ubuntu: apt-get install chromium)."
    assert not pdf.exists()


needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="needs Chromium")


@pytest.mark.browser
@needs_chromium
def test_dmst_plan_writes_a_one_page_pdf(tmp_path):
    # A process of its own, as an instructor runs it (and apart from the tests' own browser).
    pdf = tmp_path / "agenda.pdf"
    command = ["plan", "--minutes", "180", "--short-form", "--pdf", str(pdf)]
    done = subprocess.run(
        [sys.executable, "-m", "dmst.cli", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"The agenda is in {pdf}." in done.stdout
    from dmst.handouts import pdf_pages

    assert pdf_pages(pdf.read_bytes()) == 1


@pytest.mark.browser
@needs_chromium
def test_each_ready_plan_prints_on_one_page(tmp_path, browser):
    from dmst.handouts import print_pdfs

    pages = agenda_module.write_ready_pages(tmp_path / "html")
    assert len(pages) == len(sessions().plans)
    made = print_pdfs(pages, tmp_path / "pdf", browser)
    assert [(pdf.name, count) for pdf, count in made] == [
        (f"session-plan-{ready.id}.pdf", 1) for ready in sessions().plans
    ]
