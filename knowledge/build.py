"""The whole extraction: a reports folder in, reports, events and profiles out (no database here)."""
from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from knowledge.cache import BuildCache, from_plain, to_plain
from knowledge.catalog import CATALOG_NAME, CatalogEntry, file_hash, load_catalog
from knowledge.errors import ReportReadError
from knowledge.extract import (
    EXTRACTOR_VERSION,
    PersonMentionRaw,
    RawEvent,
    acronym_by_context,
    extract_events,
    known_acronyms,
    masthead_people,
    org_key,
    org_kind,
    page_date,
)
from knowledge.extract_zh import CJK, chinese_part, extract_chinese, is_chinese_file, org_country_zh, org_kind_zh
from knowledge.formats import FORMAT_READERS
from knowledge.gazetteer import HOME_COUNTRY, Gazetteer, default_gazetteer
from knowledge.ingest import TEXT_SUFFIXES, Document, printed_source, read_document
from knowledge.records import (MASTHEAD, 
    Event,
    Organisation,
    OrgMention,
    Person,
    PersonMention,
    PersonTitle,
    Report,
    Source,
)

log = logging.getLogger(__name__)


@dataclass
class Corpus:
    """Everything extracted from a reports folder, ready to be stored.

    ``extracted`` and ``cached`` count the reports read and extracted by this build and those whose
    extraction came from the build cache; ``inputs`` names what the corpus was built from (see
    ``build_inputs``), so that a rebuild from the same inputs can keep the store as it is."""

    reports: list[Report]
    events: list[Event]
    orgs: list[Organisation]
    people: list[Person]
    warnings: list[str] = field(default_factory=list)
    extracted: int = 0
    cached: int = 0
    inputs: str = ""
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file name, why) of files that gave nothing


REPORT_SUFFIXES = TEXT_SUFFIXES | set(FORMAT_READERS)
REJECTED_DIR = "rejected"  # inside the reports folder: files a build set aside, each with a .why note


def report_files(reports_dir: Path) -> list[Path]:
    """The report files of a folder that this version can read, in name order."""
    return sorted(p for p in reports_dir.iterdir()
                  if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith("."))


def _tagline(front: list[str], title: str, publisher: str) -> str | None:
    """The motto on a masthead: an all-capitals line of five words or more that is neither title nor publisher."""
    for block in front:
        english = " ".join(re.sub(r"[\u3400-\u9fff>»]+", " ", block).split())
        words = english.split()
        if len(words) >= 5 and english.isupper() and not re.search(
                r"ASSOCIATION|FOUNDATION|NETWORK|COUNCIL|SOCIETY", english):
            if fuzz.ratio(english.lower(), title.lower()) < 80 and fuzz.ratio(english.lower(), publisher.lower()) < 80:
                zh = next((ln for b in front for ln in b.split("\n") if re.fullmatch(r"[\u3400-\u9fff ]{6,}", ln)), None)
                text = english.capitalize()
                return f"{text} ({zh.strip()})" if zh else text
    return None


# A colophon's labels and how each value is read (what a magazine prints of itself beside its masthead).
_COLOPHON = (
    ("Sponsor", re.compile(r"\bSponsors?\s*:\s*(.+?)\s*(?=\b(?:[A-Z][a-z]+\s+)?Editors?\s*:|\*\*|\n\s*\n|$)", re.S)),
    ("ISSN", re.compile(r"\bISSN\s*:?\s*(\d{4}\s*-\s*\d{3}[\dXx])")),
    ("CN", re.compile(r"\bCN\s*:?\s*(\d{2}\s*-\s*\d{4}\s*/\s*[A-Z])")),
    ("Address", re.compile(r"\bAddress\s*:\s*(.+?)\s*(?=Postcode|Post code|Zip|Tel\b|Phone|Fax|Https?|www\.|E-?mail|$)",
                           re.S | re.I)),
    ("Postcode", re.compile(r"\b(?:Postcode|Post code|Zip(?: code)?)\s*:\s*(\d{5,6})", re.I)),
    ("Tel", re.compile(r"\b(?:Tel|Telephone|Phone)\s*:\s*([+\d][\d ()+-]{4,}\d)", re.I)),
    ("Fax", re.compile(r"\bFax\s*:\s*([+\d][\d ()+-]{4,}\d)", re.I)),
    ("Website", re.compile(r"\b(?:https?\s*:\s*//\s*|(?=www\.))([\w-]+(?:\.[\w-]+)+(?:/[\w./-]*)?)", re.I)),
    ("E-mail", re.compile(r"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")),
)
# A block of the front pages that holds a colophon's label.
_COLOPHON_BLOCK = re.compile(r"\b(?:ISSN|Sponsors?\s*:|Address\s*:|Postcode|E-?mail\s*:|Tel\s*:|Fax\s*:|"
                             r"Serial Number)", re.I)


