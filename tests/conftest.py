"""Shared fixtures: one knowledge store built from the bundled reports per test session."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

# The suite runs one process per core (pytest-xdist): the embedder's default of two OpenMP threads
# per process would put twice as many busy threads as cores, and OpenMP's waiting threads spin. One
# each, as a deployment running several processes would set it. (Before the model loads.)
os.environ.setdefault("OMP_NUM_THREADS", "1")

from knowledge.service import build_store

REPO = Path(__file__).resolve().parent.parent
REPORTS = REPO / "reports"


@pytest.fixture(scope="session", autouse=True)
def shared_vector_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One passage-vector cache for the session: the fixtures' texts are embedded once, not per test
    store (the processes the tests start inherit it)."""
    import os

    os.environ.setdefault("BOT_VECTOR_CACHE", str(tmp_path_factory.mktemp("vectors") / "knowledge.cache.sqlite"))


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge store file built once from the bundled reports."""
    path = tmp_path_factory.mktemp("store") / "knowledge.sqlite"
    asyncio.run(build_store(REPORTS, path))
    return path


@pytest.fixture
def held_embedding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A reload's background embedding held until the test sets the event it yields (set again at
    teardown): as when embedding takes longer than merging the profiles and writing the store. New
    text is embedded into a vector cache of the test's own."""
    import threading

    import knowledge.embed as embed

    monkeypatch.setenv("BOT_VECTOR_CACHE", str(tmp_path / "vectors.sqlite"))
    gate = threading.Event()
    embed_ahead = embed.embed_ahead

    def gated(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(60)
        return embed_ahead(*args, **kwargs)

    monkeypatch.setattr(embed, "embed_ahead", gated)
    yield gate
    gate.set()
