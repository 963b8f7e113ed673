"""From clean blocks to records: events, organisations, people, figures, each with its source.

The pipeline is: segment a document into items (a headline and its paragraphs, or a dated
paragraph), then read each item for its date, places, organisations (with their role), people
(with their titles) and figures. Organisation and person mentions are merged across reports into
profiles afterwards (see ``build_profiles``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from rapidfuzz import fuzz

from knowledge.dates import DateContext, find_dates
from knowledge.gazetteer import Gazetteer
from knowledge.ingest import Document
from knowledge.records import DateSpan, Figure, Place, Report, Source

# --- sentences -----------------------------------------------------------------------------------

_ABBREV = r"(?:Mr|Mrs|Ms|Dr|Prof|St|No|Co|Ltd|Inc|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|D\.C|Mme|vs|etc|e\.g|i\.e)"


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, keeping abbreviations such as "Mr." and "D.C." inside."""
    parts: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", text):
        if parts and re.search(rf"\b{_ABBREV}\.$", parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]


# --- segments ------------------------------------------------------------------------------------

_DATE_LEAD = re.compile(
    r"^(?:(?:On|In|From|During|At|By|Since|Between|Early|Late|Mid|As of)\s+)?(?:the\s+(?:early\s+)?"
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


def segment(doc: Document) -> list[Segment]:
    """Split a document into items: every headline starts one, so does every dated paragraph."""
    segments: list[Segment] = []
    article: str | None = None
    current: Segment | None = None
    contents_titles = {e.title for e in doc.contents}
    for block in doc.blocks:
        if block.kind == "heading":
            top = bool(re.match(r"^\d{1,2}\s*\.", block.text)) or not doc.contents or any(
                fuzz.ratio(block.text.lower(), t.lower()) >= 82 for t in contents_titles)
            if top and not (doc.contents and re.match(r"^(?:[IVX]+|Ⅱ|Ⅲ|Ⅳ)\s*\.?\s", block.text)):
                article = block.text
            current = Segment(block.text, [], block.section, block.page, article)
            segments.append(current)
            continue
        dated = bool(_DATE_LEAD.match(block.text))
        if current is None or (dated and current.paragraphs):
            current = Segment(None, [], block.section, block.page, article)
            segments.append(current)
        current.paragraphs.append(block.text)
    return [s for s in segments if s.paragraphs]


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
}
_CONNECT = {"of", "for", "and", "the", "on", "in", "&", "de", "du", "di", "del", "des", "la", "le", "to", "at"}
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.&-]*|\d+(?:st|nd|rd|th)\b|[A-Z]{2,}")
_ORG_RUN = re.compile(
    r"(?:[A-Z][\w'’.&-]*|\d+(?:st|nd|rd|th)\b|“[A-Z][\w'’ -]*”|\"[A-Z][\w'’ -]*\")"
    r"(?:\s+(?:(?:of|for|and|the|on|in|&|de|du|di|del|des|la|le|to|at)\s+)*"
    r"(?:[A-Z][\w'’.&-]*|\d+(?:st|nd|rd|th)\b|“[A-Z][\w'’ -]*”|\"[A-Z][\w'’ -]*\"))*")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,11})\s*\)")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,9}(?:-[A-Z0-9]+)?\b")


def org_key(name: str) -> str:
    """A spelling-insensitive key: "The Centre for China & Globalisation" ~ "center for china and globalization"."""
    k = name.lower().replace("’", "'").replace("&", " and ")
    k = re.sub(r"\borganisation", "organization", k)
    k = re.sub(r"\bcentre\b", "center", k)
    k = re.sub(r"isation\b", "ization", k)
    k = re.sub(r"'s\b", "", k)
    k = re.sub(r"[^\w]+", " ", k)
    k = re.sub(r"^the ", "", k.strip())
    return re.sub(r"\s+", " ", k).strip()


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
    return any(t.lower().strip(",") in ORG_HEADS for t in tokens)


