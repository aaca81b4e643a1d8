"""Turn an article copied from a web page into a clean lesson text.

Map of the module:

- ``import_text(raw, ...)`` runs the rules below in order and returns an ``Article``.
- The rules are small pure functions over a list of lines (``drop_furniture``,
  ``take_date_prefix``, ``drop_repeated_lines``, ``take_words_in_this_story``, ...), each with
  its own unit test in ``tests/test_importer.py``.
- ``Article.to_markdown()`` / ``parse_article_markdown()`` write and read the lesson source
  ``lessons/<slug>/article.md``: YAML front matter (title, outlet, byline, date, ...) and a
  Markdown body of headings (``## ...``), paragraphs and speaker turns (``**Name:** text``).

The text itself is never rewritten: quotes, dashes and spelling stay exactly as published,
so example sentences and quotations can be checked against it word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lessonkit.errors import SourceError

# Lines that belong to the web page, not to the story. Compared after stripping spaces.
FURNITURE_LINES = frozenset(
    {
        "Accessibility links",
        "Breaking News",
        "please wait",
        "No media source currently available",
        "This forum has been closed.",
        "Filed Under:",
        "Play Live Radio",
        "Next Up:",
        "Available On Air Stations",
    }
)
FURNITURE_PATTERNS = (
    re.compile(r"^(\d{1,2}:\d{2}(:\d{2})?\s*)+$"),  # media-player timestamps "0:00 0:05:21 0:00"
    re.compile(r"^See comments \(\d+\)$"),
    re.compile(r"^Have a tip we should know\?.*$"),  # tip lines
    re.compile(r"^Comments? \(\d+\)$"),
)
# A photo caption ends with the agency credit in brackets, e.g. "(REUTERS/Kevin Lamarque)".
CAPTION_CREDIT = re.compile(r"\((REUTERS|AP|AFP|Getty Images|EPA)[^)]*\)\s*$")
DATE_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})(?:\s+|$)")
WORDS_IN_THIS_STORY = "Words in This Story"
# "word - pos. definition"; the word may have a hyphen of its own ("follow-up - n. ...").
GLOSS_LINE = re.compile(r"^(?P<word>\S.*?)\s+[-–]\s+(?P<pos>[a-z]+\.)\s+(?P<definition>.+)$")
VOA_CREDIT = re.compile(r"^(?P<byline>.+?) wrote this story for (?P<outlet>Learning English|VOA)\.")
VOA_SIGNOFF = re.compile(r"^I'm [A-Z][\w.' -]+\.$")
# "MICHELE KELEMEN, BYLINE: text" or "KELEMEN: text": a transcript's speaker label.
SPEAKER_LABEL = re.compile(
    r"^(?P<name>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*)(?:, (?P<role>[A-Z ]+))?: "
)
NPR_CREDIT = re.compile(r"\s*Transcript provided by NPR, Copyright NPR\.\s*$")
HEADING_MAX_WORDS = 7
TURN_MARKUP = re.compile(r"^\*\*(?P<speaker>[^*]+?):\*\* (?P<text>.+)$")


@dataclass(frozen=True)
class Block:
    """One piece of an article body: a heading, a paragraph, or a speaker's turn."""

    kind: str  # "heading" | "paragraph" | "turn"
    text: str
    speaker: str | None = None


