"""The bot's own state: users, usage, subscriptions, the digest outbox, remembered answers, reloads.

Unlike the knowledge store this is not derived data: nothing can rebuild it, so a knowledge rebuild
never touches it. It is one SQLite file in WAL mode, reached through one aiosqlite connection, moved
forward by named migrations recorded in the file itself, and copied with SQLite's online backup.

Times are stored and returned as Unix seconds (floats) from an injectable clock, so tests move time
instead of sleeping; ``Stats.last_reload`` is the one ISO string, because it is only ever shown.
"""
from __future__ import annotations

import asyncio
import logging
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import aiosqlite

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Migration = tuple[str, str]

SUBSCRIPTION_KINDS = ("all", "place", "org", "words")
OUTBOX_STATUSES = ("pending", "sent", "failed", "cancelled")
ANSWERS_KEPT = 10_000

# Ids that reach a button (answers, subscriptions) use AUTOINCREMENT so that a pruned or deleted
# id is never handed out again: an old button must expire, not act on somebody else's row.
_INITIAL = """
CREATE TABLE users (
    user_id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    username TEXT,
    first_name TEXT,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL
);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    found INTEGER NOT NULL CHECK (found IN (0, 1)),
    intent TEXT NOT NULL,
    asked_at REAL NOT NULL
);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    kind TEXT NOT NULL,
    generation TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('all', 'place', 'org', 'words')),
    value TEXT NOT NULL,
    label TEXT NOT NULL,
    created REAL NOT NULL,
    UNIQUE (chat_id, kind, value)
);
CREATE TABLE reports_seen (
    content_hash TEXT PRIMARY KEY,
    report_id TEXT NOT NULL,
    seen_at REAL NOT NULL
);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    report_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt REAL NOT NULL,
    created REAL NOT NULL,
    sent_at REAL,
    message_id INTEGER,
    UNIQUE (chat_id, content_hash)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt);
CREATE TABLE reloads (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
    summary TEXT NOT NULL
);
"""

# Append only: a migration, once released, is never edited or reordered; a change is a new entry.
MIGRATIONS: list[Migration] = [
    ("0001_initial", _INITIAL),
    # "More" buttons carry a random token instead of the sequential row id: ids could be counted
    # through, and a digest's ref showed what another chat follows. Rows from before have no token,
    # so their buttons expire.
    ("0002_answer_tokens", "ALTER TABLE answers ADD COLUMN token TEXT;\n"
                           "CREATE UNIQUE INDEX answers_token ON answers (token);"),
    # /pause: a paused chat keeps its subscriptions; its digests wait in the outbox until /resume.
    ("0003_paused_chats", "CREATE TABLE paused_chats (chat_id INTEGER PRIMARY KEY, since REAL NOT NULL);"),
    # The bot's language per user: the one chosen with /lang, else the client's (kept for digests,
    # which are sent without an update to read it from).
    ("0004_user_languages", "CREATE TABLE user_languages (user_id INTEGER PRIMARY KEY, chosen TEXT, client TEXT, "
                            "updated REAL NOT NULL);"),
    # "/subscribe Cambodia since 2025": only events dated in a range (ISO days); NULL: any date.
    ("0005_subscription_dates", "ALTER TABLE subscriptions ADD COLUMN date_from TEXT;\n"
                                "ALTER TABLE subscriptions ADD COLUMN date_to TEXT;"),
]

_MIGRATIONS_TABLE = "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)"


class StateError(Exception):
    """The state store cannot be used: not a state store, from a newer version, or a migration failed."""


class SubscriptionLimit(Exception):
    """A chat holds as many subscriptions as it may; nothing was added."""


# --- records ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Subscription:
    """One chat's interest: every report ("all"), a place, an organisation (id as text), or words."""

    id: int
    chat_id: int
    kind: str
    value: str
    label: str
    created: float
    date_from: str | None = None  # only events dated from ... to ... (ISO days); None: any date
    date_to: str | None = None


