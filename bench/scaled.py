"""``python -m bench``: the build and the answerer on scaled corpora of real text, beside FTS5 and tantivy.

For each size (1x, 10x and 50x the bundled reports by default; ``--sizes 1,10,50,200``), a folder of
that many copies of the bundled reports is written (see ``bench.scale``) and, ``--runs`` times (the
median is reported, with the machine's 1-minute load before and after each run):

- **full build**: ``update_store`` into an empty data folder (no cache): wall time, CPU time (all
  threads of the build process) and CPU per report, peak memory, store size, reports, events,
  organisation and person profiles, and how many profiles "what is CFPA?" names;
- **no-change rebuild**: the same folder again (the store is kept);
- **add one report**: one new issue (a further copy of the weekly briefing) added to the folder and
  the store brought up to date (one report extracted, the rest from the cache, profiles merged anew)
  in two steps, as /reload does: "answerable" when the store is swapped in with the new report's
  passages found by their words, "add one" when their vectors are swapped in too;
- **warm answers**: a process opens the store, warms it as the bot does, and asks every question
  ``--repeat`` times: p50 / p95 / max per question;
- **cold start**: ``python -m bot ask`` from process start to the answer printed;
- **SQLite FTS5 and tantivy** on the same passages and questions: index time, index size, peak memory,
  warm p50 / p95 of a top-10 search, cold start (a new process opens the index and searches once).

Every measurement runs in its own process (``python -m bench.scaled worker ...``) so that each has its
own peak memory. Figures are printed by this script; nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.synthetic import BUILTIN_QUESTIONS, load_questions, machine, peak_rss_mb, percentile, question_mix

DEFAULT_SIZES = (1, 10, 50)
ADD_REPORT = "cdb-weekly-briefing-2025-12-21.txt"  # the one added: a weekly briefing, as a new issue would be
CFPA_QUESTION = "what is CFPA?"
_WORD = re.compile(r"[a-z0-9]+")


def bundled_reports() -> Path:
    """The reports the project ships: the checkout's folder, or the copy installed with the package."""
    here = Path(__file__).resolve().parent.parent / "reports"
    return here


def questions_for(base_reports: Path, cache: Path, questions_file: Path | None, seed: int) -> list[str]:
    """The questions every size is asked: a file's, or the built-in list and a mix of kinds made
    from the bundled corpus (the same at every size, so that sizes compare)."""
    if questions_file:
        return load_questions(questions_file)
    from bench.scale import base_corpus

    base = base_corpus(base_reports, cache)
    return list(dict.fromkeys(BUILTIN_QUESTIONS + [q for _, q in question_mix(base, seed)]))


# --- workers (one process each) --------------------------------------------------------------------

