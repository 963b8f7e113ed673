"""Composing answers from plain records."""
from __future__ import annotations

from knowledge.compose import mentions_answer
from tests.knowledge.stages import event


def test_someone_without_a_profile_is_answered_with_the_sentences_that_name_them() -> None:
    events = [event(2, "Seminar in Beijing", "Ambassadors attended. Gotyana, president of the coalition, said NGOs "
                    "share many goals."),
              event(1, "Another meeting", "Nobody of that name was there.")]
    a = mentions_answer("Gotyana", events, "who is gotyana")
    assert a.found and a.intent == "person"
    assert "Gotyana, president of the coalition" in a.text and "Nobody" not in a.text
    assert [s.report_id for s in a.sources] == ["r1"]


def test_a_name_no_event_prints_is_not_found() -> None:
    a = mentions_answer("Jacinda Ardern", [event(1, "A meeting", "Delegates met.")], "who is Jacinda Ardern")
    assert not a.found and "do not say anything about “Jacinda Ardern”" in a.text


def test_a_question_that_asks_two_things_shows_the_sentence_for_each() -> None:
    from knowledge.compose import fact_answer
    from knowledge.decide import Decision
    from knowledge.query import Intent
    from knowledge.rank import Scored
    from knowledge.records import OrgMention
    from tests.knowledge.stages import lexicon, query

    e = event(3, "Schools opened", "Nine schools opened near Yangon in January. The weather was fine. "
              "The China Peace Foundation funded the schools. Each year 1200 pupils will study there.",
              orgs=(OrgMention(1, "China Peace Foundation", "sponsor"),))
    q = query("schools near yangon - who funded them and how many pupils will they serve?", Intent.HOW_MANY,
              ("schools", "yangon"), focus=("funded",),
              asks=((Intent.WHO, ("funded",)), (Intent.HOW_MANY, ("pupils",))))
    s = Scored(e, 1.0, 1.0, 0.9)
    a = fact_answer(q, Decision(True, (s,), 0.9), [s], lexicon())
    assert "The China Peace Foundation funded the schools." in a.text and "1200 pupils" in a.text


def test_a_short_reports_summary_lists_every_item() -> None:
    from knowledge.compose import report_summary
    from knowledge.records import DateSpan, Report, Source

    r = Report("r1", "r1.txt", "Weekly News – November 16th to 22nd, 2013", "Weekly News", "CDB", "2013-11-22", None,
               "en", "h")
    items = [event(i, f"Item {i}", "Text.", date=DateSpan("2013-11-18", "2013-11-18", "day") if i == 1 else None)
             for i in range(1, 5)]
    a = report_summary(r, items, "what is in the weekly news?")
    assert all(f"• Item {i}" in a.text for i in range(1, 5))  # undated items too, not one per month


def test_a_long_sentence_is_cut_around_the_number_of_the_thing_counted() -> None:
    from knowledge.compose import clip_around

    sentence = ("In January, the network organised three study tours, namely " + "a visit to a school, " * 20
                + "attracting the participation of more than 120 people.")
    cut = clip_around(sentence, ["network", "tours"], 200, focus=("people",))
    assert "120 people" in cut and cut.startswith("…") and len(cut) <= 201
    # The counted thing named otherwise ("person" for a Chinese question's 人): the sentence's number
    # stays in view all the same, as it is what the sentence was chosen for.
    assert "120 people" in clip_around(sentence, ["network", "tours"], 200, focus=("person",))
    # (a date is no number of anything)
    dated = "In January 2018 " + "the network organised a visit to a school, " * 20 + "and more."
    assert clip_around(dated, ["network", "tours"], 200, focus=("person",)).startswith("In January")
    # without a count at all, the question's words decide, as before
    plain = sentence.replace("more than 120", "many").replace("three", "some")
    assert clip_around(plain, ["network", "tours"], 200, focus=("person",)).startswith("In January")


