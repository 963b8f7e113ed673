"""Decide: whether the best-ranked event answers the question, or the honest answer is "not found".

One calibrated score, the probability that the event answers, from a logistic model of:
- the semantic similarity of the question and the event's closest passage (its place between
  unrelated and saying the same thing);
- the idf-weighted share of the question's content words that the event holds, where words the
  reports never print count against it (so "the GDP of France" is not answered by masks for France);
- whether the asked detail is there: a figure for "how many", a date for "when", a person or an
  organisation for "who", a place for "where".
The weights and the cut are fitted on a labelled calibration set of answerable and unanswerable
questions (``knowledge/data/calibration.yaml`` and the tuning sets ``examples/eval/tune28.yaml`` to
``tune31.yaml``, not the dev sets) by ``python -m bot calibrate``.
"""
from __future__ import annotations

import math
import re
import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from knowledge.dates import YEARLESS, DateContext, find_dates
from knowledge.extract import PINYIN_PAIR, split_sentences
from knowledge.extract_zh import CJK, said_where_zh
from knowledge.english_forms import irregular_lemma, is_verb_form, verb_lemma
from knowledge.lexicon import Lexicon
from knowledge.evidence import LIGHT_VERBS, WHO_DID, light_object, ZH_PEOPLE_COUNT, ZH_PERSON_ENDINGS, GENERAL_COUNT_SIMILAR, GENERAL_NOUN_ZIPF, MONEY, NUMBER_WORD, counted_phrases, counts, counts_alike, given_numbers, describes_unnamed, place_names, says_deed, ZH_MEASURES, ZH_NUMBER, undated_sentences, venues_said, zh_counts
from knowledge.query import GENERIC_NOUNS, HEAD, Intent, Query, common_compound, is_english, ordinals_in, stem, stems_with_synonyms, synonym_words, with_parts, zipf
from knowledge.store import words
from knowledge.rank import Scored, semantic_share, zh_coverage
from knowledge.records import Event, Place
from knowledge.translate import chinese_for, gloss_word, prints_in_pinyin, written_in_chinese, zh_weight
from knowledge.thesaurus import broader

if TYPE_CHECKING:
    from knowledge.evidence import LazyPattern
    from knowledge.gazetteer import Gazetteer

MAX_FACT_PAGES = 5
# The most counted phrases of the best event compared with the thing a "how many" asks for.
MAX_COUNTED = 24
# A word rarer than this in English (wordfreq's Zipf scale), not in the reports nor in WordNet, is a
# name or a term of its own (about once in a million words of English, or never).
STRANGE_ZIPF = 3.0
# A word capitalised inside a question and rarer than this in English is a name (see strange_words).
COMMON_NAME_ZIPF = 4.0
FEATURES = ("semantic", "distinct", "coverage", "coverage_all", "detail", "chinese", "names", "lead")
# Fitted by `python -m bot calibrate --db STORE knowledge/data/calibration.yaml examples/eval/tune28.yaml
# ... tune31.yaml` over a store of the bundled reports (309 labelled questions whose best event holds
# the asked detail; not the dev sets); the cut chosen on every tuning set, the pages' sets among them.
WEIGHTS = (4.17, 0.084, 0.026, 1.777, 0.78, 0.898, -0.22, 1.619)
BIAS = -4.797
CUT = 0.5
# Without vectors (the model did not load, or an old store), the share of the question's words the
# event holds decides alone, as it did before semantic retrieval.
LEXICAL_CUT = 0.55

# The share of a question's topic (what it asks about beyond the names it gives: "founded" in "when
# was the friendship association founded") at or below which an event may lack it altogether: then
# the question's meaning is weighed without those words (see ``without_topic``).
TOPIC_ABSENT = 0.2

# The share of a Chinese question's words (by characters) an event written in Chinese prints as
# typed, from which the question is taken to be about it (see decide).
ZH_PRINTED = 0.5

# A number: digits, or one written in words ("five million yuan", "dozens of volunteers").
_NUMBER = re.compile(r"\d|" + NUMBER_WORD.pattern, re.I)



@dataclass(frozen=True, slots=True)
class Features:
    """What the decision weighs for one candidate event."""

    semantic: float  # 0 (unrelated) .. 1 (says what was asked)
    distinct: float  # how far the event stands out from the rest in similarity (0 .. 1)
    coverage: float  # share of the question's words (that the reports print) the event holds
    coverage_all: float  # the same share, counting the words the reports never print
    detail: float  # 1 when the asked detail (figure, date, person, place) is there
    # 1 when the question and the event are in different languages (a question in Chinese about a
    # report in English, or the other way): their similarities run lower, the words are glosses.
    chinese: float
    names: float  # share of the people and organisations the question names that the event names
    # How far the event's ranking score stands above every other candidate's, as a share of its own
    # (0 .. 1): a paraphrase shares few words and little similarity with the event it describes, but
    # nothing else comes near it; a question the reports cannot answer has several half-matches.
    lead: float = 0.0

    def vector(self) -> tuple[float, ...]:
        """The features in the order of WEIGHTS."""
        return (self.semantic, self.distinct, self.coverage, self.coverage_all, self.detail, self.chinese, self.names,
                self.lead)


@dataclass(frozen=True, slots=True)
class Decision:
    """Found or not, the events that answer (best first, one per "More" page), and the top score."""

    found: bool
    answering: tuple[Scored, ...]
    confidence: float


