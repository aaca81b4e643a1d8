"""Item-writing checks run by ``lessonkit check``: patterns that make a question unfair or easy.

Every finding is one sentence naming file, line and field, like a ``SourceError``. Errors
(always wrong) make ``lessonkit check`` fail; warnings (patterns worth a look) are printed
with a leading ``warning:`` and do not fail it.

Map of the module:

- ``Finding``: one problem found (check name, severity, field path, message); ``str()`` gives
  the printed line once ``located`` has added the file and line.
- ``Context``: what an item check needs besides the item: where the item stands, the numbered
  paragraphs of its article, the language-focus box, the previous worksheet item, ...
- Item checks, pure functions of ``(item, context) -> list[Finding]``:
  ``check_option_lengths``, ``check_answer_leak``, ``check_distractors``,
  ``check_explanation_quote``, ``check_citations``, ``check_word_count``,
  ``check_option_feedback``, ``check_worksheet_copy``, ``check_choose_all``.
- File checks, pure functions of ``[(item, context), ...] -> list[Finding]``:
  ``check_key_longest`` and ``check_duplicates``.
- ``project_findings(project)`` / ``run_checks(root)``: every check over every lesson file.

The checks (E = error, W = warning):

1. Option lengths. W (file): the key is the longest option (by characters, strictly longer than
   every other option) in more than 40% of the file's single-answer ``choice`` items. W (item):
   the longest option has more than 2.5 times the words of the shortest, and 6 words or more.
2. Answer leak (E). A gap's accepted form, or a short item's, of 4 letters or more stands as a
   whole word elsewhere in the item (prompt, the text with its gaps blanked, the distractors);
   or, at any length, the answer with its neighbouring words from the item's text (the gap's
   neighbours, or the words around ``___`` in a short item's prompt) stands as the same phrase
   in the language-focus box (language-focus items) or in what a learner sees of the previous
   item of the same worksheet section (prompt, solved text, explanation, evidence quote).
3. Duplicates. E: two gap/short items of one file test the same answer (lemma level) in the same
   article sentence, or in the same gap text. W: two gap/short items of one file share an
   answer word (lemma level, by lemminflect: "was" and "were" are both "be").
4. Bank distractor fits (E). (a) The gap's neighbouring words from the item's text, with the
   distractor in the gap, stand in the cited evidence paragraph. (b) The answer is a reporting
   verb and the distractor, a reporting verb in the same form, takes what follows the gap
   (``COMPLEMENTS``: "said to Putin" fits where "stressed to Putin" stands). (c) Collocations:
   no collocation data is available offline, and a hand-written list would be arbitrary, so (c)
   covers only the project's own articles: the distractor with both gap neighbours as three
   words in any article, or with one content neighbour (not a function word, not a name; not
   for reporting verbs, which stand next to names by inversion) as two words in any article
   ("tensions rose" when an article says it). It cannot find a distractor that fits by usage
   ("hostility rose" is natural English but in no article): a teacher must still read banks.
5. Explanation repeats the evidence quote (E): the explanation contains the quote (of 3 words or
   more) or a run of 8+ consecutive words of it, compared case-insensitively with curly and
   straight quotes and punctuation ignored (the view prints the quote under the explanation).
6. Paragraph citations. E: "paragraph N", "paragraphs N and M", "paragraphs N to M" or "(N)"
   after a mention of "paragraph" in a prompt, explanation or option feedback must be the
   evidence paragraph or in ``evidence.also``; in lessons on several articles "lesson K,
   paragraph N" is checked only when K is the evidence's article. E: words in quotation marks
   (4+ words) in a sentence that cites paragraphs must stand in one of them. W: words in
   quotation marks (4+ words) in an explanation or feedback that stand nowhere in the article.
7. Word count (E): a prompt (or, for worksheet items, the section instructions when the prompt
   says nothing) that says "one word", "two words", "three words", "one or two words" or
   "a number" while an accepted answer has another shape (words counted after stripping
   punctuation; a number is digits or number words).
8. Option feedback never shown (E): feedback on the options of an item type whose view does not
   show option feedback (``_quiz.SHOWS_OPTION_FEEDBACK``).
9. Worksheet copies the article (E): a gap-fill or word-formation item whose text (gaps filled)
   shares 8 or more consecutive words with the article, or whose words are 70%+ the same as its
   evidence sentence (Dice coefficient on word counts: a short new sentence that reuses a few
   words of a long sentence is not a copy).
10. "Choose all" wording (W): a multi item's prompt must contain "Choose all the right answers".

Line numbers come from ``_sources.parse_yaml``; field names are ``_sources.field_name``'s.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from lessonkit.build.schema import GAP
from lessonkit.errors import SourceError

ERROR = "error"
WARNING = "warning"
KEY_LONGEST_SHARE = 0.4
LENGTH_RATIO = 2.5
LENGTH_MIN_WORDS = 6
COPY_RUN = 8
COPY_SHARE = 0.7
QUOTE_MIN_WORDS = 4
CHOOSE_ALL = "Choose all the right answers"
SHOWN_DEFAULT = ("choice", "multi")


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str  # ERROR or WARNING
    loc: tuple  # field path in the file, e.g. ("questions", 7, "distractors", 1)
    problem: str
    path: str = ""
    line: int | None = None

    def located(self, path: str, lines: dict) -> Finding:
        """The finding with its file and the line of its field (or of the nearest parent)."""
        line = None
        for n in range(len(self.loc), -1, -1):
            if self.loc[:n] in lines:
                line = lines[self.loc[:n]]
                break
        return replace(self, path=path, line=line)

    @property
    def field(self) -> str:
        from lessonkit.build.sources import field_name

        return field_name(self.loc)

    def __str__(self) -> str:
        text = str(SourceError(self.path, self.line, self.field or None, self.problem))
        return f"warning: {text}" if self.severity == WARNING else text


@dataclass
class Context:
    """What the checks of one item need besides the item itself."""

    where: tuple = ("questions", 0)
    paragraphs: list[str] = field(default_factory=list)  # the evidence article; 0 = headline
    lesson_number: int | None = None  # the evidence article's lesson number (cross lessons)
    lessons: dict[int, list[str]] = field(default_factory=dict)  # paragraphs by lesson number
    cross: bool = False  # a lesson on several articles ("lesson K, paragraph N")
    box: str | None = None  # the language-focus box, for its questions
    previous: Any = None  # the item before this one in the same worksheet section
    section: str | None = None  # the worksheet section kind
    instructions: str | None = None  # the worksheet section's instructions
    corpus: list[str] = field(default_factory=list)  # every article paragraph of the project


# --- text helpers ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "’": "'", "‘": "'", "`": "'"})
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_HINT = re.compile(r"\(\s*[A-Z][A-Z' -]*\)")  # word-formation prompts: (DIPLOMAT)
_BLANK = re.compile(r"_{2,}|\.\.\.(?=\s*[\"“]?\w)")
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "no",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "about",
        "into",
        "onto",
        "over",
        "under",
        "off",
        "up",
        "down",
        "out",
        "away",
        "back",
        "through",
        "across",
        "around",
        "along",
        "between",
        "against",
        "without",
        "within",
        "upon",
        "after",
        "before",
        "as",
        "than",
        "and",
        "or",
        "but",
        "nor",
        "not",
        "it",
        "its",
        "they",
        "them",
        "their",
        "he",
        "him",
        "his",
        "she",
        "her",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "has",
        "have",
        "had",
        "there",
        "here",
        "so",
        "if",
        "then",
        "who",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
    ]
)
NUMBER_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "and",
        "a",
    ]
)


def words(text: str) -> list[str]:
    """Lower-case words: curly quotes straightened, Markdown emphasis and punctuation dropped."""
    flat = text.translate(_QUOTES).casefold().replace("*", " ").replace("_", " ")
    flat = re.sub(r"'s\b", " s", flat)  # "Vidov's" -> "vidov s": a quote may stop at "Vidov"
    return [w.strip("'") for w in _WORD.findall(flat) if w.strip("'")]


def _joined(seq: list[str]) -> str:
    return " " + " ".join(seq) + " "


def contains(haystack: str | list[str], needle: str | list[str]) -> bool:
    """Do the words of ``needle`` stand together, in order, among the words of ``haystack``?"""
    hay = haystack if isinstance(haystack, list) else words(haystack)
    need = needle if isinstance(needle, list) else words(needle)
    return bool(need) and _joined(need) in _joined(hay)


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quotations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, words inside) of each quotation in double (or paired single) quotes."""
    flat = text.replace("“", '"').replace("”", '"')
    found = [(m.start(), m.end(), m.group(1)) for m in re.finditer(r'"([^"]+)"', flat)]
    for m in re.finditer(r"(?<![A-Za-z])‘([^‘’]+)’(?![A-Za-z])", flat):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), m.group(1)))
    return sorted(found)


