"""Read a corpus: folders of .txt/.md articles, CSV and JSONL files, into Documents.

What a document is gets decided here, once: its id, outlet, publication date
(from a manifest, front matter or a column; never from file times), title and
text. Every input record ends as exactly one of: a kept document, a reported
duplicate, or a reported skip. Nothing is dropped silently, and the report
says what happened in one paragraph (``ReadReport.summary``).

Folders
    ``*.txt`` and ``*.md`` files, searched recursively (hidden files and
    folders left out). Metadata comes from ``manifest.csv`` at the top of the
    folder (columns ``file`` and optionally ``id, outlet, published, title``;
    other columns are ignored) or from YAML front matter (a ``---`` block at
    the top with ``id, outlet, published`` (or ``date``), ``title``). Where
    both give a field, the manifest wins. Without either, the id is the file
    stem and the date is unknown. In a folder that has a manifest, a text file
    the manifest does not list is read only if its front matter describes it;
    otherwise it is listed in the report as not read (a README beside the
    articles is not an article). The text is the file's whole text, decoded
    as UTF-8 with newlines untouched (offsets count characters of the file
    after a byte-order mark; after the front matter when there is one).

CSV and JSONL
    One document a row or line; ``ColumnMapping`` names the columns or they
    are detected. ``source`` reads "FA-KES-Dataset.csv row 278" or "x.jsonl
    line 5". CSV rows are numbered as pandas numbers them (``df.loc[278]``:
    the first data row is row 0, blank lines are not rows), which is also the
    ``row`` of ``shared/gold/fakes-dev-docs.csv``; JSONL lines as an editor
    numbers them (the first line is line 1). Without an id column the id is
    ``<file stem>:<row>`` (or ``:<line>``).
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from figures.errors import InputError
from figures.model import Document
from figures.read_dates import parse_date
from figures.yamlfile import YamlProblem, load_yaml

TEXT_SUFFIXES = frozenset({".txt", ".md"})
CSV_SUFFIXES = frozenset({".csv"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MANIFEST_NAME = "manifest.csv"

#: The document fields a CSV column or JSON key can fill, in the order errors name them.
FIELDS = ("text", "id", "outlet", "date", "title")
#: Column names tried, in order, when a field is not mapped explicitly (case-insensitive).
DETECTED_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("article_content", "content", "text", "body", "article"),
    "id": ("unit_id", "id", "doc", "doc_id"),
    "outlet": ("source", "outlet", "publisher"),
    "date": ("date", "published", "publication_date"),
    "title": ("article_title", "title", "headline"),
}

#: csv's default field limit (131,072 characters) is smaller than a long article.
_CSV_FIELD_LIMIT = 2**31 - 1
#: Bytes looked at to tell a binary file from text before parsing it as CSV/JSONL.
_SNIFF_BYTES = 8192
#: Skips, bad dates and file names shown in the summary before "and N more".
_SHOWN = 5

_FRONT_MATTER = re.compile(
    r"""
    \A---[ \t]*\r?\n               # opening fence, the file's first line
    (?P<yaml>.*?)                  # the YAML block, possibly empty
    ^(?:---|\.\.\.)[ \t]*\r?(?:\n|\Z)  # closing fence on a line of its own
    """,
    re.VERBOSE | re.DOTALL | re.MULTILINE,
)


class ColumnMapping(BaseModel):
    """Which CSV column (or JSON key) holds each document field.

    None means detect it from common names (``DETECTED_COLUMNS``); an empty
    string means the file has no such column (do not detect one). The text
    column is required, explicit or detected.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str | None = None
    id: str | None = None
    outlet: str | None = None
    date: str | None = None
    title: str | None = None

    @field_validator("text")
    @classmethod
    def _text_is_required(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("the text column cannot be switched off")
        return value


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
    kind: Literal["folder", "csv", "jsonl", "file"]
    records: int
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        """What a record of this input is called in the summary."""
        word = {"csv": "row", "jsonl": "line"}.get(self.kind, "file")
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
        read = _and(f"{r.records} {r.unit} from {Path(r.path).name or r.path}" for r in self.reads)
        text = f"read {read}: {_count(self.documents, 'document')}"
        text += f", {_count(len(self.duplicates), 'duplicate')}{_duplicate_kinds(self.duplicates)}"
        skips = [f"{skip.source}: {skip.reason}" for skip in self.skipped]
        text += f", {len(self.skipped)} skipped{_listing(skips, '; ')}"
        if self.undated:
            text += f"; {self.undated} without a publication date"
        text += "."
        if self.bad_dates:
            shown = [f"{bad.source}: {bad.value!r}" for bad in self.bad_dates]
            text += (f" {_count(len(self.bad_dates), 'date')} could not be read and"
                     f" {_was(len(self.bad_dates))} left empty{_listing(shown, '; ')}.")
        if self.unlisted:
            text += (f" {_count(len(self.unlisted), 'file')} neither in the manifest nor with"
                     f" front matter {_was(len(self.unlisted))} not read{_listing(self.unlisted)}.")
        if self.ignored:
            text += (f" {_count(len(self.ignored), 'other file')} {_was(len(self.ignored))}"
                     f" ignored{_listing(self.ignored)}.")
        return text


@dataclass(frozen=True)
class Corpus:
    """The documents of a corpus, in input order, and the report of reading them."""

    documents: list[Document]
    report: ReadReport


def read_corpus(
    paths: Sequence[str | Path] | str | Path,
    columns: ColumnMapping = ColumnMapping(),  # noqa: B008 - frozen, so sharing it is safe
    *,
    day_first: bool = False,
) -> Corpus:
    """Read folders, CSV and JSONL files into one corpus with unique document ids.

    Args:
        paths: folders of .txt/.md files, .csv, .jsonl/.ndjson, .txt or .md
            files, in the order their documents should come.
        columns: CSV columns / JSON keys of the document fields; detected
            where None.
        day_first: read slashed dates as D/M/YYYY instead of M/D/YYYY.

    Returns:
        A Corpus; duplicates (same text, or an id seen before) are kept once
        and reported, unreadable records are reported as skipped.

    Raises:
        InputError: a path does not exist or has an unsupported type, a
            manifest is broken or names a missing file, a mapped column is
            missing, or no document at all could be read.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    if not paths:
        raise InputError("no input given: pass folders, CSV or JSONL files")
    collector = _Collector(day_first=day_first)
    reads = [_read_input(Path(path), columns, collector) for path in paths]
    report = collector.report(tuple(str(path) for path in paths), tuple(reads))
    if not collector.documents:
        problems = _listing([f"{skip.source}: {skip.reason}" for skip in report.skipped], "; ")
        unread = _listing(report.unlisted) if report.unlisted else ""
        where = _and(str(path) for path in paths)
        raise InputError(f"no readable document in {where}{problems}{unread}")
    return Corpus(collector.documents, report)


def _read_input(path: Path, columns: ColumnMapping, collector: _Collector) -> InputRead:
    """Read one input path into the collector, by what it is."""
    suffix = path.suffix.lower()
    if path.is_dir():
        return _read_folder(path, collector)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if suffix in CSV_SUFFIXES:
        return _read_csv(path, columns, collector)
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl(path, columns, collector)
    if suffix in TEXT_SUFFIXES:
        _read_text_document(path, path.name, collector)
        return InputRead(str(path), "file", 1)
    raise InputError(f"{path}: cannot read {suffix or 'extension-less'} files; pass a folder"
                     " of .txt/.md files, a .csv, .jsonl, .txt or .md file")


class _Collector:
    """Documents as they are read, with the indexes that find duplicates."""

    def __init__(self, *, day_first: bool) -> None:
        self.day_first = day_first
        self.documents: list[Document] = []
        self.duplicates: list[Duplicate] = []
        self.skipped: list[Skipped] = []
        self.bad_dates: list[BadDate] = []
        self.unlisted: list[str] = []
        self.ignored: list[str] = []
        self._by_id: dict[str, int] = {}
        # keyed by the text itself: the dict shares the documents' strings, and a hash
        # collision is settled by comparing texts, so "same text" is exact
        self._by_text: dict[str, int] = {}

    def skip(self, source: str, reason: str) -> None:
        self.skipped.append(Skipped(source, reason))

    def add(self, doc_id: str, text: str, source: str, *, outlet: Any = None,
            published: Any = None, title: Any = None, date_source: str | None = None) -> None:
        """Keep a document, or report it as a duplicate of one kept earlier."""
        kept_at = self._by_id.get(doc_id)
        if kept_at is None:
            kept_at = self._by_text.get(text)
        if kept_at is not None:
            kept = self.documents[kept_at]
            self.duplicates.append(
                Duplicate(doc_id, source, kept.id, kept.text == text, kept.source))
            return
        self._by_id[doc_id] = self._by_text[text] = len(self.documents)
        self.documents.append(Document(
            id=doc_id, text=text, source=source, outlet=_label(outlet), title=_label(title),
            published=self._published(published, date_source or source),
        ))

    def _published(self, value: Any, source: str) -> date | None:
        """A publication date from a cell, key or YAML value; unreadable ones are reported."""
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
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
            ignored=tuple(self.ignored),
        )


# -- folders of text files -----------------------------------------------------------------------

@dataclass(frozen=True)
class _Listed:
    """One manifest row: the file it names and the metadata it gives."""

    path: Path
    line: int
    id: str | None
    outlet: str | None
    published: str | None
    title: str | None


def _read_folder(folder: Path, collector: _Collector) -> InputRead:
    """Read the manifest's files in its order, then the other text files in name order."""
    label = folder.resolve().name or str(folder)
    manifest = folder / MANIFEST_NAME
    listed = _read_manifest(manifest, folder, label) if manifest.is_file() else []
    listed_paths = {entry.path.resolve() for entry in listed}
    records = 0
    for entry in listed:
        records += 1
        source = f"{label}/{_relative(entry.path, folder)}"
        _read_text_document(entry.path, source, collector, entry,
                            date_source=f"{label}/{MANIFEST_NAME} line {entry.line}")
    texts = 0
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if (any(part.startswith(".") for part in relative.parts) or not path.is_file()
                or relative == Path(MANIFEST_NAME) or path.resolve() in listed_paths):
            continue
        source = f"{label}/{relative.as_posix()}"
        if path.suffix.lower() not in TEXT_SUFFIXES:
            collector.ignored.append(source)
            continue
        texts += 1
        if _read_text_document(path, source, collector, needs_metadata=bool(listed)):
            records += 1
    if not listed and not texts:
        others = f" ({len(collector.ignored)} other files)" if collector.ignored else ""
        reason = "no .txt or .md files" if others else "empty folder"
        collector.skip(f"{label}/", reason + others)
    return InputRead(str(folder), "folder", records)


def _read_manifest(manifest: Path, folder: Path, label: str) -> list[_Listed]:
    """The manifest's rows; a broken manifest or a missing file is an InputError."""
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(_numbered_rows(csv.reader(handle)))
    except UnicodeDecodeError as err:
        raise InputError(f"{manifest}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    except (OSError, csv.Error) as err:
        raise InputError(f"{manifest}: cannot read: {err}") from err
    if not rows:
        raise InputError(f"{manifest}: empty manifest; it needs a header with a 'file' column")
    header = [name.strip() for name in rows[0][1]]
    if "file" not in header:
        raise InputError(f"{manifest}: column 'file' not found; the manifest has: "
                         f"{', '.join(header)} (it needs file; id, outlet, published, title"
                         " are optional)")
    listed: list[_Listed] = []
    seen: dict[Path, int] = {}
    for line, row in rows[1:]:
        cells = {name: cell.strip() or None for name, cell in zip(header, row, strict=False)}
        name = cells.get("file")
        if name is None:
            raise InputError(f"{manifest}:{line}: the 'file' cell is empty")
        path = folder / name
        if not path.is_file():
            raise InputError(f"{manifest}:{line}: file {name!r} not found in {folder}")
        if path.resolve() in seen:
            raise InputError(f"{manifest}:{line}: file {name!r} is already listed on line "
                             f"{seen[path.resolve()]}")
        seen[path.resolve()] = line
        listed.append(_Listed(path, line, cells.get("id"), cells.get("outlet"),
                              cells.get("published"), cells.get("title")))
    return listed


def _numbered_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV rows with the line each one starts on."""
    start = 1
    for row in reader:
        if any(cell.strip() for cell in row):
            yield start, row
        start = reader.line_num + 1


def _read_text_document(path: Path, source: str, collector: _Collector,
                        entry: _Listed | None = None, *, needs_metadata: bool = False,
                        date_source: str | None = None) -> bool:
    """Read one text file as a document (or a skip); False if left out as unlisted."""
    text, reason = _decode_file(path)
    if text is None:
        collector.skip(source, reason)
        return True
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = _front_matter(match["yaml"], source)
        except YamlProblem as err:
            collector.skip(source, err.message if err.line is None
                           else f"front matter line {err.line + 1}: {err.message}")
            return True
        text = text[match.end():]
    if needs_metadata and not match:
        collector.unlisted.append(source)
        return False
    if not text.strip():
        collector.skip(source, "empty text" + (" after the front matter" if match else ""))
        return True
    listed = entry or _Listed(path, 0, None, None, None, None)
    published = listed.published if listed.published is not None else meta.get("published")
    collector.add(
        listed.id or _label(meta.get("id")) or path.stem, text, source,
        outlet=listed.outlet or meta.get("outlet"), title=listed.title or meta.get("title"),
        published=published,
        date_source=date_source if listed.published is not None else f"{source} front matter",
    )
    return True


def _front_matter(block: str, source: str) -> dict[str, Any]:
    """The metadata keys of a front matter block (others are left alone)."""
    data = load_yaml(source, text=block).data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlProblem(source, None, "front matter is not a mapping of keys to values")
    meta = {key: data[key] for key in ("id", "outlet", "title") if data.get(key) is not None}
    published = data.get("published", data.get("date"))
    if published is not None:
        meta["published"] = published
    return meta


def _decode_file(path: Path) -> tuple[str, str] | tuple[None, str]:
    """The file's text, or None and why it is not text."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, f"cannot read: {err.strerror}"
    problem = _not_text(raw)
    if problem:
        return None, problem
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), ""
    except UnicodeDecodeError as err:
        return None, _decode_problem(raw, err)


def _not_text(head: bytes) -> str:
    """Why bytes (a whole file, or its start) are not UTF-8 text, or ''."""
    if not head.strip():
        return "empty file"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text, not UTF-8 (save it as UTF-8)"
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    return ""


def _decode_problem(raw: bytes, err: UnicodeDecodeError) -> str:
    return f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})"


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()


