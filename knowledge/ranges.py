"""Date ranges as people type them in questions and filters: "from 2018-03-01 to 2018-03-10",
"between 10 and 20 March 2018", "March to June 2018", "since June 2018", "after 2019", "before 2020",
"until May 2019".

A range is two ISO days (open ends are 0001-01-01 and 9999-12-31) and the words it was found in, so
the rest of the text can be read for places, organisations and words as before.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from knowledge.dates import MONTH_NAMES, MONTHS, format_span
from knowledge.records import DateSpan

OPEN_START = "0001-01-01"
OPEN_END = "9999-12-31"
_LENGTH = {"day": 10, "month": 7, "year": 4}

_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
# One date as typed: an ISO day or month, a day and month (either order) with an optional year, a
# month with an optional year, a year; a bare day only where the other end gives its month.
# (A month may be narrowed, "late January": the whole month is kept, as a date is rarely that exact.)
_DATE = (rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MON}(?:,?\s+\d{{4}})?|"
         rf"{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}}|\s+\d{{4}})?(?!\d)|"
         rf"(?:(?:early|mid|late)[\s-]+)?{_MON}(?:\s+(?:of\s+)?\d{{4}})?|"
         r"(?:19|20)\d{2})")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|—|to|until|till|through|and)\s*"
_PATTERNS = [
    ("both", re.compile(rf"\b(?:from|between)\s+(?P<a>{_DATE}|{_DAY}){_TO}(?P<b>{_DATE})", re.I)),
    ("both", re.compile(rf"(?<![\w-])(?P<a>{_DATE}|{_DAY})\s*(?:-|–|—|to|until|till|through)\s*(?P<b>{_DATE})(?![\w-])",
                        re.I)),
    # Two months in a row joined by "and" are one period ("December 2024 and January 2025", "May and
    # June 2020"); two months apart are not (the months between them were not asked for).
    ("pair", re.compile(rf"(?<![\w-])(?P<a>{_MON}(?:\s+\d{{4}})?)\s+and\s+(?P<b>{_MON}\s+\d{{4}})(?![\w-])", re.I)),
    # "from June 2018" alone is June 2018 ("events from June 2018"); "from June 2018 on" is a start.
    ("since", re.compile(rf"\b(?:since|starting|after)\s+(?P<a>{_DATE})(?![\w-])|"
                         rf"\bfrom\s+(?P<f>{_DATE})\s+(?:on|onwards?|forward)\b", re.I)),
    ("until", re.compile(rf"\b(?:before|until|till|up to|by)\s+(?P<b>{_DATE})(?![\w-])", re.I)),
    # One whole day with its year ("on 9 June 2018", "June 9, 2018", "2018-06-09"): that day's events.
    ("day", re.compile(rf"(?<![\w-])(?P<a>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+\d{{4}}|"
                       rf"{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})(?![\w-])", re.I)),
]


# A part of a year, in months: "the first half of 2018", "Q3 2020", "spring 2020", "late 2024".
# (Not "the end of 2020": "by the end of 2020" is a point in time, not a period of events.)
_PART_MONTHS = {"first half": (1, 6), "1st half": (1, 6), "h1": (1, 6), "second half": (7, 12), "2nd half": (7, 12),
                "h2": (7, 12), "first quarter": (1, 3), "q1": (1, 3), "second quarter": (4, 6), "q2": (4, 6),
                "third quarter": (7, 9), "q3": (7, 9), "fourth quarter": (10, 12), "last quarter": (10, 12),
                "q4": (10, 12), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
                "early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_PART = re.compile(r"\b(?:the\s+)?(?P<part>" + "|".join(sorted(_PART_MONTHS, key=len, reverse=True)).replace(" ", r"\s+")
                   + r")(?:\s+of)?[\s-]+(?P<y>(?:19|20)\d{2})(?![\w-])", re.I)


# The same in Chinese: "2018年上半年" (the first half of 2018), "2020年第三季度", "2025年初". (Not
# "年底", the end of a year: "截至2020年底" is a point in time.)
_ZH_PART_MONTHS = {"上半年": (1, 6), "下半年": (7, 12), "第一季度": (1, 3), "一季度": (1, 3), "第二季度": (4, 6),
                   "二季度": (4, 6), "第三季度": (7, 9), "三季度": (7, 9), "第四季度": (10, 12), "四季度": (10, 12),
                   "年初": (1, 4), "初": (1, 4), "年中": (5, 8),
                   "春季": (3, 5), "春天": (3, 5), "夏季": (6, 8), "夏天": (6, 8), "秋季": (9, 11), "秋天": (9, 11)}
# (Not the 中 that starts a word: "2025年中国和平发展基金会" is the year and then China, not mid-2025.)
_ZH_PART = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年?\s*(?P<part>" + "|".join(sorted(_ZH_PART_MONTHS, key=len, reverse=True))
                      + r")(?<!中(?=[国华方外文央非欧亚美日韩俄德法英意西]))")


@dataclass(frozen=True, slots=True)
class DateRange:
    """Two ISO days (inclusive), where the words stood in the text, and how to say it."""

    start: str
    end: str
    at: int
    stop: int
    label: str

    def strip(self, text: str) -> str:
        """The text without the range's words."""
        return " ".join((text[:self.at] + " " + text[self.stop:]).split())


@dataclass(frozen=True, slots=True)
class _Piece:
    year: int | None
    month: int | None
    day: int | None