def test_who_organised_leads_with_the_events_organisers() -> None:
    from knowledge.compose import fact_answer
    from knowledge.decide import Decision
    from knowledge.query import Intent
    from knowledge.rank import Scored
    from knowledge.records import OrgMention
    from tests.knowledge.stages import lexicon, query

    e = event(7, "A seminar", "Ambassadors from eight countries came to the seminar, said the envoy. "
              "The Network, the organizer of the seminar, invited twenty NGOs.",
              orgs=(OrgMention(4, "China NGO Network", "organiser"),))
    scored = Scored(e, 1.0, 1.0, 0.9)
    q = query("who organised the seminar with ambassadors", Intent.WHO, ("organised", "seminar", "ambassadors"),
              focus=("organised",))
    body = fact_answer(q, Decision(True, (scored,), 0.9), [scored], lexicon()).text.split("\n")[1]
    assert body.startswith("Organisers: China NGO Network (organiser).")
    # who spoke: the organisers are not what is asked, and do not lead
    q = query("who spoke at the seminar", Intent.WHO, ("spoke", "seminar"), focus=("spoke",))
    body = fact_answer(q, Decision(True, (scored,), 0.9), [scored], lexicon()).text.split("\n")[1]
    assert not body.startswith("Organisers")


def test_a_reports_overview_says_what_it_covers_most_and_a_fact_asked_gets_the_card_in_brief() -> None:
    from knowledge.compose import report_summary
    from knowledge.records import DateSpan, OrgMention, Place, Report

    r = Report("r1", "r1.txt", "Magazine, No. 1, 2020", "Magazine", "CAFIU", "2020", None, "en", "h",
               covers_start="2020-01", covers_end="2020-12", tagline="Friends")
    laos, nepal = Place("Laos", "country", "Laos"), Place("Nepal", "country", "Nepal")
    items = [event(i, f"Item {i}", "Text.", date=DateSpan(f"2020-{i % 12 + 1:02d}", f"2020-{i % 12 + 1:02d}", "month"),
                   places=(laos,) if i % 2 else (nepal,) if i % 5 == 0 else (),
                   orgs=(OrgMention(1, "Peace Foundation"),) if i < 4 else ())
             for i in range(1, 21)]
    a = report_summary(r, items, "what does the magazine cover?")
    assert "20 items, covering January 2020 to December 2020." in a.text
    assert "Countries most covered: Laos (10), Nepal (2)." in a.text and "Peace Foundation (3)" in a.text
    brief = report_summary(r, items, "what is the motto of the magazine?")
    assert "Motto: Friends." in brief.text and "most covered" not in brief.text and len(brief.text) <= 1000


def test_which_reports_answer_names_the_report_with_most_items_first() -> None:
    from knowledge.compose import which_reports_answer
    from knowledge.records import Report
    r1 = Report("a", "a.txt", "Alpha Review, 2020", "Alpha Review", "Alpha Society", "2020", None, "en", "h")
    r2 = Report("b", "b.txt", "Beta News, 2021", "Beta News", "Beta Network", "2021", None, "en", "h")
    evs = [event(i, f"Item {i} in Laos", "") for i in range(4)]
    a = which_reports_answer("which report covers Laos?", "Laos", [(r1, evs), (r2, evs[:1])])
    assert a.found and a.text.startswith("Alpha Review, 2020 — Alpha Society, 2020: 4 items about Laos, the most")
    assert "Beta News, 2021 (1 item)" in a.text and [s.report_id for s in a.sources] == ["a", "b"]
    # one report alone: no "the most", no "Also"
    one = which_reports_answer("which report covers Laos?", "Laos", [(r2, evs[:1])])
    assert "1 item about Laos." in one.text and "Also" not in one.text


def test_a_reports_card_says_where_it_is_read_and_whether_it_prints_its_editors() -> None:
    from knowledge.compose import report_summary
    from knowledge.records import Report
    items = [event(i, f"Item {i}", "") for i in range(2)]
    online = Report("r1", "r1.txt", "Weekly News, 2013", "Weekly News", "CDB", "2013-11-22", "https://example.org/w",
                    "en", "h")
    a = report_summary(online, items, "where can I read the weekly news online?")
    assert a.found and "Online: https://example.org/w (in English)." in a.text
    # the catalog gives no address: said only when asked; the language still
    offline = Report("r2", "r2.txt", "Review, 2020", "Review", "Society", "2020", None, "zh", "h")
    assert "no web address" in report_summary(offline, items, "is there a link to the review?").text
    assert "In Chinese" in report_summary(offline, items, "what language is the review in?").text
    assert "web address" not in report_summary(offline, items, "what is in the review?").text
    # its editors asked for and no masthead printed: not found, with who publishes it
    no_editors = report_summary(offline, items, "who is the chief editor of the review?")
    assert not no_editors.found and "does not print its editors" in no_editors.text and "Society" in no_editors.text
    assert report_summary(offline, items, "who publishes the review?").found


