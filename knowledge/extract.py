"""From clean blocks to records: events, organisations, people, figures, each with its source.

The pipeline is: segment a document into items (a headline and its paragraphs, or a dated
paragraph), then read each item for its date, places, organisations (with their role), people
(with their titles) and figures. Organisation and person mentions are merged across reports into
profiles afterwards (see ``build_profiles``).
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
import datetime as _dt
from functools import lru_cache
from importlib import resources

import yaml
from rapidfuzz import fuzz

from knowledge.dates import DateContext, DateMatch, find_dates
from knowledge.gazetteer import HOME_COUNTRY, Gazetteer, default_gazetteer
from knowledge.ingest import Document, is_date_line
from knowledge.records import DateSpan, Figure, Place, Report, Source

# The version of what extraction produces. Bump it with any change that alters the raw events,
# people or reports extracted from a given text: a build keeps each report's extraction in its cache
# under this version (with a fingerprint of the extraction's code and data, see
# ``knowledge.build.extractor_version``), and re-extracts whatever was cached under another.
EXTRACTOR_VERSION = "52"

# --- sentences -----------------------------------------------------------------------------------

_ABBREV = r"(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Amb|Gen|Col|Lt|Capt|Hon|Rev|St|No|Co|Ltd|Inc|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|D\.C|Mme|vs|etc|e\.g|i\.e)"


# What an event's text prints before each of its photos' captions, after the story.
CAPTION_MARK = "Photo: "
# (A full stop inside closing quotes ends a sentence too: ... the "Belt and Road." As a pioneer ...;
# and so does a line break: an event's text is its headline, its story and its captions, one to a line.)
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z\"“(])|\s*\n\s*")
_ENDS_ABBREVIATED = re.compile(rf"\b{_ABBREV}\.$")
# A match of _ENDS_ABBREVIATED ends at most one character ("\n") before the end, and an abbreviation
# with its full stop is at most 5 characters: searching from this far before the end finds the same
# match as searching the whole piece (the word boundary still sees the character before), in
# constant time instead of trying the abbreviations at every word of a long piece.
_ABBREVIATED_TAIL = 16


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, keeping abbreviations such as "Mr." and "D.C." inside."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if parts and (_ENDS_ABBREVIATED.search(parts[-1], max(0, len(parts[-1]) - _ABBREVIATED_TAIL))
                      or _open_quote(parts[-1]) and len(parts[-1]) + len(piece) < QUOTED_SENTENCE):
            # (a quotation of several sentences is one, with the words that say who said it: '"The masks
            # came in time. It is heartwarming!" said Hasebe Ken')
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]


# The longest sentence a quotation is kept whole in (a quote mark the text never closes runs on no
# further than this).
QUOTED_SENTENCE = 500


def _open_quote(text: str) -> bool:
    """Whether a text opens a quotation it does not close (a paragraph cut mid-quote)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


# --- segments ------------------------------------------------------------------------------------

_DATE_LEAD = re.compile(
    r"^(?:At\s+\d{1,2}(?:[:.]\d{2})?\s*(?:o'clock|o’clock|a\.m\.|p\.m\.|am|pm)?\s+"  # "At 8 o'clock in the morning on May 4"
    r"(?:in\s+the\s+(?:morning|afternoon|evening)\s+)?(?=on\s))?"
    r"(?:(?:On|on|In|From|During|At|By|Since|Between|Early|Late|Mid|As of)\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:the\s+(?:early\s+)?"
    r"(?:morning|afternoon|evening|night)\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")


@dataclass
class Segment:
    """An item of a report: an optional headline and its paragraphs, in one section and page."""

    headline: str | None
    paragraphs: list[str]
    section: str | None
    page: int | None
    article: str | None  # the headline of the article this item belongs to
    note: str | None = None  # an editor's note printed before the article, about it and its neighbours
    date_line: str | None = None  # the item's own publication date line ("2025-03-07", "Posted on May 6, 2015")
    subject: str | None = None  # the organisation an activity of a prose section is told of ("it", "Peaceland")
    activity: bool = False  # one activity of a prose section's paragraph
    captions: list[str] = field(default_factory=list)  # photo captions printed with the item
    background: bool = False  # an activity a story tells as background, with its own time or place


_EDITORS_NOTE = re.compile(r"^\[?\s*Editor['’]s\s+Note\s*\]?\s*:?\s*", re.I)


# A row number before a list's or table's date: "2 | 9-11 Sep 2009 | Mexico City | ...", "3. 14.07.2023 ..."
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}\s*[|.)]\s*|[\[(]\s*)?")  # also "[2019-03-02] ..."


def _date_first(text: str) -> DateMatch | None:
    """The full date a paragraph opens with, after at most a row number: a timeline's or a table's
    row ("28.09.2011 CAFIU turns thirty ...", "2 | 9-11 Sep 2009 | Mexico City | ...")."""
    for skip in (0, _ROW_NUMBER.match(text).end()):  # "28.09.2011 ..." before "28. ..." as a number
        found = find_dates(text[skip:skip + 60], DateContext())
        if found and found[0].start == 0 and found[0].span.precision == "day" and not found[0].year_inferred:
            return DateMatch(found[0].span, skip, skip + found[0].end, False)
    return None


def _lead_date(text: str, ctx: DateContext) -> str | None:
    """The start of the first date a text gives, as "YYYY-MM-DD" (or shorter for a month or year)."""
    matches = find_dates(text[:900], ctx)
    return matches[0].span.start if matches else None


def _earlier(a: str, b: str) -> bool:
    """Whether date ``a`` falls before date ``b`` at the precision both share ("2020-04" is not before "2020-04-13")."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def segment(doc: Document, ctx: DateContext | None = None) -> list[Segment]:
    """Split a document into items: every headline starts one, so does every dated item of a list.

    A report without headlines is a list of dated items ("On January 10, ..."): each dated
    paragraph starts one. Inside an article under a headline a dated paragraph goes on with the
    article's story ("On April 30, the second batch ... was also shipped") or gives background ("On
    May 18, President Xi Jinping attended ..."), unless it is one of a run of dated paragraphs (a
    timeline: "On April 13, ...", "On April 15, ...") that does not go back before the article's
    own date. An editor's note printed before a headline introduces the articles after it.
    """
    ctx = ctx or _LOCATE_DATES
    segments: list[Segment] = []
    article: str | None = None
    current: Segment | None = None
    note: str | None = None
    note_section: str | None = None
    contents_titles = {e.title for e in doc.contents}
    blocks = doc.blocks
    dated = [b.kind == "para" and (bool(_DATE_LEAD.match(b.text)) or _date_first(b.text) is not None) for b in blocks]
    if not any(b.kind == "heading" for b in blocks) and not doc.contents:
        # A page of paragraphs without headlines (abstracts, a plain list of news): a paragraph that
        # tells of a deed on a day in its first sentence ("Invited by the CPAFFC, X paid a visit to
        # China from July 29 to August 4, 2003.") starts an item, after a paragraph of story.
        for i, b in enumerate(blocks):
            if b.kind == "para" and not dated[i] and i and blocks[i - 1].kind == "para" \
                    and len(blocks[i - 1].text) >= 150:
                lead = split_sentences(b.text)[0] if b.text else ""
                days = [d for d in find_dates(lead, ctx) if d.span.precision == "day"]
                dated[i] = bool(days) and len(b.text) >= 150 and (_ACTIVITY_VERB.search(lead) is not None
                                                                  or _DEED_WORD.search(lead) is not None)
    pending_date: str | None = None
    # A list of paragraphs each under its date line ("July 15, 2011" / "The first forum was ..." /
    # "December 1, 2013" / "In December 2013, ..."): the date line over the first one was read with
    # the page's front matter, and is that first item's date, not the page's.
    dates_at = [i for i, b in enumerate(blocks) if b.kind == "date"]
    if (blocks and blocks[0].kind == "para" and dates_at and doc.front_matter and is_date_line(doc.front_matter[-1])
            and all(i + 1 < len(blocks) and blocks[i + 1].kind == "para" for i in dates_at)
            and not any(b.kind == "heading" for b in blocks)):
        pending_date = doc.front_matter[-1]
    new_item = False
    # A list that prints each item's date line above its headline (the first date line comes before
    # the first headline): a date line right above a headline dates that headline's item.
    first_date = next((i for i, b in enumerate(blocks) if b.kind == "date"), None)
    first_heading = next((i for i, b in enumerate(blocks) if b.kind == "heading"), None)
    dates_lead = first_date is not None and first_heading is not None and first_date < first_heading
    if (not any(b.kind in ("heading", "date") for b in blocks) and not doc.contents and blocks
            and blocks[0].kind == "para" and not dated[0] and (title := _page_title(doc))):
        # A web page of one article: its title, then an opening paragraph that dates nothing ("A
        # delegation of ..., led by ..., paid a visit to Russia"), then what happened day by day.
        # The title heads that story, as a headline would: a dated paragraph goes on with it unless
        # it is one of a run (a list of dated news under a page title opens with a dated item).
        current = Segment(title, [], blocks[0].section, blocks[0].page, None)
        segments.append(current)
    for i, block in enumerate(blocks):
        if block.kind == "caption":
            if current is not None:
                current.captions.append(block.text)
            continue
        if block.kind == "date":
            # A date line belongs to the item whose headline it follows; one before any item dates the next.
            nxt = next((b for b in blocks[i + 1:] if b.kind != "caption"), None)
            if dates_lead and nxt is not None and nxt.kind == "heading":
                pending_date = block.text
            elif current is not None and current.paragraphs and nxt is not None and nxt.kind == "para" \
                    and (current.date_line is not None or _DATE_LEAD.match(current.paragraphs[0])):
                # "... normal living.\nAugust 16\nOn Wednesday, August 16, 2017, ...": an item that has
                # its date already ends; the date line heads the story after it (an update's date)
                pending_date, new_item = block.text, True
            elif current is not None and current.date_line is None and (current.headline or current.paragraphs):
                current.date_line = block.text
            else:
                pending_date = block.text
            continue
        if block.kind == "heading":
            top = bool(re.match(r"^\d{1,2}\s*\.", block.text)) or not doc.contents or any(
                fuzz.ratio(block.text.lower(), t.lower()) >= 82 for t in contents_titles)
            if top and not (doc.contents and re.match(r"^(?:[IVX]+|Ⅱ|Ⅲ|Ⅳ)\s*\.?\s", block.text)):
                article = block.text
            if note is not None and block.section != note_section:
                note = None  # a note speaks of the articles of its own section
            current = Segment(block.text, [], block.section, block.page, article, note, pending_date)
            pending_date = None
            segments.append(current)
            continue
        if _EDITORS_NOTE.match(block.text) and i + 1 < len(blocks) and blocks[i + 1].kind == "heading":
            note = block.text  # it speaks of the articles that follow, not of the one it ends
            note_section = blocks[i + 1].section
            continue
        starts = (dated[i] or new_item) and current is not None and bool(current.paragraphs)
        if starts and current is not None and (current.headline or article):
            # a timeline: the paragraph before or after is dated too, or this article has already
            # been split into dated items
            run = (i > 0 and dated[i - 1]) or (i + 1 < len(blocks) and dated[i + 1]) or not current.headline
            own = _lead_date(" ".join(current.paragraphs), ctx)
            mine = _lead_date(block.text[:160], ctx)
            starts = run and not (own and mine and _earlier(mine, own))
        if starts and current is not None and _by_surname(block.text, " ".join(current.paragraphs)):
            starts = False  # "Lin Yuan first visited Myanmar ... / In March 2015, Lin went again": one story
        if starts and current is not None and not article and not new_item \
                and pending_date is None and _goes_on(block.text, " ".join(current.paragraphs)):
            # "A youth orchestra from Tallinn arrived on September 12 ... / On September 14, the
            # orchestra gave a concert": a page of one story, not a list of items (an item under a
            # date line of its own is one, whatever its subject)
            starts = False
        if current is None or starts:
            current = Segment(None, [], block.section, block.page, article, note if current is None else None,
                              pending_date)
            pending_date = None
            segments.append(current)
        new_item = False
        current.paragraphs.append(block.text)
    segments = [s for s in segments if s.paragraphs]
    # A report of numbered sections tells of several activities in each; in a magazine (which has a
    # contents list) numbered sections are the parts of one article instead.
    return segments if doc.contents else _split_activities(_join_subsections(segments), ctx)


_ANAPHOR = re.compile(r"\b(?:they|their|them|its|he|his|she|her|these|those)\b")
_TEASER_END = re.compile(r"(?:…|\.\.\.)\s*(?:read\s+more|more|detail|details)?\s*$", re.I)


def _refers_back(text: str, before: str) -> bool:
    """Whether a paragraph opens by pointing back to a story told before it: a pronoun ("During
    their visit in Beijing, ...") or a definite noun the story before has introduced ("a 17-member
    delegation ..." / "The delegation then ...")."""
    words = split_sentences(text)[0].split()[:8] if text else []
    opening = " ".join(words)
    if _ANAPHOR.search(opening.lower()):
        return True
    m = re.match(r"^(?:\S+\s+){0,3}?[Tt]he\s+([a-z]{4,})\b", opening)
    return bool(m) and re.search(rf"\b{m.group(1)}\b", before) is not None


def _page_title(doc: Document) -> str | None:
    """The title a saved web page prints above its text (its first line of front matter), where it
    is neither a date nor an address."""
    first = doc.front_matter[0].strip() if doc.front_matter else ""
    if not first or is_date_line(first) or re.match(r"(?i)^(?:https?://|www\.)", first) or len(first) > 200:
        return None
    return first


# A paragraph's opening phrase before its subject: a date or a time ("On September 14,", "Later
# that day,"), up to the comma.
_OPENING_PHRASE = re.compile(r"^(?:(?:On|In|At|From|During|Later|Earlier|The next|That|Then|After|Before)\b[^,.;]{0,40},\s*)?")
# Words after "the" that are no noun the story introduced ("the same day", "the first forum").
_NOT_SUBJECT = {"same", "following", "first", "second", "third", "last", "next", "other", "whole", "main", "latest",
                "former", "year", "month", "week"}
_GOES_ON = re.compile(r"(?:(?:[Hh]e|[Ss]he|[Tt]hey)\b|(?:[Tt]he|[Tt]his|[Tt]hese)\s+([a-z]{4,})(?:\s+[a-z]|[,.;]))")


def _goes_on(text: str, before: str) -> bool:
    """Whether a dated paragraph goes on with the story before it rather than starting an item of a
    list: its subject, after any date, is a pronoun or a definite common noun that story introduced
    ("On September 14, the orchestra gave ..." after "A youth orchestra arrived ..."). An item of a
    list names its own subject ("On May 16, the first SCO Women's Forum ...")."""
    opening = text[_OPENING_PHRASE.match(text).end():]
    m = _GOES_ON.match(opening)
    if not m:
        return False
    noun = m.group(1)
    return noun is None or noun not in _NOT_SUBJECT and re.search(rf"\b{noun}\b", before, re.I) is not None


def _join_subsections(segments: list[Segment]) -> list[Segment]:
    """Join a subsection to the article it goes on with, rather than making it an item of its own.

    An article with a subheading every few paragraphs ("Beijing: Friendship between the Peoples
    ...") tells one story: a headed section without a date or date line of its own, after a dated
    story that was not cut short as a teaser ("... read more"), whose opening points back to that
    story, continues it. Its subheading stays in the text.
    """
    out: list[Segment] = []
    for seg in segments:
        prev = out[-1] if out else None
        text = " ".join(seg.paragraphs)
        if prev is not None and seg.headline and seg.date_line is None and prev.date_line is None \
                and not seg.activity and not prev.activity and prev.paragraphs \
                and not _TEASER_END.search(prev.paragraphs[-1]) \
                and any(d.span.precision == "day" for d in find_dates(" ".join(prev.paragraphs)[:900], _LOCATE_DATES)) \
                and not find_dates(f"{seg.headline} {text}", _LOCATE_DATES) \
                and _refers_back(seg.paragraphs[0], " ".join(prev.paragraphs)):
            prev.paragraphs.extend([seg.headline, *seg.paragraphs])
            prev.captions.extend(seg.captions)
            continue
        out.append(seg)
    return out


# A verb that reports something an organisation did: what makes a clause an activity of its own.
_ACTIVITY_VERBS = (
    r"(?:donated|provided|sent|launched|organi[sz]ed|co-organi[sz]ed|held|hosted|co-hosted|signed|visited|"
    r"delivered|distributed|raised|built|handed|started|began|opened|participated|took part|dispatched|funded|"
    r"implemented|granted|carried out|set up|established|completed|trained|shipped)")
_ACTIVITY_VERB = re.compile(rf"\b{_ACTIVITY_VERBS}\b")
# Deeds of a visit or a meeting, beside the activities above: what a news paragraph reports.
_DEED_WORD = re.compile(r"\b(?:paid|attended|met|received|led|celebrated|marked|addressed)\b")
_SECTION_HEADING = re.compile(r"^(?:[IVX]{1,4}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])\s*[.、]\s*\S")
_YEAR_FIRST = re.compile(r"^(?:In|in|During|Since|From)\s+(?:early\s+|late\s+|mid-)?(?:19|20)\d{2}\b")
# "; donated more than ...", "; and sent rescue teams ...": a clause of a list of deeds of one subject.
_DEED_CLAUSE = re.compile(rf";\s+(?:and\s+)?(?={_ACTIVITY_VERBS}\b)")


def _activity_units(paragraphs: list[str]) -> list[tuple[str, str]]:
    """The activities a section's paragraphs report, one text each.

    A sentence that opens with a date, or that reports a deed (an activity verb) after the first,
    starts a new activity; a list of deeds of one subject parted by semicolons ("provided grants
    ...; donated ...; and sent rescue teams ...") gives one activity per deed, each with the subject
    written before it. Sentences that report no deed (comments, aims) stay with the activity before
    them; those before the first activity open it. Each activity comes with the organisation last
    named as a subject before it.
    """
    units: list[list[str]] = []
    subjects: list[str] = []
    lead: list[str] = []
    subject = ""
    for para in paragraphs:
        for sentence in split_sentences(para):
            names = find_org_names(sentence)
            subject = names[0][0] if names else subject
            clauses = _DEED_CLAUSE.split(sentence)
            if len(clauses) > 1:
                clauses = [clauses[0], *(f"{subject} {c}".strip() for c in clauses[1:])]
            for clause in clauses:
                dated = bool(_DATE_LEAD.match(clause) or _YEAR_FIRST.match(clause))
                new = dated or _ACTIVITY_VERB.search(clause) is not None
                # the first activity names who or when: a general opening sentence only leads into it
                if new and (units or dated or find_org_names(clause)):
                    units.append([*lead, clause])
                    subjects.append(subject)
                    lead = []
                elif units:
                    units[-1].append(clause)
                else:
                    lead.append(clause)
    if lead:
        if units:
            units[-1].extend(lead)
        else:
            units.append(lead)
            subjects.append(subject)
    return [(" ".join(u), subj) for u, subj in zip(units, subjects, strict=True)]


def _split_activities(segments: list[Segment], ctx: DateContext) -> list[Segment]:
    """Segments with each numbered section of a prose report parted into its activities.

    A prose report ("I. Serve China's overall diplomacy", "II. ...") tells in each section's
    paragraphs of several activities, each with its own date, place and organisations: each
    becomes an item, under the section's headline.
    """
    out: list[Segment] = []
    for seg in segments:
        if not (seg.headline and _SECTION_HEADING.match(seg.headline)):
            out.append(seg)
            continue
        units = _activity_units(seg.paragraphs)
        if len(units) < 2:
            out.append(seg)
            continue
        for unit, subject in units:
            out.append(Segment(None, [unit], seg.section, seg.page, seg.headline, seg.note, seg.date_line,
                               subject or None, True))
    return out


# --- organisations ---------------------------------------------------------------------------------

ORG_HEADS = {
    "foundation": "foundation", "fund": "foundation", "stiftung": "foundation", "fondazione": "foundation",
    "charity": "foundation", "trust": "foundation",
    "association": "association", "associations": "association", "associazione": "association",
    "society": "society", "societies": "society", "club": "association", "chamber": "association",
    "federation": "federation", "confederation": "federation", "union": "federation", "league": "federation",
    "network": "network", "alliance": "network", "coalition": "network", "secretariat": "network",
    "council": "council", "committee": "council", "commission": "government body",
    "ministry": "government body", "department": "government body", "office": "government body",
    "bureau": "government body", "administration": "government body", "government": "government body",
    "embassy": "government body", "consulate": "government body", "authority": "government body",
    "agency": "government body", "parliament": "government body", "assembly": "government body",
    "congress": "government body", "party": "political party",
    "institute": "research institute", "institution": "research institute", "academy": "research institute",
    "center": "centre", "centre": "centre", "university": "university", "college": "university",
    "school": "school", "hospital": "hospital", "museum": "museum", "gallery": "museum",
    "group": "company", "corporation": "company", "company": "company", "co.": "company", "ltd": "company",
    "inc.": "company", "bank": "company", "house": "organisation",
    "organization": "organisation", "organisation": "organisation", "organizations": "organisation",
    "organisations": "organisation", "think tank": "think tank", "station": "media", "agency,": "media",
    "daily": "media", "radio": "media", "television": "media", "tv": "media", "news": "media",
    "orchestra": "arts group", "ensemble": "arts group", "troupe": "arts group", "theatre": "arts group",
    "municipality": "government body", "crescent": "society", "branch": "organisation",
}
_UN_HINT = re.compile(r"\b(?:United Nations|UN)\b")
_TITLE_WORDS = {
    "president", "vice-president", "vice", "chairman", "chairperson", "chair", "director", "director-general",
    "secretary", "secretary-general", "general", "deputy", "executive", "member", "members", "head", "heads",
    "representative", "representatives", "former", "chief", "mr.", "mrs.", "ms.", "dr.", "professor",
    "counselor", "counsellor", "minister", "ambassador", "governor", "mayor", "speaker", "founder",
    "staff", "officials", "official", "delegation", "delegations", "leader", "leaders", "experts", "expert",
    "on", "in", "at", "during", "from", "the", "this", "a", "an", "both", "under", "with", "by", "as",
    "since", "after", "before", "and", "of", "for", "to", "when", "while", "its", "their", "our",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "also", "then", "meanwhile", "besides", "moreover", "furthermore",
    "apart", "among", "including", "such", "partner", "partners", "participants", "volunteers",
    "according", "thanks", "together", "whereas", "although", "though", "if",
}
_CONNECT = {"of", "for", "and", "the", "on", "in", "&", "de", "du", "di", "del", "des", "la", "le", "to", "at",
            "with"}
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.&-]*|\d+(?:st|nd|rd|th)\b|[A-Z]{2,}")
_ORG_RUN = re.compile(
    r"(?:[A-Z][\w'’.&-]*|\d+(?:st|nd|rd|th)\b|“[A-Z][\w'’ -]*”|\"[A-Z][\w'’ -]*\")"
    r"(?:\s+(?:(?:of|for|and|the|on|in|&|de|du|di|del|des|la|le|to|at|with)\s+)*"
    r"(?:[A-Z][\w'’.&-]*|\d+(?:st|nd|rd|th)\b|“[A-Z][\w'’ -]*”|\"[A-Z][\w'’ -]*\"))*")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,11})\s*\)")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,9}(?:-[A-Z0-9]+)?\b")


