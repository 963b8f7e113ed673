"""The thesaurus made from WordNet: synonyms and broader kinds of English nouns and verbs."""
from __future__ import annotations

from knowledge.thesaurus import broader, meets, says


def test_a_kind_of_a_thing_says_the_thing_but_not_the_other_way() -> None:
    assert says("orphans", "kids")  # an orphan is a child; plurals read as singulars
    assert says("policemen", "officers")
    assert not says("kids", "orphans")
    assert not says("bicycles", "hospitals")


def test_the_next_broader_kind_meets_what_was_asked() -> None:
    # "26 medical institutions" for "how many hospitals": a hospital is a medical institution
    assert meets("medical institutions", "hospitals")
    assert not says("medical institutions", "hospitals")
    # ... but not a kind several steps up, which says too little
    assert not meets("structures", "hospitals")


def test_a_rare_sense_does_not_make_words_meet() -> None:
    # "head" has dozens of senses; only the commonest are read, and nouns apart from verbs
    assert "toilet" not in broader("head", 3)
    assert "arrest" not in broader("cop") and "arrest" in broader("cop", 0, "v")


def test_a_named_thing_is_no_kind() -> None:
    # WordNet's "Singer" (Isaac Singer) is one person, not a synonym of the common noun
    assert not any("isaac" in w for w in broader("singer", 3))


def test_a_word_it_does_not_hold_has_nothing_broader() -> None:
    assert broader("bitcoin") == frozenset() and not says("bitcoin", "money")
