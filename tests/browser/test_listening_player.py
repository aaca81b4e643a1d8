"""The listening views (issue 19) in a real JupyterLab and Chromium: the player plays at each
speed (media element state), follows the sentence being read, plays from a clicked sentence,
is axe-clean and fits a phone; a dictation is checked word by word."""

from __future__ import annotations

import json
import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import ARTIFACTS, ROOT, open_and_run_all

pytestmark = pytest.mark.browser
LESSON = "01-geneva-summit"
AUDIO = "document.querySelector('.lk-player').lkAudio"


def timings() -> list[dict]:
    path = ROOT / "data" / "audio" / f"{LESSON}.json"
    return json.loads(path.read_text(encoding="utf-8"))["sentences"]


def audio_state(page) -> dict:
    return page.evaluate(
        "() => { const a = " + AUDIO + "; return {rate: a.playbackRate, time: a.currentTime,"
        " paused: a.paused, pitch: a.preservesPitch, error: a.error && a.error.code} }"
    )


def serious(page, selector: str) -> list[str]:
    found = Axe().run(page, context={"include": [[selector]]})
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in found.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def overflow(page, selector: str) -> list[str]:
    """Controls in ``selector`` wider than their view, or targets smaller than 44 px."""
    return page.evaluate(
        """(selector) => {
        const out = [];
        for (const root of document.querySelectorAll(selector)) {
          if (root.scrollWidth > root.clientWidth + 1) out.push(`${selector} scrolls sideways`);
          const box = root.getBoundingClientRect();
          for (const b of root.querySelectorAll('button, textarea, input')) {
            const r = b.getBoundingClientRect();
            if (r.width === 0) continue;
            const small = r.height < 44 || r.width < 44;
            if (small) out.push(`${b.textContent} is ${r.width}x${r.height}`);
            if (r.right > box.right + 1) out.push(`${b.textContent} sticks out`);
          }
        }
        return out;
      }""",
        selector,
    )


@pytest.fixture
def lesson(page, lab):
    open_and_run_all(page, lab, LESSON, ".lk-cliptasks.lk-gaps .lk-check")
    page.locator(".lk-player").scroll_into_view_if_needed()
    page.wait_for_function(f"{AUDIO}.readyState >= 1", timeout=30_000)
    return page


