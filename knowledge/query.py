"""Understanding a question: its intent, its filters, and its content words corrected for typos."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from enum import StrEnum
from functools import lru_cache
from typing import Callable, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq, OSA

from knowledge.dates import MONTHS
from knowledge.english_forms import irregular_lemma, is_verb_form
from knowledge.extract import PINYIN_WORD
from knowledge.gazetteer import HOME_COUNTRY, Gazetteer, PlaceMatch, default_gazetteer
from knowledge.ranges import find_range
from knowledge.records import Place
from knowledge.store import words
from knowledge.translate import (COUNTING_MEASURES, asked_kind, chinese_number, gloss, gloss_word, leading_noun_phrase, noun_sense, written_in_chinese,
                                 zh_words)

MAX_QUESTION = 500

STOPWORDS = set("""
a about above after again against all am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves tell me please show
know about find anything something thing things happen happened happening held hold take took took part
did does do get got went go going one ones also there's what's who's whats whos dont don't kind sort list
much many number big large according report reports say says said event events activity activities
stuff everything whatever related relating regarding concerning
""".split())
_INTENT_WORDS = {"when", "where", "who", "how", "what", "which", "venue", "date", "dates", "role", "title",
                 "summarise", "summarize", "summary", "overview", "profile",
                 # words that ask for a fact, or hedge it, rather than name what it is about
                 "whose", "name", "names", "someone", "somebody", "anyone", "anybody", "roughly", "approximately",
                 "approx", "exactly", "precisely", "altogether", "overall"}
# Abbreviations of general English, read as the word ("dept" is "department").
ABBREVIATIONS = {"dept": "department", "govt": "government", "gov": "government", "intl": "international",
                 "int'l": "international", "assoc": "association", "univ": "university", "uni": "university",
                 "org": "organization", "orgs": "organizations", "vol": "volume", "ex": "former",
                 "pm": "prime minister", "vp": "vice-president", "mgr": "manager", "rep": "representative",
                 "reps": "representatives", "ppl": "people", "info": "information", "mag": "magazine",
                 "ngo's": "ngos", "approx": "approximately", "natl": "national", "pres": "president",
                 "sec-gen": "secretary-general", "secgen": "secretary-general", "mtg": "meeting", "conf": "conference"}
# Misspelt question words ("wich", "wat"): one edit from a question word, and not English.
_QUESTION_WORDS = ("what", "which", "where", "when", "whose")
_CJK = re.compile(r"[\u3400-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")

# Words of general English that say the same thing in questions and reports (not report phrases).
# A question word in a group also matches the group's other words, in search and in ranking.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("chair", "chaired", "preside", "presided", "moderate", "moderated"),
    ("organise", "organize", "organised", "organized", "host", "hosted", "sponsor", "sponsored", "convene",
     "convened", "stage", "staged"),
    ("lead", "led", "head", "headed"),
    ("chair", "chairs", "chairman", "chairwoman", "chairperson"),  # who chairs a body: its chairman
    ("meeting", "conference", "forum", "seminar", "symposium"),
    ("company", "companies", "enterprise", "enterprises", "firm", "firms", "business", "businesses"),
    ("glasses", "spectacles", "eyeglasses"),
    ("bike", "bikes", "bicycle", "bicycles"),
    ("doctor", "doctors", "physician", "physicians", "medic", "medics", "medical"),
    ("kid", "kids", "child", "children", "pupil", "pupils", "student", "students"),
    ("give", "gave", "donate", "donated", "distribute", "distributed", "hand", "handed"),
    ("gift", "gifts", "donation", "donations"),
    ("send", "sent", "dispatch", "dispatched"),
    ("start", "started", "launch", "launched", "begin", "began", "initiate", "initiated", "inaugurate", "inaugurated"),
    ("found", "founded", "establish", "established"),
    ("help", "helped", "aid", "assist", "assisted", "assistance", "support", "supported"),
    ("covid", "covid-19", "coronavirus", "pandemic", "epidemic"),
    ("travel", "travelled", "traveled", "trip", "visit", "visited", "tour"),
    ("speech", "address", "remarks"),
    ("ask", "asked", "call", "called", "urge", "urged", "request", "requested", "appeal", "appealed", "propose",
     "proposed", "suggest", "suggested"),
    ("fair", "carnival", "festival", "expo", "exhibition"),
    ("ties", "relations"),
    ("meal", "meals", "lunch", "lunches", "food"),
    ("build", "built", "construct", "constructed"),
    ("hospital", "hospitals", "clinic", "clinics"),
    ("money", "fund", "funds", "funding"),
    ("join", "joined", "attend", "attended", "participate", "participated"),
    # those present at a meeting, as a count names them ("150 people took part")
    ("attendee", "attendees", "participant", "participants", "people", "persons", "guests"),
    ("sign", "signed", "conclude", "concluded"),
)
# The last part of a compound that says how something relates to the first ("Beijing-based"): the
# compound is searched through its parts.
_LOOSE_COMPOUND = set("""based led run funded owned backed made related sponsored focused oriented""".split())


@lru_cache(maxsize=4096)
def synonym_stems(term: str) -> tuple[str, ...]:
    """The stems of the words that say what ``term`` says (its synonym group), the term's own excluded."""
    own = stem(term)
    out: list[str] = []
    for group in SYNONYM_GROUPS:
        stems = {stem(w) for w in group}
        if own in stems:
            out += [s for s in stems if s != own and s not in out]
    return tuple(out)


def stems_with_synonyms(terms: Sequence[str]) -> set[str]:
    """The stems of words and of the words that say the same (what a sentence must hold)."""
    return {x for w in terms for x in (stem(w),) + synonym_stems(w)}


@lru_cache(maxsize=4096)
def synonym_words(term: str) -> tuple[str, ...]:
    """The other words of ``term``'s synonym groups, as written (for the full-text search)."""
    own = stem(term)
    return tuple(dict.fromkeys(w for group in SYNONYM_GROUPS if own in {stem(x) for x in group}
                               for w in group if stem(w) != own))


class Intent(StrEnum):
    """What a question asks for: the kind of answer it gets."""

    WHAT = "what"  # a fact about an event
    WHEN = "when"
    WHERE = "where"
    WHO = "who"
    HOW_MANY = "how_many"
    LIST = "list"  # the events a filter selects (a place, a period, an organisation, a person)
    PERSON = "person"  # a person's profile
    ORG = "org"  # an organisation's profile
    REPORT = "report"  # a report's contents, publisher or date


@dataclass(frozen=True)
class Query:
    """A parsed question: plain data, the input of every later stage."""

    raw: str
    text: str
    intent: Intent
    terms: tuple[str, ...]  # content words, corrected
    year: int | None = None
    month: int | None = None
    places: tuple[Place, ...] = ()
    org_ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
    report_ids: tuple[str, ...] = ()
    subject: str = ""  # what a "who is X" / "what is X" asks about
    unknown_terms: tuple[str, ...] = ()  # words neither the reports nor English know
    page: int = 0  # which page of hits is asked for
    # What the answer must hold: the counted noun of "how many X" / the role verb of "who chaired".
    focus: tuple[str, ...] = ()
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # term -> other words that say it
    filter_words: frozenset[str] = frozenset()  # words that name a place or organisation filter
    language: str = "en"  # the language the question is written in ("en", "zh")
    # A date range the question names ("between 10 and 20 March 2018", "since June 2018"): first and
    # last ISO day and how to say it; its words are taken out before the rest is read.
    date_range: tuple[str, str, str] | None = None
    # Ordinals the question names ("the 5th session", "the second forum"): an event that does not
    # print them is another sitting of the series, not the one asked about.
    ordinals: tuple[int, ...] = ()
    asks_money: bool = False  # "how much did it cost", "the budget": the answer is an amount of money
    reading: str = ""  # a question in Chinese read in English words (its names, places and glosses)
    role: str = ""  # the post "who is the secretary-general of X" asks who holds
    # The noun a "who" question describes the one it asks for by ("the teacher who led them", "which
    # vice president", "who is the country director of X"): the answer names someone beside it. At
    # most its last two words; empty when it says only "person", "organisation" and the like.
    described: tuple[str, ...] = ()
    # The attribute a "what" question asks of something it names ("what was the temperature in Siem
    # Reap", "what is the population of Izmir", "what's its motto"): at most its last two words; the
    # answer says it. Empty for a generic noun ("what is the name of").
    attribute: tuple[str, ...] = ()
    # What the question is about beyond the names, places and report it names ("puts out" in "who
    # puts out International Understanding"): content words, corrected.
    topic: tuple[str, ...] = ()
    # A question about the reports themselves, none named: "all" ("what reports do you have"),
    # "latest" or "oldest" ("the newest issue"); "topic" when it asks which report holds something
    # ("which report says most about Cambodia", of all reports or of the issues of a series named);
    # empty otherwise.
    catalog: str = ""
    narrowed: bool = False  # a place or month narrows the report the question names to a part of it
    # A question in Chinese: its content words as written (jieba's), for reports written in Chinese.
    zh_terms: tuple[str, ...] = ()
    zh_focus: str = ""  # what a Chinese "多少" question counts ("书包")
    zh_kind: str = ""  # the kind of thing a Chinese "哪家" or "什么" question asks for ("哪家酒店": 酒店)
    # A question that asks two things ("who funded them and how many pupils will they serve?"):
    # each ask's intent and focus, in order; empty for a question that asks one.
    asks: tuple[tuple[Intent, tuple[str, ...]], ...] = ()
    # The question with its misspelt words written right ("frienship": friendship), for the embedder,
    # which reads a misspelt word as other pieces of words; empty when nothing was misspelt.
    mended: str = ""
    # The question asks for several of what it names ("which countries", "what cities", "哪些城市"):
    # the answer gathers them from every event that answers, not from the best one alone.
    many: bool = False
    # An English question's content words and places put in Chinese, where the store holds texts in
    # Chinese: the question is compared with them in both languages (see retrieve.SemanticRetriever).
    zh_reading: str = ""

    def but(self, **changes: object) -> "Query":
        """The same query with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass
class _Draft:
    """A query while it is parsed (mutable); ``parse`` hands back the frozen Query."""

    raw: str
    text: str
    intent: str
    terms: list[str]
    year: int | None = None
    month: int | None = None
    places: list[Place] = field(default_factory=list)
    org_ids: list[int] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)
    subject: str = ""
    unknown_terms: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    ordinals: list[int] = field(default_factory=list)
    asks_money: bool = False
    reading: str = ""
    role: str = ""
    described: list[str] = field(default_factory=list)
    attribute: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    catalog: str = ""
    narrowed: bool = False
    zh_terms: list[str] = field(default_factory=list)
    zh_focus: str = ""
    zh_kind: str = ""
    asks: list[tuple[Intent, tuple[str, ...]]] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    filter_words: set[str] = field(default_factory=set)
    language: str = "en"
    mended: str = ""
    many: bool = False

    def freeze(self) -> Query:
        return Query(raw=self.raw, text=self.text, intent=Intent(self.intent), terms=tuple(self.terms),
                     year=self.year, month=self.month, places=tuple(self.places), org_ids=tuple(self.org_ids),
                     person_ids=tuple(self.person_ids), report_ids=tuple(self.report_ids), subject=self.subject,
                     unknown_terms=tuple(self.unknown_terms), focus=tuple(self.focus), synonyms=self.synonyms,
                     ordinals=tuple(self.ordinals), asks_money=self.asks_money, reading=self.reading,
                     role=self.role, described=tuple(self.described), attribute=tuple(self.attribute), topic=tuple(self.topic), catalog=self.catalog, narrowed=self.narrowed,
                     zh_terms=tuple(self.zh_terms), zh_focus=self.zh_focus, zh_kind=self.zh_kind, asks=tuple(self.asks),
                     filter_words=frozenset(self.filter_words), language=self.language, mended=self.mended,
                     many=self.many)


def clean_question(text: str) -> str:
    """The question without control characters, in one line, at most MAX_QUESTION characters."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text or "")
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_QUESTION]


