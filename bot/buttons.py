"""Record buttons (open, source, a profile's events, timeline, CSV) and the /timeline and /export
commands: the records are found by their stable keys, so a button keeps working after a reload for
as long as its record is in the store."""
from __future__ import annotations

import dataclasses
import re

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.handlers import _allowed, _note, lang_of, send_answer, services, working
from bot.i18n import DEFAULT, N_, t
from bot.render import (ButtonInfo, Callback, answer_keyboard, answer_messages, esc, fact_sentence,
                        source_html)
from bot.timeline import timeline_png
from knowledge import browse
from knowledge.export import events_csv
from knowledge.records import Answer, Event
from knowledge.service import KnowledgeBase

EXPIRED_RECORD = N_("The reports no longer hold this. Please ask again.")


async def button_info(kb: KnowledgeBase, answer: Answer) -> ButtonInfo:
    """Everything the buttons of an answer need from the store (keys, a profile's newest events,
    the fact sentence, the report's URL)."""
    hits = list(answer.hits) + list(answer.related)
    latest: tuple = ()
    has_events = False
    sentence = None
    url = None
    subjects = [h for h in answer.hits if h.kind in ("org", "person")] if answer.intent in ("org", "person") else []
    if answer.found and len(subjects) == 1:
        # As many as the profile's text lists: four for an organisation, three for a person.
        events = await browse.latest_events(kb, subjects[0].kind, int(subjects[0].id),
                                            4 if subjects[0].kind == "org" else 3)
        from knowledge.records import Hit

        latest = tuple(Hit("event", str(e.id), e.title, 1.0) for e in events)
        has_events = bool(events)
        hits += list(latest)
    event_hits = [h for h in answer.hits if h.kind == "event"]
    if answer.found and event_hits and answer.intent not in ("list", "digest", "reports", "report"):
        found = await kb.events_by_id([int(event_hits[0].id)])
        if found:
            sentence = fact_sentence(found[0], answer.text)
            url = browse.report_url(kb, found[0].source)
    elif answer.found and answer.sources and answer.intent == "report":
        url = browse.report_url(kb, answer.sources[0])
    keys: dict[tuple[str, str], str] = {}
    for kind in ("event", "org", "person"):
        ids = [int(h.id) for h in hits if h.kind == kind and h.id.isdigit()]
        keys.update({(kind, str(i)): k for i, k in (await browse.keys_of(kb, kind, ids)).items()})
    return ButtonInfo(keys=keys, latest=latest, has_events=has_events, sentence=sentence, url=url)


async def keyboard(kb: KnowledgeBase, answer: Answer, ref: str | int | None,
                   lang: str = DEFAULT) -> InlineKeyboardMarkup | None:
    """The buttons under an answer, labelled in ``lang``."""
    return answer_keyboard(answer, ref, dataclasses.replace(await button_info(kb, answer), lang=lang))


async def _record_id(kb: KnowledgeBase, cb: Callback) -> int | None:
    if cb.kind not in ("event", "org", "person"):
        return None
    return await browse.id_of(kb, cb.kind, cb.record_key)


