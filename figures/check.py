"""Check the figures table against rules; the findings are a table too.

``check(figures, rules)`` returns one DataFrame, ``FINDING_COLUMNS``:

========  ==============================================================
rule      the rule id
check     the rule as a re-runnable expression: ``agree(within=30d, tolerance=10%)``
kind      the check kind (monotonic, agree, rate, part_of, sum, range, duration)
severity  error, warning or info
status    ``fail`` (one row per violation), ``pass`` or ``no_data`` (one row for the rule)
failed    True for violations, and for ``no_data`` when the rule has ``require_data: true``
message   one sentence a person reads: "fell from more than 230,000 on 2015-07-02 to ..."
date      date of the figure that broke the rule (the later one of a pair); NaT otherwise
outlet    its outlet
group     the group the rule compared in ("outlet=ahram"), "" when not grouped
figures   list of figure records involved, each a dict: role, doc, start, end, text,
          value, low, high, qualifier, unit, noun, outlet, published, date, claimant,
          sentence (dates as ISO strings, missing values None)
checked   how many figures the rule selected (the same on every row of the rule)
source    ``path:line`` of the rule ("" for a rule built in Python)
========  ==============================================================

Every rule has at least one row, so a rule that selects nothing is never a
silent pass. ``summarize`` folds the findings into one row per rule; the
Markdown report, the JSON output and the pytest failure text all read these.

Figures are compared as bands ``[lo, hi]`` (``bands``): exact figures are
``[v, v]``; "more than 220,000" is ``[220000, inf)`` unless the rule's
``open_ends`` closes it; "close to 500,000" (approx) is the point 500,000, and
the rule's tolerance is its band; "hundreds of" is ``[200, 999]``. Pairwise
checks sort by group and date and compare within windows with rolling
max/min and ``merge_asof``: no loop over pairs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.indexers import BaseIndexer

from figures.model import SEVERITIES
from figures.rules import (
    Agree,
    AnyRule,
    Duration,
    LoadedRule,
    Monotonic,
    PartOf,
    Range,
    Rate,
    RuleSet,
    Selection,
    Sum,
    names,
    span_days,
)
from figures.table import json_value

FINDING_COLUMNS: tuple[str, ...] = (
    "rule", "check", "kind", "severity", "status", "failed", "message", "date", "outlet",
    "group", "figures", "checked", "source",
)
RECORD_FIELDS: tuple[str, ...] = (
    "doc", "start", "end", "text", "value", "low", "high", "qualifier", "unit", "noun",
    "outlet", "published", "date", "claimant", "sentence",
)
#: Also in a record: role (earlier, later, part, whole, total, figure) and band_low/band_high,
#: the bounds the check compared (open ends closed by the rule's open_ends).
#: Stand-in for an open bound inside rolling windows (pandas' rolling max mishandles inf).
_OPEN = 1e300
#: At most this many figures are listed as the evidence of one finding.
MAX_EVIDENCE = 12
#: Years in one unit of a duration figure.
YEARS_PER_UNIT = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25,
                  "hour": 1 / 8766}


# --- selecting ------------------------------------------------------------------------------


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
    """Case-insensitive regex search, run once per distinct sentence (figures share them)."""
    compiled = re.compile(pattern, re.IGNORECASE)
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


# --- bands and tolerances --------------------------------------------------------------------


def _amount(amount: float | str, magnitude: np.ndarray | float) -> np.ndarray:
    """An absolute amount, or a percentage of ``magnitude``.

    >>> _amount("10%", np.array([220000.0])).tolist(), _amount(5, 1.0).tolist()
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
        hi = np.where(open_hi, lo + _amount(open_ends, lo), hi)
        lo = np.where(open_lo, hi - _amount(open_ends, hi), lo)
    return np.nan_to_num(lo, nan=-np.inf), np.nan_to_num(hi, nan=np.inf)


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


