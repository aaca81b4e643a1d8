"""The teacher's class dashboard: who did what, which questions were hard, from a results folder.

Map of this module:

- ``load_class(folder)``: read a folder of learners' results files (``read_results_dir``); a
  README in the folder is not reported as a skipped file.
- ``load_lessons(data_folder)``: the article lessons' data files (``data/<slug>.json``), by slug.
- Pure functions over the results table and the lesson data (no display code, unit-tested):
  ``latest_attempts()`` (the last attempt per learner and item), ``learner_table()``,
  ``item_table()``, ``most_missed()``, ``lesson_table()``.
  Helpers: ``where_text()`` ("the headline", "paragraph 7"), ``unknown_attempts()``,
  ``files_without_first()`` (files made before results files said what was right the first
  time).
- ``charts()``: matplotlib figures (percent right per learner; how hard each question was);
  ``figure_png()`` turns one into PNG bytes.
- ``dashboard(folder, data_folder)``: what the class dashboard notebook calls; everything
  above as one ``DashboardView`` (HTML with a plain-text twin). ``dashboard_parts()`` does the
  same for a report already read. ``LABELS`` and ``TYPE_NAMES`` are the plain-English words.

Rules:

- A learner is a name and a class: two "Ana"s in two classes are two learners.
- An item counts as right ("right in the end") when the learner's last attempt at it (by
  time) was right. An attempt made by pressing "Show answer" (``revealed``) is never right; a
  right answer checked later still counts, as in the learner's own score, and the "shown"
  columns say how often they looked.
- Beside it, "right the first time" comes from the results file's ``first_correct`` field (the
  learner's first attempt was right; a first "Show answer" is not). Learners can try again
  and again, so the hardest questions are ranked by it: fewest right the first time first.
  Files made before that field have no first-time figures: their cells show "–", the shares
  count only learners whose files have it, and the dashboard names those files.
- With lesson data, only the questions in it are counted; attempts at other items (an old or
  unknown lesson) are left out, and the dashboard says how many.
- Everything a learner typed (names, class, answers) and every file name is data: it is
  escaped in all HTML made here, and ``$`` is escaped in chart labels (matplotlib maths).
"""

from __future__ import annotations

import base64
import io
import json
import math
import pathlib
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from lessonkit.learner.base import View, esc
from lessonkit.learner.results import ResultsReport, read_results_dir

if TYPE_CHECKING:
    import pandas
    from matplotlib.figure import Figure

Lessons = Mapping[str, Mapping[str, Any]]

KEYS = ["learner", "class", "lesson", "item"]
SECTIONS = (("questions", "Comprehension"), ("focus_questions", "Practice"))
EASIER = ":easier"  # the lesson key of the questions on the easier version
ASSESSED = ":assessed"  # the lesson key suffix of the attempts made at Finish (assessment mode)

LATEST_COLUMNS = [
    *KEYS,
    "answer",
    "correct",
    "revealed",
    "score",
    "time",
    "when",
    "file",
    "attempts",
    "shown",
    "right",
    "first_right",
    "tries_to_right",
]
LEARNER_COLUMNS = [
    "learner",
    "class",
    "lessons",
    "answered",
    "right",
    "percent_right",
    "right_first",
    "percent_right_first",
    "shown",
    "last_activity",
]
ITEM_COLUMNS = [
    "lesson",
    "title",
    "item",
    "section",
    "number",
    "question",
    "type",
    "skill",
    "prompt",
    "paragraph",
    "where",
    "learners",
    "right",
    "share_right",
    "difficulty",
    "right_first",
    "share_right_first",
    "shown",
    "mean_tries",
]
MISSED_COLUMNS = [
    "title",
    "question",
    "prompt",
    "where",
    "learners",
    "share_right_first",
    "share_right",
    "shown",
    "lesson",
    "item",
]
LESSON_COLUMNS = [
    "lesson",
    "title",
    "level",
    "items",
    "started",
    "finished",
    "mean_percent_right",
    "mean_percent_right_first",
    "shown",
]

