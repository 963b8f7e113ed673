"""Health: the knowledge store opens and answers, and the bot's own store takes writes.

Used by ``python -m bot health`` (a supervisor's or Docker's health check, in any mode) and by the
``/health`` endpoint of webhook mode."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.state import BotState, StateError
from knowledge.errors import KnowledgeError
from knowledge.service import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Check:
    """One health check and how it went."""

    name: str
    ok: bool
    detail: str


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
