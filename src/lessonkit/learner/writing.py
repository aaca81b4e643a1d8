"""Feedback on a learner's short writing task: length, key words, reporting verbs.

Map of the module:

- ``count_words(text)``: words as a teacher counts them (contractions and hyphenated words
  are one word).
- ``used_forms(text, forms)``: which of the given word forms the text uses.
- ``verb_groups(forms, verbs)``: which verb each reporting-verb form belongs to ("says" and
  "said" are both "say"); ``distinct_verbs(used, groups)``: the different verbs used.
- ``writing_feedback(text, task)``: the feedback lines (pure; tested alone). ``task`` comes
  from the lesson data: ``min_words``, ``max_words``, ``key_words`` ([{word, forms}]),
  ``reporting_forms`` (every form of every reporting verb), all expanded at build time so the
  kernel needs no lemminflect; and, when the build gives them, ``min_key_words`` (how many
  key words the task asks for; default: all), ``min_reporting_verbs`` (how many different
  reporting verbs; default 1; 0 = no requirement) and ``reporting_verbs`` ({form: verb}).
- ``WritingView``: the anywidget view (``views/writing.js``): a text box with a word count,
  Check and the feedback; each check is saved, and the saved text comes back next time.

The feedback checks the length and the words used, not the ideas: it cannot say whether a
summary is true. The worksheet says so, and the answer key gives the teacher a model answer
and marking notes.
"""

from __future__ import annotations

import re

import traitlets as t

from lessonkit.learner.anyview import WordsWidget, styles
from lessonkit.learner.frontend import esm
from lessonkit.learner.progress import Attempt
from lessonkit.learner.quiz import store

WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
MAX_CHARS = 20_000  # a learner pasting a whole book must not slow the kernel

# Learner-facing sentence under the feedback (plain English for a B1 learner).
WHAT_IT_CHECKS = "This checks the length and the words you used. Your teacher will read your ideas."
# Reporting verbs to suggest, in this order, when the learner needs (more) of them.
SUGGESTED_VERBS = ("said", "told", "warned", "urged", "explained", "added")

# Past forms of reporting verbs that no suffix rule turns into their verb (used only when the
# lesson data has no {form: verb} map).
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "thought": "think",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "swore": "swear",
    "sworn": "swear",
    "taught": "teach",
    "meant": "mean",
    "began": "begin",
    "begun": "begin",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "forbade": "forbid",
    "forbidden": "forbid",
    "foresaw": "foresee",
    "foreseen": "foresee",
    "saw": "see",
    "seen": "see",
    "gave": "give",
    "given": "give",
    "held": "hold",
    "made": "make",
}


def count_words(text: str) -> int:
    return len(WORD.findall(text[:MAX_CHARS]))


def used_forms(text: str, forms: list[str]) -> list[str]:
    """The forms (each a word or a phrase) that stand in the text, in the order given."""
    flat = " " + " ".join(t.lower().replace("’", "'") for t in WORD.findall(text[:MAX_CHARS])) + " "
    return [f for f in forms if f" {f.lower()} " in flat]


def _base_candidates(form: str) -> list[str]:
    """Verbs a form could come from by the regular English endings, most likely first."""
    out = []
    if form.endswith("ies") and len(form) > 4:
        out.append(form[:-3] + "y")  # denies -> deny
    if form.endswith("ied") and len(form) > 4:
        out.append(form[:-3] + "y")  # denied -> deny
    for ending in ("ing", "ed"):
        if form.endswith(ending) and len(form) > len(ending) + 1:
            stem = form[: -len(ending)]
            out += [stem, stem + "e"]  # asked -> ask, stated -> state
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # admitted -> admit
    if form.endswith("es") and len(form) > 3:
        out.append(form[:-2])  # pushes -> push
    if form.endswith("s") and len(form) > 2:
        out.append(form[:-1])  # says -> say
    if form.endswith("d") and len(form) > 2:
        out.append(form[:-1])  # agreed -> agree
    return out


def verb_groups(forms: list[str], verbs: dict[str, str] | None = None) -> dict[str, str]:
    """The verb of each reporting-verb form: ``{"said": "say", "says": "say", ...}``.

    With ``verbs`` (the lesson data's ``{form: verb}``) that map is used. Without it (lesson
    data built before the map was added) each form is traced back to the shortest-path verb
    that is itself in ``forms``: irregular pasts from a small table ("said" -> "say", "told"
    -> "tell"), then the regular endings (-s, -es, -ies, -ed, -ied, -d, -ing, with a doubled
    last letter or a lost "e"). A form that leads to no other form is its own verb.
    (Grouping by the first four letters was considered and rejected: it splits "say" from
    "said" and "tell" from "told", and joins "compare" with "complain".)
    """
    if verbs:
        return {form: str(verbs.get(form, form)) for form in forms}
    known = {f.lower() for f in forms}
    found = {}
    for form in forms:
        low = form.lower()
        verb = _IRREGULAR.get(low)
        if verb not in known:
            verb = next((c for c in _base_candidates(low) if c in known and c != low), low)
        found[form] = verb
    return found


def distinct_verbs(used: list[str], groups: dict[str, str]) -> dict[str, str]:
    """The different verbs among the used forms, each with the first of its forms in ``used``
    (``used_forms`` lists them in the task's order): ``["says", "said", "told"]`` ->
    ``{"say": "says", "tell": "told"}``."""
    found: dict[str, str] = {}
    for form in used:
        found.setdefault(groups.get(form, form), form)
    return found


