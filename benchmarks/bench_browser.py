"""In a real browser: click to feedback, and Run All to the last widget, in JupyterLab.

A JupyterLab server on 127.0.0.1 serves a copy of the project; Debian's Chromium
(/usr/bin/chromium) is driven headless by Playwright (it never downloads a browser).
The set-up follows tests/browser/conftest.py (copied, not imported: those tests change).

- Click to feedback: a quiz's **Check** until its feedback text appears, against a minimal
  ipywidgets button that only sets a label. Both notebooks are open at once, each in its own
  window, and the clicks alternate between them; the quiz answer alternates right and wrong,
  so the feedback changes every time. Each time is measured inside the page (from the
  click event to the mutation that shows the text), so Playwright's own round trips do not
  count.
- Run All: from the click on **Run → Run All Cells** to the last widget of the notebook being
  drawn and visible, on a freshly started kernel (every run closes the kernels it used).
"""

from __future__ import annotations

import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from lessonkit.teacher.printing import CHROMIUM_ARGS  # the flags headless Chromium needs here

from ._common import SETTINGS, child_env, copy_project, log, notebook_stems, percentile, row

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

TOKEN = "lessonkit-bench"
CLICK_RATIO = 1.2
RUN_ALL_RATIO = 1.5  # times the one-button notebook's Run All, measured in the same run
CLICK_LESSON = "01-geneva-summit"
SETTLE_MS = 300  # the wait before every timed click
# The quick (smoke) run times Run All on these only.
QUICK_RUN_ALL = ("00-start-here", "01-geneva-summit", "01-geneva-summit-worksheet")
# The last widget of each kind of notebook (the test suite waits for the same ones).
LAST_WIDGET = {
    "00-start-here": "text:Well done! You ran a cell.",
    "90-word-review": ".lk-flashcards",
    "bench-button": ".bench-check",
    "bench-libraries": ".bench-libraries",
}
# JupyterLab's own default ("contentVisibility": cells out of view are in the page but not
# drawn until scrolled to) is what a learner has; None keeps it.
WINDOWING = None
LAST_WORKSHEET_WIDGET = ".lk-writing-view"
LAST_LESSON_WIDGET = ".lk-results-view"

BUTTON_CELLS = [
    "import ipywidgets as widgets\n\n"
    'label = widgets.Label("")\nlabel.add_class("bench-feedback")\n'
    'button = widgets.Button(description="Check")\nbutton.add_class("bench-check")\n'
    "clicks = [0]\n\n\n"
    "def on_click(_):\n"
    "    clicks[0] += 1\n"
    '    label.value = "✔ Correct." if clicks[0] % 2 else "✘ Not quite."\n\n\n'
    "button.on_click(on_click)\nwidgets.VBox([button, label])",
]
LIBRARY_CELLS = [
    "import ipywidgets as widgets\nimport pandas as pd",
    'pd.DataFrame({"word": ["summit", "sanction", "olive branch"], "level": ["B1", "C1", "B2"]})',
    'button = widgets.Button(description="Check")\nbutton.add_class("bench-libraries")\nbutton',
]

# In the page: click an element and time until a watched element's text contains a string.
TIMED_CLICK = """async ([clickSel, watchSel, expected, index]) => {
  const click = document.querySelectorAll(clickSel)[index];
  const watch = document.querySelectorAll(watchSel)[index];
  return await new Promise((resolve, reject) => {
    let t0 = null;
    const done = () => {
      if (t0 !== null && watch.textContent.includes(expected)) {
        observer.disconnect();
        resolve(performance.now() - t0);
      }
    };
    const observer = new MutationObserver(done);
    observer.observe(watch, {subtree: true, childList: true, characterData: true});
    setTimeout(() => { observer.disconnect(); reject(new Error('no feedback in 20 s')); }, 20000);
    t0 = performance.now();
    click.click();
  });
}"""

# In the page: arm a watcher; Run All is timed from the next pointer-up (Lumino menus act on
# it; the menu is already open when this is armed) to the first moment the last widget is
# in the page and has a size.
ARM_RUN_ALL = """(target) => {
  window.__lkRun = {t0: null, t1: null};
  const found = () => {
    if (target.startsWith('text:')) {
      const text = target.slice(5);
      return [...document.querySelectorAll('.jp-OutputArea-output')].find(
        (e) => e.textContent.includes(text));
    }
    return document.querySelector(target);
  };
  const stale = found();  // stored outputs shown before the run do not count
  const observer = new MutationObserver(() => {
    if (window.__lkRun.t0 === null) return;
    const e = found();
    if (e && e !== stale && e.isConnected && e.getClientRects().length > 0) {
      window.__lkRun.t1 = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
  document.addEventListener('pointerup', () => {
    if (window.__lkRun.t0 === null) window.__lkRun.t0 = performance.now();
  }, {capture: true, once: true});
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, path: str, method: str = "GET"):
    request = urllib.request.Request(f"{base}{path}?token={TOKEN}", method=method)
    with urllib.request.urlopen(request, timeout=10) as reply:
        body = reply.read()
    return json.loads(body) if body else None


def wait_for_server(base: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            api(base, "/api/status")
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the Jupyter server did not answer in {seconds} s")


def wait_for_idle_kernel(base: str, path: str, seconds: float = 90) -> None:
    """Wait until the server says the notebook's kernel is idle (then let the page connect)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for session in api(base, "/api/sessions"):
            kernel = session.get("kernel") or {}
            if session.get("path") == path and kernel.get("execution_state") == "idle":
                time.sleep(1.0)
                return
        time.sleep(0.2)
    raise RuntimeError(f"no idle kernel for {path} after {seconds} s")


