"""environment.yml (Binder, conda) and pyproject.toml must ask for the same packages."""

from __future__ import annotations

import ast
import re
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


def test_same_packages_and_ranges():
    """Does environment.yml list exactly pyproject's runtime packages, with the same ranges?"""
    assert environment_runtime() == pyproject_runtime()


def test_environment_installs_the_package():
    """Does environment.yml install lessonkit itself (so notebooks can import it on Binder)?"""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip


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
