"""Listening, in the learner's kernel: the article read aloud, and tasks graded in Python.

The project's first views on anywidget (issue 20): each view is an ES module and a CSS file
in ``views/`` (package data; nothing from a CDN, no build step). The kernel reads the MP3
and sends it to the browser as a ``Bytes`` trait, so the player needs no file server
(JupyterLab, Notebook 7, Voila, JupyterLite).

Map of the module:

- ``audio_folder(slug)``, ``read_timings(slug)``: ``data/audio/`` beside the lesson's data file.
- ``mp3_clip(data, spans)``: the MP3 frames that cover some stretches of time, as one short
  MP3, and where each stretch starts in it (a dictation sends its sentences' audio only).
- ``word_audio(slug, word)``: one glossary word said alone, as a short MP3 cut from the lesson's
  word file ``data/audio/<slug>-words.mp3`` (the word panel's and the flashcards' "Say it").
- ``ListeningView``: the player (play / pause, speeds 0.75, 0.9 and 1.0, the sentence being
  read highlighted, click a sentence to play from it); "listen first" hides the text until
  the learner presses **Show the text**.
- ``ClipTasksView``: a dictation (type the sentence you hear) or a listening gap fill (type
  the missing words of a paragraph you hear). The view sends the learner's answer; the kernel
  grades it (``_grading``), stores it (lesson key ``<slug>:listening``) and only then sends
  the feedback. The text of a dictation sentence and the words of a gap reach the browser
  only after the learner checks or shows them. On reopening, the view shows what the learner
  last wrote in each task and its marks again (graded anew from the stored attempt).
- ``player_text`` / ``player_html``: what a reader without a kernel sees (GitHub, nbviewer):
  a plain link to the MP3 and the transcript. nbval compares the text: it is deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path

import anywidget
import traitlets as t

from lessonkit.errors import LessonkitError
from lessonkit.learner.grading import grade, grade_dictation, match_text
from lessonkit.learner.progress import Attempt
from lessonkit.learner.quiz import AnyFriendlyRepr, store

from .base import esc, find_data
from .frontend import css, esm

VIEWS = Path(__file__).parent / "views"
SPEEDS = (0.75, 0.9, 1.0)
# Audio before and after a clip's sentence, so its first and last sounds are not cut.
CLIP_MARGIN = 0.15


def audio_folder(slug: str) -> Path:
    """``data/audio/`` beside the lesson's data file (found as ``find_data`` finds it)."""
    return find_data(slug).parent / "audio"


def audio_name(slug: str, kind: str = "") -> str:
    """``<slug>`` for the article, ``<slug>-easier`` or ``<slug>-words``: the files' stem."""
    return f"{slug}-{kind}" if kind else slug


def read_timings(slug: str, kind: str = "") -> dict:
    path = audio_folder(slug) / f"{audio_name(slug, kind)}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def has_audio(slug: str, kind: str = "") -> bool:
    """Whether the lesson has this audio (a draft lesson may have none yet)."""
    try:
        folder = audio_folder(slug)
    except LessonkitError:
        return False
    name = audio_name(slug, kind)
    return (folder / f"{name}.json").is_file() and (folder / f"{name}.mp3").is_file()


def read_audio(slug: str, kind: str = "") -> bytes:
    """The MP3 of the article (kind ""), of its easier text ("easier") or its words ("words")."""
    return (audio_folder(slug) / f"{audio_name(slug, kind)}.mp3").read_bytes()