def text_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of learner-facing text, never splitting inside a quotation."""
    masked = list(text)
    for start, end, _ in quotations(text):
        inner_end = end - 1
        while inner_end > start + 1 and text[inner_end - 1] in ".!?":
            inner_end -= 1  # a full stop just inside the closing quote may end the sentence
        for i in range(start + 1, inner_end):
            masked[i] = "x"
    flat = "".join(masked)
    spans, start = [], 0
    for m in re.finditer(r"[.!?][\"”’)]*\s+(?=[\"“(‘*]?[A-Z0-9])", flat):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def in_paragraph(quote: str, paragraph: str) -> bool:
    """Does the quotation stand word for word in the paragraph (parts around "..." each)?"""
    parts = [p for p in re.split(r"\.\.\.|…|\[[^\]]*\]", quote) if words(p)]
    return bool(parts) and all(contains(paragraph, p) for p in parts)


@cache
def lemmas(word: str) -> frozenset[str]:
    """The word and all its lemmas in every part of speech (lemminflect)."""
    from lemminflect import getAllLemmas

    found = {word.lower()}
    for forms in getAllLemmas(word.lower()).values():
        found.update(f.lower() for f in forms)
    return frozenset(found)


def _form_keys(form: str) -> frozenset[str]:
    ws = words(form)
    if len(ws) == 1:
        return lemmas(ws[0])
    return frozenset({" ".join(ws)})


def _same_answer(a: list[str], b: list[str]) -> str | None:
    """A form of ``a`` and a form of ``b`` that are the same word (lemma level), or None."""
    for x in a:
        for y in b:
            if _form_keys(x) & _form_keys(y):
                return x if words(x) == words(y) else f"{x}/{y}"
    return None


def gaps(text: str) -> list[tuple[re.Match, list[str]]]:
    """Each gap of a text with its accepted forms: ``[a|b]`` -> ["a", "b"]."""
    return [
        (m, [f.strip() for f in m.group(1).split("|") if f.strip()]) for m in GAP.finditer(text)
    ]


def filled(text: str) -> str:
    """The text with every gap holding its first accepted form and no (HINT) words."""
    return _HINT.sub(" ", GAP.sub(lambda m: m.group(1).split("|")[0], text))


def blanked(text: str) -> str:
    return GAP.sub(" ___ ", text)


def neighbours(text: str, match: re.Match) -> tuple[str | None, str | None]:
    """The word before and the word after a gap (other gaps filled, hints dropped)."""
    before = words(filled(text[: match.start()]))
    after = words(filled(text[match.end() :]))
    return (before[-1] if before else None), (after[0] if after else None)


def _blank_neighbours(prompt: str) -> tuple[str | None, str | None]:
    m = _BLANK.search(prompt)
    if not m:
        return None, None
    before, after = words(prompt[: m.start()]), words(prompt[m.end() :])
    return (before[-1] if before else None), (after[0] if after else None)


def _phrase(prev: str | None, form: str, nxt: str | None) -> list[str]:
    return ([prev] if prev else []) + words(form) + ([nxt] if nxt else [])


def _accepted(item: Any) -> list[tuple[tuple, list[str], tuple[str | None, str | None]]]:
    """(field, accepted forms, neighbouring words) for each gap or for a short item."""
    if item.type == "gap":
        return [(("text",), forms, neighbours(item.text, m)) for m, forms in gaps(item.text)]
    if item.type == "short":
        return [(("accept",), list(item.accept), _blank_neighbours(item.prompt))]
    return []


def evidence_paragraph(item: Any, ctx: Context) -> str:
    n = item.evidence.paragraph
    return ctx.paragraphs[n] if 0 <= n < len(ctx.paragraphs) else ""


def evidence_sentence(item: Any, ctx: Context) -> tuple[int, ...]:
    """Indexes of the sentences of the evidence paragraph that the quote overlaps."""
    from lessonkit.build import text as _text

    paragraph = evidence_paragraph(item, ctx)
    start = paragraph.find(item.evidence.quote)
    if start < 0:
        return ()
    end = start + len(item.evidence.quote)
    found, pos = [], 0
    for i, sentence in enumerate(_text.sentences(paragraph)):
        s = paragraph.find(sentence, pos)
        if s < 0:
            continue
        e = s + len(sentence)
        pos = e
        if s < end and start < e:
            found.append(i)
    return tuple(found)


def _sentence_text(item: Any, ctx: Context) -> str:
    from lessonkit.build import text as _text

    indexes = evidence_sentence(item, ctx)
    sentences = _text.sentences(evidence_paragraph(item, ctx))
    return " ".join(sentences[i] for i in indexes) or item.evidence.quote


def _also(item: Any) -> list[int]:
    return list(getattr(item.evidence, "also", None) or [])


def _f(check: str, severity: str, ctx: Context, sub: tuple, problem: str) -> Finding:
    return Finding(check, severity, ctx.where + sub, problem)


# --- 1. option lengths ----------------------------------------------------------------------


def key_is_longest(item: Any) -> bool:
    """Is the key of a single-answer choice item strictly longer (in characters) than the rest?"""
    key = [o for o in item.options if o.correct][0]
    return all(len(key.text) > len(o.text) for o in item.options if o is not key)


def check_key_longest(entries: list[tuple[Any, Context]], file_loc: tuple = ()) -> list[Finding]:
    """W: the key is the longest option in more than 40% of a file's choice items."""
    choice = [(item, ctx) for item, ctx in entries if item.type == "choice"]
    longest = [ctx for item, ctx in choice if key_is_longest(item)]
    if not choice or len(longest) / len(choice) <= KEY_LONGEST_SHARE:
        return []
    from lessonkit.build.sources import field_name

    share = len(longest) / len(choice)
    names = ", ".join(field_name(ctx.where) for ctx in longest)
    loc = file_loc or (longest[0].where[:-1] if longest[0].where else ())
    return [
        Finding(
            "option-lengths",
            WARNING,
            loc,
            f"the key is the longest option in {len(longest)} of {len(choice)} single-answer "
            f"choice items ({share:.0%}; keep it to about a third, never above 40%): {names}",
        )
    ]


