"""The level profile of a text: how many of its words are at or below a level (build time).

An adapted text is held to its level by this profile: at least ``MIN_SHARE`` of its word
tokens (names left out) are at or below the level by the project's level data (cefrpy, with
wordfreq as fall-back: ``_enrich.level_of``), its mean sentence length stays within the
level's band (``MAX_SENTENCE``), and every word above the level is glossed.

- ``profile(paragraphs, level)``: the figures, and the words above the level.
- ``MIN_SHARE`` / ``MAX_SENTENCE``: the targets per level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lessonkit.build import text as _text
from lessonkit.build.schema import LEVELS

MIN_SHARE = 0.95  # of word tokens, names left out, at or below the level
# Mean words per sentence, at most, by level (a text for A2 learners keeps sentences short).
MAX_SENTENCE = {"A1": 10.0, "A2": 12.0, "B1": 15.0, "B2": 18.0, "C1": 22.0, "C2": 26.0}


@dataclass
class Profile:
    level: str
    tokens: int  # word tokens, names left out
    at_or_below: int
    sentences: int
    words: int  # every word token, names included (for the mean sentence length)
    above: dict[str, str] = field(default_factory=dict)  # word form -> its level
    by_level: dict[str, int] = field(default_factory=dict)  # tokens per level

    @property
    def share(self) -> float:
        return self.at_or_below / self.tokens if self.tokens else 1.0

    @property
    def mean_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def profile(paragraphs: list[str], level: str) -> Profile:
    """The level profile of the paragraphs against ``level`` (A1 to C2)."""
    from lessonkit.build.words import word_table

    table = word_table(paragraphs)
    rank = LEVELS.index(level)
    result = Profile(level=level, tokens=0, at_or_below=0, sentences=0, words=0)
    result.by_level = {lv: 0 for lv in LEVELS}
    for paragraph in paragraphs:
        for sentence in _text.sentences(paragraph):
            result.sentences += 1
            for token in _text.tokens(sentence):
                if not _text.WORD.match(token) or token.lower() in _text.CLITICS:
                    continue
                result.words += 1
                entry = table.get(token.lower())
                if entry is None or entry["name"] or entry["level"] is None:
                    continue
                result.tokens += 1
                result.by_level[entry["level"]] += 1
                if LEVELS.index(entry["level"]) <= rank:
                    result.at_or_below += 1
                else:
                    result.above[token.lower()] = entry["level"]
    return result


def summary(p: Profile) -> str:
    """'96.8% of 412 words at or below B1; 13.2 words a sentence; above: treaty (B2), ...'"""
    above = ", ".join(f"{w} ({lv})" for w, lv in sorted(p.above.items()))
    return (
        f"{100 * p.share:.1f}% of {p.tokens} words at or below {p.level}; "
        f"{p.mean_sentence:.1f} words a sentence; above the level: {above or 'none'}"
    )


if __name__ == "__main__":  # python -m lessonkit.build.profile B1 file.txt: a text's profile
    import sys
    from pathlib import Path

    wanted, path = sys.argv[1], sys.argv[2]
    text = Path(path).read_text(encoding="utf-8")
    print(summary(profile([p for p in text.split("\n\n") if p.strip()], wanted)))
