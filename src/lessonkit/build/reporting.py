"""Build-time analysis of reporting: who says what in each article, with which reporting verb.

Map of the module:

- ``REPORTING_VERBS`` and ``PHRASAL_VERBS``: the verbs looked for (and, in a comment, the
  ones left out and why).
- ``find_reporting(article)``: one row per use of a reporting verb in the numbered paragraphs
  (and speaker turns): paragraph, verb, lemma, speaker, subject, sentence, direct, in_quote,
  negated. The rules that decide "is this a reporting verb?" and "who is the speaker?" are
  written out in its docstring; there is no part-of-speech tagger offline, so they are
  simple, word-order rules that favour precision over recall.
- ``person_names(article)`` and ``normalise_speaker(name, names)``: "President Biden" and
  "Biden" become "Joe Biden", the longest full name seen that ends with the same words.
- ``article_lessons(project)``, ``reporting_table(project)``: the rows of every article
  lesson, in lesson order, with its slug; speakers normalised over all four articles.
- ``verb_counts(rows)``, ``speaker_counts(rows)``, ``quotation_counts(rows)``: tables for
  the "Reporting verbs" lesson.

Sentences and tokens come from ``lessonkit.build.text`` (Punkt with our own parameters and
``NLTKWordTokenizer``); word readings come from lemminflect's dictionary.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from lessonkit.build import text as _text

# Lemmas counted as reporting verbs: verbs that introduce what someone said, or say how it
# was said. Left out on purpose: "respond" (in these articles it means "react": "responding in
# a measured and proportionate way" is about sanctions), "state" (mostly the noun, "the
# United States", "State Department"), "speak" and "talk" (they report that people talked,
# not what they said: "the two leaders spoke separately with international media").
REPORTING_VERBS = frozenset(
    {
        "add",
        "agree",
        "announce",
        "answer",
        "argue",
        "ask",
        "call",
        "claim",
        "comment",
        "compare",
        "confirm",
        "declare",
        "deny",
        "describe",
        "explain",
        "express",
        "insist",
        "label",
        "note",
        "praise",
        "promise",
        "recount",
        "reply",
        "report",
        "say",
        "stress",
        "suggest",
        "tell",
        "urge",
        "vow",
        "warn",
    }
)
# Phrasal reporting verbs: (verb lemma, the words that must follow it) -> the lemma reported.
# "point" alone is not a reporting verb; "went on to say" is reported as one verb, so its
# "say" is not counted a second time.
PHRASAL_VERBS = {
    ("point", ("out",)): "point out",
    ("go", ("on", "to", "say")): "go on to say",
}

OPEN_QUOTES = {"“", "``"}  # NLTKWordTokenizer turns an opening " into ``
CLOSE_QUOTES = {"”", "''"}  # ... and a closing " into ''
QUOTE_MARKS = ("“", "”", '"', "‘")  # "‘" opens a single quotation; "’" is also an apostrophe
SUBJECT_PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "who"}
THIRD_PERSON = {"he", "she"}
DETERMINERS = {
    "a",
    "an",
    "the",
    "this",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "no",
    "every",
    "each",
    "any",
    "some",
    "another",
}
MODALS = {"do", "does", "did", "will", "would", "can", "could", "may", "might", "must"}
MODALS |= {"shall", "should", "has", "have", "had", "'ve", "'d", "'ll"}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "'re", "'m"}
NEGATIONS = {"not", "n't", "never"}
ADVERBS = {"also", "then", "later", "still", "only", "just", "too", "once", "now", "again"}
DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
DAY_PREPOSITIONS = {"on", "last", "this", "next"}
COORDINATORS = {"and", "or", "but", "nor"}
# Words that may stand before a name without being part of it ("Secretary of State Antony
# Blinken", "Russian President Vladimir Putin", "National Security Adviser Jake Sullivan").
TITLE_WORDS = {
    "The",
    "A",
    "An",
    "President",
    "Vice",
    "Secretary",
    "of",
    "State",
    "National",
    "Security",
    "Adviser",
    "Advisor",
    "Press",
    "Prime",
    "Minister",
    "Foreign",
    "Senator",
    "Sen.",
    "Rep.",
    "Gov.",
    "Governor",
    "Ambassador",
    "Chancellor",
    "General",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Russian",
    "American",
    "Soviet",
    "U.S.",
    "U.S",
}
# "the president added", "the U.S. president said": a definite description of a person.
TITLE_NOUNS = {"president", "secretary", "minister", "adviser", "spokesman", "spokeswoman"}
TITLE_NOUNS |= {"spokesperson", "senator", "ambassador", "chancellor"}
NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*|[A-Z]{2,}|U\.S\.?|[A-Z]\.)$")
PROPER_TOKEN = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*$")
# A capitalised word this common is a grammar word at the start of a sentence ("If", "Both"),
# even when lemminflect's dictionary has no entry for it; "John" is 5.4, "Putin" 4.1.
PROPER_MAX_ZIPF = 5.6


@cache
def _readings(word: str) -> dict:
    import lemminflect

    return lemminflect.getAllLemmas(word.lower())


def _is_proper(token: str) -> bool:
    """A capitalised word no English dictionary explains: "Putin", "Blinken" (not "If")."""
    from lessonkit.build.words import zipf_of

    if not PROPER_TOKEN.match(token) or _readings(token):
        return False
    return zipf_of(token.lower()) < PROPER_MAX_ZIPF


def _is_adverb(token: str) -> bool:
    low = token.lower()
    readings = _readings(low)
    if low in ADVERBS or set(readings) == {"ADV"}:
        return True
    return low.endswith("ly") and "ADV" in readings and "NOUN" not in readings


def _name_like(tokens: list[str], k: int) -> bool:
    """Can token k be part of a name? At the start of a sentence or a quotation every word
    is capitalised, so there only titles, proper names and acronyms count."""
    token = tokens[k]
    if token == "I" or not NAME_TOKEN.match(token):
        return False
    initial = k == 0 or tokens[k - 1] in OPEN_QUOTES or tokens[k - 1] in (":", "(")
    if not initial:
        return True
    return token in TITLE_WORDS - {"The", "A", "An"} or _is_proper(token) or token.isupper()


def strip_title(run: list[str]) -> list[str]:
    """The name in a run of capitalised words, without titles, days and leading articles.

    Titles go only when a proper name is left ("President Putin" -> "Putin"), so "The State
    Department" keeps "State Department" and "The White House" keeps "White House".
    """
    while run and run[0] in ("The", "A", "An"):
        run = run[1:]
    run = [t for t in run if t not in DAYS]
    i = 0
    while i < len(run) and run[i] in TITLE_WORDS:
        i += 1
    rest = run[i:]
    if rest and any(_is_proper(t) for t in rest):
        return rest
    return run


def normalise_speaker(name: str | None, names: set[str]) -> str | None:
    """The longest name in ``names`` that ends with the words of ``name``, or ``name`` itself.

    "Biden" -> "Joe Biden" when "Joe Biden" is in ``names``. When two different names of that
    length fit ("Paul Smith", "Anna Smith"), the name is left as it is: we cannot tell.
    """
    if not name:
        return name
    words = name.split()
    fits = {n for n in names if n.split()[-len(words) :] == words}
    if not fits:
        return name
    longest = max(len(n.split()) for n in fits)
    best = sorted(n for n in fits if len(n.split()) == longest)
    return best[0] if len(best) == 1 else name


def _joins(tokens: list[str], k: int) -> bool:
    """Is token k the "of" inside a title ("Secretary of State")?"""
    return (
        tokens[k] == "of"
        and 0 < k < len(tokens) - 1
        and tokens[k - 1] in TITLE_WORDS
        and NAME_TOKEN.match(tokens[k + 1]) is not None
    )


def _name_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every run of name-like tokens in a sentence."""
    runs, k = [], 0
    while k < len(tokens):
        if _name_like(tokens, k):
            end = _run_end(tokens, k)
            runs.append((k, end))
            k = end
        else:
            k += 1
    return runs


