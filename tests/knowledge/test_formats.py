"""Web pages and PDFs read into the same clean blocks and events as the text versions of the same reports.

Fixtures (tests/knowledge/fixtures/): a saved page shaped like the CDB weekly briefing and the text of
the same briefing; an excerpt of International Understanding, Vol. 1, 2025 as a PDF with running heads
and printed page numbers, and as text; an encrypted and an image-only PDF. ``make_pdf.py`` writes the
PDFs (fpdf2); the tests read the committed files and regenerate variants only when fpdf2 is installed.
"""
from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import pytest

from knowledge import formats
from knowledge.build import build_corpus
from knowledge.errors import ReportReadError
from knowledge.extract import RawEvent, extract_events
from knowledge.formats import html_to_text, pdf_to_text
from knowledge.gazetteer import default_gazetteer
from knowledge.ingest import Document, read_document
from knowledge.records import DateSpan, Report
from tests.knowledge.fixtures import make_pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BRIEFING_HTML = FIXTURES / "cdb-weekly-briefing.html"
BRIEFING_TEXT = FIXTURES / "cdb-weekly-briefing.txt"
MAGAZINE_PDF = FIXTURES / "international-understanding-excerpt.pdf"
MAGAZINE_TEXT = FIXTURES / "international-understanding-excerpt.txt"
BRIEFING_TITLE = "China’s NGOs Global Exchange & Cooperation Weekly Briefing (Week Ending December 21, 2025)"
HEADLINE_1 = "1. CNIE Hosts Capacity-Building Training for Chinese Health Sector NGOs to Go Global"
HEADLINE_2 = "2. Capacity-Building Training Empowers Chinese NGOs in International Humanitarian Assistance"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def events_of(doc: Document, issue_date: str) -> list[RawEvent]:
    """The events the build extracts from one document, under a report with the given issue date."""
    report = Report(id=doc.path.stem, file=doc.path.name, title="Report", series="Report", publisher="",
                    issue_date=issue_date, url=None, language="en", content_hash=doc.text_hash)
    return extract_events(doc, report, default_gazetteer())


def event_facts(events: list[RawEvent]) -> list[tuple[object, ...]]:
    return [(e.title, e.date, tuple(p.name for p in e.places), tuple(name for name, _ in e.orgs),
             tuple(p.name for p in e.people)) for e in events]


def fpdf_or_skip() -> None:
    pytest.importorskip("fpdf", reason="fpdf2 (a test extra) writes the PDF variants")


# --- web pages: the noise is gone -----------------------------------------------------------------------

def test_briefing_page_loses_its_menus_breadcrumbs_sidebar_footer_and_scripts():
    text, _ = html_to_text(BRIEFING_HTML.read_bytes())
    lines = text.split("\n")
    assert not any(line.startswith(("Home", ">", "•")) for line in lines)
    for noise in ("Home >", "About Us", "NGO Directory", "Contact", "Menu", "Search for",  # header and menu
                  "Skip to content", "Connecting China", "We use cookies", "Accept",
                  "Share:", "Facebook", "WeChat",  # share buttons
                  "Participants at the opening ceremony",  # photo caption
                  "Tagged:", "Leave a Reply", "will not be published",  # article footer, comments
                  "In Brief", "Week Ending December 14", "Table of Contents", "Subscribe",  # sidebar
                  "Privacy Policy", "All rights reserved",  # footer
                  "dataLayer", "gtag", "@context", "querySelectorAll", "background:", "Please enable JavaScript"):
        assert noise not in text, noise
    assert "\n\n\n" not in text and "  " not in text


