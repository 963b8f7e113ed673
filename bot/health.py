"""Health: the knowledge store opens and answers, the bot's own store takes writes, and a running bot
is live (it got updates from Telegram lately: a successful getUpdates, or in webhook mode a webhook
update or a successful getWebhookInfo).

Used by ``python -m bot health`` (a supervisor's or Docker's health check, in any mode) and by the
``/health`` endpoint of webhook mode."""
from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from bot.state import BotState, StateError
from knowledge.errors import KnowledgeError
from knowledge.service import KnowledgeBase


log = logging.getLogger(__name__)

HEARTBEAT_NAME = ".alive"  # in the data folder: touched while the bot gets updates, removed when it stops
LIVENESS_LIMIT = 120.0  # seconds without updates from Telegram after which a running bot is not live
BEAT_EVERY = 5.0  # seconds between two touches of the file: at most one write per few seconds


class Heartbeat:
    """The liveness file of a running bot: its modification time is the last time the bot heard from
    Telegram. A separate process (``python -m bot health``) reads it; the file's absence means no
    bot is running there (it is removed on a clean stop)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.last = 0.0

    def start(self) -> None:
        """Written when the bot starts: a bot that never gets to poll goes stale after LIVENESS_LIMIT."""
        self.last = 0.0
        self.beat()

    def beat(self) -> None:
        """Record that Telegram answered just now (touching the file costs no disk space)."""
        now = time.time()
        if now - self.last < BEAT_EVERY:
            return
        self.last = now
        try:
            self.path.touch()
        except OSError as exc:
            log.debug("liveness file not touched: %s", exc)

    def stop(self) -> None:
        """Remove the file on a clean stop."""
        self.path.unlink(missing_ok=True)


def check_liveness(path: Path, limit: float = LIVENESS_LIMIT, now: float | None = None) -> Check:
    """Whether the bot whose data folder holds ``path`` heard from Telegram in the last ``limit`` seconds."""
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except FileNotFoundError:
        return Check("liveness", True, "no running bot recorded in this data folder")
    except OSError as exc:
        return Check("liveness", False, f"{path}: {exc}")
    if age > limit:
        return Check("liveness", False, f"no update from Telegram for {age:.0f} s (limit {limit:.0f} s): "
                                        "the bot is stuck or was killed")
    return Check("liveness", True, f"last update from Telegram {age:.0f} s ago")


@dataclass(frozen=True, slots=True)
class Check:
    """One health check and how it went."""

    name: str
    ok: bool
    detail: str


async def store_problem(kb: KnowledgeBase) -> str | None:
    """What is wrong with an open knowledge store, or None when it is sound: SQLite's quick check,
    then the memo of events (every event's stored words are read) and a test question."""
    try:
        rows = await kb.db.execute_fetchall("PRAGMA quick_check")
        result = [str(r[0]) for r in rows]
        if result != ["ok"]:
            return f"quick_check: {'; '.join(result[:3])}"
        await kb.warm()
        if not kb.reports:
            # (every report set aside: a store that answers nothing does not replace one that answers)
            return "it holds no reports"
        await kb.latest()
        await kb.ask("which events were held in 2025?")
    except Exception as exc:  # noqa: BLE001 - any failure means the store cannot be served
        return f"{type(exc).__name__}: {exc}"[:300]
    return None


async def check_services(kb: KnowledgeBase, state: BotState) -> list[Check]:
    """Check live stores: a question is answered from the knowledge store; the bot's store is writable."""
    checks = []
    try:
        answer = await kb.latest()
        checks.append(Check("answers", answer.found, f"{len(kb.reports)} reports, store {kb.generation}"))
    except Exception as exc:  # noqa: BLE001 - a health check reports every failure, whatever it is
        checks.append(Check("answers", False, f"{type(exc).__name__}: {exc}"))
    try:
        await state.check_writable()
        checks.append(Check("bot store", True, f"{state.path} writable"))
    except (sqlite3.Error, OSError) as exc:
        checks.append(Check("bot store", False, f"{state.path}: {exc}"))
    return checks


async def check_stores(knowledge_db: Path, state_db: Path) -> list[Check]:
    """Open the stores (never building the knowledge store) and check them, as a separate process may
    while the bot runs."""
    if not knowledge_db.exists():
        return [Check("knowledge store", False, f"no store at {knowledge_db} (python -m bot build makes one)")]
    try:
        kb = await KnowledgeBase.open(knowledge_db)
    except (KnowledgeError, FileNotFoundError, sqlite3.Error) as exc:
        return [Check("knowledge store", False, f"{knowledge_db}: {exc}")]
    try:
        try:
            state = await BotState.open(state_db)
        except (StateError, sqlite3.Error, OSError) as exc:
            return [Check("knowledge store", True, str(knowledge_db)), Check("bot store", False, f"{state_db}: {exc}")]
        try:
            return [Check("knowledge store", True, str(knowledge_db)), *await check_services(kb, state)]
        finally:
            await state.close()
    finally:
        await kb.close()
