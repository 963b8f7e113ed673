"""Questions in Chinese glossed in English with jieba and CC-CEDICT."""
from __future__ import annotations

from knowledge.translate import chinese_number, gloss


def test_question_words_dates_and_content_words_are_glossed() -> None:
    out = gloss("2018年3月柬埔寨捐赠了多少辆自行车？").lower()
    assert "how many" in out and "bicycle" in out and "march" in out and "2018" in out
    assert "classifier" not in out  # 辆 counts vehicles; it says nothing


def test_a_chinese_name_is_written_in_pinyin_as_the_reports_print_it() -> None:
    assert "Liu Zhihua" in gloss("刘志华是谁")


def test_a_common_word_that_begins_with_a_surname_is_not_taken_for_a_name() -> None:
    # 水窖 (a water cellar) is no entry of the dictionary, and 水 is a surname; jieba lists it as a noun
    out = gloss("在埃塞俄比亚建了多少个水窖？").lower()
    assert "water" in out and "shui" not in out
    assert "Liu Zhihua" in gloss("刘志华是谁")  # a name jieba does not list as a common word stays one


def test_a_place_the_dictionary_knows_is_not_taken_for_a_name() -> None:
    assert "Nepal" in gloss("他们什么时候去了尼泊尔")


def test_text_without_chinese_glosses_to_itself() -> None:
    assert gloss("") == ""


def test_chinese_numerals_before_a_measure_word_are_figures_and_ordinals() -> None:
    assert [chinese_number(x) for x in ("十二", "二十五", "一百零八", "两", "二〇二五", "三万五千")] == [12, 25, 108, 2, 2025, 35000]
    text = gloss("第十二届理事会第六次会议派出七百名志愿者")
    assert "12th" in text and "6th" in text and "700" in text
    # Without a measure word a numeral is part of a word (一带一路 is the Belt and Road).
    assert "1" not in gloss("一带一路")


def test_question_words_of_a_day_and_of_an_organisation() -> None:
    assert "which day" in gloss("会议是哪天召开的")
    assert "which" in gloss("由哪家基金会承办")


def test_the_content_words_of_a_chinese_question() -> None:
    from knowledge.translate import zh_words

    words = zh_words("唐家璇什么时候会见了日本代表团？")
    assert "唐家璇" in words and "会见" in words and "代表团" in words
    assert "什么时候" not in words and "了" not in words  # question words and grammar say how it is asked


def test_a_text_is_written_in_chinese_when_chinese_words_outnumber_latin_ones() -> None:
    from knowledge.translate import written_in_chinese

    assert written_in_chinese("中日友协会长会见日本首相特使")
    assert not written_in_chinese("Motto: Letting the world understand china (中国国际交流协会).")


def test_a_word_the_dictionary_lacks_is_glossed_by_the_words_it_is_made_of() -> None:
    from knowledge.translate import gloss_word

    assert gloss_word("青年代表") == ("youth", "representative")  # 青年 + 代表, not character by character
    assert gloss_word("组织") == ("organize",) and gloss_word("组织", noun=True) == ("organization",)
    assert gloss_word("成员组织", noun=True) == ("member", "organization")


def test_a_preferred_sense_is_taken_where_the_first_is_unknown_and_grammar_glosses_as_nothing() -> None:
    seen = {"activity": 40, "help": 5}

    def prefer(sense: str) -> float | None:
        if sense in ("have", "of", "be at"):
            return None
        return float(seen.get(sense, 0))

    assert gloss("活动", prefer=prefer) == "activity"  # first sense "exercise" is not in the text searched
    assert gloss("援助", prefer=prefer) == "help"  # the first sense is, and stays
    seen["assistance"] = 5000  # unless another is far more common there
    assert gloss("援助", prefer=prefer) == "assistance"
    assert gloss("柬埔寨有哪些活动", prefer=prefer) == "Cambodia which activity"  # 有: "have", grammar
    assert "exist" not in gloss("在泰国开展了什么项目")  # 在 is a preposition here


def test_a_counted_nouns_sense_is_the_one_the_reports_say_most() -> None:
    from knowledge.translate import noun_sense

    seen = {"organization": 4.0, "mechanism": 0.5}
    assert noun_sense("机构", seen.get) == "organization"  # the dictionary's first is "mechanism"
    assert noun_sense("机构", {"mechanism": 0.5}.get) == "mechanism"  # (the first, where none is far more common)
    assert noun_sense("人", seen.get) is None  # one character: too many senses to choose from
    assert noun_sense("成员组织", seen.get) is None  # not a word of the dictionary: its parts are no senses


def test_a_sense_citing_chinese_keeps_its_english_part() -> None:
    assert gloss("甘肃") == "Gansu province"  # "Gansu province, abbr. 甘[Gan1]..."


def test_which_year_and_which_day_keep_their_one() -> None:
    # 哪一年 is "which year", not "which 1 year"; a numeral before a measure word is still a number
    assert "which year" in gloss("这个网络是哪一年成立的？") and " 1 " not in gloss("这个网络是哪一年成立的？")
    assert "which day" in gloss("会议是哪一天举行的")
    assert gloss("三次会议").startswith("3 ")


