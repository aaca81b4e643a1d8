"""Tests for learner result files and the teacher's folder reader (lessonkit.learner.results)."""

from __future__ import annotations

import csv
import io
import json
import os
import pathlib
import re
import shutil
import tempfile
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.learner.progress import Attempt
from lessonkit.learner.results import (
    COLUMNS,
    MAX_FILE_BYTES,
    REQUIRED_COLUMNS,
    RESULTS_FORMAT,
    RESULTS_VERSION,
    TABLE_COLUMNS,
    ResultsReport,
    read_results_dir,
    results_csv,
    results_document,
    results_filename,
    results_json,
)

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures" / "results"

# For every file in the catalogue: the problem lines it must give, and the rows it must keep.
CATALOGUE: dict[str, tuple[list[str], int]] = {
    "results-5B-Anna_Lee.json": ([], 3),
    "results-5B-Ben_Okafor.csv": ([], 2),
    "markup-name.json": ([], 1),
    "truncated.json": (
        ["truncated.json was skipped: it is not complete, correct JSON"
         " (problem at line 11, column 17)."],
        0,
    ),
    "wrong-types.json": (
        [
            'wrong-types.json, attempt 1 was skipped: "correct" is not true or false.',
            'wrong-types.json, attempt 2 was skipped: "score" is not a number from 0 to 1.',
            'wrong-types.json, attempt 3 was skipped: "time" is not a date and time.',
            "wrong-types.json, attempt 4 was skipped: it is not a set of fields.",
        ],
        1,
    ),
    "attempts-not-list.json": (
        ['attempts-not-list.json was skipped: "attempts" is missing or is not a list.'],
        0,
    ),
    "latin1.json": (["latin1.json was skipped: it is not UTF-8 text."], 0),
    "utf16.json": (["utf16.json was skipped: it is not UTF-8 text."], 0),
    "duplicates.json": (
        ["duplicates.json: 2 attempts were dropped because the same attempt was already read"
         " (same learner, lesson, item, time and answer)."],
        2,
    ),
    "other-header.csv": (
        ["other-header.csv was skipped: it is a CSV file, but its first line is not the"
         " lessonkit results header."],
        0,
    ),
    "wrong-format.json": (
        ["wrong-format.json was skipped: it is not a lessonkit results file."],
        0,
    ),
    "newer-version.json": (
        ["newer-version.json was skipped: it was made by a newer version of lessonkit"
         " (file version 99)."],
        0,
    ),
    "not-an-object.json": (
        ["not-an-object.json was skipped: it is not a lessonkit results file."],
        0,
    ),
    "empty.json": (["empty.json was skipped: it is empty."], 0),
    "missing-field.json": (['missing-field.json, attempt 1 was skipped: "time" is missing.'], 0),
    "bad-row.csv": (
        [
            'bad-row.csv, attempt 1 was skipped: "score" is not a number from 0 to 1.',
            "bad-row.csv, attempt 3 was skipped: it has the wrong number of cells.",
        ],
        1,
    ),
    "notes.txt": (
        ["notes.txt was skipped: it is not a lessonkit results file (JSON or CSV)."],
        0,
    ),
}  # fmt: skip


def _attempt(item: str, answer: str = "a", **changes: object) -> Attempt:
    values: dict[str, object] = dict(
        lesson="01-geneva-summit",
        item=item,
        answer=answer,
        correct=True,
        revealed=False,
        score=1.0,
        time="2025-03-10T09:00:00.000000+00:00",
    )
    values.update(changes)
    return Attempt(**values)  # type: ignore[arg-type]


# -- writing -------------------------------------------------------------------------------


