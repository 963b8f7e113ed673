"""English word forms that suffix rules cannot read: irregular forms with their dictionary form
("held": hold, "children": child, "best": good is left out, see below) and inflected forms that are
only verbs ("flew", "donates"), so that a question's words meet the report's in any tense and a noun
phrase ends at its verb.

The table (``data/english_forms.tsv.gz``) is made once from LemmInflect's English lexicon (MIT;
derived from the public-domain AGID and SPECIALIST lexicons) by ``python -m knowledge.english_forms``
with ``lemminflect`` installed; the bot only reads it: a few thousand rows, about 2 MB in memory,
where the library's whole lexicon takes 34 MB in every bot process.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "english_forms.tsv.gz"


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], frozenset[str], dict[str, str]]:
    lemmas: dict[str, str] = {}
    verbs: set[str] = set()
    of_verbs: dict[str, str] = {}
    with gzip.open(TABLE, "rt", encoding="utf-8") as rows:
        for row in rows:
            if row.startswith("#"):
                continue
            form, lemma, verb_only, *rest = row.rstrip("\n").split("\t")
            of_verb = rest[0] if rest else ""
            if lemma:
                lemmas[form] = lemma
            if verb_only == "1":
                verbs.add(form)
            if of_verb:
                of_verbs[form] = of_verb
    return lemmas, frozenset(verbs), of_verbs


def irregular_lemma(word: str) -> str | None:
    """The dictionary form of an irregular English form ("held": hold, "kept": keep, "children":
    child); None for a word that is a dictionary form itself ("meeting", "found", "media") or whose
    suffix the stemmer reads anyway."""
    return _table()[0].get(word)


def verb_lemma(word: str) -> str | None:
    """The dictionary form of a verb form, where the word read as a verb is another verb's form:
    what ``irregular_lemma`` gives, and the forms that are words of their own too ("spoke": speak,
    "left": leave, "felt": feel), for a word known to be used as a verb (the deed a question asks)."""
    return irregular_lemma(word) or _table()[2].get(word)


def is_verb_form(word: str) -> bool:
    """Whether a word is only an inflected verb ("flew", "taken", "donates"; not "meeting", a noun
    too, nor "found", a verb of its own)."""
    return word in _table()[1]


def _make(path: Path = TABLE) -> int:
    """Write the table from LemmInflect's lexicon; returns its number of rows."""
    from importlib import resources

    from lemminflect import getAllLemmas

    from knowledge.query import _suffix_stem

    lexicon = resources.files("lemminflect") / "resources" / "lemma_lu.csv.gz"
    with lexicon.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as rows:
        forms = sorted({r.split(",")[0] for r in rows if r.split(",")[0].isascii() and r.split(",")[0].isalpha()
                        and r.split(",")[0].islower()})
    out = []
    for w in forms:
        found = getAllLemmas(w)
        every = {x for xs in found.values() for x in xs}
        lemma = ""
        if every and w not in every and len(w) >= 3:
            first = (found.get("VERB") or found.get("NOUN") or next(iter(found.values())))[0]
            if _suffix_stem(first) != _suffix_stem(w):
                lemma = first
        verb_only = set(found) <= {"VERB", "AUX"} and "VERB" in found and w not in found["VERB"]
        # a word of its own that is also another verb's form ("spoke": speak; not "found", a verb too)
        of_verb = ""
        verbs = found.get("VERB", ())
        if not lemma and verbs and w not in verbs and len(w) >= 3 and _suffix_stem(verbs[0]) != _suffix_stem(w):
            of_verb = verbs[0]
        if lemma or verb_only or of_verb:
            out.append(f"{w}\t{lemma}\t{int(verb_only)}\t{of_verb}\n")
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# form\tdictionary form (irregular only)\tonly an inflected verb\tthe verb a word of its own is also a"
                " form of; from LemmInflect (MIT)\n")
        f.writelines(out)
    return len(out)


if __name__ == "__main__":
    print(f"{_make()} forms written to {TABLE}")
