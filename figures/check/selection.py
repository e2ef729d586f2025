"""Which figures a rule looks at, the day each is placed at, and the band it is compared as."""

from __future__ import annotations

import numpy as np
import pandas as pd

from figures.rules import AnyRule, LoadedRule, Selection, compile_pattern, names


def figure_dates(figures: pd.DataFrame, dated_by: str = "as_of") -> pd.Series:
    """The date each figure is placed at: as_of (else published), or published."""
    published = pd.to_datetime(figures["published"])
    if dated_by == "published" or "as_of" not in figures:
        return published
    return pd.to_datetime(figures["as_of"]).fillna(published)


def _stated(figures: pd.DataFrame) -> pd.Series:
    """The number a figure states: value, else low, else high."""
    return figures["value"].fillna(figures["low"]).fillna(figures["high"])


def _sentence_matches(sentences: pd.Series, pattern: str) -> pd.Series:
    """Case-insensitive regex search, run once per distinct sentence (figures share them).

    The pattern runs on RE2, so a pattern such as ``(a+)+$`` costs linear time, never an
    exponential backtrack.
    """
    compiled = compile_pattern(pattern)
    distinct = pd.Series(sentences.dropna().unique())
    found = dict(zip(distinct, distinct.map(lambda s: compiled.search(s) is not None),
                     strict=True))
    return sentences.map(found).fillna(False).astype(bool)


def selection_mask(figures: pd.DataFrame, selection: Selection, dated_by: str = "as_of",
                   dates: pd.Series | None = None) -> pd.Series:
    """Boolean mask of the figures a Selection matches."""
    mask = pd.Series(True, index=figures.index)
    for column in ("metric", "noun", "unit", "qualifier", "outlet"):
        wanted = names(getattr(selection, column))
        if wanted:
            mask &= figures[column].isin(wanted)
    for column in ("claimant", "place", "actor"):
        wanted = names(getattr(selection, column))
        if wanted:
            text = figures[column].astype("string").str.casefold()
            hit = pd.Series(False, index=figures.index)
            for word in wanted:
                hit |= text.str.contains(word.casefold(), regex=False).fillna(False).astype(bool)
            mask &= hit
    if selection.cumulative is not None:
        mask &= figures["cumulative"].fillna(False).astype(bool) == selection.cumulative
    if selection.since is not None or selection.until is not None:
        when = figure_dates(figures, dated_by) if dates is None else dates
        if selection.since is not None:
            mask &= when >= pd.Timestamp(selection.since)
        if selection.until is not None:
            mask &= when <= pd.Timestamp(selection.until)
    if selection.min_value is not None or selection.max_value is not None:
        stated = _stated(figures)
        if selection.min_value is not None:
            mask &= stated >= selection.min_value
        if selection.max_value is not None:
            mask &= stated <= selection.max_value
    if selection.pattern is not None:
        mask &= _sentence_matches(figures["sentence"], selection.pattern)
    if selection.exclude is not None:
        mask &= ~_sentence_matches(figures["sentence"], selection.exclude)
    return mask


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
    value = figures["value"].to_numpy(dtype=float, na_value=np.nan)
    lo = figures["low"].to_numpy(dtype=float, na_value=np.nan)
    hi = figures["high"].to_numpy(dtype=float, na_value=np.nan)
    point = np.isnan(lo) & np.isnan(hi)
    lo = np.where(point, value, lo)
    hi = np.where(point, value, hi)
    if open_ends is not None:
        open_hi = np.isnan(hi) & ~np.isnan(lo)
        open_lo = np.isnan(lo) & ~np.isnan(hi)
        hi = np.where(open_hi, lo + amount_of(open_ends, lo), hi)
        lo = np.where(open_lo, hi - amount_of(open_ends, hi), lo)
    return np.nan_to_num(lo, nan=-np.inf), np.nan_to_num(hi, nan=np.inf)
