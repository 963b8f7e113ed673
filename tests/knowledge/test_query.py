"""Understanding questions: synonyms, words that are not typos, intent and filters."""
from __future__ import annotations

from knowledge.gazetteer import default_gazetteer
from knowledge.query import NameIndex, english_spelling, ReportTitles, Vocabulary, list_topic, parse, stem, synonym_stems


def _parse(question: str, vocab: dict[str, int] | None = None, names: list[tuple[str, str, str]] | None = None,
           titles: dict[str, tuple[str, str | None, str]] | None = None):
    df = vocab or {"classes": 3, "presided": 2, "covid-19": 9, "co-hosted": 2, "broad": 2, "students": 4,
                   "spectacles": 1, "china": 20, "india": 2, "china-india": 1, "canada": 1, "ambassadors": 2}
    return parse(question, Vocabulary(df, 50), NameIndex(names or []), default_gazetteer(), ReportTitles(titles or {}))


def test_british_and_american_spellings_share_a_stem() -> None:
    assert stem("organisations") == stem("organizations")
    assert stem("organised") == stem("organized")


def test_synonyms_of_general_english() -> None:
    assert stem("presided") in synonym_stems("chaired")
    assert stem("spectacles") in synonym_stems("glasses")


def test_common_words_are_not_corrected_to_other_words() -> None:
    q = _parse("who gave out glasses to the board?")
    assert "classes" not in q.terms and "broad" not in q.terms
    assert "glasses" in q.terms  # searched through "spectacles"
    assert "board" in q.unknown_terms


def test_hyphenated_corpus_words_are_found_from_their_parts() -> None:
    q = _parse("covid dialogue cohosts")
    assert "covid-19" in q.terms and "co-hosted" in q.terms


def test_a_compound_of_known_words_is_not_corrected() -> None:
    q = _parse("the china-canada youth exchange")
    assert "china-india" not in q.terms


def test_counted_noun_and_role_verb_are_the_focus() -> None:
    assert _parse("how many ambassadors came to the reception?").focus[0] == "ambassadors"
    q = _parse("who chaired the dialogue?")
    assert q.intent == "who" and q.focus == ("chaired",)
    # the counted noun ends its phrase, however long: its last words
    assert _parse("how many overseas chinese love health packages did they send?").focus[-1] == "packages"
    # modifiers joined by "and" lead to the same noun ("institutional", a modifier, was the focus)
    assert _parse("how many institutional and individual members does the network have?").focus[-1] == "members"
    assert _parse("roughly how many local and foreign guests attended?").focus[-1] == "guests"
    # a part of a group the question counts itself ("of the 30 officials") counts the same noun
    assert _parse("how many of the 30 women officials came from thailand?").focus[-2:] == ("women", "officials")
    assert _parse("how many of these volunteers were doctors?").focus[-1] == "volunteers"


def test_a_misspelt_post_is_asked_for_as_mended() -> None:
    q = _parse("who was the vice govenor of the province?", vocab={"governor": 3, "province": 2})
    assert q.role == "governor"


def test_the_noun_a_who_question_describes_its_answer_by() -> None:
    from knowledge.query import described_noun

    assert described_noun("what is the name of the teacher who led the students to the camp?") == ["teacher"]
    assert described_noun("who is the country director of the foundation's office?") == ["country", "director"]
    assert described_noun("embassy minister who spoke at the reception - who was it?") == ["embassy", "minister"]
    assert described_noun("the 106-year-old friendship medal winner who came to the open day?") == ["medal", "winner"]
    # an age is no noun; "which X" may be a thing; a generic noun or any post says nothing of the answer
    assert described_noun("name of the 15 year old who made a dumpling?") == []
    assert described_noun("which anniversary did the concert celebrate?") == []
    assert described_noun("who is the head of the ward that thanked them?") == []
    assert described_noun("name of the organisation that paid for it") == []
    assert described_noun("who chaired the dialogue?") == []
    # the noun before a "who" counts only where nothing else stands before it ("the woman running the radio who")
    assert described_noun("the woman running the friendship radio who handed out gifts") == []
    assert _parse("who is the country director of the office?").described == ("country", "director")


def test_who_is_behind_is_not_a_person_profile() -> None:
    assert _parse("who is behind the free school meals in nairobi?").intent == "who"
    assert _parse("who is elon musk?").intent == "person"


def test_plural_which_groups_is_a_who_question() -> None:
    assert _parse("which chinese groups sent doctors to laos?").intent == "who"


def test_upper_case_who_is_the_organisation() -> None:
    q = _parse("What did the federation ask WHO to do?")
    assert q.intent != "who"


def test_x_based_is_not_a_place_filter() -> None:
    q = _parse("which beijing-based groups went to egypt?")
    assert [p.name for p in q.places] == ["Egypt"]


def test_a_place_that_opens_an_organisations_name_is_not_a_place_filter() -> None:
    # the organisation need not be known: its name is a place, a word or two, and a kind of body
    q = _parse("who did tian yan of the beijing friendship association meet in september?")
    assert not q.places
    q = _parse("what did the yunnan red cross society do in laos?")
    assert [p.name for p in q.places] == ["Laos"]
    # a place with grammar between it and the body is where something happened
    q = _parse("which ngos went to beijing to meet the association?")
    assert [p.name for p in q.places] == ["Beijing"]


def test_year_next_to_chinese_characters() -> None:
    assert _parse("2025年的活动").year == 2025


_TITLES = {"sironet-2018": ("Latest News of SIRONET International Exchanges (2018.1-2018.6)", None, "2018-08-21"),
           "iu-2025": ("International Understanding, Vol. 1, 2025", "国际交流", "2025-03-01"),
           "bj-2023": ("Beijing's People-to-People Diplomacy (I): Social Organizations", None, "2023-05-01")}


def test_a_report_narrowed_to_a_month_lists_that_months_events() -> None:
    q = _parse("sironet news - what went on in march 2018?", titles=_TITLES)
    assert q.intent == "list" and q.report_ids == ("sironet-2018",) and q.month == 3
    assert _parse("what is in the sironet news?", titles=_TITLES).intent == "report"


def test_a_place_in_the_reports_title_does_not_narrow_it() -> None:
    q = _parse("who published the Beijing's People-to-People Diplomacy report and when?", titles=_TITLES)
    assert q.intent == "report"


def test_a_chinese_title_inside_a_longer_name_names_no_report() -> None:
    assert _parse("《国际交流》杂志的口号是什么？", titles=_TITLES).report_ids == ("iu-2025",)
    q = _parse("四川省民间组织国际交流促进会有多少家成员单位？", titles=_TITLES)
    assert q.report_ids == () and q.intent == "how_many"
    # Glossed words ("国际" is "international") name no report either.
    assert _parse("社会组织国际人道主义援助培训由哪家基金会承办？", titles=_TITLES).report_ids == ()


def test_a_chinese_when_question_is_not_a_profile() -> None:
    names = [("Chinese Association for International Understanding", "org", "6"), ("中国国际交流协会", "org", "6")]
    q = _parse("中国国际交流协会第十二届理事会第六次会议是哪天在北京召开的？", names=names)
    assert q.intent == "when"


def test_ordinals_money_and_the_counted_noun_are_read() -> None:
    q = _parse("who spoke at the 5th session of the twelfth council?")
    assert q.ordinals == (5, 12)
    assert _parse("when did they first meet?").ordinals == ()
    assert _parse("what was the budget of the training?").asks_money
    assert _parse("how much did the foundation spend on shipping?").asks_money
    assert not _parse("how many bikes were donated?").asks_money
    # "how much" before its verb, with no noun of what is measured, asks for a sum
    assert _parse("how much did the volunteers' donors raise for the food packages?").asks_money
    assert _parse("how much does each student get per year?").asks_money
    # "by how much" asks the size of a change, in any unit
    assert not _parse("by how much will the solar lamps cut the villages' emissions?").asks_money
    assert not _parse("how much rice did they send?").asks_money
    assert _parse("how many people applied to volunteer?").focus == ("people",)
    assert _parse("how many n95 masks were raised?").focus == ("n95", "masks")


def test_a_publisher_names_its_reports() -> None:
    titles = {"iu-2025": ("International Understanding, Vol. 1, 2025", None, "2025-03-01")}
    names = [("Chinese Association for International Understanding", "org", "6"), ("CAFIU", "acronym", "6")]
    q = parse("cafiu magazine: everything dated january 2025", Vocabulary({"cafiu": 3}, 50), NameIndex(names),
              default_gazetteer(), ReportTitles(titles, {"iu-2025": "Chinese Association for International Understanding (CAFIU)"}))
    assert q.report_ids == ("iu-2025",) and q.org_ids == () and q.intent == "list" and q.month == 1
    # Without a word for a publication, the organisation is the filter.
    q = parse("what did cafiu do in january 2025?", Vocabulary({"cafiu": 3}, 50), NameIndex(names),
              default_gazetteer(), ReportTitles(titles, {"iu-2025": "Chinese Association for International Understanding (CAFIU)"}))
    assert q.report_ids == () and q.org_ids == (6,)