def _colophon(doc: Document) -> tuple[tuple[str, str], ...]:
    """What a report's colophon prints of it (sponsor, ISSN, address, telephone, web site, e-mail):
    the labelled lines of its front matter and of the labelled blocks of its first pages."""
    blocks: list[str] = []
    before = doc.front_matter[-1] if doc.front_matter else ""
    for b in doc.blocks[:40]:
        # a labelled block, or the value of a label that ends the block before ("Sponsor:" alone)
        if _COLOPHON_BLOCK.search(b.text) or re.search(r"\b(?:Sponsors?|Address)\s*:\s*$", before):
            blocks.append(b.text)
        before = b.text
    text = "\n".join([*doc.front_matter, *blocks]).replace("**", " ")
    if not _COLOPHON_BLOCK.search(text):
        return ()
    out: list[tuple[str, str]] = []
    for label, pattern in _COLOPHON:
        for m in pattern.finditer(text):
            value = " ".join(m.group(1).split()).strip(" ,;")
            if label in ("ISSN", "CN"):
                value = re.sub(r"\s+", "", value)
            # (a label printed apart from its value runs into the next label: not its value)
            if value and len(value) <= 160 and (label in ("ISSN", "CN") or not _COLOPHON_BLOCK.search(value)):
                out.append((label, value))
                break
    return tuple(out)


# How many of a document's first blocks may print its source under the headline.
SOURCE_LINES = 3


def _report(path: Path, doc: Document, entry: CatalogEntry | None) -> Report:
    title = (entry.title if entry else None) or doc.title_guess or _file_title(path)
    issue = (entry.issue_date if entry else None) or page_date(doc)[0] or ""
    # (the lines above the text, and the short lines right under its headline, where a page prints
    # its source and date: "Updated: Oct 24,2015 5:29 PM     Xinhua")
    under = [b.text for b in doc.blocks[:SOURCE_LINES] if len(b.text) <= 120]
    publisher = (entry.publisher if entry else None) or doc.meta.get("source") or printed_source([*doc.front_matter, *under]) or ""
    return Report(
        id=path.stem, file=path.name, title=title, series=(entry.series if entry else None) or title,
        publisher=publisher, issue_date=issue, url=(entry.url if entry else None) or doc.meta.get("url"),
        language=entry.language if entry else "en", content_hash=doc.text_hash,
        title_zh=entry.title_zh if entry else None,
        covers_start=entry.covers_start if entry else None, covers_end=entry.covers_end if entry else None,
        tagline=_tagline(doc.front_matter, title, publisher), colophon=_colophon(doc),
        author=doc.meta.get("author") or None)


@dataclass
class ReportExtraction:
    """What one report file gives, before profiles are merged: what the build cache keeps."""

    report: Report
    events: list[RawEvent]
    masthead: list[PersonMentionRaw]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The extractor's version as the build cache keys it: EXTRACTOR_VERSION and a fingerprint of
    the knowledge package's code and data files. Any change to them makes every cached extraction
    stale, whether or not EXTRACTOR_VERSION was bumped (a new module that extraction comes to use
    is covered too); after an upgrade the first build extracts every report again, once."""
    digest = hashlib.sha256()
    root = resources.files("knowledge")
    try:
        files = sorted([p for p in root.iterdir() if p.name.endswith(".py")]
                       + [p for p in root.joinpath("data").iterdir() if p.is_file()], key=lambda p: p.name)
        for f in files:
            digest.update(f.name.encode() + b"\0" + f.read_bytes())
    except OSError:  # an install without readable sources: the version constant alone
        pass
    return f"{EXTRACTOR_VERSION}-{digest.hexdigest()[:12]}"


def _entry_plain(entry: CatalogEntry | None) -> object:
    return None if entry is None else to_plain(entry)


def report_key(name: str, content_hash: str, entry: CatalogEntry | None) -> str:
    """The cache key of a report: its file name (the report id), its bytes' hash and its catalog entry."""
    return hashlib.sha256(json.dumps([name, content_hash, _entry_plain(entry)]).encode()).hexdigest()[:32]


def build_inputs(reports_dir: Path) -> str:
    """A name for everything a build reads: the report files' names and contents, the catalog, the
    extractor's version and the store's schema. Two folders with one name build the same store."""
    from knowledge.store import SCHEMA_VERSION  # here: the store imports this module's types

    digest = hashlib.sha256(f"{extractor_version()}|{SCHEMA_VERSION}".encode())
    for path in report_files(reports_dir):
        digest.update(f"{path.name}\0{file_hash(path)}\0".encode())
    catalog = reports_dir / CATALOG_NAME
    if catalog.exists():
        digest.update(catalog.read_bytes())
    return digest.hexdigest()[:32]


