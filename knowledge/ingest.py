"""Reading a report file into clean text blocks, each with its section and page.

Text extracted from PDFs and web pages carries noise: paragraphs split across lines and pages,
running heads, page markers ("- 35 -"), photo captions (◀ ▶), repeated section titles, bylines and
translator credits, breadcrumbs. This module removes the noise and keeps the structure the rest of
the pipeline needs: headlines, the contents list with its page numbers, and the page of each block.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from rapidfuzz import fuzz

from knowledge.errors import ReportReadError
from knowledge.gazetteer import default_gazetteer

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
_TERMINAL = tuple('.!?;:"”’)…')
_PAGE_MARKER = re.compile(r"^\s*[-–—]\s*(\d{1,3})\s*[-–—]\s*$")
_CAPTION = re.compile(r"[◀▶]")
_CREDIT = re.compile(r"^\(?\s*(?:Translated|Translation|Photo|Photos|Proofread|Edited)\s+by\b.*$|^Credits?:", re.I)
_BREADCRUMB = re.compile(r"^\s*(?:[•·>»]|\d+\.)?\s*(?:Home|>|»|Briefings?|Reports?|News)?\s*$", re.I)
# A page's control for its text size ("Adjust font size:", "Text size: A+ A-").
_FONT_SIZE = r"(?:adjust\s+)?(?:font|text)\s*size\s*:?"
_WEB_NOISE = re.compile(r"^(?:fontSize:|" + _FONT_SIZE + r"\s*(?:[-+aA\s|]*)$|Share:|Print$|Table of Contents$|Back to top|"
                        r"[-–—\s]*(?:Advertisement|Advertising|Sponsored)[-–—\s]*$)", re.I)
# A link's label on a line of its own under each item of a news list ("Detail", "Read more »",
# "查看详情"): navigation between an item's date and the next headline, not text.
_READ_ON = r"read more|continue reading|read the full (?:story|article)"
_LINK_LABEL = re.compile(rf"(?:{_READ_ON}|details?|more|learn more|"
                         r"view (?:more|details?)|see more|full (?:text|story)|详情|查看详情|阅读全文|查看全文|更多|"
                         r"了解更多)\s*[»›>→]*", re.I)
# A day of a programme written alone on its line: a weekday, its day of the month, perhaps the month.
_DAY_LABEL = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
                        r"(?:\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|"
                        r"november|december))?\.?$", re.I)
_META = re.compile(r"^(Date|Source|Author|Published):\s*(.+)$", re.I)
# A page's address alone on its line (the page was saved with it), or under a label ("URL: ...",
# as a copy made by a browser extension or a script heads it): where the text was read, no text.
# (A labelled one may carry a short note after it: "URL: https://... page=102".)
_ADDRESS_LINE = re.compile(r"(?P<label>(?:URL|Link|网址|链接)\s*[:：]\s*)?(?P<url>(?:https?://|www\.)\S+)"
                           r"(?(label)(?:\s+\S.{0,40})?)", re.I)
# One field of a page's record bar: a short label, a colon, its value ("来源 :Voice Of Friendship",
# "Views: 1523", "上传用户:vrace_zh").
_FIELD = re.compile(r"^\s*[^\s:：|]{1,12}(?:\s[^\s:：|]{1,12})?\s*[:：]\s*\S")


def fields_line(line: str) -> bool:
    """Whether a line is a page's record bar: two fields or more parted by "|" or runs of spaces, each
    a label and its value ("Source: Xinhua | Views: 12 | Uploaded by: admin"): furniture, no text."""
    cells = [c for c in re.split(r"\s*\|\s*|\s{3,}", line.strip()) if c]
    return len(line) <= 200 and len(cells) >= 2 and all(_FIELD.match(c) for c in cells)
# A label's value that begins with a date: "2017-07-28 (...)", "14 November 2017, ...", "May 6, 2015 ..."
_DATED_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}\b|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}\b")
# A plain-text table's rule ("----+------+----") or a line of dashes, stars or equals signs
_RULE_LINE = re.compile(r"[\s\-+=|_—–*#~:.]{3,}")


def _table_header(line: str) -> bool:
    """A plain-text table's header row: cells parted by "|", each a label of at most three words."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return len(cells) >= 3 and all(c and len(c.split()) <= 3 and not re.search(r"\d{2}", c) for c in cells)


# A photo's credit closing its caption: "(Photo by Ammar Safarjalani/Xinhua)", "[Photo: Li Shen/China.org.cn]".
_PHOTO_CREDIT = re.compile(r"[(\[]\s*(?:Photos?|Image|Picture|File photo)\s*(?:by\b|:|/)[^)\]]{0,80}[)\]]\s*$|"
                           r"[/|]\s*(?:[A-Z][\w.&-]*\s+){1,3}(?:Photos?|Image|Pictures?)\s*$|"  # "... / CGTN Photo"
                           r"\bPhotos?\s*(?:by\b|:)\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s*$")  # "... Photo by Zhang Bao"
# A caption's credit in capitals at its end: "(LI QING)", "(XINHUA)", "(CYDF)".
_CAPS_CREDIT = re.compile(r"\(([A-Z][A-Z'’.&-]*(?:[ /][A-Z][A-Z'’.&-]*){0,3})\)\s*$")


def photo_caption(line: str) -> bool:
    """Whether a line is a photo's caption by the credit that closes it: "(Photo by X/Xinhua)", "... /
    CGTN Photo", or a name or an agency in capitals ("Delegates hold a discussion ... (LI QING)"). An
    acronym after the name it stands for ("... for Rural Development (CFRD)") is no credit: its letters
    are the capitals of the words before it, in order."""
    if len(line) >= 400:
        return False
    if _PHOTO_CREDIT.search(line):
        return True
    m = _CAPS_CREDIT.search(line)
    if m is None or len(line[:m.start()].split()) < 5:
        return False
    letters = iter(c for c in line[:m.start()] if c.isupper())
    return not all(c in letters for c in m.group(1) if c.isalpha())  # (a subsequence test)


_DATE_LABEL = re.compile(r"^(?:date|published|posted|updated)\s*:?\s*((?:19|20)\d{2}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\b\s*",
                         re.I)
# ... or after the headline it dates, at the end of its line: "... Special Fund in Beijing
# Time:2023/07/14", "... 发布时间：2024-05-20 10:31".
_DATE_TAIL = re.compile(r"\s*\b(?:date|time|published|posted|updated|release time|发布时间|时间|日期)\s*[:：]\s*"
                        r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$", re.I)
# A breadcrumb trail on one line: "Home > English > CFPD News", "首页 > 新闻中心".
_BREADCRUMB_TRAIL = re.compile(r"^(?:(?:current\s+(?:location|position)|you\s+are\s+here|location|当前位置|您的位置|您现在的位置|所在位置)"
                               r"\s*[:：]?\s*)?(?:home|homepage|首页|网站首页)\s*(?:->|>|»|›|/|＞|→)\s*\S", re.I)
_CONTENTS_ENTRY = re.compile(r"^[-–•]?\s*(\d{1,3})\s+(\S.*)$")
_NUMBERED = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})\s*[.、](?!\d)\s*\S")  # not "23.04.2014"
_CJK = re.compile(r"[\u3400-\u9fff]")


_DATE_LINE_WORDS = re.compile(r"[A-Za-z][\w'’-]*")
# A byline: "By <name>", which a newsletter closes with its source and date
# A byline's names: capitalised words, "and" between two names ("By Zhou Rei and Yu Lan, ...").
_AUTHOR = re.compile(r"^(?:[-–—•·*]\s*)?(?:By|BY|by|Written by|Text by)\s+([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|&)(?=\s+[A-Z]|$|[\s,.]))"
                     r"{0,5}?)(?:\s+on\b|\s*[,|(]|\s*$|\.?\s*$)")
