"""What can be tested of the deployment here (Docker cannot run on this machine): the Dockerfile lints
clean; the command lines of the container and of the systemd unit, with their environment, bring the
bot up against the fake Bot API server; health and backup work while it runs; SIGTERM in the middle of
a digest broadcast leaves nothing half-sent, and the next start sends the rest exactly once; a backup
restores."""
from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.state import BotState
from knowledge.service import KnowledgeBase
from tests.bot.conftest import TOKEN
from tests.conftest import REPO, REPORTS
from tests.fake_bot_api import FakeBotAPI

DEPLOY = REPO / "deploy"


def test_dockerfile_passes_hadolint() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    out = subprocess.run([str(hadolint), str(DEPLOY / "Dockerfile")], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def _docker_command() -> tuple[list[str], dict[str, str]]:
    """The container's CMD and ENV, read from the Dockerfile."""
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", text, re.M).group(1))
    env = {}
    for line in re.findall(r"^ENV (.*)$", text, re.M):
        env.update(dict(pair.split("=", 1) for pair in shlex.split(line)))
    return cmd, env


def _systemd_command() -> tuple[list[str], dict[str, str]]:
    """The unit's ExecStart and the variables of its example EnvironmentFile."""
    unit = (DEPLOY / "p2p-reports-bot.service").read_text(encoding="utf-8")
    argv = shlex.split(re.search(r"^ExecStart=(.*)$", unit, re.M).group(1))
    env_text = (DEPLOY / "p2p-reports-bot.env.example").read_text(encoding="utf-8")
    env = dict(line.split("=", 1) for line in env_text.splitlines() if line and not line.startswith("#"))
    return argv, env


def _as_here(argv: list[str], env: dict[str, str], tmp_path: Path, api: FakeBotAPI) -> tuple[list[str], dict[str, str]]:
    """The same command line and variables, with this venv's Python and the test's folders and fake server."""
    assert argv[0].endswith("python") and argv[1:3] == ["-m", "bot"], argv
    data = tmp_path / "data"
    local = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    local.update({k: v for k, v in env.items() if not k.startswith(("TELEGRAM_", "BOT_"))})
    local.update({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.base_url,
                  "TELEGRAM_API_FILE_URL": api.base_file_url, "BOT_DATA_DIR": str(data),
                  "BOT_REPORTS_DIR": str(data / "reports"), "BOT_DELIVERY_INTERVAL": "1"})
    # Variables the deployment sets beyond paths and secrets keep their values.
    local.update({k: v for k, v in env.items() if k in ("BOT_LOG_LEVEL", "BOT_SCAN_INTERVAL")})
    return [sys.executable, *argv[1:]], local


async def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", *args, cwd=REPO, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    return subprocess.CompletedProcess(args, proc.returncode or 0, out.decode(), err.decode())


async def _stop(proc: asyncio.subprocess.Process, timeout: float = 30) -> str:
    proc.send_signal(signal.SIGTERM)
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    return err.decode() + out.decode()


@pytest.mark.parametrize("how", ["docker", "systemd"])
async def test_deployed_command_line_runs_with_health_and_backup(how: str, tmp_path: Path, built_store: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(built_store, tmp_path / "data" / "knowledge.sqlite")
    async with FakeBotAPI(token=TOKEN) as api:
        argv, env = _as_here(*(_docker_command() if how == "docker" else _systemd_command()), tmp_path, api)
        proc = await asyncio.create_subprocess_exec(*argv, cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.PIPE)
        try:
            await api.wait_polling(timeout=60)
            assert (tmp_path / "data" / "reports" / "catalog.yaml").exists()  # the bundled reports seeded the volume
            api.user_message("/subscribe Cambodia")
            assert "Subscribed" in (await api.wait_for("sendMessage", timeout=30)).result["text"]
            health = await _cli("health", env=env)
            assert health.returncode == 0, health.stdout + health.stderr
            assert "ok   answers" in health.stdout
            backup = await _cli("backup", str(tmp_path / "backups") + "/", env=env)
            assert backup.returncode == 0, backup.stderr
        finally:
            log = await _stop(proc)
    assert proc.returncode == 0, log
    assert TOKEN.split(":")[1] not in log
    (copy,) = (tmp_path / "backups").glob("bot-*.sqlite")
    async with await BotState.open(copy) as restored:
        assert [s.label for s in await restored.subscriptions(1001)] == ["Cambodia"]


async def test_health_fails_when_a_store_is_broken(tmp_path: Path, built_store: Path) -> None:
    env = {**os.environ, "BOT_DATA_DIR": str(tmp_path)}
    missing = await _cli("health", env=env)
    assert missing.returncode == 1 and "FAIL knowledge store" in missing.stdout
    shutil.copy(built_store, tmp_path / "knowledge.sqlite")
    (tmp_path / "bot.sqlite").write_text("not a database", encoding="utf-8")
    broken = await _cli("health", env=env)
    assert broken.returncode == 1 and "FAIL bot store" in broken.stdout


async def test_backup_restores(tmp_path: Path) -> None:
    env = {**os.environ, "BOT_DATA_DIR": str(tmp_path)}
    async with await BotState.open(tmp_path / "bot.sqlite") as state:
        await state.subscribe(7, "place", "Cambodia", "Cambodia")
    assert (await _cli("backup", str(tmp_path / "b.sqlite"), env=env)).returncode == 0
    async with await BotState.open(tmp_path / "bot.sqlite") as state:
        await state.unsubscribe_all(7)
    refused = await _cli("restore", str(REPORTS / "catalog.yaml"), env=env)
    assert refused.returncode == 1 and "error:" in refused.stderr
    restored = await _cli("restore", str(tmp_path / "b.sqlite"), env=env)
    assert restored.returncode == 0, restored.stderr
    async with await BotState.open(tmp_path / "bot.sqlite") as state:
        assert [s.value for s in await state.subscriptions(7)] == ["Cambodia"]


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGKILL])
async def test_stopped_or_killed_during_a_broadcast_loses_nothing(stop_signal: int, tmp_path: Path,
                                                                  built_store: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(built_store, data / "knowledge.sqlite")
    kb = await KnowledgeBase.open(data / "knowledge.sqlite")
    reports = sorted(kb.reports.values(), key=lambda r: r.issue_date)
    await kb.close()
    chats = list(range(50001, 50061))
    # Sixty subscribers; the newest report has not been announced yet, so the start queues 60 digests.
    async with await BotState.open(data / "bot.sqlite") as state:
        await state.mark_reports_seen([(r.id, r.content_hash) for r in reports[:-1]])
        for chat in chats:
            await state.subscribe(chat, "all", "", "every new report")
    async with FakeBotAPI(token=TOKEN) as api:
        for chat in chats:  # the chats exist on Telegram's side
            api.user_message("/subscriptions", user_id=chat)
        argv, env = _as_here(*_docker_command(), tmp_path, api)
        env["BOT_REPORTS_DIR"] = str(REPORTS)

        def digests() -> list:
            return [c for c in api.calls("sendMessage") if c.ok and c.result["text"].startswith("New report")]

        proc = await asyncio.create_subprocess_exec(*argv, cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.PIPE)
        await api.wait_for("sendMessage", lambda c: c.ok and c.result["text"].startswith("New report"), timeout=60)
        if stop_signal == signal.SIGTERM:
            log = await _stop(proc)
            assert proc.returncode == 0, log
        else:
            proc.kill()
            await proc.communicate()
        first = [c.params["chat_id"] for c in digests()]
        async with await BotState.open(data / "bot.sqlite") as state:
            counts = await state.outbox_counts()
            sent_rows = {item.chat_id for item in await _rows(state, "sent")}
        assert 1 <= len(first) < len(chats), "the broadcast was not interrupted"
        assert len(first) == len(set(first))
        if stop_signal == signal.SIGTERM:  # every message sent is recorded as sent, and only those
            assert sent_rows == set(first)
        else:  # a kill can fall between Telegram accepting a digest and its row being marked
            assert sent_rows <= set(first) and len(set(first) - sent_rows) <= 1
        assert counts["pending"] == len(chats) - len(sent_rows) and counts["failed"] == 0

        # The next start resumes the outbox: every chat ends with exactly one digest.
        proc = await asyncio.create_subprocess_exec(*argv, cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.PIPE)
        try:
            for _ in range(600):
                if {c.params["chat_id"] for c in digests()} >= set(chats):
                    break
                await asyncio.sleep(0.1)
        finally:
            log = await _stop(proc)
        assert proc.returncode == 0, log
    delivered = sorted(c.params["chat_id"] for c in digests())
    assert sorted(set(delivered)) == chats  # none lost
    repeats = len(delivered) - len(chats)
    assert repeats == 0 if stop_signal == signal.SIGTERM else repeats <= 1  # the one in flight, at most
    assert not api.rejected


async def _rows(state: BotState, status: str) -> list:
    items = []
    for item_id in range(1, 1000):
        item = await state.outbox_item(item_id)
        if item is None:
            break
        if item.status == status:
            items.append(item)
    return items
