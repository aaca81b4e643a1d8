"""Build the generated files from the lesson sources, and check that they are fresh.

Map of the module:

- ``SECTIONS``: the lesson skeleton, an ordered list of small functions, each returning the
  cells of one part (navigation, title, attribution, objectives, before you read, article,
  ...). Each cell carries ``metadata.lessonkit.part`` so tests and later transforms find it.
- ``FINISHERS``: transforms over the whole notebook (collapse code inputs, kernel metadata).
- ``render(project, source)``: the unexecuted notebook of one lesson.
- ``inputs_hash(...)``: a fingerprint of everything a notebook's outputs depend on: its cells,
  its data file and the code that runs in the kernel.
- ``build(root)``: write ``data/<slug>.json`` and execute changed notebooks with nbclient.
- ``check(root)``: validate every source and list every generated file that is stale.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lessonkit.build.links import manifest_links
from lessonkit.build.schema import GAP as GAP_MARK
from lessonkit.build.sources import LessonSource, Project, load_project, read_text
from lessonkit.build.wordnet import load_definitions
from lessonkit.errors import SourceError
from lessonkit.learner.base import LEVEL_WORDS, attribution_text, format_date

NOTEBOOKS = Path("notebooks")
DATA = Path("data")
# The package. Only its top level and learner/ run in a learner's kernel, so only a change
# there can change outputs and make the notebooks stale (``runtime_code_hash``).
PACKAGE = Path(__file__).resolve().parent.parent  # src/lessonkit
EXECUTE_TIMEOUT = 300  # seconds per cell; generous for a slow shared machine
BUILD_FORMAT = 2  # bump to force every notebook to rebuild after a change to this module


# --- cells ------------------------------------------------------------------------------------


def md(part: str, text: str):
    import nbformat

    return nbformat.v4.new_markdown_cell(
        text.strip() + "\n", metadata={"lessonkit": {"part": part}}
    )


def code(part: str, text: str):
    import nbformat

    return nbformat.v4.new_code_cell(text.strip(), metadata={"lessonkit": {"part": part}})


def notebook_name(slug: str) -> str:
    return f"{slug}.ipynb"


def lesson_label(project: Project, slug: str) -> str:
    entries = project.manifest.lessons
    index = [e.slug for e in entries].index(slug)
    entry = entries[index]
    return entry.title if entry.kind == "start" else f"Lesson {index}: {entry.title}"


# --- the skeleton: one function per part ------------------------------------------------------


def navigation(project: Project, source: LessonSource) -> list:
    """Previous / contents / next, from the manifest; the same line at top and bottom."""
    slugs = [e.slug for e in project.manifest.lessons]
    i = slugs.index(source.entry.slug)
    links = []
    if i > 0:
        links.append(
            f"[← Previous: {lesson_label(project, slugs[i - 1])}]({notebook_name(slugs[i - 1])})"
        )
    links.append(f"[Contents]({notebook_name(slugs[0])}#Contents)")
    if i + 1 < len(slugs):
        links.append(
            f"[Next: {lesson_label(project, slugs[i + 1])} →]({notebook_name(slugs[i + 1])})"
        )
    return [md("navigation", " | ".join(links))]


def title(project: Project, source: LessonSource) -> list:
    entry = source.entry
    line = f"# {lesson_label(project, entry.slug)}"
    if entry.level:
        line += (
            f"\n\n**Level:** {entry.level} ({LEVEL_WORDS[entry.level]}) · "
            f"**Time:** about {entry.minutes} minutes"
        )
    return [md("title", line)]


def attribution_lines(article) -> list[tuple[str | None, str]]:
    """An article's full attribution as (label, text) lines; the first label is "Source", the
    last line (no label) says the text belongs to its publisher. The notebooks and the printed
    handouts both show it."""
    lines: list[tuple[str | None, str]] = [("Source", attribution_text(article.metadata()))]
    if article.date_note:
        lines.append(("About the date", article.date_note))
    if article.note:
        lines.append(("Note", article.note))
    lines += [("Credit", c) for c in article.credits]
    lines.append(
        (
            None,
            "The article belongs to its publisher. It is reproduced here, unchanged apart from "
            "removing web-page menus and captions, for non-commercial classroom use.",
        )
    )
    return lines


def attribution(project: Project, source: LessonSource) -> list:
    """Full attribution: the text belongs to its publisher (shown in every article lesson)."""
    lines = [
        text if label is None else (f"**{label}:** " if n == 0 else f"*{label}:* ") + text
        for n, (label, text) in enumerate(attribution_lines(source.article))
    ]
    return [md("attribution", "\n>\n".join(f"> {line}" for line in lines))]


def setup(project: Project, source: LessonSource) -> list:
    return [
        md(
            "setup-intro",
            "Run each grey cell in order (press **Shift + Enter**), or choose "
            "**Run → Run All Cells**. You do not need to read or change the code.",
        ),
        code(
            "setup",
            f'from lessonkit import open_lesson\n\nlesson = open_lesson("{source.entry.slug}")',
        ),
    ]


def objectives(project: Project, source: LessonSource) -> list:
    items = "\n".join(f"- {o}" for o in source.lesson.objectives)
    return [md("objectives", f"## Objectives\n\nIn this lesson:\n\n{items}")]


def before_you_read(project: Project, source: LessonSource) -> list:
    before = source.lesson.before_you_read
    warm_up = ""
    if before.warm_up:
        warm_up = "**Warm-up: about you.** Talk with a partner.\n\n" + "".join(
            f"- {q}\n" for q in before.warm_up
        )
        warm_up += "\n"
    cells = [
        md(
            "before-you-read",
            f"## Before you read\n\n{warm_up}"
            f"**Think:** {before.prediction}\n\nSay or write your answer before you read.",
        )
    ]
    if before.key_words:
        cells += [
            md("key-words-intro", "These words will help you. Read them now."),
            code("key-words", "lesson.key_words()"),
        ]
    return cells


def article(project: Project, source: LessonSource) -> list:
    cells = [
        md(
            "article-intro",
            "## The article\n\nRead the article. The numbers in "
            "[square brackets] are paragraph numbers: the questions use them.",
        )
    ]
    if source.article.kind == "transcript":
        cells[0] = md(
            "article-intro",
            cells[0].source + "\n\nThis is a **radio transcript**: "
            "the words people said on air, written down. Each paragraph starts with "
            "the name of the person who speaks.",
        )
    adapted = source.adapted
    if adapted:
        cells[0] = md(
            "article-intro",
            cells[0].source + f"\n\nThe story is here at two levels: the **original** and an "
            f"**easier text** ({adapted.level}) written for this course. Use the switch above "
            "the text. You can read the easier text first, then the original.",
        )
    cells.append(code("article", "lesson.article()"))
    cells += [
        md(
            "stats-intro",
            "### About this text\n\n"
            + (
                "How long is each version, and how hard are its words? "
                if adapted
                else "How long is the text, and how hard are its words? "
            )
            + "The levels (A1 to C2) are estimates for single words.",
        ),
        code("stats", "lesson.stats()"),
    ]
    if adapted:
        cells += [
            md(
                "easier-quiz-intro",
                f"### Questions on the easier text ({adapted.level})\n\nRead the **easier "
                "text**, then answer. These questions use the paragraph numbers of the easier "
                "text. They are saved apart from the questions on the original.",
            ),
            code("easier-quiz", "lesson.easier_quiz()"),
        ]
    return cells


def vocabulary(project: Project, source: LessonSource) -> list:
    return [
        md(
            "vocabulary",
            "## Vocabulary\n\n### Look up any word\n\nTap or click a key word, or type "
            "any word from the article and press **Look up**. You see its meaning, how to say "
            "it, its level and every place where it is in the article. Below, in a copy of the "
            "article, the key words are marked: tap or click a marked word (or press Enter on "
            "it) to see its meaning.",
        ),
        code("reader", "lesson.reader()"),
        md(
            "glossary-intro",
            "### Word list\n\nAll the key words of the lesson. You can show "
            "one part of speech, sort the list, and download it.",
        ),
        code("glossary", "lesson.glossary()"),
        md(
            "flashcards-intro",
            "### Flashcards\n\nLook at the word and think of its meaning. "
            "Tap the card (or press **Turn over**) to check. Then press **I knew it** or "
            "**Not yet**.",
        ),
        code("flashcards", "lesson.flashcards()"),
    ]


def comprehension(project: Project, source: LessonSource) -> list:
    questions = source.lesson.questions
    if not questions:
        return []
    return [
        md(
            "comprehension",
            "## Comprehension\n\nAnswer the questions. Press **Check** to "
            "see if you are right. If you are not sure, read the paragraph again and try "
            "again. Your first answer counts most. If you press **Show answer**, the question "
            "gets no point. Your answers are saved.",
        ),
        code("quiz", "lesson.quiz()"),
    ]


def language_focus(project: Project, source: LessonSource) -> list:
    focus = source.lesson.language_focus
    if not focus:
        return []
    cells = [md("language-focus", f"## Language focus: {focus.title}\n\n{focus.text}")]
    if focus.questions:
        cells += [
            md("focus-practice-intro", "### Practice"),
            code("focus-quiz", "lesson.focus_quiz()"),
        ]
    return cells


def discussion_of(questions: list[str]) -> list:
    if not questions:
        return []
    items = "\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1))
    return [
        md(
            "discussion",
            f"## Discussion\n\nTalk about these questions with a partner or your class.\n\n{items}",
        )
    ]


def discussion(project: Project, source: LessonSource) -> list:
    return discussion_of(source.lesson.discussion)


def what_happened_next(project: Project, source: LessonSource) -> list:
    """Dated facts after the article, each with its source: context for the discussion."""
    box = source.lesson.what_happened_next
    if box is None:
        return []
    facts = "\n".join(
        f"> - **{human_date(f.date)}:** {f.text} *(Source: {f.source})*" for f in box.facts
    )
    note = f"\n>\n> {box.note}" if box.note else ""
    return [
        md(
            "what-happened-next",
            f"## What happened next\n\n> The article is from "
            f"{human_date(source.article.date)}. Since then:\n>\n{facts}{note}",
        )
    ]


def speaking(project: Project, source: LessonSource) -> list:
    task = source.lesson.speaking
    if task is None:
        return []
    kind = task.kind.replace("-", " ")
    return [
        md(
            "speaking",
            f"## Speaking: {task.title}\n\n*A {kind} · about {task.minutes} minutes*"
            f"\n\n{task.instructions}",
        )
    ]


# English month names, whatever the machine's locale (calendar.month_name follows it).
MONTHS = "January February March April May June July August September October November December"


def human_date(date: str) -> str:
    """'2022-02-24' -> '24 February 2022'; '2022-02' -> 'February 2022'."""
    parts = date.split("-")
    month = MONTHS.split()[int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def your_results(project: Project, source: LessonSource) -> list:
    return [
        md(
            "results-intro",
            "## Your results\n\nPress **Show my score** to see your score for "
            "this lesson and the questions to look at again.",
        ),
        code("score", "lesson.score()"),
        md(
            "results-file-intro",
            "Does your teacher want your results? Type your name and "
            "class, press **Make my results file**, then download the file and send it to your "
            "teacher. The file has your answers from all the lessons.",
        ),
        code("results", "from lessonkit import results\n\nresults()"),
    ]


def key_points(project: Project, source: LessonSource) -> list:
    items = "\n".join(f"- {p}" for p in source.lesson.key_points)
    return [md("key-points", f"## Key points\n\n{items}")]


def draft_banner(project: Project, source: LessonSource) -> list:
    """A "Draft" note under the title while the lesson's sources hold generated drafts or
    TODO texts (``lessonkit new``). Finished lessons get no cell, so their notebooks stay."""
    from lessonkit.build.drafts import unfinished

    left = len(unfinished(project.root, [source.entry.slug]))
    if not left:
        return []
    return [
        md(
            "draft-banner",
            "> **⚠ Draft: this lesson is not finished.** A computer made parts of it from the "
            "article, and a teacher has not checked them yet. Some questions, answers and "
            f"word meanings may be wrong or missing ({left} parts to finish).",
        )
    ]


def listening(project: Project, source: LessonSource) -> list:
    """Listen first (the text hidden), a gist question, a dictation and a listening gap fill,
    when the lesson has ``lessons/<slug>/listening.yml`` (see ``listening_data``)."""
    if not (project.root / "lessons" / source.entry.slug / "listening.yml").exists():
        return []
    return [
        md(
            "listening",
            "## Listening\n\n### Listen first\n\nPress **▶ Play** and listen to the "
            "article. Do not read it yet. Choose a speed: **0.75×** is slower, **1×** is "
            "normal. Then answer the question. After that, press **Show the text** and "
            "listen again: the sentence you hear is **bold** and underlined. Press a "
            "sentence to hear it.",
        ),
        code("listening-player", "lesson.listening()"),
        code("listening-gist", "lesson.listening_gist()"),
        md(
            "dictation-intro",
            "### Dictation\n\nPress **▶ Play** and listen to the sentence. You can play it "
            "again. Write what you hear and press **Check**. You see which words are right, "
            "which are missing and which need another look.",
        ),
        code("dictation", "lesson.dictation()"),
        md(
            "listening-gaps-intro",
            "### Listen and fill the gaps\n\nListen to the paragraph and type the missing "
            "words. Then press **Check**.",
        ),
        code("listening-gaps", "lesson.listening_gaps()"),
    ]


ARTICLE_SECTIONS: list[Callable] = [
    navigation,
    title,
    draft_banner,
    attribution,
    setup,
    objectives,
    before_you_read,
    article,
    listening,
    vocabulary,
    comprehension,
    language_focus,
    what_happened_next,
    discussion,
    speaking,
    key_points,
    your_results,
    navigation,
]


def contents(project: Project) -> str:
    rows = ["| | Lesson | Level | Time | Source |", "|---|---|---|---|---|"]
    for i, source in enumerate(project.lessons):
        entry = source.entry
        if entry.kind == "start":
            continue
        where = ""
        if source.article is not None:
            meta = source.article
            where = f"{meta.outlet}, {format_date(meta.date)}"
        rows.append(
            f"| {i} | [{entry.title}]({notebook_name(entry.slug)}) | "
            f"{entry.level or ''} | {entry.minutes} min | {where} |"
        )
    return "\n".join(rows)


# Code a page may ask for with a ``<!-- cell: NAME -->`` line: the only code pages can hold.
PAGE_CELLS = {
    "practice": 'print("Well done! You ran a cell.")',
    "review": "from lessonkit import review\n\nreview()",
    "dashboard": 'from lessonkit import dashboard\n\ndashboard("../samples/class-results")',
}
PAGE_CELL = re.compile(r"^<!-- cell: ([a-z-]+) -->$", re.MULTILINE)


def page_cells(text: str, shown: str) -> list:
    """Markdown cells split at ``<!-- cell: NAME -->`` lines, with the named code between."""
    pieces = PAGE_CELL.split(text)
    cells = [md("page", pieces[0])] if pieces[0].strip() else []
    for name, after in zip(pieces[1::2], pieces[2::2], strict=True):
        if name not in PAGE_CELLS:
            line = text[: text.index(f"<!-- cell: {name} -->")].count("\n") + 1
            raise SourceError(
                shown,
                line,
                "cell",
                f"{name!r} is not a known cell; use one of {', '.join(sorted(PAGE_CELLS))}",
            )
        cells.append(code(name, PAGE_CELLS[name]))
        if after.strip():
            cells.append(md("page", after))
    return cells


def page(project: Project, source: LessonSource) -> list:
    """A page lesson (start, review): Markdown from ``page.md``, with generated contents."""
    shown = f"lessons/{source.entry.slug}/page.md"
    text = read_text(project.root / shown, shown=shown)
    text = text.replace("{{contents}}", contents(project))
    text = text.replace("{{links}}", manifest_links(project.manifest))
    return page_cells(text, shown)


PAGE_SECTIONS: list[Callable] = [navigation, page, navigation]


# --- lessons on all the articles (compare, reporting) -------------------------------------------

CHARTS = {
    "The four articles side by side": ["length", "sentence-length", "levels"],
    "Who is quoted": ["quoted"],
}
# Code that shows the generated part of each framed section (by the section's title).
CROSS_PARTS = {
    "The four articles side by side": "lesson.compare_table()",
    "Words only one article uses": "lesson.only_here()",
    "Who is quoted": "lesson.quoted_table()",
    "When it happened": "lesson.timeline()",
    "Headlines and audiences": "lesson.headlines()",
    "Reporting verbs in the four articles": "lesson.reporting_counts()",
    "Choosing a reporting verb": "lesson.reporting_examples()",
}


def chart_cell(project: Project, name: str):
    from lessonkit.build.compare import chart_alt_text

    source = next(s for s in project.lessons if s.entry.kind == "compare")
    data = _compare_cache(project, source)
    png = project.root / DATA / "charts" / f"{name}.png"
    if not png.exists():  # not drawn yet: the build draws it before it executes the lesson
        return md(f"chart-{name}", f"![{chart_alt_text(data, name)}](../data/charts/{name}.png)")
    # The picture travels inside the notebook (a cell attachment), so JupyterLab, Voila,
    # GitHub and nbviewer all show it, whatever address the page is served from.
    cell = md(f"chart-{name}", f"![{chart_alt_text(data, name)}](attachment:{name}.png)")
    cell["attachments"] = {
        f"{name}.png": {"image/png": base64.b64encode(png.read_bytes()).decode()}
    }
    return cell


def _compare_cache(project: Project, source: LessonSource) -> dict:
    if not hasattr(project, "_compare"):
        from lessonkit.build.compare import compare_data

        project._compare = compare_data(project)
    return project._compare


def cross_sections(project: Project, source: LessonSource) -> list:
    """A lesson on all four articles: framing texts from lesson.yml, generated parts between."""
    lesson, slug = source.cross, source.entry.slug
    objectives = "\n".join(f"- {o}" for o in lesson.objectives)
    cells = [
        md("objectives", f"## Objectives\n\nIn this lesson:\n\n{objectives}"),
        md("introduction", lesson.introduction),
        code("setup", f'from lessonkit import open_lesson\n\nlesson = open_lesson("{slug}")'),
    ]
    for n, section in enumerate(lesson.sections, 1):
        title = section.get("title", "")
        cells.append(md(f"section-{n}", f"## {title}\n\n{section.get('text', '')}"))
        if title in CROSS_PARTS:
            cells.append(code(f"section-{n}-part", CROSS_PARTS[title]))
        for chart in CHARTS.get(title, []):
            cells.append(chart_cell(project, chart))
    cells += [
        md(
            "comprehension",
            "## Questions\n\nAnswer the questions. Press **Check** to see if "
            "you are right. Each question names the article and the paragraph to look at.",
        ),
        code("quiz", "lesson.quiz()"),
    ]
    cells += discussion_of(lesson.discussion)
    cells.append(
        md("key-points", "## Key points\n\n" + "\n".join(f"- {p}" for p in lesson.key_points))
    )
    return cells


CROSS_SECTIONS: list[Callable] = [navigation, title, cross_sections, your_results, navigation]


# --- worksheets (exercises/) and answer keys (solutions/) -------------------------------------

EXERCISES = Path("exercises")
SOLUTIONS = Path("solutions")


def worksheet_name(slug: str) -> str:
    return f"{slug}-worksheet.ipynb"


def answers_name(slug: str) -> str:
    return f"{slug}-answers.ipynb"


def render_worksheet(project: Project, source: LessonSource) -> list:
    """A worksheet: one graded section per exercise kind, then the writing task."""
    sheet, slug = source.worksheet, source.entry.slug
    cells = [
        md(
            "title",
            f"# Worksheet: {lesson_label(project, slug)}\n\n"
            f"[Back to the lesson](../notebooks/{notebook_name(slug)})",
        ),
        attribution(project, source)[0],
        md(
            "instructions",
            f"{sheet.instructions}\n\nRun the lesson's cells first with "
            "**Run → Run All Cells**. Press **Check** after each answer.",
        ),
        code("setup", f'from lessonkit import open_lesson\n\nlesson = open_lesson("{slug}")'),
    ]
    for n, section in enumerate(sheet.sections, 1):
        cells += [
            md(f"section-{n}", f"## {n}. {section.title}\n\n{section.instructions}"),
            code(f"section-{n}-items", f"lesson.worksheet({n})"),
        ]
    w = sheet.writing
    cells += [
        md(
            "writing",
            f"## {len(sheet.sections) + 1}. Writing: {w.genre}\n\n{w.prompt}\n\n"
            + writing_checklist(w)
            + "\n\nPress **Check my text** to check the length and the words you used. "
            "Your teacher will read your ideas.",
        ),
        code("writing-box", "lesson.writing()"),
    ]
    return cells


def writing_checklist(task) -> str:
    """What the writing checker looks for, as the learner's checklist."""
    words = ", ".join(f"**{k}**" for k in task.key_words)
    some = (
        "all of these words"
        if task.min_key_words == len(task.key_words)
        else f"at least {NUMBER_WORDS.get(task.min_key_words, task.min_key_words)} of these words"
    )
    lines = [f"- Write {task.min_words} to {task.max_words} words.", f"- Use {some}: {words}."]
    if task.min_reporting_verbs:
        n = task.min_reporting_verbs
        verbs = "reporting verb" if n == 1 else "different reporting verbs"
        lines.append(f"- Use at least {NUMBER_WORDS.get(n, n)} {verbs} (said, told, warned, ...).")
    return "\n".join(lines)


NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _answer_lines(number: int, item, *, worksheet: bool = False) -> str:
    """One item of an answer key in Markdown: prompt, answer, explanation, evidence (for a
    worksheet item, whose sentence is new, the place the word stands in the article)."""
    from lessonkit.learner.quiz import reveal_text

    full = item.model_dump(exclude_none=True)
    if full["type"] == "gap":
        full = {
            **full,
            "text": GAP_MARK.sub("___", full["text"]),
            "blanks": [
                {"accept": [a.strip() for a in g.split("|")]} for g in GAP_MARK.findall(item.text)
            ],
        }
    where = (
        "the headline" if item.evidence.paragraph == 0 else f"paragraph {item.evidence.paragraph}"
    )
    text = f"{number}. {item.prompt}  \n"
    if full["type"] == "gap":
        text += f"   {full['text']}  \n"
    text += f"   **Answer:** {reveal_text(full)}  \n   *Why:* {item.explanation}"
    if item.stress:
        text += f"  \n   *Say it:* {item.stress}"
    if worksheet:
        return text + f"  \n   *In the article ({where}):* “{item.evidence.quote}”"
    return text + f" (*{where}:* “{item.evidence.quote}”)"


def render_answer_key(project: Project, source: LessonSource) -> list:
    """The teacher's answer key: every question, worksheet answer, model text and note."""
    slug, lesson = source.entry.slug, source.lesson
    cells = [
        md(
            "title",
            f"# Answer key: {lesson_label(project, slug)}\n\nFor teachers. "
            f"[The lesson](../notebooks/{notebook_name(slug)})"
            + (
                f" · [The worksheet](../exercises/{worksheet_name(slug)})"
                if source.worksheet
                else ""
            ),
        ),
        *draft_banner(project, source),
        code(
            "check-key",
            f'from lessonkit import open_lesson\n\nopen_lesson("{slug}").check_answer_key()',
        ),
    ]
    if lesson.teacher_notes:
        cells.append(md("teacher-notes", f"## Teacher notes\n\n{lesson.teacher_notes}"))
    if lesson.sensitive_topics:
        cells.append(md("sensitive-topics", f"## Sensitive topics\n\n{lesson.sensitive_topics}"))
    cells.append(
        md(
            "comprehension",
            "## Comprehension\n\n"
            + "\n".join(_answer_lines(n, q) for n, q in enumerate(lesson.questions, 1)),
        )
    )
    if lesson.language_focus and lesson.language_focus.questions:
        cells.append(
            md(
                "language-focus",
                "## Language focus: practice\n\n"
                + "\n".join(
                    _answer_lines(n, q) for n, q in enumerate(lesson.language_focus.questions, 1)
                ),
            )
        )
    if source.worksheet:
        for n, section in enumerate(source.worksheet.sections, 1):
            cells.append(
                md(
                    f"worksheet-{n}",
                    f"## Worksheet {n}: {section.title}\n\n"
                    + "\n".join(
                        _answer_lines(k, q, worksheet=True) for k, q in enumerate(section.items, 1)
                    ),
                )
            )
        w = source.worksheet.writing
        cells.append(
            md(
                "writing",
                f"## Worksheet: writing ({w.genre})\n\n**Task:** {w.prompt}\n\n"
                f"**Model answer** ({w.min_words} to {w.max_words} words):\n\n"
                f"> {w.model_answer}\n\n**Marking notes:** {w.marking_notes}",
            )
        )
    return cells


