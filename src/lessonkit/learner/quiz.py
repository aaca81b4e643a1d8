"""Quiz widgets: wire graded items to ipywidgets and the progress store (no grading logic here).

Map of the module:

- ``answer_controls(item, seed)``: the input widgets for one item type and a function that
  reads the learner's answer from them in the shape ``_grading.grade`` takes.
- ``reveal_text(item)``: the right answer in words, for "Show answer".
- ``SHOWS_OPTION_FEEDBACK`` and ``chosen_option_feedback(item, answer)``: the author's
  feedback of the options the learner chose, shown after Check (never of other options).
- ``ItemView``: one question: prompt, controls, Check / Show answer, feedback.
- ``QuizView``: a list of ItemViews with a running score and the items to look at again.
- ``summary_text``, ``previous_text``, ``lesson_score_lines``: the score sentences; each gives
  the questions right in the end (last attempt) and right the first time (first attempt).
- ``FriendlyRepr``: the text a viewer without a kernel (and nbval) shows instead of a widget.

Every control carries a stable CSS class (``lk-...``) so browser tests can find it, and a
description or label so a screen reader can name it. Feedback uses words and symbols, never
colour alone.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Callable

import ipywidgets as w

from lessonkit.learner.grading import Result, feedback_for_option, grade
from lessonkit.learner.progress import Attempt, ProgressStore, first_and_last, is_right
from lessonkit.learner.widgets import box_options, lean

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


# --- controls per item type -------------------------------------------------------------------


def _dropdown(options: list[str], label: str, css: str) -> w.Dropdown:
    box = lean(
        w.Dropdown,
        options=[PLACEHOLDER] + options,
        value=PLACEHOLDER,
        description=label,
        style={"description_width": "initial"},
        layout={"width": "auto", "max_width": "100%"},
        css=css,
    )
    return box


def _picked(box: w.Dropdown) -> str | None:
    return None if box.value == PLACEHOLDER else box.value


def answer_controls(item: dict, seed: str) -> tuple[list[w.Widget], Callable[[], object]]:
    """Input widgets for one item, and a reader returning the answer for ``grade``."""
    kind = item["type"]
    if kind in ("choice", "tfng"):
        if kind == "choice":
            order = shuffled(list(range(len(item["options"]))), seed)
            labels = [item["options"][i]["text"] for i in order]
        else:
            order, labels = ["true", "false", "not given"], ["True", "False", "Not given"]
        radio = lean(
            w.RadioButtons,
            options=labels,
            value=None,
            description="Your answer:",
            style={"description_width": "initial"},
            layout={"width": "auto"},
            css="lk-choice",
        )

        def read_one():
            return None if radio.index is None else order[radio.index]

        return [radio], read_one
    if kind == "multi":
        order = shuffled(list(range(len(item["options"]))), seed)
        boxes = [
            lean(
                w.Checkbox,
                value=False,
                description=item["options"][i]["text"],
                indent=False,
                layout={"width": "auto"},
                css="lk-multi",
            )
            for i in order
        ]
        return boxes, lambda: [i for i, box in zip(order, boxes, strict=True) if box.value]
    if kind in ("short",):
        text = lean(
            w.Text,
            placeholder="Type your answer",
            description="Your answer:",
            style={"description_width": "initial"},
            css="lk-text",
        )
        return [text], lambda: text.value
    if kind == "gap":
        bank = item.get("bank")
        controls = []
        for n in range(1, len(item["blanks"]) + 1):
            label = f"Gap {n}:"
            if bank:
                controls.append(_dropdown(list(bank), label, "lk-gap"))
            else:
                text = lean(
                    w.Text,
                    placeholder="Type a word",
                    description=label,
                    style={"description_width": "initial"},
                    css="lk-gap",
                )
                controls.append(text)
        if bank:
            return controls, lambda: [_picked(c) or "" for c in controls]
        return controls, lambda: [c.value for c in controls]
    if kind == "match":
        rights = shuffled(sorted({p["right"] for p in item["pairs"]}), seed)
        boxes = [_dropdown(rights, f"{p['left']} →", "lk-match") for p in item["pairs"]]
        lefts = [p["left"] for p in item["pairs"]]
        return boxes, lambda: {
            left: _picked(b) for left, b in zip(lefts, boxes, strict=True) if _picked(b)
        }
    if kind == "order":
        events = shuffled(item["items"], seed)
        boxes = [_dropdown(events, f"{n}.", "lk-order") for n in range(1, len(events) + 1)]

        def read_order():
            picked = [_picked(b) for b in boxes]
            # A place left empty is an empty answer ("Please choose"), not an unreadable one.
            return picked if all(p is not None for p in picked) else []

        return boxes, read_order
    raise ValueError(f"unknown item type {kind!r}")


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


class ItemView(FriendlyRepr, w.VBox):
    """One question with its controls, Check and Show answer buttons, and feedback."""

    def __init__(
        self,
        item: dict,
        *,
        lesson: str,
        number: int,
        total: int,
        on_result: Callable[[ItemView], None] | None = None,
        first: Attempt | None = None,
    ):
        """``first`` is the learner's first stored attempt at this item (from an earlier
        session), if any: it decides "right the first time"."""
        self.item, self.lesson, self.number = item, lesson, number
        self.friendly_text = f"Question {number}: {item['prompt']} (Run the cell to answer.)"
        self.result: Result | None = None
        self.revealed = False
        # Was the learner's first attempt ever right? None until there is an attempt.
        self.first_right: bool | None = None if first is None else is_right(first)
        self.on_result = on_result
        prompt = lean(
            w.HTML,
            f'<p class="lk-prompt"><strong>Question {number} of {total}.</strong> '
            f"{esc(item['prompt'])}</p>",
        )
        parts = [prompt]
        if item["type"] == "gap":
            shown = esc(item["text"]).replace("___", "<strong>(…)</strong>")
            parts.append(lean(w.HTML, f'<p class="lk-gap-text">{shown}</p>'))
            if item.get("bank"):
                parts.append(
                    lean(
                        w.HTML,
                        '<p class="lk-bank">Word bank: '
                        + " · ".join(esc(b) for b in item["bank"])
                        + "</p>",
                    )
                )
        self.controls, self.read = answer_controls(item, f"{lesson}:{item['id']}")
        self.check = lean(
            w.Button,
            description="Check",
            button_style="primary",
            tooltip="Check your answer",
            icon="check",
            css="lk-check",
        )
        self.show = lean(
            w.Button,
            description="Show answer",
            tooltip="Show the right answer",
            css="lk-show",
        )
        self.feedback = lean(
            w.HTML,
            value="",
            css="lk-feedback",
        )
        self.check.on_click(lambda _: self.do_check())
        self.show.on_click(lambda _: self.do_show())
        super().__init__(
            parts + self.controls + [lean(w.HBox, [self.check, self.show]), self.feedback],
            **box_options("lk-item", f"lk-item-{item['type']}"),
        )

    def answer_text(self, answer: object) -> str:
        try:
            return answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        except (TypeError, ValueError):
            return str(answer)

    def do_check(self) -> Result:
        answer = self.read()
        result = grade(self.item, answer)
        lines = [
            f'<p class="lk-verdict lk-{result.status}"><strong>{esc(result.message)}</strong></p>'
        ]
        if result.status not in ("empty", "invalid"):
            notes = chosen_option_feedback(self.item, answer)
            if self.item["type"] == "choice":
                lines += [f"<p>{esc(note)}</p>" for _, note in notes]
            elif notes:
                lines.append(
                    '<ul class="lk-option-feedback">'
                    + "".join(f"<li>“{esc(text)}”: {esc(note)}</li>" for text, note in notes)
                    + "</ul>"
                )
        if result.correct:
            lines.append(evidence_html(self.item))
        elif result.status in ("wrong", "partial"):
            lines.append(f"<p>Hint: read {esc(where_words(self.item))} again.</p>")
        self.feedback.value = "".join(lines)
        if result.status not in ("empty", "invalid"):
            self.result = result
            self._record(answer, result, revealed=False)
        return result

    def do_show(self) -> None:
        self.revealed = True
        self.feedback.value = (
            f'<p class="lk-verdict lk-revealed"><strong>👁 The answer:</strong> '
            f"{esc(reveal_text(self.item))}</p>{evidence_html(self.item)}"
            f"<p><em>{esc(SHOWN_NOTE)}</em></p>"
        )
        self._record(self.read(), Result("wrong", 0.0, "shown"), revealed=True)

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


class QuizView(FriendlyRepr, w.VBox):
    """A list of questions with a running score."""

    def __init__(
        self, items: list[dict], *, lesson: str, title: str = "Quiz", css: str = "lk-quiz"
    ):
        self.friendly_text = (
            f"{title}: {len(items)} questions. Run this cell to start (Run → Run All Cells)."
        )
        self.lesson = lesson
        pairs = _pairs(lesson)  # one read of the store for the whole quiz
        self.views = [
            ItemView(
                item,
                lesson=lesson,
                number=n,
                total=len(items),
                on_result=lambda _: self.update(),
                first=pairs[item["id"]][0] if item["id"] in pairs else None,
            )
            for n, item in enumerate(items, 1)
        ]
        header = []
        warning = store().warning
        if warning:
            header.append(
                lean(
                    w.HTML,
                    f'<p class="lk-warning" role="alert"><strong>⚠ Note:</strong> '
                    f"{esc(warning)}</p>",
                )
            )
        before = previous_text(lesson, items, pairs)
        if before:
            header.append(lean(w.HTML, f'<p class="lk-previous">{esc(before)}</p>'))
        self.score = lean(w.HTML, value=self.score_html(), css="lk-score")
        super().__init__(header + self.views + [self.score], **box_options(css))

    def score_html(self) -> str:
        return f"<p><strong>{esc(summary_text(self.views))}</strong></p>"

    def update(self) -> None:
        self.score.value = self.score_html()


# --- results for the teacher ------------------------------------------------------------------


def download_link(text: str, filename: str, mime: str, label: str) -> str:
    """A link that downloads ``text``: the file travels inside the link, so it works on Binder
    even after the session ends, and needs no server file access."""
    import base64

    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a class="lk-download" download="{esc(filename)}" '
        f'href="data:{mime};base64,{payload}">⬇ {esc(label)}</a>'
    )


class ResultsView(FriendlyRepr, w.VBox):
    """Name and class boxes and a button that makes the learner's results files."""

    friendly_text = "Your results: run this cell, type your name and class, and download a file."

    def __init__(self):
        self.name = lean(
            w.Text,
            description="Your name:",
            placeholder="for example: Ana Lima",
            style={"description_width": "initial"},
            css="lk-learner-name",
        )
        self.group = lean(
            w.Text,
            description="Your class:",
            placeholder="for example: B1 Monday",
            style={"description_width": "initial"},
            css="lk-learner-class",
        )
        self.make = lean(
            w.Button,
            description="Make my results file",
            icon="download",
            layout={"width": "auto"},
            tooltip="Make a file of all your answers for your teacher",
            css="lk-make-results",
        )
        self.out = lean(w.HTML, css="lk-results")
        self.make.on_click(lambda _: self.do_make())
        super().__init__(
            [lean(w.HBox, [self.name, self.group]), self.make, self.out],
            **box_options("lk-results-view"),
        )

    def do_make(self) -> int:
        from lessonkit.learner.results import results_csv, results_filename, results_json

        name, group = self.name.value.strip(), self.group.value.strip()
        if not name:
            self.out.value = "<p><strong>○ Please type your name first.</strong></p>"
            return 0
        attempts = store().attempts()
        if not attempts:
            self.out.value = (
                "<p><strong>○ There are no answers yet.</strong> Answer some questions first.</p>"
            )
            return 0
        links = [
            download_link(
                results_json(attempts, learner=name, group=group),
                results_filename(name, group, "json"),
                "application/json",
                "Download my results (JSON, for your teacher)",
            ),
            download_link(
                results_csv(attempts, learner=name, group=group),
                results_filename(name, group, "csv"),
                "text/csv",
                "Download my results (CSV, opens in a spreadsheet)",
            ),
        ]
        self.out.value = (
            f"<p>✔ Your file has {len(attempts)} answers, for "
            f"<strong>{esc(name)}</strong>. Download it and send it to your "
            "teacher:</p><p>" + "<br>".join(links) + "</p>"
        )
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


class ScoreView(FriendlyRepr, w.VBox):
    """A button that shows the learner's score for the whole lesson, from the store."""

    friendly_text = "Your score in this lesson: run this cell and press Show my score."

    def __init__(self, lesson: str, groups: list[tuple[str, list[dict]]]):
        self.lesson, self.groups = lesson, groups
        self.show = lean(
            w.Button,
            description="Show my score",
            icon="list",
            tooltip="Show your score for all the questions of this lesson",
            css="lk-show-score",
        )
        self.out = lean(w.HTML, css="lk-lesson-score")
        self.show.on_click(lambda _: self.update())
        super().__init__([self.show, self.out], **box_options("lk-score-view"))

    def update(self) -> list[str]:
        pairs = _pairs(self.lesson)
        latest = {item: last for item, (_, last) in pairs.items()}
        first = {item: one for item, (one, _) in pairs.items()}
        lines = lesson_score_lines(self.groups, latest, first)
        ids = {i["id"] for _, items in self.groups for i in items}
        if not ids & set(latest):
            self.out.value = "<p>You have not answered any questions in this lesson yet.</p>"
        else:
            self.out.value = "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>"
        return lines
