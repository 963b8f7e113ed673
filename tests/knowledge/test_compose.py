"""Composing answers from plain records."""
from __future__ import annotations

from knowledge.compose import mentions_answer
from tests.knowledge.stages import event


def test_someone_without_a_profile_is_answered_with_the_sentences_that_name_them() -> None:
    events = [event(2, "Seminar in Beijing", "Ambassadors attended. Gotyana, president of the coalition, said NGOs "
                    "share many goals."),
              event(1, "Another meeting", "Nobody of that name was there.")]
    a = mentions_answer("Gotyana", events, "who is gotyana")
    assert a.found and a.intent == "person"
    assert "Gotyana, president of the coalition" in a.text and "Nobody" not in a.text
    assert [s.report_id for s in a.sources] == ["r1"]


def test_a_name_no_event_prints_is_not_found() -> None:
    a = mentions_answer("Jacinda Ardern", [event(1, "A meeting", "Delegates met.")], "who is Jacinda Ardern")
    assert not a.found and "do not say anything about “Jacinda Ardern”" in a.text
