"""The speech audio of the article lessons (data/audio/, issue 19) matches its text: each
article, its easier text and its glossary words.

These tests need no speech engine: they read the committed MP3 files and their timings.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lessonkit.build import speech as _speech
from lessonkit.build.sources import load_article
from lessonkit.build.text import words

ROOT = Path(__file__).resolve().parents[1]
SLUGS = _speech.article_slugs(ROOT)
# The read texts: each article ("") and its easier version.
TEXTS = [(slug, kind) for slug in SLUGS for kind in ("", "easier")]
MB = 1_000_000


def stored(slug: str, kind: str = "") -> dict:
    return json.loads((ROOT / _speech.timings_path(slug, kind)).read_text(encoding="utf-8"))


def planned(slug: str, kind: str) -> list:
    if kind == "easier":
        return _speech.easier_plan(_speech.load_adapted_text(ROOT, slug), slug)
    return _speech.plan(article(slug), slug)


def article(slug: str):
    return load_article(ROOT / _speech.article_path(slug), str(_speech.article_path(slug)))


def test_every_article_lesson_has_audio():
    """The article, the easier text and the glossary words of every article lesson."""
    assert SLUGS, "no article lessons found"
    for slug in SLUGS:
        assert (ROOT / _speech.adapted_path(slug)).is_file(), slug
        for kind in ("", "easier", "words"):
            path = ROOT / _speech.timings_path(slug, kind)
            assert path.is_file(), path
            assert path.with_suffix(".mp3").is_file(), path
    assert (ROOT / _speech.AUDIO / "LICENSES.md").is_file()


def test_the_audio_is_not_stale():
    """Does the fingerprint of every article's audio match its current text and settings?"""
    assert _speech.stale(ROOT) == []


@pytest.mark.parametrize(("slug", "kind"), TEXTS)
def test_every_sentence_has_a_timing(slug, kind):
    """The headline and every sentence of every paragraph, in order, once each."""
    expected = [(s.paragraph, s.sentence, s.text) for s in planned(slug, kind)]
    got = [(s["paragraph"], s["sentence"], s["text"]) for s in stored(slug, kind)["sentences"]]
    assert got == expected


@pytest.mark.parametrize(("slug", "kind"), TEXTS)
def test_timings_increase_inside_the_file(slug, kind):
    data = stored(slug, kind)
    duration = _speech.mp3_duration(ROOT / _speech.AUDIO / data["audio"])
    assert duration == pytest.approx(data["duration"], abs=0.01)
    previous_end = 0.0
    for s in data["sentences"]:
        assert previous_end <= s["start"] < s["end"] <= duration, s["text"]
        previous_end = s["end"]


@pytest.mark.parametrize(("slug", "kind"), TEXTS)
def test_durations_are_plausible_for_the_word_count(slug, kind):
    """100-200 words a minute over the whole file; per sentence of 8 words or more, 80-280 (a
    short sentence is read faster or slower than the average; outside this range a sentence
    would be cut off or stretched)."""
    data = stored(slug, kind)
    spoken = [s for s in data["sentences"] if s["read"]]
    total_words = sum(len(words(s["text"])) for s in spoken)
    assert 100 <= total_words / (data["duration"] / 60) <= 200
    for s in spoken:
        n = len(words(s["text"]))
        if n >= 8:
            assert 80 <= n / ((s["end"] - s["start"]) / 60) <= 280, s["text"]


@pytest.mark.parametrize(("slug", "kind"), [*TEXTS, *((slug, "words") for slug in SLUGS)])
def test_file_size_is_at_most_04_mb_a_minute(slug, kind):
    data = stored(slug, kind)
    size = (ROOT / _speech.AUDIO / data["audio"]).stat().st_size
    assert size / MB <= 0.4 * data["duration"] / 60


def test_all_audio_is_under_20_mb():
    total = sum(p.stat().st_size for p in (ROOT / _speech.AUDIO).rglob("*") if p.is_file())
    assert total < 20 * MB


