"""Evidence: the sentences of an event that hold the asked fact."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from knowledge.dates import MONTHS
from knowledge.extract import CAPTION_MARK, split_sentences
from knowledge.extract_zh import CJK, FOREIGN_PLACE_ZH
from knowledge.gazetteer import default_gazetteer
from knowledge.lexicon import Lexicon
from knowledge.query import GENERIC_NOUNS, STOPWORDS, Query, is_common_english, stem, stems_with_synonyms, synonym_stems, zipf
from knowledge.rank import zh_coverage
from knowledge.records import Event
from knowledge.store import words
from knowledge.thesaurus import meets
from knowledge.translate import chinese_for, zh_weight

_MONTH_NAMES = r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_DAY_DATE = re.compile(_MONTH_NAMES + r"\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_NAMES)
# Dates and years, cut out of a sentence before looking for the number a "how many" asks for.
DATES_OUT = re.compile(r"(?:" + _MONTH_NAMES + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?"
                       r"|\b\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\s+" + _MONTH_NAMES + r")(?:,?\s+(?:19|20)\d{2})?"
                       r"|\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b|\b\d{1,2} o'clock\b")
# A number like a year that a plural noun follows is a count ("2000 bikes"), unless a preposition
# before it makes it a year ("in 2020 students").
_PLURAL_AFTER = re.compile(r"\s+(?!(?:was|has|is|this|its|his|as)\b)[a-z]{2,}s\b")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|from|to|by|of|until|before|after|during|early|late|mid)\s+$", re.I)


def _a_count(m: re.Match[str], text: str) -> bool:
    """Whether what DATES_OUT found in a text is a count like a year ("2000 bikes"), not a date."""
    return (len(m.group(0)) == 4 and _PLURAL_AFTER.match(text, m.end()) is not None
            and not _YEAR_BEFORE.search(text[max(0, m.start() - 8):m.start()]))


def cut_dates(text: str) -> str:
    """A sentence with its dates and years cut out, before its counts are read."""
    return DATES_OUT.sub(lambda m: m.group(0) if _a_count(m, text) else " ", text)


# A number in digits that is no ordinal ("120", "3万", not "55th").
_CARDINAL = re.compile(r"(?<![\d.,])\d[\d,.]*(?!\d)(?!(?:st|nd|rd|th)\b)")


def number_positions(text: str) -> list[int]:
    """Where a text prints a number that is not part of a date, nor an ordinal (digits or a number word)."""
    dates = [(m.start(), m.end()) for m in DATES_OUT.finditer(text) if not _a_count(m, text)]
    return sorted(m.start() for m in [*_CARDINAL.finditer(text), *NUMBER_WORD.finditer(text)]
                  if not any(a <= m.start() < b for a, b in dates))


@lru_cache(maxsize=4096)
def undated_sentences(text: str) -> tuple[str, ...]:
    """A text's sentences with their dates cut out (remembered: an event's text is read for
    question after question)."""
    return tuple(cut_dates(x) for x in split_sentences(text))


# Dates written the Chinese way: a day ("4月27日"), and any part of a date, cut out before looking for a count.
_ZH_DAY = re.compile(r"\d{1,2}月\d{1,2}[日号]")
_ZH_DATES = re.compile(r"\d{1,4}年|\d{1,2}月|\d{1,2}[日号]")
# A personal pronoun that stands for someone named before.
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his)\b", re.I)
# A number and the few words after it: what it counts.
_COUNT = re.compile(r"\b\d[\d,.]*\s+((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)")


_TOKEN = re.compile(r"[\w'-]+")
# A number written in words: "five million yuan", "dozens of volunteers" ("one" is left out: it is
# as often a pronoun as a count).
_NUMBER_WORDS = (r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                 r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                 r"hundreds?|thousands?|millions?|billions?|dozens?")
# "forty-six": a number of tens and units in words, one token.
_TENS_AND_UNITS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)"
NUMBER_WORD = re.compile(rf"\b(?:{_NUMBER_WORDS})\b", re.I)


# A currency's name this common as an English word says nothing of money by itself, even after a
# number ("3 gold medals", "won", "real", "mark"); wordfreq's Zipf scale.
CURRENCY_WORD_ZIPF = 5.0
_SCALE = r"(?:\s*(?:million|billion|thousand|hundred|lakh|crore|m|bn|k))?"


def _money_pattern() -> re.Pattern[str]:
    """An amount of money: a currency sign or word, or a number beside the code of a currency in use
    ("HKD 4.64 million", "500 ETB": ISO 4217, in capitals) or before its unit's name ("4,000 birr",
    "two million shillings"). The currencies are Babel's (CLDR's): general knowledge, not the
    reports'."""
    from babel import Locale
    from babel.numbers import get_currency_name, get_territory_currencies

    codes = sorted({c for t in Locale("en").territories if len(t) == 2 and t.isalpha()
                    for c in get_territory_currencies(t, tender=True)})
    units = sorted({w for c in codes for w in [get_currency_name(c, locale="en").split()[-1].lower()]
                    if w.isalpha() and zipf(w) < CURRENCY_WORD_ZIPF})
    code = "(?-i:" + "|".join(codes) + ")"
    number = r"(?:\d[\d,.]*|" + NUMBER_WORD.pattern + ")" + _SCALE
    # In Chinese, a currency's name is its country's and its unit's ("南非兰特"); a report may print the
    # unit alone after the number ("220万兰特"). (Units of one character but 镑 are other words too.)
    zh = Locale("zh")
    countries = sorted(set(zh.territories.values()), key=len, reverse=True)
    zh_units = set()
    for c in codes:
        name = get_currency_name(c, locale="zh")
        zh_units.add(next((name[len(t):] for t in countries if name.startswith(t) and len(name) > len(t)), name))
    zh_unit = "|".join(sorted((re.escape(u) for u in zh_units if len(u) >= 2 or u == "镑"), key=len, reverse=True))
    return re.compile(r"[$€£¥￥]|\b(?:yuan|rmb|cny|usd|dollars?|euros?|pounds?|rupees?|francs?)\b"
                      rf"|\b{code}\s?\d|\d{_SCALE}\s?{code}\b|\b{number}\s+(?:{'|'.join(units)})(?:s|es)?\b"
                      # ... and in Chinese: a currency's name, or a number of yuan ("约4000元/人", "20万元")
                      # (a currency named with no number is no amount: "去美元化", "人民币资产")
                      r"|(?:人民币|美元|欧元|英镑|日元|港元|港币)\s*[约近逾超]?\s*(?:\d|[一二两三四五六七八九十])"
                      rf"|(?:\d[\d,.]*|[零〇一二两三四五六七八九十百千万亿]+)\s*[多余]?\s*[万亿]?\s*[多余]?(?:元|{zh_unit})", re.I)


