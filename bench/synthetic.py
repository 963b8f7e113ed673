"""``python -m bench synthetic``: how fast the answerer is on synthetic corpora of up to 100,000 events.

Measures, in one run:
- the bundled corpus: store build time (extraction included), store size, per-question latency
  p50 / p95 / max in one warm process, peak memory;
- synthetic corpora of 1,000 to 100,000 events grown from the bundled ones (see ``synthetic_corpus``):
  store build time, store size, peak memory, latency p50 / p95 over a fixed mix of question kinds;
- cold start: ``python -m bot ask`` from process start to the answer printed, with a built store;
- end to end: questions per second through the Telegram application against the fake Bot API server
  on 127.0.0.1, started as its own process from the module file ``--fake-api`` names (by default
  ``$BENCH_FAKE_BOT_API``, or ``tests/fake_bot_api.py`` of the checkout the command runs in; it needs
  aiohttp, a test dependency). Without it ``end_to_end`` says "pending".

The scaled corpora of real text (``python -m bench``) are in ``bench.scaled``.

Every store is built in one process and questioned in another, as the bot opens a store that
`python -m bot build` wrote, so that each has its own peak memory. Synthetic corpora are generated
data: they are written to a temporary folder and deleted afterwards.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, overload

import yaml

from knowledge.dates import MONTH_NAMES
from knowledge.gazetteer import HOME_COUNTRY, default_gazetteer
from knowledge.records import (
    DateSpan,
    Event,
    Organisation,
    OrgMention,
    Person,
    PersonMention,
    PersonTitle,
    Place,
    Source,
)
from knowledge.service import KnowledgeBase, build_store
from knowledge.store import write_store

if TYPE_CHECKING:
    from knowledge.build import Corpus

log = logging.getLogger(__name__)

DEFAULT_SIZES = (1000, 10_000, 100_000)
EVENTS_PER_REPORT = 50  # a synthetic issue holds about as many events as a bundled one (197 in 5)
# Names: a new organisation or person is coined with probability (THETA + DISCOUNT * K) / (THETA + n)
# after n mentions and K names (a Pitman-Yor process): the name index grows like n ** DISCOUNT, as
# names do in news text, and about as fast as in the bundled reports at their size (743 organisations
# for 1,016 mentions).
THETA = 300.0
DISCOUNT = 0.6

# A mixed list for a bench run without --questions: every kind of question the bot answers.
BUILTIN_QUESTIONS = [
    "what is CNIE?", "What is CFPA?", "who is Liu Hongcai?", "who is liu hongcay", "events in Cambodia in 2025",
    "what happened in march 2018?", "what happened in february 2018?", "how many masks were donated?",
    "how many bikes were donated in Cambodia?", "when was the China-Nepal online dialogue?",
    "peacland foundaton stoves", "where was the 2018 BRICS NGO forum held?", "who is elon musk?",
    "what did CAFIU do in Bhutan?", "summarise the weekly briefing", "summarise international understanding vol 1 2025",
    "reading china in cambodia - date and venue", "《国际交流》杂志的口号是什么？", "CPAFFC events",
    "who organised the friendship carnival in siem reap?",
]


# --- figures -------------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile of a list of numbers (p in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def load_questions(path: Path) -> list[str]:
    """Questions from a file: a YAML list of objects with a ``q`` key, or one question per line."""
    text = path.read_text(encoding="utf-8")
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, list) and loaded and all(isinstance(q, dict) and "q" in q for q in loaded):
        return [str(q["q"]) for q in loaded]
    return [line for line in text.splitlines() if line.strip()]


def latency(rounds: list[list[float]]) -> dict[str, float]:
    """p50 / p95 / max over every round, and the p95 of the first round alone (each question new)."""
    times = [t for r in rounds for t in r]
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 95), 2),
            "max_ms": round(max(times), 2), "first_p95_ms": round(percentile(rounds[0], 95), 2)}


# --- synthetic corpora ---------------------------------------------------------------------------

_SYLLABLE = re.compile(r"^([^aeiou]*[aeiou]+(?:ng|n|r)?)(.+)$")
_KEEP_WORDS = {"of", "for", "and", "the", "in", "on", "to", "de", "la", "at", "&"}


class _Coiner:
    """New organisation and person names recombined from the bundled ones, never repeated."""

    def __init__(self, base: Corpus, rnd: random.Random) -> None:
        self.rnd = rnd
        self.gazetteer = default_gazetteer()
        self.taken: set[str] = {o.name.lower() for o in base.orgs} | {p.name.lower() for p in base.people}
        self.words = sorted({w for o in base.orgs for w in o.name.split()
                             if w[:1].isupper() and w.isalpha() and len(w) > 2 and not self._is_place(w)})
        places = sorted(set(self.gazetteer.by_surface.values()), key=lambda p: (p.kind, p.name))
        self.places: dict[str, list[Place]] = defaultdict(list)
        for p in places:
            if p.country != HOME_COUNTRY or p.kind != "country":
                self.places[p.kind].append(p)
        names = [p.name.split() for p in base.people if 2 <= len(p.name.split()) <= 3 and p.name.replace(" ", "").isalpha()]
        self.first = sorted({n[0] for n in names})
        self.last = sorted({n[-1] for n in names})
        self.syllables = ([m.group(1) for w in self.last if (m := _SYLLABLE.match(w))],
                          [m.group(2) for w in self.last if (m := _SYLLABLE.match(w))])

    def _is_place(self, word: str) -> bool:
        return word in self.gazetteer.by_surface

    def place(self, like: Place) -> Place:
        if like.name == HOME_COUNTRY:
            return like
        pool = self.places.get(like.kind) or self.places["country"]
        return self.rnd.choice(pool)

    def org_name(self, like: str) -> str:
        for _ in range(30):
            out = []
            for w in like.split():
                bare = w.strip(",.()\"'")
                if bare.lower() in _KEEP_WORDS or not bare[:1].isupper():
                    out.append(w)
                elif self._is_place(bare):
                    out.append(w.replace(bare, self.place(self.gazetteer.by_surface[bare]).name))
                elif self.rnd.random() < 0.4:
                    out.append(self.rnd.choice(self.words))
                else:
                    out.append(w)
            if self.rnd.random() < 0.5:
                out.insert(0, self.place(Place("", "city", "")).name)
            name = " ".join(out)
            if name.lower() not in self.taken:
                self.taken.add(name.lower())
                return name
        name = f"{like} of {self.place(Place('', 'city', '')).name} {len(self.taken)}"
        self.taken.add(name.lower())
        return name

    def person_name(self) -> str:
        for _ in range(30):
            first = self.rnd.choice(self.first)
            if self.rnd.random() < 0.6 and self.syllables[0]:
                last = self.rnd.choice(self.syllables[0]) + self.rnd.choice(self.syllables[1])
            else:
                last = self.rnd.choice(self.last)
            name = f"{first} {last.capitalize()}"
            if name.lower() not in self.taken:
                self.taken.add(name.lower())
                return name
        name = f"{self.rnd.choice(self.first)} {chr(65 + len(self.taken) % 26)}. {self.rnd.choice(self.last)}"
        self.taken.add(name.lower())
        return name


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _span(start: date, template: DateSpan) -> DateSpan:
    """A date span of the template's precision and length that starts on ``start``."""
    t0 = date.fromisoformat((template.start + "-01-01")[:10]) if len(template.start) < 10 else date.fromisoformat(template.start)
    t1 = date.fromisoformat((template.end + "-01-01")[:10]) if len(template.end) < 10 else date.fromisoformat(template.end)
    end = start + max(t1 - t0, timedelta(0))
    size = {"day": 10, "month": 7, "year": 4}.get(template.precision, 10)
    return DateSpan(start.isoformat()[:size], end.isoformat()[:size], template.precision)