def check_option_lengths(item: Any, ctx: Context) -> list[Finding]:
    """W: the longest option has more than 2.5 times the words of the shortest (and 6+ words)."""
    if item.type not in ("choice", "multi"):
        return []
    counts = [len(words(o.text)) or 1 for o in item.options]
    longest, shortest = max(counts), min(counts)
    if longest >= LENGTH_MIN_WORDS and longest > LENGTH_RATIO * shortest:
        return [
            _f(
                "option-lengths",
                WARNING,
                ctx,
                ("options",),
                f"the options are of very unequal length (the longest has {longest} words, the "
                f"shortest {shortest}); make them of similar length",
            )
        ]
    return []


# --- 2. answer leak -------------------------------------------------------------------------


def _previous_visible(item: Any) -> str:
    """What a learner sees of an answered item: prompt, solved text, explanation, quote."""
    parts = [item.prompt, item.explanation, item.evidence.quote]
    if getattr(item, "text", None):
        parts.append(filled(item.text))
    if item.type == "short":
        parts.append(item.accept[0])
    return "\n".join(parts)


def _unquoted(text: str) -> str:
    """The text without its quotations."""
    for start, end, _ in reversed(quotations(text)):
        text = text[:start] + " … " + text[end:]
    return text


def check_answer_leak(item: Any, ctx: Context) -> list[Finding]:
    """E: an answer stands elsewhere in its item, or as the same phrase in the box or the
    previous worksheet item."""
    found = []
    # A short item's prompt may quote the direct speech it transforms ("I chose ..."): a
    # verb that may stay unchanged in reported speech is no give-away there.
    prompt = _unquoted(item.prompt) if item.type == "short" else item.prompt
    places: list[tuple[tuple, str]] = [(("prompt",), prompt)]
    if item.type == "gap":
        places.append((("text",), blanked(item.text)))
        places += [(("distractors", i), d) for i, d in enumerate(item.distractors)]
    elif item.type != "short":
        return []
    reported: set[tuple] = set()
    for sub, forms, (prev, nxt) in _accepted(item):
        for form in forms:
            if _letters(form) < 4:
                continue
            for place, text in places:
                if (place, form.lower()) not in reported and contains(text, form):
                    reported.add((place, form.lower()))
                    where = "a distractor" if place[0] == "distractors" else f"the {place[0]}"
                    if place == ("text",):
                        where = "the rest of the text"
                    found.append(
                        _f(
                            "answer-leak",
                            ERROR,
                            ctx,
                            place,
                            f'the answer "{form}" also stands in {where}, so the item gives it '
                            "away",
                        )
                    )
        targets = []
        if ctx.box:
            targets.append(("the language-focus box", ctx.box))
        if ctx.previous is not None:
            targets.append(
                (f"the item before it ({ctx.previous.id})", _previous_visible(ctx.previous))
            )
        if not (prev or nxt):
            continue
        for form in forms:
            phrase = _phrase(prev, form, nxt)
            for name, text in targets:
                if contains(text, phrase):
                    found.append(
                        _f(
                            "answer-leak",
                            ERROR,
                            ctx,
                            sub,
                            f'the answer "{form}" stands in {name} with the same words around '
                            f'it ("{" ".join(phrase)}"), so the item gives it away',
                        )
                    )
                    break
            else:
                continue
            break
    return found