@dataclass
class Article:
    """A clean article: metadata plus body blocks, ready to be written as ``article.md``."""

    title: str
    source_file: str
    outlet: str | None = None
    byline: str | None = None
    date: str | None = None
    date_note: str | None = None
    note: str | None = None
    kind: str = "news"  # "news" | "transcript"
    credits: list[str] = field(default_factory=list)
    words_in_this_story: list[dict[str, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Block]:
        """The numbered blocks (paragraphs and turns), in order; headings are not numbered."""
        return [b for b in self.blocks if b.kind != "heading"]

    def metadata(self) -> dict:
        keys = ("title", "outlet", "byline", "date", "date_note", "note", "kind", "source_file")
        meta = {k: getattr(self, k) for k in keys if getattr(self, k) is not None}
        if self.credits:
            meta["credits"] = list(self.credits)
        if self.words_in_this_story:
            meta["words_in_this_story"] = [dict(w) for w in self.words_in_this_story]
        return meta

    def to_markdown(self) -> str:
        import yaml

        front = yaml.safe_dump(
            self.metadata(), sort_keys=False, allow_unicode=True, width=100
        ).rstrip("\n")
        body = []
        for block in self.blocks:
            if block.kind == "heading":
                body.append(f"## {block.text}")
            elif block.kind == "turn":
                body.append(f"**{block.speaker}:** {block.text}")
            else:
                body.append(block.text)
        return f"---\n{front}\n---\n\n" + "\n\n".join(body) + "\n"


# --- the rules, in the order import_text applies them -----------------------------------------


def split_lines(raw: str) -> list[str]:
    """Lines with line endings unified, outer spaces (including no-break spaces) removed."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip().strip("\u00a0").strip() for line in text.split("\n")]


def drop_furniture(lines: list[str]) -> list[str]:
    """Remove menus, player leftovers, comment counters, tip lines and the like."""
    return [
        line
        for line in lines
        if line not in FURNITURE_LINES and not any(p.match(line) for p in FURNITURE_PATTERNS)
    ]


def take_date_prefix(lines: list[str]) -> tuple[list[str], str | None]:
    """A leading ``date 2021-06-21`` stuck to the first line is metadata, not text."""
    for i, line in enumerate(lines):
        if not line:
            continue
        match = DATE_PREFIX.match(line)
        if not match:
            return lines, None
        return lines[:i] + [line[match.end() :]] + lines[i + 1 :], match.group(1)
    return lines, None


def drop_repeated_lines(lines: list[str]) -> list[str]:
    """Photo captions: a line that stands more than once, or ends with an agency credit.

    Web copies repeat a caption (once as alt text, once under the photo) and repeat the
    headline beside the photo. The first copy of the headline is kept; every copy of a
    repeated caption goes. A transcript's speaker turn is never a caption, even when the same
    words come twice ("KAZANSTEV: (Speaking Russian).").
    """
    counts: dict[str, int] = {}
    for line in lines:
        if line:
            counts[line] = counts.get(line, 0) + 1
    first_text = next((line for line in lines if line), None)
    kept: list[str] = []
    seen_title = False
    for line in lines:
        if line and line == first_text:
            if not seen_title:
                kept.append(line)
            seen_title = True
            continue
        if SPEAKER_LABEL.match(line):
            kept.append(line)
            continue
        if line and (counts[line] > 1 or CAPTION_CREDIT.search(line)):
            continue
        kept.append(line)
    return kept


def take_words_in_this_story(lines: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    """VOA's own word list ("word - pos. definition" lines) becomes data, not body text."""
    if WORDS_IN_THIS_STORY not in lines:
        return lines, []
    start = lines.index(WORDS_IN_THIS_STORY)
    words: list[dict[str, str]] = []
    rest: list[str] = []
    for line in lines[start + 1 :]:
        match = GLOSS_LINE.match(line)
        if match:
            words.append({k: v.strip() for k, v in match.groupdict().items()})
        elif line:
            rest.append(line)
    return lines[:start] + rest, words


def take_voa_credits(lines: list[str]) -> tuple[list[str], str | None, list[str]]:
    """VOA's sign-off ("I'm Caty Weaver.") and credit line give the byline and credits."""
    byline = None
    credits: list[str] = []
    kept: list[str] = []
    for line in lines:
        match = VOA_CREDIT.match(line)
        if match:
            byline = match.group("byline")
            credits.append(line)
        elif VOA_SIGNOFF.match(line):
            continue
        else:
            kept.append(line)
    return kept, byline, credits


def paragraphs_of(lines: list[str]) -> list[str]:
    """Paragraphs are runs of non-empty lines; lines of one paragraph are joined by a space."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def is_heading(paragraph: str) -> bool:
    """A short line with no closing punctuation inside the body is a section heading."""
    words = paragraph.split()
    return 0 < len(words) <= HEADING_MAX_WORDS and paragraph[-1] not in '.!?"”’:)'


def speaker_turns(paragraphs: list[str]) -> tuple[list[Block], str | None, list[str]]:
    """Transcript paragraphs with speaker labels become turns with full, readable names.

    ``MICHELE KELEMEN, BYLINE:`` names the reporter once; later ``KELEMEN:`` labels are mapped
    back to the full name. A closing NPR credit moves to the credits, and the reporter's
    biography after the transcript (it starts with the reporter's name) is dropped as page
    furniture.
    """
    full_names: dict[str, str] = {}
    byline = None
    credits: list[str] = []
    blocks: list[Block] = []
    for para in paragraphs:
        match = SPEAKER_LABEL.match(para)
        if not match:
            if byline and para.startswith(byline + " has been with"):
                continue  # the reporter's biography: page furniture
            credit = NPR_CREDIT.search(para)
            if credit:  # the credit on a line of its own
                credits.append(para[credit.start() :].strip())
                para = para[: credit.start()].rstrip()
            if para:
                blocks.append(Block("paragraph", para))
            continue
        label = match.group("name")
        name = label.title()
        if " " in label:
            full_names[label.split()[-1]] = name
        else:
            name = full_names.get(label, name)
        if match.group("role") == "BYLINE":
            byline = name
        text = para[match.end() :]
        credit = NPR_CREDIT.search(text)
        if credit:
            credits.append(text[credit.start() :].strip())
            text = text[: credit.start()].rstrip()
        if text:  # a label followed only by the credit leaves no turn
            blocks.append(Block("turn", text, speaker=name))
    return blocks, byline, credits


def guess_outlet(raw: str) -> str | None:
    """Name the outlet from tell-tale lines, when the copy shows one."""
    if "wrote this story for Learning English" in raw:
        return "VOA Learning English"
    if "@mediaite.com" in raw:
        return "Mediaite"
    if "Copyright NPR" in raw:
        return "NPR"
    return None


def import_text(
    raw: str,
    *,
    source_file: str,
    title: str | None = None,
    outlet: str | None = None,
    byline: str | None = None,
    date: str | None = None,
    date_note: str | None = None,
    note: str | None = None,
) -> Article:
    """Clean one raw web copy. Options fill in what the text does not tell (or correct it)."""
    lines = split_lines(raw)
    lines = drop_furniture(lines)
    lines, found_date = take_date_prefix(lines)
    lines = drop_repeated_lines(lines)
    lines, words = take_words_in_this_story(lines)
    lines, voa_byline, credits = take_voa_credits(lines)
    paragraphs = paragraphs_of(lines)
    if not paragraphs:
        raise SourceError(source_file, None, "text", "has no text left after cleaning")

    # The first paragraph is the headline when it looks like one (no closing full stop).
    found_title = None
    if paragraphs[0][-1] not in ".!?" and len(paragraphs[0].split()) <= 40:
        found_title = paragraphs.pop(0)
    if title is None and found_title is None:
        raise SourceError(source_file, 1, "title", "has no headline; give one with --title")

    blocks, npr_byline, npr_credits = speaker_turns(paragraphs)
    blocks = [
        Block("heading", b.text) if b.kind == "paragraph" and is_heading(b.text) else b
        for b in blocks
    ]
    if not any(b.kind != "heading" for b in blocks):
        raise SourceError(source_file, None, "text", "has no paragraphs left after cleaning")
    return Article(
        title=title or found_title or "",
        source_file=source_file,
        outlet=outlet or guess_outlet(raw),
        byline=byline or voa_byline or npr_byline,
        date=date or found_date,
        date_note=date_note,
        note=note,
        kind="transcript" if any(b.kind == "turn" for b in blocks) else "news",
        credits=credits + npr_credits,
        words_in_this_story=words,
        blocks=blocks,
    )


def parse_article_body(body: str) -> list[Block]:
    """Read the Markdown body of ``article.md`` back into blocks (the inverse of to_markdown)."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        text = " ".join(line.strip() for line in chunk.strip().splitlines())
        if not text:
            continue
        if text.startswith("## "):
            blocks.append(Block("heading", text[3:].strip()))
            continue
        turn = TURN_MARKUP.match(text)
        if turn:
            blocks.append(Block("turn", turn.group("text"), speaker=turn.group("speaker")))
        else:
            blocks.append(Block("paragraph", text))
    return blocks