# --- whole-notebook transforms ----------------------------------------------------------------


def collapse_inputs(nb) -> None:
    """Learners see outputs, not code: inputs are collapsed (a click shows them)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["tags"] = ["hide-input"]


def kernel_metadata(nb) -> None:
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}


FINISHERS: list[Callable] = [collapse_inputs, kernel_metadata]


def notebook(cells: list, prefix: str, title: str):
    """A notebook of these cells, finished (inputs collapsed, kernel set, stable cell ids).

    ``title`` is the page title in Voila and nbconvert (``metadata.title``)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["title"] = title
    nb.cells.extend(cells)
    for finish in FINISHERS:
        finish(nb)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{prefix[:2]}-{i:02d}-{cell.metadata['lessonkit']['part']}"[:64]
    return nb


def render(project: Project, source: LessonSource):
    """The unexecuted notebook of one lesson: the skeleton's cells, then the finishers."""
    if source.article is not None:
        sections = ARTICLE_SECTIONS
    elif source.cross is not None:
        sections = CROSS_SECTIONS
    else:
        sections = PAGE_SECTIONS
    return notebook(
        [c for section in sections for c in section(project, source)],
        source.entry.slug,
        source.entry.title,
    )


DASHBOARD_PAGE = Path("lessons") / "class-dashboard.md"
SAMPLE_CLASS = Path("samples") / "class-results"