def _run_end(tokens: list[str], k: int) -> int:
    end = k
    while end < len(tokens) and (_name_like(tokens, end) or (end > k and _joins(tokens, end))):
        end += 1
    return end


def _run_left(tokens: list[str], j: int) -> tuple[int, int] | None:
    """The run of name-like tokens that ends at index j, if there is one."""
    if j < 0 or not _name_like(tokens, j):
        return None
    start = j
    while start > 0 and (_name_like(tokens, start - 1) or _joins(tokens, start - 1)):
        start -= 1
    return start, j + 1


def _run_right(tokens: list[str], k: int, *, then_punctuation: bool) -> tuple[int, int] | None:
    """A name starting at index k; with ``then_punctuation`` it must end the clause, as in
    "said Blinken." or "says Nikolai Kazanstev -" (so "told Putin that" is no inversion)."""
    if k >= len(tokens) or not _name_like(tokens, k):
        return None
    end = _run_end(tokens, k)
    if then_punctuation and end < len(tokens) and tokens[end][0].isalnum():
        return None
    return (k, end) if strip_title(tokens[k:end]) else None


def _description_left(tokens: list[str], j: int) -> int | None:
    """Where "the (U.S.) president" ending at index j starts, if the words there are one."""
    if j < 0 or tokens[j] not in TITLE_NOUNS:
        return None
    for start in range(j - 1, max(-1, j - 4), -1):
        if tokens[start].lower() == "the":
            return start
        if not NAME_TOKEN.match(tokens[start]):
            return None
    return None


