"""Webhook mode: the secret token is checked on every request; updates are answered; /health answers."""
from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import httpx

from bot.app import build_application, webhook
from bot.config import Config
from tests.bot.conftest import TOKEN
from tests.conftest import REPORTS
from tests.fake_bot_api import FakeBotAPI

SECRET = "s3cret_token-for-tests"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_webhook_checks_the_secret_answers_updates_and_health(tmp_path: Path, built_store: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(built_store, data / "knowledge.sqlite")
    port = _free_port()
    async with FakeBotAPI(token=TOKEN) as api:
        config = Config(token=TOKEN, data_dir=data, reports_dir=REPORTS, admins=frozenset(),
                        api_base_url=api.base_url, api_file_url=api.base_file_url)
        app = build_application(config, use_updater=False)
        async with webhook(app, "https://bot.example.org/telegram", "127.0.0.1", port, SECRET):
            set_hook = api.calls("setWebhook")[-1]
            assert set_hook.ok and set_hook.params["secret_token"] == SECRET
            update = api.user_message("what is CNIE?")  # shaped by the fake; delivered here by hand
            body = json.dumps(update).encode()
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                refused = await client.post("/telegram", content=body)
                wrong = await client.post("/telegram", content=body,
                                          headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
                assert (refused.status_code, wrong.status_code) == (403, 403)
                assert not api.calls("sendMessage")
                ok = await client.post("/telegram", content=body, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                                                          "Content-Type": "application/json"})
                assert ok.status_code == 200
                reply = await api.wait_for("sendMessage", timeout=10)
                assert "China NGO Network for International Exchanges" in reply.result["text"]
                garbage = await client.post("/telegram", content=b"{not json",
                                            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
                assert garbage.status_code == 400
                health = await client.get("/health")
                assert health.status_code == 200 and health.json()["ok"] is True
        assert not api.rejected
