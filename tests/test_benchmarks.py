"""Smoke tests of the benchmark runner (benchmarks/): it runs, and its output is complete.

These never judge the numbers (the machine is shared and noisy; `make bench` reports them).
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from benchmarks import runner

ROOT = Path(__file__).resolve().parents[1]
LESSON = "01-geneva-summit"


@pytest.mark.slow
def test_quick_execution_run_writes_every_row_and_valid_json(tmp_path):
    """Does a quick run of the execution part (one lesson, one run) write the table and the
    JSON, with both baselines and the lesson, for time and for memory?"""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "execution"]
        + ["--lessons", LESSON, "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    payload = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert payload["quick"] is True
    for key in ("cores", "memory_gib", "python", "cpu", "date"):
        assert payload["machine"].get(key), key
    assert [(p["part"], p["status"]) for p in payload["parts"]] == [("execution", "ok")]
    names = {(r["part"], r["name"]) for r in payload["rows"]}
    for part in ("execution", "memory"):
        for name in (
            "baseline (a): one cell",
            "baseline (b): libraries only",
            f"notebooks/{LESSON}",
        ):
            assert (part, name) in names
    for r in payload["rows"]:
        assert set(runner.COLUMNS) - {"p95"} <= set(r)
        assert r["median"] > 0 and r["runs"] >= 1
    table = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert table in done.stdout
    assert f"| execution | notebooks/{LESSON} | s |" in table
    assert f"| memory | notebooks/{LESSON} | MiB |" in table


def test_a_missing_part_is_reported_and_a_failing_part_fails(tmp_path, monkeypatch):
    """Is an absent bench_new.py reported as "not present", and does a bench_new.py that
    raises count as a failure (not a silent gap)?"""
    monkeypatch.setattr(runner, "HERE", tmp_path)
    rows, status = runner.run_part("new", quick=True)
    assert status["status"] == "not present"
    assert "not present" in rows[0]["name"]

    (tmp_path / "bench_new.py").write_text("", encoding="utf-8")
    broken = types.ModuleType("benchmarks.bench_new")

    def run(quick=False):
        raise RuntimeError("lessonkit new crashed")

    broken.run = run
    monkeypatch.setitem(sys.modules, "benchmarks.bench_new", broken)
    rows, status = runner.run_part("new", quick=True)
    assert status["status"] == "failed" and "lessonkit new crashed" in status["error"]
    table = runner.markdown(rows, [status], runner.machine(), quick=True)
    assert "new failed" in table


def test_rows_of_another_part_are_checked_for_their_shape(tmp_path, monkeypatch):
    """Is a part whose rows lack a field of the shared row shape a failure?"""
    monkeypatch.setattr(runner, "HERE", tmp_path)
    (tmp_path / "bench_new.py").write_text("", encoding="utf-8")
    module = types.ModuleType("benchmarks.bench_new")
    module.run = lambda quick=False: [{"part": "new", "name": "x"}]
    monkeypatch.setitem(sys.modules, "benchmarks.bench_new", module)
    _, status = runner.run_part("new", quick=True)
    assert status["status"] == "failed" and "lacks" in status["error"]
