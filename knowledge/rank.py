"""Rank: one scored list of candidate events for a question, from plain records.

An event's score combines how much of the question's words its text holds (idf-weighted), its
best full-text score relative to the best candidate's, how much of the question's subject its
headline holds, and bonuses for matching the question's filters and names. Events that fail a
filter (place, date) are dropped here.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Callable

from knowledge.dates import MONTH_NAMES, DateContext, find_dates
from knowledge.lexicon import Lexicon
from knowledge.query import Query
from knowledge.ranges import within
from knowledge.records import Event

# How much an event's headline holding what the question asks about (its words other than the
# organisation and place it names) counts: the event that is about it beats one that mentions it.
TITLE_WEIGHT = 0.35


# Cosines of multilingual-e5 between a question and a passage fall in a narrow band: below
# SEM_FLOOR nothing is related, at SEM_CEIL the passage says what the question asks. The score uses
# the cosine's place in that band.
SEM_FLOOR = 0.78
SEM_CEIL = 0.90
SEM_WEIGHT = 0.6


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate event with its ranking score, the share of the question's words its text holds,
    and its semantic similarity with the question (the cosine of its closest passage, 0 if none)."""

    event: Event
    score: float
    coverage: float
    similarity: float = 0.0


def semantic_share(cosine: float) -> float:
    """Where a cosine stands between unrelated (0) and saying what was asked (1)."""
    return min(1.0, max(0.0, (cosine - SEM_FLOOR) / (SEM_CEIL - SEM_FLOOR)))


def filters_ok(e: Event, q: Query, lexicon: Lexicon, issue_date: str) -> tuple[bool, float]:
    """Whether an event passes the question's place and date filters, and the bonus for matching them."""
    bonus = 0.0
    if q.places:
        if not any(lexicon.gazetteer.in_place(ep, p) for ep in e.places for p in q.places):
            if not any(lexicon.names_place(e.text, p) for p in q.places):
                return False, 0.0
        bonus += 0.15
    if q.year or q.month:
        start = e.date.start if e.date else issue_date
        end = e.date.end if e.date else start
        dated = True
        if q.year and not (start[:4] <= str(q.year) <= end[:4]):
            dated = False
        elif q.month and e.date and e.date.precision != "year":
            months = {start[5:7], end[5:7]}
            if f"{q.month:02d}" not in months and not (start[5:7] <= f"{q.month:02d}" <= end[5:7]):
                dated = False
        if dated and (e.date or not q.month):  # an undated event's month is not known to hold
            bonus += 0.1
        elif q.intent in ("list", "when") or not text_has_date(e, q):
            return False, 0.0
        # Otherwise the date is one the text speaks of ("by the end of 2024" in an article dated
        # 2015): a question that asks for a number or a name may be answered by it, with no bonus.
    if q.date_range:
        if e.date and within(e.date.start, e.date.end, q.date_range[0], q.date_range[1]):
            bonus += 0.1
        elif q.intent in ("list", "when") or e.date is not None and not text_has_years(e.text, q.date_range) \
                and not text_has_day(e, q.date_range):
            # (as for a year: a question that asks for a number, a name or a place may be answered by a
            # period the text speaks of, "field visits in early 2011" in a story of 2019)
            return False, 0.0
    if q.report_ids and e.report_id in q.report_ids:
        bonus += 0.3
    return True, bonus


def zh_coverage(terms: tuple[str, ...], text: str, weight: Callable[[str], float] = len) -> float:
    """The share of a Chinese question's words that a text written in Chinese holds as they are,
    each word weighing ``weight`` (by default its characters: a longer word says more)."""
    total = sum(weight(t) for t in terms)
    return sum(weight(t) for t in terms if t in text) / total if total else 0.0