class LazyPattern:
    """A regular expression built on first use: the currencies come from Babel and wordfreq, whose
    data would otherwise load with the module (half a second of every cold start, for a question
    that may never ask for money)."""

    def __init__(self, build: Callable[[], re.Pattern[str]]) -> None:
        self._build = build
        self._compiled: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = self._build()
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        """As ``re.Pattern.search``."""
        return self._get().search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``."""
        return self._get().finditer(text)


MONEY = LazyPattern(_money_pattern)
# A count: digits (with separators) or a number word.
_COUNT_TOKEN = re.compile(rf"^(?:\d[\d,.]*(?!\d)(?:-\w+)?|one|{_NUMBER_WORDS}|{_TENS_AND_UNITS})$", re.I)
# How far a count may stand from the thing it counts: "100,000 N95 masks", "352 foreign member
# organizations" (before it), "volunteers reached 700" (after it).
COUNT_BEFORE, COUNT_AFTER = 4, 3
# How far before its noun an ordinal may stand: "the 15th Hope Primary School".
ORDINAL_BEFORE = 3


_PLURAL_FORM = re.compile(r"[a-z]{3,}[^su]s")


# How much more common (wordfreq's Zipf scale) a word ending in "s" is than any singular it could
# have, for it to be a word of its own ("overseas" 4.3 against "oversea" 2.3)
ONLY_PLURAL_IN_FORM = 1.5


@lru_cache(maxsize=65536)
def _plural_noun(word: str) -> bool:
    """Whether a word is in a noun's plural form: "countries", "officials"; not a word that only ends
    so and is far more common than any singular it could have ("overseas", "series", "physics")."""
    if not _PLURAL_FORM.fullmatch(word):
        return False
    low = word.lower()
    singulars = [low[:-1], low[:-2], low[:-3] + "y" if low.endswith("ies") else ""]
    return max(zipf(x) for x in singulars if x) >= zipf(low) - ONLY_PLURAL_IN_FORM
# "the number of (confirmed) cases": what follows in the sentence gives it.
_NUMBER_OF = re.compile(r"\bnumber of(?: \S+)?$", re.I)


# How close in meaning (the embedder's cosine of the two phrases) the thing a sentence counts must
# be to the thing asked: "166 youths" counts "young people" (0.96), "2000 bicycles" "bikes" (0.98),
# "nurses" do not count "doctors" (0.93) nor "farmers" "cookers" (0.87).
COUNT_SIMILAR = 0.94
_COUNTED = re.compile(r"\b\d[\d,.]*\+?\s+((?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)")


def counted_phrases(sentence: str) -> list[str]:
    """What the numbers of a sentence count: the words after each, up to a grammar word ("166
    youths from 55 countries": "youths", "countries"). Dates are cut out first."""
    out = []
    for m in _COUNTED.finditer(cut_dates(sentence)):
        ws = []
        for w in m.group(1).split():
            if w.lower() in STOPWORDS:
                break
            ws.append(w.lower())
        if ws:
            out.append(" ".join(ws))
    return out


# A counted noun this frequent in English ("people", "times", "years") is too general for the
# answer to print it: "how many people came" is answered by "150 participants".
GENERAL_NOUN_ZIPF = 5.5
# ... and how close in meaning (the embedder's cosine) what a number counts must be to such a noun:
# "representatives" to "people" 0.89, "organizations carried heavy" 0.85.
GENERAL_COUNT_SIMILAR = 0.87


def counts_alike(sentence: str, asked: str, lexicon: Lexicon, similar: float = COUNT_SIMILAR) -> bool:
    """Whether a sentence gives a number of something that means what ``asked`` names ("166
    youths" for "young people"; within ``similar``), by the embedder; False without one."""
    if lexicon.embed_phrases is None or not asked:
        return False
    found = counted_phrases(sentence)
    return bool(found) and max(lexicon.phrase_similarity(asked, found)) >= similar


_COUNT_COMPOUND = re.compile(r"\d[\d,]*-([a-z]+)", re.I)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


@lru_cache(maxsize=16384)
def _count_tokens(sentence: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """A sentence's words, the counted words of its compounds ("17-member": "member"), and the
    positions of its numbers and of its ordinals (remembered: the same sentences are read for many
    questions)."""
    toks = tuple(_TOKEN.findall(sentence))
    compounds = tuple(m.group(1) for m in map(_COUNT_COMPOUND.fullmatch, toks) if m)
    numbers = tuple(i for i, t in enumerate(toks) if _COUNT_TOKEN.match(t))
    ordinals = tuple(i for i, t in enumerate(toks) if _ORDINAL.fullmatch(t))
    return toks, compounds, numbers, ordinals


# A closed compound of a noun and a word for persons ("policemen", "businesswomen", "spokesperson"):
# it counts both what its first part says and persons.
_PERSON_COMPOUND = re.compile(r"([a-z]{3,}?)(men|man|women|woman|people|persons?)")


@lru_cache(maxsize=65536)
def _word_forms(word: str) -> frozenset[str]:
    """A word's stem and its synonyms' stems (``stems_with_synonyms``, remembered); of a compound of a
    noun and a word for persons, its parts' too ("4 policemen" counts police)."""
    low = word.lower()
    parts = [low]
    m = _PERSON_COMPOUND.fullmatch(low)
    if m and is_common_english(m.group(1)):
        parts += [m.group(1), m.group(2)]
    return frozenset(stems_with_synonyms(parts))


@lru_cache(maxsize=65536)
def names_asked(word: str, asked: str) -> bool:
    """Whether a report's common noun (or two-word phrase) names what a question asks about by other
    words: a kind of it, a synonym, or its next broader kind (``thesaurus.meets``)."""
    return word[:1].islower() and word.lower() not in STOPWORDS and meets(word.lower(), asked.lower())


def _names_asked_at(toks: tuple[str, ...], i: int, asked: str) -> bool:
    """``names_asked`` of the word at ``i``, or of it with the word before ("medical institutions")."""
    return names_asked(toks[i], asked) or i > 0 and toks[i - 1][:1].islower() and names_asked(
        f"{toks[i - 1]} {toks[i]}", asked)


@lru_cache(maxsize=16384)
def _phrase_forms(text: str) -> frozenset[str]:
    """The stems of a text's words and of their synonyms."""
    return frozenset().union(*(_word_forms(w) for w in words(text)))


def _possessive(token: str) -> bool:
    """Whether a word is a possessive ("People's"): it modifies the noun after it, and is never the
    thing a number counts."""
    return token.lower().endswith(("'s", "’s"))


def _counts_between(toks: tuple[str, ...], n: int, w: int, asked: set[str]) -> bool:
    """Whether a number before a word counts another plural noun first: "the two countries from
    people's level" counts countries, "30 boxes of masks" boxes, not the word after them; a number
    after the word counts the plural noun right after it ("30 officials from five countries")."""
    if n > w:
        return (n + 1 < len(toks) and _plural_noun(toks[n + 1]) and toks[n + 1].lower() not in STOPWORDS
                and not asked & _word_forms(toks[n + 1]))
    return any(_plural_noun(t) and t.lower() not in STOPWORDS and not asked & _word_forms(t)
               and not _possessive(t) for t in toks[n + 1:w])


_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {**{w: i + 1 for i, w in enumerate(_UNITS)}, **{w: 20 + 10 * i for i, w in enumerate(_TENS)}}


def number_value(token: str) -> int | None:
    """The value of a number as one token prints it ("1,200", "thirty", "forty-six"); None for
    anything else (a decimal, "hundreds", "17-member")."""
    low = token.lower().replace(",", "")
    if low.isdigit():
        return int(low)
    tens, _, units = low.partition("-")
    if units:
        return _WORD_VALUES[tens] + _WORD_VALUES[units] if tens in _TENS and units in _UNITS[:9] else None
    return _WORD_VALUES.get(low)


def given_numbers(question: str) -> frozenset[int]:
    """The numbers a question states itself ("how many of the 30 officials"), years left out: an
    answer to how many gives another."""
    return frozenset(v for t in _TOKEN.findall(question) if (v := number_value(t)) is not None
                     and not 1900 <= v <= 2100)


def counts(sentence: str, focus: set[str], modifiers: set[str] = frozenset(), asked: str = "",  # type: ignore[assignment]
           given: frozenset[int] = frozenset()) -> bool:
    """Whether a sentence gives a number of a thing whose stems are ``focus``: a count a few words
    before or after a word of it (dates cut out first). "The 15th school" of a programme counts
    its schools too. ``modifiers`` are the stems of the words the question itself puts before the
    counted noun ("how many member groups": "67 member organizations" counts them). ``asked``, the
    counted noun as the question has it, is also met by a word (or two) that names it by a kind of
    it or by its next broader kind (``thesaurus.meets``: "60 orphans" for "how many kids").
    ``given``: the numbers the question states, which count nothing it asks ("how many of the 30
    officials came from Thailand" is not answered by "thirty officials")."""
    toks, compounds, numbers, ordinals = _count_tokens(sentence)
    if given:
        numbers = tuple(n for n in numbers if number_value(toks[n]) not in given)
    # "a 17-member delegation": the count and the thing counted in one word
    if any(focus & _word_forms(w) or asked and names_asked(w, asked) for w in compounds):
        return True
    # A word in the singular before a plural noun modifies it: "42 hospital videos" counts videos; so
    # does a possessive: "the 13th National People's Congress" numbers a congress, no people. The
    # question's own modifier may stand for its noun ("352 member organizations" for "member groups"),
    # but not a proper adjective: "1,000 Chinese volunteers" counts no Chinese companies.
    where = [i for i, t in enumerate(toks) if (focus & _word_forms(t) or asked and _names_asked_at(toks, i, asked))
             and not _possessive(t)
             and not (i + 1 < len(toks) and not t.lower().endswith("s") and _plural_noun(toks[i + 1])
                      and not (modifiers & _word_forms(t) and not t[:1].isupper()))]
    if not where:
        return False
    if any(-COUNT_BEFORE <= n - w <= COUNT_AFTER and n != w and not _counts_between(toks, n, w, focus | modifiers)
           for w in where for n in numbers):
        return True
    # An ordinal numbers the noun it stands before ("the 15th primary school"), nothing around it:
    # "representatives attended the 69th Session" counts no representatives.
    if any(0 < w - n <= ORDINAL_BEFORE for w in where for n in ordinals):
        return True
    # "the number of confirmed cases in Mongolia, including ..., reached 136": the sentence's subject
    # is the count, and its figure may come after a long phrase
    return any(_NUMBER_OF.search(" ".join(toks[max(0, w - 3):w])) and any(n > w for n in numbers) for w in where)


# The end of a sentence in Chinese (full stop, exclamation and question marks; a semicolon ends a
# clause as long as an English sentence).
_ZH_SENTENCE_END = re.compile(r"(?<=[。！？；])")


def _line_sentences(line: str) -> list[str]:
    """The sentences of one line in English or Chinese (Chinese ends them with 。！？, no space after)."""
    return [x.strip() for piece in split_sentences(line) for x in _ZH_SENTENCE_END.split(piece) if x.strip()]


def any_sentences(text: str) -> list[str]:
    """The sentences of a text in English or Chinese, line by line."""
    return [x for para in text.split("\n") for x in _line_sentences(para)]


def naming(text: str, name: str) -> list[str]:
    """The sentences of a text that name someone or something (case and spacing aside)."""
    # Chinese runs words together: a name is found anywhere in its sentence.
    pattern = re.compile(r"\s*".join(re.escape(c) for c in name.replace(" ", ""))
                         if CJK.search(name) else
                         r"\b" + r"[\s-]+".join(re.escape(w) for w in name.split()) + r"\b", re.I)
    return [x for x in any_sentences(text) if pattern.search(x)]


ZH_NUMBER = re.compile(r"\d[\d,.]*|[零〇一二两三四五六七八九十百千万]{1,6}")
# The endings of Chinese nouns for persons (人, 者, 员: 客人, 参加者, 团员).
ZH_PERSON_ENDINGS = ("人", "者", "员")
# A number of people in Chinese: the number, then a measure word for people ("22名", "3位", "8人").
ZH_PEOPLE_COUNT = re.compile(rf"(?:{ZH_NUMBER.pattern})\s*(?:多|余)?\s*(?:名|位|人)")
# How far after a number, in characters, the counted thing may stand: a measure word and a few
# modifiers ("个一次性医用" before 口罩).
ZH_COUNT_REACH = 8
# Measure words and units that may follow a number in Chinese ("2000名", "300个", "5万"): a number
# like a year followed by anything else is the year of a name ("2024重庆国际友好城市合作大会").
ZH_MEASURES = frozenset("个名位家人所套吨件册批口元万亿余多辆台箱份例次项场座本张条支架只头匹株棵块篇部期届岁年")


def _year_before_name(text: str, m: re.Match[str]) -> bool:
    """Whether a number of a Chinese text is a year that names something, not a count."""
    after = text[m.end():m.end() + 1]
    return re.fullmatch(r"(?:19|20)\d{2}", m.group(0)) is not None and CJK.fullmatch(after or " ") is not None \
        and after not in ZH_MEASURES


def zh_counts(sentence: str, focus: str) -> bool:
    """Whether a sentence written in Chinese gives a number of a thing: the number, a measure word
    perhaps, then the thing within a few characters, its modifiers between ("300个书包", "一行22人",
    "40名青年代表", "3万个一次性医用口罩"), within one clause."""
    if not focus:
        return False
    head = focus if len(focus) <= 2 else focus[:2]
    undated = _ZH_DATES.sub(" ", sentence)
    # (or the thing right before its number: "全职人员35名", "受益人口165万", "友好城市(共9个)",
    # "成员达300家": a bracket, or a verb of amounting, between them)
    before = re.compile(re.escape(head) + _ZH_AMOUNTING + r"$")
    return any(head in re.split(r"[，,。；;、：:]", undated[m.end():m.end() + ZH_COUNT_REACH + len(head)])[0]
               or before.search(undated[:m.start()].rstrip()) for m in ZH_NUMBER.finditer(undated)
               if not _year_before_name(undated, m))


# Between a thing and its number in Chinese: a bracket, "in all" (共, 共计, 总计), "reaching" (达, 达到),
# "about" (约, 近, 逾), "has" (有).
_ZH_AMOUNTING = r"\s*[(（]?\s*(?:共计|总计|合计|共有|达到|共|达|计|约|近|逾|有)?\s*"


def event_sentences(e: Event) -> list[str]:
    """The sentences of an event's text, without the headline line."""
    lines = e.text.split("\n")
    if lines and lines[0] == e.title and len(lines) > 1:
        lines = lines[1:]  # the headline is already in the answer's first line
    # (A line that stops mid-sentence at a page or column break, "... Deputy Prime Minister and
    # Minister of" / "Finance Grzegorz Kołodko, ...", was joined to the next when the report was read:
    # the lines after the story are its photos' captions, no part of its last sentence.)
    # (once each: a page that prints its lead twice, over its photo and again in its body, says it once)
    return list(dict.fromkeys(x for line in lines for x in _line_sentences(line)))


# What a sentence gains for standing in the event's passage closest in meaning to the question (a
# paraphrase shares few words with the sentence it describes, but its passage is the nearest): about
# a fifth of a sentence that holds all the question's words. Measured over the tuning sets (about 450
# questions), from 0.05: at 0.2 five answers moved to the right sentence and none away; at 0.3 the
# passage outweighed the asked figure or date (three lost).
NEAR_BONUS = 0.2
# What a photo's caption loses against a sentence of the story (see _pick_sentence).
CAPTION_PENALTY = 0.1
# A sentence's detail bonus that says it holds the very fact asked: a figure of the counted thing, an
# amount of money (see _detail; a date or a name is weaker evidence, as most sentences hold one).
FACT_CUE = 0.5


def best_sentences(e: Event, q: Query, lexicon: Lexicon, n: int = 2, near: str = "") -> list[str]:
    """Up to ``n`` sentences of the event that hold the question's words and the asked fact, fact
    first. ``near`` is the passage of the event closest in meaning to the question: its sentences
    are preferred."""
    sentences = event_sentences(e)
    if not sentences:
        return []
    picked: list[tuple[int, str, float]] = []
    remaining = list(q.terms)
    cues = [_detail(x, q, e, lexicon) for x in sentences]  # (once: a count's reading may embed phrases)
    for _ in range(n):
        best = _pick_sentence(sentences, cues, q, remaining, {i for i, _, _ in picked}, lexicon, near)
        if best is None:
            break
        i, s, hit, cue = best
        # A further sentence must add a word of the question, or hold what the question asks for
        # (the number, the person, the date) at least as well as the first.
        if picked and not hit and not (cue > 0 and cue >= picked[0][2]):
            break
        picked.append((i, s, cue))
        remaining = [t for t in remaining if t not in hit]
    # The asked fact is shown whenever a sentence holds it: where neither pick holds it as well as
    # another sentence does (the words of "how many organisations took part in the training" fill
    # the first sentence and the headline, "Over 120 organizations participated" holds the figure),
    # the best of the sentences that hold it best takes the second place.
    if n > 1 and picked:
        top = max(cues)
        if top >= FACT_CUE and top > max(cue for _, _, cue in picked):
            fact = _pick_sentence(sentences, cues, q, list(q.terms), {i for i, c in enumerate(cues) if c < top},
                                  lexicon, near)
            if fact is not None:
                picked = [picked[0], (fact[0], fact[1], fact[3])]
    # The fact first: the sentence that holds what the question asks for leads.
    if len(picked) > 1 and picked[1][2] > picked[0][2]:
        picked.reverse()
    out = [s for _, s, _ in picked]
    i = picked[0][0]
    if (q.intent == "what" and len(out) == 1 and n > 1 and i + 1 < len(sentences)
            and len(_news(out[0], q, lexicon)) <= ECHO_WORDS):
        # "what is the Geneva office for?": a sentence that says no more than the question ("... set
        # up its office in Geneva") leads to the one after it, which tells of it ("Its core agenda is ...")
        out.append(sentences[i + 1])
    # "After arriving in Moscow, she shared ...": who "she" is, the sentence before says.
    if (q.intent == "who" and i > 0 and _PRONOUN.search(out[0]) and sentences[i - 1] not in out
            and not any(p.name in out[0] for p in e.people)):
        out.insert(0, sentences[i - 1])
    return out


# A sentence that tells no more than this many words beyond the question's only says it again.
ECHO_WORDS = 1


def _news(sentence: str, q: Query, lexicon: Lexicon) -> set[str]:
    """The content words of a sentence that the question does not hold (by stem; not dates)."""
    asked = lexicon.stems(set(words(q.raw.lower())) | set(q.terms))
    return {stem(w) for w in words(cut_dates(sentence).lower())
            if w.isalpha() and len(w) > 2 and w not in STOPWORDS and w not in MONTHS} - asked


def _pick_sentence(sentences: list[str], cues: list[float], q: Query, terms: list[str], skip: set[int],
                   lexicon: Lexicon, near: str) -> tuple[int, str, list[str], float] | None:
    scored = []
    for i, s in enumerate(sentences):
        if i in skip:
            continue
        cov, hit = lexicon.coverage(terms, s)
        if q.zh_terms:  # a question in Chinese: a sentence written in Chinese holds its very words
            cov = max(cov, zh_coverage(q.zh_terms, s, zh_weight))  # (its rarest words most)
        cue = cues[i]
        closest = NEAR_BONUS if near and s in near else 0.0
        # (a photo's caption says again what the story says, more loosely: the story's sentence first)
        caption = CAPTION_PENALTY if s.startswith(CAPTION_MARK) else 0.0
        scored.append((cov + cue + closest - caption - i * 0.005, i, s, hit, cue))
    if not scored:
        return None
    _, i, s, hit, cue = max(scored)
    return i, s, hit, cue


# Verbs that say little by themselves (English grammar's light verbs: "who gave the opening remarks",
# "who put on the fair", "who ran the course"; and the copula "become": "who became president"): what
# was done is in their object, which an event says in other words ("delivered remarks", "organised").
LIGHT_VERBS = frozenset("""give gives gave given put puts run runs ran make makes made take takes took taken
hold holds held have has had do does did done get gets got go goes went come comes came be is was are were
been will would can could shall should may might must become becomes became becoming""".split())
# "who chaired", "who gave": a question asking who did something, and its verb.
WHO_DID = re.compile(r"^\W*who\s+(?:[a-z]+ly\s+)?([a-z]+)\b", re.I)
# "who is", "who became": what follows names a post or a person, not a deed.
_COPULAS = frozenset("be is was are were been become becomes became becoming".split())
# The object after a light verb, up to a preposition or the end of the clause: its last word is its
# head ("gave [the keynote speech] at", "made [the donation]?").
_OBJECT = re.compile(r"\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:[a-z-]+\s+){0,3}?([a-z-]{3,})"
                     r"\s*(?=\b(?:at|in|on|for|of|during|to|with|from|by|about|when|where|and|before|after)\b|[?,.;:!]|$)", re.I)


def light_object(q: Query) -> str:
    """The deed of a "who" question whose verb is a light one: the head noun of its object, when it
    is one of the question's words ("who gave the keynote speech at ...": "speech", which a text says
    as "delivered a speech", "remarks" or "spoke"); else ""."""
    m = WHO_DID.match(q.raw)
    if not m or m.group(1).lower() not in LIGHT_VERBS - _COPULAS or q.role:
        return ""
    obj = _OBJECT.match(q.raw, m.end())
    head = obj.group(1).lower() if obj else ""
    return head if head in q.terms else ""


# "which" or "what" before the noun asked: a kind of thing is asked for, not a deed.
_WHICH = re.compile(r"\b(?:which|what)\b", re.I)
# An agent noun: the doer of a verb by English suffixes ("organizer", "coordinator", "participant",
# "representative", "president" for presided).
_AGENT = re.compile(r"\b([a-z]{4,}?)(?:er|or|ant|ent|ative)s?\b", re.I)


def says_deed(deed: set[str], text: str, lexicon: Lexicon) -> bool:
    """Whether a text says a deed, given its stems and its synonyms': by the verb ("chaired") or by
    its agent noun ("the chair", "the organizer")."""
    return bool(deed & (lexicon.text_terms(text)[0] | agent_stems(text)))


def agent_stems(s: str) -> set[str]:
    """The verbs of a sentence's agent nouns ("the organizer": organize, "its leaders": lead), so
    that "who organised" finds the sentence that names the organizer."""
    # (with its "e" too: the organiser organises, "organis" alone stems otherwise)
    # (and with "ate": a participant participates)
    out: set[str] = set()
    for m in _AGENT.finditer(s):
        if m.group(0)[0].isupper() and m.start() > 0 and not s[:m.start()].rstrip().endswith((".", ":", ";")):
            # A capitalised one inside a sentence is a title, the post someone holds, not what they did
            # at this event: "President Xi Jinping's letter", "Wang Ke, Chairman of ...".
            continue
        w = m.group(1).lower()
        out.update((stem(w), stem(w + "e"), stem(w + "ate")))
    return out


# How near a name must stand to the noun a "who" question describes its answer by, in words on
# either side: "Vice President Xie Yuan", "Minister of the Chinese Embassy Li Kexin", "Jima Dilbo,
# director general of". Further off, the sentence names someone else. The noun's other word may
# stand twice as far ("Rahhen is also the former Minister of Information and Culture").
BESIDE = 6
# A run of capitalised words (a name the extraction may not have taken): "Xie Yuan", "Karen Richardson".
_CAPITALISED = re.compile(r"\b[A-Z][\w'’&-]*\.?(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?[A-Z][\w'’&-]*)+")
_WORD_AT = re.compile(r"[\w'’-]+")


def described_stems(q: Query, lexicon: Lexicon) -> set[str]:
    """The stems of the words of the noun a "who" question describes its answer by, places and
    nationalities aside ("which Chinese doctor": a doctor, of whatever country the text says)."""
    return {stem(w) for w in q.described if w not in lexicon.country_words and w not in q.filter_words}


def names_beside(s: str, described: set[str], head: str, e: Event, lexicon: Lexicon) -> bool:
    """Whether a sentence names someone (a person or an organisation of the event, or a run of
    capitalised words that is neither a place nor common English) within BESIDE words of the
    described noun's last word, ``head``, and twice as near its other word ("Minister of the Chinese
    Embassy Li Kexin" for "the embassy minister")."""
    if not described:
        return False
    spans = [(m.start(), m.end()) for name in {x.name for x in e.people} | {o.name for o in e.organizations} if name
             for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", s, re.I)]
    places = [(m.start, m.end) for m in lexicon.places_in(s)]
    for m in _CAPITALISED.finditer(s):
        rest = [w for w in _WORD_AT.finditer(m.group(0))
                if stem(w.group(0).lower()) not in described and w.group(0).lower() not in STOPWORDS
                and not any(a <= m.start() + w.start() < b for a, b in places)]
        if any(not is_common_english(w.group(0).lower()) for w in rest):
            spans.append((m.start() + rest[0].start(), m.start() + rest[-1].end()))
    if not spans:
        return False
    toks = list(_WORD_AT.finditer(s))
    for a, b in spans:
        inside = [i for i, t in enumerate(toks) if a <= t.start() < b]
        if not inside:
            continue
        near, around = _stems_around(toks, inside, BESIDE), _stems_around(toks, inside, 2 * BESIDE)
        # The head noun beside the name, or another word of the noun beside it and the head a little
        # further off ("Chairman of the 48 Group Club in the UK Stephen Perry" for "the club chairman");
        # every word of the noun near ("director general" is no "country director").
        if described <= around and (head in near or (described - {head}) & near):
            return True
    return False


def _stems_around(toks: list[re.Match[str]], inside: list[int], n: int) -> set[str]:
    near = toks[max(0, inside[0] - n):inside[0]] + toks[inside[-1] + 1:inside[-1] + 1 + n]
    return {x for t in near for x in (stem(t.group(0).lower()),) + synonym_stems(t.group(0).lower())}


def describes_unnamed(e: Event, q: Query, lexicon: Lexicon) -> bool:
    """Whether an event prints the noun a "who" question describes its answer by ("a teacher from
    Hubei Province") but never names anyone beside it: it knows of the one asked about, not who."""
    described = described_stems(q, lexicon)
    if not described or not described <= lexicon.text_terms(e.text)[0] | {
            x for w in words(e.text) for x in synonym_stems(w)}:
        return False  # the noun is not there as such: the event may say it otherwise ("Dr Li")
    head = stem(q.described[-1])
    return not any(names_beside(x, described, head, e, lexicon) for x in any_sentences(e.text))


def _detail(s: str, q: Query, e: Event, lexicon: Lexicon) -> float:
    """How well a sentence holds the kind of fact the question asks for: a number of the counted
    thing, a day date, a person or organisation of the event (doing what the question asks), a
    place. A bonus on top of its share of the question's words."""
    if q.asks_money and MONEY.search(s):
        return 0.5  # "how much were they worth": the sentence with the amount
    if q.intent == "when":
        if _DAY_DATE.search(s) or _ZH_DAY.search(s):
            return 0.2
        return 0.1 if re.search(r"\b(?:19|20)\d{2}\b|" + _MONTH_NAMES + r"|\d{1,2}月", s) else 0.0
    if q.intent == "how_many":
        focus = lexicon.stems(q.focus) if q.focus else set()
        for f in e.figures:
            if f.text in s and focus & (lexicon.stems(words(f.text)) | _phrase_forms(f.text)):
                return 0.5  # a figure of the very thing counted
        if zh_counts(s, q.zh_focus):
            return 0.5  # "300个书包"
        if q.focus and q.language != "zh" and CJK.search(s) and any(zh_counts(s, w) for w in chinese_for(q.focus[-1])):
            return 0.5  # "how many masks": "3万个一次性医用口罩", in a report written in Chinese
        if q.focus and q.language != "zh" and zipf(q.focus[-1]) >= GENERAL_NOUN_ZIPF and CJK.search(s) \
                and ZH_PEOPLE_COUNT.search(s) and any(w.endswith(ZH_PERSON_ENDINGS) for w in chinese_for(q.focus[-1])):
            # "how many people": "600余人", by a measure word for persons (a noun too general for the
            # text to print it; "children" is counted as children: "15名患儿")
            return 0.5
        for m in _COUNT.finditer(s):  # a number followed closely by the counted word: "2000 bikes"
            if focus & _phrase_forms(m.group(1)):
                return 0.5
            # ... or by a word that names it otherwise: "60 orphans" for "how many kids"
            counted = tuple(_TOKEN.findall(m.group(1)))
            if q.focus and any(_names_asked_at(counted, i, q.focus[-1]) for i in range(len(counted))):
                return 0.5
        # "166 youths" for "how many young people"; for a noun as general as "people", a number of
        # people of some kind ("200 representatives"), as the decision reads it (see decide._detail)
        if q.focus and counts_alike(s, " ".join(q.focus), lexicon, GENERAL_COUNT_SIMILAR
                                    if zipf(q.focus[-1]) >= GENERAL_NOUN_ZIPF else COUNT_SIMILAR):
            return 0.5
        if _CARDINAL.search(_ZH_DATES.sub(" ", cut_dates(s))) or NUMBER_WORD.search(s):
            # A number that is not part of a date, in digits or in words ("an audience of over a
            # thousand"); an ordinal ("the 55th anniversary") counts nothing.
            return 0.25
        return 0.0
    if q.intent == "who":
        bonus = 0.0
        # (what was done, where the verb is a light one: "gave the closing speech" is a speech)
        focus = stems_with_synonyms([obj] if (obj := light_object(q)) else q.focus)
        if asks_several(q) and _WHICH.search(q.raw):
            # "which hospitals" (a kind asked for; "who leads" asks a deed): the sentence that names
            # more of that kind (up to three), in English
            # or, in a text written in Chinese, by the dictionary's words for it ("朝阳医院、友谊医院")
            low = s.lower()
            named = sum(stem(w) in focus for w in words(low))
            if CJK.search(s):
                named += sum(low.count(z) for z in chinese_for(q.focus[-1]))
            bonus += PLACE_CUE * min(named, MANY_PLACES)
        elif q.focus and _WHICH.search(q.raw) and q.focus[-1] not in GENERIC_NOUNS:
            # "which university co-hosted it": the sentence that names that kind of thing (a name ends
            # in its kind: "the Warsaw University of ..."), not one that holds more of the description.
            # (The focus is a noun phrase, no deed: "Polish" in "the Polish House" is not "to polish".)
            if stems_with_synonyms(q.focus[-1:]) & lexicon.text_terms(s)[0]:
                bonus += 0.3
        elif not _WHICH.search(q.raw) and (says_deed(focus, s, lexicon) or CJK.search(s) and any(
                lexicon.said_in_chinese(w, s) for w in q.focus if w not in LIGHT_VERBS)):
            # "who chaired": the sentence that says who presided (or "the organizer"; in a text
            # written in Chinese, by the dictionary's words: "organised", 主办). (Not the noun of
            # "which Kenyan government body": a kind of thing asked for is no deed.)
            bonus += 0.3
        if any(p.name in s for p in e.people) or any(o.name in s for o in e.organizations):
            bonus += 0.15
        if q.described and names_beside(s, described_stems(q, lexicon), stem(q.described[-1]), e, lexicon):
            bonus += 0.3  # "Minister ... Li Kexin" for "the embassy minister who spoke"
        return bonus
    # "which province", "what capsules": the sentence that names the kind of thing asked for.
    kind = 0.3 if stems_with_synonyms(q.focus) & lexicon.text_terms(s)[0] else 0.0
    # "where": a place the question does not name already (the village in Cambodia, not Cambodia),
    # one the gazetteer knows or a name of a kind of place ("Tanorn Village", "Takeo Province").
    if q.intent == "where":
        asked = {p.name for p in q.places}
        # the places it names beyond those asked (a sentence that names several answers a "which
        # countries" better than one that names the venue)
        several = asks_several(q)
        new = {p.name for p in e.places if p.name in s and p.name not in asked} | {
            m.place.name for m in lexicon.places_in(s) if m.place.name not in asked} | set(place_names(s))
        said = [s[m.end() - 1:m.end() + 40] for m in (*_SAYS_WHERE.finditer(s), *_GOES_TO.finditer(s))]
        if any(not any(x.startswith(a) for a in asked) for x in said):
            # It says where something took place ("held at Udaydev Secondary School", "established in
            # Nuku'alofa", "organized here in Charikot") or where someone went ("the delegation visited
            # Beijing, Chengdu and Shanghai"), not only naming a place in passing; somewhere the
            # question does not already name ("staged in Beijing" says nothing new of "... in Beijing").
            return LOCATIVE_CUE + kind + (PLACE_CUE * (min(len(new), MANY_PLACES) - 1) if new and several else 0.0)
        if new:
            return PLACE_CUE * (min(len(new), MANY_PLACES) if several else 1) + kind
    return kind


def asks_several(q: Query) -> bool:
    """Whether the noun a question asks by is a plural ("which countries", "which hospitals"): a
    sentence that names more of them answers it better."""
    return bool(q.focus) and _plural_noun(q.focus[-1])


# How much a sentence that says where something took place counts for "where" (see _SAYS_WHERE), above
# one that only names a place (PLACE_CUE for each place it names that the question does not, up to
# MANY_PLACES).
LOCATIVE_CUE = 0.3
PLACE_CUE = 0.15
MANY_PLACES = 3
# A verb of taking place (or of being set up, or standing somewhere), then "at"/"in" a name: English
# grammar, not any report's wording.
_SAYS_WHERE = re.compile(r"\b(?:held|hold|holds|holding|took place|takes place|taking place|staged|organi[sz]ed|hosted|convened|"
                         r"established|founded|set up|launched|opened|located|based|headquartered|situated|happened|"
                         r"inaugurated|unveiled)\s+(?:[\w'’-]+\s+){0,2}?(?:at|in|inside)\s+(?:the\s+)?[A-Z]")


# A verb of going somewhere, then a name: where a delegation or a visitor went (English grammar).
_GOES_TO = re.compile(r"\b(?:visited|toured|travell?ed to|went to|arrived in|headed to|stopped (?:at|in))\s+(?:the\s+)?[A-Z]")


def venues_said(s: str) -> list[str]:
    """The names a sentence says something took place at or in ("held at Udaydev Secondary School":
    Udaydev Secondary School)."""
    return [m.group(1) for m in _VENUE.finditer(s) if not _CALENDAR_WORD.match(m.group(1))]  # not "founded in November"


_CALENDAR_WORD = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b")
_VENUE = re.compile(_SAYS_WHERE.pattern[:-len("[A-Z]")] + r"([A-Z][\w'’&.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’&.-]*)*)")


# A name of a place by its kind: "Tanorn Village", "Bati County", "Takeo Province" (a word of the name
# may be printed in lower case: "Mondul kiri Province").
_PLACE_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*(?:\s+([a-z]+))?\s+(?:Village|County|District|Province|"
                        r"Prefecture|Township|Town|Commune|Municipality|Region|Island|State)\b")


def place_names(text: str) -> list[str]:
    """The names of places by their kind a text prints (a word in lower case in one is no common
    English word: "the eastern Region" names no place)."""
    found = [m.group(0) for m in _PLACE_NAME.finditer(text) if not (m.group(1) and is_common_english(m.group(1)))]
    if CJK.search(text):
        # ... and in Chinese, a foreign place the gazetteer does not know ("阿斯比斯科特市"; one it
        # knows, 南宁市, is found by its name)
        known = default_gazetteer().zh_places
        # (nor one it knows but for a character of the word before: "西南宁市" of "广西南宁市" is Nanning)
        found += [m.group(0) for m in FOREIGN_PLACE_ZH.finditer(text)
                  if not any(m.group(0)[i:] in known or m.group(0)[i:-1] in known for i in (0, 1))]
    return found