# A byline this near the top of a page (in lines kept) is its author's.
AUTHOR_LINES = 12
_BYLINE = re.compile(r"^(?:[-–—•·*]\s*)?(?:By|BY|Written by|Text by)\s+[A-Z\u3400-\u9fff]")
# A news page's tools and its site's name printed around its date line: "0 Comment(s) Print E-mail
# China.org.cn, May 27, 2015 Adjust font size:" is a date line with the page's furniture, no text.
_PAGE_TOOLS = re.compile(r"\b\d*\s*comments?(?:\s*\(s\))?|\bprint\b|\be-?mail\b|\bshare\b|\btweet\b|"
                         r"\b" + _FONT_SIZE + r"|"
                         # a site's name: generic endings, or any country's two letters ("China.org.cn")
                         r"\b[a-z][\w-]*(?:\.[a-z][\w-]*)*\.(?:com|org|net|gov|edu|int|info|[a-z]{2})\b", re.I)
# A numeric date with its year and a time of day: the moment a page was published, whatever words stand around it
_STAMP = re.compile(r"(?<![\d.])(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}\b")


def is_date_line(text: str) -> bool:
    """Whether a short line only gives a date: "2023-12-07", "Posted on May 6, 2015", "Friday, 26 August",
    "Xinhua | Updated: 2016-11-25 17:40" (a publication date, not an item's text).

    Found by shape: a date takes the line, and what is left is at most three words and no sentence.
    """
    from knowledge.dates import find_dates

    flat = text.replace("\n", " ").strip()
    if _PAGE_TOOLS.search(flat) and len(flat) <= 200:
        flat = re.sub(r"\s+", " ", _PAGE_TOOLS.sub(" ", flat)).strip(" ,;|")
    if len(flat) <= 160 and not flat.endswith((".", "!", "?")) and _STAMP.search(flat):
        return True  # a publication stamp with its byline: "Comprehensive work department ... 2023-11-01 18:47 Published"
    if len(flat) <= 200 and _BYLINE.match(flat):
        # "By Zhou Rei and Yu Lan, China News Network, November 16, 2013.": who wrote it, where and when
        dated = [d for d in find_dates(flat) if not d.year_inferred]
        if dated and not flat[dated[-1].end:].strip(" .,;)（）()") and ". " not in flat[:dated[-1].start]:
            return True
    if len(flat) > 60 or flat.endswith((".", "!", "?")) and not re.search(r"\d\.?$", flat):
        return False
    found = find_dates(flat)
    if not found:
        found_day = re.search(r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|"
                              r"October|November|December)\b|\b(?:January|February|March|April|May|June|July|"
                              r"August|September|October|November|December)\s+\d{1,2}\b", flat)
        if not found_day:
            return False
        rest = flat[:found_day.start()] + " " + flat[found_day.end():]
    else:
        rest = flat
        for d in reversed(found):
            rest = rest[:d.start] + " " + rest[d.end:]
    rest = re.sub(r"\b\d{1,2}[:.]\d{2}\b", " ", rest)  # a time of day
    # a page's counters and the author: "Views: 1523", "by admin", "by Li Ping"
    rest = re.sub(r"\b(?:views?|reads?|comments?|hits?|clicks?)\s*[:：]?\s*\d+", " ", rest, flags=re.I)
    rest = re.sub(r"\b[Bb]y\s+(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w'’-]*){0,2}|[a-z][\w.-]*\s*$)", " ", rest)
    words = _DATE_LINE_WORDS.findall(rest)
    # "Posted on ... in Events": a verb of publishing allows a few more words of furniture
    allowed = 5 if re.search(r"\b(?:posted|published|updated|released|issued)\b", rest, re.I) else 3
    return len(words) <= allowed and not re.search(r"\d{3,}", rest)


@dataclass(frozen=True, slots=True)
class Block:
    """A clean paragraph or headline of a report, with the section and page it stands in."""

    text: str
    kind: str  # "heading" | "para" | "date" (the item's publication date line) | "caption" (a photo caption)
    section: str | None
    page: int | None


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """One line of a printed contents list: headline, page, and the section it is listed under."""

    title: str
    page: int
    section: str | None


@dataclass
class Document:
    """A report read from its file: body blocks, contents list, front matter, metadata found."""

    path: Path
    text_hash: str
    blocks: list[Block]
    contents: list[ContentsEntry]
    front_matter: list[str]
    meta: dict[str, str] = field(default_factory=dict)
    title_guess: str | None = None


def _utf16_encoding(raw: bytes) -> str | None:
    """The UTF-16 codec a file is written in, when it says so; None for any other file.

    Only a byte-order mark or the NUL byte of every other byte (Latin text in UTF-16) says so:
    any byte string of even length decodes as UTF-16, so trying it on a non-UTF-8 file would
    accept mojibake as text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = raw[:4096]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 8:
        return None
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def read_text(path: Path) -> str:
    """The text of a report file; ReportReadError when it is empty, binary or undecodable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportReadError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    if not raw.strip():
        raise ReportReadError(f"{path.name}: the file is empty")
    utf16 = _utf16_encoding(raw)
    if utf16 is None and b"\x00" in raw[:4096]:
        raise ReportReadError(f"{path.name}: binary data, not text")
    try:
        text = raw.decode(utf16 or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportReadError(f"{path.name}: not valid {'UTF-16' if utf16 else 'UTF-8'} text") from exc
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(10, len(text) // 100):
        raise ReportReadError(f"{path.name}: binary data, not text")
    letters = sum(ch.isalpha() for ch in text)
    if letters < 20:
        raise ReportReadError(f"{path.name}: no readable text")
    return text


def _norm_space(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u3000", " ").replace("\u200b", "")
    return re.sub(r"[ \t]+", " ", text).strip()


def _is_allcaps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha() and not _CJK.match(ch)]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _is_cjk_block(text: str) -> bool:
    cjk = len(_CJK.findall(text))
    return cjk >= 2 and cjk >= sum(ch.isalpha() for ch in text) * 0.5


def _looks_body(text: str) -> bool:
    return len(text) >= 100 or (len(text) >= 40 and text.endswith(_TERMINAL) and " " in text)


def _headline_shape(text: str) -> bool:
    if len(text) > 220 or len(text) < 8 or text.endswith((".", ",", ";", ":")):
        return False
    first = text.lstrip("\"“'‘-–• ")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if len(words) < 2:
        return False
    small = {"a", "an", "and", "the", "of", "for", "in", "on", "at", "to", "by", "with", "from", "as",
             "its", "their", "our", "into", "over", "under", "between", "among", "amid", "through"}
    content = [w for w in words if w.lower() not in small]
    caps = sum(1 for w in content if w[0].isupper())
    return bool(content) and caps >= 0.7 * len(content)


_SENTENCE_START = re.compile(r"^(?:During|On|In|At|From|As|After|Before|When|While|Since|With|The two|He|She|They|It|This|These|Such)\b")
_DANGLING = re.compile(r"\b(?:with|of|and|the|to|for|in|on|at|by|a|an|from|as|that|which|who|said|met)$", re.I)


def _strong_headline(text: str) -> bool:
    """A block that reads as a headline on its own: not a sentence broken off mid-way."""
    if _NUMBERED.match(text):
        return len(text) <= 220
    # A comma belongs to a headline only before a place ("… in Siem Reap, Cambodia"); anything else
    # after a comma reads as a sentence broken off or a caption listing people.
    return (_headline_shape(text) and _commas_ok(text) and not _SENTENCE_START.match(text)
            and not _DANGLING.search(text))


def _commas_ok(text: str) -> bool:
    """Whether every comma of a line stands before a place or a date, as a headline's may ("... in Siem
    Reap, Cambodia", "... World Friendship Day, March 1")."""
    from knowledge.dates import DateContext, find_dates

    gazetteer = default_gazetteer()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # "10,000 talents": a thousands separator is no comma
    return all(gazetteer.lookup(part.strip()) is not None
               or ((found := find_dates(part.strip(), DateContext(issue_date="2000"))) and found[0].start == 0
                   and found[0].end == len(part.strip()))
               for part in text.split(",")[1:])


# Words that PDF extraction glued together: "theMay 4thhandover" -> "the May 4th handover". Only
# sure seams are split: a function word glued to a capitalised word, an ordinal or an acronym glued
# to a word, a head word of a name glued to the word before it; a capital inside a name
# ("McDonald", "TikTok") is left alone.
_GLUED_WORD = re.compile(r"\b(the|of|and|in|to|at|on|for|with|by|from|as)(?=[A-Z][a-z])")
_GLUED_ORDINAL = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th))(?=[a-z]{3,})")
_GLUED_ACRONYM = re.compile(r"\b([A-Z]{2,}s?)(?=(?:in|and|the|to|has|have|was|were|is|are|of|on|at|for|with)\b)")
_HEAD_WORDS = ("Foundation|Association|Federation|Society|Network|Council|Committee|Institute|University|Centre|"
               "Center|Ministry|Department|Hospital|Alliance")
