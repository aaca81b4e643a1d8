"""Tests for the vocabulary widgets and their pure helpers (lessonkit.learner.vocab).

The views are driven from Python without a browser: a press is the message the page sends
(``press``), a choice is a trait the page sets; then the tests read what the page is sent.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import pathlib
import re

import ipywidgets.widgets.widget as widget_module
import pytest

from lessonkit.learner.vocab import (
    FlashcardView,
    GlossaryView,
    ReaderView,
    concordance,
    csv_link,
    flashcard_deck,
    glossary_frame,
    highlighted_article,
    lookup,
    reader_article,
    word_panel_html,
    words_to_learn,
)

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load(slug: str) -> dict:
    return json.loads((ROOT / "data" / f"{slug}.json").read_text(encoding="utf-8"))


DATA = load("01-geneva-summit")
DATA2 = load("02-sanctions-and-an-olive-branch")
ENTRY = {g["word"]: g for g in DATA["glossary"]}


def paragraph_text(data: dict, n: int) -> str:
    if n == 0:
        return data["article"]["title"]
    return next(b["text"] for b in data["blocks"] if b.get("n") == n and b["kind"] != "heading")


def tiny_data(**changes: object) -> dict:
    """A hand-made lesson data dict: one glossary word, one WordNet word, one name."""
    data = {
        "slug": "tiny",
        "article": {"title": "Leaders <Meet> in Geneva", "outlet": "Test News"},
        "blocks": [
            {"kind": "paragraph", "n": 1, "text": "The leaders met & talked in Geneva."},
            {"kind": "heading", "text": "Talks"},
            {"kind": "paragraph", "n": 2, "text": "Stability & talks: the leader said so."},
        ],
        "glossary": [
            {
                "word": "stability",
                "lemma": "stability",
                "forms": ["stability"],
                "pos": "noun",
                "level": "B2",
                "definition": 'a state in which "things" <do not> change',
                "example": "They talked about stability.",
                "paragraph": 2,
                "zipf": 4.3,
            }
        ],
        "words": {
            "leaders": {
                "lemma": "leader",
                "level": "A1",
                "ipa": "/lˈidɚz/",
                "senses": [
                    {"pos": "noun", "definition": "a person who rules"},
                    {"pos": "noun", "definition": "the body of people who lead"},
                ],
            },
            "leader": {"lemma": "leader", "level": "A1", "senses": []},
            "geneva": {"lemma": "geneva", "level": "C1", "name": True, "senses": []},
        },
    }
    return data | changes


# --- lookup ---------------------------------------------------------------------------------


def test_lookup_glossary_word_has_definition_ipa_and_concordance():
    """Does a glossary word give its curated meaning, IPA and lines with paragraph numbers?"""
    info = lookup(DATA, "Differed")
    entry = ENTRY["differ"]
    assert (info.found, info.source, info.word) == (True, "glossary", "differed")
    assert (info.definition, info.pos, info.level, info.lemma) == (
        entry["definition"],
        entry["pos"],
        entry["level"],
        "differ",
    )
    assert info.ipa == DATA["words"]["differed"]["ipa"]
    assert [ln["paragraph"] for ln in info.lines] == [0, entry["paragraph"]]  # headline is 0
    for line in info.lines:
        assert line["match"].lower() in entry["forms"]
        assert line["left"] + line["match"] + line["right"] in paragraph_text(
            DATA, line["paragraph"]
        )
    panel = word_panel_html(info)
    assert html.escape(entry["definition"]) in panel
    assert f"[{entry['paragraph']}] …" in panel
    assert html.escape(info.ipa) in panel


@pytest.mark.parametrize(
    ("typed", "headword"),
    [("differs", "differ"), ("withdrew", "withdraw"), ("AMBASSADORS", "ambassador")],
)
def test_lookup_inflected_form_finds_the_glossary_entry(typed, headword):
    """Does an inflected form of a glossary word give that word's curated entry?"""
    info = lookup(DATA, typed)
    assert info.source == "glossary"
    assert info.definition == ENTRY[headword]["definition"]
    assert info.ipa  # borrowed from the headword when the form itself is not in the article
    assert f"<strong>Base form:</strong> {ENTRY[headword]['word']}" in word_panel_html(info)


