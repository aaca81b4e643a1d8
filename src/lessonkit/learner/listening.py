"""Listening, in the learner's kernel: the article read aloud, and tasks graded in Python.

The project's first views on anywidget (issue 20): each view is an ES module and a CSS file
in ``views/`` (package data; nothing from a CDN, no build step). The kernel reads the MP3
and sends it to the browser as a ``Bytes`` trait, so the player needs no file server
(JupyterLab, Notebook 7, Voila, JupyterLite).

Map of the module:

- ``audio_folder(slug)``, ``read_timings(slug)``: ``data/audio/`` beside the lesson's data file.
- ``mp3_clip(data, spans)``: the MP3 frames that cover some stretches of time, as one short
  MP3, and where each stretch starts in it (a dictation sends its sentences' audio only).
- ``ListeningView``: the player (play / pause, speeds 0.75, 0.9 and 1.0, the sentence being
  read highlighted, click a sentence to play from it); "listen first" hides the text until
  the learner presses **Show the text**.
- ``ClipTasksView``: a dictation (type the sentence you hear) or a listening gap fill (type
  the missing words of a paragraph you hear). The view sends the learner's answer; the kernel
  grades it (``_grading``), stores it (lesson key ``<slug>:listening``) and only then sends
  the feedback. The text of a dictation sentence and the words of a gap reach the browser
  only after the learner checks or shows them.
- ``player_text`` / ``player_html``: what a reader without a kernel sees (GitHub, nbviewer):
  a plain link to the MP3 and the transcript. nbval compares the text: it is deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path

import anywidget
import traitlets as t

from lessonkit.learner.grading import grade, grade_dictation, match_text
from lessonkit.learner.progress import Attempt
from lessonkit.learner.quiz import FriendlyRepr, store

from .base import esc, find_data
from .frontend import css, esm

VIEWS = Path(__file__).parent / "views"
SPEEDS = (0.75, 0.9, 1.0)
# Audio before and after a clip's sentence, so its first and last sounds are not cut.
CLIP_MARGIN = 0.15


def audio_folder(slug: str) -> Path:
    """``data/audio/`` beside the lesson's data file (found as ``find_data`` finds it)."""
    return find_data(slug).parent / "audio"


def read_timings(slug: str) -> dict:
    return json.loads((audio_folder(slug) / f"{slug}.json").read_text(encoding="utf-8"))


def read_audio(slug: str) -> bytes:
    return (audio_folder(slug) / f"{slug}.mp3").read_bytes()


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


def player_text(slug: str, sentences: list[dict]) -> str:
    lines = [
        f"Listen to the article: ../data/audio/{slug}.mp3 (run this cell for the player).",
        "",
    ]
    for n, who, text in transcript(sentences):
        lines.append(f"[{n}] " + (f"{who}: " if who else "") + text)
    return "\n".join(lines)


def player_html(slug: str, sentences: list[dict]) -> str:
    paragraphs = "".join(
        f'<p><span class="lk-number">[{n}]</span> '
        + (f"<strong>{esc(who)}:</strong> " if who else "")
        + f"{esc(text)}</p>"
        for n, who, text in transcript(sentences)
    )
    return (
        f'<div class="lk-listening-static"><p><a href="../data/audio/{esc(slug)}.mp3">'
        f"Listen to the article (MP3)</a>. Run this cell for the player with speeds.</p>"
        f"<details><summary>The text</summary>{paragraphs}</details></div>"
    )


class _Friendly(FriendlyRepr):
    """anywidget returns (data, metadata) from ``_repr_mimebundle_``; put the friendly text and
    HTML in its data, as ``FriendlyRepr`` does for ipywidgets."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = anywidget.AnyWidget._repr_mimebundle_(self, **kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if data:
            data["text/plain"] = self.friendly_text
            if self.friendly_html:
                data["text/html"] = self.friendly_html
        return bundle


# --- the player -------------------------------------------------------------------------------


class ListeningView(_Friendly, anywidget.AnyWidget):
    """The article read aloud, with its text: play / pause, three speeds, read-along."""

    _esm = esm("player")
    _css = css("player")

    audio = t.Bytes(b"").tag(sync=True)
    sentences = t.List().tag(sync=True)  # {paragraph, sentence, start, end, text, speaker}
    speeds = t.List(list(SPEEDS)).tag(sync=True)
    listen_first = t.Bool(True).tag(sync=True)  # the text hidden until "Show the text"
    label = t.Unicode("").tag(sync=True)

    def __init__(self, slug: str, *, listen_first: bool = True):
        timings = read_timings(slug)
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
        self.friendly_text = player_text(slug, sentences)
        self.friendly_html = player_html(slug, sentences)
        super().__init__(
            audio=read_audio(slug),
            sentences=sentences,
            listen_first=listen_first,
            label=f"The article read aloud ({timings.get('duration', 0) / 60:.1f} minutes)",
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


class ClipTasksView(_Friendly, anywidget.AnyWidget):
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
        self.on_msg(self._on_message)

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
        item = self.items[item_id]
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
        if result.status not in ("empty", "invalid"):
            self._record(item_id, answer, result.correct, result.score, revealed=False)
        self.results = {**self.results, item_id: feedback}
        return feedback

    def show(self, item_id: str) -> dict:
        item = self.items[item_id]
        if self.kind == "dictation":
            answer = item["text"]
        else:
            answer = [blank["accept"][0] for blank in item["blanks"]]
        self._record(item_id, "", False, 0.0, revealed=True)
        feedback = {"status": "revealed", "message": "👁 The answer:", "answer": answer}
        self.results = {**self.results, item_id: feedback}
        return feedback

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
