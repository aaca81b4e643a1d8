"""Printable lessons: a student handout and a teacher copy of each article lesson, as PDF.

Map of the module:

- ``student_html(project, source)``: the handout (attribution, before you read, the article with
  numbered paragraphs, the glossary, every question laid out for paper, the worksheet, the
  writing task, speaking, what happened next, and the easier text as an appendix). No answers.
- ``teacher_html(project, source)``: the same header, then teacher notes, the sensitive-topics
  note and the answer key (answer, explanation, evidence of every question; the worksheet's
  answers; the model answer and marking notes).
- ``html_to_pdf(pages, paper)``: HTML to PDF with Debian's Chromium, driven by Playwright.
- ``print_lessons(root, outdir, lessons, paper)``: what ``lessonkit print`` does.

Paper order is fixed and seeded by the item id, the same in both copies, so the letters and
numbers in the teacher copy are the ones on the student's page (the right option is not
always A, the events of an ordering question are not already in order). Nothing is loaded
from outside: the CSS is inline and the fonts are the system's. Teacher side: never imported
by a learner's kernel.
"""

from __future__ import annotations

import html
import importlib
import random
from pathlib import Path

from lessonkit.build.schema import GAP
from lessonkit.build.sources import LessonSource, Project
from lessonkit.errors import LessonkitError

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAPERS = {"a4": "A4", "letter": "Letter"}
BOX = "☐"
LEARN = "★"
LETTERS = "ABCDEFGHIJ"

CSS = """
@page { margin: 16mm 16mm 20mm 16mm; }
html { font-family: "Liberation Serif", "DejaVu Serif", serif; font-size: 12pt;
  line-height: 1.35; color: #000; }
body { margin: 0; }
h1, h2, h3, h4 { font-family: "Liberation Sans", "DejaVu Sans", sans-serif;
  break-after: avoid; page-break-after: avoid; }
h1 { font-size: 19pt; margin: 0 0 4pt; }
h2 { font-size: 15pt; margin: 16pt 0 6pt; border-bottom: 1.5pt solid #000; padding-bottom: 2pt; }
h3 { font-size: 12.5pt; margin: 12pt 0 4pt; }
p { margin: 0 0 6pt; }
.level { font-size: 11pt; margin-bottom: 6pt; }
.copy { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 11pt;
  font-weight: bold; text-transform: uppercase; letter-spacing: 0.5pt; }
.name { margin: 8pt 0; font-size: 11pt; }
.source { border: 1pt solid #000; padding: 6pt 8pt; margin: 6pt 0 10pt; font-size: 11pt; }
.source p { margin: 0 0 3pt; }
.box { font-family: "DejaVu Sans", sans-serif; font-size: 12pt; }
.para { display: flex; gap: 8pt; margin: 0 0 6pt; }
.para .n { font-family: "Liberation Sans", sans-serif; font-weight: bold; min-width: 20pt;
  text-align: right; }
.para .speaker { font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; }
th, td { border: 0.75pt solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { font-family: "Liberation Sans", sans-serif; }
tr { break-inside: avoid; page-break-inside: avoid; }
.q { break-inside: avoid; page-break-inside: avoid; margin: 0 0 10pt; }
.q .prompt { margin: 0 0 3pt; }
.q .num { font-weight: bold; }
.options { list-style: none; margin: 0 0 0 18pt; padding: 0; }
.options li { margin: 0 0 2pt; }
.tfng { margin-left: 18pt; }
.tfng > span { margin-right: 18pt; }
.bank { border: 1pt solid #000; padding: 3pt 6pt; margin: 2pt 0 4pt 18pt; display: inline-block; }
.gaptext { margin-left: 18pt; }
.blank { display: inline-block; min-width: 90pt; border-bottom: 0.75pt solid #000; }
.line { border-bottom: 0.75pt solid #000; height: 20pt; margin-left: 18pt; }
.columns { display: flex; gap: 16pt; margin-left: 18pt; }
.columns ol { margin: 0; padding-left: 0; list-style: none; flex: 1; }
.columns li { margin: 0 0 3pt; }
.note { font-size: 11pt; }
.key { margin-left: 18pt; }
.key p { margin: 0 0 2pt; }
.legend { font-size: 11pt; }
.checklist li { list-style: none; }
.appendix { break-before: page; page-break-before: always; }
blockquote { margin: 4pt 0 6pt 12pt; padding-left: 8pt; border-left: 2pt solid #000; }
"""


