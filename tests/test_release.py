"""The student release: no answer key in plain text anywhere, and grading still works."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lessonkit.build.release import release
from lessonkit.build.sources import load_project
from lessonkit.errors import LessonkitError
from lessonkit.learner.grading import grade
from lessonkit.learner.keys import hide_key, reveal_key, right_answer
from lessonkit.learner.lesson import Lesson

ROOT = Path(__file__).resolve().parents[1]
KEY_FIELDS = {
    "correct",
    "answer",
    "accept",
    "explanation",
    "evidence",
    "feedback",
    "right",
    "model_answer",
    "marking_notes",
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "bundle"
    release(ROOT, out, log=lambda _: None)
    return out


def source_secrets() -> list[str]:
    """Every explanation, option feedback, model answer and marking note, from the sources."""
    secrets = []
    for source in load_project(ROOT).lessons:
        if source.cross is not None:
            secrets += [q.explanation for q in source.cross.questions]
        if source.lesson is None:
            continue
        items = list(source.lesson.questions)
        if source.lesson.language_focus:
            items += source.lesson.language_focus.questions
        if source.worksheet:
            items += [i for s in source.worksheet.sections for i in s.items]
            secrets += [
                source.worksheet.writing.model_answer,
                source.worksheet.writing.marking_notes,
            ]
        for item in items:
            secrets.append(item.explanation)
            secrets += [o.feedback for o in getattr(item, "options", []) if o.feedback]
    return [s for s in secrets if len(s) > 25]


def bundle_items(bundle: Path):
    for path in sorted((bundle / "data").glob("[0-9][0-9]-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        groups = [data.get("questions") or [], data.get("focus_questions") or []]
        groups += [s["items"] for s in (data.get("worksheet") or {}).get("sections", [])]
        groups.append((data.get("adapted") or {}).get("questions") or [])
        listening = data.get("listening") or {}
        groups += [[listening[name]] for name in ("gist", "gaps") if name in listening]
        for group in groups:
            for item in group:
                yield data["slug"], item


def test_the_bundle_builds_on_binder_as_the_project_does(bundle):
    """Binder builds environment.yml, then runs postBuild, which installs the package from
    pyproject.toml and src/: without any of them a learner's lesson cannot import lessonkit."""
    for name in ("environment.yml", "postBuild", "pyproject.toml", "LICENSE"):
        assert (bundle / name).read_bytes() == (ROOT / name).read_bytes(), name
    assert os.access(bundle / "postBuild", os.X_OK), "postBuild is not executable"
    assert (bundle / "src" / "lessonkit" / "__init__.py").is_file()


def test_no_solutions_and_no_sources_in_the_bundle(bundle):
    """Does the bundle leave out solutions/, the lesson sources, glossary sources and tests?"""
    names = {p.relative_to(bundle).parts[0] for p in bundle.rglob("*")}
    assert {"notebooks", "exercises", "data", "src"} <= names
    assert not names & {"solutions", "lessons", "vocab", "tests", "samples"}
    assert not list(bundle.rglob("*answers.ipynb"))


def test_no_explanation_or_model_answer_appears_in_any_file(bundle):
    """Is every explanation, option feedback and model answer absent from every file?"""
    secrets = source_secrets()
    assert len(secrets) > 50
    for path in bundle.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".ipynb", ".md", ".py", ".yml", ".toml"):
            text = path.read_text(encoding="utf-8")
            leaked = [s[:40] for s in secrets if s in text or json.dumps(s)[1:-1] in text]
            assert not leaked, f"{path.relative_to(bundle)} holds {leaked[:3]}"


def test_no_key_is_stored_with_its_item(bundle):
    """Does no item in the bundle keep a correct flag, an answer, accepted answers, the pairs'
    right sides or the events in their right order?"""
    sources = {}
    for path in sorted((ROOT / "data").glob("[0-9][0-9]-*.json")):
        lesson = Lesson(json.loads(path.read_text(encoding="utf-8")))
        for group in lesson.item_groups():
            for i in group:
                sources[(lesson.slug, i["id"])] = i
    checked = 0
    for slug, item in bundle_items(bundle):
        flat = json.dumps({k: v for k, v in item.items() if k != "key"})
        assert not KEY_FIELDS & set(item), (slug, item["id"])
        assert '"correct"' not in flat and '"accept"' not in flat
        original = sources[(slug, item["id"])]
        if item["type"] == "order" and len(original["items"]) > 2:
            assert item["items"] != original["items"], (slug, item["id"])
        if item["type"] == "match":
            assert all(set(p) == {"left"} for p in item["pairs"])
        checked += 1
    assert checked == len(sources)


def test_every_item_grades_correctly_from_the_bundle(bundle, monkeypatch):
    """Without a browser: does every item of the bundle still grade its right answer right?"""
    monkeypatch.setenv("LESSONKIT_DATA", str(bundle / "data"))
    from lessonkit import open_lesson

    total = 0
    for path in sorted((ROOT / "data").glob("0[1-9]-*.json")):
        full = Lesson(json.loads(path.read_text(encoding="utf-8")))
        released = open_lesson(full.slug)
        for mine, theirs in zip(full.item_groups(), released.item_groups(), strict=True):
            for a, b in zip(mine, theirs, strict=True):
                assert grade(b, right_answer(a)).correct, (full.slug, a["id"])
                total += 1
    assert total > 60


def test_hide_and_reveal_round_trip():
    """Does reveal_key give back exactly what hide_key hid, and hide the correct flag?"""
    item = {
        "id": "q1",
        "type": "choice",
        "prompt": "P",
        "explanation": "Because.",
        "evidence": {"paragraph": 1, "quote": "q"},
        "options": [{"text": "a", "correct": True, "feedback": "yes"}, {"text": "b"}],
    }
    hidden = hide_key(item, "L")
    assert "correct" not in json.dumps(hidden) and "Because" not in json.dumps(hidden)
    assert reveal_key(hidden, "L") == item
    assert reveal_key(item, "L") == item


def test_release_refuses_a_folder_with_files(tmp_path):
    """Does release refuse to mix its bundle into a folder that already has files?"""
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(LessonkitError, match="not empty"):
        release(ROOT, tmp_path, log=lambda _: None)


def test_an_assessment_release_puts_every_quiz_in_assessment_mode(tmp_path, bundle):
    """Does `lessonkit release --assessment` mark every lesson's data for assessment mode (and
    a plain release none), so each quiz shows no right or wrong until Finish?"""
    from lessonkit.cli import main

    out = tmp_path / "assessed"
    assert main(["release", str(out), "--root", str(ROOT), "--assessment"]) == 0
    for path in sorted((out / "data").glob("[0-9][0-9]-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["assessment"] is True, path.name
        assert Lesson(data).assessment
        if data.get("questions"):
            assert Lesson(data).quiz().assessment
    for path in sorted((bundle / "data").glob("[0-9][0-9]-*.json")):
        assert "assessment" not in json.loads(path.read_text(encoding="utf-8")), path.name