def test_a_chinese_question_keeps_its_english_reading() -> None:
    q = _parse("东京明天会下雨吗？")
    assert q.language == "zh" and "tomorrow" in q.reading.lower()
    assert _parse("what is cfpd?").reading == ""


def test_by_a_date_in_a_fact_question_is_a_point_in_time_not_a_filter() -> None:
    q = _parse("how many schools had the project built by August 2015?")
    assert q.date_range is None and q.intent == "how_many"
    assert _parse("events by August 2015").date_range is not None
    assert _parse("who is the secretary-general of the association?").role == "secretary-general"


def test_asking_for_a_name_is_a_who_question() -> None:
    assert _parse("the ex polish deputy pm they met in warsaw - name?").intent == "who"
    assert _parse("the icu doctor who drove to iraq - his name?").intent == "who"


def test_a_question_about_the_reports_themselves_names_none() -> None:
    for question, catalog in [("what reports do you have?", "all"), ("list the reports", "all"),
                              ("which reports came out in 2020?", "all"), ("what is the latest report?", "latest"),
                              ("show me the newest issue", "latest"), ("what is the oldest issue?", "oldest"),
                              ("你们有哪些报告？", "all"), ("最新的报告是什么？", "latest")]:
        q = _parse(question, titles=_TITLES)
        assert (q.intent, q.catalog, q.report_ids) == ("report", catalog, ()), question
    # "latest" in a question is not the word "Latest" of a title
    assert _parse("what is the latest report?", titles=_TITLES).report_ids == ()
    # something the reports tell about, not the reports
    assert _parse("reports about bicycles", titles=_TITLES).catalog == ""
    assert _parse("最近有什么新闻？", titles=_TITLES).catalog == ""


def test_which_report_holds_something_is_asked_of_the_reports() -> None:
    # "which report(s) ..." with something asked about: the reports are to be chosen among ("topic")
    for question in ["which reports mention Laos?", "which report talks most about Cambodia?",
                     "which issue covers the Lancang-Mekong cooperation?", "哪份报告讲柬埔寨最多？",
                     "哪些报告提到自行车？", "in which magazine is the piece on bicycles?"]:
        q = _parse(question, titles=_TITLES)
        assert (q.intent, q.catalog) == ("report", "topic"), question
    # nothing asked but the reports: the catalog itself; no "which": a question about the topic
    assert _parse("which reports came out in 2020?", titles=_TITLES).catalog == "all"
    assert _parse("你们有哪些报告？", titles=_TITLES).catalog == "all"
    assert _parse("what issues did they discuss in Laos?", titles=_TITLES).catalog == ""
    assert _parse("reports about bicycles", titles=_TITLES).catalog == ""


def test_which_issue_names_no_report_by_a_common_title_word() -> None:
    # "cooperation" is a common word of a title; beside "which issue" it names no report
    titles = {"brief": ("Global Exchange & Cooperation Weekly Briefing", None, "2025-12-21"),
              "iu-2025": ("International Understanding, Vol. 1, 2025", None, "2025")}
    rt = ReportTitles(titles, common=lambda w: w in {"cooperation", "exchange", "global"})
    assert rt.named_in("which issue covers the mekong cooperation?", "which issue covers the mekong cooperation?") == []
    assert rt.named_in("the cooperation briefing", "the cooperation briefing") == ["brief"]


def test_a_title_is_named_by_its_words_written_together_and_a_repeated_word_counts_once() -> None:
    titles = {"lakes": ("Lakeside's Town-to-Town Friendship: Civic Groups", None, "2031"),
              "review": ("Friendship Department of the Provincial Office LAKESIDE REVIEW", None, "2031-04")}
    rt = ReportTitles(titles)
    q = 'who wrote the Lakeside Review article "A Town Network"?'
    assert rt.named_in(q, q.lower()) == ["review"]


def test_a_publishers_acronym_names_its_reports() -> None:
    titles = {"brief-1221": ("China's NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending December 21, 2025)",
                             None, "2025-12-21"),
              "iu-2025": ("International Understanding, Vol. 1, 2025", None, "2025-03-01")}
    publishers = {"brief-1221": "China Development Brief", "iu-2025": "Chinese Association for International Understanding (CAFIU)"}
    q = parse("when did the CDB briefing come out?", Vocabulary({}, 50), NameIndex([]), default_gazetteer(),
              ReportTitles(titles, publishers))
    assert q.report_ids == ("brief-1221",) and "cdb" not in q.unknown_terms and "cdb" not in q.topic
    q = parse("what is in the cafiu magazine?", Vocabulary({}, 50), NameIndex([]), default_gazetteer(),
              ReportTitles(titles, publishers))
    assert q.report_ids == ("iu-2025",)
    # an acronym alone, without a word for a publication, names no report
    assert parse("what did cdb do?", Vocabulary({}, 50), NameIndex([]), default_gazetteer(),
                 ReportTitles(titles, publishers)).report_ids == ()


def test_the_month_a_report_came_out_names_it_and_does_not_narrow_it() -> None:
    titles = {"brief-1221": ("China's NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending December 21, 2025)",
                             None, "2025-12-21")}
    q = _parse("what does the weekly briefing of 21 december 2025 cover?", titles=titles)
    assert q.report_ids == ("brief-1221",) and q.intent == "report" and not q.narrowed
    q = _parse("sironet news - what went on in march 2018?", titles=_TITLES)
    assert q.narrowed


def test_a_report_named_with_little_else_asked_keeps_its_topic_apart() -> None:
    publishers = {"bj-2023": "Beijing Foreign Affairs Office"}
    q = parse("what topics does the beijing foreign affairs office report discuss?", Vocabulary({}, 50), NameIndex([]),
              default_gazetteer(), ReportTitles(_TITLES, publishers))
    assert q.report_ids == ("bj-2023",) and set(q.topic) == {"topics", "discuss"} and not q.narrowed


def test_a_chinese_who_is_question_takes_the_name_as_its_subject() -> None:
    q = _parse("张丹是谁？")
    assert q.intent == "person" and q.subject == "张丹"
    assert _parse("中国的总理是谁？").intent != "person"  # a description, not a name
    # an English question that prints a name in Chinese beside its own describes whom it asks for
    q = _parse("who is the chairman of that toronto charity fu hui (福慧) that funds school kids?")
    assert q.intent == "who" and q.role == "chairman"


def test_a_chinese_questions_ordinals_are_its_di_numbers_not_glosses() -> None:
    from knowledge.query import ordinals_in

    assert _parse("唐家璇什么时候会见了二阶俊博？").ordinals == ()  # 二阶 is a name, glossed "second order"
    assert _parse("第二届论坛在哪里举行？").ordinals == (2,)
    assert ordinals_in("出席第二届“一带一路”国际合作高峰论坛") == [2]
    assert ordinals_in("基辛格秘密访华50周年纪念活动") == [50]  # an anniversary: the 50th
    # one 第 for a list: the 131st and 132nd pairs of friendship cities
    assert ordinals_in("成为广西第131、132对友城") == [131, 132]
    assert ordinals_in("第12届2024年年会") == [12]  # (a year after it is no ordinal)
    assert "二阶俊博" in "".join(_parse("唐家璇什么时候会见了二阶俊博？").zh_terms)


def test_a_chinese_how_many_question_counts_the_noun_after_duoshao() -> None:
    assert _parse("向小学捐赠了多少个书包？").zh_focus == "书包"
    assert _parse("有多少名青年代表出席？").zh_focus == "青年代表"
    assert _parse("新疆向多少个国家的友好城市捐赠了口罩？").zh_focus == "国家"
    # where no word the pattern knows follows the noun, its part of speech tells where it ends
    assert _parse("协会指导了多少个团体会员开展防控？").zh_focus == "团体会员"
    assert _parse("有多少名东盟国家女外交官参加？").zh_focus.endswith("外交官")
    # the measure word is no part of the noun: "多少例患儿" counts 患儿 (as "患儿27例" prints it)
    assert _parse("已经免费救治了多少例患儿？").zh_focus == "患儿"
    assert _parse("一共捐赠了多少箱口罩？").zh_focus == "口罩"
    # pairs (of friendship cities, "结好77对"), groups, places are counted by their measure words too
    assert _parse("云南一共结了多少对友城？").zh_focus == "友城"
    assert _parse("来了几组学生？").zh_focus == "学生"
    # a measure word of occurrences with no noun after it counts times, not the dictionary's "period"
    q = _parse("这个系列讲座一共办了多少期？")
    assert q.focus == ("times",) and q.zh_focus == "期"
    assert _parse("代表团来了几次？").focus == ("times",)