def names_places(q: Query, e: Event, lexicon: Lexicon) -> bool:
    """Whether an event is in, or names, the places the question names (by any of their names, or a
    place inside them). A fact asked about Shanghai is not told by an event that never names it; of
    several places, one may go unnamed (see below)."""
    # A place that holds another the question names says no more than that one: "in Luang Prabang,
    # Laos" asks about Luang Prabang, which an event in Vientiane, Laos, does not name.
    gaz = lexicon.gazetteer
    places = [p for p in q.places if not any(o != p and gaz.in_place(o, p) for o in q.places)]
    named = [p for p in places if _names_place(e, p, lexicon)]
    if len(named) == len(places):
        return True
    # A place that qualifies the very thing asked for ("which Kenyan ambassador", "how many Japanese
    # students") is part of what is asked: an event that never names it has no such thing to tell.
    # So is a place said by its people's adjective before a noun: "a German city", "Kenyan officials".
    qualifying = _focus_places(q, lexicon) + _adjective_places(q, lexicon)
    if any(p in qualifying for p in places if p not in named):
        return False
    # Of several places, one may say where an organisation is at home rather than where the thing
    # asked happened ("Nepal's embassy in Beijing", "a foundation from the city next to Hong Kong"):
    # an event naming all the others, one of them a country or a city (a continent says little), will do.
    return len(places) >= 2 and len(named) == len(places) - 1 and any(p.kind != "world region" for p in named)


def _adjective_places(q: Query, lexicon: Lexicon) -> list[Place]:
    """The places a question names by their people's adjective before a noun ("a German city",
    "the Kenyan delegation"), but not a word set apart from the answer ("besides Japanese ones")."""
    return list(_adjective_places_in(q.raw, lexicon.gazetteer))


@lru_cache(maxsize=256)
def _adjective_places_in(raw: str, gaz: "Gazetteer") -> tuple[Place, ...]:
    """``_adjective_places`` of a question's text, read once a question (every candidate event asks)."""
    demonyms = {d.lower() for d in gaz.demonyms}
    return tuple(m.place for m in gaz.find_loose(raw)
                 if m.surface.lower() in demonyms and _NOUN_AFTER.match(raw, m.end)
                 and not _EXCEPT.search(raw.lower(), 0, m.start))


# A word right after a place's adjective: the noun (or its modifier) it qualifies.
_NOUN_AFTER = re.compile(r"\s+[A-Za-z]")


def _not_the_events_places(q: Query, e: Event, lexicon: Lexicon) -> list[Place]:
    """The places a question names as where the things it counts come from ("campers from Turkey",
    "Kenyan representatives") that an event is not in (nor in a place inside them, nor inside one of
    them). (A place said otherwise, "in Cambodia and Laos", "near the Syrian border", may be where
    the event was, which its places need not all say.)"""
    if not q.places:
        return []
    gaz = lexicon.gazetteer
    origins = set(_focus_places(q, lexicon)) | set(_from_places_in(q.raw, gaz))
    return [p for p in q.places if p in origins and not any(gaz.in_place(ep, p) or gaz.in_place(p, ep) for ep in e.places)]


# "from" right before a place's name: where the things asked about come from.
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=256)
def _from_places_in(raw: str, gaz: "Gazetteer") -> tuple[Place, ...]:
    """The places a question's text names right after "from" (read once a question)."""
    return tuple(m.place for m in gaz.find_loose(raw) if _FROM.search(raw, 0, m.start))


def _names_place(e: Event, p: Place, lexicon: Lexicon) -> bool:
    """Whether an event is in a place, or names it (by any of its names, or a place inside it)."""
    if any(lexicon.gazetteer.in_place(ep, p) for ep in e.places):
        return True
    low = e.text.lower()
    surfaces = [p.name.lower(), *lexicon.surfaces_of(p)]
    # (A Chinese name is found inside the words it is written together with: "万象市委".)
    return any(surface in low if CJK.search(surface) else re.search(r"\b" + re.escape(surface) + r"\b", low)
               for surface in surfaces)


def topic_in_doubt(q: Query, e: Event, lexicon: Lexicon) -> bool:
    """Whether an event may not hold what the question asks about beyond its names: a question in
    English whose topic words the event holds (almost) none of. Whether it is said in other words is
    then for the embedder to tell (``without_topic``).

    Never for an event written in Chinese: its closest passage to an English question is most often
    its English card (``extract_zh.english_card``), made of its date, places, organisations and
    people, so a question without its topic words always comes closer to it, whatever the text says;
    and the dictionary, read both ways, still misses most of a topic's words in Chinese."""
    if not q.topic or q.language != "en":
        return False
    text = f"{e.title}\n{e.text}"
    if written_in_chinese(text):
        return False
    return lexicon.coverage(list(q.topic), text)[0] <= TOPIC_ABSENT


def doubtful(q: Query, ranked: list[Scored], lexicon: Lexicon, spread: tuple[float, float]) -> list[int]:
    """The events that would answer (the asked detail there, the confidence at the cut) but may not
    hold the question's topic (``topic_in_doubt``): only for these is the question embedded again."""
    out = []
    for s in ranked[:MAX_FACT_PAGES]:
        if not s.similarity or not topic_in_doubt(q, s.event, lexicon):
            continue
        f = features(q, s, lexicon, spread, lead=lead_of(s, ranked))
        if f.detail and confidence(f) >= CUT:
            out.append(s.event.id)
    return out


