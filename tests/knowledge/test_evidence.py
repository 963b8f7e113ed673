"""Choosing the sentences that hold the asked fact, on plain records."""
from __future__ import annotations

from knowledge.evidence import best_sentences
from knowledge.query import Intent
from knowledge.records import Figure, PersonMention
from tests.knowledge.stages import event, lexicon, query

CEREMONY = event(1, "Donation ceremony", "The ceremony was held at the school. Teachers and pupils attended. "
                 "In this event, 2000 bikes were donated to pupils. The weather was fine on 23 December.",
                 figures=(Figure("2000 bikes", 2000),))


def test_a_how_many_question_gets_the_sentence_with_the_counted_thing() -> None:
    q = query("how many bikes were donated", Intent.HOW_MANY, ("bikes", "donated"), focus=("bikes",))
    assert best_sentences(CEREMONY, q, lexicon())[0] == "In this event, 2000 bikes were donated to pupils."


def test_a_when_question_prefers_the_sentence_with_a_day_date() -> None:
    q = query("when was the weather fine", Intent.WHEN, ())
    assert "23 December" in best_sentences(CEREMONY, q, lexicon())[0]


def test_the_storys_sentence_comes_before_a_captions_that_says_as_much() -> None:
    from knowledge.extract import CAPTION_MARK

    e = event(60, "Library opens", "The Lotus Foundation opened a library for 300 pupils in Barpak.\n"
              f"{CAPTION_MARK}Pupils read in the library the Lotus Foundation opened in Barpak (RAM KARKI)")
    q = query("what did the lotus foundation open in barpak", Intent.WHAT, ("lotus", "foundation", "opened", "barpak"))
    assert best_sentences(e, q, lexicon(), n=1) == ["The Lotus Foundation opened a library for 300 pupils in Barpak."]


def test_at_most_the_asked_number_of_sentences() -> None:
    q = query("school ceremony", Intent.WHAT, ("school",))
    assert len(best_sentences(CEREMONY, q, lexicon(), n=1)) == 1


def test_the_sentence_that_names_the_kind_asked_for_and_who_she_is() -> None:
    e = event(21, "Doctors abroad", "The branch sent six experts abroad. Dr. Zhao Mingyan left in April. "
              "After arriving in Moscow, she shared the treatment process with the staff of the hospital.",
              people=(PersonMention(1, "Zhao Mingyan", "ICU doctor"),))
    q = query("who shared the treatment process with hospital staff in moscow", Intent.WHO,
              ("shared", "treatment", "process", "hospital", "staff", "moscow"), focus=("shared",))
    said = best_sentences(e, q, lexicon())
    assert "she shared" in " ".join(said) and "Zhao Mingyan" in said[0]


def test_an_amount_of_money_is_the_sentence_shown() -> None:
    e = event(22, "Aid", "The association contacted 20 partners in 8 countries. "
              "It donated materials to 8 countries worth nearly 3 million yuan.")
    q = query("how much were the supplies to 8 countries worth", Intent.HOW_MANY, ("supplies", "countries"),
              asks_money=True)
    assert "3 million yuan" in best_sentences(e, q, lexicon())[0]


def test_a_count_stands_next_to_what_it_counts() -> None:
    from knowledge.evidence import counts
    from knowledge.query import stem

    assert counts("The 100,000 N95 masks raised by IPPF were delivered.", {stem("masks")})
    assert counts("The number of volunteers reached 700.", {stem("volunteers")})
    assert counts("A 17-member delegation arrived.", {stem("members")})
    assert not counts("It bought equipment and ambulances for the centre and sent a 13-member team.", {stem("ambulances")})
    assert counts("This marks the 15th school of the lunch programme.", {stem("school")})
    assert counts("It opened the 15th Hope Primary School.", {stem("school")})
    # A number counts the first plural noun after it.
    assert not counts("It ties the two countries together at people's level.", {stem("people")})
    assert not counts("They sent 30 boxes of masks.", {stem("masks")})
    assert counts("It has 352 foreign member organizations.", {stem("organizations")})
    # An ordinal numbers the noun after it, not the people around it.
    assert not counts("Representatives of the network attended the 69th Session of the Commission.",
                      {stem("representatives")})