# --- small helpers ---------------------------------------------------------------------------


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def markdown(text: str) -> str:
    """A lesson's Markdown (bold, lists, paragraphs) as HTML; raw HTML in it stays text.
    (mistune comes with nbconvert, which Voila needs.)"""
    mistune = importlib.import_module("mistune")  # comes with nbconvert (Voila's)
    return mistune.create_markdown(escape=True)(text)


def inline(text: str) -> str:
    """Markdown for one line (a prompt, an option): no paragraph around it."""
    out = markdown(text).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def box(text: str = "") -> str:
    return f'<span class="box">{BOX}</span>' + (f" {text}" if text else "")


def lines(n: int) -> str:
    return '<div class="line"></div>' * n


def paper_order(values: list, seed: str) -> list[int]:
    """Indices of ``values`` in a fixed shuffled order (seeded), never the source order when
    there are two or more (the source lists the right answer first, or events in order)."""
    order = list(range(len(values)))
    if len(order) < 2:
        return order
    rng = random.Random(f"paper:{seed}")
    while order == sorted(order):
        rng.shuffle(order)
    return order


def accepted(alternatives: str) -> list[str]:
    return [a.strip() for a in alternatives.split("|")]


def where(paragraph: int) -> str:
    return "the headline" if paragraph == 0 else f"paragraph {paragraph}"


def match_rights(item) -> list[str]:
    """The right-hand column of a matching question, in paper order (each text once)."""
    rights = list(dict.fromkeys(p.right for p in item.pairs))
    return [rights[i] for i in paper_order(rights, item.id)]


def gap_bank(item) -> list[str]:
    """The word bank: every first accepted answer and the distractors, in alphabetical order."""
    words = [accepted(g)[0] for g in GAP.findall(item.text)] + list(item.distractors)
    return sorted(dict.fromkeys(words), key=str.lower)


# --- the header both copies share --------------------------------------------------------------


def header(project: Project, source: LessonSource, copy: str) -> str:
    from lessonkit.build.pipeline import attribution_lines, lesson_label
    from lessonkit.learner.base import LEVEL_WORDS

    entry, article = source.entry, source.article
    parts = [
        f'<p class="copy">{esc(copy)}</p>',
        f"<h1>{esc(lesson_label(project, entry.slug))}</h1>",
        f'<p class="level"><b>Level:</b> {esc(entry.level)} ({esc(LEVEL_WORDS[entry.level])})'
        f" · <b>Time:</b> about {entry.minutes} minutes</p>",
    ]
    source_lines = [
        esc(text)
        if label is None
        else (f"<b>{label}:</b> " if n == 0 else f"<i>{label}:</i> ") + esc(text)
        for n, (label, text) in enumerate(attribution_lines(article))
    ]
    parts.append('<div class="source">' + "".join(f"<p>{s}</p>" for s in source_lines) + "</div>")
    return "\n".join(parts)


def document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


# --- the student handout --------------------------------------------------------------------------