def without_topic(q: Query) -> str:
    """The question with its topic words taken out (each with its endings): "when was the friendship
    association" for "when was the friendship association founded"."""
    text = q.raw
    for t in q.topic:
        text = re.sub(r"\b" + re.escape(t) + r"\w*", " ", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip()


def lead_of(s: Scored, ranked: list[Scored]) -> float:
    """How far an event's ranking score stands above the best of the other candidates, as a share of
    its own (0 when another comes as high)."""
    other = max((x.score for x in ranked if x is not s and not part_of(x.event, s.event)), default=0.0)
    return min(1.0, max(0.0, (s.score - other) / s.score)) if s.score > 0 else 0.0


def part_of(a: Event, b: Event) -> bool:
    """Whether one event's text is told inside the other's: a story and an activity it tells of
    (see ``extract._with_background_events``) are one account, not two rival answers."""
    if a.report_id != b.report_id:
        return False  # (checked first: the lead is read over every candidate)
    x, y = _body(a), _body(b)
    return len(x) >= 40 and len(y) >= 40 and (x in y or y in x)


def _body(e: Event) -> str:
    """An event's text without its headline line."""
    return e.text[len(e.title):].strip() if e.text.startswith(e.title) else e.text


def features(q: Query, s: Scored, lexicon: Lexicon, spread: tuple[float, float] = (0.0, 0.0),
             untopical: float | None = None, lead: float = 0.0) -> Features:
    """The decision's features for one ranked event; ``spread`` is the mean and the standard
    deviation of every event's similarity with the question; ``untopical``, where the event's topic
    is in doubt, the similarity of the question without its topic words with the event."""
    known = sum(lexicon.vocab.idf(t) for t in q.terms)
    in_chinese = written_in_chinese(f"{s.event.title}\n{s.event.text}")
    unknown = sum(lexicon.vocab.idf(t) for t in q.unknown_terms if not _names_filter(q, t))
    cov_all = s.coverage * known / (known + unknown) if known + unknown else 0.0
    mean, sd = spread
    distinct = min(1.0, max(0.0, (s.similarity - mean) / sd / 8)) if sd > 0 and s.similarity else 0.0
    named = set(q.person_ids) | {-1 - o for o in q.org_ids}
    held = {p.person_id for p in s.event.people} | {-1 - o.org_id for o in s.event.organizations}
    names = len(named & held) / len(named) if named else 0.0
    # The event holds none of the topic's words, and the question means it no less without them: what
    # matched is the names around the asked fact ("when was the association founded": an event on
    # its donation), not the fact. (A topic said in other words, "exhibit" for "staged an expo",
    # makes the whole question closer to the event than the question without it.)
    absent = untopical is not None and s.similarity > 0 and untopical >= s.similarity
    return Features(semantic_share(s.similarity), distinct, s.coverage, cov_all, 0.0 if absent else _detail(q, s, lexicon),
                    1.0 if (q.language == "zh") != in_chinese else 0.0, names,
                    lead)


def _detail(q: Query, s: Scored, lexicon: Lexicon) -> float:
    if q.asks:
        # A question that asks two things ("who funded them and how many pupils"): an event that
        # holds either detail answers it, in part.
        return max(_detail(q.but(intent=intent, focus=focus, asks=()), s, lexicon) for intent, focus in q.asks)
    e = s.event
    text = f"{e.title}\n{e.text}"
    if strange := [w for w in strange_words(q) if not in_longer_word(w, text) and not said_otherwise(w, text)]:
        # A name or a term the reports never print ("bitcoin", "Jacinda Ardern"). A text written in
        # Chinese prints a foreign name in Chinese characters ("Dukem" as 杜克姆), never as typed, and
        # says nothing of it either way; but a Chinese name typed in pinyin ("Anzhen Hospital": two
        # syllables, as most are) it prints by the characters that read so (安贞), or not at all.
        if not written_in_chinese(text) or any(PINYIN_PAIR.fullmatch(w) and not prints_in_pinyin(w, text) for w in strange):
            return 0.0
        # ... nor a name the dictionary knows in Chinese ("FIFA": 国际足球联合会) that it does not print
        # (a name has one Chinese form; a word, "twinning", may be said in many the dictionary lacks)
        if any(_typed_as_name(w, q.raw) and lexicon.said_in_chinese(w, text) is False for w in strange):
            return 0.0
    if q.places and not names_places(q, e, lexicon):
        return 0.0
    if q.ordinals and not holds_ordinals(e.text, q.ordinals):
        return 0.0  # "the 5th session" is not answered by the 6th
    if q.intent in (Intent.WHAT, Intent.WHO) and not kind_said(q, e, lexicon):
        return 0.0  # "在哪家酒店举办" of a text written in Chinese that names no hotel
    if q.asks_money and not _said_of_topic(MONEY, q, e, lexicon):
        # a budget, a cost: an amount of money, which the event does not give, or gives only of
        # something else (a question on what food sets cost, an article's sum of another body's revenue)
        return 0.0
    if q.intent == Intent.HOW_MANY:
        # A figure of the counted thing (a sentence holding both a number that is not a date and
        # the counted word, or a word that says it) answers; other numbers count something else.
        sentences = undated_sentences(e.text)
        if not any(_NUMBER.search(x) for x in sentences) and not e.figures:
            return 0.0
        if q.asks_money or not q.focus:
            return 1.0
        if q.zh_focus and any(zh_counts(x, q.zh_focus) for x in sentences):
            return 1.0  # "多少个书包": "300个书包", in a report written in Chinese
        in_chinese = written_in_chinese(e.text)
        if q.zh_focus and in_chinese:
            # Asked in Chinese of a report written in Chinese, the counted thing is looked for in its
            # own words, and no count of it means the report cannot say how many ("多少人参加" of a
            # meeting whose text counts no one). People are counted by many nouns: any number of
            # people ("22名代表", "一行8人") will do for 人.
            return 0.5 if q.zh_focus == "人" and any(ZH_PEOPLE_COUNT.search(x) for x in sentences) else 0.0
        typed = list(q.focus)  # corrected when the question was read
        focus = stems_with_synonyms(typed)
        if q.ordinals and set(ordinals_in(e.text)) - set(q.ordinals) and not holds_ordinals(e.title, q.ordinals):
            # "how many volunteers are in the ninth group", of an event on the eighth group that says
            # the ninth is being recruited: the count must be said of the one numbered as asked
            # (an event whose headline numbers it as asked, "The 6th China-Africa People's Forum
            # Opens", is that one: its counts are of it, whatever other sessions its text numbers)
            sentences = tuple(x for x in sentences if holds_ordinals(x, q.ordinals))
        given = given_numbers(q.raw)
        counting = [x for x in sentences if counts(x, focus, stems_with_synonyms(typed[:-1]), typed[-1], given)]
        if counting:
            # "how many campers came from Turkey", of a camp in Shanghai that counts its campers and
            # names Turkey among their countries: a place the event is not in qualifies the thing
            # counted, and only a count said with it counts that ("100 from Kenya")
            elsewhere = _not_the_events_places(q, e, lexicon)
            return 1.0 if not elsewhere or any(all(lexicon.names_place(x, p) for p in elsewhere)
                                               for x in counting) else 0.0
        # No number of the thing counted: the event cannot say how many ("ambulances" bought, no
        # number of them), unless the counted word is too general for the text to print it ("how
        # many people came": "150 participants"), is the dictionary's gloss of a Chinese word, or
        # is a misspelling nothing in the reports resembles (what it counts is not known).
        head = typed[-1]  # the head noun: "young people"
        # (Nor can an English word be looked for in a report written in Chinese, but the dictionary's
        # Chinese for it can: "masks" is 口罩 in "3万个一次性医用口罩".)
        if q.language != "zh" and in_chinese:
            said = chinese_for(head)
            if any(zh_counts(x, w) for w in said for x in sentences):
                return 1.0
            if any(w.endswith(ZH_PERSON_ENDINGS) for w in said):
                # people of some kind ("people": 有人, "participants": 参加者, "members": 团员), which a
                # report in Chinese counts by its measure words for persons ("共16人", "40名"); a report
                # that counts no one so cannot say how many (its "78个外国省市" are cities)
                return 1.0 if any(ZH_PEOPLE_COUNT.search(x) for x in sentences) else 0.0
            if not any(_ZH_ANY_COUNT.search(x) for x in sentences):
                # ... and a report in Chinese that counts nothing at all (dates and anniversaries only)
                # cannot say how many, whatever word it would use for the thing
                return 0.0
            if any(w in x for w in said for x in sentences) and not any(
                    re.search(_ZH_ANY_COUNT.pattern + r"[^，,。；;：:！？]{0,16}?" + re.escape(w), x)
                    for w in said for x in sentences):
                # ... nor one that names the thing by the dictionary's word for it (包裹) and never
                # counts it, even with a long modifier between ("2571对友好城市(省州)关系"): its
                # numbers count something else
                return 0.0
        if q.language == "zh" or in_chinese or not is_english(head) and head not in lexicon.vocab.df:
            return 0.5
        if zipf(head) >= GENERAL_NOUN_ZIPF:
            # ... as long as some number of the event counts something ("the 6th session of the 12th
            # council" holds numbers, but no count of anyone) and, where the embedder can tell,
            # something of the kind ("100 representatives" are people; "1 organizations carried
            # heavy" loads are not)
            found = counted_in(e)
            if not found:
                return 0.0
            if lexicon.embed_phrases is None:
                return 0.5
            return 0.5 if max(lexicon.phrase_similarity(" ".join(typed), found)) >= GENERAL_COUNT_SIMILAR else 0.0
        return 0.0
    if q.intent == Intent.WHEN:
        if (deed := dated_deed(q)) and not written_in_chinese(text) and not says_deed(_deed_stems(deed), text, lexicon):
            # "when was Wang appointed president": an event that names him as president but never says
            # he was appointed (nor its synonyms, nor an appointment) is dated by something else, a
            # luncheon he hosted. (The embedder, asked again without the verb, could not tell.)
            return 0.0
        if e.date is not None:
            if e.date.precision != "day" and _ASKS_DAY.search(q.raw) and not any(
                    m.span.precision == "day" for m in find_dates(e.text, DateContext(issue_date=e.date.start, relation="near"))):
                # "on which date", "the exact day": an event the report dates by its month only, and
                # whose text prints no day, cannot say
                return 0.0
            return 1.0
        # an undated event (a page that prints no date) may still give the year asked in its text, in
        # a sentence on what is asked about: "Founded in 2015, Wang's NGO ...", "... this program since
        # 2019" (a year of something else is no answer)
        # ... or a day a page prints without any year ("On September 14, the orchestra gave a concert")
        return 0.5 if _said_of_topic(_YEAR, q, e, lexicon) or _said_of_topic(_DAY_NO_YEAR, q, e, lexicon) else 0.0
    if q.intent == Intent.WHO:
        if q.role and q.role != HEAD and not _names_post(q.role, e.text, lexicon):
            # "who is the secretary-general": an event that names no secretary-general ("the head of"
            # X is whoever heads it, by any title: the mayor of a ward)
            return 0.0
        if q.role and only_under(q.role, e.text) and not UNDER.search(q.text):
            return 0.0  # ... or names only a deputy secretary-general
        if describes_unnamed(e, q, lexicon):
            return 0.0  # "a teacher from Hubei Province": no name for "the teacher who led them"
        # (A text written in Chinese says a deed in words the dictionary rarely gives for the English
        # verb: "led" is 率领, the text prints 率团. It says nothing either way.)
        if (deed := asked_deed(q)) and not written_in_chinese(text) and not says_deed(_deed_stems(deed), text, lexicon):
            return 0.0  # "who chaired the forum": an event that says nobody chaired it (only who attended)
        if (thing := light_object(q)) and written_in_chinese(text) and _unsaid_in_chinese(thing, text, lexicon):
            return 0.0  # "who gave the keynote speech" of a Chinese page on which nobody speaks (讲话, 致辞)
        if e.people or e.organizations:
            return 1.0
        # "which airline": a name of that kind the extraction did not take ("China Eastern Airlines"),
        # or in Chinese a word for that kind, which ends a name ("哪家酒店": 咸亨大饭店; kind_said, checked
        # above, found one)
        if q.zh_kind and not _any_name(q.zh_kind) and written_in_chinese(text):
            return 1.0
        if q.focus and q.language != "zh" and written_in_chinese(text):
            # "which award did they receive", of a page in Chinese: a word for the kind asked (奖项,
            # 大奖), read through the dictionary as kind_said reads a "what" question's noun
            return 1.0 if lexicon.coverage(list(q.focus), text)[0] > 0 else 0.0
        return 1.0 if q.focus and _names_kind(e.text, stems_with_synonyms(list(q.focus))) else 0.0
    if q.intent == Intent.WHERE:
        # a place the event is tagged with, or one its text names (a page may not say it plainly)
        mentions = lexicon.places_in(e.text)
        found = [*e.places, *(m.place for m in mentions)]
        # "which Chinese cities did he tour": the place that qualifies the kind asked holds the
        # answer, as a place the question names does (the question did not take "Chinese" for a
        # place of its own: most events are in China or about it)
        if inside := [p for p in _focus_places(q, lexicon) if p not in q.places]:
            q = q.but(places=(*q.places, *inside))
        if not q.places:
            # ... said as where something was ("in Minsk", "held at the Grand Hotel"; in Chinese, as
            # said_where_zh reads it): a place named only as a title's ("the former Prime Minister of
            # Ireland") is not where the event was
            return 1.0 if e.places or any(_LOCATIVE.search(e.text, max(0, m.start - 12), m.start)
                                          or CJK.match(m.surface) and said_where_zh(e.text, m.start) for m in mentions) \
                or any(venues_said(x) for x in split_sentences(e.text)) or place_names(e.text) else 0.0
        # ... other than the question's own place, or one that holds it: "which hotel in Beijing hosted
        # the forum" is not answered by "held in Beijing", nor by "China". Where the event took place
        # (its places, or a venue a sentence says it was held at) must be inside it or elsewhere, or
        # the text must name a place inside it ("Tanorn Village" for "which Cambodian village"); a
        # place named in passing elsewhere ("the Tanzania-China Friendship Association") says nothing.
        asked = {p.name.lower() for p in q.places}
        gaz = lexicon.gazetteer
        # "which Turkish city": the answer lies inside the place asked; "where did they go after St
        # Petersburg": anywhere else said to be where they were ("... a conference in Minsk")
        # (but "which cities besides Jinan": the answer is any place but the one named)
        within = any(p in q.places for p in _focus_places(q, lexicon))
        # (Where the answer lies inside the place asked, a place of the event elsewhere is none: "which
        # Portuguese city" of a tour of Portugal, the Netherlands and Poland that names no city.)
        return 1.0 if not within and any(not any(p.name == a.name or gaz.in_place(a, p) for a in q.places) for p in e.places) \
            or any(p.name.lower() not in asked and any(gaz.in_place(p, a) for a in q.places) for p in found) \
            or not within and any(m.place.name.lower() not in asked and not any(gaz.in_place(a, m.place) for a in q.places)
                                  and (_LOCATIVE.search(e.text, max(0, m.start - 12), m.start)
                                       or CJK.match(m.surface) and said_where_zh(e.text, m.start))
                                  for m in lexicon.places_in(e.text)) \
            or any(v.lower() not in asked for x in split_sentences(e.text) for v in venues_said(x)) \
            or any(name.lower() not in asked for name in place_names(e.text)) else 0.0
    if q.intent == Intent.WHAT and q.attribute and not says_attribute(q.attribute, text, lexicon):
        # "what was the temperature in Siem Reap on the day of the carnival": an event on the carnival
        # that says nothing of a temperature cannot tell it, however closely it matches the rest
        return 0.0
    return 1.0


def says_attribute(attribute: tuple[str, ...], text: str, lexicon: Lexicon) -> bool:
    """Whether a text says the attribute a "what" question asks of a thing ("temperature", "motto"):
    by its word, a form or a synonym of it, or in Chinese the dictionary's word for it; a compound
    WordNet holds as one ("exchange rate", "boiling point") by the whole of it or a synonym, as its
    last word alone ("rate") says something else."""
    if len(attribute) == 2 and (whole := " ".join(attribute)) and broader(whole, 0):
        low = text.lower()
        return any(re.search(rf"\b{re.escape(x)}", low) for x in {whole, *broader(whole, 0)})
    return lexicon.coverage([attribute[-1]], text)[0] > 0


# A question that asks for a day, not a month or a year.
_ASKS_DAY = re.compile(r"(?i)\b(?:dates?|days?)\b")
# A preposition of place right before a name: "... conference in Minsk" says where something was
# (a place named inside another name, "the Kenya-China Friendship Association", does not).
_LOCATIVE = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?$")
# Words that set a place apart from what is asked, right before its name: "besides Jinan".
_EXCEPT = re.compile(r"\b(?:besides|except(?:\s+for)?|other\s+than|apart\s+from|aside\s+from|excluding|beyond)\s+(?:the\s+)?$")


def _focus_places(q: Query, lexicon: Lexicon) -> list[Place]:
    """The places the words of the asked noun phrase name ("Turkish" of "which Turkish city"), but
    not a word set apart from the answer ("besides Jinan")."""
    out = []
    for w in q.focus:
        p = lexicon.gazetteer.lookup(w)
        if p is not None and not _EXCEPT.search(q.raw.lower(), 0, _at(q.raw, w)):
            out.append(p)
    return out


def _at(text: str, word: str) -> int:
    """Where a word of the question starts in its text (its end, when it is not found)."""
    m = re.search(r"\b" + re.escape(word), text, re.I)
    return m.start() if m else len(text)


class _DayWithoutYear:
    """Finds a day and month printed without a year (``search``, as a pattern would)."""

    @staticmethod
    def search(text: str) -> bool:
        return any(m.span.precision == "day" and m.year_inferred for m in find_dates(text, YEARLESS))


_DAY_NO_YEAR = _DayWithoutYear()
# A year a text prints ("in 2015", "since 2019", "2019年").
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,]\d)")
# A number of anything in Chinese: digits or a numeral of two characters or more (a lone 一 is more
# often a word's part: 一行, 统一), then a measure word of things or people (the text's measure words
# less those of time and of a number's size, 年, 岁, 届, 万; and 对, pairs).
_COUNT_MEASURES = "".join(sorted((ZH_MEASURES - set("万亿余多期届岁年")) | {"对"}))
_ZH_ANY_COUNT = re.compile(r"(?:\d[\d,.]*|[两三四五六七八九十百千万][零〇一二两三四五六七八九十百千万]{0,5}|一[十百千万][零〇一二两三四五六七八九十百千万]*)"
                           rf"\s*(?:多|余)?\s*(?:万|亿)?\s*[{_COUNT_MEASURES}]")
