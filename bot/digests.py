"""New-issue digests: which subscribers a new report concerns, and delivery through a durable outbox.

An outbox row (chat × report content) is written before anything is sent and marked sent only after
Telegram accepted the message, so a crash loses nothing; the row's uniqueness means nothing repeats.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.i18n import DEFAULT, t
from bot.render import answer_messages, record_data
from bot.state import BotState, OutboxItem, Subscription
from knowledge import digest
from knowledge.keys import report_key
from knowledge.records import Answer, Report
from knowledge.service import KnowledgeBase

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FLOOD_RETRIES = 3  # 429s waited out per digest before the outbox takes over (it retries in a later round)
PACING = 0.05  # seconds between two digests: well under Telegram's 30 messages a second overall
BATCH = 50


def topic_of(sub: Subscription) -> digest.Topic:
    """The topic a stored subscription follows."""
    return digest.Topic(sub.kind, sub.value, sub.label, sub.date_from, sub.date_to)


async def digest_for(kb: KnowledgeBase, report: Report, subs: Sequence[Subscription], page: int = 0,
                     lang: str = DEFAULT) -> Answer | None:
    """The digest one chat gets for one report: shaped by the first of its topics that the report
    concerns ("everything" last, so a chat following Cambodia sees Cambodia first). None: no match."""
    topics = sorted((topic_of(s) for s in subs), key=lambda x: x.kind == "all")
    for topic in topics:
        answer = await digest.compose(kb, report, topic, page, lambda message, **values: t(lang, message, **values))
        if answer is not None:
            return answer
    return None


async def announce(kb: KnowledgeBase, state: BotState) -> tuple[list[Report], int]:
    """Queue digests of the reports whose content the bot has not announced before.

    On the very first start nothing has been announced and nobody has subscribed yet: the corpus is
    marked as seen without digests. Returns (new reports, digests queued)."""
    known = await state.known_report_hashes()
    new = [r for r in kb.reports.values() if r.content_hash not in known]
    if not new:
        return [], 0
    seen = [(r.id, r.content_hash) for r in new]
    subs = await state.all_subscriptions()
    if not known and not subs:
        await state.mark_reports_seen(seen)
        return [], 0
    by_chat: dict[int, list[Subscription]] = {}
    for s in subs:
        by_chat.setdefault(s.chat_id, []).append(s)
    items = []
    for report in sorted(new, key=lambda r: r.issue_date or ""):
        for chat_id, chat_subs in by_chat.items():
            if await digest_for(kb, report, chat_subs) is not None:
                items.append((chat_id, report.id, report.content_hash))
    queued = await state.enqueue_digests(items, seen=seen)
    log.info("%d new report(s); %d digest(s) queued", len(new), queued)
    return new, queued


def report_by_index(kb: KnowledgeBase, index: int) -> str | None:
    """The id of the n-th report in id order: what "About this report" buttons of older digests hold."""
    ids = sorted(kb.reports)
    return ids[index] if 0 <= index < len(ids) else None


async def digest_keyboard(answer: Answer, kb: KnowledgeBase, ref: str | None, report_id: str,
                          lang: str = DEFAULT) -> InlineKeyboardMarkup | None:
    """Under a digest: More, the report in brief, open each listed event, the organisations most involved."""
    from bot.buttons import keyboard  # buttons builds on the handlers, which build on this module

    base = await keyboard(kb, answer, ref, lang)
    rows = [list(r) for r in base.inline_keyboard] if base else []
    about = [InlineKeyboardButton(t(lang, "About this report"),
                                  callback_data=record_data("op", "report", report_key(report_id)))]
    report = kb.reports.get(report_id)
    if report is not None and report.url and report.url.startswith(("http://", "https://")):
        about.append(InlineKeyboardButton(t(lang, "Original ↗"), url=report.url))
    rows.insert(0, about)
    return InlineKeyboardMarkup(rows)


async def send_digest(bot: Bot, kb: KnowledgeBase, state: BotState, item: OutboxItem) -> str:
    """Try one outbox row: "sent", "retry", "failed", "dropped" (blocked) or "wait:<seconds>" (429)."""
    report = kb.reports.get(item.report_id)
    if report is None or report.content_hash != item.content_hash:
        await state.mark_failed(item.id, "the report is no longer in the store")
        return "failed"
    subs = await state.subscriptions(item.chat_id)
    # A private chat's id is its user's: their language; a group's digest is in English.
    chosen, client = await state.language(item.chat_id) if item.chat_id > 0 else (None, None)
    lang = chosen or client or DEFAULT
    answer = await digest_for(kb, report, subs, 0, lang) if subs else None
    if answer is None:
        await state.mark_failed(item.id, "no subscription of this chat matches the report any more")
        return "failed"
    ref = (await state.issue_answer(item.chat_id, item.report_id, "digest", kb.generation)).token \
        if answer.has_more else None
    texts = answer_messages(answer, lang)
    markup = await digest_keyboard(answer, kb, ref, report.id, lang)
    # Only a bot with a rate limiter takes rate_limit_args (the benchmark runs without one).
    limits = {"rate_limit_args": FLOOD_RETRIES} if getattr(bot, "rate_limiter", None) is not None else {}
    try:
        message = None
        for i, text in enumerate(texts):
            last = i == len(texts) - 1
            message = await bot.send_message(item.chat_id, text,
                                             reply_markup=markup if last else None, **limits)
    except RetryAfter as exc:
        delay = exc.retry_after if isinstance(exc.retry_after, (int, float)) else exc.retry_after.total_seconds()
        await state.mark_retry(item.id, f"flood limit: retry after {delay} s", float(delay))
        return f"wait:{delay}"
    except Forbidden as exc:
        await state.drop_chat(item.chat_id, f"chat blocked the bot: {exc}")
        return "dropped"
    except BadRequest as exc:
        await state.mark_failed(item.id, f"Telegram refused the digest: {exc}")
        return "failed"
    except (NetworkError, TimedOut) as exc:
        if item.attempts + 1 >= MAX_ATTEMPTS:
            await state.mark_failed(item.id, f"gave up after {item.attempts + 1} attempts: {exc}")
            return "failed"
        await state.mark_retry(item.id, str(exc), min(300.0, 2.0 * 2 ** item.attempts))
        return "retry"
    await state.mark_sent(item.id, message.message_id if message else None)
    return "sent"


async def deliver(bot: Bot, kb: KnowledgeBase, state: BotState, lock: asyncio.Lock, pacing: float = PACING,
                  stop: asyncio.Event | None = None) -> dict[str, int]:
    """Send what the outbox holds that is due, paced; one delivery at a time; ``stop`` ends it between
    two messages (the rest stays queued for the next start). Returns counts by outcome."""
    counts: dict[str, int] = {}
    if lock.locked():
        return counts
    async with lock:
        while True:
            items = await state.pending_digests(BATCH)
            if not items:
                break
            for item in items:
                if stop is not None and stop.is_set():
                    log.info("digest delivery stopped for shutdown: %s", counts)
                    return counts
                outcome = await send_digest(bot, kb, state, item)
                key = outcome.split(":")[0]
                counts[key] = counts.get(key, 0) + 1
                if key == "wait":  # Telegram asked for a pause: the rest waits for the next round
                    return counts
                await asyncio.sleep(pacing)
    if counts:
        log.info("digest delivery: %s", counts)
    return counts
