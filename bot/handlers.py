"""Telegram handlers: each parses the update, makes one call into the knowledge base, renders, replies.

The command table ``COMMANDS`` is the single list both the handlers and the commands menu
(``set_my_commands``) are built from."""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import sqlite3
from collections.abc import Awaitable, Callable
from typing import TypeVar
from dataclasses import dataclass, field

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import digests
from bot.config import Config
from bot.i18n import DEFAULT, LANGUAGES, N_, normalise, t
from bot.limits import UserRateLimit
from bot.render import RECORD_ACTIONS, Callback, answer_messages, decode, encode, esc, source_html
from bot.state import BotState
from knowledge.records import Answer
from knowledge.service import KnowledgeBase

log = logging.getLogger(__name__)
T = TypeVar("T")

# Shown on /start as buttons and in /help; they are examples of the kinds of question, nothing keys on them.
EXAMPLES = ("what is CNIE?", "events in Cambodia in 2025", "how many bikes were donated in Cambodia?")
INLINE_RESULTS = 10
TYPING_AFTER = 0.3  # seconds of work before the chat shows "typing…"
RETIRE_AFTER = 30.0  # seconds an old knowledge base stays open after a reload, for answers in flight
SLOW_DOWN = N_("You are sending questions faster than I can answer them. Please wait a few seconds and ask again.")
NOT_VALID = N_("This button is not valid.")
EXPIRED = N_("This list has expired: the reports were updated since. Please ask again.")


@dataclass
class Services:
    """What the handlers share: configuration, the knowledge base (swapped on reload), the bot's store."""

    config: Config
    kb: KnowledgeBase
    state: BotState
    limit: UserRateLimit = field(default_factory=UserRateLimit)
    reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    delivery_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    retired: list[KnowledgeBase] = field(default_factory=list)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)  # set on SIGTERM: broadcasts stop between messages
    languages: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)  # user -> (chosen, client)
    rebuilding: str | None = None  # why the store is being rebuilt (it was damaged at start); None: serving
    queued_uploads: list[tuple[int, str]] = field(default_factory=list)  # (chat, file) saved during a reload
    follow_up: asyncio.Future[None] | None = None  # the reload that takes them in

    def swap(self, kb: KnowledgeBase) -> None:
        """Serve from a new knowledge base (warmed by the caller); the old one closes after answers in
        flight are done."""
        old, self.kb = self.kb, kb
        self.retired.append(old)
        asyncio.get_running_loop().call_later(RETIRE_AFTER, lambda: asyncio.ensure_future(self._close(old)))

    async def _close(self, kb: KnowledgeBase) -> None:
        if kb in self.retired:
            self.retired.remove(kb)
            await kb.close()

    async def close(self) -> None:
        """Close every store."""
        for kb in [*self.retired, self.kb]:
            await kb.close()
        self.retired.clear()
        await self.state.close()


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The shared services of this application."""
    return context.application.bot_data["services"]  # type: ignore[no-any-return]


# --- language -------------------------------------------------------------------------------------


async def remember_language(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler: the language this update is answered in (the user's /lang choice,
    else their client's), put in ``context.user_data`` for the handlers to read with ``lang_of``."""
    if not isinstance(update, Update) or update.effective_user is None or context.user_data is None:
        return
    svc = context.application.bot_data.get("services")
    if svc is None:
        return
    user = update.effective_user
    known = svc.languages.get(user.id)
    if known is None:
        try:
            known = await svc.state.language(user.id)
        except (sqlite3.Error, OSError):  # the language is a courtesy: never a reason not to answer
            known = (None, None)
    client = normalise(user.language_code) if user.language_code else None
    if client and client != known[1]:
        try:
            await svc.state.set_language(user.id, client=client)
        except (sqlite3.Error, OSError) as exc:
            log.debug("could not store the client language: %s", exc)
        known = (known[0], client)
    svc.languages[user.id] = known
    context.user_data["lang"] = known[0] or known[1] or DEFAULT


def lang_of(context: ContextTypes.DEFAULT_TYPE) -> str:
    """The language the current update is answered in."""
    data = context.user_data if context.user_data is not None else {}
    return str(data.get("lang", DEFAULT))


async def chat_language(svc: "Services", chat_id: int) -> str:
    """The language of a private chat's user (for digests, sent without an update); groups: English."""
    if chat_id <= 0:
        return DEFAULT
    chosen, client = svc.languages.get(chat_id) or await svc.state.language(chat_id)
    return chosen or client or DEFAULT


