"""Web pages and PDFs turned into the plain text that ``ingest`` cleans like any text report.

A web page gives its article: paragraphs separated by blank lines, headings on lines of their own,
list items as lines; menus, breadcrumbs, sidebars, footers, scripts and forms are left out. A PDF
gives its text page by page, each page preceded by a page marker ("- 11 -" before page 12) that
``ingest`` reads as the footer of the page before, so every block keeps the page it is printed on.
Both also return the metadata the file states about itself (title, date, address, language).

Files come from outside: every limit here (size, nesting, pages, time) keeps a hostile or broken
file from hanging or crashing a build; such a file raises ``ReportReadError`` and is skipped.
"""
from __future__ import annotations

import codecs
import logging
import math
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError
from selectolax.lexbor import LexborHTMLParser, LexborNode

from knowledge.dates import find_dates
from knowledge.errors import ReportReadError

log = logging.getLogger(__name__)

MAX_HTML_BYTES = 20_000_000
# The HTML tree builder slows down with the square of the nesting depth (100,000 nested <div>s take
# seconds); real pages nest a few dozen levels.
MAX_HTML_DEPTH = 2_000
MAX_PDF_BYTES = 300_000_000
MAX_PDF_PAGES = 2_000
PDF_SECONDS = 120.0  # time budget for reading one PDF's pages
# The largest bundled report is about 210,000 characters; a report ten times larger is still read.
MAX_TEXT_CHARS = 2_000_000

_TERMINAL = tuple('.!?;:"”’)')


# --- dates ------------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\s*(?:D:)?((?:19|20)\d{2})[-/.]?(\d{2})?[-/.]?(\d{2})?")


def _iso_date(raw: str) -> str | None:
    """A metadata date as ISO text ("2025-12-21", "2025-12" or "2025"), or None when unreadable."""
    m = _ISO_DATE.match(raw)
    if m and (m.group(2) is None or 1 <= int(m.group(2)) <= 12):
        year, month, day = m.groups()
        if month and day and 1 <= int(day) <= 31:
            return f"{year}-{month}-{day}"
        return f"{year}-{month}" if month else year
    found = [d for d in find_dates(raw[:200]) if not d.year_inferred]
    return found[0].span.start if found else None


# --- HTML -------------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# What browsers do with these labels (WHATWG Encoding Standard): the wider superset is meant.
_CHARSET_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030",
                    "gbk": "gb18030", "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}


def decode_html(data: bytes) -> str:
    """The text of a web page's bytes: by its byte-order mark, else its meta charset, else UTF-8.

    Bytes the encoding cannot decode become U+FFFD rather than an error: a page with one bad byte
    is still worth reading.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    m = _META_CHARSET.search(data[:4096])
    encoding = "utf-8"
    if m:
        try:
            name = codecs.lookup(m.group(1).decode("ascii")).name
            encoding = _CHARSET_ALIASES.get(name, name)
        except LookupError:
            log.debug("unknown charset %r, reading as UTF-8", m.group(1))
    return data.decode(encoding, errors="replace")


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr", "keygen", "frame", "basefont", "isindex"}
# Elements whose end tag may be left out: a run of them does not nest.
_OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
                 "rt", "rp", "colgroup", "caption", "html", "head", "body"}
# HTML elements that "/>" does not close (outside SVG and MathML the slash is ignored).
_HTML_CONTAINERS = {"div", "span", "section", "article", "main", "aside", "nav", "header", "footer", "a",
                    "b", "i", "u", "s", "em", "strong", "font", "center", "table", "ul", "ol", "dl",
                    "blockquote", "form", "fieldset", "figure", "details", "label", "button", "small",
                    "big", "sub", "sup", "code", "pre", "q", "cite", "abbr", "mark", "nobr", "select",
                    "h1", "h2", "h3", "h4", "h5", "h6", "address", "object", "template", "summary"}
# A tag ends at the next ">"; stopping at "<" too keeps the scan linear on a page of unclosed "<a ".
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})\b[^<>]*?(/?)>")


def _nesting_depth(html: str, limit: int) -> int:
    """How deep the page's elements nest, estimated from its tags; stops counting past ``limit``."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or name in _OPTIONAL_END:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        elif not (m.group(3) and name not in _HTML_CONTAINERS):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
    return deepest