def test_an_entry_for_a_person_or_an_event_of_history_glosses_as_its_name_without_its_years() -> None:
    # The dictionary's entry goes on with a biography ("US Secretary of State 1973-1977"), whose years
    # would be read as the question's year.
    out = gloss("基辛格秘密访华50周年纪念活动上,哪位国家领导人出席并致辞?")
    assert "Henry Kissinger" in out and "1973" not in out and "1923" not in out and "politician" not in out
    assert gloss("一战") == "World War I"


def test_an_english_word_is_put_in_chinese_by_the_dictionarys_senses() -> None:
    from knowledge.translate import chinese_for

    assert "预算" in chinese_for("budget")
    assert "选举" in chinese_for("elected")  # by its base form
    # a sense that is the word alone, wherever it stands in the entry ("to wrap up; ...; package"),
    # or after an article ("an association")
    assert "包裹" in chinese_for("package") and "协会" in chinese_for("association")
    assert chinese_for("zorbified") == ()


def test_the_noun_phrase_a_chinese_text_opens_with_ends_before_its_verb_or_a_particle() -> None:
    from knowledge.translate import leading_noun_phrase

    assert leading_noun_phrase("团体会员开展防控？") == "团体会员"
    assert leading_noun_phrase("青年代表出席了会议") == "青年代表"
    assert leading_noun_phrase("国家的友好城市") == "国家"


def test_the_kind_a_chinese_which_question_asks_for_is_the_head_noun_after_its_question_word() -> None:
    from knowledge.translate import asked_kind

    assert asked_kind("绍兴第三届国际友城大会是在哪家酒店举办的?") == "酒店"
    assert asked_kind("双方签署了什么合作协议?") == "协议"  # the head of the noun phrase
    assert asked_kind("他们希望开展什么样的民生项目?") == "项目"
    assert asked_kind("哪位领导出席了开幕式?") == "领导"  # (a verb after the noun ends it)
    # no kind: what was done, or when
    assert asked_kind("他们在北京做了什么?") == "" and asked_kind("论坛是什么时候举办的?") == ""


def test_a_word_typed_in_pinyin_is_found_by_the_characters_that_read_so() -> None:
    from knowledge.translate import prints_in_pinyin

    assert prints_in_pinyin("anzhen", "患儿在北京安贞医院接受手术")
    assert prints_in_pinyin("Changsha", "湖南长沙市")  # 长 read either way: chang, zhang
    assert not prints_in_pinyin("anzhen", "患儿在云南省阜外医院接受手术")
    assert not prints_in_pinyin("an-zhen", "安贞医院")  # letters only


def test_a_noun_made_of_a_verb_is_said_by_the_verbs_chinese_words() -> None:
    from knowledge.translate import chinese_for

    assert "合作" in chinese_for("cooperation") and "捐赠" in chinese_for("donations")
    assert "柬埔寨" in chinese_for("cambodia's")  # a possessive is its noun
    # a short stem is another word: "station" is no "state", "million" no "mill"
    assert "国家" not in chinese_for("station") and "磨坊" not in chinese_for("million")


def test_how_many_before_a_measure_word_reads_how_many_whatever_the_noun_after_it() -> None:
    # "几位副会长": without the measure word, "几副" would be one word to the segmenter ("small table,
    # secondary"), and the question would not ask how many.
    out = gloss("理事会选出了几位副会长？")
    assert "how many" in out and "table" not in out
    assert "how many" in gloss("发放了多少个包裹？")
    # ... and before a unit of time, which is what is counted ("几天", one word to jieba: "a few days")
    out = gloss("论坛会期几天？")
    assert "how many" in out and "day" in out


def test_a_question_word_jieba_reads_together_with_its_noun_is_glossed_as_both() -> None:
    # "哪些地方" is one word to jieba and none of the dictionary's: "which" then the noun, so the
    # question reads as asking where ("which region"), not "which ones? region"
    assert "which region" in gloss("交流团在江西还去了哪些地方?")
    assert "which ones" not in gloss("交流团在江西还去了哪些地方?")


def test_an_english_questions_words_are_read_in_chinese_by_the_words_chinese_uses_most() -> None:
    from knowledge.translate import chinese_reading

    reading = chinese_reading(["meeting", "package", "zorbified"], ["广西"]).split()
    assert "会议" in reading and "晤谈" not in reading  # the commonest of the dictionary's words
    assert "包裹" in reading and reading[-1] == "广西"
    assert chinese_reading(["zorbified"]) == ""
    # two words the dictionary has as one; and of a word's Chinese words, the one the texts print
    assert chinese_reading(["primary", "schools"]) == "小学"
    assert chinese_reading(["school"], printed=lambda w: 3 if w == "学堂" else 0) == "学堂"


def test_a_word_that_also_names_a_small_place_reads_as_the_word_first() -> None:
    from knowledge.translate import gloss_word

    # 友好 is a district in Heilongjiang before the dictionary says "friendly"; 和平 one in Shenyang
    assert gloss_word("友好")[0] == "friendly" and gloss_word("和平")[0] == "peace"
    # a name of another kind keeps its place: 中巴 is China-Pakistan before it is a minibus
    assert gloss_word("中巴")[0] == "China-Pakistan"