def text_has_years(text: str, date_range: tuple[str, str, str]) -> bool:
    """Whether a text names the year of a range within one year ("early 2011": 2011), as it may name
    a year asked for. (A range of years, "before 2020", is no period a text speaks of by a year it
    names: most texts name one of them.)"""
    year = date_range[0][:4]
    return year == date_range[1][:4] and re.search(rf"(?<!\d){year}(?!\d)", text) is not None


def text_has_day(e: Event, date_range: tuple[str, str, str]) -> bool:
    """Whether a dated event's text names a day of a range of days ("on Oct 23" in a story published
    on 29 October 2014, for "on 23 October 2014"): a day printed without its year is of the event's
    own year, or the year before when it would fall after the event."""
    if e.date is None or len(date_range[0]) < 10:
        return False
    ctx = DateContext(issue_date=e.date.end, issue_source="event")
    return any(d.span.precision == "day" and within(d.span.start, d.span.end, date_range[0], date_range[1])
               for d in find_dates(e.text, ctx))


def text_has_date(e: Event, q: Query) -> bool:
    """Whether an event's text names the question's year (and month, when it asks for one). A date
    the text prints without its year ("On May 23") is of the event's own year."""
    if q.year and str(q.year) not in e.text and not (e.date and e.date.start[:4] <= str(q.year) <= e.date.end[:4]):
        return False
    return not q.month or MONTH_NAMES[q.month] in e.text


def rank(q: Query, events: list[Event], fts: dict[int, float], event_terms: dict[int, tuple[set[str], str]],
         lexicon: Lexicon, issue_dates: dict[str, str], semantic: dict[int, float] | None = None) -> list[Scored]:
    """The events that pass the question's filters, best first.

    ``fts`` holds each candidate's full-text score (0 for candidates found otherwise);
    ``event_terms`` each event's word stems and lower-case text; ``semantic`` each event's cosine
    with the question (none when the store has no vectors).
    """
    semantic = semantic or {}
    top_bm = max(fts.values(), default=0.0) or 1.0
    ranked: list[Scored] = []
    passed = [(e, bonus) for e in events for ok, bonus in [filters_ok(e, q, lexicon, issue_dates.get(e.report_id, ""))]
              if ok]
    # The words saying what the question is about: not those naming its organisation or place filter.
    # A compound whose parts are words of the question ("China-Germany") is said by its parts in a
    # headline ("Chinese and German ...").
    subject = [t for t in q.terms if t not in q.filter_words
               and not ("-" in t and all(p in q.terms for p in t.split("-")))] or q.terms
    focus = lexicon.stems(q.focus) if q.intent == "how_many" else set()
    for e, bonus in passed:
        cov, _ = lexicon.covered(q.terms, *event_terms[e.id]) if q.terms else (0.0, [])
        title_cov, _ = lexicon.coverage(subject, e.title)
        if q.zh_terms:  # a question in Chinese: a report written in Chinese holds its very words
            cov = max(cov, zh_coverage(q.zh_terms, event_terms[e.id][1] if e.id in event_terms else e.text))
            title_cov = max(title_cov, zh_coverage(q.zh_terms, e.title))
        if q.person_ids and any(p.person_id in q.person_ids for p in e.people):
            bonus += 0.15
        if q.org_ids and any(o.org_id in q.org_ids for o in e.organizations):
            bonus += 0.1
        if focus and any(focus & lexicon.text_terms(f.text)[0] for f in e.figures):
            bonus += 0.15  # "how many ambassadors": the event reports a number of ambassadors
        elif q.intent == "how_many" and not e.figures:
            bonus -= 0.1  # an event that reports no figure cannot say how many
        sim = semantic.get(e.id, 0.0)
        score = (0.55 * cov + 0.25 * (fts.get(e.id, 0.0) / top_bm) + TITLE_WEIGHT * title_cov + bonus
                 + SEM_WEIGHT * semantic_share(sim))
        ranked.append(Scored(e, score, cov, sim))
    ranked.sort(key=lambda s: -s.score)
    return ranked
