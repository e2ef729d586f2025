"""The checks of dated figures, sorted by group and day: monotonic, agree, rate, range, duration."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pandas.api.indexers import BaseIndexer

from figures.check.evidence import Records, Violation, describe, number_text, python_values
from figures.check.selection import amount_of, bands, figure_dates
from figures.rules import Agree, AnyRule, Duration, Monotonic, Range, Rate, span_days

#: Stand-in for an open bound inside rolling windows (pandas' rolling max mishandles inf).
_OPEN = 1e300
#: At most this many figures are listed as the evidence of one finding.
MAX_EVIDENCE = 12
#: Years in one unit of a duration figure.
YEARS_PER_UNIT = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25,
                  "hour": 1 / 8766}


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


class Frame:
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
        parts = [[f"{key}={value or 'none'}" for value in python_values(rows[key])]
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


def _partner(frame: Frame, rows: np.ndarray, column: np.ndarray, target: np.ndarray,
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


def _pairs(frame: Frame, rows: np.ndarray, partners: np.ndarray) -> list[tuple[int, int]]:
    return [(int(p), int(r)) for r, p in zip(rows, partners, strict=True) if not np.isnan(p)]


#: Qualifiers whose low bound is a claimed minimum ("more than 230,000": at least that many
#: are dead). "hundreds of" or "up to 50" claim no floor: they fall only when even their
#: high bound is below an earlier floor.
FLOOR_QUALIFIERS = ("exact", "approx", "at_least", "more_than")


def check_monotonic(frame: Frame, rule: Monotonic) -> list[Violation]:
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
        allowed = prior - amount_of(rule.tolerance, prior)
        bad = np.flatnonzero(~np.isnan(prior) & (compared < allowed))
    partners = _partner(frame, bad, floor, prior[bad], strictly_earlier=True)
    out = []
    pairs = _pairs(frame, bad, partners)
    records = Records(frame.frame, frame.band).prepare([p for pair in pairs for p in pair])
    for earlier, later in pairs:
        a, b = records.record(earlier, "earlier"), records.record(later, "later")
        message = (f"fell from {describe(a)} on {a['date']} to {describe(b)} on "
                   f"{b['date']}{_relation(a, b, frame.group_by)}")
        out.append(Violation(message, [a, b], later, about=1))
    return out


def check_agree(frame: Frame, rule: Agree) -> list[Violation]:
    start = frame.window_start(span_days(rule.within))
    end = np.arange(1, len(frame.key) + 1)
    max_lo = _rolling(frame.lo, start, end, "max")
    min_hi = _rolling(frame.hi, start, end, "min")
    below = np.isfinite(max_lo) & (max_lo - frame.hi > amount_of(rule.tolerance, max_lo))
    above = np.isfinite(min_hi) & ~below & \
        (frame.lo - min_hi > amount_of(rule.tolerance, frame.lo))
    out = []
    records = Records(frame.frame, frame.band)
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
                       f"{days} day{'s' * (days != 1)} apart{_relation(a, b, frame.group_by)}")
            if len(later) > 1:
                message += (f"; {len(later) - 1} more figure{'s' if len(later) > 2 else ''} "
                            f"within {rule.within} after it {'are' if len(later) > 2 else 'is'} "
                            f"{word} it too")
            more = [records.record(r, "later") for r in later[1:MAX_EVIDENCE]]
            out.append(Violation(message, [a, b, *more], row, about=1))
    return out


def _rate_words(rate_lo: float, rate_hi: float, rule: Rate) -> str | None:
    if rule.max_per_day is not None and rate_lo > rule.max_per_day:
        return f"at least {number_text(round(rate_lo))} a day, more than the " \
               f"{number_text(rule.max_per_day)} a day allowed"
    if rule.min_per_day is not None and rate_hi < rule.min_per_day:
        return f"at most {number_text(round(rate_hi))} a day, less than the " \
               f"{number_text(rule.min_per_day)} a day allowed"
    return None


def check_rate(frame: Frame, rule: Rate) -> list[Violation]:
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
    records = Records(frame.frame, frame.band).prepare(
        np.concatenate([rows[bad], previous[bad]]))
    for row, prev, lo_rate, hi_rate in zip(rows[bad], previous[bad], rate_lo[bad], rate_hi[bad],
                                           strict=True):
        a, b = records.record(int(prev), "earlier"), records.record(int(row), "later")
        verb = "rose" if frame.lo[row] >= frame.hi[prev] else "went"
        message = (f"{verb} from {describe(a)} on {a['date']} to {describe(b)} on {b['date']} "
                   f"({_days(int(frame.day[row] - frame.day[prev]))}): "
                   f"{_rate_words(lo_rate, hi_rate, rule)}{_relation(a, b, frame.group_by)}")
        out.append(Violation(message, [a, b], int(row), about=1))
    if rule.start is not None:
        out.extend(_check_rate_from_start(frame, rule))
    return out


def _days(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


def _outside(rate_lo: np.ndarray, rate_hi: np.ndarray, rule: Rate) -> np.ndarray:
    bad = np.zeros(len(rate_lo), dtype=bool)
    if rule.max_per_day is not None:
        bad |= np.nan_to_num(rate_lo, nan=-np.inf) > rule.max_per_day
    if rule.min_per_day is not None:
        bad |= np.nan_to_num(rate_hi, nan=np.inf) < rule.min_per_day
    return bad


def _check_rate_from_start(frame: Frame, rule: Rate) -> list[Violation]:
    assert rule.start is not None
    start_day = np.datetime64(rule.start, "D").astype(np.int64)
    days = (frame.day - start_day).astype(float)
    before = (days <= 0) & (frame.lo > rule.start_value)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_lo = np.where(days > 0, (frame.lo - rule.start_value) / days, np.nan)
        rate_hi = np.where(days > 0, (frame.hi - rule.start_value) / days, np.nan)
    bad = before | ((days > 0) & _outside(rate_lo, rate_hi, rule))
    out = []
    records = Records(frame.frame, frame.band).prepare(np.flatnonzero(bad))
    for row in np.flatnonzero(bad):
        b = records.record(int(row), "figure")
        if before[row]:
            message = (f"{describe(b)} on {b['date']} ({b['outlet']}) counts more than "
                       f"{number_text(rule.start_value)} {_days(int(-days[row]))} before the "
                       f"count began on {rule.start}")
        else:
            message = (f"{describe(b)} on {b['date']} ({b['outlet']}) is "
                       f"{_rate_words(rate_lo[row], rate_hi[row], rule)} since {rule.start} "
                       f"({_days(int(days[row]))})")
        out.append(Violation(message, [b], int(row)))
    return out


def check_range(frame: Frame, rule: Range) -> list[Violation]:
    low_limit = -np.inf if rule.min is None else rule.min - amount_of(rule.tolerance, rule.min)
    high_limit = np.inf if rule.max is None else rule.max + amount_of(rule.tolerance, rule.max)
    out = []
    bad = np.flatnonzero((frame.hi < low_limit) | (frame.lo > high_limit))
    records = Records(frame.frame, frame.band).prepare(bad)
    for row in bad:
        b = records.record(int(row), "figure")
        where = f"below the plausible minimum {number_text(rule.min or 0)}" \
            if frame.hi[row] < low_limit else \
            f"above the plausible maximum {number_text(rule.max or 0)}"
        out.append(Violation(f"{describe(b)} ({b['outlet']}, {b['date']}) is {where}", [b],
                             int(row)))
    return out


def check_duration(frame: Frame, rule: Duration) -> list[Violation]:
    years = frame.frame["unit"].map(YEARS_PER_UNIT).to_numpy(dtype=float, na_value=np.nan)
    start_day = np.datetime64(rule.start, "D").astype(np.int64)
    until = frame.day if rule.end is None else \
        np.minimum(frame.day, np.datetime64(rule.end, "D").astype(np.int64))
    expected = (until - start_day) / 365.25
    with np.errstate(invalid="ignore"):
        lo, hi = frame.lo * years, frame.hi * years
        gap = np.maximum(expected - hi, lo - expected)
    bad = ~np.isnan(years) & (gap > amount_of(rule.tolerance, expected))
    out = []
    records = Records(frame.frame, frame.band).prepare(np.flatnonzero(bad))
    for row in np.flatnonzero(bad):
        b = records.record(int(row), "figure")
        span = (f"{rule.start} to {b['date']} is {expected[row]:.1f} years"
                if expected[row] >= 0 else f"it is dated before the start, {rule.start}")
        message = (f"{b['text']!r} ({describe(b)} {b['unit']}s) on {b['date']} "
                   f"({b['outlet']}), but {span}")
        out.append(Violation(message, [b], int(row)))
    return out