def test_a_person_named_in_chinese_is_found_by_that_name() -> None:
    q = _parse("王立新是谁？", names=[("王立新", "person", "7"), ("Wang Lixin", "person", "8")])
    assert 7 in q.person_ids and q.intent == "person"
    names = [("王立新", "person", "7")]
    assert _parse("王立新的职务是什么？", names=names).intent == "person"
    # "是谁" after someone else asks for that someone: the ambassador, not Wang Lixin's profile
    q = _parse("王立新访问埃塞俄比亚时，中国驻埃塞俄比亚大使是谁？", names=names)
    assert 7 in q.person_ids and q.intent == "who"


def test_a_year_in_the_named_reports_title_names_the_issue_not_the_events() -> None:
    q = _parse("what has happened in cambodia according to the 2025 international understanding magazine?",
               titles=_TITLES)
    assert q.report_ids == ("iu-2025",) and q.year is None
    q = _parse("events of 2024 in the 2025 international understanding", titles=_TITLES)
    assert q.report_ids == ("iu-2025",) and q.year == 2024


def test_a_question_that_asks_two_things_keeps_each_ask_and_its_focus() -> None:
    q = _parse("nine village schools near yangon - who funded them and how many pupils will they serve?")
    assert [a for a, _ in q.asks] == ["who", "how_many"] and q.asks[1][1] == ("pupils",)
    q = _parse("which charity handed out stoves in laos, and roughly how many?")
    assert [a for a, _ in q.asks] == ["who", "how_many"]
    assert [a for a, _ in _parse("when and where was the forum held?").asks] == ["when", "where"]
    # two counts asked: each with its own noun
    assert _parse("how many young people from how many countries signed the appeal?").asks == (
        ("how_many", ("young", "people")), ("how_many", ("countries",)))
    assert _parse("who chaired the dialogue in march 2020?").asks == ()
    # in Chinese, each thing asked in a clause of its own
    zh = _parse("交流周的主会场设在哪里？预计有多少外宾参加？")
    assert [a for a, _ in zh.asks] == ["where", "how_many"]
    assert _parse("2018年3月，在柬埔寨捐赠了多少辆自行车？").asks == ()  # a clause that sets the scene asks nothing


def test_a_chinese_how_many_question_counts_its_noun_in_english_too() -> None:
    # "成员组织" is "member organization" (the noun's sense, not "to organize"), as an English report counts it
    assert _parse("2020年合作网络一共有多少家成员组织？").focus == ("member", "organization")


def test_list_questions_whatever_verb_or_which_they_use() -> None:
    # "took place" names no subject ("place"); "which events" asks for a list, not a name
    for question in ("what took place in italy during 2020?", "which events were held in laos?",
                     "which activities were there in kenya", "what was going on in japan in 2018"):
        assert _parse(question).intent == "list", question
    assert _parse("which group went to laos?").intent == "who"


def test_a_chinese_list_question_is_a_list() -> None:
    assert _parse("柬埔寨有哪些活动？").intent == "list"
    assert _parse("关于尼泊尔的报道").intent == "list"
    assert _parse("2020年在缅甸开展了哪些援助？").intent == "list"


def test_the_main_points_of_a_report_are_its_contents() -> None:
    q = _parse("main points of the december 2025 weekly briefing", titles=_TITLES | {
        "brief-1221": ("China's NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending December 21, 2025)",
                       None, "2025-12-21")})
    assert q.intent == "report" and q.report_ids == ("brief-1221",)
    assert "weekly" not in q.unknown_terms  # a word of a title is a word of the reports


def test_a_word_for_a_publication_and_the_year_it_came_out_name_that_issue() -> None:
    q = _parse("summarize the magazine from 2023", titles=_TITLES)
    assert q.intent == "report" and q.report_ids == ("bj-2023",)
    # a month with the year is a period of events, not an issue; a year no issue came out names none
    assert _parse("the magazine's events of january 2023", titles=_TITLES).report_ids == ()
    assert _parse("summarize the magazine from 2019", titles=_TITLES).report_ids == ()


def test_irregular_forms_share_the_stem_of_their_dictionary_form() -> None:
    for form, lemma in [("held", "hold"), ("kept", "keep"), ("sent", "sends"), ("children", "child"),
                        ("taught", "teaching"), ("bikes", "bike"), ("women", "woman")]:
        assert stem(form) == stem(lemma), (form, lemma)
    # a word that is a dictionary form itself keeps its own stem ("found" an association, "media")
    assert stem("found") != stem("find") and stem("media") != stem("medium")
    q = _parse("who kept the records?", vocab={"records": 3, "keep": 2})
    assert "kept" in q.terms and "kept" not in q.unknown_terms


def test_which_asks_for_the_whole_noun_phrase_up_to_its_verb() -> None:
    assert _parse("which chinese ICU doctor flew to moscow?").focus == ("chinese", "icu", "doctor")
    assert _parse("which province hosted the forum?").focus == ("province",)
    assert _parse("what herbal capsules were donated?").focus == ("herbal", "capsules")


def test_how_many_counts_the_head_of_a_three_word_noun_phrase() -> None:
    assert _parse("how many nepali medical institutions joined the dialogue?").focus[-1] == "institutions"


def test_a_word_printed_only_inside_a_compound_is_a_word_of_the_reports() -> None:
    vocab = Vocabulary({"hand-washing": 3, "stations": 4}, 50)
    assert vocab.correct("washing") == "hand-washing"
    assert vocab.correct("washng") == "hand-washing"  # and a typo of it is corrected to it


def test_a_question_word_misspelt_is_read_as_it() -> None:
    assert _parse("wat is the amity foundation").text == "wat is the amity foundation"
    assert "wat" not in _parse("wat is the amity foundation").unknown_terms


def test_what_they_got_up_to_in_a_period_is_a_list() -> None:
    q = _parse("what did chinese ngos get up to in the first half of 2018?")
    assert q.intent == "list" and q.date_range[:2] == ("2018-01-01", "2018-06-30")


def test_a_misspelt_month_and_acronym_are_read_as_meant() -> None:
    assert _parse("wat happened in febuary 2018").month == 2
    names = [("CAFIU", "acronym", "6"), ("CAFIU", "org", "6")]
    assert _parse("what did cafui do in cambodia", names=names).org_ids == (6,)
    # an English word one edit from an acronym is the word ("march" is no typo of "match")
    assert _parse("what did cafiu do in march 2020", names=names).month == 3


def test_common_words_of_a_title_name_no_report_by_themselves() -> None:
    titles = {"brief": ("China's NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending December 21, 2025)",
                        None, "2025-12-21"),
              "sironet-2018": ("Latest News of SIRONET International Exchanges (2018.1-2018.6)", None, "2018-08-21"),
              "bj-2023": ("Beijing's People-to-People Diplomacy (I): Social Organizations", None, "2023-05-01")}
    common = {"china", "exchange", "exchanges", "news", "beijing", "social", "organizations", "international"}
    rt = ReportTitles(titles, common=lambda w: w in common)

    def named(question: str) -> tuple[str, ...]:
        return parse(question, Vocabulary({}, 50), NameIndex([]), default_gazetteer(), rt).report_ids

    assert named("exchanges between china and germany") == ()
    assert named("any news from laos") == ()
    assert named("what is the beijing report about?") == ("bj-2023",)  # beside a word for a publication
    assert named("which conferences did beijing social organisations attend?") == ("bj-2023",)  # three together
    assert named("summarise the sironet news") == ("sironet-2018",)  # a word of its own


def test_a_place_asked_about_is_a_list_of_its_events() -> None:
    for question in ("tell me about cambodia", "ngos active in kenya", "what was done for myanmar during covid"):
        assert _parse(question).intent == "list", question


def test_a_chinese_month_is_read_from_its_digits() -> None:
    q = _parse("2020年5月有哪些活动")  # "May", which the English reading cannot tell from the verb
    assert q.month == 5 and q.year == 2020 and q.intent == "list"


def test_asking_whom_a_person_works_for_is_their_profile() -> None:
    q = _parse("which organisation does chen mi work for", names=[("Chen Mi", "person", "3")])
    assert q.intent == "person" and q.person_ids == (3,)


def test_which_groups_worked_in_a_place_is_a_list_and_which_one_a_name() -> None:
    assert _parse("which ngos worked in ethiopia").intent == "list"
    assert _parse("which charity handed out stoves in laos").intent == "who"
    assert _parse("which organizations co-hosted the china-nepal dialogue").intent == "who"


