"""Which figures a rule looks at, the day each is placed at, and the band it is compared as."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from figures.rules import AnyRule, LoadedRule, Selection, compile_pattern, names


def figure_dates(figures: pd.DataFrame, dated_by: str = "as_of") -> pd.Series:
    """The date each figure is placed at: as_of (else published), or published."""
    published = pd.to_datetime(figures["published"])
    if dated_by == "published" or "as_of" not in figures:
        return published
    return pd.to_datetime(figures["as_of"]).fillna(published)


class Columns:
    """The columns of one figures table as the checks read them, each converted once.

    ``check`` makes one for a run, so the rules share the work: the dates as day numbers,
    the numbers as float arrays, and the sentences as one Arrow text column, searched for
    a rule's pattern at most once a row, however many rules share it.
    """

    def __init__(self, figures: pd.DataFrame):
        self.figures = figures
        self._memo: dict[Any, Any] = {}

    def __len__(self) -> int:
        return len(self.figures)

    def _cached(self, key: Any, make: Any) -> Any:
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def floats(self, column: str) -> np.ndarray:
        """A numeric column as a float array (NaN where missing)."""
        return self._cached(("float", column), lambda: self.figures[column].to_numpy(
            dtype=float, na_value=np.nan))

    def dates(self, dated_by: str) -> pd.Series:
        """``figure_dates`` of every row."""
        return self._cached(("dates", dated_by), lambda: figure_dates(self.figures, dated_by))

    def days(self, dated_by: str) -> tuple[np.ndarray, np.ndarray]:
        """Each row's day number (days since 1970; 0 where undated) and where it is undated."""
        def make() -> tuple[np.ndarray, np.ndarray]:
            days = self.dates(dated_by).to_numpy(dtype="datetime64[D]")
            undated = np.isnat(days)
            return np.where(undated, 0, days.astype(np.int64)), undated
        return self._cached(("days", dated_by), make)

    def sentence_texts(self, rows: np.ndarray) -> pa.Array | list[str | None]:
        """The sentences of the table's ``rows``: Arrow strings (null where missing), or
        texts and None where Arrow cannot hold the column; the column converted once."""
        def make() -> pa.Array | list[str | None]:
            column = self.figures["sentence"]
            try:
                return _arrow_text(column)
            except (pa.ArrowException, TypeError, ValueError):  # not plain text
                missing = column.isna().to_numpy()
                return [None if gone else str(text) for text, gone in
                        zip(column.astype(object).tolist(), missing, strict=True)]
        texts = self._cached("sentence texts", make)
        rows = np.asarray(rows, dtype=np.int64)
        if isinstance(texts, pa.Array):
            return texts.take(pa.array(rows))
        return [texts[row] for row in rows.tolist()]

    def sentence_matches(self, pattern: str, rows: np.ndarray | None = None) -> np.ndarray:
        """Whether the sentence of each of ``rows`` (None: every row) matches a rule's
        pattern (RE2, ignoring case); a row is looked at once a run, whichever rules ask."""
        size = len(self)
        found, known = self._cached(("pattern", pattern), lambda: (
            np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)))
        rows = np.arange(size) if rows is None else np.asarray(rows, dtype=np.int64)
        todo = rows[~known[rows]]
        if len(todo):
            found[todo] = _matches(self.sentence_texts(todo), pattern)
            known[todo] = True
        return found[rows]

    def codes(self, column: str) -> np.ndarray:
        """A column's values as codes (``factorized``; a missing value is a value too)."""
        return self._cached(("codes", column), lambda: factorized(
            self.figures[column], missing_is_a_value=True))

    def casefolded(self, column: str) -> pd.Series:
        """A text column casefolded (missing stays missing)."""
        return self._cached(("casefold", column),
                            lambda: self.figures[column].astype("string").str.casefold())

    def missing(self, column: str) -> np.ndarray:
        """Where a column is missing."""
        return self._cached(("missing", column), lambda: self.figures[column].isna().to_numpy())

    def isin(self, column: str, wanted: tuple[Any, ...]) -> np.ndarray:
        """``figures[column].isin(wanted)`` as a bool array (rules often select alike)."""
        return self._cached(("isin", column, wanted), lambda: self.figures[column].isin(
            list(wanted)).to_numpy(dtype=bool))

    def flag(self, column: str) -> np.ndarray:
        """A boolean column as a bool array (missing: False)."""
        return self._cached(("flag", column), lambda: self.figures[column].fillna(False)
                            .astype(bool).to_numpy())


