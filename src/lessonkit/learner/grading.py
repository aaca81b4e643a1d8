"""Grade a learner's answer to one comprehension item, in the learner's kernel.

Map:

- ``Result``: what grading returns (status, score, one line of feedback, per-part marks).
- ``normalise``: the canonical form two typed answers are compared in.
- ``is_one_typo``: True when two typed answers are one edit apart (a spelling slip).
- ``match_text``: compare one typed answer with the accepted ones.
- ``grade``: grade any item; dispatches on ``item["type"]`` to ``_grade_<type>``.
- ``feedback_for_option``: the author's feedback for one option of a choice or multi item.

Only the standard library is used: this module is imported in every learner's kernel, which
must stay light. Accepted answers are expanded with inflected forms at build time
(``_inflect.py``), so nothing here needs a dictionary of English.

``grade`` never raises for anything a learner can send (wrong types, huge strings, control
characters, lone surrogates, emoji, markup); such answers give the status "empty" or
"invalid" with a friendly message. Items themselves are trusted: they are validated when a
lesson is built, and only an unknown item type raises (``ValueError``).

Every message starts with a symbol and a word, so it never depends on colour alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from numbers import Integral

__all__ = [
    "MAX_ANSWER_CHARS",
    "Result",
    "STATUSES",
    "feedback_for_option",
    "grade",
    "is_one_typo",
    "match_text",
    "normalise",
]

# No accepted answer is anywhere near this long. Refusing longer text before normalising
# keeps grading fast when a learner pastes a whole article into a box.
MAX_ANSWER_CHARS = 500

# A typo in a word shorter than this usually makes a different word ("war" / "was"),
# so short answers must be exact.
_MIN_TYPO_LENGTH = 4

# Every status a Result can have; "almost" and "partial" are never counted correct.
STATUSES = ("correct", "almost", "partial", "wrong", "empty", "invalid")

MSG_CORRECT = "✔ Correct."
MSG_WRONG = "✘ Not quite. Try again."
MSG_ALMOST = "≈ Almost: check the spelling."
MSG_CHOOSE = "○ Please choose an answer first."
MSG_WRITE = "○ Please write an answer first."
MSG_TOO_LONG = "⚠ Sorry, your answer is too long. Please write a short answer."
MSG_CANNOT_CHECK = "⚠ Sorry, I cannot check this answer. Please answer again."
MSG_TFNG = "⚠ Please answer True, False or Not Given."


@dataclass(frozen=True)
class Result:
    """The outcome of grading one answer.

    ``status`` is one of "correct", "almost", "partial", "wrong", "empty", "invalid";
    ``score`` is between 0.0 and 1.0; ``message`` is one line for the learner; ``parts``
    marks each blank / pair / position / option (True = right) where the item has parts.
    """

    status: str
    score: float
    message: str
    parts: tuple[bool, ...] = ()

    @property
    def correct(self) -> bool:
        """True only for a fully right answer ("almost" is not correct)."""
        return self.status == "correct"


# --- normalising typed text -------------------------------------------------------------

# Keyboards, phones and copy-paste from the article produce different quote and dash
# characters for what a learner means as the same answer.
_QUOTES = str.maketrans(
    {
        "\u2019": "'",  # ’ right single quote (the usual "smart" apostrophe)
        "\u2018": "'",  # ‘
        "\u201b": "'",  # ‛
        "\u02bc": "'",  # ʼ modifier letter apostrophe
        "\u00b4": "'",  # ´ acute accent (NFKC would turn it into space + combining mark)
        "`": "'",
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2010": "-",  # ‐ hyphen
        "\u2011": "-",  # ‑ non-breaking hyphen
        "\u2012": "-",  # ‒ figure dash
        "\u2013": "-",  # – en dash
        "\u2014": "-",  # — em dash
        "\u2015": "-",  # ― horizontal bar
        "\u2212": "-",  # − minus sign
    }
)
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_END_PUNCTUATION = ".,;:!?\"'()[]{}"


def _is_invisible(char: str) -> bool:
    # Zero-width spaces, joiners, soft hyphens, direction marks (category Cf) and control
    # characters (Cc) come in with copy-paste and cannot be seen, so a learner cannot fix
    # them. Whitespace controls (tab, newline) are kept here and collapsed to a space later.
    category = unicodedata.category(char)
    return category == "Cf" or (category == "Cc" and not char.isspace())


def _normalise_once(text: str) -> str:
    text = "".join(char for char in text if not _is_invisible(char))
    text = text.translate(_QUOTES)
    text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    # NFKC and casefold can bring in new quote or dash characters (e.g. full-width ones).
    text = text.translate(_QUOTES)
    text = _SPACED_HYPHEN.sub("-", text)
    text = " ".join(text.split())
    # Strip whitespace and punctuation together, so ' "Putin." ' loses all of it.
    return text.strip(_END_PUNCTUATION + " ")


def normalise(text: str) -> str:
    """Return the form in which typed answers are compared.

    Unicode NFKC (full-width letters become normal ones); casefold; curly quotes and
    apostrophes become straight ones; all hyphens and dashes become "-" with no spaces
    around them; invisible characters are removed; spaces inside are collapsed to one;
    spaces and the punctuation ``.,;:!?"'`` and brackets are stripped from both ends.
    ``normalise(normalise(x)) == normalise(x)``.
    """
    if not isinstance(text, str):
        raise TypeError(f"normalise() needs a str, not {type(text).__name__}")
    # One pass is almost always enough; repeat until stable so that the function is
    # idempotent even when one step (e.g. casefold) exposes work for an earlier one.
    for _ in range(4):
        result = _normalise_once(text)
        if result == text:
            break
        text = result
    return text


# --- typos ------------------------------------------------------------------------------


def _one_edit_apart(a: str, b: str) -> bool:
    # Hand-written on purpose: difflib in the standard library gives a similarity ratio,
    # not an edit count, and an edit-distance package would be one more dependency in
    # every learner's kernel. Deciding "distance exactly 1" needs no full distance table:
    # one linear scan over the two strings is enough.
    if a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True  # substitution
        if len(diffs) == 2:
            i, j = diffs
            # transposition of two neighbouring characters
            return j == i + 1 and a[i] == b[j] and a[j] == b[i]
        return False
    if abs(len(a) - len(b)) != 1:
        return False
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    # insertion / deletion: skip the first differing character of the longer string
    for i, char in enumerate(shorter):
        if char != longer[i]:
            return shorter[i:] == longer[i + 1 :]
    return True  # the extra character is at the end


def _is_one_typo_normalised(a: str, b: str) -> bool:
    if min(len(a), len(b)) < _MIN_TYPO_LENGTH:
        return False
    # A changed digit is another number, not a spelling slip ("June 15" for "June 16").
    if re.findall(r"\d", a) != re.findall(r"\d", b):
        return False
    return _one_edit_apart(a, b)


def is_one_typo(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one edit after ``normalise``.

    An edit is inserting, deleting or substituting one character, or swapping two
    neighbouring ones (optimal string alignment distance 1). Both answers must have at
    least 4 characters: in a shorter word one changed letter usually makes another word.
    """
    return _is_one_typo_normalised(normalise(a), normalise(b))