def test_the_sentences_that_name_someone_in_english_and_in_chinese() -> None:
    from knowledge.evidence import any_sentences, naming

    text = "The forum opened. Mr. Ntobeko Gotyana, president of the coalition, spoke first. Then it rained."
    assert naming(text, "ntobeko gotyana") == ["Mr. Ntobeko Gotyana, president of the coalition, spoke first."]
    assert naming(text, "Gotyana") and not naming(text, "Gotyan")  # a whole name, not part of a word
    zh = "代表团访问了北京。中国联协副会长兼总干事张丹会见了代表团！双方交换了看法。"
    assert any_sentences(zh)[1] == "中国联协副会长兼总干事张丹会见了代表团！"
    assert naming(zh, "张丹") == ["中国联协副会长兼总干事张丹会见了代表团！"]


def test_a_chinese_question_gets_the_chinese_sentence_that_holds_its_words_and_date() -> None:
    e = event(30, "会见代表团", "代表团访问了北京。4月27日,会长在京会见了日本首相特使一行。双方交换了看法。")
    q = query("会长什么时候会见了首相特使？", Intent.WHEN, (), zh_terms=("会长", "会见", "首相", "特使"), language="zh")
    assert best_sentences(e, q, lexicon())[0] == "4月27日,会长在京会见了日本首相特使一行。"


def test_a_count_written_in_chinese() -> None:
    from knowledge.evidence import zh_counts

    assert zh_counts("并向两所小学捐赠了300个书包。", "书包")
    assert zh_counts("代表团一行22人访问北京。", "人")
    assert zh_counts("来自12个非洲国家的40名青年代表出席。", "青年代表")
    assert not zh_counts("4月2日,协会举办对话会。", "对话会")  # a date is no count
    # the thing before its number, with a bracket or a word of amounting between them
    assert zh_counts("第一类 正式国际友好城市(共9个):", "城市")
    assert zh_counts("目前协会会员达300家。", "会员")
    assert not zh_counts("友好城市工作始于2005年。", "城市")


def test_a_singular_word_before_a_plural_noun_is_not_what_is_counted() -> None:
    from knowledge.evidence import counts
    from knowledge.query import stem

    # "42 hospital videos" counts videos, not hospitals; "42 hospitals" counts hospitals
    assert not counts("It launched 9 live videos and 42 hospital videos.", {stem("hospitals")})
    assert counts("They built 42 hospitals in Kenya.", {stem("hospitals")})
    assert counts("The network has 352 member organizations.", {stem("member"), stem("organizations")})


def test_a_count_of_people_answers_how_many_attendees() -> None:
    from knowledge.evidence import counts
    from knowledge.query import stems_with_synonyms

    assert counts("More than 150 people took part in the meeting.", stems_with_synonyms(["attendees"]))
    assert not counts("More than 150 people took part in the meeting.", stems_with_synonyms(["schools"]))


def test_who_organised_finds_the_sentence_that_names_the_organizer() -> None:
    e = event(70, "NGO seminar", "Heads of NGOs met at a seminar in Beijing on Wednesday. "
              "Cooperation matters, said Li Jun, secretary-general of the network, the organizer of the seminar.")
    q = query("who organised the ngo seminar", Intent.WHO, ("ngo",), focus=("organised",))
    assert "the organizer of the seminar" in best_sentences(e, q, lexicon())[0]


def test_a_word_the_question_puts_before_the_counted_noun_counts_with_it() -> None:
    from knowledge.evidence import counts
    from knowledge.query import stems_with_synonyms

    # "how many member groups": the text counts "member organizations", another noun after the same
    # modifier; the question's own "member" then counts, where a modifier of the text's alone would not
    text = "The network has 67 member organizations in the province."
    asked = stems_with_synonyms(["member", "groups"])
    assert not counts(text, asked)
    assert counts(text, asked, stems_with_synonyms(["member"]))
    assert not counts("It launched 42 hospital videos.", stems_with_synonyms(["hospitals"]), stems_with_synonyms(["groups"]))