def test_lookup_wordnet_word_from_committed_data():
    """Does a word outside the glossary with WordNet senses show those senses and its lines?"""
    entry = DATA["words"]["leaders"]
    assert "leaders" not in ENTRY and entry["senses"]
    info = lookup(DATA, "leaders")
    assert (info.found, info.source, info.lemma) == (True, "wordnet", "leader")
    assert info.senses == tuple((s["pos"], s["definition"]) for s in entry["senses"])
    assert info.definition == entry["senses"][0]["definition"]
    assert all(line["match"].lower() in ("leader", "leaders") for line in info.lines)
    assert {line["paragraph"] for line in info.lines} >= {2}
    panel = word_panel_html(info)
    assert "from WordNet" in panel and html.escape(entry["senses"][0]["definition"]) in panel


def test_lookup_wordnet_word_in_hand_made_data_finds_every_form_of_the_lemma():
    """Does a WordNet look-up also find the other forms of the same lemma in the article?"""
    info = lookup(tiny_data(), "leaders")
    assert info.source == "wordnet"
    assert [(ln["paragraph"], ln["match"]) for ln in info.lines] == [
        (0, "Leaders"),
        (1, "leaders"),
        (2, "leader"),
    ]


@pytest.mark.parametrize(("data", "word"), [(DATA, "Navalny"), (tiny_data(), "Geneva")])
def test_lookup_name_without_entry_says_no_entry(data, word):
    """Does a name with no glossary entry and no senses say "No entry" and still show lines?"""
    info = lookup(data, word)
    assert (info.found, info.source) == (False, "none")
    assert info.lines
    assert "No entry" in word_panel_html(info)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        None,
        42,
        ["a"],
        "(((",
        "[a-z]+",
        "\\",
        "x" * 100_000,
        "the " * 10_000,
        "\x00\ud800\u200b",
        "<script>alert(1)</script>",
        "’",
        "日本語",
    ],
)
def test_lookup_never_raises_on_garbage(typed):
    """Does lookup (and its panel) handle empty, garbage and huge input without raising?"""
    info = lookup(DATA, typed)
    panel = word_panel_html(info)
    assert "<script" not in panel
    assert len(info.word) <= 80


def test_empty_lookup_asks_for_a_word():
    """Does an empty look-up show the "Type a word" prompt?"""
    assert "Type a word" in word_panel_html(lookup(DATA, "  "))


def test_concordance_matches_whole_words_only():
    """Does concordance find whole words only, with the headline as paragraph 0?"""
    data = tiny_data()
    assert [ln["paragraph"] for ln in concordance(data, ["geneva"])] == [0, 1]
    assert concordance(data, ["lead"]) == []
    assert concordance(data, []) == []


# --- the reader ---------------------------------------------------------------------------------


def test_highlighted_article_marks_glossary_words_and_escapes_text():
    """Are glossary words marked with a title "word: definition" and the text escaped?"""
    data = tiny_data()
    page = highlighted_article(data)
    entry = data["glossary"][0]
    title = html.escape(f"{entry['word']}: {entry['definition']}", quote=True)
    assert f'<mark class="lk-glossary-word" tabindex="0" title="{title}">Stability</mark>' in page
    assert "Leaders &lt;Meet&gt; in Geneva" in page
    assert "met &amp; talked" in page
    assert "<Meet>" not in page and "<do not>" not in page
    assert "<h4>Talks</h4>" in page


def test_highlighted_article_of_real_lesson_marks_every_glossary_word():
    """Is every glossary word of lesson 01 marked at least once in the article?"""
    page = highlighted_article(DATA)
    titles = set(re.findall(r'title="([^":]+): ', page))
    assert titles == {html.escape(word, quote=True) for word in ENTRY}
    assert "[1]</span>" in page


