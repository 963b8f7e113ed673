"""``python -m bench.answers``: the answering engine on the bundled reports, semantic retrieval on.

Prints, as JSON and a table: a cold build of the bundled store (the shipped vectors mean nothing is
embedded), a rebuild with nothing changed, the warm per-question latency (p50/p95 over every
question, asked ``--repeat`` times as if new, the first round discarded: it loads the models), the first
question in Chinese of a fresh process (jieba and CC-CEDICT load), and the machine's load.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.synthetic import BUILTIN_QUESTIONS, load_questions, machine, peak_rss_mb, percentile
from bench.scaled import bundled_reports


async def _measure(reports: Path, work: Path, questions: list[str], repeat: int) -> dict[str, Any]:
    from knowledge.rebuild import update_store
    from knowledge.service import KnowledgeBase

    db = work / "knowledge.sqlite"
    started = time.perf_counter()
    await update_store(reports, db)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    again = await update_store(reports, db)
    same = time.perf_counter() - started
    kb = await KnowledgeBase.open(db)
    try:
        await kb.warm()
        started = time.perf_counter()
        await kb.ask("柬埔寨捐赠了多少辆自行车？")
        first_zh = time.perf_counter() - started
        times: list[float] = []
        for round_ in range(repeat + 1):
            for q in questions:
                if kb.semantic is not None:  # every question as if new: its vector is computed, not remembered
                    kb.semantic.forget()
                t = time.perf_counter()
                await kb.ask(q)
                if round_:
                    times.append((time.perf_counter() - t) * 1000)
        semantic = kb.semantic is not None
    finally:
        await kb.close()
    return {"cold_build_s": round(cold, 2), "unchanged_rebuild_s": round(same, 2), "kept": again.kept,
            "semantic": semantic, "questions": len(questions), "repeat": repeat,
            "p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 95), 1),
            "first_chinese_question_s": round(first_zh, 2), "peak_rss_mb": round(peak_rss_mb()),
            "load": [round(x, 2) for x in os.getloadavg()]}


def main(argv: list[str] | None = None) -> int:
    """Measure and print the figures."""
    p = argparse.ArgumentParser(prog="python -m bench.answers", description=__doc__.split("\n")[0])
    p.add_argument("--questions", type=Path, help="a YAML list with `q` keys, or one question per line")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--runs", type=int, default=3, help="runs; the median of each figure is printed")
    args = p.parse_args(argv)
    questions = load_questions(args.questions) if args.questions else list(BUILTIN_QUESTIONS)
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(asyncio.run(_measure(bundled_reports(), Path(tmp), questions, args.repeat)))
    keys = ("cold_build_s", "unchanged_rebuild_s", "p50_ms", "p95_ms", "first_chinese_question_s", "peak_rss_mb")
    result = {"machine": machine(), "runs": runs, **{k: statistics.median(r[k] for r in runs) for k in keys}}
    print(json.dumps(result, ensure_ascii=False))
    print("\n".join(f"{k:26s} {result[k]}" for k in keys), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