def test_a_reports_card_lists_its_sections_when_asked_and_keeps_its_undated_ones() -> None:
    from dataclasses import replace

    from knowledge.compose import report_summary
    from knowledge.records import DateSpan, Report, Source
    r = Report("r1", "r1.txt", "Review, 2020", "Review", "Society", "2020", None, "en", "h")
    def item(i: int, section: str, dated: bool) -> object:
        e = event(i, f"Item {i} of {section}", "", date=DateSpan("2020-03", "2020-03", "month") if dated else None)
        return replace(e, source=Source("r1", "Review, 2020", "2020", section=section))
    items = [item(i, "Visits", True) for i in range(4)] + [item(4 + i, "Essays", False) for i in range(3)] + [
        item(7 + i, "Dialogues", True) for i in range(3)]
    a = report_summary(r, items, "what sections does the review have?")
    assert "Sections: Visits (4); Essays (3); Dialogues (3)." in a.text
    # a section of undated items is still in the overview
    assert "Item 4 of Essays" in report_summary(r, items, "what is in the review?").text
    assert "Sections:" not in report_summary(r, items, "what is in the review?").text


def test_the_catalog_says_its_language_and_a_card_its_chinese_title() -> None:
    from knowledge.compose import report_summary, reports_answer
    from knowledge.records import Report
    en = Report("a", "a.txt", "Alpha Review, 2020", "Alpha Review", "Alpha Society", "2020", None, "en", "h", title_zh="阿尔法")
    zh = Report("b", "b.txt", "Beta News, 2021", "Beta News", "Beta Network", "2021", None, "zh", "h")
    assert "newest first, all in English:" in reports_answer([en]).text
    mixed = reports_answer([en, zh]).text
    assert "all in" not in mixed and "2021; in Chinese" in mixed and "2020; in English" in mixed
    assert report_summary(en, [event(1, "Item", "")], "what is the chinese title?").text.startswith(
        "Alpha Review, 2020 (阿尔法) — Alpha Society, 2020.")


def test_which_sections_answer_names_the_section_or_only_the_report() -> None:
    from dataclasses import replace

    from knowledge.compose import which_sections_answer
    from knowledge.records import Report, Source
    r = Report("r1", "r1.txt", "Review, 2020", "Review", "Society", "2020", None, "en", "h")
    e = replace(event(1, "Item on Laos", ""), source=Source("r1", "Review, 2020", "2020", section="Visits"))
    a = which_sections_answer("which section covers Laos?", "Laos", [(r, "Visits", [e])])
    assert a.text.startswith("In the section “Visits” of Review, 2020: 1 item about Laos.")
    # a report without sections (its running head is its title): the report alone
    b = which_sections_answer("which section covers Laos?", "Laos", [(r, "Review, 2020", [e])])
    assert b.text.startswith("In Review, 2020: 1 item about Laos.")


def test_a_reports_card_gives_its_colophon_when_asked_or_says_it_prints_none() -> None:
    from knowledge.compose import report_summary
    from knowledge.records import Report
    items = [event(1, "Item", "")]
    r = Report("r1", "r1.txt", "Review, 2021", "Review", "Society", "2021", None, "en", "h",
               colophon=(("ISSN", "1234-567X"), ("Address", "12 Garden Road Shanghai China")))
    a = report_summary(r, items, "what is the postal address of the review?")
    assert a.found and "Address: 12 Garden Road Shanghai China" in a.text and "ISSN: 1234-567X" in a.text
    assert "Colophon" not in report_summary(r, items, "what is in the review?").text
    bare = Report("r2", "r2.txt", "News, 2021", "News", "Network", "2021", None, "en", "h")
    assert not report_summary(bare, items, "what is the ISSN of the news?").found
    # asked who makes it as well: the card, saying it prints none
    both = report_summary(bare, items, "who publishes the news and what is its email?")
    assert both.found and "prints no address" in both.text and "Network" in both.text


