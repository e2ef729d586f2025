"""The figures table's schema for Parquet and DuckDB, derived from ``figures.model.Figure``.

Nothing here lists the columns by hand: a field added to ``Figure`` (``hedge``,
``story``) is a column of every Parquet file and of the store's figures table,
and changes ``figure_columns_signature``, which the store records to know when
its table is out of date.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from datetime import date
from typing import TYPE_CHECKING

from figures.model import Figure

if TYPE_CHECKING:
    import pyarrow as pa

#: Python type of a Figure field -> (DuckDB type, pyarrow type name).
_TYPES: dict[type, tuple[str, str]] = {
    str: ("VARCHAR", "string"),
    int: ("BIGINT", "int64"),
    float: ("DOUBLE", "float64"),
    bool: ("BOOLEAN", "bool_"),
    date: ("DATE", "date32"),
}


@functools.cache
def figure_fields() -> tuple[tuple[str, type, bool], ...]:
    """(name, Python type, nullable) of each Figure field, in column order."""
    hints = typing.get_type_hints(Figure)
    found = []
    for field in dataclasses.fields(Figure):
        hint = hints[field.name]
        args = typing.get_args(hint) if isinstance(hint, types.UnionType) else ()
        kinds = [arg for arg in args if arg is not type(None)] if args else [hint]
        if len(kinds) != 1 or kinds[0] not in _TYPES:
            raise TypeError(f"Figure.{field.name}: no column type for {hint}")
        found.append((field.name, kinds[0], bool(args) and type(None) in args))
    return tuple(found)


def figure_columns_sql() -> str:
    """``doc VARCHAR NOT NULL, start BIGINT NOT NULL, ...`` for a CREATE TABLE."""
    return ", ".join(f'"{name}" {_TYPES[kind][0]}{"" if nullable else " NOT NULL"}'
                     for name, kind, nullable in figure_fields())


def figure_columns_signature() -> str:
    """The figures table's columns and types as one string (recorded in the store)."""
    return json.dumps([[name, _TYPES[kind][0]] for name, kind, _ in figure_fields()])


def figure_arrow_schema() -> pa.Schema:
    """The pyarrow schema of a figures Parquet file (dates as ``date32``)."""
    import pyarrow as pa

    return pa.schema([pa.field(name, getattr(pa, _TYPES[kind][1])(), nullable=nullable)
                      for name, kind, nullable in figure_fields()])


def figure_arrow_table(figures: typing.Iterable[Figure]) -> pa.Table:
    """Figure records as a pyarrow Table of the figures schema, column by column."""
    import pyarrow as pa

    rows = list(figures)
    schema = figure_arrow_schema()
    columns = []
    for field in schema:
        values = [getattr(figure, field.name) for figure in rows]
        if pa.types.is_floating(field.type):
            values = [None if value is None else float(value) for value in values]
        columns.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(columns, schema=schema)
