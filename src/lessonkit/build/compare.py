"""Build-time data and charts that set the four articles side by side, for "Comparing the sources".

Map of the module:

- ``compare_data(project)``: a JSON-ready dict with three parts.
  - ``articles``: per article lesson, in lesson order: metadata, reading statistics (the
    same numbers as the lesson's own, from ``_text.reading_stats``), a level profile, the
    share of harder words and who is quoted how often.
  - ``only_here``: per lesson, up to 12 content words no other article uses.
  - ``headlines``: per lesson, the headline and its length in words.
- ``draw_charts(data, folder)``: four PNG charts (length, sentence length, levels, quoted).
- ``chart_alt_text(data, name)``: one sentence with the numbers of a chart, for the
  Markdown image's alt text (screen readers, and readers without images).
- ``short_name(outlet)``: "VOA", "Mediaite", "US site", "NPR" for the charts' axes.

Choices a teacher may want to know:

- The level profile counts the word tokens of the numbered paragraphs (the tokens that
  "words" counts), with each word's level from ``_enrich.word_table`` built on the headline
  and the paragraphs (as the lesson's own word table is). Names ("Putin", "Geneva") have no
  level, so they are left out of the profile and of its denominator: the percentages are of
  ``level_words``, the words that are not names, and add up to 100 give or take rounding.
- "Quoted" in a news story counts sentences with quotation marks attributed to a speaker
  (``_reporting.quotation_counts``). In the transcript it counts the turns of each speaker
  other than the reporter (the byline): she is the one quoting, not quoted.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lessonkit.build import reporting as _reporting
from lessonkit.build import text as _text
from lessonkit.build import words as _enrich

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
ABOVE_B1 = ("B2", "C1", "C2")
ONLY_HERE_MAX = 12
ONLY_HERE_MAX_ZIPF = 5.0  # commoner words are shared vocabulary, not the article's own
SHORT_NAMES = {"VOA Learning English": "VOA", "Mediaite": "Mediaite", "NPR": "NPR"}

# Charts: 7 x 3.5 inches at 100 dpi (700 x 350 pixels), the same every build.
FIGSIZE = (7.0, 3.5)
DPI = 100
# Okabe & Ito's palette, readable with every common colour-vision deficiency.
BAR_COLOUR = "#0072B2"
LEVEL_COLOURS = ("#56B4E9", "#009E73", "#F0E442", "#E69F00", "#D55E00", "#CC79A7")
# Hatching as well as colour, so that the levels can be told apart in grey or by anyone.
LEVEL_HATCHES = ("", "//", "..", "xx", "\\\\", "++")
CHARTS = ("length", "sentence-length", "levels", "quoted")


def short_name(outlet: str | None) -> str:
    """A short label for an outlet: "VOA Learning English" -> "VOA"."""
    if not outlet:
        return "?"
    if outlet in SHORT_NAMES:
        return SHORT_NAMES[outlet]
    if outlet.lower().startswith(("a us news", "a u.s. news")):
        return "US site"
    return outlet if len(outlet) <= 12 else outlet[:11] + "…"


def _texts(article) -> list[str]:
    """Paragraph 0 (the headline) and the numbered paragraphs."""
    return [article.title] + [b.text for b in article.paragraphs]


def _level_profile(article, table: dict) -> tuple[dict, float, int]:
    counts: Counter = Counter()
    for block in article.paragraphs:
        for word in _text.words(block.text):
            entry = table[word]
            if not entry["name"]:
                counts[entry["level"]] += 1
    total = sum(counts.values())

    def percent(n: int) -> float:
        return round(100 * n / total, 1) if total else 0.0

    profile = {level: percent(counts[level]) for level in LEVELS}
    above = percent(sum(counts[level] for level in ABOVE_B1))
    return profile, above, total


def _quoted(source, rows: list[dict], names: set[str]) -> dict[str, int]:
    article = source.article
    if article.kind != "transcript":
        return _reporting.quotation_counts(rows)
    turns = Counter(
        _reporting.normalise_speaker(b.speaker, names)
        for b in article.paragraphs
        if b.kind == "turn" and b.speaker and b.speaker != article.byline
    )
    return dict(sorted(turns.items(), key=lambda item: (-item[1], item[0])))


def _only_here(tables: dict[str, dict], texts: dict[str, list[str]]) -> dict[str, list[dict]]:
    """Per lesson, content words (lemma-grouped) that no other article has in any form."""
    words = {slug: [_text.words(t) for t in paragraphs] for slug, paragraphs in texts.items()}
    forms = {slug: {w for p in found for w in p} for slug, found in words.items()}
    lemmas = {slug: {tables[slug][w]["lemma"] for w in found} for slug, found in forms.items()}
    result = {}
    for slug, table in tables.items():
        other_forms = set().union(*(f for s, f in forms.items() if s != slug))
        other_lemmas = set().union(*(f for s, f in lemmas.items() if s != slug))
        first: dict[str, tuple[int, int]] = {}  # word -> (paragraph, order)
        order = 0
        for n, paragraph in enumerate(words[slug]):
            for word in paragraph:
                first.setdefault(word, (n, order))
                order += 1
        groups: dict[str, list[str]] = {}
        for word in sorted(first, key=first.get):
            entry = table[word]
            if entry["name"] or entry["zipf"] >= ONLY_HERE_MAX_ZIPF:
                continue
            groups.setdefault(entry["lemma"], []).append(word)
        picked = []
        for lemma, group in groups.items():
            shared = lemma in other_lemmas or lemma in other_forms
            if shared or any(w in other_forms for w in group):
                continue
            word = group[0]
            picked.append(
                {
                    "word": word,
                    "lemma": lemma,
                    "level": table[word]["level"],
                    "zipf": table[word]["zipf"],
                    "paragraph": first[word][0],
                }
            )
        picked.sort(key=lambda item: (item["zipf"], item["word"]))
        result[slug] = picked[:ONLY_HERE_MAX]
    return result


def compare_data(project) -> dict:
    """The four articles side by side (see the module docstring); deterministic, JSON-ready."""
    sources = _reporting.article_lessons(project)
    rows = _reporting.reporting_table(project)
    names = {r["speaker"] for r in rows if r["speaker"]}
    for source in sources:
        names |= _reporting.person_names(source.article)
    articles, tables, texts, headlines = [], {}, {}, {}
    for source in sources:
        article, slug = source.article, source.entry.slug
        texts[slug] = _texts(article)
        tables[slug] = _enrich.word_table(texts[slug])
        stats = _text.reading_stats([b.text for b in article.paragraphs], {})
        profile, above, level_words = _level_profile(article, tables[slug])
        articles.append(
            {
                "slug": slug,
                "lesson_title": source.entry.title,
                "title": article.title,
                "outlet": article.outlet,
                "short": short_name(article.outlet),
                "byline": article.byline,
                "date": article.date,
                "kind": article.kind,
                "level": source.entry.level,
                "paragraphs": stats["paragraphs"],
                "words": stats["words"],
                "sentences": stats["sentences"],
                "mean_sentence_length": stats["mean_sentence_length"],
                "reading_minutes": stats["reading_minutes"],
                "level_words": level_words,
                "level_profile": profile,
                "share_above_b1": above,
                "quoted": _quoted(source, [r for r in rows if r["lesson"] == slug], names),
            }
        )
        headlines[slug] = {
            "text": article.title,
            "words": len(_text.words(article.title)),
            "note": article.note,  # lesson 3's headline was written for the lesson
        }
    return {"articles": articles, "only_here": _only_here(tables, texts), "headlines": headlines}


# --- charts ---------------------------------------------------------------------------------


def _labels(data: dict, names: dict[str, str] | None) -> list[str]:
    return [(names or {}).get(a["slug"], a["short"]) for a in data["articles"]]


def _figure():
    from matplotlib.figure import Figure

    return Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")


def _save(fig, path: Path) -> Path:
    # No "Software" entry: the file then depends on the data alone, not on the version.
    fig.savefig(path, dpi=DPI, format="png", metadata={"Software": None})
    return path


def _bar_chart(labels, values, *, title: str, ylabel: str, fmt: str, path: Path) -> Path:
    fig = _figure()
    ax = fig.add_subplot()
    bars = ax.bar(labels, values, color=BAR_COLOUR, edgecolor="black", linewidth=0.6)
    ax.bar_label(bars, labels=[fmt.format(v) for v in values], padding=2)
    ax.set_title(title)
    ax.set_xlabel("Article (by news outlet)")
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, max(values, default=1) * 1.18 or 1)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


def _levels_chart(data: dict, labels: list[str], path: Path) -> Path:
    fig = _figure()
    ax = fig.add_subplot()
    left = [0.0] * len(labels)
    y = list(range(len(labels)))
    for level, colour, hatch in zip(LEVELS, LEVEL_COLOURS, LEVEL_HATCHES, strict=True):
        widths = [a["level_profile"][level] for a in data["articles"]]
        bars = ax.barh(
            y,
            widths,
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.5,
            label=level,
        )
        # The level's name and share on each part wide enough to hold them.
        texts = [f"{level} {w:.0f}%" if w >= 9 else (f"{w:.0f}" if w >= 4 else "") for w in widths]
        ax.bar_label(
            bars,
            labels=texts,
            label_type="center",
            fontsize=7,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    # The share of harder words beside each name: the small parts are too narrow to label.
    ticks = [
        f"{label}\nB2+ {a['share_above_b1']:.1f}%"
        for label, a in zip(labels, data["articles"], strict=True)
    ]
    ax.set_yticks(y, ticks)
    ax.invert_yaxis()  # first lesson on top
    ax.set_xlim(0, 100)
    ax.set_title("Words at each level (names left out; B2+ = B2, C1 and C2)")
    ax.set_xlabel("Share of the article's words (%)")
    ax.set_ylabel("Article")
    ax.legend(title="Level", loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
    return _save(fig, path)


def _quoted_chart(data: dict, labels: list[str], path: Path) -> Path:
    import numpy as np

    totals: Counter = Counter()
    for article in data["articles"]:
        totals.update(article["quoted"])
    people = sorted(totals, key=lambda n: (-totals[n], n))
    grid = np.array([[a["quoted"].get(p, 0) for a in data["articles"]] for p in people])
    if not people:
        grid = np.zeros((1, len(labels)), dtype=int)
    fig = _figure()
    ax = fig.add_subplot()
    high = max(int(grid.max()), 1)
    # A table of numbers; the shading only repeats them (light = few, dark = many).
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=high * 1.25, aspect="auto")
    size = 8 if len(people) <= 8 else 6
    for (row, col), value in np.ndenumerate(grid):
        ax.text(
            col,
            row,
            str(value) if value else "–",
            ha="center",
            va="center",
            fontsize=size + 1,
            color="white" if value > high * 0.6 else "black",
        )
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(people)), people or ["(nobody)"], fontsize=size)
    ax.set_title("Who is quoted, and how often")
    ax.set_xlabel("Article (news: quoted sentences; NPR: turns in the programme)")
    ax.set_ylabel("Person or body quoted")
    ax.tick_params(length=0)
    return _save(fig, path)


def draw_charts(data: dict, folder: Path, names: dict[str, str] | None = None) -> list[Path]:
    """Write length.png, sentence-length.png, levels.png and quoted.png; return their paths.

    ``names`` maps a lesson slug to the label on the axis; by default the outlet's short
    name. Every chart has a title, plain-English axis labels and its values written on it.
    """
    import matplotlib

    matplotlib.use("Agg")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    labels = _labels(data, names)
    articles = data["articles"]
    with matplotlib.rc_context({"font.size": 9, "hatch.linewidth": 0.6}):
        return [
            _bar_chart(
                labels,
                [a["words"] for a in articles],
                title="How long is each article?",
                ylabel="Words",
                fmt="{:d}",
                path=folder / "length.png",
            ),
            _bar_chart(
                labels,
                [a["mean_sentence_length"] for a in articles],
                title="How long are the sentences?",
                ylabel="Words per sentence (mean)",
                fmt="{:.1f}",
                path=folder / "sentence-length.png",
            ),
            _levels_chart(data, labels, folder / "levels.png"),
            _quoted_chart(data, labels, folder / "quoted.png"),
        ]


def chart_alt_text(data: dict, name: str, names: dict[str, str] | None = None) -> str:
    """One sentence that says what a chart shows, with its numbers (``name``: "length",
    "sentence-length", "levels" or "quoted", with or without ".png")."""
    name = name.removesuffix(".png")
    labels = _labels(data, names)
    articles = data["articles"]

    def each(values) -> str:
        return ", ".join(f"{label} {value}" for label, value in zip(labels, values, strict=True))

    if name == "length":
        return "Bar chart of the number of words in each article: " + (
            each(a["words"] for a in articles) + "."
        )
    if name == "sentence-length":
        return "Bar chart of the mean number of words per sentence in each article: " + (
            each(f"{a['mean_sentence_length']:.1f}" for a in articles) + "."
        )
    if name == "levels":
        return (
            "Stacked bars of the share of each article's words at each level from A1 to C2 "
            "(names left out); words at B2 or above: "
            + each(f"{a['share_above_b1']:.1f}%" for a in articles)
            + "."
        )
    if name == "quoted":
        parts = []
        for label, article in zip(labels, articles, strict=True):
            who = ", ".join(f"{p} {n}" for p, n in article["quoted"].items()) or "nobody"
            parts.append(f"{label}: {who}")
        return "Table of who is quoted and how often; " + "; ".join(parts) + "."
    raise ValueError(f"{name!r} is not a chart; use one of {', '.join(CHARTS)}")