def test_a_masthead_asked_for_is_given_whole() -> None:
    from knowledge.compose import report_summary
    from knowledge.records import Report
    r = Report("r1", "r1.txt", "Review, 2021", "Review", "Society", "2021", None, "en", "h")
    masthead = [("Chief Editor", "Li Ming")] + [("Editor", f"Editor Number{i}") for i in range(14)] + [
        ("Layout Editor", "Zhu Last")]
    a = report_summary(r, [event(1, "Item", "")], "who are the editors of the review?", masthead)
    assert "Editor Number13" in a.text and "Layout Editor: Zhu Last" in a.text


def test_a_short_list_says_what_each_event_was_and_one_event_alone_gets_two_sentences() -> None:
    from knowledge.compose import list_answer
    from knowledge.query import Intent
    from tests.knowledge.stages import query

    camp = event(1, "Pupils attend a robotics camp", "Twelve pupils from Yunnan went to a robotics camp in Porto. "
                 "They built a rover with pupils from six countries. The camp ended with a show.")
    talk = event(2, "Friendship talks in Accra", "The association met its Ghanaian partners in Accra. "
                 "Both sides agreed on a youth forum.")
    q = query("what happened in 2016", Intent.LIST, ())
    two = list_answer(q, 2, [camp, talk], None)
    assert "Twelve pupils from Yunnan" in two.text and "The association met its Ghanaian partners" in two.text
    assert "They built a rover" not in two.text  # one sentence each of two
    one = list_answer(q, 1, [camp], None)
    assert "Twelve pupils from Yunnan" in one.text and "They built a rover" in one.text
    # the sentences that hold what the list is about, where the caller found them
    about = list_answer(q, 1, [camp], None, "show", 1, True, {1: "The camp ended with a show."})
    assert "The camp ended with a show." in about.text and "Twelve pupils" not in about.text


def test_a_list_by_place_quotes_what_a_tour_did_there_not_its_opening() -> None:
    from knowledge.compose import list_answer
    from knowledge.gazetteer import default_gazetteer
    from knowledge.query import Intent
    from tests.knowledge.stages import query

    gaz = default_gazetteer()
    portugal, netherlands, poland = (gaz.lookup(x) for x in ("Portugal", "Netherlands", "Poland"))
    tour = event(3, "Counsellor visits Portugal, the Netherlands and Poland", "The counsellor toured Portugal, the "
                 "Netherlands and Poland. In Portugal he attended the forum. During his visit in Poland, he met "
                 "scholars at Warsaw University.", places=(portugal, netherlands))
    text = list_answer(query("what did they do in poland", Intent.LIST, (), places=(poland,)), 1, [tour], None).text
    assert "During his visit in Poland" in text and "toured Portugal" not in text
    # an event that took place only there is told by its opening
    stay = event(4, "Scholars meet in Warsaw", "The counsellor met scholars in Poland. They spoke of Portugal.",
                 places=(poland,))
    text = list_answer(query("what did they do in poland", Intent.LIST, (), places=(poland,)), 1, [stay], None).text
    assert "The counsellor met scholars in Poland." in text


def test_an_organisation_nothing_describes_is_told_by_what_its_few_events_say_of_it() -> None:
    from knowledge.compose import org_lines
    from knowledge.records import Organisation

    o = Organisation(5, "Andes Friendship Society", ("AFS",), (), None, "society", "Peru", None, None, (), (1,), ())
    e = event(1, "Friendship week in Lima", "Friendship week in Lima. The AFS brought forty students to a "
              "calligraphy class. The week ended with a concert.")
    text = "\n".join(line.text for line in org_lines(o, [e], 1000)[0])
    assert "“The AFS brought forty students to a calligraphy class.”" in text
    described = Organisation(5, "Andes Friendship Society", ("AFS",), (), None, "society", "Peru",
                             "A society of friends of China in Peru.", None, (), (1,), ())
    assert "calligraphy" not in "\n".join(line.text for line in org_lines(described, [e], 1000)[0])


