"""The quiz view (views/quiz.js) in a real JupyterLab and in Voila on a phone, in Chromium.

- The message audit: every message between the page and the kernel is recorded (the kernel's
  websocket frames, both directions) while a learner answers lesson 1's comprehension quiz;
  no explanation, option feedback, quotation, word-family stress or accepted answer of an
  item is in any widget message before the learner checks (or shows) that item, and the
  items never checked never send theirs. The same search finds each explanation after its
  check, so it would find a leak.
- Ordering and matching by dragging, and by the keyboard alternative (buttons, Enter).
- Assessment mode: no right or wrong anywhere before Finish, answers kept over a reload.
- A 360 px phone with touch (Voila): nothing sticks out, every target is 44 px or more, and
  every question of the quiz can be answered by taps and typing.

This module runs its own JupyterLab server with a new progress file, so the quiz starts with
no earlier answers (the other browser tests share one).
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

from .conftest import ARTIFACTS, ROOT, jupyter_server, lab_settings, open_and_run_all
from .quizpage import answer_in_page, shown_order
from .test_voila import voila  # noqa: F401 (the Voila server fixture)

pytestmark = pytest.mark.browser
LESSON = "01-geneva-summit"
DATA = json.loads((ROOT / "data" / f"{LESSON}.json").read_text(encoding="utf-8"))
QUESTIONS = DATA["questions"]
QUIZZES = ".lk-quiz, .lk-easier-quiz, .lk-gist-quiz"


@pytest.fixture(scope="module")
def quizlab(tmp_path_factory):
    """(base URL, served folder, progress file) of a JupyterLab of our own: the lessons, and
    an ``assessment/`` folder whose lesson 1 data says ``assessment: true``."""
    served = tmp_path_factory.mktemp("quiz-served")
    for folder in ("notebooks", "data"):
        shutil.copytree(
            ROOT / folder, served / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
    (served / "assessment" / "data").mkdir(parents=True)
    data = copy.deepcopy(DATA) | {"assessment": True}
    (served / "assessment" / "data" / f"{LESSON}.json").write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            f'from lessonkit import open_lesson\nopen_lesson("{LESSON}").quiz()'
        )
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, served / "assessment" / "test.ipynb")
    progress = tmp_path_factory.mktemp("quiz-progress") / "progress.sqlite3"
    env = dict(
        os.environ,
        LESSONKIT_PROGRESS=str(progress),
        JUPYTERLAB_SETTINGS_DIR=str(lab_settings(tmp_path_factory.mktemp("quiz-settings"))),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path_factory.mktemp("quiz-workspaces")),
    )
    env.pop("JUPYTERHUB_USER", None)
    log = tmp_path_factory.mktemp("quiz-log") / "lab.log"
    with jupyter_server("jupyterlab", served, env, log) as base:
        yield base, served, progress


# --- recording the kernel's messages -----------------------------------------------------------


class Recorder:
    """Every Jupyter message on the page's kernel websockets, in order: (direction, type,
    comm id, the strings and the keys in its content)."""

    def __init__(self, page):
        self.messages: list[dict] = []
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        if "/channels" not in ws.url:
            return
        ws.on("framesent", lambda payload: self._add("sent", payload))
        ws.on("framereceived", lambda payload: self._add("received", payload))

    def _add(self, direction: str, payload) -> None:
        if isinstance(payload, str):
            message = json.loads(payload)
            header, content = message.get("header", {}), message.get("content", {})
        else:
            _, parts = deserialize_msg_from_ws_v1(payload)
            header, content = json.loads(parts[0]), json.loads(parts[3])
        strings: list[str] = []
        keys: set[str] = set()

        def walk(value) -> None:
            if isinstance(value, str):
                strings.append(value)
            elif isinstance(value, dict):
                keys.update(value)
                for v in value.values():
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)

        walk(content)
        self.messages.append(
            {
                "direction": direction,
                "type": header.get("msg_type", ""),
                "comm": content.get("comm_id") if isinstance(content, dict) else None,
                "content": content,
                "text": "\n".join(strings),
                "keys": keys,
            }
        )

    def comms(self) -> list[tuple[int, dict]]:
        return [
            (n, m)
            for n, m in enumerate(self.messages)
            if m["type"] in ("comm_open", "comm_msg", "comm_close")
        ]

    def quiz_comms(self) -> set[str]:
        """The comm ids of the quiz widgets (their state has items and a CSS class)."""
        found = set()
        for _, m in self.comms():
            state = ((m["content"] or {}).get("data") or {}).get("state") or {}
            if m["type"] == "comm_open" and "items" in state and "css_class" in state:
                found.add(m["comm"])
        return found


def on_screen(items: list[dict]) -> str:
    """What a quiz shows anyway: prompts, sentences, options, banks, pairs, events."""
    return " ".join(
        [
            i.get("prompt", "") + " " + i.get("text", "") + " " + " ".join(i.get("bank") or [])
            for i in items
        ]
        + [o["text"] for i in items for o in i.get("options", [])]
        + [p["left"] + " " + p["right"] for i in items for p in i.get("pairs", [])]
        + [e for i in items for e in i.get("items", [])]
    ).lower()


def secrets(item: dict, shown: str) -> tuple[list[str], list[str]]:
    """(texts no widget message may carry early: explanation, option feedback, stress;
    texts no quiz message may carry early: the quotation, accepted answers not on screen)."""
    anywhere = [item.get("explanation", ""), item.get("stress", "")]
    anywhere += [o.get("feedback", "") for o in item.get("options", [])]
    quote = (item.get("evidence") or {}).get("quote", "")
    in_quiz = [quote] if quote.strip('"“”. ').lower() not in shown else []
    accepted = [a for b in item.get("blanks", []) for a in b["accept"]] + item.get("accept", [])
    # Numbers are left out: "16" is also in "Question 1 of 16" and in every score sentence.
    in_quiz += [
        a
        for a in accepted
        if not a.isdigit() and len(a) >= 4 and not re.search(rf"\b{re.escape(a.lower())}\b", shown)
    ]
    return [s for s in anywhere if len(s) >= 12], [s for s in in_quiz if s]


def first_sight(recorder: Recorder, text: str, quiz_only: bool) -> int | None:
    """The number of the first widget message that carries ``text``."""
    quizzes = recorder.quiz_comms()
    for n, m in recorder.comms():
        if quiz_only and m["comm"] not in quizzes:
            continue
        haystack = m["text"]
        if quiz_only and len(text) < 25:  # a word: whole words only ("told" is not "toldo")
            if re.search(rf"\b{re.escape(text.lower())}\b", haystack.lower()):
                return n
        elif text in haystack:
            return n
    return None


def test_no_key_reaches_the_browser_before_its_item_is_checked(page, quizlab):
    """Message audit: while a learner answers lesson 1's comprehension quiz (most items right,
    some wrong, two by Show answer), is every item's explanation, option feedback, quotation,
    stress and hidden accepted answer absent from every widget message until that item is
    checked, and absent for good for every question never checked? Are there no "correct"
    flags in any quiz message, and do the explanations of the items answered right or shown
    arrive after their check (so the search would find a leak)?"""
    recorder = Recorder(page)
    open_and_run_all(page, quizlab, LESSON, ".lk-results-view")
    quiz = page.locator(".lk-quiz").first
    quiz.locator(".lk-item").nth(len(QUESTIONS) - 1).wait_for()
    assert recorder.comms(), "no widget message was recorded"
    shown = on_screen(QUESTIONS)
    checked_at: dict[str, int] = {}
    for n, item in enumerate(QUESTIONS):
        box = quiz.locator(".lk-item").nth(n)
        right = n % 4 != 1
        checked_at[item["id"]] = len(recorder.messages)
        if n in (5, 11):
            box.locator(".lk-show").click()
        else:
            answer_in_page(box, item, right=right)
        box.locator(".lk-feedback .lk-verdict").wait_for()
    page.wait_for_timeout(500)

    quizzes = recorder.quiz_comms()
    assert len(quizzes) >= 3  # the gist, comprehension, easier and practice quizzes
    for _, m in recorder.comms():
        if m["comm"] in quizzes:
            assert "correct" not in m["keys"], m["text"][:300]
    told: set[str] = set()  # texts that an item checked earlier may carry in its feedback
    for n, item in enumerate(QUESTIONS):
        anywhere, in_quiz = secrets(item, shown)
        for text in anywhere + in_quiz:
            if text in told:
                continue
            seen = first_sight(recorder, text, quiz_only=text in in_quiz)
            assert seen is None or seen >= checked_at[item["id"]], (item["id"], text, seen)
        if n % 4 != 1 or n in (5, 11):  # right or shown: the explanation came, after the check
            seen = first_sight(recorder, item["explanation"], quiz_only=False)
            assert seen is not None and seen >= checked_at[item["id"]], item["id"]
        told.update(anywhere + in_quiz)
    never = list(DATA["focus_questions"]) + DATA["adapted"]["questions"]
    never.append(DATA["listening"]["gist"])
    for item in never:
        anywhere, in_quiz = secrets(item, on_screen(never + QUESTIONS))
        for text in anywhere + in_quiz:
            if any(text in earlier for earlier in told):  # a checked item quotes it too
                continue
            seen = first_sight(recorder, text, quiz_only=text in in_quiz)
            assert seen is None, (item["id"], text)
    # Each check went to the kernel as {action, item, answer}, with no key in it.
    sent = [m["content"] for _, m in recorder.comms() if m["direction"] == "sent"]
    actions = [
        c["data"]["content"]
        for c in sent
        if (c.get("data") or {}).get("method") == "custom"
        and isinstance(c["data"].get("content"), dict)
        and "action" in c["data"]["content"]
    ]
    assert {a["item"] for a in actions} == {q["id"] for q in QUESTIONS}
    opened = [m for _, m in recorder.comms() if m["type"] == "comm_open"]
    models = len(opened)
    names = sorted(
        ((m["content"].get("data") or {}).get("state") or {}).get("_anywidget_id")
        or ((m["content"].get("data") or {}).get("state") or {}).get("_model_name", "")
        for m in opened
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "quiz-message-audit.json").write_text(
        json.dumps(
            {"widget_models": models, "messages": len(recorder.messages), "models": names},
            indent=1,
        )
    )
    assert models <= 25, f"lesson 1 opened {models} widget models: {names}"  # issue 20


# --- drag and drop, and the keyboard --------------------------------------------------------------


def drag(page, source, target, *, y: float = 0.5) -> None:
    """Drag with the mouse in small steps (pointer events, as a finger or a mouse makes)."""
    a, b = source.bounding_box(), target.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] * y, steps=8)
    page.mouse.up()


def test_ordering_and_matching_by_drag_and_by_keyboard(page, quizlab):
    """Can a learner order events and match statements by dragging, and do the same with
    the keyboard alone (Tab, Enter on Move up / a statement's box / a partner), with each
    move announced in the live region?"""
    open_and_run_all(page, quizlab, LESSON, ".lk-results-view")
    quiz = page.locator(".lk-quiz").first
    n, item = next((i, q) for i, q in enumerate(QUESTIONS) if q["type"] == "order")
    box = quiz.locator(".lk-item").nth(n)
    box.scroll_into_view_if_needed()

    # Drag: the last row to the top, then the events into the right order one by one.
    before = shown_order(box)
    rows = box.locator(".lk-order-row")
    drag(page, rows.nth(len(before) - 1).locator(".lk-handle"), rows.nth(0), y=0.2)
    after = shown_order(box)
    assert after == [before[-1], *before[:-1]]
    page.wait_for_function(
        "() => document.querySelector('.lk-quiz .lk-announce').textContent.includes('number 1')"
    )
    for place, text in enumerate(item["items"]):
        current = shown_order(box)
        if current.index(text) != place:
            row = box.locator(".lk-order-row", has_text=text).locator(".lk-handle")
            drag(page, row, rows.nth(place), y=0.2)
        assert shown_order(box).index(text) == place, (text, shown_order(box))
    box.locator(".lk-check").click()
    box.locator(".lk-feedback").get_by_text("✔ Correct.").wait_for()

    # Keyboard: swap the first two rows back with Move down (Enter), then up again.
    first = shown_order(box)[0]
    box.locator(".lk-order-row", has_text=first).locator(".lk-down").focus()
    page.keyboard.press("Enter")
    assert shown_order(box)[1] == first
    page.wait_for_function(
        "(t) => document.querySelector('.lk-quiz .lk-announce').textContent.includes(t)",
        arg=f"is now number 2 of {len(item['items'])}",
    )
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert focused and focused.endswith(first)  # the focus stays with the moved row
    page.keyboard.press("Shift+Tab")  # to its Move up button
    page.keyboard.press("Enter")
    assert shown_order(box) == item["items"]
    box.locator(".lk-check").click()
    box.locator(".lk-feedback").get_by_text("✔ Correct.").wait_for()
    # A wrong order is marked position by position, with words, and focus goes to a row.
    box.locator(".lk-order-row", has_text=item["items"][0]).locator(".lk-down").click()
    box.locator(".lk-check").click()
    box.locator(".lk-feedback").get_by_text("Partly right").wait_for()
    assert box.locator(".lk-order-row .lk-mark", has_text="✘ not right").count() >= 1
    assert box.locator(".lk-order-row .lk-mark-words", has_text="not right").count() >= 1
    assert page.evaluate("() => !!document.activeElement.closest('.lk-order-row')")

    # Matching: two pairs by dragging a partner onto a statement's box, two by keyboard.
    n, item = next((i, q) for i, q in enumerate(QUESTIONS) if q["type"] == "match")
    box = quiz.locator(".lk-item").nth(n)
    box.scroll_into_view_if_needed()
    slots = box.locator(".lk-match-slot")
    partners = box.locator(".lk-partners")
    for i, pair in enumerate(item["pairs"][:2]):
        drag(page, partners.get_by_role("button", name=pair["right"], exact=True), slots.nth(i))
        assert slots.nth(i).inner_text().startswith(pair["right"])
    for i, pair in enumerate(item["pairs"][2:], start=2):
        slots.nth(i).focus()
        page.keyboard.press("Enter")
        assert slots.nth(i).get_attribute("aria-pressed") == "true"
        partners.get_by_role("button", name=pair["right"], exact=True).focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "(t) => document.querySelector('.lk-quiz .lk-announce').textContent.includes(t)",
            arg=f"goes with “{pair['right']}”",
        )
    box.locator(".lk-check").click()
    box.locator(".lk-feedback").get_by_text("✔ Correct.").wait_for()
    assert box.locator(".lk-match-slot .lk-mark", has_text="✔ right").count() == len(item["pairs"])
    found = Axe().run(page, context={"include": [[".lk-quiz"]]})
    serious = [
        v["id"] for v in found.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


# --- assessment mode ---------------------------------------------------------------------------


def verdicts(page) -> str:
    """Every mark or verdict the quiz shows."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.lk-quiz .lk-verdict, .lk-quiz .lk-mark,'
            + '.lk-quiz .lk-mark-words, .lk-quiz .lk-score, .lk-quiz .lk-feedback')]
            .map((e) => e.textContent).join(' ')"""
    )


def test_assessment_shows_no_right_or_wrong_before_finish(page, quizlab):
    """In assessment mode, is there no Check and no Show answer, and no right or wrong (no
    mark, no verdict, no score, no explanation in any message) while the learner answers; are
    the answers still there after a reload; and does Finish show the marks and the score?"""
    recorder = Recorder(page)
    open_and_run_all(page, quizlab, "test", ".lk-quiz .lk-finish", folder="assessment")
    quiz = page.locator(".lk-quiz").first
    assert quiz.locator(".lk-check, .lk-show").count() == 0
    assert "Finish" in quiz.locator(".lk-assessment").inner_text()
    for n, item in enumerate(QUESTIONS):
        answer_in_page(quiz.locator(".lk-item").nth(n), item, right=n % 3 != 0, check=False)
    page.wait_for_function(
        "(n) => document.querySelectorAll('.lk-quiz .lk-saved').length === n && "
        "[...document.querySelectorAll('.lk-quiz .lk-saved')].every((e) => e.textContent)",
        arg=len(QUESTIONS),
        timeout=30_000,
    )
    text = verdicts(page)
    for word in ("✔", "✘", "◐", "Correct", "Not quite", "Partly", "Score"):
        assert word not in text, word
    for _, m in recorder.comms():
        assert "correct" not in m["keys"] and "explanation" not in m["keys"]
        for item in QUESTIONS:
            assert item["explanation"] not in m["text"]
    short = next(i for i, q in enumerate(QUESTIONS) if q["type"] == "short")
    typed = quiz.locator(".lk-item").nth(short).locator(".lk-text input").input_value()

    # A reload: the saved answers come back, still with no mark.
    open_and_run_all(page, quizlab, "test", ".lk-quiz .lk-finish", folder="assessment")
    quiz = page.locator(".lk-quiz").first
    assert quiz.locator(".lk-item").nth(short).locator(".lk-text input").input_value() == typed
    assert "✔" not in verdicts(page) and "✘" not in verdicts(page)

    quiz.locator(".lk-finish").click()
    quiz.locator(".lk-finish-yes").click()
    quiz.locator(".lk-score").get_by_text("Score:").wait_for(timeout=30_000)
    score = quiz.locator(".lk-score").inner_text()
    right = sum(1 for n in range(len(QUESTIONS)) if n % 3 != 0)
    assert score.startswith(f"Score: {right} of {len(QUESTIONS)} right"), score
    assert quiz.locator(".lk-verdict", has_text="✔ Correct.").count() == right
    assert quiz.locator(".lk-explanation").count() == len(QUESTIONS)
    assert quiz.locator(".lk-item input:not([disabled])").count() == 0


# --- a phone -------------------------------------------------------------------------------------


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def overflow(page) -> dict:
    """The page's sideways scroll; controls of the quizzes not inside the screen's width;
    targets under 44 px (a radio button or box counts by its label, the whole row)."""
    return page.evaluate(
        """(views) => {
        const width = document.documentElement.clientWidth;
        const out = [], small = [];
        for (const view of document.querySelectorAll(views)) {
          for (const c of view.querySelectorAll('button, input, label, .lk-order-row')) {
            const r = c.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            const name = `${c.className}: ${c.textContent.slice(0, 30)}`;
            if (r.left < -1 || r.right > width + 1) out.push(name);
            const box = c.matches('input[type=radio], input[type=checkbox]');
            const target = box ? c.closest('label') : c;
            const t = target.getBoundingClientRect();
            if (c.matches('button, input, label') && (t.height < 44 || t.width < 44))
              small.push(`${c.className}: ${c.textContent.slice(0, 20)} ${t.width}x${t.height}`);
          }
        }
        return {page: document.documentElement.scrollWidth - width, out, small};
      }""",
        QUIZZES,
    )


def test_the_quiz_on_a_360_px_phone_by_touch(phone, voila):  # noqa: F811
    """At 360 px with touch (Voila), does nothing of the quizzes stick out or scroll
    sideways, is every target 44 px or more, and can every question of the comprehension quiz
    be answered by taps and typing, and checked, to "✔ Correct"?"""
    page = phone
    page.goto(f"{voila}/voila/render/notebooks/{LESSON}.ipynb", timeout=120_000)
    page.wait_for_selector(".lk-results-view", timeout=120_000)
    quiz = page.locator(".lk-quiz").first
    quiz.locator(".lk-item").nth(len(QUESTIONS) - 1).wait_for()
    found = overflow(page)
    assert found["page"] <= 1, f"the page scrolls sideways by {found['page']} px"
    assert found["out"] == [] and found["small"] == []
    for n, item in enumerate(QUESTIONS):
        box = quiz.locator(".lk-item").nth(n)
        box.scroll_into_view_if_needed()
        answer_in_page(box, item, right=True, touch=True)
        box.locator(".lk-feedback").get_by_text("✔ Correct.").wait_for(timeout=30_000)
    found = overflow(page)  # with every feedback and mark shown
    assert found["page"] <= 1 and found["out"] == [] and found["small"] == []
    ARTIFACTS.mkdir(exist_ok=True)
    quiz.locator(".lk-item-match").first.screenshot(path=str(ARTIFACTS / "quiz-360-match.png"))
    quiz.locator(".lk-item-order").first.screenshot(path=str(ARTIFACTS / "quiz-360-order.png"))
    assert (
        quiz.locator(".lk-score")
        .inner_text()
        .startswith(f"Score: {len(QUESTIONS)} of {len(QUESTIONS)} right")
    )
