"""Dates as the reports write them, turned into ISO spans with a precision.

A year the text leaves out ("On January 10") is inferred from the report's own period or issue
date, never from today's date.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from knowledge.records import DateSpan

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH_NAMES = [""] + [calendar.month_name[i] for i in range(1, 13)]

_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# "24 September", "24th September", "the 24th of September": "of" only after an ordinal's ending
_DAY_OF = r"(\d{1,2})(?:(?:st|nd|rd|th)\s+of|(?:st|nd|rd|th)?)"
_YEAR = r"((?:19|20)\d{2})"
_TO = r"\s*(?:-|–|—|to|until|till|through)\s*"
_Y = rf"(?:,?\s*{_YEAR})?"

# Order matters: ranges before single dates, day-month before month-only.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")),
    # "2023/07/14", "2023.7.14", "2023年7月14日": the year first, so month and day cannot be confused
    ("ymd", re.compile(r"\b((?:19|20)\d{2})([/.])(\d{1,2})\2(\d{1,2})\b(?![./]\d)")),
    ("ymd_zh", re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")),
    # "14.07.2023", "14/07/2023", "07/14/2023": read only when the order is beyond doubt (see _build)
    ("num_y", re.compile(r"(?<![\d./])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d{2})\b(?![./]\d)")),
    # "27-Jul-2018", "3-Sep-2019": a web page's day, month and year joined by hyphens
    ("d_m_y", re.compile(rf"\b(\d{{1,2}})-{_MON}-((?:19|20)\d{{2}})\b", re.I)),
    ("d_m_to_d_m_y", re.compile(rf"\b{_DAY}\s+{_MON}{_TO}{_DAY}\s+{_MON}{_Y}", re.I)),
    ("d_to_d_m_y", re.compile(rf"\b{_DAY}{_TO}{_DAY_OF}\s+{_MON}{_Y}", re.I)),
    ("m_d_to_m_d_y", re.compile(rf"\b{_MON}(?:\s+|(?<=\.)){_DAY}{_TO}{_MON}(?:\s+|(?<=\.)){_DAY}\b{_Y}", re.I)),
    # "between July 19 and 28", "during 19 and 28 July": "and" joins a range only after these words
    ("m_d_to_d_y", re.compile(rf"(?:(?<=[Bb]etween\s)|(?<=[Dd]uring\s)){_MON}\s+{_DAY}\s+and\s+{_DAY}\b{_Y}", re.I)),
    ("d_to_d_m_y", re.compile(rf"(?:(?<=[Bb]etween\s)|(?<=[Dd]uring\s)){_DAY}\s+and\s+{_DAY_OF}\s+{_MON}{_Y}", re.I)),
    ("m_d_to_d_y", re.compile(rf"\b{_MON}(?:\s+|(?<=\.)){_DAY}{_TO}{_DAY}\b{_Y}", re.I)),
    ("d_m_y", re.compile(rf"\b{_DAY_OF}\s+{_MON}{_Y}", re.I)),
    ("m_d_y", re.compile(rf"\b{_MON}(?:\s+|(?<=\.)){_DAY}\b(?!\s*(?:million|billion|thousand|%))(?:,?\s*{_YEAR}\b)?", re.I)),
    ("m_to_m_y", re.compile(rf"\b{_MON}{_TO}{_MON},?\s*{_YEAR}\b", re.I)),
    ("m_y", re.compile(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("lead_m", re.compile(rf"^(?:Early|Late|Mid|Mid-)?\s*{_MON}\s+(?=[a-z])", re.I)),
    ("in_m", re.compile(rf"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Ss]ince|[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd of)\s+{_MON}(?!\s*\d)\b", re.I)),
]


@dataclass(frozen=True, slots=True)
class DateContext:
    """What a report tells about its own time: the period its events fall in, its issue date."""

    covers_start: str | None = None  # "YYYY-MM"
    covers_end: str | None = None
    issue_date: str | None = None  # ISO, possibly partial
    issue_source: str = "issue date"  # where the issue date was read: "catalog", "page date", "file name", ...
    # How a year-less date stands to the issue date: "before" it (a publication reports what has
    # happened), "after" it (a background date the item's own story follows), or "near" it (the date
    # of a neighbouring item of a listing, newest first or oldest first).
    relation: str = "before"


# The context that reads a day printed without a year as a day of a leap year (29 February is one),
# for a text that gives no year anywhere: the day and month are known, the year is not.
YEARLESS = DateContext(issue_date="2000")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text, with where it stands."""

    span: DateSpan
    start: int
    end: int
    year_inferred: bool