# -- CSV and JSONL -------------------------------------------------------------------------------

def _read_csv(path: Path, columns: ColumnMapping, collector: _Collector) -> InputRead:
    """One document a data row; a row that cannot be read is skipped with its number."""
    if problem := _sniff(path):
        collector.skip(path.name, problem)
        return InputRead(str(path), "csv", 0)
    rows = 0
    with _csv_field_size_limit(), path.open(encoding="utf-8-sig", errors="surrogateescape",
                                            newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader, [])]
        if not _is_utf8(header):
            collector.skip(path.name, "not UTF-8 text (in the header)")
            return InputRead(str(path), "csv", 0)
        mapped = _map_columns(header, columns, path.name, "column")
        index = {name: header.index(column) for name, column in mapped.items()}
        try:
            for row in reader:
                if not row:
                    continue  # a blank line is no row (as in pandas)
                values = {name: row[at] if at < len(row) else None for name, at in index.items()}
                source = f"{path.name} row {rows}"
                rows += 1
                if values["text"] is None:
                    collector.skip(source, f"no text: the row has {len(row)} fields,"
                                           f" the header {len(header)}")
                    continue
                _add_record(values, source, f"{path.stem}:{rows - 1}", collector)
        except csv.Error as err:
            collector.skip(f"{path.name} row {rows}",
                           f"unreadable CSV ({err}); the rest of the file was not read")
            rows += 1
    return InputRead(str(path), "csv", rows, mapped)