def test_the_number_of_a_thing_is_given_later_in_its_sentence() -> None:
    from knowledge.evidence import counts
    from knowledge.query import stem

    text = ("Since March, the number of registered volunteers in the three provinces, students and "
            "retired teachers among them, has grown to 740.")
    assert counts(text, {stem("volunteers")})
    # a figure far after the noun, with no "number of" before it, counts something else
    assert not counts("Registered volunteers from the provinces, students and retired teachers "
                      "among them, came from 12 towns.", {stem("volunteers")})


def test_what_the_numbers_of_a_sentence_count() -> None:
    from knowledge.evidence import counted_phrases

    assert counted_phrases("We, 166 youths from 55 countries, signed it on 20 May 2020.") == ["youths", "countries"]
    assert counted_phrases("Close to 10,000 energy-saving stoves to farmers.") == ["energy-saving stoves"]


def test_a_count_in_other_words_is_compared_by_meaning() -> None:
    from knowledge.embed import default_embedder
    from knowledge.evidence import counts_alike

    lex = lexicon()
    sentence = "We, 166 youths from 55 countries, join hands against the pandemic."
    assert not counts_alike(sentence, "young people", lex)  # no embedder: words alone
    embedder = default_embedder()
    assert embedder is not None
    lex.embed_phrases = embedder.passages
    assert counts_alike(sentence, "young people", lex)
    assert not counts_alike(sentence, "doctors", lex)


def test_a_number_like_a_year_before_a_plural_noun_is_a_count_unless_a_preposition_makes_it_a_year() -> None:
    from knowledge.evidence import counted_phrases, counts, cut_dates
    from knowledge.query import stem

    # (dates are cut out of a sentence before its counts are read)
    assert counts(cut_dates("In this event, 12,000 Panda Packs and 2000 bikes were donated."), {stem("bikes")})
    assert counted_phrases("In this event, 12,000 Panda Packs and 2000 bikes were donated.") == ["panda packs", "bikes"]
    assert not counts(cut_dates("In 2020 students of the school wrote letters."), {stem("students")})
    assert counted_phrases("Since 2019 volunteers have helped; 2018 was a hard year.") == []


def test_a_sentence_of_the_passage_closest_in_meaning_outweighs_a_slightly_better_word_match() -> None:
    # the first sentence holds the rarer pair of the question's words; the second is in the passage the
    # embedder found closest to the question (a paraphrase shares few words with what it describes)
    e = event(31, "Delegation visit", "The delegation donated books.\nThe delegation visited a school.")
    q = query("delegation school forum donated", Intent.WHAT, ("delegation", "school", "forum", "donated"))
    assert best_sentences(e, q, lexicon(), n=1) == ["The delegation donated books."]  # the words alone
    near = "Delegation visit. The delegation visited a school."
    assert best_sentences(e, q, lexicon(), n=1, near=near) == ["The delegation visited a school."]


def test_where_is_answered_by_a_place_the_question_does_not_name() -> None:
    from knowledge.gazetteer import default_gazetteer

    e = event(32, "New Year in Cambodia", "The party in Cambodia was a success.\n"
              "The party was held in Sokha Village, a day's drive from the capital.")
    cambodia = default_gazetteer().lookup("Cambodia")
    q = query("where in cambodia was the party?", Intent.WHERE, ("party",), places=(cambodia,))
    assert best_sentences(e, q, lexicon(), n=1) == ["The party was held in Sokha Village, a day's drive from the capital."]


def test_where_is_answered_by_the_sentence_that_says_where_it_took_place() -> None:
    # Both sentences hold one word of the question; the first names places in passing, the second
    # says where the ceremony was held, at a school no gazetteer lists.
    e = event(33, "Charity hands warm clothes to pupils",
              "The handover of clothes by a Kathmandu charity drew praise across Nepal.\n"
              "The ceremony was held at Shree Janajyoti Basic School in the hills.")
    q = query("where was the handover ceremony held?", Intent.WHERE, ("handover", "ceremony"))
    assert best_sentences(e, q, lexicon(), n=1) == ["The ceremony was held at Shree Janajyoti Basic School in the hills."]


