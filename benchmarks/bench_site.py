"""The JupyterLite site against a local JupyterLab: from opening a lesson's link to its first
question being usable, with a cold and a warm browser cache; the site's size; and what one
learner costs a server (for sizing a hub, docs/delivery.md).

Both are measured in the same run, the same way: Chromium (Debian's, headless) opens the link
of lesson 1, Runs All as soon as the notebook has a kernel (what a learner told "open the
link, then Run All" does), and the clock stops when the first question's **Check** button is
visible. Cold: a new browser context (empty cache, no service worker). Warm: the same context
opens the link again. The site is served as static files on 127.0.0.1 (``make site`` builds
it; this part builds it too, a no-op when it is up to date); JupyterLab serves a copy of the
project and starts a new kernel for every opening.

Per learner on a server (JupyterLab, one learner): the resident memory of the server and the
lesson's kernel once lesson 1 has run (their sum is what a hub's single-user server holds per
learner), and the processor seconds both used from the opening of the link to the usable
question. The site needs neither: its Python runs in the learner's browser.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from lessonkit.teacher.printing import CHROMIUM_ARGS  # the flags headless Chromium needs here

from ._common import ROOT, child_env, copy_project, log, row

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LITE_ENV = ROOT / ".venv" / "lite"
SITE = ROOT / "_site"
LESSON = "01-geneva-summit"
TOKEN = "lessonkit-bench-site"
FIRST_QUESTION = ".lk-quiz .lk-check"
PART = "site"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The site's files as a plain web server sends them (exposing the app object in the page,
    so the benchmark can see when the notebook has a kernel)."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        path = urlparse(self.path).path
        file = Path(self.directory) / path.lstrip("/")
        if path.endswith("/jupyter-lite.json") and file.is_file():
            config = json.loads(file.read_text(encoding="utf-8"))
            config.setdefault("jupyter-config-data", {})["exposeAppInBrowser"] = True
            body = json.dumps(config).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


def build_site() -> None:
    if not (LITE_ENV / "bin" / "python").exists():
        raise RuntimeError("the site's build environment is missing: run 'make site' first")
    done = subprocess.run(
        [str(LITE_ENV / "bin" / "python"), str(ROOT / "scripts" / "build_site.py")],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"make site failed: {(done.stdout + done.stderr)[-2000:]}")


def size_rows() -> list[dict]:
    """The site's size, whole and by part (MB, 10^6 bytes)."""

    def mb(paths) -> float:
        return sum(p.stat().st_size for p in paths if p.is_file()) / 1e6

    everything = list(SITE.rglob("*"))
    pyodide = SITE / "static" / "pyodide"
    parts = {
        "site size: all": mb(everything),
        "site size: Pyodide core": mb(p for p in pyodide.iterdir() if p.suffix != ".whl"),
        "site size: wheels (lessonkit, ipywidgets, IPython ...)": mb(pyodide.glob("*.whl")),
        "site size: lessons, worksheets, data and audio": mb((SITE / "files").rglob("*")),
    }
    parts["site size: JupyterLab and extensions"] = parts["site size: all"] - sum(
        v for k, v in parts.items() if k != "site size: all"
    )
    return [row(PART, name, "MB", [value], target="< 60 MB" if name.endswith("all") else "")
            | ({"met": value < 60} if name.endswith("all") else {})
            for name, value in parts.items()]  # fmt: skip


def open_in_site(page, base: str) -> float:
    """Seconds from opening lesson 1's site link to its first question being usable."""
    start = time.perf_counter()
    page.goto(f"{base}/lab/index.html?path=notebooks/{LESSON}.ipynb", timeout=120_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=120_000)
    page.wait_for_function(
        "() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel",
        timeout=120_000,
    )
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.locator(FIRST_QUESTION).first.wait_for(state="visible", timeout=300_000)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, path: str, method: str = "GET"):
    request = urllib.request.Request(f"{base}{path}?token={TOKEN}", method=method)
    with urllib.request.urlopen(request, timeout=10) as reply:
        body = reply.read()
    return json.loads(body) if body else None


