"""Tests for lessonkit.build.sources and _schema: load lesson sources; one sentence per problem."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest
from factories import (
    ARTICLE,
    ARTICLE_MD,
    LESSON,
    LESSON_YML,
    MANIFEST,
    MANIFEST_YML,
    PARAGRAPHS,
    SLUG,
    VOCAB,
    VOCAB_CSV,
    assert_one_sentence,
    lesson_files_for,
    replaced,
    write_files,
    write_project,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.build.importer import parse_article_body
from lessonkit.build.sources import load_project, split_front_matter
from lessonkit.errors import SourceError

REPO = Path(__file__).resolve().parents[1]
ARTICLE_SLUGS = [
    "01-geneva-summit",
    "02-sanctions-and-an-olive-branch",
    "03-rights-after-the-summit",
    "04-a-test-for-human-rights",
]


# --- good projects ----------------------------------------------------------------------------


def test_real_project_loads():
    """Do the project's own sources (manifest, articles, lesson files, glossaries) all validate?"""
    project = load_project(REPO)
    articles = [s.entry.slug for s in project.lessons if s.entry.kind == "article"]
    assert articles == ARTICLE_SLUGS
    for slug in ARTICLE_SLUGS:
        source = project.lesson(slug)
        assert source.article is not None and source.article.paragraphs
        assert source.lesson is not None and source.lesson.questions
        assert source.vocab, f"{slug} has no glossary rows"


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_committed_article_loads(tmp_path, slug):
    """Does each committed article.md load, with a minimal lesson file and glossary, unchanged?"""
    article_md = (REPO / "lessons" / slug / "article.md").read_text(encoding="utf-8")
    write_files(tmp_path, lesson_files_for(article_md, slug))
    article = load_project(tmp_path).lesson(slug).article
    _, body, _ = split_front_matter(article_md, "article.md")
    assert article.blocks == parse_article_body(body)
    assert article.title and article.outlet and article.date


def test_tiny_project_loads(tmp_path):
    """Does the factory's tiny project load, with every part where the tests expect it?"""
    project = load_project(write_project(tmp_path))
    assert [s.entry.slug for s in project.lessons] == ["00-start", SLUG]
    start, tiny = project.lessons
    assert start.article is None and start.files == [Path("lessons/00-start/page.md")]
    assert [tiny.article.title] + [b.text for b in tiny.article.paragraphs] == PARAGRAPHS
    assert [q.id for q in tiny.lesson.questions] == ["q1", "q2"]
    assert [row.word for row in tiny.vocab] == ["stability", "meet"]
    assert tiny.files == [Path(ARTICLE), Path(LESSON), Path(VOCAB)]


def test_only_reads_the_lessons_asked_for(tmp_path):
    """Does ``only`` skip other lessons' files (here a missing article), but not the manifest?"""
    root = write_project(tmp_path, {ARTICLE: None})
    project = load_project(root, only=["00-start"])
    assert [s.entry.slug for s in project.lessons] == ["00-start"]
    assert len(project.manifest.lessons) == 2
    with pytest.raises(SourceError, match="article.md: is missing"):
        load_project(root)


class Good(NamedTuple):
    files: dict
    check: str  # what to look at after loading, as "attribute path == value"


def _tfng(answer: str) -> str:
    """LESSON_YML with one true/false/not-given question added, its answer written as given."""
    return replaced(
        LESSON_YML,
        "  - id: q2\n",
        "  - id: q3\n    type: tfng\n    skill: literal\n    prompt: They met.\n"
        f"    answer: {answer}\n    evidence:\n      paragraph: 1\n      quote: met\n"
        "    explanation: Paragraph 1 says so.\n  - id: q2\n",
    )