def dashboard_target(project: Project) -> tuple[Path, object, str] | None:
    """solutions/class-dashboard.ipynb from lessons/class-dashboard.md, with a fingerprint of
    what its outputs depend on: the sample class's files and the dashboard code."""
    page_path = project.root / DASHBOARD_PAGE
    if not page_path.exists():
        return None
    cells = page_cells(read_text(page_path, shown=str(DASHBOARD_PAGE)), str(DASHBOARD_PAGE))
    digest = hashlib.sha256((PACKAGE / "teacher" / "dashboard.py").read_bytes())
    for path in sorted((project.root / SAMPLE_CLASS).glob("*")):
        digest.update(path.name.encode() + path.read_bytes())
    nb = notebook(cells, "dashboard", "Class dashboard")
    return SOLUTIONS / "class-dashboard.ipynb", nb, digest.hexdigest()


def targets(project: Project, source: LessonSource) -> list[tuple[Path, object]]:
    """Every notebook made from one lesson: (path from the project root, unexecuted notebook)."""
    slug = source.entry.slug
    found = [(NOTEBOOKS / notebook_name(slug), render(project, source))]
    if source.worksheet is not None:
        found.append(
            (
                EXERCISES / worksheet_name(slug),
                notebook(
                    render_worksheet(project, source), slug, f"Worksheet: {source.entry.title}"
                ),
            )
        )
    if source.article is not None:
        found.append(
            (
                SOLUTIONS / answers_name(slug),
                notebook(
                    render_answer_key(project, source), slug, f"Answer key: {source.entry.title}"
                ),
            )
        )
    return found


