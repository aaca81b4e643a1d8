"""Tests for the quiz (lessonkit.learner.quiz), driven from Python without a browser.

The quiz is one anywidget: the browser gets ``items`` (prompts and options) and sends
``{"action", "item", "answer"}`` messages; the kernel grades, stores, and puts that item's
feedback in ``results``. These tests act as the browser does: they read what the learner
sees in ``items``, answer by the position of what they would tap or type, send the message,
and read the feedback, the score sentence and the progress store.
"""

from __future__ import annotations

import contextlib
import copy
import json
import pathlib
import re

import pytest

import lessonkit.learner.quiz as quiz
from lessonkit.learner.keys import ALWAYS_HIDDEN, right_answer
from lessonkit.learner.lesson import Lesson
from lessonkit.learner.progress import Attempt, ProgressStore
from lessonkit.learner.quiz import (
    SHOWS_OPTION_FEEDBACK,
    QuizView,
    chosen_option_feedback,
    evidence_html,
    look_again_text,
    reveal_text,
    score_sentence,
    shuffled,
    summary_text,
)

ROOT = pathlib.Path(__file__).resolve().parents[1]
SLUG = "01-geneva-summit"
DATA = json.loads((ROOT / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
QUESTIONS = DATA["questions"]
TYPES = ("choice", "multi", "tfng", "gap", "match", "order", "short")
TFNG_LABELS = {"true": "True", "false": "False", "not given": "Not given"}
MARKUP = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")


def first_of(kind: str) -> dict:
    """The first real item of this type in the committed lesson data."""
    return next(q for q in QUESTIONS if q["type"] == kind)


def make_item(kind: str, **changes: object) -> dict:
    """A tiny valid item of one type (the shapes of _grading.py), with some fields changed."""
    base = {
        "id": f"t-{kind}",
        "type": kind,
        "prompt": f"A {kind} question?",
        "explanation": "Because the text says so.",
        "evidence": {"paragraph": 1, "quote": "The leaders met in Geneva."},
    }
    shapes = {
        "choice": {
            "options": [
                {"text": "Geneva", "correct": True, "feedback": "Yes."},
                {"text": "Moscow", "correct": False, "feedback": "No."},
            ]
        },
        "multi": {
            "options": [
                {"text": "one", "correct": True},
                {"text": "two", "correct": True},
                {"text": "three", "correct": False},
            ]
        },
        "tfng": {"answer": "true"},
        "gap": {"text": "They met in ___.", "blanks": [{"accept": ["Geneva"]}]},
        "match": {
            "pairs": [{"left": "Biden", "right": "U.S."}, {"left": "Putin", "right": "Russia"}]
        },
        "order": {"items": ["first", "second", "third"]},
        "short": {"accept": ["Geneva"]},
    }
    return {**base, **copy.deepcopy(shapes[kind]), **changes}


# --- acting as the browser ---------------------------------------------------------------------


def public(quizview: QuizView, item_id: str) -> dict:
    """What the browser shows of one item."""
    return next(p for p in quizview.items if p["id"] == item_id)


def shown_answer(shown: dict, item: dict, right: bool) -> object:
    """The answer a learner gives by tapping and typing what is on screen, right or wrong:
    positions in the order shown, typed text, words from the bank."""
    kind = item["type"]
    if kind in ("choice", "multi"):
        wanted = [o["text"] for o in item["options"] if bool(o.get("correct")) == right]
        places = [shown["options"].index(text) for text in wanted]
        return places if kind == "multi" else places[0]
    if kind == "tfng":
        answer = item["answer"] if right else next(k for k in TFNG_LABELS if k != item["answer"])
        return shown["options"].index(TFNG_LABELS[answer])
    if kind == "short":
        return item["accept"][0] if right else "banana bread"
    if kind == "gap":
        if right:
            return [blank["accept"][0] for blank in item["blanks"]]
        if item.get("bank"):
            return [next(b for b in item["bank"] if b not in x["accept"]) for x in item["blanks"]]
        return ["zzzzzz" for _ in item["blanks"]]
    if kind == "match":
        rights = shown["rights"]
        if right:
            return [rights.index(p["right"]) for p in item["pairs"]]
        return [next(i for i, r in enumerate(rights) if r != p["right"]) for p in item["pairs"]]
    events = shown["events"]  # order
    wanted = item["items"] if right else list(reversed(item["items"]))
    return [events.index(text) for text in wanted]


def send(quizview: QuizView, action: str, item_id: str, answer: object = None) -> dict | None:
    """One message from the browser; the item's feedback as the browser then gets it."""
    quizview._on_message(quizview, {"action": action, "item": item_id, "answer": answer}, [])
    return quizview.results.get(item_id)


def answer(quizview: QuizView, item: dict, right: bool) -> dict:
    return send(
        quizview, "check", item["id"], shown_answer(public(quizview, item["id"]), item, right)
    )


def words(feedback: dict | None) -> str:
    """Every text of a feedback, as the learner reads it."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(feedback or {})
    return " ".join(out)


def quiz_of(*items: dict, **kwargs) -> QuizView:
    return QuizView(list(items), lesson=kwargs.pop("lesson", SLUG), **kwargs)


# --- one item, every type ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", TYPES)
def test_right_answer_is_correct_with_evidence(store, kind):
    """Does a right answer give "✔ Correct", every part marked right, and the evidence?"""
    item = first_of(kind)
    view = quiz_of(item)
    feedback = answer(view, item, right=True)
    assert feedback["message"] == "✔ Correct."
    assert item["evidence"]["quote"] in words(feedback)
    assert item["explanation"] in words(feedback)
    assert all(m in (True, None, "correct") for m in feedback["marks"])
    assert view.views[0].result.correct


@pytest.mark.parametrize("kind", TYPES)
def test_wrong_answer_is_not_correct_and_says_where_to_look(store, kind):
    """Does a wrong answer give "✘" or "Partly", a hint, no explanation, and never
    "✔ Correct"?"""
    item = first_of(kind)
    view = quiz_of(item)
    feedback = answer(view, item, right=False)
    assert feedback["message"].startswith(("✘", "◐"))
    assert "Hint: read" in feedback["hint"]
    assert "explanation" not in feedback
    assert not view.views[0].result.correct


@pytest.mark.parametrize(
    ("item", "shown", "marks"),
    [
        (
            make_item(
                "gap", text="___ met ___.", blanks=[{"accept": ["Biden"]}, {"accept": ["Putin"]}]
            ),
            ["Biden", "Moscow"],
            ["correct", "wrong"],
        ),
        (
            make_item(
                "gap", text="___ met ___.", blanks=[{"accept": ["Biden"]}, {"accept": ["Putin"]}]
            ),
            ["Obama", ""],
            ["wrong", "empty"],
        ),
        (
            make_item(
                "gap", text="___ and ___.", blanks=[{"accept": ["Geneva"]}, {"accept": ["Moscow"]}]
            ),
            ["Genevva", "Moscow"],
            ["almost", "correct"],
        ),
    ],
)
def test_each_gap_is_marked(store, item, shown, marks):
    """Is each gap marked on its own: right, almost (one typo), wrong or empty?"""
    feedback = send(quiz_of(item), "check", item["id"], shown)
    assert feedback["marks"] == marks


def test_each_pair_and_each_position_is_marked(store):
    """Are a match item's pairs marked one by one (a pair left empty: no mark), and an order
    item's positions marked in the learner's order?"""
    item = make_item(
        "match",
        pairs=[
            {"left": "a", "right": "A"},
            {"left": "b", "right": "B"},
            {"left": "c", "right": "C"},
        ],
    )
    view = quiz_of(item)
    rights = public(view, item["id"])["rights"]
    feedback = send(view, "check", item["id"], [rights.index("A"), rights.index("C"), None])
    assert feedback["marks"] == [True, False, None]
    order = make_item("order", items=["one", "two", "three", "four"])
    view = quiz_of(order)
    events = public(view, order["id"])["events"]
    given = [events.index(t) for t in ("one", "two", "four", "three")]
    feedback = send(view, "check", order["id"], given)
    assert feedback["message"].startswith("◐ Partly right: 3 of 4")
    assert feedback["marks"] == [True, True, False, True] or feedback["marks"] == [
        True,
        True,
        True,
        False,
    ]


def test_only_the_chosen_option_is_marked(store):
    """Are only the options the learner chose marked, so an unchosen right option is never
    given away by a mark?"""
    item = first_of("multi")
    view = quiz_of(item)
    options = public(view, item["id"])["options"]
    wrong = next(o["text"] for o in item["options"] if not o["correct"])
    feedback = send(view, "check", item["id"], [options.index(wrong)])
    assert [m for m in feedback["marks"] if m is not None] == [False]
    assert feedback["marks"][options.index(wrong)] is False


@pytest.mark.parametrize("kind", TYPES)
def test_every_checked_attempt_is_stored_before_its_feedback(store, kind):
    """Is each check saved (lesson, item, answer in grade's shape, correct, score) before
    the feedback reaches the browser?"""
    item = first_of(kind)
    view = quiz_of(item)
    seen: list[int] = []
    view.observe(lambda _: seen.append(len(store.attempts(SLUG))), "results")
    answer(view, item, right=False)
    answer(view, item, right=True)
    assert seen == [1, 2]
    wrong, right = store.attempts(SLUG)
    for attempt in (wrong, right):
        assert (attempt.lesson, attempt.item, attempt.revealed) == (SLUG, item["id"], False)
    assert (wrong.correct, right.correct, right.score) == (False, True, 1.0)
    given = right.answer if kind in ("short", "tfng") else json.loads(right.answer)
    assert quiz.grade(item, given).correct


@pytest.mark.parametrize("kind", TYPES)
def test_empty_answer_asks_and_records_nothing(store, kind):
    """Does Check with nothing answered say "Please ..." and leave the store empty?"""
    item = first_of(kind)
    view = quiz_of(item)
    empty = {
        "multi": [],
        "gap": [""] * len(item.get("blanks", [])),
        "order": [],
        "match": [None] * len(item.get("pairs", [])),
    }.get(kind)
    feedback = send(view, "check", item["id"], empty)
    assert "○ Please" in feedback["message"]
    assert view.views[0].result is None
    assert store.attempts() == []


@pytest.mark.parametrize(
    "answer_sent",
    [5, -1, True, "0", [0, 0, 0, 0], [99], {"a": 1}, ["x"] * 600, "<script>", None, 1.5],
)
@pytest.mark.parametrize("kind", TYPES)
def test_odd_messages_never_break_the_quiz(store, kind, answer_sent):
    """Does any shape of answer a changed page could send give a friendly status (never an
    exception), and is nothing but a real answer stored?"""
    item = first_of(kind)
    view = quiz_of(item)
    feedback = send(view, "check", item["id"], answer_sent)
    assert feedback["status"] in ("correct", "almost", "partial", "wrong", "empty", "invalid")
    view._on_message(view, "not a dict", [])
    view._on_message(view, {"action": "check", "item": ["q1"]}, [])
    view._on_message(view, {"action": "check", "item": "no-such-item"}, [])


@pytest.mark.parametrize("kind", TYPES)
def test_show_answer_reveals_and_records(store, kind):
    """Does "Show answer" give the answer in words and the evidence, and record a revealed
    attempt that is never right?"""
    item = first_of(kind)
    view = quiz_of(item)
    feedback = send(view, "show", item["id"])
    assert feedback["answer"] == reveal_text(item)
    assert item["evidence"]["quote"] in words(feedback)
    assert "If you press Show answer, this question gets no point." in words(feedback)
    [attempt] = store.attempts(SLUG)
    assert (attempt.item, attempt.revealed, attempt.correct, attempt.score) == (
        item["id"],
        True,
        False,
        0.0,
    )


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("choice", "It will always be a subject in their talks."),
        ("tfng", "True"),
        (
            "multi",
            "Work to make diplomatic relations better / Send their ambassadors back to their "
            "embassies / Begin talks about cybersecurity",
        ),
        ("short", "repeatedly"),
    ],
)
def test_reveal_names_the_right_answer(store, kind, expected):
    """Is the shown answer the right option's words (not an index or a key)?"""
    item = first_of(kind)
    assert send(quiz_of(item), "show", item["id"])["answer"] == expected


@pytest.mark.parametrize(
    ("item", "typed"),
    [
        (first_of("short") | {"id": "q-typo"}, "repeatdly"),
        (make_item("gap"), ["Genewa"]),
        (make_item("short"), "Geneav"),
    ],
)
def test_one_typo_is_almost_and_not_counted_right(store, item, typed):
    """Does a one-typo answer say "Almost: check the spelling" and not count as right?"""
    view = quiz_of(item)
    feedback = send(view, "check", item["id"], typed)
    assert "Almost: check the spelling" in feedback["message"]
    assert "Score: 0 of 1 right" in view.score
    assert all(not a.correct and a.score == 0.0 for a in store.attempts(SLUG))


def test_choice_feedback_of_the_picked_option_is_shown(store):
    """Does picking an option show the author's feedback for that option, and only it?"""
    item = first_of("choice")
    view = quiz_of(item)
    feedback = answer(view, item, right=False)
    picked = next(o for o in item["options"] if not o["correct"])
    assert picked["feedback"] in words(feedback)
    others = [o["feedback"] for o in item["options"] if o is not picked]
    assert not any(text in words(feedback) for text in others)


def test_shows_option_feedback_names_choice_and_multi():
    """Is the constant another module's checker imports exactly ("choice", "multi")?"""
    assert SHOWS_OPTION_FEEDBACK == ("choice", "multi")


def test_multi_feedback_of_each_chosen_option_is_shown_after_check(store):
    """After Check on a multi item, is the author's feedback of every ticked option shown,
    and the feedback of options left unticked never shown?"""
    item = first_of("multi")
    view = quiz_of(item)
    options = public(view, item["id"])["options"]
    ticked = {item["options"][0]["text"], item["options"][3]["text"]}
    assert view.results == {}  # nothing before Check
    feedback = send(view, "check", item["id"], [options.index(t) for t in ticked])
    for option in item["options"]:
        assert (option["feedback"] in words(feedback)) == (option["text"] in ticked)


@pytest.mark.parametrize(
    ("item", "answer", "expected"),
    [
        (make_item("choice"), 1, [("Moscow", "No.")]),
        (make_item("choice"), True, []),
        (make_item("choice"), None, []),
        (
            make_item(
                "multi",
                options=[
                    {"text": "one", "correct": True, "feedback": "Right: one."},
                    {"text": "two", "correct": True},
                    {"text": "three", "correct": False, "feedback": "Wrong: three."},
                ],
            ),
            [2, 0, 1, 2, 9, -1, "0"],
            [("three", "Wrong: three."), ("one", "Right: one.")],
        ),
        (make_item("multi"), [0, 1], []),  # no feedback written
        (make_item("tfng"), "true", []),
        (make_item("short"), 0, []),
    ],
)
def test_chosen_option_feedback(item, answer, expected):
    """Does chosen_option_feedback give (option text, feedback) for exactly the options
    chosen, in the learner's order, once each, and nothing for other types or odd answers?"""
    assert chosen_option_feedback(item, answer) == expected


@pytest.mark.parametrize(
    ("ticked", "message", "score"),
    [
        (("one",), "◐ Partly right: 1 of 2.", 0.5),
        (("one", "two", "three"), "◐ Partly right: 2 of 2, but 1 choice is wrong.", 0.5),
        (("one", "three"), "✘ Not quite.", 0.0),
    ],
)
def test_multi_part_credit(store, ticked, message, score):
    """Do ticked boxes of a multi item give the part-credit message and score of grading?"""
    item = make_item("multi")
    view = quiz_of(item)
    options = public(view, item["id"])["options"]
    feedback = send(view, "check", item["id"], [options.index(t) for t in ticked])
    assert message in feedback["message"]
    [attempt] = store.attempts()
    assert (attempt.correct, attempt.score) == (False, score)


def test_headline_evidence_is_called_the_headline(store):
    """Is paragraph 0 called "the headline" in feedback and in the revisit list?"""
    item = make_item("short", evidence={"paragraph": 0, "quote": "Leaders Meet"})
    view = quiz_of(item)
    feedback = send(view, "check", item["id"], "Moscow")
    assert "read the headline again" in feedback["hint"]
    assert "question 1 (the headline)" in view.score


# --- what reaches the browser --------------------------------------------------------------------


def every_quiz(data: dict) -> list[QuizView]:
    lesson = Lesson(copy.deepcopy(data))
    views = []
    for name in ("quiz", "focus_quiz", "easier_quiz", "listening_gist"):
        with contextlib.suppress(KeyError, TypeError):  # a lesson without that part
            views.append(getattr(lesson, name)())
    for n in range(1, len((data.get("worksheet") or {}).get("sections", [])) + 1):
        views.append(lesson.worksheet(n))
    return [v for v in views if v.items]


def on_screen(item: dict) -> str:
    """Everything of an item the learner is meant to see (in any order)."""
    return " ".join(
        [item.get("prompt", ""), item.get("text", ""), " ".join(item.get("bank") or [])]
        + [o["text"] for o in item.get("options", [])]
        + [p["left"] + " " + p["right"] for p in item.get("pairs", [])]
        + list(item.get("items", []))
    )


def secrets_of(item: dict) -> tuple[list[str], list[str]]:
    """(texts that explain the item, accepted answers not on screen anyway)."""
    explains = [item.get("explanation", ""), (item.get("evidence") or {}).get("quote", "")]
    explains += [o.get("feedback", "") for o in item.get("options", [])]
    explains.append(item.get("stress", ""))
    accepted = [a for b in item.get("blanks", []) for a in b["accept"]] + item.get("accept", [])
    seen = on_screen(item).lower()
    hidden = [a for a in accepted if not re.search(rf"\b{re.escape(a.lower())}\b", seen)]
    return [e for e in explains if e], hidden


def assert_nothing_given_away(view: QuizView) -> None:
    """No explanation, quotation, option feedback or stress of any item in the widget's
    state (unless some item shows that text anyway), and no item's own public part holds an
    accepted answer it does not show."""
    state = json.dumps(view.get_state(), ensure_ascii=False)
    shown = " ".join(on_screen(v.item) for v in view.views)
    for item_view in view.views:
        explains, hidden = secrets_of(item_view.item)
        for secret in explains:
            assert secret not in state or secret in shown, (item_view.item["id"], secret)
        own = json.dumps(item_view.public, ensure_ascii=False).lower()
        for word in hidden:
            assert not re.search(rf"\b{re.escape(word.lower())}\b", own), word


@pytest.mark.parametrize(
    "slug", ["01-geneva-summit", "02-sanctions-and-an-olive-branch", "05-comparing-the-sources"]
)
def test_no_key_is_in_the_synced_state_before_a_check(store, slug):
    """Does the state the browser gets for every quiz of a lesson hold no key, accepted
    answer, explanation, evidence, stress or option feedback, no "correct" flag, and no
    order item in its right order? (The browser test records the real messages.)"""
    data = json.loads((ROOT / "data" / f"{slug}.json").read_text(encoding="utf-8"))
    for view in every_quiz(data):
        state = json.dumps(view.get_state(), ensure_ascii=False)
        for key in (
            '"correct"',
            '"accept"',
            '"explanation"',
            '"evidence"',
            '"feedback"',
            '"pairs"',
            '"blanks"',
            '"stress"',
        ):
            assert key not in state, (view.title, key)
        assert_nothing_given_away(view)
        for item_view in view.views:
            item = item_view.item
            if item["type"] == "order":
                assert item_view.public["events"] != item["items"]
            assert set(item_view.public) <= {
                "id",
                "n",
                "type",
                "prompt",
                "options",
                "pieces",
                "bank",
                "lefts",
                "rights",
                "events",
            }
        assert view.results == {} and view.answers == {}


def test_a_checked_item_sends_its_own_feedback_only(store):
    """After one item is checked, is that item's explanation in the state, and still no
    other item's?"""
    view = quiz_of(*QUESTIONS)
    first = QUESTIONS[0]
    answer(view, first, right=True)
    state = json.dumps(view.get_state(), ensure_ascii=False)
    assert first["explanation"] in state
    for item in QUESTIONS[1:]:
        assert item["explanation"] not in state


@pytest.mark.parametrize("typed", MARKUP)
def test_typed_markup_is_sent_back_as_text(store, typed):
    """Is markup typed by a learner stored as typed, and sent back only as plain text (the
    view puts every text in with textContent)?"""
    item = make_item("short")
    view = quiz_of(item)
    feedback = send(view, "check", item["id"], typed)
    assert "Not quite" in feedback["message"]
    assert store.attempts()[0].answer == typed
    assert quiz.esm("quiz").count("innerHTML") == 0


def test_the_view_is_one_widget_with_files_from_the_package():
    """Is the quiz one anywidget whose module and CSS come from views/ (with the shared
    helpers in front), with nothing fetched from elsewhere?"""
    module, style = quiz.esm("quiz"), quiz.css("quiz")
    assert module.startswith((ROOT / "src/lessonkit/learner/views/common.js").read_text())
    assert "export default" in module and "function render" in module
    assert ".lk-sr" in style and ".lk-quiz-body" in style
    for text in (module, style):
        assert "http://" not in text and "https://" not in text and "import(" not in text


# --- a quiz -----------------------------------------------------------------------------------


def test_score_line_counts_right_answers_and_lists_revisits(store):
    """Does the score line update after each check, count right the first time beside right
    in the end, and list wrong items with their paragraph?"""
    view = quiz_of(*QUESTIONS)
    assert "Score: 0 of 16 right (0 answered). Right the first time: 0." in view.score
    answer(view, QUESTIONS[0], right=True)
    assert "Score: 1 of 16 right (1 answered). Right the first time: 1." in view.score
    wrong = QUESTIONS[1]
    answer(view, wrong, right=False)
    paragraph = wrong["evidence"]["paragraph"]
    assert "Score: 1 of 16 right (2 answered). Right the first time: 1." in view.score
    assert f"Look again at: question 2 (paragraph {paragraph})." in view.score
    answer(view, wrong, right=True)
    assert "Score: 2 of 16 right (2 answered). Right the first time: 1." in view.score
    assert "Look again at" not in view.score
    send(view, "show", QUESTIONS[2]["id"])
    assert "(3 answered, 1 answer shown). Right the first time: 1." in view.score
    assert "question 3 (paragraph" in view.score


def test_show_answer_first_is_never_right_the_first_time(store):
    """Does a question whose first action was "Show answer" stay not right the first time,
    even after the learner then checks the right answer?"""
    item = first_of("tfng")
    view = quiz_of(item)
    send(view, "show", item["id"])
    answer(view, item, right=True)
    assert view.views[0].first_right is False
    assert "Right the first time: 0." in summary_text(view.views)


def test_first_time_counts_an_earlier_session(store):
    """Is "right the first time" about the learner's first attempt ever: a question answered
    wrong in an earlier session and right now is not right the first time?"""
    item = first_of("tfng")
    store.record(Attempt(SLUG, item["id"], "x", False, False, 0.0, "2021-06-21T10:00:00+00:00"))
    view = quiz_of(item)
    answer(view, item, right=True)
    assert "Score: 1 of 1 right (1 answered). Right the first time: 0." in view.score


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((14, 12, 9, 6), "9 of 14 right (12 answered). Right the first time: 6."),
        (
            (14, 12, 9, 6, 2),
            "9 of 14 right (12 answered, 2 answers shown). Right the first time: 6.",
        ),
        ((5, 1, 0, 0, 1), "0 of 5 right (1 answered, 1 answer shown). Right the first time: 0."),
        ((3, 0, 0, 0), "0 of 3 right (0 answered). Right the first time: 0."),
    ],
)
def test_score_sentence(args, expected):
    """Does the score sentence give right in the end, answered, shown and right the first
    time, in plain words?"""
    assert score_sentence(*args) == expected


def test_look_again_text_names_question_and_paragraph():
    """Does the "Look again at" list name each question with its paragraph or the headline,
    and say nothing when there is nothing to look at again?"""
    headline = make_item("short", evidence={"paragraph": 0, "quote": "x"})
    assert look_again_text([(2, make_item("tfng")), (5, headline)]) == (
        " Look again at: question 2 (paragraph 1), question 5 (the headline)."
    )
    assert look_again_text([]) == ""


def test_shown_answer_is_not_counted_right(store):
    """Does a right answer followed by "Show answer" stop counting as right?"""
    item = first_of("tfng")
    view = quiz_of(item)
    answer(view, item, right=True)
    assert summary_text(view.views).startswith("Score: 1 of 1 right")
    send(view, "show", item["id"])
    assert summary_text(view.views).startswith("Score: 0 of 1 right")


def test_reopened_quiz_shows_previous_score_answers_and_feedback(store):
    """Does a new QuizView on the same store say what was answered last time, and put back
    each checked item's answer and feedback (and nothing for the others)?"""
    first = quiz_of(*QUESTIONS)
    assert first.notes == []
    answer(first, QUESTIONS[0], right=True)
    answer(first, QUESTIONS[1], right=False)
    send(first, "show", QUESTIONS[2]["id"])
    again = quiz_of(*QUESTIONS)
    assert again.notes == [
        [
            "previous",
            "Last time you answered 3 of 16 questions and got 1 right "
            "(1 right the first time). You can answer again.",
        ]
    ]
    assert set(again.results) == {q["id"] for q in QUESTIONS[:3]}
    assert again.results[QUESTIONS[0]["id"]]["message"] == "✔ Correct."
    assert again.results[QUESTIONS[1]["id"]]["message"].startswith(("✘", "◐"))
    assert again.results[QUESTIONS[2]["id"]]["status"] == "revealed"
    for item in QUESTIONS[:2]:
        assert again.answers[item["id"]] == shown_answer(
            public(again, item["id"]), item, right=item is QUESTIONS[0]
        )
    assert again.score.startswith("Score: 1 of 16 right (3 answered, 1 answer shown).")
    assert quiz_of(*QUESTIONS, lesson="02-other").notes == []


def test_options_are_in_the_same_seeded_order_in_two_quizzes(store):
    """Do two QuizViews of the same items show every option list in the same order?"""
    one, two = quiz_of(*QUESTIONS), quiz_of(*QUESTIONS)
    assert one.items == two.items
    choice = next(v for v in one.views if v.item["type"] == "choice")
    texts = [o["text"] for o in choice.item["options"]]
    order = shuffled(list(range(len(texts))), f"{SLUG}:{choice.item['id']}")
    assert choice.public["options"] == [texts[i] for i in order]


@pytest.mark.parametrize(
    ("make", "start"),
    [
        (lambda: Lesson(DATA).quiz(), "Comprehension quiz: 16 questions."),
        (lambda: Lesson(DATA).focus_quiz(), f"Practice: {len(DATA['focus_questions'])} questions"),
        (lambda: QuizView(QUESTIONS[:2], lesson=SLUG), "Quiz: 2 questions."),
    ],
)
def test_text_twin_is_a_friendly_sentence(store, make, start):
    """Is repr() and text/plain of a quiz a friendly sentence, never a widget's repr?"""
    widget = make()
    bundle = widget._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    for text in (repr(widget), data["text/plain"]):
        assert text.startswith(start)
        assert "QuizView(" not in text
    assert "application/vnd.jupyter.widget-view+json" in data


def test_corrupt_store_warns_and_checking_still_works(tmp_path):
    """With a damaged progress file, does the quiz show the warning and still grade and keep?"""
    path = tmp_path / "p.sqlite3"
    junk = b"this is not a database " * 200
    path.write_bytes(junk)
    damaged = ProgressStore(path)
    quiz.reset_store(damaged)
    try:
        view = quiz_of(*QUESTIONS)
        [(kind, text)] = view.notes
        assert kind == "warning" and "damaged" in text
        feedback = answer(view, QUESTIONS[0], right=True)
        assert feedback["message"] == "✔ Correct."
        assert "Score: 1 of 16 right" in view.score
        assert [a.item for a in damaged.attempts(SLUG)] == [QUESTIONS[0]["id"]]
        assert path.read_bytes() == junk
    finally:
        quiz.reset_store(None)
        damaged.close()


def test_every_control_has_a_css_class_and_a_name():
    """Has every control the view makes an "lk-" class and a name a screen reader reads
    (a label, a legend, an aria-label or its own text)? (Read from the module's source; the
    browser tests run axe-core on the drawn quiz.)"""
    module = quiz.esm("quiz")
    for name in (
        "lk-check",
        "lk-show",
        "lk-choice",
        "lk-multi",
        "lk-text",
        "lk-gap-input",
        "lk-slot",
        "lk-chip",
        "lk-match-slot",
        "lk-up",
        "lk-down",
        "lk-finish",
        "lk-feedback",
        "lk-score",
        "lk-announce",
    ):
        assert f'"{name}' in module or f" {name}" in module, name
    for label in (
        '"aria-label": `Gap ${i + 1}`',
        '"aria-label": `Move up: ${text}`',
        '"aria-label": `Move down: ${text}`',
        '"aria-live": "polite"',
    ):
        assert label in module, label


def test_lesson_score_lists_every_quiz_and_what_to_revisit(store):
    """Does the lesson score count right answers per quiz and name items to revisit?"""
    items = [make_item("short"), make_item("tfng", id="other")]
    view = quiz_of(*items, lesson="L")
    send(view, "check", "t-short", "Geneva")
    send(view, "show", "other")
    lines = quiz.lesson_score_lines(
        [("Comprehension", items), ("Practice", [])], store.latest("L"), store.first("L")
    )
    assert lines[0].startswith("Comprehension: 1 of 2 right (2 answered). Right the first time: 1.")
    assert "Look again at: question 2 (paragraph" in lines[0]
    assert len(lines) == 1


def test_lesson_score_counts_first_and_last_attempts():
    """Does the lesson score count a question wrong first and right later as right in the
    end but not right the first time, and a question right first and shown later as right
    the first time but not in the end?"""
    items = [make_item("short"), make_item("tfng", id="other")]

    def at(item, correct, revealed, minute):
        return Attempt("L", item, "a", correct, revealed, 1.0, f"2021-06-21T10:{minute:02d}:00")

    first = {"t-short": at("t-short", False, False, 0), "other": at("other", True, False, 1)}
    latest = {"t-short": at("t-short", True, False, 2), "other": at("other", False, True, 3)}
    [line] = quiz.lesson_score_lines([("Quiz", items)], latest, first)
    assert line == (
        "Quiz: 1 of 2 right (2 answered). Right the first time: 1."
        " Look again at: question 2 (paragraph 1)."
    )
    [alone] = quiz.lesson_score_lines([("Quiz", items)], latest)  # no first: latest stands in
    assert alone.startswith("Quiz: 1 of 2 right (2 answered). Right the first time: 1.")


def test_score_view_shows_the_stored_score_and_friendly_text(store):
    """Does "Show my score" read the store, and is the widget's text twin friendly?"""
    items = [make_item("short")]
    view = quiz.ScoreView("L", [("Comprehension", items)])
    bundle = view._repr_mimebundle_()
    assert "Show my score" in (bundle[0] if isinstance(bundle, tuple) else bundle)["text/plain"]
    view._on_message(view, {"action": "score"}, [])
    assert view.lines == ["You have not answered any questions in this lesson yet."]
    send(quiz_of(*items, lesson="L"), "check", "t-short", "Geneva")
    view._on_message(view, {"action": "score"}, [])
    assert view.lines[0].startswith(
        "Comprehension: 1 of 1 right (1 answered). Right the first time: 1."
    )


@pytest.mark.parametrize("name", ["Ana Lima", *MARKUP])
def test_results_view_makes_both_files_for_the_name_typed(store, name):
    """Does "Make my results file" ask for a name first, then give a JSON and a CSV link
    (files inside the links) made from every stored attempt, with the name as typed (the
    view shows it as text)?"""
    import base64

    view = quiz.ResultsView()
    view._on_message(view, {"action": "make", "name": " ", "group": "B1"}, [])
    assert view.made["message"] == [[True, "○ Please type your name first."]]
    view._on_message(view, {"action": "make", "name": name, "group": "B1"}, [])
    assert "no answers yet" in view.made["message"][0][1]
    item = make_item("short")
    send(quiz_of(item, lesson="L"), "check", item["id"], "Geneva")
    view._on_message(view, {"action": "make", "name": name, "group": ["odd"]}, [])
    assert [True, name] in view.made["message"]
    json_link, csv_link = view.made["links"]
    assert json_link["href"].startswith("data:application/json;base64,")
    assert csv_link["href"].startswith("data:text/csv;base64,")
    document = json.loads(base64.b64decode(json_link["href"].split(",", 1)[1]))
    assert document["learner"] == name and document["attempts"][0]["correct"] is True
    assert json_link["label"].startswith("Download my results (JSON")
    assert "innerHTML" not in quiz.esm("results")


def test_an_order_item_with_a_place_left_empty_asks_to_choose(store):
    """Is an order answer with nothing in it "Please choose", and not saved?"""
    item = make_item("order")
    feedback = send(quiz_of(item, lesson="L"), "check", item["id"], [])
    assert feedback["status"] == "empty" and "Please choose" in feedback["message"]
    assert store.attempts("L") == []


def test_an_order_item_never_starts_in_the_right_order(store):
    """Does an order item's shuffle never show the events already in the right order?"""
    for n in range(40):
        item = make_item("order", id=f"o{n}", items=["a", "b"])
        assert quiz_of(item).items[0]["events"] == ["b", "a"]


def test_evidence_of_a_new_worksheet_sentence_and_its_stress():
    """Does a worksheet item in a new sentence say where the word stands in the article (not
    "look at"), and does a word-formation item show its word family's stress after checking?"""
    item = {
        "explanation": "You need a noun.",
        "evidence": {"paragraph": 3, "quote": "diplomatic relations"},
        "stress": "DIplomat → diploMAtic → diPLOmacy",
        "new_sentence": True,
    }
    shown = evidence_html(item)
    assert "In the article (paragraph 3):" in shown and "Look at" not in shown
    assert "Say it:</em> DIplomat → diploMAtic → diPLOmacy" in shown
    plain = evidence_html({"explanation": "x", "evidence": {"paragraph": 0, "quote": "q"}})
    assert "Look at the headline:" in plain and "Say it" not in plain
    parts = quiz.explanation_parts(item)
    assert parts == {
        "why": "You need a noun.",
        "say": "DIplomat → diploMAtic → diPLOmacy",
        "lead": "In the article (paragraph 3)",
        "quote": "diplomatic relations",
    }


def test_every_item_is_graded_right_from_its_key_through_the_view(store):
    """Does every item of every lesson, answered right as the view would send it, give
    "✔ Correct"? (The maps between shown positions and grade's answers agree.)"""
    for path in sorted((ROOT / "data").glob("0[1-6]-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for view in every_quiz(data):
            for item_view in view.views:
                shown = item_view.plan.to_shown(right_answer(item_view.item))
                assert shown is not None, item_view.item["id"]
                feedback = send(view, "check", item_view.item["id"], shown)
                assert feedback["message"] == "✔ Correct.", (path.name, item_view.item["id"])
    assert ALWAYS_HIDDEN  # the fields the release hides are the ones the view never gets


# --- assessment mode ------------------------------------------------------------------------------


def assessed(*items: dict, lesson: str = "L") -> QuizView:
    return QuizView(list(items), lesson=lesson, assessment=True)


def test_assessment_shows_nothing_before_finish_and_saves_every_change(store):
    """In assessment mode, does a change save the answer (with no mark) and show no right
    or wrong; are Check and Show answer refused; is there no score until Finish?"""
    items = [first_of("tfng"), first_of("short"), first_of("order")]
    view = assessed(*items)
    assert view.assessment and not view.finished
    assert view.notes[-1][0] == "assessment" and "Finish" in view.notes[-1][1]
    for item in items:
        given = shown_answer(public(view, item["id"]), item, right=True)
        send(view, "save", item["id"], given)
        assert send(view, "check", item["id"], given) is None
        assert send(view, "show", item["id"]) is None
    assert view.results == {} and view.score == ""
    saved = store.attempts("L:saved")
    assert [a.item for a in saved] == [i["id"] for i in items]
    assert all(not a.correct and a.score == 0.0 for a in saved)
    assert store.attempts("L") == [] and store.attempts("L:assessed") == []
    assert_nothing_given_away(view)


def test_assessment_finish_grades_stores_and_explains(store):
    """Does Finish grade each saved answer, store it as the assessed attempt, and then show
    marks, explanations and the score (an item never answered counts as not answered)?"""
    items = [first_of("tfng"), first_of("short"), first_of("choice")]
    view = assessed(*items)
    send(view, "save", items[0]["id"], shown_answer(public(view, items[0]["id"]), items[0], True))
    send(view, "save", items[1]["id"], "banana")
    view._on_message(view, {"action": "finish"}, [])
    assert view.finished
    assert view.results[items[0]["id"]]["message"] == "✔ Correct."
    assert items[0]["explanation"] in words(view.results[items[0]["id"]])
    wrong = view.results[items[1]["id"]]
    assert wrong["message"].startswith("✘") and wrong["answer"] == reveal_text(items[1])
    assert items[1]["explanation"] in words(wrong)
    assert view.results[items[2]["id"]]["message"] == "○ Not answered."
    assert view.score.startswith("Score: 1 of 3 right (3 answered).")
    graded = {a.item: a for a in store.attempts("L:assessed")}
    assert set(graded) == {i["id"] for i in items}
    assert graded[items[0]["id"]].correct and not graded[items[1]["id"]].correct
    # After Finish nothing more is saved or graded.
    send(view, "save", items[1]["id"], "repeatedly")
    view._on_message(view, {"action": "finish"}, [])
    assert len(store.attempts("L:assessed")) == 3


def test_assessment_answers_and_a_finish_come_back_after_reopening(store):
    """Are saved answers put back when the lesson is opened again (nothing lost), with no
    marks, and a finished assessment shown finished, with its marks?"""
    items = [first_of("tfng"), first_of("short")]
    view = assessed(*items)
    given = shown_answer(public(view, items[0]["id"]), items[0], right=False)
    send(view, "save", items[0]["id"], given)
    send(view, "save", items[1]["id"], "repeat")
    send(view, "save", items[1]["id"], "repeatedly")
    again = assessed(*items)
    assert again.answers == {items[0]["id"]: given, items[1]["id"]: "repeatedly"}
    assert again.results == {} and not again.finished
    again._on_message(again, {"action": "finish"}, [])
    third = assessed(*items)
    assert third.finished and third.results == again.results
    assert third.score == again.score
    assert third.score.startswith("Score: 1 of 2 right")


def test_assessment_order_is_the_learners_own_and_stable(store, monkeypatch):
    """Is the option order in assessment mode seeded by the learner (the hub user, else an
    id kept beside the progress file) and the item: the same on every reload, another for
    another learner?"""
    items = [first_of("choice"), first_of("multi"), first_of("match"), first_of("order")]
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    one = assessed(*items).items
    assert assessed(*items).items == one
    assert (pathlib.Path(store.path).parent / quiz.INSTALL_ID_FILE).is_file()
    orders = set()
    for user in ("ana", "ben", "chen", "dina", "emil"):
        monkeypatch.setenv("JUPYTERHUB_USER", user)
        first = assessed(*items).items
        assert assessed(*items).items == first
        orders.add(json.dumps(first))
    assert len(orders) > 1
    assert {p["prompt"] for p in one} == {i["prompt"] for i in items}


def test_lessons_yml_assessment_reaches_every_quiz(store):
    """Does ``assessment: true`` in a lesson's data put each of its quizzes in assessment
    mode, and is a lesson without it a practice quiz?"""
    data = copy.deepcopy(DATA) | {"assessment": True}
    assert all(v.assessment for v in every_quiz(data))
    assert not any(v.assessment for v in every_quiz(DATA))


def test_the_module_declares_no_name_the_shared_helpers_declare():
    """Does quiz.js declare no top-level name that views/common.js (put in front of it in
    one module) declares too? A name declared twice stops the whole module from loading."""

    def names(text: str) -> set[str]:
        return set(
            re.findall(r"^(?:async\s+)?(?:function|let|const|var|class)\s+(\w+)", text, re.M)
        )

    views = ROOT / "src" / "lessonkit" / "learner" / "views"
    common = names((views / "common.js").read_text(encoding="utf-8"))
    assert common
    for view in ("quiz.js", "results.js"):
        assert names((views / view).read_text(encoding="utf-8")).isdisjoint(common), view


def test_the_same_verdict_twice_still_reaches_the_view(store):
    """Does checking the same answer twice change ``results`` both times (so the view redraws
    the marks and moves the focus after every Check, not only when the verdict changes)?"""
    item = first_of("tfng")
    view = quiz_of(item)
    changes: list[object] = []
    view.observe(lambda change: changes.append(change["new"]), "results")
    answer(view, item, right=True)
    answer(view, item, right=True)
    assert len(changes) == 2 and changes[0] != changes[1]
    assert changes[0][item["id"]]["message"] == changes[1][item["id"]]["message"] == "✔ Correct."
