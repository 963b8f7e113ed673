"""Questions in Chinese glossed in English with jieba and CC-CEDICT."""
from __future__ import annotations

from knowledge.translate import gloss


def test_question_words_dates_and_content_words_are_glossed() -> None:
    out = gloss("2018年3月柬埔寨捐赠了多少辆自行车？").lower()
    assert "how many" in out and "bicycle" in out and "march" in out and "2018" in out
    assert "classifier" not in out  # 辆 counts vehicles; it says nothing


def test_a_chinese_name_is_written_in_pinyin_as_the_reports_print_it() -> None:
    assert "Liu Zhihua" in gloss("刘志华是谁")


def test_a_place_the_dictionary_knows_is_not_taken_for_a_name() -> None:
    assert "Nepal" in gloss("他们什么时候去了尼泊尔")


def test_text_without_chinese_glosses_to_itself() -> None:
    assert gloss("") == ""
