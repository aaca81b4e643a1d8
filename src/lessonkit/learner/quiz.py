"""Quizzes: one anywidget per quiz (``views/quiz.js``), graded and stored in the kernel.

Map of the module:

- ``ItemPlan``: what the browser gets for one item (prompt, options in a seeded order; never
  a key, an accepted answer, an explanation or option feedback), and the maps between what
  the browser sends back (positions in the shown order) and the answer ``grade`` takes.
- ``reveal_text(item)``: the right answer in words, for "Show answer".
- ``SHOWS_OPTION_FEEDBACK`` and ``chosen_option_feedback(item, answer)``: the author's
  feedback of the options the learner chose, shown after Check (never of other options).
- ``ItemView``: one question in the kernel: check (grade, store, then feedback), show the
  answer, restore the last stored attempt when a lesson is opened again.
- ``QuizView``: the widget: a list of items with a running score. The view sends
  ``{action, item, answer}``; the kernel replies by putting that item's feedback (plain text,
  per-part marks) in the ``results`` trait, after the attempt is stored.
- Assessment mode (``QuizView(..., assessment=True)``): no right or wrong until Finish;
  answers saved on every change (``<lesson>:saved``), the graded attempts at Finish stored as
  the assessed ones (``<lesson>:assessed``); the option order is the learner's own
  (``learner_seed``).
- ``summary_text``, ``previous_text``, ``lesson_score_lines``: the score sentences; each gives
  the questions right in the end (last attempt) and right the first time (first attempt).
- ``FriendlyRepr``: the text a viewer without a kernel (and nbval) shows instead of a widget.

Every control carries a stable CSS class (``lk-...``) so browser tests can find it, and a
label so a screen reader can name it. Feedback uses words and symbols, never colour alone.
``ResultsView`` and ``ScoreView`` stay small ipywidgets boxes (a name box, a button, a
download link).
"""

from __future__ import annotations

import html
import json
import os
import random
import secrets
from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets as t

from lessonkit.learner.frontend import css, esm
from lessonkit.learner.grading import (
    MAX_ANSWER_CHARS,
    Result,
    feedback_for_option,
    grade,
    match_text,
)
from lessonkit.learner.progress import Attempt, ProgressStore, first_and_last, is_right
from lessonkit.learner.widgets import box_layout

_STORE: ProgressStore | None = None
PLACEHOLDER = "(choose)"

# Item types whose options carry the author's feedback; after Check, the feedback of each
# option the learner chose is shown (another module's checker imports this).
SHOWS_OPTION_FEEDBACK = ("choice", "multi")

# Learner-facing sentences (plain English for a B1 learner).
SHOWN_NOTE = "If you press Show answer, this question gets no point."


def store() -> ProgressStore:
    """The learner's progress store, opened once per kernel."""
    global _STORE
    if _STORE is None:
        _STORE = ProgressStore()
    return _STORE


def reset_store(new: ProgressStore | None = None) -> None:
    """Use another store (tests), or open the default again on next use."""
    global _STORE
    _STORE = new


class FriendlyRepr:
    """Mixin: a widget's text/plain twin is a friendly sentence, not ``VBox(children=...)``.

    A view may also set ``friendly_html``: what a reader without a kernel (GitHub, nbviewer)
    sees in its place, such as the word list as a plain table. Front ends with a kernel show
    the widget instead."""

    friendly_text = "Run this cell to start."
    friendly_html: str | None = None

    def __repr__(self) -> str:
        return self.friendly_text

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        if data:
            data["text/plain"] = self.friendly_text
            if self.friendly_html:
                data["text/html"] = self.friendly_html
        return data


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def shuffled(values: list, seed: str) -> list:
    """A copy in a fixed, seeded order: the same for every learner and every run."""
    copy = list(values)
    random.Random(seed).shuffle(copy)
    return copy


# --- what the browser gets: prompts and options, never a key ---------------------------------

TFNG_VALUES = ("true", "false", "not given")
TFNG_LABELS = ("True", "False", "Not given")
BLANK = "___"
# Item fields that give the answer away, or explain it: they stay in the kernel until the
# learner checks or shows that item (a browser test records every message and checks it).
KERNEL_ONLY = ("options", "answer", "accept", "blanks", "pairs", "items", "explanation")


def _not_in_order(values: list, seed: str) -> list:
    """A seeded shuffle that is never the right order (for lists of two or more)."""
    mixed = shuffled(values, seed)
    if len(values) > 1 and mixed == list(values):
        mixed = mixed[1:] + mixed[:1]
    return mixed


