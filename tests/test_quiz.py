"""Tests for the quiz widgets (lessonkit.learner.quiz), driven from Python without a browser.

Each test builds the widgets, sets control values the way a learner would (pick a radio
label, tick boxes, choose dropdown values, type text), clicks the buttons and reads the
feedback HTML, the score line and the progress store.
"""

from __future__ import annotations

import copy
import html
import json
import pathlib

import ipywidgets as w
import pytest

import lessonkit.learner.quiz as quiz
from lessonkit.learner.lesson import Lesson
from lessonkit.learner.progress import Attempt, ProgressStore
from lessonkit.learner.quiz import (
    SHOWS_OPTION_FEEDBACK,
    ItemView,
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


def view_of(item: dict, **kwargs: object) -> ItemView:
    return ItemView(item, lesson=SLUG, number=kwargs.pop("number", 1), total=16, **kwargs)


def answer_right(view: ItemView) -> None:
    """Set the controls to the right answer, as a learner would."""
    item, controls = view.item, view.controls
    kind = item["type"]
    if kind == "choice":
        controls[0].value = next(o["text"] for o in item["options"] if o["correct"])
    elif kind == "tfng":
        controls[0].value = TFNG_LABELS[item["answer"]]
    elif kind == "multi":
        right = {o["text"] for o in item["options"] if o["correct"]}
        for box in controls:
            box.value = box.description in right
    elif kind == "gap":
        for box, blank in zip(controls, item["blanks"], strict=True):
            box.value = blank["accept"][0]
    elif kind == "match":
        for box, pair in zip(controls, item["pairs"], strict=True):
            box.value = pair["right"]
    elif kind == "order":
        for box, text in zip(controls, item["items"], strict=True):
            box.value = text
    elif kind == "short":
        controls[0].value = item["accept"][0]


def answer_wrong(view: ItemView) -> None:
    """Set the controls to a wrong answer, as a learner would."""
    item, controls = view.item, view.controls
    kind = item["type"]
    if kind == "choice":
        controls[0].value = next(o["text"] for o in item["options"] if not o["correct"])
    elif kind == "tfng":
        controls[0].value = next(v for k, v in TFNG_LABELS.items() if k != item["answer"])
    elif kind == "multi":
        wrong = {o["text"] for o in item["options"] if not o["correct"]}
        for box in controls:
            box.value = box.description in wrong
    elif kind == "gap":
        for box, blank in zip(controls, item["blanks"], strict=True):
            if item.get("bank"):
                box.value = next(b for b in item["bank"] if b not in blank["accept"])
            else:
                box.value = "zzzzzz"
    elif kind == "match":
        rights = sorted({p["right"] for p in item["pairs"]})
        for box, pair in zip(controls, item["pairs"], strict=True):
            box.value = next(r for r in rights if r != pair["right"])
    elif kind == "order":
        for box, text in zip(controls, reversed(item["items"]), strict=True):
            box.value = text
    elif kind == "short":
        controls[0].value = "banana bread"


def walk(widget: w.Widget):
    """The widget and every widget inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def html_values(widget: w.Widget) -> list[str]:
    return [x.value for x in walk(widget) if isinstance(x, w.HTML)]


# --- one item, every type ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", TYPES)
def test_right_answer_through_controls_is_correct_with_evidence(store, kind):
    """Does a right answer set through the controls give "✔ Correct" and the evidence quote?"""
    item = first_of(kind)
    view = view_of(item)
    answer_right(view)
    view.check.click()
    assert "✔ Correct" in view.feedback.value
    assert html.escape(item["evidence"]["quote"], quote=True) in view.feedback.value
    assert view.result is not None and view.result.correct


@pytest.mark.parametrize("kind", TYPES)
def test_wrong_answer_through_controls_is_not_correct(store, kind):
    """Does a wrong answer give "✘" or "Partly", a hint, and never "✔ Correct"?"""
    item = first_of(kind)
    view = view_of(item)
    answer_wrong(view)
    view.check.click()
    assert "✘" in view.feedback.value or "Partly" in view.feedback.value
    assert "✔ Correct" not in view.feedback.value
    assert "Hint: read" in view.feedback.value
    assert not view.result.correct


@pytest.mark.parametrize("kind", TYPES)
def test_every_checked_attempt_is_stored(store, kind):
    """Does each check save lesson, item id, answer, correct and score to the store?"""
    item = first_of(kind)
    view = view_of(item)
    answer_wrong(view)
    view.check.click()
    answer_right(view)
    view.check.click()
    wrong, right = store.attempts(SLUG)
    for attempt in (wrong, right):
        assert (attempt.lesson, attempt.item, attempt.revealed) == (SLUG, item["id"], False)
    assert (wrong.correct, right.correct, right.score) == (False, True, 1.0)
    assert wrong.score < 1.0
    assert right.answer == view.answer_text(view.read())
    assert wrong.answer != right.answer


@pytest.mark.parametrize("kind", TYPES)
def test_empty_answer_asks_and_records_nothing(store, kind):
    """Does Check with nothing answered say "Please ..." and leave the store empty?"""
    view = view_of(first_of(kind))
    view.check.click()
    assert "○ Please" in view.feedback.value
    assert view.result is None
    assert store.attempts() == []


@pytest.mark.parametrize("kind", TYPES)
def test_show_answer_reveals_and_records(store, kind):
    """Does "Show answer" give the answer in words, mark it shown and record revealed=True?"""
    item = first_of(kind)
    view = view_of(item)
    view.show.click()
    assert html.escape(reveal_text(item), quote=True) in view.feedback.value
    assert html.escape(item["evidence"]["quote"], quote=True) in view.feedback.value
    assert view.revealed
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
    view = view_of(first_of(kind))
    view.show.click()
    assert html.escape(expected) in view.feedback.value


@pytest.mark.parametrize(
    ("item", "typed"),
    [
        (first_of("short") | {"id": "q-typo"}, "repeatdly"),
        (make_item("gap"), "Genewa"),
        (make_item("short"), "Geneav"),
    ],
)
def test_one_typo_is_almost_and_not_counted_right(store, item, typed):
    """Does a one-typo answer say "Almost: check the spelling" and not count as right?"""
    quizview = QuizView([item], lesson=SLUG)
    view = quizview.views[0]
    view.controls[0].value = typed
    view.check.click()
    assert "Almost: check the spelling" in view.feedback.value
    assert "✔ Correct" not in view.feedback.value
    assert "Score: 0 of 1 right" in quizview.score.value
    assert all(not a.correct and a.score == 0.0 for a in store.attempts(SLUG))


def test_choice_feedback_of_the_picked_option_is_shown(store):
    """Does picking an option show the author's feedback for that option?"""
    item = first_of("choice")
    view = view_of(item)
    answer_wrong(view)
    view.check.click()
    picked = next(o for o in item["options"] if o["text"] == view.controls[0].value)
    assert html.escape(picked["feedback"], quote=True) in view.feedback.value


def test_shows_option_feedback_names_choice_and_multi():
    """Is the constant another module's checker imports exactly ("choice", "multi")?"""
    assert SHOWS_OPTION_FEEDBACK == ("choice", "multi")


def test_multi_feedback_of_each_chosen_option_is_shown_after_check(store):
    """After Check on a multi item, is the author's feedback of every ticked option shown,
    and the feedback of options left unticked never shown?"""
    item = first_of("multi")
    view = view_of(item)
    ticked = {item["options"][0]["text"], item["options"][2]["text"]}
    for box in view.controls:
        box.value = box.description in ticked
    assert view.feedback.value == ""  # nothing before Check
    view.check.click()
    for option in item["options"]:
        shown = html.escape(option["feedback"], quote=True) in view.feedback.value
        assert shown == (option["text"] in ticked), option["text"]
    assert 'class="lk-option-feedback"' in view.feedback.value


def test_multi_option_feedback_never_before_check_or_for_an_empty_answer(store):
    """With nothing ticked, does Check show no option feedback at all (no key reaches the
    learner early)?"""
    item = first_of("multi")
    view = view_of(item)
    view.check.click()
    assert "○ Please" in view.feedback.value
    assert not any(
        html.escape(o["feedback"], quote=True) in view.feedback.value for o in item["options"]
    )


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


def test_show_answer_note_is_plain(store):
    """Does "Show answer" say plainly what it costs: no point for this question?"""
    view = view_of(first_of("choice"))
    view.show.click()
    assert "If you press Show answer, this question gets no point." in view.feedback.value
    assert "marked as shown" not in view.feedback.value


@pytest.mark.parametrize(
    ("ticked", "message", "score"),
    [
        (("one",), "◐ Partly right: 1 of 2.", 0.5),
        (("one", "two", "three"), "◐ Partly right: 2 of 2, but 1 choice is wrong.", 0.5),
        (("one", "three"), "✘ Not quite.", 0.0),
    ],
)
def test_multi_part_credit_through_checkboxes(store, ticked, message, score):
    """Do ticked boxes of a multi item give the part-credit message and score of _grading?"""
    view = view_of(make_item("multi"))
    for box in view.controls:
        box.value = box.description in ticked
    view.check.click()
    assert message in view.feedback.value
    [attempt] = store.attempts()
    assert (attempt.correct, attempt.score) == (False, score)


def test_headline_evidence_is_called_the_headline(store):
    """Is paragraph 0 called "the headline" in feedback and in the revisit list?"""
    item = make_item("short", evidence={"paragraph": 0, "quote": "Leaders Meet"})
    quizview = QuizView([item], lesson=SLUG)
    view = quizview.views[0]
    view.controls[0].value = "Moscow"
    view.check.click()
    assert "read the headline again" in view.feedback.value
    assert "question 1 (the headline)" in quizview.score.value


# --- learner markup is never shown as markup -------------------------------------------------


@pytest.mark.parametrize("typed", MARKUP)
@pytest.mark.parametrize("item", [first_of("short"), make_item("gap"), make_item("short")])
def test_typed_markup_never_appears_unescaped(store, item, typed):
    """Is markup typed by a learner never in any feedback HTML unescaped (check or show)?"""
    view = view_of(item)
    for box in view.controls:
        box.value = typed
    view.check.click()
    checked = view.feedback.value
    view.show.click()
    for text in [checked, *html_values(view)]:
        assert "<img" not in text and "<script" not in text
    assert typed in store.attempts()[0].answer  # stored as typed; escaped only when shown


def test_markup_in_item_text_is_escaped(store):
    """Are prompt, option feedback, explanation and quote escaped in every HTML part?"""
    evil = MARKUP[1]
    item = make_item(
        "choice",
        prompt=evil,
        explanation=evil,
        evidence={"paragraph": 2, "quote": evil},
        options=[
            {"text": "a", "correct": True, "feedback": evil},
            {"text": "b", "correct": False, "feedback": evil},
        ],
    )
    view = view_of(item)
    view.controls[0].value = "a"
    view.check.click()
    assert html.escape(evil) in view.feedback.value
    assert all("<script" not in text for text in html_values(view))


# --- a quiz -----------------------------------------------------------------------------------


def test_score_line_counts_right_answers_and_lists_revisits(store):
    """Does the score line update after each check, count right the first time beside right
    in the end, and list wrong items with their paragraph?"""
    quizview = QuizView(QUESTIONS, lesson=SLUG)
    assert "Score: 0 of 16 right (0 answered). Right the first time: 0." in quizview.score.value
    answer_right(quizview.views[0])
    quizview.views[0].check.click()
    assert "Score: 1 of 16 right (1 answered). Right the first time: 1." in quizview.score.value
    wrong = quizview.views[1]
    answer_wrong(wrong)
    wrong.check.click()
    paragraph = wrong.item["evidence"]["paragraph"]
    assert "Score: 1 of 16 right (2 answered). Right the first time: 1." in quizview.score.value
    assert f"Look again at: question 2 (paragraph {paragraph})." in quizview.score.value
    answer_right(wrong)
    wrong.check.click()
    assert "Score: 2 of 16 right (2 answered). Right the first time: 1." in quizview.score.value
    assert "Look again at" not in quizview.score.value
    quizview.views[2].show.click()
    assert "(3 answered, 1 answer shown). Right the first time: 1." in quizview.score.value
    assert "question 3 (paragraph" in quizview.score.value


def test_show_answer_first_is_never_right_the_first_time(store):
    """Does a question whose first action was "Show answer" stay not right the first time,
    even after the learner then checks the right answer?"""
    views = [view_of(first_of("tfng"))]
    views[0].show.click()
    answer_right(views[0])
    views[0].check.click()
    assert views[0].first_right is False
    assert "Right the first time: 0." in summary_text(views)


def test_first_time_counts_an_earlier_session(store):
    """Is "right the first time" about the learner's first attempt ever: a question answered
    wrong in an earlier session and right now is not right the first time?"""
    item = first_of("tfng")
    store.record(Attempt(SLUG, item["id"], "x", False, False, 0.0, "2021-06-21T10:00:00+00:00"))
    quizview = QuizView([item], lesson=SLUG)
    answer_right(quizview.views[0])
    quizview.views[0].check.click()
    assert "Score: 1 of 1 right (1 answered). Right the first time: 0." in quizview.score.value


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
    views = [view_of(first_of("tfng"))]
    answer_right(views[0])
    views[0].check.click()
    assert summary_text(views).startswith("Score: 1 of 1 right")
    views[0].show.click()
    assert summary_text(views).startswith("Score: 0 of 1 right")


def test_reopened_quiz_shows_previous_score(store):
    """Does a new QuizView on the same store say what was answered last time?"""
    first = QuizView(QUESTIONS, lesson=SLUG)
    assert not any("lk-previous" in v for v in html_values(first))
    answer_right(first.views[0])
    first.views[0].check.click()
    answer_wrong(first.views[1])
    first.views[1].check.click()
    again = QuizView(QUESTIONS, lesson=SLUG)
    previous = [v for v in html_values(again) if "lk-previous" in v]
    assert previous == [
        '<p class="lk-previous">Last time you answered 2 of 16 questions and got 1 right '
        "(1 right the first time). You can answer again.</p>"
    ]
    other_lesson = QuizView(QUESTIONS, lesson="02-other")
    assert not any("lk-previous" in v for v in html_values(other_lesson))


def test_options_are_in_the_same_seeded_order_in_two_quizzes(store):
    """Do two QuizViews of the same items show every option list in the same order?"""

    def orders(quizview: QuizView) -> list:
        out = []
        for view in quizview.views:
            for box in view.controls:
                out.append(getattr(box, "options", None) or box.description)
        return out

    one, two = QuizView(QUESTIONS, lesson=SLUG), QuizView(QUESTIONS, lesson=SLUG)
    assert orders(one) == orders(two)
    choice = next(v for v in one.views if v.item["type"] == "choice")
    texts = [o["text"] for o in choice.item["options"]]
    order = shuffled(list(range(len(texts))), f"{SLUG}:{choice.item['id']}")
    assert list(choice.controls[0].options) == [texts[i] for i in order]


@pytest.mark.parametrize(
    ("make", "start"),
    [
        (lambda: Lesson(DATA).quiz(), "Comprehension quiz: 16 questions."),
        (lambda: Lesson(DATA).focus_quiz(), f"Practice: {len(DATA['focus_questions'])} questions"),
        (lambda: QuizView(QUESTIONS[:2], lesson=SLUG), "Quiz: 2 questions."),
        (lambda: view_of(QUESTIONS[0]), f"Question 1: {QUESTIONS[0]['prompt']}"),
    ],
)
def test_text_twin_is_a_friendly_sentence(store, make, start):
    """Is repr() and text/plain of a quiz or item a friendly sentence, never "VBox(...)"?"""
    widget = make()
    bundle = widget._repr_mimebundle_()
    for text in (repr(widget), bundle["text/plain"]):
        assert text.startswith(start)
        assert "VBox" not in text
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_corrupt_store_warns_and_checking_still_works(tmp_path):
    """With a damaged progress file, does the quiz show the warning and still grade and keep?"""
    path = tmp_path / "p.sqlite3"
    junk = b"this is not a database " * 200
    path.write_bytes(junk)
    damaged = ProgressStore(path)
    quiz.reset_store(damaged)
    try:
        quizview = QuizView(QUESTIONS, lesson=SLUG)
        warnings = [v for v in html_values(quizview) if 'class="lk-warning"' in v]
        assert len(warnings) == 1 and "damaged" in warnings[0]
        view = quizview.views[0]
        answer_right(view)
        view.check.click()
        assert "✔ Correct" in view.feedback.value
        assert "Score: 1 of 16 right" in quizview.score.value
        assert [a.item for a in damaged.attempts(SLUG)] == [view.item["id"]]
        assert path.read_bytes() == junk
    finally:
        quiz.reset_store(None)
        damaged.close()


INPUTS = (w.Button, w.Text, w.Dropdown, w.RadioButtons, w.Checkbox, w.Textarea, w.Select)


def test_every_control_has_a_css_class_and_a_name(store):
    """Has every interactive control an "lk-" class, and a description or tooltip?"""
    items = QUESTIONS + [make_item("gap"), make_item("match")]
    quizview = QuizView(items, lesson=SLUG)
    controls = [x for x in walk(quizview) if isinstance(x, INPUTS)]
    assert len(controls) > 2 * len(items)
    for control in controls:
        assert any(c.startswith("lk-") for c in control._dom_classes), control
        assert control.description or getattr(control, "tooltip", None), control
    for view in quizview.views:
        assert f"lk-item-{view.item['type']}" in view._dom_classes


def test_lesson_score_lists_every_quiz_and_what_to_revisit(store):
    """Does the lesson score count right answers per quiz and name items to revisit?"""
    items = [make_item("short"), make_item("tfng")]
    items[1]["id"] = "other"
    first, second = ItemView(items[0], lesson="L", number=1, total=2), None
    answer_right(first)
    first.do_check()
    second = ItemView(items[1], lesson="L", number=2, total=2)
    second.do_show()
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
    assert "Show my score" in view._repr_mimebundle_()["text/plain"]
    view.show.click()
    assert "not answered any questions" in view.out.value
    item = ItemView(items[0], lesson="L", number=1, total=1)
    answer_right(item)
    item.do_check()
    view.show.click()
    assert "Comprehension: 1 of 1 right (1 answered). Right the first time: 1." in view.out.value


def test_an_order_item_with_a_place_left_empty_asks_to_choose(store):
    """Is an order answer with an empty place "Please choose", and not saved?"""
    item = make_item("order")
    view = ItemView(item, lesson="L", number=1, total=1)
    view.controls[0].value = view.controls[0].options[1]
    result = view.do_check()
    assert result.status == "empty" and "Please choose" in view.feedback.value
    assert store.attempts("L") == []


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
