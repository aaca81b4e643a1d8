"""The curated glossaries: required words, defining vocabulary, usage notes, look-up coverage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from lessonkit.build.schema import LEARN_WORDS, MULTIWORD_KINDS
from lessonkit.build.sources import load_project
from lessonkit.learner.vocab import lookup

ROOT = Path(__file__).resolve().parents[1]
# Words at least this common are grammar words (the, of, to, something ...): a definition may
# always use them.
GRAMMAR_ZIPF = 6.0


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def article_lessons(project):
    return [s for s in project.lessons if s.article is not None]


def headword_zipf(row) -> float:
    """How common the headword is: its rarer form (headword or the article's form), its
    rarest word if a phrase."""
    forms = {row.word.lower(), row.form.lower()}
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
            # "U.S." is one word (as common as "us"), not the letters u and s.
            text = row.definition.lower().replace("u.s.", "us")
            for word in re.findall(r"[a-z]+(?:'[a-z]+)?", text):
                zipf = zipf_frequency(word, "en")
                if zipf < GRAMMAR_ZIPF and zipf <= limit:
                    problems.append(f"{source.entry.slug}: {row.word!r} uses {word!r}")
    assert not problems, problems


def test_phrases_and_idioms_have_usage_notes(project):
    """Does every headword of more than one word carry a usage note that says what it is?"""
    missing = [
        (s.entry.slug, r.word)
        for s in article_lessons(project)
        for r in s.vocab
        if " " in r.word and not any(k in r.note.lower() for k in MULTIWORD_KINDS)
    ]
    assert not missing


def test_each_lesson_marks_8_to_12_words_to_learn(project):
    """Does every article lesson mark 8 to 12 words to learn, and keep the rest as support?"""
    low, high = LEARN_WORDS
    for source in article_lessons(project):
        learn = [r.word for r in source.vocab if r.learn == "yes"]
        assert low <= len(learn) <= high, (source.entry.slug, learn)


def test_headwords_are_base_forms(project):
    """Is every one-word headword its own base form (differ, not differed), so flashcards
    teach the dictionary word while the article's form stays in the example?"""
    from lessonkit.build.sources import base_forms

    inflected = [
        (s.entry.slug, r.word)
        for s in article_lessons(project)
        for r in s.vocab
        if " " not in r.word and r.word.lower() not in base_forms(r.word.lower()) | {r.word.lower()}
    ]
    assert not inflected


def test_own_examples_use_the_headword(project):
    """Does every example of our own use the headword (in some form), in at most 15 words,
    and differ from the article's sentence?"""
    from lessonkit.build.inflect import inflections

    problems = []
    for source in article_lessons(project):
        for r in source.vocab:
            text = " " + " ".join(re.findall(r"[a-z'’-]+", r.own_example.lower())) + " "
            forms = {f.lower() for f in inflections(r.word)} | {r.form.lower(), r.word.lower()}
            # An idiom changes its pronoun ("shot himself in the foot"): its first word is enough.
            forms |= {f.lower() for f in inflections(r.word.split()[0])}
            if not any(f" {f} " in text for f in forms):
                problems.append((source.entry.slug, r.word, r.own_example))
            if r.own_example in r.example:
                problems.append((source.entry.slug, r.word, "copies the article"))
    assert not problems, problems


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