async def _build(reports: Path, db: Path, later: bool = False) -> dict[str, Any]:
    """One build. With ``later``, as /reload builds: the store is swapped in before the new passages
    are embedded ("answerable_s": by their words), then their vectors are swapped in ("build_s")."""
    from knowledge.rebuild import update_store
    from knowledge.service import KnowledgeBase

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, wall = time.process_time(), time.perf_counter()
    result = await update_store(reports, db, vectors_later=later)
    answerable = time.perf_counter() - wall
    pending = result.vectors.passages if result.vectors is not None else 0
    if result.vectors is not None:
        await result.vectors.finish()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # embedding workers, once they have ended
    cpu += (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    kb = await KnowledgeBase.open(db)
    try:
        counts = await kb.counts()
        cfpa = await kb._rows("SELECT count(*) FROM names WHERE kind = 'acronym' AND surface = 'CFPA'")
        meta = dict(await kb._rows("SELECT key, value FROM meta WHERE key IN ('embedded_new', 'embed_model')"))
        vectors = (await kb._rows("SELECT count(*) FROM passage_vectors"))[0][0] if kb.semantic else 0
    finally:
        await kb.close()
    return {"build_s": round(wall, 2), "answerable_s": round(answerable, 2), "pending": pending,
            "cpu_s": round(cpu, 2), "kept": result.kept, "extracted": result.extracted,
            "embedded": int(meta.get("embedded_new", 0)), "vectors": vectors,
            "cached": result.cached, "reports": counts["reports"], "events": counts["events"], "orgs": counts["orgs"],
            "people": counts["people"], "cfpa_profiles": cfpa[0][0], "store_mb": round(db.stat().st_size / 1e6, 1),
            "peak_mb": round(peak_rss_mb())}


async def _answer(db: Path, questions: list[str], repeat: int) -> dict[str, Any]:
    from knowledge.service import KnowledgeBase

    kb = await KnowledgeBase.open(db)
    try:
        await kb.warm()
        await kb.ask("warm up")
        times: list[float] = []
        best: dict[int, float] = {}
        for _ in range(max(1, repeat)):
            for i, q in enumerate(questions):
                if kb.semantic:  # every question embedded, as a user's new question is
                    kb.semantic.forget()
                t = time.perf_counter()
                await kb.ask(q)
                times.append((time.perf_counter() - t) * 1000)
                best[i] = min(best.get(i, times[-1]), times[-1])
        cfpa = await kb.ask(CFPA_QUESTION)
        acronym_orgs = [o for o in await kb.all_orgs() if "CFPA" in o.acronyms]
        named = sum(o.name in cfpa.text for o in acronym_orgs)
    finally:
        await kb.close()
    return {"questions": len(questions), "semantic": kb.semantic is not None, "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 95), 2), "max_ms": round(max(times), 2),
            # Each question's fastest round: what the answerer costs, without the moments another
            # program held the CPU (on a shared machine those decide the p95 over every round).
            "best_p50_ms": round(statistics.median(best.values()), 2),
            "best_p95_ms": round(percentile(list(best.values()), 95), 2),
            "cfpa_answer_names": named, "answer_peak_mb": round(peak_rss_mb())}


def _seed_vectors(db: Path, cache: Path, unseen: Path | None = None) -> dict[str, Any]:
    """A vector cache for a scaled store, so that adding a report embeds only that report, as in an
    archive whose reports were embedded when they came. The bundled reports' passages get their real
    vectors (the shipped ones, or embedded now); a copy's passage gets the vector of the bundled
    passage at the same place in the same report (a stand-in: embedding 50 copies for real would take
    about an hour of CPU, and costs do not depend on the vectors' values).

    With ``unseen`` (the report about to be added), no passage text of that report gets a vector,
    and the bundled reports' real vectors go into the cache too: a build that does not read the
    shipped vectors (BOT_SHIPPED_VECTORS=0) then embeds every passage of that report, as for a wholly
    new report, and nothing else."""
    from knowledge.cache import passage_hash
    from knowledge.embed import VectorCache, default_embedder, embed_texts

    embedder = default_embedder()
    if embedder is None:
        return {"seeded": 0}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT p.text, e.report_id FROM passages p JOIN events e ON e.id = p.event_id "
                            "ORDER BY p.id").fetchall()
    by_report: dict[str, list[str]] = {}
    for text, rid in rows:
        by_report.setdefault(rid, []).append(text)
    originals = [r for r in by_report if not _COPY.search(r)]
    texts = [t for r in originals for t in by_report[r]]
    vectors = VectorCache(cache, embedder.model_id)
    real, embedded = embed_texts(texts, embedder, vectors)
    own: dict[str, Any] = {}
    at = 0
    for r in originals:
        own[r] = real[at:at + len(by_report[r])]
        at += len(by_report[r])
    known = {passage_hash(t) for t in texts}
    skip = _passage_keys(unseen) if unseen is not None else set()
    if unseen is not None:
        vectors.put({h: v for h, v in zip(map(passage_hash, texts), real) if h not in skip})
    stand_ins: dict[str, Any] = {}
    for rid, passages in by_report.items():
        m = _COPY.search(rid)
        source = own.get(rid[:m.start()]) if m else None
        if source is None or not len(source):
            continue
        for i, text in enumerate(passages):
            h = passage_hash(text)
            if h not in known and h not in skip:
                stand_ins[h] = source[min(i, len(source) - 1)]
    vectors.put(stand_ins)
    return {"seeded": len(stand_ins), "real": len(known), "embedded": embedded, "unseen": len(skip)}