def _is_plural_noun(token: str) -> bool:
    noun = _readings(token).get("NOUN")
    return token.islower() and token.endswith("s") and bool(noun) and noun[0] != token


def person_names(article) -> set[str]:
    """Full names of people in an article: turn speakers, the byline, and runs like "Joe Biden".

    A run counts when, without its title, it has two or more capitalised words and its last
    word is in no English dictionary ("Vladimir Putin", "Antony Blinken"; not "White House").
    """
    names = {b.speaker for b in article.paragraphs if b.speaker}
    if article.byline:
        names.add(article.byline)
    for block in article.paragraphs:
        for sentence in _text.sentences(block.text):
            tokens = _text.tokens(sentence)
            for start, end in _name_runs(tokens):
                run = strip_title(tokens[start:end])
                proper = len(run) >= 2 and all(PROPER_TOKEN.match(t) for t in run)
                if proper and _is_proper(run[-1]):
                    names.add(" ".join(run))
    return names


@dataclass
class _Sentence:
    index: int  # position in the article's list of sentences
    paragraph: int
    text: str
    tokens: list[str]
    quoted: list[bool]  # is the token inside quotation marks?
    turn: str | None  # the speaker of the turn the sentence is in
    mentions: list[tuple[int, str, bool]] = field(default_factory=list)  # (pos, name, quoted)
    speakers: list[tuple[int, str]] = field(default_factory=list)  # resolved, by position
    quote_speaker: str | None = None  # who speaks inside its quotation marks


def _quoted_flags(tokens: list[str], inside: bool) -> tuple[list[bool], bool]:
    """For each token, is it inside quotation marks (the marks themselves count as inside)?"""
    flags = []
    for token in tokens:
        if token in OPEN_QUOTES:
            inside = True
        flags.append(inside)
        if token in CLOSE_QUOTES:
            inside = False
    return flags, inside


def _verb_at(tokens: list[str], i: int, headline: bool) -> tuple[str, str, int, str] | None:
    """(lemma, surface, index after the verb, form) when token i is a reporting verb's form.

    Form is "base" (say), "s" (says), "ing" (saying) or "past" (said). A capitalised word
    inside a sentence is part of a name, not a verb, except in a title-case headline.
    """
    word = tokens[i]
    if not word.isalpha() or (word[0].isupper() and i > 0 and not headline):
        return None
    low = word.lower()
    verb = _readings(low).get("VERB")
    if not verb:
        return None
    lemma, end = verb[0], i + 1
    for (head, following), phrasal in PHRASAL_VERBS.items():
        after = tuple(t.lower() for t in tokens[i + 1 : i + 1 + len(following)])
        if head == lemma and after == following:
            lemma, end = phrasal, i + 1 + len(following)
            break
    else:
        if lemma not in REPORTING_VERBS:
            return None
    if low == verb[0]:
        form = "base"
    elif low.endswith("ing"):
        form = "ing"
    elif low.endswith("s"):
        form = "s"
    else:
        form = "past"
    return lemma, " ".join(tokens[i:end]), end, form


@dataclass
class _Left:
    """What stands before a verb once adverbs, auxiliaries and time phrases are skipped."""

    j: int  # index of the first token not skipped (-1: the start of the sentence)
    aux: bool = False  # an auxiliary or modal was skipped ("did say", "has said")
    passive: bool = False  # the nearest auxiliary is a form of "be" ("was told")
    negated: bool = False  # "did not say", "wouldn't comment"


