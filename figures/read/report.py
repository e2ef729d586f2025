"""What reading found: the report's records, its summary, and the collector that fills them."""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from figures.model import Document
from figures.read.dates import PLAUSIBLE_YEARS, parse_date

#: Skips, bad dates and file names shown in the summary before "and N more".
_SHOWN = 5


@dataclass(frozen=True)
class Skipped:
    """An input record (file, row, line) that is not a document, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """A record counted once: same text as a kept document, or a kept document's id.

    ``same_text`` is False when the id was reused for a different text; the
    first text is kept. ``kept_source`` says where the kept document came from.
    """

    doc: str
    source: str
    duplicate_of: str
    same_text: bool
    kept_source: str = ""


@dataclass(frozen=True)
class BadDate:
    """A publication date that could not be read; its document is kept undated."""

    source: str
    value: str


@dataclass(frozen=True)
class InputRead:
    """One input path: what it was and how many records (files, rows, lines) it held."""

    path: str
    kind: Literal["folder", "csv", "jsonl", "file", "export"]
    records: int
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        """What a record of this input is called in the summary."""
        word = {"csv": "row", "jsonl": "line", "export": "article"}.get(self.kind, "file")
        return word if self.records == 1 else f"{word}s"


@dataclass(frozen=True)
class ReadReport:
    """What reading did: counts, duplicates, skips, unreadable dates, files left out.

    Every record is kept, a duplicate, or skipped:
    ``records == documents + len(duplicates) + len(skipped)``, except that a
    whole CSV/JSONL file skipped (empty, binary) counts as a skip of no records.
    """

    inputs: tuple[str, ...]
    reads: tuple[InputRead, ...]
    documents: int
    duplicates: tuple[Duplicate, ...]
    skipped: tuple[Skipped, ...]
    undated: int
    bad_dates: tuple[BadDate, ...] = ()
    unlisted: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    #: Entries of a folder that are not files to read, and why: hidden files and folders,
    #: links to folders, dangling links, link loops, FIFOs and other special files.
    left_out: tuple[Skipped, ...] = ()
    #: near-copies: one story in several documents (``figures.read.copies.CopyGroup``)
    copies: tuple[Any, ...] = ()

    @property
    def records(self) -> int:
        """Files, rows and lines read from all inputs."""
        return sum(read.records for read in self.reads)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (lists and dicts of strings, numbers, booleans)."""
        out: dict[str, Any] = {"records": self.records}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, tuple):
                value = [_plain(entry) for entry in value]
            out[item.name] = value
        out["summary"] = self.summary()
        return out

    def summary(self) -> str:
        """One paragraph for a person: what was read, kept, counted once and skipped."""
        read = joined(f"{r.records} {r.unit} from {Path(r.path).name or r.path}"
                      for r in self.reads)
        text = f"read {read}: {_count(self.documents, 'document')}"
        text += f", {_count(len(self.duplicates), 'duplicate')}{_duplicate_kinds(self.duplicates)}"
        skips = [f"{skip.source}: {skip.reason}" for skip in self.skipped]
        text += f", {len(self.skipped)} skipped{listing(skips, '; ')}"
        if self.undated:
            text += f"; {self.undated} without a publication date"
        text += "."
        if self.bad_dates:
            shown = [f"{bad.source}: {bad.value!r}" for bad in self.bad_dates]
            text += (f" {_count(len(self.bad_dates), 'date')} could not be read and"
                     f" {_was(len(self.bad_dates))} left empty{listing(shown, '; ')}.")
        if self.unlisted:
            text += (f" {_count(len(self.unlisted), 'file')} neither in the manifest nor with"
                     f" front matter {_was(len(self.unlisted))} not read{listing(self.unlisted)}.")
        if self.ignored:
            text += (f" {_count(len(self.ignored), 'other file')} {_was(len(self.ignored))}"
                     f" ignored{listing(self.ignored)}.")
        if self.left_out:
            shown = [f"{entry.source}: {entry.reason}" for entry in self.left_out]
            text += (f" {_count(len(self.left_out), 'folder entry', 'folder entries')}"
                     f" {_was(len(self.left_out))} left out{listing(shown, '; ')}.")
        if self.copies:
            documents = sum(len(group.docs) for group in self.copies)
            shown = [f"{group.story} in {', '.join(o or 'no outlet' for o in group.outlets)}"
                     for group in self.copies if len(group.outlets) > 1]
            text += (f" {documents} documents are near-copies of"
                     f" {len(self.copies)} {'story' if len(self.copies) == 1 else 'stories'}"
                     " (one source each in the checks)"
                     f"{'; across outlets' + listing(shown, '; ') if shown else ''}.")
        return text