_PROPER_NAME = re.compile(r"\b[A-Z][\w'&-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'&-]*)+")


def kind_said(q: Query, e: Event, lexicon: Lexicon) -> bool:
    """Whether an event written in Chinese says the kind of thing a "which" or "what" question asks
    for: it prints the noun a Chinese question asks by (``Query.zh_kind``: 酒店 of "哪家酒店") or another
    word for one of its senses (宾馆, "hotel"), or, asked in English ("what gifts"), a Chinese word for
    the noun asked. A Chinese name ends in its kind (南昌大学, 香格里拉大酒店), as an English one holds
    it (``_names_kind``): a text that prints no word for the kind names nothing of it. True for other
    events (their words weigh in the coverage) and for a kind any name is (a person, an organisation)."""
    text = f"{e.title}\n{e.text}"
    if not written_in_chinese(text):
        return True
    if q.language == "zh":
        if not q.zh_kind or q.zh_kind in text or _any_name(q.zh_kind):
            return True
        # (its first three senses: 酒店 is "wine shop; pub; hotel"; a word too many rather than a kind
        # said otherwise missed)
        senses = gloss_word(q.zh_kind, noun=True, senses_kept=3)
        # (by the dictionary's words for a sense, not by the senses of the text's words: 协商, "to
        # consult; agreement", is no 协议)
        return any(z in text for x in senses for z in chinese_for(x))
    if q.intent != Intent.WHAT or not q.focus or any(w in GENERIC_NOUNS for w in q.focus):
        return True  # (an English "who" asks as often by a verb, "who led", as by a kind)
    return lexicon.coverage(list(q.focus), text)[0] > 0


