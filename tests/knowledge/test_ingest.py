"""Reading report files into clean blocks: every cleaning rule, on small files written to tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.errors import ReportReadError
from knowledge.ingest import ContentsEntry, read_document, read_text

TITLE = "Some Report Title Here"

# Real paragraphs from the bundled reports.
MATSUZAKI = ("KimiyoMatsuzaki, over 80 years old, after receiving the supplies, made relevant preparations "
             "early: she contacted Shibuya City Doctors' Association to learn about the situation.")
GUANGXI = ("On April 22, Guangxi Zhuang Autonomous Region Federation of Returned Overseas Chinese and Guangxi "
           "Overseas Chinese Kind Foundation held the donation ceremony of \"Overseas Chinese Love Health "
           "Package\" in Nanning.")
PRESIDENT_JI = ("President Ji said that the exchanges and mutual learning among Chinese and German civilisations "
                "possess rich cultural heritage which has demonstrated innovative spirit.")


def write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def texts(path: Path) -> list[str]:
    return [b.text for b in read_document(path).blocks]


# --- noise dropped -----------------------------------------------------------------------------------

def test_page_marker_is_dropped_and_the_page_advances(tmp_path):
    path = write(tmp_path, f"{TITLE}\n\n{MATSUZAKI}\n\n- 35 -\n\n{GUANGXI}\n")
    blocks = read_document(path).blocks
    assert [b.text for b in blocks] == [MATSUZAKI, GUANGXI]
    assert blocks[0].page is None
    assert blocks[1].page == 36  # "- 35 -" is the footer of page 35: what follows is on page 36
    assert all("- 35 -" not in b.text for b in blocks)


def test_caption_lines_are_dropped(tmp_path):
    text = (f"{TITLE}\n\n{PRESIDENT_JI}\n\n"
            "◀ *Civilisation Lecture Series held by the Confucius Institute of the University of Florence*\n\n"
            "Meeting with Socialist Party MP Etjen Xhafaj ▶\n\n"
            f"{GUANGXI}\n")
    assert texts(write(tmp_path, text)) == [PRESIDENT_JI, GUANGXI]


@pytest.mark.parametrize("credit", [
    "(Translated by Li Junling)",
    "Translated by Wang Linying",
    "Credits: China NGO Network for International Exchanges",
])
def test_translator_and_credit_lines_are_dropped(tmp_path, credit):
    text = f"{TITLE}\n\n{MATSUZAKI}\n\n{credit}\n\n{GUANGXI}\n"
    assert texts(write(tmp_path, text)) == [MATSUZAKI, GUANGXI]


def test_breadcrumbs_are_dropped(tmp_path):
    text = ("China’s NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending December 21, 2025)\n\n"
            "  • Home\n  • >\n  • Briefings\n  • >\n"
            "  • China’s NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending December 21, 2025)\n\n"
            "1. CNIE Hosts Capacity-Building Training for Chinese Health Sector NGOs to Go Global\n\n"
            "From December 14 to 17, a capacity-building training program for social organizations in the "
            "health sector was held in Putian, Fujian Province.\n")
    doc = read_document(write(tmp_path, text))
    every_line = [line for b in doc.blocks for line in b.text.split("\n")] + [
        line for b in doc.front_matter for line in b.split("\n")]
    assert not any(line.lstrip().startswith("•") for line in every_line)
    assert not any(b.text in ("Home", ">", "Briefings") for b in doc.blocks)
    assert [b.kind for b in doc.blocks] == ["heading", "para"]
    assert doc.blocks[0].text.startswith("1. CNIE Hosts Capacity-Building Training")


def test_a_news_pages_tools_around_its_date_line_are_furniture_and_its_repeated_headline_the_title(tmp_path):
    # A story over two web pages: each prints the headline, the byline, a date line among the page's
    # tools (comments, print, e-mail, the site's name) and a font-size label.
    furniture = "By Wen Hua\n3 Comment(s)Print E-mail Example.com.cn, June 3, 2016\nAdjust font size:"
    text = (f"Village libraries open along the Mekong\n\n{furniture}\n\n"
            "Volunteers from a Kunming charity opened four village libraries in Laos on June 2, 2016, each "
            "with about 800 books in Lao and Chinese.\n\n"
            f"Village libraries open along the Mekong\n\n{furniture}\n\n"
            "The charity plans ten more libraries by the end of next year, its director told reporters.\n")
    doc = read_document(write(tmp_path, text))
    assert doc.title_guess == "Village libraries open along the Mekong"
    assert not any("Comment(s)" in b.text or "font size" in b.text for b in doc.blocks if b.kind != "date")
    assert any(b.text.startswith("Volunteers from a Kunming charity") for b in doc.blocks)
    from knowledge.ingest import is_date_line
    assert is_date_line("0 Comment(s)Print E-mail China.org.cn, May 27, 2015")
    assert not is_date_line("The group met on May 27, 2015 to print books for the schools.")


def test_metadata_lines_are_read_not_kept(tmp_path):
    text = ("Beijing's People-to-People Diplomacy (I): Social Organizations\nDate: 2023-01-27\n"
            "Source: Beijing Foreign Affairs Office\nfontSize:   big middle small\n\n"
            "In recent years, social organizations in Beijing have all risen up to the challenges posed by the "
            "Covid-19 pandemic and delivered solid outcomes in international exchanges.\n")
    doc = read_document(write(tmp_path, text))
    assert doc.meta == {"date": "2023-01-27", "source": "Beijing Foreign Affairs Office"}
    assert doc.title_guess == "Beijing's People-to-People Diplomacy (I): Social Organizations"
    assert not any("fontSize" in b.text or "Date:" in b.text for b in doc.blocks)


# --- paragraphs split by extraction, joined --------------------------------------------------------

def test_paragraph_split_by_a_blank_line_mid_sentence_is_joined(tmp_path):
    first = ("During the visit, the delegation engaged in in-depth exchanges with representatives from the "
             "political circle, think tanks and civil society organisations of")
    second = ("the three countries on such issues as bilateral relations, people-to-people exchanges, as well "
              "as international and regional affairs.")
    path = write(tmp_path, f"{TITLE}\n\n{PRESIDENT_JI}\n\n{first}\n\n{second}\n")
    assert texts(path) == [PRESIDENT_JI, f"{first} {second}"]


def test_paragraph_split_across_a_page_marker_is_joined_on_its_first_page(tmp_path):
    first = ("During the visit, the delegation engaged in in-depth exchanges with representatives from the "
             "political circle, think tanks and civil society organisations of")
    second = "the three countries on such issues as bilateral relations and regional affairs."
    path = write(tmp_path, f"{TITLE}\n\n{PRESIDENT_JI}\n\n- 4 -\n\n{first}\n\n- 5 -\n\n{second}\n")
    blocks = read_document(path).blocks
    assert [b.text for b in blocks] == [PRESIDENT_JI, f"{first} {second}"]
    assert blocks[1].page == 5


def test_hyphen_split_is_joined_without_a_space(tmp_path):
    first = ("German representatives said on the occasion that the two sides shall enhance exchanges on "
             "cultural and people-to-")
    second = "people bonds, mutual learning among civilisations as well as inclusiveness and cooperation."
    path = write(tmp_path, f"{TITLE}\n\n{PRESIDENT_JI}\n\n{first}\n\n{second}\n")
    joined = texts(path)[1]
    assert "people-to-people bonds" in joined
    assert joined == first + second


def test_hyphen_split_of_the_real_short_paragraph_is_joined(tmp_path):
    first = "German representatives said that the two sides shall enhance exchanges on cultural and people-to-"
    second = "people bonds, mutual learning among civilisations as well as inclusiveness and cooperation."
    path = write(tmp_path, f"{TITLE}\n\n{PRESIDENT_JI}\n\n{first}\n\n{second}\n")
    assert texts(path) == [PRESIDENT_JI, first + second]


def test_a_short_sentence_broken_in_two_is_joined(tmp_path):
    # international-understanding-2020-no1-2.txt, p. 21: both halves are shorter than a paragraph
    first = "On April 15, the BSR was prompted to sign a"
    second = "cooperation agreement with the CSAF."
    path = write(tmp_path, f"{TITLE}\n\n{PRESIDENT_JI}\n\n{first}\n\n\n\n{second}\n\n{GUANGXI}\n")
    assert texts(path) == [PRESIDENT_JI, f"{first} {second}", GUANGXI]


def test_a_sentence_broken_by_a_running_head_or_a_chinese_caption_is_joined(tmp_path):
    # international-understanding-2020-no1-2.txt, p. 38 and p. 57
    first = "Representative from SANCO said, apart"
    second = ("from the tens of thousands of COVID-19 patients in Africa, the health problems of African pregnant "
              "women are worrying.")
    caption = "绿丝带由红色(代表中国)、蓝色(代表欧星)、绿色(寓意生命 与希望)组成,象征中欧通力合作。"
    for interruption in ("SIRONET", caption):
        path = write(tmp_path, f"{TITLE}\n\n{PRESIDENT_JI}\n\n{first}\n\n{interruption}\n\n{second}\n")
        assert texts(path) == [PRESIDENT_JI, f"{first} {second}"]


def test_a_speaker_label_broken_before_the_colon_is_joined(tmp_path):
    # international-understanding-2020-no1-2.txt, p. 1
    label = "Former New Zealand Prime Minister Jennifer"
    quote = ("Shipley: In recent weeks I have seen the Chinese government's hard work to prevent and control the "
             "epidemic. The outstanding performance of the Chinese government has won our high respect.")
    path = write(tmp_path, f"{TITLE}\n\n{PRESIDENT_JI}\n\n{label}\n\n{quote}\n")
    assert texts(path) == [PRESIDENT_JI, f"{label} {quote}"]


def test_glued_words_are_parted(tmp_path):
    # international-understanding-2020-no1-2.txt, pp. 19-21
    text = ("As theMay 4thhandover ceremony of donated materials approached, an accident occurred again, and the "
            "Secretariat of SIRONEThas sent the Beijing PeacelandFoundation's staff to the First impression of "
            "NGOsin Myanmar.")
    [para] = texts(write(tmp_path, f"{TITLE}\n\n{text}\n"))
    assert para.startswith("As the May 4th handover ceremony")
    assert "SIRONET has" in para and "Peaceland Foundation's" in para and "NGOs in Myanmar" in para
    assert "McDonald" in texts(write(tmp_path, f"{TITLE}\n\n{MATSUZAKI} McDonald and TikTok.\n"))[0]


def test_terminated_paragraphs_stay_apart(tmp_path):
    path = write(tmp_path, f"{TITLE}\n\n{PRESIDENT_JI}\n\n{MATSUZAKI}\n\n{GUANGXI}\n")
    assert texts(path) == [PRESIDENT_JI, MATSUZAKI, GUANGXI]


# --- contents list --------------------------------------------------------------------------------------

CONTENTS_REPORT = """International Understanding Sample

