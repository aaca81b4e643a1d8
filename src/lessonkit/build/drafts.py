"""Find what is still unfinished in a lesson's sources: generated drafts and TODO scaffolds.

Map of the module:

- ``TODO`` and ``DRAFT_NOTE``: the two marks ``lessonkit new`` leaves for a teacher. A text
  with the word TODO must be written by a person; a question with ``draft: true`` or a
  glossary row whose note starts with ``DRAFT`` was generated and must be checked.
- ``yaml_unfinished(data, lines, shown)``: one line per unfinished question (an item with an
  ``id``) or other field of a lesson or worksheet file.
- ``vocab_unfinished(rows, shown)``: one line per unfinished glossary row.
- ``unfinished(root, slugs)``: all of them for the lessons of ``lessons/lessons.yml``; what
  ``lessonkit check`` lists and what makes the build show a "Draft" banner.

Build time only: a learner's kernel never imports this module.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lessonkit.errors import SourceError

TODO = "TODO"
TODO_MARK = re.compile(r"\bTODO\b")
DRAFT_NOTE = "DRAFT"


def _line(lines: dict, path: tuple) -> int | None:
    """The line of a field, or of the nearest enclosing field that has one."""
    for n in range(len(path), -1, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


def _todo_fields(value: Any, path: tuple) -> list[tuple]:
    """Paths of every text under ``value`` that holds the word TODO, in file order."""
    if isinstance(value, str):
        return [path] if TODO_MARK.search(value) else []
    if isinstance(value, dict):
        return [p for key, v in value.items() for p in _todo_fields(v, path + (key,))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _todo_fields(v, path + (i,))]
    return []


def _message(shown: str, line: int | None, path: tuple, problem: str) -> str:
    from lessonkit.build.sources import field_name

    return str(SourceError(shown, line, field_name(path) or None, problem))


def yaml_unfinished(data: Any, lines: dict, shown: str, path: tuple = ()) -> list[str]:
    """One line per unfinished part of a YAML lesson source.

    A question (a mapping with an ``id``) is one part, however many TODO texts it holds:
    the line names its first TODO field, or its ``draft`` field when it has no TODO left.
    Every other text with TODO (an objective, a key point, ...) is a part of its own.
    """
    found: list[str] = []
    if isinstance(data, dict) and "id" in data and ("draft" in data or _todo_fields(data, ())):
        todos = _todo_fields(data, path)
        if todos:
            more = len(todos) - 1
            problem = "is unfinished: replace the TODO text" + (
                f" (and {more} more TODO in this question)" if more else ""
            )
            found.append(_message(shown, _line(lines, todos[0]), todos[0], problem))
        elif data.get("draft") is True:
            found.append(
                _message(
                    shown,
                    _line(lines, path + ("draft",)),
                    path + ("draft",),
                    "is a generated draft: check the question, then delete 'draft: true'",
                )
            )
        return found
    if isinstance(data, dict):
        for key, value in data.items():
            found += yaml_unfinished(value, lines, shown, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += yaml_unfinished(value, lines, shown, path + (i,))
    elif isinstance(data, str) and TODO_MARK.search(data):
        found.append(
            _message(shown, _line(lines, path), path, "is unfinished: replace the TODO text")
        )
    return found


def vocab_unfinished(rows: list[tuple[int, Any]], shown: str) -> list[str]:
    """One line per glossary row with TODO in a cell or a note starting with DRAFT."""
    found = []
    for line, row in rows:
        values = row.model_dump()
        todo = [k for k, v in values.items() if isinstance(v, str) and TODO_MARK.search(v)]
        if todo:
            problem = f"is unfinished for the word {row.word!r}: replace the TODO text"
            found.append(str(SourceError(shown, line, todo[0], problem)))
        elif row.note.startswith(DRAFT_NOTE):
            problem = (
                f"marks the word {row.word!r} as a generated draft: check the row "
                "(definition, part of speech, level), then rewrite or delete the note"
            )
            found.append(str(SourceError(shown, line, "note", problem)))
    return found


def unfinished(root: Path | str = ".", slugs: list[str] | None = None) -> list[str]:
    """Every unfinished part of the lessons' sources (of ``slugs`` only, when given)."""
    from lessonkit.build.sources import load_manifest, load_vocab, parse_yaml, read_text

    root = Path(root)
    found: list[str] = []
    for entry in load_manifest(root).lessons:
        if slugs is not None and entry.slug not in slugs:
            continue
        for name in ("lesson.yml", "worksheet.yml"):
            shown = f"lessons/{entry.slug}/{name}"
            if (root / shown).is_file():
                data, lines = parse_yaml(read_text(root / shown, shown=shown), shown)
                found += yaml_unfinished(data, lines, shown)
        shown = f"vocab/{entry.slug}.csv"
        if entry.kind == "article" and (root / shown).is_file():
            found += vocab_unfinished(load_vocab(root / shown, shown), shown)
    return found


__all__ = ["DRAFT_NOTE", "TODO", "unfinished", "vocab_unfinished", "yaml_unfinished"]
