"""The knowledge store: one SQLite file, written whole by a build and swapped in atomically.

Records are stored as JSON next to the columns and tables that queries need: dates and report for
filters, places, organisations and people per event, a name table for fuzzy matching, a vocabulary
for typo correction, and an FTS5 index over the events' paragraphs. ``event_dates`` repeats the
events' dates in a narrow table, so that listing events by date reads a few pages, not every event;
``event_words`` holds the distinct words of each event's headline and text, so that ranking does
not tokenise them again (both came in without a schema change: a store without them is read as
before).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiosqlite

from knowledge.cache import to_plain
from knowledge.errors import StoreError
from knowledge.extract import split_sentences
from knowledge.extract_zh import CJK, english_card, is_chinese_event, is_chinese_text
from knowledge.keys import corpus_keys
from knowledge.records import (DateSpan, Event, Figure, OrgMention, Organisation, Person, PersonMention,
                               PersonTitle, Place, Report, Source)
from knowledge.translate import romanised_name

if TYPE_CHECKING:  # answering reads stores without importing the readers behind the build
    from knowledge.build import Corpus
    from knowledge.embed import Embedder, VectorCache

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE reports (id TEXT PRIMARY KEY, issue_date TEXT, content_hash TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE events (id INTEGER PRIMARY KEY, report_id TEXT NOT NULL REFERENCES reports(id),
                     date_start TEXT, date_end TEXT, sort_date TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX events_date ON events (sort_date);
CREATE INDEX events_report ON events (report_id);
CREATE TABLE event_dates (id INTEGER PRIMARY KEY, sort_date TEXT NOT NULL, date_start TEXT, date_end TEXT);
CREATE INDEX event_dates_sort ON event_dates (sort_date, date_start, date_end);
CREATE TABLE event_words (id INTEGER PRIMARY KEY, words TEXT NOT NULL);
CREATE TABLE event_places (event_id INTEGER NOT NULL, place TEXT NOT NULL, country TEXT NOT NULL);
CREATE INDEX event_places_place ON event_places (place);
CREATE INDEX event_places_country ON event_places (country);
CREATE TABLE event_orgs (event_id INTEGER NOT NULL, org_id INTEGER NOT NULL, role TEXT);
CREATE INDEX event_orgs_org ON event_orgs (org_id, event_id);
CREATE TABLE event_people (event_id INTEGER NOT NULL, person_id INTEGER NOT NULL);
CREATE INDEX event_people_person ON event_people (person_id, event_id);
CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE names (surface TEXT NOT NULL, kind TEXT NOT NULL, ref_id TEXT NOT NULL);
CREATE TABLE vocab (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE passages (id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX passages_event ON passages (event_id);
CREATE TABLE record_keys (kind TEXT NOT NULL, key TEXT NOT NULL, id INTEGER NOT NULL, main INTEGER NOT NULL);
CREATE UNIQUE INDEX record_keys_key ON record_keys (kind, key);
CREATE INDEX record_keys_id ON record_keys (kind, id, main);
CREATE VIRTUAL TABLE passages_fts USING fts5 (text, content='passages', content_rowid='id',
                                              tokenize='porter unicode61 remove_diacritics 2');
"""

# A word starts and ends with a letter or digit; apostrophes and hyphens may join its parts.
_WORD = re.compile(r"[a-z0-9](?:[a-z0-9'’-]*[a-z0-9])?")


def words(text: str) -> list[str]:
    """Lower-case word tokens, the way the vocabulary and the fuzzy matcher see them."""
    return _WORD.findall(text.lower())


# --- records <-> JSON ------------------------------------------------------------------------------

def _source(d: dict[str, Any] | None) -> Source | None:
    return Source(**d) if d else None


def event_from_json(data: str) -> Event:
    """An Event from its stored JSON: the one place that maps event rows to records."""
    d = json.loads(data)
    return Event(
        id=d["id"], report_id=d["report_id"], title=d["title"],
        date=DateSpan(**d["date"]) if d["date"] else None,
        places=tuple(Place(**p) for p in d["places"]),
        organizations=tuple(OrgMention(**o) for o in d["organizations"]),
        people=tuple(PersonMention(**p) for p in d["people"]),
        figures=tuple(Figure(**f) for f in d["figures"]),
        summary=d["summary"], text=d["text"], source=Source(**d["source"]))


