"""Expand accepted answers with inflected forms when a lesson is built (never at grading time).

Map:

- ``inflections``: every inflected form of a word or phrase, by the rule below.
- ``expand_accept``: an item's accepted answers plus their inflections.

This module uses lemminflect, a word list of several megabytes. It runs only at build
time; ``_grading.py`` never imports it, so a learner's kernel stays light and grading
just compares the expanded list.

The rule for a phrase (several words separated by spaces), without a part-of-speech
tagger, using only what lemminflect knows about each word:

1. Verb first: when the first word can be a verb and the second word is not "of", the
   first word gets every verb form and the other words stay ("kick off" -> "kicked off",
   "impose sanctions" -> "imposing sanctions"). After "of" the first word is the head of a
   noun phrase ("rule of the road", "head of state"), not a verb.
2. Noun last: when no word is a function word (article, preposition, particle,
   pronoun, conjunction) and the last word can be a noun, the last word gets its noun
   forms ("olive branch" -> "olive branches").
3. When both apply because the first word can also be a noun or adjective ("press
   conference", "trade deal", "border crisis"), both sets of forms are given: a tagger
   would be needed to choose, and accepting a form nobody writes ("pressed conference")
   costs nothing, while refusing a right one ("press conferences") is unfair.
4. Otherwise the phrase is a fixed expression and stays as it is ("rule of the road",
   "on the same page"); authors list any other forms by hand.

A single word gets every form of every lemma, in all parts of speech.
"""

from __future__ import annotations

from lemminflect import getAllInflections, getAllLemmas

__all__ = ["expand_accept", "inflections"]

# Words that mark a phrase as a fixed expression, or a verb + particle, rather than a
# compound noun. Not complete; it only needs the words that appear in short answers.
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "no"}  # determiners
    | {"of", "in", "on", "at", "to", "for", "with", "by", "from", "about", "into", "onto"}
    | {"over", "under", "off", "up", "down", "out", "away", "back", "through", "across"}
    | {"around", "along", "between", "against", "without", "within", "upon", "after"}
    | {"before", "as", "than"}  # prepositions and particles
    | {"and", "or", "but", "nor", "not"}  # conjunctions
    | {"it", "its", "it's", "they", "them", "their", "he", "him", "his", "she", "her"}
    | {"we", "us", "our", "you", "your", "i", "me", "my", "one", "one's", "oneself"}
    | {"someone", "somebody", "something", "anything", "nothing"}  # pronouns
)


def _lemmas(word: str, upos: str | None = None) -> set[str]:
    found: set[str] = set()
    for forms in getAllLemmas(word, upos=upos).values():
        found.update(forms)
    return found


def _forms(word: str, upos: str | None = None) -> set[str]:
    """The word and every inflection of each of its lemmas (only ``upos`` when given)."""
    forms = {word}
    for lemma in _lemmas(word, upos) | ({word} if upos is None else set()):
        forms.add(lemma)
        for inflected in getAllInflections(lemma, upos=upos).values():
            forms.update(inflected)
    return forms


def inflections(word_or_phrase: str) -> list[str]:
    """Return all inflected forms of a word or phrase, itself included, sorted, no repeats.

    A single word gets every form in every part of speech ("impose" -> "impose",
    "imposed", "imposes", "imposing"). A phrase follows the rule in the module docstring:
    the first word is inflected when it is a verb ("kick off" -> "kicked off"), otherwise
    the last word when it is a noun ("olive branch" -> "olive branches"); fixed
    expressions stay as they are ("rule of the road"). Words lemminflect does not know
    (names, for example) stay as they are. Raises ``ValueError`` for blank text, which is
    a mistake in the lesson data.
    """
    words = word_or_phrase.split()
    if not words:
        raise ValueError("cannot inflect an empty answer")
    if len(words) == 1:
        return sorted(_forms(words[0]))

    first, last = words[0], words[-1]
    phrase = " ".join(words)
    results = {phrase}
    verb_first = bool(_lemmas(first, "VERB")) and words[1].lower() != "of"
    noun_last = bool(_lemmas(last, "NOUN")) and not any(
        word.lower() in _FUNCTION_WORDS for word in words
    )
    if verb_first:
        results.update(" ".join([form, *words[1:]]) for form in _forms(first, "VERB"))
    # Rule 3: when the first word can only be a verb ("impose sanctions"), the last word
    # is its object and keeps its form.
    first_only_verb = not set(getAllLemmas(first)) - {"VERB", "AUX"}
    if noun_last and not (verb_first and first_only_verb):
        results.update(" ".join([*words[:-1], form]) for form in _forms(last, "NOUN"))
    return sorted(results)


def expand_accept(accept: list[str], *, inflect: bool) -> list[str]:
    """Return the accepted answers, plus all their inflections when ``inflect`` is True.

    The original answers come first in their order, then the new forms; no answer
    appears twice. With ``inflect=False`` the result equals ``accept`` (a new list).
    """
    if not inflect:
        return list(accept)
    # dict keeps insertion order, so it de-duplicates while keeping the original first
    expanded = dict.fromkeys(accept)
    for answer in accept:
        expanded.update(dict.fromkeys(inflections(answer)))
    return list(expanded)


UPOS = {"noun": "NOUN", "verb": "VERB", "adjective": "ADJ", "adverb": "ADV"}


def inflections_as(word: str, pos: str) -> list[str]:
    """The forms of a one-word headword in its own part of speech only: the noun "talks"
    gives talk and talks, not "talked". A phrase, another part of speech, or a word that
    lemminflect does not know in that part of speech gets ``inflections``."""
    upos = UPOS.get(pos)
    if upos is None or len(word.split()) != 1 or not _lemmas(word, upos):
        return inflections(word)
    return sorted(_forms(word, upos))