# --- 3. duplicates --------------------------------------------------------------------------


def check_duplicates(entries: list[tuple[Any, Context]]) -> list[Finding]:
    """E: two gap/short items test the same answer in the same sentence; W: the same word."""
    from lessonkit.build.sources import field_name

    found = []
    tested = []  # (item, ctx, forms, sentence key, gap text)
    for item, ctx in entries:
        for _sub, forms, _ in _accepted(item):
            sentence = frozenset(
                (item.evidence.lesson, item.evidence.paragraph, i)
                for i in evidence_sentence(item, ctx)
            )
            text = " ".join(words(blanked(item.text))) if item.type == "gap" else None
            tested.append((item, ctx, forms, sentence, text))
    flagged: set[tuple] = set()
    for j, (item, ctx, forms, sentence, text) in enumerate(tested):
        for other, octx, oforms, osentence, otext in tested[:j]:
            if other is item or (other.id, item.id) in flagged:
                continue
            same = _same_answer(forms, oforms)
            if same is None:
                continue
            flagged.add((other.id, item.id))
            first = field_name(octx.where)
            if (sentence & osentence) or (text and text == otext):
                found.append(
                    _f(
                        "duplicates",
                        ERROR,
                        ctx,
                        (),
                        f'it tests "{same}" in the same sentence as {first}; keep one of them',
                    )
                )
            else:
                found.append(
                    _f(
                        "duplicates",
                        WARNING,
                        ctx,
                        (),
                        f'it tests the same word as {first} ("{same}"); test another word',
                    )
                )
    return found


# --- 4. bank distractors that fit ---------------------------------------------------------

OBJECT_PRONOUNS = frozenset({"me", "you", "him", "her", "us", "them", "someone", "somebody"})
SUBJECT_WORDS = frozenset({"i", "you", "he", "she", "we", "they", "it", "there"})
PEOPLE = frozenset(
    [
        "reporters",
        "journalists",
        "people",
        "press",
        "media",
        "president",
        "leader",
        "leaders",
        "audience",
        "public",
        "students",
        "friends",
        "officials",
        "crowd",
        "listeners",
        "viewers",
        "interviewer",
        "minister",
        "lawmakers",
        "congress",
        "colleagues",
    ]
)
WH_WORDS = frozenset({"what", "why", "how", "when", "where", "who", "which"})
# What may follow each reporting verb straight after it (adverbs in -ly are skipped first).
# Kinds: "that", "quote" (a quotation mark), "comma" (, or :), "person" (an object pronoun,
# a name, or a word for people), "clause" (a subject pronoun: "said he would"), "wh" (a
# question word), or a literal word. A noun-phrase object ("stressed the need", "called the
# meeting ...") is left out on purpose: without a tagger "praised the meeting 'constructive'"
# cannot be told from "praised the meeting", and the check favours precision.
COMPLEMENTS: dict[str, frozenset[str]] = {
    "say": frozenset({"that", "to", "quote", "comma", "clause", "so"}),
    "tell": frozenset({"person"}),
    "speak": frozenset({"to", "about", "with", "of", "on", "for", "out", "up"}),
    "talk": frozenset({"to", "about", "with", "of", "over"}),
    "ask": frozenset({"person", "about", "for", "whether", "if", "wh", "quote", "comma", "to"}),
    "stress": frozenset({"that", "to", "quote"}),
    "explain": frozenset({"that", "to", "quote", "comma", "wh"}),
    "mention": frozenset({"that", "to", "quote"}),
    "add": frozenset({"that", "to", "quote", "comma"}),
    "note": frozenset({"that", "quote", "comma"}),
    "insist": frozenset({"that", "on", "quote", "comma"}),
    "announce": frozenset({"that", "to", "quote"}),
    "confirm": frozenset({"that", "to", "quote"}),
    "admit": frozenset({"that", "to", "quote"}),
    "claim": frozenset({"that", "to", "quote"}),
    "suggest": frozenset({"that", "to", "quote"}),
    "argue": frozenset({"that", "for", "against", "with", "about", "quote", "comma"}),
    "reply": frozenset({"that", "to", "quote", "comma"}),
    "answer": frozenset({"that", "quote", "comma", "person"}),
    "warn": frozenset({"that", "of", "about", "against", "person", "quote", "comma"}),
    "urge": frozenset({"person", "that", "quote"}),
    "promise": frozenset({"that", "to", "person", "quote"}),
    "vow": frozenset({"that", "to", "quote"}),
    "agree": frozenset({"that", "to", "with", "on", "quote"}),
    "declare": frozenset({"that", "quote", "comma"}),
    "report": frozenset({"that", "to", "on", "quote"}),
    "comment": frozenset({"that", "on", "about", "quote"}),
    "deny": frozenset({"that", "quote"}),
    "describe": frozenset({"person"}),
    "praise": frozenset({"person"}),
    "call": frozenset({"person", "for", "on"}),
    "label": frozenset({"person"}),
    "repeat": frozenset({"that", "quote", "comma"}),
    "complain": frozenset({"that", "about", "to", "of", "quote"}),
    "whisper": frozenset({"that", "to", "quote", "comma"}),
    "shout": frozenset({"that", "to", "at", "quote", "comma"}),
}


def _verb_reading(word: str) -> tuple[set[str], set[str]]:
    """(verb lemmas, Penn tags) of a verb form, by lemminflect; empty when it is no verb."""
    from lemminflect import getAllInflections, getAllLemmas

    verbs = set(getAllLemmas(word.lower(), upos="VERB").get("VERB", ()))
    tags = set()
    for lemma in verbs:
        for tag, forms in getAllInflections(lemma, upos="VERB").items():
            if word.lower() in forms:
                tags.add(tag)
    return verbs, tags


