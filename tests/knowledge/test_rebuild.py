"""Incremental store builds: a store built from the same inputs is kept; only changed reports are read."""
from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from knowledge.rebuild import update_store
from knowledge.service import KnowledgeBase

REPORTS = Path(__file__).resolve().parents[2] / "reports"
SMALL = ["beijing-people-to-people-diplomacy-2023.txt", "cdb-weekly-briefing-2025-12-21.txt"]


def test_update_store_keeps_an_unchanged_store_and_reads_only_new_reports(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(REPORTS / SMALL[0], folder / SMALL[0])
    db = tmp_path / "data" / "knowledge.sqlite"
    first = asyncio.run(update_store(folder, db))
    assert (first.extracted, first.cached, first.kept) == (1, 0, False)
    assert (tmp_path / "data" / "knowledge.cache.sqlite").exists()
    stamp = db.stat().st_mtime_ns
    again = asyncio.run(update_store(folder, db))
    assert again.kept and db.stat().st_mtime_ns == stamp and "the store kept" in again.summary()
    shutil.copyfile(REPORTS / SMALL[1], folder / SMALL[1])
    added = asyncio.run(update_store(folder, db))
    assert (added.extracted, added.cached, added.kept) == (1, 1, False)
    assert added.summary() == "Reports re-extracted: 1; from the cache: 1."

    async def reports() -> set[str]:
        kb = await KnowledgeBase.open(db)
        try:
            return set(kb.reports)
        finally:
            await kb.close()

    assert asyncio.run(reports()) == {Path(n).stem for n in SMALL}
    # a rebuild of the store (the cache file removed) extracts everything again and gives the same store
    (tmp_path / "data" / "knowledge.cache.sqlite").unlink()
    (folder / SMALL[1]).touch()
    db.unlink()
    fresh = asyncio.run(update_store(folder, db))
    assert (fresh.extracted, fresh.cached) == (2, 0)