# --- glossary words ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_every_glossary_word_is_timed_once_in_order(slug):
    """Every headword of vocab/<slug>.csv, in the glossary's order, once, with its part of
    speech; the timings increase and lie inside the MP3."""
    data = stored(slug, "words")
    rows = _speech.load_glossary(ROOT, slug)
    plan = _speech.word_plan(rows)
    assert [(w["word"], w["pos"]) for w in data["words"]] == [(i.word, i.pos) for i in plan]
    assert {w["word"].lower() for w in data["words"]} == {r.word.lower() for r in rows}
    duration = _speech.mp3_duration(ROOT / _speech.AUDIO / data["audio"])
    assert duration == pytest.approx(data["duration"], abs=0.01)
    # At least 0.5 s of silence between words (0.15 s before the first and after the last), so
    # a clip with a 0.15 s margin on each side never takes a sound of the neighbouring word.
    previous_end = 0.15 - 0.5
    for w in data["words"]:
        assert previous_end + 0.5 <= w["start"] < w["end"] <= duration - 0.15, w["word"]
        previous_end = w["end"]


@pytest.mark.parametrize("slug", SLUGS)
def test_word_durations_are_plausible(slug):
    """A word said alone takes 0.4-1.6 s (a short phrase up to 0.8 s a word, plus 0.5 s):
    shorter would be cut off, longer would be stretched or carry silence that was not trimmed."""
    for w in stored(slug, "words")["words"]:
        n = len(w["word"].replace("-", " ").split())
        assert 0.4 <= w["end"] - w["start"] <= max(1.6, 0.5 + 0.8 * n), w


def test_a_changed_glossary_word_makes_its_audio_stale(tmp_path):
    """Only what is read counts: a new definition leaves the word audio fresh; a changed or
    added headword, or a heteronym's part of speech, makes it stale; a missing file is named."""
    slug = SLUGS[0]
    for name in ("lessons", "vocab"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / _speech.AUDIO, tmp_path / _speech.AUDIO)
    assert _speech.stale(tmp_path) == []
    path = tmp_path / _speech.vocab_path(slug)
    text = path.read_text(encoding="utf-8")
    words_json = str(_speech.timings_path(slug, "words"))

    path.write_text(text.replace("to not agree;", "to disagree;"), encoding="utf-8")
    assert _speech.stale(tmp_path) == []
    path.write_text(text.replace("\ndiffer,differed,", "\ndiffers,differed,"), encoding="utf-8")
    (problem,) = _speech.stale(tmp_path)
    assert problem.startswith(words_json) and "'fingerprint'" in problem
    assert str(_speech.vocab_path(slug)) in problem
    row = text.splitlines()[1]
    path.write_text(text + row.replace("differ,differed", "tremble,trembled") + "\n", "utf-8")
    (problem,) = _speech.stale(tmp_path)
    assert problem.startswith(words_json)
    path.write_text(text.replace("\nconvict,convicted,verb,", "\nconvict,convicted,noun,"), "utf-8")
    (problem,) = _speech.stale(tmp_path)
    assert problem.startswith(words_json)

    path.write_text(text, encoding="utf-8")
    (tmp_path / words_json).unlink()
    (problem,) = _speech.stale(tmp_path)
    assert problem.startswith(f"{words_json} is missing")


def test_word_plan_reads_heteronyms_in_their_part_of_speech():
    """A lone 'convict' would be read as the noun (KON-vict); the glossary's verb gets the
    verb's stress. A word listed twice is read once."""
    from lessonkit.build.schema import VocabRow

    def row(word, pos):
        return VocabRow.model_construct(word=word, pos=pos)

    items = _speech.word_plan([row("convict", "verb"), row("talks", "noun"), row("Talks", "noun")])
    assert [i.word for i in items] == ["convict", "talks"]
    assert items[0].say == "[convict](/kənvˈɪkt/)" and items[1].say == "talks"
    assert _speech.word_plan([row("convict", "noun")])[0].say == "convict"


def test_a_changed_easier_text_makes_its_audio_stale(tmp_path):
    slug = SLUGS[0]
    shutil.copytree(ROOT / "lessons", tmp_path / "lessons")
    shutil.copytree(ROOT / _speech.AUDIO, tmp_path / _speech.AUDIO)
    path = tmp_path / _speech.adapted_path(slug)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("They talked for about three hours.", "They talked."), "utf-8")
    (problem,) = _speech.stale(tmp_path)
    assert problem.startswith(str(_speech.timings_path(slug, "easier")))
    assert "'fingerprint'" in problem and str(_speech.adapted_path(slug)) in problem


