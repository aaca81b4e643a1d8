"""Keep every quiz attempt and flashcard state of one learner: a small SQLite file, or, in a
browser (JupyterLite), a JSON-lines file on the site's drive.

Map of this module:

- ``DEFAULT_ENV`` and ``default_path()``: where the file lives (an environment variable can
  move it). Under Pyodide the default is ``/drive/.lessonkit/progress.jsonl``.
- ``Attempt``: one answer to one quiz item.
- ``ProgressStore``: opens the file, or falls back to memory with a plain ``warning`` when the
  file is damaged, read-only or cannot be created; ``record()`` and ``save_card_state()`` write,
  ``attempts()``, ``latest()``, ``card_state()`` and ``all_card_states()`` read.
  ``ProgressStore(path)`` gives a ``BrowserProgressStore`` when the path ends in ``.jsonl``
  (the default under Pyodide), with the same methods and the same rules.
- ``BrowserProgressStore``: the browser backend (see its docstring for why a file on the drive,
  not IndexedDB or localStorage directly).
- ``_clean_text()`` and ``_clean_attempt()``: make any value safe to store (also used by
  ``_results``).
- ``is_right()``, ``first_and_last()`` and ``first_right_by_item()``: pure functions over
  attempts (no store needed): was an attempt right, and which attempts at each question came
  first and last. The quiz score, the results file and the dashboard report both the first
  and the last attempt ("right the first time" and "right in the end").

Rules the store keeps (both backends):

- Each attempt is written (committed, or appended and closed) before ``record()`` returns, so
  before the learner sees any feedback.
- A file we cannot trust is never written: it is checked read-only (``PRAGMA quick_check``, or
  every line parsed) before it is opened for writing, so a damaged file keeps its bytes.
- Public methods never raise for disk problems; the quiz must keep working in a notebook.
- Text is stored as valid UTF-8. Lone surrogates (which no keyboard produces and no UTF-8 file
  can hold) become U+FFFD; NUL characters are kept.
"""

from __future__ import annotations

import json
import math
import os
import pathlib
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

DEFAULT_ENV = "LESSONKIT_PROGRESS"
SCHEMA_VERSION = 1

# Another notebook may hold the write lock for one short transaction; waiting a few seconds is
# far better than losing the attempt to memory.
_BUSY_TIMEOUT_S = 10.0

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS attempts (
        id INTEGER PRIMARY KEY,
        lesson TEXT NOT NULL,
        item TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL,
        revealed INTEGER NOT NULL,
        score REAL NOT NULL,
        time TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS attempts_by_lesson ON attempts (lesson, time)",
    "CREATE TABLE IF NOT EXISTS cards (card_id TEXT PRIMARY KEY, state TEXT NOT NULL,"
    " updated TEXT NOT NULL)",
)

# Learner-facing sentences (plain English); {path} is filled in when shown.
_MEMORY = "so new answers are kept only until you close this notebook."
_DAMAGED = (
    f"Your progress file {{path}} is damaged, {_MEMORY}"
    " Your old file has not been changed. Please tell your teacher."
)
_READ_ONLY = (
    f"Your progress file {{path}} cannot be changed, {_MEMORY}"
    " Your earlier answers can still be seen."
)
_CANNOT_OPEN = f"Your progress file {{path}} cannot be opened or created, {_MEMORY}"
_NEWER = (
    f"Your progress file {{path}} was made by a newer version of these lessons, {_MEMORY}"
    " Your old file has not been changed. Please tell your teacher."
)
_WRITE_FAILED = (
    f"Your answers could not be saved to {{path}}, {_MEMORY}"
    " Answers saved before are still in the file."
)
_READ_FAILED = "Your earlier answers in {path} could not be read."

_SURROGATE = re.compile("[\ud800-\udfff]")


# JupyterLite's drive: the files of the site as the learner has them, kept by the browser.
BROWSER_DRIVE = pathlib.Path("/drive")


def under_pyodide() -> bool:
    """True in a browser's Python (Pyodide, as JupyterLite runs it)."""
    return sys.platform == "emscripten"


def default_path() -> pathlib.Path:
    """Return $LESSONKIT_PROGRESS; when it is not set, ~/.lessonkit/progress.sqlite3, or under
    Pyodide /drive/.lessonkit/progress.jsonl (the browser keeps the drive; Pyodide's home
    folder is lost when the page closes)."""
    env = os.environ.get(DEFAULT_ENV)
    if env:
        return pathlib.Path(env).expanduser()
    if under_pyodide():
        return BROWSER_DRIVE / ".lessonkit" / "progress.jsonl"
    return pathlib.Path.home() / ".lessonkit" / "progress.sqlite3"


