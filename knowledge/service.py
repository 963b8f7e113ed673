"""The answering machine: a question in, an Answer out (fact first, then its source)."""
from __future__ import annotations

import asyncio
import json
import logging
import re
from array import array
from pathlib import Path

import aiosqlite
import numpy as np

from knowledge import compose
from knowledge.dates import MONTH_NAMES
from knowledge.extract import split_sentences
from knowledge.compose import LIST_CAP, LIST_CHARS, SINGLE_CAP, clip_around  # noqa: F401  (the façade's API)
from knowledge.decide import UNDER, decide, doubtful, phrases_to_embed, strange_words, without_topic
from knowledge.evidence import best_sentences
from knowledge.embed import default_embedder
from knowledge.extract_zh import CJK, is_chinese_event
from knowledge.gazetteer import Gazetteer, default_gazetteer
from knowledge.lexicon import Lexicon
from knowledge.thesaurus import broader
from knowledge.translate import chinese_reading, prepare as prepare_languages, romanised_name, written_in_chinese, zh_words
from knowledge.names import whole_name
from knowledge.org_lookup import lookup_orgs
from knowledge.query import (HEAD, HEAD_POSTS, OUTLET_ASK, PUBLISHED_ASK, WRITER_ASK, Intent, NameIndex, Query, ReportTitles, Vocabulary,
                             asks_about_report, clean_question, story_asked, STOPWORDS, foreign_to_report, lead_words,
                             list_topic, parse, spelled_out, stem)
from knowledge.rank import Scored, rank
from knowledge.records import MASTHEAD, Answer, Event, Organisation, Person, Report, Source
from knowledge.retrieve import (ChineseRetriever, FilterRetriever, FullTextRetriever, NameRetriever, Retriever, SemanticRetriever,
                                fts_query, gather)  # noqa: F401
from knowledge.store import (event_from_json, open_store, org_from_json, person_from_json, report_from_json,
                             words)

log = logging.getLogger(__name__)

# Between questions the answerer keeps decoded events and the word stems of texts it has scored:
# the same events come back question after question, and decoding and stemming them was most of
# the cost of an answer. Bounded so that a store of any size fits in memory.
EVENT_MEMO = 8192


async def build_store(reports_dir: Path, db_path: Path) -> list[str]:
    """Build the knowledge store from a reports folder; returns the warnings of the build."""
    # Incremental: only new and changed reports are extracted (the build cache beside the store).
    from knowledge.rebuild import update_store  # here: answering needs none of the readers (pypdf ...)

    return list((await update_store(reports_dir, db_path)).warnings)


# A title word the text of more than this share of the events uses ("china", "exchange", "news")
# names no report by itself.
COMMON_TITLE_WORD = 0.25
# The share of a role question's words (besides the post) a person's title must hold to answer it.
ROLE_TITLE_COVERAGE = 0.8
# The best candidates a shortened name of a question is looked for in, spelled out ("ICRC").
SPELLED_EVENTS = 10
# A list's event is about what was asked when it holds this idf-weighted share of its words: the
# rare word of "the BRICS forum" alone, not "forum" alone.
TOPIC_SHARE = 0.5

def names_in_english(e: Event, names: NameIndex) -> str:
    """The English names of what was extracted from a story written in Chinese: its organisations (with
    their acronyms) and places. An English question names them so ("CNIE" for 中国民间组织国际交流促进会),
    and the story holds them as surely as the words it prints."""
    return " ".join([*(n for o in e.organizations for n in names.english_names.get(o.org_id, ())),
                     *(p.label() for p in e.places)])


# Events asked for in the plural ("hold events", "its activities"): several answer, not one.
_EVENTS_ASKED = re.compile(r"(?i)\b(?:events|activities)\b")
# Verbs that say only that an event took place: "where did X hold events" asks where X's events were.
# (their stems: "held", "hosted", "organised" are read by them)
_EVENT_DEEDS = frozenset(stem(w) for w in ("hold", "host", "organise", "organize", "stage", "run", "take", "place"))
# Words that ask for countries, or for the cities in them ("which nations did they tour", "what towns").
_COUNTRY_STEMS = frozenset(stem(w) for w in ("country", "nation"))
_CITY_STEMS = frozenset(stem(w) for w in ("city", "town"))


