"""The item-writing checks of ``lessonkit check`` (lessonkit.build.itemchecks), on tiny items."""

from __future__ import annotations

import sys
import types

import pytest
from factories import LESSON, assert_one_sentence, good_files, write_project
from pydantic import TypeAdapter

from lessonkit.build import itemchecks as ic
from lessonkit.build.schema import Item

PARAGRAPHS = [
    "Leaders Meet in Geneva",
    "The two leaders met in Geneva on Wednesday.",
    "The U.S. and Russia had withdrawn their top diplomats as tensions rose in recent months.",
    "He said he stressed to Putin that no president could ignore human rights.",
    "They agreed to hold talks on nuclear stability. The talks start next month.",
]

_ADAPTER = TypeAdapter(Item)


def make(kind: str, **fields: object):
    """A valid item of ``kind`` with defaults for every field not given."""
    data: dict = {
        "id": fields.pop("id", "q1"),
        "type": kind,
        "skill": "literal",
        "prompt": "Answer the question.",
        "evidence": {"paragraph": 1, "quote": "met in Geneva"},
        "explanation": "They met in a city in Switzerland.",
    }
    if kind in ("choice", "multi"):
        data["options"] = [{"text": "Geneva", "correct": True}, {"text": "Moscow"}]
        if kind == "multi":
            data["options"] = [
                {"text": "Geneva", "correct": True},
                {"text": "Switzerland", "correct": True},
                {"text": "Moscow"},
            ]
    if kind == "gap":
        data["text"] = "The leaders met in [Geneva]."
    if kind == "short":
        data["accept"] = ["Geneva"]
    data.update(fields)
    return _ADAPTER.validate_python(data)


def ctx(**fields: object) -> ic.Context:
    return ic.Context(paragraphs=PARAGRAPHS, corpus=PARAGRAPHS, **fields)


def checks(found: list[ic.Finding]) -> list[tuple[str, str]]:
    return [(f.check, f.severity) for f in found]


# --- 1. option lengths ------------------------------------------------------------------------


def test_key_longest_in_too_many_choice_items_warns_with_the_share():
    """Is the key being the longest option in over 40% of choice items a warning with the share?"""
    long_key = [{"text": "In Geneva, a city in Switzerland", "correct": True}, {"text": "Moscow"}]
    short_key = [{"text": "Geneva", "correct": True}, {"text": "In Moscow, the Russian capital"}]
    entries = [
        (make("choice", id=f"q{i}", options=opts), ctx(where=("questions", i)))
        for i, opts in enumerate([long_key, long_key, short_key])
    ]
    found = ic.check_key_longest(entries, ("questions",))
    assert checks(found) == [("option-lengths", "warning")]
    assert "2 of 3" in found[0].problem and "67%" in found[0].problem
    assert "questions[1], questions[2]" in found[0].problem
    assert ic.check_key_longest(entries[1:], ("questions",)) == [] or "1 of 2" not in str(found)


def test_key_longest_at_40_percent_or_less_is_fine():
    """Is a share of 40% (2 of 5) not reported?"""
    long_key = [{"text": "In Geneva, a city in Switzerland", "correct": True}, {"text": "Moscow"}]
    short_key = [{"text": "Geneva", "correct": True}, {"text": "In Moscow, the Russian capital"}]
    opts = [long_key, long_key, short_key, short_key, short_key]
    entries = [
        (make("choice", id=f"q{i}", options=o), ctx(where=("questions", i)))
        for i, o in enumerate(opts)
    ]
    assert ic.check_key_longest(entries) == []


def test_options_of_very_unequal_length_warn():
    """Does an item whose longest option has over 2.5 times the words of the shortest warn?"""
    item = make(
        "choice",
        options=[
            {"text": "They met in Geneva to talk about many different problems.", "correct": True},
            {"text": "In Moscow."},
            {"text": "In Washington, D.C."},
        ],
    )
    assert checks(ic.check_option_lengths(item, ctx())) == [("option-lengths", "warning")]
    even = make("choice", options=[{"text": "In Geneva", "correct": True}, {"text": "In Rome"}])
    assert ic.check_option_lengths(even, ctx()) == []


# --- 2. answer leak ---------------------------------------------------------------------------


