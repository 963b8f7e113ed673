"""Subscriptions: what /subscribe understood and would have matched, /unsubscribe of what is not
followed, /pause and /resume (end to end); the digest's header, grammar and missing fields."""
from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from knowledge import digest
from knowledge.service import KnowledgeBase
from tests.bot.conftest import USER, Harness
from tests.bot.test_admin import NEW_REPORT, upload


async def test_subscribe_says_what_it_understood_and_how_many_events_match(harness: Harness) -> None:
    kb = harness.services().kb
    expected = len(await digest.matching_events(kb, await kb.all_events(), await digest.resolve(kb, "Cambodia")))
    reply = await harness.ask("/subscribe Cambodia")
    assert "the place Cambodia" in reply["text"] and f"{expected} events match" in reply["text"]
    nothing = await harness.ask("/subscribe xyzzy")
    assert "No event in the 5 reports I have now matches" in nothing["text"]
    assert "did you mean something else?" in nothing["text"]


async def test_unsubscribe_of_a_topic_not_followed_says_so(harness: Harness) -> None:
    await harness.ask("/subscribe Cambodia")
    reply = await harness.ask("/unsubscribe Peru")
    assert reply["text"].startswith("You do not follow Peru.")
    assert len(await harness.services().state.subscriptions(USER)) == 1


async def test_pause_holds_digests_and_resume_sends_them_without_losing_subscriptions(harness: Harness) -> None:
    api = harness.api
    await harness.ask("/subscribe Cambodia")
    paused = await harness.ask("/pause")
    assert "paused" in paused["text"]
    assert "already paused" in (await harness.ask("/pause"))["text"]
    text = await upload(harness, "jan-2026.txt", NEW_REPORT.encode())
    assert "Reloaded" in text
    from bot.admin import deliver_job

    await harness.app.job_queue.run_once(deliver_job, 0).run(harness.app)
    await api.wait_idle()
    assert not [c for c in api.calls("sendMessage") if c.params["chat_id"] == USER and "New report" in c.result["text"]]
    assert len(await harness.services().state.subscriptions(USER)) == 1
    mark = api.mark()
    resumed = await harness.ask("/resume")
    assert "1 digest that waited is on the way" in resumed["text"]
    sent = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER and "New report" in c.result["text"],
                              after=mark, timeout=20)
    assert "1 of its 2 events concerns Cambodia:" in sent.result["text"]
    assert "not paused" in (await harness.ask("/resume"))["text"]


def test_digest_header_grammar_list_and_missing_fields(built_store: Path) -> None:
    async def run() -> None:
        kb = await KnowledgeBase.open(built_store)
        try:
            report = next(r for r in kb.reports.values() if "Vol. 1, 2025" in r.title)
            topic = await digest.resolve(kb, "Cambodia")
            answer = await digest.compose(kb, report, topic)
            assert answer is not None
            lines = answer.text.split("\n")
            head = next(line for line in lines if " of its " in line)
            n = int(head.split()[0])
            assert head.endswith(("events concern Cambodia:", "event concerns Cambodia:")) if n != 1 else \
                head.endswith("concerns Cambodia:")
            listed = lines[lines.index(head) + 1:lines.index(head) + 1 + min(n, digest.DIGEST_ITEMS)]
            # every event the header counts shows first the place it is listed for
            events = await kb.events_by_id([int(h.id) for h in answer.hits[:len(listed)]])
            for line, e in zip(listed, events):
                first = line.rsplit(" [", 1)[1].split(",")[0].rstrip("]")
                assert first in {p.name for p in e.places if "Cambodia" in (p.name, p.country)}, line
            bare = dataclasses.replace(report, publisher="", issue_date="")
            text = (await digest.compose(kb, bare, topic)).text
            assert ", " not in text.split("\n")[1][:2] and not text.split("\n")[1].startswith(",")
            assert "\n, " not in text and ", \n" not in text
        finally:
            await kb.close()

    asyncio.run(run())


async def test_subscriptions_take_date_ranges(harness: Harness) -> None:
    api = harness.api
    kb = harness.services().kb
    recent = await harness.ask("/subscribe Cambodia since 2025")
    expected = len([e for e in await kb.events_by_id(await kb.matching_event_ids("Cambodia since 2025"))])
    assert "the place Cambodia, since 2025" in recent["text"] and f"{expected} events match" in recent["text"]
    (sub,) = await harness.services().state.subscriptions(USER)
    assert (sub.date_from, sub.date_to) == ("2025-01-01", "9999-12-31")
    old = await harness.ask("/subscribe Cambodia before 2020", user_id=2100)
    assert "before 2020" in old["text"]
    await upload(harness, "jan-2026.txt", NEW_REPORT.encode())  # its Cambodia event is dated 29 December 2025
    from bot.admin import deliver_job

    await harness.app.job_queue.run_once(deliver_job, 0).run(harness.app)
    await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER and c.result["text"].startswith("New report"),
                       timeout=20)
    await api.wait_idle()
    assert not [c for c in api.calls("sendMessage") if c.params["chat_id"] == 2100
                and c.result["text"].startswith("New report")]