def org_key(name: str) -> str:
    """A spelling-insensitive key: "The Centre for China & Globalisation" ~ "center for china and globalization"."""
    k = re.sub(r"\b([A-Z]{2,})s\b", r"\1", name)  # "Beijing NGOs Network" ~ "Beijing NGO Network"
    k = k.lower().replace("’", "'").replace("&", " and ")
    k = re.sub(r"\borganisation", "organization", k)
    k = re.sub(r"\bcentre\b", "center", k)
    k = re.sub(r"isation\b", "ization", k)
    k = re.sub(r"'s\b", "", k)
    k = re.sub(r"[^\w]+", " ", k)
    k = re.sub(r"^the ", "", k.strip())
    words = k.split()
    # "... for International Exchanges" ~ "... Exchange": a plural last word is a spelling variant
    last = words[-1] if words else ""
    if len(last) > 4 and last.endswith("s") and not last.endswith(("ss", "ies", "us", "is")) \
            and last not in _KEEP_PLURAL:
        words[-1] = last[:-2] if last.endswith(("xes", "shes", "ches")) else last[:-1]
    return " ".join(words)


# Last words whose plural is the name itself: "United Nations", "Foreign Affairs", "Human Rights".
_KEEP_PLURAL = {"nations", "affairs", "rights", "news", "arts", "sciences", "studies", "relations", "peoples",
                "countries", "parties", "societies", "cities", "universities", "communities", "industries",
                "games", "works", "sports", "friends", "citizens", "overseas", "emirates", "islands", "states"}


def org_kind(name: str) -> str:
    """The kind of organisation its name says: foundation, association, UN body, ..."""
    if _UN_HINT.search(name) or name.startswith("UN "):
        return "UN body"
    words = [w.lower().strip(",") for w in name.split()]
    for w in reversed(words):
        if w in ORG_HEADS:
            return ORG_HEADS[w]
    for w in words:
        if w in ORG_HEADS:
            return ORG_HEADS[w]
    return "organisation"


def _has_head(tokens: list[str]) -> bool:
    return any(_is_head(t) or (t in ("Cross", "Crescent") and i and tokens[i - 1] == "Red")
               for i, t in enumerate(tokens))


def _is_head(token: str) -> bool:
    """Whether a word is the head word of an organisation's name ("Foundation", "Ltd.")."""
    low = token.lower().strip(",")
    return low in ORG_HEADS or low.rstrip(".") in ORG_HEADS


