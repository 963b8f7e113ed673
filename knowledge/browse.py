"""Browsing the store: stable keys for buttons, a profile's events page by page, the events a topic
(an organisation, a person, a place, filters) covers for timelines and exports.

Plain functions over an open KnowledgeBase, so the answering code stays as it is.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.dates import format_span
from knowledge.keys import corpus_keys, report_key
from knowledge.records import Answer, Event, Hit, Source
from knowledge.service import KnowledgeBase

PAGE = 8
KEY_MEMO = 50_000
KINDS = ("event", "org", "person")


# --- stable keys -----------------------------------------------------------------------------------

async def _has_key_table(kb: KnowledgeBase) -> bool:
    cached = getattr(kb, "_browse_has_keys", None)
    if cached is None:
        rows = await kb._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'record_keys'")
        cached = bool(rows)
        kb._browse_has_keys = cached  # type: ignore[attr-defined]
    return cached


async def _computed(kb: KnowledgeBase) -> list[tuple[str, str, int, int]]:
    """Keys of a store written before keys were stored: computed once from its records."""
    rows = getattr(kb, "_browse_keys", None)
    if rows is None:
        rows = list(corpus_keys(await kb.all_events(), await kb.all_orgs(), await kb.all_people()))
        kb._browse_keys = rows  # type: ignore[attr-defined]
    return rows


async def keys_of(kb: KnowledgeBase, kind: str, ids: Iterable[int]) -> dict[int, str]:
    """The main key of each record id of a kind ("event", "org", "person")."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    if not wanted:
        return {}
    # Remembered per store (keys never change within one): the same records come back answer after answer.
    memo: dict[tuple[str, int], str] | None = getattr(kb, "_browse_key_memo", None)
    if memo is None:
        memo = {}
        kb._browse_key_memo = memo  # type: ignore[attr-defined]
    out = {i: memo[(kind, i)] for i in wanted if (kind, i) in memo}
    missing = [i for i in wanted if i not in out]
    if not missing:
        return out
    if await _has_key_table(kb):
        for start in range(0, len(missing), 500):
            part = missing[start:start + 500]
            rows = await kb._rows(f"SELECT id, key FROM record_keys WHERE kind = ? AND main = 1 AND id IN "
                                  f"({','.join('?' * len(part))})", [kind, *part])
            out.update({i: k for i, k in rows})
    else:
        want = set(missing)
        out.update({i: k for kd, k, i, main in await _computed(kb) if kd == kind and main and i in want})
    if len(memo) > KEY_MEMO:
        memo.clear()
    memo.update({(kind, i): out[i] for i in missing if i in out})
    return out


async def id_of(kb: KnowledgeBase, kind: str, key: str) -> int | None:
    """The record a key stands for in this store, or None when the store no longer holds it."""
    if await _has_key_table(kb):
        rows = await kb._rows("SELECT id FROM record_keys WHERE kind = ? AND key = ?", (kind, key))
        return int(rows[0][0]) if rows else None
    return next((i for kd, k, i, _ in await _computed(kb) if kd == kind and k == key), None)


def report_of(kb: KnowledgeBase, key: str) -> str | None:
    """The id of the report a report key stands for."""
    return next((rid for rid in kb.reports if report_key(rid) == key), None)


# --- a profile's events ------------------------------------------------------------------------------

async def profile_event_ids(kb: KnowledgeBase, kind: str, record_id: int) -> tuple[str, list[int]]:
    """(name, event ids newest first) of an organisation or person; ("", []) when unknown."""
    record = await (kb.org(record_id) if kind == "org" else kb.person(record_id))
    if record is None:
        return "", []
    return record.name, list(record.event_ids)[::-1]


async def latest_events(kb: KnowledgeBase, kind: str, record_id: int, n: int = 4) -> list[Event]:
    """The newest ``n`` events of a profile (the ones its text lists)."""
    _, ids = await profile_event_ids(kb, kind, record_id)
    return await kb.events_by_id(ids[:n])


def _list_line(e: Event) -> str:
    date = format_span(e.date) if e.date else "undated"
    places = ", ".join(p.name for p in e.places[:2])
    title = e.title if len(e.title) <= 150 else e.title[:149].rsplit(" ", 1)[0] + "…"
    return f"• {date} — {title}" + (f" [{places}]" if places else "")


async def profile_events(kb: KnowledgeBase, kind: str, record_id: int, page: int = 0) -> Answer:
    """One page of a profile's events, newest first, as a list answer (what its "More" shows)."""
    name, ids = await profile_event_ids(kb, kind, record_id)
    if not ids:
        return Answer(name, f"The reports name no events of {name}." if name else "I no longer know that profile.",
                      False, "list", page=page)
    page = max(0, page)
    first = page * PAGE
    shown = await kb.events_by_id(ids[first:first + PAGE])
    if not shown:
        return Answer(name, f"That was all: {len(ids)} events.", False, "list", page=page)
    lines = [f"{len(ids)} event{'s' if len(ids) != 1 else ''} of {name}, newest first"
             + (f", from no. {first + 1}:" if first else ":")]
    lines += [_list_line(e) for e in shown]
    rest = len(ids) - first - len(shown)
    if rest > 0:
        lines.append(f"…and {rest} more.")
    reports = list(dict.fromkeys(e.report_id for e in shown))
    sources = [next(e.source for e in shown if e.report_id == r) for r in reports]
    lines.append("Sources: " + "; ".join(s.cite() for s in sources))
    return Answer(name, "\n".join(lines), True, "list", tuple(Hit("event", str(e.id), e.title, 1.0) for e in shown),
                  tuple(sources), page=page, has_more=rest > 0)


# --- what a topic covers (timelines, exports) ------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Topic:
    """What a timeline or an export is about, and its events in date order."""

    kind: str  # "org" | "person" | "place" | "filters"
    label: str
    events: tuple[Event, ...]


async def topic_events(kb: KnowledgeBase, text: str) -> Topic | None:
    """The events of the organisation, person or place a text names (None when it names none)."""
    q = kb.understand(text)
    kind, ids, label = "", [], ""
    if q.org_ids:
        org = await kb.org(q.org_ids[0])
        if org is not None:
            kind, label, ids = "org", org.name + (f" ({org.acronyms[0]})" if org.acronyms else ""), list(org.event_ids)
    if not kind:
        people = q.person_ids or [pid for pid, _, _ in sorted(kb.names.match_people(text, cutoff=80),
                                                             key=lambda m: -m[1])]
        person = await kb.person(people[0]) if people else None
        if person is not None:
            kind, label, ids = "person", person.name, list(person.event_ids)
    if not kind and q.places:
        kind, label = "place", ", ".join(p.name for p in q.places)
        ids = await kb.matching_event_ids(text)
    if not kind:
        return None
    events = await kb.events_by_id(ids)
    return Topic(kind, label, tuple(sorted(events, key=_date_key)))


async def filtered_events(kb: KnowledgeBase, filters: str) -> list[Event]:
    """The events /events lists for these filters, newest first (all of them, not one page)."""
    return await kb.events_by_id(await kb.matching_event_ids(filters))


def _date_key(e: Event) -> tuple[str, int]:
    return (e.date.start if e.date else "9999", e.id)


def report_url(kb: KnowledgeBase, source: Source) -> str | None:
    """The catalog URL of the report a source cites, if the catalog has one."""
    report = kb.reports.get(source.report_id)
    url = report.url if report else None
    return url if url and url.startswith(("http://", "https://")) else None
