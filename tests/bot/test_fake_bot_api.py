"""The fake Bot API server, driven by the real python-telegram-bot client.

These tests pin down that the fake answers like Telegram where a bot can tell the difference, so the
bot's end-to-end tests can trust it: shapes of results, the errors PTB turns into exceptions, long
polling, and a real Application answering /start over polling.
"""
from __future__ import annotations

import asyncio
import datetime as dtm
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

from tests.fake_bot_api import NOT_MODIFIED, QUERY_TOO_OLD, FakeBotAPI, parse_html, parse_markdown_v2

ALICE = 1001


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as client:
        yield client


@pytest.fixture
def alice(api: FakeBotAPI) -> int:
    """Alice has opened a private chat with the bot, so the bot may write to her."""
    api.user_message("/start")
    return ALICE


async def raw_call(api: FakeBotAPI, method: str, params: dict[str, Any], *,
                   how: str = "json") -> tuple[int, dict[str, Any]]:
    """Call the server without PTB: for requests PTB would not build (and to cover every encoding)."""
    url = f"{api.base_url}{api.token}/{method}"
    async with aiohttp.ClientSession() as session:
        if how == "json":
            response = await session.post(url, json=params)
        elif how == "form":
            response = await session.post(url, data={k: v if isinstance(v, str) else json.dumps(v)
                                                     for k, v in params.items()})
        else:
            response = await session.get(url, params={k: v if isinstance(v, str) else json.dumps(v)
                                                      for k, v in params.items()})
        async with response:
            return response.status, await response.json()


def keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(buttons)])


