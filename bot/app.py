"""The Telegram application, wired in one place: handlers in order, the error handler last,
long-lived stores opened in post_init and closed in post_shutdown."""
from __future__ import annotations

import asyncio
import html
import logging
import secrets
import sys
import time
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlparse

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import admin, digests, handlers
from bot.commands import ADMIN_COMMANDS, COMMANDS
from bot.config import Config
from bot.handlers import Services
from bot.limits import RetryingRateLimiter, UserRateLimit
from bot.state import BotState
from knowledge.service import KnowledgeBase

log = logging.getLogger(__name__)

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


def build_application(config: Config, *, rate_limiter: bool = True, user_limit: UserRateLimit | None = None) -> Application:
    """The Application with every handler registered; stores open when it starts (post_init)."""
    if not config.token:
        raise ValueError("a bot token is needed to build the application")
    builder = (ApplicationBuilder().token(config.token)
               .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
               .concurrent_updates(32)  # one slow answer must not hold up other chats
               .post_init(_post_init).post_shutdown(_post_shutdown))
    if config.api_base_url:
        builder = builder.base_url(config.api_base_url)
    if config.api_file_url:
        builder = builder.base_file_url(config.api_file_url)
    if rate_limiter:
        builder = builder.rate_limiter(RetryingRateLimiter(max_retries=3))
    app = builder.build()
    app.bot_data["config"] = config
    app.bot_data["user_limit"] = user_limit or UserRateLimit()
    app.bot_data["commands"] = COMMANDS
    for command in COMMANDS + ADMIN_COMMANDS:
        app.add_handler(CommandHandler(command.name, command.callback))
    app.add_handler(CallbackQueryHandler(handlers.on_button))
    app.add_handler(InlineQueryHandler(handlers.on_inline))
    # The catch-all handlers come after every command.
    app.add_handler(MessageHandler(filters.Document.ALL, admin.on_document))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.on_text))
    app.add_handler(MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL & ~filters.COMMAND, handlers.on_other))
    app.add_error_handler(on_error)
    return app


async def _post_init(app: Application) -> None:
    config: Config = app.bot_data["config"]
    kb = await KnowledgeBase.open(config.knowledge_db, config.reports_dir)
    try:
        state = await BotState.open(config.state_db)
    except Exception:
        await kb.close()
        raise
    app.bot_data["services"] = Services(config, kb, state, app.bot_data["user_limit"])
    await app.bot.set_my_commands([BotCommand(c.name, c.description) for c in COMMANDS])
    # Reports that arrived while the bot was down get their digests; digests unsent at the last stop resume.
    await digests.announce(kb, state)
    if app.job_queue is not None:
        app.job_queue.run_repeating(admin.deliver_job, interval=config.delivery_interval, first=1.0, name="deliver-digests")
        if config.scan_interval > 0:
            app.job_queue.run_repeating(admin.scan_job, interval=config.scan_interval, first=config.scan_interval,
                                        name="scan-reports")
    log.info("serving %d reports (store %s) as @%s", len(kb.reports), kb.generation, app.bot.username)


async def _post_shutdown(app: Application) -> None:
    svc: Services | None = app.bot_data.pop("services", None)
    if svc is not None:
        await svc.close()


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
                await update.callback_query.answer("Sorry, something went wrong. Please try again.")
            else:
                await context.bot.send_message(update.effective_chat.id,
                                               "Sorry, something went wrong while answering. It has been reported; "
                                               "please try again in a moment.")
        except TelegramError as exc:
            log.warning("could not tell the user about the error: %s", exc)
    config: Config = context.application.bot_data["config"]
    now = time.monotonic()
    if not config.admins or now - context.application.bot_data.get("admin_notice_at", -1e9) < ADMIN_NOTICE_INTERVAL:
        return
    context.application.bot_data["admin_notice_at"] = now
    tb = "".join(traceback.format_exception(error)) if error else "(no exception)"
    notice = (f"⚠️ <b>Error</b> while handling {html.escape(_describe(update))}:\n"
              f"<pre>{html.escape(tb[-3000:])}</pre>")
    for admin_id in config.admins:
        try:
            await context.bot.send_message(admin_id, notice)
        except TelegramError as exc:
            log.warning("could not notify admin %s: %s", admin_id, exc)


@asynccontextmanager
async def polling(app: Application, *, poll_timeout: int = 10) -> AsyncIterator[Application]:
    """Run the application with long polling inside an ``async with`` (tests and benchmarks);
    ``run_bot`` uses python-telegram-bot's own ``run_polling``."""
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
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
    finally:
        try:
            if app.post_shutdown:
                await app.post_shutdown(app)
        finally:
            await app.shutdown()


async def _check_token(app: Application) -> None:
    async with app.bot:
        await app.bot.get_me()


def run_bot(config: Config, webhook: str | None = None, listen: str = "127.0.0.1", port: int = 8443) -> int:
    """Run the bot until interrupted (long polling, or a webhook behind a reverse proxy); the exit code."""
    assert config.token
    install_redaction(config.token)
    app = build_application(config)
    try:
        # Ask Telegram who we are before starting: a rejected token then ends in one clear line
        # rather than in python-telegram-bot's start-up traceback.
        asyncio.run(_check_token(app))
        if webhook:
            url = urlparse(webhook)
            if url.scheme != "https" or not url.netloc:
                print("error: --webhook needs the public https:// URL Telegram will call", file=sys.stderr)
                return 2
            # Telegram sends the secret in a header on every request; python-telegram-bot refuses
            # requests without it.
            secret = config.webhook_secret or secrets.token_urlsafe(32)
            app.run_webhook(listen=listen, port=port, url_path=url.path.lstrip("/"), webhook_url=webhook,
                            secret_token=secret, allowed_updates=Update.ALL_TYPES)
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        print("error: Telegram rejected the bot token; check TELEGRAM_BOT_TOKEN (from @BotFather).", file=sys.stderr)
        return 1
    except NetworkError as exc:
        print(f"error: cannot reach the Telegram Bot API: {exc}", file=sys.stderr)
        return 1
    return 0