HAVE_FORMS = frozenset({"have", "has", "had", "having", "'ve", "'d"})
BE_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re"})
MODAL_FORMS = frozenset({"to", "will", "would", "can", "could", "may", "might", "must", "shall"})
MODAL_FORMS |= frozenset({"should", "do", "does", "did"})


def _tags_after(prev: str | None, answer_tags: set[str]) -> set[str]:
    """The verb forms that fit after the word before the gap ("had spoke" does not fit)."""
    if prev in HAVE_FORMS:
        return answer_tags & {"VBN"}
    if prev in BE_FORMS:
        return answer_tags & {"VBN", "VBG"}
    if prev in MODAL_FORMS:
        return answer_tags & {"VB"}
    return answer_tags


def _complement_kinds(after: str) -> set[str]:
    """The kinds of complement that the text right after a gap starts with."""
    flat = after.translate(_QUOTES).lstrip()
    kinds = set()
    if flat[:1] in ('"', "'"):
        return {"quote"}
    if flat[:1] in (",", ":"):
        return {"comma"}
    raw = re.findall(r"[A-Za-z][A-Za-z'-]*", flat)
    while raw and raw[0].lower().endswith("ly") and raw[0].lower() not in {"only", "early"}:
        raw = raw[1:]
    if not raw:
        return kinds
    first = raw[0]
    low = first.lower()
    kinds.add(low)
    if (
        low in OBJECT_PRONOUNS
        or low in PEOPLE
        or (first[0].isupper() and low not in FUNCTION_WORDS)
    ):
        kinds.add("person")
    owners = {"the", "his", "her", "their", "our", "its", "my", "your"}
    if low in owners and len(raw) > 1 and raw[1].lower() in PEOPLE:
        kinds.add("person")
    if low in SUBJECT_WORDS:
        kinds.add("clause")
    if low in WH_WORDS:
        kinds.add("wh")
    return kinds


def _reporting_verbs() -> frozenset[str]:
    from lessonkit.build.reporting import REPORTING_VERBS

    return REPORTING_VERBS | frozenset(COMPLEMENTS)


def check_distractors(item: Any, ctx: Context) -> list[Finding]:
    """E: a bank distractor fits the gap (article wording, reporting-verb pattern, collocation)."""
    if item.type != "gap" or not item.bank or not item.distractors:
        return []
    found = []
    paragraph = evidence_paragraph(item, ctx)
    corpus = [words(p) for p in ctx.corpus]
    for i, distractor in enumerate(item.distractors):
        why = None
        for m, forms in gaps(item.text):
            prev, nxt = neighbours(item.text, m)
            phrase = _phrase(prev, distractor, nxt)
            if prev and nxt and contains(paragraph, phrase):  # (a)
                why = (
                    f'the article says "{" ".join(phrase)}" in paragraph {item.evidence.paragraph}'
                )
                break
            dwords = words(distractor)
            if len(dwords) == 1 and len(forms) and len(words(forms[0])) == 1:  # (b)
                d_lemmas, d_tags = _verb_reading(dwords[0])
                a_lemmas, a_tags = _verb_reading(words(forms[0])[0])
                verbs = _reporting_verbs()
                if a_lemmas & verbs and d_tags & _tags_after(prev, a_tags):
                    after = _HINT.sub(" ", filled(item.text[m.end() :]))
                    kinds = _complement_kinds(after)
                    for lemma in sorted(d_lemmas & set(COMPLEMENTS)):
                        fits = COMPLEMENTS[lemma] & kinds
                        if lemma == "ask" and words(after)[1:2] == ["that"]:
                            fits = fits - {"person"}  # "asked journalists that ..." is wrong
                        if fits:
                            nxt_words = " ".join(words(after)[:2])
                            why = (
                                f'"{distractor} {nxt_words}" is also right English ({lemma} '
                                f"takes {_kind_name(sorted(fits)[0])})"
                            )
                            break
                if why:
                    break
            why = why or _article_collocation(item.text, m, prev, nxt, dwords, corpus)  # (c)
            if why:
                break
        if why:
            found.append(
                _f(
                    "distractor-fits",
                    ERROR,
                    ctx,
                    ("distractors", i),
                    f'"{distractor}" also fits the gap: {why}',
                )
            )
    return found


def _article_collocation(
    text: str,
    match: re.Match,
    prev: str | None,
    nxt: str | None,
    dwords: list[str],
    corpus: list[list[str]],
) -> str | None:
    """(c): the distractor with the gap's neighbours as the articles use them, or None.

    Both neighbours: the three words anywhere in the articles. One content neighbour (not a
    function word, not a name): the two words, but not for a reporting verb, which often
    stands next to a name by inversion ('"...," said Blinken').
    """
    if prev and nxt and any(contains(p, [prev, *dwords, nxt]) for p in corpus):
        return f'the articles say "{" ".join([prev, *dwords, nxt])}"'
    if len(dwords) == 1 and _verb_reading(dwords[0])[0] & _reporting_verbs():
        return None
    before = re.findall(r"[A-Za-z][\w'-]*", filled(text[: match.start()]))
    after = re.findall(r"[A-Za-z][\w'-]*", _HINT.sub(" ", filled(text[match.end() :])))
    raw = {prev: before[-1] if before else "", nxt: after[0] if after else ""}
    for neighbour, pair in ((prev, [prev, *dwords]), (nxt, [*dwords, nxt])):
        if (
            neighbour
            and neighbour not in FUNCTION_WORDS
            and not raw.get(neighbour, "")[:1].isupper()
            and any(contains(p, pair) for p in corpus)
        ):
            return f'the articles say "{" ".join(pair)}"'
    return None


