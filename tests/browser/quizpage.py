"""Answering the quiz view (views/quiz.js) in a page as a learner does: tap an option, type,
tap a word and then a gap, tap a statement's box and then its partner, move a row up or down.

Shared by the browser tests; every helper acts on one item's box (``.lk-item``).
"""

from __future__ import annotations

TFNG_LABELS = {"true": "True", "false": "False", "not given": "Not given"}


def button(box, selector: str, name: str):
    """The button in ``selector`` whose own text is exactly ``name`` (a bank word such as
    "tension" is not "tensions")."""
    return box.locator(selector).get_by_role("button", name=name, exact=True)


def shown_order(box) -> list[str]:
    """The texts of an order item's rows, top to bottom, as the learner sees them."""
    return box.locator(".lk-order-row .lk-order-text").all_inner_texts()


def press(locator, touch: bool) -> None:
    """A tap on a phone, a click elsewhere."""
    if touch:
        locator.tap()
    else:
        locator.click()


def order_with_buttons(box, wanted: list[str], touch: bool = False) -> None:
    """Put an order item's rows in the order ``wanted`` with the Move up buttons only (the
    keyboard and screen-reader way)."""
    for place, text in enumerate(wanted):
        while shown_order(box).index(text) > place:
            press(box.locator(".lk-order-row", has_text=text).locator(".lk-up"), touch)


def answer_in_page(box, item: dict, right: bool, *, check: bool = True, touch=False) -> None:
    """Answer one item by clicking (or tapping) and typing as a learner would, rightly or
    wrongly."""
    kind = item["type"]
    if kind == "choice":
        option = next(o for o in item["options"] if o.get("correct", False) == right)
        press(box.locator(".lk-choice label", has_text=option["text"]).first, touch)
    elif kind == "multi":
        # Right: tick exactly the correct options; wrong: tick exactly the others.
        for option in item["options"]:
            tick = option.get("correct", False) == right
            label = box.locator(".lk-multi label", has_text=option["text"]).first
            if label.locator("input").is_checked() != tick:
                press(label, touch)
    elif kind == "tfng":
        wanted = item["answer"] if right else next(k for k in TFNG_LABELS if k != item["answer"])
        press(box.locator(".lk-choice label", has_text=TFNG_LABELS[wanted]).first, touch)
    elif kind == "short":
        box.locator(".lk-text input").fill(item["accept"][0] if right else "zzzz")
    elif kind == "gap":
        for n, blank in enumerate(item["blanks"]):
            word = blank["accept"][0]
            if item.get("bank"):
                if not right:
                    word = next(b for b in item["bank"] if b not in blank["accept"])
                press(button(box, ".lk-bank", word), touch)  # a word, then its gap
                press(box.locator(".lk-slot").nth(n), touch)
            else:
                box.locator(".lk-gap-input").nth(n).fill(word if right else "zzzzzz")
    elif kind == "match":
        rights = sorted({p["right"] for p in item["pairs"]})
        for n, pair in enumerate(item["pairs"]):
            partner = pair["right"] if right else next(r for r in rights if r != pair["right"])
            press(box.locator(".lk-match-slot").nth(n), touch)  # a statement, then its partner
            press(button(box, ".lk-partners", partner), touch)
    elif kind == "order":
        wanted = item["items"] if right else list(reversed(item["items"]))
        order_with_buttons(box, wanted, touch)
    if check:
        press(box.locator(".lk-check"), touch)
