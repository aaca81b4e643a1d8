"""environment.yml (Binder, conda) and pyproject.toml must ask for the same packages."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# Import names that differ from the distribution's name.
IMPORT_NAMES = {"yaml": "pyyaml", "ipywidgets": "ipywidgets"}


def requirement_name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def pyproject_runtime() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {requirement_name(s): s.replace(" ", "") for s in data["project"]["dependencies"]}


def environment_runtime() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    specs: dict[str, str] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for pip_spec in dep["pip"]:
                if not pip_spec.startswith("-e"):
                    specs[requirement_name(pip_spec)] = pip_spec.replace(" ", "")
        elif requirement_name(dep) not in ("python", "pip"):
            specs[requirement_name(dep)] = dep.replace(" ", "")
    return specs


# Test tools environment.yml also lists, so a conda user can check the notebooks as make test
# does (pytest --nbval); their ranges are those of pyproject's "test" extra.
NOTEBOOK_TEST_TOOLS = ("nbval",)


def pyproject_test_tools() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tests = data["project"]["optional-dependencies"]["test"]
    return {requirement_name(s): s.replace(" ", "") for s in tests}


def test_same_packages_and_ranges():
    """Does environment.yml list exactly pyproject's runtime packages, with the same ranges,
    and the notebook test tools with the ranges of pyproject's test extra?"""
    listed = environment_runtime()
    tools = {name: listed.pop(name, None) for name in NOTEBOOK_TEST_TOOLS}
    assert listed == pyproject_runtime()
    assert tools == {name: pyproject_test_tools()[name] for name in NOTEBOOK_TEST_TOOLS}


def test_the_five_packages_the_project_is_built_on_are_listed():
    """Can a conda user run and validate the notebooks from environment.yml alone (JupyterLab,
    ipywidgets, nltk, pandas and nbval)?"""
    assert {"jupyterlab", "ipywidgets", "nltk", "pandas", "nbval"} <= set(environment_runtime())


def test_binder_installs_the_package_after_the_environment(tmp_path):
    """Does postBuild install lessonkit (repo2docker builds environment.yml before the
    repository is copied in, so '-e .' there would fail) and turn off JupyterLab's news?"""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert not any(spec.startswith("-e") for spec in pip)
    # Run postBuild with a stand-in python that records what it is asked to do.
    prefix, calls = tmp_path / "prefix", tmp_path / "calls"
    stub = tmp_path / "bin" / "python"
    stub.parent.mkdir()
    stub.write_text(
        f'#!/bin/bash\nif [ "$1" = -c ]; then echo {prefix}; else echo "$@" >> {calls}; fi\n'
    )
    stub.chmod(0o755)
    path = f"{stub.parent}:/usr/bin:/bin"
    subprocess.run(["bash", str(ROOT / "postBuild")], cwd=ROOT, env={"PATH": path}, check=True)
    assert calls.read_text().split() == ["-m", "pip", "install", "--no-deps", "--no-cache-dir", "."]
    overrides = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    news = json.loads(overrides.read_text())["@jupyterlab/apputils-extension:notification"]
    assert news == {"fetchNews": "false", "checkForUpdates": False}
    assert os.access(ROOT / "postBuild", os.X_OK)


def test_binder_python_is_one_version_the_tests_cover():
    """Does environment.yml pin Python to one minor version (repo2docker needs one) that
    pyproject.toml allows?"""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert re.fullmatch(r"python=3\.\d+", python)
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    low = data["project"]["requires-python"].removeprefix(">=")
    assert tuple(map(int, python.split("=")[1].split("."))) >= tuple(map(int, low.split(".")))


def test_every_third_party_import_is_declared():
    """Is every package the code imports declared as a runtime dependency?"""
    declared = set(pyproject_runtime())
    stdlib = set(sys.stdlib_module_names)
    missing = set()
    for path in (ROOT / "src" / "lessonkit").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in stdlib or top == "lessonkit":
                    continue
                if IMPORT_NAMES.get(top, top).replace("_", "-") not in declared:
                    missing.add(top)
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"
