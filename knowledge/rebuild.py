"""Rebuilding the knowledge store while the old one keeps serving, and what changed between them."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiosqlite

from knowledge.build import REJECTED_DIR, build_corpus, build_inputs
from knowledge.cache import BuildCache, cache_path_for
from knowledge.extract import RawEvent
from knowledge.isolate import IsolatedReader, Limits
from knowledge.records import Report
from knowledge.service import KnowledgeBase
from knowledge.store import EmbeddingAhead, clear_litter, complete_vectors, embed_ahead_of, store_meta, write_store

log = logging.getLogger(__name__)

Progress = Callable[[str], Awaitable[None]]


class PendingVectors:
    """The second step of a build that swapped its store in before every passage had its vector:
    the passages without one are found by their words meanwhile. ``finish`` embeds them (waiting
    for the embedding already under way) and swaps in the store with their vectors."""

    def __init__(self, db_path: Path, passages: int, chars: int, ahead: EmbeddingAhead | None = None) -> None:
        self.db_path = db_path
        self.passages = passages  # passages without a vector
        self.chars = chars  # their characters
        self._ahead = ahead

    def seconds_left(self) -> float:
        """About how long until their vectors are in: the pace of the embedding under way, or the
        model's cost per character (``knowledge.embed.CORE_SECONDS_PER_CHAR``) on the build's cores."""
        from knowledge.embed import CORE_SECONDS_PER_CHAR, build_workers

        guess = self.chars * CORE_SECONDS_PER_CHAR / build_workers()
        if self._ahead is not None and self._ahead.progress.todo_chars:
            return self._ahead.seconds_left()
        return guess

    async def finish(self) -> int:
        """Embed what is missing and swap in the store with the vectors (``complete_vectors``);
        returns how many passages got their vector. On failure the store keeps serving as it is and
        the next build or ``pending_vectors`` finishes it (what was embedded stays in the cache)."""
        try:
            return await complete_vectors(self.db_path, self._ahead)
        except BaseException:
            await self.cancel()
            raise

    async def cancel(self) -> None:
        """Start no further batch of the embedding under way (the process stops, or it failed)."""
        if self._ahead is not None:
            await asyncio.to_thread(self._ahead.cancel)


async def pending_vectors(db_path: Path, ahead: EmbeddingAhead | None = None) -> PendingVectors | None:
    """The second step left to do in the store at ``db_path`` (just written with ``later``, or left
    unfinished by a crash, a full disk, a stop while it ran), or None when every passage has its
    vector (or the store has none at all). ``ahead``: the embedding of its passages under way."""
    if "vectors_pending" not in await store_meta(db_path):
        return None
    try:
        async with aiosqlite.connect(f"file:{db_path}?mode=ro", uri=True) as db:
            rows = await db.execute_fetchall("SELECT count(*), coalesce(sum(length(p.text)), 0) FROM passages p "
                                             "LEFT JOIN passage_vectors v ON v.id = p.id WHERE v.id IS NULL")
    except aiosqlite.Error:
        return None
    count, chars = list(rows)[0]
    return PendingVectors(db_path, int(count), int(chars), ahead)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did: reports extracted anew and taken from the cache, or the store kept as it
    was (nothing it was built from changed); its warnings; seconds taken. ``vectors``: what is left
    to embed when the build swapped in its store first (``update_store(..., vectors_later=True)``)."""

    extracted: int
    cached: int
    kept: bool
    events: int
    warnings: tuple[str, ...]
    seconds: float
    vectors: PendingVectors | None = field(default=None, compare=False)

    def summary(self) -> str:
        """One plain line: what was re-extracted and what came from the cache."""
        if self.kept:
            return "Nothing changed since the last build: no report re-extracted, the store kept as it was."
        return (f"Reports re-extracted: {self.extracted}; from the cache: {self.cached}.")