# "neighbours" and "neighbors", "centre" and "center", "dialogue" and "dialog", "programme" and "program".
_BRITISH = re.compile(r"(?<=[a-z]{3})(our|tre|ogue|amme)(s|ed|ing|ly)?$")
_AMERICAN = {"our": "or", "tre": "ter", "ogue": "og", "amme": "am"}
_ISE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light stem so that "bikes" finds "bike" and "donated" finds "donation".

    Memoised: the answerer stems every word of every candidate passage, and words repeat.
    """
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s$", "", w)
    return _suffix_stem(irregular_lemma(w) or w)  # "held" finds "hold", "children" "child"


_SHORT_STEM = re.compile(r"[^aeiouy][aeiou][^aeiouwxy]")


def _suffix_stem(w: str) -> str:
    # British and American spellings share a stem: "organisations" finds "organizations".
    w = _ISE.sub(r"iz\1", w)
    w = _BRITISH.sub(lambda m: _AMERICAN[m.group(1)] + (m.group(2) or ""), w)
    for suffix, repl in (("ies", "y"), ("ations", "ate"), ("ation", "ate"), ("ings", ""), ("ing", ""),
                         ("ers", "er"), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us")):
                break  # no plural: "cross", "class", "campus" (as "crossing", "classes" find them)
            w = w[: len(w) - len(suffix)] + repl
            # A short stem lost its "e" with the ending ("dated", "making"): put it back, so that
            # the word shares the stem of its dictionary form ("date", "make"), as Porter's stemmer does.
            if suffix in ("ed", "ing") and _SHORT_STEM.fullmatch(w):
                w += "e"
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]  # "arrive" and "arrived" share "arriv"
    return w


def typo_edits(word: str) -> int:
    """How many typos a word may hold and still be corrected: none under 5 letters, 1 from 5, 2 from
    9 (as Meilisearch and Typesense allow; a swap of two letters is one edit)."""
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


_GRAMMAR_ZIPF = 6.0  # English's function words and the commonest verbs ("of" 7.4, "have" 6.7, "make" 6.1)


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
        self._corrections: dict[str, str | None] = {}
        self._by_sound: dict[str, list[str]] | None = None  # terms by Metaphone key, made on first need
        # The parts of hyphenated words ("covid" of "covid-19", "washing" of "hand-washing"), for a
        # question that writes only one.
        self._hyphen_heads: dict[str, str] = {}
        # Hyphenated words by the stem of their letters run together ("cohosts" is "co-hosted").
        self._joined: dict[str, str] = {}
        for term, count in sorted(df.items(), key=lambda kv: -kv[1]):
            if "-" in term:
                for part in term.split("-"):
                    if len(part) >= 4 and part not in df and not part.isdigit():
                        self._hyphen_heads.setdefault(part, term)
                self._joined.setdefault(stem(term.replace("-", "")), term)

    def sense_score(self, sense: str) -> float | None:
        """How much a dictionary sense reads like the reports: the log document frequency of its
        words (by stem), on average; None for a sense of grammar words alone (the most frequent words
        of English: "of", "have", "be at")."""
        all_words = words(sense.lower())
        content = [w for w in all_words if zipf(w) < _GRAMMAR_ZIPF]
        if not content:
            return None if all_words else 0.0
        return sum(math.log1p(self.stems.get(stem(w), 0)) for w in content) / len(content)

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

    def _compound_head(self, term: str) -> str | None:
        """The last part of a closed compound of two English words, when the reports print it:
        "cookstoves" is a kind of "stoves", "schoolkids" of "kids" (English puts the head last)."""
        for cut in range(3, len(term) - 3):
            head, modifier = term[cut:], term[:cut]
            if (head in self.df or stem(head) in self.stems) and is_english(modifier) and is_english(head):
                return head
        return None

    def _clipped(self, term: str) -> str | None:
        """The word of the reports a rare English word is the clipped form of: the word they use
        most of those it begins, at least CLIPPED_MORE letters longer ("pharma": pharmaceutical,
        "champ": champion, "rehab": rehabilitation). Common words are words of their own ("state"
        is not "statement")."""
        if len(term) < 5 or zipf(term) >= COMMON_ZIPF:
            return None
        key = "clipped:" + term  # (remembered beside the typos: a scan of every word of the reports)
        if key not in self._corrections:
            # (a clipped word shortens a word of English, not a name: "Tomas" is no clipped "Tomasson")
            longer = [w for w in self.terms if len(w) >= len(term) + CLIPPED_MORE and w.startswith(term) and w.isalpha()
                      and is_english(w)]
            if len(self._corrections) > 50_000:
                self._corrections.clear()
            self._corrections[key] = max(longer, key=lambda w: (self.df[w], w), default=None)
        return self._corrections[key]

    def _doer_of(self, term: str) -> str | None:
        """The word of the reports an agent noun is made from, the one they use most, where they print
        it as a verb or its root is long enough to be no short noun: "rescuers" (rescue), "poachers"
        (poaching), "organisers" (organised); not "corner" (corn)."""
        m = re.fullmatch(r"([a-z]{3,}?)(e?)(?:er|or)s?", term)
        if not m:
            return None
        key = "doer:" + term
        if key not in self._corrections:
            roots = {stem(m.group(1) + m.group(2)), stem(m.group(1) + "e"), stem(m.group(1))} & set(self.stems)
            related = [w for w in self.terms if stem(w) in roots] if roots else []
            if len(self._corrections) > 50_000:
                self._corrections.clear()
            # (only a verb's: the reports print the root as one, "rescued" or "poaching", or it is
            # long enough to be no short noun: "corner" is no one who corns, nor "water" a wat)
            self._corrections[key] = max(related, key=lambda w: (self.df[w], w)) if related and (
                any(w.endswith(("ed", "ing")) for w in related) or len(m.group(1) + m.group(2)) >= 5) else None
        return self._corrections[key]

    def _sounded(self, term: str) -> str | None:
        """The word of the reports a term is typed as it sounds ("delegashun": delegation, "fotos":
        photos): the closest of those with its Metaphone key, at most SOUNDED_EDITS edits away (a
        third of its letters, up to 3), the one the reports use most among equally close ones."""
        if len(term) < 5 or not term.isalpha():
            return None
        import jellyfish  # (here: only a typo nothing else explains needs it)

        if self._by_sound is None:  # (made on the first such typo)
            self._by_sound = {}
            for w in self.terms:
                if w.isalpha() and len(w) >= 4:
                    self._by_sound.setdefault(jellyfish.metaphone(w), []).append(w)
        limit = min(SOUNDED_EDITS, -(-len(term) // 3))
        near = [(OSA.distance(term, w), -self.df[w], w) for w in self._by_sound.get(jellyfish.metaphone(term), [])]
        near = [x for x in near if x[0] <= limit]
        return min(near)[2] if near else None

    def correct(self, term: str, clip: bool = True) -> str | None:
        """The corpus word a term stands for: the term itself when the reports print it, the corpus
        word it is a typo of (or, with ``clip``, the clipped form of), or None (a real word the
        reports do not print, or nothing close).

        A real English word is never "corrected" into a word of the reports ("glasses" is not a typo
        of "classes"). A typo is at most 1 edit away at 5 or more letters and 2 at 9 or more (a
        swap of two letters is one edit), as search engines allow; shorter words are not corrected.
        """
        if term in self.df or stem(term) in self.stems or term.isdigit():
            return term
        head = self._hyphen_heads.get(term) or self._joined.get(stem(term))
        if head:  # "covid" is printed only as "covid-19", "cohost" only as "co-host"
            return head
        if "-" in term:  # a compound is read through its parts
            return None
        if is_english(term):
            # A real word the reports do not print is no typo: it is searched through its synonyms,
            # or it is a clipped form of one of theirs ("pharma": pharmaceutical).
            if any(s in self.stems for s in synonym_stems(term)):
                return term
            return self._doer_of(term) or (self._clipped(term) if clip else None)
        if not typo_edits(term):
            return None
        if term in self._corrections:
            return self._corrections[term]
        limit = typo_edits(term)
        found = (process.extract(term, self.terms, scorer=OSA.distance, score_cutoff=limit, limit=20)
                 + process.extract(term, list(self._hyphen_heads), scorer=OSA.distance, score_cutoff=limit, limit=5))
        # The closest word; among equally close ones, one that differs only by a doubled letter (the
        # commonest slip: "yunan" is Yunnan, not yuan, "comittee" committee), then the one the
        # reports use most.
        single = _undoubled(term)
        best = min(found, key=lambda f: (f[1], _undoubled(str(f[0])) != single,
                                         -self.df.get(self._hyphen_heads.get(f[0], f[0]), 0)), default=None)
        fixed = None if best is None else self._hyphen_heads.get(str(best[0]), str(best[0]))
        if fixed is None:
            fixed = self._compound_head(term) or self._sounded(term)
        if len(self._corrections) > 50_000:  # typos are unbounded; keep the memo small
            self._corrections.clear()
        self._corrections[term] = fixed
        return fixed


def _undoubled(word: str) -> str:
    """A word with every doubled letter written once ("yunnan": yunan)."""
    return re.sub(r"(.)\1+", r"\1", word)


def english_spelling(word: str) -> str | None:
    """The English word a misspelt word stands for, from wordfreq's list of common English words: the
    one closest to it as far as the typo rule allows (``typo_edits``), when no other is as close;
    None for a word of English, a short word, a name-like word nothing common resembles, or a tie
    ("donatd": donald, donated, donate) or a word written in pinyin."""
    if not typo_edits(word) or not word.isalpha() or is_english(word) or PINYIN_WORD.fullmatch(word):
        return None  # (a Chinese name in pinyin is no misspelling: "shiyan" is not "saiyan")
    found = process.extract(word, _common_english(), scorer=OSA.distance, score_cutoff=typo_edits(word), limit=3)
    if not found:
        return None
    best = min(d for _, d, _ in found)
    closest = [w for w, d, _ in found if d == best]
    return str(closest[0]) if len(closest) == 1 else None


def _typed_in_capitals(text: str, word: str) -> bool:
    """Whether a question types a word in capitals ("FOCAC"): an acronym."""
    return any(m.group(0).isupper() for m in re.finditer(r"\b" + re.escape(word) + r"\b", text, re.I))


@lru_cache(maxsize=1)
def _common_english() -> list[str]:
    """The most common English words of four letters or more (wordfreq's list, most common first)."""
    from wordfreq import top_n_list

    return [w for w in top_n_list("en", COMMON_WORDS) if len(w) >= 4 and w.isalpha()]


# How many words of one question are looked up among English's common words (each a scan of 36,000
# words, about 2 ms): a question of ten thousand random letters is not read word by word that way.
MAX_SPELT = 8
# How many of English's most common words a misspelling is read against (about 36,000 of four
# letters or more: the words of news and reports, not rare ones a typo would land on by chance).
COMMON_WORDS = 40_000


# A word is English when it is at least this frequent in English (wordfreq's Zipf scale: 3 is once
# per million words); a common word is one no name is likely to be.
ENGLISH_ZIPF = 2.5
COMMON_ZIPF = 4.0
# The most edits a word typed as it sounds may differ by from the word of the reports it sounds like.
SOUNDED_EDITS = 3
# How much longer a word must be than the rare word that begins it to be its clipped form.
CLIPPED_MORE = 3


@lru_cache(maxsize=1 << 16)
def zipf(word: str) -> float:
    """How frequent a word is in English, on wordfreq's Zipf scale (0 for a word it does not know)."""
    from wordfreq import zipf_frequency  # here: its word list loads on first use

    return float(zipf_frequency(word, "en"))


def is_english(word: str) -> bool:
    """Whether a word is a word of English (from wordfreq's word lists), not a typo or a name."""
    return zipf(word) >= ENGLISH_ZIPF and not common_misspelling(word)


# How much more frequent (on the Zipf scale: 1.8 is about 60 times) the word a rare one becomes by
# swapping two letters or doubling one must be for the rare one to be its misspelling.
MISSPELT_GAP = 1.8


@lru_cache(maxsize=1 << 14)
def common_misspelling(word: str) -> bool:
    """Whether a word wordfreq knows only as a rare one is a common misspelling of a far commoner
    word: two letters swapped ("recieve", "thier") or a letter doubled or not ("untill",
    "wellcome", "planing"). Web text, which wordfreq counts, is full of them; they are typos to be
    corrected, not words the reports failed to print."""
    own = zipf(word)
    if len(word) < 5 or own >= COMMON_ZIPF or not word.isalpha():
        return False
    forms = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1) if word[i] != word[i + 1]}
    forms |= {word[:i] + word[i] + word[i:] for i in range(len(word))}
    forms |= {word[:i] + word[i + 1:] for i in range(len(word) - 1) if word[i] == word[i + 1]}
    return any(zipf(f) - own >= MISSPELT_GAP for f in forms if f != word)


def is_adverb(word: str) -> bool:
    """Whether a word is an adverb made of a common English word with "-ly" ("mostly", "mainly",
    "basically", "happily"): it says how, never what a question is about."""
    if len(word) < 5 or not word.endswith("ly"):
        return False
    base = word[:-2]
    return any(is_common_english(b) for b in (base, base[:-1] + "y" if base.endswith("i") else "",
                                             base[:-2] if base.endswith("al") else "") if len(b) >= 4)


def is_common_english(word: str) -> bool:
    """Whether a word is a common English word (so not likely part of a person's name)."""
    return zipf(word) >= COMMON_ZIPF


def common_compound(word: str) -> bool:
    """Whether a word is two common English words run together ("businesspeople", "schoolkids"):
    what it means is plain from its parts, whatever its own frequency."""
    # (or a verb and its particle written as one noun: "writeup", "followup", "checkup")
    return (any(is_common_english(word[:cut]) and is_common_english(word[cut:]) for cut in range(3, len(word) - 2))
            or len(word) >= 5 and word.endswith("up") and is_common_english(word[:-2]))


_FOLD = re.compile(r"[^a-z0-9 ]")


def _fold(text: str) -> str:
    """Lower-case letters and spaces as they are, digits as 0, anything else as #: one character each."""
    return _FOLD.sub("#", text).translate(_DIGITS)


_DIGITS = str.maketrans("123456789", "000000000")


class BigramFilter:
    """Which of many strings can reach a fuzzy-match cutoff against a query, checked for all at once.

    rapidfuzz scores a pair in about a microsecond, so scoring every name of a large store for every
    question costs tens of milliseconds. Bigrams give a necessary condition: when two strings have a
    longest common subsequence of L characters, at least 3L - len(a) - len(b) - 1 bigrams of one are
    bigrams of the other (a character left out breaks at most two bigrams, one put in at most one),
    and a ratio of at least c means L >= (len(a) + len(b)) * c / 200. For every string at once, the
    number of bigrams it can share with the query is a sum of big integers holding one 8-bit count
    per string (a "lane"); only the strings whose count reaches the bound are scored by rapidfuzz,
    in their original order, so the result (ties included) is the same as scoring them all.

    Strings are kept in bands of similar length: a short name can only match a short stretch of a
    long question, so for each band the question is cut into overlapping pieces twice the band's
    longest name, and a name must reach the bound within one piece.
    """

    _LANE_MAX = 127  # longer strings are always scored: a lane counts at most 127 shared bigrams
    _BANDS = (12, 24, 48, 96, 127)  # the longest string of each band

    def __init__(self, strings: list[str], small: int = 0) -> None:
        self.strings = strings
        self.small = len(strings) < small  # so few that scoring them all is cheaper than filtering
        self.long = [i for i, t in enumerate(strings) if len(t) > self._LANE_MAX]
        self.bands: list[_Band] = []
        if self.small:
            return
        low = 0
        for high in self._BANDS:
            members = sorted((i for i, t in enumerate(strings) if low < len(t) <= high), key=lambda i: len(strings[i]))
            if members:
                self.bands.append(_Band(high, members, [_fold(strings[i]) for i in members]))
            low = high

    def partial(self, query: str, cutoff: float) -> list[int]:
        """Indices (ascending) of the strings whose ``fuzz.partial_ratio`` with ``query`` may be >= cutoff."""
        folded = _fold(query)
        m = len(folded)
        found = list(self.long)
        for band in self.bands:
            # The shorter string is matched against a stretch of the longer one of at most its length.
            complement = b"".join(bytes([_complement(_partial_bound(min(n, m), cutoff))]) * count
                                  for n, count in band.length_runs)
            step = band.longest
            pieces = [folded] if m <= 2 * step else [folded[s:s + 2 * step] for s in range(0, m - step, step)]
            found += band.hits(pieces, complement)
        # A partial match needs that many of the shorter string's characters, in order, in the longer
        # one: a check a fraction of the cost of scoring, which leaves out most of what bigrams let through.
        strings = self.strings
        return [i for i in sorted(found) if LCSseq.similarity(query, strings[i],
                                                             score_cutoff=_partial_common(min(m, len(strings[i])), cutoff))]

    def ratio(self, query: str, cutoff: float) -> list[int]:
        """Indices (ascending) of the strings whose ``fuzz.ratio`` with ``query`` may be >= cutoff."""
        folded = _fold(query)
        la = len(folded)
        found = list(self.long)
        for band in self.bands:
            if cutoff > 0 and (band.longest * (200 - cutoff) < la * cutoff or band.shortest * cutoff > la * (200 - cutoff)):
                continue  # no length of the band can reach the cutoff against this query
            parts = []
            for lb, count in band.length_runs:
                if 200 * min(la, lb) < cutoff * (la + lb):  # the lengths alone keep the ratio under the cutoff
                    parts.append(bytes(count))
                else:
                    parts.append(bytes([_complement(_ratio_bound(la, lb, cutoff))]) * count)
            found += band.hits([folded], b"".join(parts))
        return sorted(found)


class _Band:
    """The lanes of strings of one length band: their bigram counts as big integers."""

    def __init__(self, longest: int, members: list[int], folded: list[str]) -> None:
        self.longest = longest
        self.shortest = min((len(t) for t in folded), default=0)
        self.members = members  # lane -> index of the string
        self.n = len(members)
        self.length_runs: list[tuple[int, int]] = []  # (length, lanes): lanes ascend by length
        for t in folded:
            if self.length_runs and self.length_runs[-1][0] == len(t):
                self.length_runs[-1] = (len(t), self.length_runs[-1][1] + 1)
            else:
                self.length_runs.append((len(t), 1))
        counts: dict[str, bytearray] = {}
        for lane, t in enumerate(folded):
            for j in range(len(t) - 1):
                g = t[j:j + 2]
                row = counts.get(g)
                if row is None:
                    row = counts[g] = bytearray(self.n)
                row[lane] += 1
        self.grams = {g: int.from_bytes(row, "little") for g, row in counts.items()}
        self.high = int.from_bytes(b"\x80" * self.n, "little")

    def hits(self, pieces: list[str], complement: bytes) -> list[int]:
        """Strings whose shared-bigram count with one of the pieces reaches their bound.

        ``complement`` holds 128 - bound per lane: a lane's count plus it reaches 128 (its top bit)
        exactly when the count reaches the bound, and never carries into the next lane.
        """
        comp = int.from_bytes(complement, "little")
        hit = 0
        for piece in pieces:
            shared = comp
            for g in {piece[j:j + 2] for j in range(len(piece) - 1)}:
                shared += self.grams.get(g, 0)
            hit |= shared & self.high
        if not hit:
            return []
        members = self.members
        return [members[m.start()] for m in _NONZERO.finditer(hit.to_bytes(self.n, "little"))]


def _complement(bound: int) -> int:
    """128 - the bigrams a lane must share (a bound of 0 or less lets every string through)."""
    return 128 - bound if bound > 0 else 128


@lru_cache(maxsize=4096)
def _ratio_bound(la: int, lb: int, cutoff: float) -> int:
    """Bigrams two strings of these lengths share at least when their ``fuzz.ratio`` is >= cutoff."""
    common = math.ceil((la + lb) * cutoff / 200 - 1e-7)  # characters of their longest common subsequence
    return 3 * common - la - lb - 1


@lru_cache(maxsize=4096)
def _partial_bound(n: int, cutoff: float) -> int:
    """Bigrams a string of length n shares at least with the stretch of text it matches with
    ``fuzz.partial_ratio`` >= cutoff: the stretch is at most n long, and long enough for the ratio."""
    if cutoff <= 0:
        return 0
    shortest = max(1, math.ceil(n * cutoff / (200 - cutoff) - 1e-7))
    return min((_ratio_bound(n, w, cutoff) for w in range(shortest, n + 1)), default=0)


