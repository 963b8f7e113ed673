"""The whole extraction: a reports folder in, reports, events and profiles out (no database here)."""
from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from knowledge.catalog import CatalogEntry, load_catalog
from knowledge.errors import ReportReadError
from knowledge.extract import (
    PersonMentionRaw,
    RawEvent,
    extract_events,
    known_acronyms,
    masthead_people,
    org_key,
    org_kind,
)
from knowledge.formats import FORMAT_READERS
from knowledge.gazetteer import HOME_COUNTRY, Gazetteer, default_gazetteer
from knowledge.ingest import TEXT_SUFFIXES, Document, read_document
from knowledge.records import (
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
    """Everything extracted from a reports folder, ready to be stored."""

    reports: list[Report]
    events: list[Event]
    orgs: list[Organisation]
    people: list[Person]
    warnings: list[str] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)


REPORT_SUFFIXES = TEXT_SUFFIXES | set(FORMAT_READERS)


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


def _report(path: Path, doc: Document, entry: CatalogEntry | None) -> Report:
    title = (entry.title if entry else None) or doc.title_guess or path.stem.replace("-", " ").title()
    issue = (entry.issue_date if entry else None) or doc.meta.get("date", "")[:10]
    if not issue:
        years = re.findall(r"\b((?:19|20)\d{2})\b", title)
        issue = years[-1] if years else ""
    publisher = (entry.publisher if entry else None) or doc.meta.get("source") or ""
    return Report(
        id=path.stem, file=path.name, title=title, series=(entry.series if entry else None) or title,
        publisher=publisher, issue_date=issue, url=entry.url if entry else None,
        language=entry.language if entry else "en", content_hash=doc.text_hash,
        title_zh=entry.title_zh if entry else None,
        covers_start=entry.covers_start if entry else None, covers_end=entry.covers_end if entry else None,
        tagline=_tagline(doc.front_matter, title, publisher))


def build_corpus(reports_dir: Path, gazetteer: Gazetteer | None = None) -> Corpus:
    """Read every report of a folder and extract its records; unreadable files become warnings."""
    gazetteer = gazetteer or default_gazetteer()
    catalog = load_catalog(reports_dir)
    reports: list[Report] = []
    raw: list[RawEvent] = []
    warnings: list[str] = []
    documents: dict[str, Document] = {}
    masthead: list[tuple[Report, PersonMentionRaw, Source]] = []
    for path in report_files(reports_dir):
        try:
            doc = read_document(path)
        except ReportReadError as exc:
            warnings.append(f"skipped {exc}")
            log.warning("skipped %s", exc)
            continue
        report = _report(path, doc, catalog.get(path.name))
        if not doc.blocks:
            warnings.append(f"skipped {path.name}: no paragraphs of text found")
            continue
        reports.append(report)
        documents[report.id] = doc
        raw.extend(extract_events(doc, report, gazetteer))
        source = Source(report.id, report.title, report.issue_date, section="Masthead", page=None)
        masthead.extend((report, p, source) for p in masthead_people(doc, report.series or report.title))
    for name in catalog:
        if not (reports_dir / name).exists():
            warnings.append(f"catalog lists {name}, which is not in the folder")
    events, orgs, people = _profiles(raw, gazetteer, masthead)
    return Corpus(reports, events, orgs, people, warnings, documents)


# --- organisations ---------------------------------------------------------------------------------

def _org_country(name: str, gazetteer: Gazetteer) -> str | None:
    matches = gazetteer.find(name)
    if not matches:
        return None
    first = matches[0]
    bilateral = re.match(r"^(?:The\s+)?([\w' ]+?)-([\w' ]+?)\s", name)
    if bilateral and len(matches) >= 2 and first.place.country == HOME_COUNTRY:
        return HOME_COUNTRY
    return first.place.country


class _OrgIndex:
    """Clusters organisation names into profiles: same key, or same acronym and a similar name."""

    def __init__(self) -> None:
        self.key_cluster: dict[str, int] = {}
        self.names: dict[int, Counter[str]] = defaultdict(Counter)
        self.acronyms: dict[str, set[int]] = defaultdict(set)
        self.cluster_acronyms: dict[int, set[str]] = defaultdict(set)

    def add(self, name: str) -> int:
        key = org_key(name)
        cid = self.key_cluster.get(key)
        if cid is None:
            cid = len(self.names) + 1
            self.key_cluster[key] = cid
        self.names[cid][name] += 1
        return cid

    def define(self, name: str, acronym: str) -> None:
        cid = self.add(name)
        key = org_key(name)
        for other in list(self.acronyms.get(acronym, ())):
            if other == cid:
                continue
            other_keys = [k for k, c in self.key_cluster.items() if c == other]
            if any(fuzz.token_set_ratio(key, k) >= 88 for k in other_keys):
                self._merge(other, cid)
                cid = other
        self.acronyms[acronym].add(cid)
        self.cluster_acronyms[cid].add(acronym)

    def _merge(self, keep: int, gone: int) -> None:
        for k, c in self.key_cluster.items():
            if c == gone:
                self.key_cluster[k] = keep
        self.names[keep].update(self.names.pop(gone, Counter()))
        for acr in self.cluster_acronyms.pop(gone, set()):
            self.acronyms[acr].discard(gone)
            self.acronyms[acr].add(keep)
            self.cluster_acronyms[keep].add(acr)

    def find(self, name: str) -> int | None:
        return self.key_cluster.get(org_key(name))


