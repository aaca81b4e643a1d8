"""The site build's own logic (scripts/build_site.py), without building a site: what goes in,
the lock file Pyodide reads, and the sentence a missing wheel gets.

The whole build, in a browser, is tested in tests/browser/test_site.py.
"""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("build_site", ROOT / "scripts" / "build_site.py")
build_site = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_site)


def make_wheel(folder: Path, name: str, version: str, requires: list[str]) -> Path:
    """A tiny pure-Python wheel with one package and the given requirements."""
    module = name.replace("-", "_")
    path = folder / f"{module}-{version}-py3-none-any.whl"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"{module}/__init__.py", "")
        z.writestr(f"{module}-{version}.dist-info/METADATA", meta)
    return path


def test_lock_lists_each_wheel_with_what_it_needs_under_pyodide(tmp_path):
    """Does the lock give each wheel its import name and the local wheels it depends on, with
    markers judged for Pyodide (emscripten) and extras left out?"""
    requires = ["helper>=1", 'pexpect; sys_platform != "emscripten"', 'docs; extra == "doc"']
    wheels = [
        make_wheel(tmp_path, "shell-tool", "1.0", requires),
        make_wheel(tmp_path, "helper", "2.0", []),
    ]
    lock = build_site.pyodide_lock({"python": "3.14.2"}, wheels)
    assert lock["info"] == {"python": "3.14.2"}
    shell = lock["packages"]["shell-tool"]
    assert shell["imports"] == ["shell_tool"] and shell["depends"] == ["helper"]
    assert shell["file_name"] == "shell_tool-1.0-py3-none-any.whl" and len(shell["sha256"]) == 64
    assert lock["packages"]["helper"]["depends"] == []
    json.dumps(lock)


def test_a_wheel_that_needs_a_missing_package_is_named(tmp_path):
    """A wheel whose requirement the site does not have: one sentence naming the file to change,
    the wheel and the package."""
    wheels = [make_wheel(tmp_path, "needy", "1.0", ["absent-package"])]
    with pytest.raises(SystemExit) as stop:
        build_site.pyodide_lock({}, wheels)
    message = str(stop.value)
    assert message.startswith("lite/wheels.txt: needy-1.0-py3-none-any.whl needs the package")
    assert "'absent-package'" in message


def test_lessonkits_build_time_packages_stay_out_of_the_browser(tmp_path):
    """Does lessonkit's wheel depend only on the learner's packages (pandas and nltk are left
    out), and is a new dependency that is neither named?"""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    learner = [make_wheel(tmp_path, n, "1", []) for n in ("ipywidgets", "anywidget", "fsrs")]
    learner.append(make_wheel(tmp_path, "traitlets", "5", []))
    ours = make_wheel(tmp_path, "lessonkit", "0.1.0", project["dependencies"])
    lock = build_site.pyodide_lock({}, [*learner, ours])
    assert lock["packages"]["lessonkit"]["depends"] == [
        "anywidget",
        "fsrs",
        "ipywidgets",
        "traitlets",
    ]
    new = make_wheel(tmp_path / "..", "lessonkit", "0.2.0", ["brand-new-dependency"])
    with pytest.raises(SystemExit, match="^pyproject.toml: .*'brand-new-dependency'"):
        build_site.pyodide_lock({}, [*learner, new])


def test_the_site_has_lessons_and_worksheets_but_no_answer_keys():
    """Are every lesson, worksheet, data file and audio file in the site, and no answer key?"""
    shown = [path for path, _ in build_site.site_files()]
    for folder in ("notebooks", "exercises"):
        for notebook in (ROOT / folder).glob("*.ipynb"):
            assert f"{folder}/{notebook.name}" in shown
    assert "data/01-geneva-summit.json" in shown
    assert any(p.startswith("data/audio/") and p.endswith(".mp3") for p in shown)
    assert not any(p.startswith("solutions/") for p in shown)


def test_the_fingerprint_changes_when_a_lesson_changes(tmp_path, monkeypatch):
    """Does a changed notebook change the fingerprint (so make site builds again), and does
    nothing else?"""
    env = tmp_path / "env"
    (env / "wheels").mkdir(parents=True)
    (env / "pyodide").mkdir()
    notebook = tmp_path / "lesson.ipynb"
    notebook.write_text("{}")
    monkeypatch.setattr(build_site, "site_files", lambda: [("notebooks/lesson.ipynb", notebook)])
    first = build_site.fingerprint(env)
    assert build_site.fingerprint(env) == first
    notebook.write_text('{"changed": true}')
    assert build_site.fingerprint(env) != first
