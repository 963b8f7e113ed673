"""Admins keep the corpus from the chat; subscribers get digests of new reports (end to end)."""
from __future__ import annotations

import asyncio

from telegram.ext import CallbackContext

from bot.admin import deliver_job, reload_now
from tests.bot.conftest import ADMIN, USER, Harness, running_bot
from tests.conftest import REPO

NEW_REPORT = """China's NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending January 4, 2026)

CFPD Donates School Supplies in Siem Reap, Cambodia

On December 29, 2025, the China Foundation for Peace and Development (CFPD) donated 3,000 Panda Packs to primary \
schools in Siem Reap, Cambodia, together with the Cambodian Red Cross Society.

CNIE Holds Youth Exchange in Kathmandu

On December 30, 2025, the China NGO Network for International Exchanges (CNIE) held a youth exchange forum in \
Kathmandu, Nepal, attended by 120 young people from the two countries.
"""


async def upload(h: Harness, name: str, data: bytes, caption: str | None = None, user_id: int = ADMIN) -> str:
    """Send a document as ``user_id``; returns the final text of the bot's status message."""
    mark = h.api.mark()
    h.api.document_message(name, data, "text/plain", caption=caption, user_id=user_id)
    first = await h.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == user_id, after=mark, timeout=20)
    if not first.result["text"].startswith(("Saved", "Reloading")):
        return first.result["text"]
    done = await h.api.wait_for("editMessageText", lambda c: c.ok and ("Reloaded" in c.result["text"] or
                                                                        "failed" in c.result["text"]),
                                after=mark, timeout=60)
    return done.result["text"]


async def test_subscribe_resolves_and_confirms(harness: Harness) -> None:
    reply = await harness.ask("/subscribe cambodja")
    assert "Cambodia" in reply["text"]
    reply = await harness.ask("/subscribe cnie")
    assert "China NGO Network for International Exchanges (CNIE)" in reply["text"]
    reply = await harness.ask('/subscribe "free lunch"')
    assert "“free lunch”" in reply["text"]
    again = await harness.ask("/subscribe Cambodia")
    assert "already" in again["text"]
    listed = await harness.ask("/subscriptions")
    remove = [b for row in listed["reply_markup"]["inline_keyboard"] for b in row]
    assert len(remove) == 3
    mark = harness.api.mark()
    harness.api.callback_query(listed, remove[0]["callback_data"])
    answered = await harness.api.wait_for("answerCallbackQuery", after=mark)
    assert answered.params.get("text") == "Stopped."
    assert len(await harness.services().state.subscriptions(USER)) == 2
    # someone else's subscription id cannot be removed from this chat
    mark = harness.api.mark()
    harness.api.callback_query(listed, remove[1]["callback_data"], user_id=USER)
    await harness.api.wait_for("answerCallbackQuery", after=mark)
    stopped = await harness.ask("/unsubscribe")
    assert "stopped" in stopped["text"]
    assert await harness.services().state.subscriptions(USER) == []


async def test_admin_upload_reloads_and_digests_reach_matching_subscribers(harness: Harness) -> None:
    api = harness.api
    await harness.ask("/subscribe Cambodia", user_id=USER)
    await harness.ask("/subscribe Germany", user_id=2002)
    await harness.ask("/subscribe", user_id=2003)
    before = harness.services().kb.generation
    text = await upload(harness, "new briefing (Jan 2026).txt", NEW_REPORT.encode(),
                        caption="title: Weekly Briefing (Week Ending January 4, 2026)\ndate: 2026-01-04")
    assert "Reloaded" in text and "Added: Weekly Briefing (Week Ending January 4, 2026)" in text
    assert "Events" in text and "→" in text
    assert "Reports re-extracted: " in text and "from the cache: " in text
    assert (harness.config.reports_dir / "new-briefing-Jan-2026.txt").exists()
    assert harness.services().kb.generation != before
    digest = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER and "New report" in c.result["text"],
                                timeout=20)
    assert "Siem Reap" in digest.result["text"] and "1 of its 2 events concerns Cambodia:" in digest.result["text"]
    assert await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == 2003 and "New report" in c.result["text"])
    await api.wait_idle()
    assert not [c for c in api.calls("sendMessage") if c.params["chat_id"] == 2002 and "New report" in c.result["text"]]
    # the same file again is a duplicate; nothing is reloaded or sent twice
    again = await upload(harness, "copy.txt", NEW_REPORT.encode())
    assert "duplicate" in again
    await harness.app.job_queue.run_once(deliver_job, 0).run(harness.app)
    await api.wait_idle()
    digests = [c for c in api.calls("sendMessage") if "New report" in (c.result or {}).get("text", "")]
    assert len(digests) == 2
    # the answer to a question now comes from the new store
    reply = await harness.ask("what did CFPD donate in Siem Reap?")
    assert "3,000 Panda Packs" in reply["text"]


