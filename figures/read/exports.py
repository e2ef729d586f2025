"""Read news-database exports: a Nexis Uni or Factiva text file holding many articles.

Researchers download articles from the news databases in one text file: each
article is a header block (title, outlet, date, "Length: 413 words", byline,
section, copyright), its body, classification lines ("Subject: ARMED FORCES
(90%)", "Load-Date: ...") and a separator. ``read_export`` makes one Document a
article whose text is the body only: header and classification lines are not
figures, so extraction never sees them. Offsets of figures count characters of
that body.

Nexis Uni
    Articles end with a line "End of Document". Before the line "Body": the
    title, the outlet and the date (first lines), then "Key: value" lines
    (Copyright, Section, Length, Byline, Dateline, Highlight). After the body:
    "Classification" and its "Key: value" lines, "Load-Date", "Graphic",
    "Notes". The id is ``<file stem>:<n>``, n counting articles from 1.

Factiva
    Articles end with a line "Document <id>" (``Document ABC0000020231012ej0c0005l``);
    that id is the document id. Either tagged fields ("HD", "WC", "PD", "SN",
    "LP", "TD", "AN", ... at the start of a line, continued on the lines after)
    with the body in LP and TD, or plain header lines: title (and byline), "413
    words", date, time, outlet, source code, language and copyright line, then
    the body.

``export_kind`` tells an export from an article by its content: a line "End of
Document" with "Length:" or "Load-Date:" lines (Nexis Uni), or "Document <id>"
lines with "N words" lines or tagged fields (Factiva). An article that does not
have the shape of its format (no body, no title) is skipped and reported with
the file and line where it starts; the others are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from figures.read.dates import parse_date
from figures.read.report import Collector

ExportKind = Literal["nexis", "factiva"]

#: Characters looked at to tell an export from an article.
_SNIFF_CHARS = 20_000

# Nexis Uni: the separator, the body heading, header and classification fields.
_NEXIS_END = re.compile(r"^[ \t]*End of Document[ \t]*$", re.MULTILINE)
_NEXIS_FIELD = re.compile(r"^[ \t]*(?:Length|Load-Date):", re.MULTILINE)
_NEXIS_COUNTER = re.compile(r"^\s*\d+\s+of\s+\d+\s+DOCUMENTS?\s*$", re.IGNORECASE)
_KEY_VALUE = re.compile(
    r"""^\s*(?P<key>[A-Z][A-Za-z]*(?:[- ][A-Z][A-Za-z]*)?)  # "Load-Date", "Publication-Type"
        :\s*(?P<value>.*)$                                  # ": its value"
    """,
    re.VERBOSE,
)
#: Section headings after the body: the body ends at the first of them.
_NEXIS_AFTER_BODY = frozenset({"classification", "graphic", "notes", "load-date"})

# Factiva: the separator with the document id, the word count, tagged fields.
_FACTIVA_END = re.compile(
    r"^[ \t]*(?:AN[ \t]+)?Document[ \t]+(?P<id>[A-Za-z0-9]{16,})[ \t]*$",  # "AN  Document ..."
    re.MULTILINE)
_WORDS = re.compile(r"^\s*\d[\d,.]*\s+words\s*$", re.IGNORECASE)
_FACTIVA_TAG = re.compile(r"^(?P<tag>[A-Z]{2,3})(?:[ \t]+(?P<value>.*))?$")
#: The tags of a Factiva "Full Article/Report plus Indexing" record.
_FACTIVA_TAGS = frozenset({
    "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "LA", "CY", "LP", "TD", "CT",
    "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "SE", "CLM", "ART", "VOL"})
_FACTIVA_TAGGED = re.compile(r"^(?:HD|WC|PD|SN|AN)[ \t]", re.MULTILINE)
_TIME_LINE = re.compile(r"^\s*\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s+[A-Z]{2,4})?\s*$")
_COPYRIGHT = re.compile(r"^\s*(?:\(c\)|©|copyright\b)", re.IGNORECASE)
#: A trailing weekday on a Nexis date line ("October 12, 2023 Thursday").
_TRAILING_WEEKDAY = re.compile(
    r"\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Article:
    """One article cut from an export: its lines, the line it starts on, its id if given."""

    lines: list[str]
    first_line: int  # 1-based line number in the file
    id: str | None = None


def export_kind(text: str) -> ExportKind | None:
    """Which database export ``text`` is, or None for an ordinary article.

    >>> export_kind("Title\\nLength: 20 words\\nBody\\nText.\\nEnd of Document\\n")
    'nexis'
    >>> export_kind("Just an article about 40 jets.") is None
    True
    """
    head = text[:_SNIFF_CHARS]
    if _NEXIS_END.search(head) and _NEXIS_FIELD.search(head):
        return "nexis"
    if _FACTIVA_END.search(head) and (_FACTIVA_TAGGED.search(head) or any(
            _WORDS.match(line) for line in head.splitlines())):
        return "factiva"
    return None


def read_export(text: str, kind: ExportKind, stem: str, label: str,
                collector: Collector) -> int:
    """Read every article of an export into ``collector``; the number of articles found.

    ``stem`` names the documents without an id of their own (``<stem>:<n>``);
    ``label`` names the file in sources and skips ("exports/nexis.txt").
    """
    articles = _split(text, _NEXIS_END if kind == "nexis" else _FACTIVA_END)
    reader = _read_nexis if kind == "nexis" else _read_factiva
    for number, article in enumerate(articles, start=1):
        source = f"{label} article {number} (line {article.first_line})"
        read = reader(article)
        if isinstance(read, str):
            collector.skip(source, read)
            continue
        collector.add(article.id or f"{stem}:{number}", read.body, source, outlet=read.outlet,
                      title=read.title, published=read.published,
                      date_source=f"{source} header")
    return len(articles)


def _split(text: str, separator: re.Pattern[str]) -> list[_Article]:
    """The articles of an export, cut at its separator lines; trailing blank text dropped."""
    articles: list[_Article] = []
    position, line = 0, 1
    for found in separator.finditer(text):
        chunk = text[position:found.start()]
        identifier = found.groupdict().get("id")
        articles.append(_article(chunk, line, identifier))
        line += text.count("\n", position, found.end()) + 1
        position = found.end() + 1
    rest = text[position:]
    if rest.strip():
        articles.append(_article(rest, line, None))
    return articles


def _article(chunk: str, line: int, identifier: str | None) -> _Article:
    """An article from its chunk of the file, its first line moved past leading blank lines."""
    lines = chunk.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
        line += 1
    return _Article(lines, line, identifier)


@dataclass(frozen=True)
class _Read:
    """What an article's header and body give."""

    body: str
    title: str | None
    outlet: str | None
    published: str | None


