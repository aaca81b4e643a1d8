"""Lessons in teachers' own tools: Moodle XML and GIFT question banks, Anki decks, Quizlet
text, and gradebook CSV for Moodle and Canvas (``lessonkit export``, ``lessonkit results
--gradebook``). Build and teacher time only: nothing here runs in a learner's kernel.

Map of the module:

- ``bank_questions(project, only)``: every question to export, as ``BankQuestion`` (the lesson's
  comprehension and language-focus questions, then the questions on its easier text
  ``lessons/<slug>/adapted.yml``), each in a category per lesson and section.
- ``moodle_xml(...)`` -> bytes, ``gift(...)`` -> str: the question banks.
- ``anki_package(...)`` -> bytes (an ``.apkg``), ``quizlet(...)`` -> str: the glossaries.
- ``gradebook_csv(table, lessons, lms)`` -> str: one row per learner, one column per lesson.

How each question type is exported (the teacher guide says the same):

=========  ===================================  ===============================================
type       Moodle XML                           GIFT
=========  ===================================  ===============================================
choice     multichoice, one answer               ``{=right ~wrong}``
multi      multichoice, several answers: each   ``~%50%right ~%-50%wrong``
           right option 100/k %, each wrong one
           -100/(n-k) %, so choosing all scores 0
tfng       truefalse; but when any question of   ``{T}`` / ``{F}``; or the same three options
           the same lesson section has "Not     as multiple choice
           given" as its answer, every T/F/NG
           question of that section is a three-
           option multichoice (True, False, Not
           given), so the question type never
           gives the answer away
gap, bank  ddwtos (drag and drop into text: the  no gap select in GIFT: one missing-word
           word bank, distractors included, is   multiple-choice question per gap, the other
           shown once under the text)           words of the bank as wrong options
gap, typed cloze (multianswer) with one          one short-answer question per gap, every
           ``{1:SHORTANSWER:=a~=b}`` per gap     accepted form an answer
match      matching                              ``{=left -> right}``
order      ordering (qtype_ordering, a          no ordering in GIFT: matching of each item to
           standard question type since Moodle   its position ("1st", "2nd", ...)
           4.4); ``ordering="matching"`` gives
           the same fall-back as GIFT for older
           sites without the plugin
short      shortanswer, case-insensitive, every  ``{=a =b =c}``
           accepted form (with the inflected
           forms ``runtime_item`` adds)
=========  ===================================  ===============================================

Every question's general feedback gives the explanation and the evidence (where it is, and the
quotation); option feedback from the lesson goes with each option.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import math
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from lessonkit.errors import LessonkitError

if TYPE_CHECKING:
    import pandas

    from lessonkit.build.sources import LessonSource, Project

FORMATS = ("moodle", "gift", "anki", "quizlet")
GRADEBOOKS = ("moodle", "canvas")
TFNG_LABELS = {"true": "True", "false": "False", "not given": "Not given"}
ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th")
CATEGORY_ROOT = "$course$/top/lessonkit"


@dataclass
class BankQuestion:
    slug: str  # the article lesson
    category: str  # e.g. "01-geneva-summit/comprehension"
    name: str  # e.g. "01-geneva-summit comprehension 3 (q3)"
    data: dict  # the question in runtime shape (``_enrich.runtime_item``)
    three_options: bool  # a tfng question shown as True / False / Not given


def article_lessons(project: Project, only: list[str] | None = None) -> list[LessonSource]:
    """The article lessons to export, in lesson order; an unknown slug is an error."""
    lessons = [s for s in project.lessons if s.entry.kind == "article"]
    if only:
        known = {s.entry.slug for s in lessons}
        unknown = [slug for slug in only if slug not in known]
        if unknown:
            raise LessonkitError(
                f"{unknown[0]} is not an article lesson; use one of {', '.join(sorted(known))}."
            )
        lessons = [s for s in lessons if s.entry.slug in only]
    return lessons


def _sections(source: LessonSource) -> list[tuple[str, list]]:
    lesson = source.lesson
    parts = [("comprehension", list(lesson.questions) if lesson else [])]
    if lesson and lesson.language_focus:
        parts.append(("language focus", list(lesson.language_focus.questions)))
    if source.adapted:
        parts.append((f"easier text {source.adapted.level}", list(source.adapted.questions)))
    return [(name, items) for name, items in parts if items]


def bank_questions(project: Project, only: list[str] | None = None) -> list[BankQuestion]:
    from lessonkit.build.lessondata import runtime_item

    found = []
    for source in article_lessons(project, only):
        slug = source.entry.slug
        for section, items in _sections(source):
            not_given = any(i.type == "tfng" and i.answer == "not given" for i in items)
            for number, item in enumerate(items, start=1):
                found.append(
                    BankQuestion(
                        slug=slug,
                        category=f"{slug}/{section}",
                        name=f"{slug} {section} {number} ({item.id})",
                        data=runtime_item(item, seed=slug),
                        three_options=item.type == "tfng" and not_given,
                    )
                )
    return found


def where(paragraph: int) -> str:
    return "the headline" if paragraph == 0 else f"paragraph {paragraph}"


def general_feedback(data: dict) -> str:
    """The explanation and the evidence, as plain text (one line each)."""
    evidence = data.get("evidence") or {}
    lines = [data["explanation"]]
    if evidence:
        lines.append(f"Evidence, {where(evidence['paragraph'])}: “{evidence['quote']}”")
    return "\n".join(lines)


def _html(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


def multi_fractions(options: list[dict]) -> list[float]:
    """Moodle fractions (percent) of a multi question: right options share 100, wrong ones
    share -100 (so ticking every box scores nothing)."""
    right = sum(bool(o.get("correct")) for o in options)
    wrong = len(options) - right
    return [100 / right if o.get("correct") else -100 / wrong for o in options]


def _fraction(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _tfng_options(data: dict) -> list[dict]:
    return [{"text": label, "correct": key == data["answer"]} for key, label in TFNG_LABELS.items()]


def _gap_text(data: dict, mark) -> str:
    """The gap text with each ``___`` replaced by ``mark(n)`` (n from 1)."""
    pieces = data["text"].split("___")
    out = pieces[0]
    for n, piece in enumerate(pieces[1:], start=1):
        out += mark(n) + piece
    return out


# -- Moodle XML ----------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _text_in(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    element = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    _sub(element, "text", text)
    return element


def _combined_feedback(question: ET.Element) -> None:
    _text_in(question, "correctfeedback", "<p>Your answer is correct.</p>")
    _text_in(question, "partiallycorrectfeedback", "<p>Your answer is partially correct.</p>")
    _text_in(question, "incorrectfeedback", "<p>Your answer is incorrect.</p>")
    _sub(question, "shownumcorrect")


def _question(quiz: ET.Element, qtype: str, q: BankQuestion, text: str) -> ET.Element:
    question = _sub(quiz, "question", type=qtype)
    _text_in(question, "name", q.name, fmt=None)
    _text_in(question, "questiontext", text)
    _text_in(question, "generalfeedback", _html(general_feedback(q.data)))
    if qtype != "cloze":
        _sub(question, "defaultgrade", "1")
    _sub(question, "penalty", "0.3333333")
    _sub(question, "hidden", "0")
    _sub(question, "idnumber", f"{q.slug}-{q.data['id']}")
    return question


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str = "", fmt="html"):
    answer = _sub(parent, "answer", fraction=_fraction(fraction), format=fmt)
    _sub(answer, "text", html.escape(text) if fmt == "html" else text)
    _text_in(answer, "feedback", _html(feedback))
    return answer


def _multichoice(quiz, q: BankQuestion, options: list[dict], fractions: list[float]) -> None:
    single = sum(bool(o.get("correct")) for o in options) == 1
    question = _question(quiz, "multichoice", q, _html(q.data["prompt"]))
    _sub(question, "single", "true" if single else "false")
    _sub(question, "shuffleanswers", "0" if q.data["type"] == "tfng" else "1")
    _sub(question, "answernumbering", "abc")
    _combined_feedback(question)
    for option, fraction in zip(options, fractions, strict=True):
        _answer(question, fraction, option["text"], option.get("feedback") or "")


def _matching(quiz, q: BankQuestion, pairs: list[tuple[str, str]], text: str) -> None:
    question = _question(quiz, "matching", q, text)
    _sub(question, "shuffleanswers", "true")
    _combined_feedback(question)
    for left, right in pairs:
        sub = _sub(question, "subquestion", format="html")
        _sub(sub, "text", _html(left))
        answer = _sub(sub, "answer")
        _sub(answer, "text", right)


def _cloze_escape(text: str) -> str:
    return re.sub(r'([}#~/"\\])', r"\\\1", text)


def _moodle_question(quiz: ET.Element, q: BankQuestion, ordering: str) -> None:
    data = q.data
    kind = data["type"]
    prompt = _html(data["prompt"])
    if kind == "choice":
        _multichoice(
            quiz, q, data["options"], [100 if o.get("correct") else 0 for o in data["options"]]
        )
    elif kind == "multi":
        _multichoice(quiz, q, data["options"], multi_fractions(data["options"]))
    elif kind == "tfng" and q.three_options:
        options = _tfng_options(data)
        _multichoice(quiz, q, options, [100 if o["correct"] else 0 for o in options])
    elif kind == "tfng":
        question = _question(quiz, "truefalse", q, prompt)
        right = data["answer"] == "true"
        _answer(question, 100 if right else 0, "true", fmt="moodle_auto_format")
        _answer(question, 0 if right else 100, "false", fmt="moodle_auto_format")
    elif kind == "gap" and "bank" in data:
        # ddwtos numbers its choices from 1 in the order given; [[n]] is the n-th choice.
        words = list(dict.fromkeys(data["bank"]))
        right = [b["accept"][0] for b in data["blanks"]]
        text = _gap_text(data, lambda n: f"[[{words.index(right[n - 1]) + 1}]]")
        question = _question(quiz, "ddwtos", q, prompt + _html(text))
        _sub(question, "shuffleanswers", "1")
        _combined_feedback(question)
        for word in words:
            box = _sub(question, "dragbox")
            _sub(box, "text", html.escape(word))
            _sub(box, "group", "1")
            if right.count(word) > 1:
                _sub(box, "infinite")
    elif kind == "gap":

        def blank(n: int) -> str:
            accept = data["blanks"][n - 1]["accept"]
            return "{1:SHORTANSWER:" + "~".join(f"={_cloze_escape(a)}" for a in accept) + "}"

        # The text is HTML-escaped first; the gap codes go in afterwards, as Moodle reads them.
        text = _html(_gap_text(data, lambda n: f"\x00{n}\x00"))
        text = re.sub("\x00(\\d+)\x00", lambda m: blank(int(m.group(1))), text)
        _question(quiz, "cloze", q, prompt + text)
    elif kind == "match":
        _matching(quiz, q, [(p["left"], p["right"]) for p in data["pairs"]], prompt)
    elif kind == "order" and ordering == "ordering":
        question = _question(quiz, "ordering", q, prompt)
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            _sub(question, tag, value)
        _combined_feedback(question)
        for position, item in enumerate(data["items"], start=1):
            answer = _sub(question, "answer", fraction=str(position), format="html")
            _sub(answer, "text", html.escape(item))
    elif kind == "order":
        pairs = [(item, ORDINALS[i]) for i, item in enumerate(data["items"])]
        _matching(quiz, q, pairs, prompt + _html("Match each item to its place in the order."))
    elif kind == "short":
        question = _question(quiz, "shortanswer", q, prompt)
        _sub(question, "usecase", "0")
        for accepted in data["accept"]:
            _answer(question, 100, accepted, fmt="moodle_auto_format")
    else:  # pragma: no cover - the schema knows no other type
        raise ValueError(f"unknown question type {kind}")


def moodle_xml(
    project: Project,
    only: list[str] | None = None,
    *,
    ordering: Literal["ordering", "matching"] = "ordering",
) -> bytes:
    """The questions as a Moodle XML question bank (Question bank → Import → Moodle XML)."""
    quiz = ET.Element("quiz")
    category = None
    for q in bank_questions(project, only):
        if q.category != category:
            category = q.category
            question = _sub(quiz, "question", type="category")
            _text_in(question, "category", f"{CATEGORY_ROOT}/{category}", fmt=None)
        _moodle_question(quiz, q, ordering)
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"


# -- GIFT ----------------------------------------------------------------------------------

_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Text safe inside GIFT: ~ = # { } : and backslash get a backslash; a line break is
    written as \\n (a blank line would end the question)."""
    text = _GIFT_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*\n\s*", r"\\n", text.strip())