_GLUED_HEAD = re.compile(rf"(?<=[a-z]{{3}})(?=(?:{_HEAD_WORDS}|"
                         r"Participated|Attended|Held|Launched|Visited|Hosted|Signed|Donated)\b)")


# "Kind Foundationheld the ceremony", "Associationhas": a head word glued to the word after it.
_GLUED_AFTER_HEAD = re.compile(rf"\b({_HEAD_WORDS})"
                               r"(?=(?:held|has|have|had|and|was|were|is|are|in|to|of|for|with|on)\b)")
# "... in Nanning.The first batch ...": a full stop glued to the next sentence (not "U.S." or "No.1").
_GLUED_STOP = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])")


def _unglue(line: str) -> str:
    """A line with glued words parted: "theMay 4thhandover", "NGOsin", "Beijing PeacelandFoundation"."""
    line = re.sub(r"(?<= )&(?=[A-Z][a-z])", "& ", line)  # "Compilation &Translation Bureau"
    line = _GLUED_AFTER_HEAD.sub(r"\1 ", line)
    line = _GLUED_STOP.sub(". ", line)
    line = _GLUED_WORD.sub(r"\1 ", line)
    line = _GLUED_ORDINAL.sub(r"\1 ", line)
    line = _GLUED_ACRONYM.sub(r"\1 ", line)
    return _GLUED_HEAD.sub(" ", line)


_ACRONYM_WORD = re.compile(r"\b([A-Z]{3,8})([A-Z][a-z]{3,})\b")
_LOWER_CAPITAL = re.compile(r"\b([a-z]{3,})([A-Z](?:[a-z]{2,}|[A-Z]{1,8}s?)\b)")
_CAMEL_GLUE = re.compile(r"\b[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})+\b")
_TAIL_GLUE = re.compile(r"\b([A-Za-z][a-z]{3,}?)(and|under|along|with|from|the|for|of|in|to)\b")


def unglue_by_vocabulary(text: str) -> str:
    """Words a PDF glued together, parted where the document itself prints the parts as words.

    "RussiaDunhuang", "ChinaExchange", "Exchangesand", "Controlalong": a glued word is rare in the
    document, its parts are words the document prints on their own. A word the document prints
    often ("InterAction", "TikTok", "Thailand", "thousand") is left alone.
    """
    counts: dict[str, int] = {}
    for w in re.findall(r"[A-Za-z]+", text):
        counts[w] = counts.get(w, 0) + 1

    def word(part: str) -> bool:
        return counts.get(part, 0) + counts.get(part.lower(), 0) + counts.get(part.capitalize(), 0) >= 2

    def english(part: str) -> bool:
        from wordfreq import zipf_frequency  # which words are English; loaded only for a glued word

        return len(part) >= 4 and zipf_frequency(part.lower(), "en") >= 2.5

    def camel(m: re.Match[str]) -> str:
        glued = m.group(0)
        parts = re.findall(r"[A-Z][a-z]+", glued)
        if counts.get(glued, 0) <= 2 and all(word(p) for p in parts):
            return " ".join(parts)
        return glued

    def lower_capital(m: re.Match[str]) -> str:
        # "wifeAngela", "theCFPA": a word of English (or a function word) glued to a name or an acronym,
        # not to a word of English ("fontSize" is a programmer's name)
        from wordfreq import zipf_frequency

        glued, left, right = m.group(0), m.group(1), m.group(2)
        name = right.isupper() or zipf_frequency(right.lower(), "en") < 4.5
        if counts.get(glued, 0) <= 1 and name and (left in _FUNCTION_WORDS | {"and", "of"} or english(left)):
            return f"{left} {right}"
        return glued

    def acronym_word(m: re.Match[str]) -> str:
        # "the CFRDExecutive Director": an acronym glued to a word of English
        from wordfreq import zipf_frequency

        glued = m.group(0)
        if counts.get(glued, 0) <= 1 and zipf_frequency(m.group(2).lower(), "en") >= 3.0:
            return f"{m.group(1)} {m.group(2)}"
        return glued

    text = _LOWER_CAPITAL.sub(lower_capital, text)
    text = _ACRONYM_WORD.sub(acronym_word, text)

    def tail(m: re.Match[str]) -> str:
        glued, stem = m.group(0), m.group(1)
        if counts.get(glued, 0) <= 2 and counts.get(stem, 0) >= 3 and len(stem) >= 5:
            return f"{stem} {m.group(2)}"
        return glued

    def lower_run(m: re.Match[str]) -> str:
        # "879,819socialorganizations": a run of lower-case letters no English text prints, that the
        # document's own words make up whole, is those words (after a number glued to it)
        number, glued = m.group(1) or "", m.group(2)
        if counts.get(glued, 0) > 1 or english(glued):
            return m.group(0)
        parts = _split_words(glued, lambda w: len(w) >= 3 and word(w) and english(w) or w in _FUNCTION_WORDS)
        if parts is None or len(parts) < 2:
            return m.group(0)
        return (f"{number} " if number else "") + " ".join(parts)

    text = _LOWER_RUN.sub(lower_run, text)
    if _PINYIN_GLUE.search(text):
        from knowledge.extract import CHINESE_SURNAMES, PINYIN_PAIR  # (extract reads this module)

        def pinyin_name(m: re.Match[str]) -> str:
            # "XuYonghao": a Chinese surname glued to a given name of two pinyin syllables is a
            # person's name ("Xu Yonghao"); one syllable ("FuXing Road") is as often a place's.
            surname, given = m.group(1), m.group(2)
            if surname in CHINESE_SURNAMES and PINYIN_PAIR.fullmatch(given):
                return f"{surname} {given}"
            return m.group(0)

        text = _PINYIN_GLUE.sub(pinyin_name, text)
    return _unmask_spaces(_TAIL_GLUE.sub(tail, _CAMEL_GLUE.sub(camel, text)))


# A capitalised word of at most six letters glued to a capitalised word: "XuYonghao".
_PINYIN_GLUE = re.compile(r"\b([A-Z][a-z]{0,5})([A-Z][a-z]{2,9})\b")


# A run of at least twelve lower-case letters, alone or glued to a number before it.
_LOWER_RUN = re.compile(r"(?<![A-Za-z])(\d[\d,.]*)?([a-z]{12,})(?![A-Za-z])")


def _split_words(run: str, is_word: Callable[[str], bool]) -> list[str] | None:
    """The fewest words ``run`` is made of, or None (a word break by dynamic programming)."""
    best: list[list[str] | None] = [[]] + [None] * len(run)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - 20), end):
            before = best[start]
            if before is not None and is_word(run[start:end]) and (best[end] is None or len(before) + 1 < len(best[end])):
                best[end] = before + [run[start:end]]
    return best[-1]


_MASKED_SPACE = re.compile(r"(?<![\w?])([a-z]+|\d+|[A-Za-z]*\))\?(?=([a-z]+|\d+)\b)")


def _unmask_spaces(text: str) -> str:
    """Spaces a wrong encoding turned into "?" put back: "attracted?approximately 600?people".

    Only between two words of English (wordfreq) or numbers, in lower case: a letter the encoding
    lost inside a name ("Ko?o?lu", "Ata?") stays as it is.
    """
    if "?" not in text:
        return text
    from wordfreq import zipf_frequency  # which words are English; loaded only for such a text

    def english(part: str) -> bool:
        return part.isdigit() or part.endswith(")") or (len(part) >= 2 and zipf_frequency(part, "en") >= 3.0)

    def fix(m: re.Match[str]) -> str:
        return f"{m.group(1)} " if english(m.group(1)) and english(m.group(2)) else m.group(0)

    for _ in range(3):  # "sound?and?steady": each fix may free the next
        fixed = _MASKED_SPACE.sub(fix, text)
        if fixed == text:
            break
        text = fixed
    return text


