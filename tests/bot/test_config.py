"""Set-up: the reports folder lives in the data folder, seeded from the bundled reports."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.config import load_config
from tests.conftest import REPO, REPORTS


def test_reports_default_to_the_data_folder(tmp_path: Path) -> None:
    config = load_config(env={"BOT_DATA_DIR": str(tmp_path / "data")})
    assert config.reports_dir == tmp_path / "data" / "reports"
    assert load_config(env={"BOT_DATA_DIR": str(tmp_path), "BOT_REPORTS_DIR": "/srv/r"}).reports_dir == Path("/srv/r")


def test_first_use_seeds_the_data_folders_reports_not_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env["BOT_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "what is CNIE?"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "China NGO Network" in done.stdout
    seeded = sorted(p.name for p in (tmp_path / "data" / "reports").iterdir())
    assert seeded == sorted(p.name for p in REPORTS.iterdir())
    assert (tmp_path / "data" / "knowledge.sqlite").exists()


async def test_the_scheduler_logs_its_routine_runs_at_debug_only(tmp_path: Path, built_store: Path,
                                                                 caplog) -> None:  # type: ignore[no-untyped-def]
    import asyncio
    import logging

    from tests.bot.conftest import running_bot

    caplog.set_level(logging.INFO)
    async with running_bot(tmp_path, built_store, delivery_interval=0.1):
        await asyncio.sleep(2.0)  # the digest job first runs after 1 s, then every 0.1 s
    runs = [r for r in caplog.records if r.name.startswith("apscheduler")]
    chatter = [r for r in runs if r.levelno >= logging.INFO]
    assert not chatter, [r.getMessage() for r in chatter[:3]]
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    (tmp_path / "again").mkdir()
    async with running_bot(tmp_path / "again", built_store, delivery_interval=0.1):
        await asyncio.sleep(1.6)
    assert any(r.name.startswith("apscheduler") and "Running job" in r.getMessage() for r in caplog.records)
