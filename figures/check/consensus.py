"""The reconciled band of a series, and the statements outside it (``check: consensus``).

Iraq Body Count and UCDP keep a low / best / high per date by hand; here the corpus
gives it. Per group (a claimant's count apart from another's), the statements'
floors, midpoints and ceilings are each fitted with a monotone step function: an
isotonic regression under absolute loss (pool-adjacent-violators with weighted
medians), so a running total's band rises with it and one inflated or stale
statement does not drag it (a least-squares fit would average the outlier in).
The fit is a few dozen lines of numpy: scikit-learn's IsotonicRegression fits squares
only, and it would be a heavy dependency for one function.

A statement is compared with the band of the OTHER outlets (its own outlet and every
copy of its story left out), read as a running total reads: at a date, the floor is
the fitted floor of the latest earlier statement day (a total does not fall) and the
ceiling that of the earliest later one (it was not higher before). A statement whose
band misses that by more than the tolerance, against a band at least ``min_outlets``
outlets support, is a finding that says by how much and against what.

Copies of one wire story (the ``story`` column, filled by the reader's near-duplicate
detection) count as one source: their statements share one unit of weight.
"""

from __future__ import annotations

import bisect
import itertools
import math
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from figures.check.evidence import Violation, describe, iso_dates, number_text
from figures.check.selection import amount_of, factorized, lexsort_pair
from figures.rules import Consensus, span_days

#: Columns of the band table ``consensus_band`` returns.
BAND_COLUMNS: tuple[str, ...] = ("group", "date", "low", "best", "high", "statements",
                                 "outlets")
#: At most this many figures are listed as the evidence of one finding.
MAX_EVIDENCE = 12


class Fit(NamedTuple):
    """A monotone step fit: for each distinct day, its fitted level."""

    day: np.ndarray  # distinct days, ascending
    level: np.ndarray  # the fitted value on that day


def weighted_median(values: np.ndarray, weights: np.ndarray, tie: str = "mid") -> float:
    """The value that splits the weight in half; on a tie between two middle values, their
    mean (``tie="mid"``), the lower (``"low"``) or the higher (``"high"``).

    A floor is fitted with ``low`` and a ceiling with ``high``: with two statements that
    disagree, the band spans both instead of settling between them.

    >>> weighted_median(np.array([1.0, 2.0, 10.0]), np.ones(3))
    2.0
    >>> values = np.array([300.0, 500.0])
    >>> [weighted_median(values, np.ones(2), tie) for tie in ("mid", "low", "high")]
    [400.0, 300.0, 500.0]
    """
    order = np.argsort(values, kind="stable")
    return float(_sorted_medians(values[order], weights[order], np.array([0]), tie)[0])


def _sorted_medians(values: np.ndarray, weights: np.ndarray, starts: np.ndarray,
                    tie: str) -> np.ndarray:
    """Weighted medians of consecutive runs (each sorted by value) beginning at ``starts``."""
    ends = np.r_[starts[1:], len(values)]
    cumulative = np.cumsum(weights)
    before = np.where(starts > 0, cumulative[np.maximum(starts - 1, 0)], 0.0)
    half = before + (cumulative[ends - 1] - before) / 2
    scale = 1e-9 * np.maximum(cumulative[-1], 1.0)
    at = np.minimum(np.searchsorted(cumulative, half - scale, side="left"), ends - 1)
    out = values[at].astype(float)
    tied = (np.abs(cumulative[at] - half) <= scale) & (at + 1 < ends)
    if tie != "low" and tied.any():
        upper = values[np.minimum(at + 1, len(values) - 1)]
        out = np.where(tied, upper if tie == "high" else (out + upper) / 2, out)
    return out


def isotonic_fit(day: np.ndarray, value: np.ndarray, weight: np.ndarray,
                 rising: bool = True, tie: str = "mid") -> Fit:
    """A non-decreasing (``rising``) or non-increasing step fit of least absolute deviation
    from the daily (weighted) medians: each day is one point, weighted by its statements.

    Pool adjacent violators: a block whose median is above the next block's is merged
    with it, and the merged block's level is the weighted median of its days' medians.
    One inflated or stale statement moves a median, not a mean, so it cannot drag the
    fit; and merging works on days, not statements, so a long series stays fast.

    >>> fit = isotonic_fit(np.array([0, 1, 2, 3]), np.array([10.0, 50.0, 11.0, 12.0]),
    ...                    np.ones(4))
    >>> fit.level.tolist()
    [10.0, 12.0, 12.0, 12.0]
    """
    sign = 1.0 if rising else -1.0
    value = value * sign
    order = np.lexsort((value, day))
    return _sorted_fit(day[order], value[order], weight[order], rising, tie)


def _sorted_fit(day: np.ndarray, value: np.ndarray, weight: np.ndarray, rising: bool,
                tie: str) -> Fit:
    """``isotonic_fit`` of statements already sorted by day, then by value; a falling
    fit's values come negated."""
    return _sorted_fits([(day, value, weight)], rising, tie)[0]


