"""Build-time lesson data: the small JSON-ready data file a learner's kernel loads.

``lesson_data(source)`` gathers a lesson's questions in the shape the kernel grades
(``runtime_item``), its glossary rows with each word's facts (``words``), its worksheet, writing
task, cross-article data and easier version (``adapted_data``).
"""

from __future__ import annotations

import random
import re

from lessonkit.build import text as _text

from .words import GRAMMAR_WORD_ZIPF, word_table, zipf_of

# --- questions as the kernel grades them ------------------------------------------------------

GAP = re.compile(r"\[([^\[\]]+)\]")


def runtime_item(item, seed: str) -> dict:
    """A question in the plain shape ``_grading.grade`` takes (see that module).

    Accepted typed answers are expanded with inflected forms here, at build time, so the
    kernel needs no lemminflect. ``seed`` fixes the order of a word bank.
    """
    from lessonkit.build.inflect import expand_accept

    data = item.model_dump(exclude_none=True)
    kind = data["type"]
    if kind == "gap":
        blanks = []
        for group in GAP.findall(data["text"]):
            accept = [a.strip() for a in group.split("|") if a.strip()]
            blanks.append({"accept": expand_accept(accept, inflect=data.get("inflect", False))})
        data["text"] = GAP.sub("___", data["text"])
        data["blanks"] = blanks
        if data.pop("bank", True):
            bank = [b["accept"][0] for b in blanks] + list(data.get("distractors", []))
            random.Random(f"{seed}:{item.id}").shuffle(bank)
            data["bank"] = bank
        data.pop("distractors", None)
    elif kind == "short":
        data["accept"] = expand_accept(data["accept"], inflect=data.pop("inflect", False))
    return data


def glossary_rows(source, easier: list[str] | None = None) -> list[dict]:
    """Glossary rows plus what the kernel needs: inflected forms, a frequency, and whether
    the easier version (``easier``: its title and paragraphs) uses the word."""
    from lessonkit.build.inflect import inflections_as

    flat = " " + " ".join(re.findall(r"[a-z0-9'’-]+", " ".join(easier or []).lower())) + " "
    rows = []
    for row in source.vocab:
        data = row.model_dump()
        data["forms"] = sorted(set(inflections_as(row.word, row.pos)) | {row.form.lower()})
        if easier:
            data["in_easier"] = any(f" {f.lower()} " in flat for f in data["forms"])
        data["zipf"] = round(min(zipf_of(part) for part in row.word.lower().split()), 2)
        rows.append(data)
    return rows


def writing_task(task, source) -> dict:
    """The writing task as the kernel checks it: every form of the key and reporting verbs."""
    from lessonkit.build.inflect import inflections
    from lessonkit.build.reporting import REPORTING_VERBS

    # Every form of every reporting verb, and the verb it is a form of ("says" -> "say"), so
    # the kernel can count different verbs without lemminflect.
    verb_of = {form: verb for verb in sorted(REPORTING_VERBS) for form in inflections(verb)}
    return {
        "prompt": task.prompt,
        "genre": task.genre,
        "min_words": task.min_words,
        "max_words": task.max_words,
        "key_words": [{"word": k, "forms": inflections(k)} for k in task.key_words],
        "min_key_words": task.min_key_words,
        "min_reporting_verbs": task.min_reporting_verbs,
        "reporting_forms": sorted(verb_of),
        "reporting_verbs": dict(sorted(verb_of.items())),
        "model_answer": task.model_answer,
        "marking_notes": task.marking_notes,
    }


# Worksheet sections whose sentences are written for the project, not taken from the article.
NEW_SENTENCE_SECTIONS = ("gap-fill", "word-formation")


def worksheet_data(source) -> dict | None:
    sheet = source.worksheet
    if sheet is None:
        return None
    seed = f"{source.entry.slug}:worksheet"
    return {
        "title": sheet.title,
        "instructions": sheet.instructions,
        "sections": [
            {
                "kind": s.kind,
                "title": s.title,
                "instructions": s.instructions,
                "items": [
                    {**runtime_item(item, seed), "new_sentence": True}
                    if s.kind in NEW_SENTENCE_SECTIONS
                    else runtime_item(item, seed)
                    for item in s.items
                ],
            }
            for s in sheet.sections
        ],
        "writing": writing_task(sheet.writing, source),
    }


