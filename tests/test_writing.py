"""Feedback on the worksheet's writing task: length, key words (any form), reporting verbs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lessonkit._quiz as quiz
from lessonkit._progress import ProgressStore
from lessonkit._writing import WritingView, count_words, writing_feedback

ROOT = Path(__file__).resolve().parents[1]
TASK = {
    "min_words": 5,
    "max_words": 12,
    "key_words": [
        {"word": "treaty", "forms": ["treaty", "treaties"]},
        {"word": "kick off", "forms": ["kick off", "kicked off", "kicks off"]},
    ],
    "reporting_forms": ["said", "say", "says", "told", "warned"],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["○ Please write"]),
        ("Too short.", ["✘ Too short: 2 words", "◐ Key words: you used 0 of 2", "✘ Reporting"]),
        (
            "Biden said the treaties kicked off a new age of talks.",
            [
                "✔ Length: 11 words",
                "✔ Key words: you used all 2 of 2",
                "✔ Reporting verbs: you used said",
            ],
        ),
        (
            "He warned that the treaty was old and that nobody would kick it off again soon, "
            "not at all.",
            ["✘ Too long", "◐ Key words: you used 1 of 2. Try to use: kick off"],
        ),
    ],
)
def test_feedback_lines(text, expected):
    """Does each line name what is right or missing, with a symbol, for these texts?"""
    lines, _ = writing_feedback(text, TASK)
    for want in expected:
        assert any(line.startswith(want) for line in lines), (want, lines)


def test_score_is_the_share_of_checks_passed():
    """Is the score 1 only when length, key words and reporting verbs are all right?"""
    assert writing_feedback("Biden said the treaties kicked off a new age.", TASK)[1] == 1.0
    assert writing_feedback("Treaties kicked off.", TASK)[1] == pytest.approx(1 / 3)


def test_counting_words_as_a_teacher_does():
    """Are contractions and hyphenated words one word each?"""
    assert count_words("Don't de-escalate it, U.S. officials said.") == 7


@given(st.text(max_size=3000))
@settings(max_examples=80, deadline=None)
def test_any_text_gives_feedback(text):
    """Does any text a learner types give feedback lines and never raise?"""
    lines, score = writing_feedback(text, TASK)
    assert lines and 0.0 <= score <= 1.0


def test_the_view_saves_each_draft_and_brings_it_back(tmp_path):
    """Is each checked draft saved, and shown again when the task is opened again?"""
    quiz.reset_store(ProgressStore(tmp_path / "p.sqlite3"))
    try:
        data = json.loads((ROOT / "data" / "01-geneva-summit.json").read_text("utf-8"))
        task = data["worksheet"]["writing"]
        view = WritingView(task, lesson="01-geneva-summit:worksheet")
        assert "Writing task" in view._repr_mimebundle_()["text/plain"]
        view.box.value = "Biden <b>said</b> the talks were on the table."
        view.check.click()
        assert "✔ Reporting verbs" in view.feedback.value and "<b>" not in view.feedback.value
        again = WritingView(task, lesson="01-geneva-summit:worksheet")
        assert again.box.value == "Biden <b>said</b> the talks were on the table."
    finally:
        quiz.reset_store(None)
