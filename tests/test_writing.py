"""Feedback on the worksheet's writing task: length, key words (any form), reporting verbs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.learner.writing import (
    WHAT_IT_CHECKS,
    WritingView,
    count_words,
    distinct_verbs,
    verb_groups,
    writing_feedback,
)

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
        (
            "Too short.",
            [
                "✘ Too short: 2 words",
                "✘ Key words: you used 0 of 2; the task asks for 2. Try to use: treaty, kick off.",
                "✘ Reporting verbs: none yet; the task asks for 1.",
            ],
        ),
        (
            "Biden said the treaties kicked off a new age of talks.",
            [
                "✔ Length: 11 words",
                "✔ Key words: you used 2 of 2; the task asks for 2.",
                "✔ Reporting verbs: you used 1 different verb (said); the task asks for 1.",
            ],
        ),
        (
            "He warned that the treaty was old and that nobody would kick it off again soon, "
            "not at all.",
            [
                "✘ Too long",
                "◐ Key words: you used 1 of 2; the task asks for 2. Try to use: kick off.",
            ],
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


def test_the_view_saves_each_draft_and_brings_it_back(store):
    """Is each checked draft saved, and shown again when the task is opened again?"""
    data = json.loads((ROOT / "data" / "01-geneva-summit.json").read_text("utf-8"))
    task = data["worksheet"]["writing"]
    view = WritingView(task, lesson="01-geneva-summit:worksheet")
    bundle = view._repr_mimebundle_()
    assert "Writing task" in (bundle[0] if isinstance(bundle, tuple) else bundle)["text/plain"]
    assert view.text == "" and view.restored is False and view.feedback == []
    # Four different reporting verbs: enough for any lesson's task.
    text = (
        "Biden <b>said</b> the talks were on the table; Putin warned, Blinken told us and"
        " Lavrov added more."
    )
    view._on_message(view, {"action": "check", "text": text}, [])
    assert any(line.startswith("✔ Reporting verbs") for line in view.feedback)
    assert view.saved is True and view.checks == 1
    assert (
        view.note
        == WHAT_IT_CHECKS
        == ("This checks the length and the words you used. Your teacher will read your ideas.")
    )
    [attempt] = store.attempts("01-geneva-summit:worksheet")
    assert attempt.item == "writing" and attempt.answer == text
    again = WritingView(task, lesson="01-geneva-summit:worksheet")
    assert again.text == text and again.restored is True
    assert again.words == count_words(text)


def test_typing_counts_words_but_saves_only_on_check(store):
    """Does the page's draft update the word count, with nothing saved before a check, and an
    empty text saved never (so a saved draft is not replaced by nothing)?"""
    task = json.loads((ROOT / "data" / "01-geneva-summit.json").read_text("utf-8"))
    view = WritingView(task["worksheet"]["writing"], lesson="x:worksheet")
    view.text = "One two three-four don't"
    assert view.words == 4
    assert store.attempts("x:worksheet") == []
    view.do_check("My first draft.")
    view.do_check("   ")
    assert view.feedback == ["○ Please write your text in the box first."]
    assert [a.answer for a in store.attempts("x:worksheet")] == ["My first draft."]
    assert WritingView(task["worksheet"]["writing"], lesson="x:worksheet").text == "My first draft."


def test_the_model_answer_comes_only_after_a_check(store):
    """Is the model answer out of the page's state until the learner has checked a text and
    asks for it, and are the marking notes never in it?"""
    task = json.loads((ROOT / "data" / "01-geneva-summit.json").read_text("utf-8"))
    task = task["worksheet"]["writing"]
    view = WritingView(task, lesson="y:worksheet")

    def state() -> str:
        return json.dumps(view.get_state(), ensure_ascii=False)

    answer, notes = task["model_answer"], task["marking_notes"]
    assert view.has_model is True
    view._on_message(view, {"action": "model"}, [])  # asked for before any check: nothing
    assert view.model_answer == "" and answer[:40] not in state()
    view._on_message(view, {"action": "check", "text": "My own short text."}, [])
    assert answer[:40] not in state() and view.model_answer == ""
    view._on_message(view, {"action": "model"}, [])
    assert view.model_answer == answer
    assert notes[:40] not in state()


def test_a_release_task_without_a_model_answer(store):
    """In a student release (no model answer in the data), is there nothing to show?"""
    view = WritingView(dict(TASK), lesson="z:worksheet")
    assert view.has_model is False
    view.do_check("Some text here.")
    assert view.show_model() == "" and view.model_answer == ""


# -- the task's own numbers: how many key words, how many different reporting verbs ----------

FIVE = {
    "min_words": 5,
    "max_words": 60,
    "key_words": [{"word": w, "forms": [w, w + "s"]} for w in ("treaty", "tension", "summit")]
    + [
        {"word": "ambassador", "forms": ["ambassador", "ambassadors"]},
        {"word": "border", "forms": ["border", "borders"]},
    ],
    "min_key_words": 4,
    "min_reporting_verbs": 2,
    "reporting_forms": ["said", "say", "saying", "says", "tell", "tells", "told", "warn", "warned"],
}


def test_key_words_pass_when_the_task_asks_for_fewer_than_all():
    """When the task asks for 4 of 5 key words, do 4 pass (✔, "the task asks for 4"), with no
    word named as missing, and do 3 get ◐ with the missing ones?"""
    four = "The treaty, the tensions, the summit and the ambassador: she said it, he told us."
    lines, score = writing_feedback(four, FIVE)
    assert "✔ Key words: you used 4 of 5; the task asks for 4." in lines
    assert score == 1.0
    three = "The treaty, the tensions and the summit: she said it, he told us all of it."
    lines, score = writing_feedback(three, FIVE)
    assert (
        "◐ Key words: you used 3 of 5; the task asks for 4. Try to use: ambassador, border."
        in lines
    )
    assert score == pytest.approx(2 / 3)


def test_reporting_verbs_count_different_verbs_not_forms():
    """Do "said" and "says" count as one verb (◐ when the task asks for 2), and "said" with
    "told" as two (✔)?"""
    same = "The treaty, tensions, a summit, an ambassador. She said no and says no again."
    lines, _ = writing_feedback(same, FIVE)
    assert lines[-1] == (
        "◐ Reporting verbs: you used 1 different verb (said); the task asks for 2."
        " Try another one, such as told, warned, urged or explained."
    )
    two = "The treaty, tensions, a summit, an ambassador. She said no and told him so."
    lines, _ = writing_feedback(two, FIVE)
    assert (
        lines[-1]
        == "✔ Reporting verbs: you used 2 different verbs (said, told); the task asks for 2."
    )


def test_no_reporting_verb_requirement():
    """When the task asks for 0 reporting verbs, does the check pass with or without them?"""
    task = FIVE | {"min_reporting_verbs": 0}
    lines, _ = writing_feedback("A treaty, tensions, a summit, borders.", task)
    assert lines[-1] == "✔ Reporting verbs: this task does not ask for them."
    lines, _ = writing_feedback("A treaty, tensions, a summit, borders, she warned.", task)
    assert lines[-1] == "✔ Reporting verbs: you used warned."


def test_old_task_data_without_the_new_fields():
    """Does task data without min_key_words, min_reporting_verbs and reporting_verbs ask for
    every key word and one reporting verb, as before?"""
    assert "min_key_words" not in TASK and "reporting_verbs" not in TASK
    lines, score = writing_feedback("Biden said the treaty was new and fine.", TASK)
    assert "◐ Key words: you used 1 of 2; the task asks for 2. Try to use: kick off." in lines
    assert "✔ Reporting verbs: you used 1 different verb (said); the task asks for 1." in lines


def test_verb_groups_uses_the_data_map_when_given():
    """With the lesson data's {form: verb} map, is each form's verb taken from it?"""
    forms = ["said", "says", "told"]
    assert verb_groups(forms, {"said": "say", "says": "say", "told": "tell"}) == {
        "said": "say",
        "says": "say",
        "told": "tell",
    }


@pytest.mark.parametrize(
    ("form", "verb"),
    [
        ("said", "say"),
        ("says", "say"),
        ("saying", "say"),
        ("told", "tell"),
        ("tells", "tell"),
        ("denied", "deny"),
        ("denies", "deny"),
        ("stated", "state"),
        ("argued", "argue"),
        ("arguing", "argue"),
        ("admitted", "admit"),
        ("stresses", "stress"),
        ("labelled", "label"),
        ("agreed", "agree"),
        ("compared", "compare"),
        ("complained", "complain"),
        ("warn", "warn"),
    ],
)
def test_verb_groups_fallback_without_a_map(form, verb):
    """Without a map, is each form traced to its verb (irregular pasts, -s, -es, -ies, -ed,
    -ied, -d, -ing, doubled letters, lost "e"), keeping "compare" and "complain" apart?"""
    forms = [
        "say", "said", "says", "saying", "tell", "tells", "told", "deny", "denied", "denies",
        "state", "stated", "argue", "argued", "arguing", "admit", "admitted", "stress",
        "stresses", "label", "labelled", "agree", "agreed", "compare", "compared", "complain",
        "complained", "warn",
    ]  # fmt: skip
    assert verb_groups(forms)[form] == verb


def test_verb_groups_fallback_agrees_with_the_build_for_every_reporting_verb():
    """For every form of every reporting verb the build knows, does the fallback find the same
    verb as the build's own map (so old lesson data counts verbs as new data will)?"""
    from lessonkit.build.inflect import inflections
    from lessonkit.build.reporting import REPORTING_VERBS

    verb_of = {form: verb for verb in sorted(REPORTING_VERBS) for form in inflections(verb)}
    assert verb_groups(sorted(verb_of)) == verb_of


def test_distinct_verbs_keeps_the_first_form_of_each_verb():
    """Does distinct_verbs give each verb once, with the first form the text used?"""
    groups = {"says": "say", "said": "say", "told": "tell"}
    assert distinct_verbs(["says", "said", "told"], groups) == {"say": "says", "tell": "told"}
    assert distinct_verbs([], groups) == {}
