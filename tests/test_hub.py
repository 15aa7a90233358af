"""The class hub: handing in through the results panel, lessons copied into homes, the deployment
files. The whole hub, end to end, is `make hub-check` (deploy/jupyterhub/hub_check.py)."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import sys
import types
from pathlib import Path

import pytest
import yaml

from dmst import results
from dmst.classfiles import load_folder
from dmst.lessoncopy import copy_lessons, lessons_dir
from dmst.panel import Panel

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"


@pytest.fixture
def learner(tmp_path, monkeypatch):
    """A learner on a hub: a results store in their home and a class hand-in folder."""
    home = tmp_path / "home" / "jupyter-ada"
    drop = tmp_path / "hand-in"
    drop.mkdir(parents=True)
    drop.chmod(0o3773)
    monkeypatch.setenv("DMST_DATA_DIR", str(home / ".local" / "share" / "dmst"))
    monkeypatch.setenv("DMST_DROP_DIR", str(drop))
    monkeypatch.delenv("DMST_RECORD", raising=False)
    results.record("01.1", "a", True, 1)
    return types.SimpleNamespace(home=home, drop=drop)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def _button(root, name):
    return next(w for w in _walk(root) if getattr(w, "description", None) == name)


def _said(root):
    import ipywidgets as w

    return " ".join(x.value for x in _walk(root) if isinstance(x, w.HTML))


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o000])
def test_hand_in_writes_one_anonymous_file_the_group_can_read(learner, umask):
    old = os.umask(umask)
    try:
        path = results.hand_in()
    finally:
        os.umask(old)
    assert path.parent == learner.drop
    assert path.name == f"dmst-results-{results.learner_id()}.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # whatever the learner's umask
    text = path.read_text(encoding="utf-8")
    assert "jupyter-ada" not in text and str(learner.home) not in text
    assert json.loads(text)["attempts"][0]["question"] == "01.1"
    assert [p.name for p in learner.drop.iterdir()] == [path.name]  # no temporary file left


def test_handing_in_again_replaces_the_earlier_copy(learner):
    first = results.hand_in()
    results.record("01.2", "b", False, 1)
    second = results.hand_in()
    assert first == second and len(list(learner.drop.iterdir())) == 1
    assert len(json.loads(second.read_text(encoding="utf-8"))["attempts"]) == 2


def test_hand_in_says_what_is_wrong(learner, monkeypatch):
    monkeypatch.setenv("DMST_DROP_DIR", str(learner.drop / "missing"))
    with pytest.raises(results.StoreError, match=r"hand-in folder .*missing does not exist"):
        results.hand_in()
    monkeypatch.delenv("DMST_DROP_DIR")
    with pytest.raises(results.StoreError, match="no hand-in folder"):
        results.hand_in()


def test_nothing_is_handed_in_before_any_answer(learner):
    results.erase()
    root = Panel().widget()
    _button(root, "Hand in my results").click()
    assert "Nothing was handed in: there are no answers to hand in yet." in _said(root)
    assert list(learner.drop.iterdir()) == []


def test_erasing_takes_the_handed_in_copy_back(learner):
    path = results.hand_in()
    assert results.erase() == []
    assert not path.exists()


def test_panel_offers_hand_in_only_where_a_hand_in_folder_is_set(learner, monkeypatch):
    root = Panel().widget()
    assert "your own folder on this server" in _said(root)
    _button(root, "Hand in my results").click()
    assert "Handed in as dmst-results-" in _said(root)
    assert len(list(learner.drop.glob("dmst-results-*.json"))) == 1

    monkeypatch.delenv("DMST_DROP_DIR")
    root = Panel().widget()
    assert "Hand in my results" not in [getattr(w, "description", "") for w in _walk(root)]
    assert "kept only on this computer" in _said(root)


def test_panel_says_when_nothing_was_handed_in(learner, monkeypatch):
    monkeypatch.setenv("DMST_DROP_DIR", str(learner.drop / "gone"))
    root = Panel().widget()
    _button(root, "Hand in my results").click()
    assert "Nothing was handed in: the hand-in folder" in _said(root)


def test_a_hand_in_folder_a_learner_cannot_list_is_reported_not_fatal(tmp_path, monkeypatch):
    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    found = load_folder(tmp_path)
    assert found.learners == []
    assert found.problems == [f"{tmp_path}: cannot be read (Permission denied)."]


def test_class_results_notebook_reads_the_hand_in_folder(learner):
    from dmst.classroom import class_report

    results.hand_in()
    assert results.drop_dir() == learner.drop
    assert len(class_report(results.drop_dir()).results.learners) == 1
    from dmst.classpanel import ClassResultsPanel, book_html

    assert "1 learner file read" in book_html()  # the notebook's panel opens on the folder
    folder_field = ClassResultsPanel().widget().children[1]
    assert folder_field.value == str(learner.drop)


# --- Lessons reach each learner's home ---------------------------------------------------------
@pytest.fixture
def lessons(tmp_path):
    src = tmp_path / "lessons-src"
    (src / "images").mkdir(parents=True)
    for name in ("01-what-is-dmst.ipynb", "assessment-pre.ipynb", "class-results.ipynb"):
        (src / name).write_text("{}", encoding="utf-8")
    (src / "images" / "a.png").write_bytes(b"png")
    (src / ".ipynb_checkpoints").mkdir()
    (src / ".ipynb_checkpoints" / "x.ipynb").write_text("{}", encoding="utf-8")
    return src


def test_copy_lessons_never_overwrites_a_learners_work(lessons, tmp_path):
    dest = tmp_path / "home" / "lessons"
    copied = copy_lessons(lessons, dest)
    names = sorted(p.relative_to(dest).as_posix() for p in copied)
    assert names == ["01-what-is-dmst.ipynb", "assessment-pre.ipynb", "images/a.png"]
    (dest / "01-what-is-dmst.ipynb").write_text("my answers", encoding="utf-8")
    (dest / "assessment-pre.ipynb").unlink()
    assert [p.name for p in copy_lessons(lessons, dest)] == ["assessment-pre.ipynb"]
    assert (dest / "01-what-is-dmst.ipynb").read_text(encoding="utf-8") == "my answers"
    assert [p.name for p in copy_lessons(lessons, dest, instructor=True)] == ["class-results.ipynb"]


def test_copy_lessons_follows_no_link_in_the_home(lessons, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    dest = tmp_path / "home" / "lessons"
    dest.mkdir(parents=True)
    (dest / "images").symlink_to(elsewhere)
    (dest / "01-what-is-dmst.ipynb").symlink_to(elsewhere / "target")
    copy_lessons(lessons, dest)
    assert list(elsewhere.iterdir()) == []


def test_copy_lessons_command(lessons, tmp_path):
    from dmst.cli import main

    assert main(["copy-lessons", str(lessons), str(tmp_path / "l")]) == 0
    assert main(["copy-lessons", str(tmp_path / "none"), str(tmp_path / "l")]) == 1


def test_lessons_dir_prefers_the_learner_edition(tmp_path, monkeypatch):
    monkeypatch.delenv("DMST_LESSONS_DIR", raising=False)
    assert lessons_dir(tmp_path) == tmp_path / "notebooks"
    (tmp_path / "_build" / "learner").mkdir(parents=True)
    assert lessons_dir(tmp_path) == tmp_path / "notebooks"  # empty: not built yet
    (tmp_path / "_build" / "learner" / "01.ipynb").write_text("{}", encoding="utf-8")
    assert lessons_dir(tmp_path) == tmp_path / "_build" / "learner"
    monkeypatch.setenv("DMST_LESSONS_DIR", str(tmp_path / "x"))
    assert lessons_dir(tmp_path) == tmp_path / "x"


# --- The one-server config's pre-spawn hook, with a stand-in spawner ---------------------------
def _load_config(monkeypatch, tmp_path, lessons):
    from traitlets.config import Config

    monkeypatch.setenv("DMST_LESSONS_DIR", str(lessons))
    monkeypatch.setenv("DMST_DROP_DIR", str(tmp_path / "srv" / "hand-in"))
    monkeypatch.setenv("DMST_COMMAND", str(Path(sys.executable).parent / "dmst"))
    monkeypatch.setenv("DMST_INSTRUCTORS_GROUP", "dmst-test-no-such-group")
    config = Config()
    namespace = {"get_config": lambda: config, "__file__": str(DEPLOY / "jupyterhub_config.py")}
    code = (DEPLOY / "jupyterhub_config.py").read_text(encoding="utf-8")
    exec(compile(code, "jupyterhub_config.py", "exec"), namespace)
    return config, namespace


def _run(coroutine):
    """Run the hook as the hub would, in a thread of its own (other tests may leave a loop)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _spawner(home, admin=False):
    import logging

    user = types.SimpleNamespace(name="ada", admin=admin, groups=[])
    return types.SimpleNamespace(
        user=user, home_dir=str(home), environment={"KEEP": "1"}, log=logging.getLogger("test")
    )


