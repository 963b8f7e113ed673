"""The command line: the same answers as the bot, as plain text or JSON."""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

import yaml

from bot.config import Config, ConfigError, load_config, seed_reports
from knowledge.errors import KnowledgeError
from knowledge.evaluation import score
from knowledge.service import KnowledgeBase

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="Questions about reports on Chinese "
                                "civil-society organisations' international exchanges.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, help="knowledge store file (default: DATA_DIR/knowledge.sqlite)")
    common.add_argument("--reports", type=Path, help="reports folder (default: the bundled reports)")
    common.add_argument("--config", type=Path, help="optional YAML settings file")
    sub = p.add_subparsers(dest="command")
    ask = sub.add_parser("ask", parents=[common], help="answer a question (or a file of them)")
    ask.add_argument("question", nargs="*")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--batch", type=Path, help="a file with one question per line")
    sub.add_parser("build", parents=[common], help="(re)build the knowledge store from the reports")
    for name in ("events", "orgs", "people"):
        sp = sub.add_parser(name, parents=[common], help=f"print every {name[:-1] if name != 'people' else 'person'}")
        sp.add_argument("--json", action="store_true")
        if name == "events":
            sp.add_argument("--csv", action="store_true", help="CSV (UTF-8 with a byte-order mark) for spreadsheets")
            sp.add_argument("filters", nargs="*", help="only the events /events lists for these filters")
    tl = sub.add_parser("timeline", parents=[common], help="draw a PNG chart of an organisation's, a person's "
                        "or a place's events per month")
    tl.add_argument("topic", nargs="+")
    tl.add_argument("--out", type=Path, required=True, help="the PNG file to write")
    ev = sub.add_parser("eval", parents=[common], help="score a question file (YAML) with the evaluation's rules")
    ev.add_argument("file", type=Path)
    ev.add_argument("--show-fails", action="store_true")
    cal = sub.add_parser("calibrate", parents=[common], help="fit the found/not-found decision on labelled "
                         "question files (default: the shipped calibration set) and print its weights")
    cal.add_argument("file", type=Path, nargs="*")
    ex = sub.add_parser("eval-extraction", help="score extraction on a folder of reports with gold/*.yaml events "
                        "(precision and recall of items, dates, places, organisations, people)")
    ex.add_argument("folder", type=Path)
    ex.add_argument("--verbose", action="store_true", help="list every miss and extra")
    sub.add_parser("console", parents=[common], help="ask questions interactively")
    bench = sub.add_parser("bench", add_help=False, help="benchmarks: build, add one report, rebuild, answers "
                           "and memory on scaled corpora of real text beside FTS5 and tantivy ('bench synthetic': "
                           "synthetic corpora); the options of `python -m bench`")
    bench.add_argument("options", nargs=argparse.REMAINDER)
    run = sub.add_parser("run", parents=[common], help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    run.add_argument("--webhook", help="public webhook URL (default: long polling)")
    run.add_argument("--listen", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8443)
    chaos = sub.add_parser("chaos", help="fault injection: run every robustness case against the real bot and "
                           "the fake Bot API server of the tests (from a checkout); prints a table")
    chaos.add_argument("cases", nargs="*", help="run only these cases (default: all)")
    sub.add_parser("health", parents=[common], help="check the stores answer and take writes, and that a running bot "
                   "heard from Telegram lately (exit 1 if not)")
    backup = sub.add_parser("backup", parents=[common], help="copy the bot's own store (subscriptions, outbox) "
                            "with SQLite's online backup, safe while the bot runs")
    backup.add_argument("dest", help="a file, or a folder (existing, or ending in /) to put a dated file in")
    backup.add_argument("--keep", type=int, default=0, help="in a folder, keep only the newest N dated backups")
    restore = sub.add_parser("restore", parents=[common], help="replace the bot's own store with a backup "
                             "(stop the bot first)")
    restore.add_argument("file", type=Path)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m bot``; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["bench"]:  # the benchmarks have their own command line (python -m bench)
        from bench.cli import main as bench_main

        return bench_main(argv[1:], prog="python -m bot bench")
    args = _parser().parse_args(argv)
    try:
        config = load_config(args.config if getattr(args, "config", None) else None)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=getattr(logging, config.log_level, logging.INFO) if args.command == "run" else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    command = args.command or "console"
    if command == "eval-extraction":
        return _eval_extraction(args.folder, args.verbose)
    if command == "run" and not config.token:
        print("error: TELEGRAM_BOT_TOKEN is not set; without it, use `python -m bot ask` or `python -m bot console`.",
              file=sys.stderr)
        return 2
    if command not in ("health", "backup", "restore", "chaos") and not getattr(args, "reports", None):
        try:
            if seed_reports(config):
                print(f"copied the bundled reports into {config.reports_dir}", file=sys.stderr)
        except OSError as exc:
            print(f"error: cannot fill the reports folder {config.reports_dir}: {exc}", file=sys.stderr)
            return 2
    if command == "chaos":
        from bot import chaos as chaos_cases  # the fault-injection cases need the tests' fake server

        return chaos_cases.run(args.cases or None)
    if command == "run":
        from bot.app import run_bot  # imported here: the CLI answers without Telegram installed in the path

        return run_bot(config, webhook=args.webhook, listen=args.listen, port=args.port)
    db = getattr(args, "db", None) or config.knowledge_db
    reports = getattr(args, "reports", None) or config.reports_dir
    if command in ("health", "backup", "restore"):
        return asyncio.run(_maintain(command, args, db, config.state_db))
    try:
        return asyncio.run(_run(command, args, db, reports, config))
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`python -m bot events | head`): stop quietly, as Unix tools do. Output
        # still buffered would fail again at exit, so stdout now writes to /dev/null.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


