"""`make hub-check`: a whole class on the demonstration hub, end to end, then everything stopped.

1. Starts the demo hub (demo.py, demo_config.py) on free ports of 127.0.0.1, state in a
   temporary folder, an admin API token made up for this run.
2. Creates three learners through the REST API, logs each in through the hub's log-in form
   (the shared password), gets them a token, and starts their servers.
3. In each learner's server, through the Jupyter REST and websocket APIs: runs lesson 01 as
   delivered to their home, answers its checks, then the pre and post assessment in a second
   kernel (a second notebook), each learner differently, and presses "Hand in my results".
4. Runs the class report over the hand-in folder (`dmst class-results` and the class-results
   notebook) and checks it reads exactly three learners, with the per-objective rates the
   answers imply, and that no hub user name is in any handed-in file.
5. Prints memory and start-up times per learner, stops the hub and every process it started,
   and exits 0; on any failure, a message saying what failed, the hub log's end, and exit 1.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests
import websocket

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

import demo

HERE = Path(__file__).resolve().parent
ACTIONS = (HERE / "learner_actions.py").read_text(encoding="utf-8")
LEARNERS = ("ada-hubcheck", "bo-hubcheck", "cy-hubcheck")
LESSON = "01-what-is-dmst.ipynb"


class Failure(Exception):
    """What failed, in one sentence."""


# --- Each learner answers differently: who gets which item right -------------------------------
def planned(learner: int, context: str, item: int) -> bool:
    if context == "check":
        return (item + learner) % 3 != 0
    if context == "pre":
        return (item % 2 == 0, item % 3 == 0, False)[learner]
    return (True, item % 4 != 0, item % 2 == 0)[learner]


def expected_rates(items: list, context: str) -> dict[str, float]:
    """Per objective: the share of first tries planned right, over all three learners."""
    tally: dict[str, list[int]] = {}
    for learner in range(len(LEARNERS)):
        for index, q in enumerate(items):
            tally.setdefault(q.objective, []).append(int(planned(learner, context, index)))
    return {objective: sum(v) / len(v) for objective, v in tally.items()}


# --- Talking to the hub and the learners' servers ----------------------------------------------
@dataclass
class Learner:
    name: str
    index: int
    token: str = ""
    session: requests.Session = field(default_factory=requests.Session)
    timings: dict[str, float] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)
    learner_id: str = ""
    home: str = ""


class Hub:
    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.admin = {"Authorization": f"token {token}"}

    def api(self, method: str, path: str, token: str | None = None, **kw) -> requests.Response:
        headers = {"Authorization": f"token {token}"} if token else self.admin
        return requests.request(
            method, f"{self.base}/hub/api{path}", headers=headers, timeout=30, **kw
        )

    def wait_up(self, hub: subprocess.Popen, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if hub.poll() is not None:
                raise Failure(f"the hub exited at start (code {hub.returncode})")
            try:
                if requests.get(f"{self.base}/hub/api/", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise Failure(f"the hub did not answer on {self.base} within {seconds:.0f} s")

    def create(self, name: str) -> None:
        r = self.api("POST", f"/users/{name}")
        if r.status_code != 201:
            raise Failure(f"creating {name} through the REST API: {r.status_code} {r.text[:200]}")

    def log_in(self, learner: Learner, password: str) -> None:
        """The hub's own log-in form, then a token made by the logged-in learner."""
        s = learner.session
        s.get(f"{self.base}/hub/login", timeout=30).raise_for_status()
        r = s.post(
            f"{self.base}/hub/login",
            data={"username": learner.name, "password": password, "_xsrf": s.cookies.get("_xsrf")},
            allow_redirects=False,
            timeout=30,
        )
        if r.status_code != 302:
            raise Failure(
                f"{learner.name} could not log in with the shared password ({r.status_code})"
            )
        s.get(f"{self.base}/hub/token", timeout=30)  # a page: refreshes the session's _xsrf
        r = s.post(
            f"{self.base}/hub/api/users/{learner.name}/tokens",
            json={"note": "hub-check", "expires_in": 3600},
            headers={"X-XSRFToken": s.cookies.get("_xsrf", "")},
            timeout=30,
        )
        if r.status_code != 201:
            raise Failure(
                f"{learner.name}, logged in, could not get a token: {r.status_code} {r.text[:200]}"
            )
        learner.token = r.json()["token"]

    def spawn(self, learner: Learner, seconds: float = 180) -> None:
        start = time.monotonic()
        r = self.api("POST", f"/users/{learner.name}/server", token=learner.token)
        if r.status_code not in (201, 202):
            raise Failure(f"starting {learner.name}'s server: {r.status_code} {r.text[:200]}")
        while time.monotonic() - start < seconds:
            info = self.api("GET", f"/users/{learner.name}", token=learner.token).json()
            server = (info.get("servers") or {}).get("")
            if server and server.get("ready"):
                learner.timings["spawn to ready"] = time.monotonic() - start
                return
            time.sleep(0.2)
        raise Failure(f"{learner.name}'s server was not ready after {seconds:.0f} s")