def test_a_who_question_gets_the_sentence_that_names_someone_beside_the_noun_it_describes() -> None:
    e = event(23, "Sister cities", "In his remarks, Minister Li, on behalf of the Ambassador, congratulated the "
              "network on its anniversary. Minister of the Chinese Embassy Li Kexin, Mayor Muriel Bower and over "
              "400 people attended the reception.")
    q = query("embassy minister who spoke for the ambassador at the reception - who was it?", Intent.WHO,
              ("embassy", "minister", "spoke", "ambassador", "reception"), described=("embassy", "minister"))
    assert "Li Kexin" in best_sentences(e, q, lexicon(), n=1)[0]


def test_a_name_is_beside_the_described_noun_when_its_other_word_is_near_and_the_head_further() -> None:
    from knowledge.evidence import names_beside
    from knowledge.query import stem

    e = event(25, "Support", "Chairman of the 48 Group Club in the UK Stephen Perry: the Chinese people have shown courage.",
              people=(PersonMention(1, "Stephen Perry", "Chairman"),))
    assert names_beside(e.text, {stem("club"), stem("chairman")}, stem("chairman"), e, lexicon())
    # every word of the noun must be near: a director general is no country director
    e = event(26, "Acclaim", "Jima Dilbo, director general of the Authority for Civil Society Organizations, commended the "
              "foundation for its charitable services and its long engagement in the country.",
              people=(PersonMention(2, "Jima Dilbo", "director general"),))
    assert not names_beside(e.text, {stem("country"), stem("director")}, stem("director"), e, lexicon())


def test_the_sentence_with_the_counted_figure_is_shown_even_where_others_hold_more_of_the_words() -> None:
    e = event(24, "Training for health NGOs", "Training for Health NGOs to Go Global. From December 14 to 17, a "
              "capacity-building training for social organisations in the health sector was held in Putian. "
              "Over 120 organisations participated, including think tanks and universities.")
    q = query("how many organisations took part in the putian training for health ngos?", Intent.HOW_MANY,
              ("organisations", "putian", "training", "health", "ngos"), focus=("organisations",))
    said = best_sentences(e, q, lexicon())
    assert said[0].startswith("Over 120 organisations") and "Putian" in said[1]


def test_a_chinese_count_of_a_thing_with_its_modifiers_or_the_thing_before_its_number() -> None:
    from knowledge.evidence import zh_counts

    assert zh_counts("基金会向缅甸捐赠3万个一次性医用口罩,支援当地抗疫", "口罩")  # modifiers between
    assert zh_counts("在三国成立办公室,拥有全职人员35 名。", "人员")  # the thing before its number
    assert not zh_counts("3万个书包已送到,医用口罩也已送到", "口罩")  # another clause counts something else
    assert not zh_counts("2020年5月,基金会向缅甸捐赠了医用口罩", "口罩")  # a date is no count


def test_an_english_count_is_shown_from_the_chinese_sentence_that_counts_it() -> None:
    e = event(61, "深圳基金会援助缅甸", "深圳市国际交流合作基金会于2020年成立项目。\n基金会向缅甸捐赠3万个一次性医用口罩。")
    q = query("how many masks did the shenzhen foundation send to myanmar", Intent.HOW_MANY, ("masks", "shenzhen"),
              focus=("masks",))
    assert best_sentences(e, q, lexicon(), n=1) == ["基金会向缅甸捐赠3万个一次性医用口罩。"]


def test_an_english_count_of_people_is_shown_from_the_chinese_sentence_that_counts_persons() -> None:
    e = event(63, "两市共庆结好三十周年", "两个友好城市在市政厅共同举办结好庆祝活动,展出照片120幅。\n各界代表和普通市民600余人来到现场。")
    q = query("how many people came to the celebration of the sister cities", Intent.HOW_MANY,
              ("people", "came", "celebration", "sister", "cities"), focus=("people",))
    assert best_sentences(e, q, lexicon(), n=1) == ["各界代表和普通市民600余人来到现场。"]