def test_the_transcript_speakers_have_distinct_voices():
    """Lesson 4 is a radio transcript: a woman and men speak, each in their own voice, and
    the speaker labels are not read aloud."""
    transcripts = [slug for slug in SLUGS if article(slug).kind == "transcript"]
    assert transcripts
    for slug in transcripts:
        voices: dict[str, set[str]] = {}
        for s in stored(slug)["sentences"]:
            if s["speaker"] and s["read"]:
                voices.setdefault(s["speaker"], set()).add(s["voice"])
                assert not s["text"].startswith(s["speaker"] + ":")
        assert all(len(v) == 1 for v in voices.values())
        used = {v for vs in voices.values() for v in vs}
        assert len(used) == len(voices) >= 2
        assert {v[:2] for v in used} >= {"af", "am"}  # Kokoro's names: American female, male


def test_a_changed_sentence_or_a_missing_file_is_reported(tmp_path):
    """stale() names the file and the field when the text changed or the audio is gone."""
    slug = SLUGS[0]
    shutil.copytree(ROOT / "lessons", tmp_path / "lessons")
    shutil.copytree(ROOT / _speech.AUDIO, tmp_path / _speech.AUDIO)
    assert _speech.stale(tmp_path) == []
    path = tmp_path / _speech.article_path(slug)
    text = path.read_text(encoding="utf-8")
    first = article(slug).paragraphs[0].text
    path.write_text(text.replace(first, first + " One more sentence."), encoding="utf-8")
    (problem,) = _speech.stale(tmp_path)
    assert str(_speech.timings_path(slug)) in problem and "'fingerprint'" in problem
    path.write_text(text, encoding="utf-8")
    (tmp_path / _speech.AUDIO / f"{slug}.mp3").write_bytes(b"")
    (problem,) = _speech.stale(tmp_path)
    assert "'mp3_sha256'" in problem
    (tmp_path / _speech.AUDIO / f"{slug}.mp3").unlink()
    (tmp_path / _speech.timings_path(SLUGS[-1])).unlink()
    problems = _speech.stale(tmp_path)
    assert len(problems) == 2 and all("missing" in p for p in problems)


def test_stale_needs_no_speech_engine():
    """``lessonkit check`` may call stale() where the speech group is not installed."""
    code = (
        "import sys\n"
        "for name in ('onnxruntime', 'hibari', 'lameenc', 'pocketsphinx', 'miniaudio'):\n"
        "    sys.modules[name] = None  # importing any of them now fails\n"
        "from lessonkit.build import speech as _speech\n"
        "import json\n"
        f"print(json.dumps(_speech.stale({str(ROOT)!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == _speech.stale(ROOT)


def test_learner_modules_do_not_import_speech():
    """The speech module is build time only: importing what a lesson runs does not load it
    (tests/test_layout.py checks that no learner module imports the build side at all)."""
    code = (
        "import sys, lessonkit, lessonkit.learner.lesson, lessonkit.learner.quiz\n"
        "import lessonkit.learner.vocab\n"
        "print('lessonkit.build.speech' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_mp3_duration_reads_frame_headers(tmp_path):
    """Two MPEG-2 Layer III frames at 24 kHz, 32 kbps: 2 x 576 samples."""
    header = bytes([0xFF, 0xF3, 0x44, 0xC4])  # MPEG-2, Layer III, 32 kbps, 24 kHz, mono
    frame = header + bytes(72 * 32000 // 24000 - 4)
    path = tmp_path / "x.mp3"
    path.write_bytes(frame * 2)
    assert _speech.mp3_duration(path) == pytest.approx(2 * 576 / 24000)


def test_check_fails_on_missing_audio_except_for_a_draft_lesson(tmp_path, monkeypatch):
    """Does `lessonkit check` name a finished lesson whose audio is missing, and leave alone a
    draft lesson (lessonkit new) that has no audio yet?"""
    from lessonkit import cli as _cli

    for name in ("lessons", "vocab", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / _speech.AUDIO / "02-sanctions-and-an-olive-branch.json").unlink()
    (tmp_path / _speech.AUDIO / "02-sanctions-and-an-olive-branch-words.json").unlink()
    problems = _cli.audio_problems(tmp_path)
    assert len(problems) == 2
    assert problems[0].startswith("data/audio/02-sanctions-and-an-olive-branch.json is missing")
    assert problems[1].startswith(
        "data/audio/02-sanctions-and-an-olive-branch-words.json is missing"
    )
    monkeypatch.setattr(
        "lessonkit.build.drafts.unfinished",
        lambda root, only=None: ["lessons/02-sanctions-and-an-olive-branch/lesson.yml, line 3"],
    )
    assert _cli.audio_problems(tmp_path) == []