def test_document_has_format_version_names_and_attempts() -> None:
    """Does the JSON file hold the format tag, version, name, class and every attempt field?"""
    attempts = [_attempt("q1", "peace"), _attempt("q2", "b", correct=False, score=0.0)]
    document = json.loads(results_json(attempts, learner=" Zoë Smith ", group="5B"))
    assert document == results_document(attempts, learner="Zoë Smith", group="5B")
    assert document["format"] == RESULTS_FORMAT == "lessonkit-results"
    assert document["version"] == RESULTS_VERSION == 1
    assert (document["learner"], document["class"]) == ("Zoë Smith", "5B")
    assert document["attempts"][1] == {
        "lesson": "01-geneva-summit",
        "item": "q2",
        "answer": "b",
        "correct": False,
        "revealed": False,
        "score": 0.0,
        "time": "2025-03-10T09:00:00.000000+00:00",
        "first_correct": False,
    }
    assert "Zoë" in results_json(attempts, learner="Zoë", group="5B")  # not \u00eb


def test_csv_header_and_formula_injection() -> None:
    """Does the CSV have the agreed header, and does every cell a spreadsheet would run as a
    formula (= + - @) get a leading apostrophe, while harmless cells stay as they are?"""
    answers = ["=1+1", "+1", "-1", "@SUM", "ok"]
    attempts = [_attempt(f"q{i}", answer) for i, answer in enumerate(answers)]
    text = results_csv(attempts, learner="=HYPERLINK(1)", group="@5B")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert rows[0] == list(COLUMNS)
    assert [row[4] for row in rows[1:]] == ["'=1+1", "'+1", "'-1", "'@SUM", "ok"]
    assert {(row[0], row[1]) for row in rows[1:]} == {("'=HYPERLINK(1)", "'@5B")}
    assert rows[1][5:8] == ["true", "false", "1.0"]


def test_first_correct_says_whether_the_first_attempt_was_right() -> None:
    """Does every row carry first_correct, the same for every row of one question and true
    only when the first attempt by time was right (a first "Show answer" is not)?"""
    attempts = [
        _attempt("q1", "late right", time="2025-03-10T09:05:00.000000+00:00"),
        _attempt("q1", "early wrong", correct=False, time="2025-03-10T09:01:00.000000+00:00"),
        _attempt("q2", "right", time="2025-03-10T09:02:00.000000+00:00"),
        _attempt("q2", "wrong later", correct=False, time="2025-03-10T09:03:00.000000+00:00"),
        _attempt("q3", "", correct=False, revealed=True, time="2025-03-10T09:04:00.000000+00:00"),
        _attempt("q3", "right", time="2025-03-10T09:06:00.000000+00:00"),
    ]
    rows = results_document(attempts, learner="A", group="5B")["attempts"]
    assert [(r["item"], r["first_correct"]) for r in rows] == [
        ("q1", False),
        ("q1", False),
        ("q2", True),
        ("q2", True),
        ("q3", False),
        ("q3", False),
    ]
    csv_rows = list(
        csv.DictReader(io.StringIO(results_csv(attempts, learner="A", group="5B").lstrip("\ufeff")))
    )
    assert [r["first_correct"] for r in csv_rows] == [
        "false",
        "false",
        "true",
        "true",
        "false",
        "false",
    ]
    assert COLUMNS[-1] == "first_correct" and COLUMNS[:-1] == REQUIRED_COLUMNS


def test_first_correct_round_trips_through_json_and_csv(tmp_path: pathlib.Path) -> None:
    """Does the teacher's reader give back first_correct as true / false from both downloads?"""
    attempts = [
        _attempt("q1", "x", correct=False, time="2025-03-10T09:00:00+00:00"),
        _attempt("q1", "y", time="2025-03-10T09:01:00+00:00"),
        _attempt("q2", "z", time="2025-03-10T09:02:00+00:00"),
    ]
    for name, body in (
        ("a.json", results_json(attempts, learner="Ann", group="5B")),
        ("a.csv", results_csv(attempts, learner="Ann", group="5B")),
    ):
        folder = tmp_path / name
        folder.mkdir()
        (folder / name).write_text(body, "utf-8")
        report = read_results_dir(folder)
        assert report.problems == []
        assert list(report.table["first_correct"]) == [False, False, True]
        assert str(report.table["first_correct"].dtype) == "boolean"