def _walk_left(tokens: list[str], i: int) -> _Left:
    left = _Left(j=i - 1)
    nearest_aux: str | None = None
    after_adverb = False
    j = i - 1
    while j >= 0:
        token, low = tokens[j], tokens[j].lower()
        adverb = False
        if low in NEGATIONS:
            left.negated = True
        elif low == "'s" and j > 0 and tokens[j - 1].lower() in SUBJECT_PRONOUNS:
            nearest_aux = nearest_aux or "has"  # "he's said" ('s is "has" or "is")
            left.aux = True
        elif low in MODALS or low in BE_FORMS:
            nearest_aux = nearest_aux or low
            left.aux = True
        elif token in DAYS:
            if j > 0 and tokens[j - 1].lower() in DAY_PREPOSITIONS:
                j -= 1  # "on Monday"
        elif token in OPEN_QUOTES:
            pass  # he also “expressed concern ...”
        elif _is_adverb(token):
            adverb = True
        elif not (token == "," and (after_adverb or (j > 0 and _is_adverb(tokens[j - 1])))):
            break  # (a comma is skipped only around an adverb: "Blinken, however, did say")
        after_adverb = adverb
        j -= 1
    left.j = j
    left.passive = nearest_aux in BE_FORMS
    return left


class _Scanner:
    """One pass over an article; ``known`` are the people a name in the text may stand for."""

    def __init__(self, article, known: set[str], headline: bool):
        self.article = article
        self.known = known
        self.headline = headline
        self.sentences: list[_Sentence] = []
        self.rows: list[tuple[tuple[int, int], dict]] = []
        self.explicit: set[str] = set()  # speakers read from a name in the text

    # --- people ---------------------------------------------------------------------------

    def _person(self, tokens: list[str], span: tuple[int, int]) -> str | None:
        name = " ".join(strip_title(tokens[span[0] : span[1]]))
        return normalise_speaker(name, self.known) if name else None

    def _mentions(self, tokens: list[str], quoted: list[bool]) -> list[tuple[int, str, bool]]:
        found = []
        for start, end in _name_runs(tokens):
            name = self._person(tokens, (start, end))
            if name in self.known:
                found.append((end - 1, name, quoted[end - 1]))
        return found

    def _resolve(self, sent: _Sentence, pos: int, exclude: set, in_quote: bool) -> str | None:
        """Who "he", "she" or "the president" at ``pos`` is (see ``find_reporting``)."""
        here = [(p, n) for p, n in sent.speakers if p < pos]
        here += [(p, n) for p, n, q in sent.mentions if p < pos and q == in_quote]
        here = [(p, n) for p, n in here if n not in exclude]
        if here:
            return max(here)[1]
        for earlier in reversed(self.sentences[: sent.index]):
            if earlier.paragraph < sent.paragraph - 1:
                break
            for candidates in (
                [n for _, n in sorted(earlier.speakers)],
                [n for _, n, q in sorted(earlier.mentions) if not q],
                [earlier.turn] if earlier.turn else [],
            ):
                candidates = [n for n in candidates if n not in exclude]
                if candidates:
                    return candidates[-1]
        return None

    def _quote_speaker(self, sent: _Sentence, paragraph: list[_Sentence]) -> str | None:
        """Who speaks inside a sentence's quotation marks: its own attribution, else that of
        the nearest attributed sentence of the same paragraph (a quotation of two sentences)."""
        if sent.quote_speaker:
            return sent.quote_speaker
        attributed = [s for s in paragraph if s.quote_speaker]
        if not attributed:
            return None
        return min(attributed, key=lambda s: (abs(s.index - sent.index), s.index)).quote_speaker

    def _pronoun(self, sent, paragraph, pos: int, low: str, in_quote: bool) -> str | None:
        if low == "i":
            return self._quote_speaker(sent, paragraph) if in_quote else sent.turn
        if low in THIRD_PERSON:
            exclude = {sent.turn} if sent.turn else set()
            if in_quote:
                exclude.add(self._quote_speaker(sent, paragraph))
            return self._resolve(sent, pos, exclude, in_quote)
        return None  # we, they, you, it, who: a group, or not clear

    def _first_person(self, sent: _Sentence, paragraph, before: int) -> str | None:
        """The first person named (or he, she) outside quotations before ``before``: the
        subject of the main clause, in news style ("Biden detailed ..., saying ..."). A name
        opening the sentence counts even when the article gives it nowhere else."""
        mentions = {p: n for p, n, q in sent.mentions if not q}
        runs = {start: end - 1 for start, end in _name_runs(sent.tokens)}
        for pos in range(before):
            if sent.quoted[pos]:
                continue
            if runs.get(pos) in mentions:
                return mentions[runs[pos]]
            if pos == 0 and pos in runs:  # a name opening the sentence is its subject
                run = strip_title(sent.tokens[: runs[pos] + 1])
                if any(_is_proper(t) for t in run):
                    return normalise_speaker(" ".join(run), self.known)
            if sent.tokens[pos].lower() in THIRD_PERSON:
                return self._pronoun(sent, paragraph, pos, sent.tokens[pos].lower(), False)
        return None

    # --- verbs ----------------------------------------------------------------------------

    def _analyse(self, sent, paragraph, i: int, found) -> dict | None:
        """The row for a verb, or None when the rules say it is not a reporting verb here."""
        lemma, surface, end, form = found
        tokens = sent.tokens
        before = tokens[i - 1].lower() if i > 0 else ""
        if before in DETERMINERS:
            return None  # "the said", "a call"
        if before == "'s" and not (i > 1 and tokens[i - 2].lower() in SUBJECT_PRONOUNS):
            return None  # "Biden's vow"
        noun_like = form == "base" or bool(set(_readings(tokens[i])) - {"VERB"})
        left = _walk_left(tokens, i)
        j = left.j
        head = tokens[j] if j >= 0 else ""
        low = head.lower()
        exclude = {sent.turn} if sent.turn else set()

        speaker = subject = None
        evidence = left.aux
        run = _run_left(tokens, j)
        description = _description_left(tokens, j)
        if run:
            subject = " ".join(tokens[run[0] : run[1]])
            speaker = self._person(tokens, run)
            evidence = evidence or form != "base"
            self.explicit.add(speaker or "")
        elif low in SUBJECT_PRONOUNS:
            subject = head
            plural = low in ("i", "you", "we", "they")
            evidence = evidence or form != "base" or plural
            speaker = self._pronoun(sent, paragraph, j, low, sent.quoted[j])
        elif description is not None:
            subject = " ".join(tokens[description : j + 1])
            evidence = evidence or form != "base"
            speaker = self._resolve(sent, j, exclude, sent.quoted[j])
        elif j < 0 or head == "," or head in CLOSE_QUOTES:
            right = _run_right(tokens, end, then_punctuation=True)
            after = [t.lower() for t in tokens[end : end + 5]]
            titled = [k for k, t in enumerate(tokens[end : end + 5]) if t in TITLE_NOUNS]
            if right and form != "base":  # "said Blinken."
                subject = " ".join(tokens[right[0] : right[1]])
                speaker = self._person(tokens, right)
                evidence = True
                self.explicit.add(speaker or "")
            elif after[:1] == ["the"] and titled and form != "base":  # "said the president"
                k = end + titled[0]
                subject = " ".join(tokens[end : k + 1])
                speaker = self._resolve(sent, end, exclude, sent.quoted[k])
                evidence = True
            elif form == "ing" and head == ",":  # a participle clause: "..., saying"
                evidence = True
                speaker = self._first_person(sent, paragraph, i)
        elif low in COORDINATORS:  # "... and called the meeting"
            speaker = self._first_person(sent, paragraph, j)
        elif head.isalpha() and (head.islower() or j == 0):  # a noun: "intelligence groups"
            subject = head
            if form == "base":
                evidence = evidence or _is_plural_noun(head.lower())
            elif form == "ing":  # "a joint statement saying that ..."
                next_token = tokens[end] if end < len(tokens) else ""
                evidence = evidence or next_token == "that" or next_token in OPEN_QUOTES
            if lemma == "call" and j == i - 1 and i > 1 and tokens[i - 2].lower() in ("a", "an"):
                return None  # naming, not reporting: "a film called ..."
        if noun_like and not evidence:
            return None
        if left.passive and form == "past":
            speaker = None  # "was told": the subject is the one told, not the speaker
            if tokens[end : end + 1] == ["by"]:  # "was praised by Biden"
                agent = _run_right(tokens, end + 1, then_punctuation=False)
                speaker = self._person(tokens, agent) if agent else None
        return {
            "verb": surface,
            "lemma": lemma,
            "speaker": speaker,
            "subject": subject,
            "in_quote": sent.quoted[i],
            "negated": left.negated,
        }

    def scan(self) -> list[dict]:
        blocks = [(n, b.text, b.speaker) for n, b in enumerate(self.article.paragraphs, start=1)]
        if self.headline:
            blocks.insert(0, (0, self.article.title, None))
        for n, text, turn in blocks:
            inside, paragraph = False, []
            for sentence in _text.sentences(text):
                tokens = _text.tokens(sentence)
                quoted, inside = _quoted_flags(tokens, inside)
                sent = _Sentence(len(self.sentences), n, sentence, tokens, quoted, turn)
                sent.mentions = self._mentions(tokens, quoted)
                self.sentences.append(sent)
                paragraph.append(sent)
            # Verbs outside quotation marks first: they say who speaks inside them.
            for outside in (True, False):
                for sent in paragraph:
                    self._scan_sentence(sent, paragraph, outside)
        return [row for _, row in sorted(self.rows, key=lambda item: item[0])]

    def _scan_sentence(self, sent: _Sentence, paragraph: list[_Sentence], outside: bool):
        i, tokens = 0, sent.tokens
        direct = any(mark in sent.text for mark in QUOTE_MARKS)
        while i < len(tokens):
            found = _verb_at(tokens, i, self.headline and sent.paragraph == 0)
            if not found:
                i += 1
                continue
            if sent.quoted[i] == outside:
                i = found[2]
                continue
            row = self._analyse(sent, paragraph, i, found)
            if row is not None:
                if row["speaker"]:
                    sent.speakers.append((i, row["speaker"]))
                    if outside and direct and not sent.quote_speaker:
                        sent.quote_speaker = row["speaker"]
                full = {
                    "paragraph": sent.paragraph,
                    "verb": row["verb"],
                    "lemma": row["lemma"],
                    "speaker": row["speaker"],
                    "subject": row["subject"],
                    "sentence": sent.text,
                    "direct": direct,
                    "in_quote": row["in_quote"],
                    "negated": row["negated"],
                }
                self.rows.append(((sent.index, i), full))
            i = found[2]


