"""The bot in English and Simplified Chinese: gettext catalogs, the client's language, /lang (end to end)."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.extract import extract, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from bot.i18n import LOCALE_DIR, normalise, t
from tests.bot.conftest import ADMIN, USER, Harness
from tests.bot.test_admin import NEW_REPORT, upload
from tests.bot.test_chat import buttons
from tests.conftest import REPO

KEYWORDS = {"t": (2,), "tn": (2, 3), "N_": None, "tr": None}


def cjk(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_message_of_the_code_is_translated_and_the_compiled_catalog_is_current() -> None:
    # The files babel.cfg names: the bot, and the digest's framing.
    found = list(extract_from_dir(REPO / "bot", method_map=[("**.py", "python")], keywords=KEYWORDS))
    with open(REPO / "knowledge" / "digest.py", "rb") as f:
        found += [(None, *m) for m in extract("python", f, keywords=KEYWORDS)]
    used = {m[2] if isinstance(m[2], str) else m[2][0] for m in found}
    assert len(used) > 80
    with open(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "bot.po", "rb") as f:
        po = read_po(f)
    translated = {m.id: m.string for m in po if m.id and m.string}
    assert not used - set(translated), sorted(used - set(translated))
    with open(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "bot.mo", "rb") as f:
        mo = read_mo(f)
    assert {m.id: m.string for m in mo if m.id} == translated  # run `pybabel compile -d bot/locale -D bot` after editing
    for message, chinese in translated.items():  # the same {fields} in both
        import string
        fields = {f for _, f, _, _ in string.Formatter().parse(message) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(chinese) if f}, message


def test_language_codes_are_normalised() -> None:
    assert [normalise(c) for c in ("zh-hans", "zh-CN", "zh_Hant", "ZH", "en-GB", "fr", None, "")] == \
        ["zh", "zh", "zh", "zh", "en", "en", "en", "en"]
    assert t("zh", "More ▸") == "更多 ▸" and t("en", "More ▸") == "More ▸"
    assert t("zh", "I have {n} reports:", n=5) == "我有 5 份报告："


async def test_a_chinese_client_gets_start_and_help_in_chinese_and_lang_en_switches_back(harness: Harness) -> None:
    start = await harness.ask("/start", language_code="zh-hans")
    assert start["text"].startswith("我回答有关中国社会组织国际交流报告的问题") and "我有 5 份报告" in start["text"]
    assert "International Understanding, Vol. 1, 2025" in start["text"]  # report titles stay as printed
    help_ = await harness.ask("/help", language_code="zh-hans")
    assert "请用自己的话提问" in help_["text"] and "/timeline — 每月活动图表" in help_["text"]
    english = await harness.ask("/lang en", language_code="zh-hans")
    assert english["text"] == "From now on I answer in English."
    again = await harness.ask("/help", language_code="zh-hans")  # the choice wins over the client's language
    assert again["text"].startswith("Ask me in your own words") and cjk(again["text"]) == 0
    chinese = await harness.ask("/lang zh")
    assert chinese["text"] == "从现在起，我用简体中文回答。"
    assert (await harness.services().state.language(USER))[0] == "zh"
    choices = await harness.ask("/lang")
    assert "/lang en" in choices["text"] and "/lang zh" in choices["text"]


async def test_buttons_not_found_and_subscriptions_speak_chinese(harness: Harness) -> None:
    profile = await harness.ask("/org CNIE", language_code="zh")
    labels = {b["text"] for b in buttons(profile)}
    assert {"全部活动 ▸", "时间线", "CSV"} <= labels
    assert profile["text"].startswith("China NGO Network for International Exchanges")  # report text as printed
    fact = await harness.ask("how many bikes were donated in Cambodia?", language_code="zh")
    assert "出处" in {b["text"] for b in buttons(fact)} and "出处:" in fact["text"]
    missing = await harness.ask("who is elon musk?", language_code="zh")
    assert missing["text"] == "我掌握的报告中没有关于“who is elon musk?”的内容。"
    sub = await harness.ask("/subscribe Cambodia", language_code="zh")
    assert sub["text"].startswith("已订阅") and "Cambodia" in sub["text"]
    unknown = await harness.ask("/unsubscribe Peru", language_code="zh")
    assert unknown["text"].startswith("你没有订阅")


async def test_digests_are_framed_in_the_subscribers_language(harness: Harness) -> None:
    api = harness.api
    await harness.ask("/subscribe Cambodia", language_code="zh-hans")
    await upload(harness, "jan-2026.txt", NEW_REPORT.encode())
    from bot.admin import deliver_job

    await harness.app.job_queue.run_once(deliver_job, 0).run(harness.app)
    digest = await api.wait_for("sendMessage", lambda c: c.params["chat_id"] == USER and c.result["text"].startswith("新报告："),
                                timeout=20)
    assert "其 2 个活动中有 1 个与 Cambodia 有关：" in digest.result["text"]
    assert "关于这份报告" in {b["text"] for b in buttons(digest.result)}


async def test_description_short_description_admin_menu_and_id(harness: Harness) -> None:
    api = harness.api
    assert api.descriptions[("description", "")].startswith("I answer questions about published reports")
    assert cjk(api.descriptions[("description", "zh")]) > 20
    assert len(api.descriptions[("short_description", "")]) <= 120
    menus = {(c.params.get("language_code") or "", str(c.params.get("scope"))) for c in api.calls("setMyCommands")}
    assert ("zh", "None") in menus
    mark = api.mark()
    reply = await harness.ask("/id", user_id=ADMIN)
    assert f"<code>{ADMIN}</code>" not in reply["text"] and str(ADMIN) in reply["text"]
    admin_menu = [c for c in api.calls("setMyCommands") if c.index > mark and c.params.get("scope")]
    assert admin_menu and admin_menu[0].ok
    assert admin_menu[0].params["scope"] == {"type": "chat", "chat_id": ADMIN}
    assert {"reload", "stats", "start"} <= {c["command"] for c in admin_menu[0].params["commands"]}
    public = [c for c in api.calls("setMyCommands") if not c.params.get("scope")]
    assert all("reload" not in {x["command"] for x in c.params["commands"]} for c in public)
    # a user who is no admin gets no admin menu, and /id works for anyone
    mark = api.mark()
    mine = await harness.ask("/id", user_id=5150)
    assert "5150" in mine["text"]
    assert not [c for c in api.calls("setMyCommands") if c.index > mark]


def test_compiled_catalogs_build_from_the_po_files(tmp_path: Path) -> None:
    # What a translator runs after editing a .po: it must work on a fresh clone too.
    import shutil

    shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    (tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "bot.mo").unlink()
    done = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", str(tmp_path / "locale"),
                           "-D", "bot"], capture_output=True, text=True)
    if done.returncode != 0:  # older Babel: no __main__ in the frontend module
        from babel.messages.mofile import write_mo

        with open(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "bot.po", "rb") as f:
            po = read_po(f)
        buf = io.BytesIO()
        write_mo(buf, po)
        (tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "bot.mo").write_bytes(buf.getvalue())
    assert (tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "bot.mo").stat().st_size > 1000