def _match_normalised(answer: str, accepted: Iterable[str], *, typos: bool) -> str:
    if not answer:
        return "empty"
    targets = {normalise(text) for text in accepted if isinstance(text, str)}
    targets.discard("")  # an empty accepted answer must never match anything
    if answer in targets:
        return "correct"
    if typos and any(_is_one_typo_normalised(answer, target) for target in targets):
        return "almost"
    return "wrong"


def match_text(answer: str, accepted: Iterable[str]) -> str:
    """Compare a typed answer with the accepted answers.

    Returns "correct" (equal to one after ``normalise``), "almost" (one typo away from
    one), "wrong", or "empty" (nothing left after ``normalise``).
    """
    if not isinstance(answer, str):
        raise TypeError(f"match_text() needs a str answer, not {type(answer).__name__}")
    return _match_normalised(normalise(answer), accepted, typos=True)


# --- helpers for grade ------------------------------------------------------------------


class _BadAnswer(Exception):
    """Raised inside this module when an answer has a shape we cannot grade.

    Helpers deep in a grader raise it so that each grader can stay a straight line;
    ``grade`` turns it into an "invalid" Result, so it never reaches the learner.
    """

    def __init__(self, message: str = MSG_CANNOT_CHECK) -> None:
        super().__init__(message)
        self.message = message