# --- MP3 frames -------------------------------------------------------------------------------
# MPEG audio Layer III (what lameenc writes: constant bit rate, no tag). Each frame is a fixed
# number of samples, so frames can be cut out and joined into a shorter file that every
# browser plays. Hand-written: the standard library reads no MP3, and a media library would be
# one more dependency in every learner's kernel.
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def mp3_frames(data: bytes) -> list[tuple[int, int, float]]:
    """(byte offset, length, seconds) of every frame."""
    pos, frames = 0, []
    if data[:3] == b"ID3":
        pos = 10 + int.from_bytes(bytes(b & 0x7F for b in data[6:10]), "big")
    while pos + 4 <= len(data):
        header = int.from_bytes(data[pos : pos + 4], "big")
        if header >> 21 != 0x7FF:
            break
        version = (header >> 19) & 3
        bitrate = _BITRATES[1 if version == 3 else 2][(header >> 12) & 15] * 1000
        rate = _RATES[version][(header >> 10) & 3]
        per_frame = 1152 if version == 3 else 576
        size = per_frame // 8 * bitrate // rate + ((header >> 9) & 1)
        if size <= 4:
            break
        frames.append((pos, size, per_frame / rate))
        pos += size
    return frames


def mp3_clip(data: bytes, spans: list[tuple[float, float]]) -> tuple[bytes, list[list[float]]]:
    """One MP3 of the frames covering each (start, end) span in turn, and each span's
    [start, end] in the new file's time."""
    frames = mp3_frames(data)
    out, places, now = bytearray(), [], 0.0
    for start, end in spans:
        start, end = max(0.0, start - CLIP_MARGIN), end + CLIP_MARGIN
        clip_start, t0 = now, 0.0
        for offset, size, seconds in frames:
            if t0 + seconds > start and t0 < end:
                out += data[offset : offset + size]
                now += seconds
            t0 += seconds
        places.append([round(clip_start, 3), round(now, 3)])
    return bytes(out), places


# --- glossary words ---------------------------------------------------------------------------


def _word_key(word: str) -> str:
    return " ".join(str(word).replace("’", "'").lower().split())


_WORD_FILES: dict[Path, tuple[float, bytes, dict[str, tuple[float, float]]]] = {}


def _word_file(slug: str) -> tuple[bytes, dict[str, tuple[float, float]]] | None:
    """The lesson's word MP3 and each word's (start, end), read once (again if it changed)."""
    try:
        path = audio_folder(slug) / f"{slug}-words.json"
        changed = path.stat().st_mtime
    except (LessonkitError, OSError):  # no such lesson, or no word audio
        return None
    cached = _WORD_FILES.get(path)
    if cached is None or cached[0] != changed:
        stored = json.loads(path.read_text(encoding="utf-8"))
        data = (path.parent / stored["audio"]).read_bytes()
        times = {_word_key(w["word"]): (w["start"], w["end"]) for w in stored["words"]}
        cached = _WORD_FILES[path] = (changed, data, times)
    return cached[1], cached[2]


def word_audio(slug: str, word: str) -> bytes | None:
    """The glossary word ``word`` of lesson ``slug`` said alone, as a short MP3 (about a second,
    with a little silence around it), or None when the lesson (or its audio of that word) is
    not found. Standard library only: the word file is cut at MP3 frames (``mp3_clip``).

    Words are matched as the glossary writes the headword, ignoring case and extra spaces."""
    found = _word_file(slug)
    if found is None:
        return None
    data, times = found
    span = times.get(_word_key(word))
    if span is None:
        return None
    return mp3_clip(data, [span])[0]


def has_word_audio(slug: str, word: str) -> bool:
    """Whether lesson ``slug`` has a recording of ``word`` (from the word file's index: cutting
    the MP3 only to find out cost 0.2 s a view)."""
    found = _word_file(slug)
    return found is not None and _word_key(word) in found[1]


# --- text for readers without a kernel --------------------------------------------------------


def transcript(sentences: list[dict]) -> list[tuple[int, str | None, str]]:
    """(paragraph, speaker, text) per paragraph of the timings, in order."""
    paragraphs: list[tuple[int, str | None, str]] = []
    for s in sentences:
        if paragraphs and paragraphs[-1][0] == s["paragraph"]:
            n, who, text = paragraphs[-1]
            paragraphs[-1] = (n, who, f"{text} {s['text']}")
        else:
            paragraphs.append((s["paragraph"], s.get("speaker"), s["text"]))
    return paragraphs


WHAT = {"": "the article", "easier": "the easier text"}


