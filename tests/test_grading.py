"""Tests for lessonkit.learner.grading: normalising, typos, and grading every item type."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.learner.grading import (
    MAX_ANSWER_CHARS,
    Result,
    feedback_for_option,
    grade,
    is_one_typo,
    match_text,
    normalise,
)

# --- items used by the tables -----------------------------------------------------------

CHOICE = {
    "id": "c1",
    "type": "choice",
    "prompt": "Where did the two presidents meet?",
    "options": [
        {"text": "Moscow", "correct": False, "feedback": "No: look at paragraph 1."},
        {"text": "Geneva", "correct": True, "feedback": None},
        {"text": "Washington", "correct": False},
    ],
}
MULTI = {
    "id": "m1",
    "type": "multi",
    "prompt": "Which topics did they talk about?",
    "options": [
        {"text": "cyber attacks", "correct": True, "feedback": "Yes, paragraph 3."},
        {"text": "football", "correct": False, "feedback": ""},
        {"text": "nuclear arms", "correct": True},
        {"text": "prisoners", "correct": True},
        {"text": "the weather", "correct": False},
    ],
}
TFNG = {
    "id": "t1",
    "type": "tfng",
    "prompt": "The meeting lasted more than three hours.",
    "answer": "false",
}
TFNG_NG = {**TFNG, "id": "t2", "answer": "Not Given"}
GAP = {
    "id": "g1",
    "type": "gap",
    "prompt": "Fill the gaps.",
    "text": "The leaders agreed to ___ their ___ to each other's capitals.",
    "blanks": [{"accept": ["return", "send back"]}, {"accept": ["ambassadors", "ambassador"]}],
}
GAP_ONE = {
    "id": "g2",
    "type": "gap",
    "prompt": "Fill the gap.",
    "text": "The summit took place in ___.",
    "blanks": [{"accept": ["Geneva"]}],
}
GAP_BANK = {**GAP, "id": "g3", "bank": ["return", "ambassadors", "impose"]}
MATCH = {
    "id": "x1",
    "type": "match",
    "prompt": "Match the words and meanings.",
    "pairs": [
        {"left": "summit", "right": "a meeting of leaders"},
        {"left": "sanction", "right": "a punishment for a country"},
        {"left": "envoy", "right": "a person sent to represent a country"},
    ],
}
ORDER = {
    "id": "o1",
    "type": "order",
    "prompt": "Put the events in order.",
    "items": ["arrive", "shake hands", "talk", "press conference", "leave"],
}
SHORT = {
    "id": "s1",
    "type": "short",
    "prompt": "Which city hosted the summit?",
    "accept": ["Geneva", "Genève"],
}
SHORT_SHORT_WORD = {**SHORT, "id": "s2", "accept": ["war"]}

ALL_ITEMS = [CHOICE, MULTI, TFNG, GAP, GAP_ONE, GAP_BANK, MATCH, ORDER, SHORT]


# --- normalise --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin’s", "putin's"),  # curly apostrophe
        ("Putin‘s", "putin's"),
        ("Putinʼs", "putin's"),  # modifier letter apostrophe
        ("Putin´s", "putin's"),  # acute accent used as apostrophe
        ("Putin`s", "putin's"),
        ("“olive branch”", "olive branch"),  # curly quotes at the ends are stripped
        ("a „so-called” deal", 'a "so-called" deal'),  # inner quotes are unified
        ("well–known", "well-known"),  # en dash
        ("well—known", "well-known"),  # em dash
        ("well‑known", "well-known"),  # non-breaking hyphen
        ("well − known", "well-known"),  # minus sign with spaces
        ("well - known", "well-known"),
        ("ＧＥＮＥＶＡ", "geneva"),  # NFKC: full-width letters
        ("ﬁne", "fine"),  # NFKC: ligature
        ("GeNeVa", "geneva"),  # case
        ("Straße", "strasse"),  # casefold, not just lower
        ("  Geneva.  ", "geneva"),  # surrounding spaces and punctuation
        ("(Geneva)!?", "geneva"),
        ('"Geneva,"', "geneva"),
        ("[Geneva];", "geneva"),
        ("U.S.", "u.s"),  # only the ends lose punctuation
        ("olive   \t branch", "olive branch"),  # inner whitespace
        ("olive\nbranch", "olive branch"),
        ("olive\u00a0branch", "olive branch"),  # no-break space
        ("Gen\u200beva", "geneva"),  # zero-width space
        ("\ufeffGeneva\u200d", "geneva"),  # byte order mark, zero-width joiner
        ("Gen\u00adeva", "geneva"),  # soft hyphen
        ("Gen\x00eva", "geneva"),  # control character
        ("", ""),
        (" .?! ", ""),
    ],
)
def test_normalise(text, expected):
    """Does normalise turn each variant into the canonical form?"""
    assert normalise(text) == expected


def test_normalise_rejects_non_text():
    """Does normalise refuse a non-string with TypeError rather than guessing?"""
    with pytest.raises(TypeError):
        normalise(None)  # type: ignore[arg-type]


# Lone surrogates can reach the kernel from a browser, so include them.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=60)


@given(ANY_TEXT)
@settings(max_examples=500)
def test_normalise_is_idempotent(text):
    """Is normalising an already normalised text a no-op?"""
    once = normalise(text)
    assert normalise(once) == once


# --- is_one_typo ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Geneva", "Genevva", True),  # insertion
        ("Geneva", "Geneeva", True),
        ("Geneva", "Geneva!", False),  # punctuation at the end is not an edit
        ("Geneva", "Gneva", True),  # deletion
        ("Geneva", "Genev", True),  # deletion at the end
        ("Geneva", "eneva", True),  # deletion at the start
        ("Geneva", "Genuva", True),  # substitution
        ("Geneva", "Genvea", True),  # transposition of neighbours
        ("Geneva", "eGneva", True),  # transposition at the start
        ("Geneva", "Geneva", False),  # distance 0 is not a typo
        ("Geneva", "GENEVA", False),  # case is not an edit
        ("Geneva", "Ganeve", False),  # two substitutions
        ("Geneva", "Gnevaa", False),  # deletion plus insertion
        ("Geneva", "Genevaaa", False),  # two insertions
        ("Geneva", "Gnvea", False),  # deletion and transposition
        ("Geneva", "Gevena", False),  # swap of non-neighbours
        ("sanctions", "sanctoins", True),
        ("olive branch", "olive brach", True),
        ("olive branch", "olivebranch", True),  # missing space
        ("war", "wat", False),  # short word: a typo makes another word
        ("war", "wars", False),
        ("tank", "tanks", True),  # 4+ characters on both sides
        ("tank", "tan", False),
        ("", "a", False),
    ],
)
def test_is_one_typo(a, b, expected):
    """Is each kind of single edit found, and is anything else refused?"""
    assert is_one_typo(a, b) is expected
    assert is_one_typo(b, a) is expected


# --- match_text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "accepted", "expected"),
    [
        ("Geneva", ["Geneva"], "correct"),
        (" geneva. ", ["Geneva"], "correct"),
        ("Genève", ["Geneva", "Genève"], "correct"),
        ("Genva", ["Geneva"], "almost"),
        ("Moscow", ["Geneva"], "wrong"),
        ("", ["Geneva"], "empty"),
        ("  ?! ", ["Geneva"], "empty"),
        ("anything", [], "wrong"),
        ("anything", [""], "wrong"),  # an empty accepted answer matches nothing
    ],
)
def test_match_text(answer, accepted, expected):
    """Does match_text sort a typed answer into correct, almost, wrong or empty?"""
    assert match_text(answer, accepted) == expected


# --- grading, item type by item type ----------------------------------------------------

WRONG = "✘ Not quite. Try again."
RIGHT = "✔ Correct."
ALMOST = "≈ Almost: check the spelling."


@pytest.mark.parametrize(
    ("item", "answer", "status", "score", "message", "parts"),
    [
        # choice
        (CHOICE, 1, "correct", 1.0, RIGHT, (True, True, True)),
        (CHOICE, 0, "wrong", 0.0, WRONG, (False, False, True)),
        (CHOICE, None, "empty", 0.0, None, ()),
        (CHOICE, 3, "invalid", 0.0, None, ()),
        (CHOICE, -1, "invalid", 0.0, None, ()),
        (CHOICE, True, "invalid", 0.0, None, ()),  # a bool is not an option number
        (CHOICE, "1", "invalid", 0.0, None, ()),
        (CHOICE, [1], "invalid", 0.0, None, ()),
        # multi
        (MULTI, [0, 2, 3], "correct", 1.0, RIGHT, (True,) * 5),
        (MULTI, {3, 2, 0}, "correct", 1.0, RIGHT, (True,) * 5),
        (MULTI, (0, 2, 3, 3), "correct", 1.0, RIGHT, (True,) * 5),
        (
            MULTI,
            [0, 2],
            "partial",
            2 / 3,
            "◐ Partly right: 2 of 3.",
            (True, True, True, False, True),
        ),
        (
            MULTI,
            [0, 2, 3, 1],
            "partial",
            2 / 3,
            "◐ Partly right: 3 of 3, but 1 choice is wrong.",
            (True, False, True, True, True),
        ),
        (MULTI, [0, 1, 4], "wrong", 0.0, WRONG, (True, False, False, False, False)),
        (MULTI, [0, 1, 2, 3, 4], "partial", 1 / 3, None, (True, False, True, True, False)),
        (MULTI, [1], "wrong", 0.0, WRONG, (False, False, False, False, True)),
        (MULTI, [], "empty", 0.0, None, ()),
        (MULTI, None, "empty", 0.0, None, ()),
        (MULTI, 0, "invalid", 0.0, None, ()),
        (MULTI, [0, 9], "invalid", 0.0, None, ()),
        (MULTI, "023", "invalid", 0.0, None, ()),
        (MULTI, {"0": True}, "invalid", 0.0, None, ()),
        # tfng
        (TFNG, "false", "correct", 1.0, RIGHT, ()),
        (TFNG, "False", "correct", 1.0, RIGHT, ()),
        (TFNG, " F. ", "correct", 1.0, RIGHT, ()),
        (TFNG, False, "correct", 1.0, RIGHT, ()),
        (TFNG, "True", "wrong", 0.0, WRONG, ()),
        (TFNG, "T", "wrong", 0.0, WRONG, ()),
        (TFNG, "NG", "wrong", 0.0, WRONG, ()),
        (TFNG_NG, "not given", "correct", 1.0, RIGHT, ()),
        (TFNG_NG, "Not Given", "correct", 1.0, RIGHT, ()),
        (TFNG_NG, "NG", "correct", 1.0, RIGHT, ()),
        (TFNG_NG, "not-given", "correct", 1.0, RIGHT, ()),
        (TFNG_NG, "false", "wrong", 0.0, WRONG, ()),
        (TFNG, "flase", "invalid", 0.0, "⚠ Please answer True, False or Not Given.", ()),
        (TFNG, "maybe", "invalid", 0.0, None, ()),
        (TFNG, "", "empty", 0.0, None, ()),
        (TFNG, None, "empty", 0.0, None, ()),
        (TFNG, 0, "invalid", 0.0, None, ()),
        # gap
        (GAP, ["return", "ambassadors"], "correct", 1.0, RIGHT, (True, True)),
        (GAP, ["Send back", "Ambassador."], "correct", 1.0, RIGHT, (True, True)),
        (GAP, ["return", "envoys"], "partial", 0.5, "◐ Partly right: 1 of 2.", (True, False)),
        (GAP, ["return", ""], "partial", 0.5, None, (True, False)),
        (GAP, ["keep", "envoys"], "wrong", 0.0, WRONG, (False, False)),
        (
            GAP,
            ["return", "ambasadors"],
            "almost",
            0.5,
            "≈ Almost: check the spelling in blank 2.",
            (True, False),
        ),
        (
            GAP,
            ["retrun", "ambasadors"],
            "almost",
            0.0,
            "≈ Almost: check the spelling in blanks 1 and 2.",
            (False, False),
        ),
        (
            GAP,
            ["keep", "ambasadors"],
            "wrong",
            0.0,
            "✘ Not quite. Try again. Check the spelling in blank 2.",
            (False, False),
        ),
        (GAP, ["", " "], "empty", 0.0, None, ()),
        (GAP, [None, None], "empty", 0.0, None, ()),
        (GAP, None, "empty", 0.0, None, ()),
        (GAP, ["return"], "invalid", 0.0, None, ()),
        (GAP, "return ambassadors", "invalid", 0.0, None, ()),
        (GAP, ["return", 3], "invalid", 0.0, None, ()),
        (GAP, {"0": "return"}, "invalid", 0.0, None, ()),
        (GAP_ONE, ["geneva"], "correct", 1.0, RIGHT, (True,)),
        (GAP_ONE, "geneva", "correct", 1.0, RIGHT, (True,)),  # one box may send a str
        (GAP_ONE, ["Genva"], "almost", 0.0, ALMOST, (False,)),
        (GAP_BANK, ["return", "ambassadors"], "correct", 1.0, RIGHT, (True, True)),
        # with a word bank the word is picked, not typed: no typo rule
        (GAP_BANK, ["retrun", "ambassadors"], "partial", 0.5, None, (False, True)),
        # match
        (
            MATCH,
            {
                "summit": "a meeting of leaders",
                "sanction": "a punishment for a country",
                "envoy": "a person sent to represent a country",
            },
            "correct",
            1.0,
            RIGHT,
            (True, True, True),
        ),
        (
            MATCH,
            [
                "a meeting of leaders",
                "a punishment for a country",
                "a person sent to represent a country",
            ],
            "correct",
            1.0,
            RIGHT,
            (True, True, True),
        ),
        (
            MATCH,
            {
                "summit": "a meeting of leaders",
                "sanction": "a person sent to represent a country",
                "envoy": "a punishment for a country",
            },
            "partial",
            1 / 3,
            "◐ Partly right: 1 of 3.",
            (True, False, False),
        ),
        (
            MATCH,
            {"summit": "a meeting of leaders", "nonsense": "x"},
            "partial",
            1 / 3,
            None,
            (True, False, False),
        ),
        (
            MATCH,
            ["a punishment for a country", "a meeting of leaders", None],
            "wrong",
            0.0,
            WRONG,
            (False, False, False),
        ),
        (MATCH, {}, "empty", 0.0, None, ()),
        (MATCH, {"summit": None}, "empty", 0.0, None, ()),
        (MATCH, [None, "", None], "empty", 0.0, None, ()),
        (MATCH, None, "empty", 0.0, None, ()),
        (MATCH, ["a meeting of leaders"], "invalid", 0.0, None, ()),
        (MATCH, {"summit": 1}, "invalid", 0.0, None, ()),
        (MATCH, "summit", "invalid", 0.0, None, ()),
        # order
        (ORDER, list(ORDER["items"]), "correct", 1.0, RIGHT, (True,) * 5),
        (
            ORDER,
            ["leave", "arrive", "shake hands", "talk", "press conference"],
            "partial",
            4 / 5,
            "◐ Partly right: 4 of 5 are in the right order.",
            (False, True, True, True, True),
        ),
        (
            ORDER,
            ["arrive", "talk", "shake hands", "press conference", "leave"],
            "partial",
            4 / 5,
            None,
            None,  # which of the two swapped items is marked is not specified
        ),
        (ORDER, list(reversed(ORDER["items"])), "wrong", 0.0, WRONG, (False,) * 5),
        (ORDER, [], "empty", 0.0, None, ()),
        (ORDER, None, "empty", 0.0, None, ()),
        (ORDER, ["arrive", "talk"], "invalid", 0.0, None, ()),
        (
            ORDER,
            ["arrive", "shake hands", "talk", "press conference", "fly"],
            "invalid",
            0,
            None,
            (),
        ),
        (ORDER, ["arrive"] * 5, "invalid", 0.0, None, ()),
        (ORDER, "arrive", "invalid", 0.0, None, ()),
        # short
        (SHORT, "Geneva", "correct", 1.0, RIGHT, ()),
        (SHORT, "  GENEVA! ", "correct", 1.0, RIGHT, ()),
        (SHORT, "Genève", "correct", 1.0, RIGHT, ()),
        (SHORT, "Genva", "almost", 0.0, ALMOST, ()),
        (SHORT, "Geneav", "almost", 0.0, ALMOST, ()),
        (SHORT, "Moscow", "wrong", 0.0, WRONG, ()),
        (SHORT, "", "empty", 0.0, "○ Please write an answer first.", ()),
        (SHORT, "\u200b", "empty", 0.0, None, ()),
        (SHORT, None, "empty", 0.0, None, ()),
        (SHORT, 42, "invalid", 0.0, None, ()),
        (SHORT, ["Geneva"], "invalid", 0.0, None, ()),
        (SHORT, "Geneva" * 1000, "invalid", 0.0, None, ()),
        (SHORT_SHORT_WORD, "wat", "wrong", 0.0, WRONG, ()),  # short words: no typo rule
        (SHORT_SHORT_WORD, "War.", "correct", 1.0, RIGHT, ()),
    ],
)
def test_grade(item, answer, status, score, message, parts):
    """Does each item type grade right, wrong, partial, empty and badly shaped answers?"""
    result = grade(item, answer)
    assert result.status == status
    assert result.score == pytest.approx(score)
    assert result.correct is (status == "correct")
    if message is not None:
        assert result.message == message
    if parts is not None:
        assert result.parts == parts


def test_empty_choice_asks_for_an_answer():
    """Does an empty choice ask the learner to choose, in the agreed wording?"""
    assert grade(CHOICE, None).message.endswith("Please choose an answer first.")


def test_too_long_answer_says_so():
    """Is a pasted wall of text refused with a message that names the problem?"""
    result = grade(SHORT, "x" * (MAX_ANSWER_CHARS + 1))
    assert result.status == "invalid"
    assert "too long" in result.message


def test_almost_is_not_correct():
    """Is a near miss kept apart from a right answer (status, score and .correct)?"""
    result = grade(SHORT, "Genva")
    assert (result.status, result.score, result.correct) == ("almost", 0.0, False)


def test_typo_rule_is_not_used_for_tfng():
    """Is a misspelt True/False/Not Given answer refused rather than called 'almost'?"""
    assert grade(TFNG, "fasle").status == "invalid"


@pytest.mark.parametrize("kind", ["essay", None, 3])
def test_unknown_item_type_raises(kind):
    """Does an unknown item type (a bug in the lesson, not the learner) raise ValueError?"""
    with pytest.raises(ValueError):
        grade({"id": "bad", "type": kind, "prompt": "?"}, "anything")


@pytest.mark.parametrize(
    ("item", "index", "expected"),
    [
        (CHOICE, 0, "No: look at paragraph 1."),
        (CHOICE, 1, None),  # feedback is None
        (CHOICE, 2, None),  # no feedback key
        (CHOICE, 7, None),
        (CHOICE, -1, None),
        (MULTI, 0, "Yes, paragraph 3."),
        (MULTI, 1, None),  # empty feedback counts as none
    ],
)
def test_feedback_for_option(item, index, expected):
    """Does feedback_for_option return the author's text, or None when there is none?"""
    assert feedback_for_option(item, index) == expected


