"""Admin commands: /reload, report files sent to the bot, /stats. Every one checks the sender's user id
against BOT_ADMINS first; anyone else gets a plain refusal that names no admin command."""
from __future__ import annotations

import asyncio
import datetime
import errno
import functools
import hashlib
import logging
import re
import sqlite3
import time
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

import yaml
from telegram import Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import digests
from bot.config import Config
from bot.handlers import Services, services
from bot.health import store_problem
from bot.render import esc, esc_clip
from knowledge.build import report_files
from knowledge.catalog import CATALOG_NAME
from knowledge.errors import KnowledgeError
from knowledge.isolate import Limits
from knowledge.rebuild import Changes, PendingVectors, add_vectors, rebuild

log = logging.getLogger(__name__)

UPLOAD_SUFFIXES = {".pdf", ".html", ".htm", ".txt", ".md"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download
REFUSAL = "Sorry, that is not something I can do for you."
FILE_REFUSAL = "I only read questions written as text; I cannot take files."


class ReloadRunning(RuntimeError):
    """A reload was asked for while another one runs."""


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the sender is one of the configured admins (by user id, never by name)."""
    user = update.effective_user
    return user is not None and user.id in services(context).config.admins


Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


def admin_only(handler: Handler) -> Handler:
    """The handler for admins; anyone else gets the plain refusal and nothing runs."""
    @functools.wraps(handler)
    async def checked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is None:
            return
        if not is_admin(update, context):
            await _refuse(update)
            return
        await handler(update, context)
    return checked


async def _refuse(update: Update, text: str = REFUSAL) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(text)


class Progress:
    """Reload progress shown by editing one message."""

    def __init__(self, message: Message | None) -> None:
        self.message = message

    async def __call__(self, step: str) -> None:
        if self.message is None:
            return
        try:
            await self.message.edit_text(f"Reloading: {esc(step)}…")
        except BadRequest as exc:  # "not modified" and the like: progress is a courtesy
            log.debug("progress edit failed: %s", exc)


Tell = Callable[[str], Awaitable[None]]


async def reload_now(context: ContextTypes.DEFAULT_TYPE, progress: Progress | None = None,
                     tell: Tell | None = None) -> Changes:
    """Rebuild the knowledge store while the old one serves, swap, then queue and send digests.

    New passages whose vectors are not cached yet are embedded after the swap (their reports are
    answered by their words until then): ``changes.build.vectors`` says so, and a background task
    swaps in their vectors and says when it is done through ``tell`` (HTML; else the log). The
    reload counts as running until then, so that reloads never overlap.

    A reload asked for during the second step of the last one waits for it, then runs.

    Raises ReloadRunning (a RuntimeError) when a reload is already running, KnowledgeError or OSError when it failed
    (the old store then keeps serving)."""
    svc = services(context)
    second = context.application.bot_data.get("vectors_task")
    if second is not None and not second.done():
        if progress is not None:
            await progress("waiting for the semantic search of the last reload")
        await asyncio.shield(second)  # it says how it went itself; this reload's caller is not cancelled by it
    if svc.reload_lock.locked():
        raise ReloadRunning("a reload is already running")
    await svc.reload_lock.acquire()
    later: PendingVectors | None = None
    try:
        try:
            new, changes = await rebuild(svc.kb, svc.config.reports_dir, svc.config.knowledge_db,
                                         progress or Progress(None), limits=ingest_limits(svc.config),
                                         vectors_later=True)
        except Exception as exc:
            await _record_reload(svc, f"failed: {failure_reason(exc)}", False)
            raise
        pending = changes.build.vectors if changes.build is not None else None
        # The new store is checked before it serves (quick_check, the events' memo, a test question).
        problem = await store_problem(new)
        if problem is not None:
            await new.close()
            if pending is not None:
                await pending.cancel()
            await _record_reload(svc, f"failed: the new store failed its check: {problem}", False)
            raise KnowledgeError(f"the new store failed its check ({problem})")
        svc.swap(new)
        await _record_reload(svc, changes.summary(), True)
        later = pending
    finally:
        if later is None:
            svc.reload_lock.release()
        else:  # the lock passes to the second step, which releases it
            start_second_step(context.application, later, tell)
    await digests.announce(svc.kb, svc.state)
    if context.job_queue is not None:
        context.job_queue.run_once(deliver_job, 0, name="deliver-digests")
    return changes


def second_step_running(app: Any) -> bool:
    """Whether the reload lock is held by the second step of a reload (embedding), not by a build."""
    task = app.bot_data.get("vectors_task")
    return task is not None and not task.done()


def start_second_step(app: Any, vectors: PendingVectors, tell: Tell | None) -> None:
    """Run the second step of a reload in the background, holding the reload lock (taken by the
    caller) until it is done."""
    app.bot_data["vectors_task"] = asyncio.ensure_future(_second_step(app, vectors, tell))


async def _second_step(app: Any, vectors: PendingVectors, tell: Tell | None) -> None:
    svc: Services = app.bot_data["services"]
    started = time.perf_counter()
    try:
        new, done = await add_vectors(vectors)
        problem = await store_problem(new)
        if problem is not None:
            await new.close()
            raise KnowledgeError(f"the store with the vectors failed its check ({problem})")
        svc.swap(new)
        text = (f"<b>Semantic search is on for the new reports</b>: {done} passages got their vectors in "
                f"{time.perf_counter() - started:.0f} s.")
        log.info("second step of the reload: %d passages got their vectors in %.1f s", done,
                 time.perf_counter() - started)
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # noqa: BLE001 - the store serves as it was; the next reload or start finishes it
        log.warning("the second step of the reload failed: %s", failure_reason(exc))
        text = (f"<b>Semantic search for the new reports could not be finished</b>: "
                f"{esc_clip(failure_reason(exc), 1500)}\nThey are answered by keywords meanwhile; the next /reload "
                "or restart finishes it.")
    finally:
        svc.reload_lock.release()
    if tell is not None:
        try:
            await tell(text)
        except TelegramError as exc:
            log.warning("could not say the second step of the reload was done: %s", exc)


def keywords_note(changes: Changes) -> str:
    """What an admin reads after a reload whose new passages are embedded in the background ('' when
    none are): the new reports are answered by keywords now, by meaning in about so many seconds."""
    vectors = changes.build.vectors if changes.build is not None else None
    if vectors is None:
        return ""
    seconds = max(1, round(vectors.seconds_left()))
    reports = len(changes.new_reports)
    what = (f"{reports} report{'s' if reports != 1 else ''} added; answering {'them' if reports != 1 else 'it'} by keywords now"
            if reports else f"{vectors.passages} passages are answered by keywords")
    return f"{what}; semantic search for {'them' if reports != 1 else 'it'} follows in about {seconds} s."


async def tell_admins(bot: Any, admins: Iterable[int], text: str) -> None:
    """Send one message to each admin (a failure is logged)."""
    for admin in admins:
        try:
            await bot.send_message(admin, text)
        except TelegramError as exc:
            log.warning("could not tell admin %s: %s", admin, exc)


async def _record_reload(svc: Services, summary: str, ok: bool) -> None:
    try:
        await svc.state.record_reload(summary, ok)
    except (sqlite3.Error, OSError) as exc:  # a full disk: the reload's outcome matters more than its log line
        log.warning("reload not recorded in the bot store: %s", exc)


def ingest_limits(config: Config) -> Limits:
    """The hard limits on reading one report file, from the configuration."""
    return Limits(config.ingest_seconds, config.ingest_memory_mb, config.max_events_per_file)


def failure_reason(exc: BaseException) -> str:
    """Why a reload failed, in one line an admin can act on."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, sqlite3.OperationalError) or (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC,
                                                                                              errno.EFBIG)):
        return f"the store could not be written ({text}); is the disk full?"
    if isinstance(exc, PermissionError):
        return f"no permission to write ({text})"
    return text