def press(view, action: str, **content) -> None:
    """What the browser does when the learner presses something: a message to the kernel."""
    view._on_message(view, {"action": action, **content}, [])


def test_reader_key_words_and_a_look_up_fill_the_panel():
    """Are the glossary words the key-word buttons, and does looking one up show its meaning
    in the panel (the answer carrying the request's number)?"""
    reader = ReaderView(DATA)
    assert [g["word"] for g in reader.glosses] == [g["word"] for g in DATA["glossary"]]
    press(reader, "lookup", word="tension", target="panel", seq=4)
    assert reader.panel["seq"] == 4 and reader.panel["word"] == "tension"
    assert html.escape(ENTRY["tension"]["definition"]) in reader.panel["html"]
    assert reader.detail == {}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("leaders", "from WordNet"),
        ("Navalny", "No entry"),
        ("hostilities", "Meaning:"),
        ("the", "grammar word"),
        ("<img src=x onerror=alert(1)>", "This word is not in the article."),
    ],
)
def test_reader_typed_word_fills_the_panel(typed, expected):
    """Does a typed word (Look up, or Enter) show its panel, with markup escaped?"""
    reader = ReaderView(DATA)
    press(reader, "lookup", word=typed, target="panel", seq=1)
    assert expected in reader.panel["html"]
    assert "<img" not in reader.panel["html"]


def test_a_marked_word_asks_for_its_detail_beside_the_article():
    """Does a tap on a marked word's "More" fill ``detail`` and leave the panel as it was?"""
    reader = ReaderView(DATA)
    before = reader.panel
    press(reader, "lookup", word="treaties", target="detail", seq=2)
    assert reader.detail["seq"] == 2 and reader.detail["lemma"] == "treaty"
    assert html.escape(ENTRY["treaty"]["definition"]) in reader.detail["html"]
    assert reader.panel == before


@pytest.mark.parametrize(
    "message",
    [
        "junk",
        {"action": 3},
        {"action": "lookup", "word": ["x"], "target": "elsewhere", "seq": "1"},
        {"action": "__init__"},
        {"action": "say", "word": None},
    ],
)
def test_reader_ignores_odd_messages(message):
    """Does the reader survive whatever a page might send, without calling other methods?"""
    reader = ReaderView(DATA)
    reader._on_message(reader, message, [])
    assert reader.panel["seq"] == 0


def test_reader_article_parts_give_back_the_text_and_mark_every_entry():
    """Do the reader's parts join back into each paragraph, with every glossary word marked
    and each mark pointing at its own entry?"""
    article = reader_article(DATA)
    marked = set()
    paragraphs = [b for b in DATA["blocks"] if b["kind"] != "heading"]
    shown = [b for b in article["blocks"] if b["kind"] == "paragraph"]
    assert [b["n"] for b in shown] == [b["n"] for b in paragraphs]
    for block, source in zip(shown, paragraphs, strict=True):
        text = "".join(p if isinstance(p, str) else p[0] for p in block["parts"])
        assert text == source["text"]
        for part in block["parts"]:
            if not isinstance(part, str):
                entry = DATA["glossary"][part[1]]
                forms = {f.lower() for f in [entry["word"], *entry.get("forms", [])]}
                assert part[0].lower().replace("’", "'") in forms
                marked.add(entry["word"])
    headline = [p for p in article["headline"] if not isinstance(p, str)]
    marked |= {DATA["glossary"][p[1]]["word"] for p in headline}
    assert marked == set(ENTRY)
    assert [g["definition"] for g in article["glosses"]] == [
        g["definition"] for g in DATA["glossary"]
    ]


