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


def test_a_new_reports_passages_are_embedded_before_profiles_are_merged(tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    import numpy as np

    import knowledge.build as build
    import knowledge.rebuild as rebuild
    from knowledge.embed import default_embedder

    embedder = default_embedder()
    assert embedder is not None
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(REPORTS / SMALL[0], folder / SMALL[0])
    db = tmp_path / "data" / "knowledge.sqlite"
    asyncio.run(update_store(folder, db))
    (folder / "field-notes.txt").write_text(
        "Field notes\n\n"
        "On 3 March 2024, the Zentavo Development Foundation opened a library for 400 pupils in Kumasi, Ghana.\n\n"
        "On 9 March 2024, volunteers of the Zentavo Development Foundation trained 60 nurses in Tamale.\n",
        encoding="utf-8")
    steps: list[str] = []
    merge, ahead_of = build._profiles, rebuild.embed_ahead_of

    def merging(*args: object, **kwargs: object) -> object:
        steps.append("merge")
        return merge(*args, **kwargs)

    def embedding(events: list, path: Path) -> object:
        steps.append(f"embed {len(events)} events")
        return ahead_of(events, path)

    monkeypatch.setattr(build, "_profiles", merging)
    monkeypatch.setattr(rebuild, "embed_ahead_of", embedding)
    added = asyncio.run(update_store(folder, db))
    assert added.extracted == 1 and steps == ["embed 2 events", "merge"]  # only the new report's, first
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT p.text, v.vec FROM passages p JOIN passage_vectors v ON v.id = p.id "
                            "JOIN events e ON e.id = p.event_id WHERE e.report_id = 'field-notes'").fetchall()
        embedded = int(conn.execute("SELECT value FROM meta WHERE key = 'embedded_new'").fetchone()[0])
    assert len(rows) == embedded == 2  # counted, though the store's embedding stage found them cached
    for text, vec in rows:
        assert np.array_equal(np.frombuffer(vec, dtype=np.float16), embedder.passages([text])[0].astype(np.float16))


FIELD_NOTES = ("Field notes\n\n"
               "On 3 March 2024, the Zentavo Development Foundation opened a library for 400 pupils in Kumasi, Ghana.\n\n"
               "On 9 March 2024, volunteers of the Zentavo Development Foundation trained 60 nurses in Tamale, Ghana.\n")


def test_a_new_report_is_answered_by_its_words_first_and_by_meaning_once_its_vectors_are_in(
        tmp_path: Path, held_embedding) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(REPORTS / SMALL[0], folder / SMALL[0])
    db = tmp_path / "data" / "knowledge.sqlite"
    held_embedding.set()  # the first build is not held
    asyncio.run(update_store(folder, db))
    (folder / "field-notes.txt").write_text(FIELD_NOTES, encoding="utf-8")
    # The embedding of the new report holds until the first step is looked at
    held_embedding.clear()
    _two_steps(folder, db, held_embedding)


def _two_steps(folder: Path, db: Path, gate) -> None:  # type: ignore[no-untyped-def]
    import errno
    import shutil as shutil_module
    import sqlite3

    import numpy as np
    import pytest

    from knowledge.embed import default_embedder
    from knowledge.rebuild import pending_vectors

    def missing() -> int:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM passages p LEFT JOIN passage_vectors v ON v.id = p.id "
                                    "WHERE v.id IS NULL").fetchone()[0])

    async def ask(question: str) -> tuple[str, bool]:
        """The answer, and whether the new report's events are searched by meaning."""
        kb = await KnowledgeBase.open(db)
        try:
            assert kb.semantic is not None  # the other reports' passages are
            new = {e.id for e in await kb.report_events("field-notes")}
            return (await kb.ask(question)).text, bool(new & set(kb.semantic.passage_event.tolist()))
        finally:
            await kb.close()

    async def first_step() -> object:
        added = await update_store(folder, db, vectors_later=True)
        assert added.vectors is not None
        # the store is swapped in with the new report's passages but without their vectors: its
        # questions are answered by their words, the other reports' by meaning too
        assert added.vectors.passages == missing() == 2 and added.vectors.seconds_left() >= 0
        text, semantic = await ask("How many pupils did the Zentavo Development Foundation's library serve?")
        assert "400 pupils" in text and not semantic
        return added.vectors

    vectors = asyncio.run(first_step())
    gate.set()
    # a full disk during the second step: the store stays as it was, serving, with its step left to do
    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    before = db.read_bytes()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(shutil_module, "copyfile", full)
        try:
            asyncio.run(vectors.finish())  # type: ignore[attr-defined]
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        else:
            raise AssertionError("the full disk was not reported")
    assert db.read_bytes() == before and missing() == 2 and not list(db.parent.glob(".*building*"))
    # a crash before the second step: the store says so, and the next build (nothing else changed) finishes it
    again = asyncio.run(update_store(folder, db, vectors_later=True))
    assert again.kept and again.vectors is not None and again.vectors.passages == 2
    assert asyncio.run(again.vectors.finish()) == 2 and missing() == 0
    assert asyncio.run(pending_vectors(db)) is None
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM meta WHERE key = 'vectors_pending'").fetchone()[0] == 0
        rows = conn.execute("SELECT p.text, v.vec FROM passages p JOIN passage_vectors v ON v.id = p.id "
                            "JOIN events e ON e.id = p.event_id WHERE e.report_id = 'field-notes'").fetchall()
    embedder = default_embedder()
    assert embedder is not None and len(rows) == 2
    for text, vec in rows:  # the vectors a one-step build gives
        assert np.array_equal(np.frombuffer(vec, dtype=np.float16), embedder.passages([text])[0].astype(np.float16))
    text, semantic = asyncio.run(ask("How many nurses did Zentavo volunteers train in Tamale?"))
    assert "60 nurses" in text and semantic
