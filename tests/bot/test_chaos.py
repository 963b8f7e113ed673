"""Issue 12's fault-injection cases, one test each (the same cases ``python -m bot chaos`` runs)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot import chaos
from tests.conftest import REPO


@pytest.mark.parametrize("name", list(chaos.CASES))
async def test_case(name: str, tmp_path: Path, built_store: Path) -> None:
    result = await chaos.run_case(name, tmp_path, built_store)
    assert result.ok, result.figure


def test_chaos_command_prints_the_table() -> None:
    proc = subprocess.run([sys.executable, "-m", "bot", "chaos", "8-callback-data"], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:4] == ["case", "result", "seconds", "figure"]
    assert any(line.startswith("8-callback-data") and " pass " in line for line in lines)
    assert "1/1 cases pass" in proc.stdout