def _piece(raw: str) -> _Piece:
    raw = raw.strip().rstrip(".,")
    iso = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", raw)
    if iso:
        return _Piece(int(iso[1]), int(iso[2]), int(iso[3]) if iso[3] else None)
    year = re.search(r"\b((?:19|20)\d{2})$", raw)
    month = re.search(_MON, raw, re.I)
    day = re.search(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?!\d)", raw[:year.start()] if year else raw)
    return _Piece(int(year[1]) if year else None, MONTHS[month[0].lower().rstrip(".")] if month else None,
                  int(day[1]) if day else None)


def _bounds(p: _Piece) -> tuple[str, str] | None:
    """First and last day a complete piece covers; None when it is not on the calendar."""
    if p.year is None:
        return None
    if p.month is None:
        return f"{p.year:04d}-01-01", f"{p.year:04d}-12-31"
    if not 1 <= p.month <= 12:
        return None
    last = calendar.monthrange(p.year, p.month)[1]
    if p.day is None:
        return f"{p.year:04d}-{p.month:02d}-01", f"{p.year:04d}-{p.month:02d}-{last:02d}"
    if not 1 <= p.day <= last:
        return None
    day = f"{p.year:04d}-{p.month:02d}-{p.day:02d}"
    return day, day


def _say(p: _Piece) -> str:
    bits = [str(p.day)] if p.day else []
    if p.month:
        bits.append(MONTH_NAMES[p.month])
    if p.year:
        bits.append(str(p.year))
    return " ".join(bits)


def _shift(day: str, by: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=by)).isoformat()


def find_range(text: str) -> DateRange | None:
    """The first date range a text names, or None. A bare year or month alone is no range (the
    answerer reads those as before); "from", "between", "since", "after", "before", "until" or a
    "to" between two dates make one, and so do a part of a year ("the first half of 2018", "Q3
    2020", "spring 2020", "late 2024") and one whole day with its year ("on 9 June 2018")."""
    part = _PART.search(text) or _ZH_PART.search(text)
    if part:
        first, last = (_PART_MONTHS.get(re.sub(r"\s+", " ", part["part"].lower()))
                       or _ZH_PART_MONTHS[part["part"]])
        year = int(part["y"])
        end = f"{year:04d}-{last:02d}-{calendar.monthrange(year, last)[1]:02d}"
        label = format_span(DateSpan(f"{year:04d}-{first:02d}", f"{year:04d}-{last:02d}", "month"))
        return DateRange(f"{year:04d}-{first:02d}-01", end, part.start(), part.end(), label)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            shape = kind
            a = _piece(m["a"] or m["f"]) if shape == "since" else _piece(m["a"]) if shape in ("both", "pair", "day") else None
            b = _piece(m["b"]) if shape in ("both", "pair", "until") else None
            if shape == "day":
                b, shape = a, "both"  # a day is a range of one day
            if a is not None and b is not None:
                if a.year is None:  # "between 10 and 20 March 2018", "March to June 2018"
                    a = _Piece(b.year if a.month is None or b.month is None or a.month <= b.month
                               else (b.year - 1 if b.year else None), a.month or b.month, a.day)
                if b.year is None:  # "from 2018-03 to May"
                    b = _Piece(a.year, b.month, b.day)
                if a.month is None and a.day is not None:
                    continue
                if shape == "pair":
                    if a.year is None or b.year is None or a.month is None or b.month is None \
                            or (b.year * 12 + b.month) - (a.year * 12 + a.month) != 1:
                        continue
                    shape = "both"
            ba = _bounds(a) if a is not None else (OPEN_START, OPEN_START)
            bb = _bounds(b) if b is not None else (OPEN_END, OPEN_END)
            if ba is None or bb is None:
                continue
            word = m[0].split()[0].lower()
            if shape == "both":
                start, end = ba[0], bb[1]
                if start > end:
                    continue
                precision = "day" if a.day and b.day else "month" if a.month and b.month else "year"  # type: ignore[union-attr]
                label = format_span(DateSpan(start[:_LENGTH[precision]], end[:_LENGTH[precision]], precision)) \
                    if (a.day is None) == (b.day is None) and (a.month is None) == (b.month is None) \
                    else f"{_say(a)} to {_say(b)}"  # type: ignore[arg-type]
            elif shape == "since":
                start, end = (_shift(ba[1], 1) if word == "after" else ba[0]), OPEN_END
                label = f"{'after' if word == 'after' else 'since'} {_say(a)}"  # type: ignore[arg-type]
            else:
                start, end = OPEN_START, (_shift(bb[0], -1) if word == "before" else bb[1])
                label = f"{'before' if word == 'before' else 'until'} {_say(b)}"  # type: ignore[arg-type]
            return DateRange(start, end, m.start(), m.end(), label)
    return None


def _period_end(iso: str) -> str:
    """The last day of a possibly partial ISO date ("2019" -> 2019-12-31, "2019-02" -> 2019-02-28)."""
    if len(iso) == 4:
        return f"{iso}-12-31"
    if len(iso) == 7:
        y, m = int(iso[:4]), int(iso[5:7])
        return f"{iso}-{calendar.monthrange(y, m)[1]:02d}"
    return iso


def _period_start(iso: str) -> str:
    return iso + "-01-01" if len(iso) == 4 else iso + "-01" if len(iso) == 7 else iso


def within(date_start: str | None, date_end: str | None, start: str, end: str) -> bool:
    """Whether an event dated ``date_start``–``date_end`` (ISO, possibly partial) falls in a range:
    an event dated to the day when its days overlap the range; one dated only to a month or a year
    when all of that month or year lies in the range (March 2018 is not "between 10 and 20 March")."""
    if not date_start:
        return False
    first, last = _period_start(date_start), _period_end(date_end or date_start)
    if len(date_start) == 10 and len(date_end or date_start) == 10:
        return first <= end and last >= start
    return start <= first and last <= end