def describe(record: dict[str, Any]) -> str:
    """A figure as the message names it: "more than 230,000", "about 500,000", "200-999".

    >>> describe({"qualifier": "more_than", "value": 230000.0})
    'more than 230,000'
    >>> describe({"qualifier": "vague", "value": None, "low": 200.0, "high": 999.0,
    ...           "text": "Hundreds of"})
    "'Hundreds of' (200-999)"
    """
    qualifier = record.get("qualifier")
    value, low, high = record.get("value"), record.get("low"), record.get("high")
    if value is not None and qualifier in _QUALIFIER_WORDS:
        return f"{_QUALIFIER_WORDS[qualifier]} {number_text(value)}"
    if value is not None and qualifier != "vague":
        return number_text(value)
    span = f"{number_text(low) if low is not None else '?'}-" \
           f"{number_text(high) if high is not None else '?'}"
    return f"{record.get('text')!r} ({span})" if qualifier == "vague" else span


# --- records ---------------------------------------------------------------------------------


class _Records:
    """Figure records of a frame's rows, built in bulk (a record a violation adds up).

    ``prepare(positions)`` converts those rows at once; ``record(position, role)``
    then gives one record: RECORD_FIELDS, role, and with ``band`` the bounds the
    check compared (``band_low``/``band_high``, None where open).
    """

    def __init__(self, frame: pd.DataFrame, band: tuple[np.ndarray, np.ndarray] | None = None):
        self.frame, self.band = frame, band
        self.fields = [f for f in RECORD_FIELDS if f in frame.columns]
        self.cache: dict[int, dict[str, Any]] = {}

    def prepare(self, positions: Iterable[int] | np.ndarray) -> _Records:
        wanted = np.unique(np.asarray(list(positions) if not isinstance(positions, np.ndarray)
                                      else positions, dtype=np.int64))
        if wanted.size == 0:
            return self
        rows = self.frame.iloc[wanted]
        columns = {field: _python_values(rows[field]) for field in self.fields}
        if self.band is not None:
            for name, bound in (("band_low", self.band[0]), ("band_high", self.band[1])):
                values = bound[wanted]
                columns[name] = [float(v) if math.isfinite(v) else None for v in values]
        names_ = list(columns)
        for index, position in enumerate(wanted.tolist()):
            self.cache[position] = {name: columns[name][index] for name in names_}
        return self

    def record(self, position: int, role: str) -> dict[str, Any]:
        if position not in self.cache:
            self.prepare([position])
        return {"role": role, **self.cache[position]}


def _python_values(column: pd.Series) -> list[Any]:
    """A column as plain Python values: dates as ISO strings, missing values as None."""
    missing = column.isna().to_numpy()
    if pd.api.types.is_datetime64_any_dtype(column):
        values = column.dt.strftime("%Y-%m-%d").astype(object).tolist()
    else:
        values = column.astype(object).tolist()
    pairs = zip(values, missing, strict=True)
    return [None if gone else json_value(value) for value, gone in pairs]


def _relation(a: dict[str, Any], b: dict[str, Any], grouped: list[str]) -> str:
    """", same outlet (ahram), same claimant" and the like, for a pair's message."""
    parts = []
    for field in ("outlet", "claimant"):
        left, right = a.get(field), b.get(field)
        if left == right:
            parts.append(f"same {field} ({left})" if left else f"same {field}")
        elif field in grouped:
            continue
        else:
            parts.append(f"{field}s differ ({left or 'none'} / {right or 'none'})")
    return ", " + ", ".join(parts)


# --- the checks ------------------------------------------------------------------------------


