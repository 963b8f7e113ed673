"""The whole extraction on the bundled reports, and on small copied folders with broken parts."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz

from knowledge.build import Corpus, build_corpus, report_files
from knowledge.catalog import CATALOG_NAME, load_catalog
from knowledge.errors import CatalogError
from knowledge.records import DateSpan

REPORTS = Path(__file__).resolve().parents[2] / "reports"
SIRONET = "sironet-news-2018-h1"
MAGAZINE_2025 = "international-understanding-2025-vol1"
MAGAZINE_2020 = "international-understanding-2020-no1-2"
BRIEFING = "cdb-weekly-briefing-2025-12-21"
BEIJING = "beijing-people-to-people-diplomacy-2023"
SMALL = [f"{BEIJING}.txt", f"{BRIEFING}.txt"]  # the two small reports, for the copied folders


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return build_corpus(REPORTS)


def orgs_with_acronym(corpus: Corpus, acronym: str):
    return [o for o in corpus.orgs if acronym in o.acronyms]


def event_with(corpus: Corpus, report_id: str, text: str):
    found = [e for e in corpus.events if e.report_id == report_id and text in e.text]
    assert len(found) == 1, [e.title for e in found]
    return found[0]


def copy_reports(tmp_path: Path, files: list[str], catalog: bool = True) -> Path:
    """A reports folder with some of the bundled reports and, if asked, their catalog entries only."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in files:
        shutil.copyfile(REPORTS / name, folder / name)
    if catalog:
        data = yaml.safe_load((REPORTS / CATALOG_NAME).read_text(encoding="utf-8"))
        data["reports"] = [e for e in data["reports"] if e["file"] in files]
        (folder / CATALOG_NAME).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def build_files(tmp_path: Path, files: dict[str, str]) -> Corpus:
    """The corpus of a reports folder holding ``files`` (name -> text), without a catalog."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return build_corpus(folder)


# --- the bundled reports ------------------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    """An empty reports folder."""
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


def _page(folder: Path, name: str, text: str) -> None:
    """A saved page of a reports folder."""
    (folder / name).write_text(text, encoding="utf-8")

def test_every_bundled_report_loads_without_warnings(corpus):
    assert corpus.warnings == []
    assert sorted(r.id for r in corpus.reports) == sorted(p.stem for p in report_files(REPORTS))
    assert {r.id for r in corpus.reports} == {SIRONET, MAGAZINE_2025, MAGAZINE_2020, BRIEFING, BEIJING}


def test_catalog_facts_reach_the_report(corpus):
    sironet = next(r for r in corpus.reports if r.id == SIRONET)
    assert sironet.title == "Latest News of SIRONET International Exchanges (2018.1-2018.6)"
    assert sironet.issue_date == "2018-08-21"
    assert (sironet.covers_start, sironet.covers_end) == ("2018-01", "2018-06")


def test_sironet_2018_has_74_dated_events_all_in_2018(corpus):
    dated = [e for e in corpus.events if e.report_id == SIRONET and e.date is not None]
    assert len(dated) == 74
    assert all(e.date.start.startswith("2018-") and e.date.end.startswith("2018-") for e in dated)


def test_sironet_january_10_paragraph(corpus):
    event = event_with(corpus, SIRONET, "On January 10, the Dialogue between Parliament Speakers")
    assert event.date == DateSpan("2018-01-10", "2018-01-10", "day")
    assert event.title.startswith("The Dialogue between Parliament Speakers of North Europe")
    assert "Beijing" in {p.name for p in event.places}
    assert any(p.name == "Wang Hongyan" for p in event.people)


def test_sironet_in_january_paragraph_is_month_precision(corpus):
    event = event_with(corpus, SIRONET, "In January, 13 young volunteers of the eighth group")
    assert event.date == DateSpan("2018-01", "2018-01", "month")


def test_magazine_event_has_its_page_and_date(corpus):
    [event] = [e for e in corpus.events if e.report_id == MAGAZINE_2025
               and e.title == "Dialogue on Mutual Learning between Chinese and German Civilisations Successfully Held"]
    assert event.source.page == 3
    assert event.date == DateSpan("2024-11-28", "2024-11-28", "day")
    assert event.source.report_title == "International Understanding, Vol. 1, 2025"
    assert event.source.cite() == ("International Understanding, Vol. 1, 2025, p. 3 — Overseas Visits")


def test_magazine_headline_event_under_a_contents_section(corpus):
    [event] = [e for e in corpus.events if e.report_id == MAGAZINE_2025
               and e.title == "Exchange Event “Reading China in Cambodia” Held in Phnom Penh"]
    assert event.source.page == 20
    assert event.date == DateSpan("2025-03-12", "2025-03-12", "day")
    names = {m.name for m in event.organizations}
    assert {"China Foundation for Peace and Development", "Cambodian Chinese Evolution Researchers Association",
            "China NGO Network for International Exchanges"} <= names


def test_every_event_has_a_source_with_a_report_title(corpus):
    titles = {r.id: r.title for r in corpus.reports}
    assert corpus.events
    for event in corpus.events:
        assert event.source.report_title
        assert event.source.report_title == titles[event.report_id]
        assert event.source.report_id == event.report_id


# --- organisations and people merged across reports ------------------------------------------------

def test_cnie_is_one_profile(corpus):
    [cnie] = orgs_with_acronym(corpus, "CNIE")
    assert cnie.name == "China NGO Network for International Exchanges"
    assert cnie.acronyms == ("CNIE",)
    reports = {corpus.events[i - 1].report_id for i in cnie.event_ids}
    assert {BRIEFING, MAGAZINE_2020, MAGAZINE_2025} <= reports


def test_sco_peoples_forum_names_cnie(corpus):
    [cnie] = orgs_with_acronym(corpus, "CNIE")
    event = event_with(corpus, SIRONET, "First People’s Forum of Shanghai Cooperation Organization")
    assert cnie.id in {m.org_id for m in event.organizations}


def test_handover_ceremony_has_its_own_day(corpus):
    event = event_with(corpus, MAGAZINE_2020, "At 8 o'clock in the morning on May 4")
    assert event.date == DateSpan("2020-05-04", "2020-05-04", "day")
    # the building is the venue; the organisation is the office it belongs to (issue 11)
    assert "Prime Minister's Office of Cambodia" in {m.name for m in event.organizations}
    assert not any("Building" in m.name for m in event.organizations)


def test_organisation_names_are_names(corpus):
    """No profile keeps a full stop, a speaker's name or a headline's verb."""
    names = [name for o in corpus.orgs for name in (o.name, *o.aliases)]
    assert not [n for n in names if n.endswith(".") and not n.endswith(("Co.", "Inc.", "Ltd."))]
    speakers = {"Kurt Beck", "Ernest Wooden", "Goonatilleke", "Kahama", "Zhang Qian", "Xi Jinping"}
    assert not [n for n in names if any(n.endswith(s) for s in speakers)]
    assert not [n for n in names if any(f" {verb} " in f" {n} " for verb in ("Attended", "Participated", "Held"))]
    assert {"Beijing People’s Association for Friendship with Foreign Countries",
            "All-China Federation of Industry and Commerce",
            "Shanxi Hospital of Integrated Traditional and Western Medicine"} <= set(names)


def test_people_are_people(corpus):
    names = {p.name for p in corpus.people}
    assert {"Jennifer Shipley", "Ernest Wooden", "Yuthika Isarangkura", "Han Zhiqiang", "Ji Bingxuan"} <= names
    assert not [n for n in names if n.split()[-1] in ("Headed", "Led", "Met", "Attended", "CAFIU", "Former")]
    [shipley] = [p for p in corpus.people if p.name == "Jennifer Shipley"]
    assert [t.title for t in shipley.titles] == ["Former New Zealand Prime Minister"]


def test_cfpa_is_the_acronym_of_two_organisations(corpus):
    names = sorted(o.name for o in orgs_with_acronym(corpus, "CFPA"))
    assert names == ["China Family Planning Association", "China Foundation for Poverty Alleviation"]


def test_thai_chinese_and_thai_china_association_merge(corpus):
    [tccea] = orgs_with_acronym(corpus, "TCCEA")
    spellings = {tccea.name, *tccea.aliases}
    assert {"Thai-Chinese Culture and Economy Association", "Thai-China Culture and Economy Association"} <= spellings
    assert not [o for o in corpus.orgs if o.id != tccea.id and o.name in spellings]


def test_aslcscc_has_its_president(corpus):
    [aslcscc] = orgs_with_acronym(corpus, "ASLCSCC")
    assert aslcscc.name == "Association for Sri Lanka-China Social and Cultural Cooperation"
    assert "Indrananda Abeysekera" in {name for _, name, _ in aslcscc.people}


def test_liu_zhihua_has_titles_from_two_reports(corpus):
    [liu] = [p for p in corpus.people if p.name == "Liu Zhihua"]
    by_report = {t.source.report_id for t in liu.titles}
    assert by_report == {BRIEFING, MAGAZINE_2020}
    assert any("Hengshan" in t.title and t.source.report_id == BRIEFING for t in liu.titles)
    assert any("Peaceland" in t.title and t.source.report_id == MAGAZINE_2020 for t in liu.titles)
    orgs = {o.id: o.name for o in corpus.orgs}
    assert {orgs[t.org_id] for t in liu.titles if t.org_id} == {"Beijing Hengshan Foundation",
                                                                  "Beijing Peaceland Foundation"}


def test_event_mentions_point_at_existing_profiles(corpus):
    org_ids = {o.id for o in corpus.orgs}
    person_ids = {p.id for p in corpus.people}
    for event in corpus.events:
        assert {m.org_id for m in event.organizations} <= org_ids
        assert {m.person_id for m in event.people} <= person_ids


# --- catalog problems ------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad_date", ["2025-13-01", "21 December 2025", "2025-12-32"])
def test_catalog_with_a_bad_issue_date_raises(tmp_path, bad_date):
    folder = copy_reports(tmp_path, [f"{BRIEFING}.txt"])
    data = yaml.safe_load((folder / CATALOG_NAME).read_text(encoding="utf-8"))
    data["reports"][0]["issue_date"] = bad_date
    (folder / CATALOG_NAME).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogError, match="issue_date") as info:
        build_corpus(folder)
    assert f"{BRIEFING}.txt" in str(info.value)


def test_bundled_catalog_is_valid():
    catalog = load_catalog(REPORTS)
    assert f"{SIRONET}.txt" in catalog
    assert catalog[f"{SIRONET}.txt"].covers_start == "2018-01"


# --- unreadable and uncatalogued files --------------------------------------------------------------

def test_empty_and_binary_files_become_warnings_and_the_rest_loads(tmp_path):
    folder = copy_reports(tmp_path, SMALL)
    (folder / "empty-report.txt").write_bytes(b"")
    (folder / "scanned-report.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02\x00binary" * 100)
    corpus = build_corpus(folder)
    assert len(corpus.warnings) == 2
    assert any("empty-report.txt" in w for w in corpus.warnings)
    assert any("scanned-report.txt" in w for w in corpus.warnings)
    assert sorted(r.id for r in corpus.reports) == sorted([BEIJING, BRIEFING])
    assert {e.report_id for e in corpus.events} == {BEIJING, BRIEFING}


def test_file_without_catalog_entry_loads_with_title_from_its_text(tmp_path):
    folder = copy_reports(tmp_path, [f"{BEIJING}.txt"])
    shutil.copyfile(REPORTS / f"{BRIEFING}.txt", folder / "weekly-briefing.txt")
    corpus = build_corpus(folder)
    assert corpus.warnings == []
    report = next(r for r in corpus.reports if r.id == "weekly-briefing")
    assert report.title == ("China’s NGOs Global Exchange & Cooperation Weekly Briefing "
                            "(Week Ending December 21, 2025)")
    assert report.issue_date.startswith("2025")
    events = [e for e in corpus.events if e.report_id == "weekly-briefing"]
    assert events and all(e.source.report_title == report.title for e in events)
    humanitarian = next(e for e in events if "From December 17 to 20" in e.text)
    assert humanitarian.date == DateSpan("2025-12-17", "2025-12-20", "day")


def test_file_without_catalog_reads_date_and_publisher_from_its_metadata(tmp_path):
    folder = copy_reports(tmp_path, [f"{BEIJING}.txt"], catalog=False)
    [report] = build_corpus(folder).reports
    assert report.title == "Beijing's People-to-People Diplomacy (I): Social Organizations"
    assert report.issue_date == "2023-01-27"
    assert report.publisher == "Beijing Foreign Affairs Office"


def test_catalog_entry_for_a_missing_file_is_a_warning(tmp_path):
    folder = copy_reports(tmp_path, SMALL)
    (folder / f"{BEIJING}.txt").unlink()
    corpus = build_corpus(folder)
    assert corpus.warnings == [f"catalog lists {BEIJING}.txt, which is not in the folder"]
    assert [r.id for r in corpus.reports] == [BRIEFING]


def test_an_acronym_printed_as_an_organisation_has_a_profile(corpus):
    [sanco] = [o for o in corpus.orgs if o.name == "SANCO"]
    assert sanco.acronyms == ("SANCO",)
    assert [name for _, name, _ in sanco.people] == ["Richard Mdakane"]
    assert sanco.event_ids


def test_people_with_titles_in_lower_case_and_the_chief_editor(corpus):
    people = {p.name: p for p in corpus.people}
    assert people["Xue Ying"].titles[0].title.startswith("executive director of Center of Global Issues")
    assert people["Wang Wenbin"].titles[0].title == "Chinese Ambassador to Cambodia"
    chief = [t for t in people["Yuan Zhibing"].titles if t.title == "Chief Editor of International Understanding"]
    assert {t.source.report_id for t in chief} == {MAGAZINE_2025, MAGAZINE_2020}


def test_background_and_follow_up_paragraphs_stay_in_their_article(corpus):
    mongolia = event_with(corpus, MAGAZINE_2020, "73th World Health Assembly")
    assert mongolia.title.startswith("China-Mongolia") and mongolia.date.start == "2020-05-19"
    guangxi = event_with(corpus, MAGAZINE_2020, "a box of Lianhua Qingwen Capsule")
    assert guangxi.title.startswith("Guangxi Will Always") and guangxi.date.start == "2020-04-22"
    assert not [e for e in corpus.events if e.title.startswith("Representatives at the UN Human Rights Council")]
    joining = [e for e in corpus.events if e.title.startswith("Joining Hands to Fight COVID-19")]
    assert [e.date.start for e in joining] == ["2020-05-20"]  # from the editor's note before it


# --- merging: keyed indexes, ids never reused -----------------------------------------------------------

def test_org_cluster_ids_are_never_reused_after_a_merge():
    from knowledge.build import _OrgIndex

    index = _OrgIndex()
    first = index.add("Alpha Beta Foundation")
    index.add("Gamma Delta Society")
    variant = index.add("Alpha Beta Foundation of Shanghai")
    index.define("Alpha Beta Foundation", "ABF")
    index.define("Alpha Beta Foundation of Shanghai", "ABF")  # similar name, same acronym: one cluster
    assert index.find("Alpha Beta Foundation of Shanghai") == first and variant not in index.names
    live = set(index.names)
    new = index.add("Epsilon Zeta Council")  # a new name after a merge gets an id no cluster ever had
    assert new not in live and new != variant
    assert set(index.names[new]) == {"Epsilon Zeta Council"}
    assert set(index.names[index.find("Gamma Delta Society")]) == {"Gamma Delta Society"}


def test_a_new_org_name_always_starts_its_own_cluster():
    """Random adds and acronym definitions: a name with a key never seen joins no other name."""
    import random

    from knowledge.build import _OrgIndex

    rnd = random.Random(3)
    heads = ["Foundation", "Association", "Society", "Council", "Network"]
    words = ["Amber", "Birch", "Cedar", "Delta", "Ember", "Fjord", "Grove", "Harbor", "Iris", "Juniper"]
    index = _OrgIndex()
    given: set[int] = set()
    for _ in range(600):
        name = f"{rnd.choice(words)} {rnd.choice(words)} {rnd.choice(heads)}"
        if rnd.random() < 0.3:
            name += f" of {rnd.choice(words)}"
        new = index.find(name) is None
        if rnd.random() < 0.4:
            index.define(name, "".join(w[0] for w in name.split() if w[0].isupper()))
        else:
            index.add(name)
        cid = index.find(name)
        if new and cid not in given:
            given.add(cid)
        elif new:  # merged by its acronym into a cluster of a similar name: never into an unrelated one
            assert any(fuzz.token_set_ratio(name.lower(), n.lower()) >= 80 for n in index.names[cid] if n != name)
    assert len(given) == len(set(given))


def test_person_spellings_merge_by_surname_block_as_by_comparing_all():
    from knowledge.build import _PersonIndex, _person_key

    names = ["Liu Hongcai", "Liu Hongcay", "Wang Wei", "Wang Wie", "Zhang Wei", "Li Hongcai", "Liu Hong Cai",
             "Ernest Wooden", "Ernest Wodden", "Ernst Wooden", "Mary Liu", "Liu Hongcai"]
    index = _PersonIndex()
    ids = [index.add(n) for n in names]
    # the all-pairs rule: the earliest earlier name of as many words, same first or last word, ratio >= 90
    expected: dict[str, int] = {}
    out = []
    for n in names:
        key = _person_key(n)
        if key not in expected:
            match = next((i for k, i in expected.items() if len(k.split()) == len(key.split())
                          and fuzz.ratio(k, key) >= 90 and (k.split()[-1] == key.split()[-1]
                                                           or k.split()[0] == key.split()[0])), 0)
            expected[key] = match or len(set(expected.values())) + 1
        out.append(expected[key])
    assert ids == out
    assert ids[0] == ids[1] == ids[-1] and ids[7] == ids[8] and len(set(ids)) >= 5


def test_a_second_build_with_a_cache_extracts_nothing_and_gives_the_same_corpus(tmp_path):
    from knowledge.cache import BuildCache

    folder = copy_reports(tmp_path, SMALL)
    plain = build_corpus(folder)
    with BuildCache.open(tmp_path / "cache.sqlite") as cache:
        first = build_corpus(folder, cache=cache)
        second = build_corpus(folder, cache=cache)
        assert (first.extracted, first.cached) == (2, 0) and (second.extracted, second.cached) == (0, 2)
        for c in (first, second):
            assert (c.reports, c.events, c.orgs, c.people) == (plain.reports, plain.events, plain.orgs, plain.people)
        # one changed report is extracted again, the other comes from the cache
        path = folder / SMALL[1]
        path.write_text(path.read_text(encoding="utf-8").replace("Putian", "Battambang"), encoding="utf-8")
        third = build_corpus(folder, cache=cache)
        assert (third.extracted, third.cached) == (1, 1)
        assert any("Battambang" in e.text for e in third.events)
        # a catalog entry that changes (the title) makes that report's extraction stale too
        catalog = yaml.safe_load((folder / CATALOG_NAME).read_text(encoding="utf-8"))
        catalog["reports"][0]["title"] = "A new title"
        (folder / CATALOG_NAME).write_text(yaml.safe_dump(catalog, allow_unicode=True), encoding="utf-8")
        fourth = build_corpus(folder, cache=cache)
        assert (fourth.extracted, fourth.cached) == (1, 1)
        assert {e.source.report_title for e in fourth.events} >= {"A new title"}
        assert cache.counts()["extractions"] == 2  # old contents of changed reports are dropped


def test_a_cache_of_another_extractor_version_is_stale(tmp_path, monkeypatch):
    import knowledge.build as build
    from knowledge.cache import BuildCache

    folder = copy_reports(tmp_path, SMALL[:1])
    with BuildCache.open(tmp_path / "cache.sqlite") as cache:
        assert build_corpus(folder, cache=cache).extracted == 1
        monkeypatch.setattr(build, "extractor_version", lambda: "another-version")
        again = build_corpus(folder, cache=cache)
        assert (again.extracted, again.cached) == (1, 0)
        assert build_corpus(folder, cache=cache).cached == 1


def test_a_damaged_cache_file_is_started_anew(tmp_path):
    from knowledge.cache import BuildCache

    folder = copy_reports(tmp_path, SMALL[:1])
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is no SQLite file at all" * 100)
    with BuildCache.open(path) as cache:
        corpus = build_corpus(folder, cache=cache)
    assert corpus.extracted == 1 and corpus.events
    with BuildCache.open(path) as cache:
        cache._conn.execute("UPDATE extractions SET data = x'00ff00'")  # a damaged entry
        cache._conn.commit()
        again = build_corpus(folder, cache=cache)
    assert (again.extracted, again.cached) == (1, 0) and again.events == corpus.events

# --- issue 11: items, dates and prefaces ------------------------------------------------------------

def test_sironet_preface_is_no_event(corpus):
    assert not any(e.report_id == SIRONET and "In order to share the latest news" in e.text for e in corpus.events)


def test_beijing_report_gives_one_event_per_activity(corpus):
    events = [e for e in corpus.events if e.report_id == BEIJING]
    peaceland = [e for e in events if any("Peaceland" in o.name for o in e.organizations)]
    # grants in Syria, aid to Afghanistan, rescue teams, stoves for Cambodia, Pakistan floods, Tanzania drones
    assert len(peaceland) >= 6
    for country in ("Syria", "Afghanistan", "Cambodia", "Pakistan", "Tanzania"):
        assert sum(country in {p.name for p in e.places} for e in peaceland) == 1, country
    covid = [e for e in events if "New Sunshine Charity Foundation" in e.text or "Dragon Design Foundation" in e.text]
    assert len(covid) == 2
    assert {e.date.start for e in covid if e.date} == {"2020-03", "2020"}
    cop27 = event_with(corpus, BEIJING, "COP27")
    assert cop27.date == DateSpan("2022", "2022", "year")


def test_a_year_left_out_comes_from_the_page_and_says_so(tmp_path):
    corpus = build_files(tmp_path, {
        "relief-notes-2022-08-26.txt": (
            "Relief notes\n\nOn Thursday, 25 August, the Cambodian Red Cross Society handed rice to a school in Phnom "
            "Penh, its third donation of the kind this year.\n"),
        "bulletin.txt": (
            "HUMANITARIAN BULLETIN\nFirst Quarter 2023\n\nOn February 6, the Red Cross Society of China gave the "
            "Turkish Red Crescent 200,000 US dollars in cash after the earthquake.\n\nOn March 23, the Red Cross "
            "Society of China gave the Malawi Red Cross Society 100,000 US dollars in cash.\n"),
    })
    by_report = {e.report_id: e for e in corpus.events}
    dated = by_report["relief-notes-2022-08-26"].date
    assert (dated.start, dated.year_from) == ("2022-08-25", "file name")
    bulletin = sorted(e.date.start for e in corpus.events if e.report_id == "bulletin")
    assert bulletin == ["2023-02-06", "2023-03-23"]
    assert all(e.date.year_from == "title" for e in corpus.events if e.report_id == "bulletin")


def test_pages_without_events_give_none_and_say_so_by_name(tmp_path):
    corpus = build_files(tmp_path, {
        "nav-only.html": (
            '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><div class="menu"><ul>'
            '<li><a href="/a">About us</a></li><li><a href="/b">Our projects</a></li><li><a href="/c">Contact</a>'
            '</li></ul></div><div><a href="/e">Privacy policy</a> | <a href="/f">Terms of use</a></div></body></html>'),
        "chinese-only.txt": (
            "中国民间组织国际交流促进会\n\n2025年3月12日，中国和平发展基金会在柬埔寨金边举办“阅读中国”交流活动。\n"),
        "no-dates.txt": (
            "About the Friendship Network\n\nThe network brings together associations from many countries that want "
            "to understand each other better. It publishes stories about their members.\n\nMembers meet to share "
            "ideas and to plan exchanges between young people, artists and teachers.\n"),
        "plain-paragraphs.txt": (
            "The Amity Foundation sent relief goods to flood victims in Pakistan on 12 September 2022, working with "
            "local partners in Sindh.\n\nOn 3 October 2022, the foundation opened a training course for community "
            "health workers in Nairobi, Kenya, with the Kenya Red Cross Society.\n"),
    })
    # A page in Chinese is read since issue 11 (knowledge.extract_zh): its dated paragraph is an event.
    assert {e.report_id for e in corpus.events} == {"plain-paragraphs", "chinese-only"}
    zh = next(e for e in corpus.events if e.report_id == "chinese-only")
    assert zh.date.start == "2025-03-12" and [p.name for p in zh.places] == ["Phnom Penh"]
    for name in ("nav-only.html", "no-dates.txt"):
        assert any(name in w for w in corpus.warnings), name
    # an unrecognised layout: its paragraphs are the items, each with its date and place
    events = sorted((e for e in corpus.events if e.report_id == "plain-paragraphs"), key=lambda e: e.date.start)
    assert [e.date.start for e in events] == ["2022-09-12", "2022-10-03"]
    assert [(p.name, p.country) for p in events[1].places] == [("Nairobi", "Kenya")]


def test_one_acronym_for_two_organisations_stays_two_profiles_told_apart_by_context(tmp_path):
    corpus = build_files(tmp_path, {
        "digest.txt": (
            "Friendship digest\n\n"
            "On 3 July 2024, the Sri Lanka-China Friendship Association (SLCFA) held a photo exhibition in Colombo.\n\n"
            "On 6 July 2024, the Sierra Leone-China Friendship Association (SLCFA) opened a Chinese language class in "
            "Freetown.\n\n"
            "On 20 July 2024, the SLCFA and a hospital in Freetown held a free clinic for mothers and children.\n\n"
            "On 22 July 2024, the SLCFA invited young writers to a reading of Chinese poems in Kandy, Sri Lanka.\n"),
    })
    profiles = {o.name: o for o in corpus.orgs if "SLCFA" in o.acronyms}
    assert set(profiles) == {"Sri Lanka-China Friendship Association", "Sierra Leone-China Friendship Association"}
    by_date = {e.date.start: {o.name for o in e.organizations} for e in corpus.events}
    assert by_date["2024-07-20"] == {"Sierra Leone-China Friendship Association"}
    assert by_date["2024-07-22"] == {"Sri Lanka-China Friendship Association"}


def test_a_listing_saved_as_text_keeps_every_item(tmp_path):
    corpus = build_files(tmp_path, {
        "listing.txt": (
            'Search results for "friendship"\n\n'
            "Friendship association opens photo show in Colombo\n12 March 2023\nThe Sri Lanka-China Friendship "
            "Association opened a photo exhibition on the Silk Road at the National Art Gallery in Colombo on "
            "Sunday... Read more »\n\n"
            "Young writers read Chinese poems in Kandy\n20 March 2023\nMembers of the association invited young Sri "
            "Lankan writers to read Chinese poems in translation at a library in Kandy on 18 March... Read more »\n\n"
            "Medical team visits rural clinics\nThe Amity Foundation (爱德基金会) sent a medical team to three rural "
            "clinics near Kandy on 25 March, where doctors saw more than 400 patients... Read more »\n"),
        "mixed.txt": (
            "China Foundation for Peace and Development (中国和平发展基金会) news\n\n"
            "On 4 April 2023, the China Foundation for Peace and Development (中国和平发展基金会) handed over a school "
            "library in Siem Reap, Cambodia, to the provincial education department.\n\n"
            "On 9 April 2023, the foundation's Myanmar office distributed rice to 500 families in Yangon.\n"),
    })
    listing = sorted((e for e in corpus.events if e.report_id == "listing"), key=lambda e: e.date.start)
    assert [e.title for e in listing] == ["Friendship association opens photo show in Colombo",
                                          "Young writers read Chinese poems in Kandy", "Medical team visits rural clinics"]
    assert [e.date.start for e in listing] == ["2023-03-12", "2023-03-18", "2023-03-25"]  # own dates, not the lines'
    assert [p.name for p in listing[0].places] == ["Colombo"]
    mixed = sorted(e.date.start for e in corpus.events if e.report_id == "mixed")
    assert mixed == ["2023-04-04", "2023-04-09"]  # a paragraph with Chinese characters near the top is kept


def test_descriptions_come_from_defining_sentences_or_stay_empty(corpus):
    cnie = next(o for o in corpus.orgs if "CNIE" in o.acronyms)
    assert cnie.description is None or "launching" not in cnie.description
    sironet = next(o for o in corpus.orgs if "SIRONET" in o.acronyms)
    assert sironet.description and "was founded" in sironet.description


def test_spelling_variants_share_one_profile(corpus):
    names = [o.name for o in corpus.orgs]
    assert not any(n.endswith("Exchangesand") for n in names)
    variants = [o for o in corpus.orgs if o.name.startswith("Beijing NGO") and "Network" in o.name]
    assert len(variants) == 1


def test_a_page_without_a_publication_date_takes_years_from_the_item_and_its_neighbours(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    # a keyword listing, newest first, whose items print a year only now and then
    (folder / "keyword-listing.txt").write_text(
        "Keyword: Friendship Schools\n\n"
        "Rural teachers from Laos train in Kunming\n\n"
        "On October 14th, the Yunnan Friendship Foundation opened a training course for thirty rural teachers "
        "from Laos in Kunming. The course grew out of an agreement the foundation signed with the Lao Ministry "
        "of Education on March 23rd 2019, and runs for one month …read more\n\n"
        "Second friendship school opens in Luang Prabang\n\n"
        "The Mekong Children's Foundation handed over its second friendship school in Luang Prabang, Laos on "
        "August 2nd 2019. Two hundred pupils began lessons there the next week …read more\n\n"
        "Library van tours villages near Vientiane\n\n"
        "On July 20th, a library van funded by the Mekong Children's Foundation started a tour of twelve villages "
        "near Vientiane, lending books to pupils during the summer holidays …read more\n", encoding="utf-8")
    corpus = build_corpus(folder)
    dates = {e.title: (e.date.start, e.date.year_from) for e in corpus.events}
    assert dates["Rural teachers from Laos train in Kunming"] == ("2019-10-14", "a date the item gives")
    assert dates["Second friendship school opens in Luang Prabang"] == ("2019-08-02", None)
    assert dates["Library van tours villages near Vientiane"] == ("2019-07-20", "a neighbouring item's date")


def test_a_dateline_gives_way_to_the_day_its_lead_names(tmp_path):
    corpus = build_files(tmp_path, {
        "story.txt": (
            "Youth orchestra plays for hospital patients\n\n"
            "PHNOM PENH, May 27, 2024 -- Thirty young musicians of the Khmer-China Youth Orchestra gave a concert "
            "for patients of the Calmette Hospital on 26 May, the orchestra's director Sok Dara said.\n\n"
            "The orchestra was founded in 2019 with help from the Cambodia-China Friendship Association.\n"),
        "web-story.txt": (
            "Teachers' unions meet in Hanoi\n\n"
            "By Le Van An\nNews Online, May 27, 2015\nAdjust font size:\n\n"
            "Unions of teachers from six Asian countries met in Hanoi on Tuesday to share how they train young "
            "teachers in rural schools, the Vietnam Education Trade Union said.\n"),
    })
    by_report = {e.report_id: e for e in corpus.events}
    assert by_report["story"].date.start == "2024-05-26"
    # 27 May 2015 was a Wednesday: "on Tuesday" is the day before
    assert by_report["web-story"].date.start == "2015-05-26"
    # a story without headlines in its body takes the line above it as its headline
    assert by_report["web-story"].title == "Teachers' unions meet in Hanoi"


def test_a_misspelt_name_joins_its_profile_and_a_short_name_links_its_organisation(tmp_path):
    corpus = build_files(tmp_path, {
        "digest.txt": (
            "Health digest\n\n"
            "On 3 March 2024, the World Society of Physiotherapy Schools held a workshop in Accra, Ghana.\n\n"
            "On 9 March 2024, the World Society of Physiotherpy Schools sent teachers to a clinic in Kumasi.\n\n"
            "On 12 March 2024, the Shanxi Rural Health Association and the Shaanxi Rural Health Association "
            "signed an agreement with the Zentavo Development Foundation in Xi'an.\n\n"
            "On 20 March 2024, Zentavo also donated two ambulances to a hospital in Tamale, Ghana.\n"),
    })
    names = {o.name for o in corpus.orgs}
    assert "World Society of Physiotherapy Schools" in names
    assert "World Society of Physiotherpy Schools" not in names  # a misspelling, merged
    # two provinces a letter apart are two bodies
    assert {"Shanxi Rural Health Association", "Shaanxi Rural Health Association"} <= names
    last = next(e for e in corpus.events if e.date.start == "2024-03-20")
    assert [o.name for o in last.organizations] == ["Zentavo Development Foundation"]


def test_an_update_page_a_press_release_and_a_story_with_a_standfirst(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    # updates under day lines, newest first, below the first report
    (folder / "relief-updates.txt").write_text(
        "Relief for flood victims in Sindh - Updates\n\n"
        "On October 3 to 7, the Lotus Relief Foundation gave food parcels to 2,100 families in Sukkur whose "
        "homes were flooded in August. Each parcel held flour, oil, lentils and soap for one month.\n\n"
        "September 20\n\n"
        "On Tuesday, September 20, 2022, the foundation's board approved a second grant of 80,000 US dollars "
        "for clean water in Sukkur and Larkana.\n\n"
        "September 2\n\n"
        "Boats reach cut-off villages\n\n"
        "The floods have covered villages near Larkana since the end of August, and the foundation's boats "
        "brought water and medicine to 600 families.\n", encoding="utf-8")
    # a press release: bullets under the title, a dateline, the lead's own dates
    (folder / "press-release.txt").write_text(
        "Entrepreneurs Fund Schools in Malawi\n\nBy the Lakeside Business Association, Wire\nMonday, May 9, 2016\n\n"
        "LILONGWE, May 9, 2016 -\n\n- Ten Schools to Open by 2018\n\n"
        "On Sep.3, 2015, the Lakeside Business Association began building ten primary schools in Malawi with "
        "money from its members, and the first two opened in Lilongwe in April this year.\n", encoding="utf-8")
    # a story whose photo caption is printed twice above the byline
    (folder / "story-2021-06-28.txt").write_text(
        "Foundation Sends Masks to Three Countries\n\n"
        "At the end of May, the Hope Bridge Foundation sent masks to Malawi.\n"
        "At the end of May, the Hope Bridge Foundation sent masks to Malawi.\n"
        "By Ann Lee June 28th, 2021\n\n"
        "As of June 15, the Hope Bridge Foundation has sent 120,000 masks to Malawi, Zambia and Uganda, "
        "according to the foundation's office in Lilongwe.\n", encoding="utf-8")
    corpus = build_corpus(folder)
    by_report: dict[str, list] = {}
    for e in corpus.events:
        by_report.setdefault(e.report_id, []).append(e)
    updates = by_report["relief-updates"]
    assert [e.date.start for e in updates] == ["2022-10-03", "2022-09-20", "2022-09-02"]
    release = by_report["press-release"]
    assert release[0].title == "Entrepreneurs Fund Schools in Malawi"
    assert release[0].date.start == "2015-09-03"
    story = by_report["story-2021-06-28"]
    assert [(e.title, e.date.start) for e in story] == [("Foundation Sends Masks to Three Countries", "2021-06-15")]


def test_a_publication_stamp_dates_the_story_below_it_and_a_subsection_goes_on_with_its_article(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    # a stamp with a time of day, then "On October 29" without its year: the October before the stamp
    (folder / "provincial-news.txt").write_text(
        "Hill Province Friendship Council holds its first plenary meeting\n\n"
        "Liaison office Hill Province Friendship Council 2022-11-02 09:15 Published on Hill Province\n\n"
        "On October 29, the first plenary meeting of the Hill Province Friendship Council was held in Lakeside. "
        "About 120 guests from universities, hospitals and social organizations attended the meeting.\n",
        encoding="utf-8")
    # a feature with a subheading: the section under it points back to the story and has no date
    (folder / "feature.txt").write_text(
        "Mei Lan\n"
        "At the invitation of the Coastal Association for Neighbourly Understanding, a 12-member delegation of "
        "teachers and journalists from Fiji and Samoa visited China between August 3 and 9. The members of the "
        "delegation came to learn about rural schools and village clinics.\n"
        "Harbour City: Schools That Open Their Doors to the World\n"
        "During their stay in Harbour City, Deng Hua, Vice-President of the association, met with the "
        "delegation and the guests visited two vocational schools and a museum of the sea.\n",
        encoding="utf-8")
    corpus = build_corpus(folder)
    [story] = [e for e in corpus.events if e.report_id == "provincial-news"]
    assert story.date.start == "2022-10-29"
    assert story.title == "Hill Province Friendship Council holds its first plenary meeting"
    feature = [e for e in corpus.events if e.report_id == "feature"]
    assert len(feature) == 1
    assert "Harbour City" in feature[0].text and "Deng Hua" in {p.name for p in corpus.people}
    # the byline above the story is no title; "between August 3 and 9" is a range
    assert feature[0].title.startswith("At the invitation of")


def test_numeric_and_ordinal_dates_and_a_newsletter_of_bylined_items(tmp_path):
    corpus = build_files(tmp_path, {
        "fund-launch.txt": (
            "River Schools Fund launched in Chengdu\n\n"
            "Time:2021/05/20 Source: Foundation news\n\n"
            "On May 12th, the Bridge Peace Foundation launched the River Schools Fund in Chengdu with a first "
            "grant of 3 million yuan for village schools in Laos.\n\n"
            "The fund's first teachers' workshop was held on the 18th of May in Vientiane.\n"),
        "weekly-digest.txt": (
            "Weekly Digest – March 4th to March 10th, 2019\n\n"
            "Lin Tao: Small charities must learn to report their work abroad\n"
            "By Gao Ming 高明, Charity Daily 公益日报, March 5, 2019.\n"
            "Lin Tao, director of a charity network, argues that small charities working in Myanmar and Laos must "
            "publish plain reports of their projects for donors at home. (Chinese)\n\n"
            "Village doctors, flood relief and the long road back\n"
            "By Sun Yi 孙怡, Rural Times 农村时报, March 7, 2019.\n"
            "A report on village doctors who returned to work in flooded counties of Guangxi, and on the charities "
            "that paid for their medicine. (Chinese)\n"),
    })
    fund = [e for e in corpus.events if e.report_id == "fund-launch"]
    assert fund[0].date.start == "2021-05-12"
    digest = {e.title: e.date.start for e in corpus.events if e.report_id == "weekly-digest"}
    assert digest == {"Lin Tao: Small charities must learn to report their work abroad": "2019-03-05",
                      "Village doctors, flood relief and the long road back": "2019-03-07"}


def test_rows_of_a_table_and_a_timeline_of_numeric_dates_are_items(tmp_path):
    corpus = build_files(tmp_path, {
        "activity-annex.txt": (
            "ANNEX 1\nActivities of the Harbour Friendship Society, 2012-2019\n\n"
            "No. | Date          | Place           | Activity\n"
            "----+---------------+-----------------+------------------------------------------------------\n"
            "1   | 4-6 May 2012  | Suva, Fiji      | A delegation of the Harbour Friendship Society, led by its president Hu Ling, "
            "attended a forum of Pacific island teachers' unions and visited two secondary schools in the capital.\n"
            "2   | 12 Aug 2019   | Apia, Samoa     | The society donated 300 school desks to village schools and its vice "
            "president Ma Rui handed them over to the Samoan Ministry of Education at a ceremony in the capital.\n"),
        "milestones.txt": (
            "Our milestones\n\n"
            "A short timeline of the friendship society's work with partners abroad, oldest first.\n\n"
            "23.04.2014 The Harbour Friendship Society signs its first agreement with the Fiji Teachers' Union in "
            "Suva, promising yearly exchanges of teachers and books between the two sides.\n\n"
            "21.11.2018 Forty teachers from Samoa and Tonga finish a three-week training course run by the society "
            "in Ningbo, the largest group it has trained so far.\n"),
    })
    annex = sorted((e.date.start, e.title) for e in corpus.events if e.report_id == "activity-annex")
    assert [d for d, _ in annex] == ["2012-05-04", "2019-08-12"]
    assert annex[0][1].startswith("A delegation of the Harbour Friendship Society")
    assert annex[1][1].startswith("The society donated 300 school desks")
    timeline = sorted((e.date.start, " ".join(e.title.split()[:4])) for e in corpus.events if e.report_id == "milestones")
    assert timeline == [("2014-04-23", "The Harbour Friendship Society"), ("2018-11-21", "Forty teachers from Samoa")]


def test_misspelt_variants_join_whichever_comes_first():
    from knowledge.build import _OrgIndex

    index = _OrgIndex()
    first = index.add("Acme Physiotherpy Schools")  # the misspelling comes first
    assert index.add("Lima Physiotherapy Institute") != first  # other words: another body
    assert index.add("Acme Physiotherapy Schools") == first  # the English word finds it
    assert index.add("Acme Physiotherapu Schools") == first  # and a later misspelling finds either
    assert index.add("Acme Zorbatrony Schools") != first  # a strange word is no misspelling of a strange word
    assert index.add("Acme Physiology Schools") != first  # two words of English stay apart


def test_a_name_in_a_title_is_found_between_word_boundaries_as_re_finds_it():
    import re

    from knowledge.build import _has_word

    titles = ["President of CFPA", "CFPA's chair", "Head of XCFPA", "Chair, CFPA_2", "Dean (CFPA)", "CFPA",
              "Director of Amity Foundation.", "Amity Foundationé", "é Amity Foundation", "of U.S. office",
              "the U.S.", "中国CFPA", "CFPA中国", "CFPA1", "A-CFPA-B", ""]
    parts = ["CFPA", "Amity Foundation", "U.S.", "U.S", ".S.", "(CFPA)", "CFPA_", "中国", "é", "A", "-", " "]
    for title in titles:
        for part in parts:
            assert _has_word(title, part) == bool(re.search(rf"\b{re.escape(part)}\b", title)), (title, part)


def test_a_name_printed_without_its_place_or_with_the_place_after_it_is_one_profile(tmp_path):
    corpus = build_files(tmp_path, {
        "digest.txt": (
            "Charity digest\n\n"
            "On 3 July 2024, the Chengdu Lanxin Foundation sent tents and blankets to villages in the hills of Nepal "
            "that the floods had cut off.\n\n"
            "On 6 July 2024, the Lanxin Foundation opened a primary school for two hundred children in a village near "
            "Pokhara.\n\n"
            "On 9 July 2024, the Lanxin Foundation of Chengdu trained forty teachers of rural schools at a centre in "
            "Kathmandu.\n\n"
            "On 12 July 2024, the Hope Foundation, the Beijing Hope Foundation and the Wuhan Hope Foundation met in "
            "Lhasa to plan their work in the region.\n"),
    })
    lanxin = [o for o in corpus.orgs if "Lanxin" in o.name]
    assert len(lanxin) == 1 and len(lanxin[0].event_ids) == 3
    assert lanxin[0].name in ("Chengdu Lanxin Foundation", "Lanxin Foundation of Chengdu")
    # a name of English words could be any city's body: it stays apart
    assert {o.name for o in corpus.orgs if "Hope" in o.name} == {"Hope Foundation", "Beijing Hope Foundation",
                                                                "Wuhan Hope Foundation"}


def test_a_unit_named_with_its_owners_acronym_or_in_another_order_is_one_profile(tmp_path):
    corpus = build_files(tmp_path, {
        "digest.txt": (
            "Charity digest\n\n"
            "On 3 July 2024, the Lotus Relief Foundation (LRF) sent tents and blankets to villages in the hills of "
            "Nepal that the floods had cut off.\n\n"
            "On 6 July 2024, the Nepal Office of the Lotus Relief Foundation opened a primary school for two hundred "
            "children near Pokhara.\n\n"
            "On 9 July 2024, the LRF Nepal Office trained forty teachers of rural schools at a centre in "
            "Kathmandu.\n\n"
            "On 12 July 2024, the Nepal Office of the LRF handed over two clinics to the health department of the "
            "district.\n"),
    })
    offices = [o for o in corpus.orgs if "Office" in o.name]
    assert len(offices) == 1 and len(offices[0].event_ids) == 3


def test_a_colophon_is_read_from_the_front_pages(tmp_path: Path) -> None:
    from knowledge.build import _colophon
    from knowledge.ingest import read_document
    path = tmp_path / "review-2021.txt"
    path.write_text("THE REVIEW\n\nSponsor:\n\nSociety for Mutual Learning\n\nChief Editor:\n\nLi Ming\n\n"
                    "International Standard Serial\nNumber:\n\nISSN 1234-567X\n\nAddress:\n\n12 Garden Road Shanghai China\n"
                    "Postcode: 200000\n\nTel: 21 5555 0101\n\nhttp: //www.review.example.org\n\n"
                    "E-Mail: editors@review.example.org\n\nCONTENTS\n\nOn March 3, 2021, the Society held a forum in "
                    "Shanghai on river protection with partners from Laos and Cambodia.\n", encoding="utf-8")
    got = dict(_colophon(read_document(path)))
    assert got["Sponsor"] == "Society for Mutual Learning" and got["ISSN"] == "1234-567X"
    assert got["Address"] == "12 Garden Road Shanghai China" and got["Postcode"] == "200000"
    assert got["Tel"] == "21 5555 0101" and got["Website"] == "www.review.example.org"
    assert got["E-mail"] == "editors@review.example.org"
    # a report that prints none
    plain = tmp_path / "news.txt"
    plain.write_text("Weekly News\n\nOn March 3, 2021, a forum was held in Shanghai.\n", encoding="utf-8")
    assert _colophon(read_document(plain)) == ()


def test_one_acronym_of_two_names_that_differ_by_their_country_is_two_profiles(tmp_path):
    # all words but the country alike, so the names look like one name's variants; the countries differ
    corpus = build_files(tmp_path, {
        "kabul.txt": (
            "Friendship news\n\nOn 14 August 2015, the Vice President met a delegation of the Afghanistan China "
            "Friendship Association (ACFA) in Beijing and invited the ACFA to a forum.\n"),
        "tirana.txt": (
            "Delegation news\n\nOn 2 April 2025, the delegation met the President of the Albania-China Friendship "
            "Association (ACFA) in Tirana, who spoke of fifty years of the ACFA.\n"),
    })
    profiles = {o.name: o for o in corpus.orgs if "ACFA" in o.acronyms}
    assert set(profiles) == {"Afghanistan China Friendship Association", "Albania-China Friendship Association"}
    assert not any(o.aliases for o in profiles.values())


def test_a_page_without_a_catalog_entry_takes_its_outlet_and_address_from_its_own_lines(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _page(folder, "solar.txt",
        "URL: https://example.org/p/7788.html\n\nVillages get solar lamps\n\n"
        "Updated: May 3, 2031 Source: Riverside Daily Online\n\n"
        "On April 28, 2031, a Shenzhen foundation gave 300 solar lamps to two villages in Magway, Myanmar.\n")
    _page(folder, "forum-zh.txt",
        "民间组织论坛在昆明举行\n2031年5月6日,民间组织论坛在昆明举行,70多位代表参加。\n"
        "项目资金来源:企业捐赠。\n稿件来源为: 云岭日报。如发现差错,请与我们联系。\n")
    corpus = build_corpus(folder)
    by_id = {r.id: r for r in corpus.reports}
    assert by_id["solar"].publisher == "Riverside Daily Online"
    assert by_id["solar"].url == "https://example.org/p/7788.html"
    assert by_id["forum-zh"].publisher == "云岭日报"  # (not where a project's money came from)


def test_a_reporter_credited_in_brackets_on_a_chinese_page_is_its_author(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _page(folder, "end-credit.txt",
        "青年论坛在昆明举行\n2031年5月6日,青年论坛在昆明举行,70多位代表参加。\n下届论坛将于2033年举办。(记者杨小然)\n")
    _page(folder, "head-credit.txt",
        "爱心书包送到尼泊尔\n【滇池网报道 记者 安小绮】2031年5月6日,基金会在加德满都向学生发放书包。\n")
    _page(folder, "photo-credit.txt",
        "青年论坛在昆明举行\n2031年5月6日,青年论坛在昆明举行,70多位代表参加。(图/记者 张三摄)\n")
    by_id = {r.id: r for r in build_corpus(folder).reports}
    assert by_id["end-credit"].author == "杨小然" and by_id["head-credit"].author == "安小绮"
    assert not by_id["photo-credit"].author  # a photographer's credit is no byline


def test_a_newspapers_name_printed_beside_the_day_above_a_story_is_its_outlet(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _page(folder, "dairy.txt",
        "Valley Courier & Gazette, June 2, 2031\n\nVisitors from Yunnan tour a dairy\n\n"
        "Ten visitors from Yunnan toured a dairy farm near Riverton on May 28, 2031.\n")
    _page(folder, "dateline.txt",
        "Beijing, June 2, 2031\n\nYouth forum opens\n\n"
        "A youth forum opened in Beijing on June 1, 2031, with students from 12 countries.\n")
    by_id = {r.id: r for r in build_corpus(folder).reports}
    assert by_id["dairy"].publisher == "Valley Courier & Gazette" and by_id["dairy"].issue_date == "2031-06-02"
    assert by_id["dateline"].publisher == ""  # a place's dateline names no outlet
    from knowledge.ingest import printed_source  # (a name that begins as a month's or a day's does)
    assert printed_source(["Montreal Gazette, June 2, 2031"]) == "Montreal Gazette"
    assert printed_source(["Sunday Post | 2031-06-02"]) == "Sunday Post"
    assert printed_source(["Posted on June 2, 2031"]) == printed_source(["By Li Ming, June 2, 2031"]) == ""


def test_a_page_printed_without_a_title_is_named_by_the_one_story_it_tells(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "copy-0193.txt").write_text(
        "5月20日,2019滨海国际青年友好论坛在青岛开幕。来自12个国家的青年代表参加了开幕式。\n"
        "大会发表了《滨海宣言》,倡议加强青年之间的长期交流。\n", encoding="utf-8")
    corpus = build_corpus(folder)
    (report,), (event,) = corpus.reports, corpus.events
    assert report.title == event.title != "Copy 0193" and "滨海国际青年友好论坛" in report.title
    assert event.source.report_title == report.title


def test_a_pages_title_that_no_story_holds_heads_its_first_story() -> None:
    from knowledge.build import _titled_by_its_story
    from knowledge.extract import RawEvent
    from knowledge.records import Report, Source

    def story(title: str, text: str) -> RawEvent:
        return RawEvent("feature", title, None, [], [], [], [], [], "", text, Source("feature", "Lanterns Over the Mekong", ""))

    page = Report("feature", "feature.txt", "Lanterns Over the Mekong", "Lanterns Over the Mekong", "", "", None, "en", "x")
    # the page's events are titled by their first sentences (a quote, a dated caption)
    events = [story("“We came to stay,” said the manager", "“We came to stay,” said the manager. The office opened in 2029."),
              story("Pupils in Vang Vieng receive solar lanterns", "May 3, 2031: Pupils in Vang Vieng receive solar lanterns.")]
    report, events = _titled_by_its_story(Path("feature.txt"), page, events, None)
    assert report.title == "Lanterns Over the Mekong" and events[0].text.startswith("Lanterns Over the Mekong\n")
    assert not events[1].text.startswith("Lanterns")
    # a list's items titled by headlines of their own: the page's title names the list, not a story
    listed = [story("CFPD donates school supplies", "CFPD donates school supplies\nOn 29 December it gave 300 packs."),
              story("CNIE holds a youth forum", "CNIE holds a youth forum\nOn 30 December 120 young people met.")]
    _, listed = _titled_by_its_story(Path("feature.txt"), page, listed, None)
    assert listed[0].text.startswith("CFPD donates")


def test_a_page_in_english_reads_its_paragraphs_in_chinese_too(tmp_path: Path) -> None:
    # A magazine's page that runs a chronicle in Chinese above an English article: the English
    # reading leaves the Chinese lines out, so they are read as a Chinese page is, each dated entry
    # an event of this report.
    folder = _folder(tmp_path)
    _page(folder, "twin-towns.txt",
        "2031-05-02 滨海市友协\n湖海与世界 2031年5期\n\n"
        "1998年,我会代表本市加入国际港口城市联盟,并成为该联盟的创始成员。目前,全省已有9个城市成为其会员。\n\n"
        "2027 年6 月,滨海市友协与葡萄牙波尔图市友好协会在滨海共同举办首届“葡萄牙电影周”。\n\n"
        "Growth of the Twin Towns\n\n"
        "Twin towns are partnerships between a city at home and a city abroad. Our city signed its first "
        "twinning agreement with Porto in 1995 and has since built ties with 14 cities on four continents.\n")
    corpus = build_corpus(folder)
    (report,) = corpus.reports
    assert report.language == "en"
    by_start = {e.date.start if e.date else None: e for e in corpus.events}
    # (the year opening a chronicle's entry dates it; the line naming the issue is no headline)
    assert "国际港口城市联盟" in by_start["1998"].text and "湖海与世界" not in by_start["1998"].title
    assert "葡萄牙电影周" in by_start["2027-06"].text
    assert any("Porto in 1995" in e.text for e in corpus.events)
    assert all(e.source.report_title == report.title for e in corpus.events)
    assert report.publisher == "湖海与世界"  # (the periodical the Chinese masthead names)


def test_a_page_in_english_with_a_name_in_chinese_is_read_as_english_alone(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _page(folder, "visit.txt",
        "Lakeside delegation visits Porto\n\n"
        "On June 3, 2031, a delegation of the Lakeside Friendship Association (湖滨友协) visited Porto "
        "and met the city's mayor to discuss student exchanges.\n")
    corpus = build_corpus(folder)
    (event,) = corpus.events
    assert event.date is not None and event.date.start == "2031-06-03"
