"""Tests for lessonkit.build.inflect: inflected forms of accepted answers, made at build time."""

from __future__ import annotations

import pytest

from lessonkit.build.inflect import expand_accept, inflections


@pytest.mark.parametrize(
    ("word", "expected_forms"),
    [
        ("impose", {"impose", "imposed", "imposes", "imposing"}),
        ("imposed", {"impose", "imposed", "imposes", "imposing"}),  # from a form, too
        ("crisis", {"crisis", "crises"}),
        ("summit", {"summit", "summits"}),
        ("kick off", {"kick off", "kicked off", "kicks off", "kicking off"}),
        ("olive branch", {"olive branch", "olive branches"}),
        ("impose sanctions", {"imposed sanctions", "imposing sanctions"}),
        ("press conference", {"press conferences", "pressed conference"}),  # ambiguous
    ],
)
def test_inflections_include(word, expected_forms):
    """Does inflections give the expected forms, the word itself included?"""
    assert expected_forms <= set(inflections(word))


@pytest.mark.parametrize(
    ("phrase", "unwanted"),
    [
        ("kick off", {"kick offs"}),  # a phrasal verb: only the verb changes
        ("olive branch", {"olived branch", "olive branched"}),  # a compound noun
        ("impose sanctions", {"impose sanction"}),  # the object of a verb keeps its form
    ],
)
def test_inflections_exclude(phrase, unwanted):
    """Does the phrase rule leave alone the word that should not change?"""
    assert not unwanted & set(inflections(phrase))


@pytest.mark.parametrize(
    "phrase",
    ["rule of the road", "on the same page", "Biden", "Kremlin"],
)
def test_inflections_keep_as_is(phrase):
    """Do fixed expressions and unknown names stay exactly as they are?"""
    assert inflections(phrase) == [phrase]


@pytest.mark.parametrize("word", ["impose", "crisis", "kick off", "olive branch"])
def test_inflections_sorted_and_unique(word):
    """Is the result sorted with no repeats?"""
    forms = inflections(word)
    assert forms == sorted(set(forms))


def test_inflections_tidy_spaces():
    """Are extra spaces in a phrase collapsed rather than copied into every form?"""
    assert "olive branches" in inflections("  olive   branch ")


def test_inflections_reject_blank():
    """Does blank text (a mistake in the lesson data) raise ValueError?"""
    with pytest.raises(ValueError):
        inflections("   ")


@pytest.mark.parametrize(
    ("accept", "expected_start", "also"),
    [
        (["impose", "put"], ["impose", "put"], {"imposed", "imposing", "puts"}),
        (["imposes", "impose", "imposes"], ["imposes", "impose"], {"imposed"}),
        (["crises"], ["crises"], {"crisis"}),
    ],
)
def test_expand_accept_keeps_order_and_deduplicates(accept, expected_start, also):
    """Do the original answers come first, in order, followed by new forms, each once?"""
    expanded = expand_accept(accept, inflect=True)
    assert expanded[: len(expected_start)] == expected_start
    assert also <= set(expanded[len(expected_start) :])
    assert len(expanded) == len(set(expanded))


@pytest.mark.parametrize(
    "accept",
    [["impose"], ["Geneva", "Genève"], ["kick off", "kick off"], []],
)
def test_expand_accept_without_inflect_is_unchanged(accept):
    """Does inflect=False return the list unchanged, as a new list?"""
    expanded = expand_accept(accept, inflect=False)
    assert expanded == accept
    assert expanded is not accept


def test_a_headword_gets_the_forms_of_its_own_part_of_speech():
    """Does a one-word headword get only the forms of its part of speech (the noun "talks":
    talk, talks, never "talked"), while a phrase or an unknown word keeps every form?"""
    from lessonkit.build.inflect import inflections, inflections_as

    assert inflections_as("talks", "noun") == ["talk", "talks"]
    assert "differed" in inflections_as("differ", "verb")
    assert inflections_as("olive branch", "noun") == inflections("olive branch")
    assert inflections_as("cyberattack", "noun") == inflections("cyberattack")
