"""The Telegram application, wired in one place: handlers in order, the error handler last,
long-lived stores opened in post_init and closed in post_shutdown."""
from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import json
import logging
import os
import re
import secrets
import signal
import sqlite3
import sys
import time
import traceback
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlparse

import tornado.httpserver
import tornado.web
from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.request import HTTPXRequest
from telegram.error import Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import admin, digests, handlers
from bot.commands import ADMIN_COMMANDS, COMMANDS
from bot.config import Config
from bot.handlers import Services
from bot.health import HEARTBEAT_NAME, Heartbeat, check_liveness, check_services, store_problem
from bot.i18n import DEFAULT, LANGUAGES, N_, t
from bot.limits import RetryingRateLimiter, UserRateLimit
from bot.render import esc_clip
from bot.state import BotState, StateError
from knowledge.build import Corpus, report_files
from knowledge.errors import KnowledgeError
from knowledge.rebuild import pending_vectors
from knowledge.service import KnowledgeBase
from knowledge.store import write_store

log = logging.getLogger(__name__)

FLOOD_RETRIES = 1_000_000  # "as long as Telegram asks": each retry waits the retry_after Telegram gave
DESCRIPTION = N_("I answer questions about published reports on Chinese civil-society organisations' international "
                 "exchanges: events, organisations, people, with the fact first and where it is printed (report, "
                 "date, page). Ask in your own words, e.g. “what is CNIE?”, or send /help. English and 简体中文 (/lang).")
SHORT_DESCRIPTION = N_("Questions about reports on Chinese NGOs' international exchanges: facts with their sources.")
ADMIN_NOTICE_INTERVAL = 60.0  # seconds between two error notices to the admins: a failing loop must not flood them


class RedactToken(logging.Filter):
    """Replaces the bot token in every log record (messages, arguments, tracebacks): URLs of the
    Bot API carry the token, and HTTP libraries like to log URLs."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        return True


def install_redaction(token: str) -> None:
    """Put the token filter on every handler of the root logger."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token))


class _PollingRequest(HTTPXRequest):
    """The connection long polling uses; calls ``on_success`` after each getUpdates Telegram answered."""

    on_success: Callable[[], None] | None = None

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code == 200 and self.on_success is not None:
            self.on_success()
        return code, payload


def beat(app: Application) -> None:
    """Telegram was heard from just now (an update, a getUpdates answer, a webhook check)."""
    heartbeat: Heartbeat | None = app.bot_data.get("heartbeat")
    if heartbeat is not None:
        heartbeat.beat()