def _person_key(name: str) -> str:
    return re.sub(r"[^a-z ]", "", name.lower().replace("’", "'").replace("-", " "))


def _profiles(raw: list[RawEvent], gazetteer: Gazetteer,
              masthead: list[tuple[Report, PersonMentionRaw, Source]] | None = None,
              ) -> tuple[list[Event], list[Organisation], list[Person]]:
    index = _OrgIndex()
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

    # People: one profile per name, spelling variants of one name merged.
    person_ids: dict[str, int] = {}
    person_names: dict[int, Counter[str]] = defaultdict(Counter)
    masthead = masthead or []
    for p in [p for ev in raw for p in ev.people] + [p for _, p, _ in masthead]:
        key = _person_key(p.name)
        if key in person_ids:
            pid = person_ids[key]
        else:
            pid = next((i for k, i in person_ids.items()
                        if len(k.split()) == len(key.split()) and fuzz.ratio(k, key) >= 90
                        and (k.split()[-1] == key.split()[-1] or k.split()[0] == key.split()[0])), 0)
            pid = pid or len(person_names) + 1
            person_ids[key] = pid
        person_names[pid][p.name] += 1

    events: list[Event] = []
    org_events: dict[int, list[int]] = defaultdict(list)
    org_partners: dict[int, Counter[int]] = defaultdict(Counter)
    person_events: dict[int, list[int]] = defaultdict(list)
    person_titles: dict[int, list[PersonTitle]] = defaultdict(list)
    org_people: dict[int, dict[int, str]] = defaultdict(dict)
    descriptions: dict[int, tuple[str, object]] = {}
    canonical = {cid: max(names.items(), key=lambda kv: (kv[1], len(kv[0])))[0] for cid, names in index.names.items()}

    report_clusters: dict[str, set[int]] = defaultdict(set)
    for ev in raw:
        for name, _ in ev.orgs:
            cid = index.find(name)
            if cid:
                report_clusters[ev.report_id].add(cid)

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
            for cid in clusters:
                if cid not in mentions and cid in canonical:
                    mentions[cid] = OrgMention(cid, canonical[cid], None)
        people: list[PersonMention] = []
        for p in ev.people:
            pid = person_ids[_person_key(p.name)]
            people.append(PersonMention(pid, person_names[pid].most_common(1)[0][0], p.title))
            person_events[pid].append(n)
            if p.title:
                title_org = None
                for cid in mentions:
                    names = [canonical[cid], *index.cluster_acronyms.get(cid, ())]
                    if any(re.search(rf"\b{re.escape(x)}\b", p.title) for x in names) or any(
                            org_key(x) in org_key(p.title) for x in index.names[cid]):
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
        pid = person_ids[_person_key(p.name)]
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
        zh_by_key.setdefault(org_key(en_name), zh_name)
    orgs: list[Organisation] = []
    for cid, name in canonical.items():
        if not org_events.get(cid) and cid not in descriptions:
            continue
        names = index.names[cid]
        acronyms = tuple(sorted(index.cluster_acronyms.get(cid, ())))
        aliases = tuple(sorted(n for n in names if n != name))
        zh = next((zh_by_key[k] for k in map(org_key, (name, *aliases)) if k in zh_by_key), None)
        desc = descriptions.get(cid)
        first_event = org_events[cid][0] if org_events.get(cid) else None
        partners = tuple((o, canonical[o]) for o, _ in org_partners[cid].most_common(10) if o in canonical)
        orgs.append(Organisation(
            cid, name, acronyms, aliases, zh, org_kind(name), _org_country(name, gazetteer),
            desc[0] if desc else None, desc[1] if desc else None,  # type: ignore[arg-type]
            tuple((pid, person_names[pid].most_common(1)[0][0], t) for pid, t in org_people[cid].items()),
            tuple(sorted(dict.fromkeys(org_events.get(cid, [])), key=sort_key)), partners,
            events[first_event - 1].source if first_event else None))
    people_out = [Person(pid, names.most_common(1)[0][0], tuple(person_titles[pid]),
                         tuple(sorted(dict.fromkeys(person_events[pid]), key=sort_key)))
                  for pid, names in person_names.items()]
    return events, orgs, people_out
