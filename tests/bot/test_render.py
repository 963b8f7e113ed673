"""Rendering answers for Telegram: escaping, splitting, callback data."""
from __future__ import annotations

from knowledge.records import Answer, Hit, Line
from bot.render import (CALLBACK_LIMIT, ButtonInfo, answer_keyboard, answer_messages, decode, encode, split_messages, utf16_len)


def test_report_and_user_text_is_escaped() -> None:
    answer = Answer.of("<b>", [Line("lead", "Who & why <script> \"quoted\""),
                               Line("source", "A <b>report</b> & co", "Source")], True, "what")
    (html,) = answer_messages(answer)
    assert html.startswith("<b>Who &amp; why &lt;script&gt; \"quoted\"</b>")
    assert "<i>Source:</i> A &lt;b&gt;report&lt;/b&gt; &amp; co" in html


def test_parts_are_rendered_by_role_not_parsed_from_text() -> None:
    # A body line that happens to start with "Source:" is report text, not a source line.
    answer = Answer.of("q", [Line("lead", "Head"), Line("body", "Source: of the Nile"),
                             Line("source", "Report, p. 3", "Source")], True, "what")
    (html,) = answer_messages(answer)
    assert html.split("\n") == ["<b>Head</b>", "Source: of the Nile", "<i>Source:</i> Report, p. 3"]
    # A plain answer (no parts) is shown as it is, its first line in bold.
    (plain,) = answer_messages(Answer("q", "One\nTwo", True, "what"))
    assert plain == "<b>One</b>\nTwo"


def test_long_answers_split_at_line_boundaries_under_the_limit() -> None:
    lines = [f"• item {i} " + "x" * 90 for i in range(200)]
    messages = split_messages(lines)
    assert len(messages) > 1
    assert all(utf16_len(m) <= 4096 for m in messages)
    # every item arrives whole, in order
    assert "\n".join(messages).split("\n") == lines


def test_a_line_longer_than_a_message_is_cut_and_emoji_count_double() -> None:
    answer = Answer("q", "😀" * 5000, False, "what")
    messages = answer_messages(answer)
    assert all(utf16_len(m) <= 4096 for m in messages)
    assert "".join(messages).count("😀") == 5000


def test_callback_data_fits_64_bytes_and_round_trips() -> None:
    data = encode("o", "abcdef1234", 123456789)
    assert len(data.encode()) <= CALLBACK_LIMIT
    cb = decode(data)
    assert cb is not None and (cb.action, cb.key, cb.number) == ("o", "abcdef1234", 123456789)


def test_forged_callback_data_is_refused() -> None:
    for forged in (None, "", "z:1:2", "o:abc", "o:abc:-1", "o:a b:1", "m:1:x", "x:1:2:3", "o:" + "a" * 70 + ":1",
                   "'; DROP TABLE", "o:abc:1e9", "o:abc:²", "x:²", "u:" + "9" * 25, "o:gen²:1"):
        assert decode(forged) is None, forged


def test_keyboard_has_more_source_and_profiles() -> None:
    answer = Answer("q", "head\nbody", True, "what", hits=(Hit("event", "7", "t", 1.0),),
                    related=(Hit("org", "3", "China NGO Network for International Exchanges", 1.0),
                             Hit("person", "9", "Liu Hongcai", 1.0)), has_more=True)
    keys = {("event", "7"): "0123456789ab", ("org", "3"): "abcdef012345", ("person", "9"): "fedcba987654"}
    markup = answer_keyboard(answer, 42, ButtonInfo(keys=keys, sentence=3, url="https://example.org/r.pdf"))
    assert markup is not None
    buttons = [b for row in markup.inline_keyboard for b in row]
    datas = [b.callback_data for b in buttons]
    # Record buttons hold stable keys, not store generations and serial ids (issue 13).
    assert datas == ["m:42:1", "sr:e0123456789ab:3", None, "op:oabcdef012345", "op:pfedcba987654"]
    assert buttons[2].url == "https://example.org/r.pdf"
    assert all(len(str(d).encode()) <= 64 for d in datas)
    assert all(len(b.text) <= 40 for b in buttons)
    for data in datas:
        if data:
            assert decode(data) is not None, data


def test_record_buttons_round_trip_and_forgeries_are_refused() -> None:
    cb = decode("pe:o0123456789ab:2")
    assert cb is not None and (cb.action, cb.kind, cb.record_key, cb.number) == ("pe", "org", "0123456789ab", 2)
    for forged in ("op:x0123456789ab", "op:o0123456789a", "op:o0123456789abc", "op:o0123456789AB", "zz:o0123456789ab",
                   "pe:o0123456789ab:²", "pe:o0123456789ab:99999", "op:o0123456789ab:1:2"):
        assert decode(forged) is None, forged


def test_list_answers_get_numbered_open_buttons() -> None:
    hits = tuple(Hit("event", str(i), f"Event number {i} with a rather long headline", 1.0) for i in range(10))
    answer = Answer("q", "10 events\n...", True, "list", hits=hits, page=1, has_more=True)
    keys = {("event", str(i)): f"{i:012x}" for i in range(10)}
    markup = answer_keyboard(answer, 5, ButtonInfo(keys=keys))
    assert markup is not None
    rows = markup.inline_keyboard
    assert rows[0][0].callback_data == "m:5:2"
    items = [row[0] for row in rows[1:]]
    assert len(items) == 8 and items[0].text.startswith("9. ") and items[0].callback_data == "op:e000000000000"


def test_esc_clip_never_cuts_an_entity_and_fits() -> None:
    from bot.render import esc_clip
    text = "&<>" * 3000
    head = esc_clip(text, 100)
    tail = esc_clip(text, 100, tail=True)
    for out in (head, tail):
        assert len(out) <= 100
        assert out.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "").count("&") == 0
    assert esc_clip("short & sweet") == "short &amp; sweet"
