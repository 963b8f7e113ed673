"""Plain records for the answering stages' unit tests: a small vocabulary and a few events."""
from __future__ import annotations

from knowledge.gazetteer import default_gazetteer
from knowledge.lexicon import Lexicon
from knowledge.query import Intent, Query, Vocabulary
from knowledge.records import DateSpan, Event, Figure, OrgMention, PersonMention, Place, Source

SRC = Source("r1", "Test Report", "2025-01")
DF = {"bikes": 2, "donated": 3, "school": 4, "cambodia": 3, "forum": 5, "youth": 2, "peace": 6, "stoves": 1,
      "chaired": 1, "delegation": 4, "kenya": 1, "meals": 1, "france": 2, "masks": 2, "jilin": 1}


def lexicon() -> Lexicon:
    """A lexicon over a ten-event vocabulary."""
    return Lexicon(Vocabulary(DF, 10), default_gazetteer())


def event(eid: int, title: str, text: str, *, date: DateSpan | None = None, places: tuple[Place, ...] = (),
          figures: tuple[Figure, ...] = (), people: tuple[PersonMention, ...] = (),
          orgs: tuple[OrgMention, ...] = ()) -> Event:
    """An event record with only what a test needs."""
    return Event(eid, "r1", title, date, places, orgs, people, figures, text, f"{title}\n{text}", SRC)


def query(text: str, intent: Intent, terms: tuple[str, ...], **kw: object) -> Query:
    """A parsed question, written out."""
    return Query(raw=text, text=text, intent=intent, terms=terms, **kw)  # type: ignore[arg-type]
