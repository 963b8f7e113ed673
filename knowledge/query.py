"""Understanding a question: its intent, its filters, and its content words corrected for typos."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from knowledge.dates import MONTHS
from knowledge.gazetteer import HOME_COUNTRY, Gazetteer
from knowledge.records import Place
from knowledge.store import words

MAX_QUESTION = 500

STOPWORDS = set("""
a about above after again against all am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves tell me please show
give know about find anything something thing things happen happened happening held hold take took took part
did does do get got went go going one ones also there's what's who's whats whos dont don't kind sort list
much many number big large according report reports say says said event events activity activities
""".split())
_INTENT_WORDS = {"when", "where", "who", "how", "what", "which", "venue", "date", "dates", "role", "title",
                 "summarise", "summarize", "summary", "overview", "profile"}
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Query:
    """A parsed question."""

    raw: str
    text: str
    intent: str
    terms: list[str]  # content words, corrected
    year: int | None = None
    month: int | None = None
    places: list[Place] = field(default_factory=list)
    org_ids: list[int] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)
    subject: str = ""  # what a "who is X" / "what is X" asks about
    unknown_terms: list[str] = field(default_factory=list)
    page: int = 0  # which page of hits is asked for


def clean_question(text: str) -> str:
    """The question without control characters, in one line, at most MAX_QUESTION characters."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text or "")
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_QUESTION]


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light stem so that "bikes" finds "bike" and "donated" finds "donation".

    Memoised: the answerer stems every word of every candidate passage, and words repeat.
    """
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s$", "", w)
    for suffix, repl in (("ies", "y"), ("ations", "ate"), ("ation", "ate"), ("ings", ""), ("ing", ""),
                         ("ers", "er"), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]  # "arrive" and "arrived" share "arriv"
    return w


class Vocabulary:
    """Words of the corpus with their document frequency, for idf weights and typo correction."""

    def __init__(self, df: dict[str, int], n_docs: int) -> None:
        self.df = df
        self.n_docs = max(n_docs, 1)
        self.terms = list(df)
        self.stems: dict[str, int] = {}
        for term, count in df.items():
            s = stem(term)
            self.stems[s] = self.stems.get(s, 0) + count
        self._idf: dict[str, float] = {}

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (by its stem)."""
        w = self._idf.get(term)
        if w is None:
            n = self.stems.get(stem(term), 0)
            w = math.log(1 + (self.n_docs - n + 0.5) / (n + 0.5))
            if len(self._idf) > 50_000:  # question words are unbounded; keep the memo small
                self._idf.clear()
            self._idf[term] = w
        return w

    def correct(self, term: str) -> str | None:
        """The corpus word a typo'd term stands for, the term itself when known, None when unknown."""
        if term in self.df or stem(term) in self.stems or term.isdigit():
            return term
        if len(term) < 4:
            return None
        best = process.extractOne(term, self.terms, scorer=fuzz.ratio, score_cutoff=78)
        if best is None:
            return None
        # Among equally close words prefer the more frequent one.
        return str(best[0])


_FOLD = re.compile(r"[^a-z0-9 ]")


def _fold(text: str) -> str:
    """Lower-case letters and spaces as they are, digits as 0, anything else as #: one character each."""
    return _FOLD.sub("#", text).translate(_DIGITS)


_DIGITS = str.maketrans("123456789", "000000000")


