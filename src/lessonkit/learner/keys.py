"""Answer keys: the right answer of any item, and the obfuscated key of the student release.

Map of the module:

- ``right_answer(item)``: the answer, in the shape ``_grading.grade`` takes, that the item's
  own key says is right (used to check every answer key, and by the release test).
- ``KEY_FIELDS``: per item type, the fields that give the answer away.
- ``hide_key(item, salt)`` / ``reveal_key(item, salt)``: move those fields (and the
  explanation) into one obfuscated ``key`` string and back.

The obfuscation (zlib, then XOR with a SHA-256 stream of the salt and the item id, then
base64) stops casual peeking at the files: nothing in them says in plain text which option
is right. It is not encryption: the kernel must grade, so the way back ships with the
package. A determined learner can undo it; use Voila (code never reaches the browser) for
assessed work.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import zlib

KEY_FIELDS = {
    "choice": ("options",),
    "multi": ("options",),
    "tfng": ("answer",),
    "gap": ("blanks",),
    "match": ("pairs",),
    "order": ("items",),
    "short": ("accept",),
}
# Shown only after checking: the explanation, the evidence, and a word family's stress (which
# spells the answer of a word-formation item).
ALWAYS_HIDDEN = ("explanation", "evidence", "stress")


def right_answer(item: dict) -> object:
    """The answer the item's key says is right, shaped for ``grade``."""
    kind = item["type"]
    if kind == "choice":
        return next(i for i, o in enumerate(item["options"]) if o.get("correct"))
    if kind == "multi":
        return [i for i, o in enumerate(item["options"]) if o.get("correct")]
    if kind == "tfng":
        return item["answer"]
    if kind == "gap":
        return [b["accept"][0] for b in item["blanks"]]
    if kind == "match":
        return {p["left"]: p["right"] for p in item["pairs"]}
    if kind == "order":
        return list(item["items"])
    if kind == "short":
        return item["accept"][0]
    raise ValueError(f"unknown item type {kind!r}")


def _stream(salt: str, n: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(f"{salt}:{counter}".encode()).digest()
        counter += 1
    return out[:n]


def _scramble(data: bytes, salt: str) -> bytes:
    return bytes(a ^ b for a, b in zip(data, _stream(salt, len(data)), strict=True))


def hide_key(item: dict, salt: str) -> dict:
    """A copy of the item whose answer-giving fields are in one obfuscated ``key`` string.

    What the learner must see stays: option texts (with no "correct" flag and no feedback),
    the left and right sides of a match (sides shuffled apart), the events of an order item
    (shuffled), the word bank of a gap.
    """
    kind = item["type"]
    secret = {k: item[k] for k in KEY_FIELDS[kind] + ALWAYS_HIDDEN if k in item}
    public = {k: v for k, v in item.items() if k not in secret}
    rng = random.Random(f"{salt}:{item['id']}")
    if kind in ("choice", "multi"):
        public["options"] = [{"text": o["text"]} for o in item["options"]]
    elif kind == "match":
        public["rights"] = sorted({p["right"] for p in item["pairs"]})
        public["pairs"] = [{"left": p["left"]} for p in item["pairs"]]
    elif kind == "order":
        events = list(item["items"])
        rng.shuffle(events)
        public["items"] = events
    elif kind == "gap":
        public["blanks"] = [{} for _ in item["blanks"]]
    packed = zlib.compress(json.dumps(secret, ensure_ascii=False, sort_keys=True).encode())
    public["key"] = base64.b64encode(_scramble(packed, f"{salt}:{item['id']}")).decode("ascii")
    return public


def reveal_key(item: dict, salt: str) -> dict:
    """The item with its key fields back in place (unchanged when it has no ``key``)."""
    if "key" not in item:
        return item
    packed = _scramble(base64.b64decode(item["key"]), f"{salt}:{item['id']}")
    secret = json.loads(zlib.decompress(packed).decode("utf-8"))
    full = {k: v for k, v in item.items() if k not in ("key", "rights")}
    full.update(secret)
    return full