def _gift_block(q: BankQuestion, text: str, answers: list[str], suffix: str = "") -> str:
    title = gift_escape(q.name + suffix)
    feedback = gift_escape(general_feedback(q.data))
    body = "\n".join(f"\t{a}" for a in answers)
    return f"::{title}::{gift_escape(text)} {{\n{body}\n\t####{feedback}\n}}\n"


def _gift_option(sign: str, text: str, feedback: str | None, fraction: float | None = None) -> str:
    weight = f"%{_fraction(fraction)}%" if fraction is not None else ""
    tail = f" #{gift_escape(feedback)}" if feedback else ""
    return f"{sign}{weight}{gift_escape(text)}{tail}"


def _gift_question(q: BankQuestion) -> list[str]:
    data = q.data
    kind = data["type"]
    prompt = data["prompt"]
    if kind == "choice":
        return [
            _gift_block(
                q,
                prompt,
                [
                    _gift_option("=" if o.get("correct") else "~", o["text"], o.get("feedback"))
                    for o in data["options"]
                ],
            )
        ]
    if kind == "multi":
        fractions = multi_fractions(data["options"])
        options = [
            _gift_option("~", o["text"], o.get("feedback"), f)
            for o, f in zip(data["options"], fractions, strict=True)
        ]
        return [_gift_block(q, prompt, options)]
    if kind == "tfng" and q.three_options:
        options = [
            _gift_option("=" if o["correct"] else "~", o["text"], None) for o in _tfng_options(data)
        ]
        return [_gift_block(q, prompt, options)]
    if kind == "tfng":
        return [_gift_block(q, prompt, ["T" if data["answer"] == "true" else "F"])]
    if kind == "gap":
        text = _gap_text(data, lambda n: f"({n}) _____")
        blocks = []
        for n, blank in enumerate(data["blanks"], start=1):
            where_gap = f"{prompt}\n{text}\nGap {n}:"
            suffix = f" gap {n}" if len(data["blanks"]) > 1 else ""
            if "bank" in data:
                right = blank["accept"][0]
                others = [w for w in dict.fromkeys(data["bank"]) if w != right]
                answers = [_gift_option("=", right, None)]
                answers += [_gift_option("~", w, None) for w in others]
            else:
                answers = [_gift_option("=", a, None) for a in blank["accept"]]
            blocks.append(_gift_block(q, where_gap, answers, suffix))
        return blocks
    if kind == "match":
        pairs = [(p["left"], p["right"]) for p in data["pairs"]]
        return [_gift_block(q, prompt, [_gift_pair(a, b) for a, b in pairs])]
    if kind == "order":
        text = f"{prompt}\nMatch each item to its place in the order."
        pairs = [_gift_pair(item, ORDINALS[i]) for i, item in enumerate(data["items"])]
        return [_gift_block(q, text, pairs)]
    if kind == "short":
        return [_gift_block(q, prompt, [_gift_option("=", a, None) for a in data["accept"]])]
    raise ValueError(f"unknown question type {kind}")  # pragma: no cover


