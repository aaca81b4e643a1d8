"""Find the article in a plain-text copy of a whole web page: its paragraphs, headline, date
and byline, without the menus, share buttons, captions and related stories around it.

Map of the module:

- ``blocks_of(raw)``: the copy's blocks (runs of non-empty lines); a menu item (a bullet line)
  is a block of its own.
- ``kind_of(text)``: jusText's idea, on text: a block of running text ("good": long enough,
  with the stop-word density of prose, ending like a sentence), page furniture ("bad": menus,
  share, sign-up and cookie lines, captions and photo credits, copyright lines), or neither
  ("short", a short sentence; "weak", a label or a teaser headline).
- ``main_span(blocks, kinds)``: the run of blocks with the most article words, good blocks
  counting their words and the rest counting against (a maximum-sum run), cut at the first
  end-of-article marker past its middle (a copyright line, "Related topics", an author's box).
- ``headline_index``: the line above the body whose words the body uses, usually followed by
  the byline or the date; ``find_date`` and ``byline_of`` read those lines.
- ``find_article(raw)``: all of it, as a ``PageArticle``.

Nothing here rewrites the text: kept blocks are the page's own lines, joined.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

# A menu item, a check box or a numbered list item as text browsers and copy-paste show them.
BULLET = re.compile(r"^\s*(?:[•□○◦▪▸►·*>|☆]|\d+\.\s|\[\s*\]|\(\*?\s?\))\s*")
# Lines that start like page furniture.
FURNITURE = re.compile(
    r"(?i)^(?:share\b|share this|sign up|sign in|log ?in\b|subscribe|advertisement|ad\b|"
    r"image (?:copyright|caption)|caption|photo:|photograph:|credit:|read more|related\b|"
    r"more on this|follow (?:us|\w+ on)|listen to|click here|copy (?:this )?link|watch:|"
    r"skip to|accessibility|cookie|we use cookies|by using this (?:site|website)|"
    r"all rights reserved|©|copyright|terms of (?:use|service)|privacy policy|"
    r"this material may not be|close\b|menu\b|search\b|newsletter|download the|"
    r"get the|sponsored|recommended|trending|most (?:read|popular)|top stories|"
    r"email\b|print\b|comments?\b|report\b|twitter post by|facebook post by|instagram post by|"
    r"embed\b|more from|you might also like|also read|see also|image:|bookmark|media caption|"
    r"something went wrong|"
    r"we['’]ve detected|you are using an? (?:outdated|old)|.*\binternet explorer\b)"
)
# Furniture anywhere in a block: photo credits and captions, addresses, sign-up boxes, an
# author's box ("Meg James is a corporate media reporter ..."), newsletter promotions.
FURNITURE_ANY = re.compile(
    r"(?i)(?:\((?:AP|AFP|Reuters|EPA)[ /][^)]*\)|REUTERS/|Getty Images|AP Photo|"
    r"https?://|www\.\w|\bcookies?\b.*\b(?:accept|consent|policy)|"
    r"all rights reserved|sign up for|subscribe to our|newsletter|\.(?:jpe?g|png|gif|webp)\b|"
    r"^(?:in )?(?:this|a|an|the) (?:file )?(?:photo|image|picture|illustration|"
    r"artist['’]s illustration|handout)\b|^file\b|^shares\b|photo by|\(photo|\(image|"
    r"image credit|^(?:[A-Z][\w.'’-]+ ){1,3}is an? (?:[\w-]+ ){0,4}(?:writer|reporter|"
    r"journalist|editor|correspondent|contributor|columnist|producer)\b|^join our|"
    r"^get breaking|^no spam|^originally published|^first published|^updated on)"
)
# Blocks after which the article does not go on; they end the main span past its middle.
END_MARKER = re.compile(
    r"(?i)^(?:©|copyright|.*all rights reserved|related topics|more on this story|"
    r"share this story|we recommend|next article|previous article|first published|"
    r"originally published|like this article|about the author|about [A-Z]|join our|"
    r"most (?:read|popular)|more from|you (?:may|might) also like|recommended|comments|"
    r"sign up for|read more from)"
)
SENTENCE_END = re.compile(r"[.!?:;\"”’')\]…]$")
WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# What a block that is not running text weighs against the run it stands in (a good block
# weighs its number of words).
WEIGHT = {"bad": -15, "weak": -8, "short": 1}
HEADLINE_WORDS = (3, 22)
LOOK_BACK = 80  # blocks above the body where the headline may stand (share panels are long)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """jusText's English stop words: the density of prose, as jusText measures it."""
    import justext

    return frozenset(justext.get_stoplist("English"))