CONTENTS

SERIAL EVENTS UNDER THE ACTION PLAN ON SILK ROAD PEOPLE-TO-PEOPLE CONNECTIVITY

- 18 China-Cambodia Cultural Exchange and Environmental Protection Event Held in Kampong Cham Province
- 20 Exchange Event “Reading China in Cambodia” Held in Phnom Penh

SERIAL EVENTS UNDER THE ACTION PLAN ON SILK ROAD PEOPLE-TO-PEOPLE CONNECTIVITY

China-Cambodia Cultural Exchange and Environmental Protection Event Held in Kampong Cham Province

On 31 March 2025, China Foundation for Peace and Development (CFPD) Cambodia Office and Cambodian Chinese \
Evolution Researchers Association co-hosted the China-Cambodia Cultural Exchange and Environmental Protection Event.

Exchange Event “Reading China in Cambodia” Held in Phnom Penh

On 12 March 2025, the Exchange Event “Reading China in Cambodia” under the Action Plan on Silk Road \
People-to-People Connectivity was held at the Royal University of Phnom Penh (RUPP).
"""

SECTION = "Serial Events Under The Action Plan On Silk Road People-To-People Connectivity"


def test_contents_list_gives_entries_with_pages_and_section(tmp_path):
    doc = read_document(write(tmp_path, CONTENTS_REPORT))
    assert doc.contents == [
        ContentsEntry("China-Cambodia Cultural Exchange and Environmental Protection Event Held in Kampong "
                      "Cham Province", 18, SECTION),
        ContentsEntry("Exchange Event “Reading China in Cambodia” Held in Phnom Penh", 20, SECTION),
    ]


def test_body_headlines_take_their_contents_page(tmp_path):
    blocks = read_document(write(tmp_path, CONTENTS_REPORT)).blocks
    assert [(b.kind, b.page) for b in blocks] == [("heading", 18), ("para", 18), ("heading", 20), ("para", 20)]
    assert blocks[0].text.startswith("China-Cambodia Cultural Exchange")
    assert blocks[1].text.startswith("On 31 March 2025")
    assert blocks[2].text == "Exchange Event “Reading China in Cambodia” Held in Phnom Penh"
    assert all(b.section == SECTION for b in blocks)
    assert not any(b.text.startswith("- 18") for b in blocks)


def test_contents_entry_wrapping_over_two_lines(tmp_path):
    text = ("International Understanding Sample\n\nCONTENTS\n\n"
            "- 03 Dialogue on Mutual Learning between Chinese and German\nCivilisations Successfully Held\n"
            "- 05 CAFIU Held Civilisation Lecture Series\n\n"
            "Dialogue on Mutual Learning between Chinese and German Civilisations Successfully Held\n\n"
            "On 28 November 2024, the Chinese Association for International Understanding (CAFIU) hosted the "
            "Dialogue on Mutual Learning between Chinese and German Civilisations in Berlin, Germany.\n")
    doc = read_document(write(tmp_path, text))
    assert doc.contents[0] == ContentsEntry(
        "Dialogue on Mutual Learning between Chinese and German Civilisations Successfully Held", 3, None)
    assert doc.contents[1].page == 5
    assert [(b.kind, b.page) for b in doc.blocks] == [("heading", 3), ("para", 3)]


# --- files that cannot be read ---------------------------------------------------------------------------

def read_error(path: Path) -> str:
    with pytest.raises(ReportReadError) as info:
        read_text(path)
    assert path.name in str(info.value)
    return str(info.value)


@pytest.mark.parametrize("content", [b"", b"  \n\n \t\n"])
def test_empty_file_raises(tmp_path, content):
    path = tmp_path / "empty-report.txt"
    path.write_bytes(content)
    assert "empty" in read_error(path)


def test_binary_file_raises(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.7\n\x00\x00\x01\x02binary stream\x00" * 40)
    assert "binary" in read_error(path)


def test_undecodable_file_raises(tmp_path):
    path = tmp_path / "latin1-report.txt"
    # 85 bytes: latin-1 bytes that are not UTF-8, in an odd-length file.
    path.write_bytes(b"On 12 March 2025, the Exchange Event was held in Phnom Penh \xff\xfe\xfa and guests "
                     b"attended..")
    assert "UTF-8" in read_error(path)


def test_undecodable_file_of_even_length_raises(tmp_path):
    path = tmp_path / "latin1-report.txt"
    # The same kind of text, 84 bytes long.
    path.write_bytes(b"On 12 March 2025, the Exchange Event was held in Phnom Penh \xff\xfe\xfa and guests "
                     b"attended.")
    read_error(path)


def test_utf16_without_a_bom_is_read_from_its_nul_bytes(tmp_path):
    text = f"{TITLE}\n\n{PRESIDENT_JI}\n"
    little, big = tmp_path / "le.txt", tmp_path / "be.txt"
    little.write_bytes(text.encode("utf-16-le"))
    big.write_bytes(text.encode("utf-16-be"))
    assert read_text(little) == text
    assert read_text(big) == text


def test_utf8_with_bom_and_utf16_with_bom_are_read(tmp_path):
    text = f"{TITLE}\n\n{PRESIDENT_JI}\n"
    a = tmp_path / "bom8.txt"
    a.write_bytes(text.encode("utf-8-sig"))
    b = tmp_path / "bom16.txt"
    b.write_bytes(text.encode("utf-16"))
    assert read_text(a) == text
    assert read_text(b) == text


def test_a_headline_ending_in_a_place_after_a_comma_stays_a_headline(tmp_path: Path) -> None:
    path = tmp_path / "briefing.txt"
    path.write_text("Weekly Briefing (Week Ending January 4, 2026)\n\n"
                    "CFPD Donates School Supplies in Siem Reap, Cambodia\n\n"
                    "On December 29, 2025, the China Foundation for Peace and Development (CFPD) donated 3,000 "
                    "Panda Packs to primary schools in Siem Reap, Cambodia.\n\n"
                    "Representatives from the Chinese Embassy, UNICEF in China, Volunteer\n\n"
                    "On December 30, 2025, the delegation visited a school in Kathmandu, Nepal, with 120 pupils.\n",
                    encoding="utf-8")
    blocks = read_document(path).blocks
    assert (blocks[0].kind, blocks[0].text) == ("heading", "CFPD Donates School Supplies in Siem Reap, Cambodia")
    # a caption listing names after commas is not a headline
    assert all(b.kind != "heading" or "UNICEF" not in b.text for b in blocks)


def test_a_caption_between_paragraphs_of_a_report_with_numbered_headlines_is_dropped(tmp_path: Path) -> None:
    # beijing-people-to-people-diplomacy-2023.txt: numbered headlines, and a photo caption between paragraphs
    intro = ("In recent years, social organizations in Beijing have all risen up to the challenges posed by the "
             "Covid-19 pandemic and made unremitting efforts in foreign exchanges.")
    first = ("More than ten social organizations were granted special consultative status with the UN ECOSOC, "
             "including Beijing Children's Legal Aid and Research Center and Chunhui Children.")
    cop27 = ("In 2022, many social organizations, including Greenovation Hub, Society of Entrepreneurs and Ecology "
             "(SEE), and Global Environmental Institute (GEI), participated in the 27th session of the Conference "
             "of the Parties of the UNFCCC.")
    path = write(tmp_path, "\n\n".join([TITLE, intro, "I. Serve China's overall diplomacy", intro,
                                        "II. Participate in global governance and speak out for the motherland",
                                        first, "Representatives at the UN Human Rights Council", cop27]))
    blocks = read_document(path).blocks
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "I. Serve China's overall diplomacy", "II. Participate in global governance and speak out for the motherland"]
    assert "Representatives at the UN Human Rights Council" not in [b.text for b in blocks]


def test_a_full_stop_and_a_head_word_glued_to_the_next_word_are_parted(tmp_path: Path) -> None:
    glued = ("On April 22, Guangxi Zhuang Autonomous Region Federation of Returned Overseas Chinese and Guangxi "
             "Overseas Chinese Kind Foundationheld the donation ceremony in Nanning.The first batch of 400 health "
             "kits was sent from Guangxi to overseas Chinese and students from Guangxi.")
    path = write(tmp_path, f"{TITLE}\n\n{glued}\n")
    [text] = texts(path)
    assert "Kind Foundation held the donation ceremony in Nanning. The first batch" in text
    assert "U.S." in texts(write(tmp_path, f"{TITLE}\n\n{PRESIDENT_JI} The U.S. delegation attended.\n"))[0]


def test_listing_page_headlines_in_sentence_case_and_captions_by_shape():
    corpus = Path(__file__).resolve().parent / "extraction_corpus"
    listing = read_document(corpus / "cfrd-keyword-listing.html")
    heads = [b.text for b in listing.blocks if b.kind == "heading"]
    assert heads[0] == "Chinese rural development foundation has run seven projects in Myanmar"  # not front matter
    assert len(heads) == 4 and "Smiling Children school meals project launched in Kathmandu" in heads
    assert [b.text for b in listing.blocks if b.kind == "date"] == ["2023-12-07", "2022-10-11", "2022-07-11",
                                                                    "2021-09-30"]
    magazine = read_document(corpus / "friendship-review-2023-2024.pdf")
    captions = [b.text for b in magazine.blocks if b.kind == "caption"]
    assert any(t.startswith("Musicians of both countries") for t in captions)
    assert any(t.startswith("Alaeddin Boroujerdi (second") for t in captions)
    texts = [b.text for b in magazine.blocks if b.kind != "caption"]
    assert not any(t.startswith(("Musicians of both countries", "Alaeddin Boroujerdi (second")) for t in texts)


def test_a_text_that_does_not_wrap_keeps_menu_labels_headline_and_paragraph_apart(tmp_path):
    path = tmp_path / "news-list-page-4.txt"
    body = ("From 2 to 4 June 2024, at the invitation of the Malta-China Friendship Society, a delegation of the "
            "Shanghai People's Association for Friendship with Foreign Countries visited Valletta and met the "
            "society's president and members of its youth section to plan student exchanges.")
    path.write_text("Sign in\nUser name:\nPassword:\nHome\nNews\nNews\nShanghai delegation visits Malta\n" + body
                    + "\n", encoding="utf-8")
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [("heading", "Shanghai delegation visits Malta"), ("para", body)]
    assert doc.title_guess == "Shanghai delegation visits Malta"  # not the menu's "Sign in"


def test_teasers_cut_short_stay_apart_when_the_next_one_opens_a_sentence(tmp_path):
    path = tmp_path / "abstracts.txt"
    first = ("On March 3, 2005 the association held a reception for the 30th anniversary of diplomatic relations "
             "between China and Mozambique. Its president said that thirty years ago the two governments,")
    second = ("Invited by the association, a group of 12 Mozambican journalists visited Beijing and Xi'an from "
              "May 9 to 16, 2005, meeting editors of newspapers and television stations.")
    third = ("The association and the Embassy of Mozambique held a photo exhibition on June 25th about the "
             "friendship of the two peoples, with pictures lent by the families of former teachers and doct-")
    fourth = ("In October 2005 the association sent a group of retired doctors to Maputo for three weeks to "
              "train nurses in two district hospitals, at the invitation of the Mozambique Red Cross.")
    path.write_text("\n\n".join([first, second, third, fourth]) + "\n", encoding="utf-8")
    doc = read_document(path)
    assert [b.text for b in doc.blocks] == [first, second, third, fourth]


def test_spaces_an_encoding_turned_into_question_marks_come_back_but_lost_letters_stay(tmp_path):
    path = tmp_path / "concert.txt"
    path.write_text("Friendship Concert Held in Izmir\n"
                    "On May 3, a concert hosted?by the Izmir Friendship Society was held in Izmir. The concert "
                    "attracted?about 450?people, among them Ay?e Y?lmaz, President of the Society, and the "
                    "sound?and?lasting ties of the two cities were praised by all the guests that evening.\n",
                    encoding="utf-8")
    text = " ".join(b.text for b in read_document(path).blocks)
    assert "hosted by" in text and "about 450 people" in text and "sound and lasting" in text
    assert "Ay?e Y?lmaz" in text


def test_a_date_label_glued_before_the_first_line_is_the_page_date(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(" date 2021-04-09 Village clinics open in Tigray with help from a Chinese charity\n\n"
                    "MEKELLE, April 8 (Xinhua) -- Three village clinics built with funds from the Hope Bridge "
                    "Foundation opened on Thursday in the Tigray region of Ethiopia, local officials said.\n",
                    encoding="utf-8")
    doc = read_document(path)
    assert doc.meta["date"] == "2021-04-09"
    assert doc.title_guess == "Village clinics open in Tigray with help from a Chinese charity"


def test_a_menu_of_short_links_is_navigation_and_a_headline_over_its_byline_heads_the_story(tmp_path):
    page = ("Español English About Us\nCurrent Issue\nOpinion\nPhoto Gallery\nBack Issues\nThe Long Road Home\n"
            "Village teachers return after the floods and reopen two schools in the valley\n\n"
            "Share\nPrint\nNewsletter\nSubscribe\nNow\n\nIssue 4 June 2019\n\n"
            "Building Bridges\nA Kunming charity trains rural nurses in Laos\nBy Maria Lopez\n\n"
            "For five years, the Yunnan Rural Health Foundation has trained village nurses in northern Laos, "
            "its director Li Ping told visiting journalists in May.\n\n"
            "The foundation now works with 12 clinics in Luang Prabang province.\n")
    doc = read_document(write(tmp_path, page))
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert not any("Subscribe" in t or "Current Issue" in t for _, t in kinds)  # the menus are gone
    # (the line right above the byline heads the story; the byline is no part of it)
    assert kinds[0] == ("heading", "A Kunming charity trains rural nurses in Laos")
    assert [k for k, _ in kinds[1:]] == ["para", "para"]
    assert "Issue 4 June 2019" in doc.front_matter


def test_a_masthead_over_a_byline_is_no_headline_and_captions_credited_in_capitals_head_nothing(tmp_path):
    page = ("Friendship Monthly       PEOPLE'S REVIEW\nMAY 2021       MONTHLY\nA Bridge of Wells\nBy Zhou Min\n"
            "Villagers draw water from a new well in Kisumu, Kenya, on May 3 (ZHOU MIN)\n"
            "A Chinese charity finished 12 wells in western Kenya this spring, its project manager said in "
            "Kisumu on May 3, 2021.\n\n"
            "Volunteers of the Amani Water Fund (AWF) check a pump in Siaya on May 4 (XINHUA)\n\n"
            "The wells serve about 6,000 people, and the charity plans eight more for 2022.\n")
    doc = read_document(write(tmp_path, page))
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[0] == ("heading", "A Bridge of Wells")
    # the captions neither head an item nor split the story
    assert [k for k, _ in kinds if k != "caption"] == ["heading", "para", "para"]
    # both are kept as captions (the one above the story too: it shows the story's scene)
    assert [t[:9] for k, t in kinds if k == "caption"] == ["Villagers", "Volunteer"]


def test_an_acronym_after_its_name_is_no_photo_credit():
    from knowledge.ingest import photo_caption

    assert photo_caption("Delegates hold a discussion during the forum in Beijing on April 28 (LI QING)")
    assert photo_caption("Students use laptops in a Hope Primary School in Tanzania (CYDF)")
    assert not photo_caption("Grants go to schools through the China Foundation for Rural Development (CFRD)")
    assert not photo_caption("Chinese NGO signs an agreement with the UN Development Programme (UNDP)")


def test_a_paragraph_broken_after_of_goes_on_in_the_next(tmp_path):
    page = ("Counselor visits Poland\n\n"
            "From 25 November to 4 December 2024, CAFIU counselor Zhu Rui visited Portugal, the Netherlands "
            "and Poland at the invitation of three civil associations.\n\n"
            "In Poland, Zhu Rui met with the former Deputy Prime Minister and Minister of\n\n"
            "Finance Grzegorz Kolodko, as well as the head of a civil association. He also met students.\n")
    doc = read_document(write(tmp_path, page))
    assert [b.kind for b in doc.blocks] == ["para", "para"]
    assert "Minister of Finance Grzegorz Kolodko" in doc.blocks[1].text


def test_a_speakers_card_heads_the_speech_and_a_title_broken_over_lines_is_one(tmp_path):
    page = ("Friendship forum held in Beijing\n\n"
            "The 2020 friendship forum was held in Beijing on September 2 and drew more than 200 participants "
            "from 30 countries, online and offline.\n\n"
            "Mme. Wang Lan\n\nVice Chairwoman of the\n\nStanding Committee of the Provincial People's Congress\n\n"
            "Honorary President of\n\nBeijing Friendship Association for Foreign Exchanges\n\n"
            "I hope that all of you, Chinese and foreign friends alike, will take part in the discussions and "
            "deepen practical cooperation between our peoples.\n\n"
            "The forum's second day was given to\n\nthe working groups on health and education.\n")
    doc = read_document(write(tmp_path, page))
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert ("heading", "Mme. Wang Lan, Vice Chairwoman of the Standing Committee of the Provincial People's "
                       "Congress, Honorary President of Beijing Friendship Association for Foreign Exchanges") in kinds
    assert not any(k == "caption" for k, _ in kinds)
    # a line that goes on in lower case after one that does not end continues it
    assert kinds[-1] == ("para", "The forum's second day was given to the working groups on health and education.")


def test_a_short_line_over_a_paragraph_that_opens_with_since_is_no_headline(tmp_path):
    page = ("Foundation gives 1,150 food packages to schools in Colombo\n\n"
            "On June 9, a distribution ceremony of 1,150 food packages was held at Kotana School in Colombo, "
            "attended by the ambassador and the heads of two friendship associations.\n\n"
            "At the site of the distribution ceremony\n\n"
            "Since February 2022, Sri Lanka has suffered an economic crisis. With the help of two charity "
            "foundations, the foundation donated the packages for emergency relief. One package provides rice, "
            "beans and oil.\n")
    doc = read_document(write(tmp_path, page))
    assert [b.kind for b in doc.blocks] == ["para", "caption", "para"]


def test_a_line_of_labels_parted_by_runs_of_spaces_is_a_menu(tmp_path):
    page = ("Home     Nation      World      Business      Opinion      Special Reports\n"
            "Education Warriors\n"
            "By Ge Lijun | 2019-10-29\n\n"
            "In the library of a school near Nairobi, children read books a Chinese foundation gave in 2019.\n")
    doc = read_document(write(tmp_path, page))
    assert not any("Opinion" in b.text for b in doc.blocks)


def test_a_masthead_with_a_colon_and_short_names_is_no_menu(tmp_path):
    page = (f"{TITLE}\n\nDeputy Editors:\nLiu Fang\nZhao Min\nWang Lei\nSun Qi\n\n{GUANGXI}\n")
    doc = read_document(write(tmp_path, page))
    assert any("Zhao Min" in line for line in doc.front_matter + [b.text for b in doc.blocks])


def test_a_paragraph_closed_by_a_photo_credit_is_a_caption(tmp_path):
    page = (f"{TITLE}\n\n{GUANGXI}\n\n"
            "Volunteers unload tents at the airport in Kathmandu on May 2, 2015. (Photo by Ram Karki/Lotus)\n\n"
            f"{PRESIDENT_JI}\n\nDelegates pose for a group photo in Hanoi. [Photo: Li Ping/Lotus]\n")
    blocks = read_document(write(tmp_path, page)).blocks
    assert [(b.kind, b.text[:20]) for b in blocks] == [("para", GUANGXI[:20]), ("caption", "Volunteers unload te"),
                                                      ("para", PRESIDENT_JI[:20]), ("caption", "Delegates pose for a")]


def test_a_long_source_address_is_metadata_and_other_photo_credits_mark_captions(tmp_path):
    page = ("Source: https://news.example.com/2019/03/15/a-very-long-address-of-the-story-that-goes-on-and-on/index"
            ".html\n\nbanner banner banner\n\nNurses from three clinics trained for Laos\n\n"
            f"{GUANGXI}\n\nA panel discussion for nurses and teachers from the clinics. / Lotus Photo\n\n"
            f"{PRESIDENT_JI}\n\nNurses at the clinic in Vientiane Photo by Mei Lan\n\n{MATSUZAKI}\n")
    doc = read_document(write(tmp_path, page))
    assert doc.meta["source"].startswith("https://news.example.com/")
    assert doc.title_guess == "Nurses from three clinics trained for Laos"  # not the advert's words
    assert [b.kind for b in doc.blocks] == ["heading", "para", "caption", "para", "caption", "para"]


def test_a_ticker_an_image_file_name_and_a_unix_time_are_no_text_and_a_source_name_no_headline(tmp_path):
    page = ("Volunteers rebuild a village school in the hills of Nepal\n\nLotus Daily\n\n1554685044000\n\n"
            "• FLASH: FLOODS CLOSE THE HIGHWAY TO POKHARA • FLASH: FLOODS CLOSE THE HIGHWAY TO POKHARA "
            "• FLASH: FLOODS CLOSE THE HIGHWAY TO POKHARA\n\n"
            "95f6c37b-8112-4900-9e91-6f899f899b2d.jpeg\n\n"
            f"{GUANGXI}\n\n{PRESIDENT_JI}\n")
    doc = read_document(write(tmp_path, page))
    assert doc.meta["date"] == "2019-04-08"  # 1554685044000 ms after 1970
    assert [b.text for b in doc.blocks] == [GUANGXI, PRESIDENT_JI]
    assert doc.title_guess == "Volunteers rebuild a village school in the hills of Nepal"


def test_a_headline_printed_twice_is_still_the_title_and_photo_colon_credits_a_caption(tmp_path):
    page = ("Lotus charity sends tents and rice to the earthquake's victims\n\nLotus | Published: May 08, 2019 17:07\n\n"
            "Lotus charity sends tents and rice to the earthquake's victims\n\n"
            f"Volunteers load a truck in Kunming. Photo: Lotus\n\n{GUANGXI}\n")
    doc = read_document(write(tmp_path, page))
    assert doc.title_guess == "Lotus charity sends tents and rice to the earthquake's victims"
    assert not any(b.text.startswith("Volunteers load") and b.kind != "caption" for b in doc.blocks)


def test_a_pages_last_headline_over_its_date_line_and_a_teaser_cut_where_the_page_was_saved(tmp_path):
    page = (f"{TITLE}\n\nVolunteers of Yunnan train nurses in Laos\nBy Li Ping, Lotus Daily, November 16, 2013.\n"
            f"{GUANGXI}\n\nFour charities may now deduct their donations from tax\n"
            "Lotus News, November 18, 2013.\nFollowing a recent ruling by the Ministry of Finance, four public")
    blocks = read_document(write(tmp_path, page)).blocks
    assert [b.kind for b in blocks] == ["heading", "date", "para", "heading", "date", "para"]


def test_a_word_glued_to_a_name_or_an_acronym_where_a_line_end_lost_its_space_is_parted(tmp_path):
    page = (f"{TITLE}\n\nThe Yunnan Foundation for Poverty Alleviation (YFPA) began rebuilding a school with theYFPA "
            "volunteers and her husbandWang Bo, who met the InterAction Council and WeChat users.\n")
    [block] = texts(write(tmp_path, page))
    assert "with the YFPA volunteers" in block
    assert "husband Wang Bo" in block
    [other] = texts(write(tmp_path, f"{TITLE}\n\nThe plan was explained by the YFPAExecutive Director Mr Li Bo at a "
                                    "meeting with teachers in the valley.\n", name="other.txt"))
    assert "the YFPA Executive Director" in other
    assert "InterAction Council" in block and "WeChat" in block  # a name's own capitals stay


def test_an_articles_header_byline_source_date_and_adverts_are_no_headline_and_no_text(tmp_path):
    page = ("21.5 C\nCity of Kunming\nFriday, April 19, 2024\n\n"
            "Lotus charity signs pact with three clinics in Laos\n\n- Advertisement -\n\nBy Li Ping\n\n"
            f"{GUANGXI}\n\n- Advertisement -\n\n{PRESIDENT_JI}\n")
    doc = read_document(write(tmp_path, page))
    assert [(b.kind, b.text[:20]) for b in doc.blocks] == [
        ("heading", "Lotus charity signs "), ("para", GUANGXI[:20]), ("para", PRESIDENT_JI[:20])]
    page = ("Laos: Lotus charity signs pact with three clinics\n\n20 January 2023\nThe Lotus Daily (Kunming)\n"
            f"By Li Ping\n\n{GUANGXI}\n")
    doc = read_document(write(tmp_path, page))
    assert doc.title_guess == "Laos: Lotus charity signs pact with three clinics"
    assert [b.kind for b in doc.blocks] == ["para"]  # the source and byline are no headline


@pytest.mark.parametrize("line, is_date", [
    ("Posted on May 6, 2015 by admin", True),
    ("Published on 12 March 2021 in Events", True),
    ("Posted by Li Ping on March 12, 2021", True),
    ("2021-03-12 Views: 1523", True),
    ("Talks held in Beijing on May 6", False),
    ("Volunteers by the river on May 6", False),
])
def test_a_date_line_with_its_author_counters_and_category_is_still_a_date_line(line, is_date):
    from knowledge.ingest import is_date_line

    assert is_date_line(line) is is_date


@pytest.mark.parametrize("label", ["Detail", "Read more »", "查看详情"])
def test_a_link_label_under_each_item_of_a_news_list_does_not_hide_the_next_headline(tmp_path, label):
    first = ("Vice President Zhao met a delegation of the Ghana-China Friendship Association in Beijing on "
             "3 May 2016 and invited its members to a youth forum in Accra later that year.")
    second = ("At the invitation of a science museum in Porto, the association sent twelve pupils and two "
              "teachers from Yunnan Province to a robotics camp from 10 to 16 July 2016.")
    path = write(tmp_path, "Home\nNews\nVice President Zhao Meets Ghanaian Friendship Delegation\n" + first
                 + f"\n2016-05-03\n{label}\nYunnan Pupils Attend Robotics Camp in Portugal\n" + second
                 + f"\n2016-07-16\n{label}\n", name="news-list.txt")
    doc = read_document(path)
    # (the first headline is the page's title; the second heads an item of its own, not a caption)
    assert "Yunnan Pupils Attend Robotics Camp in Portugal" in [b.text for b in doc.blocks if b.kind == "heading"]
    assert label not in [b.text for b in doc.blocks]


def test_a_date_label_after_the_headline_dates_the_page_and_a_breadcrumb_line_is_no_text(tmp_path):
    page = ("Friendship fund launched in Beijing\n\nHome > English > Foundation News Page views:45\n\n"
            "Friendship fund launched in Beijing Time:2023/07/14\n\n"
            "On June 21st, the foundation and a cultural centre jointly launched a friendship fund in Beijing. "
            "Ambassadors from four countries attended the ceremony.\n")
    doc = read_document(write(tmp_path, page))
    assert doc.meta["date"] == "2023-07-14"
    texts = [b.text for b in doc.blocks]
    assert not any("Home >" in t or "Time:" in t for t in texts)
    assert any(t.startswith("On June 21st") for t in texts)
    # a "time" inside a sentence is no label
    plain = read_document(write(tmp_path, "Notes\n\nThe meeting ran out of time: 2023/07/14 was too late for it.\n"))
    assert "date" not in plain.meta


def test_the_day_lines_of_a_programme_are_kept_as_its_text_not_dropped_as_captions(tmp_path):
    page = ("Study tour of the Friendship Society\n\n"
            "Six members of the society took part in this study tour, hosted by two partner associations.\n\n"
            "Programme\n\nMonday 4th November\n\nA meeting with the provincial association about future exchanges\n\n"
            "Tuesday 5th\n\nA visit to the Lotus Bridge and the museum of the old city walls\n")
    doc = read_document(write(tmp_path, page))
    text = " ".join(b.text for b in doc.blocks if b.kind == "para")
    assert "Monday 4th November" in text and "Tuesday 5th" in text


def test_a_byline_near_the_top_names_the_pages_author(tmp_path):
    page = ("Charities at work abroad\n\nWritten by Mei Chen on 3 May.\n\n"
            "Six years ago, when I was working for a health charity in Kenya, I began to follow Chinese NGOs abroad.\n")
    assert read_document(write(tmp_path, page)).meta["author"] == "Mei Chen"
    page = "Charities at work abroad\n\nBy the time we arrived in Nairobi, the clinic had opened its doors.\n"
    assert "author" not in read_document(write(tmp_path, page)).meta
    # (a byline set off by a dash, as a magazine prints it)
    page = ("China Pictorial (English)\n\nCharities at work abroad\n\n- Text by Ru Yuan\n\n"
            "Over the years, Chinese charities have taken part in more and more campaigns abroad.\n")
    doc = read_document(write(tmp_path, page))
    assert doc.meta["author"] == "Ru Yuan" and all("Ru Yuan" not in b.text for b in doc.blocks if b.kind == "para")


def test_a_saved_pages_address_record_bar_and_labelled_breadcrumbs_are_no_text(tmp_path):
    # A page saved as text: its headline, its address, the headline again, a bar of labels and
    # values (source, citations, uploader) and a breadcrumb trail under a label. The headline heads
    # the story; the rest is furniture.
    body = ("On July 10, the friendship association held its open day in Beijing. More than 1,000 guests from "
            "69 countries came, among them the ambassadors of 18 countries.")
    text = ("Friendship Day 2021 a great success\nhttps://example.org/periodical/7658facd.html\n"
            "Friendship Day 2021 a great success\n\n"
            "来源 :Voice Of Friendship | 被引量 : 0次 | 上传用户:someone\n"
            "Current Location : Home -> Friendly Exchanges\n\n" + body + "\n")
    doc = read_document(write(tmp_path, text))
    every = " ".join(b.text for b in doc.blocks)
    assert "https://" not in every and "上传用户" not in every and "Current Location" not in every
    assert doc.meta.get("url") == "https://example.org/periodical/7658facd.html"
    assert doc.blocks[-1].text == body


def test_a_labelled_address_over_a_page_is_where_it_was_read_not_its_headline(tmp_path):
    # A copy whose first line is the page's address under a label: the headline is the line below.
    body = ("In early May, a youth choir from the sister city gave three concerts in Kunming and visited "
            "two middle schools.")
    text = "URL: https://example.org/news/2031.html\n\nSister-city choir tours Kunming\n\n" + body + "\n"
    doc = read_document(write(tmp_path, text))
    every = " ".join(b.text for b in doc.blocks)
    assert "https://" not in every and "URL" not in every
    assert doc.meta.get("url") == "https://example.org/news/2031.html"
    assert doc.title_guess == "Sister-city choir tours Kunming"


def test_a_labelled_address_with_a_note_after_it_is_still_where_the_page_was_read(tmp_path):
    text = ("URL: https://example.org/news/list/2.html page=102\n\nSister-city choir tours Kunming\n\n"
            "In early May, a youth choir from the sister city gave three concerts in Kunming.\n")
    doc = read_document(write(tmp_path, text))
    assert doc.meta.get("url") == "https://example.org/news/list/2.html"
    assert doc.title_guess == "Sister-city choir tours Kunming"
    # (an address that begins a sentence is text)
    from knowledge.ingest import _ADDRESS_LINE
    assert _ADDRESS_LINE.fullmatch("www.example.org is where the association posts all of its news") is None


def test_an_agency_after_the_labelled_date_and_time_is_the_source() -> None:
    from knowledge.ingest import printed_source

    assert printed_source(["Updated: Oct 24,2015 5:29 PM     Xinhua"]) == "Xinhua"
    assert printed_source(["Updated: 2019-04-28 10:02 China Daily"]) == "China Daily"
    # (a label and its date alone, or a byline of no outlet, name none)
    assert printed_source(["Updated: May 3, 2031"]) == ""
    assert printed_source(["Posted: May 3, 2019 by admin"]) == ""


def test_a_printed_source_ends_where_the_next_label_begins() -> None:
    from knowledge.ingest import printed_source

    assert printed_source(["2021-06-11 07:58:47 来源:新华网 责任编辑:陈曦 我来说两句 |"]) == "新华网"
    assert printed_source(["Source: Riverside Daily Online  Editor: Li Ping"]) == "Riverside Daily Online"


def test_a_record_bar_is_told_from_a_sentence_with_a_colon() -> None:
    from knowledge.ingest import fields_line

    assert fields_line("Source: Xinhua | Views: 1523 | Author: Li Ping")
    assert fields_line("来源：新华网   作者：张三   发布时间：2021-07-10")
    assert not fields_line("Note: the forum was held in Beijing | see the photos")
    assert not fields_line("Theme: building a community with a shared future for mankind")


def test_a_run_of_lower_case_words_glued_together_is_parted_by_the_documents_words() -> None:
    from knowledge.ingest import unglue_by_vocabulary

    text = ("There are many social organizations in China. Social organizations grow. By July 2020 there were "
            "879,819socialorganizations in China, and the epidemicprevention work of the organizations went on. "
            "The epidemic and its prevention were long.")
    out = unglue_by_vocabulary(text)
    assert "879,819 social organizations in China" in out and "epidemic prevention work" in out
    # a long word of English, or a run the document's words do not make up whole, is left alone
    assert unglue_by_vocabulary("The internationalization of social work. Social work.") == \
        "The internationalization of social work. Social work."
    assert "xqzvwplmrtkbn" in unglue_by_vocabulary("The xqzvwplmrtkbn code. The code.")


def test_a_chinese_name_glued_to_its_surname_is_parted() -> None:
    from knowledge.ingest import unglue_by_vocabulary

    out = unglue_by_vocabulary("On the way, XuYonghao felt it most. XuYonghao had no time to relax.")
    assert out == "On the way, Xu Yonghao felt it most. Xu Yonghao had no time to relax."
    # a given name of one syllable is as often a place's ("FuXing Road"); other capitals inside a word stay
    assert unglue_by_vocabulary("Address: 4 FuXing Road. McDonald and TikTok and LinkedIn.") == \
        "Address: 4 FuXing Road. McDonald and TikTok and LinkedIn."


def test_a_forums_jammer_scraps_are_taken_out_of_its_lines() -> None:
    from knowledge.ingest import unjam

    assert unjam("9 Q) S. M& p' p\" T- V8 [* n 第一类 正式国际友好城市(共9个)").split() == ["第一类", "正式国际友好城市(共9个)"]
    assert unjam("韩国 天安市(1997年8月26日缔结); u4 x0 @; Q\" K").strip() == "韩国 天安市(1997年8月26日缔结);"
    assert unjam("8 s6 v/ G6 r5 S2 H, a$ c& X( D6 w( J$ v").strip() == ""
    # plain words, numbers and initials are no scraps
    for line in ("Rooms 1 2 3 4 5 were booked.", "It is a U.S. to U.K. fl.", "I am at a Q & A in NY", "A B C D E"):
        assert unjam(line) == line


def test_words_a_columns_line_breaks_hyphenated_are_written_whole(tmp_path):
    from knowledge.ingest import mend_hyphens

    assert mend_hyphens("friendly ex- changes with Ger-many and the In-dian medical team") == \
        "friendly exchanges with Germany and the Indian medical team"
    assert mend_hyphens("the municipal govern-ment, a birth cente- nary") == "the municipal government, a birth centenary"
    # real compounds stay as they are
    kept = "non-governmental co-operation, e-mail, well-known, China-Africa, people-to-people, re-elected, twenty-one"
    assert mend_hyphens(kept) == kept


def test_a_byline_in_lower_case_names_the_author(tmp_path):
    text = ("Help across the border\n\nThe foundation's office in Yangon opened in 2015.\nby Li Wenhua\n\n"
            "The office now runs school meals in three townships.\n")
    doc = read_document(write(tmp_path, text))
    assert doc.meta.get("author") == "Li Wenhua"


def test_a_file_read_again_after_it_changed_is_read_anew(tmp_path: Path) -> None:
    from knowledge.ingest import read_as_text

    page = tmp_path / "page.txt"
    page.write_text("First version of the page.\n", encoding="utf-8")
    assert read_as_text(page)[0].startswith("First")
    assert read_as_text(page)[0].startswith("First")  # (remembered)
    page.write_text("Second, longer version of the page.\n", encoding="utf-8")
    assert read_as_text(page)[0].startswith("Second")