def close_sessions(base: str) -> None:
    """Shut down every kernel, so the next opening starts a fresh one."""
    for session in api(base, "/api/sessions"):
        api(base, f"/api/sessions/{session['id']}", method="DELETE")


def write_notebook(path: Path, sources: list[str]) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


class Lab:
    """A JupyterLab server on loopback serving a copy of the project, stopped on exit."""

    def __init__(self, tmp: Path, windowing: str | None = WINDOWING):
        self.tmp = tmp
        self.served = copy_project(tmp / "served")
        bench = self.served / "bench"
        bench.mkdir()
        write_notebook(bench / "bench-button.ipynb", BUTTON_CELLS)
        write_notebook(bench / "bench-libraries.ipynb", LIBRARY_CELLS)
        settings = tmp / "settings"
        for folder, name, value in [
            (
                "apputils-extension",
                "notification",
                {"fetchNews": "false", "checkForUpdates": False},
            ),
            # Draw every cell (no virtual scrolling), as the browser tests do.
            ("notebook-extension", "tracker", {"windowingMode": "none"}),
        ]:
            where = settings / "@jupyterlab" / folder
            where.mkdir(parents=True)
            (where / f"{name}.jupyterlab-settings").write_text(json.dumps(value))
        port = free_port()
        env = child_env(tmp)
        env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
        env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp / "workspaces")
        self.log = (tmp / "lab.log").open("w")
        self.server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--allow-root",
                f"--port={port}",
                "--ServerApp.ip=127.0.0.1",
                f"--IdentityProvider.token={TOKEN}",
                f"--ServerApp.root_dir={self.served}",
                "--ServerApp.port_retries=0",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=self.served,
        )
        self.base = f"http://127.0.0.1:{port}"

    def __enter__(self):
        try:
            wait_for_server(self.base)
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        self.server.terminate()
        try:
            self.server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.server.kill()
        self.log.close()