# --- fingerprints, build and check ------------------------------------------------------------


def runtime_code_hash() -> str:
    """A fingerprint of the code a learner's kernel runs: the learner subpackage and the
    package's top level. The build and teacher subpackages never run in a lesson."""
    digest = hashlib.sha256(str(BUILD_FORMAT).encode())
    for path in [*sorted(PACKAGE.glob("*.py")), *sorted((PACKAGE / "learner").glob("*.py"))]:
        if path.name not in ("cli.py", "__main__.py"):
            digest.update(str(path.relative_to(PACKAGE)).encode() + path.read_bytes())
    return digest.hexdigest()


def inputs_hash(nb, data_text: str) -> str:
    cells = [
        {"source": c.source, "type": c.cell_type, "metadata": c.metadata}
        | ({"attachments": c.attachments} if "attachments" in c else {})
        for c in nb.cells
    ]
    digest = hashlib.sha256(json.dumps(cells, sort_keys=True).encode())
    digest.update(json.dumps(nb.metadata.get("title")).encode())
    digest.update(data_text.encode())
    digest.update(runtime_code_hash().encode())
    return digest.hexdigest()[:16]


def data_text(source: LessonSource, definitions: dict | None = None, project=None) -> str:
    from lessonkit.build.lessondata import lesson_data

    data = lesson_data(source, definitions, project)
    if project is not None and source.article is not None:
        listening = listening_data(project.root, source)
        if listening:
            data["listening"] = listening
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def draw_charts(root: Path, text: str) -> None:
    """The comparison charts do not depend on the learner: draw them at build time."""
    from lessonkit.build.compare import draw_charts as draw

    data = json.loads(text)
    if "compare" in data:
        draw(data["compare"], root / DATA / "charts")


