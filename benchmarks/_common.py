"""What every benchmark part shares: the result row, statistics, the project copy, settings.

A row is one figure: ``{"part", "name", "unit", "median", "min", "max", "runs", "baseline",
"ratio", "target", "met"}``. ``baseline`` is the median of the baseline measured in the same
run (the machine is shared and noisy, so the ratio is what counts); ``target`` is a short
text such as "≤ 1.3 × libraries only" and ``met`` is True, False, or None (reported only).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# The folders a copy of the project needs to run its notebooks and to build them.
RUN_FOLDERS = ("notebooks", "exercises", "solutions", "data", "samples")
BUILD_FOLDERS = (*RUN_FOLDERS, "lessons", "vocab")
LEARNER_FOLDERS = ("notebooks", "exercises")
NOTEBOOK_FOLDERS = ("notebooks", "exercises", "solutions")


@dataclass
class Settings:
    """Set by the runner from its command line; read by the parts (``run`` takes only quick)."""

    lessons: list[str] = field(default_factory=list)  # notebook stems; empty means all
    runs: int | None = None  # execution runs per notebook (default: 5 full, 1 quick)
    clicks: int | None = None  # clicks per side for click-to-feedback (default: 200 full)
    log: bool = True


SETTINGS = Settings()


def log(message: str) -> None:
    if SETTINGS.log:
        print(message, file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear between the closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def row(
    part: str,
    name: str,
    unit: str,
    values: list[float],
    *,
    baseline: float | None = None,
    target: str = "",
    met: bool | None = None,
    ratio: float | None = None,
    median: float | None = None,
) -> dict:
    """One figure of the table, from its measured values (and its baseline's median)."""
    mid = statistics.median(values) if median is None else median
    if ratio is None and baseline:
        ratio = mid / baseline
    return {
        "part": part,
        "name": name,
        "unit": unit,
        "median": round(mid, 4),
        "min": round(min(values), 4),
        "max": round(max(values), 4),
        "runs": len(values),
        "baseline": None if baseline is None else round(baseline, 4),
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
        "met": met,
    }


def notebook_stems(folders=NOTEBOOK_FOLDERS) -> list[tuple[str, str]]:
    """(folder, stem) of every committed notebook, limited by ``SETTINGS.lessons``."""
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            if not SETTINGS.lessons or path.stem in SETTINGS.lessons:
                found.append((folder, path.stem))
    return found


def copy_project(dest: Path, folders=RUN_FOLDERS) -> Path:
    """A copy of the folders of the project a run needs (committed files are never touched)."""
    for name in folders:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
            )
    return dest


def child_env(tmp: Path) -> dict:
    """Environment for a kernel or a command: progress in a temporary store, data from the copy."""
    env = dict(os.environ)
    env["LESSONKIT_PROGRESS"] = str(tmp / "progress.sqlite3")
    env.pop("LESSONKIT_DATA", None)
    return env
