"""Scoring extraction against hand-written gold events: items, dates, places, organisations, people.

A corpus folder holds report files (as a reports folder does) and a ``gold/`` folder with one YAML
file per report::

    report: some-report.html
    events:
      - key: "handed its third donation"     # words printed in the item, and in no other item
        date: "2022-08-25"                   # ISO start, of the precision the text gives
        end: "2022-08-26"                    # optional, for a range
        places: [Phnom Penh]                 # where the event happened (a city implies its country)
        orgs: [[Cambodian Red Cross], [Les Restaurants des Enfants, LRE]]  # each: its names and acronyms
        people: [Men Neary Sopheak]

An extracted event is matched to the first unmatched gold event whose key its text contains; a
gold item merged into a neighbour is therefore lost (its key is matched once), and an item split
in two leaves an extra unmatched event. Dates, places, organisations and people are compared on
matched pairs only; items are scored for recall (gold items found) and precision (extracted
events that are a gold item).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from knowledge.build import Corpus, build_corpus
from knowledge.extract import org_key
from knowledge.gazetteer import Gazetteer, default_gazetteer
from knowledge.records import Event, Organisation

GOLD_DIR = "gold"


@dataclass
class Tally:
    """True positives and the sizes of the extracted and gold sets, summed over events."""

    tp_extracted: int = 0  # extracted things that are right
    extracted: int = 0
    tp_gold: int = 0  # gold things that were found
    gold: int = 0

    def add(self, other: "Tally") -> None:
        """Add another tally's counts to this one."""
        self.tp_extracted += other.tp_extracted
        self.extracted += other.extracted
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        """Share of the extracted things that are right (None when nothing was extracted)."""
        return self.tp_extracted / self.extracted if self.extracted else None

    @property
    def recall(self) -> float | None:
        """Share of the gold things that were found (None when the gold has none)."""
        return self.tp_gold / self.gold if self.gold else None


@dataclass
class ReportScore:
    """The scores of one report, and what went wrong in it."""

    report: str
    items: Tally = field(default_factory=Tally)
    dates_right: int = 0
    dates_total: int = 0
    places: Tally = field(default_factory=Tally)
    orgs: Tally = field(default_factory=Tally)
    people: Tally = field(default_factory=Tally)
    problems: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def _place_names(place_names: list[str], gazetteer: Gazetteer) -> set[str]:
    """Gold place names with each city's or region's country added (the gazetteer's spelling)."""
    out: set[str] = set()
    for name in place_names:
        place = gazetteer.lookup(str(name))
        if place is None:
            out.add(_norm(str(name)))
        else:
            out.update({_norm(place.name), _norm(place.country)})
    return out


def _org_matches(profile_names: list[str], alternatives: list[str]) -> bool:
    for name in profile_names:
        for alt in alternatives:
            if name == alt:
                return True
            if name.isupper() or alt.isupper():
                continue  # an acronym matches only itself
            a, b = org_key(name), org_key(alt)
            if a == b or fuzz.ratio(a, b) >= 92:
                return True
    return False


def _person_matches(a: str, b: str) -> bool:
    # Chinese characters are kept: "杨万明" is compared as itself, not as an empty string
    ka, kb = re.sub(r"[^a-z\u3400-\u9fff ]", "", _norm(a)), re.sub(r"[^a-z\u3400-\u9fff ]", "", _norm(b))
    return bool(ka) and (ka == kb or fuzz.ratio(ka, kb) >= 90)


def _date_right(event: Event, gold: dict[str, Any]) -> bool:
    if gold.get("date") is None:
        return event.date is None
    if event.date is None:
        return False
    start, end = str(gold["date"]), str(gold.get("end") or gold["date"])
    return event.date.start == start and event.date.end == end


def _compare(extracted: list[Any], gold: list[Any], match: Any) -> Tally:
    t = Tally(extracted=len(extracted), gold=len(gold))
    t.tp_extracted = sum(1 for x in extracted if any(match(x, g) for g in gold))
    t.tp_gold = sum(1 for g in gold if any(match(x, g) for x in extracted))
    return t