_SKIP_TAGS = {"script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
              "option", "input", "textarea", "label", "svg", "math", "canvas", "iframe", "object", "embed",
              "video", "audio", "map", "dialog", "menu", "head", "title", "meta", "link", "figcaption"}
_NOISE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
                "toolbar", "dialog", "alertdialog"}
# Class and id words of navigation and page furniture, as whole words: "site-nav", "menu-item",
# "share_buttons" match; "navy", "commentary", "unavailable" do not. Bylines and date lines
# ("entry-meta") go too: the date is read into the metadata, and a date line standing before the
# first headline would hide that headline from ``ingest``.
_NOISE_NAMES = re.compile(
    r"(?<![a-z])(?:nav|navbar|navigation|topnav|subnav|mainnav|sitenav|menu|menus|submenu|menuitem|megamenu|"
    r"menubar|breadcrumbs?|crumbs|footer|sidebar|cookies?|cookiebar|consent|share|sharing|sharethis|"
    r"social|comments?|commentlist|related|pagination|pager|skip-link|sr-only|screen-reader-text|"
    r"meta|byline|dateline|posted-on|post-date|entry-date|timestamp)(?![a-z])")
_KEEP_TAGS = {"html", "body", "main", "article"}
_BLOCK_TAGS = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div", "dl",
               "dt", "fieldset", "figure", "footer", "header", "hgroup", "hr", "html", "li", "main", "ol",
               "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
               "h1", "h2", "h3", "h4", "h5", "h6", "dir", "legend"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol", "dl"}
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BREADCRUMB_TEXT = re.compile(r"^(?:Home(?:page)?|首页|Start)\s*(?:>|»|›|/|\||→)|^You are here\b", re.IGNORECASE)


def _is_noise(node: LexborNode, in_article: bool) -> bool:
    """Page furniture: navigation, banners, sidebars, forms, hidden parts, share and comment boxes."""
    tag = node.tag or ""
    if tag in _KEEP_TAGS:
        return False
    if tag in _SKIP_TAGS:
        return True
    if tag == "header" and not in_article:
        return True  # the site's masthead; an article's own <header> holds its headline and date
    if tag == "footer":
        return True
    attrs = node.attributes
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    style = (attrs.get("style") or "").lower().replace(" ", "")
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if (attrs.get("role") or "").lower() in _NOISE_ROLES:
        return True
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if names.strip() and _NOISE_NAMES.search(names):
        # "has-sidebar" on the wrapper of the whole article is layout, not furniture.
        return node.css_first("article, main, h1, [role=main]") is None
    return False


def _is_date_note(node: LexborNode) -> bool:
    """A small box of page furniture that only gives a date ("2023-12-07", "Posted on May 6, 2015")."""
    from knowledge.ingest import is_date_line

    if (node.tag or "") in _SKIP_TAGS or node.tag in ("header", "footer"):
        return False
    text = _SPACES.sub(" ", node.text(deep=True) or "").strip()
    return 6 <= len(text) <= 60 and is_date_line(text)


def _bold_lead(node: LexborNode) -> bool:
    """Whether a <strong> or <b> opens a list item as its headline: nothing but a date before it, a
    headline's length, and the item's text after it."""
    from knowledge.ingest import is_date_line

    parent = node.parent
    if parent is None or parent.tag not in ("li", "dd", "dt"):
        return False
    head = _node_text(node)
    before, after, seen = [], [], False
    child = parent.child
    while child is not None:
        if child.mem_id == node.mem_id:  # the parser gives a new wrapper for each visit of a node
            seen = True
        elif child.is_text_node or child.is_element_node:
            (after if seen else before).append(child.text(deep=True) or "")
        child = child.next
    lead = " ".join(before).strip()
    return (8 <= len(head) <= 160 and not head.endswith((".", ",", ";", ":"))
            and (not lead or (len(lead) <= 30 and is_date_line(lead)))
            and len(" ".join(after).strip()) >= 40)


@dataclass
class _Paragraph:
    lines: list[str]
    kind: str  # "text" | "heading" | "list"


