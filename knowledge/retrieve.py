"""Retrieve: the candidate events for a question, from several retrievers behind one protocol.

Each retriever reads the store and gives {event id: score}; scores are on the retriever's own scale
(ranking normalises them). The full-text retriever finds passages by the question's words, the name
retriever the events of the organisations and people it names, the filter retriever the events of a
place, date, organisation or person filter, and the semantic retriever passages by meaning.
"""
from __future__ import annotations

import asyncio
from array import array
from typing import TYPE_CHECKING, Awaitable, Callable, Protocol, Sequence

from knowledge.dates import MONTH_NAMES
from knowledge.gazetteer import default_gazetteer
from knowledge.query import Query
from knowledge.ranges import within
from knowledge.rank import zh_coverage

if TYPE_CHECKING:
    import numpy as np

    from knowledge.embed import Embedder

Rows = Callable[[str, Sequence[object]], Awaitable[list[tuple]]]

# Passages a full-text search ranks at most (about). FTS5 computes bm25 for every passage that
# holds any word of the question, so in a large store a common word ("cooperation") costs hundreds
# of milliseconds. Beyond this many passages the search leaves out the question's most common words
# (they still count when candidates are ranked); a store this small is always searched in full.
FTS_BUDGET = 4000
# Events a named organisation or person adds to the candidates: its newest ones. (No organisation
# of the bundled reports has more than 32 events; one in a store of years of reports has thousands.)
EVENTS_PER_NAME = 40
# Characters of a question the model reads: questions are shorter (the longest of our 335 labelled
# ones has 151); a pasted wall of text costs the model time in proportion (1 s for 500 characters).
EMBED_CHARS = 300
# Words of a Chinese question's English reading embedded with it: its first words carry the names
# and the asked fact; beyond them the glosses add cost (the model's time grows with the text) and
# little meaning.
READING_WORDS = 12


def fts_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression in which every user word is quoted (no operator gets through)."""
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms if t]
    return " OR ".join(quoted)


class Retriever(Protocol):
    """Something that finds candidate events for a question."""

    name: str

    async def retrieve(self, q: Query, limit: int) -> dict[int, float]:
        """Candidate event ids with this retriever's score (higher is better)."""
        ...