def test_player_speeds_read_along_click_and_axe(lesson):
    page = lesson
    player = page.locator(".lk-player")
    assert player.locator(".lk-transcript").is_hidden()  # listen first
    for rate in ("0.75", "0.9", "1"):
        player.locator(f".lk-speed[data-rate='{rate}']").click()
        assert player.locator(f".lk-speed[data-rate='{rate}']").get_attribute("aria-pressed") == (
            "true"
        )
        before = audio_state(page)["time"]
        player.locator(".lk-play").click()
        page.wait_for_function(f"!{AUDIO}.paused")
        assert player.locator(".lk-play").get_attribute("aria-pressed") == "true"
        time.sleep(1.5)
        state = audio_state(page)
        assert state["rate"] == pytest.approx(float(rate))
        assert state["pitch"] is True
        assert state["error"] is None
        assert state["time"] > before + 0.3, state
        player.locator(".lk-play").click()
        page.wait_for_function(f"{AUDIO}.paused")
    assert player.locator(".lk-sentence[aria-current='true']").count() == 1
    player.locator(".lk-show-text").click()
    assert player.locator(".lk-transcript").is_visible()
    assert player.locator(".lk-show-text").get_attribute("aria-expanded") == "true"

    target = timings()[7]
    sentence = player.locator(".lk-sentence[data-index='7']")
    sentence.click()
    page.wait_for_function(f"!{AUDIO}.paused")
    state = audio_state(page)
    assert target["start"] - 0.05 <= state["time"] <= target["start"] + 1.5, state
    assert sentence.get_attribute("aria-current") == "true"
    assert int(sentence.evaluate("e => getComputedStyle(e).fontWeight")) >= 600
    assert "underline" in sentence.evaluate("e => getComputedStyle(e).textDecorationLine")
    player.locator(".lk-play").click()

    # keyboard: Enter on a focused sentence plays from it
    other = timings()[12]
    player.locator(".lk-sentence[data-index='12']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"{AUDIO}.currentTime >= {other['start'] - 0.05}")
    player.locator(".lk-play").click()

    assert serious(page, ".lk-player") == []
    ARTIFACTS.mkdir(exist_ok=True)
    player.screenshot(path=str(ARTIFACTS / "listening-player-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    # JupyterLab's file browser takes most of a phone's width: close it, as a learner would.
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
    time.sleep(0.5)
    player.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "listening-player-390.png"))
    assert overflow(page, ".lk-player") == []
    assert overflow(page, ".lk-cliptasks") == []


def test_dictation_marks_each_word(lesson):
    page = lesson
    task = page.locator(".lk-cliptasks.lk-dictation .lk-cliptask").first
    task.scroll_into_view_if_needed()
    assert task.locator(".lk-right-sentence").count() == 0
    task.locator(".lk-play-clip").click()
    clip = "document.querySelector('.lk-cliptasks.lk-dictation').lkAudio"
    page.wait_for_function(f"!{clip}.paused")
    page.wait_for_function(f"{clip}.paused", timeout=10_000)  # stops at the sentence's end
    assert page.evaluate(f"{clip}.currentTime") < 4.0
    task.locator("textarea").fill("the discusions lasted about three hours")
    task.locator(".lk-check").click()
    page.wait_for_selector(".lk-cliptask .lk-w-almost")
    feedback = task.locator(".lk-feedback")
    assert "≈ Almost" in feedback.inner_text()
    almost = task.locator(".lk-w-almost")
    assert almost.inner_text().startswith("discusions")
    assert "check the spelling: discussions" in almost.text_content()
    assert task.locator(".lk-w-right").count() == 5
    assert "The discussions lasted about three hours." in feedback.inner_text()
    task.locator("textarea").fill("The discussions lasted three hours")
    task.locator(".lk-check").click()
    page.wait_for_selector(".lk-cliptask .lk-w-missing")
    assert "missing word: about" in task.locator(".lk-w-missing").text_content()
    assert serious(page, ".lk-cliptasks") == []
    task.screenshot(path=str(ARTIFACTS / "listening-dictation.png"))


def end_session(base: str, path: str) -> None:
    """Shut the notebook's kernel down, as closing JupyterLab and coming back another day does."""
    import urllib.request

    from .conftest import TOKEN

    with urllib.request.urlopen(f"{base}/api/sessions?token={TOKEN}", timeout=5) as reply:
        sessions = json.load(reply)
    for session in sessions:
        if session.get("path") == path:
            request = urllib.request.Request(
                f"{base}/api/sessions/{session['id']}?token={TOKEN}", method="DELETE"
            )
            urllib.request.urlopen(request, timeout=30).close()


def test_reopened_lesson_shows_the_earlier_listening_answers(page, lab):
    """After the kernel is gone and the lesson is opened and run again, the dictation and the
    gap fill show what the learner wrote, with the same marks, flagged as last time's."""
    open_and_run_all(page, lab, LESSON, ".lk-cliptasks.lk-gaps .lk-check")
    task = page.locator(".lk-cliptasks.lk-dictation .lk-cliptask").nth(1)
    task.scroll_into_view_if_needed()
    task.locator("textarea").fill("Both men agred on it")
    task.locator(".lk-check").click()
    task.locator(".lk-marked").wait_for()
    marks = task.locator(".lk-marked").inner_text()
    gaps = page.locator(".lk-cliptasks.lk-gaps .lk-cliptask").first
    gaps.scroll_into_view_if_needed()
    gap_inputs = gaps.locator(".lk-gap-input")
    for i, word in enumerate(["improve", "relatons", ""]):
        gap_inputs.nth(i).fill(word)
    gaps.locator(".lk-check").click()
    gaps.locator(".lk-gap-mark").first.wait_for()
    assert task.locator(".lk-earlier").count() == 0  # a fresh answer is not "last time's"

    base = lab[0]
    end_session(base, f"notebooks/{LESSON}.ipynb")
    open_and_run_all(page, lab, LESSON, ".lk-cliptasks.lk-gaps .lk-check")
    task = page.locator(".lk-cliptasks.lk-dictation .lk-cliptask").nth(1)
    task.scroll_into_view_if_needed()
    task.locator(".lk-earlier").wait_for(timeout=30_000)
    assert task.locator("textarea").input_value() == "Both men agred on it"
    assert task.locator(".lk-marked").inner_text() == marks
    assert task.locator(".lk-right-sentence").count() == 1
    gaps = page.locator(".lk-cliptasks.lk-gaps .lk-cliptask").first
    gap_inputs = gaps.locator(".lk-gap-input")
    assert [gap_inputs.nth(i).input_value() for i in range(3)] == ["improve", "relatons", ""]
    assert [m.inner_text() for m in gaps.locator(".lk-gap-mark").all()] == [
        "✔ right",
        "≈ check the spelling",
        "○ empty",
    ]
    # A task never answered stays empty, and its sentence is not on the page.
    last = page.locator(".lk-cliptasks.lk-dictation .lk-cliptask").nth(3)
    assert last.locator("textarea").input_value() == ""
    assert last.locator(".lk-feedback").inner_text().strip() == ""
    assert serious(page, ".lk-cliptasks") == []


def test_the_easier_text_has_its_own_player(lesson):
    """Picking the easier text on the level switch shows its player: it plays at 0.75, reads
    along from a pressed sentence, is axe-clean, and goes when the original comes back."""
    page = lesson
    path = ROOT / "data" / "audio" / f"{LESSON}-easier.json"
    easier = json.loads(path.read_text(encoding="utf-8"))["sentences"]
    view = page.locator(".lk-versions").first
    view.scroll_into_view_if_needed()
    assert view.locator(".lk-player").count() == 0
    view.locator(".lk-version-switch button", has_text="Easier text").click()
    player = view.locator(".lk-player")
    player.wait_for(timeout=30_000)
    assert player.get_attribute("aria-label").startswith("The easier text read aloud")
    audio = "document.querySelector('.lk-versions .lk-player').lkAudio"
    page.wait_for_function(f"{audio}.readyState >= 1", timeout=30_000)
    player.locator(".lk-speed[data-rate='0.75']").click()
    show = player.locator(".lk-show-text")
    assert show.inner_text() == "Read along"
    show.click()
    assert player.locator(".lk-transcript").is_visible()
    assert player.locator(".lk-sentence").count() == len(easier)
    player.locator(".lk-sentence[data-index='3']").click()
    page.wait_for_function(f"!{audio}.paused")
    time.sleep(1.0)
    state = page.evaluate(f"() => ({{rate: {audio}.playbackRate, time: {audio}.currentTime}})")
    assert state["rate"] == pytest.approx(0.75)
    assert easier[3]["start"] - 0.05 <= state["time"] <= easier[3]["start"] + 1.5, state
    assert player.locator(".lk-sentence[aria-current='true']").count() == 1
    player.locator(".lk-play").click()
    page.wait_for_function(f"{audio}.paused")
    assert serious(page, ".lk-versions") == []
    view.locator(".lk-version-switch button", has_text="Original text").click()
    player.wait_for(state="detached", timeout=30_000)
