"""The shape of every lesson source, as pydantic models (one place to read what a file may hold).

Map of the module:

- ``Manifest`` / ``ManifestEntry``: ``lessons/lessons.yml``, the order and titles of lessons.
- ``ArticleMeta``: the front matter of ``lessons/<slug>/article.md``.
- ``LessonFile``: ``lessons/<slug>/lesson.yml`` (objectives, before you read, questions, ...).
- ``Item`` (a union over ``type``): one comprehension question.
- ``VocabRow``: one row of ``vocab/<slug>.csv``.

Cross-file rules (a glossary word must occur in its article, a quotation must stand in the
paragraph it names, ...) live in ``_sources.py``; this module only knows single files.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
Level = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
SLUG_PATTERN = r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# Parts of speech as a learner's dictionary gives them. "Idiom", "phrasal verb", "collocation"
# and "compound noun" are not parts of speech: they go at the start of the row's note.
POS = Literal["noun", "verb", "adjective", "adverb", "preposition", "conjunction", "exclamation"]
# What the note of a headword of more than one word must say it is (one of these words).
MULTIWORD_KINDS = ("idiom", "phrasal verb", "collocation", "compound", "phrase")
SKILLS = Literal[
    "literal",
    "inference",
    "vocabulary",
    "who-said",
    "sequence",
    "word-formation",
    "grammar",
    "media",
]
GAP = re.compile(r"\[([^\[\]]+)\]")


class Strict(BaseModel):
    """Unknown fields are errors: a misspelt field name must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


NonEmpty = Annotated[str, Field(min_length=1)]


class ManifestEntry(Strict):
    slug: Annotated[str, Field(pattern=SLUG_PATTERN)]
    title: NonEmpty
    kind: Literal["start", "article", "compare", "reporting", "review"]
    level: Level | None = None
    minutes: Annotated[int, Field(gt=0, le=600)]
    # Assessment mode (teacher guide, "Assessment"): no right or wrong until Finish.
    assessment: Annotated[bool, Field(strict=True)] = False

    @model_validator(mode="after")
    def _article_has_level(self) -> ManifestEntry:
        if self.kind == "article" and self.level is None:
            raise ValueError("an article lesson needs a level (A1 to C2)")
        return self


class LaunchLinks(Strict):
    """Where the lessons are published, for the launch links (``lessonkit links``)."""

    repository: NonEmpty
    branch: NonEmpty = "main"
    hub: NonEmpty | None = None

    @field_validator("repository")
    @classmethod
    def _github(cls, value: str) -> str:
        if not re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+/?", value):
            raise ValueError(
                f"{value!r} is not a GitHub repository address like https://github.com/OWNER/NAME"
            )
        return value

    @field_validator("hub")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
            raise ValueError(f"{value!r} is not a web address like https://hub.example.org")
        return value


class Manifest(Strict):
    lessons: Annotated[list[ManifestEntry], Field(min_length=1)]
    links: LaunchLinks | None = None


class OwnWord(Strict):
    word: NonEmpty
    pos: NonEmpty
    definition: NonEmpty


class ArticleMeta(Strict):
    title: NonEmpty
    outlet: NonEmpty
    byline: str | None = None
    date: Annotated[str, Field(pattern=DATE_PATTERN)]
    date_note: str | None = None
    note: str | None = None
    kind: Literal["news", "transcript"] = "news"
    source_file: NonEmpty
    url: str | None = None
    credits: list[str] = []
    words_in_this_story: list[OwnWord] = []


class Evidence(Strict):
    paragraph: Annotated[int, Field(ge=0)]  # 0 is the headline
    quote: NonEmpty
    # Only in lessons that use several articles: the slug of the article lesson quoted.
    lesson: str | None = None
    # Other paragraphs the prompt, explanation or feedback may point at ("paragraph N").
    also: list[Annotated[int, Field(ge=0)]] | None = None