def _ends_org(text: str) -> bool:
    """Whether a name is complete: it ends on its head word, or on "Head of Place"."""
    tokens = text.split()
    if tokens and tokens[-1].lower() in ORG_HEADS:
        return True
    return bool(re.search(r"\b(?:" + "|".join(h for h in ORG_HEADS if h.isalpha()) + r")\s+(?:of|in)\s+(?:the\s+)?"
                          r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?$", text, re.I))


_TITLE_OF = re.compile(
    r"^(?:(?:Vice|Deputy|Executive|Assistant|Former|former|Honorary|First|Acting|General)[- ]+)*"
    r"(?:President|Minister|Chairman|Chairperson|Chairwoman|Director|Director-General|Secretary|Secretary-General|"
    r"Member|Head|Ambassador|Counselor|Counsellor|Governor|Mayor|Professor|Dean|Editor|Representative|"
    r"Expert|Founder|Speaker|Consul|Chief|Adviser|Advisor|Officer|Manager|Leader|Commissioner)\w*"
    r"(?:\s+(?:and\s+)?(?:[A-Z][\w-]*\s+)?(?:President|Director|Secretary|General|Chairman))*\s+(?:of|at|to)\s+(?:the\s+)?")


def _trim_run(tokens: list[str]) -> list[str]:
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
    while tokens and tokens[-1].lower() in _CONNECT:
        tokens = tokens[:-1]
    return tokens


_AND_TITLE = re.compile(r"\s+and\s+(?=(?:President|Vice|Chairman|Chairperson|Director|Secretary|Member|Head|"
                        r"Deputy|[Ff]ormer|Minister|Ambassador|Founder|Executive)\b)")


def find_org_names(sentence: str) -> list[tuple[str, int, int]]:
    """Organisation names written out in a sentence, with their positions."""
    out: list[tuple[str, int, int]] = []
    for m in _ORG_RUN.finditer(sentence):
        text = m.group(0)
        # Split "A Association and the B Foundation" into two names.
        # "Council of Ministers of Cambodia and President of Civil Society Alliance Forum": a title
        # after "and" starts the name that matters.
        last = _AND_TITLE.split(text)[-1]
        if last != text and _has_head(last.split()):
            text = last
        pieces = re.split(r"\s+(?:and|&)\s+(?:the\s+)?(?=[A-Z])", text)
        merged: list[str] = []
        for piece in pieces:
            if merged and not _ends_org(merged[-1]):
                merged[-1] = f"{merged[-1]} and {piece}"  # "Culture and Economy Association"
            else:
                merged.append(piece)
        offset = m.start()
        for piece in merged:
            start = sentence.find(piece, offset)
            tokens = _trim_run(piece.split())
            if len(tokens) >= 2 and _has_head(tokens) and len(tokens) <= 18:
                # The name should end on its head word or on what the head word governs.
                name = " ".join(tokens).strip(" ,;:“”\"")
                if name.lower().startswith("the "):
                    name = name[4:]
                if len(name) > 5 and not name.isupper():
                    pos = sentence.find(name, start if start >= 0 else 0)
                    out.append((name, pos, pos + len(name)))
            offset = max(offset, start + len(piece)) if start >= 0 else offset
    return out


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


@lru_cache(maxsize=1)
def known_acronyms() -> dict[str, str]:
    """Curated acronyms of bodies the reports name without spelling out."""
    text = resources.files("knowledge").joinpath("data/acronyms.yaml").read_text(encoding="utf-8")
    return {str(k): str(v) for k, v in (yaml.safe_load(text) or {}).items()}


# --- people ---------------------------------------------------------------------------------------

_TITLE_START = (
    r"(?:former\s+|Former\s+|the then\s+|then\s+|Honorary\s+|honorary\s+|Acting\s+|acting\s+|First\s+|Executive\s+|Permanent\s+)?"
    r"(?:Vice[- ]|Deputy\s+|Assistant\s+|Associate\s+|Chief\s+|Senior\s+|Co-|General\s+|Executive\s+)?"
    r"(?:President|Chairman|Chairwoman|Chairperson|Chair|Director|Director-General|Secretary|Secretary-General|"
    r"Minister|Ambassador|Governor|Mayor|Speaker|Head|Professor|Member|member|Counselor|Counsellor|Consul|"
    r"Representative|representative|Founder|founder|Dean|Editor|Physician|Doctor|Engineer|Manager|Officer|"
    r"Adviser|Advisor|adviser|advisor|Commissioner|Coordinator|Leader|leader|Partner|CEO|Lecturer|Researcher|"
    r"Fellow|Prime Minister|Party Secretary|Attending|Chief Physician|expert|staff|nurse|Vice Chairman|"
    r"Vice President|Vice-Chairperson|Vice-Chairman|Standing|Deputy Director|Deputy Governor|"
    r"Executive Director|Secretary General|President and|Curator|Principal|Teacher|teacher|Student|student|"
    r"Chairman and|Co-Chair|Co-founder|Special Representative|Under-Secretary-General|High Representative)")
_NAME = r"(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})"
_HONORIFIC = re.compile(rf"\b(?:Mr|Mrs|Ms|Dr|Prof|Mme|Madam|Professor|Doctor)\.?\s+({_NAME}|[A-Z][\w'’-]{{2,}})")
_APPOSITIVE = re.compile(rf"(?<![\w-])({_NAME}),\s+({_TITLE_START}\b[^;]*)")
_TITLED = re.compile(
    r"\b((?:[A-Z]{2,8}\s+|former\s+|Former\s+)?(?:Vice[- ]|Deputy\s+|Executive\s+)?"
    r"(?:President|Chairman|Chairperson|Director|Secretary General|Secretary-General|Ambassador|Counselor|"
    r"Minister|Governor|Professor|Vice-President|Vice President|Director-General))\s+"
    rf"({_NAME})\b")
_SPEAKER_COLON = re.compile(rf"^(.{{10,240}}?)\s+({_NAME}):\s")
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
    "sri", "lanka", "hong", "kong", "new", "york", "south", "north", "east", "west", "saudi", "viet", "nam",
    "kampong", "phnom", "penh", "siem", "reap", "xi", "jinping",
}


def _clean_title(raw: str) -> str:
    title = raw
    cut = re.search(r"(?:;|\.\s|\.$|—|\s+(?:along with|together with|delivered|said|attended|presided|made|"
                    r"met|shared|introduced|gave|expressed|pointed|noted|stated|spoke|addressed|announced|"
                    r"and (?:officials|representatives|colleagues|members|staff|experts|other|others)|"
                    r"hosted|led|signed|visited|who|which|and other|were|was|is|are|had|have|has|,\s*and\s+(?:the\s+)?"
                    r"(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+,)\b)", title)
    if cut:
        title = title[: cut.start()]
    # A comma before another "Name, Title" starts the next person.
    nxt = re.search(rf",\s+(?:and\s+)?{_NAME},\s+{_TITLE_START}", title)
    if nxt:
        title = title[: nxt.start()]
    nxt = re.search(rf",\s+(?:and\s+)?{_NAME}\s+(?:of|from)\s+", title)
    if nxt:
        title = title[: nxt.start()]
    title = title.strip(" ,;:.")
    return title[:200]


def valid_person_name(name: str) -> bool:
    """Whether a capitalised phrase reads as a person's name, not an organisation or a place."""
    words = name.replace("’", "'").split()
    if not 2 <= len(words) <= 4:
        return False
    if any(w.lower().strip(",.") in _NOT_NAME_WORDS for w in words):
        return False
    if any(w.lower() in ORG_HEADS for w in words):
        return False
    return all(w[0].isupper() for w in words) and not any(ch.isdigit() for ch in name)


@dataclass
class PersonMentionRaw:
    """A person as one sentence names them."""

    name: str
    title: str | None


def find_people(sentence: str, gazetteer: Gazetteer | None = None) -> list[PersonMentionRaw]:
    """People named in a sentence, with the titles the sentence gives them."""
    found: dict[str, str | None] = {}

    def add(name: str, title: str | None) -> None:
        name = re.sub(r"^(?:Mr|Mrs|Ms|Dr|Prof|Mme)\.?\s+", "", name.strip(" ,.;:"))
        words = name.split()
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

    for m in _APPOSITIVE.finditer(sentence):
        add(m.group(1), _clean_title(m.group(2)))
    for m in _TITLED.finditer(sentence):
        add(m.group(2), m.group(1))
    for m in _HONORIFIC.finditer(sentence):
        add(m.group(1), None)
    m = _SPEAKER_COLON.match(sentence)
    if m and any(w in m.group(1) for w in ("President", "Minister", "Chairman", "Director", "Secretary",
                                          "Adviser", "Ambassador", "Speaker", "Chair", "Head")):
        add(m.group(2), m.group(1))
    return [PersonMentionRaw(n, t) for n, t in found.items()]


# --- figures --------------------------------------------------------------------------------------

_FIGURE = re.compile(
    r"(?<![\w.,-])(?:(over|more than|nearly|about|around|almost|some|up to|a total of|at least|close to)\s+)?"
    r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|billion|thousand)?\s*"
    r"((?:RMB\s+)?(?:yuan|RMB|US dollars|dollars|USD|euros)\b)?\s*"
    r"((?:[a-zA-Z][\w'’-]*\s+){0,2}[a-zA-Z][\w'’-]*)?")
