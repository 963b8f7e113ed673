"""Benchmarks of the build and the answerer: ``python -m bench`` (scaled corpora of real text, beside
SQLite FTS5 and tantivy) and ``python -m bench synthetic`` (synthetic corpora of up to 100,000 events,
cold start, end to end through Telegram). ``python -m bot bench`` runs the same command."""