# Plain-English column headings for the notebook.
LABELS = {
    "learner": "Learner",
    "class": "Class",
    "lessons": "Lessons started",
    "answered": "Questions answered",
    "right": "Right in the end",
    "percent_right": "% right in the end",
    "right_first": "Right the first time",
    "percent_right_first": "% right the first time",
    "shown": "Answers shown",
    "last_activity": "Last activity",
    "title": "Lesson",
    "question": "Question",
    "prompt": "Prompt",
    "where": "Evidence",
    "type": "Type",
    "learners": "Learners who answered",
    "share_right": "% right in the end",
    "share_right_first": "% right the first time",
    "mean_tries": "Average tries to get it right",
    "level": "Level",
    "items": "Questions",
    "started": "Learners who started",
    "finished": "Learners who answered every question",
    "mean_percent_right": "Average % right in the end",
    "mean_percent_right_first": "Average % right the first time",
}

# Question types in plain English.
TYPE_NAMES = {
    "choice": "multiple choice",
    "multi": "several answers",
    "tfng": "true / false / not given",
    "gap": "gap fill",
    "match": "matching",
    "order": "putting in order",
    "short": "short answer",
}

_README = re.compile(r"readme(\.(md|txt|rst))?", re.IGNORECASE)


# -- loading -------------------------------------------------------------------------------


def load_class(folder: str | pathlib.Path) -> ResultsReport:
    """Read every results file in ``folder`` (never raises); a README there is not a problem."""
    report = read_results_dir(folder)
    problems = [
        line
        for line in report.problems
        if not (
            _README.fullmatch(line.split(" was skipped: ", 1)[0])
            and "is not a lessonkit results file" in line
        )
    ]
    return ResultsReport(report.table, problems)


