"""The answering machine: a question in, an Answer out (fact first, then its source)."""
from __future__ import annotations

import logging
import re
from array import array
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from knowledge.dates import MONTH_NAMES, format_span
from knowledge.extract import split_sentences
from knowledge.gazetteer import Gazetteer, default_gazetteer
from knowledge.query import (NameIndex, Query, ReportTitles, Vocabulary, clean_question, parse, stem,
                             synonym_stems)
from knowledge.records import Answer, Event, Hit, Organisation, Person, Place, Report, Source
from knowledge.store import (event_from_json, open_store, org_from_json, person_from_json, report_from_json,
                             words, write_store)

log = logging.getLogger(__name__)

LIST_CAP = 8
SINGLE_CAP = 1000
LIST_CHARS = 2400
FOUND_THRESHOLD = 0.55
MAX_FACT_PAGES = 5
# How much an event's headline holding what the question asks about (its words other than the
# organisation and place it names) counts: the event that is about it beats one that mentions it.
TITLE_WEIGHT = 0.35
# Between questions the answerer keeps decoded events and the word stems of texts it has scored:
# the same events come back question after question, and decoding and stemming them was most of
# the cost of an answer. Bounded so that a store of any size fits in memory.
EVENT_MEMO = 8192
TEXT_MEMO = 8192
# Passages a full-text search ranks at most (about). FTS5 computes bm25 for every passage that
# holds any word of the question, so in a large store a common word ("cooperation") costs hundreds
# of milliseconds. Beyond this many passages the search leaves out the question's most common words
# (they still count when candidates are ranked); a store this small is always searched in full.
FTS_BUDGET = 4000
# Events a named organisation or person adds to the candidates: its newest ones. (No organisation
# of the bundled reports has more than 32 events; one in a store of years of reports has thousands.)
EVENTS_PER_NAME = 40