def test_briefing_page_keeps_headlines_and_paragraphs_in_order():
    text, _ = html_to_text(BRIEFING_HTML.read_bytes())
    expected = paragraphs(BRIEFING_TEXT.read_text(encoding="utf-8"))
    del expected[1]  # the breadcrumb trail the text version kept
    # The entry's date box ("entry-meta") stays as a date line of its own, under the title: it dates
    # the items whose dates leave out the year (issue 11).
    got = paragraphs(text)
    assert got[1] == "December 21, 2025"
    del got[1]
    assert got == expected
    assert got[:3] == [BRIEFING_TITLE, HEADLINE_1, expected[2]]
    assert "(CNIE) and the Chinese Medical Association" in text  # inline <strong> inside a paragraph
    assert "Experts and scholars—including" in text and "“Healthy Silk Road,”" in text  # entities


def test_briefing_page_metadata():
    _, meta = html_to_text(BRIEFING_HTML.read_bytes())
    assert meta == {
        "title": BRIEFING_TITLE,
        "date": "2025-12-21",
        "url": "https://chinadevelopmentbrief.org/reports/chinas-ngos-global-exchange-cooperation-weekly-"
               "briefing-week-ending-december-21-2025/",
        "language": "en-US",
        "source": "China Development Brief",
    }


def test_briefing_page_reads_into_the_same_blocks_as_its_text():
    page, text = read_document(BRIEFING_HTML), read_document(BRIEFING_TEXT)
    assert page.blocks == text.blocks
    assert [b.kind for b in page.blocks][:2] == ["heading", "para"]
    assert page.blocks[0].text == HEADLINE_1
    assert page.title_guess == BRIEFING_TITLE
    assert page.meta["date"] == "2025-12-21" and page.meta["source"] == "China Development Brief"


def test_briefing_page_gives_the_events_its_text_gives():
    page_events = events_of(read_document(BRIEFING_HTML), "2025-12-21")
    text_events = events_of(read_document(BRIEFING_TEXT), "2025-12-21")
    assert event_facts(page_events) == event_facts(text_events)
    first, second = page_events
    assert first.date == DateSpan("2025-12-14", "2025-12-17", "day")
    assert second.date == DateSpan("2025-12-17", "2025-12-20", "day")
    assert {"Putian", "Fujian"} <= {p.name for p in first.places}
    assert "Hangzhou" in {p.name for p in second.places}
    assert "Chinese Medical Association" in {name for name, _ in first.orgs}
    assert "Beijing Peaceland Foundation" in {name for name, _ in second.orgs}


# --- web pages: the parts of HTML -------------------------------------------------------------------------

def test_entities_breaks_whitespace_headings_and_lists():
    html = ("<html><body><p>Tom &amp; Jerry&nbsp;&lt;met&gt;   in\n   Beijing<br>on a second line</p>"
            "<h3>A Heading Of Its Own</h3><ul><li>First item</li><li>Second <b>item</b></li></ul>"
            "<p>After the list.</p><table><tr><td>Cell one</td><td>Cell two</td></tr></table></body></html>")
    text, _ = html_to_text(html)
    assert text == ("Tom & Jerry <met> in Beijing\non a second line\n\nA Heading Of Its Own\n\n"
                    "First item\nSecond item\n\nAfter the list.\n\nCell one Cell two")


def test_list_of_news_items_gives_a_paragraph_per_item():
    item_1 = "On 12 March 2025, the Exchange Event was held at the Royal University of Phnom Penh in Cambodia."
    item_2 = "On 31 March 2025, the China-Cambodia Cultural Exchange Event was held in Kampong Cham Province."
    text, _ = html_to_text(f"<main><h2>In Brief Today</h2><ul><li>{item_1}</li><li>{item_2}</li></ul></main>")
    assert paragraphs(text) == ["In Brief Today", item_1, item_2]