def load_lessons(data_folder: str | pathlib.Path) -> dict[str, dict[str, Any]]:
    """The data of every lesson with questions in ``data_folder``, by slug, in lesson order.

    Raises ``OSError`` or ``ValueError`` when the folder or a file cannot be read.
    """
    folder = pathlib.Path(data_folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}")
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("[0-9][0-9]-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("questions"):
            found[str(data.get("slug", path.stem))] = data
    return found


# -- helpers -------------------------------------------------------------------------------


def where_text(paragraph: object) -> str:
    """Where the evidence is, in words: "the headline" (paragraph 0) or "paragraph 7"."""
    if paragraph is None or (isinstance(paragraph, float) and math.isnan(paragraph)):
        return ""
    number = int(paragraph)  # type: ignore[call-overload]
    return "the headline" if number == 0 else f"paragraph {number}"


def _when(text: object) -> datetime | None:
    """The attempt's time as an aware UTC datetime (a time without an offset is UTC)."""
    if not isinstance(text, str):
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def lesson_sections(slug: str, data: dict) -> list[tuple[list, str, str, str]]:
    """(questions, section name, lesson key, lesson title) of one lesson's data. Questions on
    the easier version are saved under ``<slug>:easier``, so the dashboard names the version
    a learner answered; in assessment mode each section has an "(assessed)" twin, the
    attempts saved when the learner pressed Finish (``<key>:assessed``)."""
    title = str(data.get("title", slug))
    parts = [(data.get(key) or [], section, slug, title) for key, section in SECTIONS]
    adapted = data.get("adapted") or {}
    if adapted.get("questions"):
        parts.append(
            (
                adapted["questions"],
                "Easier text",
                f"{slug}{EASIER}",
                f"{title} (easier text, {adapted.get('level', '')})",
            )
        )
    if data.get("assessment"):
        # Assessment mode: the attempt that counts is saved at Finish under <key>:assessed.
        parts += [
            (items, f"{section} (assessed)", f"{key}{ASSESSED}", f"{name} (assessed)")
            for items, section, key, name in list(parts)
        ]
    return parts


def _item_index(lessons: Lessons) -> pandas.DataFrame:
    """One row per question of the lessons, in lesson order."""
    import pandas as pd

    rows = []
    for lesson_pos, (slug, data) in enumerate(lessons.items()):
        for section_pos, (items, section, lesson, title) in enumerate(lesson_sections(slug, data)):
            for number, item in enumerate(items, start=1):
                paragraph = (item.get("evidence") or {}).get("paragraph")
                rows.append(
                    {
                        "lesson": lesson,
                        "title": title,
                        "item": str(item.get("id", "")),
                        "section": section,
                        "number": number,
                        "question": f"{section}, question {number}",
                        "type": str(item.get("type", "")),
                        "skill": str(item.get("skill", "")),
                        "prompt": str(item.get("prompt", "")),
                        "paragraph": paragraph,
                        "where": where_text(paragraph),
                        "_order": (lesson_pos, section_pos, number),
                    }
                )
    columns = [*ITEM_COLUMNS[:11], "_order"]
    return pd.DataFrame(rows, columns=columns)


def _index_from_table(latest: pandas.DataFrame) -> pandas.DataFrame:
    """Without lesson data: one bare row per (lesson, item) seen, sorted by lesson and item."""
    import pandas as pd

    pairs = sorted(set(zip(latest["lesson"], latest["item"], strict=True)))
    rows = [
        {
            "lesson": lesson,
            "title": lesson,
            "item": item,
            "section": "",
            "number": math.nan,
            "question": item,
            "type": "",
            "skill": "",
            "prompt": "",
            "paragraph": math.nan,
            "where": "",
            "_order": (lesson, item),
        }
        for lesson, item in pairs
    ]
    return pd.DataFrame(rows, columns=[*ITEM_COLUMNS[:11], "_order"])


def _sort_key(text: object) -> str:
    """Alphabetical order as people expect it: "Élodie" next to "Elena", case ignored."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _known(latest: pandas.DataFrame, lessons: Lessons | None) -> pandas.DataFrame:
    """The latest attempts at questions in the lesson data (all of them without lesson data)."""
    if not lessons or latest.empty:
        return latest
    index = _item_index(lessons)
    known = set(zip(index["lesson"], index["item"], strict=True))
    keep = [pair in known for pair in zip(latest["lesson"], latest["item"], strict=True)]
    return latest[keep]


def unknown_attempts(table: pandas.DataFrame, lessons: Lessons | None) -> int:
    """How many attempts are at items that are not in the lesson data (0 without data)."""
    if not lessons or table.empty:
        return 0
    index = _item_index(lessons)
    known = set(zip(index["lesson"], index["item"], strict=True))
    return sum(pair not in known for pair in zip(table["lesson"], table["item"], strict=True))


def _first_flags(table: pandas.DataFrame) -> pandas.arrays.BooleanArray:
    """The table's ``first_correct`` as True / False / <NA> (missing in files made before it)."""
    import numpy as np
    import pandas as pd

    values = table["first_correct"] if "first_correct" in table else [None] * len(table)
    flags = [bool(v) if isinstance(v, (bool, np.bool_)) else None for v in values]
    return pd.array(flags, dtype="boolean")


def files_without_first(table: pandas.DataFrame) -> list[str]:
    """The files (sorted) none of whose attempts says whether the first try was right: files
    made by a lessonkit from before the ``first_correct`` field."""
    import pandas as pd

    if table.empty or "file" not in table:
        return []
    known = pd.Series(_first_flags(table), index=table.index).notna()
    files = table["file"].astype(str)
    return sorted(set(files[~known]) - set(files[known]))


# -- pure tables ---------------------------------------------------------------------------


def latest_attempts(table: pandas.DataFrame) -> pandas.DataFrame:
    """The last attempt (by time) of each learner at each item, with what came before it.

    Columns: the table's, plus ``when`` (UTC timestamp), ``attempts`` (how many tries),
    ``shown`` (the answer was shown at least once), ``right`` (the last attempt was right and
    not shown), ``first_right`` (the first attempt was right, from the files' ``first_correct``;
    <NA> when the learner's files do not say) and ``tries_to_right`` (tries up to the first
    right one; NaN if never right). Attempts at the same time keep the order of the table.
    """
    import pandas as pd

    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in LATEST_COLUMNS})
    frame = table.reset_index(drop=True).copy()
    frame["when"] = pd.to_datetime([_when(t) for t in frame["time"]], utc=True)
    frame["_row"] = range(len(frame))
    frame = frame.sort_values(["when", "_row"], kind="stable", na_position="first")
    frame["right"] = frame["correct"].astype(bool) & ~frame["revealed"].astype(bool)
    frame["_first"] = _first_flags(frame)
    groups = frame.groupby(KEYS, sort=False, dropna=False)
    frame["_try"] = groups.cumcount() + 1
    summary = groups.agg(attempts=("_try", "size"), shown=("revealed", "any"))
    # Every row of one question says the same; the first row that says anything is used.
    first_known = groups["_first"].first().rename("first_right")
    first_right = frame[frame["right"]].groupby(KEYS, dropna=False)["_try"].min()
    last = groups.tail(1).set_index(KEYS).drop(columns=["first_right"], errors="ignore")
    last = last.join(summary).join(first_known).join(first_right.rename("tries_to_right"))
    last = last.reset_index().sort_values("_row", kind="stable")
    last["attempts"] = last["attempts"].astype(int)
    last["shown"] = last["shown"].astype(bool)
    last["first_right"] = last["first_right"].astype("boolean")
    last["tries_to_right"] = last["tries_to_right"].astype(float)
    return last[LATEST_COLUMNS].reset_index(drop=True)