class ItemBase(Strict):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    skill: SKILLS
    prompt: NonEmpty
    evidence: Evidence
    explanation: NonEmpty
    # ``draft: true``: made by ``lessonkit new`` and not yet checked by a teacher; ``lessonkit
    # check`` lists it and the notebook shows a "Draft" banner. None (not False) by default,
    # so finished questions carry no extra key into the lesson data.
    draft: bool | None = None
    # Word formation: the word family with the stressed syllable in capitals, shown after
    # checking, e.g. "DIplomat → diploMAtic → diPLOmacy".
    stress: str | None = None

    @field_validator("stress")
    @classmethod
    def _stress_marked(cls, value: str | None) -> str | None:
        if value is not None:
            for word in re.split(r"\s*→\s*|\s*->\s*", value):
                if not re.search(r"[A-Z]", word) or not re.search(r"[a-z]", word):
                    raise ValueError(
                        f"{word!r} needs its stressed syllable in capitals and the rest in small "
                        "letters, like diPLOmacy"
                    )
        return value


class Option(Strict):
    text: NonEmpty
    correct: bool = False
    feedback: str | None = None


class ChoiceItem(ItemBase):
    type: Literal["choice"]
    options: Annotated[list[Option], Field(min_length=2, max_length=6)]

    @model_validator(mode="after")
    def _one_correct(self) -> ChoiceItem:
        if sum(o.correct for o in self.options) != 1:
            raise ValueError("a choice question needs exactly one option with 'correct: true'")
        return self


class MultiItem(ItemBase):
    type: Literal["multi"]
    options: Annotated[list[Option], Field(min_length=3, max_length=8)]

    @model_validator(mode="after")
    def _several_correct(self) -> MultiItem:
        if sum(o.correct for o in self.options) < 2:
            raise ValueError("a multi question needs two or more options with 'correct: true'")
        return self


class TrueFalseItem(ItemBase):
    type: Literal["tfng"]
    answer: Literal["true", "false", "not given"]

    @field_validator("answer", mode="before")
    @classmethod
    def _yaml_bool(cls, answer: object) -> object:
        """``answer: true`` without quotes is YAML's true; it means the answer "true"."""
        if isinstance(answer, bool):
            return "true" if answer else "false"
        return answer


class GapItem(ItemBase):
    """``text`` marks each gap with brackets; ``|`` separates accepted answers: ``[three|3]``."""

    type: Literal["gap"]
    text: NonEmpty
    bank: bool = True
    distractors: list[str] = []
    inflect: bool = False

    @field_validator("text")
    @classmethod
    def _has_gap(cls, text: str) -> str:
        if not GAP.search(text):
            raise ValueError("the text needs at least one gap in square brackets, like [word]")
        return text


class Pair(Strict):
    left: NonEmpty
    right: NonEmpty


class MatchItem(ItemBase):
    type: Literal["match"]
    pairs: Annotated[list[Pair], Field(min_length=2, max_length=8)]


class OrderItem(ItemBase):
    type: Literal["order"]
    items: Annotated[list[NonEmpty], Field(min_length=3, max_length=8)]


class ShortItem(ItemBase):
    type: Literal["short"]
    accept: Annotated[list[NonEmpty], Field(min_length=1)]
    inflect: bool = False


Item = Annotated[
    ChoiceItem | MultiItem | TrueFalseItem | GapItem | MatchItem | OrderItem | ShortItem,
    Field(discriminator="type"),
]


class BeforeYouRead(Strict):
    # A personal warm-up: questions about the learner's own life and views (article lessons).
    warm_up: list[NonEmpty] = []
    prediction: NonEmpty
    key_words: list[str] = []


class SpeakingTask(Strict):
    """A speaking task beyond the discussion questions: steps, roles, useful language."""

    kind: Literal["role-play", "survey", "jigsaw", "retelling", "debate"]
    title: NonEmpty
    minutes: Annotated[int, Field(gt=0, le=120)]
    instructions: NonEmpty