def _places_named(events: list[Event], asked: set[str]) -> tuple[str, ...]:
    """The places where events happened, each once, in the order the events come: asked for
    countries, the country of each (a city's too); asked for cities, the cities, where they name any."""
    out: dict[str, None] = {}
    for e in events:
        for p in e.places:
            if asked & _COUNTRY_STEMS:
                out[p.country or p.name] = None
            elif not (asked & _CITY_STEMS) or p.kind == "city":
                out[p.name] = None
    return tuple(out)


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
        self._event_terms: dict[int, tuple[set[str], str]] = {}
        self._has_event_words = False
        self.lexicon = Lexicon(self.vocab, gazetteer)
        self.retrievers: list[Retriever] = []
        self.filters = FilterRetriever(self._rows, "events")
        self.semantic: SemanticRetriever | None = None
        # The passages written in Chinese, and how many of them print each word (counted on first use).
        self._zh_passages: list[str] = []
        self._zh_words: dict[str, int] | None = None

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
        try:
            await kb._load()
        except BaseException:
            await db.close()  # an open connection's thread would keep the process alive
            raise
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
        common = {st for st, count in self.vocab.stems.items() if count > COMMON_TITLE_WORD * self.vocab.n_docs}
        self._titles = ReportTitles(self.report_titles, {r.id: r.publisher for r in self.reports.values()},
                                    common=lambda w: stem(w) in common)
        passages = (await self._rows("SELECT max(id) FROM passages"))[0][0] or 0
        # Which event each passage belongs to, in memory: the full-text search then needs no join.
        passage_event = array("q", bytes(8 * (passages + 1)))
        for pid, eid in await self._rows("SELECT id, event_id FROM passages"):
            passage_event[pid] = eid
        tables = {name for (name,) in await self._rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
        dates_table = "event_dates" if "event_dates" in tables else "events"  # stores built before it: events
        self._has_event_words = "event_words" in tables
        self.lexicon = Lexicon(self.vocab, self.gazetteer)
        self.retrievers = [FullTextRetriever(self._rows, passage_event, passages), NameRetriever(self._rows)]
        self.filters = FilterRetriever(self._rows, dates_table)
        # Passages written in Chinese (GLOB: any character of the CJK block), for questions in Chinese.
        chinese = await self._rows("SELECT id, event_id, text FROM passages WHERE text GLOB ?", ("*[一-鿿]*",))
        if chinese:
            self.retrievers.append(ChineseRetriever([(int(e), str(t)) for _, e, t in chinese]))
        # (of those, the ones written in Chinese: an English question is compared with them in Chinese too)
        written = [(int(pid), str(t)) for pid, _, t in chinese if written_in_chinese(str(t))]
        self._zh_passages = [t for _, t in written]
        self._zh_words = None
        self.semantic = await self._semantic("passage_vectors" in tables, {pid for pid, _ in written})
        self.lexicon.embed_phrases = self.semantic.embedder.passages if self.semantic else None
        if self.semantic is not None:
            self.retrievers.append(self.semantic)

    async def _semantic(self, has_vectors: bool, chinese: set[int]) -> SemanticRetriever | None:
        """The semantic retriever over the store's passage vectors, when the store has them (made by
        the model that can load here); otherwise None, and answers are lexical. ``chinese``: the ids
        of the passages written in Chinese."""
        if not has_vectors:
            return None
        meta = dict(await self._rows("SELECT key, value FROM meta WHERE key = 'embed_model'"))
        embedder = default_embedder()
        if embedder is None or meta.get("embed_model") != embedder.model_id:
            if embedder is not None:
                log.warning("the store's vectors come from %s, not %s: semantic retrieval is off until a rebuild",
                            meta.get("embed_model"), embedder.model_id)
            return None
        rows = await self._rows("SELECT v.id, p.event_id, v.vec FROM passage_vectors v JOIN passages p ON p.id = v.id")
        if not rows:
            return None
        vectors = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float16).reshape(len(rows), -1).astype(np.float32)
        return SemanticRetriever(embedder, vectors, np.array([r[1] for r in rows], dtype=np.int64),
                                 np.array([r[0] for r in rows], dtype=np.int64),
                                 np.array([r[0] in chinese for r in rows], dtype=bool))

    async def warm(self, limit: int = EVENT_MEMO) -> int:
        """Read the newest events (every event of a store this small) and their words into memory,
        so that the first questions are answered as fast as later ones; returns how many. For a
        long-running process (the bot), after opening; a one-shot command need not."""
        ids = [i for (i,) in await self._rows("SELECT id FROM events ORDER BY id DESC LIMIT ?", (limit,))][::-1]
        for start in range(0, len(ids), 500):
            await self._events_terms(await self.events_by_id(ids[start:start + 500]))
        # The Chinese dictionary and English word list load on first use (about 2 s): load them now,
        # off the event loop, so that the first question in Chinese is not the slow one.
        await asyncio.to_thread(prepare_languages)
        await asyncio.to_thread(broader, "prepare")  # the thesaurus (about 0.2 s)
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
                if is_chinese_event(e):
                    named = names_in_english(e, self.names)
                    toks = [*toks, *words(named)]
                    text = f"{text} {named}"
                got = (self.lexicon.stems(toks), text.lower())
                if len(memo) >= EVENT_MEMO:
                    del memo[next(iter(memo))]
                memo[e.id] = got
            out[e.id] = got
        return out

    # --- answering: understand -> retrieve -> rank -> decide -> evidence -> compose ---------------

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
        named = whole_name(text, self.names) if page == 0 else None
        profile = await self._profile_of(question, *named) if named is not None else None
        if profile is not None:  # a name, or "what/who is NAME": the profile, however else it reads
            return profile
        q = parse(text, self.vocab, self.names, self.gazetteer, self._titles)
        q = q.but(raw=question, page=page)
        if q.intent == "report" and q.catalog in ("topic", "section"):
            return await self._which_reports(q)
        if q.intent == "report" and q.catalog:
            return await self._catalog_answer(q)
        if q.intent == "report" and q.report_ids and self._year_fits(q) and not foreign_to_report(q):
            # (a story described, "which website carried the news of X": the report that tells it, which
            # words of the question may have taken for another's title)
            if page == 0 and (card := await self._story_card(text, question)) is not None:
                return card
            return await self.report_summary(await self._report_about(q), question)
        if q.intent == "person":
            return await self._person_answer(q)
        if q.intent == "org":
            return await self._org_answer(q)
        if q.intent == "list":
            # ("what is the source of the report about X" reads as what a report says about X)
            if page == 0 and (card := await self._story_card(text, question)) is not None:
                return card
            return await self._list_answer(q, mentions=True)
        if q.role and q.org_ids and page == 0 and not (q.places or q.year or q.month):
            # A post at an organisation named ("who is the president of CAFIU", "who runs CFPD"): its
            # people's titles say who holds it, before any event that merely names the post.
            holder = await (self._org_head(q) if q.role == HEAD or q.language == "zh" else self._role_holder(q))
            if holder is not None:
                return holder
        if q.intent == Intent.WHERE and q.many and page == 0:
            # "which countries did CAFIU visit in 2024": the places of every event that answers, not
            # of the best one alone
            several = await self._places_of_several(q)
            if several is not None:
                return several
        answer = await self._fact_answer(q)
        if page == 0 and (card := await self._story_card(text, question, answer)) is not None:
            return card
        if not answer.found and page == 0 and q.intent == "who" and q.role and q.role != HEAD:
            # "who is the director of X's liaison department": the person whose title says so
            holder = await self._role_holder(q)
            if holder is not None:
                return holder
        if page == 0 and (not answer.found or _EVENTS_ASKED.search(q.raw)) and await self._several_asked(q):
            # "where did CFPD hold events in Cambodia in 2025": no one event answers (or one does, of
            # the events asked for in the plural), and the question asks nothing of them but where
            # (or when) they were: the events its filters select, each with its place and date.
            return await self._list_answer(q.but(intent=Intent.LIST), mentions=True)
        if not answer.found and page == 0 and self._about_report(q):
            # A report named and no event of it answers: the question is about the report itself
            # ("who puts out International Understanding", "what does the briefing cover").
            return await self.report_summary(await self._report_about(q), question)
        return answer

    async def _story_card(self, text: str, question: str, answer: Answer | None = None) -> Answer | None:
        """For a question that asks who put out or wrote a story, or when it came out ("which
        newspaper reported the conference", "who wrote the article about X", "when was the page
        about X published"): the card of the report that tells the story (asked without the words
        that ask, which no event prints), with its printed source, byline and date; None when the
        question asks none of these, or no report tells the story with what is asked."""
        outlet, writer, dated = OUTLET_ASK.search(question), WRITER_ASK.search(question), PUBLISHED_ASK.search(question)
        if not (outlet or writer or dated):
            return None
        story = answer if answer is not None and answer.found else await self._fact_answer(
            self.understand(story_asked(text)).but(intent=Intent.WHAT))
        if story.found and story.sources and (r := self.reports.get(story.sources[0].report_id)) is not None \
                and ((r.publisher or r.url) if outlet else r.author if writer else r.issue_date):
            # (a page that prints no outlet is the website's its address names)
            return await self.report_summary(r.id, question)
        return None

    async def _report_about(self, q: Query) -> str:
        """Of the reports a question names, the one it asks about: where several issues of a series
        are named and the question says what about ("which issue covers the pandemic"), the issue
        whose events say it best; else the last named."""
        if len(q.report_ids) > 1 and q.topic and q.terms:
            ranked = await self._rank(q)
            if ranked and ranked[0].coverage > 0:
                return ranked[0].event.report_id
        return q.report_ids[-1]

    async def _org_head(self, q: Query) -> Answer | None:
        """The profile of whoever heads the organisation named: a person of its profile whose title
        (or one part of it) is a head's post and nothing else besides the organisation's name ("CAFIU
        President", "Chairman of Beijing Peaceland Foundation"; not "Vice-President", nor "Director of
        CFPD Cambodia Office"), the highest post first. A post asked by name takes that post; a top
        post (a president's, a chair's: the words for them cross languages loosely, "理事长" is glossed
        "director general" and printed "Chairman") takes any top post when none holds it."""
        best: tuple[int, int] | None = None
        top = q.role in HEAD_POSTS and HEAD_POSTS.index(q.role) <= HEAD_POSTS.index("director general")
        for oid in q.org_ids[:1]:
            org = await self.org(oid)
            if org is None:
                continue
            names = sorted((n.lower() for n in (org.name, *org.acronyms, *org.aliases) if n), key=len, reverse=True)
            for pid, _, title in org.people:
                low = title.lower()
                for n in names:  # the organisation's name out first: "Peace and Development" is one name
                    low = re.sub(r"(?<!\w)" + re.escape(n) + r"(?!\w)", " ", low)
                for part in re.split(r",|;|\band\b", low):
                    post = " ".join(w for w in words(part) if w not in ("of", "the", "s"))
                    if post not in HEAD_POSTS or q.role not in (HEAD, post) and not (
                            top and HEAD_POSTS.index(post) <= HEAD_POSTS.index("director general")):
                        continue
                    # the very post asked before any other
                    rank = HEAD_POSTS.index(post) - (len(HEAD_POSTS) if post == q.role else 0)
                    if best is None or rank < best[0]:
                        best = (rank, pid)
        if best is None:
            return None
        return await self._person_answer(q.but(person_ids=(best[1],), intent=Intent.PERSON))

    async def _role_holder(self, q: Query) -> Answer | None:
        """The profile of the person whose title is the post a question asks about: the post's word
        and the question's other words (the organisation, the department) all in one title."""
        others = [t for t in q.terms if stem(t) != stem(q.role)]
        if not others or any(t not in q.filter_words for t in q.unknown_terms):
            return None  # (a word the reports never print: "the China-Mexico Friendship Association")
        rows = await self._rows("SELECT id, data FROM people WHERE data LIKE ? LIMIT 2000", (f"%{q.role}%",))
        best: tuple[float, int] | None = None
        for pid, data in rows:
            for t in json.loads(data).get("titles", []):
                title = t.get("title") or ""
                if q.org_ids and t.get("org_id") not in q.org_ids and t.get("org_id") is not None:
                    continue  # a post at another organisation than the one named
                if any(p.name.lower() not in title.lower() for p in q.places):
                    continue  # "of the China-Mexico Friendship Association": a title that never names Mexico
                if stem(q.role) not in self.lexicon.text_terms(title)[0]:
                    continue
                if UNDER.search(title) and not UNDER.search(q.text):
                    continue  # "Deputy Secretary-General" does not hold the post "secretary-general" asks for
                cov, _ = self.lexicon.coverage(others, title)
                if cov >= ROLE_TITLE_COVERAGE and (best is None or cov > best[0]):
                    best = (cov, pid)
        if best is None:
            return None
        return await self._person_answer(q.but(person_ids=(best[1],), intent=Intent.PERSON))

    def _about_report(self, q: Query) -> bool:
        """Whether a question that names a report, and that no event of it answers, asks about the
        report itself: what it asks is what the report's card holds (its maker, date, contents), nobody
        and no organisation is named, no place or month narrows it, no year contradicts it, and no word
        is foreign to the reports ("who is the president of the SIRONET news" is not answered so)."""
        if (not q.report_ids or len(q.topic) > 2 or q.narrowed or q.person_ids or q.org_ids or foreign_to_report(q)
                or not asks_about_report(q)):
            return False
        return self._year_fits(q)

    def _year_fits(self, q: Query) -> bool:
        """Whether the year a question names (if any) is the year of a report it names."""
        return not q.year or any(_of_year(r, q.year) for r in (self.reports.get(i) for i in q.report_ids) if r)

    async def _rank(self, q: Query) -> list[Scored]:
        found = await gather(self.retrievers, q)
        fts = {eid: by.get("fts", 0.0) for eid, by in found.items()}
        events = await self.events_by_id(list(found))
        terms = await self._events_terms(events) if q.terms else {}
        issue_dates = {rid: r.issue_date for rid, r in self.reports.items()}
        semantic = await self.semantic.event_similarity(q) if self.semantic else {}
        return rank(q, events, fts, terms, self.lexicon, issue_dates, semantic)

    def _spread(self, q: Query) -> tuple[float, float]:
        return self.semantic.spread.get(q.raw, (0.0, 0.0)) if self.semantic else (0.0, 0.0)

    async def ranked(self, question: str) -> tuple[Query, list[Scored]]:
        """A question understood and its candidate events ranked (for calibration and diagnosis)."""
        return await self._rank_fact(self.understand(question))

    def _chinese_reading(self, q: Query) -> str:
        """An English question's content words put in Chinese, and the places it names by their
        Chinese names (not their words, which the dictionary reads as other things: "Guangxi" is
        the gloss of a county's name)."""
        places = [next((s for s in self.gazetteer.surfaces_of(p) if not s.isascii()), "") for p in q.places]
        return chinese_reading([t for t in q.terms if t not in q.filter_words], [p for p in places if p],
                               self._zh_printed)

    def _zh_printed(self, word: str) -> int:
        """How many of the store's passages written in Chinese print a word (their words counted on
        first use)."""
        if self._zh_words is None:
            counts: dict[str, int] = {}
            for text in self._zh_passages:
                for w in zh_words(text):
                    counts[w] = counts.get(w, 0) + 1
            self._zh_words = counts
        return self._zh_words.get(word, 0)

    async def _rank_fact(self, q: Query) -> tuple[Query, list[Scored]]:
        """The candidates of a fact question; a shortened name the best of them spell out ("ICRC")
        is then read as its words, and the candidates ranked again."""
        if self.semantic is not None and self.semantic.has_chinese and q.language != "zh" and not q.zh_reading:
            q = q.but(zh_reading=self._chinese_reading(q))
        ranked = await self._rank(q)
        if q.unknown_terms and ranked:
            named = spelled_out(q, [f"{s.event.title}\n{s.event.text}" for s in ranked[:SPELLED_EVENTS]], self.vocab)
            if named is not q:
                return named, await self._rank(named)
        return q, ranked

    async def _fact_answer(self, q: Query) -> Answer:
        q, ranked = await self._rank_fact(q)
        phrases = phrases_to_embed(q, ranked)
        if phrases and self.lexicon.embed_phrases is not None:
            # What the events' numbers count, embedded beside the thing asked (in a thread, as the
            # question is): the decision and the evidence compare them by meaning.
            await asyncio.to_thread(self.lexicon.phrase_similarity, phrases[0], phrases[1:])
        decision = decide(q, ranked, self.lexicon, self._spread(q), await self._untopical(q, ranked))
        if not decision.found:
            return compose.not_found(q, ranked)
        near = ""
        if self.semantic and q.page < len(decision.answering):
            pid = self.semantic.closest_passage(q, decision.answering[q.page].event.id)
            rows = await self._rows("SELECT text FROM passages WHERE id = ?", (pid,)) if pid is not None else []
            near = rows[0][0] if rows else ""
        return compose.fact_answer(q, decision, ranked, self.lexicon, near)

    async def _untopical(self, q: Query, ranked: list[Scored]) -> dict[int, float]:
        """For the events that would answer but may not hold the question's topic, the similarity of
        the question without its topic words (one more embedding, in a thread; none when no such
        event is in doubt)."""
        if not self.semantic:
            return {}
        ids = doubtful(q, ranked, self.lexicon, self._spread(q))
        return await asyncio.to_thread(self.semantic.similarity_of, without_topic(q), ids) if ids else {}

    async def _several_asked(self, q: Query) -> bool:
        """Whether a "where" or "when" question asks it of the events its filters select, several of
        them, and of nothing else: an organisation, person or place names them, and its other words
        only ask for events ("hold events", "activities")."""
        if q.intent not in (Intent.WHERE, Intent.WHEN) or not (q.org_ids or q.person_ids or q.places) or q.asks:
            return False
        if [t for t in list_topic(q) if t not in q.focus and stem(t) not in _EVENT_DEEDS]:
            return False
        return len(await self.filters.ids(q.but(intent=Intent.LIST), mentions=True)) >= 2

    async def _places_of_several(self, q: Query) -> Answer | None:
        """The events a "which places" question's filters select that hold what it asks besides the
        places (its other words), with the places they name gathered first; None unless it has a
        filter (the filter retriever selects nothing without one) and two or more such events name a
        place."""
        asked = {stem(f) for f in q.focus}
        topic = [t for t in list_topic(q) if stem(t) not in asked]
        if any(t in q.unknown_terms for t in topic):
            return None  # a word the reports never print: the fact path says what is not there
        events = await self.events_by_id(await self.filters.ids(q.but(intent=Intent.LIST), mentions=True))
        about = [e for e in events if e.places and (
            not topic or self.lexicon.coverage(topic, f"{e.title}\n{e.text}")[0] >= TOPIC_SHARE)]
        if len(about) < 2:
            return None
        return await self._list_answer(q.but(intent=Intent.LIST), mentions=True, only=[e.id for e in about],
                                       places=_places_named(about, asked))

    async def _list_answer(self, q: Query, mentions: bool = False, only: list[int] | None = None,
                           places: tuple[str, ...] = ()) -> Answer:
        """One page of the events a list question selects (``only`` these, where given; ``places``
        the places gathered from them, for a question that asks which)."""
        ranked = only if only is not None else await self.filters.ids(q, mentions=mentions)
        if not ranked:
            return compose.not_found(q, [])
        # "events about covid in Italy": the filter's events that hold what they are asked to be about
        # come first (the others follow: a word of the question may say nothing of the events, as
        # "partners" in "what did CAFIU and its partners do"). Where none holds a word the reports
        # never print and English hardly uses, a name or a term of its own ("events in Laos about
        # dogecoin"), the filter's events are the closest, not an answer.
        topic = list_topic(q) if mentions else []
        about: list[int] = []
        if topic:
            names = set(strange_words(q))
            about = [e.id for e in await self.events_by_id(ranked) if self._holds_topic(topic, names, f"{e.title}\n{e.text}")]
            ranked = about + [i for i in ranked if i not in set(about)]
        # (Asked of a report it names, any word the reports never print is foreign to it, as when its
        # card is asked for: "what did the weekly briefing say about bitcoin".)
        held = bool(about) or not (strange_words(q.but(unknown_terms=tuple(t for t in q.unknown_terms if t in topic)))
                                   or (bool(q.report_ids) and foreign_to_report(q)))
        first = q.page * LIST_CAP
        if first >= len(ranked):
            return Answer(q.raw, f"That was all: {len(ranked)} events match.", False, "list", page=q.page)
        shown = await self.events_by_id(ranked[first:first + LIST_CAP])
        org = await self.org(q.org_ids[0]) if q.org_ids else None
        # A short list says what each event that holds the topic says of it, or, asked for a kind
        # of event only ("what projects"), the sentence that names that kind.
        leads: dict[int, str] = {}
        lead_terms = lead_words(q) if mentions else []  # (the topic, where there is one)
        named = tuple(w for w in words(org.name.lower()) if w not in STOPWORDS) if org else ()
        if lead_terms and len(shown) <= compose.LIST_CAP // 2:
            holding = set(about)
            for e in shown:
                if topic and e.id not in holding:
                    continue
                # (of an organisation's events, the sentence that says what it did, by its name)
                said = best_sentences(e, q.but(terms=tuple(lead_terms) + named), self.lexicon, n=2 if len(shown) == 1 else 1)
                if said and (topic or self.lexicon.coverage(lead_terms, said[0])[0] > 0):
                    leads[e.id] = " ".join(said)
        if q.month and q.year:
            # An event of another date listed because its text tells of the month asked (a page of
            # several items read as one, a story's background): the sentence that tells of it.
            for e in shown:
                if e.id not in leads and not _of_month(e, q.year, q.month) and (told := _telling_of(e.text, q.year, q.month)):
                    leads[e.id] = told
        return compose.list_answer(q, len(ranked), shown, org, " ".join(topic), len(about), held, leads, tuple(lead_terms),
                                   places=places)

    def _holds_topic(self, topic: list[str], names: set[str], text: str) -> bool:
        """Whether an event's text holds what a list question asks its events to be about. A text
        written in Chinese prints a name typed in Latin letters (``names``, the question's strange
        words: "Oromia") in its own characters, if at all: such a name says nothing either way, and
        without the others the filters decide."""
        if written_in_chinese(text):
            topic = [t for t in topic if t not in names]
            if not topic:
                return True
        return self.lexicon.coverage(topic, text)[0] >= TOPIC_SHARE

    async def list_events(self, filters: str, page: int = 0) -> Answer:
        """Events matching filters written as text ("Cambodia 2025", "CNIE March 2025"), newest first."""
        q = parse(clean_question(filters), self.vocab, self.names, self.gazetteer, self._titles)
        q = q.but(raw=filters, intent=Intent.LIST, page=max(0, page))
        return await self._list_answer(q)

    async def matching_event_ids(self, filters: str) -> list[int]:
        """The ids of every event ``list_events`` counts for these filters, newest first (at most 500)."""
        q = parse(clean_question(filters), self.vocab, self.names, self.gazetteer, self._titles)
        return await self.filters.ids(q.but(raw=filters, intent=Intent.LIST))

    async def _org_answer(self, q: Query) -> Answer:
        orgs = [o for o in [await self.org(i) for i in q.org_ids[:3]] if o]
        if not orgs:
            return compose.not_found(q, [])
        profiles = [(o, await self._newest_events(o.event_ids, 4)) for o in orgs]
        return compose.orgs_answer(q.raw, "org", profiles)

    async def _newest_events(self, event_ids: tuple[int, ...], n: int) -> list[Event]:
        return await self.events_by_id(list(event_ids[-n:][::-1]))

    async def org_profile(self, name: str) -> Answer:
        """The profile of the organisation a name or acronym stands for."""
        q = parse(clean_question(name), self.vocab, self.names, self.gazetteer, self._titles)
        q = q.but(raw=name, intent=Intent.ORG, subject=name)
        # a partial or misspelt handle ("Peaceland", "cnei"); several: the one with most events first
        ids = list(q.org_ids) or lookup_orgs(name, self.names.org_names, self.names.acronyms)
        counts = {i: len(o.event_ids) for i in ids[:12] if (o := await self.org(i)) is not None}
        q = q.but(org_ids=tuple(sorted(counts, key=lambda i: -counts[i])))
        if not q.org_ids:
            return compose.not_found(q, [])
        return await self._org_answer(q)

    async def _person_answer(self, q: Query) -> Answer:
        if not q.person_ids:
            if q.org_ids:
                return await self._org_answer(q)
            if q.subject:  # no profile: the text may still name them (a page the extraction read no person from)
                typed = re.search(re.escape(q.subject), q.raw, re.I)  # as typed, not lower-cased
                name = typed.group(0) if typed else q.subject
                return compose.mentions_answer(name, await self._naming(name), q.raw)
            return compose.not_found(q, [])
        return await self._people_answer(list(q.person_ids), q.raw) or compose.not_found(q, [])

    async def _people_answer(self, ids: list[int], question: str) -> Answer | None:
        """The profile of the person a name matched best, with those of the same name as read in
        English (董强 beside Dong Qiang: the reports cannot tell namesakes apart); None if none is kept."""
        p = await self.person(ids[0]) if ids else None
        if p is None:
            return None
        alike = [o for pid in ids[1:NAMESAKES] if (o := await self.person(pid)) is not None
                 and _read_name(o.name) == _read_name(p.name)]
        return compose.namesakes_answer([(x, await self._newest_events(x.event_ids, 3)) for x in (p, *alike)], question)

    async def _naming(self, name: str, limit: int = 12) -> list[Event]:
        """The newest events whose text names someone or something, by the exact words."""
        if CJK.search(name):
            # Chinese runs its words together, so the full-text index cannot find a word in it: a
            # scan, on the rare question about a Chinese name the profiles do not hold.
            rows = await self._rows("SELECT DISTINCT event_id FROM passages WHERE instr(text, ?) > 0 "
                                    "ORDER BY event_id DESC LIMIT ?", (name.replace(" ", ""), limit))
        else:
            toks = words(name)
            if not toks:
                return []
            phrase = '"' + " ".join(toks).replace('"', '""') + '"'  # one quoted phrase: no operator gets through
            rows = await self._rows("SELECT DISTINCT event_id FROM passages WHERE id IN (SELECT rowid FROM passages_fts "
                                    "WHERE passages_fts MATCH ?) ORDER BY event_id DESC LIMIT ?", (phrase, limit))
        return await self.events_by_id([r[0] for r in rows])

    async def person_profile(self, name: str) -> Answer:
        """The profile of the person a (possibly misspelt) name stands for."""
        matches = self.names.match_people(clean_question(name), cutoff=80)
        q = Query(raw=name, text=name, intent=Intent.PERSON, terms=(), subject=name,
                  person_ids=tuple(pid for pid, _, _ in sorted(matches, key=lambda m: -m[1])))
        return await self._person_answer(q)

    async def report_summary(self, report_id: str, question: str = "") -> Answer:
        """A report in brief: title, date, publisher, motto, and its key events by section."""
        r = self.reports.get(report_id)
        if r is None:
            return Answer(question, "I do not know that report.", False, "report")
        masthead = await self._masthead(report_id) if compose.asks_editors(question) else []
        return compose.report_summary(r, await self.report_events(report_id), question, masthead)

    async def _masthead(self, report_id: str) -> list[tuple[str, str]]:
        """The editors a report's masthead prints: (title, name), in print order."""
        rows = await self._rows(
            "SELECT p.id, json_extract(t.value, '$.title'), json_extract(p.data, '$.name') "
            "FROM people p, json_each(p.data, '$.titles') t "
            # (the LIKE is a cheap first pass: only people with a title from that report are parsed)
            "WHERE p.data LIKE ? AND json_extract(t.value, '$.source.section') = ? "
            "AND json_extract(t.value, '$.source.report_id') = ? ORDER BY p.id", (f'%"{report_id}"%', MASTHEAD, report_id))
        return [(str(title), str(name)) for _, title, name in rows]

    async def _catalog_answer(self, q: Query) -> Answer:
        """The reports themselves: all of them (of a year, if one is asked; of the series named, if one
        is), or the newest or oldest."""
        reports = sorted(self.reports.values(), key=lambda r: r.issue_date or "")
        if q.report_ids:
            reports = [r for r in reports if r.id in q.report_ids]
        if q.year:
            reports = [r for r in reports if _of_year(r, q.year)]
        if not reports:
            return compose.not_found(q, [])
        if q.catalog in ("largest", "smallest"):
            counts = dict(await self._rows("SELECT report_id, count(*) FROM events GROUP BY report_id"))
            sized = sorted(((r, counts.get(r.id, 0)) for r in reports), key=lambda x: (x[1], x[0].title),
                           reverse=q.catalog == "largest")
            return compose.reports_by_size(q.raw, sized, q.catalog == "largest")
        if q.catalog == "next":  # an issue to come: none of the reports says when
            newest = reports[-1]
            return Answer(q.raw, f"The reports I have do not say when the next issue comes out; the newest I have is "
                          f"{newest.title} ({newest.issue_date or 'undated'}).", False, "report",
                          sources=(Source(newest.id, newest.title, newest.issue_date),))
        if q.catalog in ("latest", "oldest"):
            return await self.report_summary((reports[-1] if q.catalog == "latest" else reports[0]).id, q.raw)
        return compose.reports_answer(reports)

    async def _which_reports(self, q: Query) -> Answer:
        """Which reports hold what a question asks about ("which report talks most about Cambodia"),
        of all of them or of the issues named: per report, how many of its events do, as the list path
        decides that an event holds something (its filters select it, and it holds the words asked)."""
        scope = set(q.report_ids) or set(self.reports)
        # a place a named report's title holds names the report ("the beijing report"), selects nothing
        titled = {w for rid in q.report_ids if rid in self.reports
                  for w in words(re.sub(r"['’]s\b", "", self.reports[rid].title.lower()))}
        q = q.but(places=tuple(p for p in q.places if not set(words(p.name.lower())) <= titled))
        filtered = bool(q.places or q.org_ids or q.person_ids or q.month or q.date_range)
        topic = list_topic(q)
        if filtered:
            ids = await self.filters.ids(q.but(report_ids=tuple(scope), intent=Intent.LIST), limit=5000, mentions=True)
        else:
            # no filter: the events whose words hold what is asked (the full text, any retriever's hits)
            ids = list(await gather(self.retrievers, q.but(report_ids=()), limit=500)) if topic else []
        events = [e for e in await self.events_by_id(ids) if e.report_id in scope]
        if topic:  # the words asked must hold too: "the olympics in Tokyo" is not every item naming Tokyo
            events = [e for e in events if self.lexicon.coverage(topic, f"{e.title}\n{e.text}")[0] >= TOPIC_SHARE]
        if not events:
            return compose.not_found(q, [])
        asked = [p.name for p in q.places] + [o.name for o in [await self.org(i) for i in q.org_ids[:1]] if o]
        asked += [p.name for p in [await self.person(i) for i in q.person_ids[:1]] if p] + topic
        if q.catalog == "section":  # "which section of X has Y": the sections of the named reports that do
            by_section: dict[tuple[str, str], list[Event]] = {}
            for e in events:
                by_section.setdefault((e.report_id, e.source.section or ""), []).append(e)
            ranked = sorted(by_section.items(), key=lambda x: -len(x[1]))
            return compose.which_sections_answer(q.raw, ", ".join(dict.fromkeys(asked)),
                                                 [(self.reports[rid], section, evs) for (rid, section), evs in ranked
                                                  if rid in self.reports])
        by_report: dict[str, list[Event]] = {}
        for e in events:
            by_report.setdefault(e.report_id, []).append(e)
        counted = sorted(((self.reports[rid], evs) for rid, evs in by_report.items() if rid in self.reports),
                         key=lambda x: (-len(x[1]), x[0].title))
        return compose.which_reports_answer(q.raw, ", ".join(dict.fromkeys(asked)), counted)

    async def latest(self) -> Answer:
        """The newest report in brief (an honest answer from a store that holds none)."""
        if not self.reports:
            return Answer("", "I hold no reports yet.", False, "report")
        newest = max(self.reports.values(), key=lambda r: r.issue_date or "")
        return await self.report_summary(newest.id, "latest")

    # --- by id (buttons and inline results hold ids, not names) --------------------------------

    async def org_answer(self, org_id: int) -> Answer:
        """The profile of one organisation, by id."""
        o = await self.org(org_id)
        if o is None:
            return Answer("", "I no longer know that organisation.", False, "org")
        return compose.orgs_answer(o.name, "org", [(o, await self._newest_events(o.event_ids, 4))])

    async def _profile_of(self, question: str, kind: str, ids: list[int]) -> Answer | None:
        """The profile(s) a name resolved to, answering ``question``."""
        if kind == "person" and (people := await self._people_answer(ids, question)) is not None:
            return people
        orgs = [o for o in [await self.org(i) for i in ids[:3]] if o]
        if not orgs:
            return None
        return compose.orgs_answer(question, "org", [(o, await self._newest_events(o.event_ids, 4)) for o in orgs])

    async def person_answer(self, person_id: int) -> Answer:
        """The profile of one person, by id."""
        p = await self.person(person_id)
        if p is None:
            return Answer("", "I no longer know that person.", False, "person")
        return compose.person_answer(p, await self._newest_events(p.event_ids, 3), p.name)

    async def counts(self) -> dict[str, int]:
        """How many reports, events, organisations and people the store holds."""
        out = {"reports": len(self.reports)}
        for table in ("events", "orgs", "people"):
            out[table] = (await self._rows(f"SELECT count(*) FROM {table}"))[0][0]  # table names are fixed here
        return out

    def understand(self, text: str) -> Query:
        """What a question or a filter names: intent, places, organisations, people, dates, words."""
        q = parse(clean_question(text), self.vocab, self.names, self.gazetteer, self._titles)
        return q.but(raw=text)

    async def report_events(self, report_id: str) -> list[Event]:
        """The events of one report, in the order the report prints them."""
        rows = await self._rows("SELECT data FROM events WHERE report_id = ? ORDER BY id", (report_id,))
        return [event_from_json(d) for (d,) in rows]

    async def reports_answer(self) -> Answer:
        """The corpus: every report with its publisher, issue date and the months its events cover."""
        return compose.reports_answer(list(self.reports.values()))

    async def event_answer(self, event_id: int) -> Answer:
        """One event in brief: when, where, what, its lead sentences and its source."""
        found = await self.events_by_id([event_id])
        if not found:
            return Answer("", "I no longer know that event.", False, "event")
        return compose.event_answer(found[0])


def _of_month(e: Event, year: int, month: int) -> bool:
    """Whether an event's own date overlaps a month."""
    asked = f"{year}-{month:02d}"
    return e.date is not None and e.date.start[:7] <= asked <= e.date.end[:7]


def _telling_of(text: str, year: int, month: int) -> str:
    """The first sentence of a text that names a month with its year ("... Government July 7-9, 2010")."""
    name = MONTH_NAMES[month].lower()
    return next((x for x in split_sentences(text)
                 if re.search(rf"\b{name}\b", x.lower()) and re.search(rf"\b{year}\b", x)), "")


# How many people of one name a person question shows at most.
NAMESAKES = 3


def _read_name(name: str) -> str:
    """A person's name as read in English: a Chinese one by its pinyin ("董强": "dong qiang")."""
    return (romanised_name(name) if CJK.search(name) else name).lower()


def _of_year(r: Report, year: int) -> bool:
    """Whether a report is of a year: its title or its issue date says so."""
    return str(year) in r.title or (r.issue_date or "").startswith(str(year))
