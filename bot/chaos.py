"""Fault injection: each case of issue 12 run against the real bot, one after the other.

``python -m bot chaos`` builds a knowledge store from the bundled reports, then runs every case
against the real Application (or the ``python -m bot run`` process), talking HTTP to the fake Bot API
server of the test suite, and prints a table of case, result and a figure. The tests run the same
cases one by one (tests/bot/test_chaos.py), so the table and the suite cannot drift apart.

Every case seeds subscriptions and an outbox row first and checks afterwards that they survived.
Like the benchmark, this runs from a checkout: the fake server is a test helper (tests/).
"""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import resource
import shutil
import signal
import socket
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.config import DEFAULT_REPORTS, PROJECT_DIR, Config
from bot.state import BotState

log = logging.getLogger(__name__)

TOKEN = "123456789:AAHtestTokenForTheChaosCases_00000001"
ADMIN = 4242
USER = 1001
OTHER = 2002
SEED_CHATS = (7001, 7002)  # subscribers whose subscriptions and outbox must survive every case


@dataclass
class Bot:
    """A running bot: the fake server, the Application and its configuration."""

    api: Any
    app: Any
    config: Config

    async def ask(self, text: str, *, user_id: int = USER, timeout: float = 20.0) -> dict[str, Any]:
        """Send a private message; the bot's first reply in that chat (a Message dict)."""
        mark = self.api.mark()
        self.api.user_message(text, user_id=user_id)
        call = await self.api.wait_for("sendMessage", lambda c: c.ok and c.params["chat_id"] == user_id,
                                       timeout=timeout, after=mark)
        return call.result  # type: ignore[no-any-return]

    def services(self) -> Any:
        return self.app.bot_data["services"]


def _config(**settings: Any) -> Config:
    # Settings this version does not know are left out, so a case runs (and fails) on older code too.
    known = {f.name for f in dataclasses.fields(Config)}
    return Config(**{k: v for k, v in settings.items() if k in known})


def prepare_dirs(workdir: Path, store: Path | None) -> tuple[Path, Path]:
    """A data folder (with a copy of ``store``) and a copy of the bundled reports under ``workdir``."""
    data, reports = workdir / "data", workdir / "reports"
    data.mkdir(parents=True, exist_ok=True)
    if store is not None:
        shutil.copy(store, data / "knowledge.sqlite")
    if not reports.exists():
        shutil.copytree(DEFAULT_REPORTS, reports)
    return data, reports


# The bundled report a case needs when it rebuilds the store more than once: the smallest, which
# still names organisations a question can ask about ("what is CNIE?"). A rebuild of all five takes
# about 20 s on one core; of this one, a few.
SMALL_REPORT = "cdb-weekly-briefing-2025-12-21.txt"


def keep_only(reports: Path, name: str) -> None:
    """Leave one report (and its catalog entry) in a copied reports folder."""
    for p in reports.iterdir():
        if p.name not in (name, "catalog.yaml"):
            p.unlink()
    catalog = reports / "catalog.yaml"
    entries = (yaml.safe_load(catalog.read_text(encoding="utf-8")) or {}).get("reports") or []
    catalog.write_text(yaml.safe_dump({"reports": [e for e in entries if e.get("file") == name]}), encoding="utf-8")


@asynccontextmanager
async def running(workdir: Path, store: Path, **settings: Any) -> AsyncIterator[Bot]:
    """The real Application polling the fake server, on copies of ``store`` and the bundled reports.
    Raises when the fake server rejected anything the bot sent (Telegram would have, too)."""
    from bot.app import build_application, polling
    from bot.limits import UserRateLimit
    from tests.fake_bot_api import FakeBotAPI  # a test helper: chaos runs from a checkout

    data, reports = prepare_dirs(workdir, store)
    async with FakeBotAPI(token=TOKEN) as api:
        config = _config(**{"token": TOKEN, "data_dir": data, "reports_dir": reports, "admins": frozenset({ADMIN}),
                            "api_base_url": api.base_url, "api_file_url": api.base_file_url,
                            "delivery_interval": 3600, **settings})
        app = build_application(config, user_limit=UserRateLimit(burst=50, interval=0.1))
        async with polling(app, poll_timeout=1):
            bot = Bot(api, app, config)
            await seed(bot)
            yield bot
            await check_kept(bot.services().state)
        rejected = [(c.method, c.description) for c in api.rejected]
    if rejected:
        raise AssertionError(f"the fake Bot API rejected: {rejected}")


async def seed(bot: Bot) -> None:
    """Two subscribed chats and one pending digest: what every case must leave in place."""
    state = bot.services().state
    await bot.ask("/subscribe", user_id=SEED_CHATS[0])
    await bot.ask("/subscribe Cambodia", user_id=SEED_CHATS[1])
    report = next(iter(bot.services().kb.reports.values()))
    await state.enqueue_digests([(SEED_CHATS[0], report.id, "seed-" + report.content_hash)])
    await state._db.execute("UPDATE outbox SET next_attempt = 1e12 WHERE content_hash LIKE 'seed-%'")


async def check_kept(state: BotState) -> None:
    """The seeded subscriptions and outbox row are still there."""
    subs = {(s.chat_id, s.kind) for s in await state.all_subscriptions()}
    if not {(SEED_CHATS[0], "all"), (SEED_CHATS[1], "place")} <= subs:
        raise AssertionError(f"seeded subscriptions lost: {sorted(subs)}")
    rows = await state._all("SELECT COUNT(*) FROM outbox WHERE content_hash LIKE 'seed-%'")
    if rows != [(1,)]:
        raise AssertionError("the seeded outbox row was lost")


