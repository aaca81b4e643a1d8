"""Turn a new article into a draft lesson: ``lessonkit new SOURCE --slug SLUG``.

Map of the module:

- ``read_source(path)``: the text of a plain-text copy or a saved HTML page, or one sentence
  saying why the file cannot be used (empty, binary, wrong encoding).
- ``html_to_text(html)``: the page's main text and metadata, found by trafilatura; the
  site's name and the date are taken off the end of the page title (``strip_site_suffix``).
- ``from_page_copy(raw)``: a plain-text copy of a whole page made ready for the importer:
  the article found by ``pagetext.find_article`` (menus, share, cookie and sign-up lines,
  captions and related stories left out), its headline, byline and date.
- ``draft_article(found, shown, ...)``: the clean ``Article`` of a source, as ``new`` drafts it
  (``build/newcheck.py`` measures this on real pages).
- ``take_byline_and_date(lines)``: "By Mara Quill" and "March 4, 2026" lines at the top of
  a plain-text copy become metadata.
- ``pos_in_sentence(tokens, k)``: noun, verb, adjective or adverb of a word where it stands.
  No part-of-speech tagger with its model installs offline (nltk's taggers need downloaded
  data; the one model on PyPI we found, brill-postagger, tags "exploits" in "The group exploits
  weaknesses" as a noun), so this is ``pos_of`` with rules for the verbs it missed: a subject
  before and an object, "to" or "as" after ("the state struggles to", "Michigan routs
  Northern Illinois"), an -ing form before a determiner ("by understanding the formation").
- ``choose_senses(vocab, article, wn)``: each key word's part of speech in its sentence and
  its WordNet sense in the article (``build/senses.py``), the next two senses for the note.
- ``suggest_vocabulary(paragraphs, level, ...)``: content words above the level (levels from
  ``_enrich``: cefrpy, wordfreq as fall-back), grouped by lemma (lemminflect), names left
  out, plus multi-word expressions found with nltk's collocation finder; each with its
  example sentence, word for word, and paragraph.
- ``choose_distractors(...)``: words of the same part of speech and a similar level from
  the same article, for a gap fill's word bank.
- ``quotes_with_speakers(article)``: quotations and who said them (``_reporting`` for news
  stories, the speaker turns of a transcript).
- ``matching_items``, ``gap_items``, ``who_said_items``, ``comprehension_scaffolds``: the
  generated practice (``draft: true``) and the questions a teacher must write (TODO).
- ``add_to_manifest(text, entry)``: the lesson list with the new lesson after the last
  article lesson, comments kept.
- ``new_lesson(...)``: all of it; writes the four files and checks them like a build does.

Build time only. Nothing is downloaded: WordNet
definitions come from ``data/wordnet.json`` and, for words it lacks, from Debian's
``wordnet-base`` when it is installed (see ``draft_definitions``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lessonkit.build import text as _text
from lessonkit.build.drafts import DRAFT_NOTE, TODO
from lessonkit.build.schema import LEVELS, SLUG_PATTERN, VOCAB_COLUMNS
from lessonkit.build.sources import read_bytes
from lessonkit.errors import LessonkitError, SourceError

MIN_WORDS = 150  # fewer words than this give too few sentences for questions and key words
MAX_SOURCE_BYTES = 10_000_000  # saved pages carry scripts and styles; the text is far smaller
MAX_WORDS_SUGGESTED = 15
MIN_WORDS_SUGGESTED = 10
MAX_PHRASES = 4
MAX_GAPS = 6
MATCH_PAIRS = 4
DISTRACTORS = 2
SCAFFOLDS = 5
MIN_ZIPF = 1.5  # rarer than this: a typo, a foreign word or a name lemminflect knows
# Lines of web-page furniture the importer's own list does not have (menus of other sites).
EXTRA_FURNITURE = frozenset(
    {
        "Menu",
        "Skip to content",
        "Skip to main content",
        "Search",
        "Share",
        "Share this article",
        "Subscribe",
        "Sign in",
        "Log in",
        "Advertisement",
    }
)
BYLINE_LINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*(?:,.*)?$")
DATE_LINE = re.compile(
    r"^(?:(?:Published|Updated|Posted)(?: on)?:?\s+)?(?:[A-Z][a-z]+day,?\s+)?(?P<date>.+?)"
    r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?.*)?$"
)
DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y")
PARTICLES = {"up", "out", "off", "down", "away", "back", "behind", "over"}
DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "his", "her", "its"}
DETERMINERS |= {"their", "our", "my", "your", "no", "every", "each", "some", "any"}
VERB_BEFORE = {"to", "will", "would", "can", "could", "may", "might", "must", "should"}
VERB_BEFORE |= {"i", "you", "we", "they", "he", "she", "it", "not", "n't", "did", "does", "do"}
LINKING_VERBS = {"is", "are", "was", "were", "be", "been", "feel", "feels", "felt", "become"}
LINKING_VERBS |= {"became", "seem", "seems", "seemed", "go", "went", "gone", "get", "got"}
LINKING_VERBS |= {"very", "more", "most", "so", "too", "quite", "rather"}
UPOS = {"NOUN": "noun", "VERB": "verb", "ADJ": "adjective", "ADV": "adverb"}
COPYRIGHT_LINE = re.compile(r"^(?:Copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\s+)?(?P<owner>[^.]+)\.")
QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")


# --- reading the source -----------------------------------------------------------------------


@dataclass
class SourceText:
    """What a source file gives: raw text for the importer, and metadata it found."""

    raw: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    date: str | None = None
    html: bool = False


def looks_like_html(text: str, name: str = "") -> bool:
    head = text.lstrip()[:2000].lower()
    return name.lower().endswith((".html", ".htm")) or head.startswith(("<!doctype html", "<html"))


def _decode(data: bytes, shown: str) -> str:
    """UTF-8 text; an HTML page may declare another charset. Binary data is refused."""
    if not data.strip():
        raise SourceError(shown, None, None, "is empty; save the article's text in it")
    if b"\x00" in data[:8192]:
        raise SourceError(
            shown, None, None, "is not a text or HTML file; save the article as text or HTML"
        )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(shown, line, None, "is not UTF-8 text; save it again as UTF-8") from None


def read_source(path: Path, shown: str | None = None) -> SourceText:
    """The file as text for the importer: plain text as it is, HTML through trafilatura."""
    shown = shown or path.name
    data = read_bytes(path, shown, MAX_SOURCE_BYTES, "an article (over 10 MB)")
    text = _decode(data, shown)
    if looks_like_html(text, path.name):
        return html_to_text(text, shown)
    control = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if control > len(text) // 100:
        raise SourceError(
            shown, None, None, "is not a text or HTML file; save the article as text or HTML"
        )
    return SourceText(raw=text)


def html_to_text(html: str, shown: str = "page.html") -> SourceText:
    """The main text of a saved page (menus, footers and the like left out) and its metadata.

    trafilatura gives one paragraph per line; the importer wants blank lines between them.
    The headline goes first, as in a plain-text copy.
    """
    import trafilatura

    text = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=False
    )
    if not text or not text.strip():
        raise SourceError(shown, None, None, "has no article text that can be found")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta else None) or None
    if title:
        title = strip_site_suffix(title, meta.sitename if meta else None)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    raw = "\n\n".join(([title] if title else []) + lines)
    date = meta.date if meta and meta.date and re.match(r"^\d{4}-\d{2}-\d{2}$", meta.date) else None
    return SourceText(
        raw=raw,
        title=title,
        outlet=(meta.sitename if meta else None) or None,
        byline=(meta.author if meta else None) or None,
        date=date,
        html=True,
    )


# "Headline | DW | 19.01.2020", "Headline - BBC News", "Headline | Editorial".
TITLE_SEPARATOR = re.compile(r"\s*\|\s*|\s+[-–—:·]{1,2}\s+")


def strip_site_suffix(title: str, site: str | None = None) -> str:
    """A page title without the site's name, section or date after the headline: after a "|"
    any part of up to four words; after a dash a date, the site's name, a web address or an
    acronym ("DW")."""
    while True:
        parts = list(TITLE_SEPARATOR.finditer(title))
        if not parts:
            return title
        last = parts[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if len(head.split()) < 3:
            return title
        from lessonkit.build.pagetext import find_date

        site_name = bool(site) and (tail.lower() in site.lower() or site.lower() in tail.lower())
        known = (
            find_date(tail)
            or site_name
            or re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", tail)
            or re.fullmatch(r"[A-Z0-9]{2,6}", tail)
        )
        if known or ("|" in last.group() and len(tail.split()) <= 4):
            title = head
        else:
            return title


def from_page_copy(raw: str) -> SourceText:
    """A plain-text copy of a whole page, made ready for the importer: the article that
    ``pagetext.find_article`` finds (headline first, then its paragraphs), with the lines the
    importer reads for credits kept (copyright lines, VOA's credit and word list, NPR's
    transcript credit). When no headline is found, the importer takes the first paragraph
    as the headline if it looks like one, or asks for --title; a copy without running text
    is left as it is."""
    from lessonkit.build.importer import GLOSS_LINE, NPR_CREDIT, VOA_CREDIT, WORDS_IN_THIS_STORY
    from lessonkit.build.pagetext import find_article

    page = find_article(raw)
    if not page.paragraphs:
        return SourceText(raw=raw)
    kept = set(page.paragraphs)
    tail: list[str] = []
    words_list = False
    for line in (line.strip() for line in raw.splitlines()):
        if line == WORDS_IN_THIS_STORY:
            words_list = True
            tail.append(line)
        elif (words_list and GLOSS_LINE.match(line)) or (
            line not in kept
            and (COPYRIGHT_LINE.match(line) or VOA_CREDIT.match(line) or NPR_CREDIT.search(line))
        ):
            tail.append(line)
    text = "\n\n".join([*([page.title] if page.title else []), *page.paragraphs, *tail]) + "\n"
    return SourceText(raw=text, title=page.title, byline=page.byline, date=page.date)


def parse_date(text: str) -> str | None:
    """'March 4, 2026', '4 March 2026', 'Published June 12, 2026 at 9:30' -> '2026-03-04'."""
    match = DATE_LINE.match(text.strip())
    if not match:
        return None
    candidate = match.group("date").strip().rstrip(".,")
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(candidate, fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    return None


def take_byline_and_date(
    lines: list[str], look: int = 8
) -> tuple[list[str], str | None, str | None]:
    """A byline ("By Mara Quill") and a date line among the first ``look`` lines with text
    are metadata, not article text: they are taken out. (The importer would join them to the
    headline, since they stand on the lines right below it.)"""
    byline = date = None
    kept: list[str] = []
    seen = 0
    for line in lines:
        if line.strip():
            seen += 1
        if seen <= look and line.strip():
            found = BYLINE_LINE.match(line.strip())
            if found and byline is None:
                byline = found.group("name")
                continue
            parsed = parse_date(line) if len(line.split()) <= 8 else None
            if parsed and date is None:
                date = parsed
                continue
        kept.append(line)
    return kept, byline, date


@dataclass
class Prepared:
    """A plain-text copy made ready for the importer, and what was taken out of it."""

    raw: str
    byline: str | None = None
    date: str | None = None
    credits: list[str] = field(default_factory=list)
    owner: str | None = None  # "Radio Meridian" in "Copyright 2026 Radio Meridian."


def prepare_raw(raw: str) -> Prepared:
    """Raw text without the extra furniture, byline and date lines, and copyright lines
    ("Copyright 2026 Radio Meridian. ..."), which go to the credits: they are not article text
    and they name the outlet."""
    from lessonkit.build.importer import split_lines

    lines = [line for line in split_lines(raw) if line not in EXTRA_FURNITURE]
    lines, byline, date = take_byline_and_date(lines)
    credits, owner, kept = [], None, []
    for line in lines:
        match = COPYRIGHT_LINE.match(line)
        if match and "Transcript provided by" not in line:  # NPR's: the importer's rule
            credits.append(line)
            owner = owner or match.group("owner").strip()
        else:
            kept.append(line)
    return Prepared("\n".join(kept), byline, date, credits, owner)


# --- words --------------------------------------------------------------------------------------


@dataclass
class Occurrence:
    paragraph: int
    sentence: str
    token: str
    before: str  # the token before, lower-case ("" at the start of a sentence)
    after: str  # the token after, lower-case ("" at the end)
    initial: bool  # first word of its sentence (or of a quotation)


@dataclass
class WordInfo:
    form: str
    lemma: str
    level: str
    zipf: float
    pos: str | None  # noun, verb, adjective, adverb; None when lemminflect has no reading
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def proper(self) -> bool:
        """Capitalised wherever it stands, and not only at sentence starts: a name here
        ("Marsh" in "Mayor Elena Marsh"), even when the dictionary knows the word."""
        capital = all(o.token[:1].isupper() for o in self.occurrences)
        return capital and any(not o.initial for o in self.occurrences)


@dataclass
class Suggestion:
    """One suggested glossary row (before its definition is drafted)."""

    word: str
    lemma: str
    pos: str
    level: str
    paragraph: int
    example: str
    count: int
    zipf: float
    phrase: bool = False
    definition: str | None = None
    others: list[str] = field(default_factory=list)  # the next-best senses, for the teacher
    sense: str | None = None  # the WordNet synset chosen, e.g. "conference.n.01"


def level_rank(level: str) -> int:
    return LEVELS.index(level)


def occurrences(paragraphs: list[str]) -> dict[str, list[Occurrence]]:
    """Every word token of the numbered paragraphs (0 is the headline), by lower-case form."""
    found: dict[str, list[Occurrence]] = {}
    for n, paragraph in enumerate(paragraphs):
        for sentence in _text.sentences(paragraph):
            tokens = _text.tokens(sentence)
            for k, token in enumerate(tokens):
                if not _text.WORD.match(token) or token.lower() in _text.CLITICS:
                    continue
                before = tokens[k - 1] if k else ""
                after = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
                initial = k == 0 or before in ("``", "“", "(", ":", "--") or n == 0
                found.setdefault(token.lower(), []).append(
                    Occurrence(n, sentence, token, before.lower(), after, initial)
                )
    return found


def pos_of(form: str, before: str, after: str = "") -> str | None:
    """noun, verb, adjective or adverb, from lemminflect's readings and the words around.

    No part-of-speech tagger works offline, so: one reading wins alone; before a noun, or
    after "be", "feel", "become" and the like, an adjective; after a determiner a noun; after
    "to", a modal or a pronoun a verb; "-ly" an adverb; otherwise noun, verb, adjective,
    adverb in that order.
    """
    import lemminflect

    readings = lemminflect.getAllLemmas(form)
    options = [upos for upos in UPOS if upos in readings]
    if not options:
        return None
    if len(options) == 1:
        return UPOS[options[0]]
    if "ADJ" in options:
        after_readings = lemminflect.getAllLemmas(after) if after.isalpha() else {}
        if before in LINKING_VERBS or "NOUN" in after_readings:
            return "adjective"
    if before in DETERMINERS:
        for upos in ("NOUN", "ADJ"):
            if upos in options:
                return UPOS[upos]
    if before in VERB_BEFORE and "VERB" in options:
        return "verb"
    if form.endswith("ly") and "ADV" in options:
        return "adverb"
    if form.endswith("ed") and "VERB" in options:
        return "verb"
    return UPOS[options[0]]


SUBJECT_PRONOUNS = {"who", "which", "they", "he", "she", "we", "i", "you", "it"}


def pos_in_sentence(tokens: list[str], k: int, noun_in_wordnet: bool = False) -> str | None:
    """noun, verb, adjective or adverb of ``tokens[k]`` where it stands (see the module map).
    ``noun_in_wordnet``: WordNet knows the word as a noun ("fumble"), which lemminflect may
    not."""
    import lemminflect

    form = tokens[k].lower()
    before = tokens[k - 1] if k else ""
    after = tokens[k + 1] if k + 1 < len(tokens) else ""
    b, a = before.lower(), after.lower()
    guess = pos_of(form, b, a)
    readings = lemminflect.getAllLemmas(form)
    object_start = DETERMINERS | {"him", "them", "us", "me", "what", "how", "whether"}
    if "VERB" in readings and guess != "verb":
        if form.endswith("ing") and a in object_start:
            return "verb"  # "by understanding the formation"
        b_readings = lemminflect.getAllLemmas(b)
        a_readings = lemminflect.getAllLemmas(a)
        if form.endswith("s") and not form.endswith("ss") and k > 0:
            before_before = tokens[k - 2].lower() if k > 1 else ""
            subject = (
                (before[:1].isupper() and k > 1)
                or b in SUBJECT_PRONOUNS
                or ("NOUN" in b_readings and not {"VERB", "ADJ"} & set(b_readings))
                or (before_before in DETERMINERS and "NOUN" in b_readings)
                or (not b_readings and b.isalpha() and b.endswith("s"))
            )
            noun_after = "NOUN" in a_readings and "VERB" not in a_readings
            if subject and (a in ("to", "as") or a in object_start or after[:1].isupper()):
                return "verb"  # "the state struggles to", "Michigan routs Northern Illinois"
            if subject and noun_after:
                return "verb"  # "the group exploits weaknesses"
        if b.endswith("s") and a == "as" and not b_readings.get("VERB"):
            return "verb"  # "which astrobiologists regard as"
    if guess == "verb" and noun_in_wordnet and b in DETERMINERS - {"that", "this", "these"}:
        return "noun"  # "lost a fumble"
    return guess


def word_infos(paragraphs: list[str]) -> dict[str, WordInfo]:
    """Lemma, level, frequency and part of speech of every word form of the article."""
    from lessonkit.build.words import lemma_of, level_of, zipf_of

    infos = {}
    for form, found in occurrences(paragraphs).items():
        lemma = lemma_of(form)
        infos[form] = WordInfo(
            form=form,
            lemma=lemma,
            level=min(level_of(form), level_of(lemma), key=level_rank),
            zipf=zipf_of(form),
            pos=pos_of(form, found[0].before, found[0].after),
            occurrences=found,
        )
    return infos


def is_content_word(info: WordInfo) -> bool:
    """A word worth teaching: a noun, verb, adjective or adverb, not a grammar word or name."""
    from lessonkit.build.words import GRAMMAR_WORD_ZIPF

    return (
        info.pos is not None
        and len(info.form) >= 3
        and MIN_ZIPF <= info.zipf < GRAMMAR_WORD_ZIPF
        and not info.proper
    )


def example_of(occurrence: Occurrence) -> str:
    return occurrence.sentence


def _body_first(found: list[Occurrence]) -> Occurrence:
    """The first occurrence in the body (paragraph 1 on), else the headline's."""
    return next((o for o in found if o.paragraph > 0), found[0])