def org_from_json(data: str) -> Organisation:
    """An Organisation from its stored JSON."""
    d = json.loads(data)
    return Organisation(
        id=d["id"], name=d["name"], acronyms=tuple(d["acronyms"]), aliases=tuple(d["aliases"]),
        name_zh=d["name_zh"], kind=d["kind"], country=d["country"], description=d["description"],
        description_source=_source(d["description_source"]),
        people=tuple(tuple(p) for p in d["people"]),  # type: ignore[misc]
        event_ids=tuple(d["event_ids"]), partners=tuple(tuple(p) for p in d["partners"]),  # type: ignore[misc]
        source=_source(d["source"]))


def person_from_json(data: str) -> Person:
    """A Person from its stored JSON."""
    d = json.loads(data)
    return Person(id=d["id"], name=d["name"],
                  titles=tuple(PersonTitle(t["title"], t["org_id"], Source(**t["source"]), t["date"])
                               for t in d["titles"]),
                  event_ids=tuple(d["event_ids"]))


def report_from_json(data: str) -> Report:
    """A Report from its stored JSON."""
    d = json.loads(data)
    d["colophon"] = tuple(tuple(pair) for pair in d.get("colophon") or ())  # (a store written before it: none)
    return Report(**d)


# --- writing ---------------------------------------------------------------------------------------

# Rows are written in chunks of this many events, so that a build never holds every row of a large
# corpus in memory at once.
WRITE_CHUNK = 2000
def record_json(record: Any) -> str:
    """The stored JSON of a record (event, organisation, person, report): its fields by name."""
    return json.dumps(to_plain(record, keyed=True))


async def write_store(corpus: Corpus, path: Path, embed: bool = True, ahead: EmbeddingAhead | None = None,
                      later: bool = False) -> Path:
    """Write a corpus to a new SQLite file next to ``path`` and swap it in atomically.

    A reader holding the old file keeps reading it; the next open sees the new one whole. With
    ``embed`` the passages get their vectors (from the cache where it has them) for semantic
    retrieval; a store without them is answered lexically. ``ahead`` is the embedding of new
    passages started earlier (``embed_ahead``): it is waited for before the passages are embedded.

    With ``later`` nothing is embedded now: the passages the cache has no vector for are written
    without one (the store's meta ``vectors_pending`` counts them; they are found by their words
    only) and ``complete_vectors`` adds their vectors once they are embedded.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = clear_litter(path)
    try:
        async with aiosqlite.connect(tmp) as db:
            await db.executescript(_SCHEMA)
            await _fill(db, corpus)
            if embed:
                await _embed(db, path, ahead, later)
            await db.commit()
        os.replace(tmp, path)
    finally:
        for side in ("", "-journal", "-wal", "-shm"):
            tmp.with_name(tmp.name + side).unlink(missing_ok=True)
    return path


def clear_litter(path: Path) -> Path:
    """Remove the half-written files of builds of ``path`` that were killed (their process is gone:
    litter, never a store), SQLite's "-journal" beside one included; returns the temporary name this
    process builds under."""
    tmp = path.with_name(f".{path.name}.building-{os.getpid()}")
    if path.parent.exists():
        for leftover in path.parent.glob(f".{path.name}.building-*"):
            m = _BUILDING.fullmatch(leftover.name[len(path.name) + len(".building-") + 1:])
            if leftover.name.startswith(tmp.name) or (m and not _alive(int(m.group(1)))):
                leftover.unlink(missing_ok=True)
    return tmp


async def store_meta(path: Path) -> dict[str, str]:
    """The meta table of a store file; empty when there is no readable store there."""
    if not path.exists():
        return {}
    try:
        async with aiosqlite.connect(f"file:{path}?mode=ro", uri=True) as db:
            return {str(k): str(v) for k, v in await db.execute_fetchall("SELECT key, value FROM meta")}
    except aiosqlite.Error:
        return {}


_BUILDING = re.compile(r"(\d+)(?:-journal|-wal|-shm)?")


def _vectors(path: Path) -> tuple[Embedder, VectorCache] | None:
    """The embedder and the vector cache of the store at ``path``; None when semantic retrieval is
    switched off (BOT_EMBED=0) or the model cannot load."""
    from knowledge.cache import cache_path_for
    from knowledge.embed import VectorCache, default_embedder

    if os.environ.get("BOT_EMBED", "1").lower() in ("0", "off", "false", "no"):
        return None  # semantic retrieval switched off: the store is answered lexically
    embedder = default_embedder()
    if embedder is None:
        return None
    cache_path = Path(os.environ.get("BOT_VECTOR_CACHE") or cache_path_for(path))
    return embedder, VectorCache(cache_path, embedder.model_id)


class EmbeddingAhead:
    """The passages of newly read reports, embedded in a thread (and the embedding workers) while
    the build merges profiles and writes the store, so that the cores the merging leaves idle
    embed. The vectors go to the vector cache, where the store's embedding stage finds them."""

    def __init__(self, texts: list[str], embedder: Embedder, cache: VectorCache) -> None:
        from knowledge.embed import EmbedProgress

        self.embedded = 0  # passages embedded anew
        self.progress = EmbedProgress()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(texts, embedder, cache), name="embed-ahead",
                                        daemon=True)
        self._thread.start()

    def _run(self, texts: list[str], embedder: Embedder, cache: VectorCache) -> None:
        from knowledge.embed import embed_ahead

        try:
            self.embedded = embed_ahead(texts, embedder, cache, self._stop, self.progress)
        except Exception as exc:  # the store's embedding stage embeds what is missing
            log.warning("embedding ahead failed (%s); the store's embedding stage does it", exc)

    def wait(self) -> None:
        """Until every passage is embedded (or the embedding failed)."""
        self._thread.join()

    def seconds_left(self) -> float:
        """About how long until every passage is embedded (see ``EmbedProgress.seconds_left``)."""
        return 0.0 if not self._thread.is_alive() else self.progress.seconds_left()

    def cancel(self) -> None:
        """Start no further batch, and wait for those under way (the build failed)."""
        self._stop.set()
        self._thread.join()


