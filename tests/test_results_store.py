"""A broken or busy results store never breaks a lesson, and the panel always tells the truth."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from types import SimpleNamespace

import pytest

from dmst import results
from dmst.panel import Panel
from dmst.questions import bank, grade


def panel_parts() -> SimpleNamespace:
    _, row1, row2, out = Panel().widget().children
    show, save, toggle = row1.children
    confirm, erase = row2.children
    return SimpleNamespace(
        show=show, save=save, toggle=toggle, confirm=confirm, erase=erase, out=out
    )


def corrupt_store():
    results.db_path().parent.mkdir(parents=True, exist_ok=True)
    results.db_path().write_bytes(b"this is not a database " * 200)


def test_a_damaged_store_is_named_and_the_panel_still_opens():
    corrupt_store()
    with pytest.raises(results.StoreError, match="is damaged"):
        results.attempts()
    assert "cannot be shown" in repr(results.progress())
    p = panel_parts()
    assert "not being saved" in p.out.value and "damaged" in p.out.value
    assert p.toggle.value is False and p.toggle.description == "Not recording"
    assert p.erase.description == "Erase and start again"
    p.save.click()
    assert "No file was saved" in p.out.value
    p.confirm.value = True
    p.erase.click()
    assert "Everything is erased" in p.out.value
    assert results.record("01.1", "a", True, 1) and len(results.attempts()) == 1


def test_a_data_folder_that_is_a_file_is_explained_and_never_deleted(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("someone's own file", encoding="utf-8")
    monkeypatch.setenv("DMST_DATA_DIR", str(blocker))
    with pytest.raises(results.StoreError, match="is a file, not a folder"):
        results.record("01.1", "a", True, 1)
    with pytest.raises(results.StoreError, match="is a file, not a folder"):
        results.attempts()
    p = panel_parts()
    p.confirm.value = True
    p.erase.click()
    assert "left in place" in p.out.value
    assert blocker.read_text(encoding="utf-8") == "someone's own file"


def test_a_read_only_store_is_explained(monkeypatch):
    results.record("01.1", "a", True, 1)
    real_connect = sqlite3.connect

    def read_only(target, *args, **kwargs):
        conn = real_connect(target, *args, **kwargs)
        if "mode=ro" not in str(target):
            conn.execute("PRAGMA query_only = ON")  # as a read-only file behaves
        return conn

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with pytest.raises(results.StoreError, match="cannot be written"):
        results.record("01.2", "a", True, 1)
    assert len(results.attempts()) == 1  # reads still work: they open read-only


def test_the_check_says_when_an_answer_could_not_be_saved():
    from dmst.checks import LiveCheck, save_attempt

    corrupt_store()
    q = next(q for q in bank().values() if q.kind == "single")
    live = LiveCheck(q, on_answer=save_attempt)
    live.inputs.value = q.options[0].key
    live.check_button.click()
    assert "could not be saved" in live.feedback.value and "damaged" in live.feedback.value


def test_recording_switched_off_by_the_environment_is_shown_as_off(monkeypatch):
    monkeypatch.setenv("DMST_RECORD", "0")
    p = panel_parts()
    assert p.toggle.value is False and p.toggle.disabled
    assert "DMST_RECORD=0" in p.out.value
    assert results.record("01.1", "a", True, 1) is False and results.attempts() == []


def test_erase_removes_the_files_it_exported_and_leaves_others(tmp_path):
    results.record("01.1", "a", True, 1)
    mine = results.export(tmp_path / "mine.json")
    edited = results.export(tmp_path / "edited.json")
    edited.write_text("the learner's own notes", encoding="utf-8")
    assert results.erase() == [
        f"{edited.resolve()} was changed since it was saved, so it was left in place"
    ]
    assert not mine.exists() and edited.exists() and not results.db_path().exists()


def test_erase_works_on_a_damaged_store():
    corrupt_store()
    assert results.erase() == []
    assert not results.db_path().exists()


RACER = """
import sys
from dmst import results
results.record("01.1", "a", True, 1)
print(results.learner_id())
"""


def test_kernels_starting_together_on_a_fresh_folder_agree():
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in outs]
    assert len({out.strip() for out, _ in outs}) == 1  # one learner id
    assert len(results.attempts()) == 4


def estimate():
    return next(q for q in bank().values() if q.kind == "numeric")


def test_an_estimate_counts_as_right_only_near_the_evidence():
    q = estimate()
    n = q.number
    far = grade(q, str(max(n.low / 50, 1)))
    inside = grade(q, str(n.low))
    assert not far.correct and inside.correct
    assert far.estimate and "Your guess" in far.headline


def test_an_estimate_records_how_far_off_it_was():
    from dmst.checks import LiveCheck, save_attempt

    q = estimate()
    live = LiveCheck(q, on_answer=save_attempt)
    live.inputs.value = str(q.number.low / 4)
    live.check_button.click()
    [row] = results.attempts()
    assert row["correct"] == 0 and row["off"] == pytest.approx(0.25)
    assert "0 right first time" in repr(results.progress())


def test_a_huge_guess_is_a_message_not_a_crash():
    from dmst.checks import LiveCheck, save_attempt

    q = estimate()
    live = LiveCheck(q, on_answer=save_attempt)
    live.inputs.value = "9" * 400
    live.check_button.click()
    assert "larger than any count" in live.feedback.value
    assert results.attempts() == []


def test_progress_covers_the_assessments_without_showing_a_pre_score():
    results.record("A.1", "a", False, 1, "pre")
    results.record("A.2", "a", True, 1, "pre")
    results.record("B.1", "a", True, 1, "post")
    text = repr(results.progress())
    assert "Before the course: 2 answered, shown after the course" in text
    assert "After the course: 1 answered, 1 right first time" in text
    assert "No answers" not in text


def test_an_old_store_without_the_new_column_still_reads(tmp_path):
    results.db_path().parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(results.db_path()) as conn:
        conn.executescript(
            "CREATE TABLE attempts (id INTEGER PRIMARY KEY, question TEXT, context TEXT, "
            "answer TEXT, correct INTEGER, attempt INTEGER, first_try INTEGER, at TEXT);"
            "INSERT INTO attempts VALUES (1, '01.1', 'check', 'a', 1, 1, 1, 'x');"
        )
    assert [r["question"] for r in results.attempts()] == ["01.1"]
    results.record("01.2", "a", True, 1)
    data = json.loads(results.export(tmp_path / "x.json").read_text())
    assert [a["question"] for a in data["attempts"]] == ["01.1", "01.2"]
