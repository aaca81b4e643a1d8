"""Tests for lessonkit.build.compare: the four articles side by side, and their charts.

The numbers are checked against the modules that make the lessons' own numbers
(``_text.reading_stats``, ``_text.words``, ``_enrich.word_table``), so the comparison lesson
and the article lessons cannot disagree.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from lessonkit.build import text as _text
from lessonkit.build import words as _enrich
from lessonkit.build.compare import (
    CHARTS,
    LEVELS,
    ONLY_HERE_MAX,
    ONLY_HERE_MAX_ZIPF,
    chart_alt_text,
    compare_data,
    draw_charts,
    short_name,
)
from lessonkit.build.sources import load_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.fixture(scope="module")
def sources(project):
    return {s.entry.slug: s for s in project.lessons if s.article is not None}


@pytest.fixture(scope="module")
def data(project):
    return compare_data(project)


def all_texts(article) -> list[str]:
    return [article.title] + [b.text for b in article.paragraphs]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_articles_in_lesson_order(data, sources):
    """Is there one entry per article lesson, in lesson order, with its metadata?"""
    assert [a["slug"] for a in data["articles"]] == list(sources)
    for entry in data["articles"]:
        source = sources[entry["slug"]]
        assert entry["title"] == source.article.title
        assert entry["outlet"] == source.article.outlet
        assert entry["date"] == source.article.date
        assert entry["kind"] == source.article.kind
        assert entry["level"] == source.entry.level


def test_reading_numbers_agree(data, sources):
    """Are words, sentences, mean sentence length and reading time those of reading_stats?"""
    for entry in data["articles"]:
        article = sources[entry["slug"]].article
        stats = _text.reading_stats([b.text for b in article.paragraphs], {})
        for key in ("words", "sentences", "mean_sentence_length", "reading_minutes"):
            assert entry[key] == stats[key], (entry["slug"], key)


def test_level_profile(data, sources):
    """Does each profile add up to about 100 over the words that are not names?

    Chosen: names have no level, so they are out of the denominator; level_words is the
    number of words counted, the article's words minus its names.
    """
    for entry in data["articles"]:
        article = sources[entry["slug"]].article
        profile = entry["level_profile"]
        assert list(profile) == list(LEVELS)
        assert sum(profile.values()) == pytest.approx(100, abs=0.5)
        table = _enrich.word_table(all_texts(article))
        body = [w for b in article.paragraphs for w in _text.words(b.text)]
        names = sum(table[w]["name"] for w in body)
        assert names > 0  # Putin, Biden, Geneva: there are names to leave out
        assert entry["level_words"] == entry["words"] - names
        above = profile["B2"] + profile["C1"] + profile["C2"]
        assert entry["share_above_b1"] == pytest.approx(above, abs=0.2)


def test_quoted(data, sources):
    """Are quoted people counted per article, and is the transcript's reporter left out?"""
    by_slug = {a["slug"]: a["quoted"] for a in data["articles"]}
    assert set(by_slug["01-geneva-summit"]) == {"Joe Biden", "Vladimir Putin"}
    assert "Joe Biden" in by_slug["02-sanctions-and-an-olive-branch"]
    assert "Antony Blinken" in by_slug["03-rights-after-the-summit"]
    npr = sources["04-a-test-for-human-rights"].article
    turns = {b.speaker for b in npr.paragraphs if b.kind == "turn"} - {npr.byline}
    assert set(by_slug["04-a-test-for-human-rights"]) == turns
    assert npr.byline not in by_slug["04-a-test-for-human-rights"]
    for quoted in by_slug.values():
        assert all(isinstance(n, int) and n > 0 for n in quoted.values())