class _Substitution:
    """Replaces whole words of a template text (names, places, a year, a month) in one pass."""

    _patterns: ClassVar[dict[tuple[str, ...], re.Pattern[str]]] = {}  # one per set of words: a template's events share it

    def __init__(self, pairs: dict[str, str]) -> None:
        pairs = {old: new for old, new in pairs.items() if old and old != new}
        self.pairs = pairs
        key = tuple(sorted(pairs, key=lambda o: (-len(o), o)))
        pattern = self._patterns.get(key)
        if pattern is None and key:
            pattern = self._patterns[key] = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, key)) + r")(?![\w])")
        self.pattern = pattern

    def __call__(self, text: str | None) -> str | None:
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.pairs[m.group(0)], text)


def synthetic_corpus(base: Corpus, n_events: int, seed: int = 5) -> Corpus:
    """A corpus of ``n_events`` events: the bundled ones, then events made from them.

    Each new event copies a bundled event's text and structure with a new date, new places (of the
    same kind, from the gazetteer) and organisations and people that are either new names
    recombined from the bundled ones or names already in the corpus (a Pitman-Yor process decides,
    so the name index grows the way it does with more reports, not by repeating one text). New
    events are grouped into new issues of the bundled series, spread over 2005-2030. The result
    is records, ready for ``write_store``.
    """
    from knowledge.build import Corpus  # here: `python -m bot ask` imports this module, not the readers

    rnd = random.Random(seed)
    coin = _Coiner(base, rnd)
    templates = [e for e in base.events if e.text]
    base_orgs = {o.id: o for o in base.orgs}
    base_people = {p.id: p for p in base.people}
    n_new = max(0, n_events - len(base.events))
    n_reports = max(1, math.ceil(n_new / EVENTS_PER_REPORT)) if n_new else 0
    first_day, last_day = date(2005, 1, 1), date(2030, 12, 31)
    reports = list(base.reports)
    for k in range(n_reports):
        t = base.reports[k % len(base.reports)]
        issue = first_day + timedelta(days=(last_day - first_day).days * (k + 1) // (n_reports + 1))
        title = re.sub(r"\b(?:19|20)\d{2}(?:\.\d+-(?:19|20)\d{2}\.\d+)?\b", str(issue.year), t.title)
        title, numbered = re.subn(r"\b(?:Vol|No)\.\s*\d+(?:-\d+)?", f"No. {k + 1}", title)
        if not numbered:
            title = f"{title}, No. {k + 1}"
        reports.append(replace(t, id=f"synthetic-{k + 1:05d}", file=f"synthetic-{k + 1:05d}.txt", title=title,
                               issue_date=issue.isoformat(), url=None, content_hash=f"synthetic-{seed}-{k}",
                               covers_start=None, covers_end=None))
    # Names: every organisation and person starts with its bundled mentions.
    org_names: dict[int, str] = {o.id: o.name for o in base.orgs}
    org_acronyms: dict[int, tuple[str, ...]] = {o.id: o.acronyms for o in base.orgs}
    org_like: dict[int, int] = {o.id: o.id for o in base.orgs}  # the bundled profile a new one copies
    person_names: dict[int, str] = {p.id: p.name for p in base.people}
    org_draws = [m.org_id for e in base.events for m in e.organizations]
    person_draws = [m.person_id for e in base.events for m in e.people]
    next_org = max(org_names, default=0) + 1
    next_person = max(person_names, default=0) + 1

    def pick_org(like: int) -> int:
        nonlocal next_org
        n, k = len(org_draws), len(org_names)
        if not org_draws or rnd.random() < (THETA + DISCOUNT * k) / (THETA + n):
            oid, next_org = next_org, next_org + 1
            org_names[oid] = coin.org_name(org_names[like])
            org_like[oid] = org_like[like]
            org_acronyms[oid] = (_acronym(org_names[oid]),) if org_acronyms.get(like) else ()
        else:
            oid = rnd.choice(org_draws)
        org_draws.append(oid)
        return oid

    def pick_person() -> int:
        nonlocal next_person
        n, k = len(person_draws), len(person_names)
        if not person_draws or rnd.random() < (THETA + DISCOUNT * k) / (THETA + n):
            pid, next_person = next_person, next_person + 1
            person_names[pid] = coin.person_name()
        else:
            pid = rnd.choice(person_draws)
        person_draws.append(pid)
        return pid

    specs: list[_Spec] = []
    dates: dict[int, str] = {e.id: e.date.start if e.date else "" for e in base.events}
    org_events: dict[int, list[int]] = defaultdict(list)
    org_partners: dict[int, Counter[int]] = defaultdict(Counter)
    org_people: dict[int, dict[int, str]] = defaultdict(dict)
    org_description: dict[int, tuple[str, Source]] = {}
    person_events: dict[int, list[int]] = defaultdict(list)
    person_titles: dict[int, list[PersonTitle]] = defaultdict(list)
    for e in base.events:
        for m in e.organizations:
            org_events[m.org_id].append(e.id)
        for pm in e.people:
            person_events[pm.person_id].append(e.id)
    next_event = max((e.id for e in base.events), default=0) + 1
    for i in range(n_new):
        t_index = rnd.randrange(len(templates))
        t = templates[t_index]
        report = reports[len(base.reports) + i // EVENTS_PER_REPORT]
        issue = date.fromisoformat(report.issue_date)
        new_date = _span(issue - timedelta(days=rnd.randrange(0, 180)), t.date) if t.date else None
        pairs: dict[str, str] = {}
        places = []
        for p in t.places:
            q = coin.place(p)
            places.append(q)
            pairs[p.name] = q.name
        mentions: list[OrgMention] = []
        mapped: dict[int, int] = {}
        for m in t.organizations:
            oid = pick_org(m.org_id)
            if oid in mapped.values():
                continue
            mapped[m.org_id] = oid
            mentions.append(OrgMention(oid, org_names[oid], m.role))
            template = base_orgs.get(m.org_id)
            for surface in (template.aliases if template else ()) + (m.name,):
                pairs[surface] = org_names[oid]
            for acr in template.acronyms if template else ():
                pairs[acr] = org_acronyms[oid][0] if org_acronyms.get(oid) else org_names[oid]
        people_map: dict[int, int] = {}
        for p in t.people:
            if p.person_id not in people_map:
                people_map[p.person_id] = pick_person()
            pairs[p.name] = person_names[people_map[p.person_id]]
        if t.date and new_date:
            pairs[t.date.start[:4]] = new_date.start[:4]
            if t.date.precision != "year":
                pairs[MONTH_NAMES[int(t.date.start[5:7])]] = MONTH_NAMES[int(new_date.start[5:7])]
        sub = _Substitution(pairs)
        source = Source(report.id, report.title, report.issue_date, sub(t.source.section), t.source.page)
        people = tuple(PersonMention(people_map[p.person_id], person_names[people_map[p.person_id]], sub(p.title))
                       for p in t.people)
        eid, next_event = next_event, next_event + 1
        specs.append(_Spec(eid, t_index, report.id, new_date, tuple(dict.fromkeys(places)), tuple(mentions), people,
                           tuple(sub.pairs.items()), source))
        dates[eid] = new_date.start if new_date else ""
        for m in mentions:
            org_events[m.org_id].append(eid)
            for other in mentions:
                if other.org_id != m.org_id:
                    org_partners[m.org_id][other.org_id] += 1
        for old, oid in mapped.items():
            template = base_orgs.get(old)
            if template is None:
                continue
            if template.description and oid not in org_description and oid not in base_orgs:
                org_description[oid] = (sub(template.description) or "", source)
            for pid, _, title in template.people:
                if pid in people_map:
                    org_people[oid].setdefault(people_map[pid], sub(title) or title)
        for pm in people:
            person_events[pm.person_id].append(eid)
            if pm.title:
                org_id = next((mapped.get(o.org_id) for o in t.organizations if o.name in (pm.title or "")), None)
                person_titles[pm.person_id].append(PersonTitle(pm.title, org_id, source, new_date.start if new_date else None))

    def by_date(ids: list[int]) -> tuple[int, ...]:
        return tuple(sorted(dict.fromkeys(ids), key=dates.__getitem__))

    orgs: list[Organisation] = []
    for oid, name in org_names.items():
        if oid in base_orgs:
            o = base_orgs[oid]
            partners = o.partners + tuple((p, org_names[p]) for p, _ in org_partners[oid].most_common(10)
                                          if p not in {x for x, _ in o.partners})
            orgs.append(replace(o, event_ids=by_date(org_events[oid]), partners=partners[:10]))
            continue
        if not org_events.get(oid):
            continue
        like = base_orgs.get(org_like[oid])
        desc = org_description.get(oid)
        first = specs[org_events[oid][0] - specs[0].id].source
        orgs.append(Organisation(
            oid, name, org_acronyms.get(oid, ()), (), None, like.kind if like else "organisation",
            like.country if like else None, desc[0] if desc else None, desc[1] if desc else None,
            tuple((pid, person_names[pid], title) for pid, title in org_people[oid].items()),
            by_date(org_events[oid]), tuple((p, org_names[p]) for p, _ in org_partners[oid].most_common(10)),
            first))
    people_out: list[Person] = []
    for pid, name in person_names.items():
        if pid in base_people:
            p = base_people[pid]
            people_out.append(replace(p, titles=p.titles + tuple(person_titles[pid]), event_ids=by_date(person_events[pid])))
        elif person_events.get(pid):
            people_out.append(Person(pid, name, tuple(person_titles[pid]), by_date(person_events[pid])))
    events = _Events(list(base.events), templates, specs)
    return Corpus(reports, events, orgs, people_out, list(base.warnings))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _Spec:
    """A synthetic event without its text: the text is made again from its template when read."""

    id: int
    template: int
    report_id: str
    date: DateSpan | None
    places: tuple[Place, ...]
    organizations: tuple[OrgMention, ...]
    people: tuple[PersonMention, ...]
    pairs: tuple[tuple[str, str], ...]
    source: Source


class _Events(Sequence[Event]):
    """The events of a synthetic corpus, made one at a time as the store reads them: 100,000 events
    with their texts would take most of the memory the build is allowed."""

    def __init__(self, base: list[Event], templates: list[Event], specs: list[_Spec]) -> None:
        self.base, self.templates, self.specs = base, templates, specs

    def __len__(self) -> int:
        return len(self.base) + len(self.specs)

    def _make(self, spec: _Spec) -> Event:
        t = self.templates[spec.template]
        sub = _Substitution(dict(spec.pairs))
        return Event(spec.id, spec.report_id, sub(t.title) or t.title, spec.date, spec.places, spec.organizations,
                     spec.people, t.figures, sub(t.summary) or "", sub(t.text) or "", spec.source)

    @overload
    def __getitem__(self, i: int) -> Event: ...

    @overload
    def __getitem__(self, i: slice) -> list[Event]: ...

    def __getitem__(self, i: int | slice) -> Event | list[Event]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if i < len(self.base):
            return self.base[i]
        return self._make(self.specs[i - len(self.base)])

    def __iter__(self) -> Iterator[Event]:
        yield from self.base
        for spec in self.specs:
            yield self._make(spec)


def question_mix(base: Corpus, seed: int = 5) -> list[tuple[str, str]]:
    """A fixed mix of question kinds, made from the bundled corpus: the same questions at every size.

    Kinds: what (organisations, events), when, who (people, organisers), list (place and month),
    typo (misspelt names and words), not_found.
    """
    rnd = random.Random(seed)
    dated = [e for e in base.events if e.date and e.date.precision in ("day", "month") and len(e.title) < 120]
    with_place = [e for e in dated if any(p.country != HOME_COUNTRY for p in e.places)]
    acronyms = sorted({a for o in base.orgs for a in o.acronyms})
    people = sorted({p.name for p in base.people if len(p.name.split()) == 2 and p.titles})
    orgs = sorted({o.name for o in base.orgs if len(o.name.split()) >= 3 and o.event_ids})
    mix: list[tuple[str, str]] = []

    def sample(pool: list, k: int) -> list:
        return rnd.sample(pool, min(k, len(pool)))

    for a in sample(acronyms, 3):
        mix.append(("what", f"what is {a}?"))
    for e in sample(dated, 3):
        mix.append(("what", f"what happened at the {_title_words(e.title)}?"))
    for e in sample(dated, 6):
        mix.append(("when", f"when was the {_title_words(e.title)}?"))
    for name in sample(people, 3):
        mix.append(("who", f"who is {name}?"))
    for e in sample([e for e in dated if e.organizations], 3):
        mix.append(("who", f"who organised the {_title_words(e.title)}?"))
    for e in sample(with_place, 6):
        place = next(p for p in e.places if p.country != HOME_COUNTRY)
        assert e.date is not None
        month = f"{MONTH_NAMES[int(e.date.start[5:7])]} {e.date.start[:4]}"
        mix.append(("list", f"events in {place.name} in {month}"))
    for name in sample(people, 3):
        mix.append(("typo", f"who is {_typo(name.lower(), rnd)}"))
    for name in sample(orgs, 3):
        mix.append(("typo", f"what did the {_typo(name.lower(), rnd)} do?"))
    for q in ("who is elon musk?", "what did CAFIU do in Bhutan?", "tell me about the china-mexico friendship concert",
              "when was the lunar base opening ceremony?", "how many penguins were donated in antarctica?",
              "who is zorblax quintillion?"):
        mix.append(("not_found", q))
    return mix


def _title_words(title: str) -> str:
    words = re.sub(r"[^\w' -]", " ", title).split()
    return " ".join(words[:10]).lower()


def _typo(text: str, rnd: random.Random) -> str:
    """The text with one letter of its longest word dropped or two neighbours swapped."""
    words = text.split()
    i = max(range(len(words)), key=lambda j: len(words[j]))
    w = words[i]
    k = rnd.randrange(1, max(2, len(w) - 1))
    words[i] = w[:k] + w[k + 1:] if rnd.random() < 0.5 else w[:k - 1] + w[k] + w[k - 1] + w[k + 1:]
    return " ".join(words)


# --- one corpus per process ----------------------------------------------------------------------

# Each corpus is built in one process and questioned in another, as the bot opens a store built
# by `python -m bot build`: answering in the process that just extracted a corpus is slower (its
# heap is full of the build's leftovers) and would not be what the bot does.

async def _build_bundled(reports: Path, db: Path) -> dict[str, Any]:
    started = time.perf_counter()
    await build_store(reports, db)
    return {"corpus": "bundled", "build_s": round(time.perf_counter() - started, 2),
            "store_mb": round(db.stat().st_size / 1e6, 1), "build_peak_rss_mb": round(peak_rss_mb())}


async def _build_synthetic(reports: Path, db: Path, size: int, seed: int) -> dict[str, Any]:
    from knowledge.build import build_corpus

    base = build_corpus(reports)
    started = time.perf_counter()
    corpus = synthetic_corpus(base, size, seed)
    generate_s = time.perf_counter() - started
    started = time.perf_counter()
    await write_store(corpus, db, embed=False)  # generated text: the semantic path is not what this measures
    build_s = time.perf_counter() - started
    _mix_file(db).write_text(json.dumps(question_mix(base, seed)), encoding="utf-8")
    return {"corpus": f"synthetic {size}", "events": len(corpus.events), "reports": len(corpus.reports),
            "orgs": len(corpus.orgs), "people": len(corpus.people), "generate_s": round(generate_s, 2),
            "build_s": round(build_s, 2), "store_mb": round(db.stat().st_size / 1e6, 1),
            "build_peak_rss_mb": round(peak_rss_mb())}


def _mix_file(db: Path) -> Path:
    return db.with_name(db.name + ".questions.json")


async def _answer(db: Path, mix: list[tuple[str, str]], repeat: int) -> dict[str, Any]:
    """Open a built store as the bot does (open, warm), then ask every question ``repeat`` times."""
    opened = time.perf_counter()
    kb = await KnowledgeBase.open(db)
    open_s = time.perf_counter() - opened
    try:
        n_events = (await kb.counts())["events"]
        warmed = time.perf_counter()
        await kb.warm()
        warm_s = time.perf_counter() - warmed
        await kb.ask("warm up")
        by_kind: dict[str, list[float]] = defaultdict(list)
        rounds: list[list[float]] = []
        for _ in range(max(1, repeat)):
            times = []
            for kind, q in mix:
                t = time.perf_counter()
                await kb.ask(q)
                ms = (time.perf_counter() - t) * 1000
                times.append(ms)
                by_kind[kind].append(ms)
            rounds.append(times)
        names = len(kb.names.rows)
    finally:
        await kb.close()
    out: dict[str, Any] = {"events": n_events, "names": names, "open_s": round(open_s, 2), "warm_s": round(warm_s, 2),
                           "questions": len(mix), "repeat": repeat, **latency(rounds), "peak_rss_mb": round(peak_rss_mb())}
    if len(by_kind) > 1:
        out["by_kind_p95_ms"] = {k: round(percentile(v, 95), 2) for k, v in by_kind.items()}
    return out


def _in_subprocess(argv: list[str]) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (its own peak memory); its last stdout line is JSON."""
    proc = subprocess.run([sys.executable, "-m", "bench.synthetic", *argv], capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"bench worker {' '.join(argv)} failed:\n{proc.stderr[-2000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def cold_start(db: Path, reports: Path, question: str = "what is CNIE?", repeat: int = 5) -> dict[str, Any]:
    """Seconds from starting ``python -m bot ask QUESTION`` to its answer printed (a built store)."""
    times = []
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "bot", "ask", "--db", str(db), "--reports", str(reports), question],
                              capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - t)
        if proc.returncode != 0 or not proc.stdout.strip():
            raise RuntimeError(f"`python -m bot ask` failed: {proc.stderr[-1000:]}")
    return {"question": question, "runs": len(times), "median_s": round(statistics.median(times), 3),
            "max_s": round(max(times), 3)}


E2E_TOKEN = "123456789:AAHbenchTokenForTheEndToEndBench_0001"


FAKE_BOT_API_ENV = "BENCH_FAKE_BOT_API"


def fake_bot_api_file(given: Path | None = None) -> Path | None:
    """The fake Bot API server's module file: ``given``, else ``$BENCH_FAKE_BOT_API``, else
    ``tests/fake_bot_api.py`` under the current folder (a checkout); None when there is none."""
    for candidate in (given, os.environ.get(FAKE_BOT_API_ENV), Path.cwd() / "tests" / "fake_bot_api.py"):
        if candidate and Path(candidate).is_file():
            return Path(candidate).resolve()
    return None


def _load_fake_bot_api(path: Path) -> Any:
    """The FakeBotAPI class of a module file, loaded by its path: the bench never imports tests/."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_fake_bot_api", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module.FakeBotAPI


async def _telegram_side(chats: int, per_chat: int, questions: list[str], fake_api: Path) -> None:
    """The other end of the end-to-end run, in its own process as Telegram would be: the fake Bot API
    server and ``chats`` users, each asking its next question when the answer came. Prints the
    server's URL, then (once the bot has polled and every answer came) the figures, one JSON line
    each; ends when its standard input is closed."""
    FakeBotAPI = _load_fake_bot_api(fake_api)  # noqa: N806 - a class

    async with FakeBotAPI(token=E2E_TOKEN) as api:
        print(json.dumps({"base_url": api.base_url, "file_url": api.base_file_url}), flush=True)
        deadline = time.monotonic() + 60
        while not api.is_polling:
            if time.monotonic() > deadline:
                raise TimeoutError("the bot never polled")
            await asyncio.sleep(0.02)
        latencies: list[float] = []

        async def one_chat(i: int) -> None:
            for j in range(per_chat):
                mark = api.mark()
                fed = time.monotonic()
                update = api.user_message(questions[(i * per_chat + j) % len(questions)], user_id=100_000 + i)
                chat_id = update["message"]["chat"]["id"]
                call = await api.wait_for("sendMessage", lambda c, chat=chat_id: c.ok and c.params["chat_id"] == chat,
                                          timeout=60, after=mark)
                latencies.append((call.started - fed) * 1000)

        await one_chat(chats)  # one question first: connections and caches warm
        latencies.clear()
        started, cpu = time.monotonic(), time.process_time()
        await asyncio.gather(*(one_chat(i) for i in range(chats)))
        elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
        print(json.dumps({"status": "measured", "chats": chats, "questions": len(latencies), "seconds": round(elapsed, 2),
                          "server_cpu_s": round(cpu, 2),
                          "questions_per_s": round(len(latencies) / elapsed, 1),
                          "p50_ms": round(statistics.median(latencies), 1), "p95_ms": round(percentile(latencies, 95), 1),
                          "rejected": len(api.rejected)}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the bot has stopped


async def _end_to_end(db: Path, reports: Path, chats: int, per_chat: int, questions_file: Path | None,
                      fake_api: Path) -> dict[str, Any]:
    """The bot's side of the end-to-end run: the real Application (long polling, no flood limiter:
    it paces sends to Telegram's 30 messages a second, which is its job; the question here is how
    many the bot itself can answer) against the fake server run by ``_telegram_side``."""
    from bot.app import build_application, polling
    from bot.config import Config
    from bot.limits import UserRateLimit

    argv = [sys.executable, "-m", "bench.synthetic", "telegram", "--chats", str(chats), "--per-chat", str(per_chat),
            "--reports", str(reports), "--db", str(db), "--fake-api", str(fake_api)]
    argv += ["--questions", str(questions_file)] if questions_file else []
    server = await asyncio.create_subprocess_exec(*argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert server.stdout is not None and server.stdin is not None
    work = Path(tempfile.mkdtemp(prefix="bot-e2e-"))
    try:
        urls = json.loads(await server.stdout.readline() or b"{}")
        if not urls:
            raise RuntimeError("the fake Bot API server did not start")
        data = work / "data"
        data.mkdir()
        shutil.copy(db, data / "knowledge.sqlite")
        config = Config(token=E2E_TOKEN, data_dir=data, reports_dir=reports, admins=frozenset(),
                        api_base_url=urls["base_url"], api_file_url=urls["file_url"], delivery_interval=3600)
        app = build_application(config, rate_limiter=False, user_limit=UserRateLimit(burst=10**9, interval=1e-9))
        async with polling(app, poll_timeout=1):
            services = app.bot_data.get("services")
            if services is not None and hasattr(services.kb, "warm"):
                await services.kb.warm()
            cpu = time.process_time()
            line = await server.stdout.readline()
            cpu = time.process_time() - cpu
        result = dict(json.loads(line or b'{"status": "failed"}'))
        result["bot_cpu_s"] = round(cpu, 2)  # from the warm-up question on: a little more than the measured part
        result["bot_peak_rss_mb"] = round(peak_rss_mb())
        return result
    finally:
        server.stdin.close()
        try:
            await asyncio.wait_for(server.wait(), 10)
        except TimeoutError:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


def end_to_end(db: Path, reports: Path, chats: int, per_chat: int, questions_file: Path | None,
               fake_api: Path | None = None) -> dict[str, Any]:
    """The end-to-end figure, measured in its own process; "pending" with the reason when the
    Telegram application or the fake Bot API server is not there to measure it with."""
    try:
        import aiohttp  # noqa: F401 - what the fake server runs on
        import bot.app  # noqa: F401
    except ImportError as exc:
        return {"status": "pending", "reason": f"cannot import {exc.name}"}
    server = fake_bot_api_file(fake_api)
    if server is None:
        return {"status": "pending", "reason": "no fake Bot API server: pass --fake-api PATH (tests/fake_bot_api.py "
                f"of a checkout) or set ${FAKE_BOT_API_ENV}"}
    argv = ["e2e", "--reports", str(reports), "--db", str(db), "--chats", str(chats), "--per-chat", str(per_chat),
            "--fake-api", str(server)]
    if questions_file:
        argv += ["--questions", str(questions_file)]
    return _in_subprocess(argv)


# --- the command ---------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    """Where the figures come from: CPU, cores, memory, Python, load."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        mem = round(int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    import sqlite3

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "os": platform.platform(), "load_1m": round(os.getloadavg()[0], 2)}


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``python -m bench synthetic`` (besides --db and --reports)."""
    p.add_argument("--questions", type=Path, help="questions for the bundled corpus: a YAML list with `q` keys, "
                   "or one per line (default: a built-in mixed list)")
    p.add_argument("--repeat", type=int, default=3, help="times each question is asked (default 3)")
    p.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES),
                   help="synthetic corpus sizes in events, comma-separated; 0 or '' for none (default 1000,10000,100000)")
    p.add_argument("--no-bundled", action="store_true", help="skip the bundled corpus")
    p.add_argument("--cold", type=int, default=5, help="cold-start runs of `python -m bot ask` (0: skip)")
    p.add_argument("--e2e-chats", type=int, default=0, help="end to end through Telegram with this many chats "
                   "at once (0: skip)")
    p.add_argument("--e2e-questions", type=int, default=10, help="questions each chat asks end to end (default 10)")
    p.add_argument("--fake-api", type=Path, help="the fake Bot API server's module file for the end-to-end run "
                   f"(default: ${FAKE_BOT_API_ENV}, or tests/fake_bot_api.py under the current folder)")
    p.add_argument("--seed", type=int, default=5)
    p.add_argument("--workdir", type=Path, help="where synthetic stores are written (default: a temporary folder, "
                   "deleted afterwards)")
    p.add_argument("--json", type=Path, dest="json_file", help="also write the figures to this JSON file")


def run(args: argparse.Namespace, db: Path, reports: Path) -> int:
    """Run the benchmark: print the table, write JSON when asked. Returns the exit code."""
    sizes = [int(s) for s in str(args.sizes).split(",") if s.strip() and int(s) > 0]
    result: dict[str, Any] = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "corpora": []}
    keep = args.workdir is not None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bot-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        common = ["--reports", str(reports), "--repeat", str(args.repeat), "--seed", str(args.seed)]
        if not args.no_bundled or args.e2e_chats:  # the end-to-end run answers from the bundled store
            built = _in_subprocess(["build", "--db", str(db), *common])
        if not args.no_bundled:
            asked = _in_subprocess(["answer", "--db", str(db), *common]
                                   + (["--questions", str(args.questions)] if args.questions else []))
            result["corpora"].append({**built, **asked})
            if args.cold:
                result["cold_start"] = cold_start(db, reports, repeat=args.cold)
        for size in sizes:
            store = workdir / f"synthetic-{size}.sqlite"
            built = _in_subprocess(["build", "--db", str(store), "--size", str(size), *common])
            asked = _in_subprocess(["answer", "--db", str(store), *common])
            result["corpora"].append({**built, **asked})
            if not keep:
                store.unlink(missing_ok=True)
                _mix_file(store).unlink(missing_ok=True)
        if args.e2e_chats:
            result["end_to_end"] = end_to_end(db, reports, args.e2e_chats, args.e2e_questions, args.questions,
                                              args.fake_api)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    result["load_1m_after"] = round(os.getloadavg()[0], 2)
    print(format_table(result))
    if args.json_file:
        args.json_file.parent.mkdir(parents=True, exist_ok=True)
        args.json_file.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def format_table(result: dict[str, Any]) -> str:
    """The figures as a plain-text table."""
    m = result["machine"]
    lines = [f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}, SQLite {m['sqlite']}, "
             f"load {m['load_1m']} -> {result.get('load_1m_after')}", ""]
    head = f"{'corpus':18s} {'events':>8s} {'names':>7s} {'build s':>8s} {'store MB':>9s} {'p50 ms':>7s} " \
           f"{'p95 ms':>7s} {'max ms':>7s} {'1st p95':>8s} {'peak MB':>8s}"
    lines += [head, "-" * len(head)]
    for c in result["corpora"]:
        peak = f"{c['build_peak_rss_mb']}/{c['peak_rss_mb']}"
        lines.append(f"{c['corpus']:18s} {c['events']:8d} {c['names']:7d} {c['build_s']:8.2f} {c['store_mb']:9.1f} "
                     f"{c['p50_ms']:7.1f} {c['p95_ms']:7.1f} {c['max_ms']:7.1f} {c['first_p95_ms']:8.1f} {peak:>8s}")
    lines.append("(latency in ms over every round; '1st p95': the first round only, every question new to the process;"
                 "\n bundled: over its questions; synthetic: over the fixed mix of question kinds; "
                 "peak MB: the build's process / the answering process)")
    if "cold_start" in result:
        c = result["cold_start"]
        lines.append(f"cold start `python -m bot ask`: median {c['median_s']:.2f} s, max {c['max_s']:.2f} s "
                     f"over {c['runs']} runs")
    if "end_to_end" in result:
        e = result["end_to_end"]
        if e.get("status") == "pending":
            lines.append(f"end to end: pending ({e.get('reason')})")
        else:
            lines.append(f"end to end: {e['questions_per_s']:.0f} questions/s with {e['chats']} chats at once "
                         f"({e['questions']} questions); update to sendMessage p50 {e['p50_ms']:.1f} ms, "
                         f"p95 {e['p95_ms']:.1f} ms; {e['rejected']} rejected by the server")
    return "\n".join(lines)


def worker_main(argv: list[str] | None = None) -> int:
    """``python -m bench.synthetic build|answer|e2e|telegram ...``: one measurement in this process,
    printed as one JSON line (``telegram`` is the fake Telegram side of ``e2e``)."""
    p = argparse.ArgumentParser(prog="python -m bench.synthetic")
    p.add_argument("what", choices=["build", "answer", "e2e", "telegram"])
    p.add_argument("--reports", type=Path, required=True)
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--questions", type=Path)
    p.add_argument("--size", type=int, default=0, help="build: a synthetic corpus of this many events (0: the reports)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=5)
    p.add_argument("--chats", type=int, default=50)
    p.add_argument("--per-chat", type=int, default=10)
    p.add_argument("--fake-api", type=Path)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    out: dict[str, Any]
    if args.what == "build":
        out = asyncio.run(_build_synthetic(args.reports, args.db, args.size, args.seed) if args.size
                          else _build_bundled(args.reports, args.db))
    elif args.what == "answer":
        if args.questions:
            mix = [("question", q) for q in load_questions(args.questions)]
        elif _mix_file(args.db).exists():
            mix = [(kind, q) for kind, q in json.loads(_mix_file(args.db).read_text(encoding="utf-8"))]
        else:
            mix = [("question", q) for q in BUILTIN_QUESTIONS]
        out = asyncio.run(_answer(args.db, mix, args.repeat))
    elif args.what == "telegram":
        questions = load_questions(args.questions) if args.questions else BUILTIN_QUESTIONS
        asyncio.run(_telegram_side(args.chats, args.per_chat, questions, args.fake_api))
        return 0
    else:
        out = asyncio.run(_end_to_end(args.db, args.reports, args.chats, args.per_chat, args.questions, args.fake_api))
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(worker_main())