def fts_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression in which every user word is quoted (no operator gets through)."""
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms if t]
    return " OR ".join(quoted)


async def build_store(reports_dir: Path, db_path: Path) -> list[str]:
    """Build the knowledge store from a reports folder; returns the warnings of the build."""
    from knowledge.build import build_corpus  # here: answering needs none of the readers (pypdf ...)

    corpus = build_corpus(reports_dir)
    await write_store(corpus, db_path)
    return corpus.warnings


@dataclass
class _Scored:
    event: Event
    score: float
    coverage: float


class KnowledgeBase:
    """One open knowledge store with its name tables in memory; answers questions."""

    def __init__(self, db: aiosqlite.Connection, path: Path, gazetteer: Gazetteer) -> None:
        self.db = db
        self.path = path
        self.gazetteer = gazetteer
        self.reports: dict[str, Report] = {}
        self.names = NameIndex([])
        self.vocab = Vocabulary({}, 1)
        self.generation = ""
        self.built_at = ""
        self.report_titles: dict[str, tuple[str, str | None, str]] = {}
        self._titles = ReportTitles({})
        self._events: dict[int, Event] = {}
        self._text_memo: dict[str, tuple[set[str], str]] = {}
        self._surfaces: dict[Place, list[str]] = {}
        self._term_counts: dict[str, int] = {}
        self._event_terms: dict[int, tuple[set[str], str]] = {}
        self._passages = 0
        self._passage_event = array("q")
        self._dates_table = "events"
        self._has_event_words = False
        # "German" and "Germany", "Chinese" and "China" match each other in questions and text.
        self.country_words = {surface.lower(): place.country.lower() for surface, place in gazetteer.by_surface.items()
                              if " " not in surface and place.kind == "country"}

    @classmethod
    async def open(cls, db_path: Path, reports_dir: Path | None = None) -> "KnowledgeBase":
        """Open a store, building it from ``reports_dir`` first when it is missing."""
        if not db_path.exists():
            if reports_dir is None:
                raise FileNotFoundError(db_path)
            log.info("building the knowledge store %s from %s", db_path, reports_dir)
            await build_store(reports_dir, db_path)
        db = await open_store(db_path)
        kb = cls(db, db_path, default_gazetteer())
        await kb._load()
        return kb

    async def close(self) -> None:
        """Close the store's connection."""
        await self.db.close()

    async def _rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        # One hop to the connection's thread, not three (execute, fetch, close): ~0.07 ms, not ~0.22.
        return list(await self.db.execute_fetchall(sql, params))

    async def _load(self) -> None:
        self.reports = {r.id: r for r in (report_from_json(d) for (d,) in await self._rows("SELECT data FROM reports"))}
        self.names = NameIndex([(s, k, r) for s, k, r in await self._rows("SELECT surface, kind, ref_id FROM names")])
        n = (await self._rows("SELECT count(*) FROM events"))[0][0]
        self.vocab = Vocabulary(dict(await self._rows("SELECT term, df FROM vocab")), n)
        meta = dict(await self._rows("SELECT key, value FROM meta"))
        self.generation: str = meta.get("generation", "")
        self.built_at: str = meta.get("built_at", "")
        self.report_titles = {r.id: (r.title, r.title_zh, r.issue_date) for r in self.reports.values()}
        self._titles = ReportTitles(self.report_titles)
        self._passages = (await self._rows("SELECT max(id) FROM passages"))[0][0] or 0
        # Which event each passage belongs to, in memory: the full-text search then needs no join.
        self._passage_event = array("q", bytes(8 * (self._passages + 1)))
        for pid, eid in await self._rows("SELECT id, event_id FROM passages"):
            self._passage_event[pid] = eid
        tables = {name for (name,) in await self._rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
        self._dates_table = "event_dates" if "event_dates" in tables else "events"  # stores built before it: events
        self._has_event_words = "event_words" in tables

    async def warm(self, limit: int = EVENT_MEMO) -> int:
        """Read the newest events (every event of a store this small) and their words into memory,
        so that the first questions are answered as fast as later ones; returns how many. For a
        long-running process (the bot), after opening; a one-shot command need not."""
        ids = [i for (i,) in await self._rows("SELECT id FROM events ORDER BY id DESC LIMIT ?", (limit,))][::-1]
        for start in range(0, len(ids), 500):
            await self._events_terms(await self.events_by_id(ids[start:start + 500]))
        return len(ids)

    # --- lookups ----------------------------------------------------------------------------------

    async def events_by_id(self, ids: list[int]) -> list[Event]:
        """Events by id, in the order asked."""
        if not ids:
            return []
        memo = self._events
        by_id = {i: memo[i] for i in ids if i in memo}
        missing = [i for i in dict.fromkeys(ids) if i not in by_id]
        if missing:
            rows = await self._rows(f"SELECT id, data FROM events WHERE id IN ({','.join('?' * len(missing))})", missing)
            for i, d in rows:
                e = by_id[i] = event_from_json(d)
                if len(memo) >= EVENT_MEMO:
                    del memo[next(iter(memo))]  # the oldest first
                memo[i] = e
        return [by_id[i] for i in ids if i in by_id]

    async def org(self, org_id: int) -> Organisation | None:
        """One organisation profile."""
        rows = await self._rows("SELECT data FROM orgs WHERE id = ?", (org_id,))
        return org_from_json(rows[0][0]) if rows else None

    async def person(self, person_id: int) -> Person | None:
        """One person profile."""
        rows = await self._rows("SELECT data FROM people WHERE id = ?", (person_id,))
        return person_from_json(rows[0][0]) if rows else None

    async def all_events(self) -> list[Event]:
        """Every event, in date order."""
        return [event_from_json(d) for (d,) in await self._rows("SELECT data FROM events ORDER BY sort_date, id")]

    async def all_orgs(self) -> list[Organisation]:
        """Every organisation profile."""
        return [org_from_json(d) for (d,) in await self._rows("SELECT data FROM orgs ORDER BY name")]

    async def all_people(self) -> list[Person]:
        """Every person profile."""
        return [person_from_json(d) for (d,) in await self._rows("SELECT data FROM people ORDER BY name")]

    # --- answering --------------------------------------------------------------------------------

    async def ask(self, question: str, page: int = 0) -> Answer:
        """Answer a question from the reports, or say honestly that they do not hold the answer.

        ``page`` > 0 asks for the next hits of the same question: the next events of a list, or the
        next-best event of a fact question (what a "More" button shows).
        """
        page = max(0, page)
        text = clean_question(question)
        if not re.search(r"\w", text):
            return Answer(question, "Ask me about an event, an organisation or a person in the reports, "
                          "for example: “what is CFPD?” or “events in Cambodia in 2025”.", False, "empty")
        q = parse(text, self.vocab, self.names, self.gazetteer, self._titles)
        q.raw = question
        q.page = page
        if q.intent == "report" and q.report_ids:
            return await self.report_summary(q.report_ids[-1] if len(q.report_ids) > 1 else q.report_ids[0], question)
        if q.intent == "person":
            return await self._person_answer(q)
        if q.intent == "org":
            return await self._org_answer(q)
        if q.intent == "list":
            return await self._list_answer(q)
        return await self._fact_answer(q)

    # candidates and ranking

    async def _candidates(self, q: Query, limit: int = 80) -> dict[int, float]:
        scores: dict[int, float] = {}
        if q.terms:
            # A word also finds the passages that say it in other words ("spectacles" for "glasses");
            # in a large store the synonyms count against the search's budget like the words.
            terms = list(dict.fromkeys(q.terms + [w for t in q.terms for w in q.synonyms.get(t, ())]))
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

    def _stems(self, toks: set[str] | list[str]) -> set[str]:
        """The stems of words, and of the country each country adjective names ("German": Germany)."""
        stems = {stem(w) for w in toks}
        stems.update(stem(self.country_words[w]) for w in toks if w in self.country_words)
        return stems

    def _text_terms(self, text: str) -> tuple[set[str], str]:
        """The stems of a text's words and the text in lower case (remembered)."""
        got = self._text_memo.get(text)
        if got is None:
            got = (self._stems(set(words(text))), text.lower())
            if len(self._text_memo) >= TEXT_MEMO:
                del self._text_memo[next(iter(self._text_memo))]
            self._text_memo[text] = got
        return got

    async def _events_terms(self, events: list[Event]) -> dict[int, tuple[set[str], str]]:
        """For each event, the stems and lower-case text of its headline and text (remembered). The
        words come from the store when it holds them: tokenising long texts was the cost of ranking."""
        memo = self._event_terms
        missing = [e.id for e in events if e.id not in memo]
        stored: dict[int, str] = {}
        if missing and self._has_event_words:
            stored = dict(await self._rows(f"SELECT id, words FROM event_words WHERE id IN ({','.join('?' * len(missing))})",
                                           missing))
        out: dict[int, tuple[set[str], str]] = {}
        for e in events:
            got = memo.get(e.id)
            if got is None:
                text = f"{e.title} {e.text}"
                toks = stored[e.id].split() if e.id in stored else set(words(text))
                got = (self._stems(toks), text.lower())
                if len(memo) >= EVENT_MEMO:
                    del memo[next(iter(memo))]
                memo[e.id] = got
            out[e.id] = got
        return out

    def _coverage(self, terms: list[str], text: str) -> tuple[float, list[str]]:
        if not terms:
            return 0.0, []
        stems, low = self._text_terms(text)
        return self._covered(terms, stems, low)

    def _covered(self, terms: list[str], stems: set[str], low: str) -> tuple[float, list[str]]:
        """The idf-weighted share of the terms a text holds (by stem, or as a long enough substring)."""
        if not terms:
            return 0.0, []
        total = matched = 0.0
        hit: list[str] = []
        for t in terms:
            w = self.vocab.idf(t)
            total += w
            if stem(t) in stems or (len(t) > 5 and t in low) or stem(self.country_words.get(t, t)) in stems:
                matched += w
                hit.append(t)
            elif any(s in stems for s in synonym_stems(t)):
                matched += 0.6 * w  # said in other words: a weaker match than the word itself
                hit.append(t)
        return (matched / total if total else 0.0), hit

    def _filters_ok(self, e: Event, q: Query) -> tuple[bool, float]:
        bonus = 0.0
        if q.places:
            names = {p.name for p in e.places} | {p.country for p in e.places}
            if not any(p.name in names or p.country == p.name and p.name in names for p in q.places):
                low = e.text.lower()
                if not any(s in low for p in q.places for s in self._surfaces_of(p)):
                    return False, 0.0
            bonus += 0.15
        if q.year or q.month:
            start = e.date.start if e.date else self.reports[e.report_id].issue_date
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
            elif q.intent in ("list", "when") or not self._text_has_date(e, q):
                return False, 0.0
            # Otherwise the date is one the text speaks of ("by the end of 2024" in an article dated
            # 2015): a question that asks for a number or a name may be answered by it, with no bonus.
        if q.report_ids and e.report_id in q.report_ids:
            bonus += 0.3
        return True, bonus

    @staticmethod
    def _text_has_date(e: Event, q: Query) -> bool:
        """Whether an event's text names the question's year (and month, when it asks for one)."""
        if q.year and str(q.year) not in e.text:
            return False
        return not q.month or MONTH_NAMES[q.month] in e.text

    def _surfaces_of(self, place: Place) -> list[str]:
        """``gazetteer.surfaces_of(place)`` in lower case (remembered: it scans the whole gazetteer)."""
        got = self._surfaces.get(place)
        if got is None:
            got = self._surfaces[place] = [s.lower() for s in self.gazetteer.surfaces_of(place)]
        return got

    async def _rank(self, q: Query) -> list[_Scored]:
        cands = await self._candidates(q)
        events = await self.events_by_id(list(cands))
        top_bm = max(cands.values(), default=0.0) or 1.0
        ranked: list[_Scored] = []
        passed = [(e, bonus) for e in events for ok, bonus in [self._filters_ok(e, q)] if ok]
        terms = await self._events_terms([e for e, _ in passed]) if q.terms else {}
        # The words saying what the question is about: not those naming its organisation or place filter.
        # A compound whose parts are words of the question ("China-Germany") is said by its parts in a
        # headline ("Chinese and German ...").
        subject = [t for t in q.terms if t not in q.filter_words
                   and not ("-" in t and all(p in q.terms for p in t.split("-")))] or q.terms
        focus = self._stems(q.focus) if q.intent == "how_many" else set()
        for e, bonus in passed:
            cov, _ = self._covered(q.terms, *terms[e.id]) if q.terms else (0.0, [])
            title_cov, _ = self._coverage(subject, e.title)
            if q.person_ids and any(p.person_id in q.person_ids for p in e.people):
                bonus += 0.15
            if q.org_ids and any(o.org_id in q.org_ids for o in e.organizations):
                bonus += 0.1
            if focus and any(focus & self._text_terms(f.text)[0] for f in e.figures):
                bonus += 0.15  # "how many ambassadors": the event reports a number of ambassadors
            elif q.intent == "how_many" and not e.figures:
                bonus -= 0.1  # an event that reports no figure cannot say how many
            score = 0.55 * cov + 0.25 * (cands[e.id] / top_bm) + TITLE_WEIGHT * title_cov + bonus
            ranked.append(_Scored(e, score, cov))
        ranked.sort(key=lambda s: -s.score)
        return ranked

    # composing

    def _best_sentences(self, e: Event, q: Query, n: int = 2) -> list[str]:
        lines = e.text.split("\n")
        if lines and lines[0] == e.title and len(lines) > 1:
            lines = lines[1:]  # the headline is already in the answer's first line
        sentences = [s for line in lines for s in split_sentences(line)]
        if not sentences:
            return []
        picked: list[tuple[int, str, float]] = []
        remaining = list(q.terms)
        for _ in range(n):
            best = self._pick_sentence(sentences, q, remaining, {i for i, _, _ in picked}, e)
            if best is None:
                break
            i, s, hit, cue = best
            # A further sentence must add a word of the question, or hold what the question asks for
            # (the number, the person, the date) at least as well as the first.
            if picked and not hit and not (cue > 0 and cue >= picked[0][2]):
                break
            picked.append((i, s, cue))
            remaining = [t for t in remaining if t not in hit]
        # The fact first: the sentence that holds what the question asks for leads.
        if len(picked) > 1 and picked[1][2] > picked[0][2]:
            picked.reverse()
        if q.intent == "who" and picked and not any(self._names_person(s, e) for _, s, _ in picked):
            # "He was wearing a bulletproof vest": who "he" is, the nearest sentence before that names a person.
            for k, (i, _, _) in enumerate(picked):
                if not _PRONOUN.search(sentences[i]):
                    continue
                before = next((j for j in range(i - 1, max(-1, i - 4), -1) if self._names_person(sentences[j], e)), None)
                if before is not None:
                    picked.insert(k, (before, sentences[before], 0.0))
                break
        return [s for _, s, _ in picked]

    @staticmethod
    def _names_person(sentence: str, e: Event) -> bool:
        """Whether a sentence names one of the event's people (or a name-like "Xu Yonghao", "XuYonghao")."""
        return any(p.name in sentence for p in e.people) or bool(_PERSON_LIKE.search(sentence))

    def _pick_sentence(self, sentences: list[str], q: Query, terms: list[str],
                       skip: set[int], e: Event | None = None) -> tuple[int, str, list[str], float] | None:
        scored = []
        for i, s in enumerate(sentences):
            if i in skip:
                continue
            cov, hit = self._coverage(terms, s)
            cue = self._cue(s, q, e)
            scored.append((cov + cue - i * 0.005, i, s, hit, cue))
        if not scored:
            return None
        _, i, s, hit, cue = max(scored)
        return i, s, hit, cue

    def _cue(self, s: str, q: Query, e: Event | None) -> float:
        """How well a sentence holds the kind of fact the question asks for (a number of the counted
        thing, a person in a role, a date, a place): a bonus on top of its share of the question's words."""
        if q.intent == "when":
            if _DAY_DATE.search(s):
                return 0.2
            return 0.1 if re.search(r"\b(?:19|20)\d{2}\b|" + _MONTH_NAMES, s) else 0.0
        if q.intent == "how_many":
            focus = self._stems(q.focus) if q.focus else set()
            for f in e.figures if e else ():
                if f.text in s and focus & (self._stems(words(f.text)) | {x for w in words(f.text)
                                                                            for x in synonym_stems(w)}):
                    return 0.5  # a figure of the very thing counted
            if re.search(r"\d", _DATES_OUT.sub(" ", s)):
                return 0.25  # a number that is not part of a date
            return 0.0
        if q.intent == "who":
            bonus = 0.0
            focus = {x for w in q.focus for x in (stem(w),) + synonym_stems(w)}
            sent_stems = self._text_terms(s)[0]
            if focus & sent_stems:
                bonus += 0.3  # "who chaired": the sentence that says who presided
            elif _ROLE_VERBS.search(s):
                bonus += 0.12
            if e and any(p.name in s for p in e.people):
                bonus += 0.12
            elif re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", s):
                bonus += 0.05
            return bonus
        if q.intent == "where" and self.gazetteer.find(s):
            return 0.15
        return 0.0

    def _header(self, e: Event) -> str:
        bits = []
        if e.date:
            bits.append(format_span(e.date))
        places = [p for p in e.places if p.country != "China" or p.kind != "country"][:2]
        if places:
            bits.append("; ".join(p.label() for p in places))
        head = " — ".join(bits)
        return f"{head}: {e.title}" if head else e.title

    async def _fact_answer(self, q: Query) -> Answer:
        ranked = await self._rank(q)
        # A question whose place and date both hold for the event may paraphrase the rest more freely.
        threshold = FOUND_THRESHOLD - 0.08 * bool(q.places) - 0.08 * bool(q.year or q.month)
        if not ranked or ranked[0].coverage < threshold or (not q.terms and not q.person_ids and not q.org_ids):
            return await self._not_found(q, ranked)
        # Further pages walk down the ranking while the events still answer the question well.
        good = [s for s in ranked[:MAX_FACT_PAGES] if s.coverage >= threshold]
        if q.page >= len(good):
            return Answer(q.raw, "No more events match this question.", False, q.intent, page=q.page)
        top = good[q.page]
        e = top.event
        lead = split_sentences(e.summary)[:1]
        best = self._best_sentences(e, q)
        body: list[str] = []
        for s in best + [x for x in lead if x not in best]:
            room = 700 - sum(len(x) + 1 for x in body)
            if room >= 120:
                body.append(_clip_around(s, q.terms, min(420, room)))
        if q.intent == "who":
            roles = [f"{o.name} ({o.role})" for o in e.organizations if o.role and o.role != "participant"][:4]
            if roles and sum(len(x) for x in body) < 500:
                body.append("Organisers: " + "; ".join(roles) + ".")
        text = self._header(e) + "\n" + " ".join(body)
        text = _clip(text, SINGLE_CAP - 200)
        text += "\nSource: " + e.source.cite()
        sources = [e.source]
        others = [s for s in ranked[1:3] if s.score >= top.score * 0.92 and s.coverage >= FOUND_THRESHOLD]
        if others and len(text) < 750 and q.page == 0:
            o = others[0].event
            line = f"\nSee also: {o.title}" + (f" ({format_span(o.date)})" if o.date else "")
            text += _clip(line, SINGLE_CAP - len(text) - 5)
            sources.append(o.source)
        hits = tuple(Hit("event", str(s.event.id), s.event.title, s.score) for s in [top] + [x for x in ranked[:5] if x is not top])
        return Answer(q.raw, text, True, q.intent, hits, tuple(sources), self._related(e),
                      page=q.page, has_more=q.page + 1 < len(good))

    def _related(self, e: Event) -> tuple[Hit, ...]:
        orgs = [Hit("org", str(o.org_id), o.name, 1.0) for o in e.organizations[:4]]
        people = [Hit("person", str(p.person_id), p.name, 1.0) for p in e.people[:3]]
        return tuple(orgs + people)

    async def _not_found(self, q: Query, ranked: list[_Scored]) -> Answer:
        suggestions: list[str] = []
        for s in ranked[:3]:
            if s.coverage >= 0.3:
                suggestions.append(s.event.title)
        what = q.subject or q.text
        text = f"The reports I have do not say anything about “{_clip(what, 120)}”."
        if q.places and not ranked:
            text = (f"The reports I have hold nothing about {', '.join(p.name for p in q.places)}"
                    + (f" in {q.year}" if q.year else "") + " that matches this question.")
        if suggestions:
            text += "\nClosest: " + "; ".join(_clip(s, 90) for s in suggestions[:3])
        return Answer(q.raw, text, False, q.intent, tuple(Hit("event", str(s.event.id), s.event.title, s.score)
                                                             for s in ranked[:3]), (), (), tuple(suggestions))

    async def _list_answer(self, q: Query) -> Answer:
        ranked = await self._list_ids(q)
        if not ranked:
            return await self._not_found(q, [])
        first = q.page * LIST_CAP
        if first >= len(ranked):
            return Answer(q.raw, f"That was all: {len(ranked)} events match.", False, "list", page=q.page)
        shown = await self.events_by_id(ranked[first:first + LIST_CAP])
        filters = []
        if q.places:
            filters.append(", ".join(p.name for p in q.places))
        if q.org_ids:
            org = await self.org(q.org_ids[0])
            if org:
                filters.append(org.acronyms[0] if org.acronyms else org.name)
        if q.month:
            filters.append(MONTH_NAMES[q.month] + (f" {q.year}" if q.year else ""))
        elif q.year:
            filters.append(str(q.year))
        lines = [f"{len(ranked)} event{'s' if len(ranked) != 1 else ''}" + (f" ({' · '.join(filters)})" if filters else "")
                 + ", newest first" + (f", from no. {first + 1}:" if first else ":")]
        # Lines are clipped so that a full page always fits the cap: "More" starts the next page at
        # item LIST_CAP + 1, so a page cut short by the cap would skip items.
        room = (LIST_CHARS - 300 - len(lines[0])) // LIST_CAP
        for e in shown:
            date = format_span(e.date) if e.date else "undated"
            places = _clip(", ".join(p.name for p in e.places[:2]), 60)
            tail = f" [{places}]" if places else ""
            line = f"• {date} — {_clip(e.title, max(40, min(170, room - len(date) - len(tail) - 5)))}{tail}"
            lines.append(line)
        listed = len(lines) - 1
        shown = shown[:listed]
        more = len(ranked) - first - listed
        if more > 0:
            lines.append(f"…and {more} more.")
        reports = list(dict.fromkeys(e.report_id for e in shown))
        sources = [next(e.source for e in shown if e.report_id == rid) for rid in reports]
        lines.append("Sources: " + "; ".join(s.cite() for s in sources))
        hits = tuple(Hit("event", str(e.id), e.title, 1.0) for e in shown)
        return Answer(q.raw, "\n".join(lines), True, "list", hits, tuple(sources), page=q.page, has_more=more > 0)

    async def _list_ids(self, q: Query) -> list[int]:
        """The ids of the events a list question's filters select, newest first (at most 500)."""
        clauses, params = [], []
        if q.places:
            ph = []
            for p in q.places:
                if p.kind == "country":
                    ph.append("(country = ?)")
                else:
                    ph.append("(place = ?)")
                params.append(p.name)
            clauses.append(f"id IN (SELECT event_id FROM event_places WHERE {' OR '.join(ph)})")
        for oid in q.org_ids[:1]:
            clauses.append("id IN (SELECT event_id FROM event_orgs WHERE org_id = ?)")
            params.append(oid)
        for pid in q.person_ids[:1]:
            clauses.append("id IN (SELECT event_id FROM event_people WHERE person_id = ?)")
            params.append(pid)
        if q.year:
            # "sort_date < next year" says the same as the first test, in a form the date index can use.
            clauses.append("substr(sort_date, 1, 4) <= ? AND sort_date < ? "
                           "AND substr(coalesce(date_end, sort_date), 1, 4) >= ?")
            params += [str(q.year), str(q.year + 1), str(q.year)]
        if q.month:
            clauses.append("(date_start IS NOT NULL AND (substr(date_start, 6, 2) = ? OR substr(date_end, 6, 2) = ?))")
            params += [f"{q.month:02d}", f"{q.month:02d}"]
        if not clauses:
            return []
        rows = await self._rows(f"SELECT id, date_start FROM {self._dates_table} WHERE {' AND '.join(clauses)} "
                                "ORDER BY sort_date DESC, id DESC LIMIT 500", params)
        # An undated event has no date_start; it is listed only when a place, organisation or person asks for it.
        return [i for i, start in rows if start is not None or q.places or q.org_ids or q.person_ids]

    async def list_events(self, filters: str, page: int = 0) -> Answer:
        """Events matching filters written as text ("Cambodia 2025", "CNIE March 2025"), newest first."""
        q = parse(clean_question(filters), self.vocab, self.names, self.gazetteer, self._titles)
        q.raw = filters
        q.intent = "list"
        q.page = max(0, page)
        return await self._list_answer(q)

    async def _org_answer(self, q: Query) -> Answer:
        orgs = [o for o in [await self.org(i) for i in q.org_ids[:3]] if o]
        if not orgs:
            return await self._not_found(q, [])
        parts, sources, related = [], [], []
        if len(orgs) > 1:
            acr = next((a for a in orgs[0].acronyms if all(a in o.acronyms for o in orgs)), None)
            if acr:
                parts.append(f"{acr} is printed for {len(orgs)} organisations:")
        budget = (SINGLE_CAP - 60) // len(orgs)
        for o in orgs:
            text, srcs = await self._org_text(o, budget)
            parts.append(text)
            sources += srcs
            related.append(Hit("org", str(o.id), o.name, 1.0))
        return Answer(q.raw, "\n\n".join(parts), True, "org", tuple(related), tuple(dict.fromkeys(sources)), tuple(related))

    async def org_profile(self, name: str) -> Answer:
        """The profile of the organisation a name or acronym stands for."""
        q = parse(clean_question(name), self.vocab, self.names, self.gazetteer, self._titles)
        q.raw, q.intent, q.subject = name, "org", name
        if not q.org_ids:
            return await self._not_found(q, [])
        return await self._org_answer(q)

    async def _org_text(self, o: Organisation, budget: int) -> tuple[str, list[Source]]:
        head = o.name + (f" ({', '.join(o.acronyms)})" if o.acronyms else "")
        facts = [o.kind] + ([o.country] if o.country else [])
        lines = [f"{head} — {', '.join(facts)}."]
        if o.name_zh:
            lines[0] += f" Chinese name: {o.name_zh}."
        sources: list[Source] = []
        if o.description:
            lines.append(_clip(o.description, 260))
            if o.description_source:
                sources.append(o.description_source)
        if o.people:
            lines.append("People: " + "; ".join(f"{n} ({_clip(t, 80)})" for _, n, t in o.people[:3]) + ".")
        events = await self.events_by_id(list(o.event_ids[-4:][::-1]))
        if events:
            lines.append(f"Events ({len(o.event_ids)}), newest first:")
            for e in events:
                lines.append(f"• {format_span(e.date) if e.date else 'undated'} — {_clip(e.title, 110)}")
                sources.append(e.source)
        if o.aliases:
            lines.append("Also printed as: " + "; ".join(_clip(a, 60) for a in o.aliases[:3]) + ".")
        reports = list(dict.fromkeys(s.report_id for s in sources))
        srcs = [next(s for s in sources if s.report_id == r) for r in reports]
        lines.append("Sources: " + "; ".join(s.cite() for s in srcs))
        return _clip_lines(lines, budget), srcs

    async def _person_answer(self, q: Query) -> Answer:
        if not q.person_ids:
            if q.org_ids:
                return await self._org_answer(q)
            return await self._not_found(q, [])
        p = await self.person(q.person_ids[0])
        if p is None:
            return await self._not_found(q, [])
        return await self._person_text(p, q.raw)

    async def person_profile(self, name: str) -> Answer:
        """The profile of the person a (possibly misspelt) name stands for."""
        matches = self.names.match_people(clean_question(name), cutoff=80)
        q = Query(raw=name, text=name, intent="person", terms=[], subject=name,
                  person_ids=[pid for pid, _, _ in sorted(matches, key=lambda m: -m[1])])
        return await self._person_answer(q)

    async def _person_text(self, p: Person, question: str) -> Answer:
        lines = [p.name]
        seen: set[str] = set()
        sources: list[Source] = []
        for t in p.titles:
            key = t.title.lower()
            if key in seen:
                continue
            seen.add(key)
            lines.append(f"• {_clip(t.title, 160)} — {t.source.cite()}" + (f", {t.date[:7]}" if t.date else ""))
            sources.append(t.source)
            if len(seen) >= 4:
                break
        events = await self.events_by_id(list(p.event_ids[-3:][::-1]))
        if events:
            lines.append("Events:")
            for e in events:
                lines.append(f"• {format_span(e.date) if e.date else 'undated'} — {_clip(e.title, 110)}")
                sources.append(e.source)
        if not p.titles and not events:
            return Answer(question, f"I know the name {p.name} from the reports but nothing more.", False, "person")
        reports = list(dict.fromkeys(s.report_id for s in sources))
        srcs = [next(s for s in sources if s.report_id == r) for r in reports]
        lines.append("Sources: " + "; ".join(s.cite() for s in srcs))
        related = (Hit("person", str(p.id), p.name, 1.0),)
        return Answer(question, _clip_lines(lines, SINGLE_CAP), True, "person", related, tuple(srcs), related)

    async def report_summary(self, report_id: str, question: str = "") -> Answer:
        """A report in brief: title, date, publisher, motto, and its key events by section."""
        r = self.reports.get(report_id)
        if r is None:
            return Answer(question, "I do not know that report.", False, "report")
        rows = await self._rows("SELECT data FROM events WHERE report_id = ? ORDER BY id", (report_id,))
        events = [event_from_json(d) for (d,) in rows]
        lines = [f"{r.title} — {r.publisher}" + (f", {r.issue_date}" if r.issue_date else "") + "."]
        if r.tagline:
            lines.append(f"Motto: {r.tagline}.")
        lines.append(f"{len(events)} items.")
        by_section: dict[str, list[Event]] = {}
        dated = [e for e in events if e.date is not None] or events
        for e in dated:
            key = e.source.section or ""
            if e.source.section and e.source.section in {x.title for x in events}:
                key = next(x.source.section or "" for x in events if x.title == e.source.section) or e.source.section
            by_section.setdefault(key, []).append(e)
        per = 1 if len(by_section) > 4 else 3
        if len(by_section) == 1 and len(dated) > per:
            # No sections: a spread over the months the issue covers, each month's most-involved item
            # (the one naming the most organisations), rather than the first items in print order.
            by_month: dict[str, list[Event]] = {}
            for e in dated:
                by_month.setdefault(e.date.start[:7] if e.date else "", []).append(e)
            picks = [max(evs, key=lambda e: len(e.organizations)) for _, evs in sorted(by_month.items())]
            for e in picks[:6]:
                lines.append(f"• {_clip(e.title, 110)}" + (f" ({format_span(e.date)})" if e.date else ""))
            by_section = {}
        for section, evs in list(by_section.items())[:8]:
            items = "; ".join(_clip(e.title, 90) + (f" ({format_span(e.date)})" if e.date else "") for e in evs[:per])
            lines.append(f"• {_clip(section, 80) + ': ' if section else ''}{items}")
        src = Source(r.id, r.title, r.issue_date)
        lines.append("Source: " + src.cite())
        return Answer(question, _clip_lines(lines, SINGLE_CAP - 20), True, "report",
                      (Hit("report", r.id, r.title, 1.0),), (src,))

    async def latest(self) -> Answer:
        """The newest report in brief."""
        newest = max(self.reports.values(), key=lambda r: r.issue_date or "")
        return await self.report_summary(newest.id, "latest")

    # --- by id (buttons and inline results hold ids, not names) --------------------------------

    async def org_answer(self, org_id: int) -> Answer:
        """The profile of one organisation, by id."""
        o = await self.org(org_id)
        if o is None:
            return Answer("", "I no longer know that organisation.", False, "org")
        text, sources = await self._org_text(o, SINGLE_CAP)
        related = (Hit("org", str(o.id), o.name, 1.0),)
        return Answer(o.name, text, True, "org", related, tuple(sources), related)

    async def person_answer(self, person_id: int) -> Answer:
        """The profile of one person, by id."""
        p = await self.person(person_id)
        if p is None:
            return Answer("", "I no longer know that person.", False, "person")
        return await self._person_text(p, p.name)

    async def counts(self) -> dict[str, int]:
        """How many reports, events, organisations and people the store holds."""
        out = {"reports": len(self.reports)}
        for table in ("events", "orgs", "people"):
            out[table] = (await self._rows(f"SELECT count(*) FROM {table}"))[0][0]  # table names are fixed here
        return out

    def understand(self, text: str) -> Query:
        """What a question or a filter names: intent, places, organisations, people, dates, words."""
        q = parse(clean_question(text), self.vocab, self.names, self.gazetteer, self._titles)
        q.raw = text
        return q

    async def report_events(self, report_id: str) -> list[Event]:
        """The events of one report, in the order the report prints them."""
        rows = await self._rows("SELECT data FROM events WHERE report_id = ? ORDER BY id", (report_id,))
        return [event_from_json(d) for (d,) in rows]

    async def reports_answer(self) -> Answer:
        """The corpus: every report with its publisher, issue date and the months its events cover."""
        reports = sorted(self.reports.values(), key=lambda r: r.issue_date or "", reverse=True)
        lines = [f"{len(reports)} report{'s' if len(reports) != 1 else ''}, newest first:"]
        for r in reports:
            covers = ""
            if r.covers_start:
                covers = f"; events {r.covers_start}" + (f" to {r.covers_end}" if r.covers_end and r.covers_end != r.covers_start else "")
            lines.append(f"• {r.title} — {r.publisher}, {r.issue_date or 'undated'}{covers}")
        hits = tuple(Hit("report", r.id, r.title, 1.0) for r in reports)
        return Answer("reports", _clip_lines(lines, LIST_CHARS), True, "reports", hits,
                      tuple(Source(r.id, r.title, r.issue_date) for r in reports))

    async def event_answer(self, event_id: int) -> Answer:
        """One event in brief: when, where, what, its lead sentences and its source."""
        found = await self.events_by_id([event_id])
        if not found:
            return Answer("", "I no longer know that event.", False, "event")
        e = found[0]
        text = self._header(e) + "\n" + _clip(e.summary, SINGLE_CAP - 300) + "\nSource: " + e.source.cite()
        return Answer(e.title, text, True, "event", (Hit("event", str(e.id), e.title, 1.0),), (e.source,),
                      self._related(e))


_MONTH_NAMES = r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_DAY_DATE = re.compile(_MONTH_NAMES + r"\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_NAMES)
# Dates and years, cut out of a sentence before looking for the number a "how many" asks for.
_DATES_OUT = re.compile(r"(?:" + _MONTH_NAMES + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?"
                        r"|\b\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\s+" + _MONTH_NAMES + r")(?:,?\s+(?:19|20)\d{2})?"
                        r"|\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b|\b\d{1,2} o'clock\b")
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|his)\b", re.I)
_PERSON_LIKE = re.compile(r"\b[A-Z][a-z]+[A-Z][a-z]+\b|\b(?:Mr|Ms|Mrs|Dr|Prof)\.? [A-Z][a-z]+")
_ROLE_VERBS = re.compile(r"\b(?:presid\w*|chair\w*|(?:co-)?host\w*|(?:co-)?organi[sz]\w*|led|lead\w*|head\w*|"
                         r"deliver\w*|sponsor\w*|launch\w*|initiat\w*|moderat\w*|convene\w*|staged)\b", re.I)


def _clip_around(sentence: str, terms: list[str], limit: int) -> str:
    """A long sentence cut to ``limit`` characters, keeping the part where the question's words are."""
    if len(sentence) <= limit:
        return sentence
    low = sentence.lower()
    positions = sorted(p for p in (low.find(t[:6]) for t in terms) if p >= 0)
    start = 0
    if positions and positions[-1] > limit - 40:
        start = max(0, positions[len(positions) // 2] - limit // 2)
        start = sentence.rfind(" ", 0, start) + 1 if start else 0
    # Clipping the rest of the sentence (not a slice of exactly ``limit``) ends it at a word, with "…".
    return ("…" if start else "") + _clip(sentence[start:], limit)


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 1)].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _clip_lines(lines: list[str], limit: int) -> str:
    out: list[str] = []
    total = 0
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        if total + len(line) + 1 > limit - (0 if last else 120) and not last:
            continue
        out.append(line)
        total += len(line) + 1
    return _clip("\n".join(out), limit)
