"""Dates as the reports write them: find_dates, infer_year, format_span."""
from __future__ import annotations

import pytest

from knowledge.dates import DateContext, find_dates, format_span, infer_year
from knowledge.records import DateSpan

# What the catalog says of the bundled reports (reports/catalog.yaml).
SIRONET_2018 = DateContext(covers_start="2018-01", covers_end="2018-06", issue_date="2018-08-21")
MAGAZINE_2025 = DateContext(covers_start="2024-10", covers_end="2025-04", issue_date="2025")
BRIEFING_ISSUE_ONLY = DateContext(issue_date="2025-12-21")


def only(text: str, ctx: DateContext = DateContext()):
    """The one date of a text (the test fails when there is not exactly one)."""
    found = find_dates(text, ctx)
    assert len(found) == 1, found
    return found[0]


# --- dates with the year left out, read with the SIRONET 2018 report's period ----------------------

def test_on_january_10_is_a_day_in_the_report_year():
    text = ("On January 10, the Dialogue between Parliament Speakers of North Europe and the Baltic "
            "Countries and Chinese Young Entrepreneurs was staged in Beijing.")
    m = only(text, SIRONET_2018)
    assert m.span == DateSpan("2018-01-10", "2018-01-10", "day")
    assert m.year_inferred is True
    assert text[m.start:m.end] == "January 10"


def test_from_march_11_to_13_is_a_day_range():
    text = ("From March 11 to 13, China Ecological Civilization Research and Promotion Association, in "
            "cooperation with China-ASEAN Environmental Cooperation Center, carried out ecological and "
            "environmental organizations exchanges events in Laos.")
    m = only(text, SIRONET_2018)
    assert m.span == DateSpan("2018-03-11", "2018-03-13", "day")
    assert m.year_inferred is True


def test_in_january_is_month_precision():
    text = ("In January, 13 young volunteers of the eighth group of Chinese Young Volunteers Overseas "
            "Service Program arrived in Seychelles and started their one-year voluntary service.")
    m = only(text, SIRONET_2018)
    assert m.span == DateSpan("2018-01", "2018-01", "month")
    assert m.year_inferred is True


def test_infer_year_within_the_covered_period():
    assert infer_year(1, SIRONET_2018) == 2018
    assert infer_year(6, SIRONET_2018) == 2018


def test_infer_year_without_any_context_is_none_and_no_date_is_made_up():
    assert infer_year(5, DateContext()) is None
    assert find_dates("On January 10, the Dialogue was staged in Beijing.") == []


# --- dates written with their year -----------------------------------------------------------------

def test_day_month_range_across_two_months():
    text = ("a CAFIU delegation headed by President Ji Bingxuan visited Germany, Thailand and Vietnam "
            "from 26 November to 5 December 2024.")
    m = only(text, MAGAZINE_2025)
    assert m.span == DateSpan("2024-11-26", "2024-12-05", "day")
    assert m.year_inferred is False
    assert text[m.start:m.end] == "26 November to 5 December 2024"


def test_day_month_range_from_31_march_to_9_april_2025():
    text = ("From 31 March to 9 April 2025, at the invitation of Friends of China Parliamentary "
            "Association of Italy, Liu Hongcai led a CAFIU delegation to visit Italy, Albania and Laos.")
    m = only(text, MAGAZINE_2025)
    assert m.span == DateSpan("2025-03-31", "2025-04-09", "day")
    assert m.year_inferred is False


def test_day_month_comma_year():
    text = ("The 6th Session of the 12th Council of the Chinese Association for International "
            "Understanding (CAFIU) was held in Beijing on the morning of 12 December, 2024.")
    m = only(text, MAGAZINE_2025)
    assert m.span == DateSpan("2024-12-12", "2024-12-12", "day")
    assert m.year_inferred is False


# --- a report whose period spans a new year ------------------------------------------------------

def test_december_falls_in_the_first_year_of_a_period_across_new_year():
    m = only("On 12 December, the China-Cambodia Friendship Carnival kicked off in Siem Reap.", MAGAZINE_2025)
    assert m.span == DateSpan("2024-12-12", "2024-12-12", "day")
    assert m.year_inferred is True


def test_march_falls_in_the_second_year_of_a_period_across_new_year():
    m = only("On 5 March, the “Spring Blossoms” ASEAN-China Lady Cultural Gathering was held in Beijing.",
             MAGAZINE_2025)
    assert m.span == DateSpan("2025-03-05", "2025-03-05", "day")
    assert m.year_inferred is True


def test_infer_year_across_new_year():
    assert infer_year(12, MAGAZINE_2025) == 2024
    assert infer_year(3, MAGAZINE_2025) == 2025


# --- a report with only an issue date ----------------------------------------------------------------

def test_issue_date_only_puts_december_17_in_the_issue_year():
    text = ("From December 17 to 20, a capacity-building training program for social organizations in "
            "the field of humanitarian assistance was held in Hangzhou, Zhejiang Province.")
    m = only(text, BRIEFING_ISSUE_ONLY)
    assert m.span == DateSpan("2025-12-17", "2025-12-20", "day")
    assert m.year_inferred is True
    single = only("On December 17, the training was held in Hangzhou.", BRIEFING_ISSUE_ONLY)
    assert single.span == DateSpan("2025-12-17", "2025-12-17", "day")


