"""The package's public surface: deliberate, sorted, and what the notebooks use."""

from __future__ import annotations

import re
from pathlib import Path

import lessonkit

ROOT = Path(__file__).resolve().parents[1]


def test_all_is_sorted_and_complete():
    """Is __all__ sorted, and does every name in it exist?"""
    assert lessonkit.__all__ == sorted(lessonkit.__all__)
    for name in lessonkit.__all__:
        assert hasattr(lessonkit, name), name


def test_notebooks_import_only_public_names():
    """Do generated notebooks import only names listed in lessonkit.__all__?"""
    pattern = re.compile(r"from lessonkit import ([\w, ]+)")
    for folder in ("notebooks", "exercises", "solutions"):
        for path in (ROOT / folder).glob("*.ipynb"):
            for names in pattern.findall(path.read_text(encoding="utf-8")):
                for name in names.split(","):
                    assert name.strip() in lessonkit.__all__, (path.name, name)
