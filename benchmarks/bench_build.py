"""The build: a full build of every lesson, and an incremental build after one edit.

Both run ``lessonkit build`` on a copy of the project (the committed files are never
touched). The full build is ``--force`` (every notebook executed). The incremental build
follows an edit to one lesson's source (a key point added to its ``lesson.yml``) and must
re-execute only that lesson's notebooks; a build with nothing changed must execute none, and a
second one finds the build's fingerprint (build/cache.py) and must take under two seconds.
The quick mode skips the full build (the committed notebooks are then the starting point).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ._common import BUILD_FOLDERS, child_env, copy_project, log, row

EDITED = "01-geneva-summit"
EXECUTING = re.compile(r"^Executing (\S+) \.\.\.$", re.MULTILINE)


def lessonkit_build(root: Path, *extra: str) -> tuple[float, list[str]]:
    """(seconds, the notebooks it executed) of one ``lessonkit build`` in a subprocess."""
    command = [sys.executable, "-m", "lessonkit", "build", "--root", str(root), *extra]
    started = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, env=child_env(root.parent), cwd=root
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"lessonkit build failed: {(done.stderr or done.stdout)[-2000:]}")
    return seconds, EXECUTING.findall(done.stdout)


def edit_one_lesson(root: Path) -> Path:
    """Add a key point to one lesson's source, as a teacher would."""
    path = root / "lessons" / EDITED / "lesson.yml"
    text = path.read_text(encoding="utf-8")
    if "\nkey_points:\n" not in text:
        raise RuntimeError(f"lessons/{EDITED}/lesson.yml has no key_points list to edit")
    text = text.replace("\nkey_points:\n", "\nkey_points:\n- A key point added to time a build.\n")
    path.write_text(text, encoding="utf-8")
    return path


def run(quick: bool = False) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-") as tmp:
        root = copy_project(Path(tmp) / "project", BUILD_FOLDERS)
        if not quick:
            seconds, executed = lessonkit_build(root, "--force")
            log(f"  full build: {seconds:.1f} s, {len(executed)} notebooks executed")
            rows.append(row("build", "full build (--force): time", "s", [seconds]))
            rows.append(
                row("build", "full build (--force): notebooks executed", "count", [len(executed)])
            )
        (root / ".lessonkit-build.json").unlink(missing_ok=True)  # without the fingerprint
        seconds, executed = lessonkit_build(root)
        log(f"  build, nothing changed: {seconds:.1f} s, executed {executed}")
        rows.append(row("build", "no-op build, no fingerprint: time", "s", [seconds]))
        r = row("build", "build with nothing changed: notebooks executed", "count", [len(executed)])
        r["target"], r["met"] = "0", not executed
        rows.append(r)
        # The first build above left its fingerprint (build/cache.py): a second one has
        # nothing to compare but hashes. Target under 2 s, against the first no-op build.
        cached, executed = lessonkit_build(root)
        log(f"  build, nothing changed, again: {cached:.2f} s, executed {executed}")
        r = row("build", "build with nothing changed, fingerprint kept: time", "s", [cached])
        r["target"], r["met"] = "< 2 s", cached < 2 and not executed
        rows.append(r)
        r = row("build", "no-op build with fingerprint / without", "ratio", [cached / seconds])
        rows.append(r)
        edit_one_lesson(root)
        seconds, executed = lessonkit_build(root)
        log(f"  incremental build: {seconds:.1f} s, executed {executed}")
        rows.append(row("build", f"incremental, after editing {EDITED}: time", "s", [seconds]))
        r = row(
            "build",
            f"incremental, after editing {EDITED}: notebooks executed "
            f"({', '.join(Path(e).name for e in executed) or 'none'})",
            "count",
            [len(executed)],
        )
        r["target"] = f"only {EDITED}'s notebooks"
        r["met"] = bool(executed) and all(Path(e).stem.startswith(EDITED) for e in executed)
        rows.append(r)
    return rows