def test_what_a_named_report_says_about_a_topic_is_a_list_of_its_events_on_it() -> None:
    from knowledge.query import list_topic

    vocab = {"un": 3, "education": 4, "friendship": 3}
    q = _parse("what does the beijing report say about the UN?", vocab=vocab, titles=_TITLES)
    assert q.intent == "list" and q.report_ids == ("bj-2023",) and list_topic(q) == ["un"]
    q = _parse("what does the sironet news say about education?", vocab=vocab, titles=_TITLES)
    assert q.intent == "list" and list_topic(q) == ["education"]
    # only words that ask for its contents: the report's overview; a section of it: its card
    assert _parse("what topics does the beijing report focus on?", vocab=vocab, titles=_TITLES).intent == "report"
    assert _parse("what is in the friendship chapter of the beijing report?", vocab=vocab, titles=_TITLES).intent == "report"


def test_the_topic_of_a_list_leaves_out_its_asking_and_its_doers() -> None:
    from knowledge.query import list_topic

    q = _parse("what did chinese ngos do in india about covid-19?")
    assert q.intent == "list" and list_topic(q) == ["covid-19"]


def test_what_someone_has_done_in_a_place_asks_for_its_events_in_any_tense() -> None:
    for question in ("nepal - what have chinese ngos done there?", "what has the foundation done in india?",
                     "what are chinese ngos doing in india?", "what did chinese ngos do in india?"):
        q = _parse(question)
        assert q.intent == "list" and [p.name for p in q.places] == ["India" if "india" in question else "Nepal"], question
    # a single deed asked ("what did they donate") is a fact, not a list
    assert _parse("what did chinese ngos donate in india?").intent != "list"


def test_a_short_stem_keeps_its_e_when_an_ending_is_cut() -> None:
    # "dated" is "date", "making" "make"; a longer stem or one that never had an "e" is left alone
    assert stem("dated") == stem("date") and stem("making") == stem("make") and stem("noted") == stem("note")
    assert stem("fixed") == stem("fix") and stem("aided") == stem("aid") and stem("donated") == stem("donation")
    assert stem("dated") != stem("dat")


def test_where_a_report_is_read_is_asked_of_its_card() -> None:
    for question in ["where can I read the sironet news online?", "link to the beijing report",
                     "is the sironet news in english?", "《国际交流》的网址是什么？"]:
        q = _parse(question, titles=_TITLES)
        assert q.intent == "report" and q.report_ids, question
    # a place asked of an event a report tells is not where the report is read
    assert _parse("where did the sironet news say the forum was held?", titles=_TITLES).intent != "report"


def test_a_misspelt_title_word_still_names_the_report() -> None:
    rt = ReportTitles(_TITLES)
    assert rt.named_in("sumary of the beijng report", "sumary of the beijng report") == ["bj-2023"]
    assert rt.named_in("the intenational understandng magazine", "the intenational understandng magazine") == ["iu-2025"]
    # a real English word is not taken for a title word it is one letter from
    assert ReportTitles({"x": ("Latest News of Rivers", None, "2020")}).named_in("drivers", "drivers") == []


def test_the_publisher_beside_a_word_for_a_publication_names_its_report() -> None:
    names = [("China NGO Network for International Exchanges", "org", "4"), ("CNIE", "acronym", "4")]
    publishers = {"sironet-2018": "Silk Road NGO Cooperation Network (SIRONET) secretariat, "
                                  "China NGO Network for International Exchanges (CNIE)"}
    for question in ["summarize the CNIE newsletter", "what is in the newsletter of CNIE?"]:
        q = parse(question, Vocabulary({"news": 9}, 50), NameIndex(names), default_gazetteer(),
                  ReportTitles(_TITLES, publishers))
        assert q.report_ids == ("sironet-2018",) and q.org_ids == () and q.intent == "report", question


def test_a_chinese_word_for_a_kind_of_publication_names_the_report_so_titled() -> None:
    titles = dict(_TITLES, brief=("Global Exchange Weekly Briefing (Week Ending December 21, 2025)", None, "2025-12-21"))
    q = _parse("这份周报讲了什么？", titles=titles)
    assert q.report_ids == ("brief",) and q.intent == "report"
    assert _parse("table of contents of the sironet news", titles=_TITLES).intent == "report"


def test_a_report_named_by_its_publisher_or_described() -> None:
    publishers = {"bj-2023": "Beijing Foreign Affairs Office", "iu-2025": "Chinese Association for International "
                  "Understanding (CAFIU)", "sironet-2018": "China NGO Network for International Exchanges (CNIE)"}
    titles = dict(_TITLES, **{"iu-2020": ("International Understanding, No. 1-2, 2020", "国际交流", "2020")})
    publishers["iu-2020"] = publishers["iu-2025"]
    rt = ReportTitles(titles, publishers)
    # the publisher's whole name beside a word for a publication, no profile of it needed
    q = parse("what does the Beijing foreign affairs office publication cover?", Vocabulary({"beijing": 3}, 50),
              NameIndex([]), default_gazetteer(), rt)
    assert q.report_ids == ("bj-2023",) and q.intent == "report"
    # the newest (or oldest) of the issues a publisher's acronym names
    q = parse("when was the latest cafiu magazine issued?", Vocabulary({"cafiu": 3}, 50), NameIndex([]),
              default_gazetteer(), rt)
    assert q.report_ids == ("iu-2025",) and q.intent == "report"
    assert rt.newest_or_oldest(["iu-2025", "iu-2020"], "the oldest cafiu magazine") == ["iu-2020"]
    # its name after "published by", as typed (the profile's name is longer)
    names = [("Chinese Association for International Understanding", "org", "6")]
    q = parse("tell me about the magazine published by the association for international understanding",
              Vocabulary({"association": 3}, 50), NameIndex(names), default_gazetteer(), rt)
    assert q.org_ids == () and q.intent == "report" and "iu-2025" in q.report_ids


def test_publishing_asked_of_a_year_is_a_catalog_question() -> None:
    q = _parse("what came out in 2023?", titles=_TITLES)
    assert (q.intent, q.catalog, q.year) == ("report", "all", 2023)
    assert _parse("what was donated in 2023?", titles=_TITLES).catalog == ""


def test_a_report_narrowed_to_a_month_asked_what_it_covers_lists_that_month() -> None:
    q = _parse("what did the sironet news cover in february 2018?", titles=_TITLES)
    assert q.intent == "list" and q.report_ids == ("sironet-2018",) and q.month == 2


def test_a_chinese_question_names_a_report_by_a_place_in_its_title() -> None:
    q = _parse("北京的那份报告讲了什么？", titles=_TITLES)
    assert q.report_ids == ("bj-2023",) and q.intent == "report"
    # "那份" is grammar: no gloss of it is a word asked about
    assert not {"na", "fen"} & set(q.topic)


def test_more_ways_to_ask_about_the_reports_themselves() -> None:
    # how many items a report holds is on its card
    assert _parse("how many items does the sironet news have?", titles=_TITLES).intent == "report"
    assert _parse("how many events did the sironet news report?", titles=_TITLES).intent == "report"
    # ... but how many activities someone held, in a report named by them, is a fact of the text
    assert _parse("how many activities did the sironet news network hold in 2018?", titles=_TITLES).intent == "how_many"
    # the catalog: its language, when the newest came out (Chinese grammar of asking when)
    for question, catalog in [("what language are your reports in?", "all"), ("最新的报告是什么时候出的？", "latest"),
                              ("这些报告是什么语言的？", "all")]:
        q = _parse(question, titles=_TITLES)
        assert (q.intent, q.catalog) == ("report", catalog), question
    # a word for a publication is not what "which publication ..." asks about
    q = _parse("which publication has the most about Japan?", titles=_TITLES)
    assert q.catalog == "topic" and list_topic(q) == []


def test_asking_whether_there_is_a_report_on_something_chooses_among_the_reports() -> None:
    for question in ["do you have a report about Ethiopia?", "is there any issue covering bicycles?",
                     "有没有关于尼泊尔的报告？"]:
        q = _parse(question, titles=_TITLES)
        assert (q.intent, q.catalog) == ("report", "topic"), question
    # "a/any report" names none by a title's common word
    rt = ReportTitles({"brief": ("Global Exchange & Cooperation Weekly Briefing", None, "2025")},
                      common=lambda w: w in {"cooperation", "exchange", "global"})
    assert rt.named_in("any issue on cooperation", "any issue on cooperation") == []


def test_a_misspelt_word_for_a_publication_and_a_hyphenated_title_read_loosely() -> None:
    q = _parse("wat is in the sironet newsleter", titles=_TITLES)
    assert q.intent == "report" and q.report_ids == ("sironet-2018",) and "newsleter" not in q.topic
    q = _parse("people to people diplomacy report summary", titles=_TITLES)
    assert q.intent == "report" and q.report_ids == ("bj-2023",) and q.topic == ()


def test_the_next_issue_is_one_no_report_holds() -> None:
    q = _parse("when is the next issue of the sironet news coming out?", titles=_TITLES)
    assert (q.intent, q.catalog) == ("report", "next")
    assert _parse("下一期什么时候出？", titles=_TITLES).catalog == "next"


