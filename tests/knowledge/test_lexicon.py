"""Word-level matching: stems, countries by their adjectives and abbreviations, coverage."""
from __future__ import annotations

from tests.knowledge.stages import lexicon


def test_a_country_matches_its_adjective_and_its_dotted_abbreviation() -> None:
    lex = lexicon()
    assert lex.coverage(["france"], "The French delegation arrived.")[0] == 1.0
    assert lex.coverage(["us"], "There are 258 pairs between cities of China and the U.S.")[0] == 1.0
    assert lex.coverage(["us"], "There are 258 pairs between cities of China and Japan.")[0] == 0.0


def test_an_english_word_is_found_in_a_text_written_in_chinese_by_its_dictionary_words() -> None:
    lex = lexicon()
    text = "2024年11月20日,国际爱心包裹项目五周年成果总结分享会在北京举办,项目已惠及二十多个国家的儿童。"
    share, hit = lex.coverage(["countries", "children", "five", "bitcoin"], text)
    assert set(hit) == {"countries", "children", "five"} and 0 < share < 1  # ... and not a word it lacks
    # (an English text is not read through glosses)
    assert lex.coverage(["countries"], "The package reached 20 nations.")[0] == 0.0


def test_the_remembered_place_readings_are_the_gazetteers() -> None:
    lex = lexicon()
    text = "The delegation visited Phnom Penh and Siem Reap, then flew to Hanoi."
    first = lex.places_in(text)
    assert [m.place.name for m in first] == [m.place.name for m in lex.gazetteer.find(text)]
    assert {m.place.country for m in first} >= {"Cambodia", "Vietnam"}
    assert lex.places_in(text) is first  # read once
    asia = lex.gazetteer.lookup("Asia")
    cambodia = lex.gazetteer.lookup("Cambodia")
    assert asia is not None and cambodia is not None
    named = "Bikes were handed over to pupils in Cambodia."
    assert lex.names_place(named, cambodia) and lex.names_place(named, asia)  # a country inside the region
    assert not lex.names_place("A forum was held in Paris.", cambodia)
    assert not lex.names_place("A forum was held in Paris.", asia)


def test_a_country_adjective_is_found_in_a_text_written_in_chinese_by_the_countrys_chinese_name() -> None:
    lex = lexicon()
    kenya = "此次新结好的城市中,有山西省与肯尼亚蒙巴萨郡。"
    assert lex.coverage(["kenyan"], kenya)[0] > 0 and lex.coverage(["kenya"], kenya)[0] > 0
    assert lex.coverage(["kenyan"], "此次新结好的城市中,有山西省与泰国曼谷市。")[0] == 0


def test_a_text_written_in_chinese_is_read_both_ways_through_the_dictionary() -> None:
    # The dictionary's Chinese for "elected" and "president" holds neither 当选 nor 会长, but their
    # English senses hold the words: the text says them, as the store's words of the event do.
    lex = lexicon()
    text = "宁夏人民对外友好协会举行换届大会,白玉珍当选第七届理事会会长。"
    assert lex.said_in_chinese("president", text) and lex.said_in_chinese("elected", text)
    assert set(lex.coverage(["president", "elected"], text)[1]) == {"president", "elected"}
    assert lex.said_in_chinese("zorbified", text) is None  # known neither way: says nothing
    assert lex.said_in_chinese("bitcoin", text) is False  # 比特币: not there
    # a verb's past that is a word of its own too ("spoke", of a wheel) is read as the verb
    assert lex.said_in_chinese("spoke", "副会长王晓松说,协会将持续深化友好交往。")


def test_the_places_a_chinese_text_names_are_read_by_their_chinese_names() -> None:
    lex = lexicon()
    text = "主会场设在济南,济南市、青岛市、淄博市等8市承办相关活动。"
    assert [m.place.name for m in lex.places_in(text)] == ["Jinan", "Jinan", "Qingdao", "Zibo"]
    assert all(text[m.start:m.end] == m.surface for m in lex.places_in(text))
    assert lex.places_in("The forum met in Jinan and Qingdao.")[0].place.name == "Jinan"  # English as before


def test_a_word_the_dictionary_barely_knows_is_read_in_chinese_through_its_synonyms() -> None:
    # CC-CEDICT glosses 图片 "picture; photograph", never "photo"; the thesaurus's synonym finds it
    lex = lexicon()
    text = "论坛期间,还将组织“影悟北京”图片展和参观交流活动。"
    assert lex.said_in_chinese("photo", text)
    # a common word the dictionary gives many Chinese words for is not widened by its synonyms'
    # ("set": 一套, 创下, ...; its synonyms "circle", "band", "lot" would say other things)
    from knowledge.lexicon import FEW_CHINESE
    from knowledge.translate import chinese_for

    assert len(chinese_for("set")) >= FEW_CHINESE and lex._chinese_for("set") == chinese_for("set")
