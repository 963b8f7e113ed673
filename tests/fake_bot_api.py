"""A fake Telegram Bot API server for end-to-end tests.

The real python-telegram-bot ``Application`` (or a bare ``telegram.Bot``) is pointed at this server
instead of api.telegram.org, so a test exercises the bot's real HTTP traffic: JSON, urlencoded and
multipart bodies, long polling, error codes, and the validation Telegram applies to what a bot sends
(HTML entity parsing, message length, inline keyboards, callback and inline query ids ...).

Usage::

    async with FakeBotAPI() as api:
        app = (ApplicationBuilder().token(api.token)
               .base_url(api.base_url).base_file_url(api.base_file_url).build())
        ...start polling...
        api.user_message("/start")
        call = await api.wait_for("sendMessage")
        assert "Welcome" in call.result["text"]
        assert not api.rejected

What is modelled follows https://core.telegram.org/bots/api and, for entity parsing, TDLib's
``parse_html`` / ``parse_markdown_v2`` (the code behind the Bot API server), including its error texts.
One deliberate difference: with ``strict_html=True`` (the default) a ``&`` that does not start a
complete ``&lt;`` / ``&gt;`` / ``&amp;`` / ``&quot;`` / ``&#NN;`` / ``&#xNN;`` reference is rejected,
where Telegram would silently keep it as text. A bot that forgets to escape user text gets away
with ``AT&T`` but not with ``a<b``; being strict here catches the missing escape before a user does.
"""
from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import mimetypes
import re
import secrets
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "ApiError",
    "EntityParseError",
    "FakeBotAPI",
    "UploadedFile",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "utf16_len",
]

DEFAULT_TOKEN = "123456789:AAFakeTokenForEndToEndTests_0123456"

# Telegram's documented limits.
MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50
MAX_COMMANDS = 100
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
MAX_BUTTONS = 100
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_SIDES = 10_000  # width + height
MAX_PHOTO_RATIO = 20
MAX_DESCRIPTION = 512
MAX_SHORT_DESCRIPTION = 120

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"

# Update types a bot receives when it does not pass allowed_updates (Bot API: "all update types
# except chat_member, message_reaction, and message_reaction_count").
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
})

_INLINE_BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
)

_INLINE_RESULT_TYPES = frozenset({
    "article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document", "location", "venue",
    "contact", "game", "sticker",
})

# Parameters that arrive as JSON-serialised strings in urlencoded/multipart bodies (PTB sends every
# request as a form, so these are strings on the wire even though they are objects in the API).
_JSON_PARAMS = frozenset({
    "reply_markup", "entities", "caption_entities", "commands", "scope", "results", "allowed_updates",
    "reply_parameters", "link_preview_options", "button", "media", "message_ids", "explanation_entities",
    "options", "prices", "menu_button", "rights", "permissions", "input_message_content",
})
_INT_PARAMS = frozenset({
    "message_id", "offset", "limit", "user_id", "cache_time", "reply_to_message_id", "message_thread_id",
    "max_connections", "from_chat_id",
})
_BOOL_PARAMS = frozenset({
    "show_alert", "is_personal", "disable_notification", "protect_content", "drop_pending_updates",
    "disable_web_page_preview", "allow_sending_without_reply", "disable_content_type_detection",
    "allow_paid_broadcast",
})

# TDLib's MessageEntity::get_type_priority: the tie-breaker when two entities share offset and length.
_ENTITY_PRIORITY = {
    "mention": 50, "hashtag": 50, "bot_command": 50, "url": 50, "email": 50, "bold": 90, "italic": 91,
    "code": 20, "pre": 11, "text_link": 49, "text_mention": 49, "cashtag": 50, "phone_number": 50,
    "underline": 92, "strikethrough": 93, "blockquote": 0, "expandable_blockquote": 0, "spoiler": 94,
    "custom_emoji": 99,
}
_ENTITY_TYPES = frozenset(_ENTITY_PRIORITY)

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


# --------------------------------------------------------------------------------------------------
# Small value types
# --------------------------------------------------------------------------------------------------


class ApiError(Exception):
    """An error response of the Bot API: HTTP status, description and optional ``parameters``."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


class EntityParseError(ValueError):
    """Text markup that Telegram refuses; ``str(exc)`` is the part after "can't parse entities: "."""


@dataclass
class UploadedFile:
    """A file part of a multipart request, as the server received it."""

    field: str
    filename: str | None
    content_type: str
    data: bytes

    def __repr__(self) -> str:
        return f"UploadedFile(field={self.field!r}, filename={self.filename!r}, {len(self.data)} bytes)"


@dataclass
class ApiCall:
    """One request the bot made, in arrival order.

    ``params`` are decoded whatever the transport: JSON-valued parameters (``reply_markup``,
    ``entities``, ``results``, ...) are objects, ids and counts are ints, uploads are ``UploadedFile``.
    """

    index: int
    method: str
    params: dict[str, Any]
    status: int
    response: dict[str, Any] | None
    injected: bool = False
    abandoned: bool = False  # the client hung up before the answer (e.g. a cancelled long poll)
    http_method: str = "POST"
    started: float = 0.0
    finished: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the server answered ``{"ok": true, ...}``."""
        return bool(self.response and self.response.get("ok"))

    @property
    def result(self) -> Any:
        """The ``result`` of a successful call (None otherwise)."""
        return self.response.get("result") if self.response else None

    @property
    def description(self) -> str | None:
        """The error description of a failed call (None otherwise)."""
        return self.response.get("description") if self.response else None


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None


@dataclass
class _Poll:
    """A getUpdates request that is waiting for updates."""

    request: web.Request
    terminated: bool = False


# --------------------------------------------------------------------------------------------------
# Text and entities
# --------------------------------------------------------------------------------------------------


def _image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG, read from its header; None when it is neither."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
            i += 2 + length
    return None


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram's offsets and length limits."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _u16(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def _byte_offset(text: str, index: int) -> int:
    # TDLib reports positions in bytes of the UTF-8 source text.
    return len(text[:index].encode("utf-8", "surrogatepass"))


_URL_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{1,62}$")
_URL_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_URL = re.compile(r"^(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?(?P<host>[^/?#\s:@]+)(?P<port>:\d{1,5})?"
                  r"(?P<rest>[/?#]\S*)?$")


def _checked_url(url: str) -> str | None:
    """Normalise a link the way Telegram does, or None when Telegram would not accept it as a link."""
    url = url.strip()
    if re.match(r"^tg://", url, re.I):
        return url
    match = _URL.match(url)
    if not match:
        return None
    scheme = (match["scheme"] or "http").lower()
    if scheme not in ("http", "https", "ftp", "ton"):
        return None
    host = match["host"]
    if not (_URL_HOST.match(host) or _URL_IP.match(host)):
        return None
    return f"{scheme}://{host}{match['port'] or ''}{match['rest'] or '/'}"


def _link_user_id(url: str) -> int | None:
    match = re.match(r"^tg://user\?id=(\d+)$", url.strip(), re.I)
    return int(match.group(1)) if match else None


def _sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"], _ENTITY_PRIORITY.get(e["type"], 50)))


def _decode_html_entity(text: str, pos: int, strict: bool) -> tuple[str, int] | None:
    """Decode the character reference starting at ``text[pos] == '&'``; None when there is none.

    Mirrors TDLib's decode_html_entity (only lt, gt, amp, quot and numeric references; the ``;`` is
    optional). ``strict`` additionally requires the ``;``.
    """
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        if end < n and text[end] == "x":
            end += 1
            start = end
            while end < n and text[end] in "0123456789abcdefABCDEF":
                end += 1
            code = int(text[start:end], 16) if end > start else 0
        else:
            start = end
            while end < n and "0" <= text[end] <= "9":
                end += 1
            code = int(text[start:end]) if end > start else 0
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
        char = chr(code)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(text[pos + 1:end])
        if named is None:
            return None
        char = named
    if end < n and text[end] == ";":
        end += 1
    elif strict:
        return None
    return char, end


_HTML_TAGS = frozenset({
    "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span", "pre",
    "code", "blockquote",
})
_HTML_SPACES = frozenset(" \t\r\n\v\f\0")
_SIMPLE_HTML_ENTITIES = {
    "i": "italic", "em": "italic", "b": "bold", "strong": "bold", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "u": "underline", "ins": "underline", "tg-spoiler": "spoiler", "span": "spoiler",
}


