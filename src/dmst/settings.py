"""Every ``DMST_*`` environment variable, in one place: its name, who sets it, what it does and
its default.

The package reads its variables only through :func:`text`, :func:`flag` and :func:`path`, which
refuse a name that is not listed here; a test checks that every ``DMST_`` name used anywhere in
the project is listed, and that nothing listed is unused. ``dmst settings`` prints the table (the
book's contributor page "Settings" shows it too).

The hub's own configuration files (``deploy/jupyterhub``) run inside JupyterHub, where this
package may not be installed, so they read their variables directly; they are listed here all
the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    set_by: str  # who sets it
    does: str  # what it changes
    default: str  # what happens when it is not set
    group: str  # one of GROUPS


GROUPS = {
    "course": "Instructors and learners",
    "hub": "A class hub (deploy/jupyterhub)",
    "build": "Building, testing and CI",
}

SETTINGS = (
    Setting(
        "DMST_RESOURCES",
        "an instructor",
        "the resources file the book, handouts and slides list: your own help lines, state and "
        "local services (then run `make book`)",
        "src/dmst/data/resources.yml",
        "course",
    ),
    Setting(
        "DMST_DATA_DIR",
        "a learner, or a class hub for each learner",
        "the folder that holds the learner's private results store",
        "the per-user data folder (~/.local/share/dmst on Linux)",
        "course",
    ),
    Setting(
        "DMST_RECORD",
        "a learner or a class hub",
        "0, no, off or false: no answer is recorded on this computer",
        "answers are recorded",
        "course",
    ),
    Setting(
        "DMST_CHROMIUM",
        "anyone who prints",
        "the Chromium program that prints handouts, slides and `dmst plan --pdf`, and that the "
        "browser tests drive",
        "chromium (or chromium-browser) on the PATH, else /usr/bin/chromium",
        "course",
    ),
    Setting(
        "DMST_LESSONS_FILE",
        "an author",
        "a copy of the lesson map to check a draft lesson against",
        "src/dmst/data/lessons.yml",
        "course",
    ),
    Setting(
        "DMST_DROP_DIR",
        "the hub's configuration",
        "the class's hand-in folder: the results panel offers Hand in my results",
        "no hand-in (the panel offers to save a file instead)",
        "hub",
    ),
    Setting(
        "DMST_LESSONS_DIR",
        "the hub's configuration; `make hub` and `make hub-check`",
        "the lessons `dmst copy-lessons` delivers into each learner's home",
        "_build/learner when built, else notebooks/ (the hub's configuration: /srv/dmst/lessons)",
        "hub",
    ),
    Setting(
        "DMST_COMMAND",
        "whoever installs the hub",
        "the `dmst` program the hub runs to copy the lessons when a learner's server starts",
        "/opt/tljh/user/bin/dmst",
        "hub",
    ),
    Setting(
        "DMST_INSTRUCTORS_GROUP",
        "whoever installs the hub",
        "the Unix group of instructors: they read the hand-in folder and get the class-results "
        "notebook",
        "dmst-instructors",
        "hub",
    ),
    Setting(
        "DMST_INSTRUCTOR",
        "the Kubernetes hub's pre-spawn hook (z2jh-values.yaml)",
        "1 on an instructor's server: the lessons copied include the class-results notebook",
        "a learner's server",
        "hub",
    ),
    Setting(
        "DMST_HUB_PASSWORD",
        "you, for `make hub`",
        "the demonstration hub's shared learners' password (8 characters or more)",
        "made up and printed",
        "hub",
    ),
    Setting(
        "DMST_HUB_ADMIN_PASSWORD",
        "you, for `make hub`",
        "the demonstration hub's instructor password (32 characters or more)",
        "made up and printed",
        "hub",
    ),
    Setting(
        "DMST_HUB_PORT",
        "you, for `make hub`",
        "the port the demonstration hub listens on, on 127.0.0.1",
        "8000",
        "hub",
    ),
    Setting(
        "DMST_HUB_STATE",
        "you, for `make hub`",
        "the demonstration hub's homes, hand-in folder and database",
        "_build/hub",
        "hub",
    ),
    Setting(
        "DMST_HUB_KEEP",
        "you, for `make hub-check`",
        "keep the demonstration hub's state folder after the check, to look at it",
        "removed",
        "hub",
    ),
    Setting(
        "DMST_HUB_VENV_BIN",
        "deploy/jupyterhub/demo.py (never by hand)",
        "the demonstration hub's programs folder, passed to its configuration",
        "set by demo.py",
        "hub",
    ),
    Setting(
        "DMST_HUB_PROXY",
        "deploy/jupyterhub/demo.py (never by hand)",
        "the demonstration hub's proxy program",
        "set by demo.py",
        "hub",
    ),
    Setting(
        "DMST_HUB_INTERNAL_PORT",
        "deploy/jupyterhub/demo.py (never by hand)",
        "the demonstration hub's internal port",
        "a free port",
        "hub",
    ),
    Setting(
        "DMST_HUB_PROXY_API_PORT",
        "deploy/jupyterhub/demo.py (never by hand)",
        "the demonstration proxy's API port",
        "a free port",
        "hub",
    ),
    Setting(
        "DMST_HUB_API_TOKEN",
        "deploy/jupyterhub/hub_check.py (never by hand)",
        "the token `make hub-check` drives the demonstration hub with",
        "no API service",
        "hub",
    ),
    Setting(
        "DMST_HUB_RUN",
        "the demonstration hub's configuration (never by hand)",
        "marks every process the demonstration hub starts, so `make hub-check` finds them",
        "set for each learner's server",
        "hub",
    ),
    Setting(
        "DMST_STORED_OUTPUTS",
        "`dmst execute` and the tests (never by hand)",
        "1: outputs are stored as placeholders the book renders from the data",
        "outputs are shown in full, as a learner sees them",
        "build",
    ),
    Setting(
        "DMST_REQUIRE_BROWSER",
        ".ci/run",
        "browser tests fail, rather than skip, when no Chromium is found",
        "they skip, loudly",
        "build",
    ),
    Setting(
        "DMST_REQUIRE_LAB",
        "`make lab-test`",
        "the JupyterLab tests fail, rather than skip, when JupyterLab is missing",
        "they skip",
        "build",
    ),
    Setting(
        "DMST_SLIDES_ALL",
        "`make test-slides`",
        "the slide tests build and check every lesson's deck, not only lesson 01's",
        "lesson 01 only",
        "build",
    ),
    Setting(
        "DMST_SWEEP",
        "`make test-sweep` (a step of CI)",
        "the browser tests visit every page of the book and answer every lesson's checks",
        "a sample: eight pages of every sort, and the checks of lessons 01 and 06",
        "build",
    ),
    Setting(
        "DMST_BENCH_RUNS",
        "you, for `make bench`",
        "how many times each benchmark runs (the median is reported)",
        "3",
        "build",
    ),
    Setting(
        "DMST_AUDIT_PAGES",
        "you, for `make audit`",
        "a comma-separated list of page paths to audit, such as "
        "`book/index.html,notebooks/01-what-is-dmst.html`",
        "every page of the built book",
        "build",
    ),
    Setting(
        "DMST_AUDIT_ROOT",
        "you, for `make audit`",
        "another built folder to audit",
        "_build/html",
        "build",
    ),
)
BY_NAME = {s.name: s for s in SETTINGS}
OFF = ("0", "no", "off", "false")


def _known(name: str) -> str:
    if name not in BY_NAME:
        raise KeyError(f"{name} is not a setting: add it to dmst.settings.SETTINGS")
    return name


def text(name: str, default: str = "") -> str:
    """The variable's value with surrounding spaces removed, or ``default`` when unset or empty."""
    value = os.environ.get(_known(name), "").strip()
    return value or default


def flag(name: str, default: bool = False) -> bool:
    """On when set to anything but 0, no, off or false (in any case); ``default`` when unset."""
    value = text(name)
    if not value:
        return default
    return value.lower() not in OFF


def path(name: str) -> Path | None:
    """The variable as a path (``~`` expanded), or None when unset."""
    value = text(name)
    return Path(value).expanduser() if value else None


def markdown() -> str:
    """The registry as Markdown tables, one per group (what ``dmst settings`` prints)."""
    out = []
    for group, title in GROUPS.items():
        out += [f"## {title}", "", "| Variable | Set by | What it does | When not set |"]
        out.append("| --- | --- | --- | --- |")
        for s in SETTINGS:
            if s.group == group:
                cells = (f"`{s.name}`", s.set_by, s.does, s.default)
                out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