def test_files_made_before_first_correct_still_load(tmp_path: pathlib.Path) -> None:
    """Do a JSON file and a CSV file made before first_correct existed still load, every
    attempt kept, with first_correct empty (<NA>), not false?"""
    document = results_document([_attempt("q1")], learner="Old", group="5B")
    for row in document["attempts"]:
        del row["first_correct"]
    (tmp_path / "old.json").write_text(json.dumps(document), "utf-8")
    header = ",".join(REQUIRED_COLUMNS)
    row = "Older,5B,01-geneva-summit,q2,b,true,false,1.0,2025-03-10T09:00:00+00:00"
    (tmp_path / "old.csv").write_text(f"{header}\n{row}\n", "utf-8")
    report = read_results_dir(tmp_path)
    assert report.problems == []
    assert list(report.table["learner"]) == ["Older", "Old"]
    assert report.table["first_correct"].isna().all()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("yes", '"first_correct" is not true or false'),
        (1, '"first_correct" is not true or false'),
        (None, None),
        (True, None),
    ],
)
def test_first_correct_must_be_true_or_false(tmp_path: pathlib.Path, value, problem) -> None:
    """Is an attempt whose first_correct is there but not true or false skipped with a reason
    naming the field, while null means "not known" and is kept?"""
    document = results_document([_attempt("q1")], learner="A", group="5B")
    document["attempts"][0]["first_correct"] = value
    (tmp_path / "r.json").write_text(json.dumps(document), "utf-8")
    report = read_results_dir(tmp_path)
    if problem:
        assert report.problems == [f"r.json, attempt 1 was skipped: {problem}."]
        assert report.table.empty
    else:
        assert report.problems == [] and len(report.table) == 1


@pytest.mark.parametrize(
    ("learner", "group", "ext", "expected"),
    [
        ("Zoë Smith", "5B", "json", "results-5B-Zoe_Smith.json"),
        ("../../etc/passwd", "5B", ".csv", "results-5B-etcpasswd.csv"),
        ("<script>", "", "json", "results-class-script.json"),
        ("", "-rf", "json", "results-rf-learner.json"),
        ("李明", "a/b\\c", "j.s/o n", "results-abc-learner.json"),
    ],
)
def test_filename_is_safe(learner: str, group: str, ext: str, expected: str) -> None:
    """Is the download name made only of A-Z a-z 0-9 _ - (plus the dot before the type)?"""
    name = results_filename(learner, group, ext)
    assert name == expected
    assert re.fullmatch(r"results-[A-Za-z0-9_-]+-[A-Za-z0-9_-]+\.[A-Za-z0-9]+", name)


# -- reading the catalogue -----------------------------------------------------------------


def test_catalogue_is_complete() -> None:
    """Does the fixture folder hold exactly the catalogued files (8+ bad, 2+ good)?"""
    files = {p.name for p in FIXTURES.iterdir() if p.is_file()}
    assert files == set(CATALOGUE)
    assert sum(1 for problems, _ in CATALOGUE.values() if problems) >= 8
    assert sum(1 for problems, _ in CATALOGUE.values() if not problems) >= 2


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_each_catalogued_file_gives_its_report_line(name: str, tmp_path: pathlib.Path) -> None:
    """Read alone, does each catalogued file give exactly its problem lines and keep its rows?"""
    shutil.copy(FIXTURES / name, tmp_path / name)
    report = read_results_dir(tmp_path)
    expected_problems, expected_rows = CATALOGUE[name]
    assert report.problems == expected_problems
    assert len(report.table) == expected_rows
    assert list(report.table.columns) == list(TABLE_COLUMNS)
    assert set(report.table["file"]) <= {name}