def _gift_pair(left: str, right: str) -> str:
    return f"={gift_escape(left.replace('->', '→'))} -> {gift_escape(right.replace('->', '→'))}"


def gift(project: Project, only: list[str] | None = None) -> str:
    """The same questions in GIFT (Question bank → Import → GIFT format)."""
    out = ["// lessonkit questions in GIFT; see docs/teacher-guide.md for what changed.\n"]
    category = None
    for q in bank_questions(project, only):
        if q.category != category:
            category = q.category
            out.append(f"$CATEGORY: {CATEGORY_ROOT}/{category}\n")
        out.extend(_gift_question(q))
    return "\n".join(out)


# -- glossaries: Anki and Quizlet ----------------------------------------------------------


def stable_id(text: str) -> int:
    """A stable id for Anki (models and decks need one): from a hash, never random."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


ANKI_FIELDS = ("Word", "Part of speech", "IPA", "Definition", "Example", "Own example", "Level")
ANKI_FIELDS += ("Note", "Lesson")


def _words_table(root: Path, slug: str) -> dict:
    path = root / "data" / f"{slug}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("words") or {}
    except (OSError, ValueError):
        return {}


def ipa_for(row, words: dict) -> str:
    """The IPA of the glossary word from the lesson data's word table: of the headword, else
    of its form in the article; a phrase only when every word has one; "" otherwise."""
    for text in (row.word, row.form):
        parts = [words.get(w.lower(), {}).get("ipa") for w in text.split()]
        if parts and all(parts):
            return " ".join(p.strip("/") for p in parts).join("//")
    return ""


def _optional(name: str):
    """A package of the ``teacher`` extra (not a runtime dependency of the lessons)."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise LessonkitError(
            f"{name} is not installed; install the teacher tools with "
            "pip install 'lessonkit[teacher]'."
        ) from None