def _any_name(kind: str) -> bool:
    """Whether a Chinese noun asked for is a kind any name is (人 "person", 组织 "organization"), or
    one the dictionary does not know."""
    senses = gloss_word(kind, noun=True, senses_kept=3)
    return not senses or any(w in GENERIC_NOUNS for x in senses for w in words(x))


def _names_post(role: str, text: str, lexicon: Lexicon) -> bool:
    """Whether a text names a post, by its word or a synonym, or a compound one by its parts in any
    order ("General-Director" for "director-general")."""
    held = lexicon.text_terms(text)[0]
    if stems_with_synonyms([role]) & held:
        return True
    if CJK.search(text) and written_in_chinese(text) and lexicon.said_in_chinese(role, text):
        return True  # a text written in Chinese names the post in Chinese ("chairman": 主席)
    # A post printed as part of a hyphenated one ("Vice-Governor" names a governor's post, a deputy's:
    # only_under tells), or a compound one by its parts
    pieces = {stem(x) for x in with_parts(list(held))}
    parts = [p for p in role.split("-") if p]
    if len(parts) == 1:
        return bool(stems_with_synonyms(parts) & pieces)
    return {stem(p) for p in parts} <= pieces


def _names_kind(text: str, kind: set[str]) -> bool:
    """Whether a text prints a name of several capitalised words one of which is the kind asked for
    ("China Eastern Airlines" for "which airline", "Nanfang Hospital" for "which hospital")."""
    return any(kind & {stem(w) for w in words(m.group(0))} for m in _PROPER_NAME.finditer(text))


