"""Tests for the learner's progress store (lessonkit.learner.progress): saving, damage."""

from __future__ import annotations

import json
import os
import pathlib
import pwd
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.learner.progress import (
    DEFAULT_ENV,
    Attempt,
    ProgressStore,
    default_path,
    first_and_last,
    first_right_by_item,
    is_right,
)

SRC = pathlib.Path(__file__).resolve().parents[1] / "src"

WRITER = """
import pathlib, sys, time
from lessonkit.learner.progress import Attempt, ProgressStore

db, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
while go != "-" and not pathlib.Path(go).exists():
    time.sleep(0.001)
store = ProgressStore(db)
for i in range(count):
    if store.record(Attempt("news", f"{name}-{i}", "answer " * 30, i % 2 == 0, False, 0.5)):
        print(i, flush=True)
store.close()
"""


def _attempt(item: str, lesson: str = "01-geneva-summit", **changes: object) -> Attempt:
    values: dict[str, object] = dict(
        lesson=lesson, item=item, answer="a", correct=True, revealed=False, score=1.0
    )
    values.update(changes)
    return Attempt(**values)  # type: ignore[arg-type]


def _writer(tmp_path: pathlib.Path, *args: str) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, str(script), *args], stdout=subprocess.PIPE, text=True, env=env
    )