# "... Read more »" closing a teaser (a link's label at the end of a line of text).
_READ_MORE = re.compile(rf"\s*(?:\.{{3}}|…)?\s*\b(?:(?:{_READ_ON})\s*[»›>→]*|"
                        r"more\s*[»›>→]+)\s*$", re.I)


# A page's publication time as a Unix time ("1554685044000", milliseconds), on a line of its own.
_EPOCH = re.compile(r"\d{10}(?:\d{3})?")
# An image's file name left on a line of its own: "95f6c37b-8112-4900-9e91-6f899f899b2d.jpeg".
_IMAGE_FILE = re.compile(r"\S+\.(?:jpe?g|png|gif|webp|bmp)", re.I)


def _repeated_phrase(line: str) -> bool:
    """Whether a line prints one phrase of several words three times or more: a ticker ("• FLASH: AT
    LEAST 20 DEAD ... • FLASH: AT LEAST 20 DEAD ...")."""
    parts = [p.strip() for p in re.split(r"\s*[•|·]\s*", line) if p.strip()]
    counts: dict[str, int] = {}
    for part in parts:
        if len(part.split()) >= 3:
            counts[part] = counts.get(part, 0) + 1
    return any(n >= 3 for n in counts.values())


# A line this long is a whole paragraph: the text does not wrap its lines.
_UNWRAPPED = 200


def _label_line(line: str) -> bool:
    """A menu's or a link list's label: at most four words besides "to", "the", "of" ... (or cells of
    that many parted by "|"), without a number, a colon or closing punctuation."""
    if re.search(r"\d|:", line) or line.rstrip().endswith(_TERMINAL) or not line.strip(" |"):
        return False

    def content(cell: str) -> int:
        return sum(1 for w in re.findall(r"[^\W\d_][\w'’&.-]*", cell) if w.lower() not in _FUNCTION_WORDS | {"and", "of"})

    return all(1 <= content(cell) <= 4 for cell in line.split("|") if cell.strip())


def _menu_line(line: str) -> bool:
    """Whether one line is a menu: four labels or more set apart by runs of spaces ("Home     Nation
    World     Business")."""
    cells = [c for c in re.split(r"[ \t\u00a0\u3000]{2,}", line.strip()) if c]
    return len(cells) >= 4 and all(_label_line(c) and len(c.split()) <= 3 for c in cells)


def _is_menu(lines: list[str]) -> bool:
    """Whether a block of lines is navigation: a menu, a list of links ("E-mail / Newsletter / Mobile /
    News / Subscribe / Now", "Current Issue / Cover Story / Table of Contents"), found by its shape:
    at least four lines, two in three of them short labels, and no colon (a masthead's "Editors:" and
    its names are no menu)."""
    if len(lines) < 4 or any(":" in line for line in lines):
        return False
    return sum(_label_line(line) for line in lines) * 3 >= 2 * len(lines)


def _split_headline_line(block: str) -> list[str]:
    """A block whose first line is a headline set right above its paragraph, parted in two.

    "Medical team visits rural clinics\nThe Amity Foundation sent ...": a short first line with no
    full stop and not broken off mid-phrase, then prose that starts a sentence.
    """
    lines = block.split("\n")
    if len(lines) < 2:
        return [block]
    first, rest = lines[0], " ".join(lines[1:])
    if (8 <= len(first) <= 150 and not first.endswith(_TERMINAL) and not first.endswith(",")
            and not _DANGLING.search(first) and not _CONTENTS_ENTRY.match(first) and not _CJK.search(first)
            and not first.startswith(("-", "•", ">", "»")) and not _is_allcaps(first)
            and (first[:1].isupper() or re.match(r"^[\[(]?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[\])]?\s+[A-Z]", first))
            and len(rest) >= 80 and rest[:1].isupper() and rest.rstrip().endswith(_TERMINAL)):
        return [first, "\n".join(lines[1:])]
    return [block]


# Anti-copying "jammer" text that forum software (Discuz!) hides in its pages and a copy of the page
# keeps: runs of scraps of one or two letters, digits and punctuation ("8 s6 v/ G6 r5 S2 H, a$ c&"),
# mostly not plain words or numbers, around and between the lines of the post.
_JAM_RUN = re.compile(r"(?<!\S)(?:[!-~]{1,2}[ \t]+){3,}[!-~]{1,2}(?!\S)")


def unjam(line: str) -> str:
    """A line without the jammer scraps a forum page hides in it ("9 Q) S. M& p' 第一类": 第一类)."""
    def scraps(m: re.Match[str]) -> str:
        toks = m.group(0).split()
        odd = sum(1 for t in toks if not t.isalpha() and not t.isdigit())
        return " " if odd >= 3 and odd * 2 >= len(toks) else m.group(0)
    return _JAM_RUN.sub(scraps, line)


# A word broken by a hyphen where a printed column ended, the break kept in the copied text:
# "ex- changes", "Ger-many", "In-dian", "mu-nicipal".
_BROKEN_WORD = re.compile(r"\b([A-Za-z]+)-( ?)([a-z]+)\b")
# How common (wordfreq's Zipf scale) the word put back together must be: a line-break hyphen with
# the space after it breaks a word of English; one without it must make a word far commoner than one
# of its parts ("Ger-many", "govern-ment"; not "co-operation", "e-mail" nor "non-governmental").
_MENDED_ZIPF = 3.0
_MENDED_GAIN = 1.0


def mend_hyphens(line: str) -> str:
    """A line with the words a column's line breaks hyphenated written whole again."""
    if "-" not in line:
        return line
    from wordfreq import zipf_frequency  # (loaded on the first line that holds a hyphen)

    def mend(m: re.Match[str]) -> str:
        head, space, tail = m.groups()
        whole = head + tail
        common = zipf_frequency(whole.lower(), "en")
        if space:
            return whole if common >= _MENDED_ZIPF else m.group(0)
        if common >= _MENDED_ZIPF and common >= min(zipf_frequency(head.lower(), "en"), zipf_frequency(tail, "en")) + _MENDED_GAIN:
            return whole
        return m.group(0)
    return _BROKEN_WORD.sub(mend, line)


# The outlet a page credits on a line above its text, among other fields ("Updated: June 29, 2020
# Source: People's Daily Online", "来源:中促会民间交流"); not an address.
# (in Chinese, as a field or after a word for the piece: "稿件来源为: 湖北日报。", never "资金来源", where the
# money came from)
_SOURCE_FIELD = re.compile(r"(?:\bSource|(?:^|(?<=\s)|(?<=稿件)|(?<=文章)|(?<=新闻))来源(?:为|是)?)\s*[:：]\s*"
                           r"(?!https?:|www\.)([^|:：\s][^|:：。，,;；]{1,58}?)\s*"
                           r"(?=$|[|。，,;；]|\s{2,}|\s(?:Author|Editor|Updated|Views|Date|Time|作者|编辑|阅读|时间|日期)\b"
                           # (or any next label: "来源:新华网 责任编辑:陈曦")
                           r"|\s+[^\s:：|]{1,8}\s*[:：])")


def printed_source(lines: list[str]) -> str:
    """The outlet the lines above a page's text credit as its source ("Source: ..."), or name beside
    the day they were printed ("Herald & Journal, May 18, 1998") or beside the issue ("重庆与世界
    2016年11期"), or ""."""
    return next((m.group(1).strip() for line in lines if (m := _SOURCE_FIELD.search(line))), "") \
        or next((name for line in lines if (name := _dated_masthead(line))), "") \
        or next((m.group(1) for line in lines if (m := PERIODICAL_ISSUE.fullmatch(line.strip()))), "")


# A periodical's name and its issue, on a line of their own: "重庆与世界 2016年11期", "《友声》2021年第3期".
PERIODICAL_ISSUE = re.compile(r"《?([\u3400-\u9fff]{2,12})》?\s*(?:(?:19|20)\d{2}\s*年\s*)?第?\s*\d{1,3}\s*期")