class Fact(Strict):
    date: Annotated[str, Field(pattern=DATE_PATTERN)]
    text: NonEmpty
    source: NonEmpty


class WhatHappenedNext(Strict):
    """Dated facts after the article, each with its source, so discussion has context."""

    facts: Annotated[list[Fact], Field(min_length=1, max_length=6)]
    note: str | None = None


class LanguageFocus(Strict):
    title: NonEmpty
    text: NonEmpty
    questions: list[Item] = []


class LessonFile(Strict):
    objectives: Annotated[list[NonEmpty], Field(min_length=1)]
    before_you_read: BeforeYouRead
    questions: list[Item] = []
    language_focus: LanguageFocus | None = None
    discussion: list[NonEmpty] = []
    speaking: SpeakingTask | None = None
    what_happened_next: WhatHappenedNext | None = None
    key_points: Annotated[list[NonEmpty], Field(min_length=1)]
    teacher_notes: str | None = None
    # For teachers: how to handle the lesson's sensitive topics (shown in the answer key).
    sensitive_topics: str | None = None


OWN_EXAMPLE_MAX_WORDS = 15
LEARN_WORDS = (8, 12)  # how many words per lesson are marked to learn


class VocabRow(Strict):
    """One glossary entry, as a learner's dictionary has it.

    ``word`` is the headword in its base form (what flashcards show); ``form`` is how it
    stands in the article's ``example`` sentence; ``own_example`` is a short sentence of our
    own; ``learn`` is "yes" for the lesson's words to learn, empty for support words.
    """

    word: NonEmpty
    form: NonEmpty
    pos: POS
    definition: NonEmpty
    example: NonEmpty
    own_example: NonEmpty
    paragraph: Annotated[int, Field(ge=0)]  # 0 is the headline
    level: Level
    learn: Literal["yes", ""] = ""
    note: str = ""

    @field_validator("own_example")
    @classmethod
    def _short(cls, value: str) -> str:
        n = len(value.split())
        if n > OWN_EXAMPLE_MAX_WORDS:
            raise ValueError(
                f"has {n} words; an example of our own has at most {OWN_EXAMPLE_MAX_WORDS}"
            )
        return value


VOCAB_COLUMNS = tuple(VocabRow.model_fields)


# --- worksheets (lessons/<slug>/worksheet.yml) --------------------------------------------------

WORKSHEET_KINDS = Literal["gap-fill", "word-formation", "reported-speech", "ordering"]
# Which item types each worksheet section may hold.
WORKSHEET_TYPES = {
    "gap-fill": {"gap"},
    "word-formation": {"short", "gap"},
    "reported-speech": {"short"},
    "ordering": {"order"},
}


class WorksheetSection(Strict):
    kind: WORKSHEET_KINDS
    title: NonEmpty
    instructions: NonEmpty
    items: Annotated[list[Item], Field(min_length=1)]

    @model_validator(mode="after")
    def _types_fit(self) -> WorksheetSection:
        allowed = WORKSHEET_TYPES[self.kind]
        for item in self.items:
            if item.type not in allowed:
                raise ValueError(
                    f"a {self.kind} section takes {' or '.join(sorted(allowed))} items, "
                    f"not {item.type} (item {item.id})"
                )
        return self


class WritingTask(Strict):
    prompt: NonEmpty
    genre: Literal[
        "news report", "email", "letter", "opinion paragraph", "summary", "dialogue", "blog post"
    ]
    min_words: Annotated[int, Field(ge=10, le=1000)]
    max_words: Annotated[int, Field(ge=10, le=2000)]
    key_words: Annotated[list[NonEmpty], Field(min_length=1)]  # glossary headwords
    min_key_words: Annotated[int, Field(ge=1)]  # how many of key_words the prompt asks for
    min_reporting_verbs: Annotated[int, Field(ge=0, le=6)] = 0  # different verbs asked for
    model_answer: NonEmpty
    marking_notes: NonEmpty

    @model_validator(mode="after")
    def _range(self) -> WritingTask:
        if self.min_words > self.max_words:
            raise ValueError("min_words must not be more than max_words")
        if self.min_key_words > len(self.key_words):
            raise ValueError(
                f"min_key_words ({self.min_key_words}) is more than the {len(self.key_words)} "
                "key words"
            )
        return self


