"""Digests of new reports, and the topics subscribers follow (a place, an organisation, words)."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.dates import format_span
from knowledge.gazetteer import default_gazetteer
from knowledge.query import stem
from knowledge.ranges import find_range, within
from knowledge.records import Answer, Event, Hit, Line, Place, Report, Source
from knowledge.service import KnowledgeBase

DIGEST_ITEMS = 8
DIGEST_CHARS = 3000
TOP_ORGS = 4


@dataclass(frozen=True, slots=True)
class Topic:
    """What a subscription follows. ``value`` is stable across store rebuilds: a place name, an
    organisation's canonical name (its id may change), or the words as typed, lower-cased."""

    kind: str  # "all" | "place" | "org" | "words"
    value: str
    label: str
    # Only events dated in this range ("/subscribe Cambodia since 2025"), ISO days; None: any date.
    date_from: str | None = None
    date_to: str | None = None

    @property
    def filtered(self) -> bool:
        """Whether the topic follows some events only (not every event of every report)."""
        return self.kind != "all" or self.date_from is not None


EVERYTHING = Topic("all", "", "every new report")


async def resolve(kb: KnowledgeBase, text: str) -> Topic | None:
    """A subscription topic from what a user typed (None when nothing usable is in it)."""
    text = " ".join(text.split())
    found = find_range(text)
    if found is not None:  # "Cambodia since 2025": the topic of the rest, only events in the range
        topic = await resolve(kb, found.strip(text))
        if topic is None:
            return None
        label = found.label if topic.kind == "all" else f"{topic.label}, {found.label}"
        return dataclasses.replace(topic, label=label, date_from=found.start, date_to=found.end)
    if not text:
        return EVERYTHING
    quoted = re.fullmatch(r"[\"“”'‘’«»](.+?)[\"“”'‘’«»]", text)
    if not quoted:
        q = kb.understand(text)
        if q.places and not q.org_ids:
            p = q.places[0]
            label = p.name if p.kind == "country" or not p.country else f"{p.name} ({p.country})"
            return Topic("place", p.name, label)
        if q.org_ids:
            org = await kb.org(q.org_ids[0])
            if org is not None:
                label = org.name + (f" ({org.acronyms[0]})" if org.acronyms else "")
                return Topic("org", org.name, label)
        place = _loose_place(kb, text)
        if place is not None:
            return place
    words = " ".join(re.findall(r"\w+", (quoted.group(1) if quoted else text).lower()))
    return Topic("words", words, f"“{words}”") if words else None


def _loose_place(kb: KnowledgeBase, text: str) -> Topic | None:
    """A place name typed with a typo ("Cambodja"): a subscription names one thing, so the whole text
    is compared with the gazetteer's names."""
    if len(text.split()) > 4 or len(text) < 4:
        return None
    surfaces = {s.lower(): p for s, p in kb.gazetteer.by_surface.items()}
    best = process.extractOne(text.lower(), list(surfaces), scorer=fuzz.ratio, score_cutoff=85)
    if best is None:
        return None
    p = surfaces[best[0]]
    return Topic("place", p.name, p.name if p.kind == "country" or not p.country else f"{p.name} ({p.country})")


async def _org_ids(kb: KnowledgeBase, name: str) -> set[int]:
    q = kb.understand(name)
    return set(q.org_ids)


def _matches_words(e: Event, words: str) -> bool:
    text = {stem(w) for w in re.findall(r"\w+", f"{e.title} {e.text}".lower())}
    return all(stem(w) in text for w in words.split())


async def matching_events(kb: KnowledgeBase, events: list[Event], topic: Topic) -> list[Event]:
    """The events a topic follows, in the given order."""
    if topic.date_from is not None:
        start, end = topic.date_from, topic.date_to or "9999-12-31"
        events = [e for e in events if e.date and within(e.date.start, e.date.end, start, end)]
    if topic.kind == "all":
        return list(events)
    if topic.kind == "place":
        return [e for e in events if any(_in_topic(p, topic) for p in e.places)]
    if topic.kind == "org":
        ids = await _org_ids(kb, topic.value)
        v = topic.value.lower()
        return [e for e in events if any(o.org_id in ids or o.name.lower() == v for o in e.organizations)]
    return [e for e in events if _matches_words(e, topic.value)]


