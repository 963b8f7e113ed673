"""Conversations with the real Application over HTTP against the fake Bot API server."""
from __future__ import annotations

import asyncio

import pytest

from knowledge.compose import LIST_CAP
from tests.bot.conftest import ADMIN, USER, Harness


def buttons(message: dict) -> list[dict]:
    markup = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


async def press(h: Harness, message: dict, data: str, user_id: int = USER) -> int:
    """Press a button under a message the bot sent; returns the request index before the press."""
    mark = h.api.mark()
    h.api.callback_query(message, data, user_id=user_id)
    await h.api.wait_for("answerCallbackQuery", after=mark, timeout=10)
    return mark


async def test_start_lists_reports_and_offers_example_buttons(harness: Harness) -> None:
    reply = await harness.ask("/start")
    assert "International Understanding, Vol. 1, 2025" in reply["text"]
    assert "2018-08-21" in reply["text"]
    examples = buttons(reply)
    assert len(examples) == 3 and all(b["callback_data"].startswith("x:") for b in examples)
    # pressing an example asks it
    mark = await press(harness, reply, examples[0]["callback_data"])
    answer = await harness.api.wait_for("sendMessage", after=mark)
    assert answer.result["text"] != reply["text"] and "Source" in answer.result["text"]
    commands = harness.api.calls("setMyCommands")[0].params["commands"]
    assert {c["command"] for c in commands} >= {"start", "help", "ask", "org", "person", "events", "reports", "latest"}
    assert "reload" not in {c["command"] for c in commands}


async def test_deep_link_payload_is_asked(harness: Harness) -> None:
    reply = await harness.ask("/start what_is_CNIE")
    assert "China NGO Network for International Exchanges" in reply["text"]


async def test_help_names_the_commands(harness: Harness) -> None:
    reply = await harness.ask("/help")
    for command in ("/ask", "/org", "/person", "/events", "/reports", "/latest", "/subscribe"):
        assert command in reply["text"]
    assert "/reload" not in reply["text"] and "/stats" not in reply["text"]


async def test_a_question_gets_the_fact_its_source_and_buttons(harness: Harness) -> None:
    reply = await harness.ask("how many bikes were donated in Cambodia?")
    assert "2000 bikes" in reply["text"]
    assert "Source: International Understanding, Vol. 1, 2025, p. 25" in reply["text"]
    assert any(e["type"] == "bold" for e in reply.get("entities", []))
    datas = [b.get("callback_data") for b in buttons(reply)]
    assert any(d.startswith("sr:e") for d in datas if d)
    # answers this fast need no typing indicator
    assert not harness.api.calls("sendChatAction")


async def test_a_slow_answer_shows_typing_first(harness: Harness) -> None:
    svc = harness.services()
    original = svc.kb.ask

    async def slow(question: str, page: int = 0):
        await asyncio.sleep(0.6)
        return await original(question, page)

    svc.kb.ask = slow
    try:
        mark = harness.api.mark()
        reply = await harness.ask("what is CNIE?")
    finally:
        svc.kb.ask = original
    typing = harness.api.calls("sendChatAction")
    assert typing and typing[0].params["action"] == "typing" and typing[0].index > mark
    assert "CNIE" in reply["text"]


async def test_bot_and_cli_carry_the_same_facts(harness: Harness) -> None:
    kb = harness.services().kb
    for question in ("what is CFPD?", "who is Liu Zhihua?", "events in Cambodia in 2025",
                     "peacland foundaton stoves cambodia", "who is elon musk?"):
        reply = await harness.ask(question)
        assert reply["text"] == (await kb.ask(question)).text


async def test_typos_still_find_the_answer(harness: Harness) -> None:
    reply = await harness.ask("peacland foundaton stoves cambodia")
    assert "China Foundation for Peace and Development" in reply["text"] or "stove" in reply["text"].lower()


async def test_org_person_and_events_commands(harness: Harness) -> None:
    org = await harness.ask("/org CNIE")
    assert "China NGO Network for International Exchanges (CNIE)" in org["text"]
    person = await harness.ask("/person Liu Hongcai")
    assert person["text"].startswith("Liu Hongcai")
    events = await harness.ask("/events Cambodia 2025")
    assert "events (Cambodia · 2025)" in events["text"]
    usage = await harness.ask("/org")
    assert "/org CNIE" in usage["text"]