async def test_digest_delivery_survives_429_403_and_5xx(harness: Harness) -> None:
    api, svc, app = harness.api, harness.services(), harness.app
    for user in (3001, 3002, 3003):
        await harness.ask("/subscribe", user_id=user)
    await api.wait_idle()
    (harness.config.reports_dir / "briefing.txt").write_text(NEW_REPORT, encoding="utf-8")
    # 429 four times: beyond the rate limiter's own three retries, so the outbox keeps the digest for later.
    api.fail_next("sendMessage", status=429, retry_after=1, count=4)
    changes = await reload_now(CallbackContext(app))
    assert [r.file for r in changes.added] == ["briefing.txt"]
    await asyncio.sleep(0.1)
    while svc.delivery_lock.locked():  # the first delivery waits out the 429s, then leaves the rest queued
        await asyncio.sleep(0.05)
    assert (await svc.state.outbox_counts())["pending"] == 3  # nothing sent, nothing dropped
    await asyncio.sleep(1.1)  # retry_after has passed
    api.fail_next("sendMessage", status=403)  # the first chat blocked the bot
    api.fail_next("sendMessage", status=502, count=4)  # the second: Telegram fails longer than the retries last
    await deliver_job(CallbackContext(app))
    counts = await svc.state.outbox_counts()
    assert (counts["sent"], counts["cancelled"], counts["pending"]) == (1, 1, 1)
    assert len(await svc.state.all_subscriptions()) == 2  # the blocked chat was unsubscribed
    await svc.state._db.execute("UPDATE outbox SET next_attempt = 0 WHERE status = 'pending'")  # the backoff passed
    await deliver_job(CallbackContext(app))
    counts = await svc.state.outbox_counts()
    assert (counts["sent"], counts["pending"]) == (2, 0)
    # a second round sends nothing twice
    await deliver_job(CallbackContext(app))
    assert len([c for c in api.calls("sendMessage") if c.ok and "New report" in c.result["text"]]) == 2


async def test_non_admins_are_refused_and_nothing_is_saved(harness: Harness) -> None:
    for command in ("/reload", "/stats"):
        reply = await harness.ask(command)
        assert "not something I can do" in reply["text"] and "/reload" not in reply["text"]
    files = sorted(p.name for p in harness.config.reports_dir.iterdir())
    text = await upload(harness, "evil.txt", b"On May 1, 2026, nothing happened.", user_id=USER)
    assert "cannot take files" in text
    assert sorted(p.name for p in harness.config.reports_dir.iterdir()) == files


async def test_admin_upload_with_hostile_names_and_bad_files(harness: Harness) -> None:
    reports = harness.config.reports_dir
    text = await upload(harness, "../../../etc/passwd.txt", b"On May 1, 2026, CNIE met in Hanoi, Vietnam.")
    assert "Saved as passwd.txt" in text
    # saved inside the reports folder (a file that gives no text is then set aside in reports/rejected/)
    assert (reports / "passwd.txt").exists() or (reports / "rejected" / "passwd.txt").exists()
    assert not (reports.parent / "etc").exists()
    assert "I take reports as" in await upload(harness, "tool.exe", b"MZ\x90\x00")
    text = await upload(harness, "broken.pdf", b"%PDF-1.4 this is not really a pdf")
    assert "Reloaded" in text and "Warning" in text and "broken.pdf" in text
    reply = await harness.ask("what is CNIE?")  # still serving
    assert "CNIE" in reply["text"]


