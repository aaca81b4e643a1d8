"""Load and validate the lesson sources; every problem is one sentence a teacher can act on.

Map of the module:

- ``read_text(path)``: UTF-8 text, or an error naming the line of the first bad byte.
- ``load_yaml(path)``: data plus a map from field path to line number.
- ``validate(model, data, path, lines)``: a pydantic model, or the first problem as a
  ``SourceError`` naming file, line and field.
- ``load_manifest``, ``load_article``, ``load_lesson_file``, ``load_vocab``: one file each.
- ``load_project(root)``: every source, with the rules that span files (a glossary word
  occurs in its article, an example or a quotation stands in the paragraph it names, ...).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from lessonkit.build.importer import Article, Block, parse_article_body
from lessonkit.build.schema import (
    DATE_PATTERN,
    GAP,
    ID_PATTERN,
    LEVELS,
    MULTIWORD_KINDS,
    SLUG_PATTERN,
    VOCAB_COLUMNS,
    AdaptedText,
    ArticleMeta,
    CrossLessonFile,
    LessonFile,
    Manifest,
    ManifestEntry,
    VocabRow,
    Worksheet,
)
from lessonkit.errors import SourceError

MANIFEST = Path("lessons") / "lessons.yml"
MAX_SOURCE_BYTES = 2_000_000


def read_bytes(path: Path, shown: str, limit: int, what: str) -> bytes:
    """The file's bytes, or one sentence saying why not (missing, a folder, too large)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(shown, None, None, "is missing") from None
    except IsADirectoryError:
        raise SourceError(shown, None, None, "is a folder, not a file") from None
    if len(data) > limit:
        raise SourceError(shown, None, None, f"is too large for {what}")
    return data


def read_text(path: Path, *, shown: str | None = None) -> str:
    """The file as text; bad bytes give the line they are on."""
    shown = shown or str(path)
    data = read_bytes(path, shown, MAX_SOURCE_BYTES, "a lesson source (over 2 MB)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(shown, line, None, "is not UTF-8 text; save it again as UTF-8") from None
    return text.removeprefix("\ufeff")


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps: ``date: 2021-06-16`` stays the text people wrote.

    (PyYAML would turn it into a date object, and ``2021-13-45`` into a crash.)
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_map(
    node: yaml.Node, path: tuple = (), lines: dict | None = None, inside: frozenset = frozenset()
) -> dict:
    lines = {} if lines is None else lines
    lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in inside:  # an alias that contains itself (``&a [*a]``)
        return lines
    inside = inside | {id(node)}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[path + (key.value,)] = key.start_mark.line + 1
                _line_map(value, path + (key.value,), lines, inside)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, path + (i,), lines, inside)
    return lines


def _yaml_problem(error: yaml.MarkedYAMLError) -> tuple[yaml.Mark | None, str]:
    """Where a YAML error is and what it is, said so that it stands alone."""
    problem = (error.problem or "it cannot be read").rstrip(".")
    context = (error.context or "").rstrip(".")
    if context.startswith("while parsing a flow") and error.context_mark:
        # An unclosed [ or {: the line where it was opened is the one to fix.
        return error.context_mark, f"a bracket opened on this line is not closed; {problem}"
    if context and problem.startswith("but "):
        problem = f"{context}, {problem}"
    return error.problem_mark or error.context_mark, problem


