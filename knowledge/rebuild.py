"""Rebuilding the knowledge store while the old one keeps serving, and what changed between them."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from knowledge.build import build_corpus
from knowledge.records import Report
from knowledge.service import KnowledgeBase
from knowledge.store import write_store

log = logging.getLogger(__name__)

Progress = Callable[[str], Awaitable[None]]


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
                  progress: Progress = _noop) -> tuple[KnowledgeBase, Changes]:
    """Build a new store from ``reports_dir`` and open it; ``old`` keeps serving throughout.

    The store file is written under a temporary name and swapped in atomically; readers holding the
    old file keep reading it until they close. On any failure the old store is untouched and the
    exception propagates (CatalogError for a malformed catalog, StoreError, OSError)."""
    before = await old.counts()
    await progress("reading the reports")
    # Extraction is CPU work: a thread keeps the event loop answering meanwhile.
    corpus = await asyncio.to_thread(build_corpus, reports_dir)
    await progress(f"writing the store ({len(corpus.events)} events)")
    await write_store(corpus, db_path)
    new = await KnowledgeBase.open(db_path)
    after = await new.counts()
    added, changed, removed = compare(old.reports, new.reports)
    changes = Changes(added, changed, removed, (before["events"], after["events"]), (before["orgs"], after["orgs"]),
                      (before["people"], after["people"]), tuple(corpus.warnings))
    log.info("rebuilt %s: %s", db_path, changes.summary().replace("\n", " | "))
    return new, changes