@pytest.mark.parametrize(
    ("files", "attribute", "value"),
    [
        pytest.param(
            {ARTICLE: ARTICLE_MD.replace("\n", "\r\n")},
            "article.title",
            "Leaders Meet in Geneva",
            id="article-saved-on-windows",
        ),
        pytest.param(
            {ARTICLE: replaced(ARTICLE_MD, "'2021-06-16'", "2021-06-16")},
            "article.date",
            "2021-06-16",
            id="article-date-without-quotes",
        ),
        pytest.param(
            {ARTICLE: "\ufeff" + ARTICLE_MD},
            "article.outlet",
            "Test News",
            id="article-with-byte-order-mark",
        ),
        pytest.param(
            {VOCAB: VOCAB_CSV.replace("\n", "\r\n")},
            "vocab[1].word",
            "meet",
            id="vocab-saved-on-windows",
        ),
        pytest.param(
            {VOCAB: "\ufeff" + VOCAB_CSV},
            "vocab[0].word",
            "stability",
            id="vocab-with-byte-order-mark",
        ),
        pytest.param(
            {VOCAB: replaced(VOCAB_CSV, "\nmeet,", "\n\nmeet,")},
            "vocab[1].form",
            "met",
            id="vocab-blank-line",
        ),
        pytest.param(
            {VOCAB: replaced(VOCAB_CSV, ",A1,yes,met is the past", ",A1,yes")},
            "vocab[1].note",
            "",
            id="vocab-row-without-its-note-cell",
        ),
        pytest.param(
            {
                VOCAB: VOCAB_CSV.replace(",note", "")
                .replace(",B2,yes,", ",B2,yes")
                .replace(",A1,yes,met is the past", ",A1,yes")
            },
            "vocab[1].level",
            "A1",
            id="vocab-without-note-column",
        ),
        pytest.param(
            {MANIFEST: replaced(MANIFEST_YML, "minutes: 30", "minutes: 30\n    assessment: true")},
            "entry.assessment",
            True,
            id="lesson-in-assessment-mode",
        ),
        pytest.param(
            {LESSON: _tfng("true")},
            "lesson.questions[1].answer",
            "true",
            id="tfng-answer-true-without-quotes",
        ),
        pytest.param(
            {LESSON: _tfng("false")},
            "lesson.questions[1].answer",
            "false",
            id="tfng-answer-false-without-quotes",
        ),
        pytest.param(
            {LESSON: replaced(LESSON_YML, "    - stability", "    - Stability")},
            "lesson.before_you_read.key_words[0]",
            "Stability",
            id="key-word-in-other-case",
        ),
    ],
)
def test_good_variants_load(tmp_path, files, attribute, value):
    """Are harmless variations (Windows line ends, a BOM, no quotes, a blank line) accepted?"""
    source = load_project(write_project(tmp_path, files)).lesson(SLUG)
    got = source
    for part in attribute.replace("]", "").replace("[", ".").split("."):
        got = got[int(part)] if part.isdigit() else getattr(got, part)
    assert got == value


# --- the catalogue of malformed sources ---------------------------------------------------------


class Bad(NamedTuple):
    files: dict  # what differs from the good tiny project
    message: str  # the exact sentence
    line_text: str | None = None  # a text that stands on the line the message names


M, A, L, V = MANIFEST_YML, ARTICLE_MD, LESSON_YML, VOCAB_CSV

