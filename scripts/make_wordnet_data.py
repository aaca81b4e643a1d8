"""Generate data/wordnet.json, the WordNet 3.0 definitions of every word of the lesson articles.

Run from the repository root::

    .venv/bin/python scripts/make_wordnet_data.py

It reads the title and body of every lessons/*/article.md (and of its easier version,
lessons/*/adapted.yml), collects each distinct lower-case
word form (as ``lessonkit.build.text.words`` tokenises it) and looks it up in the WordNet 3.0
database of Debian's ``wordnet-base`` package (/usr/share/wordnet). Nothing is downloaded.

For each form it looks up the form itself, what ``morphy`` makes of it and its lemminflect
lemma, in each part of speech; it keeps at most two senses per part of speech and four in
all, most frequent first (WordNet's sense counts, then its own sense order). A form that
WordNet does not know is tried, in this order, as a hyphenated compound written with a space
or as one word ("arms-control" -> "arms control"), with American spelling ("organise" ->
"organize"), and finally as the last part of a hyphenated compound ("Kremlin-backed" ->
"backed"); the ``lemma`` field always names the WordNet word whose definition is given.
Forms still without a synset are left out.

nltk's WordNet reader wants a ``lexnames`` file beside the database files (Debian does not
ship one) and opens files only inside a folder on ``nltk.data.path`` (it refuses symlinks
that lead out of it), so the files are copied into a temporary folder with a generated
``lexnames`` and read from there.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WORDNET_DIR = Path("/usr/share/wordnet")
OUTPUT = Path("data") / "wordnet.json"
PER_POS = 2
IN_ALL = 4
POS_NAMES = {"n": "noun", "v": "verb", "a": "adjective", "s": "adjective", "r": "adverb"}
POS_ORDER = ("n", "v", "a", "r")
# The lexicographer files of WordNet 3.0 (see lexnames(5WN)), numbered from 0, with the
# syntactic category nltk expects as the third field (1 noun, 2 verb, 3 adjective, 4 adverb).
LEXNAMES = [
    "adj.all",
    "adj.pert",
    "adv.all",
    "noun.Tops",
    "noun.act",
    "noun.animal",
    "noun.artifact",
    "noun.attribute",
    "noun.body",
    "noun.cognition",
    "noun.communication",
    "noun.event",
    "noun.feeling",
    "noun.food",
    "noun.group",
    "noun.location",
    "noun.motive",
    "noun.object",
    "noun.person",
    "noun.phenomenon",
    "noun.plant",
    "noun.possession",
    "noun.process",
    "noun.quantity",
    "noun.relation",
    "noun.shape",
    "noun.state",
    "noun.substance",
    "noun.time",
    "verb.body",
    "verb.change",
    "verb.cognition",
    "verb.communication",
    "verb.competition",
    "verb.consumption",
    "verb.contact",
    "verb.creation",
    "verb.emotion",
    "verb.motion",
    "verb.perception",
    "verb.possession",
    "verb.social",
    "verb.stative",
    "verb.weather",
    "adj.ppl",
]
CATEGORY = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}
DATABASE_FILES = [
    f"{kind}.{pos}" for kind in ("data", "index") for pos in ("noun", "verb", "adj", "adv")
] + ["noun.exc", "verb.exc", "adj.exc", "adv.exc", "cntlist.rev"]
# British endings and their American spelling, which is the one WordNet 3.0 mostly lists.
BRITISH = (
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("our", "or"),
    ("ours", "ors"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ence", "ense"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ogue", "og"),
)


class WordNetMissing(RuntimeError):
    """The WordNet database files are not on this machine."""


def missing_message(wordnet_dir: Path | None = None) -> str:
    wordnet_dir = wordnet_dir or WORDNET_DIR
    return (
        f"The WordNet 3.0 database is not in {wordnet_dir}; install Debian's wordnet-base "
        "package with `apt-get install wordnet-base` and run this again."
    )


@contextmanager
def open_wordnet(wordnet_dir: Path | None = None) -> Iterator:
    """An nltk WordNet reader over the Debian files, valid inside the ``with`` block."""
    wordnet_dir = wordnet_dir or WORDNET_DIR
    missing = [name for name in DATABASE_FILES if not (wordnet_dir / name).is_file()]
    if missing:
        raise WordNetMissing(missing_message(wordnet_dir))
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    class Reader(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):
            # nltk maps other WordNet versions to 3.0 through its downloaded "wordnet"
            # corpus; these files are WordNet 3.0 itself, so there is nothing to map.
            return None

    with tempfile.TemporaryDirectory(prefix="lessonkit-wordnet-") as folder:
        root = Path(folder) / "wordnet"
        root.mkdir()
        for name in DATABASE_FILES:
            shutil.copyfile(wordnet_dir / name, root / name)
        lines = [
            f"{i:02d}\t{name}\t{CATEGORY[name.split('.')[0]]}\n" for i, name in enumerate(LEXNAMES)
        ]
        (root / "lexnames").write_text("".join(lines), encoding="utf-8")
        nltk.data.path.insert(0, folder)
        try:
            with warnings.catch_warnings():
                # "The multilingual functions are not available": we need none.
                warnings.simplefilter("ignore", UserWarning)
                reader = Reader(str(root), None)
            try:
                yield reader
            finally:
                for handle in [*reader._data_file_map.values(), reader._key_count_file]:
                    if handle is not None:
                        handle.close()
        finally:
            nltk.data.path.remove(folder)


def article_forms(root: Path | str = ".") -> list[str]:
    """Every distinct lower-case word form of the articles' (and easier versions') titles and
    bodies, sorted."""
    from lessonkit.build.sources import load_project
    from lessonkit.build.text import words

    forms: set[str] = set()
    for source in load_project(root).lessons:
        if source.article is None:
            continue
        forms.update(words(source.article.title))
        for block in source.article.blocks:
            forms.update(words(block.text))
        if source.adapted is not None:  # the easier version's words are looked up too
            forms.update(words(source.adapted.title))
            for paragraph in source.adapted.paragraphs:
                forms.update(words(paragraph.text))
    return sorted(forms)


def _senses(wn, *words: str) -> list[dict]:
    """Up to IN_ALL senses of the words, each read as itself, its morphy forms or its lemma."""
    from lessonkit.build.words import lemma_of

    found = []  # (count, POS rank, candidate rank, sense rank, pos, definition, lemma)
    seen = set()
    for pos_rank, pos in enumerate(POS_ORDER):
        # morphy gives one base form; _morphy gives them all ("saw": "saw", "see").
        candidates = [
            candidate
            for word in words
            for candidate in (word, wn.morphy(word, pos), *wn._morphy(word, pos), lemma_of(word))
        ]
        kept = []
        for cand_rank, candidate in enumerate(dict.fromkeys(c for c in candidates if c)):
            key = candidate.replace(" ", "_").lower()
            for sense_rank, lemma in enumerate(wn.lemmas(key, pos)):
                synset = lemma.synset()
                if synset.name() in seen:
                    continue
                seen.add(synset.name())
                kept.append(
                    (
                        -lemma.count(),
                        pos_rank,
                        cand_rank,
                        sense_rank,
                        POS_NAMES[synset.pos()],
                        synset.definition(),
                        lemma.name().replace("_", " "),
                    )
                )
        found += sorted(kept)[:PER_POS]
    return [
        {"pos": pos, "definition": definition, "lemma": lemma}
        for *_, pos, definition, lemma in sorted(found)[:IN_ALL]
    ]


def _american(word: str) -> list[str]:
    return [
        word[: -len(british)] + american
        for british, american in BRITISH
        if word.endswith(british) and len(word) > len(british) + 2
    ]


def senses_of(wn, form: str) -> list[dict]:
    """The senses of one article word form, with the fall-backs described above."""
    form = form.replace("’", "'")
    senses = _senses(wn, form)
    parts = [p for p in form.split("-") if p]
    if not senses and len(parts) > 1:
        senses = _senses(wn, " ".join(parts), "".join(parts))
    if not senses:
        for spelling in _american(form):
            senses = senses or _senses(wn, spelling)
    if not senses and len(parts) > 1:
        senses = _senses(wn, parts[-1])
    return senses


def lookup(forms: list[str], wordnet_dir: Path | None = None) -> dict[str, list]:
    """{form: senses} for each of the forms that WordNet defines, keys sorted."""
    with open_wordnet(wordnet_dir) as wn:
        table = {form: senses_of(wn, form) for form in forms}
    return {form: senses for form, senses in sorted(table.items()) if senses}


def definitions(root: Path | str = ".", wordnet_dir: Path | None = None) -> dict[str, list]:
    """What data/wordnet.json holds: {form: senses} for the words of the articles."""
    return lookup(article_forms(root), wordnet_dir)


def dump(table: dict) -> str:
    """The JSON text written to data/wordnet.json."""
    return json.dumps(table, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main(root: Path | None = None) -> int:
    from lessonkit.errors import LessonkitError

    root = root or Path.cwd()
    try:
        forms = article_forms(root)
        table = lookup(forms)
    except (WordNetMissing, LessonkitError) as error:  # one sentence, no traceback
        print(error, file=sys.stderr)
        return 1
    path = root / OUTPUT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(table), encoding="utf-8")
    print(f"{OUTPUT}: {len(forms)} word forms, {len(table)} with a WordNet definition.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