def test_a_title_word_is_matched_whole_and_a_kind_of_periodical_names_its_report() -> None:
    titles = dict(_TITLES, brief=("Global Exchange Weekly Briefing (Week Ending December 21, 2025)", None, "2025-12-21"))
    rt = ReportTitles(titles)
    # "news" of a title is not inside "newsletter"; "the weekly" names the weekly briefing
    assert rt.named_in("the cafiu newsletter", "the cafiu newsletter") == []
    assert rt.named_in("what's in the weekly?", "what's in the weekly?") == ["brief"]


def test_which_report_is_the_largest_or_the_smallest() -> None:
    assert _parse("which report has the most items?", titles=_TITLES).catalog == "largest"
    assert _parse("which report is the shortest?", titles=_TITLES).catalog == "smallest"
    assert _parse("哪份报告最长？", titles=_TITLES).catalog == "largest"
    # with something asked about, the most is of that
    assert _parse("which report has the most about Cambodia?", titles=_TITLES).catalog == "topic"


def test_a_chinese_which_report_question_is_read_without_its_grammar_of_asking() -> None:
    q = _parse("哪些报告提到自行车？", titles=_TITLES)
    assert q.catalog == "topic" and list_topic(q) == ["bicycle"]


def test_counting_the_issues_of_a_series_and_which_of_the_reports() -> None:
    titles = dict(_TITLES, **{"iu-2020": ("International Understanding, No. 1-2, 2020", "国际交流", "2020")})
    q = _parse("国际交流杂志有几期？", titles=titles)
    assert (q.catalog, set(q.report_ids)) == ("all", {"iu-2025", "iu-2020"})
    assert _parse("你们有几份报告？", titles=_TITLES).catalog == "all"
    assert _parse("which of the reports covers Laos the most?", titles=_TITLES).catalog == "topic"
    assert _parse("who sponsors the sironet news?", titles=_TITLES).intent == "report"


def test_which_section_of_a_named_report_and_that_issue_names_none() -> None:
    q = _parse("which section of the sironet news has the olympics item?", titles=_TITLES)
    assert (q.intent, q.catalog, q.report_ids) == ("report", "section", ("sironet-2018",))
    # nothing asked but the sections: the card lists them
    assert _parse("what sections does the sironet news have?", titles=_TITLES).catalog == ""
    rt = ReportTitles({"brief": ("Global Exchange & Cooperation Weekly Briefing", None, "2025")},
                      common=lambda w: w in {"cooperation", "exchange", "global"})
    assert rt.named_in("the exchange, and when did that issue come out?",
                       "the exchange, and when did that issue come out?") == []


def test_the_catalog_asked_with_nothing_else_and_who_compiled_a_report() -> None:
    for question in ["is there a report?", "which report?", "what sources do you use?"]:
        q = _parse(question, titles=_TITLES)
        assert (q.intent, q.catalog) == ("report", "all"), question
    assert _parse("who compiled the sironet news?", titles=_TITLES).intent == "report"
    q = _parse("give me the gist of the beijing people-to-people diplomacy paper", titles=_TITLES)
    assert q.intent == "report" and q.report_ids == ("bj-2023",)


def test_a_place_before_a_kind_of_organisation_is_where_it_is_from_not_a_filter() -> None:
    assert _parse("which beijing charity gave stoves to farmers?").places == ()
    assert _parse("which Kenyan foundations worked with china?").places == ()
    assert [p.name for p in _parse("which charity gave stoves to farmers in beijing?").places] == ["Beijing"]


def test_asking_what_an_organisation_is_known_for_or_what_kind_it_is_is_its_profile() -> None:
    names = [("China NGO Network for International Exchanges", "org", "4"), ("CNIE", "acronym", "4")]
    vocab = {"cnie": 9, "group": 5, "history": 2, "germany": 3, "work": 6}
    for question in ["what kind of group is CNIE?", "what is CNIE known for", "give me some background on CNIE"]:
        assert _parse(question, vocab=vocab, names=names).intent == "org", question
    # a fact or a filter asked: not the profile
    assert _parse("which group did CNIE work with?", vocab=vocab, names=names).intent == "who"
    assert _parse("what is the history of CNIE in germany", vocab=vocab, names=names).intent != "org"


def test_who_acts_in_a_place_is_the_list_of_its_events_there() -> None:
    vocab = {"ngos": 9, "charities": 3, "stoves": 2}
    assert _parse("chinese ngos in nepal", vocab=vocab).intent == "list"
    assert _parse("charities in cambodia in 2025", vocab=vocab).intent == "list"
    assert _parse("how many stoves did charities give in cambodia?", vocab=vocab).intent == "how_many"


def test_who_runs_an_organisation_asks_for_its_head_and_who_led_an_event_does_not() -> None:
    from knowledge.query import HEAD

    names = [("China NGO Network for International Exchanges", "org", "4"), ("CNIE", "acronym", "4")]
    vocab = {"cnie": 9, "delegation": 5, "germany": 3}
    for question in ["who runs CNIE?", "who is in charge of CNIE", "who heads the China NGO Network for International Exchanges"]:
        assert _parse(question, vocab=vocab, names=names).role == HEAD, question
    assert _parse("who led the CNIE delegation to germany?", vocab=vocab, names=names).role != HEAD
    assert _parse("who is the deputy secretary-general of CNIE?", vocab=vocab, names=names).role == "secretary-general"


def test_a_place_written_in_an_organisations_name_is_no_filter() -> None:
    names = [("Beijing Peaceland Foundation", "org", "68"), ("北京平澳基金会", "org", "68")]
    vocab = {"peaceland": 9, "foundation": 20}
    q = _parse("what did the beijing peaceland foundation do in cambodia?", vocab=vocab, names=names)
    assert q.org_ids == (68,) and [p.name for p in q.places] == ["Cambodia"]
    q = _parse("what did peaceland foundation do in beijing?", vocab=vocab, names=names)
    assert [p.name for p in q.places] == ["Beijing"]  # where, not whose name
    q = _parse("北京平澳基金会在柬埔寨做了什么", vocab=vocab, names=names)
    assert q.org_ids == (68,) and [p.name for p in q.places] == ["Cambodia"]


def test_a_chinese_question_for_the_post_after_an_organisation_asks_for_its_holder() -> None:
    from knowledge.query import HEAD

    names = [("Chinese Association for International Understanding", "org", "6"), ("中国国际交流协会", "org", "6")]
    assert _parse("中国国际交流协会会长是谁？", names=names).role == "president"
    assert _parse("中国国际交流协会的负责人是谁？", names=names).role == HEAD


def test_only_a_publication_is_published_so_a_common_title_word_names_one() -> None:
    titles = {"bj": ("Beijing's People-to-People Diplomacy (I): Social Organizations", None, "2023-01-27"),
              "iu-2025": ("International Understanding, Vol. 1, 2025", None, "2025-03-01")}
    rt = ReportTitles(titles, common=lambda w: w in {"beijing", "social", "organizations"})
    assert rt.named_in("who publishes the beijing one?", "who publishes the beijing one?") == ["bj"]
    assert rt.named_in("who was in the beijing delegation?", "who was in the beijing delegation?") == []


def test_an_adverb_or_a_vague_noun_is_no_word_a_report_must_print() -> None:
    from knowledge.query import is_adverb

    assert all(is_adverb(w) for w in ("mostly", "mainly", "basically", "happily", "roughly"))
    assert not any(is_adverb(w) for w in ("family", "italy", "assembly", "supply", "rally", "july"))
    q = _parse("the 2025 issue - what is it mostly about?", titles=_TITLES)
    assert q.report_ids == ("iu-2025",) and "mostly" not in q.unknown_terms
    assert "stuff" not in _parse("canada stuff").unknown_terms + _parse("canada stuff").terms


def test_things_of_one_kind_asked_in_the_plural_within_a_period_are_a_list() -> None:
    q = _parse("may to june 2020, what online dialogues were held?", vocab={"dialogues": 3, "online": 4, "students": 2})
    assert q.intent == "list" and q.date_range[:2] == ("2020-05-01", "2020-06-30")
    assert _parse("what was held between march and may 2018?").intent == "list"  # nothing asked: the period's events
    assert _parse("between march and may 2018, what did the students discuss?",
                  vocab={"students": 2, "discuss": 2}).intent != "list"


def test_a_short_acronym_typed_in_lower_case_names_its_organisation_unless_it_is_a_common_word() -> None:
    names = NameIndex([("CCG", "acronym", "7"), ("WHO", "acronym", "8")])
    assert [oid for oid, _, _ in names.match_orgs("tell me about ccg")] == [7]
    assert names.match_orgs("who is the president?") == []  # "who" is the question word
    assert [oid for oid, _, _ in names.match_orgs("what did the WHO say?")] == [8]


