"""Events as CSV, for spreadsheets: UTF-8 with a byte-order mark, so that spreadsheet programs
read the Chinese names right; one row per event, lists joined with "; "."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

from knowledge.records import Event, Report

COLUMNS = ("id", "start", "end", "precision", "title", "places", "countries", "organisations", "people", "figures",
           "summary", "report", "report_date", "page", "section", "url")
BOM = "\ufeff"


def event_row(e: Event, key: str, report: Report | None) -> dict[str, str]:
    """One event as a CSV row (every value text)."""
    return {
        "id": key,
        "start": e.date.start if e.date else "",
        "end": e.date.end if e.date else "",
        "precision": e.date.precision if e.date else "",
        "title": e.title,
        "places": "; ".join(p.label() for p in e.places),
        "countries": "; ".join(dict.fromkeys(p.country for p in e.places if p.country)),
        "organisations": "; ".join(o.name + (f" ({o.role})" if o.role else "") for o in e.organizations),
        "people": "; ".join(p.name + (f" ({p.title})" if p.title else "") for p in e.people),
        "figures": "; ".join(f.text for f in e.figures),
        "summary": e.summary,
        "report": e.source.report_title,
        "report_date": e.source.report_date or "",
        "page": "" if e.source.page is None else str(e.source.page),
        "section": e.source.section or "",
        "url": (report.url or "") if report else "",
    }


def events_csv(events: Iterable[Event], keys: Mapping[int, str], reports: Mapping[str, Report]) -> str:
    """The events as CSV text, starting with a byte-order mark; ``keys`` gives each event's stable id."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for e in events:
        writer.writerow(event_row(e, keys.get(e.id, str(e.id)), reports.get(e.report_id)))
    return out.getvalue()
