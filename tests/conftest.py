"""Fixtures shared by the unit tests."""

from __future__ import annotations

import pytest

import lessonkit.learner.quiz as quiz
from lessonkit.learner.progress import ProgressStore


@pytest.fixture
def store(tmp_path):
    """A fresh progress store for one test, put back to the default afterwards."""
    fresh = ProgressStore(tmp_path / "p.sqlite3")
    quiz.reset_store(fresh)
    yield fresh
    quiz.reset_store(None)
    fresh.close()
