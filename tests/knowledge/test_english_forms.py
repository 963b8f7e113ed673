"""The table of English forms the suffix rules cannot read."""
from __future__ import annotations

from knowledge.english_forms import irregular_lemma, is_verb_form


def test_irregular_forms_have_their_dictionary_form() -> None:
    assert (irregular_lemma("held"), irregular_lemma("children"), irregular_lemma("taught")) == ("hold", "child", "teach")
    # a dictionary form itself, or a form the stemmer reads, has none
    assert irregular_lemma("found") is None and irregular_lemma("meeting") is None
    assert irregular_lemma("donated") is None


def test_forms_that_are_only_verbs() -> None:
    assert is_verb_form("flew") and is_verb_form("taken")
    assert not is_verb_form("meeting") and not is_verb_form("doctor") and not is_verb_form("found")
