"""Tests for lessonkit.build.importer: each cleaning rule, and the four real articles end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import assert_one_sentence

from lessonkit.build.importer import (
    Block,
    drop_furniture,
    drop_repeated_lines,
    guess_outlet,
    import_text,
    is_heading,
    paragraphs_of,
    parse_article_body,
    speaker_turns,
    split_lines,
    take_date_prefix,
    take_voa_credits,
    take_words_in_this_story,
)
from lessonkit.build.sources import split_front_matter
from lessonkit.errors import SourceError

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "tests" / "fixtures" / "raw"

# The commands that made the committed lessons/<slug>/article.md files.
GOLDEN = {
    "01-geneva-summit": (
        "000_37fd3597910fea6c.txt",
        {
            "date": "2021-06-16",
            "date_note": "The copy gives no date; the summit it reports took place on Wednesday "
            "16 June 2021.",
        },
    ),
    "02-sanctions-and-an-olive-branch": (
        "001_a2eddacf8dfa393f.txt",
        {
            "date": "2021-04-15",
            "date_note": "The copy says 'Thursday'; the sanctions were announced on Thursday "
            "15 April 2021.",
        },
    ),
    "03-rights-after-the-summit": (
        "002_fbf2ac5d012c0ac3.txt",
        {
            "title": "Blinken Says Biden Raised LGBTQ Rights With Putin at the Summit",
            "outlet": "A US news website (not named in the copy)",
            "note": "The copy has no headline and does not name its outlet or writer; the "
            "headline here was written for this lesson.",
        },
    ),
    "04-a-test-for-human-rights": (
        "003_3debe66b83a608e7.txt",
        {
            "date": "2021-06",
            "date_note": "The copy gives no date; it was broadcast in the week before the summit "
            "of 16 June 2021.",
        },
    ),
}

FURNITURE = [
    "Accessibility links",
    "Breaking News",
    "please wait",
    "No media source",
    "0:00",
    "See comments",
    "This forum has been closed",
    "tips@",
    "Filed Under",
    "Play Live Radio",
    "Next Up",
    "Available On Air Stations",
    "REUTERS",
    "date 2021",
]


def imported(slug: str):
    """The Article the importer makes from the raw copy behind lesson ``slug``."""
    raw_name, options = GOLDEN[slug]
    raw = (RAW / raw_name).read_text(encoding="utf-8")
    return import_text(raw, source_file=raw_name, **options)


# --- the rules, one at a time ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "lines"),
    [
        ("a\r\nb", ["a", "b"]),
        ("a\rb", ["a", "b"]),
        ("  a  \n\tb", ["a", "b"]),
        ("\u00a0a\u00a0", ["a"]),
        ("\u00a0", [""]),
    ],
    ids=["crlf", "old-mac-cr", "outer-spaces", "no-break-spaces", "only-no-break-space"],
)
def test_split_lines(raw, lines):
    """Are line endings unified and outer (also no-break) spaces removed from each line?"""
    assert split_lines(raw) == lines


@pytest.mark.parametrize(
    "line",
    [
        "Accessibility links",
        "Breaking News",
        "please wait",
        "No media source currently available",
        "This forum has been closed.",
        "Filed Under:",
        "Play Live Radio",
        "Next Up:",
        "Available On Air Stations",
        "0:00",
        "0:00 0:05:21 0:00",
        "See comments (3)",
        "Comments (12)",
        "Comment (1)",
        "Have a tip we should know? tips@mediaite.com",
    ],
)
def test_drop_furniture_removes_page_lines(line):
    """Is each kind of page furniture (menus, player, comments, tip line) removed?"""
    assert drop_furniture(["Story text.", line, ""]) == ["Story text.", ""]


@pytest.mark.parametrize(
    "line",
    [
        "Breaking News came late on Wednesday.",
        "The talks began at 10:00 in Geneva.",
        "See comments from both leaders below.",
        "Next up: the ambassadors.",
        "Filed under pressure, the report was short.",
    ],
    ids=[
        "breaking-news-in-text",
        "time-in-text",
        "see-comments-in-text",
        "next-up-in-text",
        "filed-under-in-text",
    ],
)
def test_drop_furniture_keeps_story_lines(line):
    """Does a story line that only contains furniture words stay?"""
    assert drop_furniture([line]) == [line]


@pytest.mark.parametrize(
    ("lines", "kept", "date"),
    [
        (["date 2021-06-21 Secretary Blinken said."], ["Secretary Blinken said."], "2021-06-21"),
        (["", " date 2021-06-21  Text."], ["", "Text."], "2021-06-21"),
        (["date 2021-06-21", "Text."], ["", "Text."], "2021-06-21"),
        (["Headline", "date 2021-06-21 Text."], ["Headline", "date 2021-06-21 Text."], None),
        (["Headline", "Text."], ["Headline", "Text."], None),
        (["date 21-06-2021 Text."], ["date 21-06-2021 Text."], None),
        ([], [], None),
    ],
    ids=[
        "stuck-to-text",
        "after-blank-line",
        "alone-on-its-line",
        "not-first-line",
        "none",
        "not-iso-date",
        "no-lines",
    ],
)
def test_take_date_prefix(lines, kept, date):
    """Is a leading 'date YYYY-MM-DD' taken as the date, and nothing else?"""
    assert take_date_prefix(lines) == (kept, date)


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        (
            ["Headline", "Caption of a photo", "Headline", "Text.", "Caption of a photo"],
            ["Headline", "Text."],
        ),
        (
            ["Headline", "", "Two men meet in Geneva. (REUTERS/Kevin Lamarque)", "Text."],
            ["Headline", "", "Text."],
        ),
        (
            ["Headline", "Leaders shake hands (AP Photo/Alex Brandon)", "Text."],
            ["Headline", "Text."],
        ),
        (
            ["Headline", "", "Text one.", "", "Text two."],
            ["Headline", "", "Text one.", "", "Text two."],
        ),
        (["", "Headline", "", "Headline"], ["", "Headline", ""]),
    ],
    ids=[
        "repeated-caption-and-headline",
        "reuters-credit",
        "ap-credit",
        "unique-lines-kept",
        "leading-blank-line",
    ],
)
def test_drop_repeated_lines(lines, kept):
    """Are photo captions (repeated, or with an agency credit) dropped, the headline kept once?"""
    assert drop_repeated_lines(lines) == kept


def test_take_words_in_this_story_parses_the_word_list():
    """Does VOA's word list become data (word, part of speech, definition) and leave the body?"""
    lines = [
        "Body text.",
        "",
        "Words in This Story",
        "",
        "constructive - adj. helping to develop and improve something",
        "follow-up - n. something done to continue what came before",
        "stability – n. the state of being steady - not easily moved",
    ]
    kept, words = take_words_in_this_story(lines)
    assert kept == ["Body text.", ""]
    assert words == [
        {
            "word": "constructive",
            "pos": "adj.",
            "definition": "helping to develop and improve something",
        },
        {
            "word": "follow-up",
            "pos": "n.",
            "definition": "something done to continue what came before",
        },
        {
            "word": "stability",
            "pos": "n.",
            "definition": "the state of being steady - not easily moved",
        },
    ]


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        (["Body.", "Talks - a word we use"], ["Body.", "Talks - a word we use"]),
        (
            ["Body.", "Words in This Story", "We want to hear from you."],
            ["Body.", "We want to hear from you."],
        ),
    ],
    ids=["no-word-list", "other-text-after-the-list"],
)
def test_take_words_in_this_story_keeps_other_lines(lines, kept):
    """Are lines that are not glossary entries left in the text?"""
    assert take_words_in_this_story(lines)[0] == kept


