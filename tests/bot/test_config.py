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
