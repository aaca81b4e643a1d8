"""The build: notebook skeleton, navigation, attribution, freshness check, incremental build."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

from lessonkit.build.pipeline import ARTICLE_SECTIONS, build, check, render
from lessonkit.build.sources import load_project
from lessonkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SKELETON = [
    "navigation",
    "title",
    "attribution",
    "setup",
    "objectives",
    "before-you-read",
    "article",
    "stats",
    "vocabulary",
    "reader",
    "glossary",
    "flashcards",
    "comprehension",
    "quiz",
    "language-focus",
    "discussion",
    "key-points",
]


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the project's sources and generated files, to change freely."""
    for name in ("lessons", "vocab", "data", "notebooks", "exercises", "solutions", "samples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def parts(nb) -> list[str]:
    return [c.metadata["lessonkit"]["part"] for c in nb.cells]


def article_sources(project):
    return [s for s in project.lessons if s.article is not None]


def test_every_article_lesson_has_the_skeleton_in_order(project):
    """Does every article lesson have the same sections, in the same order?"""
    for source in article_sources(project):
        found = parts(render(project, source))
        positions = [found.index(p) for p in SKELETON]
        assert positions == sorted(positions), source.entry.slug
        assert found[-1] == "navigation"


def test_code_cells_are_short_and_hidden(project):
    """Are notebooks thin: code cells of at most three lines, inputs collapsed for learners?"""
    for source in project.lessons:
        for cell in render(project, source).cells:
            if cell.cell_type == "code":
                assert len(cell.source.splitlines()) <= 3, cell.source
                assert cell.metadata["jupyter"]["source_hidden"] is True


def test_navigation_links_follow_the_manifest(project):
    """Do previous / contents / next link to the neighbours in lessons.yml, and exist?"""
    slugs = [e.slug for e in project.manifest.lessons]
    for i, source in enumerate(project.lessons):
        nav = render(project, source).cells[0].source
        if i > 0:
            assert f"({slugs[i - 1]}.ipynb)" in nav and "Previous" in nav
        else:
            assert "Previous" not in nav
        if i + 1 < len(slugs):
            assert f"({slugs[i + 1]}.ipynb)" in nav and "Next" in nav
        else:
            assert "Next" not in nav
        for slug in slugs:
            if f"({slug}.ipynb" in nav:
                assert (ROOT / "notebooks" / f"{slug}.ipynb").exists()


def test_every_article_lesson_shows_full_attribution(project):
    """Does each lesson name the outlet, the writer (if known), the date and the rights?"""
    for source in article_sources(project):
        text = render(project, source).cells[parts(render(project, source)).index("attribution")]
        meta = source.article
        assert meta.outlet in text.source
        if meta.byline:
            assert meta.byline in text.source
        assert "belongs to its publisher" in text.source
        assert "non-commercial classroom use" in text.source


def test_contents_lists_every_lesson(project):
    """Does 00-start-here's contents table link every other lesson?"""
    start = render(project, project.lessons[0])
    text = "\n".join(c.source for c in start.cells)
    for entry in project.manifest.lessons[1:]:
        assert f"]({entry.slug}.ipynb)" in text


def test_committed_notebooks_are_executed_and_valid():
    """Are the committed notebooks executed (nbval needs outputs) and valid nbformat?"""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and all(c.execution_count for c in code), path.name
        assert "widgets" not in nb.metadata  # no random widget state in committed files
        text = path.read_text(encoding="utf-8")
        # No path of the machine that built it (the project folder, home, temporary files).
        assert str(ROOT) not in text and str(Path.home()) not in text
        assert tempfile.gettempdir() not in text


def test_check_passes_on_the_committed_project():
    """Is everything committed valid and fresh?"""
    assert check(ROOT) == []


def test_check_names_the_stale_notebook_after_a_glossary_edit(copy):
    """After editing a vocab CSV without rebuilding, does check fail and name the notebook?"""
    csv = copy / "vocab" / "01-geneva-summit.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8").replace("useful", "helpful", 1), encoding="utf-8"
    )
    problems = check(copy)
    assert any(p.startswith("notebooks/01-geneva-summit.ipynb is stale") for p in problems)
    assert any("data/01-geneva-summit.json is stale" in p for p in problems)
    assert not any("02-" in p for p in problems)


def test_check_command_exit_status(copy, capsys):
    """Does `lessonkit check` exit 0 when fresh and 1, naming the file, when stale?"""
    assert main(["check", "--root", str(copy)]) == 0
    (copy / "notebooks" / "03-rights-after-the-summit.ipynb").unlink()
    assert main(["check", "--root", str(copy)]) == 1
    assert "notebooks/03-rights-after-the-summit.ipynb is missing" in capsys.readouterr().err


def test_check_reports_a_bad_source_in_one_sentence(copy, capsys):
    """Does a broken source give one sentence naming file, line and field (no traceback)?"""
    manifest = copy / "lessons" / "lessons.yml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("level: B1", "level: B7"), encoding="utf-8"
    )
    assert main(["check", "--root", str(copy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lessonkit: lessons/lessons.yml, line ")
    assert "field 'lessons[2].level'" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_incremental_build_executes_only_the_changed_lesson(copy):
    """After changing one lesson's source, does build re-execute that lesson alone?"""
    lesson = copy / "lessons" / "02-sanctions-and-an-olive-branch" / "lesson.yml"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace(
            "key_points:", "key_points:\n- A new key point for the test.", 1
        ),
        encoding="utf-8",
    )
    log: list[str] = []
    built = build(copy, log=log.append)
    assert [p.name for p in built] == ["02-sanctions-and-an-olive-branch.ipynb"]
    assert sum("Executing" in line for line in log) == 1
    assert check(copy) == []
    nb = json.loads(built[0].read_text(encoding="utf-8"))
    assert any("A new key point for the test." in "".join(c["source"]) for c in nb["cells"])


def test_sections_are_small_functions():
    """Is the skeleton a list of small, separately testable functions?"""
    assert all(callable(f) for f in ARTICLE_SECTIONS)