def localise(answer: Answer, lang: str) -> Answer:
    """An answer in the user's language where the words are the bot's own: "not found" and its
    suggestions. Report text is never translated."""
    if lang == DEFAULT or answer.found:
        return answer
    lines = [t(lang, "The reports I have do not say anything about “{what}”.", what=answer.question.strip()[:120])]
    if answer.suggestions:
        lines.append(t(lang, "Closest:") + " " + "; ".join(s[:90] for s in answer.suggestions[:3]))
    return dataclasses.replace(answer, text="\n".join(lines), lines=())


# --- replying ------------------------------------------------------------------------------------


async def send_answer(context: ContextTypes.DEFAULT_TYPE, chat_id: int, answer: Answer, *, kind: str = "ask",
                      query: str | None = None, reply_to: Message | None = None) -> Message | None:
    """Send an answer as one or more messages, buttons under the last; "More" remembers the question."""
    svc = services(context)
    ref = None
    if answer.has_more:
        try:
            issued = await svc.state.issue_answer(chat_id, query if query is not None else answer.question, kind,
                                                  svc.kb.generation)
            ref = issued.token
        except (sqlite3.Error, OSError) as exc:  # a full disk costs the "More" button, never the answer
            log.warning("could not remember the answer for its More button: %s", exc)
    from bot.buttons import keyboard  # the buttons module builds on this one

    lang = lang_of(context)
    answer = localise(answer, lang)
    markup = await keyboard(svc.kb, answer, ref, lang)
    texts = answer_messages(answer, lang)
    sent = None
    for i, text in enumerate(texts):
        last = i == len(texts) - 1
        if reply_to is not None and i == 0:
            sent = await reply_to.reply_text(text, reply_markup=markup if last else None)
        else:
            sent = await context.bot.send_message(chat_id, text, reply_markup=markup if last else None)
    return sent


def _rate_key(update: Update) -> int:
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat else 0


async def _allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    allowed, warn = services(context).limit.check(_rate_key(update))
    if not allowed and warn and update.effective_message is not None:
        await update.effective_message.reply_text(t(lang_of(context), SLOW_DOWN))
    return allowed


async def _typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    try:
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
    except TelegramError as exc:  # the indicator is a courtesy; the answer matters more
        log.debug("typing indicator failed: %s", exc)


async def working(context: ContextTypes.DEFAULT_TYPE, chat_id: int, job: Awaitable[T]) -> T:
    """Await ``job``, showing "typing…" in the chat if it takes longer than a moment. Most answers
    take milliseconds; an indicator for those would only cost an API call per question."""
    task = asyncio.ensure_future(job)
    done, _ = await asyncio.wait({task}, timeout=TYPING_AFTER)
    if not done:
        await _typing(context, chat_id)
    return await task


