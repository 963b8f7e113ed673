"""Rendering answers for Telegram: escaping, splitting, callback data."""
from __future__ import annotations

from knowledge.records import Answer, Hit
from bot.render import (CALLBACK_LIMIT, answer_keyboard, answer_messages, decode, encode, split_messages, utf16_len)


def test_report_and_user_text_is_escaped() -> None:
    answer = Answer("<b>", "Who & why <script> \"quoted\"\nSource: A <b>report</b> & co", True, "what")
    (html,) = answer_messages(answer)
    assert html.startswith("<b>Who &amp; why &lt;script&gt; \"quoted\"</b>")
    assert "<i>Source:</i> A &lt;b&gt;report&lt;/b&gt; &amp; co" in html


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
    markup = answer_keyboard(answer, "gen0123456", ref=42)
    assert markup is not None
    buttons = [b for row in markup.inline_keyboard for b in row]
    datas = [b.callback_data for b in buttons]
    assert datas == ["m:42:1", "s:gen0123456:7", "o:gen0123456:3", "p:gen0123456:9"]
    assert all(len(str(d).encode()) <= 64 for d in datas)
    assert all(len(b.text) <= 40 for b in buttons)


def test_esc_clip_never_cuts_an_entity_and_fits() -> None:
    from bot.render import esc_clip
    text = "&<>" * 3000
    head = esc_clip(text, 100)
    tail = esc_clip(text, 100, tail=True)
    for out in (head, tail):
        assert len(out) <= 100
        assert out.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "").count("&") == 0
    assert esc_clip("short & sweet") == "short &amp; sweet"