def test_gap_answer_in_the_prompt_is_a_leak():
    """Does a gap answer of 4+ letters standing in the prompt give an error on the prompt?"""
    item = make("gap", prompt="Which word means tensions here?", text="as [tensions] rose")
    found = ic.check_answer_leak(item, ctx())
    assert checks(found) == [("answer-leak", "error")]
    assert found[0].loc == ("questions", 0, "prompt")


def test_gap_answer_in_the_rest_of_the_text_or_a_distractor_is_a_leak():
    """Does the answer standing in the rest of the text, or in a distractor, give errors?"""
    item = make(
        "gap",
        text="The [crackdown] was hard; the crackdown went on.",
        distractors=["a crackdown", "pressure"],
    )
    found = ic.check_answer_leak(item, ctx())
    assert [f.loc[2:] for f in found] == [("text",), ("distractors", 0)]


def test_short_grammar_words_do_not_leak_as_words():
    """Is a short answer like "was" in the prompt fine (under 4 letters, no same phrase)?"""
    item = make("short", prompt="Was it hard? He said it ___ hard to say.", accept=["was"])
    assert ic.check_answer_leak(item, ctx()) == []


def test_reported_speech_prompt_may_quote_the_unchanged_verb():
    """Is an unchanged past simple in the quoted direct speech of a short prompt no leak?"""
    item = make(
        "short",
        prompt='Blinken said: "The president pushed human rights." Blinken said that he ___ it.',
        accept=["had pushed", "pushed"],
    )
    assert ic.check_answer_leak(item, ctx()) == []


def test_same_phrase_in_the_language_focus_box_is_a_leak_at_any_length():
    """Does "it was hard" in the box give away the short answer "was"?"""
    item = make("short", prompt="He said it ___ hard to say.", accept=["was"])
    box = 'Putin\'s words become *he said it **was** "hard to say"* (paragraph 19).'
    found = ic.check_answer_leak(item, ctx(box=box))
    assert checks(found) == [("answer-leak", "error")]
    assert "it was hard" in found[0].problem
    assert ic.check_answer_leak(item, ctx(box="Is becomes was in reported speech.")) == []


def test_same_phrase_in_the_previous_worksheet_item_is_a_leak():
    """Does the previous item of the section, solved, give away "Biden told reporters"?"""
    previous = make("gap", id="g1", text="Biden [told] reporters that all was well.")
    item = make("gap", id="g2", text="Later Biden [told] reporters that he was happy.")
    found = ic.check_answer_leak(item, ctx(previous=previous))
    assert checks(found) == [("answer-leak", "error")]
    other = make("gap", id="g2", text="She [told] her friends about it.")
    assert ic.check_answer_leak(other, ctx(previous=previous)) == []


# --- 3. duplicates ----------------------------------------------------------------------------


def test_same_answer_in_the_same_sentence_is_an_error():
    """Do two items testing "withdrawn" in the same article sentence give an error?"""
    ev = {"paragraph": 2, "quote": "had withdrawn their top diplomats"}
    a = make("gap", id="a", text="They had [withdrawn] their diplomats.", evidence=ev)
    b = make("short", id="b", accept=["withdrawn"], evidence=ev)
    found = ic.check_duplicates(
        [(a, ctx(where=("questions", 0))), (b, ctx(where=("questions", 1)))]
    )
    assert checks(found) == [("duplicates", "error")]
    assert found[0].loc == ("questions", 1) and "questions[1]" in found[0].problem


def test_same_answer_word_elsewhere_is_a_warning_at_lemma_level():
    """Do "was" and "were" in items on different sentences give a warning (both "be")?"""
    a = make("short", id="a", accept=["was"], evidence={"paragraph": 1, "quote": "met"})
    b = make("short", id="b", accept=["were"], evidence={"paragraph": 4, "quote": "talks"})
    found = ic.check_duplicates([(a, ctx(where=("q", 0))), (b, ctx(where=("q", 1)))])
    assert checks(found) == [("duplicates", "warning")]
    c = make("short", id="c", accept=["talks"], evidence={"paragraph": 4, "quote": "talks"})
    assert ic.check_duplicates([(a, ctx(where=("q", 0))), (c, ctx(where=("q", 1)))]) == []


# --- 4. bank distractors ----------------------------------------------------------------------