def test_a_sentence_the_page_prints_twice_is_shown_once() -> None:
    lead = "They followed a rescue team sent by the province, which arrived earlier on Saturday."
    e = event(61, "Volunteers head out", f"{lead}\nA total of 12 volunteers set off.\n{lead}")
    q = query("who sent the rescue team", Intent.WHO, ("sent", "rescue", "team"), focus=("sent",))
    assert best_sentences(e, q, lexicon()).count(lead) == 1


def test_where_a_delegation_went_is_the_sentence_for_where() -> None:
    e = event(62, "Mayors visit China", "In May 2014, the foundation supported a group of mayors to visit China to "
              "deepen their understanding of the country. The programme was organised with the friendship "
              "association. The delegation visited Nanjing, Xi'an and Kunming.")
    q = query("which cities did the group of mayors visit", Intent.WHERE, ("cities", "group", "mayors", "visit"),
              focus=("cities",))
    assert best_sentences(e, q, lexicon())[0] == "The delegation visited Nanjing, Xi'an and Kunming."


def test_a_place_named_by_its_kind_may_print_a_word_in_lower_case():
    from knowledge.evidence import place_names

    assert place_names("The delegation went to Mondul kiri Province and Takeo Province.") == [
        "Mondul kiri Province", "Takeo Province"]
    assert place_names("The Chinese eastern Region grew.") == []  # a common word: no name
    # in Chinese, a foreign place the gazetteer does not know, by its kind after a name written by
    # its sound; not a place it knows (南宁市), nor one with a character of the word before (广西南宁市)
    assert place_names("中方与阿斯比斯科特市政厅签署了谅解备忘录。") == ["阿斯比斯科特市"]
    assert place_names("广西南宁市与西安市结好。") == []


def test_a_sentence_that_only_says_the_question_again_is_followed_by_the_one_that_tells_more() -> None:
    office = event(2, "Office in Geneva", "On May 12, the foundation set up its office in Geneva. Its core agenda is "
                   "to exchange information on humanitarian work. The staff then visited Bern.")
    q = query("what is the foundation's geneva office for?", Intent.WHAT, ("foundation", "geneva", "office"))
    assert best_sentences(office, q, lexicon()) == [
        "On May 12, the foundation set up its office in Geneva.",
        "Its core agenda is to exchange information on humanitarian work."]
    # a sentence that tells something of its own stands alone
    q = query("what did the foundation do in geneva?", Intent.WHAT, ("foundation", "geneva"))
    assert len(best_sentences(event(3, "Geneva", "In May the foundation trained forty nurses in Geneva. "
                                    "Staff then visited Bern."), q, lexicon())) == 1


def test_an_amount_in_any_currency_in_use_is_money() -> None:
    from knowledge.evidence import MONEY

    for said in ("approved a grant of HKD 4.64 million to the foundation", "each pack is worth 500 ETB",
                 "they paid 4,000 birr a person", "two million shillings were raised", "NPR 1.2 million",
                 "交通住宿全部自费,约4000元/人", "价值约1706万元人民币", "捐赠三千元",
                 # ... and in Chinese, any currency by its unit after the number (Babel's Chinese names)
                 "建设资金达220万兰特", "捐赠50万卢比", "价值3000比尔的物资", "捐赠人民币50万"):
        assert MONEY.search(said), said
    # a code is a code in capitals beside a number; a unit's name that is a common English word is not money
    for said in ("for all 100 students", "the team won 3 gold medals", "300 schoolbags", "a mark of 5", "元旦", "10个单元",
                 "比尔·盖茨基金会", "共有3万名学生", "俄罗斯加速“去美元化”", "主权财富基金增持人民币资产"):
        assert not MONEY.search(said), said


def test_a_number_in_words_is_a_count_and_an_ordinal_is_none() -> None:
    # "how many spectators" (a Chinese question's 观众): the text counts an audience, in words; the
    # "55th anniversary" counts nothing.
    e = event(61, "Arts week in Milan", "The arts week marked the 55th anniversary of diplomatic ties. "
              "It was held in Milan for the first time. It drew an audience of over a thousand.")
    q = query("how many spectators did it attract", Intent.HOW_MANY, ("attract", "spectators"), focus=("spectators",))
    assert best_sentences(e, q, lexicon(), n=1) == ["It drew an audience of over a thousand."]