def parse_yaml(text: str, shown: str, *, first_line: int = 1) -> tuple[Any, dict]:
    """YAML data and a map {field path: line}; ``first_line`` shifts lines (front matter)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark, problem = _yaml_problem(error)
        line = mark.line + first_line if mark else None
        raise SourceError(shown, line, None, f"is not valid YAML ({problem})") from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + first_line
        problem = f"the control character U+{error.character:04X} is not allowed"
        raise SourceError(shown, line, None, f"is not valid YAML ({problem})") from None
    except yaml.YAMLError as error:
        problem = " ".join(str(error).split())
        raise SourceError(shown, None, None, f"is not valid YAML ({problem})") from None
    except RecursionError:
        raise SourceError(
            shown, None, None, "is not valid YAML (it is nested too deeply)"
        ) from None
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError) as error:
        # PyYAML's constructors crash on values that do not fit a tag: "!!int abc", "!!bool".
        detail = " ".join(str(error).split())[:120]
        problem = "a value cannot be read"
        if detail.strip("'\" "):  # KeyError('') says nothing
            problem += f": {detail}"
        raise SourceError(shown, None, None, f"is not valid YAML ({problem})") from None
    lines = {k: v + first_line - 1 for k, v in _line_map(node).items()} if node else {}
    return data, lines


def field_name(loc: tuple) -> str:
    """('questions', 3, 'answer') -> 'questions[3].answer' (counting from 1 for people)."""
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += ("." if name else "") + str(part)
    return name


def _friendly(error: dict) -> str:
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        return f"{given!r} is not allowed; use one of {expected}"
    if kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        return f"{error.get('ctx', {}).get('tag')!r} is not a question type; use one of {expected}"
    if kind == "union_tag_not_found":
        return "needs a 'type' field (choice, multi, tfng, gap, match, order or short)"
    if kind.startswith("int_") or kind.startswith("bool_"):
        wanted = "a whole number" if kind.startswith("int_") else "true or false"
        return f"must be {wanted}, not {given!r}"
    if kind == "string_type" and isinstance(given, (int, float, bool)):
        return f"must be text, not the {type(given).__name__} {given!r}; put it in quotes"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = {
            "string_type": "text",
            "list_type": "a list",
        }.get(kind, "a group of fields")
        return f"must be {wanted}, not {type(given).__name__} {given!r}"[:200]
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if pattern in _PATTERNS:
            return f"{given!r} {_PATTERNS[pattern]}"
    message = error["msg"].removeprefix("Value error, ")
    return message[0].lower() + message[1:]


def validate(model: type[BaseModel], data: Any, shown: str, lines: dict) -> Any:
    """The model, or a SourceError for the first problem found, with its line.

    A misspelt field gives two problems (an unknown field, and a missing one); the unknown
    field is reported, since that is the line to fix.
    """
    if data is None:
        raise SourceError(shown, None, None, "is empty")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        errors = error.errors()
        extra = [e for e in errors if e["type"] == "extra_forbidden"]
        first = extra[0] if extra else errors[0]
        loc = tuple(p for p in first["loc"] if p not in _UNION_TAGS)
        if first["type"].startswith("union_tag_") and loc + ("type",) in lines:
            loc += ("type",)  # point at the line with the wrong type, when there is one
        line = None
        for n in range(len(loc), -1, -1):
            if loc[:n] in lines:
                line = lines[loc[:n]]
                break
        problem = _friendly(first)
        if extra:
            missing = [
                str(e["loc"][-1])
                for e in errors
                if e["type"] == "missing" and e["loc"][:-1] == first["loc"][:-1]
            ]
            close = difflib.get_close_matches(str(first["loc"][-1]), missing, n=1)
            if close:
                problem = f"is not a known field (did you mean '{close[0]}')"
        raise SourceError(shown, line, field_name(loc) or None, problem) from None


# What a pattern means, for people who do not read regular expressions.
_PATTERNS = {
    SLUG_PATTERN: "is not a lesson slug; use two digits and lower-case words joined by dashes, "
    "like 01-geneva-summit",
    DATE_PATTERN: "is not a date; write it as YYYY-MM-DD or YYYY-MM, like 2021-06-16",
    ID_PATTERN: "is not a question id; use lower-case letters, digits and dashes, like q1",
}

# pydantic puts the union member's tag in error locations; people never wrote it.
_UNION_TAGS = {"choice", "multi", "tfng", "gap", "match", "order", "short"}


def load_manifest(root: Path) -> Manifest:
    return _load_manifest(root)[0]


def _load_manifest(root: Path) -> tuple[Manifest, dict]:
    """The manifest and its map {field path: line}."""
    path = root / MANIFEST
    data, lines = parse_yaml(read_text(path, shown=str(MANIFEST)), str(MANIFEST))
    manifest = validate(Manifest, data, str(MANIFEST), lines)
    seen: dict[str, int] = {}
    for i, entry in enumerate(manifest.lessons):
        line = lines.get(("lessons", i, "slug"))
        if entry.slug in seen:
            raise SourceError(
                MANIFEST,
                line,
                f"lessons[{i + 1}].slug",
                f"{entry.slug!r} is used twice (first at lesson {seen[entry.slug] + 1})",
            )
        seen[entry.slug] = i
    return manifest, lines


def split_front_matter(text: str, shown: str) -> tuple[str, str, int]:
    """(front matter, body, line where the body starts) of a Markdown file with --- fences."""
    text = text.replace("\r\n", "\n")  # saved on Windows
    if not text.startswith("---\n"):
        raise SourceError(shown, 1, None, "must start with a '---' line and the article's details")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise SourceError(shown, 1, None, "has no closing '---' line after the article's details")
    front = text[4 : end + 1]
    body_line = text[: end + 5].count("\n") + 1
    return front, text[end + 5 :], body_line


def load_article(path: Path, shown: str) -> Article:
    text = read_text(path, shown=shown)
    front, body, body_line = split_front_matter(text, shown)
    data, lines = parse_yaml(front, shown, first_line=2)
    meta = validate(ArticleMeta, data, shown, lines)
    blocks = parse_article_body(body)
    if not any(b.kind != "heading" for b in blocks):
        if body.strip():  # point at the first line of the body that has something on it
            body_line += body[: len(body) - len(body.lstrip())].count("\n")
        raise SourceError(shown, body_line, "text", "has no paragraphs; paste the article text")
    return Article(
        title=meta.title,
        source_file=meta.source_file,
        outlet=meta.outlet,
        byline=meta.byline,
        date=meta.date,
        date_note=meta.date_note,
        note=meta.note,
        kind=meta.kind,
        credits=list(meta.credits),
        words_in_this_story=[w.model_dump() for w in meta.words_in_this_story],
        blocks=blocks,
    )


# Glossary columns that may be empty (or left out of the header).
OPTIONAL_COLUMNS = ("note", "learn")


def load_lesson_file(path: Path, shown: str) -> tuple[LessonFile, dict]:
    data, lines = parse_yaml(read_text(path, shown=shown), shown)
    return validate(LessonFile, data, shown, lines), lines


def load_vocab(path: Path, shown: str) -> list[tuple[int, VocabRow]]:
    """Rows of a glossary CSV with the line each starts on."""
    text = read_text(path, shown=shown)
    if not text.strip():
        raise SourceError(
            shown, None, None, "is empty; it needs a header line and one row per word"
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1  # the line the record being read starts on
    try:
        header = next(reader)
        missing = [c for c in VOCAB_COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
        if missing:
            raise SourceError(shown, 1, missing[0], "is a missing column in the first line")
        unknown = [c for c in header if c not in VOCAB_COLUMNS]
        if unknown:
            raise SourceError(shown, 1, unknown[0], "is not a known column (check the spelling)")
        records = []
        line = reader.line_num + 1
        for cells in reader:
            if cells:  # a blank line is no record
                records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise SourceError(shown, line, None, f"is not valid CSV ({error})") from None
    rows = []
    for line, cells in records:
        if len(cells) > len(header):
            raise SourceError(shown, line, None, "has more cells than the header has columns")
        values = dict(zip(header, cells, strict=False))  # a short row has fewer cells
        multi = [k for k, v in values.items() if "\n" in v]
        if multi:
            raise SourceError(
                shown,
                line,
                multi[0],
                'runs over more than one line; a closing quote (") may be missing',
            )
        short = [c for c in header if c not in values and c not in OPTIONAL_COLUMNS]
        if short:
            raise SourceError(
                shown,
                line,
                short[0],
                f"has no cell; the line has {len(cells)} "
                f"cells and the header has {len(header)} columns",
            )
        for column in OPTIONAL_COLUMNS:
            values.setdefault(column, "")
        blank = [k for k, v in values.items() if k not in OPTIONAL_COLUMNS and not v.strip()]
        if blank:
            raise SourceError(shown, line, blank[0], "is empty")
        level = values.get("level", "").strip()
        if level not in LEVELS:
            raise SourceError(
                shown, line, "level", f"{level!r} is not a level; use one of {', '.join(LEVELS)}"
            )
        row = validate(VocabRow, values, shown, {(): line, **{(k,): line for k in values}})
        rows.append((line, row))
    if not rows:
        raise SourceError(shown, None, None, "has no words; add one row per word under the header")
    return rows


@dataclass
class LessonSource:
    """Everything one lesson is built from, validated."""

    entry: ManifestEntry
    article: Article | None = None
    lesson: LessonFile | None = None
    vocab: list[VocabRow] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    worksheet: Worksheet | None = None  # article lessons with lessons/<slug>/worksheet.yml
    cross: CrossLessonFile | None = None  # lessons on all the articles (compare, reporting)
    # The same story at a lower level (lessons/<slug>/adapted.yml), and its text as an article
    # (paragraph 0 is its title) for the questions' evidence.
    adapted: AdaptedText | None = None
    adapted_article: Article | None = None


@dataclass
class Project:
    root: Path
    manifest: Manifest
    lessons: list[LessonSource]

    def lesson(self, slug: str) -> LessonSource:
        for source in self.lessons:
            if source.entry.slug == slug:
                return source
        raise KeyError(slug)


def words_of(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text)}


def check_article_lesson(
    source: LessonSource,
    shown_vocab: str,
    shown_lesson: str,
    vocab_lines: list[int],
    lesson_lines: dict,
) -> None:
    """Rules that span files: glossary against article, questions against article."""
    article = source.article
    # Paragraph 0 is the headline, so a word or a question can point at it.
    paragraphs = [article.title] + [b.text for b in article.paragraphs]
    for line, row in zip(vocab_lines, source.vocab, strict=True):
        if row.paragraph >= len(paragraphs):
            raise SourceError(
                shown_vocab,
                line,
                "paragraph",
                f"{row.paragraph} is past the article's last paragraph ({len(paragraphs) - 1})",
            )
        if row.example not in paragraphs[row.paragraph]:
            raise SourceError(
                shown_vocab, line, "example", f"is not word for word in paragraph {row.paragraph}"
            )
        check_glossary_row(row, shown_vocab, line)
    words = {row.word.lower() for row in source.vocab}
    for i, key in enumerate(source.lesson.before_you_read.key_words):
        if key.lower() not in words:
            raise SourceError(
                shown_lesson,
                lesson_lines.get(("before_you_read", "key_words", i)),
                f"before_you_read.key_words[{i + 1}]",
                f"{key!r} is not in the glossary {shown_vocab}",
            )
    # (where the question stands in lesson.yml, the question): language focus questions
    # are numbered in their own list.
    items = [(("questions", i), item) for i, item in enumerate(source.lesson.questions)]
    if source.lesson.language_focus:
        items += [
            (("language_focus", "questions", i), item)
            for i, item in enumerate(source.lesson.language_focus.questions)
        ]
    check_items(items, shown_lesson, lesson_lines, {source.entry.slug: article}, source.entry.slug)


def base_forms(form: str) -> set[str]:
    """Every base form lemminflect gives for a word form, also for words its dictionary lacks
    ("cyberattacks" -> "cyberattack"), in any part of speech."""
    import lemminflect

    found = {b for bases in lemminflect.getAllLemmas(form).values() for b in bases}
    for upos in ("NOUN", "VERB", "ADJ"):
        found.update(lemminflect.getAllLemmasOOV(form, upos).get(upos, ()))
    return {b.lower() for b in found}


def check_glossary_row(row: VocabRow, shown: str, line: int) -> None:
    """A glossary row as a learner's dictionary has it: the article's form of the headword in
    the example, a note saying what a multi-word headword is, a level that agrees with the
    project's level data or says why not."""
    from lessonkit.build.inflect import inflections
    from lessonkit.build.words import level_of

    if row.form.lower() not in row.example.lower():
        raise SourceError(shown, line, "form", f"{row.form!r} is not in the example sentence")
    if " " in row.word.strip():
        if not any(kind in row.note.lower() for kind in MULTIWORD_KINDS):
            raise SourceError(
                shown,
                line,
                "note",
                f"{row.word!r} has more than one word: start the note with what it is "
                "(Idiom., Phrasal verb., Collocation. or Compound noun.)",
            )
        return
    forms = {f.lower() for f in inflections(row.word)} | {row.word.lower()}
    if row.form.lower() not in forms and row.word.lower() not in base_forms(row.form.lower()):
        raise SourceError(
            shown, line, "form", f"{row.form!r} is not a form of the headword {row.word!r}"
        )
    if row.note.startswith("DRAFT"):
        return
    estimate = level_of(row.word.lower(), row.word.lower())
    if estimate and estimate != row.level and "level:" not in row.note.lower():
        raise SourceError(
            shown,
            line,
            "note",
            f"the level {row.level} differs from the project's estimate ({estimate}, cefrpy or "
            "wordfreq): add a sentence starting 'Level:' that says why",
        )


