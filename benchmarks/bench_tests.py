"""Wall time of the test suite, by part, each as its own pytest subprocess (full mode only).

unit = tests/ without tests/browser; nbval = every committed notebook re-run and compared;
browser = tests/browser (JupyterLab, Voila and Chromium). A part whose tests fail is still
timed; its exit status is in the figure's name (the numbers are what this part reports).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ._common import ROOT, child_env, log, row

# As `make test` runs them (the class-of-30 load test is `make classroom`, not part of it).
PARTS = {
    "unit": ["-m", "not classroom", "tests", "--ignore=tests/browser"],
    "nbval": ["--nbval", "notebooks", "exercises", "solutions"],
    "browser": ["-m", "not classroom", "tests/browser"],
}


def run(quick: bool = False) -> list[dict]:
    if quick:
        return [
            {
                "part": "tests",
                "name": "test suite: not timed in quick mode",
                "unit": "s",
                "median": None,
                "min": None,
                "max": None,
                "runs": 0,
                "baseline": None,
                "ratio": None,
                "target": "",
                "met": None,
            }
        ]
    rows = []
    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-") as tmp:
        for name, args in PARTS.items():
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
            started = time.perf_counter()
            done = subprocess.run(
                command, cwd=ROOT, env=child_env(Path(tmp)), capture_output=True, text=True
            )
            seconds = time.perf_counter() - started
            summary = (done.stdout.strip().splitlines() or ["?"])[-1].strip("= ")
            log(f"  tests {name}: {seconds:.0f} s, exit {done.returncode}: {summary}")
            r = row("tests", f"{name} ({summary})", "s", [seconds])
            r["target"] = "reported"
            rows.append(r)
    return rows