def _said_of_topic(pattern: "re.Pattern[str] | LazyPattern", q: Query, e: Event, lexicon: Lexicon) -> bool:
    """Whether an event prints what a pattern finds (an amount of money, a year) in a sentence that
    holds a word of what the question asks about (anywhere, where it names nothing beyond its names)."""
    topic = [t for t in q.topic if not t.isdigit()]
    return any(pattern.search(x) and (not topic or lexicon.coverage(topic, x)[0] > 0) for x in split_sentences(e.text))


def counted_in(e: Event) -> list[str]:
    """What an event's numbers count: its sentences' counted phrases and its figures."""
    return [p for x in split_sentences(e.text) for p in counted_phrases(x)] + [f.text for f in e.figures]


def phrases_to_embed(q: Query, ranked: list[Scored]) -> list[str]:
    """The phrases a "how many" decision compares by meaning with the thing asked (that first), to
    embed ahead of it, off the event loop: what the best event's numbers count, and, for a noun too
    general to be printed ("people"), what those of every event it may decide on count."""
    if q.intent != Intent.HOW_MANY or not q.focus or not ranked:
        return []
    found = [p for x in split_sentences(ranked[0].event.text) for p in counted_phrases(x)][:MAX_COUNTED]
    if zipf(q.focus[-1]) >= GENERAL_NOUN_ZIPF:
        found += [p for s in ranked[:MAX_FACT_PAGES] for p in counted_in(s.event)]
    return [" ".join(q.focus), *dict.fromkeys(found)]


def strange_words(q: Query) -> list[str]:
    """The words a question typed that are neither English nor printed in the reports, nor a typo
    of a word they print: names and terms of things the reports do not cover. (Glosses of a
    Chinese question are English words; places are filters, not words an answer must hold. Two
    common words run together, "businesspeople", say what their parts say. A rare word WordNet
    holds describes in other words, "the town-twinning network", unless it is the kind of thing
    asked for, "which sommelier", which an answer must name.)"""
    return [t for t in q.unknown_terms if not _names_filter(q, t) and len(t) >= 4 and not any(c.isdigit() for c in t)
            and (_english_zipf(re.sub(r"'s$", "", t)) < STRANGE_ZIPF
                 and (t in q.focus or not in_wordnet(re.sub(r"'s$", "", t)))
                 or _typed_as_name(t, q.raw)) and not common_compound(t)]


def in_wordnet(word: str) -> bool:
    """Whether WordNet holds a word as a noun or a verb (or its verb's lemma): a rare word of English
    ("twinning", "monastery") that a report may say in other words, where a term newer than WordNet
    or a name ("dogecoin", "Ardern") it cannot."""
    lemma = verb_lemma(word)
    return bool(broader(word, 0) or broader(word, 0, pos="v") or lemma and broader(lemma, 0, pos="v"))


