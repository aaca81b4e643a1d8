"""A school's JupyterHub: nbgitpuller links pull the lessons into each learner's home, open the
right lesson, and each learner's answers are graded and kept in their own saved-work file.

The hub is real (see hub.py): JupyterHub with configurable-http-proxy on 127.0.0.1, a login
form, one server per learner. The link is the one `lessonkit links --hub` prints.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from lessonkit.build.links import hub_pull

from .conftest import ARTIFACTS, ROOT
from .hub import jupyterhub, wait_for_kernel_idle

pytestmark = pytest.mark.browser
LESSON = "01-geneva-summit"
LEARNERS = ["amina", "bruno", "chen"]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    with jupyterhub(tmp_path_factory.mktemp("hub")) as running:
        yield running


def quiz_items() -> list[dict]:
    data = json.loads((ROOT / "data" / f"{LESSON}.json").read_text(encoding="utf-8"))
    return data["questions"]


def tfng_items() -> list[tuple[int, dict]]:
    """(position in the quiz, item) of each true / false / not given question."""
    return [(i, q) for i, q in enumerate(quiz_items()) if q["type"] == "tfng"]


TFNG_LABELS = {"true": "True", "false": "False", "not given": "Not given"}


def open_lesson_through_the_link(page, base: str, repo: Path, name: str) -> str:
    """Follow the nbgitpuller link as a learner: log in, wait for the pull and the lesson,
    Run All. Return the learner's server address."""
    link = hub_pull(base, str(repo), "main", f"notebooks/{LESSON}.ipynb")
    page.goto(link, timeout=120_000)
    # Not logged in: the hub shows its login form and comes back to the link afterwards.
    page.wait_for_selector("#username_input", timeout=120_000)
    login_next = page.url
    assert "/hub/login" in login_next
    page.fill("#username_input", name)
    page.fill("#password_input", "any-password")
    page.click("#login_submit")
    page.wait_for_url(
        f"**/user/{name}/lab/tree/lessonkit/notebooks/{LESSON}.ipynb*", timeout=300_000
    )
    server = f"{base}/user/{name}"
    wait_for_kernel_idle(page, server, f"lessonkit/notebooks/{LESSON}.ipynb")
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_selector(".lk-results-view", timeout=180_000)
    return server


def answer(page, position: int, item: dict, right: bool) -> str:
    """Answer one true / false / not given item; return the feedback word expected."""
    choice = item["answer"] if right else next(k for k in TFNG_LABELS if k != item["answer"])
    box = page.locator(".lk-quiz").first.locator(".lk-item").nth(position)
    box.locator(".lk-choice label", has_text=TFNG_LABELS[choice]).first.click()
    box.locator(".lk-check").click()
    expected = "Correct" if right else "Not quite"
    box.locator(".lk-feedback").get_by_text(expected).wait_for(timeout=60_000)
    return choice


def stored_attempts(home: Path) -> list[tuple]:
    path = home / ".lessonkit" / "progress.sqlite3"
    with sqlite3.connect(path) as db:
        return db.execute("SELECT lesson, item, answer, correct FROM attempts").fetchall()


def test_learners_follow_the_hub_link_and_keep_their_own_answers(browser, hub):
    """Does each learner log in, get the lessons pulled into their home, land on lesson 1,
    have an answer graded, and find it in their own saved-work file only?"""
    base, homes, repo = hub
    items = tfng_items()
    for n, name in enumerate(LEARNERS):
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        try:
            open_lesson_through_the_link(page, base, repo, name)
            position, item = items[n % len(items)]
            answer(page, position, item, right=n % 2 == 0)
            if n == 0:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "jupyterhub-lesson-01.png"))
        finally:
            context.close()
    for n, name in enumerate(LEARNERS):
        home = homes / name
        assert (home / "lessonkit" / "notebooks" / f"{LESSON}.ipynb").exists()
        assert (home / "lessonkit" / "data" / f"{LESSON}.json").exists()
        attempts = stored_attempts(home)
        assert len(attempts) == 1, f"{name}'s store has {attempts}"
        lesson, item_id, _, correct = attempts[0]
        position, item = items[n % len(items)]
        assert lesson == LESSON and item_id == item["id"]
        assert correct == (1 if n % 2 == 0 else 0)


def test_following_the_link_again_keeps_the_learners_work(browser, hub):
    """When a learner follows the link a second time (nbgitpuller pulls again), is their
    saved work still there, and does the lesson show their last score?"""
    base, homes, repo = hub
    name = LEARNERS[0]
    before = stored_attempts(homes / name)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        page.goto(hub_pull(base, str(repo), "main", f"notebooks/{LESSON}.ipynb"))
        if page.locator("#username_input").count():
            page.fill("#username_input", name)
            page.fill("#password_input", "any-password")
            page.click("#login_submit")
        page.wait_for_url(f"**/user/{name}/lab/tree/lessonkit/**", timeout=300_000)
    finally:
        context.close()
    assert stored_attempts(homes / name) == before
