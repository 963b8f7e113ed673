"""The synthetic benchmark: synthetic corpora grown from the bundled one, and `python -m bench synthetic` end to end."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic import format_table, percentile, question_mix, synthetic_corpus
from knowledge.build import Corpus, build_corpus
from knowledge.service import KnowledgeBase
from knowledge.store import write_store
from tests.conftest import REPO, REPORTS


@pytest.fixture(scope="module")
def base() -> Corpus:
    return build_corpus(REPORTS)


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50 and percentile(values, 95) == 95 and percentile(values, 100) == 100
    assert percentile([3.0], 95) == 3.0


def test_synthetic_corpus_grows_names_not_copies(base: Corpus) -> None:
    corpus = synthetic_corpus(base, 600, seed=1)
    events = list(corpus.events)
    assert len(events) == len(corpus.events) == 600
    assert [e.id for e in events] == sorted({e.id for e in events})  # unique, in order
    assert events[: len(base.events)] == base.events  # the bundled events come first, unchanged
    new = events[len(base.events):]
    report_ids = {r.id for r in corpus.reports}
    assert all(e.report_id in report_ids and e.source.report_id == e.report_id for e in new)
    # New names are coined (the name index grows) and old ones come back (it does not only grow).
    assert len(corpus.orgs) > len(base.orgs) and len(corpus.people) > len(base.people)
    base_org_ids = {o.id for o in base.orgs}
    mentioned = [m.org_id for e in new for m in e.organizations]
    assert any(i in base_org_ids for i in mentioned) and any(i not in base_org_ids for i in mentioned)
    # Texts are rewritten with the new names: an event's organisations are named in its text.
    named = [e for e in new if e.organizations and e.organizations[0].org_id not in base_org_ids]
    assert named and sum(e.organizations[0].name in e.text for e in named) > len(named) // 2
    # Profiles point at events that exist, oldest first.
    by_id = {e.id: e for e in events}
    for o in corpus.orgs:
        assert all(i in by_id for i in o.event_ids)
    assert synthetic_corpus(base, 600, seed=1).orgs == corpus.orgs  # deterministic


def test_a_synthetic_store_answers_the_question_mix(base: Corpus, tmp_path: Path) -> None:
    corpus = synthetic_corpus(base, 400, seed=2)
    db = tmp_path / "synthetic.sqlite"
    asyncio.run(write_store(corpus, db, embed=False))
    mix = question_mix(base, seed=2)
    assert {kind for kind, _ in mix} == {"what", "when", "who", "list", "typo", "not_found"}

    async def ask_all() -> list[bool]:
        kb = await KnowledgeBase.open(db)
        try:
            assert await kb.warm() == 400
            return [(await kb.ask(q)).found for _, q in mix]
        finally:
            await kb.close()

    found = asyncio.run(ask_all())
    assert sum(found) >= len(mix) // 2
    assert not any(f for (kind, q), f in zip(mix, found) if q == "who is zorblax quintillion?")


def test_bench_command_writes_the_figures(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "synthetic", "--sizes", "300", "--repeat", "1", "--cold", "1",
         "--db", str(tmp_path / "k.sqlite"), "--reports", str(REPORTS), "--json", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert {"cpu", "cores", "python", "load_1m"} <= figures["machine"].keys()
    bundled, synthetic = figures["corpora"]
    for c in (bundled, synthetic):
        assert {"events", "names", "build_s", "store_mb", "p50_ms", "p95_ms", "max_ms", "first_p95_ms",
                "peak_rss_mb"} <= c.keys()
        assert 0 < c["p50_ms"] <= c["p95_ms"] <= c["max_ms"]
    assert bundled["corpus"] == "bundled" and bundled["events"] > 100
    assert synthetic["events"] == 300 and synthetic["by_kind_p95_ms"].keys() == {
        "what", "when", "who", "list", "typo", "not_found"}
    assert figures["cold_start"]["runs"] == 1 and figures["cold_start"]["median_s"] > 0
    assert "p95 ms" in proc.stdout and "synthetic 300" in proc.stdout
    assert format_table(figures) == proc.stdout.rstrip("\n")


def test_the_fake_bot_api_server_is_found_by_path_never_imported_from_tests(tmp_path: Path, monkeypatch) -> None:
    from bench.synthetic import FAKE_BOT_API_ENV, _load_fake_bot_api, end_to_end, fake_bot_api_file

    monkeypatch.chdir(tmp_path)  # not a checkout
    monkeypatch.delenv(FAKE_BOT_API_ENV, raising=False)
    assert fake_bot_api_file() is None
    pending = end_to_end(tmp_path / "k.sqlite", REPORTS, 1, 1, None)
    assert pending["status"] == "pending" and "--fake-api" in pending["reason"]
    server = REPO / "tests" / "fake_bot_api.py"
    monkeypatch.setenv(FAKE_BOT_API_ENV, str(server))
    assert fake_bot_api_file() == server.resolve()
    assert fake_bot_api_file(server) == server.resolve()
    assert _load_fake_bot_api(server).__name__ == "FakeBotAPI"