class FullTextRetriever:
    """Passages by the question's words (FTS5 bm25), each event scored by its best passage."""

    name = "fts"

    def __init__(self, rows: Rows, passage_event: array, passages: int) -> None:
        self._rows = rows
        self._passage_event = passage_event
        self._passages = passages
        self._term_counts: dict[str, int] = {}

    async def retrieve(self, q: Query, limit: int) -> dict[int, float]:
        """Events whose passages hold the question's words (or their synonyms), by bm25."""
        scores: dict[int, float] = {}
        if not q.terms:
            return scores
        # A word also finds the passages that say it in other words ("spectacles" for "glasses");
        # in a large store the synonyms count against the search's budget like the words.
        terms = list(dict.fromkeys([*q.terms] + [w for t in q.terms for w in q.synonyms.get(t, ())]))
        terms, too_common = await self._search_terms(terms)
        match = fts_query(terms)
        newest = ""
        params: tuple = (match, limit)
        if too_common:  # even the rarest word is in most passages: rank the newest of them
            cut = await self._rows("SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? "
                                   "ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, FTS_BUDGET))
            if cut:
                newest, params = " AND passages_fts.rowid >= ?", (match, cut[0][0], limit)
        rows = await self._rows("SELECT rowid, bm25(passages_fts) FROM passages_fts "
                                f"WHERE passages_fts MATCH ?{newest} ORDER BY bm25(passages_fts) LIMIT ?", params)
        passage_event = self._passage_event
        for pid, bm in rows:
            eid = passage_event[pid]
            scores[eid] = max(scores.get(eid, 0.0), -float(bm))
        return scores

    async def _search_terms(self, terms: list[str]) -> tuple[list[str], bool]:
        """The question's words the full-text search looks for, and whether even those are too common.

        All of them while the store is small; in a large store the rarest ones, as many as fit in
        FTS_BUDGET passages (at least one).
        """
        if self._passages <= FTS_BUDGET:
            return terms, False
        counts = await self._passage_counts(terms)
        chosen: set[str] = set()
        total = 0
        for t in sorted(terms, key=counts.__getitem__):
            if chosen and total + counts[t] > FTS_BUDGET:
                break
            chosen.add(t)
            total += counts[t]
        return [t for t in terms if t in chosen], total > FTS_BUDGET

    async def _passage_counts(self, terms: list[str]) -> dict[str, int]:
        """How many passages hold each word, counted up to FTS_BUDGET + 1 (cheap: no ranking), remembered."""
        memo = self._term_counts
        missing = [t for t in dict.fromkeys(terms) if t not in memo]
        if missing:
            sql = " UNION ALL ".join(["SELECT ?, (SELECT count(*) FROM (SELECT 1 FROM passages_fts "
                                      "WHERE passages_fts MATCH ? LIMIT ?))"] * len(missing))
            params: list[object] = []
            for t in missing:
                params += [t, fts_query([t]), FTS_BUDGET + 1]
            if len(memo) > 50_000:
                memo.clear()
            memo.update(await self._rows(sql, params))
        return {t: memo[t] for t in terms}


class NameRetriever:
    """The newest events of the organisations and people a question names (score 0: ranking decides)."""

    name = "names"

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    async def retrieve(self, q: Query, limit: int) -> dict[int, float]:
        """Events of the question's people, then of its organisations."""
        scores: dict[int, float] = {}
        for pid in q.person_ids:
            rows = await self._rows("SELECT event_id FROM event_people WHERE person_id = ? "
                                    "ORDER BY event_id DESC LIMIT ?", (pid, EVENTS_PER_NAME))
            for (eid,) in reversed(rows):
                scores.setdefault(eid, 0.0)
        for oid in q.org_ids:
            rows = await self._rows("SELECT event_id FROM event_orgs WHERE org_id = ? "
                                    "ORDER BY event_id DESC LIMIT ?", (oid, EVENTS_PER_NAME))
            for (eid,) in reversed(rows):
                scores.setdefault(eid, 0.0)
        return scores


class FilterRetriever:
    """The events a question's filters select (place, organisation, person, year, month), newest first."""

    name = "filters"

    def __init__(self, rows: Rows, dates_table: str) -> None:
        self._rows = rows
        self._dates_table = dates_table

    async def ids(self, q: Query, limit: int = 500, mentions: bool = False) -> list[int]:
        """Ids of the events the filters select, newest first (none when the question has no filter).

        A place selects the events that took place there; with ``mentions``, also those whose text
        names it (a question asks "everything about Laos": a delegation's tour through it, aid sent).
        """
        clauses: list[str] = []
        params: list[object] = []
        if q.places:
            ph = []
            names: list[str] = []  # what the text of an event that names the place writes
            for p in q.places:
                inside = default_gazetteer().countries_in(p)
                if inside:  # a part of the world: the events in its countries
                    ph.append(f"(country IN ({','.join('?' * len(inside))}))")
                    params += list(inside)
                    names += [p.name, *inside]
                else:
                    ph.append("(country = ?)" if p.kind == "country" else "(place = ?)")
                    params.append(p.name)
                    # and its other names and its people's word ("Armenian", "Holland"), not a short
                    # one that is also a word ("US")
                    names += [x for x in default_gazetteer().surfaces_of(p) if len(x.replace(".", "")) > 3]
            tagged = f"id IN (SELECT event_id FROM event_places WHERE {' OR '.join(ph)})"
            tagged_params = list(params)
            clause = tagged
            if mentions:
                clause = (f"({tagged} OR id IN (SELECT event_id FROM passages WHERE id IN "
                          "(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)))")
                params.append(fts_query(names))
            clauses.append(clause)
        for oid in q.org_ids[:1]:
            clauses.append("id IN (SELECT event_id FROM event_orgs WHERE org_id = ?)")
            params.append(oid)
        for pid in q.person_ids[:1]:
            clauses.append("id IN (SELECT event_id FROM event_people WHERE person_id = ?)")
            params.append(pid)
        if q.report_ids:
            clauses.append(f"id IN (SELECT id FROM events WHERE report_id IN ({','.join('?' * len(q.report_ids))}))")
            params += list(q.report_ids)
        period: list[str] = []
        period_params: list[object] = []
        if q.year:
            # "sort_date < next year" says the same as the first test, in a form the date index can use.
            period.append("substr(sort_date, 1, 4) <= ? AND sort_date < ? "
                          "AND substr(coalesce(date_end, sort_date), 1, 4) >= ?")
            period_params += [str(q.year), str(q.year + 1), str(q.year)]
        if q.month:
            period.append("(date_start IS NOT NULL AND (substr(date_start, 6, 2) = ? OR substr(date_end, 6, 2) = ?))")
            period_params += [f"{q.month:02d}", f"{q.month:02d}"]
        in_period = " AND ".join(period)
        told = mentions and q.year and q.month and not q.date_range
        if told:
            # ... or an event that tells of that month as its background ("In November 2017, the
            # network was founded", in a story of April 2018): after those that took place then
            clauses.append(f"(({in_period}) OR id IN (SELECT event_id FROM passages WHERE id IN "
                           "(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)))")
            # ("November 2017", "November 21, 2017", "21 November 2017")
            params += period_params + [f'NEAR("{MONTH_NAMES[q.month]}" "{q.year}", 2)']
        elif period:
            clauses.append(in_period)
            params += period_params
        if q.date_range:
            # Overlap, coarsely (a partial date compares as its first day); ``within`` decides.
            clauses.append("date_start IS NOT NULL AND date_start <= ? AND coalesce(date_end, date_start) || '-99' >= ?")
            params += [q.date_range[1], q.date_range[0][:7]]
        if not clauses:
            return []
        # The events that took place there come first, then those that only name the place.
        first = f"({tagged}) DESC, " if q.places and mentions else ""
        first += f"({in_period}) DESC, " if told else ""
        rows = await self._rows(f"SELECT id, date_start, date_end FROM {self._dates_table} WHERE {' AND '.join(clauses)} "
                                f"ORDER BY {first}sort_date DESC, id DESC "
                                f"LIMIT {int(limit) if not q.date_range else 20 * int(limit)}",
                                params + (tagged_params if q.places and mentions else [])
                                + (period_params if told else []))
        if q.date_range:
            rows = [r for r in rows if within(r[1], r[2], q.date_range[0], q.date_range[1])][:limit]
        # An undated event has no date_start; it is listed only when a place, organisation or person asks for it.
        return [i for i, start, _ in rows if start is not None or q.places or q.org_ids or q.person_ids or q.report_ids]

    async def retrieve(self, q: Query, limit: int) -> dict[int, float]:
        """The filtered events, all with score 0 (the protocol's shape)."""
        return {i: 0.0 for i in await self.ids(q, limit)}


class ChineseRetriever:
    """Passages written in Chinese by the words of a question in Chinese, found as they are: Chinese
    runs its words together, so the full-text index (which splits at spaces) cannot find them.
    The store's Chinese passages are held in memory (a small share of an archive in English)."""

    name = "zh"

    def __init__(self, passages: list[tuple[int, str]]) -> None:
        self._passages = passages  # (event id, text)

    async def retrieve(self, q: Query, limit: int) -> dict[int, float]:
        """Events whose Chinese passages hold the question's words, by the share of them held."""
        scores: dict[int, float] = {}
        if not q.zh_terms:
            return scores
        for eid, text in self._passages:
            cov = zh_coverage(q.zh_terms, text)
            if cov > scores.get(eid, 0.0):
                scores[eid] = cov
        return dict(sorted(scores.items(), key=lambda kv: -kv[1])[:limit])


async def gather(retrievers: Sequence[Retriever], q: Query, limit: int = 80) -> dict[int, dict[str, float]]:
    """Every retriever's candidates, by event: {event id: {retriever name: score}} in first-found
    order (the retrievers' order, then each one's).

    The retrievers run at once: the full-text search waits on SQLite's thread and the semantic one
    on the embedder's, so the question is embedded while the words are searched."""
    found = await asyncio.gather(*(r.retrieve(q, limit) for r in retrievers))
    out: dict[int, dict[str, float]] = {}
    for r, got in zip(retrievers, found):
        for eid, score in got.items():
            out.setdefault(eid, {})[r.name] = score
    return out


class SemanticRetriever:
    """Passages by meaning: the cosine of the question's vector with every passage's vector, each
    event scored by its closest passage. Paraphrases and questions in other languages find their
    passage here when they share few words with it."""

    name = "semantic"

    def __init__(self, embedder: "Embedder", vectors: "np.ndarray", passage_event: "np.ndarray",
                 passage_ids: "np.ndarray", chinese: "np.ndarray | None" = None) -> None:
        """``chinese`` marks the passages written in Chinese (none, where not given)."""
        import numpy as np

        self.embedder = embedder
        # Rows in event order, so that each event's passages are one run: an event's best passage
        # is then one reduction over runs (np.maximum.reduceat), not a scatter over every row.
        order = np.argsort(passage_event, kind="stable")
        self.vectors = np.ascontiguousarray(vectors[order])  # (passages, dim) float32, unit rows
        self.passage_event = passage_event[order]  # event id of each row
        self.passage_ids = passage_ids[order]  # passage id of each row
        self.chinese = (chinese[order] if chinese is not None else np.zeros(len(order), dtype=bool))
        self.has_chinese = bool(self.chinese.any())
        starts = np.flatnonzero(np.r_[True, self.passage_event[1:] != self.passage_event[:-1]]) \
            if len(order) else np.zeros(0, dtype=np.int64)
        self._run_starts = starts
        self._run_event_list = self.passage_event[starts].tolist() if len(order) else []
        self._memo: dict[str, "np.ndarray"] = {}
        # The mean and spread of the events' similarities with a question (by question text).
        self.spread: dict[str, tuple[float, float]] = {}
        self._last: tuple[str | None, dict[int, float]] = (None, {})

    async def event_similarity(self, q: Query) -> dict[int, float]:
        """Every event's best passage cosine with the question (events with passages only)."""
        import numpy as np

        asked = f"{q.raw}\0{q.zh_reading}"
        if self._last[0] == asked:  # the retriever and the ranking both ask, once per question
            return self._last[1]
        vec = self._memo.get(q.raw)
        if vec is None:
            # In a thread: the native model releases the GIL, so other chats are answered meanwhile.
            # A question in Chinese is embedded with its English reading: the passages are English,
            # and the model matches across languages less closely than within one.
            # A misspelt question is embedded spelt right ("frienship": friendship).
            raw = q.mended or q.raw
            text = f"{raw} ({' '.join(q.reading.split()[:READING_WORDS])})" if q.reading else raw
            vec = await asyncio.to_thread(self.embedder.query, text[:EMBED_CHARS])
            if len(self._memo) > 256:
                self._memo.clear()
                self.spread.clear()
            self._memo[q.raw] = vec
        if not len(self._run_starts):
            self.spread[q.raw] = (0.0, 0.0)
            self._last = (asked, {})
            return {}
        sims = self.vectors @ vec
        if self.has_chinese and q.zh_reading:
            # An English question is compared with passages written in Chinese with its words put in
            # Chinese too: the model matches across languages far less closely than within one (a
            # question on a "love package project" came 0.81 to its Chinese article, below an English
            # item's 0.83; read as 国际 爱情 包裹 计划 会议 as well, 0.89, above every other).
            zh_vec = await self._chinese_vector(q)
            rows = self.chinese
            sims[rows] = np.maximum(sims[rows], self.vectors[rows] @ zh_vec)
        best = np.maximum.reduceat(sims, self._run_starts)
        self.spread[q.raw] = (float(best.mean()), float(best.std()))
        result = dict(zip(self._run_event_list, best.tolist()))
        self._last = (asked, result)
        return result

    async def _chinese_vector(self, q: Query) -> "np.ndarray":
        """The vector of an English question with its Chinese reading beside it (remembered with the
        question's)."""
        key = "\0zh" + q.raw
        vec = self._memo.get(key)
        if vec is None:
            vec = await asyncio.to_thread(self.embedder.query, f"{q.mended or q.raw} ({q.zh_reading})"[:EMBED_CHARS])
            self._memo[key] = vec
        return vec

    def similarity_of(self, text: str, event_ids: list[int]) -> dict[int, float]:
        """Each event's best passage cosine with a text embedded as a question (not remembered: it is
        a question's variant, asked once). Slow: call it in a thread."""
        vec = self.embedder.query(text[:EMBED_CHARS])
        out = {}
        for eid in event_ids:
            first, last = self._rows_of(eid)
            if first < last:
                out[eid] = float((self.vectors[first:last] @ vec).max())
        return out

    def forget(self) -> None:
        """Forget the questions' vectors (a benchmark measures a new question each time)."""
        self._memo.clear()
        self.spread.clear()
        self._last = (None, {})

    def closest_passage(self, q: Query, event_id: int) -> int | None:
        """The id of the event's passage closest in meaning to the question (asked before)."""
        import numpy as np

        vec = self._memo.get(q.raw)
        first, last = self._rows_of(event_id)
        if vec is None or first == last:
            return None
        return int(self.passage_ids[first + int(np.argmax(self.vectors[first:last] @ vec))])

    def _rows_of(self, event_id: int) -> tuple[int, int]:
        """The first and past-the-last rows of an event's passages (one run: rows are in event order)."""
        import numpy as np

        return (int(np.searchsorted(self.passage_event, event_id, side="left")),
                int(np.searchsorted(self.passage_event, event_id, side="right")))

    async def retrieve(self, q: Query, limit: int) -> dict[int, float]:
        """The ``limit`` events closest in meaning to the question."""
        sims = await self.event_similarity(q)
        top = sorted(sims.items(), key=lambda kv: -kv[1])[:limit]
        return dict(top)
