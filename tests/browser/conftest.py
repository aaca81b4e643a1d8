"""A real JupyterLab server on loopback and Debian's Chromium, driven by Playwright.

The server serves a copy of the notebooks and data (JupyterLab autosaves what it opens, and
the committed notebooks must not change), writes progress to a temporary store, and is
always stopped, also when a test fails. Chromium is Debian's (/usr/bin/chromium, installed by
scripts/system-deps.sh); Playwright never downloads a browser here.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from lessonkit.teacher.printing import CHROMIUM_ARGS  # the flags headless Chromium needs here

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

TOKEN = "lessonkit-browser-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(server: subprocess.Popen) -> None:
    """Stop a server we started, politely first."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the Jupyter server did not answer at {url} in {seconds} s")


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """(base URL, served folder, progress file) of a JupyterLab server on 127.0.0.1."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Chromium is missing: run 'sudo apt-get install chromium' (make test does "
            "it when run as root)."
        )
    served = tmp_path_factory.mktemp("served")
    shutil.copytree(
        ROOT / "notebooks",
        served / "notebooks",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
    )
    shutil.copytree(ROOT / "data", served / "data")
    for folder in ("solutions", "exercises"):
        shutil.copytree(
            ROOT / folder, served / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
    shutil.copytree(ROOT / "samples", served / "samples")
    progress = tmp_path_factory.mktemp("progress") / "progress.sqlite3"
    env = dict(
        os.environ,
        LESSONKIT_PROGRESS=str(progress),
        JUPYTERLAB_SETTINGS_DIR=str(lab_settings(tmp_path_factory.mktemp("lab-settings"))),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path_factory.mktemp("workspaces")),
    )
    log = tmp_path_factory.mktemp("log") / "lab.log"
    with jupyter_server("jupyterlab", served, env, log) as base:
        yield base, served, progress


def lab_settings(folder: Path) -> Path:
    """JupyterLab (and Notebook 7) settings for tests: no news toast, and every cell rendered
    (no virtual scrolling), so a test sees every output of a lesson."""
    for plugin, name, value in (
        ("apputils-extension", "notification", {"fetchNews": "false", "checkForUpdates": False}),
        ("notebook-extension", "tracker", {"windowingMode": "none"}),
    ):
        where = folder / "@jupyterlab" / plugin
        where.mkdir(parents=True, exist_ok=True)
        (where / f"{name}.jupyterlab-settings").write_text(json.dumps(value), encoding="utf-8")
    return folder


@contextmanager
def jupyter_server(app: str, root_dir: Path, env: dict, log_path: Path):
    """A Jupyter server application (``jupyterlab`` or ``notebook``) serving ``root_dir`` on
    127.0.0.1 with the test token; yields its base URL, and always stops it."""
    port = free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                app,
                "--no-browser",
                "--allow-root",
                f"--port={port}",
                "--ServerApp.ip=127.0.0.1",
                f"--IdentityProvider.token={TOKEN}",
                f"--ServerApp.root_dir={root_dir}",
                "--ServerApp.port_retries=0",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{base}/api/status?token={TOKEN}")
            yield base
        finally:
            stop(server)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def on_dialog(page, dialog) -> None:
    """Leaving a lesson with unsaved changes is fine; any other dialog (alert) is recorded."""
    if dialog.type == "beforeunload":
        dialog.accept()
    else:
        page.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: on_dialog(page, d))
    try:
        yield page
    finally:
        context.close()


def wait_for_idle_kernel(base: str, path: str, seconds: float = 60) -> None:
    """Wait until the server says the notebook's kernel is idle.

    The status bar says "Idle" before a kernel is connected; Run All clicked that early is
    lost, and JupyterLab asks which kernel to start.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{base}/api/sessions?token={TOKEN}", timeout=5) as reply:
            sessions = json.load(reply)
        for session in sessions:
            kernel = session.get("kernel") or {}
            if session.get("path") == path and kernel.get("execution_state") == "idle":
                time.sleep(1.0)  # let the page finish connecting to it
                return
        time.sleep(0.3)
    raise RuntimeError(f"no idle kernel for {path} after {seconds} s")


def open_and_run_all(page, lab, slug: str, wait_for_selector: str, folder: str = "notebooks"):
    """Open a notebook in JupyterLab, Run All Cells from the menu, wait for its last widget."""
    base, _, _ = lab
    page.goto(f"{base}/lab/tree/{folder}/{slug}.ipynb?reset&token={TOKEN}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=60_000)
    wait_for_idle_kernel(base, f"{folder}/{slug}.ipynb")
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    try:
        page.wait_for_selector(wait_for_selector, timeout=90_000)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{slug}-failed.png"))
        raise
    return page
