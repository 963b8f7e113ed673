"""Choosing the sentences that hold the asked fact, on plain records."""
from __future__ import annotations

from knowledge.evidence import best_sentences
from knowledge.query import Intent
from knowledge.records import Figure
from tests.knowledge.stages import event, lexicon, query

CEREMONY = event(1, "Donation ceremony", "The ceremony was held at the school. Teachers and pupils attended. "
                 "In this event, 2000 bikes were donated to pupils. The weather was fine on 23 December.",
                 figures=(Figure("2000 bikes", 2000),))


def test_a_how_many_question_gets_the_sentence_with_the_counted_thing() -> None:
    q = query("how many bikes were donated", Intent.HOW_MANY, ("bikes", "donated"), focus=("bikes",))
    assert best_sentences(CEREMONY, q, lexicon())[0] == "In this event, 2000 bikes were donated to pupils."


def test_a_when_question_prefers_the_sentence_with_a_day_date() -> None:
    q = query("when was the weather fine", Intent.WHEN, ())
    assert "23 December" in best_sentences(CEREMONY, q, lexicon())[0]


def test_at_most_the_asked_number_of_sentences() -> None:
    q = query("school ceremony", Intent.WHAT, ("school",))
    assert len(best_sentences(CEREMONY, q, lexicon(), n=1)) == 1