def extract_report(path: Path, entry: CatalogEntry | None, gazetteer: Gazetteer) -> ReportExtraction | None:
    """Read and extract one report file; None when it holds no paragraphs of text.

    Raises ReportReadError when the file cannot be read."""
    doc = read_document(path)
    report = _report(path, doc, entry)
    if is_chinese_file(path):  # a report written in Chinese: read by knowledge.extract_zh
        report, events = extract_chinese(path, report, gazetteer, entry)
        return ReportExtraction(*_titled_by_its_story(path, report, events, entry), [])
    zh = chinese_part(path)
    if not doc.blocks and zh is None:
        return None
    events = extract_events(doc, report, gazetteer) if doc.blocks else []
    if zh is not None:
        # The page's paragraphs in Chinese, which the English reading leaves out, are read as a
        # Chinese page's are; their events are this report's.
        zh_report, zh_events = extract_chinese(path, report, gazetteer, entry, page=zh)
        if not report.publisher and zh_report.publisher:
            report = replace(report, publisher=zh_report.publisher)  # (a masthead printed in Chinese)
        for e in zh_events:
            e.source = replace(e.source, report_title=report.title, report_date=report.issue_date)
        events += zh_events
    report, events = _titled_by_its_story(path, report, events, entry)
    return ReportExtraction(report, events, masthead_people(doc, report.series or report.title))


def _titled_by_its_story(path: Path, report: Report, events: list[RawEvent],
                         entry: CatalogEntry | None) -> tuple[Report, list[RawEvent]]:
    """A page that prints no title line (a copy of an article without its headline), named by its
    file only, is named by the one story it tells instead: what a citation of it should say. A page
    of a story or two whose title no event holds (its events titled by their first sentences) keeps
    the title at the head of its first story: "the article Help Beyond Borders" finds it."""
    # (a title the catalog gives is not printed on the page)
    if not (entry and entry.title) and report.title != _file_title(path) and 0 < len(events) <= TITLED_STORIES \
            and len(report.title) >= 8 and _titled_by_opening(events[0]) \
            and not any(report.title in f"{e.title}\n{e.text}" for e in events):
        events[0].text = f"{report.title}\n{events[0].text}"
    if len(events) != 1 or report.title != _file_title(path):
        return report, events
    title = events[0].title
    report = replace(report, title=title, series=title if report.series == report.title else report.series)
    for e in events:
        if e.source.report_title != title:
            e.source = replace(e.source, report_title=title)
    return report, events


# How many events a page may give for its title to be a story's headline rather than a list's name.
TITLED_STORIES = 3


def _titled_by_opening(e: RawEvent) -> bool:
    """Whether an event is titled by the opening of its own first paragraph ("“We have settled
    there, …"), not by a headline of its own (a line of its own above the text)."""
    first = e.text.lstrip().split("\n", 1)[0].strip()
    return first != e.title.strip() and first.startswith(e.title.rstrip("…").strip()[:30])


def _file_title(path: Path) -> str:
    """The title a report is given from its file's name when nothing else names it."""
    return path.stem.replace("-", " ").title()


