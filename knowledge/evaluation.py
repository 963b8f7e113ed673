"""Scoring answers against a question file, with the evaluation's rules.

The rules are those of the project's evaluation: every `must` group needs one alternative in the
normalised answer (dates turned into ISO, thousands separators dropped), single-fact answers stay
under 1,000 characters and list answers under 2,500, the answer or a source names the report, and
a negative question passes only with found = false.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any, Callable

MONTHS = {m: i + 1 for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")]) for m in names}
_MON = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d{2})"
_DASH = r"\s*(?:-|–|—|to|until|till|through|and)\s*"
LIST_KINDS = {"list", "time_filter", "place_filter", "report"}
CAP_SINGLE = 1000
CAP_LIST = 2500

DOC_TITLE: dict[str, Callable[[str], bool]] = {
    "000": lambda t: "international understanding" in t and ("2025" in t or "vol. 1" in t or "vol 1" in t),
    "003": lambda t: "international understanding" in t and "2020" in t,
    "001": lambda t: "sironet" in t,
    "002": lambda t: "weekly briefing" in t or "week ending" in t,
    "004": lambda t: "people-to-people diplomacy" in t or "people to people diplomacy" in t,
}


def iso_dates(text: str) -> list[str]:
    """Every date written in a text, as ISO month and day strings."""
    t = text.lower()
    out: list[str] = []

    def add(y: Any, m: Any, d: Any = None) -> None:
        y, m = int(y), int(m)
        if not 1 <= m <= 12:
            return
        out.append(f"{y:04d}-{m:02d}")
        if d is not None and 1 <= int(d) <= 31:
            out.append(f"{y:04d}-{m:02d}-{int(d):02d}")

    for y, m, d in re.findall(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", t):
        add(y, m, d)
    for y, m in re.findall(r"\b(\d{4})-(\d{2})\b(?!-\d)", t):
        add(y, m)
    for d, m, y in re.findall(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b", t):
        add(y, m, d)
    for y, m, d in re.findall(r"\b(\d{4})\.(\d{1,2})\.(\d{1,2})\b", t):
        add(y, m, d)
    for y, m, d in re.findall(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?", text):
        add(y, m, d or None)
    pats = [(rf"\b{_DAY}\s+(?:of\s+)?{_MON}", "dm"), (rf"\b{_MON}\s+{_DAY}\b", "md"),
            (rf"\b{_DAY}{_DASH}{_DAY}\s+(?:of\s+)?{_MON}", "ddm"), (rf"\b{_MON}\s+{_DAY}{_DASH}{_DAY}\b", "mdd")]
    for pat, shape in pats:
        for mt in re.finditer(pat, t):
            yr = re.search(_YEAR, t[mt.end(): mt.end() + 40])
            if not yr:
                continue
            y, g = yr.group(1), mt.groups()
            if shape == "dm":
                add(y, MONTHS[g[1]], g[0])
            elif shape == "md":
                add(y, MONTHS[g[0]], g[1])
            elif shape == "ddm":
                add(y, MONTHS[g[2]], g[0]); add(y, MONTHS[g[2]], g[1])
            else:
                add(y, MONTHS[g[0]], g[1]); add(y, MONTHS[g[0]], g[2])
    for m, y in re.findall(rf"\b{_MON},?\s+{_YEAR}\b", t):
        add(y, MONTHS[m])
    return out


def normalise(text: str) -> str:
    """Lower case, thousands separators and curly quotes gone, ISO dates appended."""
    t = text.lower()
    t = re.sub(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}\b)", "", t)
    t = t.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = re.sub(r"\s+", " ", t)
    return t + " | " + " ".join(sorted(set(iso_dates(text))))


def judge(q: dict[str, Any], a: dict[str, Any]) -> tuple[bool, str]:
    """Whether one answer passes its question, and why not."""
    answer = a.get("answer") or ""
    found = a.get("found")
    if q.get("kind") == "negative" or q.get("found") is False:
        return found is False, "ok" if found is False else "answered a question it has no answer for"
    if found is False:
        return False, "said not found"
    cap = CAP_LIST if q.get("kind") in LIST_KINDS or q.get("list") else CAP_SINGLE
    if len(answer) > cap:
        return False, f"too long ({len(answer)} > {cap})"
    norm = normalise(answer)
    for group in q.get("must") or []:
        if not any(normalise(str(x).lower()).split(" | ")[0] in norm for x in group):
            return False, f"missing {group}"
    doc = q.get("doc")
    if doc:
        titles = [f"{s.get('title', '')} {s.get('date', '')}" for s in a.get("sources") or [] if isinstance(s, dict)]
        pool = [answer.lower()] + [x.lower() for x in titles]
        docs = [doc] + list(q.get("also") or [])
        if not any(d in DOC_TITLE and DOC_TITLE[d](p) for d in docs for p in pool):
            return False, f"no citation of report {doc}"
    return True, "ok"


def score(questions: list[dict[str, Any]], answers: list[dict[str, Any]]) -> dict[str, Any]:
    """Pass counts per kind and in total, and the failures with their reasons."""
    by_kind: dict[str, Counter[bool]] = defaultdict(Counter)
    fails = []
    for q, a in zip(questions, answers):
        ok, why = judge(q, a)
        by_kind[q.get("kind", "?")][ok] += 1
        if not ok:
            fails.append({"id": q.get("id"), "kind": q.get("kind"), "q": q.get("q"), "why": why,
                          "answer": (a.get("answer") or "")[:300]})
    passed = sum(c[True] for c in by_kind.values())
    # The found / not-found decision: of the answers given, how many were right (precision); of the
    # questions the reports answer, how many got a right answer (recall); negatives answered honestly.
    negative = [q.get("kind") == "negative" or q.get("found") is False for q in questions]
    found = [a.get("found") is not False for a in answers]
    right = [judge(q, a)[0] for q, a in zip(questions, answers)]
    given = sum(found)
    given_right = sum(f and r and not n for f, r, n in zip(found, right, negative))
    answerable = sum(not n for n in negative)
    decision = {"answers": given, "right": given_right, "answerable": answerable,
                "precision": given_right / given if given else 1.0,
                "recall": given_right / answerable if answerable else 1.0,
                "negatives": sum(negative), "negatives_honest": sum(n and not f for n, f in zip(negative, found))}
    return {"passed": passed, "total": len(questions), "decision": decision,
            "by_kind": {k: [c[True], c[True] + c[False]] for k, c in sorted(by_kind.items())}, "fails": fails}
