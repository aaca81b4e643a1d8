"""The JupyterLite site (``make site``) in Chromium: lessons with no server, and nothing fetched
from outside.

The site is built once per session (``scripts/build_site.py``; a no-op when nothing changed)
and served as static files on 127.0.0.1, as GitHub Pages or a school's web server would. One
browser page opens lesson 1 and Runs All: Pyodide starts in the page, lessonkit comes from the
site's own wheel. Every request the page and its workers (Pyodide's among them) make is
recorded and refused unless it is to 127.0.0.1, and there must be none. Pyodide takes a while
to start on a loaded machine, so the other notebooks run in the same kernel (their code
cells, with their own folder as the working folder), which checks them without a page each.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .conftest import ARTIFACTS, CHROMIUM, ROOT
from .test_jupyterhub import LESSON, answer, tfng_items

pytestmark = pytest.mark.browser

LITE_ENV = ROOT / ".venv" / "lite"
SITE = ROOT / "_site"
# Pyodide's start-up: 35-94 s to the first widget on a loaded 2-core machine.
START_MS = 300_000


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, as any web server serves them; for the test only, the app object is
    exposed in the page (``exposeAppInBrowser``), so the test can run code in the kernel."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        path = urlparse(self.path).path
        if path.endswith("/jupyter-lite.json"):
            file = Path(self.directory) / path.lstrip("/")
            if file.is_file():
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


@contextmanager
def serve(folder: Path):
    """A static web server for ``folder`` on 127.0.0.1; yields its address."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site():
    """The built site, served on 127.0.0.1: its address."""
    if not (LITE_ENV / "bin" / "jupyter-lite").exists():
        pytest.fail("The site's build environment is missing: run 'make site' (or make test).")
    done = subprocess.run(
        [str(LITE_ENV / "bin" / "python"), str(ROOT / "scripts" / "build_site.py")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(SITE) as base:
        yield base


@pytest.fixture(scope="module")
def site_page(browser, site):
    """One page for the whole module, with every request outside 127.0.0.1 recorded."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run 'sudo apt-get install chromium'.")
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.outside = []

    def record(request):
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if urlparse(url).hostname != "127.0.0.1":
            page.outside.append(url)

    def refuse(route):
        page.outside.append(route.request.url)
        route.abort()

    context.on("request", record)
    # Anything outside would also be refused, so the lessons are proved to work offline.
    context.route(lambda url: urlparse(url).hostname not in (None, "127.0.0.1"), refuse)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()


def open_and_run_all(page, base: str, path: str, last: str) -> None:
    """Open a notebook in the site's JupyterLab, Run All, wait for its last widget."""
    page.goto(f"{base}/lab/index.html?path={path}", timeout=120_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=120_000)
    page.wait_for_function(
        "() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel",
        timeout=120_000,
    )
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    try:
        page.wait_for_selector(last, timeout=START_MS)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "site-failed.png"))
        raise


RUN_IN_KERNEL = """async (code) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const out = [];
    const future = kernel.requestExecute({code, store_history: false});
    future.onIOPub = (msg) => {
        const kind = msg.header.msg_type;
        if (kind === 'stream') out.push(msg.content.text);
        if (kind === 'error') out.push(`${msg.content.ename}: ${msg.content.evalue}`);
        if (kind === 'execute_result') out.push(msg.content.data['text/plain'] || '');
    };
    const reply = await future.done;
    return {status: reply.content.status, out: out.join('')};
}"""


def run_in_kernel(page, code: str) -> str:
    """Run code in the open notebook's kernel; its printed output (an error fails)."""
    reply = page.evaluate(RUN_IN_KERNEL, code)
    assert reply["status"] == "ok", reply["out"]
    return reply["out"]


NOTEBOOK_PROBLEMS = """() => {
    const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
    const found = [];
    for (let i = 0; i < cells.length; i++) {
        const outputs = cells.get(i).toJSON().outputs || [];
        for (const out of outputs) {
            if (out.output_type === 'error') found.push(`${out.ename}: ${out.evalue}`);
            const text = [].concat(out.text || []).join('');
            if (out.name === 'stderr' && /Traceback|Error/.test(text)) found.push(text);
        }
    }
    return found;
}"""


def notebook_problems(page) -> list[str]:
    """Error outputs, and printed tracebacks, in the open notebook (warnings are not errors)."""
    return page.evaluate(NOTEBOOK_PROBLEMS)


