"""A real JupyterHub on loopback, as a school would run it, for the delivery tests.

JupyterHub (from PyPI) with configurable-http-proxy (from the npm registry, installed into
``.venv/hub`` by scripts/system-deps.sh), the dummy authenticator (any name and password) and
the simple local-process spawner (each learner's server runs as this user, with its own home
folder under the test's temporary folder). The lessons come from a bare clone of this
repository, which the learners' nbgitpuller links pull from, as a school hub pulls from
GitHub. Everything listens on 127.0.0.1 only, and everything is stopped afterwards.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .conftest import ROOT, free_port, lab_settings, stop, wait_for

VENV_BIN = Path(sys.executable).parent
PROXY = Path(sys.prefix) / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"

CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = {pid_file!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = ["--allow-root"]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.db_url = "sqlite:///" + {db!r}
c.JupyterHub.cookie_secret_file = {secret!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.concurrent_spawn_limit = 50
c.JupyterHub.log_level = "INFO"
"""


@contextmanager
def jupyterhub(tmp: Path):
    """Start the hub; yield (base URL, homes folder, git address of the lessons)."""
    if not PROXY.exists():
        raise RuntimeError(
            f"configurable-http-proxy is missing at {PROXY.relative_to(ROOT)}: run "
            "'bash scripts/system-deps.sh' (make test does)."
        )
    tmp.mkdir(parents=True, exist_ok=True)
    homes = tmp / "home"
    homes.mkdir()
    repo = tmp / "git" / "lessonkit.git"
    subprocess.run(
        ["git", "clone", "--quiet", "--bare", str(ROOT), str(repo)], check=True, timeout=120
    )
    port = free_port()
    config = tmp / "jupyterhub_config.py"
    config.write_text(
        CONFIG.format(
            port=port,
            hub_port=free_port(),
            api_port=free_port(),
            proxy=str(PROXY),
            pid_file=str(tmp / "proxy.pid"),
            homes=str(homes),
            singleuser=str(VENV_BIN / "jupyterhub-singleuser"),
            environment={"JUPYTERLAB_SETTINGS_DIR": str(lab_settings(tmp / "lab-settings"))},
            db=str(tmp / "jupyterhub.sqlite"),
            secret=str(tmp / "cookie_secret"),
        ),
        encoding="utf-8",
    )
    log = (tmp / "jupyterhub.log").open("w")
    env = {k: v for k, v in os.environ.items() if k != "LESSONKIT_PROGRESS"}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}"
    hub = subprocess.Popen(
        [str(VENV_BIN / "jupyterhub"), "-f", str(config)],
        cwd=tmp,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,  # so the learners' servers can be stopped with it
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/hub/api/", seconds=120)
        yield base, homes, repo
    finally:
        stop(hub)
        with contextlib.suppress(ProcessLookupError):  # anything left of its group
            os.killpg(hub.pid, 9)
        log.close()


def kernel_is_idle(sessions: list[dict], path: str) -> bool:
    """Does the server's session list (GET api/sessions) show the notebook's kernel idle?"""
    return any(
        s.get("path") == path and (s.get("kernel") or {}).get("execution_state") == "idle"
        for s in sessions
    )


def wait_for_kernel_idle(page, server: str, path: str, seconds: float = 180) -> None:
    """Wait until the learner's server says the notebook's kernel is idle (asked with the
    learner's own login, as the page would)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        reply = page.request.get(f"{server}/api/sessions")
        if reply.ok and kernel_is_idle(reply.json(), path):
            time.sleep(1.0)  # let the page finish connecting to it
            return
        time.sleep(0.5)
    raise RuntimeError(f"no idle kernel for {path} after {seconds} s")