def test_how_many_people_is_answered_by_a_number_of_people_of_some_kind() -> None:
    # "people" is too general a noun for a text to print with its number: "200 representatives"
    # counts people, as the decision reads it; the sentence naming the event in the question's
    # words gives no number of anyone.
    from knowledge.embed import default_embedder

    e = event(62, "Lecture series in Thailand", "The association and 3 universities hosted the lecture series on civilisations in "
              "Bangkok. Around 200 representatives from universities participated in the event.")
    q = query("how many people took part in the lecture series on civilisations", Intent.HOW_MANY,
              ("people", "took", "part", "lecture", "series", "civilisations"), focus=("people",))
    lex = lexicon()
    embedder = default_embedder()
    assert embedder is not None
    lex.embed_phrases = embedder.passages
    assert best_sentences(e, q, lex)[0] == "Around 200 representatives from universities participated in the event."


def test_a_deed_is_said_by_its_agent_noun() -> None:
    from knowledge.evidence import says_deed
    from knowledge.query import stems_with_synonyms

    lex = lexicon()
    text = "Zhu Weijie, representative of the charity foundation, handed over the bikes."
    assert says_deed(stems_with_synonyms(["represented"]), text, lex)
    assert says_deed(stems_with_synonyms(["organised"]), "The organiser of the fair thanked them.", lex)
    assert says_deed(stems_with_synonyms(["participated"]), "The participants came from ten countries.", lex)
    assert says_deed(stems_with_synonyms(["presided"]), "President Li opened the meeting.", lex)
    # a text that names people but says no such deed
    assert not says_deed(stems_with_synonyms(["represented"]), "Zhu Weijie handed over the bikes.", lex)


def test_a_compound_of_a_noun_and_a_word_for_persons_counts_both() -> None:
    from knowledge.evidence import counts
    from knowledge.query import stems_with_synonyms

    sentence = "The ministry would send 4 policemen to escort the team in the entire process."
    assert counts(sentence, stems_with_synonyms(["police"]))
    assert counts(sentence, stems_with_synonyms(["men"]))
    assert not counts(sentence, stems_with_synonyms(["teams"]))  # the number counts policemen, not teams


def test_which_countries_is_answered_by_the_sentence_naming_them_not_the_venue_asked() -> None:
    from knowledge.gazetteer import default_gazetteer

    beijing = default_gazetteer().lookup("Beijing")
    e = event(30, "Dialogue", "On January 10, the dialogue of parliament speakers and young entrepreneurs was held in "
              "Beijing. The speakers of Finland, Norway and Iceland spoke on innovation.", places=(beijing,))
    q = query("which countries' speakers came to the beijing dialogue?", Intent.WHERE, ("countries", "speakers", "dialogue"),
              focus=("countries",), places=(beijing,))
    assert any("Iceland" in x for x in best_sentences(e, q, lexicon()))


def test_which_hospitals_is_answered_by_the_sentence_naming_more_of_them() -> None:
    e = event(31, "Heart screening", "The medical team began screening children at Kabul Royal Hospital on August 26. "
              "The medical team was made up of experts from Chaoyang Hospital, Friendship Hospital and a university hospital.")
    q = query("which hospitals did the medical team come from?", Intent.WHO, ("hospitals", "medical", "team"),
              focus=("hospitals",))
    assert "Chaoyang" in best_sentences(e, q, lexicon(), n=1)[0]
    # written in Chinese, the kind is counted by the dictionary's words for it
    zh = event(32, "心脏病筛查", "8月26日,医疗队在喀布尔皇家医院开展筛查。医疗队由来自北京朝阳医院、北京友谊医院、新疆医科大学第一附属医院的专家组成。")
    assert "朝阳" in best_sentences(zh, q, lexicon(), n=1)[0]