def test_a_bold_lead_of_a_list_item_is_its_headline_above_its_date_and_text(tmp_path):
    html = ("<main><h1>Milestones</h1><ul>"
            "<li>28.04.2016 <strong>A clinic opens in Pokhara</strong> The Lotus Relief Foundation opened its first "
            "clinic abroad, in Pokhara, with the Nepal Red Cross Society.</li>"
            "<li><b>Teachers trained in Laos</b> On 9 May 2018, forty village teachers finished a course in "
            "Vientiane run by the foundation.</li>"
            "<li>Founded by <strong>Li Ping</strong> and her students in a small office in Chengdu.</li></ul></main>")
    headings: list[str] = []
    text, _ = html_to_text(html, headings)
    assert paragraphs(text)[:4] == ["Milestones", "A clinic opens in Pokhara", "28.04.2016",
                                    paragraphs(text)[3]]
    assert headings == ["Milestones", "A clinic opens in Pokhara", "Teachers trained in Laos"]  # not "Li Ping"
    path = tmp_path / "milestones.html"
    path.write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    report = Report(id="m", file=path.name, title="", series="", publisher="", issue_date="", url=None,
                    language="en", content_hash="")
    events = extract_events(read_document(path), report, default_gazetteer())
    assert [(e.title, e.date.start if e.date else None) for e in events][:2] == [
        ("A clinic opens in Pokhara", "2016-04-28"), ("Teachers trained in Laos", "2018-05-09")]


def test_page_without_main_or_article_is_read_from_its_body():
    html = ("<body><div id='top-nav'><a>Home</a> <a>News</a></div><div class='container has-sidebar'>"
            "<h1>Beijing's People-to-People Diplomacy</h1><p>In recent years, social organizations in Beijing "
            "have delivered solid outcomes in international exchanges.</p></div>"
            "<div class='sidebar'><p>Most read</p></div><footer>Contact us</footer></body>")
    text, meta = html_to_text(html)
    assert paragraphs(text) == ["Beijing's People-to-People Diplomacy",
                                ("In recent years, social organizations in Beijing have delivered solid outcomes "
                                 "in international exchanges.")]
    assert meta["title"] == "Beijing's People-to-People Diplomacy"


def test_breadcrumb_written_as_text_is_dropped():
    text, _ = html_to_text("<main><p>Home &gt; Briefings &gt; Weekly Briefing</p><h1>Weekly Briefing Title</h1>"
                           "<p>From December 14 to 17, a training was held in Putian, Fujian Province.</p></main>")
    assert paragraphs(text) == ["Weekly Briefing Title",
                                "From December 14 to 17, a training was held in Putian, Fujian Province."]


@pytest.mark.parametrize(("data", "expected"), [
    ("<meta charset='gb2312'><p>中国国际交流协会</p>".encode("gb18030"), "中国国际交流协会"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>people’s</p>'.encode("cp1252"),
     "people’s"),
    ("<p>Däubler-Gmelin</p>".encode("utf-16"), "Däubler-Gmelin"),
    ("\ufeff<p>Däubler-Gmelin</p>".encode("utf-8"), "Däubler-Gmelin"),
    ("<meta charset='no-such-charset'><p>Däubler</p>".encode(), "Däubler"),
])
def test_bytes_are_decoded_by_bom_and_meta_charset(data, expected):
    text, _ = html_to_text(data)
    assert text == expected


def test_undecodable_bytes_become_replacement_characters():
    text, _ = html_to_text(b"<p>Caf\xe9 in Beijing</p>")
    assert text == "Caf\ufffd in Beijing"


def test_metadata_from_head_tags():
    html = ("<html lang='zh-CN'><head><title>Fallback Title | Site</title>"
            "<meta property='og:title' content='Report on Exchanges - CNIE'>"
            "<meta property='og:site_name' content='CNIE'><meta name='date' content='March 5, 2024'>"
            "<meta property='og:url' content='https://example.org/report'></head>"
            "<body><p>Some text of the report, long enough to be read as a paragraph.</p></body></html>")
    _, meta = html_to_text(html)
    assert meta == {"title": "Report on Exchanges", "date": "2024-03-05", "url": "https://example.org/report",
                    "language": "zh-CN", "source": "CNIE"}


# --- web pages that cannot be read, quickly -------------------------------------------------------------------

NAVIGATION_ONLY = (b"<html><head><title>Only a title</title></head><body><nav><a>Home</a></nav>"
                   b"<script>var x = 'lots of script text';</script></body></html>")


