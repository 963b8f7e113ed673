"""Reports written in Chinese (knowledge.extract_zh): items, dates, organisations, people, places.

The texts are our own, in the layouts Chinese publishers use: a news list (menu, headline, paragraph,
date line), an article (headline, date line, body with dated paragraphs and a defined abbreviation),
and magazine teasers (dated paragraphs, the year only in the file name).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.build import build_corpus
from knowledge.extract_zh import (
    CJK,
    find_orgs_zh,
    find_people_zh,
    find_zh_dates,
    is_zh_date_line,
    resolve,
    segment_zh,
    YearRef,
)
from knowledge.gazetteer import default_gazetteer

NEWS_LIST = """Source: https://example.org/news/list?page=3

邮箱登录
用户名:
密码:
首页
协会动态
协会动态
字号: 小 中 大
协会代表团访问巴西和阿根廷
9月3日至10日,应巴西中国友好协会邀请,中国人民对外友好协会副会长李明率代表团访问巴西和阿根廷,分别会见巴西众议院议长马丁斯和阿根廷中国友好协会会长罗德里格斯。
2022-09-14
查看详情
协会与泰国友好团体在京举办青年交流活动
8月28日,中国人民对外友好协会与泰中友好协会在京共同举办中泰青年交流活动,40余名两国青年参加。
2022-08-30
查看详情
"""

ARTICLE = """国际民间组织合作论坛在昆明举办
2023年6月20日 来源:本站

2023年6月16日,中国民间组织国际交流促进会与云南省人民政府在昆明共同举办国际民间组织合作论坛,来自25个国家的150余名代表出席。

论坛期间,与会代表围绕减贫、教育和卫生合作交流经验。