class _Windows(BaseIndexer):
    """Rolling windows given as explicit ``start``/``end`` row positions."""

    def get_window_bounds(self, num_values: int = 0, min_periods: int | None = None,
                          center: bool | None = None, closed: str | None = None,
                          step: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        return self.start, self.end  # type: ignore[attr-defined]


def _rolling(values: np.ndarray, start: np.ndarray, end: np.ndarray, how: str) -> np.ndarray:
    """max or min of ``values[start:end]`` for every row (NaN for an empty window)."""
    series = pd.Series(np.clip(values, -_OPEN, _OPEN))
    rolled = series.rolling(_Windows(start=start, end=end), min_periods=1)
    out = (rolled.max() if how == "max" else rolled.min()).to_numpy(copy=True)
    out[out >= _OPEN] = np.inf
    out[out <= -_OPEN] = -np.inf
    return out


class _Frame:
    """The selected, dated figures of one rule, sorted by group and date, with bands."""

    def __init__(self, figures: pd.DataFrame, rule: AnyRule, group_by: list[str]):
        frame = figures.copy()
        frame["date"] = figure_dates(frame, rule.dated_by)
        self.undated = int(frame["date"].isna().sum())
        frame = frame[frame["date"].notna()]
        if group_by:
            frame["_group"] = frame.groupby(group_by, dropna=False, sort=False).ngroup()
        else:
            frame["_group"] = 0
        frame["_day"] = frame["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
        frame = frame.sort_values(["_group", "_day"], kind="stable").reset_index(drop=True)
        self.frame = frame
        self.group_by = group_by
        self.lo, self.hi = bands(frame, rule.open_ends)
        self.band = (self.lo, self.hi)
        self.group = frame["_group"].to_numpy()
        self.day = frame["_day"].to_numpy()
        span = int(self.day.max() - self.day.min()) if len(frame) else 0
        #: group and day in one sortable number; groups are further apart than any window.
        self.key = self.group.astype(np.int64) * (span + 100_000) + self.day

    def group_labels(self, positions: list[int]) -> list[str]:
        """"outlet=ahram, claimant=none" for the rows at ``positions`` ("" when not grouped)."""
        if not self.group_by:
            return [""] * len(positions)
        rows = self.frame.iloc[positions]
        parts = [[f"{key}={value or 'none'}" for value in _python_values(rows[key])]
                 for key in self.group_by]
        return [", ".join(labels) for labels in zip(*parts, strict=True)]

    def groups(self) -> int:
        return int(self.frame["_group"].nunique())

    def window_start(self, days: int | None) -> np.ndarray:
        """First row of each row's window: same group, at most ``days`` earlier (None: any)."""
        if days is None:
            first = self.key - (self.day - self.day.min() if len(self.day) else 0)
            return np.searchsorted(self.key, first, side="left")
        return np.searchsorted(self.key, self.key - days, side="left")


def _partner(frame: _Frame, rows: np.ndarray, column: np.ndarray, target: np.ndarray,
             strictly_earlier: bool) -> np.ndarray:
    """For each violating row, the latest row of its group (before it) whose ``column``
    equals ``target``: the figure that set the window's max or min."""
    left = pd.DataFrame({"key": frame.key[rows], "target": target, "row": rows})
    right = pd.DataFrame({"key": frame.key, "target": column,
                          "partner": np.arange(len(frame.key))})
    left = left.sort_values("key", kind="stable")
    right = right[np.isfinite(column)].sort_values("key", kind="stable")
    joined = pd.merge_asof(left, right, on="key", by="target", direction="backward",
                           allow_exact_matches=not strictly_earlier)
    joined = joined.set_index("row").reindex(rows)
    return joined["partner"].to_numpy(dtype=float, na_value=np.nan)


def _pairs(frame: _Frame, rows: np.ndarray, partners: np.ndarray) -> list[tuple[int, int]]:
    return [(int(p), int(r)) for r, p in zip(rows, partners, strict=True) if not np.isnan(p)]


Violation = tuple[str, list[dict[str, Any]], int]  # message, figure records, position of row


#: Qualifiers whose low bound is a claimed minimum ("more than 230,000": at least that many
#: are dead). "hundreds of" or "up to 50" claim no floor: they fall only when even their
#: high bound is below an earlier floor.
FLOOR_QUALIFIERS = ("exact", "approx", "at_least", "more_than")


def _check_monotonic(frame: _Frame, rule: Monotonic) -> list[Violation]:
    """Each figure against the highest floor stated on the group's latest earlier date.

    Consecutive dates, like a running total's ``diff() >= 0``: one inflated figure
    gives one finding (the fall after it), not one for every later figure.
    """
    states_floor = frame.frame["qualifier"].isin(FLOOR_QUALIFIERS).to_numpy()
    sets_floor = states_floor | (frame.frame["qualifier"] == "range").to_numpy()
    floor = np.where(sets_floor & np.isfinite(frame.lo), frame.lo, np.nan)
    compared = np.where(states_floor & np.isfinite(frame.lo), frame.lo, frame.hi)
    daily = (pd.DataFrame({"group": frame.group, "key": frame.key, "floor": floor})
             .dropna(subset=["floor"]).groupby(["group", "key"], sort=True)["floor"].max()
             .reset_index())
    daily["prior_key"] = daily["key"]
    rows = pd.DataFrame({"group": frame.group, "key": frame.key})
    joined = pd.merge_asof(rows, daily, on="key", by="group", direction="backward",
                           allow_exact_matches=False)
    prior = joined["floor"].to_numpy(dtype=float, na_value=np.nan)
    if rule.within is not None:
        gap = frame.key - joined["prior_key"].to_numpy(dtype=float, na_value=np.nan)
        prior = np.where(gap <= span_days(rule.within), prior, np.nan)
    with np.errstate(invalid="ignore"):
        allowed = prior - _amount(rule.tolerance, prior)
        bad = np.flatnonzero(~np.isnan(prior) & (compared < allowed))
    partners = _partner(frame, bad, floor, prior[bad], strictly_earlier=True)
    out = []
    pairs = _pairs(frame, bad, partners)
    records = _Records(frame.frame, frame.band).prepare([p for pair in pairs for p in pair])
    for earlier, later in pairs:
        a, b = records.record(earlier, "earlier"), records.record(later, "later")
        message = (f"fell from {describe(a)} on {a['date']} to {describe(b)} on "
                   f"{b['date']}{_relation(a, b, frame.group_by)}")
        out.append((message, [a, b], later))
    return out


def _check_agree(frame: _Frame, rule: Agree) -> list[Violation]:
    start = frame.window_start(span_days(rule.within))
    end = np.arange(1, len(frame.key) + 1)
    max_lo = _rolling(frame.lo, start, end, "max")
    min_hi = _rolling(frame.hi, start, end, "min")
    below = np.isfinite(max_lo) & (max_lo - frame.hi > _amount(rule.tolerance, max_lo))
    above = np.isfinite(min_hi) & ~below & \
        (frame.lo - min_hi > _amount(rule.tolerance, frame.lo))
    out = []
    records = _Records(frame.frame, frame.band)
    for mask, column, target, word in ((below, frame.lo, max_lo, "below"),
                                       (above, frame.hi, min_hi, "above")):
        rows = np.flatnonzero(mask)
        partners = _partner(frame, rows, column, target[rows], strictly_earlier=False)
        # One finding per earlier figure: the first later figure that disagrees with it, and
        # how many more do (one stray "close to 500,000" is one finding, not one per reply).
        by_partner: dict[int, list[int]] = {}
        for other, row in _pairs(frame, rows, partners):
            by_partner.setdefault(other, []).append(row)
        records.prepare([p for other, later in by_partner.items() for p in (other, *later)])
        for other, later in by_partner.items():
            row = later[0]
            a, b = records.record(other, "earlier"), records.record(row, "later")
            gap = (frame.lo[other] - frame.hi[row]) if word == "below" else \
                (frame.lo[row] - frame.hi[other])
            days = int(frame.day[row] - frame.day[other])
            message = (f"{describe(b)} ({b['outlet']}, {b['date']}) is {word} "
                       f"{describe(a)} ({a['outlet']}, {a['date']}) by {number_text(gap)}, "
                       f"{days} days apart{_relation(a, b, frame.group_by)}")
            if len(later) > 1:
                message += (f"; {len(later) - 1} more figure{'s' if len(later) > 2 else ''} "
                            f"within {rule.within} after it {'are' if len(later) > 2 else 'is'} "
                            f"{word} it too")
            more = [records.record(r, "later") for r in later[1:MAX_EVIDENCE]]
            out.append((message, [a, b, *more], row))
    return out


def _rate_words(rate_lo: float, rate_hi: float, rule: Rate) -> str | None:
    if rule.max_per_day is not None and rate_lo > rule.max_per_day:
        return f"at least {number_text(round(rate_lo))} a day, more than the " \
               f"{number_text(rule.max_per_day)} a day allowed"
    if rule.min_per_day is not None and rate_hi < rule.min_per_day:
        return f"at most {number_text(round(rate_hi))} a day, less than the " \
               f"{number_text(rule.min_per_day)} a day allowed"
    return None


def _check_rate(frame: _Frame, rule: Rate) -> list[Violation]:
    out: list[Violation] = []
    table = pd.DataFrame({"group": frame.group, "day": frame.day,
                          "row": np.arange(len(frame.day))})
    left = table.assign(reach=table["day"] - rule.min_days).sort_values("reach", kind="stable")
    right = table.rename(columns={"day": "reach", "row": "previous"}).sort_values(
        "reach", kind="stable")
    joined = pd.merge_asof(left, right, on="reach", by="group", direction="backward")
    joined = joined.dropna(subset=["previous"])
    rows = joined["row"].to_numpy()
    previous = joined["previous"].to_numpy().astype(np.int64)
    days = (frame.day[rows] - frame.day[previous]).astype(float)
    keep = np.ones(len(rows), dtype=bool)
    if rule.within is not None:
        keep = days <= span_days(rule.within)
    with np.errstate(invalid="ignore"):
        rate_lo = (frame.lo[rows] - frame.hi[previous]) / days
        rate_hi = (frame.hi[rows] - frame.lo[previous]) / days
    bad = keep & _outside(rate_lo, rate_hi, rule)
    records = _Records(frame.frame, frame.band).prepare(
        np.concatenate([rows[bad], previous[bad]]))
    for row, prev, lo_rate, hi_rate in zip(rows[bad], previous[bad], rate_lo[bad], rate_hi[bad],
                                           strict=True):
        a, b = records.record(int(prev), "earlier"), records.record(int(row), "later")
        verb = "rose" if frame.lo[row] >= frame.hi[prev] else "went"
        message = (f"{verb} from {describe(a)} on {a['date']} to {describe(b)} on {b['date']} "
                   f"({int(frame.day[row] - frame.day[prev])} days): "
                   f"{_rate_words(lo_rate, hi_rate, rule)}{_relation(a, b, frame.group_by)}")
        out.append((message, [a, b], int(row)))
    if rule.start is not None:
        out.extend(_check_rate_from_start(frame, rule))
    return out


def _outside(rate_lo: np.ndarray, rate_hi: np.ndarray, rule: Rate) -> np.ndarray:
    bad = np.zeros(len(rate_lo), dtype=bool)
    if rule.max_per_day is not None:
        bad |= np.nan_to_num(rate_lo, nan=-np.inf) > rule.max_per_day
    if rule.min_per_day is not None:
        bad |= np.nan_to_num(rate_hi, nan=np.inf) < rule.min_per_day
    return bad


def _check_rate_from_start(frame: _Frame, rule: Rate) -> list[Violation]:
    assert rule.start is not None
    start_day = np.datetime64(rule.start, "D").astype(np.int64)
    days = (frame.day - start_day).astype(float)
    before = (days <= 0) & (frame.lo > rule.start_value)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_lo = np.where(days > 0, (frame.lo - rule.start_value) / days, np.nan)
        rate_hi = np.where(days > 0, (frame.hi - rule.start_value) / days, np.nan)
    bad = before | ((days > 0) & _outside(rate_lo, rate_hi, rule))
    out = []
    records = _Records(frame.frame, frame.band).prepare(np.flatnonzero(bad))
    for row in np.flatnonzero(bad):
        b = records.record(int(row), "figure")
        if before[row]:
            message = (f"{describe(b)} on {b['date']} ({b['outlet']}) counts more than "
                       f"{number_text(rule.start_value)} {int(-days[row])} days before the "
                       f"count began on {rule.start}")
        else:
            message = (f"{describe(b)} on {b['date']} ({b['outlet']}) is "
                       f"{_rate_words(rate_lo[row], rate_hi[row], rule)} since {rule.start} "
                       f"({int(days[row])} days)")
        out.append((message, [b], int(row)))
    return out


def _check_range(frame: _Frame, rule: Range) -> list[Violation]:
    low_limit = -np.inf if rule.min is None else rule.min - _amount(rule.tolerance, rule.min)
    high_limit = np.inf if rule.max is None else rule.max + _amount(rule.tolerance, rule.max)
    out = []
    bad = np.flatnonzero((frame.hi < low_limit) | (frame.lo > high_limit))
    records = _Records(frame.frame, frame.band).prepare(bad)
    for row in bad:
        b = records.record(int(row), "figure")
        where = f"below the plausible minimum {number_text(rule.min or 0)}" \
            if frame.hi[row] < low_limit else \
            f"above the plausible maximum {number_text(rule.max or 0)}"
        out.append((f"{describe(b)} ({b['outlet']}, {b['date']}) is {where}", [b], int(row)))
    return out


def _check_duration(frame: _Frame, rule: Duration) -> list[Violation]:
    years = frame.frame["unit"].map(YEARS_PER_UNIT).to_numpy(dtype=float, na_value=np.nan)
    start_day = np.datetime64(rule.start, "D").astype(np.int64)
    until = frame.day if rule.end is None else \
        np.minimum(frame.day, np.datetime64(rule.end, "D").astype(np.int64))
    expected = (until - start_day) / 365.25
    with np.errstate(invalid="ignore"):
        lo, hi = frame.lo * years, frame.hi * years
        gap = np.maximum(expected - hi, lo - expected)
    bad = ~np.isnan(years) & (gap > _amount(rule.tolerance, expected))
    out = []
    records = _Records(frame.frame, frame.band).prepare(np.flatnonzero(bad))
    for row in np.flatnonzero(bad):
        b = records.record(int(row), "figure")
        span = (f"{rule.start} to {b['date']} is {expected[row]:.1f} years"
                if expected[row] >= 0 else f"it is dated before the start, {rule.start}")
        message = (f"{b['text']!r} ({describe(b)} {b['unit']}s) on {b['date']} "
                   f"({b['outlet']}), but {span}")
        out.append((message, [b], int(row)))
    return out


def _scope_keys(scope: str) -> list[str]:
    return ["doc", "sentence"] if scope == "sentence" else ["doc"]


def _two_roles(figures: pd.DataFrame, rule: PartOf | Sum, base: pd.Series, first: Selection,
               second: Selection) -> tuple[pd.DataFrame, pd.Series, pd.Series, np.ndarray,
                                           np.ndarray]:
    """Dated figures with their bands, and masks of two roles (a figure takes the first only).

    Shared by part_of (part, whole) and sum (total, parts).
    """
    frame = figures.copy()
    frame["date"] = figure_dates(frame, rule.dated_by)
    is_first = base & selection_mask(frame, first, rule.dated_by, frame["date"])
    is_second = base & ~is_first & selection_mask(frame, second, rule.dated_by, frame["date"])
    lo, hi = bands(frame, rule.open_ends)
    frame = frame.assign(_lo=lo, _hi=hi, _pos=np.arange(len(frame)))
    return frame, is_first, is_second, lo, hi


def _check_part_of(figures: pd.DataFrame, rule: PartOf, base: pd.Series) -> tuple[
        list[Violation], int, pd.DataFrame]:
    frame, is_part, is_whole, lo, hi = _two_roles(figures, rule, base, rule.part, rule.whole)
    keys = _scope_keys(rule.scope)
    parts = frame[is_part.to_numpy()].sort_values("start")
    wholes = frame[is_whole.to_numpy()].sort_values("start")[[*keys, "start", "_pos"]]
    wholes = wholes.rename(columns={"_pos": "_whole"})
    parts = parts.dropna(subset=keys)
    wholes = wholes.dropna(subset=keys)
    if parts.empty or wholes.empty:
        return [], 0, frame.iloc[0:0]
    parts = parts.astype({"start": np.int64})
    wholes = wholes.astype({"start": np.int64})
    paired = pd.merge_asof(parts[[*keys, "start", "_pos", "_lo"]], wholes, on="start", by=keys,
                           direction="nearest").dropna(subset=["_whole"])
    whole_pos = paired["_whole"].to_numpy().astype(np.int64)
    part_pos = paired["_pos"].to_numpy()
    excess = lo[part_pos] - hi[whole_pos]
    bad = excess > _amount(rule.tolerance, lo[part_pos])
    out = []
    records = _Records(frame, (lo, hi)).prepare(np.concatenate([part_pos[bad], whole_pos[bad]]))
    for part, whole in zip(part_pos[bad], whole_pos[bad], strict=True):
        p, w = records.record(int(part), "part"), records.record(int(whole), "whole")
        message = (f"the part {describe(p)} ({p['noun'] or 'unnamed'}) is larger than its whole "
                   f"{describe(w)} ({w['noun'] or 'unnamed'}) in the same {rule.scope} "
                   f"({p['outlet']}, {p['date']})")
        out.append((message, [p, w], int(part)))
    involved = np.union1d(part_pos, whole_pos)
    return out, len(paired), frame.iloc[involved]


def _check_sum(figures: pd.DataFrame, rule: Sum, base: pd.Series) -> tuple[
        list[Violation], int, pd.DataFrame]:
    frame, is_total, is_part, lo, hi = _two_roles(figures, rule, base, rule.total, rule.parts)
    keys = _scope_keys(rule.scope)
    parts = frame[is_part.to_numpy()].dropna(subset=keys)
    sums = parts.groupby(keys, sort=False).agg(
        _sum_lo=("_lo", "sum"), _sum_hi=("_hi", "sum"), _parts=("_pos", list)).reset_index()
    totals = frame[is_total.to_numpy()].dropna(subset=keys)
    joined = totals.merge(sums, on=keys, how="inner")
    gap = np.maximum(joined["_sum_lo"] - joined["_hi"], joined["_lo"] - joined["_sum_hi"])
    bad = (gap > _amount(rule.tolerance, joined["_lo"].abs().to_numpy())).to_numpy()
    out = []
    records = _Records(frame, (lo, hi))
    for _, row in joined[bad].iterrows():
        t = records.record(int(row["_pos"]), "total")
        records.prepare(row["_parts"])
        part_records = [records.record(int(p), "part") for p in row["_parts"]]
        stated = " + ".join(describe(p) for p in part_records)
        message = (f"the parts add up to {number_text(row['_sum_lo'])}"
                   + (f"-{number_text(row['_sum_hi'])}" if row["_sum_hi"] != row["_sum_lo"]
                      else "")
                   + f" ({stated}) but the stated total is {describe(t)} "
                   f"({t['outlet']}, {t['date']})")
        out.append((message, [t, *part_records], int(row["_pos"])))
    involved = np.unique(np.concatenate(
        [joined["_pos"].to_numpy(), *[np.asarray(p) for p in joined["_parts"]]]
    ).astype(np.int64)) if len(joined) else np.array([], dtype=np.int64)
    return out, len(joined), frame.iloc[involved]


# --- running rules ---------------------------------------------------------------------------


def check(figures: pd.DataFrame, rules: RuleSet | Iterable[LoadedRule | AnyRule]
          ) -> pd.DataFrame:
    """Run every rule over the figures table; the findings table (FINDING_COLUMNS).

    ``figures`` has the columns of ``figures.model.FIGURE_COLUMNS``; ``rules`` is a
    RuleSet from ``load_rules``, or rules (loaded or built in Python).
    """
    rows: list[dict[str, Any]] = []
    for item in rules:
        loaded = item if isinstance(item, LoadedRule) else None
        rule = item.rule if isinstance(item, LoadedRule) else item
        rows.extend(check_rule(figures, rule, loaded.location if loaded else ""))
    findings = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    findings["date"] = pd.to_datetime(findings["date"])
    findings["failed"] = findings["failed"].astype(bool)
    findings["checked"] = findings["checked"].astype(np.int64)
    return findings


def check_rule(figures: pd.DataFrame, rule: AnyRule, source: str = "") -> list[dict[str, Any]]:
    """The finding rows of one rule (at least one)."""
    base = selection_mask(figures, rule.select, rule.dated_by)
    note = ""
    if isinstance(rule, PartOf | Sum):
        checker = _check_part_of if isinstance(rule, PartOf) else _check_sum
        violations, pairs, _ = checker(figures, rule, base)  # type: ignore[operator,arg-type]
        checked = pairs
        what = "pairs of part and whole" if isinstance(rule, PartOf) else "stated totals"
        empty = f"no {what} in one {rule.scope} matched the selection"
        summary = f"checked {pairs} {what} in one {rule.scope}"
        groups_text = ""
        frame = None
    else:
        group_by = names(getattr(rule, "group_by", None))
        frame = _Frame(figures[base.to_numpy()], rule, group_by)
        checked = len(frame.frame)
        violations = _CHECKERS[type(rule)](frame, rule)
        empty = "no dated figure matched the selection" if frame.undated else \
            "no figure matched the selection"
        groups_text = f" in {frame.groups()} groups ({', '.join(group_by)})" if group_by else ""
        summary = f"checked {checked} figures{groups_text}"
        if frame.undated:
            note = f"; {frame.undated} undated figures left out"
    common = {"rule": rule.id, "check": rule.label(), "kind": rule.check,
              "severity": rule.severity, "checked": checked, "source": source}
    if violations:
        out = []
        positions = [position for _, _, position in violations]
        groups = frame.group_labels(positions) if frame is not None else [""] * len(positions)
        for (message, records, _), group in zip(violations, groups, strict=True):
            later = records[-1] if rule.check in ("monotonic", "agree", "rate") else records[0]
            out.append({**common, "status": "fail", "failed": True, "message": message,
                        "date": later.get("date"), "outlet": later.get("outlet"),
                        "group": group, "figures": records})
        out.sort(key=lambda finding: str(finding["date"] or ""))
        return out
    if checked == 0:
        required = " (the rule requires data)" if rule.require_data else ""
        return [{**common, "status": "no_data", "failed": rule.require_data,
                 "message": empty + required + note, "date": None, "outlet": None, "group": "",
                 "figures": []}]
    return [{**common, "status": "pass", "failed": False,
             "message": f"{summary}: no violation{note}", "date": None, "outlet": None,
             "group": "", "figures": []}]


_CHECKERS: dict[type, Any] = {
    Monotonic: _check_monotonic, Agree: _check_agree, Rate: _check_rate, Range: _check_range,
    Duration: _check_duration,
}


def summarize(findings: pd.DataFrame) -> pd.DataFrame:
    """One row per rule: rule, check, severity, status, failed, violations, checked, source.

    ``status`` is ``fail`` when the rule has a violation (or requires data and has none),
    else ``pass`` or ``no_data``.
    """
    if findings.empty:
        return pd.DataFrame(columns=["rule", "check", "severity", "status", "failed",
                                     "violations", "checked", "source"])
    grouped = findings.groupby("rule", sort=False)
    summary = grouped.agg(check=("check", "first"), severity=("severity", "first"),
                          failed=("failed", "any"), checked=("checked", "first"),
                          source=("source", "first"), first_status=("status", "first"))
    summary["violations"] = grouped["status"].apply(lambda s: int((s == "fail").sum()))
    summary["status"] = np.where(summary["failed"], "fail", summary["first_status"])
    summary = summary.reset_index()
    return summary[["rule", "check", "severity", "status", "failed", "violations", "checked",
                    "source"]]


def failing(findings: pd.DataFrame, fail_on: str = "error") -> pd.DataFrame:
    """The failed rows at or above a severity (``never``: none)."""
    if fail_on == "never":
        return findings.iloc[0:0]
    levels = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return findings[findings["failed"] & findings["severity"].isin(levels)]