class _Renderer:
    """Walks a subtree without recursion (pages may nest deeply) and collects its paragraphs."""

    def __init__(self) -> None:
        self.paragraphs: list[_Paragraph] = []
        self.lines: list[str] = []
        self.line: list[str] = []
        self.kind = "text"
        self.size = 0
        self.headings: list[str] = []  # the text of every <h1>-<h6>, for ingest to know its headlines

    def text(self, value: str, pre: bool) -> None:
        if pre:
            first, *rest = value.replace("\r\n", "\n").split("\n")
            self.line.append(first)
            for part in rest:
                self.end_line()
                self.line.append(part)
        else:
            self.line.append(_SPACES.sub(" ", value.replace("\u200b", "")))

    def end_line(self) -> None:
        line = _SPACES.sub(" ", "".join(self.line)).strip()
        self.line = []
        if line:
            self.lines.append(line)
            self.size += len(line) + 1

    def end_paragraph(self, next_kind: str = "text") -> None:
        self.end_line()
        if self.lines:
            flat = " ".join(self.lines)
            if not (len(flat) < 300 and _BREADCRUMB_TEXT.match(flat)):
                self.paragraphs.append(_Paragraph(self.lines, self.kind))
                if self.kind == "heading":
                    self.headings.append(flat)
        self.lines = []
        self.kind = next_kind

    def end_block(self, in_list: bool) -> None:
        """A block element inside a list item breaks the line; elsewhere it ends the paragraph."""
        if in_list:
            self.end_line()
        else:
            self.end_paragraph()

    def walk(self, root: LexborNode, in_article: bool) -> None:
        stack: list[tuple[LexborNode, bool]] = [(root, False)]
        pre = lists = 0
        articles = 1 if in_article else 0
        while stack:
            if self.size > MAX_TEXT_CHARS:
                break  # html_to_text cuts the text and says so
            node, leaving = stack.pop()
            tag = node.tag or ""
            if leaving:
                if tag in ("strong", "b") and lists and _bold_lead(node):
                    # "<li><strong>CAFIU turns thirty</strong> The Chinese Association ...</li>": the bold
                    # lead of a list item is its headline, on a line of its own and known as a heading
                    lead = _SPACES.sub(" ", "".join(self.line)).strip()
                    head = _node_text(node)
                    before = lead[: len(lead) - len(head)].strip() if lead.endswith(head) else ""
                    self.line = [head]  # the headline first, then its date: a news list's order
                    self.end_line()
                    self.line = [before]
                    self.end_line()
                    self.headings.append(head)
                    continue
                if tag in _HEADINGS:
                    self.end_paragraph()
                elif tag == "li" or tag == "dt" or tag == "dd" or tag == "tr":
                    self.end_line()
                elif tag in _LISTS:
                    lists -= 1
                    if not lists:
                        self.end_paragraph()
                elif tag in ("td", "th"):
                    self.line.append(" ")
                elif tag in _BLOCK_TAGS:
                    self.end_block(lists > 0)
                if tag == "pre":
                    pre -= 1
                elif tag in ("article", "main"):
                    articles -= 1
                continue
            if node.is_text_node:
                self.text(node.text_content or "", pre > 0)
                continue
            if not node.is_element_node:
                continue
            if _is_noise(node, articles > 0):
                if _is_date_note(node):
                    # An item's date line in a "meta" or "post-date" box dates the item: kept alone.
                    self.end_paragraph()
                    self.text(node.text(deep=True) or "", False)
                    self.end_paragraph()
                continue
            if tag == "br":
                self.end_line()
                continue
            if tag in _HEADINGS:
                self.end_paragraph("heading")
            elif tag in _LISTS:
                if not lists:
                    self.end_paragraph("list")
                lists += 1
            elif tag in ("li", "dt", "dd", "tr"):
                self.end_line()
            elif tag in _BLOCK_TAGS:
                self.end_block(lists > 0)
            if tag == "pre":
                pre += 1
            elif tag in ("article", "main"):
                articles += 1
            stack.append((node, True))
            children: list[LexborNode] = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((c, False) for c in reversed(children))
        self.end_paragraph()

    def result(self) -> str:
        out: list[str] = []
        for para in self.paragraphs:
            if para.kind == "list" and any(len(x) >= 80 and x.endswith(_TERMINAL) for x in para.lines):
                out.extend(para.lines)  # a list of news items: each item is a paragraph of its own
            else:
                out.append("\n".join(para.lines))
        return "\n\n".join(out)


def _render(roots: list[LexborNode], in_article: bool, headings: list[str] | None = None) -> str:
    renderer = _Renderer()
    for root in roots:
        renderer.walk(root, in_article)
    if headings is not None:
        headings[:] = renderer.headings
    return renderer.result()


def _content_roots(tree: LexborHTMLParser) -> tuple[list[LexborNode], bool]:
    """The page's main content: <main> (or role=main), else its articles, else the body."""
    main = tree.css_first("main, [role=main]")
    if main is not None:
        return [main], True
    articles = [a for a in tree.css("article") if not _inside(a, {"article", "aside", "nav", "footer"})]
    if articles:
        return articles, True
    body = tree.body or tree.root
    return ([body] if body is not None else []), False


def _inside(node: LexborNode, tags: set[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _head_meta(tree: LexborHTMLParser) -> dict[str, str]:
    """<meta> name/property/itemprop (lower-cased) to content, first one wins."""
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = _SPACES.sub(" ", attrs.get("content") or "").strip()
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        if key and content:
            found.setdefault(key.lower(), content)
    return found


def _node_text(node: LexborNode | None) -> str:
    return _SPACES.sub(" ", node.text(deep=True, separator=" ") if node is not None else "").strip()


def _strip_site(title: str, site: str | None) -> str:
    """A title without the site name it ends with ("Headline - Site Name"), when the site is known."""
    if site:
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip()
    return title


def _html_meta(tree: LexborHTMLParser, roots: list[LexborNode]) -> dict[str, str]:
    heads = _head_meta(tree)
    site = heads.get("og:site_name")
    meta: dict[str, str] = {}
    h1 = next((n for r in roots for n in [r.css_first("h1")] if n is not None), None)
    for candidate in (_node_text(h1), heads.get("og:title"), heads.get("twitter:title"),
                      _node_text(tree.css_first("title"))):
        if candidate and len(candidate) <= 300:
            meta["title"] = _strip_site(candidate, site)
            break
    times = [n for r in roots for n in r.css("time")]  # not the dates of a sidebar's other posts
    dates = [heads.get("article:published_time"), heads.get("datepublished"),
             *(t.attributes.get("datetime") for t in times),
             heads.get("date"), heads.get("pubdate"), heads.get("publishdate"), heads.get("dc.date.issued"),
             heads.get("dc.date"), heads.get("citation_publication_date"), *(_node_text(t) for t in times)]
    for raw in dates:
        iso = _iso_date(raw) if raw else None
        if iso:
            meta["date"] = iso
            break
    canonical = next((n.attributes.get("href") for n in tree.css("link[rel]")
                      if "canonical" in (n.attributes.get("rel") or "").lower().split()), None)
    url = canonical or heads.get("og:url")
    if url and url.strip().lower().startswith(("http://", "https://")):
        meta["url"] = url.strip()
    root = tree.root
    lang = (root.attributes.get("lang") if root is not None else None) or heads.get("content-language")
    if lang and lang.strip():
        meta["language"] = lang.strip()
    if site:
        meta["source"] = site  # the publisher, as the "Source:" line of a saved page would say
    return meta


def html_to_text(data: bytes | str, heading_texts: list[str] | None = None) -> tuple[str, dict[str, str]]:
    """The main text of a web page and the metadata it states (title, date, url, language, source).

    ``heading_texts``, when given, receives the text of every heading (<h1>-<h6>) of the text.

    Paragraphs are separated by blank lines; headings stand on lines of their own; list items and
    ``<br>`` breaks are lines; navigation, menus, breadcrumbs, sidebars, footers, forms, buttons,
    scripts and styles are left out. ``<main>`` or ``<article>`` is read when the page has one.
    Raises ReportReadError for a page nested too deeply to parse safely.
    """
    html = decode_html(data) if isinstance(data, bytes) else data
    if len(html) > MAX_HTML_BYTES:
        raise ReportReadError(f"web page larger than {MAX_HTML_BYTES:,} characters")
    if _nesting_depth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH:
        raise ReportReadError(f"web page nested more than {MAX_HTML_DEPTH:,} elements deep")
    tree = LexborHTMLParser(html)
    roots, in_article = _content_roots(tree)
    headings: list[str] = []
    text = _render(roots, in_article, headings)
    if in_article and len(text) < 200:
        # A <main> holding little more than a title: the text is elsewhere on the page.
        body = tree.body
        if body is not None:
            whole_headings: list[str] = []
            whole = _render([body], False, whole_headings)
            if len(whole) > 2 * len(text) + 200:
                text, roots, headings = whole, [body], whole_headings
    if len(text) > MAX_TEXT_CHARS:
        log.warning("web page text cut at %d characters", MAX_TEXT_CHARS)
        text = text[:MAX_TEXT_CHARS]
    if heading_texts is not None:
        heading_texts[:] = headings
    return text, _html_meta(tree, roots)


def read_html(path: Path) -> tuple[str, dict[str, str]]:
    """The main text and metadata of a saved web page; ReportReadError when it has none."""
    try:
        size = path.stat().st_size
        if size > MAX_HTML_BYTES:
            raise ReportReadError(f"{path.name}: web page larger than {MAX_HTML_BYTES:,} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise ReportReadError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise ReportReadError(f"{path.name}: the file is empty")
    headings: list[str] = []
    try:
        text, meta = html_to_text(data, headings)
    except ReportReadError as exc:
        raise ReportReadError(f"{path.name}: {exc}") from exc
    if sum(ch.isalpha() for ch in text) < 20:
        raise ReportReadError(f"{path.name}: no readable text in the web page")
    if headings:
        meta["headings"] = "\n".join(headings)  # for ingest to know the page's headlines; not kept
    return text, meta


# --- PDF ----------------------------------------------------------------------------------------------

@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float


def _mult(m: list[float], n: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]."""
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


def _page_lines(page: Any) -> list[_Line]:
    """The text lines of a PDF page in reading order, each with its position and font size."""
    lines: list[_Line] = []
    parts: list[str] = []
    where: list[tuple[float, float, float] | None] = [None]

    def finish() -> None:
        text = _SPACES.sub(" ", "".join(parts)).strip()
        parts.clear()
        if text and where[0] is not None:
            x, y, size = where[0]
            lines.append(_Line(text, x, y, size))
        where[0] = None

    def visit(text: str, cm: list[float], tm: list[float], _font: object, font_size: float) -> None:
        if not text:
            return
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                finish()
            if piece.strip() and where[0] is None:
                try:
                    m = _mult([float(v) for v in tm], [float(v) for v in cm])
                    scale = math.hypot(m[2], m[3]) or 1.0
                    where[0] = (m[4], m[5], float(font_size or 0) * scale)
                except (TypeError, ValueError, IndexError):
                    where[0] = (0.0, 0.0, 0.0)
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    finish()
    return lines


_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s*)?(\d{1,4})(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)


def _edge_lines(lines: list[_Line]) -> list[int]:
    """Indexes of the two top-most and two bottom-most lines: where running heads and folios stand."""
    if len(lines) <= 4:
        return list(range(len(lines)))
    order = sorted(range(len(lines)), key=lambda i: lines[i].y)
    return sorted(set(order[:2] + order[-2:]))


def _strip_furniture(pages: list[list[_Line]]) -> dict[int, int]:
    """Drop running heads and printed page numbers from the pages; the printed number of each page."""
    def key(line: _Line) -> str:
        text = re.sub(r"\s+", " ", re.sub(r"\d+", "", line.text.lower())).strip()
        if sum(ch.isalpha() for ch in text) < 3:
            return ""  # "2019 1,234" and "2020 2,345" are rows of a table, not one running head
        return f"{text}@{round(line.size)}"

    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({key(lines[i]) for i in _edge_lines(lines) if len(lines[i].text) <= 100})
    printed: dict[int, int] = {}
    for index, lines in enumerate(pages):
        drop = set()
        for i in _edge_lines(lines):
            text = lines[i].text
            m = _PAGE_NUMBER.match(text)
            if m:
                drop.add(i)
                printed.setdefault(index, int(m.group(1)))
            elif len(text) <= 100 and key(lines[i]) and seen[key(lines[i])] >= 3:
                drop.add(i)  # the same head on three pages or more, page numbers aside
        pages[index] = [line for i, line in enumerate(lines) if i not in drop]
    return printed


def _page_numbers(reader: Any, count: int, printed: dict[int, int]) -> list[int | None]:
    """The number each page is cited by: its page label, else the number printed on it, else its index."""
    try:
        has_labels = "/PageLabels" in reader.root_object
        labels = reader.page_labels[:count] if has_labels else []
    except Exception:  # a broken label tree: fall back to the numbers the pages print
        log.debug("unreadable page labels", exc_info=True)
        labels = []
    if labels:
        return [int(label) if label.isdigit() else i + 1 for i, label in enumerate(labels)]
    offsets = Counter(number - index for index, number in printed.items() if number < 1000)
    if offsets:
        offset, votes = offsets.most_common(1)[0]
        if votes >= 2 and votes * 2 >= len(printed):
            first = min(i for i, n in printed.items() if n - i == offset)
            return [i + offset if i >= first else None for i in range(count)]
    return [i + 1 for i in range(count)]


_HYPHEN_END = re.compile(r"^(.*?)([A-Za-z]+)-$")
_MARKER = re.compile(r"^- \d+ -$")


def _join_lines(a: str, b: str, words: set[str]) -> str:
    """Two lines of one paragraph, still as two lines unless the first ends in a hyphen.

    A word hyphenated at the line end ("inter-" "national") is joined when a lower-case letter
    continues it and the document does not spell the word with a hyphen elsewhere; a compound
    ("people-to-" "people", "Vice-" "President") keeps its hyphen. Lines stay lines otherwise:
    ``ingest`` joins them, and reads a contents list line by line.
    """
    last = a[max(a.rfind(" "), a.rfind("\n")) + 1:]
    m = _HYPHEN_END.match(last)
    if m and b[:1].islower():
        rest = re.match(r"[A-Za-z]+", b)
        tail = rest.group(0).lower() if rest else ""
        compound = "-" in m.group(1) or f"{m.group(2).lower()}-{tail}" in words
        if not compound or (m.group(2) + tail).lower() in words:
            return a[:-1] + b  # typeset hyphenation
        return a + b
    if (last.endswith("-") and last != "-") or last.endswith("—"):
        return a + b  # "Vice-" "President"; "scholars—" "including"
    return f"{a}\n{b}"


_SENTENCE_END = re.compile(r"(?:[.!?][\"”’)]*|:)$")


def _paragraphs(lines: list[_Line], words: set[str]) -> list[str]:
    """The lines of a page grouped into paragraphs, by spacing, font size, indent and short last lines."""
    if not lines:
        return []
    gaps: dict[int, list[float]] = {}
    for a, b in pairwise(lines):
        if abs(a.size - b.size) < 0.5 and 0 < a.y - b.y < 3 * max(a.size, 1.0):
            gaps.setdefault(round(a.size), []).append(a.y - b.y)
    pitch = {size: statistics.median(found) for size, found in gaps.items()}
    lengths = sorted(len(line.text) for line in lines)
    full = lengths[int(len(lengths) * 0.9)]
    left = min(line.x for line in lines)
    out: list[str] = []
    current = lines[0].text
    for a, b in pairwise(lines):
        gap = a.y - b.y
        size = max(a.size, b.size, 1.0)
        leading = pitch.get(round(a.size)) or 1.25 * size
        size_change = abs(a.size - b.size) > max(1.0, 0.15 * size)
        spaced = gap > 1.35 * leading + 0.5
        jumped = gap > 2.5 * size or gap < -0.5 * size  # another column, a box, text out of order
        ends = _SENTENCE_END.search(a.text) is not None
        short_end = ends and len(a.text) < 0.75 * full
        indented = ends and b.x > left + max(a.size, 4.0) and b.x > a.x + 2.0
        if size_change or spaced or (jumped and ends) or short_end or indented:
            out.append(current)
            current = b.text
        else:
            current = _join_lines(current, b.text, words)
    out.append(current)
    return out


def _pdf_meta(reader: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    try:
        info = reader.metadata
    except Exception:  # noqa: BLE001 - unreadable metadata is no reason to skip the text
        return meta
    if info is None:
        return meta
    for field, getter in (("title", "title"), ("author", "author")):
        try:
            value = getattr(info, getter)
        except Exception:  # noqa: BLE001 - a malformed entry
            value = None
        value = _SPACES.sub(" ", str(value or "")).strip()
        junk = re.match(r"^(?:untitled|microsoft\s+\w+\s*-|document\d*$|.*\.(?:docx?|indd|pdf|odt|pages|qxp)$)",
                        value, re.IGNORECASE)
        if 4 <= len(value) <= 300 and any(ch.isalpha() for ch in value) and not junk:
            meta[field] = value
    try:
        created = info.creation_date
        date = created.date().isoformat() if created else None
    except Exception:  # noqa: BLE001 - a malformed date string
        date = None
    raw = info.get("/CreationDate") if date is None else None
    date = date or (_iso_date(str(raw)) if raw else None)
    if date:
        meta["date"] = date
    return meta


def pdf_to_text(path: Path) -> tuple[str, dict[str, str]]:
    """The text of a PDF, page by page, and its metadata (title, author, creation date).

    Each page's text is preceded by the marker of the page before ("- 11 -" before page 12), the
    footer ``ingest`` reads and drops, so blocks keep the page they are printed on. Pages are cited
    by the PDF's page labels, else by the numbers printed on them, else by their position. Lines
    are joined into paragraphs, running heads and printed page numbers dropped, words hyphenated
    at line ends joined. Encrypted, broken and image-only PDFs raise ReportReadError.
    """
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReportReadError(f"{name}: cannot be read ({exc.strerror})") from exc
    if size == 0:
        raise ReportReadError(f"{name}: the file is empty")
    if size > MAX_PDF_BYTES:
        raise ReportReadError(f"{name}: PDF larger than {MAX_PDF_BYTES:,} bytes")
    try:
        return _read_pdf(path)
    except ReportReadError:
        raise
    except Exception as exc:  # pypdf fails on hostile files in many ways; none may crash a build
        raise ReportReadError(f"{name}: broken or truncated PDF ({type(exc).__name__}: {exc})"[:300]) from exc


def _read_pdf(path: Path) -> tuple[str, dict[str, str]]:
    name = path.name
    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError as exc:
            raise ReportReadError(f"{name}: encrypted PDF; reading it needs the 'cryptography' package "
                                  f"({exc})") from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise ReportReadError(f"{name}: encrypted PDF that needs a password")
    count = len(reader.pages)
    if count == 0:
        raise ReportReadError(f"{name}: a PDF without pages")
    if count > MAX_PDF_PAGES:
        log.warning("%s: reading the first %d of %d pages", name, MAX_PDF_PAGES, count)
        count = MAX_PDF_PAGES
    pages: list[list[_Line]] = []
    deadline = time.monotonic() + PDF_SECONDS
    chars = failed = 0
    for index in range(count):
        if time.monotonic() > deadline or chars > MAX_TEXT_CHARS:
            log.warning("%s: text cut after page %d of %d (time or size limit)", name, index, count)
            break
        try:
            lines = _page_lines(reader.pages[index])
        except FileNotDecryptedError:
            raise
        except Exception as exc:  # noqa: BLE001 - one broken page: read the others
            log.warning("%s: page %d unreadable (%s: %s)", name, index + 1, type(exc).__name__, exc)
            lines, failed = [], failed + 1
        chars += sum(len(line.text) + 1 for line in lines)
        pages.append(lines)
    if sum(ch.isalpha() for lines in pages for line in lines for ch in line.text) < 20:
        if failed:
            raise ReportReadError(f"{name}: no page of the PDF could be read")
        raise ReportReadError(f"{name}: the PDF has no text layer (scanned images?)")
    printed = _strip_furniture(pages)
    numbers = _page_numbers(reader, len(pages), printed)
    words: set[str] = set()
    for lines in pages:
        for line in lines:
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", line.text))
    out: list[str] = []
    for lines, number in zip(pages, numbers, strict=True):
        paragraphs = _paragraphs(lines, words)
        last = next((i for i in range(len(out) - 1, -1, -1) if not _MARKER.match(out[i])), None)
        if (paragraphs and last is not None and re.search(r"[A-Za-z]-$", out[last])
                and paragraphs[0][:1].islower()):
            # A word hyphenated across the page break: the paragraph is cited on the page it starts on.
            out[last] = _join_lines(out[last], paragraphs.pop(0), words)
        if number is not None and 1 <= number <= 1000:
            out.append(f"- {number - 1} -")  # the footer of the page before: what follows is on `number`
        out.extend(paragraphs)
    return "\n\n".join(out) + "\n", _pdf_meta(reader)


# Readers by file suffix, for ``ingest.read_document``; text files are read by ``ingest`` itself.
FORMAT_READERS: dict[str, Callable[[Path], tuple[str, dict[str, str]]]] = {
    ".html": read_html, ".htm": read_html, ".pdf": pdf_to_text,
}
