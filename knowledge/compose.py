"""Compose: Answers made of lines (lead, body, items, sources, more, suggestions) from plain records.

Nothing here reads the store: the façade hands over the events, profiles and reports to show.
"""
from __future__ import annotations

import re

from knowledge.dates import MONTH_NAMES, YEARLESS, DateContext, find_dates, format_span
from knowledge.decide import Decision
from knowledge.evidence import MONEY, agent_stems, any_sentences, best_sentences, event_sentences, naming, number_positions
from knowledge.extract import CHINESE_SURNAMES, surname_alone
from knowledge.extract_zh import CJK
from knowledge.gazetteer import default_gazetteer
from knowledge.lexicon import Lexicon
from knowledge.translate import romanised_name
from knowledge.query import REPORT_ACCESS, REPORT_COLOPHON, Query, is_common_english, stems_with_synonyms
from knowledge.rank import Scored
from knowledge.records import Answer, Event, Hit, Line, Organisation, Person, Place, Report, Source

LIST_CAP = 12
SINGLE_CAP = 1000
LIST_CHARS = 2400
# A list of a few events says what each was (its lead sentence, up to LEAD_CHARS) within this length.
SHORT_LIST_CHARS = 1600
# An organisation's profile without a description says what each of this many events or fewer says of it.
ORG_SAID_EVENTS = 3
LEAD_CHARS = 280


