"""Build-time text analysis with nltk, using no downloaded NLTK data.

Map of the module:

- ``sentences(paragraph)``: Punkt built from our own parameters (abbreviations such as
  "U.S." and "p.m." do not end a sentence), because ``sent_tokenize`` needs downloaded data.
- ``tokens(sentence)``: ``NLTKWordTokenizer`` (Treebank rules plus better quote handling),
  which needs no data.
- ``words(text)``: the word tokens a learner can look up (letters, inner hyphens and
  apostrophes), lower-cased.
- ``reading_stats(article, levels)``: words, sentences, mean sentence length, reading time
  and the share of words at each level.

This module runs only at build time; a learner's kernel never imports nltk.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# Lower-case, without the final full stop, as Punkt wants them.
ABBREVIATIONS = {
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "sgt",
    "prof",
    "a.m",
    "p.m",
    "vs",
    "etc",
    "inc",
    "co",
    "corp",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# Reading speed used for "reading time". 130 words a minute is a careful B1-B2 reading pace
# for a news text (native readers manage about 240); we prefer to under-promise.
LEARNER_WORDS_PER_MINUTE = 130
CLITICS = {"n't"}  # Treebank splits "didn't" into "did" + "n't": not a word to look up
WORD = re.compile(r"^[A-Za-z][A-Za-z'’-]*[A-Za-z]$|^[A-Za-z]$")


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def _word_tokenizer() -> NLTKWordTokenizer:
    return NLTKWordTokenizer()


def sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, text unchanged."""
    return [s.strip() for s in _sentence_tokenizer().tokenize(paragraph) if s.strip()]


def tokens(sentence: str) -> list[str]:
    """Word and punctuation tokens of one sentence (curly apostrophes treated like straight)."""
    return _word_tokenizer().tokenize(sentence.replace("’", "'"))


def words(text: str) -> list[str]:
    """Lower-cased word tokens (no punctuation, no numbers) of a text of any length.

    Treebank rules split "didn't" into "did" + "n't" and "Russia's" into "Russia" + "'s";
    the clitics are not words a learner looks up, so they are dropped.
    """
    found = []
    for sentence in sentences(text):
        for token in tokens(sentence):
            if WORD.match(token) and token.lower() not in CLITICS:
                found.append(token.lower())
    return found


def reading_stats(paragraphs: list[str], level_of: dict[str, str]) -> dict:
    """Reading statistics of an article; ``level_of`` maps a lower-case word to A1..C2."""
    all_sentences = [s for p in paragraphs for s in sentences(p)]
    all_words = [w for p in paragraphs for w in words(p)]
    n_words = len(all_words)
    counts = Counter(level_of.get(w, "unknown") for w in all_words)
    profile = {
        level: round(100 * counts.get(level, 0) / n_words, 1) if n_words else 0.0
        for level in ("A1", "A2", "B1", "B2", "C1", "C2", "unknown")
    }
    return {
        "paragraphs": len(paragraphs),
        "sentences": len(all_sentences),
        "words": n_words,
        "distinct_words": len(set(all_words)),
        "mean_sentence_length": round(n_words / len(all_sentences), 1) if all_sentences else 0,
        "reading_minutes": max(1, round(n_words / LEARNER_WORDS_PER_MINUTE)),
        "level_profile": profile,
    }