def test_a_possessive_is_not_the_thing_a_number_counts() -> None:
    from knowledge.evidence import counts
    from knowledge.query import stems_with_synonyms

    people = stems_with_synonyms(["people"])
    assert not counts("Ji, Vice-Chairperson of the 13th National People's Congress, attended the Dialogue.", people)
    assert not counts("They gave 5 children's books to the school.", stems_with_synonyms(["children"]))
    assert counts("They gave 5 children's books to the school.", stems_with_synonyms(["books"]))
    assert counts("More than 300 people attended the Dialogue.", people)


def test_who_with_a_verb_in_s_still_looks_for_the_deed() -> None:
    # "who organizes" asks a deed (said by "the organizer"), not a kind of thing to count
    e = event(34, "Fair", "Pupils from ten schools came to the fair. The organizer of the fair was the Amity Foundation.",
              orgs=())
    q = query("who organizes the fair?", Intent.WHO, ("organizes", "fair"), focus=("organizes",))
    assert best_sentences(e, q, lexicon(), n=1)[0].startswith("The organizer")


def test_a_year_that_names_a_conference_counts_nothing_in_chinese() -> None:
    from knowledge.evidence import zh_counts

    # "2024重庆国际友好城市合作大会" is the 2024 conference, not 2024 cities; "来自31个国家48个城市" counts them
    assert not zh_counts("鄢东副会长出席2024重庆国际友好城市合作大会并致辞", "城市")
    assert zh_counts("来自31个国家48个城市的近200位嘉宾出席。", "城市")
    assert zh_counts("共有2000名志愿者参加。", "志愿者")  # a number like a year, with its measure word, is a count


def test_a_proper_adjective_before_another_noun_is_not_what_is_counted() -> None:
    from knowledge.evidence import counts
    from knowledge.query import stems_with_synonyms

    focus, modifiers = stems_with_synonyms(["chinese", "hydropower", "companies"]), stems_with_synonyms(["chinese", "hydropower"])
    assert not counts("More than 1,000 Chinese volunteers are helping Nepal.", focus, modifiers)
    assert counts("The network has 352 member organizations.", stems_with_synonyms(["member", "groups"]),
                  stems_with_synonyms(["member"]))


def test_who_did_it_in_a_chinese_text_is_the_sentence_that_says_the_deed_in_the_dictionarys_words() -> None:
    e = event(60, "中印尼青年互访游学", "8月13日下午,中印尼青年互访游学交流团一行访问福建,参观了校史馆。"
              "本次活动由福建省人民政府外事办公室、福建团省委共同主办。")
    q = query("who organised the youth mutual visit program in fujian?", Intent.WHO, ("organised", "youth", "visit", "fujian"),
              focus=("organised",))
    assert "主办" in best_sentences(e, q, lexicon(), n=1)[0]
    # "who became president": "became" says nothing itself (成为 in another sentence is no answer)
    congress = event(61, "友协换届", "国际友城已成为宁夏扩大对外开放的名片。宁夏外事办主任白玉珍当选第七届理事会会长。",
                     people=(PersonMention(2, "白玉珍", "会长"),))
    became = query("who became president of the ningxia friendship association?", Intent.WHO,
                   ("became", "president", "ningxia"), focus=("became",))
    assert "白玉珍" in best_sentences(congress, became, lexicon(), n=1)[0]


def test_a_which_question_gets_the_sentence_that_names_the_kind_asked_for() -> None:
    # "Polish" in the question's kind is no deed ("to polish"), and the sentence holding more of the
    # question's description does not name a university
    e = event(30, "Counsellor in Poland", "Zhu Rui, the counsellor of the Polish House, led a working group to Warsaw. "
              "He gave a keynote at the symposium hosted by the Warsaw University of Social Sciences.")
    q = query("the symposium in warsaw where the counsellor of the polish house gave a keynote - which polish university "
              "co-hosted it?", Intent.WHO, ("symposium", "warsaw", "counsellor", "polish", "house", "keynote", "university"),
              focus=("polish", "university"))
    # (with the sentence before it, which says who "he" is)
    assert any(x.startswith("He gave a keynote") for x in best_sentences(e, q, lexicon(), n=1))



