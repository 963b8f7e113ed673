"""Scaled corpora of real text: the bundled reports copied N times, as an archive of years of issues.

Copy 0 is the bundled reports as they are. Every further copy of a report is a new issue of its
series, as an admin who keeps every issue would add:

- its years are shifted (by a multiple of four, so that 29 February stays a real day; within
  1950..2099, where dates are read), in the text and in its catalog entry;
- about half of the organisations and people the bundled reports name are renamed in it: one word
  of an organisation's name becomes a place name (its acronym follows when the acronym spells the
  name's initials), and a person gets a new combination of given name and surname taken from the
  corpus. The others recur, as organisations and people recur from issue to issue.

Which names are renamed, and to what, is drawn with a seeded random generator per copy: the same
copy always has the same text, and copy ``k`` is the same in a corpus of 10 copies and one of 200.
The text goes through the real build (reading, extraction, merging), unlike synthetic records.
"""
from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.build import Corpus, build_corpus, report_files
from knowledge.cache import BuildCache
from knowledge.catalog import CATALOG_NAME
from knowledge.extract import ORG_HEADS
from knowledge.gazetteer import default_gazetteer

RENAME_SHARE = 0.5
_CONNECT = {"of", "for", "and", "the", "on", "in", "to", "at", "de", "la", "&", "with"}
_YEAR = re.compile(r"(?<![\w])(19[5-9]\d|20\d\d)(?![\w])")


@dataclass(frozen=True, slots=True)
class Names:
    """What the bundled reports name: organisations (name, spellings, acronyms) and people."""

    orgs: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # the ones a copy may rename
    all_orgs: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    people: tuple[str, ...]
    acronyms: frozenset[str]
    places: tuple[str, ...]
    given: tuple[str, ...]
    surnames: tuple[str, ...]


def bundled_names(base: Corpus) -> Names:
    """The names a copy may rename, from the corpus of the bundled reports."""
    gazetteer = default_gazetteer()
    places = sorted({p.name for p in gazetteer.by_surface.values()
                     if p.kind == "city" and p.name.isalpha() and p.name.isascii() and len(p.name) > 3})
    acronym_owners: dict[str, int] = {}
    for o in base.orgs:
        for a in o.acronyms:
            acronym_owners[a] = acronym_owners.get(a, 0) + 1
    orgs = []
    for o in base.orgs:
        # An acronym two organisations share (CFPA) stays theirs: renaming one would leave the
        # other's mentions pointing at a new name.
        if any(acronym_owners[a] > 1 for a in o.acronyms):
            continue
        if o.acronyms and any(a != _initials(o.name) for a in o.acronyms):
            continue  # an acronym that does not spell the name: it could not follow a rename
        orgs.append((o.name, tuple(sorted(set(o.aliases))), o.acronyms))
    two_word = [p.name.split() for p in base.people if len(p.name.split()) == 2 and p.name.replace(" ", "").isalpha()]
    every = tuple((o.name, tuple(sorted(set(o.aliases))), o.acronyms) for o in base.orgs)
    return Names(tuple(orgs), every, tuple(sorted({p.name for p in base.people})), frozenset(acronym_owners),
                 tuple(places), tuple(sorted({n[0] for n in two_word})), tuple(sorted({n[1] for n in two_word})))


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper() or w[0].isdigit()).upper()


def _distinctive(words: list[str]) -> int | None:
    """The index of the word a rename replaces: the first capitalised word that is not a head word."""
    for i, w in enumerate(words):
        if w.lower() in _CONNECT or w.lower() in ORG_HEADS or not w[:1].isupper() or not w.isalpha() or w.isupper():
            continue
        return i
    return None


def copy_substitutions(names: Names, copy: int, seed: int = 14) -> dict[str, str]:
    """The names copy ``copy`` renames: old surface -> new surface (organisations, their acronyms, people)."""
    rnd = random.Random(f"{seed}-{copy}")
    pairs: dict[str, str] = {}
    taken = set(names.acronyms)
    for name, aliases, acronyms in names.orgs:
        if rnd.random() >= RENAME_SHARE:
            continue
        words = name.split()
        i = _distinctive(words)
        if i is None:
            continue
        for _ in range(10):
            new_word = rnd.choice(names.places)
            new_name = " ".join(words[:i] + [new_word] + words[i + 1:])
            new_acronyms = {a: _initials(new_name) for a in acronyms}
            if not any(n in taken or len(n) < 2 for n in new_acronyms.values()):
                break
        else:
            continue
        taken.update(new_acronyms.values())
        old_word = words[i]
        for surface in (name, *aliases):
            if re.search(rf"\b{re.escape(old_word)}\b", surface):
                pairs[surface] = re.sub(rf"\b{re.escape(old_word)}\b", new_word, surface, count=1)
        pairs.update(new_acronyms)
    existing = set(names.people)
    for person in names.people:
        if rnd.random() >= RENAME_SHARE or not names.given or not names.surnames:
            continue
        for _ in range(10):
            new = f"{rnd.choice(names.given)} {rnd.choice(names.surnames)}"
            if new not in existing:
                existing.add(new)
                pairs[person] = new
                break
    # A name this copy keeps is kept whole: "Family Planning Association" renamed must not rename
    # it inside "China Family Planning Association", which keeps its name (and its acronym). Kept
    # names that hold a renamed one map to themselves, and the substitution takes the longest name.
    renamed = [old for old, new in pairs.items() if old != new]
    kept = {s for name, aliases, _ in names.all_orgs for s in (name, *aliases)} | set(names.people)
    for k in kept - set(pairs):
        if any(old in k for old in renamed if old != k):
            pairs[k] = k
    return pairs