def test_distractor_that_stands_in_the_evidence_paragraph_fits():
    """Is a distractor that the article itself uses in the gap's place an error?"""
    item = make(
        "gap",
        text="They [agreed] to hold talks.",
        distractors=["refused"],
        evidence={"paragraph": 4, "quote": "They agreed to hold talks"},
    )
    assert ic.check_distractors(item, ctx()) == []
    item = make(
        "gap",
        text="The two [presidents] met in Geneva.",
        distractors=["leaders"],
        evidence={"paragraph": 1, "quote": "The two leaders met in Geneva"},
    )
    found = ic.check_distractors(item, ctx())
    assert checks(found) == [("distractor-fits", "error")]
    assert found[0].loc == ("questions", 0, "distractors", 0)
    assert '"two leaders met"' in found[0].problem


def test_said_fits_where_stressed_to_stands():
    """Is "said" an error for "[stressed] to Putin", and "told" fine (tell takes no "to")?"""
    item = make(
        "gap",
        text="He said he [stressed] to Putin that rights matter.",
        distractors=["said", "told"],
        evidence={"paragraph": 3, "quote": "he stressed to Putin"},
    )
    found = ic.check_distractors(item, ctx())
    assert [f.loc[-1] for f in found] == [0]
    assert '"said to putin"' in found[0].problem


def test_said_does_not_fit_before_a_person():
    """Is "said" fine as a distractor for "[told] reporters", and "asked" before "that"?"""
    item = make(
        "gap",
        text="The coach [told] journalists that he had [stressed] to the players that it mattered.",
        distractors=["said", "asked", "spoke"],
        evidence={"paragraph": 3, "quote": "he stressed to Putin"},
    )
    assert ic.check_distractors(item, ctx()) == []


def test_distractor_next_to_a_content_word_as_the_articles_use_it():
    """(c) Is "tensions" an error for "hostility [rose]"-style gaps when an article says
    "tensions rose", and is an unknown pairing fine?"""
    item = make(
        "gap",
        text="Prices [fell] as the [hostility] rose.",
        distractors=["tensions", "weather"],
        evidence={"paragraph": 2, "quote": "as tensions rose"},
    )
    found = ic.check_distractors(item, ctx())
    assert [f.loc[-1] for f in found] == [0]


# --- 5. explanation repeats the quote ---------------------------------------------------------


def test_explanation_with_the_evidence_quote_is_an_error():
    """Does an explanation quoting the evidence quote (curly quotes, other case) give an error?"""
    item = make(
        "choice",
        evidence={"paragraph": 1, "quote": "The two leaders met in Geneva on Wednesday."},
        explanation="Paragraph 1 says “the two leaders met in Geneva on Wednesday”.",
    )
    found = ic.check_explanation_quote(item, ctx())
    assert checks(found) == [("explanation-quote", "error")]
    assert found[0].loc == ("questions", 0, "explanation")


def test_explanation_with_8_words_of_a_long_quote_is_an_error():
    """Is a run of 8 words of the quote an error, and 7 words fine?"""
    quote = (
        "The U.S. and Russia had withdrawn their top diplomats as tensions rose in recent months."
    )
    ev = {"paragraph": 2, "quote": quote}
    eight = make(
        "choice", evidence=ev, explanation="So had withdrawn their top diplomats as tensions rose."
    )
    seven = make(
        "choice", evidence=ev, explanation="So withdrawn their top diplomats as tensions rose."
    )
    assert checks(ic.check_explanation_quote(eight, ctx())) == [("explanation-quote", "error")]
    assert ic.check_explanation_quote(seven, ctx()) == []


# --- 6. paragraph citations -------------------------------------------------------------------


def test_citing_another_paragraph_needs_evidence_also():
    """Is "paragraph 3" in an explanation an error unless 3 is in evidence.also?"""
    item = make("choice", explanation="Paragraph 1 and paragraph 3 tell us where.")
    found = ic.check_citations(item, ctx())
    assert checks(found) == [("paragraph-citations", "error")]
    assert "paragraph 3" in found[0].problem
    ok = make(
        "choice",
        explanation="Paragraphs 1 and 3 tell us where (4).",
        evidence={"paragraph": 1, "quote": "met in Geneva", "also": [3, 4]},
    )
    assert ic.check_citations(ok, ctx()) == []


def test_option_feedback_and_prompt_citations_are_checked():
    """Are prompts and option feedback checked too, and "(N)" after "paragraph"?"""
    item = make(
        "choice",
        prompt="Read paragraph 2.",
        options=[
            {"text": "Geneva", "correct": True, "feedback": "Yes, paragraph 1 says so (4)."},
            {"text": "Moscow"},
        ],
    )
    found = ic.check_citations(item, ctx())
    assert [f.loc[2:] for f in found] == [("prompt",), ("options", 0, "feedback")]