def student_item(number: int, item) -> str:
    """One question for paper, with room to answer and no answer."""
    prompt = f'<p class="prompt"><span class="num">{number}.</span> {inline(item.prompt)}'
    kind = item.type
    if kind == "choice":
        body = prompt + " <i>(Tick one box.)</i></p>"
    elif kind == "multi":
        body = prompt + " <i>(Tick every right answer.)</i></p>"
    elif kind == "tfng":
        body = prompt + " <i>(True, false or not given?)</i></p>"
    else:
        body = prompt + "</p>"
    if kind in ("choice", "multi"):
        order = paper_order(item.options, item.id)
        body += '<ul class="options">' + "".join(
            f"<li>{box()} {LETTERS[k]}. {inline(item.options[i].text)}</li>"
            for k, i in enumerate(order)
        )
        body += "</ul>"
    elif kind == "tfng":
        body += (
            '<p class="tfng">'
            + "".join(f"<span>{box(label)}</span>" for label in ("True", "False", "Not given"))
            + "</p>"
        )
    elif kind == "gap":
        if item.bank:
            body += '<p class="bank"><b>Word bank:</b> ' + " · ".join(
                esc(w) for w in gap_bank(item)
            )
            body += "</p>"
        counter = iter(range(1, 100))
        text = GAP.sub(lambda _: f'<span class="blank">({next(counter)})</span>', esc(item.text))
        body += f'<p class="gaptext">{text}</p>'
    elif kind == "match":
        lefts = "".join(
            f"<li>{k}. {inline(p.left)} {box()}</li>" for k, p in enumerate(item.pairs, 1)
        )
        rights = "".join(
            f"<li>{LETTERS[k]}. {inline(r)}</li>" for k, r in enumerate(match_rights(item))
        )
        body += (
            '<p class="note tfng"><i>Write a letter in each box.</i></p>'
            f'<div class="columns"><ol>{lefts}</ol><ol>{rights}</ol></div>'
        )
    elif kind == "order":
        order = paper_order(item.items, item.id)
        body += (
            f'<p class="note tfng"><i>Write 1 to {len(order)} in the boxes '
            "(1 = first).</i></p>"
            '<ul class="options">'
            + "".join(f"<li>{box()} {inline(item.items[i])}</li>" for i in order)
            + "</ul>"
        )
    elif kind == "short":
        body += lines(2)
    return f'<div class="q">{body}</div>'


def student_items(items: list) -> str:
    return "\n".join(student_item(n, q) for n, q in enumerate(items, 1))


def article_html(article) -> str:
    out, n = [], 0
    for block in article.blocks:
        if block.kind == "heading":
            out.append(f"<h3>{esc(block.text)}</h3>")
            continue
        n += 1
        speaker = f'<span class="speaker">{esc(block.speaker)}:</span> ' if block.speaker else ""
        out.append(
            f'<div class="para"><span class="n">{n}</span>'
            f"<div>{speaker}{esc(block.text)}</div></div>"
        )
    return "\n".join(out)