def anki_package(project: Project, only: list[str] | None = None) -> bytes:
    """An Anki package (.apkg) with a deck per lesson of its glossary; ``learn`` tags the
    lesson's words to learn. No audio: there is only whole-article audio, no word audio."""
    genanki = _optional("genanki")
    model = genanki.Model(
        stable_id("lessonkit glossary model 1"),
        "lessonkit glossary word",
        fields=[{"name": name} for name in ANKI_FIELDS],
        templates=[
            {
                "name": "Word → meaning",
                "qfmt": "<div class=word>{{Word}}</div><div>{{Part of speech}}</div>"
                "{{#IPA}}<div>{{IPA}}</div>{{/IPA}}",
                "afmt": "{{FrontSide}}<hr id=answer><div>{{Definition}}</div>"
                "<p><i>{{Example}}</i></p><p>{{Own example}}</p>"
                "{{#Note}}<p><small>{{Note}}</small></p>{{/Note}}",
            }
        ],
        css=".card { font-family: sans-serif; font-size: 22px; } .word { font-size: 32px; }",
    )
    decks = []
    for source in article_lessons(project, only):
        slug = source.entry.slug
        words = _words_table(project.root, slug)
        deck = genanki.Deck(
            stable_id(f"lessonkit deck {slug}"), f"lessonkit::{slug[:2]} {source.entry.title}"
        )
        for row in source.vocab:
            fields = [
                row.word,
                row.pos,
                ipa_for(row, words),
                row.definition,
                row.example,
                row.own_example,
                row.level,
                row.note,
                source.entry.title,
            ]
            tags = [slug, row.level] + (["learn"] if row.learn == "yes" else [])
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=[html.escape(f, quote=False) for f in fields],
                    tags=tags,
                    guid=genanki.guid_for(slug, row.word, row.pos),
                )
            )
        decks.append(deck)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lessonkit.apkg"
        genanki.Package(decks).write_to_file(str(path))
        return path.read_bytes()


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def quizlet(project: Project, only: list[str] | None = None) -> str:
    """Quizlet import text: one "term<TAB>definition" line per glossary word."""
    lines = []
    for source in article_lessons(project, only):
        for row in source.vocab:
            lines.append(f"{_one_line(row.word)}\t({row.pos}) {_one_line(row.definition)}")
    return "\n".join(lines) + "\n"