def open_notebook(page, lab: Lab, path: str) -> None:
    page.goto(f"{lab.base}/lab/tree/{path}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=90_000)
    wait_for_idle_kernel(lab.base, path)


def run_all(page, lab: Lab, path: str, target: str) -> float:
    """Open a notebook on a fresh kernel; seconds from Run All to its last widget visible."""
    open_notebook(page, lab, path)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.evaluate(ARM_RUN_ALL, target)
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_function(
        "() => window.__lkRun && window.__lkRun.t1 !== null", timeout=120_000, polling=100
    )
    times = page.evaluate("() => window.__lkRun")
    close_sessions(lab.base)
    return (times["t1"] - times["t0"]) / 1000


def last_widget(folder: str, stem: str) -> str:
    if stem in LAST_WIDGET:
        return LAST_WIDGET[stem]
    return LAST_WORKSHEET_WIDGET if folder == "exercises" else LAST_LESSON_WIDGET


def first_tfng(slug: str, root: Path) -> tuple[int, dict]:
    data = json.loads((root / "data" / f"{slug}.json").read_text(encoding="utf-8"))
    return next((i, q) for i, q in enumerate(data["questions"]) if q["type"] == "tfng")


def click_rows(browser, lab: Lab, clicks: int) -> list[dict]:
    """Alternating clicks: the minimal button, then the quiz's Check (answer right, wrong, ...)."""
    pages = {}
    for name, path, target in [
        ("button", "bench/bench-button.ipynb", ".bench-check"),
        ("quiz", f"notebooks/{CLICK_LESSON}.ipynb", LAST_LESSON_WIDGET),
    ]:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        open_notebook(page, lab, path)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        page.wait_for_selector(target, timeout=120_000)
        page.wait_for_timeout(1000)
        pages[name] = page
    n, item = first_tfng(CLICK_LESSON, lab.served)
    labels = {"true": "True", "false": "False", "not given": "Not given"}
    wrong = next(k for k in labels if k != item["answer"])
    quiz_item = pages["quiz"].locator(".lk-quiz").first.locator(".lk-item").nth(n)
    quiz_item.scroll_into_view_if_needed()
    # The index of this item's Check button among all on the page (every .lk-check in order).
    index = pages["quiz"].evaluate(
        """([n]) => {
          const item = document.querySelector('.lk-quiz').querySelectorAll('.lk-item')[n];
          return [...document.querySelectorAll('.lk-item')].indexOf(item);
        }""",
        [n],
    )
    times: dict[str, list[float]] = {"button": [], "quiz": []}
    for i in range(clicks):
        # Both sides wait the same before their click, so that neither meets the tail of the
        # other's work (the machine has two cores).
        pages["button"].wait_for_timeout(SETTLE_MS)
        ms = pages["button"].evaluate(
            TIMED_CLICK, [".bench-check", ".bench-feedback", "✔" if i % 2 == 0 else "✘", 0]
        )
        times["button"].append(ms)
        right = i % 2 == 0
        answer = item["answer"] if right else wrong
        quiz_item.locator(".lk-choice label", has_text=labels[answer]).first.click()
        pages["quiz"].wait_for_timeout(SETTLE_MS)  # the choice reaches the kernel first
        ms = pages["quiz"].evaluate(
            TIMED_CLICK,
            [
                ".lk-item .lk-check",
                ".lk-item .lk-feedback",
                "Correct" if right else "Not quite",
                index,
            ],
        )
        times["quiz"].append(ms)
    for page in pages.values():
        page.context.close()
    close_sessions(lab.base)
    log(
        f"  clicks: button median {statistics.median(times['button']):.1f} ms, "
        f"quiz median {statistics.median(times['quiz']):.1f} ms"
    )
    base_p95 = percentile(times["button"], 95)
    button = row("click", "baseline: minimal button sets a label", "ms", times["button"])
    button["p95"] = round(base_p95, 2)
    button["baseline"], button["ratio"] = round(base_p95, 2), 1.0
    quiz = row("click", f"quiz Check to feedback ({CLICK_LESSON}, p95 ratio)", "ms", times["quiz"])
    quiz["p95"] = round(percentile(times["quiz"], 95), 2)
    quiz["baseline"] = round(base_p95, 2)
    quiz["ratio"] = round(quiz["p95"] / base_p95, 3)
    quiz["target"] = f"p95 ≤ {CLICK_RATIO} × baseline p95"
    quiz["met"] = quiz["ratio"] <= CLICK_RATIO
    median_ratio = statistics.median(times["quiz"]) / statistics.median(times["button"])
    quiz_median = row(
        "click",
        f"quiz Check to feedback ({CLICK_LESSON}, median ratio)",
        "ms",
        times["quiz"],
        baseline=statistics.median(times["button"]),
        ratio=median_ratio,
    )
    quiz_median["target"] = "reported"
    return [button, quiz_median, quiz]


def run_all_rows(browser, lab: Lab, runs: int, quick: bool) -> list[dict]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    targets = [("bench", "bench-button"), ("bench", "bench-libraries")]
    found = notebook_stems(("notebooks", "exercises"))
    if quick and not SETTINGS.lessons:
        found = [(f, s) for f, s in found if s in QUICK_RUN_ALL]
    targets += found
    times: dict[str, list[float]] = {f"{f}/{s}": [] for f, s in targets}
    for r in range(runs):
        for folder, stem in targets:
            seconds = run_all(page, lab, f"{folder}/{stem}.ipynb", last_widget(folder, stem))
            times[f"{folder}/{stem}"].append(seconds)
            log(f"  run all {r + 1}/{runs} {folder}/{stem}: {seconds:.2f} s")
    context.close()
    minimal = statistics.median(times["bench/bench-button"])
    out = [
        row("run-all", "baseline: one button", "s", times["bench/bench-button"], baseline=minimal),
        row(
            "run-all",
            "baseline: libraries only",
            "s",
            times["bench/bench-libraries"],
            baseline=minimal,
        ),
    ]
    for folder, stem in targets[2:]:
        r = row("run-all", f"{folder}/{stem}", "s", times[f"{folder}/{stem}"], baseline=minimal)
        r["target"] = f"≤ {RUN_ALL_RATIO} × one button"
        r["met"] = r["median"] <= RUN_ALL_RATIO * minimal
        out.append(r)
    return out


def run(quick: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError("Chromium is missing: run 'apt-get install chromium' (as root).")
    clicks = SETTINGS.clicks or (6 if quick else 200)  # issue 20: at least 200 interleaved
    runs = 1 if quick else 3
    with (
        tempfile.TemporaryDirectory(prefix="lessonkit-bench-") as tmp,
        Lab(Path(tmp)) as lab,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            rows = click_rows(browser, lab, clicks)
            rows += run_all_rows(browser, lab, runs, quick)
        finally:
            browser.close()
    return rows
