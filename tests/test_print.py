"""lessonkit print: the student handout and the teacher copy of each article lesson.

The HTML is checked without a browser; the PDFs are printed once (module fixture) by Debian's
Chromium and read back with pdftotext (Debian's poppler-utils, scripts/system-deps.sh).
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from lessonkit.build.schema import GAP
from lessonkit.build.sources import load_project
from lessonkit.cli import main
from lessonkit.learner.base import format_date
from lessonkit.teacher.printing import (
    gap_bank,
    header,
    match_rights,
    paper_order,
    print_lessons,
    student_html,
    teacher_html,
)

ROOT = Path(__file__).resolve().parents[1]
PROJECT = load_project(ROOT)
ARTICLES = [s for s in PROJECT.lessons if s.entry.kind == "article"]
SLUGS = [s.entry.slug for s in ARTICLES]


# --- text helpers ----------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-case words, quotes straightened, Markdown and punctuation dropped."""
    for curly, straight in (("“", '"'), ("”", '"'), ("’", "'"), ("‘", "'")):
        text = text.replace(curly, straight)
    # pdftotext joins a word broken after its hyphen at a line end ("de-" "escalate").
    text = text.replace("-", "")
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text.lower())


def flat(text: str) -> str:
    return " " + " ".join(words(text)) + " "


def has(text_flat: str, phrase: str) -> bool:
    return flat(phrase) in text_flat


def html_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def every_item(source) -> list:
    items = list(source.lesson.questions)
    if source.lesson.language_focus:
        items += source.lesson.language_focus.questions
    if source.worksheet:
        items += [i for s in source.worksheet.sections for i in s.items]
    if source.adapted:
        items += source.adapted.questions
    return items


HIDDEN = {
    "explanation",
    "feedback",
    "evidence",
    "stress",
    "teacher_notes",
    "sensitive_topics",
    "model_answer",
    "marking_notes",
    "correct",
    "answer",
    "accept",
}


def strings(value, out: list[str]) -> list[str]:
    """Every text a learner may see in a source model (answers and notes left out)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key not in HIDDEN:
                strings(inner, out)
    elif isinstance(value, list):
        for inner in value:
            strings(inner, out)
    elif isinstance(value, str):
        out.append(value)
    return out


def visible(source) -> str:
    """What the student handout may say: article, glossary and every unanswered text."""
    article = source.article
    texts = [html_text(header(PROJECT, source, "")), article.title]
    texts += [b.text for b in article.blocks]
    strings(source.lesson.model_dump(), texts)
    if source.worksheet:
        strings(source.worksheet.model_dump(), texts)
    if source.adapted:
        strings(source.adapted.model_dump(), texts)
    for row in source.vocab:
        texts += [row.word, row.definition, row.own_example, row.example]
    return flat(" ".join(texts))


def distinctive(text: str, seen: str, n: int = 6) -> list[str]:
    """The n-word stretches of ``text`` that no visible text has: if one of them is on the
    student's page, the hidden text leaked."""
    ws = words(text)
    spans = [" ".join(ws[i : i + n]) for i in range(max(len(ws) - n + 1, 0))]
    return [s for s in spans if f" {s} " not in seen]


def hidden_texts(source) -> list[str]:
    texts = [item.explanation for item in every_item(source)]
    texts += [
        o.feedback
        for item in every_item(source)
        if item.type in ("choice", "multi")
        for o in item.options
        if o.feedback
    ]
    if source.worksheet:
        texts += [source.worksheet.writing.model_answer, source.worksheet.writing.marking_notes]
    texts += [t for t in (source.lesson.teacher_notes, source.lesson.sensitive_topics) if t]
    return texts


def keys(item) -> list[str]:
    """Every answer the teacher copy must give for an item."""
    if item.type in ("choice", "multi"):
        return [o.text for o in item.options if o.correct]
    if item.type == "tfng":
        return [f"Answer: {item.answer}"]
    if item.type == "short":
        return list(item.accept)
    if item.type == "gap":
        return [a for g in GAP.findall(item.text) for a in g.split("|")]
    if item.type == "match":
        return [p.right for p in item.pairs]
    return list(item.items)


def prompt_of(item) -> str:
    return item.prompt


# --- HTML, no browser ------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_student_html_has_every_item_and_no_answer(slug):
    source = PROJECT.lesson(slug)
    page = student_html(PROJECT, source)
    text = flat(html_text(page))
    for item in every_item(source):
        assert has(text, item.prompt), item.id
    for row in source.vocab:
        assert has(text, row.word) and has(text, row.own_example), row.word
    for hidden in hidden_texts(source):
        leaked = [s for s in distinctive(hidden, visible(source)) if f" {s} " in text]
        assert not leaked, leaked
    for label in ("Answer:", "Why:", "Evidence", "Model answer", "Marking notes"):
        assert label not in html_text(page)
    assert "<script" not in page and "http" not in re.sub(r"Source:.*?</p>", "", page)


@pytest.mark.parametrize("slug", SLUGS)
def test_teacher_html_has_every_key(slug):
    source = PROJECT.lesson(slug)
    text = flat(html_text(teacher_html(PROJECT, source)))
    for item in every_item(source):
        for key in keys(item):
            assert has(text, key), (item.id, key)
        assert has(text, item.evidence.quote), item.id


def test_paper_order_is_fixed_and_never_the_source_order():
    for n in range(2, 9):
        values = list(range(n))
        first = paper_order(values, f"q{n}")
        assert first == paper_order(values, f"q{n}")
        assert sorted(first) == values and first != values


