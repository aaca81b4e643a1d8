"""A learner's kernel stays lean: shared widget layouts and styles, no pandas for a word list.

benchmarks/ measures the cost (docs/performance.md); these tests keep the causes fixed.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import ipywidgets as w
import pandas as pd
import pytest

from lessonkit.learner.vocab import (
    GLOSSARY_COLUMNS,
    LEVEL_ORDER,
    glossary_rows,
    rows_csv,
    rows_html,
)
from lessonkit.learner.widgets import lean, shared

ROOT = pathlib.Path(__file__).resolve().parents[1]
ARTICLES = [
    json.loads(p.read_text(encoding="utf-8"))
    for p in sorted((ROOT / "data").glob("[0-9][0-9]-*.json"))
]
ARTICLES = [d for d in ARTICLES if d.get("glossary")]


def pandas_glossary(data: dict, pos: str, sort: str) -> pd.DataFrame:
    """The word list as the lessons made it with pandas before (the reference)."""
    rows = [
        {
            "word": g["word"],
            "to learn": "yes" if g.get("learn") == "yes" else "",
            "in the easier text": "yes" if g.get("in_easier") else "",
            "part of speech": g["pos"],
            "level": g["level"],
            "meaning": g["definition"],
            "example": g.get("own_example", ""),
            "paragraph": g["paragraph"],
            "frequency": g.get("zipf"),
        }
        for g in data.get("glossary", [])
    ]
    frame = pd.DataFrame(rows, columns=GLOSSARY_COLUMNS)
    if pos != "all":
        frame = frame[frame["part of speech"] == pos]
    if sort == "level":
        frame = frame.assign(_o=frame["level"].map(LEVEL_ORDER)).sort_values(["_o", "word"])
        frame = frame.drop(columns="_o")
    elif sort == "frequency":
        frame = frame.sort_values(["frequency", "word"], ascending=[False, True])
    else:
        frame = frame.sort_values("word", key=lambda s: s.str.lower())
    return frame.reset_index(drop=True)


HOSTILE = {
    "slug": "x",
    "glossary": [
        {
            "word": "a<b>&\"'\t",
            "pos": "noun",
            "level": "X9",
            "definition": 'x, "y"\nz\r',
            "paragraph": 1,
            "zipf": None,
        },
        {"word": "B", "pos": "noun", "level": "B1", "definition": "q", "paragraph": 2, "zipf": 3.0},
    ],
}


@pytest.mark.parametrize("data", [*ARTICLES, HOSTILE], ids=lambda d: d["slug"])
def test_word_list_table_and_csv_are_what_pandas_wrote(data):
    """Is the word list (every filter, every order) the same HTML and CSV as pandas made?"""
    kinds = sorted({g["pos"] for g in data["glossary"]})
    for pos in ["all", *kinds, "no such part"]:
        for sort in ("word", "level", "frequency"):
            frame = pandas_glossary(data, pos, sort)
            rows = glossary_rows(data, pos, sort)
            expected_html = frame.drop(columns="frequency").to_html(
                index=False, escape=True, border=0
            )
            assert rows_html(rows, GLOSSARY_COLUMNS[:-1]) == expected_html, (pos, sort)
            assert rows_csv(rows, GLOSSARY_COLUMNS) == frame.to_csv(index=False), (pos, sort)


def test_shared_layouts_and_styles_are_one_model_each():
    """Do widgets made with the same settings share one Layout and one Style, and is a closed
    shared model replaced rather than reused?"""
    a = lean(w.Button, description="a", layout={"width": "auto"})
    b = lean(w.Button, description="b", layout={"width": "auto"})
    c = lean(w.Button, description="c")
    assert a.layout is b.layout and a.style is b.style and a.layout is not c.layout
    assert a.layout.width == "auto" and c.layout.width is None
    assert lean(w.HTML, css="lk-x")._dom_classes == ("lk-x",)
    d = lean(w.Dropdown, options=["x"], style={"description_width": "initial"})
    assert d.style.description_width == "initial"
    layout = shared(w.Layout, width="auto")
    layout.close()
    assert shared(w.Layout, width="auto") is not layout


KERNEL_SCRIPT = """
import json, sys
import ipywidgets
from ipywidgets.widgets import widget
sent = []
send_state = ipywidgets.Widget.send_state
# Only a widget whose comm is open sends anything (anywidget adds its traits before that).
ipywidgets.Widget.send_state = lambda self, key=None: (
    sent.append(key) if self.comm is not None else None) or send_state(self, key)
from lessonkit import open_lesson, results
lesson = open_lesson(sys.argv[1])
for name in ("key_words", "article", "stats", "reader", "marked_article", "glossary",
             "flashcards", "quiz", "focus_quiz", "score"):
    getattr(lesson, name)()
results()
kinds = [type(x).__name__ for x in widget._instances.values()]
print(json.dumps({"pandas": "pandas" in sys.modules, "layouts": kinds.count("Layout"),
                  "widgets": len(kinds), "resent": len(sent)}))
"""


@pytest.mark.parametrize("slug", [d["slug"] for d in ARTICLES])
def test_an_article_lesson_imports_no_pandas_and_shares_layouts(slug, tmp_path):
    """Does a whole article lesson run without importing pandas, with a handful of Layout
    models (shared) rather than one per control, and without sending a widget's state again
    just after making it (CSS classes given at once)?"""
    done = subprocess.run(
        [sys.executable, "-c", KERNEL_SCRIPT, slug],
        cwd=ROOT / "notebooks",
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "LESSONKIT_PROGRESS": str(tmp_path / "p.sqlite3"),
            "PATH": "",
            "HOME": str(tmp_path),
        },
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["pandas"] is False
    assert found["layouts"] <= 10, found
    assert found["resent"] <= 8, found