_MULT = {"million": 1e6, "billion": 1e9, "thousand": 1e3}
_NOT_FIGURE_NEXT = re.compile(r"^(?:st|nd|rd|th|session|century|years? old|anniversary)\b", re.I)


def find_figures(sentence: str) -> list[Figure]:
    """Numbers a sentence reports ("12,000 Panda Packs", "192 million RMB yuan"), with their values."""
    out: list[Figure] = []
    for m in _FIGURE.finditer(sentence):
        qual, num, mult, money, noun = m.groups()
        value = float(num.replace(",", ""))
        tail = sentence[m.end(2):m.end(2) + 12]
        if _NOT_FIGURE_NEXT.match(tail.strip()) or re.match(r"^(?:st|nd|rd|th)\b", tail):
            continue
        if 1900 <= value <= 2100 and not (mult or money) and "," not in num:
            continue  # a year
        if re.match(r"^\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\b", tail):
            continue  # a day of a date
        if mult:
            value *= _MULT[mult]
        if not (mult or money or noun):
            continue
        words = (noun or "").split()
        keep = [w for w in words[:2] if w.lower() not in {"and", "of", "the", "in", "to", "from", "for", "on"}]
        text = " ".join(x for x in [qual, num, mult, money, *keep[:2]] if x)
        out.append(Figure(text.strip(), value))
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