def learner_table(table: pandas.DataFrame, lessons: Lessons | None = None) -> pandas.DataFrame:
    """One row per learner (name and class), sorted by name.

    ``answered``: questions with at least one attempt; ``right``: those whose last attempt was
    right; ``percent_right``: right as a percentage of answered; ``right_first`` and
    ``percent_right_first``: the same for the first attempt (<NA> / NaN when the learner's
    files do not say; the percentage is of the questions whose files say); ``shown``:
    questions whose answer the learner showed; ``last_activity``: the time of their last
    attempt (UTC).
    """
    import pandas as pd

    latest = _known(latest_attempts(table), lessons)
    if latest.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in LEARNER_COLUMNS})
    result = (
        latest.groupby(["learner", "class"], sort=False)
        .agg(
            lessons=("lesson", "nunique"),
            answered=("item", "size"),
            right=("right", "sum"),
            right_first=("first_right", "sum"),
            first_known=("first_right", "count"),
            shown=("shown", "sum"),
            last_activity=("when", "max"),
        )
        .reset_index()
    )
    result["right"] = result["right"].astype(int)
    result["shown"] = result["shown"].astype(int)
    result["percent_right"] = 100.0 * result["right"] / result["answered"]
    _add_first(result, "right_first", "first_known", "percent_right_first", 100.0)
    result["_key"] = [
        (_sort_key(name), str(name), _sort_key(group), str(group))
        for name, group in zip(result["learner"], result["class"], strict=True)
    ]
    result = result.sort_values("_key", kind="stable")
    return result[LEARNER_COLUMNS].reset_index(drop=True)


def _add_first(frame: pandas.DataFrame, right: str, known: str, share: str, scale: float):
    """Turn the counts of first attempts right (``right``) and known (``known``) into a nullable
    count and a share (NaN where no file says), in place; ``known`` is dropped."""
    import pandas as pd

    counts = frame[known].fillna(0).astype(int)
    rights = frame[right].fillna(0).astype(int)
    frame[right] = pd.array(
        [r if k else None for r, k in zip(rights, counts, strict=True)], dtype="Int64"
    )
    frame[share] = [scale * r / k if k else math.nan for r, k in zip(rights, counts, strict=True)]
    frame[share] = frame[share].astype(float)
    del frame[known]


