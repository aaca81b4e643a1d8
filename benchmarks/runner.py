"""Run every ``benchmarks/bench_*.py`` part and write the table and the JSON.

Each part is a module with ``run(quick: bool = False) -> list[dict]`` returning rows of the
shape described in ``_common``. A part that raises is a failure (the run exits with 1); the
part of another engineer, ``bench_new.py``, may be absent and is then reported as such.
Output: a Markdown table on stdout and in ``results/latest.md``, and ``results/latest.json``
(every row, the machine, the date, how long each part took).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from ._common import SETTINGS, log

HERE = Path(__file__).resolve().parent
# The parts in the order they run; any other bench_*.py file runs after them.
ORDER = ["execution", "widgets", "build", "new", "browser", "tests"]
EXPECTED = {"new": "bench_new.py (lessonkit new on a 1,000-word article)"}
COLUMNS = ["part", "name", "median", "min", "max", "p95", "runs", "baseline", "ratio"]


def parts_here() -> list[str]:
    found = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    return [p for p in ORDER if p in found or p in EXPECTED] + [p for p in found if p not in ORDER]


def machine() -> dict:
    """Cores, memory, CPU model, Python, system and date (no paths, no host names)."""
    info = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.system() + " " + platform.release(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kib = int(
            next(line for line in meminfo.splitlines() if line.startswith("MemTotal")).split()[1]
        )
        info["memory_gib"] = round(kib / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        info["memory_gib"] = None
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next(
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        info["cpu"] = platform.processor() or None
    try:
        release = Path("/etc/os-release").read_text()
        info["os"] = next(
            line.split("=", 1)[1].strip('"')
            for line in release.splitlines()
            if line.startswith("PRETTY_NAME=")
        )
    except (OSError, StopIteration):
        pass
    return info


def run_part(name: str, quick: bool) -> tuple[list[dict], dict]:
    """The rows of one part and its status: ok, not present, or failed (with the error)."""
    started = time.perf_counter()
    if not (HERE / f"bench_{name}.py").exists():
        status = {"part": name, "status": "not present", "seconds": 0.0}
        note = {
            "part": name,
            "name": f"{EXPECTED.get(name, name)}: not present",
            "unit": "",
            "median": None,
            "min": None,
            "max": None,
            "runs": 0,
            "baseline": None,
            "ratio": None,
            "target": "",
            "met": None,
        }
        return [note], status
    try:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        rows = list(module.run(quick))
        for r in rows:
            missing = {"part", "name", "unit", "median", "runs", "target", "met"} - set(r)
            if missing:
                raise ValueError(f"a row of bench_{name}.py lacks {sorted(missing)}: {r}")
        status = {"part": name, "status": "ok"}
    except Exception as error:  # a part that fails is reported, and fails the run
        traceback.print_exc()
        rows = []
        status = {"part": name, "status": "failed", "error": f"{type(error).__name__}: {error}"}
    status["seconds"] = round(time.perf_counter() - started, 1)
    return rows, status


def number(value, unit: str) -> str:
    if value is None:
        return ""
    if unit in ("count", "notebooks"):
        return f"{value:.0f}"
    if unit == "ms" or unit == "MiB":
        return f"{value:.1f}" if unit == "ms" else f"{value:.0f}"
    return f"{value:.2f}"


def markdown(rows: list[dict], statuses: list[dict], info: dict, quick: bool) -> str:
    mode = "quick (smoke: too few runs to judge)" if quick else "full"
    lines = [
        f"Benchmarks, {mode} run, {info['date']}: {info['cores']} cores, "
        f"{info.get('memory_gib')} GiB, {info.get('cpu')}, Python {info['python']}, "
        f"{info.get('os', info['system'])}.",
        "",
        "| part | figure | unit | median | min | max | p95 | runs | baseline | ratio "
        "| target | met |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        unit = r.get("unit", "")
        met = {True: "yes", False: "**NO**", None: ""}[r.get("met")]
        lines.append(
            "| "
            + " | ".join(
                [
                    r["part"],
                    r["name"],
                    unit,
                    number(r.get("median"), unit),
                    number(r.get("min"), unit),
                    number(r.get("max"), unit),
                    number(r.get("p95"), unit),
                    str(r.get("runs", "")),
                    number(r.get("baseline"), unit),
                    "" if r.get("ratio") is None else f"{r['ratio']:.2f}",
                    r.get("target", ""),
                    met,
                ]
            )
            + " |"
        )
    lines.append("")
    lines.append(
        "Parts: "
        + "; ".join(
            f"{s['part']} {s['status']} ({s['seconds']:.0f} s)"
            + (f": {s['error']}" if s.get("error") else "")
            for s in statuses
        )
        + "."
    )
    missed = [r for r in rows if r.get("met") is False]
    lines.append(
        f"Targets: {sum(1 for r in rows if r.get('met') is True)} met, {len(missed)} missed"
        + (": " + "; ".join(f"{r['part']} {r['name']}" for r in missed) if missed else "")
        + "."
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument(
        "--only", action="append", help="run only this part (repeatable), e.g. execution"
    )
    parser.add_argument("--lessons", help="comma-separated notebook names (default: all)")
    parser.add_argument("--runs", type=int, help="execution runs per notebook")
    parser.add_argument("--clicks", type=int, help="clicks per side in the browser")
    parser.add_argument("--out", default=str(HERE / "results"), help="folder for latest.*")
    args = parser.parse_args(argv)
    SETTINGS.lessons = [s for s in (args.lessons or "").split(",") if s]
    SETTINGS.runs, SETTINGS.clicks = args.runs, args.clicks
    info = machine()
    started = time.perf_counter()
    all_rows, statuses = [], []
    for name in parts_here():
        if args.only and name not in args.only:
            continue
        log(f"== {name} ==")
        rows, status = run_part(name, args.quick)
        all_rows += rows
        statuses.append(status)
    info["total_seconds"] = round(time.perf_counter() - started, 1)
    table = markdown(all_rows, statuses, info, args.quick)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.md").write_text(table, encoding="utf-8")
    payload = {"quick": args.quick, "machine": info, "parts": statuses, "rows": all_rows}
    (out / "latest.json").write_text(
        json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    sys.stdout.write(table)
    return 1 if any(s["status"] == "failed" for s in statuses) else 0