async def test_get_me_is_a_real_bot_user(api: FakeBotAPI, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.username == "fake_test_bot" and me.id == api.bot_user["id"]
    assert me.can_join_groups is True and me.supports_inline_queries is True
    assert me.can_read_all_group_messages is False


async def test_wrong_token_and_unknown_method(api: FakeBotAPI) -> None:
    for token, status in (("987654321:AAwrongTokenButWellFormed_000000000", 401), ("not-a-token", 404)):
        wrong = Bot(token, base_url=api.base_url)
        try:
            with pytest.raises(InvalidToken) as caught:
                await wrong.initialize()
        finally:
            await wrong.shutdown()
        assert str(caught.value.__cause__) == ("Unauthorized" if status == 401 else "Not Found")
        assert api.rejected[-1].status == status
    async with Bot(api.token, base_url=api.base_url) as client:
        with pytest.raises(EndPointNotFound):
            await client.do_api_request("noSuchMethod")
    assert api.rejected[-1].status == 404 and api.rejected[-1].description == "Not Found"


@pytest.mark.parametrize("how", ["json", "form", "query"])
async def test_every_request_encoding_is_understood(api: FakeBotAPI, alice: int, how: str) -> None:
    markup = {"inline_keyboard": [[{"text": "ok", "callback_data": "ok"}]]}
    status, body = await raw_call(api, "sendMessage", {"chat_id": alice, "text": "<b>hi</b>", "parse_mode": "HTML",
                                                       "reply_markup": markup}, how=how)
    assert status == 200 and body["ok"] is True
    assert body["result"]["entities"] == [{"type": "bold", "offset": 0, "length": 2}]
    assert body["result"]["reply_markup"] == markup
    call = api.calls("sendMessage")[-1]
    assert call.params["chat_id"] == alice and call.params["reply_markup"] == markup  # decoded, typed


async def test_send_message_with_valid_html(api: FakeBotAPI, bot: Bot, alice: int) -> None:
    html = ('<b>Bold 😀</b> <i>it</i> <u>u</u> <s>s</s> <tg-spoiler>sp</tg-spoiler> <span class="tg-spoiler">x</span> '
            '<a href="https://example.org/a?b=1&amp;c=2">link</a> <code>c</code> '
            '<pre><code class="language-python">x = 1</code></pre> <blockquote expandable>quote</blockquote> '
            '&lt;tag&gt; &quot;q&quot; &#65;&#x42; — <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>')
    first = await bot.send_message(alice, html, parse_mode="HTML")
    second = await bot.send_message(alice, "plain")
    assert second.message_id == first.message_id + 1
    assert first.from_user.id == api.bot_user["id"] and first.chat.id == alice
    assert first.text.startswith("Bold 😀 it u s sp x link c x = 1 quote <tag> \"q\" AB")
    by_type = {e.type: e for e in first.entities}
    assert (by_type["bold"].offset, by_type["bold"].length) == (0, 7)  # the emoji is 2 UTF-16 units
    assert by_type["text_link"].url == "https://example.org/a?b=1&c=2"
    assert by_type["pre"].language == "python"
    assert "expandable_blockquote" in by_type and "custom_emoji" in by_type and "spoiler" in by_type
    assert api.sent_messages(alice)[0]["text"] == first.text
    assert not api.rejected


async def test_bots_own_messages_get_detected_entities(api: FakeBotAPI, bot: Bot, alice: int) -> None:
    sent = await bot.send_message(alice, "see https://example.org, ask @someone or /help")
    assert [e.type for e in sent.entities] == ["url", "mention", "bot_command"]


@pytest.mark.parametrize("text, fragment", [
    ("<p>hi</p>", 'Unsupported start tag "p" at byte offset 0'),
    ("<b>hi", "Can't find end tag corresponding to start tag b"),
    ("<b><i>hi</b></i>", 'Unmatched end tag at byte offset 8, expected "</i>", found "</b>"'),
    ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
    ("a <b", "Unclosed start tag at byte offset 2"),
    ("</b>", "Unexpected end tag at byte offset 0"),
    ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
    ("AT&T", "Unsupported HTML entity"),
    ("&nbsp;", "Unsupported HTML entity"),
    ("&amp no semicolon", "Unsupported HTML entity"),
    ('<a href="x?a=1&b=2">x</a>', "Unsupported HTML entity"),
    ("é<br>", 'Unsupported start tag "br" at byte offset 2'),  # byte offsets count UTF-8 bytes
])
async def test_html_rejections(api: FakeBotAPI, bot: Bot, alice: int, text: str, fragment: str) -> None:
    with pytest.raises(BadRequest):
        await bot.send_message(alice, text, parse_mode="HTML")
    description = api.rejected[-1].description
    assert description.startswith("Bad Request: can't parse entities: ") and fragment in description


def test_html_parser_is_lenient_about_ampersands_only_when_asked() -> None:
    assert parse_html("AT&T &amp", strict=False) == ("AT&T &", [])
    assert parse_html("<B>x</B>") == ("x", [{"type": "bold", "offset": 0, "length": 1}])
    assert parse_html("<b></b>x") == ("x", [])  # empty entities vanish
    assert parse_html('<a href="javascript:alert(1)">x</a>') == ("x", [])  # links Telegram refuses vanish


def test_markdown_v2_reserved_characters() -> None:
    assert parse_markdown_v2(r"*b* _i_ __u__ ~s~ ||sp|| `c` 1\.5")[0] == "b i u s sp c 1.5"
    with pytest.raises(ValueError, match=r"Character '\.' is reserved"):
        parse_markdown_v2("1.5")
    with pytest.raises(ValueError, match="Can't find end of Bold entity at byte offset 0"):
        parse_markdown_v2("*open")


async def test_markdown_v2_through_the_api(api: FakeBotAPI, bot: Bot, alice: int) -> None:
    with pytest.raises(BadRequest, match="reserved"):
        await bot.send_message(alice, "Done!", parse_mode="MarkdownV2")
    sent = await bot.send_message(alice, r"*Done\!*", parse_mode="MarkdownV2")
    assert sent.text == "Done!" and sent.entities[0].type == "bold"


async def test_empty_and_too_long_texts(api: FakeBotAPI, bot: Bot, alice: int) -> None:
    for text in ("<b></b>", "   \n "):
        with pytest.raises(BadRequest, match="(?i)message text is empty"):
            await bot.send_message(alice, text, parse_mode="HTML")
    await bot.send_message(alice, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")  # the limit is after parsing
    await bot.send_message(alice, "😀" * 2048)  # 4096 UTF-16 units
    for text in ("a" * 4097, "😀" * 2049):
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            await bot.send_message(alice, text)
    assert [c.description for c in api.rejected][-1] == "Bad Request: message is too long"


async def test_inline_keyboard_validation(api: FakeBotAPI, bot: Bot, alice: int) -> None:
    ok = await bot.send_message(alice, "pick", reply_markup=keyboard(
        InlineKeyboardButton("yes", callback_data="y" * 64), InlineKeyboardButton("docs", url="https://example.org")))
    assert ok.reply_markup.inline_keyboard[0][0].callback_data == "y" * 64
    for data in ("x" * 65, "é" * 33):  # 64 bytes of UTF-8, not 64 characters
        with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(alice, "pick", reply_markup=keyboard(InlineKeyboardButton("b", callback_data=data)))
    bad_buttons: list[dict[str, Any]] = [
        {"text": "no action"},
        {"text": "two actions", "callback_data": "a", "url": "https://example.org"},
        {"text": "", "callback_data": "a"},
        {"text": "bad url", "url": "not a url"},
    ]
    for button in bad_buttons:
        status, body = await raw_call(api, "sendMessage", {
            "chat_id": alice, "text": "pick", "reply_markup": {"inline_keyboard": [[button]]}})
        assert status == 400 and body["ok"] is False and body["error_code"] == 400
    assert [c.description for c in api.rejected[2:]] == [
        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        "Bad Request: can't parse inline keyboard button: exactly one of the optional fields must be used, "
        "found url, callback_data",
        "Bad Request: BUTTON_TEXT_INVALID",
        "Bad Request: inline keyboard button URL 'not a url' is invalid: Wrong HTTP URL",
    ]


async def test_unknown_chat_and_forbidden_user(api: FakeBotAPI, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(424242, "hello")
    api.group_message("hi all", user_id=777)  # seen in a group, never opened a private chat
    with pytest.raises(Forbidden, match="(?i)can't initiate conversation"):
        await bot.send_message(777, "hello")
    sent = await bot.send_message(-1001000000001, "hello group")
    assert sent.chat.type == "supergroup" and sent.chat.title == "Test Group"


async def test_edit_message_text(api: FakeBotAPI, bot: Bot, alice: int) -> None:
    sent = await bot.send_message(alice, "<b>v1</b>", parse_mode="HTML",
                                  reply_markup=keyboard(InlineKeyboardButton("more", callback_data="more")))
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("<b>v1</b>", alice, sent.message_id, parse_mode="HTML",
                                    reply_markup=keyboard(InlineKeyboardButton("more", callback_data="more")))
    assert api.rejected[-1].description == NOT_MODIFIED
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", alice, 9999)
    edited = await bot.edit_message_text("v2", alice, sent.message_id)
    assert edited.text == "v2" and edited.edit_date is not None
    state = api.message(alice, sent.message_id)
    assert state is not None and state["text"] == "v2"
    assert "reply_markup" not in state  # an edit without reply_markup removes the keyboard
    await bot.edit_message_reply_markup(alice, sent.message_id,
                                        reply_markup=keyboard(InlineKeyboardButton("again", callback_data="a")))
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_reply_markup(alice, sent.message_id,
                                            reply_markup=keyboard(InlineKeyboardButton("again", callback_data="a")))
    assert await bot.delete_message(alice, sent.message_id) is True
    assert api.message(alice, sent.message_id) is None
    with pytest.raises(BadRequest, match="(?i)message to delete not found"):
        await bot.delete_message(alice, sent.message_id)
    assert await bot.send_chat_action(alice, "typing") is True
    with pytest.raises(BadRequest, match="(?i)wrong parameter action"):
        await bot.send_chat_action(alice, "dancing")


async def test_answer_callback_query(api: FakeBotAPI, bot: Bot, alice: int) -> None:
    sent = await bot.send_message(alice, "pick", reply_markup=keyboard(InlineKeyboardButton("a", callback_data="a")))
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_callback_query("123456")
    update = api.callback_query(api.message(alice, sent.message_id), "a")
    query_id = update["callback_query"]["id"]
    assert update["callback_query"]["message"]["reply_markup"] == sent.reply_markup.to_dict()
    with pytest.raises(BadRequest, match="(?i)MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query_id, text="x" * 201)
    assert await bot.answer_callback_query(query_id, text="x" * 200) is True
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_callback_query(query_id)  # each query is answered once
    assert api.rejected[-1].description == QUERY_TOO_OLD


async def test_answer_inline_query(api: FakeBotAPI, bot: Bot) -> None:
    def article(result_id: str, text: str = "hi", parse_mode: str | None = None) -> InlineQueryResultArticle:
        return InlineQueryResultArticle(result_id, "title", InputTextMessageContent(text, parse_mode=parse_mode))

    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_inline_query("42", [article("1")])
    query_id = api.inline_query("cnie")["inline_query"]["id"]
    with pytest.raises(BadRequest, match="(?i)RESULTS_TOO_MUCH"):
        await bot.answer_inline_query(query_id, [article(str(i)) for i in range(51)])
    with pytest.raises(BadRequest, match="(?i)RESULT_ID_DUPLICATE"):
        await bot.answer_inline_query(query_id, [article("1"), article("1")])
    with pytest.raises(BadRequest, match="(?i)RESULT_ID_INVALID"):
        await bot.answer_inline_query(query_id, [article("x" * 65)])
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await bot.answer_inline_query(query_id, [article("1", "a <b> c", "HTML")])
    status, body = await raw_call(api, "answerInlineQuery", {
        "inline_query_id": query_id,
        "results": [{"type": "article", "id": "1", "input_message_content": {"message_text": "x"}}]})
    assert status == 400 and "title" in body["description"]
    assert await bot.answer_inline_query(query_id, [article(str(i), "<b>ok</b>", "HTML") for i in range(50)])
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_inline_query(query_id, [article("1")])


async def test_documents_upload_get_file_and_download(api: FakeBotAPI, bot: Bot, alice: int) -> None:
    fed = api.document_message("report.pdf", b"%PDF-1.4 fake", "application/pdf", caption="read this")
    document = fed["message"]["document"]
    assert document["file_size"] == len(b"%PDF-1.4 fake") and document["file_name"] == "report.pdf"
    file = await bot.get_file(document["file_id"])
    assert bytes(await file.download_as_bytearray()) == b"%PDF-1.4 fake"

    sent = await bot.send_document(alice, b"a,b\n1,2\n", filename="table.csv", caption="<b>data</b>",
                                   parse_mode="HTML")
    assert sent.document.file_name == "table.csv" and sent.caption == "data"
    assert sent.caption_entities[0].type == "bold"
    assert api.file_bytes(sent.document.file_id) == b"a,b\n1,2\n"
    call = api.calls("sendDocument")[0]
    assert call.params["document"].filename == "table.csv"
    with pytest.raises(BadRequest, match="(?i)wrong file_id"):
        await bot.get_file("nope")
    with pytest.raises(BadRequest, match="(?i)caption is too long"):
        await bot.send_document(alice, b"x", filename="x.txt", caption="c" * 1025)


async def test_set_my_commands_validation(api: FakeBotAPI, bot: Bot) -> None:
    commands = [BotCommand("start", "Start the bot"), BotCommand("ask_more", "Ask a question")]
    assert await bot.set_my_commands(commands) is True
    assert await bot.get_my_commands() == tuple(commands)
    for bad, error in [
        ([BotCommand("Start", "x")], "BOT_COMMAND_INVALID"),
        ([BotCommand("/start", "x")], "BOT_COMMAND_INVALID"),
        ([BotCommand("a" * 33, "x")], "BOT_COMMAND_INVALID"),
        ([BotCommand("start", "")], "BOT_COMMAND_DESCRIPTION_INVALID"),
        ([BotCommand("start", "d" * 257)], "BOT_COMMAND_DESCRIPTION_INVALID"),
        ([BotCommand(f"c{i}", "x") for i in range(101)], "BOT_COMMANDS_TOO_MUCH"),
    ]:
        with pytest.raises(BadRequest, match=f"(?i){error}"):
            await bot.set_my_commands(bad)


async def test_injected_failures(api: FakeBotAPI, bot: Bot, alice: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns when RetryAfter.retry_after is an int; opt in to timedeltas as PTB recommends.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    api.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(alice, "x")
    assert caught.value.retry_after == dtm.timedelta(seconds=3)
    api.fail_next("sendMessage", status=403)
    with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
        await bot.send_message(alice, "x")
    api.fail_next("sendmessage", status=500, count=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(alice, "x")
    await bot.send_message(alice, "x")  # the failures are used up
    assert [c.status for c in api.calls("sendMessage")] == [429, 403, 500, 500, 200]
    assert api.rejected == []  # injected failures are not the bot's fault


async def test_fed_updates_have_telegram_shapes(api: FakeBotAPI, bot: Bot) -> None:
    fed = [
        api.user_message("/help@fake_test_bot now"),
        api.group_message("hey @fake_test_bot", user_id=1002, username=None, first_name="Bob"),
        api.photo_message(caption="look"),
        api.sticker_message(),
        api.document_message("notes.txt", b"hi", "text/plain"),
        api.channel_post("news", username="news_channel"),
        api.inline_query("cnie"),
    ]
    fed.append(api.edited_message(fed[0], "/help"))
    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [f["update_id"] for f in fed]  # increasing, none lost
    command, group, photo, sticker, document, post, inline, edited = updates
    assert command.message.entities[0].type == "bot_command"
    assert command.message.entities[0].length == len("/help@fake_test_bot")
    assert command.message.chat.type == "private" and command.message.from_user.language_code == "en"
    assert group.message.chat.type == "supergroup" and group.message.chat.id < 0
    assert group.message.entities[0].type == "mention" and group.message.from_user.username is None
    assert len(photo.message.photo) == 3 and photo.message.caption == "look"
    assert sticker.message.sticker.emoji == "👍"
    assert document.message.document.file_name == "notes.txt" and document.message.document.file_size == 2
    assert post.channel_post.sender_chat.id == post.channel_post.chat.id and post.channel_post.from_user is None
    assert inline.inline_query.query == "cnie"
    assert edited.edited_message.message_id == command.message.message_id and edited.edited_message.edit_date
    assert (await bot.send_message("@news_channel", "to the channel")).sender_chat.title == "Test Channel"
    with pytest.raises(Forbidden):
        await bot.send_message(1002, "Bob never opened a private chat")


async def test_long_polling_and_offsets(api: FakeBotAPI, bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=0.3) == ()
    assert time.monotonic() - started >= 0.25  # held for the timeout

    poll = asyncio.create_task(bot.get_updates(timeout=5))
    while not api.is_polling:
        await asyncio.sleep(0.01)
    started = time.monotonic()
    fed = api.user_message("hello")
    updates = await poll
    assert time.monotonic() - started < 1.0  # answered as soon as the update arrived
    assert [u.update_id for u in updates] == [fed["update_id"]]

    second = api.user_message("again")
    assert [u.update_id for u in await bot.get_updates()] == [fed["update_id"], second["update_id"]]
    assert [u.update_id for u in await bot.get_updates(offset=second["update_id"])] == [second["update_id"]]
    assert await bot.get_updates(offset=second["update_id"] + 1) == ()  # confirmed for good
    assert await bot.get_updates() == ()

    for i in range(3):
        api.user_message(f"m{i}")
    assert len(await bot.get_updates(limit=2)) == 2
    last = await bot.get_updates(offset=-1)  # forgets all but the newest
    assert [u.message.text for u in last] == ["m2"]

    api.inline_query("q")
    api.user_message("text")
    updates = await bot.get_updates(offset=last[0].update_id + 1, allowed_updates=["message"])
    assert [u.message.text for u in updates] == ["text"]  # the inline query is never delivered


async def test_a_second_poller_conflicts(api: FakeBotAPI, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    while not api.is_polling:
        await asyncio.sleep(0.01)
    async with Bot(api.token, base_url=api.base_url) as other:
        assert await other.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first
    assert await bot.set_webhook("https://example.org/hook") is True
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    assert await bot.delete_webhook() is True


async def test_real_application_answers_start_over_polling(api: FakeBotAPI) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_html(f"Hello, <b>{update.effective_user.first_name}</b>!", do_quote=True)

    app: Application = (ApplicationBuilder().token(api.token).base_url(api.base_url)
                        .base_file_url(api.base_file_url).build())
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        mark = api.mark()
        fed = api.user_message("/start")
        reply = await api.wait_for("sendMessage", after=mark)
        await api.wait_idle()
        await app.updater.stop()
        await app.stop()
    assert reply.ok and reply.result["text"] == "Hello, Alice!"
    assert reply.result["entities"] == [{"type": "bold", "offset": 7, "length": 5}]
    assert reply.result["reply_to_message"]["message_id"] == fed["message"]["message_id"]
    assert api.rejected == []
    # On shutdown PTB confirmed the update, so a restarted bot would not see /start again.
    assert api.calls("getUpdates")[-1].params["offset"] == fed["update_id"] + 1