def item_table(table: pandas.DataFrame, lessons: Lessons | None = None) -> pandas.DataFrame:
    """One row per question (lesson, item), hardest first.

    ``learners``: learners who answered; ``share_right``: the share (0 to 1) of them whose last
    attempt was right; ``difficulty`` = 1 - share_right; ``right_first`` and
    ``share_right_first``: learners whose first attempt was right, and their share of the
    learners whose files say (<NA> / NaN when none do); ``shown``: learners who showed the
    answer; ``mean_tries``: the average number of tries to get it right, among learners who
    did.

    Hardest first means: fewest right the first time, then fewest right in the end (so a class
    whose files never say the first time is ranked as before), then lesson order. Questions
    nobody answered come last (their shares are NaN).
    """
    latest = _known(latest_attempts(table), lessons)
    index = _item_index(lessons) if lessons else _index_from_table(latest)
    stats = (
        latest.groupby(["lesson", "item"])
        .agg(
            learners=("right", "size"),
            right=("right", "sum"),
            right_first=("first_right", "sum"),
            first_known=("first_right", "count"),
            shown=("shown", "sum"),
            mean_tries=("tries_to_right", "mean"),
        )
        .reset_index()
    )
    result = index.merge(stats, on=["lesson", "item"], how="left")
    for column in ("learners", "right", "shown"):
        result[column] = result[column].fillna(0).astype(int)
    result["mean_tries"] = result["mean_tries"].astype(float)
    learners = result["learners"].where(result["learners"] > 0)
    result["share_right"] = (result["right"] / learners).astype(float)
    result["difficulty"] = 1.0 - result["share_right"]
    _add_first(result, "right_first", "first_known", "share_right_first", 1.0)
    result["_first_difficulty"] = 1.0 - result["share_right_first"]
    result = result.sort_values("_order", kind="stable")
    for key in ("difficulty", "_first_difficulty"):  # the last sort is the first key
        result = result.sort_values(key, ascending=False, kind="stable", na_position="last")
    return result[ITEM_COLUMNS].reset_index(drop=True)


def most_missed(
    table: pandas.DataFrame, lessons: Lessons | None = None, n: int = 10
) -> pandas.DataFrame:
    """The ``n`` hardest questions that someone answered (fewest right the first time, as in
    ``item_table``), with lesson title, question number, prompt and where the evidence is
    ("paragraph 7", "the headline")."""
    items = item_table(table, lessons)
    items = items[items["learners"] > 0]
    return items.head(max(n, 0))[MISSED_COLUMNS].reset_index(drop=True)


