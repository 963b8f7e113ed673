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


async def test_the_retrievers_run_at_once_and_their_candidates_keep_the_retrievers_order() -> None:
    # Each waits for the other to start: run one after the other, they would wait for ever.
    import asyncio

    from knowledge.retrieve import gather

    started = {"a": asyncio.Event(), "b": asyncio.Event()}

    class Waiting:
        def __init__(self, name: str, other: str, found: dict[int, float]) -> None:
            self.name, self.other, self.found = name, other, found

        async def retrieve(self, q, limit):  # noqa: ANN001, ANN201
            started[self.name].set()
            await started[self.other].wait()
            return self.found

    q = query("who met", Intent.WHO, ("met",))
    found = await asyncio.wait_for(gather([Waiting("a", "b", {2: 1.0, 1: 0.5}), Waiting("b", "a", {3: 0.9, 2: 0.1})], q), 5)
    assert list(found) == [2, 1, 3] and found[2] == {"a": 1.0, "b": 0.1}


async def test_an_english_question_read_in_chinese_finds_its_chinese_passage_above_the_others() -> None:
    import numpy as np

    from knowledge.embed import default_embedder
    from knowledge.retrieve import SemanticRetriever

    embedder = default_embedder()
    assert embedder is not None
    texts = ["国际爱心包裹项目五周年成果总结分享会在京举办", "中印尼青年互访游学交流团来校交流访问",
             "A youth delegation from Indonesia visited a school in Xiamen."]
    vectors = np.stack([embedder.passages([t])[0] for t in texts]).astype(np.float32)
    r = SemanticRetriever(embedder, vectors, np.array([1, 2, 3]), np.array([1, 2, 3]), np.array([True, True, False]))
    raw = "when was the 5-year review meeting of the international love package project held?"
    plain = await r.event_similarity(query(raw, Intent.WHEN, ()))
    read = await r.event_similarity(query(raw, Intent.WHEN, (), zh_reading="国际 爱情 包裹 项目 会议 年度"))
    assert read[1] > plain[1] + 0.05 and read[1] > read[2]
    assert read[3] == plain[3]  # a passage in English is compared with the question as asked
