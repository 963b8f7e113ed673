"""One reading of a name: plain text, /ask and inline mode give the profile (end to end)."""
from __future__ import annotations

import pytest

from tests.bot.conftest import Harness


@pytest.mark.parametrize("text, profile", [
    ("kemreat viseth", "/person kemreat viseth"),
    ("what is CAFUI", "/org CAFIU"),
    ("CNIE", "/org CNIE"),
    ("/ask who is Liu Zhihua?", "/person Liu Zhihua"),
    ("/ask China Foundation for Peace and Developmnet", "/org CFPD"),
])
async def test_a_name_asked_any_way_gives_the_profile(harness: Harness, text: str, profile: str) -> None:
    asked = await harness.ask(text)
    expected = await harness.ask(profile)
    assert asked["text"] == expected["text"]
    assert "Events" in asked["text"] or "events" in asked["text"].lower()


async def test_inline_offers_the_profile_first(harness: Harness) -> None:
    profile = await harness.ask("/org CNIE")
    mark = harness.api.mark()
    harness.api.inline_query("CNIE")
    call = await harness.api.wait_for("answerInlineQuery", after=mark)
    first = call.params["results"][0]
    assert first["input_message_content"]["message_text"].startswith("<b>China NGO Network for International Exchanges")
    assert profile["text"].split("\n")[0] in first["title"]


async def test_other_questions_still_get_events(harness: Harness) -> None:
    reply = await harness.ask("panda packs cambodia")
    assert "Panda Pack" in reply["text"] and "Source:" in reply["text"]
