"""Tests for the teacher's class dashboard (lessonkit.teacher.dashboard) and the sample class.

Map: the sample class in samples/class-results (read, problems, escaping, realism); the rules
of the pure tables on tiny hand-made tables (last attempt, shown answers, difficulty order,
most missed, lessons); charts; the dashboard's edge cases; the script (same bytes every run,
and the committed sample is what the script makes).
"""

from __future__ import annotations

import importlib.util
import math
import pathlib
import re
import sys

import pandas as pd
import pytest

from lessonkit.learner.progress import Attempt
from lessonkit.learner.results import TABLE_COLUMNS, ResultsReport, results_json
from lessonkit.teacher.dashboard import (
    DashboardView,
    charts,
    dashboard,
    dashboard_parts,
    figure_png,
    files_without_first,
    item_table,
    latest_attempts,
    learner_table,
    lesson_table,
    load_class,
    load_lessons,
    most_missed,
    where_text,
)

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "class-results"
DATA = ROOT / "data"
SCRIPT = ROOT / "scripts" / "make_sample_class.py"
TRUNCATED = "results-Sample_class_B1-B2-Kofi_Asante.json"
MARKUP = "Max <script>alert(1)</script>"


def _script():
    spec = importlib.util.spec_from_file_location("make_sample_class", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_sample_class", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample():
    return load_class(SAMPLE)


@pytest.fixture(scope="module")
def lessons():
    return load_lessons(DATA)


@pytest.fixture(scope="module")
def sample_view():
    return dashboard(SAMPLE, DATA)


# -- tiny hand-made tables -------------------------------------------------------------------

# A two-lesson course: evidence in the headline (0) and in paragraph 7.
TINY = {
    "01-one": {
        "slug": "01-one",
        "title": "Lesson one",
        "level": "B1",
        "questions": [
            {
                "id": "q1",
                "type": "choice",
                "skill": "literal",
                "prompt": "Who met?",
                "evidence": {"paragraph": 0, "quote": "x"},
            },
            {
                "id": "q2",
                "type": "tfng",
                "skill": "inference",
                "prompt": "Was it <b>long</b>?",
                "evidence": {"paragraph": 7, "quote": "y"},
            },
            {
                "id": "q3",
                "type": "short",
                "skill": "vocabulary",
                "prompt": "Which word?",
                "evidence": {"paragraph": 3, "quote": "z"},
            },
        ],
        "focus_questions": [
            {
                "id": "lf1",
                "type": "gap",
                "skill": "vocabulary",
                "prompt": "Fill the gap.",
                "evidence": {"paragraph": 2, "quote": "w"},
            },
        ],
    },
    "02-two": {
        "slug": "02-two",
        "title": "Lesson two",
        "level": "B2",
        "questions": [
            {
                "id": "q1",
                "type": "choice",
                "skill": "literal",
                "prompt": "Where?",
                "evidence": {"paragraph": 1, "quote": "v"},
            },
        ],
        "focus_questions": [],
    },
}


def attempt(
    learner, item, correct, *, lesson="01-one", revealed=False, minute=0, group="5B", first=None
):
    """One row of a results table; ``minute`` is minutes after 10:00 on 21 June 2021 UTC;
    ``first`` is the file's first_correct (None: a file made before that field)."""
    hour, minute = divmod(minute, 60)
    return {
        "learner": learner,
        "class": group,
        "lesson": lesson,
        "item": item,
        "answer": "x",
        "correct": correct,
        "revealed": revealed,
        "score": 1.0 if correct else 0.0,
        "time": f"2021-06-21T{10 + hour:02d}:{minute:02d}:00+00:00",
        "first_correct": first,
        "file": f"{learner}.json",
    }


def table(*rows):
    return pd.DataFrame(list(rows), columns=list(TABLE_COLUMNS))


# Each case: attempts of one learner at one item (in table order) -> (right, shown, attempts,
# tries to get it right).
LATEST_CASES = {
    "right first time": ([(True, False, 0)], (True, False, 1, 1.0)),
    "wrong then right": ([(False, False, 0), (True, False, 1)], (True, False, 2, 2.0)),
    "right then wrong: the last counts": (
        [(True, False, 0), (False, False, 1)],
        (False, False, 2, 1.0),
    ),
    "shown only": ([(False, True, 0)], (False, True, 1, math.nan)),
    "a shown attempt marked correct is still not right": (
        [(True, True, 0)],
        (False, True, 1, math.nan),
    ),
    "wrong, shown": ([(False, False, 0), (False, True, 1)], (False, True, 2, math.nan)),
    "shown, then checked right": ([(False, True, 0), (True, False, 1)], (True, True, 2, 2.0)),
    "rows out of time order": ([(True, False, 5), (False, False, 1)], (True, False, 2, 2.0)),
}


@pytest.mark.parametrize("attempts, expected", LATEST_CASES.values(), ids=LATEST_CASES.keys())
def test_latest_attempt_rules(attempts, expected):
    """Is an item right exactly when the last attempt by time is right and not a shown answer,
    and are tries and shown answers counted?"""
    rows = [attempt("Ana", "q1", c, revealed=r, minute=m) for c, r, m in attempts]
    latest = latest_attempts(table(*rows))
    assert len(latest) == 1
    row = latest.iloc[0]
    got = (bool(row["right"]), bool(row["shown"]), int(row["attempts"]), row["tries_to_right"])
    assert got[:3] == expected[:3]
    assert (math.isnan(got[3]) and math.isnan(expected[3])) or got[3] == expected[3]


def test_latest_attempt_compares_times_across_offsets():
    """Is 11:30+02:00 (09:30 UTC) earlier than 10:00Z, whatever the text says?"""
    early = attempt("Ana", "q1", False) | {"time": "2021-06-21T11:30:00+02:00"}
    late = attempt("Ana", "q1", True) | {"time": "2021-06-21T10:00:00Z"}
    latest = latest_attempts(table(late, early))
    assert bool(latest.iloc[0]["right"]) is True


def test_retry_then_right_counts_once_for_the_learner():
    """Does a learner who tried twice and then got it right have 1 answered, 1 right, 100%?"""
    rows = table(
        attempt("Ana", "q1", False, minute=0),
        attempt("Ana", "q1", False, minute=1),
        attempt("Ana", "q1", True, minute=2),
    )
    people = learner_table(rows, TINY)
    assert people[["learner", "answered", "right", "percent_right", "shown"]].to_dict(
        "records"
    ) == [{"learner": "Ana", "answered": 1, "right": 1, "percent_right": 100.0, "shown": 0}]


def test_revealed_counts_as_not_right_for_the_learner():
    """Does a shown answer count as answered, not right, and shown?"""
    rows = table(attempt("Ben", "q1", True), attempt("Ben", "q2", False, revealed=True, minute=1))
    row = learner_table(rows, TINY).iloc[0]
    assert (row["answered"], row["right"], row["percent_right"], row["shown"]) == (2, 1, 50.0, 1)


def test_learners_are_name_and_class_sorted_by_name():
    """Are two learners with one name in two classes two rows, in alphabetical order (accents
    and case ignored), with their last activity?"""
    rows = table(
        attempt("zoë", "q1", True, minute=5),
        attempt("Ana", "q1", True, group="5C", minute=9),
        attempt("Ana", "q1", False, group="5B"),
        attempt("Élodie", "q1", True),
    )
    people = learner_table(rows, TINY)
    assert list(zip(people["learner"], people["class"], strict=True)) == [
        ("Ana", "5B"),
        ("Ana", "5C"),
        ("Élodie", "5B"),
        ("zoë", "5B"),
    ]
    assert people.iloc[1]["last_activity"] == pd.Timestamp("2021-06-21T10:09:00Z")


def test_item_table_sorts_hardest_first():
    """Are questions sorted by difficulty (1 - share right), unanswered ones last, ties in lesson
    order, with prompt, type, paragraph, shown count and average tries from the right places?"""
    rows = table(
        # q2: 1 of 3 right (hardest); q1: 2 of 3; lf1: 2 of 3 (tie: q1 first); q3: 3 of 3.
        *[attempt(n, "q2", n == "A") for n in "ABC"],
        attempt("B", "q2", False, revealed=True, minute=3),
        *[attempt(n, "q1", n != "C") for n in "ABC"],
        *[attempt(n, "lf1", n != "A") for n in "ABC"],
        *[attempt(n, "q3", n != "A", minute=0) for n in "ABC"],
        attempt("A", "q3", True, minute=4),
    )
    items = item_table(rows, TINY)
    assert list(zip(items["lesson"], items["item"], strict=True)) == [
        ("01-one", "q2"),
        ("01-one", "q1"),
        ("01-one", "lf1"),
        ("01-one", "q3"),
        ("02-two", "q1"),
    ]
    first = items.iloc[0]
    assert (first["prompt"], first["type"], first["paragraph"], first["where"]) == (
        "Was it <b>long</b>?",
        "tfng",
        7,
        "paragraph 7",
    )
    assert (first["learners"], first["right"], first["shown"]) == (3, 1, 1)
    assert first["share_right"] == pytest.approx(1 / 3)
    assert first["difficulty"] == pytest.approx(2 / 3)
    assert items.iloc[2]["question"] == "Practice, question 1"
    assert items.iloc[3]["mean_tries"] == pytest.approx((2 + 1 + 1) / 3)
    assert items.iloc[4]["learners"] == 0 and math.isnan(items.iloc[4]["share_right"])


def test_first_right_comes_from_the_files_first_correct():
    """Does latest_attempts give first_right from the file (true / false), and <NA> for a file
    made before first_correct, beside right from the last attempt?"""
    rows = table(
        attempt("Ana", "q1", False, first=False),
        attempt("Ana", "q1", True, minute=1, first=False),
        attempt("Ben", "q1", True, first=True),
        attempt("Cy", "q1", True),
    )
    latest = latest_attempts(rows).set_index("learner")
    assert (bool(latest.loc["Ana", "right"]), bool(latest.loc["Ana", "first_right"])) == (
        True,
        False,
    )
    assert bool(latest.loc["Ben", "first_right"]) is True
    assert pd.isna(latest.loc["Cy", "first_right"])


def test_learner_table_right_the_first_time_beside_right_in_the_end():
    """Does a learner who got one question right only on the second try have 2 right in the
    end and 1 right the first time (50%), and a learner with an old file – and NaN?"""
    rows = table(
        attempt("Ana", "q1", True, first=True),
        attempt("Ana", "q2", False, minute=1, first=False),
        attempt("Ana", "q2", True, minute=2, first=False),
        attempt("Old", "q1", True),
    )
    people = learner_table(rows, TINY).set_index("learner")
    ana, old = people.loc["Ana"], people.loc["Old"]
    assert (ana["right"], ana["percent_right"]) == (2, 100.0)
    assert (ana["right_first"], ana["percent_right_first"]) == (1, 50.0)
    assert pd.isna(old["right_first"]) and math.isnan(old["percent_right_first"])


def test_hardest_questions_are_ranked_by_the_first_attempt():
    """Is a question everyone got right in the end, but few the first time, ranked above one
    that fewer got right in the end but more the first time (retries hide difficulty)?"""
    rows = table(
        # q1: 3 of 3 right in the end, 0 of 3 the first time.
        *[attempt(n, "q1", True, first=False) for n in "ABC"],
        # q2: 2 of 3 right in the end, 2 of 3 the first time.
        *[attempt(n, "q2", n != "C", first=n != "C") for n in "ABC"],
    )
    items = item_table(rows, TINY)
    assert list(items["item"][:2]) == ["q1", "q2"]
    first = items.iloc[0]
    assert (first["share_right"], first["right_first"], first["share_right_first"]) == (1.0, 0, 0.0)
    assert items.iloc[1]["share_right_first"] == pytest.approx(2 / 3)
    assert list(most_missed(rows, TINY)["item"]) == ["q1", "q2"]
    assert pd.isna(items.iloc[2]["right_first"])  # nobody answered: no figure


def test_first_time_shares_count_only_learners_whose_files_say():
    """With one new file and one old one, is the first-time share of the learners whose file
    says, while right in the end counts everyone?"""
    rows = table(attempt("A", "q1", True, first=False), attempt("Old", "q1", False))
    items = item_table(rows, TINY)
    item = items[(items["lesson"] == "01-one") & (items["item"] == "q1")].iloc[0]
    assert (item["learners"], item["share_right"]) == (2, 0.5)
    assert (item["right_first"], item["share_right_first"]) == (0, 0.0)


def test_lesson_table_mean_percent_right_the_first_time():
    """Does the lesson table average the learners' first-time percentages beside the end ones,
    with NaN for a lesson no file says anything about?"""
    rows = table(
        attempt("A", "q1", True, first=True),
        attempt("A", "q2", True, first=False),
        attempt("B", "q1", True, first=True),
        attempt("A", "q1", True, lesson="02-two"),
    )
    lessons = lesson_table(rows, TINY).set_index("lesson")
    assert lessons.loc["01-one", "mean_percent_right"] == 100.0
    assert lessons.loc["01-one", "mean_percent_right_first"] == 75.0
    assert math.isnan(lessons.loc["02-two", "mean_percent_right_first"])


def test_files_without_first_names_only_old_files():
    """Are exactly the files none of whose rows has first_correct named, sorted?"""
    rows = table(
        attempt("New", "q1", True, first=True),
        attempt("Old", "q1", True),
        attempt("Also old", "q2", False),
    )
    assert files_without_first(rows) == ["Also old.json", "Old.json"]
    assert files_without_first(table()) == []


def test_dashboard_says_when_first_time_figures_are_not_available():
    """Does the dashboard say first-time figures are not available for an old file, naming
    it, show – in its cells, and say nothing of the kind when every file has them?"""
    rows = table(attempt("New", "q1", True, first=True), attempt("Old", "q1", True))
    view = dashboard_parts(ResultsReport(rows, []), TINY)
    note = "Right the first time is not available for 1 file (Old.json)"
    assert note in view.text and note in view.html
    assert "1 problem" not in view.text  # a note, not a skipped file
    every_old = dashboard_parts(ResultsReport(table(attempt("Old", "q1", True)), []), TINY)
    assert "Right the first time is not available: the results files (Old.json)" in every_old.text
    new_only = dashboard_parts(
        ResultsReport(table(attempt("New", "q1", True, first=True)), []), TINY
    )
    assert "not available" not in new_only.text
    assert "% right the first time" in new_only.html and "% right in the end" in new_only.html


def test_old_results_file_on_disk_gives_the_note(tmp_path):
    """Read from a folder, does a results file without first_correct load and get the note?"""
    text = results_json(
        [Attempt("01-one", "q1", "x", True, False, 1.0, "2021-06-21T10:00:00+00:00")],
        learner="A",
        group="5B",
    )
    old = re.sub(r',\s*"first_correct": (true|false)', "", text)
    assert "first_correct" not in old
    (tmp_path / "old.json").write_text(old, encoding="utf-8")
    view = dashboard(tmp_path, tmp_path / "no-data-here")
    assert "Read 1 results file: 1 learner" in view.text
    assert "Right the first time is not available" in view.text


@pytest.mark.parametrize(
    "paragraph, expected", [(0, "the headline"), (7, "paragraph 7"), (None, ""), (math.nan, "")]
)
def test_where_text(paragraph, expected):
    """Is paragraph 0 called "the headline" and any other number "paragraph N"?"""
    assert where_text(paragraph) == expected


def test_most_missed_names_lesson_question_and_paragraph():
    """Does most_missed give the n hardest answered questions with lesson title, question
    number, prompt and the paragraph (or the headline) to look at?"""
    rows = table(
        attempt("A", "q1", False),
        attempt("B", "q1", False),
        attempt("A", "q2", False),
        attempt("B", "q2", True),
        attempt("A", "q3", True),
    )
    missed = most_missed(rows, TINY, n=2)
    assert missed[["title", "question", "prompt", "where"]].to_dict("records") == [
        {
            "title": "Lesson one",
            "question": "Comprehension, question 1",
            "prompt": "Who met?",
            "where": "the headline",
        },
        {
            "title": "Lesson one",
            "question": "Comprehension, question 2",
            "prompt": "Was it <b>long</b>?",
            "where": "paragraph 7",
        },
    ]
    assert len(most_missed(rows, TINY, n=10)) == 3  # never a question nobody answered


def test_lesson_table_started_finished_and_mean():
    """Does each lesson count learners who started and finished, and average their percent?"""
    rows = table(
        *[attempt("A", i, True) for i in ("q1", "q2", "q3", "lf1")],
        attempt("B", "q1", True),
        attempt("B", "q2", False),
        attempt("A", "q1", False, lesson="02-two"),
    )
    lessons = lesson_table(rows, TINY)
    assert lessons[["lesson", "items", "started", "finished", "mean_percent_right"]].to_dict(
        "records"
    ) == [
        {"lesson": "01-one", "items": 4, "started": 2, "finished": 1, "mean_percent_right": 75.0},
        {"lesson": "02-two", "items": 1, "started": 1, "finished": 1, "mean_percent_right": 0.0},
    ]


def test_unknown_items_are_left_out_and_counted():
    """Are attempts at items not in the lesson data left out of the tables, and does the
    dashboard say how many?"""
    rows = table(
        attempt("A", "q1", True),
        attempt("A", "q99", True),
        attempt("A", "q1", True, lesson="07-old"),
    )
    assert learner_table(rows, TINY).iloc[0]["answered"] == 1
    assert set(item_table(rows, TINY)["item"]) == {"q1", "q2", "q3", "lf1"}
    assert learner_table(rows, None).iloc[0]["answered"] == 3  # no lesson data: all count
    view = dashboard_parts(ResultsReport(rows, []), TINY)
    assert "2 attempts are at questions that are not in the lesson data" in view.text


# Each case: a table function -> how many rows it gives for no attempts, with the tiny
# lessons and without lesson data.
EMPTY_CASES = {
    "learners": (learner_table, 0, 0),
    "items: every question, nobody answered": (item_table, 5, 0),
    "most missed": (most_missed, 0, 0),
    "lessons: every lesson, nobody started": (lesson_table, 2, 0),
}


@pytest.mark.parametrize(
    "function, with_lessons, without", EMPTY_CASES.values(), ids=EMPTY_CASES.keys()
)
def test_empty_table(function, with_lessons, without):
    """Does every table function accept a table with no attempts, and give the right rows?"""
    assert len(function(table(), TINY)) == with_lessons
    assert len(function(table(), None)) == without


# -- charts ----------------------------------------------------------------------------------


def test_charts_have_plain_titles_labels_and_values():
    """Are there two figures (learners, questions) with titles, axis labels and a value
    written on every bar, and does a "$" in a name (matplotlib maths) still draw?"""
    rows = table(attempt("Ana $x^", "q1", True), attempt("Ben", "q2", False))
    figures = charts(rows, TINY)
    assert len(figures) == 2
    learners = figures[0].axes[0]
    assert learners.get_title() and learners.get_xlabel()
    assert [t.get_text() for t in learners.texts] == ["0% (0 of 1)", "100% (1 of 1)"]
    assert all(ax.get_title() and ax.get_ylabel() for ax in figures[1].axes)
    assert figures[1].axes[0].texts  # values on the bars
    assert figures[1].axes[0].get_legend() is None  # one kind of bar: no first-time figures
    for figure in figures:
        assert figure_png(figure).startswith(b"\x89PNG")
    assert charts(table(), TINY) == []


def test_charts_show_the_first_time_beside_the_end():
    """With first-time figures, does the learner chart add them to each label, and does the
    question chart draw two labelled kinds of bar told apart by a hatch, not colour alone?"""
    rows = table(
        attempt("Ana", "q1", False, first=False),
        attempt("Ana", "q1", True, minute=1, first=False),
        attempt("Ana", "q2", True, first=True),
    )
    learners, questions = charts(rows, TINY)
    assert [t.get_text() for t in learners.axes[0].texts] == ["100% (2 of 2); first time 50%"]
    axes = questions.axes[0]
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == ["Not right the first time", "Not right in the end"]
    assert any(patch.get_hatch() for patch in axes.patches)
    texts = [t.get_text() for t in axes.texts]  # Q1 Q2 Q3 P1 first time, then in the end
    assert texts == ["100%", "0%", "–", "–", "0%", "0%", "–", "–"]


# -- the sample class ------------------------------------------------------------------------


def test_sample_class_reads_enough_learners(sample):
    """Does the sample class give at least 25 learners, all in the sample class?"""
    assert sample.table["learner"].nunique() >= 25
    assert set(sample.table["class"]) == {"Sample class B1-B2"}


def test_sample_class_reports_only_the_truncated_file_by_name(sample):
    """Is the truncated file the one problem (named), and is the README not reported?"""
    assert len(sample.problems) == 1
    assert sample.problems[0].startswith(f"{TRUNCATED} was skipped: it is not complete")
    assert MARKUP in set(sample.table["learner"])


def test_sample_class_is_realistic(sample, lessons):
    """Are later lessons and inference questions harder, are there retries, shown answers and
    unfinished lessons, and are all times in the week of 21 June 2021 (UTC)?"""
    by_lesson = lesson_table(sample.table, lessons).set_index("lesson")["mean_percent_right"]
    assert by_lesson["01-geneva-summit"] > by_lesson["03-rights-after-the-summit"]
    assert by_lesson["01-geneva-summit"] > by_lesson["04-a-test-for-human-rights"]
    items = item_table(sample.table, lessons)
    skill = {(slug, i["id"]): i["skill"] for slug, d in lessons.items() for i in d["questions"]}
    items = items[items["section"] == "Comprehension"].copy()
    items["skill"] = [skill[(s, i)] for s, i in zip(items["lesson"], items["item"], strict=True)]
    by_skill = items.groupby("skill")["share_right"].mean()
    assert by_skill["inference"] < by_skill["literal"]
    latest = latest_attempts(sample.table)
    assert (latest["attempts"] > 1).sum() > 20
    assert 10 < sample.table["revealed"].sum() < len(sample.table) / 5
    lesson_rows = lesson_table(sample.table, lessons)
    begun = lesson_rows[lesson_rows["started"] > 0]
    assert len(begun) == 4
    assert (begun["finished"] < begun["started"]).all()
    people = learner_table(sample.table, lessons)
    assert people["percent_right"].min() < 60 < 90 < people["percent_right"].max()
    # Retrying pays: everyone's first-time share is at most their share in the end, and the
    # class as a whole gets clearly fewer right the first time.
    assert (people["percent_right_first"] <= people["percent_right"]).all()
    assert people["percent_right_first"].mean() < people["percent_right"].mean() - 5
    assert files_without_first(sample.table) == []
    assert latest["when"].min() >= pd.Timestamp("2021-06-21T00:00Z")
    assert latest["when"].max() < pd.Timestamp("2021-06-28T00:00Z")


def test_sample_readme_says_sample_data():
    """Does the README say it is sample data, invented, made by the script with a fixed seed,
    and how to regenerate it?"""
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    for phrase in (
        "SAMPLE DATA",
        "invented",
        "fixed seed",
        ".venv/bin/python scripts/make_sample_class.py",
        TRUNCATED,
    ):
        assert phrase in readme


# -- the dashboard ---------------------------------------------------------------------------


def test_dashboard_heading_counts_files_and_learners(sample_view, sample):
    """Does the heading give the number of files read and of learners?"""
    files, learners = sample.table["file"].nunique(), sample.table["learner"].nunique()
    assert isinstance(sample_view, DashboardView)
    assert f"Read {files} results files: {learners} learners" in sample_view.html
    assert f"Read {files} results files: {learners} learners" in repr(sample_view)
    assert sample_view._repr_html_() == sample_view.html


def test_dashboard_escapes_the_markup_name(sample_view):
    """Is the markup name shown as text (escaped) and never as a live script tag?"""
    assert "<script" not in sample_view.html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sample_view.html
    assert TRUNCATED in sample_view.html
    assert sample_view.html.count("<img ") == 2
    assert MARKUP in sample_view.text


def test_dashboard_escapes_file_names_and_answers(tmp_path):
    """Are a file name with markup (in the problems list) and a class with markup escaped?"""
    (tmp_path / "<img src=x onerror=alert(1)>.json").write_text("{", encoding="utf-8")
    text = results_json(
        [Attempt("01-one", "q1", "<i>x</i>", True, False, 1.0, "2021-06-21T10:00:00+00:00")],
        learner="A",
        group="<b>5B</b>",
    )
    (tmp_path / "a.json").write_text(text, encoding="utf-8")
    view = dashboard(tmp_path, tmp_path / "no-data-here")
    assert not re.search(r"<(img src=x|b>5B|i>x)", view.html)
    assert "&lt;img src=x onerror=alert(1)&gt;.json was skipped" in view.html
    assert "&lt;b&gt;5B&lt;/b&gt;" in view.html
    assert "The lesson data could not be read (FileNotFoundError)" in view.html


def test_dashboard_without_lesson_data_still_shows_results(tmp_path):
    """When a lesson data file is broken, are the results still shown, with a note?"""
    broken = tmp_path / "data"
    broken.mkdir()
    (broken / "01-one.json").write_text("{not json", encoding="utf-8")
    results = tmp_path / "results"
    results.mkdir()
    for path in sorted(SAMPLE.glob("results-*.json"))[:3]:
        (results / path.name).write_bytes(path.read_bytes())
    view = dashboard(results, broken)
    assert "The lesson data could not be read (JSONDecodeError)" in view.html
    assert "Read 3 results files: 3 learners" in view.html
    assert "01-geneva-summit" in view.html  # lessons by slug, as no titles are known


def test_dashboard_of_an_empty_folder(tmp_path):
    """Does an empty folder give a heading with no files and no learners, and no charts?"""
    view = dashboard(tmp_path, DATA)
    assert "Read 0 results files: 0 learners" in view.text
    assert "<img" not in view.html


# -- the sample class script ------------------------------------------------------------------


def test_script_is_deterministic(tmp_path):
    """Does running the script's core function twice give byte-identical files?"""
    make = _script().make_sample_class
    first = make(tmp_path / "one", DATA)
    second = make(tmp_path / "two", DATA)
    assert [p.name for p in first] == [p.name for p in second]
    assert len(first) >= 30
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_committed_sample_is_fresh(tmp_path):
    """Is samples/class-results exactly what the script makes from the current lesson data?
    (If not: run .venv/bin/python scripts/make_sample_class.py.)"""
    made = {p.name: p.read_bytes() for p in _script().make_sample_class(tmp_path, DATA)}
    committed = {p.name: p.read_bytes() for p in SAMPLE.iterdir() if p.is_file()}
    assert made == committed, "run .venv/bin/python scripts/make_sample_class.py"


def test_assessed_attempts_have_sections_of_their_own():
    """In a lesson in assessment mode, are the attempts saved at Finish (``<slug>:assessed``)
    counted in "(assessed)" sections beside the practice ones, under the key the quiz uses?"""
    import copy

    from lessonkit.learner import quiz

    assert quiz.ASSESSED == ":assessed"
    lessons = copy.deepcopy(TINY)
    lessons["01-one"]["assessment"] = True
    rows = table(
        attempt("A", "q1", True, lesson="01-one:assessed"),
        attempt("B", "q1", False, lesson="01-one:assessed"),
        attempt("A", "q1", False),
    )
    items = item_table(rows, lessons)
    assessed = items[items["lesson"] == "01-one:assessed"]
    row = assessed[assessed["item"] == "q1"].iloc[0]
    assert (row["learners"], row["right"]) == (2, 1)
    assert row["section"] == "Comprehension (assessed)"
    practice = items[(items["lesson"] == "01-one") & (items["item"] == "q1")].iloc[0]
    assert (practice["learners"], practice["right"]) == (1, 0)
    assert set(item_table(rows, TINY)["lesson"]) == {"01-one", "02-two"}  # no assessment