async def _note(update: Update, svc: Services, question: str, answer: Answer) -> None:
    """Usage for /stats: who asked (users known to the bot) and whether the reports held the answer.

    Recorded after the answer went out, and a failure (a full disk) is only logged: usage figures
    are a courtesy, the answer is what the user came for."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        return
    try:
        if user is not None:
            await svc.state.touch_user(user.id, chat.id, user.username, user.first_name)
        await svc.state.record_question(user.id if user else chat.id, chat.id, question, answer.found, answer.intent)
    except (sqlite3.Error, OSError) as exc:
        log.warning("usage not recorded (%s); the answer was sent", exc)


REBUILDING = N_("My knowledge store was damaged and is being rebuilt from the reports; this takes a minute or "
                "two. Please ask again then.")


async def _rebuilding(update: Update, context: ContextTypes.DEFAULT_TYPE, svc: Services) -> bool:
    """Say so, and True, while the store is being rebuilt (an empty store serves meanwhile)."""
    if svc.rebuilding is None:
        return False
    if update.effective_message is not None:
        await update.effective_message.reply_text(t(lang_of(context), REBUILDING))
    return True


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """Answer one question in the chat it came from (the shared path of text, /ask, buttons, deep links)."""
    chat = update.effective_chat
    if chat is None:
        return
    svc = services(context)
    if await _rebuilding(update, context, svc):
        return
    answer = await working(context, chat.id, svc.kb.ask(question))
    await send_answer(context, chat.id, answer, reply_to=update.effective_message)
    await _note(update, svc, question, answer)


# --- what a message asks ---------------------------------------------------------------------------


def addressed_text(message: Message, bot_id: int, bot_username: str | None) -> str | None:
    """The question a message puts to the bot, or None when it is not addressed to the bot.

    In a private chat every text is a question; in groups and channels only a message that
    mentions the bot or replies to one of its messages is, with the mention taken out."""
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mentioned = False
    for entity in message.entities or ():
        if entity.type == MessageEntity.MENTION and bot_username:
            if message.parse_entity(entity).lstrip("@").lower() == bot_username.lower():
                mentioned = True
        elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            mentioned = True
    replied = message.reply_to_message is not None and message.reply_to_message.from_user is not None \
        and message.reply_to_message.from_user.id == bot_id
    if not mentioned and not replied:
        return None
    if bot_username:
        text = re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


# --- handlers ------------------------------------------------------------------------------------


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat (or addressed to the bot in a group) is a question; edits are asked again."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = addressed_text(message, context.bot.id, context.bot.username)
    if question is None:
        return
    if not question.strip():
        await message.reply_text(t(lang_of(context), "Yes? Ask me about an event, an organisation or a person in "
                                                     "the reports, e.g. <i>what is CNIE?</i>"))
        return
    if await _allowed(update, context):
        await answer_question(update, context, question)


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, stickers, voice and the like: a short hint in private chats, silence in groups."""
    message = update.effective_message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    if await _allowed(update, context):
        await message.reply_text(t(lang_of(context), "I can only read text. Ask me a question, e.g. "
                                                     "<i>who is Liu Zhihua?</i> — or see /help."))


async def cmd_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: what the bot knows, three example questions; a deep-link payload is asked as a question."""
    message = update.effective_message
    if message is None:
        return
    if context.args:
        # Deep-link payloads may hold only letters, digits, "_" and "-": those stand for spaces.
        question = " ".join(" ".join(context.args).replace("_", " ").replace("-", " ").split())
        if question and await _allowed(update, context):
            await answer_question(update, context, question)
        return
    svc = services(context)
    lang = lang_of(context)
    reports = sorted(svc.kb.reports.values(), key=lambda r: r.issue_date or "", reverse=True)
    lines = [t(lang, "<b>I answer questions about reports on Chinese civil-society organisations' international "
                     "exchanges</b>, with the fact first and where it is printed (report, date, page)."), "",
             t(lang, "I have {n} reports:", n=len(reports))]
    lines += [f"• {esc(r.title)} ({esc(r.issue_date or t(lang, 'undated'))})" for r in reports[:12]]
    if len(reports) > 12:
        lines.append(t(lang, "…and {n} more: /reports", n=len(reports) - 12))
    lines += ["", t(lang, "Ask in your own words, or try one of these:")]
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(q, callback_data=encode("x", "", i))]
                                     for i, q in enumerate(EXAMPLES)])
    await message.reply_text("\n".join(lines), reply_markup=keyboard)


async def cmd_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, and the commands."""
    if update.effective_message is None:
        return
    lang = lang_of(context)
    lines = [t(lang, "<b>Ask me in your own words</b> — typos and acronyms are fine:"),
             *(f"• <i>{esc(q)}</i>" for q in EXAMPLES), "",
             t(lang, "<b>Commands</b>")]
    lines += [f"/{c.name} — {esc(t(lang, c.description))}" for c in context.application.bot_data.get("commands", ())]
    lines += ["", t(lang, "In a group, mention me or reply to my message, or use /ask."),
              t(lang, "In any chat, type @{bot} and a question to share an answer.",
                bot=esc(context.bot.username or "bot"))]
    await update.effective_message.reply_text("\n".join(lines))


async def cmd_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/lang [en|zh]: the language of the bot's own words, kept for this user."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    svc = services(context)
    wanted = (context.args or [""])[0]
    if not wanted or normalise(wanted) != wanted.lower().replace("_", "-").split("-")[0]:
        choices = ", ".join(f"<code>/lang {code}</code> ({name})" for code, name in LANGUAGES.items())
        await message.reply_text(t(lang_of(context), "Choose a language: {choices}", choices=choices))
        return
    lang = normalise(wanted)
    try:
        await svc.state.set_language(user.id, chosen=lang)
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not store the language: %s", exc)
    chosen, client = svc.languages.get(user.id, (None, None))
    svc.languages[user.id] = (lang, client)
    if context.user_data is not None:
        context.user_data["lang"] = lang
    await message.reply_text(t(lang, "From now on I answer in English."))