def test_only_here_really_only_here(data, sources):
    """Is every "only here" word absent from every other article, in any form of its lemma?"""
    words = {
        slug: {w for t in all_texts(s.article) for w in _text.words(t)}
        for slug, s in sources.items()
    }
    lemmas = {slug: {_enrich.lemma_of(w) for w in found} for slug, found in words.items()}
    for slug, picked in data["only_here"].items():
        assert 0 < len(picked) <= ONLY_HERE_MAX
        for item in picked:
            assert item["word"] in words[slug]
            for other in set(sources) - {slug}:
                assert item["word"] not in words[other], (slug, item, other)
                assert item["lemma"] not in lemmas[other], (slug, item, other)


def test_only_here_content_words(data, sources):
    """Are the words rare content words, not names, one per lemma, rarest first, each with
    the paragraph where it first stands?"""
    for slug, picked in data["only_here"].items():
        article = sources[slug].article
        table = _enrich.word_table(all_texts(article))
        texts = all_texts(article)
        assert [i["zipf"] for i in picked] == sorted(i["zipf"] for i in picked)
        assert len({i["lemma"] for i in picked}) == len(picked)
        for item in picked:
            assert not table[item["word"]]["name"]
            assert item["zipf"] < ONLY_HERE_MAX_ZIPF
            assert item["level"] in LEVELS
            n = item["paragraph"]
            assert item["word"] in _text.words(texts[n])
            assert not any(item["word"] in _text.words(t) for t in texts[:n])


def test_headlines(data, sources):
    """Is each headline given with its length in words?"""
    assert list(data["headlines"]) == list(sources)
    for slug, headline in data["headlines"].items():
        assert headline["text"] == sources[slug].article.title
        assert headline["words"] == len(_text.words(headline["text"]))
    assert data["headlines"]["03-rights-after-the-summit"]["note"]  # written for the lesson


def test_json_ready_and_deterministic(project, data):
    """Does the data survive a JSON round trip, and is a second build the same?"""
    assert json.loads(json.dumps(data)) == data
    assert compare_data(project) == data


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [
        ("VOA Learning English", "VOA"),
        ("Mediaite", "Mediaite"),
        ("A US news website (not named in the copy)", "US site"),
        ("NPR", "NPR"),
        ("The Very Long Gazette", "The Very Lo…"),
        (None, "?"),
    ],
)
def test_short_name(outlet, expected):
    """Is each outlet shortened to a label that fits under a bar?"""
    assert short_name(outlet) == expected


def test_draw_charts(data, tmp_path):
    """Are four non-empty 700 x 350 PNGs written, byte for byte the same every time?"""
    first = draw_charts(data, tmp_path / "one")
    second = draw_charts(data, tmp_path / "two")
    assert [p.name for p in first] == [f"{name}.png" for name in CHARTS]
    for a, b in zip(first, second, strict=True):
        assert a.stat().st_size > 1000
        assert png_size(a) == (700, 350)
        assert a.read_bytes() == b.read_bytes()


def test_draw_charts_names(data, tmp_path):
    """Does a mapping of names change the labels (and so the image), not the size?"""
    plain = draw_charts(data, tmp_path / "plain")
    names = {a["slug"]: f"Story {i}" for i, a in enumerate(data["articles"], start=1)}
    named = draw_charts(data, tmp_path / "named", names=names)
    assert plain[0].read_bytes() != named[0].read_bytes()
    assert png_size(named[0]) == (700, 350)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("length", lambda a: str(a["words"])),
        ("sentence-length.png", lambda a: f"{a['mean_sentence_length']:.1f}"),
        ("levels", lambda a: f"{a['share_above_b1']:.1f}%"),
        ("quoted", lambda a: str(max(a["quoted"].values()))),
    ],
)
def test_alt_text(data, name, number):
    """Is the alt text one sentence naming every article with its number?"""
    text = chart_alt_text(data, name)
    assert text.endswith(".") and text.count(". ") == 0
    for article in data["articles"]:
        assert f"{article['short']}" in text
        assert number(article) in text


def test_alt_text_unknown_chart(data):
    """Is an unknown chart name an error that lists the known ones?"""
    with pytest.raises(ValueError, match="length"):
        chart_alt_text(data, "pie")