async def _maintain(command: str, args: argparse.Namespace, db: Path, state_db: Path) -> int:
    from bot import state as bot_state  # the maintenance commands only
    from bot.health import HEARTBEAT_NAME, check_liveness, check_stores

    if command == "health":
        checks = [*await check_stores(db, state_db), check_liveness(state_db.parent / HEARTBEAT_NAME)]
        for c in checks:
            print(f"{'ok  ' if c.ok else 'FAIL'} {c.name}: {c.detail}")
        return 0 if checks and all(c.ok for c in checks) else 1
    if command == "backup":
        dest = Path(args.dest)
        if dest.is_dir() or args.dest.endswith(("/", "\\")):
            dest = dest / f"bot-{time.strftime('%Y%m%d-%H%M%S')}.sqlite"
        if not state_db.exists():
            print(f"error: no bot store at {state_db}", file=sys.stderr)
            return 1
        try:
            async with await bot_state.BotState.open(state_db) as st:
                written = await st.backup(dest)
        except (bot_state.StateError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"backed up {state_db} to {written}")
        if args.keep > 0 and written.parent == Path(args.dest):  # a folder of dated backups: rotate it
            dated = sorted(written.parent.glob("bot-*.sqlite"))
            for old in dated[: max(0, len(dated) - args.keep)]:
                old.unlink()
                print(f"removed old backup {old}")
        return 0
    try:
        bot_state.restore(args.file, state_db)
    except (bot_state.StateError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"restored {state_db} from {args.file}")
    return 0