def test_take_voa_credits():
    """Do VOA's sign-off and credit line give the byline and credits, and leave the text?"""
    lines = [
        "Text.",
        "",
        "I'm Caty Weaver.",
        "",
        "Hai Do wrote this story for Learning English. Caty Weaver was the editor.",
    ]
    kept, byline, credits = take_voa_credits(lines)
    assert kept == ["Text.", "", ""]
    assert byline == "Hai Do"
    assert credits == ["Hai Do wrote this story for Learning English. Caty Weaver was the editor."]


def test_take_voa_credits_leaves_other_texts_alone():
    """Is a text without VOA credits returned whole, with no byline?"""
    lines = ["I'm glad to be here, he said.", "Text."]
    assert take_voa_credits(lines) == (lines, None, [])


@pytest.mark.parametrize(
    ("lines", "paragraphs"),
    [
        (["One a", "one b", "", "Two"], ["One a one b", "Two"]),
        (["", "", "One", "", "", "", "Two", ""], ["One", "Two"]),
        (["", ""], []),
        ([], []),
    ],
    ids=["joined-with-a-space", "many-blank-lines", "only-blanks", "nothing"],
)
def test_paragraphs_of(lines, paragraphs):
    """Are runs of non-empty lines one paragraph each?"""
    assert paragraphs_of(lines) == paragraphs


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Areas of agreement", True),
        ("What about the future", True),
        ("Human rights", True),
        ("The talks lasted three hours.", False),
        ("Why did they meet?", False),
        ("Wow!", False),
        ('He said "yes"', False),
        ("He called it “constructive”", False),
        ("The two sides said:", False),
        ("(Speaking Russian)", False),
        ("One two three four five six seven eight", False),
    ],
    ids=[
        "heading",
        "heading-question-words",
        "two-words",
        "full-stop",
        "question-mark",
        "exclamation",
        "straight-quote",
        "curly-quote",
        "colon",
        "bracket",
        "eight-words",
    ],
)
def test_is_heading(text, heading):
    """Is a short line without closing punctuation, and only that, a heading?"""
    assert is_heading(text) is heading