async def deliver_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: send due digests from the outbox."""
    svc = services(context)
    await digests.deliver(context.bot, svc.kb, svc.state, svc.delivery_lock, stop=svc.stopping)


@admin_only
async def cmd_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload (admins): rebuild the store from the reports folder and say what changed."""
    assert update.effective_message is not None
    await _reload_and_report(update.effective_message, context)


async def _reload_and_report(message: Message, context: ContextTypes.DEFAULT_TYPE, intro: str = "") -> None:
    status = await message.reply_text(f"{esc(intro)}Reloading…")

    async def tell(text: str) -> None:
        await context.bot.send_message(message.chat_id, text)

    try:
        changes = await reload_now(context, Progress(status), tell)
    except ReloadRunning:
        await status.edit_text("A reload is already running; I will not start a second one.")
        return
    except Exception as exc:  # noqa: BLE001 - whatever broke the reload, the admin is told and the old store serves
        log.warning("reload failed: %s", exc, exc_info=not isinstance(exc, (KnowledgeError, OSError, sqlite3.Error)))
        await status.edit_text(f"<b>Reload failed</b>; the previous store keeps serving.\n"
                               f"{esc_clip(failure_reason(exc), 3000)}")
        return
    note = keywords_note(changes)
    await status.edit_text(f"{esc(intro)}<b>Reloaded.</b>\n{esc_clip(changes.summary(), 3500)}" + (f"\n{esc(note)}" if note else ""))


