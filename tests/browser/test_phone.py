"""Lesson 1 and its worksheet on a phone: Voila at 360 x 740 with touch, as a learner opens it.

Nothing may stick out sideways (every control's box inside the screen, no sideways scroll of
the page), every button of the word views is at least 44 px, and the word views work by touch:
a tap on a marked word shows its meaning, a tap turns a flashcard, and the writing task can be
typed and checked. Screenshots go to test-artifacts/ (not committed).
"""

from __future__ import annotations

import json

import pytest

from .conftest import ARTIFACTS, ROOT
from .test_voila import voila  # noqa: F401 (the Voila server fixture)

pytestmark = pytest.mark.browser
LESSON = "01-geneva-summit"
WIDTH, HEIGHT = 360, 740
WORD_VIEWS = ".lk-reader-view, .lk-glossary, .lk-flashcards, .lk-writing-view"
LISTENING = ".lk-player-view, .lk-cliptasks-view"


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT},
        has_touch=True,
        is_mobile=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def sideways(page, views: str = WORD_VIEWS) -> dict:
    """What sticks out of the screen: the page's sideways scroll, and every control (button,
    box, list, link, table) of the views whose box is not inside the screen's width."""
    return page.evaluate(
        """(views) => {
        const width = document.documentElement.clientWidth;
        const out = [];
        const controls = [...document.querySelectorAll(views)].flatMap((v) =>
          [...v.querySelectorAll('button, input, select, textarea, a, table, .lk-card')]);
        for (const c of controls) {
          const r = c.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          if (r.left < -1 || r.right > width + 1) {
            out.push(`${c.className || c.tagName}: ${(c.textContent || '').trim().slice(0, 30)}`
              + ` [${Math.round(r.left)}, ${Math.round(r.right)}]`);
          }
        }
        return {page: document.documentElement.scrollWidth - width, controls: out};
      }""",
        views,
    )


def small_targets(page) -> list[str]:
    """Buttons, boxes and lists of the word views smaller than 44 px (a word marked inside a
    sentence is exempt, as in WCAG 2.5.8: the line of text sets its height)."""
    return page.evaluate(
        """(views) => {
        const out = [];
        for (const view of document.querySelectorAll(views)) {
          for (const c of view.querySelectorAll('button, input, select, textarea')) {
            if (c.classList.contains('lk-glossary-word')) continue;
            const r = c.getBoundingClientRect();
            if (r.width === 0) continue;
            if (r.height < 44 || r.width < 44) {
              out.push(`${c.className}: ${c.textContent.trim()} ${r.width}x${r.height}`);
            }
          }
        }
        return out;
      }""",
        WORD_VIEWS,
    )


def clipped_labels(page) -> list[str]:
    """Buttons whose text does not fit (shown as "Lo…" or cut off)."""
    return page.evaluate(
        """(views) => [...document.querySelectorAll(views)].flatMap((v) =>
            [...v.querySelectorAll('button')].filter((b) => b.offsetWidth > 0
              && b.scrollWidth > b.clientWidth + 1).map((b) => b.textContent.trim()))""",
        WORD_VIEWS,
    )