def test_reader_state_is_all_public():
    """Is what the reader sends the page the article, the short meanings and the words, and
    is its text twin a sentence with the marked article as HTML?"""
    reader = ReaderView(DATA)
    assert repr(reader).startswith("Word look-up:")
    bundle = reader._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"] == repr(reader)
    assert 'class="lk-glossary-word"' in data["text/html"]
    assert "mouse" not in data["text/html"] + reader.friendly_text


# --- glossary table -------------------------------------------------------------------------------


def test_glossary_frame_filters_by_part_of_speech():
    """Does the pos filter keep only the rows of that part of speech?"""
    frame = glossary_frame(DATA, pos="verb")
    expected = sorted((g["word"] for g in DATA["glossary"] if g["pos"] == "verb"), key=str.lower)
    assert list(frame["word"]) == expected
    assert set(frame["part of speech"]) == {"verb"}
    assert len(glossary_frame(DATA)) == len(DATA["glossary"])


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("word", lambda g: g["word"].lower()),
        ("level", lambda g: (["A1", "A2", "B1", "B2", "C1", "C2"].index(g["level"]), g["word"])),
        ("frequency", lambda g: (-g["zipf"], g["word"])),
    ],
)
def test_glossary_frame_sorts(sort, key):
    """Does each sort order put the rows in the expected order?"""
    frame = glossary_frame(DATA, sort=sort)
    assert list(frame["word"]) == [g["word"] for g in sorted(DATA["glossary"], key=key)]


def decode_csv(link_html: str) -> list[dict]:
    payload = re.search(r'href="data:text/csv;base64,([^"]+)"', link_html).group(1)
    return list(csv.DictReader(io.StringIO(base64.b64decode(payload).decode("utf-8-sig"))))


def test_csv_link_decodes_to_the_glossary():
    """Does the download link hold a CSV with every glossary word and meaning?"""
    link = csv_link(glossary_frame(DATA), "words-x.csv")
    assert 'download="words-x.csv"' in link
    rows = decode_csv(link)
    assert {r["word"]: r["meaning"] for r in rows} == {
        g["word"]: g["definition"] for g in DATA["glossary"]
    }


def test_glossary_view_filter_and_sort_redraw_rows_and_download():
    """Do the part-of-speech and sort choices (set by the page) redraw the rows and the CSV?"""
    view = GlossaryView(DATA)
    assert len(view.rows) == len(DATA["glossary"])
    assert view.filename == "words-01-geneva-summit.csv"
    view.pos = "noun"
    nouns = [g["word"] for g in DATA["glossary"] if g["pos"] == "noun"]
    assert [r["word"] for r in view.rows] == sorted(nouns, key=str.lower)
    link = f'href="{view.csv_href}"'
    assert [r["word"] for r in decode_csv(link)] == sorted(nouns, key=str.lower)
    view.pos = "all"
    view.sort = "level"
    rows = decode_csv(f'href="{view.csv_href}"')
    assert rows[0]["level"] <= rows[-1]["level"]
    assert rows[-1]["level"] == max(g["level"] for g in DATA["glossary"])
    assert "frequency" not in view.columns and "frequency" not in view.table
    view.pos, view.sort = "<b>", "nonsense"  # what a page could send: the whole list, A to Z
    assert [r["word"] for r in view.rows] == sorted(ENTRY, key=str.lower)


# --- flashcards -----------------------------------------------------------------------------------


def test_flashcard_deck_is_seeded_and_takes_several_lessons():
    """Is the deck the same for the same seed, different for another, and from all lessons?"""
    one = flashcard_deck([DATA], seed="a")
    assert one == flashcard_deck([DATA], seed="a")
    assert [c["id"] for c in one] != [c["id"] for c in flashcard_deck([DATA], seed="b")]
    both = flashcard_deck([DATA, DATA2], seed="a")
    assert len(both) == len(words_to_learn(DATA)) + len(words_to_learn(DATA2))
    assert {c["lesson"] for c in both} == {DATA["slug"], DATA2["slug"]}
    assert len({c["id"] for c in both}) == len(both)
    entry = words_to_learn(DATA)[0]
    card = next(c for c in one if c["front"] == entry["word"])
    if entry["form"] != entry["word"]:
        assert card.pop("earlier_id") == f"01-geneva-summit:{entry['form']}"
    assert card == {
        "id": f"01-geneva-summit:{entry['word']}",
        "front": entry["word"],
        "back": entry["definition"],
        "pos": entry["pos"],
        "example": entry["own_example"],
        "in_article": entry["example"],
        "lesson": "01-geneva-summit",
    }


