"""Lesson execution time and kernel memory, against two baselines measured in the same run.

Every committed notebook (notebooks/, exercises/, solutions/) is run with nbclient from a
copy of the project, start to shutdown (kernel start included), with one cell appended that
prints the kernel's peak resident memory (``ru_maxrss``). The baselines are (a) a notebook
of one cell and (b) a "libraries only" notebook that imports ipywidgets and pandas and shows
one widget and one small DataFrame: what any widget lesson with a table costs at least.
Runs are interleaved (baselines, lessons, the libraries baseline again every few lessons,
the lesson order rotated each round) so that a noisy moment does not fall on one notebook.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from ._common import (
    LEARNER_FOLDERS,
    SETTINGS,
    child_env,
    copy_project,
    log,
    notebook_stems,
    row,
)

ONE_CELL = ["1 + 1"]
LIBRARIES_ONLY = [
    "import ipywidgets as widgets\nimport pandas as pd",
    'widgets.Button(description="Check")',
    'pd.DataFrame({"word": ["summit", "sanction", "olive branch"], "level": ["B1", "C1", "B2"]})',
]
MEMORY_CELL = "import resource\n\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
EXECUTION_RATIO = 1.3
MEMORY_RATIO = 1.15
MEMORY_LIMIT_MB = 130  # decimal megabytes; figures are shown in MiB
MIB_IN_MB = 1.048576
BASELINE_EVERY = 4  # the libraries baseline runs again after this many notebooks


def notebook_of(sources: list[str]):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def run_once(nb, folder: Path) -> tuple[float, float]:
    """(seconds from kernel start to shutdown, the kernel's peak memory in MiB)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.from_dict(nb)  # a fresh copy: outputs of an earlier run do not carry over
    nb.cells.append(nbformat.v4.new_code_cell(MEMORY_CELL))
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        record_timing=False,
        store_widget_state=False,
    )
    started = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - started
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    return seconds, int(text.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux


def schedule(names: list[str], rounds: int) -> list[str]:
    """The order of runs: each round starts with both baselines, then the notebooks (rotated
    by one each round) with the libraries baseline after every few, the one-cell in the middle.
    """
    order = []
    for r in range(rounds):
        shift = r % len(names) if names else 0
        turn = names[shift:] + names[:shift]
        order += ["one-cell", "libraries"]
        for i, name in enumerate(turn, 1):
            order.append(name)
            if i == len(turn) // 2:
                order.append("one-cell")
            if i % BASELINE_EVERY == 0 and i < len(turn):
                order.append("libraries")
    return order


def run(quick: bool = False) -> list[dict]:
    import nbformat

    rounds = SETTINGS.runs or (1 if quick else 5)
    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-") as tmp:
        tmp = Path(tmp)
        copy_project(tmp)
        # The kernels inherit this environment: a throw-away progress store, data from the copy.
        saved = dict(os.environ)
        os.environ.update(child_env(tmp))
        os.environ.pop("LESSONKIT_DATA", None)
        try:
            notebooks = {
                f"{folder}/{stem}": (
                    nbformat.read(tmp / folder / f"{stem}.ipynb", as_version=4),
                    tmp / folder,
                )
                for folder, stem in notebook_stems()
            }
            notebooks["one-cell"] = (notebook_of(ONE_CELL), tmp / "notebooks")
            notebooks["libraries"] = (notebook_of(LIBRARIES_ONLY), tmp / "notebooks")
            names = [n for n in notebooks if n not in ("one-cell", "libraries")]
            times: dict[str, list[float]] = {n: [] for n in notebooks}
            memory: dict[str, list[float]] = {n: [] for n in notebooks}
            order = schedule(names, rounds)
            for i, name in enumerate(order, 1):
                nb, folder = notebooks[name]
                seconds, mib = run_once(nb, folder)
                times[name].append(seconds)
                memory[name].append(mib)
                log(f"  execution {i}/{len(order)} {name}: {seconds:.2f} s, {mib:.0f} MiB")
        finally:
            os.environ.clear()
            os.environ.update(saved)
    return rows(times, memory, names)


def rows(times: dict, memory: dict, names: list[str]) -> list[dict]:
    base_t = statistics.median(times["libraries"])
    base_m = statistics.median(memory["libraries"])
    out = [
        row("execution", "baseline (a): one cell", "s", times["one-cell"], baseline=base_t),
        row("execution", "baseline (b): libraries only", "s", times["libraries"], baseline=base_t),
    ]
    for name in names:
        learner = name.split("/")[0] in LEARNER_FOLDERS
        r = row("execution", name, "s", times[name], baseline=base_t)
        if learner:
            r["target"] = f"≤ {EXECUTION_RATIO} × (b)"
            r["met"] = r["ratio"] <= EXECUTION_RATIO
        else:
            r["target"] = "reported (teacher notebook)"
        out.append(r)
    out += [
        row("memory", "baseline (a): one cell", "MiB", memory["one-cell"], baseline=base_m),
        row("memory", "baseline (b): libraries only", "MiB", memory["libraries"], baseline=base_m),
    ]
    for name in names:
        learner = name.split("/")[0] in LEARNER_FOLDERS
        r = row("memory", name, "MiB", memory[name], baseline=base_m)
        if learner:
            r["target"] = f"≤ {MEMORY_RATIO} × (b) and < {MEMORY_LIMIT_MB} MB"
            r["met"] = r["ratio"] <= MEMORY_RATIO and r["median"] * MIB_IN_MB < MEMORY_LIMIT_MB
        else:
            r["target"] = "reported (teacher notebook)"
        out.append(r)
    return out