def check_kept_file(state_db: Path) -> None:
    """``check_kept`` on a state file whose bot has stopped."""
    with sqlite3.connect(state_db) as conn:
        subs = {tuple(r) for r in conn.execute("SELECT chat_id, kind FROM subscriptions")}
        outbox = conn.execute("SELECT COUNT(*) FROM outbox WHERE content_hash LIKE 'seed-%'").fetchone()[0]
    if not {(SEED_CHATS[0], "all"), (SEED_CHATS[1], "place")} <= subs or outbox != 1:
        raise AssertionError(f"seeded subscriptions or outbox lost: {sorted(subs)}, outbox {outbox}")


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


async def _press(bot: Bot, message: dict[str, Any], data: str, user_id: int = USER) -> Any:
    mark = bot.api.mark()
    bot.api.callback_query(message, data, user_id=user_id)
    return await bot.api.wait_for("answerCallbackQuery", after=mark, timeout=10)


# A report the bundled ones do not hold: adding it makes a reload write a new store.
NEW_REPORT = """China's NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending January 4, 2026)

CFPD Donates School Supplies in Siem Reap, Cambodia

On December 29, 2025, the China Foundation for Peace and Development (CFPD) donated 3,000 Panda Packs to primary \
schools in Siem Reap, Cambodia, together with the Cambodian Red Cross Society.

CNIE Holds Youth Exchange in Kathmandu

On December 30, 2025, the China NGO Network for International Exchanges (CNIE) held a youth exchange forum in \
Kathmandu, Nepal, attended by 120 young people from the two countries.
"""


# --- the cases -------------------------------------------------------------------------------------

async def case_more_pages_private(workdir: Path, store: Path) -> str:
    """7: another chat's "More" page cannot be read, neither from a chat nor from an inline message."""
    async with running(workdir, store) as bot:
        reply = await bot.ask("what happened in 2018?")
        more = next(b["callback_data"] for b in _buttons(reply) if b["text"].startswith("More"))
        original = reply["text"]
        # A modified client sends the victim's data from an inline message and from its own chat.
        inline_id = bot.api.inline_message("shared answer", {"inline_keyboard": [[
            {"text": "More ▸", "callback_data": more}]]})
        mark = bot.api.mark()
        bot.api.inline_callback_query(inline_id, more, user_id=OTHER)
        answered = await bot.api.wait_for("answerCallbackQuery", after=mark, timeout=10)
        await bot.api.wait_idle()
        if bot.api.inline_message_text(inline_id) != "shared answer":
            raise AssertionError("another chat's page was edited into an inline message")
        own = await bot.ask("what is CNIE?", user_id=OTHER)
        mark2 = bot.api.mark()
        bot.api.callback_query(own, more, user_id=OTHER)
        answered2 = await bot.api.wait_for("answerCallbackQuery", after=mark2, timeout=10)
        await bot.api.wait_idle()
        edits = [c for c in bot.api.calls("editMessageText") if c.index > mark]
        if edits:
            raise AssertionError(f"a forged More press edited a message: {edits[0].params}")
        for a in (answered, answered2):
            if "not valid" not in (a.params.get("text") or ""):
                raise AssertionError(f"forged press answered {a.params.get('text')!r}")
        # The owner's button still works, and its data does not count up from a guessable id.
        again = await bot.ask("what happened in 2018?")
        more2 = next(b["callback_data"] for b in _buttons(again) if b["text"].startswith("More"))
        token1, token2 = more.split(":")[1], more2.split(":")[1]
        if token1.isdigit() or token2.isdigit() or len(token1) < 12:
            raise AssertionError(f"More refs look sequential: {more}, {more2}")
        await _press(bot, reply, more)
        edit = await bot.api.wait_for("editMessageText", lambda c: c.ok, after=mark2, timeout=10)
        if edit.result["text"] == original:
            raise AssertionError("the owner's More did not turn the page")
    return f"2 forged presses refused; token {len(token1)} chars"


BAD_DATA = ("m:²:1", "o:abc:²", "x:²", "u:" + "9" * 25, "o:abc:" + "9" * 25, "s:٣٣:1", "m:" + "1" * 16 + ":" + "9" * 20,
            "e:abc:-1", "r:abc:1.5")


async def case_bad_callback_data(workdir: Path, store: Path) -> str:
    """8: callback data with non-ASCII digits or huge numbers gets "not valid", no traceback, no notice."""
    handler = _Collect()
    logging.getLogger().addHandler(handler)
    try:
        async with running(workdir, store) as bot:
            await bot.ask("/start", user_id=ADMIN)
            reply = await bot.ask("how many bikes were donated in Cambodia?")
            mark = bot.api.mark()
            for data in BAD_DATA:
                answered = await _press(bot, reply, data)
                if "not valid" not in (answered.params.get("text") or ""):
                    raise AssertionError(f"{data!r} answered {answered.params.get('text')!r}")
            await bot.api.wait_idle()
            notices = [c for c in bot.api.calls("sendMessage") if c.index > mark]
            if notices:
                raise AssertionError(f"messages sent after bad buttons: {[c.params['text'][:80] for c in notices]}")
    finally:
        logging.getLogger().removeHandler(handler)
    errors = [r for r in handler.records if r.levelno >= logging.ERROR]
    if errors:
        raise AssertionError(f"errors logged: {[r.getMessage() for r in errors][:3]}")
    return f"{len(BAD_DATA)} bad buttons refused, 0 errors"


async def case_flood_429(workdir: Path, store: Path) -> str:
    """11: an answer is kept through more 429s than the old three retries, and then delivered."""
    async with running(workdir, store) as bot:
        bot.api.fail_next("sendMessage", status=429, retry_after=1, count=5)
        started = time.perf_counter()
        reply = await bot.ask("what is CNIE?", timeout=30)
        took = time.perf_counter() - started
        if "China NGO Network" not in reply["text"]:
            raise AssertionError(f"unexpected answer {reply['text'][:80]!r}")
        refused = [c for c in bot.api.calls("sendMessage") if c.injected]
        if len(refused) != 5:
            raise AssertionError(f"expected 5 refused sends, saw {len(refused)}")
    return f"answer delivered after 5 x 429 in {took:.1f} s"