def test_one_server_config_sets_the_store_and_copies_lessons(monkeypatch, tmp_path, lessons):
    config, _ = _load_config(monkeypatch, tmp_path, lessons)
    assert config.Spawner.default_url == "/lab/tree/lessons"
    drop = tmp_path / "srv" / "hand-in"
    if os.getuid() == 0:  # the hub runs as root: it makes the folder, learners write only
        assert stat.S_IMODE(drop.stat().st_mode) == 0o1733
    home = tmp_path / "homes" / "ada"
    spawner = _spawner(home)
    _run(config.Spawner.pre_spawn_hook(spawner))
    assert spawner.environment == {
        "KEEP": "1",
        "DMST_DATA_DIR": f"{home}/.local/share/dmst",
        "DMST_DROP_DIR": str(drop),
    }
    assert sorted(p.name for p in (home / "lessons").iterdir()) == [
        "01-what-is-dmst.ipynb",
        "assessment-pre.ipynb",
        "images",
    ]
    admin = _spawner(tmp_path / "homes" / "instructor", admin=True)
    _run(config.Spawner.pre_spawn_hook(admin))
    assert (tmp_path / "homes" / "instructor" / "lessons" / "class-results.ipynb").exists()


def test_a_failed_lesson_copy_never_blocks_the_server(monkeypatch, tmp_path, lessons, caplog):
    config, _ = _load_config(monkeypatch, tmp_path, tmp_path / "no-lessons")
    spawner = _spawner(tmp_path / "homes" / "bo")
    _run(config.Spawner.pre_spawn_hook(spawner))
    assert "DMST lessons not copied for ada" in caplog.text
    assert spawner.environment["DMST_DROP_DIR"]


