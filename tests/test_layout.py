"""The package's layout says its architecture: ``lessonkit.learner`` is what a learner's kernel
runs, ``lessonkit.build`` makes lessons, ``lessonkit.teacher`` serves teachers. These tests read
every module's imports (also those inside functions) and check the rules the README states."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "lessonkit"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The lessonkit modules a file imports, resolved to dotted names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("lessonkit")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if not module.startswith("lessonkit"):
                continue
            # "from lessonkit.build import text" imports the module lessonkit.build.text
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                found.add(candidate if candidate in MODULES else module)
    return {m for m in found if m in MODULES}


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def side(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 else "top"


def test_the_three_subpackages_exist_and_hold_the_modules():
    sides = {side(name) for name in MODULES}
    assert sides == {"top", "learner", "build", "teacher"}
    top = sorted(n for n in MODULES if side(n) == "top")
    assert top == [
        "lessonkit",
        "lessonkit.__main__",
        "lessonkit.build",
        "lessonkit.cli",
        "lessonkit.errors",
        "lessonkit.learner",
        "lessonkit.teacher",
    ]


def test_the_learner_side_imports_nothing_from_build_or_teacher():
    for name, deps in GRAPH.items():
        if side(name) == "learner":
            wrong = sorted(d for d in deps if side(d) in ("build", "teacher"))
            assert not wrong, f"{name} imports {wrong}"
    # The top level a lesson imports (lessonkit/__init__) reaches the teacher side only
    # inside dashboard(), which the teachers' notebook calls: never at import time.
    tree = ast.parse(MODULES["lessonkit"].read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert all("build" not in ast.unparse(n) and "teacher" not in ast.unparse(n) for n in top_level)


def test_the_build_side_does_not_import_the_teacher_side():
    for name, deps in GRAPH.items():
        if side(name) == "build":
            assert not any(side(d) == "teacher" for d in deps), name


def test_no_import_cycles():
    """Tarjan's strongly connected components: every component is a single module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_cycle_finder_finds_a_planted_cycle(monkeypatch):
    planted = {k: set(v) for k, v in GRAPH.items()}
    planted["lessonkit.learner.base"].add("lessonkit.learner.lesson")  # lesson imports base
    monkeypatch.setitem(globals(), "GRAPH", planted)
    try:
        test_no_import_cycles()
    except AssertionError as error:
        assert "lessonkit.learner.base" in str(error)
    else:
        raise AssertionError("a planted cycle was not found")


def test_public_names_stay_importable_from_the_top():
    import lessonkit

    for name in lessonkit.__all__:
        assert getattr(lessonkit, name) is not None