def _such_as(words: list[str]) -> str:
    """', such as said, told or warned' (or '' for no words)."""
    if not words:
        return ""
    listed = ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else words[0]
    return f", such as {listed}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def writing_feedback(text: str, task: dict) -> tuple[list[str], float]:
    """Feedback lines, each starting with a symbol and a word, and a share of checks passed.

    The three checks are length, key words (at least ``min_key_words`` of them; using fewer
    than all is not a failure when the task asks for fewer) and reporting verbs (at least
    ``min_reporting_verbs`` different verbs: "said" and "says" are one verb).
    """
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

    key_words = task["key_words"]
    need = max(0, min(int(task.get("min_key_words", len(key_words))), len(key_words)))
    used = [k["word"] for k in key_words if used_forms(text, k["forms"])]
    missing = [k["word"] for k in key_words if k["word"] not in used]
    share = f"you used {len(used)} of {len(key_words)}; the task asks for {need}."
    if len(used) >= need:
        lines.append(f"✔ Key words: {share}")
        passed += 1
    else:
        mark = "◐" if used else "✘"
        lines.append(f"{mark} Key words: {share} Try to use: {', '.join(missing)}.")

    need_verbs = max(0, int(task.get("min_reporting_verbs", 1)))
    forms = list(task["reporting_forms"])
    verbs = distinct_verbs(used_forms(text, forms), verb_groups(forms, task.get("reporting_verbs")))
    named = ", ".join(verbs.values())
    if need_verbs == 0:
        if verbs:
            lines.append(f"✔ Reporting verbs: you used {named}.")
        else:
            lines.append("✔ Reporting verbs: this task does not ask for them.")
        passed += 1
    elif len(verbs) >= need_verbs:
        lines.append(
            f"✔ Reporting verbs: you used {_count(len(verbs), 'different verb')} ({named});"
            f" the task asks for {need_verbs}."
        )
        passed += 1
    else:
        groups = verb_groups(forms, task.get("reporting_verbs"))
        ideas = _such_as([v for v in SUGGESTED_VERBS if groups.get(v, v) not in verbs][:4])
        if verbs:
            lines.append(
                f"◐ Reporting verbs: you used {_count(len(verbs), 'different verb')} ({named});"
                f" the task asks for {need_verbs}. Try another one{ideas}."
            )
        else:
            lines.append(
                f"✘ Reporting verbs: none yet; the task asks for {need_verbs}. Say who said"
                f" what, with verbs{ideas}."
            )
    return lines, passed / 3


class WritingView(WordsWidget):
    """The writing task (``views/writing.js``): a text box with a live word count, **Check my
    text** and the feedback on length, key words and reporting verbs.

    The browser keeps ``text`` (the draft) in step and sends ``{"action": "check", "text"}``;
    the kernel grades (``writing_feedback``), saves the text as today's attempt, and only then
    sends the ``feedback``. The model answer stays in the kernel until the learner has checked
    a text and presses **Show a model answer**; the marking notes never leave it.
    """

    # Declared as traits, so anywidget does not add (and send) them again per view.
    _esm = t.Unicode(esm("writing")).tag(sync=True)
    _css = t.Unicode(styles("writing")).tag(sync=True)

    text = t.Unicode("", help="The learner's text (the last saved one at first)").tag(sync=True)
    words = t.Int(0, help="How many words the text has (count_words)").tag(sync=True)
    min_words = t.Int(0).tag(sync=True)
    max_words = t.Int(0).tag(sync=True)
    restored = t.Bool(False, help="The text is the one saved last time").tag(sync=True)
    feedback = t.List(help="The feedback lines, after Check").tag(sync=True)
    checks = t.Int(0, help="How many times the text was checked").tag(sync=True)
    saved = t.Bool(False, help="The last checked text is in the progress store").tag(sync=True)
    note = t.Unicode(WHAT_IT_CHECKS).tag(sync=True)
    has_model = t.Bool(False, help="The task has a model answer to show after a check").tag(
        sync=True
    )
    model_answer = t.Unicode("", help="Empty until the learner asks for it").tag(sync=True)

    def __init__(self, task: dict, *, lesson: str):
        self.task, self.lesson = task, lesson
        self.slug = lesson.split(":")[0]
        self.friendly_text = (
            f"Writing task: {task['min_words']} to {task['max_words']} words. "
            "Run this cell to write and get feedback."
        )
        latest = store().latest(lesson).get("writing")
        draft = latest.answer if latest is not None else ""  # the last saved text comes back
        super().__init__(
            text=draft,
            words=count_words(draft),
            min_words=task["min_words"],
            max_words=task["max_words"],
            restored=bool(draft),
            has_model=bool(task.get("model_answer")),
        )
        self.observe(lambda change: self._count(), names="text")

    def _count(self) -> None:
        self.words = count_words(self.text)

    def do_check(self, text: str | None = None) -> list[str]:
        """Grade the text (the one given, or the draft), save it, then show the feedback."""
        if isinstance(text, str):
            self.text = text
        lines, score = writing_feedback(self.text, self.task)
        saved = False
        if self.text.strip():
            saved = store().record(
                Attempt(
                    lesson=self.lesson,
                    item="writing",
                    answer=self.text,
                    correct=score == 1.0,
                    revealed=False,
                    score=score,
                    time="",
                )
            )
        self.saved = bool(saved)
        self.feedback = lines
        self.checks += 1
        return lines

    def show_model(self) -> str:
        """The model answer, once the learner has checked a text of their own."""
        if self.checks and self.text.strip() and self.task.get("model_answer"):
            self.model_answer = self.task["model_answer"]
        return self.model_answer

    def act_check(self, content: dict) -> None:
        text = content.get("text")
        self.do_check(text if isinstance(text, str) else None)

    def act_model(self, _content: dict) -> None:
        self.show_model()
