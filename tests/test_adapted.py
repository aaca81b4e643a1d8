"""Adapted texts (the same story at a lower level): loading, the level profile, quotations,
glosses, the questions' evidence, the level switch and the easier version on the dashboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.build.profile import MIN_SHARE, profile
from lessonkit.build.sources import load_project, quotation_pieces
from lessonkit.errors import SourceError
from tests.factories import SLUG, replaced, write_project

ADAPTED = f"lessons/{SLUG}/adapted.yml"
ADAPTED_YML = (Path(__file__).parent / "fixtures" / "adapted-tiny.yml").read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parents[1]


def load(tmp_path, text: str = ADAPTED_YML):
    return load_project(write_project(tmp_path, {ADAPTED: text}))


def test_a_good_adapted_text_loads_with_its_questions(tmp_path):
    """Does a valid adapted text load, with its paragraphs, glosses and questions, and is its
    text an article whose paragraph 0 is its title (for the questions' evidence)?"""
    tiny = load(tmp_path).lesson(SLUG)
    assert tiny.adapted.level == "A2"
    assert [p.sources for p in tiny.adapted.paragraphs] == [[1], [2]]
    assert tiny.adapted_article.title == "Two Leaders Meet"
    assert len(tiny.adapted.questions) == 6
    assert Path(ADAPTED) in tiny.files


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "level: A2",
            "level: B1",
            "lessons/01-tiny/adapted.yml, line 1, field 'level': B1 is not below the lesson's "
            "level (B1).",
        ),
        (
            "- from: [2]",
            "- from: [7]",
            "field 'paragraphs[2].from': 7 is past the article's last paragraph (2).",
        ),
        (
            '"nuclear stability"',
            '"nuclear safety"',
            "field 'paragraphs[2].text': quotes “nuclear safety”, which is not word for word in "
            "paragraph 2 of the article",
        ),
        (
            "They were happy, and they went home in the evening.",
            "They were happy, and they went home in the evening although bureaucratic "
            "negotiations persisted interminably.",
            "field 'paragraphs': has 92.6% of its words at or below A2 (at least 95% are needed)",
        ),
        (
            "They sat at a table and talked for a long time.",
            "They sat at a table and they talked and they talked and they talked for a long time "
            "and then they talked again for a long time and then they went for a walk by the "
            "lake and then they had a cup of tea and a cake and then they talked again.",
            "field 'paragraphs': has 13.4 words a sentence on average; at A2 keep it at most 12.",
        ),
        (
            "glossary:\n- word: nuclear\n  definition: about the power from very small parts of "
            "things\n",
            "glossary: []\n",
            "field 'glossary': needs a meaning for the words above A2: nuclear (or they must be in "
            "vocab/01-tiny.csv).",
        ),
        (
            "- word: nuclear",
            "- word: bicycle",
            "field 'glossary[1].word': 'bicycle' is not in the adapted text, in any form.",
        ),
        (
            "    quote: They met in a big room.",
            "    quote: They met in a small room.",
            "field 'questions[2].evidence.quote': is not word for word in paragraph 1.",
        ),
    ],
    ids=[
        "level-not-below",
        "source-paragraph-missing",
        "quotation-not-verbatim",
        "too-many-hard-words",
        "sentences-too-long",
        "hard-word-not-glossed",
        "gloss-not-in-text",
        "evidence-not-in-adapted-paragraph",
    ],
)
def test_a_broken_adapted_text_gets_one_sentence_naming_file_line_and_field(
    tmp_path, old, new, message
):
    """Does each broken rule of an adapted text give one sentence naming the file, the line
    and the field?"""
    with pytest.raises(SourceError) as error:
        load(tmp_path, replaced(ADAPTED_YML, old, new))
    text = str(error.value)
    assert text.startswith("lessons/01-tiny/adapted.yml, line ")
    assert message in text, text
    assert text.count(".") >= 1 and "\n" not in text


