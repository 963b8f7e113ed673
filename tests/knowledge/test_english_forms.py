"""The table of English forms the suffix rules cannot read."""
from __future__ import annotations

from knowledge.english_forms import irregular_lemma, is_verb_form, verb_lemma


def test_irregular_forms_have_their_dictionary_form() -> None:
    assert (irregular_lemma("held"), irregular_lemma("children"), irregular_lemma("taught")) == ("hold", "child", "teach")
    # a dictionary form itself, or a form the stemmer reads, has none
    assert irregular_lemma("found") is None and irregular_lemma("meeting") is None
    assert irregular_lemma("donated") is None


def test_forms_that_are_only_verbs() -> None:
    assert is_verb_form("flew") and is_verb_form("taken")
    assert not is_verb_form("meeting") and not is_verb_form("doctor") and not is_verb_form("found")


def test_a_word_of_its_own_that_is_also_a_verbs_form_has_that_verb_as_a_verb() -> None:
    assert irregular_lemma("spoke") is None  # a noun too (of a wheel): not read so everywhere
    assert verb_lemma("spoke") == "speak" and verb_lemma("left") == "leave" and verb_lemma("held") == "hold"
    assert verb_lemma("found") is None  # a verb of its own ("founded")