def export(project: Project, what: str, only: list[str] | None = None, **options: Any):
    """The export ``what`` (one of FORMATS) as bytes or text."""
    if what == "moodle":
        return moodle_xml(project, only, **options)
    if what == "gift":
        return gift(project, only)
    if what == "anki":
        return anki_package(project, only)
    if what == "quizlet":
        return quizlet(project, only)
    raise LessonkitError(f"{what} is not an export format; use one of {', '.join(FORMATS)}.")


# -- gradebook -----------------------------------------------------------------------------


def lesson_scores(
    table: pandas.DataFrame, lessons: dict | None = None
) -> tuple[list[tuple[str, str]], dict[tuple[str, str], dict[str, float]]]:
    """(lesson columns [(key, title)], {(learner, class): {lesson key: percent}}).

    A score is the percentage of the lesson's questions whose last attempt was right
    (``_dashboard``'s "right in the end"; a question never tried counts as not right). Without
    lesson data it is of the questions the learner tried. A lesson not started has no score.
    """
    from lessonkit.teacher.dashboard import (
        _index_from_table,
        _item_index,
        _known,
        latest_attempts,
        lesson_sections,
    )

    latest = _known(latest_attempts(table), lessons)
    if lessons:
        index = _item_index(lessons)
        columns: list[tuple[str, str]] = []
        for slug, data in lessons.items():
            for _, _, key, title in lesson_sections(slug, data):
                if (key, title) not in columns:
                    columns.append((key, title))
    else:
        index = _index_from_table(latest)
        columns = [(key, key) for key in sorted(set(latest["lesson"]))]
    sizes = index.groupby("lesson")["item"].size() if len(index) else {}
    scores: dict[tuple[str, str], dict[str, float]] = {}
    if latest.empty:
        return columns, scores
    grouped = latest.groupby(["learner", "class", "lesson"], sort=False)
    for (learner, group, lesson), rows in grouped:
        size = int(sizes.get(lesson, 0)) if lessons else len(rows)
        if size:
            right = int(rows["right"].sum())
            scores.setdefault((learner, group), {})[lesson] = 100.0 * right / size
    return columns, scores