def test_quotation_pieces_split_at_a_cut_and_drop_end_punctuation():
    """Are quoted stretches found in straight and curly quotes, split at " … " (a shortened
    quotation), without the comma or full stop a quotation ends with?"""
    text = 'He said "we could go further, but …  not now," and “Now is the time.” Then "x".'
    assert quotation_pieces(text) == ["we could go further, but", "not now", "Now is the time", "x"]


def test_the_profile_counts_words_at_or_below_the_level_without_names():
    """Does the profile leave names out, count words above the level, and give the mean
    sentence length?"""
    found = profile(["Joe Biden met the leader.", "They signed a treaty."], "A2")
    assert found.tokens == 7  # "Joe" and "Biden" are names
    assert found.above == {"treaty": found.above["treaty"]}
    assert found.mean_sentence == pytest.approx(4.5)
    assert found.share == pytest.approx(6 / 7)


def test_every_article_lesson_has_an_easier_version_that_passes_its_profile(capsys):
    """Has each article lesson an adapted text at least one level below, with at least 95% of
    its words at or below its level? (The profiles of both versions are printed.)"""
    project = load_project(ROOT)
    for source in project.lessons:
        if source.article is None:
            continue
        adapted = source.adapted
        assert adapted is not None, source.entry.slug
        texts = [adapted.title] + [p.text for p in adapted.paragraphs]
        original = [source.article.title] + [b.text for b in source.article.paragraphs]
        easy, hard = profile(texts, adapted.level), profile(original, adapted.level)
        with capsys.disabled():
            print(
                f"\n{source.entry.slug}: easier ({adapted.level}) {100 * easy.share:.1f}% at or "
                f"below {adapted.level}, {easy.mean_sentence:.1f} words a sentence, "
                f"{easy.words} words; original {100 * hard.share:.1f}%, "
                f"{hard.mean_sentence:.1f} words a sentence, {hard.words} words"
            )
        assert easy.share >= MIN_SHARE
        assert easy.share > hard.share and easy.mean_sentence < hard.mean_sentence


def test_the_level_switch_shows_each_version():
    """Does the switch start on the original, show the easier text (its attribution, its
    numbered paragraphs and its glosses) when pressed, and go back?"""
    from lessonkit.learner.lesson import open_lesson

    lesson = open_lesson("01-geneva-summit")
    view = lesson.article()
    assert view.switch.value == "original"
    assert "lk-easier" not in view.text.value
    view.switch.value = "easier"
    assert "Adapted for learners (A2)" in view.text.value
    assert "[1]</span>" in view.text.value and "lk-glossary-word" in view.text.value
    view.switch.value = "original"
    assert "lk-easier" not in view.text.value
    # A viewer without a kernel (GitHub) sees both versions, the original first.
    easier_title = lesson.data["adapted"]["title"].upper()
    original_title = lesson.data["article"]["title"].upper()
    assert view.friendly_text.startswith(original_title)
    assert view.friendly_text.index(easier_title) > view.friendly_text.index(original_title)
    assert view.friendly_html.index("Easier text") > view.friendly_html.index("Original text")


def test_easier_questions_are_saved_apart_and_named_on_the_dashboard():
    """Are the easier version's questions a lesson key of their own (<slug>:easier), with
    their own rows and title on the dashboard?"""
    from lessonkit.teacher.dashboard import _item_index, load_lessons

    lessons = load_lessons(ROOT / "data")
    index = _item_index(lessons)
    easier = index[index["lesson"] == "01-geneva-summit:easier"]
    adapted = lessons["01-geneva-summit"]["adapted"]
    assert list(easier["item"]) == [q["id"] for q in adapted["questions"]]
    assert set(easier["title"]) == {"Biden and Putin meet in Geneva (easier text, A2)"}
    assert set(easier["section"]) == {"Easier text"}


def test_the_easier_quiz_is_its_own_view():
    """Is the easier text's quiz saved under <slug>:easier and marked with its own class (so
    the comprehension quiz stays the page's first .lk-quiz)?"""
    from lessonkit.learner.lesson import open_lesson

    quiz = open_lesson("01-geneva-summit").easier_quiz()
    assert quiz.lesson == "01-geneva-summit:easier"
    assert quiz._dom_classes == ("lk-easier-quiz",)