def test_issue_date_only_infer_year():
    assert infer_year(12, BRIEFING_ISSUE_ONLY) == 2025
    assert infer_year(1, BRIEFING_ISSUE_ONLY) == 2025


# --- what is not a date ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "On February 30, the delegation arrived.",
    "On February 30, 2018, the delegation arrived.",
    "From 27 to 30 February, the delegation visited Laos.",
    "The report was dated 2018-02-30.",
])
def test_invalid_dates_give_nothing(text):
    assert find_dates(text, SIRONET_2018) == []


@pytest.mark.parametrize("text", [
    "The meeting of 30 February 2025 was postponed.",
    "From February 27 to 30, the delegation visited Laos.",
])
def test_invalid_date_does_not_fall_back_to_a_shorter_date(text):
    assert find_dates(text, SIRONET_2018) == []


def test_a_count_is_not_a_date():
    text = ("More than 70 ambassadors from over 40 countries and international organizations participated "
            "in the reception.")
    assert find_dates(text, SIRONET_2018) == []


# --- format_span ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("span, words", [
    (DateSpan("2025-12-17", "2025-12-20", "day"), "17–20 December 2025"),
    (DateSpan("2024-11-28", "2024-11-28", "day"), "28 November 2024"),
    (DateSpan("2018-03", "2018-03", "month"), "March 2018"),
    (DateSpan("2024-11-26", "2024-12-05", "day"), "26 November – 5 December 2024"),
    (DateSpan("2020", "2020", "year"), "2020"),
])
def test_format_span(span, words):
    assert format_span(span) == words
    assert span.human() == words


def test_found_dates_format_back_to_words():
    text = "From 17 to 20 December 2025, the program was held in Hangzhou."
    assert format_span(only(text).span) == "17–20 December 2025"


def test_a_year_left_out_stands_before_a_publication_after_a_background_date_and_near_a_neighbour():
    # a publication of June 2016 reports a September without year as the September before
    assert infer_year(9, DateContext(issue_date="2016-06-01")) == 2015
    # a story told after a background date of December 2015: its January is January 2016
    assert infer_year(1, DateContext(issue_date="2015-12", relation="after")) == 2016
    assert infer_year(10, DateContext(issue_date="2016-03-23", relation="after")) == 2016
    # a listing's neighbour dated 13 August 2015: a September or a July without year is of 2015,
    # whichever way the list runs; a January beside a December item is the next year
    assert infer_year(9, DateContext(issue_date="2015-08-13", relation="near")) == 2015
    assert infer_year(7, DateContext(issue_date="2015-08-13", relation="near")) == 2015
    assert infer_year(1, DateContext(issue_date="2015-12-20", relation="near")) == 2016


@pytest.mark.parametrize("text, iso", [
    ("held on the 24th of September 2016", ("2016-09-24", "2016-09-24")),
    ("from the 3rd to 5th of May 2019", ("2019-05-03", "2019-05-05")),
    ("Time:2023/07/14", ("2023-07-14", "2023-07-14")),
    ("signed on 14.07.2023 in Bonn", ("2023-07-14", "2023-07-14")),
    ("signed on 14/07/2023", ("2023-07-14", "2023-07-14")),
    ("signed on 07/14/2023", ("2023-07-14", "2023-07-14")),
    ("2023年7月14日", ("2023-07-14", "2023-07-14")),
    ("visited China between July 19 and 28, 2016", ("2016-07-19", "2016-07-28")),
])
def test_ordinal_numeric_and_between_dates(text, iso):
    found = find_dates(text)
    assert [(d.span.start, d.span.end) for d in found] == [iso]


def test_a_numeric_date_whose_order_is_in_doubt_is_no_date():
    assert find_dates("signed on 07/08/2023") == []
    assert find_dates("version 1.2.2023 of the software") == []


def test_a_full_date_a_few_weeks_after_a_yearless_one_is_its_publication():
    stamp = DateContext(issue_date="2023-11-01", relation="after")
    assert only("On October 31, the council met.", stamp).span.start == "2023-10-31"
    # long before the full date: the story follows a background date, into the next year
    assert only("On January 7, the council met.", DateContext(issue_date="2015-12-20", relation="after")).span.start \
        == "2016-01-07"


@pytest.mark.parametrize("label, rest, iso", [
    ("VOL.", "7 November 2015", "2015-11"),
    ("Vol. ", "12 March 2019", "2019-03"),
    ("No. ", "3 May 2020", "2020-05"),
    ("Issue ", "21 October 2022", "2022-10"),
])
def test_a_number_after_a_volume_or_issue_label_is_no_day(label, rest, iso):
    assert [(d.span.start, d.span.precision) for d in find_dates(label + rest)] == [(iso, "month")]
    assert find_dates("held on " + rest)[0].span.precision == "day"  # without the label it is a day


def test_a_web_pages_day_month_and_year_joined_by_hyphens():
    assert [d.span.start for d in find_dates("Updated 20:41, 27-Jul-2018")] == ["2018-07-27"]
    assert [d.span.start for d in find_dates("signed on 3-Sep-2019 in Lima")] == ["2019-09-03"]
