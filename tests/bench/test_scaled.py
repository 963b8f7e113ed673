"""`python -m bot bench` (the scaled benchmark) runs end to end and writes its figures; nothing is timed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.scaled import format_table, median_of
from tests.conftest import REPO


def test_median_of_runs_takes_every_number_and_lists_the_loads() -> None:
    runs = [{"copies": 1, "build_s": b, "kept": False, "fts5": {"p95_ms": p}, "load": [l, l]}
            for b, p, l in ((3.0, 1.0, 0.5), (1.0, 5.0, 1.5), (2.0, 3.0, 1.0))]
    m = median_of(runs)
    assert (m["build_s"], m["fts5"]["p95_ms"], m["runs"], m["kept"]) == (2.0, 3.0, 3, False)
    assert m["loads"] == [[0.5, 0.5], [1.5, 1.5], [1.0, 1.0]]
    two = median_of([{"copies": 200, "orgs": 55988, "people": 10141, "build_s": 545.6, "load": [1, 1]},
                     {"copies": 200, "orgs": 55988, "people": 10142, "build_s": 489.0, "load": [1, 1]}])
    assert (two["orgs"], two["people"], two["build_s"]) == (55988, 10141, 517.3)  # counts stay counts
    assert isinstance(two["orgs"], int) and isinstance(two["people"], int)


def test_bot_bench_measures_a_scaled_corpus_beside_fts5_and_tantivy(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "bench", "--sizes", "1", "--runs", "1", "--repeat", "1", "--add-unseen",
         "--workdir", str(tmp_path / "work"), "--json", str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    [size] = figures["sizes"]
    assert size["copies"] == 1 and size["reports"] == 5 and size["extracted"] == 5
    assert size["nochange_kept"] and (size["add_one_extracted"], size["add_one_cached"]) == (1, 5)
    # --add-unseen: the added weekly briefing is new text, every passage of it embedded, nothing else
    assert size["add_one_unseen"] and size["add_one_embedded"] == size["add_one_passages"] > 10
    # as /reload does: answerable by its words first, its vectors swapped in after
    assert 0 < size["add_one_answerable_s"] <= size["add_one_s"] and size["add_one_pending"] >= 0
    assert size["orgs"] > 100 and size["people"] > 50 and size["cfpa_profiles"] == 2
    assert 0 < size["p50_ms"] <= size["p95_ms"] <= size["max_ms"] and size["cold_s"] > 0
    for engine in ("fts5", "tantivy"):
        assert size[engine]["passages"] > 100 and 0 < size[engine]["p50_ms"] <= size[engine]["p95_ms"]
    assert len(size["loads"]) == 1 and "load_1m" in figures["machine"]
    assert format_table(figures) == proc.stdout.rstrip("\n")
    assert not (tmp_path / "tests").exists() and str(REPO) not in proc.stdout
