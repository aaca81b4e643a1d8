"""Test-wide set-up: no test or notebook run may touch a learner's real progress store."""

import os
import tempfile

if "LESSONKIT_PROGRESS" not in os.environ:
    _tmp = tempfile.mkdtemp(prefix="lessonkit-test-")
    os.environ["LESSONKIT_PROGRESS"] = os.path.join(_tmp, "progress.sqlite3")