async def on_record_button(update: Update, context: ContextTypes.DEFAULT_TYPE, cb: Callback) -> None:
    """A record button: open, source, a profile's events page, its timeline or CSV."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    if chat is None:  # a button on an inline message: no chat to send to
        await query.answer(t(lang_of(context), "Open me in a private chat to see this."), show_alert=True)
        return
    svc = services(context)
    kb = svc.kb
    if cb.kind == "report":
        report_id = browse.report_of(kb, cb.record_key)
        if report_id is None or cb.action != "op":
            await query.answer(t(lang_of(context), EXPIRED_RECORD), show_alert=True)
            return
        await query.answer()
        await send_answer(context, chat.id, await kb.report_summary(report_id))
        return
    record = await _record_id(kb, cb)
    if record is None:
        await query.answer(t(lang_of(context), EXPIRED_RECORD), show_alert=True)
        return
    if cb.action == "op":
        answer = await (kb.event_answer(record) if cb.kind == "event" else
                        kb.org_answer(record) if cb.kind == "org" else kb.person_answer(record))
        if not answer.found:
            await query.answer(t(lang_of(context), EXPIRED_RECORD), show_alert=True)
            return
        await query.answer()
        await send_answer(context, chat.id, answer)
    elif cb.action == "sr" and cb.kind == "event":
        events = await kb.events_by_id([record])
        if not events:
            await query.answer(t(lang_of(context), EXPIRED_RECORD), show_alert=True)
            return
        await query.answer()
        e = events[0]
        url = browse.report_url(kb, e.source)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(t(lang_of(context), "Open the original ↗"), url=url)]]) if url else None
        await context.bot.send_message(chat.id, source_html(e, cb.number, kb.reports.get(e.report_id), lang_of(context)),
                                       reply_markup=markup)
    elif cb.action == "pe" and cb.kind in ("org", "person"):
        await _profile_events(query, context, cb, record)
    elif cb.action in ("tl", "cv") and cb.kind in ("org", "person"):
        await query.answer()
        name, ids = await browse.profile_event_ids(kb, cb.kind, record)
        events = sorted(await kb.events_by_id(ids), key=lambda e: (e.date.start if e.date else "9999", e.id))
        if cb.action == "tl":
            await send_timeline(context, chat.id, name, events)
        else:
            await send_csv(context, chat.id, name, events)
    else:
        await query.answer(t(lang_of(context), "This button is not valid any more."))


async def _profile_events(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, cb: Callback, record: int) -> None:
    """Page 0 of a profile's events comes as a new message; its More pages edit that message."""
    kb = services(context).kb
    answer = await browse.profile_events(kb, cb.kind, record, cb.number)
    if not answer.found:
        await query.answer(answer.text[:200])
        return
    info = dataclasses.replace(await button_info(kb, answer), lang=lang_of(context))
    markup = answer_keyboard(answer, None, info)
    rows = [list(r) for r in markup.inline_keyboard] if markup else []
    if answer.has_more:
        more = InlineKeyboardButton(t(lang_of(context), "More ▸"), callback_data=f"pe:{cb.key}:{cb.number + 1}")
        rows.insert(0, [more])
    markup = InlineKeyboardMarkup(rows) if rows else None
    text = answer_messages(answer, lang_of(context))[0]
    await query.answer()
    chat = query.message.chat.id if query.message is not None else None
    if cb.number == 0 or query.message is None:
        if chat is not None:
            await context.bot.send_message(chat, text, reply_markup=markup)
        return
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def _safe_name(label: str) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-")[:40]
    return name or "events"


async def send_timeline(context: ContextTypes.DEFAULT_TYPE, chat_id: int, label: str, events: list[Event]) -> None:
    """Draw and send the timeline picture of some events."""
    kb = services(context).kb
    titles = {rid: r.title for rid, r in kb.reports.items()}
    png = await working(context, chat_id, _in_thread(timeline_png, label, events, titles))
    dated = sum(1 for e in events if e.date and len(e.date.start) >= 7)
    caption = t(lang_of(context), "<b>{label}</b>: {n} dated events per month, coloured by report.", label=esc(label), n=dated)
    await context.bot.send_photo(chat_id, InputFile(png, filename=f"timeline-{_safe_name(label)}.png"),
                                 caption=caption)


async def send_csv(context: ContextTypes.DEFAULT_TYPE, chat_id: int, label: str, events: list[Event]) -> None:
    """Send some events as a CSV document."""
    kb = services(context).kb
    keys = await browse.keys_of(kb, "event", [e.id for e in events])
    data = events_csv(events, keys, kb.reports).encode("utf-8")
    name = f"events-{_safe_name(label)}.csv"
    caption = t(lang_of(context), "{n} events: {label}", n=len(events), label=esc(label))
    await context.bot.send_document(chat_id, InputFile(data, filename=name), caption=caption)


async def _in_thread(fn, *args):  # type: ignore[no-untyped-def]
    """Drawing takes a few hundred milliseconds: off the event loop, so other chats are answered."""
    import asyncio

    return await asyncio.to_thread(fn, *args)


async def cmd_timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timeline ORG|PERSON|PLACE: a picture of its events per month."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    text = " ".join(context.args or ())
    if not text.strip():
        await message.reply_text(t(lang_of(context), "Name an organisation, a person or a place: "
                                                     "<code>/timeline CNIE</code>, <code>/timeline Cambodia</code>"))
        return
    if not await _allowed(update, context):
        return
    topic = await browse.topic_events(services(context).kb, text)
    if topic is None or not topic.events:
        await message.reply_text(t(lang_of(context), "I found no organisation, person or place with events for "
                                                     "“{what}”.", what=esc(text[:100])))
        return
    await send_timeline(context, chat.id, topic.label, list(topic.events))


async def cmd_export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export FILTERS: the events /events lists for the filters, as a CSV file."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    text = " ".join(context.args or ())
    if not text.strip():
        await message.reply_text(t(lang_of(context), "Give filters as for /events: <code>/export Cambodia 2025</code>"))
        return
    if not await _allowed(update, context):
        return
    svc = services(context)
    events = await browse.filtered_events(svc.kb, text)
    await _note(update, svc, f"/export {text}", Answer(text, "", bool(events), "export"))
    if not events:
        await message.reply_text(t(lang_of(context), "No events match “{what}”.", what=esc(text[:100])))
        return
    await send_csv(context, chat.id, text, events)
