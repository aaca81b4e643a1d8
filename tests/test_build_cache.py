"""The build's fingerprint (lessonkit.build.cache): a no-op build stops early only when nothing
it reads or writes has changed since the last full build."""

from __future__ import annotations

import json

import pytest

from lessonkit.build import cache


@pytest.fixture
def project(tmp_path):
    """A small project shaped like the real one: sources, code and generated files."""
    files = {
        "lessons/lessons.yml": "lessons: []\n",
        "lessons/01-a/lesson.yml": "title: A\n",
        "vocab/01-a.csv": "word,definition\n",
        "src/lessonkit/learner/quiz.py": "x = 1\n",
        "data/wordnet.json": "{}\n",
        "data/01-a.json": "{}\n",
        "notebooks/01-a.ipynb": "{}\n",
        "solutions/01-a-answers.ipynb": "{}\n",
        "README.md": "# Project\n",
        "pyproject.toml": "[project]\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_no_cache_means_a_full_build(project):
    assert not cache.up_to_date(project)


def test_after_a_build_nothing_changed_is_up_to_date(project):
    cache.remember(project)
    assert cache.up_to_date(project)


@pytest.mark.parametrize(
    "name",
    [
        "lessons/01-a/lesson.yml",  # a source
        "vocab/01-a.csv",  # a glossary
        "src/lessonkit/learner/quiz.py",  # the code
        "data/wordnet.json",  # data the build reads
        "notebooks/01-a.ipynb",  # a generated notebook edited by hand
        "data/01-a.json",  # a generated data file
        "README.md",  # a document whose launch links the build writes
    ],
)
def test_any_change_means_a_full_build(project, name):
    cache.remember(project)
    (project / name).write_text("changed\n", encoding="utf-8")
    assert not cache.up_to_date(project)


def test_a_new_or_deleted_file_means_a_full_build(project):
    cache.remember(project)
    (project / "lessons" / "02-b").mkdir()
    (project / "lessons" / "02-b" / "lesson.yml").write_text("title: B\n", encoding="utf-8")
    assert not cache.up_to_date(project)
    cache.remember(project)
    (project / "solutions" / "01-a-answers.ipynb").unlink()
    assert not cache.up_to_date(project)


def test_a_library_upgrade_means_a_full_build(project, monkeypatch):
    cache.remember(project)
    saved = json.loads((project / cache.CACHE).read_text(encoding="utf-8"))
    saved["libraries"]["nltk"] = "0.0.1"
    (project / cache.CACHE).write_text(json.dumps(saved), encoding="utf-8")
    assert not cache.up_to_date(project)


def test_a_damaged_or_forgotten_cache_means_a_full_build(project):
    cache.remember(project)
    (project / cache.CACHE).write_text("{not json", encoding="utf-8")
    assert not cache.up_to_date(project)
    cache.remember(project)
    cache.forget(project)
    assert not (project / cache.CACHE).exists()
    assert not cache.up_to_date(project)


def test_caches_and_checkpoints_do_not_count(project):
    cache.remember(project)
    junk = project / "src" / "lessonkit" / "__pycache__" / "quiz.cpython-311.pyc"
    junk.parent.mkdir()
    junk.write_bytes(b"\0")
    assert cache.up_to_date(project)


def test_the_cli_stops_early_only_when_the_fingerprint_matches(project, monkeypatch, capsys):
    """``lessonkit build`` with a matching fingerprint prints one line and builds nothing;
    without one it runs the full build (here replaced, to see that it is called)."""
    from lessonkit import cli
    from lessonkit.build import links, pipeline, sources

    calls = []
    monkeypatch.setattr(pipeline, "build", lambda root, **kw: calls.append(kw))
    monkeypatch.setattr(links, "write_docs", lambda root, manifest: [])
    monkeypatch.setattr(sources, "load_manifest", lambda root: None)
    assert cli.main(["build", "--root", str(project)]) == 0
    assert len(calls) == 1 and cache.up_to_date(project)
    assert cli.main(["build", "--root", str(project)]) == 0
    assert len(calls) == 1
    assert "Nothing changed since the last build" in capsys.readouterr().out
    assert cli.main(["build", "--root", str(project), "--force"]) == 0
    assert len(calls) == 2
