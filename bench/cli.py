"""The command line of the benchmarks: ``python -m bench [synthetic] ...`` and ``python -m bot bench ...``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None, prog: str = "python -m bench") -> int:
    """Run a benchmark: the scaled corpora by default, ``synthetic`` for the synthetic ones."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["synthetic"]:
        from bench import synthetic

        p = argparse.ArgumentParser(prog=f"{prog} synthetic", description="synthetic corpora of up to 100,000 "
                                    "events, the bundled corpus, cold start and end to end through Telegram")
        p.add_argument("--db", type=Path, help="the bundled corpus's store (default: in a temporary folder)")
        p.add_argument("--reports", type=Path, help="reports folder (default: the bundled reports)")
        synthetic.add_arguments(p)
        args = p.parse_args(argv[1:])
        from bench.scaled import bundled_reports

        reports = args.reports or bundled_reports()
        if args.db is None:
            import tempfile

            with tempfile.TemporaryDirectory(prefix="bench-bundled-") as tmp:
                return synthetic.run(args, Path(tmp) / "knowledge.sqlite", reports)
        return synthetic.run(args, args.db, reports)
    from bench import scaled

    p = argparse.ArgumentParser(prog=prog, description=scaled.__doc__.splitlines()[0] if scaled.__doc__ else None)
    scaled.add_arguments(p)
    return scaled.run(p.parse_args(argv))