def lab_server(tmp: Path) -> tuple[subprocess.Popen, str]:
    """A JupyterLab server on 127.0.0.1 serving a copy of the project (news checks off)."""
    served = copy_project(tmp / "served")
    settings = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env = child_env(tmp)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(tmp / "settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp / "workspaces")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
         f"--ServerApp.root_dir={served}", "--ServerApp.port_retries=0"],
        stdout=(tmp / "lab.log").open("w"), stderr=subprocess.STDOUT, env=env, cwd=served,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            api(base, "/api/status")
            return server, base
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.3)


def kernel_ready(base: str, path: str) -> bool:
    for session in api(base, "/api/sessions"):
        kernel = session.get("kernel") or {}
        if session.get("path") == path and kernel.get("execution_state") == "idle":
            return True
    return False


def tree_cpu_and_memory(pid: int) -> tuple[float, float]:
    """(processor seconds, resident MiB) of a process and its children."""
    import psutil

    top = psutil.Process(pid)
    cpu, rss = 0.0, 0.0
    for proc in [top, *top.children(recursive=True)]:
        try:
            times = proc.cpu_times()
            cpu += times.user + times.system
            rss += proc.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return cpu, rss / 2**20


def open_in_lab(page, base: str, server: subprocess.Popen) -> tuple[float, float, float]:
    """Seconds from opening lesson 1 in JupyterLab to its first usable question; and the
    processor seconds and resident memory of the server and kernel for it."""
    path = f"notebooks/{LESSON}.ipynb"
    cpu_before, _ = tree_cpu_and_memory(server.pid)
    start = time.perf_counter()
    page.goto(f"{base}/lab/tree/{path}?reset&token={TOKEN}", timeout=120_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=120_000)
    deadline = time.monotonic() + 120
    while not kernel_ready(base, path):
        if time.monotonic() > deadline:
            raise RuntimeError(f"no idle kernel for {path}")
        time.sleep(0.1)
    page.wait_for_timeout(300)  # the page connects to the kernel (a Run All before is lost)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.locator(FIRST_QUESTION).first.wait_for(state="visible", timeout=300_000)
    seconds = time.perf_counter() - start
    page.locator(".lk-results-view").wait_for(timeout=120_000)  # the whole lesson has run
    cpu_after, memory = tree_cpu_and_memory(server.pid)
    for session in api(base, "/api/sessions"):
        api(base, f"/api/sessions/{session['id']}", method="DELETE")
    return seconds, cpu_after - cpu_before, memory


def run(quick: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    runs = 1 if quick else 3
    log("  site: building (a no-op when up to date)")
    build_site()
    rows = size_rows()
    times = {key: [] for key in ("site cold", "site warm", "lab cold", "lab warm")}
    cpu, memory = [], []
    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-site-") as folder:
        tmp = Path(folder)
        static = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(SITE))
        )
        threading.Thread(target=static.serve_forever, daemon=True).start()
        site = f"http://127.0.0.1:{static.server_port}"
        server, lab = lab_server(tmp)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for r in range(runs):
                    for where in ("site", "lab"):
                        context = browser.new_context(viewport={"width": 1280, "height": 1000})
                        page = context.new_page()
                        page.on("dialog", lambda d: d.accept())
                        for cache in ("cold", "warm"):
                            if where == "site":
                                seconds = open_in_site(page, site)
                            else:
                                seconds, used, rss = open_in_lab(page, lab, server)
                                cpu.append(used)
                                memory.append(rss)
                            times[f"{where} {cache}"].append(seconds)
                            log(f"  {r + 1}/{runs} {where} {cache}: {seconds:.1f} s")
                        context.close()
                browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            static.shutdown()
            static.server_close()
    for cache in ("cold", "warm"):
        lab_median = statistics.median(times[f"lab {cache}"])
        rows.append(row(PART, f"local JupyterLab: link to first question, {cache}", "s",
                        times[f"lab {cache}"], target="baseline"))  # fmt: skip
        rows.append(row(PART, f"site: link to first question, {cache}", "s",
                        times[f"site {cache}"], baseline=lab_median,
                        target="reported (Pyodide starts in the browser)"))  # fmt: skip
    rows.append(row(PART, "per learner on a server: JupyterLab + kernel memory", "MiB", memory,
                    target="reported (the site: none)"))  # fmt: skip
    rows.append(row(PART, "per learner on a server: processor time to open lesson 1", "s", cpu,
                    target="reported (the site: none)"))  # fmt: skip
    return rows
