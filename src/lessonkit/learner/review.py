"""Spaced review across lessons: flashcards scheduled by the ``fsrs`` package.

Map of the module:

- ``due_order(cards, states, now)``: the cards to show, due ones first (pure; tested alone).
- ``schedule(state_json, knew, now)``: the card's next state after one review, with fsrs.
- ``ReviewView``: the flashcard view (``views/cards.js``) whose marks go to the scheduler and
  the store.

Review state lives in the learner's progress store (``card_state`` / ``save_card_state``),
one JSON text per card, so it survives a closed notebook and a new session.
"""

from __future__ import annotations

from datetime import UTC, datetime

from lessonkit.learner.quiz import store
from lessonkit.learner.vocab import FlashcardView


def _scheduler():
    from fsrs import Scheduler

    return Scheduler()


def schedule(state_json: str | None, knew: bool, now: datetime | None = None) -> str:
    """The card's next state (JSON) after the learner says they knew it, or not yet.

    "Not yet" is fsrs's Again rating; "I knew it" is Good. Two buttons are enough for
    learners; Hard and Easy would ask them to judge their memory more finely.
    """
    from fsrs import Card, Rating

    try:
        card = Card.from_json(state_json) if state_json else Card()
    except (ValueError, KeyError, TypeError):
        card = Card()  # an unreadable state: start the card again, as due_at treats it as new
    card, _ = _scheduler().review_card(
        card,
        Rating.Good if knew else Rating.Again,
        review_datetime=now or datetime.now(UTC),
    )
    return card.to_json()


def due_at(state_json: str | None) -> datetime | None:
    """When a card is due; None for a card never reviewed (due now)."""
    if not state_json:
        return None
    from fsrs import Card

    try:
        return Card.from_json(state_json).due
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable state: treat the card as new rather than fail


def due_order(cards: list[dict], states: dict[str, str], now: datetime) -> list[dict]:
    """Cards due now (new ones and overdue ones), earliest first; cards not yet due are left out."""
    due = []
    for position, card in enumerate(cards):
        when = due_at(states.get(card["id"]))
        if when is None or when <= now:
            due.append((when or datetime.min.replace(tzinfo=UTC), position, card))
    return [card for _, _, card in sorted(due, key=lambda t: (t[0], t[1]))]


def with_earlier_states(cards: list[dict], states: dict[str, str]) -> dict[str, str]:
    """The saved states by card id, where a card with none yet takes the state saved under
    its earlier id (the headword was the article's form before: "differed" is now "differ"),
    so a learner's review history is not lost."""
    found = dict(states)
    for card in cards:
        earlier = card.get("earlier_id")
        if card["id"] not in found and earlier in states:
            found[card["id"]] = states[earlier]
    return found


class ReviewView(FlashcardView):
    """Flashcards from every lesson, due ones first; each mark is scheduled and saved."""

    def __init__(self, cards: list[dict]):
        self.all_cards = cards
        now = datetime.now(UTC)
        due = due_order(cards, with_earlier_states(cards, store().all_card_states()), now)
        super().__init__(
            due,
            on_mark=self.save,
            title="Review",
            empty_text="No cards are due now. Well done! Come back tomorrow for more.",
        )
        self.friendly_text = (
            f"Review: {len(cards)} cards from all lessons. Run this cell to "
            "see the cards that are due today."
        )

    def save(self, card: dict, knew: bool) -> None:
        saved = store().card_state(card["id"])
        if saved is None and card.get("earlier_id"):
            saved = store().card_state(card["earlier_id"])
        store().save_card_state(card["id"], schedule(saved, knew))
