"""The checks of dated figures, sorted by group and day: monotonic, agree, rate, range, duration."""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.indexers import BaseIndexer

from figures.check.consensus import window_max
from figures.check.evidence import (
    Records,
    Violation,
    days_text,
    describe,
    number_text,
    python_values,
)
from figures.check.selection import Columns, amount_of, bands_of, factorized, lexsort_pair
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
            if left:  # neither naming one is not "the same claimant"
                parts.append(f"same {field} ({left})")
        elif field in grouped:
            continue
        else:
            parts.append(f"{field}s differ ({left or 'none'} / {right or 'none'})")
    return "".join(f", {part}" for part in parts)


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
    """The selected, dated figures of one rule, sorted by group and date, with bands.

    Only the columns a check reads are taken from the figures table (``column``), and
    only the rows a finding shows become records (``records``): ``rows`` maps each of the
    frame's positions to its row in the table.
    """

    def __init__(self, figures: pd.DataFrame, rule: AnyRule, group_by: list[str],
                 needs_dates: bool = True, positions: np.ndarray | None = None,
                 columns: Columns | None = None):
        if columns is None or columns.figures is not figures:
            columns = Columns(figures)
        self.table, self.dated_by, self.columns = figures, rule.dated_by, columns
        rows = np.arange(len(figures)) if positions is None else np.asarray(positions)
        all_days, all_undated = columns.days(rule.dated_by)
        undated = all_undated[rows]
        #: undated figures left out (a plausibility bound needs no date: kept for range)
        self.undated = int(undated.sum()) if needs_dates else 0
        if needs_dates:
            rows = np.compress(~undated, rows)  # far faster than a boolean index
        day = all_days[rows]
        group = _group_numbers([columns.codes(key)[rows] for key in group_by], len(rows))
        order = _group_day_order(group, day)
        self.rows = rows[order]
        self.group_by = group_by
        value, low, high = (columns.floats(name)[self.rows] for name in ("value", "low", "high"))
        self.lo, self.hi = bands_of(value, low, high, rule.open_ends)
        self.band = (self.lo, self.hi)
        self.group = group[order]
        self.day = day[order]
        self._columns: dict[str, pd.Series] = {}
        #: what a check works out once for this frame (consensus: the sources and voices)
        self.memo: dict[str, Any] = {}
        span = int(self.day.max() - self.day.min()) if len(self.rows) else 0
        #: group and day in one sortable number; groups are further apart than any window.
        self.key = self.group.astype(np.int64) * (span + 100_000) + self.day

    @classmethod
    def shared(cls, columns: Columns, rule: AnyRule, group_by: list[str], needs_dates: bool,
               positions: np.ndarray) -> Frame:
        """A frame made once a run (``columns``) for the rules that read the same one: the
        same figures, grouped alike, with the same dates and bands (checks only read it)."""
        positions = np.asarray(positions, dtype=np.int64)
        key = ("frame", tuple(group_by), rule.dated_by, rule.open_ends, needs_dates,
               len(positions), hashlib.blake2b(positions.tobytes(), digest_size=16).digest())
        return columns._cached(key, lambda: cls(columns.figures, rule, group_by, needs_dates,
                                                positions, columns))

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> pd.Series:
        """A column of the figures table, in the frame's order (index 0..n-1)."""
        if name not in self._columns:
            self._columns[name] = self.table[name].iloc[self.rows].reset_index(drop=True)
        return self._columns[name]

    def records(self) -> Records:
        """The figure records of the frame's positions, made as findings ask for them."""
        return Records(self.table, self.band, rows=self.rows, dated_by=self.dated_by)

    def group_labels(self, positions: list[int]) -> list[str]:
        """"outlet=ahram, claimant=none" for the rows at ``positions`` ("" when not grouped)."""
        if not self.group_by:
            return [""] * len(positions)
        # one label a group (its rows share their keys' values), read off its first row
        _, first, inverse = np.unique(self.group[np.asarray(positions, dtype=np.int64)],
                                      return_index=True, return_inverse=True)
        at = self.rows[np.asarray(positions, dtype=np.int64)[first]]
        parts = [[f"{key}={value or 'none'}" for value in python_values(self.table[key].iloc[at])]
                 for key in self.group_by]
        labels = [", ".join(labels) for labels in zip(*parts, strict=True)]
        return [labels[index] for index in inverse.tolist()]

    def groups(self) -> int:
        return len(np.unique(self.group))

    def window_start(self, days: int | None) -> np.ndarray:
        """First row of each row's window: same group, at most ``days`` earlier (None: any)."""
        if days is None:
            first = self.key - (self.day - self.day.min() if len(self.day) else 0)
            return np.searchsorted(self.key, first, side="left")
        return np.searchsorted(self.key, self.key - days, side="left")