class _Days(NamedTuple):
    """A series of statements sorted by day, then by value: its distinct days, where each
    day's statements begin (``first``), and the values and weights."""

    day: np.ndarray
    first: np.ndarray
    value: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, day: np.ndarray, value: np.ndarray, weight: np.ndarray) -> _Days:
        first = np.flatnonzero(np.r_[True, day[1:] != day[:-1]]) if len(day) else \
            np.zeros(0, dtype=np.int64)
        return cls(day[first].astype(np.int64), first, value, weight)

    def kept(self, kept: np.ndarray) -> _Days:
        """The statements ``kept`` marks (days left with none are dropped): the days are
        found from how many each day keeps, not from the kept statements' days."""
        counts = np.add.reduceat(kept, self.first, dtype=np.int64) if len(self.first) else \
            np.zeros(0, dtype=np.int64)
        some = counts > 0
        # np.compress: several times faster than a boolean index over a scattered mask
        return _Days(self.day[some], (np.cumsum(counts) - counts)[some],
                     np.compress(kept, self.value), np.compress(kept, self.weight))


def _sorted_fits(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], rising: bool,
                 tie: str) -> list[Fit]:
    """``_sorted_fit`` of several series (day, value, weight) at once: their days' medians
    are pooled together (``_pool``), each series in blocks of its own."""
    return _day_fits([_Days.of(*part) for part in parts], rising, tie)


def _day_fits(series: list[_Days], rising: bool, tie: str) -> list[Fit]:
    """``_sorted_fits`` of series already split into days."""
    sign = 1.0 if rising else -1.0
    if not rising:  # values are negated: the lower of a tie is the higher one
        tie = {"low": "high", "high": "low"}.get(tie, tie)
    medians = [_sorted_medians(days.value, days.weight, days.first, tie) if len(days.first)
               else np.zeros(0) for days in series]
    weights = [np.add.reduceat(days.weight, days.first) if len(days.first) else np.zeros(0)
               for days in series]
    levels = _pool(medians, weights, tie)
    return [Fit(days.day, level * sign) for days, level in zip(series, levels, strict=True)]


#: Rounds of pooling done on all blocks at once before the rest is pooled one block at a
#: time (a block that absorbs one neighbour a round would take as many rounds as days).
_POOL_ROUNDS = 64


def _pool(medians: list[np.ndarray], weights: list[np.ndarray], tie: str) -> list[np.ndarray]:
    """Pool adjacent violators over each series of days' medians: each day's fitted level.

    A block whose level is above the next block's merges with it; a block's level is the
    weighted median of its days' medians (``_block_medians``). The blocks are pooled in
    rounds, every violating pair of every series at once (numpy, no loop over days; only
    the merged blocks' medians are worked out again), and what still violates after
    ``_POOL_ROUNDS`` rounds is pooled left to right (``_pool_blocks``). Pooling in rounds
    gives the levels pooling left to right gives (the textbook order;
    ``tests/test_consensus.py`` holds them equal).
    """
    sizes = [len(values) for values in medians]
    total = sum(sizes)
    if not total:
        return [np.zeros(0) for _ in sizes]
    value, weight = np.concatenate(medians), np.concatenate(weights)
    rank = np.empty(total, dtype=np.int64)  # each day's median's rank in its series
    rank[np.lexsort((value, np.repeat(np.arange(len(sizes)), sizes)))] = np.arange(total)
    start = np.arange(total)  # each block's first day: the days of a block are consecutive
    level = value.copy()
    of_series = np.repeat(np.arange(len(sizes)), sizes)
    for _ in range(_POOL_ROUNDS):
        violates = (level[:-1] > level[1:]) & (of_series[:-1] == of_series[1:])
        if not violates.any():
            break
        opens = np.r_[True, ~violates]
        # ascending: each merged block once (np.compress: faster than a boolean index)
        merging = np.compress(violates, (np.cumsum(opens) - 1)[1:])
        merged = merging[np.r_[True, merging[1:] != merging[:-1]]]
        start, level, of_series = (np.compress(opens, values)
                                   for values in (start, level, of_series))
        lengths = np.r_[start[1:], total][merged] - start[merged]
        firsts = np.cumsum(lengths) - lengths
        days = np.repeat(start[merged] - firsts, lengths) + np.arange(int(lengths.sum()))
        # each merged block's days by their medians' rank (block and rank: no two alike)
        days = days[lexsort_pair(rank[days], np.repeat(np.arange(len(merged)), lengths))]
        level[merged] = _block_medians(value[days], weight[days], firsts, tie)
    else:
        level = _pool_rest(value, weight, start, level, of_series, tie)
    return np.split(np.repeat(level, np.diff(np.r_[start, total])), np.cumsum(sizes)[:-1])


def _block_medians(values: np.ndarray, weights: np.ndarray, starts: np.ndarray, tie: str
                   ) -> np.ndarray:
    """Weighted median of each block of days (values sorted within each block, blocks
    beginning at ``starts``): the first value whose running weight reaches half the
    block's (within a rounding margin of 1e-9 of it); on a tie, ``tie`` decides."""
    ends = np.r_[starts[1:], len(values)]
    cumulative = np.cumsum(weights)
    before = np.where(starts > 0, cumulative[np.maximum(starts - 1, 0)], 0.0)
    half = (cumulative[ends - 1] - before) / 2
    margin = 1e-9 * np.maximum(half, 1.0)
    at = np.searchsorted(cumulative, before + half - margin, side="left")
    at = np.minimum(np.maximum(at, starts), ends - 1)
    out = values[at].astype(float)
    if tie != "low":
        tied = (np.abs(cumulative[at] - before - half) <= margin) & (at + 1 < ends)
        if tied.any():
            upper = values[np.minimum(at + 1, len(values) - 1)]
            out = np.where(tied, upper if tie == "high" else (out + upper) / 2, out)
    return out