def test_speaker_turns_give_full_names():
    """Are transcript labels turned into turns with full names, the byline found?"""
    blocks, byline, credits = speaker_turns(
        [
            "The introduction has no label.",
            "MICHELE KELEMEN, BYLINE: In 1985, an actor escaped.",
            "OLEG VIDOV: I wanted to escape.",
            "KELEMEN: He went to the U.S.",
            "VIDOV: Yes.",
        ]
    )
    assert blocks == [
        Block("paragraph", "The introduction has no label."),
        Block("turn", "In 1985, an actor escaped.", speaker="Michele Kelemen"),
        Block("turn", "I wanted to escape.", speaker="Oleg Vidov"),
        Block("turn", "He went to the U.S.", speaker="Michele Kelemen"),
        Block("turn", "Yes.", speaker="Oleg Vidov"),
    ]
    assert (byline, credits) == ("Michele Kelemen", [])


def test_speaker_turns_unknown_short_label_is_title_cased():
    """Does a short label with no full name before it still read as a name?"""
    blocks, byline, _ = speaker_turns(["COHEN: Things got worse."])
    assert blocks == [Block("turn", "Things got worse.", speaker="Cohen")]
    assert byline is None


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["KELEMEN, BYLINE: Michele Kelemen, NPR News. Transcript provided by NPR, Copyright NPR."],
        [
            "KELEMEN, BYLINE: Michele Kelemen, NPR News.",
            "Transcript provided by NPR, Copyright NPR.",
        ],
        [
            "KELEMEN, BYLINE: Michele Kelemen, NPR News.",
            "KELEMEN: Transcript provided by NPR, Copyright NPR.",
        ],
    ],
    ids=["at-the-end-of-a-turn", "on-its-own-line", "alone-after-a-label"],
)
def test_speaker_turns_move_the_npr_credit(paragraphs):
    """Does NPR's credit go to the credits wherever it stands, leaving no empty turn?"""
    blocks, _, credits = speaker_turns(paragraphs)
    assert credits == ["Transcript provided by NPR, Copyright NPR."]
    assert blocks == [Block("turn", "Michele Kelemen, NPR News.", speaker="Kelemen")]