def embed_ahead_of(events: Iterable[Any], path: Path) -> EmbeddingAhead | None:
    """Start embedding the passages of these events (anything with ``title`` and ``text``: the raw
    events of newly read reports) for the store at ``path``; None when the store gets no vectors."""
    found = _vectors(path)
    if found is None:
        return None
    texts = [p for e in events for p in (*event_passages(e.title, e.text), *glossed_passages(e.title, e.text))]
    return EmbeddingAhead(texts, *found) if texts else None


async def _embed(db: aiosqlite.Connection, path: Path, ahead: EmbeddingAhead | None = None,
                 later: bool = False) -> None:
    """Every passage's vector into ``passage_vectors`` (float16), embedding only what no cache holds;
    with ``later``, only the vectors the cache holds now (see ``write_store``)."""
    import asyncio

    from knowledge.embed import cached_vectors, embed_texts

    found = _vectors(path)
    if found is None:
        return
    embedder, cache = found
    rows = list(await db.execute_fetchall("SELECT id, text FROM passages ORDER BY id"))
    texts = [t for _, t in rows]
    if later:
        have = await asyncio.to_thread(cached_vectors, texts, cache)
        vectors = [(pid, v.tobytes()) for (pid, _), v in zip(rows, have) if v is not None]
        embedded = 0
        if ahead is not None and len(vectors) == len(rows):  # it is done: count what it embedded
            await asyncio.to_thread(ahead.wait)
            embedded = ahead.embedded
    else:
        if ahead is not None:  # what it embeds is in the cache when it is done
            await asyncio.to_thread(ahead.wait)
        # In a thread: embedding is seconds of CPU, and the bot answers from the old store meanwhile.
        found_vectors, embedded = await asyncio.to_thread(embed_texts, texts, embedder, cache)
        embedded += ahead.embedded if ahead is not None else 0
        vectors = [(pid, found_vectors[i].tobytes()) for i, (pid, _) in enumerate(rows)]
    await db.execute("CREATE TABLE passage_vectors (id INTEGER PRIMARY KEY, vec BLOB NOT NULL)")
    await db.executemany("INSERT INTO passage_vectors VALUES (?, ?)", vectors)
    await db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [("embed_model", embedder.model_id), ("embedded_new", str(embedded))])
    if len(vectors) < len(rows):
        await db.execute("INSERT OR REPLACE INTO meta VALUES ('vectors_pending', ?)", (str(len(rows) - len(vectors)),))
    log.info("passage vectors: %d passages, %d embedded anew, %d to embed later", len(rows), embedded,
             len(rows) - len(vectors))


