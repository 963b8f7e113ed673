"""Reading sentences for organisations, acronyms, people, figures and roles: real passages, real records."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.extract import (PersonMentionRaw, acronym_owner, event_places, extract_events, find_figures,
                               find_org_names, find_people, org_key, org_kind, org_roles, split_sentences, valid_person_name, acronyms_as_orgs)
from knowledge.gazetteer import default_gazetteer
from knowledge.ingest import read_document
from knowledge.records import DateSpan, Figure, Report

# --- passages copied from the bundled reports --------------------------------------------------------

# international-understanding-2025-vol1.txt, "Exchange Event “Reading China in Cambodia” Held in Phnom Penh"
READING_CHINA = ("This event was co-hosted by China Foundation for Peace and Development (CFPD) Cambodia Office "
                 "and Cambodian Chinese Evolution Researchers Association (CCERA) under the guidance of China NGO "
                 "Network for International Exchanges (CNIE).")
# cdb-weekly-briefing-2025-12-21.txt
ZHOU_MINGJIAN = ("At the opening ceremony, speeches were delivered by Zhou Mingjian, Vice President of CNIE, "
                 "Secretary of the Party Committee and Vice President of the CMA, along with colleagues from the "
                 "CNIE Secretariat.")
SPEAKERS = ("Speakers included Wang Ke, Chairman of Beijing Peaceland Foundation; Liu Zhihua, Chairman of "
            "Beijing Hengshan Foundation; Dong Yu, Vice President of Alibaba Foundation and officials from the "
            "CNIE Secretariat.")
# international-understanding-2020-no1-2.txt
JOINT_ACTION = ("According to incomplete statistics, the Joint Action has donated 17.06 million masks, 105,300 "
                "sets of protective clothing, 200,000 test kits and other epidemic prevention materials to "
                "Cambodia, Italy, Iran, Myanmar, Serbia, Laos and other countries, with a total amount of 192 "
                "million RMB yuan.")
# sironet-news-2018-h1.txt
OLYMPICS = "From February 9 to 25, the 23th Winter Olympic Games was staged in Pyeongchang-gun of South Korea."
VOLUNTEERS = ("113 Chinese volunteers stack out from 1,345 applicants all over the country and went to "
              "Pyeongchang offering voluntary service for Games.")
LAOS_2018 = ("In 2018, the program will continue to send young volunteers to a number of countries such as Laos, "
             "Seychelles and Brunei.")
FINLAND = ("From January 12 to 16, a Chinese delegation headed by Zhu Hongren, Executive Vice President and "
           "Director-General of China Enterprise Confederation visited Confederation of Finnish Industries and "
           "Latvia Employers’ Federation, and discussed topics on macro economic situation.")
PARLIAMENT = ("On January 10, the Dialogue between Parliament Speakers of North Europe and the Baltic Countries "
              "and Chinese Young Entrepreneurs was staged in Beijing.")
WANG_HONGYAN = "The Dialogue was presided by Wang Hongyan, Vice President of All-China Youth Federation."
# international-understanding-2025-vol1.txt
TCCEA_VISIT = ("At the invitation of the Friedrich Ebert Foundation (Friedrich-Ebert-Stiftung), the Thai-Chinese "
               "Culture and Economy Association and the Viet Nam Union of Friendship Organisations, a CAFIU "
               "delegation headed by President Ji Bingxuan visited Germany, Thailand and Vietnam.")
TCCEA_LECTURE = ("On 2 December 2024, the Chinese Association for International Understanding (CAFIU), Thai-China "
                 "Culture and Economy Association (TCCEA) and the Chinese Embassy in Thailand jointly hosted the "
                 "Civilisation Lecture Series event.")
CARNIVAL = ("On 12 December 2024, the China-Cambodia Friendship Carnival under the Action Plan on Silk Road "
            "People-to-People Connectivity co-hosted by China Foundation for Peace and Development (CFPD) and the "
            "Youth House for Cambodia-China Friendship (YHCCF) kicked off in Siem Reap.")
ASLCSCC = ("On 7 January 2025, CAFIU Vice-President Ai Ping met with Indrananda Abeysekera, President of the "
           "Association for Sri Lanka-China Social and Cultural Cooperation (ASLCSCC).")
TCCEA_SPEECHES = ("Han Zhiqiang, the Chinese Ambassador to Thailand, Bhokin Bhalakula, President of TCCEA and "
                  "Yuthika Isarangkura, Deputy Permanent Secretary of the Ministry of Culture of Thailand "
                  "respectively delivered speeches.")
EMBASSY = ("\"Welcome to China to take a look, experience China and its development in person, tell the story "
           "of China in the perspective of Cambodia\", said Wu Chuanbin, counselor of the Chinese Embassy in "
           "Cambodia.")
HEALTH_TRAINING = ("The program was organized by the Health Committee of the China NGO Network for International "
                   "Exchanges (CNIE) and the Chinese Medical Association (CMA), with co-organization by the Silk "
                   "Road Planning Research Center.")
HUMANITARIAN = ("Guided by the China NGO Network for International Exchanges (CNIE), the program was organized by "
                "the CNIE Humanitarian Assistance Professional Committee and implemented by Beijing Peaceland "
                "Foundation, with support from Alibaba Foundation, Beijing Hengshan Foundation, Beijing E-share "
                "Civil Society Information Centre, Zhejiang Ramunion Rescue and other key NGOs.")
AMITY = ("From January 20 to 26, the “2018 Annual Conference on Programs of Education and International "
         "Exchanges” organized by Amity Foundation was held in Xiamen, Fujian Province.")
SPRING_BLOSSOMS = ("The event was co-hosted by the ASEAN-China Centre and the Beijing People’s Association for "
                   "Friendship with Foreign Countries.")
CFRD = ("Zhu Weijie, representative of COSCO Shipping Charity Foundation, staff of International Development "
        "Department of China Foundation for Rural Development (CFRD) together with teachers, students and their "
        "parents of Balaing Khang Lech Primary, witnessed the ceremony.")
# sironet-news-2018-h1.txt
SCO_FORUM = ("On April 9 to 10, the First People’s Forum of Shanghai Cooperation Organization was held in Xi’an. "
             "The forum was staged by China NGO Network for International Exchanges and the People’s Government "
             "of Shaanxi Province.")
NEW_MEMBERS = ("On March 15, after discussion, the secretariat of the Silk Road NGO Cooperation Network (SIRONET) "
               "decided to accept 19 organizations as member organizations of the Network, including Association "
               "of Arab-China Cooperation and Development (Lebanon), Bangladesh-China Association for People’s "
               "Friendship, Hong Kong Volunteer Association, Beijing Association for Science and Technology, "
               "Sichuan Association of Ecological and Cultural Development for Panda.")
SIRONET_SIZE = ("SIRONET was founded in November 21, 2017 and has now 294 Chinese and foreign member organizations "
                "from more than 60 countries.")
SIX_MEMBERS = ("There are six members from mainland China, namely All-China Federation of Industry and Commerce, "
               "China Council for the Promotion of International Trade, China International Contractors "
               "Association, Asia Merger & Acquisition Association, Fudan University and Shanghai Academy of Social "
               "Sciences.")
SPEAKERS_2018 = ("Centering on the theme of “innovation, entrepreneurship, sustainable development and "
                 "connectivity”, Finland Parliament Speaker Lohela, Norway Parliament Speaker Tomasson and Sweden "
                 "Parliament First Deputy Speaker Fenne made thorough and frank discussions.")
SINO_US = ("Celebrities such as Christopher Hill, former Deputy Secretary of State of United States, Bob Houghton, "
           "former Governor of Missouri, and Shi Yinhong, professor of international relations at Renmin "
           "University of China presented the conference.")
HEARING = ("The public hearing was organized by Office of United States Trade Representative and ten governmental "
           "departments, including the State Department and Labor Department of United States.")
SME_CONFERENCE = ("Themed “Promote Connectivity and Mutual Learning, Realize Win-Win Cooperation”, the conference "
                  "was sponsored by China Association for Small & Medium Commercial Enterprises and supported by "
                  "Silk Road Think Tank Association, United Nations Industrial Development Organization, the "
                  "Chinese People’s Association for Friendship with Foreign Countries.")
# international-understanding-2020-no1-2.txt
GOONATILLEKE = ("Chairman of the Sri Lanka-China Friendship Association Goonatilleke: Chinese leaders attach great "
                "importance to protecting people's lives and their response to the epidemic is impressive.")
SHIPLEY = ("Former New Zealand Prime Minister Jennifer Shipley: In recent weeks I have seen the Chinese government's "
           "hard work to prevent and control the epidemic.")
WOODEN = ("Vice Chairman of the World Tourism Cities Federation and Director of the Los Angeles Tourism Bureau "
          "Ernest Wooden: At this worrying and changing time, our hearts are with our friends far away in China.")
CFPA_HEADLINE = "China Foundation for Poverty Alleviation Has Actively Participated in International Cooperation"
NANFANG = ("Liu Laiyu, Chief Physician of the Department of Respiratory and Critical Care Medicine of Nanfang "
           "Hospital, Mr. Wu Yongming, Associate Chief Physician of the Department of Neurology of Nanfang Hospital, "
           "and Mr. Zhou Hao, Associate Chief Physician of the Department of Infection Management of Nanfang "
           "Hospital, to introduce their work in Peru.")
CONTACTS = ("Address: 4 FuXing Road Beijing China Postcode: 100086 Tel: 83908351 83907341 Fax: 83907342")
OCCFC = ("OCCFC has made a targeted donation of RMB 9,761,500 to the Federations of Returned Overseas Chinese and "
         "relevant units in 30 provinces, autonomous regions and municipalities.")
HANDOVER = ("At 8 o'clock in the morning on May 4, as part of the Silk Road Community Building Initiative's "
            "non-governmental joint anti-pandemic action, the handover ceremony of materials was held as scheduled "
            "at the Friendship Building of the Prime Minister's Office of Cambodia.")
# cdb-weekly-briefing-2025-12-21.txt
KEYNOTES = ("Professor Dong Qiang of China Agricultural University; Li Li, Senior Engineer at the National "
            "Earthquake Response Support Service of Ministry of Emergency Management delivered keynote speeches.")


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


def names_of(sentence: str) -> list[str]:
    return [name for name, _, _ in find_org_names(sentence)]


def people_of(sentence: str, gazetteer) -> dict[str, str | None]:
    return {p.name: p.title for p in find_people(sentence, gazetteer)}


# --- organisation names --------------------------------------------------------------------------------

def test_org_names_of_the_reading_china_co_hosts():
    names = names_of(READING_CHINA)
    expected = ["China Foundation for Peace and Development",
                "Cambodian Chinese Evolution Researchers Association",
                "China NGO Network for International Exchanges"]
    assert [n for n in names if n in expected] == expected
    assert not any("CFPD" in n or "CCERA" in n or "guidance" in n for n in names)


def test_org_name_positions_point_at_the_name():
    for sentence in (READING_CHINA, SPEAKERS, TCCEA_VISIT, TCCEA_LECTURE, CARNIVAL, ASLCSCC):
        for name, start, end in find_org_names(sentence):
            assert sentence[start:end] == name


def test_and_inside_a_name_is_kept_and_between_names_splits():
    assert names_of(TCCEA_VISIT) == [
        "Friedrich Ebert Foundation",
        "Thai-Chinese Culture and Economy Association",
        "Viet Nam Union of Friendship Organisations",
    ]
    assert names_of(TCCEA_LECTURE) == [
        "Chinese Association for International Understanding",
        "Thai-China Culture and Economy Association",
        "Chinese Embassy in Thailand",
    ]


def test_title_words_are_trimmed_from_org_names():
    assert names_of(SPEAKERS) == ["Beijing Peaceland Foundation", "Beijing Hengshan Foundation",
                                  "Alibaba Foundation", "CNIE Secretariat"]
    assert names_of(WANG_HONGYAN.rstrip(".")) == ["All-China Youth Federation"]
    assert names_of(ASLCSCC) == ["Association for Sri Lanka-China Social and Cultural Cooperation"]


def test_org_name_positions_of_the_parliament_speakers_sentence():
    for name, start, end in find_org_names(PARLIAMENT):
        assert start >= 0 and PARLIAMENT[start:end] == name


def test_org_name_at_the_end_of_a_sentence_has_no_full_stop():
    assert names_of(EMBASSY) == ["Chinese Embassy in Cambodia"]


@pytest.mark.parametrize("sentence, name", [
    (WANG_HONGYAN, "All-China Youth Federation"),
    (HEALTH_TRAINING, "Silk Road Planning Research Center"),
])
def test_org_name_ending_a_sentence_is_found(sentence, name):
    assert name in names_of(sentence)


def test_org_name_with_with_inside():
    assert names_of(SPRING_BLOSSOMS) == [
        "ASEAN-China Centre", "Beijing People’s Association for Friendship with Foreign Countries"]


def test_and_the_before_a_second_organisation_splits_the_names():
    assert names_of(SCO_FORUM)[-2:] == ["China NGO Network for International Exchanges",
                                        "People’s Government of Shaanxi Province"]


@pytest.mark.parametrize("sentence, expected", [
    # "and" inside "Industry and Commerce", "Science and Technology", "Social Sciences"; "&" inside a name
    (SIX_MEMBERS, ["All-China Federation of Industry and Commerce",
                   "China Council for the Promotion of International Trade",
                   "China International Contractors Association", "Asia Merger & Acquisition Association",
                   "Fudan University", "Shanghai Academy of Social Sciences"]),
    (NEW_MEMBERS, ["Silk Road NGO Cooperation Network", "Association of Arab-China Cooperation and Development",
                   "Bangladesh-China Association for People’s Friendship", "Hong Kong Volunteer Association",
                   "Beijing Association for Science and Technology",
                   "Sichuan Association of Ecological and Cultural Development for Panda"]),
    # "Department of Obstetrics and Gynecology of ... Hospital": the second part has no head of its own
    (NANFANG, ["Department of Respiratory and Critical Care Medicine of Nanfang Hospital",
               "Department of Neurology of Nanfang Hospital",
               "Department of Infection Management of Nanfang Hospital"]),
])
def test_and_between_words_of_one_name_and_between_names(sentence, expected):
    assert names_of(sentence) == expected


def test_a_title_after_the_head_word_is_no_part_of_the_name():
    assert names_of(SPEAKERS_2018) == ["Finland Parliament", "Norway Parliament", "Sweden Parliament"]


def test_the_speaker_before_a_colon_is_no_part_of_the_name():
    assert names_of(GOONATILLEKE) == ["Sri Lanka-China Friendship Association"]
    assert names_of(WOODEN) == ["World Tourism Cities Federation", "Los Angeles Tourism Bureau"]


def test_a_meeting_of_an_organisation_is_the_organisation():
    sentence = ("On 8 October 2024, CAFIU Vice-President Ai Ping attended the Opening Ceremony of the 38th Annual "
                "Plenary Meeting of the InterAction Council.")
    assert names_of(sentence) == ["InterAction Council"]


def test_a_verb_of_a_title_case_headline_ends_the_name():
    assert names_of(CFPA_HEADLINE) == ["China Foundation for Poverty Alleviation"]


def test_a_person_next_to_an_organisation_is_cut_off(tmp_path):
    [event] = _events(tmp_path, KEYNOTES)
    names = [name for name, _ in event.orgs]
    assert "China Agricultural University" in names
    assert "National Earthquake Response Support Service of Ministry of Emergency Management" in names
    assert not any("Dong Qiang" in n or "Li Li" in n for n in names)


def test_a_place_in_brackets_is_no_acronym(tmp_path):
    [event] = _events(tmp_path, NEW_MEMBERS)
    assert ("Silk Road NGO Cooperation Network", "SIRONET") in event.acronym_defs
    assert not any(acronym == "Lebanon" for _, acronym in event.acronym_defs)


def test_org_key_ignores_spelling_variants():
    assert org_key("The Centre for China & Globalisation") == org_key("Center for China and Globalization")
    assert org_key("Chinese Embassy in Cambodia.") == org_key("Chinese Embassy in Cambodia")
    assert org_key("Thai-Chinese Culture and Economy Association") != org_key(
        "Thai-China Culture and Economy Association")


@pytest.mark.parametrize("name, kind", [
    ("Beijing Peaceland Foundation", "foundation"),
    ("Cambodian Chinese Evolution Researchers Association", "association"),
    ("China NGO Network for International Exchanges", "network"),
    ("UN Human Rights Council", "UN body"),
    ("Royal University of Phnom Penh", "university"),
])
def test_org_kind(name, kind):
    assert org_kind(name) == kind


# --- acronyms --------------------------------------------------------------------------------------------

def test_acronym_owner_is_the_foundation_not_its_department():
    assert acronym_owner("International Development Department of China Foundation for Rural Development",
                         "CFRD") == "China Foundation for Rural Development"


def test_acronym_owner_of_a_whole_name_and_of_a_curated_acronym():
    assert acronym_owner("Association for Sri Lanka-China Social and Cultural Cooperation",
                         "ASLCSCC") == "Association for Sri Lanka-China Social and Cultural Cooperation"
    assert acronym_owner("Cambodia 21st Century Maritime Silk Road Research Centre of the Royal University of "
                         "Phnom Penh", "RUPP") == "Royal University of Phnom Penh"
    assert acronym_owner("China NGO Network for International Exchanges",
                         "CNIE") == "China NGO Network for International Exchanges"


def _page_events(path: Path, issue_date: str = ""):
    """A page written to ``path`` read and extracted as the build does, as a report the catalog
    says nothing of (no title, only an issue date where one is given)."""
    report = Report(id=path.stem, file=path.name, title="", series="", publisher="", issue_date=issue_date,
                    url=None, language="en", content_hash="")
    return extract_events(read_document(path), report, default_gazetteer())


def _written_page_events(tmp_path: Path, name: str, page: str):
    """``page`` written to a file ``name`` and read as ``_page_events`` reads it."""
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return _page_events(path)


def _events(tmp_path: Path, *paragraphs: str, issue_date: str = "2025",
            covers: tuple[str, str] = ("2024-10", "2025-04")):
    """Real report passages in a small report file, read and extracted as the build does."""
    path = tmp_path / "passage.txt"
    path.write_text("Test Report\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    report = Report(id="passage", file=path.name, title="Test Report", series="Test Report", publisher="",
                    issue_date=issue_date, url=None, language="en", content_hash="",
                    covers_start=covers[0], covers_end=covers[1])
    return extract_events(read_document(path), report, default_gazetteer())


def test_acronym_definitions_of_the_reading_china_passage(tmp_path):
    opening = ("On 12 March 2025, the Exchange Event “Reading China in Cambodia” under the Action Plan on Silk "
               "Road People-to-People Connectivity was held at the Cambodia 21st Century Maritime Silk Road "
               "Research Centre of the Royal University of Phnom Penh (RUPP).")
    [event] = _events(tmp_path, opening, READING_CHINA)
    assert event.acronym_defs == [
        ("Royal University of Phnom Penh", "RUPP"),
        ("China Foundation for Peace and Development", "CFPD"),
        ("Cambodian Chinese Evolution Researchers Association", "CCERA"),
        ("China NGO Network for International Exchanges", "CNIE"),
    ]
    assert event.date == DateSpan("2025-03-12", "2025-03-12", "day")
    assert {"CFPD", "CCERA", "CNIE", "RUPP"} <= set(event.acronym_refs)
    # a city stands with its own country (issue 11): the country is not listed again beside it
    assert "Phnom Penh" in {p.name for p in event.places}
    assert {p.country for p in event.places} == {"Cambodia"}
    assert event.source.report_id == "passage"


def test_acronym_definition_after_a_department_goes_to_the_foundation(tmp_path):
    [event] = _events(tmp_path, "On 12 December 2024, the donation ceremony was held in Cambodia. " + CFRD)
    assert ("China Foundation for Rural Development", "CFRD") in event.acronym_defs
    assert ("COSCO Shipping Charity Foundation", None) in event.orgs
    assert event.people[0].name == "Zhu Weijie"
    assert event.people[0].title.startswith("representative of COSCO Shipping Charity Foundation")


def test_acronym_without_brackets_is_no_definition(tmp_path):
    [event] = _events(tmp_path, ZHOU_MINGJIAN)
    assert event.acronym_defs == []
    assert {"CNIE", "CMA"} <= set(event.acronym_refs)


# --- people ------------------------------------------------------------------------------------------

def test_person_with_a_long_title(gazetteer):
    assert people_of(ZHOU_MINGJIAN, gazetteer) == {
        "Zhou Mingjian": "Vice President of CNIE, Secretary of the Party Committee and Vice President of the CMA",
    }


def test_speakers_separated_by_semicolons(gazetteer):
    people = people_of(SPEAKERS, gazetteer)
    assert people["Wang Ke"] == "Chairman of Beijing Peaceland Foundation"
    assert people["Liu Zhihua"] == "Chairman of Beijing Hengshan Foundation"
    assert people["Dong Yu"] == "Vice President of Alibaba Foundation"
    assert list(people) == ["Wang Ke", "Liu Zhihua", "Dong Yu"]


def test_title_after_name_and_title_before_name(gazetteer):
    assert people_of(WANG_HONGYAN, gazetteer) == {
        "Wang Hongyan": "Vice President of All-China Youth Federation"}
    people = people_of(ASLCSCC, gazetteer)
    assert people["Indrananda Abeysekera"].startswith(
        "President of the Association for Sri Lanka-China Social and Cultural Cooperation")
    assert people["Ai Ping"] == "CAFIU Vice-President"


def test_org_and_place_names_are_not_people(gazetteer):
    for sentence in (READING_CHINA, TCCEA_LECTURE, JOINT_ACTION):
        assert find_people(sentence, gazetteer) == []
    assert not valid_person_name("Beijing Peaceland Foundation")
    assert not valid_person_name("Phnom Penh")
    assert valid_person_name("Indrananda Abeysekera")


def test_two_people_joined_by_and(gazetteer):
    people = people_of(TCCEA_SPEECHES, gazetteer)
    assert people.get("Bhokin Bhalakula") == "President of TCCEA"
    assert "Yuthika Isarangkura" in people


def test_each_person_of_a_list_gets_only_their_own_title(gazetteer):
    people = people_of(SINO_US, gazetteer)
    assert people["Christopher Hill"] == "former Deputy Secretary of State of United States"
    assert people["Bob Houghton"] == "former Governor of Missouri"
    assert people["Shi Yinhong"] == "professor of international relations at Renmin University of China"
    people = people_of(NANFANG, gazetteer)
    assert people["Liu Laiyu"] == ("Chief Physician of the Department of Respiratory and Critical Care Medicine of "
                                   "Nanfang Hospital")
    assert set(people) == {"Liu Laiyu", "Wu Yongming", "Zhou Hao"}


def test_a_speaker_before_a_colon_has_the_whole_label_for_title(gazetteer):
    assert people_of(SHIPLEY, gazetteer) == {"Jennifer Shipley": "Former New Zealand Prime Minister"}
    assert people_of(WOODEN, gazetteer) == {
        "Ernest Wooden": "Vice Chairman of the World Tourism Cities Federation and Director of the Los Angeles "
                         "Tourism Bureau"}


def test_a_headline_verb_is_no_part_of_a_name(gazetteer):
    headline = "President Ji Bingxuan Headed CAFIU Delegation to Visit Germany, Thailand and Vietnam"
    assert list(people_of(headline, gazetteer)) == ["Ji Bingxuan"]


# --- figures ---------------------------------------------------------------------------------------------

def test_figures_with_multipliers_and_money():
    figures = find_figures(JOINT_ACTION)
    assert Figure("17.06 million masks", 17_060_000.0) in figures
    assert Figure("192 million RMB yuan", 192_000_000.0) in figures
    assert Figure("200,000 test kits", 200_000.0) in figures


def test_count_of_people_is_a_figure():
    figures = find_figures(VOLUNTEERS)
    assert figures[0] == Figure("113 Chinese volunteers", 113.0)
    assert any(f.value == 1345.0 for f in figures)


def test_a_year_and_an_ordinal_are_not_figures():
    assert find_figures(LAOS_2018) == []
    assert not any(f.value in (23.0, 2018.0) for f in find_figures(OLYMPICS))
    assert not any("23th" in f.text or f.text.startswith("23") for f in find_figures(OLYMPICS))


def test_the_day_of_a_day_month_date_is_not_a_figure():
    assert find_figures("On 28 November 2024, CAFIU hosted the Dialogue in Berlin, Germany.") == []


@pytest.mark.parametrize("sentence", [OLYMPICS, FINLAND])
def test_the_day_of_a_month_day_range_is_not_a_figure(sentence):
    assert find_figures(sentence) == []


@pytest.mark.parametrize("sentence", [CONTACTS, HANDOVER])
def test_addresses_phone_numbers_and_times_are_not_figures(sentence):
    assert find_figures(sentence) == []


def test_a_figure_says_what_it_counts():
    assert find_figures(SIRONET_SIZE) == [Figure("294 Chinese and foreign member organizations", 294.0),
                                          Figure("more than 60 countries", 60.0)]
    assert Figure("RMB 9,761,500", 9_761_500.0) in find_figures(OCCFC)


# --- roles -----------------------------------------------------------------------------------------------

def test_co_hosts_of_the_reading_china_event():
    roles = org_roles(READING_CHINA, find_org_names(READING_CHINA))
    assert roles["China Foundation for Peace and Development"] == "co-host"
    assert roles["Cambodian Chinese Evolution Researchers Association"] == "co-host"


def test_guide_of_the_reading_china_event():
    roles = org_roles(READING_CHINA, find_org_names(READING_CHINA))
    assert roles["China NGO Network for International Exchanges"] == "guide"


def test_co_hosted_by_and_jointly_hosted():
    roles = org_roles(CARNIVAL, find_org_names(CARNIVAL))
    assert roles == {"China Foundation for Peace and Development": "co-host",
                     "Youth House for Cambodia-China Friendship": "co-host"}
    roles = org_roles(TCCEA_LECTURE, find_org_names(TCCEA_LECTURE))
    assert set(roles.values()) == {"co-host"}
    assert len(roles) == 3


def test_organised_by_and_presided_by():
    assert org_roles(AMITY, find_org_names(AMITY)) == {"Amity Foundation": "organiser"}
    sentence = WANG_HONGYAN.rstrip(".")
    assert org_roles(sentence, find_org_names(sentence)) == {"All-China Youth Federation": "host"}


def test_jointly_organised_names_are_organisers():
    roles = org_roles(HEALTH_TRAINING, find_org_names(HEALTH_TRAINING))
    assert roles["Health Committee of the China NGO Network for International Exchanges"] == "organiser"
    assert roles["Chinese Medical Association"] == "organiser"


def test_no_role_when_the_sentence_gives_none():
    assert org_roles(SPEAKERS, find_org_names(SPEAKERS)) == {}


def test_each_by_phrase_gives_its_own_role():
    roles = org_roles(HUMANITARIAN, find_org_names(HUMANITARIAN))
    assert roles["China NGO Network for International Exchanges"] == "guide"
    assert roles["CNIE Humanitarian Assistance Professional Committee"] == "organiser"
    assert roles["Beijing Peaceland Foundation"] == "implementer"


def test_with_support_from_gives_supporters():
    roles = org_roles(HUMANITARIAN, find_org_names(HUMANITARIAN))
    assert roles["Alibaba Foundation"] == "supporter"
    assert roles["Beijing E-share Civil Society Information Centre"] == "supporter"
    roles = org_roles(SME_CONFERENCE, find_org_names(SME_CONFERENCE))
    assert roles["China Association for Small & Medium Commercial Enterprises"] == "sponsor"
    assert roles["United Nations Industrial Development Organization"] == "supporter"
    assert roles["Chinese People’s Association for Friendship with Foreign Countries"] == "supporter"


def test_with_co_organisation_by_gives_a_co_organiser():
    roles = org_roles(HEALTH_TRAINING, find_org_names(HEALTH_TRAINING))
    assert roles["Silk Road Planning Research Center"] == "co-organiser"


def test_a_by_phrase_governs_the_names_it_lists():
    roles = org_roles(HEARING, find_org_names(HEARING))
    assert roles == {"Office of United States Trade Representative": "organiser", "State Department": "organiser",
                     "Labor Department of United States": "organiser"}


# --- events ----------------------------------------------------------------------------------------------

def test_a_paragraph_led_by_a_time_and_a_date_is_an_item_of_its_own(tmp_path):
    opening = ("April in Cambodia was scorching, with the temperature often reaching 40 degrees Celsius, but it was "
               "the busiest month for the Cambodia office.")
    # the catalog's period of international-understanding-2020-no1-2.txt
    first, second = _events(tmp_path, opening, HANDOVER, issue_date="2020", covers=("2020-01", "2020-12"))
    assert first.date == DateSpan("2020-04", "2020-04", "month")
    assert second.date == DateSpan("2020-05-04", "2020-05-04", "day")
    assert "handover ceremony" in second.text


# --- sentences ---------------------------------------------------------------------------------------------

def test_split_sentences_keeps_abbreviations():
    text = ("Mr. Liu Zhihua, Executive Secretary of Beijing Peaceland Foundation, introduced the efforts. "
            "Dr. Chea Munirith, President of CCERA, said on the event that this event aimed to elaborate.")
    assert split_sentences(text) == [
        "Mr. Liu Zhihua, Executive Secretary of Beijing Peaceland Foundation, introduced the efforts.",
        "Dr. Chea Munirith, President of CCERA, said on the event that this event aimed to elaborate.",
    ]


def test_split_sentences_reads_an_abbreviation_at_the_end_of_a_long_sentence():
    long = "The delegation met teachers, doctors and volunteers " * 8
    text = f"{long}at the office of Mr. Liu. They visited the U.S. Embassy. Then they left on 4 Sept. Dr. Chen stayed."
    assert split_sentences(text) == [f"{long}at the office of Mr. Liu.",
                                     "They visited the U.S. Embassy.", "Then they left on 4 Sept. Dr. Chen stayed."]


def test_a_title_built_from_a_sentence_drops_the_whole_leading_date() -> None:
    from knowledge.extract import _short_title

    assert _short_title("On December 29, 2025, the foundation donated 3,000 Panda Packs.") == \
        "The foundation donated 3,000 Panda Packs"
    assert _short_title("On May 4, the office handed over the materials.") == "The office handed over the materials"


# --- people: titles in lower case, after a nationality or a possessive; mastheads -----------------------

# sironet-news-2018-h1.txt
XUE_YING = ("From March 4 to 11, a three-member Chinese delegation of news workers headed by Xue Ying, executive "
            "director of Center of Global Issues of Xinhua News Agency, dispatched by All-China Journalists "
            "Association presented the World Journalists Conference in South Korea.")
LONG_YONGTU = ("Long Yongtu, former Chief Negotiator and Vice Minister of Ministry of Foreign Trade and Economic "
               "Cooperation delivered a keynote speech.")
# international-understanding-2025-vol1.txt
WANG_WENBIN = "Wang Wenbin, Chinese Ambassador to Cambodia, attended the opening ceremony."
CHEN_LU = ("Guests, including Chen Lu, China's first figure skating world champion and two-time Winter Olympic "
           "medalist, participated in sharing insights and commentary.")
# international-understanding-2020-no1-2.txt
SANCO_HOSTS = ("On May 10, under the support of Chinese embassy in South Africa, the Secretariat of SIRONET, Beijing "
               "Peaceland Foundation, the Amity Foundation, SANCO, Peking Union Medical College Training Center "
               "and China House co-hosted the China-South Africa COVID-19 Pandemic Prevention and Control Online "
               "Dialogue.")
SANCO_PRESIDENT = ("Mr. Richard Mdakane, President of SANCO, said in his remark that he appreciated the "
                   "opportunity of exchanges.")


@pytest.mark.parametrize(("sentence", "name", "title"), [
    (XUE_YING, "Xue Ying", "executive director of Center of Global Issues of Xinhua News Agency"),
    (LONG_YONGTU, "Long Yongtu",
     "former Chief Negotiator and Vice Minister of Ministry of Foreign Trade and Economic Cooperation"),
    (WANG_WENBIN, "Wang Wenbin", "Chinese Ambassador to Cambodia"),
    (CHEN_LU, "Chen Lu", "China's first figure skating world champion and two-time Winter Olympic medalist"),
])
def test_a_title_in_lower_case_or_after_a_nationality_is_a_title(gazetteer, sentence, name, title):
    assert people_of(sentence, gazetteer) == {name: title}


def test_the_masthead_names_the_editors(tmp_path):
    from knowledge.extract import masthead_people

    path = tmp_path / "magazine.txt"
    # the masthead of international-understanding-2025-vol1.txt, and of the 2020 issue on one line
    path.write_text("INTERNATIONAL UNDERSTANDING\n\nChief Editor:\n\nYuan Zhibing\n\nDeputy Chief Editors:\n\n"
                    "Wang Ke Zhu Guijie\n\nInternational Standard Serial\nNumber:\n\n" + HANDOVER + "\n",
                    encoding="utf-8")
    people = masthead_people(read_document(path), "International Understanding")
    assert [(p.name, p.title) for p in people] == [
        ("Yuan Zhibing", "Chief Editor of International Understanding"),
        ("Wang Ke", "Deputy Chief Editor of International Understanding"),
        ("Zhu Guijie", "Deputy Chief Editor of International Understanding"),
    ]
    path.write_text("INTERNATIONAL UNDERSTANDING\n\nNo. 1-2, 2020\n\nSponsor:\n\n"
                    "Chinese Association for International Understanding Chief Editor: Yuan Zhibing **Deputy Chief "
                    "Editors:** Liu Kaiyang Liu Lujun Wang Ke **Executive Editors:** Wang Zhiyun Liu Zhenzhong\n\n"
                    + HANDOVER + "\n", encoding="utf-8")
    people = masthead_people(read_document(path), "International Understanding")
    assert [p.name for p in people] == ["Yuan Zhibing", "Liu Kaiyang", "Liu Lujun", "Wang Ke", "Wang Zhiyun",
                                        "Liu Zhenzhong"]


def test_an_acronym_in_a_list_of_organisations_or_a_title_is_an_organisation(gazetteer):
    from knowledge.extract import acronyms_as_orgs, without_people

    for sentence in (SANCO_HOSTS, SANCO_PRESIDENT):
        people = find_people(sentence, gazetteer)
        names = without_people(find_org_names(sentence), [p.name for p in people])
        assert "SANCO" in acronyms_as_orgs(sentence, names, people, gazetteer)
    # "National Administration of TCM" is no person's title: TCM is no organisation here
    tcm = ("Mr. Wang Rongbing, member of World Federation of Acupuncture-Moxibustion Societies and the expert "
           "team of National Administration of TCM, and other Chinese experts were invited.")
    people = find_people(tcm, gazetteer)
    assert acronyms_as_orgs(tcm, find_org_names(tcm), people, gazetteer) == []


# --- events: articles, timelines, background, editor's notes -------------------------------------------

# international-understanding-2020-no1-2.txt, "Guangxi Will Always Be Your Strongest Backup"
GUANGXI_HEADLINE = "Guangxi Will Always Be Your Strongest Backup"
GUANGXI_OPENING = ("On April 22, Guangxi Zhuang Autonomous Region Federation of Returned Overseas Chinese and Guangxi "
                   "Overseas Chinese Kind Foundation held the donation ceremony of \"Overseas Chinese Love Health "
                   "Package\" in Nanning.")
GUANGXI_STORY = ("Guangxi Overseas Chinese Kind Foundation has stepped up contact with Federation of Returned "
                 "Overseas Chinese and overseas Chinese communities in various cities.")
GUANGXI_SECOND = ("On April 30, the second batch of 100 \"Overseas Chinese Love Health Package\" was also packaged "
                  "and shipped from Nanning to United States, Canada, Spain, Germany and other countries.")
GUANGXI_CONTENTS = ("During the epidemic, Guangxi Overseas Chinese Kind Foundation donated a total of 500 \"Overseas "
                    "Chinese Love Health Package\" to overseas Chinese, each kit containing 100 disposable "
                    "protective masks, a box of Lianhua Qingwen Capsule and a letter full of family affection.")
ISSUE_2020 = {"issue_date": "2020", "covers": ("2020-01", "2020-12")}


def test_a_dated_paragraph_that_goes_on_with_the_article_stays_in_it(tmp_path):
    _, event = _events(tmp_path, HANDOVER, GUANGXI_HEADLINE, GUANGXI_OPENING, GUANGXI_STORY, GUANGXI_SECOND, GUANGXI_CONTENTS,
                      **ISSUE_2020)
    assert event.title == GUANGXI_HEADLINE
    assert event.date == DateSpan("2020-04-22", "2020-04-22", "day")
    assert "Lianhua Qingwen" in event.text


def test_a_background_paragraph_dated_before_the_article_stays_in_it(tmp_path):
    headline = "China-Mongolia COVID-19 Pandemic Prevention and Control Online Dialogue"
    opening = ("On May 19, the Secretariat of SIRONET, Beijing Peaceland Foundation and Social Democracy Mongolian "
               "Youth Union co-hosted the China-Mongolia COVID-19 Pandemic Prevention and Control Online Dialogue.")
    background = ("On May 18, President Xi Jinping attended the 73th World Health Assembly and called for "
                  "cooperation among countries to build a global community of health for all.")
    after = ("Mr. Xu Jianguo, Secretary of China Foundation for Peace and Development, said in the conclusion "
             "remarks that the Foundation has received the assistance of friends.")
    _, event = _events(tmp_path, HANDOVER, headline, opening, background, after, **ISSUE_2020)
    assert event.date == DateSpan("2020-05-19", "2020-05-19", "day")
    assert "73th World Health Assembly" in event.text


def test_a_timeline_of_dated_paragraphs_in_an_article_gives_an_item_each(tmp_path):
    headline = "A Sidelight on BSR's Joint Anti-pandemic Efforts in Cambodia"
    opening = ("At 7 pm on April 15, 2020, the third day of the Cambodian New Year holiday, the meeting room of "
               "the Cambodia office was brightly lit and the staff were discussing the plan.")
    steps = ["On April 19, the fourth meeting was held with the leadership of the CSAF to revise the plan.",
             "On April 22, the Cambodian side was prompted to formulate a security plan for the BSR.",
             ("April in Cambodia was scorching, with the temperature often reaching 40 degrees Celsius, but it was "
              "the busiest month for the Cambodia office."),
             "The two men escorted the vehicles and transported the materials to the site of the ceremony.",
             HANDOVER]
    events = _events(tmp_path, SANCO_HOSTS, headline, opening, *steps, **ISSUE_2020)[1:]
    assert [e.date.start if e.date else None for e in events] == [
        "2020-04-15", "2020-04-19", "2020-04-22", "2020-04", "2020-05-04"]


def test_an_editors_note_before_articles_dates_the_article_it_names(tmp_path):
    note = ("[Editor's Note] In the face of the global pandemic of COVID-19, Chinese NGOs have taken actions. On "
            "May 20, Chinese Association for International Understanding (CAFIU) and young men and women from 55 "
            "countries released the appeal Joining Hands to Fight COVID-19, A Great Chapter in Our Youth, calling "
            "on youths all over the world to take on the responsibilities of the era.")
    headline = "Joining Hands to Fight COVID-19 A Great Chapter in Our Youth"  # (the comma makes it no headline here)
    body = ("We, 166 youths from 55 countries, join hands to answer the call of the Chinese Association for "
            "International Understanding and relevant civil society organizations.")
    events = _events(tmp_path, HANDOVER, note, headline, body, **ISSUE_2020)
    assert "Editor's Note" not in events[0].text  # the note belongs to the articles after it
    assert events[-1].title == headline
    assert events[-1].date == DateSpan("2020-05-20", "2020-05-20", "day")


# --- issue 11: organisation candidates and boundaries ------------------------------------------------

@pytest.mark.parametrize("printed, name", [
    ("Yihai Public Charity Foundation in Beijing", "Yihai Public Charity Foundation"),
    ("Chinese Embassy in Myanmar", "Chinese Embassy in Myanmar"),
    ("Ethiopia's Ministry of Education", "Ministry of Education"),
    ("Bounnhang of the Lao Committee for Peace and Solidarity", "Lao Committee for Peace and Solidarity"),
    ("Rangoon Division Secretary of Union Solidarity and Development Party", "Union Solidarity and Development Party"),
    ("Latin-America Tourism Conference of World Tourism Cities Federation", "World Tourism Cities Federation"),
    ("Consultative Status of the Economic and Social Council", "Economic and Social Council"),
    ("73rd World Health Assembly", None),
    ("12th Council of the Chinese Association for International Understanding", None),
    ("Second Pak-China Medical Congress", None),
    ("Community Anti-epidemic Hand-washing Station Project in Nepal", None),
    ("Foundation Stone Laying Ceremony", None),
    ("Three Council Members", None),
    ("Chinese Social Organizations", None),
    ("Civil Society", None),
    ("Red Cross", None),
])
def test_org_candidate_keeps_organisations_to_their_boundary(printed, name):
    from knowledge.extract import org_candidate

    assert org_candidate(printed) == name


def test_org_names_from_sentences_end_at_their_boundary():
    names = [n for n, _, _ in find_org_names(
        "The International Federation of Red Cross and Red Crescent Societies (IFRC) carried the shipment.")]
    assert names == ["International Federation of Red Cross and Red Crescent Societies"]
    names = [n for n, _, _ in find_org_names("Companies including Huawei, Suning and Bank of China offered aid.")]
    assert "Bank of China" in names and not any("Suning" in n for n in names)


def test_people_by_role_nouns_of_bodies_and_in_captions(tmp_path):
    from knowledge.extract import valid_person_name

    names = {p.name for p in find_people("The violinist Yao Liang and the pianist Feng Dan played; Wang Yu of the "
                                         "BPAFFC attended.")}
    assert {"Yao Liang", "Feng Dan", "Wang Yu"} <= names
    assert not valid_person_name("Annual Plenary Meeting") and not valid_person_name("Siem Reap")
    [event] = _events(tmp_path, "Donation Ceremony in Siem Reap",
                      "On 4 March 2025, the Amity Foundation handed school supplies to a school in Siem Reap, "
                      "Cambodia.",
                      "Wang Ke, Chairman of Beijing Peaceland Foundation, speaks at the ceremony",
                      "The pupils thanked the donors with songs.")
    assert any(p.name == "Wang Ke" and p.title for p in event.people)
    assert [(p.name, p.country) for p in event.places] == [("Siem Reap", "Cambodia")]


def test_descriptions_titles_and_generic_pairs_are_no_organisations(tmp_path):
    from knowledge.extract import _generic_pair, org_candidate

    assert org_candidate("Parliament Speakers of North Europe") is None
    assert org_candidate("Chinese Consulate General in Milan") == "Chinese Consulate General in Milan"
    assert org_candidate("Council of Ministers of Cambodia") == "Council of Ministers of Cambodia"
    common = {"health", "cooperation", "state"}
    assert _generic_pair("Health Office", common) and not _generic_pair("Amity Foundation", common)
    assert not _generic_pair("State Council", common) and not _generic_pair("InterAction Council", common)


def test_a_person_glued_after_the_head_word_is_cut_and_a_byline_leaves_the_title(tmp_path):
    names = [n for n, _, _ in find_org_names("Cambodian Red Cross Society Men Neary Sopheak said it would help.")]
    assert names == ["Cambodian Red Cross Society"]
    [event] = _events(tmp_path, "Red Cross Makes Third Donation to Children's Kitchen By Chan Sokha",
                      "On 25 August 2022, the Cambodian Red Cross Society handed rice to a school in Phnom Penh.")
    assert event.title == "Red Cross Makes Third Donation to Children's Kitchen"


def test_a_quoted_programme_of_a_body_names_the_body_and_a_place_for_a_book_names_none():
    names = [n for n, _, _ in find_org_names(
        "On 3 May, “Clean Water for Villages” of the Himalaya Rural Development Foundation (HRDF) opened its "
        "tenth well in Nepal.")]
    assert names == ["Himalaya Rural Development Foundation"]
    names = [n for n, _, _ in find_org_names(
        "A launch was held in Shanghai for the Yearbook of Philanthropy, edited by the Shanghai Charity Foundation.")]
    assert names == ["Shanghai Charity Foundation"]


def test_paragraphs_of_a_page_without_headlines_are_items_when_each_tells_of_a_deed_on_a_day(tmp_path):
    path = tmp_path / "abstracts.txt"
    path.write_text(
        "On March 3, 2005 the Mozambique Friendship Association held a reception for the 30th anniversary of "
        "diplomatic relations between China and Mozambique in Beijing, attended by its president Li Ming.\n\n"
        "Invited by the Mozambique Friendship Association, a group of 12 Mozambican journalists visited Beijing "
        "and Xi'an from May 9 to 16, 2005, meeting editors of newspapers and television stations there.\n",
        encoding="utf-8")
    doc = read_document(path)
    report = Report(id="abstracts", file=path.name, title="Abstracts", series=None, publisher="", issue_date=None,
                    url=None, language="en", content_hash="", covers_start=None, covers_end=None)
    events = extract_events(doc, report, default_gazetteer())
    assert [e.date.start for e in events] == ["2005-03-03", "2005-05-09"]


def test_a_title_of_a_body_or_place_before_a_name_gives_the_person_and_title():
    gazetteer = default_gazetteer()
    people = find_people("When Governor of Ontario Mary Brandt's delegation reached Nanjing, it visited a school.",
                         gazetteer)
    assert [(p.name, p.title) for p in people] == [("Mary Brandt", "Governor of Ontario")]
    people = find_people("The talk was given by the vice chairman of the Amity Foundation, Wang Lifen, in Nairobi.",
                         gazetteer)
    assert [(p.name, p.title) for p in people] == [("Wang Lifen", "vice chairman of the Amity Foundation")]
    people = find_people("Guests included the President of the Kenya-China Friendship Society Peter Mwangi.",
                         gazetteer)
    assert [p.name for p in people] == ["Peter Mwangi"]
    # a list of bodies after a title is no person
    assert find_people("Reporters of the Myanmar Daily, Myanmar Golden Star, and other media came.", gazetteer) == []


def test_a_name_before_and_a_possessive_title_and_a_departure(tmp_path):
    gazetteer = default_gazetteer()
    people = find_people("Minister of Health Amina Yusuf and Zhou Lan, Country Director of the Amity Kenya Office, "
                         "spoke.", gazetteer)
    assert {(p.name, p.title) for p in people} == {("Amina Yusuf", "Minister of Health"),
                                                   ("Zhou Lan", "Country Director of the Amity Kenya Office")}
    people = find_people("Wang Bo, head of the Beijing Charity Federation, and Ram Thapa, Nepal's Minister for "
                         "Water Supply, opened the plant.", gazetteer)
    assert [p.name for p in people] == ["Wang Bo", "Ram Thapa"]
    places = event_places("On 3 May, a shipment of tents for Malawi left Guangzhou.", None, [], [], gazetteer)
    assert [p.name for p in places] == ["Malawi"]


def test_a_ministers_portfolio_of_several_words_before_the_name():
    gazetteer = default_gazetteer()
    people = find_people("Minister of Women and Social Affairs Amina Yusuf opened the clinic.", gazetteer)
    assert [(p.name, p.title) for p in people] == [("Amina Yusuf", "Minister of Women and Social Affairs")]
    people = find_people("Minister of Foreign Affairs Wang Yi met the delegation.", gazetteer)
    assert [(p.name, p.title) for p in people] == [("Wang Yi", "Minister of Foreign Affairs")]


@pytest.mark.parametrize("sentence, name, title", [
    ("Their leader, Tang Mingyu, described the volunteers as the first to arrive.", "Tang Mingyu", "leader"),
    ("The foundation's founder, Guo Lihua, said the school would open in May.", "Guo Lihua", "foundation's founder"),
    ("CRDF's president, Xu Anping, attended the ceremony.", "Xu Anping", "CRDF's president"),
])
def test_a_role_after_a_determiner_or_possessive_then_a_comma_names_a_person(sentence, name, title):
    assert [(p.name, p.title) for p in find_people(sentence)] == [(name, title)]


def test_a_role_then_a_comma_then_a_place_is_no_person():
    assert find_people("The first member, New Zealand, joined in 2001.") == []


def test_where_in_china_a_delegation_went_and_a_place_after_a_title_at_a_conference():
    gazetteer = default_gazetteer()
    text = ("At the invitation of a Chinese association, a 9-member delegation of teachers from Fiji visited China "
            "between May 2 and 9. During their stay in Chengdu and Guizhou, they visited three rural schools.")
    assert [p.name for p in event_places(text, None, [], [], gazetteer)] == ["Chengdu", "Guizhou"]
    # a country other than China stays as the text says it
    text = "A medical team from Hunan visited Nepal in May. In Kathmandu it trained nurses."
    assert [p.name for p in event_places(text, None, [], [], gazetteer)] == ["Nepal"]
    sentence = "Li Fang, the deputy head of the Chinese delegation at a UN conference in Lima, spoke of forests."
    people = find_people(sentence, gazetteer)
    assert [p.name for p in event_places(sentence, None, [], people, gazetteer)] == ["Lima"]


def test_a_group_counted_in_its_adjective_is_a_figure():
    assert [(f.text, f.value) for f in find_figures("A 9-member delegation of teachers from Fiji visited Chengdu.")] \
        == [("9-member delegation", 9.0)]
    assert [(f.text, f.value) for f in find_figures("The 12-person Kenyan team arrived.")] \
        == [("12-person Kenyan team", 12.0)]


@pytest.mark.parametrize("sentence, name, title", [
    ("The clinic has treated 4,000 patients, said Zhao Lin, association vice-president.", "Zhao Lin",
     "association vice-president"),
    ("Mei Ling, project manager of the Rural Water Fund, showed the wells.", "Mei Ling",
     "project manager of the Rural Water Fund"),
    ("Tang Bo, the founder of the Hunan Youth Service Center, the first of its kind, opened the office.", "Tang Bo",
     "the founder of the Hunan Youth Service Center"),
    ("We invited Gao Rui, director of the Sunlight Fund, to explain the plan.", "Gao Rui",
     "director of the Sunlight Fund"),
])
def test_a_title_in_lower_case_words_after_a_name_and_where_it_ends(sentence, name, title):
    assert [(p.name, p.title) for p in find_people(sentence)] == [(name, title)]


def test_a_clause_after_a_name_is_no_title():
    # (the name in pinyin is a person's, without a title)
    assert find_people("Zhao Lin, who was then in Nairobi, wrote the report.") == [PersonMentionRaw("Zhao Lin", None)]


def test_a_leading_article_is_no_part_of_an_organisation_name(tmp_path):
    [event] = _events(tmp_path, "On 2 March 2025, the Lotus Relief Foundation sent tents to Nepal. The Lotus Relief "
                                "Foundation, a charity based in Chengdu, has worked there since 2015.")
    assert [name for name, _ in event.orgs] == ["Lotus Relief Foundation"]


def test_an_items_date_line_beats_a_background_date_of_its_text(tmp_path):
    page = ("News of the Network\n\n"
            "Kenya: statement of the Coast Water Alliance on the drought\n\nPosted: 22 Oct 2024\n\n"
            "Following the pledges made by the governor on September 23rd at the county summit, the alliance "
            "published its own plan for the coast.\n\n"
            "Peru: youth groups meet in Lima\n\nPosted: 20 Oct 2024\n\n"
            "Youth groups of the Andes met in Lima on October 18 to plan their work for next year.\n")
    path = tmp_path / "news.txt"
    path.write_text(page, encoding="utf-8")
    report = Report(id="news", file=path.name, title="News of the Network", series="", publisher="",
                    issue_date="", url=None, language="en", content_hash="")
    first, second = extract_events(read_document(path), report, default_gazetteer())
    assert first.date == DateSpan("2024-10-22", "2024-10-22", "day")
    assert second.date.start == "2024-10-18"  # a date that says when the item's own story happened stays


def test_the_year_a_body_was_founded_is_no_date_of_its_item(tmp_path):
    [event] = _events(tmp_path, "Volunteers teach in Laos",
                      "Founded in 2003, the Lotus Relief Foundation sends volunteers to Laos. A charity created in "
                      "2003, it now trains 40 teachers in Vientiane.", issue_date="", covers=(None, None))
    assert event.date is None


@pytest.mark.parametrize("sentence, expected", [
    # a head word that also names a field of work, coordinated with another field: one body
    ("The report was released by the Hangzhou Charity and Volunteer Service Association in May.",
     ["Hangzhou Charity and Volunteer Service Association"]),
    ("Reporters of the Kenya Radio and Television Corporation came.", ["Kenya Radio and Television Corporation"]),
    # a name of its own on the right (a coined word, a place, the same head again), or a head word
    # that is no field: two bodies
    ("The Hangzhou Charity and Zhiyuan Service Association met.", ["Hangzhou Charity", "Zhiyuan Service Association"]),
    ("The Sunshine Foundation and Volunteer Service Association met.",
     ["Sunshine Foundation", "Volunteer Service Association"]),
    ("It was backed by the Ministry of Health and State Food Safety Commission.",
     ["Ministry of Health", "State Food Safety Commission"]),
])
def test_and_between_a_field_of_work_and_another_and_between_two_bodies(sentence, expected):
    assert names_of(sentence) == expected


def test_a_story_tells_background_activities_with_their_own_time_or_place(tmp_path):
    story = ["Lotus charity marks ten years abroad",
             "The Lotus Relief Foundation celebrated ten years of work abroad at a ceremony in Chengdu on "
             "12 March 2025, its president said.",
             "In 2016, the foundation built two clinics in Pokhara. Each serves 3,000 villagers. In Laos, it has "
             "trained 40 village teachers.",
             "In a letter sent in May 2020, the foundation urged its volunteers to stay home. The clinics stayed "
             "open."]
    main, *background = _events(tmp_path, *story)
    assert main.date == DateSpan("2025-03-12", "2025-03-12", "day")
    assert "Pokhara" in main.text and "urged" in main.text  # the story stays whole
    assert [(e.date.start if e.date else None, [p.name for p in e.places]) for e in background] == [
        ("2016", ["Pokhara"]), (None, ["Laos"]), ("2020-05", [])]
    assert background[0].text == "In 2016, the foundation built two clinics in Pokhara. Each serves 3,000 villagers."
    assert all(e.orgs == [("Lotus Relief Foundation", None)] for e in background)
    assert background[1].title == "Lotus Relief Foundation has trained 40 village teachers"
    # a short sentence that closes on the year of its main clause is one too; a clause about another is not
    story = ["Teacher builds school in Laos",
             "Mei Lan opened a school in Vientiane on 12 March 2025, the Lotus Relief Foundation said.",
             "Mei Lan moved from Kunming to Laos in 2016. She took over from Li Bo, who had run the charity since "
             "2012."]
    _, *background = _events(tmp_path, *story)
    assert [(e.title, e.date.start) for e in background] == [("Mei Lan moved from Kunming to Laos in 2016", "2016")]


def test_a_photo_credit_marks_a_caption_whose_date_is_not_the_storys_and_its_scene_follows_the_story(tmp_path):
    from knowledge.extract import CAPTION_MARK

    page = ("Volunteers rebuild a school in Nepal\n\n"
            "Volunteers carry bricks in Gorkha, Nepal, on June 2, 2023. (Photo by Ram Karki/Lotus)\n\n"
            "KATHMANDU, Sept. 9 (Lotus) -- The Lotus Relief Foundation handed a rebuilt school to the village "
            "of Barpak on Friday, its third in the district.\n\n"
            "Pupils read in the new library of the Barpak school on Sept. 8 (RAM KARKI)\n\n"
            "The school has six classrooms and a library for 300 pupils.\n")
    path = tmp_path / "story.txt"
    path.write_text(page, encoding="utf-8")
    [event] = _page_events(path, issue_date="2023-09-10")
    assert event.date.start == "2023-09-08"  # the Friday before the dateline of Saturday 9 September, not June
    # the story first, then each caption on a line of its own (the one above the story too), marked
    lines = event.text.split("\n")
    assert lines[-2:] == [CAPTION_MARK + "Volunteers carry bricks in Gorkha, Nepal, on June 2, 2023. (Photo by Ram Karki/Lotus)",
                          CAPTION_MARK + "Pupils read in the new library of the Barpak school on Sept. 8 (RAM KARKI)"]
    assert "six classrooms" in lines[-3]


def test_a_subsection_that_reports_nothing_of_its_own_goes_on_with_the_story_above(tmp_path):
    page = ("Education Warriors\n\nBy Ge Lin | 2019-10-29\n\n"
            "In the library of Kibii Primary School near Nairobi, children got new books from the China Youth "
            "Development Foundation, which opened the school's building five years ago.\n\n"
            "Destination Africa\n\n"
            "Project Hope has a history of 30 years at home, where it helps pupils from poor families.\n\n"
            "Starting from early 2011, its staff made field visits in Tanzania, Kenya and Burundi for months.\n")
    [event] = _written_page_events(tmp_path, "story.txt", page)
    assert "Destination Africa" in event.text and "Tanzania, Kenya and Burundi" in event.text


def test_split_sentences_ends_a_sentence_at_a_quoted_full_stop_and_at_a_line_break():
    assert split_sentences('It joined the "Belt and Road." As a pioneer, it went abroad.\nVolunteers carry bricks') == [
        'It joined the "Belt and Road."', "As a pioneer, it went abroad.", "Volunteers carry bricks"]


def test_an_undated_story_with_dated_background_is_still_an_item_and_not_a_preface(tmp_path):
    page = ("Charity takes school meals abroad\n\n"
            "The Lotus Relief Foundation has taken its school meals abroad, its deputy head said on a visit.\n\n"
            "Since 2015, the foundation has provided free meals to 5,000 pupils in Sudan. Since 2018, it has "
            "donated 2,000 school bags to pupils in Nepal.\n")
    path = tmp_path / "story.txt"
    path.write_text(page, encoding="utf-8")
    events = _page_events(path)
    assert [(e.title, e.date.start if e.date else None) for e in events] == [
        ("Charity takes school meals abroad", "2015"),  # the first year it names, as a story without a day has
        ("Lotus Relief Foundation has provided free meals to 5,000 pupils in Sudan", "2015"),
        ("Lotus Relief Foundation has donated 2,000 school bags to pupils in Nepal", "2018")]


def test_a_bare_weekday_beside_a_verb_dates_a_news_story_by_its_publication(tmp_path):
    path = tmp_path / "story-2019-03-15.txt"  # a Friday
    path.write_text("Nurses trained for Laos\n\nTeachers and nurses from Laos finished a course in Kunming, the "
                    "Yunnan Rural Health Foundation said Wednesday, adding that more would come.\n", encoding="utf-8")
    [event] = _page_events(path)
    assert event.date == DateSpan("2019-03-13", "2019-03-13", "day", "the weekday before the dateline")


def test_people_named_by_the_verb_to_be_and_bodies_by_their_acronym_or_role(tmp_path):
    assert people_of("Mei Lan is the founder and director of the Lotus Relief Foundation.", default_gazetteer()) \
        == {"Mei Lan": "founder and director of the Lotus Relief Foundation"}
    [event] = _events(tmp_path, "On 3 May 2025, Wang Bo, head of the Yunnan friendship network for Overseas Exchanges "
                                "(YFNOE), the organizer of the meeting, welcomed the Hanoi-based Vietnam Union of "
                                "Friendship Organizations and its local partner, Hands for Care (HFC).")
    assert dict(event.orgs) == {"Yunnan friendship network for Overseas Exchanges": "organiser",
                                "Vietnam Union of Friendship Organizations": None, "Hands for Care": None}
    assert ("Yunnan Friendship Network for Overseas Exchanges", "YFNOE") not in event.acronym_defs  # as printed
    assert ("Yunnan friendship network for Overseas Exchanges", "YFNOE") in event.acronym_defs
    # an acronym of a programme or a goal, without a head word or a noun that says it is a body, is none
    [event] = _events(tmp_path, "On 3 May 2025, the donors renewed the Clean Water Initiative (CWI) and Safe "
                                "Schools Pledge (SSP).")
    assert event.orgs == []


def test_the_surname_he_opens_a_name_and_an_acronyms_members_make_it_a_body():
    assert people_of("The plan was praised by He Xiaoqin, director of the Yunnan Rural Health Foundation.",
                     default_gazetteer()) == {"He Xiaoqin": "director of the Yunnan Rural Health Foundation"}
    assert people_of("He Visits Laos Again", default_gazetteer()) == {}  # a pronoun in a title-case headline
    names = [name for name, _, _ in find_org_names("Thanks to the WAFN members, the clinics opened.")]
    assert acronyms_as_orgs("Thanks to the WAFN members, the clinics opened.", [], [], default_gazetteer()) == ["WAFN"]
    assert names == []


def test_a_listings_last_items_in_sentence_case_and_cut_short_are_items(tmp_path):
    page = ("Keyword: Rural Health\n\n"
            "Nurses From Yunnan Train Village Health Workers In Laos\n\n"
            "The Yunnan Rural Health Foundation sent six nurses to Luang Prabang to train village health workers "
            "for a month, the foundation said.\n\n"
            "Clinic Volunteers Return From Nepal After Three Months\n\n"
            "Twelve volunteers of the Lotus Relief Foundation came back to Chengdu after three months at a clinic in "
            "Pokhara, where they treated more than 2,000 patients.\n\n"
            "Mobile clinic app for rural patients comes under scrutiny\n\n"
            "An app that books visits to mobile clinics, available since March 2024, has drawn criticism after "
            "patients said their records were "
            "shared with insurers without their consent …read more\n\n"
            "Doctor Mei Lan receives national rural health award\n\n"
            "The national rural health award was presented to Mei Lan, the founder of the Lotus Relief Fou")
    path = tmp_path / "listing.txt"
    path.write_text(page, encoding="utf-8")
    titles = [e.title for e in _page_events(path)]
    assert titles[2:] == ["Mobile clinic app for rural patients comes under scrutiny",
                          "Doctor Mei Lan receives national rural health award"]


def test_a_dateline_is_no_part_of_a_title_and_a_weekday_may_be_the_day_of_the_page(tmp_path):
    path = tmp_path / "story-2017-04-30.txt"  # a Sunday
    path.write_text("POKHARA, Nepal, April 30 (Lotus) -- The Lotus Relief Foundation started rebuilding a school "
                    "in Pokhara on Sunday with the Nepal Red Cross Society.\n\nThe school will have twelve "
                    "classrooms and a library for 700 pupils of the valley.\n", encoding="utf-8")
    [event] = _page_events(path)
    assert event.title.startswith("The Lotus Relief Foundation started rebuilding")
    assert event.date.start == "2017-04-30"


def test_a_place_before_and_is_no_part_of_the_body_after_it_and_a_circumstance_ends_a_title():
    assert names_of("It was rebuilt by the government of the Yushu Tibetan Autonomous Prefecture and Red Cross "
                    "Society of China.") == ["Red Cross Society of China"]
    assert people_of("The school was opened, said Li Bo, vice chairman of the Yushu Charity Federation, at the "
                     "handover ceremony.", default_gazetteer()) == {"Li Bo": "vice chairman of the Yushu Charity Federation"}


def test_a_list_that_prints_each_items_date_above_its_headline(tmp_path):
    page = ("News of the clubs\n\nStories and news from our clubs around the world, told by their members.\n\n"
            "Thursday, February 27, 2020\n\nClubs Mark World Friendship Day, March 1\n\n"
            "The Lotus Friendship Club invited its members and guests to a dinner in Kunming to mark the day, "
            "with songs and dances of Yunnan.\n\n"
            "Thursday, March 1, 2018\n\nJourney of the Quarter – Kunming to Vientiane, Laos\n\n"
            "Twenty members of the Lotus Friendship Club travelled to Vientiane and stayed a week with families "
            "of the Lao club.\n")
    path = tmp_path / "news.txt"
    path.write_text(page, encoding="utf-8")
    events = _page_events(path)
    assert [(e.title, e.date.start) for e in events] == [
        ("Clubs Mark World Friendship Day, March 1", "2020-02-27"),
        ("Journey of the Quarter – Kunming to Vientiane, Laos", "2018-03-01")]


def test_a_datelines_own_weekday_beats_a_background_day_of_the_next_sentence(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Relief reaches Mandalay\n\nMANDALAY, April 2 (Lotus) -- The Lotus Relief Foundation on Wednesday "
                    "delivered tents and rice to families in Mandalay. Following the earthquake on March 28, its "
                    "office in Yangon had raised funds.\n\nThe tents will shelter 300 families.\n", encoding="utf-8")
    [event] = _page_events(path, issue_date="2025-04-03")
    assert event.date.start == "2025-04-02"  # a Wednesday, not the earthquake's day


def test_a_person_named_after_a_head_word_ends_the_name_and_a_portfolio_is_no_person():
    assert names_of("The aid was presented by the Lotus Foreign Ministry Li Bowen to Lt General Mya Thein at "
                    "the centre.") == ["Lotus Foreign Ministry"]
    assert "Asian Affairs" not in people_of("Wang Li, special envoy of Asian Affairs of the Lotus Foreign Ministry, "
                                            "spoke.", default_gazetteer())


def test_a_page_of_one_story_without_a_date_of_its_own_is_dated_by_its_publication(tmp_path):
    path = tmp_path / "story.html"
    path.write_text('<html><head><meta property="article:published_time" content="2024-11-21T10:00:00Z"></head>'
                    "<body><main><p>Kunming, November 21, Lotus</p><p>The Lotus Relief Foundation and the Vientiane "
                    "Clinic Association signed a memorandum of cooperation during the health forum.</p><p>The "
                    "memorandum aims to train nurses of both countries.</p></main></body></html>", encoding="utf-8")
    [event] = _page_events(path)
    assert event.date == DateSpan("2024-11-21", "2024-11-21", "day", "the page date")
    assert event.title.startswith("The Lotus Relief Foundation and the Vientiane Clinic Association signed")


def test_a_country_whose_peoples_word_is_its_name_is_a_place_after_in():
    text = "The foundation has built seven schools, and its office in Myanmar has trained Myanmar teachers."
    assert [p.name for p in event_places(text, None, [], [], default_gazetteer())] == ["Myanmar"]


def test_a_news_list_whose_headlines_open_with_their_date(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("News\n\n2019-05-12 Lotus charity opens school in Laos\nThe Lotus Relief Foundation opened a primary "
                    "school for 300 pupils in Luang Prabang with the Lao Women's Union.\n\n"
                    "2019-04-28 Nurses from Kunming train village health workers\nTwelve nurses of the Yunnan Rural "
                    "Health Foundation trained 80 village health workers in Vientiane for two weeks.\n\n"
                    "[2019-03-02] Tents for flood victims in Malawi\nThe foundation shipped 500 tents to Blantyre for "
                    "families who lost their homes in the floods.\n", encoding="utf-8")
    events = _page_events(path)
    assert [(e.title, e.date.start) for e in events] == [
        ("Lotus charity opens school in Laos", "2019-05-12"),
        ("Nurses from Kunming train village health workers", "2019-04-28"),
        ("Tents for flood victims in Malawi", "2019-03-02")]


def test_an_amount_in_us_dollars_written_with_full_stops_is_one_figure():
    assert [f.text for f in find_figures("supplies worth 100,000 yuan (about 13,723 U.S. dollars) were delivered")] \
        == ["100,000 yuan", "about 13,723 U.S. dollars"]


def test_yesterday_in_a_story_is_the_day_before_its_publication(tmp_path):
    path = tmp_path / "story-2017-12-18.txt"
    path.write_text("Charity gives tents to flood victims\n\nThe Lotus Relief Foundation handed 200 tents to families "
                    "of Pokhara yesterday afternoon, the foundation said.\n\nThe tents will shelter 800 people until "
                    "the spring.\n", encoding="utf-8")
    [event] = _page_events(path)
    assert event.date == DateSpan("2017-12-17", "2017-12-17", "day", "the day before the dateline")


@pytest.mark.parametrize("line, expected", [
    ("Date: 2021-04-09 (from the address)", "2021-04-09"),
    ("Date: 14 November 2017", "2017-11-14"),
    ("Date: not shown on the page", None),
])
def test_a_date_line_in_any_words_dates_the_page_or_leaves_it_to_the_rest(tmp_path, line, expected):
    from knowledge.extract import page_date

    path = tmp_path / "story.txt"
    path.write_text(f"Village clinics open in the hills with help from a Chinese charity\n{line}\n\n"
                    "Three village clinics built with funds from the Hope Bridge Foundation opened in the hills "
                    "of the north, local officials said at a ceremony.\n", encoding="utf-8")
    date, source = page_date(read_document(path))
    assert date == expected
    if expected:
        assert source == "page date"


def test_a_list_of_paragraphs_under_date_lines_dates_each_by_the_line_above_it(tmp_path):
    path = tmp_path / "exchanges.txt"
    path.write_text("Exchange Records\n\n\nMarch 3, 2012\nThe first county leaders forum was held in Denver and was "
                    "attended by twelve county leaders from both countries, who agreed to meet again every two years "
                    "and to exchange delegations of teachers and nurses.\nJune 9, 2015\nIn June 2015, the "
                    "foundation supported a group of mayors to visit Xi'an and Nanjing for a week of meetings with "
                    "city officials, schools and hospitals, organised together with the friendship association.\n"
                    "April 2, 2016\nThe foundation organised a study visit for twenty graduate students of public "
                    "policy, who spent ten days in Beijing and Chengdu meeting local officials and researchers.\n",
                    encoding="utf-8")
    report = Report("exchanges", "exchanges.txt", "Exchange Records", "Exchange Records", "", "", None, "en", "h")
    events = extract_events(read_document(path), report, default_gazetteer())
    assert [(e.date.start if e.date else None, e.text[:13]) for e in events] == [
        ("2012-03-03", "The first cou"), ("2015-06-09", "In June 2015,"), ("2016-04-02", "The foundatio")]


def test_a_governors_title_does_not_end_a_sentence():
    assert split_sentences("Iowa Gov. Terry Branstad will lead a delegation. It leaves in May.") == [
        "Iowa Gov. Terry Branstad will lead a delegation.", "It leaves in May."]


def test_a_story_with_sections_takes_the_page_title_and_date_and_a_note_on_the_date_is_no_headline(tmp_path):
    path = tmp_path / "feature.txt"
    path.write_text("Hill villages get clean water from a Chinese charity\n"
                    "Date: 2019-05-14 (from the address; the page prints no date line, and this note runs on to make "
                    "the line longer than a short label)\n\n"
                    "The Lotus Relief Foundation has dug forty wells in the hill villages of the north, and its "
                    "volunteers train villagers to keep the pumps working.\n\n"
                    "Lessons learnt\n\n"
                    "In March, the foundation said that villagers who help to dig a well look after it far longer.\n",
                    encoding="utf-8")
    first, section = _page_events(path)
    assert first.title == "Hill villages get clean water from a Chinese charity"
    assert first.date == DateSpan("2019-05-14", "2019-05-14", "day", "the page date")
    assert section.title == "Lessons learnt" and section.date.start == "2019-03"


def test_a_year_after_the_items_date_line_is_an_outlook_not_its_date(tmp_path):
    page = ("NGO services from Lotus help Laos\n\nUpdated: Oct 29, 2014 9:07 AM Daily News\n\n"
            "During the past ten years, the Lotus Relief Foundation has worked with partners in Laos, and will "
            "mark the 60th anniversary of its school programme in 2015.\n\n"
            "Last week, the foundation held a forum in Vientiane with 40 teachers.\n")
    [event] = _written_page_events(tmp_path, "laos.txt", page)
    assert event.date == DateSpan("2014-10-29", "2014-10-29", "day")


def test_a_chinese_name_in_pinyin_needs_no_title():
    names = lambda s: [(p.name, p.title) for p in find_people(s, default_gazetteer())]  # noqa: E731
    assert names("Hu Yongqi reported from Kathmandu.") == [("Hu Yongqi", None)]
    assert names("Lin Yuan first visited Myanmar in July 2014.") == [("Lin Yuan", None)]
    # words of English, places and organisations' names are no names
    assert names("The Long March began in 1934.") == []
    assert names("Volunteers from Hong Kong came.") == []
    assert names("The Song Qingling Foundation donated books.") == []


def test_a_story_that_goes_on_by_the_surname_is_one_item_and_names_the_person(tmp_path):
    page = ("Help beyond borders\n\n"
            "Lin Yuan first visited Myanmar in July 2014, after a year at the Lotus Relief Foundation, for a "
            "12-day survey of schools in Yangon.\n\n"
            "In March 2015, Lin went to Myanmar again for an internship and stayed to help set up the "
            "foundation's Myanmar office.\n\n"
            "Guests, including Chen Lu, a figure skating champion, visited the office in 2016.\n")
    events = _written_page_events(tmp_path, "lin.txt", page)
    assert "Lin went to Myanmar again" in events[0].text
    assert all("Lin Yuan" in [p.name for p in e.people] for e in events if "Lin went" in e.text)
    # "Chen Lu" ends with a surname of no one here: no one else is linked by it
    assert not any(p.name.startswith("Lu ") for e in events for p in e.people)


def test_every_form_of_visit_and_tour_says_where() -> None:
    # "to visit Italy, Albania and Laos": where the delegation went, all three; the associations
    # that invited it name the same countries and say nothing of where
    text = ("From 1 to 9 April, at the invitation of the Friendship Association of Italy and the Peace Committee of "
            "Laos, a delegation led by Wang Bo went to visit Italy, Albania and Laos. It visits Peru next year.")
    places = event_places(text, None, ["Friendship Association of Italy", "Peace Committee of Laos"], [],
                          default_gazetteer())
    assert [p.name for p in places] == ["Italy", "Albania", "Laos"]
    tours = event_places("The troupe tours Chile and Peru this month.", None, [], [], default_gazetteer())
    assert [p.name for p in tours] == ["Chile", "Peru"]


def test_split_sentences_keeps_a_quotation_whole_with_who_said_it():
    text = ('"The masks from Amity came quickly and in time. It is truly heartwarming!" said Hasebe Ken, the Warden '
            'of Shibuya City. He thanked the volunteers. “We will. We can.” Then they left.')
    assert split_sentences(text) == [
        '"The masks from Amity came quickly and in time. It is truly heartwarming!" said Hasebe Ken, the Warden of Shibuya City.',
        "He thanked the volunteers.", "“We will. We can.”", "Then they left."]
    # a quote mark the text never closes does not swallow the paragraph
    unclosed = 'He said "we will go. ' + "They met the mayor of the city and the staff of the office. " * 12
    assert len(split_sentences(unclosed)) > 3 and max(len(x) for x in split_sentences(unclosed)) < 600


def test_a_page_of_one_story_whose_dated_paragraphs_go_on_with_it_is_one_event(tmp_path):
    # A web page: its title, then paragraphs, the later ones dated but about the subject the first
    # introduced ("the orchestra", "they"): one story, not a list of items
    events = _written_page_events(tmp_path, "orchestra.txt", "Youth orchestra from Tallinn performs with Chengdu students\n\n"
                    "A 40-member youth orchestra from Tallinn, Estonia, arrived in Chengdu on September 12 at the "
                    "invitation of the provincial friendship association, for a week of concerts and school visits.\n\n"
                    "On September 14, the orchestra gave a joint concert with students of the Sichuan Conservatory of "
                    "Music. Around 800 people attended the concert, which was hosted by Zhao Min.\n\n"
                    "On September 15, they visited a panda breeding base and left for Shanghai the next day.\n")
    assert len(events) == 1 and "800 people" in events[0].text and "panda" in events[0].text


def test_a_list_of_dated_items_that_each_name_their_subject_stays_a_list(tmp_path):
    events = _written_page_events(tmp_path, "news.txt", "Latest news\n\n"
                    "On May 16, the first Women's Forum of the region organized by the women's federation opened in "
                    "Beijing, with delegates from twelve countries and several international organisations.\n\n"
                    "On May 25, the World Manufacturing Convention jointly staged by the friendship association and "
                    "the province opened in Hefei, where more than 3,000 people attended the opening.\n\n"
                    "On May 30, a former ambassador of Sri Lanka visited the federation of industrial economics and "
                    "proposed more business forums between the two countries.\n")
    assert len(events) == 3


def test_a_page_that_opens_undated_then_tells_its_days_is_one_story_under_its_title(tmp_path):
    # "A delegation of X, led by Y, paid a visit ..." then "On Sunday, June 30, the distinguished
    # guests were met ..." and, later, "On July 1, the delegation was received ...": one visit, whose
    # opening paragraph (who led it) is part of the event, under the page's title
    events = _written_page_events(tmp_path, "visit.txt", "Visit of delegation from China\nhttp://example.org/blog/visit-2024-07-04\n\n"
                    "A delegation of the Chinese People's Association for Peace and Disarmament, led by Secretary "
                    "General An Yuejun, paid a visit to Russia at the invitation of the Soviet Peace Fund.\n\n"
                    "On Sunday, June 30, the distinguished guests were met by representatives of the fund, including "
                    "its chairman Sergei Baburin and his deputy Viktor Petrov, for a long discussion.\n\n"
                    "An interesting discussion took place on cooperation between the two organisations, and the "
                    "parties exchanged memorable gifts at the end of the meeting.\n\n"
                    "On July 1, the delegation was received by Kazbek Taisaev, a deputy of the Russian parliament, "
                    "who spoke of the long friendship between the two peoples.\n")
    assert len(events) == 1
    assert events[0].title == "Visit of delegation from China" and "led by Secretary General An Yuejun" in events[0].text
    assert "Kazbek Taisaev" in events[0].text
