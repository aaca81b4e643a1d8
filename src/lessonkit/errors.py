"""Errors a teacher can act on: each names the file, the line and the field in one sentence."""

from __future__ import annotations


class LessonkitError(Exception):
    """Base class for errors lessonkit reports to people (shown without a traceback)."""


class SourceError(LessonkitError):
    """A lesson source (article, lesson file, glossary, manifest) is not right.

    ``str(error)`` is one sentence, e.g. ``vocab/01-geneva-summit.csv, line 7, field
    'level': "B5" is not a level; use one of A1, A2, B1, B2, C1, C2.``
    """

    def __init__(self, path: object, line: int | None, field: str | None, problem: str):
        self.path = str(path)
        self.line = line
        self.field = field
        self.problem = problem.rstrip(".")
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.path]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.problem}."
