"""The bot end to end: the real Application, long polling against the fake Bot API server."""
from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application, polling
from bot.config import Config
from bot.limits import UserRateLimit
from tests.conftest import REPORTS
from tests.fake_bot_api import FakeBotAPI

TOKEN = "123456789:AAHtestTokenForTheEndToEndTests_0001"
ADMIN = 4242
USER = 1001


@dataclass
class Harness:
    """The fake server, the running application and its configuration."""

    api: FakeBotAPI
    app: Any
    config: Config

    async def ask(self, text: str, *, user_id: int = USER, timeout: float = 10.0, **kw: Any) -> dict[str, Any]:
        """Send a private message and return the bot's first reply in that chat (a Message dict)."""
        mark = self.api.mark()
        update = self.api.user_message(text, user_id=user_id, **kw)
        chat_id = update["message"]["chat"]["id"]
        call = await self.api.wait_for("sendMessage", lambda c: c.ok and c.params["chat_id"] == chat_id,
                                       timeout=timeout, after=mark)
        return call.result  # type: ignore[no-any-return]

    def services(self) -> Any:
        return self.app.bot_data["services"]


@asynccontextmanager
async def running_bot(tmp_path: Path, built_store: Path, **settings: Any) -> AsyncIterator[Harness]:
    """A running bot on a copy of the bundled store and reports; ``settings`` override Config fields.
    Fails when the fake server rejected anything the bot sent."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(built_store, data / "knowledge.sqlite")
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS, reports)
    async with FakeBotAPI(token=TOKEN) as api:
        config = Config(**{"token": TOKEN, "data_dir": data, "reports_dir": reports, "admins": frozenset({ADMIN}),
                           "api_base_url": api.base_url, "api_file_url": api.base_file_url,
                           "delivery_interval": 3600, **settings})
        app = build_application(config, user_limit=UserRateLimit(burst=8, interval=1.5))
        async with polling(app, poll_timeout=1):
            yield Harness(api, app, config)
        rejected = [(c.method, c.description) for c in api.rejected]
    assert not rejected, f"the server rejected: {rejected}"


@pytest.fixture
async def harness(tmp_path: Path, built_store: Path, caplog: pytest.LogCaptureFixture) -> AsyncIterator[Harness]:
    """A running bot (see ``running_bot``); also fails the test when an error was logged."""
    caplog.set_level(logging.WARNING)
    async with running_bot(tmp_path, built_store) as h:
        yield h
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, f"errors were logged: {[r.getMessage() for r in errors]}"