def year_source(ctx: DateContext) -> str | None:
    """What a year inferred with ``ctx`` is taken from, as recorded on the date."""
    if ctx.covers_start and ctx.covers_end:
        return "catalog period"
    return ctx.issue_source if ctx.issue_date and ctx.issue_date[:4].isdigit() else None


# A full date at most this many days after a year-less one is the date the item was published (its
# stamp "2023-11-01 18:47 Published", printed above "On October 31, ..."), not background it follows.
PUBLISHED_WITHIN_DAYS = 45


def infer_year(month: int, ctx: DateContext, day: int | None = None) -> int | None:
    """The year of a month the text names without a year, from the report's period or date."""
    if ctx.covers_start and ctx.covers_end:
        y0, m0 = int(ctx.covers_start[:4]), int(ctx.covers_start[5:7] or 1)
        y1, m1 = int(ctx.covers_end[:4]), int(ctx.covers_end[5:7] or 12)
        for year in range(y0, y1 + 1):
            if (y0, m0) <= (year, month) <= (y1, m1):
                return year
        return y1 if month <= m1 else y0
    if ctx.issue_date and ctx.issue_date[:4].isdigit():
        year = int(ctx.issue_date[:4])
        if len(ctx.issue_date) < 7:
            return year
        ref = int(ctx.issue_date[5:7])
        if ctx.relation == "after":
            if month < ref and _published_soon_after(year, month, day, ctx.issue_date):
                return year  # the full date is the item's publication, a few days after its event
            return year + 1 if month < ref else year  # "On Jan. 7th ... after the visit in December 2015"
        if ctx.relation == "near":
            return min((year - 1, year, year + 1), key=lambda y: abs((y * 12 + month) - (year * 12 + ref)))
        if month > ref:
            return year - 1  # an event after the issue month belongs to the year before
        return year
    return None


def _published_soon_after(year: int, month: int, day: int | None, issued: str) -> bool:
    """Whether a day (or month) of ``year`` falls within PUBLISHED_WITHIN_DAYS before the date ``issued``."""
    if day is None or len(issued) < 10:
        return int(issued[5:7]) - month == 1  # the month before: at most about six weeks back
    try:
        gap = (_dt.date.fromisoformat(issued[:10]) - _dt.date(year, month, day)).days
    except ValueError:
        return False
    return 0 <= gap <= PUBLISHED_WITHIN_DAYS


def _iso(y: int, m: int, d: int | None = None) -> str:
    return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