def find_reporting(article, *, headline: bool = False) -> list[dict]:
    """Every use of a reporting verb in the numbered paragraphs and turns of an article.

    One row per use, in text order: ``paragraph`` (1-based; 0 is the headline, read only
    with ``headline=True``), ``verb`` (as written: "told", "pointed out", "went on to say"),
    ``lemma``, ``speaker`` (best guess, or None), ``subject`` (the words the speaker was read
    from: "President Putin", "he", "the president", or None), ``sentence``, ``direct`` (the
    sentence has quotation marks “ ” " or ‘), ``in_quote`` (the verb itself is inside them, as
    "urged" in “I strongly urged him ...,” Biden said) and ``negated`` ("did not say").

    Is it a reporting verb here? (No part-of-speech tagger offline; rules favour precision.)

    - The word's verb reading in lemminflect is in ``REPORTING_VERBS``, or it starts a
      phrasal verb of ``PHRASAL_VERBS``; a capitalised word inside a sentence is a name.
    - Never right after a determiner or a possessive: "the said", "a phone call" (after
      "phone", see below), "Biden's vow".
    - A form that can also be a noun or an adjective ("call", "reports", "saying", "noted"),
      and every base form ("say", "agree"), needs evidence that it is a verb: an auxiliary
      or modal before it ("did say", "wouldn't comment"); a subject pronoun (for a base
      form only I, you, we, they); for a form other than the base, a name or "the president"
      before it, or an inverted name after it; a plural noun before a base form
      ("intelligence groups report"); for an -ing form, a comma before it or "that" or a
      quotation after it. So "a phone call" and "hard to say" are not counted (an infinitive
      is counted only in "go on to say").
    - "called" right after "a/an + noun" names something ("a film called ...").

    Who is the speaker? Adverbs ("also", "-ly"), auxiliaries, "not", quotation marks, days
    ("on Monday") and the commas around "however" are skipped, then:

    - A run of capitalised words before the verb is the speaker, without its title ("Russian
      President Vladimir Putin", "Secretary of State Antony Blinken"). After a comma, a closing
      quotation mark or at the start, a name right after the verb that ends the clause is the
      speaker ("said Blinken.", "says Nikolai Kazanstev -"; not "told Putin that").
    - "He", "she" and "the (U.S.) president" are the last person named or speaking before
      them in the sentence; else the last speaker (else person named outside quotations, else
      turn speaker) of the earlier sentences back to the start of the previous paragraph.
      In a turn, "he" is never the turn's speaker; inside a quotation, never the quoted one.
      A person is a full name of ``person_names``, or a name found as a speaker: places
      ("In Geneva, he said") are not people, so a lone "Putin" the article never names in
      full or as a speaker is not one either.
    - "I" outside quotation marks is the speaker of the turn (None in a news paragraph);
      "I" inside them is the quotation's speaker: the speaker of the sentence's reporting
      verb outside the marks, else that of the nearest such sentence in the paragraph.
      "We", "they", "you", "it", "who": None (a group, or not clear).
    - After "and" ("... and called the meeting") or as an -ing form after a comma ("...,
      saying"), the first person named in the sentence: the subject of the main clause.
    - A common noun ("the leaders agreed") or a passive ("was told") gives None, except
      "by" + name after a passive.

    Speakers are full names where the article has them ("Biden" -> "Joe Biden"; see
    ``normalise_speaker`` and ``person_names``). The text is read twice: the second time, names
    found as speakers the first time ("Blinken") also count as people a pronoun can stand for.
    """
    names = person_names(article)
    first = _Scanner(article, names, headline)
    first.scan()
    known = names | {n for n in first.explicit if n}
    return _Scanner(article, known, headline).scan()


