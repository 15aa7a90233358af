"""The learner's private results: recording, progress, export, erase, switch-off, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from dmst import results
from dmst.checks import LiveCheck, save_attempt
from dmst.questions import bank


def first(kind):
    return next(q for q in bank().values() if q.kind == kind)


def test_live_check_records_attempts_with_first_try_flag():
    q = first("single")
    live = LiveCheck(q, on_answer=save_attempt)
    wrong = next(o for o in q.options if not o.correct)
    right = next(o for o in q.options if o.correct)
    live.inputs.value = wrong.key
    live.check_button.click()
    live.retry_button.click()
    live.inputs.value = right.key
    live.check_button.click()
    rows = results.attempts()
    assert [(r["question"], r["answer"], r["correct"], r["first_try"]) for r in rows] == [
        (q.id, wrong.key, 0, 1),
        (q.id, right.key, 1, 0),
    ]
    assert (
        repr(results.progress()) == f"Lesson {q.id.split('.')[0]}: 1 answered, 0 right first time"
    )


def test_numeric_guess_is_stored_as_a_number_not_text():
    q = first("numeric")
    live = LiveCheck(q, on_answer=save_attempt)
    live.inputs.value = "2.5 million"
    live.check_button.click()
    [row] = results.attempts()
    assert row["answer"] == repr(2_500_000.0)


def test_no_free_text_is_ever_recorded():
    with pytest.raises(ValueError):
        results.record("01.1", "my name is Sam and I was hurt", False, 1)
    assert results.attempts() == []


def test_recording_can_be_switched_off(monkeypatch):
    results.set_recording(False)
    assert results.record("01.1", "a", True, 1) is False
    results.set_recording(True)
    monkeypatch.setenv("DMST_RECORD", "0")
    assert results.record("01.1", "a", True, 1) is False
    monkeypatch.delenv("DMST_RECORD")
    assert results.record("01.1", "a", True, 1) is True
    assert len(results.attempts()) == 1


def test_export_is_anonymous_and_complete(tmp_path):
    results.record("01.1", "a", True, 1)
    results.record("01.2", {"a", "c"}, False, 1)
    path = results.export(tmp_path / "out.json")
    data = json.loads(path.read_text())
    assert data["format"] == results.FORMAT and data["version"] == results.FORMAT_VERSION
    assert len(data["learner"]) == 16 and "name" not in json.dumps(data).lower()
    assert [a["answer"] for a in data["attempts"]] == ["a", "a,c"]


def test_erase_removes_everything():
    results.record("01.1", "a", True, 1)
    learner = results.learner_id()
    results.erase()
    assert results.attempts() == [] and not results.db_path().exists()
    assert results.learner_id() != learner


def test_a_failed_save_does_not_break_the_check(monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk is full")

    monkeypatch.setattr(results.store, "record", broken)
    q = first("single")
    live = LiveCheck(q, on_answer=save_attempt)
    live.inputs.value = q.options[0].key
    live.check_button.click()
    assert "could not be saved" in live.feedback.value and "disk is full" in live.feedback.value


WRITER = """
import sys
from dmst import results
print("ready", flush=True)
for i in range(100000):
    results.record("01.1", "a", True, i + 1)
    if i == 20:
        print("twenty", flush=True)
"""


def test_killing_the_kernel_mid_write_loses_nothing_saved():
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    assert proc.stdout.readline().strip() == "twenty"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(results.db_path()) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    saved = results.attempts()
    assert len(saved) >= 21  # every attempt committed before the kill is still there
    assert [r["attempt"] for r in saved] == list(range(1, len(saved) + 1))


def test_pre_assessment_saves_without_teaching_and_post_teaches():
    from functools import partial

    from dmst.assessment import assessment, form_items

    q = next(q for q in form_items("pre") if q.kind == "single")
    assert len(assessment("pre").widget().children) == len(form_items("pre"))
    live = LiveCheck(q, on_answer=partial(save_attempt, context="pre"), reveal=False)
    wrong = next(o for o in q.options if not o.correct)
    live.inputs.value = wrong.key
    live.check_button.click()
    assert "your answer is saved" in live.feedback.value
    assert wrong.feedback not in live.feedback.value  # no teaching before the course
    assert live.check_button.disabled and live.retry_button.disabled
    post = LiveCheck(q, on_answer=partial(save_attempt, context="post"))
    right = next(o for o in q.options if o.correct)
    post.inputs.value = right.key
    post.check_button.click()
    assert "Correct" in post.feedback.value
    rows = results.attempts()
    assert [(r["context"], r["correct"]) for r in rows] == [("pre", 0), ("post", 1)]


def test_assessment_items_cover_every_lesson():
    from dmst.assessment import items
    from dmst.lessons import curriculum

    objectives = curriculum().objectives
    covered = {objectives[q.objective].lesson for q in items()}
    assert covered == {lesson.id for lesson in curriculum().lessons}


def test_results_panel_erases_only_after_confirming():
    results.record("01.1", "a", True, 1)
    box = results.panel().widget()
    _, row1, row2, out = box.children
    show, _, toggle = row1.children
    confirm, erase_button = row2.children
    show.click()
    assert "Lesson 01" in out.value
    erase_button.click()
    assert "Nothing was erased" in out.value and results.attempts()
    confirm.value = True
    erase_button.click()
    assert results.attempts() == []
    toggle.value = False
    assert results.recording() is False and "Recording is off" in out.value


def test_a_self_check_records_ticked_parts_only():
    assert results.record_self_check("04.say", 2, [], 4)
    assert results.record_self_check("04.say", 3, {3, 1}, 4)
    with pytest.raises(ValueError, match="outside the checklist"):
        results.record_self_check("04.say", 1, [4], 4)
    rows = [(r["question"], r["context"], r["answer"], r["correct"]) for r in results.attempts()]
    assert rows == [("04.say.2", "say", "", 0), ("04.say.3", "say", "1,3", 0)]
    progress = repr(results.progress())  # practice is counted apart from the checks
    assert '"What would you say?" practice: 2 answered' in progress and "Lesson" not in progress