def glossary_html(source: LessonSource) -> str:
    rows = []
    for row in source.vocab:
        mark = f"<br><b>{LEARN} learn</b>" if row.learn == "yes" else ""
        rows.append(
            f"<tr><td><b>{esc(row.word)}</b>{mark}</td><td>{esc(row.pos)}</td>"
            f"<td>{esc(row.definition)}</td><td>{esc(row.own_example)}</td></tr>"
        )
    return (
        "<h2>Glossary</h2>"
        f'<p class="legend"><b>{LEARN} learn</b> marks the words to learn in this lesson; the '
        "others help you read the article.</p>"
        "<table><thead><tr><th>Word</th><th>Part of speech</th><th>Meaning</th>"
        "<th>Example</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def writing_html(task) -> str:
    from lessonkit.build.pipeline import writing_checklist

    checklist = "".join(
        f"<li>{box()} {inline(line.removeprefix('- '))}</li>"
        for line in writing_checklist(task).splitlines()
    )
    return (
        f"<h3>Writing: {esc(task.genre)}</h3>{markdown(task.prompt)}"
        f'<p><b>Checklist</b></p><ul class="options checklist">{checklist}</ul>' + lines(12)
    )


def student_html(project: Project, source: LessonSource) -> str:
    """The student handout of an article lesson: everything to do, no answers."""
    from lessonkit.build.pipeline import human_date, lesson_label

    lesson, article = source.lesson, source.article
    parts = [
        header(project, source, "Student handout"),
        '<p class="name">Name: ______________________ Class: __________ Date: ______________</p>',
        "<h2>Objectives</h2><ul>" + "".join(f"<li>{esc(o)}</li>" for o in lesson.objectives),
        "</ul>",
    ]
    before = lesson.before_you_read
    parts.append("<h2>Before you read</h2>")
    if before.warm_up:
        parts.append("<p><b>Warm-up: about you.</b> Talk with a partner.</p><ul>")
        parts += [f"<li>{inline(q)}</li>" for q in before.warm_up]
        parts.append("</ul>")
    parts.append(
        f'<div class="q"><p><b>Think:</b> {inline(before.prediction)}</p>'
        f"<p>Write your answer before you read.</p>{lines(2)}</div>"
    )
    if before.key_words:
        parts.append(
            "<p><b>Key words</b> (see the glossary): "
            + ", ".join(esc(w) for w in before.key_words)
            + "</p>"
        )
    intro = (
        "Read the article. The numbers are paragraph numbers: the questions use them. "
        "Paragraph 0 is the headline."
    )
    if article.kind == "transcript":
        intro += (
            " This is a <b>radio transcript</b>: the words people said on air, written down. "
            "Each paragraph starts with the name of the person who speaks."
        )
    if source.adapted:
        intro += (
            f" An <b>easier text</b> ({esc(source.adapted.level)}) of the same story, written "
            "for this course, is in the appendix at the end: you can read it first."
        )
    parts += [
        "<h2>The article</h2>",
        f"<p>{intro}</p>",
        f'<div class="para"><span class="n">0</span><div><b>{esc(article.title)}</b></div></div>',
        article_html(article),
        glossary_html(source),
    ]
    if lesson.questions:
        parts += [
            "<h2>Comprehension</h2><p>Answer the questions. Read the paragraph again if you "
            "are not sure.</p>",
            student_items(lesson.questions),
        ]
    focus = lesson.language_focus
    if focus:
        parts += [f"<h2>Language focus: {esc(focus.title)}</h2>", markdown(focus.text)]
        if focus.questions:
            parts += ["<h3>Practice</h3>", student_items(focus.questions)]
    sheet = source.worksheet
    if sheet:
        parts += [f"<h2>{esc(sheet.title)}</h2>", markdown(sheet.instructions)]
        for n, section in enumerate(sheet.sections, 1):
            parts += [
                f"<h3>{n}. {esc(section.title)}</h3>",
                markdown(section.instructions),
                student_items(section.items),
            ]
        parts.append(writing_html(sheet.writing))
    if lesson.speaking:
        task = lesson.speaking
        parts += [
            f"<h2>Speaking: {esc(task.title)}</h2>",
            f"<p><i>A {esc(task.kind.replace('-', ' '))} · about {task.minutes} minutes</i></p>",
            markdown(task.instructions),
        ]
    if lesson.discussion:
        parts.append("<h2>Discussion</h2><p>Talk about these questions with a partner.</p><ol>")
        parts += [f"<li>{inline(q)}</li>" for q in lesson.discussion]
        parts.append("</ol>")
    box_ = lesson.what_happened_next
    if box_:
        parts += [
            "<h2>What happened next</h2>",
            f"<p>The article is from {esc(human_date(article.date))}. Since then:</p><ul>",
            *(
                f"<li><b>{esc(human_date(f.date))}:</b> {inline(f.text)} "
                f"<i>(Source: {esc(f.source)})</i></li>"
                for f in box_.facts
            ),
            "</ul>",
            markdown(box_.note) if box_.note else "",
        ]
    parts.append("<h2>Key points</h2><ul>")
    parts += [f"<li>{inline(p)}</li>" for p in lesson.key_points]
    parts.append("</ul>")
    adapted = source.adapted
    if adapted:
        parts += [
            '<section class="appendix">',
            f"<h2>Appendix: the easier text ({esc(adapted.level)})</h2>",
            "<p>The same story, retold for this course in easier English. Its paragraph "
            "numbers are its own, not those of the article.</p>",
            f'<div class="para"><span class="n">0</span><div><b>{esc(adapted.title)}</b>'
            "</div></div>",
            "\n".join(
                f'<div class="para"><span class="n">{n}</span><div>{esc(p.text)}</div></div>'
                for n, p in enumerate(adapted.paragraphs, 1)
            ),
        ]
        if adapted.glossary:
            parts.append("<h3>Words</h3><ul>")
            parts += [
                f"<li><b>{esc(g.word)}</b>: {esc(g.definition)}</li>" for g in adapted.glossary
            ]
            parts.append("</ul>")
        parts += [
            "<h3>Questions on the easier text</h3>",
            student_items(adapted.questions),
            "</section>",
        ]
    return document(lesson_label(project, source.entry.slug), "\n".join(parts))


# --- the teacher copy ----------------------------------------------------------------------------


def answer_text(item) -> str:
    """The key of one item as HTML, with the letters and numbers of the student's page."""
    kind = item.type
    if kind in ("choice", "multi"):
        order = paper_order(item.options, item.id)
        right = [
            f"{LETTERS[k]}. {inline(item.options[i].text)}"
            for k, i in enumerate(order)
            if item.options[i].correct
        ]
        return " and ".join(right)
    if kind == "tfng":
        return {"true": "True", "false": "False", "not given": "Not given"}[item.answer]
    if kind == "short":
        text = esc(item.accept[0])
        if len(item.accept) > 1:
            text += " <i>(also accepted: " + "; ".join(esc(a) for a in item.accept[1:]) + ")</i>"
        return text
    if kind == "gap":
        gaps = GAP.findall(item.text)
        answers = [
            f"({n}) " + " / ".join(esc(a) for a in accepted(g)) for n, g in enumerate(gaps, 1)
        ]
        full = GAP.sub(lambda m: f"<b>{esc(accepted(m.group(1))[0])}</b>", esc(item.text))
        return "; ".join(answers) + f"<br>{full}"
    if kind == "match":
        rights = match_rights(item)
        return "; ".join(
            f"{k}&nbsp;→&nbsp;{LETTERS[rights.index(p.right)]} "
            f"({inline(p.left)} → {inline(p.right)})"
            for k, p in enumerate(item.pairs, 1)
        )
    if kind == "order":
        order = paper_order(item.items, item.id)
        boxes = ", ".join(str(i + 1) for i in order)
        return (
            " → ".join(inline(e) for e in item.items)
            + f"<br><i>The boxes, top to bottom:</i> {boxes}"
        )
    return ""


def teacher_item(number: int, item, *, worksheet: bool = False) -> str:
    prompt = f'<p class="prompt"><span class="num">{number}.</span> {inline(item.prompt)}</p>'
    if item.type == "gap":
        counter = iter(range(1, 100))
        prompt += (
            '<p class="gaptext">'
            + GAP.sub(lambda _: f"({next(counter)}) ______", esc(item.text))
            + "</p>"
        )
    place = where(item.evidence.paragraph)
    evidence = (
        f"<i>In the article, {place}:</i> “{esc(item.evidence.quote)}”"
        if worksheet
        else f"<i>Evidence ({place}):</i> “{esc(item.evidence.quote)}”"
    )
    key = [
        f"<p><b>Answer:</b> {answer_text(item)}</p>",
        f"<p><i>Why:</i> {inline(item.explanation)}</p>",
    ]
    if item.stress:
        key.append(f"<p><i>Say it:</i> {esc(item.stress)}</p>")
    key.append(f"<p>{evidence}</p>")
    return f'<div class="q">{prompt}<div class="key">{"".join(key)}</div></div>'


def teacher_items(items: list, *, worksheet: bool = False) -> str:
    return "\n".join(teacher_item(n, q, worksheet=worksheet) for n, q in enumerate(items, 1))


def teacher_html(project: Project, source: LessonSource) -> str:
    """The teacher copy: the header, notes, and the key to everything on the handout."""
    from lessonkit.build.pipeline import lesson_label

    lesson = source.lesson
    parts = [
        header(project, source, "Teacher copy: answer key"),
        "<p>The letters and numbers below are those of the student handout.</p>",
    ]
    if lesson.teacher_notes:
        parts += ["<h2>Teacher notes</h2>", markdown(lesson.teacher_notes)]
    if lesson.sensitive_topics:
        parts += ["<h2>Sensitive topics</h2>", markdown(lesson.sensitive_topics)]
    if lesson.questions:
        parts += ["<h2>Comprehension</h2>", teacher_items(lesson.questions)]
    focus = lesson.language_focus
    if focus and focus.questions:
        parts += [
            f"<h2>Language focus: {esc(focus.title)} (practice)</h2>",
            teacher_items(focus.questions),
        ]
    sheet = source.worksheet
    if sheet:
        for n, section in enumerate(sheet.sections, 1):
            parts += [
                f"<h2>Worksheet {n}: {esc(section.title)}</h2>",
                teacher_items(section.items, worksheet=True),
            ]
        w = sheet.writing
        parts += [
            f"<h2>Worksheet: writing ({esc(w.genre)})</h2>",
            f"<p><b>Task:</b></p>{markdown(w.prompt)}",
            f"<p><b>Model answer</b> ({w.min_words} to {w.max_words} words):</p>",
            f"<blockquote>{markdown(w.model_answer)}</blockquote>",
            f"<p><b>Marking notes:</b></p>{markdown(w.marking_notes)}",
        ]
    adapted = source.adapted
    if adapted:
        parts += [
            f"<h2>Appendix: questions on the easier text ({esc(adapted.level)})</h2>",
            "<p>The paragraph numbers are those of the easier text.</p>",
            teacher_items(adapted.questions),
        ]
    title = lesson_label(project, source.entry.slug)
    return document(f"Answer key: {title}", "\n".join(parts))


# --- PDF ---------------------------------------------------------------------------------------


def footer(title: str) -> str:
    return (
        "<div style=\"font-family: 'Liberation Sans', sans-serif; font-size: 9pt; width: 100%;"
        ' margin: 0 16mm; display: flex; justify-content: space-between;">'
        f"<span>{esc(title)}</span>"
        '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
        "</div>"
    )


def html_to_pdf(pages: list[tuple[str, Path, str]], paper: str = "a4") -> None:
    """Each (html, pdf path, footer title) printed to PDF by Debian's Chromium, one browser
    for all. Chromium and its page load nothing from outside (the HTML is self-contained)."""
    if paper not in PAPERS:
        raise LessonkitError(f"{paper!r} is not a paper size; use a4 or letter.")
    if not CHROMIUM.exists():
        raise LessonkitError(
            f"Printing needs Chromium at {CHROMIUM}; install Debian's chromium package "
            "(sudo apt-get install chromium)."
        )
    try:  # optional, teacher time: pip install 'lessonkit[teacher]'
        sync_api = importlib.import_module("playwright.sync_api")
        Error, sync_playwright = sync_api.Error, sync_api.sync_playwright
    except ImportError:
        raise LessonkitError(
            "Printing needs the playwright Python package; install it with "
            "'.venv/bin/pip install playwright' (its own browsers are not needed)."
        ) from None
    # Playwright's sync API refuses to run where an asyncio loop runs (a Jupyter kernel, a
    # test session with a browser open): print in a thread of our own, which has none.
    from concurrent.futures import ThreadPoolExecutor

    def print_all() -> None:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                # Nothing from outside: any request the page makes is refused.
                page.route("**/*", lambda route: route.abort())
                for text, path, title in pages:
                    page.set_content(text, wait_until="load")
                    path.parent.mkdir(parents=True, exist_ok=True)
                    page.pdf(
                        path=str(path),
                        format=PAPERS[paper],
                        print_background=False,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=footer(title),
                        margin={"top": "16mm", "bottom": "20mm", "left": "16mm", "right": "16mm"},
                    )
            finally:
                browser.close()

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(print_all).result()
    except Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else "no message"
        raise LessonkitError(f"Chromium could not print the PDF ({first}).") from None


def print_lessons(
    root: Path | str, outdir: Path | str, lessons: list[str] | None = None, paper: str = "a4"
) -> list[Path]:
    """The student handout and the teacher copy of each article lesson (or of ``lessons``),
    as ``<slug>-student.pdf`` and ``<slug>-teacher.pdf`` in ``outdir``; returns the paths."""
    from lessonkit.build.pipeline import lesson_label
    from lessonkit.build.sources import load_project

    root, outdir = Path(root), Path(outdir)
    project = load_project(root, only=lessons or None)
    sources = [s for s in project.lessons if s.entry.kind == "article"]
    for slug in lessons or []:
        if slug not in {s.entry.slug for s in sources}:
            articles = [e.slug for e in project.manifest.lessons if e.kind == "article"]
            raise LessonkitError(
                f"{slug!r} is not an article lesson; use one of {', '.join(articles)}."
            )
    pages, paths = [], []
    for source in sources:
        slug, title = source.entry.slug, lesson_label(project, source.entry.slug)
        student, teacher = outdir / f"{slug}-student.pdf", outdir / f"{slug}-teacher.pdf"
        pages += [
            (student_html(project, source), student, title),
            (teacher_html(project, source), teacher, f"Answer key: {title}"),
        ]
        paths += [student, teacher]
    html_to_pdf(pages, paper)
    return paths