def test_a_chinese_place_that_opens_an_organisations_name_is_no_filter() -> None:
    # the foundation is not known by this rendering of its name; the name's shape tells it
    assert [p.name for p in _parse("北京和平基金会向柬埔寨农民捐赠了多少台节能炉灶？").places] == ["Cambodia"]
    assert [p.name for p in _parse("在北京的基金会有哪些活动").places] == ["Beijing"]


def test_which_kind_of_place_is_a_where_question_with_a_word_between() -> None:
    assert _parse("which turkish city hosted the space camp?").intent == "where"
    assert _parse("what village did they visit?").intent == "where"
    # a plural asks for places as the singular does (it was read as "which" of "who")
    assert _parse("in which countries has the programme been implemented?").intent == "where"
    assert _parse("which cities did the delegation visit?").intent == "where"
    assert _parse("which chinese industrial city in ethiopia did they tour?").intent == "where"  # two words between


def test_common_abbreviations_read_as_their_words() -> None:
    q = _parse("how many reps and ppl attended the conf?", vocab={"representatives": 3, "people": 5, "conference": 4})
    assert {"representatives", "people", "conference"} <= set(q.terms)


def test_which_year_is_the_question_word_not_a_word_asked_about() -> None:
    q = _parse("which year was the network founded?", vocab={"network": 3, "founded": 2, "year": 4})
    assert q.intent == "when" and "year" not in q.terms and "network" in q.terms


def test_a_rare_word_that_begins_a_word_of_the_reports_is_its_clipped_form() -> None:
    vocab = Vocabulary({"pharmaceutical": 2, "pharmacy": 1, "statement": 3, "champion": 1, "shanghai": 4}, 20)
    assert vocab.correct("pharma") == "pharmaceutical"  # the longest-used of the words it begins
    assert vocab.correct("champ") == "champion"
    assert vocab.correct("state") is None  # a common word is a word of its own
    assert vocab.correct("pharma", clip=False) is None
    q = _parse("which pharma company chairman came?", vocab={"pharmaceutical": 2, "company": 3, "chairman": 2})
    assert "pharmaceutical" in q.terms and "pharma" not in q.unknown_terms
    # A name is no clipped form of a longer name: "Tomas" is not "Tomasson".
    assert Vocabulary({"tomasson": 1, "speaker": 2}, 20).correct("tomas") is None


def test_a_demonym_of_a_place_the_reports_print_is_a_word_of_the_question() -> None:
    q = _parse("the icelandic speaker at the dialogue?", vocab={"iceland": 1, "speaker": 2, "dialogue": 2})
    assert "icelandic" in q.terms and "icelandic" not in q.unknown_terms
    # ... not where the reports never print the place
    q = _parse("the icelandic speaker at the dialogue?", vocab={"speaker": 2, "dialogue": 2})
    assert "icelandic" in q.unknown_terms


def test_a_day_that_a_report_title_prints_names_the_report_not_a_period() -> None:
    titles = {"w51": ("Weekly Briefing (Week Ending December 21, 2025)", None, "2025-12-21")}
    q = _parse("what is in the weekly briefing for the week ending december 21, 2025?", titles=titles)
    assert q.date_range is None and q.report_ids == ("w51",)
    assert _parse("what happened on 9 june 2018?", titles=titles).date_range[:2] == ("2018-06-09", "2018-06-09")


def test_a_list_asked_for_a_kind_of_event_is_shown_by_the_sentences_that_name_it() -> None:
    from knowledge.query import lead_words

    q = _parse("what kinds of projects has the foundation carried out in ethiopia?",
               vocab={"projects": 3, "foundation": 5, "ethiopia": 2, "carried": 2, "kinds": 1})
    assert list_topic(q) == [] and "projects" in lead_words(q)
    q = _parse("events about covid in italy", vocab={"covid": 3, "italy": 2, "events": 9})
    assert lead_words(q) == list_topic(q) == ["covid"]


def test_give_is_what_was_given_but_give_me_is_a_request() -> None:
    vocab = {"cafiu": 4, "red": 3, "cross": 3, "laos": 2, "give": 2}
    assert "give" in _parse("what did cafiu give the red cross?", vocab=vocab).terms
    q = _parse("give me the events in laos", vocab=vocab)
    assert "give" not in q.terms and q.intent == "list"
    assert "us" not in _parse("tell us about events in laos", vocab=vocab).terms


def test_a_name_with_a_common_word_in_it_is_still_a_name() -> None:
    vocab = {"hasebe": 1, "ken": 1, "red": 3, "cross": 3}
    assert _parse("who is Hasebe Ken?", vocab=vocab).intent == "person"  # "Ken" is English too
    assert _parse("who is hasebe ken?", vocab=vocab).intent == "person"  # "hasebe" is no English word
    assert _parse("who is red cross?", vocab=vocab).intent != "person"


def test_a_name_the_reports_only_spell_out_is_named_by_its_initials():
    names = [("China Youth Development Foundation", "org", "7"), ("China Foundation for Peace and Development", "org", "8")]
    q = _parse("how much did cydf's schools project cost?", {"schools": 2, "project": 3}, names)
    assert q.org_ids == (7,)  # "cydf": its initials; the small word "for" is no initial of CFPD's
    assert _parse("what did the CFPD do in Laos?", {}, names).org_ids == (8,)
    # a common word is no initials, nor are three letters
    assert _parse("what did the cast do?", {}, [("Centre for Arts Science Technology", "org", "9")]).org_ids == ()
    assert _parse("what is the cyd?", {}, [("China Youth Development", "org", "9")]).org_ids == ()


def test_a_name_spelled_out_is_read_as_the_acronym_the_reports_print_instead():
    vocab = {"nzcfs": 2, "fund": 3, "visit": 4, "zealand": 1, "china": 9, "friendship": 5, "society": 3}
    q = _parse("which fund did the new zealand china friendship society thank for its visit?", vocab)
    assert "nzcfs" in q.terms and "zealand" not in q.terms
    assert q.places == ()  # New Zealand is part of the name, not where the visit was
    # a name the reports spell out themselves is left as typed
    names = [("New Zealand China Friendship Society", "org", "3")]
    q = _parse("which fund did the new zealand china friendship society thank for its visit?", vocab, names)
    assert q.org_ids == (3,) and "nzcfs" not in q.terms


def test_an_agent_noun_is_read_as_the_verb_the_reports_print():
    v = Vocabulary({"rescue": 3, "rescued": 1, "poaching": 2, "corn": 3, "team": 5}, 10)
    assert v.correct("rescuers") == "rescue" and v.correct("poachers") == "poaching"
    assert v.correct("corner") is None  # the reports print no verb "to corn"
    assert Vocabulary({"rescue": 3}, 10).correct("rescuers") == "rescue"  # a long root, printed as a noun only


def test_the_last_who_of_a_question_asks_and_an_earlier_one_describes():
    q = _parse("the volunteers who drove into myanmar followed a 37-person team - who sent that team?",
               {"volunteers": 2, "team": 3, "sent": 2, "drove": 1, "followed": 1})
    assert q.focus == ("sent",) and q.described == ()
    q = _parse("the 106-year-old medal winner who came to the gala - who was it?", {"medal": 1, "winner": 1, "gala": 1})
    assert q.described == ("medal", "winner")


def test_a_real_word_read_through_a_compound_names_no_place():
    q = _parse("what did chinese groups do in pacific island countries?", {"asia-pacific": 3, "groups": 2, "island": 1})
    assert "Asia" not in [p.name for p in q.places]  # "pacific" is no misspelling of Asia


def test_asking_for_everything_a_filter_holds_is_a_list():
    q = _parse("what exchange visits with china are recorded for 2016? give me everything from that year",
               {"exchange": 3, "visits": 4, "china": 9, "recorded": 1, "year": 5})
    assert q.intent == "list" and q.year == 2016
    assert _parse("how many masks were sent to laos in 2020? give me everything you have",
                  {"masks": 2, "sent": 3}).intent == "how_many"  # a fact asked is asked


def test_two_common_words_of_a_long_title_name_no_report():
    titles = {"r9": ("Japanese Youth Delegation Visits China", None, "2020-01-13")}
    q = _parse("what exchange visits with china are recorded for 2016?", {"visits": 4, "china": 9}, titles=titles)
    assert q.report_ids == ()


def test_a_person_of_a_kind_of_place_is_asked_by_who_not_where():
    assert _parse("which tokyo district head thanked the charity - what's his name?").intent == "who"
    assert _parse("which city's mayor met the delegation?").intent == "who"
    assert _parse("which district did the delegation visit?").intent == "where"


def test_a_part_of_a_compound_is_not_the_reports_other_compound_that_holds_it():
    vocab = {"anti-epidemic": 5, "poverty": 3, "work": 4, "covid-19": 2}
    q = _parse("what anti-poverty work did they do?", vocab)
    assert "anti-epidemic" not in q.terms and "poverty" in q.terms
    assert "anti" not in q.unknown_terms  # a prefix, not a word the answer must hold
    assert "covid-19" in _parse("covid aid", vocab).terms  # a word typed alone still is