def _why_empty(path: Path) -> str:
    """Why a readable report gave no paragraphs: a few Chinese characters only, or page furniture only.

    Told from the file's first bytes, not by reading it again: the file was read (maybe in a child
    process under limits) and gave nothing."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536).decode("utf-8", errors="ignore")
    except OSError:
        return "no paragraphs of text found"
    text = re.sub(r"<[^>]*>", " ", head) if path.suffix.lower() in (".html", ".htm") else head
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if cjk and cjk >= latin:
        return "only a few Chinese characters, no paragraphs of text"  # a Chinese page is read by extract_zh
    if path.suffix.lower() in (".html", ".htm"):
        return "only navigation and page furniture, no paragraphs of text"
    return "no paragraphs of text found"


# Reads and extracts one report file (in this process, or in the limited child process of isolate.py).
Extract = Callable[[Path, "CatalogEntry | None", Gazetteer], "ReportExtraction | None"]


def build_corpus(reports_dir: Path, gazetteer: Gazetteer | None = None, cache: BuildCache | None = None,
                 extract: Extract | None = None,
                 on_extracted: Callable[[list[RawEvent]], None] | None = None) -> Corpus:
    """Read every report of a folder and extract its records; unreadable files become warnings.

    With a ``cache``, a report whose file, catalog entry and extractor version match a cached
    extraction is not read again: only new and changed reports are extracted, then every report's
    records are merged into profiles anew (profiles span reports). ``extract`` reads one file
    (default ``extract_report``, in this process; see knowledge.isolate for a child process under
    limits). Files that could not be read or held nothing are listed in ``Corpus.rejected``.
    ``on_extracted`` is given the raw events of the reports extracted anew, once every report is
    read and before profiles are merged (a build starts embedding their passages then)."""
    gazetteer = gazetteer or default_gazetteer()
    extract = extract or extract_report
    rejected: list[tuple[str, str]] = []
    catalog = load_catalog(reports_dir)
    version = extractor_version()
    reports: list[Report] = []
    raw: list[RawEvent] = []
    warnings: list[str] = []
    masthead: list[tuple[Report, PersonMentionRaw, Source]] = []
    fresh: list[RawEvent] = []  # the events of reports extracted anew
    used: list[str] = []
    extracted = cached = 0
    for path in report_files(reports_dir):
        entry = catalog.get(path.name)
        found: ReportExtraction | None = None
        key = ""
        if cache is not None:
            try:
                key = report_key(path.name, file_hash(path), entry)
            except OSError as exc:
                warnings.append(f"skipped {path.name}: {exc.strerror or exc}")
                continue
            plain = cache.extraction(key, version)
            if plain is not None:
                try:
                    found = from_plain(ReportExtraction, plain)
                except (TypeError, KeyError, ValueError) as exc:  # an entry of an older layout: extract again
                    log.warning("cached extraction of %s unreadable (%s)", path.name, exc)
        if found is not None:
            cached += 1
        else:
            try:
                found = extract(path, entry, gazetteer)
            except ReportReadError as exc:
                warnings.append(f"skipped {exc}")
                rejected.append((path.name, str(exc)))
                log.warning("skipped %s", exc)
                continue
            if found is None:
                why = _why_empty(path)
                warnings.append(f"skipped {path.name}: {why}")
                rejected.append((path.name, f"{path.name}: {why}"))
                continue
            extracted += 1
            fresh.extend(found.events)
            if cache is not None:
                cache.put_extraction(key, version, path.name, to_plain(found))
        used.append(key)
        report = found.report
        reports.append(report)
        raw.extend(found.events)
        if not found.events:
            warnings.append(f"{path.name}: no events found (no dated items or headlines), nothing taken from it")
        source = Source(report.id, report.title, report.issue_date, section=MASTHEAD, page=None)
        masthead.extend((report, p, source) for p in found.masthead)
    if cache is not None:
        cache.keep_extractions(used, version)
    for name in catalog:
        # A file a build set aside keeps its entry for when it comes back; that is no news each build.
        if not (reports_dir / name).exists() and not (reports_dir / REJECTED_DIR / name).exists():
            warnings.append(f"catalog lists {name}, which is not in the folder")
    if on_extracted is not None and fresh:
        on_extracted(fresh)
    events, orgs, people = _profiles(raw, gazetteer, masthead)
    return Corpus(reports, events, orgs, people, warnings, extracted, cached, rejected=rejected)


# --- organisations ---------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _org_country(name: str, gazetteer: Gazetteer) -> str | None:
    # Memoised: a long-running bot rebuilds with the same names again and again, and the gazetteer's
    # pattern is long.
    matches = gazetteer.find(name)
    if not matches:
        return None
    first = matches[0]
    bilateral = re.match(r"^(?:The\s+)?([\w' ]+?)-([\w' ]+?)\s", name)
    if bilateral and len(matches) >= 2 and first.place.country == HOME_COUNTRY:
        return HOME_COUNTRY
    return first.place.country


_ENGLISH, _STRANGE = 1, -1
_SPELLING_MIN = 6  # letters: a shorter word is never taken for a misspelling, nor for what it misspells


@lru_cache(maxsize=65536)
def _spelling_side(word: str) -> int | None:
    """Which side of a misspelling a word can stand on: a word of English (_ENGLISH), a string that
    is none (_STRANGE), or neither (None: too short to tell, or a rare word that is both)."""
    if len(word) < _SPELLING_MIN:
        return None
    from wordfreq import zipf_frequency  # loaded on first use

    f = zipf_frequency(word, "en")
    return _ENGLISH if f >= 2.5 else _STRANGE if f < 1.0 else None


def _misspelling(a: str, b: str) -> bool:
    """Whether two words are one word of English and a misspelling of it ("acupuncture", "acunpuncture").

    Two coined or place words a letter apart ("Shanxi", "Shaanxi") stay apart: only a word of
    English (wordfreq) and a string that is none, one or two edits from it, are one word.
    """
    if a == b:
        return False
    side_a, side_b = _spelling_side(a), _spelling_side(b)
    if side_a is None or side_b is None or side_a == side_b:
        return False
    return Levenshtein.distance(a, b) <= (1 if min(len(a), len(b)) < 8 else 2)


def _kind_country(name: str, gazetteer: Gazetteer) -> tuple[str, str | None]:
    if CJK.search(name):  # a name printed in Chinese (knowledge.extract_zh)
        return org_kind_zh(name), org_country_zh(name, gazetteer)
    return org_kind(name), _org_country(name, gazetteer)


class _OrgIndex:
    """Clusters organisation names into profiles: same key, or same acronym and a similar name.

    Every lookup is keyed (blocking): a name finds its cluster by its normalised key, an acronym
    definition compares the name only with the clusters that already hold that acronym, and a merge
    relabels only the keys of the cluster that goes. Cluster ids come from a counter and are never
    given out twice, so a merge can never make a new name join a live cluster by accident.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer
        self.key_cluster: dict[str, int] = {}
        self.members: dict[int, list[str]] = defaultdict(list)  # cluster -> its keys
        self.names: dict[int, Counter[str]] = defaultdict(Counter)
        self.acronyms: dict[str, set[int]] = defaultdict(set)
        self.cluster_acronyms: dict[int, set[str]] = defaultdict(set)
        self.masked: dict[tuple[int, str], list[str]] = defaultdict(list)  # (word index, key with it masked) -> keys
        # The same blocks split by the masked word's side of a misspelling (see _misspelling), made
        # for a block when a key first looks into it: a word is compared only with the words on the
        # other side, and a side (a wordfreq lookup) is found only for words of blocks looked into.
        self.sided: dict[tuple[int, str], dict[int, list[str]]] = {}
        self._last_id = 0

    def add(self, name: str) -> int:
        """The cluster of a name, a new one when its key is new; counts the spelling.

        A key that differs from a known one in one misspelt word ("World Federation of Acunpuncture-
        Moxibustion Societies") joins that one's cluster.
        """
        key = self._key(name)
        cid = self.key_cluster.get(key)
        if cid is None:
            cid = self._misspelt_variant(key)
            if cid is None:
                self._last_id += 1
                cid = self._last_id
            self.key_cluster[key] = cid
            self.members[cid].append(key)
            words = key.split()
            for i, word in enumerate(words):
                block = (i, " ".join(words[:i] + ["*"] + words[i + 1:]))
                self.masked[block].append(key)
                sided = self.sided.get(block)
                if sided is not None and (side := _spelling_side(word)) is not None:
                    sided[side].append(key)
        self.names[cid][name] += 1
        return cid

    def _misspelt_variant(self, key: str) -> int | None:
        """The cluster of a known key that is ``key`` with one word spelt otherwise, if there is one.

        Blocked by the key with that word masked and by the word's side of a misspelling, so a name
        is compared only with names that share every other word and could be its misspelling (or it
        theirs): the 50 copies of "Lima Charity Federation" with other cities are not compared.
        """
        words = key.split()
        for i, word in enumerate(words):
            if len(word) < _SPELLING_MIN:
                continue
            block = (i, " ".join(words[:i] + ["*"] + words[i + 1:]))
            if block not in self.masked or (side := _spelling_side(word)) is None:
                continue
            sided = self.sided.get(block)
            if sided is None:
                sided = self.sided[block] = {_ENGLISH: [], _STRANGE: []}
                for other in self.masked[block]:  # in the order the keys came
                    other_side = _spelling_side(other.split()[i])
                    if other_side is not None:
                        sided[other_side].append(other)
            for other in sided[-side]:
                if _misspelling(word, other.split()[i]):
                    return self.key_cluster[other]
        return None

    def define(self, name: str, acronym: str) -> None:
        """A name printed with its acronym: clusters holding the acronym with a similar name merge."""
        cid = self.add(name)
        holders = self.acronyms.get(acronym)
        if holders and holders != {cid}:
            key = _org_key(name)
            for other in list(holders):
                if other == cid:
                    continue
                if any(fuzz.token_set_ratio(key, k) >= 88 for k in self.members[other]) \
                        and not self._other_places(name, self.names[other]):
                    self._merge(other, cid)
                    cid = other
        self.acronyms[acronym].add(cid)
        self.cluster_acronyms[cid].add(acronym)

    def _other_places(self, name: str, others: Counter[str]) -> bool:
        """Whether a name and a cluster's names are of different places: the Afghanistan and the
        Albania China Friendship Associations share an acronym and all but one word, and are two."""
        if self.gazetteer is None:
            return False
        mine = {m.place.name for m in self.gazetteer.find(name)}
        theirs = {m.place.name for n in others for m in self.gazetteer.find(n)}
        return bool(mine - theirs) and bool(theirs - mine)

    def _merge(self, keep: int, gone: int) -> None:
        keys = self.members.pop(gone, [])
        for k in keys:
            self.key_cluster[k] = keep
        self.members[keep].extend(keys)
        self.names[keep].update(self.names.pop(gone, Counter()))
        for acr in self.cluster_acronyms.pop(gone, set()):
            self.acronyms[acr].discard(gone)
            self.acronyms[acr].add(keep)
            self.cluster_acronyms[keep].add(acr)

    def find(self, name: str) -> int | None:
        """The cluster of a name, or None."""
        return self.key_cluster.get(self._key(name))

    def _key(self, name: str) -> str:
        """A name's key; a Chinese name the curated list puts in English, by its English name's: a
        page in Chinese and one in English name one body ("中国乡村发展基金会", China Foundation for
        Rural Development), and a question in either language finds both."""
        english = self.gazetteer.orgs_zh.get(name) if self.gazetteer is not None else None
        return _org_key(english or name)

    def merge_acronym_variants(self) -> None:
        """Merge names that differ only by an acronym written out or a unit's word order: "Myanmar
        Office of CFPD", "Myanmar Office of the China Foundation for Peace and Development" and "CFPD
        Myanmar Office" are one office.

        An acronym counts only when it stands for one profile; a unit ("office", "branch",
        "department", "secretariat", "committee", "bureau") "of" its owner reads as the owner's unit.
        """
        full: dict[str, str] = {}
        for acr, cids in self.acronyms.items():
            if len(cids) == 1:
                keys = [k for k in self.members.get(next(iter(cids)), []) if len(k.split()) > 1]
                if keys:
                    full[acr.lower()] = max(keys, key=len)

        def norm(key: str) -> str:
            k = " ".join(full.get(w, w) for w in key.split())
            m = re.fullmatch(r"(.+?) of (?:the )?(.+)", k)
            if m and m.group(1).split()[-1] in _UNIT_HEADS:
                k = f"{m.group(2)} {m.group(1)}"
            return k

        groups: dict[str, list[str]] = defaultdict(list)
        for key in list(self.key_cluster):
            groups[norm(key)].append(key)
        for keys in groups.values():
            if len(keys) < 2:
                continue
            for other in keys[1:]:
                keep, gone = self.key_cluster[keys[0]], self.key_cluster[other]
                if keep != gone:
                    self._merge(keep, gone)

    def merge_place_variants(self, gazetteer: Gazetteer) -> None:
        """Merge a name printed without the place that heads it elsewhere, or with the place after it:
        "Peaceland Foundation" and "Mammoth Foundation of Shenzhen" are the "Beijing Peaceland
        Foundation" and the "Shenzhen Mammoth Foundation".

        Only when the name holds a coined word (no word of English: "Peaceland", "Guangming") that
        tells the body apart, and only one placed name matches: "Red Cross Society" or "Dragon Design
        Foundation" could be any city's.
        """
        from wordfreq import zipf_frequency  # which words are English; loaded on first use

        placed: dict[str, list[int]] = defaultdict(list)  # the key without its place -> clusters
        for key, cid in list(self.key_cluster.items()):
            words = key.split()
            for size in (1, 2):
                if len(words) > size + 1 and gazetteer.lookup(" ".join(words[:size])) is not None:
                    placed[" ".join(words[size:])].append(cid)
        for key, cid in list(self.key_cluster.items()):
            words = key.split()
            bare = key
            m = re.fullmatch(r"(.+?) (?:of|in) (\w+(?: \w+)?)", key)
            if m and gazetteer.lookup(m.group(2)) is not None:
                bare = m.group(1)  # "mammoth foundation of shenzhen" ~ "shenzhen mammoth foundation"
            owners = {c for c in placed.get(bare, []) if c != cid}
            if len(owners) != 1 or not any(zipf_frequency(w, "en") < _COINED_ZIPF and len(w) >= 4
                                           for w in bare.split()):
                continue
            keep = next(iter(owners))
            if self.key_cluster.get(key) == cid and keep in self.members:
                self._merge(keep, cid)


