"""/org finds an organisation by a partial or misspelt name or acronym; several: most events first."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.org_lookup import lookup_orgs
from knowledge.service import KnowledgeBase

NAMES = [("Beijing Peaceland Foundation", 1), ("China Foundation for Peace and Development", 2),
         ("China NGO Network for International Exchanges", 3), ("Peace Foundation of Nepal", 4)]
ACRONYMS = {"cnie": [3], "cfpd": [2]}


def test_partial_names_typos_and_acronyms():
    assert lookup_orgs("Peaceland", NAMES, ACRONYMS) == [1]
    assert lookup_orgs("cnei", NAMES, ACRONYMS) == [3]  # two letters swapped
    assert lookup_orgs("CFPD", NAMES, ACRONYMS) == [2]
    assert lookup_orgs("China Foundation for Peace", NAMES, ACRONYMS) == [2]
    assert lookup_orgs("Peacland Foundation", NAMES, ACRONYMS)[0] == 1  # a typo
    assert lookup_orgs("zzzz", NAMES, ACRONYMS) == []


@pytest.fixture
async def kb(built_store: Path):
    base = await KnowledgeBase.open(built_store)
    yield base
    await base.close()


@pytest.mark.parametrize("handle, name", [
    ("Peaceland", "Beijing Peaceland Foundation"),
    ("cnei", "China NGO Network for International Exchanges"),
    ("China Foundation for Peace", "China Foundation for Peace and Development"),
])
async def test_org_command_finds_its_organisation(kb: KnowledgeBase, handle: str, name: str) -> None:
    answer = await kb.org_profile(handle)
    assert answer.found and answer.text.startswith(name)


async def test_several_matches_come_most_events_first(kb: KnowledgeBase) -> None:
    answer = await kb.org_profile("Foundation for Peace")
    orgs = [await kb.org(int(h.id)) for h in answer.related if h.kind == "org"] or []
    counts = [len(o.event_ids) for o in orgs if o]
    assert answer.found and len(counts) >= 2 and counts == sorted(counts, reverse=True)