async def fill_state(state: BotState) -> int:
    """Make the bot's store full, the way a full disk does: SQLite answers "database or disk is full".

    The file may not grow, and the pages it has are filled (each table has pages of its own, so
    the tables the bot writes to are filled one by one, with smaller rows as space runs out)."""
    db = state._db
    pages = (await (await db.execute("PRAGMA page_count")).fetchone())[0]
    await db.execute(f"PRAGMA max_page_count = {int(pages)}")
    rows = 0
    fills = {"questions": "INSERT INTO questions (user_id, chat_id, question, found, intent, asked_at) "
                          "VALUES (0, 0, ?, 0, 'fill', 0)",
             "users": "INSERT INTO users (user_id, chat_id, username, first_name, first_seen, last_seen) "
                      "VALUES (-1 - (SELECT COUNT(*) FROM users), 0, ?, '', 0, 0)",
             "answers": "INSERT INTO answers (chat_id, question, kind, generation, created) VALUES (0, ?, 'f', 'f', 0)",
             "reloads": "INSERT INTO reloads (at, ok, summary) VALUES (0, 0, ?)"}
    for sql in fills.values():
        for size in (2000, 200, 20, 1):
            try:
                while True:
                    await db.execute(sql, ("x" * size,))
                    rows += 1
            except sqlite3.OperationalError as exc:
                if "full" not in str(exc):
                    raise
    return rows


@contextlib.contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """No file of this process may grow past ``limit`` bytes meanwhile: writes fail as on a full disk
    (EFBIG instead of ENOSPC; SQLite reports both as write errors). SIGXFSZ is ignored meanwhile,
    so the write fails instead of the process dying."""
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)


async def case_disk_full(workdir: Path, store: Path) -> str:
    """3: with no space left, questions are still answered, and /reload fails with a reason while
    the old store serves."""
    async with running(workdir, store) as bot:
        svc = bot.services()
        await fill_state(svc.state)
        reply = await bot.ask("what is CNIE?")
        if "China NGO Network" not in reply["text"]:
            raise AssertionError(f"no answer with a full bot store: {reply['text'][:100]!r}")
        paged = await bot.ask("what happened in 2018?")
        if "Sorry" in paged["text"]:
            raise AssertionError("a paged answer failed with a full bot store")
        before = svc.kb.generation
        await bot.ask("/start", user_id=ADMIN)
        size = svc.config.knowledge_db.stat().st_size
        (svc.config.reports_dir / "briefing-2026-01-04.txt").write_text(NEW_REPORT, encoding="utf-8")
        mark = bot.api.mark()
        with file_size_limit(size // 4):  # the new store cannot be written whole
            bot.api.user_message("/reload", user_id=ADMIN)
            failed = await bot.api.wait_for("editMessageText", lambda c: c.ok and (
                "failed" in c.result["text"] or "Reloaded" in c.result["text"]), after=mark, timeout=60)
        if "failed" not in failed.result["text"] or "previous store keeps serving" not in failed.result["text"]:
            raise AssertionError(f"reload under a full disk said {failed.result['text'][:200]!r}")
        if svc.kb.generation != before:
            raise AssertionError("the store changed although the reload failed")
        again = await bot.ask("who is Liu Hongcai?")
        if "Sorry" in again["text"]:
            raise AssertionError("no answer after the failed reload")
        litter = [p.name for p in svc.config.data_dir.iterdir() if ".building-" in p.name]
        if litter:
            raise AssertionError(f"the failed build left {litter}")
    reason = failed.result["text"].split("\n", 1)[-1]
    return f"3 answers with a full store; reload: {reason[:100]}"


async def upload(bot: Bot, name: str, data: bytes, caption: str | None = None, user_id: int = ADMIN,
                 timeout: float = 60.0) -> str:
    """Send a document as ``user_id``; the final text of the bot's answer (after a reload, if one ran)."""
    mark = bot.api.mark()
    bot.api.document_message(name, data, "text/plain", caption=caption, user_id=user_id)
    first = await bot.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == user_id, after=mark, timeout=20)
    if not first.result["text"].startswith(("Saved", "Reloading")):
        return str(first.result["text"])
    done = await bot.api.wait_for("editMessageText", lambda c: c.ok and c.params.get("message_id") ==
                                  first.result["message_id"] and ("Reloaded" in c.result["text"] or "failed" in
                                                                  c.result["text"]), after=mark, timeout=timeout)
    return str(done.result["text"])


async def _reload(bot: Bot, timeout: float = 60.0) -> str:
    mark = bot.api.mark()
    bot.api.user_message("/reload", user_id=ADMIN)
    done = await bot.api.wait_for("editMessageText", lambda c: c.ok and (
        "Reloaded" in c.result["text"] or "failed" in c.result["text"]), after=mark, timeout=timeout)
    return str(done.result["text"])


async def case_caption_date(workdir: Path, store: Path) -> str:
    """1: a caption with an impossible date is refused naming the field; nothing is written, and
    later reloads work."""
    async with running(workdir, store) as bot:
        reports = bot.config.reports_dir
        catalog = (reports / "catalog.yaml").read_text(encoding="utf-8")
        files = sorted(p.name for p in reports.iterdir())
        refused = []
        for caption in ("Quarterly | 2026-13-01", "title: Quarterly\ndate: 2026-02-30"):
            text = await upload(bot, "quarterly.txt", NEW_REPORT.encode(), caption=caption)
            if "date" not in text or "Nothing was saved" not in text:
                raise AssertionError(f"caption {caption!r} answered {text[:200]!r}")
            refused.append(caption)
        if (reports / "catalog.yaml").read_text(encoding="utf-8") != catalog:
            raise AssertionError("the catalog was changed by a refused caption")
        if sorted(p.name for p in reports.iterdir()) != files:
            raise AssertionError("a file with a refused caption was saved")
        done = await _reload(bot)
        if "Reloaded" not in done:
            raise AssertionError(f"reload after the bad captions: {done[:200]!r}")
        ok = await upload(bot, "quarterly.txt", NEW_REPORT.encode(), caption="Quarterly | 2026-01-04")
        if "Reloaded" not in ok or "Added: Quarterly (2026-01-04)" not in ok:
            raise AssertionError(f"a good caption after the bad ones: {ok[:200]!r}")
    return f"{len(refused)} bad captions refused, catalog untouched, reload ok"