async def _run(command: str, args: argparse.Namespace, db: Path, reports: Path, config: Config) -> int:
    if command == "build":
        from knowledge.isolate import Limits
        from knowledge.rebuild import update_store  # the readers behind the build: only here

        started = time.perf_counter()
        # Each file is read under the bot's limits; a file that fails them is set aside in rejected/.
        limits = Limits(config.ingest_seconds, config.ingest_memory_mb, config.max_events_per_file)
        # The store is swapped in first; passages not embedded yet get their vectors in a second step.
        result = await update_store(reports, db, limits=limits, vectors_later=True)
        for w in result.warnings:
            print(f"warning: {w}", file=sys.stderr)
        kb = await KnowledgeBase.open(db)
        try:
            counts = await kb.counts()
            print(f"{'kept' if result.kept else 'built'} {db}: {counts['reports']} reports, {counts['events']} events, "
                  f"{counts['orgs']} organisations, {counts['people']} people in {time.perf_counter() - started:.1f} s")
            print(result.summary())
        finally:
            await kb.close()
        if result.vectors is not None:
            print(f"answerable by keywords now; embedding {result.vectors.passages} passages "
                  f"(about {max(1, round(result.vectors.seconds_left()))} s)", flush=True)
            done = await result.vectors.finish()
            print(f"semantic search on: {done} passages got their vectors; done in {time.perf_counter() - started:.1f} s")
        return 0
    kb = await KnowledgeBase.open(db, reports)
    try:
        if command == "ask":
            return await _ask(kb, args)
        if command == "events" and (args.csv or args.filters):
            return await _events_csv(kb, args)
        if command in ("events", "orgs", "people"):
            return await _dump(kb, command, args.json)
        if command == "timeline":
            return await _timeline(kb, " ".join(args.topic), args.out)
        if command == "eval":
            return await _eval(kb, args.file, args.show_fails)
        if command == "calibrate":
            return await _calibrate(kb, args.file)
        return await _console(kb)
    finally:
        await kb.close()


