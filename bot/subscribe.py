"""/subscribe, /subscriptions, /unsubscribe: what new reports a chat wants digests of."""
from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.handlers import lang_of, services
from bot.i18n import DEFAULT, N_, t
from bot.render import encode, esc
from bot.state import SubscriptionLimit, Subscription
from knowledge import digest

MAX_PER_CHAT = 50  # subscriptions a chat may hold: a list an admin can read, digests a chat can bear
PAGE = 10  # subscriptions per page of /subscriptions: each page fits one message, whatever the labels
ADMINS_ONLY = N_("In a group, only its administrators can change what the group follows.")


def _describe(sub: Subscription, lang: str = DEFAULT) -> str:
    return t(lang, "every new report") if sub.kind == "all" else t(lang, "new reports about {topic}", topic=sub.label)


def _page_count(subs: list[Subscription]) -> int:
    return max(1, -(-len(subs) // PAGE))


def _list_text(subs: list[Subscription], page: int, lang: str = DEFAULT) -> str:
    if not subs:
        return t(lang, "You follow nothing now.")
    shown = subs[page * PAGE:(page + 1) * PAGE]
    head = (t(lang, "You follow {n} (page {page}/{pages}):", n=len(subs), page=page + 1, pages=_page_count(subs))
            if len(subs) > PAGE else t(lang, "You follow {n}:", n=len(subs)))
    return "\n".join([head, *(f"• {esc(_describe(s, lang)[:200])}" for s in shown), t(lang, "Press a button to stop one.")])


def _list_markup(subs: list[Subscription], page: int = 0, lang: str = DEFAULT) -> InlineKeyboardMarkup | None:
    shown = subs[page * PAGE:(page + 1) * PAGE]
    rows = [[InlineKeyboardButton(f"✖ {s.label[:40]}", callback_data=encode("u", "", s.id))] for s in shown]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(t(lang, "◂ Back"), callback_data=encode("l", "", page - 1)))
    if (page + 1) * PAGE < len(subs):
        nav.append(InlineKeyboardButton(t(lang, "Next ▸"), callback_data=encode("l", "", page + 1)))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None


async def may_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the sender may change this chat's subscriptions: anyone in a private chat or a channel
    (only its admins can post), only administrators in a group (asked of Telegram, getChatMember)."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None:
        return False
    if chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return True
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous administrator writes as the group itself
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def cmd_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe [place | organisation | "words"]: digests of new reports (all, or those that concern the topic)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    if not await may_change(update, context):
        await message.reply_text(t(lang_of(context), ADMINS_ONLY))
        return
    svc = services(context)
    lang = lang_of(context)
    text = " ".join(context.args or ())
    topic = await digest.resolve(svc.kb, text)
    if topic is None:
        await message.reply_text(t(lang, "I could not make out what to follow in “{what}”. Try a country or city "
                                         "(<code>/subscribe Cambodia</code>), an organisation (<code>/subscribe CNIE</code>) "
                                         "or words in quotes (<code>/subscribe \"free lunch\"</code>).", what=esc(text[:100])))
        return
    user = update.effective_user
    if user is not None:
        await svc.state.touch_user(user.id, chat.id, user.username, user.first_name)
    try:
        dates = (topic.date_from, topic.date_to or "9999-12-31") if topic.date_from else None
        sub, created = await svc.state.subscribe(chat.id, topic.kind, topic.value, topic.label, limit=MAX_PER_CHAT,
                                                 dates=dates)
    except SubscriptionLimit:
        await message.reply_text(t(lang, "You follow {n} topics, the most I keep per chat. Stop one first "
                                         "(/subscriptions lists them with buttons), or follow everything with "
                                         "<code>/subscribe</code> alone.", n=MAX_PER_CHAT))
        return
    if not created:
        await message.reply_text(t(lang, "You already follow {what}. /subscriptions lists them.",
                                   what=esc(_describe(sub, lang))))
        return
    follow = {"all": N_("a digest of each new report with an event dated {topic}") if topic.date_from else
              N_("a digest of every new report"),
              "place": N_("a digest of each new report with an event about the place {topic}"),
              "org": N_("a digest of each new report with an event about the organisation {topic}"),
              "words": N_("a digest of each new report with an event about the words {topic}")}[topic.kind]
    matched = len(await digest.matching_events(svc.kb, await svc.kb.all_events(), topic))
    reports = len(svc.kb.reports)
    if matched:
        seen = (t(lang, "In the {reports} reports I have now, 1 event matches.", reports=reports) if matched == 1 else
                t(lang, "In the {reports} reports I have now, {n} events match.", reports=reports, n=matched))
    else:
        seen = t(lang, "No event in the {reports} reports I have now matches {topic}: did you mean something "
                       "else? <code>/unsubscribe {typed}</code> takes it back.",
                 reports=reports, topic=esc(topic.label), typed=esc(text[:60]))
    paused = "\n" + t(lang, "Your digests are paused: /resume restarts them.") if await svc.state.is_paused(chat.id) else ""
    await message.reply_text(t(lang, "Subscribed: you will get {follow}.", follow=t(lang, follow, topic=esc(topic.label)))
                             + f"\n{seen}\n" + t(lang, "/subscriptions lists what you follow; /unsubscribe stops them.")
                             + paused)


async def cmd_subscriptions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscriptions: what this chat follows, each with a remove button."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    lang = lang_of(context)
    subs = await services(context).state.subscriptions(chat.id)
    if not subs:
        await message.reply_text(t(lang, "You follow nothing yet. <code>/subscribe</code> sends a digest of every new "
                                         "report; <code>/subscribe Cambodia</code> only those about Cambodia."))
        return
    await message.reply_text(_list_text(subs, 0, lang), reply_markup=_list_markup(subs, 0, lang))


async def cmd_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe: stop everything; /unsubscribe TOPIC: stop the one that matches."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    if not await may_change(update, context):
        await message.reply_text(t(lang_of(context), ADMINS_ONLY))
        return
    svc = services(context)
    lang = lang_of(context)
    text = " ".join(context.args or ()).strip()
    if not text:
        n = await svc.state.unsubscribe_all(chat.id)
        await message.reply_text((t(lang, "Done: 1 subscription stopped.") if n == 1 else
                                  t(lang, "Done: {n} subscriptions stopped.", n=n)) if n
                                 else t(lang, "You had no subscriptions."))
        return
    subs = await svc.state.subscriptions(chat.id)
    topic = await digest.resolve(svc.kb, text)
    wanted = [s for s in subs if topic is not None and (s.kind, s.value.lower()) == (topic.kind, topic.value.lower())]
    wanted = wanted or [s for s in subs if text.lower().strip("\"“”") in s.label.lower()]
    if len(wanted) == 1:
        await svc.state.unsubscribe(chat.id, wanted[0].id)
        await message.reply_text(t(lang, "Stopped: {what}.", what=esc(_describe(wanted[0], lang))))
        return
    if not subs:
        await message.reply_text(t(lang, "You had no subscriptions."))
        return
    if not wanted:  # a topic this chat does not follow: say so, and show what it does follow
        what = esc(topic.label) if topic is not None else f"“{esc(text[:100])}”"
        await message.reply_text(t(lang, "You do not follow {what}. You follow these; press a button to stop one.",
                                   what=what), reply_markup=_list_markup(subs, 0, lang))
        return
    await message.reply_text(t(lang, "Which one? Press a button to stop it."), reply_markup=_list_markup(wanted, 0, lang))


async def cmd_pause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pause: hold this chat's digests (subscriptions stay; /resume sends what waited)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    lang = lang_of(context)
    if not await may_change(update, context):
        await message.reply_text(t(lang, ADMINS_ONLY))
        return
    svc = services(context)
    changed = await svc.state.set_paused(chat.id, True)
    await message.reply_text(t(lang, "Digests paused. Your subscriptions stay; /resume restarts them and sends what "
                                     "arrived meanwhile.") if changed else
                             t(lang, "Your digests were already paused. /resume restarts them."))


async def cmd_resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/resume: send digests again, those that waited first."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    lang = lang_of(context)
    if not await may_change(update, context):
        await message.reply_text(t(lang, ADMINS_ONLY))
        return
    svc = services(context)
    changed = await svc.state.set_paused(chat.id, False)
    if not changed:
        await message.reply_text(t(lang, "Your digests are not paused."))
        return
    waiting = await svc.state.pending_count(chat.id)
    await message.reply_text(t(lang, "Digests resumed.") + (
        (" " + (t(lang, "1 digest that waited is on the way.") if waiting == 1 else
                t(lang, "{n} digests that waited are on the way.", n=waiting))) if waiting else ""))
    if waiting:
        from bot.admin import deliver_job  # admin builds on this module's neighbours

        context.application.create_task(deliver_job(context), update=update)


async def page_button(update: Update, context: ContextTypes.DEFAULT_TYPE, page: int) -> None:
    """Back / Next under /subscriptions: show another page of the list (reading needs no rights)."""
    query, chat = update.callback_query, update.effective_chat
    if query is None:
        return
    lang = lang_of(context)
    if chat is None or query.message is None:
        await query.answer(t(lang, "This button is not valid."))
        return
    subs = await services(context).state.subscriptions(chat.id)
    page = min(page, _page_count(subs) - 1)
    await query.answer()
    await query.edit_message_text(_list_text(subs, page, lang), reply_markup=_list_markup(subs, page, lang))


async def remove_button(update: Update, context: ContextTypes.DEFAULT_TYPE, sub_id: int) -> None:
    """The remove button of /subscriptions: only the chat's own subscription can go."""
    query, chat = update.callback_query, update.effective_chat
    if query is None:
        return
    lang = lang_of(context)
    if chat is None:
        await query.answer(t(lang, "This button is not valid any more."))
        return
    if not await may_change(update, context):
        await query.answer(t(lang_of(context), ADMINS_ONLY), show_alert=True)
        return
    svc = services(context)
    removed = await svc.state.unsubscribe(chat.id, sub_id)
    await query.answer(t(lang, "Stopped.") if removed else t(lang, "That subscription was already gone."))
    subs = await svc.state.subscriptions(chat.id)
    # The page the removed one was on: the list closes up around it.
    page = min(sum(1 for s in subs if s.id < sub_id) // PAGE, _page_count(subs) - 1)
    if query.message is not None:
        await query.edit_message_text(_list_text(subs, page, lang), reply_markup=_list_markup(subs, page, lang))