def _ends_org(text: str) -> bool:
    """Whether a name is complete: it ends on its head word, or on "Head of Place"."""
    tokens = text.split()
    if tokens and tokens[-1].lower() in ORG_HEADS:
        return True
    return bool(re.search(r"\b(?:" + "|".join(h for h in ORG_HEADS if h.isalpha()) + r")\s+(?:of|in)\s+(?:the\s+)?"
                          r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?$", text, re.I))


_TITLE_OF = re.compile(
    r"^(?:(?:Vice|Deputy|Executive|Assistant|Former|former|Honorary|First|Acting|General|Chief|Board|Senior|"
    r"Associate|Permanent|Special|Prime|Party|Co|Attending|Intern)[- ]+)*"
    r"(?:President|Minister|Chairman|Chairperson|Chairwoman|Director|Director-General|"
    r"Secretary(?: of State)?|Secretary-General|"
    r"Member|Head|Ambassador|Counselor|Counsellor|Governor|Mayor|Professor|Dean|Editor|Representative|"
    r"Expert|Founder|Speaker|Consul|Chief|Adviser|Advisor|Officer|Manager|Leader|Commissioner|Physician|"
    r"Doctor|Curator|Vice-Curator|Engineer|Researcher|Lecturer|Fellow|Coordinator|Principal|Chair)[\w-]*"
    r"(?:\s+(?:and\s+)?(?:[A-Z][\w-]*\s+)?(?:President|Director|Secretary|General|Chairman))*\s+(?:of|at|to)\s+(?:the\s+)?")


# Words for a meeting of a body: "Opening Ceremony of", "43rd Session of", "18th National Congress of".
# Forums and conferences are also organisations' names, so those only count after an ordinal.
_SITTING_WORDS = {"session", "meeting", "ceremony", "plenary", "opening", "reception"}
_MEETING_WORDS = _SITTING_WORDS | {"conference", "forum", "summit", "congress", "assembly", "symposium", "dialogue",
                                   "seminar", "workshop", "gala"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"}
_TITLE_AFTER_HEAD = {"President", "Vice-President", "Speaker", "Chairman", "Chairperson", "Chairwoman", "Director",
                     "Director-General", "Secretary", "Secretary-General", "Deputy", "Vice", "Ambassador",
                     "Counselor", "Counsellor", "Minister", "Governor", "Mayor", "Speakers", "Presidents",
                     "Chairmen", "Directors", "Ministers", "Ambassadors", "Mayors"}


def _trim_run(tokens: list[str]) -> list[str]:
    """A run of capitalised words without the titles, months and meeting words around the name."""
    text = " ".join(tokens)
    while True:
        m = _TITLE_OF.match(text)
        if not m or not _has_head(text[m.end():].split()):
            break
        text = text[m.end():]  # "Vice-Minister of the International Department ..." -> the department
    tokens = text.split()
    while tokens and (tokens[0].lower() in _TITLE_WORDS or tokens[0].lower() in _CONNECT):
        # "President of the Association for ..." -> "Association for ..."
        if tokens[0].lower().strip(",") in ORG_HEADS:
            break
        tokens = tokens[1:]
    # "Embassy of Sri Lanka in China in September": a month is no part of a name.
    for i in range(1, len(tokens)):
        if tokens[i].lower().strip(",") in _MONTH_WORDS | _WEEKDAYS and tokens[i - 1] in ("in", "on", "of", "since", "from"):
            tokens = tokens[:i - 1]
            break
    # "43rd Session of the UN Human Rights Council", "Opening Ceremony of the ... InterAction
    # Council": a meeting is held by the organisation named after "of".
    if "at" in tokens[1:-1]:
        cut = tokens.index("at")
        if not _has_head(tokens[:cut]) and _has_head(tokens[cut + 1:]):
            tokens = tokens[cut + 1:]  # "Silk Road at the National Art Gallery": the venue is the name
            if tokens and tokens[0].lower() == "the":
                tokens = tokens[1:]
    while "of" in tokens:
        cut = tokens.index("of")
        before, rest = tokens[:cut], tokens[cut + 1:]
        ordinal = bool(before) and bool(re.match(r"^(?:\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|"
                                                 r"Seventh|Eighth|Ninth|Tenth)$", before[0]))
        last = before[-1].lower() if before else ""
        if rest and rest[0].lower() == "the":
            rest = rest[1:]
        if not ((last in _MEETING_WORDS and ordinal) or last in _SITTING_WORDS):
            break
        if not _has_head(rest) or rest[0].lower() in ("its", "their", "his", "her", "our"):
            break
        tokens = rest
    # "Finland Parliament Speaker Lohela", "Sweden Parliament First Deputy Speaker Fenne": a title
    # after the head word starts a person's description, not more of the name.
    heads = [i for i, t in enumerate(tokens) if _is_head(t)]
    if heads:
        for i in range(heads[0] + 1, len(tokens)):
            if tokens[i] in _TITLE_AFTER_HEAD and (i + 1 >= len(tokens) or tokens[i + 1] not in _CONNECT):
                tokens = tokens[:i]
                while tokens and tokens[-1].lower() in {"first", "second", "vice", "deputy", "executive", "former"}:
                    tokens = tokens[:-1]
                break
    while tokens and tokens[-1].lower() in _CONNECT:
        tokens = tokens[:-1]
    return tokens


# In a headline written in title case a verb ends the name: "China Foundation for Poverty
# Alleviation Has Actively Participated in ...", "CNIE Delegation Attended the 58th Session".
_HEADLINE_VERB = re.compile(
    r"\s+(?:(?:Has|Have|Had|Is|Are|Was|Were|Will|Participated|Participates|Attended|Attends|Held|Holds|Hosted|"
    r"Hosts|Launched|Launches|Visited|Visits|Visiting|Met|Meets|Headed|Heads|Led|Leads|Signed|Signs|Spoke|"
    r"Speaks|Officially|Successfully|Jointly|Debuted|Opened|Opens|Supporting|Providing|Carrying|Making|"
    r"Donated|Donates|Delivered|Delivers|Joined|Joins|Called|Calls|Kicked|Kicks|Staged|Stages|Released|"
    r"Announced|Announces|Received|Receives|Wins|Won|Helps|Helped|Empowers|Empowered)\b)")


_AND_TITLE = re.compile(r"\s+and\s+(?=(?:President|Vice|Chairman|Chairperson|Director|Secretary|Member|Head|"
                        r"Deputy|[Ff]ormer|Minister|Ambassador|Founder|Executive|Chief|Special|Permanent|"
                        r"Honorary|Co-Chair|Prime|Professor)\b)")
_RUN_BREAK = re.compile(f"{_AND_TITLE.pattern}|{_HEADLINE_VERB.pattern}")


_SPLIT = re.compile(r"\s+(and|&|with)\s+(the\s+)?(?=[A-Z0-9“\"])")
_ACRONYM_WORD = re.compile(r"^[A-Z][A-Z0-9&-]+s?[.,]?$")
# A full stop that belongs to the last word: "Co.", "Inc.", "U.S."
_ABBREV_END = re.compile(r"(?:\b(?:Co|Inc|Ltd|Corp|Bros|St)|\b(?:[A-Z]\.)+[A-Z])\.$")


def _complement_size(text: str) -> int:
    """How many capitalised words follow the last head word: "Network for International Exchanges" -> 2."""
    tokens = text.split()
    last = max((i for i, t in enumerate(tokens) if t.lower().strip(",") in ORG_HEADS), default=-1)
    return sum(1 for t in tokens[last + 1:] if t[:1].isupper() or t[:1].isdigit())


def _one_name(left: str, joiner: str, with_the: bool, right: str) -> bool:
    """Whether "left and right" (or "&", "with") is one organisation's name or two names.

    "Thai-Chinese Culture and Economy Association", "Ministry of Culture and Tourism",
    "China Foundation for Peace and Development", "Association for Friendship with Foreign
    Countries" are one; "CNIE and the People's Government of Shaanxi Province", "Jack Ma
    Foundation and Alibaba Foundation", "Foundation for Poverty Alleviation and SSN" are two.
    ``right`` runs up to the first of the following pieces that has a head word of its own.
    """
    left_tokens, right_tokens = left.split(), right.split()
    if joiner == "and" and not with_the and right_tokens and right_tokens[-1].lower() in _PLURAL_HEADS \
            and " of " in f" {left} ":
        return True  # "International Federation of Red Cross and Red Crescent Societies"
    if _is_head(left_tokens[-1]):
        # the left name ends on its head word: it is complete, unless that word also names a field of
        # work coordinated with the next ("China Lingshan Charity and Philanthropy Promotion
        # Association", "China Radio and Television Association") and the right side cannot be a name
        # of its own: words of common English and a head word, no place, acronym or coined word that
        # would tell one body from another (but "Jack Ma Foundation and Alibaba Foundation", "China
        # House and Rainbow Volunteer Club", "Amity Foundation and Health Office of Yunnan")
        return joiner == "and" and not with_the and left_tokens[-1].lower() in _FIELD_HEADS \
            and _generic_words_and_head(right_tokens) and right_tokens[-1].lower() != left_tokens[-1].lower()
    if _has_head(right_tokens) and len(right_tokens) >= 2 and joiner != "&" \
            and default_gazetteer().lookup(right_tokens[0]) is not None \
            and default_gazetteer().lookup(right_tokens[0]).kind != "country":
        return False  # "... for Friendship and Beijing Foreign Studies University": a name of a city's body
    if joiner == "with":
        # "Association for Friendship with Foreign Countries" goes on; "Central Committee of the
        # Communist Party of China with Comrade Xi Jinping" and "Together with the ..." do not.
        return _has_head(left_tokens) and not _ends_org(left)
    for tokens in (left_tokens, right_tokens):
        if len(tokens) == 1 and _ACRONYM_WORD.match(tokens[0]) and not _is_head(tokens[0]):
            return False  # an acronym is a name of its own: "CFPA and the Association of ..."
    if left_tokens[-1].lower() in _ADMIN_UNITS:
        return False  # "the Yushu Tibetan Autonomous Prefecture and Red Cross Society of China": a place, then a body
    place = default_gazetteer().lookup(left) if len(left_tokens) <= 2 else None
    if place is not None and place.name.lower() in left.lower():
        # "between China and Black Sea Economic Cooperation Organization", "Heilongjiang Province and
        # Yihai Public Charity Foundation" (but "Chinese and Western Integrative Medicine": a
        # demonym is no place)
        return False
    if with_the:
        # "and the" starts a new name, unless neither side is one: "North Europe and the Baltic
        # Countries".
        return not (_has_head(left_tokens) or _has_head(right_tokens))
    if not _has_head(left_tokens):
        # "Thai-Chinese Culture and Economy Association" is one; "Suning and Bank of China" are two: a
        # right side opening on its head word is a name of its own.
        return not (_is_head(right_tokens[0]) and len(right_tokens) > 1)
    lead = []
    for token in right_tokens:
        if token in ("of", "for", "in", "on", "at", "to", "with"):
            break
        lead.append(token)
    if not _has_head(lead):
        # "of Culture and Tourism", "for Peace and Development", "Department of Obstetrics and
        # Gynecology of Peking Union Medical College Hospital"
        return True
    if joiner == "&":
        return True  # "Research Center of Africa Science & Technology Affairs"
    if not _ends_org(left):
        # "Committee on Maternal and Child Health Management" is one name; "Network for
        # International Exchanges and Beijing Association for ..." are two.
        return _complement_size(left) < 2
    return False


# The last word of a place's name as an administrative unit: "Yushu Tibetan Autonomous Prefecture".
_ADMIN_UNITS = {"province", "prefecture", "county", "district", "region", "city", "municipality", "township",
                "town", "village", "state"}
# Head words that also name a field of work: "charity and philanthropy", "radio and television".
_FIELD_HEADS = {"charity", "trust", "news", "radio", "television", "tv"}
# Words that name a body's standing, not a field of work: a name made of them and a head word is one
# body's name ("State Ethnic Affairs Commission", "National Health Commission").
_STANDING_WORDS = {"state", "national", "international", "central", "people's", "people’s", "world", "global",
                   "united", "general", "supreme", "royal", "federal", "provincial", "municipal"}


def _generic_words_and_head(tokens: list[str]) -> bool:
    """Whether a run is only words of common English before its one head word at the end: "Philanthropy
    Promotion Association", "Social Work Federation" (a field of work and a head, no name of its own)."""
    from wordfreq import zipf_frequency  # which words are English; loaded on first use

    for i, t in enumerate(tokens):
        if t in ("in", "at", "on"):
            tokens = tokens[:i]  # "... Association in Beijing": where it is, not its name
            break
    if len(tokens) < 2 or not _is_head(tokens[-1]) \
            or any(_is_head(t) and t.lower() not in _FIELD_HEADS for t in tokens[:-1]):
        return False
    gazetteer = default_gazetteer()
    return all(re.fullmatch(r"[A-Z][a-z]+", t) and t.lower() not in _STANDING_WORDS
               and gazetteer.lookup(t) is None and zipf_frequency(t.lower(), "en") >= _ENGLISH_ZIPF
               for t in tokens[:-1])


def _drop_speaker(text: str) -> str:
    """A run before a colon without its last words when they name the speaker.

    "Chairman of the Sri Lanka-China Friendship Association Goonatilleke: ..." and "Director of
    the Los Angeles Tourism Bureau Ernest Wooden: ..." print the speaker's name after the name
    of the organisation.
    """
    tokens = text.split()
    if len(tokens) < 3 or _is_head(tokens[-1]):
        return text
    if len(tokens) >= 4 and valid_person_name(" ".join(tokens[-2:])):
        return " ".join(tokens[:-2])
    last = tokens[-1].lower()
    if last not in _NOT_NAME_WORDS and last not in _CONNECT and default_gazetteer().lookup(last) is None:
        return " ".join(tokens[:-1])
    return text


def find_org_names(sentence: str) -> list[tuple[str, int, int]]:
    """Organisation names written out in a sentence, with their positions."""
    out: list[tuple[str, int, int]] = []
    for m in _ORG_RUN.finditer(sentence):
        text = m.group(0)
        if text.endswith(".") and not _ABBREV_END.search(text):
            text = text[:-1]  # the full stop ends the sentence, not the name
        if sentence[m.end():m.end() + 1] == ":":
            text = _drop_speaker(text)
        # "... Government of Hubei Province and Chinese embassy in Peru": a demonym before a word in
        # lower case is an adjective of that word, not a part of the name.
        tail = re.search(r"\s+and\s+([A-Z][\w'’-]+)$", text)
        if tail and re.match(r"\s+[a-z]", sentence[m.end():m.end() + 2]):
            place = default_gazetteer().lookup(tail.group(1))
            if place is not None and place.name.lower() not in tail.group(1).lower():
                text = text[:tail.start()]
        # "Chairperson of the Special Committee ... and Chief Physician of Department of ...": a
        # title after "and" starts another name (the title itself is trimmed from it); a verb of
        # a title-case headline ends one.
        for start, end in _split_spans(text, _RUN_BREAK):
            part = text[start:end]
            start += len(part) - len(part.lstrip())
            if part.strip():
                out.extend(_names_in_run(sentence, part.strip(), m.start() + start))
    return out


def _split_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The (start, end) spans of the parts of ``text`` between matches of ``pattern``."""
    spans, start = [], 0
    for cut in pattern.finditer(text):
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, len(text)))
    return spans


def _names_in_run(sentence: str, text: str, base: int) -> list[tuple[str, int, int]]:
    """The names in one run of capitalised words that starts at ``base`` in the sentence."""
    # Pieces between "and", "&" and "with", as (start, end) in text; each joiner joins two
    # pieces into one name or parts them into two.
    cuts = list(_SPLIT.finditer(text))
    starts = [0, *(c.end() for c in cuts)]
    ends = [*(c.start() for c in cuts), len(text)]
    pieces = list(zip(starts, ends, strict=True))
    names: list[tuple[int, int]] = [pieces[0]]
    for i, cut in enumerate(cuts, 1):
        # The right side runs on while its pieces have no head word of their own ("Lao Peace
        # and Solidarity Committee of Laos"), but not over "and the".
        j = i
        while (j + 1 < len(pieces) and not _has_head(text[pieces[j][0]:pieces[j][1]].split())
               and not cuts[j].group(2)):
            j += 1
        left = text[names[-1][0]:names[-1][1]]
        right = text[pieces[i][0]:pieces[j][1]]
        if left.strip() and right.strip() and _one_name(left, cut.group(1), bool(cut.group(2)), right):
            names[-1] = (names[-1][0], pieces[i][1])
        else:
            names.append(pieces[i])
    out: list[tuple[str, int, int]] = []
    for start, end in names:
        tokens = _trim_run(text[start:end].split())
        if not (2 <= len(tokens) <= 18 and _has_head(tokens)):
            continue
        name = " ".join(tokens).strip(" ,;:“”\"")
        if name.lower().startswith("the "):
            name = name[4:]
        cut = org_candidate(name)
        if cut is None:
            continue
        name = cut
        if len(name) <= 5 or name.isupper():
            continue
        pos = sentence.find(name, base + start)
        if pos >= 0:
            out.append((name, pos, pos + len(name)))
    return out


# The last word of a meeting, an event or a programme: a name ending on it names no organisation
# ("Second Pak-China Medical Congress", "Foundation Stone Laying Ceremony", "Hand-washing Station
# Project in Nepal"), even when an organisation's head word stands inside it.
_EVENT_WORDS = {"conference", "meeting", "meetings", "ceremony", "tournament", "project", "projects", "activity",
                "activities", "contract", "summit", "festival", "programme", "program", "campaign", "exhibition",
                "expo", "competition", "fight", "roundtable", "session", "seminar", "workshop", "symposium",
                "dialogue", "gala", "concert", "week", "day", "plan", "initiative", "prevention", "control",
                "contribution", "participation", "award", "awards", "prize", "visit", "trip", "tour", "camp",
                "course", "training", "talks", "games", "cup", "fair", "show", "year", "anniversary"}
# Sittings that are named like bodies: with an ordinal or "Annual" they are a meeting.
_SITTING_BODIES = {"forum", "congress", "assembly", "council", "committee", "conference", "session", "plenary"}
_ORDINAL = re.compile(r"^(?:\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|"
                      r"Annual|Inaugural)$")
# Phrases of common English that hold a head word and name no one body.
_COMMON_PHRASES = {"civil society", "international community", "business community", "party and government",
                   "local government", "local governments", "central government", "head office", "general assembly"}
# Nouns that say what someone has or does with a body, before "of": "Consultative Status of ...".
_ABSTRACT_OF = {"status", "membership", "role", "contribution", "participation", "framework", "support", "job", "work",
                "mechanism", "platform", "guidance", "auspices", "help", "invitation", "theme", "behalf", "spirit",
                "members", "staff", "representatives", "delegation", "delegates", "officials", "volunteers",
                "experts", "leaders", "headquarters", "website", "report", "appeal", "launch", "establishment",
                "founding", "anniversary"}
_NON_NAME_NOUNS = {"annual", "plenary", "attending", "physician", "physicians", "inaugural", "opening", "closing",
                   "general", "assembly", "standing", "special", "joint", "working", "steering", "executive"}
_VENUE_WORDS = {"building", "hall", "square", "park", "camp", "site", "venue", "room", "gate", "stadium", "auditorium",
                "garden", "gardens", "courtyard", "campus", "headquarters", "compound", "pavilion", "theatre"}
_COUNT_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousands", "dozens", "several",
                "many", "some", "all", "both", "various", "numerous", "other", "more", "most"}
_PERSON_TITLES = {"President", "Vice-President", "Chairman", "Chairperson", "Chairwoman", "Chair", "Co-Chair",
                  "Director", "Director-General", "General", "Secretary", "Secretary-General", "Minister",
                  "Ambassador", "Governor", "Mayor", "Speaker", "Representative", "Counselor", "Counsellor", "Consul",
                  "Head", "Dean", "Member", "Members", "Leader", "Founder", "Envoy", "Commissioner", "Officer",
                  "Manager", "Coordinator", "Editor", "Professor", "Under-Secretary-General"}
_GENERIC_WORDS = {"red", "friendship", "international", "national", "people's", "people’s", "peoples", "charity",
                  "public", "social", "cultural", "culture", "youth", "women", "children", "new", "general",
                  "central", "local", "regional", "provincial", "municipal", "world", "global", "joint", "the",
                  "foreign", "overseas", "civil", "its", "their", "our", "this", "that"}
_PLURAL_HEADS = {"organizations", "organisations", "associations", "foundations", "societies", "networks",
                 "institutions", "groups", "companies", "enterprises", "universities", "councils", "committees",
                 "agencies", "ngos", "clubs", "charities"}
# Heads after which a place belongs to the name: "Chinese Embassy in Myanmar", "CFRD Office in Nepal".
_MISSION_HEADS = {"embassy", "embassies", "consulate", "consulate-general", "general", "mission", "office", "branch",
                  "representative", "delegation", "bureau"}


def _generic_pair(name: str, common: set[str]) -> bool:
    """Whether a two-word name is a description: "Health Office", "Cooperation Network", "Equestrian
    Association" print as words the report also uses in lower case; "Amity Foundation", "Minhe
    Foundation" do not (nor places, acronyms or names of people)."""
    tokens = name.split()
    if len(tokens) != 2 or not _is_head(tokens[1]) or _is_head(tokens[0]):
        return False
    word = tokens[0]
    if word.isupper() or any(ch.isupper() for ch in word[1:]) or default_gazetteer().lookup(word) is not None:
        return False  # an acronym, "InterAction", a place
    if tokens[1].lower() in ("council", "assembly", "parliament", "ministry", "government", "university", "party"):
        return False  # "State Council", "National Assembly": institutions named by one word
    return word.lower() in common


def org_candidate(name: str) -> str | None:
    """A printed run of capitalised words cut to the organisation it names, or None when it names none.

    The name ends at its real boundary: "in <place>" after a head word belongs only to a mission
    ("Embassy in Myanmar", "Office in Nepal"); a person's name glued after the head word is cut
    ("... Development Party Tarvin"); what stands before "of" without a head word of its own is no
    part of it ("Bounnhang of the Lao Committee ..."). A meeting, an event, a programme, a plural
    ("Chinese Social Organizations"), a phrase of common English ("Civil Society") or a count
    is no organisation.
    """
    # "“Hope Project in Africa” of China Youth Development Foundation": a quoted programme names the
    # body that runs it after "of" or "by"; the body is the organisation.
    name = re.sub(r'^[“"]?[^“”"]+[”"]\s+(?:of|by)\s+(?:the\s+)?', "", name)
    tokens = name.replace("“", "").replace("”", "").replace('"', "").split()  # a quote around part of a name
    if "for" in tokens[1:]:
        before = tokens[:tokens.index("for")]
        if not _has_head(before) and (len(before) == 1 or default_gazetteer().lookup(" ".join(before))):
            return None  # "Beijing for the Blue Book of Charity": a place, then what was done there
    if not tokens or tokens[0].lower() in _COUNT_WORDS or tokens[0].isdigit():
        return None  # "Three Council Members", "156 organizations": a count, not a name
    # "Poland Prime Minister and Polish Co-Chair of Joint Committee for ...": a person's title before
    # any head word ends where the body it names begins.
    for i, t in enumerate(tokens[:-1]):
        if _is_head(t):
            break
        if t.strip(",") in _PERSON_TITLES and tokens[i + 1] in ("of", "for", "at", "to"):
            rest = tokens[i + 2:]
            tokens = rest[1:] if rest and rest[0].lower() == "the" else rest
            break
    # "China Red Cross Foundation's Silk Road Bo'ai Fund": what a body owns is named after its possessive.
    for i, t in enumerate(tokens[:-1]):
        if re.fullmatch(r"[A-Z][\w-]*['’]s", t) and _is_head(t[:-2]):
            tokens = tokens[i + 1:]
            break
    if not tokens:
        return None
    # "Zhejiang-based International Federation of Small Hydropower": where a body is based is no part of its name
    if len(tokens) > 2 and re.fullmatch(r"[A-Z][\w'’-]*-based", tokens[0]):
        tokens = tokens[1:]
    # "Ethiopia's Ministry of Education": the country's possessive says whose, it is no part of the name.
    if len(tokens) > 2 and re.fullmatch(r"[A-Z][\w-]+['’]s", tokens[0]) \
            and default_gazetteer().lookup(tokens[0][:-2]) is not None:
        tokens = tokens[1:]
    # "... Foundation in Beijing", "UN Human Rights Council in Geneva": the place is where, not who.
    for i, t in enumerate(tokens):
        if t in ("-", "–", "—"):
            tokens = tokens[:i]  # "Green Ribbon Charity Activity - 2020 Global Aid ...": a title's subtitle
            break
        if t in ("in", "to") and 0 < i < len(tokens) - 1 and tokens[i - 1].lower() not in _MISSION_HEADS \
                and (_is_head(tokens[i - 1]) or default_gazetteer().lookup(" ".join(tokens[i + 1:i + 3])) is not None
                     or default_gazetteer().lookup(tokens[i + 1]) is not None):
            tokens = tokens[:i]
            break
    # "Bounnhang of the Lao Committee for Peace": the one word before "of" is no head word, the
    # words after hold one.
    while "of" in tokens:
        # "Latin-America Tourism Conference of World Tourism Cities Federation", "Virtual Event of the
        # Opening of ...": a meeting of a body is held by the body named after "of".
        cut = tokens.index("of")
        head_part, rest = tokens[:cut], tokens[cut + 1:]
        if rest and rest[0].lower() == "the":
            rest = rest[1:]
        if head_part and head_part[-1].lower() in _EVENT_WORDS | {"event", "opening", "closing"} and rest:
            tokens = rest
            continue
        break
    if "of" in tokens:
        cut = tokens.index("of")
        before, after = tokens[:cut], [t for t in tokens[cut + 1:]]
        if after and after[0].lower() == "the":
            after = after[1:]
        if len(before) == 1 and not _has_head(before) and _has_head(after) and not _ORDINAL.match(before[0]) \
                and before[-1].lower() not in _EVENT_WORDS | _SITTING_BODIES:
            tokens = after
        elif before and before[-1].lower() in _ABSTRACT_OF | _VENUE_WORDS and _has_head(after):
            # "Consultative Status of the Economic and Social Council"; "Friendship Building of the
            # Prime Minister's Office": a building or a hall of a body is a venue, the body is the name
            tokens = after
    if not tokens:
        return None
    low = [t.lower().strip(",.") for t in tokens]
    if low[-1] in _EVENT_WORDS:
        return None
    if (_ORDINAL.match(tokens[0]) or "annual" in low) and any(w in _SITTING_BODIES for w in low):
        return None  # "73rd World Health Assembly", "12th Council of the ...": a sitting
    if low[-1] == "forum" and _has_head(tokens[:-1]):
        return None  # "China South Asia Friendship Organizations Forum": a meeting of bodies
    if low[-1] in _PLURAL_HEADS and not any(_is_head(t) for t in tokens[:-1]):
        return None  # "Chinese Social Organizations": a kind of body, not one
    if " ".join(low) in _COMMON_PHRASES or " ".join(low[-2:]) in _COMMON_PHRASES and len(low) <= 3:
        return None
    # "Chinese Foreign Ministry Sun Guoxiang to Lt General Yar Pyae": a person named right after the head
    # word ends the name, whatever follows
    for i, t in enumerate(tokens[:-2]):
        if _is_head(t) and i >= 1 and any(valid_person_name(" ".join(tokens[i + 1:i + 1 + k]))
                                          and re.fullmatch(r"[A-Z][a-z'’-]+", tokens[i + 1]) is not None
                                          and default_gazetteer().lookup(tokens[i + 1]) is None
                                          and len(tokens) > i + k + 1 and tokens[i + 1 + k] in ("to", "and", "of")
                                          for k in (2, 3)):
            tokens = tokens[:i + 1]
            break
    # "... Development Party Tarvin": a name printed after the head word is a person's.
    heads = [i for i, t in enumerate(tokens) if _is_head(t)]
    if heads and heads[-1] < len(tokens) - 1:
        tail = tokens[heads[-1] + 1:]
        if (len(tail) <= 2 or (len(tail) == 3 and valid_person_name(" ".join(tail)))) \
                and all(re.fullmatch(r"[A-Z][a-z'’-]+", t) for t in tail) \
                and not any(t.lower() in _CONNECT or t.lower() in _STANDING_WORDS for t in tail) \
                and default_gazetteer().lookup(" ".join(tail)) is None \
                and not any(default_gazetteer().lookup(t) for t in tail) and low[heads[-1]] in ORG_HEADS:
            tokens = tokens[:heads[-1] + 1]
    if len(tokens) < 2 or not _has_head(tokens):
        return None
    for i, t in enumerate(tokens):
        # "Union Minister for International Cooperation", "Parliament Speakers of North Europe": a title
        # with no body after it names people (but "Council of Ministers" is a body)
        if (t in _PERSON_TITLES or t in _TITLE_AFTER_HEAD) and t != "General" and i and tokens[i - 1] != "of" \
                and not _has_head(tokens[i + 1:]) and "of" not in tokens[:i]:
            return None
    if len(tokens) <= 3 and all(t.lower() in _GENERIC_WORDS or _is_head(t) or t in ("Cross", "Crescent")
                                for t in tokens):
        return None  # "Red Cross", "Friendship Association": a short reference, no name of its own
    return " ".join(tokens)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name)
                   if w[0].isupper() or w[0].isdigit()).upper()


def acronym_owner(name: str, acronym: str) -> str:
    """The part of a long name an acronym in brackets stands for.

    "International Development Department of China Foundation for Rural Development (CFRD)" defines
    CFRD for the foundation, not for its department: the shortest tail after "of" whose initials
    spell the acronym owns it.
    """
    curated = known_acronyms().get(acronym)
    if curated and fuzz.token_set_ratio(org_key(curated), org_key(name)) >= 80:
        return curated
    parts = name.split(" of ")
    for i in range(len(parts) - 1, 0, -1):
        tail = re.sub(r"^the\s+", "", " of ".join(parts[i:]))
        if _initials(tail) == acronym.upper().replace("-", "") and _has_head(tail.split()):
            return tail
    return name


_NAME_STOP = {"china", "chinese", "association", "foundation", "society", "network", "friendship", "international",
              "for", "of", "and", "the", "with", "council", "committee", "people's", "people’s", "national"}


def acronym_by_context(text: str, places: list[Place], candidates: list[Iterable[str]],
                       gazetteer: Gazetteer) -> int | None:
    """Which of the organisations sharing an acronym an item means, from its own words; None if it cannot tell.

    The name written out in the item decides; else the place the item happened in, when it is in the
    country one name holds ("SLCFA ... in Colombo": the Sri Lanka-China, not the Sierra Leone-China
    Friendship Association); else the distinctive words of one name ("poverty" for the China
    Foundation for Poverty Alleviation, "family planning" for the China Family Planning Association).
    """
    low = text.lower()
    scores: list[float] = []
    countries = {p.country for p in places}
    for names in candidates:
        names = list(names)
        if any(n.lower() in low for n in names if " " in n):
            scores.append(100.0)
            continue
        score = 0.0
        for n in names:
            for pm in gazetteer.find(n):
                if pm.place.country in countries and pm.place.country != HOME_COUNTRY:
                    score = max(score, 50.0)
            words = {w for w in re.findall(r"[a-z][a-z'’-]{3,}", n.lower()) if w not in _NAME_STOP}
            if words:
                score = max(score, 40.0 * sum(1 for w in words if re.search(rf"\b{re.escape(w[:6])}", low)) / len(words))
        scores.append(score)
    best = max(scores, default=0.0)
    if best <= 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


@lru_cache(maxsize=1)
def known_acronyms() -> dict[str, str]:
    """Curated acronyms of bodies the reports name without spelling out."""
    text = resources.files("knowledge").joinpath("data/acronyms.yaml").read_text(encoding="utf-8")
    return {str(k): str(v) for k, v in (yaml.safe_load(text) or {}).items()}


# --- people ---------------------------------------------------------------------------------------

# Titles are matched in any case: "Xue Ying, executive director of ...", "Long Yongtu, former Chief
# Negotiator ..." and "Zhou Mingjian, Vice President of ..." print the same kind of title.
_TITLE_START = (
    r"(?i:(?:(?:former|the then|then|honorary|acting|first|executive|permanent|deputy|assistant|associate|"
    r"chief|senior|general|two-time|managing|special|vice|co)[- ]+)*"
    r"(?:President|Chairman|Chairwoman|Chairperson|Chair|Director|Director-General|Secretary|Secretary-General|"
    r"Minister|Ambassador|Governor|Mayor|Speaker|Head|Professor|Member|Counselor|Counsellor|Consul|"
    r"Representative|Founder|Dean|Editor|Physician|Doctor|Engineer|Manager|Officer|"
    r"Adviser|Advisor|Commissioner|Coordinator|Leader|Partner|CEO|Lecturer|Researcher|"
    r"Fellow|Prime Minister|Party Secretary|Attending|expert|staff|nurse|Standing|Curator|Principal|Teacher|"
    r"Student|Under-Secretary-General|High Representative|State Secretary|scholar|journalist|reporter|Envoy|"
    r"Negotiator|Consultant|Spokesperson|Spokesman|Correspondent|Chancellor|Rector|Commander|Trustee|"
    r"champion|medalist|medallist|athlete|artist|writer|author|singer|actor|actress|poet|entrepreneur|"
    r"ambassador|coach|player|designer|photographer|filmmaker|director))")
# What may stand between a name's comma and the title: "the", a nationality ("Chinese Ambassador
# to Cambodia") or a possessive and its words ("China's first figure skating world champion").
# ... or one or two words in lower case that say of what ("Chen Hongtao, foundation deputy
# secretary-general", "Li Na, project manager"), but not a clause ("X, who was director").
_NOT_MODIFIER = (r"(?:who|whose|which|that|and|or|but|said|says|told|was|is|were|are|has|had|have|with|when|while|"
                 r"as|at|in|on|of|for|to|from|by|all|both|its|their|his|her|our|many|some|other|several|also|then|"
                 r"now|not|a|an|the)\b")
_TITLE_LEAD = (r"(?:(?:the|a|an)\s+)?(?:[A-Z][\w-]+['’]s\s+(?:[a-z][\w-]*\s+){0,4}|[A-Z][\w-]+\s+|"
               rf"(?:(?!{_NOT_MODIFIER})[a-z][\w'’-]+\s+){{1,2}})?")
_NAME = r"(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})"
_HONORIFIC = re.compile(rf"\b(?:Mr|Mrs|Ms|Dr|Prof|Mme|Madam|Professor|Doctor)\.?\s+({_NAME}|[A-Z][\w'’-]{{2,}})")
# "Han Zhiqiang, the Chinese Ambassador to Thailand": "the" and a nationality may precede the title.
_APPOSITIVE = re.compile(rf"(?<![\w-])({_NAME}),\s+({_TITLE_LEAD}{_TITLE_START}\b[^;]*)")
_TITLED = re.compile(
    r"\b((?:[A-Z]{2,8}\s+|former\s+|Former\s+)?(?:Vice[- ]|Deputy\s+|Executive\s+)?"
    r"(?:President|Chairman|Chairperson|Director|Secretary General|Secretary-General|Ambassador|Counselor|"
    r"Minister|Governor|Professor|Vice-President|Vice President|Director-General))\s+"
    rf"({_NAME})\b")
# "Iranian Ambassador to China Mohsen Bakhtiar", "Consul General in Milan Song Xuefeng".
_TITLED_TO = re.compile(rf"\b((?:[A-Z][\w-]+\s+)?(?:Ambassador|Consul General|Consul|Envoy|Representative)\s+"
                        rf"(?:to|in)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))\s+({_NAME})\b")
# "the violinist Yao Liang", "the veteran diplomat Yang Wanming", "Mayor Krishnahari Maharjan": a role
# noun of common English before a name.
_ROLE_BEFORE = re.compile(
    rf"\b(?:[Tt]he\s+)?(?:(?:veteran|renowned|famous|noted|young|leading|senior)\s+)?"
    r"(violinist|pianist|cellist|soprano|tenor|baritone|conductor|singer|dancer|painter|artist|writer|poet|"
    r"novelist|diplomat|scholar|sinologist|journalist|photographer|filmmaker|composer|Mayor|mayor|Governor|"
    r"philanthropist|entrepreneur|athlete|volunteer|doctor|surgeon|nurse|teacher|professor|Professor)\s+"
    rf"({_NAME})\b")
# "Wang Yu of the BPAFFC", "Zhou Wei of the Amity Foundation": a person of a named body.
_NAME_OF_BODY = re.compile(rf"(?<![\w-])({_NAME})\s+(?:of|from)\s+the\s+([A-Z][A-Z0-9&-]{{2,}}\b|"
                           r"(?:[A-Z][\w'’-]+\s+){0,5}(?:Foundation|Association|Society|Network|Council|Committee|"
                           r"Federation|Institute|University|Ministry|Embassy|Office|Centre|Center))")
# "Their leader, Qiu Zuowei, ...", "The foundation's founder, Wang Ke, said": a role after a determiner
# or a possessive, a comma, then the name, which ends its phrase.
_ROLE_COMMA_NAME = re.compile(
    rf"(?<![\w-])((?:[Tt]heir|[Ii]ts|[Hh]is|[Hh]er|[Oo]ur|[Tt]he|[A-Z][\w-]+['’]s)\s+"
    rf"(?:[a-z][\w-]*(?:['’]s)?\s+){{0,2}}{_TITLE_START}),\s+({_NAME})"
    r"(?=\s*(?:[,;.)]|$|\s+(?:and|said|says|told|described|noted|added|explained|stressed)\b))")
# "Ye Zi is the founder and president of ...", "Li Na was a volunteer teacher": a title by the verb "to be".
_COPULA_TITLE = re.compile(rf"(?<![\w-])({_NAME})\s+(?:is|was|has been|became|serves as|served as)\s+(?:the|an?)\s+"
                           rf"((?:[a-z][\w-]*\s+){{0,3}}?{_TITLE_START}\b[^;]*)")
_SPEAKER_COLON = re.compile(rf"^(.{{10,240}}?)\s+({_NAME}):\s")
# "Governor of Hawaii Linda Lingle", "the vice chairman of the Amity Foundation, Wang Lifen": a title
# of a body or a place, then the name; the body ends on its head word or is a place.
_TITLE_OF_BODY = re.compile(
    rf"(?<![\w-])((?:[Tt]he\s+)?{_TITLE_START}\s+(?:of|at)\s+(?:the\s+)?)"
    r"((?:[A-Z][\w'’.&-]*)(?:\s+(?:[A-Z][\w'’.&-]*|of|for|and|the|&))*)"
    rf"(?:,\s+({_NAME})(?=\s*(?:[,;.)]|$|\s+(?:and|said|says|who|was|is|has|had|gave|spoke|presided|attended|"
    r"delivered|told|noted|stressed|expressed|introduced)\b)))?")
_NOT_NAME_WORDS = {
    "the", "china", "chinese", "of", "and", "for", "on", "in", "at", "this", "that", "these", "on", "council",
    "association", "foundation", "federation", "network", "committee", "university", "ministry", "department",
    "office", "centre", "center", "institute", "society", "union", "group", "party", "government", "national",
    "international", "people", "people's", "republic", "kingdom", "state", "city", "province", "county",
    "district", "region", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "president", "vice", "chairman", "director", "secretary",
    "minister", "ambassador", "general", "deputy", "executive", "professor", "mr", "mrs", "dr", "forum",
    "conference", "dialogue", "session", "summit", "day", "week", "year", "covid-19", "un", "united",
    "nations", "world", "global", "belt", "road", "silk", "asia", "africa", "europe", "america", "during",
    "delegation", "embassy", "club", "alliance", "academy", "school", "hospital", "programme", "program",
    "project", "initiative", "plan", "action", "joint", "new", "year", "spring", "festival", "ceremony",
    "museum", "bureau", "commission", "assembly", "parliament", "congress", "foundation's", "agency",
    "charity", "fund", "bank", "company", "corporation", "media", "radio", "daily", "news", "station",
    "team", "trek", "students", "youth", "women", "children", "health", "medical", "culture", "cultural",
    "friendship", "exchange", "exchanges", "cooperation", "development", "peace", "human", "rights",
    "both", "all", "its", "their", "his", "her", "he", "she", "it", "they", "we", "our", "after", "before",
    "with", "from", "by", "as", "also", "then", "thus", "since", "when", "while", "where", "which", "who",
    "new", "south", "north", "east", "west", "xi", "jinping", "affairs", "relations", "studies", "sciences",
}


def _clean_title(raw: str) -> str:
    title = raw
    cut = re.search(r"(?:;|\.\s|\.$|—|\s+(?:along with|together with|delivered|said|attended|presided|made|"
                    r"met|shared|introduced|gave|expressed|pointed|noted|stated|spoke|addressed|announced|respectively|"
                    r"presented|chaired|welcomed|received|thanked|emphasized|emphasised|stressed|highlighted|"
                    r"mentioned|praised|hoped|believed|called|paid|arrived|went|came|joined|took|travell?ed|sent|"
                    r"donated|launched|opened|handed|"
                    r"and (?:officials|representatives|colleagues|members|staff|experts|other|others)|"
                    r"hosted|led|signed|visited|who|which|and other|were|was|is|are|had|have|has|,\s*and\s+(?:the\s+)?"
                    r"(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+,)\b)", title)
    if cut:
        title = title[: cut.start()]
    # A comma or "and" before another "Name, Title" starts the next person.
    nxt = re.search(rf"(?:,\s+(?:and\s+)?|\s+and\s+){_NAME},\s+{_TITLE_LEAD}{_TITLE_START}", title)
    if nxt:
        title = title[: nxt.start()]
    nxt = re.search(rf",\s+(?:and\s+)?{_NAME}\s+(?:of|from)\s+", title)
    if nxt:
        title = title[: nxt.start()]
    # ", to deliver a speech ...", ", the reason for ...", ", at the handover ceremony": a purpose, an
    # appositive or a circumstance of the sentence, not more of the title (but ", the then director of
    # ..." is).
    cut = re.search(r",\s+to\s+[a-z]{2,}\b|,\s+the\s+(?!(?:then|former|current|late|newly)\b)"
                    rf"(?!{_TITLE_START}\b)[a-z]|,\s+(?:at|during|on)\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){{0,3}}?"
                    r"(?:ceremony|meeting|forum|event|conference|seminar|reception|launch|session|dialogue|summit|"
                    r"gathering|celebration|opening)\b", title)
    if cut:
        title = title[: cut.start()]
    # ": We ...", ", and Mr. Zhao", ", discussing the plan": the quote, the next person or the
    # rest of the sentence.
    cut = re.search(r":\s|,?\s+(?:and\s+)?(?:Mr|Mrs|Ms|Dr|Mme)\.?(?:\s|$)|"
                    r",\s+(?!(?:and|or|the|a|an|former|then|now|also|"
                    r"as|of|in|at|for|to|vice|deputy|executive|chief|senior|honorary|acting|member|head|president|"
                    r"director|chairman|secretary|professor|dean|representative|founder|expert|adviser|advisor|"
                    r"staff|leader|editor|researcher)\b)[a-z]", title)
    if cut:
        title = title[: cut.start()]
    title = title.strip(" ,;:.")
    return title[:200]


def _surname_he(words: list[str]) -> bool:
    """Whether "He" opens a person's name: the pronoun is followed by a verb in lower case, the Chinese
    surname by a given name that is no word of English ("He Daofeng", but not "He Visits")."""
    from wordfreq import zipf_frequency  # which words are English; loaded on first use

    return len(words) >= 2 and words[0] == "He" and re.fullmatch(r"[A-Z][a-z]+", words[1]) is not None \
        and zipf_frequency(words[1].lower(), "en") < _ENGLISH_ZIPF


def valid_person_name(name: str) -> bool:
    """Whether a capitalised phrase reads as a person's name, not an organisation or a place."""
    words = name.replace("’", "'").split()
    if not 2 <= len(words) <= 4:
        return False
    gazetteer = default_gazetteer()
    if any(gazetteer.lookup(" ".join(words[i:i + 2])) is not None for i in range(len(words) - 1)):
        return False  # "Phnom Penh", "Siem Reap", "Sri Lanka": a place of two words, from the gazetteer
    first = 1 if _surname_he(words) else 0  # "He Daofeng", "He Wenping": the surname He, not the pronoun
    if any(w.lower().strip(",.") in _NOT_NAME_WORDS for w in words[first:]):
        return False
    if any(w.lower() in ORG_HEADS or w.lower() in _EVENT_WORDS or w.lower() in _MEETING_WORDS
           or w.lower() in _TITLE_WORDS or w in _PERSON_TITLES or w.lower() in _NON_NAME_NOUNS for w in words):
        return False  # "Annual Plenary Meeting", "Attending Physician": words of English, not a name
    return all(w[0].isupper() for w in words) and not any(ch.isdigit() for ch in name)


@dataclass
class PersonMentionRaw:
    """A person as one sentence names them."""

    name: str
    title: str | None


# The common Chinese surnames in pinyin (general knowledge: most Chinese people bear one of them), and
# the shape of a given name of one or two pinyin syllables. ("He" is left out: it opens English
# sentences; see _surname_he.)
CHINESE_SURNAMES = frozenset("""Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Gao Lin Xi Luo Zheng
Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Jia Ding Wei Xue Ye Yan Shen Lu Du
Dai Cheng Fu Fan Su Jin Zou Shi Cui Tan Liao Fang Qin Kong Qiu Lei Hou Meng Bai Xiong Ren Gu Mao Hao Shao Wan Qian Yin
Duan Qi Yao Tao Chang Kang Ge Long Wen Zhong Yi Ni Niu Hong Yue Ji Bi Geng Ai Mo Ou Ouyang Zhan Guan Tong Xia Hui Xing
Lai Lian Mu Ning Bao Chu Jing Sheng Qu Rao Shang Shu Xiang Zhai Zhuang Lou Miao Che Pu Quan Rong Ran Sima
Zhuge Situ Shangguan""".split())
_PINYIN_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|"
                    r"ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u)")