GROUP = -1001000000777


async def _group(bot: Bot, text: str, user_id: int) -> str:
    mark = bot.api.mark()
    bot.api.group_message(text, chat_id=GROUP, user_id=user_id)
    call = await bot.api.wait_for("sendMessage", lambda c: c.ok and c.params["chat_id"] == GROUP, after=mark,
                                  timeout=20)
    return str(call.result["text"])


async def case_subscription_limits(workdir: Path, store: Path) -> str:
    """9: at most 50 subscriptions per chat; the list is paginated; in a group only administrators
    change what the group follows."""
    async with running(workdir, store) as bot:
        state = bot.services().state
        for i in range(50):
            reply = await bot.ask(f'/subscribe "topic number {i}"')
            if not reply["text"].startswith("Subscribed"):
                raise AssertionError(f"subscription {i + 1} answered {reply['text'][:100]!r}")
        over = await bot.ask('/subscribe "one too many"')
        held = len(await state.subscriptions(USER))
        if held != 50 or "50" not in over["text"]:
            raise AssertionError(f"the 51st subscription: {over['text'][:120]!r}, {held} held")
        listed = await bot.ask("/subscriptions")
        nav = [b for b in _buttons(listed) if b["text"].startswith("Next")]
        if not nav or "page 1/5" not in listed["text"]:
            raise AssertionError(f"the list is not paginated: {listed['text'][:120]!r}")
        mark = bot.api.mark()
        bot.api.callback_query(listed, nav[0]["callback_data"])
        page2 = await bot.api.wait_for("editMessageText", lambda c: c.ok, after=mark, timeout=10)
        if "page 2/5" not in page2.result["text"] or "topic number 10" not in page2.result["text"]:
            raise AssertionError(f"Next showed {page2.result['text'][:120]!r}")
        # A group: a member cannot subscribe or unsubscribe it; an administrator can.
        bot.api.set_chat_admin(GROUP, ADMIN)
        bot.api.group_message("hello", chat_id=GROUP, user_id=OTHER)  # the member is known to the group
        refused = await _group(bot, "/subscribe Cambodia", OTHER)
        allowed = await _group(bot, "/subscribe Cambodia", ADMIN)
        refused2 = await _group(bot, "/unsubscribe", OTHER)
        group_subs = await state.subscriptions(GROUP)
        if "administrators" not in refused or "administrators" not in refused2 or not allowed.startswith("Subscribed"):
            raise AssertionError(f"group answers: {refused[:60]!r} / {allowed[:60]!r} / {refused2[:60]!r}")
        if len(group_subs) != 1:
            raise AssertionError(f"the group holds {len(group_subs)} subscriptions, expected 1")
    return "51st refused, list in 5 pages, group member refused twice"


SECRET = "chaos-webhook-secret_0123456789"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


