# JupyterHub settings for a DMST class on ONE server with local Unix accounts.
#
# Shape: The Littlest JupyterHub (TLJH): one machine, one Unix account per learner
# ("jupyter-NAME"), servers started by systemd. Copy this file to
#     /opt/tljh/config/jupyterhub_config.d/dmst.py
# and run `sudo tljh-config reload hub`. TLJH loads it after its own settings, so it keeps
# TLJH's authenticator, spawner, proxy and HTTPS, and adds what the curriculum needs:
#   1. lessons copied into each learner's home when their server starts (never overwriting);
#   2. each learner's results store in their own home (DMST_DATA_DIR);
#   3. a hand-in folder learners can write to but not read (DMST_DROP_DIR), which the
#      instructors' group reads, so the results panel offers "Hand in my results".
#
# The same file also works with plain `jupyterhub -f jupyterhub_config.py` on a machine whose
# learners already have Unix accounts (JupyterHub's defaults: PAM log-in, local processes).
#
# It needs only the Python standard library: the hub's own environment does not have the
# curriculum installed. The learners' environment does (see deploy/jupyterhub/README.md).
#
# WHAT A REAL DEPLOYMENT MUST CHANGE OR CHECK (nothing here is secret; set the paths):
#   - Authenticator: TLJH starts with "first use" passwords. For a class, use your
#     organisation's single sign-on (OAuthenticator: Google, Microsoft, GitHub, a generic
#     OpenID provider) or at least one password per person with sign-up approval (TLJH's
#     NativeAuthenticator). Never the shared-password demo of `make hub`.
#   - HTTPS: `sudo tljh-config set https.enabled true`, `https.letsencrypt.email`, and
#     `tljh-config add-item https.letsencrypt.domains ...` (or your own certificate). Without
#     it, passwords cross the network in clear text.
#   - Limits: `sudo tljh-config set limits.memory 1G` and `limits.cpu 1` (see the README for
#     the measured sizes), and the idle culler: TLJH stops servers idle for 600 s by default;
#     `sudo tljh-config set services.cull.timeout 3600` suits a class that pauses to discuss.
#   - Admins: `sudo tljh-config add-item users.admin NAME` for whoever runs the server. Admins
#     get sudo on the machine: they can read every home. Instructors do not need to be admins.
#   - The paths and group below.

import asyncio
import grp
import os
import pwd
import sys

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

# --- Settings for your class ---------------------------------------------------------------------
# The lessons every learner gets: a world-readable copy of the learner edition (`make learner`
# writes it to _build/learner; copy that folder here). The source notebooks/ folder works too.
LESSONS_DIR = os.environ.get("DMST_LESSONS_DIR", "/srv/dmst/lessons")
# Where the lessons go in each learner's home (created if missing; existing files never replaced).
LESSONS_FOLDER = "lessons"
# The hand-in folder. Learners write into it and cannot list or read it; the instructors' group
# reads it. Created at hub start if missing (mode 3773 root:INSTRUCTORS_GROUP, see README).
DROP_DIR = os.environ.get("DMST_DROP_DIR", "/srv/dmst/hand-in")
# The Unix group whose members read the hand-in folder. On TLJH, add instructors with
#   sudo groupadd dmst-instructors
#   sudo tljh-config add-item users.extra_user_groups.dmst-instructors INSTRUCTOR_NAME
# (TLJH puts that hub user's Unix account, jupyter-INSTRUCTOR_NAME, in the group at spawn).
INSTRUCTORS_GROUP = os.environ.get("DMST_INSTRUCTORS_GROUP", "dmst-instructors")
# The `dmst` command in the learners' environment (TLJH: /opt/tljh/user/bin/dmst).
DMST_COMMAND = os.environ.get("DMST_COMMAND", "/opt/tljh/user/bin/dmst")
# Each learner's results store, under their own home. `~` is the learner's home.
DATA_DIR = "~/.local/share/dmst"

# JupyterLab, opened on the lessons folder.
c.Spawner.default_url = f"/lab/tree/{LESSONS_FOLDER}"


