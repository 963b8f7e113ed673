"""Places: recognising countries, regions and cities in text and questions, normalised.

The data (knowledge/data/places.yaml) is curated general knowledge: countries with their aliases,
demonyms and Chinese names; provinces and cities with their country.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from knowledge.records import Place

# "China" is the subject of every report: as a filter it would select everything.
HOME_COUNTRY = "China"
# An abbreviation typed in lower case whose letters are also this common an English word ("us",
# "car": wordfreq's Zipf scale) is that word, unless "the" comes before it ("the us"); rarer ones
# ("uk" 5.1, "uae" 3.8) are the place however typed.
ABBREVIATION_WORD_ZIPF = 5.3

# English plurals of the words for a country that a region's name may end in, and their singulars.
_SINGULAR_LAND = {"countries": "country", "states": "state", "nations": "nation"}
_PLURAL_OF_LANDS = re.compile(r"(?<= )(" + "|".join(_SINGULAR_LAND) + r")$")


# A capital described by its country or province, after the place's name ("Kenya's capital", "the
# Zhejiang provincial capital", "the Cambodian capital city") or before it ("the capital of Kenya").
_CAPITAL_AFTER = re.compile(r"(?:'s)?\s+(?:(?:provincial|national|state|regional|federal)\s+)?capital(?:\s+city)?\b(?!-)"
                            # (not money: "Kenyan capital markets", "Chinese capital flows")
                            r"(?!\s+(?:markets?|investments?|funds?|flows?|gains?|goods|inflows?|outflows?|expenditure|stock)\b)")
_CAPITAL_BEFORE = re.compile(r"\bcapital(?:\s+city)?\s+of\s+(?:the\s+)?$")
_CAPITAL_AFTER_ZH = re.compile(r"的?(?:省会|首府|首都)(?:城市)?")
# "What is the capital of ...", "which is ...'s capital": the capital is what is asked.
_ASKS_WHICH = re.compile(r"\b(?:what|which)(?:'s|\s+is|\s+was|\s+are)\s+(?:the\s+)?$")


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place found in text: the normalised place and where its surface form stands."""

    place: Place
    start: int
    end: int
    surface: str


def _zh_forms(name: object) -> list[str]:
    """A Chinese name as written and as Chinese text is read (NFKC: "刚果（布）" is "刚果(布)" there)."""
    if not name:
        return []
    return list(dict.fromkeys([str(name), unicodedata.normalize("NFKC", str(name))]))