def _kind_name(kind: str) -> str:
    return {
        "quote": "a quotation",
        "comma": "a quotation after a comma",
        "person": "a person",
        "clause": "a clause",
        "wh": "a question word",
        "that": '"that"',
    }.get(kind, f'"{kind}"')


# --- 5. explanation repeats the evidence quote ---------------------------------------------


def check_explanation_quote(item: Any, ctx: Context) -> list[Finding]:
    """E: the explanation repeats the evidence quote, or 8+ consecutive words of it."""
    quote, explanation = words(item.evidence.quote), words(item.explanation)
    if len(quote) >= 3 and contains(explanation, quote):
        problem = "repeats the evidence quote, which the view prints under it"
    else:
        run = _shared_run(quote, explanation, COPY_RUN)
        if not run:
            return []
        problem = (
            f'repeats {len(run)} words of the evidence quote ("{_short(" ".join(run))}"), '
            "which the view prints under it"
        )
    return [
        _f(
            "explanation-quote",
            ERROR,
            ctx,
            ("explanation",),
            f"{problem}; explain the reasoning in plain words instead",
        )
    ]


def _shared_run(a: list[str], b: list[str], n: int) -> list[str]:
    """The longest run of ``n`` or more consecutive words of ``a`` that stands in ``b``."""
    grams = {tuple(b[i : i + n]) for i in range(len(b) - n + 1)}
    best: list[str] = []
    i = 0
    while i <= len(a) - n:
        if tuple(a[i : i + n]) in grams:
            j = i + n
            while j < len(a) and contains(b, a[i : j + 1]):
                j += 1
            if j - i > len(best):
                best = a[i:j]
            i = j
        else:
            i += 1
    return best


# --- 6. paragraph citations -------------------------------------------------------------------