class _PersonIndex:
    """Merges spelling variants of one person's name: one profile per name.

    A new name is compared only with the earlier names that have as many words and share their last
    word (surname) or their first; of those at least 90 similar, the earliest wins, as it did when
    every earlier name was compared.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}  # key -> person id, in the order keys came
        self.order: dict[str, int] = {}
        self.blocks: dict[tuple[str, int, str], list[str]] = defaultdict(list)
        self.names: dict[int, Counter[str]] = defaultdict(Counter)

    def add(self, name: str) -> int:
        """The person id of a name; counts the spelling."""
        key = _person_key(name)
        pid = self.ids.get(key)
        if pid is None:
            parts = key.split()
            pid = self._similar(key, parts) or len(self.names) + 1
            self.ids[key] = pid
            self.order[key] = len(self.order)
            if parts:
                self.blocks[("last", len(parts), parts[-1])].append(key)
                self.blocks[("first", len(parts), parts[0])].append(key)
        self.names[pid][name] += 1
        return pid

    def _similar(self, key: str, parts: list[str]) -> int:
        if not parts:
            return 0
        best: str | None = None
        for block in (("last", len(parts), parts[-1]), ("first", len(parts), parts[0])):
            keys = self.blocks.get(block)
            if not keys:
                continue
            for _, _, i in process.extract_iter(key, keys, scorer=fuzz.ratio, score_cutoff=90):
                if best is None or self.order[keys[i]] < self.order[best]:
                    best = keys[i]
                break  # the block is in insertion order: its first match is its earliest
        return self.ids[best] if best is not None else 0

    def find(self, name: str) -> int:
        """The person id of a name added before."""
        return self.ids[_person_key(name)]

    def name(self, pid: int) -> str:
        """The most printed spelling of a person's name."""
        return self.names[pid].most_common(1)[0][0]


