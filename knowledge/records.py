"""Records extracted from the reports. Every record carries the source it came from."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Report:
    """One report issue, with its catalog facts and the hash of its content."""

    id: str
    file: str
    title: str
    series: str
    publisher: str
    issue_date: str  # ISO, possibly partial: "2025", "2018-08", "2018-08-21"
    url: str | None
    language: str
    content_hash: str
    title_zh: str | None = None
    covers_start: str | None = None  # "YYYY-MM": first month the report's events fall in
    covers_end: str | None = None
    tagline: str | None = None  # the motto printed on the masthead, when there is one
    # What its colophon prints of the publication: (label, value) pairs such as ("ISSN", "1002-8285"),
    # ("Address", "4 Fuxing Road Beijing China 100860"), ("E-mail", ...), in a fixed label order.
    colophon: tuple[tuple[str, str], ...] = ()
    author: str | None = None  # who wrote it, by its byline ("Written by Ying Wang")

    @property
    def year(self) -> int | None:
        """The year of the issue date, if known."""
        return int(self.issue_date[:4]) if self.issue_date[:4].isdigit() else None


# The section of the people a report's masthead lists (its editors), which no event holds.
MASTHEAD = "Masthead"


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact is printed: report, section or headline, page."""

    report_id: str
    report_title: str
    report_date: str
    section: str | None = None
    page: int | None = None

    def cite(self) -> str:
        """The human source line: title (date), p. N — section."""
        out = self.report_title
        if self.report_date and self.report_date[:4] not in self.report_title:
            out += f" ({self.report_date})"
        if self.page is not None:
            out += f", p. {self.page}"
        # (A running head that repeats the report's title is no section.)
        if self.section and _letters(self.section) != _letters(self.report_title):
            out += f" — {self.section}"
        return out

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of the command-line contract."""
        return {"title": self.report_title, "date": self.report_date, "page": self.page,
                "section": self.section, "report_id": self.report_id}


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date with its precision; start and end are ISO strings of that precision's length."""

    start: str
    end: str
    precision: str  # "day" | "month" | "year"
    # Where the year came from when the text left it out ("catalog period", "page date", "file
    # name", ...); None when the date prints its year. Not part of the date's identity.
    year_from: str | None = field(default=None, compare=False)

    def human(self) -> str:
        """The date as people write it: 28 November 2024, 17–20 December 2025, March 2018."""
        from knowledge.dates import format_span

        return format_span(self)


@dataclass(frozen=True, slots=True)
class Place:
    """A normalised place: name, kind (city, region, country) and its country."""

    name: str
    kind: str
    country: str

    def label(self) -> str:
        """"Berlin, Germany" or "Germany"."""
        # (a region of the world, "South Asia", is in no one country)
        return self.name if self.kind == "country" or not self.country else f"{self.name}, {self.country}"


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organisation named in an event, with its role when the text says it."""

    org_id: int
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in an event, with the title the text gives them."""

    person_id: int
    name: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the text reports, as printed ("12,000 Panda Packs"), with its value."""

    text: str
    value: float


@dataclass(frozen=True, slots=True)
class Event:
    """One dated item of a report: a headline article, a dated paragraph, a numbered item."""

    id: int
    report_id: str
    title: str
    date: DateSpan | None
    places: tuple[Place, ...]
    organizations: tuple[OrgMention, ...]
    people: tuple[PersonMention, ...]
    figures: tuple[Figure, ...]
    summary: str
    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class PersonTitle:
    """A title a report gives a person, with the organisation it names and where it is printed."""

    title: str
    org_id: int | None
    source: Source
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation profile merged across reports."""

    id: int
    name: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    name_zh: str | None
    kind: str
    country: str | None
    description: str | None
    description_source: Source | None
    people: tuple[tuple[int, str, str], ...]  # (person id, name, title)
    event_ids: tuple[int, ...]
    partners: tuple[tuple[int, str], ...]  # (org id, name)
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A person profile: the titles each report gives them, and their events."""

    id: int
    name: str
    titles: tuple[PersonTitle, ...]
    event_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing that matched a question, with its score."""

    kind: str  # "event" | "org" | "person" | "report"
    id: str
    label: str
    score: float

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of the command-line contract."""
        return {"kind": self.kind, "id": self.id, "label": self.label, "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class Line:
    """One line of an answer with its part: "lead" (the fact's headline), "body" (evidence),
    "item" (one entry of a list or profile), "source" (where it is printed), "more" (see also,
    how many more), "suggestion" (the closest things when nothing answers), "note"."""

    role: str
    text: str
    label: str = ""  # "Source", "Sources", "Closest", ...: shown before the text

    def plain(self) -> str:
        """The line as plain text."""
        return f"{self.label}: {self.text}" if self.label else self.text


@dataclass(frozen=True, slots=True)
class Answer:
    """What the answerer returns: plain data that the CLI, the bot and the evaluation render.

    ``lines`` are the answer's parts; ``text`` is the same answer as plain text (the lines joined).
    """

    question: str
    text: str
    found: bool
    intent: str
    hits: tuple[Hit, ...] = ()
    sources: tuple[Source, ...] = ()
    related: tuple[Hit, ...] = ()  # organisations and people in the answer, for profile buttons
    suggestions: tuple[str, ...] = field(default=())
    page: int = 0  # which page of the hits this answer shows ("More" asks for the next one)
    has_more: bool = False  # a next page exists
    lines: tuple[Line, ...] = ()

    @classmethod
    def of(cls, question: str, lines: "list[Line] | tuple[Line, ...]", found: bool, intent: str,
           **kw: object) -> "Answer":
        """An answer made of lines; its text is the lines joined."""
        lines = tuple(lines)
        return cls(question, "\n".join(line.plain() for line in lines), found, intent, lines=lines, **kw)  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, object]:
        """The JSON object of ``python -m bot ask --json``."""
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "intent": self.intent,
            "sources": [s.as_dict() for s in self.sources],
            "hits": [h.as_dict() for h in self.hits],
            "related": [h.as_dict() for h in self.related],
            "suggestions": list(self.suggestions),
            "page": self.page,
            "has_more": self.has_more,
        }