def _dated_masthead(line: str) -> str:
    """The name a line prints beside a full date and nothing else: a newspaper's masthead over its
    story ("Herald & Journal, May 18, 1998", "China Daily | 2019-04-28"); not a place's dateline
    ("Beijing, May 18"), nor words of a sentence."""
    from knowledge.dates import find_dates

    flat = line.strip()
    if len(flat) > 80:
        return ""
    dated = [d for d in find_dates(flat) if not d.year_inferred and d.span.precision == "day"]
    if len(dated) != 1:
        return ""
    name = (flat[:dated[0].start] + " " + flat[dated[0].end:]).strip(" ,;|-–—·()")
    if labelled := _DATE_LABEL_TIME.match(name):
        # "Updated: Oct 24,2015 5:29 PM     Xinhua": the page's date under its label, the time, then
        # the agency that filed the story
        name = name[labelled.end():].strip(" ,;|-–—·()")
    if not _MASTHEAD_NAME.fullmatch(name) or default_gazetteer().lookup(name) is not None \
            or _MONTH_OR_DAY.match(name):
        return ""
    return name


# A label of a page's date and the time after the date ("Updated: ... 5:29 PM"), left before a name.
_DATE_LABEL_TIME = re.compile(r"(?i)(?:updated|posted|published|released)\s*[:：]?\s*"
                              r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)?\s+")