def test_quote_attributed_to_a_paragraph_must_stand_there():
    """Is a 4+ word quotation attributed to paragraph 1 an error when it is in paragraph 2?"""
    bad = make(
        "choice",
        explanation='Paragraph 1 says "had withdrawn their top diplomats".',
        evidence={"paragraph": 1, "quote": "met", "also": [2]},
    )
    found = ic.check_citations(bad, ctx())
    assert checks(found) == [("paragraph-citations", "error")]
    good = make(
        "choice",
        explanation="Paragraph 2 says “had withdrawn their top diplomats”. Paragraph 1 does not.",
        evidence={"paragraph": 1, "quote": "met", "also": [2]},
    )
    assert ic.check_citations(good, ctx()) == []


def test_quote_found_nowhere_in_the_article_warns():
    """Is a 4+ word quotation in an explanation that stands nowhere a warning, 3 words not?"""
    item = make("choice", explanation='People say "shoot yourself in the foot" about this.')
    assert checks(ic.check_citations(item, ctx())) == [("paragraph-citations", "warning")]
    short = make("choice", explanation='People say "hard to say" about this.')
    assert ic.check_citations(short, ctx()) == []


def test_cross_lesson_citations_of_other_lessons_are_skipped():
    """In a lesson on several articles, is "lesson 2, paragraph 6" of another lesson fine, and
    its quotation checked against that lesson's article?"""
    other = [
        "Headline",
        "One.",
        "Two.",
        "Three.",
        "Four.",
        "Five.",
        "Biden told Putin that it was fine.",
    ]
    item = make(
        "choice", explanation='In lesson 2, paragraph 6 "Biden told Putin that it" is said.'
    )
    c = ctx(cross=True, lesson_number=1, lessons={1: PARAGRAPHS, 2: other})
    assert ic.check_citations(item, c) == []
    wrong = make(
        "choice", explanation='In lesson 2, paragraph 6 "Putin told Biden that it" is said.'
    )
    assert checks(ic.check_citations(wrong, c)) == [("paragraph-citations", "error")]


# --- 7. word count ----------------------------------------------------------------------------


def test_one_word_prompt_with_a_two_word_answer_is_an_error():
    """Does "one word" with an accepted "off limits" give an error, "off-limits" not?"""
    item = make("gap", prompt="Complete with one word.", text="It is [off limits|off-limits].")
    found = ic.check_word_count(item, ctx())
    assert checks(found) == [("word-count", "error")]
    assert '"off limits"' in found[0].problem


def test_a_number_prompt_needs_number_answers():
    """Does "Write a number" accept digits and number words, and flag "16 June"?"""
    good = make("short", prompt="Write a number.", accept=["16", "sixteen"])
    assert ic.check_word_count(good, ctx()) == []
    bad = make("short", prompt="Write a number.", accept=["16", "16 June"])
    found = ic.check_word_count(bad, ctx())
    assert [f.loc[2:] for f in found] == [("accept", 1)]


def test_section_instructions_count_when_the_prompt_says_nothing():
    """Do a worksheet section's "Type one word." instructions apply to its items?"""
    item = make("short", prompt="He ___ it.", accept=["had done"])
    found = ic.check_word_count(item, ctx(instructions="Type one word."))
    assert checks(found) == [("word-count", "error")]
    assert "section instructions" in found[0].problem
    two = make("short", prompt="He ___ it. (two words)", accept=["had done"])
    assert ic.check_word_count(two, ctx(instructions="Type one word.")) == []


# --- 8. option feedback never shown -----------------------------------------------------------


def test_option_feedback_on_a_type_the_view_does_not_show_is_an_error(monkeypatch):
    """With _quiz.SHOWS_OPTION_FEEDBACK = ("choice",), is multi feedback an error, and fine
    once multi is in it?"""
    item = make(
        "multi",
        options=[
            {"text": "Geneva", "correct": True, "feedback": "Yes."},
            {"text": "Switzerland", "correct": True},
            {"text": "Moscow", "feedback": "No."},
        ],
    )
    monkeypatch.setattr("lessonkit.learner.quiz.SHOWS_OPTION_FEEDBACK", ("choice",), raising=False)
    found = ic.check_option_feedback(item, ctx())
    assert [f.loc[2:] for f in found] == [("options", 0, "feedback"), ("options", 2, "feedback")]
    monkeypatch.setattr("lessonkit.learner.quiz.SHOWS_OPTION_FEEDBACK", ("choice", "multi"))
    assert ic.check_option_feedback(item, ctx()) == []