def collocations(paragraphs: list[str], infos: dict[str, WordInfo]) -> list[tuple[str, str]]:
    """Two-word expressions, most strongly associated first, found with nltk's
    ``BigramCollocationFinder``: pairs of content words that come together at least twice
    ("old quarter", "bus service"), and verbs with a particle ("left behind")."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    documents = []
    for paragraph in paragraphs[1:]:
        for sentence in _text.sentences(paragraph):
            documents.append([t.lower() for t in _text.tokens(sentence)])
    measures = BigramAssocMeasures()

    def content(word: str) -> bool:
        info = infos.get(word)
        return info is not None and is_content_word(info)

    def phrasal_verb(a: str, b: str) -> bool:
        return b in PARTICLES and content(a) and infos[a].pos == "verb"

    pairs = BigramCollocationFinder.from_documents(documents)
    pairs.apply_ngram_filter(lambda a, b: not (content(a) and content(b)))
    pairs.apply_freq_filter(2)  # a pair used once is not yet an expression of this text
    verbs = BigramCollocationFinder.from_documents(documents)
    verbs.apply_ngram_filter(lambda a, b: not phrasal_verb(a, b))
    return [
        pair
        for finder in (pairs, verbs)
        for pair, _ in finder.score_ngrams(measures.likelihood_ratio)
    ]


def _phrase_occurrence(pair: tuple[str, str], paragraphs: list[str]) -> tuple[int, str, str]:
    """(paragraph, sentence, the two words as written) of the first use of a pair."""
    for n, paragraph in enumerate(paragraphs):
        if n == 0:
            continue
        for sentence in _text.sentences(paragraph):
            # "out of", "up to": the particle starts a preposition, there is no phrasal verb.
            match = re.search(
                rf"\b({re.escape(pair[0])})\s+({re.escape(pair[1])})\b(?!\s+(?:of|to)\b)",
                sentence,
                re.IGNORECASE,
            )
            if match:
                return n, sentence, f"{match.group(1)} {match.group(2)}"
    raise LookupError(pair)


def phrase_suggestions(
    paragraphs: list[str], infos: dict[str, WordInfo], level: str
) -> list[Suggestion]:
    """Collocations as glossary rows: at the lesson's level or above, at most MAX_PHRASES."""
    from lessonkit.build.words import lemma_of

    rows = []
    for a, b in collocations(paragraphs, infos):
        phrasal = b in PARTICLES
        parts = [infos[a]] if phrasal else [infos[a], infos[b]]
        top = max((p.level for p in parts), key=level_rank)
        if level_rank(top) < level_rank(level):
            continue
        try:
            n, sentence, written = _phrase_occurrence((a, b), paragraphs)
        except LookupError:
            continue
        if written[0].isupper() and written.split()[0].lower() not in infos:
            continue
        first, second = written.lower().split()
        lemma = f"{lemma_of(first)} {second}" if phrasal else f"{first} {lemma_of(second)}"
        rows.append(
            Suggestion(
                word=written.lower(),
                lemma=lemma,
                pos="phrasal verb" if phrasal else "phrase",
                level=top,
                paragraph=n,
                example=sentence,
                count=len(re.findall(rf"\b{a}\s+{b}\b", "\n".join(paragraphs[1:]).lower())),
                zipf=min(p.zipf for p in parts),
                phrase=True,
            )
        )
        if len(rows) == MAX_PHRASES:
            break
    return rows


