"""How a finding shows its figures: the records it lists and the words its message uses."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from figures.check.selection import figure_dates
from figures.table import json_value

RECORD_FIELDS: tuple[str, ...] = (
    "doc", "start", "end", "text", "value", "low", "high", "qualifier", "unit", "noun",
    "outlet", "published", "date", "claimant", "sentence", "story",
)
#: Also in a record: role (earlier, later, part, whole, total, figure) and band_low/band_high,
#: the bounds the check compared (open ends closed by the rule's open_ends).



class Violation(NamedTuple):
    """One violation a check found, before it becomes a finding row."""

    message: str
    figures: list[dict[str, Any]]  # the records shown as evidence, in reading order
    row: int  # the frame row the violation is about (its group labels the finding)
    about: int = 0  # which of ``figures`` that row is: the finding takes its date and outlet
    severity: str | None = None  # a tier's own severity (a stale restatement); None: the rule's


def days_text(days: int) -> str:
    """A number of days as a message says it.

    >>> days_text(0), days_text(1), days_text(41)
    ('the same day', '1 day', '41 days')
    """
    if days == 0:
        return "the same day"
    return f"{days} day" + ("" if abs(days) == 1 else "s")


def number_text(number: float) -> str:
    """A number as a person writes it.

    >>> number_text(230000.0), number_text(4.5), number_text(float("inf"))
    ('230,000', '4.5', 'no limit')
    """
    if math.isinf(number):
        return "no limit"
    if float(number).is_integer():
        return f"{number:,.0f}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


_QUALIFIER_WORDS = {"approx": "about", "at_least": "at least", "more_than": "more than",
                    "at_most": "at most", "less_than": "less than"}


def describe(record: dict[str, Any], numbers: dict[float, str] | None = None) -> str:
    """A figure as the message names it: "more than 230,000", "about 500,000", "200-999".

    ``numbers``: the ``number_text`` of numbers already written (filled as it goes), for
    a check that describes many figures.

    >>> describe({"qualifier": "more_than", "value": 230000.0})
    'more than 230,000'
    >>> describe({"qualifier": "vague", "value": None, "low": 200.0, "high": 999.0,
    ...           "text": "Hundreds of"})
    "'Hundreds of' (200-999)"
    """
    write = number_text if numbers is None else (
        lambda number: numbers[number] if number in numbers else
        numbers.setdefault(number, number_text(number)))
    qualifier = record.get("qualifier")
    value, low, high = record.get("value"), record.get("low"), record.get("high")
    if value is not None and qualifier in _QUALIFIER_WORDS:
        return f"{_QUALIFIER_WORDS[qualifier]} {write(value)}"
    if value is not None and qualifier != "vague":
        return write(value)
    span = f"{write(low) if low is not None else '?'}-" \
           f"{write(high) if high is not None else '?'}"
    return f"{record.get('text')!r} ({span})" if qualifier == "vague" else span


class Records:
    """Figure records of a frame's rows, built in bulk (a record a violation adds up).

    ``prepare(positions)`` converts those rows at once; ``record(position, role)``
    then gives one record: RECORD_FIELDS, role, and with ``band`` the bounds the
    check compared (``band_low``/``band_high``, None where open). ``build(positions,
    role)`` gives the records of many positions at once, column by column (for a check
    that shows thousands). With ``rows``, position ``p`` is the frame's row ``rows[p]``;
    with ``dated_by``, the record's ``date`` is worked out from the row (``figure_dates``)
    where the frame has none.
    """

    def __init__(self, frame: pd.DataFrame, band: tuple[np.ndarray, np.ndarray] | None = None,
                 rows: np.ndarray | None = None, dated_by: str | None = None):
        self.frame, self.band, self.rows, self.dated_by = frame, band, rows, dated_by
        dated = dated_by is not None and "date" not in frame.columns
        self.fields = [f for f in RECORD_FIELDS if f in frame.columns or (f == "date" and dated)]
        self.cache: dict[int, dict[str, Any]] = {}

    def _columns(self, positions: np.ndarray) -> dict[str, list[Any]]:
        """The record fields of the rows at ``positions`` as plain Python values, column by
        column (only the fields a record shows, not every column of the rows)."""
        at = positions if self.rows is None else self.rows[positions]
        columns = {}
        for field in self.fields:
            if field == "date" and field not in self.frame.columns:
                dated = pd.DataFrame({name: taken(self.frame[name], at) for name in
                                      ("published", "as_of") if name in self.frame.columns})
                columns[field] = python_values(figure_dates(dated, str(self.dated_by)))
            else:
                columns[field] = values_at(self.frame[field], at)
        if self.band is not None:
            for name, bound in (("band_low", self.band[0]), ("band_high", self.band[1])):
                columns[name] = [v if math.isfinite(v) else None
                                 for v in bound[positions].astype(float).tolist()]
        return columns

    def prepare(self, positions: Iterable[int] | np.ndarray) -> Records:
        wanted = np.unique(np.asarray(list(positions) if not isinstance(positions, np.ndarray)
                                      else positions, dtype=np.int64))
        if self.cache:
            known = np.fromiter(self.cache, dtype=np.int64, count=len(self.cache))
            wanted = wanted[~np.isin(wanted, known)]
        if wanted.size == 0:
            return self
        # each record keeps a place for its role first, so that ``record`` copies it whole
        # (a dict's copy is far cheaper than building it again) and fills the role in
        self.cache.update(zip(wanted.tolist(), _dicts(self._columns(wanted), None),
                              strict=True))
        return self

    def record(self, position: int, role: str) -> dict[str, Any]:
        if position not in self.cache:
            self.prepare([position])
        record = self.cache[position].copy()
        record["role"] = role
        return record

    def build(self, positions: np.ndarray, role: str | list[str]) -> list[dict[str, Any]]:
        """The records of ``positions`` (repeats allowed), each a new dict: ``record`` of
        each (``role``: the same for all, or one a position), made column by column without
        the cache; a position repeated is made once and copied (a copy is far cheaper)."""
        positions = np.asarray(positions, dtype=np.int64)
        if not len(positions):
            return []
        wanted, inverse = np.unique(positions, return_inverse=True)
        made = _dicts(self._columns(wanted), None)
        if len(wanted) == len(positions):  # each made for one position: no copy needed
            records = [made[index] for index in inverse.tolist()]
        else:
            records = [made[index].copy() for index in inverse.tolist()]
        roles = role if isinstance(role, list) else [role] * len(records)
        for record, named in zip(records, roles, strict=True):
            record["role"] = named
        return records


def _dicts(columns: dict[str, list[Any]], role: str | None) -> list[dict[str, Any]]:
    """One record a row of ``columns``: role first, then the columns in order."""
    names_ = ("role", *columns)
    size = len(next(iter(columns.values()))) if columns else 0
    rows = zip(itertools.repeat(role, size), *columns.values(), strict=True)
    return list(map(dict, map(zip, itertools.repeat(names_), rows)))


def collapse_copies(records: list[dict[str, Any]], about: int = 0
                    ) -> tuple[list[dict[str, Any]], int]:
    """Records of one story's copies shown once: the first keeps ``copies`` (outlet, doc,
    date of the others); ``about`` follows the record it pointed at.

    >>> shown, about = collapse_copies([
    ...     {"role": "later", "story": "s1", "value": 5.0, "outlet": "a", "doc": "1", "date": "d"},
    ...     {"role": "later", "story": "s1", "value": 5.0, "outlet": "b", "doc": "2", "date": "d"},
    ... ], about=1)
    >>> len(shown), shown[0]["copies"], about
    (1, [{'outlet': 'b', 'doc': '2', 'date': 'd'}], 0)
    """
    for record in records:
        if record.get("story"):
            break
    else:  # no copies to fold
        return records, about
    out: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], int] = {}
    moved = about
    for index, record in enumerate(records):
        story = record.get("story")
        key = (story, record.get("role"), record.get("value"), record.get("low"),
               record.get("high"))
        if story and key in seen:
            first = out[seen[key]]
            first.setdefault("copies", []).append(
                {"outlet": record.get("outlet"), "doc": record.get("doc"),
                 "date": record.get("date")})
            if index == about:
                moved = seen[key]
            continue
        if story:
            seen[key] = len(out)
        if index == about:
            moved = len(out)
        out.append(dict(record))
    return out, moved


def values_at(column: pd.Series, at: np.ndarray) -> list[Any]:
    """``python_values(column.iloc[at])``; a numeric column read off its array (no Series is
    made for the rows)."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "fiub":
        values = column.to_numpy()[at].tolist()
        if column.dtype.kind != "f":  # a numpy int or bool column has no missing value
            return values
        return [None if value != value else value for value in values]  # NaN != NaN
    return python_values(taken(column, at))


