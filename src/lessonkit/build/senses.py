"""Choose the WordNet sense a word has in an article (its part of speech: ``new.pos_in_sentence``).

Map of the module:

- ``ranked_senses(wn, lemma, pos, sentence, article)``: the WordNet synsets of the lemma, best
  first. Each sense scores by (1) the words its gloss, examples, synonyms, hypernyms and
  hyponyms share with the sentence (simplified Lesk), (2) those it shares with the whole
  article, (3) its topic domain ("(law)", "(military)", "(computer science)") shown or not by
  the words of the article and, counted twice, of the sentence, (4) WordNet's sense
  frequencies (the SemCor counts) and sense order.
- ``clean_gloss(text)``: a definition without WordNet's artefacts (a quotation's author
  "; - Samuel Johnson", empty parts "; ;", a stray quote mark).

``wn`` is an nltk WordNet reader (``scripts/make_wordnet_data.py`` opens one over Debian's
``wordnet-base``). Build time only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

from lessonkit.build.itemchecks import FUNCTION_WORDS

LETTERS = {"noun": {"n"}, "verb": {"v"}, "adjective": {"a", "s"}, "adverb": {"r"}}
SENSE_WORD = re.compile(r"[A-Za-z]+")
# Words of glosses that say nothing about a sense ("used especially of something ...").
GLOSS_FILLER = frozenset(
    {"used", "especially", "something", "someone", "person", "often", "usually", "one"}
    | {"make", "give", "etc", "relating", "act", "thing", "things", "kind", "way"}
)
COMMON_ZIPF = 6.0  # as common as "people" or "year": no evidence for one sense over another
# Weights of the score's parts (see ranked_senses): round numbers, set on tests/data/pages
# and the examples ("client" of game servers, a sports "trophy"; tests/test_new.py).
SENTENCE_WEIGHT = 1.0
ARTICLE_WEIGHT = 0.3
COUNT_WEIGHT = 0.5
ORDER_WEIGHT = 0.25
DOMAIN_WEIGHT = 0.5
DOMAIN_ABSENT = 1.0
DOMAIN_CAP = 3


@cache
def _is_stop(word: str) -> bool:
    from wordfreq import zipf_frequency

    return (
        word in FUNCTION_WORDS or word in GLOSS_FILLER or zipf_frequency(word, "en") >= COMMON_ZIPF
    )


@cache
def _stem(word: str) -> str:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer().stem(word)


def stems(text: str) -> list[str]:
    """Porter stems of the words of ``text`` that can tell senses apart."""
    words = (w.lower() for w in SENSE_WORD.findall(text))
    return [_stem(w) for w in words if len(w) > 2 and not _is_stop(w)]


def clean_gloss(text: str) -> str:
    """WordNet's definition without its artefacts: "in like or similar manner; ; - Samuel
    Johnson" -> "in like or similar manner"; "...; ; He manufactured ..." -> "..."."""
    text = re.sub(r";?\s*-{1,2}\s*[A-Z][\w.'’ ]+$", "", text)  # "; - Samuel Johnson"
    parts = [p.strip() for p in text.split(";")]
    kept = [p.strip(" '\"") for p in parts[:1] + [p for p in parts[1:] if not p.endswith('"')]]
    return "; ".join(p for p in kept if p)


def _names(synset) -> list[str]:
    return [lemma.name().replace("_", " ") for lemma in synset.lemmas()]


def _count(synset) -> int:
    return sum(lemma.count() for lemma in synset.lemmas())


def signature(synset) -> Counter:
    """The stems that stand for a sense: its gloss and examples, its synonyms, its hypernyms
    (names and glosses), similar and see-also senses, hyponyms' names, derived words."""
    parts = [synset.definition(), *synset.examples(), *_names(synset)]
    related = synset.hypernyms() + synset.instance_hypernyms() + synset.similar_tos()
    for other in related + synset.also_sees():
        parts += [other.definition(), *_names(other)]
    # The twenty most used hyponyms (nltk gives them in no fixed order): "cup" for a trophy.
    hyponyms = sorted(synset.hyponyms(), key=lambda h: (-_count(h), h.name()))
    for other in hyponyms[:20]:
        parts += _names(other)
    for lemma in synset.lemmas():
        parts += [d.name().replace("_", " ") for d in lemma.derivationally_related_forms()]
    return Counter(stems(" ".join(parts)))


_DOMAIN_WORDS: dict = {}


def domain_words(domain) -> frozenset[str]:
    """Every one-word lemma WordNet files under a topic domain (law: jury, verdict, ...)."""
    if domain not in _DOMAIN_WORDS:
        words: set[str] = set()
        for d in [domain, *domain.hyponyms()]:
            for member in [d, *d.in_topic_domains()]:
                words.update(n.lower() for n in _names(member) if " " not in n)
        _DOMAIN_WORDS[domain] = frozenset(words)
    return _DOMAIN_WORDS[domain]


def _domains(synset) -> list:
    found = list(synset.topic_domains())
    for hypernym in synset.hypernyms()[:2]:
        found += hypernym.topic_domains()
    return found


def article_lemmas(text: str) -> set[str]:
    """Lower-case words of the article and their noun and verb lemmas (for topic domains)."""
    import lemminflect

    found: set[str] = set()
    for word in SENSE_WORD.findall(text):
        word = word.lower()
        found.add(word)
        for upos in ("NOUN", "VERB"):
            found.update(lemminflect.getLemma(word, upos) or ())
    return found


def ranked_senses(
    wn, lemma: str, pos: str, sentence: str, article: str, lemmas: set[str] | None = None
) -> list:
    """The synsets of ``lemma`` as ``pos``, the one the word has in ``sentence`` (of
    ``article``) first. ``lemmas`` is ``article_lemmas(article)``, when already made."""
    letters = LETTERS[pos]
    synsets = [s for s in wn.synsets(lemma) if s.pos() in letters]
    own = set(stems(lemma))
    in_sentence = set(stems(sentence)) - own
    in_article = Counter(w for w in stems(article) if w not in own)
    others = (article_lemmas(article) if lemmas is None else lemmas) - {lemma}
    near = article_lemmas(sentence) - {lemma}
    scored = []
    for rank, synset in enumerate(synsets):
        sign = signature(synset)
        shared_sentence = len(in_sentence & (set(sign) - own))
        shared_article = len({w for w in sign if w in in_article and w not in own})
        count = sum(x.count() for x in synset.lemmas() if x.name().lower() == lemma.lower())
        domain = 0.0
        domains = _domains(synset)
        if domains:  # a sense of a field ("(law)") needs the article to be in that field;
            # a word of the field in the same sentence counts twice
            shown = max(
                len(others & domain_words(d)) + len(near & domain_words(d)) for d in domains
            )
            domain = DOMAIN_WEIGHT * min(shown, DOMAIN_CAP) - DOMAIN_ABSENT
        score = (
            SENTENCE_WEIGHT * shared_sentence
            + ARTICLE_WEIGHT * shared_article
            + COUNT_WEIGHT * math.log1p(count)
            - ORDER_WEIGHT * rank
            + domain
        )
        scored.append((-score, rank, synset))
    return [synset for _, _, synset in sorted(scored, key=lambda x: (x[0], x[1]))]


__all__ = ["article_lemmas", "clean_gloss", "ranked_senses", "signature", "stems"]
