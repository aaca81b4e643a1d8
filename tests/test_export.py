"""Question banks and glossaries for teachers' tools (``lessonkit export``), each checked by an
independent reader: Moodle XML against a RELAX NG schema written from Moodle's documented
format (tests/fixtures/moodle-question-xml.rng, with lxml), GIFT with pygiftparser, the Anki
package with the official ``anki`` library, and the Quizlet text line by line."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from lessonkit.build.lessondata import runtime_item
from lessonkit.build.schema import LessonFile
from lessonkit.build.sources import load_project
from lessonkit.cli import main
from lessonkit.teacher.export import (
    BankQuestion,
    _gift_question,
    _moodle_question,
    anki_package,
    bank_questions,
    gift,
    gift_escape,
    moodle_xml,
    multi_fractions,
    quizlet,
)

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "tests" / "fixtures" / "moodle-question-xml.rng"
ARTICLES = [
    "01-geneva-summit",
    "02-sanctions-and-an-olive-branch",
    "03-rights-after-the-summit",
    "04-a-test-for-human-rights",
]


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def _schema():
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def _item(data: dict):
    """One question through the real schema (a LessonFile around it)."""
    base = {
        "skill": "literal",
        "prompt": "A prompt?",
        "evidence": {"paragraph": 2, "quote": "the quoted words"},
        "explanation": "Because the text says so.",
    }
    lesson = LessonFile.model_validate(
        {
            "objectives": ["x"],
            "before_you_read": {"prediction": "x"},
            "key_points": ["x"],
            "questions": [{**base, **data}],
        }
    )
    return lesson.questions[0]


def _bank(data: dict, three: bool = False) -> BankQuestion:
    item = _item(data)
    return BankQuestion("01-x", "01-x/comprehension", "01-x q", runtime_item(item, "s"), three)


def _xml(q: BankQuestion, ordering: str = "ordering") -> etree._Element:
    import xml.etree.ElementTree as ET

    quiz = ET.Element("quiz")
    _moodle_question(quiz, q, ordering)
    root = etree.fromstring(ET.tostring(quiz))
    assert _schema().validate(etree.ElementTree(root)), _schema().error_log
    return root.find("question")


def _gift_parse(text: str):
    from pygiftparser import parser

    return parser.parseFile(io.StringIO(text))


# -- hand-checked small examples -------------------------------------------------------------


def test_multi_fractions_sum_right():
    """Do the right options share 100 % and the wrong ones -100 %?"""
    options = [{"correct": True}] * 3 + [{"correct": False}] * 2
    fractions = multi_fractions(options)
    assert fractions[:3] == pytest.approx([100 / 3] * 3)
    assert sum(fractions[:3]) == pytest.approx(100) and sum(fractions[3:]) == pytest.approx(-100)


def test_moodle_choice_with_feedback_and_general_feedback():
    q = _bank(
        {
            "id": "q1",
            "type": "choice",
            "options": [
                {"text": "Geneva & Bern", "correct": True, "feedback": "Yes: paragraph 2."},
                {"text": "Vienna", "feedback": "No."},
            ],
        }
    )
    question = _xml(q)
    assert question.get("type") == "multichoice" and question.findtext("single") == "true"
    answers = question.findall("answer")
    assert [a.get("fraction") for a in answers] == ["100", "0"]
    assert answers[0].findtext("text") == "Geneva &amp; Bern"  # HTML text, escaped once
    assert "Yes: paragraph 2." in answers[0].findtext("feedback/text")
    general = question.findtext("generalfeedback/text")
    assert "Because the text says so." in general
    assert "Evidence, paragraph 2: “the quoted words”" in general


def test_moodle_multi_is_multichoice_with_fractions():
    q = _bank(
        {
            "id": "q2",
            "type": "multi",
            "options": [
                {"text": "a", "correct": True},
                {"text": "b", "correct": True},
                {"text": "c"},
            ],
        }
    )
    question = _xml(q)
    assert question.findtext("single") == "false"
    assert [a.get("fraction") for a in question.findall("answer")] == ["50", "50", "-100"]


def test_moodle_true_false_and_not_given():
    plain = _xml(_bank({"id": "q3", "type": "tfng", "answer": "false"}))
    assert plain.get("type") == "truefalse"
    marks = {a.findtext("text"): a.get("fraction") for a in plain.findall("answer")}
    assert marks == {"true": "0", "false": "100"}
    three = _xml(_bank({"id": "q4", "type": "tfng", "answer": "not given"}, three=True))
    assert three.get("type") == "multichoice"
    marks = {a.findtext("text"): a.get("fraction") for a in three.findall("answer")}
    assert marks == {"True": "0", "False": "0", "Not given": "100"}


def test_moodle_banked_gap_is_drag_and_drop_into_text():
    q = _bank(
        {
            "id": "q5",
            "type": "gap",
            "text": "They [withdrawn] diplomats as [tensions] rose.",
            "distractors": ["treaty"],
        }
    )
    question = _xml(q)
    assert question.get("type") == "ddwtos"
    boxes = [b.findtext("text") for b in question.findall("dragbox")]
    assert sorted(boxes) == ["tensions", "treaty", "withdrawn"]
    text = question.findtext("questiontext/text")
    first = boxes.index("withdrawn") + 1
    second = boxes.index("tensions") + 1
    assert f"They [[{first}]] diplomats as [[{second}]] rose." in text


def test_moodle_typed_gap_is_cloze_with_every_form():
    q = _bank({"id": "q6", "type": "gap", "text": "It was [three|3] hours.", "bank": False})
    question = _xml(q)
    assert question.get("type") == "cloze"
    assert "It was {1:SHORTANSWER:=three~=3} hours." in question.findtext("questiontext/text")


def test_moodle_short_answer_has_inflected_forms_case_insensitive():
    q = _bank({"id": "q7", "type": "short", "accept": ["agree"], "inflect": True})
    question = _xml(q)
    assert question.get("type") == "shortanswer" and question.findtext("usecase") == "0"
    answers = {a.findtext("text") for a in question.findall("answer")}
    assert {"agree", "agreed", "agrees", "agreeing"} <= answers
    assert {a.get("fraction") for a in question.findall("answer")} == {"100"}


def test_moodle_match_and_order():
    match = _xml(
        _bank(
            {
                "id": "q8",
                "type": "match",
                "pairs": [{"left": "Biden", "right": "USA"}, {"left": "Putin", "right": "Russia"}],
            }
        )
    )
    pairs = [(s.findtext("text"), s.findtext("answer/text")) for s in match.findall("subquestion")]
    assert pairs == [("<p>Biden</p>", "USA"), ("<p>Putin</p>", "Russia")]
    order = _bank({"id": "q9", "type": "order", "items": ["first", "second", "third"]})
    ordering = _xml(order)
    assert ordering.get("type") == "ordering"
    answers = [(a.get("fraction"), a.findtext("text")) for a in ordering.findall("answer")]
    assert answers == [("1", "first"), ("2", "second"), ("3", "third")]
    fallback = _xml(order, ordering="matching")
    assert fallback.get("type") == "matching"
    assert [s.findtext("answer/text") for s in fallback.findall("subquestion")] == [
        "1st",
        "2nd",
        "3rd",
    ]


def test_schema_rejects_what_moodle_would_not_read():
    """Is the schema a real check? A wrong fraction, an unknown type, a missing name fail."""
    schema = _schema()
    good = _xml(_bank({"id": "q3", "type": "tfng", "answer": "true"}))
    quiz = etree.Element("quiz")
    quiz.append(good)
    assert schema.validate(etree.ElementTree(quiz))
    for breaking in (
        lambda q: q.find("answer").set("fraction", "150"),
        lambda q: q.set("type", "essayish"),
        lambda q: q.remove(q.find("name")),
        lambda q: q.find("answer/text").__setattr__("text", "maybe"),
    ):
        copy = etree.fromstring(etree.tostring(quiz))
        breaking(copy.find("question"))
        assert not schema.validate(etree.ElementTree(copy))


def test_gift_escapes_special_characters():
    assert gift_escape("a ~ b = c # d { e } f : g \\ h") == (
        "a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h"
    )
    assert gift_escape("line one\nline two") == "line one\\nline two"


def test_gift_small_examples_parse():
    blocks = _gift_question(
        _bank(
            {
                "id": "q1",
                "type": "choice",
                "prompt": "Where: 2 = 1 + 1 {set}?",
                "options": [
                    {"text": "Geneva", "correct": True, "feedback": "Yes #1"},
                    {"text": "Rome"},
                ],
            }
        )
    )
    (question,) = _gift_parse("\n".join(blocks))
    assert question.valid and question.title == "01-x q"
    assert [(a.answer, a.fraction) for a in question.answers.answers] == [
        ("Geneva", 100),
        ("Rome", 0),
    ]
    assert "Evidence, paragraph 2" in question.generalFeedback
    gaps = _gift_question(
        _bank({"id": "q5", "type": "gap", "text": "A [b] c [d].", "distractors": ["e"]})
    )
    parsed = _gift_parse("\n".join(gaps))
    assert len(parsed) == 2  # one question per gap
    assert [a.answer for a in parsed[0].answers.answers if a.fraction == 100] == ["b"]
    assert [a.answer for a in parsed[1].answers.answers if a.fraction == 100] == ["d"]


# -- the real lessons ------------------------------------------------------------------------


def test_every_question_of_every_article_lesson_is_exported(project):
    questions = bank_questions(project)
    assert {q.slug for q in questions} == set(ARTICLES)
    expected = 0
    for slug in ARTICLES:
        source = project.lesson(slug)
        expected += len(source.lesson.questions) + len(source.adapted.questions)
        if source.lesson.language_focus:
            expected += len(source.lesson.language_focus.questions)
    assert len(questions) == expected
    # A section with a "not given" answer has all its T/F/NG questions with three options.
    for q in questions:
        if q.data["type"] == "tfng" and q.data["answer"] == "not given":
            assert q.three_options


def test_moodle_xml_of_all_lessons_is_valid(project):
    document = etree.fromstring(moodle_xml(project))
    assert _schema().validate(etree.ElementTree(document)), _schema().error_log
    questions = [q for q in document if q.get("type") != "category"]
    assert len(questions) == len(bank_questions(project))
    categories = [q.findtext("category/text") for q in document if q.get("type") == "category"]
    assert "$course$/top/lessonkit/01-geneva-summit/comprehension" in categories
    assert any("/easier text" in c for c in categories)
    for question in questions:
        assert question.findtext("generalfeedback/text").count("Evidence, ") == 1
        if question.get("type") == "multichoice":
            total = sum(max(float(a.get("fraction")), 0) for a in question.findall("answer"))
            assert total == pytest.approx(100, abs=0.001)
        if question.get("type") == "ddwtos":
            boxes = len(question.findall("dragbox"))
            gaps = [
                int(n) for n in re.findall(r"\[\[(\d+)\]\]", question.findtext("questiontext/text"))
            ]
            assert gaps and max(gaps) <= boxes


def test_gift_of_all_lessons_parses_with_the_right_answers(project):
    text = gift(project)
    parsed = _gift_parse(text)
    expected = []
    for q in bank_questions(project):
        expected += [(q, n) for n in range(max(len(q.data.get("blanks", [])), 1))]
    assert len(parsed) == len(expected)
    for question, (q, n) in zip(parsed, expected, strict=True):
        assert question.valid, question.full
        data = q.data
        answers = getattr(question.answers, "answers", None)
        kind = data["type"]
        if kind == "choice":
            right = [o["text"] for o in data["options"] if o.get("correct")]
            assert [a.answer for a in answers if a.fraction == 100] == right
            assert len(answers) == len(data["options"])
        elif kind == "multi":
            right = [o["text"] for o in data["options"] if o.get("correct")]
            assert [a.answer for a in answers if a.fraction > 0] == right
            assert sum(a.fraction for a in answers if a.fraction > 0) == pytest.approx(100, 0.01)
        elif kind == "tfng" and q.three_options:
            assert [a.answer for a in answers if a.fraction == 100] == [
                {"true": "True", "false": "False", "not given": "Not given"}[data["answer"]]
            ]
        elif kind == "tfng":
            assert question.answers.answer == (data["answer"] == "true")
        elif kind == "gap":
            right = [a.answer for a in answers if a.fraction == 100]
            if "bank" in data:
                assert right == [data["blanks"][n]["accept"][0]]
            else:
                assert right == data["blanks"][n]["accept"]
        elif kind == "match":
            assert [(a.question.strip(), a.answer.strip()) for a in answers] == [
                (p["left"], p["right"]) for p in data["pairs"]
            ]
        elif kind == "order":
            assert [a.question.strip() for a in answers] == data["items"]
        elif kind == "short":
            assert [a.answer for a in answers] == data["accept"]


def test_export_of_one_lesson_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "bank.xml"
    assert (
        main(["export", "moodle", "-o", str(out), "--lesson", ARTICLES[1], "--root", str(ROOT)])
        == 0
    )
    document = etree.parse(str(out))
    categories = [
        q.findtext("category/text") for q in document.getroot() if q.get("type") == "category"
    ]
    assert categories and all(ARTICLES[1] in c for c in categories)
    assert (
        main(
            [
                "export",
                "gift",
                "-o",
                str(tmp_path / "x"),
                "--lesson",
                "99-nope",
                "--root",
                str(ROOT),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("lessonkit: 99-nope is not an article lesson") and err.count("\n") == 1


# -- glossaries --------------------------------------------------------------------------------


def test_quizlet_has_a_tab_separated_line_per_glossary_word(project):
    lines = quizlet(project).splitlines()
    rows = [r for slug in ARTICLES for r in project.lesson(slug).vocab]
    assert len(lines) == len(rows)
    for line, row in zip(lines, rows, strict=True):
        term, definition = line.split("\t")
        assert term == row.word and definition == f"({row.pos}) {row.definition}"


def test_anki_package_opens_in_anki(project, tmp_path):
    """The official anki library opens the package's collection: one note per glossary word,
    its fields and tags, a deck per lesson; ids are stable between two builds."""
    anki = pytest.importorskip("anki.collection")
    data = anki_package(project, [ARTICLES[0]])
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        package.extract("collection.anki2", tmp_path)
        assert package.read("media") == b"{}"  # no word audio yet
    col = anki.Collection(str(tmp_path / "collection.anki2"))
    try:
        rows = project.lesson(ARTICLES[0]).vocab
        ids = col.find_notes("")
        assert len(ids) == len(rows)
        notes = {col.get_note(i)["Word"]: col.get_note(i) for i in ids}
        for row in rows:
            note = notes[row.word.replace("&", "&amp;")]
            assert note["Definition"] == row.definition.replace("&", "&amp;")
            assert note["Part of speech"] == row.pos
            assert ("learn" in note.tags) == (row.learn == "yes")
            assert ARTICLES[0] in note.tags
        assert notes["differ"]["IPA"].startswith("/") and notes["differ"]["IPA"].endswith("/")
        assert len(col.find_notes("tag:learn")) == sum(r.learn == "yes" for r in rows)
        names = [d.name for d in col.decks.all_names_and_ids()]
        assert "lessonkit::01 Biden and Putin meet in Geneva" in names
    finally:
        col.close()
    again = anki_package(project, [ARTICLES[0]])
    assert _ids(again, tmp_path / "b") == _ids(data, tmp_path / "a")


def _ids(data: bytes, folder: Path) -> tuple:
    import sqlite3

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        package.extract("collection.anki2", folder)
    db = sqlite3.connect(folder / "collection.anki2")
    try:
        models = db.execute("select models, decks from col").fetchone()
        guids = sorted(g for (g,) in db.execute("select guid from notes"))
    finally:
        db.close()
    import json

    return sorted(json.loads(models[0])), sorted(json.loads(models[1])), guids
