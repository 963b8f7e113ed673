"""The command table: the handlers and the commands menu (``set_my_commands``) are both built from it."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from bot import admin, buttons, handlers, subscribe
from bot.i18n import N_


@dataclass(frozen=True, slots=True)
class Command:
    """One command: its name, its line in the menu and /help, and its handler."""

    name: str
    description: str
    callback: Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


COMMANDS: tuple[Command, ...] = (
    Command("start", N_("What I know, with example questions"), handlers.cmd_start),
    Command("help", N_("How to ask"), handlers.cmd_help),
    Command("ask", N_("Ask a question: /ask what is CFPD?"), handlers.cmd_ask),
    Command("org", N_("An organisation's profile: /org CNIE"), handlers.cmd_org),
    Command("person", N_("A person's profile: /person Liu Hongcai"), handlers.cmd_person),
    Command("events", N_("Events by place, organisation or date: /events Cambodia 2025"), handlers.cmd_events),
    Command("timeline", N_("A chart of events per month: /timeline CNIE"), buttons.cmd_timeline),
    Command("export", N_("Events as a CSV file: /export Cambodia 2025"), buttons.cmd_export),
    Command("reports", N_("The reports I know, with their dates"), handlers.cmd_reports),
    Command("latest", N_("The newest report in brief"), handlers.cmd_latest),
    Command("subscribe", N_("Digests of new reports: /subscribe, /subscribe Cambodia"), subscribe.cmd_subscribe),
    Command("subscriptions", N_("What you follow"), subscribe.cmd_subscriptions),
    Command("unsubscribe", N_("Stop digests: all, or one"), subscribe.cmd_unsubscribe),
    Command("pause", N_("Hold your digests (subscriptions stay)"), subscribe.cmd_pause),
    Command("resume", N_("Send digests again"), subscribe.cmd_resume),
    Command("lang", N_("Language: /lang en, /lang zh"), handlers.cmd_lang),
    Command("id", N_("Your numeric user id (for BOT_ADMINS)"), handlers.cmd_id),
)

# Not in the public menu or /help: they answer admins only, and refuse anyone else without naming
# themselves. Admins see them in their own menu (BotCommandScopeChat).
ADMIN_COMMANDS: tuple[Command, ...] = (
    Command("reload", N_("Rebuild the store from the reports folder"), admin.cmd_reload),
    Command("stats", N_("Usage and corpus figures"), admin.cmd_stats),
)