# A body's unit, named "<unit> of <owner>" or "<owner> <unit>".
_UNIT_HEADS = {"office", "branch", "department", "secretariat", "committee", "bureau"}
# A word rarer than this in English (wordfreq's Zipf scale) is coined: a body's own name ("Peaceland").
_COINED_ZIPF = 3.0


@lru_cache(maxsize=65536)
def _org_key(name: str) -> str:
    # Memoised: the same names come back in every report, and a key is a few regex substitutions.
    return org_key(name)


def _has_word(text: str, part: str) -> bool:
    """Whether ``part`` occurs in ``text`` between word boundaries: ``re.search(rf"\\b{re.escape(part)}\\b",
    text)`` without compiling a pattern per name (thousands of them in a large corpus, each used a
    few times). A boundary lies between a word character (``str.isalnum()`` or "_", as re reads
    ``\\w``) and a character that is none, or the text's start or end."""
    if not part:
        return any(_is_boundary(text, i) for i in range(len(text) + 1))
    at = text.find(part)
    while at >= 0:
        if _is_boundary(text, at) and _is_boundary(text, at + len(part)):
            return True
        at = text.find(part, at + 1)
    return False


def _is_boundary(text: str, i: int) -> bool:
    before = i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")
    after = i < len(text) and (text[i].isalnum() or text[i] == "_")
    return before != after


