"""Evidence: the sentences of an event that hold the asked fact."""
from __future__ import annotations

import re

from knowledge.extract import split_sentences
from knowledge.lexicon import Lexicon
from knowledge.query import Query, stem, synonym_stems
from knowledge.records import Event
from knowledge.store import words

_MONTH_NAMES = r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_DAY_DATE = re.compile(_MONTH_NAMES + r"\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_NAMES)
# Dates and years, cut out of a sentence before looking for the number a "how many" asks for.
_DATES_OUT = re.compile(r"(?:" + _MONTH_NAMES + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?"
                        r"|\b\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\s+" + _MONTH_NAMES + r")(?:,?\s+(?:19|20)\d{2})?"
                        r"|\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b|\b\d{1,2} o'clock\b")
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|his)\b", re.I)
_PERSON_LIKE = re.compile(r"\b[A-Z][a-z]+[A-Z][a-z]+\b|\b(?:Mr|Ms|Mrs|Dr|Prof)\.? [A-Z][a-z]+")
_ROLE_VERBS = re.compile(r"\b(?:presid\w*|chair\w*|(?:co-)?host\w*|(?:co-)?organi[sz]\w*|led|lead\w*|head\w*|"
                         r"deliver\w*|sponsor\w*|launch\w*|initiat\w*|moderat\w*|convene\w*|staged)\b", re.I)


def event_sentences(e: Event) -> list[str]:
    """The sentences of an event's text, without the headline line."""
    lines = e.text.split("\n")
    if lines and lines[0] == e.title and len(lines) > 1:
        lines = lines[1:]  # the headline is already in the answer's first line
    return [s for line in lines for s in split_sentences(line)]


def best_sentences(e: Event, q: Query, lexicon: Lexicon, n: int = 2) -> list[str]:
    """Up to ``n`` sentences of the event that hold the question's words and the asked fact, fact first."""
    sentences = event_sentences(e)
    if not sentences:
        return []
    picked: list[tuple[int, str, float]] = []
    remaining = list(q.terms)
    for _ in range(n):
        best = _pick_sentence(sentences, q, remaining, {i for i, _, _ in picked}, e, lexicon)
        if best is None:
            break
        i, s, hit, cue = best
        # A further sentence must add a word of the question, or hold what the question asks for
        # (the number, the person, the date) at least as well as the first.
        if picked and not hit and not (cue > 0 and cue >= picked[0][2]):
            break
        picked.append((i, s, cue))
        remaining = [t for t in remaining if t not in hit]
    # The fact first: the sentence that holds what the question asks for leads.
    if len(picked) > 1 and picked[1][2] > picked[0][2]:
        picked.reverse()
    if q.intent == "who" and picked and not any(_names_person(s, e) for _, s, _ in picked):
        # "He was wearing a bulletproof vest": who "he" is, the nearest sentence before that names a person.
        for k, (i, _, _) in enumerate(picked):
            if not _PRONOUN.search(sentences[i]):
                continue
            before = next((j for j in range(i - 1, max(-1, i - 4), -1) if _names_person(sentences[j], e)), None)
            if before is not None:
                picked.insert(k, (before, sentences[before], 0.0))
            break
    return [s for _, s, _ in picked]


def _names_person(sentence: str, e: Event) -> bool:
    """Whether a sentence names one of the event's people (or a name-like "Xu Yonghao", "XuYonghao")."""
    return any(p.name in sentence for p in e.people) or bool(_PERSON_LIKE.search(sentence))


def _pick_sentence(sentences: list[str], q: Query, terms: list[str], skip: set[int], e: Event | None,
                   lexicon: Lexicon) -> tuple[int, str, list[str], float] | None:
    scored = []
    for i, s in enumerate(sentences):
        if i in skip:
            continue
        cov, hit = lexicon.coverage(terms, s)
        cue = _cue(s, q, e, lexicon)
        scored.append((cov + cue - i * 0.005, i, s, hit, cue))
    if not scored:
        return None
    _, i, s, hit, cue = max(scored)
    return i, s, hit, cue


def _cue(s: str, q: Query, e: Event | None, lexicon: Lexicon) -> float:
    """How well a sentence holds the kind of fact the question asks for (a number of the counted
    thing, a person in a role, a date, a place): a bonus on top of its share of the question's words."""
    if q.intent == "when":
        if _DAY_DATE.search(s):
            return 0.2
        return 0.1 if re.search(r"\b(?:19|20)\d{2}\b|" + _MONTH_NAMES, s) else 0.0
    if q.intent == "how_many":
        focus = lexicon.stems(q.focus) if q.focus else set()
        for f in e.figures if e else ():
            if f.text in s and focus & (lexicon.stems(words(f.text)) | {x for w in words(f.text)
                                                                       for x in synonym_stems(w)}):
                return 0.5  # a figure of the very thing counted
        if re.search(r"\d", _DATES_OUT.sub(" ", s)):
            return 0.25  # a number that is not part of a date
        return 0.0
    if q.intent == "who":
        bonus = 0.0
        focus = {x for w in q.focus for x in (stem(w),) + synonym_stems(w)}
        sent_stems = lexicon.text_terms(s)[0]
        if focus & sent_stems:
            bonus += 0.3  # "who chaired": the sentence that says who presided
        elif _ROLE_VERBS.search(s):
            bonus += 0.12
        if e and any(p.name in s for p in e.people):
            bonus += 0.12
        elif re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", s):
            bonus += 0.05
        return bonus
    if q.intent == "where" and lexicon.gazetteer.find(s):
        return 0.15
    return 0.0