# One to six capitalised words (with "&", "of", "the" between them): a name.
_MASTHEAD_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:&|and|of|the|[A-Z][\w'’.-]*)){0,5}")
# A label of the date, or a day or a month alone, left beside it: no name ("Montreal Gazette" and
# "Sunday Post" are).
_MONTH_OR_DAY = re.compile(r"(?i)(?:by|posted|updated|published|date|time)\b|"
                           r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
                           r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)\.?$")


def _raw_blocks(text: str, meta: dict[str, str]) -> list[str]:
    text = unglue_by_vocabulary(text.replace("\r\n", "\n").replace("\r", "\n"))
    kept: list[str] = []
    for line in text.split("\n"):
        if _menu_line(line):
            continue  # navigation, not text
        flat = mend_hyphens(_unglue(_norm_space(unjam(line))))
        if flat.lower().startswith("table of contents") and len(flat) > 20:
            flat = flat[len("table of contents"):].strip()  # a web page's menu glued to its title
        lead = _DATE_LABEL.match(flat)
        if lead:
            # "date 2022-10-11 Chinese rural development foundation wins acclaim ...": a label and
            # the page's date glued before its first line
            meta.setdefault("date", lead.group(1))
            flat = flat[lead.end():].strip()
            if not flat or flat.startswith("("):
                continue  # (or a note on the date: "Date: 2017-07-28 (from the URL; ...)")
        tail = _DATE_TAIL.search(flat)
        if tail and tail.start() > 0:
            y, mo, d = tail.groups()
            if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31:
                meta.setdefault("date", f"{y}-{int(mo):02d}-{int(d):02d}")
                flat = flat[:tail.start()].rstrip()
        if _BREADCRUMB_TRAIL.match(flat):
            continue  # navigation, not text
        if _EPOCH.fullmatch(flat):
            stamp = int(flat[:10])
            if 946684800 <= stamp <= 4102444800:  # 2000-2100: a Unix time in seconds or milliseconds
                meta.setdefault("date", _dt.datetime.fromtimestamp(stamp, _dt.timezone.utc).date().isoformat())
            continue
        if _IMAGE_FILE.fullmatch(flat) or _repeated_phrase(flat):
            continue  # an image's file name; a news ticker that prints one flash again and again
        if address := _ADDRESS_LINE.fullmatch(flat):
            meta.setdefault("url", address.group("url"))
            continue
        if fields_line(flat):
            continue  # a record bar of labels and values (source, views, uploader): no text
        author = _AUTHOR.match(flat) if len(kept) < AUTHOR_LINES else None
        if author:
            # "Written by Ying Wang on 1 June", "By Zhou Rei and Yu Lan, China News Network": who wrote
            # the page (a byline near its top; the line stays, as it may date the story)
            meta.setdefault("author", author.group(1))
        m = _META.match(flat)
        # (a long line is prose that begins with a label, unless it is one long address, "Source: <a
        # long address>", or a date with a note on where it was read: "Date: 2017-07-28 (from the URL; ...)")
        if m and (len(flat) < 120 or re.fullmatch(r"\S+", m.group(2).strip())
                  or m.group(1).lower() in ("date", "published") and _DATED_VALUE.match(m.group(2))):
            meta.setdefault(m.group(1).lower(), m.group(2).strip())
            continue
        if _WEB_NOISE.match(flat) or _LINK_LABEL.fullmatch(flat) or _CAPTION.search(flat) or _RULE_LINE.fullmatch(flat) or _table_header(flat):
            continue
        more = _READ_MORE.search(flat)
        if more:
            # "... praised the work... Read more »": the teaser ends its item here
            flat = flat[:more.start()].rstrip(" .…") + " …"
            if len(flat) < 3:
                continue
            kept.extend([flat, ""])
            continue
        kept.append(flat)
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", "\n".join(kept)):
        lines = _norm_space_lines(chunk).split("\n")
        if _is_menu(lines):
            continue  # navigation, not text
        if len(lines) >= 2 and (max(len(line) for line in lines) >= _UNWRAPPED
                                or any(_BYLINE.match(line) for line in lines[1:])):
            # A text that does not wrap its lines (a paragraph runs 200 characters and more on one
            # line) ends a paragraph, a headline or a menu label at each line break: every line is a
            # block of its own ("Home\nCPAFFC News\nVice President Visits Greece\nFrom March 5 ...").
            # So does a masthead over a byline ("BEIJING REVIEW\nAPRIL 2019\nA People's Network\nBy Li
            # Qing"): the headline is the line above the byline, not the block.
            blocks.extend(lines)
            continue
        # A date line inside a block ("... relations in 1972.\n2025-03-07 Detail") stands apart: it
        # dates the item, it is no part of its text.
        part: list[str] = []
        for line in lines:
            if "\n" in chunk.strip() and is_date_line(line):
                blocks.extend(x for x in ("\n".join(part), line) if x)
                part = []
            else:
                part.append(line)
        if part:
            blocks.append("\n".join(part))
    blocks = [x for b in blocks for x in _split_headline_line(b)]
    # A line printed twice in a row (an image's text and its caption, a headline and its link) is one.
    blocks = [b for k, b in enumerate(blocks) if not (k and b == blocks[k - 1] and len(b) < 300)]
    # A breadcrumb trail ("• Home\n• >\n• Briefings") is navigation, not text.
    blocks = [b for b in blocks if b and not all(line.startswith(("•", ">", "»")) for line in b.split("\n"))]
    return _join_broken_sentences(blocks)


def _breaks_off(text: str) -> bool:
    """Whether a block is prose that stops mid-sentence: words, no closing punctuation."""
    flat = text.replace("\n", " ")
    return (len(flat) >= 30 and len(flat.split()) >= 4 and not flat.endswith(_TERMINAL)
            and not _is_allcaps(flat) and not _is_cjk_block(flat) and not _PAGE_MARKER.match(flat)
            and not flat.startswith(("•", ">", "»", "-", "–")))


# The end of a speaker's label broken off its start: "Former New Zealand Prime Minister Jennifer" +
# "Shipley: In recent weeks I have seen ...".
_LABEL_END = re.compile(r"^[A-Z][\w'’().-]*(?: [A-Z(][\w'’().-]*){0,3}: \S.{99,}", re.S)


def _continues(text: str, before: str = "") -> bool:
    """Whether a block starts in the middle of the sentence (or speaker's label) ``before`` began."""
    if _PAGE_MARKER.match(text):
        return False
    if re.match(r"[a-z]+\b", text) and len(text) >= 20:
        return True
    flat = before.replace("\n", " ")
    return len(flat.split()) <= 8 and ":" not in flat and bool(_LABEL_END.match(text))


def _interrupts(text: str) -> bool:
    """A page marker, a running head (a short all-capitals label) or a Chinese caption inside a sentence."""
    flat = text.replace("\n", " ")
    return bool(_PAGE_MARKER.match(flat)) or (_is_allcaps(flat) and len(flat) <= 40) or _is_cjk_block(flat)


def _join_broken_sentences(blocks: list[str]) -> list[str]:
    """Join a paragraph that PDF extraction broke into blocks mid-sentence, however short its parts.

    A block of prose that stops without closing punctuation, followed by a block that starts with
    a lower-case word, is one sentence: "On April 15, the BSR was prompted to sign a" + "cooperation
    agreement with the CSAF.". A page marker or running head between the two parts stays, after
    the joined paragraph (a paragraph belongs to the page it starts on).
    """
    out: list[str] = []
    i = 0
    while i < len(blocks):
        block, held = blocks[i], []
        i += 1
        while _breaks_off(block):
            j = i
            while j < len(blocks) and j - i < 2 and _interrupts(blocks[j]):
                j += 1
            if j >= len(blocks) or not _continues(blocks[j], block):
                break
            held.extend(blocks[i:j])
            block = _join(block, blocks[j])
            i = j + 1
        out.append(block)
        out.extend(held)
    return out


def _norm_space_lines(chunk: str) -> str:
    lines = [_norm_space(line) for line in chunk.split("\n")]
    lines = [line for line in lines if line]
    # a line printed twice in a row (an image's text and its caption) is one
    return "\n".join(line for k, line in enumerate(lines) if not (k and line == lines[k - 1]))


def _parse_contents_block(block: str) -> list[tuple[int, str]] | None:
    """Entries of a contents block ("- 01 Headline that wraps\\nover lines"), or None."""
    entries: list[list[object]] = []
    for line in block.split("\n"):
        m = _CONTENTS_ENTRY.match(line)
        if m and int(m.group(1)) < 400:
            entries.append([int(m.group(1)), m.group(2)])
        elif entries:
            entries[-1][1] = f"{entries[-1][1]} {line}"
        else:
            return None
    return [(int(p), _norm_space(str(t))) for p, t in entries] or None


def _matches_entry(text: str, contents: list[ContentsEntry]) -> bool:
    if len(text) > 260 or not contents:
        return False
    key = re.sub(r"\W+", " ", text.lower()).strip()
    return any(fuzz.ratio(key, re.sub(r"\W+", " ", e.title.lower()).strip()) >= 82 for e in contents)


def _opens_sentence(text: str, lower_words: set[str]) -> bool:
    """Whether a paragraph opens a sentence of its own rather than going on with the one before.

    Its first word is capitalised only because a sentence starts there: the document prints that
    word in lower case elsewhere ("Invited by the CPAFFC, ...", "The CPAFFC ..."), so a paragraph
    cut off before it ("... between China and France," / "... pushing forward cooperation, main-")
    is a teaser that stops short, not a sentence broken across a page.
    """
    m = re.match(r"([A-Z][a-z]+)\b(\s+by\b)?", text)
    if not m:
        return False
    word = m.group(1).lower()
    # "Invited by ...", "Organised by ...": a participle before its agent opens a sentence
    return word in lower_words or word in _FUNCTION_WORDS or (word.endswith("ed") and m.group(2) is not None)


# English words that open a sentence and never a name.
_FUNCTION_WORDS = {"the", "a", "an", "in", "on", "at", "during", "after", "before", "when", "while", "as", "with",
                   "from", "by", "for", "to", "this", "these", "those", "it", "he", "she", "they", "we", "there",
                   "since", "following", "according", "upon", "under", "its", "their", "his", "her", "our"}


def _join(a: str, b: str) -> str:
    if a.endswith("-") and not a.endswith(" -"):
        return a + b  # "people-to-" + "people": the hyphen belongs to the word
    return f"{a} {b}"


def _drop_unnumbered_captions(blocks: list[Block], has_contents: bool) -> list[Block]:
    """Blocks without the photo captions that passed for headlines in a report whose headlines are numbered.

    A report without a contents list that numbers its headlines ("I. Serve China's overall
    diplomacy", "II. Participate in global governance ...") prints an unnumbered short line between
    two paragraphs ("Representatives at the UN Human Rights Council") under a photo: a caption, which
    would otherwise head the paragraph after it.
    """
    headings = [b for b in blocks if b.kind == "heading"]
    numbered = [b for b in headings if _NUMBERED.match(b.text)]
    if has_contents or len(numbered) < 2 or 2 * len(numbered) <= len(headings):
        return blocks
    out: list[Block] = []
    for i, b in enumerate(blocks):
        between_paras = 0 < i < len(blocks) - 1 and blocks[i - 1].kind == "para"
        if b.kind == "heading" and not _NUMBERED.match(b.text) and len(b.text) < 120 and between_paras:
            continue
        out.append(b)
    return out


_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:--|—|–|\()")


# A paragraph that opens on a span up to now ("Since February 2022, ..."), English grammar.
_SINCE = re.compile(r"\s*(?:Ever\s+)?Since\b")


def _starts_item(text: str) -> bool:
    """Whether a paragraph opens a news item: a dateline ("ADDIS ABABA, Oct. 10 --") or a date first."""
    from knowledge.dates import DateContext, find_dates

    if _DATELINE.match(text):
        return True
    if _SINCE.match(text):
        return False  # "Since February 2022, ...": a span up to now, the background of a story, no item's date
    found = find_dates(text[:80], DateContext(issue_date="2000"))  # a day without its year counts too
    return bool(found) and found[0].start <= 25


# A headline that opens with its item's full date: "2019-05-12 Lotus charity ...", "[2019-03-02] Tents ...".
_DATED_HEADLINE = re.compile(r"^[\[(]?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[\])]?\s+[A-Z][^.!?]{6,}$")


def _byline_or_source(line: str) -> bool:
    """A byline ("By Omar Bah") or a source's name ("Global Times", "The Point (Banjul)") under a headline."""
    return bool(_BYLINE.match(line) and len(line.split()) <= 6) or (
        len(line) <= 40 and not _CJK.search(line)
        and re.fullmatch(r"[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}(?: \([A-Z][\w .'’-]+\))?", line) is not None)


def _front_headline(front: list[str], html_headings: set[str], title: str | None,
                    first_body: str = "", dated_list: bool = False) -> list[tuple[str, str]]:
    """The first item's headline (and its date line) taken back from the front matter.

    A listing page or a story prints its first headline, and maybe a date line, just before the first
    paragraph, where they would pass for front matter: a heading the page marks that is not the page's
    title, or a headline-shaped line followed by a date line.
    """
    dates: list[str] = []
    while front and is_date_line(front[-1].replace("\n", " ")):
        dates.insert(0, front.pop().replace("\n", " "))
    # the byline, the source's name and the date under the headline ("Global Times", "The Point
    # (Banjul)", "By Omar Bah", "20 January 2023") are no headline
    furniture = False
    bylined_above = False
    while len(front) >= 2:
        line = front[-1].replace("\n", " ").strip()
        if is_date_line(line):
            dates.insert(0, front.pop().replace("\n", " "))
        elif not bylined_above and all(_byline_or_source(x.strip()) for x in front[-1].split("\n") if x.strip()) \
                and any(len(x.split()) >= 4 and not is_date_line(x.replace("\n", " ")) for x in front[:-1]):
            # (the line right above a byline is the headline it signs, whatever its shape: "A
            # People's Network\nBy Li Qing")
            bylined_above = bool(_BYLINE.match(line))
            front.pop()
            furniture = True
        else:
            break
    # (a line that opens with its full date is an item's headline even first of all: "2019-05-12 ...")
    if len(front) >= 2 or (front and _DATED_HEADLINE.match(front[-1]) and len(front[-1]) <= 200):
        last = front[-1].replace("\n", " ")
        marked = last in html_headings and last != title
        # a headline in sentence case above a paragraph that opens with a date or dateline
        sentence_case = len(last.split()) >= 4 and len(last) <= 150 and _starts_item(first_body) \
            and _commas_ok(last) and not _DANGLING.search(last)
        # a headline (and its standfirst) over the byline on a line of its own: "Making a Difference\n
        # China's NGO network does valuable social work in Africa\nBy Aggrey Mutambo"
        bylined = bool(re.search(r"\n(?:By|BY|Written by|Text by)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}$",
                                 front[-1].strip())) and len(last.split()) >= 5
        shaped = (bool(dates) or furniture or _strong_headline(last) or sentence_case or bylined
                  or _DATED_HEADLINE.match(last) is not None) \
            and 8 <= len(last) <= 200 and len(last.split()) >= 3 \
            and not last.endswith(_TERMINAL) \
            and not _CJK.search(last) and not _is_allcaps(last) and not _BREADCRUMB.match(last) and ">" not in last \
            and not last.startswith(("-", "•", "–"))  # a bullet under a press release's title, not a headline
        if marked or shaped:
            front.pop()
            html_headings.add(last)  # known as a headline from here on, whatever its case
            if dated_list and not dates and len(front) >= 2 and is_date_line(front[-1].replace("\n", " ")):
                # in a list whose every item has its date line, the first item's printed above its headline
                # (else a date above the first headline is the page's)
                dates = [front.pop().replace("\n", " ")]
            return [("text", last), *(("date", d) for d in dates)]
    front.extend(dates)
    return []


# A line that is only a person's name, maybe with an honorific: "Mme. He Luli", "H.E. Lin Songtian,".
_CARD_NAME = re.compile(r"^(?:(?:Mr|Mrs|Ms|Mme|Dr|Prof|H\.\s?E)\.\s?)?[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){1,3},?$")


def _under(blocks: list[Block], heading: Block) -> bool:
    """Whether the next block stands right under ``heading``, at most its date line between."""
    tail = blocks[-2:] if len(blocks) >= 2 and blocks[-1].kind == "date" else blocks[-1:]
    return bool(tail) and tail[0] is heading


def read_as_text(path: Path) -> tuple[str, dict[str, str]]:
    """A report file's text and what its format says of it (a web page's headings and address, a
    PDF's metadata). The last file read is remembered: a page written mostly in English is read
    again for its paragraphs in Chinese (``extract_zh.chinese_part``), and a PDF is slow to parse."""
    stat = path.stat()
    text, found = _read_as_text(str(path), stat.st_mtime_ns, stat.st_size)
    return text, dict(found)


@lru_cache(maxsize=1)
def _read_as_text(path: str, mtime_ns: int, size: int) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``read_as_text`` of one version of a file (its time and size are the key)."""
    from knowledge.formats import FORMAT_READERS  # web pages and PDFs become text, cleaned as below

    reader = FORMAT_READERS.get(Path(path).suffix.lower())
    text, found = reader(Path(path)) if reader else (read_text(Path(path)), {})
    return text, tuple(found.items())


def read_document(path: Path) -> Document:
    """Read and clean one report file (``.txt``, ``.md``, ``.html``, ``.htm`` or ``.pdf``) into a Document."""
    text, found = read_as_text(path)
    # The headings a web page marks as such (<h1>-<h6>): headlines whatever their case.
    html_headings = {h for h in found.pop("headings", "").split("\n") if h}
    meta: dict[str, str] = {}
    raw = _raw_blocks(text, meta)
    contents: list[ContentsEntry] = []
    front: list[str] = []
    counts: dict[str, int] = {}
    for b in raw:
        counts[b] = counts.get(b, 0) + 1

    # Pass 1: drop noise, read the contents list, collect body candidates with markers.
    body: list[tuple[str, str]] = []  # (kind, text) where kind is "text", "page", "caps"
    front_captions: list[str] = []
    mode = "front"
    contents_section: str | None = None
    for n_raw, b in enumerate(raw):
        flat = b.replace("\n", " ")
        m = _PAGE_MARKER.match(flat)
        if m:
            body.append(("page", m.group(1)))
            continue
        if _CREDIT.match(flat) or (len(flat) < 40 and _BREADCRUMB.match(flat)):
            continue
        if flat.upper() == "CONTENTS":
            mode = "contents"
            continue
        if mode == "contents":
            entries = _parse_contents_block(b)
            if entries:
                contents.extend(ContentsEntry(t, p, contents_section) for p, t in entries)
                continue
            if len(flat) <= 90 and not flat.endswith("."):
                if contents and any(fuzz.ratio(flat.lower(), e.title.lower()) > 85 for e in contents):
                    mode = "body"
                else:
                    contents_section = flat.title() if _is_allcaps(flat) else flat
                    continue
            else:
                mode = "body"
        if mode == "front" and photo_caption(flat):
            # a photo's caption above the story: "... on Feb. 13, 2023. (Photo by X/Xinhua)", the first item's
            front_captions.append(flat)
            continue
        if mode == "front":
            # a short sentence under the title and above the byline's date is a standfirst or a
            # photo caption, not the story
            standfirst = len(flat) < 120 and n_raw + 1 < len(raw) and is_date_line(raw[n_raw + 1].replace("\n", " "))
            if _looks_body(flat) and not _is_allcaps(flat) and not _is_cjk_block(flat) and not standfirst \
                    and not is_date_line(flat):  # a long byline with its date still heads the first item
                mode = "body"
                later_dates = sum(1 for x in raw[n_raw + 1:] if len(x) <= 60 and is_date_line(x.replace("\n", " ")))
                body.extend(_front_headline(front, html_headings, found.get("title"), flat, later_dates >= 1))
            else:
                front.append(b)
                continue
        if is_date_line(flat):
            body.append(("date", flat))
            continue
        if photo_caption(flat):
            body.append(("caption", flat))  # a photo's caption: its date and place are the photo's
            continue
        if _is_cjk_block(flat):
            continue  # Chinese captions and stray running text inside an English body
        if _is_allcaps(flat) and len(flat) <= 80:
            body.append(("caps", flat))
            continue
        if counts[b] >= 3 and len(flat) < 80 or (counts[b] >= 2 and len(flat) < 25 and not flat.endswith(_TERMINAL)):
            continue  # a running head, or a link label repeated under every item ("Read more", "Detail")
        body.append(("text", flat))

    # Pass 2: join paragraphs split by extraction (across lines, pages and interrupting captions).
    lower_words = set(re.findall(r"(?<![\w-])[a-z][a-z]+(?![\w-])", text))
    joined: list[tuple[str, str]] = []
    for kind, t in body:
        if kind != "text":
            joined.append((kind, t))
            continue
        prev_i = next((i for i in range(len(joined) - 1, -1, -1) if joined[i][0] != "page"), None)
        if prev_i is not None and joined[prev_i][0] == "text":
            prev = joined[prev_i][1]
            # (no line ends on "of" or "the", and none goes on in lower case after a line break without
            # ending the one before: "... Deputy Prime Minister and Minister of" / "Finance Grzegorz
            # Kołodko, ...", a speaker's card "Honorary President of" / "Beijing People's Association",
            # "... People's Association" / "for Friendship with ..."; a teaser cut off after a comma
            # is no such line: the next teaser opens a sentence)
            dangling = _DANGLING.search(prev) is not None or t[:1].islower() and not prev.endswith(_TERMINAL)
            unterminated = (not prev.endswith(_TERMINAL) and (len(prev) >= 60 and _looks_body(prev) or dangling)
                            and not _strong_headline(prev) and not _matches_entry(prev, contents))
            if unterminated and (dangling or (t[:1].islower() or _looks_body(t) or prev.endswith("-"))
                                 and not _opens_sentence(t, lower_words)):
                joined[prev_i] = ("text", _join(prev, t))
                continue
        joined.append((kind, t))

    title_guess = None
    for b in raw[:12]:
        flat = b.replace("\n", " ")
        if len(flat.split()) > 14 and flat.endswith(".") or len(flat.split()) > 24:
            break  # the text opens with a paragraph, not a title
        # (A headline printed again, over the second page of its story, is no menu label.)
        if flat.endswith(":") or (counts[b] >= 2 and len(flat) < 40 and len(flat.split()) < 4) or is_date_line(flat) \
                or (len(flat) < 25 and not _headline_shape(flat)
                                                             and not re.search(r"\d", flat)):
            continue  # a menu or form label ("Log in to mailbox", "Password:", "CPAFFC News" twice)
        if 10 <= len(flat) <= 200 and not _CJK.search(flat) and not _is_allcaps(flat) \
                and re.search(r"[A-Z0-9]", flat):  # "cellcard cellcard cellcard": an advert, no title
            title_guess = flat
            break
    # the title the page states (its <title>, a PDF's metadata) over the first title-like line, which may
    # be the first item's headline under a one-word title ("Milestones")
    own_title = found.get("title") or title_guess
    title_key = re.sub(r"\W+", " ", own_title.lower()).strip() if own_title else ""

    # Pass 3: headlines, bylines, sections and pages.
    entry_titles = [(e, re.sub(r"\W+", " ", e.title.lower()).strip()) for e in contents]
    blocks: list[Block] = []
    by_shape: set[int] = set()  # the blocks taken for captions by their shape alone
    section: str | None = None
    page: int | None = None
    last_heading = False
    for i, (kind, t) in enumerate(joined):
        if kind == "page":
            page = int(t) + 1  # the marker is the footer of the page that just ended
            continue
        if kind == "date":
            if blocks:
                blocks.append(Block(t, "date", section, page))
            else:
                front.append(t)  # a date line above all items dates the page, not its first item
            continue
        if kind == "caption":
            if blocks:
                blocks.append(Block(t, "caption", section, page))
            continue
        if kind == "caps":
            label = t.title()
            known = {e.section for e in contents if e.section}
            if label in known or not contents:
                section = label
            continue
        nxt = next((x for k, x in joined[i + 1:] if k == "text"), "")
        key = re.sub(r"\W+", " ", t.lower()).strip()
        entry = None
        if len(t) <= 260:
            best = max(entry_titles, key=lambda et: fuzz.ratio(key, et[1]), default=None)
            if best and fuzz.ratio(key, best[1]) >= 82:
                entry = best[0]
        if entry is not None:
            page = entry.page
            section = entry.section or section
            blocks.append(Block(t, "heading", section, page))
            last_heading = True
            continue
        if last_heading and len(t) <= 40 and re.fullmatch(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}", t):
            continue  # the byline under a headline
        shaped = _headline_shape(t) or _NUMBERED.match(t) is not None
        is_heading = _strong_headline(t) and _looks_body(nxt) and not t.endswith(tuple('"”'))
        prev = next((b for b in reversed(blocks) if b.kind not in ("date", "caption")), None)
        if is_heading and prev is not None and prev.kind == "para" and not prev.text.endswith(_TERMINAL):
            is_heading = False
        short = len(t) < 160 and not t.endswith(_TERMINAL) and not _looks_body(t)
        # A line without a full stop set right above a date line ("By Zhou Rei, China News Network,
        # November 16, 2013.") is the headline that date line stands under, commas and length aside.
        nxt_i = next((k for k in range(i + 1, len(joined)) if joined[k][0] == "text"), len(joined))
        last_text = not any(k == "text" for k, _ in joined[nxt_i + 1:]) and len(nxt) >= 40 and nxt[:1].isupper()
        above_date = i + 1 < len(joined) and joined[i + 1][0] == "date" and len(t) < 200 \
            and not t.endswith(_TERMINAL) and ". " not in t and t[:1].isupper() and not _DANGLING.search(t) \
            and not _CJK.search(t) and bool(nxt) and (_looks_body(nxt) or last_text)
        # a headline with its byline at the end ("Making a Difference ... By Aggrey Mutambo") over its story
        by = re.search(r"\s(?:By|BY)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}$", t)
        bylined = len(t) < 200 and by is not None and len(t[:by.start()].split()) >= 4 and not t.endswith(_TERMINAL) \
            and _looks_body(nxt)
        # a listing's rhythm: the two items before each a headline and one paragraph; a short line then
        # heads the next item, in sentence case too ("Mobile phone app for poverty alleviation comes under
        # scrutiny"), over a paragraph (or the page's last text, cut short where the page was saved)
        rhythm = len(blocks) >= 4 and [b.kind for b in blocks[-4:]] == ["heading", "para", "heading", "para"]
        listing_head = rhythm and short and len(t.split()) >= 4 and (_looks_body(nxt) or last_text) \
            and _commas_ok(t) and not _DANGLING.search(t)
        # a short line right under an item's date line and over its text: the headline of a list that
        # prints each item's date first ("Thursday, March 1, 2018 / Featured Journey of the Quarter ...")
        under_date = bool(blocks) and blocks[-1].kind == "date" and short and len(t.split()) >= 3 \
            and _looks_body(nxt) and not _DANGLING.search(t) and t[:1].isupper()
        # "2019-05-12 Lotus charity opens school in Laos" over its teaser: a dated list's headline
        dated_head = short and _DATED_HEADLINE.match(t) is not None and _looks_body(nxt)
        if _DAY_LABEL.match(t) and prev is not None and not is_heading:
            # "Monday 4th November", "Wednesday 6th": a day of a programme, no photo's caption; what
            # follows is that day's, and its text says which day it was
            blocks.append(Block(t, "para", section, page))
            last_heading = False
            continue
        if t in html_headings and len(t) <= 220 or above_date or bylined or listing_head or under_date or dated_head:
            is_heading = True
        elif short and not is_heading and (prev is None or prev.kind == "para") \
                and (_starts_item(nxt) or (i + 1 < len(joined) and joined[i + 1][0] == "date")
                     or (prev is not None and prev.text.endswith("…") and _looks_body(nxt))) \
                and _commas_ok(t) and not _DANGLING.search(t):
            # A headline in sentence case: a short line without a full stop before a paragraph that
            # opens with a dateline or a date ("KATHMANDU, July 11 -- ...", "On 14 August, ...").
            is_heading = True
        elif not is_heading and prev is not None and prev.kind == "heading" and _under(blocks, prev) \
                and len(t) >= 40 and not any(k == "text" for k, _ in joined[i + 1:]):
            pass  # the page's last text right under a headline is that item's text, cut short where it was saved
        elif short and not is_heading and prev is not None and len(t.split()) >= 3:
            # A photo caption by its shape: a short line without a full stop under a headline, or
            # between two paragraphs of one story. It is no item's text; the people it names with
            # their roles are kept (see extract).
            blocks.append(Block(t, "caption", section, page))
            by_shape.add(len(blocks) - 1)
            continue
        if not is_heading and shaped and len(t) < 120 and not _looks_body(t) \
                and not (prev is not None and prev.kind == "heading" and _under(blocks, prev) and len(t) >= 40
                         and not any(k == "text" for k, _ in joined[i + 1:])):
            if blocks:
                blocks.append(Block(t, "caption", section, page))
            continue  # a photo caption or a stray label: headline-shaped but heading nothing
        if title_key and (fuzz.ratio(key, title_key) >= 90 or (len(key) > 20 and title_key.startswith(key))) \
                and not (is_heading and not blocks and not found.get("title") and _looks_body(nxt)):
            # the report's own title repeated as its first line (but a story's headline, right above
            # its text and read as the page's title, still heads the story)
            continue
        k = len(blocks)
        while k - 1 in by_shape:
            k -= 1
        if is_heading and k < len(blocks) and _CARD_NAME.match(blocks[k].text):
            # A person's name and the short lines under it, right above it, are one card with it
            # ("Mme. He Luli" / "Vice Chairwoman of ..." / "Honorary President of ..." over a speech):
            # the name and its titles head the text together; they are no photo's captions.
            t = ", ".join([*(b.text.rstrip(",、 ") for b in blocks[k:]), t])
            del blocks[k:]
            by_shape = {i for i in by_shape if i < k}
        blocks.append(Block(t, "heading" if is_heading else "para", section, page))
        last_heading = is_heading

    if blocks:
        blocks[1:1] = [Block(t, "caption", blocks[0].section, blocks[0].page) for t in front_captions]
    blocks = _drop_unnumbered_captions(blocks, bool(contents))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for key, value in found.items():
        meta.setdefault(key, value)  # what the page or PDF states about itself, after its "Date:" lines
    return Document(path, digest, blocks, contents, front, meta, found.get("title") or title_guess)