def test_which_after_a_preposition_past_the_question_word_describes_and_does_not_ask_who():
    assert _parse("what was the video series called in which people from 46 countries filmed themselves?").intent \
        != "who"
    assert _parse("in which province is the school?").intent == "where"  # the question itself
    assert _parse("which foundation gave the bikes?").intent == "who"


def test_initials_of_a_name_the_candidates_spell_out_stand_for_its_words():
    from knowledge.query import spelled_out

    v = Vocabulary({"peaceland": 2, "international": 9, "committee": 5, "red": 3, "cross": 3, "conference": 4,
                    "forum": 3, "china-africa": 4, "china": 9, "africa": 5, "cooperation": 6}, 50)
    texts = ["Peaceland Foundation and International Committee of the Red Cross East Asia Regional Office co-hosted "
             "the conference.", "The Forum on China-Africa Cooperation met in Cairo."]
    q = parse("what conference did the ICRC's office co-host?", v, NameIndex([]), default_gazetteer(), ReportTitles({}))
    assert any(t.startswith("icrc") for t in q.unknown_terms)
    named = spelled_out(q, texts, v)
    assert {"international", "committee", "red", "cross"} <= set(named.terms)
    assert not any(t.startswith("icrc") for t in named.unknown_terms)
    q = parse("what did FOCAC decide?", v, NameIndex([]), default_gazetteer(), ReportTitles({}))
    assert {"forum", "cooperation"} <= set(spelled_out(q, texts, v).terms)  # its small word "on" kept
    q = parse("what did the ICRC do?", v, NameIndex([]), default_gazetteer(), ReportTitles({}))
    assert spelled_out(q, ["The Red Cross Society of China sent aid."], v) is q  # no such name there


def test_a_source_the_question_credits_names_its_report_and_its_place_is_no_filter() -> None:
    publishers = {"bj-2023": "Beijing Foreign Affairs Office"}
    q = parse("according to the beijing foreign affairs office, what did the rescue teams do?", Vocabulary({}, 50),
              NameIndex([]), default_gazetteer(), ReportTitles(_TITLES, publishers))
    assert q.report_ids == ("bj-2023",)
    assert not q.places and "beijing" not in q.terms and "office" not in q.terms
    # without the attribution the same words are a place and words asked about
    q = parse("what did the rescue teams of the beijing foreign affairs office do?", Vocabulary({}, 50),
              NameIndex([]), default_gazetteer(), ReportTitles(_TITLES, publishers))
    assert q.report_ids == () and [p.name for p in q.places] == ["Beijing"]


def test_which_edition_of_something_else_is_no_question_about_the_reports() -> None:
    q = _parse("which edition of the covid-19 treatment plan did the office send?", titles=_TITLES)
    assert q.intent != "report" and not q.catalog
    assert _parse("which issue of the magazine covers Cambodia?", titles=_TITLES).intent == "report"


def test_a_name_said_first_then_asked_about_by_a_pronoun_is_a_profile_question() -> None:
    names = NameIndex([("Yuan Hao", "person", "7"), ("Lin Yuan", "person", "8")])
    for question in ["lin yuan - who is she?", "Lin Yuan: who is she", "lin yuan, who is she?"]:
        q = parse(question, Vocabulary({}, 50), names, default_gazetteer(), ReportTitles({}))
        assert q.intent == "person" and q.person_ids == (8,), question
    # ... a name no profile holds too: what the reports say of it
    q = parse("Lin Yuan - who is she?", Vocabulary({}, 50), NameIndex([]), default_gazetteer(), ReportTitles({}))
    assert q.intent == "person"
    # a longer clause describes whom it asks for: no profile of the person it names
    q = parse("when lin yuan was in yangon she met the director of the local school - who is he?", Vocabulary({}, 50),
              names, default_gazetteer(), ReportTitles({}))
    assert q.intent != "person"


def test_a_name_does_not_run_across_punctuation() -> None:
    names = NameIndex([("Yuan Hao", "person", "7")])
    assert names.match_people("lin yuan - who is she?") == []
    assert [p for p, _, _ in names.match_people("who is yuan hao?")] == [7]


def test_the_parts_of_a_hyphenated_place_name_name_the_place() -> None:
    q = _parse("when did the delegation visit gabon and congo-brazzaville?")
    assert "Republic of the Congo" in [p.name for p in q.places]
    assert "brazzaville" in q.filter_words



def test_two_common_words_run_together_are_no_strange_name() -> None:
    from knowledge.query import common_compound

    assert common_compound("businesspeople") and common_compound("schoolkids")
    # a verb and its particle written as one noun
    assert common_compound("writeup") and common_compound("checkup")
    # a name is not split into common words
    assert not common_compound("tomasson") and not common_compound("ardern")


def test_a_clause_that_sets_the_scene_does_not_decide_what_is_asked() -> None:
    q = _parse("when the donated supplies arrived late, which office director borrowed two trucks to fetch them?")
    assert q.intent == "who"
    assert _parse("after the forum in beijing, how many students went to india?").intent == "how_many"
    # a question that asks when stays one
    assert _parse("when did the students go to india?").intent == "when"


def test_a_who_after_a_noun_describes_when_another_question_word_asks() -> None:
    # "the girl who cried": a relative clause; the question after it says what is asked
    q = _parse("the little girl who cried during the scholarship test - how big was her special grant?")
    assert q.intent == "how_many" and q.focus == ()
    assert _parse("the pupil who collected the gift bags at the ceremony - which charity fed him?").focus == ("charity",)
    # a "who" that asks keeps its verb; so does one that describes before a "who" that only points back
    assert _parse("who chaired the forum in Kunming?").focus == ("chaired",)
    assert _parse("the 106-year-old medal winner who came to the gala - who was it?").focus == ("came",)


def test_a_word_ending_in_double_s_or_us_is_no_plural() -> None:
    # "crossing" and "cross", "classes" and "class" share a stem: the plural's "s" is not a word's own
    assert stem("cross") == stem("crossing") == stem("crosses")
    assert stem("class") == stem("classes") and stem("campus") == stem("campuses")
    assert stem("bikes") == stem("bike")


def test_a_place_or_an_organisation_in_the_possessive_is_a_filter_not_a_topic() -> None:
    q = _parse("when did cnie sign its mou with cambodia's forum?", names=[("CNIE", "acronym", "7")])
    assert [p.name for p in q.places] == ["Cambodia"]
    assert "cambodia's" in q.filter_words and "cambodia's" not in q.topic
    q = _parse("what is cnie's newest project in laos?", names=[("CNIE", "acronym", "7")])
    assert "cnie's" in q.filter_words and "cnie's" not in q.topic


def test_an_article_or_a_piece_is_a_publication_named_by_its_title_words() -> None:
    titles = {"nepal": ("Chinese Foundations and NGOs Cross Border to Aid Nepal", None, "2015-06-10"),
              "iu-2025": ("International Understanding, Vol. 1, 2025", None, "2025")}
    rt = ReportTitles(titles)
    # two of its six words: enough beside a word for a publication, not alone
    for asked in ("who wrote the piece on ngos in nepal?", "who wrote the article about ngos in nepal?"):
        assert rt.named_in(asked, asked) == ["nepal"]
    assert rt.named_in("what did ngos do in nepal?", "what did ngos do in nepal?") == []


def test_a_misspelt_english_word_the_reports_do_not_print_is_read_as_that_word() -> None:
    assert english_spelling("delagation") == "delegation"
    assert _parse("what did FOCAC decide?").mended == "" and _parse("what did the GOVERMENT do?").mended == ""
    assert english_spelling("anniversery") == "anniversary"
    # not a real word, a tie between common words, nor a name in pinyin
    assert english_spelling("students") is None
    assert english_spelling("donatd") is None
    assert english_spelling("longjiang") is None and english_spelling("shiyan") is None
    q = _parse("how many bicyles were given to students?")
    # counted against an answer as the word it stands for, and embedded spelt right
    assert "bicycles" in q.unknown_terms and "bicyles" not in q.unknown_terms
    assert q.mended == "how many bicycles were given to students?"
    # a misspelt word of the reports is embedded as the reports spell it
    assert _parse("how many studnets came?").mended == "how many students came?"
    assert _parse("how many students came?").mended == ""


def test_a_which_question_with_a_plural_or_in_chinese_with_哪些_asks_for_several() -> None:
    assert _parse("which countries did the delegation visit?").many
    assert _parse("what cities did they tour in 2018?").many
    assert _parse("哪些国家").many
    # one place asked for, or no "which": one thing
    assert not _parse("which country hosted the forum?").many
    assert not _parse("where was the forum held?").many
    assert not _parse("how many people came?").many
    assert not _parse("哪个国家").many