def _passage_keys(report: Path) -> set[str]:
    """The vector keys of a report's passages (read with its folder's catalog entry)."""
    from knowledge.build import extract_report
    from knowledge.cache import passage_hash
    from knowledge.catalog import load_catalog
    from knowledge.gazetteer import default_gazetteer
    from knowledge.store import event_passages

    found = extract_report(report, load_catalog(report.parent).get(report.name), default_gazetteer())
    return {passage_hash(p) for e in (found.events if found else []) for p in event_passages(e.title, e.text)}


_COPY = re.compile(r"-copy\d{3}$")


def _passages(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT id, text FROM passages ORDER BY id").fetchall()


def _terms(question: str) -> list[str]:
    return _WORD.findall(question.lower())


def _fts5(db: Path, index_dir: Path, questions: list[str], repeat: int, build: bool) -> dict[str, Any]:
    path = index_dir / "fts5.sqlite"
    out: dict[str, Any] = {}
    if build:
        passages = _passages(db)
        path.unlink(missing_ok=True)
        t = time.perf_counter()
        conn = sqlite3.connect(path)
        conn.execute("CREATE VIRTUAL TABLE p USING fts5 (text, tokenize='porter unicode61 remove_diacritics 2')")
        conn.executemany("INSERT INTO p (rowid, text) VALUES (?, ?)", passages)
        conn.commit()
        out = {"index_s": round(time.perf_counter() - t, 2), "passages": len(passages)}
        conn.close()
        out["index_mb"] = round(path.stat().st_size / 1e6, 1)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def search(q: str) -> list[int]:
        match = " OR ".join('"' + t + '"' for t in _terms(q))
        if not match:
            return []
        return [r[0] for r in conn.execute("SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT 10", (match,))]

    return _searched(out, search, questions, repeat, build)


def _tantivy(db: Path, index_dir: Path, questions: list[str], repeat: int, build: bool) -> dict[str, Any]:
    import tantivy

    folder = index_dir / "tantivy"
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("id", stored=True, indexed=True)
    sb.add_text_field("text", stored=False, tokenizer_name="en_stem")
    schema = sb.build()
    out: dict[str, Any] = {}
    if build:
        passages = _passages(db)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        t = time.perf_counter()
        index = tantivy.Index(schema, path=str(folder))
        writer = index.writer(heap_size=200_000_000, num_threads=1)  # one thread: the machine has two cores
        for pid, text in passages:
            writer.add_document(tantivy.Document(id=pid, text=text))
        writer.commit()
        writer.wait_merging_threads()
        out = {"index_s": round(time.perf_counter() - t, 2), "passages": len(passages),
               "index_mb": round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6, 1)}
    index = tantivy.Index(schema, path=str(folder))
    index.reload()
    searcher = index.searcher()

    def search(q: str) -> list[int]:
        terms = _terms(q)
        if not terms:
            return []
        query = index.parse_query(" ".join(terms), ["text"])
        return [searcher.doc(addr)["id"][0] for _, addr in searcher.search(query, 10).hits]

    return _searched(out, search, questions, repeat, build)


def _searched(out: dict[str, Any], search: Any, questions: list[str], repeat: int, build: bool) -> dict[str, Any]:
    if not build:  # a cold start: one search in a new process
        search(questions[0])
        return {"found": True}
    search("warm up")
    times = []
    for _ in range(max(1, repeat)):
        for q in questions:
            t = time.perf_counter()
            search(q)
            times.append((time.perf_counter() - t) * 1000)
    out.update({"p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 95), 2),
                "max_ms": round(max(times), 2), "peak_mb": round(peak_rss_mb())})
    return out