def score_report(corpus: Corpus, gold: dict[str, Any], gazetteer: Gazetteer) -> ReportScore:
    """The scores of one report of a built corpus against its gold events."""
    file = str(gold["report"])
    report_id = Path(file).stem
    events = [e for e in corpus.events if e.report_id == report_id]
    orgs: dict[int, Organisation] = {o.id: o for o in corpus.orgs}
    score = ReportScore(file)
    gold_events = list(gold.get("events") or [])
    score.items = Tally(extracted=len(events), gold=len(gold_events))
    used: set[int] = set()
    for g in gold_events:
        key = _norm(str(g["key"]))
        event = next((e for e in events if e.id not in used and key in _norm(e.text)), None)
        if event is None:
            score.problems.append(f"item not found: {g['key']!r}")
            continue
        used.add(event.id)
        score.items.tp_extracted += 1
        score.items.tp_gold += 1
        score.dates_total += 1
        if _date_right(event, g):
            score.dates_right += 1
        else:
            got = f"{event.date.start}..{event.date.end}" if event.date else None
            score.problems.append(f"date of {g['key']!r}: {got}, gold {g.get('date')}..{g.get('end') or g.get('date')}")
        got_places = {n for p in event.places for n in (_norm(p.name), _norm(p.country))}
        want_places = _place_names(list(g.get("places") or []), gazetteer)
        score.places.add(_compare(sorted(got_places), sorted(want_places), lambda x, y: x == y))
        if got_places != want_places:
            score.problems.append(f"places of {g['key']!r}: {sorted(got_places)}, gold {sorted(want_places)}")
        got_orgs = []
        for mention in event.organizations:
            profile = orgs.get(mention.org_id)
            names = [mention.name] + ([profile.name, *profile.aliases, *profile.acronyms] if profile else [])
            got_orgs.append(names)
        want_orgs = [[str(x) for x in (g_org if isinstance(g_org, list) else [g_org])] for g_org in g.get("orgs") or []]
        tally = _compare(got_orgs, want_orgs, _org_matches)
        score.orgs.add(tally)
        wrong = [names[0] for names in got_orgs if not any(_org_matches(names, w) for w in want_orgs)]
        missed = [w[0] for w in want_orgs if not any(_org_matches(names, w) for names in got_orgs)]
        if wrong or missed:
            score.problems.append(f"orgs of {g['key']!r}: not in gold {wrong}, missed {missed}")
        got_people = [p.name for p in event.people]
        want_people = [str(p) for p in g.get("people") or []]
        score.people.add(_compare(got_people, want_people, _person_matches))
        wrong_p = [p for p in got_people if not any(_person_matches(p, w) for w in want_people)]
        missed_p = [w for w in want_people if not any(_person_matches(p, w) for p in got_people)]
        if wrong_p or missed_p:
            score.problems.append(f"people of {g['key']!r}: not in gold {wrong_p}, missed {missed_p}")
    for e in events:
        if e.id not in used:
            score.problems.append(f"extra event: {e.title[:80]!r} ({e.date.start if e.date else 'undated'})")
    return score


def load_gold(folder: Path) -> list[dict[str, Any]]:
    """The gold files of a corpus folder, in name order."""
    out = []
    for path in sorted((folder / GOLD_DIR).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict) or "report" not in data:
            raise ValueError(f"{path.name}: expected a mapping with 'report' and 'events'")
        out.append(data)
    return out


@dataclass
class CorpusScore:
    """Scores of every report of a corpus folder and their sums."""

    reports: list[ReportScore]
    warnings: list[str]

    def total(self) -> ReportScore:
        """All reports' counts summed."""
        out = ReportScore("all")
        for r in self.reports:
            out.items.add(r.items)
            out.places.add(r.places)
            out.orgs.add(r.orgs)
            out.people.add(r.people)
            out.dates_right += r.dates_right
            out.dates_total += r.dates_total
        return out


def score_folder(folder: Path, gazetteer: Gazetteer | None = None) -> CorpusScore:
    """Build a corpus folder's reports and score them against its gold files."""
    gazetteer = gazetteer or default_gazetteer()
    corpus = build_corpus(folder, gazetteer)
    return CorpusScore([score_report(corpus, g, gazetteer) for g in load_gold(folder)], corpus.warnings)


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def format_score(result: CorpusScore, verbose: bool = False) -> str:
    """The score table: one line per report and the total, precision and recall of each part."""
    lines = [f"{'report':44s} {'items P/R':>15s} {'dates':>7s} {'places P/R':>15s} {'orgs P/R':>15s} {'people P/R':>15s}"]
    by_name: dict[str, list[str]] = defaultdict(list)
    for r in [*result.reports, result.total()]:
        dates = r.dates_right / r.dates_total if r.dates_total else None
        lines.append(f"{r.report[:44]:44s} {_pct(r.items.precision)}/{_pct(r.items.recall)} {_pct(dates)} "
                     f"{_pct(r.places.precision)}/{_pct(r.places.recall)} {_pct(r.orgs.precision)}/"
                     f"{_pct(r.orgs.recall)} {_pct(r.people.precision)}/{_pct(r.people.recall)}")
        by_name[r.report] = r.problems
    t = result.total()
    lines.append(f"items: {t.items.tp_gold}/{t.items.gold} gold items found, {t.items.extracted} events extracted; "
                 f"dates right on {t.dates_right}/{t.dates_total} matched events")
    for w in result.warnings:
        lines.append(f"warning: {w}")
    if verbose:
        for r in result.reports:
            for p in r.problems:
                lines.append(f"  {r.report}: {p}")
    return "\n".join(lines)
