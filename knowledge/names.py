"""One reading of a name: a question that is only a name ("kemreat viseth", "CNIE") or asks what or
who a name is ("what is CAFUI?") is about that organisation or person, whatever its words also match
in event texts. General: it looks at the whole text against the store's names, never at particular
names or questions."""
from __future__ import annotations

import re

from rapidfuzz.distance import DamerauLevenshtein

from knowledge.query import NameIndex

_ASK_NAME = re.compile(r"^(?:(?:what|who)(?:\s+is|\s+was|\s+are|\s+were|'s|’s)|tell\s+me\s+about|profile\s+of)\s+"
                       r"(?:the\s+)?(.+?)[\s?.!？。]*$", re.I)
ORG_CUTOFF = 88  # a whole organisation name, typed with a typo or two
PERSON_CUTOFF = 85  # a person's name, either order, a typo in each part
MAX_WORDS = 10


def named_subject(text: str) -> str:
    """The name a text asks about: the text after "what is"/"who is", or the whole text."""
    m = _ASK_NAME.match(text.strip())
    return (m.group(1) if m else text).strip(" ?.!？。\"“”'")


def _acronym_typo(word: str, names: NameIndex) -> list[int]:
    """Organisations whose acronym an upper-case word misspells by one letter or one swap."""
    if not (word.isupper() and 4 <= len(word) <= 8):
        return []
    near = [a for a in names.acronyms if len(a) == len(word) and DamerauLevenshtein.distance(a, word.lower()) == 1
            and sorted(a) == sorted(word.lower())]
    return names.acronyms[near[0]] if len(near) == 1 else []


def whole_name(text: str, names: NameIndex) -> tuple[str, list[int]] | None:
    """("org", ids) or ("person", [id]) when the whole subject of a text is one name; else None."""
    subject = named_subject(text)
    words = subject.split()
    if not words or len(words) > MAX_WORDS or len(subject) < 2:
        return None
    low = subject.lower()
    if len(words) == 1:
        ids = names.acronyms.get(low)
        if ids and (subject.isupper() or len(subject) >= 4):
            return "org", list(dict.fromkeys(ids))
        typo = _acronym_typo(subject, names)
        if typo:
            return "org", typo
    org = names.best_org(low, ORG_CUTOFF)
    person = names.best_person(" ".join(sorted(low.split())), PERSON_CUTOFF) if len(words) >= 2 else None
    if person and (not org or person[0] > org[0]):
        # (everyone the reports name alike: 董强 reads "Dong Qiang" as the English profile does)
        surface = names.person_names[person[1]][0].lower()
        alike = [pid for n, pid in names.person_names if n.lower() == surface]
        return "person", list(dict.fromkeys([names.person_names[person[1]][1], *alike]))
    if org:
        return "org", [names.org_names[org[1]][1]]
    return None