@pytest.mark.parametrize("content", [b"", b"   \n", NAVIGATION_ONLY])
def test_empty_web_page_raises(tmp_path, content):
    path = tmp_path / "empty.html"
    path.write_bytes(content)
    with pytest.raises(ReportReadError, match=r"^empty\.html: (the file is empty|no readable text)"):
        read_document(path)


def test_deeply_nested_page_raises_quickly(tmp_path):
    path = tmp_path / "bomb.htm"
    path.write_text("<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>")
    started = time.monotonic()
    with pytest.raises(ReportReadError, match="bomb.htm: web page nested more than"):
        read_document(path)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("markup", ["<p>", "<b>", "<li>", "<div/>"])
def test_runs_of_unclosed_tags_are_read_or_refused_quickly(markup):
    started = time.monotonic()
    try:
        text, _ = html_to_text("<html><body>" + markup * 100_000 + "the text</body></html>")
        assert text.endswith("the text")
    except ReportReadError as exc:
        assert "nested" in str(exc)
    assert time.monotonic() - started < 5


def test_five_megabytes_of_text_is_cut_and_read(tmp_path, caplog):
    sentence = ("On 12 March 2025, the Exchange Event was held in Phnom Penh by the China NGO Network for "
                "International Exchanges. ")
    count = 5_000_000 // len(sentence)
    path = tmp_path / "huge.html"
    path.write_text("<html><body><article><h1>A Very Large Weekly Briefing</h1>"
                    + "".join(f"<p>{sentence}Item {i}.</p>" for i in range(count)) + "</article></body></html>")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="knowledge.formats"):
        text, _ = html_to_text(path.read_bytes())
        doc = read_document(path)
    assert len(text) <= formats.MAX_TEXT_CHARS
    assert "cut at" in caplog.text
    assert doc.blocks and doc.blocks[0].text.startswith("On 12 March 2025")
    assert time.monotonic() - started < 60


# --- PDFs ---------------------------------------------------------------------------------------------------

def test_pdf_text_has_page_markers_and_no_running_heads_or_page_numbers():
    text, _ = pdf_to_text(MAGAZINE_PDF)
    lines = text.split("\n")
    assert [line for line in lines if line.startswith("- ") and line.endswith(" -")] == [
        "- 2 -", "- 3 -", "- 4 -", "- 5 -"]  # before printed pages 03, 04, 05, 06; the cover has none
    assert lines.count(make_pdf.RUNNING_HEAD) == 1  # the cover's title, not the head of every page
    assert not [line for line in lines if line.strip() in {"03", "04", "05", "06"}]


def test_pdf_words_hyphenated_at_line_ends_are_joined():
    text, _ = pdf_to_text(MAGAZINE_PDF)
    flat = text.replace("\n", " ")
    assert "cultural and people-to-people bonds" in flat  # a compound keeps its hyphen
    assert "carry out international communication" in flat  # typeset hyphenation is undone
    assert "inter-" not in text


def test_pdf_blocks_carry_their_printed_pages():
    doc = read_document(MAGAZINE_PDF)
    assert [(b.kind, b.page, b.text[:30]) for b in doc.blocks] == [
        ("heading", 3, "Dialogue on Mutual Learning be"),
        ("para", 3, "On 28 November 2024, the Chine"),
        ("para", 3, "Representatives from major pol"),
        ("para", 3, "President Ji said that the exc"),  # runs over onto page 4, cited where it starts
        ("para", 4, "German representatives said th"),
        ("heading", 5, "CAFIU Held Civilisation Lectur"),
        ("para", 5, "On 2 December 2024, the Chines"),
        ("heading", 6, "Vice-President Liu Hongcai Led"),
        ("para", 6, "From 31 March to 9 April 2025,"),
    ]
    assert all(b.section == "Overseas Visits" for b in doc.blocks)