def in_longer_word(word: str, text: str) -> bool:
    """Whether a text prints a word as the start or the end of a longer one: "kyushu" in "Kitakyushu",
    "yonghao" in "XuYonghao" (a name the page glued to its surname). The reports then do print it."""
    return len(word) >= 5 and re.search(rf"(?i)\b{re.escape(word)}[a-z]{{2,}}\b|\b[a-z]{{2,}}{re.escape(word)}\b", text) is not None


# A word the thesaurus gives for a strange one must be this rare in English to stand for it: a
# common one ("conditions" for "weather", "value" for "GDP") is printed for other reasons.
SAID_OTHERWISE_ZIPF = 4.7


def said_otherwise(word: str, text: str) -> bool:
    """Whether a text prints, instead of a word the reports never print, a synonym of it or the next
    broader kind of it that is no common word: "taoiseach" as "Prime Minister" of Ireland, "emcee" as
    "master of ceremonies"."""
    pattern = _otherwise(word)
    return pattern is not None and pattern.search(text) is not None


@lru_cache(maxsize=4096)
def _otherwise(word: str) -> "re.Pattern[str] | None":
    """One pattern of the words ``said_otherwise`` looks for (made once a word: every candidate event
    of every question that types it is searched for them)."""
    others = sorted(x for x in broader(word, 1) | broader(word, 0, "v") if zipf(x) < SAID_OTHERWISE_ZIPF)
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(x) for x in others) + r")\b") if others else None


def _names_filter(q: Query, term: str) -> bool:
    """Whether a word of the question names a place or an organisation it filters by ("cydf's": the
    China Youth Development Foundation, by its initials)."""
    return re.sub(r"['’]s$", "", term) in q.filter_words


