"""Lesson 1 in Jupyter Notebook 7 (the classic-looking front end some schools use): Run All,
then a quiz answer is graded right and wrong, as in JupyterLab."""

from __future__ import annotations

import os

import pytest

from .conftest import ARTIFACTS, TOKEN, jupyter_server, lab_settings, wait_for_idle_kernel
from .test_jupyterhub import LESSON, TFNG_LABELS, tfng_items

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def notebook7(tmp_path_factory, lab):
    """Notebook 7 serving the copy of the lessons that the JupyterLab tests use."""
    _, served, _ = lab
    progress = tmp_path_factory.mktemp("nb7-progress") / "progress.sqlite3"
    settings = lab_settings(tmp_path_factory.mktemp("nb7-settings"))
    env = dict(os.environ, LESSONKIT_PROGRESS=str(progress), JUPYTERLAB_SETTINGS_DIR=str(settings))
    log = tmp_path_factory.mktemp("nb7-log") / "notebook.log"
    with jupyter_server("notebook", served, env, log) as base:
        yield base, progress


def test_quiz_works_in_notebook_7(page, notebook7):
    """Does lesson 1 run in Notebook 7, and is an answer graded right, then wrong?"""
    base, _ = notebook7
    path = f"notebooks/{LESSON}.ipynb"
    page.goto(f"{base}/notebooks/{path}?token={TOKEN}", timeout=120_000)
    page.wait_for_selector(".jp-Notebook", timeout=120_000)
    wait_for_idle_kernel(base, path)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_selector(".lk-results-view", timeout=120_000)
    position, item = tfng_items()[0]
    box = page.locator(".lk-quiz").first.locator(".lk-item").nth(position)
    box.scroll_into_view_if_needed()
    wrong = next(k for k in TFNG_LABELS if k != item["answer"])
    for choice, expected in ((item["answer"], "Correct"), (wrong, "Not quite")):
        box.locator(".lk-choice label", has_text=TFNG_LABELS[choice]).first.click()
        box.locator(".lk-check").click()
        box.locator(".lk-feedback").get_by_text(expected).wait_for(timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"notebook7-{LESSON}.png"))
    assert page.dialogs == []