@lru_cache(maxsize=4096)
def _partial_common(n: int, cutoff: float) -> int:
    """Characters (at least 1) that a string of length n has in common, in order, with the stretch of text
    it matches with ``fuzz.partial_ratio`` >= cutoff, so with any text that holds the stretch."""
    shortest = max(1, math.ceil(n * cutoff / (200 - cutoff) - 1e-7))
    return max(1, min((math.ceil((n + w) * cutoff / 200 - 1e-7) for w in range(shortest, n + 1)), default=1))


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
        # Each organisation's names in Latin letters and its acronyms: what an English question calls it.
        self.english_names: dict[int, list[str]] = {}
        for surface, kind, ref in rows:
            if kind in ("org", "acronym") and not _CJK.search(surface):
                self.english_names.setdefault(int(ref), []).append(surface)
            if kind == "acronym":
                self.acronyms.setdefault(surface.lower(), []).append(int(ref))
            elif kind == "org":
                self.org_names.append((surface, int(ref)))
            elif kind == "person":
                self.person_names.append((surface, int(ref)))
            elif kind == "report":
                self.report_names.append((surface, ref))
        # Organisations by the Chinese names the reports print: a Chinese question names them so.
        self.zh_orgs: dict[str, list[int]] = {}
        for surface, oid in self.org_names:
            if _CJK.search(surface):
                self.zh_orgs.setdefault(surface, []).append(oid)
        # People by their Chinese names (a report written in Chinese prints them so).
        self.zh_people: dict[str, list[int]] = {}
        for surface, pid in self.person_names:
            if _CJK.search(surface):
                self.zh_people.setdefault(surface, []).append(pid)
        self._long_acronyms = [a for a in self.acronyms if len(a) >= 5]  # those a typo may stand for
        # The initials of every name written in English ("China Youth Development Foundation": cydf):
        # a question may shorten a name that the reports only ever spell out.
        self.initials: dict[str, list[int]] = {}
        for surface, oid in self.org_names:
            if not _CJK.search(surface):
                for a in name_initials(surface):
                    self.initials.setdefault(a, []).append(oid)
        self._person_lower = [n.lower() for n, _ in self.person_names]
        self._org_lower = [n.lower() for n, _ in self.org_names]
        # Prepared once per store: the sorted words of every person's name, and bigram filters.
        self._person_sorted = [_sorted_tokens(n) for n in self._person_lower]
        # Short windows against short names: rapidfuzz alone is faster until there are thousands.
        self._person_filter = BigramFilter(self._person_sorted, small=2000)
        self._org_filter = BigramFilter(self._org_lower)

    def _people_like(self, window: str, cutoff: float, limit: int) -> list[tuple[float, int]]:
        """What ``process.extract(window, people, scorer=token_sort_ratio, score_cutoff, limit)`` gives, as
        (score, index), scoring only the names that can reach the cutoff."""
        query = _sorted_tokens(window)
        if self._person_filter.small:
            return [(score, i) for _, score, i in process.extract(query, self._person_sorted, scorer=fuzz.ratio,
                                                                  score_cutoff=cutoff, limit=limit)]
        idx = self._person_filter.ratio(query, cutoff)
        if not idx:
            return []
        names = self._person_sorted
        found = process.extract(query, [names[i] for i in idx], scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        return [(score, idx[j]) for _, score, j in found]

    def _orgs_like(self, low: str, cutoff: float, limit: int) -> list[tuple[str, float, int]]:
        """What ``process.extract(low, org names, scorer=partial_ratio, score_cutoff, limit)`` gives."""
        if self._org_filter.small:
            return list(process.extract(low, self._org_lower, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=limit))
        idx = self._org_filter.partial(low, cutoff)
        if not idx:
            return []
        names = self._org_lower
        found = process.extract(low, [names[i] for i in idx], scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=limit)
        return [(cand, score, idx[j]) for cand, score, j in found]

    def best_org(self, low: str, cutoff: float) -> tuple[float, int] | None:
        """What ``process.extractOne(low, org names, scorer=fuzz.ratio, score_cutoff)`` gives, as (score, index)."""
        return _best(low, self._org_lower, self._org_filter, cutoff)

    def best_person(self, sorted_low: str, cutoff: float) -> tuple[float, int] | None:
        """The same for people's names, their words sorted (``sorted_low`` likewise)."""
        return _best(sorted_low, self._person_sorted, self._person_filter, cutoff)

    def match_people(self, text: str, cutoff: float = 86) -> list[tuple[int, float, str]]:
        """People whose name a question writes, allowing typos and either name order."""
        found: dict[int, tuple[float, str]] = {}
        # (A name does not run across punctuation: "Lin Yuan - who is she" names no "Yuan Hao".)
        for clause in _CLAUSE_BREAK.split(text.lower()):
            toks = re.findall(r"[a-z][a-z'’-]+", clause)
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

    def _acronym_typo(self, tok: str) -> list[int]:
        """The organisations of the one acronym (of 5 letters or more) a token is a typo of: one
        edit, a swap of two letters counting as one; none where two acronyms are as close."""
        close = process.extract(tok, self._long_acronyms, scorer=OSA.distance, score_cutoff=1, limit=2)
        return list(self.acronyms[close[0][0]]) if len(close) == 1 else []

    def match_orgs(self, text: str) -> list[tuple[int, float, str]]:
        """Organisations a question names by acronym or by (part of) their name."""
        out: dict[int, tuple[float, str]] = {}
        for tok in re.findall(r"[A-Za-z][A-Za-z0-9&-]{1,11}", text):
            ids = self.acronyms.get(tok.lower())
            if not ids and len(tok) >= 5 and tok.isalpha() and not is_english(tok.lower()):
                ids = self._acronym_typo(tok.lower())  # "cafui": CAFIU
            if not ids and len(tok) >= INITIALS_MIN and tok.isalpha() and not is_english(tok.lower()):
                # the initials of a name that no report shortens ("cydf"), where few names have them
                ids = self.initials.get(tok.lower(), [])
                ids = ids if len(ids) <= MAX_INITIALS_NAMES else []
            # (a short one typed in lower case only where it is no common word: "ccg", not "who")
            if ids and (tok.isupper() or len(tok) >= 4 or not is_common_english(tok.lower())):
                for oid in ids:
                    out[oid] = (100.0, tok)
        low = text.lower()
        if len(low) >= 8:
            for cand, score, idx in self._orgs_like(low, 90, 8):
                if len(cand) >= 10 and len(cand.split()) >= 2 and len(cand) <= len(low) + 4:
                    oid = self.org_names[idx][1]
                    held = out.get(oid, (0.0, ""))
                    # (the name written out beside its acronym, "the Silk Road NGO Cooperation Network
                    # (SIRONET)", is how the question names it: its words are the name's, not a subject)
                    if score > held[0] or score == held[0] and len(cand) > len(held[1]):
                        out[oid] = (float(score), cand)
        return [(oid, s, w) for oid, (s, w) in out.items()]


def _part_of_name(text: str, pm: PlaceMatch, surface: str) -> bool:
    """Whether a place found in a question is written as part of an organisation's name matched in
    it: inside the name as written (Chinese), or next to another word of the name ("Beijing" of
    "the Beijing Peaceland Foundation"; not of "Peaceland Foundation in Beijing")."""
    if _CJK.search(surface):
        at = text.find(surface)
        return at >= 0 and at <= pm.start < at + len(surface)
    own = set(words(surface.lower())) - {"of", "the", "for", "and", "in"}
    if not set(words(pm.surface.lower())) <= own:
        return False
    before, after = words(text[:pm.start].lower()), words(text[pm.end:].lower())
    return bool(before and before[-1] in own or after and after[0] in own)


def _best(query: str, strings: list[str], filt: BigramFilter, cutoff: float) -> tuple[float, int] | None:
    """The first string with the best ``fuzz.ratio`` >= cutoff, scoring only those the filter lets through
    (in their order, so that ties go the same way as scoring them all)."""
    idx = range(len(strings)) if filt.small else filt.ratio(query, cutoff)
    if not idx:
        return None
    found = process.extractOne(query, [strings[i] for i in idx], scorer=fuzz.ratio, score_cutoff=cutoff)
    return (found[1], idx[found[2]]) if found else None


# --- intent: a table of question shapes, tried in order -------------------------------------------
# The shapes are read from the English question (or the English gloss of a Chinese one). The word
# sets below are English grammar (question words, words that ask for a list or a report's contents),
# not words of the reports.

_REPORT_CONTENTS = re.compile(r"\b(summar\w*|overview|highlights?|what'?s in|what is in|contents?|inside|"
                              r"cover(?:s|ed|ing)?|about|topics?|themes?|subjects?|focus\w*|"
                              r"(?:main|key) (?:stories|items|points)|gist|recap|rundown|tell me about)\b")
# A part of a report ("the New Insights section of ..."): the report's card lists it.
_SECTION = re.compile(r"\b(?:section|chapter|column|rubric)s?\b")
_REPORT_FACTS = re.compile(r"\b(publish\w*|issued?|released?|came out|edition|editor\w*|printed|produced|sponsor\w*|"
                           r"compil\w*)\b")
# What a report's colophon prints of it: its address, telephone, e-mail, serial number (English and
# Chinese words for these).
REPORT_COLOPHON = re.compile(r"\b(?:(?:postal |mailing |street |office )?address(?:es)?|contacts?|contact details|e-?mails?|"
                             r"(?:tele)?phone(?: number)?s?|tel|fax|issn|cn number|serial numbers?|post ?codes?|zip codes?|"
                             r"write to)\b|地址|电话|邮箱|电子邮件|传真|联系方式|刊号", re.I)
# A question that asks which outlet printed a story: a kind of publisher after "which"/"what", or
# the source of a story (in Chinese: 哪家媒体, 哪份报纸, 来源).
# Verbs of an outlet carrying a story.
_STORY_VERBS = "ran|run|reported|published|printed|carried|covered"
# Kinds of outlet a story is asked of ("which website", "what newspaper").
_OUTLET_KINDS = r"outlet|newspaper|paper|website|web\s+site|site|magazine|journal|publisher|news\s+site"
# Verbs of a page coming out.
_CAME_OUT = r"published|posted|released|issued|updated|put\s+(?:out|online)|dated|written|came\s+out"
OUTLET_ASK = re.compile(rf"(?i)\b(?:which|what)\s+(?:[\w'’-]+\s+)?(?:media|agency|{_OUTLET_KINDS})s?\s+(?:\w+\s+){{0,3}}?"
                          rf"(?:{_STORY_VERBS}|"
                          r"is\s+(?:given\s+as\s+)?the\s+source|was\s+the\s+source)\b|"
                          # "which website is the article about X from"
                          rf"\b(?:which|what)\s+(?:[\w'’-]+\s+)?(?:{_OUTLET_KINDS})s?\s+(?:is|was)\s+(?:the|this|that)\s+"
                          r"(?:[\w'’-]+\s+){0,2}?(?:story|article|report|page|piece|post|item|news)\b|"
                          r"\b(?:source|publisher|outlet|website)\s+of\s+the\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:story|article|report|page|news|item|entry|piece|post|list)\b|"
                          # "who published the news list that reports X", "who put out the page on X"
                          r"\bwho\s+(?:published|posted|put\s+out|put\s+online|released|issued)\s+(?:the|this|that)\b|"
                          r"哪(?:家|个|份|本)(?:媒体|报纸|报社|网站|通讯社|杂志|期刊)(?:报道|刊登|发布)|稿件来源")


# A question that asks who wrote a story (in Chinese: 哪位记者, 谁写的, 作者是谁).
WRITER_ASK = re.compile(r"(?i)\bwho\s+(?:wrote|authored)\b|"
                        r"\bwho\s+reported\s+(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?(?:story|article|report|piece|page|news|item)\b|"
                        r"\bwhich\s+(?:reporter|journalist|writer|author)\b|"
                          r"\b(?:reporter|journalist|author|writer)\s+of\s+the\s+(?:story|article|report|piece|page)\b|"
                          r"哪(?:位|个|名)(?:记者|作者)|谁写的|作者是谁|记者是谁")


# A question that asks when a page, described by what it tells, came out: "when was the page about X
# published", "on what date was the article on X posted".
PUBLISHED_ASK = re.compile(r"(?i)\b(?:when|what\s+(?:day|date)|which\s+(?:day|date))\s+(?:was|were|did)\s+(?:the|this|that)\s+"
                           r"(?:[\w'’-]+\s+){0,2}?(?:page|article|story|piece|post|item|news|report|list|entry|release|feature)\s+"
                           r"(?:about|on|that|which|describing|covering|reporting|of)\b"
                           rf"(?=.*\b(?:{_CAME_OUT})\b)"
                           # "what is the date of the page about X": the page's own date
                           r"|\b(?:date|day)\s+of\s+(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?(?:page|article|piece|post|story)\s+"
                           r"(?:about|on|that|which|describing|covering|reporting|of)\b")


def story_asked(text: str) -> str:
    """A question about the outlet or the writer of a story, as the story alone: "which news outlet
    ran the story about X" is "X", "who wrote the article Help Beyond Borders" is "Help Beyond
    Borders" (the words that ask for them, which no event prints, and the story's generic nouns)."""
    m = OUTLET_ASK.search(text) or WRITER_ASK.search(text) or PUBLISHED_ASK.search(text)
    if not m:
        return text
    rest = _STORY_WORDS.sub("", text[m.end():])
    # (and, after the story, the words that ask when it came out, or by whom: "..., and by which outlet")
    rest = _ASKED_AFTER_STORY.sub("", rest)
    before = text[:m.start()]
    if _ASKING_WORDS.fullmatch(before):
        before = ""  # "who is the publisher of ...": the question words, no part of the story
    return f"{before} {rest}"


# The words between the ask for a story's outlet or writer and the story itself.
_ASKING_WORDS = re.compile(r"(?i)\W*(?:(?:who|what|which|when|is|was|are|were|the|a|an|and|tell|me|please|can|you)\W+)*")
_ASKED_AFTER_STORY = re.compile(r"(?i)(?:,?\s*(?:and\s+)?(?:when|by\s+whom|by\s+which\s+\w+|who|which\s+\w+)\b.*)?"
                                rf"\b(?:{_CAME_OUT})\b.*$"
                                r"|,?\s*and\s+(?:by\s+)?(?:which|what|who|when)\b.*$")
_STORY_WORDS = re.compile(rf"(?i)^(?:\s*\b(?:{_STORY_VERBS}|wrote|written|is|was|"
                          r"given|as|the|a|an|that|source|of|story|article|report|page|piece|item|news|about|on|"
                          r"covering|by)\b)+")


# Where and in what language a report is read (the catalog's URL and language): English grammar and
# words of reading a publication, and their Chinese.
REPORT_ACCESS = re.compile(r"\b(?:url|urls|links?|websites?|web ?sites?|web ?pages?|online|on the (?:web|internet)|"
                           r"download\w*|pdf|languages?|in (?:english|chinese)|(?:english|chinese) version|translat\w*|"
                           r"(?:where|how) (?:can|could|do|may) i (?:read|find|get|see|access|download))\b|"
                           r"网址|链接|网站|网页|在线|下载|什么语言|哪种语言|语言|英文版|中文版|英文|中文|哪里(?:可以)?(?:看|读|找|下载)", re.I)
_LIST_ASK = re.compile(r"\b(events?|happen\w*|activit\w*|list\w*|timeline|what went on|what (?:did|do|does|have|has|had|were|was|are|is) .+ (?:do|done|doing)|"
                       r"(?:get|got|been) up to|active|involv\w*|engag\w*|presence|what was done|"
                       r"everything|all|work(?:s|ed|ing)?|news|exchanges?|programmes?|programs?|projects?|occur\w*|"
                       # "what kinds of projects has X carried out": the kind of thing asked, and verbs
                       # that say only that something was done
                       r"kinds?|types?|sorts?|carr(?:y|ies|ied|ying)|conduct(?:s|ed|ing)?|undert(?:ake|akes|ook|aken)|"
                       r"implement(?:s|ed|ing)?)\b")
# A request for all there is: "give me everything from that year", "collect what you have", "list
# all of it".
_ALL_ASK = re.compile(r"\b(?:give me|show me|list|collect|send me|tell me)\s+(?:everything|all\b|what(?:ever)? you(?:'ve| have)?)|"
                      r"\beverything (?:you have|from|in|on|about)\b|\bwhat(?:ever)? you(?:'ve| have)? (?:got )?(?:from|for|on|in)\b")
# The same asks in Chinese: "what activities", "news of", "what happened", "what did ... do".
_ZH_LIST_ASK = re.compile(r"(?:哪些|什么|所有|全部)(?:活动|项目|交流|事件|合作|援助|捐赠)|报道|新闻|消息|动态|发生了什么|"
                          r"做了什么|开展了什么|有什么动作|大事")
# "which events ...": "which" before a word for events asks for a list, not for a name.
_WHICH_LIST = re.compile(r"\bwhich (?:\w+ )?(?:events?|activit\w*|exchanges?|programmes?|programs?|projects?)\b")
# "took place", "was going on": English verbs for happening, which name no subject ("place").
_HAPPENED = re.compile(r"\b(?:take|takes|took|taken|taking) place\b|\b(?:go|goes|going|went) on\b")
# "how many events/articles": what a report's card counts.
_COUNTS_ITEMS = re.compile(r"\bhow many (?:\w+ )?(?:events|items|articles|stories|entries|pieces|activities)\b"
                           # (not what someone did: "how many activities did the foundation hold", unless
                           # the verb is the report's: "how many events did the news cover")
                           r"(?!.*\bdid\b(?!.*\b(?:report|cover|list|include|feature|mention|carry|contain|have|print|describe|tell)\b))")
# The kind of place written after a capitalised name ("Oromia region", "Kitui County", "Magwe Province").
_PLACE_KIND_AFTER_NAME = re.compile(r"\b(?!(?:What|Which|Whose|How|Where|When|Who|The|This|That|Each|Every|Any|Its|Their)\b)"
                                    r"[A-Z][A-Za-z-]+ ((?i:region|province|state|county|district|prefecture|"
                                    r"municipality|governorate|oblast|township|commune))\b(?!-)")
# Nouns that ask for a number of people: "the headcount", "the turnout".
_PEOPLE_COUNT_ASK = re.compile(r"\bhead-?\s?counts?\b|\bturnouts?\b")
_HOW_MANY = re.compile(r"\bhow (?:many|much|big|large|long)\b|\bnumber of\b|\bamount\b|\btotal\b|\btall(?:y|ies)\b|"
                       + _PEOPLE_COUNT_ASK.pattern)
_WHICH_TIME = re.compile(r"\b(?:which|what) (?:year|day|month|date)\b")
_WHEN = re.compile(r"\bwhen\b|\bwhat (?:date|day|time|year|month)\b|\bwhich (?:date|day|year|month)\b|\bdates?\b"
                   r"|\b(?:exact|precise|specific|particular) (?:day|time|year|month)\b")
# ("in which countries": a plural asks for places as the singular does.)
_WHERE = re.compile(r"\bwhere\b|\bvenue\b|\blocation\b|\b(?:which|what) (?:[a-z]+ ){0,2}(?:cit(?:y|ies)|countr(?:y|ies)|towns?|"
                    r"provinces?|places?|venues?|regions?|villages?|count(?:y|ies)|districts?|states?|islands?|capitals?)\b"
                    # (not "which district head", "which city's mayor": a person of the place is asked)
                    r"(?!(?:'s)?\s+(?:heads?|mayors?|governors?|leaders?|chiefs?|officials?|representatives?|"
                    r"chairm[ae]n|secretar(?:y|ies)|directors?|presidents?)\b)")
_WHO = re.compile(r"\bwho\b|\bwhom\b|\bwhose\b|\bwhich\b|\b(?:his|her|their) names?\b|"
                  r"[-–:,]\s*(?:what(?:'s| is| was) )?(?:his |her |the |their )?names?\s*\??\s*$")
_ROLE = re.compile(r"\b(role|title|position|job|post|works? (?:for|at|with)|employ\w*|affiliat\w*|belongs? to)\b")
# Punctuation between clauses: a dash with spaces round it, a colon, a comma, a bracket, a quote mark.
_CLAUSE_BREAK = re.compile(r"\s[-–—]+\s|[-–—]{2,}|[:;,?!()\"“”]|\.(?:\s|$)")
_PRONOUN_ASK = re.compile(r"^((?:[^\s,:;]+\s+){0,4}[^\s,:;]+?)\s*[-–—:,]\s*(who|what)\s+(is|was|are|were)\s+(?:he|she|they|it|this|that)\s*\??$")
_WHO_IS = re.compile(r"^(?:who\s+is|who's|who\s+was|who\s+are|tell\s+me\s+about|profile\s+of|about)\s+(.+?)\s*\??$")
_WHAT_IS = re.compile(r"^(?:what\s+is|what's|what\s+are|what\s+was|what\s+does\s+(.+?)\s+do|tell\s+me\s+about|"
                      r"profile\s+of|about)\s+(.+?)\s*\??$")
# Chinese shapes of "what is X" / "who is X" (grammar, like the English ones above).
_ZH_WHAT_IS = re.compile(r"是什么|是哪个组织|是哪家|什么组织|什么机构|介绍|简介|概况")
_ZH_WHO_IS = re.compile(r"是谁|什么人|简历|职务")
# "X是谁？": X alone before the question, a few characters (a name; "的" would make it a description).
_ZH_WHO_SUBJECT = re.compile(r"^\s*([\u3400-\u9fff·]{2,6})\s*(?:是谁|是什么人|是何人)\s*[？?。]?\s*$")


@dataclass(frozen=True)
class _Shape:
    """What a question's wording and the names in it say, for the intent rules."""

    low: str
    zh: bool
    report_named: bool
    people: bool
    orgs: bool
    filters: bool  # a place, a period, an organisation, a person or a report selects events
    other_filters: bool  # a place or a period
    narrowed: bool  # a place or a month: part of a report, not all of it
    subject_words: int  # content words that are not filters
    topic_words: int  # of those, the words that are not the asking of a report's contents
    doer_words: int  # of those, words for who acts ("NGOs", "groups"): "Chinese NGOs in Nepal" lists
    org_asked: bool  # all of those ask about an organisation itself ("what kind of group is X")
    who_is: "re.Match[str] | None"
    what_is: "re.Match[str] | None"
    subject_is_org: bool  # "what is X" where the organisations named make up X
    looks_like_name: bool  # "who is X" where X could be a person's name
    zh_person_asked: bool = False  # "杨万明是谁", "杨万明的职务": the person named is the one asked about


# A clause that sets the scene before the question ("when the supplies arrived late, which director
# ..."): a conjunction, then words up to a comma, then a question word.
_LEADING_CLAUSE = re.compile(r"^\W*(?:when|while|after|before|once|since|as soon as|if)\b[^,?]{3,}?,\s*"
                             r"(?=(?:who|whom|whose|which|what|where|how|when)\b)")


# Words that are no noun a relative clause could describe ("and who", "tell me where", "was when").
_NO_ANTECEDENT = "and|or|but|so|then|is|was|are|were|of|to|asks?|know|tell|me"
# A description before the question that holds a relative "where" or "when" (a noun right before it:
# "the symposium where the counsellor spoke"), then a break and the question word that asks ("- which
# university co-hosted it?"): the description says which event, the last clause what is asked.
_RELATIVE_DESCRIPTION = re.compile(
    rf"^[^?]*?\b(?!(?:{_NO_ANTECEDENT}|from|out|say|says|said)\b)"
    r"[a-z]{3,}\s+(?:where|when)\b[^?]*?(?:\s[-–—]+\s|[:;,?]\s*)"
    r"(?=(?:and\s+)?(?:roughly |approximately |about |exactly )?(?:who|whom|whose|which|what|how)\b)")


def main_clause(low: str) -> str:
    """A question without a clause that sets the scene before it, or describes its event by a relative
    "where" or "when": what it asks is in its main clause ("when the supplies arrived late, which
    director borrowed trucks" asks who, not when; "the forum where she spoke - who hosted it?" who,
    not where; "what did the mayor give them when they visited?" what, not when)."""
    return _without_trailing_clause(_RELATIVE_DESCRIPTION.sub("", _LEADING_CLAUSE.sub("", low)))


# The question word a question opens with (after a preposition: "in which year").
_OPENING_ASK = re.compile(r"^\W*(?:(?:in|on|at|for|from|with|by|to|of|during)\s+)?(?:which|what|who|whom|whose|how|where|when)\b")
_NO_ANTECEDENT_WORDS = frozenset(_NO_ANTECEDENT.split("|"))


def _without_trailing_clause(low: str) -> str:
    """A question that opens with its question word without the clause a later "when" or "where"
    opens after a word of its own ("... put on when the network turned sixty", "... the town where
    they met"): that clause says which event, not what is asked. (Not after "and", a comma or a dash:
    "which school, and when?" asks both.)"""
    opening = _OPENING_ASK.match(low)
    if not opening:
        return low
    for m in re.finditer(r"\b(?:when|where)\b", low[opening.end():]):
        before = low[:opening.end() + m.start()]
        prev = re.search(r"([a-z0-9'’]+)\s+$", before)
        if prev and prev.group(1) not in _NO_ANTECEDENT_WORDS:
            return before.rstrip() + "?"
    return low


def _who_asked(low: str) -> bool:
    low = _WHICH_LIST.sub(" ", low)
    if _OTHER_ASK.search(low) and not re.search(r"\bnames?\b", low):
        # "the doctor who joined the team in the 1930s - what anniversary fell in 2010": a "who" right
        # after a noun opens a clause that describes, where another question word asks (and no name
        # is asked for: "what is the name of the man who led it")
        low = _WHO_AFTER_WORD.sub(lambda m: m.group(0) if m.group(1) in ("and", "or", "but") else f"{m.group(1)} ", low)
    m = _RELATIVE_WHICH.search(low)
    if m and _ASKED_BEFORE.search(low[:m.start()]):
        # "what was the series called in which people from 46 countries filmed themselves": a clause
        # that describes, after the question word that asks
        low = f"{low[:m.start()]} {low[m.end():]}"
    return bool(_WHO.search(low))


# A question word other than "who"; a "who" after a word (its noun, or a conjunction: "and who").
_OTHER_ASK = re.compile(r"\b(?:what|which|when|where|how)\b")
_WHO_AFTER_WORD = re.compile(r"\b([a-z0-9'’]+)\s+who\b")
# "in which", "during which": a relative clause, when a question word asks before it.
_RELATIVE_WHICH = re.compile(r"\b(?:in|at|of|by|during|through|from|with|for|on|to|under|after|before)\s+which\b")
_ASKED_BEFORE = re.compile(r"\b(?:what|how|when|where|who)\b")


# "which ngos worked in X": the groups at work in a place or a period are its events' (a list); a
# single one ("which charity") is a name asked for.
_WHICH_GROUPS = re.compile(r"\bwhich (?:\w+ )?(?:ngos|organi[sz]ations|groups|charities|foundations|associations)\b")


def _fact_asked(s: _Shape) -> bool:
    # ("哪些活动" glosses "which activity": a list asked in Chinese, not a name.)
    who = (_who_asked(_WHICH_GROUPS.sub(" ", s.low) if s.other_filters else s.low)
           and not (s.zh and _ZH_LIST_ASK.search(s.low)))
    return bool(_HOW_MANY.search(s.low) or _WHEN.search(s.low) or _WHERE.search(s.low) or who)


_INTENT_RULES: tuple[tuple[Intent, Callable[[_Shape], bool]], ...] = (
    # A report's contents, publisher or date.
    # (Not when a month or a place narrows it: "SIRONET news, March 2018" lists that month's events.)
    # (Nor when a place or a number is asked: "where is X printed", "how many pages": no card holds it.)
    # (Where it is read is on its card: "where can I read X online".)
    (Intent.REPORT, lambda s: s.report_named and not s.people and not s.orgs and not s.narrowed
     and (not _WHERE.search(s.low) or bool(REPORT_ACCESS.search(s.low)))
     and (not _HOW_MANY.search(s.low) or bool(_COUNTS_ITEMS.search(s.low)))
     and ((bool(_REPORT_CONTENTS.search(s.low)) and s.topic_words == 0) or bool(_REPORT_FACTS.search(s.low))
          or bool(REPORT_ACCESS.search(s.low)) or bool(_COUNTS_ITEMS.search(s.low)) or bool(REPORT_COLOPHON.search(s.low))
          or bool(_SECTION.search(s.low)) or s.subject_words == 0 or (s.zh and s.subject_words <= 2))),
    # A profile: "what is X", "who is X", a bare name.
    (Intent.ORG, lambda s: s.orgs and not s.people and (
        s.subject_is_org or (s.zh and bool(_ZH_WHAT_IS.search(s.low)) and s.subject_words <= 2 and not _fact_asked(s))
        or ((s.subject_words == 0 or s.org_asked) and not s.other_filters and not _fact_asked(s)))),
    # (In Chinese, "是谁" asks about the person only right after the name: "杨万明访问埃塞俄比亚时，中国驻
    # 埃塞俄比亚大使是谁" asks who the ambassador was.)
    (Intent.PERSON, lambda s: s.people and (bool(s.who_is) or s.zh_person_asked
                                             or bool(_ROLE.search(s.low)) or s.subject_words == 0)),
    (Intent.PERSON, lambda s: bool(s.who_is) and not s.orgs and s.looks_like_name and not s.other_filters),
    # What a report says about something: its events that hold it ("what does the Beijing report say
    # about the UN").
    (Intent.LIST, lambda s: s.report_named and not _fact_asked(s) and bool(_REPORT_CONTENTS.search(s.low))
     and 0 < s.topic_words <= 3),
    # A report narrowed to a month or a place, asked only what it holds there ("what did the SIRONET
    # news cover in February 2018"): that part's events.
    (Intent.LIST, lambda s: s.report_named and s.narrowed and s.topic_words == 0 and not _fact_asked(s)),
    # Everything a filter selects, asked for as such ("... in 2016? give me everything from that year").
    (Intent.LIST, lambda s: s.filters and not _fact_asked(s) and bool(_ALL_ASK.search(s.low))),
    # The events a filter selects, when no single fact is asked for.
    (Intent.LIST, lambda s: s.filters and not _fact_asked(s) and (s.subject_words == s.doer_words or (
        (bool(_LIST_ASK.search(s.low)) or s.zh and bool(_ZH_LIST_ASK.search(s.low))) and s.subject_words <= 3))),
    (Intent.HOW_MANY, lambda s: bool(_HOW_MANY.search(s.low))),
    (Intent.WHEN, lambda s: bool(_WHEN.search(s.low))),
    (Intent.WHERE, lambda s: bool(_WHERE.search(s.low))),
    (Intent.WHO, lambda s: _who_asked(s.low)),
    (Intent.ORG, lambda s: s.orgs and not s.people and s.subject_words == 0),
    (Intent.REPORT, lambda s: s.report_named and s.subject_words == 0 and not s.narrowed),
)


def _intent(shape: _Shape) -> Intent:
    """The first rule of the table that the question's shape meets; a fact question otherwise."""
    return next((intent for intent, rule in _INTENT_RULES if rule(shape)), Intent.WHAT)


class ReportTitles:
    """The reports' titles, prepared once per store for spotting a question that names a report."""

    def __init__(self, titles: dict[str, tuple[str, str | None, str]], publishers: dict[str, str] | None = None,
                 common: "Callable[[str], bool] | None" = None) -> None:
        self.titles = titles  # report id -> (title, Chinese title, issue date)
        # A title word the reports' text uses all the time ("china", "exchange", "news") does not name
        # a report by itself: "exchanges between china and germany" asks about exchanges.
        self._common = common or (lambda w: False)
        self.publishers = {rid: p.lower() for rid, p in (publishers or {}).items() if p}
        self._zh = [(rid, zh) for rid, (_, zh, _) in titles.items() if zh]
        # Compiled once per title (a series' issues share theirs), not once per report and question.
        self._zh_patterns = {zh: self._zh_title(zh) for _, zh in self._zh}
        self._zh_non_ascii = not any(zh.isascii() for zh in self._zh_patterns)
        self._order = {rid: i for i, rid in enumerate(titles)}
        # Titles with the same key words score the same: a series of many issues is one group.
        self._groups: dict[tuple[str, ...], list[str]] = {}
        for rid, (title, _, _) in titles.items():
            t = re.sub(r"[^a-z0-9 ]", " ", title.lower())
            key_words = tuple(w for w in t.split() if len(w) > 3 and w not in STOPWORDS)
            self._groups.setdefault(key_words, []).append(rid)
        # The groups by their words that are not numbers: only a group with such a word in the question
        # can be named, so a question looks at those groups, not at every report of an archive.
        self._groups_of: dict[str, list[tuple[str, ...]]] = {}
        for key_words in self._groups:
            for w in dict.fromkeys(w for w in key_words if not w.isdigit()):
                self._groups_of.setdefault(w, []).append(key_words)
        self._group_order = {g: i for i, g in enumerate(self._groups)}
        # Every word of a title or a publisher's name: a word of the reports, though no event prints it.
        self.words = frozenset(w for rid, (title, _, _) in titles.items()
                               for w in words(f"{title} {self.publishers.get(rid, '')}"))
        # Publishers' acronyms: one a publisher prints in brackets, or the initials of its name.
        self._acronyms: dict[str, list[str]] = {}
        for rid, publisher in self.publishers.items():
            for part in re.split(r"[,;]", publisher):
                found = set(re.findall(r"\(([a-z][a-z&-]{1,9})\)", part))
                initials = "".join(w[0] for w in re.sub(r"\(.*?\)", " ", part).split()
                                   if w not in _NOT_INITIAL and w[0].isalpha())
                if len(initials) >= 3:
                    found.add(initials)
                for a in found:
                    self._acronyms.setdefault(a, []).append(rid)

    def issued_in(self, year: int) -> list[str]:
        """The reports that came out in a year."""
        return [rid for rid, (_, _, issued) in self.titles.items() if (issued or "")[:4] == str(year)]

    def by_publisher_acronym(self, tokens: list[str]) -> list[str]:
        """The reports whose publisher a question names by an acronym ("the CDB briefing"): one the
        publisher prints in brackets, or the initials of its name."""
        out = [rid for t in tokens if len(t) >= 3 for rid in self._acronyms.get(t, ())]
        return sorted(dict.fromkeys(out), key=self._order.__getitem__)

    def by_publisher_name(self, tokens: list[str]) -> list[str]:
        """The reports whose publisher a question names by every word of its name, two or more ("the
        Beijing Foreign Affairs Office publication"), where no organisation profile holds the name."""
        have = {stem(t) for t in tokens}
        out = []
        for rid, publisher in self.publishers.items():
            for part in re.split(r"[,;]", publisher):
                need = {stem(w) for w in words(re.sub(r"\(.*?\)", " ", part)) if w not in _NOT_INITIAL}
                if len(need) >= 2 and need <= have:
                    out.append(rid)
                    break
        return sorted(out, key=self._order.__getitem__)

    def newest_or_oldest(self, report_ids: "list[str]", english: str) -> list[str]:
        """Of several reports named, the newest or the oldest where the question says so ("the latest
        CAFIU magazine"); all of them otherwise."""
        m = _CATALOG_ONE.search(english)
        if len(report_ids) < 2 or not m:
            return list(report_ids)
        ordered = sorted(report_ids, key=lambda r: self.titles[r][2] or "")
        return [ordered[-1] if _CATALOG_NEWEST.match(m.group(0)) else ordered[0]]

    def issue_month(self, report_ids: "list[str] | tuple[str, ...]", year: int | None, month: int) -> bool:
        """Whether a month (and year) is when one of these reports came out: "the briefing of 21
        December 2025" names that issue; it does not narrow it to a part."""
        for rid in report_ids:
            issued = self.titles[rid][2] or ""
            if issued[5:7] == f"{month:02d}" and (year is None or issued.startswith(str(year))):
                return True
        return False

    def published_by(self, names: list[str], loosely: bool = False) -> list[str]:
        """The reports whose publisher is one of the organisations named (by name or acronym); or,
        ``loosely``, whose publisher's name holds every word of a name of three words or more ("silk
        road ngo network": the Silk Road NGO Cooperation Network)."""
        out = []
        for rid, publisher in self.publishers.items():
            if any(re.search(r"\b" + re.escape(n.lower()) + r"\b", publisher) for n in names if len(n) >= 3):
                out.append(rid)
            elif loosely and any(len(ws := {stem(w) for w in words(n)}) >= 3 and ws <= {stem(w) for w in words(part)}
                                 for n in names for part in re.split(r"[,;]", publisher)):
                out.append(rid)
        return sorted(out, key=self._order.__getitem__)

    @staticmethod
    def _zh_title(zh: str) -> "re.Pattern[str]":
        # A Chinese title names the report in title marks (《国际交流》) or before a word for an issue
        # ("国际交流杂志", "国际交流2025年第1期"); inside a longer name it is only part of that name
        # (四川省民间组织国际交流促进会 is an association).
        return re.compile(re.escape(zh) + r"(?=》|\s*(?:杂志|期刊|刊物|月刊|双月刊|报告|简报|第|\d))")

    def zh_named_in(self, text: str) -> list[str]:
        """The Chinese titles of reports that a question names."""
        if text.isascii() and self._zh_non_ascii:  # saves trying every title on an English question
            return []
        return [zh for zh, pattern in self._zh_patterns.items() if pattern.search(text)]

    def _mend_typos(self, english: str) -> str:
        """The question with a misspelt title word added in its right spelling ("beijng": beijing), as
        far as the typo rule allows; a real English word is never taken for another."""
        extra = []
        for w in dict.fromkeys(words(english)):
            if w in self._groups_of or len(w) < 5 or is_english(w):
                continue
            near = [t for t in self._groups_of if abs(len(t) - len(w)) <= 2 and OSA.distance(w, t) <= typo_edits(w)]
            if len(near) == 1:
                extra.append(near[0])
        return f"{english} {' '.join(extra)}" if extra else english

    def named_in(self, text: str, english: str) -> list[str]:
        """The reports a question names: by Chinese title, else by most title words (series words, year)."""
        zh_named = set(self.zh_named_in(text))
        found = [rid for rid, zh in self._zh if zh in zh_named]
        if found:
            return found
        # ("which issue", "what report": a publication asked for, which describes none of them)
        english = self._mend_typos(english)
        # (nor does "that issue", "this report": one spoken of before, by what it holds)
        nouns = (r"\b(report|magazine|briefing|issue|news|newsletter|weekly|monthly|quarterly|bulletin|digest|"
                 r"journal|publication|periodical|paper|roundup|yearbook|gazette|booklet|mag|zine|"
                 r"article|piece|essay|column|commentary|editorial|op-ed|blog)\b")
        named = re.search(r"(?<!\bwhich )(?<!\bwhat )(?<!\bany )(?<!\ban )(?<!\ba )(?<!\bthat )(?<!\bthis )" + nouns,
                          english)
        if not named and not re.search(nouns, english):
            named = _PUBLISHES.search(english)  # only a publication is published: "who publishes the beijing one"
        # "the latest report": how recent, not a word of a title ("Latest News of SIRONET")
        english = _CATALOG_ONE.sub(lambda m: m.group(0).split(None, 1)[1] if " " in m.group(0) else "", english)
        present: dict[str, bool] = {}
        # whole words (and the parts of hyphenated ones): "news" is not in "newsletter"
        tokens = set(with_parts([re.sub(r"'s$", "", w) for w in words(english)]))
        english_stems = {stem(w) for w in tokens}
        scored: list[tuple[tuple[int, int], str]] = []
        asked = [stem(w) for w in re.sub(r"[^a-z0-9 ]", " ", english).split() if len(w) > 3 and w not in STOPWORDS]
        groups = dict.fromkeys(g for w, gs in self._groups_of.items() if w in tokens or stem(w) in english_stems
                               for g in gs)
        for key_words in sorted(groups, key=self._group_order.__getitem__):
            rids = self._groups[key_words]
            hits = words_hit = distinct = 0
            for w in dict.fromkeys(key_words):  # (a word the title prints twice, "people-to-people", counts once)
                if w not in present:  # as typed, or in the other spelling ("organisations")
                    present[w] = w in tokens or stem(w) in english_stems
                hits += present[w]
                words_hit += present[w] and not w.isdigit()
                distinct += present[w] and not w.isdigit() and not self._common(w)
            # A year alone names no report: a question about 2018 is about 2018's events. Common words
            # alone name one only beside a word for a publication that is not one of them ("the
            # beijing report", not "any news from laos"), or three of them together ("beijing social
            # organisations").
            if not distinct and words_hit < 3 and not (named and named.group(0) not in key_words):
                continue
            # Without a word for a publication, a title is named by half its words or by a word of its
            # own that is no English word ("SIRONET"): "exchange visits with china" names no story
            # called "Japanese Youth Delegation Visits China".
            if words_hit and (hits >= 2 or (len(key_words) <= 2 or named)) and (
                    named or 2 * hits >= len(key_words) or any(present[w] and not is_english(w) for w in key_words)):
                # (of titles naming as many words, the one whose words the question writes together,
                # in its order: "the Beijing Review article" names "... BEIJING REVIEW", not
                # "Beijing's People-to-People Diplomacy" for a "people's" further on)
                scored.extend(((hits, _run(key_words, asked)), rid) for rid in rids)
        if not scored:
            return []
        top = max(h for h, _ in scored)
        return sorted((rid for h, rid in scored if h == top), key=self._order.__getitem__)


def _run(key_words: tuple[str, ...], asked: list[str]) -> int:
    """The most words of a title a question writes one after the other, as the title does (by stem)."""
    title = [stem(w) for w in key_words]
    return SequenceMatcher(None, title, asked, autojunk=False).find_longest_match(0, len(title), 0, len(asked)).size


# "what online dialogues", "which meetings": things of one kind asked for in the plural, so several.
_ASKS_PLURAL = re.compile(r"\b(?:what|which)\s+(?:[a-z-]+\s+)?(?!(?:is|was|has|does|this|its|his|as)\b)[a-z-]{2,}[^s\W]s\b",
                          re.I)


def _dates_a_title(day: str, report_titles: "dict[str, tuple[str, str | None, str]] | ReportTitles") -> bool:
    """Whether a day (ISO) is printed in a report's title ("Week Ending December 21, 2025")."""
    titles = report_titles.titles if isinstance(report_titles, ReportTitles) else report_titles
    return any(_title_day(title) == day for title, _, _ in titles.values())


@lru_cache(maxsize=8192)
def _title_day(title: str) -> str | None:
    """The one day a report's title names, if it names one (read once per title)."""
    r = find_range(title)
    return r.start if r is not None and r.start == r.end else None


def parse(raw: str, vocab: Vocabulary, names: NameIndex, gazetteer: Gazetteer,
          report_titles: "dict[str, tuple[str, str | None, str]] | ReportTitles", *, ranged: bool = False) -> Query:
    """Turn a question into intent, filters and corrected content words. (``ranged``: a date range
    was read out of the question, and filters its events.)"""
    # (a capital described by its country, "the Zhejiang provincial capital", is read as the city)
    text = gazetteer.name_capitals(clean_question(raw))
    found_range = find_range(text)
    if found_range is not None and found_range.start == found_range.end and _dates_a_title(found_range.start, report_titles):
        found_range = None  # "the briefing for the week ending December 21, 2025": the day names a report
    if found_range is not None:  # the rest is read as if the range were not there
        rest = found_range.strip(text)
        q = parse(rest if re.search(r"\w", rest) else "events", vocab, names, gazetteer, report_titles, ranged=True)
        if (q.intent == "what" and not q.terms) or q.intent == "report" or (q.intent == "what" and _ASKS_PLURAL.search(rest)):
            # "events between 10 and 20 March": a list of them; a report's events in a period, too;
            # "what online dialogues were held from May to June": the period's events of that kind
            q = q.but(intent=Intent.LIST)
        if text[found_range.at:].split()[0].lower() == "by" and q.intent != Intent.LIST:
            # "how many schools had it built by August 2015": a point in time of the fact asked, not
            # a filter on when the events took place.
            return q.but(raw=raw)
        return q.but(raw=raw, date_range=(found_range.start, found_range.end, found_range.label))
    # "WHO" in capitals after the first word is the World Health Organization, not the question word.
    low = re.sub(r"(?<=\S )WHO\b", "World Health Organization", text).lower().replace("’", "'")
    low = _spell_out(low, vocab)
    low, abbreviated = _abbreviate(low, vocab, names)
    low = _HAPPENED.sub("happened", low)
    low = _REQUEST.sub(" ", low)  # "give me the events in Laos": a request, not what was given
    low = re.sub(r"\btable of contents\b", "contents", low)  # the phrase asks for contents; "table" is no subject
    # Chinese, not Japanese: kana mark Japanese, which the Chinese dictionary would gloss as nonsense.
    zh = bool(_CJK.search(text)) and not _KANA.search(text)
    english = low
    report_text = text
    titles = report_titles if isinstance(report_titles, ReportTitles) else ReportTitles(report_titles)
    org_extra = ""
    zh_orgs: list[tuple[int, float, str]] = []
    if zh:
        # Organisations by the Chinese names the reports (and the curated list) print, longest first;
        # an organisation's Chinese name may hold a report's title ("国际交流").
        for zh_name in sorted(set(gazetteer.orgs_zh) | set(names.zh_orgs), key=len, reverse=True):
            if zh_name in report_text:
                report_text = report_text.replace(zh_name, " ")
                if zh_name in names.zh_orgs:
                    zh_orgs += [(oid, 100.0, zh_name) for oid in names.zh_orgs[zh_name]]
                else:
                    org_extra += " " + gazetteer.orgs_zh[zh_name]
        rest = report_text
        for title in titles.zh_named_in(report_text):  # a report's title is a name, not words to gloss
            rest = rest.replace(title, " ")
        zh_place_names = []
        for zh_place in sorted(gazetteer.zh_places, key=len, reverse=True):
            if zh_place in rest:
                rest = rest.replace(zh_place, " " + gazetteer.zh_places[zh_place].name + " ")
                zh_place_names.append(gazetteer.zh_places[zh_place].name.lower())
        # "这份", "那期": this/that one (a demonstrative and a measure word), grammar with no gloss to give
        rest = re.sub(r"[这那该此]一?(?:份|期|本|篇|个)", " ", rest)
        reading = f"{gloss(rest, prefer=vocab.sense_score)}{org_extra}"
        zh_rest = rest
        english = f"{low} {reading.lower()}"
    # "which year", "what day": the question word, not a word of what is asked about (the New Year)
    english = _WHICH_TIME.sub("when", english)
    q = _Draft(raw=raw, text=text, intent="what", terms=[], language="zh" if zh else "en")
    if zh:
        q.zh_terms = list(zh_words(text))  # found as they are in reports written in Chinese
        q.reading = reading

    # Reports named: Chinese title in 《》, or series words and a year.
    # Reports by the words typed, not by a Chinese question's glosses ("国际" glossed "international"
    # names no report called International Understanding).
    # (A Chinese word for a kind of publication is read in English, as its title says it: "周报" the
    # weekly, "杂志" the magazine.)
    # (Its place names are names, read surely: "北京的那份报告" the Beijing report.)
    zh_publication = " ".join([w for m in _ZH_PUBLICATION_NOUN.finditer(text) for g in gloss_word(m.group(0), noun=True)
                               for w in words(g)] + (zh_place_names if zh else [])) if zh else ""
    q.report_ids = titles.named_in(report_text, f"{_CJK.sub(' ', low)} {zh_publication}" if zh else english)
    # (a decade, "the 1930s", is no year: what happened then is not what happened in 1930)
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d|['’]?s\b)", english)]
    if years:
        q.year = years[0]
        for y in years:  # the year of the issue named, where several reports share the title's words
            narrowed = _in_year(q.report_ids, y, titles)
            if len(narrowed) < len(q.report_ids):
                q.report_ids = narrowed
                break
        # A year the named report's title prints names that issue ("the 2025 International
        # Understanding"), whose events may be of the year before; another year is the events' own.
        # (Only when the report is plainly named: by a word for a publication or two words of its title.)
        plainly = _PUBLICATION.search(english) or any(
            len(set(words(titles.titles[r][0].lower())) & set(words(english)) - {str(y) for y in years}) >= 2
            for r in q.report_ids)
        in_title = [y for y in years if q.report_ids and all(str(y) in titles.titles[r][0] for r in q.report_ids)]
        if plainly and in_title:
            q.year = next((y for y in years if y not in in_title), None)
    for m in re.finditer(r"\b(january|february|march|april|may|june|july|august|september|october|november|"
                         r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b", english):
        if m.group(1) == "may" and not re.search(r"\bmay\s+(?:\d|of\b|in\b)|\bin\s+may\b", english):
            continue
        if m.group(1) == "mar" and "march" not in english:
            continue
        q.month = MONTHS[m.group(1)]
        break
    if zh and (m_zh_month := re.search(r"(?<!\d)(\d{1,2})\s*月", text)) and 1 <= int(m_zh_month.group(1)) <= 12:
        q.month = int(m_zh_month.group(1))  # "5月": May, which the English reading cannot tell from the verb
    found_places = gazetteer.find_loose(text)
    # (a place in a name the question spells out and the reports abbreviate names the organisation)
    found_places = [pm for pm in found_places if not any(pm.surface.lower() in a for a in abbreviated)]
    # "a Beijing-based group" says where a group is from, not where the event was: no filter.
    # So does a place written before the kind of organisation it qualifies ("a Beijing charity"; not
    # "Chinese NGOs", which every report is about and which was never a filter).
    based = {pm.surface.lower() for pm in found_places
             if re.search(re.escape(pm.surface) + r"\s*-\s*based\b", text, re.I)
             or pm.place.name != HOME_COUNTRY and _qualifies_org(text, pm.surface)
             or _CJK.search(pm.surface) and re.search(re.escape(pm.surface) + _ZH_IN_ORG_NAME, text)}
    q.places = [pm.place for pm in found_places if (pm.place.name != HOME_COUNTRY
                and pm.place.country != HOME_COUNTRY or pm.place.kind == "city") and pm.surface.lower() not in based]
    q.places = list(dict.fromkeys(q.places))
    found_places = [pm for pm in found_places if pm.surface.lower() not in based]

    orgs = names.match_orgs(text)
    seen = {oid for oid, _, _ in orgs}
    orgs += [m for m in zh_orgs if m[0] not in seen]
    if org_extra:  # a Chinese question names organisations in Chinese: match their English names too
        seen = {oid for oid, _, _ in orgs}
        orgs += [m for m in names.match_orgs(org_extra.strip()) if m[0] not in seen]
    named_orgs = list(orgs)  # as named, before any turns out to name a report
    # "the silk road ngo network newsletter", "CAFIU's magazine", "the bulletin of CNIE": an organisation
    # named as the maker of a publication names the reports it puts out, whatever title words the
    # question shares with another report ("ngo" of the weekly briefing's "NGOs")
    made = titles.published_by([surface for _, _, surface in orgs if _names_maker(english, surface.lower())], loosely=True)
    if made and not set(made) & set(q.report_ids):
        q.report_ids = _in_year(made, q.year, titles)
        orgs = [m for m in orgs if not titles.published_by([m[2]], loosely=True)]
    if not q.report_ids and orgs and _PUBLICATION.search(english):
        # "the CAFIU magazine", "CNIE's newsletter": the publisher names its reports.
        published = titles.published_by([surface for _, _, surface in orgs])
        if published:
            q.report_ids = _in_year(published, q.year, titles)
            orgs = [m for m in orgs if not titles.published_by([m[2]])]
    publisher_words: set[str] = set()
    by_name = titles.by_publisher_name(words(english))
    if not q.report_ids and (_PUBLICATION.search(english) or _ATTRIBUTED.search(english)):
        # (A source the question credits, "according to the Beijing Foreign Affairs Office", is a
        # publisher naming its report as "the ... report" would: a place in its name is no filter.)
        by_acronym = titles.by_publisher_acronym(words(english)) or by_name
        if by_acronym:
            q.report_ids = _in_year(by_acronym, q.year, titles)
    q.report_ids = titles.newest_or_oldest(q.report_ids, english)
    if not q.report_ids and q.year and not q.month and _ONE_PUBLICATION.search(english):
        # "the magazine from 2020", "the 2018 report": a word for one publication and the year it came
        # out name the issues of that year, whatever their titles call them.
        q.report_ids = titles.issued_in(q.year)
    if q.report_ids:
        # The acronym of a named report's publisher ("the CDB briefing") is a name, not a word asked about.
        publisher_words = {w for w in words(english) if set(titles.by_publisher_acronym([w])) & set(q.report_ids)}
        # ... and so are the words of its name spelled out ("the Beijing Foreign Affairs Office"), a
        # place among them too: the report is of that office, not of events in Beijing.
        spelled = {stem(w) for r in q.report_ids if r in by_name for w in words(titles.publishers[r])}
        publisher_words |= {w for w in words(english) if stem(w) in spelled}
        found_places = [pm for pm in found_places if not {stem(w) for w in words(pm.surface)} <= spelled]
        q.places = [p for p in q.places if any(pm.place == p for pm in found_places)]
        # A word that names the report ("SIRONET" in "the SIRONET digest") names no organisation filter.
        title_words = {w for r in q.report_ids for w in with_parts(words(titles.titles[r][0]))}
        orgs = [m for m in orgs if not set(words(m[2])) <= title_words]
        # The publisher of a report named, put beside a word for a publication ("the CNIE newsletter",
        # "the magazine of CAFIU"), names that report: it selects no events.
        orgs = [m for m in orgs if not (set(titles.published_by([m[2]])) & set(q.report_ids)
                                        and _beside_publication(english, m[2]))]
    q.org_ids = list(dict.fromkeys(oid for oid, _, _ in orgs))
    # A place written as part of an organisation's name ("the Beijing Peaceland Foundation",
    # "北京平澳基金会") names the organisation, not where its events were.
    in_names = [pm for pm in found_places if any(_part_of_name(text, pm, surface) for _, _, surface in orgs)]
    if in_names:
        q.places = [p for p in q.places if p not in {pm.place for pm in in_names}
                    or any(pm.place == p and pm not in in_names for pm in found_places)]
        found_places = [pm for pm in found_places if pm not in in_names]
    people = names.match_people(english)
    if zh:  # a name written in Chinese, as a report in Chinese prints it
        people += [(pid, 100.0, n) for n, pids in names.zh_people.items() if n in text for pid in pids
                   if all(pid != p for p, _, _ in people)]
    q.person_ids = [pid for pid, _, _ in people]

    # Content words, corrected; words that only name a place, a month or the intent are filters.
    # A word that is neither a word of the reports nor a typo of one stays a word of the question:
    # the answer must account for it ("GDP" of "the GDP of France").
    # (with the parts of a hyphenated one: "brazzaville" of "Congo-Brazzaville" names the place too)
    place_words = ({w for p in q.places for w in with_parts(words(p.name))}
                   | {w for pm in found_places for w in with_parts(words(pm.surface))})
    terms: list[str] = []
    content: list[tuple[str, str]] = []  # the question's own content words: as typed, corrected
    spelt_as: dict[str, str] = {}  # misspelt words as typed (lower case) -> their spelling
    tried: set[str] = set()  # the words looked up in the English word list (a few: see MAX_SPELT)
    # A compound is also read by its parts, unless the reports print it whole ("lancang-mekong").
    split = [(w, w.split("-") if "-" in w and w not in vocab.df else []) for w in words(english)]
    tokens = [part for w, parts in split for part in [w] + parts]
    parts_of = {part for _, parts in split for part in parts}
    for w in tokens:
        if w in STOPWORDS or w in _INTENT_WORDS or w.isdigit() and len(w) == 4 or w in publisher_words:
            continue
        if w in MONTHS and (q.month == MONTHS[w]):
            continue
        fixed = vocab.correct(w, clip=not zh)  # (a dictionary's gloss is no clipped word: "Shang Dynasty")
        spelt = None
        if fixed is None and not zh and len(w) > 5 and len(tried) < MAX_SPELT and not _typed_in_capitals(q.raw, w):
            tried.add(w)
            spelt = english_spelling(w)
        if spelt:
            # A misspelling of an English word the reports do not print ("troups"): read as that word
            # (whose synonyms, or Chinese, a report may print), and counted against an answer as it.
            # (Not a word of five letters, nor one typed in capitals: an acronym the reports do not
            # print, "FOCAC", "cango", is no misspelt "focal", "cargo".)
            spelt_as[w] = spelt
            w = spelt
            fixed = vocab.correct(w)
        elif fixed and fixed != w and "-" not in fixed and not is_english(w) and OSA.distance(w, fixed) <= typo_edits(w):
            spelt_as[w] = fixed  # a misspelt word of the reports ("frienship")
        if w in parts_of and fixed and "-" in fixed:
            # A part of the question's own compound is not the reports' other compound that holds
            # it: "anti" of "anti-poverty" is not "anti-epidemic".
            fixed = w if w in vocab.df else None
            if fixed is None and len(w) < 5:
                continue  # a prefix more than a word ("anti", "self", "semi")
        if fixed is None and w in titles.words:
            continue  # a word of a report's title ("weekly"): it names a report, which is not a subject
        if fixed is None and _printed_place(w, gazetteer, vocab):
            fixed = w  # "Icelandic", where the reports print "Iceland": a sentence naming it holds the word
        content.append((w, fixed or w))
        if fixed is None:
            # Counted against an answer: a word the user typed (not a dictionary gloss), whole
            # (a compound counts by its parts), and a real word or a long one (not a stray short typo).
            typed = not zh or w in low
            if (typed and "-" not in w and not w.isdigit() and w not in q.unknown_terms
                    and (is_english(w) or len(w) >= 5) and not is_adverb(w)):
                q.unknown_terms.append(w)
            continue
        if fixed not in terms and not ("-" in fixed and fixed.rsplit("-", 1)[-1] in _LOOSE_COMPOUND):
            terms.append(fixed)
    # A place typed with a typo ("egpyt") is a place filter once corrected.
    # (a misspelling only: "pacific" read through "asia-pacific" is a word of the reports, not Asia)
    corrected = " ".join(t for w, t in content if t != w and t not in tokens and not is_english(w))
    for pm in gazetteer.find_loose(corrected) if corrected else []:
        if pm.place not in q.places and (pm.place.country != HOME_COUNTRY or pm.place.kind == "city"):
            q.places.append(pm.place)
            place_words |= set(words(pm.surface))
    if spelt_as:
        q.mended = re.sub(r"[A-Za-z]+", lambda m: spelt_as.get(m.group(0).lower(), m.group(0)), q.raw)
    q.terms = terms
    q.synonyms = {t: list(synonym_words(t)) for t in terms if synonym_words(t)}
    name_words = ({w for _, _, surface in named_orgs for w in words(surface)}
                  | {w for _, _, surface in people for w in words(surface)})
    place_words = _with_possessives(place_words)
    name_words = _with_possessives(name_words)
    q.filter_words = place_words | publisher_words | _with_possessives({w for _, _, surface in orgs for w in words(surface)})
    q.focus = [vocab.correct(w) or w for w in _focus(english, zh)]  # "how many atendees": attendees
    if zh and (m_times := _ZH_COUNT_TIMES.search(text)):
        # "办了多少期", "举行了几次": a measure word of occurrences with no noun after it counts how
        # many times (the dictionary's "period" for 期 is no thing a report counts); a report in
        # Chinese counts them by the same word ("29期")
        q.zh_focus = m_times.group(1)
        q.focus = [_ZH_OCCURRENCES[m_times.group(1)]]
    elif zh and (counted_zh := _zh_counted(text)):
        q.zh_focus = counted_zh  # "多少个书包": 书包, as a report in Chinese counts it
        # ... and in English, as a report in English counts it (the noun's gloss, head word last)
        # (its sense as the reports say it most: 机构 "organization", not the dictionary's first, "mechanism")
        sense = noun_sense(q.zh_focus, vocab.sense_score)
        counted = [w for g in ([sense] if sense else gloss_word(q.zh_focus, noun=True)) for w in words(g)]
        if counted:
            q.focus = [vocab.correct(w) or w for w in counted[-2:]]
    if zh:
        q.zh_kind = asked_kind(text)
    q.many = asks_many(english, q.focus, text if zh else "")
    # A Chinese question's ordinals are its 第N (read as "Nth"), not glosses ("二阶" is "second order").
    q.ordinals = [n for n in ordinals_in(english) if not zh or re.search(rf"\b{n}(?:st|nd|rd|th)\b", english)]
    q.asks_money = bool(_MONEY_ASK.search(english))
    m_role = _ROLE_ASK.search(english)
    if m_role and m_role.group(1) not in STOPWORDS:
        # (as mended: "govenor" asks for a governor)
        q.role = spelt_as.get(m_role.group(1), m_role.group(1))
    q.described = [vocab.correct(w) or w for w in described_noun(english)] if not zh else []
    q.attribute = [w if is_english(w) else vocab.correct(w) or w for w in asked_attribute(english)] if not zh else []

    # The words of the reports named, their titles' and their publishers' ("the Beijing Foreign
    # Affairs Office report"): they name the report, not what is asked about it.
    title_words = {x for r in q.report_ids
                   for x in with_parts(words(re.sub(r"['’]s\b", "", f"{titles.titles[r][0]} {titles.publishers.get(r, '')}")))}
    title_stems = {stem(x) for x in title_words}
    # "the Oromia region", "Kitui County": the kind of place after a name is part of the place's name
    place_words |= {m.group(1).lower() for m in _PLACE_KIND_AFTER_NAME.finditer(q.raw)}
    subject = [t for w, t in dict.fromkeys(content)
               if not {w, t} & (name_words | place_words) and not t.isdigit() and stem(t) not in title_stems
               and not (q.report_ids and _PUBLICATION.fullmatch(t))]
    q.topic = subject
    if _HEAD_ASK.search(english) and q.org_ids and not q.person_ids and all(stem(t) in _HEAD_STEMS for t in subject):
        q.role = HEAD  # "who runs X", "who is the head of X": whoever heads it, by any title
    elif zh and q.org_ids and not q.person_ids and subject and _ZH_WHO_IS.search(text):
        # "中国国际交流协会会长是谁": the post after the organisation, by its gloss ("president"; "负责人",
        # "the person in charge", is whoever heads it)
        post = next((p for p in (" ".join(subject[:2]), subject[0]) if p in HEAD_POSTS), None)
        if post or all(stem(t) in _HEAD_STEMS | {stem("person")} for t in subject):
            q.role = post or HEAD
    if _NEXT_PUBLICATION.search(english):
        # "when is the next issue coming out": no report holds a future issue
        q.catalog = "next"
    elif not (q.report_ids or people or orgs or q.places):
        q.catalog = _zh_catalog(text) if zh else _catalog(english, subject)
    if len(q.report_ids) > 1 and (zh and re.search(r"[几多少哪]+(?:期|份|本)", text) or _CATALOG_PLURAL.search(english)
                                  and all(w in _CATALOG_WORDS or stem(w) in _REPORT_ASK_STEMS for w in subject)):
        # "what issues of International Understanding do you have": the issues of the series named
        q.catalog = "all"
    if q.report_ids and _WHICH_SECTION.search(text if zh else english):
        # "which section of the 2025 issue has the CSW69 item": the report's sections are chosen among
        if [t for t in subject if stem(t) not in _REPORT_ASK_STEMS and not _SECTION.fullmatch(t)] or q.places or orgs or people:
            q.catalog = "section"
    elif len(q.report_ids) != 1 and _asks_which_report(text if zh else english, zh):
        # "which report talks most about Cambodia", "哪份报告讲缅甸最多": the reports are to be chosen
        # among by what they hold (a place, an organisation, a person, a period, or words).
        asked = [t for t in subject if stem(t) not in _REPORT_ASK_STEMS and t not in _CATALOG_WORDS
                 and not _PUBLICATION.fullmatch(t) and not _SIZE.fullmatch(t)]
        if zh:
            # What a Chinese question asks about, read without its grammar of asking about a report
            # ("讲", "提到", "最多", "哪份"), whose glosses ("speech") are no subject.
            bare = _ZH_WHICH_PUBLICATION.sub(" ", _ZH_PUBLICATION_NOUN.sub(" ", zh_rest))
            bare = re.sub(r"讲|说|谈|提到|提及|涉及|报道|介绍|关于|内容|主题|话题|最多|最少|最长|最短|主要|更多|较多|有没有|是否|吗|呢|的|了",
                          " ", bare)
            asked = [vocab.correct(w) or w for w in words(gloss(bare, prefer=vocab.sense_score).lower())
                     if w not in STOPWORDS and w not in _INTENT_WORDS and w not in place_words and not w.isdigit()
                     and stem(w) not in _REPORT_ASK_STEMS and w not in _CATALOG_WORDS and not _PUBLICATION.fullmatch(w)]
            q.topic = list(dict.fromkeys(asked))
            q.terms += [t for t in q.topic if t not in q.terms]
        if asked or q.places or orgs or people or q.month:
            q.catalog = "topic"
        elif m_size := _SIZE.search(text if zh else english):
            # "which report has the most items", "哪份报告最长": the reports by how many items they hold
            q.catalog = "smallest" if m_size.group(1) else "largest"
        elif not q.report_ids and not q.catalog:
            q.catalog = "all"  # "is there a report?", "which report?": nothing asked but the reports
    # "Lin Yuan - who is she?", "CAFIU: what is it?": a name (a few words) said first, then asked
    # about by a pronoun. (A longer clause describes whom it asks for: "... the director of the
    # gallery - who is he?")
    asked_of = _PRONOUN_ASK.sub(r"\2 \3 \1", low)
    m_who = _WHO_IS.match(asked_of)
    if zh and not m_who:
        m_who = _ZH_WHO_SUBJECT.match(text)
        if m_who and "的" in m_who.group(1):
            m_who = None
    m_what = _WHAT_IS.match(asked_of)
    what_subject = (m_what.group(2) or m_what.group(1) or "") if m_what else ""
    shape = _Shape(
        low=english if zh else main_clause(low), zh=zh, report_named=bool(q.report_ids), people=bool(people), orgs=bool(orgs),
        filters=bool(q.places or q.year or q.month or q.org_ids or q.person_ids or q.report_ids or ranged),
        other_filters=bool(q.places or q.year or q.month or ranged),
        narrowed=bool(q.month and not titles.issue_month(q.report_ids, q.year, q.month)
                      or any(not set(words(p.name)) <= title_words for p in q.places)),
        subject_words=len(subject), topic_words=sum(stem(t) not in _REPORT_ASK_STEMS for t in subject),
        doer_words=sum(bool(_DOERS.fullmatch(t)) for t in subject),
        org_asked=bool(subject) and all(stem(x) in _ORG_ASK_STEMS for t in subject for x in t.split("-")),
        who_is=m_who, what_is=m_what,
        subject_is_org=bool(orgs) and bool(m_what) and _covers_subject(what_subject, orgs),
        # (An English question that prints a name in Chinese beside its own, "who is the chairman of
        # fu hui (福慧)", describes whom it asks for in English: its words say whether that is a name.)
        looks_like_name=bool(m_who) and ((zh and written_in_chinese(text)) or _looks_like_name(m_who.group(1), vocab)
                                         or _typed_as_a_name(m_who.group(1), text)),
        zh_person_asked=zh and any(re.search(re.escape(n) + r"\s*(?:的)?\s*(?:" + _ZH_WHO_IS.pattern + ")", text)
                                   for _, _, n in people if _CJK.search(n)))
    q.narrowed = shape.narrowed
    q.intent = Intent.REPORT if q.catalog else _intent(shape)
    if q.intent in _FACT_INTENTS:
        # (a question in Chinese asks each thing in a clause of its own, "主会场设在哪里？预计有多少外宾参加？":
        # its English reading, cut where the Chinese clauses end)
        parts = re.split(r"\s*[?？;；,，。!！]\s*", q.reading.lower()) if zh else None
        q.asks = [(a, tuple(vocab.correct(w) or w for w in f)) for a, f in _asks(main_clause(english) if not zh else low, parts)]
    if q.intent == Intent.PERSON:
        q.subject = m_who.group(1) if m_who else (people[0][2] if people else text)
    elif q.intent == Intent.ORG:
        q.subject = what_subject or text
    return q.freeze()


_FOCUS = re.compile(r"\bhow (?:many|much)\s+(?:of (?:the|these|those|its|their|our)\s+(?:\d[\d,]*\s+)?)?((?:[a-z0-9-]+\s*){1,6})|\bnumber of\s+((?:[a-z0-9-]+\s*){1,6})|"
                    r"\bwho\s+([a-z-]+)|\b(?:which|what)\s+((?:[a-z0-9-]+\s*){1,4})")


# English ordinals. "first" and "last" are left out: "when did they first meet" asks no sitting.
ORDINAL_WORDS = {w: i for i, w in enumerate(
    "_ _ second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()) if i >= 2}
_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b|\b(" + "|".join(ORDINAL_WORDS) + r")\b")
def _zh_counted(text: str) -> str:
    """What a Chinese "多少/几" question counts: the noun after it and its measure word ("多少个书包":
    书包), by the pattern, or else the noun phrase right after it (``leading_noun_phrase``), where
    the pattern's list of what may follow a noun does not reach ("多少个团体会员开展防控": 团体会员)."""
    if m := _ZH_COUNTED.search(text):
        return m.group(1)
    m = _ZH_HOW_MANY.search(text)
    return leading_noun_phrase(text[m.end():m.end() + 16]) if m else ""


# Measure words that count occurrences (Chinese grammar): what "多少期" / "几次" asks, in English.
_ZH_OCCURRENCES = {"次": "times", "期": "times", "届": "times", "场": "times", "轮": "rounds", "回": "times"}
_ZH_COUNT_TIMES = re.compile(r"(?:多少|几)([次期届场轮回])(?![\u3400-\u9fff])")
# "多少" / "几" and the measure word after it ("多少个", "几名").
_ZH_HOW_MANY = re.compile(rf"(?:多少|几)[{COUNTING_MEASURES}]?")
# What "多少/几" counts in a Chinese question: the noun after it and its measure word ("多少个书包").
_ZH_COUNTED = re.compile(_ZH_HOW_MANY.pattern + r"([\u3400-\u9fff]{1,4}?)(?=[？?。，,的]|$|出席|参加|参与|获得|受益|来自|被|是|有|在|到)")
# A question that asks for an amount of money (English grammar and the words for money asked).
# ("how much" before its verb, with no noun of what is measured, "how much did the appeal raise",
# "how much does each student get", asks for a sum, as "how much money" does.)
# ("by how much" asks the size of a change, in whatever unit: "by how much will it cut emissions")
_MONEY_ASK = re.compile(r"(?<!\bby )\bhow much (?:money|funding|cash|funds|(?:did|does|do|was|were|is|are|had|has|have|will|would)\b|"
                        r"\w+ (?:did|was|were) \w+(?: \w+)? (?:cost|spend|spent|raise|raised|pay|paid|invest))|"
                        r"\b(?:budget|cost|costs|costing|spend|spent|spending|price|prices|worth|value|funding|fees?|salar(?:y|ies)|cash|"
                        r"revenue|income|profits?|gdp)\b")


_ZH_NUMERAL = r"(?:\d{1,3}|[一二两三四五六七八九十百]+)"
# (周年: "50周年", the 50th anniversary; one 第 may stand for a list of them: "第131、132对", the
# 131st and 132nd pairs)
_ZH_ORDINAL = re.compile(rf"第({_ZH_NUMERAL}(?:\s*[、,，和与及至到-]\s*{_ZH_NUMERAL})*)|({_ZH_NUMERAL})\s*周年")
_ZH_LISTED = re.compile(_ZH_NUMERAL)


def ordinals_in(text: str) -> list[int]:
    """The ordinals a text names, as numbers ("the 5th session", "the second forum", "第二届")."""
    out = []
    for m in _ZH_ORDINAL.finditer(text):
        for said in _ZH_LISTED.findall(m.group(1) or m.group(2)):
            n = int(said) if said.isdigit() else chinese_number(said)
            if n is not None and n >= 2 and n not in out:
                out.append(n)
    for m in _ORDINAL.finditer(text.lower()):
        n = int(m.group(1)) if m.group(1) else ORDINAL_WORDS[m.group(2)]
        if n >= 2 and n not in out:
            out.append(n)
    return out


# "who is the secretary-general of ...", "who was the head of ...": the post asked about.
_ROLE_ASK = re.compile(r"\bwho(?:'s| is| was| are| were) (?:the |its |their )?(?:current |then |new )?"
                       r"(?:(?:vice|deputy|assistant|associate|acting|executive|chief|honorary)[\s-]+)?([a-z][a-z-]+)\s+(?:of|at|for)\b")
# Small words an organisation's initials leave out ("China Development Brief": CDB).
_NOT_INITIAL = frozenset({"of", "for", "and", "the", "in", "on", "to", "&", "at"})
# Initials this long at least stand for a name (three letters would be too many names and words).
INITIALS_MIN = 4
# ... as long as no more names than this have them (one organisation's spellings in a few reports).
MAX_INITIALS_NAMES = 3


# A name spelled out in capitalised words, small words inside it ("Forum on China-Africa Cooperation").
_SPELLED_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|the|on|for|and|in|to|at|&)\s+)*[A-Z][\w'’-]*)+")
# The longest run of a name's words that initials stand for ("International Committee of the Red Cross": 6).
SPELLED_WORDS = 8


@lru_cache(maxsize=8192)
def spelled_initials(name: str) -> dict[str, str]:
    """The initials a name may be shortened to: of each run of its words (a text runs names
    together, "Peaceland Foundation and International Committee of the Red Cross East Asia Regional
    Office"), small words left out ("icrc") or kept ("focac": Forum on China-Africa Cooperation),
    "the" always left out. Each initials map to the shortest run of words that gives them.
    Remembered (the same events' names are read for question after question): do not change it."""
    out: dict[str, str] = {}
    parts = [w for w in re.split(r"[\s-]+", re.sub(r"['’]s\b", " ", name.lower())) if w and w[0].isalnum()]
    runs = [parts[i:j] for i in range(len(parts)) for j in range(i + 2, min(len(parts), i + SPELLED_WORDS) + 1)]
    for run in runs:
        if run[0] in _NOT_INITIAL or run[-1] in _NOT_INITIAL:
            continue
        for keep in (False, True):
            initials = _initials_of(run, keep_small=keep)
            if len(initials) >= INITIALS_MIN and (initials not in out or len(run) < len(out[initials].split())):
                out[initials] = " ".join(run)
    return out


def _printed_place(word: str, gazetteer: Gazetteer, vocab: Vocabulary) -> bool:
    """Whether a word names a place (a demonym, an alias) whose own name the reports print."""
    place = gazetteer.lookup(word)
    return place is not None and all(w in vocab.df for w in words(place.name.lower()))


def spelled_out(q: Query, texts: Sequence[str], vocab: Vocabulary) -> Query:
    """The question with each word it typed that no report prints, nor English, and that is the
    initials of a name one of the texts spells out ("ICRC": "International Committee of the Red
    Cross"), read as that name's words. The texts are those of the events the question reached by
    its other words: a name it shortens is looked for where it is asked about."""
    terms, unknown = list(q.terms), list(q.unknown_terms)
    low = q.raw.lower()
    for t in q.unknown_terms:
        bare = re.sub(r"['’]s$", "", t)
        if len(bare) < INITIALS_MIN or not bare.isalpha() or is_common_english(bare) or bare not in low:
            continue
        run = next((r for text in texts for m in _SPELLED_NAME.finditer(text)
                    if (r := spelled_initials(m.group(0)).get(bare)) is not None), None)
        if run is None:
            continue
        unknown.remove(t)
        terms += [fixed for w in words(run) if w not in STOPWORDS and (fixed := vocab.correct(w)) and fixed not in terms]
    return q if unknown == list(q.unknown_terms) else q.but(terms=tuple(terms), unknown_terms=tuple(unknown))


def name_initials(name: str) -> set[str]:
    """The initials of a name, lower case, small words left out: "China Youth Development Foundation"
    gives "cydf"; a hyphened word gives one letter or one per part ("China-Africa ...": "c" or "ca")."""
    out = set()
    for split in (r"\s+", r"[\s-]+"):
        parts = [w for w in re.split(split, re.sub(r"\(.*?\)|['’]s\b", " ", name.lower())) if w]
        initials = _initials_of(parts)
        if len(initials) >= INITIALS_MIN:
            out.add(initials)
    return out


def _initials_of(parts: list[str], keep_small: bool = False) -> str:
    """The first letters of a name's words (lower case), its small words left out, or, with
    ``keep_small``, kept but for "the" ("Forum on China-Africa Cooperation": focac)."""
    return "".join(w[0] for w in parts if w[0].isalpha() and (w not in _NOT_INITIAL or keep_small and w != "the"))


# A source the question credits with what it asks about (English grammar): "according to X", "as X reports".
_ATTRIBUTED = re.compile(r"\baccording to\b|\bas\s+(?:[\w'-]+\s+){1,6}(?:reports?|reported|says?|said|puts? it)\b")
# Words for a publication (English), from which the patterns below are made.
_PUBLICATION_NOUNS = ("report", "issue", "magazine", "publication", "newsletter", "briefing", "bulletin", "journal",
                      "digest", "edition", "document", "source")
# A question about the reports themselves: their words (publications, how recent) and a few of
# general English that ask for what is there.
_CATALOG_WORDS = frozenset(_PUBLICATION_NOUNS + tuple(f"{w}s" for w in _PUBLICATION_NOUNS) + tuple("""latest newest
recent most current last oldest earliest first available collection archive came come comes out published released
issued appeared language languages english chinese url urls link links online website websites read access use
used""".split()))
# The nouns for one issue ("the magazine from 2020"); "document" and "source" name no publication.
# The verbs of bringing out a publication: what only a publication is ("who publishes the beijing one").
_PUBLISHES = re.compile(r"\b(?:publish(?:es|ed|ing)?|puts? out|came out|comes? out|brings? out|brought out)\b")
_ONE_PUBLICATION = re.compile(r"\b(?:" + "|".join(n for n in _PUBLICATION_NOUNS if n not in ("document", "source"))
                              + r")\b")
_CATALOG_PLURAL = re.compile(r"\b(?:" + "|".join(f"{w}s" for w in _PUBLICATION_NOUNS) + r")\b")
_NEWEST, _OLDEST = "latest|newest|most recent|last|current", "oldest|earliest|first"
_CATALOG_ONE = re.compile(rf"\b(?:{_NEWEST}|{_OLDEST})\s+(?:[\w'-]+\s+){{0,2}}?(?:" + "|".join(_PUBLICATION_NOUNS) + r")\b")
# Chinese nouns for a kind of publication.
_ZH_PUBLICATION_NOUN = re.compile(r"周报|月刊|双月刊|季刊|年报|年度报告|报告|杂志|简报|期刊|通讯")
# The same in Chinese: words for a publication, and the grammar of asking which there are.
_ZH_PUBLICATION = re.compile(r"报告|刊物|杂志|简报|期刊|出版物|通讯|一期|哪期|哪一期")
_ZH_CATALOG_GRAMMAR = re.compile(r"报告|刊物|杂志|简报|期刊|出版物|通讯|你们|我们|您|哪些|哪一|哪|什么|所有|全部|列出|列表|"
                                 r"多少|最新|最近|最早|最旧|第一|一期|期|份|本|有|是|的|了|呢|吗|请|都|些|个|这|那|"
                                 r"时候|何时|出版|发布|发行|出|语言|网址|链接|在哪|哪里|看|读|几")
_CATALOG_NEWEST = re.compile(rf"\b(?:{_NEWEST})\b")
# "what came out in 2023", "anything published last month": publishing asked of, with no publication named.
_CATALOG_VERB = re.compile(r"^(?:what|which|anything)\b(?: \w+)? (?:came out|come out|comes out|was published|were published|"
                           r"got published|published|was released|were released|released|was issued|issued|appeared)\b")
_CATALOG_OLDEST = re.compile(rf"\b(?:{_OLDEST})\b")
# Words for a publication: "the CAFIU magazine" names a report by its publisher.
_PUBLICATION = re.compile(r"\b(magazines?|newsletters?|digests?|briefings?|bulletins?|journals?|reports?|issues?|news|"
                          r"publications?|periodicals?)\b")


def _names_maker(english: str, name: str) -> bool:
    """Whether a question names an organisation as the maker of a publication: right before the word
    for it ("the CNIE newsletter", "CAFIU's new magazine") or after it and "of", "from" or "by"."""
    n = re.escape(name)
    return bool(re.search(rf"(?<!\w){n}(?:'s|’s)?\s+(?:[a-z-]+\s+)?{_PUBLICATION.pattern}", english)
                or re.search(rf"{_PUBLICATION.pattern}\s+(?:of|from|by|put out by|published by)\s+(?:the\s+)?{n}(?!\w)",
                             english))


# What a question may ask of a publication itself (English grammar of making, dating and holding a
# publication): who puts it out, writes or edits it, when it came out, what it covers. With these
# words alone, "what topics does the 2020 issue focus on" asks for its overview; any other word is
# the topic asked about in it ("what does the Beijing report say about the UN").
_REPORT_ASK_WORDS = """publish publisher put out issue release edit editor produce producer make maker write writer
wrote author behind run come came appear cover content topic section about discuss include contain organisation
organization body date volume vol number summary summarise summarize overview highlight theme subject focus main key
story item point gist recap rundown talk mention feature deal period span timeframe month say tell speak
url link website site web online download pdf read access language version translation available motto slogan
tagline country nation sponsor article piece passage paragraph entry address postal mailing contact email e-mail
mail phone telephone tel fax issn serial postcode zip detail compile compiler prepare paper roundup round-up
yearbook gazette booklet mag zine""".split()
_REPORT_ASK_STEMS = frozenset(stem(w) for w in _REPORT_ASK_WORDS + list(_PUBLICATION_NOUNS) + ["periodical"])


# The same in Chinese: a place that opens a name ending in a kind of organisation, written as one run
# of characters ("北京和平基金会", the Beijing Peaceland Foundation, however the asker renders it), not
# one joined to it by a grammar word ("在北京的基金会": a foundation in Beijing).
_ZH_IN_ORG_NAME = (r"(?:(?![的在向到给对从与])[\u4e00-\u9fff]){0,8}?(?:基金会|协会|学会|促进会|联合会|研究会|商会|委员会|"
                   r"友好协会|友协|中心|组织|联盟|俱乐部|联谊会|总会|慈善会)")
# Nouns for a kind of organisation: a place just before one says where it is from.
_ORG_KIND = re.compile(r"(?:ngo|ngos|organi[sz]ations?|groups?|charit(?:y|ies)|foundations?|associations?|"
                       r"societ(?:y|ies)|institutions?|universit(?:y|ies)|compan(?:y|ies)|firms?|federations?|"
                       r"councils?|networks?|clubs?|funds?|non-?profits?|enterprises?)")


def _qualifies_org(text: str, surface: str) -> bool:
    """Whether a place is written before the kind of organisation it qualifies, directly ("a Beijing
    charity") or as the first word of the organisation's name ("the Beijing friendship association",
    "the Yunnan Red Cross society"): up to two words between, none of them grammar ("Beijing to help
    NGOs" names no organisation)."""
    for m in re.finditer(re.escape(surface) + r"((?:\s+[\w'’-]+){0,2}?)\s+" + _ORG_KIND.pattern + r"\b", text, re.I):
        if not any(w in STOPWORDS for w in words(m.group(1))):
            return True
    return False


# Asking who heads an organisation, by a verb of heading or a word for its head ("who runs CFPD",
# "who is in charge of CAFIU", "who is the head of CNIE"): any title that heads it answers.
HEAD = "head"
# The posts that head an organisation, highest first (English titles; a deputy's or a vice-
# president's is not among them).
HEAD_POSTS = ("president", "chairman", "chairwoman", "chairperson", "chair", "secretary-general", "secretary general",
              "director-general", "director general", "executive director", "director", "head", "leader",
              "chief executive", "ceo", "founder")
_HEAD_STEMS = frozenset(stem(w) for w in "run ran head lead led charge helm boss chief leader currently now".split())
_HEAD_ASK = re.compile(r"\bwho(?:'s| is| was| are| were)?\s+(?:currently\s+|now\s+)?(?:runs?|ran|heads?|headed|leads?|led|"
                       r"(?:is |was )?in charge of|(?:the\s+)?(?:head|leader|boss|chief)\s+(?:of|at)|at the helm of)\b")


# What a question may ask of an organisation itself, its profile (English words for the kind of a
# thing, its purpose and its standing): "what kind of group is X", "what is X known for".
_ORG_ASK_WORDS = """kind type sort group organisation organization body entity outfit known well famous notable
mission purpose aim goal mandate background profile history info information introduce introduction overview
describe description""".split()
_ORG_ASK_STEMS = frozenset(stem(w) for w in _ORG_ASK_WORDS)


# Words for the doers of a list's events ("what did chinese ngos do in nepal"): who acted, not what
# the events were about.
_DOERS = re.compile(r"(?:" + _ORG_KIND.pattern + r"|bod(?:y|ies)|people|persons?|individuals?|delegations?)")
# Words that only ask for what was done, or for all of it ("what have X done", "collect what you have"):
# no topic of a list.
_DOING = frozenset({"done", "do", "did", "does", "collect", "gather", "compile"})


def list_topic(q: Query) -> list[str]:
    """What a list question asks its filter's events to be about ("events about covid in Italy":
    covid-19), without the words that ask for a list, for a report's contents, or name the doers or
    a place ("China" of a question in Chinese: the subject of every report, never a filter)."""
    return [t for t in q.topic if (t in q.terms or t in q.unknown_terms) and not _LIST_ASK.fullmatch(t)
            and t not in _DOING and _asked_about(q, t)]


def _asked_about(q: Query, t: str) -> bool:
    """Whether a word of a list question says what its events are about, not who did them, which
    report or which place they are in."""
    return (not _DOERS.fullmatch(t) and stem(t) not in _REPORT_ASK_STEMS and t not in q.filter_words
            and default_gazetteer().lookup(t) is None)


def lead_words(q: Query) -> list[str]:
    """The words a short list's events are shown by: its topic, or where the question asks only for
    a kind of event ("what kinds of projects has CFRD carried out in Ethiopia"), the words of that
    ask (the sentence naming its projects shows each, not the opening line)."""
    topic = list_topic(q)
    if topic:
        return topic
    return [t for t in q.topic if t in q.terms and _LIST_ASK.fullmatch(t) and _asked_about(q, t)]


def foreign_to_report(q: Query) -> bool:
    """Whether a question about a report names something the reports never print ("what did the
    briefing say about bitcoin"): a word of what it asks (not of the report's title) that is neither
    in the reports nor one asking about a publication."""
    unknown = set(q.unknown_terms)
    return any(t in unknown and stem(t) not in _REPORT_ASK_STEMS and not _REPORT_CONTENTS.search(t) for t in q.topic)


def asks_about_report(q: Query) -> bool:
    """Whether all a question asks besides the report it names is what a report's card holds (its
    publisher, editors, date, contents): "which organisation puts out X", "what topics does X cover"."""
    return q.intent in (Intent.WHO, Intent.WHEN, Intent.WHAT) and all(stem(t) in _REPORT_ASK_STEMS for t in q.topic)


# "the next issue", "the upcoming report": an issue to come (English grammar of the future of a series).
_NEXT_PUBLICATION = re.compile(r"\b(?:next|upcoming|forthcoming|future|coming|following)\s+(?:[\w'-]+\s+)?(?:"
                               + "|".join(_PUBLICATION_NOUNS) + r"|newsletter)s?\b|下一期|下期|下一份|未来一期")


# "which report ...", "what magazines ...", "in which issue": a question that asks to choose among the
# reports (English grammar and the words for a publication). "what issue(s)" is left out: it asks
# for a subject ("what issues did they discuss").
_WHICH_PUBLICATION = re.compile(r"\bwhich\s+(?:(?:one|ones)\s+)?(?:of\s+(?:the|your|these|those|all)\s+)?(?:[\w'-]+\s+)?(?:"
                                + "|".join(n for n in _PUBLICATION_NOUNS if n not in ("document", "source"))
                                + r")s?\b|\bwhat\s+(?:[\w'-]+\s+)?(?:" + "|".join(
                                    n for n in _PUBLICATION_NOUNS if n not in ("issue", "document", "source", "edition"))
                                + r")s?\b|\b(?:is there|are there|do you have|have you got|you got|got)\s+(?:a|an|any|some)\s+"
                                r"(?:[\w'-]+\s+)?(?:" + "|".join(n for n in _PUBLICATION_NOUNS if n not in ("document", "source"))
                                + r")s?\b")
# "which edition of X", X no publication (nor "your", "these"): asks which edition of X.
_EDITION_OF_OTHER = re.compile(r"which\s+(?:[\w'-]+\s+)?(?:edition|issue|version|volume)s?\s+of\s+"
                               r"(?!(?:(?:the|an?)\s+)?(?:your|these|those|all|its|their|his|her|news|(?:"
                               + "|".join(_PUBLICATION_NOUNS) + r")s?)\b)")
# The same in Chinese: "哪份报告", "哪一期", "哪本杂志", "哪些报告", "有没有关于X的报告".
_ZH_WHICH_PUBLICATION = re.compile(r"哪一?(?:份|期|本|篇)|哪(?:个|些|一个)(?:报告|刊物|杂志|简报|周报|期刊|出版物|通讯)|"
                                   r"(?:有没有|有无|是否有).*(?:报告|刊物|杂志|简报|周报|期刊)|(?:报告|刊物|杂志|简报|周报|期刊)吗")


# Chinese verbs and words of what a publication says or holds ("讲", "提到", "内容", "最多"): grammar of
# asking about a report, like _REPORT_ASK_WORDS.
_ZH_REPORT_ASK = re.compile(r"讲|说|谈|提到|提及|涉及|报道|介绍|关于|内容|主题|话题|最多|最|主要|更多|较多|里|中|上|没有|无|是否")


def _with_possessives(names: set[str]) -> set[str]:
    """Words of names with their possessives: "cambodia's" names Cambodia too."""
    return names | {f"{w}'s" for w in names}


def with_parts(toks: list[str]) -> list[str]:
    """Words and the parts of the hyphenated ones ("people-to-people": people, to, people)."""
    return toks + [part for t in toks if "-" in t for part in t.split("-") if part]


def _beside_publication(english: str, name: str) -> bool:
    """Whether a question puts an organisation's name (its words, as typed) right before a word for a
    publication ("CNIE's newsletter", "the CAFIU monthly magazine") or after one and "of/by/from"
    ("the magazine published by the association for international understanding")."""
    named = set(words(name.lower()))
    need = min(2, len(named))
    nouns = r"\b(?:" + "|".join(_PUBLICATION_NOUNS) + r"|news)s?\b"
    for m in re.finditer(nouns, english):
        run = skipped = 0
        for w in reversed(words(english[:m.start()])[-8:]):
            w = re.sub(r"'s$", "", w)
            if w in named:
                run += 1
            elif run == 0 and not skipped:
                skipped = 1  # one word between: "the CAFIU monthly magazine"
            else:
                break
        if run >= need:
            return True
        after = re.match(r"\s+(?:(?:published|issued|put out|edited|produced|made|run)\s+)?(?:of|by|from)\s+(?:the\s+)?",
                         english[m.end():])
        if after:
            run = 0
            for w in words(english[m.end() + after.end():])[:8]:
                if w not in named:
                    break
                run += 1
            if run >= need:
                return True
    return False


# Comparing reports by size (English and Chinese grammar of the superlative); group 1: the smallest.
_SIZE = re.compile(r"\b(?:(fewest|least|shortest|smallest|thinnest)|most|longest|biggest|largest|thickest)\b|(最少|最短|最小)|最多|最长|最大")


# "which section ...", "in what part ...", "哪个栏目": a question that asks to choose among a report's parts.
_WHICH_SECTION = re.compile(r"\b(?:which|what)\s+(?:section|chapter|part|column|rubric)s?\b|哪个?(?:栏目|部分|章节|板块)")


def _asks_which_report(text: str, zh: bool) -> bool:
    """Whether a question asks which of the reports (or issues) is the one: "which issue covers X"."""
    if zh:
        return bool(_ZH_WHICH_PUBLICATION.search(text))
    m = _WHICH_PUBLICATION.search(text)
    # "which edition of the treatment plan": an edition of something else than a publication
    return bool(m) and not _EDITION_OF_OTHER.match(text, m.start())


def _catalog(english: str, subject: list[str]) -> str:
    """Whether a question that names no report, person, organisation or place asks about the reports
    themselves: "all" ("which reports do you have"), "latest" or "oldest" ("the newest issue"), or ""."""
    if not (_CATALOG_PLURAL.search(english) or _CATALOG_ONE.search(english) or _CATALOG_VERB.search(english)):
        return ""
    if any(w not in _CATALOG_WORDS for w in subject):
        return ""  # "reports about bicycles": a question about something the reports tell
    return "latest" if _CATALOG_NEWEST.search(english) else "oldest" if _CATALOG_OLDEST.search(english) else "all"


def _zh_catalog(text: str) -> str:
    """``_catalog`` for a question in Chinese ("你们有哪些报告？", "最新一期是哪期？")."""
    if not _ZH_PUBLICATION.search(text) or _CJK.search(_ZH_CATALOG_GRAMMAR.sub("", text)):
        return ""  # no word for a publication, or something else is asked about
    return "latest" if re.search(r"最新|最近", text) else "oldest" if re.search(r"最早|最旧|第一期", text) else "all"


def _in_year(report_ids: list[str], year: int | None, titles: ReportTitles) -> list[str]:
    """Of several reports, those of a year (by title or issue date); all of them when none is."""
    if len(report_ids) <= 1 or year is None:
        return list(report_ids)
    narrowed = [r for r in report_ids if str(year) in titles.titles[r][0] or titles.titles[r][2].startswith(str(year))]
    return narrowed or list(report_ids)


_MONTH_WORDS = tuple(m for m in MONTHS if len(m) >= 5)  # the months written out (not "may", "june")


# A request's words ("give me", "tell us", "can you show me"): how the question is asked, not what.
_REQUEST = re.compile(r"\b(?:give|tell|show|get|find|bring|send|let)\s+(?:me|us)\b")


def _abbreviate(low: str, vocab: Vocabulary, names: NameIndex) -> tuple[str, list[str]]:
    """A question with a name it spells out written as the acronym the reports print instead, where
    they never spell it out ("the new zealand china friendship society's visit": "nzcfs's visit"):
    the longest run of words whose initials are such an acronym (not an English word). Also the
    phrases so replaced."""
    toks = list(re.finditer(r"[a-z][a-z'’-]*", low))
    out, i = [], 0
    while i < len(toks):
        for j in range(min(len(toks), i + 10) - 1, i + INITIALS_MIN - 2, -1):
            run = toks[i:j + 1]
            bare = [re.sub(r"['’]s$", "", t.group(0)) for t in run]
            if {bare[0], bare[-1]} & _NOT_INITIAL or any(b != t.group(0) for b, t in zip(bare[:-1], run[:-1])):
                continue  # a small word at either end, or a possessive inside: no one name
            phrase = low[run[0].start():run[-1].start() + len(bare[-1])]
            found = [a for a in name_initials(phrase) if a in vocab.df and not is_english(a)]
            if found and names.best_org(phrase, 90) is None:
                out.append((run[0].start(), run[-1].start() + len(bare[-1]), found[0]))
                i = j
                break
        i += 1
    phrases = [low[start:end] for start, end, _ in out]
    for start, end, acronym in reversed(out):
        low = low[:start] + acronym + low[end:]
    return low, phrases


def _spell_out(low: str, vocab: Vocabulary) -> str:
    """A question with its abbreviations written out ("dept", "intl") and its misspelt question
    words mended ("wich", "wat"), where the reports do not print the word as typed."""
    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        if w in vocab.df:
            return w
        if w in ABBREVIATIONS:
            return ABBREVIATIONS[w]
        if 3 <= len(w) <= 6:
            for q in _QUESTION_WORDS:
                # 300 times rarer than the question word it is one edit from: "wich" and "wat", not "witch"
                if OSA.distance(w, q) == 1 and zipf(w) < zipf(q) - 2.5:
                    return q
        if len(w) >= 5:
            for noun in _PUBLICATION_NOUNS + ("newsletter",):
                # a word for a publication misspelt ("newsleter", "magzine")
                if OSA.distance(w, noun) <= typo_edits(w) and zipf(w) < zipf(noun) - 2.5:
                    return noun
            for month in _MONTH_WORDS:
                # a month misspelt ("febuary", "decmber"), as far as the typo rule allows
                if OSA.distance(w, month) <= typo_edits(w) and zipf(w) < zipf(month) - 2.5:
                    return month
        return w
    return re.sub(r"[a-z][a-z']*", fix, low)


# Where a question turns to a second ask: ", and how many", " - who", "and which" before a question word.
_ASK_SPLIT = re.compile(r"(?:,\s*|\s+)and\s+(?=(?:roughly |approximately |about |exactly )?(?:how|who|which|what|when|where)\b)"
                        r"|\s+[-–—:]\s+(?=(?:roughly |approximately |about )?(?:how|who|which|what|when|where)\b)"
                        r"|[?;]\s+(?=(?:and )?(?:how|who|which|what|when|where)\b)")
_FACT_INTENTS = frozenset({Intent.WHAT, Intent.WHEN, Intent.WHERE, Intent.WHO, Intent.HOW_MANY})


def _asks(low: str, parts: list[str] | None = None) -> list[tuple[Intent, list[str]]]:
    """The asks of a question that asks more than one thing, each with its intent and focus, in
    order ("which charity ..., and roughly how many?" asks who, then how many); [] for one ask.
    ``parts``: its clauses, where they are not cut at "and" (a question in Chinese, by its reading)."""
    out: list[tuple[Intent, list[str]]] = []
    counted = [_noun_phrase(m.group(1))[:2] for m in re.finditer(r"\bhow many\s+((?:[a-z0-9-]+\s*){1,3})", low)]
    if len([c for c in counted if c]) >= 2:  # "how many young people from how many countries"
        return [(Intent.HOW_MANY, c) for c in counted if c]
    for part in parts if parts is not None else _ASK_SPLIT.split(low):
        intent = (Intent.HOW_MANY if _HOW_MANY.search(part) else Intent.WHEN if _WHEN.search(part)
                  else Intent.WHERE if _WHERE.search(part) else Intent.WHO if _WHO.search(part) else None)
        if intent is not None and all(intent != a for a, _ in out):
            out.append((intent, _focus(part)))
    return out if len(out) >= 2 else []


# A question's last clause asking "who" something of its own ("the volunteers who drove in
# followed a team - who sent that team?"), not "who was it", which asks for the one described before.
_FINAL_WHO = re.compile(r"(?:^|[-–—,;:]\s*)who\s+([a-z-]+)(\s+[a-z]+)?[^-–—,;:]*$")
_BACK = frozenset({"it", "he", "she", "they", "them", "this", "that", "these", "those"})


# A "who" right after a noun: a relative clause ("the girl who cried"), not the question word.
_RELATIVE_WHO = re.compile(rf"\b(?!(?:{_NO_ANTECEDENT})\b)[a-z]{{3,}}\s+who\s+[a-z-]+$")
# A question word other than "who", after such a clause: the one that asks.
_ASKS_AFTER = re.compile(r"\b(?:how|which|what|when|where)\b")


def final_who(low: str) -> str | None:
    """The verb of a question's last clause when it asks "who" does something of its own, after an
    earlier "who" that describes."""
    if low.find("who") == low.rfind("who"):
        return None  # one "who" at most: nothing before it to describe
    m = _FINAL_WHO.search(low.rstrip(" ?.!"))
    if not m or (m.group(1) in ("is", "was", "are", "were") and (m.group(2) or "").strip() in _BACK | {""}):
        return None
    return m.group(1)


_ZH_WHICH_MANY = re.compile(r"哪些|哪几")


def asks_many(low: str, focus: "list[str] | tuple[str, ...]", zh_text: str = "") -> bool:
    """Whether a "which"/"what" question asks for several things: its focus is an English plural
    ("which countries", "what cities"), or, in Chinese, which has no plural, it says "哪些" or "哪几"."""
    if zh_text:
        return bool(_ZH_WHICH_MANY.search(zh_text))
    if not focus or not re.search(r"\b(?:which|what)\b", low):
        return False
    w = focus[-1]
    irregular = irregular_lemma(w)
    return (irregular is not None and irregular != w) or (
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")))


def _focus(low: str, zh: bool = False) -> list[str]:
    """What the answer must name: the counted noun of "how many X", the verb of "who chaired".
    (A Chinese question's gloss has no inflections to end a noun phrase by: its "which" asks for
    the noun right after it, "哪些国家" "which country".)"""
    if (verb := final_who(low)) and verb not in STOPWORDS:
        return [verb]  # the last "who" asks; an earlier one describes
    if _PEOPLE_COUNT_ASK.search(low) and not re.search(r"\bhow (?:many|much)\b|\bnumber of\b", low):
        return ["people"]  # "the rough headcount at the convention", "what was the turnout": a number of people
    found = list(_FOCUS.finditer(low))
    if not found:
        return []
    m = found[0]
    if m.group(3) and _RELATIVE_WHO.search(low[:m.end()]) and _ASKS_AFTER.search(low[m.end():]):
        # "the little girl who cried at the test - how big was her grant?": a "who" after a noun
        # describes; the question word after it asks (and says what, if anything, must be named)
        later = next((x for x in found[1:] if not x.group(3)), None)
        if later is None:
            return []
        m = later
    if m.group(3):
        verb = m.group(3)
        return [verb] if verb not in STOPWORDS and verb not in ("is", "was", "are", "were") else []
    if m.group(4):  # "which province", "what herbal capsules": the kind of thing asked for
        return _noun_phrase(m.group(4), stop=_INTENT_WORDS, verb_first=True)[:2 if zh else 4]
    # the counted noun is the phrase's last word, its modifiers before it ("how many overseas chinese
    # love health packages did they send": health packages)
    return _noun_phrase(m.group(1) or m.group(2) or "")[-3:]


# Where a "who" question describes the one it asks for: "who is the country director of X", "the
# name of the teacher who", or its opening words before a "who" ("the 106-year-old medal winner who
# came", "embassy minister who spoke ... - who was it?"). ("Which X" is left out: X is as often a
# thing, "which anniversary", as a person.)
_DESCRIBED = (
    re.compile(r"\bwho(?:'s| is| was| are| were) (?:the |its |their |a |an )?((?:[a-z-]+ ){0,3}?[a-z-]+) "
               r"(?:of|at|for|in|from|on|with)\b"),
    re.compile(r"\bnames? of (?:the|a|an|this|that|its|their) ((?:[a-z0-9-]+ ){0,4}[a-z-]+)"),
)
_AGE = re.compile(r"\b\d+[- ]?(?:years?|yrs?)[- ]old\b")
_OPENING_WHO = re.compile(r"^(?:(?:the|a|an|this|that) )?((?:[a-z0-9&-]+ ){1,6})(?:who|whom)\b(?! (?:is|was|are|were)\b)")
# Nouns that say only what kind of thing a name is, not what it is called or does, or any post at
# all ("the head of"): any name answers them.
GENERIC_NOUNS = frozenset("""person people persons one someone somebody individual individuals organisation organization
organisations organizations group groups body bodies institution institutions agency agencies entity entities
ngo ngos party parties side sides name names guy guys head heads leader leaders chief chiefs boss""".split())


def described_noun(low: str) -> list[str]:
    """The last (at most two) content words of the noun a "who" question describes the one it asks
    for by; empty when there is none or it is a generic noun ("which organisation")."""
    low = " ".join(_AGE.sub(" ", low).split())  # "the 15-year-old who": an age, no noun
    phrases = [_noun_phrase(m.group(1), stop=_INTENT_WORDS, verb_first=True)
               for m in (p.search(low) for p in _DESCRIBED) if m]
    if (m := _OPENING_WHO.search(low)) and not any(w in STOPWORDS or w in _INTENT_WORDS for w in m.group(1).split()) \
            and not final_who(low):
        phrases.append(m.group(1).split())  # a noun phrase alone before "who", nothing else
    for phrase in phrases:
        content = [w for w in phrase if not w.isdigit() and w not in STOPWORDS]
        if not content:
            continue  # "what is the name of the teacher who ...": the teacher, further on
        if content[-1] in GENERIC_NOUNS or content[-1] in _INTENT_WORDS:
            return []
        return content[-2:]
    return []


# "what is the population of", "what was the weather like in", "what's its motto?": the noun phrase
# a "what" question asks about something, before the preposition that names the thing.
_ATTRIBUTE = re.compile(r"\bwhat(?:'s|\s+(?:is|was|are|were|will\s+be))\s+(?:the|its|their|his|her)\s+"
                        r"((?:[a-z0-9-]+\s+){0,2}?[a-z-]+)\s*(?:\b(?:of|in|at|for|like|on|during|behind|between)\b|[?.!]|$)")


def asked_attribute(low: str) -> list[str]:
    """The last (at most two) content words of the attribute a "what" question asks of a thing it
    names ("what was the temperature in Siem Reap": temperature); empty when there is none or it is a
    generic noun ("what is the name of") or a word of the question's intent."""
    m = _ATTRIBUTE.search(low)
    if m is None:
        return []
    phrase = [w for w in m.group(1).split() if w not in STOPWORDS and not w.isdigit()]
    if not phrase or phrase[-1] in GENERIC_NOUNS or phrase[-1] in _INTENT_WORDS or is_verb_form(phrase[-1]):
        return []
    return phrase[-2:]


def _noun_phrase(text: str, stop: "set[str] | frozenset[str]" = frozenset(), verb_first: bool = False) -> list[str]:
    """The words of a noun phrase: it ends at a function word or, after its noun (or anywhere, with
    ``verb_first``), at a verb in the past ("how many people applied", "how many visitors saw")."""
    out: list[str] = []
    toks = text.split()
    for i, w in enumerate(toks):
        past = is_verb_form(w) or len(w) > 4 and w.endswith("ed")
        if w in ("and", "or") and out and i + 1 < len(toks) and toks[i + 1] not in STOPWORDS and toks[i + 1] not in stop:
            continue  # modifiers joined: "institutional and individual members", "chinese and american guests"
        if w in STOPWORDS or w in stop or past and (out or verb_first) or out and is_adverb(w):
            break  # (an adverb says how the deed after it was done: "which charity actually ran")
        out.append(w)
    return out


def _typed_as_a_name(subject: str, text: str) -> bool:
    """Whether the X of "who is X" is typed as a name: two to four words, each capitalised, one of
    them no common English word ("Hasebe Ken": "Ken" is a word of English too)."""
    m = re.search(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in subject.split()) + r"(?!\w)", text, re.I)
    if m is None:
        return False
    typed = m.group(0).split()
    return (2 <= len(typed) <= 4 and all(w[:1].isupper() for w in typed)
            and any(not is_common_english(w.lower()) for w in typed))


def _looks_like_name(subject: str, vocab: "Vocabulary") -> bool:
    """Whether the X of "who is X" could be a person's name: a few words, none of them a function
    word, and none a common English word or one of them no English word at all."""
    toks = words(subject)
    if not 1 <= len(toks) <= 4 or any(t in STOPWORDS for t in toks):
        return False
    # none a common word, or, of two or more, one no word of English ("hasebe ken")
    return not any(is_common_english(t) for t in toks) or len(toks) >= 2 and any(not is_english(t) for t in toks)


def _covers_subject(subject: str, orgs: list[tuple[int, float, str]]) -> bool:
    """Whether the organisation names matched make up (nearly) all of a "what is X" subject."""
    subject = re.sub(r"\b(the|a|an)\b", " ", subject).strip(" ?.")
    rest = subject
    for _, _, surface in orgs:
        rest = re.sub(re.escape(surface.lower()), " ", rest, flags=re.I)
    leftover = [w for w in words(rest) if w not in STOPWORDS]
    return len(leftover) <= 1
