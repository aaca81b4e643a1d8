"""Small helpers that build tiny lesson projects in a temporary folder.

``write_project(root)`` writes a complete, valid project with two lessons: a start page
(``00-start``) and one article lesson (``01-tiny``) with its article, lesson file and glossary.
A test breaks exactly one thing with ``files=`` (new text or bytes for a file, or ``None`` to
leave a file out), so each test says only what differs from a good project.

The line numbers of the texts below are counted in the tests' expected messages; keep them
stable (add new lines at the end).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import yaml

SLUG = "01-tiny"
MANIFEST = "lessons/lessons.yml"
ARTICLE = f"lessons/{SLUG}/article.md"
LESSON = f"lessons/{SLUG}/lesson.yml"
VOCAB = f"vocab/{SLUG}.csv"
START_PAGE = "lessons/00-start/page.md"

MANIFEST_YML = """\
lessons:
  - slug: 00-start
    title: Start here
    kind: start
    minutes: 10
  - slug: 01-tiny
    title: A tiny lesson
    kind: article
    level: B1
    minutes: 30
"""

ARTICLE_MD = """\
---
title: Leaders Meet in Geneva
outlet: Test News
date: '2021-06-16'
kind: news
source_file: tiny.txt
---

The two leaders met in Geneva on Wednesday.

## Talks

They agreed to hold talks on nuclear stability.
"""
# Paragraph 0 is the headline; paragraphs 1 and 2 are the two body paragraphs.
PARAGRAPHS = [
    "Leaders Meet in Geneva",
    "The two leaders met in Geneva on Wednesday.",
    "They agreed to hold talks on nuclear stability.",
]

LESSON_YML = """\
objectives:
  - You will read about a meeting.
before_you_read:
  prediction: What will the leaders talk about?
  key_words:
    - stability
questions:
  - id: q1
    type: choice
    skill: literal
    prompt: Where did the leaders meet?
    options:
      - text: Geneva
        correct: true
      - text: Moscow
    evidence:
      paragraph: 1
      quote: met in Geneva
    explanation: Paragraph 1 says they met in Geneva.
  - id: q2
    type: gap
    skill: vocabulary
    prompt: Complete the sentence.
    text: They agreed to hold [talks].
    evidence:
      paragraph: 2
      quote: hold talks
    explanation: Paragraph 2 says "hold talks".
language_focus:
  title: Past tense
  text: Met is the past of meet.
  questions:
    - id: lf1
      type: short
      skill: vocabulary
      prompt: What is the past of meet?
      accept:
        - met
      evidence:
        paragraph: 1
        quote: leaders met
      explanation: Paragraph 1 says "leaders met".
key_points:
  - The leaders met in Geneva.
"""

VOCAB_CSV = """\
word,form,pos,definition,example,own_example,paragraph,level,learn,note
stability,stability,noun,being steady,They agreed to hold talks on nuclear stability.,Prices need stability.,2,B2,yes,
meet,met,verb,come together,The two leaders met in Geneva on Wednesday.,We meet on Mondays.,1,A1,yes,met is the past
"""  # noqa: E501 (a CSV row is one line)

VOCAB_HEADER = VOCAB_CSV.splitlines()[0].split(",")

START_MD = "# Start here\n\nHow to use these lessons.\n"


def good_files() -> dict[str, str]:
    """The files of a valid tiny project, by path relative to the project root."""
    return {
        MANIFEST: MANIFEST_YML,
        START_PAGE: START_MD,
        ARTICLE: ARTICLE_MD,
        LESSON: LESSON_YML,
        VOCAB: VOCAB_CSV,
    }


def write_files(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write text (UTF-8) or bytes under ``root``; ``None`` removes the file if it is there."""
    for relative, content in files.items():
        path = root / relative
        if content is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def write_project(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """A valid tiny project under ``root``, with ``files`` replacing (or removing) some files."""
    return write_files(root, {**good_files(), **(files or {})})


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced; fails loudly if it is not there once.

    Tests describe a broken file as a small edit of a good one; an edit that no longer
    applies (because the good file changed) must not silently test the good file.
    """
    count = text.count(old)
    if count != 1:
        raise AssertionError(f"{old!r} occurs {count} times in the text, not once")
    return text.replace(old, new)


def lesson_files_for(article_md: str, slug: str, level: str = "B1") -> dict[str, str]:
    """A manifest, lesson file and one-word glossary that fit any article, by its first paragraph.

    The glossary word is the first long word of paragraph 1, its example the whole paragraph,
    and the one question quotes the paragraph's first four words.
    """
    body = article_md.split("\n---\n", 1)[1]
    chunks = [" ".join(c.split()) for c in body.split("\n\n")]
    first = next(c for c in chunks if c and not c.startswith("## "))
    if first.startswith("**"):  # a speaker's turn: "**Name:** text"
        first = first.split(":** ", 1)[1]
    word = re.findall(r"[A-Za-z]{5,}", first)[0]
    vocab = io.StringIO()
    writer = csv.writer(vocab, lineterminator="\n")
    writer.writerow(VOCAB_HEADER)
    writer.writerow(
        [word, word, "noun", "a word of the first paragraph", first, "A short one.", 1, level]
        + ["yes", "Level: a test row."]
    )
    lesson = {
        "objectives": ["You will read the article."],
        "before_you_read": {"prediction": "What is the article about?", "key_words": [word]},
        "questions": [
            {
                "id": "q1",
                "type": "tfng",
                "skill": "literal",
                "prompt": "The article has a first paragraph.",
                "answer": "true",
                "evidence": {"paragraph": 1, "quote": " ".join(first.split()[:4])},
                "explanation": "It starts the article.",
            }
        ],
        "key_points": ["The article has a first paragraph."],
    }
    manifest = {
        "lessons": [
            {"slug": slug, "title": "A lesson", "kind": "article", "level": level, "minutes": 30}
        ]
    }
    return {
        MANIFEST: yaml.safe_dump(manifest, sort_keys=False),
        f"lessons/{slug}/article.md": article_md,
        f"lessons/{slug}/lesson.yml": yaml.safe_dump(lesson, sort_keys=False, allow_unicode=True),
        f"vocab/{slug}.csv": vocab.getvalue(),
    }


def assert_one_sentence(message: str) -> None:
    """A message for people is one sentence: one line, a full stop at the end, no traceback."""
    assert "\n" not in message, message
    assert "Traceback" not in message, message
    assert message.endswith("."), message
    assert not message.endswith(".."), message
    assert re.search(r"[.!?] [A-Z]", message) is None, f"more than one sentence: {message}"