def test_cards_are_the_words_to_learn():
    """Are the cards the lesson's words to learn only (support words stay in the word list),
    and every glossary word when a draft lesson marks none?"""
    data = {
        "slug": "x",
        "glossary": [
            {"word": "a", "learn": "yes", "definition": "d", "pos": "noun", "example": "e"},
            {"word": "b", "learn": "", "definition": "d", "pos": "noun", "example": "e"},
        ],
    }
    assert [c["front"] for c in flashcard_deck([data], seed="s")] == ["a"]
    for g in data["glossary"]:
        g["learn"] = ""
    assert sorted(c["front"] for c in flashcard_deck([data], seed="s")) == ["a", "b"]


def test_flashcard_cards_carry_what_the_learner_sees():
    """Does each card give the page its word, part of speech, meaning and examples, and
    nothing else (no earlier id, no lesson data)?"""
    cards = flashcard_deck([DATA], seed="x")
    view = FlashcardView(cards)
    assert [c["front"] for c in view.cards] == [c["front"] for c in cards]
    assert set(view.cards[0]) == {"id", "front", "pos", "back", "example", "in_article"}
    assert view.cards[0]["back"] == cards[0]["back"]
    assert view.flipped is False
    view.do_flip()
    assert view.flipped is True
    view.do_flip()
    assert view.flipped is False


def test_flashcard_marks_are_counted_and_move_on():
    """Do "I knew it" and "Not yet" count, call on_mark and move to the next card?"""
    cards = flashcard_deck([DATA], seed="x")
    marked = []
    view = FlashcardView(cards, on_mark=lambda card, knew: marked.append((card["id"], knew)))
    view.mark(True)
    view.mark(False)
    view.mark(True)
    assert marked == [(cards[0]["id"], True), (cards[1]["id"], False), (cards[2]["id"], True)]
    assert view.index == 3
    assert view.status == f"Card 4 of {len(cards)} · ✔ I knew it: 2 · ✘ Not yet: 1"


def test_flashcard_marks_from_the_page():
    """Does a mark sent by the page count for that card, and are odd marks ignored?"""
    cards = flashcard_deck([DATA], seed="x")
    marked = []
    view = FlashcardView(cards, on_mark=lambda card, knew: marked.append((card["id"], knew)))
    press(view, "mark", id=cards[5]["id"], knew=False)
    press(view, "mark", id="nope", knew=True)
    press(view, "mark", id=cards[1]["id"], knew="yes")
    assert marked == [(cards[5]["id"], False)]
    assert view.marks == {cards[5]["id"]: False}


@pytest.mark.parametrize(
    ("presses", "index"),
    [
        ([-1], -1),
        ([1], 1),
        ([1, -1], 0),
        ([-1, 1], 0),
        ([1] * 20, 0),
        ([1] * 21, 1),
    ],
)
def test_flashcard_next_and_previous_wrap(presses, index):
    """Do Next and Previous move one card and wrap around at both ends?"""
    cards = flashcard_deck([DATA, DATA2], seed="x")[:20]
    assert len(cards) == 20
    view = FlashcardView(cards)
    view.do_flip()
    for step in presses:
        view.move(step)
    assert view.index == index % len(cards)
    assert view.status.startswith(f"Card {index % len(cards) + 1} of 20")
    assert view.flipped is False  # moving shows the front of the new card