def test_a_short_reports_items_say_what_they_were_not_their_numbering() -> None:
    from knowledge.compose import report_summary
    from knowledge.records import Report

    r = Report("r1", "r1.txt", "Weekly Briefing (Week Ending 21 December 2025)", "Weekly Briefing", "CDB",
               "2025-12-21", None, "en", "h")
    items = [event(1, "Health NGOs trained", "1.\nFrom 14 to 17 December, a training for health NGOs was held in "
                   "Putian, Fujian Province. Forty people attended."),
             event(2, "Relief NGOs trained", "2.\nA humanitarian training was held in Hangzhou for relief groups.")]
    a = report_summary(r, items, "what is in the weekly briefing?")
    assert "Health NGOs trained: From 14 to 17 December, a training for health NGOs was held in Putian" in a.text
    assert "Relief NGOs trained: A humanitarian training was held in Hangzhou" in a.text


def test_a_long_sentence_cut_for_a_who_question_keeps_the_names() -> None:
    from knowledge.compose import clip_around

    sentence = ("Experts and scholars, including Liu Huawen, Director of the Institute of International Law; Li Wei, "
                "Deputy Director of the Department of International Cooperation; and Yin Hui, Assistant Director of "
                "the Global Health Department, delivered lectures on topics such as civic diplomacy, international "
                "law, global health governance and trends in international scientific organisations.")
    cut = clip_around(sentence, ["lectured", "training"], 200, names=["Liu Huawen", "Li Wei", "Yin Hui"])
    assert cut.startswith("Experts and scholars, including Liu Huawen")
    assert "Liu Huawen" not in clip_around(sentence, ["lectured", "governance", "organisations"], 200)


def test_a_long_sentence_cut_for_a_question_about_money_keeps_the_amount() -> None:
    from knowledge.compose import clip_around

    sentence = ("The association contacted more than 20 friendly partners and, after asking relevant agencies for "
                "their views, signed donation agreements with family planning associations in 10 countries including "
                "Pakistan, Thailand, Japan, Egypt, Morocco and Iran, and donated anti-epidemic materials to 8 "
                "countries worth nearly 3 million yuan.")
    assert "3 million yuan" in clip_around(sentence, ["association", "partners"], 160, money=True)
    assert "3 million yuan" not in clip_around(sentence, ["association", "partners"], 160)


def test_a_sentence_that_lists_the_people_asked_for_is_shown_whole_as_far_as_it_fits() -> None:
    from knowledge.compose import fact_answer
    from knowledge.decide import Decision
    from knowledge.query import Intent
    from knowledge.rank import Scored
    from knowledge.records import PersonMention
    from tests.knowledge.stages import lexicon, query

    names = ["Ana Lopez", "Bao Min", "Carl Weber", "Dina Sato", "Emil Novak"]
    listing = ("Teachers including " + "; ".join(f"{n}, a lecturer at the Provincial Institute of Rural Studies "
                                                 "in the hills" for n in names) + " taught the course.")
    e = event(8, "Rural course", f"{listing} The course ran for two weeks.",
              people=tuple(PersonMention(i, n, "lecturer") for i, n in enumerate(names)))
    scored = Scored(e, 1.0, 1.0, 0.9)
    q = query("who taught the rural course?", Intent.WHO, ("taught", "rural", "course"), focus=("taught",))
    body = fact_answer(q, Decision(True, (scored,), 0.9), [scored], lexicon()).text.split("\n")[1]
    assert len(listing) > 420 and all(n in body for n in names)


def test_an_answer_from_a_chinese_event_does_not_repeat_its_opening_sentence() -> None:
    from dataclasses import replace

    from knowledge.compose import fact_answer
    from knowledge.decide import Decision
    from knowledge.query import Intent
    from knowledge.rank import Scored
    from tests.knowledge.stages import lexicon, query

    opening = "5月6日,协会代表团抵达万象。"
    e = event(9, "协会代表团访问老挝", f"{opening}代表团会见了老挝友好协会负责人。次日,代表团参观了一所学校。")
    e = replace(e, summary=opening + "代表团会见了老挝友好协会负责人。")
    scored = Scored(e, 1.0, 1.0, 0.9)
    q = query("代表团什么时候抵达万象？", Intent.WHEN, ("delegation", "arrive"), language="zh", zh_terms=("代表团", "抵达", "万象"))
    body = fact_answer(q, Decision(True, (scored,), 0.9), [scored], lexicon()).text.split("\n")[1]
    assert body.count("抵达万象") == 1