5月22日,澜湄民间交流合作网络(以下简称“澜湄网络”)在万象举办培训班。澜湄网络秘书长阮文安主持开班式。
"""

TEASERS = """3月4日至8日,应肯尼亚中国友好协会邀请,中国人民对外友好协会副会长王刚率团访问肯尼亚,在内罗毕会见肯尼亚国民议会议长韦坦古拉。
4月12日,中国人民对外友好协会会长杨万明在京会见来访的日本前首相鸠山由纪夫一行。
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zh") / "reports"
    folder.mkdir()
    (folder / "friendship-news-list.txt").write_text(NEWS_LIST, encoding="utf-8")
    (folder / "forum-article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "magazine-2024-issue-3.txt").write_text(TEASERS, encoding="utf-8")
    return build_corpus(folder)


def _events(corpus, report_id):
    return [e for e in corpus.events if e.report_id == report_id]


def _corpus(tmp_path, name: str, text: str):
    """The corpus built from one report file of ``text``."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return build_corpus(folder)


def test_a_news_list_gives_one_event_per_headline_without_its_menu(corpus):
    events = _events(corpus, "friendship-news-list")
    assert [e.title for e in events] == ["协会代表团访问巴西和阿根廷", "协会与泰国友好团体在京举办青年交流活动"]
    assert not any("邮箱" in e.text or "查看详情" in e.text or "字号" in e.text for e in events)


def test_a_date_without_its_year_takes_it_from_the_items_date_line_and_says_so(corpus):
    visit, youth = _events(corpus, "friendship-news-list")
    assert (visit.date.start, visit.date.end, visit.date.year_from) == ("2022-09-03", "2022-09-10", "item's date line")
    assert (youth.date.start, youth.date.end) == ("2022-08-28", "2022-08-28")


def test_teasers_take_the_year_from_the_file_name_never_from_today(corpus):
    visit, meeting = _events(corpus, "magazine-2024-issue-3")
    assert (visit.date.start, visit.date.end, visit.date.year_from) == ("2024-03-04", "2024-03-08", "file name")
    assert meeting.date.start == "2024-04-12"


def test_an_article_keeps_its_body_and_a_dated_paragraph_is_an_event_of_its_own(corpus):
    events = _events(corpus, "forum-article")
    assert len(events) == 2
    forum, training = events
    assert forum.title == "国际民间组织合作论坛在昆明举办"
    assert forum.date.start == "2023-06-16"
    assert "减贫" in forum.text
    # the article stays whole: a question on it may need the paragraph with the rest of the story
    # (its own place stays Kunming: see the test of places)
    assert "培训班" in forum.text and "培训班" in training.text and "减贫" not in training.text
    # the year of "5月22日" comes from the article's date line
    assert (training.date.start, training.date.year_from) == ("2023-05-22", "the article's date line")
    report = next(r for r in corpus.reports if r.id == "forum-article")
    assert report.title == "国际民间组织合作论坛在昆明举办" and report.language == "zh"
    assert report.issue_date == "2023-06-20"


def test_places_are_where_the_event_happened_a_city_with_its_country(corpus):
    by_title = {e.title: e for e in corpus.events}
    assert [p.label() for p in by_title["协会代表团访问巴西和阿根廷"].places] == ["Brazil", "Argentina"]
    forum = by_title["国际民间组织合作论坛在昆明举办"]
    assert [(p.name, p.country) for p in forum.places] == [("Kunming", "China")]
    visit = _events(corpus, "magazine-2024-issue-3")[0]
    assert [(p.name, p.country) for p in visit.places] == [("Nairobi", "Kenya")]


def test_known_organisations_join_their_profile_and_others_keep_their_chinese_name(corpus):
    orgs = {o.name: o for o in corpus.orgs}
    cpaffc = orgs["Chinese People's Association for Friendship with Foreign Countries"]
    assert cpaffc.name_zh == "中国人民对外友好协会"
    assert len(cpaffc.event_ids) == 4  # from three reports, one profile
    assert "巴西中国友好协会" in orgs and "泰中友好协会" in orgs
    names = set(orgs)
    assert not any(n.startswith(("应", "会见", "在")) for n in names)


def test_a_defined_abbreviation_stands_for_its_name(corpus):
    net = next(o for o in corpus.orgs if o.name == "澜湄民间交流合作网络")
    assert "澜湄网络" in net.acronyms


def test_people_get_the_title_printed_beside_them(corpus):
    people = {p.name: p for p in corpus.people}
    assert people["李明"].titles[0].title == "中国人民对外友好协会副会长"
    assert people["马丁斯"].titles[0].title == "巴西众议院议长"
    assert people["阮文安"].titles[0].title == "澜湄网络秘书长"
    assert "杨万明" in people and "鸠山由纪夫" in people
    assert people["鸠山由纪夫"].titles[0].title == "日本前首相"


def test_org_names_stop_at_the_verb_before_them():
    found = [s.name for s in find_orgs_zh("应南非中国人民友好协会邀请,代表团会见南非地方政府协会副主席。", {}, {})]
    assert found == ["南非中国人民友好协会", "南非地方政府协会"]
    # a generic kind ("民间组织", "社会组织") is no organisation
    assert find_orgs_zh("中国民间组织和当地社会组织开展合作。", {}, {}, {"中国"}) == []


def test_two_titles_before_one_name_are_both_kept():
    people = [p for p, _, _ in find_people_zh("会见了日本首相特使、自民党干事长二阶俊博一行。")]
    assert [(p.name, p.title) for p in people] == [("二阶俊博", "日本首相特使、自民党干事长")]
    people = [p for p, _, _ in find_people_zh("中国联协副会长兼总干事张丹会见代表团。")]
    assert [(p.name, p.title) for p in people] == [("张丹", "中国联协副会长兼总干事")]
    people = [p for p, _, _ in find_people_zh("唐家璇会长在京会见了代表团。")]
    assert [p.name for p in people] == ["唐家璇"]


def test_ranks_of_the_civil_service_are_titles_before_a_name():
    people = [p for p, _, _ in find_people_zh("省外办一级巡视员王明在会上介绍了合作项目。")]
    assert [(p.name, p.title) for p in people] == [("王明", "省外办一级巡视员")]
    people = [p for p, _, _ in find_people_zh("市商务局合作处副处长李华主持了签约仪式。")]
    assert [p.name for p in people] == ["李华"]


def test_chinese_dates_and_ranges():
    spans = [resolve(d, YearRef("2019-05-01", "page date", before=True)) for d in find_zh_dates(
        "2019年6月28日、3月15日至19日、10月24日至28日、2017年11月、3月31日至4月2日")]
    assert [(s.start, s.end, s.precision) for s in spans] == [
        ("2019-06-28", "2019-06-28", "day"), ("2019-03-15", "2019-03-19", "day"),
        ("2018-10-24", "2018-10-28", "day"),  # later in the year than the page's date: the year before
        ("2017-11", "2017-11", "month"), ("2019-03-31", "2019-04-02", "day")]
    assert spans[0].year_from is None and spans[1].year_from == "page date"
    # without a year to go by, a date without its year is no date
    assert resolve(find_zh_dates("4月27日")[0], None) is None


def test_date_lines_are_told_from_text():
    assert is_zh_date_line("2019-04-27") and is_zh_date_line("2019-06-28 1375")
    assert is_zh_date_line("日期:2021-07-11 阅读:518 来源:中促会民间交流")
    assert not is_zh_date_line("2019年4月27日,代表团访问北京。")


def test_a_page_of_chinese_navigation_gives_no_events_and_is_named(tmp_path):
    corpus = _corpus(tmp_path, "menu-only.txt", "首页\n新闻中心\n关于我们\n联系我们\n邮箱登录\n字号: 小 中 大\n首页\n"
                                                "新闻中心 国际交流 项目合作 会员服务\n")
    assert corpus.events == []
    assert any("menu-only.txt" in w for w in corpus.warnings)


def test_segmenting_undated_paragraphs_falls_back_to_paragraphs():
    items = segment_zh(["中国扶贫基金会在尼泊尔开展助学项目,向当地学校捐赠书包和文具。",
                        "爱德基金会在埃塞俄比亚援建水井,当地村民因此喝上了干净的水。"])
    assert len(items) == 2


def test_profiles_of_chinese_names_have_a_kind_a_country_and_their_people(corpus):
    orgs = {o.name: o for o in corpus.orgs}
    brazil = orgs["巴西中国友好协会"]
    assert (brazil.kind, brazil.country) == ("association", "Brazil")
    cpaffc = orgs["Chinese People's Association for Friendship with Foreign Countries"]
    assert {name for _, name, _ in cpaffc.people} >= {"李明", "王刚", "杨万明"}
    net = orgs["澜湄民间交流合作网络"]
    assert [name for _, name, _ in net.people] == ["阮文安"]


def test_an_english_card_makes_a_chinese_event_findable_in_english(corpus):
    from knowledge.extract_zh import english_card, is_chinese_event

    visit = _events(corpus, "magazine-2024-issue-3")[0]
    assert is_chinese_event(visit)
    card = english_card(visit)
    assert card.startswith("4–8 March 2024 — Nairobi, Kenya.")
    assert "Chinese People's Association for Friendship with Foreign Countries" in card and "肯尼亚中国友好协会" in card
    assert "王刚 (Wang Gang)" in card


def test_the_store_holds_a_chinese_events_text_and_its_card_as_passages(corpus, tmp_path):
    import asyncio
    import sqlite3

    from knowledge.store import write_store

    db = tmp_path / "store.sqlite"
    asyncio.run(write_store(corpus, db, embed=False))
    visit = _events(corpus, "magazine-2024-issue-3")[0]
    with sqlite3.connect(db) as con:
        texts = [t for (t,) in con.execute("SELECT text FROM passages WHERE event_id = ?", (visit.id,))]
        # the full-text index cannot split Chinese words: a run of Chinese is one token to unicode61
        assert con.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", ('"肯尼亚"',)).fetchone()[0] == 0
        english = [t for (t,) in con.execute("SELECT p.text FROM passages p JOIN passages_fts f ON f.rowid = p.id "
                                              "WHERE passages_fts MATCH ?", ("Nairobi",))]
    assert any("韦坦古拉" in t for t in texts) and any(t.startswith("4–8 March 2024") for t in texts)
    # The card, and the text's English gloss, are found by English words.
    assert english and all(t in texts for t in english) and any(t.startswith("4–8 March 2024") for t in english)
    glossed = [t for t in texts if not CJK.search(t[:40]) and not t.startswith("4–8 March")]
    assert glossed and all(len(t) < 2000 for t in glossed)  # (each within what the embedder reads)


def test_only_an_event_written_in_chinese_gets_glossed_passages() -> None:
    from knowledge.store import event_passages, glossed_passages

    text = "3月21日,中国人民对外友好协会会长率团访问肯尼亚。代表团参观了一所学校,向学生赠送了300个书包。"
    glossed = glossed_passages("对外友协代表团访问肯尼亚", text)
    assert len(glossed) == len(event_passages("对外友协代表团访问肯尼亚", text)) == 1
    assert "Kenya" in glossed[0] and "300" in glossed[0] and not CJK.search(glossed[0].split(".")[0])
    assert glossed_passages("A visit to Kenya", "The delegation visited a school in Nairobi.") == []


def test_chinese_is_told_from_english_and_japanese():
    from knowledge.extract_zh import is_chinese_text

    assert is_chinese_text("4月9日,中国人民对外友好协会与越南友好组织联合会在京共同举办中越人民友好见面会。")
    assert not is_chinese_text("On 9 April the CPAFFC held a meeting in Beijing (中越人民友好见面会) with friends.")
    assert not is_chinese_text("7月2日から8日まで、日中友好会館代表団が中国を訪問し、北京、広州、香港を訪れました。")


def test_names_cut_short_by_the_words_before_them_are_completed_from_the_page(tmp_path):
    corpus = _corpus(
        tmp_path, "visit-2017.txt",
        "应日中友好会馆邀请,3月7日至11日,宋敬武副会长率团访问东京。\n会见日中友好会馆会长江田五月\n")
    assert {o.name for o in corpus.orgs} == {"日中友好会馆"}
    assert corpus.events[0].date.start == "2017-03-07"


def test_a_page_in_traditional_characters_is_read_in_simplified_ones(tmp_path):
    corpus = _corpus(
        tmp_path, "beijing-ngo.txt",
        "由北京市民間組織國際交流協會、昌平區政府聯合主辦的聯誼活動於2013年4月16日在京舉行。"
        "來自英國海外志願服務社等30余家國際機構的代表參加活動。\n")
    event = corpus.events[0]
    assert event.date.start == "2013-04-16" and [p.name for p in event.places] == ["Beijing"]
    # both bodies before 联合主办 host it
    assert {(o.name, o.role) for o in event.organizations} >= {("北京市民间组织国际交流协会", "host"), ("昌平区政府", "host")}
    assert "英国海外志愿服务社" in {o.name for o in event.organizations}


def test_a_list_of_headlines_with_their_dates_gives_one_event_each(tmp_path):
    corpus = _corpus(
        tmp_path, "headlines.txt",
        "新闻动态\n中国人民对外友好协会代表团访问巴西 2023-05-12\n中国人民对外友好协会会长会见泰国客人 2023-05-08\n"
        "中国人民对外友好协会举办中非青年交流活动 (2023-04-27)\n")
    assert [(e.title, e.date.start) for e in corpus.events] == [
        ("中国人民对外友好协会代表团访问巴西", "2023-05-12"), ("中国人民对外友好协会会长会见泰国客人", "2023-05-08"),
        ("中国人民对外友好协会举办中非青年交流活动", "2023-04-27")]


def test_a_text_wrapped_at_a_fixed_width_is_read_as_paragraphs():
    from knowledge.extract_zh import unwrap

    text = ("3月4日至8日,应肯尼亚中国友好协会邀请,中国人民对外友好协会副会长王刚率团访问肯尼亚,在内罗毕会见肯尼亚国民议会议长"
            "韦坦古拉,双方就深化两国民间交流交换了意见。代表团还访问了蒙巴萨,参观了当地的学校和医院,并同当地友好人士座谈。")
    lines = [text[i:i + 20] for i in range(0, len(text), 20)]
    assert unwrap(lines) == [text]


def test_a_sentence_that_says_what_a_body_is_describes_it(tmp_path):
    corpus = _corpus(
        tmp_path, "about-2014.txt",
        "2014年4月2日,南非中国人民友好协会在约翰内斯堡举行理事会会议。\n"
        "南非中国人民友好协会成立于2001年,是南非从事对华民间友好交流的团体。\n")
    org = next(o for o in corpus.orgs if o.name == "南非中国人民友好协会")
    assert org.description == "南非中国人民友好协会成立于2001年,是南非从事对华民间友好交流的团体。"
    assert org.country == "South Africa"


def test_a_listing_of_undated_headlines_and_teasers_gives_one_event_each():
    items = segment_zh(["搜索结果", "中国扶贫基金会在尼泊尔开展助学项目", "基金会向尼泊尔学校捐赠书包和文具,惠及上千名学生。",
                        "爱德基金会在埃塞俄比亚援建水井", "爱德基金会援建的水井让当地村民喝上了干净的水。",
                        "中国红十字会向缅甸提供人道援助", "中国红十字会向缅甸灾区运送帐篷和药品。"])
    assert [it.headline for it in items] == ["中国扶贫基金会在尼泊尔开展助学项目", "爱德基金会在埃塞俄比亚援建水井",
                                             "中国红十字会向缅甸提供人道援助"]


def test_a_menu_of_short_labels_is_no_item_and_a_bracketed_short_name_is_defined(tmp_path):
    corpus = _corpus(
        tmp_path, "news.txt",
        "首页\n协会概况\n会长致辞\n现任常务理事会\n理事单位\n会长活动\n"
        "副会长率团出席阿中友联会议\n"
        "3月10日至12日,应阿拉伯中国友好协会联合会(“阿中友联”)邀请,中国人民对外友好协会副会长姜江率团赴埃及开罗,"
        "出席阿中友联执委会会议。\n2023-03-14\n")
    assert [e.title for e in corpus.events] == ["副会长率团出席阿中友联会议"]
    event = corpus.events[0]
    assert (event.date.start, event.date.end) == ("2023-03-10", "2023-03-12")
    assert [(p.name, p.country) for p in event.places] == [("Cairo", "Egypt")]
    league = next(o for o in corpus.orgs if o.name == "阿拉伯中国友好协会联合会")
    assert league.acronyms == ("阿中友联",) and ("阿拉伯中国友好协会联合会", "host") in {
        (o.name, o.role) for o in event.organizations}


def test_a_breadcrumb_trail_and_a_menu_with_an_english_link_are_no_headlines(tmp_path):
    corpus = _corpus(
        tmp_path, "brief.txt",
        "乡村教育调研 - 2019年动态\n注册申请 | 设为首页 | 加入收藏|English\n\n动态\n\n联系我们\n\n"
        "首页 > 动态 > 2019年动态\n\n2019年动态\n\n协会赴老挝开展乡村学校调研\n\n"
        "协会调研组于2019年5月6日至9日赴老挝琅勃拉邦,走访了三所乡村小学,了解校舍和图书需求。调研组还与当地教育部门座谈。\n")
    assert corpus.reports[0].title == "乡村教育调研 - 2019年动态"
    assert not any("首页" in e.title or "English" in e.title for e in corpus.events)
    assert any(e.date and e.date.start == "2019-05-06" for e in corpus.events)


def test_a_page_of_several_items_is_named_and_dated_by_what_it_prints_above_them(tmp_path):
    corpus = _corpus(
        tmp_path, "digest-2022-9.txt",
        "民间外交周报 (2022年第9期,3月7日-3月13日)\n\n日期:2022-03-13 来源:秘书处\n\n"
        "1、协会向蒙古国牧民捐赠过冬物资\n\n3月8日,协会在乌兰巴托向两百户牧民发放了棉衣和煤炭。\n\n"
        "2、中柬青年在金边开展植树活动\n\n3月12日,五十名中柬青年在金边郊外种下三百棵树。\n")
    report = corpus.reports[0]
    # not "Digest 2022 9" from the file's name, nor the year that name gives
    assert report.title == "民间外交周报 (2022年第9期,3月7日-3月13日)" and report.issue_date == "2022-03-13"
    assert [e.date.start for e in corpus.events if e.date] == ["2022-03-08", "2022-03-12"]


def test_a_news_agencys_dispatch_date_gives_way_to_the_events_date_after_it(tmp_path):
    corpus = _corpus(
        tmp_path, "bluebook-2018.txt",
        "社会组织蓝皮书发布 社会组织走出国门\n\n发布时间:2018-05-23\n\n"
        "中国青年网北京5月17日电(记者 杨月)5月16日,研究院与出版社共同发布了《社会组织蓝皮书(2018)》。"
        "报告执行主编蔡礼强教授指出,社会组织正逐步走出去。\n")
    [event] = corpus.events
    assert event.date.start == "2018-05-16"  # the release, not the day the story was filed
    (tmp_path / "other").mkdir()
    corpus = _corpus(tmp_path / "other", "visit-2018.txt",
                     "代表团访问老挝\n\n发布时间:2018-05-23\n\n新华社万象5月17日电 协会代表团当天在万象向学校捐赠了图书。\n")
    assert corpus.events[0].date.start == "2018-05-17"  # no other date: the dispatch's day is the story's
    for folder, line, day in (("day", "新华社万象5月17日电 协会援建的学校16日在万象落成。", "2018-05-16"),
                              ("month", "新华社万象5月2日电 协会援建的学校30日在万象落成。", "2018-04-30")):
        (tmp_path / folder).mkdir()
        corpus = _corpus(tmp_path / folder, "school-2018.txt", f"学校落成\n\n发布时间:2018-05-23\n\n{line}\n")
        assert corpus.events[0].date.start == day  # a day alone after the dispatch: of its month, or the one before


def test_date_lines_printed_above_their_headlines_date_the_item_below():
    items = segment_zh(["民间交流新闻", "2024-05-16", "协会代表团访问肯尼亚", "5月12日至15日,协会代表团访问内罗毕。",
                        "2024-04-03", "协会举办中非青年对话会", "4月2日,协会在北京举办中非青年对话会。"])
    assert [(it.headline, it.date_line) for it in items] == [("协会代表团访问肯尼亚", "2024-05-16"),
                                                             ("协会举办中非青年对话会", "2024-04-03")]


def test_a_chinese_name_and_its_english_name_are_one_profile(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "zh-2024.txt").write_text("爱心包裹项目总结会在北京举办\n\n发布时间:2024-11-22\n\n"
                                        "2024年11月20日,中国乡村发展基金会在北京举办爱心包裹项目总结会。\n", encoding="utf-8")
    (folder / "en-2024.txt").write_text("Love packages reach Nepal\n\nDate: 2024-05-02\n\n"
                                        "On 1 May 2024, the China Foundation for Rural Development handed out "
                                        "love packages to pupils in Kathmandu.\n", encoding="utf-8")
    corpus = build_corpus(folder)
    [cfrd] = [o for o in corpus.orgs if "Rural Development" in o.name]
    assert cfrd.name == "China Foundation for Rural Development" and len(cfrd.event_ids) == 2


def test_a_photo_caption_under_the_headline_leaves_the_dated_opening_to_the_article(tmp_path):
    # The caption of the article's photo stands between the headline and its opening paragraph: the
    # opening's date is the article's, and the paragraphs after it go on with the same story.
    items = segment_zh(["爱心包裹项目总结会在北京举办", "2024/11/22 10:55 公益时报", "启动仪式合影",
                        "2024年11月20日,爱心包裹项目总结会在北京举办,多国使馆代表出席。",
                        "活动由项目负责人主持,介绍了本次升级内容。"])
    assert len(items) == 1 and items[0].paragraphs[-1].startswith("活动由")
    corpus = _corpus(tmp_path, "love-2024.txt", "爱心包裹项目总结会在北京举办\n\n2024/11/22 10:55 公益时报\n\n启动仪式合影\n\n"
                     "2024年11月20日,爱心包裹项目总结会在北京举办,多国使馆代表出席。\n\n活动由项目负责人主持,介绍了本次升级内容。\n")
    [event] = corpus.events
    assert event.date.start == "2024-11-20" and "主持" in event.text and event.summary.startswith("2024年11月20日")
    # a date line under the headline is no caption: it still dates the article
    items = segment_zh(["新疆生地所入选促进会会员", "2017-07-06 新疆生态与地理研究所", "会议通过了章程的修改。"])
    assert items[0].paragraphs[0] == "2017-07-06 新疆生态与地理研究所"


def test_a_title_printed_three_times_above_the_text_is_the_articles_headline():
    # The window's title, the site's name, a breadcrumb and the heading: the title repeats above the
    # first sentence, so it is the headline, not a label repeated under every item. A paragraph that
    # opens by naming a person of the story goes on with it, though it names an earlier month.
    title = "中老青年交流营在万象开幕"
    items = segment_zh([title, "某某新闻网", "当前位置:新闻 > 国际 >", title, title, "2019-08-09 10:20:00 某某网",
                        "由两国青年组织联合举办的中老青年交流营8日在老挝万象开幕,百余名青年参加。",
                        "协会副会长王建国出席开幕式并致辞。",
                        "王建国在致辞中说,自2018年5月双方签署合作协议以来,两国青年交流日益密切。",
                        "交流营为期一周,安排了讲座和参观。"])
    assert len(items) == 1 and items[0].headline == title
    assert items[0].date_line.startswith("2019-08-09") and items[0].paragraphs[-1].startswith("交流营为期")
    # a paragraph that opens with its own date is still an event of its own
    items = segment_zh([title, title, "2019-08-09", "中老青年交流营8日在老挝万象开幕。",
                        "8月12日,营员们参观了当地一所学校。"])
    assert len(items) == 2 and items[1].parent is items[0]


def test_a_chronicle_of_days_under_one_headline_gives_one_dated_event_a_day(tmp_path):
    # A month's chronicle: a menu of labels between bars, a trail that opens with the site's name, then
    # each entry's days on a line of their own (no year: the article's date line gives it).
    page = ("某市友协2018年9月工作大事记\n某市人民对外友好协会\n首页 | 协会介绍 | 友好往来 | 专题活动 | 民间组织交流 | English\n"
            "某市友协网 > 大事记 > 正文\n\n某市友协2018年9月工作大事记\n发布时间:2018-10-11\n\n"
            "8月30日—9月2日\n日本大学生代表团赴杭州参访,协会副会长王明陪同。\n\n"
            "9月6日\n越南驻华使馆举行国庆招待会,协会会长李华应邀出席。\n\n【打印本页】 【关闭窗口】\n")
    events = _corpus(tmp_path, "chronicle.txt", page).events
    assert [e.date.start for e in events] == ["2018-08-30", "2018-09-06"]
    assert not any("协会介绍" in e.text or "大事记 >" in e.text or "打印" in e.text for e in events)


def test_a_list_of_headlines_with_their_dates_before_them_gives_one_event_each():
    items = segment_zh(["光明行2019年万象站纪实", "网站名称", "当前位置:主页 > 国际 > 公益动态 >",
                        "■ 2019-11-22 | 医疗队在万象开始为白内障患者免费手术", "医疗队由昆明的医护人员组成。",
                        "■ 2019-11-26 | 活动结束,94名患者接受免费手术", "来自万象周边的患者接受了手术。"])
    dated = [(it.headline, it.date_line) for it in items if it.date_line]
    assert dated == [("医疗队在万象开始为白内障患者免费手术", "2019-11-22"), ("活动结束,94名患者接受免费手术", "2019-11-26")]
    # a trail that opens with the site's name is no headline either
    items = segment_zh(["青少年走进江西", "中国新闻网 > 社会 > 正文", "发布时间:2024-09-18", "青少年走进江西",
                        "9月18日,交流团一行40人抵达南昌。"])
    assert [it.headline for it in items] == ["青少年走进江西"]


def test_an_item_naming_only_the_country_of_a_page_about_one_city_in_it_happened_in_that_city(tmp_path):
    page = ("云南医疗队2019年老挝万象行纪实\n某某资讯网\n\n2019年11月22日,医疗队在万象的眼科中心开始为贫困患者免费手术。\n\n"
            "2019年11月26日,医疗队在老挝共为94名患者免费实施了手术。\n")
    events = _corpus(tmp_path, "laos-trip.txt", page).events
    assert [[p.name for p in e.places] for e in events] == [["Vientiane"], ["Vientiane"]]
    # a page about the country itself leaves its items in the country
    (tmp_path / "b").mkdir()
    events = _corpus(tmp_path / "b", "laos-trip.txt", page.replace("老挝万象行纪实", "老挝行纪实")).events
    assert [[p.name for p in e.places] for e in events] == [["Vientiane"], ["Laos"]]


def test_a_saved_pages_address_under_its_title_dates_what_the_page_leaves_without_a_year(tmp_path):
    # a page saved as title, address, text: "5月12日" takes its year from the address's /2022/05/13/
    corpus = _corpus(
        tmp_path, "gansu-ngo-forum.txt",
        "甘肃社会组织走出去座谈会\nhttp://news.example.cn/system/2022/05/13/012761962.shtml\n\n"
        "5月12日,甘肃省社会组织“走出去”工作座谈会在兰州市举行,二十多家社会组织代表参加会议。\n")
    assert corpus.events[0].date.start == "2022-05-12"
    assert all("http" not in e.text for e in corpus.events)


def test_the_most_precise_date_of_a_file_name_and_an_address_dates_the_page():
    from knowledge.extract import address_date

    assert address_date("forum_2018", "http://news.example.cn/20180522/36a98a87.html") == ("2018-05-22", 1)
    assert address_date("", "http://example.cn/Homepage/201910/t20191029_800183009.html") == ("2019-10-29", 1)
    assert address_date("visit-2017-03", "http://example.cn/2017/news.html") == ("2017-03", 0)
    assert address_date("notes", "http://example.cn/article/91") is None


def test_a_line_that_leads_into_a_list_and_counts_it_is_text_not_a_label(tmp_path):
    corpus = _corpus(tmp_path, "sister-cities-2009.txt",
                     "某市国际友好城市一览\n发表于 2009-12-3 14:20:46\n"
                     "某市国际友城工作始于上世纪80年代初,到2005年共有正式国际友好城市和友好关系城市20个:\n"
                     "第一类 正式国际友好城市(共9个):\n日本 长野市(1981年4月19日缔结)\n加拿大 萨斯卡通市(1985年5月31日缔结)\n"
                     "邮箱:\n")
    text = "\n".join(e.text for e in corpus.events)
    assert "共9个" in text and "20个" in text
    assert "邮箱" not in text  # a form label still is one


# An article printed without its headline and its date line (a copy taken from an aggregator): the
# year stands only before the meeting's name in the sentence the date opens.
HEADLESS_ARTICLE = """5月20日,2019滨海国际青年友好论坛在青岛开幕。来自12个国家的青年代表参加了开幕式。
论坛期间,与会青年围绕绿色发展和数字教育开展了分组讨论,并走访了当地的社区和学校。
大会发表了《滨海宣言》,倡议加强青年之间的长期交流。
该论坛于2011年首次举办,每两年一届,下届论坛将于2021年举行。
"""


def test_a_day_without_its_year_takes_the_year_of_its_own_sentence(tmp_path):
    corpus = _corpus(tmp_path, "headless-article.txt", HEADLESS_ARTICLE)
    (event,) = corpus.events
    # (the page names three other years, 2011 and 2021 among them: only the opening sentence's counts)
    assert event.date is not None and event.date.start == "2019-05-20"


def test_paragraphs_that_are_no_event_of_their_own_go_on_with_the_one_above(tmp_path):
    corpus = _corpus(tmp_path, "headless-article.txt", HEADLESS_ARTICLE)
    (event,) = corpus.events
    assert "《滨海宣言》" in event.text and "下届论坛将于2021年举行" in event.text


def test_a_page_whose_paragraphs_date_nothing_and_name_no_one_is_still_one_event(tmp_path):
    text = ("与会青年围绕绿色发展和数字教育开展了分组讨论,并走访了当地的社区和学校。\n"
            "大家表示,希望今后继续加强交流,增进相互了解。\n")
    corpus = _corpus(tmp_path, "undated-notes.txt", text)
    (event,) = corpus.events
    assert event.date is None and "增进相互了解" in event.text


def test_a_name_stops_before_a_word_of_its_own_that_jieba_reads_after_it():
    # "全程" (throughout) after the name: no given name runs on into it
    (found, _, _), = find_people_zh("基金会秘书长李明全程参加了此次活动")
    assert found.name == "李明" and found.title == "基金会秘书长"
