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
    assert table.index == ["VOA", "Mediaite", "US site", "NPR"]
    assert all(words > 300 for words in table.column("words"))
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
    totals = [sum(values) for _, values in counts.rows]
    assert sum(counts.row("say").values()) >= 10 and totals == sorted(totals, reverse=True)
    examples = repr(verbs.reporting_examples())
    assert "urged" in examples and "paragraph" in examples


def test_tables_need_no_pandas_and_match_what_pandas_made():
    """Are the cross-article tables plain Python (the lessons run in a browser with no pandas),
    with the rows, columns and numbers the pandas versions had?"""
    import subprocess
    import sys

    code = (
        "import json, sys; from lessonkit.learner.lesson import Lesson\n"
        "for s in ('05-comparing-the-sources', '06-reporting-verbs'):\n"
        f"    d = json.load(open(r'{ROOT}/data/' + s + '.json', encoding='utf-8'))\n"
        "    l = Lesson(d)\n"
        "    if s[:2] == '05':\n"
        "        views = [l.compare_table(), l.quoted_table()]\n"
        "    else:\n"
        "        views = [l.reporting_counts()]\n"
        "    [v._repr_html_() + repr(v) for v in views]\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    import pandas as pd

    verbs = lesson("06-reporting-verbs")
    frame = pd.DataFrame.from_dict(verbs.data["reporting"]["verbs"], orient="index")
    frame = frame.fillna(0).astype(int)
    frame = frame.loc[frame.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    table = verbs.reporting_counts()
    assert table.index == list(frame.index) and table.columns == list(frame.columns)
    assert [values for _, values in table.rows] == frame.values.tolist()
    quoted = lesson("05-comparing-the-sources").quoted_table()
    html = quoted._repr_html_()
    assert html.startswith('<table class="lk-table">') and "<th scope='row'>Joe Biden</th>" in html
    assert repr(quoted).splitlines()[0].split() == ["who", "VOA", "Mediaite", "US", "site", "NPR"]