@dataclass(frozen=True, slots=True)
class AnswerRef:
    """A remembered question behind a "More" button, valid for the store generation it was made in."""

    id: int
    chat_id: int
    question: str
    kind: str
    generation: str
    created: float
    token: str | None = None  # what the button carries: random, unguessable


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One digest owed to one chat about one report version."""

    id: int
    chat_id: int
    report_id: str
    content_hash: str
    status: str
    attempts: int
    last_error: str | None
    next_attempt: float
    created: float
    sent_at: float | None
    message_id: int | None


@dataclass(frozen=True, slots=True)
class Stats:
    """The figures /stats shows."""

    users: int
    subscribers: int
    subscriptions: int
    questions: int
    not_found: int
    not_found_rate: float
    outbox_pending: int
    outbox_failed: int
    last_reload: str | None
    last_reload_summary: str | None
    last_reload_ok: bool | None = None


# Each table maps rows to records here and nowhere else.
_SUB_COLS = "id, chat_id, kind, value, label, created, date_from, date_to"
_ANSWER_COLS = "id, chat_id, question, kind, generation, created, token"
_OUTBOX_COLS = ("id, chat_id, report_id, content_hash, status, attempts, last_error, next_attempt, created, "
                "sent_at, message_id")


def _subscription(row: Sequence[Any]) -> Subscription:
    return Subscription(*row)


def _answer(row: Sequence[Any]) -> AnswerRef:
    return AnswerRef(*row)


def _outbox(row: Sequence[Any]) -> OutboxItem:
    return OutboxItem(*row)


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def canonical_value(kind: str, value: str) -> str:
    """The stored form of a subscription's value, so the same interest typed twice is one row.

    Whitespace is collapsed for every kind; words are case-folded because matching ignores case;
    "all" has no value.
    """
    if kind not in SUBSCRIPTION_KINDS:
        raise ValueError(f"unknown subscription kind {kind!r}; known: {', '.join(SUBSCRIPTION_KINDS)}")
    if kind == "all":
        return ""
    value = " ".join(value.split())
    return value.casefold() if kind == "words" else value


def split_statements(script: str) -> list[str]:
    """A SQL script as single statements, so a migration can run with ``execute`` in our transaction.

    ``executescript`` would commit first and so break "the migration and its record in one
    transaction"; ``sqlite3.complete_statement`` keeps a trigger's inner semicolons together.
    """
    out: list[str] = []
    buf = ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \t\r\n;"):
                out.append(buf.strip())
            buf = ""
    if buf.strip(" \t\r\n;"):
        raise ValueError(f"incomplete SQL statement: {buf.strip()[:80]!r}")
    return out


# --- the store -------------------------------------------------------------------------------------

class BotState:
    """The bot's state store over one aiosqlite connection; open with ``await BotState.open(path)``.

    Every operation holds one asyncio lock: the connection is shared by all handlers, and without
    the lock one coroutine's statements could land inside another's open transaction.
    """

    def __init__(self, db: aiosqlite.Connection, path: Path, *, now: Clock = time.time,
                 answers_kept: int = ANSWERS_KEPT) -> None:
        self._db = db
        self.path = path
        self._now = now
        self._answers_kept = answers_kept
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path, *, migrations: Sequence[Migration] = MIGRATIONS, now: Clock = time.time,
                   answers_kept: int = ANSWERS_KEPT) -> BotState:
        """Open (or create) the store at ``path`` and apply the migrations it has not seen yet.

        Refuses, with StateError, a SQLite file that holds other tables but no migration record (it
        is not ours, e.g. the knowledge store) and a store that recorded migrations this code does not
        know (it was written by a newer version; running old code on it could lose data).
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit at the driver level: transactions are begun and ended explicitly below,
        # so that nothing commits behind our back (sqlite3 would, before any DDL or executescript).
        db = await aiosqlite.connect(path, isolation_level=None)
        try:
            await _prepare(db, path, migrations, now)
        except BaseException:
            await db.close()
            raise
        return cls(db, path, now=now, answers_kept=answers_kept)

    async def close(self) -> None:
        """Close the connection; the WAL is checkpointed into the main file by SQLite on close."""
        await self._db.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.close()

    # --- plumbing ----------------------------------------------------------------------------------

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[aiosqlite.Connection]:
        """The lock and one IMMEDIATE transaction: committed whole, or rolled back whole."""
        async with self._lock:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                await _rollback(self._db)
                raise
            await self._db.execute("COMMIT")

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        async with self._lock:
            return await _fetchall(self._db, sql, params)

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = await self._all(sql, params)
        return rows[0] if rows else None

    async def applied_migrations(self) -> list[str]:
        """Names of the migrations recorded in this store, in the order they were applied."""
        return [r[0] for r in await self._all("SELECT name FROM migrations ORDER BY applied_at, rowid")]

    # --- users and usage ---------------------------------------------------------------------------

    async def touch_user(self, user_id: int, chat_id: int, username: str | None, first_name: str | None) -> None:
        """Record that a user spoke to the bot (first and last seen, last chat, current names)."""
        now = self._now()
        async with self._write() as db:
            await db.execute(
                "INSERT INTO users (user_id, chat_id, username, first_name, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id, "
                "username = excluded.username, first_name = excluded.first_name, last_seen = excluded.last_seen",
                (user_id, chat_id, username, first_name, now, now))

    async def record_question(self, user_id: int, chat_id: int, question: str, found: bool, intent: str) -> None:
        """Count one question and whether the reports held its answer (for /stats' not-found rate)."""
        async with self._write() as db:
            await db.execute("INSERT INTO questions (user_id, chat_id, question, found, intent, asked_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)", (user_id, chat_id, question, int(found), intent, self._now()))

    async def stats(self) -> Stats:
        """Usage, subscription, outbox and reload figures in one consistent read."""
        async with self._lock:
            row = await _fetchone(self._db, """
                SELECT (SELECT COUNT(*) FROM users),
                       (SELECT COUNT(DISTINCT chat_id) FROM subscriptions),
                       (SELECT COUNT(*) FROM subscriptions),
                       (SELECT COUNT(*) FROM questions),
                       (SELECT COUNT(*) FROM questions WHERE found = 0),
                       (SELECT COUNT(*) FROM outbox WHERE status = ?),
                       (SELECT COUNT(*) FROM outbox WHERE status = ?)""", ("pending", "failed"))
            reload = await _fetchone(self._db, "SELECT at, summary, ok FROM reloads ORDER BY id DESC LIMIT 1")
        assert row is not None
        users, subscribers, subscriptions, questions, not_found, pending, failed = row
        return Stats(users=users, subscribers=subscribers, subscriptions=subscriptions, questions=questions,
                     not_found=not_found, not_found_rate=not_found / questions if questions else 0.0,
                     outbox_pending=pending, outbox_failed=failed,
                     last_reload=_iso(reload[0]) if reload else None,
                     last_reload_summary=reload[1] if reload else None,
                     last_reload_ok=bool(reload[2]) if reload else None)

    # --- remembered answers ------------------------------------------------------------------------

    async def remember_answer(self, chat_id: int, question: str, kind: str, generation: str) -> int:
        """Keep a question behind a short id for a "More" button; only the newest rows are kept."""
        return (await self.issue_answer(chat_id, question, kind, generation)).id

    async def issue_answer(self, chat_id: int, question: str, kind: str, generation: str) -> AnswerRef:
        """Remember a question for a "More" button: the row, with the random token the button carries."""
        now = self._now()
        token = secrets.token_hex(8)  # 64 random bits in 16 characters: callback data stays short
        async with self._write() as db:
            cur = await db.execute("INSERT INTO answers (chat_id, question, kind, generation, created, token) "
                                   "VALUES (?, ?, ?, ?, ?, ?)", (chat_id, question, kind, generation, now, token))
            answer_id = cur.lastrowid
            await cur.close()
            # Pruning on every insert keeps the table bounded without a separate job; the subquery
            # is NULL while fewer rows exist, and then nothing is deleted.
            await db.execute("DELETE FROM answers WHERE id < (SELECT id FROM answers ORDER BY id DESC "
                             "LIMIT 1 OFFSET ?)", (max(self._answers_kept - 1, 0),))
        assert answer_id is not None
        return AnswerRef(answer_id, chat_id, question, kind, generation, now, token)

    async def answer_ref(self, answer_id: int) -> AnswerRef | None:
        """The remembered question behind a row id, or None when it was pruned or never existed."""
        row = await self._one(f"SELECT {_ANSWER_COLS} FROM answers WHERE id = ?", (answer_id,))
        return _answer(row) if row else None

    async def answer_by_token(self, token: str) -> AnswerRef | None:
        """The remembered question behind a button's token, or None (pruned, forged, or from before tokens)."""
        row = await self._one(f"SELECT {_ANSWER_COLS} FROM answers WHERE token = ?", (token,))
        return _answer(row) if row else None

    # --- subscriptions -----------------------------------------------------------------------------

    async def subscribe(self, chat_id: int, kind: str, value: str, label: str,
                        limit: int | None = None, dates: tuple[str, str] | None = None) -> tuple[Subscription, bool]:
        """Subscribe a chat; (subscription, created). The same interest twice is one row, its label
        and date range (``dates``: first and last ISO day, None for any date) refreshed.

        With ``limit``, a chat that already holds that many subscriptions gets SubscriptionLimit for a
        new one (counted in the same transaction, so two quick requests cannot both slip under it)."""
        value = canonical_value(kind, value)
        async with self._write() as db:
            if limit is not None:
                held = await _fetchone(db, "SELECT COUNT(*), SUM(kind = ? AND value = ?) FROM subscriptions "
                                           "WHERE chat_id = ?", (kind, value, chat_id))
                assert held is not None
                if held[0] >= limit and not held[1]:
                    raise SubscriptionLimit(f"chat {chat_id} holds {held[0]} subscriptions; the limit is {limit}")
            date_from, date_to = dates if dates else (None, None)
            cur = await db.execute("INSERT INTO subscriptions (chat_id, kind, value, label, created, date_from, date_to) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, kind, value) DO NOTHING",
                                   (chat_id, kind, value, label, self._now(), date_from, date_to))
            created = cur.rowcount == 1
            await cur.close()
            if not created:
                # What the value resolves to may have been renamed by a rebuild: show the new name.
                await db.execute("UPDATE subscriptions SET label = ?, date_from = ?, date_to = ? "
                                 "WHERE chat_id = ? AND kind = ? AND value = ?",
                                 (label, date_from, date_to, chat_id, kind, value))
            row = await _fetchone(db, f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? AND kind = ? "
                                      "AND value = ?", (chat_id, kind, value))
        assert row is not None
        return _subscription(row), created

    async def subscriptions(self, chat_id: int) -> list[Subscription]:
        """One chat's subscriptions, oldest first."""
        rows = await self._all(f"SELECT {_SUB_COLS} FROM subscriptions WHERE chat_id = ? ORDER BY id", (chat_id,))
        return [_subscription(r) for r in rows]

    async def all_subscriptions(self) -> list[Subscription]:
        """Every subscription of every chat, grouped by chat (for matching a new report)."""
        rows = await self._all(f"SELECT {_SUB_COLS} FROM subscriptions ORDER BY chat_id, id")
        return [_subscription(r) for r in rows]

    async def set_paused(self, chat_id: int, paused: bool) -> bool:
        """Pause or resume a chat's digests (subscriptions stay); False when it already was so."""
        async with self._write() as db:
            if paused:
                cur = await db.execute("INSERT INTO paused_chats (chat_id, since) VALUES (?, ?) "
                                       "ON CONFLICT (chat_id) DO NOTHING", (chat_id, self._now()))
            else:
                cur = await db.execute("DELETE FROM paused_chats WHERE chat_id = ?", (chat_id,))
            changed = cur.rowcount
            await cur.close()
        return changed == 1

    async def is_paused(self, chat_id: int) -> bool:
        """Whether a chat's digests are paused."""
        return await self._one("SELECT 1 FROM paused_chats WHERE chat_id = ?", (chat_id,)) is not None

    async def pending_count(self, chat_id: int) -> int:
        """How many digests are queued for a chat."""
        row = await self._one("SELECT COUNT(*) FROM outbox WHERE chat_id = ? AND status = 'pending'", (chat_id,))
        return int(row[0]) if row else 0

    async def set_language(self, user_id: int, *, chosen: str | None = None, client: str | None = None) -> None:
        """Record a user's chosen language (/lang) or their client's; None leaves that one as it is."""
        async with self._write() as db:
            await db.execute("INSERT INTO user_languages (user_id, chosen, client, updated) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (user_id) DO UPDATE SET chosen = coalesce(excluded.chosen, chosen), "
                             "client = coalesce(excluded.client, client), updated = excluded.updated",
                             (user_id, chosen, client, self._now()))

    async def language(self, user_id: int) -> tuple[str | None, str | None]:
        """(chosen, client) language of a user; (None, None) when unknown."""
        row = await self._one("SELECT chosen, client FROM user_languages WHERE user_id = ?", (user_id,))
        return (row[0], row[1]) if row else (None, None)

    async def unsubscribe(self, chat_id: int, sub_id: int) -> bool:
        """Remove one of this chat's subscriptions; False when the id is not this chat's (or gone)."""
        async with self._write() as db:
            cur = await db.execute("DELETE FROM subscriptions WHERE id = ? AND chat_id = ?", (sub_id, chat_id))
            removed = cur.rowcount
            await cur.close()
        return removed == 1

    async def unsubscribe_all(self, chat_id: int) -> int:
        """Remove all of a chat's subscriptions and cancel its unsent digests; how many subscriptions went."""
        async with self._write() as db:
            removed = await _delete_subscriptions(db, chat_id)
            # A chat that asked for nothing more should not receive what was queued before it asked.
            await _cancel_pending(db, chat_id, "unsubscribed")
        return removed

    async def drop_chat(self, chat_id: int, reason: str = "chat blocked the bot") -> tuple[int, int]:
        """Forget a chat Telegram will not deliver to: (subscriptions removed, digests cancelled).

        Its pending digests stay in the outbox as "cancelled" with ``reason``, so /stats and an admin
        can still see what was not delivered and why.
        """
        async with self._write() as db:
            removed = await _delete_subscriptions(db, chat_id)
            cancelled = await _cancel_pending(db, chat_id, reason)
        log.info("dropped chat %s: %d subscriptions removed, %d digests cancelled (%s)",
                 chat_id, removed, cancelled, reason)
        return removed, cancelled

    # --- reports seen and the digest outbox --------------------------------------------------------

    async def known_report_hashes(self) -> set[str]:
        """Content hashes of every report version the bot has already announced (or chose not to)."""
        return {r[0] for r in await self._all("SELECT content_hash FROM reports_seen")}

    async def mark_reports_seen(self, items: Iterable[tuple[str, str]]) -> None:
        """Record (report_id, content_hash) pairs as announced; seeing one twice is harmless."""
        async with self._write() as db:
            await _mark_seen(db, list(items), self._now())

    async def enqueue_digests(self, items: Iterable[tuple[int, str, str]],
                              seen: Iterable[tuple[str, str]] = ()) -> int:
        """Queue (chat_id, report_id, content_hash) digests; how many were new.

        A chat is owed at most one digest per report version, so enqueueing again adds nothing.
        ``seen`` (report_id, content_hash) pairs are marked seen in the same transaction: the queue
        and "already announced" can then never disagree after a crash.
        """
        now = self._now()
        async with self._write() as db:
            before = db.total_changes
            await db.executemany("INSERT INTO outbox (chat_id, report_id, content_hash, next_attempt, created) "
                                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, content_hash) DO NOTHING",
                                 [(chat_id, report_id, h, now, now) for chat_id, report_id, h in items])
            added = db.total_changes - before
            await _mark_seen(db, list(seen), now)
        return added

    async def pending_digests(self, limit: int = 100) -> list[OutboxItem]:
        """Digests due now (pending, next attempt reached), oldest first."""
        rows = await self._all(f"SELECT {_OUTBOX_COLS} FROM outbox WHERE status = 'pending' AND next_attempt <= ? "
                               "AND chat_id NOT IN (SELECT chat_id FROM paused_chats) "
                               "ORDER BY created, id LIMIT ?", (self._now(), limit))
        return [_outbox(r) for r in rows]

    async def outbox_item(self, item_id: int) -> OutboxItem | None:
        """One outbox row by id, whatever its status."""
        row = await self._one(f"SELECT {_OUTBOX_COLS} FROM outbox WHERE id = ?", (item_id,))
        return _outbox(row) if row else None

    async def mark_sent(self, item_id: int, message_id: int | None) -> bool:
        """Record a delivered digest; it is never returned as pending again.

        Recorded whatever the row's status: if the chat was dropped while the message was in flight,
        the message still went out, and the record should say so.
        """
        async with self._write() as db:
            cur = await db.execute("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
                                   "message_id = ? WHERE id = ?", (self._now(), message_id, item_id))
            changed = cur.rowcount
            await cur.close()
        return changed == 1

    async def mark_retry(self, item_id: int, error: str, delay_s: float) -> bool:
        """Count a failed attempt and try again after ``delay_s``; False unless the row was pending."""
        async with self._write() as db:
            cur = await db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ? "
                                   "WHERE id = ? AND status = 'pending'", (error, self._now() + delay_s, item_id))
            changed = cur.rowcount
            await cur.close()
        return changed == 1

    async def mark_failed(self, item_id: int, error: str) -> bool:
        """Give up on a digest: kept as "failed" with its error, not deleted; False unless it was pending."""
        async with self._write() as db:
            cur = await db.execute("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? "
                                   "WHERE id = ? AND status = 'pending'", (error, item_id))
            changed = cur.rowcount
            await cur.close()
        return changed == 1

    async def outbox_counts(self) -> dict[str, int]:
        """Outbox rows per status, every status present (zero when none)."""
        counts = dict.fromkeys(OUTBOX_STATUSES, 0)
        counts.update({status: n for status, n in await self._all("SELECT status, COUNT(*) FROM outbox "
                                                                  "GROUP BY status")})
        return counts

    # --- reloads -----------------------------------------------------------------------------------

    async def record_reload(self, summary: str, ok: bool) -> None:
        """Log a knowledge reload (by an admin or a watcher); the latest shows in /stats."""
        async with self._write() as db:
            await db.execute("INSERT INTO reloads (at, ok, summary) VALUES (?, ?, ?)", (self._now(), int(ok), summary))

    # --- backup ------------------------------------------------------------------------------------

    async def check_writable(self) -> None:
        """Raise (sqlite3.Error, OSError) unless a write transaction can start now; writes nothing."""
        async with self._lock:
            await self._db.execute("BEGIN IMMEDIATE")
            await self._db.execute("ROLLBACK")

    async def backup(self, dest: Path) -> Path:
        """Copy the live store to ``dest`` with SQLite's online backup, while the bot keeps running.

        The copy is written to a hidden temporary file beside ``dest`` and renamed into place only
        when complete, so an interrupted backup never looks like a backup. The copy is switched to
        a rollback journal so it is one self-contained file.
        """
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
        _unlink_sqlite(tmp)
        try:
            async with aiosqlite.connect(tmp) as target:
                # The lock keeps other coroutines' transactions from being half-copied; writes
                # queued meanwhile go in right after.
                async with self._lock:
                    await self._db.backup(target)
                await _fetchall(target, "PRAGMA journal_mode=DELETE")
            os.replace(tmp, dest)
        finally:
            _unlink_sqlite(tmp)
        log.info("state backed up to %s", dest)
        return dest


