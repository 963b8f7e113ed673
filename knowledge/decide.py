"""Decide: whether the best-ranked events answer the question, or the honest answer is "not found"."""
from __future__ import annotations

from dataclasses import dataclass

from knowledge.query import Query
from knowledge.rank import Scored

FOUND_THRESHOLD = 0.55
MAX_FACT_PAGES = 5


@dataclass(frozen=True, slots=True)
class Decision:
    """Found or not, the events that answer (best first, one per "More" page), and the cut used."""

    found: bool
    answering: tuple[Scored, ...]
    threshold: float


def decide(q: Query, ranked: list[Scored]) -> Decision:
    """Found when the best event holds enough of the question's words (less is asked of a question
    whose place and date filters already hold for the event)."""
    threshold = FOUND_THRESHOLD - 0.08 * bool(q.places) - 0.08 * bool(q.year or q.month)
    if not ranked or ranked[0].coverage < threshold or (not q.terms and not q.person_ids and not q.org_ids):
        return Decision(False, (), threshold)
    # Further pages walk down the ranking while the events still answer the question well.
    good = tuple(s for s in ranked[:MAX_FACT_PAGES] if s.coverage >= threshold)
    return Decision(True, good, threshold)