def worker_main(argv: list[str] | None = None) -> int:
    # Scaled copies are new text to the embedding model: at about 0.2 s a passage on one core, 50
    # copies would take hours to embed. Their builds measure extraction, merging and the store;
    # the embedding cost per report is measured on its own (BOT_EMBED=1 in the environment embeds).
    os.environ.setdefault("BOT_EMBED", "0")
    """``python -m bench.scaled build|answer|fts5|tantivy ...``: one measurement, one JSON line."""
    p = argparse.ArgumentParser(prog="python -m bench.scaled")
    p.add_argument("what", choices=["build", "answer", "seed-vectors", "fts5", "tantivy", "fts5-cold", "tantivy-cold"])
    p.add_argument("--cache", type=Path)
    p.add_argument("--reports", type=Path)
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--index-dir", type=Path)
    p.add_argument("--questions", type=Path)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--later", action="store_true", help="build: swap the store in first, then its new vectors")
    p.add_argument("--unseen", type=Path, help="seed-vectors: the report about to be added, whose text no vector is seeded for")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    questions = json.loads(args.questions.read_text(encoding="utf-8")) if args.questions else list(BUILTIN_QUESTIONS)
    if args.what == "build":
        out = asyncio.run(_build(args.reports, args.db, args.later))
    elif args.what == "seed-vectors":
        out = _seed_vectors(args.db, args.cache, args.unseen)
    elif args.what == "answer":
        out = asyncio.run(_answer(args.db, questions, args.repeat))
    elif args.what.startswith("fts5"):
        out = _fts5(args.db, args.index_dir, questions, args.repeat, build=args.what == "fts5")
    else:
        out = _tantivy(args.db, args.index_dir, questions, args.repeat, build=args.what == "tantivy")
    print(json.dumps(out, ensure_ascii=False))
    return 0


def _worker(argv: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-m", "bench.scaled", *argv], capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})
    if proc.returncode != 0:
        raise RuntimeError(f"bench worker {' '.join(argv)} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _timed(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds from starting a command to its end (a cold start)."""
    t = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, check=False, env={**os.environ, **(env or {})})
    took = time.perf_counter() - t
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"{' '.join(argv[1:4])} failed: {proc.stderr[-2000:]}")
    return took


# --- one size ----------------------------------------------------------------------------------------

