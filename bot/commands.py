"""The command table: the handlers and the commands menu (``set_my_commands``) are both built from it."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from bot import admin, buttons, handlers, subscribe


@dataclass(frozen=True, slots=True)
class Command:
    """One command: its name, its line in the menu and /help, and its handler."""

    name: str
    description: str
    callback: Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


COMMANDS: tuple[Command, ...] = (
    Command("start", "What I know, with example questions", handlers.cmd_start),
    Command("help", "How to ask", handlers.cmd_help),
    Command("ask", "Ask a question: /ask what is CFPD?", handlers.cmd_ask),
    Command("org", "An organisation's profile: /org CNIE", handlers.cmd_org),
    Command("person", "A person's profile: /person Liu Hongcai", handlers.cmd_person),
    Command("events", "Events by place, organisation or date: /events Cambodia 2025", handlers.cmd_events),
    Command("timeline", "A chart of events per month: /timeline CNIE", buttons.cmd_timeline),
    Command("export", "Events as a CSV file: /export Cambodia 2025", buttons.cmd_export),
    Command("reports", "The reports I know, with their dates", handlers.cmd_reports),
    Command("latest", "The newest report in brief", handlers.cmd_latest),
    Command("subscribe", "Digests of new reports: /subscribe, /subscribe Cambodia", subscribe.cmd_subscribe),
    Command("subscriptions", "What you follow", subscribe.cmd_subscriptions),
    Command("unsubscribe", "Stop digests: all, or one", subscribe.cmd_unsubscribe),
    Command("pause", "Hold your digests (subscriptions stay)", subscribe.cmd_pause),
    Command("resume", "Send digests again", subscribe.cmd_resume),
)

# Not in the menu or /help: they answer admins only, and refuse anyone else without naming themselves.
ADMIN_COMMANDS: tuple[Command, ...] = (
    Command("reload", "Rebuild the store from the reports folder", admin.cmd_reload),
    Command("stats", "Usage and corpus figures", admin.cmd_stats),
)