def test_pdf_reads_into_the_same_blocks_and_contents_as_its_text():
    pdf, text = read_document(MAGAZINE_PDF), read_document(MAGAZINE_TEXT)
    assert [(b.kind, b.text, b.section) for b in pdf.blocks] == [(b.kind, b.text, b.section) for b in text.blocks]
    assert pdf.contents == text.contents
    assert [e.page for e in pdf.contents] == [3, 5, 6]
    assert pdf.blocks[3].text == f"{make_pdf.DIALOGUE_3_ON_03} {make_pdf.DIALOGUE_3_ON_04}"


def test_pdf_metadata():
    _, meta = pdf_to_text(MAGAZINE_PDF)
    assert meta == {"title": make_pdf.TITLE, "author": make_pdf.PUBLISHER, "date": "2025-05-20"}
    doc = read_document(MAGAZINE_PDF)
    assert doc.title_guess == make_pdf.TITLE
    assert doc.meta["date"] == "2025-05-20"


def test_pdf_gives_the_events_its_text_gives():
    pdf_events = events_of(read_document(MAGAZINE_PDF), "2025")
    text_events = events_of(read_document(MAGAZINE_TEXT), "2025")
    assert event_facts(pdf_events) == event_facts(text_events)
    by_title = {e.title: e for e in pdf_events}
    dialogue = by_title[make_pdf.DIALOGUE]
    assert dialogue.date == DateSpan("2024-11-28", "2024-11-28", "day")
    assert dialogue.source.page == 3
    assert "Berlin" in {p.name for p in dialogue.places}
    assert "Chinese Association for International Understanding" in {name for name, _ in dialogue.orgs}
    liu = by_title[make_pdf.LIU]
    assert liu.date == DateSpan("2025-03-31", "2025-04-09", "day")
    assert liu.source.page == 6
    assert {"Italy", "Albania", "Laos"} <= {p.name for p in liu.places}


def test_pdf_page_labels_win_and_the_index_is_the_last_resort(tmp_path):
    fpdf_or_skip()
    labelled = make_pdf.build_magazine(tmp_path / "labelled.pdf", folios=False, page_labels=True)
    bare = make_pdf.build_magazine(tmp_path / "bare.pdf", folios=False, page_labels=False)
    german = "German representatives said"
    assert next(b.page for b in read_document(labelled).blocks if b.text.startswith(german)) == 4
    # No labels and no printed numbers: pages are counted from the cover, which makes printed page 04 the third.
    assert next(b.page for b in read_document(bare).blocks if b.text.startswith(german)) == 3


def test_pdf_word_hyphenated_across_a_page_break_is_joined_on_its_first_page(tmp_path):
    fpdf_or_skip()
    page_3, page_4 = make_pdf.PAGES[0], make_pdf.PAGES[1]
    ending = make_pdf.DIALOGUE_3_ON_03.replace("openness and", "open-")
    pages = [(3, [*page_3[1][:-1], ("para", ending)]),
             (4, [("para", f"ness and {make_pdf.DIALOGUE_3_ON_04}"), *page_4[1][1:]]), *make_pdf.PAGES[2:]]
    path = make_pdf.build_magazine(tmp_path / "hyphen.pdf", pages=pages)
    [block] = [b for b in read_document(path).blocks if b.text.startswith("President Ji said")]
    assert block.text == f"{make_pdf.DIALOGUE_3_ON_03} {make_pdf.DIALOGUE_3_ON_04}"
    assert block.page == 3


def test_regenerated_fixture_reads_like_the_committed_one(tmp_path):
    fpdf_or_skip()
    fresh = make_pdf.build_magazine(tmp_path / "fresh.pdf")
    assert pdf_to_text(fresh) == pdf_to_text(MAGAZINE_PDF)


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    fpdf_or_skip()
    path = make_pdf.build_magazine(tmp_path / "owner-only.pdf", user_password="")
    assert [b.page for b in read_document(path).blocks] == [b.page for b in read_document(MAGAZINE_PDF).blocks]