def _group_day_order(group: np.ndarray, day: np.ndarray) -> np.ndarray:
    """``np.lexsort((day, group))``: by group, then day, rows of one group and day in their
    order; sorted as one 16-bit number (numpy's radix sort) where the pair fits one, else
    as two (``lexsort_pair``)."""
    first = int(day.min()) if len(day) else 0
    width = int(day.max(initial=first)) - first + 1
    key = group * width + (day - first)
    if len(key) and int(key.max()) < 2 ** 16:
        return np.argsort(key.astype(np.uint16), kind="stable")
    return lexsort_pair(day, group)


def _group_numbers(keys: list[np.ndarray], size: int) -> np.ndarray:
    """Each row's group from the codes of its keys (``Columns.codes``):
    ``groupby(keys, sort=False, dropna=False).ngroup()``, numbered in order of first
    appearance (a missing key is a group of its own)."""
    group = np.zeros(size, dtype=np.int64)
    for codes in keys:
        group = factorized(pd.Series(group * (int(codes.max(initial=0)) + 1) + codes))
    return group


def _partner(frame: Frame, rows: np.ndarray, column: np.ndarray, target: np.ndarray,
             strictly_earlier: bool) -> np.ndarray:
    """For each violating row, the latest row of its group before it whose ``column``
    equals ``target``: the figure that set the window's max or min.

    ``strictly_earlier``: on an earlier date; else earlier in the frame's order (a row
    on the same date that the window already held), never the row itself or one after it.
    """
    position = np.arange(len(frame.key))
    order = frame.key * 2 if strictly_earlier else position
    left = pd.DataFrame({"at": (frame.key[rows] * 2 - 1) if strictly_earlier else rows - 1,
                         "group": frame.group[rows], "target": target, "row": rows})
    right = pd.DataFrame({"at": order, "group": frame.group, "target": column,
                          "partner": position})[np.isfinite(column)]
    # both sides are in time order already when ``rows`` ascend (the frame is sorted)
    in_order = [bool(np.all(np.diff(side["at"].to_numpy()) >= 0)) for side in (left, right)]
    left = left if in_order[0] else left.sort_values("at", kind="stable")
    right = right if in_order[1] else right.sort_values("at", kind="stable")
    joined = pd.merge_asof(left, right, on="at", by=["group", "target"], direction="backward")
    if not np.array_equal(joined["row"].to_numpy(), rows):
        joined = joined.set_index("row").reindex(rows)
    return joined["partner"].to_numpy(dtype=float, na_value=np.nan)