def player_text(slug: str, sentences: list[dict], kind: str = "") -> str:
    lines = [
        f"Listen to {WHAT[kind]}: ../data/audio/{audio_name(slug, kind)}.mp3 "
        "(run this cell for the player).",
        "",
    ]
    for n, who, text in transcript(sentences):
        lines.append(f"[{n}] " + (f"{who}: " if who else "") + text)
    return "\n".join(lines)


def player_html(slug: str, sentences: list[dict], kind: str = "") -> str:
    paragraphs = "".join(
        f'<p><span class="lk-number">[{n}]</span> '
        + (f"<strong>{esc(who)}:</strong> " if who else "")
        + f"{esc(text)}</p>"
        for n, who, text in transcript(sentences)
    )
    return (
        f'<div class="lk-listening-static"><p>'
        f'<a href="../data/audio/{esc(audio_name(slug, kind))}.mp3">'
        f"Listen to {WHAT[kind]} (MP3)</a>. Run this cell for the player with speeds.</p>"
        f"<details><summary>The text</summary>{paragraphs}</details></div>"
    )


# --- the player -------------------------------------------------------------------------------


class ListeningView(AnyFriendlyRepr, anywidget.AnyWidget):
    """The article (or, with ``version="easier"``, its easier text) read aloud, with its text:
    play / pause, three speeds, read-along."""

    _esm = esm("player")
    _css = css("player")

    audio = t.Bytes(b"").tag(sync=True)
    sentences = t.List().tag(sync=True)  # {paragraph, sentence, start, end, text, speaker}
    speeds = t.List(list(SPEEDS)).tag(sync=True)
    listen_first = t.Bool(True).tag(sync=True)  # the text hidden until "Show the text"
    label = t.Unicode("").tag(sync=True)
    # The words of the button that shows and hides the text.
    text_button = t.List(["Show the text", "Hide the text"]).tag(sync=True)

    def __init__(self, slug: str, *, listen_first: bool = True, version: str = ""):
        kind = "easier" if version == "easier" else ""
        timings = read_timings(slug, kind)
        sentences = [
            {
                "paragraph": s["paragraph"],
                "sentence": s["sentence"],
                "start": s["start"],
                "end": s["end"],
                "text": s["text"],
                "speaker": s.get("speaker"),
            }
            for s in timings["sentences"]
        ]
        self.friendly_text = player_text(slug, sentences, kind)
        self.friendly_html = player_html(slug, sentences, kind)
        minutes = f"{timings.get('duration', 0) / 60:.1f} minutes"
        super().__init__(
            audio=read_audio(slug, kind),
            sentences=sentences,
            listen_first=listen_first,
            label=f"{WHAT[kind].capitalize()} read aloud ({minutes})",
            # Beside the easier text on the page, the player's own text is for reading along.
            text_button=["Read along", "Hide the read-along"]
            if kind
            else ["Show the text", "Hide the text"],
        )


# --- dictation and listening gap fill ---------------------------------------------------------


def dictation_feedback(result, sentence: str) -> dict:
    return {
        "status": result.status,
        "message": result.message,
        "words": [list(w) for w in result.words],
        # The sentence goes to the browser only once the learner has checked an answer.
        "answer": sentence if result.status not in ("empty", "invalid") else "",
    }