def test_speaker_turns_drop_the_reporters_biography():
    """Is the reporter's biography after the transcript dropped, and other paragraphs kept?"""
    blocks, _, _ = speaker_turns(
        [
            "ANN LEE, BYLINE: Hello.",
            "Ann Lee has been with NPR for two decades.",
            "Ann Lee reported from Moscow.",
        ]
    )
    assert blocks == [
        Block("turn", "Hello.", speaker="Ann Lee"),
        Block("paragraph", "Ann Lee reported from Moscow."),
    ]


@pytest.mark.parametrize(
    ("raw", "outlet"),
    [
        ("Hai Do wrote this story for Learning English.", "VOA Learning English"),
        ("Have a tip we should know? tips@mediaite.com", "Mediaite"),
        ("Transcript provided by NPR, Copyright NPR.", "NPR"),
        ("A story with no tell-tale line.", None),
    ],
    ids=["voa", "mediaite", "npr", "unknown"],
)
def test_guess_outlet(raw, outlet):
    """Is the outlet named from a tell-tale line, and left empty when there is none?"""
    assert guess_outlet(raw) == outlet


# --- import_text: headline, options, errors ---------------------------------------------------


def test_import_text_takes_the_headline_and_keeps_paragraphs():
    """Is the first line without a full stop the title, and are the paragraphs kept in order?"""
    article = import_text(
        "Leaders Meet in Geneva\n\nThey met.\n\nTalks\n\nThey talked.\n", source_file="x.txt"
    )
    assert article.title == "Leaders Meet in Geneva"
    assert article.blocks == [
        Block("paragraph", "They met."),
        Block("heading", "Talks"),
        Block("paragraph", "They talked."),
    ]
    assert [b.text for b in article.paragraphs] == ["They met.", "They talked."]
    assert article.kind == "news"


def test_import_text_options_win_over_the_text():
    """Do the options (title, outlet, byline, date) replace what the text says?"""
    article = import_text(
        "date 2021-06-21 Old Headline\n\nText.\n\nHai Do wrote this story for Learning English.",
        source_file="x.txt",
        title="New Headline",
        outlet="VOA",
        byline="Ann Lee",
        date="2021-06-22",
    )
    assert (article.title, article.outlet, article.byline, article.date) == (
        "New Headline",
        "VOA",
        "Ann Lee",
        "2021-06-22",
    )
    assert article.blocks == [Block("paragraph", "Text.")]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "x.txt, field 'text': has no text left after cleaning."),
        ("  \n\u00a0\n\n", "x.txt, field 'text': has no text left after cleaning."),
        (
            "Accessibility links\n\nBreaking News\nplease wait\n0:00 0:05:21 0:00\n"
            "See comments (3)\nThis forum has been closed.\n",
            "x.txt, field 'text': has no text left after cleaning.",
        ),
        ("Only a Headline\n", "x.txt, field 'text': has no paragraphs left after cleaning."),
        (
            "The story starts with a sentence.\n\nAnd goes on.\n",
            "x.txt, line 1, field 'title': has no headline; give one with --title.",
        ),
    ],
    ids=["empty", "only-spaces", "only-furniture", "only-a-headline", "no-headline"],
)
def test_import_text_errors(raw, message):
    """Does a text with nothing to teach, or with no headline, raise one clear sentence?"""
    with pytest.raises(SourceError) as caught:
        import_text(raw, source_file="x.txt")
    assert str(caught.value) == message
    assert_one_sentence(str(caught.value))


def test_no_headline_is_fine_with_a_title():
    """Does the title option make a text without a headline importable?"""
    article = import_text("The story starts.\n\nAnd goes on.\n", source_file="x.txt", title="T")
    assert article.title == "T"
    assert len(article.paragraphs) == 2


# --- the four real articles -------------------------------------------------------------------