def measure_size(copies: int, folder: Path, work: Path, questions_file: Path, repeat: int, engines: list[str],
                 base_reports: Path, base: Any, add_report: str = ADD_REPORT, unseen: bool = False) -> dict[str, Any]:
    """One run at one size: build, no-change rebuild, add one report, answers, cold start, engines.
    With ``unseen`` the added report's text is new to the vector cache: every passage is embedded, as
    for a wholly new report (without it, a copy shares most of its paragraphs with the store's copies
    of the same report, whose vectors are cached)."""
    from bench.scale import add_copy

    load_before = os.getloadavg()[0]
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    db = data / "knowledge.sqlite"
    out: dict[str, Any] = {"copies": copies}
    full = _worker(["build", "--reports", str(folder), "--db", str(db)])
    out.update(full)
    out["cpu_per_report_ms"] = round(1000 * full["cpu_s"] / max(1, full["reports"]), 1)
    same = _worker(["build", "--reports", str(folder), "--db", str(db)])
    out["nochange_s"], out["nochange_kept"] = same["build_s"], same["kept"]
    # Warm answers of the lexical answerer (the store has no passage vectors): the part that grows.
    asked = _worker(["answer", "--db", str(db), "--questions", str(questions_file), "--repeat", str(repeat)])
    out.update(asked)
    # Adding a report embeds it: the store's other passages take their vectors from the cache.
    vector_cache = data / "vectors.cache.sqlite"
    catalog = (folder / "catalog.yaml").read_bytes()
    added = add_copy(base_reports, folder, copies, base=base, only=add_report)
    embed_env = {"BOT_EMBED": "1", "BOT_VECTOR_CACHE": str(vector_cache)}
    try:
        seed = ["seed-vectors", "--db", str(db), "--cache", str(vector_cache)]
        if unseen:
            seed += ["--unseen", str(folder / added[0])]
            embed_env["BOT_SHIPPED_VECTORS"] = "0"  # the added report's paragraphs are in them
        seeded = _worker(seed, env={"BOT_EMBED": "1"})
        one = _worker(["build", "--reports", str(folder), "--db", str(db), "--later"], env=embed_env)
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            added_passages = conn.execute(
                "SELECT count(DISTINCT p.text) FROM passages p JOIN events e ON e.id = p.event_id "
                "WHERE e.report_id = ?", (Path(added[0]).stem,)).fetchone()[0]
    finally:
        for name in added:
            (folder / name).unlink(missing_ok=True)
        (folder / "catalog.yaml").write_bytes(catalog)
    out.update({"add_one_s": one["build_s"], "add_one_answerable_s": one["answerable_s"],
                "add_one_pending": one["pending"], "add_one_cpu_s": one["cpu_s"], "add_one_extracted": one["extracted"],
                "add_one_cached": one["cached"], "add_one_peak_mb": one["peak_mb"], "add_one_embedded": one["embedded"],
                "add_one_report": add_report, "add_one_unseen": unseen, "add_one_passages": added_passages,
                "vectors": one["vectors"], "stand_in_vectors": seeded.get("seeded", 0)})
    # Warm answers with semantic retrieval, each question embedded anew: what users get.
    semantic = _worker(["answer", "--db", str(db), "--questions", str(questions_file), "--repeat", str(repeat)])
    out["semantic"] = {k: semantic[k] for k in ("semantic", "p50_ms", "p95_ms", "max_ms", "best_p50_ms", "best_p95_ms",
                                                "answer_peak_mb")}
    out["cold_s"] = round(_timed([sys.executable, "-m", "bot", "ask", "--db", str(db), "--reports", str(folder),
                                  CFPA_QUESTION]), 3)
    index_dir = work / "engines"
    index_dir.mkdir(exist_ok=True)
    for engine in engines:
        try:
            figures = _worker([engine, "--db", str(db), "--index-dir", str(index_dir), "--questions", str(questions_file),
                               "--repeat", str(repeat)])
            figures["cold_s"] = round(_timed([sys.executable, "-m", "bench.scaled", f"{engine}-cold", "--db", str(db),
                                              "--index-dir", str(index_dir), "--questions", str(questions_file)]), 3)
        except (RuntimeError, OSError) as exc:
            figures = {"error": str(exc)[-300:]}
        out[engine] = figures
    shutil.rmtree(index_dir, ignore_errors=True)
    out["load"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return out


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of every number over the runs (other values from the first run); loads listed."""
    out: dict[str, Any] = {}
    for key, value in runs[0].items():
        if key == "load":
            out["loads"] = [r["load"] for r in runs]
        elif isinstance(value, dict):
            out[key] = median_of([r[key] for r in runs if isinstance(r.get(key), dict)])
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            vals = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
            if all(isinstance(v, int) for v in vals):
                out[key] = statistics.median_low(vals)  # a count stays a count with an even number of runs
            else:
                out[key] = round(statistics.median(vals), 3)
        else:
            out[key] = value
    out["runs"] = len(runs)
    return out


# --- the command -------------------------------------------------------------------------------------

def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``python -m bench`` and ``python -m bot bench``."""
    p.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                   help="corpus sizes in copies of the bundled reports, comma-separated (default 1,10,50; add 200 for the archive size)")
    p.add_argument("--runs", type=int, default=3, help="runs per size; the median is reported (default 3)")
    p.add_argument("--repeat", type=int, default=3, help="times each question is asked per run (default 3)")
    p.add_argument("--engines", default="fts5,tantivy", help="search engines measured beside the answerer "
                   "(fts5, tantivy; '' for none)")
    p.add_argument("--questions", type=Path, help="questions: a YAML list with `q` keys, or one per line "
                   "(default: a built-in list and a mix of kinds made from the bundled reports)")
    p.add_argument("--reports", type=Path, help="the reports the corpora are copies of (default: the bundled reports)")
    p.add_argument("--add-report", default=ADD_REPORT, help="the bundled report added as a new issue to each store "
                   f"(default {ADD_REPORT}, a weekly briefing)")
    p.add_argument("--add-unseen", action="store_true", help="the added report is new text to the vector cache: "
                   "every one of its passages is embedded, as for a wholly new report (default: a copy, whose "
                   "unchanged paragraphs have cached vectors)")
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("--workdir", type=Path, help="where the scaled folders and stores go (default: a temporary "
                   "folder, deleted afterwards; a given one is kept and its folders reused)")
    p.add_argument("--json", type=Path, dest="json_file", help="also write the figures to this JSON file")