def _pool_rest(value: np.ndarray, weight: np.ndarray, start: np.ndarray, level: np.ndarray,
               of_series: np.ndarray, tie: str) -> np.ndarray:
    """The blocks (first days ``start``) pooled left to right from where the rounds left
    them: each block's level (blocks merged share theirs)."""
    ends = np.r_[start[1:], len(value)]
    level = level.copy()
    for name in np.unique(of_series).tolist():
        own = np.flatnonzero(of_series == name)
        items = []
        for block in own.tolist():
            days = np.arange(start[block], ends[block])
            days = days[np.argsort(value[days], kind="stable")]
            items.append(_Block(value[days].tolist(), weight[days].tolist()))
        firsts, levels = _pool_blocks(items, level[own].tolist(), tie)
        lasts = [*firsts[1:], len(own)]
        for first, last, fitted in zip(firsts, lasts, levels, strict=True):
            level[own[first:last]] = fitted
    return level


def _pool_blocks(items: list[_Block], levels: list[float], tie: str
                 ) -> tuple[list[int], list[float]]:
    """Pool adjacent violators left to right over blocks (their days and levels): the
    first item and the level of each pooled block."""
    starts: list[int] = []
    pooled: list[float] = []
    blocks: list[_Block] = []
    for index, (block, level) in enumerate(zip(items, levels, strict=True)):
        start = index
        while pooled and pooled[-1] > level:
            pooled.pop()
            start = starts.pop()
            block = blocks.pop().merge(block)
            level = block.level(tie)
        starts.append(start)
        pooled.append(level)
        blocks.append(block)
    return starts, pooled


class _Block:
    """The days of one block: their medians sorted (``values``, with ``weights``), the
    weight in all, and where the weighted median was last found (index and weight before)."""

    __slots__ = ("at", "below", "total", "values", "weights")

    def __init__(self, values: list[float], weights: list[float]):
        self.values, self.weights = values, weights
        self.total, self.at, self.below = sum(weights), 0, 0.0

    def merge(self, other: _Block) -> _Block:
        """This block with the other's days (the larger block takes the smaller's in)."""
        big, small = (self, other) if len(self.values) >= len(other.values) else (other, self)
        values, weights = big.values, big.weights
        at, below = big.at, big.below
        for value, weight in zip(small.values, small.weights, strict=True):
            place = bisect.bisect_right(values, value)
            values.insert(place, value)
            weights.insert(place, weight)
            if place <= at:
                at += 1
                below += weight
        big.at, big.below, big.total = at, below, big.total + small.total
        return big

    def level(self, tie: str) -> float:
        """Weighted median of the days' medians: the first value whose running weight
        reaches half the total (within a rounding margin); on a tie, ``tie`` decides."""
        half = self.total / 2
        margin = 1e-9 * max(half, 1.0)
        reach = half - margin
        values, weights = self.values, self.weights
        at, below, last = self.at, self.below, len(values) - 1
        while at > 0 and below >= reach:
            at -= 1
            below -= weights[at]
        while at < last and below + weights[at] < reach:
            below += weights[at]
            at += 1
        self.at, self.below = at, below
        value = values[at]
        if tie != "low" and at < last and abs(below + weights[at] - half) <= margin:
            upper = values[at + 1]
            return upper if tie == "high" else (value + upper) / 2
        return value


class Band(NamedTuple):
    """The band at query days: low, best, high and the support of the low and high."""

    low: np.ndarray
    best: np.ndarray
    high: np.ndarray
    low_outlets: np.ndarray
    high_outlets: np.ndarray
    statements: np.ndarray
    outlets: np.ndarray


def _step(fit: Fit | None, days: np.ndarray, side: str, slope: float
          ) -> tuple[np.ndarray, np.ndarray]:
    """A fit read at ``days``: the level of the latest fitted day at or before them
    (``side="left"``) or of the earliest at or after (``"right"``), and that day.

    Past the fit's end the level is carried along the trend (``slope`` a day): a floor
    before the first day and a ceiling after the last. With no fit: open (±inf, day NaN).
    """
    empty = -np.inf if side == "left" else np.inf
    if fit is None or not len(fit.day):
        return np.full(len(days), empty), np.full(len(days), np.nan)
    if side == "left":
        at = np.searchsorted(fit.day, days, side="right") - 1
        missing, nearest = at < 0, 0
    else:
        at = np.searchsorted(fit.day, days, side="left")
        missing, nearest = at >= len(fit.day), len(fit.day) - 1
    at = np.where(missing, nearest, at)
    level = fit.level[at] + np.where(missing, slope * (days - fit.day[at]), 0.0)
    return level, fit.day[at].astype(float)


