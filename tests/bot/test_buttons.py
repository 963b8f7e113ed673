"""Tappable profiles and lists, sources you can check, buttons that survive reloads (end to end)."""
from __future__ import annotations

from knowledge import browse
from knowledge.compose import LIST_CAP
from tests.bot.conftest import Harness
from tests.bot.test_admin import NEW_REPORT, upload
from tests.bot.test_chat import buttons, press


def data_of(message: dict, prefix: str) -> list[str]:
    return [b["callback_data"] for b in buttons(message) if (b.get("callback_data") or "").startswith(prefix)]


async def test_a_profile_lists_its_newest_events_and_an_event_button_opens_the_event(harness: Harness) -> None:
    profile = await harness.ask("/org CNIE")
    opens = [b for b in buttons(profile) if (b.get("callback_data") or "").startswith("op:e")]
    assert len(opens) == 4
    labels = [b["text"] for b in buttons(profile)]
    assert {"All events ▸", "Timeline", "CSV"} <= set(labels)
    first = opens[0]
    assert first["text"].lstrip("• ").rstrip("…")[:20] in profile["text"]  # the newest event the text lists
    mark = await press(harness, profile, first["callback_data"])
    event = await harness.api.wait_for("sendMessage", after=mark)
    assert event.ok and first["text"].lstrip("• ").rstrip("…")[:20] in event.result["text"]
    assert "Source:" in event.result["text"]
    assert data_of(event.result, "sr:e")  # the event, once open, has its Source button


async def test_more_pages_through_a_profiles_events(harness: Harness) -> None:
    profile = await harness.ask("/org CNIE")
    (all_events,) = data_of(profile, "pe:o")
    mark = await press(harness, profile, all_events)
    page = await harness.api.wait_for("sendMessage", after=mark)
    text = page.result["text"]
    assert "events of China NGO Network for International Exchanges, newest first:" in text
    total = int(text.split(" ", 1)[0])
    assert total > 8 and text.count("\n• ") == 8
    items = data_of(page.result, "op:e")
    assert len(items) == 8
    (more,) = [d for d in data_of(page.result, "pe:o") if d.endswith(":1")]
    mark = await press(harness, page.result, more)
    edit = await harness.api.wait_for("editMessageText", after=mark)
    assert edit.ok and "from no. 9" in edit.result["text"]
    second = data_of(edit.result, "op:e")
    assert second and not set(second) & set(items)  # the next events, none shown twice
    # every item button of the page opens its event
    mark = await press(harness, edit.result, second[0])
    opened = await harness.api.wait_for("sendMessage", after=mark)
    assert opened.ok and "Source:" in opened.result["text"]


async def test_a_person_profile_is_tappable_too(harness: Harness) -> None:
    profile = await harness.ask("/person Liu Hongcai")
    assert data_of(profile, "op:e") and data_of(profile, "tl:p") and data_of(profile, "cv:p")


async def test_list_answers_get_an_open_button_per_item(harness: Harness) -> None:
    listed = await harness.ask("/events Cambodia 2025")
    items = [b for b in buttons(listed) if (b.get("callback_data") or "").startswith("op:e")]
    assert len(items) == 3 and [b["text"][:3] for b in items] == ["1. ", "2. ", "3. "]
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(listed) if b.get("callback_data"))
    mark = await press(harness, listed, items[1]["callback_data"])
    opened = await harness.api.wait_for("sendMessage", after=mark)
    assert "Reading China in Cambodia" in opened.result["text"]


async def test_source_shows_the_fact_sentence_in_bold_with_report_page_section_and_a_link(harness: Harness) -> None:
    fact = await harness.ask("how many bikes were donated in Cambodia?")
    original = [b for b in buttons(fact) if b.get("url")]
    assert original and original[0]["url"].startswith("http")
    (source,) = data_of(fact, "sr:e")
    mark = await press(harness, fact, source)
    passage = (await harness.api.wait_for("sendMessage", after=mark)).result
    text = passage["text"]
    bold = [text[e["offset"]:e["offset"] + e["length"]] for e in passage.get("entities", []) if e["type"] == "bold"]
    # the headline and the sentence the answer quotes are bold; that sentence is in the answer
    assert len(bold) == 2 and bold[1][:40] in fact["text"]
    title, body = text.split("\n\n")[:2]
    assert len(body) <= 820
    assert "International Understanding, Vol. 1, 2025, p. 25 — " in text
    assert [b["url"] for b in buttons(passage) if b.get("url")] == [original[0]["url"]]


async def test_buttons_keep_working_after_a_reload_that_renumbers_every_record(harness: Harness) -> None:
    kb = harness.services().kb
    fact = await harness.ask("how many bikes were donated in Cambodia?")
    profile = await harness.ask("/org CNIE")
    (source,) = data_of(fact, "sr:e")
    event_key = source.split(":")[1][1:]
    before = await browse.id_of(kb, "event", event_key)
    # A report whose file sorts first: the build numbers its events first, so every serial id moves.
    text = await upload(harness, "0000-first.txt", NEW_REPORT.encode())
    assert "Reloaded" in text
    kb = harness.services().kb
    after = await browse.id_of(kb, "event", event_key)
    assert after is not None and after != before
    for message, data in ((fact, source), (profile, data_of(profile, "op:e")[0]),
                          (fact, data_of(fact, "op:o")[0]), (profile, data_of(profile, "pe:o")[0])):
        mark = await press(harness, message, data)
        answered = [c for c in harness.api.calls("answerCallbackQuery") if c.index > mark][-1]
        assert "text" not in answered.params or not answered.params["text"], (data, answered.params)
        sent = await harness.api.wait_for("sendMessage", after=mark)
        assert sent.ok and sent.result["text"]
    passage = [c for c in harness.api.calls("sendMessage") if "Balaing Khang Lech" in c.result["text"]]
    assert passage
    # More of a question asked before the reload pages on the new store
    listed = await harness.ask("what happened in 2018?")
    (more,) = [b["callback_data"] for b in buttons(listed) if b["text"].startswith("More")]
    await upload(harness, "0001-second.txt", NEW_REPORT.replace("CNIE Holds", "CNIE Again Holds").encode())
    mark = await press(harness, listed, more)
    edit = await harness.api.wait_for("editMessageText", after=mark)
    assert edit.ok and f"from no. {LIST_CAP + 1}" in edit.result["text"]


async def test_a_button_whose_record_is_gone_says_so(harness: Harness) -> None:
    reply = await harness.ask("how many bikes were donated in Cambodia?")
    mark = await press(harness, reply, "op:e0123456789ab")
    answered = [c for c in harness.api.calls("answerCallbackQuery") if c.index > mark][-1]
    assert "no longer" in answered.params["text"]
