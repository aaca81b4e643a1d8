"""The student release: lessons and worksheets for learners, with no answer key in plain text.

Map of the module:

- ``RELEASE_FOLDERS``: what a learner gets (notebooks, exercises, the lesson data, the
  package to run them) and what is left out (solutions, lesson sources, glossary sources,
  tests, the teacher's dashboard data).
- ``release_data(data)``: a lesson data file with every item's key hidden (``_keys``) and
  the writing task's model answer and marking notes removed.
- ``release(root, out)``: write the bundle; refuse to write into a non-empty folder.

What this protects against, and what not: see ``_keys`` and the README. It stops casual
peeking (opening a file and reading the answer); a determined learner who reads the
package's code can undo the obfuscation. For assessed work use Voila, where code and data
never reach the browser.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from lessonkit.errors import LessonkitError
from lessonkit.learner.keys import hide_key

# What Binder needs to build the release (postBuild installs the package), and the licence.
RELEASE_FILES = ("pyproject.toml", "environment.yml", "postBuild", "LICENSE")
STUDENT_README = """# English with the news: lessons for learners

Open `notebooks/00-start-here.ipynb` in JupyterLab and follow it. Worksheets are in
`exercises/`. Your answers are saved on this computer; at the end of each lesson you can make
a results file for your teacher.

The articles belong to their publishers and are used here for non-commercial classroom use;
every lesson names its source. To install what the lessons need: `pip install .`
"""


def release_data(data: dict, *, assessment: bool = False) -> dict:
    """The lesson data a learner gets: keys obfuscated, model answers and notes removed;
    with ``assessment``, every quiz in assessment mode (no right or wrong until Finish)."""
    out = json.loads(json.dumps(data))
    slug = out["slug"]
    if assessment:
        out["assessment"] = True
    for name in ("questions", "focus_questions"):
        if out.get(name):
            out[name] = [hide_key(item, slug) for item in out[name]]
    adapted = out.get("adapted")
    if adapted and adapted.get("questions"):  # questions on the easier text
        adapted["questions"] = [hide_key(item, slug) for item in adapted["questions"]]
    listening = out.get("listening")
    if listening:
        listening["gist"] = hide_key(listening["gist"], slug)
        listening["gaps"] = hide_key(listening["gaps"], slug)
    sheet = out.get("worksheet")
    if sheet:
        for section in sheet["sections"]:
            section["items"] = [hide_key(item, slug) for item in section["items"]]
        for private in ("model_answer", "marking_notes"):
            sheet["writing"].pop(private, None)
    return out


def release(root: Path, out: Path, log=print, *, assessment: bool = False) -> list[Path]:
    """Write the student bundle into ``out`` (which must be empty or new); ``assessment``
    puts every lesson's quizzes in assessment mode (``lessonkit release --assessment``)."""
    root, out = Path(root), Path(out)
    if out.exists() and any(out.iterdir()):
        raise LessonkitError(f"{out} is not empty; give a new or empty folder for the release.")
    written: list[Path] = []
    for folder in ("notebooks", "exercises"):
        for path in sorted((root / folder).glob("*.ipynb")):
            target = out / folder / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    (out / "data").mkdir(parents=True, exist_ok=True)
    for path in sorted((root / "data").glob("[0-9][0-9]-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        target = out / "data" / path.name
        target.write_text(
            json.dumps(
                release_data(data, assessment=assessment),
                ensure_ascii=False,
                indent=1,
                sort_keys=True,
            )
            + "\n",
            encoding="utf-8",
        )
        written.append(target)
    for extra in ("WORDNET-LICENSE",):
        if (root / "data" / extra).exists():
            shutil.copyfile(root / "data" / extra, out / "data" / extra)
            written.append(out / "data" / extra)
    if (root / "data" / "audio").is_dir():  # the articles read aloud and their timings
        shutil.copytree(root / "data" / "audio", out / "data" / "audio")
        written += sorted((out / "data" / "audio").iterdir())
    if (root / "data" / "charts").is_dir():
        shutil.copytree(root / "data" / "charts", out / "data" / "charts")
        written += sorted((out / "data" / "charts").iterdir())
    shutil.copytree(
        root / "src" / "lessonkit",
        out / "src" / "lessonkit",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    for name in RELEASE_FILES:
        shutil.copy(root / name, out / name)  # with its mode: postBuild must stay executable
    (out / "README.md").write_text(STUDENT_README, encoding="utf-8")
    log(f"Wrote the student release to {out}: {len(written)} lesson files, no answer keys.")
    return written