def numbered(article: Article) -> list[str]:
    """Paragraph texts by number; paragraph 0 is the headline."""
    return [article.title] + [b.text for b in article.paragraphs]


def check_items(
    items: list[tuple[tuple, Any]],
    shown: str,
    lines: dict,
    articles: dict[str, Article],
    default: str | None,
    seen: set[str] | None = None,
) -> None:
    """Ids unique; each item's evidence quote stands word for word in the paragraph it names
    (of ``evidence.lesson`` when given, else of the ``default`` article lesson)."""
    seen = set() if seen is None else seen
    for where, item in items:
        name = field_name(where)
        if item.id in seen:
            raise SourceError(
                shown, lines.get(where + ("id",)), f"{name}.id", f"{item.id!r} is used twice"
            )
        seen.add(item.id)
        slug = item.evidence.lesson or default
        if slug not in articles:
            raise SourceError(
                shown,
                lines.get(where + ("evidence",)),
                f"{name}.evidence.lesson",
                f"{slug!r} is not an article lesson; use one of {', '.join(sorted(articles))}",
            )
        paragraphs = numbered(articles[slug])
        n = item.evidence.paragraph
        if n >= len(paragraphs):
            raise SourceError(
                shown,
                lines.get(where + ("evidence", "paragraph")),
                f"{name}.evidence.paragraph",
                f"{n} is past the article's last paragraph ({len(paragraphs) - 1})",
            )
        if item.evidence.quote not in paragraphs[n]:
            raise SourceError(
                shown,
                lines.get(where + ("evidence", "quote")),
                f"{name}.evidence.quote",
                f"is not word for word in paragraph {n}",
            )
        if item.type == "gap" and not GAP.search(item.text):
            raise SourceError(
                shown, lines.get(where + ("text",)), f"{name}.text", "has no gap in square brackets"
            )


