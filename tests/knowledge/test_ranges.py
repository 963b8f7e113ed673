"""Date ranges in questions and filters."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from knowledge.ranges import find_range, within
from knowledge.service import KnowledgeBase


@pytest.mark.parametrize("text, start, end", [
    ("from 2018-03-01 to 2018-03-10", "2018-03-01", "2018-03-10"),
    ("between 10 and 20 March 2018", "2018-03-10", "2018-03-20"),
    ("between March 10 and March 20, 2018", "2018-03-10", "2018-03-20"),
    ("since June 2018", "2018-06-01", "9999-12-31"),
    ("from June 2018 onwards", "2018-06-01", "9999-12-31"),
    ("after 2019", "2020-01-01", "9999-12-31"),
    ("before 2020", "0001-01-01", "2019-12-31"),
    ("until May 2019", "0001-01-01", "2019-05-31"),
    ("March to June 2018", "2018-03-01", "2018-06-30"),
    ("November 2017 to February 2018", "2017-11-01", "2018-02-28"),
    ("2018-2019", "2018-01-01", "2019-12-31"),
])
def test_ranges_people_type(text: str, start: str, end: str) -> None:
    found = find_range(f"events in Cambodia {text}")
    assert found is not None and (found.start, found.end) == (start, end)
    assert found.strip(f"events in Cambodia {text}") in ("events in Cambodia", "events in Cambodia in")


@pytest.mark.parametrize("text", ["Cambodia 2025", "events in March 2018", "who is Liu Hongcai", "12,000 Panda Packs",
                                  "between 30 and 31 February 2018", "the Belt and Road since",
                                  "exchanges from June 2018"])
def test_no_range_where_there_is_none(text: str) -> None:
    assert find_range(text) is None


def test_within_keeps_day_dates_that_overlap_and_coarse_dates_wholly_inside() -> None:
    assert within("2018-03-08", "2018-03-12", "2018-03-10", "2018-03-20")
    assert not within("2018-03", "2018-03", "2018-03-10", "2018-03-20")  # "some time in March" is not "10-20 March"
    assert within("2018-06", "2018-06", "2018-06-01", "9999-12-31")
    assert within("2019", "2019", "0001-01-01", "2019-12-31")
    assert not within(None, None, "0001-01-01", "9999-12-31")


def test_lists_and_questions_honour_ranges(built_store: Path) -> None:
    async def run() -> None:
        kb = await KnowledgeBase.open(built_store)
        try:
            month = await kb.list_events("March 2018")
            narrow = await kb.list_events("between 10 and 20 March 2018")
            ids = await kb.matching_event_ids("between 10 and 20 March 2018")
            events = await kb.events_by_id(ids)
            assert 0 < len(events) < int(month.text.split()[0])
            assert all(e.date and e.date.precision == "day" and e.date.start <= "2018-03-20"
                       and e.date.end >= "2018-03-10" for e in events)
            assert narrow.text.startswith(f"{len(events)} events (10–20 March 2018)")
            iso = await kb.matching_event_ids("from 2018-03-01 to 2018-03-10")
            assert all(e.date.start <= "2018-03-10" and e.date.end >= "2018-03-01" for e in await kb.events_by_id(iso))
            since = await kb.events_by_id(await kb.matching_event_ids("Cambodia since 2025"))
            all_cambodia = await kb.events_by_id(await kb.matching_event_ids("Cambodia"))
            assert since and len(since) < len(all_cambodia)
            assert all(e.date and e.date.start >= "2025" for e in since)
            before = await kb.events_by_id(await kb.matching_event_ids("Cambodia before 2020"))
            assert before and all(e.date.end < "2020" for e in before)
            asked = await kb.ask("what happened between 10 and 20 March 2018?")
            assert asked.text.split("\n")[0] == narrow.text.split("\n")[0]
            fact = await kb.ask("how many bikes were donated in Cambodia before 2020?")
            assert "2000 bikes" not in fact.text  # that donation was in December 2024
            fact = await kb.ask("how many bikes were donated in Cambodia since 2024?")
            assert "2000 bikes" in fact.text
        finally:
            await kb.close()

    asyncio.run(run())


def test_a_part_of_a_year_is_a_range_of_its_months() -> None:
    assert (find_range("events in the first half of 2018").start, find_range("events in the first half of 2018").end) \
        == ("2018-01-01", "2018-06-30")
    assert find_range("q3 2020 events").start == "2020-07-01" and find_range("q3 2020 events").end == "2020-09-30"
    assert find_range("list the events of spring 2020").label == "March 2020 – May 2020"
    assert find_range("what happened in late 2024").start == "2024-09-01"
    # "by the end of 2020" is a point in time, not a period of events
    assert find_range("how many schools by the end of 2020") is None


def test_a_part_of_a_year_in_chinese() -> None:
    assert (find_range("2018年上半年发生了什么").start, find_range("2018年上半年发生了什么").end) == ("2018-01-01", "2018-06-30")
    assert find_range("2020年第三季度的活动").start == "2020-07-01"
    assert find_range("截至2020年底建了多少所学校") is None  # the end of a year is a point in time


def test_a_month_narrowed_to_its_start_or_end_is_the_whole_month() -> None:
    r = find_range("anything between late january and early february 2013?")
    assert (r.start, r.end) == ("2013-01-01", "2013-02-28")
    assert find_range("from mid-march to late april 2018").start == "2018-03-01"


def test_mid_year_in_chinese_is_not_the_zhong_of_china() -> None:
    assert find_range("2025年中国和平发展基金会柬埔寨办事处主任是谁？") is None  # the year, then 中国
    assert find_range("2025年中的活动").start == "2025-05-01"


def test_two_months_in_a_row_joined_by_and_are_one_period() -> None:
    r = find_range("what happened in december 2024 and january 2025")
    assert (r.start, r.end) == ("2024-12-01", "2025-01-31")
    assert find_range("events in may and june 2020").start == "2020-05-01"
    assert find_range("march and june 2018") is None  # two months apart: not the months between
    assert find_range("between 10 and 20 March 2018").start == "2018-03-10"


def test_one_whole_day_with_its_year_is_a_range_of_that_day() -> None:
    for text in ("what happened on 9 June 2018", "events on June 9, 2018", "news of 2018-06-09", "on the 9th of June 2018"):
        r = find_range(text)
        assert r is not None and (r.start, r.end, r.label) == ("2018-06-09", "2018-06-09", "9 June 2018"), text
    assert find_range("events in June 2018") is None and find_range("what happened on 9 June") is None