async def complete_vectors(path: Path, ahead: EmbeddingAhead | None = None) -> int:
    """The second step of a store written with ``later``: embed the passages that have no vector
    (after ``ahead``, the embedding under way, is done: it puts its vectors in the cache), then swap
    in a copy of the store with their vectors. Returns how many passages got their vector (from
    the cache where it has them); 0 when the store has nothing pending.

    The store serves meanwhile. On any failure (a full disk, a crash) the store stays as it was,
    answering those passages by their words, and what was embedded stays in the vector cache: the
    next call finishes quickly. Raises StoreError when the store was replaced by another build
    meanwhile (that build took the cached vectors), OSError or aiosqlite.Error."""
    import asyncio
    import shutil

    from knowledge.embed import cached_vectors

    found = _vectors(path)
    if found is None:
        if ahead is not None:
            await asyncio.to_thread(ahead.cancel)
        return 0
    embedder, cache = found
    if ahead is not None:
        await asyncio.to_thread(ahead.wait)
    async with aiosqlite.connect(f"file:{path}?mode=ro", uri=True) as db:
        await db.execute("BEGIN")  # the meta and the passages of one file
        meta = dict(await db.execute_fetchall("SELECT key, value FROM meta"))
        if "vectors_pending" not in meta:
            return 0
        rows = list(await db.execute_fetchall("SELECT p.id, p.text FROM passages p LEFT JOIN passage_vectors v "
                                              "ON v.id = p.id WHERE v.id IS NULL ORDER BY p.id"))
    if meta.get("embed_model") != embedder.model_id:
        raise StoreError(f"the store's vectors come from {meta.get('embed_model')}, not {embedder.model_id}: "
                         "it needs a full rebuild")
    # What the embedding under way did not cover (a Chinese event's English card, made from the
    # merged profiles; everything, when a crash left the step to a later run), embedded the same way:
    # in a thread that stops between batches when the step is cancelled (the process stops).
    rest = EmbeddingAhead([t for _, t in rows], embedder, cache)
    try:
        await asyncio.to_thread(rest.wait)
    except BaseException:
        await asyncio.to_thread(rest.cancel)
        raise
    found_vectors = await asyncio.to_thread(cached_vectors, [t for _, t in rows], cache)
    if any(v is None for v in found_vectors):
        raise StoreError("the embedding failed (see the log); the passages stay answered by their words")
    embedded = rest.embedded + (ahead.embedded if ahead is not None else 0)
    tmp = clear_litter(path)
    try:
        # A copy, not the file itself: readers keep the store they opened, whole, until the swap.
        await asyncio.to_thread(shutil.copyfile, path, tmp)
        async with aiosqlite.connect(tmp) as db:
            copied = dict(await db.execute_fetchall("SELECT key, value FROM meta"))
            if (copied.get("generation"), copied.get("built_at")) != (meta.get("generation"), meta.get("built_at")):
                raise StoreError("the store was rebuilt meanwhile; its vectors came with that build")
            await db.executemany("INSERT OR REPLACE INTO passage_vectors VALUES (?, ?)",
                                 ((pid, v.tobytes()) for (pid, _), v in zip(rows, found_vectors) if v is not None))
            await db.execute("DELETE FROM meta WHERE key = 'vectors_pending'")
            await db.execute("INSERT OR REPLACE INTO meta VALUES ('embedded_new', ?)", (str(embedded),))
            await db.commit()
        os.replace(tmp, path)
    finally:
        for side in ("", "-journal", "-wal", "-shm"):
            tmp.with_name(tmp.name + side).unlink(missing_ok=True)
    log.info("passage vectors completed: %d passages, %d embedded anew", len(rows), embedded)
    return len(rows)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