@dataclass
class PageBlock:
    lines: list[str]
    line: int  # where it starts in the copy, counted from 1

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class PageArticle:
    """What ``find_article`` found: the headline, date (YYYY-MM-DD), byline and paragraphs,
    and how many words of the copy were left out as page furniture."""

    title: str | None
    date: str | None
    byline: str | None
    paragraphs: list[str] = field(default_factory=list)
    dropped_words: int = 0


def blocks_of(raw: str) -> list[PageBlock]:
    """Runs of non-empty lines; a menu item (a bullet line) is a block of its own."""
    out: list[PageBlock] = []
    current: list[str] = []
    start = 0
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for n, line in enumerate([*lines, ""], 1):
        text = line.replace("\u00a0", " ").strip()
        bullet = bool(text) and bool(BULLET.match(line))
        if bullet and current:
            out.append(PageBlock(current, start))
            current = []
        if text:
            if not current:
                start = n
            current.append(text)
            if bullet:
                out.append(PageBlock(current, start))
                current = []
        elif current:
            out.append(PageBlock(current, start))
            current = []
    return out


def kind_of(text: str) -> str:
    """good (running text), bad (page furniture), short (a short sentence) or weak."""
    if BULLET.match(text) or FURNITURE.match(text) or FURNITURE_ANY.search(text):
        return "bad"
    words = WORD.findall(text)
    if not words:
        return "bad"
    if re.match(r"^(?:[\w'’-]+\s*){0,4}\[[^\]]*\]$", text) or (
        text.count("[") >= 2 and len(words) < 8
    ):
        return "bad"  # image placeholders: "[aj-logo-sm]", "Taylor Swift [getty]"
    density = sum(1 for w in words if w.lower() in stopwords()) / len(words)
    ends = bool(SENTENCE_END.search(text))
    if (len(words) >= 8 and density >= 0.25 and ends) or (len(words) >= 20 and density >= 0.3):
        return "good"
    if len(words) >= 6 and ends and re.match(r"^[\"“‘'(]?[A-Z0-9]", text):
        return "short"
    if ends and density >= 0.2 and len(words) >= 2:
        return "short"
    return "weak"


def _words(block: PageBlock) -> int:
    return len(WORD.findall(block.text))


def main_span(blocks: list[PageBlock], kinds: list[str]) -> tuple[int, int]:
    """[start, end) of the run of blocks with the most article words (maximum-sum run), cut
    at the first end-of-article marker past the middle of its words."""
    best = (0, 0, 0.0)
    start, total = 0, 0.0
    for i, kind in enumerate(kinds):
        if total <= 0:
            start, total = i, 0.0
        total += _words(blocks[i]) if kind == "good" else WEIGHT[kind]
        if total > best[2]:
            best = (start, i + 1, total)
    a, b = best[0], best[1]
    sizes = [_words(blocks[i]) if kinds[i] == "good" else 0 for i in range(a, b)]
    seen = 0
    for i in range(a, b):
        seen += sizes[i - a]
        text = blocks[i].text
        ends = kinds[i] != "good" or len(text.split()) < 12
        if seen >= sum(sizes) / 2 and END_MARKER.match(text) and ends:
            return a, i
    return a, b


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# "Nov 20 20194:29 AM": a copy can glue the time to the year.
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=\d{1,2}:\d\d))"
DATE_PATTERNS = [
    re.compile(rf"(?i)\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.? {_MONTH},? {_YEAR}"),
    re.compile(rf"(?i)\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? {_YEAR}"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(r"(?<![\d/])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)?\d\d)(?![\d/])"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?![\d.])"),
]


def find_date(text: str) -> str | None:
    """The first date written in ``text`` as YYYY-MM-DD: "Apr 16, 2015 8:02 pm UTC",
    "Published 20 January 2020", "19.01.2020", "11/19/19", "2019-11-18T20:51:19Z"."""
    found = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = m.group("month")
            number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
            year = int(m.group("year"))
            year += 2000 if year < 100 else 0
            try:
                day = dt.date(year, number, int(m.group("day")))
            except ValueError:
                continue
            found.append((m.start(), day.isoformat()))
    return min(found)[1] if found else None


BYLINE = re.compile(
    r"^(?:(?:analysis|opinion|words|story|text)\s+)?by:?\s+(?P<names>.+)$", re.IGNORECASE
)
NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|la|le))*")