def lexsort_pair(minor: np.ndarray, major: np.ndarray) -> np.ndarray:
    """``np.lexsort((minor, major))`` (by ``major``, then ``minor``, ties in their order) of
    integers; as two stable 16-bit sorts (numpy sorts those by radix) where both fit.

    >>> lexsort_pair(np.array([5, 3, 4, 3]), np.array([1, 0, 1, 0])).tolist()
    [1, 3, 2, 0]
    """
    if not len(major):
        return np.lexsort((minor, major))
    low_minor, low_major = int(minor.min()), int(major.min())
    if int(minor.max()) - low_minor >= 2 ** 16 or int(major.max()) - low_major >= 2 ** 16:
        return np.lexsort((minor, major))
    by_minor = np.argsort((minor - low_minor).astype(np.uint16), kind="stable")
    return by_minor[np.argsort((major[by_minor] - low_major).astype(np.uint16), kind="stable")]


def _arrow_text(column: pd.Series) -> pa.Array:
    """A text column as one Arrow string array (no copy for pandas' Arrow-backed ``str``;
    a column read from Parquet comes in chunks, joined here)."""
    text = pa.array(column, from_pandas=True, type=pa.large_string())
    return text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text


def factorized(column: pd.Series, missing_is_a_value: bool = False) -> np.ndarray:
    """``pd.factorize(column)[0]``: codes in order of first appearance, -1 where missing
    (or, ``missing_is_a_value``, the code of its first appearance too); text through
    Arrow's hash kernel, far faster on Arrow-backed strings."""
    if isinstance(column.dtype, pd.StringDtype) or column.dtype == object:
        try:
            encoded = pc.dictionary_encode(
                _arrow_text(column), null_encoding="encode" if missing_is_a_value else "mask")
            return pc.fill_null(encoded.indices, -1).to_numpy().astype(np.int64)
        except (pa.ArrowException, TypeError, ValueError):  # not all text
            pass
    return pd.factorize(column, use_na_sentinel=not missing_is_a_value)[0].astype(np.int64)


def _matches(texts: pa.Array | list[str | None], pattern: str) -> np.ndarray:
    """Case-insensitive RE2 search over sentences, all at once (Arrow's string kernels run
    RE2 too); one at a time with the rule's compiled pattern where Arrow cannot. A missing
    sentence matches nothing."""
    compiled = compile_pattern(pattern)  # the rule loader's check: refuses what RE2 cannot run
    if isinstance(texts, pa.Array):
        try:
            found = pc.match_substring_regex(texts, pattern=pattern, ignore_case=True)
            return pc.fill_null(found, False).to_numpy(zero_copy_only=False).astype(bool)
        except pa.ArrowException:
            texts = texts.to_pylist()
    return np.array([text is not None and compiled.search(text) is not None
                     for text in texts], dtype=bool)


def _stated(columns: Columns) -> np.ndarray:
    """The number a figure states: value, else low, else high (worked out once a run)."""
    def make() -> np.ndarray:
        value, low, high = (columns.floats(name) for name in ("value", "low", "high"))
        return np.where(np.isnan(value), np.where(np.isnan(low), high, low), value)
    return columns._cached("stated", make)


def _sentence_matches(sentences: pd.Series, pattern: str) -> pd.Series:
    """Case-insensitive regex search of each sentence (Arrow's RE2 over all at once).

    The pattern runs on RE2, so a pattern such as ``(a+)+$`` costs linear time, never an
    exponential backtrack.
    """
    found = Columns(pd.DataFrame({"sentence": sentences})).sentence_matches(pattern)
    return pd.Series(found, index=sentences.index)


