"""Write a learner's attempts as result files, and read a teacher's folder of them into a table.

Map of this module:

- ``RESULTS_FORMAT``, ``RESULTS_VERSION``, ``COLUMNS``, ``MAX_FILE_BYTES``: the file format.
  ``first_correct`` (was the learner's first attempt at this question right?) was added later:
  files made before it still load, and their rows have no value there (``<NA>`` in the table).
- ``results_document()``, ``results_json()``, ``results_csv()``, ``results_filename()``: what the
  learner downloads ("Download my results").
- ``ResultsReport`` and ``read_results_dir()``: what ``lessonkit results DIR`` shows the teacher.
- ``_read_file()``, ``_read_json()``, ``_read_csv()``, ``_check_attempt()``: one file at a time;
  every problem becomes one plain sentence, and nothing in a file can make the reader crash.

CSV cells that a spreadsheet would run as a formula (they start with = + - @, tab or carriage
return, perhaps after apostrophes) get one more apostrophe in front; the reader removes exactly
that one, so text survives the round trip.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import pathlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from lessonkit.learner.progress import Attempt, _clean_attempt, _clean_text, first_right_by_item

if TYPE_CHECKING:
    import pandas

RESULTS_FORMAT = "lessonkit-results"
# Still 1: "first_correct" is an optional field, so older lessonkit versions read new files
# (they ignore the field) and this version reads old files (the field is empty).
RESULTS_VERSION = 1
# "correct": this attempt was right. "first_correct": the learner's first attempt at this
# question was right (the same on every row of the question; a first "Show answer" is not).
COLUMNS = (
    "learner",
    "class",
    "lesson",
    "item",
    "answer",
    "correct",
    "revealed",
    "score",
    "time",
    "first_correct",
)
# The columns every results file has; files made before "first_correct" lack it.
REQUIRED_COLUMNS = COLUMNS[:-1]
OPTIONAL_FIELDS = ("first_correct",)
TABLE_COLUMNS = (*COLUMNS, "file")
MAX_FILE_BYTES = 5 * 1024 * 1024

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_TEXT_FIELDS = ("lesson", "item", "answer", "time")
_FLAG_FIELDS = ("correct", "revealed")


# -- writing -------------------------------------------------------------------------------


def _clean_name(value: object) -> str:
    return _clean_text(value).strip()


def results_document(attempts: Iterable[Attempt], *, learner: str, group: str) -> dict[str, Any]:
    """The results of one learner as a JSON-ready dict (``group`` is their class)."""
    cleaned = [_clean_attempt(attempt) for attempt in attempts]
    first = first_right_by_item(cleaned)
    rows = []
    for clean in cleaned:
        row: dict[str, Any] = {name: getattr(clean, name) for name in REQUIRED_COLUMNS[2:]}
        row["first_correct"] = first[clean.lesson, clean.item]
        rows.append(row)
    return {
        "format": RESULTS_FORMAT,
        "version": RESULTS_VERSION,
        "learner": _clean_name(learner),
        "class": _clean_name(group),
        "attempts": rows,
    }


def results_json(attempts: Iterable[Attempt], *, learner: str, group: str) -> str:
    """The results of one learner as pretty JSON text."""
    document = results_document(attempts, learner=learner, group=group)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _csv_cell(text: str) -> str:
    # A raw NUL makes many programs (and our reader) treat the file as binary.
    text = text.replace("\x00", "\ufffd")
    return "'" + text if _FORMULA.match(text) else text


def _csv_uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


def results_csv(attempts: Iterable[Attempt], *, learner: str, group: str) -> str:
    """The results of one learner as CSV text, safe to open in a spreadsheet."""
    document = results_document(attempts, learner=learner, group=group)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    names = [_csv_cell(document["learner"]), _csv_cell(document["class"])]
    for row in document["attempts"]:
        writer.writerow(
            names
            + [_csv_cell(row[name]) for name in ("lesson", "item", "answer")]
            + ["true" if row["correct"] else "false", "true" if row["revealed"] else "false"]
            + [repr(row["score"]), _csv_cell(row["time"])]
            + ["true" if row["first_correct"] else "false"]
        )
    # The byte-order mark makes Excel read the file as UTF-8 instead of the local code page.
    return "\ufeff" + buffer.getvalue()


def _slug(text: str, fallback: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", _clean_text(text)).encode("ascii", "ignore")
    slug = re.sub(r"\s+", "_", ascii_text.decode("ascii").strip())
    # No leading "-": a file name like "-rf" is read as an option by command-line tools.
    slug = re.sub(r"[^A-Za-z0-9_-]", "", slug)[:40].strip("_-")
    return slug or fallback


def results_filename(learner: str, group: str, ext: str) -> str:
    """A safe file name such as ``results-5B-Zoe_Smith.json`` (only A-Z a-z 0-9 _ -)."""
    suffix = re.sub(r"[^A-Za-z0-9]", "", _clean_text(ext))[:10] or "txt"
    return f"results-{_slug(group, 'class')}-{_slug(learner, 'learner')}.{suffix}"


# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultsReport:
    """All attempts read from a folder, and one sentence for each thing that was skipped."""

    table: pandas.DataFrame
    problems: list[str] = field(default_factory=list)


class _Skip(Exception):
    """This file cannot be used; the message says why, in plain words."""


def _parse_time(text: str) -> bool:
    # Python 3.10's fromisoformat() does not accept a final "Z".
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_attempt(raw: dict[str, Any], *, from_csv: bool) -> dict[str, Any] | str:
    """The attempt as a table row, or the reason (naming the field) why it was skipped."""
    row: dict[str, Any] = {}
    for name in REQUIRED_COLUMNS[2:]:
        if name not in raw or raw[name] is None:
            return f'"{name}" is missing'
    for name in _TEXT_FIELDS:
        if not isinstance(raw[name], str):
            return f'"{name}" is not text'
        row[name] = _clean_text(_csv_uncell(raw[name]) if from_csv else raw[name])
    if not _parse_time(row["time"]):
        return '"time" is not a date and time'
    for name in _FLAG_FIELDS:
        value = raw[name]
        if from_csv and isinstance(value, str) and value.lower() in ("true", "false"):
            value = value.lower() == "true"
        if not isinstance(value, bool):
            return f'"{name}" is not true or false'
        row[name] = value
    score = raw["score"]
    if from_csv and isinstance(score, str):
        with contextlib.suppress(ValueError):
            score = float(score)
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        return '"score" is not a number from 0 to 1'
    if not (math.isfinite(score) and 0 <= score <= 1):
        return '"score" is not a number from 0 to 1'
    row["score"] = float(score)
    first = raw.get("first_correct")
    if from_csv and isinstance(first, str):
        first = {"true": True, "false": False, "": None}.get(first.lower(), first)
    if first is not None and not isinstance(first, bool):
        return '"first_correct" is not true or false'
    row["first_correct"] = first  # None: a file made before this field
    return row


def _read_json(name: str, text: str, problems: list[str]) -> list[dict[str, Any]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _Skip(
            f"it is not complete, correct JSON (problem at line {error.lineno},"
            f" column {error.colno})"
        ) from None
    except (ValueError, RecursionError):
        raise _Skip("it is not complete, correct JSON") from None
    if not isinstance(document, dict) or document.get("format") != RESULTS_FORMAT:
        raise _Skip("it is not a lessonkit results file")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _Skip('"version" is missing or is not a whole number')
    if version > RESULTS_VERSION:
        raise _Skip(f"it was made by a newer version of lessonkit (file version {version})")
    for key in ("learner", "class"):
        if not isinstance(document.get(key), str):
            raise _Skip(f'"{key}" is missing or is not text')
    attempts = document.get("attempts")
    if not isinstance(attempts, list):
        raise _Skip('"attempts" is missing or is not a list')
    names = {"learner": _clean_name(document["learner"]), "class": _clean_name(document["class"])}
    rows = []
    for number, raw in enumerate(attempts, start=1):
        if not isinstance(raw, dict):
            problems.append(f"{name}, attempt {number} was skipped: it is not a set of fields.")
            continue
        checked = _check_attempt(raw, from_csv=False)
        if isinstance(checked, str):
            problems.append(f"{name}, attempt {number} was skipped: {checked}.")
            continue
        rows.append({**names, **checked})
    return rows


def _read_csv(name: str, text: str, problems: list[str]) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[dict[str, Any]] = []
    try:
        header = reader.fieldnames or []
        if not set(REQUIRED_COLUMNS) <= set(header):
            raise _Skip("it is a CSV file, but its first line is not the lessonkit results header")
        for number, raw in enumerate(reader, start=1):
            checked = (
                "it has the wrong number of cells"
                if None in raw or None in raw.values()
                else _check_attempt(raw, from_csv=True)
            )
            if isinstance(checked, str):
                problems.append(f"{name}, attempt {number} was skipped: {checked}.")
                continue
            learner, group = _csv_uncell(raw["learner"]), _csv_uncell(raw["class"])
            rows.append({"learner": _clean_name(learner), "class": _clean_name(group), **checked})
    except csv.Error:
        problems.append(
            f"{name} was only partly read: line {reader.line_num} could not be read as CSV."
        )
    return rows


def _read_file(path: pathlib.Path, problems: list[str]) -> list[dict[str, Any]]:
    """The good rows of one file; every problem is added to ``problems``."""
    name = path.name
    try:
        if not path.is_file():
            raise _Skip("it is not a normal file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Skip(f"it is too big ({size / 1024 / 1024:.1f} MB; the limit is 5 MB)")
        # Read at most one byte more than allowed, in case the file grows after stat().
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise _Skip("it is too big (the limit is 5 MB)")
        if not data.strip():
            raise _Skip("it is empty")
        # NUL bytes never appear in UTF-8 JSON or CSV, but fill UTF-16 text.
        if b"\x00" in data:
            raise _Skip("it is not UTF-8 text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _Skip("it is not UTF-8 text") from None
        start = text.lstrip()
        if path.suffix.lower() == ".json" or start.startswith(("{", "[")):
            return _read_json(name, text, problems)
        if path.suffix.lower() == ".csv" or start.startswith("learner,"):
            return _read_csv(name, text, problems)
        raise _Skip("it is not a lessonkit results file (JSON or CSV)")
    except _Skip as skip:
        problems.append(f"{name} was skipped: {skip}.")
    except OSError as error:
        problems.append(f"{name} was skipped: it could not be read ({error.strerror}).")
    except Exception as error:  # anything in a teacher's folder must not stop the report
        problems.append(f"{name} was skipped: it could not be read ({type(error).__name__}).")
    return []


def _empty_table() -> pandas.DataFrame:
    import pandas as pd

    dtypes = {"correct": "bool", "revealed": "bool", "score": "float64", "first_correct": "boolean"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "object")) for c in TABLE_COLUMNS})


def read_results_dir(folder: str | pathlib.Path) -> ResultsReport:
    """Read every results file (JSON or CSV) in a folder into one table; never raises.

    Subfolders and hidden files (names starting with ".") are ignored. An attempt that appears
    more than once (same learner, lesson, item, time and answer) is kept once.
    """
    import pandas as pd

    folder = pathlib.Path(folder)
    problems: list[str] = []
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return ResultsReport(_empty_table(), [f"The folder {folder} could not be opened."])

    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, ...]] = set()
    for path in entries:
        try:
            if path.name.startswith(".") or path.is_dir():
                continue
        except OSError:
            pass
        dropped = 0
        for row in _read_file(path, problems):
            key = (row["learner"], row["lesson"], row["item"], row["time"], row["answer"])
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
            rows.append({**row, "file": path.name})
        if dropped:
            what = "attempt was" if dropped == 1 else "attempts were"
            problems.append(
                f"{path.name}: {dropped} {what} dropped because the same attempt was already"
                " read (same learner, lesson, item, time and answer)."
            )
    if not rows:
        return ResultsReport(_empty_table(), problems)
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    types = {"correct": bool, "revealed": bool, "score": float, "first_correct": "boolean"}
    return ResultsReport(table.astype(types), problems)