def set_aside(reports_dir: Path, name: str, why: str) -> Path | None:
    """Move a report file that failed or exceeded a limit to ``reports/rejected/`` with a ``.why`` note,
    so it is not read again on every reload; None when it could not be moved (it then stays)."""
    target_dir = reports_dir / REJECTED_DIR
    source = reports_dir / name
    try:
        target_dir.mkdir(exist_ok=True)
        target = target_dir / name
        n = 2
        while target.exists():
            target = target_dir / f"{Path(name).stem}-{n}{Path(name).suffix}"
            n += 1
        os.replace(source, target)
        target.with_name(target.name + ".why").write_text(
            f"{why}\nSet aside by the build of {time.strftime('%Y-%m-%d %H:%M:%S')}. Fix the file and put it back "
            "into the reports folder to try again.\n", encoding="utf-8")
    except OSError as exc:
        log.warning("could not set %s aside: %s", name, exc)
        return None
    log.warning("set %s aside in %s: %s", name, target_dir, why)
    return target


async def update_store(reports_dir: Path, db_path: Path, cache_path: Path | None = None,
                       progress: Progress | None = None, limits: Limits | None = None,
                       vectors_later: bool = False) -> BuildResult:
    """Bring the store at ``db_path`` up to date with ``reports_dir``, incrementally.

    When the store was built from exactly these inputs (report files, catalog, extractor version),
    it is kept as it is. Otherwise only new and changed reports are extracted (the others come from
    the build cache beside the store), profiles are merged anew and the store is written and swapped
    in atomically. Raises CatalogError, StoreError or OSError; the old store is then untouched.

    With ``limits``, each file is read in a child process under those limits (knowledge.isolate),
    and a file that fails, holds nothing or exceeds a limit is set aside in ``reports/rejected/``.

    With ``vectors_later``, a store whose new passages are not embedded yet is swapped in without
    their vectors (they are answered by their words), and the result's ``vectors`` is the step that
    embeds them and swaps them in (``PendingVectors.finish``), while the embedding carries on in
    the background. A store kept as it was may also have such a step left (a crash before it was
    done). Without it, the vectors are in the store before it is swapped in."""
    started = time.perf_counter()
    progress = progress or _noop
    inputs = await asyncio.to_thread(build_inputs, reports_dir)
    meta = await store_meta(db_path)
    if meta.get("inputs") == inputs:
        clear_litter(db_path)
        warnings = tuple(json.loads(meta.get("warnings") or "[]"))
        left = await pending_vectors(db_path)
        if left is not None and not vectors_later:
            await left.finish()
            left = None
        return BuildResult(0, 0, True, -1, warnings, time.perf_counter() - started, left)
    await progress("reading the reports")
    cache = BuildCache.open(cache_path or cache_path_for(db_path))
    ahead: list[EmbeddingAhead] = []

    def embed_new(events: list[RawEvent]) -> None:
        # The new reports' passages are embedded (in worker processes) while profiles are merged
        # and the store is written, which use one core.
        started = embed_ahead_of(events, db_path)
        if started is not None:
            ahead.append(started)

    try:
        try:
            # Extraction is CPU work: a thread keeps the event loop answering meanwhile.
            if limits is None:
                corpus = await asyncio.to_thread(build_corpus, reports_dir, None, cache, on_extracted=embed_new)
            else:
                with IsolatedReader(limits) as reader:
                    corpus = await asyncio.to_thread(build_corpus, reports_dir, None, cache, reader.extract,
                                                     on_extracted=embed_new)
                corpus.warnings.extend(reader.warnings)
                for name, why in corpus.rejected:
                    moved = set_aside(reports_dir, name, why)
                    if moved is not None:
                        corpus.warnings.append(f"{name} was set aside in {REJECTED_DIR}/ ({moved.name}.why says why)")
                if corpus.rejected:  # the folder changed: what the store is built from is the folder as it is now
                    inputs = await asyncio.to_thread(build_inputs, reports_dir)
        finally:
            cache.close()
        corpus.inputs = inputs
        await progress(f"writing the store ({len(corpus.events)} events; {corpus.extracted} reports re-extracted, "
                       f"{corpus.cached} from the cache)")
        await write_store(corpus, db_path, ahead=ahead[0] if ahead else None, later=vectors_later)
        left = await pending_vectors(db_path, ahead[0] if ahead else None) if vectors_later else None
    except BaseException:
        for a in ahead:  # a build that failed embeds no further batch
            await asyncio.to_thread(a.cancel)
        raise
    if left is None:
        for a in ahead:  # nothing was missing: what it checks is in the store already
            await asyncio.to_thread(a.cancel)
    return BuildResult(corpus.extracted, corpus.cached, False, len(corpus.events), tuple(corpus.warnings),
                       time.perf_counter() - started, left)