def lesson_table(table: pandas.DataFrame, lessons: Lessons | None = None) -> pandas.DataFrame:
    """One row per lesson, in lesson order: learners who started (answered at least one
    question) and finished (answered every question), and their average percent right in the
    end and the first time (the latter over learners whose files say; NaN when none do)."""
    import pandas as pd

    latest = _known(latest_attempts(table), lessons)
    if lessons:
        index = _item_index(lessons)
        order, titles, levels = [], {}, {}
        for slug, data in lessons.items():
            # Each lesson, then its easier version (a row of its own) when it has one.
            for _, _, key, title in lesson_sections(slug, data):
                if key not in titles:
                    order.append(key)
                    titles[key] = title
                    version = (data.get("adapted") or {}) if key.endswith(EASIER) else data
                    levels[key] = str(version.get("level", ""))
    else:
        index = _index_from_table(latest)
        order = sorted(set(latest["lesson"]))
        titles, levels = {slug: slug for slug in order}, {slug: "" for slug in order}
    sizes = index.groupby("lesson")["item"].size()
    rows = []
    for slug in order:
        mine = latest[latest["lesson"] == slug]
        per_learner = mine.groupby(["learner", "class"]).agg(
            answered=("item", "size"),
            right=("right", "sum"),
            right_first=("first_right", "sum"),
            first_known=("first_right", "count"),
        )
        percent = 100.0 * per_learner["right"] / per_learner["answered"]
        knows = per_learner[per_learner["first_known"] > 0]
        percent_first = 100.0 * knows["right_first"].astype(float) / knows["first_known"]
        size = int(sizes.get(slug, 0))
        rows.append(
            {
                "lesson": slug,
                "title": titles[slug],
                "level": levels[slug],
                "items": size,
                "started": len(per_learner),
                "finished": int((per_learner["answered"] >= size).sum()) if size else 0,
                "mean_percent_right": float(percent.mean()) if len(percent) else math.nan,
                "mean_percent_right_first": (
                    float(percent_first.mean()) if len(percent_first) else math.nan
                ),
                "shown": int(mine["shown"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=LESSON_COLUMNS)


# -- charts --------------------------------------------------------------------------------


def _label(text: object) -> str:
    """Text for a matplotlib label: "$" would start maths, so it is escaped."""
    return str(text).replace("$", r"\$")


def charts(table: pandas.DataFrame, lessons: Lessons | None = None) -> list[Figure]:
    """Two figures: percent right per learner (sorted bars; the label adds the first-time
    percentage when the files give it) and how hard each question was (when the files give
    the first time: two bars per question, not right the first time (hatched) and not right in
    the end).

    Values are written on every bar, so nothing depends on colour. Figures are made without
    pyplot (no window, any backend); an empty table gives no figures.
    """
    from matplotlib.figure import Figure

    people = learner_table(table, lessons)
    items = item_table(table, lessons)
    if people.empty:
        return []
    figures = []

    people = people.sort_values("percent_right", kind="stable")
    names = [
        _label(f"{p} ({c})") if c and people["class"].nunique() > 1 else _label(p)
        for p, c in zip(people["learner"], people["class"], strict=True)
    ]
    figure = Figure(figsize=(8, 1.2 + 0.32 * len(people)), layout="constrained")
    axes = figure.add_subplot()
    bars = axes.barh(range(len(people)), people["percent_right"], color="#4c72b0")
    axes.set_yticks(range(len(people)), names)
    labels = [
        f"{p:.0f}% ({r} of {a})" + ("" if math.isnan(f) else f"; first time {f:.0f}%")
        for p, r, a, f in zip(
            people["percent_right"],
            people["right"],
            people["answered"],
            people["percent_right_first"].astype(float),
            strict=True,
        )
    ]
    axes.bar_label(bars, labels, padding=3, fontsize=8)
    axes.set_xlim(0, 150)
    axes.set_xticks(range(0, 101, 20))
    axes.set_xlabel("Questions right in the end (% of the questions the learner answered)")
    axes.set_title("How many questions did each learner get right?")
    figures.append(figure)

    answered = items[items["learners"] > 0]
    slugs = sorted(set(answered["lesson"]))
    if lessons:
        slugs = [slug for slug in lessons if slug in slugs]
    if slugs:
        figure = Figure(figsize=(10, 2.6 * len(slugs) + 0.6), layout="constrained")
        two = bool(answered["share_right_first"].notna().any())
        figure.suptitle(
            "How hard was each question? (percentage of learners who did not get it right"
            + (" the first time, and in the end)" if two else ")")
        )
        for row, slug in enumerate(slugs, start=1):
            mine = items[items["lesson"] == slug].copy()
            mine["_order"] = [
                (0 if s == "Comprehension" else 1, n if isinstance(n, int) else 0, i)
                for s, n, i in zip(mine["section"], mine["number"], mine["item"], strict=True)
            ]
            mine = mine.sort_values("_order", kind="stable")
            ticks = [
                (f"Q{int(n)}" if s == "Comprehension" else f"P{int(n)}") if s else _label(i)
                for s, n, i in zip(mine["section"], mine["number"], mine["item"], strict=True)
            ]
            axes = figure.add_subplot(len(slugs), 1, row)
            series = [("Not right in the end", mine["difficulty"].astype(float), "#dd8452", "")]
            if two:
                first = 1.0 - mine["share_right_first"].astype(float)
                series.insert(0, ("Not right the first time", first, "#4c72b0", "//"))
            width = 0.8 / len(series)
            for n, (name, difficulty, colour, hatch) in enumerate(series):
                where = [x + (n - (len(series) - 1) / 2) * width for x in range(len(mine))]
                bars = axes.bar(
                    where,
                    (100.0 * difficulty).fillna(0.0),
                    width=width,
                    color=colour,
                    hatch=hatch,
                    edgecolor="black" if hatch else None,
                    linewidth=0.3,
                    label=name,
                )
                text = ["–" if math.isnan(d) else f"{100 * d:.0f}%" for d in difficulty]
                axes.bar_label(bars, text, padding=2, fontsize=6 if two else 7)
            if two:
                axes.legend(loc="upper center", ncols=2, fontsize=7, frameon=False)
            axes.set_xticks(range(len(mine)), ticks, fontsize=8)
            axes.set_ylim(0, 135 if two else 115)
            axes.set_yticks(range(0, 101, 25))
            axes.set_ylabel("Not right (%)")
            title = str(mine["title"].iloc[0]) if len(mine) else slug
            axes.set_title(_label(title), fontsize=10)
        figure.supxlabel("Q = comprehension question, P = practice question (language focus)")
        figures.append(figure)

    return figures


def figure_png(figure: Figure) -> bytes:
    """A figure as PNG bytes (no date in the file, so the bytes are the same every time).

    Names in scripts the font lacks only warn (a box is drawn); the warning is not shown.
    """
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        figure.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    return buffer.getvalue()


# -- the dashboard -------------------------------------------------------------------------


# The dashboard is a View like every other lesson part: HTML plus a plain-text twin.
DashboardView = View


def _percent(value: object) -> str:
    """A number from 0 to 100 as "78%", or "–" when there is none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{float(value):.0f}%"  # type: ignore[arg-type]


def _for_display(frame: pandas.DataFrame, columns: list[str]) -> pandas.DataFrame:
    """The columns to show, formatted as text, with plain-English headings."""
    import pandas as pd

    shown = frame[columns].copy()
    for column in columns:
        if column in (
            "percent_right",
            "mean_percent_right",
            "percent_right_first",
            "mean_percent_right_first",
        ):
            shown[column] = [_percent(v) for v in shown[column].astype(float)]
        elif column in ("share_right", "share_right_first"):
            shown[column] = [_percent(100 * v) for v in shown[column].astype(float)]
        elif column == "right_first":
            shown[column] = ["–" if pd.isna(v) else str(int(v)) for v in shown[column]]
        elif column == "mean_tries":
            shown[column] = [
                "–" if math.isnan(v) else f"{v:.1f}" for v in shown[column].astype(float)
            ]
        elif column == "type":
            shown[column] = [TYPE_NAMES.get(v, v) for v in shown[column]]
        elif column == "last_activity":
            shown[column] = [
                "–" if v is None or v != v else v.strftime("%Y-%m-%d %H:%M UTC")
                for v in shown[column]
            ]
    return shown.rename(columns=LABELS)


def _html_table(frame: pandas.DataFrame) -> str:
    if frame.empty:
        return "<p>Nothing to show yet.</p>"
    return frame.to_html(
        index=False, escape=True, border=0, na_rep="–", classes="lk-dashboard-table"
    )


def _first_note(older: list[str], files: int) -> str:
    """The sentence for files made before results files said what was right the first time."""
    if not older:
        return ""
    names = ", ".join(older[:5]) + (f" and {len(older) - 5} more" if len(older) > 5 else "")
    if len(older) == files:
        return (
            f"Right the first time is not available: the results files ({names}) were made by"
            " an older version of lessonkit. The first-time columns show –, and the hardest"
            " questions are ranked by right in the end."
        )
    if len(older) == 1:
        return (
            f"Right the first time is not available for 1 file ({names}): it was made by an"
            " older version of lessonkit. Its learner shows – in the first-time columns, and"
            " the first-time shares count only the other files."
        )
    return (
        f"Right the first time is not available for {len(older)} files ({names}): they were"
        " made by an older version of lessonkit. Their learners show – in the first-time"
        " columns, and the first-time shares count only the other files."
    )


def dashboard_parts(
    report: ResultsReport, lessons: Lessons | None, notes: list[str] | None = None
) -> DashboardView:
    """The dashboard of a report already read (``dashboard()`` reads the folder first)."""
    table = report.table
    problems = list(notes or []) + list(report.problems)
    unknown = unknown_attempts(table, lessons)
    if unknown:
        what = "attempt is" if unknown == 1 else "attempts are"
        problems.append(
            f"{unknown} {what} at questions that are not in the lesson data, so they are"
            " left out of the tables."
        )
    files = int(table["file"].nunique()) if not table.empty else 0
    people = learner_table(table, lessons)
    heading = (
        f"Read {files} results file{'s' if files != 1 else ''}: {len(people)}"
        f" learner{'s' if len(people) != 1 else ''}, {len(table)} attempts."
    )
    if problems:
        heading += f" {len(problems)} problem{'s' if len(problems) != 1 else ''} (below)."
    first_note = _first_note(files_without_first(table), files)

    sections: list[tuple[str, pandas.DataFrame, str]] = []
    sections.append(("Learners", _for_display(people, LEARNER_COLUMNS), ""))
    sections.append(("Lessons", _for_display(lesson_table(table, lessons), LESSON_COLUMNS[1:]), ""))
    sections.append(
        (
            "The 10 most missed questions",
            _for_display(most_missed(table, lessons), MISSED_COLUMNS[:8]),
            "Fewest right the first time first (learners can try again, so the first try shows"
            " best what they understood). Go over these in class: the evidence column says"
            " where in the article to look.",
        )
    )
    all_items = ["title", "question", "type", "prompt", "where", "learners"]
    all_items += ["share_right_first", "share_right", "shown", "mean_tries"]
    sections.append(
        ("Every question, hardest first", _for_display(item_table(table, lessons), all_items), "")
    )

    parts = ['<div class="lk-dashboard">', "<h3>Class results</h3>"]
    parts.append(f"<p><strong>{esc(heading)}</strong></p>")
    text = ["Class results", heading]
    if first_note:
        parts.append(f'<p class="lk-dashboard-note">{esc(first_note)}</p>')
        text.append(first_note)
    if problems:
        parts.append("<h4>Files and attempts that were skipped</h4><ul>")
        parts += [f"<li>{esc(line)}</li>" for line in problems]
        parts.append("</ul>")
        text += ["", "Files and attempts that were skipped:"] + [f"- {p}" for p in problems]
    for title, frame, note in sections:
        parts.append(f"<h4>{esc(title)}</h4>")
        if note:
            parts.append(f"<p>{esc(note)}</p>")
        parts.append(_html_table(frame))
        text += ["", f"{title}:", frame.to_string(index=False) if not frame.empty else "-"]

    figures = charts(table, lessons)
    if figures:
        parts.append("<h4>Charts</h4>")
        alts = [
            "Bar chart: percent right for each learner, highest at the top (the Learners table"
            " has the same numbers).",
            "Bar charts, one per lesson: the percentage of learners who did not get each"
            " question right the first time (hatched bars, when the files say) and in the end"
            " (the question table has the same numbers).",
        ]
        for figure, alt in zip(figures, alts, strict=False):
            payload = base64.b64encode(figure_png(figure)).decode("ascii")
            parts.append(
                f'<p><img alt="{esc(alt)}" src="data:image/png;base64,{payload}"'
                ' style="max-width:100%"></p>'
            )
        text += ["", f"Charts: {len(figures)} (shown in the notebook)."]
    parts.append("</div>")
    return DashboardView("\n".join(parts), "\n".join(text))


def dashboard(
    folder: str | pathlib.Path, data_folder: str | pathlib.Path | None = None
) -> DashboardView:
    """The class dashboard of a folder of results files, to show in a notebook.

    ``data_folder`` holds the lessons' data files (default: the project's ``data`` folder,
    found from the notebook's folder); without it, prompts and question numbers are missing.
    """
    notes: list[str] = []
    lessons: dict[str, dict[str, Any]] = {}
    try:
        if data_folder is None:
            from lessonkit.learner.base import data_folder as find_data_folder

            data_folder = find_data_folder()
        lessons = load_lessons(data_folder)
    except Exception as error:  # the results must still show without the lesson data
        notes.append(
            f"The lesson data could not be read ({type(error).__name__}), so prompts and"
            " question numbers are missing."
        )
    return dashboard_parts(load_class(folder), lessons, notes)