async def _ask(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    if args.batch:
        questions = [line.rstrip("\n") for line in args.batch.read_text(encoding="utf-8").splitlines()]
    else:
        questions = [" ".join(args.question)]
    for question in questions:
        answer = await kb.ask(question)
        if args.json:
            print(json.dumps(answer.as_dict(), ensure_ascii=False))
        else:
            print(answer.text)
            if args.batch:
                print()
    return 0


async def _dump(kb: KnowledgeBase, what: str, as_json: bool) -> int:
    if what == "events":
        for e in await kb.all_events():
            if as_json:
                print(json.dumps({
                    "id": e.id, "title": e.title, "date_start": e.date.start if e.date else None,
                    "date_end": e.date.end if e.date else None, "date_precision": e.date.precision if e.date else None,
                    "places": [asdict(p) for p in e.places], "organizations": [asdict(o) for o in e.organizations],
                    "people": [asdict(p) for p in e.people], "figures": [asdict(f) for f in e.figures],
                    "summary": e.summary, "source": e.source.as_dict()}, ensure_ascii=False))
            else:
                print(f"{e.date.start if e.date else '----------'}  {e.title}")
    elif what == "orgs":
        for o in await kb.all_orgs():
            print(json.dumps(asdict(o), ensure_ascii=False) if as_json else
                  f"{o.name}{' (' + ', '.join(o.acronyms) + ')' if o.acronyms else ''} — {o.kind}, {len(o.event_ids)} events")
    else:
        for p in await kb.all_people():
            print(json.dumps(asdict(p), ensure_ascii=False) if as_json else
                  f"{p.name} — {p.titles[0].title if p.titles else ''}")
    return 0


async def _events_csv(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    from knowledge import browse
    from knowledge.export import events_csv

    filters = " ".join(args.filters)
    events = await browse.filtered_events(kb, filters) if filters else await kb.all_events()
    if not args.csv:  # filters without --csv: the plain listing of those events
        for e in events:
            print(f"{e.date.start if e.date else '----------'}  {e.title}")
        return 0
    keys = await browse.keys_of(kb, "event", [e.id for e in events])
    sys.stdout.buffer.write(events_csv(events, keys, kb.reports).encode("utf-8"))
    return 0


async def _timeline(kb: KnowledgeBase, topic_text: str, out: Path) -> int:
    from bot.timeline import timeline_png
    from knowledge import browse

    topic = await browse.topic_events(kb, topic_text)
    if topic is None or not topic.events:
        print(f"error: no organisation, person or place with events for {topic_text!r}", file=sys.stderr)
        return 1
    png = timeline_png(topic.label, list(topic.events), {rid: r.title for rid, r in kb.reports.items()})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(png)
    print(f"wrote {out}: {len(topic.events)} events of {topic.label}, {len(png)} bytes")
    return 0


async def _eval(kb: KnowledgeBase, path: Path, show_fails: bool) -> int:
    questions = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    answers = [(await kb.ask(str(q["q"]))).as_dict() for q in questions]
    result = score(questions, answers)
    for kind, (ok, total) in result["by_kind"].items():
        print(f"  {kind:14s} {ok:3d}/{total:3d}")
    if show_fails:
        for f in result["fails"]:
            print(f"FAIL {f['id']} [{f['kind']}] {f['q']!r}: {f['why']}\n     -> {f['answer']!r}")
    d = result["decision"]
    print(f"decision: precision {100 * d['precision']:.1f}% ({d['right']} of {d['answers']} answers right), "
          f"recall {100 * d['recall']:.1f}% (of {d['answerable']} answerable), "
          f"negatives honest {d['negatives_honest']}/{d['negatives']}")
    total = max(1, result["total"])
    print(f"passed {result['passed']}/{result['total']} = {100 * result['passed'] / total:.1f}%")
    return 0


async def _calibrate(kb: KnowledgeBase, paths: list[Path]) -> int:
    from knowledge import compose, decide
    from knowledge.evaluation import judge

    paths = paths or [Path(decide.__file__).parent / "data" / "calibration.yaml"]
    questions = [q for path in paths for q in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    rows = []
    for item in questions:
        q, ranked = await kb.ranked(str(item["q"]))
        # Only fact questions reach the decision; an event without the asked detail is refused
        # before the model is asked, so it teaches the model nothing.
        if not ranked or q.intent in ("list", "report", "person", "org"):
            continue
        top = ranked[0]
        negative = item.get("kind") == "negative" or item.get("found") is False
        forced = compose.fact_answer(q, decide.Decision(True, (top,), 1.0), ranked, kb.lexicon)
        right = not negative and judge({**item, "kind": "fact"}, forced.as_dict())[0]
        f = decide.features(q, top, kb.lexicon, kb._spread(q), lead=decide.lead_of(top, ranked))
        if f.detail:
            rows.append((f, right))
    weights, bias = decide.fit(rows)
    print(f"{len(rows)} labelled questions ({sum(r for _, r in rows)} whose best event answers them)")
    print("WEIGHTS = " + repr(weights) + f"  # {', '.join(decide.FEATURES)}")
    print(f"BIAS = {bias}")
    for cut in (0.3, 0.4, 0.5, 0.6, 0.7):
        said = [(decide.confidence(f, weights, bias) >= cut, r) for f, r in rows]
        tp = sum(s and r for s, r in said)
        fp = sum(s and not r for s, r in said)
        fn = sum(r and not s for s, r in said)
        print(f"cut {cut:.1f}: precision {tp / max(1, tp + fp):.2f}, recall {tp / max(1, tp + fn):.2f}")
    return 0


def _eval_extraction(folder: Path, verbose: bool) -> int:
    from knowledge.extraction_eval import format_score, score_folder

    if not (folder / "gold").is_dir():
        print(f"error: {folder} has no gold/ folder of expected events", file=sys.stderr)
        return 2
    try:
        print(format_score(score_folder(folder), verbose))
    except (KnowledgeError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


async def _console(kb: KnowledgeBase) -> int:
    print(f"{len(kb.reports)} reports loaded. Ask a question (empty line or Ctrl-D to quit).")
    loop = asyncio.get_running_loop()
    while True:
        try:
            line = await loop.run_in_executor(None, input, "? ")
        except EOFError:
            return 0
        if not line.strip():
            return 0
        print((await kb.ask(line)).text + "\n")