@dataclass
class _OpenTag:
    name: str
    argument: str
    offset: int  # UTF-16 offset in the output text
    out_pos: int  # index in the output text, to recover an <a> tag's text
    byte_offset: int = 0
    expandable: bool = False


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram-flavoured HTML into plain text and Bot API ``MessageEntity`` dicts.

    Follows TDLib's parse_html: the tag set and attributes, error texts with UTF-8 byte offsets, UTF-16
    entity offsets, <pre><code class="language-x"> merging, dropping empty entities and invalid links.
    Raises ``EntityParseError`` for what Telegram rejects (and, with ``strict``, for a bare ``&``).
    """
    out: list[str] = []
    out_len = 0  # len("".join(out)) without joining each time
    u16 = 0
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    n = len(text)
    i = 0

    def skip_spaces(j: int) -> int:
        while j < n and text[j] in _HTML_SPACES:
            j += 1
        return j

    while i < n:
        c = text[i]
        if c == "&":
            decoded = _decode_html_entity(text, i, strict)
            if decoded is not None:
                char, i = decoded
                out.append(char)
                out_len += 1
                u16 += _u16(char)
                continue
            if strict:
                raise EntityParseError(
                    f'Unsupported HTML entity at byte offset {_byte_offset(text, i)}: a literal "&" must be '
                    f'written as "&amp;"')
        if c != "<":
            out.append(c)
            out_len += 1
            u16 += _u16(c)
            i += 1
            continue

        begin = i
        i += 1
        if i >= n or text[i] != "/":
            # A start tag: its name runs to the first space or '>'.
            while i < n and text[i] not in _HTML_SPACES and text[i] != ">":
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
            name = text[begin + 1:i].lower()
            if name not in _HTML_TAGS:
                raise EntityParseError(
                    f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, begin)}')
            argument = ""
            expandable = False
            while True:
                i = skip_spaces(i)
                if i >= n:
                    raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
                if text[i] == ">":
                    break
                attr_begin = i
                while i < n and text[i] not in _HTML_SPACES and text[i] not in "=>":
                    i += 1
                attr = text[attr_begin:i].lower()
                if not attr:
                    raise EntityParseError(
                        f'Empty attribute name in the tag "{name}" at byte offset {_byte_offset(text, begin)}')
                i = skip_spaces(i)
                if i >= n:
                    raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
                if text[i] != "=":
                    # A value-less attribute; Telegram gives meaning only to <blockquote expandable>.
                    if name == "blockquote" and attr == "expandable":
                        expandable = True
                    continue
                i = skip_spaces(i + 1)
                if i >= n:
                    raise EntityParseError(
                        f'Unclosed start tag "{name}" at byte offset {_byte_offset(text, begin)}')
                if text[i] not in "'\"":
                    token_begin = i
                    while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                        i += 1
                    value = text[token_begin:i].lower()
                    if i < n and text[i] not in _HTML_SPACES and text[i] != ">":
                        raise EntityParseError(
                            f"Unexpected end of name token at byte offset {_byte_offset(text, token_begin)}")
                else:
                    quote = text[i]
                    i += 1
                    chars: list[str] = []
                    while i < n and text[i] != quote:
                        if text[i] == "&":
                            decoded = _decode_html_entity(text, i, strict)
                            if decoded is not None:
                                chars.append(decoded[0])
                                i = decoded[1]
                                continue
                            if strict:
                                raise EntityParseError(
                                    f'Unsupported HTML entity at byte offset {_byte_offset(text, i)}: a literal '
                                    f'"&" must be written as "&amp;"')
                        chars.append(text[i])
                        i += 1
                    if i >= n:
                        raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
                    i += 1
                    value = "".join(chars)
                if name == "a" and attr == "href":
                    argument = value
                elif name == "code" and attr == "class" and value.startswith("language-"):
                    argument = value[len("language-"):]
                elif name == "span" and attr == "class" and value.startswith("tg-"):
                    argument = value[len("tg-"):]
                elif name == "tg-emoji" and attr == "emoji-id":
                    argument = value
            i += 1  # the '>'
            if name == "span" and argument != "spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}')
            stack.append(_OpenTag(name, argument, u16, out_len, _byte_offset(text, begin), expandable))
            continue

        # An end tag.
        if not stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
        i += 1
        while i < n and text[i] not in _HTML_SPACES and text[i] != ">":
            i += 1
        end_name = text[begin + 2:i].lower()
        i = skip_spaces(i)
        if i >= n or text[i] != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
        i += 1
        top = stack[-1]
        if end_name and end_name != top.name:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {_byte_offset(text, begin)}, expected "</{top.name}>", '
                f'found "</{end_name}>"')
        if u16 > top.offset:
            _close_html_entity(top, u16, "".join(out)[top.out_pos:], entities)
        stack.pop()

    if stack:
        raise EntityParseError(f"Can't find end tag corresponding to start tag {stack[-1].name}")
    result = "".join(out)
    if any("\ud800" <= ch <= "\udfff" for ch in result):
        raise EntityParseError("Text contains invalid Unicode characters after decoding HTML entities, check for "
                               "unmatched surrogate code units")
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)  # only <pre> keeps a language
    return result, _sort_entities(entities)


def _close_html_entity(tag: _OpenTag, u16: int, inner: str, entities: list[dict[str, Any]]) -> None:
    offset, length = tag.offset, u16 - tag.offset
    name = tag.name
    if name in _SIMPLE_HTML_ENTITIES:
        entities.append({"type": _SIMPLE_HTML_ENTITIES[name], "offset": offset, "length": length})
    elif name == "tg-emoji":
        if not tag.argument.isdigit() or not 0 < int(tag.argument) < 2**63:
            raise EntityParseError("Invalid custom emoji identifier specified")
        entities.append({"type": "custom_emoji", "offset": offset, "length": length,
                         "custom_emoji_id": str(int(tag.argument))})
    elif name == "a":
        url = tag.argument or inner
        user_id = _link_user_id(url)
        if user_id is not None:
            entities.append({"type": "text_mention", "offset": offset, "length": length,
                             "user": {"id": user_id, "is_bot": False, "first_name": ""}})
        else:
            checked = _checked_url(url)
            if checked is not None:  # Telegram silently drops links it cannot accept
                entities.append({"type": "text_link", "offset": offset, "length": length, "url": checked})
    elif name == "pre":
        last = entities[-1] if entities else None
        if (last and last["type"] == "code" and last["offset"] == offset and last["length"] == length
                and last.get("language")):
            last["type"] = "pre"
        else:
            entities.append({"type": "pre", "offset": offset, "length": length})
    elif name == "code":
        last = entities[-1] if entities else None
        if (last and last["type"] == "pre" and last["offset"] == offset and last["length"] == length
                and tag.argument):
            last["language"] = tag.argument
        else:
            entity = {"type": "code", "offset": offset, "length": length}
            if tag.argument:
                entity["language"] = tag.argument  # kept only if an enclosing <pre> claims it
            entities.append(entity)
    elif name == "blockquote":
        entities.append({"type": "expandable_blockquote" if tag.expandable else "blockquote",
                         "offset": offset, "length": length})


_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_TYPE_NAMES = {
    "bold": "Bold", "italic": "Italic", "underline": "Underline", "strikethrough": "Strikethrough",
    "spoiler": "Spoiler", "code": "Code", "pre": "Pre", "text_link": "TextUrl", "custom_emoji": "CustomEmoji",
}


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse MarkdownV2 the way TDLib's parse_markdown_v2 does (reserved characters must be escaped).

    Block quotes (``>`` lines, ``**>`` ... ``||`` expandable) are supported in a simplified, line-based way.
    """
    out: list[str] = []
    out_len = 0
    u16 = 0
    entities: list[dict[str, Any]] = []
    stack: list[_OpenTag] = []
    n = len(text)
    i = 0
    quote: list[Any] | None = None  # [offset, expandable]
    line_start = True

    def emit(ch: str) -> None:
        nonlocal out_len, u16
        out.append(ch)
        out_len += 1
        u16 += _u16(ch)

    def close_quote() -> None:
        nonlocal quote
        if quote is None:
            return
        end = u16 - 1 if out and out[-1] == "\n" else u16
        if end > quote[0]:
            entities.append({"type": "expandable_blockquote" if quote[1] else "blockquote",
                             "offset": quote[0], "length": end - quote[0]})
        quote = None

    while i < n:
        c = text[i]
        if line_start and not stack:
            line_start = False
            if c == ">":
                if quote is None:
                    quote = [u16, False]
                i += 1
                continue
            if text.startswith("**>", i):
                close_quote()
                quote = [u16, True]
                i += 3
                continue
            close_quote()
        if c == "\n":
            line_start = True
        if c == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            emit(text[i + 1])
            i += 2
            continue
        top = stack[-1] if stack else None
        if top is not None and top.name in ("code", "pre"):
            closes = c == "`" and (top.name == "code" or text.startswith("```", i))
            if not closes:
                emit(c)
                i += 1
                continue
        elif (c == "|" and quote is not None and quote[1] and text.startswith("||", i)
              and (i + 2 == n or text[i + 2] == "\n") and not any(t.name == "spoiler" for t in stack)):
            i += 2  # the end mark of an expandable block quote
            continue
        elif c not in "_*~|[]`!":
            if c in _MDV2_RESERVED:
                raise EntityParseError(f"Character '{c}' is reserved and must be escaped with the preceding '\\'")
            emit(c)
            i += 1
            continue

        closes_top = top is not None and {
            "bold": c == "*",
            "italic": c == "_" and not text.startswith("__", i),
            "underline": text.startswith("__", i),
            "strikethrough": c == "~",
            "spoiler": text.startswith("||", i),
            "code": c == "`",
            "pre": text.startswith("```", i),
            "text_link": c == "]",
            "custom_emoji": c == "]",
        }[top.name]
        if not closes_top:
            begin = i
            argument = ""
            if c == "_":
                kind = "underline" if text.startswith("__", i) else "italic"
                i += 2 if kind == "underline" else 1
            elif c == "*":
                kind, i = "bold", i + 1
            elif c == "~":
                kind, i = "strikethrough", i + 1
            elif c == "|" and text.startswith("||", i):
                kind, i = "spoiler", i + 2
            elif c == "[":
                kind, i = "text_link", i + 1
            elif c == "!" and text.startswith("![", i):
                kind, i = "custom_emoji", i + 2
            elif c == "`" and text.startswith("```", i):
                kind = "pre"
                i += 3
                lang_end = i
                while lang_end < n and text[lang_end] not in _HTML_SPACES and text[lang_end] != "`":
                    lang_end += 1
                if lang_end > i and lang_end < n and text[lang_end] != "`":
                    argument = text[i:lang_end]
                    i = lang_end
                if i < n and text[i] in "\r\n":  # one line break after ``` (or the language) is syntax
                    i += 2 if i + 1 < n and text[i + 1] in "\r\n" and text[i + 1] != text[i] else 1
            elif c == "`":
                kind, i = "code", i + 1
            else:
                raise EntityParseError(f"Character '{c}' is reserved and must be escaped with the preceding '\\'")
            stack.append(_OpenTag(kind, argument, u16, out_len, _byte_offset(text, begin)))
            continue

        assert top is not None
        kind = top.name
        i += {"underline": 2, "spoiler": 2, "pre": 3}.get(kind, 1)
        url = ""
        if kind in ("text_link", "custom_emoji") and i < n and text[i] == "(":
            url_begin = i
            i += 1
            chars: list[str] = []
            while i < n and text[i] != ")":
                if text[i] == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
                    chars.append(text[i + 1])
                    i += 2
                    continue
                chars.append(text[i])
                i += 1
            if i >= n:
                raise EntityParseError(f"Can't find end of a URL at byte offset {_byte_offset(text, url_begin)}")
            i += 1
            url = "".join(chars)
        offset, length = top.offset, u16 - top.offset
        if kind == "custom_emoji":
            match = re.match(r"^tg://emoji\?id=(\d+)$", url)
            if not match:
                raise EntityParseError("Custom emoji URL must have an emoji identifier")
            if length > 0:
                entities.append({"type": "custom_emoji", "offset": offset, "length": length,
                                 "custom_emoji_id": match.group(1)})
        elif length > 0:
            if kind == "text_link":
                link = url or "".join(out[top.out_pos:])
                user_id = _link_user_id(link)
                checked = _checked_url(link)
                if user_id is not None:
                    entities.append({"type": "text_mention", "offset": offset, "length": length,
                                     "user": {"id": user_id, "is_bot": False, "first_name": ""}})
                elif checked is not None:
                    entities.append({"type": "text_link", "offset": offset, "length": length, "url": checked})
            elif kind == "pre":
                entity = {"type": "pre", "offset": offset, "length": length}
                if top.argument:
                    entity["language"] = top.argument
                entities.append(entity)
            else:
                entities.append({"type": kind, "offset": offset, "length": length})
        stack.pop()

    if stack:
        top = stack[-1]
        raise EntityParseError(f"Can't find end of {_MDV2_TYPE_NAMES[top.name]} entity at byte offset "
                               f"{top.byte_offset}")
    close_quote()
    return "".join(out), _sort_entities(entities)


def parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse legacy ``Markdown`` (``*bold*``, ``_italic_``, backtick code and pre, ``[text](url)``)."""
    out: list[str] = []
    u16 = 0
    entities: list[dict[str, Any]] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.append(text[i + 1])
            u16 += 1
            i += 2
            continue
        if c not in "_*`[":
            out.append(c)
            u16 += _u16(c)
            i += 1
            continue
        begin = i
        end_char = "]" if c == "[" else c
        is_pre = False
        language = ""
        i += 1
        if c == "`" and text.startswith("``", i):
            is_pre = True
            i += 2
            lang_end = i
            while lang_end < n and text[lang_end] not in _HTML_SPACES and text[lang_end] != "`":
                lang_end += 1
            if lang_end > i and lang_end < n and text[lang_end] != "`":
                language = text[i:lang_end]
                i = lang_end
        offset = u16
        start_pos = len(out)
        while i < n and not (text[i] == end_char and (not is_pre or text.startswith("```", i))):
            out.append(text[i])
            u16 += _u16(text[i])
            i += 1
        if i >= n:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {_byte_offset(text, begin)}")
        i += 3 if is_pre else 1
        length = u16 - offset
        url = ""
        if c == "[" and i < n and text[i] == "(":
            close = text.find(")", i)
            if close < 0:
                raise EntityParseError(
                    f"Can't find end of the entity starting at byte offset {_byte_offset(text, begin)}")
            url = text[i + 1:close]
            i = close + 1
        if length <= 0:
            continue
        if c == "_":
            entities.append({"type": "italic", "offset": offset, "length": length})
        elif c == "*":
            entities.append({"type": "bold", "offset": offset, "length": length})
        elif c == "`" and is_pre:
            entity = {"type": "pre", "offset": offset, "length": length}
            if language:
                entity["language"] = language
            entities.append(entity)
        elif c == "`":
            entities.append({"type": "code", "offset": offset, "length": length})
        else:
            checked = _checked_url(url or "".join(out[start_pos:]))
            if checked is not None:
                entities.append({"type": "text_link", "offset": offset, "length": length, "url": checked})
    return "".join(out), _sort_entities(entities)


# Entities Telegram finds by itself in any message text (incoming, and the bot's own messages).
_DETECTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("url", re.compile(r"(?<![\w@/.])https?://[^\s<>\"]+", re.I)),
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")),
    ("bot_command", re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])")),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,32}(?![\w@])")),
    ("hashtag", re.compile(r"(?<![\w#])#(?=\w*[^\W\d_])\w{1,256}(?![\w#])")),
)
# Inside these, Telegram does not look for mentions, links, commands ...
_OPAQUE_ENTITIES = frozenset({"code", "pre", "text_link", "text_mention", "custom_emoji"})


def _detect_entities(text: str, existing: Iterable[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    prefix = [0]
    for ch in text:
        prefix.append(prefix[-1] + _u16(ch))
    taken: list[tuple[int, int]] = [(e["offset"], e["offset"] + e["length"]) for e in existing
                                    if e["type"] in _OPAQUE_ENTITIES]
    found: list[dict[str, Any]] = []
    for kind, pattern in _DETECTORS:
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if kind == "url":
                while end > start and text[end - 1] in ".,;:!?)'\"":
                    end -= 1
            begin16, end16 = prefix[start], prefix[end]
            if any(begin16 < t_end and t_begin < end16 for t_begin, t_end in taken):
                continue
            taken.append((begin16, end16))
            found.append({"type": kind, "offset": begin16, "length": end16 - begin16})
    return found


_REMOVED_CHARS = frozenset("\r\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u0333\u033f\u030a")


def _fix_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Clean text and entities like TDLib's fix_formatted_text.

    '\\r', line/paragraph separators, bidi overrides and a few combining marks are removed; other control
    characters become spaces; entities covering only spaces/newlines vanish; trailing spaces/newlines are
    trimmed, leading ones only up to the first entity.
    """
    chars: list[str] = []
    new_offset = {0: 0}  # old UTF-16 offset -> new UTF-16 offset
    old16 = new16 = 0
    for ch in text:
        if ch not in _REMOVED_CHARS:
            chars.append(" " if ord(ch) < 32 and ch != "\n" else ch)
            new16 += _u16(ch)
        old16 += _u16(ch)
        new_offset[old16] = new16
    prefix = [0]
    for ch in chars:
        prefix.append(prefix[-1] + _u16(ch))
    index_of = {u: i for i, u in enumerate(prefix)}

    def nearest(offset: int) -> int:
        # An offset inside a surrogate pair or out of range: clamp to a character boundary.
        offset = min(max(offset, 0), old16)
        while offset not in new_offset:
            offset -= 1
        return new_offset[offset]

    fixed = []
    for entity in entities:
        begin, end = nearest(entity["offset"]), nearest(entity["offset"] + entity["length"])
        covered = chars[index_of.get(begin, 0):index_of.get(end, 0)]
        if end > begin and any(c not in " \n" for c in covered):
            fixed.append({**entity, "offset": begin, "length": end - begin})
    result = "".join(chars)
    right = result.rstrip(" \n")
    right16 = utf16_len(right)
    first_entity = min((e["offset"] for e in fixed), default=right16)
    left = 0
    while left < len(right) and right[left] in " \n" and left < first_entity:
        left += 1  # only spaces/newlines are 1 UTF-16 unit each, so left counts both
    trimmed = []
    for entity in fixed:
        end = min(entity["offset"] + entity["length"], right16) - left
        begin = entity["offset"] - left
        if end > begin:
            trimmed.append({**entity, "offset": begin, "length": end - begin})
    return right[left:], trimmed