async def _raw_request(port: int, head: bytes, body: bytes, timeout: float) -> tuple[int | None, float]:
    """Send ``head`` then up to ``body`` (stopping when the server answers or hangs up); (status, seconds)."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    status = None
    try:
        writer.write(head)
        await writer.drain()

        async def send() -> None:
            for i in range(0, len(body), 65536):
                writer.write(body[i:i + 65536])
                await writer.drain()

        sender = asyncio.ensure_future(send())
        try:
            line = await asyncio.wait_for(reader.readline(), timeout)
            if line.startswith(b"HTTP/1."):
                status = int(line.split()[1])
        except (TimeoutError, ConnectionError):
            pass
        sender.cancel()
        with contextlib.suppress(BaseException):
            await sender
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()
    return status, time.perf_counter() - started


async def case_webhook_abuse(workdir: Path, store: Path) -> str:
    """4: the secret is checked before the body is read; bodies over 1 MB are refused; slow clients
    are cut off; a body that is not an update gets 400 with no traceback; the Caddyfile has the limit."""
    import inspect

    from bot.app import build_application, webhook
    from tests.fake_bot_api import FakeBotAPI

    caddy = (PROJECT_DIR / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    if "request_body" not in caddy or "max_size 1MB" not in caddy:
        raise AssertionError("the Caddyfile sets no 1 MB body limit")
    data, reports = prepare_dirs(workdir, store)
    handler = _Collect()
    logging.getLogger().addHandler(handler)
    port = _free_port()
    try:
        async with FakeBotAPI(token=TOKEN) as api:
            config = _config(token=TOKEN, data_dir=data, reports_dir=reports, admins=frozenset({ADMIN}),
                             api_base_url=api.base_url, api_file_url=api.base_file_url, delivery_interval=3600)
            app = build_application(config, use_updater=False)
            timeouts = {"header_timeout": 1.0, "body_timeout": 1.0}
            accepted = inspect.signature(webhook).parameters
            async with webhook(app, "https://bot.example.org/telegram", "127.0.0.1", port, SECRET,
                               **{k: v for k, v in timeouts.items() if k in accepted}):
                state = app.bot_data["services"].state
                await state.subscribe(SEED_CHATS[0], "all", "", "everything")
                await state.subscribe(SEED_CHATS[1], "place", "Cambodia", "Cambodia")
                await state.enqueue_digests([(SEED_CHATS[0], "seed", "seed-row")])
                await state._db.execute("UPDATE outbox SET next_attempt = 1e12 WHERE content_hash = 'seed-row'")
                huge = 100 * 2**20
                body = b"x" * (4 * 2**20)  # what the client gets to send before the answer
                rss_before = _rss_mb()
                results = []
                for _ in range(3):  # no secret, 100 MB declared: refused at the headers
                    head = (f"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Length: {huge}\r\n"
                            "Content-Type: application/json\r\n\r\n").encode()
                    results.append(await _raw_request(port, head, body, 3.0))
                growth = _rss_mb() - rss_before
                if any(status != 403 for status, _ in results):
                    raise AssertionError(f"unauthenticated 100 MB POSTs got {results}")
                head = (f"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Length: {huge}\r\n"
                        f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\n\r\n").encode()
                big, _ = await _raw_request(port, head, body, 3.0)
                if big != 413:
                    raise AssertionError(f"a 100 MB body with the secret got {big}")
                # Slow clients: headers that never end, a body that never comes.
                slow_head, slow_took = await _raw_request(port, b"POST /telegram HTTP/1.1\r\nHost: x\r\n", b"", 5.0)
                head = (f"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n"
                        f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\n\r\n").encode()
                slow_body, body_took = await _raw_request(port, head, b"{", 5.0)
                if slow_took > 4.0 or body_took > 4.0:
                    raise AssertionError(f"slow clients were not cut off ({slow_took:.1f} s, {body_took:.1f} s)")
                import httpx

                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                    bad = [b"[]", b"1", b"null", b'{"update_id":5,"message":"x"}', b"[" * 100_000 + b"]" * 100_000,
                           b'{"update_id":"5"}', b'{"update_id":7,"callback_query":{"id":1}}']
                    codes = []
                    for raw in bad:
                        r = await client.post("/telegram", content=raw, headers={
                            "X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"})
                        codes.append(r.status_code)
                    if codes != [400] * len(bad):
                        raise AssertionError(f"bodies that are not updates got {codes}")
                    update = api.user_message("what is CNIE?")
                    ok = await client.post("/telegram", content=json.dumps(update).encode(), headers={
                        "X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"})
                    reply = await api.wait_for("sendMessage", timeout=20)
                    if ok.status_code != 200 or "China NGO Network" not in reply.result["text"]:
                        raise AssertionError("a real update was not answered after the abuse")
                await check_kept(state)
    finally:
        logging.getLogger().removeHandler(handler)
    errors = [r for r in handler.records if r.levelno >= logging.ERROR or r.exc_info]
    if errors:
        raise AssertionError(f"tracebacks or errors logged: {[r.getMessage()[:100] for r in errors][:3]}")
    worst = max(t for _, t in results)
    return f"3x100 MB unauthenticated: 403 in <= {worst * 1000:.0f} ms, RSS {growth:+.0f} MB; 7 bad bodies 400"


def _env(data: Path, reports: Path, api: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env.update({"BOT_DATA_DIR": str(data), "BOT_REPORTS_DIR": str(reports), "BOT_LOG_LEVEL": "INFO",
                "TELEGRAM_BOT_TOKEN": TOKEN, "BOT_ADMINS": str(ADMIN), "TELEGRAM_API_BASE_URL": api.base_url,
                "TELEGRAM_API_FILE_URL": api.base_file_url, "PYTHONPATH": str(PROJECT_DIR)})
    return env


async def _start(env: dict[str, str], *, as_user: Callable[[], None] | None = None) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=PROJECT_DIR, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
                                                preexec_fn=as_user)


async def _stop(proc: asyncio.subprocess.Process, timeout: float = 30.0) -> tuple[int | None, str]:
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signal.SIGCONT)
            proc.send_signal(signal.SIGTERM)
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout)
    except TimeoutError:
        proc.kill()
        out, err = await proc.communicate()
    return proc.returncode, err.decode(errors="replace") + out.decode(errors="replace")


async def _cli(*args: str, env: dict[str, str]) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", *args, cwd=PROJECT_DIR, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    return proc.returncode or 0, out.decode() + err.decode()


async def _seed_process(api: Any) -> None:
    for chat, text in ((SEED_CHATS[0], "/subscribe"), (SEED_CHATS[1], "/subscribe Cambodia"), (ADMIN, "/start")):
        mark = api.mark()
        api.user_message(text, user_id=chat)
        await api.wait_for("sendMessage", lambda c, chat=chat: c.params["chat_id"] == chat, after=mark, timeout=60)


def _seed_outbox(state_db: Path) -> None:
    with contextlib.closing(sqlite3.connect(state_db)) as conn, conn:
        conn.execute("INSERT INTO outbox (chat_id, report_id, content_hash, next_attempt, created) "
                     "VALUES (?, 'seed', 'seed-row', 1e12, 0)", (SEED_CHATS[0],))


async def case_damaged_store(workdir: Path, store: Path) -> str:
    """2: a garbage or subtly broken knowledge store at start is rebuilt in the background while the
    bot says so; without reports it is one clear line; a stuck poller fails `bot health`."""
    from knowledge.service import build_store
    from tests.fake_bot_api import FakeBotAPI

    figures = []
    for how in ("garbage", "bad cell"):
        folder = workdir / how.replace(" ", "-")
        data, reports = prepare_dirs(folder, None)
        keep_only(reports, SMALL_REPORT)
        await build_store(reports, data / "knowledge.sqlite")
        db = data / "knowledge.sqlite"
        async with FakeBotAPI(token=TOKEN) as api:
            env = _env(data, reports, api)
            proc = await _start(env)
            try:
                await api.wait_polling(timeout=60)
                await _seed_process(api)
            finally:
                code, log_text = await _stop(proc)
            if code != 0:
                raise AssertionError(f"the first start failed: {log_text[-500:]}")
            _seed_outbox(data / "bot.sqlite")
            if how == "garbage":
                with open(db, "r+b") as f:
                    f.truncate(5000)
            else:
                with contextlib.closing(sqlite3.connect(db)) as conn, conn:
                    conn.execute("UPDATE event_words SET words = CAST(x'ff41' AS TEXT) "
                                 "WHERE id = (SELECT max(id) FROM event_words)")
            started = time.perf_counter()
            proc = await _start(env)
            try:
                await api.wait_polling(timeout=60)
                first = await api.wait_for("sendMessage", lambda c: c.ok and c.params["chat_id"] == ADMIN and
                                           "damaged" in c.params["text"], timeout=60)
                if "rebuilding" not in first.params["text"]:
                    raise AssertionError(f"first admin notice: {first.params['text'][:200]!r}")
                notice = await api.wait_for("sendMessage", lambda c: c.ok and c.params["chat_id"] == ADMIN and
                                            "damaged" in c.params["text"] and c.index > first.index, timeout=120)
                took = time.perf_counter() - started
                if "rebuilt from" not in notice.params["text"]:
                    raise AssertionError(f"admin notice: {notice.params['text'][:200]!r}")
                mark = api.mark()
                api.user_message("what is CNIE?")
                reply = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER, after=mark,
                                           timeout=30)
                if "China NGO Network" not in reply.result["text"]:
                    raise AssertionError(f"after the rebuild: {reply.result['text'][:100]!r}")
                health, out = await _cli("health", env=env)
                if health != 0:
                    raise AssertionError(f"health after the rebuild: {out[-300:]}")
                if how == "bad cell":
                    # A stuck poller: the process lives but polls no more. Its liveness file ages.
                    proc.send_signal(signal.SIGSTOP)
                    alive = data / ".alive"
                    past = time.time() - 600
                    os.utime(alive, (past, past))
                    stuck, out = await _cli("health", env=env)
                    proc.send_signal(signal.SIGCONT)
                    if stuck == 0 or "liveness" not in out:
                        raise AssertionError(f"health of a stuck poller exited {stuck}: {out[-300:]}")
                    figures.append("stuck poller: health exit 1")
            finally:
                code, log_text = await _stop(proc)
            if code != 0 or "Traceback" in log_text:
                raise AssertionError(f"exit {code} after a damaged store: {log_text[-800:]}")
            check_kept_file(data / "bot.sqlite")
            if api.rejected:
                raise AssertionError(f"the fake Bot API rejected: {[(c.method, c.description) for c in api.rejected]}")
            figures.insert(0, f"{how}: rebuilt, answering in {took:.1f} s")
    # No reports to rebuild from: one clear line, exit 1, quickly.
    folder = workdir / "no-reports"
    data, reports = prepare_dirs(folder, store)
    with open(data / "knowledge.sqlite", "r+b") as f:
        f.truncate(5000)
    for p in reports.iterdir():
        p.unlink()
    (reports / "catalog.yaml").write_text("reports: []\n", encoding="utf-8")
    async with FakeBotAPI(token=TOKEN) as api:
        proc = await _start(_env(data, reports, api))
        try:
            code, log_text = await asyncio.wait_for(_stop_when_done(proc), 60)
        finally:
            if proc.returncode is None:
                await _stop(proc)
    errors = [line for line in log_text.splitlines() if line.startswith("error:")]
    if code != 1 or len(errors) != 1 or "damaged" not in errors[0] or "Traceback" in log_text:
        raise AssertionError(f"without reports: exit {code}, {log_text[-500:]!r}")
    figures.append("no reports: 1 line, exit 1")
    return "; ".join(figures)


async def _stop_when_done(proc: asyncio.subprocess.Process) -> tuple[int | None, str]:
    out, err = await proc.communicate()
    return proc.returncode, err.decode(errors="replace") + out.decode(errors="replace")


async def case_upload_during_reload(workdir: Path, store: Path) -> str:
    """6: a file uploaded while a reload runs is saved, taken in by a follow-up reload, the admin is
    told, and subscribers get its digest."""
    async with running(workdir, store, delivery_interval=0.5) as bot:
        svc = bot.services()
        await bot.ask("/start", user_id=ADMIN)
        mark = bot.api.mark()
        async with svc.reload_lock:  # a reload is running (held here so the upload surely lands in it)
            bot.api.document_message("during.txt", NEW_REPORT.encode(), "text/plain", user_id=ADMIN)
            saved = await bot.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN, after=mark,
                                           timeout=20)
        if not saved.result["text"].startswith("Saved"):
            raise AssertionError(f"upload during a reload: {saved.result['text'][:200]!r}")
        told = await bot.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN and "Added: during.txt"
                                      in c.result["text"], after=mark, timeout=60)
        digest = await bot.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == SEED_CHATS[0] and
                                        c.result["text"].startswith("New report"), after=mark, timeout=60)
        if "Siem Reap" not in digest.result["text"] and "Kathmandu" not in digest.result["text"]:
            raise AssertionError(f"digest: {digest.result['text'][:200]!r}")
        waited = told.finished - saved.finished
    return f"queued upload added by the follow-up reload {waited:.1f} s after it was saved; digest sent"


def _drop_dac() -> Callable[[], None] | None:
    """As root, permissions do not stop writes: the bot process then runs without the capabilities that
    override them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), dropped from its bounding set before exec."""
    if os.geteuid() != 0:
        return None
    import ctypes

    def drop() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
    return drop


async def case_read_only(workdir: Path, store: Path) -> str:
    """10: a read-only data folder is one clear line; an upload into a read-only reports folder is a
    clear reply; a killed build's journal is cleared by the next build."""
    from tests.fake_bot_api import FakeBotAPI

    figures = []
    folder = workdir / "ro-data"
    data, reports = prepare_dirs(folder, store)
    async with FakeBotAPI(token=TOKEN) as api:
        env = _env(data, reports, api)
        proc = await _start(env)
        try:
            await api.wait_polling(timeout=60)
            await _seed_process(api)
        finally:
            await _stop(proc)
        _seed_outbox(data / "bot.sqlite")
        for p in data.iterdir():
            p.chmod(0o444)
        data.chmod(0o555)
        try:
            proc = await _start(env, as_user=_drop_dac())
            code, log_text = await asyncio.wait_for(_stop_when_done(proc), 60)
        finally:
            data.chmod(0o755)
            for p in data.iterdir():
                p.chmod(0o644)
    errors = [line for line in log_text.splitlines() if line.startswith("error:")]
    if code != 1 or len(errors) != 1 or "not writable" not in errors[0] or "Traceback" in log_text:
        raise AssertionError(f"read-only data folder: exit {code}, {log_text[-600:]!r}")
    check_kept_file(data / "bot.sqlite")
    figures.append("read-only data: 1 line, exit 1")
    # The reports folder read-only: the bot runs, an upload gets a clear reply, nothing changes.
    before = sorted(p.name for p in reports.iterdir())
    async with FakeBotAPI(token=TOKEN) as api:
        env = _env(data, reports, api)
        reports.chmod(0o555)
        proc = await _start(env, as_user=_drop_dac())
        try:
            await api.wait_polling(timeout=60)
            mark = api.mark()
            api.document_message("new.txt", NEW_REPORT.encode(), "text/plain", user_id=ADMIN)
            reply = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN, after=mark, timeout=30)
            mark = api.mark()
            api.user_message("what is CNIE?")
            answer = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER, after=mark, timeout=30)
        finally:
            reports.chmod(0o755)
            code, log_text = await _stop(proc)
    if "could not save" not in reply.result["text"] or "read-only" not in reply.result["text"]:
        raise AssertionError(f"upload into a read-only folder: {reply.result['text'][:200]!r}")
    if "China NGO Network" not in answer.result["text"] or "Traceback" in log_text or code != 0:
        raise AssertionError(f"after the refused upload: exit {code}, {log_text[-600:]!r}")
    if sorted(p.name for p in reports.iterdir()) != before:
        raise AssertionError("the reports folder changed")
    check_kept_file(data / "bot.sqlite")
    figures.append("read-only reports: clear reply")
    # A build killed mid-write leaves its file and SQLite's journal; the next build clears both.
    db = data / "knowledge.sqlite"
    litter = [db.with_name(f".{db.name}.building-999999"), db.with_name(f".{db.name}.building-999999-journal")]
    for p in litter:
        p.write_bytes(b"SQLite format 3\x00half written")
    (reports / "briefing-2026-01-04.txt").write_text(NEW_REPORT, encoding="utf-8")  # the build has work to do
    async with FakeBotAPI(token=TOKEN) as api:
        env = _env(data, reports, api)
        built, out = await _cli("build", env=env)
    left = [p.name for p in litter if p.exists()]
    if built != 0 or left:
        raise AssertionError(f"build exit {built}; litter left: {left}; {out[-300:]}")
    figures.append("killed build's journal cleared")
    return "; ".join(figures)


