"""Read CSV and JSONL files: one document a row or line, its columns mapped or detected."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from figures.errors import InputError
from figures.read.report import Collector, InputRead, as_label, decode_problem, not_text

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


def read_csv(path: Path, columns: ColumnMapping, collector: Collector) -> InputRead:
    """One document a data row; a row that cannot be read is skipped with its number.

    Quoting is read strictly: a quote that is never closed, or text after a closing
    quote, is an InputError naming the row (and line) where the broken cell starts,
    never a silent merge of the rows that follow into one document.
    """
    if problem := _sniff(path):
        collector.skip(path.name, problem)
        return InputRead(str(path), "csv", 0)
    rows = 0
    with _csv_field_size_limit(), path.open(encoding="utf-8-sig", errors="surrogateescape",
                                            newline="") as handle:
        reader = csv.reader(handle, strict=True)
        starts = 1  # the line the record being read starts on
        try:
            header = [name.strip() for name in next(reader, [])]
            if not _is_utf8(header):
                collector.skip(path.name, "not UTF-8 text (in the header)")
                return InputRead(str(path), "csv", 0)
            mapped = _map_columns(header, columns, path.name, "column")
            index = {name: header.index(column) for name, column in mapped.items()}
            starts = reader.line_num + 1
            for row in reader:
                if not row:
                    starts = reader.line_num + 1
                    continue  # a blank line is no row (as in pandas)
                values = {name: row[at] if at < len(row) else None for name, at in index.items()}
                source = f"{path.name} row {rows}"
                rows += 1
                starts = reader.line_num + 1
                if values["text"] is None:
                    collector.skip(source, f"no text: the row has {len(row)} fields,"
                                           f" the header {len(header)}")
                    continue
                _add_record(values, source, f"{path.stem}:{rows - 1}", collector)
        except csv.Error as err:
            where = "the header" if starts == 1 else f"row {rows}"
            raise InputError(f"{path}:{starts}: {where}: broken CSV quoting ({err}); a quoted "
                             "cell opened here is not closed where it should be, so the rows "
                             "after it cannot be told apart — fix the quote") from err
    return InputRead(str(path), "csv", rows, mapped)


def read_jsonl(path: Path, columns: ColumnMapping, collector: Collector) -> InputRead:
    """One document a JSON object a line; a bad line is skipped with its number."""
    if problem := _sniff(path):
        collector.skip(path.name, problem)
        return InputRead(str(path), "jsonl", 0)
    records = 0
    mapped: dict[str, str] | None = None
    first_problem: InputError | None = None
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            records += 1
            source = f"{path.name} line {number}"
            try:
                record = json.loads(raw.decode("utf-8").removeprefix("\ufeff"))
            except UnicodeDecodeError as err:
                collector.skip(source, decode_problem(raw, err).replace("offset", "byte offset"))
                continue
            except json.JSONDecodeError as err:
                collector.skip(source, f"not valid JSON: {err.msg} (column {err.colno})")
                continue
            except (ValueError, RecursionError) as err:  # a 5,000-digit integer, deep nesting
                collector.skip(source, f"not readable JSON: {err}"[:200])
                continue
            if not isinstance(record, dict):
                collector.skip(source, f"not a JSON object but {type(record).__name__}")
                continue
            if mapped is None:
                try:
                    mapped = _map_columns(list(record), columns, source, "key")
                except InputError as err:  # this line lacks the text key: it costs this line
                    first_problem = first_problem or err
                    collector.skip(source, str(err).removeprefix(f"{source}: "))
                    continue
            values = {name: record.get(key) for name, key in mapped.items()}
            _add_record(values, source, f"{path.stem}:{number}", collector)
    if mapped is None and first_problem is not None:
        raise first_problem  # no object of the file has the text key: a mapping problem
    return InputRead(str(path), "jsonl", records, mapped or {})


def _add_record(values: dict[str, Any], source: str, fallback_id: str,
                collector: Collector) -> None:
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
    if any("\x00" in value for value in values.values() if isinstance(value, str)):
        collector.skip(source, "contains a NUL character (binary data in the record)")
        return
    collector.add(as_label(values.get("id")) or fallback_id, text, source,
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
            return not_text(handle.read(_SNIFF_BYTES), partial=True)
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