CATALOGUE = {
    # lessons/lessons.yml
    "manifest-missing": Bad({MANIFEST: None}, "lessons/lessons.yml: is missing."),
    "manifest-empty": Bad({MANIFEST: ""}, "lessons/lessons.yml: is empty."),
    "manifest-only-a-comment": Bad(
        {MANIFEST: "# lessons come here\n"}, "lessons/lessons.yml: is empty."
    ),
    "manifest-not-a-mapping": Bad(
        {MANIFEST: "- 00-start\n- 01-tiny\n"},
        "lessons/lessons.yml, line 1: must be a group of fields, not list ['00-start', '01-tiny'].",
        "- 00-start",
    ),
    "manifest-no-lessons": Bad(
        {MANIFEST: "lessons: []\n"},
        "lessons/lessons.yml, line 1, field 'lessons': list should have at least 1 item after "
        "validation, not 0.",
        "lessons: []",
    ),
    "manifest-missing-field": Bad(
        {MANIFEST: replaced(M, "    title: A tiny lesson\n", "")},
        "lessons/lessons.yml, line 6, field 'lessons[2].title': is missing.",
        "slug: 01-tiny",
    ),
    "manifest-minutes-in-words": Bad(
        {MANIFEST: replaced(M, "minutes: 30", 'minutes: "sixty"')},
        "lessons/lessons.yml, line 10, field 'lessons[2].minutes': must be a whole number, "
        "not 'sixty'.",
        '"sixty"',
    ),
    "manifest-minutes-zero": Bad(
        {MANIFEST: replaced(M, "minutes: 30", "minutes: 0")},
        "lessons/lessons.yml, line 10, field 'lessons[2].minutes': input should be greater than 0.",
        "minutes: 0",
    ),
    "manifest-duplicate-slug": Bad(
        {MANIFEST: replaced(M, "slug: 01-tiny", "slug: 00-start")},
        "lessons/lessons.yml, line 6, field 'lessons[2].slug': '00-start' is used twice "
        "(first at lesson 1).",
        "slug: 00-start",
    ),
    "manifest-assessment-in-words": Bad(
        {MANIFEST: replaced(M, "minutes: 30", "minutes: 30\n    assessment: sometimes")},
        "lessons/lessons.yml, line 11, field 'lessons[2].assessment': must be true or false, "
        "not 'sometimes'.",
        "assessment: sometimes",
    ),
    "manifest-unknown-level": Bad(
        {MANIFEST: replaced(M, "level: B1", "level: B5")},
        "lessons/lessons.yml, line 9, field 'lessons[2].level': 'B5' is not allowed; use one of "
        "'A1', 'A2', 'B1', 'B2', 'C1' or 'C2'.",
        "level: B5",
    ),
    "manifest-unknown-kind": Bad(
        {MANIFEST: replaced(M, "kind: article", "kind: quiz")},
        "lessons/lessons.yml, line 8, field 'lessons[2].kind': 'quiz' is not allowed; use one of "
        "'start', 'article', 'compare', 'reporting' or 'review'.",
        "kind: quiz",
    ),
    "manifest-article-without-level": Bad(
        {MANIFEST: replaced(M, "    level: B1\n", "")},
        "lessons/lessons.yml, line 6, field 'lessons[2]': an article lesson needs a level "
        "(A1 to C2).",
        "slug: 01-tiny",
    ),
    "manifest-bad-slug": Bad(
        {MANIFEST: replaced(M, "slug: 01-tiny", "slug: Tiny Lesson")},
        "lessons/lessons.yml, line 6, field 'lessons[2].slug': 'Tiny Lesson' is not a lesson "
        "slug; use two digits and lower-case words joined by dashes, like 01-geneva-summit.",
        "Tiny Lesson",
    ),
    "manifest-unknown-field": Bad(
        {MANIFEST: replaced(M, "    minutes: 30", "    minutes: 30\n    teacher: Ann")},
        "lessons/lessons.yml, line 11, field 'lessons[2].teacher': is not a known field "
        "(check the spelling).",
        "teacher: Ann",
    ),
    "manifest-misspelt-field": Bad(
        {MANIFEST: replaced(M, "    minutes: 30", "    minuts: 30")},
        "lessons/lessons.yml, line 10, field 'lessons[2].minuts': is not a known field "
        "(did you mean 'minutes').",
        "minuts: 30",
    ),
    "manifest-tab": Bad(
        {MANIFEST: replaced(M, "    kind: start", "\tkind: start")},
        "lessons/lessons.yml, line 4: is not valid YAML (found character '\\t' that cannot start "
        "any token).",
        "\tkind: start",
    ),
    "manifest-unclosed-bracket": Bad(
        {MANIFEST: M + "  - [00-review, Review\n"},
        "lessons/lessons.yml, line 11: is not valid YAML (a bracket opened on this line is not "
        "closed; expected ',' or ']', but got '<stream end>').",
        "[00-review",
    ),
    "manifest-two-documents": Bad(
        {MANIFEST: M + "---\nlessons: []\n"},
        "lessons/lessons.yml, line 11: is not valid YAML (expected a single document in the "
        "stream, but found another document).",
        "---",
    ),
    "manifest-control-character": Bad(
        {MANIFEST: replaced(M, "A tiny lesson", "A tiny\x07lesson")},
        "lessons/lessons.yml, line 7: is not valid YAML (the control character U+0007 is not "
        "allowed).",
        "\x07",
    ),
    "manifest-bad-tag": Bad(
        {MANIFEST: replaced(M, "minutes: 30", "minutes: !!int thirty")},
        "lessons/lessons.yml: is not valid YAML (a value cannot be read: invalid literal for "
        "int() with base 10: 'thirty').",
    ),
    "manifest-empty-tag": Bad(
        {MANIFEST: replaced(M, "minutes: 30", "minutes: !!bool")},
        "lessons/lessons.yml: is not valid YAML (a value cannot be read).",
    ),
    "manifest-nested-too-deeply": Bad(
        {MANIFEST: "lessons: " + "[" * 5000},
        "lessons/lessons.yml: is not valid YAML (it is nested too deeply).",
    ),
    "manifest-impossible-date": Bad(
        {MANIFEST: replaced(M, "minutes: 30", "minutes: 2021-13-45")},
        "lessons/lessons.yml, line 10, field 'lessons[2].minutes': must be a whole number, "
        "not '2021-13-45'.",
        "2021-13-45",
    ),
    "manifest-not-utf8": Bad(
        {MANIFEST: replaced(M, "A tiny lesson", "A tiny lesson café").encode("latin-1")},
        "lessons/lessons.yml, line 7: is not UTF-8 text; save it again as UTF-8.",
        "caf",
    ),
    "lesson-folder-missing": Bad(
        {ARTICLE: None, LESSON: None, VOCAB: None},
        "lessons/lessons.yml, line 6, field 'lessons[2].slug': lesson '01-tiny' has no folder "
        "lessons/01-tiny/.",
        "slug: 01-tiny",
    ),
    # lessons/<slug>/article.md
    "article-missing": Bad({ARTICLE: None}, "lessons/01-tiny/article.md: is missing."),
    "article-without-front-matter": Bad(
        {ARTICLE: A.split("---\n\n", 1)[1]},
        "lessons/01-tiny/article.md, line 1: must start with a '---' line and the article's "
        "details.",
        "The two leaders",
    ),
    "article-front-matter-not-closed": Bad(
        {ARTICLE: A.replace("---\n\n", "\n")},
        "lessons/01-tiny/article.md, line 1: has no closing '---' line after the article's "
        "details.",
        "---",
    ),
    "article-without-paragraphs": Bad(
        {ARTICLE: A.split("---\n\n", 1)[0] + "---\n\n## Talks\n"},
        "lessons/01-tiny/article.md, line 9, field 'text': has no paragraphs; paste the article "
        "text.",
        "## Talks",
    ),
    "article-empty-body": Bad(
        {ARTICLE: A.split("---\n\n", 1)[0] + "---\n\n"},
        "lessons/01-tiny/article.md, line 8, field 'text': has no paragraphs; paste the article "
        "text.",
        "",  # the blank line after the front matter, where the text goes
    ),
    "article-missing-field": Bad(
        {ARTICLE: replaced(A, "outlet: Test News\n", "")},
        "lessons/01-tiny/article.md, line 2, field 'outlet': is missing.",
        "title:",
    ),
    "article-misspelt-field": Bad(
        {ARTICLE: replaced(A, "outlet: Test News", "outlett: Test News")},
        "lessons/01-tiny/article.md, line 3, field 'outlett': is not a known field "
        "(did you mean 'outlet').",
        "outlett:",
    ),
    "article-bad-date": Bad(
        {ARTICLE: replaced(A, "'2021-06-16'", "June 2021")},
        "lessons/01-tiny/article.md, line 4, field 'date': 'June 2021' is not a date; write it "
        "as YYYY-MM-DD or YYYY-MM, like 2021-06-16.",
        "June 2021",
    ),
    "article-unknown-kind": Bad(
        {ARTICLE: replaced(A, "kind: news", "kind: blog")},
        "lessons/01-tiny/article.md, line 5, field 'kind': 'blog' is not allowed; use one of "
        "'news' or 'transcript'.",
        "kind: blog",
    ),
    "article-unclosed-bracket": Bad(
        {ARTICLE: replaced(A, "outlet: Test News", "outlet: [Test News")},
        "lessons/01-tiny/article.md, line 3: is not valid YAML (a bracket opened on this line is "
        "not closed; expected ',' or ']', but got ':').",
        "[Test News",
    ),
    "article-not-utf8": Bad(
        {ARTICLE: replaced(A, "on Wednesday.", "on Wednesday in the café.").encode("latin-1")},
        "lessons/01-tiny/article.md, line 9: is not UTF-8 text; save it again as UTF-8.",
        "caf",
    ),
    # vocab/<slug>.csv
    "vocab-missing": Bad({VOCAB: None}, "vocab/01-tiny.csv: is missing."),
    "vocab-empty": Bad(
        {VOCAB: ""}, "vocab/01-tiny.csv: is empty; it needs a header line and one row per word."
    ),
    "vocab-only-header": Bad(
        {VOCAB: V.splitlines(keepends=True)[0]},
        "vocab/01-tiny.csv: has no words; add one row per word under the header.",
    ),
    "vocab-missing-column": Bad(
        {
            VOCAB: V.replace("word,form,", "word,")
            .replace("stability,stability,", "stability,")
            .replace("meet,met,", "meet,")
        },
        "vocab/01-tiny.csv, line 1, field 'form': is a missing column in the first line.",
        "word,pos,",
    ),
    "vocab-unknown-column": Bad(
        {VOCAB: replaced(V, ",note\n", ",note,source\n")},
        "vocab/01-tiny.csv, line 1, field 'source': is not a known column (check the spelling).",
        ",source",
    ),
    "vocab-too-many-cells": Bad(
        {VOCAB: replaced(V, "met is the past", "met is the past,extra")},
        "vocab/01-tiny.csv, line 3: has more cells than the header has columns.",
        ",extra",
    ),
    "vocab-too-few-cells": Bad(
        {VOCAB: replaced(V, ",1,A1,yes,met is the past", ",1")},
        "vocab/01-tiny.csv, line 3, field 'level': has no cell; the line has 7 cells and the "
        "header has 10 columns.",
        "meet,met",
    ),
    "vocab-empty-cell": Bad(
        {VOCAB: replaced(V, "come together", "")},
        "vocab/01-tiny.csv, line 3, field 'definition': is empty.",
        "meet,met,verb,,",
    ),
    "vocab-unknown-level": Bad(
        {VOCAB: replaced(V, ",A1,", ",B5,")},
        "vocab/01-tiny.csv, line 3, field 'level': 'B5' is not a level; use one of A1, A2, B1, "
        "B2, C1, C2.",
        ",B5,",
    ),
    "vocab-unknown-level-after-blank-line": Bad(
        {
            VOCAB: replaced(
                V,
                "\nmeet,met,verb,come together,The two leaders met in Geneva on Wednesday.,",
                "\n\nmeet,met,verb,come together,The two leaders met in Geneva on Wednesday.,",
            ).replace(",1,A1,", ",1,B5,")
        },
        "vocab/01-tiny.csv, line 4, field 'level': 'B5' is not a level; use one of A1, A2, B1, "
        "B2, C1, C2.",
        ",B5,",
    ),
    "vocab-unknown-pos": Bad(
        {VOCAB: replaced(V, ",verb,", ",verbb,")},
        "vocab/01-tiny.csv, line 3, field 'pos': 'verbb' is not allowed; use one of 'noun', "
        "'verb', 'adjective', 'adverb', 'preposition', 'conjunction' or 'exclamation'.",
        ",verbb,",
    ),
    "vocab-paragraph-in-words": Bad(
        {VOCAB: replaced(V, ",1,A1,", ",one,A1,")},
        "vocab/01-tiny.csv, line 3, field 'paragraph': must be a whole number, not 'one'.",
        ",one,",
    ),
    "vocab-unclosed-quote": Bad(
        {VOCAB: V + 'summit,summit,noun,"a meeting,The summit.,1,B1,\n'},
        "vocab/01-tiny.csv, line 4, field 'definition': runs over more than one line; a closing "
        'quote (") may be missing.',
        '"a meeting',
    ),
    "vocab-not-utf8": Bad(
        {VOCAB: replaced(V, "come together", "come together, at a café").encode("latin-1")},
        "vocab/01-tiny.csv, line 3: is not UTF-8 text; save it again as UTF-8.",
        "caf",
    ),
    "vocab-cell-too-large": Bad(
        {VOCAB: V + "summit,summit,noun," + "x" * 200_000 + ",The summit.,A summit.,1,B1,,\n"},
        "vocab/01-tiny.csv, line 4: is not valid CSV (field larger than field limit (131072)).",
        "summit,summit",
    ),
    "vocab-form-not-in-example": Bad(
        {VOCAB: replaced(V, "meet,met,verb,come together", "greet,greeted,verb,say hello to")},
        "vocab/01-tiny.csv, line 3, field 'form': 'greeted' is not in the example sentence.",
        "greet,greeted",
    ),
    "vocab-form-not-of-the-headword": Bad(
        {VOCAB: replaced(V, "meet,met,verb,come together", "greet,met,verb,say hello to")},
        "vocab/01-tiny.csv, line 3, field 'form': 'met' is not a form of the headword 'greet'.",
        "greet,met",
    ),
    "vocab-level-without-reason": Bad(
        {VOCAB: replaced(V, ",1,A1,yes,", ",1,B2,yes,")},
        "vocab/01-tiny.csv, line 3, field 'note': the level B2 differs from the project's "
        "estimate (A1, cefrpy or wordfreq): add a sentence starting 'Level:' that says why.",
        ",B2,yes",
    ),
    "vocab-phrase-without-kind": Bad(
        {VOCAB: replaced(V, "meet,met,verb,", "meet in,met in,verb,")},
        "vocab/01-tiny.csv, line 3, field 'note': 'meet in' has more than one word: start the "
        "note with what it is (Idiom., Phrasal verb., Collocation. or Compound noun.).",
        "meet in,met in",
    ),
    "vocab-own-example-too-long": Bad(
        {VOCAB: replaced(V, "We meet on Mondays.", "We " + "really " * 14 + "meet.")},
        "vocab/01-tiny.csv, line 3, field 'own_example': has 16 words; an example of our own has "
        "at most 15.",
        "really really",
    ),
    "vocab-example-not-verbatim": Bad(
        {VOCAB: replaced(V, "The two leaders met in Geneva on Wednesday.", "The leaders met.")},
        "vocab/01-tiny.csv, line 3, field 'example': is not word for word in paragraph 1.",
        "The leaders met.",
    ),
    "vocab-paragraph-past-the-end": Bad(
        {VOCAB: replaced(V, ",1,A1,", ",7,A1,")},
        "vocab/01-tiny.csv, line 3, field 'paragraph': 7 is past the article's last paragraph (2).",
        ",7,",
    ),
    # lessons/<slug>/lesson.yml
    "lesson-missing": Bad({LESSON: None}, "lessons/01-tiny/lesson.yml: is missing."),
    "lesson-empty": Bad({LESSON: "\n"}, "lessons/01-tiny/lesson.yml: is empty."),
    "lesson-no-objectives": Bad(
        {
            LESSON: replaced(
                L, "objectives:\n  - You will read about a meeting.\n", "objectives: []\n"
            )
        },
        "lessons/01-tiny/lesson.yml, line 1, field 'objectives': list should have at least 1 item "
        "after validation, not 0.",
        "objectives: []",
    ),
    "lesson-key-word-not-in-glossary": Bad(
        {LESSON: replaced(L, "    - stability", "    - summit")},
        "lessons/01-tiny/lesson.yml, line 6, field 'before_you_read.key_words[1]': 'summit' is "
        "not in the glossary vocab/01-tiny.csv.",
        "- summit",
    ),
    "lesson-unknown-question-type": Bad(
        {LESSON: replaced(L, "type: choice", "type: essay")},
        "lessons/01-tiny/lesson.yml, line 9, field 'questions[1].type': 'essay' is not a question "
        "type; use one of 'choice', 'multi', 'tfng', 'gap', 'match', 'order', 'short'.",
        "type: essay",
    ),
    "lesson-question-without-type": Bad(
        {LESSON: replaced(L, "    type: choice\n", "")},
        "lessons/01-tiny/lesson.yml, line 8, field 'questions[1]': needs a 'type' field (choice, "
        "multi, tfng, gap, match, order or short).",
        "- id: q1",
    ),
    "lesson-choice-two-correct": Bad(
        {
            LESSON: replaced(
                L, "      - text: Moscow\n", "      - text: Moscow\n        correct: true\n"
            )
        },
        "lessons/01-tiny/lesson.yml, line 8, field 'questions[1]': a choice question needs exactly "
        "one option with 'correct: true'.",
        "- id: q1",
    ),
    "lesson-bad-question-id": Bad(
        {LESSON: replaced(L, "id: q1", "id: Q 1")},
        "lessons/01-tiny/lesson.yml, line 8, field 'questions[1].id': 'Q 1' is not a question id; "
        "use lower-case letters, digits and dashes, like q1.",
        "id: Q 1",
    ),
    "lesson-tfng-unknown-answer": Bad(
        {LESSON: _tfng("maybe")},
        "lessons/01-tiny/lesson.yml, line 24, field 'questions[2].answer': 'maybe' is not "
        "allowed; use one of 'true', 'false' or 'not given'.",
        "answer: maybe",
    ),
    "lesson-quote-not-in-paragraph": Bad(
        {LESSON: replaced(L, "quote: met in Geneva", "quote: met in Moscow")},
        "lessons/01-tiny/lesson.yml, line 18, field 'questions[1].evidence.quote': is not word "
        "for word in paragraph 1.",
        "met in Moscow",
    ),
    "lesson-paragraph-past-the-end": Bad(
        {LESSON: replaced(L, "paragraph: 2\n", "paragraph: 9\n")},
        "lessons/01-tiny/lesson.yml, line 26, field 'questions[2].evidence.paragraph': 9 is past "
        "the article's last paragraph (2).",
        "paragraph: 9",
    ),
    "lesson-duplicate-id": Bad(
        {LESSON: replaced(L, "id: q2", "id: q1")},
        "lessons/01-tiny/lesson.yml, line 20, field 'questions[2].id': 'q1' is used twice.",
        "- id: q1",
    ),
    "lesson-gap-without-brackets": Bad(
        {LESSON: replaced(L, "[talks]", "talks")},
        "lessons/01-tiny/lesson.yml, line 24, field 'questions[2].text': the text needs at least "
        "one gap in square brackets, like [word].",
        "text: They agreed",
    ),
    "lesson-misspelt-field": Bad(
        {
            LESSON: replaced(
                L,
                "    explanation: Paragraph 1 says they",
                "    explenation: Paragraph 1 says they",
            )
        },
        "lessons/01-tiny/lesson.yml, line 19, field 'questions[1].explenation': is not a known "
        "field (did you mean 'explanation').",
        "explenation:",
    ),
    "lesson-number-where-text-is-wanted": Bad(
        {LESSON: replaced(L, "        - met\n", "        - 1985\n")},
        "lessons/01-tiny/lesson.yml, line 38, field 'language_focus.questions[1].accept[1]': must "
        "be text, not the int 1985; put it in quotes.",
        "- 1985",
    ),
    "lesson-language-focus-quote": Bad(
        {LESSON: replaced(L, "quote: leaders met", "quote: leaders meet")},
        "lessons/01-tiny/lesson.yml, line 41, field 'language_focus.questions[1].evidence.quote': "
        "is not word for word in paragraph 1.",
        "leaders meet",
    ),
    "lesson-language-focus-duplicate-id": Bad(
        {LESSON: replaced(L, "id: lf1", "id: q1")},
        "lessons/01-tiny/lesson.yml, line 33, field 'language_focus.questions[1].id': 'q1' is used "
        "twice.",
        "- id: q1",
    ),
    "lesson-tab": Bad(
        {
            LESSON: replaced(
                L,
                "      paragraph: 1\n      quote: met in Geneva",
                "      paragraph: 1\n\tquote: met in Geneva",
            )
        },
        "lessons/01-tiny/lesson.yml, line 18: is not valid YAML (found character '\\t' that "
        "cannot start any token).",
        "\tquote",
    ),
    "lesson-alias-loop": Bad(
        {LESSON: replaced(L, "  - You will read about a meeting.\n", "  - &a [*a]\n")},
        "lessons/01-tiny/lesson.yml, line 2, field 'objectives[1]': must be text, "
        "not list [[...]].",
        "&a [*a]",
    ),
    "lesson-not-utf8": Bad(
        {LESSON: replaced(L, "Geneva.\n  - id: q2", "Genève.\n  - id: q2").encode("latin-1")},
        "lessons/01-tiny/lesson.yml, line 19: is not UTF-8 text; save it again as UTF-8.",
        "Gen",
    ),
}


