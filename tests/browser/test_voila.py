"""The learner's app mode: a lesson rendered by Voila shows no code, and its quiz works."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ARTIFACTS, ROOT, free_port, stop, wait_for

pytestmark = pytest.mark.browser
LESSON = "01-geneva-summit"


@pytest.fixture(scope="module")
def voila(tmp_path_factory, lab):
    """Voila serving the copy of the notebooks that the JupyterLab tests use, on loopback."""
    _, served, _ = lab
    port = free_port()
    progress = tmp_path_factory.mktemp("voila-progress") / "progress.sqlite3"
    env = dict(os.environ, LESSONKIT_PROGRESS=str(progress))
    log = (tmp_path_factory.mktemp("voila-log") / "voila.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            f"notebooks/{LESSON}.ipynb",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--MappingKernelManager.cull_idle_timeout=120",
        ],
        cwd=served,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, seconds=60)
        yield base
    finally:
        stop(server)
        log.close()


def test_quiz_in_voila_with_no_code(page, voila):
    """Does Voila show the lesson with no code, and grade an answer?"""
    page.goto(voila, timeout=120_000)
    page.wait_for_selector(".lk-results-view", timeout=120_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"voila-{LESSON}.png"))
    assert "open_lesson" not in page.inner_text("body")
    assert page.locator(".jp-CodeCell .jp-InputArea, .CodeMirror, .cm-editor").count() == 0
    data = json.loads((ROOT / "data" / f"{LESSON}.json").read_text(encoding="utf-8"))
    n, item = next((i, q) for i, q in enumerate(data["questions"]) if q["type"] == "tfng")
    labels = {"true": "True", "false": "False", "not given": "Not given"}
    box = page.locator(".lk-quiz").first.locator(".lk-item").nth(n)
    box.locator(".lk-choice label", has_text=labels[item["answer"]]).first.click()
    box.locator(".lk-check").click()
    box.locator(".lk-feedback").get_by_text("Correct").wait_for(timeout=30_000)