def test_option_feedback_types_fall_back_when_quiz_has_no_constant(monkeypatch):
    """Without SHOWS_OPTION_FEEDBACK in _quiz, are choice and multi taken as shown?"""
    monkeypatch.setitem(
        sys.modules, "lessonkit.learner.quiz", types.ModuleType("lessonkit.learner.quiz")
    )
    assert ic.shown_feedback_types() == ("choice", "multi")


# --- 9. worksheet copies the article ----------------------------------------------------------


def test_worksheet_text_with_8_words_of_the_article_is_an_error():
    """Is a gap-fill text that copies 8 words of the article an error, a new sentence fine?"""
    ev = {"paragraph": 2, "quote": "had withdrawn their top diplomats"}
    copied = make(
        "gap",
        text="Russia had [withdrawn] their top diplomats as tensions rose last year.",
        evidence=ev,
    )
    found = ic.check_worksheet_copy(copied, ctx(section="gap-fill"))
    assert checks(found) == [("worksheet-copy", "error")]
    new = make("gap", text="The team [withdrew] from the cup after the accident.", evidence=ev)
    assert ic.check_worksheet_copy(new, ctx(section="gap-fill")) == []
    assert ic.check_worksheet_copy(copied, ctx(section="reported-speech")) == []


def test_worksheet_text_that_lightly_rewords_its_sentence_is_an_error():
    """Is a sentence 70%+ the same words as its evidence sentence an error (no 8-word run)?"""
    ev = {"paragraph": 1, "quote": "The two leaders met in Geneva on Wednesday."}
    item = make("gap", text="On Wednesday the two [leaders] met in Geneva.", evidence=ev)
    found = ic.check_worksheet_copy(item, ctx(section="word-formation"))
    assert checks(found) == [("worksheet-copy", "error")]
    assert "100%" in found[0].problem


# --- 10. "Choose all" -------------------------------------------------------------------------


def test_multi_prompt_without_choose_all_warns():
    """Does a multi item whose prompt lacks "Choose all the right answers" warn?"""
    assert checks(ic.check_choose_all(make("multi", prompt="Where?"), ctx())) == [
        ("choose-all", "warning")
    ]
    good = make("multi", prompt="Where? Choose all the right answers.")
    assert ic.check_choose_all(good, ctx()) == []


# --- running the checks -----------------------------------------------------------------------


def test_findings_name_file_line_and_field_in_one_sentence(tmp_path):
    """Does each finding on a tiny project print as one sentence with file, line and field, and
    do warnings start with "warning: "?"""
    root = write_project(tmp_path)
    findings = ic.run_checks(root)
    assert findings, "the tiny project's q1 explanation repeats its 3-word evidence quote"
    for finding in findings:
        text = str(finding)
        assert_one_sentence(text)
        assert text.removeprefix("warning: ").startswith("lessons/01-tiny/lesson.yml, line ")
        assert ", field '" in text
    lesson = good_files()[LESSON].splitlines()
    line = lesson.index("    explanation: Paragraph 1 says they met in Geneva.") + 1
    first = [f for f in findings if f.check == "explanation-quote"][0]
    assert str(first).startswith(
        f"lessons/01-tiny/lesson.yml, line {line}, field 'questions[1].explanation'"
    )


def test_draft_items_are_left_to_the_drafts_check():
    """Are items with draft: true skipped (the drafts check lists them)?"""
    item = make("multi", prompt="Where?", draft=True)
    assert ic.check_entries([(item, ctx())]) == []


@pytest.mark.parametrize("check", ic.ITEM_CHECKS)
def test_every_item_check_accepts_every_item_type(check):
    """Does every item check run on every item type without failing?"""
    for kind in ("choice", "multi", "gap", "short"):
        check(make(kind), ctx(section="gap-fill", box="Box.", instructions="Type one word."))
    for item in (
        make("tfng", answer="true"),
        make("match", pairs=[{"left": "a", "right": "b"}, {"left": "c", "right": "d"}]),
        make("order", items=["a", "b", "c"]),
    ):
        check(item, ctx())