def stored_hash(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)["metadata"]["lessonkit"]["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def strip_widget_views(nb) -> None:
    """Keep each widget's friendly text, drop its view (a random model id, useless unrun).

    JupyterLab 4 does not redraw saved widget state anyway; without a kernel, a reader sees
    the text ("Quiz: 12 questions. Run this cell to start.") and nbval compares that text.
    The cell's ``metadata.lessonkit.widget`` says that a widget stands in that place, for
    tools and tests that check where widgets appear (Voila).
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None):
                cell.metadata["lessonkit"]["widget"] = True


def execute(nb, folder: Path, name: str = "notebook") -> None:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    # A throw-away progress store: a build must not read or write anyone's real answers.
    with tempfile.TemporaryDirectory() as tmp:
        old = os.environ.get("LESSONKIT_PROGRESS")
        os.environ["LESSONKIT_PROGRESS"] = str(Path(tmp) / "progress.sqlite3")
        try:
            NotebookClient(
                nb,
                timeout=EXECUTE_TIMEOUT,
                kernel_name="python3",
                resources={"metadata": {"path": str(folder)}},
                record_timing=False,
                store_widget_state=False,
                allow_errors=False,
            ).execute()
        except CellExecutionError as error:
            from lessonkit.errors import LessonkitError

            failed = next(
                (
                    c
                    for c in nb.cells
                    if any(o.get("output_type") == "error" for o in c.get("outputs", []))
                ),
                None,
            )
            part = failed.metadata["lessonkit"]["part"] if failed else "?"
            raise LessonkitError(
                f"{name}: the cell '{part}' failed when run: {error.ename}: {error.evalue}"
            ) from None
        finally:
            if old is None:
                os.environ.pop("LESSONKIT_PROGRESS", None)
            else:
                os.environ["LESSONKIT_PROGRESS"] = old
    strip_widget_views(nb)
    nb.metadata.pop("widgets", None)


def write_notebook(
    root: Path, relative: Path, nb, fingerprint: str, slug: str, force: bool, log
) -> bool:
    """Execute and write one notebook unless its stored fingerprint matches. True if written."""
    import nbformat

    path = root / relative
    if not force and stored_hash(path) == fingerprint:
        return False
    log(f"Executing {relative} ...")
    started = time.perf_counter()
    path.parent.mkdir(exist_ok=True)
    execute(nb, path.parent, str(relative))
    nb.metadata["lessonkit"] = {"inputs": fingerprint, "slug": slug}
    nbformat.validate(nb)
    nbformat.write(nb, path)
    log(f"      done in {time.perf_counter() - started:.1f} s.")
    return True


def build(
    root: Path, lessons: list[str] | None = None, force: bool = False, log=print
) -> list[Path]:
    """Write data files and execute every notebook whose inputs changed. Returns those built."""
    root = Path(root)
    project = load_project(root)
    chosen = [s for s in project.lessons if not lessons or s.entry.slug in lessons]
    unknown = set(lessons or []) - {s.entry.slug for s in project.lessons}
    if unknown:
        from lessonkit.errors import LessonkitError

        raise LessonkitError(f"There is no lesson {sorted(unknown)[0]!r} in lessons/lessons.yml.")
    built = []
    defs = load_definitions(root)
    (root / DATA).mkdir(exist_ok=True)
    (root / NOTEBOOKS).mkdir(exist_ok=True)
    for n, source in enumerate(chosen, 1):
        slug = source.entry.slug
        text = data_text(source, defs, project)
        data_path = root / DATA / f"{slug}.json"
        if not data_path.exists() or data_path.read_text(encoding="utf-8") != text:
            data_path.write_text(text, encoding="utf-8")
            draw_charts(root, text)
        for relative, nb in targets(project, source):
            if write_notebook(root, relative, nb, inputs_hash(nb, text), slug, force, log):
                built.append(root / relative)
            else:
                log(f"[{n}/{len(chosen)}] {relative} is up to date.")
    extra = dashboard_target(project) if not lessons else None
    if extra is not None:
        relative, nb, fingerprint_text = extra
        fingerprint = inputs_hash(nb, fingerprint_text)
        if write_notebook(root, relative, nb, fingerprint, "class-dashboard", force, log):
            built.append(root / relative)
    sys.stdout.flush()
    return built


def check(root: Path) -> list[str]:
    """Validate every source (raises SourceError) and list stale or missing generated files."""
    root = Path(root)
    project = load_project(root)
    problems = []
    expected: set[Path] = set()
    defs = load_definitions(root)
    for source in project.lessons:
        slug = source.entry.slug
        text = data_text(source, defs, project)
        data_path = root / DATA / f"{slug}.json"
        if not data_path.exists():
            problems.append(f"{DATA / (slug + '.json')} is missing.")
        elif data_path.read_text(encoding="utf-8") != text:
            problems.append(f"{DATA / (slug + '.json')} is stale: its sources have changed.")
        for nb_path, nb in targets(project, source):
            expected.add(nb_path)
            stored = stored_hash(root / nb_path)
            if stored is None:
                problems.append(f"{nb_path} is missing or was not made by 'lessonkit build'.")
            elif stored != inputs_hash(nb, text):
                changed = ", ".join(str(f) for f in source.files) or "lessons/lessons.yml"
                problems.append(
                    f"{nb_path} is stale: rebuild it after changes to {changed} "
                    "(or to the lesson list or the lessonkit code)."
                )
    extra_target = dashboard_target(project)
    if extra_target is not None:
        relative, nb, fingerprint_text = extra_target
        expected.add(relative)
        if stored_hash(root / relative) != inputs_hash(nb, fingerprint_text):
            problems.append(
                f"{relative} is stale or missing: rebuild it after changes to "
                f"{DASHBOARD_PAGE}, {SAMPLE_CLASS}/ or the dashboard code."
            )
    for folder in (NOTEBOOKS, EXERCISES, SOLUTIONS):
        for extra in sorted((root / folder).glob("*.ipynb")):
            if folder / extra.name not in expected:
                problems.append(
                    f"{folder / extra.name} is not made from any lesson in lessons/lessons.yml; "
                    "delete it or add its lesson."
                )
    return problems


# --- listening tasks --------------------------------------------------------------------------


def listening_data(root: Path, source: LessonSource) -> dict | None:
    """The listening tasks of an article lesson as the kernel uses them, made from
    ``lessons/<slug>/listening.yml`` and the audio timings (``data/audio/<slug>.json``): the
    gist question, each dictation sentence with its text and times, and a gap fill of one
    paragraph (its words in ``gaps.words`` blanked, each accepted as heard)."""
    import re

    from lessonkit.build.lessondata import runtime_item
    from lessonkit.build.sources import load_listening

    loaded = load_listening(root, source)
    if loaded is None:
        return None
    task, timings = loaded
    slug = source.entry.slug
    by_place = {(s["paragraph"], s["sentence"]): s for s in timings["sentences"]}
    dictation = []
    for n, ref in enumerate(task.dictation, 1):
        found = by_place[(ref.paragraph, ref.sentence)]
        dictation.append(
            {
                "id": f"dictation-{n}",
                "paragraph": ref.paragraph,
                "sentence": ref.sentence,
                "start": found["start"],
                "end": found["end"],
                "text": found["text"],
            }
        )
    paragraph = [s for s in timings["sentences"] if s["paragraph"] == task.gaps.paragraph]
    text = " ".join(s["text"] for s in paragraph)
    # The blanks in the order they stand in the paragraph, whatever the order in the file.
    found = sorted(
        (re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text).start(), word)
        for word in task.gaps.words
    )
    words = [word for _, word in found]
    for word in words:
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", "___", text, count=1)
    gaps = {
        "id": "listening-gaps",
        "type": "gap",
        "prompt": f"Listen to paragraph {task.gaps.paragraph} and type the missing words.",
        "text": text,
        "blanks": [{"accept": [word]} for word in words],
        "paragraph": task.gaps.paragraph,
        "start": paragraph[0]["start"],
        "end": paragraph[-1]["end"],
    }
    return {
        "audio": f"audio/{slug}.mp3",
        "gist": runtime_item(task.gist, slug),
        "dictation": dictation,
        "gaps": gaps,
    }