@dataclass(frozen=True)
class Attempt:
    """One answer to one quiz item."""

    lesson: str
    item: str
    answer: str
    correct: bool
    revealed: bool
    score: float
    time: str = ""


def is_right(attempt: Attempt) -> bool:
    """True when the attempt was checked right. A "Show answer" attempt is never right."""
    return bool(attempt.correct) and not attempt.revealed


def first_and_last(attempts: Iterable[Attempt]) -> dict[tuple[str, str], tuple[Attempt, Attempt]]:
    """The first and the last attempt at each question, by (lesson, item).

    Attempts are ordered by their time text (the store writes fixed-width UTC times, so text
    order is time order); attempts with the same time keep the order given. A question tried
    once has the same attempt first and last.
    """
    found: dict[tuple[str, str], tuple[Attempt, Attempt]] = {}
    for attempt in sorted(attempts, key=lambda a: a.time):
        key = (attempt.lesson, attempt.item)
        first = found[key][0] if key in found else attempt
        found[key] = (first, attempt)
    return found


def first_right_by_item(attempts: Iterable[Attempt]) -> dict[tuple[str, str], bool]:
    """For each (lesson, item): was the learner's first attempt right? A question whose first
    attempt was "Show answer" was not right the first time."""
    return {key: is_right(first) for key, (first, _) in first_and_last(attempts).items()}


def _now() -> str:
    # Fixed width (microseconds, +00:00) so that sorting the text sorts by time.
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _clean_text(value: object) -> str:
    text = value if isinstance(value, str) else str(value)
    return _SURROGATE.sub("\ufffd", text)


def _clean_score(value: object) -> float:
    try:
        score = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return 0.0
    if math.isnan(score):
        return 0.0
    return min(1.0, max(0.0, score))


def _clean_attempt(attempt: Attempt) -> Attempt:
    """Return the attempt as it will be stored: valid text, a score in 0..1 and a time."""
    return Attempt(
        lesson=_clean_text(attempt.lesson),
        item=_clean_text(attempt.item),
        answer=_clean_text(attempt.answer),
        correct=bool(attempt.correct),
        revealed=bool(attempt.revealed),
        score=_clean_score(attempt.score),
        time=_clean_text(attempt.time) if attempt.time else _now(),
    )


def _is_damage(error: sqlite3.Error) -> bool:
    # The sqlite3 module raises the base DatabaseError only for SQLITE_CORRUPT and SQLITE_NOTADB
    # (and other rare codes); locks, permissions and I/O errors are OperationalError.
    return type(error) is sqlite3.DatabaseError