def trend_slope(day: np.ndarray, value: np.ndarray) -> float:
    """The Theil-Sen slope (median of pairwise slopes) of the daily medians, at least 0.

    >>> trend_slope(np.array([0, 10, 20, 30]), np.array([1000.0, 4000, 7000, 10000]))
    300.0
    """
    finite = np.isfinite(value)
    if finite.sum() < 3:
        return 0.0
    table = pd.DataFrame({"day": day[finite], "value": value[finite]})
    daily = table.groupby("day", sort=True)["value"].median()
    days, values = daily.index.to_numpy(dtype=float), daily.to_numpy(dtype=float)
    if len(days) > _TREND_POINTS:
        keep = np.linspace(0, len(days) - 1, _TREND_POINTS).astype(int)
        days, values = days[keep], values[keep]
    if len(days) < 3:
        return 0.0
    left, right = np.triu_indices(len(days), k=1)
    return max(0.0, float(np.median((values[right] - values[left]) / (days[right] - days[left]))))


#: Days of a series used to fit its trend (evenly spaced), so a long series stays fast.
_TREND_POINTS = 400


class Points(NamedTuple):
    """The statements a band is fitted from."""

    day: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    weight: np.ndarray
    outlet: np.ndarray


def _by_day_then(value: np.ndarray, day: np.ndarray) -> np.ndarray:
    """``np.lexsort((value, day))``: by day, then value, ties in their order; the day pass
    as numpy's 16-bit radix sort where the days fit."""
    by_value = np.argsort(value, kind="stable")
    first = int(day.min()) if len(day) else 0
    if len(day) and int(day.max()) - first >= 2 ** 16:
        return np.lexsort((value, day))
    return by_value[np.argsort((day[by_value] - first).astype(np.uint16), kind="stable")]


class Sorted(NamedTuple):
    """A group's statements sorted once for all the fits that leave an outlet out: per
    bound (low, best, high) those with a finite value by day, then by value (negated for
    a falling trend), and their days, values and weights in that order (``series``); all of
    them by voice, then day (``by_voice``, with the day, the floor and the negated ceiling
    in that order and where each voice's run ``cuts``). ``owners``: the source codes of
    the statements in each of these orders ("points": as given), and ``outlets`` their
    outlet codes as given, so an outlet is left out (``leaving_out``) along an order without
    reordering anything. ``keep`` marks the statements a band is fitted from, or ``leave``
    the sources kept (those the outlet left out did not print); None and None: all. The
    series' days are 32-bit where they fit (less to copy for each outlet left out)."""

    bounds: dict[str, np.ndarray]
    values: tuple[np.ndarray, np.ndarray, np.ndarray]
    by_voice: np.ndarray
    voice_day: np.ndarray
    voice_floor: np.ndarray
    voice_ceiling: np.ndarray
    cuts: np.ndarray
    series: dict[str, _Days]
    owners: dict[str, np.ndarray] | None = None
    outlets: np.ndarray | None = None
    keep: np.ndarray | None = None
    leave: np.ndarray | None = None

    @classmethod
    def of(cls, points: Points, rising: bool = True,
           owners: tuple[np.ndarray, np.ndarray] | None = None) -> Sorted:
        """``owners``: each statement's outlet and source codes (for ``leaving_out``)."""
        sign = 1.0 if rising else -1.0
        values = _bounds(points)
        bounds, series = {}, {}
        days = _compact(points.day)
        for name, value in zip(("low", "best", "high"), values, strict=True):
            finite = np.flatnonzero(np.isfinite(value))
            bounds[name] = order = finite[_by_day_then(sign * value[finite],
                                                       points.day[finite])]
            series[name] = _Days.of(days[order], sign * value[order], points.weight[order])
        by_voice = lexsort_pair(points.day, points.outlet)
        voice = points.outlet[by_voice]
        cuts = np.flatnonzero(np.r_[True, voice[1:] != voice[:-1], True])
        by_owner, outlets = None, None
        if owners is not None:
            outlets = owners[0]
            sources = _compact(np.unique(owners[1], return_inverse=True)[1])
            by_owner = {name: sources[order] for name, order in
                        [*bounds.items(), ("voice", by_voice)]}
            by_owner["points"] = sources
        return cls(bounds, values, by_voice, points.day[by_voice],
                   np.nan_to_num(points.lo[by_voice], nan=-np.inf),
                   np.nan_to_num(-points.hi[by_voice], nan=-np.inf), cuts, series, by_owner,
                   outlets)

    def subset(self, keep: np.ndarray) -> Sorted:
        """The same orders over only the statements ``keep`` marks."""
        return self._replace(keep=keep, leave=None)

    def leaving_out(self, outlet: int) -> Sorted:
        """The same orders over the other outlets' statements: not the outlet's, nor of a
        source (story or document) it printed; needs ``owners``."""
        assert self.owners is not None and self.outlets is not None
        sources = self.owners["points"]
        kept = np.ones(int(sources.max(initial=-1)) + 1, dtype=bool)
        kept[np.compress(self.outlets == outlet, sources)] = False  # its own statements too
        return self._replace(keep=None, leave=kept)

    def _kept(self, along: str) -> np.ndarray | None:
        """Which statements are kept, along an order ("low", "best", "high", "voice",
        "points"); None: all."""
        if self.leave is not None:
            assert self.owners is not None
            return self.leave[self.owners[along]]
        if self.keep is None:
            return None
        return self.keep if along == "points" else \
            self.keep[self.by_voice if along == "voice" else self.bounds[along]]

    def fit_days(self, name: str) -> _Days:
        """A bound's kept statements, in its order, by day."""
        days, kept = self.series[name], self._kept(name)
        return days if kept is None else days.kept(kept)

    def points(self, points: Points) -> Points:
        """The statements kept."""
        kept = self._kept("points")
        return points if kept is None else Points(*(values[kept] for values in points))

    def backing(self, at: np.ndarray, level: np.ndarray, within: int, kind: str
                ) -> np.ndarray:
        """``backing`` of the kept statements."""
        value = self.voice_floor if kind == "floor" else self.voice_ceiling
        kept = self._kept("voice")
        if kept is not None:
            value = np.where(kept, value, -np.inf)
        return _backing(self.voice_day, value, self.cuts, at, level, within,
                        1.0 if kind == "floor" else -1.0)


