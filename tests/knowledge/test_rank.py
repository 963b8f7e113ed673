"""Ranking candidate events on plain records."""
from __future__ import annotations

from knowledge.query import Intent, Query
from knowledge.rank import rank, semantic_share
from knowledge.records import DateSpan, Event, Place
from tests.knowledge.stages import event, lexicon, query

CAMBODIA = Place("Cambodia", "country", "Cambodia")
BIKES = event(1, "Bike donation", "2000 bikes were donated to a school.", places=(CAMBODIA,),
              date=DateSpan("2024-12-23", "2024-12-23", "day"))
FORUM = event(2, "Youth forum", "A youth forum on peace was held.", date=DateSpan("2018-05-01", "2018-05-01", "day"))


def _terms(*events):
    lex = lexicon()
    return {e.id: lex.text_terms(f"{e.title} {e.text}") for e in events}


def test_the_event_holding_the_question_words_ranks_first() -> None:
    q = query("bikes donated", Intent.WHAT, ("bikes", "donated"))
    ranked = rank(q, [FORUM, BIKES], {1: 2.0, 2: 1.0}, _terms(FORUM, BIKES), lexicon(), {"r1": "2025"})
    assert [s.event.id for s in ranked] == [1, 2]
    assert ranked[0].coverage == 1.0 and ranked[1].coverage == 0.0


def test_semantic_similarity_lifts_a_paraphrase_without_shared_words() -> None:
    q = query("bicycles handed to pupils", Intent.WHAT, ())
    lexical_only = rank(q, [FORUM, BIKES], {}, _terms(FORUM, BIKES), lexicon(), {"r1": "2025"})
    assert lexical_only[0].score == lexical_only[1].score == 0.0
    ranked = rank(q, [FORUM, BIKES], {}, _terms(FORUM, BIKES), lexicon(), {"r1": "2025"}, {1: 0.91, 2: 0.80})
    assert ranked[0].event.id == 1 and ranked[0].similarity == 0.91


def test_a_place_filter_drops_events_elsewhere() -> None:
    q = query("bikes in cambodia", Intent.WHAT, ("bikes",), places=(CAMBODIA,))
    ranked = rank(q, [FORUM, BIKES], {}, _terms(FORUM, BIKES), lexicon(), {"r1": "2025"})
    assert [s.event.id for s in ranked] == [1]


def test_a_when_question_drops_events_of_another_year() -> None:
    q = query("when was the youth forum in 2019", Intent.WHEN, ("youth", "forum"), year=2019)
    assert rank(q, [FORUM], {}, _terms(FORUM), lexicon(), {"r1": "2025"}) == []


def test_semantic_share_maps_the_cosine_band_to_0_1() -> None:
    assert semantic_share(0.5) == 0.0 and semantic_share(0.99) == 1.0
    assert 0.0 < semantic_share(0.85) < 1.0


def test_a_chinese_question_is_covered_by_a_chinese_event_that_holds_its_words() -> None:
    from knowledge.rank import rank, zh_coverage

    assert zh_coverage(("会见", "特使"), "会长会见了特使") == 1.0
    assert zh_coverage(("会见", "代表团"), "会长会见了特使") == 0.4  # by characters: 2 of 5
    # ... or by what each word tells: a common word ("活动") weighs less than a rare one ("民生")
    from knowledge.translate import zh_weight

    assert zh_weight("活动") < zh_weight("民生") < zh_weight("中柬")
    assert zh_coverage(("活动", "民生"), "交流活动", zh_weight) < 0.5
    zh = event(50, "会长会见特使", "4月27日,会长在京会见了日本首相特使。")
    other = event(51, "Masks", "Masks were sent.")
    q = query("会长什么时候会见了特使？", Intent.WHEN, (), zh_terms=("会长", "会见", "特使"), language="zh")
    ranked = rank(q, [other, zh], {}, {}, lexicon(), {})
    assert ranked[0].event is zh and ranked[0].coverage == 1.0


def test_a_month_the_text_prints_without_a_year_is_of_the_events_own_year() -> None:
    from knowledge.rank import text_has_date

    dialogue = event(40, "Online dialogue", "On May 23, a medical team of four experts went to Peru at its request.",
                     date=DateSpan("2020-06-14", "2020-06-14", "day"))
    q = query("who led the medical team that went to peru in may 2020", Intent.WHO, ("team", "peru"), year=2020, month=5)
    assert text_has_date(dialogue, q)
    assert not text_has_date(dialogue, q.but(year=2019))
    assert not text_has_date(dialogue, q.but(month=7))


def _kept(q: Query, story: Event, issued: str) -> list[int]:
    """The ids of the events ranked for a question asked of one story in a report of ``issued``."""
    return [s.event.id for s in rank(q, [story], {}, _terms(story), lexicon(), {"r1": issued})]


def test_a_period_the_text_speaks_of_keeps_a_later_story_for_a_fact_question_but_not_for_a_list() -> None:

    story = event(41, "Schools across Africa", "Starting from early 2011, the foundation made field visits in "
                  "Tanzania and Kenya.", date=DateSpan("2019-10-29", "2019-10-29", "day"))
    early_2011 = ("2011-01-01", "2011-04-30", "early 2011")
    fact = query("which countries did the foundation visit in early 2011", Intent.WHERE, ("foundation", "visits"),
                 date_range=early_2011)
    assert _kept(fact, story, "2025") == [41]
    assert _kept(fact.but(intent=Intent.LIST), story, "2025") == []
    assert _kept(fact.but(date_range=("2014-01-01", "2014-04-30", "early 2014")), story, "2025") == []
    # a range of years is no period the text speaks of by naming one of them
    assert _kept(fact.but(date_range=("0001-01-01", "2014-12-31", "before 2015")), story, "2025") == []


def test_a_day_the_text_names_without_its_year_keeps_the_story_for_a_fact_question() -> None:
    # published on 29 October 2014, its caption says "on Oct 23": asked "on oct 23, 2014", it is kept
    story = event(42, "NGO services help Nepal", "Staff of the network deliver rice for locals in Lumbini, Nepal, on "
                  "Oct 23. The network held a forum in Kathmandu.", date=DateSpan("2014-10-29", "2014-10-29", "day"))
    day = ("2014-10-23", "2014-10-23", "23 October 2014")
    fact = query("where did the network staff hand out rice on oct 23, 2014", Intent.WHERE, ("network", "rice"),
                 date_range=day)
    assert _kept(fact, story, "2014") == [42]
    other = fact.but(date_range=("2014-10-24", "2014-10-24", "24 October 2014"))
    assert _kept(other, story, "2014") == []
