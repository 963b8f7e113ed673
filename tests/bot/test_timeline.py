"""Timelines as pictures and events as CSV: /timeline, /export, the profile buttons and the CLI."""
from __future__ import annotations

import csv
import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from tests.bot.conftest import USER, Harness
from tests.bot.test_chat import buttons, press
from tests.conftest import REPO


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, after checking its signature and every chunk's CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, kinds = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc
        kinds.append(kind)
        pos += 12 + length
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    return struct.unpack(">II", data[16:24])


def parse_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())  # the BOM spreadsheet programs need for UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


async def test_timeline_sends_a_png_photo_of_sensible_size(harness: Harness) -> None:
    mark = harness.api.mark()
    harness.api.user_message("/timeline CNIE")
    call = await harness.api.wait_for("sendPhoto", after=mark, timeout=30)
    assert call.ok and "China NGO Network for International Exchanges" in call.result["caption"]
    data = harness.api.photo_bytes(call.result)
    width, height = png_size(data)
    assert 800 <= width <= 2560 and 450 <= height <= 2560 and width + height <= 10_000
    assert 10_000 < len(data) < 2_000_000


async def test_timeline_of_a_place_and_of_nothing(harness: Harness) -> None:
    mark = harness.api.mark()
    harness.api.user_message("/timeline Cambodia")
    call = await harness.api.wait_for("sendPhoto", after=mark, timeout=30)
    assert call.ok and "Cambodia" in call.result["caption"]
    reply = await harness.ask("/timeline xyzzy qwerty")
    assert "found no organisation, person or place" in reply["text"]


async def test_export_sends_a_csv_of_exactly_the_listed_events(harness: Harness) -> None:
    listed = await harness.ask("/events Cambodia 2025")
    titles = [line.split(" — ", 1)[1].rsplit(" [", 1)[0] for line in listed["text"].split("\n") if line.startswith("• ")]
    mark = harness.api.mark()
    harness.api.user_message("/export Cambodia 2025")
    call = await harness.api.wait_for("sendDocument", after=mark, timeout=30)
    assert call.ok and call.result["document"]["file_name"].endswith(".csv")
    rows = parse_csv(harness.api.file_bytes(call.result["document"]["file_id"]))
    assert [r["title"] for r in rows] == titles and len(rows) == 3
    assert all(r["start"].startswith("2025") and "Cambodia" in r["countries"] for r in rows)
    assert set(rows[0]) >= {"id", "start", "end", "precision", "title", "places", "countries", "organisations",
                            "people", "figures", "summary", "report", "page", "url"}
    assert any("(co-host)" in r["organisations"] for r in rows)
    assert all(r["page"].isdigit() and r["url"].startswith("http") for r in rows)
    # the id column holds the stable key an open button holds
    keys = [b["callback_data"].split(":")[1][1:] for b in buttons(listed) if
            (b.get("callback_data") or "").startswith("op:e")]
    assert [r["id"] for r in rows] == keys


async def test_profile_timeline_and_csv_buttons(harness: Harness) -> None:
    profile = await harness.ask("/org CNIE")
    by_text = {b["text"]: b["callback_data"] for b in buttons(profile) if b.get("callback_data")}
    mark = await press(harness, profile, by_text["Timeline"])
    photo = await harness.api.wait_for("sendPhoto", after=mark, timeout=30)
    png_size(harness.api.photo_bytes(photo.result))
    mark = await press(harness, profile, by_text["CSV"])
    document = await harness.api.wait_for("sendDocument", after=mark, timeout=30)
    rows = parse_csv(harness.api.file_bytes(document.result["document"]["file_id"]))
    total = int(profile["text"].split("Events (", 1)[1].split(")", 1)[0])
    assert len(rows) == total
    assert all("China NGO Network for International Exchanges" in r["organisations"] for r in rows)
    assert document.params["chat_id"] == USER


def run_cli(*args: str, db: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "bot", *args, "--db", str(db)], cwd=REPO, capture_output=True,
                          timeout=120)


def test_cli_timeline_writes_the_png(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "cnie.png"
    done = run_cli("timeline", "CNIE", "--out", str(out), db=built_store)
    assert done.returncode == 0, done.stderr
    assert png_size(out.read_bytes()) == (1280, 720)
    missing = run_cli("timeline", "xyzzy", "--out", str(tmp_path / "x.png"), db=built_store)
    assert missing.returncode == 1 and not (tmp_path / "x.png").exists()


def test_cli_events_csv(built_store: Path) -> None:
    done = run_cli("events", "--csv", db=built_store)
    assert done.returncode == 0
    rows = parse_csv(done.stdout)
    plain = run_cli("events", db=built_store).stdout.decode().splitlines()
    assert len(rows) == len(plain) > 100
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in r["summary"] + r["title"] + r["organisations"]) for r in rows) \
        or all(r["title"] for r in rows)
    some = parse_csv(run_cli("events", "--csv", "Cambodia", "2025", db=built_store).stdout)
    assert len(some) == 3


def test_a_chart_with_chinese_titles_draws_without_warnings() -> None:
    # The suite turns warnings into errors: a missing glyph must not raise.
    from bot.timeline import timeline_png
    from knowledge.records import DateSpan, Event, Source

    events = [Event(i, "r", "t", DateSpan(f"2020-0{i}-02", f"2020-0{i}-02", "day"), (), (), (), (), "", "",
                    Source("r", "国际理解 2020", "2020")) for i in (1, 3, 4)]
    width, height = png_size(timeline_png("中国民间组织国际交流促进会", events, {"r": "国际理解 2020"}))
    assert (width, height) == (1280, 720)