def _compact(codes: np.ndarray) -> np.ndarray:
    """Integer codes (or days) as 32-bit integers where they fit: half the bytes to copy."""
    if len(codes) and (int(codes.min()) < -2 ** 31 or int(codes.max()) >= 2 ** 31):
        return codes
    return codes.astype(np.int32)


def _bounds(points: Points) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each statement's floor, midpoint (its one finite bound where open) and ceiling."""
    mid = np.where(np.isfinite(points.lo) & np.isfinite(points.hi), (points.lo + points.hi) / 2,
                   np.where(np.isfinite(points.lo), points.lo, points.hi))
    return points.lo, mid, points.hi


#: The tie rule of each bound's fit: with two statements that disagree, the band spans both.
_TIES = {"low": "low", "best": "mid", "high": "high"}


def band_fits(points: Points, orders: list[Sorted], rising: bool, names: tuple[str, ...]
              ) -> list[dict[str, Fit | None]]:
    """The fits of the bounds ``names`` (low, best, high) for each of ``orders`` (the
    points, or some of them: ``Sorted.subset``), all fitted at once (None: no statement)."""
    out: list[dict[str, Fit | None]] = [{"low": None, "best": None, "high": None}
                                        for _ in orders]
    for name in names:
        parts, into = [], []
        for number, order in enumerate(orders):
            days = order.fit_days(name)
            if len(days.first):
                parts.append(days)
                into.append(number)
        for number, fit in zip(into, _day_fits(parts, rising, _TIES[name]), strict=True):
            out[number][name] = fit
    return out


def band_at(points: Points, days: np.ndarray, rule: Consensus, slope: float = 0.0,
            statements_at: tuple[np.ndarray, np.ndarray] | None = None, best: bool = True,
            bounds: bool = True, order: Sorted | None = None,
            fits: dict[str, Fit | None] | None = None) -> Band:
    """The band the points give at ``days`` (running-total reading for a trend; ``slope``
    carries it past the ends of the points).

    With ``statements_at`` (the bands of the statements at ``days``), the voices backing
    each bound are counted where a statement lies outside it (elsewhere 0: nothing to flag);
    ``best=False`` skips the best fit, ``bounds=False`` the low and high fits and the
    support (only ``best`` is then read). ``order``: the points already sorted (``Sorted``);
    its orders may leave some points out (``Sorted.subset``): the band is then theirs.
    ``fits``: the fits of ``order`` already made (``band_fits``).
    """
    if rule.trend == "none":
        points = order.points(points) if order is not None else points
        return _window_band(points, _bounds(points)[1], days, span_days(rule.within))
    rising = rule.trend == "rising"
    order = order or Sorted.of(points, rising)
    if fits is None:
        wanted = (("best",) if best else ()) + (("low", "high") if bounds else ())
        fits = band_fits(points, [order], rising, wanted)[0]
    # rising: a floor holds from its day on, a ceiling up to its day; falling: the reverse
    slope = slope if rising else 0.0
    middle = np.full(len(days), np.nan)
    if fits["best"] is not None:
        middle, _ = _step(fits["best"], days, "left", slope)
        middle = np.where(np.isfinite(middle), middle,
                          _step(fits["best"], days, "right", slope)[0])
    zeros = np.zeros(len(days), dtype=np.int64)
    if not bounds:
        return Band(np.full(len(days), -np.inf), middle, np.full(len(days), np.inf), zeros,
                    zeros, zeros.astype(float), zeros)
    low, low_day = _step(fits["low"], days, "left" if rising else "right", slope)
    high, high_day = _step(fits["high"], days, "right" if rising else "left", slope)
    if rising:  # a floor before the first statement and a ceiling after the last: open
        low = np.where(days < (fits["low"].day[0] if fits["low"] else np.inf), -np.inf, low)
    within = span_days(rule.within)
    low_outlets = np.zeros(len(days), dtype=np.int64)
    high_outlets = np.zeros(len(days), dtype=np.int64)
    if statements_at is None:
        statements, outlets = support(order.points(points), days, within)
        return Band(low, middle, high, low_outlets, high_outlets, statements, outlets)
    # a bound is as good as the voices that state it around the day it was set; counted
    # only where a statement lies outside it
    lo, hi = statements_at
    slack = float(amount_of(rule.tolerance, 1.0)) if isinstance(rule.tolerance, str) else 0.0
    with np.errstate(invalid="ignore"):
        below = np.flatnonzero(np.isfinite(low) & (low - hi > amount_of(rule.tolerance, low)))
        above = np.flatnonzero(np.isfinite(high) & (lo - high > amount_of(rule.tolerance, lo)))
    low_outlets[below] = order.backing(low_day[below], low[below] * (1 - slack), within,
                                       "floor")
    high_outlets[above] = order.backing(high_day[above], high[above] * (1 + slack), within,
                                        "ceiling")
    return Band(low, middle, high, low_outlets, high_outlets, zeros.astype(float), zeros)