def test_feedback_for_option_needs_options():
    """Does asking for option feedback on an item without options raise ValueError?"""
    with pytest.raises(ValueError):
        feedback_for_option(SHORT, 0)


# --- messages ---------------------------------------------------------------------------

SAMPLE_ANSWERS = [None, "", "Genva", "Geneva", "Moscow", 1, 0, 99, [0, 2], [0, 1, 2], ["x"]]


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item["id"])
def test_messages_start_with_symbol_and_word(item):
    """Does every message start with a symbol and a word, so it never relies on colour?"""
    for answer in SAMPLE_ANSWERS:
        message = grade(item, answer).message
        assert re.match(r"^[^\w\s]+ [A-Z][a-z]", message), message
        assert "\n" not in message


# --- grade never raises -----------------------------------------------------------------

ANSWERS = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | ANY_TEXT
    | st.sampled_from(["<b>Geneva</b>", "🇨🇭 Geneva", "\x00\x1b[31m", "\ud800", "x" * 10_000]),
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.tuples(inner, inner)
        | st.frozensets(st.integers() | ANY_TEXT, max_size=6)
        | st.dictionaries(ANY_TEXT | st.sampled_from(["summit", "envoy"]), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item["id"])
@given(answer=ANSWERS)
@settings(max_examples=200, deadline=None)
def test_grade_never_raises(item, answer):
    """Does grade return a well-formed Result for any answer at all, for every item type?"""
    result = grade(item, answer)
    assert isinstance(result, Result)
    assert result.status in {"correct", "almost", "partial", "wrong", "empty", "invalid"}
    assert 0.0 <= result.score <= 1.0
    assert result.message
    assert "\n" not in result.message


# --- the kernel stays light ---------------------------------------------------------------


def test_grading_imports_only_the_standard_library():
    """Does learner/grading.py import nothing but the standard library (no lemminflect)?"""
    source = Path(__file__).parents[1] / "src" / "lessonkit" / "learner" / "grading.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.split(".")[0])
    assert modules <= set(sys.stdlib_module_names) | {"__future__"}


@pytest.mark.parametrize(
    ("answer", "accepted"), [("June 15", "June 16"), ("1619", "1609"), ("on 16 June", "on 6 June")]
)
def test_another_number_is_not_a_spelling_slip(answer, accepted):
    """Is a different number (one digit changed, added or dropped) wrong, not "almost"?
    A learner who writes the 15th for the 16th has the fact wrong, not the spelling."""
    assert match_text(answer, [accepted]) == "wrong"
    assert match_text("Juen 16", ["June 16"]) == "almost"  # a slip in the letters still is