def _in_topic(p: Place, topic: Topic) -> bool:
    """Whether an event's place is the place a subscriber follows, lies in it (a city in a country
    followed), or in the part of the world followed ("Southeast Asia")."""
    v = topic.value.lower()
    if p.name.lower() == v or (p.country or "").lower() == v:
        return True
    region = default_gazetteer().lookup(topic.value)
    return region is not None and default_gazetteer().in_place(p, region)


def _line(e: Event, topic: Topic = EVERYTHING) -> str:
    date = format_span(e.date) if e.date else "undated"
    shown = list(e.places)
    if topic.kind == "place":  # the place the subscriber follows first, so the line shows why it is listed
        shown.sort(key=lambda p: not _in_topic(p, topic))
    places = ", ".join(p.name for p in shown[:2])
    title = e.title if len(e.title) <= 150 else e.title[:149].rsplit(" ", 1)[0] + "…"
    return f"• {date} — {title}" + (f" [{places}]" if places else "")


def _same(message: str, **values: object) -> str:
    return message.format(**values) if values else message


async def compose(kb: KnowledgeBase, report: Report, topic: Topic = EVERYTHING, page: int = 0,
                  tr: Callable[..., str] = _same) -> Answer | None:
    """The digest of one report for one subscriber: title, date, publisher; its key events (those
    the topic follows first); the organisations most involved. None when the topic matches nothing."""
    events = await kb.report_events(report.id)
    matching = await matching_events(kb, events, topic)
    if topic.filtered and not matching:
        return None
    # Print order reads like the report's table of contents; what the topic follows comes first.
    chosen = {e.id for e in matching}
    ordered = matching + [e for e in events if e.id not in chosen]
    start = page * DIGEST_ITEMS
    shown = ordered[start:start + DIGEST_ITEMS]
    if not shown:
        return None
    # ``tr`` puts the digest's own words (not the report's) in the subscriber's language.
    lines = [tr("New report: {title}", title=report.title)]
    published = ", ".join(x for x in (report.publisher, report.issue_date) if x and x.strip())
    if published:  # a missing field is left out, not shown as empty punctuation
        lines.append(published)
    if topic.filtered:
        if len(events) == 1:
            lines.append(tr("Its one event concerns {topic}:", topic=topic.label))
        elif len(matching) == 1:
            lines.append(tr("1 of its {n} events concerns {topic}:", n=len(events), topic=topic.label))
        else:
            lines.append(tr("{m} of its {n} events concern {topic}:", m=len(matching), n=len(events), topic=topic.label))
    else:
        lines.append(tr("{n} events, from no. {k}:", n=len(events), k=start + 1) if start else
                     tr("{n} events:", n=len(events)))
    for i, e in enumerate(shown):
        # The first event the topic does not follow opens "Also in this issue".
        if topic.filtered and e.id not in chosen and (i == 0 or shown[i - 1].id in chosen):
            lines.append(tr("Also in this issue:"))
        lines.append(_line(e, topic if e.id in chosen else EVERYTHING))
    rest = len(ordered) - start - len(shown)
    if rest > 0:
        lines.append(tr("…and {n} more.", n=rest))
    involved = Counter((o.org_id, o.name) for e in events for o in {(m.org_id, m.name): m for m in e.organizations}.values())
    top = [(oid, name, n) for (oid, name), n in involved.most_common(TOP_ORGS) if n > 1]
    if top:
        lines.append(tr("Most involved: {orgs}.", orgs="; ".join(f"{name} ({n})" for _, name, n in top)))
    src = Source(report.id, report.title, report.issue_date)
    lines.append("Source: " + src.cite())
    text = "\n".join(lines)
    while len(text) > DIGEST_CHARS and len(lines) > 4:
        lines.pop(-3 if top else -2)
        text = "\n".join(lines)
    return Answer(report.title, text, True, "digest",
                  tuple(Hit("event", str(e.id), e.title, 1.0) for e in shown), (src,),
                  tuple(Hit("org", str(oid), name, 1.0) for oid, name, _ in top[:2]),
                  page=page, has_more=rest > 0,
                  lines=(Line("lead", lines[0]), *(Line("body", line) for line in lines[1:-1]),
                         Line("source", src.cite(), "Source")))