def _typed(value: object) -> str:
    """Return normalised text from a typed value; "" when there is none."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _BadAnswer()
    if len(value) > MAX_ANSWER_CHARS:
        raise _BadAnswer(MSG_TOO_LONG)
    return normalise(value)


def _index(value: object, size: int) -> int:
    # bool is an Integral too, but True is not an option number.
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise _BadAnswer()
    index = int(value)
    if not 0 <= index < size:  # negative indexes would silently count from the end
        raise _BadAnswer()
    return index


def _sequence(value: object) -> list[object]:
    if not isinstance(value, (list, tuple)):
        raise _BadAnswer()
    return list(value)


def _empty(message: str = MSG_CHOOSE) -> Result:
    return Result("empty", 0.0, message)


def _share(parts: Iterable[bool], *, message_extra: str = "") -> Result:
    """Result for an answer made of parts, scored as the share of right parts."""
    marks = tuple(parts)
    right = sum(marks)
    if marks and right == len(marks):
        return Result("correct", 1.0, MSG_CORRECT, marks)
    if right == 0:
        return Result("wrong", 0.0, MSG_WRONG + message_extra, marks)
    message = f"◐ Partly right: {right} of {len(marks)}.{message_extra}"
    return Result("partial", right / len(marks), message, marks)


def _blank_list(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    if len(words) == 1:
        return f"blank {words[0]}"
    return "blanks " + ", ".join(words[:-1]) + " and " + words[-1]


# --- one grader per item type -----------------------------------------------------------


def _options(item: Mapping) -> list[Mapping]:
    return list(item["options"])


def _option_marks(options: list[Mapping], picked: set[int]) -> tuple[bool, ...]:
    # True where the learner's decision on that option is right: picked and correct,
    # or left alone and not correct.
    return tuple((i in picked) == bool(option["correct"]) for i, option in enumerate(options))


def _grade_choice(item: Mapping, answer: object) -> Result:
    """One option is correct; the answer is its index in the original order."""
    if answer is None:
        return _empty()
    options = _options(item)
    index = _index(answer, len(options))
    marks = _option_marks(options, {index})
    if options[index]["correct"]:
        return Result("correct", 1.0, MSG_CORRECT, marks)
    return Result("wrong", 0.0, MSG_WRONG, marks)


def _grade_multi(item: Mapping, answer: object) -> Result:
    """Two or more options are correct; the answer is a collection of indices.

    Correct only when exactly the correct options are picked. Score: right picks minus
    wrong picks, not below 0, divided by the number of correct options; so picking
    everything earns little.
    """
    if answer is None:
        return _empty()
    if not isinstance(answer, (list, tuple, set, frozenset)):
        raise _BadAnswer()
    options = _options(item)
    picked = {_index(value, len(options)) for value in answer}
    if not picked:
        return _empty()
    correct = {i for i, option in enumerate(options) if option["correct"]}
    marks = _option_marks(options, picked)
    right, wrong = len(picked & correct), len(picked - correct)
    if right == len(correct) and not wrong:
        return Result("correct", 1.0, MSG_CORRECT, marks)
    score = max(right - wrong, 0) / len(correct)
    if score == 0:
        return Result("wrong", 0.0, MSG_WRONG, marks)
    message = f"◐ Partly right: {right} of {len(correct)}."
    if wrong:
        choices = "1 choice is" if wrong == 1 else f"{wrong} choices are"
        message = f"◐ Partly right: {right} of {len(correct)}, but {choices} wrong."
    return Result("partial", score, message, marks)


# Everything a learner might type or click for a True / False / Not Given item,
# after normalise.
_TFNG = {
    "true": "true",
    "t": "true",
    "false": "false",
    "f": "false",
    "not given": "not given",
    "not-given": "not given",
    "notgiven": "not given",
    "ng": "not given",
    "n/g": "not given",
    "n g": "not given",
}


def _grade_tfng(item: Mapping, answer: object) -> Result:
    """True / False / Not Given: exact after normalising (no typo rule: only 3 answers)."""
    if isinstance(answer, bool):  # a checkbox-like widget may send a bool
        answer = "true" if answer else "false"
    text = _typed(answer)
    if not text:
        return _empty()
    if text not in _TFNG:
        raise _BadAnswer(MSG_TFNG)
    if _TFNG[text] == _TFNG[normalise(item["answer"])]:
        return Result("correct", 1.0, MSG_CORRECT)
    return Result("wrong", 0.0, MSG_WRONG)


def _grade_gap(item: Mapping, answer: object) -> Result:
    """Fill the blanks; each blank is graded like a short answer.

    Score: the share of blanks right. A blank one typo away is not right, but the
    message names it; when every blank that is not right is such a near miss the status
    is "almost". With a word bank the words are picked, not typed, so they must be exact.
    """
    blanks = list(item["blanks"])
    if isinstance(answer, str) and len(blanks) == 1:
        answer = [answer]  # a single text box may send its text directly
    if answer is None:
        return _empty(MSG_WRITE)
    values = _sequence(answer)
    if len(values) != len(blanks):
        raise _BadAnswer()
    texts = [_typed(value) for value in values]
    if not any(texts):
        return _empty(MSG_WRITE)
    typos = not item.get("bank")
    verdicts = [
        _match_normalised(text, blank["accept"], typos=typos)
        for text, blank in zip(texts, blanks, strict=True)
    ]
    marks = tuple(verdict == "correct" for verdict in verdicts)
    near = [n for n, verdict in enumerate(verdicts, start=1) if verdict == "almost"]
    if not near:
        return _share(marks)
    right = sum(marks)
    score = right / len(marks)
    if len(blanks) == 1:
        return Result("almost", 0.0, MSG_ALMOST, marks)
    if right + len(near) == len(marks):
        return Result(
            "almost", score, f"≈ Almost: check the spelling in {_blank_list(near)}.", marks
        )
    return _share(marks, message_extra=f" Check the spelling in {_blank_list(near)}.")


def _grade_match(item: Mapping, answer: object) -> Result:
    """Match each left text with a right text; score: the share of pairs right.

    The answer is a dict left -> right, or a list of right texts in the order of the
    pairs. Missing or empty entries count as not right; unknown left texts are ignored.
    """
    pairs = list(item["pairs"])
    if answer is None:
        return _empty()
    if isinstance(answer, Mapping):
        by_left = {}
        for left, right in answer.items():
            if isinstance(left, str) and len(left) <= MAX_ANSWER_CHARS:
                by_left[normalise(left)] = right
        chosen = [by_left.get(normalise(pair["left"])) for pair in pairs]
    else:
        chosen = _sequence(answer)
        if len(chosen) != len(pairs):
            raise _BadAnswer()
    texts = [_typed(value) for value in chosen]
    if not any(texts):
        return _empty()
    return _share(text == normalise(pair["right"]) for text, pair in zip(texts, pairs, strict=True))


def _longest_in_order(answer: list[str], target: list[str]) -> list[int]:
    """Positions in ``answer`` of one longest common subsequence with ``target``."""
    rows, cols = len(answer), len(target)
    table = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            if answer[i] == target[j]:
                table[i][j] = table[i + 1][j + 1] + 1
            else:
                table[i][j] = max(table[i + 1][j], table[i][j + 1])
    positions, i, j = [], 0, 0
    while i < rows and j < cols:
        if answer[i] == target[j]:
            positions.append(i)
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return positions


def _grade_order(item: Mapping, answer: object) -> Result:
    """Put the items in order; correct only when the order is exactly right.

    Partial score: the longest run of items that are already in the right order relative
    to each other (longest common subsequence), divided by the number of items. This is
    fairer than counting items in the right position: moving one item from the end to
    the start puts every item in a wrong position, but only one item needs to move back.
    One item alone is always "in order", so a longest run of 1 scores 0. ``parts`` marks,
    for each position of the learner's list, whether that item belongs to the run (the
    unmarked ones are the fewest items to move).
    """
    target = [normalise(text) for text in item["items"]]
    if answer is None:
        return _empty()
    values = _sequence(answer)
    if not values:
        return _empty()
    if len(values) != len(target):  # checked first: no work on a huge list
        raise _BadAnswer()
    texts = [_typed(value) for value in values]
    if Counter(texts) != Counter(target):  # not the same items: the widget lost one
        raise _BadAnswer()
    if texts == target:
        return Result("correct", 1.0, MSG_CORRECT, (True,) * len(texts))
    in_order = _longest_in_order(texts, target)
    if len(in_order) < 2:
        in_order = []
    keep = set(in_order)
    marks = tuple(i in keep for i in range(len(texts)))
    if not in_order:
        return Result("wrong", 0.0, MSG_WRONG, marks)
    message = f"◐ Partly right: {len(in_order)} of {len(texts)} are in the right order."
    return Result("partial", len(in_order) / len(texts), message, marks)


def _grade_short(item: Mapping, answer: object) -> Result:
    """A short typed answer: exact after normalising, or "almost" when one typo away."""
    text = _typed(answer)
    verdict = _match_normalised(text, item["accept"], typos=True)
    if verdict == "empty":
        return _empty(MSG_WRITE)
    if verdict == "correct":
        return Result("correct", 1.0, MSG_CORRECT)
    if verdict == "almost":
        return Result("almost", 0.0, MSG_ALMOST)
    return Result("wrong", 0.0, MSG_WRONG)


_GRADERS = {
    "choice": _grade_choice,
    "multi": _grade_multi,
    "tfng": _grade_tfng,
    "gap": _grade_gap,
    "match": _grade_match,
    "order": _grade_order,
    "short": _grade_short,
}


def grade(item: Mapping, answer: object) -> Result:
    """Grade ``answer`` to ``item`` and return a ``Result``.

    Never raises because of the answer: an answer of the wrong shape gives status
    "empty" (nothing given) or "invalid" (cannot be checked), with a friendly message.
    Raises ``ValueError`` only for an unknown item type, which is a bug in the lesson.
    """
    kind = item.get("type")
    grader = _GRADERS.get(kind) if isinstance(kind, str) else None
    if grader is None:
        raise ValueError(f"unknown item type {kind!r} in item {item.get('id')!r}")
    try:
        return grader(item, answer)
    except _BadAnswer as bad:
        return Result("invalid", 0.0, bad.message)


def feedback_for_option(item: Mapping, index: int) -> str | None:
    """Return the author's feedback for option ``index`` of a choice or multi item.

    Returns None when the option has no feedback or the index is not an option.
    Raises ``ValueError`` for other item types.
    """
    if item.get("type") not in ("choice", "multi"):
        raise ValueError(f"item {item.get('id')!r} has no options")
    options = _options(item)
    if isinstance(index, bool) or not isinstance(index, Integral):
        return None
    if not 0 <= index < len(options):
        return None
    feedback = options[int(index)].get("feedback")
    return feedback or None


# --- dictation: a whole sentence, word by word ------------------------------------------------

# One mark per word: the symbol and the word a screen reader says, so no mark is colour alone.
WORD_MARKS = {
    "right": ("✔", "right"),
    "almost": ("≈", "check the spelling"),
    "wrong": ("✘", "wrong"),
    "missing": ("‸", "missing"),
    "extra": ("+", "extra"),
}


@dataclass(frozen=True)
class DictationResult:
    """The outcome of grading one dictation sentence.

    ``words`` is the alignment, in sentence order: (mark, what the learner wrote, the
    sentence's word), where mark is one of ``WORD_MARKS``; a missing word has "" as the
    learner's word, an extra word "" as the sentence's word. ``score`` is the share of the
    sentence's words written right.
    """

    status: str
    score: float
    message: str
    words: tuple[tuple[str, str, str], ...] = ()

    @property
    def correct(self) -> bool:
        return self.status == "correct"


def _dictation_words(text: str) -> list[str]:
    """The words of a sentence as they are compared: ``normalise`` on each word, so case,
    curly quotes and the punctuation around a word do not count; "-" alone is not a word."""
    words = (normalise(word) for word in normalise(text).split())
    return [word for word in words if word and word != "-"]


def _word_cost(given: str, target: str) -> float:
    if given == target:
        return 0.0
    return 0.5 if _is_one_typo_normalised(given, target) else 1.0


def grade_dictation(sentence: str, answer: object) -> DictationResult:
    """Grade a typed sentence against the sentence heard, word by word (pure function).

    The words are aligned (the fewest edits, as in a word-level edit distance), then each
    word is marked: right; almost (one typo, by the rule of ``is_one_typo``: a changed digit
    is another number, so it is wrong); wrong; missing; or extra. Correct only when every
    word is right; "almost" when the only faults are typos; otherwise "partial" (some words
    right) or "wrong". Never raises for anything a learner can send.
    """
    if answer is None or (isinstance(answer, str) and not normalise(answer)):
        return DictationResult("empty", 0.0, MSG_WRITE)
    if not isinstance(answer, str):
        return DictationResult("invalid", 0.0, MSG_CANNOT_CHECK)
    if len(answer) > MAX_ANSWER_CHARS:
        return DictationResult("invalid", 0.0, MSG_TOO_LONG)
    given, target = _dictation_words(answer), _dictation_words(sentence)
    if not given:
        return DictationResult("empty", 0.0, MSG_WRITE)
    rows, cols = len(given), len(target)
    cost = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows + 1):
        cost[i][0] = float(i)
    for j in range(cols + 1):
        cost[0][j] = float(j)
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            cost[i][j] = min(
                cost[i - 1][j - 1] + _word_cost(given[i - 1], target[j - 1]),
                cost[i - 1][j] + 1.0,
                cost[i][j - 1] + 1.0,
            )
    marks: list[tuple[str, str, str]] = []
    i, j = rows, cols
    while i or j:
        if i and j:
            step = _word_cost(given[i - 1], target[j - 1])
            if cost[i][j] == cost[i - 1][j - 1] + step:
                mark = ("right", "almost", "wrong")[int(step * 2)]
                marks.append((mark, given[i - 1], target[j - 1]))
                i, j = i - 1, j - 1
                continue
        if i and cost[i][j] == cost[i - 1][j] + 1.0:
            marks.append(("extra", given[i - 1], ""))
            i -= 1
        else:
            marks.append(("missing", "", target[j - 1]))
            j -= 1
    marks.reverse()
    counts = Counter(mark for mark, _, _ in marks)
    right = counts["right"]
    # Extra words count against the score, so writing every word twice earns nothing.
    score = right / (len(target) + counts["extra"]) if target else 0.0
    if right == len(target) and len(marks) == right:
        return DictationResult("correct", 1.0, MSG_CORRECT, tuple(marks))
    faults = len(marks) - right
    if counts["almost"] == faults:
        n = counts["almost"]
        text = "1 word" if n == 1 else f"{n} words"
        return DictationResult(
            "almost", score, f"≈ Almost: check the spelling of {text}.", tuple(marks)
        )
    parts = []
    for mark in ("wrong", "almost", "missing", "extra"):
        if counts[mark]:
            parts.append(f"{counts[mark]} {WORD_MARKS[mark][1]}")
    detail = ", ".join(parts)
    if right == 0:
        return DictationResult("wrong", 0.0, f"{MSG_WRONG} ({detail})", tuple(marks))
    message = f"◐ Partly right: {right} of {len(target)} words ({detail})."
    return DictationResult("partial", score, message, tuple(marks))