def _quick_check(path: pathlib.Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchall()
    finally:
        conn.close()


def _items_on_disk(path: pathlib.Path) -> set[str]:
    with ProgressStore(path) as store:
        assert store.warning is None
        return {a.item for a in store.attempts()}


# -- ordinary use --------------------------------------------------------------------------


def test_round_trip_survives_reopening(tmp_path: pathlib.Path) -> None:
    """Do attempts and card states written in one session come back, in time order, later?"""
    db = tmp_path / "progress.sqlite3"
    with ProgressStore(db) as store:
        assert store.warning is None and store.persistent
        first = _attempt("q1", answer="peace talks", time="2025-03-10T09:00:00.000000+00:00")
        second = _attempt("q2", correct=False, revealed=True, score=0.0)
        other = _attempt("q1", lesson="02-floods", score=0.25)
        assert store.record(second) is True
        assert store.record(first) is True
        assert store.record(other) is True
        assert store.save_card_state("card-ambassador", '{"due": "2025-03-11"}') is True
        assert store.save_card_state("card-ambassador", '{"due": "2025-03-12"}') is True

    with ProgressStore(db) as store:
        everything = store.attempts()
        assert [a.item for a in everything] == ["q1", "q2", "q1"]
        assert everything[0] == first  # a given time is kept as it is
        assert everything[1].time and everything[1].revealed and everything[1].score == 0.0
        assert [a.lesson for a in store.attempts("02-floods")] == ["02-floods"]
        assert store.attempts("no-such-lesson") == []
        assert store.card_state("card-ambassador") == '{"due": "2025-03-12"}'
        assert store.card_state("card-unknown") is None
        assert store.all_card_states() == {"card-ambassador": '{"due": "2025-03-12"}'}


def test_latest_gives_the_last_attempt_per_item(tmp_path: pathlib.Path) -> None:
    """When a lesson is opened again, is the last answer to each item (the score shown) found?"""
    db = tmp_path / "progress.sqlite3"
    with ProgressStore(db) as store:
        store.record(_attempt("q1", answer="wrong", correct=False, score=0.0))
        store.record(_attempt("q1", answer="right", score=1.0))
        store.record(_attempt("q2", answer="half", score=0.5))
        store.record(_attempt("q1", lesson="02-floods", answer="other lesson"))
    with ProgressStore(db) as store:
        latest = store.latest("01-geneva-summit")
    assert sorted(latest) == ["q1", "q2"]
    assert latest["q1"].answer == "right" and latest["q1"].score == 1.0
    assert latest["q2"].answer == "half"


def test_first_gives_the_first_attempt_per_item(tmp_path: pathlib.Path) -> None:
    """Is the first answer to each item of a lesson found, across reopening the file?"""
    db = tmp_path / "progress.sqlite3"
    with ProgressStore(db) as store:
        store.record(_attempt("q1", answer="wrong", correct=False, score=0.0))
        store.record(_attempt("q1", answer="right", score=1.0))
        store.record(_attempt("q2", lesson="02-floods", answer="other lesson"))
    with ProgressStore(db) as store:
        first = store.first("01-geneva-summit")
    assert sorted(first) == ["q1"] and first["q1"].answer == "wrong"


def _timed(item: str, minute: int, **changes: object) -> Attempt:
    return _attempt(item, time=f"2021-06-21T10:{minute:02d}:00.000000+00:00", **changes)


def test_is_right() -> None:
    """Is an attempt right only when it was checked right, never when the answer was shown?"""
    assert is_right(_attempt("q1"))
    assert not is_right(_attempt("q1", correct=False))
    assert not is_right(_attempt("q1", revealed=True))  # shown, even if marked correct


def test_first_and_last_by_time_per_lesson_and_item() -> None:
    """Are the first and last attempts found by time (not by list order), per lesson and item,
    with equal times kept in the order given?"""
    attempts = [
        _timed("q1", 5, answer="late"),
        _timed("q1", 1, answer="early"),
        _timed("q1", 3, answer="middle"),
        _timed("q1", 2, lesson="02-floods", answer="other lesson"),
        _timed("q2", 4, answer="tie one"),
        _timed("q2", 4, answer="tie two"),
    ]
    found = first_and_last(attempts)
    assert {k: (f.answer, la.answer) for k, (f, la) in found.items()} == {
        ("01-geneva-summit", "q1"): ("early", "late"),
        ("02-floods", "q1"): ("other lesson", "other lesson"),
        ("01-geneva-summit", "q2"): ("tie one", "tie two"),
    }
    assert first_and_last([]) == {}


def test_first_right_by_item() -> None:
    """Is a question right the first time only when its first attempt was right: wrong then
    right is not, right then wrong is, and a first "Show answer" is not?"""
    attempts = [
        _timed("wrong-then-right", 1, correct=False),
        _timed("wrong-then-right", 2),
        _timed("right-then-wrong", 1),
        _timed("right-then-wrong", 2, correct=False),
        _timed("shown-then-right", 1, correct=False, revealed=True),
        _timed("shown-then-right", 2),
    ]
    assert first_right_by_item(attempts) == {
        ("01-geneva-summit", "wrong-then-right"): False,
        ("01-geneva-summit", "right-then-wrong"): True,
        ("01-geneva-summit", "shown-then-right"): False,
    }


def test_env_var_changes_the_default_path(tmp_path: pathlib.Path, monkeypatch) -> None:
    """Does LESSONKIT_PROGRESS choose the file, and is ~/.lessonkit/ used when it is not set?"""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv(DEFAULT_ENV, raising=False)
    assert default_path() == tmp_path / "home" / ".lessonkit" / "progress.sqlite3"

    chosen = tmp_path / "elsewhere" / "anna.sqlite3"
    monkeypatch.setenv(DEFAULT_ENV, str(chosen))
    assert default_path() == chosen
    with ProgressStore() as store:
        assert store.path == chosen
        assert store.record(_attempt("q1"))
    assert chosen.is_file()

    monkeypatch.setenv(DEFAULT_ENV, "~/p.sqlite3")
    assert default_path() == tmp_path / "home" / "p.sqlite3"


def test_parent_folders_are_created(tmp_path: pathlib.Path) -> None:
    """Does the store create missing parent folders for its file?"""
    db = tmp_path / "a" / "b" / "c" / "progress.sqlite3"
    with ProgressStore(db) as store:
        assert store.warning is None
        assert store.record(_attempt("q1"))
    assert db.is_file()
    assert _quick_check(db) == [("ok",)]


# -- two notebooks, killed kernels ---------------------------------------------------------


def test_two_processes_writing_at_once_lose_nothing(tmp_path: pathlib.Path) -> None:
    """With two notebooks writing 200 attempts each at the same moment, is every acknowledged
    attempt in the file? (Both processes create the schema at the same time, too.)"""
    db = tmp_path / "progress.sqlite3"
    go = tmp_path / "go"
    writers = [_writer(tmp_path, str(db), name, "200", str(go)) for name in ("left", "right")]
    time.sleep(0.5)  # both interpreters are started and waiting
    go.touch()
    acknowledged = set()
    for name, proc in zip(("left", "right"), writers, strict=True):
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        acknowledged |= {f"{name}-{line}" for line in out.split()}
    # Nothing may fall back to memory just because the other notebook holds the lock.
    assert len(acknowledged) == 400
    assert acknowledged <= _items_on_disk(db)
    assert _quick_check(db) == [("ok",)]


def test_writer_killed_mid_write_loses_no_acknowledged_attempt(tmp_path: pathlib.Path) -> None:
    """If the kernel is killed (SIGKILL) while writing, is the file still sound afterwards and
    is every attempt that record() acknowledged still there? Three kills, at different times."""
    db = tmp_path / "progress.sqlite3"
    acknowledged: set[str] = set()
    for round_number, wanted in enumerate((20, 57, 133)):
        name = f"run{round_number}"
        proc = _writer(tmp_path, str(db), name, "1000000", "-")
        assert proc.stdout is not None
        for count, line in enumerate(proc.stdout, start=1):
            acknowledged.add(f"{name}-{line.strip()}")
            if count >= wanted:
                break
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL  # killed while still in its writing loop
        acknowledged |= {f"{name}-{line}" for line in rest.split()}

    assert _quick_check(db) == [("ok",)]
    with ProgressStore(db) as store:
        assert store.warning is None and store.persistent
        on_disk = {a.item for a in store.attempts()}
    assert len(acknowledged) >= 20 + 57 + 133
    assert acknowledged <= on_disk


# -- damaged files -------------------------------------------------------------------------


def _real_db_bytes(tmp_path: pathlib.Path) -> bytes:
    source = tmp_path / "source.sqlite3"
    with ProgressStore(source) as store:
        for i in range(1500):
            store.record(_attempt(f"q{i}", answer=f"answer number {i} " * 5))
    data = source.read_bytes()
    assert len(data) > 40 * 4096  # many pages, so "the middle" is real table data
    return data


def _damage(kind: str, tmp_path: pathlib.Path) -> bytes:
    rng = random.Random(kind)
    if kind == "random bytes":
        return rng.randbytes(8192)
    data = bytearray(_real_db_bytes(tmp_path))
    if kind == "middle pages overwritten":
        start, end = len(data) // 3, 2 * len(data) // 3
        data[start:end] = rng.randbytes(end - start)
        return bytes(data)
    return bytes(data[: len(data) // 2])  # truncated


def test_damaged_files_are_left_alone_and_quiz_keeps_working(tmp_path: pathlib.Path) -> None:
    """For random bytes, a real database with its middle pages overwritten, and a truncated
    database: does the store open without raising, warn naming the file, keep new answers in
    memory, and leave the damaged file's bytes exactly as they were?"""
    for kind in ("random bytes", "middle pages overwritten", "truncated"):
        db = tmp_path / f"{kind.replace(' ', '-')}.sqlite3"
        db.write_bytes(_damage(kind, tmp_path))
        before = db.read_bytes()

        store = ProgressStore(db)
        assert store.warning is not None, kind
        assert str(db) in store.warning and "damaged" in store.warning
        assert "has not been changed" in store.warning
        assert not store.persistent
        assert store.record(_attempt("q1", answer="kept")) is False
        assert store.save_card_state("c1", "{}") is False
        assert [a.answer for a in store.attempts("01-geneva-summit")] == ["kept"]
        assert store.latest("01-geneva-summit")["q1"].answer == "kept"
        assert store.card_state("c1") == "{}" and store.all_card_states() == {"c1": "{}"}
        store.close()

        assert db.read_bytes() == before, kind


def test_disk_error_in_the_middle_of_a_session(tmp_path: pathlib.Path) -> None:
    """If the disk starts failing after the store was opened (e.g. the disk is full), does
    record() return False without raising, warn, and keep both the old and the new answers
    visible? (The failure is injected: a real full disk cannot be made in a test.)"""
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert store.record(_attempt("q1", answer="saved"))
    real = store._conn

    class FullDisk:
        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if sql.startswith("BEGIN"):
                raise sqlite3.OperationalError("database or disk is full")
            return real.execute(sql, *args)  # type: ignore[union-attr]

        def close(self) -> None:
            real.close()  # type: ignore[union-attr]

    store._conn = FullDisk()  # type: ignore[assignment]
    assert store.record(_attempt("q2", answer="in memory")) is False
    assert store.save_card_state("c1", "{}") is False
    assert store.warning is not None and str(store.path) in store.warning
    assert not store.persistent
    assert [a.answer for a in store.attempts()] == ["saved", "in memory"]
    assert store.card_state("c1") == "{}"
    store.close()
    assert [a.answer for a in ProgressStore(store.path).attempts()] == ["saved"]


def test_file_from_a_newer_version_is_not_changed(tmp_path: pathlib.Path) -> None:
    """Is a file whose schema version is newer than ours read but never written?"""
    db = tmp_path / "progress.sqlite3"
    with ProgressStore(db) as store:
        store.record(_attempt("q1", answer="old"))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with ProgressStore(db) as store:
        assert store.warning is not None and "newer version" in store.warning
        assert store.record(_attempt("q2", answer="new")) is False
        assert [a.answer for a in store.attempts()] == ["old", "new"]
    assert db.read_bytes() == before


# -- read-only files -----------------------------------------------------------------------


def _as_learner(check):
    """Run check() as an ordinary user and return its JSON-able result.

    As root, chmod does not stop writes, so a read-only file cannot be tested honestly. The
    check then runs in a forked child that gives up root (setuid to "nobody"), where the
    kernel really refuses the writes, exactly as for a learner. The child imports nothing new
    after dropping root, because the interpreter's own files may not be readable by nobody.
    """
    if os.geteuid() != 0:
        return check()
    try:
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
    except KeyError:
        uid = gid = 65534
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
            result = {"value": check()}
        except BaseException as error:
            result = {"error": f"{type(error).__name__}: {error}"}
        try:
            with os.fdopen(write_end, "w") as out:
                json.dump(result, out)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as data:
        result = json.loads(data.read() or '{"error": "child wrote nothing"}')
    os.waitpid(pid, 0)
    assert "error" not in result, result["error"]
    return result["value"]


def test_read_only_file_old_answers_readable_new_ones_in_memory() -> None:
    """With a read-only file (0o444), in a read-only folder (0o555) and in a writable one
    (0o777): are earlier attempts and cards readable, are new ones kept in memory with a
    warning, and are the file's bytes unchanged? Runs as a real non-root user (see
    _as_learner); a temporary folder outside pytest's 0o700 tmp_path lets that user in."""
    for folder_mode in (0o555, 0o777):
        base = pathlib.Path(tempfile.mkdtemp(prefix="lessonkit-ro-"))
        folder = base / "learner"
        try:
            base.chmod(0o755)
            folder.mkdir()
            db = folder / "progress.sqlite3"
            with ProgressStore(db) as store:
                for item in ("q1", "q2", "q3"):
                    store.record(_attempt(item, answer=f"old {item}"))
                store.save_card_state("c1", '{"old": true}')
            before = db.read_bytes()
            db.chmod(0o444)
            folder.chmod(folder_mode)

            def check(db: pathlib.Path = db) -> dict[str, object]:
                store = ProgressStore(db)
                seen = {
                    "warning": store.warning,
                    "persistent": store.persistent,
                    "old": [a.answer for a in store.attempts()],
                    "recorded": store.record(_attempt("q4", answer="new")),
                    "card saved": store.save_card_state("c2", "{}"),
                    "cards": store.all_card_states(),
                    "all": [a.answer for a in store.attempts("01-geneva-summit")],
                }
                store.close()
                return seen

            seen = _as_learner(check)
            assert seen["warning"] and str(db) in seen["warning"]
            assert "cannot be changed" in seen["warning"]
            assert seen["persistent"] is False
            assert seen["old"] == ["old q1", "old q2", "old q3"]
            assert seen["recorded"] is False and seen["card saved"] is False
            assert seen["cards"] == {"c1": '{"old": true}', "c2": "{}"}
            assert seen["all"] == ["old q1", "old q2", "old q3", "new"]
            assert db.read_bytes() == before
        finally:
            if folder.exists():
                folder.chmod(0o755)
            shutil.rmtree(base)


def test_folder_that_cannot_be_created(tmp_path: pathlib.Path) -> None:
    """If the folder for the file cannot exist (its parent is a plain file, which stops root
    too), does the store warn and keep answers in memory instead of raising?"""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    store = ProgressStore(blocker / "progress.sqlite3")
    assert store.warning is not None and "not-a-folder" in store.warning
    assert not store.persistent
    assert store.record(_attempt("q1")) is False
    assert [a.item for a in store.attempts()] == ["q1"]
    store.close()
    assert blocker.read_text(encoding="utf-8") == "x"


# -- any text at all -----------------------------------------------------------------------

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)


def test_record_never_raises_for_any_text(tmp_path: pathlib.Path) -> None:
    """Does record() accept any text (NUL bytes, lone surrogates, ...) and any score, on disk
    and in memory, without raising? NUL is kept; lone surrogates, which no UTF-8 file can hold,
    become U+FFFD; the score is kept within 0..1 (NaN becomes 0)."""
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database" * 100)
    on_disk, in_memory = ProgressStore(tmp_path / "ok.sqlite3"), ProgressStore(damaged)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        lesson=ANY_TEXT,
        item=ANY_TEXT,
        answer=ANY_TEXT,
        correct=st.booleans(),
        revealed=st.booleans(),
        score=st.floats(allow_nan=True, allow_infinity=True),
    )
    def check(lesson, item, answer, correct, revealed, score) -> None:
        attempt = Attempt(lesson, item, answer, correct, revealed, score)
        for store, expected in ((on_disk, True), (in_memory, False)):
            assert store.record(attempt) is expected
            back = store.attempts(lesson)[-1]
            for name in ("lesson", "item", "answer"):
                sent, got = getattr(attempt, name), getattr(back, name)
                assert got == "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in sent)
            assert 0.0 <= back.score <= 1.0
            assert (back.correct, back.revealed) == (correct, revealed)

    check()
    on_disk.close()
    in_memory.close()


def test_a_busy_file_at_opening_is_tried_again(tmp_path: pathlib.Path, monkeypatch) -> None:
    """When another notebook is creating the same file, SQLite can say "database is locked"
    at once; does the store wait and open it, instead of keeping answers in memory only?"""
    real = ProgressStore._connect_rw
    calls = []

    def busy_twice(self):
        calls.append(1)
        if len(calls) <= 2:
            error = sqlite3.OperationalError("database is locked")
            error.sqlite_errorcode = sqlite3.SQLITE_BUSY
            raise error
        return real(self)

    monkeypatch.setattr(ProgressStore, "_connect_rw", busy_twice)
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        assert store.warning is None
        assert store.persistent
        assert store.record(_attempt("q1"))
    assert len(calls) == 3
