"""Read data/wordnet.json, the WordNet 3.0 definitions of the article words, at build time.

The file is made by ``scripts/make_wordnet_data.py`` from Debian's WordNet database and
committed (licence: data/WORDNET-LICENSE), so a build needs neither WordNet nor nltk data.
It maps a lower-case word form to at most four senses, most frequent first, each
``{"pos": "noun" | "verb" | "adjective" | "adverb", "definition": ..., "lemma": ...}``.
Only the build reads it; a learner's kernel gets the definitions it needs in the lesson data.
"""

from __future__ import annotations

import json
from pathlib import Path

from lessonkit.errors import SourceError

DATA_FILE = Path("data") / "wordnet.json"
REGENERATE = "make it with `.venv/bin/python scripts/make_wordnet_data.py`"


def load_definitions(root: Path | str = ".") -> dict[str, list[dict]]:
    """{word form: [sense, ...]} from data/wordnet.json under ``root``."""
    path = Path(root) / DATA_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(DATA_FILE, None, None, f"is missing; {REGENERATE}") from None
    try:
        table = json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(
            DATA_FILE, error.lineno, None, f"is not valid JSON ({error.msg}); {REGENERATE}"
        ) from None
    if not isinstance(table, dict):
        raise SourceError(DATA_FILE, None, None, f"is not a JSON object; {REGENERATE}")
    return table