def backing(day: np.ndarray, value: np.ndarray, voice: np.ndarray, at: np.ndarray,
            level: np.ndarray, within: int, kind: str) -> np.ndarray:
    """How many voices stated, within ``within`` days of ``at``, a floor at least ``level``
    (``kind="floor"``) or a ceiling at most ``level`` (``"ceiling"``): one outlier's
    statement sets a fitted level, but it takes two voices to back it."""
    sign = 1.0 if kind == "floor" else -1.0
    order = np.lexsort((day, voice))
    voice = voice[order]
    cuts = np.flatnonzero(np.r_[True, voice[1:] != voice[:-1], True])
    return _backing(day[order], np.nan_to_num(sign * value[order], nan=-np.inf), cuts, at,
                    level, within, sign)


def _backing(day: np.ndarray, value: np.ndarray, cuts: np.ndarray, at: np.ndarray,
             level: np.ndarray, within: int, sign: float) -> np.ndarray:
    """``backing`` of statements sorted by voice, then day (each voice's run between two
    ``cuts``), their values signed (a ceiling negated) and -inf where open or left out."""
    out = np.zeros(len(at), dtype=np.int64)
    if not len(at):
        return out
    known = ~np.isnan(at)
    when = np.where(known, at, 0)
    for first, last in itertools.pairwise(cuts.tolist()):
        days = day[first:last]
        start = np.searchsorted(days, when - within, side="left")
        end = np.searchsorted(days, when + within, side="right")
        best = window_max(value[first:last], start, end)
        out += known & (best >= sign * level - 1e-9 * np.abs(level))
    return out


