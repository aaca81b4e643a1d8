"""Listening (issue 19): the dictation grader, listening.yml, the data made at build time, and
the anywidget views' synced state (no dictation text before the learner checks)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from factories import assert_one_sentence

from lessonkit.build.sources import load_listening, load_project
from lessonkit.errors import SourceError
from lessonkit.learner.grading import grade_dictation

REPO = Path(__file__).resolve().parents[1]
SLUG = "01-geneva-summit"
ARTICLE_SLUGS = [
    "01-geneva-summit",
    "02-sanctions-and-an-olive-branch",
    "03-rights-after-the-summit",
    "04-a-test-for-human-rights",
]
SENTENCE = "The discussions lasted about three hours."


def marks(result) -> list[str]:
    return [mark for mark, _, _ in result.words]


# --- the dictation grader ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        SENTENCE,
        "the discussions lasted about three hours",  # case and the full stop do not count
        "  The   discussions lasted about three hours . ",
        "THE DISCUSSIONS LASTED ABOUT THREE HOURS!",
    ],
)
def test_dictation_right(typed):
    result = grade_dictation(SENTENCE, typed)
    assert result.status == "correct" and result.score == 1.0
    assert set(marks(result)) == {"right"}


def test_dictation_quotes_and_apostrophes_do_not_count():
    sentence = (
        "He said he told President Putin “we need some basic rules of the road” that all can honor."
    )
    typed = (
        'he said he told president putin "we need some basic rules of the road" that all can honor'
    )
    assert grade_dictation(sentence, typed).correct
    assert grade_dictation("I’ve also signed an order.", "I've also signed an order").correct


def test_dictation_one_typo_is_almost():
    result = grade_dictation(SENTENCE, "The discusions lasted about three hours.")
    assert result.status == "almost"
    assert marks(result) == ["right", "almost", "right", "right", "right", "right"]
    assert result.message.startswith("≈")


def test_dictation_two_typos_in_one_word_are_wrong():
    result = grade_dictation(SENTENCE, "The discusion lasted about three hours.")
    assert marks(result)[1] == "wrong"


def test_dictation_missing_word():
    result = grade_dictation(SENTENCE, "The discussions lasted three hours")
    assert result.status == "partial"
    assert ("missing", "", "about") in result.words
    assert "1 missing" in result.message


def test_dictation_extra_word_lowers_the_score():
    result = grade_dictation(SENTENCE, "The discussions lasted about about three hours")
    assert result.status == "partial"
    assert ("extra", "about", "") in result.words
    assert result.score < 1.0


def test_dictation_wrong_word():
    result = grade_dictation(SENTENCE, "The talks lasted about three hours")
    assert ("wrong", "talks", "discussions") in result.words


def test_dictation_a_different_number_is_wrong_not_a_typo():
    sentence = "Biden met with Putin on June 16 in Geneva."
    result = grade_dictation(sentence, "Biden met with Putin on June 15 in Geneva.")
    assert ("wrong", "15", "16") in result.words
    assert result.status == "partial"


def test_dictation_short_words_must_be_exact():
    # "war" for "was" is another word, not a slip (the one-typo rule needs 4 letters)
    result = grade_dictation("It was over.", "It war over.")
    assert ("wrong", "war", "was") in result.words


def test_dictation_learner_like_mix():
    sentence = "Both men agreed to return their ambassadors to their embassies in each country."
    typed = "both men agree to return there ambasadors to their embassies in each country"
    result = grade_dictation(sentence, typed)
    assert result.status == "partial"
    assert marks(result)[2:7] == ["almost", "right", "right", "wrong", "almost"]
    assert result.words[5] == ("wrong", "there", "their")  # a homophone is another word
    assert result.message.startswith("◐")


@pytest.mark.parametrize("typed", [None, "", "   ", "...", 42, ["a"], "x" * 600])
def test_dictation_never_raises(typed):
    result = grade_dictation(SENTENCE, typed)
    assert result.status in ("empty", "invalid")
    assert result.score == 0.0
    assert result.message[0] in "○⚠"


def test_dictation_nothing_right():
    result = grade_dictation(SENTENCE, "hello")
    assert result.status == "wrong"
    assert result.message.startswith("✘")


# --- listening.yml ----------------------------------------------------------------------------


def test_every_article_lesson_has_listening_tasks():
    project = load_project(REPO)
    for slug in ARTICLE_SLUGS:
        task, timings = load_listening(REPO, project.lesson(slug))
        assert 3 <= len(task.dictation) <= 5
        assert 2 <= len(task.gaps.words) <= 4
        assert timings["lesson"] == slug


@pytest.fixture
def lesson_copy(tmp_path):
    """The real lesson 1 source, and a project folder with its listening.yml and timings."""
    source = load_project(REPO, only=[SLUG]).lesson(SLUG)
    (tmp_path / "lessons" / SLUG).mkdir(parents=True)
    (tmp_path / "data" / "audio").mkdir(parents=True)
    shutil.copy(REPO / "data" / "audio" / f"{SLUG}.json", tmp_path / "data" / "audio")
    good = (REPO / "lessons" / SLUG / "listening.yml").read_text(encoding="utf-8")

    def load(text: str | None = None):
        (tmp_path / "lessons" / SLUG / "listening.yml").write_text(
            good if text is None else text, encoding="utf-8"
        )
        return load_listening(tmp_path, source)

    return load, good


def problem(load, text: str) -> str:
    with pytest.raises(SourceError) as caught:
        load(text)
    message = str(caught.value)
    assert_one_sentence(message)
    assert message.startswith(f"lessons/{SLUG}/listening.yml, line ")
    return message


def test_good_listening_file_loads(lesson_copy):
    load, _ = lesson_copy
    task, _ = load()
    assert task.gist.id == "listen-gist"


def test_no_listening_file_is_fine(tmp_path):
    source = load_project(REPO, only=[SLUG]).lesson(SLUG)
    assert load_listening(tmp_path, source) is None


def test_sentence_not_in_the_audio(lesson_copy):
    load, good = lesson_copy
    message = problem(
        load, good.replace("{paragraph: 3, sentence: 0}", "{paragraph: 3, sentence: 9}")
    )
    assert "field 'dictation[1]'" in message and "no sentence 9" in message
    assert ", line 19," in message


def test_dictation_sentence_too_long(lesson_copy, monkeypatch):
    import lessonkit.build.sources as sources

    monkeypatch.setattr(sources, "DICTATION_WORDS", (4, 10))
    load, good = lesson_copy
    message = problem(load, good)
    assert "field 'dictation[2]'" in message and "needs 4 to 10 words" in message


def test_too_few_dictation_sentences(lesson_copy):
    load, good = lesson_copy
    text = good.replace("- {paragraph: 2, sentence: 1}\n", "").replace(
        "- {paragraph: 8, sentence: 0}\n", ""
    )
    message = problem(load, text)
    assert "field 'dictation'" in message


def test_gap_word_not_in_the_paragraph(lesson_copy):
    load, good = lesson_copy
    message = problem(load, good.replace("words: [improve,", "words: [improved,"))
    assert "field 'gaps.words[1]'" in message and "'improved'" in message


def test_gist_quote_must_be_in_the_paragraph(lesson_copy):
    load, good = lesson_copy
    message = problem(
        load, good.replace("quote: They differed widely", "quote: They differ widely")
    )
    assert "field 'gist.evidence.quote'" in message


def test_unknown_field(lesson_copy):
    load, good = lesson_copy
    message = problem(load, good + "extra: 1\n")
    assert "extra" in message


def test_no_audio_timings(lesson_copy, tmp_path):
    load, _ = lesson_copy
    (tmp_path / "data" / "audio" / f"{SLUG}.json").unlink()
    with pytest.raises(SourceError) as caught:
        load()
    assert "make audio" in str(caught.value)
    assert_one_sentence(str(caught.value))


# --- the data made at build time --------------------------------------------------------------


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_listening_data_in_the_lesson_data(slug):
    data = json.loads((REPO / "data" / f"{slug}.json").read_text(encoding="utf-8"))
    listening = data["listening"]
    timings = json.loads((REPO / "data" / "audio" / f"{slug}.json").read_text(encoding="utf-8"))
    places = {(s["paragraph"], s["sentence"]): s for s in timings["sentences"]}
    for item in listening["dictation"]:
        heard = places[(item["paragraph"], item["sentence"])]
        assert item["text"] == heard["text"]
        assert (item["start"], item["end"]) == (heard["start"], heard["end"])
        assert grade_dictation(item["text"], item["text"]).correct
    gaps = listening["gaps"]
    assert gaps["text"].count("___") == len(gaps["blanks"])
    from lessonkit.learner.grading import grade
    from lessonkit.learner.keys import right_answer

    assert grade(gaps, right_answer(gaps)).correct
    assert grade(listening["gist"], right_answer(listening["gist"])).correct


def test_release_hides_the_listening_keys_and_ships_the_audio(tmp_path):
    from lessonkit.build.release import release, release_data

    data = json.loads((REPO / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
    out = release_data(data)["listening"]
    assert "blanks" not in json.dumps(out["gaps"]["blanks"]) or out["gaps"]["blanks"] == [{}] * 3
    assert all("correct" not in o for o in out["gist"]["options"])
    written = release(REPO, tmp_path / "out", log=lambda _: None)
    assert (tmp_path / "out" / "data" / "audio" / f"{SLUG}.mp3") in written
    from lessonkit.learner.lesson import Lesson

    lesson = Lesson(release_data(data))
    assert lesson.data["listening"]["gaps"]["blanks"][0]["accept"] == ["improve"]


# --- the views --------------------------------------------------------------------------------


@pytest.fixture
def lesson(monkeypatch, store):
    monkeypatch.setenv("LESSONKIT_DATA", str(REPO / "data"))
    from lessonkit import open_lesson

    return open_lesson(SLUG)


def synced(widget) -> str:
    state = widget.get_state()
    state.pop("audio", None)
    return json.dumps(state, ensure_ascii=False, default=str)


def test_player_state(lesson):
    view = lesson.listening()
    assert view.audio[:3] in (b"ID3",) or view.audio[0] == 0xFF
    assert len(view.audio) == (REPO / "data" / "audio" / f"{SLUG}.mp3").stat().st_size
    assert view.speeds == [0.75, 0.9, 1.0]
    assert view.listen_first is True
    assert view.sentences[1]["paragraph"] == 1 and view.sentences[1]["start"] > 0
    assert repr(view).startswith(f"Listen to the article: ../data/audio/{SLUG}.mp3")
    bundle = view._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert bundle["text/plain"] == repr(view)
    assert f'href="../data/audio/{SLUG}.mp3"' in bundle["text/html"]
    assert "[1] American President Joe Biden" in bundle["text/plain"]


def test_dictation_text_reaches_the_browser_only_after_check(lesson, store):
    view = lesson.dictation()
    items = lesson.data["listening"]["dictation"]
    state = synced(view)
    for item in items:
        assert item["text"] not in state
    assert len(view.audio) < 120_000  # the sentences' audio only, not the article
    assert len(view.tasks) == len(items)
    first = items[0]
    feedback = view.check(first["id"], "The discusions lasted about three hours")
    assert feedback["status"] == "almost"
    assert feedback["answer"] == first["text"]
    [attempt] = store.attempts(f"{SLUG}:listening")
    assert attempt.item == first["id"] and not attempt.correct
    assert first["text"] in synced(view)
    for item in items[1:]:
        assert item["text"] not in synced(view)


def test_empty_dictation_is_not_stored_and_shows_nothing(lesson, store):
    view = lesson.dictation()
    feedback = view.check("dictation-1", "  ")
    assert feedback["status"] == "empty" and feedback["answer"] == ""
    assert store.attempts(f"{SLUG}:listening") == []


def test_attempt_written_before_feedback(lesson, store):
    view = lesson.dictation()
    seen = []
    view.observe(lambda change: seen.append(len(store.attempts())), names="results")
    view.check("dictation-2", "Both men agreed")
    assert seen == [1]


def test_listening_gaps(lesson, store):
    view = lesson.listening_gaps()
    state = synced(view)
    for blank in lesson.data["listening"]["gaps"]["blanks"]:
        assert f" {blank['accept'][0]} " not in state
    feedback = view.check("listening-gaps", ["improve", "relatons", "arms control"])
    assert feedback["gaps"] == ["correct", "almost", "correct"]
    shown = view.show("listening-gaps")
    assert shown["answer"] == ["improve", "relations", "arms control"]
    attempts = store.attempts(f"{SLUG}:listening")
    assert [a.revealed for a in attempts] == [False, True]


def test_messages_from_the_browser_are_handled(lesson, store):
    view = lesson.dictation()
    view._on_message(view, {"action": "check", "id": "dictation-1", "answer": SENTENCE}, [])
    assert view.results["dictation-1"]["status"] == "correct"
    view._on_message(view, {"action": "check", "id": "nope", "answer": "x"}, [])
    view._on_message(view, "junk", [])
    assert list(view.results) == ["dictation-1"]


def test_gist_is_a_quiz_saved_under_listening(lesson, store):
    quiz = lesson.listening_gist()
    assert quiz.lesson == f"{SLUG}:listening"


def test_mp3_clip_is_short_and_well_formed():
    from lessonkit.learner.listening import mp3_clip, mp3_frames

    data = (REPO / "data" / "audio" / f"{SLUG}.mp3").read_bytes()
    frames = mp3_frames(data)
    total = sum(seconds for _, _, seconds in frames)
    assert abs(total - 224.81) < 0.5
    clip, places = mp3_clip(data, [(25.41, 27.76), (58.57, 63.54)])
    assert len(mp3_frames(clip)) > 0
    assert places[0][0] == 0.0 and places[1][0] == pytest.approx(places[0][1])
    assert places[1][1] - places[1][0] == pytest.approx(63.54 - 58.57 + 0.3, abs=0.06)


# --- reopening: earlier answers ---------------------------------------------------------------


def test_reopened_dictation_shows_what_the_learner_wrote_and_its_marks(lesson, store):
    """A new view of the same tasks (the notebook reopened) puts back the last answer of each
    task with its marks, graded anew from the stored attempt, and stores nothing more."""
    first = lesson.dictation()
    first.check("dictation-1", "The discusions lasted about three hours")
    first.check("dictation-2", "Both men")
    first.check("dictation-2", "Both men agreed")
    first.show("dictation-3")
    stored = len(store.attempts())
    again = lesson.dictation()
    assert len(store.attempts()) == stored
    assert again.answers == {
        "dictation-1": "The discusions lasted about three hours",
        "dictation-2": "Both men agreed",
    }
    assert again.results["dictation-1"] == {**first.results["dictation-1"], "earlier": True}
    assert again.results["dictation-1"]["status"] == "almost"
    assert again.results["dictation-2"] == {**first.results["dictation-2"], "earlier": True}
    assert again.results["dictation-3"]["status"] == "revealed"
    assert "dictation-4" not in again.results and "dictation-4" not in again.answers
    # Still no sentence text the learner has not checked or shown.
    fourth = lesson.data["listening"]["dictation"][3]["text"]
    assert fourth not in synced(again)


def test_reopened_gap_fill_puts_the_words_back(lesson, store):
    lesson.listening_gaps().check("listening-gaps", ["improve", "relatons", ""])
    again = lesson.listening_gaps()
    assert again.answers == {"listening-gaps": ["improve", "relatons", ""]}
    assert again.results["listening-gaps"]["gaps"] == ["correct", "almost", "empty"]
    assert again.results["listening-gaps"]["earlier"] is True


def test_a_check_after_a_reveal_is_what_reopening_shows(lesson, store):
    view = lesson.dictation()
    view.show("dictation-1")
    view.check("dictation-1", SENTENCE)
    again = lesson.dictation()
    assert again.results["dictation-1"]["status"] == "correct"
    assert again.answers["dictation-1"] == SENTENCE


def test_reopening_ignores_the_gist_and_damaged_attempts(lesson, store):
    from lessonkit.learner.progress import Attempt

    key = f"{SLUG}:listening"
    store.record(Attempt(key, "listen-gist", "0", True, False, 1.0))
    store.record(Attempt(key, "listening-gaps", "not json", False, False, 0.0))
    store.record(Attempt(key, "listening-gaps", '"a string"', False, False, 0.0))
    store.record(Attempt(key, "dictation-9", "gone", False, False, 0.0))
    assert lesson.listening_gaps().results == {} and lesson.dictation().results == {}


# --- glossary words ---------------------------------------------------------------------------


def glossary(slug: str) -> list[str]:
    import csv

    with open(REPO / "vocab" / f"{slug}.csv", encoding="utf-8", newline="") as f:
        return [row["word"] for row in csv.DictReader(f)]


@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_word_audio_says_every_glossary_word(slug, monkeypatch):
    """Every headword of the glossary gives a short MP3: the word's own time in the word file
    plus a 0.15 s margin on each side (frames of 24 ms), between 0.7 and 2.2 seconds."""
    from lessonkit.learner.listening import mp3_frames, word_audio

    monkeypatch.setenv("LESSONKIT_DATA", str(REPO / "data"))
    timings = json.loads((REPO / "data" / "audio" / f"{slug}-words.json").read_text("utf-8"))
    spans = {w["word"]: w["end"] - w["start"] for w in timings["words"]}
    for word in glossary(slug):
        clip = word_audio(slug, word)
        assert clip is not None, word
        frames = mp3_frames(clip)
        assert sum(size for _, size, _ in frames) == len(clip), word  # whole frames only
        seconds = sum(s for _, _, s in frames)
        assert spans[word] + 0.3 - 0.05 <= seconds <= spans[word] + 0.3 + 0.06, word
        assert 0.7 <= seconds <= 2.2, word


def test_word_audio_matches_loosely_and_says_none_when_it_has_no_word(monkeypatch):
    from lessonkit.learner.listening import word_audio

    monkeypatch.setenv("LESSONKIT_DATA", str(REPO / "data"))
    assert word_audio(SLUG, "  Rules of the  ROAD ") == word_audio(SLUG, "rules of the road")
    assert word_audio(SLUG, "rules of the road") is not None
    assert word_audio(SLUG, "banana") is None
    assert word_audio("99-no-such-lesson", "differ") is None


def test_word_audio_needs_only_the_standard_library():
    """The word panel calls it in the learner's kernel: no speech engine, numpy or media
    library is imported."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "for name in ('numpy', 'onnxruntime', 'hibari', 'lameenc', 'miniaudio'):\n"
        "    sys.modules[name] = None  # importing any of them now fails\n"
        "from lessonkit.learner.listening import word_audio\n"
        f"print(len(word_audio({SLUG!r}, 'differ')))\n"
    )
    env = {**__import__("os").environ, "LESSONKIT_DATA": str(REPO / "data")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert int(out.stdout) > 1000


# --- the easier text's player -----------------------------------------------------------------


def test_easier_player_state(lesson):
    from lessonkit.learner.listening import ListeningView

    view = ListeningView(SLUG, version="easier")
    path = REPO / "data" / "audio" / f"{SLUG}-easier.mp3"
    assert len(view.audio) == path.stat().st_size
    adapted = lesson.data["adapted"]
    assert view.sentences[0]["paragraph"] == 0 and view.sentences[0]["text"] == adapted["title"]
    assert {s["paragraph"] for s in view.sentences} == {0} | {p["n"] for p in adapted["paragraphs"]}
    assert view.label.startswith("The easier text read aloud (")
    assert view.text_button == ["Read along", "Hide the read-along"]
    assert repr(view).startswith(f"Listen to the easier text: ../data/audio/{SLUG}-easier.mp3")


def test_the_level_switch_shows_the_easier_player_with_the_easier_text(lesson):
    """The player of the easier text appears (made once) when the learner picks the easier
    text, above it, and goes when they go back to the original."""
    from lessonkit.learner.listening import ListeningView

    view = lesson.article()
    assert not any(isinstance(c, ListeningView) for c in view.children)
    view.switch.value = "easier"
    players = [c for c in view.children if isinstance(c, ListeningView)]
    assert len(players) == 1 and players[0].label.startswith("The easier text")
    assert view.children.index(players[0]) == view.children.index(view.text) - 1
    view.switch.value = "original"
    assert not any(isinstance(c, ListeningView) for c in view.children)
    view.switch.value = "easier"
    assert players[0] in view.children


def test_the_level_switch_without_easier_audio_shows_the_text_only(lesson, monkeypatch):
    monkeypatch.setattr("lessonkit.learner.listening.has_audio", lambda slug, kind="": False)
    view = lesson.article()
    view.switch.value = "easier"
    assert view.children[-1] is view.text and "Adapted for learners" in view.text.value