_PINYIN_GIVEN = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,2}}", re.I)
# A word of pinyin syllables only ("longjiang", "shiyan"): a Chinese name or place written in letters.
PINYIN_WORD = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,4}}", re.I)
# Two syllables of pinyin ("anzhen", "fuwai"): the shape of most Chinese names of places and bodies
# written in letters, and of few foreign names (three syllables or more: "Morelia", "Durance").
PINYIN_PAIR = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{2}}", re.I)
_PINYIN_NAME = re.compile(r"(?<![\w'’-])([A-Z][a-z]{1,5}) ([A-Z][a-z]{1,9})(?![\w'’-])")
# A given name as common as this in English (wordfreq's Zipf scale) is more likely a word: "Ma Fan".
# (Single syllables of Chinese names are frequent in English text for the names' sake: "Yuan" 3.7,
# "Li" 4.3, "Min" 4.4.)
GIVEN_NAME_ZIPF = 4.5

_HEADLINE_VERBS = {"Headed", "Led", "Leads", "Met", "Meets", "Attended", "Attends", "Visited", "Visits", "Held",
                   "Holds", "Hosted", "Hosts", "Signed", "Signs", "Delivered", "Delivers", "Called", "Calls", "Said",
                   "Says", "Gave", "Made", "Joined", "Launched", "Opened", "Received", "Receives", "Spoke", "Addressed",
                   "Presided", "Chaired", "Former", "Awarded", "Donated", "Welcomed", "Congratulated"}