def taken(column: pd.Series, at: np.ndarray) -> pd.Series:
    """``column.iloc[at]`` with a fresh index: the values taken off the column's array (no
    index is taken along, far cheaper for a few rows of a long column)."""
    return pd.Series(column.array.take(at), name=column.name, copy=False)


def python_values(column: pd.Series) -> list[Any]:
    """A column as plain Python values: dates as ISO strings, missing values as None."""
    missing = column.isna().to_numpy()
    if pd.api.types.is_datetime64_any_dtype(column):
        values = iso_dates(column)
    elif isinstance(column.dtype, np.dtype) and column.dtype.kind in "fiub":  # Python numbers
        values = column.to_numpy().tolist()
        if column.dtype.kind != "f":  # a numpy int or bool column has no missing value
            return values
        return [None if value != value else value for value in values]  # NaN != NaN
    elif isinstance(column.dtype, pd.StringDtype):  # text or missing, nothing else
        values = column.tolist()
        if not missing.any():
            return values
        return [None if gone else value for value, gone in zip(values, missing, strict=True)]
    else:
        values = column.astype(object).tolist()
    pairs = zip(values, missing, strict=True)
    return [None if gone else value if type(value) is str else json_value(value)
            for value, gone in pairs]


def iso_dates(column: pd.Series) -> list[Any]:
    """A date column as "2015-07-02" texts (anything where missing: "NaT" or NaN)."""
    if isinstance(column.dtype, np.dtype):  # naive datetime64: numpy formats whole arrays
        days = column.to_numpy().astype("datetime64[D]")
        years = days[~np.isnat(days)].astype("datetime64[Y]").astype(np.int64) + 1970
        if not len(years) or (years.min() >= 1000 and years.max() <= 9999):
            # each distinct day written once (a long column has far fewer days than rows)
            distinct, inverse = np.unique(days, return_inverse=True)
            texts = np.datetime_as_string(distinct, unit="D").tolist()
            return [texts[index] for index in inverse.tolist()]
    return column.dt.strftime("%Y-%m-%d").astype(object).tolist()