async def _fill(db: aiosqlite.Connection, corpus: Corpus) -> None:
    meta = {"schema_version": str(SCHEMA_VERSION),
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "warnings": json.dumps(corpus.warnings)}
    if corpus.inputs:  # what the store was built from: a rebuild from the same inputs keeps it
        meta["inputs"] = corpus.inputs
    await db.executemany("INSERT INTO reports VALUES (?, ?, ?, ?)",
                         [(r.id, r.issue_date, r.content_hash, record_json(r)) for r in corpus.reports])
    report_dates = {r.id: r.issue_date for r in corpus.reports}
    vocab: Counter[str] = Counter()
    # The generation names the store's content: ids mean the same thing in two stores of one
    # generation, so a button made before a rebuild is honoured only when nothing changed.
    digest = hashlib.sha256()
    pid = 0
    batch: list[Event] = []

    async def write_events(events: list[Event]) -> None:
        nonlocal pid
        rows, dates, event_words, places, orgs, people, passages = [], [], [], [], [], [], []
        for e in events:
            sort_date = e.date.start if e.date else report_dates.get(e.report_id, "")
            data = record_json(e)
            digest.update(data.encode())
            rows.append((e.id, e.report_id, e.date.start if e.date else None, e.date.end if e.date else None,
                         sort_date, data))
            dates.append((e.id, sort_date, e.date.start if e.date else None, e.date.end if e.date else None))
            places.extend((e.id, p.name, p.country) for p in e.places)
            orgs.extend((e.id, o.org_id, o.role) for o in e.organizations)
            people.extend((e.id, p.person_id) for p in e.people)
            text_words = set(words(e.text))
            if CJK.search(e.text):
                # An event written in Chinese is also known by the English of its words (CC-CEDICT's
                # senses), so that a question in English finds what it holds.
                from knowledge.translate import gloss

                # Three senses a word, not one: an English question may say any of them
                # (委员会 "committee; commission").
                text_words.update(words(gloss(f"{e.title}\n{e.text}", senses=3)))
            vocab.update(text_words)
            event_words.append((e.id, " ".join(sorted(text_words.union(words(e.title))))))
            for passage in event_passages(e.title, e.text):
                pid += 1
                passages.append((pid, e.id, passage))
            if is_chinese_event(e):
                # an event of a Chinese report is also found by an English question (see english_card)
                pid += 1
                passages.append((pid, e.id, english_card(e)))
            for passage in glossed_passages(e.title, e.text):
                pid += 1
                passages.append((pid, e.id, passage))
        await db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)", rows)
        await db.executemany("INSERT INTO event_dates VALUES (?, ?, ?, ?)", dates)
        await db.executemany("INSERT INTO event_words VALUES (?, ?)", event_words)
        await db.executemany("INSERT INTO event_places VALUES (?, ?, ?)", places)
        await db.executemany("INSERT INTO event_orgs VALUES (?, ?, ?)", orgs)
        await db.executemany("INSERT INTO event_people VALUES (?, ?)", people)
        await db.executemany("INSERT INTO passages VALUES (?, ?, ?)", passages)

    for e in corpus.events:
        batch.append(e)
        if len(batch) >= WRITE_CHUNK:
            await write_events(batch)
            batch = []
    await write_events(batch)
    meta["generation"] = digest.hexdigest()[:10]
    await db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    await db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')")
    await db.executemany("INSERT INTO orgs VALUES (?, ?, ?)", ((o.id, o.name, record_json(o)) for o in corpus.orgs))
    await db.executemany("INSERT INTO people VALUES (?, ?, ?)", ((p.id, p.name, record_json(p)) for p in corpus.people))
    # Keys that survive a rebuild, for buttons (see knowledge.keys); stores built before them get
    # them computed when opened.
    await db.executemany("INSERT INTO record_keys VALUES (?, ?, ?, ?)",
                         corpus_keys(corpus.events, corpus.orgs, corpus.people))
    names: list[tuple[str, str, str]] = []
    for o in corpus.orgs:
        names.append((o.name, "org", str(o.id)))
        names.extend((a, "org", str(o.id)) for a in o.aliases)
        names.extend((a, "acronym", str(o.id)) for a in o.acronyms)
        if o.name_zh:
            names.append((o.name_zh, "org", str(o.id)))
    names.extend((p.name, "person", str(p.id)) for p in corpus.people)
    # A name printed in Chinese is also known in pinyin: an English question writes "Tian Yan" for 田雁.
    names.extend((r, "person", str(p.id)) for p in corpus.people if CJK.search(p.name) and (r := romanised_name(p.name)))
    for r in corpus.reports:
        names.append((r.title, "report", r.id))
        if r.title_zh:
            names.append((r.title_zh, "report", r.id))
    await db.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
    for n in (o.name for o in corpus.orgs):
        vocab.update(set(words(n)))
    for p in corpus.people:
        vocab.update(set(words(p.name)))
    await db.executemany("INSERT INTO vocab VALUES (?, ?)", vocab.items())