def hostile_pdf(pages: int = 2000, stream_kb: int = 500) -> bytes:
    """A small PDF whose ``pages`` pages all draw one large shared content stream: a few hundred kB
    on disk, minutes of parsing and hundreds of MB for a reader that extracts every page."""
    line = b"BT /F1 9 Tf 40 700 Td (On May 1, 2026, the China NGO Network met partners in Hanoi, Vietnam.) Tj ET\n"
    content = line * (stream_kb * 1024 // len(line))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)) +
               b"] /Count %d >>" % pages,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _memory_of(pid: int) -> tuple[float, float]:
    """(resident MB now, peak resident MB) of a process."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
    except OSError:
        return 0.0, 0.0
    return (int(fields.get("VmRSS", "0 kB").split()[0]) / 1024, int(fields.get("VmHWM", "0 kB").split()[0]) / 1024)


def _reader_children() -> list[int]:
    """Pids of this process's children that read report files (knowledge.isolate)."""
    me = os.getpid()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            if ppid == me:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if b"knowledge.isolate" in f.read():
                        found.append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    return found


async def case_hostile_files(workdir: Path, store: Path) -> str:
    """5: a hostile PDF is stopped by the reading limits and set aside in reports/rejected/ with a
    .why note, the admin is told, others' questions are answered meanwhile, memory stays bounded;
    a file with too many events is capped with a warning; a skipped file is set aside too."""
    async with running(workdir, store, ingest_seconds=8, ingest_memory_mb=400, max_events_per_file=100) as bot:
        reports = bot.config.reports_dir
        await bot.ask("/start", user_id=ADMIN)
        mark = bot.api.mark()
        started = time.perf_counter()
        bot.api.document_message("hostile.pdf", hostile_pdf(), "application/pdf", user_id=ADMIN)
        await bot.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN, after=mark, timeout=20)
        # The bot's own growth, not its resident size: under a test runner the same process holds
        # other tests' stores and models, which this case neither made nor can bound.
        bot_base = _memory_of(os.getpid())[0]
        answered, latencies, bot_peak, reader_peak = 0, [], bot_base, 0.0
        done = None
        while done is None:
            asked = time.perf_counter()
            reply = await bot.ask("what is CNIE?", user_id=USER + 1 + answered % 5, timeout=20)
            latencies.append(time.perf_counter() - asked)
            if "China NGO Network" not in reply["text"]:
                raise AssertionError(f"a question during the ingestion got {reply['text'][:100]!r}")
            answered += 1
            bot_peak = max(bot_peak, _memory_of(os.getpid())[0])
            for pid in _reader_children():
                reader_peak = max(reader_peak, _memory_of(pid)[1])
            done = next((c for c in bot.api.calls("editMessageText") if c.index > mark and c.ok and (
                "Reloaded" in c.result["text"] or "failed" in c.result["text"])), None)
            if time.perf_counter() - started > 120:
                raise AssertionError("the hostile file was not dealt with within 120 s")
            await asyncio.sleep(0.2)
        took = time.perf_counter() - started
        text = done.result["text"]
        why = reports / "rejected" / "hostile.pdf.why"
        if (reports / "hostile.pdf").exists() or not why.exists() or "set aside" not in text:
            raise AssertionError(f"the hostile file was not set aside: {text[:300]!r}")
        if reader_peak + bot_peak - bot_base > 600:
            raise AssertionError(f"peak memory: bot grew {bot_peak - bot_base:.0f} MB, reader {reader_peak:.0f} MB")
        # Too many events in one file: the first ones are kept, with a warning.
        many = "\n\n".join(f"Exchange number {i} in Hanoi\n\nOn March {1 + i % 28}, 2026, the China NGO Network for "
                            f"International Exchanges (CNIE) held exchange number {i} in Hanoi, Vietnam."
                            for i in range(250))
        capped = await upload(bot, "many-events.txt", many.encode())
        if "only the first 100" not in capped:
            raise AssertionError(f"no cap on events per file: {capped[-300:]!r}")
        # A file that gives no text is set aside too, instead of being read again on every reload.
        empty = await upload(bot, "scan.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, caption="Scanned | 2026-01-02")
        if (reports / "scan.pdf").exists() or not (reports / "rejected" / "scan.pdf.why").exists():
            raise AssertionError(f"a skipped file stayed in the reports folder: {empty[-200:]!r}")
        (reports / "briefing-2026-01-04.txt").write_text(NEW_REPORT, encoding="utf-8")  # the next build has work
        later = await _reload(bot)
        if "catalog lists" in later or "scan.pdf" in later or "Added" not in later:
            raise AssertionError(f"a set-aside file is reported again by the next reload: {later[-300:]!r}")
        reason = why.read_text(encoding="utf-8").splitlines()[0].removeprefix("hostile.pdf: ")
    slowest = max(latencies)
    return (f"hostile PDF set aside after {took:.0f} s ({reason[:90]}); {answered} questions answered meanwhile "
            f"(slowest {slowest:.2f} s); peak memory bot {bot_peak:.0f} MB (grew {bot_peak - bot_base:.0f}) + "
            f"reader {reader_peak:.0f} MB")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


# --- the runner ------------------------------------------------------------------------------------

Case = Callable[[Path, Path], Awaitable[str]]

CASES: dict[str, tuple[str, Case]] = {
    "4-webhook": ("Webhook abuse", case_webhook_abuse),
    "5-hostile-files": ("Hostile files", case_hostile_files),
    "6-upload-during-reload": ("Upload during a reload", case_upload_during_reload),
    "7-more-pages": ("Other chats' More pages", case_more_pages_private),
    "8-callback-data": ("Bad callback data", case_bad_callback_data),
    "1-caption-date": ("Caption date typo", case_caption_date),
    "2-damaged-store": ("Damaged knowledge store", case_damaged_store),
    "3-disk-full": ("Full disk", case_disk_full),
    "9-subscriptions": ("Subscription limits", case_subscription_limits),
    "10-read-only": ("Read-only folders", case_read_only),
    "11-flood-429": ("Answers kept through 429s", case_flood_429),
}


CASES = dict(sorted(CASES.items(), key=lambda item: int(item[0].split("-")[0])))  # in the order


@dataclass(frozen=True, slots=True)
class Result:
    """How one case went: passed or not, a figure, the seconds it took."""

    case: str
    title: str
    ok: bool
    figure: str
    seconds: float


async def run_case(name: str, workdir: Path, store: Path) -> Result:
    """Run one case in its own folder; a failure is a Result, not an exception."""
    title, case = CASES[name]
    folder = workdir / name
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        figure = await case(folder, store)
        ok = True
    except Exception as exc:  # noqa: BLE001 - the runner reports every failure and goes on
        ok, figure = False, f"{type(exc).__name__}: {exc}"[:300]
        log.debug("case %s failed:\n%s", name, traceback.format_exc())
    return Result(name, title, ok, figure, time.perf_counter() - started)


def format_table(results: list[Result]) -> str:
    """The results as a plain-text table."""
    rows = [("case", "result", "seconds", "figure")]
    rows += [(f"{r.case}", "pass" if r.ok else "FAIL", f"{r.seconds:.1f}", r.figure) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(row[i].ljust(widths[i]) for i in range(3)) + "  " + row[3] for row in rows]
    lines.insert(1, "-" * min(120, max(len(line) for line in lines)))
    return "\n".join(lines)


def run(names: list[str] | None = None, store: Path | None = None) -> int:
    """``python -m bot chaos``: run the cases (all, or ``names``), print the table; 0 when all pass."""
    from knowledge.service import build_store

    names = names or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print(f"error: unknown case(s) {', '.join(unknown)}; known: {', '.join(CASES)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bot-chaos-") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o755)  # cases that run the bot as an unprivileged user must reach their folders
        if store is None:
            store = workdir / "knowledge.sqlite"
            asyncio.run(build_store(DEFAULT_REPORTS, store))
        results = []
        for name in names:
            result = asyncio.run(run_case(name, workdir, store))
            results.append(result)
            print(f"{'pass' if result.ok else 'FAIL'} {name} ({result.seconds:.1f} s)", file=sys.stderr, flush=True)
    print(format_table(results))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {peak:.0f} MB, largest child process {children:.0f} MB")
    print(f"{sum(r.ok for r in results)}/{len(results)} cases pass")
    return 0 if all(r.ok for r in results) else 1