def _name_after_body(m: re.Match[str], gazetteer: Gazetteer) -> tuple[str, str] | None:
    """The person and title of a "title of body, Name" or "title of body Name" match, if it names one."""
    lead, run = re.sub(r"^[Tt]he\s+", "", m.group(1).strip()), m.group(2)
    if m.group(3):
        if gazetteer.lookup(m.group(3).split()[0]) is not None:
            return None  # "... Daily, Myanmar Golden Phoenix, and other media": a list of bodies
        return m.group(3), f"{lead} {run}"
    tokens = run.rstrip(".").split()
    while tokens and tokens[-1] in ("of", "for", "and", "the", "&"):
        tokens.pop()
    if tokens:
        tokens[-1] = re.sub(r"['’]s$", "", tokens[-1])  # "Linda Lingle's delegation"
    # "Minister of Education Getahun Mekuria and Huang Xiaocen, ...": the name may end before "and"
    ends = [len(tokens)] + [i for i, t in enumerate(tokens) if t == "and" and 2 <= len(tokens) - i - 1 <= 3
                            and not _has_head(tokens[i + 1:])
                            and not any(w.lower() in _NOT_NAME_WORDS for w in tokens[i + 1:])]
    portfolio = re.search(r"\b(?:Minister|Secretary)\b", lead) is not None
    for end in ends:
        for size in (2, 3):
            body, name = tokens[:end - size], tokens[end - size:end]
            if not body or len(name) < size or not all(re.fullmatch(r"[A-Z][a-z'’-]+", w) for w in name):
                continue
            # the body ends on its head word, is a place, or is a minister's portfolio ("of Women and
            # Social Affairs")
            if _is_head(body[-1]) or gazetteer.lookup(" ".join(body)) is not None \
                    or (portfolio and len(body) <= 4 and body[0][:1].isupper() and body[-1][:1].isupper()
                        and not any(t.lower() in _MONTH_WORDS for t in body)):
                return " ".join(name), f"{lead} {' '.join(body)}"
    return None


def find_people(sentence: str, gazetteer: Gazetteer | None = None) -> list[PersonMentionRaw]:
    """People named in a sentence, with the titles the sentence gives them."""
    found: dict[str, str | None] = {}

    def add(name: str, title: str | None) -> None:
        name = re.sub(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Mme|Madam|Doctor|Professor|Samdech|H\.E)\.?\s+)+", "",
                      name.strip(" ,.;:"))
        words = name.split()
        # "President Ji Bingxuan Headed CAFIU Delegation": a headline goes on after the name.
        for i, word in enumerate(words[2:], 2):
            if word in _HEADLINE_VERBS or (len(word) >= 2 and word.isupper()):
                words = words[:i]
                break
        while len(words) > 2 and (words[0].lower() in _NOT_NAME_WORDS
                                  or (gazetteer is not None and gazetteer.lookup(words[0]) is not None)):
            words = words[1:]  # "Cambodia Kemreat Viseth": the place belongs to the title
        name = " ".join(words)
        if not valid_person_name(name):
            return
        if gazetteer is not None and gazetteer.lookup(name) is not None:
            return
        if title:
            title = title.strip(" ,;:")
        if not found.get(name):
            found[name] = title or None

    m = _SPEAKER_COLON.match(sentence)
    if m:
        # "Former New Zealand Prime Minister Jennifer Shipley: ...": the whole label before the
        # colon is the title, its last two words name the speaker. The label starts after any
        # sentence the splitter left in front of it ("... for Wuhan.) President of ...").
        words = m.group(2).split()
        start = re.split(r"[.!?][\"”’)]*\s+", m.group(1))[-1]
        label = " ".join([start, *words[:-2]])
        if any(w in label for w in ("President", "Minister", "Chairman", "Director", "Secretary",
                                    "Adviser", "Ambassador", "Speaker", "Chair", "Head")):
            add(" ".join(words[-2:]), label)
    # "Name, Title, Name, Title and Name, Title": each title ends where the next person starts,
    # so the search for the next person goes on after the title, not after the whole match.
    pos = 0
    while (m := _APPOSITIVE.search(sentence, pos)) is not None:
        title = _clean_title(m.group(2))
        add(m.group(1), title)
        pos = max(m.start(2) + len(title), m.end(1) + 1)
    for m in _TITLED.finditer(sentence):
        add(m.group(2), m.group(1))
    for m in _COPULA_TITLE.finditer(sentence):
        add(m.group(1), _clean_title(m.group(2)))
    for m in _TITLE_OF_BODY.finditer(sentence):
        person = _name_after_body(m, gazetteer or default_gazetteer())
        if person is not None:
            add(*person)
    for m in _ROLE_COMMA_NAME.finditer(sentence):
        role = re.sub(r"^(?:[Tt]heir|[Ii]ts|[Hh]is|[Hh]er|[Oo]ur|[Tt]he)\s+", "", m.group(1))
        add(m.group(2), role)
    for m in _ROLE_BEFORE.finditer(sentence):
        add(m.group(2), m.group(1).lower() if m.group(1).islower() else m.group(1))
    for m in _NAME_OF_BODY.finditer(sentence):
        add(m.group(1), None)
    for m in _TITLED_TO.finditer(sentence):
        if (gazetteer or default_gazetteer()).lookup(m.group(2)) is not None:
            add(m.group(3), m.group(1))
    for m in _HONORIFIC.finditer(sentence):
        add(m.group(1), None)
    from wordfreq import zipf_frequency  # loaded on first use

    for m in _PINYIN_NAME.finditer(sentence):
        # "Lin Yuan first visited Myanmar in 2014": a Chinese name in pinyin needs no title to be a
        # name (a common surname, then a given name of one or two syllables that is no English word)
        after = sentence[m.end():m.end() + 40].split()
        if _pinyin_name(m) and zipf_frequency(m.group(2).lower(), "en") < GIVEN_NAME_ZIPF \
                and not any(m.group(0) in n for n in found) \
                and not (after and after[0].strip(",.;:").lower() in ORG_HEADS):
            add(m.group(0), None)
    return [PersonMentionRaw(n, t) for n, t in found.items()]


# A masthead's label: "Chief Editor:", "Deputy Chief Editors:", "Layout Editor:", "Editor-in-Chief:".
_MASTHEAD_LABEL = re.compile(
    r"(?<![\w'’])((?:(?:Deputy|Executive|Managing|Associate|Senior|Assistant|Contributing|Consulting) )*"
    r"(?:(?:Chief|Layout|Art|Copy|Photo|Picture|Web|Text|Technical|English|Chinese|News|Production) )?"
    r"Editors?(?:[- ]in[- ]Chief)?)\s*(?:\*\*)?\s*:")


def masthead_people(doc: Document, publication: str) -> list[PersonMentionRaw]:
    """The editors a report's masthead names, each with the masthead's label as title.

    "Chief Editor: Yuan Zhibing **Deputy Chief Editors:** Liu Kaiyang Liu Lujun Wang Ke" names the
    chief editor and three deputies of ``publication``: under a plural label the names stand side
    by side, two words each (a printed list of Chinese names has no separators).
    """
    texts = list(doc.front_matter) + [b.text for b in doc.blocks if _MASTHEAD_LABEL.search(b.text)]
    text = "\n".join(texts).replace("**", " ")
    labels = list(_MASTHEAD_LABEL.finditer(text))
    out: list[PersonMentionRaw] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        lines: list[list[str]] = []
        for line in text[m.end():end].split("\n"):
            words = line.split()
            if not words:
                continue
            if not all(re.fullmatch(r"[A-Z][a-z'’-]+", w) and w.lower() not in _NOT_NAME_WORDS for w in words):
                if lines or any(not re.fullmatch(r"[A-Z][a-z'’-]+", w) for w in words[:2]):
                    # the names stop at the first line that is not names ("International Standard ...")
                    good = []
                    for w in words:
                        if not re.fullmatch(r"[A-Z][a-z'’-]+", w) or w.lower() in _NOT_NAME_WORDS:
                            break
                        good.append(w)
                    if good and not lines:
                        lines.append(good)
                    break
            lines.append(words)
        label = " ".join(m.group(1).split())
        plural = bool(re.search(r"Editors\b", label))
        label = re.sub(r"Editors\b", "Editor", label)
        names: list[str] = []
        for words in lines:
            if not plural:
                names = [" ".join(words[:3] if len(words) == 3 else words[:2])]
                break
            if len(words) in (2, 3):
                names.append(" ".join(words))
            else:  # side by side, two words each; an odd word at the end starts the next label
                names.extend(" ".join(words[k:k + 2]) for k in range(0, len(words) - 1, 2))
        for name in names:
            if valid_person_name(name) and not any(p.name == name for p in out):
                out.append(PersonMentionRaw(name, f"{label} of {publication}"))
    return out


# --- figures --------------------------------------------------------------------------------------

_FIGURE = re.compile(
    r"(?<![\w.,:+-])(?:(over|more than|nearly|about|around|almost|some|up to|a total of|at least|close to)\s+)?"
    r"(?:(RMB|USD|US\$|\\?\$|€|¥)\s*)?"
    r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![:+]\d)\s*(million|billion|thousand)?\s*"
    r"((?:RMB\s+)?(?:yuan|RMB|U\.S\. dollars|US dollars|dollars|USD|euros)(?:\b|(?<=\.)))?\s*"
    r"((?:[a-zA-Z][\w'’-]*\s+){0,4}[a-zA-Z][\w'’-]*)?")
_MULT = {"million": 1e6, "billion": 1e9, "thousand": 1e3}
# "a 17-member delegation", "the 10-member Iranian delegation", "a 12-person team": a count of the
# group's members written into its adjective
_MEMBER_FIGURE = re.compile(r"(?<![\w.,-])(\d{1,4})-(member|person|people|strong)\s+"
                            r"((?:[A-Z][\w'’-]*\s+)?[a-z][\w'’-]*)")
_NOT_FIGURE_NEXT = re.compile(r"^(?:st|nd|rd|th|session|century|years? old|anniversary|a\.?m\b|p\.?m\b|"
                              r"o'clock|o’clock)", re.I)
_FIGURE_STOPWORDS = {"and", "of", "the", "in", "to", "from", "for", "on", "at", "by", "with", "as", "or"}
# A number followed by one of these is no count: "10 was", "3 will be" (the end of a name or date).
_NOT_FIGURE_NOUN = {"was", "is", "are", "were", "will", "has", "have", "had", "be", "been", "fully", "applied"}
# "15 Wanshou Road", "48 Group Club": a number inside an address or a name.
_NAME_TAIL = {"road", "street", "avenue", "lane", "square", "building", "floor", "clause", "article"}
# "Postcode: 100086 Tel: 83908351 83907341": the numbers of a contact line.
_CONTACT = re.compile(r"\b(?:Postcode|Post code|Zip|Tel|Telephone|Phone|Fax|Box|No)\.?\s*[:：]?\s*"
                      r"(?:\d[\d -]*\s+)?$", re.I)
# Dates are found with a stand-in year only to know where they stand.
_LOCATE_DATES = DateContext(issue_date="2000")


_PLURAL_NOUN = re.compile(r"^[a-z][\w'’-]*(?<![sui])s$|^(?:people|children|staff|women|men)$")
_NOT_PLURAL = {"overseas", "has", "was", "its", "his", "as", "always", "perhaps", "towards", "afterwards", "whereas"}
# Words that end what a number counts: "20 million more than", "4.52 million yuan has been".
_COUNT_STOP = _FIGURE_STOPWORDS | _NOT_FIGURE_NOUN | {"more", "than", "less", "fewer", "including", "such"}


def _counted(words: list[str]) -> list[str]:
    """The words that say what a number counts: up to the first plural noun, or two words.

    "294 Chinese and foreign member organizations" counts "Chinese and foreign member
    organizations"; "113 Chinese volunteers stack out" counts "Chinese volunteers"; "46 in the
    second province" counts nothing the words say.
    """
    if words and words[0].lower() in _COUNT_STOP:
        return []
    for i, word in enumerate(words[:5]):
        if _PLURAL_NOUN.match(word) and word not in _NOT_PLURAL:
            return words[:i + 1]
        if word.lower() in _COUNT_STOP - {"and"}:
            break
    keep: list[str] = []
    for word in words[:2]:
        if word.lower() in _COUNT_STOP:
            break
        keep.append(word)
    return keep


def find_figures(sentence: str) -> list[Figure]:
    """Numbers a sentence reports ("12,000 Panda Packs", "192 million RMB yuan"), with their values.

    A number that is part of a date ("February 9 to 25"), a time ("7 pm"), an address, a contact
    line or a name ("48 Group Club") is no figure; nor is a number that counts nothing.
    """
    out: list[Figure] = []
    dates = [(d.start, d.end) for d in find_dates(sentence, _LOCATE_DATES)]
    for m in _FIGURE.finditer(sentence):
        qual, currency, num, mult, money, noun = m.groups()
        if any(s <= m.start(3) < e for s, e in dates):
            continue  # a day or a year of a date
        value = float(num.replace(",", ""))
        tail = sentence[m.end(3):m.end(3) + 12]
        if _NOT_FIGURE_NEXT.match(tail.strip()) or re.match(r"^(?:st|nd|rd|th)\b", tail):
            continue
        money = money or currency
        if 1900 <= value <= 2100 and not (mult or money) and "," not in num:
            continue  # a year
        if re.match(r"^\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\b", tail):
            continue  # a day of a date
        if _CONTACT.search(sentence[max(0, m.start(3) - 40):m.start(3)]):
            continue
        if mult:
            value *= _MULT[mult]
        words = (noun or "").split()
        keep = _counted(words)
        if not (mult or money):
            if not keep or words[0].lower() in _NOT_FIGURE_NOUN:
                continue
            name = []
            for w in words:
                if not w[:1].isupper():
                    break
                name.append(w.lower())
            if any(w in _NAME_TAIL or w in ORG_HEADS for w in name):
                continue
        if currency:
            sign = currency.lstrip("\\")  # Markdown escapes the dollar sign: \$750,000
            amount = f"{sign}{num}" if sign in ("$", "US$", "€", "¥") else f"{sign} {num}"
            text = " ".join(x for x in [qual, amount, mult, *keep] if x)
        else:
            text = " ".join(x for x in [qual, num, mult, money, *keep] if x)
        out.append(Figure(text.strip(), value))
    for m in _MEMBER_FIGURE.finditer(sentence):
        out.append(Figure(f"{m.group(1)}-{m.group(2)} {m.group(3)}", float(m.group(1))))
    return out


# --- events ---------------------------------------------------------------------------------------

_ROLE_BY = re.compile(
    r"\b(co-hosted|hosted|co-organi[sz]ed|jointly organi[sz]ed|organi[sz]ed|sponsored|co-sponsored|supported|"
    r"implemented|guided|launched|initiated|held|staged|convened|presided|undertaken|funded|aided)\s+by\b", re.I)
_ROLE_VERB = re.compile(
    r"\b(?:jointly\s+)?(co-hosted|co-organi[sz]ed|co-launched|hosted|organi[sz]ed|sponsored|held|staged|"
    r"launched|convened|attended|participated in|took part in|presented|visited|signed|donated|implemented)\b",
    re.I)
_ROLE_NAMES = {
    "co-hosted": "co-host", "hosted": "host", "co-organized": "co-organiser", "co-organised": "co-organiser",
    "jointly organized": "co-organiser", "jointly organised": "co-organiser", "organized": "organiser",
    "organised": "organiser", "sponsored": "sponsor", "co-sponsored": "co-sponsor", "supported": "supporter",
    "implemented": "implementer", "guided": "guide", "launched": "organiser", "initiated": "organiser",
    "held": "host", "staged": "host", "convened": "host", "co-launched": "co-host", "presided": "host",
    "undertaken": "implementer", "funded": "sponsor", "aided": "sponsor", "attended": "participant",
    "participated in": "participant", "took part in": "participant", "presented": "participant",
    "visited": "participant", "signed": "participant", "donated": "donor",
}


_ROLE_OF = re.compile(r"\bunder the (guidance|auspices|support|framework) of\b|"
                      r"\bwith (?:the )?(support|assistance|help|sponsorship) (?:of|from)\b|"
                      r"\bwith (co-organi[sz]ation) by\b", re.I)
_ROLE_OF_NAMES = {"guidance": "guide", "auspices": "guide", "support": "supporter", "framework": "guide",
                  "assistance": "supporter", "help": "supporter", "sponsorship": "sponsor",
                  "co-organization": "co-organiser", "co-organisation": "co-organiser"}
_ROLE_APPOSITIVE = re.compile(r"\s*(?:\([^)]{1,15}\))?,\s+(?:the|its|one)\s+(?:main\s+|chief\s+|of\s+the\s+)?(co-)?"
                              r"(organi[sz]ers?|hosts?|sponsors?|initiators?|implementers?|donors?)\b")