class Gazetteer:
    """Finds places in text; built once from the curated data file."""

    def __init__(self, data: dict) -> None:
        self.by_surface: dict[str, Place] = {}
        self.orgs_zh: dict[str, str] = {str(k): str(v) for k, v in (data.get("organisations_zh") or {}).items()}
        self.zh_places: dict[str, Place] = {}
        self.demonyms: set[str] = set()  # "Chinese", "Nepali": a people's name, not where something happened
        for c in data.get("countries") or []:
            place = Place(c["name"], "country", c["name"])
            self.demonyms.update(str(d) for d in c.get("demonyms") or [])
            for surface in [c["name"], *(c.get("aliases") or []), *(c.get("demonyms") or [])]:
                self.by_surface.setdefault(str(surface), place)
            for form in c.get("combining") or []:
                # "Ethio-China People's Friendship Association", "Franco-Chinese": the country's
                # combining form, only before a hyphen ("Franco" alone is a name)
                self.by_surface.setdefault(f"{form}-", place)
                self.demonyms.add(f"{form}-")  # (an adjective of the country, as a demonym is)
            for zh in [f for name in [c.get("zh"), *(c.get("zh_aliases") or [])] for f in _zh_forms(name)]:
                self.zh_places.setdefault(zh, place)
        cities: dict[str, Place] = {}
        for kind_key, kind in (("regions", None), ("cities", "city")):
            for r in data.get(kind_key) or []:
                place = Place(r["name"], kind or r.get("kind") or "region", r["country"])
                if kind:
                    cities.setdefault(r["name"], place)
                for surface in [r["name"], *(r.get("aliases") or [])]:
                    # A country name wins over a city of the same name (Singapore, Kuwait).
                    self.by_surface.setdefault(str(surface), place)
                for zh in _zh_forms(r.get("zh")):
                    self.zh_places.setdefault(zh, place)
        # Each country's and each province's (or state's) capital, where the gazetteer holds the city.
        self.capitals: dict[str, Place] = {str(c["name"]): cities[str(c["capital"])]
                                           for key in ("countries", "regions") for c in data.get(key) or []
                                           if c.get("capital") and str(c["capital"]) in cities}
        self._zh_of: dict[str, str] = {str(r["name"]): str(r["zh"]) for r in data.get("cities") or [] if r.get("zh")}
        # Parts of the world ("Southeast Asia", "非洲"), by the countries inside them. Questions name
        # them; report text is not tagged with them (an event is tagged by its country).
        continent: dict[str, list[str]] = {}
        for c in data.get("countries") or []:
            continent.setdefault(str(c.get("region")), []).append(c["name"])
        self.members: dict[str, tuple[str, ...]] = {}
        world: dict[str, Place] = {}
        for r in data.get("world_regions") or []:
            place = Place(r["name"], "world region", "")
            inside = continent.get(str(r["continent"]), []) if r.get("continent") else list(r.get("members") or [])
            left_out = set(r.get("except") or []) | {HOME_COUNTRY}
            self.members[place.name] = tuple(c for c in inside if c not in left_out)
            for surface in [r["name"], *(r.get("aliases") or [])]:
                low = str(surface).lower()
                world.setdefault(low, place)
                # one of them: "a Balkan country", "a Baltic state", "a Gulf nation"
                if m := _PLURAL_OF_LANDS.search(low):
                    world.setdefault(low[:m.start()] + _SINGULAR_LAND[m.group(1)], place)
            for zh in [f for name in [r.get("zh"), *(r.get("zh_aliases") or [])] for f in _zh_forms(name)]:
                self.zh_places.setdefault(zh, place)
        self._world = world
        self._world_re = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(s) for s in sorted(world, key=len, reverse=True))
                                    + r")(?![a-z])") if world else None
        surfaces = sorted(self.by_surface, key=len, reverse=True)
        alternation = "|".join(re.escape(s) for s in surfaces)
        # Hyphens may join places ("China-Cambodia"); a following lowercase letter means another word.
        self._cased = re.compile(rf"(?<![A-Za-z])(?:{alternation})(?![a-z])")
        self._folded = {s.lower(): p for s, p in self.by_surface.items()}
        self._upper = {s.lower() for s in self.by_surface if s.isupper()}  # abbreviations: "car" of "CAR"
        self._uncased = re.compile(rf"(?<![a-z])(?:{alternation.lower()})(?![a-z])")

    def find(self, text: str) -> list[PlaceMatch]:
        """Places written with their capitals in report text, in order."""
        return [PlaceMatch(self.by_surface[m.group(0)], m.start(), m.end(), m.group(0))
                for m in self._cased.finditer(text)]

    def _a_word_typed(self, text: str, m: re.Match[str]) -> bool:
        """Whether a place's abbreviation matched in lower case is the common English word it spells
        ("tell us", "an electric car"), not the place ("the US", "CAR")."""
        if m.group(0) not in self._upper or text[m.start():m.end()].isupper() or re.search(r"\bthe\s+$", text[:m.start()], re.I):
            return False
        from wordfreq import zipf_frequency  # here: its word list loads on first use

        return zipf_frequency(m.group(0), "en") >= ABBREVIATION_WORD_ZIPF

    def find_loose(self, text: str) -> list[PlaceMatch]:
        """Places in a question typed in any case ("events in cambodia")."""
        low = text.lower()
        out = [PlaceMatch(self._folded[m.group(0)], m.start(), m.end(), m.group(0))
               for m in self._uncased.finditer(low) if not self._a_word_typed(text, m)]
        if self._world_re is not None:
            out += [PlaceMatch(self._world[m.group(0)], m.start(), m.end(), m.group(0))
                    for m in self._world_re.finditer(low)]
        for zh, place in self.zh_places.items():
            pos = text.find(zh)
            if pos >= 0:
                out.append(PlaceMatch(place, pos, pos + len(zh), zh))
        # A place written inside a longer one is part of its name: "Africa" of "South Africa",
        # "南亚" of "东南亚".
        return [m for m in out if not any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                                          for o in out)]

    def name_capitals(self, text: str) -> str:
        """A question with each capital it describes by its country or province named instead: "the
        Zhejiang provincial capital", "Cambodia's capital", "the capital of Kenya", "柬埔寨首都" become
        "Hangzhou", "Phnom Penh", "Nairobi", "金边". An event is tagged with the city, and its text names
        the city, never "the capital" (a capital named beside its description is left as typed)."""
        low = text.lower()
        if "capital" not in low and not _CAPITAL_AFTER_ZH.search(text):
            return text  # (most questions describe no capital: the places are not looked for twice)
        spans: list[tuple[int, int, str]] = []
        for m in self.find_loose(text):
            if (capital := self.capitals.get(m.place.name)) is None:
                continue
            zh_name = self._zh_of.get(capital.name)
            if capital.name.lower() in low or zh_name and zh_name in text:
                continue  # the city named beside its description
            if m.surface in self.zh_places:
                if zh_name and (after := _CAPITAL_AFTER_ZH.match(text, m.end)):
                    spans.append((m.start, after.end(), zh_name))
            elif after := _CAPITAL_AFTER.match(low, m.end):
                spans.append((m.start, after.end(), capital.name))
            elif before := _CAPITAL_BEFORE.search(low, 0, m.start):
                spans.append((before.start(), m.end, capital.name))
        for start, end, name in sorted(spans, reverse=True):
            if not any(s < end and start < e for s, e, _ in spans if (s, e) != (start, end)):
                if _ASKS_WHICH.search(low, 0, start):
                    continue  # "what is the capital of Australia" asks for the city, and describes nothing
                if low[max(0, start - 4):start] == "the ":
                    start -= 4  # "in the Cambodian capital": "in Phnom Penh"
                text = text[:start] + name + text[end:]
        return text

    def lookup(self, name: str) -> Place | None:
        """The place a name stands for, in any case, or None."""
        key = name.strip().lower()
        return self._folded.get(key) or self._world.get(key)

    def countries_in(self, place: Place) -> tuple[str, ...]:
        """The countries inside a part of the world ("Southeast Asia"); none for any other place."""
        return self.members.get(place.name, ()) if place.kind == "world region" else ()

    def in_place(self, event_place: Place, place: Place) -> bool:
        """Whether an event's place is, or lies in, a place a question names."""
        if event_place.name == place.name or (place.kind == "country" and event_place.country == place.name):
            return True
        inside = self.countries_in(place)
        return bool(inside) and (event_place.country in inside or event_place.name in inside)

    def surfaces_of(self, place: Place) -> list[str]:
        """Every surface form of a place (its Chinese name too: a report written in Chinese names it
        so) and, for a country, of the places inside it."""
        if place.kind == "world region":  # its own names, and its countries'
            own = [s for s, p in self._world.items() if p == place] + [zh for zh, p in self.zh_places.items() if p == place]
            return own + [s for c in self.countries_in(place) for s in self.surfaces_of(Place(c, "country", c))]
        return [s for s, p in self.by_surface.items() if p == place] + [zh for zh, p in self.zh_places.items() if p == place]


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the bundled data file, loaded once per process."""
    text = resources.files("knowledge").joinpath("data/places.yaml").read_text(encoding="utf-8")
    # The C loader when PyYAML has it: the pure-Python one costs a quarter second of every start.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Gazetteer(yaml.load(text, Loader=loader) or {})  # noqa: S506 - a safe loader