def window_max(values: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """``max(values[start:end])`` for each pair (``-inf`` when empty): for a few windows
    directly (``reduceat``), for many with a sparse table (``range_max``).

    >>> window_max(np.array([3.0, 1.0, 4.0, 1.0]), np.array([0, 1, 3, 2]), np.array([2, 2, 4, 2]))
    array([  3.,   1.,   1., -inf])
    """
    if len(start) * 64 > len(values):
        return range_max(values, start, end)
    out = np.full(len(start), -np.inf)
    full = end > start
    if full.any():
        bounds = np.empty(2 * int(full.sum()), dtype=np.intp)
        bounds[0::2], bounds[1::2] = start[full], end[full]
        out[full] = np.maximum.reduceat(np.append(values, -np.inf), bounds)[0::2]
    return out


def range_max(values: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """``max(values[start:end])`` for each pair (``-inf`` when empty), with a sparse table.

    >>> range_max(np.array([3.0, 1.0, 4.0, 1.0]), np.array([0, 1, 3, 2]), np.array([2, 2, 4, 2]))
    array([  3.,   1.,   1., -inf])
    """
    if not len(values):
        return np.full(len(start), -np.inf)
    table = [values]
    width = 1
    while width * 2 <= len(values):
        previous = table[-1]
        table.append(np.maximum(previous[:-width], previous[width:]))
        width *= 2
    length = end - start
    out = np.full(len(start), -np.inf)
    ok = length > 0
    level = np.zeros(len(start), dtype=np.int64)
    level[ok] = np.floor(np.log2(length[ok])).astype(np.int64)
    for k in np.unique(level[ok]):
        rows = ok & (level == k)
        row = table[int(k)]
        out[rows] = np.maximum(row[start[rows]], row[end[rows] - (1 << int(k))])
    return out


def support(points: Points, days: np.ndarray, within: int) -> tuple[np.ndarray, np.ndarray]:
    """How many sources (weight) and distinct outlets stated the series within ``within``
    days of each of ``days``: the support of the band there."""
    unique_days, inverse = np.unique(days, return_inverse=True)
    order = np.argsort(points.day, kind="stable")
    day, weight, outlet = points.day[order], points.weight[order], points.outlet[order]
    start = np.searchsorted(day, unique_days - within, side="left")
    end = np.searchsorted(day, unique_days + within, side="right")
    cumulative = np.r_[0.0, np.cumsum(weight)]
    statements = cumulative[end] - cumulative[start]
    outlets = np.zeros(len(unique_days), dtype=np.int64)
    for name in np.unique(outlet):
        own = np.compress(outlet == name, day)
        outlets += (np.searchsorted(own, unique_days + within, side="right")
                    > np.searchsorted(own, unique_days - within, side="left"))
    return statements[inverse], outlets[inverse]


def _window_band(points: Points, mid: np.ndarray, days: np.ndarray, within: int) -> Band:
    """Without a trend: weighted medians of the statements within ``within`` days."""
    order = np.argsort(points.day, kind="stable")
    day = points.day[order]
    columns = {name: values[order] for name, values in
               (("low", points.lo), ("best", mid), ("high", points.hi))}
    weight, outlet = points.weight[order], points.outlet[order]
    out = {name: np.full(len(days), np.nan) for name in columns}
    statements = np.zeros(len(days))
    outlets = np.zeros(len(days), dtype=np.int64)
    starts = np.searchsorted(day, days - within, side="left")
    ends = np.searchsorted(day, days + within, side="right")
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if end <= start:
            continue
        for name, values in columns.items():
            part = values[start:end]
            finite = np.isfinite(part)
            if finite.any():
                out[name][index] = weighted_median(part[finite], weight[start:end][finite])
        statements[index] = weight[start:end].sum()
        outlets[index] = len(set(outlet[start:end].tolist()))
    low = np.nan_to_num(out["low"], nan=-np.inf)
    high = np.nan_to_num(out["high"], nan=np.inf)
    return Band(low, out["best"], high, outlets, outlets, statements, outlets)


def _slope(points: Points) -> float:
    """The group's trend a day, from the floors (else ceilings) of its statements."""
    return trend_slope(points.day, np.where(np.isfinite(points.lo), points.lo, points.hi))


def _points(frame: Any, rows: np.ndarray, sources: np.ndarray, voices: np.ndarray) -> Points:
    """The statements of ``rows``; each source (a story or a document) weighs 1 in all, and
    support is counted in voices (outlets, a story's copies one)."""
    source = sources[rows]
    _, inverse, counts = np.unique(source, return_inverse=True, return_counts=True)
    return Points(frame.day[rows], frame.lo[rows], frame.hi[rows], 1.0 / counts[inverse],
                  voices[rows])




def _identities(frame: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Source, outlet and voice of each row, as integer codes: the source is the story of a
    copy, else its document; the outlet, else its source; the voice the story of a copy
    (copies of one story in three outlets are one voice), else the outlet."""
    if "identities" not in frame.memo:
        frame.memo["identities"] = _codes(frame)
    return frame.memo["identities"]


def _codes(frame: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    doc = factorized(frame.column("doc"))
    no_story = "story" not in frame.table or frame.columns.missing("story")[frame.rows].all()
    story = np.full(len(frame), -1) if no_story else factorized(frame.column("story"))
    copied = story >= 0
    source = np.where(copied, story, doc.max(initial=-1) + 1 + doc)
    # the table's outlet codes, made once a run (any codes do: they only tell outlets apart)
    outlet = np.where(frame.columns.missing("outlet")[frame.rows], -1,
                      frame.columns.codes("outlet")[frame.rows])
    outlet = np.where(outlet >= 0, outlet, outlet.max(initial=-1) + 1 + source)
    voice = np.where(copied, outlet.max(initial=-1) + 1 + source, outlet)
    return source, outlet, voice


class _Group(NamedTuple):
    """One group's statements as every band of the group reads them: its frame rows, its
    points, its trend a day and the points sorted once (``Sorted``, with their owners)."""

    number: int
    rows: np.ndarray
    points: Points
    slope: float
    order: Sorted


def _groups(frame: Any, rule: Consensus) -> list[_Group]:
    """Each group's statements, prepared once a frame for the check and its bands."""
    rising = rule.trend != "falling"  # without a trend the order is only read as rising
    key = ("consensus groups", rising)
    if key not in frame.memo:
        source, outlet, voice = _identities(frame)
        groups = []
        for number, rows in _group_rows(frame):
            # every statement of a source left in shares its weight with the others of that
            # source only (a source is never split: its rows are all left in or all left out)
            points = _points(frame, rows, source, voice)
            # sorted once: each outlet's band is fitted from these orders less its statements
            order = Sorted.of(points, rising, owners=(outlet[rows], source[rows]))
            groups.append(_Group(number, rows, points, _slope(points), order))
        frame.memo[key] = groups
    return frame.memo[key]


def group_bands(frame: Any, rule: Consensus) -> pd.DataFrame:
    """The band of every group on each of its statement days, all outlets together."""
    parts = []
    labels = _group_labels(frame)
    for group, rows, points, slope, order in _groups(frame, rule):
        days = np.unique(frame.day[rows])
        band = band_at(points, days, rule, slope, order=order)
        parts.append(pd.DataFrame({
            "group": labels[int(group)], "date": days.astype("datetime64[D]"),
            "low": band.low, "best": band.best, "high": band.high,
            "statements": band.statements, "outlets": band.outlets}))
    if not parts:
        return pd.DataFrame(columns=list(BAND_COLUMNS))
    table = pd.concat(parts, ignore_index=True)
    table["date"] = pd.to_datetime(table["date"])
    for column in ("low", "high"):
        table[column] = table[column].where(np.isfinite(table[column]))
    table["statements"] = table["statements"].round(2)
    return table[list(BAND_COLUMNS)]


def _group_rows(frame: Any) -> list[tuple[int, np.ndarray]]:
    """Each group and its rows (the frame is sorted by group)."""
    if not len(frame.group):
        return []
    cuts = np.flatnonzero(np.r_[True, frame.group[1:] != frame.group[:-1], True])
    return [(int(frame.group[first]), np.arange(first, last))
            for first, last in itertools.pairwise(cuts.tolist())]


def _group_labels(frame: Any) -> dict[int, str]:
    """Group number -> "claimant=UN" ("" when not grouped)."""
    if not len(frame.group):
        return {}
    firsts = np.flatnonzero(np.r_[True, frame.group[1:] != frame.group[:-1]])
    labels = frame.group_labels(firsts.tolist())
    return {int(frame.group[row]): label for row, label in zip(firsts, labels, strict=True)}


def band_records(band: pd.DataFrame) -> list[dict[str, Any]]:
    """Band rows as JSON-ready dicts: date as ISO text, open bounds as None."""
    if band.empty:
        return []
    bounds = [[value if value is not None and math.isfinite(value) else None
               for value in band[name].astype(float).tolist()] for name in ("low", "best", "high")]
    columns = (band["group"].tolist(), iso_dates(band["date"]), *bounds,
               band["statements"].astype(float).tolist(),
               [int(value) for value in band["outlets"].tolist()])
    names_ = ("group", "date", "low", "best", "high", "statements", "outlets")
    return [dict(zip(names_, row, strict=True)) for row in zip(*columns, strict=True)]


def _rounded(value: float) -> str:
    return number_text(round(value)) if np.isfinite(value) else number_text(value)


def _plain(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)


def check_consensus(frame: Any, rule: Consensus) -> list[Violation]:
    """Each statement against the band of the other outlets of its group at its date."""
    _, outlet, _ = _identities(frame)
    n = len(frame.day)
    low = np.full(n, -np.inf)
    high = np.full(n, np.inf)
    best = np.full(n, np.nan)
    low_outlets = np.zeros(n, dtype=np.int64)
    high_outlets = np.zeros(n, dtype=np.int64)
    rising = rule.trend == "rising"
    groups = _groups(frame, rule)
    for _, rows, points, slope, order in groups:
        outlets, subsets = [], []
        owners = outlet[rows]
        for name in np.unique(owners).tolist():
            subset = order.leaving_out(name)
            kept = subset._kept("points")
            if kept is not None and kept.any():
                outlets.append(np.compress(owners == name, rows))
                subsets.append(subset)
        # every outlet's floor and ceiling fitted at once (without a trend: no fit)
        fits = band_fits(points, subsets, rising, ("low", "high")) if rule.trend != "none" \
            else [None] * len(subsets)
        for own, subset, fitted in zip(outlets, subsets, fits, strict=True):
            band = band_at(points, frame.day[own], rule, slope,
                           statements_at=(frame.lo[own], frame.hi[own]), best=False,
                           order=subset, fits=fitted)
            low[own], high[own] = band.low, band.high
            low_outlets[own], high_outlets[own] = band.low_outlets, band.high_outlets
    with np.errstate(invalid="ignore"):
        below_by = low - frame.hi
        above_by = frame.lo - high
        below = np.isfinite(low) & (below_by > amount_of(rule.tolerance, low)) & \
            (low_outlets >= rule.min_outlets)
        above = ~below & np.isfinite(high) & (above_by > amount_of(rule.tolerance, frame.lo)) & \
            (high_outlets >= rule.min_outlets)
    bad = np.flatnonzero(below | above)
    flagged_groups = set(frame.group[bad].tolist())
    # the best estimate, from the same other outlets
    for _, rows, points, slope, order in groups:
        if int(frame.group[rows[0]]) not in flagged_groups:
            continue
        flagged = bad[frame.group[bad] == frame.group[rows[0]]]
        shown, subsets = [], []
        for name in np.unique(outlet[flagged]):
            shown.append(flagged[outlet[flagged] == name])
            subsets.append(order.leaving_out(int(name)))
        fits = band_fits(points, subsets, rising, ("best",)) if rule.trend != "none" \
            else [None] * len(subsets)
        for at, subset, fitted in zip(shown, subsets, fits, strict=True):
            middle = band_at(points, frame.day[at], rule, slope, bounds=False, order=subset,
                             fits=fitted).best
            # fits of the floor, the middle and the ceiling are separate and may cross:
            # the best estimate is held inside the band it is read with
            best[at] = np.clip(middle, low[at], high[at])
    records = frame.records().prepare(bad)
    out = []
    for row in bad:
        b = records.record(int(row), "statement")
        if below[row]:
            words = (f"is below the other outlets' band by {number_text(round(below_by[row]))}: "
                     f"their floor on {b['date']} is {number_text(round(low[row]))}")
            support = low_outlets[row]
        else:
            words = (f"is above the other outlets' band by {number_text(round(above_by[row]))}: "
                     f"their ceiling on {b['date']} is {number_text(round(high[row]))}")
            support = high_outlets[row]
        band_text = (f"[{_rounded(low[row])}, {_rounded(high[row])}], best "
                     f"{_rounded(best[row]) if np.isfinite(best[row]) else '?'}")
        message = (f"{describe(b)} ({b['outlet']}, {b['date']}) {words} (band {band_text}, "
                   f"from {support} other outlet{'s' if support != 1 else ''})")
        b = {**b, "consensus_low": _plain(low[row]), "consensus_best": _plain(best[row]),
             "consensus_high": _plain(high[row])}
        out.append(Violation(message, [b], int(row)))
    return out
