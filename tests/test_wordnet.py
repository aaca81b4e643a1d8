"""Tests for data/wordnet.json: current, well formed, licensed, and covering the article words."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from lessonkit.build.sources import load_project
from lessonkit.build.text import CLITICS, WORD, sentences, tokens, words
from lessonkit.build.wordnet import DATA_FILE, load_definitions
from lessonkit.build.words import lemma_of, zipf_of

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "make_wordnet_data.py"
POS_VALUES = {"noun", "verb", "adjective", "adverb"}
CONTENT_ZIPF = 6.0  # words at least this frequent ("the", "of", "said") are not content words
MIN_COVERAGE = 0.95


def _generator():
    spec = importlib.util.spec_from_file_location("make_wordnet_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return _generator()


@pytest.fixture(scope="module")
def committed():
    return load_definitions(ROOT)


@pytest.mark.slow
def test_data_file_is_current(generator):
    """Does re-running the generator on the articles give the committed file, byte for byte?"""
    if not generator.WORDNET_DIR.is_dir():
        pytest.fail(generator.missing_message())
    table = generator.definitions(ROOT)
    text = (ROOT / DATA_FILE).read_text(encoding="utf-8")
    assert table == json.loads(text), (
        "data/wordnet.json is out of date; run .venv/bin/python scripts/make_wordnet_data.py"
    )
    assert generator.dump(table) == text, "data/wordnet.json is not in the generator's format"


def test_entries_are_well_formed(committed):
    """Has every entry the keys pos, definition and lemma, a known POS and at most 2+2 senses?"""
    assert committed, "data/wordnet.json is empty"
    for form, senses in committed.items():
        assert form == form.lower() and WORD.match(form), form
        assert 1 <= len(senses) <= 4, form
        for sense in senses:
            assert set(sense) == {"pos", "definition", "lemma"}, form
            assert sense["pos"] in POS_VALUES, form
            assert sense["definition"].strip() and sense["lemma"].strip(), form
        per_pos = [s["pos"] for s in senses]
        assert all(per_pos.count(pos) <= 2 for pos in POS_VALUES), form


def test_keys_are_sorted(committed):
    """Are the forms in sorted order, so that a regenerated file gives a small diff?"""
    assert list(committed) == sorted(committed)


def test_licence_file_is_there():
    """Is the WordNet licence shipped beside the data, with Princeton's notice?"""
    licence = (ROOT / "data" / "WORDNET-LICENSE").read_text(encoding="utf-8")
    assert "Princeton" in licence
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence


def test_missing_wordnet_is_one_sentence(generator, tmp_path, monkeypatch, capsys):
    """Without /usr/share/wordnet, does the script say how to install it, without a traceback?"""
    monkeypatch.setattr(generator, "WORDNET_DIR", tmp_path / "wordnet")
    assert generator.main(ROOT) == 1
    error = capsys.readouterr().err.strip()
    assert "apt-get install wordnet-base" in error
    assert "\n" not in error and "Traceback" not in error


def _cased_words(text: str) -> list[str]:
    """The same tokens as ``lessonkit.build.text.words``, with their capital letters kept."""
    found = [
        t for s in sentences(text) for t in tokens(s) if WORD.match(t) and t.lower() not in CLITICS
    ]
    assert [t.lower() for t in found] == words(text)
    return found


def test_content_word_coverage(committed):
    """Do at least 95% of the articles' content words have a WordNet or a glossary definition?"""
    capitalised: dict[str, bool] = {}  # form -> every occurrence starts with a capital
    glossary: set[str] = set()
    for source in load_project(ROOT).lessons:
        if source.article is None:
            continue
        glossary |= {w.lower() for row in source.vocab for w in (row.word, row.form)}
        for text in [source.article.title] + [b.text for b in source.article.blocks]:
            for token in _cased_words(text):
                form = token.lower()
                capitalised[form] = capitalised.get(form, True) and token[0].isupper()
    content = sorted(
        form for form, name in capitalised.items() if not name and zipf_of(form) < CONTENT_ZIPF
    )
    missing = [
        form
        for form in content
        if form not in committed and form not in glossary and lemma_of(form) not in glossary
    ]
    share = 1 - len(missing) / len(content)
    print(
        f"\nWordNet or glossary definitions: {len(content) - len(missing)} of {len(content)} "
        f"content words ({share:.1%}); without one: {', '.join(missing)}"
    )
    assert share >= MIN_COVERAGE, f"only {share:.1%} of content words are defined: {missing}"