class Kernel:
    """One kernel in a learner's server, through the Jupyter REST and websocket APIs."""

    def __init__(self, hub: Hub, learner: Learner) -> None:
        self.learner = learner
        root = f"{hub.base}/user/{learner.name}/api"
        auth = {"Authorization": f"token {learner.token}"}
        start = time.monotonic()
        r = requests.post(f"{root}/kernels", json={"name": "python3"}, headers=auth, timeout=60)
        if r.status_code != 201:
            raise Failure(f"{learner.name}: starting a kernel: {r.status_code} {r.text[:200]}")
        self.id = r.json()["id"]
        self.session = uuid.uuid4().hex
        ws_url = root.replace("http://", "ws://") + f"/kernels/{self.id}/channels"
        self.ws = websocket.create_connection(
            f"{ws_url}?session_id={self.session}",
            header=[f"Authorization: token {learner.token}"],
            timeout=180,
        )
        self.request("kernel_info_request", {})
        self.started = time.monotonic() - start

    def send(self, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "session": self.session,
            "username": self.learner.name,
            "version": "5.3",
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        self.ws.send(
            json.dumps(
                {
                    "header": header,
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        return msg_id

    def request(self, msg_type: str, content: dict) -> dict:
        msg_id = self.send(msg_type, content)
        while True:
            frame = self.ws.recv()
            if isinstance(frame, bytes):
                continue  # messages with binary buffers (widget state): not ours
            msg = json.loads(frame)
            if msg.get("parent_header", {}).get("msg_id") == msg_id and msg["channel"] == "shell":
                return msg

    def run(self, code: str, what: str) -> str:
        """Execute code; return its printed output; Failure with the traceback on an error."""
        msg_id = self.send(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": False,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        out, error, replied, idle = [], None, False, False
        while not (replied and idle):
            frame = self.ws.recv()
            if isinstance(frame, bytes):
                continue
            msg = json.loads(frame)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "stream" and msg["content"]["name"] == "stdout":
                out.append(msg["content"]["text"])
            elif kind == "error":
                error = msg["content"]
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        if error:
            trace = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error["traceback"][-3:]))
            raise Failure(f"{self.learner.name}: {what} failed in the kernel:\n{trace}")
        return "".join(out)

    def result(self, code: str, what: str) -> dict:
        for line in self.run(code, what).splitlines():
            if line.startswith("DMST-RESULT "):
                return json.loads(line.removeprefix("DMST-RESULT "))
        raise Failure(f"{self.learner.name}: {what} printed no result")

    def close(self) -> None:
        self.ws.close()


# --- Processes: find what the demo started, measure it, stop it --------------------------------
def ours(state: Path) -> list[psutil.Process]:
    """Every process carrying this run's marker (learners' servers and kernels)."""
    found = []
    for p in psutil.process_iter(["pid"]):
        try:
            if p.environ().get("DMST_HUB_RUN") == str(state):
                found.append(p)
        except (psutil.Error, OSError):
            continue
    return found


def server_of(state: Path, name: str) -> psutil.Process:
    for p in ours(state):
        try:
            if p.environ().get("JUPYTERHUB_USER") == name and any(
                "jupyterhub-singleuser" in part for part in p.cmdline()
            ):
                return p
        except psutil.Error:
            continue
    raise Failure(f"{name}'s server process was not found")


def measure(state: Path, learner: Learner) -> None:
    server = server_of(state, learner.name)
    kernels = server.children(recursive=True)
    mb = 1024 * 1024
    info = server.memory_full_info()
    learner.memory["server RSS"] = info.rss / mb
    learner.memory["kernels RSS"] = sum(k.memory_info().rss for k in kernels) / mb
    learner.memory["each kernel"] = [k.memory_info().rss / mb for k in kernels]
    learner.memory["kernels"] = len(kernels)
    learner.memory["PSS"] = (info.pss + sum(k.memory_full_info().pss for k in kernels)) / mb
    cpu = [server.cpu_times(), *(k.cpu_times() for k in kernels)]
    learner.timings["CPU seconds"] = sum(c.user + c.system for c in cpu)


def stop(hub: subprocess.Popen, state: Path) -> None:
    """Stop the hub (it stops the learners' servers and the proxy), then anything left of ours."""
    left = set()
    with contextlib.suppress(psutil.Error):
        left = {p.pid for p in psutil.Process(hub.pid).children(recursive=True)}
    left |= {p.pid for p in ours(state)}
    if hub.poll() is None:
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(30)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait(10)
    left |= {p.pid for p in ours(state)}
    procs = []
    for pid in left:
        try:
            procs.append(psutil.Process(pid))
        except psutil.Error:
            continue
    for p in procs:
        with contextlib.suppress(psutil.Error):
            p.terminate()
    _, alive = psutil.wait_procs(procs, timeout=10)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()


# --- The class -------------------------------------------------------------------------------
def lesson_cells(home: str) -> tuple[list[str], list[str]]:
    """The code cells of lesson 01 as delivered to this learner, and the checks it asks."""
    path = Path(home) / "lessons" / LESSON
    if not path.is_file():
        raise Failure(f"lesson 01 did not reach the learner's home ({path} is missing)")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    checks = [m for cell in code for m in re.findall(r"""check\(["']([^"']+)["']\)""", cell)]
    if not checks:
        raise Failure(f"{path} asks no knowledge check")
    return code, checks


def compare(answers: list[dict], who: str, what: str) -> None:
    for a in answers:
        if a["planned"] != a["correct"]:
            right = "right" if a["planned"] else "wrong"
            raise Failure(
                f"{who}, {what} {a['id']}: answered {right} ({a['sent']}) but recorded "
                f"{'right' if a['correct'] else 'wrong'}"
            )


def one_learner(hub: Hub, learner: Learner, password: str, state: Path) -> None:
    hub.create(learner.name)
    hub.log_in(learner, password)
    hub.spawn(learner)
    ready = server_of(state, learner.name).cpu_times()
    learner.timings["CPU to start"] = ready.user + ready.system
    lesson = Kernel(hub, learner)
    learner.timings["kernel start (first)"] = lesson.started
    lesson.run(ACTIONS, "loading the learner's actions")
    where = lesson.result("where()", "finding the results store")
    learner.home = where["home"]
    expected_home = str(state / "homes" / learner.name)
    if where["home"] != expected_home or not where["store"].startswith(expected_home + "/"):
        raise Failure(f"{learner.name}: results store {where['store']} is not in their home")
    code, checks = lesson_cells(learner.home)
    start = time.monotonic()
    for cell in code:
        lesson.run(cell, "running lesson 01")
    learner.timings["lesson 01 run"] = time.monotonic() - start
    plan = {qid: planned(learner.index, "check", i) for i, qid in enumerate(checks)}
    answers = lesson.result(f"answer_checks({plan!r})", "answering lesson 01")
    compare(answers["answers"], learner.name, "check")

    tests = Kernel(hub, learner)  # the assessment notebook: a second kernel
    learner.timings["kernel start (second)"] = tests.started
    tests.run(ACTIONS, "loading the learner's actions")
    from dmst.assessment import assessment

    for context in ("pre", "post"):
        items = assessment(context).items
        plan = [planned(learner.index, context, i) for i in range(len(items))]
        done = tests.result(f"answer_assessment({context!r}, {plan!r})", context)
        compare(done["answers"], learner.name, context)
    handed = tests.result("hand_in()", "handing in")
    learner.learner_id = handed["learner"]
    measure(state, learner)
    lesson.close()
    tests.close()


def check_hand_in(drop: Path, learners: list[Learner]) -> None:
    files = sorted(drop.glob("*.json"))
    ids = {f"dmst-results-{learner.learner_id}.json" for learner in learners}
    if {f.name for f in files} != ids:
        raise Failure(f"the hand-in folder holds {[f.name for f in files]}, expected {sorted(ids)}")
    for f in files:
        text = f.read_text(encoding="utf-8")
        for learner in learners:
            if learner.name in text or learner.name in f.name:
                raise Failure(f"{f.name} contains the hub user name {learner.name}")
        mode = f.stat().st_mode & 0o777
        if mode != 0o640:
            raise Failure(f"{f.name} was written with mode {mode:o}, not 640")


def check_report(drop: Path, state: Path, env: dict) -> str:
    from dmst.assessment import assessment
    from dmst.classroom import class_report

    out = state / "class-results.html"
    cli = subprocess.run(
        [str(demo.VENV_BIN / "dmst"), "class-results", str(drop), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if cli.returncode or "3 learner files read" not in out.read_text(encoding="utf-8"):
        raise Failure(f"dmst class-results over the hand-in folder: {cli.stdout}{cli.stderr}")
    report = class_report(drop)
    if len(report.results.learners) != len(LEARNERS) or report.results.problems:
        raise Failure(
            f"the class report read {len(report.results.learners)} learners "
            f"(problems: {report.results.problems}), expected {len(LEARNERS)}"
        )
    pre = expected_rates(assessment("pre").items, "pre")
    post = expected_rates(assessment("post").items, "post")
    if {r.objective for r in report.rows} != set(pre) | set(post):
        raise Failure(f"the report's objectives {[r.objective for r in report.rows]} differ")
    for row in report.rows:
        for when, got, want, n in (
            ("before", row.pre_rate, pre.get(row.objective), row.pre_learners),
            ("after", row.post_rate, post.get(row.objective), row.post_learners),
        ):
            if want is None or got is None or abs(got - want) > 1e-9 or n != len(LEARNERS):
                raise Failure(
                    f"{row.objective} {when}: the report says {got} from {n} learners; "
                    f"the answers given make {want} from {len(LEARNERS)}"
                )
    checks = sum(a["context"] == "check" for f in report.results.learners for a in f.attempts)
    # The class-results notebook, as an instructor on the hub runs it (DMST_DROP_DIR set).
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(demo.ROOT / "notebooks" / "class-results.ipynb", as_version=4)
    os.environ["DMST_DROP_DIR"] = str(drop)
    try:
        NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    finally:
        os.environ.pop("DMST_DROP_DIR", None)
    shown = json.dumps([c.get("outputs", []) for c in notebook.cells])
    if "3 learner files read" not in shown or "SAMPLE" in shown:
        raise Failure("the class-results notebook did not read the hand-in folder's 3 learners")
    rates = ", ".join(
        f"{r.objective} {round(r.pre_rate * 100)}%→{round(r.post_rate * 100)}%" for r in report.rows
    )
    return f"3 learners, {checks} lesson-check answers; before→after per objective: {rates}"


def summary(learners: list[Learner], hub_rss: float, seconds: float) -> str:
    def med(values: list[float]) -> float:
        return statistics.median(values)

    lines = ["", "Per learner (server + 2 kernels: lesson 01 and the assessment):"]
    for x in learners:
        t, m = x.timings, x.memory
        lines.append(
            f"  {x.name}: spawn to ready {t['spawn to ready']:.1f} s; kernel start "
            f"{t['kernel start (first)']:.1f} s and {t['kernel start (second)']:.1f} s; lesson 01 "
            f"run {t['lesson 01 run']:.1f} s; memory RSS server {m['server RSS']:.0f} MB + "
            f"kernels {' + '.join(f'{k:.0f}' for k in m['each kernel'])} MB = "
            f"{m['server RSS'] + m['kernels RSS']:.0f} MB (PSS {m['PSS']:.0f} MB); CPU "
            f"{t['CPU to start']:.1f} s to start the server, {t['CPU seconds']:.1f} s in all"
        )
    rss = [x.memory["server RSS"] + x.memory["kernels RSS"] for x in learners]
    pss = [x.memory["PSS"] for x in learners]
    lines += [
        f"Median per learner: RSS {med(rss):.0f} MB, PSS {med(pss):.0f} MB, spawn to ready "
        f"{med([x.timings['spawn to ready'] for x in learners]):.1f} s, kernel start "
        f"{med([x.timings['kernel start (first)'] for x in learners]):.1f} s, CPU "
        f"{med([x.timings['CPU to start'] for x in learners]):.1f} s to start a server, "
        f"{med([x.timings['CPU seconds'] for x in learners]):.1f} s for the whole session.",
        f"Hub and proxy: RSS {hub_rss:.0f} MB. The whole check took {seconds:.0f} s.",
    ]
    return "\n".join(lines)


def _interrupted(signum, _frame):
    raise SystemExit(f"hub-check: stopped by signal {signum}; cleaning up")


def main() -> int:
    signal.signal(signal.SIGTERM, _interrupted)  # a CI time-out still stops every process
    began = time.monotonic()
    state = Path(tempfile.mkdtemp(prefix="dmst-hub-check-"))
    token = secrets.token_hex(32)
    env = demo.environment(state, demo.free_port(), api_token=token)
    log = state / "hub.log"
    print(f"hub-check: a demonstration hub on 127.0.0.1:{env['DMST_HUB_PORT']}, state in {state}")
    hub_process = demo.start(env, log)
    try:
        hub = Hub(f"http://127.0.0.1:{env['DMST_HUB_PORT']}", token)
        hub.wait_up(hub_process)
        learners = [Learner(name, i) for i, name in enumerate(LEARNERS)]
        for learner in learners:
            one_learner(hub, learner, env["DMST_HUB_PASSWORD"], state)
            print(f"hub-check: {learner.name} answered lesson 01 and both assessments, handed in")
        drop = Path(env["DMST_DROP_DIR"])
        check_hand_in(drop, learners)
        found = check_report(drop, state, env)
        print(f"hub-check: class report: {found}")
        core = psutil.Process(hub_process.pid)
        hub_rss = (
            sum(
                p.memory_info().rss
                for p in [core, *core.children()]
                if "singleuser" not in " ".join(p.cmdline())
            )
            / 1024
            / 1024
        )
        print(summary(learners, hub_rss, time.monotonic() - began))
    except (Failure, requests.RequestException, websocket.WebSocketException, OSError) as exc:
        print(f"\nhub-check FAILED: {exc}", file=sys.stderr)
        if log.exists():
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
            errors = [line for line in lines if line.startswith("[E ")][-10:]
            if errors:
                print("The hub logged errors:\n  " + "\n  ".join(errors), file=sys.stderr)
            print("The hub log ends:\n  " + "\n  ".join(lines[-25:]), file=sys.stderr)
        return 1
    finally:
        stop(hub_process, state)
        if os.environ.get("DMST_HUB_KEEP"):
            print(f"hub-check: state kept in {state}")
        else:
            shutil.rmtree(state, ignore_errors=True)
    print(f"hub-check: passed; every process stopped ({time.monotonic() - began:.0f} s in all).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