def test_a_number_of_tens_and_units_in_words_counts() -> None:
    from knowledge.evidence import counts
    from knowledge.query import stems_with_synonyms

    said = "Forty-six students from the policy school, representing 20 countries, joined the exchanges."
    assert counts(said, stems_with_synonyms(["students"]))
    assert not counts("The students of the policy school joined the exchanges.", stems_with_synonyms(["students"]))


def test_a_title_before_a_name_is_no_deed_of_the_event() -> None:
    # "who presided": "President Xi Jinping's letter" and "Wang Ke, Chairman of ..." name posts, not
    # someone presiding at this event; "the organizers" and a sentence that opens with one do say it
    from knowledge.evidence import agent_stems

    assert "presid" not in agent_stems("The committee studied President Xi Jinping's letter.")
    assert "presid" not in agent_stems("Speakers included Dong Yu, Vice President of the foundation.")
    assert "organiz" in agent_stems("The organizers thanked the guests.")
    assert "organiz" in agent_stems("Organizers thanked the guests.")


def test_who_did_a_light_verbs_object_gets_the_sentence_that_says_that_thing() -> None:
    # "who gave the closing speech": what was given is a speech ("remark"), not a gift
    e = event(61, "Online dialogue", "The foundation gave 500 masks to the hospitals of Addis Ababa. "
              "Mr. Wu Peng, Director of the foundation's international department, delivered the concluding remark.",
              people=(PersonMention(1, "Wu Peng", "Director"),))
    q = query("who gave the closing speech at the dialogue", Intent.WHO, ("gave", "closing", "speech", "dialogue"),
              focus=("gave",))
    assert "Wu Peng" in best_sentences(e, q, lexicon(), n=1)[0]


def test_a_chinese_questions_rarest_word_picks_the_sentence() -> None:
    # "会期几天": the sentence with "会期" (the session's length), not one that holds as many of the
    # question's characters in its commonest words ("北京", "国际", "友好")
    e = event(62, "论坛", "北京市对外友协举办国际友好交流新闻发布会。本届民间论坛将于5月27日开幕,会期三天。")
    q = query("2018北京国际民间友好论坛会期几天?", Intent.WHAT, ("beijing", "forum"), language="zh",
              zh_terms=("北京", "国际", "民间", "友好", "论坛", "会期"))
    assert "会期三天" in best_sentences(e, q, lexicon(), n=1)[0]


def test_the_noun_of_a_which_question_is_no_deed() -> None:
    # "which Kenyan government body": a sentence that says "governments" is not the one that names
    # the body; the sentence holding more of the question's words is
    from knowledge.records import OrgMention

    e = event(63, "NGO forum", "Kenyan delegates of the network will discuss relations among governments at the forum. "
              "Working with Kenya's NGO Coordination Board, CNIE was able to co-organize it.",
              orgs=(OrgMention(1, "NGO Coordination Board"),))
    q = query("which kenyan government body worked with the network to co-organise the forum", Intent.WHO,
              ("kenyan", "government", "body", "worked", "network", "co-organise", "forum"),
              focus=("kenyan", "government", "body"))
    assert best_sentences(e, q, lexicon(), n=1)[0].startswith("Working with Kenya's")


def test_a_number_after_the_counted_word_counts_the_plural_noun_right_after_it() -> None:
    from knowledge.evidence import counts, given_numbers, number_value

    assert not counts("Thirty officials from five countries attended.", {"official"}, given=frozenset({30}))
    assert counts("Thirty officials from five countries attended.", {"official"})
    assert counts("The officials numbered 30 in all.", {"official"})
    assert [number_value(t) for t in ("1,200", "thirty", "forty-six", "hundreds", "17-member")] == [1200, 30, 46, None, None]
    assert given_numbers("how many of the 30 officials came in 2018?") == frozenset({30})
    # "overseas" only ends like a plural: "165 overseas Chinese media" counts the media
    assert counts("Heads of 165 overseas Chinese new media from 53 countries came.", {"media"}, {"new"}, "outlets")
