"""Widget models per notebook: how many models a learner's browser must draw and keep.

Every widget is a model the kernel opens with a message, the front end draws and the kernel
keeps in memory; stock ipywidgets controls also open a Layout and a Style model each. Each
learner notebook (notebooks/, exercises/) is run once with nbclient from a copy of the project,
with the widget state stored, and its models are counted by kind. The baseline is a notebook
with one button (a Button, its Layout and its ButtonStyle: three models). Target (issue 20):
at most 25 models for any lesson. The count does not depend on the machine's load, so one run
is enough.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

from ._common import LEARNER_FOLDERS, SETTINGS, child_env, copy_project, log, notebook_stems, row

MODEL_LIMIT = 25
ONE_BUTTON = ['import ipywidgets as widgets\n\nwidgets.Button(description="Check")']


def models_of(nb, folder: Path) -> Counter:
    """The widget models a run of ``nb`` leaves open, counted by model name."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.from_dict(nb)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        store_widget_state=True,
    )
    client.execute()
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return Counter(m.get("model_name", "?") for m in state.get("state", {}).values())


def run(quick: bool = False) -> list[dict]:
    import nbformat

    from .bench_execution import notebook_of

    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-") as tmp:
        tmp = Path(tmp)
        copy_project(tmp)
        saved = dict(os.environ)
        os.environ.update(child_env(tmp))
        os.environ.pop("LESSONKIT_DATA", None)
        try:
            base = models_of(notebook_of(ONE_BUTTON), tmp / "notebooks")
            log(f"  widget models: one button {sum(base.values())}")
            out = [row("widgets", "baseline: one button (models)", "count", [sum(base.values())])]
            stems = notebook_stems(LEARNER_FOLDERS)
            if quick and not SETTINGS.lessons:
                stems = [(f, s) for f, s in stems if s.startswith(("01-", "05-"))]
            for folder, stem in stems:
                nb = nbformat.read(tmp / folder / f"{stem}.ipynb", as_version=4)
                found = models_of(nb, tmp / folder)
                total = sum(found.values())
                kinds = ", ".join(f"{n} {k.removesuffix('Model')}" for k, n in found.most_common(4))
                log(f"  widget models: {folder}/{stem}: {total} ({kinds})")
                r = row("widgets", f"{folder}/{stem} (models; {kinds})", "count", [total])
                r["baseline"] = sum(base.values())
                r["ratio"] = round(total / max(1, sum(base.values())), 2)
                r["target"] = f"≤ {MODEL_LIMIT}"
                r["met"] = total <= MODEL_LIMIT
                out.append(r)
        finally:
            os.environ.clear()
            os.environ.update(saved)
    return out
