"""Extraction scored against the gold events of our own test corpus (tests/knowledge/extraction_corpus/).

The corpus holds short reports in the layouts publishers use (news list, keyword listing page, single
article, newsletter of dated paragraphs, weekly briefing with numbered headlines, prose report, magazine
PDF, newspaper story), written in our own words from public facts, each with a gold YAML of its events.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.extraction_eval import CorpusScore, format_score, score_folder

CORPUS = Path(__file__).resolve().parent / "extraction_corpus"


@pytest.fixture(scope="module")
def result() -> CorpusScore:
    return score_folder(CORPUS)


def test_the_score_table_names_every_report_and_every_measure(result, capsys):
    table = format_score(result, verbose=True)
    print(table)  # the figures, for whoever runs the test with -s
    for name in (p.name for p in CORPUS.iterdir() if p.is_file()):
        assert name[:44] in table
    assert "items P/R" in table and "orgs P/R" in table and "people P/R" in table


def test_a_wrong_gold_date_and_a_lost_item_are_counted(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "gold").mkdir(parents=True)
    shutil.copyfile(CORPUS / "humanitarian-bulletin-q1.txt", folder / "humanitarian-bulletin-q1.txt")
    (folder / "gold" / "x.yaml").write_text(
        'report: humanitarian-bulletin-q1.txt\nevents:\n'
        '  - key: "Tropical Cyclone Freddy"\n    date: "1999-01-01"\n    places: [Malawi]\n'
        '  - key: "words printed nowhere"\n    date: "2023-02-06"\n', encoding="utf-8")
    total = score_folder(folder).total()
    assert total.items.gold == 2 and total.items.tp_gold == 1
    assert (total.dates_right, total.dates_total) == (0, 1)


def test_the_command_line_prints_the_table(capsys, tmp_path):
    from bot.cli import main

    assert main(["eval-extraction", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("report") and "\nall " in out
    assert main(["eval-extraction", str(tmp_path)]) == 2  # no gold folder: said, not a crash


def test_done_when_targets_of_issue_11_hold_on_our_corpus(result):
    total = result.total()
    assert total.items.recall >= 0.90
    assert total.dates_right / total.dates_total >= 0.95
    assert total.orgs.precision >= 0.90