class ItemPlan:
    """How one item is shown: the public part the browser gets, and the maps from what the
    browser sends back (positions in the shown order) to the answer ``grade`` takes."""

    def __init__(self, item: dict, seed: str, *, shuffle_all: bool = False):
        self.item, self.kind = item, item["type"]
        kind = self.kind
        self.public: dict = {"id": item["id"], "type": kind, "prompt": item["prompt"]}
        if kind in ("choice", "multi"):
            self.order = shuffled(list(range(len(item["options"]))), seed)
            self.public["options"] = [item["options"][i]["text"] for i in self.order]
        elif kind == "tfng":
            self.public["options"] = list(TFNG_LABELS)
        elif kind == "gap":
            pieces = item["text"].split(BLANK)
            blanks = len(item["blanks"])
            # A sentence with fewer "___" than blanks gets the rest at its end.
            pieces += [""] * max(0, blanks + 1 - len(pieces))
            self.public["pieces"] = pieces[:blanks] + [BLANK.join(pieces[blanks:])]
            if item.get("bank"):
                bank = list(item["bank"])
                self.public["bank"] = shuffled(bank, seed) if shuffle_all else bank
        elif kind == "match":
            self.lefts = [p["left"] for p in item["pairs"]]
            self.rights = shuffled(sorted({p["right"] for p in item["pairs"]}), seed)
            self.public["lefts"] = self.lefts
            self.public["rights"] = self.rights
        elif kind == "order":
            self.events = _not_in_order(list(item["items"]), seed)
            self.public["events"] = self.events
        elif kind != "short":
            raise ValueError(f"unknown item type {kind!r}")

    # What the browser sends is data from outside: every shape is checked, and anything
    # unexpected becomes an answer ``grade`` calls "invalid" (never an exception).
    def to_grade(self, shown: object) -> object:
        """The answer for ``grade`` from the browser's answer (positions in the shown order)."""
        kind = self.kind
        if kind == "choice":
            return None if shown is None else self.order[_position(shown, len(self.order))]
        if kind == "multi":
            if not isinstance(shown, list):
                return None if shown is None else _INVALID
            return sorted({self.order[_position(p, len(self.order))] for p in shown})
        if kind == "tfng":
            return None if shown is None else TFNG_VALUES[_position(shown, 3)]
        if kind == "short":
            return shown if isinstance(shown, str) or shown is None else _INVALID
        if kind == "gap":
            if not isinstance(shown, list):
                return _INVALID
            return [v if isinstance(v, str) else "" for v in shown]
        if kind == "match":
            if not isinstance(shown, list) or len(shown) != len(self.lefts):
                return _INVALID
            return {
                left: self.rights[_position(p, len(self.rights))]
                for left, p in zip(self.lefts, shown, strict=True)
                if p is not None
            }
        if not isinstance(shown, list) or not shown:  # order
            return []
        if len(shown) != len(self.events) or sorted(map(str, shown)) != sorted(
            map(str, range(len(self.events)))
        ):
            return _INVALID
        return [self.events[_position(p, len(self.events))] for p in shown]

    def to_shown(self, answer: object) -> object:
        """The browser's form of a stored answer (to restore it); None when it cannot be read."""
        kind = self.kind
        try:
            if kind == "choice":
                return self.order.index(answer)
            if kind == "multi":
                return sorted(self.order.index(i) for i in answer)
            if kind == "tfng":
                return TFNG_VALUES.index(normalise_tfng(answer))
            if kind == "short":
                return answer if isinstance(answer, str) else None
            if kind == "gap":
                return [str(v) for v in answer] if isinstance(answer, list) else None
            if kind == "match":
                return [
                    self.rights.index(answer[left]) if left in answer else None
                    for left in self.lefts
                ]
            free = list(range(len(self.events)))  # order: each event once
            shown = []
            for text in answer:
                place = next(i for i in free if self.events[i] == text)
                free.remove(place)
                shown.append(place)
            return shown
        except (TypeError, ValueError, KeyError, StopIteration, AttributeError):
            return None

    def marks(self, shown: object, answer: object, result: Result) -> list:
        """Per part, in the shown order: which option / gap / pair / position is right.

        Options: only the ones the learner chose are marked (True or False), so marks never
        tell which option the learner did not choose is right. Gaps: "correct", "almost",
        "wrong" or "empty". Pairs (in the order of the left side) and positions (in the
        learner's order): True, False, or None for a pair left empty."""
        kind, item = self.kind, self.item
        if kind in ("choice", "multi", "tfng"):
            chosen = {shown} if not isinstance(shown, list) else set(shown)
            count = len(self.public["options"])
            return [(self._option_right(p) if p in chosen else None) for p in range(count)]
        if kind == "gap":
            values = answer if isinstance(answer, list) else []
            typos = not item.get("bank")
            out = []
            for i, blank in enumerate(item["blanks"]):
                value = values[i] if i < len(values) and isinstance(values[i], str) else ""
                verdict = match_text(value[:MAX_ANSWER_CHARS], blank["accept"])
                out.append("wrong" if verdict == "almost" and not typos else verdict)
            return out
        if kind == "match":
            picked = shown if isinstance(shown, list) else []
            return [
                (None if p is None else bool(ok))
                for p, ok in zip(picked, result.parts or [False] * len(picked), strict=False)
            ]
        if kind == "order":
            return list(result.parts)
        return []

    def _option_right(self, position: int) -> bool:
        if self.kind == "tfng":
            return TFNG_VALUES[position] == normalise_tfng(self.item["answer"])
        return bool(self.item["options"][self.order[position]].get("correct"))