def test_a_who_answer_whose_sentence_says_he_shows_the_sentence_naming_him_before_it() -> None:
    from knowledge.compose import _with_antecedent

    e = event(10, "Doctors abroad", "Four doctors of the team worked in mountain hospitals for two months.\n"
              "The youngest of them was TangWeiming, a surgeon from Hunan.\n"
              "He crossed the pass on a mule in the first snow.\n"
              "A mule carried the doctors' medicine over the pass each week.")
    best = ["A mule carried the doctors' medicine over the pass each week.",
            "He crossed the pass on a mule in the first snow."]
    assert _with_antecedent(best, e) == [best[0], "The youngest of them was TangWeiming, a surgeon from Hunan.", best[1]]
    # a sentence shown that names someone already: nothing is added
    named = ["The youngest of them was TangWeiming, a surgeon from Hunan.", best[1]]
    assert _with_antecedent(named, e) == named


def test_a_question_in_chinese_asking_who_asks_for_a_person() -> None:
    from knowledge.compose import _asks_a_person
    from knowledge.query import Intent
    from tests.knowledge.stages import query

    assert _asks_a_person(query("培训中的授课专家是谁？", Intent.WHO, ("lecture",), language="zh"))
    assert _asks_a_person(query("哪位副会长出席了开幕式？", Intent.WHO, ("opening",), language="zh"))
    assert not _asks_a_person(query("哪个城市举办了论坛？", Intent.WHO, ("forum",), language="zh"))


def test_not_found_offers_the_events_of_the_organisation_the_question_names() -> None:
    from knowledge.compose import not_found
    from knowledge.query import Intent
    from knowledge.rank import Scored
    from knowledge.records import OrgMention
    from tests.knowledge.stages import query

    ours = event(11, "The association's council meets", "The council of the association met in Beijing.",
                 orgs=(OrgMention(5, "China Friendship Association", "host"),))
    other = event(12, "A concert in Rome", "A concert was held in Rome.")
    q = query("when did the china friendship association move its headquarters?", Intent.WHEN,
              ("move", "headquarters"), org_ids=(5,))
    a = not_found(q, [Scored(ours, 0.5, 0.1, 0.8), Scored(other, 0.4, 0.1, 0.8)])
    assert not a.found and a.suggestions == ("The association's council meets",)


def test_a_persons_profile_quotes_the_sentence_that_names_them() -> None:
    from knowledge.compose import person_answer
    from knowledge.records import Person, PersonTitle, Source

    e = event(4, "Key activities", "The delegation met the press. Professor Wu Lan from the School of Music at "
              "Hubei University gave a talk on folk songs. Lunch followed.")
    p = Person(9, "Wu Lan", (PersonTitle("Professor", None, Source("r1", "Visit", None)),), (4,))
    a = person_answer(p, [e], "who is wu lan?")
    assert a.found and "School of Music at Hubei University" in a.text
    assert "Lunch followed" not in a.text and "met the press" not in a.text


def test_a_list_about_a_topic_quotes_the_topic_not_the_place() -> None:
    from knowledge.compose import list_answer
    from knowledge.query import Intent
    from knowledge.records import Place
    from tests.knowledge.stages import query

    kenya = Place("Kenya", "country", "Kenya")
    e = event(5, "Forum unveils projects", "The forum closed with projects for Kenya. In health, the association "
              "will start the Safe Birth program in three countries.")
    q = query("what is the safe birth program in kenya about?", Intent.LIST, ("safe", "birth"), places=(kenya,))
    a = list_answer(q, 1, [e], None, "safe birth", 1, True, {5: "In health, the association will start the Safe "
                                                                "Birth program in three countries."}, ("safe", "birth"))
    assert "Safe Birth program in three countries" in a.text and "projects for Kenya" not in a.text