def _score(value: float | None) -> str:
    if value is None or math.isnan(value):
        return ""
    return f"{value:.1f}".removesuffix(".0")


def gradebook_csv(
    table: pandas.DataFrame, lessons: dict | None, lms: Literal["moodle", "canvas"]
) -> str:
    """A gradebook CSV to import, one row per learner and one column per lesson (percent).

    Moodle ("Import grades from CSV"): columns Learner, Class, then "<lesson title> (%)";
    map "Learner" to a user field (username, email or ID number) when importing.
    Canvas (Gradebook → Import): Student, ID, SIS User ID, SIS Login ID, Section, then one
    column per lesson, and a second row "Points Possible" with 100 for each lesson.
    """
    from lessonkit.learner.results import _csv_cell
    from lessonkit.teacher.dashboard import _sort_key

    if lms not in GRADEBOOKS:
        raise LessonkitError(f"{lms} is not a gradebook; use one of {', '.join(GRADEBOOKS)}.")
    columns, scores = lesson_scores(table, lessons)
    used = [(key, title) for key, title in columns if any(key in s for s in scores.values())]
    learners = sorted(scores, key=lambda k: (_sort_key(k[0]), k[0], _sort_key(k[1]), k[1]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [f"{title} (%)" if lms == "moodle" else title for _, title in used]
    if lms == "moodle":
        writer.writerow(["Learner", "Class", *names])
    else:
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *names])
        writer.writerow(["Points Possible", "", "", "", "", *["100"] * len(used)])
    for learner, group in learners:
        mine = scores[learner, group]
        cells = [_score(mine.get(key)) for key, _ in used]
        who = [_csv_cell(learner)] + ([] if lms == "moodle" else ["", "", ""])
        writer.writerow([*who, _csv_cell(group), *cells])
    return buffer.getvalue()