async def test_reports_and_latest(harness: Harness) -> None:
    reports = await harness.ask("/reports")
    assert reports["text"].startswith("5 reports")
    latest = await harness.ask("/latest")
    assert "Weekly Briefing" in latest["text"]


async def test_more_pages_by_editing_and_source_shows_the_passage(harness: Harness) -> None:
    reply = await harness.ask("what happened in 2018?")
    more = [b for b in buttons(reply) if b["text"].startswith("More")]
    assert more, reply
    mark = await press(harness, reply, more[0]["callback_data"])
    edit = await harness.api.wait_for("editMessageText", after=mark)
    assert edit.ok and f"from no. {LIST_CAP + 1}" in edit.result["text"]
    # the edited message now offers page 3
    current = harness.api.message(reply["chat"]["id"], reply["message_id"])
    assert current is not None and any(b["callback_data"].endswith(":2") for b in buttons(current))

    fact = await harness.ask("how many bikes were donated in Cambodia?")
    source = next(b for b in buttons(fact) if b["text"] == "Source")
    mark = await press(harness, fact, source["callback_data"])
    passage = await harness.api.wait_for("sendMessage", after=mark)
    assert "Balaing Khang Lech Primary School" in passage.result["text"]
    assert "p. 25" in passage.result["text"]


async def test_profile_buttons_open_profiles(harness: Harness) -> None:
    reply = await harness.ask("how many bikes were donated in Cambodia?")
    profile = next(b for b in buttons(reply) if (b.get("callback_data") or "").startswith(("op:o", "op:p")))
    mark = await press(harness, reply, profile["callback_data"])
    opened = await harness.api.wait_for("sendMessage", after=mark)
    assert opened.ok and opened.result["text"]


async def test_stale_and_forged_buttons_are_refused_politely(harness: Harness) -> None:
    reply = await harness.ask("how many bikes were donated in Cambodia?")
    for data in ("s:0000000000:1", "o:zzz:1", "garbage", "m:999999:1", "x:99", "s:" + "1" * 60):
        mark = await press(harness, reply, data)
        answered = harness.api.calls("answerCallbackQuery")[-1]
        assert answered.ok and ("expired" in answered.params.get("text", "") or
                                "not valid" in answered.params.get("text", ""))
        assert not [c for c in harness.api.calls("sendMessage")[0:] if c.index > mark]


async def test_inline_query_returns_at_most_ten_rendered_results(harness: Harness) -> None:
    mark = harness.api.mark()
    harness.api.inline_query("events in Cambodia in 2025")
    call = await harness.api.wait_for("answerInlineQuery", after=mark)
    results = call.params["results"]
    assert call.ok and 1 <= len(results) <= 10
    assert all(r["title"] and r["description"] and r["input_message_content"]["message_text"] for r in results)
    assert "Cambodia" in results[0]["input_message_content"]["message_text"]
    mark = harness.api.mark()
    harness.api.inline_query("")
    assert (await harness.api.wait_for("answerInlineQuery", after=mark)).ok


async def test_groups_answer_mentions_replies_and_ask_only(harness: Harness) -> None:
    api = harness.api
    group = -1001000000001
    mark = api.mark()
    api.group_message("what is CNIE?")  # not addressed to the bot
    await api.wait_idle()
    assert not [c for c in api.calls("sendMessage") if c.index >= mark]
    api.group_message("@fake_test_bot what is CNIE?")
    mention = await api.wait_for("sendMessage", after=mark)
    assert mention.params["chat_id"] == group and "China NGO Network" in mention.result["text"]
    mark = api.mark()
    api.group_message("and who is Liu Hongcai?", reply_to_bot_message_id=mention.result["message_id"])
    reply = await api.wait_for("sendMessage", after=mark)
    assert "Liu Hongcai" in reply.result["text"]
    mark = api.mark()
    api.group_message("/ask@fake_test_bot what is CFPD?")
    asked = await api.wait_for("sendMessage", after=mark)
    assert asked.params["chat_id"] == group