_INVALID = object()  # an answer no grader accepts: "invalid", with the friendly message


class _BadPosition(Exception):
    pass


def _position(value: object, size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        raise _BadPosition
    return value


def normalise_tfng(value: object) -> str:
    text = str(value).strip().lower()
    return {"t": "true", "f": "false", "ng": "not given"}.get(text, text)


def public_items(items: list[dict], lesson: str, *, seed: str = "") -> list[dict]:
    """What the browser gets for a list of items (used by the message audit's unit test)."""
    return [ItemPlan(item, f"{seed}{lesson}:{item['id']}").public for item in items]


def explanation_parts(item: dict) -> dict:
    """The explanation and the evidence of an item, for after a check or a shown answer."""
    ev = item.get("evidence") or {}
    where = "the headline" if ev.get("paragraph") == 0 else f"paragraph {ev.get('paragraph')}"
    # A worksheet sentence written for the project: the quotation shows where the word stands
    # in the article, not where the answer is.
    lead = f"In the article ({where})" if item.get("new_sentence") else f"Look at {where}"
    return {
        "why": item.get("explanation", ""),
        "say": item.get("stress") or "",
        "lead": lead,
        "quote": ev.get("quote", ""),
    }


def reveal_text(item: dict) -> str:
    """The right answer in plain words."""
    kind = item["type"]
    if kind in ("choice", "multi"):
        right = [o["text"] for o in item["options"] if o.get("correct")]
        return " / ".join(right)
    if kind == "tfng":
        return {"true": "True", "false": "False", "not given": "Not given"}[item["answer"]]
    if kind == "short":
        return item["accept"][0]
    if kind == "gap":
        text = item["text"]
        for blank in item["blanks"]:
            text = text.replace("___", blank["accept"][0], 1)
        return text
    if kind == "match":
        return "; ".join(f"{p['left']} → {p['right']}" for p in item["pairs"])
    if kind == "order":
        return " → ".join(item["items"])
    return ""


def chosen_option_feedback(item: dict, answer: object) -> list[tuple[str, str]]:
    """(option text, the author's feedback) for each option the learner chose, in the order
    of ``answer``: one index for "choice", a list of indices for "multi". Options not chosen
    never appear, and neither do types outside ``SHOWS_OPTION_FEEDBACK`` or unreadable answers.
    """
    if item.get("type") not in SHOWS_OPTION_FEEDBACK:
        return []
    if isinstance(answer, int) and not isinstance(answer, bool):
        chosen: list[object] = [answer]
    elif isinstance(answer, (list, tuple)):
        chosen = list(answer)
    else:
        return []
    notes, seen = [], set()
    for index in chosen:
        if isinstance(index, bool) or not isinstance(index, int) or index in seen:
            continue
        seen.add(index)
        note = feedback_for_option(item, index)
        if note:
            notes.append((str(item["options"][index]["text"]), note))
    return notes


def where_words(item: dict) -> str:
    """Where the evidence is: "the headline" (paragraph 0) or "paragraph 7"."""
    n = (item.get("evidence") or {}).get("paragraph")
    return "the headline" if n == 0 else f"paragraph {n}"


def evidence_html(item: dict) -> str:
    ev = item.get("evidence") or {}
    where = "the headline" if ev.get("paragraph") == 0 else f"paragraph {ev.get('paragraph')}"
    # A worksheet sentence written for the project: the quotation shows where the word stands
    # in the article, not where the answer is.
    lead = f"In the article ({where})" if item.get("new_sentence") else f"Look at {where}"
    stress = item.get("stress")
    say = f"<br><em>Say it:</em> {esc(stress)}" if stress else ""
    return (
        f'<div class="lk-explanation"><strong>Why:</strong> {esc(item.get("explanation", ""))}'
        f"{say}<br><em>{esc(lead)}:</em> “{esc(ev.get('quote', ''))}”</div>"
    )


# --- one item ---------------------------------------------------------------------------------


class ItemView:
    """One question in the kernel: grades what the browser sends, stores it, and makes the
    feedback the browser shows (a dict of plain text; the view never gets HTML from here)."""

    def __init__(
        self,
        item: dict,
        *,
        lesson: str,
        number: int,
        total: int,
        on_result: Callable[[ItemView], None] | None = None,
        first: Attempt | None = None,
        seed: str = "",
    ):
        """``first`` is the learner's first stored attempt at this item (from an earlier
        session), if any: it decides "right the first time". ``seed`` is put in front of the
        shuffle's seed (assessment mode: a learner's own option order)."""
        self.item, self.lesson, self.number, self.total = item, lesson, number, total
        self.friendly_text = f"Question {number}: {item['prompt']} (Run the cell to answer.)"
        self.result: Result | None = None
        self.revealed = False
        # Was the learner's first attempt ever right? None until there is an attempt.
        self.first_right: bool | None = None if first is None else is_right(first)
        self.on_result = on_result
        self.plan = ItemPlan(item, f"{seed}{lesson}:{item['id']}", shuffle_all=bool(seed))
        self.public = {**self.plan.public, "n": number}
        self.feedback: dict | None = None
        self.shown_answer: object = None  # the learner's answer, as the browser shows it

    def answer_text(self, answer: object) -> str:
        try:
            return answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        except (TypeError, ValueError):
            return str(answer)

    def grade_shown(self, shown: object) -> tuple[object, Result]:
        try:
            answer = self.plan.to_grade(shown)
        except _BadPosition:
            answer = _INVALID
        if answer is _INVALID:
            return None, grade({"type": "short", "accept": []}, 0)  # "invalid", friendly text
        return answer, grade(self.item, answer)

    def check(self, shown: object, *, record: bool = True) -> dict:
        """Grade the browser's answer, store it (before any feedback), return the feedback."""
        answer, result = self.grade_shown(shown)
        feedback = self.feedback_of(shown, answer, result)
        if result.status not in ("empty", "invalid"):
            self.result, self.shown_answer = result, shown
            if record:
                self._record(answer, result, revealed=False)
        return feedback

    def feedback_of(self, shown: object, answer: object, result: Result) -> dict:
        out: dict = {"status": result.status, "message": result.message}
        if result.status in ("empty", "invalid"):
            self.feedback = out
            return out
        out["marks"] = self.plan.marks(shown, answer, result)
        notes = chosen_option_feedback(self.item, answer)
        if notes:
            out["notes"] = [list(n) for n in notes] if self.item["type"] == "multi" else []
            if self.item["type"] == "choice":
                out["notes"] = [["", note] for _, note in notes]
        if result.correct:
            out["explanation"] = explanation_parts(self.item)
        else:
            out["hint"] = f"Hint: read {where_words(self.item)} again."
        self.feedback = out
        return out

    def show(self, shown: object = None) -> dict:
        """Show the right answer (stored as a revealed attempt, which is never right)."""
        self.revealed = True
        answer, _ = self.grade_shown(shown)
        self.feedback = {
            "status": "revealed",
            "message": "👁 The answer:",
            "answer": reveal_text(self.item),
            "explanation": explanation_parts(self.item),
            "note": SHOWN_NOTE,
        }
        self._record(
            answer if answer is not None else "", Result("wrong", 0.0, "shown"), revealed=True
        )
        return self.feedback

    def restore(self, last: Attempt) -> None:
        """Show the learner's last stored attempt again (reopening a lesson)."""
        answer = _stored_answer(last.answer, self.item["type"])
        shown = self.plan.to_shown(answer)
        if last.revealed:
            self.revealed = True
            self.shown_answer = shown
            self.feedback = {
                "status": "revealed",
                "message": "👁 The answer:",
                "answer": reveal_text(self.item),
                "explanation": explanation_parts(self.item),
                "note": SHOWN_NOTE,
            }
            return
        if shown is None:
            return
        self.check(shown, record=False)

    def do_check(self, shown: object) -> Result:
        """Check an answer given in the browser's form; the Result (tests, benchmarks)."""
        self.check(shown)
        _, result = self.grade_shown(shown)
        return result

    def _record(self, answer: object, result: Result, *, revealed: bool) -> None:
        if self.first_right is None:
            self.first_right = result.correct and not revealed
        store().record(
            Attempt(
                lesson=self.lesson,
                item=self.item["id"],
                answer=self.answer_text(answer),
                correct=result.correct,
                revealed=revealed,
                score=result.score,
                time="",
            )
        )
        if self.on_result:
            self.on_result(self)


def _stored_answer(text: str, kind: str) -> object:
    """A stored answer back in the shape ``grade`` takes (typed answers were stored as text)."""
    if kind in ("short", "tfng"):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


# --- a quiz -----------------------------------------------------------------------------------


def score_sentence(total: int, answered: int, right: int, right_first: int, shown: int = 0) -> str:
    """'9 of 14 right (12 answered). Right the first time: 6.' (pure; tested alone).

    ``right`` counts questions whose last attempt was right, ``right_first`` those whose
    first attempt was right; a shown answer is never right.
    """
    text = f"{right} of {total} right ({answered} answered"
    text += f", {shown} {'answer' if shown == 1 else 'answers'} shown)." if shown else ")."
    return text + f" Right the first time: {right_first}."


def look_again_text(places: list[tuple[int, dict]]) -> str:
    """' Look again at: question 2 (paragraph 5), question 4 (the headline).' or ''."""
    if not places:
        return ""
    parts = [f"question {n} ({where_words(item)})" for n, item in places]
    return " Look again at: " + ", ".join(parts) + "."


def summary_text(views: list[ItemView]) -> str:
    """'Score: 3 of 12 right (4 answered, 1 shown). Right the first time: 2. Look again at:
    question 2 (paragraph 5), ...'"""
    done = [v for v in views if v.result or v.revealed]
    right = sum(1 for v in done if v.result and v.result.correct and not v.revealed)
    right_first = sum(1 for v in done if v.first_right)
    shown = sum(1 for v in done if v.revealed)
    again = [(v.number, v.item) for v in done if v.revealed or not v.result.correct]
    text = "Score: " + score_sentence(len(views), len(done), right, right_first, shown)
    return text + look_again_text(again)


def previous_text(
    lesson: str, items: list[dict], pairs: dict[str, tuple[Attempt, Attempt]] | None = None
) -> str | None:
    """What the store remembers from earlier sessions, in one sentence. ``pairs`` (item id to
    its first and last attempt) saves reading the store again when the caller has them."""
    if pairs is None:
        pairs = _pairs(lesson)
    seen = [pairs[i["id"]] for i in items if i["id"] in pairs]
    if not seen:
        return None
    right = sum(1 for _, last in seen if is_right(last))
    right_first = sum(1 for first, _ in seen if is_right(first))
    return (
        f"Last time you answered {len(seen)} of {len(items)} questions and got "
        f"{right} right ({right_first} right the first time). You can answer again."
    )


def _pairs(lesson: str) -> dict[str, tuple[Attempt, Attempt]]:
    """Item id to the learner's first and last stored attempt at it, for one lesson."""
    return {item: pair for (_, item), pair in first_and_last(store().attempts(lesson)).items()}


# Assessment mode (issue 17). Answers saved before "Finish" are stored under the lesson key
# ``<lesson>:saved`` with no mark (nothing is graded yet, so nothing can be seen early, even in
# a results file); at Finish each question's answer is graded and stored under
# ``<lesson>:assessed``: the attempt that counts, which results files and the dashboard tell
# apart by its lesson key.
SAVED = ":saved"
ASSESSED = ":assessed"
ASSESSMENT_NOTE = (
    "This is a test. You see if your answers are right when you press Finish at the end. "
    "Your answers are saved each time you change them."
)
INSTALL_ID_FILE = "install-id"


def learner_seed() -> str:
    """A learner's own seed for the option order in assessment mode, the same every time:
    the hub's user name, else a random id kept beside the progress file (made once)."""
    user = os.environ.get("JUPYTERHUB_USER")
    if user:
        return user
    folder = getattr(store(), "path", None)
    if folder is None:
        return "local"
    path = Path(folder).parent / INSTALL_ID_FILE
    try:
        found = path.read_text(encoding="ascii").strip()
        if found:
            return found
    except (OSError, ValueError):
        pass
    made = secrets.token_hex(8)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(made + "\n", encoding="ascii")
    except OSError:
        return "local"  # cannot be kept: one fixed order rather than a new one each time
    return made


class AnyFriendlyRepr(FriendlyRepr):
    """anywidget returns (data, metadata) from ``_repr_mimebundle_``: put the friendly text
    (and HTML) in its data, as ``FriendlyRepr`` does for ipywidgets."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = anywidget.AnyWidget._repr_mimebundle_(self, **kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if data:
            data["text/plain"] = self.friendly_text
            if self.friendly_html:
                data["text/html"] = self.friendly_html
        return bundle


class QuizView(AnyFriendlyRepr, anywidget.AnyWidget):
    """A list of questions with a running score: one widget (views/quiz.js).

    The browser gets ``items`` (prompts and options in a shuffled order, no key); it sends
    ``{"action": "check" | "show" | "save" | "finish", "item": id, "answer": ...}``; the
    kernel grades with ``grade``, stores the attempt, and only then puts that item's feedback
    in ``results``."""

    _esm = esm("quiz")
    _css = css("quiz")

    title = t.Unicode("Quiz", help="the quiz's name, read by screen readers").tag(sync=True)
    css_class = t.Unicode("lk-quiz", help="the quiz's CSS class").tag(sync=True)
    items = t.List(help="public part of each item: prompt, shown options").tag(sync=True)
    answers = t.Dict(help="item id -> restored answer, in the shown form").tag(sync=True)
    results = t.Dict(help="item id -> feedback, only after check or show").tag(sync=True)
    score = t.Unicode("", help="the running score sentence").tag(sync=True)
    notes = t.List(help="[kind, text]: a store warning, last time's score").tag(sync=True)
    assessment = t.Bool(False, help="no right or wrong until Finish").tag(sync=True)
    finished = t.Bool(False, help="assessment finished: marks are shown").tag(sync=True)
    saved = t.Dict(help="assessment: item id -> a count of saves").tag(sync=True)

    def __init__(
        self,
        items: list[dict],
        *,
        lesson: str,
        title: str = "Quiz",
        css: str = "lk-quiz",
        assessment: bool = False,
    ):
        self.friendly_text = (
            f"{title}: {len(items)} questions. Run this cell to start (Run → Run All Cells)."
        )
        self.lesson = lesson
        seed = f"{learner_seed()}:" if assessment else ""
        pairs = _pairs(lesson)  # one read of the store for the whole quiz
        self.views = [
            ItemView(
                item,
                lesson=lesson,
                number=n,
                total=len(items),
                on_result=lambda _: self.update(),
                first=pairs[item["id"]][0] if item["id"] in pairs else None,
                seed=seed,
            )
            for n, item in enumerate(items, 1)
        ]
        self.by_id = {v.item["id"]: v for v in self.views}
        notes = []
        warning = store().warning
        if warning:
            notes.append(["warning", warning])
        answers: dict = {}
        finished = False
        if assessment:
            notes.append(["assessment", ASSESSMENT_NOTE])
            finished = self._restore_assessment(answers)
        else:
            before = previous_text(lesson, items, pairs)
            if before:
                notes.append(["previous", before])
            for item_id, (_, last) in pairs.items():
                view = self.by_id.get(item_id)
                if view is not None:
                    view.restore(last)
                    if view.shown_answer is not None:
                        answers[item_id] = view.shown_answer
        results = {
            v.item["id"]: v.feedback
            for v in self.views
            if v.feedback and (not assessment or finished)
        }
        super().__init__(
            title=title,
            css_class=css,
            items=[v.public for v in self.views],
            answers=answers,
            results=results,
            notes=notes,
            assessment=assessment,
            finished=finished,
            score=self.score_text(assessment, finished),
            _dom_classes=(css,),
            layout=box_layout(),  # one shared Layout model for every view
        )
        self.on_msg(self._on_message)

    # -- the score ---------------------------------------------------------------------------

    def score_text(self, assessment: bool, finished: bool) -> str:
        if assessment and not finished:
            return ""
        return summary_text(self.views)

    def score_html(self) -> str:
        return f"<p><strong>{esc(self.score)}</strong></p>"

    def update(self) -> None:
        self.score = self.score_text(self.assessment, self.finished)

    # -- messages from the view --------------------------------------------------------------

    def _on_message(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        action = content.get("action")
        if action == "finish":
            self.finish()
            return
        view = self.by_id.get(content.get("item")) if isinstance(content.get("item"), str) else None
        if view is None:
            return
        answer = content.get("answer")
        if action == "save":
            self.save(view.item["id"], answer)
        elif self.assessment and not self.finished:
            return  # no Check or Show answer before Finish
        elif action == "check":
            self.check(view.item["id"], answer)
        elif action == "show":
            self.show(view.item["id"], answer)

    def check(self, item_id: str, answer: object) -> dict:
        """Grade the answer (in the browser's form), store it, then send its feedback."""
        return self._reply(item_id, self.by_id[item_id].check(answer))

    def show(self, item_id: str, answer: object = None) -> dict:
        return self._reply(item_id, self.by_id[item_id].show(answer))

    def _reply(self, item_id: str, feedback: dict) -> dict:
        # A number per reply: the same verdict twice is still a change the view is told of
        # (it redraws the marks and moves the focus after each Check).
        self._replies = getattr(self, "_replies", 0) + 1
        self.results = {**self.results, item_id: {**feedback, "reply": self._replies}}
        return feedback

    # -- assessment mode ---------------------------------------------------------------------

    def save(self, item_id: str, answer: object) -> None:
        """Assessment: keep the answer (no mark), so nothing is lost before Finish."""
        if not self.assessment or self.finished:
            return
        view = self.by_id[item_id]
        graded, _ = view.grade_shown(answer)
        view.shown_answer = answer
        store().record(
            Attempt(
                lesson=self.lesson + SAVED,
                item=item_id,
                answer=view.answer_text(graded if graded is not None else ""),
                correct=False,
                revealed=False,
                score=0.0,
            )
        )
        self.saved = {**self.saved, item_id: self.saved.get(item_id, 0) + 1}

    def finish(self) -> None:
        """Assessment: grade every saved answer, store each as the assessed attempt, then
        show the marks, the explanations and the score."""
        if not self.assessment or self.finished:
            return
        results = {}
        for view in self.views:
            results[view.item["id"]] = self._assess(view, view.shown_answer, record=True)
        self.results = results
        self.finished = True
        self.update()

    def _assess(self, view: ItemView, shown: object, *, record: bool) -> dict:
        answer, result = view.grade_shown(shown)
        if result.status in ("empty", "invalid"):
            result = Result(
                "wrong", 0.0, "○ Not answered." if result.status == "empty" else result.message
            )
            answer = "" if answer is None else answer
            feedback = {"status": "wrong", "message": result.message}
        else:
            feedback = view.feedback_of(shown, answer, result)
            feedback.pop("hint", None)
        view.result = result
        feedback["explanation"] = explanation_parts(view.item)
        if not result.correct:
            feedback["answer"] = reveal_text(view.item)
        view.feedback = feedback
        if record:
            view.first_right = result.correct
            store().record(
                Attempt(
                    lesson=self.lesson + ASSESSED,
                    item=view.item["id"],
                    answer=view.answer_text(answer),
                    correct=result.correct,
                    revealed=False,
                    score=result.score,
                )
            )
        return feedback

    def _restore_assessment(self, answers: dict) -> bool:
        """Saved answers come back; a finished assessment comes back finished."""
        assessed = {a.item: a for a in store().attempts(self.lesson + ASSESSED)}
        saved = {a.item: a for a in store().attempts(self.lesson + SAVED)}
        done = bool(assessed) and all(v.item["id"] in assessed for v in self.views)
        for view in self.views:
            item_id = view.item["id"]
            last = assessed.get(item_id) if done else saved.get(item_id)
            if last is None:
                continue
            shown = view.plan.to_shown(_stored_answer(last.answer, view.item["type"]))
            if shown is not None:
                view.shown_answer = answers[item_id] = shown
            if done:
                view.first_right = is_right(last)
                self._assess(view, shown, record=False)
        return done


# --- results for the teacher ------------------------------------------------------------------


def data_url(text: str, mime: str) -> str:
    """The file inside a link: it works on Binder even after the session ends, and needs no
    server file access."""
    import base64

    return f"data:{mime};base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


def download_link(text: str, filename: str, mime: str, label: str) -> str:
    """A link that downloads ``text``: the file travels inside the link, so it works on Binder
    even after the session ends, and needs no server file access."""
    import base64

    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a class="lk-download" download="{esc(filename)}" '
        f'href="data:{mime};base64,{payload}">⬇ {esc(label)}</a>'
    )


class ResultsView(AnyFriendlyRepr, anywidget.AnyWidget):
    """Name and class boxes and a button that makes the learner's results files: one widget
    (views/results.js). The view sends ``{"action": "make", "name", "group"}``; the kernel
    reads the store and puts the message and the download links in ``made``."""

    friendly_text = "Your results: run this cell, type your name and class, and download a file."
    _esm = esm("results")
    _css = css("results")

    kind = t.Unicode("results", help="results (this view) or score").tag(sync=True)
    made = t.Dict(help="message: [[bold, text]], links: [{href, filename, label}]").tag(sync=True)

    def __init__(self):
        super().__init__(_dom_classes=("lk-results-view",), layout=box_layout())
        self.on_msg(self._on_message)

    def _on_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("action") == "make":
            name, group = content.get("name"), content.get("group")
            self.do_make(
                name if isinstance(name, str) else "", group if isinstance(group, str) else ""
            )

    def do_make(self, name: str = "", group: str = "") -> int:
        from lessonkit.learner.results import results_csv, results_filename, results_json

        name, group = name.strip()[:200], group.strip()[:200]
        if not name:
            self.made = {"message": [[True, "○ Please type your name first."]]}
            return 0
        attempts = store().attempts()
        if not attempts:
            self.made = {
                "message": [
                    [True, "○ There are no answers yet."],
                    [False, " Answer some questions first."],
                ]
            }
            return 0
        files = [
            (
                results_json(attempts, learner=name, group=group),
                results_filename(name, group, "json"),
                "application/json",
                "Download my results (JSON, for your teacher)",
            ),
            (
                results_csv(attempts, learner=name, group=group),
                results_filename(name, group, "csv"),
                "text/csv",
                "Download my results (CSV, opens in a spreadsheet)",
            ),
        ]
        self.made = {
            "message": [
                [False, f"✔ Your file has {len(attempts)} answers, for "],
                [True, name],
                [False, ". Download it and send it to your teacher:"],
            ],
            "links": [
                {"href": data_url(text, mime), "filename": filename, "label": label}
                for text, filename, mime, label in files
            ],
        }
        return len(attempts)


# --- the lesson's score -----------------------------------------------------------------------


def lesson_score_lines(
    groups: list[tuple[str, list[dict]]], latest: dict, first: dict | None = None
) -> list[str]:
    """One line per quiz of a lesson from the learner's attempts (pure; tested alone).

    ``groups`` is [(quiz title, items)], ``latest`` maps item id to its latest Attempt and
    ``first`` to its first Attempt (without it, the latest attempts stand in, as for a
    learner who tried each question once).
    """
    first = latest if first is None else first
    lines = []
    for title, items in groups:
        if not items:
            continue
        seen = [(n, i, latest[i["id"]]) for n, i in enumerate(items, 1) if i["id"] in latest]
        right = sum(1 for _, _, a in seen if is_right(a))
        right_first = sum(1 for _, i, _ in seen if i["id"] in first and is_right(first[i["id"]]))
        line = f"{title}: " + score_sentence(len(items), len(seen), right, right_first)
        line += look_again_text([(n, item) for n, item, a in seen if not is_right(a)])
        lines.append(line)
    return lines


class ScoreView(AnyFriendlyRepr, anywidget.AnyWidget):
    """A button that shows the learner's score for the whole lesson, from the store: one
    widget (views/results.js, kind "score")."""

    friendly_text = "Your score in this lesson: run this cell and press Show my score."
    _esm = esm("results")
    _css = css("results")

    kind = t.Unicode("score", help="results or score (this view)").tag(sync=True)
    lines = t.List(help="one line per quiz of the lesson, after Show my score").tag(sync=True)

    def __init__(self, lesson: str, groups: list[tuple[str, list[dict]]]):
        self.lesson, self.groups = lesson, groups
        super().__init__(_dom_classes=("lk-score-view",), layout=box_layout())
        self.on_msg(self._on_message)

    def _on_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("action") == "score":
            self.update()

    def update(self) -> list[str]:
        pairs = _pairs(self.lesson)
        latest = {item: last for item, (_, last) in pairs.items()}
        first = {item: one for item, (one, _) in pairs.items()}
        lines = lesson_score_lines(self.groups, latest, first)
        ids = {i["id"] for _, items in self.groups for i in items}
        if not ids & set(latest):
            self.lines = ["You have not answered any questions in this lesson yet."]
        else:
            self.lines = lines
        return lines