def test_lesson_1_in_the_site(site, site_page):
    """Does lesson 1 run in the browser with no server and nothing from outside, grade an
    answer right and wrong, and still have both answers after a reload?"""
    page = site_page
    path = f"notebooks/{LESSON}.ipynb"
    open_and_run_all(page, site, path, ".lk-results-view")
    assert notebook_problems(page) == []
    assert "emscripten" in run_in_kernel(page, "import sys; print(sys.platform)")
    # The listening player is an anywidget view: its front end comes from the site too.
    page.locator(".lk-player .lk-play").first.wait_for(state="attached", timeout=60_000)

    # Right, then wrong, as a learner clicks (the hub test's helper: one way to answer).
    position, item = tfng_items()[0]
    answer(page, position, item, right=True)
    answer(page, position, item, right=False)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"site-{LESSON}.png"))

    saved = (
        "from lessonkit.learner.quiz import store\n"
        "s = store()\n"
        f"print([(a.item, a.correct) for a in s.attempts({LESSON!r})], s.persistent, s.warning)"
    )
    expected = f"[({item['id']!r}, True), ({item['id']!r}, False)] True None"
    assert run_in_kernel(page, saved).strip() == expected

    # A reload starts a new Pyodide: the answers come back from the browser's storage.
    page.reload()
    open_and_run_all(page, site, path, ".lk-results-view")
    assert run_in_kernel(page, saved).strip() == expected
    previous = page.locator(".lk-quiz .lk-previous").first
    previous.wait_for(timeout=60_000)
    assert "Last time you answered" in previous.inner_text()

    # The results file for the teacher is made from the same saved answers.
    view = page.locator(".lk-results-view")
    view.scroll_into_view_if_needed()
    view.locator(".lk-learner-name input").fill("Ana Lima")
    view.locator(".lk-learner-class input").fill("B1 Monday")
    view.locator(".lk-make-results").click()
    link = view.locator("a.lk-download[href^='data:application/json']")
    link.wait_for(timeout=60_000)
    document = json.loads(base64.b64decode(link.get_attribute("href").split(",", 1)[1]))
    assert document["learner"] == "Ana Lima"
    assert [(a["item"], a["correct"]) for a in document["attempts"]] == [
        (item["id"], True),
        (item["id"], False),
    ]
    assert page.errors == []
    assert page.outside == [], f"requests outside 127.0.0.1: {page.outside[:10]}"


# The kernel loads a package from the site's wheels when a cell it runs imports it; cells run
# through run_cell do not pass that way, so this code imports what the notebooks need.
RUN_NOTEBOOK = """
import json, os
import anywidget, ipywidgets, lessonkit
from IPython import get_ipython

def _lk_run_notebook(path):
    with open(path, encoding="utf-8") as f:
        cells = json.load(f)["cells"]
    here = os.getcwd()
    os.chdir(os.path.dirname(path))
    try:
        ran = 0
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            result = get_ipython().run_cell("".join(cell["source"]), store_history=False)
            error = result.error_before_exec or result.error_in_exec
            if error is not None:
                return f"{path}: cell {ran + 1}: {type(error).__name__}: {error}"
            ran += 1
        return f"{path}: ran {ran} cells"
    finally:
        os.chdir(here)
"""


def site_notebooks() -> list[str]:
    return [
        p.relative_to(ROOT).as_posix()
        for folder in ("notebooks", "exercises")
        for p in sorted((ROOT / folder).glob("*.ipynb"))
    ]


def test_every_notebook_runs_in_the_site(site, site_page):
    """Does every lesson and worksheet of the site run in Pyodide with no error?"""
    page = site_page
    if "lab/index.html" not in page.url:
        open_and_run_all(page, site, "notebooks/00-start-here.ipynb", ".jp-OutputArea-output")
    run_in_kernel(page, RUN_NOTEBOOK)
    results = []
    for path in site_notebooks():
        results.append(run_in_kernel(page, f"print(_lk_run_notebook('/drive/{path}'))").strip())
    failed = [r for r in results if not r.endswith("cells")]
    assert failed == [], "\n".join(failed)
    assert len(results) == len(site_notebooks()) and all(" ran 0 " not in r for r in results)
    assert page.outside == [], f"requests outside 127.0.0.1: {page.outside[:10]}"


DAMAGED_STORE = """
from pathlib import Path
from lessonkit.learner.progress import Attempt, ProgressStore
path = Path("/drive/.lessonkit/damaged-by-the-test.jsonl")
path.parent.mkdir(parents=True, exist_ok=True)
path.write_bytes(b"not a progress file\\n")
store = ProgressStore(path)
saved = store.record(Attempt("x", "q1", "an answer", True, False, 1.0))
print(type(store).__name__, store.persistent, saved, "damaged" in (store.warning or ""),
      len(store.attempts()), path.read_bytes() == b"not a progress file\\n")
path.unlink()
"""


def test_damaged_storage_in_the_site(site, site_page):
    """On the site's drive, is a damaged progress file left as it is, with a note, while the
    answers are kept in memory?"""
    page = site_page
    if "lab/index.html" not in page.url:
        open_and_run_all(page, site, "notebooks/00-start-here.ipynb", ".jp-OutputArea-output")
    got = run_in_kernel(page, DAMAGED_STORE).split()
    assert got == ["BrowserProgressStore", "False", "False", "True", "1", "True"]
