"""Parquet figures datasets: a folder of part files, one a partition, the figures-table schema.

``figures extract --dask`` writes one; ``figures check`` and ``figures add``
read one in place of a corpus. Each part file carries, in its Parquet
metadata, the documents it covers (id, content hash, source, outlet,
published, title), so a document without figures is not lost and the store
knows what it holds. ``read_figures`` also reads a single ``.parquet`` file
written by ``figures extract -o x.parquet``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from figures.errors import InputError
from figures.model import Document, Figure
from figures.store.schema import figure_arrow_schema, figure_arrow_table, figure_fields

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

#: The Parquet metadata key holding a part file's documents.
DOCUMENTS_KEY = b"figures.documents"
PART_PATTERN = "part-{:05d}.parquet"


@dataclass(frozen=True)
class StoredDocument:
    """What the store and a dataset keep of a document besides its figures."""

    id: str
    content_hash: str
    source: str
    outlet: str | None = None
    published: date | None = None
    title: str | None = None

    @classmethod
    def of(cls, document: Document) -> StoredDocument:
        from figures.read.report import text_digest

        return cls(document.id, text_digest(document.text), document.source,
                   document.outlet, document.published, document.title)

    def to_json(self) -> list[Any]:
        return [self.id, self.content_hash, self.source, self.outlet,
                self.published.isoformat() if self.published else None, self.title]

    @classmethod
    def from_json(cls, row: list[Any]) -> StoredDocument:
        published = date.fromisoformat(row[4]) if row[4] else None
        return cls(row[0], row[1], row[2], row[3], published, row[5])


def partition_table(documents: Sequence[StoredDocument], figures: Iterable[Figure]) -> pa.Table:
    """One partition: its figures as an Arrow table, its documents in the schema metadata."""
    table = figure_arrow_table(figures)
    listed = json.dumps([document.to_json() for document in documents], ensure_ascii=False)
    return table.replace_schema_metadata({DOCUMENTS_KEY: listed.encode("utf-8")})


def write_partition(folder: Path, index: int, table: pa.Table) -> Path:
    """Write one part file (atomically: a crash leaves no half-written part)."""
    import pyarrow.parquet as pq

    target = folder / PART_PATTERN.format(index)
    partial = target.with_suffix(".partial")
    pq.write_table(table, partial)
    partial.replace(target)
    return target


def is_dataset(path: str | Path) -> bool:
    """Whether a corpus path is a figures dataset (a .parquet file, or a folder of them)."""
    path = Path(path)
    if path.is_file():
        return path.suffix.lower() == ".parquet"
    return path.is_dir() and any(path.glob("*.parquet")) and not any(
        True for pattern in ("*.txt", "*.md", "*.csv", "*.jsonl") for _ in path.glob(pattern))


def part_files(path: str | Path) -> list[Path]:
    """The Parquet files of a dataset path, in partition order."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(path.glob("*.parquet"))
    if not files:
        raise InputError(f"{path}: no .parquet files in this figures dataset")
    return files


def read_parts(paths: Sequence[str | Path]) -> Iterable[tuple[Path, pa.Table,
                                                             list[StoredDocument]]]:
    """Each part file of the datasets: its figures (figures schema) and documents."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = figure_arrow_schema()
    for dataset in paths:
        for file in part_files(dataset):
            try:
                table = pq.read_table(file)
            except (OSError, pa.ArrowException) as err:
                raise InputError(f"{file}: not a readable Parquet file: {err}") from err
            yield file, _conform(file, table, schema), _documents(file, table)


def _conform(file: Path, table: pa.Table, schema: pa.Schema) -> pa.Table:
    """The table in the figures schema: missing nullable columns are null, types cast."""
    import pyarrow as pa

    nullable = {name: ok for name, _, ok in figure_fields()}
    missing = [field.name for field in schema if field.name not in table.column_names]
    required = [name for name in missing if not nullable[name]]
    if required:
        raise InputError(f"{file}: not a figures table: no column {', '.join(required)}")
    columns = []
    for field in schema:
        if field.name in missing:
            columns.append(pa.nulls(len(table), type=field.type))
            continue
        column = table.column(field.name)
        if pa.types.is_timestamp(column.type) and pa.types.is_date(field.type):
            column = column.cast(pa.timestamp("s")).cast(field.type)
        try:
            columns.append(column.cast(field.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as err:
            raise InputError(f"{file}: column {field.name}: expected {field.type}, "
                             f"got {column.type}") from err
    return pa.Table.from_arrays(columns, schema=schema)


def _documents(file: Path, table: pa.Table) -> list[StoredDocument]:
    """The documents a part file lists; for a file without the list, those its figures name."""
    metadata = table.schema.metadata or {}
    if DOCUMENTS_KEY in metadata:
        try:
            return [StoredDocument.from_json(row) for row in json.loads(metadata[DOCUMENTS_KEY])]
        except (ValueError, TypeError, IndexError) as err:
            raise InputError(f"{file}: unreadable document list in its metadata: {err}") from err
    seen: dict[str, StoredDocument] = {}
    digests: dict[str, Any] = {}
    for row in table.to_pylist():
        published = row["published"]
        if hasattr(published, "date"):
            published = published.date()
        seen.setdefault(row["doc"], StoredDocument(row["doc"], "", str(file), row["outlet"],
                                                   published))
        digests.setdefault(row["doc"], hashlib.sha256()).update(
            json.dumps(row, sort_keys=True, default=str).encode())
    # No text to hash: the document's figures stand for it, so the same file added
    # twice is found stored, and a changed one replaces what it held.
    return [dataclasses.replace(document, content_hash="figures:" + digests[doc].hexdigest())
            for doc, document in seen.items()]


def read_figures(paths: Sequence[str | Path]) -> pd.DataFrame:
    """The figures table (as ``figures.table.extract`` builds it) of Parquet datasets."""
    import pyarrow as pa

    tables = [table for _, table, _ in read_parts(paths)]
    return arrow_to_frame(pa.concat_tables(tables) if tables else figure_arrow_schema()
                          .empty_table())


def arrow_to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table of the figures schema as the typed figures DataFrame."""
    import pandas as pd

    from figures.table import DATE_COLUMNS

    frame = table.replace_schema_metadata(None).to_pandas(date_as_object=True)
    for column in DATE_COLUMNS:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
    for column, kind, nullable in figure_fields():
        if kind is str and nullable:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame
