"""The report catalog (YAML): title, series, publisher, issue date, URL and language of each file."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from knowledge.errors import CatalogError

CATALOG_NAME = "catalog.yaml"
_ISO_PARTIAL = re.compile(r"^(?:19|20)\d{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
_COVERS = re.compile(r"^((?:19|20)\d{2}-(?:0[1-9]|1[0-2]))\.\.((?:19|20)\d{2}-(?:0[1-9]|1[0-2]))$")
_FIELDS = {"file", "title", "series", "publisher", "issue_date", "covers", "url", "language", "title_zh"}


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """What the catalog says of one report file."""

    file: str
    title: str
    series: str | None = None
    publisher: str | None = None
    issue_date: str | None = None
    covers_start: str | None = None
    covers_end: str | None = None
    url: str | None = None
    language: str = "en"
    title_zh: str | None = None


def load_catalog(reports_dir: Path) -> dict[str, CatalogEntry]:
    """The catalog of a reports folder, keyed by file name; CatalogError when it is malformed."""
    path = reports_dir / CATALOG_NAME
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path.name}: not valid YAML ({exc})") from exc
    except ValueError as exc:  # YAML reads an unquoted 2025-13-40 as a date and fails on it
        raise CatalogError(f"{path.name}: an issue_date is not a real date ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise CatalogError(f"{path.name}: expected a mapping with a 'reports' list")
    out: dict[str, CatalogEntry] = {}
    for i, item in enumerate(data["reports"], 1):
        where = f"{path.name}, entry {i}"
        if not isinstance(item, dict):
            raise CatalogError(f"{where}: expected a mapping")
        unknown = set(item) - _FIELDS
        if unknown:
            raise CatalogError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        file, title = item.get("file"), item.get("title")
        if not isinstance(file, str) or not file.strip() or "/" in file or "\\" in file:
            raise CatalogError(f"{where}: 'file' must be a plain file name")
        if not isinstance(title, str) or not title.strip():
            raise CatalogError(f"{where} ({file}): 'title' is required")
        issue = item.get("issue_date")
        issue = None if issue is None else str(issue)
        if issue is not None and not _real_date(issue):
            raise CatalogError(f"{where} ({file}): issue_date {issue!r} is not YYYY, YYYY-MM or YYYY-MM-DD "
                               "(a real day)")
        covers = item.get("covers")
        c0 = c1 = None
        if covers is not None:
            m = _COVERS.match(str(covers))
            if not m or m.group(1) > m.group(2):
                raise CatalogError(f"{where} ({file}): covers {covers!r} is not 'YYYY-MM..YYYY-MM'")
            c0, c1 = m.group(1), m.group(2)
        if file in out:
            raise CatalogError(f"{where}: {file} is listed twice")
        out[file] = CatalogEntry(file, title.strip(), _opt(item.get("series")), _opt(item.get("publisher")),
                                 issue, c0, c1, _opt(item.get("url")), str(item.get("language") or "en"),
                                 _opt(item.get("title_zh")))
    return out


def _real_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day that exists (no 2026-02-30)."""
    if not _ISO_PARTIAL.match(text):
        return False
    try:
        date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return False
    return True


def _opt(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def file_hash(path: Path) -> str:
    """The content hash of a report file (what makes a report "new")."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