def run(args: argparse.Namespace) -> int:
    """Run the scaled benchmark: print the table (and write JSON when asked). Returns the exit code."""
    from bench.scale import base_corpus, scaled_reports

    sizes = [int(s) for s in str(args.sizes).split(",") if s.strip() and int(s) > 0]
    engines = [e.strip() for e in str(args.engines).split(",") if e.strip()]
    source = args.reports or bundled_reports()
    if not (source / "catalog.yaml").exists() and not any(source.glob("*.txt")):
        print(f"error: no reports in {source}; pass --reports DIR", file=sys.stderr)
        return 2
    keep = args.workdir is not None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-scaled-"))
    workdir.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "sizes": []}
    try:
        base_cache = workdir / "base.cache.sqlite"
        base = base_corpus(source, base_cache)
        questions_file = workdir / "questions.json"
        questions_file.write_text(json.dumps(questions_for(source, base_cache, args.questions, args.seed)), encoding="utf-8")
        for copies in sizes:
            folder = workdir / f"reports-{copies}x"
            scaled_reports(source, folder, copies, seed=args.seed, base=base, start=_copies_in(folder))
            runs = []
            for i in range(max(1, args.runs)):
                runs.append(measure_size(copies, folder, workdir / f"run-{copies}x", questions_file, args.repeat,
                                         engines, source, base, add_report=args.add_report,
                                         unseen=args.add_unseen))
                print(f"# {copies}x run {i + 1}: build {runs[-1]['build_s']} s, add one: answerable "
                      f"{runs[-1]['add_one_answerable_s']} s, embeddings done {runs[-1]['add_one_s']} s "
                      f"({runs[-1]['add_one_embedded']} passages embedded), p95 {runs[-1]['p95_ms']} ms "
                      f"(best rounds {runs[-1]['best_p95_ms']}), "
                      f"with semantic retrieval {runs[-1]['semantic']['p95_ms']} ms, load {runs[-1]['load']}",
                      file=sys.stderr, flush=True)
            result["sizes"].append({**median_of(runs), "each_run": runs})
            shutil.rmtree(workdir / f"run-{copies}x", ignore_errors=True)
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
            if args.json_file:  # after every size: a long run leaves what it measured so far
                _write_json(args.json_file, result)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    result["load_1m_after"] = round(os.getloadavg()[0], 2)
    print(format_table(result))
    if args.json_file:
        _write_json(args.json_file, result)
    return 0


def _copies_in(folder: Path) -> int:
    """How many copies a kept scaled folder already holds (copy 0 included); 0 for a new folder."""
    if not (folder / "catalog.yaml").exists():
        return 0
    found = [int(m.group(1)) for p in folder.iterdir() if (m := re.search(r"-copy(\d{3})\.", p.name))]
    return max(found, default=0) + 1