@lru_cache(maxsize=65536)
def _person_key(name: str) -> str:
    # Chinese characters are kept: a Chinese name ("杨万明") is a key of its own, not an empty one
    return re.sub(r"[^a-z\u3400-\u9fff ]", "", name.lower().replace("’", "'").replace("-", " "))


def _profiles(raw: list[RawEvent], gazetteer: Gazetteer,
              masthead: list[tuple[Report, PersonMentionRaw, Source]] | None = None,
              ) -> tuple[list[Event], list[Organisation], list[Person]]:
    index = _OrgIndex(gazetteer)
    for ev in raw:
        for name, acr in ev.acronym_defs:
            index.define(name, acr)
    for ev in raw:
        for name, _ in ev.orgs:
            index.add(name)
    referenced = {a for ev in raw for a in ev.acronym_refs}
    for acr, name in known_acronyms().items():
        if acr in referenced or index.find(name) is not None:
            if acr not in index.acronyms:
                index.define(name, acr)
    # An acronym printed where an organisation stands ("the Amity Foundation, SANCO, ...", "President
    # of SANCO") and spelled out nowhere is an organisation of its own, named by its acronym.
    for ev in raw:
        for acr in ev.acronym_orgs:
            if acr not in index.acronyms and index.find(acr) is None:
                index.define(acr, acr)

    index.merge_place_variants(gazetteer)
    index.merge_acronym_variants()

    # People: one profile per name, spelling variants of one name merged.
    persons = _PersonIndex()
    masthead = masthead or []
    for p in [p for ev in raw for p in ev.people] + [p for _, p, _ in masthead]:
        persons.add(p.name)
    person_names = persons.names
    # Each person's most printed spelling, once: every mention of them is named by it.
    person_name = {pid: names.most_common(1)[0][0] for pid, names in person_names.items()}

    events: list[Event] = []
    org_events: dict[int, list[int]] = defaultdict(list)
    org_partners: dict[int, Counter[int]] = defaultdict(Counter)
    person_events: dict[int, list[int]] = defaultdict(list)
    person_titles: dict[int, list[PersonTitle]] = defaultdict(list)
    org_people: dict[int, dict[int, str]] = defaultdict(dict)
    descriptions: dict[int, tuple[str, object]] = {}
    # (a profile is named in English where one of its names is: the bot answers in English)
    canonical = {cid: max(names.items(), key=lambda kv: (not CJK.search(kv[0]), kv[1], len(kv[0])))[0]
                 for cid, names in index.names.items()}

    report_clusters: dict[str, set[int]] = defaultdict(set)
    for ev in raw:
        for name, _ in ev.orgs:
            cid = index.find(name)
            if cid:
                report_clusters[ev.report_id].add(cid)

    # The Chinese names of the organisations the curated list knows: a Chinese title names them so.
    zh_of_key: dict[str, list[str]] = defaultdict(list)
    for zh_name, en_name in gazetteer.orgs_zh.items():
        zh_of_key[_org_key(en_name)].append(zh_name)
    for n, ev in enumerate(raw, 1):
        mentions: dict[int, OrgMention] = {}
        for name, role in ev.orgs:
            cid = index.find(name)
            if cid and cid not in mentions:
                mentions[cid] = OrgMention(cid, canonical[cid], role)
        for acr in ev.acronym_refs:
            clusters = index.acronyms.get(acr, set())
            if len(clusters) > 1:  # an acronym two organisations share: the one this report names
                clusters = clusters & report_clusters[ev.report_id] or set()
            if len(clusters) > 1:  # ... and of those, the one the item's own words point to
                ranked = sorted(clusters)
                pick = acronym_by_context(ev.text, ev.places, [index.names[c] for c in ranked], gazetteer)
                clusters = {ranked[pick]} if pick is not None else clusters
            for cid in clusters:
                if cid not in mentions and cid in canonical:
                    mentions[cid] = OrgMention(cid, canonical[cid], None)
        people: list[PersonMention] = []
        for p in ev.people:
            pid = persons.find(p.name)
            people.append(PersonMention(pid, person_name[pid], p.title))
            person_events[pid].append(n)
            if p.title:
                title_org = None
                for cid in mentions:
                    names = [canonical[cid], *index.cluster_acronyms.get(cid, ())]
                    if any(_has_word(p.title, x) for x in names) or any(
                            _org_key(x) in _org_key(p.title) for x in index.names[cid]) or any(
                            z in p.title for k in index.members[cid] for z in zh_of_key.get(k, ())) or any(
                            CJK.search(x) and x in p.title for x in names):
                        title_org = cid
                        org_people[cid].setdefault(pid, p.title)
                        break
                person_titles[pid].append(PersonTitle(p.title, title_org, ev.source,
                                                      ev.date.start if ev.date else None))
        for cid in mentions:
            org_events[cid].append(n)
            for other in mentions:
                if other != cid:
                    org_partners[cid][other] += 1
        for subject, sentence in ev.descriptions:
            cid = index.find(subject)
            if cid is None:
                acr = subject.strip()
                ids = index.acronyms.get(acr, set())
                cid = next(iter(ids)) if len(ids) == 1 else None
            if cid and cid not in descriptions:
                descriptions[cid] = (sentence, ev.source)
        places = tuple(ev.places)
        events.append(Event(n, ev.report_id, ev.title, ev.date, places, tuple(mentions.values()),
                            tuple(people), tuple(ev.figures), ev.summary, ev.text, ev.source))

    # A masthead's editors work for the publisher: their titles name it when it has a profile.
    for report, p, source in masthead:
        pid = persons.find(p.name)
        publisher = index.find(re.sub(r"\s*\([^)]*\)", "", report.publisher).split(",")[0])
        person_titles[pid].append(PersonTitle(p.title or "", publisher, source, None))
        if publisher is not None and p.title and "Chief" in p.title:
            org_people[publisher].setdefault(pid, p.title)

    def sort_key(event_id: int) -> str:
        d = events[event_id - 1].date
        return d.start if d else ""

    # The Chinese name of a profile: the first glossary entry whose English name is one of its names.
    zh_by_key: dict[str, str] = {}
    for zh_name, en_name in gazetteer.orgs_zh.items():
        zh_by_key.setdefault(_org_key(en_name), zh_name)
    orgs: list[Organisation] = []
    for cid, name in canonical.items():
        if not org_events.get(cid) and cid not in descriptions:
            continue
        names = index.names[cid]
        acronyms = tuple(sorted(index.cluster_acronyms.get(cid, ())))
        aliases = tuple(sorted(n for n in names if n != name))
        zh = next((zh_by_key[k] for k in map(_org_key, (name, *aliases)) if k in zh_by_key), None)
        desc = descriptions.get(cid)
        first_event = org_events[cid][0] if org_events.get(cid) else None
        partners = tuple((o, canonical[o]) for o, _ in org_partners[cid].most_common(10) if o in canonical)
        orgs.append(Organisation(
            cid, name, acronyms, aliases, zh, *_kind_country(name, gazetteer),
            desc[0] if desc else None, desc[1] if desc else None,  # type: ignore[arg-type]
            tuple((pid, person_name[pid], t) for pid, t in org_people[cid].items()),
            tuple(sorted(dict.fromkeys(org_events.get(cid, [])), key=sort_key)), partners,
            events[first_event - 1].source if first_event else None))
    people_out = [Person(pid, person_name[pid], tuple(person_titles[pid]),
                         tuple(sorted(dict.fromkeys(person_events[pid]), key=sort_key)))
                  for pid in person_names]
    return events, orgs, people_out