class ProgressStore:
    """The progress of one learner: a SQLite file, or memory when the file cannot be used.

    ``warning`` is None while everything is saved to disk; otherwise it is a sentence to show
    the learner. Two notebooks may use the same file at once (WAL mode, busy timeout).
    """

    def __new__(cls, path: str | os.PathLike[str] | None = None):
        # One name for both backends: the browser's is chosen by the file's kind, so every
        # caller (the quiz, the results file, the review) gets it without knowing.
        if cls is ProgressStore and _store_path(path).suffix == BrowserProgressStore.SUFFIX:
            cls = BrowserProgressStore
        return super().__new__(cls)

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = _store_path(path)
        self.warning: str | None = None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._writable = False
        self._memory_attempts: list[Attempt] = []
        self._memory_cards: dict[str, str] = {}
        self._open()

    # -- opening ---------------------------------------------------------------------------

    def _uri(self, *options: str) -> str:
        return self.path.resolve().as_uri() + "?" + "&".join(("mode=ro",) + options)

    def _connect_ro(self) -> sqlite3.Connection:
        """Open the file read-only and check it; raise sqlite3.Error when it is damaged."""
        try:
            conn = self._check(sqlite3.connect(self._uri(), uri=True, check_same_thread=False))
        except sqlite3.DatabaseError as error:
            if _is_damage(error):
                raise
            # A WAL file in a folder we cannot write has no shared-memory file to read through;
            # "immutable" reads the main file directly. Nobody can commit to it meanwhile,
            # since the folder is read-only for us and the file was closed cleanly.
            conn = sqlite3.connect(self._uri("immutable=1"), uri=True, check_same_thread=False)
            conn = self._check(conn)
        return conn

    @staticmethod
    def _check(conn: sqlite3.Connection) -> sqlite3.Connection:
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                raise sqlite3.DatabaseError(f"quick_check: {rows[:3]}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _connect_rw_patiently(self) -> sqlite3.Connection:
        """Open for writing; when another notebook is creating or opening the same file at
        this moment, try again for a few seconds. (Switching a new file to WAL can report
        "database is locked" at once, without waiting for the busy timeout.)"""
        deadline = time.monotonic() + _BUSY_TIMEOUT_S
        while True:
            try:
                return self._connect_rw()
            except sqlite3.OperationalError as error:
                code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
                if code not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    raise
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _connect_rw(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # FULL, not NORMAL: in WAL mode NORMAL survives a killed kernel but may lose the
            # last commits on power loss, and record() promises True only for durable writes.
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise _NewerSchemaError
                # One statement at a time: executescript() would commit our transaction first.
                for statement in _SCHEMA:
                    conn.execute(statement)
                # Always written, even when unchanged: SQLite silently opens a write-protected
                # file read-only, and this write is how we find out before the first answer.
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> None:
        try:
            exists = self.path.exists()
        except OSError:
            exists = True  # let the connection attempts report what is wrong
        if exists:
            try:
                self._connect_ro().close()
            except sqlite3.Error as error:
                if _is_damage(error):
                    self.warning = _DAMAGED.format(path=self.path)
                    return
            except OSError:
                pass
        try:
            self._conn = self._connect_rw_patiently()
            self._writable = True
            return
        except _NewerSchemaError:
            message = _NEWER
        except (sqlite3.Error, OSError):
            message = _READ_ONLY if exists else _CANNOT_OPEN
        try:
            self._conn = self._connect_ro() if exists else None
        except (sqlite3.Error, OSError):
            self._conn = None
            message = _CANNOT_OPEN
        self.warning = message.format(path=self.path)

    # -- state -----------------------------------------------------------------------------

    @property
    def persistent(self) -> bool:
        """True when new attempts reach the disk."""
        return self._conn is not None and self._writable

    def _lose_disk(self) -> None:
        self._writable = False
        if self.warning is None:
            self.warning = _WRITE_FAILED.format(path=self.path)

    def _write(self, sql: str, params: tuple[object, ...]) -> bool:
        """Run one statement in its own transaction; False (and memory mode) on failure."""
        conn = self._conn
        if conn is None or not self._writable:
            return False
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(sql, params)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except (sqlite3.Error, OSError):
            self._lose_disk()
            return False
        return True

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
        conn = self._conn
        if conn is None:
            return []
        try:
            return conn.execute(sql, params).fetchall()
        except (sqlite3.Error, OSError):
            if self.warning is None:
                self.warning = _READ_FAILED.format(path=self.path)
            return []

    # -- attempts --------------------------------------------------------------------------

    def record(self, attempt: Attempt) -> bool:
        """Save one attempt. True when committed to disk, False when kept in memory only."""
        clean = _clean_attempt(attempt)
        with self._lock:
            saved = self._write(
                "INSERT INTO attempts (lesson, item, answer, correct, revealed, score, time)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    clean.lesson,
                    clean.item,
                    clean.answer,
                    int(clean.correct),
                    int(clean.revealed),
                    clean.score,
                    clean.time,
                ),
            )
            if not saved:
                self._memory_attempts.append(clean)
            return saved

    def attempts(self, lesson: str | None = None) -> list[Attempt]:
        """All attempts (of one lesson, if given), from disk and memory, oldest first."""
        columns = "SELECT lesson, item, answer, correct, revealed, score, time FROM attempts"
        with self._lock:
            if lesson is None:
                rows = self._read(columns + " ORDER BY time, id")
            else:
                lesson = _clean_text(lesson)
                rows = self._read(columns + " WHERE lesson = ? ORDER BY time, id", (lesson,))
            memory = [a for a in self._memory_attempts if lesson is None or a.lesson == lesson]
        on_disk = [Attempt(*r[:3], bool(r[3]), bool(r[4]), float(r[5]), r[6]) for r in rows]
        return sorted(on_disk + memory, key=lambda a: a.time)

    def latest(self, lesson: str) -> dict[str, Attempt]:
        """The last attempt at each item of a lesson, by item id."""
        return {a.item: a for a in self.attempts(lesson)}

    def first(self, lesson: str) -> dict[str, Attempt]:
        """The first attempt at each item of a lesson, by item id."""
        return {item: pair[0] for (_, item), pair in first_and_last(self.attempts(lesson)).items()}

    # -- flashcards ------------------------------------------------------------------------

    def card_state(self, card_id: str) -> str | None:
        """The saved state (JSON text) of one flashcard, or None."""
        card_id = _clean_text(card_id)
        with self._lock:
            if card_id in self._memory_cards:
                return self._memory_cards[card_id]
            rows = self._read("SELECT state FROM cards WHERE card_id = ?", (card_id,))
        return rows[0][0] if rows else None

    def save_card_state(self, card_id: str, state_json: str) -> bool:
        """Save the state of one flashcard. True when committed to disk."""
        card_id, state_json = _clean_text(card_id), _clean_text(state_json)
        with self._lock:
            saved = self._write(
                "INSERT OR REPLACE INTO cards (card_id, state, updated) VALUES (?, ?, ?)",
                (card_id, state_json, _now()),
            )
            if not saved:
                self._memory_cards[card_id] = state_json
            return saved

    def all_card_states(self) -> dict[str, str]:
        """Every saved flashcard state, by card id."""
        with self._lock:
            states = dict(self._read("SELECT card_id, state FROM cards"))
            states.update(self._memory_cards)
        return states

    # -- closing ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the file. Attempts kept only in memory are gone after this."""
        with self._lock:
            conn, self._conn, self._writable = self._conn, None, False
        if conn is not None:
            conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _store_path(path: str | os.PathLike[str] | None) -> pathlib.Path:
    return pathlib.Path(path).expanduser() if path is not None else default_path()


class BrowserProgressStore(ProgressStore):
    """The progress of one learner in a browser: a JSON-lines file, one line per attempt or
    flashcard state, appended and closed before ``record()`` returns.

    Why a file on JupyterLite's drive (``/drive``): the kernel runs in a Web Worker, which has
    no ``localStorage``; IndexedDB is asynchronous, and a widget's click handler cannot wait for
    it (Pyodide's ``can_run_sync()`` is False there), so the attempt would not be written before
    the feedback. The drive is JupyterLite's own browser storage (IndexedDB, kept by the page)
    and a write to it returns only when the page has stored it. SQLite on the drive fails
    ("database disk image is malformed"): it needs random access the drive does not give, and
    an append-only file needs none.

    The file starts with a header line (``{"lessonkit": "progress", "version": 1}``). Every
    read reads the whole file again, so two open lessons see each other's answers. A line that
    is not what this version writes (damage, or a newer version) means the file is not
    trusted: it is never written, and new answers are kept in memory with a ``warning``.
    """

    SUFFIX = ".jsonl"
    HEADER = {"lessonkit": "progress", "version": SCHEMA_VERSION}

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = _store_path(path)
        self.warning: str | None = None
        self._lock = threading.Lock()
        self._writable = False
        self._readable = False  # the file was read and trusted (or made) at opening
        self._closed = False
        self._saved: tuple[list[Attempt], dict[str, str]] = ([], {})
        self._memory_attempts: list[Attempt] = []
        self._memory_cards: dict[str, str] = {}
        self._open()

    # -- reading and checking --------------------------------------------------------------

    def _parse(self, text: str) -> tuple[list[Attempt], dict[str, str]]:
        """The attempts and card states of the file's text; raise ValueError when any line is
        not one this version writes, _NewerSchemaError for a newer version's file."""
        lines = text.split("\n")
        if lines[-1] != "":
            raise ValueError("the last line is not complete")
        header = json.loads(lines[0])
        if not isinstance(header, dict) or header.get("lessonkit") != "progress":
            raise ValueError("no header line")
        version = header.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError("a header line with no version")
        if version > SCHEMA_VERSION:
            raise _NewerSchemaError
        attempts: list[Attempt] = []
        cards: dict[str, str] = {}
        for line in lines[1:-1]:
            entry = json.loads(line)
            if not isinstance(entry, dict) or len(entry) != 1:
                raise ValueError("a line that is neither an attempt nor a card")
            if "attempt" in entry:
                attempts.append(_attempt_from(entry["attempt"]))
            elif "card" in entry:
                card_id, state, _ = entry["card"]
                if not (isinstance(card_id, str) and isinstance(state, str)):
                    raise ValueError("a card line with no id or state")
                cards[card_id] = state
            else:
                raise ValueError("a line that is neither an attempt nor a card")
        return attempts, cards

    def _load(self) -> tuple[list[Attempt], dict[str, str]]:
        """Read and check the whole file (OSError, ValueError or _NewerSchemaError)."""
        data = self.path.read_bytes()
        try:
            return self._parse(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, TypeError, KeyError) as error:
            raise ValueError(str(error)) from error

    def _open(self) -> None:
        for _ in range(2):  # twice: another lesson may create the file at the same moment
            try:
                exists = self.path.exists()
            except OSError:
                exists = True
            if exists:
                try:
                    self._saved = self._load()
                except _NewerSchemaError:
                    self.warning = _NEWER.format(path=self.path)
                    return
                except ValueError:
                    self.warning = _DAMAGED.format(path=self.path)
                    return
                except OSError:
                    self.warning = _CANNOT_OPEN.format(path=self.path)
                    return
            try:
                if exists:
                    # Opening to append writes nothing, but fails now, not at the first
                    # answer, when the file cannot be changed.
                    self._readable = True
                    with self.path.open("a", encoding="utf-8"):
                        pass
                else:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with self.path.open("x", encoding="utf-8") as stream:
                        stream.write(json.dumps(self.HEADER) + "\n")
                        self._sync(stream)
                    self._readable = True
            except FileExistsError:
                continue
            except OSError:
                self.warning = (_READ_ONLY if exists else _CANNOT_OPEN).format(path=self.path)
                return
            self._writable = True
            return
        self.warning = _CANNOT_OPEN.format(path=self.path)

    def _sync(self, stream) -> None:
        stream.flush()
        if not under_pyodide():  # the drive stores the file when it is closed
            os.fsync(stream.fileno())

    def _append(self, entry: dict) -> bool:
        """Append one line; False (and memory mode) when it cannot be written."""
        if not self._writable:
            return False
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        try:
            with self.path.open("a", encoding="utf-8") as stream:
                stream.write(line)
                self._sync(stream)
        except OSError:
            self._lose_disk()
            return False
        return True

    def _current(self) -> tuple[list[Attempt], dict[str, str]]:
        """What the file holds now (another lesson may have added to it), or the last good
        reading when it cannot be read."""
        if self._closed or not self._readable:
            return self._saved
        try:
            self._saved = self._load()
        except (OSError, ValueError, _NewerSchemaError):
            if self.warning is None:
                self.warning = _READ_FAILED.format(path=self.path)
        return self._saved

    # -- the interface of ProgressStore ------------------------------------------------------

    @property
    def persistent(self) -> bool:
        return self._writable and not self._closed

    def record(self, attempt: Attempt) -> bool:
        clean = _clean_attempt(attempt)
        with self._lock:
            saved = self._append(
                {
                    "attempt": [
                        clean.lesson,
                        clean.item,
                        clean.answer,
                        clean.correct,
                        clean.revealed,
                        clean.score,
                        clean.time,
                    ]
                }
            )
            if not saved:
                self._memory_attempts.append(clean)
            return saved

    def attempts(self, lesson: str | None = None) -> list[Attempt]:
        with self._lock:
            found = list(self._current()[0]) + self._memory_attempts
        if lesson is not None:
            lesson = _clean_text(lesson)
            found = [a for a in found if a.lesson == lesson]
        return sorted(found, key=lambda a: a.time)

    def card_state(self, card_id: str) -> str | None:
        card_id = _clean_text(card_id)
        with self._lock:
            if card_id in self._memory_cards:
                return self._memory_cards[card_id]
            return self._current()[1].get(card_id)

    def save_card_state(self, card_id: str, state_json: str) -> bool:
        card_id, state_json = _clean_text(card_id), _clean_text(state_json)
        with self._lock:
            saved = self._append({"card": [card_id, state_json, _now()]})
            if not saved:
                self._memory_cards[card_id] = state_json
            return saved

    def all_card_states(self) -> dict[str, str]:
        with self._lock:
            states = dict(self._current()[1])
            states.update(self._memory_cards)
        return states

    def close(self) -> None:
        with self._lock:
            self._closed, self._writable = True, False


def _attempt_from(values: object) -> Attempt:
    """An attempt from its line; ValueError when the line is not one this version writes."""
    if not isinstance(values, list) or len(values) != 7:
        raise ValueError("an attempt line without its seven values")
    lesson, item, answer, correct, revealed, score, when = values
    texts = (lesson, item, answer, when)
    if not all(isinstance(v, str) for v in texts) or not all(
        isinstance(v, bool) for v in (correct, revealed)
    ):
        raise ValueError("an attempt line with values of the wrong kind")
    if not isinstance(score, int | float) or isinstance(score, bool):
        raise ValueError("an attempt line whose score is not a number")
    return Attempt(lesson, item, answer, correct, revealed, float(score), when)


class _NewerSchemaError(Exception):
    """The file was written by a newer lessonkit; we must not change it."""
