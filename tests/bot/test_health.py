"""The check a knowledge store passes before it serves."""
from __future__ import annotations

from pathlib import Path

from bot.health import store_problem
from knowledge.build import Corpus
from knowledge.service import KnowledgeBase
from knowledge.store import write_store


async def test_a_store_that_holds_no_reports_fails_the_check_and_a_built_one_passes(tmp_path: Path, built_store: Path) -> None:
    # (a reload that set every report aside must not replace a store that answers)
    empty = tmp_path / "empty.sqlite"
    await write_store(Corpus([], [], [], []), empty, embed=False)
    kb = await KnowledgeBase.open(empty)
    try:
        assert await store_problem(kb) == "it holds no reports"
    finally:
        await kb.close()
    kb = await KnowledgeBase.open(built_store)
    try:
        assert await store_problem(kb) is None
    finally:
        await kb.close()