async def test_edited_messages_are_answered_again(harness: Harness) -> None:
    api = harness.api
    mark = api.mark()
    update = api.user_message("what is CNIE?")
    await api.wait_for("sendMessage", after=mark)
    mark = api.mark()
    api.edited_message(update, "what is CFPD?")
    again = await api.wait_for("sendMessage", after=mark)
    assert "China Foundation for Peace and Development" in again.result["text"]


async def test_non_text_messages_get_a_hint(harness: Harness) -> None:
    api = harness.api
    for feed in (api.photo_message, api.sticker_message):
        mark = api.mark()
        feed()
        hint = await api.wait_for("sendMessage", after=mark)
        assert "only read text" in hint.result["text"]
    mark = api.mark()
    api.document_message("notes.txt", b"hello", "text/plain")
    refusal = await api.wait_for("sendMessage", after=mark)
    assert "cannot take files" in refusal.result["text"]


@pytest.mark.parametrize("text", [
    "x" * 5000,
    "<b>what is CNIE?</b> & *_[`",
    "what is <script>alert(1)</script> &amp; CNIE",
    "مرحبا ما هو CNIE؟ 🇨🇳🤝🇰🇭",
    "‮what is CNIE‬",
])
async def test_bad_input_gets_a_correct_reply(harness: Harness, text: str) -> None:
    reply = await harness.ask(text)
    assert reply["text"]


async def test_answers_with_markup_characters_from_the_reports_are_escaped(harness: Harness) -> None:
    # Report text holds "&" (e.g. "Exchange & Cooperation"): it must arrive as text, not as markup.
    reply = await harness.ask("/reports")
    assert "Global Exchange & Cooperation Weekly Briefing" in reply["text"]


async def test_channel_posts_and_users_without_username(harness: Harness) -> None:
    api = harness.api
    mark = api.mark()
    api.channel_post("@fake_test_bot what is CNIE?")
    post = await api.wait_for("sendMessage", after=mark)
    assert post.params["chat_id"] == -1001000000002
    reply = await harness.ask("what is CNIE?", user_id=777, username=None)
    assert "CNIE" in reply["text"]


async def test_a_flood_from_one_user_is_slowed_and_others_still_served(harness: Harness) -> None:
    api = harness.api
    mark = api.mark()
    for i in range(50):
        api.user_message(f"what is CNIE? {i}", user_id=5555)
    other = await harness.ask("what is CFPD?", user_id=6666)
    assert "China Foundation for Peace and Development" in other["text"]
    await api.wait_idle(timeout=30)
    to_flooder = [c for c in api.calls("sendMessage") if c.index >= mark and c.params["chat_id"] == 5555]
    slow = [c for c in to_flooder if "faster than I can answer" in c.result["text"]]
    assert len(slow) == 1
    assert 8 <= len(to_flooder) - 1 <= 12


async def test_telegram_429_and_5xx_are_retried(harness: Harness) -> None:
    api = harness.api
    api.fail_next("sendMessage", status=429, retry_after=1)
    reply = await harness.ask("what is CNIE?")
    assert "CNIE" in reply["text"]
    api.fail_next("sendMessage", status=502, count=2)
    reply = await harness.ask("what is CFPD?", timeout=15)
    assert "China Foundation for Peace and Development" in reply["text"]


async def test_an_error_is_reported_to_the_user_and_the_admins(harness: Harness,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    api = harness.api
    api.user_message("/start", user_id=ADMIN)  # the admin's chat exists
    await api.wait_for("sendMessage")
    svc = harness.services()
    original = svc.kb.ask

    async def broken(question: str, page: int = 0):  # a crash inside answering
        raise RuntimeError("boom")

    svc.kb.ask = broken
    try:
        mark = api.mark()
        api.user_message("what is CNIE?")
        sorry = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER, after=mark)
        notice = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN, after=mark)
    finally:
        svc.kb.ask = original
    assert "something went wrong" in sorry.result["text"]
    assert "RuntimeError" in notice.result["text"] and "boom" in notice.result["text"]
    assert any("error while handling" in r.getMessage() for r in caplog.records)
    caplog.clear()  # the error was the point of this test
    reply = await harness.ask("what is CNIE?")  # and the bot keeps serving
    assert "CNIE" in reply["text"]
    await asyncio.sleep(0)