def test_pdf_page_cap(monkeypatch, caplog):
    monkeypatch.setattr(formats, "MAX_PDF_PAGES", 2)
    with caplog.at_level(logging.WARNING, logger="knowledge.formats"):
        text, _ = pdf_to_text(MAGAZINE_PDF)
    assert "reading the first 2 of 5 pages" in caplog.text
    assert make_pdf.DIALOGUE_1[:40] in text and "German representatives" not in text


# --- PDFs that cannot be read ------------------------------------------------------------------------------

def truncated(tmp_path: Path, size: int) -> Path:
    path = tmp_path / f"truncated-{size}.pdf"
    data = MAGAZINE_PDF.read_bytes()
    path.write_bytes(data[:size])  # a negative size cuts the end off
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: truncated(tmp, 10), "broken or truncated PDF"),
    (lambda tmp: truncated(tmp, 2000), "broken or truncated PDF"),
    (lambda tmp: truncated(tmp, -200), "broken or truncated PDF"),
    (lambda tmp: _write(tmp / "junk.pdf", b"not a pdf at all " * 200), "broken or truncated PDF"),
    (lambda tmp: _write(tmp / "empty.pdf", b""), "the file is empty"),
    (lambda tmp: _copy(FIXTURES / "encrypted.pdf", tmp), "encrypted PDF that needs a password"),
    (lambda tmp: _copy(FIXTURES / "image-only.pdf", tmp), "no text layer"),
])
def test_unreadable_pdf_raises_report_read_error_quickly(tmp_path, make, message):
    path = make(tmp_path)
    started = time.monotonic()
    with pytest.raises(ReportReadError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path.name}: ")
    assert message in str(info.value)
    assert time.monotonic() - started < 5


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _copy(source: Path, folder: Path) -> Path:
    return Path(shutil.copy(source, folder / source.name))


# --- the build -----------------------------------------------------------------------------------------------

def test_build_turns_an_unreadable_report_into_a_warning_and_reads_the_others(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(BRIEFING_TEXT, folder / "briefing.txt")
    (folder / "empty.txt").write_bytes(b"")
    corpus = build_corpus(folder)
    assert [r.id for r in corpus.reports] == ["briefing"]
    assert corpus.warnings == ["skipped empty.txt: the file is empty"]
    assert len(corpus.events) == 2


@pytest.mark.parametrize(("fixture", "text_fixture"), [(BRIEFING_HTML, BRIEFING_TEXT), (MAGAZINE_PDF, MAGAZINE_TEXT)])
def test_build_reads_web_pages_and_pdfs_like_their_text(tmp_path, fixture, text_fixture):
    as_file, as_text = tmp_path / "file", tmp_path / "text"
    as_file.mkdir()
    as_text.mkdir()
    shutil.copy(fixture, as_file / fixture.name)
    shutil.copy(text_fixture, as_text / text_fixture.name)
    from_file, from_text = build_corpus(as_file), build_corpus(as_text)
    assert from_file.warnings == [] and len(from_file.reports) == 1

    def facts(corpus):
        return [(e.title, e.date, e.places, tuple(m.name for m in e.organizations)) for e in corpus.events]

    assert facts(from_file) == facts(from_text)
    assert all(e.date and e.places and e.organizations for e in from_file.events)


def test_build_warns_about_each_unreadable_web_page_and_pdf(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(BRIEFING_TEXT, folder / "briefing.txt")
    shutil.copy(FIXTURES / "encrypted.pdf", folder / "encrypted.pdf")
    shutil.copy(FIXTURES / "image-only.pdf", folder / "image-only.pdf")
    (folder / "truncated.pdf").write_bytes(MAGAZINE_PDF.read_bytes()[:2000])
    (folder / "empty.html").write_bytes(b"")
    corpus = build_corpus(folder)
    assert [r.id for r in corpus.reports] == ["briefing"]
    assert sorted(w.split(":")[0] for w in corpus.warnings) == [
        "skipped empty.html", "skipped encrypted.pdf", "skipped image-only.pdf", "skipped truncated.pdf"]
