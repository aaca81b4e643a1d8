"""Tests for the browser backend of the progress store (lessonkit.learner.progress): the
JSON-lines file JupyterLite keeps on its drive, with the SQLite store's guarantees.

The backend is plain Python file access, so it is tested here on an ordinary disk; the site
test (tests/browser/test_site.py) checks it in Pyodide, across a page reload.
"""

from __future__ import annotations

import json
import pathlib
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.learner import progress
from lessonkit.learner.progress import (
    Attempt,
    BrowserProgressStore,
    ProgressStore,
    default_path,
)


def attempt(item: str = "q1", correct: bool = True, time: str = "") -> Attempt:
    return Attempt("01-x", item, "an answer", correct, False, 1.0 if correct else 0.0, time)


def test_a_jsonl_path_gives_the_browser_store_with_the_same_interface(tmp_path):
    """Does ProgressStore(path.jsonl) give the browser backend, with every public method of
    the SQLite store?"""
    store = ProgressStore(tmp_path / "p.jsonl")
    assert isinstance(store, BrowserProgressStore) and isinstance(store, ProgressStore)
    assert type(ProgressStore(tmp_path / "p.sqlite3")) is ProgressStore
    public = {n for n in dir(ProgressStore) if not n.startswith("_")}
    assert public <= set(dir(store))
    assert store.persistent and store.warning is None


def test_under_pyodide_the_default_is_the_browser_store_on_the_drive(tmp_path, monkeypatch):
    """In JupyterLite (sys.platform 'emscripten'), is the default store the browser one, on
    the drive the browser keeps?"""
    monkeypatch.delenv(progress.DEFAULT_ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert default_path() == pathlib.Path("/drive/.lessonkit/progress.jsonl")
    monkeypatch.setattr(progress, "BROWSER_DRIVE", tmp_path)
    store = ProgressStore()
    assert isinstance(store, BrowserProgressStore)
    assert store.path == tmp_path / ".lessonkit" / "progress.jsonl" and store.persistent


def test_round_trip_survives_reopening(tmp_path):
    """Is every attempt and card state on disk when record() returns, and read back by a new
    store (a reloaded page)?"""
    path = tmp_path / "p.jsonl"
    store = ProgressStore(path)
    assert store.record(attempt("q1", True)) and store.record(attempt("q1", False))
    assert store.save_card_state("card-1", '{"due": 1}')
    assert store.save_card_state("card-1", '{"due": 2}')
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"lessonkit": "progress", "version": 1} and len(lines) == 5
    again = ProgressStore(path)
    assert [(a.item, a.correct) for a in again.attempts("01-x")] == [("q1", True), ("q1", False)]
    assert again.latest("01-x")["q1"].correct is False
    assert again.first("01-x")["q1"].correct is True
    assert again.card_state("card-1") == '{"due": 2}'
    assert again.all_card_states() == {"card-1": '{"due": 2}'}
    assert again.attempts("another lesson") == []


def test_two_open_lessons_see_each_others_answers(tmp_path):
    """With two lessons open on the same file, does each see the other's answers?"""
    path = tmp_path / "p.jsonl"
    one, two = ProgressStore(path), ProgressStore(path)
    one.record(attempt("q1"))
    two.record(attempt("q2"))
    assert [a.item for a in one.attempts()] == ["q1", "q2"]
    assert [a.item for a in two.attempts()] == ["q1", "q2"]


def damaged_files() -> list[bytes]:
    header = b'{"lessonkit": "progress", "version": 1}\n'
    return [
        b"\x00\x01 not json\n",
        b"",
        header + b'{"attempt": ["too", "short"]}\n',
        header + b'{"attempt": ["l", "i", "a", "yes", false, 1.0, "t"]}\n',
        header + b'{"something": 1}\n',
        header + b'{"attempt": ["l", "i", "a", true, false, 1.0, "t"]',  # no end of line
        header + b"\xff\xfe\n",
        b'{"lessonkit": "progress"}\n',
    ]


def test_damaged_files_are_left_alone_and_the_quiz_keeps_working(tmp_path):
    """Is a damaged file never written, with a note for the learner, while answers are kept
    in memory?"""
    for n, content in enumerate(damaged_files()):
        path = tmp_path / f"p{n}.jsonl"
        path.write_bytes(content)
        store = ProgressStore(path)
        assert not store.persistent and "damaged" in store.warning, content
        assert store.record(attempt()) is False
        assert store.save_card_state("c", "{}") is False
        assert [a.item for a in store.attempts()] == ["q1"] and store.card_state("c") == "{}"
        assert path.read_bytes() == content


def test_file_from_a_newer_version_is_not_changed(tmp_path):
    """Is a file from a newer lessonkit left as it is, with a note?"""
    path = tmp_path / "p.jsonl"
    content = b'{"lessonkit": "progress", "version": 2}\n{"new": "kind"}\n'
    path.write_bytes(content)
    store = ProgressStore(path)
    assert not store.persistent and "newer version" in store.warning
    assert store.record(attempt()) is False and path.read_bytes() == content


def test_storage_full_in_the_middle_of_a_session(tmp_path, monkeypatch):
    """When the browser's storage is full (the write fails), does the learner get a note, the
    lesson keep working in memory, and the answers saved before stay?"""
    path = tmp_path / "p.jsonl"
    store = ProgressStore(path)
    assert store.record(attempt("q1"))
    real_open = pathlib.Path.open

    def full(self, mode="r", *args, **kwargs):
        if "a" in mode:
            raise OSError(28, "No space left on device")
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", full)
    assert store.record(attempt("q2")) is False
    assert not store.persistent and "could not be saved" in store.warning
    assert [a.item for a in store.attempts()] == ["q1", "q2"]
    monkeypatch.undo()
    assert [a.item for a in ProgressStore(path).attempts()] == ["q1"]


def test_read_only_file_old_answers_readable_new_ones_in_memory(tmp_path, monkeypatch):
    """A file that cannot be changed: are the earlier answers shown and new ones kept in
    memory, with a note?"""
    path = tmp_path / "p.jsonl"
    ProgressStore(path).record(attempt("q1"))
    before = path.read_bytes()
    real_open = pathlib.Path.open

    def read_only(self, mode="r", *args, **kwargs):
        if any(m in mode for m in "awx+"):
            raise PermissionError(13, "Read-only file system")
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", read_only)
    store = ProgressStore(path)
    assert not store.persistent and "cannot be changed" in store.warning
    assert store.record(attempt("q2")) is False
    assert [a.item for a in store.attempts()] == ["q1", "q2"]
    assert path.read_bytes() == before


def test_folder_that_cannot_be_created(tmp_path):
    """A store whose folder cannot be made: a note, and the quiz works in memory."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = ProgressStore(blocker / "sub" / "p.jsonl")
    assert not store.persistent and "cannot be opened or created" in store.warning
    assert store.record(attempt()) is False and len(store.attempts()) == 1


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(), score=st.floats(allow_nan=True, allow_infinity=True))
def test_any_text_round_trips(tmp_path, text, score):
    """Is any answer text (NUL, lone surrogates, new lines, U+2028) stored as valid UTF-8 and
    read back as the SQLite store would give it?"""
    path = tmp_path / "any.jsonl"
    path.unlink(missing_ok=True)
    store = ProgressStore(path)
    assert store.record(Attempt("l\n", text, text, True, False, score))
    (got,) = ProgressStore(path).attempts()
    cleaned = progress._clean_text(text)
    assert got.answer == cleaned and got.item == cleaned and got.lesson == "l\n"
    assert 0.0 <= got.score <= 1.0
    path.read_bytes().decode("utf-8")