def selection_mask(figures: pd.DataFrame, selection: Selection, dated_by: str = "as_of",
                   dates: pd.Series | None = None, columns: Columns | None = None) -> pd.Series:
    """Boolean mask of the figures a Selection matches (``columns``: this table's columns
    as a run of ``check`` already converted them)."""
    if columns is None or columns.figures is not figures:
        columns = Columns(figures)
    mask = np.ones(len(figures), dtype=bool)
    for column in ("metric", "noun", "unit", "qualifier", "outlet"):
        wanted = names(getattr(selection, column))
        if wanted:
            mask &= columns.isin(column, tuple(wanted))
    for column in ("claimant", "place", "actor"):
        wanted = names(getattr(selection, column))
        if wanted:
            text = columns.casefolded(column)
            hit = np.zeros(len(figures), dtype=bool)
            for word in wanted:
                hit |= text.str.contains(word.casefold(), regex=False).to_numpy(
                    dtype=bool, na_value=False)
            mask &= hit
    if selection.cumulative is not None:
        mask &= columns.flag("cumulative") == selection.cumulative
    if selection.since is not None or selection.until is not None:
        when = columns.dates(dated_by) if dates is None else dates
        if selection.since is not None:
            mask &= (when >= pd.Timestamp(selection.since)).to_numpy(dtype=bool)
        if selection.until is not None:
            mask &= (when <= pd.Timestamp(selection.until)).to_numpy(dtype=bool)
    if selection.min_value is not None or selection.max_value is not None:
        stated = _stated(columns)
        with np.errstate(invalid="ignore"):
            if selection.min_value is not None:
                mask &= stated >= selection.min_value
            if selection.max_value is not None:
                mask &= stated <= selection.max_value
    # a sentence is searched only for the figures the rest of the selection kept
    if selection.pattern is not None:
        candidates = np.flatnonzero(mask)
        mask[candidates] = columns.sentence_matches(selection.pattern, candidates)
    if selection.exclude is not None:
        candidates = np.flatnonzero(mask)
        mask[candidates] = ~columns.sentence_matches(selection.exclude, candidates)
    return pd.Series(mask, index=figures.index)


def select(figures: pd.DataFrame, rule: AnyRule | LoadedRule) -> pd.DataFrame:
    """The figures a rule's ``select`` block matches (the figures it checks)."""
    model = rule.rule if isinstance(rule, LoadedRule) else rule
    return figures[selection_mask(figures, model.select, model.dated_by)]


def amount_of(amount: float | str, magnitude: np.ndarray | float) -> np.ndarray:
    """An absolute amount, or a percentage of ``magnitude``.

    >>> amount_of("10%", np.array([220000.0])).tolist(), amount_of(5, 1.0).tolist()
    ([22000.0], 5.0)
    """
    if isinstance(amount, str):
        return np.abs(np.asarray(magnitude, dtype=float)) * float(amount[:-1]) / 100
    return np.asarray(float(amount))


def bands(figures: pd.DataFrame, open_ends: float | str | None = None
          ) -> tuple[np.ndarray, np.ndarray]:
    """Each figure's band ``(lo, hi)`` as float arrays, ``-inf``/``inf`` where open.

    Approximate figures (value without bounds) are the point ``[value, value]``;
    ``open_ends`` closes open bounds ("more than 220,000" with 5%: ``[220000, 231000]``).
    """
    value, low, high = (figures[name].to_numpy(dtype=float, na_value=np.nan)
                        for name in ("value", "low", "high"))
    return bands_of(value, low, high, open_ends)


def bands_of(value: np.ndarray, lo: np.ndarray, hi: np.ndarray,
             open_ends: float | str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``bands`` of value, low and high arrays."""
    point = np.isnan(lo) & np.isnan(hi)
    lo = np.where(point, value, lo)
    hi = np.where(point, value, hi)
    if open_ends is not None:
        open_hi = np.isnan(hi) & ~np.isnan(lo)
        open_lo = np.isnan(lo) & ~np.isnan(hi)
        hi = np.where(open_hi, lo + amount_of(open_ends, lo), hi)
        lo = np.where(open_lo, hi - amount_of(open_ends, hi), lo)
    return np.nan_to_num(lo, nan=-np.inf), np.nan_to_num(hi, nan=np.inf)