def test_letters_in_the_key_are_those_of_the_handout():
    """A matching question: the key's letter for each left item names its right text."""
    source = PROJECT.lesson(SLUGS[0])
    item = next(i for i in every_item(source) if i.type == "match")
    rights = match_rights(item)
    key = html_text(teacher_html(PROJECT, source))
    for k, pair in enumerate(item.pairs, 1):
        assert f"{k}\xa0→\xa0{'ABCDEFGH'[rights.index(pair.right)]}" in key
    gap = next(i for i in every_item(source) if i.type == "gap" and i.bank)
    assert gap_bank(gap) == sorted(gap_bank(gap), key=str.lower)


def test_words_to_learn_are_marked_with_a_symbol_and_a_word():
    source = PROJECT.lesson(SLUGS[0])
    text = html_text(student_html(PROJECT, source))
    learn = [row for row in source.vocab if row.learn == "yes"]
    assert text.count("★ learn") == len(learn) + 1  # and once in the legend


# --- PDF, by Chromium ------------------------------------------------------------------------


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    text = subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # The footer (lesson title, page number) stands between the pages' texts: drop it.
    return re.sub(r"\n[^\n]*Lesson \d+: [^\n]*\n+Page \d+ of \d+\n", "\n", text)


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(
        (k.strip(), v.strip()) for k, v in (line.split(":", 1) for line in out.stdout.splitlines())
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("print")
    assert main(["print", "--root", str(ROOT), "-o", str(out)]) == 0
    return out


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_student_pdf(printed, slug):
    source = PROJECT.lesson(slug)
    path = printed / f"{slug}-student.pdf"
    text = flat(pdftotext(path))
    for item in every_item(source):
        assert has(text, item.prompt), item.id
    for row in source.vocab:
        assert has(text, row.word), row.word
    teacher = flat(pdftotext(printed / f"{slug}-teacher.pdf"))
    checked = 0
    for hidden in hidden_texts(source):
        spans = distinctive(hidden, visible(source))
        assert not [s for s in spans if f" {s} " in text], hidden
        if spans:
            checked += 1
            if hidden not in (source.lesson.teacher_notes, source.lesson.sensitive_topics):
                assert any(f" {s} " in teacher for s in spans) or hidden in [
                    o.feedback for i in every_item(source) for o in getattr(i, "options", [])
                ], hidden
    assert checked >= 0.9 * len(hidden_texts(source))
    assert " answer why " not in text and " model answer " not in text
    assert 4 <= int(pdfinfo(path)["Pages"]) <= 20


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_teacher_pdf(printed, slug):
    source = PROJECT.lesson(slug)
    path = printed / f"{slug}-teacher.pdf"
    text = flat(pdftotext(path))
    for item in every_item(source):
        for key in keys(item):
            assert has(text, key), (item.id, key)
        assert has(text, item.evidence.quote), item.id
    if source.worksheet:
        assert has(text, source.worksheet.writing.model_answer)
        assert " in the article paragraph " in text
    assert 3 <= int(pdfinfo(path)["Pages"]) <= 20


@pytest.mark.slow
@pytest.mark.parametrize("copy", ["student", "teacher"])
@pytest.mark.parametrize("slug", SLUGS)
def test_attribution_on_page_one(printed, slug, copy):
    article = PROJECT.lesson(slug).article
    first = flat(pdftotext(printed / f"{slug}-{copy}.pdf", 1, 1))
    for part in (article.outlet, article.title, article.byline, format_date(article.date)):
        assert part is None or has(first, part), part
    assert has(first, "The article belongs to its publisher")
    assert info_pages(printed / f"{slug}-{copy}.pdf") >= 1
    last = int(pdfinfo(printed / f"{slug}-{copy}.pdf")["Pages"])
    footer = subprocess.run(
        ["pdftotext", "-f", str(last), str(printed / f"{slug}-{copy}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Page {last} of {last}" in footer and PROJECT.lesson(slug).entry.title in footer


def info_pages(path: Path) -> int:
    return int(pdfinfo(path)["Pages"])


@pytest.mark.slow
def test_letter_paper(tmp_path):
    slug = SLUGS[0]
    paths = print_lessons(ROOT, tmp_path, [slug], "letter")
    assert [p.name for p in paths] == [f"{slug}-student.pdf", f"{slug}-teacher.pdf"]
    for path in paths:
        assert pdfinfo(path)["Page size"].startswith("612 x 792 pts")


def test_errors_are_one_sentence(tmp_path, capsys):
    assert main(["print", "--root", str(ROOT), "--lesson", "90-word-review", "-o", "x"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("lessonkit: '90-word-review' is not an article lesson")
    assert err.count("\n") == 0


def test_chromium_missing_says_which_package(tmp_path, monkeypatch, capsys):
    import lessonkit.teacher.printing as printing

    monkeypatch.setattr(printing, "CHROMIUM", tmp_path / "no-chromium")
    assert main(["print", "--root", str(ROOT), "--lesson", SLUGS[0], "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "apt-get install chromium" in err and err.count("\n") == 1


@pytest.mark.slow
def test_printing_works_where_an_asyncio_loop_runs(tmp_path):
    """Does printing work inside a running asyncio loop (a Jupyter kernel, or a test session
    with a browser open), where Playwright's sync API alone refuses to run?"""
    import asyncio

    from lessonkit.teacher.printing import html_to_pdf

    target = tmp_path / "one.pdf"

    async def inside_a_loop() -> None:
        html_to_pdf([("<html><body><p>Hello</p></body></html>", target, "A test")])

    try:  # in the whole test session a browser test's loop may already run here
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(inside_a_loop())
    else:
        html_to_pdf([("<html><body><p>Hello</p></body></html>", target, "A test")])
    assert target.read_bytes().startswith(b"%PDF")
