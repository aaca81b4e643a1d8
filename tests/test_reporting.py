"""Tests for lessonkit.build.reporting: reporting verbs, speakers, and their tables.

Hand-made sentences pin each rule (one row per case); the four real articles check that the
rules find what a teacher finds by reading, and nothing that is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.build import text as _text
from lessonkit.build.importer import Article, Block
from lessonkit.build.reporting import (
    DETERMINERS,
    find_reporting,
    normalise_speaker,
    quotation_counts,
    reporting_table,
    speaker_counts,
    verb_counts,
)
from lessonkit.build.sources import load_project

ROOT = Path(__file__).resolve().parents[1]
VOA = "01-geneva-summit"
MEDIAITE = "02-sanctions-and-an-olive-branch"
US_SITE = "03-rights-after-the-summit"
NPR = "04-a-test-for-human-rights"


def article(*paragraphs: str | tuple[str, str], title: str = "A headline") -> Article:
    """An article of plain paragraphs; a (speaker, text) pair is a transcript turn."""
    blocks = [
        Block("turn", p[1], p[0]) if isinstance(p, tuple) else Block("paragraph", p)
        for p in paragraphs
    ]
    kind = "transcript" if any(b.kind == "turn" for b in blocks) else "news"
    return Article(title=title, source_file="test.txt", kind=kind, blocks=blocks)


def found(*paragraphs) -> list[tuple]:
    """(verb, lemma, speaker) of every row."""
    return [(r["verb"], r["lemma"], r["speaker"]) for r in find_reporting(article(*paragraphs))]


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.fixture(scope="module")
def table(project):
    return reporting_table(project)


def rows_of(table: list[dict], slug: str) -> list[dict]:
    return [r for r in table if r["lesson"] == slug]


# --- one sentence, one rule ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Biden said.", [("said", "say", "Biden")]),
        ("said Blinken.", [("said", "say", "Blinken")]),  # inversion at the start
        ("“We are ready,” said Blinken.", [("said", "say", "Blinken")]),
        (
            "President Putin told reporters that there was no hostility.",
            [("told", "tell", "Putin")],  # the title is not part of the name
        ),
        (
            "Secretary of State Antony Blinken on Monday said it.",
            [("said", "say", "Antony Blinken")],  # "on Monday" skipped, "of" inside a title
        ),
        ("It was a phone call.", []),  # a noun after a noun and a determiner
        ("The said agreement was signed.", []),
        ("Biden's vow was clear.", []),  # a possessive before it: a noun
        ("It is hard to say.", []),  # an infinitive is not a report
        ("A man called Smith came in.", []),  # naming, not reporting
        (
            "Blinken, however, did say “there was at least an acknowledgment.”",
            [("say", "say", "Blinken")],  # did + say counts, with the verb as "say"
        ),
        ("Biden went on to say that talks help.", [("went on to say", "go on to say", "Biden")]),
        ("I pointed out the problem.", [("pointed out", "point out", None)]),  # I in news: None
        ("Officials have noted the change.", [("noted", "note", None)]),  # common noun: None
        ("U.S. intelligence groups report that it was Russia.", [("report", "report", None)]),
        ("He was told to leave.", [("told", "tell", None)]),  # passive: not the speaker
        ("The plan was praised by Angela Merkel.", [("praised", "praise", "Angela Merkel")]),
        (
            "Biden said that he “expressed concern” and told Putin so.",
            # "told Putin that" is no inversion: Putin is told, Biden tells
            [
                ("said", "say", "Biden"),
                ("expressed", "express", "Biden"),
                ("told", "tell", "Biden"),
            ],
        ),
        (
            "Biden detailed the call with Vladimir Putin, saying talks help.",
            [("saying", "say", "Biden")],  # a participle clause: the main clause's subject
        ),
        ("The leaders issued a statement saying that talks help.", [("saying", "say", None)]),
    ],
)
def test_sentence_rules(text, expected):
    """Does each rule find the reporting verb, its lemma and its speaker, and nothing else?"""
    assert found(text) == expected


@pytest.mark.parametrize(
    ("paragraphs", "verb", "speaker"),
    [
        (["Putin said no.", "He also said yes."], "said", "Putin"),  # the previous sentence
        (
            ["Vladimir Putin spoke last.", "Biden said yes. As for Putin, he said it was hard."],
            "said",
            "Vladimir Putin",  # named in the sentence: more recent than the last speaker
        ),
        (["Biden said he told Putin about it."], "told", "Biden"),  # earlier in the sentence
        (["“I strongly urged him to stop,” Biden said."], "urged", "Biden"),  # I in a quote
        ([("Ann Lee", "I told him so.")], "told", "Ann Lee"),  # I in a turn: its speaker
        (
            [
                ("Nikolai Kazanstev", "(Speaking Russian)."),
                ("Michele Kelemen", "“I left,” he tells me over Zoom."),
            ],
            "tells",
            "Nikolai Kazanstev",  # not the turn's own speaker
        ),
        (["The president met Putin.", "“We were clear,” the president added."], "added", None),
        (["Joe Biden spoke.", "“We were clear,” the president added."], "added", "Joe Biden"),
        (["They said so."], "said", None),  # a group: no single speaker
    ],
)
def test_pronouns_and_descriptions(paragraphs, verb, speaker):
    """Do he, she, I and "the president" stand for the right person, or for nobody?"""
    rows = [r for r in find_reporting(article(*paragraphs)) if r["verb"] == verb]
    assert rows[-1]["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("The White House did not say whether it would.", "negated", True),
        ("The White House did not say whether it would.", "speaker", "White House"),
        ("The White House did not say whether it would.", "direct", False),
        ("“No,” Biden said.", "direct", True),
        ("“No,” Biden said.", "in_quote", False),
        ("“I urged him,” Biden said.", "in_quote", True),
        ("President Putin told reporters so.", "subject", "President Putin"),
    ],
)
def test_row_fields(text, key, value):
    """Are the negation, quotation and subject fields of a row right?"""
    assert find_reporting(article(text))[0][key] == value


def test_headline_only_when_asked():
    """Is the headline (paragraph 0) read only with headline=True?"""
    story = article("Nothing here.", title="Blinken Says Biden Raised Rights With Putin")
    assert find_reporting(story) == []
    rows = find_reporting(story, headline=True)
    assert [(r["paragraph"], r["verb"], r["speaker"]) for r in rows] == [(0, "Says", "Blinken")]


@pytest.mark.parametrize(
    ("name", "names", "expected"),
    [
        ("Biden", {"Joe Biden", "Vladimir Putin"}, "Joe Biden"),
        ("Joe Biden", {"Joe Biden"}, "Joe Biden"),
        ("Biden", {"Vladimir Putin"}, "Biden"),  # no full name seen: as it is
        ("Smith", {"Anna Smith", "Paul Smith"}, "Smith"),  # two people: cannot tell
        ("Den", {"Joe Biden"}, "Den"),  # whole words only
        (None, {"Joe Biden"}, None),
    ],
)
def test_normalise_speaker(name, names, expected):
    """Does a short name become the one longest full name that ends with it, and only then?"""
    assert normalise_speaker(name, names) == expected


# --- the real articles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "verb", "speaker"),
    [
        (VOA, "told", "Vladimir Putin"),
        (VOA, "called", "Vladimir Putin"),
        (VOA, "described", "Vladimir Putin"),
        (VOA, "said", "Joe Biden"),
        (VOA, "said", "Vladimir Putin"),
        (VOA, "warned", "Joe Biden"),
        (VOA, "pointed out", "Joe Biden"),
        (MEDIAITE, "urged", "Joe Biden"),
        (MEDIAITE, "went on to say", "Joe Biden"),
        (MEDIAITE, "added", "Joe Biden"),
        (MEDIAITE, "reported", "Washington Post"),
        (US_SITE, "told", "Antony Blinken"),
        (US_SITE, "asked", "Jonathan Capehart"),
        (US_SITE, "say", "White House"),
        (NPR, "says", "Nikolai Kazanstev"),
        (NPR, "says", "Ariel Cohen"),
        (NPR, "says", "Jake Sullivan"),
        (NPR, "tells", "Nikolai Kazanstev"),
        (NPR, "compared", "Ariel Cohen"),
        (NPR, "vowed", "Joe Biden"),
    ],
)
def test_real_articles_find(table, slug, verb, speaker):
    """Does the article's table have this verb with this speaker, as a reader finds it?"""
    assert (verb, speaker) in {(r["verb"], r["speaker"]) for r in rows_of(table, slug)}


