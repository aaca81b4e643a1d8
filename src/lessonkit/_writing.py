"""Feedback on a learner's short writing task: length, key words, reporting verbs.

Map of the module:

- ``count_words(text)``: words as a teacher counts them (contractions and hyphenated words
  are one word).
- ``used_forms(text, forms)``: which of the given word forms the text uses.
- ``writing_feedback(text, task)``: the feedback lines (pure; tested alone). ``task`` comes
  from the lesson data: ``min_words``, ``max_words``, ``key_words`` ([{word, forms}]) and
  ``reporting_forms`` (every form of every reporting verb), all expanded at build time so the
  kernel needs no lemminflect.
- ``WritingView``: a text box, a Check button and the feedback; each check is saved.

The feedback is about form, not content: it cannot say whether a summary is true. The
worksheet says so, and the answer key gives the teacher a model answer and marking notes.
"""

from __future__ import annotations

import html
import re

import ipywidgets as w

from ._progress import Attempt
from ._quiz import FriendlyRepr, store
from ._widgets import box_options, lean

WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
MAX_CHARS = 20_000  # a learner pasting a whole book must not slow the kernel


def count_words(text: str) -> int:
    return len(WORD.findall(text[:MAX_CHARS]))


def used_forms(text: str, forms: list[str]) -> list[str]:
    """The forms (each a word or a phrase) that stand in the text, in the order given."""
    flat = " " + " ".join(t.lower().replace("’", "'") for t in WORD.findall(text[:MAX_CHARS])) + " "
    return [f for f in forms if f" {f.lower()} " in flat]


def writing_feedback(text: str, task: dict) -> tuple[list[str], float]:
    """Feedback lines, each starting with a symbol and a word, and a share of checks passed."""
    if not isinstance(text, str) or not text.strip():
        return ["○ Please write your text in the box first."], 0.0
    lines, passed = [], 0
    n, low, high = count_words(text), task["min_words"], task["max_words"]
    if n < low:
        lines.append(f"✘ Too short: {n} words. Write at least {low} words.")
    elif n > high:
        lines.append(f"✘ Too long: {n} words. Write at most {high} words.")
    else:
        lines.append(f"✔ Length: {n} words (the aim is {low} to {high}).")
        passed += 1
    used = [k["word"] for k in task["key_words"] if used_forms(text, k["forms"])]
    missing = [k["word"] for k in task["key_words"] if k["word"] not in used]
    share = f"{len(used)} of {len(task['key_words'])}"
    if not missing:
        lines.append(f"✔ Key words: you used all {share}: {', '.join(used)}.")
        passed += 1
    else:
        lines.append(f"◐ Key words: you used {share}. Try to use: {', '.join(missing)}.")
    verbs = used_forms(text, task["reporting_forms"])
    if verbs:
        lines.append(f"✔ Reporting verbs: you used {', '.join(dict.fromkeys(verbs))}.")
        passed += 1
    else:
        lines.append(
            "✘ Reporting verbs: none yet. Say who said what, with verbs such as "
            "said, told, warned or urged."
        )
    return lines, passed / 3


class WritingView(FriendlyRepr, w.VBox):
    """The writing task: a text box and feedback on length, key words and reporting verbs."""

    def __init__(self, task: dict, *, lesson: str):
        self.task, self.lesson = task, lesson
        self.friendly_text = (
            f"Writing task: {task['min_words']} to {task['max_words']} words. "
            "Run this cell to write and get feedback."
        )
        self.box = lean(
            w.Textarea,
            placeholder="Write your text here.",
            description="Your text:",
            rows=10,
            layout={"width": "95%"},
            style={"description_width": "initial"},
            css="lk-writing",
        )
        self.check = lean(
            w.Button,
            description="Check my text",
            icon="check",
            tooltip="Count the words and look for the key words",
            css="lk-check-writing",
        )
        self.feedback = lean(w.HTML, css="lk-feedback")
        latest = store().latest(lesson).get("writing")
        if latest is not None:
            self.box.value = latest.answer  # the last saved draft comes back
        self.check.on_click(lambda _: self.do_check())
        super().__init__([self.box, self.check, self.feedback], **box_options("lk-writing-view"))

    def do_check(self) -> list[str]:
        lines, score = writing_feedback(self.box.value, self.task)
        self.feedback.value = (
            "<ul>"
            + "".join(f"<li>{html.escape(x)}</li>" for x in lines)
            + (
                "</ul><p><em>This checks the form of your text, not whether it is true. "
                "Your teacher reads the content.</em></p>"
            )
        )
        if self.box.value.strip():
            store().record(
                Attempt(
                    lesson=self.lesson,
                    item="writing",
                    answer=self.box.value,
                    correct=score == 1.0,
                    revealed=False,
                    score=score,
                    time="",
                )
            )
        return lines