# --- module helpers --------------------------------------------------------------------------------

async def _fetchall(db: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    async with db.execute(sql, params) as cur:
        return [tuple(r) for r in await cur.fetchall()]


async def _fetchone(db: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
    rows = await _fetchall(db, sql, params)
    return rows[0] if rows else None


async def _rollback(db: aiosqlite.Connection) -> None:
    try:
        await db.execute("ROLLBACK")
    except sqlite3.OperationalError:  # BEGIN itself failed: there is nothing to roll back
        pass


async def _delete_subscriptions(db: aiosqlite.Connection, chat_id: int) -> int:
    cur = await db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
    n = cur.rowcount
    await cur.close()
    return n


async def _cancel_pending(db: aiosqlite.Connection, chat_id: int, reason: str) -> int:
    cur = await db.execute("UPDATE outbox SET status = 'cancelled', last_error = ? "
                           "WHERE chat_id = ? AND status = 'pending'", (reason, chat_id))
    n = cur.rowcount
    await cur.close()
    return n


async def _mark_seen(db: aiosqlite.Connection, items: list[tuple[str, str]], now: float) -> None:
    await db.executemany("INSERT INTO reports_seen (content_hash, report_id, seen_at) VALUES (?, ?, ?) "
                         "ON CONFLICT (content_hash) DO NOTHING", [(h, rid, now) for rid, h in items])


async def _prepare(db: aiosqlite.Connection, path: Path, migrations: Sequence[Migration], now: Clock) -> None:
    """Pragmas, the ownership and version checks, then each missing migration in its own transaction."""
    try:
        tables = {r[0] for r in await _fetchall(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StateError(f"{path} is not a SQLite database ({exc})") from exc
    if tables and "migrations" not in tables:
        raise StateError(f"{path} is a SQLite file but not a bot state store (no migrations table)")
    await _fetchall(db, "PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL never corrupts the file and keeps every commit across a crash of the bot;
    # only a power cut can undo the last commits. FULL would fsync on every question's usage record.
    await db.execute("PRAGMA synchronous=NORMAL")
    await db.execute("PRAGMA foreign_keys=ON")
    # A backup or an admin tool in another process may hold the file briefly; wait rather than fail.
    await db.execute("PRAGMA busy_timeout=5000")
    await db.execute(_MIGRATIONS_TABLE)
    known = [name for name, _ in migrations]
    applied = {r[0] for r in await _fetchall(db, "SELECT name FROM migrations")}
    unknown = applied - set(known)
    if unknown:
        raise StateError(f"{path} was written by a newer version of the bot (unknown migrations: "
                         f"{', '.join(sorted(unknown))}); upgrade the bot or restore an older backup")
    for name, sql in migrations:
        if name in applied:
            continue
        await db.execute("BEGIN IMMEDIATE")
        try:
            # Checked again inside the transaction: another process may have just applied it.
            if await _fetchone(db, "SELECT 1 FROM migrations WHERE name = ?", (name,)) is None:
                for statement in split_statements(sql):
                    await db.execute(statement)
                await db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now()))
                log.info("state store %s: applied migration %s", path, name)
        except BaseException as exc:
            await _rollback(db)
            if isinstance(exc, (sqlite3.Error, ValueError)):
                raise StateError(f"{path}: migration {name} failed and was rolled back: {exc}") from exc
            raise
        await db.execute("COMMIT")


def _unlink_sqlite(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal"),
              path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


def check_state_file(path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """The migrations recorded in a state store file, after checking it is one and is sound.

    Raises StateError when the file is missing, not SQLite, has no migration record, records
    migrations this code does not know, or fails SQLite's integrity check.
    """
    if not path.is_file():
        raise StateError(f"{path}: no such file")
    try:
        with closing(sqlite3.connect(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "migrations" not in tables:
                raise StateError(f"{path} is not a bot state store (no migrations table)")
            names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY applied_at, rowid")]
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        raise StateError(f"{path} is not a readable SQLite database ({exc})") from exc
    if not names:
        raise StateError(f"{path} is not a bot state store (no migration applied)")
    unknown = set(names) - {name for name, _ in migrations}
    if unknown:
        raise StateError(f"{path} comes from a newer version of the bot (unknown migrations: "
                         f"{', '.join(sorted(unknown))})")
    if integrity != ["ok"]:
        raise StateError(f"{path} failed the integrity check: {'; '.join(integrity[:5])}")
    return names


def restore(backup_file: Path, path: Path, *, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Replace the state store at ``path`` with ``backup_file``. Run it only while the bot is stopped.

    The bot keeps its connection open while running; replacing the file under it would leave it
    writing to the old, unlinked file (and losing those writes). The backup is checked first
    (a state store, known migrations, integrity ok), copied beside ``path``, checked again as copied,
    then renamed into place; the old store's WAL and shared-memory files are removed so SQLite
    cannot replay them onto the restored file.
    """
    check_state_file(backup_file, migrations)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.restoring-{os.getpid()}")
    _unlink_sqlite(tmp)
    try:
        shutil.copyfile(backup_file, tmp)
        check_state_file(tmp, migrations)
        for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            side.unlink(missing_ok=True)
        os.replace(tmp, path)
    finally:
        _unlink_sqlite(tmp)
    log.info("state restored from %s to %s", backup_file, path)
