"""Date ranges through the chat: /events, questions, /export."""
from __future__ import annotations

from tests.bot.conftest import Harness
from tests.bot.test_timeline import parse_csv


async def test_events_questions_and_export_take_date_ranges(harness: Harness) -> None:
    whole = await harness.ask("/events March 2018")
    narrow = await harness.ask("/events between 10 and 20 March 2018")
    assert narrow["text"].startswith(tuple(f"{n} events (10–20 March 2018)" for n in range(1, 9)))
    assert int(narrow["text"].split()[0]) < int(whole["text"].split()[0])
    iso = await harness.ask("/events from 2018-03-01 to 2018-03-10")
    assert "(1–10 March 2018)" in iso["text"].split("\n")[0]
    asked = await harness.ask("what happened between 10 and 20 March 2018?")
    assert asked["text"].split("\n")[0] == narrow["text"].split("\n")[0]
    mark = harness.api.mark()
    harness.api.user_message("/export Cambodia since 2025")
    document = await harness.api.wait_for("sendDocument", after=mark, timeout=30)
    rows = parse_csv(harness.api.file_bytes(document.result["document"]["file_id"]))
    assert rows and all(r["start"] >= "2025" for r in rows)
