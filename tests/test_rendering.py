"""What a teacher sees when previewing a lesson on GitHub or nbviewer, with no kernel.

GitHub refuses to render a notebook whose ``metadata.widgets`` lacks the ``state`` key, and
neither GitHub nor nbviewer runs code: each widget's place must hold its friendly text (or a
plain table), and the article and the word list must be readable as they are. nbviewer renders
with nbconvert's HTML exporter, which these tests use too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = sorted(
    p.relative_to(ROOT)
    for folder in ("notebooks", "exercises", "solutions")
    for p in (ROOT / folder).glob("*.ipynb")
)
# What a widget's place shows when its text twin was left as Python made it.
RAW_REPR = re.compile(r"\b(VBox|HBox|Box|Output|HTML|Button|Label)\(|object at 0x")


def article_slugs() -> list[str]:
    return sorted(p.parent.name for p in (ROOT / "lessons").glob("*/article.md"))


@pytest.mark.parametrize("path", COMMITTED, ids=str)
def test_notebook_validates_and_github_can_render_it(path):
    """Is the notebook valid nbformat, with no widget metadata or with the 'state' key?"""
    nb = nbformat.read(ROOT / path, as_version=4)
    nbformat.validate(nb)
    widgets = nb.metadata.get("widgets")
    assert widgets is None or all("state" in v for v in widgets.values())


@pytest.mark.parametrize("path", COMMITTED, ids=str)
def test_every_output_reads_well_without_a_kernel(path):
    """Does each output have a plain-text form a reader can understand (no 'VBox(...)')?"""
    nb = nbformat.read(ROOT / path, as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                assert output.name == "stdout", f"{path}: an error was printed"
                continue
            assert output.output_type != "error", f"{path}: a cell failed"
            text = output.data.get("text/plain", "")
            assert text.strip(), f"{path}: an output with no text form"
            assert not RAW_REPR.search(text), f"{path}: {text[:60]!r}"
            assert "application/vnd.jupyter.widget-view+json" not in output.data


@pytest.mark.parametrize("slug", article_slugs())
def test_nbviewer_shows_the_article_and_the_word_list(slug):
    """Rendered as nbviewer does, does the lesson show the whole article, every word of the
    glossary with its meaning, and the questions' friendly stand-in text?"""
    from nbconvert import HTMLExporter

    nb = nbformat.read(ROOT / "notebooks" / f"{slug}.ipynb", as_version=4)
    html, _ = HTMLExporter().from_notebook_node(nb)
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    page = page.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    data = json.loads((ROOT / "data" / f"{slug}.json").read_text(encoding="utf-8"))
    blocks = [b for b in data["blocks"] if b["kind"] in ("paragraph", "turn")]
    assert blocks
    for block in blocks:
        words = re.sub(r"\s+", " ", block["text"])[:40]
        assert words in page, f"paragraph {block['n']} missing: {words!r}"
    for entry in data["glossary"]:
        assert entry["word"] in page and entry["definition"][:30] in page, entry["word"]
    assert f"Comprehension quiz: {len(data['questions'])} questions" in page