def test_a_reports_card_names_its_author_and_leaves_out_a_publisher_it_does_not_know() -> None:
    from knowledge.compose import report_summary
    from knowledge.records import Report

    r = Report("r2", "r2.txt", "Going Abroad: Charities at Work", "Going Abroad", "", "2021-06-01", None, "en", "h",
               author="Mei Chen")
    a = report_summary(r, [event(1, "Item", "Text.")], "who wrote going abroad: charities at work?")
    assert a.text.startswith("Going Abroad: Charities at Work — by Mei Chen, 2021-06-01.")


def test_who_names_in_full_the_person_a_sentence_calls_by_the_surname() -> None:
    from knowledge.compose import fact_answer
    from knowledge.decide import Decision
    from knowledge.query import Intent
    from knowledge.rank import Scored
    from knowledge.records import PersonMention
    from tests.knowledge.stages import lexicon, query

    e = event(8, "Back in Myanmar", "In March 2015, Lin went to Myanmar again for an internship and stayed to help "
              "set up the foundation's office.", people=(PersonMention(3, "Lin Yuan"),))
    scored = Scored(e, 1.0, 1.0, 0.9)
    q = query("who stayed to help set up the office in myanmar", Intent.WHO, ("stayed", "office", "myanmar"),
              focus=("stayed",))
    assert "“Lin” is Lin Yuan." in fact_answer(q, Decision(True, (scored,), 0.9), [scored], lexicon()).text
    # named in full already: nothing is added
    e = event(9, "Back in Myanmar", "In March 2015, Lin Yuan went to Myanmar again.", people=(PersonMention(3, "Lin Yuan"),))
    scored = Scored(e, 1.0, 1.0, 0.9)
    assert "is Lin Yuan" not in fact_answer(q, Decision(True, (scored,), 0.9), [scored], lexicon()).text


def test_a_list_asked_which_places_names_them_first_and_every_place_of_each_event() -> None:
    from knowledge.compose import list_answer
    from knowledge.gazetteer import default_gazetteer
    from knowledge.query import Intent
    from tests.knowledge.stages import query

    g = default_gazetteer()
    tour = event(1, "Delegation visits three countries", "The delegation visited Italy, Albania and Laos.",
                 places=tuple(g.lookup(n) for n in ("Italy", "Albania", "Laos")))
    forum = event(2, "Forum in Lima", "A forum was held in Lima.", places=(g.lookup("Lima"),))
    q = query("which countries did they visit", Intent.LIST, ("visit",))
    a = list_answer(q, 2, [tour, forum], None, places=("Italy", "Albania", "Laos", "Peru"))
    assert a.text.startswith("Italy, Albania, Laos, Peru.\n") and "[Italy, Albania, Laos]" in a.text
    # a list that asks no places shows two of an event's
    assert "[Italy, Albania]" in list_answer(q, 2, [tour, forum], None).text


def test_a_long_sentence_keeps_the_kind_a_which_question_asks_for_in_view() -> None:
    from knowledge.compose import clip_around

    sentence = ("He also attended the symposium on cultural exchange, " + "with talks on films, books and music, " * 10
                + "jointly hosted by CAFIU and the Warsaw University of Social Sciences and Humanities.")
    cut = clip_around(sentence, ["symposium", "cultural"], 200, kind=("university",))
    assert "University of Social Sciences and Humanities" in cut and len(cut) <= 201
    assert "Humanities" not in clip_around(sentence, ["symposium", "cultural"], 200)


def test_a_when_answer_leads_with_the_day_its_sentence_gives() -> None:
    # An item dated 7 June whose sentence on what was asked happened "In May 30": that day answers,
    # read with the item's year
    from knowledge.compose import fact_answer
    from knowledge.decide import Decision
    from knowledge.query import Intent
    from knowledge.rank import Scored
    from knowledge.records import DateSpan
    from tests.knowledge.stages import lexicon, query

    e = event(4, "Sri Lanka ties", "The vice-president met the ambassador on 7 June. In May 30, the former "
              "ambassador to the UN visited the federation.", date=DateSpan("2018-06-07", "2018-06-07", "day"))
    q = query("when did the former ambassador to the un visit the federation", Intent.WHEN,
              ("former", "ambassador", "un", "visit", "federation"))
    s = Scored(e, 1.0, 1.0, 0.9)
    a = fact_answer(q, Decision(True, (s,), 0.9), [s], lexicon())
    assert "30 May 2018: In May 30" in a.text