def test_an_organisation_named_as_a_publications_maker_names_its_reports_over_a_shared_title_word() -> None:
    titles = {"brief-1221": ("China's NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending December 21, 2025)",
                             None, "2025-12-21"),
              "news-2018": ("Latest News of SIRONET International Exchanges (2018.1-2018.6)", None, "2018-08-21")}
    publishers = {"brief-1221": "China Development Brief",
                  "news-2018": "Silk Road NGO Cooperation Network (SIRONET) secretariat"}
    names = NameIndex([("Silk Road NGO Network", "org", "9")])
    rt = ReportTitles(titles, publishers)
    # "ngo" is a word of the briefing's title; the network named before "newsletter" makes the news
    q = parse("which months does the silk road ngo network newsletter span?", Vocabulary({}, 50), names,
              default_gazetteer(), rt)
    assert q.report_ids == ("news-2018",) and q.org_ids == ()
    q = parse("what is in the bulletin of the silk road ngo network?", Vocabulary({}, 50), names, default_gazetteer(), rt)
    assert q.report_ids == ("news-2018",)
    # named as something else than the maker: the organisation is asked about in the report named
    q = parse("does the weekly briefing mention the silk road ngo network?", Vocabulary({}, 50), names,
              default_gazetteer(), rt)
    assert q.report_ids == ("brief-1221",) and q.org_ids == (9,)


def test_a_where_or_when_after_a_noun_describes_when_the_last_clause_asks() -> None:
    # "the symposium where he spoke - which university co-hosted it?": which event, then what is asked
    q = _parse("the china-india symposium where the ambassadors spoke in 2024 - which university co-hosted it?")
    assert q.intent == "who" and q.asks == () and q.focus[-1] == "university"
    q = _parse("the day when the students arrived in india, how many classes did they take?")
    assert q.intent == "how_many"
    # a "where" that asks, alone or beside another question word, still asks
    assert _parse("where did the students go in india?").intent == "where"
    assert [a for a, _ in _parse("when and where did the students meet the ambassadors?").asks] == ["when", "where"]


def test_a_when_or_where_after_the_question_word_that_asks_describes_the_event() -> None:
    # "... put on when the network turned sixty": the clause says which event, "what" asks
    assert _parse("what photo show did the embassy put on when the network turned sixty?").intent == "what"
    assert _parse("which students gave a concert when the ambassadors visited india?").intent == "who"
    assert _parse("where did the students go when the forum ended?").intent == "where"
    # (after "and", a comma or a dash it asks too)
    assert _parse("what did the students sign, and when?").intent == "when"


def test_of_equally_close_words_a_typo_is_the_one_that_differs_by_a_doubled_letter() -> None:
    vocab = Vocabulary({"yuan": 50, "yunnan": 2, "committee": 3, "commute": 9}, 60)
    assert vocab.correct("yunan") == "yunnan"  # not yuan, though the reports print it more
    assert vocab.correct("comittee") == "committee"


def test_a_common_misspelling_wordfreq_counts_is_no_english_word() -> None:
    from knowledge.query import common_misspelling, is_english

    # web text misspells often enough for wordfreq to list "recieve" and "untill" as rare words
    assert common_misspelling("recieve") and common_misspelling("untill") and not is_english("thier")
    assert not common_misspelling("receive") and not common_misspelling("village") and is_english("pillage")
    vocab = Vocabulary({"received": 5, "receive": 3, "award": 4}, 10)
    assert vocab.correct("recieve") == "receive"


def test_a_word_typed_as_it_sounds_is_the_word_of_the_reports_that_sounds_so() -> None:
    vocab = Vocabulary({"delegation": 5, "donation": 4, "photos": 3, "survival": 2}, 10)
    # three letters off, beyond what an edit allows at its length, but the same Metaphone key
    assert vocab.correct("delegashun") == "delegation" and vocab.correct("donashun") == "donation"
    assert vocab.correct("fotos") == "photos"
    assert vocab.correct("cervical") is None  # a word of English the reports do not print stays so
    assert vocab.correct("dalagoshin") is None  # the same sound, too many letters off


def test_a_decade_is_no_year_to_filter_by() -> None:
    q = _parse("the doctor who came to china in the 1930s - what anniversary of his fell in 2010?")
    assert q.year == 2010
    assert _parse("what did friendship groups do in the 1990s?").year is None


def test_a_who_after_a_noun_describes_where_another_question_word_asks() -> None:
    assert _parse("the doctor who joined the team in the 1930s - what anniversary of his fell in 2010?").intent == "what"
    assert _parse("what did the people who attended the forum say about trade?").intent == "what"
    # a name asked for, or a "who" of its own, still asks who
    assert _parse("what is the name of the volunteer who drove the truck?").intent == "who"
    assert _parse("when was the forum held and who opened it?").intent in ("who", "when")
    assert _parse("who led the delegation to laos?").intent == "who"


def test_a_capital_described_by_its_province_is_the_city_filter() -> None:
    q = _parse("how many students toured the Zhejiang provincial capital in 2025?")
    assert [p.name for p in q.places] == ["Hangzhou"]
    assert "capital" not in q.terms and "provincial" not in q.terms


def test_a_what_question_asks_the_attribute_before_its_preposition() -> None:
    assert _parse("What was the temperature in Siem Reap on the day of the carnival?").attribute == ("temperature",)
    assert _parse("what is the population of Izmir?").attribute == ("population",)
    assert _parse("what was the weather like in Beijing?").attribute == ("weather",)
    assert _parse("what is the current exchange rate of the yuan?").attribute == ("exchange", "rate")
    assert _parse("what's its motto?").attribute == ("motto",)
    # (a generic noun or a word of the intent asks for no attribute to be said)
    assert _parse("what is the name of the hospital in Laos?").attribute == ()
    assert _parse("what was the role of CAFIU in the forum?").attribute == ()
    assert _parse("what did the foundation donate to Laos?").attribute == ()


def test_an_adverb_ends_the_noun_phrase_a_which_question_asks_for() -> None:
    assert _parse("which charity actually ran the course?").focus == ("charity",)


def test_an_organisation_named_in_full_and_by_its_acronym_is_one_name_asked_about() -> None:
    names = [("China NGO Network for International Exchanges", "org", "4"), ("CNIE", "acronym", "4")]
    vocab = {"cnie": 9, "china": 20, "ngo": 5, "network": 6, "international": 8, "exchanges": 4}
    q = _parse("What is the China NGO Network for International Exchanges (CNIE)?", vocab=vocab, names=names)
    assert q.intent == "org" and q.org_ids == (4,)


def test_a_story_asked_about_is_its_description_without_the_words_that_ask_who_put_it_out_or_when() -> None:
    from knowledge.query import PUBLISHED_ASK, story_asked

    assert story_asked("Who published the news list that reports the Lin Yi meeting?").split() == \
        ["list", "that", "reports", "the", "Lin", "Yi", "meeting?"]
    assert story_asked("Who is the publisher of the yearbook entry on Heilongjiang's sister cities?").split() == \
        ["Heilongjiang's", "sister", "cities?"]
    assert story_asked("When was the page about the food packs in Ethiopia published, and by which outlet?").split() == \
        ["food", "packs", "in", "Ethiopia"]
    assert PUBLISHED_ASK.search("on what date was the article on the Kunming conference posted?")
    assert not PUBLISHED_ASK.search("when was the article on the conference signed by both sides?")


def test_a_headcount_or_a_turnout_asks_how_many_people() -> None:
    for question in ("rough headcount at the world manufacturing convention?", "what was the turnout at the gala?"):
        q = _parse(question)
        assert q.intent == "how_many" and q.focus == ("people",), question
    assert _parse("how many volunteers made up the headcount?").focus == ("volunteers",)


def test_the_kind_of_place_after_a_name_is_part_of_its_name_not_a_topic() -> None:
    q = _parse("What did the foundation do in Ethiopia's Oromia region in June 2021?")
    assert "region" not in q.topic
    # (a kind of place not after a name is a word of the question: "schools in the region")
    assert "region" in _parse("what did the foundation give to schools in the region in 2021?").topic


def test_the_outlet_writer_or_date_of_a_story_is_asked_however_its_publisher_is_named() -> None:
    from knowledge.query import OUTLET_ASK, PUBLISHED_ASK, WRITER_ASK

    assert OUTLET_ASK.search("which site published the piece on the sister cities conference?")
    assert OUTLET_ASK.search("which organisation's website carried the news of the memorandum?")
    assert WRITER_ASK.search("who reported the story about the love packages?")
    assert not WRITER_ASK.search("who reported that the school had opened?")
    assert PUBLISHED_ASK.search("when was the People's Daily piece on the friendship associations published?")
    assert OUTLET_ASK.search("which website is the article about the memorandum from?")
    assert PUBLISHED_ASK.search("what is the date of the page about the China House?")
    assert not PUBLISHED_ASK.search("what was the date of the forum on humanitarian aid?")