def _usefulness(s: Suggestion, level: str) -> float:
    """Common words just above the level first; words used again get a bonus."""
    gap = level_rank(s.level) - level_rank(level)
    return s.zipf + 0.5 * min(s.count - 1, 3) - 0.6 * max(gap - 1, 0)


def suggest_vocabulary(
    paragraphs: list[str], level: str, infos: dict[str, WordInfo] | None = None
) -> list[Suggestion]:
    """Key words for learners at ``level``: content words above it, one per lemma.

    ``paragraphs`` are the numbered texts (0 is the headline). Names (capitalised wherever
    they stand, or unknown to the dictionaries) and grammar words are left out. When fewer
    than MIN_WORDS_SUGGESTED words are above the level, the rarest words at the level fill up.
    Two-word expressions found by ``collocations`` come first, then words, in text order.
    """
    infos = word_infos(paragraphs) if infos is None else infos
    by_lemma: dict[str, list[WordInfo]] = {}
    for info in infos.values():
        if is_content_word(info):
            by_lemma.setdefault(info.lemma, []).append(info)
    candidates = []
    for lemma, forms in by_lemma.items():
        head = max(forms, key=lambda f: (len(f.occurrences), -_body_first(f.occurrences).paragraph))
        first = _body_first(head.occurrences)
        pos = pos_of(head.form, first.before, first.after) or "noun"
        word_level = max((f.level for f in forms), key=level_rank)
        candidates.append(
            Suggestion(
                word=head.form if not first.token[:1].isupper() or first.initial else first.token,
                lemma=lemma,
                pos=pos,
                level=word_level,
                paragraph=first.paragraph,
                example=example_of(first),
                count=sum(len(f.occurrences) for f in forms),
                zipf=head.zipf,
            )
        )
    above = [c for c in candidates if level_rank(c.level) > level_rank(level)]
    above.sort(key=lambda s: -_usefulness(s, level))
    phrases = phrase_suggestions(paragraphs, infos, level)
    chosen = above[: MAX_WORDS_SUGGESTED - len(phrases)]
    if len(chosen) + len(phrases) < MIN_WORDS_SUGGESTED:
        floor = max(level_rank(level), level_rank("B1"))
        at_level = [c for c in candidates if c not in chosen and level_rank(c.level) >= floor]
        at_level.sort(key=lambda s: s.zipf)
        chosen += at_level[: MIN_WORDS_SUGGESTED - len(chosen) - len(phrases)]
    phrase_words = {w for p in phrases for w in p.word.split()}
    chosen = [c for c in chosen if c.word not in phrase_words] or chosen
    return sorted(phrases + chosen, key=lambda s: (s.paragraph, s.word))