class _Substitution:
    """Replaces whole surfaces of a text in one pass, longest first."""

    def __init__(self, pairs: dict[str, str]) -> None:
        self.pairs = {old: new for old, new in pairs.items() if old}
        keys = sorted(self.pairs, key=lambda o: (-len(o), o))
        self.pattern = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w])") if keys else None

    def __call__(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.pairs[m.group(0)], text) if self.pattern else text


_SHIFTS = [4 * j for j in range(-6, 12) if j]


def year_shift(copy: int) -> int:
    """How many years copy ``copy`` is shifted: a multiple of 4 in -24..+44 (0 for the bundled reports)."""
    return 0 if copy == 0 else _SHIFTS[(copy - 1) % len(_SHIFTS)]


def shift_years(text: str, shift: int) -> str:
    """Every year 1950..2099 of a text moved by ``shift`` (kept within 1950..2099)."""
    if not shift:
        return text
    return _YEAR.sub(lambda m: str(min(2099, max(1950, int(m.group(1)) + shift))), text)


def write_copy(source: Path, dest: Path, names: Names, copy: int, catalog: dict[str, dict], seed: int = 14) -> list[dict]:
    """Write copy ``copy`` of every report of ``source`` into ``dest``; returns their catalog entries."""
    sub = _Substitution(copy_substitutions(names, copy, seed)) if copy else _Substitution({})
    shift = year_shift(copy)
    entries = []
    for path in report_files(source):
        name = path.name if copy == 0 else f"{path.stem}-copy{copy:03d}{path.suffix}"
        if copy == 0:
            shutil.copyfile(path, dest / name)
        else:
            text = path.read_text(encoding="utf-8")
            (dest / name).write_text(shift_years(sub(text), shift), encoding="utf-8")
        entry = dict(catalog.get(path.name) or {"file": path.name, "title": path.stem.replace("-", " ").title()})
        entry["file"] = name
        if copy:
            entry["title"] = f"{shift_years(sub(str(entry['title'])), shift)} [copy {copy}]"
            for key in ("issue_date", "covers"):
                if entry.get(key):
                    entry[key] = shift_years(str(entry[key]), shift)
            entry.pop("url", None)
        entries.append(entry)
    return entries


def base_corpus(source: Path, cache: Path | None = None) -> Corpus:
    """The corpus of the bundled reports (through the build cache when one is given)."""
    if cache is None:
        return build_corpus(source)
    with BuildCache.open(cache) as c:
        return build_corpus(source, cache=c)


def scaled_reports(source: Path, dest: Path, copies: int, seed: int = 14, base: Corpus | None = None,
                   start: int = 0) -> Path:
    """A reports folder of ``copies`` copies of the reports in ``source`` (copy 0: the reports
    themselves), with one catalog; copies ``start``.. are written (earlier ones are already there)."""
    dest.mkdir(parents=True, exist_ok=True)
    names = bundled_names(base or build_corpus(source))
    catalog_file = source / CATALOG_NAME
    raw = yaml.safe_load(catalog_file.read_text(encoding="utf-8")) if catalog_file.exists() else None
    catalog = {e["file"]: e for e in (raw or {}).get("reports", [])}
    out_catalog = dest / CATALOG_NAME
    entries = (yaml.safe_load(out_catalog.read_text(encoding="utf-8")) or {}).get("reports", []) if start else []
    for k in range(start, copies):
        entries.extend(write_copy(source, dest, names, k, catalog, seed))
    out_catalog.write_text(yaml.safe_dump({"reports": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def add_copy(source: Path, dest: Path, copy: int, seed: int = 14, base: Corpus | None = None,
             only: str | None = None) -> list[str]:
    """Add copy ``copy`` of one report (``only``, a file name of ``source``; default the first) to a
    scaled folder and its catalog: one new issue. Returns the new file names."""
    names = bundled_names(base or build_corpus(source))
    raw = yaml.safe_load((source / CATALOG_NAME).read_text(encoding="utf-8")) if (source / CATALOG_NAME).exists() else {}
    catalog = {e["file"]: e for e in (raw or {}).get("reports", [])}
    only = only or report_files(source)[0].name
    tmp = dest / f".copy-{copy}"
    tmp.mkdir(exist_ok=True)
    one = tmp / "src"
    one.mkdir(exist_ok=True)
    shutil.copyfile(source / only, one / only)
    entries = write_copy(one, tmp, names, copy, catalog, seed)
    added = []
    for e in entries:
        shutil.move(str(tmp / e["file"]), dest / e["file"])
        added.append(e["file"])
    shutil.rmtree(tmp)
    out_catalog = dest / CATALOG_NAME
    data = yaml.safe_load(out_catalog.read_text(encoding="utf-8")) or {"reports": []}
    data["reports"].extend(entries)
    out_catalog.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return added
