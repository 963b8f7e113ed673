"""Finding an organisation profile by a partial or misspelt name or acronym (``/org Peaceland``,
``/org cnei``, ``/org China Foundation for Peace``): what a user types after /org is a handle for
one organisation, not a question."""
from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA


def lookup_orgs(query: str, names: Iterable[tuple[str, int]], acronyms: dict[str, list[int]]) -> list[int]:
    """Organisation ids a user's partial or misspelt name or acronym stands for, best first.

    An acronym matches as written, in any case, or with one letter wrong or two letters swapped
    ("cnei" for CNIE); a name matches when every word of the query starts a word of it
    ("Peaceland", "China Foundation for Peace"), or nearly (a typo). Exact matches come before
    near ones; the caller orders equals (by how much each organisation did).
    """
    q = " ".join(re.findall(r"[a-z0-9'’-]+", query.lower()))
    if not q:
        return []
    scored: dict[int, float] = {}

    def add(oid: int, score: float) -> None:
        scored[oid] = max(scored.get(oid, 0.0), score)

    if " " not in q and 2 <= len(q) <= 10:
        for acr, ids in acronyms.items():
            if acr == q:
                for oid in ids:
                    add(oid, 100.0)
            elif len(q) >= 4 and len(acr) == len(q) and OSA.distance(acr, q) <= 1:
                for oid in ids:
                    add(oid, 90.0)
    q_words = [t for t in q.split() if len(t) >= 3]
    for name, oid in names:
        low = name.lower()
        words = re.findall(r"[a-z0-9'’-]+", low)
        if len(q) >= 4 and q_words and all(any(w.startswith(t) for w in words) for t in q_words):
            add(oid, 95.0 if q in low else 92.0)
        elif len(q) >= 6 and fuzz.partial_ratio(q, low) >= 88:
            add(oid, float(fuzz.partial_ratio(q, low)) - 5)
    best = max(scored.values(), default=0.0)
    return [oid for oid, score in sorted(scored.items(), key=lambda kv: -kv[1]) if score >= min(best, 92.0)]