def _read_jsonl(path: Path, columns: ColumnMapping, collector: _Collector) -> InputRead:
    """One document a JSON object a line; a bad line is skipped with its number."""
    if problem := _sniff(path):
        collector.skip(path.name, problem)
        return InputRead(str(path), "jsonl", 0)
    records = 0
    mapped: dict[str, str] | None = None
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            records += 1
            source = f"{path.name} line {number}"
            try:
                record = json.loads(raw.decode("utf-8").removeprefix("\ufeff"))
            except UnicodeDecodeError as err:
                collector.skip(source, _decode_problem(raw, err).replace("offset", "byte offset"))
                continue
            except json.JSONDecodeError as err:
                collector.skip(source, f"not valid JSON: {err.msg} (column {err.colno})")
                continue
            if not isinstance(record, dict):
                collector.skip(source, f"not a JSON object but {type(record).__name__}")
                continue
            if mapped is None:
                mapped = _map_columns(list(record), columns, source, "key")
            values = {name: record.get(key) for name, key in mapped.items()}
            _add_record(values, source, f"{path.stem}:{number}", collector)
    return InputRead(str(path), "jsonl", records, mapped or {})


def _add_record(values: dict[str, Any], source: str, fallback_id: str,
                collector: _Collector) -> None:
    """A document from one row or object, or a skip saying what is wrong with it."""
    text = values.get("text")
    if text is None:
        collector.skip(source, "no text")
        return
    if not isinstance(text, str):
        collector.skip(source, f"text is not a string but {type(text).__name__}")
        return
    if not text.strip():
        collector.skip(source, "empty text")
        return
    if not _is_utf8(value for value in values.values() if isinstance(value, str)):
        collector.skip(source, "not UTF-8 text")
        return
    collector.add(_label(values.get("id")) or fallback_id, text, source,
                  outlet=values.get("outlet"), published=values.get("date"),
                  title=values.get("title"))