def _account(spawner):
    """(name, home, uid, gid) of the Unix account the learner's server runs as."""
    home = getattr(spawner, "home_dir", None)  # SimpleLocalProcessSpawner (the `make hub` demo)
    if home:
        os.makedirs(home, mode=0o755, exist_ok=True)
        return spawner.user.name, home, os.getuid(), os.getgid()
    name = spawner.user.name
    try:  # TLJH: accounts are "jupyter-NAME", created on first spawn: create it now
        from tljh import user as tljh_user
        from tljh.normalize import generate_system_username

        name = generate_system_username("jupyter-" + spawner.user.name)
        tljh_user.ensure_user(name)
    except ImportError:
        pass  # plain JupyterHub: the hub user is the Unix account
    entry = pwd.getpwnam(name)
    return name, entry.pw_dir, entry.pw_uid, entry.pw_gid


def _is_instructor(spawner, account):
    """Admins, members of a hub group or a Unix group named INSTRUCTORS_GROUP, or TLJH's
    users.extra_user_groups for it."""
    if spawner.user.admin or INSTRUCTORS_GROUP in [g.name for g in spawner.user.groups]:
        return True
    if spawner.user.name in getattr(spawner, "user_groups", {}).get(INSTRUCTORS_GROUP, []):
        return True
    try:
        return account in grp.getgrnam(INSTRUCTORS_GROUP).gr_mem
    except KeyError:
        return False


def _as_learner(uid, gid, home):
    """Options that run a command as the learner, never as root."""
    options = {"cwd": home, "env": {"HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}}
    if os.getuid() == 0 and uid != 0:
        options.update(user=uid, group=gid, extra_groups=[])
    return options


async def dmst_pre_spawn(spawner):
    """Set the learner's results store and hand-in folder; copy the lessons they lack.

    The copy runs as the learner (not as root), so a link a learner plants in their home can
    never make the hub write elsewhere; it runs without blocking the hub for other learners. A
    failed copy is logged and never stops the server from starting.
    """
    account, home, uid, gid = _account(spawner)
    spawner.environment = {
        **spawner.environment,
        "DMST_DATA_DIR": DATA_DIR.replace("~", home, 1),
        "DMST_DROP_DIR": DROP_DIR,
    }
    command = [DMST_COMMAND, "copy-lessons", LESSONS_DIR, os.path.join(home, LESSONS_FOLDER)]
    if _is_instructor(spawner, account):
        command.append("--instructor")
    try:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            **_as_learner(uid, gid, home),
        )
        try:
            output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
        except asyncio.TimeoutError:  # noqa: UP041 (the hub may run Python 3.10)
            process.kill()
            raise
    except (OSError, asyncio.TimeoutError) as exc:  # noqa: UP041
        spawner.log.error("DMST lessons not copied for %s: %s", spawner.user.name, exc)
        return
    text = output.decode("utf-8", "replace").strip()
    if process.returncode:
        spawner.log.error("DMST lessons not copied for %s: %s", spawner.user.name, text)
    else:
        spawner.log.info("DMST lessons for %s: %s", spawner.user.name, text)


c.Spawner.pre_spawn_hook = dmst_pre_spawn


def make_drop_dir(path=DROP_DIR, group=INSTRUCTORS_GROUP):
    """Create the hand-in folder if it is missing.

    Mode 3773 = set-group-id + sticky + rwxrwx-wx: learners ("others") may create files but not
    list the folder; the sticky bit stops anyone removing or replacing another's file; set-group-id
    gives every new file the instructors' group, and the results panel writes files 0640, so the
    instructors' group reads them and other learners cannot. Without that group, the folder is
    1733 and only root reads it.
    """
    if os.path.isdir(path) or os.getuid() != 0:
        return
    os.makedirs(path, exist_ok=True)
    try:
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        print(f"DMST: no group {group!r}; {path} is readable by root only", file=sys.stderr)
        os.chmod(path, 0o1733)
        return
    os.chown(path, 0, gid)
    os.chmod(path, 0o3773)


make_drop_dir()