def _english_zipf(word: str) -> float:
    """How frequent a word is in English, a plural by its singular too: a plural is rarer than its
    noun ("cookers" 2.6, "cooker" 3.3) and no more a name."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith("es"):
        forms += [word[:-1], word[:-2]]
    elif word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    return max(zipf(f) for f in forms)


def _typed_as_name(term: str, raw: str) -> bool:
    """Whether a word no report prints, and no common English word, is typed with a capital inside
    the question: a name ("a sister-city agreement with Anaheim"); or, however common, in capitals
    ("FIFA", "UNESCO"): an acronym names one thing."""
    if len(term) >= 3 and re.search(r"\b" + re.escape(term.upper()) + r"\b", raw) and re.search(r"[a-z]", raw):
        return True
    return zipf(term) < COMMON_NAME_ZIPF and re.search(r"(?<=[\w,;:] )" + re.escape(term.capitalize()) + r"\b", raw) is not None


# "who chaired ...", "who won ...": a question asking who did something (the verb right after "who").
# Who wrote an article is said by its byline (a line of names under its headline), not by a verb.
_BYLINE_VERBS = frozenset("write writes wrote written authored".split())


def _deed_stems(verb: str) -> set[str]:
    """The stems of a verb a question asks about, with its synonyms, read as a verb ("spoke": speak)."""
    lemma = verb_lemma(verb)
    return stems_with_synonyms([verb, lemma] if lemma else [verb])


def _unsaid_in_chinese(noun: str, text: str, lexicon: Lexicon) -> bool:
    """Whether a text written in Chinese says none of the dictionary's words for a noun or for its
    synonyms, where the dictionary knows some (a noun's Chinese is surer than a verb's: 演讲, 讲话)."""
    said = [lexicon.said_in_chinese(w, text) for w in (noun, *synonym_words(noun))]
    return not any(said) and any(x is False for x in said)


def asked_deed(q: Query) -> str:
    """The verb of a question that asks who did something ("who chaired the opening": "chaired"),
    or "": an event that never says it (nor its synonyms, nor its agent noun, "the chair") does not
    say who did it, however many people it names. A light verb means what its object says ("who gave
    the keynote speech": a speech, see ``light_object``). Not a verb of writing, which a byline says."""
    m = WHO_DID.match(q.raw)
    verb = m.group(1).lower() if m else ""
    if verb in LIGHT_VERBS:
        return light_object(q)
    return verb if verb in q.focus and verb not in _BYLINE_VERBS and not q.role else ""



# "when was the network founded", "when were they appointed": a question asking when something was
# done, in the passive (the participle, the first word after the subject that ends like one).
# (Not a participle that qualifies a noun: "the ceremony of donated materials", "the signed MoU".)
_WHEN_PASSIVE = re.compile(r"^\W*when\s+(?:was|were)\s+(?:\S+\s+){0,7}?(?!(?:of|the|a|an|its|their|his|her|for|with|to|in|on|at|by|and)\s)"
                           r"\S+\s+([a-z]+(?:ed|en))\b", re.I)


def dated_deed(q: Query) -> str:
    """The deed a "when" question asks the date of, in the passive ("when was the association
    founded": "founded"), or "": an event that never says it (nor its synonyms, nor its agent noun)
    gives the date of something else. Not a light verb ("held", "given": what was done is in the
    object) nor a word the question does not ask about (a name's "-en")."""
    m = _WHEN_PASSIVE.match(q.raw)
    verb = m.group(1).lower() if m else ""
    if not verb or verb in LIGHT_VERBS or (irregular_lemma(verb) or "") in LIGHT_VERBS:
        return ""
    return verb if verb in q.topic and (is_verb_form(verb) or verb.endswith("ed")) else ""


# Words that make a post another's: a deputy, a vice-, an acting or a former holder.
UNDER = re.compile(r"\b(?:vice|deputy|assistant|associate|acting|honorary|former|ex)\b", re.I)


def only_under(role: str, text: str) -> bool:
    """Whether a text prints a post only as a deputy's, a vice-, acting or former holder's ("Deputy
    Secretary-General Xiao Ningning" names no secretary-general)."""
    words = [w for w in re.split(r"[\s-]+", role) if w]
    pattern = re.compile(r"[\s-]+".join(re.escape(w) for w in words), re.I)
    found = list(pattern.finditer(text))
    return bool(found) and all(UNDER.search(text[max(0, m.start() - 16):m.start()].split(",")[-1]) for m in found)


def holds_ordinals(text: str, ordinals: tuple[int, ...]) -> bool:
    """Whether a text prints every one of the ordinals (as "5th" or "fifth")."""
    found = set(ordinals_in(text))
    return all(n in found for n in ordinals)


def confidence(f: Features, weights: tuple[float, ...] = WEIGHTS, bias: float = BIAS) -> float:
    """The probability that an event with these features answers the question."""
    z = bias + sum(w * x for w, x in zip(weights, f.vector()))
    return 1.0 / (1.0 + math.exp(-z))


def decide(q: Query, ranked: list[Scored], lexicon: Lexicon, spread: tuple[float, float] = (0.0, 0.0),
           untopical: dict[int, float] | None = None) -> Decision:
    """Found when the confidence of one of the best-ranked events reaches the cut; the events that
    reach it answer.
    ``spread`` is the mean and deviation of the events' similarities; (0, 0) means no semantic
    retrieval, and the share of the question's words decides alone. ``untopical`` gives, for the
    events whose topic is in doubt (``topic_in_doubt``), the similarity of the question without its
    topic words with the event."""
    untopical = untopical or {}
    if not ranked or (not q.terms and not q.unknown_terms and not q.person_ids and not q.org_ids
                      and not ranked[0].similarity):
        return Decision(False, (), 0.0)
    if (len(set(q.terms) | set(q.unknown_terms)) <= (1 if q.intent == Intent.WHAT else 0)
            and not (q.person_ids or q.org_ids or q.places or q.year or q.month or q.report_ids)):
        # One word and nothing it is asked about ("world", a greeting, one character typed over and
        # over), or a question word alone ("哪一年", "when?"): no fact is asked for; the closest events
        # are offered instead.
        return Decision(False, (), 0.0)
    # An event without the asked detail (no date for "when", no figure for "how many") cannot answer.
    lexical = spread == (0.0, 0.0)
    # An event without vectors (its report was just added; they follow: see knowledge.rebuild) is
    # decided by its words, as every event of a store without vectors is.
    feats = [features(q, s, lexicon, spread, untopical.get(s.event.id), lead_of(s, ranked)) for s in ranked[:MAX_FACT_PAGES]]
    # (a count of things from a place the best event is not in must be said with that place)
    elsewhere = _not_the_events_places(q, ranked[0].event, lexicon) if q.intent == Intent.HOW_MANY else []
    if (q.intent == Intent.HOW_MANY and feats and not feats[0].detail and q.focus
            and not q.asks and not q.ordinals and not q.asks_money and not strange_words(q)
            and names_places(q, ranked[0].event, lexicon)
            and any(counts_alike(x, " ".join(q.focus), lexicon) for x in split_sentences(ranked[0].event.text)
                    if all(lexicon.names_place(x, p) for p in elsewhere))):
        # The best event counts the thing asked in other words ("166 youths" for "young people"):
        # checked for it alone, as the embedder is slow beside the words
        feats[0] = dataclasses.replace(feats[0], detail=1.0)
    scores = [0.0 if not f.detail else (f.coverage_all >= LEXICAL_CUT) * 1.0 if lexical or not s.similarity
              else confidence(f) for s, f in zip(ranked, feats)]
    if q.language == "zh" and q.zh_terms:
        # A question in Chinese whose own words an event written in Chinese prints (most of them, as
        # typed: "国际爱心包裹项目") is about that event: an English event, matched only by the words'
        # glosses, does not answer it in its place (when that event lacks the asked detail, nothing does).
        # (each word by how much it tells: a page that prints only the commonest of them, "活动",
        # "组织", "举行", is no more about what was asked than an English one)
        printed = [zh_coverage(q.zh_terms, f"{s.event.title}\n{s.event.text}", zh_weight)
                   for s in ranked[:MAX_FACT_PAGES]]
        if max(printed, default=0.0) >= ZH_PRINTED:
            scores = [c if p > 0 else 0.0 for c, p in zip(scores, printed)]
    # (The best-ranked event may lack the asked detail where the next holds it: "how many packages
    # were handed out", a paragraph on the survey ranked above the one with "2000 packages".)
    # Of the events that answer, one that holds the asked detail in full (a count of the very thing
    # asked) comes before one that holds it in part (some number, where the thing counted is too
    # general, or written in another language, to look for), whatever their ranks.
    good = tuple(s for s, _, _ in sorted(((s, c, f) for s, c, f in zip(ranked, scores, feats) if c >= CUT),
                                         key=lambda x: -x[2].detail))
    # The ranking orders candidates by words and meaning; the confidence is the calibrated judge of
    # an answer: one ranked lower that it believes answers (a page in Chinese, whose words an English
    # question barely shares) is not passed over for a first that it does not.
    best = max(scores, default=0.0)
    if best < CUT:
        return Decision(False, (), scores[0])
    return Decision(True, good, best)


def fit(rows: list[tuple[Features, bool]], steps: int = 20000, rate: float = 1.0,
        l2: float = 0.001) -> tuple[tuple[float, ...], float]:
    """Logistic regression by gradient descent: the weights and bias that best tell answering
    events (True) from the rest, on labelled examples."""
    n = len(FEATURES)
    w = [0.0] * n
    b = 0.0
    for _ in range(steps):
        gw = [0.0] * n
        gb = 0.0
        for f, label in rows:
            x = f.vector()
            p = 1.0 / (1.0 + math.exp(-(b + sum(wi * xi for wi, xi in zip(w, x)))))
            err = p - (1.0 if label else 0.0)
            for i in range(n):
                gw[i] += err * x[i]
            gb += err
        m = max(len(rows), 1)
        w = [wi - rate * (g / m + l2 * wi) for wi, g in zip(w, gw)]
        b -= rate * gb / m
    return tuple(round(x, 3) for x in w), round(b, 3)