_ROLE_NOUNS = {"organizer": "organiser", "organiser": "organiser", "organizers": "organiser", "organisers": "organiser",
               "host": "host", "hosts": "host", "sponsor": "sponsor", "sponsors": "sponsor", "initiator": "organiser",
               "initiators": "organiser", "implementer": "implementer", "implementers": "implementer", "donor": "donor",
               "donors": "donor"}
# Where a "... by" phrase stops governing names: a comma before a word that starts a new clause.
_CLAUSE_BREAK = re.compile(r",\s+(?!(?:and|the|as well as|including|such as|namely)\b)[a-z]")


def org_roles(sentence: str, names: list[tuple[str, int, int]]) -> dict[str, str]:
    """The role each organisation plays in a sentence, where the sentence says it.

    A phrase "co-hosted by", "guided by", "with support from", "under the guidance of" gives its
    role to the names it governs: those after it, up to the next such phrase or the end of its
    clause ("Guided by CNIE, the program was organized by A and implemented by B": CNIE guides, A
    organises, B implements). "Under the guidance of" governs the one name that follows it.
    """
    roles: dict[str, str] = {}
    phrases: list[tuple[int, int, str, bool]] = []  # (start, end, role, governs one name only)
    for m in _ROLE_BY.finditer(sentence):
        phrases.append((m.start(), m.end(), _ROLE_NAMES.get(m.group(1).lower(), "participant"), False))
    for m in _ROLE_OF.finditer(sentence):
        word = next(g for g in m.groups() if g).lower()
        phrases.append((m.start(), m.end(), _ROLE_OF_NAMES[word], m.group(1) is not None))
    phrases.sort()
    for i, (_, end, role, one) in enumerate(phrases):
        stop = phrases[i + 1][0] if i + 1 < len(phrases) else len(sentence)
        brk = _CLAUSE_BREAK.search(sentence, end, stop)
        if brk:
            stop = brk.start()
        governed = [(name, s) for name, s, e in names if end <= s < stop]
        if one:
            governed = [(name, s) for name, s in governed if s - end <= 5][:1]
        for name, _ in governed:
            roles.setdefault(name, role)
    for name, s, e in names:
        # "China NGO network for International Exchanges (CNIE), the organizer of the seminar": a role by apposition
        m = _ROLE_APPOSITIVE.match(sentence, e)
        if m:
            roles.setdefault(name, _ROLE_NOUNS[m.group(2).lower()] if not m.group(1) else
                             f"co-{_ROLE_NOUNS[m.group(2).lower()]}")
    for m in _ROLE_VERB.finditer(sentence):
        role = _ROLE_NAMES.get(m.group(1).lower(), "participant")
        before = sentence[: m.start()]
        clause_start = max(before.rfind(". "), 0)
        for name, s, e in names:
            if clause_start <= s < m.start() and e <= m.start() and name not in roles:
                if "jointly" in sentence[e:m.start()] or " and " in sentence[clause_start:m.start()]:
                    roles[name] = role if role.startswith("co-") or role == "participant" else f"co-{role}"
                else:
                    roles[name] = role
    return roles


# Capitals that are no organisation's acronym even where one stands in a list.
_NOT_ORG_ACRONYMS = {"NGO", "NGOS", "COVID", "COVID-19", "RMB", "USD", "SDG", "SDGS", "GDP", "CEO", "PHD", "HIV",
                     "AIDS", "AI", "IT", "TV", "PPE", "MOU", "VIP", "ID", "II", "III", "IV", "VI", "VII", "VIII",
                     "ICU", "CT", "PCR", "ICT", "SME", "SMES", "GPS", "USB", "PDF", "FAQ", "CV", "Q&A"}


def acronyms_as_orgs(sentence: str, names: list[tuple[str, int, int]], people: list[PersonMentionRaw],
                     gazetteer: Gazetteer | None = None) -> list[str]:
    """Acronyms a sentence prints where an organisation stands, spelled out or not.

    "... Beijing Peaceland Foundation, the Amity Foundation, SANCO, Peking Union Medical College
    Training Center and China House co-hosted ...": an item of a list of organisations is one;
    "Richard Mdakane, President of SANCO": the body a person's title names ("of", "at") is one.
    """
    out: list[str] = []
    for m in _ACRONYM.finditer(sentence):
        acr = m.group(0)
        if acr.upper() in _NOT_ORG_ACRONYMS or (gazetteer is not None and gazetteer.lookup(acr) is not None):
            continue
        if any(s <= m.start() < e for _, s, e in names):
            continue  # a word of a name written out: "CNIE Secretariat", "UN Human Rights Council"
        before, after = sentence[:m.start()], sentence[m.end():]
        in_title = any(p.title and re.search(rf"{_TITLE_START}\s+(?:of|at)\s+(?:the\s+)?{re.escape(acr)}\b",
                                             p.title) for p in people)
        ends_item = re.match(r"^\s*(?:,|;|\.|\)|and\b|as well as\b|$)", after) is not None
        lead = re.search(r"(?:,|\band|\bas well as)\s+(?:the\s+)?$", before)
        follow = re.match(r"^\s*(?:,|and\b|as well as\b)\s*(?:the\s+)?", after)
        next_to_org = (lead is not None and any(0 <= lead.start() - e <= 2 for _, _, e in names)) or (
            follow is not None and any(s == m.end() + follow.end() for _, s, _ in names))
        # "the expertise of the REPAOC members", "the CNIE secretariat": a body's members or organs
        of_body = re.search(r"\bthe\s+$", before) is not None and re.match(
            r"^\s+(?:members?|member organi[sz]ations|secretariat|staff|partners)\b", after) is not None
        if in_title or (ends_item and next_to_org) or of_body:
            out.append(acr)
    return out


@dataclass
class RawEvent:
    """An event before organisations and people are merged into profiles."""

    report_id: str
    title: str
    date: DateSpan | None
    places: list[Place]
    orgs: list[tuple[str, str | None]]  # (name as printed, role)
    acronym_refs: list[str]
    people: list[PersonMentionRaw]
    figures: list[Figure]
    summary: str
    text: str
    source: Source
    acronym_defs: list[tuple[str, str]] = field(default_factory=list)  # (name, acronym)
    descriptions: list[tuple[str, str]] = field(default_factory=list)  # (org name, sentence)
    acronym_orgs: list[str] = field(default_factory=list)  # acronyms printed where an organisation stands


def _short_title(sentence: str, limit: int = 120) -> str:
    # "DOLAKHA, Nepal, Aug. 16 (Xinhua) — The China Foundation ..." -> "The China Foundation ...": the dateline
    sentence = re.sub(r"^[A-Z][A-Z .'’-]{2,40},\s*(?:[A-Z][\w .'’-]{2,30},\s*)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
                      r"(?:,\s*(?:19|20)\d{2})?\s*)?(?:\([^)]{2,30}\)\s*)?(?:--|—|–|-)\s*", "", sentence)
    # "On December 29, 2025, the foundation donated…" -> "The foundation donated…"
    s = re.sub(r"^(?:On|In|From|During|At|By|Since)\s+[^,]{0,60}?\d{0,4}(?:,\s*(?:19|20)\d{2})?,\s*", "", sentence)
    s = re.sub(rf"^{_DATE_LEAD.pattern}[^,]{{0,40}},\s*", "", s)
    if s != sentence:
        s = re.sub(r"^(?:19|20)\d{2}(?:,\s*|\s+(?=[a-z]))", "", s)  # "On January 16, 2004 the CPAFFC held ..."
    s = s.lstrip("”’\"' ")  # a closing quote the sentence before left at its start
    s = s[:1].upper() + s[1:]
    if len(s) <= limit:
        return s.rstrip(".")
    cut = s[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"


def _summary(paragraphs: list[str], limit: int = 320) -> str:
    sentences = split_sentences(" ".join(paragraphs[:2]))
    out = ""
    for s in sentences[:2]:
        if out and len(out) + len(s) > limit:
            break
        out = f"{out} {s}".strip()
    if len(out) > limit + 80:
        out = out[:limit].rsplit(" ", 1)[0] + "…"
    return out


_YEAR_RANGE = re.compile(r"\b(?:[Ff]rom|[Bb]etween)\s+((?:19|20)\d{2})\s+(?:to|and|until)\s+((?:19|20)\d{2})\b")
_YEAR_LEAD = re.compile(r"\b(?:In|in|Since|since|During|during)\s+((?:19|20)\d{2})\b")
_FOUNDED_BEFORE = re.compile(r"\b(?:founded|created|established|set up|registered|born|formed|launched|started)\s*$", re.I)


_DATELINE_BEFORE = re.compile(r"^[A-Z][A-Z .'’-]{2,40},\s*$")
_DATELINE_AFTER = re.compile(r"^,?\s*(?:\([^)]{2,30}\)\s*)?(?:--|—|–|-\s)")
_WEEKDAY = re.compile(r"\b(?:on|last|this)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
                      r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:morning|afternoon|evening|night)\b|"
                      # a bare weekday beside a verb, as news agencies write it: "said Wednesday", "a plan
                      # released Tuesday", "Ma Zhijian, Saturday handed over"
                      r"(?:(?<=[a-z] )|(?<=, ))(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=\s+[a-z]|\s*[.,;])")
_WEEKDAY_NUMBER = {d: i for i, d in enumerate(calendar.day_name)}


def _publication_date(lead: str, paragraphs: list[str], first: DateMatch) -> bool:
    """Whether the first date of an item is the date it was filed or published, not its event's.

    A dateline ("PHNOM PENH, May 27, 2024 -- ...", "BEIJING, Oct. 8 (Xinhua) -- ...") or a short
    line of page furniture that is no sentence ("China.org.cn, May 27, 2015 Adjust font size:").
    """
    if _DATELINE_BEFORE.match(lead[:first.start]) and _DATELINE_AFTER.match(lead[first.end:first.end + 40]):
        return True
    opening = paragraphs[0] if paragraphs else ""
    return (len(paragraphs) > 1 and first.end <= len(opening) < 120 and not opening.rstrip().endswith(".")
            and first.span.precision == "day")


def _lead_day(rest: str, published: DateSpan) -> DateSpan | None:
    """The day the lead sentence gives its event, when it differs from the date the story was filed.

    "PHNOM PENH, May 27, 2024 -- ... joined the celebration on 26 May" is 26 May; "... said at a
    roundtable in Beijing on Tuesday" is the Tuesday before (or on) the day filed. A day more than a
    month before the filing is background, not the event.
    """
    if published.precision != "day":
        return None
    filed = _dt.date.fromisoformat(published.start)
    # sentence by sentence: the lead's own day or weekday before a day the next sentence gives as
    # background ("... on Wednesday jointly delivered ... Following the earthquake on March 28, ...")
    for lead in split_sentences(rest.lstrip(" -—–:"))[:2]:
        lead = lead[:600]
        for m in find_dates(lead, DateContext(issue_date=published.start, issue_source="the dateline")):
            if m.span.precision == "day" and m.span.start != published.start \
                    and not _BACKGROUND_LEAD.search(re.split(r"[,;:]\s", lead[:m.start])[-1]):
                day = _dt.date.fromisoformat(m.span.start)
                if _dt.timedelta(0) < filed - day <= _dt.timedelta(days=31):
                    return DateSpan(m.span.start, m.span.end, "day", m.span.year_from)
        w = _WEEKDAY.search(lead)
        if w:
            back = (filed.weekday() - _WEEKDAY_NUMBER[w.group(1) or w.group(2) or w.group(3)]) % 7
            day = (filed - _dt.timedelta(days=back)).isoformat()
            # "started rebuilding ... on Sunday" on a page of Sunday 30 April: that very day
            return DateSpan(day, day, "day", "the weekday before the dateline" if back else "the weekday of the dateline")
        r = re.search(r"\b(yesterday|today|this (?:morning|afternoon|evening))\b", lead, re.I)
        if r:
            # "donated ... yesterday afternoon" in a story of 18 December: the 17th
            day = (filed - _dt.timedelta(days=1 if r.group(1).lower() == "yesterday" else 0)).isoformat()
            return DateSpan(day, day, "day", "the day before the dateline" if r.group(1).lower() == "yesterday"
                            else "the day of the dateline")
    return None


def event_date(headline: str | None, paragraphs: list[str], ctx: DateContext) -> DateSpan | None:
    """The date of an item: the first date in its opening text, the year inferred when left out."""
    lead = " ".join(paragraphs)[:900]
    # An article that opens with a scene or background dates itself in its first paragraph that
    # leads with a date ("It has been several months since ..." / "On April 11, ...").
    later = next((p[:300] for p in paragraphs[1:] if _DATE_LEAD.match(p)), "")
    for text in ([lead, later] if not headline else [lead, later, headline]):
        matches = find_dates(text, ctx)
        if matches:
            if text is lead and _publication_date(lead, paragraphs, matches[0]):
                return _lead_day(lead[matches[0].end:], matches[0].span) or matches[0].span
            return matches[0].span
    if ctx.issue_date and len(ctx.issue_date) == 10 and not (ctx.covers_start and ctx.covers_end):
        # "... met in Hanoi on Tuesday": the weekday before the day the page was published
        day = _lead_day(lead, DateSpan(ctx.issue_date, ctx.issue_date, "day"))
        if day is not None:
            return day
    m = _YEAR_RANGE.search(lead[:300])
    if m and m.group(1) < m.group(2):
        return DateSpan(m.group(1), m.group(2), "year")
    for m in _YEAR_LEAD.finditer(lead[:300]):
        if _FOUNDED_BEFORE.search(lead[max(0, m.start() - 30):m.start()]):
            continue  # "A Chinese NGO created in 1985, ...": when the body was founded, not the event
        return DateSpan(m.group(1), m.group(1), "year")
    return None


# Words that put a date before the story told: "Following the announcements made on September 23rd".
_BACKGROUND_LEAD = re.compile(r"\b(?:following|after|since|before|ahead of|prior to|in the wake of|compared with)\b",
                              re.I)


# A noun that says the name after it is a body's: "its local partner, Life with Dignity (LWD)".
_BODY_NOUN = re.compile(r"\b(?:partners?|organi[sz]ations?|NGOs?|charity|charities|group|network|association|"
                        r"foundation|agency|institution|platform|alliance)\s*,?\s*$", re.I)