async def cmd_id(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/id: the sender's numeric user id (what BOT_ADMINS takes) and this chat's id."""
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    if message is None or chat is None:
        return
    lang = lang_of(context)
    lines = [t(lang, "Your user id: <code>{id}</code>", id=user.id)] if user is not None else []
    if chat.type != ChatType.PRIVATE:
        lines.append(t(lang, "This chat's id: <code>{id}</code>", id=chat.id))
    lines.append(t(lang, "An admin's id goes in <code>BOT_ADMINS</code> (comma-separated)."))
    await message.reply_text("\n".join(lines))


def _args_text(context: ContextTypes.DEFAULT_TYPE) -> str:
    return " ".join(context.args or ())


async def _with_args(update: Update, context: ContextTypes.DEFAULT_TYPE, usage: str,
                     answer: Callable[[KnowledgeBase, str], Awaitable[Answer]], kind: str) -> None:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    text = _args_text(context)
    if not text.strip():
        await message.reply_text(t(lang_of(context), usage))
        return
    if not await _allowed(update, context):
        return
    svc = services(context)
    if await _rebuilding(update, context, svc):
        return
    result = await working(context, chat.id, answer(svc.kb, text))
    await send_answer(context, chat.id, result, kind=kind, query=text, reply_to=message)
    await _note(update, svc, f"/{kind} {text}", result)


async def cmd_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask QUESTION (the way to ask in groups)."""
    await _with_args(update, context, N_("Ask like this: <code>/ask what is CFPD?</code>"),
                     lambda kb, t: kb.ask(t), "ask")


async def cmd_org(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/org NAME: an organisation's profile."""
    await _with_args(update, context, N_("Name an organisation or acronym: <code>/org CNIE</code>"),
                     lambda kb, t: kb.org_profile(t), "org")


async def cmd_person(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/person NAME: a person's profile."""
    await _with_args(update, context, N_("Name a person: <code>/person Liu Hongcai</code>"),
                     lambda kb, t: kb.person_profile(t), "person")


async def cmd_events(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/events FILTERS: events by place, organisation, person, month and year, newest first."""
    await _with_args(update, context, N_("Give a place, an organisation or a date: <code>/events Cambodia 2025</code>, "
                                         "<code>/events CNIE March 2025</code>, <code>/events since June 2018</code>"),
                     lambda kb, t: kb.list_events(t), "events")


async def cmd_reports(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reports: the corpus with dates."""
    if update.effective_message is not None and update.effective_chat is not None:
        await send_answer(context, update.effective_chat.id, await services(context).kb.reports_answer(),
                          reply_to=update.effective_message)


async def cmd_latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/latest: the newest report in brief."""
    if update.effective_message is not None and update.effective_chat is not None:
        await send_answer(context, update.effective_chat.id, await services(context).kb.latest(),
                          reply_to=update.effective_message)


# --- buttons -------------------------------------------------------------------------------------


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: More (edit to the next page), Source (the passage), a profile, an example question."""
    query = update.callback_query
    if query is None:
        return
    cb = decode(query.data)
    if cb is None:
        await query.answer(t(lang_of(context), "This button is not valid any more."))
        return
    chat = update.effective_chat
    svc = services(context)
    if cb.action == "x":
        if cb.number >= len(EXAMPLES) or chat is None:
            await query.answer(t(lang_of(context), "This button is not valid any more."))
            return
        await query.answer()
        if await _allowed(update, context):
            answer = await working(context, chat.id, svc.kb.ask(EXAMPLES[cb.number]))
            await send_answer(context, chat.id, answer)
        return
    if cb.action == "m":
        await _more(query, context, cb)
        return
    if cb.action in RECORD_ACTIONS:
        from bot.buttons import on_record_button

        await on_record_button(update, context, cb)
        return
    if cb.action in ("u", "l"):
        from bot.subscribe import page_button, remove_button  # the subscription module builds on this one

        await (remove_button if cb.action == "u" else page_button)(update, context, cb.number)
        return
    if cb.key != svc.kb.generation:
        await query.answer(t(lang_of(context), EXPIRED), show_alert=True)
        return
    if chat is None:  # a button on an inline message: no chat to send to
        await query.answer(t(lang_of(context), "Open me in a private chat to see this."), show_alert=True)
        return
    if cb.action == "s":
        events = await svc.kb.events_by_id([cb.number])
        if not events:
            await query.answer(t(lang_of(context), EXPIRED), show_alert=True)
            return
        await query.answer()
        await context.bot.send_message(chat.id, source_html(events[0], None, svc.kb.reports.get(events[0].report_id),
                                                            lang_of(context)))
        return
    if cb.action == "r":
        report_id = digests.report_by_index(svc.kb, cb.number)
        answer = await svc.kb.report_summary(report_id) if report_id else None
    else:
        answer = await (svc.kb.org_answer(cb.number) if cb.action == "o" else
                        svc.kb.person_answer(cb.number) if cb.action == "p" else svc.kb.event_answer(cb.number))
    if answer is None or not answer.found:
        await query.answer(t(lang_of(context), EXPIRED), show_alert=True)
        return
    await query.answer()
    await send_answer(context, chat.id, answer)


async def _more(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    svc = services(context)
    ref = await svc.state.answer_by_token(cb.key)
    # A page belongs to the chat it was issued in: a press from any other chat, or from an inline
    # message (which never carries a More button of ours), is forged.
    chat_id = query.message.chat.id if query.message is not None else None
    if ref is None or chat_id is None or ref.chat_id != chat_id:
        await query.answer(t(lang_of(context), NOT_VALID))
        return
    # A remembered question is asked again of the current store: a reload does not expire it.
    if ref.kind == "digest":
        report = svc.kb.reports.get(ref.question)
        subs = await svc.state.subscriptions(ref.chat_id)
        found = await digests.digest_for(svc.kb, report, subs, cb.number, lang_of(context)) if report and subs else None
        if found is None:
            await query.answer(t(lang_of(context), EXPIRED), show_alert=True)
            return
        answer = found
        markup = await digests.digest_keyboard(found, svc.kb, ref.token, report.id, lang_of(context))
    else:
        answer = await (svc.kb.list_events(ref.question, page=cb.number) if ref.kind == "events"
                        else svc.kb.ask(ref.question, page=cb.number))
        from bot.buttons import keyboard

        markup = await keyboard(svc.kb, answer, ref.token, lang_of(context))
    if not answer.found:
        await query.answer(answer.text[:200])
        return
    text = answer_messages(answer, lang_of(context))[0]
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():  # a double press shows the same page: nothing to do
            raise
    await query.answer()


# --- inline mode ---------------------------------------------------------------------------------


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@bot QUERY in any chat: up to ten results (the answer, then further events and profiles)."""
    query = update.inline_query
    if query is None:
        return
    svc = services(context)
    text = query.query.strip()
    if not text:
        answers = [await svc.kb.latest(), await svc.kb.reports_answer()]
    else:
        first = await svc.kb.ask(text)
        answers = [first]
        if first.found and first.intent not in ("list", "reports", "report", "org", "person"):
            for page in range(1, 4):
                nxt = await svc.kb.ask(text, page=page)
                if not nxt.found:
                    break
                answers.append(nxt)
        for hit in first.related:
            if len(answers) >= INLINE_RESULTS:
                break
            answers.append(await (svc.kb.org_answer(int(hit.id)) if hit.kind == "org" else svc.kb.person_answer(int(hit.id))))
        if first.intent == "list":
            for hit in first.hits[: INLINE_RESULTS - 1]:
                answers.append(await svc.kb.event_answer(int(hit.id)))
    results = []
    seen: set[str] = set()
    lang = lang_of(context)
    for i, a in enumerate(answers):
        if not a.found and i > 0:
            continue
        a = localise(a, lang)
        lines = a.text.split("\n")
        title = lines[0][:120] or "Answer"
        description = " ".join(lines[1:])[:200] or title
        key = f"{a.intent}:{a.hits[0].kind}:{a.hits[0].id}" if a.hits else f"{a.intent}:{i}"
        if key in seen:
            continue
        seen.add(key)
        results.append(InlineQueryResultArticle(
            id=f"{svc.kb.generation}:{len(results)}:{key}"[:64], title=title, description=description,
            input_message_content=InputTextMessageContent(answer_messages(a, lang)[0])))
        if len(results) >= INLINE_RESULTS:
            break
    # Results are in the asker's language when they hold the bot's own words (not found).
    await query.answer(results, cache_time=60, is_personal=lang != DEFAULT)