def test_blinken_told_capehart(table):
    """Is "Blinken told Capehart" found with Blinken, not Capehart, as the speaker?"""
    rows = [r for r in rows_of(table, US_SITE) if "told Capehart" in r["sentence"]]
    assert [(r["verb"], r["speaker"], r["in_quote"]) for r in rows][-1] == (
        "told",
        "Antony Blinken",
        False,
    )


def test_mediaite_in_full(table):
    """Is the whole Mediaite table what a careful reader lists, in text order?"""
    got = [(r["paragraph"], r["verb"], r["speaker"]) for r in rows_of(table, MEDIAITE)]
    assert got == [
        (1, "saying", "Joe Biden"),
        (2, "told", "Joe Biden"),  # "I told him" inside Biden's quotation
        (2, "said", "Joe Biden"),
        (3, "added", "Joe Biden"),  # "the president added"
        (4, "went on to say", "Joe Biden"),
        (5, "said", "Joe Biden"),
        (6, "said", "Joe Biden"),
        (6, "expressed", "Joe Biden"),
        (6, "told", "Joe Biden"),
        (7, "urged", "Joe Biden"),
        (7, "said", "Joe Biden"),
        (8, "said", "Joe Biden"),
        (9, "reported", "Washington Post"),
    ]


def test_no_false_friends(table):
    """Are "hard to say" and "a phone call"-like nouns left out of the real articles?"""
    hard = [r for r in rows_of(table, VOA) if "hard to say" in r["sentence"]]
    assert [r["verb"] for r in hard] == ["said"]  # "he said", not the "say" of "hard to say"
    assert not any(r["lemma"] == "respond" for r in table)  # left out on purpose


