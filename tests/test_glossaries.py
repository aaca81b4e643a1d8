"""The curated glossaries: required words, defining vocabulary, usage notes, look-up coverage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from lessonkit._sources import load_project
from lessonkit._vocab import lookup

ROOT = Path(__file__).resolve().parents[1]
# Words at least this common are grammar words (the, of, to, something ...): a definition may
# always use them.
GRAMMAR_ZIPF = 6.0
PHRASAL = {"phrase", "idiom", "phrasal verb"}


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def article_lessons(project):
    return [s for s in project.lessons if s.article is not None]


def headword_zipf(row) -> float:
    """How common the headword is: its rarer form (word or lemma), its rarest word if a phrase."""
    forms = {row.word.lower(), row.lemma.lower()}
    return min(zipf_frequency(part, "en") for form in forms for part in re.split(r"[ -]", form))


def test_each_glossary_has_12_to_20_entries(project):
    """Does every article lesson have a glossary of 12 to 20 key words or phrases?"""
    for source in article_lessons(project):
        assert 12 <= len(source.vocab) <= 20, source.entry.slug


@pytest.mark.parametrize(
    ("slug", "words"),
    [
        ("01-geneva-summit", {"constructive", "stability", "rules of the road"}),
        ("02-sanctions-and-an-olive-branch", {"olive branch", "de-escalate"}),
    ],
)
def test_required_words_are_there(project, slug, words):
    """Are the words the issue names in their glossaries?"""
    found = {row.word.lower() for row in project.lesson(slug).vocab}
    assert words <= found


def test_voa_convicted_is_defined(project):
    """Is VOA's third word, "convicted", defined in our own glossary (as convict/convicted)?"""
    rows = project.lesson("01-geneva-summit").vocab
    assert any("convict" in row.word.lower() for row in rows)


def test_definitions_use_a_defining_vocabulary(project):
    """Is every content word of every definition more common than its headword (wordfreq)?"""
    problems = []
    for source in article_lessons(project):
        for row in source.vocab:
            limit = headword_zipf(row)
            for word in re.findall(r"[a-z]+(?:'[a-z]+)?", row.definition.lower()):
                zipf = zipf_frequency(word, "en")
                if zipf < GRAMMAR_ZIPF and zipf <= limit:
                    problems.append(f"{source.entry.slug}: {row.word!r} uses {word!r}")
    assert not problems, problems


def test_phrases_and_idioms_have_usage_notes(project):
    """Does every phrase, idiom and phrasal verb carry a usage note?"""
    missing = [
        (s.entry.slug, r.word)
        for s in article_lessons(project)
        for r in s.vocab
        if r.pos in PHRASAL and not r.note.strip()
    ]
    assert not missing


def test_voa_own_list_stays_visible():
    """Is VOA's own "Words in This Story" kept as the article's own list, word for word?"""
    data = json.loads((ROOT / "data" / "01-geneva-summit.json").read_text(encoding="utf-8"))
    own = {w["word"]: w["definition"] for w in data["words_in_this_story"]}
    assert own["constructive"] == "helping to develop and improve something"
    assert set(own) == {"constructive", "stability", "convicted"}


def test_every_word_of_every_article_can_be_looked_up(capsys):
    """Does every distinct word give an entry or an explicit "no entry", and do at least 95%
    of the distinct content words have a definition? (The figure is printed.)"""
    defined = content = 0
    undefined = []
    for path in sorted((ROOT / "data").glob("0[1-9]-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["kind"] != "article":
            continue
        for form, info in data["words"].items():
            result = lookup(data, form)
            assert result.source in ("glossary", "wordnet", "grammar", "none")
            assert result.found == (result.source != "none")
            if info["name"] or info.get("grammar_word"):
                continue
            content += 1
            if result.source in ("glossary", "wordnet"):
                defined += 1
            else:
                undefined.append(form)
    share = defined / content
    with capsys.disabled():
        print(
            f"\nlook-up coverage: {defined} of {content} distinct content words "
            f"({100 * share:.1f}%) have a definition; without one: {sorted(set(undefined))}"
        )
    assert share >= 0.95