def _read_nexis(article: _Article) -> _Read | str:
    """A Nexis Uni article, or why it cannot be read."""
    lines = [line for line in article.lines if not _NEXIS_COUNTER.match(line)]
    stripped = [line.strip() for line in lines]
    if "Body" not in stripped:
        return "no 'Body' line: not a Nexis Uni article"
    body_at = stripped.index("Body")
    header = [line for line in stripped[:body_at] if line]
    top: list[str] = []  # title, outlet, date, edition: the lines before the first field
    fields: dict[str, str] = {}
    for line in header:
        field = _KEY_VALUE.match(line)
        if field and (fields or field["key"] in ("Copyright", "Section", "Length", "Byline")):
            fields[field["key"].lower()] = field["value"].strip()
        elif line.lower().startswith("copyright") or fields:
            fields.setdefault("copyright", line)
        else:
            top.append(line)
    end = len(lines)
    for k in range(body_at + 1, len(lines)):
        word = stripped[k].split(":")[0].lower()
        if word in _NEXIS_AFTER_BODY and (stripped[k].lower() == word or word == "load-date"):
            end = k
            break
    for line in stripped[end:]:
        field = _KEY_VALUE.match(line)
        if field:
            fields.setdefault(field["key"].lower(), field["value"].strip())
    if not top:
        return "no title before the 'Body' line"
    title = top[0]
    rest = top[1:]
    date_at = next((i for i, line in enumerate(rest) if _date_line(line)), None)
    published = _date_line(rest[date_at]) if date_at is not None else None
    outlet = rest[0] if rest and date_at != 0 else None
    if published is None and "load-date" in fields:
        published = fields["load-date"]
    return _body(lines[body_at + 1:end], title, outlet, published)


def _read_factiva(article: _Article) -> _Read | str:
    """A Factiva article (tagged fields or plain header lines), or why it cannot be read."""
    lines = article.lines
    if lines and _FACTIVA_TAG.match(lines[0]) and _tag(lines[0]) == "HD":
        return _read_factiva_tagged(lines)
    words_at = next((i for i, line in enumerate(lines[:8]) if _WORDS.match(line)), None)
    if words_at is None or words_at == 0:
        return "no title and 'N words' line: not a Factiva article"
    title = lines[0].strip()
    k = words_at + 1
    published = _date_line(lines[k]) if k < len(lines) else None
    if published is not None:
        k += 1
    if k < len(lines) and _TIME_LINE.match(lines[k]):
        k += 1
    outlet = lines[k].strip() if k < len(lines) and lines[k].strip() else None
    k += 1
    copyright_at = next((i for i in range(k, min(k + 8, len(lines)))
                         if _COPYRIGHT.match(lines[i])), None)
    start = copyright_at + 1 if copyright_at is not None else k
    return _body(lines[start:], title, outlet, published)


def _read_factiva_tagged(lines: list[str]) -> _Read | str:
    """A Factiva record of tagged fields: HD headline, SN outlet, PD date, LP and TD body."""
    fields: dict[str, list[str]] = {}
    tag = None
    for line in lines:
        found = _tag(line)
        if found is not None:
            tag = found
            value = _FACTIVA_TAG.match(line)
            first = value["value"] if value and value["value"] else ""
            fields.setdefault(tag, []).append(first)
        elif tag is not None:
            fields[tag].append(line.strip())  # a continuation line, indented under its tag
    body = [*fields.get("LP", []), "", *fields.get("TD", [])]
    title = " ".join(part.strip() for part in fields.get("HD", []) if part.strip())
    if not title:
        return "no headline (HD): not a Factiva article"
    outlet = next((part.strip() for part in fields.get("SN", []) if part.strip()), None)
    published = next((part.strip() for part in fields.get("PD", []) if part.strip()), None)
    return _body(body, title, outlet, published)


def _tag(line: str) -> str | None:
    """The Factiva field tag that starts ``line`` ("HD", "TD"), or None."""
    found = _FACTIVA_TAG.match(line)
    return found["tag"] if found and found["tag"] in _FACTIVA_TAGS else None


def _body(lines: list[str], title: str, outlet: str | None,
          published: str | None) -> _Read | str:
    """The body text from its lines, without the blank lines around it."""
    body = "\n".join(_trimmed(lines)).strip()
    if not body:
        return "empty body"
    return _Read(body, title, outlet, published)


def _trimmed(lines: list[str]) -> Iterator[str]:
    """Lines without trailing spaces (exports pad them) or carriage returns."""
    for line in lines:
        yield line.rstrip()


def _date_line(line: str) -> str | None:
    """The date a header line states ("October 12, 2023 Thursday"), or None."""
    written = _TRAILING_WEEKDAY.sub("", line.strip())
    return written if written and parse_date(written) is not None else None
