"""Stable record keys: a rebuild that renumbers every record gives each the same key."""
from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from knowledge import browse
from knowledge.keys import KEY_RE, corpus_keys
from knowledge.service import KnowledgeBase, build_store
from tests.conftest import REPORTS

EXTRA = """Weekly Briefing (Week Ending January 4, 2026)

CNIE Holds Youth Exchange in Kathmandu

On December 30, 2025, the China NGO Network for International Exchanges (CNIE) held a youth exchange forum in \
Kathmandu, Nepal.
"""


async def _keys(db: Path) -> tuple[dict[str, tuple], dict[str, str], dict[str, str]]:
    kb = await KnowledgeBase.open(db)
    try:
        events = await kb.all_events()
        ekeys = await browse.keys_of(kb, "event", [e.id for e in events])
        by_key = {ekeys[e.id]: (e.report_id, e.title, e.date, e.text, e.id) for e in events}
        orgs = {o.name: (await browse.keys_of(kb, "org", [o.id]))[o.id] for o in await kb.all_orgs()}
        people = {p.name: (await browse.keys_of(kb, "person", [p.id]))[p.id] for p in await kb.all_people()}
        return by_key, orgs, people
    finally:
        await kb.close()


def test_keys_survive_a_rebuild_that_renumbers_records(built_store: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    (reports / "0000-first.txt").write_text(EXTRA, encoding="utf-8")
    db = tmp_path / "k.sqlite"
    asyncio.run(build_store(reports, db))
    old_events, old_orgs, old_people = asyncio.run(_keys(built_store))
    new_events, new_orgs, new_people = asyncio.run(_keys(db))
    assert all(KEY_RE.fullmatch(k) for k in old_events)
    assert len(old_events) == len({v[4] for v in old_events.values()})  # one key per event
    moved = 0
    for key, (report, title, date, text, old_id) in old_events.items():
        assert key in new_events, title  # every event is still there under its key...
        assert new_events[key][:4] == (report, title, date, text)  # ...and it is the same event
        moved += new_events[key][4] != old_id
    assert moved == len(old_events)  # although every serial id changed
    assert {n: k for n, k in old_orgs.items() if n in new_orgs} == {n: new_orgs[n] for n in old_orgs if n in new_orgs}
    assert {n: new_people[n] for n in old_people} == old_people


def test_a_store_without_the_key_table_gets_the_same_keys(built_store: Path, tmp_path: Path) -> None:
    import sqlite3

    copy = tmp_path / "old.sqlite"
    shutil.copy(built_store, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP TABLE record_keys")
    assert asyncio.run(_keys(copy))[0].keys() == asyncio.run(_keys(built_store))[0].keys()


def test_equal_headlines_in_one_report_get_different_keys() -> None:
    from knowledge.records import DateSpan, Event, Source

    src = Source("r", "R", "2020")
    events = [Event(i, "r", "Same", DateSpan("2020-01", "2020-01", "month"), (), (), (), (), "", "", src)
              for i in (1, 2)]
    rows = list(corpus_keys(events, [], []))
    assert len({k for _, k, _, _ in rows}) == 2
