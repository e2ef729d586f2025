"""Write the figures table as it is extracted: JSONL, CSV or Parquet, a batch at a time.

``figures extract`` streams documents in and records out through these, so
neither the table nor its text is ever held whole. The output is the same, byte
for byte for JSONL and CSV, as rendering the whole table
(``figures.table.to_jsonl``, ``DataFrame.to_csv``); a test holds them equal.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Protocol

from figures.model import FIGURE_COLUMNS, Figure
from figures.store.schema import figure_arrow_schema, figure_arrow_table
from figures.table import figure_record

if TYPE_CHECKING:
    import pyarrow.parquet as pq

#: Figures a Parquet row group holds before it is written.
ROW_GROUP = 20_000
#: What ``json.dumps(record, ensure_ascii=False)`` builds on every call, built once.
_JSON = json.JSONEncoder(ensure_ascii=False)


class FigureWriter(Protocol):
    """Takes figures a batch at a time; ``close`` finishes the output."""

    count: int

    def write(self, figures: Sequence[Figure]) -> None: ...

    def close(self) -> None: ...


class JsonlWriter:
    """One JSON figure record a line."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.count = 0

    def write(self, figures: Sequence[Figure]) -> None:
        self.handle.write("".join(_JSON.encode(figure_record(figure)) + "\n"
                                  for figure in figures))
        self.count += len(figures)

    def close(self) -> None:
        self.handle.flush()


class CsvWriter:
    """A header line, then one row a figure, as ``DataFrame.to_csv`` writes the table."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.rows = csv.writer(handle, lineterminator="\n")
        self.rows.writerow(FIGURE_COLUMNS)
        self.count = 0

    def write(self, figures: Sequence[Figure]) -> None:
        self.rows.writerows([_csv_cell(value) for value in figure_record(figure).values()]
                            for figure in figures)
        self.count += len(figures)

    def close(self) -> None:
        self.handle.flush()


def _csv_cell(value: object) -> object:
    """A record value as pandas writes it in CSV: '' for missing, floats with a point."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value


class ParquetWriter:
    """A Parquet file of the figures schema, written a row group at a time."""

    def __init__(self, path: str) -> None:
        import pyarrow.parquet as pq

        self.path = path
        self.count = 0
        self._pending: list[Figure] = []
        self._writer: pq.ParquetWriter = pq.ParquetWriter(path, figure_arrow_schema())

    def write(self, figures: Sequence[Figure]) -> None:
        self._pending.extend(figures)
        self.count += len(figures)
        if len(self._pending) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(figure_arrow_table(self._pending))
            self._pending = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