def _line_of(root: Path, error: SourceError) -> str:
    lines = (root / error.path).read_bytes().decode("utf-8", "replace").splitlines()
    return lines[error.line - 1]


@pytest.mark.parametrize("case", CATALOGUE.values(), ids=CATALOGUE.keys())
def test_malformed_source(tmp_path, case):
    """Does each malformed source give its one exact sentence, naming file, line and field?"""
    root = write_project(tmp_path, case.files)
    with pytest.raises(SourceError) as caught:
        load_project(root)
    message = str(caught.value)
    assert message == case.message
    assert_one_sentence(message)
    assert message.startswith(caught.value.path)
    if case.line_text is None:
        assert caught.value.line is None
    else:
        assert case.line_text in _line_of(root, caught.value)


def test_catalogue_is_large_and_covers_every_file():
    """Does the catalogue hold at least 20 cases, with some for each kind of source file?"""
    assert len(CATALOGUE) >= 20
    named = {case.message.split(",")[0].split(":")[0] for case in CATALOGUE.values()}
    assert named == {MANIFEST, ARTICLE, LESSON, VOCAB}


# --- any text at all gives a SourceError ------------------------------------------------------

YAML_BITS = st.sampled_from(
    [
        "lessons:",
        "- ",
        "  ",
        "\t",
        "slug: 01-tiny",
        "kind: article",
        "level: B5",
        "minutes: 30",
        "questions:",
        "  - id: q1",
        "type: gap",
        "text: [a",
        "{",
        "}",
        "[",
        "]",
        ": ",
        "&a ",
        "*a",
        "!!int ",
        "'",
        '"',
        "#",
        "---",
        "2021-13-45",
        "~",
        "\n",
        "\n",
        "\x07",
        "é",
    ]
)
CSV_BITS = st.sampled_from(
    [
        ",",
        "\n",
        "\r\n",
        '"',
        "word",
        "lemma,pos",
        "noun",
        "B5",
        "A1",
        "1",
        "-3",
        "met",
        "x" * 5,
        "They agreed to hold talks on nuclear stability.",
        "\x00",
        ";",
        "\ufeff",
        "é",
    ]
)


def _source_text(bits):
    return st.one_of(st.text(max_size=200), st.lists(bits, max_size=40).map("".join))


@pytest.mark.parametrize(
    ("relative", "strategy"),
    [
        (MANIFEST, _source_text(YAML_BITS)),
        (LESSON, _source_text(YAML_BITS)),
        (VOCAB, _source_text(CSV_BITS)),
    ],
    ids=["manifest", "lesson", "vocab"],
)
def test_any_text_gives_a_source_error_or_loads(relative, strategy):
    """Whatever text stands in a source file, does load_project raise only SourceError?"""

    @settings(max_examples=60, deadline=None)
    @given(text=strategy)
    def check(text):
        with tempfile.TemporaryDirectory() as folder:
            root = write_project(Path(folder), {relative: text})
            try:
                load_project(root)
            except SourceError as error:
                message = str(error)
                assert_one_line(message)
                assert message.startswith((MANIFEST, ARTICLE, LESSON, VOCAB)), message

    check()


def assert_one_line(message: str) -> None:
    """Quoted input may hold anything, so only the shape of the sentence is checked here."""
    assert "\n" not in message and "Traceback" not in message, message
    assert message.endswith("."), message