def test_demo_says_it_is_a_demo_and_what_a_real_hub_changes():
    sys.path.insert(0, str(DEPLOY))
    try:
        import demo
    finally:
        sys.path.remove(str(DEPLOY))
    text = demo.WARNING + (DEPLOY / "demo_config.py").read_text(encoding="utf-8")
    for words in ("NOT FOR REAL LEARNERS", "Authenticator", "Spawner", "HTTPS", "127.0.0.1"):
        assert words in text
    assert 'load_subconfig(str(HERE / "jupyterhub_config.py"))' in text  # the class settings


# --- Deployment files ---------------------------------------------------------------------------
def test_z2jh_values_hand_in_and_lessons_agree():
    values = yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text(encoding="utf-8"))
    single = values["singleuser"]
    drop = single["extraEnv"]["DMST_DROP_DIR"]
    mounts = {m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    assert drop in mounts
    assert single["extraEnv"]["DMST_DATA_DIR"].startswith(
        single.get("storage", {}).get("homeMountPath", "/home/jovyan")
    )
    hook = " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "copy-lessons" in hook and "|| true" in hook
    assert values["proxy"]["https"]["enabled"] is True
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] not in (
        "dummy",
        "shared-password",
        "null",
    )


def test_learner_image_is_built_from_the_pinned_requirements():
    binder = ROOT / "binder"
    lines = (binder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    included = [line.split()[1] for line in lines if line.startswith("-r ")]
    assert included == ["../requirements.txt", "../requirements-lab.txt", "../requirements-hub.txt"]
    assert all((binder / path).is_file() for path in included)
    assert all("==" in line for line in lines if line and not line.startswith(("#", "-r")))
    assert (binder / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    assert os.access(binder / "postBuild", os.X_OK)
    hub = (ROOT / "requirements-hub.txt").read_text(encoding="utf-8")
    assert "jupyterhub==5." in hub  # the series TLJH and the Z2JH chart 4.x run


def test_proxy_is_pinned_in_the_lock_file():
    package = json.loads((DEPLOY / "proxy" / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((DEPLOY / "proxy" / "package-lock.json").read_text(encoding="utf-8"))
    pinned = package["dependencies"]["configurable-http-proxy"]
    assert pinned[0].isdigit()  # an exact version, no range
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == pinned


def test_book_launch_button_is_off_by_default():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["launch_buttons"]["jupyterhub_url"] == ""