def org_roles(sentence: str, names: list[tuple[str, int, int]]) -> dict[str, str]:
    """The role each organisation plays in a sentence, where the sentence says it."""
    roles: dict[str, str] = {}
    for m in _ROLE_BY.finditer(sentence):
        role = _ROLE_NAMES.get(m.group(1).lower(), "participant")
        end = sentence.find(".", m.end())
        span_end = len(sentence) if end < 0 else end
        for name, s, e in names:
            if m.end() <= s <= span_end and name not in roles:
                roles[name] = role
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
    # "under the guidance / auspices of X"
    for m in re.finditer(r"under the (?:guidance|auspices|support|framework) of", sentence):
        for name, s, e in names:
            if 0 <= s - m.end() <= 5 and name not in roles:
                roles[name] = "guide"
    return roles


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


def _short_title(sentence: str, limit: int = 120) -> str:
    s = re.sub(r"^(?:On|In|From|During|At|By|Since)\s+[^,]{0,60}?\d{0,4},\s*", "", sentence)
    s = re.sub(rf"^{_DATE_LEAD.pattern}[^,]{{0,40}},\s*", "", s)
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


_YEAR_LEAD = re.compile(r"\b(?:In|in|Since|since|During|during)\s+((?:19|20)\d{2})\b")


def event_date(headline: str | None, paragraphs: list[str], ctx: DateContext) -> DateSpan | None:
    """The date of an item: the first date in its opening text, the year inferred when left out."""
    lead = " ".join(paragraphs)[:900]
    for text in ([lead] if not headline else [lead, headline]):
        matches = find_dates(text, ctx)
        if matches:
            return matches[0].span
    m = _YEAR_LEAD.search(lead[:300])
    if m:
        return DateSpan(m.group(1), m.group(1), "year")
    return None


_DESCRIBES = re.compile(r"^(?:The\s+)?(.{3,120}?)\s+(?:\([A-Z][\w&-]+\)\s+)?(?:is|was|has been|serves|boasts|"
                        r"aims|was founded|was established|was launched|currently has|has)\b")


def extract_events(doc: Document, report: Report, gazetteer: Gazetteer) -> list[RawEvent]:
    """Every item of a document as a raw event with its date, places, organisations, people, figures."""
    ctx = DateContext(report.covers_start, report.covers_end, report.issue_date)
    events: list[RawEvent] = []
    for seg in segment(doc):
        body = " ".join(seg.paragraphs)
        first = split_sentences(seg.paragraphs[0])[0] if seg.paragraphs else ""
        title = seg.headline or _short_title(first)
        title = re.sub(r"^(?:\d{1,2}|[IVX]{1,4})\s*[.、]\s*", "", title)
        date = event_date(seg.headline, seg.paragraphs, ctx)
        full = f"{seg.headline or ''}\n{body}".strip()
        places: list[Place] = []
        for pm in gazetteer.find(full):
            if pm.place not in places:
                places.append(pm.place)
        orgs: list[tuple[str, str | None]] = []
        people: dict[str, PersonMentionRaw] = {}
        figures: list[Figure] = []
        defs: list[tuple[str, str]] = []
        descs: list[tuple[str, str]] = []
        for sentence in split_sentences(full.replace("\n", ". ")):
            names = find_org_names(sentence)
            roles = org_roles(sentence, names)
            for name, s, e in names:
                after = sentence[e:e + 16]
                dm = _ACRONYM_DEF.match(after.lstrip())
                if dm and after.lstrip().startswith("("):
                    defs.append((acronym_owner(name, dm.group(1)), dm.group(1)))
                role = roles.get(name)
                if not any(o == name for o, _ in orgs):
                    orgs.append((name, role))
                elif role:
                    orgs = [(o, r or (role if o == name else None)) for o, r in orgs]
            for p in find_people(sentence, gazetteer):
                if p.name not in people or (p.title and not people[p.name].title):
                    people[p.name] = p
            figures.extend(find_figures(sentence))
            dm2 = _DESCRIBES.match(sentence)
            if dm2 and len(sentence) < 400:
                descs.append((dm2.group(1), sentence))
        acr_refs = sorted({a for a in _ACRONYM.findall(full)})
        section = seg.article if seg.article and seg.article != seg.headline else seg.section
        source = Source(report.id, report.title, report.issue_date, section=section, page=seg.page)
        events.append(RawEvent(report.id, title, date, places, orgs, acr_refs, list(people.values()),
                               figures, _summary(seg.paragraphs), full, source, defs, descs))
    return events
