"""What a subscription follows: a place followed takes the events in it, or in the countries of a
part of the world followed."""
from __future__ import annotations

from pathlib import Path

from knowledge import digest
from knowledge.service import KnowledgeBase


async def test_following_a_part_of_the_world_takes_the_events_in_its_countries(built_store: Path) -> None:
    kb = await KnowledgeBase.open(built_store)
    try:
        events = await kb.all_events()
        topic = await digest.resolve(kb, "Southeast Asia")
        assert topic is not None and topic.kind == "place" and topic.label == "Southeast Asia"
        matched = await digest.matching_events(kb, events, topic)
        cambodia = await digest.matching_events(kb, events, await digest.resolve(kb, "Cambodia"))
        assert cambodia and set(e.id for e in cambodia) <= set(e.id for e in matched)
        assert all(any(p.country in ("Brunei", "Cambodia", "Indonesia", "Laos", "Malaysia", "Myanmar", "Philippines",
                                     "Singapore", "Thailand", "Timor-Leste", "Vietnam") for p in e.places) for e in matched)
    finally:
        await kb.close()
