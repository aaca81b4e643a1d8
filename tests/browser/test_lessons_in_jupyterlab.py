"""Learners' paths through the lessons in a real JupyterLab, in Chromium.

nbval re-runs every cell but never clicks; these tests click and type as a learner would.
Screenshots of every lesson after Run All go to test-artifacts/ (not committed).
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import ARTIFACTS, ROOT, open_and_run_all
from .quizpage import answer_in_page

pytestmark = pytest.mark.browser
LESSON = "01-geneva-summit"
MANIFEST_SLUGS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
LAST_WIDGET = {
    "00-start-here": "text=Well done! You ran a cell.",
    "90-word-review": ".lk-flashcards",
}


def items_of(slug: str) -> list[dict]:
    return json.loads((ROOT / "data" / f"{slug}.json").read_text(encoding="utf-8"))["questions"]


def first_of_type(slug: str, kind: str) -> tuple[int, dict]:
    return next((i, item) for i, item in enumerate(items_of(slug)) if item["type"] == kind)


@pytest.mark.parametrize("slug", MANIFEST_SLUGS)
def test_every_lesson_runs_without_errors(page, lab, slug):
    """Does each lesson run to its last widget with no error output? (screenshot saved)"""
    open_and_run_all(page, lab, slug, LAST_WIDGET.get(slug, ".lk-results-view"))
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{slug}.png"))
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.first.inner_text()
    assert page.locator(".jp-OutputArea-output .ansi-red-fg").count() == 0
    assert serious_violations(page) == []


def serious_violations(page) -> list[str]:
    """axe-core's serious or critical findings in what the lesson shows (its outputs).

    JupyterLab's own interface is not ours to fix, so the check covers the output areas,
    where every widget and table of a lesson is drawn.
    """
    found = Axe().run(page, context={"include": [[".jp-OutputArea-output"]]})
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in found.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def hostile_elements(page) -> int:
    """Elements that markup typed by a learner would create if a widget did not escape it."""
    return page.locator(
        ".lk-feedback img, .lk-results img, .lk-feedback script, .lk-results script"
    ).count()


def test_the_checks_fail_on_a_broken_widget(page, lab):
    """Would the accessibility and hostile-typing checks catch a broken widget? (A test of the
    tests: a label drawn without escaping, and a text box with no label.)"""
    open_and_run_all(page, lab, LESSON, ".lk-results-view")
    assert serious_violations(page) == [] and hostile_elements(page) == 0
    page.evaluate("""() => {
        const out = document.querySelector('.lk-quiz .lk-feedback');
        out.innerHTML = 'You typed: <img src=x>';            // an unescaped label
        const box = document.createElement('input');          // a control with no label
        out.appendChild(box);
    }""")
    assert hostile_elements(page) == 1
    found = serious_violations(page)
    assert any(v.startswith("image-alt") for v in found), found
    assert any(v.startswith("label") for v in found), found


def test_quiz_word_panel_flashcard_and_saved_score(page, lab):
    """Can a learner answer right and wrong, look up a word, flip a card, and see their
    saved score after a reload?"""
    open_and_run_all(page, lab, LESSON, ".lk-results-view")
    items = page.locator(".lk-quiz").first.locator(".lk-item")

    # True / false / not given: wrong first, then right.
    n, item = first_of_type(LESSON, "tfng")
    labels = {"true": "True", "false": "False", "not given": "Not given"}
    wrong = next(v for k, v in labels.items() if k != item["answer"])
    box = items.nth(n)
    box.locator(".lk-choice label", has_text=wrong).first.click()
    box.locator(".lk-check").click()
    feedback = box.locator(".lk-feedback")
    feedback.get_by_text("Not quite").wait_for()
    box.locator(".lk-choice label", has_text=labels[item["answer"]]).first.click()
    box.locator(".lk-check").click()
    feedback.get_by_text("Correct").wait_for()
    assert item["evidence"]["quote"][:20] in feedback.inner_text()

    # Multiple choice: the right option by its text.
    n, item = first_of_type(LESSON, "choice")
    right = next(o["text"] for o in item["options"] if o["correct"])
    box = items.nth(n)
    box.locator(".lk-choice label", has_text=right).first.click()
    box.locator(".lk-check").click()
    box.locator(".lk-feedback").get_by_text("Correct").wait_for()

    # Short answer: a typo gives "Almost", the accepted answer is right.
    n, item = first_of_type(LESSON, "short")
    box = items.nth(n)
    answer = item["accept"][0]
    text = box.locator(".lk-text input")
    if len(answer) >= 4:
        text.fill(answer[:-2] + answer[-1] + answer[-2])
        box.locator(".lk-check").click()
        box.locator(".lk-feedback").get_by_text("Almost").wait_for()
    text.fill(answer)
    box.locator(".lk-check").click()
    box.locator(".lk-feedback").get_by_text("Correct").wait_for()

    # Word panel from a key-word button, and a flashcard flip.
    word = json.loads((ROOT / "data" / f"{LESSON}.json").read_text(encoding="utf-8"))["glossary"][0]
    page.locator(".lk-word-button", has_text=word["word"]).first.click()
    page.locator(".lk-word-panel").get_by_text(word["definition"][:25]).wait_for()
    page.locator(".lk-flip").first.click()
    page.locator(".lk-card-back").first.wait_for()

    # Reload and run again: the saved score is shown.
    page.wait_for_timeout(500)
    open_and_run_all(page, lab, LESSON, ".lk-results-view")
    previous = page.locator(".lk-quiz .lk-previous").first
    previous.wait_for()
    assert "Last time you answered 3 of" in previous.inner_text()


@pytest.mark.parametrize("typed", ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"])
def test_hostile_typing_shows_as_text(page, lab, typed):
    """Does markup typed as an answer or a name stay text: no dialog, no new element?"""
    open_and_run_all(page, lab, LESSON, ".lk-results-view")
    n, _ = first_of_type(LESSON, "short")
    box = page.locator(".lk-quiz").first.locator(".lk-item").nth(n)
    box.locator(".lk-text input").fill(typed)
    box.locator(".lk-check").click()
    box.locator(".lk-feedback").get_by_text("Not quite").wait_for()
    results = page.locator(".lk-results-view")
    results.locator(".lk-learner-name input").fill(typed)
    results.locator(".lk-make-results").click()
    results.locator(".lk-results").get_by_text("Download my results (JSON").wait_for()
    assert typed in results.locator(".lk-results").inner_text()
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert hostile_elements(page) == 0


@pytest.mark.parametrize("kind", ["choice", "multi", "tfng", "gap", "match", "order", "short"])
def test_every_item_type_right_and_wrong_in_the_browser(page, lab, kind):
    """Does each item type give "Correct" for a right answer and no "Correct" for a wrong
    one, when a learner clicks and types in JupyterLab?"""
    open_and_run_all(page, lab, LESSON, ".lk-results-view")
    n, item = first_of_type(LESSON, kind)
    box = page.locator(".lk-quiz").first.locator(".lk-item").nth(n)
    feedback = box.locator(".lk-feedback")
    answer_in_page(box, item, right=False)
    # An earlier test may have answered it right: its feedback is shown again until this reply.
    feedback.locator(".lk-verdict", has_text=re.compile("✘|◐|≈")).wait_for()
    assert "Correct" not in feedback.inner_text()
    answer_in_page(box, item, right=True)
    feedback.get_by_text("✔ Correct.").wait_for()


def test_markup_in_a_learner_name_stays_text_in_the_dashboard(page, lab):
    """Does the class dashboard show a learner named "<script>alert(1)</script>" as text,
    with no dialog and no script element added?"""
    open_and_run_all(page, lab, "class-dashboard", ".lk-dashboard", folder="solutions")
    dashboard = page.locator(".lk-dashboard")
    assert "<script>alert(1)</script>" in dashboard.inner_text()
    assert dashboard.locator("script").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert serious_violations(page) == []