def _write_json(path: Path, result: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def format_table(result: dict[str, Any]) -> str:
    """The figures as plain-text tables: the build, then the answerer beside FTS5 and tantivy."""
    m = result["machine"]
    lines = [f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}, SQLite {m['sqlite']}; "
             f"load {m['load_1m']} -> {result.get('load_1m_after')}", ""]
    head = (f"{'size':>5s} {'reports':>7s} {'events':>7s} {'orgs':>6s} {'people':>6s} {'build s':>8s} {'cpu/rep ms':>10s} "
            f"{'add 1 s':>8s} {'same s':>7s} {'store MB':>8s} {'peak MB':>9s} {'CFPA':>5s} {'runs':>4s}  load (1 min, per run)")
    lines += [head, "-" * len(head)]
    for s in result["sizes"]:
        loads = " ".join(f"{a}->{b}" for a, b in s.get("loads", []))
        lines.append(f"{str(s['copies']) + 'x':>5s} {s['reports']:7d} {s['events']:7d} {s['orgs']:6d} {s['people']:6d} "
                     f"{s['build_s']:8.1f} {s['cpu_per_report_ms']:10.0f} {s['add_one_s']:8.2f} {s['nochange_s']:7.2f} "
                     f"{s['store_mb']:8.1f} {str(s['peak_mb']) + '/' + str(s['answer_peak_mb']):>9s} "
                     f"{str(s['cfpa_profiles']) + '/' + str(s['cfpa_answer_names']):>5s} {s['runs']:4d}  {loads}")
    lines.append("(build: full build from text, no cache; cpu/rep: the build's CPU per report; add 1: one new report "
                 "added to the store; same: rebuild with nothing changed; peak MB: build / answering process; "
                 "CFPA: profiles with that acronym / named by the answer to 'what is CFPA?')")
    lines.append("")
    head = (f"{'size':>5s} {'answerable s':>12s} {'add 1 s':>8s} {'CPU s':>6s} {'embedded':>8s} {'vectors':>8s} | {'lexical p50':>11s} "
            f"{'p95':>6s} {'best p95':>8s} | {'semantic p50':>12s} {'p95':>6s} {'best p95':>8s}")
    lines += [head, "-" * len(head)]
    for s in result["sizes"]:
        sem = s.get("semantic") or {}
        lines.append(f"{str(s['copies']) + 'x':>5s} {s.get('add_one_answerable_s', 0):12.2f} {s['add_one_s']:8.2f} {s['add_one_cpu_s']:6.2f} "
                     f"{s.get('add_one_embedded', 0):8d} {s.get('vectors', 0):8d} | {s['p50_ms']:11.2f} {s['p95_ms']:6.2f} "
                     f"{s.get('best_p95_ms', 0):8.2f} | {sem.get('p50_ms', 0):12.2f} {sem.get('p95_ms', 0):6.2f} "
                     f"{sem.get('best_p95_ms', 0):8.2f}")
    lines.append("(answerable: one new report added, the store swapped in with its passages answered by their words "
                 "(as /reload does); add 1: until its passages' vectors are swapped in too, "
                 "its passages embedded (the others' vectors from the cache: copies "
                 "carry stand-ins, see bench.scaled._seed_vectors), wall s and CPU s of the build and its embedding "
                 "workers; lexical: warm ms per question on the full build, which has no vectors; semantic: on the "
                 "store after adding, each question embedded anew; best p95: the p95 of each question's fastest round)")
    lines.append("")
    head = (f"{'size':>5s} {'passages':>8s} | {'ours p50':>8s} {'p95':>6s} {'cold s':>6s} | "
            + " | ".join(f"{e + ' idx s':>11s} {'MB':>5s} {'p50':>6s} {'p95':>6s} {'cold s':>6s}"
                         for e in ("fts5", "tantivy")))
    lines += [head, "-" * len(head)]
    for s in result["sizes"]:
        cells = []
        for e in ("fts5", "tantivy"):
            f = s.get(e) or {}
            if "p95_ms" in f:
                cells.append(f"{f['index_s']:11.2f} {f['index_mb']:5.1f} {f['p50_ms']:6.2f} {f['p95_ms']:6.2f} "
                             f"{f['cold_s']:6.2f}")
            else:
                cells.append(f"{'–':>11s} {'':5s} {'':6s} {'':6s} {'':6s}")
        passages = (s.get("fts5") or s.get("tantivy") or {}).get("passages", 0)
        lines.append(f"{str(s['copies']) + 'x':>5s} {passages:8d} | {s['p50_ms']:8.2f} {s['p95_ms']:6.2f} "
                     f"{s['cold_s']:6.2f} | " + " | ".join(cells))
    lines.append("(warm latency in ms per question over every round; ours: the whole answer; fts5 and tantivy: a "
                 "top-10 search of the same passages for the question's words; cold: a new process to the first "
                 "answer or search)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(worker_main())