def test_precision(project, table):
    """Does every row's sentence stand in its paragraph and contain its verb as a verb?

    The verb is whole tokens of the sentence, and never right after a determiner.
    """
    sources = {s.entry.slug: s for s in project.lessons if s.article is not None}
    assert table
    for row in table:
        text = sources[row["lesson"]].article.paragraphs[row["paragraph"] - 1].text
        assert row["sentence"] in text
        assert row["verb"] in row["sentence"]
        tokens = _text.tokens(row["sentence"])
        first = row["verb"].split()[0]
        places = [i for i, t in enumerate(tokens) if t == first]
        assert places, row
        assert any(i == 0 or tokens[i - 1].lower() not in DETERMINERS for i in places), row


def test_table_order_and_lessons(project, table):
    """Are the rows in lesson order, each with its slug, paragraphs rising within a lesson?"""
    slugs = [s.entry.slug for s in project.lessons if s.article is not None]
    assert list(dict.fromkeys(r["lesson"] for r in table)) == slugs
    for slug in slugs:
        paragraphs = [r["paragraph"] for r in rows_of(table, slug)]
        assert paragraphs == sorted(paragraphs)


def test_speakers_normalised_across_articles(table):
    """Is "President Biden" of the US site (which never names him in full) "Joe Biden"?"""
    speakers = {r["speaker"] for r in rows_of(table, US_SITE)}
    assert "Joe Biden" in speakers
    assert not {"Biden", "President Biden", "Blinken", "Putin"} & speakers


# --- the tables ------------------------------------------------------------------------------


def test_verb_counts(table):
    """Does verb_counts give every lemma a count for every lesson, adding up to the rows?"""
    counts = verb_counts(table)
    slugs = list(dict.fromkeys(r["lesson"] for r in table))
    assert list(counts) == sorted(counts)
    assert all(list(per) == slugs for per in counts.values())
    assert sum(sum(per.values()) for per in counts.values()) == len(table)
    assert counts["say"][VOA] >= 10
    assert counts["urge"] == {VOA: 0, MEDIAITE: 1, US_SITE: 0, NPR: 0}


def test_speaker_counts_merge_names():
    """Do "President Biden", "Biden" and "Joe Biden" count as one speaker, None not at all?"""
    rows = [
        {"lesson": "a", "speaker": "Joe Biden"},
        {"lesson": "a", "speaker": "Biden"},
        {"lesson": "b", "speaker": "Biden"},
        {"lesson": "b", "speaker": "Putin"},
        {"lesson": "b", "speaker": None},
    ]
    assert speaker_counts(rows) == {"Joe Biden": {"a": 2, "b": 1}, "Putin": {"a": 0, "b": 1}}


def test_quotation_counts_once_per_sentence():
    """Is a sentence with two quotations, or two verbs, one quotation by its first speaker?"""
    rows = find_reporting(
        article(
            "President Putin told reporters there was “no hostility” and called it “good.”",
            "“I urged him,” Biden said. He said nothing more.",
        )
    )
    assert quotation_counts(rows) == {"Putin": 1, "Biden": 1}


def test_quotation_counts_real(table):
    """Are Biden and Putin the quoted people of the VOA story, Biden the most?"""
    quoted = quotation_counts(rows_of(table, VOA))
    assert list(quoted)[:2] == ["Joe Biden", "Vladimir Putin"]
