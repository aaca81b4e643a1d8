"""The learner's app mode: every lesson and worksheet rendered by Voila shows no code, has its
title as the page title, and shows its text and widgets in the notebook's order; a quiz works.

Voila needs no template or configuration of ours: it hides code by default, and the build
writes each notebook's title into ``metadata.title``, which Voila uses as the page title.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, ROOT, free_port, stop, wait_for

pytestmark = pytest.mark.browser
LESSON = "01-geneva-summit"


@pytest.fixture(scope="module")
def voila(tmp_path_factory, lab):
    """Voila serving the copy of the lessons that the JupyterLab tests use, on loopback, as
    Binder's Voila link does (``/voila/render/<path>``)."""
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
    page.goto(f"{voila}/voila/render/notebooks/{LESSON}.ipynb", timeout=120_000)
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


def notebooks_to_render() -> list[str]:
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
        (ROOT / "exercises").glob("*.ipynb")
    )
    return [str(p.relative_to(ROOT)) for p in paths]


def is_widget_cell(cell: dict) -> bool:
    """A cell whose output is a widget (the build marks them when it strips the views)."""
    return bool(cell["metadata"].get("lessonkit", {}).get("widget"))


@pytest.mark.parametrize("path", notebooks_to_render())
def test_every_lesson_renders_as_an_app(page, voila, path):
    """Does Voila show the lesson with its title, no code, every cell in order, and a live
    widget in every place where the notebook has one, with no error?"""
    nb = json.loads((ROOT / path).read_text(encoding="utf-8"))
    cells = nb["cells"]
    page.goto(f"{voila}/voila/render/{path}", timeout=120_000)
    page.wait_for_function(
        f"document.querySelectorAll('.jp-Cell').length === {len(cells)}", timeout=120_000
    )
    widget_cells = [i for i, c in enumerate(cells) if is_widget_cell(c)]
    shown = page.locator(".jp-Cell")
    for i in widget_cells:  # in order: each widget is in its own cell's place
        shown.nth(i).locator(".jupyter-widgets").first.wait_for(timeout=120_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"voila-{Path(path).stem}.png"))
    assert page.title().strip() == nb["metadata"]["title"]
    kinds = ["jp-MarkdownCell" if c["cell_type"] == "markdown" else "jp-CodeCell" for c in cells]
    classes = shown.evaluate_all("(els) => els.map((e) => e.className)")
    assert [k for k, c in zip(kinds, classes, strict=True) if k not in c] == []
    assert page.locator(".jp-InputArea-editor, .cm-editor, .CodeMirror").count() == 0
    body = page.inner_text("body")
    for cell in cells:
        if cell["cell_type"] == "code":
            assert "".join(cell["source"]).splitlines()[-1] not in body
    assert "Traceback" not in body
    broken = page.evaluate(
        "[...document.images].filter((i) => !i.complete || i.naturalWidth === 0)"
        ".map((i) => i.alt || i.src)"
    )
    assert broken == [], f"pictures that did not load: {broken}"
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    first_heading = next(
        line[2:]
        for c in cells
        if c["cell_type"] == "markdown"
        for line in "".join(c["source"]).splitlines()
        if line.startswith("# ")
    )
    assert page.locator("h1").first.inner_text().strip() == first_heading.replace("**", "")


@pytest.mark.parametrize(
    "slug",
    [p.stem for p in sorted((ROOT / "notebooks").glob("0[1-4]-*.ipynb"))],
)
def test_the_level_switch_and_an_easier_question(page, voila, slug):
    """In a real browser, does each article lesson open on the original, switch to the easier
    text (its attribution and numbered paragraphs) and back, and grade a question on the easier
    text?"""
    data = json.loads((ROOT / "data" / f"{slug}.json").read_text(encoding="utf-8"))
    adapted = data["adapted"]
    page.goto(f"{voila}/voila/render/notebooks/{slug}.ipynb", timeout=120_000)
    view = page.locator(".lk-versions").first
    view.wait_for(timeout=120_000)
    text = view.locator(".lk-version-text")
    assert data["article"]["title"] in text.inner_text()
    view.locator(".lk-version-switch button", has_text="Easier text").click()
    text.get_by_text("Adapted for learners").wait_for(timeout=30_000)
    shown = text.inner_text()
    assert adapted["title"] in shown and "[1]" in shown
    assert adapted["paragraphs"][-1]["text"][:40] in shown
    view.locator(".lk-version-switch button", has_text="Original text").click()
    text.get_by_text(data["article"]["title"]).first.wait_for(timeout=30_000)
    assert "Adapted for learners" not in text.inner_text()
    # A true / false / not given question on the easier text, answered right.
    quiz = page.locator(".lk-easier-quiz").first
    quiz.locator(".lk-prompt").first.get_by_text(adapted["questions"][0]["prompt"][:30]).wait_for(
        timeout=30_000
    )
    n, item = next((i, q) for i, q in enumerate(adapted["questions"]) if q["type"] == "tfng")
    labels = {"true": "True", "false": "False", "not given": "Not given"}
    box = quiz.locator(".lk-item").nth(n)
    box.locator(".lk-choice label", has_text=labels[item["answer"]]).first.click()
    box.locator(".lk-check").click()
    box.locator(".lk-feedback").get_by_text("Correct").wait_for(timeout=30_000)