# --- definitions --------------------------------------------------------------------------------


def _wordnet_script():
    """scripts/make_wordnet_data.py of this checkout (it reads Debian's WordNet), or None."""
    import importlib.util

    path = Path(__file__).resolve().parents[3] / "scripts" / "make_wordnet_data.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("lessonkit_make_wordnet_data", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def draft_definitions(root: Path, forms: list[str], wn=None) -> dict[str, list[dict]]:
    """WordNet senses of the forms (the key words): from data/wordnet.json; forms it lacks
    are looked up in Debian's WordNet (package wordnet-base) when it is installed, with
    scripts/make_wordnet_data.py, and added to the file. Without it they stay undefined.

    Only the key words are looked up here (about 2 s); every word of the article, for the
    lesson's "look up any word", takes several seconds more: the README says to run the
    script for that."""
    from lessonkit.build.wordnet import DATA_FILE, load_definitions

    table = load_definitions(root)
    missing = sorted({f for f in forms if f not in table})
    if missing:
        try:
            script = _wordnet_script()
            if script and wn is not None:  # a reader already open: opening one takes seconds
                found = {f: script.senses_of(wn, f) for f in missing}
                found = {f: senses for f, senses in found.items() if senses}
            else:
                found = script.lookup(missing) if script else {}
        except Exception:  # noqa: BLE001 - WordNet is optional: no data, no definition
            found = {}
        if found:
            table.update(found)
            text = json.dumps(table, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
            (root / DATA_FILE).write_text(text, encoding="utf-8")
    return table


def definition_for(s: Suggestion, table: dict[str, list[dict]]) -> str | None:
    """The first WordNet sense of the word (or its lemma) in the same part of speech, from
    data/wordnet.json: what a key word gets when Debian's WordNet is not installed, and what
    a two-word expression gets."""
    from lessonkit.build.senses import clean_gloss

    for key in (s.word.lower(), s.lemma.lower()):
        senses = table.get(key) or []
        same = [x for x in senses if x["pos"] == s.pos]
        if same or (senses and s.phrase):
            return clean_gloss((same or senses)[0]["definition"])
    return None


UPOS_OF = {name: upos for upos, name in UPOS.items()}


def sense_context(s: Suggestion) -> tuple[list[str], int] | None:
    """The tokens of a key word's example sentence and where the word stands in them."""
    tokens = _text.tokens(s.example)
    for k, token in enumerate(tokens):
        if token.lower() == s.word.lower():
            return tokens, k
    return None


def choose_senses(vocab: list[Suggestion], article: str, wn) -> None:
    """Each key word's part of speech where it stands in its example sentence
    (``senses.pos_in_sentence``), its lemma in that part of speech, and the WordNet sense it
    has in the article (``senses.ranked_senses``) as its definition; the next two senses go
    to ``others`` for the note. Words WordNet does not know keep what they have."""
    import lemminflect

    from lessonkit.build.senses import article_lemmas, clean_gloss, ranked_senses

    lemmas = article_lemmas(article)
    for s in vocab:
        found = sense_context(s)
        if s.phrase or found is None:
            continue
        tokens, k = found
        pos = pos_in_sentence(tokens, k, bool(wn.synsets(s.word.lower(), "n"))) or s.pos
        lemma = (lemminflect.getLemma(s.word.lower(), UPOS_OF[pos]) or [s.lemma])[0]
        ranked = ranked_senses(wn, lemma, pos, s.example, article, lemmas)
        if not ranked and lemma != s.lemma:
            lemma = s.lemma
            ranked = ranked_senses(wn, lemma, pos, s.example, article, lemmas)
        if not ranked:
            continue
        s.pos, s.lemma = pos, lemma.lower()
        s.definition = clean_gloss(ranked[0].definition())
        s.sense = ranked[0].name()
        s.others = [clean_gloss(x.definition()) for x in ranked[1:3]]


def define_vocabulary(root: Path, vocab: list[Suggestion], article: str) -> None:
    """Definitions of the key words: the sense each has in the article when Debian's WordNet
    is installed (``choose_senses``), else the first sense from data/wordnet.json."""
    forms = sorted({k for s in vocab for k in (s.word.lower(), s.lemma)})
    script = _wordnet_script()
    if script is not None:
        try:
            with script.open_wordnet() as wn:
                table = draft_definitions(root, forms, wn)
                for s in vocab:
                    s.definition = definition_for(s, table)
                choose_senses(vocab, article, wn)
                return
        except script.WordNetMissing:
            pass
    table = draft_definitions(root, forms)
    for s in vocab:
        s.definition = definition_for(s, table)


# --- practice -----------------------------------------------------------------------------------


def choose_distractors(
    answer: Suggestion, pool: list[Suggestion], sentence: str, n: int = DISTRACTORS
) -> list[str]:
    """Words for a gap fill's bank that could fit the gap's grammar but not its meaning:
    the same part of speech, a level as close as can be, the same ending (-s, -ed, -ing,
    -ly), not already in the sentence. Deterministic: ties go to the closer frequency."""
    words_here = {w.lower() for w in re.findall(r"[A-Za-z'-]+", sentence)}

    def ending(word: str) -> str:
        return next((e for e in ("ing", "ed", "ly", "s") if word.endswith(e)), "")

    options = [
        p
        for p in pool
        if p.pos == answer.pos
        and not p.phrase
        and p.lemma != answer.lemma
        and p.word.lower() not in words_here
    ]
    options.sort(
        key=lambda p: (
            abs(level_rank(p.level) - level_rank(answer.level)),
            ending(p.word) != ending(answer.word),
            abs(p.zipf - answer.zipf),
            p.word,
        )
    )
    return [p.word for p in options[:n]]


def _where(n: int) -> str:
    return "the headline" if n == 0 else f"paragraph {n}"


def gap_items(vocab: list[Suggestion], pool: list[Suggestion]) -> list[dict]:
    """One gap fill per key word: its example sentence with the word blanked, a word bank."""
    items = []
    used_sentences = set()
    for s in vocab:
        if len(items) == MAX_GAPS:
            break
        if "[" in s.example or "]" in s.example or s.example in used_sentences:
            continue
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(s.word)}(?![\w'’-])", re.IGNORECASE)
        match = pattern.search(s.example)
        distractors = choose_distractors(s, pool, s.example)
        if not match or len(distractors) < DISTRACTORS:
            continue
        used_sentences.add(s.example)
        text = s.example[: match.start()] + f"[{match.group(0)}]" + s.example[match.end() :]
        items.append(
            {
                "id": f"g{len(items) + 1}",
                "type": "gap",
                "skill": "vocabulary",
                "draft": True,
                "prompt": f"Complete the sentence from {_where(s.paragraph)} with a word "
                "from the box.",
                "text": text,
                "bank": True,
                "distractors": distractors,
                "evidence": {"paragraph": s.paragraph, "quote": s.example},
                "explanation": f"{_where(s.paragraph).capitalize()} says: {s.example}",
            }
        )
    return items


def matching_items(vocab: list[Suggestion]) -> list[dict]:
    """Match words to meanings, MATCH_PAIRS words an item, only words with a definition."""
    defined = [s for s in vocab if s.definition]
    items = []
    for start in range(0, len(defined), MATCH_PAIRS):
        group = defined[start : start + MATCH_PAIRS]
        if len(group) < 2 or len(items) == 2:
            break
        items.append(
            {
                "id": f"m{len(items) + 1}",
                "type": "match",
                "skill": "vocabulary",
                "draft": True,
                "prompt": "Match each word from the article to its meaning.",
                "pairs": [{"left": s.word, "right": s.definition} for s in group],
                "evidence": {"paragraph": group[0].paragraph, "quote": group[0].example},
                "explanation": " ".join(
                    f"{s.word} ({_where(s.paragraph)}): {s.definition}." for s in group
                ),
            }
        )
    return items


@dataclass(frozen=True)
class Quote:
    paragraph: int
    sentence: str  # word for word from the paragraph (the evidence)
    words: str  # what was said, as shown to the learner
    speaker: str


def _short(words: str, limit: int = 16) -> str:
    parts = words.split()
    return words if len(parts) <= limit else " ".join(parts[:limit]).rstrip(",;:") + " ..."


NAME_RUN = re.compile(r"\b[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,3}\b")


def strip_common_words(name: str) -> str:
    """A name without the dictionary words before it, keeping two words at least:
    "Councillor David Okafor" -> "David Okafor", "Ecologist Tamsin Greave" -> "Tamsin Greave"."""
    import lemminflect

    words = name.split()
    while len(words) > 2 and lemminflect.getAllLemmas(words[0].lower()):
        words = words[1:]
    return " ".join(words)


def full_names(article) -> set[str]:
    """Names of two or more capitalised words in the body, without the common words before
    them ("Mayor Elena Marsh" -> "Elena Marsh"): what a short speaker name ("Marsh") stands
    for. ``_reporting.person_names`` is stricter: it wants a last name no dictionary knows."""
    import lemminflect

    from lessonkit.build.reporting import person_names

    names = {strip_common_words(name) for name in person_names(article)}
    for block in article.paragraphs:
        for run in NAME_RUN.findall(block.text):
            name = strip_common_words(run)
            if not lemminflect.getAllLemmas(name.split()[0].lower()):
                names.add(name)
    return names


def quotes_with_speakers(article) -> list[Quote]:
    """What people said, with who said it: a quotation in a news story (the speaker found by
    ``_reporting.find_reporting``, with the fullest name the article gives), or the first
    sentence of a speaker's turn in a transcript (not the reporter's, who tells the story).
    One quote per sentence, in text order."""
    from lessonkit.build.reporting import find_reporting, normalise_speaker

    found: list[Quote] = []
    seen: set[tuple[int, str]] = set()
    if any(b.speaker for b in article.paragraphs):
        for n, block in enumerate(article.paragraphs, 1):
            if not block.speaker or block.speaker == article.byline:
                continue
            first = _text.sentences(block.text)[0]
            if 5 <= len(first.split()) <= 30 and not first.startswith("("):
                found.append(Quote(n, first, _short(first), block.speaker))
        return found
    names = full_names(article)
    for row in find_reporting(article):
        if row["speaker"]:
            row["speaker"] = normalise_speaker(strip_common_words(row["speaker"]), names)
        key = (row["paragraph"], row["sentence"])
        if not row["direct"] or row["in_quote"] or not row["speaker"] or key in seen:
            continue
        seen.add(key)
        spans = [a or b for a, b in QUOTED.findall(row["sentence"])]
        spans = [s.strip(" ,.") for s in spans if len(s.split()) >= 3]
        if spans:
            words = max(spans, key=len)
            found.append(Quote(row["paragraph"], row["sentence"], _short(words), row["speaker"]))
    return found


def who_said_items(quotes: list[Quote], max_items: int = 2) -> list[dict]:
    """Who said it? Match quotations to speakers: one quotation per speaker in an item."""
    items: list[dict] = []
    left = list(quotes)
    while left and len(items) < max_items:
        group: list[Quote] = []
        for q in left:
            if q.speaker not in {g.speaker for g in group} and len(group) < MATCH_PAIRS:
                group.append(q)
        if len({g.speaker for g in group}) < 2:
            break
        left = [q for q in left if q not in group]
        items.append(
            {
                "id": f"w{len(items) + 1}",
                "type": "match",
                "skill": "who-said",
                "draft": True,
                "prompt": "Who said it? Match each quotation to the person who said it.",
                "pairs": [{"left": f"“{q.words}”", "right": q.speaker} for q in group],
                "evidence": {"paragraph": group[0].paragraph, "quote": group[0].sentence},
                "explanation": " ".join(
                    f"{_where(q.paragraph).capitalize()}: {q.speaker}." for q in group
                ),
            }
        )
    return items


def comprehension_scaffolds(paragraphs: list[str], count: int = SCAFFOLDS) -> list[dict]:
    """Questions a teacher must write: the type, the paragraph and its first sentence as
    evidence are given; every text a person must write says TODO."""
    body = [n for n in range(1, len(paragraphs)) if len(paragraphs[n].split()) >= 8]
    if not body:
        body = list(range(1, len(paragraphs)))
    step = max(1, len(body) / count)
    chosen = sorted({body[min(int(i * step), len(body) - 1)] for i in range(count)})
    items = []
    for i, n in enumerate(chosen):
        kind = ("choice", "tfng", "short", "tfng", "choice")[i % 5]
        base = {
            "id": f"c{i + 1}",
            "type": kind,
            "skill": "inference" if i == len(chosen) - 1 and kind == "choice" else "literal",
            "draft": True,
        }
        evidence = {"paragraph": n, "quote": _text.sentences(paragraphs[n])[0]}
        why = f"TODO: say why the answer is right, with words from paragraph {n}."
        if kind == "choice":
            item = {
                **base,
                "prompt": f"TODO: write a question about paragraph {n}.",
                "options": [
                    {"text": "TODO: the right answer", "correct": True},
                    {"text": "TODO: a wrong answer"},
                    {"text": "TODO: another wrong answer"},
                ],
            }
        elif kind == "tfng":
            item = {
                **base,
                "prompt": f"TODO: write a sentence about paragraph {n} that is true, false or "
                "not given, and set the answer.",
                "answer": "true",
            }
        else:
            item = {
                **base,
                "prompt": f"TODO: ask a question about paragraph {n} with a short answer "
                "(a word, a name or a number).",
                "accept": [f"{TODO}: the answer"],
            }
        items.append({**item, "evidence": evidence, "explanation": why})
    return items


# --- the files ----------------------------------------------------------------------------------


def _dump(data) -> str:
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def lesson_yaml(
    title: str,
    level: str,
    slug: str,
    vocab: list[Suggestion],
    questions,
    focus,
    *,
    date: str | None = None,
):
    """lesson.yml: generated parts marked ``draft: true``, the rest TODO for the teacher."""
    # Five words to teach before reading: the ones used most, then the most common.
    ranked = sorted((s for s in vocab if not s.phrase), key=lambda s: (-s.count, -s.zipf))
    key_words = [s.lemma for s in ranked][:5] or [s.lemma for s in vocab[:5]]
    data = {
        "objectives": [
            f"{TODO}: say what learners will understand about the story.",
            "You will learn words from the article, such as "
            + ", ".join(key_words[:-1])
            + f" and {key_words[-1]}.",
            f"{TODO}: add an objective for the language focus or the discussion.",
        ],
        "before_you_read": {
            "warm_up": [f"{TODO}: write two or three questions about the learner's own life."],
            "prediction": f'The headline is "{title}". What do you think the article is about?',
            "key_words": key_words,
        },
        "questions": questions,
        "language_focus": focus,
        "discussion": [f"{TODO}: write two or three questions to talk about."],
        "speaking": {
            "kind": "role-play",
            "title": f"{TODO}: a speaking task (role play, survey, debate or retelling)",
            "minutes": 15,
            "instructions": f"{TODO}: the steps, the roles and three to five useful phrases.",
        },
        "what_happened_next": {
            "facts": [
                {
                    "date": (date or "2000-01")[:7],
                    "text": f"{TODO}: a fact from after the article, in one plain sentence.",
                    "source": f"{TODO}: the outlet and the date that report it.",
                }
            ]
        },
        "key_points": [f"{TODO}: write the two or three main points of the story."],
        "teacher_notes": f"{TODO}: plan the lesson and its timings. Drafted by 'lessonkit new'.",
        "sensitive_topics": f"{TODO}: say how to handle any sensitive topic in the story.",
    }
    head = (
        f"# Lesson: {title} ({level}). Article: lessons/{slug}/article.md\n"
        "# Drafted by 'lessonkit new'. Questions with 'draft: true' were made from the article\n"
        "# by the computer: check each one, correct it, then delete its 'draft: true' line.\n"
        "# Replace every TODO. 'lessonkit check' lists what is still unfinished.\n"
    )
    return head + _dump(data)


# Two-word suggestions get a dictionary's part of speech; what they are goes in the note.
DICTIONARY_POS = {"phrasal verb": ("verb", "Phrasal verb. "), "phrase": ("noun", "Collocation. ")}


def vocab_csv(vocab: list[Suggestion]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=VOCAB_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for s in vocab:
        if s.definition:
            definition = s.definition
            note = f"{DRAFT_NOTE}: WordNet's definition; rewrite it in simple words, check the "
            note += "part of speech and level, then replace this note."
            if s.others:
                note += " Other senses: " + " | ".join(s.others)
        else:
            definition = f"{TODO}: write a short definition in simple words"
            note = f"{DRAFT_NOTE}: check the part of speech and level, then replace this note."
        pos, kind = DICTIONARY_POS.get(s.pos, (s.pos, ""))
        writer.writerow(
            {
                "word": s.lemma,
                "form": s.word,
                "pos": pos,
                "definition": definition,
                "example": s.example,
                "own_example": f"{TODO}: a short sentence of your own",
                "paragraph": s.paragraph,
                "level": s.level,
                "learn": "",
                "note": f"{DRAFT_NOTE}: {kind}{note.removeprefix(DRAFT_NOTE + ': ')}",
            }
        )
    return out.getvalue()


def _scalar(text: str) -> str:
    import yaml

    return yaml.safe_dump(text, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()


def add_to_manifest(text: str, entry: dict) -> str:
    """The manifest with ``entry`` after the last article lesson (else after the start page),
    as text, so that its comments stay."""
    import yaml

    root = yaml.compose(text)
    lessons = next(v for k, v in root.value if k.value == "lessons")
    after = None
    for node in lessons.value:
        kind = next((v.value for k, v in node.value if k.value == "kind"), None)
        if kind in ("article", "start"):
            after = node
    lines = text.splitlines(keepends=True)
    anchor = after or lessons.value[-1]
    indent = " " * (anchor.start_mark.column - 2)
    block = [f"{indent}- slug: {entry['slug']}\n"]
    block += [
        f"{indent}  {k}: {_scalar(v) if isinstance(v, str) else v}\n"
        for k, v in entry.items()
        if k != "slug"
    ]
    end = anchor.value[-1][1].end_mark.line + 1  # the line after the entry's last value
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end] + block + lines[end:])


# --- all of it ----------------------------------------------------------------------------------


@dataclass
class NewLesson:
    slug: str
    files: list[Path]
    words: int
    vocab: int
    defined: int
    practice: int
    scaffolds: int


def check_slug(root: Path, slug: str) -> None:
    if not re.match(SLUG_PATTERN, slug):
        raise LessonkitError(
            f"--slug {slug!r} is not a lesson slug; use two digits and lower-case words "
            "joined by dashes, like 07-city-bicycles."
        )
    from lessonkit.build.sources import load_manifest

    taken = [e.slug for e in load_manifest(root).lessons]
    for path in (Path("lessons") / slug, Path("vocab") / f"{slug}.csv"):
        if (root / path).exists():
            raise LessonkitError(f"{path} already exists; choose another --slug.")
    if slug in taken:
        raise LessonkitError(
            f"lessons/lessons.yml already has a lesson {slug!r}; choose another --slug."
        )


def estimate_minutes(words: int) -> int:
    """Class time: about 40 minutes of tasks plus three times the reading time, by fives."""
    reading = max(1, round(words / _text.LEARNER_WORDS_PER_MINUTE))
    return min(120, 5 * round((40 + 3 * reading) / 5))


def draft_article(
    found: SourceText,
    shown: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    byline: str | None = None,
    date: str | None = None,
):
    """The clean article of a source as ``new`` drafts it: a plain-text copy of a whole page
    goes through ``from_page_copy`` first, then every source through the importer. Options
    fill in or correct what the source gives."""
    from lessonkit.build.importer import import_text

    if not found.html:
        found = from_page_copy(found.raw)
    prepared = prepare_raw(found.raw)
    article = import_text(
        prepared.raw,
        source_file=shown,
        title=title or found.title,
        outlet=outlet or found.outlet,
        byline=byline or found.byline or prepared.byline,
        date=date or found.date or prepared.date,
    )
    article.outlet = article.outlet or prepared.owner
    article.credits += prepared.credits
    return article


def new_lesson(
    source: Path | str,
    slug: str,
    root: Path | str = ".",
    *,
    level: str = "B1",
    title: str | None = None,
    outlet: str | None = None,
    byline: str | None = None,
    date: str | None = None,
) -> NewLesson:
    """Write lessons/<slug>/article.md and lesson.yml, vocab/<slug>.csv, and add the lesson
    to lessons/lessons.yml. The result is checked like a build checks it; on a problem the
    files are taken away again and nothing is left half-written."""
    from lessonkit.build.sources import MANIFEST, load_project, read_text

    root, source = Path(root), Path(source)
    shown = source.name
    if level not in LEVELS:
        raise LessonkitError(f"--level {level!r} is not a level; use one of {', '.join(LEVELS)}.")
    check_slug(root, slug)
    found = read_source(source, shown)
    article = draft_article(found, shown, title=title, outlet=outlet, byline=byline, date=date)
    paragraphs = [article.title] + [b.text for b in article.paragraphs]
    n_words = len(_text.words("\n\n".join(paragraphs[1:])))
    if n_words < MIN_WORDS:
        raise SourceError(
            shown,
            None,
            None,
            f"has only {n_words} words of article text after cleaning; a lesson needs at "
            f"least {MIN_WORDS}",
        )

    for name, option in (("outlet", "--outlet"), ("date", "--date")):
        if not getattr(article, name):
            raise SourceError(shown, None, name, f"is not in the text; give it with {option}")
    if date and not re.match(r"^\d{4}-\d{2}(-\d{2})?$", date):
        raise LessonkitError(f"--date {date!r} is not a date; write it as YYYY-MM-DD.")

    infos = word_infos(paragraphs)
    vocab = suggest_vocabulary(paragraphs, level, infos)
    define_vocabulary(root, vocab, "\n\n".join(paragraphs))
    pool = [
        Suggestion(i.form, i.lemma, i.pos, i.level, 0, "", len(i.occurrences), i.zipf)
        for i in infos.values()
        if is_content_word(i) and level_rank(i.level) >= level_rank("A2")
    ]
    gaps = gap_items([s for s in vocab if not s.phrase], pool)
    matches = matching_items(vocab)
    who = who_said_items(quotes_with_speakers(article))
    scaffolds = comprehension_scaffolds(paragraphs)
    focus = {
        "title": "Words from the article",
        "text": "Practise the key words of the article. Match the words and their meanings, "
        "then complete sentences from the article with words from the box.",
        "questions": matches + gaps,
    }

    lesson_dir = root / "lessons" / slug
    vocab_path = root / "vocab" / f"{slug}.csv"
    manifest_path = root / MANIFEST
    manifest_text = read_text(manifest_path, shown=str(MANIFEST))
    entry = {
        "slug": slug,
        "title": article.title,
        "kind": "article",
        "level": level,
        "minutes": estimate_minutes(n_words),
    }
    try:
        lesson_dir.mkdir(parents=True)
        (lesson_dir / "article.md").write_text(article.to_markdown(), encoding="utf-8")
        (lesson_dir / "lesson.yml").write_text(
            lesson_yaml(
                article.title, level, slug, vocab, scaffolds + who, focus, date=article.date
            ),
            encoding="utf-8",
        )
        vocab_path.parent.mkdir(exist_ok=True)
        vocab_path.write_text(vocab_csv(vocab), encoding="utf-8")
        manifest_path.write_text(add_to_manifest(manifest_text, entry), encoding="utf-8")
        load_project(root, only=[slug])
    except (LessonkitError, OSError) as error:
        import shutil

        shutil.rmtree(lesson_dir, ignore_errors=True)
        vocab_path.unlink(missing_ok=True)
        manifest_path.write_text(manifest_text, encoding="utf-8")
        raise LessonkitError(
            f"{shown}: the drafted lesson did not pass the checks, so nothing was written ({error})"
        ) from None
    return NewLesson(
        slug=slug,
        files=[
            Path("lessons") / slug / "article.md",
            Path("lessons") / slug / "lesson.yml",
            Path("vocab") / f"{slug}.csv",
            MANIFEST,
        ],
        words=n_words,
        vocab=len(vocab),
        defined=sum(1 for s in vocab if s.definition),
        practice=len(matches) + len(gaps) + len(who),
        scaffolds=len(scaffolds),
    )


__all__ = [
    "NewLesson",
    "add_to_manifest",
    "choose_distractors",
    "choose_senses",
    "collocations",
    "comprehension_scaffolds",
    "draft_article",
    "from_page_copy",
    "gap_items",
    "matching_items",
    "new_lesson",
    "quotes_with_speakers",
    "pos_in_sentence",
    "read_source",
    "strip_site_suffix",
    "suggest_vocabulary",
    "take_byline_and_date",
    "who_said_items",
]