async def test_failed_reload_keeps_the_old_store_and_two_reloads_do_not_overlap(harness: Harness) -> None:
    svc = harness.services()
    catalog = harness.config.reports_dir / "catalog.yaml"
    good = catalog.read_text(encoding="utf-8")
    catalog.write_text("reports: [this is: not valid", encoding="utf-8")
    before = svc.kb.generation
    mark = harness.api.mark()
    harness.api.user_message("/reload", user_id=ADMIN)
    failed = await harness.api.wait_for("editMessageText", lambda c: "failed" in c.result["text"], after=mark, timeout=30)
    assert "previous store keeps serving" in failed.result["text"]
    assert svc.kb.generation == before
    reply = await harness.ask("what is CNIE?")
    assert "CNIE" in reply["text"]
    catalog.write_text(good, encoding="utf-8")
    mark = harness.api.mark()
    harness.api.user_message("/reload", user_id=ADMIN)
    harness.api.user_message("/reload", user_id=ADMIN)
    # the second is told (by a new message, or by its status message, whichever it reached first)
    busy = await harness.api.wait_for("editMessageText", lambda c: c.ok and "already running" in c.result["text"],
                                      after=mark, timeout=30)
    assert busy.ok
    done = await harness.api.wait_for("editMessageText", lambda c: c.ok and "Reloaded" in c.result["text"], after=mark,
                                      timeout=60)
    assert "No report was added" in done.result["text"]


async def test_stats_for_admins(harness: Harness) -> None:
    await harness.ask("what is CNIE?")
    await harness.ask("who is elon musk?")
    await harness.ask("/subscribe Cambodia")
    reply = await harness.ask("/stats", user_id=ADMIN)
    text = reply["text"]
    assert "Questions answered: 2; not found: 1 (50%)" in text
    assert "Users: 1; subscribers: 1" in text and "Reports: 5" in text


async def test_periodic_scan_finds_a_new_file_reloads_and_sends_digests(tmp_path, built_store) -> None:
    async with running_bot(tmp_path, built_store, scan_interval=0.5, delivery_interval=0.5) as h:
        await h.ask("/subscribe Nepal")
        await h.ask("/start", user_id=ADMIN)
        (h.config.reports_dir / "briefing-2026-01-04.txt").write_text(NEW_REPORT, encoding="utf-8")
        notice = await h.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN and
                                      "Reports folder changed" in c.result["text"], timeout=30)
        assert "Added:" in notice.result["text"]
        digest = await h.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER and
                                      c.result["text"].startswith("New report"), timeout=30)
        assert "Kathmandu" in digest.result["text"] and "1 of its 2 events concerns Nepal:" in digest.result["text"]


async def test_digest_more_pages_and_opens_events(harness: Harness) -> None:
    api = harness.api
    await harness.ask("/subscribe")
    long_report = "\n\n".join(
        f"Event number {i} in Hanoi\n\nOn March {i}, 2026, the China NGO Network for International Exchanges (CNIE) "
        f"held exchange event number {i} with partners in Hanoi, Vietnam." for i in range(1, 21))
    text = await upload(harness, "march-2026.txt", long_report.encode())
    assert "Reloaded" in text
    digest = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER and
                                c.result["text"].startswith("New report"), timeout=30)
    keyboard = [b for row in digest.result["reply_markup"]["inline_keyboard"] for b in row]
    more = next(b for b in keyboard if b["text"].startswith("More"))
    mark = api.mark()
    api.callback_query(digest.result, more["callback_data"])
    edit = await api.wait_for("editMessageText", after=mark)
    assert edit.ok and "from no. 9" in edit.result["text"]
    opened = next(b for b in keyboard if b["text"].startswith("1. "))  # numbered open buttons (issue 13)
    mark = api.mark()
    api.callback_query(digest.result, opened["callback_data"])
    event = await api.wait_for("sendMessage", after=mark)
    assert "Hanoi" in event.result["text"]
    about = next(b for b in keyboard if b["text"] == "About this report")
    mark = api.mark()
    api.callback_query(digest.result, about["callback_data"])
    summary = await api.wait_for("sendMessage", after=mark)
    assert "items" in summary.result["text"]


async def test_admin_upload_of_a_web_page_gives_events(harness: Harness) -> None:
    page = (REPO / "tests" / "knowledge" / "fixtures" / "cdb-weekly-briefing.html").read_bytes()
    text = await upload(harness, "briefing.html", page, caption="CDB Weekly Briefing test | 2025-12-21")
    assert "Reloaded" in text and "Added: CDB Weekly Briefing test" in text
    assert "Warning" not in text