def _by_partner(rows: np.ndarray, partners: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """The rows (ascending) that have a partner, grouped by it: ``(partner, rows)`` in the
    order each partner first appears."""
    found = ~np.isnan(partners)
    rows, partners = rows[found], partners[found].astype(np.int64)
    if not len(rows):
        return []
    order = np.lexsort((rows, partners))
    rows, partners = rows[order], partners[order]
    firsts = np.flatnonzero(np.r_[True, partners[1:] != partners[:-1]])
    lasts = np.r_[firsts[1:], len(rows)]
    groups = sorted(zip(rows[firsts].tolist(), firsts.tolist(), lasts.tolist(), strict=True))
    return [(int(partners[first]), rows[first:last]) for _, first, last in groups]


#: Qualifiers whose low bound is a claimed minimum ("more than 230,000": at least that many
#: are dead). "hundreds of" or "up to 50" claim no floor: they fall only when even their
#: high bound is below an earlier floor.
FLOOR_QUALIFIERS = ("exact", "approx", "at_least", "more_than")


def prior_floors(frame: Frame, floor: np.ndarray, within: int | None) -> np.ndarray:
    """The highest floor stated in each row's group on an earlier date (within ``within``
    days when set); NaN where none was."""
    # each group's daily max floor: the frame is sorted by key (group, then day)
    stated = ~np.isnan(floor)
    key, stated_floor = np.compress(stated, frame.key), np.compress(stated, floor)
    firsts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else \
        np.zeros(0, dtype=np.int64)
    keys, groups = key[firsts], np.compress(stated, frame.group)[firsts]
    values = np.maximum.reduceat(stated_floor, firsts) if len(firsts) else np.zeros(0)
    # the daily rows of each row's group strictly before its date, and from ``within`` back
    end = np.searchsorted(keys, frame.key, side="left")
    first = np.searchsorted(groups, frame.group, side="left")
    start = first if within is None else \
        np.maximum(first, np.searchsorted(keys, frame.key - within, side="left"))
    if not len(keys):
        return np.full(len(frame.key), np.nan)
    if within is None:  # a running max: the latest earlier daily row's cumulative max
        running = pd.Series(values).groupby(groups).cummax().to_numpy()
        out = np.where(end > start, running[np.maximum(end - 1, 0)], np.nan)
        return out
    # the window's days are rows of ``daily``, not of the frame: a max over each row's span
    out = window_max(values, start, np.maximum(end, start))
    return np.where(end > start, out, np.nan)


def check_monotonic(frame: Frame, rule: Monotonic) -> list[Violation]:
    """Each statement against the highest floor stated earlier in its group.

    One finding per fall: the statement whose floor was not kept, the first later one
    below it and every later one that stays below it. A later band that no longer
    meets the earlier floor is a contradiction (the rule's severity); a lower floor
    whose band still meets it is a stale restatement (``rule.stale()``).
    """
    states_floor = frame.columns.isin("qualifier", FLOOR_QUALIFIERS)[frame.rows]
    sets_floor = states_floor | frame.columns.isin("qualifier", ("range",))[frame.rows]
    floor = np.where(sets_floor & np.isfinite(frame.lo), frame.lo, np.nan)
    compared = np.where(states_floor & np.isfinite(frame.lo), frame.lo, frame.hi)
    within = span_days(rule.within) if rule.within is not None else None
    prior = prior_floors(frame, floor, within)
    with np.errstate(invalid="ignore"):
        allowed = prior - amount_of(rule.tolerance, prior)
        bad = np.flatnonzero(~np.isnan(prior) & (compared < allowed))
        contradicts = frame.hi < allowed
    partners = _partner(frame, bad, floor, prior[bad], strictly_earlier=True)
    found = ~np.isnan(partners)
    setters, falling = partners[found].astype(np.int64), bad[found]
    # one fall per statement whose floor was not kept: its later statements, in order
    order = np.argsort(setters, kind="stable")
    setters, falling = setters[order], falling[order]
    firsts = np.flatnonzero(np.r_[True, setters[1:] != setters[:-1]]) if len(setters) else \
        np.zeros(0, dtype=np.int64)
    lasts = np.r_[firsts[1:], len(setters)] if len(setters) else firsts
    by_partner = {int(setters[a]): falling[a:b] for a, b in zip(firsts, lasts, strict=True)}
    shown_rows = [int(p) for earlier, later in by_partner.items()
                  for p in (earlier, *later[:MAX_EVIDENCE], later[-1])]
    records = frame.records().prepare(shown_rows)
    out = []
    for earlier, later in by_partner.items():
        a = records.record(earlier, "earlier")
        shown = [records.record(int(row), "later") for row in later[:MAX_EVIDENCE]]
        b = shown[0]
        contradiction = bool(contradicts[later].any())
        tier = "contradiction" if contradiction else "stale restatement"
        message = (f"{tier}: fell from {describe(a)} on {a['date']} to "
                   f"{describe(b)} on {b['date']}{_relation(a, b, frame.group_by)}")
        if len(later) > 1:
            last = records.record(int(later[-1]), "later")
            message += (f"; {len(later) - 1} later statement{'s' if len(later) > 2 else ''} "
                        f"through {last['date']} stay{'s' if len(later) == 2 else ''} below it")
        out.append(Violation(message, [a, *shown], int(later[0]), about=1,
                             severity=None if contradiction else rule.stale()))
    return out


def group_trend(frame: Frame) -> np.ndarray:
    """Each row's group trend, in units a day: the Theil-Sen slope (median of pairwise
    slopes) of the group's daily median floors, never below 0 (a running total rises).

    Robust: one inflated or stale statement does not tilt it. At most ``_TREND_POINTS``
    days a group are used (evenly spaced), so it stays fast on a long series.
    """
    point = np.where(np.isfinite(frame.lo), frame.lo, frame.hi)
    daily = (pd.DataFrame({"group": frame.group, "day": frame.day, "point": point})
             [np.isfinite(point)].groupby(["group", "day"], sort=True)["point"].median()
             .reset_index())
    slopes: dict[int, float] = {}
    for group, rows in daily.groupby("group", sort=False):
        days, values = rows["day"].to_numpy(dtype=float), rows["point"].to_numpy()
        if len(days) > _TREND_POINTS:
            keep = np.linspace(0, len(days) - 1, _TREND_POINTS).astype(int)
            days, values = days[keep], values[keep]
        if len(days) < 3:
            slopes[int(group)] = 0.0
            continue
        left, right = np.triu_indices(len(days), k=1)
        slope = np.median((values[right] - values[left]) / (days[right] - days[left]))
        slopes[int(group)] = max(0.0, float(slope))
    if not len(frame.group):
        return np.zeros(0)
    by_group = np.zeros(int(frame.group.max()) + 1)
    for group, slope in slopes.items():
        by_group[group] = slope
    return by_group[frame.group]


#: Days of a group used to fit its trend.
_TREND_POINTS = 400


def check_agree(frame: Frame, rule: Agree) -> list[Violation]:
    """Each figure against the earlier figures of its window, along the group's trend.

    A figure below an earlier floor disagrees; one above an earlier ceiling disagrees only
    by more than the trend explains (a toll rising 300 a day is 9,000 higher a month on).
    """
    start = frame.window_start(span_days(rule.within))
    end = np.arange(1, len(frame.key) + 1)
    trend = group_trend(frame) if rule.trend == "rising" else np.zeros(len(frame.key))
    lifted = frame.hi - trend * frame.day  # a ceiling carried forward along the trend
    max_lo = _rolling(frame.lo, start, end, "max")
    min_lifted = _rolling(lifted, start, end, "min")
    min_hi = min_lifted + trend * frame.day
    below = np.isfinite(max_lo) & (max_lo - frame.hi > amount_of(rule.tolerance, max_lo))
    above = np.isfinite(min_hi) & ~below & \
        (frame.lo - min_hi > amount_of(rule.tolerance, frame.lo))
    out = []
    records = frame.records()
    for mask, column, target, word in ((below, frame.lo, max_lo, "below"),
                                       (above, lifted, min_lifted, "above")):
        rows = np.flatnonzero(mask)
        partners = _partner(frame, rows, column, target[rows], strictly_earlier=False)
        # One finding per earlier figure: the first later figure that disagrees with it, and
        # how many more do (one stray "close to 500,000" is one finding, not one per reply).
        by_partner = _by_partner(rows, partners)
        records.prepare([p for other, later in by_partner for p in (other, *later[:MAX_EVIDENCE])])
        for other, later in by_partner:
            row = int(later[0])
            a, b = records.record(other, "earlier"), records.record(row, "later")
            days = int(frame.day[row] - frame.day[other])
            rise = trend[row] * days
            gap = (frame.lo[other] - frame.hi[row]) if word == "below" else \
                (frame.lo[row] - frame.hi[other] - rise)
            expected = f" (after the trend's {number_text(round(rise))})" if rise >= 1 else ""
            message = (f"{describe(b)} ({b['outlet']}, {b['date']}) is {word} "
                       f"{describe(a)} ({a['outlet']}, {a['date']}) by "
                       f"{number_text(round(gap))}{expected}, "
                       f"{days_text(days)}{' apart' if days else ''}"
                       f"{_relation(a, b, frame.group_by)}")
            if len(later) > 1:
                message += (f"; {len(later) - 1} more figure{'s' if len(later) > 2 else ''} "
                            f"within {rule.within} after it {'are' if len(later) > 2 else 'is'} "
                            f"{word} it too")
            more = [records.record(int(r), "later") for r in later[1:MAX_EVIDENCE]]
            out.append(Violation(message, [a, b, *more], row, about=1))
    return out


def _rate_words(rate_lo: float, rate_hi: float, rule: Rate) -> str | None:
    # number_text of a whole number (round gives one) is f"{number:,.0f}"
    if rule.max_per_day is not None and rate_lo > rule.max_per_day:
        return f"at least {round(rate_lo):,.0f} a day, more than the " \
               f"{number_text(rule.max_per_day)} a day allowed"
    if rule.min_per_day is not None and rate_hi < rule.min_per_day:
        return f"at most {round(rate_hi):,.0f} a day, less than the " \
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
    rows, previous = rows[bad], previous[bad]
    # each pair's earlier and later figure, converted together (a figure is often both)
    shown = frame.records().build(np.concatenate([previous, rows]),
                                  ["earlier"] * len(rows) + ["later"] * len(rows))
    earlier, later = shown[:len(rows)], shown[len(rows):]
    verbs = np.where(frame.lo[rows] >= frame.hi[previous], "rose", "went").tolist()
    gaps = (frame.day[rows] - frame.day[previous]).tolist()
    numbers: dict[float, str] = {}
    # a figure is often the earlier one of several pairs: each described once
    described: dict[int, str] = {}
    for at, record in zip([*previous.tolist(), *rows.tolist()], [*earlier, *later],
                          strict=True):
        if at not in described:
            described[at] = describe(record, numbers)
    spans = {gap: days_text(gap) for gap in set(gaps)}
    relations: dict[tuple[Any, ...], str] = {}
    for row, prev, a, b, verb, gap, words in zip(
            rows.tolist(), previous.tolist(), earlier, later, verbs, gaps,
            _rates_words(rate_lo[bad], rate_hi[bad], rule), strict=True):
        pair = (a.get("outlet"), b.get("outlet"), a.get("claimant"), b.get("claimant"))
        if pair not in relations:
            relations[pair] = _relation(a, b, frame.group_by)
        message = (f"{verb} from {described[prev]} on {a['date']} to {described[row]} on "
                   f"{b['date']} ({spans[gap]}): {words}{relations[pair]}")
        out.append(Violation(message, [a, b], row, about=1))
    if rule.start is not None:
        out.extend(_check_rate_from_start(frame, rule))
    return out




def _rates_words(rate_lo: np.ndarray, rate_hi: np.ndarray, rule: Rate) -> list[str]:
    """``_rate_words`` of each pair (as a message writes it: "None" for neither)."""
    over = np.zeros(len(rate_lo), dtype=bool) if rule.max_per_day is None else \
        rate_lo > rule.max_per_day
    under = np.zeros(len(rate_lo), dtype=bool) if rule.min_per_day is None else \
        ~over & (rate_hi < rule.min_per_day)
    most = f" a day, more than the {number_text(rule.max_per_day or 0)} a day allowed"
    least = f" a day, less than the {number_text(rule.min_per_day or 0)} a day allowed"
    # number_text of a whole number (round gives one) is f"{number:,.0f}"
    return [f"at least {round(lo):,.0f}{most}" if above else
            f"at most {round(hi):,.0f}{least}" if below else "None"
            for lo, hi, above, below in zip(rate_lo.tolist(), rate_hi.tolist(), over.tolist(),
                                            under.tolist(), strict=True)]


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
    records = frame.records().prepare(np.flatnonzero(bad))
    for row in np.flatnonzero(bad):
        b = records.record(int(row), "figure")
        if before[row]:
            when = "on the day" if days[row] == 0 else f"{days_text(int(-days[row]))} before"
            began = f", when it stood at {number_text(rule.start_value)}" \
                if rule.start_value else ""
            message = (f"{describe(b)} on {b['date']} ({b['outlet']}) is stated {when} the "
                       f"count began on {rule.start}{began}")
        else:
            message = (f"{describe(b)} on {b['date']} ({b['outlet']}) is "
                       f"{_rate_words(rate_lo[row], rate_hi[row], rule)} since {rule.start} "
                       f"({days_text(int(days[row]))})")
        out.append(Violation(message, [b], int(row)))
    return out


def check_range(frame: Frame, rule: Range) -> list[Violation]:
    low_limit = -np.inf if rule.min is None else rule.min - amount_of(rule.tolerance, rule.min)
    high_limit = np.inf if rule.max is None else rule.max + amount_of(rule.tolerance, rule.max)
    out = []
    bad = np.flatnonzero((frame.hi < low_limit) | (frame.lo > high_limit))
    below = f"below the plausible minimum {number_text(rule.min or 0)}"
    above = f"above the plausible maximum {number_text(rule.max or 0)}"
    numbers: dict[float, str] = {}
    for row, low, b in zip(bad.tolist(), (frame.hi[bad] < low_limit).tolist(),
                           frame.records().build(bad, "figure"), strict=True):
        out.append(Violation(f"{describe(b, numbers)} ({b['outlet']}, {b['date']}) is "
                             f"{below if low else above}", [b], row))
    return out


def check_duration(frame: Frame, rule: Duration) -> list[Violation]:
    years = frame.column("unit").map(YEARS_PER_UNIT).to_numpy(dtype=float, na_value=np.nan)
    start_day = np.datetime64(rule.start, "D").astype(np.int64)
    until = frame.day if rule.end is None else \
        np.minimum(frame.day, np.datetime64(rule.end, "D").astype(np.int64))
    expected = (until - start_day) / 365.25
    with np.errstate(invalid="ignore"):
        lo, hi = frame.lo * years, frame.hi * years
        gap = np.maximum(expected - hi, lo - expected)
    bad = ~np.isnan(years) & (gap > amount_of(rule.tolerance, expected))
    out = []
    records = frame.records().prepare(np.flatnonzero(bad))
    for row in np.flatnonzero(bad):
        b = records.record(int(row), "figure")
        span = (f"{rule.start} to {b['date']} is {expected[row]:.1f} years"
                if expected[row] >= 0 else f"it is dated before the start, {rule.start}")
        message = (f"{b['text']!r} ({describe(b)} {b['unit']}s) on {b['date']} "
                   f"({b['outlet']}), but {span}")
        out.append(Violation(message, [b], int(row)))
    return out
