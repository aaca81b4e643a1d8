"""The views of the two lessons on all the articles, from their committed data files."""

from __future__ import annotations

import json
from pathlib import Path

from lessonkit.learner.lesson import Lesson

ROOT = Path(__file__).resolve().parents[1]


def lesson(slug: str) -> Lesson:
    return Lesson(json.loads((ROOT / "data" / f"{slug}.json").read_text(encoding="utf-8")))


def test_compare_views_cover_all_four_articles():
    """Do the comparison table, headlines and only-here words name all four articles?"""
    compare = lesson("05-comparing-the-sources")
    table = compare.compare_table()
    assert list(table.index) == ["VOA", "Mediaite", "US site", "NPR"]
    assert (table["words"] > 300).all()
    for view in (compare.headlines(), compare.only_here()):
        for name in ("VOA", "Mediaite", "US site", "NPR"):
            assert name in repr(view)
    assert "Joe Biden" in compare.quoted_table().index


def test_timeline_is_in_time_order_with_lesson_links():
    """Is the timeline sorted by date, each event linking to the lesson that tells it?"""
    compare = lesson("05-comparing-the-sources")
    dates = [e["date"] for e in compare.data["timeline"]]
    assert dates == sorted(dates) and len(dates) >= 5
    assert all(f"{e['lesson']}.ipynb" in compare.timeline().html for e in compare.data["timeline"])


def test_reporting_views():
    """Does the reporting-verbs lesson count verbs per article and show examples per verb?"""
    verbs = lesson("06-reporting-verbs")
    counts = verbs.reporting_counts()
    assert counts.loc["say"].sum() >= 10 and counts.sum(axis=1).is_monotonic_decreasing
    examples = repr(verbs.reporting_examples())
    assert "urged" in examples and "paragraph" in examples