async def test_a_question_asked_during_a_reload_is_answered_from_the_old_store(harness: Harness) -> None:
    api = harness.api
    mark = api.mark()
    api.user_message("/reload", user_id=ADMIN)
    await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN, after=mark)  # "Reloading…"
    api.user_message("what is CNIE?")
    answer = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER, after=mark, timeout=20)
    done = await api.wait_for("editMessageText", lambda c: c.ok and "Reloaded" in c.result["text"], after=mark,
                              timeout=60)
    assert "China NGO Network" in answer.result["text"]
    assert answer.index < done.index  # answered while the reload was still running


async def test_bad_uploads_get_clear_messages_and_change_nothing(harness: Harness) -> None:
    reports = harness.config.reports_dir
    before = sorted(p.name for p in reports.iterdir())
    assert "empty" in await upload(harness, "empty.txt", b"   \n")
    assert "limit is 20 MB" in await upload(harness, "huge.txt", b"x" * (21 * 1024 * 1024))
    assert sorted(p.name for p in reports.iterdir()) == before
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    text = await upload(harness, "scan.pdf", png)
    assert "Reloaded" in text and "Warning: skipped scan.pdf" in text
    reply = await harness.ask("what is CNIE?")
    assert "CNIE" in reply["text"]


async def test_a_build_killed_half_way_leaves_litter_that_the_next_reload_clears(harness: Harness) -> None:
    db = harness.config.knowledge_db
    litter = db.with_name(f".{db.name}.building-999999")  # what a killed build leaves (no such process)
    litter.write_bytes(b"SQLite format 3\x00half written")
    reply = await harness.ask("what is CNIE?")
    assert "CNIE" in reply["text"]  # still serving the old store
    mark = harness.api.mark()
    harness.api.user_message("/reload", user_id=ADMIN)
    await harness.api.wait_for("editMessageText", lambda c: c.ok and "Reloaded" in c.result["text"], after=mark,
                               timeout=60)
    assert not litter.exists()


async def test_a_new_report_is_answered_by_keywords_first_and_the_admin_is_told_when_semantic_search_follows(
        harness: Harness, held_embedding) -> None:
    # The embedding holds until the first step has been looked at: as when it takes longer than the merge
    await _keywords_first_then_meaning(harness, harness.api, harness.services(), held_embedding)


async def _keywords_first_then_meaning(harness: Harness, api, svc, gate) -> None:  # type: ignore[no-untyped-def]
    text = await upload(harness, "briefing.txt", NEW_REPORT.encode())
    assert "Reloaded" in text and "1 report added; answering it by keywords now; semantic search for it follows in " \
                                  "about " in text
    new_events = {e.id for e in await svc.kb.report_events("briefing")}
    assert new_events and svc.kb.semantic is not None
    assert not new_events & set(svc.kb.semantic.passage_event.tolist())  # no vectors yet
    reply = await harness.ask("what did CFPD donate in Siem Reap?")
    assert "3,000 Panda Packs" in reply["text"]
    # a reload meanwhile waits for the second step: they never overlap
    mark = api.mark()
    api.user_message("/reload", user_id=ADMIN)
    await api.wait_for("editMessageText", lambda c: c.ok and "waiting for the semantic search" in c.result["text"],
                       after=mark, timeout=30)
    assert svc.reload_lock.locked()
    gate.set()
    done = await api.wait_for("sendMessage", lambda c: c.ok and "Semantic search" in c.result["text"], after=mark,
                              timeout=60)
    assert "Semantic search is on for the new reports: 4 passages got their vectors" in done.result["text"]
    again = await api.wait_for("editMessageText", lambda c: c.ok and "Reloaded" in c.result["text"], after=mark,
                               timeout=60)
    assert again.index > done.index and "No report was added" in again.result["text"]
    assert new_events <= set(svc.kb.semantic.passage_event.tolist())
    assert not svc.reload_lock.locked()
    reply = await harness.ask("what did CFPD donate in Siem Reap?")
    assert "3,000 Panda Packs" in reply["text"]
