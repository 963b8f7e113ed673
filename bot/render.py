"""Answers rendered for Telegram: HTML with every piece of report and user text escaped, messages
split at line boundaries under Telegram's 4096-character limit, and buttons whose callback data
holds only short ids (at most 64 bytes), so they keep working after a restart."""
from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import DEFAULT, N_, t
from knowledge.extract import split_sentences
from knowledge.keys import KEY_LENGTH
from knowledge.records import Answer, Event, Hit, Line, Report

MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64
PASSAGE_LIMIT = 800  # characters of report text a "Source" shows around the fact sentence
LIST_BUTTONS = 8
BUTTON_LABEL = 32
PROFILE_BUTTONS = 4


def esc(text: str) -> str:
    """Text escaped for Telegram HTML (quotes need no escaping outside attributes)."""
    return html.escape(text, quote=False)


def esc_clip(text: str, limit: int = 3500, *, tail: bool = False) -> str:
    """Text escaped for HTML and cut (before escaping, so never inside an entity) to at most ``limit``
    characters of HTML; ``tail`` keeps the end (a traceback's last frames) instead of the start."""
    out = esc(text)
    while utf16_len(out) > limit:
        keep = max(0, len(text) * limit // utf16_len(out) - 1)  # strictly shorter each round
        text = text[len(text) - keep:] if tail else text[:keep]
        out = esc(text)
    return out


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


def _line_html(line: Line, bold: bool) -> str:
    """One part of an answer as HTML: the lead in bold, a label ("Source") in italics."""
    if line.label:
        return f"<i>{esc(line.label)}:</i> {esc(line.text)}"
    return f"<b>{esc(line.text)}</b>" if bold else esc(line.text)


def _hard_split(line: str, size: int) -> list[str]:
    """A plain line whose escaped HTML would not fit ``size`` cut into pieces that do, at a space when
    there is one in the second half of the piece."""
    out: list[str] = []
    while utf16_len(esc(line)) > size:
        used, cut = 0, 0
        for i, ch in enumerate(line):
            used += utf16_len(esc(ch))
            if used > size:
                break
            cut = i + 1
        space = line.rfind(" ", 0, cut)
        cut = space if space > cut // 2 else max(cut, 1)
        out.append(line[:cut])
        line = line[cut:].lstrip()
    return out + [line] if line else out


def _plain_parts(text: str) -> tuple[Line, ...]:
    """The parts of a plain answer (a digest, a page of a profile's events, a notice): its first line
    leads, and a "Source:"/"Sources:" line is a labelled source line."""
    parts = []
    for i, row in enumerate(text.split("\n")):
        label = next((k for k in (N_("Source"), N_("Sources")) if row.startswith(k + ": ")), "")
        parts.append(Line("source", row[len(label) + 2:], label) if label else Line("lead" if i == 0 else "body", row))
    return tuple(parts)


def answer_lines(answer: Answer, lang: str = DEFAULT) -> list[str]:
    """The answer's lines as HTML, one self-contained line each (no tag spans two lines). An answer
    made of parts is rendered by part; a plain one (a digest, a notice) line by line. Labels are the
    bot's own words, in ``lang``."""
    parts = answer.lines or _plain_parts(answer.text)
    bold_head = answer.found and len(parts) > 1
    out = []
    for i, line in enumerate(parts):
        label = t(lang, line.label) if line.label else ""
        room = 3000 - len(label)
        for j, piece in enumerate(_hard_split(line.text, room) or [""]):
            part = Line(line.role, piece, label if j == 0 else "")
            out.append(_line_html(part, bold_head and i == 0 and line.role == "lead"))
    return out


def split_messages(lines: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Whole lines packed into messages of at most ``limit`` characters.

    Lengths are measured on the HTML, which is never shorter than the text Telegram counts after
    parsing the entities, so every message fits."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        n = utf16_len(line) + 1
        if current and size + n > limit:
            messages.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += n
    if current:
        messages.append("\n".join(current))
    return [m for m in messages if m.strip()] or ["…"]


def answer_messages(answer: Answer, lang: str = DEFAULT) -> list[str]:
    """The answer as one or more HTML messages."""
    return split_messages(answer_lines(answer, lang))


# --- callback data ------------------------------------------------------------------------------
# Formats (":"-separated, ASCII, well under 64 bytes):
#   m:<answer token>:<page> next page of a remembered question ("More"); the token is random and
#                           honoured only in the chat it was issued to
#   s:<generation>:<event>  the passage an event comes from ("Source")
#   o:<generation>:<org>    an organisation profile
#   p:<generation>:<person> a person profile
#   e:<generation>:<event>  one event in brief
#   r:<generation>:<n>      the n-th report (by id) in brief
#   x:<n>                   the n-th example question of /start
#   u:<subscription>        stop one subscription
#   l:<page>                a page of /subscriptions
# Record buttons hold a stable key (see knowledge.keys), so they keep working after a reload while
# the record is in the store: <action>:<kind letter><12 hex digits>[:<n>], kind e(vent), o(rg),
# p(erson), r(eport):
#   op:<k>        open the record (an event in brief, a profile, a report in brief)
#   sr:e<key>:<n> the passage of an event, its n-th sentence in bold (999: none)
#   tl:<k>        a timeline picture of a profile's events
#   cv:<k>        a CSV file of a profile's events
#   pe:<k>:<page> a page of a profile's events (page 0 is sent as a new message, later pages edit it)


@dataclass(frozen=True, slots=True)
class Callback:
    """Decoded callback data: an action, a key (store generation, answer ref, or a record's kind
    letter and stable key) and a number."""

    action: str
    key: str
    number: int

    @property
    def kind(self) -> str:
        """The record kind of a record button ("event", "org", "person", "report")."""
        return KIND_NAMES.get(self.key[:1], "")

    @property
    def record_key(self) -> str:
        """The stable key of a record button."""
        return self.key[1:]


KIND_LETTERS = {"event": "e", "org": "o", "person": "p", "report": "r"}
KIND_NAMES = {v: k for k, v in KIND_LETTERS.items()}
RECORD_ACTIONS = ("op", "sr", "tl", "cv", "pe")
_RECORD_KEY = re.compile(rf"[eopr][0-9a-f]{{{KEY_LENGTH}}}")
_SMALL_NUMBER = re.compile(r"[0-9]{1,4}")
NO_SENTENCE = 999


def record_data(action: str, kind: str, key: str, number: int | None = None) -> str:
    """Callback data of a record button (``RECORD_ACTIONS``)."""
    data = f"{action}:{KIND_LETTERS[kind]}{key}" + (f":{number}" if number is not None else "")
    if action not in RECORD_ACTIONS or not _RECORD_KEY.fullmatch(data.split(":")[1]) or len(data) > CALLBACK_LIMIT:
        raise ValueError(f"bad record button data: {data!r}")
    return data


def encode(action: str, key: str, number: int) -> str:
    """Callback data for a button; asserts Telegram's 64-byte limit."""
    data = f"{action}:{key}:{number}" if key else f"{action}:{number}"
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data too long: {data!r}")
    return data


# ASCII only ("²".isdigit() and "٣".isdigit() are true, and int() then fails or surprises), and short
# enough that every number fits an SQLite integer and every id the bot hands out.
_NUMBER = re.compile(r"[0-9]{1,9}")
_KEY = re.compile(r"[A-Za-z0-9]{1,16}")


def decode(data: str | None) -> Callback | None:
    """Parse callback data; None for anything this bot did not make (forged, stale format, out of range)."""
    if not data or len(data) > CALLBACK_LIMIT:
        return None
    parts = data.split(":")
    if parts[0] in RECORD_ACTIONS and len(parts) in (2, 3) and _RECORD_KEY.fullmatch(parts[1]) \
            and (len(parts) == 2 or _SMALL_NUMBER.fullmatch(parts[2])):
        return Callback(parts[0], parts[1], int(parts[2]) if len(parts) == 3 else 0)
    if len(parts) == 2 and parts[0] in ("x", "u", "l") and _NUMBER.fullmatch(parts[1]):
        return Callback(parts[0], "", int(parts[1]))
    if len(parts) == 3 and len(parts[0]) == 1 and parts[0] in "msoper" and _NUMBER.fullmatch(parts[2]) \
            and _KEY.fullmatch(parts[1]):
        return Callback(parts[0], parts[1], int(parts[2]))
    return None


def _label(text: str, limit: int = BUTTON_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class ButtonInfo:
    """What an answer's buttons need beyond the answer, looked up in the store by the handler:
    stable keys of its records, a profile's newest events, the sentence a fact comes from, the
    report's URL."""

    keys: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> stable key
    latest: tuple[Hit, ...] = ()  # a profile's newest events, the ones its text lists
    has_events: bool = False  # a profile with events: More, Timeline and CSV
    sentence: int | None = None  # index of the fact sentence in the source event
    url: str | None = None  # the catalog URL of the answer's report
    lang: str = DEFAULT  # the language of the labels


def _record_button(text: str, action: str, hit: Hit, info: ButtonInfo, number: int | None = None) -> InlineKeyboardButton | None:
    key = info.keys.get((hit.kind, hit.id))
    if key is None:
        return None
    return InlineKeyboardButton(text, callback_data=record_data(action, hit.kind, key, number))


def answer_keyboard(answer: Answer, ref: str | int | None, info: ButtonInfo | None = None) -> InlineKeyboardMarkup | None:
    """Buttons under an answer: More, Source and the original report; a list's items; a profile's
    newest events with More, Timeline and CSV; the profiles of the organisations and people in it."""
    info = info or ButtonInfo()
    first_row = []
    if answer.has_more and ref is not None:
        first_row.append(InlineKeyboardButton(t(info.lang, "More ▸"), callback_data=encode("m", str(ref), answer.page + 1)))
    events = [h for h in answer.hits if h.kind == "event"]
    listing = answer.intent in ("list", "digest")
    subjects = [h for h in answer.hits if h.kind in ("org", "person")] if answer.intent in ("org", "person") else []
    if answer.found and events and not listing and answer.intent not in ("reports", "report"):
        sentence = info.sentence if info.sentence is not None else NO_SENTENCE
        button = _record_button(t(info.lang, "Source"), "sr", events[0], info, sentence)
        if button:
            first_row.append(button)
    if info.url and answer.found and not subjects:
        first_row.append(InlineKeyboardButton(t(info.lang, "Original ↗"), url=info.url))
    rows = [first_row] if first_row else []
    if answer.found and listing:
        for n, hit in enumerate(events[:LIST_BUTTONS], start=answer.page * LIST_BUTTONS + 1):
            button = _record_button(_label(f"{n}. {hit.label}", 40), "op", hit, info)
            if button:
                rows.append([button])
    if len(subjects) == 1:
        subject = subjects[0]
        for hit in info.latest:
            button = _record_button("• " + _label(hit.label, 38), "op", hit, info)
            if button:
                rows.append([button])
        if info.has_events:
            tools = [_record_button(t(info.lang, text), action, subject, info, number) for text, action, number in
                     ((N_("All events ▸"), "pe", 0), (N_("Timeline"), "tl", None), (N_("CSV"), "cv", None))]
            rows.append([b for b in tools if b])
    elif subjects:  # an acronym printed for several organisations: one button per profile
        for hit in subjects[:PROFILE_BUTTONS]:
            button = _record_button(("🏢 " if hit.kind == "org" else "👤 ") + _label(hit.label), "op", hit, info)
            if button:
                rows.append([button])
    subject_ids = {(h.kind, h.id) for h in subjects}
    profiles = [h for h in answer.related if (h.kind, h.id) not in subject_ids][:PROFILE_BUTTONS]
    buttons = [_record_button(("🏢 " if h.kind == "org" else "👤 ") + _label(h.label), "op", h, info) for h in profiles]
    buttons = [b for b in buttons if b]
    for i in range(0, len(buttons), 2):
        rows.append(buttons[i:i + 2])
    rows = [r for r in rows if r]
    return InlineKeyboardMarkup(rows) if rows else None


def fact_sentence(event: Event, answer_text: str) -> int | None:
    """Which sentence of an event's text an answer quotes first (its index in ``event_sentences``)."""
    best: tuple[int, int] | None = None
    for i, s in enumerate(event_sentences(event)):
        if len(s) < 25:
            continue
        probes = (s[:40], s[len(s) // 2:len(s) // 2 + 40], s[-40:])
        found = [answer_text.find(p) for p in probes]
        pos = min((f for f in found if f >= 0), default=-1)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, i)
    return best[1] if best else None


def event_sentences(event: Event) -> list[str]:
    """The sentences of an event's text, paragraph by paragraph."""
    return [s for line in event.text.split("\n") for s in split_sentences(line)]


def _cut(text: str, limit: int, *, keep_end: bool) -> str:
    """At most ``limit`` characters of ``text``, cut at a word, from its end or its start."""
    if len(text) <= limit:
        return text
    if keep_end:
        piece = text[len(text) - limit:]
        return "…" + piece[piece.find(" ") + 1:] if " " in piece else "…" + piece
    piece = text[:limit]
    return (piece.rsplit(" ", 1)[0] if " " in piece else piece) + "…"


def source_html(event: Event, sentence: int | None, report: Report | None = None, lang: str = DEFAULT) -> str:
    """What the "Source" button shows: about PASSAGE_LIMIT characters of the report around the fact
    sentence, that sentence in bold, then the report, page and section."""
    text = event.text
    sentences = event_sentences(event)
    if sentence is None or not 0 <= sentence < len(sentences):
        # No sentence named: the first sentence after the headline leads.
        sentence = 1 if len(sentences) > 1 and sentences[0] == event.title else 0
    if sentences:
        fact = sentences[sentence]
        at = -1
        cursor = 0
        for i, s in enumerate(sentences):  # the position of that very occurrence in the text
            found = text.find(s, cursor)
            if found < 0:
                break
            if i == sentence:
                at = found
                break
            cursor = found + len(s)
        if at < 0:
            at = max(text.find(fact), 0)
        fact = _cut(fact, PASSAGE_LIMIT, keep_end=False)
        room = max(0, PASSAGE_LIMIT - len(fact)) // 2
        before = _cut(text[:at], room, keep_end=True)
        after = _cut(text[at + len(sentences[sentence]):], room, keep_end=False)
        body = f"{esc(before)}<b>{esc(fact)}</b>{esc(after)}"
    else:
        body = esc(_cut(text, PASSAGE_LIMIT, keep_end=False))
    src = event.source
    source, publisher = t(lang, "Source"), t(lang, "Publisher")
    lines = [f"<b>{esc(event.title)}</b>", "", body, "", f"<i>{source}:</i> {esc(src.cite())}"]
    if src.page is None:
        lines.append(t(lang, "<i>Page:</i> not printed"))
    if report is not None and report.publisher:
        lines.append(f"<i>{publisher}:</i> {esc(report.publisher)}")
    return "\n".join(lines)

