"""What every learner view shares: where a lesson's data is, an HTML block with a text twin.

- ``find_data(slug)``: where ``data/<slug>.json`` is (``$LESSONKIT_DATA``, or a ``data/``
  folder in the notebook's folder or one above it); ``data_folder()``, ``all_lessons()``.
- ``View``: an HTML block with a plain-text twin. The text is what nbval compares and what a
  reader without JavaScript or a kernel sees, so both are deterministic.
- ``esc``, ``format_date``, ``attribution_text``: small text helpers.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass
from pathlib import Path

from lessonkit.errors import LessonkitError

DATA_ENV = "LESSONKIT_DATA"
LEVEL_WORDS = {
    "A1": "beginner",
    "A2": "elementary",
    "B1": "intermediate",
    "B2": "upper intermediate",
    "C1": "advanced",
    "C2": "proficient",
}


def find_data(slug: str, start: Path | None = None) -> Path:
    """The data file of a lesson; a clear error when it cannot be found."""
    name = f"{slug}.json"
    if os.environ.get(DATA_ENV):
        candidates = [Path(os.environ[DATA_ENV]) / name]
    else:
        here = (start or Path.cwd()).resolve()
        candidates = [folder / "data" / name for folder in (here, *here.parents)]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise LessonkitError(
        f"The lesson {slug!r} has no data file ({name}). Open the notebook from the project's "
        f"notebooks folder, or set {DATA_ENV} to the folder that holds {name}."
    )


@dataclass(frozen=True)
class View:
    """Something to show: HTML for the notebook, plain text for everything else."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


# The easier version's bars are striped, the original's plain: the two differ without colour.
HATCHED = "repeating-linear-gradient(45deg,#fff 0 3px,#2b7a3d 3px 6px)"


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def format_date(date: str | None) -> str:
    """'2021-06-16' -> '16 June 2021'; '2021-06' -> 'June 2021'."""
    if not date:
        return "date unknown"
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    parts = date.split("-")
    month = months[int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def attribution_text(meta: dict) -> str:
    """One line naming the outlet, the writer and the date: shown in every lesson."""
    who = meta.get("byline")
    parts = [meta["outlet"]] + ([f"by {who}"] if who else []) + [format_date(meta.get("date"))]
    return f"“{meta['title']}”, " + ", ".join(parts) + "."


def data_folder() -> Path:
    """The folder of lesson data files (found as for ``find_data``)."""
    index = "00-start-here"
    return find_data(index).parent


def all_lessons() -> list[dict]:
    """The data of every article lesson, in lesson order."""
    found = []
    for path in sorted(data_folder().glob("[0-9][0-9]-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("kind") == "article":
            found.append(data)
    return found
