"""The word views (reader, word list, flashcards, writing) in a real JupyterLab and Chromium,
used with the keyboard as well as a pointer: what the learner sees after each press, axe-core
finds nothing serious, and the writing task's model answer reaches the browser only when the
learner asks for it (every kernel message the page receives is recorded)."""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import ARTIFACTS, ROOT, open_and_run_all

pytestmark = pytest.mark.browser
LESSON = "01-geneva-summit"


def data() -> dict:
    return json.loads((ROOT / "data" / f"{LESSON}.json").read_text(encoding="utf-8"))


def serious(page, selector: str) -> list[str]:
    found = Axe().run(page, context={"include": [[selector]]})
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in found.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def lesson(page, lab):
    open_and_run_all(page, lab, LESSON, ".lk-flashcards .lk-card")
    page.locator(".lk-reader-view .lk-glossary-word").first.wait_for()
    return page


def test_reader_by_keyboard_and_pointer(lesson):
    """Do the key words, the look-up box (Enter) and a marked word (Enter, then Escape) show
    the meaning, with the focus back on the word after Escape?"""
    page = lesson
    glossary = {g["word"]: g for g in data()["glossary"]}
    reader = page.locator(".lk-reader-view")
    reader.scroll_into_view_if_needed()
    panel = reader.locator(".lk-panel")
    assert "Type a word" in panel.inner_text()

    reader.locator(".lk-word-button", has_text="treaty").click()
    panel.get_by_text(glossary["treaty"]["definition"]).wait_for()
    assert "In the article" in panel.inner_text()

    reader.locator(".lk-lookup").fill("leaders")
    reader.locator(".lk-lookup").press("Enter")
    panel.get_by_text("from WordNet").wait_for()
    reader.locator(".lk-lookup").fill("<img src=x onerror=alert(1)>")
    reader.locator(".lk-lookup-go").click()
    panel.get_by_text("This word is not in the article.").wait_for()
    assert panel.locator("img").count() == 0 and page.dialogs == []

    mark = reader.locator(".lk-reader .lk-glossary-word").nth(4)
    word = mark.get_attribute("data-word")
    mark.focus()
    page.keyboard.press("Enter")
    popover = reader.locator(".lk-popover")
    popover.wait_for(state="visible")
    assert glossary[word]["definition"] in popover.inner_text()
    assert mark.get_attribute("aria-expanded") == "true"
    # The meaning sits under the word's own paragraph.
    assert popover.evaluate("(p) => p.previousElementSibling.contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert popover.is_hidden()
    assert mark.evaluate("(m) => m === document.activeElement")
    mark.click()
    popover.locator(".lk-more").click()
    popover.get_by_text("In the article").wait_for()
    assert serious(page, ".lk-reader-view") == []
    ARTIFACTS.mkdir(exist_ok=True)
    popover.screenshot(path=str(ARTIFACTS / "reader-meaning-1280.png"))


def test_say_it_plays_a_word(lesson):
    """When the lesson has recordings of its words, does Say it play one (sent when pressed)?"""
    page = lesson
    say = page.locator(".lk-reader-view .lk-say")
    page.locator(".lk-reader-view .lk-word-button").first.click()
    page.locator(".lk-reader-view .lk-panel .lk-panel-word").wait_for()
    if say.count() == 0:
        pytest.skip("this lesson has no recordings of its words (data/audio/<slug>-words.json)")
    button = say.first
    button.click()
    page.wait_for_function(
        "(b) => b.lkAudio && (b.lkAudio.currentTime > 0 || b.lkAudio.ended)",
        arg=button.element_handle(),
        timeout=15_000,
    )
    assert button.evaluate("(b) => b.lkAudio.error") is None


def test_flashcards_by_keyboard(lesson):
    """Does Enter on Turn over show the back, and do the marks count in words and symbols?"""
    page = lesson
    cards = page.locator(".lk-flashcards").first
    cards.scroll_into_view_if_needed()
    first = cards.locator(".lk-card-word").inner_text()
    cards.locator(".lk-flip").focus()
    page.keyboard.press("Enter")
    cards.locator(".lk-card-back").wait_for()
    glossary = {g["word"]: g for g in data()["glossary"]}
    assert glossary[first]["definition"] in cards.locator(".lk-card").inner_text()
    assert cards.locator(".lk-flip").get_attribute("aria-pressed") == "true"
    cards.locator(".lk-not-yet").click()
    cards.get_by_text("✘ Not yet: 1").wait_for()
    assert cards.locator(".lk-card-front").count() == 1  # the next card shows its front
    assert cards.locator(".lk-card-word").inner_text() != first
    cards.locator(".lk-prev").click()
    cards.get_by_text("this card: ✘ Not yet").wait_for()
    assert serious(page, ".lk-flashcards") == []


def test_word_list_filter_sort_and_download(lesson):
    """Do the part-of-speech and sort lists redraw the table, and is the download a CSV?"""
    page = lesson
    words = page.locator(".lk-glossary")
    words.scroll_into_view_if_needed()
    glossary = data()["glossary"]
    assert words.locator("tbody tr").count() == len(glossary)
    words.locator("select.lk-glossary-pos").select_option("noun")
    nouns = sorted((g["word"] for g in glossary if g["pos"] == "noun"), key=str.lower)
    page.wait_for_function(
        "(n) => document.querySelectorAll('.lk-glossary tbody tr').length === n", arg=len(nouns)
    )
    shown = words.locator("tbody th .lk-cell-text").all_inner_texts()
    assert shown == nouns
    assert words.get_by_text(f"{len(nouns)} words").count() == 1
    words.locator("select.lk-glossary-sort").select_option("level")
    levels = sorted(g["level"] for g in glossary if g["pos"] == "noun")
    page.wait_for_function(
        """(levels) => JSON.stringify([...document.querySelectorAll(
            '.lk-glossary td[data-label="Level"] .lk-cell-text')].map((c) => c.textContent))
            === JSON.stringify(levels)""",
        arg=levels,
    )
    link = words.locator("a.lk-download")
    assert link.get_attribute("href").startswith("data:text/csv;base64,")
    assert link.get_attribute("download") == f"words-{LESSON}.csv"
    assert serious(page, ".lk-glossary") == []


def test_writing_check_and_model_answer_only_when_asked(page, lab):
    """Does the worksheet's writing task count words, check and save the text, and does its
    model answer reach the browser only after Show a model answer (every kernel message the
    page receives is recorded)?"""
    received: list[str] = []

    def record(ws):
        def keep(payload):
            if isinstance(payload, bytes):
                payload = payload.decode("utf-8", "replace")
            received.append(payload)

        ws.on("framereceived", keep)

    page.on("websocket", record)
    open_and_run_all(page, lab, f"{LESSON}-worksheet", ".lk-writing-view", folder="exercises")
    task = data()["worksheet"]["writing"]
    view = page.locator(".lk-writing-view")
    view.scroll_into_view_if_needed()
    # A stretch of the model answer with no character that JSON would escape.
    piece = max(re.split(r"[\"\n\\\\’“”]", task["model_answer"]), key=len)[:40]
    assert len(piece) >= 20

    box = view.locator("textarea")
    box.fill("Biden said the talks went well. Putin warned about the treaty.")
    view.get_by_text("11 words").wait_for()
    view.locator(".lk-check-writing").click()
    feedback = view.locator(".lk-feedback")
    feedback.get_by_text("Too short: 11 words").wait_for()
    feedback.get_by_text("Saved").wait_for()
    assert not any(piece in frame for frame in received)
    assert not any(task["marking_notes"][:30] in frame for frame in received)

    view.locator(".lk-show-model").click()
    view.locator(".lk-model-answer").get_by_text(piece).wait_for()
    assert view.locator(".lk-show-model").get_attribute("aria-expanded") == "true"
    assert any(piece in frame for frame in received)  # the recording sees messages
    assert not any(task["marking_notes"][:30] in frame for frame in received)
    assert serious(page, ".lk-writing-view") == []
    ARTIFACTS.mkdir(exist_ok=True)
    view.screenshot(path=str(ARTIFACTS / "writing-1280.png"))
