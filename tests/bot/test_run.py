"""``python -m bot run`` as a process: missing and rejected tokens, a real exchange, the token never logged."""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
from pathlib import Path

from tests.bot.conftest import TOKEN
from tests.conftest import REPO, REPORTS
from tests.fake_bot_api import FakeBotAPI


def _env(tmp_path: Path, api: FakeBotAPI | None, token: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env.update({"BOT_DATA_DIR": str(tmp_path / "data"), "BOT_REPORTS_DIR": str(tmp_path / "reports"),
                "BOT_LOG_LEVEL": "DEBUG"})
    if api is not None:
        env.update({"TELEGRAM_API_BASE_URL": api.base_url, "TELEGRAM_API_FILE_URL": api.base_file_url})
    if token is not None:
        env["TELEGRAM_BOT_TOKEN"] = token
    return env


async def _run(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=REPO, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def test_run_without_a_token_is_a_one_line_error(tmp_path: Path) -> None:
    proc = await _run(_env(tmp_path, None, None))
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2
    assert len(err.decode().strip().splitlines()) == 1 and "TELEGRAM_BOT_TOKEN" in err.decode()


async def test_a_rejected_token_is_a_clear_error_not_a_traceback(tmp_path: Path, built_store: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(built_store, tmp_path / "data" / "knowledge.sqlite")
    shutil.copytree(REPORTS, tmp_path / "reports")
    async with FakeBotAPI(token=TOKEN) as api:
        wrong = "987654321:AAWrongTokenWrongTokenWrongToken0000"
        proc = await _run(_env(tmp_path, api, wrong))
        out, err = await asyncio.wait_for(proc.communicate(), 60)
    text = err.decode()
    assert proc.returncode == 1
    assert "Telegram rejected the bot token" in text
    assert "Traceback" not in text and wrong not in text and wrong.split(":")[1] not in text


async def test_a_real_exchange_then_sigterm_and_the_token_never_logged(tmp_path: Path, built_store: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(built_store, tmp_path / "data" / "knowledge.sqlite")
    shutil.copytree(REPORTS, tmp_path / "reports")
    async with FakeBotAPI(token=TOKEN) as api:
        proc = await _run(_env(tmp_path, api, TOKEN))
        try:
            await api.wait_polling(timeout=60)
            api.user_message("what is CFPD?")
            reply = await api.wait_for("sendMessage", timeout=30)
            assert "China Foundation for Peace and Development" in reply.result["text"]
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(proc.communicate(), 60)
    log = err.decode() + out.decode()
    assert proc.returncode == 0, log
    assert "serving 5 reports" in log  # DEBUG logging was on, HTTP libraries included
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert not api.rejected


async def test_a_damaged_bot_store_is_one_line_not_a_traceback(tmp_path: Path, built_store: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(built_store, tmp_path / "data" / "knowledge.sqlite")
    (tmp_path / "data" / "bot.sqlite").write_bytes(b"this is not a database" * 100)
    shutil.copytree(REPORTS, tmp_path / "reports")
    async with FakeBotAPI(token=TOKEN) as api:
        proc = await _run(_env(tmp_path, api, TOKEN))
        out, err = await asyncio.wait_for(proc.communicate(), 60)
    text = err.decode()
    errors = [line for line in text.splitlines() if line.startswith("error:")]
    assert proc.returncode == 1, text
    assert len(errors) == 1 and "bot.sqlite" in errors[0] and "restore" in errors[0]
    assert "Traceback" not in text