class SchedulerChatterToDebug(logging.Filter):
    """The job scheduler logs two INFO lines per run of every job ("Running job", "executed
    successfully"): ~5,800 a day for the digest outbox alone. They are routine: logged as DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True


_SCHEDULER_FILTER = SchedulerChatterToDebug()


def build_application(config: Config, *, rate_limiter: bool = True, user_limit: UserRateLimit | None = None,
                      use_updater: bool = True) -> Application:
    """The Application with every handler registered; stores open when it starts (post_init).
    ``use_updater=False`` builds it without an updater, for webhook mode."""
    if not config.token:
        raise ValueError("a bot token is needed to build the application")
    for name in ("apscheduler.scheduler", "apscheduler.executors.default"):
        if _SCHEDULER_FILTER not in logging.getLogger(name).filters:
            logging.getLogger(name).addFilter(_SCHEDULER_FILTER)
    builder = (ApplicationBuilder().token(config.token)
               .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
               .concurrent_updates(32)  # one slow answer must not hold up other chats
               .post_init(_post_init).post_shutdown(_post_shutdown))
    if config.api_base_url:
        builder = builder.base_url(config.api_base_url)
    if config.api_file_url:
        builder = builder.base_file_url(config.api_file_url)
    # Every successful getUpdates is a heartbeat: `bot health` fails when they stop (a stuck poller).
    poll_request = _PollingRequest(connection_pool_size=1)
    builder = builder.get_updates_request(poll_request)
    if rate_limiter:
        # An answer is owed to the user: a 429 is waited out for as long as Telegram asks. Digests
        # pass their own small retry count, because the outbox keeps them for a later round.
        builder = builder.rate_limiter(RetryingRateLimiter(max_retries=FLOOD_RETRIES))
    if not use_updater:
        builder = builder.updater(None)
    app = builder.build()
    app.bot_data["config"] = config
    app.bot_data["heartbeat"] = Heartbeat(config.data_dir / HEARTBEAT_NAME)
    poll_request.on_success = lambda: beat(app)
    app.bot_data["user_limit"] = user_limit or UserRateLimit()
    app.bot_data["commands"] = COMMANDS
    for command in COMMANDS + ADMIN_COMMANDS:
        app.add_handler(CommandHandler(command.name, command.callback))
    # Before every handler (group -1): the language the update is answered in, the admin menu.
    app.add_handler(TypeHandler(Update, _before_each), group=-1)
    app.add_handler(CallbackQueryHandler(handlers.on_button))
    app.add_handler(InlineQueryHandler(handlers.on_inline))
    # The catch-all handlers come after every command.
    app.add_handler(MessageHandler(filters.Document.ALL, admin.on_document))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.on_text))
    app.add_handler(MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL & ~filters.COMMAND, handlers.on_other))
    app.add_error_handler(on_error)
    return app


class StartupError(Exception):
    """The bot cannot start; the message is the one line the operator sees."""


async def _open_knowledge(config: Config) -> tuple[KnowledgeBase, str | None]:
    """The knowledge store to serve, checked (quick_check, the events' memo, a test question), and why
    it was replaced when it was damaged: then an empty store serves until the background rebuild is
    done. The store is derived data, so a damaged one is set aside and rebuilt from the reports;
    with no reports to rebuild from, StartupError."""
    problem: str | None
    try:
        kb = await KnowledgeBase.open(config.knowledge_db, config.reports_dir)
    except (KnowledgeError, sqlite3.Error, ValueError, UnicodeError) as exc:
        problem = f"{type(exc).__name__}: {exc}"[:300]
    else:
        problem = await store_problem(kb)
        if problem is None:
            return kb, None
        await kb.close()
    if not config.reports_dir.is_dir() or not report_files(config.reports_dir):
        raise StartupError(f"the knowledge store {config.knowledge_db} is damaged ({problem}) and the reports folder "
                           f"{config.reports_dir} holds no reports to rebuild it from")
    log.error("the knowledge store %s is damaged (%s): set aside as %s.damaged; rebuilding it from %s in the "
              "background", config.knowledge_db, problem, config.knowledge_db.name, config.reports_dir)
    os.replace(config.knowledge_db, config.knowledge_db.with_name(config.knowledge_db.name + ".damaged"))
    await write_store(Corpus([], [], [], []), config.knowledge_db)
    return await KnowledgeBase.open(config.knowledge_db), problem


async def _rebuild_damaged(app: Application, problem: str) -> None:
    """Background task after a damaged store was found at start: rebuild, swap, tell the admins."""
    svc: Services = app.bot_data["services"]
    await _tell_admins(app, f"⚠️ The knowledge store was damaged at start ({esc_clip(problem, 500)}); rebuilding it "
                            "from the reports now. Questions get a 'being rebuilt' reply meanwhile.")
    async def tell(text: str) -> None:
        await _tell_admins(app, text)

    try:
        changes = await admin.reload_now(CallbackContext(app), tell=tell)
        text = (f"⚠️ The knowledge store was damaged at start ({esc_clip(problem, 500)}); it was rebuilt from the "
                f"reports.\n{esc_clip(changes.summary(), 2500)}")
        log.info("the damaged knowledge store was rebuilt: %d reports", len(svc.kb.reports))
    except Exception as exc:  # noqa: BLE001 - told to the admins; the next /reload tries again
        log.error("rebuilding the damaged knowledge store failed: %s", admin.failure_reason(exc))
        text = (f"⚠️ The knowledge store was damaged at start ({esc_clip(problem, 500)}) and rebuilding it failed: "
                f"{esc_clip(admin.failure_reason(exc), 2000)}\nFix the reports and send /reload.")
    finally:
        svc.rebuilding = None
    await _tell_admins(app, text)


async def _tell_admins(app: Application, text: str) -> None:
    config: Config = app.bot_data["config"]
    for admin_id in config.admins:
        try:
            await app.bot.send_message(admin_id, text)
        except TelegramError as exc:
            log.warning("could not tell admin %s: %s", admin_id, exc)


async def _post_init(app: Application) -> None:
    config: Config = app.bot_data["config"]
    kb, problem = await _open_knowledge(config)
    try:
        state = await BotState.open(config.state_db)
    except Exception:
        await kb.close()
        raise
    svc = app.bot_data["services"] = Services(config, kb, state, app.bot_data["user_limit"])
    await _introduce(app, config)
    if problem is not None:
        svc.rebuilding = problem
        app.bot_data["rebuild_task"] = asyncio.ensure_future(_rebuild_damaged(app, problem))
    else:
        # Reports that arrived while the bot was down get their digests; digests unsent at the last stop resume.
        await digests.announce(kb, state)
        # A reload's second step that a stop or a crash cut short: its passages get their vectors now.
        left = await pending_vectors(config.knowledge_db)
        if left is not None:
            log.info("%d passages of the last reload have no vectors yet: embedding them now", left.passages)
            await svc.reload_lock.acquire()
            admin.start_second_step(app, left, None)
    if app.job_queue is not None:
        app.job_queue.run_repeating(admin.deliver_job, interval=config.delivery_interval, first=1.0, name="deliver-digests")
        if config.scan_interval > 0:
            app.job_queue.run_repeating(admin.scan_job, interval=config.scan_interval, first=config.scan_interval,
                                        name="scan-reports")
    log.info("serving %d reports (store %s) as @%s", len(kb.reports), kb.generation, app.bot.username)


async def _introduce(app: Application, config: Config) -> None:
    """What a user sees before the first message: the description and short description (in each
    language of the catalogs), the command menu. Admins get their own menu with the admin commands
    (BotCommandScopeChat) when they first write in a run: Telegram refuses a chat scope for a user who
    has not started the bot, and keeps the menu across restarts."""
    for code in LANGUAGES:
        language = None if code == DEFAULT else code
        await app.bot.set_my_commands([BotCommand(c.name, t(code, c.description)) for c in COMMANDS],
                                      language_code=language)
        await app.bot.set_my_description(t(code, DESCRIPTION), language_code=language)
        await app.bot.set_my_short_description(t(code, SHORT_DESCRIPTION), language_code=language)


async def set_admin_menu(bot: Any, admin_id: int, bot_data: dict) -> None:
    """The public commands and the admin commands in one admin's own menu; once per run and admin."""
    done: set[int] = bot_data.setdefault("admin_menus", set())
    if admin_id in done:
        return
    try:
        await bot.set_my_commands([BotCommand(c.name, c.description) for c in COMMANDS + ADMIN_COMMANDS],
                                  scope=BotCommandScopeChat(admin_id))
    except TelegramError as exc:  # Telegram knows no chat with an admin who never wrote to the bot
        log.info("admin menu for %s not set yet (%s); it will be when they write", admin_id, exc)
        return
    done.add(admin_id)


async def _post_shutdown(app: Application) -> None:
    for name in ("rebuild_task", "vectors_task"):
        task: asyncio.Future[None] | None = app.bot_data.pop(name, None)
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
    svc: Services | None = app.bot_data.pop("services", None)
    if svc is not None:
        await svc.close()


async def _before_each(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await handlers.remember_language(update, context)
    config: Config = context.application.bot_data["config"]
    user, chat = update.effective_user, update.effective_chat
    # In their private chat with the bot: Telegram refuses a chat scope for a chat it does not have.
    if user is not None and user.id in config.admins and chat is not None and chat.id == user.id:
        await set_admin_menu(context.bot, user.id, context.application.bot_data)


def _describe(update: object) -> str:
    if isinstance(update, Update):
        chat = update.effective_chat
        return f"update {update.update_id}" + (f" in chat {chat.id}" if chat else "")
    return "a background task" if update is None else type(update).__name__


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The one error handler: log with the traceback, tell the user briefly, notify the admins."""
    error = context.error
    if update is None and isinstance(error, NetworkError):
        # Polling hiccups: python-telegram-bot retries by itself.
        log.warning("network error while polling: %s", error)
        return
    log.error("error while handling %s", _describe(update), exc_info=error)
    if isinstance(update, Update) and update.effective_chat and not isinstance(error, Forbidden):
        try:
            if update.callback_query:
                await update.callback_query.answer(t(handlers.lang_of(context),
                                                     "Sorry, something went wrong. Please try again."))
            else:
                await context.bot.send_message(update.effective_chat.id, t(
                    handlers.lang_of(context), "Sorry, something went wrong while answering. It has been reported; "
                                               "please try again in a moment."))
        except TelegramError as exc:
            log.warning("could not tell the user about the error: %s", exc)
    config: Config = context.application.bot_data["config"]
    now = time.monotonic()
    if not config.admins or now - context.application.bot_data.get("admin_notice_at", -1e9) < ADMIN_NOTICE_INTERVAL:
        return
    context.application.bot_data["admin_notice_at"] = now
    tb = "".join(traceback.format_exception(error)) if error else "(no exception)"
    notice = (f"⚠️ <b>Error</b> while handling {html.escape(_describe(update))}:\n"
              f"<pre>{esc_clip(tb, 3500, tail=True)}</pre>")
    for admin_id in config.admins:
        try:
            await context.bot.send_message(admin_id, notice)
        except TelegramError as exc:
            log.warning("could not notify admin %s: %s", admin_id, exc)


@asynccontextmanager
async def _lifecycle(app: Application) -> AsyncIterator[Application]:
    """initialize and post_init on the way in; post_shutdown and shutdown on the way out, whatever happened."""
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        yield app
    finally:
        try:
            if app.post_shutdown:
                await app.post_shutdown(app)
        finally:
            await app.shutdown()


@asynccontextmanager
async def polling(app: Application, *, poll_timeout: int = 10) -> AsyncIterator[Application]:
    """Run the application with long polling inside an ``async with`` (``serve``, tests, benchmarks)."""
    async with _lifecycle(app):
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES)
        await app.start()
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()


async def _check_token(app: Application) -> None:
    async with app.bot:
        await app.bot.get_me()


WEBHOOK_MAX_BODY = 1024 * 1024  # Telegram's updates are a few kB; nothing larger is read
WEBHOOK_HEADER_TIMEOUT = 10.0  # seconds a client may take to send its request line and headers
WEBHOOK_BODY_TIMEOUT = 10.0  # seconds a client may take to send the body


@tornado.web.stream_request_body
class _WebhookHandler(tornado.web.RequestHandler):
    """Telegram's POSTs. The secret token header and the declared size are checked before a byte of
    the body is read (the body is streamed, so a refused request costs no memory); then the body must
    be one JSON object that is an update."""

    def initialize(self, app: Application, secret: str) -> None:
        self.app = app
        self.secret = secret
        self.chunks: list[bytes] = []
        self.size = 0

    def prepare(self) -> None:
        if self.request.method != "POST":
            return  # tornado answers 405
        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request without the right secret token from %s", self.request.remote_ip)
            self._refuse(403)
            return
        declared = self.request.headers.get("Content-Length", "0")
        if not declared.isascii() or not declared.isdigit() or int(declared) > WEBHOOK_MAX_BODY:
            log.warning("webhook body of %s bytes refused from %s", declared[:20], self.request.remote_ip)
            self._refuse(413)
            return
        # A chunked body declares no length: the connection enforces the limit while reading.
        self.request.connection.set_max_body_size(WEBHOOK_MAX_BODY)  # type: ignore[union-attr]

    def _refuse(self, status: int) -> None:
        self.set_status(status)
        # Closing tells the client not to send the rest: the body is never read.
        self.set_header("Connection", "close")
        self.finish()

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size <= WEBHOOK_MAX_BODY:
            self.chunks.append(chunk)

    async def post(self) -> None:
        if self.size > WEBHOOK_MAX_BODY:
            self.set_status(413)
            return
        update = parse_update(b"".join(self.chunks), self.app.bot)
        self.chunks = []
        if update is None:
            self.set_status(400)
            return
        beat(self.app)
        await self.app.update_queue.put(update)
        self.set_status(200)


def parse_update(body: bytes, bot: Any) -> Update | None:
    """The update a webhook body holds, or None (logged as a warning, no traceback) when it holds none:
    not JSON, nested too deep, not an object, no integer update_id, fields of the wrong shape."""
    try:
        data = json.loads(body)
        if not isinstance(data, dict) or type(data.get("update_id")) is not int:
            raise ValueError("not a JSON object with an integer update_id")
        return Update.de_json(data, bot)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        log.warning("webhook body is not an update: %s", f"{type(exc).__name__}: {exc}"[:200])
        return None


class _HealthHandler(tornado.web.RequestHandler):
    """GET /health: 200 with the checks when the stores answer and take writes and Telegram was heard
    from lately, 503 otherwise."""

    def initialize(self, app: Application) -> None:
        self.app = app

    async def get(self) -> None:
        svc: Services | None = self.app.bot_data.get("services")
        checks = await check_services(svc.kb, svc.state) if svc else []
        heartbeat: Heartbeat | None = self.app.bot_data.get("heartbeat")
        if checks and heartbeat is not None:  # Telegram heard from lately (an update or getWebhookInfo)
            checks.append(check_liveness(heartbeat.path))
        ok = bool(checks) and all(c.ok for c in checks)
        self.set_status(200 if ok else 503)
        self.write({"ok": ok, "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in checks]})


async def _webhook_check(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job (webhook mode): Telegram answers getWebhookInfo, so the bot is live; its delivery errors are logged."""
    try:
        info = await context.bot.get_webhook_info()
    except TelegramError as exc:
        log.warning("getWebhookInfo failed: %s", exc)
        return
    beat(context.application)
    if info.last_error_message:
        log.warning("Telegram reports webhook delivery errors: %s", info.last_error_message)


@asynccontextmanager
async def webhook(app: Application, url: str, listen: str, port: int, secret: str, *,
                  header_timeout: float = WEBHOOK_HEADER_TIMEOUT,
                  body_timeout: float = WEBHOOK_BODY_TIMEOUT) -> AsyncIterator[Application]:
    """Run the application behind a webhook inside an ``async with``: our own small HTTP server takes
    Telegram's POSTs at the URL's path and answers GET /health for the supervisor. A client that is
    slow to send its headers or body is cut off, and no body over 1 MB is read."""
    path = urlparse(url).path or "/"
    async with _lifecycle(app):
        web = tornado.web.Application([
            (re.escape(path), _WebhookHandler, {"app": app, "secret": secret}),
            (r"/health", _HealthHandler, {"app": app}),
        ])
        # idle_connection_timeout is also how long tornado waits for a request's headers.
        server = tornado.httpserver.HTTPServer(web, xheaders=True, max_body_size=WEBHOOK_MAX_BODY,
                                               idle_connection_timeout=header_timeout, body_timeout=body_timeout)
        server.listen(port, listen)
        try:
            await app.start()
            await app.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
            beat(app)
            if app.job_queue is not None:  # a quiet webhook gets no updates: ask Telegram now and then
                app.job_queue.run_repeating(_webhook_check, interval=30.0, first=30.0, name="webhook-check")
            yield app
        finally:
            server.stop()
            if app.running:
                await app.stop()


async def serve(app: Application, stop: asyncio.Event, *, webhook_url: str | None = None, listen: str = "127.0.0.1",
                port: int = 8443, secret: str = "") -> None:
    """Serve until ``stop`` is set, then shut down gracefully: no new updates are taken, broadcasts
    finish the message in hand and leave the rest in the outbox, answers in flight are completed."""
    runner = webhook(app, webhook_url, listen, port, secret) if webhook_url else polling(app)
    async with runner:
        log.info("running (%s); stop with SIGTERM or Ctrl-C", "webhook " + webhook_url if webhook_url else "polling")
        await stop.wait()
        log.info("stopping: finishing answers in flight")
        svc: Services | None = app.bot_data.get("services")
        if svc is not None:
            svc.stopping.set()
        if app.updater is not None and app.updater.running:
            await app.updater.stop()


def check_folders(config: Config) -> None:
    """StartupError, in one line, unless the data folder takes new files (the stores, their journals)."""
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        probe = config.data_dir / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StartupError(f"the data folder {config.data_dir} is not writable ({exc.strerror or exc}); the bot "
                           "keeps its stores there: give the bot's user write access, or set BOT_DATA_DIR") from None
    if config.reports_dir.exists() and not os.access(config.reports_dir, os.W_OK):
        log.warning("the reports folder %s is read-only: uploads will be refused, rejected files stay in place",
                    config.reports_dir)


def run_bot(config: Config, webhook: str | None = None, listen: str = "127.0.0.1", port: int = 8443) -> int:
    """Run the bot until SIGTERM or SIGINT (long polling, or a webhook behind a reverse proxy); the exit code."""
    assert config.token
    install_redaction(config.token)
    if webhook:
        url = urlparse(webhook)
        if url.scheme != "https" or not url.netloc:
            print("error: --webhook needs the public https:// URL Telegram will call", file=sys.stderr)
            return 2
    app = build_application(config, use_updater=not webhook)
    # Telegram sends the secret in a header on every webhook request; requests without it are refused.
    secret = config.webhook_secret or secrets.token_urlsafe(32)

    async def main() -> None:
        # Ask Telegram who we are first: a rejected token then ends in one clear line, not a traceback.
        await _check_token(app)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await serve(app, stop, webhook_url=webhook, listen=listen, port=port, secret=secret)

    heartbeat: Heartbeat = app.bot_data["heartbeat"]
    try:
        check_folders(config)
        heartbeat.start()
        asyncio.run(main())
    except StartupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except StateError as exc:  # not derived data: never rebuilt or replaced behind the operator's back
        print(f"error: {exc}; restore a backup with `python -m bot restore FILE`", file=sys.stderr)
        return 1
    except InvalidToken:
        print("error: Telegram rejected the bot token; check TELEGRAM_BOT_TOKEN (from @BotFather).", file=sys.stderr)
        return 1
    except NetworkError as exc:
        print(f"error: cannot reach the Telegram Bot API: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the webhook port is taken, the data folder is not writable, ...
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        heartbeat.stop()
    return 0
