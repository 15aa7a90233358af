"""`make hub`: a DEMONSTRATION JupyterHub on 127.0.0.1, to see a class hub work. Not for learners.

Run by `make hub` (which installs JupyterHub into .venv and the proxy into
deploy/jupyterhub/proxy). Settings come from the environment:

    DMST_HUB_PASSWORD        the shared learners' password (8+ characters; made up if unset)
    DMST_HUB_ADMIN_PASSWORD  the "instructor" account's password (32+; made up if unset)
    DMST_HUB_PORT            where to listen on 127.0.0.1 (default 8000)
    DMST_HUB_STATE           homes, hand-in folder, database (default _build/hub)
    DMST_LESSONS_DIR         the lessons (default: _build/learner if built, else notebooks)

`make hub-check` (hub_check.py) starts the same hub with :func:`start` and drives it.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENV_BIN = Path(sys.executable).parent
# Installed by `make hub` from proxy/package-lock.json, inside .venv (see the Makefile).
PROXY = HERE.parents[1] / ".venv/npm/proxy/node_modules/.bin/configurable-http-proxy"

WARNING = """\
==========================================================================================
 DEMONSTRATION HUB - NOT FOR REAL LEARNERS. It runs on this computer only (127.0.0.1).
 A real class hub must change three things (deploy/jupyterhub/README.md says how):
   - Authenticator: here anyone with the shared password logs in as anyone. Use your
     organisation's single sign-on, or one password per person.
   - Spawner: here every learner's server runs as one and the same Unix user{root},
     so learners are not kept apart. Use one account per learner (TLJH) or one container
     each (Kubernetes).
   - HTTPS: here there is none. A real hub serves HTTPS only.
=========================================================================================="""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lessons_source() -> Path:
    sys.path.insert(0, str(ROOT / "src"))
    from dmst.lessoncopy import lessons_dir

    return lessons_dir(ROOT).resolve()


def environment(state: Path, port: int | None = None, api_token: str | None = None) -> dict:
    """The environment the demo hub reads (demo_config.py), with made-up passwords if unset."""
    state = state.resolve()
    drop = state / "hand-in"
    for folder in (state, state / "homes"):
        folder.mkdir(parents=True, exist_ok=True)
    if not drop.is_dir():
        drop.mkdir(parents=True)
        drop.chmod(0o1733)  # as on a real hub (jupyterhub_config.py): write, not list
    env = dict(os.environ)
    env.setdefault("DMST_HUB_PASSWORD", secrets.token_urlsafe(12))
    env.setdefault("DMST_HUB_ADMIN_PASSWORD", secrets.token_urlsafe(32))
    env.update(
        DMST_HUB_STATE=str(state),
        DMST_HUB_VENV_BIN=str(VENV_BIN),
        DMST_HUB_PROXY=str(PROXY),
        DMST_HUB_PORT=str(port or env.get("DMST_HUB_PORT") or 8000),
        DMST_HUB_INTERNAL_PORT=str(free_port()),
        DMST_HUB_PROXY_API_PORT=str(free_port()),
        DMST_LESSONS_DIR=str(lessons_source()),
        DMST_DROP_DIR=str(drop),
        DMST_COMMAND=str(VENV_BIN / "dmst"),
        CONFIGPROXY_AUTH_TOKEN=secrets.token_hex(32),
    )
    if api_token:
        env["DMST_HUB_API_TOKEN"] = api_token
    if len(env["DMST_HUB_PASSWORD"]) < 8:
        raise SystemExit("DMST_HUB_PASSWORD must have 8 characters or more.")
    if len(env["DMST_HUB_ADMIN_PASSWORD"]) < 32:
        raise SystemExit("DMST_HUB_ADMIN_PASSWORD must have 32 characters or more.")
    return env


def command() -> list[str]:
    return [str(VENV_BIN / "jupyterhub"), "-f", str(HERE / "demo_config.py")]


def start(env: dict, log: Path) -> subprocess.Popen:
    """Start the hub in its own process group, its output in ``log``."""
    if not PROXY.exists():
        raise SystemExit(f"{PROXY} is missing: run `make hub`.")
    with open(log, "ab") as out:
        return subprocess.Popen(
            command(),
            cwd=env["DMST_HUB_STATE"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def banner(env: dict) -> str:
    root = " (root)" if os.getuid() == 0 else ""
    return "\n".join(
        [
            WARNING.format(root=root),
            f" Open http://127.0.0.1:{env['DMST_HUB_PORT']}/ in a browser.",
            f" Learners: any name, shared password {env['DMST_HUB_PASSWORD']}",
            f" Instructor: name 'instructor', password {env['DMST_HUB_ADMIN_PASSWORD']}",
            f" Lessons delivered from {env['DMST_LESSONS_DIR']}",
            f" Homes in {env['DMST_HUB_STATE']}/homes; hand-in folder {env['DMST_DROP_DIR']}",
            " Stop with Ctrl-C (it stops every learner's server too).",
            "=" * 90,
        ]
    )


def main() -> int:
    state = Path(os.environ.get("DMST_HUB_STATE", ROOT / "_build" / "hub"))
    env = environment(state)
    print(banner(env), flush=True)
    if not PROXY.exists():
        print(f"{PROXY} is missing: run `make hub`.", file=sys.stderr)
        return 1
    os.chdir(env["DMST_HUB_STATE"])
    os.execve(command()[0], command(), env)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
