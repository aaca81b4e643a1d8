"""The front end's files: each anywidget view's ES module and CSS, read from ``views/``.

anywidget loads a view's module on its own, so a module cannot import a sibling file. ``esm``
puts ``views/common.js`` (the helpers every view shares) in front of the view's own module,
and ``css`` does the same for ``views/common.css``: the shared code lives in one file, and
nothing is fetched from a CDN or built by the user.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

VIEWS = Path(__file__).parent / "views"


def _read(name: str) -> str:
    path = VIEWS / name
    return path.read_text(encoding="utf-8") if path.exists() else ""


@cache
def esm(view: str) -> str:
    """The ES module of ``views/<view>.js``, with the shared helpers in front."""
    return _read("common.js") + "\n" + _read(f"{view}.js")


@cache
def css(view: str) -> str:
    """The CSS of ``views/<view>.css``, with the shared rules in front."""
    return _read("common.css") + "\n" + _read(f"{view}.css")
