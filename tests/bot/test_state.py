"""The bot's state store on real SQLite files: migrations, subscriptions, outbox, answers, backup."""
from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.state import MIGRATIONS, BotState, StateError, canonical_value, check_state_file, restore, split_statements


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def state(tmp_path: Path, clock: FakeClock) -> AsyncIterator[BotState]:
    s = await BotState.open(tmp_path / "state" / "bot.sqlite", now=clock)
    try:
        yield s
    finally:
        await s.close()


def tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def recorded(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


ALL = [name for name, _ in MIGRATIONS]  # every released migration, in order

EXTRA = ("0002_notes",
         "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL); CREATE INDEX notes_text ON notes (text);")


# --- migrations ------------------------------------------------------------------------------------

async def test_open_creates_dirs_wal_and_applies_migrations_once(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "bot.sqlite"
    s = await BotState.open(path)
    try:
        assert await s.applied_migrations() == ALL
        assert {"users", "questions", "answers", "subscriptions", "reports_seen", "outbox", "reloads",
                "migrations"} <= tables(path)
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        await s.close()
    s = await BotState.open(path)  # reopening applies nothing again
    await s.close()
    assert recorded(path) == ALL


async def test_foreign_keys_are_on(tmp_path: Path) -> None:
    s = await BotState.open(tmp_path / "s.sqlite")
    try:
        assert await s._all("PRAGMA foreign_keys") == [(1,)]
    finally:
        await s.close()


async def test_old_store_gets_only_the_missing_migrations(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    # A store from before any migration existed, then from the real list, then from a longer one.
    await (await BotState.open(path, migrations=MIGRATIONS[:0])).close()
    assert recorded(path) == [] and "users" not in tables(path)
    s = await BotState.open(path)
    await s.subscribe(1, "all", "", "all reports")
    await s.close()
    assert recorded(path) == ALL
    s = await BotState.open(path, migrations=[*MIGRATIONS, EXTRA])
    try:
        assert await s.applied_migrations() == [*ALL, "0002_notes"]
        assert len(await s.subscriptions(1)) == 1  # data survived the upgrade
    finally:
        await s.close()
    assert "notes" in tables(path)


async def test_failed_migration_rolls_back_with_its_record(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    broken = ("0002_broken", "CREATE TABLE half (x);\nCREATE TABLE users (again);")
    with pytest.raises(StateError, match="0002_broken"):
        await BotState.open(path, migrations=[*MIGRATIONS, broken])
    assert "half" not in tables(path)
    assert recorded(path) == ALL  # the earlier migration had committed on its own


async def test_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    await (await BotState.open(path, migrations=[*MIGRATIONS, EXTRA])).close()
    with pytest.raises(StateError, match="newer version.*0002_notes"):
        await BotState.open(path)


async def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY)")
        conn.commit()
    with pytest.raises(StateError, match="not a bot state store"):
        await BotState.open(path)
    assert tables(path) == {"events"}  # left untouched
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, just some words that are long enough\n" * 20)
    with pytest.raises(StateError, match="not a SQLite database"):
        await BotState.open(text)


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    sql = ("CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO a VALUES (1); "
           "INSERT INTO a VALUES (2); END;\n  \n")
    parts = split_statements(sql)
    assert len(parts) == 2 and parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")
    with pytest.raises(ValueError):
        split_statements("CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO a VALUES (1);")


# --- users, questions, stats -----------------------------------------------------------------------

async def test_stats_figures(state: BotState, clock: FakeClock) -> None:
    empty = await state.stats()
    assert (empty.users, empty.questions, empty.not_found_rate, empty.last_reload) == (0, 0, 0.0, None)
    await state.touch_user(1, 10, "ann", "Ann")
    await state.touch_user(1, 10, "ann2", "Ann")  # the same user again
    await state.touch_user(2, 20, None, None)
    for found in (True, True, True, False):
        await state.record_question(1, 10, "what is CNIE?", found, "org")
    await state.subscribe(10, "all", "", "all reports")
    await state.subscribe(10, "place", "Cambodia", "Cambodia")
    await state.subscribe(20, "words", "bikes", "bikes")
    await state.enqueue_digests([(10, "r1", "h1"), (20, "r1", "h1"), (20, "r2", "h2")])
    first = (await state.pending_digests(10))[0]
    await state.mark_failed(first.id, "Forbidden")
    await state.record_reload("old", False)
    clock.advance(60)
    await state.record_reload("3 reports, 120 events", True)
    s = await state.stats()
    assert (s.users, s.subscribers, s.subscriptions) == (2, 2, 3)
    assert (s.questions, s.not_found, s.not_found_rate) == (4, 1, 0.25)
    assert (s.outbox_pending, s.outbox_failed) == (2, 1)
    assert s.last_reload == "2023-11-14T22:14:20+00:00"
    assert (s.last_reload_summary, s.last_reload_ok) == ("3 reports, 120 events", True)
    rows = await state._all("SELECT username, first_seen, last_seen FROM users WHERE user_id = 1")
    assert rows == [("ann2", 1_700_000_000.0, 1_700_000_000.0)]


# --- remembered answers ----------------------------------------------------------------------------

async def test_remember_answer_and_ref(state: BotState, clock: FakeClock) -> None:
    a = await state.remember_answer(10, "events in hangzhou", "events", "abc123")
    b = await state.remember_answer(11, "what is CNIE?", "ask", "abc123")
    assert a != b
    ref = await state.answer_ref(a)
    assert ref is not None
    assert (ref.id, ref.chat_id, ref.question, ref.kind, ref.generation, ref.created) == (
        a, 10, "events in hangzhou", "events", "abc123", clock.t)
    assert await state.answer_ref(999_999) is None


async def test_remembered_answers_are_pruned_to_the_newest(tmp_path: Path) -> None:
    s = await BotState.open(tmp_path / "s.sqlite", answers_kept=3)
    try:
        ids = [await s.remember_answer(1, f"q{i}", "ask", "g") for i in range(5)]
        assert [await s.answer_ref(i) is not None for i in ids] == [False, False, True, True, True]
        assert await s._all("SELECT COUNT(*) FROM answers") == [(3,)]
        # A pruned id is never reused, so an old button cannot open someone else's question.
        newer = await s.remember_answer(1, "q5", "ask", "g")
        assert newer > max(ids)
    finally:
        await s.close()


# --- subscriptions ---------------------------------------------------------------------------------

async def test_subscribe_is_idempotent_and_isolated_per_chat(state: BotState) -> None:
    sub, created = await state.subscribe(10, "org", "7", "CNIE")
    assert created and (sub.chat_id, sub.kind, sub.value, sub.label) == (10, "org", "7", "CNIE")
    again, created_again = await state.subscribe(10, "org", "7", "China NGO Network")
    assert not created_again and again.id == sub.id and again.label == "China NGO Network"
    words, _ = await state.subscribe(10, "words", "  Bike   Donation ", "bike donation")
    same, created = await state.subscribe(10, "words", "bike donation", "bike donation")
    assert not created and same.id == words.id and same.value == "bike donation"
    other, created = await state.subscribe(20, "org", "7", "CNIE")
    assert created and other.id != sub.id
    assert [s.id for s in await state.subscriptions(10)] == [sub.id, words.id]
    assert [s.id for s in await state.subscriptions(20)] == [other.id]
    assert [s.chat_id for s in await state.all_subscriptions()] == [10, 10, 20]
    with pytest.raises(ValueError):
        await state.subscribe(10, "planet", "Mars", "Mars")


def test_canonical_value() -> None:
    assert canonical_value("all", "whatever") == ""
    assert canonical_value("place", " Phnom  Penh ") == "Phnom Penh"
    assert canonical_value("words", "Bike DONATION") == "bike donation"


async def test_unsubscribe_only_own_chat(state: BotState) -> None:
    mine, _ = await state.subscribe(10, "place", "Cambodia", "Cambodia")
    theirs, _ = await state.subscribe(20, "place", "Cambodia", "Cambodia")
    assert await state.unsubscribe(10, theirs.id) is False
    assert [s.id for s in await state.subscriptions(20)] == [theirs.id]
    assert await state.unsubscribe(10, mine.id) is True
    assert await state.unsubscribe(10, mine.id) is False
    assert await state.subscriptions(10) == []


async def test_unsubscribe_all_cancels_queued_digests(state: BotState) -> None:
    await state.subscribe(10, "all", "", "all")
    await state.subscribe(10, "place", "Laos", "Laos")
    await state.subscribe(20, "all", "", "all")
    await state.enqueue_digests([(10, "r1", "h1"), (20, "r1", "h1")])
    assert await state.unsubscribe_all(10) == 2
    assert await state.unsubscribe_all(10) == 0
    assert [s.chat_id for s in await state.all_subscriptions()] == [20]
    assert [i.chat_id for i in await state.pending_digests(10)] == [20]


# --- reports seen ----------------------------------------------------------------------------------

async def test_reports_seen(state: BotState) -> None:
    assert await state.known_report_hashes() == set()
    await state.mark_reports_seen([("r1", "h1"), ("r2", "h2")])
    await state.mark_reports_seen([("r1", "h1")])
    assert await state.known_report_hashes() == {"h1", "h2"}
    await state.enqueue_digests([(10, "r3", "h3")], seen=[("r3", "h3")])
    assert await state.known_report_hashes() == {"h1", "h2", "h3"}


# --- outbox ----------------------------------------------------------------------------------------

async def test_enqueue_twice_is_one_row(state: BotState) -> None:
    assert await state.enqueue_digests([(10, "r1", "h1"), (10, "r1", "h1"), (20, "r1", "h1")]) == 2
    assert await state.enqueue_digests([(10, "r1", "h1")]) == 0
    assert await state.enqueue_digests([(10, "r1", "h1b")]) == 1  # a new version of the report is news
    assert await state.outbox_counts() == {"pending": 3, "sent": 0, "failed": 0, "cancelled": 0}


async def test_sent_is_never_pending_again(state: BotState, clock: FakeClock) -> None:
    await state.enqueue_digests([(10, "r1", "h1")])
    clock.advance(1)
    await state.enqueue_digests([(20, "r1", "h1")])
    first, second = await state.pending_digests(10)
    assert (first.chat_id, second.chat_id) == (10, 20)  # oldest first
    assert (first.status, first.attempts, first.sent_at, first.message_id) == ("pending", 0, None, None)
    assert await state.mark_sent(first.id, 555)
    assert [i.id for i in await state.pending_digests(10)] == [second.id]
    done = await state.outbox_item(first.id)
    assert done is not None and (done.status, done.message_id, done.sent_at, done.attempts) == (
        "sent", 555, clock.t, 1)
    assert await state.mark_retry(first.id, "late", 5) is False  # a sent row is not resurrected
    assert await state.mark_failed(first.id, "late") is False
    assert await state.enqueue_digests([(10, "r1", "h1")]) == 0
    assert [i.id for i in await state.pending_digests(10)] == [second.id]


async def test_retry_waits_for_next_attempt(state: BotState, clock: FakeClock) -> None:
    await state.enqueue_digests([(10, "r1", "h1")])
    (item,) = await state.pending_digests(10)
    assert await state.mark_retry(item.id, "RetryAfter 30", 30)
    assert await state.pending_digests(10) == []
    clock.advance(29.5)
    assert await state.pending_digests(10) == []
    clock.advance(0.5)
    (again,) = await state.pending_digests(10)
    assert (again.id, again.attempts, again.last_error, again.next_attempt) == (
        item.id, 1, "RetryAfter 30", item.created + 30)


async def test_failed_is_recorded_not_dropped(state: BotState) -> None:
    await state.enqueue_digests([(10, "r1", "h1"), (10, "r2", "h2")])
    first, _ = await state.pending_digests(10)
    assert await state.mark_failed(first.id, "Bad Request: chat not found")
    assert len(await state.pending_digests(10)) == 1
    failed = await state.outbox_item(first.id)
    assert failed is not None
    assert (failed.status, failed.last_error, failed.attempts) == ("failed", "Bad Request: chat not found", 1)
    assert await state.outbox_counts() == {"pending": 1, "sent": 0, "failed": 1, "cancelled": 0}
    assert await state.enqueue_digests([(10, "r1", "h1")]) == 0  # failing once does not queue it again


async def test_drop_chat(state: BotState) -> None:
    await state.subscribe(10, "all", "", "all")
    await state.subscribe(10, "org", "3", "CFPD")
    await state.subscribe(20, "all", "", "all")
    await state.enqueue_digests([(10, "r1", "h1"), (10, "r2", "h2"), (20, "r1", "h1")])
    sent = (await state.pending_digests(1))[0]
    await state.mark_sent(sent.id, 1)
    assert await state.drop_chat(10, "Forbidden: bot was blocked by the user") == (2, 1)
    assert await state.subscriptions(10) == []
    assert [i.chat_id for i in await state.pending_digests(10)] == [20]
    assert await state.outbox_counts() == {"pending": 1, "sent": 1, "failed": 0, "cancelled": 1}
    cancelled = await state._all("SELECT status, last_error FROM outbox WHERE chat_id = 10 ORDER BY id")
    assert cancelled == [("sent", None), ("cancelled", "Forbidden: bot was blocked by the user")]


async def test_concurrent_writers_share_one_connection(state: BotState) -> None:
    # Many handlers at once on one connection: the lock keeps each transaction whole.
    await asyncio.gather(*(state.subscribe(c, "all", "", "all") for c in range(50)),
                         *(state.record_question(c, c, "q", c % 2 == 0, "ask") for c in range(50)))
    s = await state.stats()
    assert (s.subscriptions, s.questions, s.not_found) == (50, 50, 25)


# --- backup and restore ----------------------------------------------------------------------------

async def test_backup_while_writing_then_restore(tmp_path: Path, state: BotState) -> None:
    await state.subscribe(10, "place", "Cambodia", "Cambodia")
    await state.enqueue_digests([(10, "r1", "h1")])
    dest = tmp_path / "backups" / "bot-1.sqlite"
    # The backup and a write race on the same open store; both must finish and the copy be whole.
    backup_path, (sub, _) = await asyncio.gather(state.backup(dest), state.subscribe(20, "all", "", "all"))
    assert backup_path == dest and dest.is_file()
    assert [p.name for p in dest.parent.iterdir()] == ["bot-1.sqlite"]  # no partial file left behind
    assert check_state_file(dest) == ALL
    copy = await BotState.open(dest)
    try:
        assert [s.value for s in await copy.subscriptions(10)] == ["Cambodia"]
        assert len(await copy.pending_digests(10)) == 1
        # The racing write landed either before or after the copy, never half in it.
        assert len(await copy.subscriptions(20)) in (0, 1)
    finally:
        await copy.close()
    assert sub.chat_id == 20 and len(await state.subscriptions(20)) == 1  # the live store kept the write


async def test_restore_replaces_a_stopped_store(tmp_path: Path) -> None:
    live = tmp_path / "data" / "bot.sqlite"
    s = await BotState.open(live)
    await s.subscribe(10, "place", "Cambodia", "Cambodia")
    backup = await s.backup(tmp_path / "bot.backup.sqlite")
    await s.subscribe(10, "place", "Laos", "Laos")  # made after the backup: restore undoes it
    await s.close()
    restore(backup, live)
    assert not live.with_name("bot.sqlite-wal").exists()
    assert [p.name for p in live.parent.iterdir() if p.name.startswith(".")] == []
    s = await BotState.open(live)
    try:
        assert [x.value for x in await s.subscriptions(10)] == ["Cambodia"]
    finally:
        await s.close()


async def test_restore_refuses_what_is_not_a_state_store(tmp_path: Path) -> None:
    live = tmp_path / "bot.sqlite"
    s = await BotState.open(live)
    await s.subscribe(10, "all", "", "all")
    await s.close()
    before = live.read_bytes()
    text = tmp_path / "notes.txt"
    text.write_text("this is not a database, whatever its name says\n" * 20)
    knowledge = tmp_path / "knowledge.sqlite"
    with closing(sqlite3.connect(knowledge)) as conn:
        conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
                           "CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT);"
                           "INSERT INTO meta VALUES ('schema_version', '1');")
    newer = tmp_path / "newer.sqlite"
    await (await BotState.open(newer, migrations=[*MIGRATIONS, EXTRA])).close()
    for bad, message in [(text, "not a readable SQLite"), (knowledge, "no migrations table"),
                         (newer, "newer version"), (tmp_path / "missing.sqlite", "no such file")]:
        with pytest.raises(StateError, match=message):
            restore(bad, live)
    assert live.read_bytes() == before
    s = await BotState.open(live)
    try:
        assert len(await s.subscriptions(10)) == 1
    finally:
        await s.close()


async def test_restore_refuses_a_corrupt_store(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite"
    await _make_store_with_rows(path)
    data = bytearray(path.read_bytes())
    page = 4096
    # Scribble over a later page: the header still says SQLite, but reading it (or the integrity check) fails.
    for i in range(page * 2, min(len(data), page * 3)):
        data[i] = 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(StateError):
        restore(path, tmp_path / "live.sqlite")
    assert not (tmp_path / "live.sqlite").exists()


async def _make_store_with_rows(path: Path) -> None:
    s = await BotState.open(path)
    for i in range(200):
        await s.remember_answer(i, "a fairly long question to fill some pages " * 5, "ask", "g")
    await s.backup(path.with_name("tmp.sqlite"))
    await s.close()
    path.unlink()
    path.with_name("tmp.sqlite").rename(path)