_CITE = re.compile(
    r"\b(?:lesson\s+(\d+)\s*,?\s*)?paragraphs?\s+(\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*)",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\((\d+(?:\s*(?:,|and)\s*\d+)*)\)")


def citations(text: str) -> list[tuple[int, int | None, list[int]]]:
    """(position, lesson number or None, paragraph numbers) of each citation in a text."""
    found = []
    for m in _CITE.finditer(text):
        lesson = int(m.group(1)) if m.group(1) else None
        found.append((m.start(), lesson, [int(n) for n in re.findall(r"\d+", m.group(2))]))
    first = re.search(r"paragraph", text, re.IGNORECASE)
    if first:
        for m in _PAREN.finditer(text, first.start()):
            found.append((m.start(), None, [int(n) for n in re.findall(r"\d+", m.group(1))]))
    return sorted(found, key=lambda c: c[0])


def _cited_fields(item: Any) -> list[tuple[tuple, str, bool]]:
    """(field, text, is it explanation or feedback) of the texts that may cite paragraphs."""
    fields = [(("prompt",), item.prompt, False), (("explanation",), item.explanation, True)]
    for i, option in enumerate(getattr(item, "options", None) or []):
        if option.feedback:
            fields.append((("options", i, "feedback"), option.feedback, True))
    return fields


def check_citations(item: Any, ctx: Context) -> list[Finding]:
    """E: a cited paragraph is not the evidence (or also); E: a quotation is not in the
    paragraph its sentence cites; W: a quotation stands nowhere in the article."""
    found = []
    allowed = {item.evidence.paragraph, *_also(item)}
    for sub, text, explains in _cited_fields(item):
        cites = citations(text)
        bad = []
        for _pos, lesson, numbers in cites:
            if lesson is not None and lesson != ctx.lesson_number:
                continue
            bad += [n for n in numbers if n not in allowed and n not in bad]
        if bad:
            listed = ", ".join(str(n) for n in sorted(allowed))
            found.append(
                _f(
                    "paragraph-citations",
                    ERROR,
                    ctx,
                    sub,
                    f"cites paragraph {', '.join(str(n) for n in bad)}, which is neither the "
                    f"evidence paragraph nor in evidence.also (allowed: {listed})",
                )
            )
        for start, end in text_sentences(text):
            sentence_cites = [c for c in cites if start <= c[0] < end]
            for qs, _qe, quote in quotations(text):
                if not (start <= qs < end) or len(words(quote)) < QUOTE_MIN_WORDS:
                    continue
                if sentence_cites:
                    places = []
                    for _pos, lesson, numbers in sentence_cites:
                        article = (
                            ctx.lessons.get(lesson, [])
                            if lesson is not None and lesson != ctx.lesson_number
                            else ctx.paragraphs
                        )
                        places += [article[n] for n in numbers if 0 <= n < len(article)]
                    if not any(in_paragraph(quote, p) for p in places):
                        numbers = sorted({n for c in sentence_cites for n in c[2]})
                        found.append(
                            _f(
                                "paragraph-citations",
                                ERROR,
                                ctx,
                                sub,
                                f'quotes "{_short(quote)}" as paragraph '
                                f"{', '.join(str(n) for n in numbers)}, but it is not word for "
                                "word there",
                            )
                        )
                elif explains:
                    everywhere = ctx.paragraphs + [p for ps in ctx.lessons.values() for p in ps]
                    if not any(in_paragraph(quote, p) for p in everywhere):
                        found.append(
                            _f(
                                "paragraph-citations",
                                WARNING,
                                ctx,
                                sub,
                                f'quotes "{_short(quote)}", which stands nowhere in the article',
                            )
                        )
    return found


# --- 7. word count --------------------------------------------------------------------------

_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_SAYS_COUNT = re.compile(
    r"\b(?:(one) or (two|three) words|(one|two|three|four|five) words?|(a number))\b",
    re.IGNORECASE,
)


def _wanted_shape(text: str) -> tuple[str, set[int] | None] | None:
    """("words", allowed counts) or ("number", None), from what a prompt says, or None."""
    m = _SAYS_COUNT.search(text)
    if not m:
        return None
    if m.group(4):
        return "a number", None
    if m.group(1):
        return f"{m.group(1)} or {m.group(2)} words", set(range(1, _COUNTS[m.group(2).lower()] + 1))
    word = m.group(3).lower()
    return f"{word} word{'s' if word != 'one' else ''}", {_COUNTS[word]}


def _is_number(form: str) -> bool:
    flat = form.replace(",", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", flat):
        return True
    ws = re.split(r"[\s-]+", flat.lower())
    return bool(ws) and all(w in NUMBER_WORDS for w in ws) and ws != ["a"]


def check_word_count(item: Any, ctx: Context) -> list[Finding]:
    """E: the prompt asks for one word / two words / a number and an accepted answer is not."""
    if item.type not in ("gap", "short"):
        return []
    shape = _wanted_shape(item.prompt)
    where = "the prompt"
    if shape is None and ctx.instructions:
        shape = _wanted_shape(ctx.instructions)
        where = "the section instructions"
    if shape is None:
        return []
    name, counts = shape
    found = []
    for sub, forms, _ in _accepted(item):
        for k, form in enumerate(forms):
            n = len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", form))
            wrong = (not _is_number(form)) if counts is None else n not in counts
            if wrong:
                place = sub + (k,) if sub == ("accept",) else sub
                found.append(
                    _f(
                        "word-count",
                        ERROR,
                        ctx,
                        place,
                        f'{where} asks for {name}, but the accepted answer "{form}" is '
                        f"{'not a number' if counts is None else f'{n} words'}",
                    )
                )
    return found


# --- 8. option feedback never shown --------------------------------------------------------


def shown_feedback_types() -> tuple[str, ...]:
    """The item types whose view shows option feedback (``_quiz.SHOWS_OPTION_FEEDBACK``)."""
    try:
        from lessonkit.learner.quiz import SHOWS_OPTION_FEEDBACK
    except ImportError:
        return SHOWN_DEFAULT
    return tuple(SHOWS_OPTION_FEEDBACK)


def check_option_feedback(item: Any, ctx: Context) -> list[Finding]:
    """E: feedback on options of an item type whose view never shows it."""
    options = getattr(item, "options", None) or []
    if item.type in shown_feedback_types():
        return []
    return [
        _f(
            "option-feedback",
            ERROR,
            ctx,
            ("options", i, "feedback"),
            f"is never shown: the view of {item.type} items does not show option feedback",
        )
        for i, option in enumerate(options)
        if option.feedback
    ]


# --- 9. worksheet copies the article -------------------------------------------------------


def dice(a: list[str], b: list[str]) -> float:
    """Dice coefficient of two word lists, counting repeated words (0 = nothing shared)."""
    if not a or not b:
        return 0.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def check_worksheet_copy(item: Any, ctx: Context) -> list[Finding]:
    """E: a gap-fill or word-formation text copies the article (8-word run, or 70% the same)."""
    if ctx.section not in ("gap-fill", "word-formation") or not getattr(item, "text", None):
        return []
    mine = words(filled(item.text))
    for paragraph in ctx.paragraphs:
        run = _shared_run(mine, words(paragraph), COPY_RUN)
        if run:
            return [
                _f(
                    "worksheet-copy",
                    ERROR,
                    ctx,
                    ("text",),
                    f"shares {len(run)} words in a row with the article "
                    f'("{_short(" ".join(run))}"); write a new sentence that uses the word in '
                    "another context",
                )
            ]
    share = dice(mine, words(_sentence_text(item, ctx)))
    if share >= COPY_SHARE:
        return [
            _f(
                "worksheet-copy",
                ERROR,
                ctx,
                ("text",),
                f"is {share:.0%} the same words as its evidence sentence in paragraph "
                f"{item.evidence.paragraph}; write a new sentence that uses the word in another "
                "context",
            )
        ]
    return []


# --- 10. "Choose all" ------------------------------------------------------------------------


def check_choose_all(item: Any, ctx: Context) -> list[Finding]:
    """W: a multi item's prompt does not tell learners to choose all the right answers."""
    if item.type == "multi" and CHOOSE_ALL.lower() not in item.prompt.lower():
        return [
            _f(
                "choose-all",
                WARNING,
                ctx,
                ("prompt",),
                f'does not say "{CHOOSE_ALL}", so learners may pick only one',
            )
        ]
    return []


ITEM_CHECKS = (
    check_option_lengths,
    check_answer_leak,
    check_distractors,
    check_explanation_quote,
    check_citations,
    check_word_count,
    check_option_feedback,
    check_worksheet_copy,
    check_choose_all,
)


def check_entries(entries: list[tuple[Any, Context]], file_loc: tuple = ()) -> list[Finding]:
    """Every item check on every item, then the file checks, in the order of the file."""
    # Unfinished drafts ('draft: true', from 'lessonkit new') are listed by the drafts check.
    entries = [(item, ctx) for item, ctx in entries if not getattr(item, "draft", None)]
    found = []
    for item, ctx in entries:
        for check in ITEM_CHECKS:
            found += check(item, ctx)
    found += check_duplicates(entries)
    found += check_key_longest(entries, file_loc)
    return found


# --- running over a project -----------------------------------------------------------------


def _number(slug: str) -> int | None:
    m = re.match(r"(\d+)-", slug)
    return int(m.group(1)) if m else None


@dataclass
class LessonFileItems:
    """The items of one lesson file, each with its context, ready for ``check_entries``."""

    path: Path
    entries: list[tuple[Any, Context]]
    file_loc: tuple = ("questions",)


def _context(slug: str, articles: dict, where: tuple, item: Any, **extra: Any) -> Context:
    ev_slug = getattr(getattr(item, "evidence", None), "lesson", None) or slug
    return Context(
        where=where,
        paragraphs=articles.get(ev_slug, []),
        lesson_number=_number(ev_slug),
        lessons={_number(s): ps for s, ps in articles.items()},
        corpus=[p for ps in articles.values() for p in ps],
        **extra,
    )


def _article_files(slug: str, lesson: Any, articles: dict) -> LessonFileItems:
    folder = Path("lessons") / slug
    entries = [
        (item, _context(slug, articles, ("questions", i), item))
        for i, item in enumerate(lesson.questions)
    ]
    focus = lesson.language_focus
    if focus:
        entries += [
            (
                item,
                _context(slug, articles, ("language_focus", "questions", i), item, box=focus.text),
            )
            for i, item in enumerate(focus.questions)
        ]
    return LessonFileItems(folder / "lesson.yml", entries)


def _worksheet_files(slug: str, sheet: Any, articles: dict) -> LessonFileItems:
    entries = []
    for i, section in enumerate(sheet.sections):
        for j, item in enumerate(section.items):
            ctx = _context(
                slug,
                articles,
                ("sections", i, "items", j),
                item,
                previous=section.items[j - 1] if j else None,
                section=section.kind,
                instructions=section.instructions,
            )
            entries.append((item, ctx))
    return LessonFileItems(Path("lessons") / slug / "worksheet.yml", entries, ("sections",))


def _cross_files(slug: str, cross: Any, articles: dict) -> LessonFileItems:
    entries = [
        (item, _context(slug, articles, ("questions", i), item, cross=True))
        for i, item in enumerate(cross.questions)
    ]
    return LessonFileItems(Path("lessons") / slug / "lesson.yml", entries)


def project_files(project: Any) -> list[LessonFileItems]:
    """The lesson files of a loaded project: article lessons (lesson.yml with its language
    focus, worksheet.yml, adapted.yml) and lessons on several articles (lesson.yml)."""
    from lessonkit.build.sources import numbered

    articles = {s.entry.slug: numbered(s.article) for s in project.lessons if s.article}
    files = []
    for source in project.lessons:
        slug = source.entry.slug
        if source.lesson is not None:
            files.append(_article_files(slug, source.lesson, articles))
        if source.worksheet is not None:
            files.append(_worksheet_files(slug, source.worksheet, articles))
        if source.cross is not None:
            files.append(_cross_files(slug, source.cross, articles))
        if source.adapted is not None:
            # The easier version's questions: their evidence is in the adapted text.
            easier = {slug: numbered(source.adapted_article)}
            entries = [
                (item, _context(slug, easier, ("questions", i), item))
                for i, item in enumerate(source.adapted.questions)
            ]
            files.append(LessonFileItems(Path("lessons") / slug / "adapted.yml", entries))
    return files


def lenient_files(root: Path | str = ".") -> list[LessonFileItems]:
    """The lesson files read without whole-file validation: only each question is validated
    (and skipped when it is not valid). For running the checks while the other parts of the
    lesson files, or the glossaries, are being changed; ``lessonkit check`` uses
    ``project_files`` on the validated project."""
    from types import SimpleNamespace

    from pydantic import TypeAdapter, ValidationError

    from lessonkit.build.schema import Item
    from lessonkit.build.sources import load_article, load_manifest, numbered, parse_yaml, read_text

    root = Path(root)
    adapter = TypeAdapter(Item)

    def items(raw: Any) -> list:
        good = []
        for data in raw or []:
            try:
                good.append(adapter.validate_python(data))
            except ValidationError:
                good.append(None)
        return good

    def keep(pairs: list) -> list:
        return [pair for pair in pairs if pair[0] is not None]

    manifest = load_manifest(root)
    articles = {}
    for entry in manifest.lessons:
        path = Path("lessons") / entry.slug / "article.md"
        if entry.kind == "article" and (root / path).exists():
            articles[entry.slug] = numbered(load_article(root / path, str(path)))
    files = []
    for entry in manifest.lessons:
        folder = Path("lessons") / entry.slug
        for name in ("lesson.yml", "worksheet.yml"):
            path = folder / name
            if not (root / path).exists():
                continue
            try:
                data, _ = parse_yaml(read_text(root / path, shown=str(path)), str(path))
            except SourceError:  # being edited: its questions are checked next time
                continue
            data = data if isinstance(data, dict) else {}
            if name == "worksheet.yml":
                sections = [
                    SimpleNamespace(
                        kind=s.get("kind"),
                        instructions=s.get("instructions", ""),
                        items=items(s.get("items")),
                    )
                    for s in data.get("sections") or []
                ]
                lf = _worksheet_files(entry.slug, SimpleNamespace(sections=sections), articles)
            elif entry.kind == "article":
                focus = data.get("language_focus")
                lesson = SimpleNamespace(
                    questions=items(data.get("questions")),
                    language_focus=SimpleNamespace(
                        text=focus.get("text", ""), questions=items(focus.get("questions"))
                    )
                    if focus
                    else None,
                )
                lf = _article_files(entry.slug, lesson, articles)
            elif entry.kind in ("compare", "reporting"):
                cross = SimpleNamespace(questions=items(data.get("questions")))
                lf = _cross_files(entry.slug, cross, articles)
            else:
                continue
            lf.entries = keep(lf.entries)
            files.append(lf)
    return files


def file_findings(root: Path | str, files: list[LessonFileItems]) -> list[Finding]:
    """Every finding of the files, with the file and line of each."""
    from lessonkit.build.sources import parse_yaml, read_text

    root = Path(root)
    found: list[Finding] = []
    for lf in files:
        shown = str(lf.path)
        _, lines = parse_yaml(read_text(root / lf.path, shown=shown), shown)
        found += [f.located(shown, lines) for f in check_entries(lf.entries, lf.file_loc)]
    return found


def project_findings(project: Any) -> list[Finding]:
    """Every finding of every lesson file of a loaded (validated) project."""
    return file_findings(project.root, project_files(project))


def run_checks(root: Path | str = ".", *, lenient: bool = False) -> list[Finding]:
    """Load and validate the project under ``root`` (or, ``lenient``, only its questions),
    then run every item-writing check."""
    from lessonkit.build.sources import load_project

    if lenient:
        return file_findings(root, lenient_files(root))
    return project_findings(load_project(Path(root)))


__all__ = ["Context", "Finding", "project_findings", "run_checks"]
