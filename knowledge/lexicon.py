"""Word-level matching shared by the answering stages: stems, country adjectives, and how much of a
question's words a text holds (idf-weighted). Plain data in, plain data out; memoised because the
same texts come back question after question."""
from __future__ import annotations

import re
from typing import Callable, Sequence, TypeVar

import numpy as np

from knowledge.english_forms import verb_lemma
from knowledge.extract_zh import CJK, places_in_zh
from knowledge.gazetteer import Gazetteer, PlaceMatch
from knowledge.query import Vocabulary, stem, synonym_stems
from knowledge.records import Place
from knowledge.store import words
from knowledge.thesaurus import broader
from knowledge.translate import chinese_for, gloss, written_in_chinese

# What an English word found by its Chinese gloss in a text written in Chinese counts for, beside
# the word itself (1) and an English synonym (0.6).
GLOSS_MATCH = 0.8

TEXT_MEMO = 8192


_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
# An English word the dictionary gives fewer Chinese words than this for is looked for through its
# synonyms' too.
FEW_CHINESE = 3


class Lexicon:
    """The store's vocabulary and the gazetteer's country words, with memoised stemming of texts."""

    def __init__(self, vocab: Vocabulary, gazetteer: Gazetteer) -> None:
        self.vocab = vocab
        self.gazetteer = gazetteer
        # "German" and "Germany", "Chinese" and "China" match each other in questions and text.
        self.country_words = {surface.lower(): place.country.lower() for surface, place in gazetteer.by_surface.items()
                              if " " not in surface and place.kind == "country"}
        self._text_memo: dict[str, tuple[set[str], str]] = {}
        self._surfaces: dict[Place, list[str]] = {}
        self._places_memo: dict[str, tuple[PlaceMatch, ...]] = {}
        self._term_memo: dict[str, tuple[str, str, tuple[str, ...], bool]] = {}
        self._named_memo: dict[tuple[str, Place], bool] = {}
        self._gloss_memo: dict[str, frozenset[str]] = {}
        self._zh_memo: dict[str, tuple[str, ...]] = {}
        # Short phrases to unit vectors (the embedder's passages()), when the store has an embedder:
        # what a count counts is compared by meaning ("youths" for "young people").
        self.embed_phrases: Callable[[Sequence[str]], np.ndarray] | None = None
        self._phrase_memo: dict[str, np.ndarray] = {}

    def phrase_similarity(self, phrase: str, others: Sequence[str]) -> list[float]:
        """The cosine of a short phrase with each of others (all 0 without an embedder)."""
        if self.embed_phrases is None or not others:
            return [0.0] * len(others)
        todo = [p for p in dict.fromkeys([phrase, *others]) if p not in self._phrase_memo]
        if todo:
            if len(self._phrase_memo) > TEXT_MEMO:
                self._phrase_memo.clear()
            self._phrase_memo.update(zip(todo, self.embed_phrases(todo)))
        v = self._phrase_memo[phrase]
        return [float(v @ self._phrase_memo[o]) for o in others]

    def stems(self, toks: set[str] | list[str]) -> set[str]:
        """The stems of words, and of the country each country adjective names ("German": Germany)."""
        out = {stem(w) for w in toks}
        out.update(stem(self.country_words[w]) for w in toks if w in self.country_words)
        return out

    def text_terms(self, text: str) -> tuple[set[str], str]:
        """The stems of a text's words and the text in lower case (remembered)."""
        return _remembered(self._text_memo, text, lambda: self._read_terms(text))

    def _read_terms(self, text: str) -> tuple[set[str], str]:
        stems = self.stems(set(words(text)))
        # a country written with dots ("the U.S.", "the U.K."), which the word splitter takes apart
        stems.update(stem(self.country_words[w]) for w in (m.group(0).lower() for m in _DOTTED.finditer(text))
                     if w in self.country_words)
        return stems, text.lower()

    def coverage(self, terms: list[str], text: str) -> tuple[float, list[str]]:
        """The idf-weighted share of ``terms`` that ``text`` holds, and the terms it holds."""
        if not terms:
            return 0.0, []
        return self.covered(terms, *self.text_terms(text))

    def covered(self, terms: list[str], stems: set[str], low: str) -> tuple[float, list[str]]:
        """The idf-weighted share of the terms a text holds (by stem, or as a long enough substring)."""
        if not terms:
            return 0.0, []
        total = matched = 0.0
        hit: list[str] = []
        chinese: bool | None = None  # (whether the text is written in Chinese: found out when needed)
        for t in terms:
            w = self.vocab.idf(t)
            total += w
            own, country, others, latin = self._term_forms(t)
            if own in stems or (len(t) > 5 and t in low) or country in stems:
                matched += w
                hit.append(t)
            elif any(s in stems for s in others):
                matched += 0.6 * w  # said in other words: a weaker match than the word itself
                hit.append(t)
            elif latin:
                if chinese is None:  # (most texts hold no Chinese at all: one scan says so)
                    chinese = bool(CJK.search(low)) and written_in_chinese(low)
                if chinese and self.said_in_chinese(t, low):
                    # an English word asked of a text written in Chinese: one of the dictionary's
                    # Chinese words for it ("countries": 国家), or a sense of one of the text's
                    # words, a gloss, weaker than the word itself
                    matched += GLOSS_MATCH * w
                    hit.append(t)
        return (matched / total if total else 0.0), hit

    def _term_forms(self, term: str) -> tuple[str, str, tuple[str, ...], bool]:
        """A question word's stem, the stem of the country it names (or its own), its synonyms'
        stems, and whether it is a word in Latin letters (remembered: the ranker asks of every
        candidate)."""
        return _remembered(self._term_memo, term, lambda: (stem(term), stem(self.country_words.get(term, term)),
                                                           synonym_stems(term), term.isalpha() and not CJK.search(term)))

    def said_in_chinese(self, term: str, text: str) -> bool | None:
        """Whether a text written in Chinese says an English word, read both ways through the
        dictionary: it prints one of the word's Chinese words ("youth": 青少年), or one of its words
        has the English word among its first senses (启动 "to start; to launch"), as the store reads
        an event's words. None when the dictionary knows the word neither way (it says nothing)."""
        zh = self._chinese_for(term)
        if any(z in text for z in zh):
            return True
        glossed = self.glossed(text.lower())  # (lower case: coverage asks with the text it lowered; one gloss a text)
        if stem(term) in glossed or stem(verb_lemma(term) or term) in glossed:  # ("spoke": speak)
            return True
        return False if zh else None

    def glossed(self, text: str) -> frozenset[str]:
        """The stems of the English senses of a Chinese text's words (three a word, as the store
        keeps for an event; remembered)."""
        return _remembered(self._gloss_memo, text, lambda: frozenset(self.stems(words(gloss(text, senses=3)))))

    def _chinese_for(self, term: str) -> tuple[str, ...]:
        """The dictionary's Chinese words for an English word, for the country a country adjective
        names ("Kenyan": 肯尼亚, which the dictionary gives only for "Kenya") and for its synonyms
        (remembered)."""
        return _remembered(self._zh_memo, term, lambda: self._read_chinese_for(term))

    def _read_chinese_for(self, term: str) -> tuple[str, ...]:
        country = self.country_words.get(term)
        # (the dictionary glosses 图片 "picture; photograph", never "photo": a synonym, as the thesaurus
        # reads the word's commonest senses, finds it). Only for a word the dictionary gives few
        # Chinese words for: a common one ("say", "set") has many, and its synonyms' many more say
        # other things.
        own = chinese_for(term)
        synonyms = tuple(z for w in sorted(broader(term, 0)) for z in chinese_for(w)) if len(own) < FEW_CHINESE else ()
        return tuple(dict.fromkeys(own + (chinese_for(country) if country else ()) + synonyms))

    def places_in(self, text: str) -> tuple[PlaceMatch, ...]:
        """``gazetteer.find(text)`` (and, in a text written in Chinese, the places it names in Chinese),
        remembered: it runs every place name of the gazetteer over the text, and the same events'
        texts and sentences are read for question after question."""
        return _remembered(self._places_memo, text, lambda: self._read_places(text))

    def _read_places(self, text: str) -> tuple[PlaceMatch, ...]:
        found = self.gazetteer.find(text)
        if CJK.search(text) and written_in_chinese(text):
            # a text written in Chinese names places by their Chinese names ("济南", "法国")
            found = sorted([*found, *places_in_zh(text, self.gazetteer)], key=lambda m: m.start)
        return tuple(found)

    def names_place(self, text: str, place: Place) -> bool:
        """Whether a text holds any name of a place, or of a place inside it, in any case (as a
        substring: a Chinese name is written together with the words beside it). Remembered: a
        region has hundreds of names, and the same events are read for question after question."""
        def read() -> bool:
            low = text.lower()
            return any(s in low for s in self.surfaces_of(place))
        return _remembered(self._named_memo, (text, place), read)

    def surfaces_of(self, place: Place) -> list[str]:
        """``gazetteer.surfaces_of(place)`` in lower case (remembered: it scans the whole gazetteer)."""
        return _remembered(self._surfaces, place, lambda: [s.lower() for s in self.gazetteer.surfaces_of(place)])


_K = TypeVar("_K")
_V = TypeVar("_V")


def _remembered(memo: dict[_K, _V], key: _K, make: Callable[[], _V]) -> _V:
    """``memo[key]``, made and kept the first time; the oldest entry goes when TEXT_MEMO are kept."""
    got = memo.get(key)
    if got is None:
        got = make()
        if len(memo) >= TEXT_MEMO:
            del memo[next(iter(memo))]
        memo[key] = got
    return got