def article_lessons(project) -> list:
    """The lessons that have an article, in lesson order."""
    return [s for s in project.lessons if s.article is not None]


def reporting_table(project, *, headline: bool = False) -> list[dict]:
    """The rows of every article lesson, in lesson order, each with its ``lesson`` slug.

    Speakers are normalised over the whole article set: "Biden" in one article becomes
    "Joe Biden" when any article names him in full.
    """
    sources = article_lessons(project)
    names: set[str] = set()
    found = []
    for source in sources:
        rows = find_reporting(source.article, headline=headline)
        names |= person_names(source.article)
        names |= {r["speaker"] for r in rows if r["speaker"]}
        found.append((source.entry.slug, rows))
    table = []
    for slug, rows in found:
        for row in rows:
            row = {"lesson": slug, **row}
            row["speaker"] = normalise_speaker(row["speaker"], names)
            table.append(row)
    return table


def _slugs(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(r["lesson"] for r in rows))


def verb_counts(rows: list[dict]) -> dict[str, dict[str, int]]:
    """{lemma: {slug: uses}}, lemmas sorted, every slug of ``rows`` present (0 when none)."""
    slugs = _slugs(rows)
    counts = Counter((r["lemma"], r["lesson"]) for r in rows)
    lemmas = sorted({r["lemma"] for r in rows})
    return {lemma: {slug: counts[lemma, slug] for slug in slugs} for lemma in lemmas}


