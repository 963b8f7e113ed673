"""Places: parts of the world a question names, and the countries inside them."""
from __future__ import annotations

from knowledge.gazetteer import default_gazetteer
from knowledge.records import Place


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.place.name, m.place.kind) for m in default_gazetteer().find_loose(text)]


def test_a_part_of_the_world_is_found_in_a_question_in_english_or_chinese() -> None:
    assert _found("chinese ngos in southeast asia") == [("China", "country"), ("Southeast Asia", "world region")]
    assert _found("what happened in the middle east in 2020") == [("Middle East", "world region")]
    assert ("Africa", "world region") in _found("中国民间组织在非洲做了什么")


def test_a_place_inside_a_longer_name_is_part_of_it() -> None:
    assert _found("events in south africa") == [("South Africa", "country")]
    assert _found("在东南亚") == [("Southeast Asia", "world region")]  # not South Asia (南亚) too
    assert _found("aid to the central african republic") == [("Central African Republic", "country")]
    # a part of the world's adjective is that part, not the country its last word names
    assert _found("which latin american groups invited them") == [("Latin America", "world region")]
    assert _found("north american partners") == [("North America", "world region")]


def test_a_part_of_the_world_holds_its_countries_but_never_china() -> None:
    g = default_gazetteer()
    asia = g.lookup("Asia")
    assert asia is not None and "Japan" in g.countries_in(asia) and "China" not in g.countries_in(asia)
    sea = g.lookup("southeast asia")
    assert sea is not None
    assert g.in_place(Place("Phnom Penh", "city", "Cambodia"), sea)
    assert not g.in_place(Place("Nairobi", "city", "Kenya"), sea)
    # report text is not tagged with parts of the world: its events are tagged by country
    assert not g.find("NGOs across Southeast Asia")
    assert g.countries_in(Place("Cambodia", "country", "Cambodia")) == ()


def test_an_abbreviation_typed_in_lower_case_as_a_common_word_is_the_word() -> None:
    g = default_gazetteer()

    def places(text: str) -> list[str]:
        return [m.place.name for m in g.find_loose(text)]

    assert places("tell us about events in cambodia") == ["Cambodia"]
    assert places("which electric car brand did he name") == []
    # typed in capitals, after "the", or an abbreviation no common word spells: the place
    assert places("what did CAR receive") == ["Central African Republic"]
    assert places("projects in the us") == ["United States"]
    assert places("students from uk schools") == ["United Kingdom"]


def test_a_countrys_combining_form_before_a_hyphen_names_it() -> None:
    g = default_gazetteer()
    found = [(m.place.name, m.surface) for m in g.find("the Ethio-China Huajian Industrial City, a Franco-Chinese school")]
    assert ("Ethiopia", "Ethio-") in found and ("France", "Franco-") in found
    assert not any(m.place.name == "France" for m in g.find("General Franco spoke."))  # alone, a name


def test_a_chinese_place_name_with_full_width_brackets_is_found_in_text_read_as_nfkc() -> None:
    # Chinese report text is read NFKC-normalised: "刚果（布）" is printed "刚果(布)" there
    found = [m.place.name for m in default_gazetteer().find_loose("代表团访问了加蓬、刚果(布)和刚果(金)。")]
    assert "Republic of the Congo" in found and "Democratic Republic of the Congo" in found


def test_a_country_is_found_by_the_short_chinese_name_news_print_for_it() -> None:
    g = default_gazetteer()
    indonesia = g.lookup("Indonesia")
    assert g.zh_places["印尼"] == indonesia == g.zh_places["印度尼西亚"]
    assert indonesia is not None and "印尼" in g.surfaces_of(indonesia)


def test_one_country_of_a_region_named_by_its_plural_is_that_region() -> None:
    # "a Balkan country" is one of the "Balkan countries", "a Gulf state" one of the "Gulf states"
    assert ("Balkans", "world region") in _found("he toured italy, a balkan country and laos")
    assert ("Gulf states", "world region") in _found("a gulf state sent aid")
    g = default_gazetteer()
    balkans = g.lookup("Balkans")
    assert balkans is not None and g.in_place(Place("Tirana", "city", "Albania"), balkans)


def test_a_capital_described_by_its_country_or_province_is_named() -> None:
    g = default_gazetteer()
    assert g.name_capitals("the group toured the Zhejiang provincial capital in May") == "the group toured Hangzhou in May"
    assert g.name_capitals("a fair held in the Cambodian capital") == "a fair held in Phnom Penh"
    assert g.name_capitals("what happened in the capital of Kenya?") == "what happened in Nairobi?"
    assert g.name_capitals("events in Laos's capital") == "events in Vientiane"
    assert g.name_capitals("在柬埔寨首都举办的活动") == "在金边举办的活动"


def test_a_capital_asked_for_or_named_beside_its_description_is_left_as_typed() -> None:
    g = default_gazetteer()
    for text in ("What is the capital of Australia?", "in Kenya's capital Nairobi", "Beijing Capital International Airport",
                 "the capital cities of Laos and Cambodia", "a Tibetan capital-region fund",
                 "Kenyan capital markets grew", "Chinese capital flows into Laos"):
        assert g.name_capitals(text) == text
