"""Gradebook CSV for Moodle and Canvas (``lessonkit results FOLDER --gradebook``)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from lessonkit.cli import main
from lessonkit.teacher.export import gradebook_csv, lesson_scores

ROOT = Path(__file__).resolve().parents[1]
LESSONS = {
    "01-a": {
        "title": "Lesson A",
        "questions": [{"id": "q1"}, {"id": "q2"}, {"id": "q3"}, {"id": "q4"}],
    },
    "02-b": {"title": "Lesson B", "questions": [{"id": "q1"}, {"id": "q2"}]},
}


def _row(learner, lesson, item, correct, time, group="7B", revealed=False):
    return {
        "learner": learner,
        "class": group,
        "lesson": lesson,
        "item": item,
        "answer": "x",
        "correct": correct,
        "revealed": revealed,
        "score": 1.0 if correct else 0.0,
        "time": time,
        "first_correct": correct,
        "file": f"{learner}.json",
    }


@pytest.fixture
def table():
    return pd.DataFrame(
        [
            # Ana: lesson A, 3 of 4 right in the end (q2 wrong first, then right); B not started.
            _row("Ana", "01-a", "q1", True, "2024-01-01T10:00:00Z"),
            _row("Ana", "01-a", "q2", False, "2024-01-01T10:01:00Z"),
            _row("Ana", "01-a", "q2", True, "2024-01-01T10:02:00Z"),
            _row("Ana", "01-a", "q3", True, "2024-01-01T10:03:00Z"),
            # Ben: q4 of A shown (never right); B one of two right.
            _row("Ben", "01-a", "q4", True, "2024-01-01T10:00:00Z", revealed=True),
            _row("Ben", "02-b", "q1", True, "2024-01-01T10:00:00Z"),
            _row("Ben", "02-b", "q2", False, "2024-01-01T10:00:00Z"),
        ]
    )


def test_scores_are_percent_of_the_lesson_right_in_the_end(table):
    columns, scores = lesson_scores(table, LESSONS)
    assert columns == [("01-a", "Lesson A"), ("02-b", "Lesson B")]
    assert scores[("Ana", "7B")] == {"01-a": 75.0}
    assert scores[("Ben", "7B")] == {"01-a": 0.0, "02-b": 50.0}


def test_moodle_gradebook(table):
    rows = list(csv.reader(io.StringIO(gradebook_csv(table, LESSONS, "moodle"))))
    assert rows == [
        ["Learner", "Class", "Lesson A (%)", "Lesson B (%)"],
        ["Ana", "7B", "75", ""],
        ["Ben", "7B", "0", "50"],
    ]


def test_canvas_gradebook(table):
    rows = list(csv.reader(io.StringIO(gradebook_csv(table, LESSONS, "canvas"))))
    assert rows[0] == [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "Lesson A",
        "Lesson B",
    ]
    assert rows[1] == ["Points Possible", "", "", "", "", "100", "100"]
    assert rows[2:] == [["Ana", "", "", "", "7B", "75", ""], ["Ben", "", "", "", "7B", "0", "50"]]


def test_a_name_like_a_formula_stays_text(table):
    table.loc[0:3, "learner"] = "=cmd()"
    text = gradebook_csv(table, LESSONS, "moodle")
    assert "'=cmd()" in text


def test_without_lesson_data_scores_are_of_the_questions_tried(table):
    columns, scores = lesson_scores(table, None)
    assert [key for key, _ in columns] == ["01-a", "02-b"]
    assert scores[("Ana", "7B")] == {"01-a": 100.0}


def test_gradebook_from_the_command_line(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    document = {
        "format": "lessonkit-results",
        "version": 1,
        "learner": "Ana Silva",
        "class": "7B",
        "attempts": [
            {
                "lesson": "01-geneva-summit",
                "item": "q2",
                "answer": "true",
                "correct": True,
                "revealed": False,
                "score": 1.0,
                "time": "2024-01-01T10:00:00+00:00",
                "first_correct": True,
            }
        ],
    }
    (folder / "ana.json").write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "grades.csv"
    argv = ["results", str(folder), "--gradebook", "canvas", "-o", str(out), "--root", str(ROOT)]
    assert main(argv) == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[1][0] == "Points Possible" and rows[2][0] == "Ana Silva" and rows[2][4] == "7B"
    data = json.loads((ROOT / "data" / "01-geneva-summit.json").read_text(encoding="utf-8"))
    score = float(rows[2][rows[0].index(data["title"])])
    # The lesson's questions: comprehension and language focus (the easier text is its own).
    size = len(data["questions"]) + len(data.get("focus_questions") or [])
    assert score == pytest.approx(100 / size, abs=0.05)
    assert "Wrote" in capsys.readouterr().out
