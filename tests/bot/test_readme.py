"""The README shows the bot's real output: its command-line examples and its Telegram exchange are
produced again here and compared. After a change to the answers, `python -m tests.bot.test_readme`
rewrites both from the real bot."""
from __future__ import annotations

import asyncio
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from knowledge.service import KnowledgeBase, build_store
from tests.bot.conftest import Harness, running_bot
from tests.bot.test_chat import buttons
from tests.conftest import REPO, REPORTS

README = REPO / "README.md"
START, END = "<!-- exchange:start -->", "<!-- exchange:end -->"
CLI = re.compile(r'^\$ python -m bot ask "(?P<q>[^"]+)"$')


def cli_blocks(text: str) -> list[tuple[str, list[str]]]:
    """(question, printed lines) of every `$ python -m bot ask "..."` example in the README."""
    out: list[tuple[str, list[str]]] = []
    fence: str | None = None
    current: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("```"):
            fence = None if fence is not None else line
            current = None
            continue
        m = CLI.match(line) if fence == "```" else None
        if m:
            current = []
            out.append((m["q"], current))
        elif current is not None:
            current.append(line)
    for _, lines in out:
        while lines and not lines[-1]:
            lines.pop()
    return out


async def cli_answers(db: Path, questions: list[str]) -> list[list[str]]:
    kb = await KnowledgeBase.open(db)
    try:
        return [(await kb.ask(q)).text.split("\n") for q in questions]
    finally:
        await kb.close()


def _said(who: str, message: dict[str, Any]) -> list[str]:
    if "photo" in message:
        body = [f"(a photo, {message['photo'][-1]['width']}×{message['photo'][-1]['height']}) {message.get('caption', '')}"]
    elif "document" in message:
        body = [f"(a file, {message['document']['file_name']}) {message.get('caption', '')}"]
    else:
        body = message["text"].split("\n")
    lines = [f"{who}{body[0]}", *(f"     {line}" for line in body[1:])]
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        lines.append("     " + "  ".join(f"[{b['text']}]" for b in row))
    return lines


# The exchange: what a user sends ("/..." or text) or presses ("press:<label>" under the last reply).
SCRIPT = ["kemreat viseth", "/org CNIE", "press:Timeline", "/events between 10 and 20 March 2018", "press:2. ",
          "press:Source", "/export Cambodia 2025", "/lang zh", "/subscribe Cambodia since 2025"]


async def exchange(h: Harness) -> list[str]:
    """Run SCRIPT against the running bot; the transcript as the README shows it."""
    api = h.api
    out: list[str] = []
    last: dict[str, Any] | None = None
    for step in SCRIPT:
        mark = api.mark()
        if step.startswith("press:"):
            assert last is not None
            label = step[len("press:"):]
            button = next(b for b in buttons(last) if b["text"].startswith(label))
            api.callback_query(last, button["callback_data"])
            out.append(f"You press [{button['text']}]")
        else:
            api.user_message(step)
            out.append(f"You: {step}")
        call = await _reply(h, mark)
        out += _said("Bot: ", call)
        out.append("")
        if "text" in call:
            last = call
    return out[:-1]


async def _reply(h: Harness, mark: int) -> dict[str, Any]:
    """The bot's first message (text, photo or file) after ``mark``."""
    for _ in range(600):
        for c in h.api.calls():
            if c.index > mark and c.ok and c.method in ("sendMessage", "sendPhoto", "sendDocument"):
                return c.result  # type: ignore[no-any-return]
        await asyncio.sleep(0.05)
    raise TimeoutError("the bot did not reply")


def readme_exchange(text: str) -> list[str]:
    block = text.split(START, 1)[1].split(END, 1)[0]
    return block.strip("\n").removeprefix("```\n").removesuffix("\n```").split("\n")


def test_readme_cli_examples_are_real_output(built_store: Path) -> None:
    blocks = cli_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 2
    real = asyncio.run(cli_answers(built_store, [q for q, _ in blocks]))
    for (question, shown), answer in zip(blocks, real):
        assert shown == answer, f"README example {question!r} is stale; run python -m tests.bot.test_readme"


async def test_readme_exchange_is_real_output(tmp_path: Path, built_store: Path) -> None:
    async with running_bot(tmp_path, built_store) as h:
        real = await exchange(h)
    assert readme_exchange(README.read_text(encoding="utf-8")) == real, \
        "the README's exchange is stale; run python -m tests.bot.test_readme\n" + "\n".join(real)


async def _rewrite() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "knowledge.sqlite"
        await build_store(REPORTS, db)
        text = README.read_text(encoding="utf-8")
        blocks = cli_blocks(text)
        for (question, shown), answer in zip(blocks, await cli_answers(db, [q for q, _ in blocks])):
            old = "\n".join([f'$ python -m bot ask "{question}"', *shown])
            new = "\n".join([f'$ python -m bot ask "{question}"', *answer])
            text = text.replace(old, new, 1)
        (Path(tmp) / "run").mkdir()
        async with running_bot(Path(tmp) / "run", db) as h:
            real = await exchange(h)
        head, rest = text.split(START, 1)
        text = head + START + "\n```\n" + "\n".join(real) + "\n```\n" + END + rest.split(END, 1)[1]
        README.write_text(text, encoding="utf-8")
    print(f"rewrote {README}", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(_rewrite())