def test_whole_catalogue_folder() -> None:
    """Read as one folder, are all lines reported, the subfolder ignored, and the good data
    (including markup, kept as plain text) in the table with the right types?"""
    report = read_results_dir(FIXTURES)
    expected = [line for name in sorted(CATALOGUE) for line in CATALOGUE[name][0]]
    assert sorted(report.problems) == sorted(expected)
    table = report.table
    assert len(table) == sum(rows for _, rows in CATALOGUE.values())
    assert "Old" not in set(table["learner"])  # it lives in subfolder/
    assert "<script>alert('hi')</script>" in set(table["learner"])
    assert "<b>bold</b>" in set(table["answer"])
    ben = table[table["learner"] == "Ben Okafor"]
    assert list(ben["answer"]) == ["=SUM(A1:A9)", "-5 degrees"]  # apostrophes removed again
    assert table["correct"].dtype == bool and table["revealed"].dtype == bool
    assert table["score"].dtype == float
    anna = table[table["learner"] == "Anna Lee"]
    assert list(anna["score"]) == [1.0, 0.0, 0.5] and list(anna["revealed"]) == [False, False, True]


def test_huge_file_is_skipped_without_reading_it(tmp_path: pathlib.Path) -> None:
    """Is a file over 5 MB skipped with a reason, and without loading it into memory? (The
    file is a valid results document padded with spaces, so only its size can stop it.)"""
    document = results_json([_attempt("q1")], learner="Big", group="5B")
    huge = tmp_path / "huge.json"
    with huge.open("w", encoding="utf-8") as out:
        out.write(document[:-2])
        for _ in range(20):
            out.write(" " * 1024 * 1024)
        out.write(document[-2:])
    assert json.loads(huge.read_text("utf-8"))["learner"] == "Big"
    assert huge.stat().st_size > MAX_FILE_BYTES
    tracemalloc.start()
    try:
        report = read_results_dir(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.problems == ["huge.json was skipped: it is too big (20.0 MB; the limit is 5 MB)."]
    assert report.table.empty
    assert peak < 8 * 1024 * 1024


def test_json_and_csv_of_the_same_learner_are_not_counted_twice(tmp_path: pathlib.Path) -> None:
    """A learner often hands in both downloads; is each attempt then in the table once, with
    the duplicates reported?"""
    attempts = [_attempt("q1", "x"), _attempt("q2", "y", time="2025-03-10T09:05:00+00:00")]
    (tmp_path / "a.json").write_text(results_json(attempts, learner="Ann", group="5B"), "utf-8")
    (tmp_path / "b.csv").write_text(results_csv(attempts, learner="Ann", group="5B"), "utf-8")
    report = read_results_dir(tmp_path)
    assert list(report.table["file"]) == ["a.json", "a.json"]
    assert report.problems == [
        "b.csv: 2 attempts were dropped because the same attempt was already read"
        " (same learner, lesson, item, time and answer)."
    ]


def test_empty_and_missing_folders(tmp_path: pathlib.Path) -> None:
    """Does an empty folder give an empty table with the right columns and no problems, and a
    missing folder a problem line instead of an error?"""
    report = read_results_dir(tmp_path)
    assert isinstance(report, ResultsReport)
    assert report.table.empty and report.problems == []
    assert list(report.table.columns) == list(TABLE_COLUMNS)
    missing = read_results_dir(tmp_path / "nope")
    assert missing.table.empty
    assert missing.problems == [f"The folder {tmp_path / 'nope'} could not be opened."]


def test_special_files_do_not_hang_the_reader(tmp_path: pathlib.Path) -> None:
    """Are a named pipe (which would block a read forever), a broken link, hidden files and
    subfolders passed over instead of hanging or crashing the reader?"""
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "gone.json").symlink_to(tmp_path / "does-not-exist")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01junk")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.json").write_text("{", "utf-8")
    report = read_results_dir(tmp_path)
    assert report.problems == [
        "gone.json was skipped: it is not a normal file.",
        "pipe.json was skipped: it is not a normal file.",
    ]


