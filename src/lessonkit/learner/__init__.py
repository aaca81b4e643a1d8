"""Learner time: what a learner's kernel runs (the lesson, grading, progress, the views and
their ``views/*.js`` and ``*.css``). Standard library, ipywidgets and anywidget only; nothing
here imports ``lessonkit.build`` or ``lessonkit.teacher`` (``tests/test_layout.py``)."""