def test_lesson_on_a_phone_by_touch(phone, voila):  # noqa: F811
    """Does lesson 1 fit a 360 px phone, and do the word views work by touch?"""
    page = phone
    page.goto(f"{voila}/voila/render/notebooks/{LESSON}.ipynb", timeout=120_000)
    page.wait_for_selector(".lk-results-view", timeout=120_000)
    page.wait_for_selector(".lk-reader .lk-glossary-word", timeout=60_000)
    page.wait_for_selector(".lk-flashcards .lk-card", timeout=60_000)
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-lesson.png"))
    found = sideways(page)
    assert found["page"] <= 1, f"the page scrolls sideways by {found['page']} px"
    assert found["controls"] == []
    assert sideways(page, LISTENING)["controls"] == []
    assert small_targets(page) == []
    assert clipped_labels(page) == []
    body = page.inner_text("body").lower()
    assert "mouse" not in body and "hover" not in body

    data = json.loads((ROOT / "data" / f"{LESSON}.json").read_text(encoding="utf-8"))
    glossary = {g["word"]: g for g in data["glossary"]}

    # A tap on a marked word in the article shows its meaning under the paragraph.
    reader = page.locator(".lk-reader-view")
    word = reader.locator(".lk-reader .lk-glossary-word").nth(2)
    word.scroll_into_view_if_needed()
    word.tap()
    popover = reader.locator(".lk-popover")
    popover.wait_for(state="visible", timeout=10_000)
    entry = glossary[word.get_attribute("data-word")]
    assert entry["definition"] in popover.inner_text()
    assert word.get_attribute("aria-expanded") == "true"
    popover.locator(".lk-more").tap()
    popover.get_by_text("In the article").wait_for(timeout=10_000)
    popover.screenshot(path=str(ARTIFACTS / "phone-marked-word.png"))
    assert sideways(page)["controls"] == []
    popover.locator(".lk-close").tap()
    assert popover.is_hidden() and word.get_attribute("aria-expanded") == "false"

    # The look-up box and its button fit, and a typed word is looked up.
    reader.locator(".lk-lookup").fill("treaty")
    reader.locator(".lk-lookup-go").tap()
    reader.locator(".lk-panel").get_by_text(glossary["treaty"]["definition"]).wait_for()
    reader.locator(".lk-panel").screenshot(path=str(ARTIFACTS / "phone-word-panel.png"))

    # A tap on the flashcard turns it over.
    cards = page.locator(".lk-flashcards")
    card = cards.locator(".lk-card")
    card.scroll_into_view_if_needed()
    front = card.locator(".lk-card-word").inner_text()
    card.tap()
    cards.locator(".lk-card-back").wait_for(timeout=10_000)
    assert glossary[front]["definition"] in card.inner_text()
    cards.screenshot(path=str(ARTIFACTS / "phone-flashcard.png"))
    cards.locator(".lk-knew").tap()
    cards.get_by_text("✔ I knew it: 1").wait_for(timeout=10_000)

    # The word list is a card per word: no column is cut off.
    words = page.locator(".lk-glossary")
    words.scroll_into_view_if_needed()
    words.screenshot(path=str(ARTIFACTS / "phone-word-list.png"))
    found = sideways(page)
    assert found["page"] <= 1 and found["controls"] == []


def test_writing_on_a_phone(phone, voila):  # noqa: F811
    """Can a learner type the worksheet's writing task on a phone and check it by touch?"""
    page = phone
    path = f"exercises/{LESSON}-worksheet.ipynb"
    page.goto(f"{voila}/voila/render/{path}", timeout=120_000)
    view = page.locator(".lk-writing-view")
    view.wait_for(timeout=120_000)
    page.wait_for_timeout(500)
    found = sideways(page)
    assert found["page"] <= 1 and found["controls"] == []
    assert small_targets(page) == []
    box = view.locator("textarea")
    box.scroll_into_view_if_needed()
    box.tap()
    page.keyboard.type("The leaders met in Geneva. They said the talks were good.")
    view.get_by_text("11 words").wait_for(timeout=10_000)
    assert view.locator(".lk-show-model").is_hidden()
    view.locator(".lk-check-writing").tap()
    feedback = view.locator(".lk-feedback")
    feedback.get_by_text("Too short: 11 words").wait_for(timeout=10_000)
    assert "✘" in feedback.inner_text()  # a symbol and words, not colour alone
    view.screenshot(path=str(ARTIFACTS / "phone-writing.png"))
    assert sideways(page)["controls"] == []


def test_word_review_on_a_phone(phone, voila):  # noqa: F811
    """Does the word review fit a phone, turn a card on a tap and take a mark by touch?"""
    page = phone
    page.goto(f"{voila}/voila/render/notebooks/90-word-review.ipynb", timeout=120_000)
    cards = page.locator(".lk-flashcards")
    cards.locator(".lk-card").wait_for(timeout=120_000)
    page.wait_for_timeout(500)
    found = sideways(page)
    assert found["page"] <= 1 and found["controls"] == []
    assert small_targets(page) == [] and clipped_labels(page) == []
    status = cards.locator(".lk-card-status").inner_text()
    cards.locator(".lk-card").tap()
    cards.locator(".lk-card-back").wait_for(timeout=10_000)
    cards.screenshot(path=str(ARTIFACTS / "phone-review.png"))
    cards.locator(".lk-knew").tap()
    cards.get_by_text("✔ I knew it: 1").wait_for(timeout=10_000)
    assert cards.locator(".lk-card-status").inner_text() != status