# -- property tests ------------------------------------------------------------------------

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=30)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def _in_fresh_folder(files: dict[str, bytes]) -> ResultsReport:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            pathlib.Path(folder, name).write_bytes(data)
        return read_results_dir(folder)


@SETTINGS
@given(data=st.binary(max_size=2000), name=st.sampled_from(["r.json", "r.csv", "r.txt", "r"]))
def test_arbitrary_bytes_never_crash_the_reader(data: bytes, name: str) -> None:
    """Whatever bytes a file holds, does read_results_dir return a report instead of raising?"""
    report = _in_fresh_folder({name: data})
    assert isinstance(report, ResultsReport)
    assert list(report.table.columns) == list(TABLE_COLUMNS)
    assert all(isinstance(problem, str) and name in problem for problem in report.problems)


@SETTINGS
@given(
    prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"learner,class,lesson,item,answer,"]),
    data=st.binary(max_size=500),
)
def test_arbitrary_bytes_after_a_plausible_start(prefix: bytes, data: bytes) -> None:
    """Do bytes that start like a CSV results file (or with a BOM) still never crash it?"""
    report = _in_fresh_folder({"r.csv": prefix + data, "r.json": b"{" + data})
    assert list(report.table.columns) == list(TABLE_COLUMNS)


@SETTINGS
@given(
    top=st.dictionaries(ANY_TEXT, JSON_VALUES, max_size=3),
    attempts=JSON_VALUES | st.lists(st.dictionaries(st.sampled_from(COLUMNS), JSON_VALUES)),
)
def test_arbitrary_json_structures_never_crash_the_reader(top: dict, attempts: object) -> None:
    """Does a results document with any JSON at all in it give rows or problem lines, never an
    exception, and does every attempt end up either as a row or as a problem line?"""
    document = {**top, "format": RESULTS_FORMAT, "version": 1, "learner": "L", "class": "C"}
    document["attempts"] = attempts
    text = json.dumps(document, allow_nan=True)
    report = _in_fresh_folder({"r.json": text.encode("utf-8")})
    if isinstance(attempts, list):
        dropped = sum(int(p.split()[1]) for p in report.problems if "dropped" in p)
        assert len(report.table) + len(report.problems) - (dropped > 0) + dropped == len(attempts)


@SETTINGS
@given(
    answers=st.lists(ANY_TEXT, min_size=1, max_size=5),
    learner=ANY_TEXT,
    group=ANY_TEXT,
    scores=st.floats(0, 1),
)
def test_results_files_round_trip(answers: list[str], learner: str, group: str, scores: float):
    """Do the JSON and the CSV download, read back by the teacher's reader, give the same rows
    for any text, including formula-like cells? (Lone surrogates become U+FFFD in both, and
    NUL becomes U+FFFD in the CSV only, since spreadsheets cannot hold it.)"""
    attempts = [
        _attempt(f"q{i}", answer, score=scores, time=f"2025-03-10T09:{i:02d}:00+00:00")
        for i, answer in enumerate(answers)
    ]

    def clean(text: str, nul: bool) -> str:
        text = re.sub("[\ud800-\udfff]", "\ufffd", text)
        return text.replace("\x00", "\ufffd") if nul else text

    for name, body, nul in (
        ("r.json", results_json(attempts, learner=learner, group=group), False),
        ("r.csv", results_csv(attempts, learner=learner, group=group), True),
    ):
        report = _in_fresh_folder({name: body.encode("utf-8")})
        assert report.problems == []
        table = report.table
        assert list(table["answer"]) == [clean(a, nul) for a in answers]
        assert set(table["learner"]) == {clean(learner, nul).strip()}
        assert set(table["class"]) == {clean(group, nul).strip()}
        assert list(table["score"]) == [scores] * len(answers)
