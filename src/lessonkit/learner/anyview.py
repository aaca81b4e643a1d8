"""What the word views (reader, word list, flashcards, review, writing) share on anywidget.

- ``WordsWidget``: an anywidget with a friendly text twin (``friendly_text``, and
  ``friendly_html`` for readers without a kernel) and one way for the browser to ask the
  kernel for something: a message ``{"action": NAME, ...}`` calls the method ``act_NAME``
  with the message. Anything else the browser sends is ignored, so a page cannot call
  other methods.
- ``styles(view)``: a view's CSS, with the rules the word views share (``wordviews.css``).
- ``word_audio(slug, word)`` / ``sayable(slug, words)``: a word said aloud, when the lesson
  has a recording of it (``lessonkit.learner.listening.word_audio``, made at build time);
  a view sends the bytes only when the learner presses **Say it**.
"""

from __future__ import annotations

from functools import cache

import anywidget

from lessonkit.learner import listening
from lessonkit.learner.frontend import VIEWS, css
from lessonkit.learner.quiz import AnyFriendlyRepr
from lessonkit.learner.widgets import box_layout


class WordsWidget(AnyFriendlyRepr, anywidget.AnyWidget):
    """An anywidget view with a text twin; the browser's messages call ``act_<action>``."""

    def __init__(self, **kwargs):
        # An anywidget is a DOMWidget: without this, each view would open a Layout model of
        # its own. One shared Layout keeps a view at one model.
        kwargs.setdefault("layout", box_layout())
        super().__init__(**kwargs)
        self.on_msg(self._on_message)

    def _on_message(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or not isinstance(content.get("action"), str):
            return
        handler = getattr(self, f"act_{content['action']}", None)
        if callable(handler):
            handler(content)

    def act_say(self, content: dict) -> None:
        """Send the recording of a word (as the reply's buffer), or say there is none."""
        word = content.get("word")
        if not isinstance(word, str):
            return
        audio = word_audio(self.lesson_slug(word), word[:80])
        reply = {"action": "audio", "word": word, "found": audio is not None}
        self.send(reply, [audio] if audio else None)

    def lesson_slug(self, word: str) -> str:
        """The lesson whose recording of ``word`` to play (views of one lesson say theirs)."""
        return getattr(self, "slug", "")


def word_audio(slug: str, word: str) -> bytes | None:
    """The recording of a glossary word (MP3 bytes), or None when there is none."""
    if not slug or not word:
        return None
    try:
        audio = listening.word_audio(slug, word)
    except (OSError, ValueError, KeyError):
        return None
    return bytes(audio) if audio else None


def sayable(slug: str, words: list[str]) -> list[str]:
    """The words of ``words`` that have a recording (the views show Say it for these only)."""
    try:
        return [w for w in words if listening.has_word_audio(slug, w)]
    except (OSError, ValueError, KeyError):
        return []


@cache
def styles(view: str) -> str:
    """The CSS of a word view: the rules every view shares (``views/common.css``), those the
    word views share (``views/wordviews.css``), then the view's own ``views/<view>.css``."""
    own = VIEWS / f"{view}.css"
    return css("wordviews") + "\n" + (own.read_text(encoding="utf-8") if own.exists() else "")