def _acronym_defined_names(sentence: str, names: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Names an acronym in brackets defines that the capitalised runs miss: "China NGO network for
    International Exchanges (CNIE)" (a head word in lower case), "its local partner, Life with Dignity
    (LWD)" (no head word, after a noun that says it is a body).

    The name is the shortest run of words before the brackets whose initials spell the acronym (those
    of its capitalised words, or of all its words), starting on a capitalised word.
    """
    out: list[tuple[str, int, int]] = []
    for m in _ACRONYM_DEF.finditer(sentence):
        acr = m.group(1)
        if acr.upper() in _NOT_ORG_ACRONYMS or default_gazetteer().lookup(acr) is not None:
            continue
        before = sentence[:m.start()].rstrip()
        if any(0 <= len(before) - e <= 1 for _, _, e in names):
            continue  # a name found already ends here
        words = list(re.finditer(r"[\w'’&-]+", before[-160:]))
        base = max(0, len(before) - 160)
        for k in range(len(words) - 1, max(-1, len(words) - 12), -1):
            span = [w.group(0) for w in words[k:]]
            if not span[0][:1].isupper() or span[0].lower() in ("the", "a", "an"):
                continue
            caps = "".join(w[0] for w in span if w[:1].isupper()).upper()
            every = "".join(w[0] for w in span).upper()
            content = "".join(w[0] for w in span if w.lower() not in _CONNECT).upper()
            target = acr.upper().replace("-", "").replace("&", "")
            if target not in (caps, every, content):
                continue
            start = base + words[k].start()
            headed = any(_is_head(w) for w in span)
            named = headed or _BODY_NOUN.search(sentence[:start]) is not None
            if named and len(span) >= 2 and span[-1].lower() not in _EVENT_WORDS | _MEETING_WORDS:
                out.append((before[start:], start, len(before)))
            break
    return out


def _background_first_date(paragraphs: list[str], ctx: DateContext) -> bool:
    """Whether the first date an item's text gives stands in a phrase of what came before its story
    ("Following the announcements made by the President on September 23rd as part of ...")."""
    lead = " ".join(paragraphs)[:900]
    found = find_dates(lead, ctx)
    if not found:
        return False
    before = lead[max(0, found[0].start - 160):found[0].start]
    clause = re.split(r"[.;,:!?]\s", before)[-1]
    return _BACKGROUND_LEAD.search(clause) is not None


# A verb of news in a headline's present tense: "receives", "donates", "visits", "launches".
_HEADLINE_NEWS_VERB = re.compile(r"\b(?:receives?|wins?|donates?|visits?|launch(?:es)?|holds?|hosts?|signs?|opens?|"
                                 r"meets?|sends?|gives?|helps?|trains?|builds?|marks?|celebrates?|joins?|attends?|"
                                 r"awarded|honou?red|named)\b")


_HONORIFIC_WORDS = {"mr.", "mrs.", "ms.", "dr.", "mme.", "mr", "mrs", "ms", "dr", "mme", "madam", "comrade",
                    "professor", "prof."}


def without_people(names: list[tuple[str, int, int]], people: list[str]) -> list[tuple[str, int, int]]:
    """Organisation names with the person printed right before or after them cut off.

    "Beijing People's Association for Friendship with Foreign Countries Mme. Zhang Qian",
    "Professor Dong Qiang of China Agricultural University": a person's name is no part of the
    organisation's name.
    """
    out: list[tuple[str, int, int]] = []
    for name, start, end in names:
        for person in people:
            lead = re.match(rf"{re.escape(person)}\s+(?:of|from|at)\s+(?:the\s+)?", name)
            if lead:  # "Professor Dong Qiang of China Agricultural University"
                name, start = name[lead.end():], start + lead.end()
            if name.endswith(" " + person):
                tokens = name[: -len(person)].split()
                while tokens and (tokens[-1].lower() in _HONORIFIC_WORDS or tokens[-1].lower() in _CONNECT):
                    tokens = tokens[:-1]
                name = " ".join(tokens)
                end = start + len(name)
            inside = name.find(f" {person} ")
            if inside > 0:
                # "Iranian Ambassador to China Mohsen Bakhtiar at the Iranian Embassy": a person inside
                # a run parts it; the part with a head word is the name.
                left, right = name[:inside], name[inside + len(person) + 2:]
                lead_r = re.match(r"(?:(?:of|from|at|and|with)\s+)?(?:the\s+)?", right)
                right_start = inside + len(person) + 2 + (lead_r.end() if lead_r else 0)
                right = name[right_start:]
                if _has_head(right.split()) and org_candidate(right):
                    name, start = right, start + right_start
                else:
                    name = left
                end = start + len(name)
        if len(name.split()) >= 2 and _has_head(name.split()) and org_candidate(name):
            out.append((name, start, end))
    return out


_APPOSITIVE_ORG = re.compile(
    r"(?<![\w-])((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|des|de|du|la|le|of|for|and)){1,6}),\s+an?\s+"
    r"(?:[\w-]+\s+){0,3}?(?:charity|charitable organi[sz]ation|foundation|NGO|non-profit|nonprofit|"
    r"non-governmental organi[sz]ation|organi[sz]ation|association|company|network|think tank)\b")
# A defining sentence: "X is a/an/one of/the ...", "X (ACR) was founded in 2002", "X, founded in 2002,
# ...": what an organisation is, not what it did ("CNIE is launching this Appeal" defines nothing).
_DESCRIBES = re.compile(r"^(?:(?:Founded|Established|Set up|Registered) in (?:19|20)\d{2},\s*)?(?:The\s+)?(.{3,120}?)"
                        r"(?:\s+\([A-Z][\w&-]+\))?(?:\s+(?:is|remains|serves as)\s+(?:a|an|one of|the (?:first|"
                        r"largest|only|leading|national|official))\b|\s+was\s+(?:a|an|one of)\s+(?!\w+ (?:to|of) )|\s+(?:was|has been)\s+(?:founded|established|set up|"
                        r"registered|created)\b|,\s+(?:founded|established|set up|registered) in\b)")


# Words before a place that say something happened there: "held in", "visit to", "arrived at".
_LOCATIVE = re.compile(r"(?:\b(?:in|at|to|into|across|throughout|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|reach(?:es|ed)?|arrived in|"
                       r"landed in)\s+(?:the\s+)?(?:(?:capital|city|province|town|village|region|[a-z]+ern)\s+"
                       r"(?:of\s+)?)?)$", re.I)
_DEPARTURE = re.compile(r"\b(?:left|leaving|departed|departing|from)\s+(?:the\s+)?$")
_CURRENCY_AFTER = re.compile(r"^\s*(?:dollars?|\$|yuan|RMB|euros?)\b", re.I)
_DATELINE_PLACE = re.compile(r"^([A-Z][A-Z .'’-]{2,40}?)(?:,|\s+--|\s+—|\s+–|\s*\()")


def event_places(text: str, headline: str | None, orgs: list[str], people: list[PersonMentionRaw],
                 gazetteer: Gazetteer, lead_from: int = 0) -> list[Place]:
    """The places where an item happened, a city with its country (the gazetteer's), not every place named.

    A place inside an organisation's name ("Sri Lanka-China Friendship Association"), in a person's
    title ("Ambassador to China", "Vice Governor of Yunnan Province"), before a currency ("US dollars")
    or as a people's name ("Chinese", "Nepali") says nothing of where. A dateline ("KATHMANDU, July 11
    --") or a place after "in", "at", "to", "visited" says where; when the text says so of none, the
    places it names are taken. China is taken only where the text says something happened in it:
    it is the home of nearly every actor of these reports.
    """
    if lead_from:
        text, headline = text[lead_from:], None  # an activity of a section: its own words only
    blocked: list[tuple[int, int]] = []
    venues: list[tuple[int, int]] = []
    # "the deputy head of the Chinese delegation at a UN conference in Warsaw": what follows "at a"
    # or "during" is where the person was, not part of the title, and says where ("Professor at
    # the College ... in Zagreb" is a title)
    titles = [re.split(r",?\s+and\s+(?:his|her|their|the|its)\b|,\s+(?:who|which)\b|\s+at\s+an?\s|\s+during\s",
                       p.title)[0]
              for p in people if p.title]
    for phrase in [*orgs, *titles]:
        start = text.find(phrase)
        while start >= 0:
            # "held at the ... Centre of the Royal University of Phnom Penh": a venue's place is where
            if phrase in orgs and re.search(r"\b(?:at|in) (?:the )?(?:(?:[A-Z][\w-]*|of|the|\d+\w*) ){0,12}$",
                                            text[max(0, start - 120):start]):
                venues.append((start, start + len(phrase)))
            else:
                blocked.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    body_start = len(headline) + 1 if headline and text.startswith(headline) else 0
    lead_end = text.find("\n", body_start)
    first_para = text[body_start: lead_end if lead_end > 0 else len(text)]
    where: list[tuple[int, Place]] = []
    named: list[tuple[int, Place]] = []
    dm = _DATELINE_PLACE.match(first_para)
    if dm:
        place = gazetteer.lookup(dm.group(1).title())
        if place is not None:
            where.append((0, place))
    last_where_end = -1
    peoples: list[tuple[int, Place]] = []
    departures: list[tuple[int, Place]] = []
    for pm in gazetteer.find(text):
        if any(s <= pm.start < e for s, e in blocked) or _CURRENCY_AFTER.match(text[pm.end:pm.end + 10]):
            continue
        locative = _LOCATIVE.search(text[max(0, pm.start - 40):pm.start]) is not None \
            or any(s <= pm.start < e for s, e in venues)
        # "Chinese pupils" names a people; but "at the Syrian border" and "in Myanmar" (a country whose
        # people's word is its name) say where
        if pm.surface in gazetteer.demonyms and not (locative and (
                re.match(r"\s+(?:border|capital|side|coast)\b", text[pm.end:pm.end + 10])
                or pm.surface == pm.place.name)):
            peoples.append((pm.start, pm.place))
            continue  # "Chinese pupils"; but "at the Syrian border" says where
        if pm.surface.isupper() and len(pm.surface) <= 3 and pm.surface not in ("UK", "US", "USA", "UAE"):
            continue
        if not locative and _DEPARTURE.search(text[max(0, pm.start - 24):pm.start]):
            departures.append((pm.start, pm.place))
            continue  # "aid ... left Beijing", "delegates from Kenya": where it came from, not where
        # "in Cambodia, Nepal, Namibia and Myanmar": a list goes on from its first place
        listed = last_where_end >= 0 and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[last_where_end:pm.start])
        if locative or listed:
            where.append((pm.start, pm.place))
            last_where_end = pm.end
        else:
            named.append((pm.start, pm.place))
    # where the lead's first sentence that says where says it happened; else where the item says
    # anything happened; else what it names
    lead_end_pos = body_start + len(first_para)
    lead_where_pos = [pos for pos, _ in where if pos < lead_end_pos]
    if lead_where_pos:
        sentence_end = text.find(". ", lead_where_pos[0])
        sentence_end = lead_end_pos if sentence_end < 0 else min(sentence_end, lead_end_pos)
        lead_where = [pl for pos, pl in where if pos <= sentence_end]
    else:
        lead_where = []
    if any(pl.name == HOME_COUNTRY for pl in lead_where):
        # "a delegation ... visited China ... During their visit in Beijing and Yunnan": the cities
        # and provinces the lead paragraph names say where in China, which alone says little
        inner = [pl for pos, pl in where if pl.kind != "country" and pl.country == HOME_COUNTRY and pos < lead_end_pos]
        lead_where = [x for pl in lead_where for x in (inner or [pl] if pl.name == HOME_COUNTRY else [pl])]
    chosen = lead_where or [pl for _, pl in where] or [pl for _, pl in named if pl.name != HOME_COUNTRY] \
        or [pl for _, pl in named] or [pl for _, pl in departures] \
        or [pl for _, pl in peoples if pl.name != HOME_COUNTRY]
    out: list[Place] = []
    for place in chosen:
        if place not in out:
            out.append(place)
    # a city stands with its own country: the country alone besides it adds nothing
    cities_countries = {pl.country for pl in out if pl.kind != "country"}
    return [pl for pl in out if not (pl.kind == "country" and pl.name in cities_countries)]


def _source_label(article: str) -> str:
    """How a source line names the article an item stands in: a long headline by its main title.

    "Cloud Dialogues: Weaving a Network of COVID-19 Prevention and Control along the Belt & Road:
    Serial Activities under Silk Road NGO Cooperation Network" is cited as "Cloud Dialogues".
    """
    main = article.split(": ", 1)[0]
    return main if len(article) > 90 and 3 <= len(main) < len(article) else article


def _note_sentence(note: str, headline: str) -> str | None:
    """The sentence of an editor's note that names an article's headline, if one does."""
    key = re.sub(r"\W+", " ", headline.lower()).strip()
    for sentence in split_sentences(_EDITORS_NOTE.sub("", note)):
        if len(key) >= 15 and fuzz.partial_ratio(key, re.sub(r"\W+", " ", sentence.lower())) >= 88:
            return sentence
    return None


_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-_./]?(0[1-9]|1[0-2])(?:[-_./]?(0[1-9]|[12]\d|3[01]))?)?(?!\d)")


def _iso_in(text: str) -> str | None:
    """A date written in a file name or URL ("2022-08-26", "20221011", "/2023/1207/",
    "/2022/05/13/"), as ISO; the most precise one it writes ("/201910/t20191029_": 2019-10-29)."""
    found = ["-".join(x for x in m.groups() if x) for m in _FILE_DATE.finditer(text)]
    return max(found, key=len, default=None)


def address_date(*texts: str) -> tuple[str, int] | None:
    """The most precise date of a file name and an address (see ``_iso_in``), and which of them
    gave it (the first, on a tie): a file saved as "..._2018" from an address dated 2018-05-22 is
    of that day."""
    found = [(iso, n) for n, text in enumerate(texts) if text and (iso := _iso_in(text))]
    return max(found, key=lambda x: (len(x[0]), -x[1]), default=None)


def page_date(doc: Document, catalog_date: str | None = None) -> tuple[str | None, str]:
    """The date a report was published, and where it was read, to date what the text leaves undated.

    In order: the catalog; the page's own metadata (HTML publication date, PDF creation date, a
    "Date:" line); a date line in its front matter ("Week ending 16 August 2015"); a date in its file
    name or address; a year in its title or front matter ("First Quarter 2023"); the latest date
    the text prints with its year. Never today's date.
    """
    if catalog_date:
        return catalog_date, "catalog"
    stated = doc.meta.get("date") or ""
    iso = re.match(r"\d{4}-\d{2}-\d{2}\b", stated)
    if iso:
        return iso.group(), "page date"
    # a "Date:" line in words ("Date: 14 November 2017"), or one that only says the page shows none
    # ("Date: not shown on the page") and so dates nothing: a page's own words never fail its reading
    found = [d for d in find_dates(stated) if not d.year_inferred]
    if found:
        return found[0].span.end, "page date"
    for line in doc.front_matter:
        flat = line.replace("\n", " ")
        if is_date_line(flat):
            found = [d for d in find_dates(flat) if not d.year_inferred]
            if found:
                return found[0].span.end, "page date line"
    if dated := address_date(doc.path.stem, doc.meta.get("url") or ""):
        return dated[0], ("file name", "URL")[dated[1]]
    for n, line in enumerate([doc.title_guess or "", *doc.front_matter]):
        flat = line.replace("\n", " ")
        if n and len(flat) > 80:
            continue  # a line of prose in the front matter, not a title or masthead line
        found = [d for d in find_dates(flat) if not d.year_inferred]
        if found:
            return found[-1].span.end, "title"
        years = re.findall(r"\b((?:19|20)\d{2})\b", flat)
        if years:
            return max(years), "title"
    spans = [d.span.end for b in doc.blocks for d in find_dates(b.text) if not d.year_inferred]
    if spans:
        return max(spans), "other dates on the page"
    return None, "unknown"


def _full_dates(text: str) -> list[str]:
    """The dates a text writes with their year, as ISO ends."""
    return [d.span.end for d in find_dates(text, DateContext()) if not d.year_inferred]


# A word at least this frequent in English (wordfreq's Zipf scale) is a word, not a coined name.
_ENGLISH_ZIPF = 3.0


def _pinyin_name(m: re.Match[str]) -> bool:
    """Whether a match of _PINYIN_NAME is a Chinese name: a common surname, then a given name of one
    or two pinyin syllables."""
    return m.group(1) in CHINESE_SURNAMES and _PINYIN_GIVEN.fullmatch(m.group(2)) is not None


def surname_alone(text: str, surname: str) -> bool:
    """Whether a text names someone by a surname alone: "Lin went", "Lin's family"; not "Lin Yuan"
    (a full name), "Lin's Foundation", nor the end of another name ("Chen Lu", "Shun Tong")."""
    return any(not re.search(r"[A-Z][\w'’-]*\s+$", text[max(0, m.start() - 30):m.start()])
               for m in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w-]|\s+[A-Z]|[’']s\s+[A-Z])", text))


def _by_surname(text: str, before: str) -> bool:
    """Whether a paragraph opens by naming, by the surname alone, the one person of that surname the
    story before it names in full: news style names a person in full once, then by the surname, so
    the paragraph goes on with that story ("In March 2015, Lin went to Myanmar again")."""
    opening = " ".join(split_sentences(text)[0].split()[:8]) if text else ""
    full: dict[str, set[str]] = {}
    for m in _PINYIN_NAME.finditer(before):
        if _pinyin_name(m):
            full.setdefault(m.group(1), set()).add(m.group(0))
    return any(len(names) == 1 and surname_alone(opening, surname) for surname, names in full.items())


def _link_surnames(events: list[RawEvent]) -> None:
    """Link an item to a person the report names in full elsewhere and here by the surname alone.

    A story names a person in full once, then by the surname ("Lin Yuan first visited Myanmar in
    2014 ... In March 2015, Lin went to Myanmar again"), and may be split into items between the
    two. A Chinese surname (written first) that one person of the report bears, and that is no
    common English word, stands for that person where it stands alone."""
    from wordfreq import zipf_frequency  # loaded on first use

    bearers: dict[str, dict[str, PersonMentionRaw]] = {}
    for e in events:
        for p in e.people:
            words = p.name.split()
            if len(words) == 2 and words[0] in CHINESE_SURNAMES:
                bearers.setdefault(words[0], {}).setdefault(p.name, p)
    alone = {surname: next(iter(people.values())) for surname, people in bearers.items()
             if len(people) == 1 and zipf_frequency(surname.lower(), "en") < GIVEN_NAME_ZIPF}
    for e in events:
        named = {p.name for p in e.people}
        for surname, person in alone.items():
            if person.name not in named and surname_alone(e.text, surname):
                e.people.append(PersonMentionRaw(person.name, person.title))
                named.add(person.name)


def _link_short_names(events: list[RawEvent], common: set[str], gazetteer: Gazetteer) -> None:
    """Link an item to an organisation the report names in full elsewhere and here by its short name.

    "Peaceland also donated stoves ..." names the Beijing Peaceland Foundation the report writes out
    elsewhere: a word of one organisation's name that no other organisation of the report shares,
    that the report never prints in lower case, and that is no place or head word, stands for it.
    """
    from wordfreq import zipf_frequency  # which words are English; loaded on first use

    owners: dict[str, set[str]] = {}
    for e in events:
        for name, _ in e.orgs:
            in_places = {w for pm in gazetteer.find(name) for w in pm.surface.split()}
            for token in name.split():
                # a coined word ("Peaceland", "Narada"), not a word of English, a place or a head word
                if not re.fullmatch(r"[A-Z][a-z]{4,}", token) or token.lower() in common or token in in_places \
                        or _is_head(token) or gazetteer.lookup(token) is not None \
                        or zipf_frequency(token.lower(), "en") >= _ENGLISH_ZIPF:
                    continue
                owners.setdefault(token, set()).add(name)
    people_words = {w for e in events for p in e.people for w in p.name.split()}
    short = {t: next(iter(names)) for t, names in owners.items()
             if len({org_key(n) for n in names}) == 1 and t not in people_words}
    for e in events:
        keys = {org_key(n) for n, _ in e.orgs}
        for token, name in short.items():
            if org_key(name) not in keys and re.search(rf"(?<![\w-]){token}(?![\w-])", e.text):
                e.orgs.append((name, None))
                keys.add(org_key(name))


def _item_year_context(segments: list[Segment], n: int, ctx: DateContext) -> DateContext:
    """Where item ``n`` of a page with no period or publication date takes a year it leaves out.

    From a date the item itself writes with its year: the story it tells follows its background
    ("On Jan. 7th ... after the visit in December, 2015" is January 2016). Else from the nearest
    item of the list that writes its year, whether the list runs newest or oldest first ("July 27"
    under an item of "August 13th 2015" is July 2015). Else from the page (``ctx``).
    """
    seg = segments[n]
    own = _full_dates(" ".join([seg.headline or "", *seg.paragraphs]))
    if own:
        return DateContext(None, None, max(own), "a date the item gives", "after")
    for dist in range(1, len(segments)):
        for k in (n - dist, n + dist):
            if 0 <= k < len(segments):
                other = segments[k]
                near = _full_dates(" ".join([other.date_line or "", other.headline or "", *other.paragraphs[:1]]))
                if not near:
                    continue
                # the neighbour's own date, its year worked out from the dates it gives ("October
                # 14th ... sown at a meeting on March 23rd 2016" is October 2016), rather than its
                # first full date, which may be background
                own_k = _full_dates(" ".join([other.headline or "", *other.paragraphs]))
                told = None if other.date_line else event_date(
                    other.headline, other.paragraphs, DateContext(None, None, max(own_k), "", "after"))
                ref = told.start if told is not None and told.precision == "day" else near[0]
                return DateContext(None, None, ref, "a neighbouring item's date", "near")
    return ctx


# A sentence that opens on a time of its own with its year: "In 2010, ...", "Since 2015, ...", "In a
# document issued in May 2020, ...", "On 3 March 2019, ..." (the opening phrase, up to its comma).
_OWN_TIME_OPENING = re.compile(r"^(?:In|Since|During|By|On|From|Between|Early|Late|At the end of|Back in)\b[^,;]{0,80},")
_YEAR_IN_OPENING = re.compile(r"\b(?:in|since|during|by|from)\s+((?:19|20)\d{2})\b", re.I)
# Deeds beside the activity verbs: what a body did that a story tells as background.
_BACKGROUND_DEED = re.compile(rf"\b(?:{_ACTIVITY_VERBS}|paid|attended|met|received|led|urged|asked|called on|issued|"
                              r"published|released|joined|won|trained|helped|invested|supported|sponsored|"
                              r"initiated|introduced|adopted|moved|flew|travell?ed|went|came|arrived|returned|"
                              r"settled)\b")


def _opening_date(sentence: str, ctx: DateContext) -> DateSpan | None:
    """The date a sentence opens on, written with its year, or None: "In 2010, the foundation also built
    ...", "In a document issued in May 2020, the RCSC urged ..."; or the year a short sentence closes on
    ("Ye Zi flew from Shenzhen to Cambodia in 2015.")."""
    m = _OWN_TIME_OPENING.match(sentence)
    if not m:
        end = re.search(r"\bin\s+((?:19|20)\d{2})\s*[.!]?$", sentence)
        if end and len(sentence) <= 150 and not _FOUNDED_BEFORE.search(sentence[max(0, end.start() - 30):end.start()]) \
                and not re.search(r",?\s+(?:who|which|that|whose|where|when)\b", sentence[:end.start()]):
            # the year of the main clause, not of a clause about someone else ("..., who had led it since 2020")
            return DateSpan(end.group(1), end.group(1), "year")
        return None
    opening = m.group(0)
    found = [d for d in find_dates(opening, ctx) if not d.year_inferred]
    if found:
        return found[0].span
    y = _YEAR_IN_OPENING.search(opening)
    if y and not _FOUNDED_BEFORE.search(opening[:y.start()]):
        return DateSpan(y.group(1), y.group(1), "year")
    return None


def _opening_place(sentence: str) -> bool:
    """Whether a sentence opens on a place of its own: "In Myanmar, the foundation has granted ..."."""
    m = re.match(r"^In\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),", sentence)
    return bool(m) and default_gazetteer().lookup(re.sub(r"^the\s+", "", m.group(1))) is not None


def _with_background_events(segments: list[Segment], ctx: DateContext) -> list[Segment]:
    """Segments, each story followed by the activities it tells as background with a date of their own.

    A story ("Red Cross Society of China enjoys acclaim", dated October 2024) tells what came before
    it: "In a document issued in May 2020, the RCSC urged its branches ...", "In 2010, the foundation
    also built ...". A sentence after the story's opening that opens on a time of its own, written
    with its year and other than the story's date, and reports a deed, is an activity of its own, with
    the sentences after it up to the end of its paragraph or the next such sentence; the story stays
    whole. Its subject is the organisation the story's opening names.
    """
    out: list[Segment] = []
    for seg in segments:
        out.append(seg)
        if seg.activity or len(seg.paragraphs) < 2:
            continue
        own = event_date(seg.headline, seg.paragraphs, ctx)
        subject = None
        for k, para in enumerate(seg.paragraphs):
            if subject is None:
                names = find_org_names(para)
                subject = names[0][0] if names else None  # the body the story is about, as it first names it
            sentences = split_sentences(para)
            unit: list[str] = []
            for j, sentence in enumerate(sentences):
                date = None if (k == 0 and j == 0) else _opening_date(sentence, ctx)
                if date is not None and own is not None and own.precision != "year" \
                        and date.start[:len(own.start)] == own.start[:len(date.start)]:
                    date = None  # the story's own time, said again (a year may be the background's own)
                # "In Myanmar, the foundation has granted ...": a place of its own opens an activity too
                elsewhere = not (k == 0 and j == 0) and _opening_place(sentence)
                if (date is not None or elsewhere) and _BACKGROUND_DEED.search(sentence):
                    if unit:
                        out.append(Segment(None, [" ".join(unit)], seg.section, seg.page, seg.headline or seg.article,
                                           None, None, subject, True, background=True))
                    unit = [sentence]
                elif unit:
                    unit.append(sentence)
            if unit:
                out.append(Segment(None, [" ".join(unit)], seg.section, seg.page, seg.headline or seg.article,
                                   None, None, subject, True, background=True))
    return out


def extract_events(doc: Document, report: Report, gazetteer: Gazetteer) -> list[RawEvent]:
    """Every item of a document as a raw event with its date, places, organisations, people, figures."""
    issue, issue_source = page_date(doc)
    if report.issue_date and report.issue_date != issue:
        issue, issue_source = report.issue_date, "catalog"
    ctx = DateContext(report.covers_start, report.covers_end, issue, issue_source)
    # Without a period or publication date, the latest date the page prints says little of an
    # item's year: the item's own dates and its neighbours' say more (see _item_year_context).
    weak_year = not (ctx.covers_start and ctx.covers_end) and issue_source in ("other dates on the page", "unknown")
    events: list[RawEvent] = []
    # words the report prints in lower case: common words, so "Health Office" is a description
    common = {w for b in doc.blocks for w in re.findall(r"(?<![\w-])[a-z][a-z-]{2,}(?![\w-])", b.text)}
    segments = _with_background_events(segment(doc, ctx), ctx)
    # what a story tells as background is no item of the page's own list
    dated = [not s.background and (event_date(s.headline, s.paragraphs, ctx) is not None or s.date_line is not None)
             for s in segments]
    items = sum(1 for s in segments if not s.background)
    first_dated = dated.index(True) if True in dated else len(segments)
    preface: list[str] = []
    for n, seg in enumerate(segments):
        if not seg.headline and len(_MASTHEAD_LABEL.findall(seg.paragraphs[0])) >= 2:
            continue  # the masthead (editors, serial numbers, address) is no event: see masthead_people
        if not dated[n] and not seg.headline and seg.article is None and not seg.activity and n < first_dated \
                and sum(dated) >= 2:
            preface.extend(seg.paragraphs)
            continue  # a preface: what the report is about, before its first dated item
        body = " ".join(seg.paragraphs)
        sentences = split_sentences(seg.paragraphs[0]) if seg.paragraphs else [""]
        first = sentences[0]
        if seg.activity:
            # an activity of a prose section is named by its deed, not by the general sentence before it
            first = next((x for x in sentences if _DATE_LEAD.match(x) or _YEAR_FIRST.match(x)
                          or (_ACTIVITY_VERB.search(x) and find_org_names(x))), first)
        byline = bool(doc.title_guess) and len(doc.title_guess.split()) <= 3 and valid_person_name(doc.title_guess)
        row_date = _date_first(first) if not seg.headline else None
        titled = not seg.headline and n == 0 and bool(doc.title_guess) and items <= 2 and not byline \
            and row_date is None
        # what follows the first item under headlines of its own may be the story's sections ("Caught
        # in the middle"); an item without one after it is another story
        sections = n == 0 and all(s_.headline for s_ in segments[1:] if not s_.background)
        if titled and (sections or not any(s_.headline for s_ in segments)):
            # a story without a headline of its own: the line above it is its headline
            title = doc.title_guess
        else:
            if row_date is not None:
                # "2 | 9-11 Sep 2009 | Mexico City, Mexico | The CPAFFC sent ...": the row's date and
                # cells before its text are no part of the title
                first_text = first[row_date.end:].lstrip(" |—–-:")
                first = first_text.split(" | ")[-1] if " | " in first_text else first_text
            title = seg.headline or _short_title(first)
            head_date = _date_first(title) if seg.headline else None
            if head_date is not None and len(title) > head_date.end + 8:
                # "2019-05-12 Lotus charity opens school in Laos": the list's date is no part of the headline
                title = title[head_date.end:].lstrip(" ]|)—–-:")
        # "Cambodian Red Cross makes third donation By Chan Sokha": the byline is no part of the title
        title = re.sub(r"\s+(?:[Bb]y|BY)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}\s*$", "", title)
        title = re.sub(r"^(?:\d{1,2}|[IVX]{1,4})\s*[.、]\s*", "", title)
        if seg.background and seg.subject:
            # "It has distributed ...", "The foundation has granted ...": the story's body, by its name
            title = re.sub(r"^(?:It|They|The (?:foundation|association|society|network|federation|charity|"
                           r"organi[sz]ation|alliance|council|committee))\b", seg.subject, title)
        item_ctx = ctx if not weak_year else _item_year_context(segments, n, ctx)
        line_date = None
        if seg.date_line:
            found_line = find_dates(seg.date_line, ctx)
            line_date = found_line[0].span if found_line else None
            if line_date is not None and not found_line[0].year_inferred:
                # the item's own date line dates what its text leaves without a year
                item_ctx = DateContext(None, None, line_date.end, "item's date line")
        # an item's own date line beats a date only its headline gives ("World Friendship Day, March 1")
        date = (event_date(None, seg.paragraphs, item_ctx) if line_date is not None and seg.headline else None) \
            or (line_date if line_date is not None and seg.headline else None) \
            or event_date(seg.headline, seg.paragraphs, item_ctx) or line_date
        if line_date is not None and line_date.precision == "day" and date is not line_date \
                and _background_first_date(seg.paragraphs, item_ctx):
            # "Posted: 22 Oct 2014 / Following the announcements made ... on September 23rd, ...": the
            # text's date is what the item follows on; its own date line dates it
            date = line_date
        if line_date is not None and line_date.precision == "day" and date.precision != "day" \
                and date.start <= line_date.start[:len(date.start)]:
            # "July 24 / ... hitting southern China since the end of June": the text's month is
            # background, the update's day line dates it
            date = line_date
        published = line_date if line_date is not None and line_date.precision == "day" else None
        if published is None and items == 1 and issue and len(issue) == 10 \
                and issue_source in ("page date", "page date line", "URL", "file name"):
            published = DateSpan(issue, issue, "day", f"the {issue_source}")  # a page of one story
        if published is not None and date is not None and date.precision == "year" and date.start > published.end[:4]:
            # "Updated: Oct 29, 2014 / ... will usher in the 60th anniversary of ties in 2015": a bare
            # year after the day the item (or the page of one story) was published is an outlook,
            # not when what it tells of happened
            date = published
        if date is None and (items == 1 or titled and sections) and not seg.background and issue and len(issue) == 10 \
                and issue_source in ("page date", "page date line", "URL", "file name"):
            # a page that tells one story and gives it no date of its own: the day it was published
            # ("Baku, November 21, AZERTAC / ... signed a memorandum of cooperation during COP29")
            date = DateSpan(issue, issue, "day", f"the {issue_source}")
        full = f"{seg.headline or ''}\n{body}".strip()
        if seg.note and seg.headline:
            # "[Editor's Note] ... On May 20, CAFIU ... released the appeal Joining Hands to Fight
            # COVID-19, ...": the note's sentence that names the article tells what it is and when.
            told = _note_sentence(seg.note, seg.headline)
            if told:
                full = f"{full}\n{told}"
                if date is None:
                    found = find_dates(told, ctx)
                    date = found[0].span if found else None
        orgs: list[tuple[str, str | None]] = []
        people: dict[str, PersonMentionRaw] = {}
        figures: list[Figure] = []
        defs: list[tuple[str, str]] = []
        descs: list[tuple[str, str]] = []
        acr_orgs: list[str] = []
        acr_seen: dict[str, bool] = {}  # acronym -> printed outside an organisation's written-out name
        body_low = body.lower()
        body_keys = {org_key(n) for s_ in split_sentences(body) for n, _, _ in find_org_names(s_)}
        headline_text = full[: len(seg.headline)] if seg.headline else ""
        for sentence in split_sentences(full.replace("\n", ". ")):
            sentence_people = find_people(sentence, gazetteer)
            names = without_people(find_org_names(sentence), [p.name for p in sentence_people])
            names = [x for x in names if not _generic_pair(x[0], common)]
            if headline_text and sentence.startswith(headline_text[:30]):
                # A headline's capitals run across its words ("Iran-China Friendship Associations Meet
                # in Beijing"): only names its story prints too are names.
                names = [x for x in names if x[1] > len(headline_text)
                         or x[0].lower() in body_low or org_key(x[0]) in body_keys]
            for m in _APPOSITIVE_ORG.finditer(sentence):
                # "Les Restaurants des Enfants, a charity that feeds ...": named an organisation by the text
                # a leading article is no part of the name: "The China Foundation for ..., a charity"
                lead = re.match(r"(?:The|the|A|An)\s+", m.group(1))
                start_ = m.start(1) + (lead.end() if lead else 0)
                if not any(s_ <= start_ < e_ for _, s_, e_ in names) and len(sentence[start_:m.end(1)].split()) >= 2:
                    names.append((sentence[start_:m.end(1)], start_, m.end(1)))
                    descs.append((sentence[start_:m.end(1)], sentence))
            for name, s_, e_ in _acronym_defined_names(sentence, names):
                # the whole name the acronym spells replaces a part of it cut short at "with"
                names = [x for x in names if not (s_ <= x[1] and x[2] <= e_)]
                names.append((name, s_, e_))
            for m in _ACRONYM.finditer(sentence):
                inside = any(s_ <= m.start() < e_ for _, s_, e_ in names)
                acr_seen[m.group(0)] = acr_seen.get(m.group(0), False) or not inside
            roles = org_roles(sentence, names)
            for name, s, e in names:
                after = sentence[e:e + 16]
                dm = _ACRONYM_DEF.match(after.lstrip())
                # "Association of Arab-China Cooperation and Development (Lebanon)": a place in
                # brackets says where, it is no acronym.
                if dm and after.lstrip().startswith("(") and gazetteer.lookup(dm.group(1)) is None:
                    defs.append((acronym_owner(name, dm.group(1)), dm.group(1)))
                role = roles.get(name)
                # one body under two spellings ("Centre"/"Center", with or without "The") is one
                same = next((o for o, _ in orgs if o == name or org_key(o) == org_key(name)), None)
                if same is None:
                    orgs.append((name, role))
                elif role:
                    orgs = [(o, r or (role if o == same else None)) for o, r in orgs]
            for p in sentence_people:
                if p.name not in people or (p.title and not people[p.name].title):
                    people[p.name] = p
            figures.extend(find_figures(sentence))
            for acr in acronyms_as_orgs(sentence, names, sentence_people, gazetteer):
                if acr not in acr_orgs:
                    acr_orgs.append(acr)
            dm2 = _DESCRIBES.match(sentence)
            if dm2 and len(sentence) < 400:
                descs.append((dm2.group(1), sentence))
        places = event_places(full, seg.headline, [o for o, _ in orgs], list(people.values()), gazetteer,
                              max(0, full.find(first)) if seg.activity else 0)
        for caption in seg.captions:
            # "Wang Ke, Chairman of Beijing Peaceland Foundation, speaks at the ceremony": a caption's
            # people with their roles belong to the item; its date and places do not.
            for p in find_people(caption, gazetteer):
                if p.title and p.name not in people:
                    people[p.name] = p
            # "Around 40 representatives ... attend the roundtable": what a caption counts, too
            if len(re.findall(r"\b[a-z]{3,}\b", caption)) >= 3:  # a described scene, not a pager ("1 2 3 Next")
                figures.extend(f for f in find_figures(caption) if f not in figures)
        told = body[m_.end():].lstrip() if (m_ := _OWN_TIME_OPENING.match(body)) else body
        if seg.subject and not orgs and (re.match(r"^(?:In addition,\s*)?(?:it|they|the (?:foundation|association|"
                                                  r"society|network|federation|council|committee|organi[sz]ation|"
                                                  r"charity|alliance))\b", told, re.I)
                                         or seg.subject.split()[0] in body):
            orgs.append((seg.subject, None))  # "Peaceland also donated ...", "It sent ...": the section's subject
        # (a news headline says something happened: "He Daofeng receives Global Outstanding Social
        # Entrepreneur Award" heads an item whatever its teaser names)
        if date is None and not orgs and not people and not acr_orgs and not _ACTIVITY_VERB.search(body) \
                and not (seg.headline and _HEADLINE_NEWS_VERB.search(seg.headline)):
            # No date, no one named, nothing done: a comment or an outlook, not an event. Under a
            # subheading right after an item of the same report (a magazine story's "Destination
            # Africa"), it goes on with that item's text rather than being lost.
            if seg.headline and events and events[-1].report_id == report.id and events[-1].source.page == seg.page \
                    and not seg.activity:
                story, mark, captions = events[-1].text.partition(f"\n{CAPTION_MARK}")
                events[-1].text = f"{story}\n{full}{mark}{captions}"  # (its photos' captions still last)
            continue
        # "CPC Beijing Municipal Committee": an acronym that only stands inside a written-out name
        # refers to that body, not to the acronym's own organisation.
        acr_refs = sorted(a for a in {a for a in _ACRONYM.findall(full)} if acr_seen.get(a, True))
        section = _source_label(seg.article) if seg.article and seg.article != seg.headline else seg.section
        source = Source(report.id, report.title, report.issue_date, section=section, page=seg.page)
        # A caption that describes a scene says what the photo shows of the item ("Song Tao ... delivers a
        # speech at the opening ceremony"): its text is the item's too, after the story, so that it can
        # be found and quoted (its date and places were not the item's, above).
        scenes = [CAPTION_MARK + c for c in seg.captions if len(re.findall(r"\b[a-z]{3,}\b", c)) >= 2 and c not in full]
        events.append(RawEvent(report.id, title, date, places, orgs, acr_refs, list(people.values()),
                               figures, _summary(seg.paragraphs), "\n".join([full, *scenes]), source, defs, descs, acr_orgs))
    _link_short_names(events, common, gazetteer)
    _link_surnames(events)
    if events:
        # "International relief news of the Red Cross Society of China (RCSC)": an acronym the front
        # matter defines holds for the whole report.
        for line in [*doc.front_matter, *preface]:
            for sentence in split_sentences(line.replace("\n", " ")):
                for name, _, e in find_org_names(sentence):
                    dm = _ACRONYM_DEF.match(sentence[e:e + 16].lstrip())
                    if dm and gazetteer.lookup(dm.group(1)) is None:
                        events[0].acronym_defs.append((acronym_owner(name, dm.group(1)), dm.group(1)))
    return events
