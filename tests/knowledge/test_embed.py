"""Semantic retrieval: the real embedding model, the vector cache, and the lexical fallback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from knowledge.embed import VectorCache, default_embedder, embed_texts
from knowledge.service import KnowledgeBase

REPO = Path(__file__).resolve().parents[2]


def test_vectors_are_unit_length_and_cached_by_text(tmp_path: Path) -> None:
    embedder = default_embedder()
    assert embedder is not None
    cache = VectorCache(tmp_path / "cache.sqlite", embedder.model_id)
    texts = ["Bikes were donated to a school in Cambodia.", "A youth forum on peace was held in Beijing."]
    first, embedded = embed_texts(texts, embedder, cache)
    assert embedded == 2 and first.shape == (2, 384)
    assert np.allclose(np.linalg.norm(first.astype(np.float32), axis=1), 1.0, atol=0.01)
    again, embedded = embed_texts(texts + texts[:1], embedder, cache)
    assert embedded == 0 and np.array_equal(again[:2], first) and np.array_equal(again[2], first[0])
    q = embedder.query("bicycles given to pupils")
    assert float(first[0].astype(np.float32) @ q) > float(first[1].astype(np.float32) @ q)


def test_the_shipped_vectors_serve_the_bundled_passages_unless_switched_off(monkeypatch) -> None:
    from knowledge.embed import DATA

    embedder = default_embedder()
    assert embedder is not None
    with np.load(DATA / f"vectors-{embedder.model_id}.npz") as z:
        key, vec = str(z["keys"][0]), z["vectors"][0]
    assert np.array_equal(VectorCache(None, embedder.model_id).get([key])[key], vec)
    monkeypatch.setenv("BOT_SHIPPED_VECTORS", "0")  # as the benchmark adds a wholly new report
    assert VectorCache(None, embedder.model_id).get([key]) == {}


async def test_the_bundled_store_has_vectors_and_finds_paraphrases(built_store: Path) -> None:
    kb = await KnowledgeBase.open(built_store)
    try:
        assert kb.semantic is not None
        q = kb.understand("kids pedalling to class thanks to two-wheelers handed out in Cambodia")
        sims = await kb.semantic.event_similarity(q)
        top = sorted(sims, key=sims.get, reverse=True)[:5]
        titles = [e.title.lower() for e in await kb.events_by_id(top)]
        assert any("bike" in t for t in titles)
    finally:
        await kb.close()


def test_without_the_model_answers_are_lexical_and_the_log_says_why(built_store: Path, tmp_path: Path) -> None:
    env = {**os.environ, "BOT_EMBED_MODEL": str(tmp_path / "no-such-model.bin"), "BOT_LOG_LEVEL": "WARNING"}
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "--db", str(built_store),
                          "how many bikes were donated in Cambodia?"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "2000" in out.stdout.replace(",", "")
    assert out.stderr.count("semantic retrieval is off") == 1


def test_a_build_embeds_in_worker_processes_the_same_vectors(tmp_path: Path, monkeypatch) -> None:
    import knowledge.embed as embed

    embedder = default_embedder()
    assert embedder is not None
    texts = ["Bikes were donated to a school in Cambodia.", "A youth forum on peace was held in Beijing.",
             "Doctors from Yunnan treated cataracts in Laos."]
    here, _ = embed_texts(texts, embedder, VectorCache(tmp_path / "a.sqlite", embedder.model_id), batch=1)
    monkeypatch.setattr(embed, "POOL_MIN", 2)
    monkeypatch.setattr(embed, "build_workers", lambda: 2)
    started: list[int] = []
    pool_class = embed._Pool

    class Counted(pool_class):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object) -> None:
            super().__init__(*args)
            started.extend(p.pid for p in self.procs)

    monkeypatch.setattr(embed, "_Pool", Counted)
    pooled, embedded = embed_texts(texts, embedder, VectorCache(tmp_path / "b.sqlite", embedder.model_id), batch=1)
    assert len(started) == 2 and embedded == 3
    assert np.array_equal(pooled, here)


def test_a_text_that_occurs_twice_is_embedded_once_and_a_cancelled_embedding_stops(tmp_path: Path) -> None:
    import threading

    from knowledge.cache import passage_hash
    from knowledge.embed import embed_ahead

    embedder = default_embedder()
    assert embedder is not None
    texts = ["Bikes were donated to a school in Cambodia.", "A youth forum on peace was held in Beijing."]
    vectors, embedded = embed_texts(texts + texts[::-1], embedder, VectorCache(tmp_path / "a.sqlite", embedder.model_id))
    assert embedded == 2 and np.array_equal(vectors[:2], vectors[:1:-1])
    stop = threading.Event()
    stop.set()  # a build that failed before any batch started
    cache = VectorCache(tmp_path / "b.sqlite", embedder.model_id)
    assert embed_ahead(texts, embedder, cache, stop) == 0
    assert cache.get([passage_hash(t) for t in texts]) == {}
    assert embed_ahead(texts, embedder, cache) == 2 and len(cache.get([passage_hash(t) for t in texts])) == 2


def test_every_embedding_runs_on_one_thread_whichever_thread_asks() -> None:
    # OpenMP keeps a team of threads per calling thread: many callers would mean many spinning teams.
    import threading
    from concurrent.futures import ThreadPoolExecutor

    embedder = default_embedder()
    assert embedder is not None
    model = embedder._model  # the real model, its calls recorded
    seen: set[int] = set()
    real = model.query

    def recorded(text: str) -> np.ndarray:
        seen.add(threading.get_ident())
        return real(text)

    model.query = recorded
    try:
        with ThreadPoolExecutor(4) as pool:
            vecs = list(pool.map(embedder.query, ["bikes for pupils", "a youth forum", "masks for Italy", "a dialogue"]))
        vecs.append(embedder.query("bikes for pupils"))
    finally:
        del model.query
    assert len(seen) == 1 and threading.get_ident() not in seen
    assert np.array_equal(vecs[0], vecs[-1]) and vecs[0].shape == (384,)