def clip(text: str, limit: int) -> str:
    """Text cut at a word to at most ``limit`` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 1)].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _asks_a_person(q: Query) -> bool:
    """Whether a question asks for someone ("who lectured", "whose", "the teacher who", "谁", "哪位"),
    not for a thing by "which" ("ambassadors from which countries")."""
    return q.intent == "who" and (bool(q.described) or re.search(r"\bwho(?:m|se)?\b|谁|哪位", q.text, re.I) is not None)


_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)
# How far back the sentence naming the one a pronoun stands for may be.
ANTECEDENT_SENTENCES = 3


def _with_antecedent(best: list[str], e: Event) -> list[str]:
    """For a "who" question whose best sentences name nobody, one of them saying "he" or "she" ("He
    was wearing a bulletproof vest"): the sentence before that one that names the person of the
    event it stands for goes just before it, as the name is the fact asked."""
    names = [p.name for p in e.people if p.name]

    def names_someone(x: str) -> bool:
        # a person of the event, or a word capitalised inside the sentence that is no English word
        # (a name the extraction did not take: "XuYonghao", glued as the page printed it)
        return any(n in x for n in names) or any(
            not is_common_english(m.group(0).lower()) and not default_gazetteer().find(m.group(0))
            for m in re.finditer(r"(?<=[\w,;:] )[A-Z][a-z]+(?:[A-Z][a-z]+)*\b", x))

    if any(names_someone(x) for x in best):
        return best
    sentences = event_sentences(e)
    said = next((x for x in best if _PRONOUN.search(x) and x in sentences), None)
    if said is None:
        return best
    at = sentences.index(said)
    for earlier in reversed(sentences[max(0, at - ANTECEDENT_SENTENCES):at]):
        if names_someone(earlier):
            i = best.index(said)
            return best[:i] + [earlier] + [x for x in best[i:] if x != earlier]
    return best


def _surname_alone(best: list[str], e: Event) -> str:
    """Who the first sentence shown means by a surname alone ("Lin went to Myanmar again"), where the
    event's person of that surname is named in full nowhere in the sentences shown: "“Lin” is Lin Yuan."
    (The extraction linked the person to the event by that surname; see extract._link_surnames.)"""
    shown = " ".join(best[:2])
    for p in e.people:
        words = p.name.split()
        if len(words) == 2 and words[0] in CHINESE_SURNAMES and p.name not in shown and surname_alone(shown, words[0]):
            return f"“{words[0]}” is {p.name}" + (f", {p.title}" if p.title else "") + "."
    return ""


def clip_around(sentence: str, terms: list[str], limit: int, focus: "list[str] | tuple[str, ...]" = (),
                names: "list[str] | tuple[str, ...]" = (), money: bool = False,
                kind: "list[str] | tuple[str, ...]" = ()) -> str:
    """A long sentence cut to ``limit`` characters, keeping the part where the question's words are,
    or where the number of the thing counted is (``focus``: "how many people" keeps "120 people"),
    or where an amount of money is (``money``), or, for a "who" question, where the ``names`` it
    prints are ("Experts and scholars, including Liu Huawen, ..., Yin Hui, delivered lectures"), or
    where the kind of thing a "which" question asks for is named (``kind``: "which university" keeps
    "the Warsaw University of ...", however late in the sentence)."""
    if len(sentence) <= limit:
        return sentence
    low = sentence.lower()
    positions = sorted(p for p in (low.find(t[:6]) for t in terms) if p >= 0)
    asked = sorted(p for p in (_count_at(low, f) for f in focus) if p >= 0)
    # (the kind's mention among most of the question's words, the last of those: a name ends in its
    # kind, "... University of Social Sciences"; and the one a described person is, "Martin Schulz,
    # ..., former President of the European Parliament", not the Hamburg Parliament after it)
    mentions = [m.start() for k in kind if len(k) >= 4 for m in re.finditer(re.escape(k[:6]), low)]
    if mentions:
        asked.append(max(mentions, key=lambda m: (sum(m - 150 <= x <= m + 50 for x in positions), m)))
        asked.sort()
    if focus and not asked:
        # The counted thing is named otherwise ("120 people" for a Chinese question's 人, read
        # "person"; "an audience of over a thousand"): the sentence was chosen for its number, which
        # stays in view.
        asked = number_positions(sentence)
    if money:  # "how much were they worth": where the amount is ("nearly 3 million yuan")
        asked = sorted(asked + [m.start() for m in MONEY.finditer(sentence)])
    named = sorted(p for p in (sentence.find(n) for n in names if n) if p >= 0)
    start = 0
    if named:
        # the window that holds most of the names and the question's words together, from the
        # sentence's start or from just before a name
        def held(a: int) -> tuple[int, int]:
            return sum(a <= x < a + limit - 20 for x in positions + named), -a
        start = max([0] + [max(0, x - 40) for x in named], key=held)
    elif asked and asked[-1] > limit - 40:
        # (a kind asked for: what names it, a person, goes before it, so more of the room is before)
        start = max(0, asked[-1] - (limit * 2 // 3 if kind and not focus else limit // 2))
    elif positions and positions[-1] > limit - 40:
        start = max(0, positions[len(positions) // 2] - limit // 2)
    start = sentence.rfind(" ", 0, start) + 1 if start else 0
    # Clipping the rest of the sentence (not a slice of exactly ``limit``) ends it at a word, with "…".
    return ("…" if start else "") + clip(sentence[start:], limit)


def _count_at(low: str, word: str) -> int:
    """Where a lower-case text gives a number of a word (or of a longer one it begins): "120 people",
    "4,000 parent-child huts"; -1 where it gives none."""
    found = re.search(r"\b\d[\d,.]*(?:\s+[\w'-]+){0,3}?\s+" + re.escape(word[:6].lower()), low)
    return found.start() if found else -1


def clip_joined(lines: list[Line], limit: int) -> list[Line]:
    """Lines whose joined text is cut (at a word) to ``limit`` characters; lines past the cut are dropped."""
    joined = "\n".join(line.plain() for line in lines)
    if len(joined) <= limit:
        return lines
    pieces = clip(joined, limit).split("\n")
    out: list[Line] = []
    for line, piece in zip(lines, pieces):
        if line.label and piece.startswith(line.label + ": "):
            out.append(Line(line.role, piece[len(line.label) + 2:], line.label))
        else:
            out.append(Line(line.role, piece))
    return out


def fit_lines(lines: list[Line], limit: int) -> list[Line]:
    """Lines that fit ``limit`` characters: lines that do not fit are left out (the last, the sources,
    always stays, with room kept for it), then the whole is clipped."""
    out: list[Line] = []
    total = 0
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        n = len(line.plain())
        if total + n + 1 > limit - (0 if last else 120) and not last:
            continue
        out.append(line)
        total += n + 1
    return clip_joined(out, limit)


def header(e: Event) -> str:
    """An event's first line: date — places: headline."""
    bits = []
    if e.date:
        bits.append(format_span(e.date))
    places = [p for p in e.places if p.country != "China" or p.kind != "country"][:4]
    if places:
        bits.append("; ".join(p.label() for p in places))
    head = " — ".join(bits)
    return f"{head}: {e.title}" if head else e.title


def day_said(sentence: str, e: Event) -> str:
    """The first day date a sentence of an event prints, in words, where it is not the event's own
    date (a year-less one read with the year nearest the event's, or, of an undated event, as its
    report's dates are read); "" where there is none."""
    if not sentence:
        return ""
    ctx = (DateContext(issue_date=e.date.start, relation="near") if e.date
           else DateContext(issue_date=e.source.report_date) if e.source.report_date else YEARLESS)
    for found in find_dates(sentence, ctx):
        if found.span.precision == "day" and found.span != e.date:
            if ctx is YEARLESS and found.year_inferred:
                # (a page that prints no year anywhere: the day, and that the year is not given)
                return format_span(found.span).rsplit(" ", 1)[0] + " (no year given)"
            return format_span(found.span)
    return ""


def related(e: Event) -> tuple[Hit, ...]:
    """The organisations and people of an event, for profile buttons."""
    orgs = [Hit("org", str(o.org_id), o.name, 1.0) for o in e.organizations[:4]]
    people = [Hit("person", str(p.person_id), p.name, 1.0) for p in e.people[:3]]
    return tuple(orgs + people)


# A sentence that names this many of the event's people lists them: shown whole as far as it fits.
LISTED_NAMES = 3


def fact_answer(q: Query, decision: Decision, ranked: list[Scored], lexicon: Lexicon, near: str = "") -> Answer:
    """The event that answers a fact question: its header, the sentences holding the fact, its source.
    ``near`` is the event's passage closest in meaning to the question."""
    good = decision.answering
    if q.page >= len(good):
        return Answer(q.raw, "No more events match this question.", False, q.intent, page=q.page)
    top = good[q.page]
    e = top.event
    lead = any_sentences(e.summary)[:1]  # (a summary in Chinese ends its sentences with 。)
    best = best_sentences(e, q, lexicon, near=near)
    if q.asks:
        # A question that asks two things: the sentence holding each, in the order asked.
        # (Chosen by what each asks for alone: the question's words already chose the first.)
        each = [x for intent, focus in q.asks
                for x in best_sentences(e, q.but(intent=intent, focus=focus, asks=(), terms=()), lexicon, n=1)]
        best = list(dict.fromkeys(best[:1] + each + best[1:]))[:3]
    if q.intent == "who" and best:
        best = _with_antecedent(best, e)
    body: list[str] = []
    # (The summary's first sentence, unless it is one of those shown, cut short.)
    people = [p.name for p in e.people] if _asks_a_person(q) else []
    for s in best + [x for x in lead if not any(b.startswith(x.rstrip("…").rstrip()) for b in best)]:
        room = 700 - sum(len(x) + 1 for x in body)
        # (The sentence that names several of the people asked for, "experts including A, B, C and
        # D lectured", is the fact itself: it takes the room of the context after it.)
        listing = not body and sum(n in s for n in people) >= LISTED_NAMES
        if room >= 120:
            body.append(clip_around(s, q.terms, room if listing else min(420, room),
                                    q.focus if q.intent == "how_many" else (), people, q.asks_money,
                                    q.focus[-1:] if q.intent in ("who", "what") and not q.asks else ()))
    if q.intent == "when" and body and (day := day_said(best[0] if best else "", e)):
        # The sentence that answers dates a part of the event ("In May 30, the ambassador visited"
        # inside an item dated 7 June): its own date is the answer, read with the event's year.
        body[0] = f"{day}: {body[0]}"
    if q.intent == "who" and (named := _surname_alone(best, e)):
        # "Lin went to Myanmar again ...": the report named the person in full in an earlier part
        body.append(named)
    if q.intent == "who":
        with_roles = [o for o in e.organizations if o.role and o.role != "participant"][:4]
        roles = "Organisers: " + "; ".join(f"{o.name} ({o.role})" for o in with_roles) + "."
        # "who organised / hosted": the event's organisers are the fact asked for, so they lead.
        asked = stems_with_synonyms(list(q.focus)) & {x for o in with_roles for x in agent_stems(o.role or "")
                                                     | lexicon.stems([o.role or ""])}
        if with_roles and asked:
            body.insert(0, roles)
        elif with_roles and sum(len(x) for x in body) < 500:
            body.append(roles)
    lines = clip_joined([Line("lead", header(e)), Line("body", " ".join(body))], SINGLE_CAP - 200)
    lines.append(Line("source", e.source.cite(), "Source"))
    sources = [e.source]
    others = [s for s in good[1:3] if s.score >= top.score * 0.92]
    length = len("\n".join(line.plain() for line in lines))
    if others and length < 750 and q.page == 0:
        o = others[0].event
        more = f"See also: {o.title}" + (f" ({format_span(o.date)})" if o.date else "")
        lines.append(Line("more", clip("\n" + more, SINGLE_CAP - length - 5)[1:]))
        sources.append(o.source)
    hits = tuple(Hit("event", str(s.event.id), s.event.title, s.score) for s in [top] + [x for x in ranked[:5] if x is not top])
    return Answer.of(q.raw, lines, True, q.intent, hits=hits, sources=tuple(sources), related=related(e),
                     page=q.page, has_more=q.page + 1 < len(good))


def not_found(q: Query, ranked: list[Scored]) -> Answer:
    """The honest answer that the reports do not hold it, with the closest events when there are any."""
    suggestions: list[str] = []
    named = set(q.org_ids), set(q.person_ids)
    for s in ranked[:3]:
        # close by its words, or about the organisation or person the question names ("when did
        # CAFIU move its headquarters": CAFIU's events, though none says so)
        about = bool(named[0] & {o.org_id for o in s.event.organizations}
                     or named[1] & {p.person_id for p in s.event.people})
        if s.coverage >= 0.3 or about:
            suggestions.append(s.event.title)
    # (what is left of a question whose date was read out of it may start with the comma after it:
    # "By mid-June 2020, how many ...")
    what = (q.subject or q.text).lstrip(" ,;:.-–—") or q.raw
    text = f"The reports I have do not say anything about “{clip(what, 120)}”."
    if q.places and not ranked:
        text = (f"The reports I have hold nothing about {', '.join(p.name for p in q.places)}"
                + (f" in {q.year}" if q.year else "") + " that matches this question.")
    lines = [Line("lead", text)]
    if suggestions:
        lines.append(Line("suggestion", "; ".join(clip(s, 90) for s in suggestions[:3]), "Closest"))
    return Answer.of(q.raw, lines, False, q.intent,
                     hits=tuple(Hit("event", str(s.event.id), s.event.title, s.score) for s in ranked[:3]),
                     suggestions=tuple(suggestions))


def list_answer(q: Query, total: int, shown: list[Event], filter_org: Organisation | None,
                about: str = "", n_about: int = 0, held: bool = True, leads: dict[int, str] | None = None,
                lead_terms: "tuple[str, ...]" = (), places: "tuple[str, ...]" = ()) -> Answer:
    """One page of a list of events: a count with the filters, a line per event, the sources.
    ``about`` is what the events were asked to be about, and the first ``n_about`` hold it;
    ``held`` False says none of them is, and the list is what comes closest, not an answer.
    ``leads`` are the sentences to show of an event of a short list (by event id): those that hold
    what the list is about (``lead_terms``: a long one is cut around them); an event without one
    shows its opening. ``places``, for a question that asks which places, are those the events name:
    they come first, and each event shows all of its own."""
    leads = leads or {}
    first = q.page * LIST_CAP
    filters = []
    if q.places:
        filters.append(", ".join(p.name for p in q.places))
    if filter_org:
        filters.append(filter_org.acronyms[0] if filter_org.acronyms else filter_org.name)
    if q.month:
        filters.append(MONTH_NAMES[q.month] + (f" {q.year}" if q.year else ""))
    elif q.year:
        filters.append(str(q.year))
    if q.date_range:
        filters.append(q.date_range[2])
    where = f" ({' · '.join(filters)})" if filters else ""
    counted = f"{total} event{'s' if total != 1 else ''}{where}"
    order = ", newest first"
    if about and not held:
        counted = f"None of the events{where} mention {about}. Closest: {counted}"
    elif about and n_about and n_about < total:
        order = f", the {n_about} about {about} first" if n_about > 1 else f", the one about {about} first"
    elif about and n_about:
        counted += f" about {about}"
    head = counted + order + (f", from no. {first + 1}:" if first else ":")
    lines = [Line("lead", head)]
    if places:
        lines.insert(0, Line("lead", clip(", ".join(places), 300) + "."))
    # Lines are clipped so that a full page always fits the cap: "More" starts the next page at
    # item LIST_CAP + 1, so a page cut short by the cap would skip items.
    room = (LIST_CHARS - 300 - len(head)) // LIST_CAP
    # A short list has room to say what each event was: its lead sentence after the headline, a
    # few lines each, well within a list's length; an organisation's events answer what it does,
    # as short as a single answer.
    spare = (SINGLE_CAP - 250 if filter_org else SHORT_LIST_CHARS) - len(head) - sum(len(e.title) + 40 for e in shown)
    # (One event alone has the room of two.)
    lead_room = min(LEAD_CHARS * (2 if len(shown) == 1 else 1), spare // max(1, len(shown))) \
        if q.page == 0 else 0
    for e in shown:
        date = format_span(e.date) if e.date else "undated"
        named = clip(", ".join(p.name for p in e.places[:None if places else 2]), 120 if places else 60)
        tail = f" [{named}]" if named else ""
        # (what it says of the topic asked about, where it says it, before what it says of the place)
        said = _where_named(e, q.places) if e.id not in leads else ""
        opening = _opening(e)[:2 if len(shown) == 1 else 1]
        lead = (leads.get(e.id) or " ".join(opening)) if lead_room >= 60 and not said else ""
        if lead:
            shown_lead = clip_around(lead, list(lead_terms), lead_room) if e.id in leads else clip(lead, lead_room)
            lines.append(Line("item", f"• {date} — {clip(e.title, 170)}{tail}: {shown_lead}"))
            continue
        if said:  # the event only names the place: what it says of it, not where the event was
            title = clip(e.title, max(40, min(90, room // 2 - len(date))))
            width = max(lead_room, room - len(date) - len(title) - 12, 60)
            lines.append(Line("item", f"• {date} — {title}: “{clip_around(said, [p.name.lower() for p in q.places], width)}”"))
            continue
        lines.append(Line("item", f"• {date} — {clip(e.title, max(40, min(170, room - len(date) - len(tail) - 5)))}{tail}"))
    more = total - first - len(shown)
    if more > 0:
        lines.append(Line("more", f"…and {more} more."))
    reports = list(dict.fromkeys(e.report_id for e in shown))
    sources = [next(e.source for e in shown if e.report_id == rid) for rid in reports]
    lines.append(Line("source", "; ".join(s.cite() for s in sources), "Sources"))
    hits = tuple(Hit("event", str(e.id), e.title, 1.0) for e in shown)
    return Answer.of(q.raw, lines, held, "list", hits=hits, sources=tuple(sources), page=q.page, has_more=more > 0)


def _opening(e: Event) -> list[str]:
    """An event's sentences from its opening, without the one its headline was made from (an item
    without a headline is titled by its first sentence, cut short)."""
    # (not a numbering or a label left as a sentence of its own: "1.", "Photo:"; a sentence in
    # Chinese is a run of characters, one \w+ between its commas)
    sentences = [x for x in event_sentences(e) if len(re.findall(r"\w+", x)) >= 4 or len(CJK.findall(x)) >= 16]
    core = e.title.rstrip("….").strip().lower()[:50]
    if sentences and core and core in sentences[0].lower():
        # (a Chinese headline cut at a comma from a long sentence, less than half of it, leaves the
        # rest unsaid: what was done, after "在……见证下")
        if not (e.title.endswith("…") and CJK.search(sentences[0]) and len(e.title) * 2 < len(sentences[0])):
            return sentences[1:]
    return sentences


def _where_named(e: Event, places: tuple[Place, ...]) -> str:
    """The sentence of an event that says most plainly what it says of ``places``, when the event did
    not take place there alone: of those that name them, the one naming fewest other places ("During
    his visit in Poland, ...", not the opening that lists the whole tour), the first of equals. Empty
    when the event took place only there, or no sentence names them."""
    gazetteer = default_gazetteer()
    if not places or e.places and all(any(gazetteer.in_place(ep, p) for p in places) for ep in e.places):
        return ""
    names = [n.lower() for p in places for n in (p.name, *gazetteer.countries_in(p))]
    naming = [x for x in event_sentences(e) if any(n in x.lower() for n in names)]

    def others(x: str) -> int:
        return len({m.place for m in gazetteer.find(x) if not any(gazetteer.in_place(m.place, p) for p in places)})

    return min(naming, key=others, default="")


def _one_per_report(sources: list[Source]) -> list[Source]:
    reports = list(dict.fromkeys(s.report_id for s in sources))
    return [next(s for s in sources if s.report_id == r) for r in reports]


def org_lines(o: Organisation, events: list[Event], budget: int) -> tuple[list[Line], list[Source]]:
    """An organisation's profile as lines (name, kind and country; description; people; newest
    events; aliases; sources) fitted to ``budget`` characters, and its sources."""
    head = o.name + (f" ({', '.join(o.acronyms)})" if o.acronyms else "")
    facts = [o.kind] + ([o.country] if o.country else [])
    first = f"{head} — {', '.join(facts)}."
    if o.name_zh:
        first += f" Chinese name: {o.name_zh}."
    lines = [Line("lead", first)]
    sources: list[Source] = []
    if o.description:
        lines.append(Line("body", clip(o.description, 260)))
        if o.description_source:
            sources.append(o.description_source)
    if o.people:
        lines.append(Line("body", "People: " + "; ".join(f"{n} ({clip(t, 80)})" for _, n, t in o.people[:3]) + "."))
    if events:
        lines.append(Line("body", f"Events ({len(o.event_ids)}), newest first:"))
        # An organisation nothing describes is told by what its few events say of it.
        # (as far as the budget leaves room beside the titles: none when two profiles share one answer)
        width = min(200, (budget - 350) // len(events) - 60)
        said = not o.description and len(events) <= ORG_SAID_EVENTS and width >= 80
        for e in events:
            what = _names_org(e, o) if said else ""
            lines.append(Line("item", f"• {format_span(e.date) if e.date else 'undated'} — {clip(e.title, 110)}"
                              + _where(e) + (f": “{clip(what, width)}”" if what else "")))
            sources.append(e.source)
    if o.aliases:
        lines.append(Line("body", "Also printed as: " + "; ".join(clip(a, 60) for a in o.aliases[:3]) + "."))
    srcs = _one_per_report(sources)
    lines.append(Line("source", "; ".join(s.cite() for s in srcs), "Sources"))
    return fit_lines(lines, budget), srcs


def _names_org(e: Event, o: Organisation) -> str:
    """The first sentence of an event that names the organisation (by a name or an acronym), other
    than the one its headline was made from."""
    names = [n for n in (o.name, *o.acronyms, *o.aliases) if n]
    return next((x for x in _opening(e) if any(n in x for n in names)), "")


def _where(e: Event) -> str:
    """Where a profile's event took place, as lists show it: " [Cambodia, Phnom Penh]" (none: "")."""
    places = clip(", ".join(p.name for p in e.places[:2]), 60)
    return f" [{places}]" if places else ""


def orgs_answer(question: str, intent: str, profiles: list[tuple[Organisation, list[Event]]]) -> Answer:
    """One or more organisation profiles (several when one acronym is printed for several)."""
    orgs = [o for o, _ in profiles]
    lines: list[Line] = []
    sources: list[Source] = []
    hits = []
    if len(orgs) > 1:
        acr = next((a for a in orgs[0].acronyms if all(a in o.acronyms for o in orgs)), None)
        if acr:
            lines.append(Line("note", f"{acr} is printed for {len(orgs)} organisations:"))
    budget = (SINGLE_CAP - 60) // len(orgs)
    for k, (o, events) in enumerate(profiles):
        ls, srcs = org_lines(o, events, budget)
        if lines:
            lines.append(Line("gap", ""))
        lines += ls
        sources += srcs
        hits.append(Hit("org", str(o.id), o.name, 1.0))
    return Answer.of(question, lines, True, intent, hits=tuple(hits), sources=tuple(dict.fromkeys(sources)),
                     related=tuple(hits))


# A person's profile quotes the sentence that names them from this many of their newest events.
PERSON_SAID = 2


def with_pinyin(name: str) -> str:
    """A person's name as an English reply gives it: one printed only in Chinese is read out in pinyin
    before its characters ("Dong Qiang (董强)")."""
    reading = romanised_name(name) if CJK.search(name) else ""
    return f"{reading} ({name})" if reading else name


def person_answer(p: Person, events: list[Event], question: str) -> Answer:
    """A person's profile: the titles the reports give them, their newest events, the sources."""
    lines = [Line("lead", with_pinyin(p.name))]
    seen: set[str] = set()
    sources: list[Source] = []
    for t in p.titles:
        key = t.title.lower()
        if key in seen:
            continue
        seen.add(key)
        lines.append(Line("item", f"• {clip(t.title, 160)} — {t.source.cite()}" + (f", {t.date[:7]}" if t.date else "")))
        sources.append(t.source)
        if len(seen) >= 4:
            break
    if events:
        lines.append(Line("body", "Events:"))
        for k, e in enumerate(events):
            lines.append(Line("item", f"• {format_span(e.date) if e.date else 'undated'} — {clip(e.title, 110)}"
                              + _where(e)))
            said = naming(e.text, p.name) if k < PERSON_SAID else []
            if said:
                # what the report says of them there: a title alone ("Professor") leaves out where
                # from, and why they are in the report
                lines.append(Line("body", clip(said[0], 240)))
            sources.append(e.source)
    if not p.titles and not events:
        return Answer(question, f"I know the name {p.name} from the reports but nothing more.", False, "person")
    srcs = _one_per_report(sources)
    lines.append(Line("source", "; ".join(s.cite() for s in srcs), "Sources"))
    hit = (Hit("person", str(p.id), p.name, 1.0),)
    return Answer.of(question, fit_lines(lines, SINGLE_CAP), True, "person", hits=hit, sources=tuple(srcs), related=hit)


def namesakes_answer(found: list[tuple[Person, list[Event]]], question: str) -> Answer:
    """Several people the reports name alike (a name printed in English and one printed in Chinese
    that reads the same, "Dong Qiang" and 董强): each one's profile, briefly, as the reports cannot
    tell whether they are one person."""
    if len(found) == 1:
        return person_answer(found[0][0], found[0][1], question)
    lines = [Line("lead", f"The reports name {len(found)} people so (they may be one person):")]
    sources: list[Source] = []
    hits: list[Hit] = []
    for p, events in found:
        one = person_answer(p, events[:1], question)
        lines.extend(Line("item" if line.role == "lead" else line.role, line.text, line.label)
                     for line in one.lines if line.role != "source")
        sources.extend(one.sources)
        hits.extend(one.hits)
    srcs = _one_per_report(sources)
    lines.append(Line("source", "; ".join(s.cite() for s in srcs), "Sources"))
    return Answer.of(question, fit_lines(lines, SINGLE_CAP), True, "person", hits=tuple(hits), sources=tuple(srcs),
                     related=tuple(hits))


def mentions_answer(name: str, events: list[Event], question: str) -> Answer:
    """Someone the reports name but keep no profile of (a page the extraction read no person from):
    the sentences that name them, newest event first, with their sources."""
    lines: list[Line] = []
    sources: list[Source] = []
    for e in events:
        said = naming(f"{e.title}\n{e.text}", name)
        if not said:
            continue
        if not lines:
            lines.append(Line("lead", f"What the reports say of {name}:"))
        lines.append(Line("item", f"• {clip(header(e), 140)}"))
        lines.append(Line("body", clip(" ".join(dict.fromkeys(said[:2])), 400)))
        sources.append(e.source)
        if len(sources) >= 3:
            break
    if not lines:
        return Answer(question, f"The reports I have do not say anything about “{clip(name, 120)}”.", False, "person")
    srcs = _one_per_report(sources)
    lines.append(Line("source", "; ".join(s.cite() for s in srcs), "Sources"))
    return Answer.of(question, fit_lines(lines, SINGLE_CAP), True, "person", sources=tuple(srcs),
                     hits=tuple(Hit("event", str(e.id), e.title, 1.0) for e in events[:3]))


# A report of at most this many items is listed in full by its summary.
SHORT_REPORT = 8


def report_summary(r: Report, events: list[Event], question: str, masthead: list[tuple[str, str]] = ()) -> Answer:
    """A report in brief: title, date, publisher, motto, its editors (``masthead``: title and name,
    in print order), and its key events by section; a section the question names, in full."""
    made = ", ".join(x for x in (f"by {with_pinyin(r.author)}" if r.author else "", r.publisher, r.issue_date) if x)
    lines = [Line("lead", f"{r.title}" + (f" ({r.title_zh})" if r.title_zh else "") + (f" — {made}" if made else "")
                  + ".")]
    if r.tagline:
        lines.append(Line("body", f"Motto: {r.tagline}."))
    if masthead and asks_editors(question):
        lines.append(Line("body", clip("Masthead: " + _masthead(r, masthead) + ".", 600)))  # asked: all of it
    elif _ASKS_EDITOR_WORDS.search(question):
        # Its editors asked for, and the report prints none: say so, with who publishes it.
        return Answer(question, f"{r.title} does not print its editors; it is published by {r.publisher}"
                      + (f" ({r.issue_date})." if r.issue_date else "."), False, "report",
                      sources=(Source(r.id, r.title, r.issue_date),))
    if REPORT_COLOPHON.search(question):
        # what the colophon prints (address, telephone, e-mail, ISSN); none printed: said so
        if not r.colophon and not _ASKS_MAKER.search(question):
            return Answer(question, f"{r.title} prints no address, telephone, e-mail or serial number; it is published "
                          f"by {r.publisher}" + (f", online at {r.url}." if r.url else "."), False, "report",
                          sources=(Source(r.id, r.title, r.issue_date),))
        lines.append(Line("body", clip("Colophon: " + "; ".join(f"{k}: {v}" for k, v in r.colophon) + "."
                                       if r.colophon else "It prints no address, telephone, e-mail or serial number.", 400)))
    access = _access_line(r, bool(REPORT_ACCESS.search(question)))
    if access:
        lines.append(Line("body", access))
    lines.append(Line("body", f"{len(events)} items{_period(r, events)}."))
    # A question that asks one fact of the report (its maker, its date, its motto) gets the card in
    # brief; one about its contents, the overview of what it covers too.
    concise = bool(_ASKS_REPORT_FACT.search(question))
    covered = _most_named(events) if len(events) > SHORT_REPORT and not concise else ""
    if covered:
        lines.append(Line("body", covered))
    sections = _sections(r, events) if _ASKS_SECTIONS.search(question) and not concise else ""
    if sections:
        lines.append(Line("body", sections))
    named = _section_named(question, events)
    if named:
        evs = [e for e in events if e.source.section == named]
        lines.append(Line("item", f"{named} ({len(evs)}):"))
        lines.extend(_dated_item(e) for e in evs[:LIST_CAP])
        return _report_answer(question, r, lines, section=named, concise=concise)
    if len(events) <= SHORT_REPORT:
        # A short report (a weekly news of a few items) is listed in full, in print order, each item
        # with what it says first, as far as a short list's length allows.
        used = sum(len(x.text) + 1 for x in lines) + sum(len(e.title) + 30 for e in events)
        room = min(LEAD_CHARS, (SHORT_LIST_CHARS - used) // max(1, len(events)))
        lines.extend(_dated_item(e, room) for e in events)
        return _report_answer(question, r, lines, concise=concise)
    by_section: dict[str, list[Event]] = {}
    dated = [e for e in events if e.date is not None] or events
    titles = {x.title for x in events}
    # Every section in print order, its dated items first: a section of undated items (an essay, a
    # report's part on its programmes) is part of the report too.
    for e in events:
        key = e.source.section or ""
        if e.source.section and e.source.section in titles:
            key = next(x.source.section or "" for x in events if x.title == e.source.section) or e.source.section
        by_section.setdefault(key, []).append(e)
    for evs in by_section.values():
        evs.sort(key=lambda e: e.date is None)
    per = 1 if len(by_section) > 4 else 3
    if len(by_section) == 1 and len(dated) > per:
        # No sections: a spread over the months the issue covers, each month's most-involved item
        # (the one naming the most organisations), rather than the first items in print order.
        by_month: dict[str, list[Event]] = {}
        for e in dated:
            by_month.setdefault(e.date.start[:7] if e.date else "", []).append(e)
        picks = [max(evs, key=lambda e: len(e.organizations)) for _, evs in sorted(by_month.items())]
        lines.extend(_dated_item(e) for e in picks[:6])
        by_section = {}
    for section, evs in list(by_section.items())[:8]:
        items = "; ".join(clip(e.title, 90) + (f" ({format_span(e.date)})" if e.date else "") for e in evs[:per])
        lines.append(Line("item", f"• {clip(section, 80) + ': ' if section else ''}{items}"))
    return _report_answer(question, r, lines, concise=concise)


# Names of the languages a catalog gives by their ISO 639-1 code (general knowledge).
LANGUAGES = {"en": "English", "zh": "Chinese", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic",
             "de": "German", "ja": "Japanese", "ko": "Korean", "pt": "Portuguese", "it": "Italian", "vi": "Vietnamese",
             "th": "Thai", "km": "Khmer", "my": "Burmese", "lo": "Lao", "mn": "Mongolian", "id": "Indonesian"}


def _access_line(r: Report, asked: bool) -> str:
    """Where a report is read and in what language, as its catalog entry says; where the catalog gives
    no address, said only when asked."""
    language = LANGUAGES.get((r.language or "").lower(), r.language or "")
    lang = f"in {language}" if language else ""
    if r.url:
        return f"Online: {r.url}" + (f" ({lang})." if lang else ".")
    if asked:
        return (f"{lang[0].upper()}{lang[1:]}; " if lang else "") + "the catalog gives no web address for it."
    return ""


# A question about how a report is laid out or what it covers (English and Chinese words for a
# publication's parts and contents).
_ASKS_SECTIONS = re.compile(r"\b(?:sections?|chapters?|parts?|columns?|rubrics?|contents?|structure\w*|organi[sz]ed|"
                            r"divided|topics?|themes?|subjects?)\b|目录|栏目|部分|章节|主题|内容|话题", re.I)


def _sections(r: Report, events: list[Event], cap: int = 700) -> str:
    """A report's sections in print order with how many items each holds ("Sections: Overseas
    Visits (5); Newsletter (6)"), where it has two or more (a section named as the report is none)."""
    counts: dict[str, int] = {}
    for e in events:
        section = e.source.section
        if section and not r.title.lower().startswith(re.sub(r"\s*\(.*", "", section).lower()):
            counts[section] = counts.get(section, 0) + 1
    if len(counts) < 2:
        return ""
    return clip("Sections: " + "; ".join(f"{clip(s, 70)} ({n})" for s, n in counts.items()) + ".", cap)


def _period(r: Report, events: list[Event]) -> str:
    """", covering January 2020 to December 2020": the months the catalog says the issue covers, else
    the span of its items' dates (an item may recall an earlier year: the catalog's span is preferred)."""
    starts = sorted(e.date.start for e in events if e.date)
    first, last = r.covers_start or (starts[0] if starts else ""), r.covers_end or (starts[-1] if starts else "")
    if not first or first[:7] == last[:7]:
        return ""
    def month(iso: str) -> str:
        return f"{MONTH_NAMES[int(iso[5:7])]} {iso[:4]}" if len(iso) >= 7 else iso[:4]
    return f", covering {month(first)} to {month(last)}"


def _most_named(events: list[Event], places: int = 8, orgs: int = 6) -> str:
    """What an issue covers most: the countries and the organisations the most of its items name,
    with how many items name each (a country a report is about is named in many of its items)."""
    by_country: dict[str, int] = {}
    by_org: dict[str, int] = {}
    for e in events:
        for country in dict.fromkeys(p.country or p.name for p in e.places):
            by_country[country] = by_country.get(country, 0) + 1
        for name in dict.fromkeys(o.name for o in e.organizations):
            by_org[name] = by_org.get(name, 0) + 1
    def top(counts: dict[str, int], n: int) -> str:
        best = sorted(((c, k) for k, c in counts.items() if c >= 2), key=lambda x: (-x[0], x[1]))[:n]
        return ", ".join(f"{k} ({c})" for c, k in best)
    parts = [f"{label}: {listed}" for label, listed in
             (("Countries most covered", top(by_country, places)), ("Organisations most named", top(by_org, orgs)))
             if listed]
    return ". ".join(parts) + "." if parts else ""


def _dated_item(e: Event, lead: int = 0) -> Line:
    """An event as an item of a report's summary: its headline and date (and, given room of ``lead``
    characters, its opening sentence)."""
    said = next(iter(_opening(e)), "") if lead >= 60 else ""
    return Line("item", f"• {clip(e.title, 110)}" + (f" ({format_span(e.date)})" if e.date else "")
                + (f": {clip(said, lead)}" if said else ""))


def _report_answer(question: str, r: Report, lines: list[Line], section: str | None = None,
                   concise: bool = False) -> Answer:
    """A report's summary lines with its source (the section named, if any) as an answer; as long
    as a list (it stands for many items), or as a single fact where one is asked (``concise``)."""
    src = Source(r.id, r.title, r.issue_date, section=section)
    lines.append(Line("source", src.cite(), "Source"))
    return Answer.of(question, fit_lines(lines, SINGLE_CAP - 20 if concise else LIST_CHARS - 100), True, "report",
                     hits=(Hit("report", r.id, r.title, 1.0),), sources=(src,))


# A question that asks one fact of a report: who makes it, when it came out, its motto (English and
# Chinese grammar, and the words for these).
_ASKS_REPORT_FACT = re.compile(r"\b(?:who|whom|whose|when|what (?:date|year|month)|editors?|editorial|edited|masthead|"
                               r"publish\w*|released?|issued?|came out|motto|slogan|tagline|sponsor\w*)\b|谁|何时|什么时候|哪年|"
                               r"口号|编辑|主编|出版|发布|发行|" + REPORT_ACCESS.pattern + "|" + REPORT_COLOPHON.pattern, re.I)


# A question that also asks who makes a report or when (which its card answers, whatever else it asks).
_ASKS_MAKER = re.compile(r"\b(?:who|whom|whose|when|publish\w*|behind|puts? out|issued?|released?)\b|谁|何时|出版|发布", re.I)


# A question that names a report's editors (English and Chinese words for editors).
_ASKS_EDITOR_WORDS = re.compile(r"\b(?:editors?|editorial|edited|edits|masthead|editor-in-chief)\b|编辑|主编", re.I)


# A question about who makes the report (English and Chinese grammar and the words for editors).
_ASKS_EDITORS = re.compile(r"\b(?:who|whom|editors?|editorial|edited|masthead|staff)\b|编辑|主编|谁", re.I)


def asks_editors(question: str) -> bool:
    """Whether a question about a report asks who makes it (its editors)."""
    return bool(_ASKS_EDITORS.search(question))


def _masthead(r: Report, people: list[tuple[str, str]]) -> str:
    """Editors grouped by title ("Chief Editor: A; Deputy Chief Editors: B, C"), the title without
    "of <the report>", the roles held by one person first (the head of a masthead is one person)."""
    series = r.title.split(",")[0].lower()
    groups: dict[str, list[str]] = {}
    for title, name in people:
        short = re.sub(r"\s+of\s+(?:the\s+)?(.+)$", lambda m: "" if series.startswith(m.group(1).lower()) else m.group(0), title)
        groups.setdefault(short, []).append(name)
    order = sorted(groups, key=lambda t: (len(groups[t]), len(t)))
    return "; ".join(f"{t}: {', '.join(groups[t])}" for t in order)


def _section_named(question: str, events: list[Event]) -> str:
    """The section of a report a question names by all its words ("the New Insights section")."""
    asked = set(re.findall(r"[a-z0-9]+", question.lower()))
    best = ""
    for section in dict.fromkeys(e.source.section for e in events if e.source.section):
        need = {w for w in re.findall(r"[a-z0-9]+", section.lower()) if len(w) > 2 and w not in _SECTION_GRAMMAR}
        if need and need <= asked and len(section) > len(best):
            best = section
    return best


# Function words a section's title may hold ("News of the Network").
_SECTION_GRAMMAR = {"the", "and", "for", "with", "from", "its", "our"}


def reports_answer(reports: list[Report]) -> Answer:
    """The corpus: every report with its publisher, issue date and the months its events cover."""
    reports = sorted(reports, key=lambda r: r.issue_date or "", reverse=True)
    # the language, once where they share it (the catalog's; "in English")
    languages = {LANGUAGES.get((r.language or "").lower(), r.language or "") for r in reports}
    shared = f", all in {next(iter(languages))}" if len(languages) == 1 and "" not in languages else ""
    lines = [Line("lead", f"{len(reports)} report{'s' if len(reports) != 1 else ''}, newest first{shared}:")]
    for r in reports:
        covers = ""
        if r.covers_start:
            covers = f"; events {r.covers_start}" + (f" to {r.covers_end}" if r.covers_end and r.covers_end != r.covers_start else "")
        lang = "" if shared else f"; in {LANGUAGES.get((r.language or '').lower(), r.language)}" if r.language else ""
        lines.append(Line("item", f"• {r.title} — {r.publisher}, {r.issue_date or 'undated'}{covers}{lang}"))
    hits = tuple(Hit("report", r.id, r.title, 1.0) for r in reports)
    return Answer.of("reports", fit_lines(lines, LIST_CHARS), True, "reports", hits=hits,
                     sources=tuple(Source(r.id, r.title, r.issue_date) for r in reports))


def which_reports_answer(question: str, asked: str, counted: list[tuple[Report, list[Event]]]) -> Answer:
    """The reports that hold what a question asks about, the one with most of it first: each with its
    publisher, date and how many of its items hold it, and a few items of the first."""
    what = f" about {clip(asked, 80)}" if asked else ""
    (top, top_events), rest = counted[0], counted[1:]
    n = len(top_events)
    lines = [Line("lead", f"{top.title} — {top.publisher}" + (f", {top.issue_date}" if top.issue_date else "")
                  + f": {n} item{'s' if n != 1 else ''}{what}" + (", the most of the reports." if rest else "."))]
    lines.extend(_dated_item(e) for e in top_events[:3])
    if rest:
        lines.append(Line("body", "Also: " + "; ".join(
            f"{r.title} ({len(evs)} item{'s' if len(evs) != 1 else ''})" for r, evs in rest[:6]) + "."))
    srcs = tuple(Source(r.id, r.title, r.issue_date) for r, _ in counted[:7])
    lines.append(Line("source", "; ".join(s.cite() for s in srcs[:3]), "Sources"))
    return Answer.of(question, fit_lines(lines, SINGLE_CAP), True, "report", sources=srcs,
                     hits=tuple(Hit("report", r.id, r.title, 1.0) for r, _ in counted[:7]))


def which_sections_answer(question: str, asked: str, found: list[tuple[Report, str, list[Event]]]) -> Answer:
    """The sections of a report that hold what a question asks about, the one with most of it first,
    each with its items (a report without sections: its items, said so)."""
    what = f" about {clip(asked, 80)}" if asked else ""
    lines: list[Line] = []
    for i, (r, section, evs) in enumerate(found[:3]):
        where = f"the section “{section}” of " if section and _letters(section) != _letters(r.title) else ""
        lines.append(Line("lead" if i == 0 else "item", f"{'' if i == 0 else '• '}In {where}{r.title}: "
                          f"{len(evs)} item{'s' if len(evs) != 1 else ''}{what}."))
        lines.extend(_dated_item(e) for e in evs[:2])
    srcs = tuple(dict.fromkeys(Source(r.id, r.title, r.issue_date, section=section or None) for r, section, _ in found[:3]))
    lines.append(Line("source", "; ".join(s.cite() for s in srcs), "Sources"))
    return Answer.of(question, fit_lines(lines, SINGLE_CAP), True, "report", sources=srcs,
                     hits=tuple(Hit("report", r.id, r.title, 1.0) for r, _, _ in found[:1]))


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def reports_by_size(question: str, sized: list[tuple[Report, int]], largest: bool = True) -> Answer:
    """The reports by how many items they hold, the largest (or the smallest) first."""
    (top, n), rest = sized[0], sized[1:]
    lines = [Line("lead", f"{top.title} — {top.publisher}" + (f", {top.issue_date}" if top.issue_date else "")
                  + f": {n} item{'s' if n != 1 else ''}" + (f", the {'most' if largest else 'fewest'} of the reports."
                                                            if rest else "."))]
    if rest:
        lines.append(Line("body", "Then: " + "; ".join(f"{r.title} ({k})" for r, k in rest[:10]) + "."))
    srcs = tuple(Source(r.id, r.title, r.issue_date) for r, _ in sized[:7])
    lines.append(Line("source", srcs[0].cite(), "Source"))
    return Answer.of(question, fit_lines(lines, SINGLE_CAP), True, "report", sources=srcs,
                     hits=tuple(Hit("report", r.id, r.title, 1.0) for r, _ in sized[:7]))


def event_answer(e: Event) -> Answer:
    """One event in brief: when, where, what, its lead sentences and its source."""
    lines = [Line("lead", header(e)), Line("body", clip(e.summary, SINGLE_CAP - 300)),
             Line("source", e.source.cite(), "Source")]
    return Answer.of(e.title, lines, True, "event", hits=(Hit("event", str(e.id), e.title, 1.0),),
                     sources=(e.source,), related=related(e))
