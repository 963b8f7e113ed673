"""Word-level matching: stems, countries by their adjectives and abbreviations, coverage."""
from __future__ import annotations

from tests.knowledge.stages import lexicon


def test_a_country_matches_its_adjective_and_its_dotted_abbreviation() -> None:
    lex = lexicon()
    assert lex.coverage(["france"], "The French delegation arrived.")[0] == 1.0
    assert lex.coverage(["us"], "There are 258 pairs between cities of China and the U.S.")[0] == 1.0
    assert lex.coverage(["us"], "There are 258 pairs between cities of China and Japan.")[0] == 0.0