def cross_data(source, project) -> dict:
    """Data of a lesson on all the articles: its questions and the comparison or the verbs."""
    lesson = source.cross
    titles = {s.entry.slug: s.entry.title for s in project.lessons}
    data = {
        "introduction": lesson.introduction,
        "questions": [runtime_item(q, source.entry.slug) for q in lesson.questions],
        "focus_questions": [],
        "timeline": [
            {"date": e.date, "event": e.event, "lesson": e.lesson, "lesson_title": titles[e.lesson]}
            for e in sorted(lesson.timeline, key=lambda e: e.date)
        ],
    }
    if source.entry.kind == "compare":
        from lessonkit.build.compare import compare_data

        data["compare"] = compare_data(project)
    if source.entry.kind == "reporting":
        from lessonkit.build.reporting import reporting_table, speaker_counts, verb_counts

        rows = reporting_table(project)
        data["reporting"] = {
            "rows": rows,
            "verbs": verb_counts(rows),
            "speakers": speaker_counts(rows),
        }
    return data


def lesson_data(source, definitions: dict | None = None, project=None) -> dict:
    """The per-lesson data file: article, word table, statistics, glossary and questions.

    ``definitions`` is the precomputed WordNet table (``data/wordnet.json``): each word of
    the table gets its senses from it, so the kernel can define any word of the article.
    """
    entry = source.entry
    data: dict = {
        "slug": entry.slug,
        "title": entry.title,
        "kind": entry.kind,
        "level": entry.level,
        "minutes": entry.minutes,
    }
    if entry.assessment:  # only when set: the other lessons' data files stay as they were
        data["assessment"] = True
    if source.cross is not None:
        data.update(cross_data(source, project))
        return data
    if source.article is None:
        return data
    article = source.article
    meta = {k: v for k, v in article.metadata().items() if k != "words_in_this_story"}
    texts = [article.title] + [b.text for b in article.paragraphs]
    adapted = source.adapted
    easier = [adapted.title] + [p.text for p in adapted.paragraphs] if adapted else []
    # One table for both versions: a learner looks up any word of either.
    table = word_table(texts + easier)
    for form, info in table.items():
        senses = (definitions or {}).get(form)
        if info["zipf"] >= GRAMMAR_WORD_ZIPF:
            # "a", "he", "it": WordNet knows only odd nouns for them (ångström, helium, IT).
            info["grammar_word"] = True
        elif senses:
            info["senses"] = [{"pos": x["pos"], "definition": x["definition"]} for x in senses]
    levels = {w: (e["level"] or "name") for w, e in table.items()}
    stats = _text.reading_stats([b.text for b in article.paragraphs], levels)
    blocks, n = [], 0
    for block in article.blocks:
        entry_block = {"kind": block.kind, "text": block.text}
        if block.kind != "heading":
            n += 1
            entry_block["n"] = n
        if block.speaker:
            entry_block["speaker"] = block.speaker
        blocks.append(entry_block)
    lesson = source.lesson
    items = [runtime_item(q, entry.slug) for q in lesson.questions]
    focus = lesson.language_focus
    data.update(
        article=meta,
        blocks=blocks,
        words_in_this_story=article.words_in_this_story,
        words=table,
        stats=stats,
        glossary=glossary_rows(source, easier),
        key_words=list(lesson.before_you_read.key_words),
        questions=items,
        focus_questions=[runtime_item(q, entry.slug) for q in focus.questions] if focus else [],
        worksheet=worksheet_data(source),
    )
    if adapted:
        data["adapted"] = adapted_data(source, levels)
    return data


def adapted_data(source, levels: dict[str, str]) -> dict:
    """The easier version: its paragraphs (with the original paragraphs they retell), its own
    glosses, its questions and statistics, and both versions' share of words at its level."""
    from lessonkit.build.inflect import inflections
    from lessonkit.build.profile import profile

    adapted, article = source.adapted, source.article
    texts = [p.text for p in adapted.paragraphs]
    original = [article.title] + [b.text for b in article.paragraphs]
    return {
        "level": adapted.level,
        "title": adapted.title,
        "paragraphs": [
            {"n": n, "text": p.text, "from": list(p.sources)}
            for n, p in enumerate(adapted.paragraphs, 1)
        ],
        "glossary": [
            {"word": g.word, "definition": g.definition, "forms": inflections(g.word)}
            for g in adapted.glossary
        ],
        "questions": [runtime_item(q, f"{source.entry.slug}:easier") for q in adapted.questions],
        "stats": _text.reading_stats(texts, levels),
        "share_at_level": {
            "original": round(100 * profile(original, adapted.level).share, 1),
            "adapted": round(100 * profile([adapted.title, *texts], adapted.level).share, 1),
        },
    }
