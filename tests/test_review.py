"""Tests for spaced review (lessonkit.learner.review): fsrs scheduling, due order and the widget."""

from __future__ import annotations

import json
import pathlib
from datetime import UTC, datetime, timedelta

import pytest

from lessonkit.learner.review import ReviewView, due_at, due_order, schedule, with_earlier_states
from lessonkit.learner.vocab import flashcard_deck

ROOT = pathlib.Path(__file__).resolve().parents[1]
LESSONS = [
    json.loads((ROOT / "data" / f"{slug}.json").read_text(encoding="utf-8"))
    for slug in ("01-geneva-summit", "02-sanctions-and-an-olive-branch")
]
NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def cards(n: int) -> list[dict]:
    """n tiny cards with ids c0, c1, ..."""
    return [
        {"id": f"c{i}", "front": f"w{i}", "back": "d", "pos": "noun", "example": "e"}
        for i in range(n)
    ]


def state_due(when: datetime) -> str:
    """A reviewed card's state whose due date is ``when``."""
    reviewed = json.loads(schedule(None, True, when - timedelta(days=30)))
    reviewed["due"] = when.isoformat()
    return json.dumps(reviewed)


# --- schedule -------------------------------------------------------------------------------


def test_knew_it_is_due_later_than_not_yet():
    """Does "I knew it" give a later due date than "Not yet" for the same card and time?"""
    knew, not_yet = schedule(None, True, NOW), schedule(None, False, NOW)
    assert NOW < due_at(not_yet) < due_at(knew)


def test_knowing_a_card_again_pushes_it_further():
    """Does each further "I knew it" push the due date further away (days, not minutes)?"""
    state, dues, when = None, [], NOW
    for _ in range(4):
        state = schedule(state, True, when)
        dues.append(due_at(state))
        when = dues[-1]
    gaps = [b - a for a, b in zip([NOW, *dues], dues, strict=False)]
    assert gaps == sorted(gaps)
    assert gaps[-1] >= timedelta(days=1)


def test_schedule_state_is_json_text():
    """Is a card's state plain JSON text that due_at reads back?"""
    state = schedule(None, True, NOW)
    assert isinstance(json.loads(state), dict)
    assert due_at(state) > NOW


@pytest.mark.parametrize("state", [None, "", "not json", "{}", '{"due": 5}'])
def test_missing_or_unreadable_state_is_due_now(state):
    """Is a card with no state, or a state that cannot be read, treated as new (due now)?"""
    assert due_at(state) is None


@pytest.mark.parametrize("state", ["not json", "{}", '{"due": 5}', "[]"])
def test_schedule_restarts_an_unreadable_state(state):
    """Does scheduling a card whose saved state cannot be read start it again, not raise?"""
    assert due_at(schedule(state, True, NOW)) == due_at(schedule(None, True, NOW))


# --- due_order --------------------------------------------------------------------------------


def test_due_order_new_and_overdue_first_not_yet_due_left_out():
    """Are new cards first, then overdue ones earliest first, and future cards left out?"""
    deck = cards(6)
    states = {
        "c0": state_due(NOW + timedelta(days=2)),  # not yet due
        "c1": state_due(NOW - timedelta(hours=1)),  # overdue
        "c3": state_due(NOW - timedelta(days=3)),  # overdue longer
        "c4": state_due(NOW + timedelta(minutes=1)),  # not yet due
        "c5": "garbage",  # unreadable: new
    }
    order = [c["id"] for c in due_order(deck, states, NOW)]
    assert order == ["c2", "c5", "c3", "c1"]


@pytest.mark.parametrize(
    ("offset", "shown"),
    [(timedelta(0), True), (timedelta(seconds=-1), True), (timedelta(seconds=1), False)],
)
def test_due_order_boundary(offset, shown):
    """Is a card due exactly now shown, and one due a second from now not?"""
    states = {"c0": state_due(NOW + offset)}
    assert bool(due_order(cards(1), states, NOW)) is shown


def test_due_order_keeps_deck_order_among_new_cards():
    """Do new cards keep the (seeded) deck order?"""
    deck = flashcard_deck(LESSONS, seed="review")
    assert due_order(deck, {}, NOW) == deck


# --- ReviewView ---------------------------------------------------------------------------------


def test_review_view_saves_state_on_each_mark(store):
    """Does each "I knew it" / "Not yet" save that card's fsrs state to the store?"""
    deck = flashcard_deck(LESSONS, seed="review")
    view = ReviewView(deck)
    first, second = view.cards[0], view.cards[1]
    assert store.all_card_states() == {}
    view._on_message(view, {"action": "mark", "id": first["id"], "knew": True}, [])
    assert set(store.all_card_states()) == {first["id"]}
    view._on_message(view, {"action": "mark", "id": second["id"], "knew": False}, [])
    states = store.all_card_states()
    assert set(states) == {first["id"], second["id"]}
    assert due_at(states[first["id"]]) > due_at(states[second["id"]]) > datetime.now(UTC)


def test_second_review_view_hides_a_known_card(store):
    """Does a new ReviewView (same store, same time) no longer show a card marked known?"""
    deck = flashcard_deck(LESSONS, seed="review")
    view = ReviewView(deck)
    known = view.card
    view.mark(True)
    again = ReviewView(deck)
    assert known["id"] not in {c["id"] for c in again.cards}
    assert len(again.cards) == len(deck) - 1
    assert again.all_cards == deck


def test_unreadable_saved_state_can_still_be_marked(store):
    """With a damaged saved state, does "I knew it" still save a good state and move on?"""
    deck = cards(3)
    store.save_card_state("c0", "not json")
    view = ReviewView(deck)
    assert view.card["id"] == "c0"  # unreadable means new, so it is shown
    view.mark(True)
    assert view.index == 1
    assert due_at(store.card_state("c0")) > datetime.now(UTC)


def test_review_view_text_twin(store):
    """Is the review widget's text twin a friendly sentence with the number of cards?"""
    deck = flashcard_deck(LESSONS, seed="review")
    view = ReviewView(deck)
    assert repr(view).startswith(f"Review: {len(deck)} cards from all lessons.")
    bundle = view._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"] == repr(view)


def test_a_review_with_nothing_due_says_so(store):
    """When every card is known and not yet due, does the review say there is nothing to do?"""
    deck = cards(2)
    view = ReviewView(deck)
    view.mark(True)
    view.mark(True)
    again = ReviewView(deck)
    assert again.cards == [] and "No cards are due now" in again.empty_text


def test_review_history_under_an_earlier_headword_is_kept():
    """Does a card whose headword became a base form ("differed" -> "differ") take the review
    state saved under its earlier id, and does a state under its own id win?"""
    cards = [
        {"id": "01:differ", "earlier_id": "01:differed"},
        {"id": "01:treaty"},
        {"id": "01:withdraw", "earlier_id": "01:withdrawn"},
    ]
    states = {"01:differed": "old", "01:withdrawn": "old", "01:withdraw": "new"}
    found = with_earlier_states(cards, states)
    assert found["01:differ"] == "old"
    assert found["01:withdraw"] == "new"
    assert "01:treaty" not in found


def test_the_deck_names_each_card_s_earlier_id():
    """Does a card whose article form differs from its headword carry that form's old id?"""
    data = json.loads((ROOT / "data" / "01-geneva-summit.json").read_text(encoding="utf-8"))
    card = next(c for c in flashcard_deck([data], seed="x") if c["front"] == "differ")
    assert card["earlier_id"] == "01-geneva-summit:differed"