def load_worksheet(root: Path, source: LessonSource) -> None:
    """lessons/<slug>/worksheet.yml, when there is one: exercises checked against the article."""
    path = Path("lessons") / source.entry.slug / "worksheet.yml"
    if not (root / path).exists():
        return
    data, lines = parse_yaml(read_text(root / path, shown=str(path)), str(path))
    sheet = validate(Worksheet, data, str(path), lines)
    items = [
        (("sections", i, "items", j), item)
        for i, section in enumerate(sheet.sections)
        for j, item in enumerate(section.items)
    ]
    check_items(items, str(path), lines, {source.entry.slug: source.article}, source.entry.slug)
    glossary = {row.word.lower() for row in source.vocab}
    for i, word in enumerate(sheet.writing.key_words):
        if word.lower() not in glossary:
            raise SourceError(
                str(path),
                lines.get(("writing", "key_words", i)),
                f"writing.key_words[{i + 1}]",
                f"{word!r} is not in the glossary vocab/{source.entry.slug}.csv",
            )
    source.worksheet = sheet
    source.files.append(path)


QUOTATION = re.compile(r"“([^”]*)”|\"([^\"]*)\"")
ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def _plain(text: str) -> str:
    """Quotes and apostrophes made straight, spaces single: quotations compare on words."""
    for curly, straight in (("“", '"'), ("”", '"'), ("’", "'"), ("‘", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def quotation_pieces(text: str) -> list[str]:
    """Every quoted stretch of ``text``, split where " … " marks a cut, without the end
    punctuation a quotation may carry (a comma inside the quotes where the original has a
    full stop)."""
    pieces = []
    for match in QUOTATION.finditer(text):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        for piece in ELLIPSIS.split(quoted):
            piece = piece.strip().strip(",.;:!?").strip()
            if piece:
                pieces.append(piece)
    return pieces


def load_adapted(root: Path, source: LessonSource) -> None:
    """lessons/<slug>/adapted.yml, when there is one: the story retold at a lower level.

    Checked against the original: a level below the lesson's, source paragraphs that exist,
    quotations word for word from them, the level profile (``_profile``), every word above the
    level glossed, and the questions' evidence in the adapted text."""
    from lessonkit.build.importer import Article, Block
    from lessonkit.build.inflect import inflections
    from lessonkit.build.profile import MAX_SENTENCE, MIN_SHARE, profile

    slug = source.entry.slug
    path = Path("lessons") / slug / "adapted.yml"
    if not (root / path).exists():
        return
    shown = str(path)
    data, lines = parse_yaml(read_text(root / path, shown=shown), shown)
    adapted = validate(AdaptedText, data, shown, lines)
    if LEVELS.index(adapted.level) >= LEVELS.index(source.entry.level):
        raise SourceError(
            shown,
            lines.get(("level",)),
            "level",
            f"{adapted.level} is not below the lesson's level ({source.entry.level})",
        )
    originals = numbered(source.article)
    for i, paragraph in enumerate(adapted.paragraphs):
        where = ("paragraphs", i)
        for n in paragraph.sources:
            if n >= len(originals):
                raise SourceError(
                    shown,
                    lines.get(where + ("from",)) or lines.get(where),
                    f"paragraphs[{i + 1}].from",
                    f"{n} is past the article's last paragraph ({len(originals) - 1})",
                )
        told = [_plain(originals[n]) for n in paragraph.sources]
        for piece in quotation_pieces(paragraph.text):
            if not any(_plain(piece) in text for text in told):
                numbers = ", ".join(str(n) for n in paragraph.sources)
                raise SourceError(
                    shown,
                    lines.get(where + ("text",)),
                    f"paragraphs[{i + 1}].text",
                    f"quotes “{piece}”, which is not word for word in paragraph {numbers} "
                    "of the article (join word-for-word pieces with …)",
                )
    texts = [adapted.title] + [p.text for p in adapted.paragraphs]
    found = profile(texts, adapted.level)
    if found.share < MIN_SHARE:
        hardest = ", ".join(sorted(found.above)[:8])
        raise SourceError(
            shown,
            lines.get(("paragraphs",)),
            "paragraphs",
            f"has {100 * found.share:.1f}% of its words at or below {adapted.level} (at least "
            f"{100 * MIN_SHARE:.0f}% are needed); words above the level include {hardest}",
        )
    if found.mean_sentence > MAX_SENTENCE[adapted.level]:
        raise SourceError(
            shown,
            lines.get(("paragraphs",)),
            "paragraphs",
            f"has {found.mean_sentence:.1f} words a sentence on average; at {adapted.level} "
            f"keep it at most {MAX_SENTENCE[adapted.level]:.0f}",
        )
    flat = " " + " ".join(re.findall(r"[a-z0-9'’-]+", " ".join(texts).lower())) + " "
    glossed = set()
    for row in source.vocab:
        forms = {f.lower() for f in inflections(row.word)} | {row.form.lower()}
        glossed |= forms
        # A glossed expression glosses its words where it stands ("olive" in "olive branch").
        glossed |= {w for f in forms if " " in f and f" {f} " in flat for w in f.split()}
    words = words_of(" ".join(texts))
    for j, gloss in enumerate(adapted.glossary):
        forms = {f.lower() for f in inflections(gloss.word)} | {gloss.word.lower()}
        if not forms & words and gloss.word.lower() not in " ".join(texts).lower():
            raise SourceError(
                shown,
                lines.get(("glossary", j, "word")),
                f"glossary[{j + 1}].word",
                f"{gloss.word!r} is not in the adapted text, in any form",
            )
        glossed |= forms
    missing = sorted(w for w in found.above if w not in glossed)
    if missing:
        raise SourceError(
            shown,
            lines.get(("glossary",)) or lines.get(("paragraphs",)),
            "glossary",
            f"needs a meaning for the words above {adapted.level}: {', '.join(missing)} "
            f"(or they must be in vocab/{slug}.csv)",
        )
    article = Article(
        title=adapted.title,
        source_file=path.name,
        blocks=[Block("paragraph", p.text) for p in adapted.paragraphs],
    )
    items = [(("questions", i), item) for i, item in enumerate(adapted.questions)]
    check_items(items, shown, lines, {slug: article}, slug)
    source.adapted, source.adapted_article = adapted, article
    source.files.append(path)


def load_cross_lesson(root: Path, source: LessonSource, articles: dict[str, Article]) -> None:
    """lesson.yml of a lesson on all the articles; quotes checked against the article named."""
    path = Path("lessons") / source.entry.slug / "lesson.yml"
    data, lines = parse_yaml(read_text(root / path, shown=str(path)), str(path))
    lesson = validate(CrossLessonFile, data, str(path), lines)
    items = [(("questions", i), item) for i, item in enumerate(lesson.questions)]
    check_items(items, str(path), lines, articles, None)
    for i, event in enumerate(lesson.timeline):
        if event.lesson not in articles:
            raise SourceError(
                str(path),
                lines.get(("timeline", i, "lesson")),
                f"timeline[{i + 1}].lesson",
                f"{event.lesson!r} is not an article lesson",
            )
    source.cross = lesson


def article_text(article: Article) -> str:
    """The headline and the body, as one text."""
    return "\n\n".join([article.title] + [b.text for b in article.blocks])


def load_project(root: Path | str = ".", only: list[str] | None = None) -> Project:
    """Every lesson source under ``root``, validated; the first problem raises SourceError.

    ``only`` limits the lessons read to those slugs (the manifest is always read whole).
    """
    root = Path(root)
    manifest, manifest_lines = _load_manifest(root)
    lessons = []
    for i, entry in enumerate(manifest.lessons):
        if only and entry.slug not in only:
            continue
        source = LessonSource(entry=entry)
        folder = Path("lessons") / entry.slug
        if not (root / folder).is_dir():
            raise SourceError(
                MANIFEST,
                manifest_lines.get(("lessons", i, "slug")),
                f"lessons[{i + 1}].slug",
                f"lesson {entry.slug!r} has no folder {folder}/",
            )
        lesson_path = folder / "lesson.yml"
        if entry.kind == "article":
            article_path = folder / "article.md"
            vocab_path = Path("vocab") / f"{entry.slug}.csv"
            source.article = load_article(root / article_path, str(article_path))
            source.lesson, lesson_lines = load_lesson_file(root / lesson_path, str(lesson_path))
            rows = load_vocab(root / vocab_path, str(vocab_path))
            source.vocab = [row for _, row in rows]
            source.files = [article_path, lesson_path, vocab_path]
            check_article_lesson(
                source, str(vocab_path), str(lesson_path), [line for line, _ in rows], lesson_lines
            )
            load_worksheet(root, source)
            load_adapted(root, source)
        elif entry.kind in ("compare", "reporting"):
            # Needs every article: read after the loop, once all are loaded.
            source.files = sorted(
                p.relative_to(root) for p in (root / folder).glob("*") if p.is_file()
            )
        else:
            source.files = sorted(
                p.relative_to(root) for p in (root / folder).glob("*") if p.is_file()
            )
        lessons.append(source)
    articles = {s.entry.slug: s.article for s in lessons if s.article is not None}
    for source in lessons:
        if source.entry.kind in ("compare", "reporting"):
            if only and not articles:
                articles = {
                    s.entry.slug: s.article
                    for s in load_project(root).lessons
                    if s.article is not None
                }
            load_cross_lesson(root, source, articles)
    return Project(root=root, manifest=manifest, lessons=lessons)


__all__ = ["Block", "LessonSource", "Project", "load_project", "read_text"]


# --- listening tasks ------------------------------------------------------------------------------

DICTATION_WORDS = (4, 25)  # a dictation sentence: long enough to mean something, short to hold


def load_listening(root: Path, source: LessonSource):
    """lessons/<slug>/listening.yml, when there is one, checked against the article and its
    audio timings (``data/audio/<slug>.json``); returns ``(ListeningFile, timings)`` or None."""
    import json

    from lessonkit.build.schema import ListeningFile

    path = Path("lessons") / source.entry.slug / "listening.yml"
    if not (root / path).exists():
        return None
    data, lines = parse_yaml(read_text(root / path, shown=str(path)), str(path))
    task = validate(ListeningFile, data, str(path), lines)
    slug = source.entry.slug
    check_items([(("gist",), task.gist)], str(path), lines, {slug: source.article}, slug)
    timings_path = root / "data" / "audio" / f"{source.entry.slug}.json"
    if not timings_path.exists():
        raise SourceError(
            str(path),
            lines.get(("dictation",)),
            "dictation",
            f"the lesson has no audio timings data/audio/{timings_path.name}; run 'make audio'",
        )
    timings = json.loads(timings_path.read_text(encoding="utf-8"))
    by_place = {(s["paragraph"], s["sentence"]): s for s in timings["sentences"]}
    for i, ref in enumerate(task.dictation):
        where = ("dictation", i)
        found = by_place.get((ref.paragraph, ref.sentence))
        if found is None:
            raise SourceError(
                str(path),
                lines.get(where),
                f"dictation[{i + 1}]",
                f"paragraph {ref.paragraph} has no sentence {ref.sentence} in the audio "
                "(sentences count from 0)",
            )
        words = len(found["text"].split())
        low, high = DICTATION_WORDS
        if not found.get("read", True) or not low <= words <= high:
            raise SourceError(
                str(path),
                lines.get(where),
                f"dictation[{i + 1}]",
                f"the sentence has {words} words; a dictation sentence needs {low} to {high} "
                "words that are read aloud",
            )
    paragraph = [s for s in timings["sentences"] if s["paragraph"] == task.gaps.paragraph]
    if not paragraph:
        raise SourceError(
            str(path),
            lines.get(("gaps", "paragraph")),
            "gaps.paragraph",
            f"paragraph {task.gaps.paragraph} is not in the audio",
        )
    text = " ".join(s["text"] for s in paragraph)
    for i, word in enumerate(task.gaps.words):
        if not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            raise SourceError(
                str(path),
                lines.get(("gaps", "words", i)),
                f"gaps.words[{i + 1}]",
                f"{word!r} is not a word of paragraph {task.gaps.paragraph}",
            )
    return task, timings