@admin_only
async def cmd_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats (admins): users, subscribers, questions, not-found rate, corpus, store size, last reload."""
    message = update.effective_message
    assert message is not None
    svc = services(context)
    s = await svc.state.stats()
    counts = await svc.kb.counts()
    size = svc.config.knowledge_db.stat().st_size / 1e6 if svc.config.knowledge_db.exists() else 0.0
    lines = [
        "<b>Stats</b>",
        f"Users: {s.users}; subscribers: {s.subscribers} ({s.subscriptions} subscriptions)",
        f"Questions answered: {s.questions}; not found: {s.not_found} ({100 * s.not_found_rate:.0f}%)",
        (f"Reports: {counts['reports']}; events: {counts['events']}; organisations: {counts['orgs']}; "
        f"people: {counts['people']}"),
        f"Store: {size:.1f} MB, generation {esc(svc.kb.generation)}, built {esc(svc.kb.built_at)}",
        f"Digests pending: {s.outbox_pending}; failed: {s.outbox_failed}",
        f"Last reload: {esc(s.last_reload or 'never')}" + ("" if s.last_reload_ok in (None, True) else " (failed)"),
    ]
    await message.reply_text("\n".join(lines))


# --- report files ---------------------------------------------------------------------------------


def safe_file_name(name: str | None, suffix_fallback: str = ".txt") -> str | None:
    """A file name that cannot leave the reports folder or hide: the last path part, letters, digits,
    "-", "_" and "." only, no leading dot, at most 100 characters; None when the type is not a report's."""
    # Accents folded to ASCII ("évé" -> "eve"), then the last path part only: "../" leads nowhere.
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    base = folded.replace("\\", "/").split("/")[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, suffix_fallback.lstrip(".")
    suffix = "." + suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return None
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_.")[:100] or "report"
    return stem + suffix


class CaptionError(ValueError):
    """A caption field holds a value the catalog cannot take; the message names the field."""


_DATE_LIKE = re.compile(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?")


def check_issue_date(value: str) -> str:
    """``value`` as the catalog's issue date (YYYY, YYYY-MM or YYYY-MM-DD, a real day); CaptionError if not."""
    value = value.strip()
    m = re.fullmatch(r"((?:19|20)\d{2})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    try:
        if m is None:
            raise ValueError(value)
        datetime.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise CaptionError(f"date: “{value}” is not a real date; write YYYY, YYYY-MM or YYYY-MM-DD "
                           "(e.g. 2026-01-05)") from None
    return value


def parse_caption(caption: str | None) -> dict[str, str]:
    """Title and date from a caption: "title: ...", "date: YYYY-MM-DD" lines, or "Title | 2026-01-05".

    Every value is checked here, where it enters: a bad one raises CaptionError naming the field, so
    nothing the catalog would reject later is ever written to it."""
    out: dict[str, str] = {}
    if not caption:
        return out
    for line in caption.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in ("title", "date", "issue_date", "publisher", "series", "url"):
            k = "issue_date" if key.strip().lower() in ("date", "issue_date") else key.strip().lower()
            out[k] = value.strip()
    if not out:
        title, sep, date = caption.rpartition("|")
        if sep and _DATE_LIKE.fullmatch(date.strip()):
            out = {"title": title.strip(), "issue_date": date.strip()}
        else:
            out = {"title": caption.strip()}
    if "issue_date" in out:
        out["issue_date"] = check_issue_date(out["issue_date"])
    if out.get("url") and not re.fullmatch(r"https?://\S+", out["url"]):
        raise CaptionError(f"url: “{out['url'][:100]}” is not an http(s) address")
    for key, value in out.items():
        if len(value) > 300:
            raise CaptionError(f"{key}: {len(value)} characters; at most 300")
    return {k: v for k, v in out.items() if v}


def _add_catalog_entry(reports_dir: Path, file_name: str, fields: dict[str, str]) -> None:
    """Append the catalog entry of a new file, keeping the catalog's comments; written atomically."""
    path = reports_dir / CATALOG_NAME
    text = path.read_text(encoding="utf-8") if path.exists() else "reports:\n"
    entry = yaml.safe_dump([{"file": file_name, **fields}], allow_unicode=True, sort_keys=False)
    text = text.rstrip("\n") + "\n" + "".join("  " + line + "\n" for line in entry.splitlines())
    yaml.safe_load(text)  # never write a catalog that does not parse
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document: an admin's report file is saved into the reports folder and reloaded; others are refused."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    if not is_admin(update, context):
        if message.chat.type == "private":
            await _refuse(update, FILE_REFUSAL)
        return
    svc = services(context)
    doc = message.document
    name = safe_file_name(doc.file_name)
    if name is None:
        await message.reply_text("I take reports as .pdf, .html, .htm, .txt or .md files.")
        return
    if doc.file_size and doc.file_size > MAX_UPLOAD_BYTES:
        await message.reply_text(f"That file is {doc.file_size / 2**20:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB.")
        return
    try:
        data = bytes(await (await doc.get_file()).download_as_bytearray())
    except TelegramError as exc:
        await message.reply_text(f"I could not download the file: {esc(str(exc))}")
        return
    if len(data) > MAX_UPLOAD_BYTES:
        await message.reply_text("That file is over the size limit.")
        return
    if not data.strip():
        await message.reply_text("That file is empty.")
        return
    try:
        fields = parse_caption(message.caption)
    except CaptionError as exc:
        await message.reply_text(f"The caption's {esc(str(exc))}.\nNothing was saved; send the file again with "
                                 "a corrected caption.")
        return
    reports_dir = svc.config.reports_dir
    digest_new = hashlib.sha256(data).hexdigest()
    for existing in sorted(reports_dir.iterdir()):
        if existing.is_file() and hashlib.sha256(existing.read_bytes()).hexdigest() == digest_new:
            await message.reply_text(f"That file is a duplicate of <code>{esc(existing.name)}</code>; nothing changed.")
            return
    target = reports_dir / name
    n = 2
    while target.exists():
        target = reports_dir / f"{Path(name).stem}-{n}{Path(name).suffix}"
        n += 1
    tmp = reports_dir / f".{target.name}.part"
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:  # a read-only folder, a full disk: say so, keep nothing half-written
        tmp.unlink(missing_ok=True)
        log.warning("could not save an upload into %s: %s", reports_dir, exc)
        reason = "it is read-only for the bot" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        await message.reply_text(f"I could not save the file into the reports folder: {esc(reason)}. "
                                 "Nothing was saved or changed.")
        return
    if fields:
        try:
            _add_catalog_entry(reports_dir, target.name, fields)
        except (OSError, yaml.YAMLError) as exc:
            await message.reply_text(f"Saved, but the catalog could not be updated: {esc(str(exc))}")
    log.info("admin %s added report file %s (%d bytes)", update.effective_user.id if update.effective_user else "?",
             target.name, len(data))
    if svc.reload_lock.locked() and not second_step_running(context.application):
        # The running reload may have read the folder already: a follow-up reload takes the file in.
        # (During a reload's second step, the reload below waits for it instead.)
        svc.queued_uploads.append((message.chat_id, target.name))
        if svc.follow_up is None or svc.follow_up.done():
            svc.follow_up = asyncio.ensure_future(_follow_up(context))
        await message.reply_text(f"Saved as {esc(target.name)}. A reload is running; a second one will take this "
                                 "file in right after it, and I will tell you here.")
        return
    await _reload_and_report(message, context, intro=f"Saved as {target.name}. ")


async def _follow_up(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reload once the running reload is done, for files uploaded meanwhile; tell whoever sent them."""
    svc = services(context)
    while True:
        while svc.reload_lock.locked():
            await asyncio.sleep(0.2)
        queued, svc.queued_uploads = svc.queued_uploads, []
        chats = list(dict.fromkeys(chat for chat, _ in queued))

        async def tell(text: str, chats: list[int] = chats) -> None:  # these chats, not the next round's
            await tell_admins(context.bot, chats, text)

        try:
            changes = await reload_now(context, tell=tell)
            served = {r.file for r in svc.kb.reports.values()}
            lines = [f"{'Added' if name in served else 'Not added (see the warnings)'}: {name}" for _, name in queued]
            note = keywords_note(changes)
            text = "<b>Reloaded</b> for the files sent during the last reload.\n" + esc_clip(
                "\n".join(lines) + "\n" + changes.summary() + (f"\n{note}" if note else ""), 3500)
        except ReloadRunning:  # another reload started first: wait for it again
            svc.queued_uploads = queued + svc.queued_uploads
            continue
        except Exception as exc:  # noqa: BLE001 - the admin is told; the old store serves
            log.warning("follow-up reload failed: %s", exc)
            text = (f"<b>Reload failed</b> for the files sent during the last reload; the previous store keeps "
                    f"serving.\n{esc_clip(failure_reason(exc), 3000)}")
        for chat_id in dict.fromkeys(chat for chat, _ in queued):
            try:
                await context.bot.send_message(chat_id, text)
            except TelegramError as exc:
                log.warning("could not tell %s about the follow-up reload: %s", chat_id, exc)
        if not svc.queued_uploads:
            return


async def scan_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: reload when the reports folder holds files the store does not (periodic scan)."""
    svc: Services = services(context)
    if svc.reload_lock.locked():
        return
    files = report_files(svc.config.reports_dir)
    on_disk = {p.name for p in files}
    in_store = {r.file for r in svc.kb.reports.values()}
    stamp = max((p.stat().st_mtime for p in files), default=0.0)
    if on_disk == in_store and stamp <= context.application.bot_data.get("scan_stamp", stamp):
        context.application.bot_data["scan_stamp"] = stamp
        return
    context.application.bot_data["scan_stamp"] = stamp
    async def tell(text: str) -> None:
        await tell_admins(context.bot, svc.config.admins, text)

    try:
        changes = await reload_now(context, tell=tell)
    except Exception as exc:  # noqa: BLE001 - the old store keeps serving; the next scan tries again
        log.warning("scheduled reload failed: %s", failure_reason(exc))
        return
    if changes.new_reports or changes.removed or any("set aside" in w for w in changes.warnings):
        note = keywords_note(changes)
        await tell(f"<b>Reports folder changed; reloaded.</b>\n{esc_clip(changes.summary(), 3500)}"
                   + (f"\n{esc(note)}" if note else ""))
