"""Authoring: ``lessonkit new`` on a 1,000-word article, against the "< 10 s" target.

Each run copies the lesson sources (lessons/, vocab/, data/) to a fresh temporary project,
then times one ``lessonkit new`` in a subprocess, as a teacher runs it: interpreter start,
imports, reading and cleaning the text, the suggestions, the WordNet look-up of the key
words missing from data/wordnet.json (Debian's wordnet-base, when installed) and the check
of the written lesson. Copying is not timed. The article is the invented long newspaper
article of the tests (tests/fixtures/new/long-article.txt, about 1,100 words).

``run(quick)`` returns the benchmark row (median of 3 runs, 1 when quick); run alone,
``python benchmarks/bench_new.py [--quick]`` prints it.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "fixtures" / "new" / "long-article.txt"
FOLDERS = ("lessons", "vocab", "data")
TARGET_SECONDS = 10.0


def time_once(tmp: Path, n: int) -> float:
    """Seconds for one ``lessonkit new`` on a fresh copy of the sources."""
    root = tmp / f"project-{n}"
    for name in FOLDERS:
        shutil.copytree(ROOT / name, root / name)
    command = [
        sys.executable,
        "-m",
        "lessonkit",
        "new",
        str(ARTICLE),
        "--slug",
        "07-car-free-quarter",
        "--level",
        "B2",
        "--outlet",
        "Porthallow Gazette",
        "--root",
        str(root),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=root)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"lessonkit new failed: {(done.stderr or done.stdout)[-2000:]}")
    return seconds


def run(quick: bool = False) -> list[dict]:
    """One row: the median, min and max seconds of ``lessonkit new`` over 3 runs (1 quick)."""
    runs = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-new-") as tmp:
        values = [time_once(Path(tmp), n) for n in range(runs)]
    median = statistics.median(values)
    return [
        {
            "part": "authoring",
            "name": "lessonkit new, 1,000-word article",
            "unit": "s",
            "median": round(median, 3),
            "min": round(min(values), 3),
            "max": round(max(values), 3),
            "runs": runs,
            "baseline": None,
            "ratio": None,
            "target": f"< {TARGET_SECONDS:g} s",
            "met": median < TARGET_SECONDS,
        }
    ]


def main(argv: list[str] | None = None) -> int:
    quick = "--quick" in (sys.argv[1:] if argv is None else argv)
    for r in run(quick=quick):
        verdict = "met" if r["met"] else "NOT met"
        print(
            f"{r['name']}: median {r['median']:.2f} {r['unit']} (min {r['min']:.2f}, "
            f"max {r['max']:.2f}, {r['runs']} runs); target {r['target']}: {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
