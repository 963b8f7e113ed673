"""Stable record keys: short ids derived from what a record is, not from the order a build met it.

Event, organisation and person ids are serials of one build: a rebuild that adds a report renumbers
them. A button that must keep working after a reload therefore holds a key made from the record's
report and content (an event: its report, headline, date and which of equal headlines it is; an
organisation or a person: their name), which a rebuild gives again as long as the record is there.
Keys are 12 hex digits (48 bits): short enough for Telegram's 64-byte callback data, and a clash
between two records of one store is vanishingly rare (and resolved by the build, see ``corpus_keys``).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from knowledge.records import Event, Organisation, Person

KEY_LENGTH = 12
KEY_RE = re.compile(rf"[0-9a-f]{{{KEY_LENGTH}}}")


def make_key(*parts: str) -> str:
    """A key from the parts that identify a record."""
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:KEY_LENGTH]


def _norm(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold()))


def event_key(report_id: str, title: str, date_start: str | None, occurrence: int) -> str:
    """The key of the ``occurrence``-th event of a report with this headline and start date."""
    return make_key("event", report_id, " ".join(title.split()), date_start or "", str(occurrence))


def name_key(kind: str, name: str) -> str:
    """The key of an organisation or person by a name ("org" / "person")."""
    return make_key(kind, _norm(name))


def report_key(report_id: str) -> str:
    """The key of a report (its id is its file name: too long for callback data)."""
    return make_key("report", report_id)


def corpus_keys(events: Iterable[Event], orgs: Iterable[Organisation],
                people: Iterable[Person]) -> Iterator[tuple[str, str, int, int]]:
    """(kind, key, id, main) rows for a store: each record's main key (main=1), and for organisations
    their other printed names too (main=0), so a button made when a different name was the canonical
    one still finds the profile. A key already taken in this store is not handed out twice."""
    taken: set[tuple[str, str]] = set()
    seen: dict[tuple[str, str, str | None], int] = {}
    for e in events:
        ident = (e.report_id, " ".join(e.title.split()), e.date.start if e.date else None)
        n = seen.get(ident, 0)
        seen[ident] = n + 1
        key = event_key(e.report_id, e.title, ident[2], n)
        while ("event", key) in taken:  # a clash: derive another, deterministically
            key = make_key("event", key)
        taken.add(("event", key))
        yield "event", key, e.id, 1
    for kind, records in (("org", orgs), ("person", people)):
        extra: list[tuple[str, int]] = []
        for r in records:
            key = name_key(kind, r.name)
            while (kind, key) in taken:
                key = make_key(kind, key)
            taken.add((kind, key))
            yield kind, key, r.id, 1
            if isinstance(r, Organisation):
                extra.extend((name_key(kind, a), r.id) for a in r.aliases)
        for key, rid in extra:
            if (kind, key) not in taken:
                taken.add((kind, key))
                yield kind, key, rid, 0