def speaker_counts(rows: list[dict]) -> dict[str, dict[str, int]]:
    """{speaker: {slug: reporting verbs with that speaker}}; rows with no speaker are left out.

    Speakers are normalised again among the rows' own speakers (a shorter name goes to the
    longest one that ends with it), so rows from ``find_reporting`` of single articles merge
    too. Sorted by total, most first, then by name.
    """
    slugs = _slugs(rows)
    names = {r["speaker"] for r in rows if r["speaker"]}
    counts = Counter((normalise_speaker(r["speaker"], names), r["lesson"]) for r in rows)
    speakers = {normalise_speaker(n, names) for n in names}
    order = sorted(speakers, key=lambda n: (-sum(counts[n, s] for s in slugs), n))
    return {n: {slug: counts[n, slug] for slug in slugs} for n in order}


def quotation_counts(rows: list[dict]) -> dict[str, int]:
    """{speaker: quotations} for one article's rows: a sentence with quotation marks counts
    once, for the speaker of its first reporting verb outside the marks that has a speaker.

    So "President Putin told reporters that there was “no hostility” and called the meeting
    “constructive.”" is one quotation by Putin, and the second sentence of a two-sentence
    quotation is not counted again. Sorted by count, most first, then by name.
    """
    seen: set[tuple] = set()
    counts: Counter = Counter()
    for row in rows:
        key = (row.get("lesson"), row["paragraph"], row["sentence"])
        if row["direct"] and not row["in_quote"] and row["speaker"] and key not in seen:
            seen.add(key)
            counts[row["speaker"]] += 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