@pytest.mark.parametrize("slug", GOLDEN)
def test_golden_article(slug):
    """Does importing the raw copy give exactly the committed lessons/<slug>/article.md?"""
    committed = (REPO / "lessons" / slug / "article.md").read_text(encoding="utf-8")
    assert imported(slug).to_markdown() == committed


@pytest.mark.parametrize("slug", GOLDEN)
def test_round_trip(slug):
    """Does reading the written body back give the same blocks?"""
    article = imported(slug)
    _, body, _ = split_front_matter(article.to_markdown(), "article.md")
    assert parse_article_body(body) == article.blocks


def test_round_trip_of_every_block_kind():
    """Do headings, paragraphs and turns (with markup-like text) survive writing and reading?"""
    blocks = [
        Block("paragraph", "A paragraph with *stars* and a colon: here."),
        Block("heading", "A heading"),
        Block("turn", "Text with: a colon.", speaker="Ann Lee"),
        Block("paragraph", "O'Brien said “yes” — twice."),
    ]
    article = import_text("Headline\n\nText.", source_file="x.txt")
    article.blocks = blocks
    _, body, _ = split_front_matter(article.to_markdown(), "article.md")
    assert parse_article_body(body) == blocks


@pytest.mark.parametrize("slug", GOLDEN)
def test_no_furniture_left(slug):
    """Is every piece of page furniture gone from the written article?"""
    markdown = imported(slug).to_markdown()
    assert [f for f in FURNITURE if f in markdown] == []


def test_transcript_speakers():
    """Are all speakers of the NPR transcript named in full, with no short labels left?"""
    article = imported("04-a-test-for-human-rights")
    assert article.kind == "transcript"
    speakers = {b.speaker for b in article.blocks if b.kind == "turn"}
    assert speakers == {
        "Michele Kelemen",
        "Oleg Vidov",
        "Nikolai Kazanstev",
        "Ariel Cohen",
        "Jake Sullivan",
    }
    texts = [article.title] + [b.text for b in article.blocks]
    assert [t for t in texts if "KELEMEN:" in t or "COHEN:" in t or "KAZANSTEV:" in t] == []
    assert article.byline == "Michele Kelemen"


def test_transcript_credit_and_biography():
    """Is NPR's credit in the credits, not the text, and is the reporter's biography gone?"""
    article = imported("04-a-test-for-human-rights")
    assert article.credits == ["Transcript provided by NPR, Copyright NPR."]
    texts = [b.text for b in article.blocks]
    assert [t for t in texts if "Copyright NPR" in t] == []
    assert [t for t in texts if "has been with NPR" in t or "bureau chief" in t] == []
    assert article.blocks[-1].text.endswith("Michele Kelemen, NPR News, the State Department.")


def test_voa_words_in_this_story():
    """Are VOA's three words parsed as data, and absent from the body?"""
    article = imported("01-geneva-summit")
    assert [(w["word"], w["pos"]) for w in article.words_in_this_story] == [
        ("constructive", "adj."),
        ("stability", "n."),
        ("convicted", "adj."),
    ]
    assert article.words_in_this_story[2]["definition"] == "proven guilty of a crime"
    texts = [b.text for b in article.blocks]
    assert "Words in This Story" not in texts
    assert [t for t in texts if " - adj." in t or " - n." in t] == []
    assert article.byline == "Hai Do"
    assert article.outlet == "VOA Learning English"


def test_voa_headings_and_captions():
    """Are the VOA story's three section headings found, and its photo captions gone?"""
    article = imported("01-geneva-summit")
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "Areas of agreement",
        "Human rights",
        "What about the future",
    ]
    assert [b.text for b in article.blocks if "Villa La Grange" in b.text] == []
    assert article.title == "Biden, Putin Differ on Human Rights, Cybersecurity"


def test_date_prefix_of_the_real_copy():
    """Does the copy with 'date 2021-06-21' stuck to its first line give that date?"""
    article = imported("03-rights-after-the-summit")
    assert article.date == "2021-06-21"
    assert article.blocks[0].text.startswith("Secretary of State Antony Blinken on Monday said")