def test_a_long_sentence_keeps_the_name_before_the_kind_asked_for() -> None:
    # "which ex president of the european parliament": of two parliaments, the one among the
    # question's words, with the name that goes before its title
    from knowledge.compose import clip_around

    s = ("During the visit, the president met with Dr. Hans Weber, former Vice-President of the Bundestag, Martin "
         "Schulz, President of a foundation, former President of the European Parliament and former Chairman of "
         "the party, Anna Berg, former Minister of Justice, Tom Paul, Vice-President of a company, Frank Smith, "
         "Vice-President of the Hamburg Parliament, and Tobias Dunn, State Secretary of a state, and many more "
         "people who came to the long dinner that evening in the old town hall of the city.")
    out = clip_around(s, ["president", "european", "parliament"], 260, kind=("parliament",))
    assert "Martin Schulz" in out or "Schulz, President" in out
    assert "European Parliament" in out


def test_a_day_printed_without_a_year_is_given_as_such() -> None:
    from knowledge.compose import day_said

    e = event(5, "Orchestra", "On September 14, the orchestra gave a concert.")  # the test report has a date
    assert day_said("On September 14, the orchestra gave a concert.", e) == "14 September 2024"
    from dataclasses import replace
    bare = replace(e, source=replace(e.source, report_date=""))
    assert day_said("On September 14, the orchestra gave a concert.", bare) == "14 September (no year given)"


def test_a_region_of_the_world_is_shown_without_an_empty_country() -> None:
    from knowledge.compose import header
    from knowledge.records import Place

    e = event(40, "Friendship cities", "Yunnan has 55 pairs with South Asia and Southeast Asia.",
              places=(Place("South Asia", "region", ""), Place("Phnom Penh", "city", "Cambodia")))
    assert header(e) == "South Asia; Phnom Penh, Cambodia: Friendship cities"


def test_people_named_alike_in_english_and_in_chinese_are_both_shown() -> None:
    from knowledge.compose import namesakes_answer
    from knowledge.records import Person, PersonTitle, Source

    en = event(5, "Training", "Professor Wu Lan of Hubei University gave the opening lecture.")
    zh = event(6, "论坛举行", "基金会秘书长吴兰全程参加了此次论坛。")
    a = namesakes_answer([(Person(9, "Wu Lan", (PersonTitle("Professor", None, Source("r1", "Training", None)),), (5,)), [en]),
                          (Person(10, "吴兰", (PersonTitle("基金会秘书长", None, Source("r2", "论坛举行", None)),), (6,)), [zh])],
                         "who is wu lan?")
    assert a.found and "2 people" in a.text and "Hubei University" in a.text
    assert "Wu Lan (吴兰)" in a.text and "基金会秘书长" in a.text
    assert {h.id for h in a.related} == {"9", "10"}


def test_a_list_shows_the_sentence_an_item_in_chinese_was_titled_by_when_the_title_cut_it_short() -> None:
    from knowledge.compose import list_answer
    from knowledge.query import Intent
    from tests.knowledge.stages import query

    # The title is the sentence's opening clause, cut where it says nothing yet of what was done.
    signing = event(1, "在两国副市长见证下…", "2027年6月,在两国副市长见证下,滨海市友协会长与波尔图市友好协会主席签署了青年交流合作协议。")
    text = list_answer(query("what happened in June 2027", Intent.LIST, ()), 1, [signing], None).text
    assert "签署了青年交流合作协议" in text
    # (a label of a few characters is no sentence to show)
    label = event(2, "滨海青年交流周开幕", "滨海市友好协会\n2027年7月,滨海青年交流周在滨海开幕,五个国家的青年参加。")
    text = list_answer(query("what happened in July 2027", Intent.LIST, ()), 1, [label], None).text
    assert "五个国家的青年参加" in text


def test_not_found_quotes_the_question_without_the_comma_its_date_left() -> None:
    from knowledge.compose import not_found
    from knowledge.query import Intent
    from tests.knowledge.stages import query

    q = query("By mid-June 2020, how many wells had they dug?", Intent.HOW_MANY, ("wells", "dug"))
    q = q.but(text=", how many wells had they dug?")
    assert "about “how many wells had they dug?”" in not_found(q, []).text
