# The DEMONSTRATION hub of `make hub` and `make hub-check`. NOT FOR REAL LEARNERS.
#
# It loads the real class settings (jupyterhub_config.py: lessons copied at spawn, results store
# in each home, hand-in folder) and replaces the three things that make a hub safe to use:
#
#   1. Authenticator: a shared password (JupyterHub's SharedPasswordAuthenticator, the successor
#      of the DummyAuthenticator's password) from DMST_HUB_PASSWORD: anyone with it can log in
#      as anyone. A real hub uses single sign-on or one password per person.
#   2. Spawner: SimpleLocalProcessSpawner runs every learner's server as the same Unix user
#      (root included) with a "home" folder per learner under the demo's state folder. Nothing
#      keeps learners apart: each could read the others' files, including the hand-in folder.
#      A real hub runs each learner as their own account (TLJH, LocalProcessSpawner with PAM)
#      or in their own container (Kubernetes).
#   3. HTTPS: none. It listens on 127.0.0.1 only, so nothing leaves this computer. A real hub
#      serves HTTPS (TLJH's Let's Encrypt, or the Z2JH chart's proxy.https).
#
# Everything is set by deploy/jupyterhub/demo.py through environment variables (below).

import os
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

HERE = Path(__file__).resolve().parent
STATE = Path(os.environ["DMST_HUB_STATE"])  # homes, hand-in folder, database, logs
VENV_BIN = Path(os.environ["DMST_HUB_VENV_BIN"])

# The real class settings first, then the demo's replacements.
load_subconfig(str(HERE / "jupyterhub_config.py"))  # noqa: F821

# --- Where it listens: this computer only ------------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{os.environ['DMST_HUB_PORT']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{os.environ['DMST_HUB_INTERNAL_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['DMST_HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [os.environ["DMST_HUB_PROXY"]]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
c.JupyterHub.cleanup_proxy = True

# --- 1. Authenticator: one shared password (DEMO ONLY) -----------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["DMST_HUB_PASSWORD"]
c.SharedPasswordAuthenticator.admin_password = os.environ["DMST_HUB_ADMIN_PASSWORD"]
c.Authenticator.admin_users = {"instructor"}
c.Authenticator.allow_all = True  # any name may log in with the shared password

# --- 2. Spawner: one Unix user for everyone, a folder per learner (DEMO ONLY) ------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
if os.getuid() == 0:
    c.Spawner.args = ["--allow-root"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# A marker in every process the demo starts, so `make hub-check` can find and measure them.
c.Spawner.environment = {"DMST_HUB_RUN": str(STATE)}

# --- An API token for `make hub-check` (a service with admin rights on users and servers) ------
token = os.environ.get("DMST_HUB_API_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "hub-check", "api_token": token}]
    c.JupyterHub.load_roles = [
        {
            "name": "hub-check",
            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"],
            "services": ["hub-check"],
        }
    ]
