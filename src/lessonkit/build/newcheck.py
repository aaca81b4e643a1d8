"""Measure how well ``lessonkit new`` reads real web pages: a folder of pages with gold files.

A corpus folder holds one folder per page (tests/data/pages/README.md describes them):
``page.txt`` (a plain-text copy of the whole page), ``page.html`` or ``page.html.gz`` (the
saved page) and ``gold.yml`` (headline, date, the article's paragraphs, and the right WordNet
sense of drafted words).

Map of the module:

- ``load_gold(path)``: a gold file, checked; a problem is one sentence naming the file, the
  line and the field.
- ``word_counts(text)`` and ``precision_recall(kept, gold)``: the share of kept words that are
  article words, and of article words that are kept, counting each word as often as it
  stands (lower case, quotes and dashes unified).
- ``measure_page(folder, wn)``: one page read from its text copy as ``new`` reads it
  (``new.draft_article``), and each gold word's sense chosen as ``new`` chooses it
  (``new.choose_senses``) from its sentence and the gold article.
- ``measure(corpus)`` and ``report(result)``: all pages, and the lines that
  ``scripts/measure_new.py`` prints (medians for precision and recall).

Build time only.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lessonkit.errors import LessonkitError, SourceError

GOLD_FILE = "gold.yml"
TEXT_FILE = "page.txt"
MEASURE_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
POS_NAMES = ("noun", "verb", "adjective", "adverb")
# The targets (issue 18): shares of pages, medians of pages, share of gold words.
TARGETS = {"headline": 0.80, "date": 0.80, "precision": 0.90, "recall": 0.98, "senses": 0.75}


def normalise(text: str) -> str:
    """Spaces and quote marks unified: what "the same headline" means."""
    return " ".join(text.translate(QUOTES).split())


def word_counts(text: str) -> Counter:
    return Counter(MEASURE_WORD.findall(normalise(text).lower()))


def precision_recall(kept: str, gold: str) -> tuple[float, float]:
    """(share of kept words that are article words, share of article words kept)."""
    k, g = word_counts(kept), word_counts(gold)
    common = sum((k & g).values())
    return common / max(1, sum(k.values())), common / max(1, sum(g.values()))


@dataclass
class GoldSense:
    word: str
    sentence: str
    pos: str
    senses: set[str]  # the right synset, and any that is just as right


@dataclass
class Gold:
    headline: str
    date: str | None
    paragraphs: list[str]
    outlet: str | None = None
    senses: list[GoldSense] = field(default_factory=list)


def load_gold(path: Path, shown: str | None = None) -> Gold:
    """A gold file, checked: headline and paragraphs are needed, a date is YYYY-MM-DD or
    null, each sense names its word, a sentence that holds it, a part of speech and a synset."""
    from lessonkit.build.sources import field_name, parse_yaml, read_text

    shown = shown or str(path)
    data, lines = parse_yaml(read_text(path, shown=shown), shown)

    def fail(where: tuple, problem: str):
        line = next((lines[where[:n]] for n in range(len(where), 0, -1) if where[:n] in lines), 1)
        raise SourceError(shown, line, field_name(where) or None, problem)

    if not isinstance(data, dict):
        fail((), "is not a mapping of headline, date, paragraphs and senses")
    for key in ("headline", "paragraphs"):
        if not data.get(key):
            fail((key,), "is missing; every page needs it")
    if not isinstance(data["headline"], str):
        fail(("headline",), "is not text")
    date = data.get("date")
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date)):
        fail(("date",), f"{date!r} is not a date; write it as YYYY-MM-DD or null")
    paragraphs = data["paragraphs"]
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
        fail(("paragraphs",), "is not a list of paragraphs (texts)")
    senses = []
    for i, row in enumerate(data.get("senses") or []):
        if not isinstance(row, dict):
            fail(("senses", i), "is not a mapping of word, sentence, pos and sense")
        for key in ("word", "sentence", "pos", "sense"):
            if not isinstance(row.get(key), str) or not row[key].strip():
                fail(("senses", i, key), "is missing or empty")
        if row["pos"] not in POS_NAMES:
            fail(("senses", i, "pos"), f"{row['pos']!r} is not one of {', '.join(POS_NAMES)}")
        if row["word"].lower() not in row["sentence"].lower():
            fail(("senses", i, "sentence"), f"does not hold the word {row['word']!r}")
        names = [row["sense"], *(row.get("also") or [])]
        for name in names:
            if not re.fullmatch(r"[\w'.-]+\.[nvasr]\.\d\d", str(name)):
                fail(("senses", i, "sense"), f"{name!r} is not a WordNet synset name")
        senses.append(GoldSense(row["word"], row["sentence"], row["pos"], set(names)))
    return Gold(
        headline=data["headline"],
        date=str(date) if date is not None else None,
        paragraphs=paragraphs,
        outlet=data.get("outlet"),
        senses=senses,
    )


@dataclass
class PageResult:
    name: str
    headline: bool
    date: bool
    precision: float
    recall: float
    found_headline: str | None
    found_date: str | None
    senses_right: int = 0
    senses: int = 0
    misses: list[str] = field(default_factory=list)  # "word: chose x, gold y"


def read_text_copy(path: Path, shown: str):
    """The article ``new`` drafts from a text copy, or None when it refuses the copy."""
    from lessonkit.build.new import draft_article, read_source

    try:
        return draft_article(read_source(path, shown), shown)
    except SourceError:
        return None


def measure_senses(gold: Gold, wn) -> tuple[int, list[str]]:
    """How many gold words get their right sense from ``new.choose_senses``, and the misses.
    Each word is drafted as ``new`` drafts a key word: from its sentence, in the article."""
    from lessonkit.build.new import Suggestion, choose_senses

    article = "\n\n".join([gold.headline, *gold.paragraphs])
    rows = [
        Suggestion(g.word, g.word.lower(), "noun", "B2", 1, g.sentence, 1, 3.0) for g in gold.senses
    ]
    choose_senses(rows, article, wn)
    right, misses = 0, []
    for row, g in zip(rows, gold.senses, strict=True):
        if row.sense in g.senses:
            right += 1
        else:
            gold_names = " or ".join(sorted(g.senses))
            misses.append(f"{g.word} ({g.pos}): chose {row.sense} ({row.pos}), gold {gold_names}")
    return right, misses


def measure_page(folder: Path, wn=None) -> PageResult:
    """One page: its text copy read as ``new`` reads it, compared with its gold file."""
    gold = load_gold(folder / GOLD_FILE, f"{folder.name}/{GOLD_FILE}")
    text = folder / TEXT_FILE
    if not text.is_file():
        raise LessonkitError(f"{folder.name}: has no {TEXT_FILE} (the text copy of the page).")
    article = read_text_copy(text, f"{folder.name}/{TEXT_FILE}")
    kept = "\n".join(b.text for b in article.blocks) if article else ""
    precision, recall = precision_recall(kept, "\n".join(gold.paragraphs))
    title = article.title if article else None
    found_date = article.date if article else None
    result = PageResult(
        name=folder.name,
        headline=normalise(title or "") == normalise(gold.headline),
        date=found_date == gold.date,
        precision=precision if article else 0.0,
        recall=recall,
        found_headline=title,
        found_date=found_date,
    )
    if wn is not None and gold.senses:
        result.senses_right, result.misses = measure_senses(gold, wn)
        result.senses = len(gold.senses)
    return result


@dataclass
class Measure:
    pages: list[PageResult]
    outlets: int
    senses_measured: bool

    def figures(self) -> dict[str, float]:
        n = len(self.pages)
        total = sum(p.senses for p in self.pages)
        return {
            "headline": sum(p.headline for p in self.pages) / n,
            "date": sum(p.date for p in self.pages) / n,
            "precision": statistics.median(p.precision for p in self.pages),
            "recall": statistics.median(p.recall for p in self.pages),
            "senses": sum(p.senses_right for p in self.pages) / total if total else 0.0,
        }


def page_folders(corpus: Path) -> list[Path]:
    folders = sorted(p for p in corpus.iterdir() if (p / GOLD_FILE).is_file())
    if not folders:
        raise LessonkitError(f"{corpus}: has no page folders (each with a {GOLD_FILE}).")
    return folders


def measure(corpus: Path | str, *, senses: bool = True) -> Measure:
    """Every page of ``corpus``. Senses need Debian's WordNet (wordnet-base); without it,
    or with ``senses=False``, they are not measured."""
    from lessonkit.build.new import _wordnet_script

    corpus = Path(corpus)
    folders = page_folders(corpus)
    outlets = {load_gold(f / GOLD_FILE, f"{f.name}/{GOLD_FILE}").outlet or f.name for f in folders}
    script = _wordnet_script() if senses else None
    if script is None:
        return Measure([measure_page(f) for f in folders], len(outlets), False)
    try:
        with script.open_wordnet() as wn:
            return Measure([measure_page(f, wn) for f in folders], len(outlets), True)
    except script.WordNetMissing:
        return Measure([measure_page(f) for f in folders], len(outlets), False)


def report(result: Measure, verbose: bool = False) -> str:
    """The figures, one a line, each with the issue's target and whether it is met."""
    lines = []
    if verbose:
        for p in result.pages:
            lines.append(
                f"{p.name}: headline {'right' if p.headline else 'WRONG'} ({p.found_headline!r}), "
                f"date {'right' if p.date else 'WRONG'} ({p.found_date}), "
                f"precision {p.precision:.3f}, recall {p.recall:.3f}, "
                f"senses {p.senses_right}/{p.senses}"
            )
            lines += [f"    sense miss: {m}" for m in p.misses]
    figures = result.figures()
    n = len(result.pages)
    senses = sum(p.senses for p in result.pages)
    shown = {
        "headline": f"headline exact match: {sum(p.headline for p in result.pages)}/{n} pages",
        "date": f"date match: {sum(p.date for p in result.pages)}/{n} pages",
        "precision": "kept words that are article words (median of pages)",
        "recall": "article words kept (median of pages)",
        "senses": f"drafted senses right: {sum(p.senses_right for p in result.pages)}/{senses} "
        "gold words",
    }
    lines.append(f"{n} pages from {result.outlets} outlets, read from their text copies")
    for key, label in shown.items():
        if key == "senses" and not result.senses_measured:
            lines.append("drafted senses: not measured (Debian's wordnet-base is not installed)")
            continue
        met = "meets" if figures[key] >= TARGETS[key] else "BELOW"
        lines.append(f"{label}: {figures[key]:.1%} ({met} the target {TARGETS[key]:.0%})")
    return "\n".join(lines)


__all__ = ["Measure", "PageResult", "load_gold", "measure", "precision_recall", "report"]