def _drop_nested_in_code(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Telegram keeps no formatting inside code and pre blocks.
    blocks = [(e["offset"], e["offset"] + e["length"]) for e in entities if e["type"] in ("code", "pre")]
    kept = []
    for entity in entities:
        begin, end = entity["offset"], entity["offset"] + entity["length"]
        inside = any(b <= begin and end <= e and (begin, end) != (b, e) for b, e in blocks)
        if entity["type"] in ("code", "pre") or entity["type"].endswith("blockquote") or not inside:
            kept.append(entity)
    return kept


# --------------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------------


def _known_real_methods() -> frozenset[str]:
    """Lower-cased names of real Bot API methods (from PTB's camelCase aliases), to tell "not modelled
    here" from "no such method"."""
    try:
        import telegram
    except ImportError:  # pragma: no cover - PTB is a project dependency
        return frozenset()
    names = {n for n in dir(telegram.Bot) if re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)+", n)}
    return frozenset(n.lower() for n in names | {"close"})


class FakeBotAPI:
    """An in-process fake of the Telegram Bot API for end-to-end tests (see the module docstring)."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "fake_test_bot",
        first_name: str = "Fake Test Bot",
        supports_inline_queries: bool = True,
        strict_html: bool = True,
        query_timeout: float = 15.0,
        host: str = "127.0.0.1",
    ) -> None:
        """Configure the fake; the server starts in ``start()`` / ``async with``.

        ``query_timeout`` is how long a callback or inline query id stays answerable, like Telegram's
        answer deadline. ``strict_html`` rejects a bare ``&`` (see the module docstring).
        """
        self.token = token
        self.strict_html = strict_html
        self.query_timeout = query_timeout
        self._host = host
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456789
        self.bot_user: dict[str, Any] = {
            "id": bot_id, "is_bot": True, "first_name": first_name, "username": username,
            "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": supports_inline_queries, "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.requests: list[ApiCall] = []
        self.updates: list[dict[str, Any]] = []  # every update fed, in order
        self._pending: deque[dict[str, Any]] = deque()  # not yet confirmed by an offset
        self._next_update_id = 10_000  # far from message ids, so mixing the two up shows
        self._last_fed_id = 0
        self._max_delivered_id = 0
        self._allowed_updates: list[str] | None = None
        self._active_poll: _Poll | None = None
        self._polls_waiting = 0
        self._inflight = 0
        self._last_activity = time.monotonic()
        self._changed = asyncio.Event()
        self._chats: dict[int, dict[str, Any]] = {}
        self._chat_usernames: dict[str, int] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._bot_messages: set[tuple[int, int]] = set()
        self._deleted: set[tuple[int, int]] = set()
        self._next_message_id: dict[int, int] = {}
        self._callback_queries: dict[str, float] = {}
        self._inline_messages: dict[str, dict[str, Any]] = {}  # inline_message_id -> {"text", "reply_markup"}
        self._chat_admins: dict[int, dict[int, str]] = {}  # chat id -> user id -> "creator" / "administrator"
        self._inline_queries: dict[str, float] = {}
        self._query_ids = itertools.count(1)
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._failures: dict[str, deque[ApiError]] = {}
        self._webhook: dict[str, Any] = {}
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}  # (kind, language) -> text, as set by the bot
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._real_methods = _known_real_methods()
        self._methods: dict[str, tuple[str, Callable[..., Any]]] = {
            name.lower(): (name, handler) for name, handler in (
                ("getMe", self._get_me),
                ("getUpdates", self._get_updates),
                ("deleteWebhook", self._delete_webhook),
                ("setWebhook", self._set_webhook),
                ("getWebhookInfo", self._get_webhook_info),
                ("setMyCommands", self._set_my_commands),
                ("getMyCommands", self._get_my_commands),
                ("deleteMyCommands", self._delete_my_commands),
                ("sendMessage", self._send_message),
                ("editMessageText", self._edit_message_text),
                ("editMessageReplyMarkup", self._edit_message_reply_markup),
                ("deleteMessage", self._delete_message),
                ("sendChatAction", self._send_chat_action),
                ("answerCallbackQuery", self._answer_callback_query),
                ("answerInlineQuery", self._answer_inline_query),
                ("sendDocument", self._send_document),
                ("sendPhoto", self._send_photo),
                ("getFile", self._get_file),
                ("getChatMember", self._get_chat_member),
                ("setMyDescription", self._set_my_description),
                ("getMyDescription", self._get_my_description),
                ("setMyShortDescription", self._set_my_short_description),
                ("getMyShortDescription", self._get_my_short_description),
            )
        }

    # ---------------------------------------------------------------- lifecycle

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self) -> None:
        """Start listening on an OS-chosen port of 127.0.0.1."""
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES + 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        # handler_cancellation: a client that hangs up (PTB cancelling its long poll on shutdown) must
        # end the waiting handler, as on the real server, instead of leaving it to time out.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        """Release waiting long polls and stop the server."""
        self._closing = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The value for ``ApplicationBuilder().base_url()`` / ``Bot(base_url=...)``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """The value for ``ApplicationBuilder().base_file_url()`` / ``Bot(base_file_url=...)``."""
        return f"{self.url}/file/bot"

    # ---------------------------------------------------------------- failure injection

    def fail_next(self, method: str, status: int = 429, retry_after: int = 1, description: str | None = None,
                  count: int = 1) -> None:
        """Make the next ``count`` calls of ``method`` fail with ``status`` before doing anything.

        429 carries ``parameters.retry_after``; 403 defaults to "Forbidden: bot was blocked by the user";
        5xx to the HTTP reason ("Internal Server Error", "Bad Gateway", ...).
        """
        if description is None:
            description = (f"Too Many Requests: retry after {retry_after}" if status == 429
                           else _DEFAULT_DESCRIPTIONS.get(status, f"Error {status}"))
        parameters = {"retry_after": retry_after} if status == 429 else None
        queue = self._failures.setdefault(method.lower(), deque())
        for _ in range(count):
            queue.append(ApiError(status, description, parameters))

    # ---------------------------------------------------------------- inspection

    @property
    def rejected(self) -> list[ApiCall]:
        """Calls that got an error the test did not inject (what Telegram would have refused)."""
        return [c for c in self.requests if not c.ok and not c.injected and not c.abandoned]

    def calls(self, method: str | None = None) -> list[ApiCall]:
        """Recorded calls, optionally only those of ``method`` (case-insensitive)."""
        if method is None:
            return list(self.requests)
        return [c for c in self.requests if c.method.lower() == method.lower()]

    def mark(self) -> int:
        """The index the next request will get; pass it as ``after=`` to ``wait_for``."""
        return len(self.requests)

    def sent_messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """The Message results of successful sendMessage calls (optionally to one chat), as returned."""
        return [copy.deepcopy(c.result) for c in self.requests
                if c.method == "sendMessage" and c.ok and (chat_id is None or c.result["chat"]["id"] == chat_id)]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The server's current state of a message (after edits); None if unknown or deleted."""
        key = (chat_id, message_id)
        if key in self._deleted or key not in self._messages:
            return None
        return copy.deepcopy(self._messages[key])

    def file_bytes(self, file_id: str) -> bytes:
        """The content of a stored file (fed by a test or uploaded by the bot)."""
        return self._files[file_id].data

    @property
    def is_polling(self) -> bool:
        """True while a getUpdates long poll is waiting on the server."""
        return self._polls_waiting > 0

    async def wait_polling(self, timeout: float = 5.0) -> None:
        """Wait until a getUpdates request has reached the server: the bot is up and polling. (A
        getUpdates call is recorded when it is answered, which an idle long poll is only at its
        timeout, so ``wait_for("getUpdates")`` waits that long.) Raises ``TimeoutError``."""
        deadline = time.monotonic() + timeout
        while self._active_poll is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no getUpdates request within {timeout}s")
            await self._wait_changed(remaining)

    async def wait_for(self, method: str, predicate: Callable[[ApiCall], bool] | None = None,
                       timeout: float = 5.0, after: int = 0) -> ApiCall:
        """The first call of ``method`` with index >= ``after`` matching ``predicate``, waiting if need be.

        Raises ``TimeoutError`` naming the calls seen meanwhile.
        """
        deadline = time.monotonic() + timeout
        checked = after
        while True:
            while checked < len(self.requests):
                call = self.requests[checked]
                checked += 1
                if call.method.lower() == method.lower() and not call.abandoned and (
                        predicate is None or predicate(call)):
                    return call
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                seen = [f"{c.method}{'' if c.ok else ' (' + str(c.description) + ')'}"
                        for c in self.requests[after:]]
                raise TimeoutError(f"no matching {method} call within {timeout}s; calls since #{after}: {seen}")
            await self._wait_changed(remaining)

    async def wait_idle(self, timeout: float = 5.0, quiet: float = 0.2) -> None:
        """Wait until the bot has fetched every update fed so far and then made no request for ``quiet``
        seconds (a long poll waiting for more updates counts as idle). Raises ``TimeoutError``.

        A handler that computes silently for longer than ``quiet`` before replying looks idle: for a
        specific reply prefer ``wait_for``.
        """
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            delivered = self._max_delivered_id >= self._last_fed_id
            busy = self._inflight - self._polls_waiting > 0
            if delivered and not busy and now - self._last_activity >= quiet:
                return
            if now >= deadline:
                raise TimeoutError(
                    f"bot not idle after {timeout}s: updates delivered up to {self._max_delivered_id}, last fed "
                    f"{self._last_fed_id}, {self._inflight - self._polls_waiting} request(s) in flight")
            await asyncio.sleep(min(0.05, max(deadline - now, 0.0)))

    # ---------------------------------------------------------------- feeding updates

    def feed(self, update: Mapping[str, Any]) -> dict[str, Any]:
        """Queue a raw update (``update_id`` is assigned); returns the queued Update dict."""
        self._next_update_id += 1
        queued = {"update_id": self._next_update_id, **{k: copy.deepcopy(v) for k, v in update.items()
                                                          if k != "update_id"}}
        self._pending.append(queued)
        self.updates.append(queued)
        self._last_fed_id = queued["update_id"]
        self._last_activity = time.monotonic()
        self._notify()
        return copy.deepcopy(queued)

    def user_message(self, text: str, *, user_id: int = 1001, chat_id: int | None = None,
                     chat_type: str = "private", username: str | None = "alice", first_name: str = "Alice",
                     last_name: str | None = None, language_code: str | None = "en", title: str | None = None,
                     reply_to_bot_message_id: int | None = None) -> dict[str, Any]:
        """A text message from a user (private chat with the user by default); returns the Update."""
        user = self._user(user_id, first_name, last_name, username, language_code)
        chat = self._chat_for(user, chat_id, chat_type, title)
        fields: dict[str, Any] = {"text": text}
        entities = _detect_entities(text)
        if entities:
            fields["entities"] = _sort_entities(entities)
        return self._incoming(chat, user, fields, reply_to_bot_message_id)

    def group_message(self, text: str, *, chat_id: int = -1001000000001, title: str = "Test Group",
                      user_id: int = 1001, username: str | None = "alice", first_name: str = "Alice",
                      chat_type: str = "supergroup", reply_to_bot_message_id: int | None = None) -> dict[str, Any]:
        """A text message in a group (a supergroup with a negative id by default); returns the Update."""
        return self.user_message(text, user_id=user_id, chat_id=chat_id, chat_type=chat_type, username=username,
                                 first_name=first_name, title=title,
                                 reply_to_bot_message_id=reply_to_bot_message_id)

    def edited_message(self, original_update: Mapping[str, Any], new_text: str) -> dict[str, Any]:
        """The user edited the text of a message fed earlier; returns the ``edited_message`` Update."""
        kind = "message" if "message" in original_update else "channel_post"
        original = original_update[kind]
        key = (original["chat"]["id"], original["message_id"])
        message = copy.deepcopy(self._messages.get(key, original))
        message["text"] = new_text
        message.pop("entities", None)
        entities = _detect_entities(new_text)
        if entities:
            message["entities"] = _sort_entities(entities)
        message["edit_date"] = max(int(time.time()), message["date"])
        self._messages[key] = copy.deepcopy(message)
        return self.feed({"edited_message" if kind == "message" else "edited_channel_post": message})

    def photo_message(self, *, caption: str | None = None, data: bytes = b"\xff\xd8\xff\xe0fake-jpeg",
                      width: int = 1280, height: int = 960, user_id: int = 1001, chat_id: int | None = None,
                      chat_type: str = "private", username: str | None = "alice",
                      first_name: str = "Alice") -> dict[str, Any]:
        """A photo (with the usual three PhotoSizes, the largest backed by ``data``); returns the Update."""
        user = self._user(user_id, first_name, None, username, "en")
        chat = self._chat_for(user, chat_id, chat_type, None)
        sizes = []
        for scale in (320, 800, max(width, height)):
            ratio = min(scale / max(width, height), 1.0)
            stored = self.add_file(data, f"photo_{width}x{height}.jpg", "image/jpeg", folder="photos")
            sizes.append({"file_id": stored["file_id"], "file_unique_id": stored["file_unique_id"],
                          "file_size": stored["file_size"], "width": max(int(width * ratio), 1),
                          "height": max(int(height * ratio), 1)})
        fields: dict[str, Any] = {"photo": sizes}
        self._add_caption(fields, caption)
        return self._incoming(chat, user, fields)

    def sticker_message(self, emoji: str = "👍", *, user_id: int = 1001, chat_id: int | None = None,
                        chat_type: str = "private", username: str | None = "alice",
                        first_name: str = "Alice") -> dict[str, Any]:
        """A (static, regular) sticker; returns the Update."""
        user = self._user(user_id, first_name, None, username, "en")
        chat = self._chat_for(user, chat_id, chat_type, None)
        stored = self.add_file(b"RIFF\x00\x00\x00\x00WEBPfake", "sticker.webp", "image/webp", folder="stickers")
        sticker = {"width": 512, "height": 512, "emoji": emoji, "set_name": "FakeStickers", "is_animated": False,
                   "is_video": False, "type": "regular", "file_id": stored["file_id"],
                   "file_unique_id": stored["file_unique_id"], "file_size": stored["file_size"]}
        return self._incoming(chat, user, {"sticker": sticker})

    def document_message(self, file_name: str, data: bytes, mime_type: str = "application/octet-stream", *,
                         caption: str | None = None, user_id: int = 1001, chat_id: int | None = None,
                         chat_type: str = "private", username: str | None = "alice",
                         first_name: str = "Alice") -> dict[str, Any]:
        """A document; its bytes become available through getFile and the file download URL."""
        user = self._user(user_id, first_name, None, username, "en")
        chat = self._chat_for(user, chat_id, chat_type, None)
        document = self.add_file(data, file_name, mime_type)
        fields: dict[str, Any] = {"document": document}
        self._add_caption(fields, caption)
        return self._incoming(chat, user, fields)

    def channel_post(self, text: str, chat_id: int = -1001000000002, *, title: str = "Test Channel",
                     username: str | None = None) -> dict[str, Any]:
        """A post in a channel where the bot is an admin; returns the ``channel_post`` Update."""
        chat: dict[str, Any] = {"id": chat_id, "title": title}
        if username:
            chat["username"] = username
        chat["type"] = "channel"
        self._remember_chat(chat)
        message: dict[str, Any] = {"message_id": self._take_message_id(chat_id), "sender_chat": chat,
                                   "chat": chat, "date": int(time.time()), "text": text}
        entities = _detect_entities(text)
        if entities:
            message["entities"] = _sort_entities(entities)
        self._messages[(chat_id, message["message_id"])] = copy.deepcopy(message)
        return self.feed({"channel_post": message})

    def callback_query(self, message: Mapping[str, Any] | Any, data: str, *, user_id: int = 1001,
                       username: str | None = "alice", first_name: str = "Alice") -> dict[str, Any]:
        """A user pressed an inline button under ``message`` (a message the bot sent; a dict or a
        ``telegram.Message``). The query id is answerable until answered or ``query_timeout`` passes."""
        if hasattr(message, "to_dict"):
            message = message.to_dict()
        key = (message["chat"]["id"], message["message_id"])
        if key not in self._bot_messages or key in self._deleted:
            raise ValueError(f"callback_query needs a message the bot sent and did not delete, got {key}")
        user = self._user(user_id, first_name, None, username, "en")
        self._users.setdefault(user_id, user)
        query_id = str((user_id << 24) + next(self._query_ids) * 7919)
        self._callback_queries[query_id] = time.monotonic()
        return self.feed({"callback_query": {
            "id": query_id, "from": user, "message": copy.deepcopy(self._messages[key]),
            "chat_instance": str(abs(hash((key[0], self.bot_user["id"]))) % 10**19), "data": data,
        }})

    def inline_message(self, text: str, reply_markup: Mapping[str, Any] | None = None) -> str:
        """A message a user sent "via" the bot by choosing an inline result; returns its inline_message_id.

        Only the bot's callback queries and edits reach it; ``reply_markup`` is what the result carried."""
        inline_message_id = secrets.token_urlsafe(18)
        self._inline_messages[inline_message_id] = {"text": text, "reply_markup": copy.deepcopy(reply_markup)}
        return inline_message_id

    def inline_callback_query(self, inline_message_id: str, data: str, *, user_id: int = 1001,
                              username: str | None = "alice", first_name: str = "Alice") -> dict[str, Any]:
        """A user pressed a button of an inline message (no ``message``, no chat: only its id).

        ``data`` is taken as given: a modified client can send any callback data for a button press."""
        if inline_message_id not in self._inline_messages:
            raise ValueError(f"no inline message {inline_message_id!r}")
        user = self._user(user_id, first_name, None, username, "en")
        self._users.setdefault(user_id, user)
        query_id = str((user_id << 24) + next(self._query_ids) * 7919)
        self._callback_queries[query_id] = time.monotonic()
        return self.feed({"callback_query": {
            "id": query_id, "from": user, "inline_message_id": inline_message_id,
            "chat_instance": str(abs(hash((inline_message_id, self.bot_user["id"]))) % 10**19), "data": data,
        }})

    def inline_message_text(self, inline_message_id: str) -> str:
        """The current text of an inline message (after the bot's edits)."""
        return str(self._inline_messages[inline_message_id]["text"])

    def set_chat_admin(self, chat_id: int, user_id: int, status: str = "administrator") -> None:
        """Make ``user_id`` an administrator ("administrator") or the owner ("creator") of a group."""
        if status not in ("administrator", "creator"):
            raise ValueError("status must be 'administrator' or 'creator'")
        self._chat_admins.setdefault(chat_id, {})[user_id] = status

    def inline_query(self, query: str, *, user_id: int = 1001, username: str | None = "alice",
                     first_name: str = "Alice", offset: str = "", chat_type: str = "sender") -> dict[str, Any]:
        """A user typed ``@bot query``; the id is answerable until answered or ``query_timeout`` passes."""
        user = self._user(user_id, first_name, None, username, "en")
        self._users.setdefault(user_id, user)  # known, but no private chat: writing to them is Forbidden
        query_id = str((user_id << 24) + next(self._query_ids) * 7919)
        self._inline_queries[query_id] = time.monotonic()
        return self.feed({"inline_query": {"id": query_id, "from": user, "query": query, "offset": offset,
                                           "chat_type": chat_type}})

    def add_file(self, data: bytes, file_name: str | None = None, mime_type: str | None = None, *,
                 folder: str = "documents") -> dict[str, Any]:
        """Store bytes as a Telegram file; returns a Document-shaped dict (file_id, file_unique_id, ...)."""
        number = next(self._file_counter)
        suffix = (file_name.rsplit(".", 1)[1] if file_name and "." in file_name
                  else (mimetypes.guess_extension(mime_type or "") or ".bin").lstrip("."))
        stored = _StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:04d}{secrets.token_urlsafe(24)}",
            file_unique_id=f"AgAD{number:04d}{secrets.token_urlsafe(6)}",
            file_path=f"{folder}/file_{number}.{suffix}", data=bytes(data), file_name=file_name, mime_type=mime_type,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return self._document_dict(stored)

    # ---------------------------------------------------------------- feeding helpers

    @staticmethod
    def _user(user_id: int, first_name: str, last_name: str | None, username: str | None,
              language_code: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        return user

    def _chat_for(self, user: dict[str, Any], chat_id: int | None, chat_type: str,
                  title: str | None) -> dict[str, Any]:
        if chat_type == "private":
            if chat_id is not None and chat_id != user["id"]:
                raise ValueError("a private chat's id is the user's id")
            chat = {"id": user["id"], "first_name": user["first_name"]}
            for key in ("last_name", "username"):
                if key in user:
                    chat[key] = user[key]
            chat["type"] = "private"
        else:
            if chat_id is None or chat_id >= 0:
                raise ValueError("group and channel chats need a negative chat_id")
            chat = {"id": chat_id, "title": title or "Test Group", "type": chat_type}
        self._users[user["id"]] = user
        self._remember_chat(chat)
        return chat

    def _remember_chat(self, chat: dict[str, Any]) -> None:
        self._chats[chat["id"]] = copy.deepcopy(chat)
        if chat["type"] != "private" and chat.get("username"):
            self._chat_usernames[chat["username"].lower()] = chat["id"]

    def _take_message_id(self, chat_id: int) -> int:
        # Ids increase per chat, shared by the user's and the bot's messages, as in a private chat.
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    @staticmethod
    def _add_caption(fields: dict[str, Any], caption: str | None) -> None:
        if caption:
            fields["caption"] = caption
            entities = _detect_entities(caption)
            if entities:
                fields["caption_entities"] = _sort_entities(entities)

    def _incoming(self, chat: dict[str, Any], user: dict[str, Any], fields: dict[str, Any],
                  reply_to_bot_message_id: int | None = None) -> dict[str, Any]:
        message: dict[str, Any] = {"message_id": self._take_message_id(chat["id"]), "from": user, "chat": chat,
                                   "date": int(time.time())}
        if reply_to_bot_message_id is not None:
            key = (chat["id"], reply_to_bot_message_id)
            if key not in self._bot_messages or key in self._deleted:
                raise ValueError(f"the bot has no message {reply_to_bot_message_id} in chat {chat['id']}")
            replied = copy.deepcopy(self._messages[key])
            replied.pop("reply_to_message", None)  # Telegram does not nest replies further
            message["reply_to_message"] = replied
        message.update(fields)
        self._messages[(chat["id"], message["message_id"])] = copy.deepcopy(message)
        return self.feed({"message": message})

    @staticmethod
    def _document_dict(stored: _StoredFile) -> dict[str, Any]:
        document: dict[str, Any] = {}
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        document.update({"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                         "file_size": len(stored.data)})
        return document

    # ---------------------------------------------------------------- HTTP plumbing

    def _notify(self) -> None:
        # Wake everything waiting for "something changed" (long polls, wait_for): set the current event
        # and start a new one, so each waiter sees each change once.
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_changed(self, timeout: float) -> None:
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        match = re.match(r"^/file/bot(?P<token>[^/]*)/(?P<path>.+)$", request.path)
        if match:
            return self._serve_file(match["token"], match["path"])
        match = re.match(r"^/bot(?P<token>[^/]*)/(?P<method>[^/]*)/?$", request.path)
        raw_method = match["method"] if match else request.path
        entry = self._methods.get(raw_method.lower()) if match else None
        call = ApiCall(index=-1, method=entry[0] if entry else raw_method, params={}, status=0, response=None,
                       http_method=request.method, started=time.monotonic())
        is_poll = call.method == "getUpdates"
        self._inflight += 1
        if not is_poll:
            self._last_activity = time.monotonic()
        try:
            try:
                if not match:
                    raise ApiError(404, "Not Found")
                if match["token"] != self.token:
                    # Like Telegram: a well-formed but wrong token is 401, a malformed one 404.
                    raise ApiError(401, "Unauthorized") if re.fullmatch(r"\d+:[\w-]+", match["token"]) else (
                        ApiError(404, "Not Found"))
                call.params = await self._read_params(request)
                failures = self._failures.get(call.method.lower())
                if failures:
                    call.injected = True
                    raise failures.popleft()
                if entry is None:
                    if raw_method.lower() in self._real_methods:
                        raise ApiError(501, f"Not Implemented: FakeBotAPI does not model {raw_method}")
                    raise ApiError(404, "Not Found")
                result = await entry[1](call.params, request)
                if isinstance(result, tuple):  # (result, description) for the few methods that add one
                    body = {"ok": True, "result": result[0], "description": result[1]}
                else:
                    body = {"ok": True, "result": result}
                call.status, call.response = 200, body
            except ApiError as error:
                call.status, call.response = error.status, error.body()
        except asyncio.CancelledError:
            call.abandoned = True
            self._record(call, is_poll)
            raise
        finally:
            self._inflight -= 1
        self._record(call, is_poll)
        return web.json_response(call.response, status=call.status,
                                 dumps=lambda obj: json.dumps(obj, ensure_ascii=False))

    def _record(self, call: ApiCall, is_poll: bool) -> None:
        call.finished = time.monotonic()
        call.index = len(self.requests)
        self.requests.append(call)
        # An empty long poll is the bot idling, not activity.
        if not is_poll or (call.ok and call.result):
            self._last_activity = call.finished
        self._notify()

    def _serve_file(self, token: str, path: str) -> web.Response:
        stored = self._files_by_path.get(path)
        if token != self.token or stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.data, content_type="application/octet-stream")

    async def _read_params(self, request: web.Request) -> dict[str, Any]:
        """Merge query and body parameters and decode them to API types, whatever the encoding."""
        params: dict[str, Any] = dict(request.query)
        if request.body_exists:
            if request.content_type == "application/json":
                raw = await request.read()
                if raw.strip():
                    try:
                        body = json.loads(raw)
                    except ValueError:
                        raise ApiError(400, "Bad Request: can't parse JSON object") from None
                    if not isinstance(body, dict):
                        raise ApiError(400, "Bad Request: JSON object expected")
                    params.update(body)
            else:
                form = await request.post()  # urlencoded and multipart alike
                for name, value in form.items():
                    if isinstance(value, web.FileField):
                        with value.file:  # a temporary file; closing it here avoids a ResourceWarning later
                            data = value.file.read()
                        if len(data) > MAX_UPLOAD_BYTES:
                            raise ApiError(413, "Request Entity Too Large")
                        params[name] = UploadedFile(name, value.filename, value.content_type, data)
                    else:
                        params[name] = value
        for name, value in list(params.items()):
            # Media sent as "attach://<part>" refers to another multipart part.
            if isinstance(value, str) and value.startswith("attach://"):
                part = params.get(value[len("attach://"):])
                if isinstance(part, UploadedFile):
                    params[name] = part
        return {name: self._decode_param(name, value) for name, value in params.items()}

    @staticmethod
    def _decode_param(name: str, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if name in _JSON_PARAMS:
            try:
                return json.loads(value)
            except ValueError:
                what = "reply keyboard markup" if name == "reply_markup" else name
                raise ApiError(400, f"Bad Request: can't parse {what} JSON object") from None
        if name in _INT_PARAMS or name == "chat_id":
            try:
                return int(value)
            except ValueError:
                if name == "chat_id":
                    return value  # "@channelusername"
                raise ApiError(400, f"Bad Request: invalid {name} specified") from None
        if name == "timeout":
            try:
                number = float(value)
                return int(number) if number.is_integer() else number
            except ValueError:
                raise ApiError(400, "Bad Request: invalid timeout specified") from None
        if name in _BOOL_PARAMS:
            return value.strip().lower() in ("true", "1")
        return value

    # ---------------------------------------------------------------- shared validation

    def _resolve_chat(self, params: Mapping[str, Any]) -> dict[str, Any]:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        if isinstance(raw, str):
            raw = raw.strip()
            if raw.startswith("@"):
                chat_id = self._chat_usernames.get(raw[1:].lower())
                if chat_id is None:
                    raise ApiError(400, "Bad Request: chat not found")
            else:
                try:
                    chat_id = int(raw)
                except ValueError:
                    raise ApiError(400, "Bad Request: chat not found") from None
        else:
            chat_id = int(raw)
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_id in self._users:  # seen in a group, but never started a private chat with the bot
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def _formatted(self, text: Any, parse_mode: Any, entities: Any, *, limit: int,
                   too_long: str, allow_empty: bool = False, empty: str = "Bad Request: message text is empty",
                   ) -> tuple[str, list[dict[str, Any]]]:
        """Apply parse_mode (or explicit entities) and Telegram's empty/length checks."""
        if text is None:
            text = ""
        if not isinstance(text, str):
            text = json.dumps(text) if not isinstance(text, (int, float)) else str(text)
        try:
            if parse_mode:
                mode = str(parse_mode).lower()
                if mode == "html":
                    plain, parsed = parse_html(text, strict=self.strict_html)
                elif mode == "markdownv2":
                    plain, parsed = parse_markdown_v2(text)
                elif mode == "markdown":
                    plain, parsed = parse_markdown(text)
                else:
                    raise ApiError(400, "Bad Request: unsupported parse_mode")
            else:
                plain, parsed = text, self._explicit_entities(text, entities)
        except EntityParseError as error:
            raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
        plain, parsed = _fix_text(plain, _drop_nested_in_code(parsed))
        if not plain and not allow_empty:
            raise ApiError(400, empty)
        if utf16_len(plain) > limit:
            raise ApiError(400, too_long)
        return plain, _sort_entities(parsed + _detect_entities(plain, parsed))

    @staticmethod
    def _explicit_entities(text: str, entities: Any) -> list[dict[str, Any]]:
        if not entities:
            return []
        if not isinstance(entities, list):
            raise ApiError(400, "Bad Request: can't parse entities JSON object")
        size = utf16_len(text)
        kept = []
        for entity in entities:
            if not isinstance(entity, dict) or entity.get("type") not in _ENTITY_TYPES:
                raise ApiError(400, f"Bad Request: can't parse MessageEntity: unsupported entity {entity!r}")
            try:
                offset, length = int(entity["offset"]), int(entity["length"])
            except (KeyError, TypeError, ValueError):
                raise ApiError(400, "Bad Request: can't parse MessageEntity: offset and length are required") from None
            end = min(offset + length, size)  # out-of-range parts are clipped, as Telegram does
            if offset >= 0 and end > offset:
                kept.append({**entity, "offset": offset, "length": end - offset})
        return kept

    def _check_reply_markup(self, markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
        """Validate reply_markup; return what a Message echoes (its inline keyboard) or None."""
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            keyboard = markup["inline_keyboard"]
            if not isinstance(keyboard, list) or not all(isinstance(row, list) for row in keyboard):
                raise ApiError(400, 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be '
                                    'an Array of Arrays')
            buttons = [button for row in keyboard for button in row]
            if len(buttons) > MAX_BUTTONS:
                raise ApiError(400, "Bad Request: reply markup is too long")
            for button in buttons:
                self._check_inline_button(button)
            rows = [row for row in keyboard if row]
            return {"inline_keyboard": copy.deepcopy(rows)} if rows else None
        if inline_only:
            raise ApiError(400, "Bad Request: inline keyboard expected")
        if "keyboard" in markup:
            keyboard = markup["keyboard"]
            if not isinstance(keyboard, list) or not all(isinstance(row, list) for row in keyboard):
                raise ApiError(400, 'Bad Request: field "keyboard" of the ReplyKeyboardMarkup should be an Array '
                                    'of Arrays')
            for row in keyboard:
                for button in row:
                    text = button if isinstance(button, str) else (
                        button.get("text") if isinstance(button, dict) else None)
                    if not isinstance(text, str) or not text:
                        raise ApiError(400, "Bad Request: can't parse keyboard button: Text must be non-empty")
            return None  # reply keyboards are not echoed in the Message
        if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
            return None
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")

    @staticmethod
    def _check_inline_button(button: Any) -> None:
        if not isinstance(button, dict):
            raise ApiError(400, "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an "
                                "Object")
        text = button.get("text")
        if not isinstance(text, str):
            raise ApiError(400, 'Bad Request: can\'t parse inline keyboard button: Field "text" must be of type '
                                'String')
        actions = [name for name in _INLINE_BUTTON_ACTIONS if button.get(name) is not None]
        if not actions:
            raise ApiError(400, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the "
                                "inline keyboard")
        if len(actions) > 1:
            raise ApiError(400, "Bad Request: can't parse inline keyboard button: exactly one of the optional "
                                f"fields must be used, found {', '.join(actions)}")
        if not text.strip():
            raise ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
        if "callback_data" in actions:
            data = button["callback_data"]
            if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        if "url" in actions:
            url = button["url"]
            if not isinstance(url, str) or _checked_url(url) is None:
                raise ApiError(400, f"Bad Request: inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")

    def _reply_target(self, chat: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any] | None:
        reply = params.get("reply_parameters")
        if reply is None and params.get("reply_to_message_id") is not None:
            reply = {"message_id": params["reply_to_message_id"],
                     "allow_sending_without_reply": params.get("allow_sending_without_reply", False)}
        if not reply:
            return None
        if not isinstance(reply, dict) or "message_id" not in reply:
            raise ApiError(400, "Bad Request: can't parse reply parameters JSON object")
        key = (chat["id"], int(reply["message_id"]))
        if key not in self._messages or key in self._deleted:
            if reply.get("allow_sending_without_reply"):
                return None
            raise ApiError(400, "Bad Request: message to be replied not found")
        replied = copy.deepcopy(self._messages[key])
        replied.pop("reply_to_message", None)
        return replied

    def _new_bot_message(self, chat: dict[str, Any], fields: dict[str, Any], markup: dict[str, Any] | None,
                         reply_to: dict[str, Any] | None) -> dict[str, Any]:
        message: dict[str, Any] = {"message_id": self._take_message_id(chat["id"])}
        if chat["type"] == "channel":
            message["sender_chat"] = copy.deepcopy(chat)  # channel posts are signed by the channel
        else:
            message["from"] = copy.deepcopy(self.bot_user)
        message["chat"] = copy.deepcopy(chat)
        message["date"] = int(time.time())
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update({k: v for k, v in fields.items() if v not in (None, [], "")})
        if markup is not None:
            message["reply_markup"] = markup
        key = (chat["id"], message["message_id"])
        self._messages[key] = copy.deepcopy(message)
        self._bot_messages.add(key)
        return message

    def _edit_target(self, params: Mapping[str, Any]) -> tuple[tuple[int, int], dict[str, Any]]:
        if params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")  # handled by _edit_inline
        chat = self._resolve_chat(params)
        if params.get("message_id") in (None, ""):
            raise ApiError(400, "Bad Request: message identifier is not specified")
        key = (chat["id"], int(params["message_id"]))
        if key not in self._messages or key in self._deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        if key not in self._bot_messages:
            raise ApiError(400, "Bad Request: message can't be edited")
        return key, self._messages[key]

    def _check_query(self, registry: dict[str, float], query_id: Any) -> str:
        query_id = str(query_id or "")
        created = registry.get(query_id)
        if created is None or time.monotonic() - created > self.query_timeout:
            registry.pop(query_id, None)
            raise ApiError(400, QUERY_TOO_OLD)
        return query_id

    # ---------------------------------------------------------------- methods

    async def _get_me(self, params: dict[str, Any], request: web.Request) -> Any:
        return copy.deepcopy(self.bot_user)

    async def _get_updates(self, params: dict[str, Any], request: web.Request) -> Any:
        if self._webhook.get("url"):
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook "
                                "to delete the webhook first")
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        allowed = params.get("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list):
                raise ApiError(400, "Bad Request: can't parse allowed_updates JSON object")
            self._allowed_updates = [str(kind) for kind in allowed]  # remembered, like Telegram does
        # Confirm: updates below a positive offset are forgotten; a negative one keeps the last -offset.
        if offset > 0:
            while self._pending and self._pending[0]["update_id"] < offset:
                self._forget(self._pending.popleft())
        elif offset < 0:
            while len(self._pending) > -offset:
                self._forget(self._pending.popleft())
        # Only one getUpdates at a time: a new one ends the previous one with 409, as on Telegram.
        if self._active_poll is not None:
            self._active_poll.terminated = True
        poll = self._active_poll = _Poll(request)
        self._notify()
        deadline = time.monotonic() + timeout
        waiting = False
        try:
            while True:
                if poll.terminated:
                    raise ApiError(409, _DEFAULT_DESCRIPTIONS[409])
                batch = self._deliverable(limit)
                remaining = deadline - time.monotonic()
                if batch or remaining <= 0 or self._closing:
                    if batch:
                        self._max_delivered_id = max(self._max_delivered_id, batch[-1]["update_id"])
                    return batch
                if not waiting:
                    waiting = True
                    self._polls_waiting += 1
                await self._wait_changed(remaining)
        finally:
            if waiting:
                self._polls_waiting -= 1
            if self._active_poll is poll:
                self._active_poll = None

    def _forget(self, update: dict[str, Any]) -> None:
        # An update dropped or confirmed without being fetched is as handled as a delivered one.
        self._max_delivered_id = max(self._max_delivered_id, update["update_id"])

    def _drop_pending(self) -> None:
        while self._pending:
            self._forget(self._pending.popleft())

    def _deliverable(self, limit: int) -> list[dict[str, Any]]:
        allowed = set(self._allowed_updates or ())
        kept: deque[dict[str, Any]] = deque()
        for update in self._pending:
            kind = next(k for k in update if k != "update_id")
            wanted = kind in allowed if allowed else kind not in _OPT_IN_UPDATES
            if wanted:
                kept.append(update)
            else:  # Telegram never delivers these to this bot
                self._forget(update)
        self._pending = kept
        return [copy.deepcopy(u) for u in itertools.islice(kept, limit)]

    async def _delete_webhook(self, params: dict[str, Any], request: web.Request) -> Any:
        had = bool(self._webhook.get("url"))
        self._webhook = {}
        if params.get("drop_pending_updates"):
            self._drop_pending()
        return True, ("Webhook was deleted" if had else "Webhook is already deleted")

    async def _set_webhook(self, params: dict[str, Any], request: web.Request) -> Any:
        url = str(params.get("url") or "")
        if not url:
            return await self._delete_webhook(params, request)
        if not url.lower().startswith("https://") or _checked_url(url) is None:
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        self._webhook = {"url": url, "max_connections": int(params.get("max_connections") or 40)}
        if params.get("allowed_updates") is not None:
            self._webhook["allowed_updates"] = params["allowed_updates"]
        if params.get("drop_pending_updates"):
            self._drop_pending()
        return True, "Webhook was set"

    async def _get_webhook_info(self, params: dict[str, Any], request: web.Request) -> Any:
        info: dict[str, Any] = {"url": self._webhook.get("url", ""), "has_custom_certificate": False,
                                "pending_update_count": len(self._pending)}
        if self._webhook.get("url"):
            info["max_connections"] = self._webhook["max_connections"]
            if "allowed_updates" in self._webhook:
                info["allowed_updates"] = self._webhook["allowed_updates"]
        return info

    def _commands_key(self, params: Mapping[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise ApiError(400, "Bad Request: can't parse BotCommandScope JSON object")
        if scope["type"] in ("chat", "chat_administrators", "chat_member"):
            # Like Telegram: a chat scope names a chat the bot knows (a user who wrote to it, a group it is in).
            self._resolve_chat({"chat_id": scope.get("chat_id")})
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise ApiError(400, "Bad Request: invalid language code specified")
        return json.dumps(scope, sort_keys=True), language

    async def _set_my_commands(self, params: dict[str, Any], request: web.Request) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            raise ApiError(400, "Bad Request: BOT_COMMANDS_TOO_MUCH")
        cleaned = []
        for command in commands:
            if not isinstance(command, dict) or not isinstance(command.get("command"), str) or not isinstance(
                    command.get("description"), str):
                raise ApiError(400, "Bad Request: can't parse BotCommand: command and description must be Strings")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"].strip()) <= 256 or len(command["description"]) > 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": command["command"], "description": command["description"]})
        self._commands[self._commands_key(params)] = cleaned
        return True

    async def _get_my_commands(self, params: dict[str, Any], request: web.Request) -> Any:
        return copy.deepcopy(self._commands.get(self._commands_key(params), []))

    async def _delete_my_commands(self, params: dict[str, Any], request: web.Request) -> Any:
        self._commands.pop(self._commands_key(params), None)
        return True

    async def _send_message(self, params: dict[str, Any], request: web.Request) -> Any:
        chat = self._resolve_chat(params)
        text, entities = self._formatted(params.get("text"), params.get("parse_mode"), params.get("entities"),
                                         limit=MAX_MESSAGE_LENGTH, too_long="Bad Request: message is too long")
        markup = self._check_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        return self._new_bot_message(chat, {"text": text, "entities": entities}, markup, reply_to)

    async def _edit_message_text(self, params: dict[str, Any], request: web.Request) -> Any:
        if params.get("inline_message_id"):
            return self._edit_inline(params)
        key, current = self._edit_target(params)
        if "text" not in current:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        text, entities = self._formatted(params.get("text"), params.get("parse_mode"), params.get("entities"),
                                         limit=MAX_MESSAGE_LENGTH, too_long="Bad Request: message is too long")
        # Without reply_markup, an edit removes the inline keyboard (Telegram behaves the same way).
        markup = self._check_reply_markup(params.get("reply_markup"), inline_only=True)
        if (text == current["text"] and entities == current.get("entities", [])
                and markup == current.get("reply_markup")):
            raise ApiError(400, NOT_MODIFIED)
        return self._apply_edit(key, {"text": text, "entities": entities, "reply_markup": markup})

    def _edit_inline(self, params: Mapping[str, Any]) -> Any:
        current = self._inline_messages.get(str(params["inline_message_id"]))
        if current is None:
            raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
        text, _ = self._formatted(params.get("text"), params.get("parse_mode"), params.get("entities"),
                                  limit=MAX_MESSAGE_LENGTH, too_long="Bad Request: message is too long")
        markup = self._check_reply_markup(params.get("reply_markup"), inline_only=True)
        if text == current["text"] and markup == current.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        current.update(text=text, reply_markup=markup)
        return True  # Telegram answers True, not the Message, for inline messages

    async def _get_chat_member(self, params: dict[str, Any], request: web.Request) -> Any:
        chat = self._resolve_chat(params)
        try:
            user_id = int(params.get("user_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: invalid user_id specified") from None
        user = self._users.get(user_id)
        if user is None:
            raise ApiError(400, "Bad Request: PARTICIPANT_ID_INVALID")
        if chat["type"] == "private":
            status = "member"
        else:
            status = self._chat_admins.get(chat["id"], {}).get(user_id, "member")
        member: dict[str, Any] = {"status": status, "user": copy.deepcopy(user)}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update({"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
                           "can_delete_messages": True, "can_manage_video_chats": True,
                           "can_restrict_members": True, "can_promote_members": False, "can_change_info": True,
                           "can_invite_users": True, "can_post_stories": False, "can_edit_stories": False,
                           "can_delete_stories": False})
        return member

    async def _edit_message_reply_markup(self, params: dict[str, Any], request: web.Request) -> Any:
        key, current = self._edit_target(params)
        markup = self._check_reply_markup(params.get("reply_markup"), inline_only=True)
        if markup == current.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        return self._apply_edit(key, {"reply_markup": markup})

    def _apply_edit(self, key: tuple[int, int], changes: dict[str, Any]) -> dict[str, Any]:
        message = self._messages[key]
        for name, value in changes.items():
            if value in (None, []):
                message.pop(name, None)
            else:
                message[name] = value
        # edit_date goes after the content fields; rebuild so reply_markup stays last, like Telegram's JSON.
        markup = message.pop("reply_markup", None)
        message["edit_date"] = max(int(time.time()), message["date"])
        if markup is not None:
            message["reply_markup"] = markup
        return copy.deepcopy(message)

    async def _delete_message(self, params: dict[str, Any], request: web.Request) -> Any:
        chat = self._resolve_chat(params)
        if params.get("message_id") in (None, ""):
            raise ApiError(400, "Bad Request: message identifier is not specified")
        key = (chat["id"], int(params["message_id"]))
        if key not in self._messages or key in self._deleted:
            raise ApiError(400, "Bad Request: message to delete not found")
        self._deleted.add(key)
        return True

    async def _send_chat_action(self, params: dict[str, Any], request: web.Request) -> Any:
        self._resolve_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _answer_callback_query(self, params: dict[str, Any], request: web.Request) -> Any:
        text = params.get("text") or ""
        if len(str(text)) > MAX_CALLBACK_ANSWER_LENGTH:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        url = params.get("url")
        if url and _checked_url(str(url)) is None:
            raise ApiError(400, "Bad Request: URL_INVALID")
        query_id = self._check_query(self._callback_queries, params.get("callback_query_id"))
        del self._callback_queries[query_id]  # a query is answered once
        return True

    async def _answer_inline_query(self, params: dict[str, Any], request: web.Request) -> Any:
        query_id = self._check_query(self._inline_queries, params.get("inline_query_id"))
        results = params.get("results")
        if not isinstance(results, list):
            raise ApiError(400, "Bad Request: can't parse inline query results JSON object")
        if len(results) > MAX_INLINE_RESULTS:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            self._check_inline_result(result, seen)
        next_offset = params.get("next_offset")
        if next_offset is not None and len(str(next_offset).encode("utf-8")) > 64:
            raise ApiError(400, "Bad Request: NEXT_OFFSET_INVALID")
        del self._inline_queries[query_id]
        return True

    def _check_inline_result(self, result: Any, seen: set[str]) -> None:
        if not isinstance(result, dict):
            raise ApiError(400, "Bad Request: can't parse inline query result: InlineQueryResult must be an Object")
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        if result_id in seen:
            raise ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
        seen.add(result_id)
        kind = result.get("type")
        if kind not in _INLINE_RESULT_TYPES:
            raise ApiError(400, f"Bad Request: can't parse inline query result: unsupported type {kind!r}")
        if kind == "article":
            for required in ("title", "input_message_content"):
                if not result.get(required):
                    raise ApiError(400, f'Bad Request: can\'t parse inline query result: Can\'t find field '
                                        f'"{required}"')
        content = result.get("input_message_content")
        if content is not None:
            if not isinstance(content, dict):
                raise ApiError(400, "Bad Request: can't parse InputMessageContent: must be an Object")
            if "message_text" in content:
                self._formatted(content.get("message_text"), content.get("parse_mode"), content.get("entities"),
                                limit=MAX_MESSAGE_LENGTH, too_long="Bad Request: message is too long")
            elif kind == "article" and not any(k in content for k in ("latitude", "phone_number", "title")):
                raise ApiError(400, 'Bad Request: can\'t parse InputMessageContent: Can\'t find field "message_text"')
        if "caption" in result:
            self._formatted(result.get("caption"), result.get("parse_mode"), result.get("caption_entities"),
                            limit=MAX_CAPTION_LENGTH, too_long="Bad Request: message caption is too long",
                            allow_empty=True)
        self._check_reply_markup(result.get("reply_markup"), inline_only=True)

    async def _send_document(self, params: dict[str, Any], request: web.Request) -> Any:
        chat = self._resolve_chat(params)
        document = params.get("document")
        if isinstance(document, UploadedFile):
            mime = document.content_type if document.content_type not in ("", "application/octet-stream") else (
                mimetypes.guess_type(document.filename or "")[0] or "application/octet-stream")
            meta = self.add_file(document.data, document.filename or "document", mime)
        elif isinstance(document, str) and document in self._files:
            meta = self._document_dict(self._files[document])
        elif isinstance(document, str) and re.match(r"^https?://", document) and _checked_url(document):
            # Telegram would download the URL; there is no network here, so store an empty file.
            name = document.rstrip("/").rsplit("/", 1)[-1] or "document"
            meta = self.add_file(b"", name, mimetypes.guess_type(name)[0])
        elif document in (None, ""):
            raise ApiError(400, "Bad Request: there is no document in the request")
        else:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        caption, caption_entities = self._formatted(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"),
            limit=MAX_CAPTION_LENGTH, too_long="Bad Request: message caption is too long", allow_empty=True)
        markup = self._check_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        return self._new_bot_message(chat, {"document": meta, "caption": caption,
                                            "caption_entities": caption_entities}, markup, reply_to)

    async def _send_photo(self, params: dict[str, Any], request: web.Request) -> Any:
        chat = self._resolve_chat(params)
        photo = params.get("photo")
        if isinstance(photo, UploadedFile):
            size = _image_size(photo.data)
            if size is None:
                raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
            if len(photo.data) > MAX_PHOTO_BYTES:
                raise ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
            width, height = size
            if width + height > MAX_PHOTO_SIDES or max(width, height) > MAX_PHOTO_RATIO * max(1, min(width, height)):
                raise ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
            stored = self.add_file(photo.data, photo.filename or "photo.jpg", "image/png", folder="photos")
            sizes = [{"file_id": stored["file_id"], "file_unique_id": stored["file_unique_id"], "width": width,
                      "height": height, "file_size": len(photo.data)}]
        elif isinstance(photo, str) and photo in self._files:
            stored_file = self._files[photo]
            width, height = _image_size(stored_file.data) or (0, 0)
            sizes = [{"file_id": photo, "file_unique_id": stored_file.file_unique_id, "width": width,
                      "height": height, "file_size": len(stored_file.data)}]
        elif photo in (None, ""):
            raise ApiError(400, "Bad Request: there is no photo in the request")
        else:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        caption, caption_entities = self._formatted(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"),
            limit=MAX_CAPTION_LENGTH, too_long="Bad Request: message caption is too long", allow_empty=True)
        markup = self._check_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        return self._new_bot_message(chat, {"photo": sizes, "caption": caption,
                                            "caption_entities": caption_entities}, markup, reply_to)

    def photo_bytes(self, message: Mapping[str, Any]) -> bytes:
        """The bytes of the largest size of a photo the bot sent."""
        return self._files[message["photo"][-1]["file_id"]].data

    def _set_description(self, kind: str, limit: int, params: dict[str, Any]) -> Any:
        text = params.get(kind)
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise ApiError(400, "Bad Request: invalid language code specified")
        if text is not None and len(str(text)) > limit:
            raise ApiError(400, f"Bad Request: {kind.upper()}_INVALID")
        if text:
            self.descriptions[(kind, language)] = str(text)
        else:
            self.descriptions.pop((kind, language), None)
        return True

    async def _set_my_description(self, params: dict[str, Any], request: web.Request) -> Any:
        return self._set_description("description", MAX_DESCRIPTION, params)

    async def _set_my_short_description(self, params: dict[str, Any], request: web.Request) -> Any:
        return self._set_description("short_description", MAX_SHORT_DESCRIPTION, params)

    async def _get_my_description(self, params: dict[str, Any], request: web.Request) -> Any:
        language = str(params.get("language_code") or "")
        return {"description": self.descriptions.get(("description", language),
                                                     self.descriptions.get(("description", ""), ""))}

    async def _get_my_short_description(self, params: dict[str, Any], request: web.Request) -> Any:
        language = str(params.get("language_code") or "")
        return {"short_description": self.descriptions.get(("short_description", language),
                                                           self.descriptions.get(("short_description", ""), ""))}

    async def _get_file(self, params: dict[str, Any], request: web.Request) -> Any:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise ApiError(400, "Bad Request: wrong file_id or the file is temporarily unavailable")
        if len(stored.data) > MAX_DOWNLOAD_BYTES:
            raise ApiError(400, "Bad Request: file is too big")
        return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.data), "file_path": stored.file_path}
