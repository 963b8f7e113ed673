"""Retrievers on plain records."""
from __future__ import annotations

from knowledge.query import Intent
from knowledge.retrieve import ChineseRetriever
from tests.knowledge.stages import query


async def test_chinese_passages_are_found_by_the_words_of_a_chinese_question() -> None:
    r = ChineseRetriever([(1, "会长在京会见了日本首相特使。"), (2, "代表团访问了广州。"), (3, "会长致辞。")])
    q = query("会长什么时候会见了特使？", Intent.WHEN, (), zh_terms=("会长", "会见", "特使"), language="zh")
    found = await r.retrieve(q, 10)
    assert list(found) == [1, 3] and found[1] == 1.0
    assert await r.retrieve(query("who met", Intent.WHO, ("met",)), 10) == {}