class BigramFilter:
    """Which of many strings can reach a fuzzy-match cutoff against a query, checked for all at once.

    rapidfuzz scores a pair in about a microsecond, so scoring every name of a large store for every
    question costs tens of milliseconds. The q-gram lemma gives a necessary condition: strings within
    k edits of each other share at least max(len) - 1 - 2k bigrams. For every string at once, the
    number of bigrams a query can share with it is a sum of a few big integers holding one 8-bit
    count per string; only the strings whose count reaches the bound are then scored by rapidfuzz,
    in their original order, so the result (ties included) is the same as scoring them all.
    """

    _LANE_MAX = 128  # longer strings are always scored (their counts could overflow a lane)

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        self.long = [i for i, t in enumerate(strings) if len(t) > self._LANE_MAX]
        lanes = sorted((i for i, t in enumerate(strings) if len(t) <= self._LANE_MAX), key=lambda i: len(strings[i]))
        self.lane_index = lanes  # lane -> index in ``strings``
        self.n = len(lanes)
        self.length_runs: list[tuple[int, int]] = []  # (length, number of lanes), lanes ascending by length
        for i in lanes:
            n = len(strings[i])
            if self.length_runs and self.length_runs[-1][0] == n:
                self.length_runs[-1] = (n, self.length_runs[-1][1] + 1)
            else:
                self.length_runs.append((n, 1))
        counts: dict[str, bytearray] = {}
        for lane, i in enumerate(lanes):
            folded = _fold(strings[i])
            for j in range(len(folded) - 1):
                g = folded[j:j + 2]
                row = counts.get(g)
                if row is None:
                    row = counts[g] = bytearray(self.n)
                row[lane] += 1
        self.grams = {g: int.from_bytes(row, "little") for g, row in counts.items()}
        self.high = int.from_bytes(b"\x80" * self.n, "little")

    def _shared(self, query: str) -> int:
        folded = _fold(query)
        total = 0
        for g in {folded[j:j + 2] for j in range(len(folded) - 1)}:
            total += self.grams.get(g, 0)
        return total

    def _lanes(self, shared: int, complement: bytes) -> list[int]:
        hits = (shared + int.from_bytes(complement, "little")) & self.high
        if not hits:
            return sorted(self.long)
        raw = hits.to_bytes(self.n, "little")
        lanes = self.lane_index
        return sorted([lanes[m.start()] for m in _NONZERO.finditer(raw)] + self.long)

    def partial(self, query: str, cutoff: float) -> list[int]:
        """Indices (ascending) of the strings whose ``fuzz.partial_ratio`` with ``query`` may be >= cutoff."""
        m = len(query)
        slack = 100 - cutoff
        parts = []
        for length, count in self.length_runs:
            n = min(length, m)  # the shorter string is aligned inside the longer one
            k = int(2 * slack * n // 100) + 1  # edits allowed, one more for rounding
            need = n - 1 - 2 * k
            parts.append(bytes([128 - need if need > 0 else 128]) * count)
        return self._lanes(self._shared(query), b"".join(parts))

    def ratio(self, query: str, cutoff: float) -> list[int]:
        """Indices (ascending) of the strings whose ``fuzz.ratio`` with ``query`` may be >= cutoff."""
        la = len(query)
        slack = 100 - cutoff
        parts = []
        for lb, count in self.length_runs:
            if 200 * min(la, lb) < cutoff * (la + lb):  # the lengths alone keep the ratio under the cutoff
                parts.append(bytes(count))
                continue
            k = int(slack * (la + lb) // 100) + 1
            need = max(la, lb) - 1 - 2 * k
            parts.append(bytes([128 - need if need > 0 else 128]) * count)
        return self._lanes(self._shared(query), b"".join(parts))


_NONZERO = re.compile(b"[^\x00]")


def _sorted_tokens(text: str) -> str:
    """What ``fuzz.token_sort_ratio`` compares: the words of a text in sorted order."""
    return " ".join(sorted(text.split()))


class NameIndex:
    """Organisation, acronym, person and report names, for matching questions that name them."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.rows = rows
        self.acronyms: dict[str, list[int]] = {}
        self.org_names: list[tuple[str, int]] = []
        self.person_names: list[tuple[str, int]] = []
        self.report_names: list[tuple[str, str]] = []
        for surface, kind, ref in rows:
            if kind == "acronym":
                self.acronyms.setdefault(surface.lower(), []).append(int(ref))
            elif kind == "org":
                self.org_names.append((surface, int(ref)))
            elif kind == "person":
                self.person_names.append((surface, int(ref)))
            elif kind == "report":
                self.report_names.append((surface, ref))
        self._person_lower = [n.lower() for n, _ in self.person_names]
        self._org_lower = [n.lower() for n, _ in self.org_names]
        # Prepared once per store: the sorted words of every person's name, and bigram filters.
        self._person_sorted = [_sorted_tokens(n) for n in self._person_lower]
        self._person_filter = BigramFilter(self._person_sorted)
        self._org_filter = BigramFilter(self._org_lower)

    def _people_like(self, window: str, cutoff: float, limit: int) -> list[tuple[float, int]]:
        """What ``process.extract(window, people, scorer=token_sort_ratio, score_cutoff, limit)`` gives, as
        (score, index), scoring only the names that can reach the cutoff."""
        query = _sorted_tokens(window)
        idx = self._person_filter.ratio(query, cutoff)
        if not idx:
            return []
        names = self._person_sorted
        found = process.extract(query, [names[i] for i in idx], scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        return [(score, idx[j]) for _, score, j in found]

    def _orgs_like(self, low: str, cutoff: float, limit: int) -> list[tuple[str, float, int]]:
        """What ``process.extract(low, org names, scorer=partial_ratio, score_cutoff, limit)`` gives."""
        idx = self._org_filter.partial(low, cutoff)
        if not idx:
            return []
        names = self._org_lower
        found = process.extract(low, [names[i] for i in idx], scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=limit)
        return [(cand, score, idx[j]) for cand, score, j in found]

    def match_people(self, text: str, cutoff: float = 86) -> list[tuple[int, float, str]]:
        """People whose name a question writes, allowing typos and either name order."""
        toks = re.findall(r"[a-z][a-z'’-]+", text.lower())
        found: dict[int, tuple[float, str]] = {}
        for size in (3, 2):
            for i in range(len(toks) - size + 1):
                window = " ".join(toks[i:i + size])
                if all(t in STOPWORDS for t in toks[i:i + size]):
                    continue
                for score, idx in self._people_like(window, cutoff, 3):
                    pid = self.person_names[idx][1]
                    if score > found.get(pid, (0, ""))[0]:
                        found[pid] = (score, window)
        best = max((s for s, _ in found.values()), default=0)
        return [(pid, s, w) for pid, (s, w) in found.items() if s >= best - 4]

    def match_orgs(self, text: str) -> list[tuple[int, float, str]]:
        """Organisations a question names by acronym or by (part of) their name."""
        out: dict[int, tuple[float, str]] = {}
        for tok in re.findall(r"[A-Za-z][A-Za-z0-9&-]{1,11}", text):
            ids = self.acronyms.get(tok.lower())
            if ids and (tok.isupper() or len(tok) >= 4):
                for oid in ids:
                    out[oid] = (100.0, tok)
        low = text.lower()
        if len(low) >= 8:
            for cand, score, idx in self._orgs_like(low, 90, 8):
                if len(cand) >= 10 and len(cand.split()) >= 2 and len(cand) <= len(low) + 4:
                    oid = self.org_names[idx][1]
                    if score > out.get(oid, (0, ""))[0]:
                        out[oid] = (float(score), cand)
        return [(oid, s, w) for oid, (s, w) in out.items()]


_REPORT_WORDS = re.compile(r"\b(summar\w*|overview|highlights?|what'?s in|what is in|contents? of|tell me about the "
                           r"(?:report|issue|magazine|briefing)|(?:this|the) (?:issue|report|briefing|magazine))\b")
_LIST_WORDS = re.compile(r"\b(events?|what happened|happen\w*|activities|what did .+ do|list|timeline|what went on)\b")
_WHO_IS = re.compile(r"^(?:who\s+is|who's|who\s+was|who\s+are|tell\s+me\s+about|profile\s+of|about)\s+(.+?)\s*\??$")
_WHAT_IS = re.compile(r"^(?:what\s+is|what's|what\s+are|what\s+was|what\s+does\s+(.+?)\s+do|tell\s+me\s+about|"
                      r"profile\s+of|about)\s+(.+?)\s*\??$")


class ReportTitles:
    """The reports' titles, prepared once per store for spotting a question that names a report."""

    def __init__(self, titles: dict[str, tuple[str, str | None, str]]) -> None:
        self.titles = titles  # report id -> (title, Chinese title, issue date)
        self._zh = [(rid, zh) for rid, (_, zh, _) in titles.items() if zh]
        self._order = {rid: i for i, rid in enumerate(titles)}
        # Titles with the same key words score the same: a series of many issues is one group.
        self._groups: dict[tuple[str, ...], list[str]] = {}
        for rid, (title, _, _) in titles.items():
            t = re.sub(r"[^a-z0-9 ]", " ", title.lower())
            key_words = tuple(w for w in t.split() if len(w) > 3 and w not in STOPWORDS)
            self._groups.setdefault(key_words, []).append(rid)

    def named_in(self, text: str, english: str) -> list[str]:
        """The reports a question names: by Chinese title, else by most title words (series words, year)."""
        found = [rid for rid, zh in self._zh if zh in text]
        if found:
            return found
        named = re.search(r"\b(report|magazine|briefing|issue|news|newsletter)\b", english)
        present: dict[str, bool] = {}
        scored: list[tuple[int, str]] = []
        for key_words, rids in self._groups.items():
            hits = 0
            for w in key_words:
                if w not in present:
                    present[w] = w in english
                hits += present[w]
            if hits >= 2 or (hits >= 1 and (len(key_words) <= 2 or named)):
                scored.extend((hits, rid) for rid in rids)
        if not scored:
            return []
        top = max(h for h, _ in scored)
        return sorted((rid for h, rid in scored if h == top), key=self._order.__getitem__)


def parse(raw: str, vocab: Vocabulary, names: NameIndex, gazetteer: Gazetteer,
          report_titles: "dict[str, tuple[str, str | None, str]] | ReportTitles") -> Query:
    """Turn a question into intent, filters and corrected content words."""
    text = clean_question(raw)
    low = text.lower().replace("’", "'")
    english = low
    if _CJK.search(text):
        extra = [en for zh, en in gazetteer.zh_terms.items() if zh in text]
        extra += [en for zh, en in gazetteer.orgs_zh.items() if zh in text]
        english = f"{low} {' '.join(extra).lower()}"
    q = Query(raw=raw, text=text, intent="what", terms=[])

    # Reports named: Chinese title in 《》, or series words and a year.
    titles = report_titles if isinstance(report_titles, ReportTitles) else ReportTitles(report_titles)
    q.report_ids = titles.named_in(text, english)
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", low)]
    if years:
        q.year = years[0]
        if len(q.report_ids) > 1:
            narrowed = [r for r in q.report_ids if str(q.year) in titles.titles[r][0] or titles.titles[r][2].startswith(str(q.year))]
            q.report_ids = narrowed or q.report_ids
    for m in re.finditer(r"\b(january|february|march|april|may|june|july|august|september|october|november|"
                         r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b", low):
        if m.group(1) == "may" and not re.search(r"\bmay\s+(?:\d|of\b|in\b)|\bin\s+may\b", low):
            continue
        if m.group(1) == "mar" and "march" not in low:
            continue
        q.month = MONTHS[m.group(1)]
        break
    q.places = [pm.place for pm in gazetteer.find_loose(text) if pm.place.name != HOME_COUNTRY
                and pm.place.country != HOME_COUNTRY or pm.place.kind == "city"]
    q.places = list(dict.fromkeys(q.places))

    orgs = names.match_orgs(text)
    q.org_ids = [oid for oid, _, _ in orgs]
    people = names.match_people(english)
    q.person_ids = [pid for pid, _, _ in people]

    # Content words, corrected; words that only name a place, a month or the intent are filters.
    place_words = {w for p in q.places for w in words(p.name)} | {w for pm in gazetteer.find_loose(text) for w in words(pm.surface)}
    terms: list[str] = []
    tokens = [part for w in words(english) for part in ([w] + (w.split("-") if "-" in w else []))]
    for w in tokens:
        if w in STOPWORDS or w in _INTENT_WORDS or w.isdigit() and len(w) == 4:
            continue
        if w in MONTHS and (q.month == MONTHS[w]):
            continue
        fixed = vocab.correct(w)
        if fixed is None:
            q.unknown_terms.append(w)
            continue
        if fixed not in terms:
            terms.append(fixed)
    q.terms = terms

    # Intent.
    m_who = _WHO_IS.match(low)
    m_what = _WHAT_IS.match(low)
    if q.report_ids and (_REPORT_WORDS.search(low) or (_CJK.search(text) and not people and not orgs)):
        q.intent = "report"
    elif m_who and low.startswith(("who", "tell", "profile", "about")) and (people or not orgs):
        q.intent = "person"
        q.subject = m_who.group(1)
    elif re.search(r"\b(role|title|position|job|who is he|who is she|who's he|who's she)\b", low) and people:
        q.intent = "person"
        q.subject = people[0][2]
    elif m_what and orgs and _covers_subject(m_what.group(2) or m_what.group(1) or "", orgs):
        q.intent = "org"
        q.subject = m_what.group(2) or m_what.group(1) or ""
    elif _LIST_WORDS.search(low) and (q.places or q.year or q.month or q.org_ids or q.person_ids) \
            and len([t for t in terms if t not in place_words]) <= 2:
        q.intent = "list"
    elif re.search(r"\bhow (?:many|much|big|large|long)\b|\bnumber of\b|\bamount\b|\btotal\b", low):
        q.intent = "how_many"
    elif re.search(r"\bwhen\b|\bwhat (?:date|day|time)\b|\bdates?\b", low):
        q.intent = "when"
    elif re.search(r"\bwhere\b|\bvenue\b|\blocation\b|\bwhich city\b", low):
        q.intent = "where"
    elif re.search(r"\bwho\b|\bwhich (?:chinese )?(?:group|organi[sz]ation|foundation|charity|association)\b", low):
        q.intent = "who"
    elif q.report_ids and not terms:
        q.intent = "report"
    return q


def _covers_subject(subject: str, orgs: list[tuple[int, float, str]]) -> bool:
    """Whether the organisation names matched make up (nearly) all of a "what is X" subject."""
    subject = re.sub(r"\b(the|a|an)\b", " ", subject).strip(" ?.")
    rest = subject
    for _, _, surface in orgs:
        rest = re.sub(re.escape(surface.lower()), " ", rest, flags=re.I)
    leftover = [w for w in words(rest) if w not in STOPWORDS]
    return len(leftover) <= 1