ROLE = re.compile(
    r"\b(?:[A-Z]{2,5}|Editor|Writer|Reporter|Correspondent|Contributor|Staff|Columnist|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def byline_of(text: str) -> str | None:
    """The names in a byline: "By DANICA KIRKA and JILL LAWLESS" -> "Danica Kirka and Jill
    Lawless"; "Analysis by Chris Cillizza, CNN Editor-at-large" -> "Chris Cillizza"."""
    match = BYLINE.match(text)
    if not match:
        return None
    names = re.split(r"\s+[-–—|]\s+|\s*\|\s*|\d", match.group("names"))[0]
    people = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*", names, flags=re.IGNORECASE):
        part = part.strip(" ,.")
        if part.isupper():
            part = part.title()
        if not part or not NAME.fullmatch(part) or len(part.split()) > 4 or ROLE.search(part):
            break
        people.append(part)
    return " and ".join(people) or None


def _dated(text: str) -> bool:
    """A date line or a byline (or a block that starts with one)."""
    head = " ".join(text.split()[:14])
    return bool(find_date(head) or BYLINE.match(head))


def _content_words(text: str) -> list[str]:
    """The words that tell a line's subject (all its longer words when jusText's long stop
    list leaves none: "A Short Headline")."""
    words = [w.lower() for w in WORD.findall(text) if len(w) > 2]
    return [w for w in words if w not in stopwords()] or words


def headline_index(blocks: list[PageBlock], kinds: list[str], a: int, b: int) -> int | None:
    """The block that heads the body blocks[a:b]: a line of 3 to 22 words without a full
    stop, above the body, whose words the body uses, usually followed by a byline or a date.
    Not the site's first line, a menu item, a caption or a teaser of another story."""
    body: set[str] = set()
    for i in range(a, b):
        if kinds[i] == "good":
            body.update(_content_words(blocks[i].text))
    best = None
    shaped: set[int] = set()  # lines with a headline's shape
    for i in range(max(0, a - LOOK_BACK), min(b, a + 2)):
        text = blocks[i].text
        n = len(text.split())
        if not HEADLINE_WORDS[0] <= n <= HEADLINE_WORDS[1] or text.endswith(".") or _dated(text):
            continue
        if BULLET.match(text) or FURNITURE.match(text) or FURNITURE_ANY.search(text):
            continue
        if "[" in text or text.count("|") > 1 or " > " in text or not re.match(r"[\w\"'‘“]", text):
            continue  # image placeholders, breadcrumbs ("Blog > Weight Loss"), rating lines
        if n >= 5 and not any(w.lower() in stopwords() for w in text.split()):
            continue  # a list of tags or sections ("Health Marijuana Cannabis Weed")
        if len(re.findall(r"\b(?:share|tweet|pin|email|buffer)\b", text, re.IGNORECASE)) >= 2:
            continue
        words = _content_words(text)
        if not words:
            continue
        shaped.add(i)
        overlap = sum(1 for w in words if w in body) / len(words)
        after = any(_dated(blocks[j].text) for j in range(i + 1, min(len(blocks), i + 5)))
        before = any(_dated(blocks[j].text) for j in range(max(0, i - 2), i))
        between = sum(1 for j in range(min(i, a), max(i, a)) if kinds[j] != "bad")
        score = overlap + 0.35 * after + 0.1 * before - 0.005 * between + 0.03 * min(len(words), 8)
        if best is None or score > best[0]:
            best = (score, i)
    if best and best[0] >= 0.3:
        return best[1]
    # A copy of the article alone: the line right above the body at the top is its headline.
    top = a - 1
    if 0 <= top <= 1 and top in shaped:
        return top
    return None


def find_article(raw: str) -> PageArticle:
    """The article in a whole-page text copy: headline, date, byline and paragraphs."""
    blocks = blocks_of(raw)
    if not blocks:
        return PageArticle(None, None, None)
    kinds = [kind_of(b.text) for b in blocks]
    a, b = main_span(blocks, kinds)
    head = headline_index(blocks, kinds, a, b)
    # A line that stands twice in the copy is a caption or a pull quote (shown as alt text
    # and under the photo); the headline is not body text.
    counts = Counter(line for block in blocks for line in block.lines)
    paragraphs = []
    for i in range(a, b):
        lines = [line for line in blocks[i].lines if counts[line] == 1]
        if i != head and kinds[i] in ("good", "short") and lines:
            paragraphs.append(" ".join(lines))
    top = head if head is not None else a
    date = byline = None
    # The date and the byline stand near the headline: below it first, then above it.
    for i in [*range(top, min(len(blocks), a + 3)), *range(top - 1, max(-1, top - 6), -1)]:
        date = date or find_date(" ".join(blocks[i].text.split()[:14]))
        for line in blocks[i].lines:
            byline = byline or byline_of(line)
    kept = sum(len(WORD.findall(p)) for p in paragraphs)
    total = sum(_words(block) for block in blocks)
    return PageArticle(
        title=blocks[head].text if head is not None else None,
        date=date,
        byline=byline,
        paragraphs=paragraphs,
        dropped_words=total - kept,
    )


__all__ = ["PageArticle", "blocks_of", "byline_of", "find_article", "find_date", "kind_of"]