@dataclass(frozen=True, slots=True)
class Changes:
    """What a rebuild changed: reports added, changed and removed; counts before and after; warnings."""

    added: tuple[Report, ...]
    changed: tuple[Report, ...]
    removed: tuple[Report, ...]
    events: tuple[int, int]
    orgs: tuple[int, int]
    people: tuple[int, int]
    warnings: tuple[str, ...]
    build: BuildResult | None = None

    @property
    def new_reports(self) -> tuple[Report, ...]:
        """Reports whose content the old store did not hold (added or changed): what digests announce."""
        return self.added + self.changed

    def summary(self) -> str:
        """The change as a few plain lines."""
        lines = []
        for label, reports in (("Added", self.added), ("Changed", self.changed), ("Removed", self.removed)):
            for r in reports:
                lines.append(f"{label}: {r.title}" + (f" ({r.issue_date})" if r.issue_date else ""))
        if not lines:
            lines.append("No report was added, changed or removed.")
        lines.append(f"Events {self.events[0]} → {self.events[1]}; organisations {self.orgs[0]} → {self.orgs[1]}; "
                     f"people {self.people[0]} → {self.people[1]}.")
        if self.build is not None:
            lines.append(self.build.summary())
        lines += [f"Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def compare(old: dict[str, Report], new: dict[str, Report]) -> tuple[tuple[Report, ...], tuple[Report, ...], tuple[Report, ...]]:
    """(added, changed, removed) between two report sets keyed by report id."""
    added = tuple(r for rid, r in new.items() if rid not in old)
    changed = tuple(r for rid, r in new.items() if rid in old and old[rid].content_hash != r.content_hash)
    removed = tuple(r for rid, r in old.items() if rid not in new)
    return added, changed, removed


async def _noop(_: str) -> None:
    return None


async def rebuild(old: KnowledgeBase, reports_dir: Path, db_path: Path,
                  progress: Progress = _noop, limits: Limits | None = None,
                  vectors_later: bool = False) -> tuple[KnowledgeBase, Changes]:
    """Build a new store from ``reports_dir`` and open it; ``old`` keeps serving throughout.

    The store file is written under a temporary name and swapped in atomically; readers holding the
    old file keep reading it until they close. On any failure the old store is untouched and the
    exception propagates (CatalogError for a malformed catalog, StoreError, OSError). Only new and
    changed reports are extracted (see ``update_store``); with nothing changed the store is kept.
    With ``vectors_later``, ``changes.build.vectors`` is what is left to embed (see ``update_store``)."""
    before = await old.counts()
    build = await update_store(reports_dir, db_path, progress=progress, limits=limits, vectors_later=vectors_later)
    new = await KnowledgeBase.open(db_path)
    after = await new.counts()
    added, changed, removed = compare(old.reports, new.reports)
    changes = Changes(added, changed, removed, (before["events"], after["events"]), (before["orgs"], after["orgs"]),
                      (before["people"], after["people"]), build.warnings, build)
    log.info("rebuilt %s: %s", db_path, changes.summary().replace("\n", " | "))
    return new, changes


async def add_vectors(vectors: PendingVectors) -> tuple[KnowledgeBase, int]:
    """The second step of a rebuild with ``vectors_later``: embed the passages left without a vector,
    swap in the store with them and open it; returns it and how many passages got their vector.
    Raises as ``PendingVectors.finish``; the store then keeps serving as it was."""
    done = await vectors.finish()
    return await KnowledgeBase.open(vectors.db_path), done
