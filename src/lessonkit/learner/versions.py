"""The article at two levels: the original and the easier version, with a switch (learner time).

- ``easier_html(data)`` / ``easier_text(data)``: the adapted text with numbered paragraphs,
  its glossed words marked, its meanings listed (no hover needed), and its attribution.
- ``VersionsView``: a level switch above the text; the text a viewer without a kernel shows
  is both versions, the original first (as the switch starts). With the easier text, the
  switch also shows its player (``listening.ListeningView``, made on first use): the easier
  text read aloud, with read-along.
"""

from __future__ import annotations

import html

import ipywidgets as w

from lessonkit.learner.quiz import FriendlyRepr
from lessonkit.learner.widgets import box_options, lean


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def adapted_from(data: dict) -> str:
    """'Adapted for learners (A2) by this course. The original: "Biden, ...", VOA ...'"""
    meta, level = data["article"], data["adapted"]["level"]
    return (
        f"Adapted for learners ({level}) by this course. The original: “{meta['title']}”, "
        f"{meta['outlet']}. The facts, names and quotations are the original's."
    )


def easier_html(data: dict) -> str:
    from lessonkit.learner.vocab import marker

    adapted = data["adapted"]
    mark = marker(data.get("glossary", []) + adapted.get("glossary", []))
    out = [
        '<article class="lk-article lk-easier" lang="en">',
        f'<h3 class="lk-headline">{mark(adapted["title"])}</h3>',
        f'<p class="lk-source"><em>{esc(adapted_from(data))}</em></p>',
    ]
    for p in adapted["paragraphs"]:
        out.append(
            f'<p class="lk-paragraph" id="{data["slug"]}-e{p["n"]}">'
            f'<span class="lk-number" title="Paragraph {p["n"]}">[{p["n"]}]</span> '
            f"{mark(p['text'])}</p>"
        )
    if adapted.get("glossary"):
        items = "".join(
            f"<li><strong>{esc(g['word'])}</strong>: {esc(g['definition'])}</li>"
            for g in adapted["glossary"]
        )
        out.append(f'<div class="lk-own-words"><h4>Words to help you</h4><ul>{items}</ul></div>')
    out.append("</article>")
    return "\n".join(out)


def easier_text(data: dict) -> str:
    adapted = data["adapted"]
    lines = [adapted["title"].upper(), adapted_from(data), ""]
    for p in adapted["paragraphs"]:
        lines += [f"[{p['n']}] {p['text']}", ""]
    if adapted.get("glossary"):
        lines += ["WORDS TO HELP YOU", ""] + [
            f"{g['word']}: {g['definition']}" for g in adapted["glossary"]
        ]
    return "\n".join(lines).rstrip()


class VersionsView(FriendlyRepr, w.VBox):
    """A switch between the easier version and the original; the original shows first."""

    def __init__(self, data: dict, original_html: str, original_text: str):
        adapted = data["adapted"]
        self.html = {"original": original_html, "easier": easier_html(data)}
        easier_label = f"Easier text ({adapted['level']})"
        original_label = f"Original text ({data.get('level') or 'original'})"
        # A reader without a kernel (GitHub) gets a plain link to the easier text's audio.
        from lessonkit.learner.listening import has_audio

        mp3 = f"../data/audio/{data['slug']}-easier.mp3"
        link_text = (
            f"Listen to the easier text: {mp3}\n\n" if has_audio(data["slug"], "easier") else ""
        )
        link_html = (
            f'<p><a href="{esc(mp3)}">Listen to the easier text (MP3)</a></p>' if link_text else ""
        )
        self.friendly_text = f"{original_text}\n\n---\n\n{link_text}{easier_text(data)}"
        self.friendly_html = (
            f"<h4>{esc(original_label)}</h4>{original_html}"
            f"<h4>{esc(easier_label)}</h4>{link_html}{self.html['easier']}"
        )
        self.switch = lean(
            w.ToggleButtons,
            options=[(original_label, "original"), (easier_label, "easier")],
            value="original",
            description="Version:",
            tooltips=["The article as it was published", "The same story in easier English"],
            css="lk-version-switch",
        )
        hint = lean(
            w.HTML,
            '<p class="lk-version-hint">Find the original hard? Read the <strong>easier '
            "text</strong> first, then the original. The paragraph numbers of the questions "
            "below are the original's.</p>",
        )
        self.text = lean(w.HTML, value=original_html, css="lk-version-text")
        self.switch.observe(lambda change: self.show(change["new"]), names="value")
        self.slug, self._player = data["slug"], None
        self._top = [hint, self.switch]
        super().__init__([*self._top, self.text], **box_options("lk-versions"))

    def show(self, version: str) -> None:
        self.text.value = self.html[version]
        player = self.player() if version == "easier" else None
        self.children = [*self._top, *([player] if player else []), self.text]

    def player(self):
        """The easier text's player, or None when its audio is not there (a draft lesson)."""
        if self._player is None:
            from lessonkit.learner.listening import ListeningView, has_audio

            if has_audio(self.slug, "easier"):
                self._player = ListeningView(self.slug, version="easier")
        return self._player