class ClipTasksView(AnyFriendlyRepr, anywidget.AnyWidget):
    """Short stretches of the audio, each with a typed task graded in the kernel.

    ``kind`` "dictation": one task per sentence, the learner types what they hear.
    ``kind`` "gaps": one paragraph with gaps; the learner types the missing words.
    """

    _esm = esm("cliptasks")
    _css = css("player")

    kind = t.Unicode("dictation").tag(sync=True)
    audio = t.Bytes(b"").tag(sync=True)
    # Public parts only: id, number, the clip's [start, end], and for gaps the text with gaps.
    tasks = t.List().tag(sync=True)
    speeds = t.List(list(SPEEDS)).tag(sync=True)
    results = t.Dict().tag(sync=True)  # task id -> feedback, set after Check or Show
    # Task id -> what the learner last wrote (a string, or a list of gap words), from the stored
    # attempts: the view puts it back in the boxes on reopening.
    answers = t.Dict().tag(sync=True)

    def __init__(self, slug: str, kind: str, items: list[dict]):
        self.slug, self.items = slug, {item["id"]: item for item in items}
        clip, places = mp3_clip(read_audio(slug), [(i["start"], i["end"]) for i in items])
        tasks = []
        for n, (item, place) in enumerate(zip(items, places, strict=True), 1):
            task = {"id": item["id"], "n": n, "start": place[0], "end": place[1]}
            if kind == "gaps":
                task["text"] = item["text"]
                task["gaps"] = len(item["blanks"])
            tasks.append(task)
        if kind == "dictation":
            self.friendly_text = (
                f"Dictation: {len(items)} sentences. Run this cell to listen and write."
            )
        else:
            self.friendly_text = "Listening gap fill: run this cell to listen and write."
        super().__init__(kind=kind, audio=clip, tasks=tasks)
        answers, results = self.restore()
        with self.hold_sync():
            self.answers, self.results = answers, results
        self.on_msg(self._on_message)

    def restore(self) -> tuple[dict, dict]:
        """What the learner last wrote in each task and its feedback, from the attempts stored
        under ``<slug>:listening`` (the last one per task wins; nothing is stored again)."""
        answers, results = {}, {}
        for attempt in store().attempts(f"{self.slug}:listening"):
            item = self.items.get(attempt.item)
            if item is None:  # the gist question, or a task no longer in the lesson
                continue
            if attempt.revealed:
                results[item["id"]] = {**self._revealed(item), "earlier": True}
                continue
            answer: object = attempt.answer
            if self.kind == "gaps":
                try:
                    answer = json.loads(attempt.answer)
                except ValueError:
                    continue
                if not isinstance(answer, list):
                    continue
            result, feedback = self._grade(item, answer)
            if result.status in ("empty", "invalid"):
                continue
            answers[item["id"]] = answer
            results[item["id"]] = {**feedback, "earlier": True}
        return answers, results

    def _on_message(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        item = self.items.get(content.get("id"))
        if item is None:
            return
        if content.get("action") == "check":
            self.check(item["id"], content.get("answer"))
        elif content.get("action") == "show":
            self.show(item["id"])

    def check(self, item_id: str, answer: object) -> dict:
        """Grade, store the attempt, then send the feedback (in that order)."""
        result, feedback = self._grade(self.items[item_id], answer)
        if result.status not in ("empty", "invalid"):
            self._record(item_id, answer, result.correct, result.score, revealed=False)
        self.results = {**self.results, item_id: feedback}
        return feedback

    def _grade(self, item: dict, answer: object) -> tuple[object, dict]:
        if self.kind == "dictation":
            result = grade_dictation(item["text"], answer)
            feedback = dictation_feedback(result, item["text"])
        else:
            result = grade(item, answer)
            values = answer if isinstance(answer, list) else []
            marks = []
            for i, blank in enumerate(item["blanks"]):
                value = values[i] if i < len(values) and isinstance(values[i], str) else ""
                marks.append(match_text(value[:500], blank["accept"]))
            feedback = {"status": result.status, "message": result.message, "gaps": marks}
        return result, feedback

    def show(self, item_id: str) -> dict:
        item = self.items[item_id]
        self._record(item_id, "", False, 0.0, revealed=True)
        feedback = self._revealed(item)
        self.results = {**self.results, item_id: feedback}
        return feedback

    def _revealed(self, item: dict) -> dict:
        if self.kind == "dictation":
            answer = item["text"]
        else:
            answer = [blank["accept"][0] for blank in item["blanks"]]
        return {"status": "revealed", "message": "👁 The answer:", "answer": answer}

    def _record(self, item_id: str, answer: object, correct: bool, score: float, *, revealed):
        text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        store().record(
            Attempt(
                lesson=f"{self.slug}:listening",
                item=item_id,
                answer=text,
                correct=correct,
                revealed=revealed,
                score=score,
            )
        )