def _map_columns(available: list[str], columns: ColumnMapping, where: str,
                 noun: str) -> dict[str, str]:
    """Field -> column for the fields this file has; a missing mapped column is an InputError."""
    by_lower: dict[str, str] = {}
    for name in available:
        by_lower.setdefault(name.strip().lower(), name)
    has = ", ".join(available[:40]) + (", ..." if len(available) > 40 else "")
    mapped: dict[str, str] = {}
    for name in FIELDS:
        asked = getattr(columns, name)
        if asked == "":
            continue
        if asked is not None:
            if asked not in available:
                raise InputError(f"{where}: {noun} {asked!r} not found; the file has: {has}"
                                 f" — pass --{name}-column")
            mapped[name] = asked
            continue
        found = next((by_lower[c] for c in DETECTED_COLUMNS[name] if c in by_lower), None)
        if found is not None:
            mapped[name] = found
        elif name == "text":
            raise InputError(f"{where}: no text {noun} found (looked for"
                             f" {', '.join(DETECTED_COLUMNS['text'])}); the file has: {has}"
                             " — pass --text-column")
    return mapped


def _sniff(path: Path) -> str:
    """Why a CSV/JSONL file is not text at all, judged from its start, or ''."""
    try:
        with path.open("rb") as handle:
            return _not_text(handle.read(_SNIFF_BYTES))
    except OSError as err:
        return f"cannot read: {err.strerror}"


@contextmanager
def _csv_field_size_limit() -> Iterator[None]:
    """Let csv read fields as long as an article, restoring the limit afterwards."""
    previous = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _is_utf8(values: Any) -> bool:
    """False if a string decoded with surrogateescape kept bytes that are not UTF-8."""
    try:
        for value in values:
            value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- small helpers ---------------------------------------------------------------------------------

def _label(value: Any) -> str | None:
    """A metadata value as a stripped string; None when absent or blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _plain(value: Any) -> Any:
    """A report entry as JSON-ready data."""
    if hasattr(value, "__dataclass_fields__"):
        return {item.name: getattr(value, item.name) for item in fields(value)}
    return value


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _was(number: int) -> str:
    return "was" if number == 1 else "were"


def _and(parts: Any) -> str:
    items = list(parts)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _listing(items: Sequence[str], separator: str = ", ") -> str:
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