def event_passages(title: str, text: str) -> list[str]:
    """The passages an event's text is indexed and embedded as: its paragraphs, a long one in pieces
    of a few sentences, each with the headline in front, so that a question naming the event finds
    the paragraph that holds the fact. (An event of a Chinese report has one passage more, its English
    card, made from its merged profiles: see ``_fill``.)"""
    return [f"{title}. {chunk}" if chunk != title else chunk
            for para in text.split("\n") for chunk in _chunks(para)]


# The longest run of Chinese glossed as one passage: its English is about three times as long, and
# the embedder reads about 2000 characters of English.
GLOSSED_CHARS = 250


def glossed_passages(title: str, text: str) -> list[str]:
    """For an event written in Chinese, its passages in English, word by word (CC-CEDICT's first
    sense of each word), each behind its headline's gloss; none for other events.

    The multilingual embedder places an English question far from the Chinese passage that answers
    it (a cosine of 0.79 where the English gloss of that passage gets 0.83, among events that score
    0.78 to 0.87), as it does a Chinese question from English text, which is why a Chinese question
    is embedded with its English reading. Here the passage is given its reading. The glosses are
    indexed too, so that the question's words find the passage; answers still quote the text."""
    return list(_glossed(title, text))


@lru_cache(maxsize=1024)  # (a build asks twice: to embed ahead, then to write the store)
def _glossed(title: str, text: str) -> tuple[str, ...]:
    if not is_chinese_text(text[:400]):
        return ()
    from knowledge.translate import gloss

    head = gloss(title)
    return tuple(f"{head}. {gloss(chunk)}" for para in text.split("\n") for chunk in _chunks(para, GLOSSED_CHARS)
                 if chunk != title)


def _chunks(paragraph: str, size: int = 700) -> list[str]:
    """A long paragraph as passages of a few sentences, so that BM25 scores the part that matches."""
    if len(paragraph) <= size:
        return [paragraph] if paragraph.strip() else []
    out, cur = [], ""
    for s in split_sentences(paragraph):
        if cur and len(cur) + len(s) > size:
            out.append(cur)
            cur = ""
        cur = f"{cur} {s}".strip()
    if cur:
        out.append(cur)
    return out


async def open_store(path: Path) -> aiosqlite.Connection:
    """Open a knowledge store read-only-in-spirit, checking its schema version."""
    if not path.exists():
        raise StoreError(f"no knowledge store at {path}")
    db = await aiosqlite.connect(f"file:{path}?mode=ro", uri=True)
    try:
        async with db.execute("SELECT value FROM meta WHERE key = 'schema_version'") as cur:
            row = await cur.fetchone()
    except aiosqlite.Error as exc:
        await db.close()
        raise StoreError(f"{path} is not a knowledge store ({exc})") from exc
    if row is None or int(row[0]) != SCHEMA_VERSION:
        await db.close()
        raise StoreError(f"{path} has schema version {row[0] if row else '?'}, expected {SCHEMA_VERSION}")
    return db
