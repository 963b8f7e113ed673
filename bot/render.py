"""Answers rendered for Telegram: HTML with every piece of report and user text escaped, messages
split at line boundaries under Telegram's 4096-character limit, and buttons whose callback data
holds only short ids (at most 64 bytes), so they keep working after a restart."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from knowledge.records import Answer, Event, Line

MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64
PASSAGE_LIMIT = 3000
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


def answer_lines(answer: Answer) -> list[str]:
    """The answer's lines as HTML, one self-contained line each (no tag spans two lines). An answer
    made of parts is rendered by part; a plain one (a digest, a notice) line by line."""
    parts = answer.lines or tuple(Line("body", t) for t in answer.text.split("\n"))
    bold_head = answer.found and len(parts) > 1
    out = []
    for i, line in enumerate(parts):
        room = 3000 - len(line.label)
        for j, piece in enumerate(_hard_split(line.text, room) or [""]):
            part = Line(line.role, piece, line.label if j == 0 else "")
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


def answer_messages(answer: Answer) -> list[str]:
    """The answer as one or more HTML messages."""
    return split_messages(answer_lines(answer))


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


@dataclass(frozen=True, slots=True)
class Callback:
    """Decoded callback data: an action, a key (store generation or answer ref) and a number."""

    action: str
    key: str
    number: int


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
    if len(parts) == 2 and parts[0] in ("x", "u") and _NUMBER.fullmatch(parts[1]):
        return Callback(parts[0], "", int(parts[1]))
    if len(parts) == 3 and len(parts[0]) == 1 and parts[0] in "msoper" and _NUMBER.fullmatch(parts[2]) \
            and _KEY.fullmatch(parts[1]):
        return Callback(parts[0], parts[1], int(parts[2]))
    return None


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= BUTTON_LABEL else text[: BUTTON_LABEL - 1].rstrip() + "…"


def answer_keyboard(answer: Answer, generation: str, ref: str | int | None) -> InlineKeyboardMarkup | None:
    """Buttons under an answer: More, Source, and the profiles of the organisations and people in it."""
    first_row = []
    if answer.has_more and ref is not None:
        first_row.append(InlineKeyboardButton("More ▸", callback_data=encode("m", str(ref), answer.page + 1)))
    events = [h for h in answer.hits if h.kind == "event"]
    if answer.found and events and answer.intent not in ("list", "reports", "report"):
        first_row.append(InlineKeyboardButton("Source", callback_data=encode("s", generation, int(events[0].id))))
    rows = [first_row] if first_row else []
    subject = {(h.kind, h.id) for h in answer.hits if answer.intent in ("org", "person")}
    profiles = [h for h in answer.related if (h.kind, h.id) not in subject][:PROFILE_BUTTONS]
    for i in range(0, len(profiles), 2):
        rows.append([InlineKeyboardButton(("🏢 " if h.kind == "org" else "👤 ") + _label(h.label),
                                          callback_data=encode("o" if h.kind == "org" else "p", generation, int(h.id)))
                     for h in profiles[i:i + 2]])
    return InlineKeyboardMarkup(rows) if rows else None


def passage_html(event: Event) -> str:
    """The passage an event comes from, with its source line: what the "Source" button shows."""
    text = event.text if len(event.text) <= PASSAGE_LIMIT else event.text[:PASSAGE_LIMIT].rsplit(" ", 1)[0] + "…"
    return f"<b>{esc(event.title)}</b>\n\n{esc(text)}\n\n<i>Source:</i> {esc(event.source.cite())}"