def _valid(y: int, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    return d is None or 1 <= d <= calendar.monthrange(y, m)[1]


class _Invalid:
    """What ``_build`` gives for a date that is not on the calendar ("30 February")."""


_INVALID = _Invalid()


def find_dates(text: str, ctx: DateContext = DateContext()) -> list[DateMatch]:
    """Every date written in ``text``, earliest position first, overlapping matches dropped.

    A date that is not on the calendar ("30 February 2025", "February 27 to 30") is no date at all:
    its text is taken, so a shorter pattern cannot read a part of it ("February 2025").
    """
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for shape, pat in _PATTERNS:
        for m in pat.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            match = _build(shape, m, ctx)
            if match is _INVALID:
                taken.append((m.start(), m.end()))
            elif isinstance(match, DateMatch):
                found.append(match)
                taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


# A number after these labels is an issue's or a volume's number, not a day: "VOL.7 November 2015",
# "No. 3 March 2019", "Issue 12 | May 2020".
_SERIAL_LABEL = re.compile(r"\b(?:vol|volume|no|nos|number|issue|iss|nr|edition|ed|part|pp?|page)\.?\s*(?:[:#]\s*)?$|#\s*$",
                           re.I)


def _build(shape: str, m: re.Match[str], ctx: DateContext) -> DateMatch | _Invalid | None:
    """The date a match spells; _INVALID when it names a day the calendar lacks, None when unknown."""
    g = m.groups()
    if shape in ("d_m_to_d_m_y", "d_to_d_m_y", "d_m_y") and _SERIAL_LABEL.search(m.string[max(0, m.start() - 12):m.start()]):
        return None  # the number is a volume's or an issue's: the month and year alone are the date
    inferred = False

    def year_of(raw: str | None, month: int, day: int | None = None) -> int | None:
        nonlocal inferred
        if raw:
            return int(raw)
        inferred = True
        return infer_year(month, ctx, day)

    if shape in ("iso", "ymd", "ymd_zh", "num_y"):
        if shape == "iso" or shape == "ymd_zh":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif shape == "ymd":
            y, mo, d = int(g[0]), int(g[2]), int(g[3])
        else:
            a, b, y = int(g[0]), int(g[2]), int(g[3])
            if a > 12 >= b or a == b:
                d, mo = a, b  # "14.07.2023": day first, as most of the world writes it
            elif b > 12 >= a:
                mo, d = a, b  # "07/14/2023": month first, as the United States writes it
            else:
                return None  # "07/08/2023": July or August, the text cannot tell
        if not _valid(y, mo, d):
            return _INVALID
        start = end = _iso(y, mo, d)
        precision = "day"
    elif shape in ("d_m_to_d_m_y", "m_d_to_m_d_y"):
        # "26 November to 5 December 2024" and "June 30 to July 17": a range across months.
        if shape == "d_m_to_d_m_y":
            d0, m0, d1, m1 = int(g[0]), MONTHS[g[1].lower()], int(g[2]), MONTHS[g[3].lower()]
        else:
            m0, d0, m1, d1 = MONTHS[g[0].lower()], int(g[1]), MONTHS[g[2].lower()], int(g[3])
        y1 = year_of(g[4], m1, d1)
        if y1 is None:
            return None
        y0 = y1 - 1 if m0 > m1 else y1
        if not (_valid(y0, m0, d0) and _valid(y1, m1, d1)):
            return _INVALID
        start, end, precision = _iso(y0, m0, d0), _iso(y1, m1, d1), "day"
    elif shape in ("d_to_d_m_y", "m_d_to_d_y"):
        # "9 to 25 February 2025" and "February 9 to 25, 2025": one range, the month on either side.
        if shape == "d_to_d_m_y":
            d0, d1, mo = int(g[0]), int(g[1]), MONTHS[g[2].lower()]
        else:
            mo, d0, d1 = MONTHS[g[0].lower()], int(g[1]), int(g[2])
        y = year_of(g[3], mo, d0)
        if y is None or d1 < d0:
            return None
        if not (_valid(y, mo, d0) and _valid(y, mo, d1)):
            return _INVALID
        start, end, precision = _iso(y, mo, d0), _iso(y, mo, d1), "day"
    elif shape in ("d_m_y", "m_d_y"):
        d, mo = (int(g[0]), MONTHS[g[1].lower()]) if shape == "d_m_y" else (int(g[1]), MONTHS[g[0].lower()])
        y = year_of(g[2], mo, d)
        if y is None:
            return None
        if not _valid(y, mo, d):
            return _INVALID
        start = end = _iso(y, mo, d)
        precision = "day"
    elif shape == "m_to_m_y":
        m0, m1, y = MONTHS[g[0].lower()], MONTHS[g[1].lower()], int(g[2])
        start, end, precision = _iso(y if m0 <= m1 else y - 1, m0), _iso(y, m1), "month"
    elif shape == "m_y":
        mo, y = MONTHS[g[0].lower()], int(g[1])
        start = end = _iso(y, mo)
        precision = "month"
    else:  # in_m, lead_m
        word = g[0].lower()
        if word == "may" and shape == "in_m" and not m.group(0)[:2].lower() in ("in", "by"):
            return None  # "may" is too often the verb
        mo = MONTHS[word]
        y = year_of(None, mo)
        if y is None:
            return None
        start = end = _iso(y, mo)
        precision = "month"
    return DateMatch(DateSpan(start, end, precision, year_source(ctx) if inferred else None),
                     m.start(), m.end(), inferred)


def format_span(span: DateSpan) -> str:
    """A span in the words people use: 28 November 2024, 17–20 December 2025, March 2018."""

    def parts(iso: str) -> tuple[int, int | None, int | None]:
        bits = [int(x) for x in iso.split("-")]
        return bits[0], bits[1] if len(bits) > 1 else None, bits[2] if len(bits) > 2 else None

    y0, m0, d0 = parts(span.start)
    y1, m1, d1 = parts(span.end)
    if span.precision == "year" or m0 is None:
        return str(y0) if y0 == y1 else f"{y0}–{y1}"
    if span.precision == "month" or d0 is None or d1 is None or m1 is None:
        if (y0, m0) == (y1, m1):
            return f"{MONTH_NAMES[m0]} {y0}"
        return f"{MONTH_NAMES[m0]} {y0} – {MONTH_NAMES[m1 or m0]} {y1}"
    if span.start == span.end:
        return f"{d0} {MONTH_NAMES[m0]} {y0}"
    if (y0, m0) == (y1, m1):
        return f"{d0}–{d1} {MONTH_NAMES[m0]} {y0}"
    if y0 == y1:
        return f"{d0} {MONTH_NAMES[m0]} – {d1} {MONTH_NAMES[m1]} {y0}"
    return f"{d0} {MONTH_NAMES[m0]} {y0} – {d1} {MONTH_NAMES[m1]} {y1}"