class Worksheet(Strict):
    title: NonEmpty
    instructions: NonEmpty
    sections: Annotated[list[WorksheetSection], Field(min_length=4)]
    writing: WritingTask

    @model_validator(mode="after")
    def _every_kind(self) -> Worksheet:
        missing = set(WORKSHEET_TYPES) - {s.kind for s in self.sections}
        if missing:
            raise ValueError(
                f"the worksheet needs a section of each kind; missing: {', '.join(sorted(missing))}"
            )
        return self


# --- lessons across articles (kinds compare and reporting) -------------------------------------


class TimelineEvent(Strict):
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
    event: NonEmpty
    lesson: NonEmpty  # the article lesson that tells it


class CrossLessonFile(Strict):
    """lesson.yml of a lesson built on all the articles (compare, reporting)."""

    objectives: Annotated[list[NonEmpty], Field(min_length=1)]
    introduction: NonEmpty
    timeline: list[TimelineEvent] = []
    sections: list[dict[str, str]] = []  # {title, text}: narrative between generated parts
    questions: Annotated[list[Item], Field(min_length=1)]
    discussion: list[NonEmpty] = []
    key_points: Annotated[list[NonEmpty], Field(min_length=1)]
    teacher_notes: str | None = None


# --- adapted texts (lessons/<slug>/adapted.yml) --------------------------------------------------


class AdaptedParagraph(Strict):
    """One paragraph of an adapted text and the original paragraphs it retells."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    sources: Annotated[list[Annotated[int, Field(ge=0)]], Field(alias="from", min_length=1)]
    text: NonEmpty


class Gloss(Strict):
    word: NonEmpty
    definition: NonEmpty


class AdaptedText(Strict):
    """The same story at a lower level, written for the project: held to a level profile
    (``_profile``), its quotations word for word from the paragraphs it names."""

    level: Level
    title: NonEmpty
    paragraphs: Annotated[list[AdaptedParagraph], Field(min_length=2)]
    glossary: list[Gloss] = []
    questions: Annotated[list[Item], Field(min_length=6, max_length=8)]

    @model_validator(mode="after")
    def _three_types(self) -> AdaptedText:
        kinds = {q.type for q in self.questions}
        if len(kinds) < 3:
            raise ValueError(
                f"the questions need at least three types; they have {', '.join(sorted(kinds))}"
            )
        return self


# --- listening tasks (lessons/<slug>/listening.yml) ----------------------------------------------


class SentenceRef(Strict):
    """One sentence of the article's audio: its paragraph (0 is the headline) and its index
    in the paragraph (from 0), as in ``data/audio/<slug>.json``."""

    paragraph: Annotated[int, Field(ge=0)]
    sentence: Annotated[int, Field(ge=0)]


class ListeningGaps(Strict):
    """A listening gap fill: the learner hears one paragraph and types the missing words."""

    paragraph: Annotated[int, Field(ge=1)]
    words: Annotated[list[NonEmpty], Field(min_length=2, max_length=4)]


class ListeningFile(Strict):
    """lessons/<slug>/listening.yml: a gist question for "listen first" (answered before the
    text is shown), the sentences of a dictation, and a listening gap fill. The audio and its
    sentence timings are made by ``make audio`` (``data/audio/<slug>.json``)."""

    gist: ChoiceItem
    dictation: Annotated[list[SentenceRef], Field(min_length=3, max_length=5)]
    gaps: ListeningGaps