def test_empty_deck_does_not_raise():
    """Does a view with no cards say so, and ignore every press?"""
    view = FlashcardView([])
    view.do_flip()
    view.move(1)
    view.mark(True)
    press(view, "mark", id="x", knew=True)
    assert view.cards == [] and view.marks == {}
    assert "no cards" in view.empty_text


# --- every view -----------------------------------------------------------------------------------


VIEW_FILES = ["reader", "words", "cards", "writing"]


@pytest.mark.parametrize(
    ("make", "start"),
    [
        (lambda: ReaderView(DATA), "Word look-up:"),
        (lambda: GlossaryView(DATA), "Word list: 20 words."),
        (
            lambda: FlashcardView(flashcard_deck([DATA], "s")),
            f"Flashcards: {len(words_to_learn(DATA))} cards.",
        ),
    ],
)
def test_each_view_is_one_widget_with_a_friendly_text(make, start):
    """Is each view one widget model (not a box of stock widgets), with a sentence as its
    text twin?"""
    make()  # the first view also opens the Layout every view shares
    before = set(widget_module._instances)
    view = make()
    assert set(widget_module._instances) - before == {view.model_id}
    bundle = view._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    for text in (repr(view), data["text/plain"]):
        assert text.startswith(start) and "Widget" not in text


@pytest.mark.parametrize("name", VIEW_FILES)
def test_view_files_are_in_the_package_and_draw_text_safely(name):
    """Is each view's module a real file with no CDN import, and does it put text in the page
    as text (innerHTML only for the panel the kernel escaped)?"""
    source = (ROOT / "src" / "lessonkit" / "learner" / "views" / f"{name}.js").read_text()
    assert "export default" in source and "import " not in source and "http" not in source
    uses = source.count("innerHTML")
    assert uses == (1 if name == "reader" else 0)
    assert (ROOT / "src" / "lessonkit" / "learner" / "views" / f"{name}.css").exists()


# --- Say it ---------------------------------------------------------------------------------------


@pytest.fixture
def recordings(monkeypatch):
    """Recordings of two words of lesson 01 (as listening.word_audio gives them)."""
    import lessonkit.learner.listening as listening

    said = {"treaty": b"ID3treaty", "differ": b"ID3differ"}
    monkeypatch.setattr(listening, "word_audio", lambda slug, word: said.get(word), raising=False)
    monkeypatch.setattr(listening, "has_word_audio", lambda slug, word: word in said, raising=False)
    return said


def sent_by(view) -> list:
    out = []
    view.send = lambda content, buffers=None: out.append((content, buffers))
    return out


def test_say_it_is_offered_for_recorded_words_and_sent_when_pressed(recordings):
    """Is Say it offered only for words with a recording, and are the bytes sent only when
    the learner presses it (never in the view's state)?"""
    reader = ReaderView(DATA)
    assert sorted(reader.sayable) == ["differ", "treaty"]
    assert b"ID3" not in json.dumps(reader.get_state(), default=str).encode()
    out = sent_by(reader)
    press(reader, "say", word="treaty")
    press(reader, "say", word="tension")
    assert out == [
        ({"action": "audio", "word": "treaty", "found": True}, [b"ID3treaty"]),
        ({"action": "audio", "word": "tension", "found": False}, None),
    ]
    cards = FlashcardView(flashcard_deck([DATA], seed="x"))
    assert {c.split(":")[1] for c in cards.sayable} == {"differ", "treaty"}
    out = sent_by(cards)
    press(cards, "say", id="01-geneva-summit:differ", word="anything")
    assert out[0][1] == [b"ID3differ"] and out[0][0]["word"] == "differ"


def test_no_say_it_without_recordings(monkeypatch):
    """With no recordings (a lesson without word audio), is no Say it offered?"""
    import lessonkit.learner.listening as listening

    monkeypatch.setattr(listening, "has_word_audio", lambda slug, word: False, raising=False)
    assert ReaderView(DATA).sayable == [] and GlossaryView(DATA).sayable == []