class Collector:
    """Documents as they are read, with the indexes that find duplicates."""

    def __init__(self, *, day_first: bool) -> None:
        self.day_first = day_first
        self.documents: list[Document] = []
        self.duplicates: list[Duplicate] = []
        self.skipped: list[Skipped] = []
        self.bad_dates: list[BadDate] = []
        self.unlisted: list[str] = []
        self.ignored: list[str] = []
        self.left_out: list[Skipped] = []
        self._by_id: dict[str, int] = {}
        # keyed by the text itself: the dict shares the documents' strings, and a hash
        # collision is settled by comparing texts, so "same text" is exact
        self._by_text: dict[str, int] = {}
        #: Streaming (``read_corpus(..., on_document=)``): each kept document goes here as it
        #: is read, and ``documents`` keeps it with its text replaced by a digest (memory).
        self.on_document: Callable[[Document], None] | None = None

    def skip(self, source: str, reason: str) -> None:
        self.skipped.append(Skipped(source, reason))

    def add(self, doc_id: str, text: str, source: str, *, outlet: Any = None,
            published: Any = None, title: Any = None, date_source: str | None = None) -> None:
        """Keep a document, or report it as a duplicate of one kept earlier."""
        key = text if self.on_document is None else text_digest(text)
        kept_at = self._by_id.get(doc_id)
        if kept_at is None:
            kept_at = self._by_text.get(key)
        if kept_at is not None:
            kept = self.documents[kept_at]
            self.duplicates.append(
                Duplicate(doc_id, source, kept.id, kept.text == key, kept.source))
            return
        self._by_id[doc_id] = self._by_text[key] = len(self.documents)
        document = Document(
            id=doc_id, text=text, source=source, outlet=as_label(outlet), title=as_label(title),
            published=self._published(published, date_source or source),
        )
        if self.on_document is not None:
            self.on_document(document)
            document = replace(document, text=key)
        self.documents.append(document)

    def _published(self, value: Any, source: str) -> date | None:
        """A publication date from a cell, key or YAML value; unreadable ones are reported."""
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):  # from YAML front matter: held to the cells' years
            if value.year not in PLAUSIBLE_YEARS:
                self.bad_dates.append(BadDate(source, value.isoformat()))
                return None
            return value
        written = str(value).strip()
        if not written:
            return None
        parsed = parse_date(written, day_first=self.day_first)
        if parsed is None:
            self.bad_dates.append(BadDate(source, written))
        return parsed

    def report(self, inputs: tuple[str, ...], reads: tuple[InputRead, ...]) -> ReadReport:
        return ReadReport(
            inputs=inputs, reads=reads, documents=len(self.documents),
            duplicates=tuple(self.duplicates), skipped=tuple(self.skipped),
            undated=sum(document.published is None for document in self.documents),
            bad_dates=tuple(self.bad_dates), unlisted=tuple(self.unlisted),
            ignored=tuple(self.ignored), left_out=tuple(self.left_out),
        )


def text_digest(text: str) -> str:
    """The content hash of a text (what the store and streaming reads compare texts by).

    >>> text_digest("12 people were killed")[:16]
    'sha256:00d303fe2'
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


# -- why a file is not text ------------------------------------------------------------------------

def not_text(head: bytes, *, partial: bool = False) -> str:
    """Why bytes (a whole file, or with ``partial`` its start) are not UTF-8 text, or ''.

    A NUL byte makes a whole text file binary; in a CSV or JSONL file (``partial``) it
    makes it binary only when the start is not UTF-8 either: one bad record costs that
    record, not the file.
    """
    if not head.strip():
        return "empty file"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text, not UTF-8 (save it as UTF-8)"
    if b"\x00" in head and not (partial and _utf8_start(head)):
        return "binary file (contains NUL bytes)"
    return ""


def _utf8_start(head: bytes) -> bool:
    """True if ``head`` is UTF-8, allowing a character cut at its end."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(head) - 3 and err.reason == "unexpected end of data"
    return True


def decode_problem(raw: bytes, err: UnicodeDecodeError) -> str:
    return f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})"


# -- small helpers ---------------------------------------------------------------------------------

def as_label(value: Any) -> str | None:
    """A metadata value as a stripped string; None when absent or blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _plain(value: Any) -> Any:
    """A report entry as JSON-ready data."""
    if hasattr(value, "__dataclass_fields__"):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, tuple):
        return [_plain(entry) for entry in value]
    return value


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"


def _was(number: int) -> str:
    return "was" if number == 1 else "were"


def joined(parts: Any) -> str:
    items = list(parts)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def listing(items: Sequence[str], separator: str = ", ") -> str:
    """' (a, b, c and 2 more)' for the summary; '' for no items."""
    if not items:
        return ""
    shown = separator.join(items[:_SHOWN])
    more = f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""
    return f" ({shown}{more})"


def _duplicate_kinds(duplicates: Sequence[Duplicate]) -> str:
    """' (11 exact copies, 1 id reused for a different text, ...)' or ''."""
    copies = sum(d.same_text and d.doc == d.duplicate_of for d in duplicates)
    reused = sum(not d.same_text for d in duplicates)
    moved = len(duplicates) - copies - reused
    kinds = [f"{copies} exact {'copy' if copies == 1 else 'copies'}" if copies else "",
             f"{_count(reused, 'id')} reused for a different text" if reused else "",
             f"{_count(moved, 'text')} repeated under another id" if moved else ""]
    shown = [kind for kind in kinds if kind]
    return f" ({', '.join(shown)})" if shown else ""
