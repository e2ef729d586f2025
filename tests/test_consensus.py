"""The consensus check: a band per date from the other outlets, the statements outside it.

Table tests against a brute-force reference (every statement against an exhaustive
isotonic fit of the other outlets' statements), and the cases of #8: alaraby's "close
to 500,000", a stale "11,000" weeks after higher totals, a toll rising 300 a day.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from figures.check import BAND_COLUMNS, FINDING_COLUMNS, check, consensus, consensus_band
from figures.check.consensus import isotonic_fit, weighted_median
from tests.test_check import figure, rules, table, violations

CONSENSUS = """\
  - id: toll-within-the-band
    check: consensus
    tolerance: 5%
    open_ends: 5%
    select: {metric: killed, cumulative: true}
"""


def run(figures: pd.DataFrame, text: str = CONSENSUS) -> pd.DataFrame:
    return check(figures, rules(text))


def rising(start: float, per_day: float, days: int, outlets: list[str]) -> list[dict]:
    """A toll stated exactly each day by the outlets in turn."""
    day0 = pd.Timestamp("2014-07-08")
    return [figure(start + per_day * day, str((day0 + pd.Timedelta(days=day)).date()),
                   outlets[day % len(outlets)], "exact", doc=f"d{day}")
            for day in range(days)]


# --- the cases of the issue -------------------------------------------------------------------


def test_a_toll_rising_300_a_day_is_quiet() -> None:
    figures = table(*rising(1000, 300, 60, ["a", "b", "c"]))
    findings = run(figures)
    assert list(findings["status"]) == ["pass"]
    assert findings.iloc[0]["message"] == "checked 60 figures: no violation"


def test_a_toll_rising_300_a_day_with_gaps_is_quiet() -> None:
    """Outlets state it every few days, not every day: the band still follows the rise."""
    rows = [row for index, row in enumerate(rising(2000, 300, 90, ["a", "b", "c", "d"]))
            if index % 3 != 1]
    assert violations(run(table(*rows))).empty


def test_close_to_500000_is_caught_and_only_it() -> None:
    figures = table(
        figure(280000, "2016-07-25", "alaraby", "more_than"),
        figure(290000, "2016-08-15", "ahram", "more_than"),
        figure(290000, "2016-08-17", "jordantimes", "more_than"),
        figure(290000, "2016-09-03", "trt", "more_than"),
        figure(500000, "2016-09-11", "alaraby", "approx"),
        figure(290000, "2016-09-13", "trt", "more_than"),
        figure(300000, "2016-09-20", "alaraby", "more_than"),
        figure(290000, "2016-09-21", "ahram", "more_than"),
        figure(300000, "2016-09-22", "ahram", "more_than"),
    )
    found = violations(run(figures))
    assert len(found) == 1
    finding = found.iloc[0]
    assert finding["message"].startswith(
        "about 500,000 (alaraby, 2016-09-11) is above the other outlets' band by 195,500: their "
        "ceiling on 2016-09-11 is 304,500 (band [290,000, 304,500]")
    assert (finding["outlet"], finding["date"]) == ("alaraby", pd.Timestamp("2016-09-11"))
    record = finding["figures"][0]
    assert record["consensus_high"] == 304500.0 and record["role"] == "statement"


def test_a_stale_11000_weeks_after_higher_totals_is_caught() -> None:
    rows = rising(5000, 300, 40, ["a", "b", "c"])  # 5,000 on 8 July to 16,700 on 16 August
    rows.append(figure(11000, "2014-10-08", "d", "exact", doc="stale"))
    found = violations(run(table(*rows)))
    assert list(found["outlet"]) == ["d"]
    assert "is below the other outlets' band by 5,700: their floor on 2014-10-08 is 16,700" \
        in found.iloc[0]["message"]


def test_a_statement_is_not_its_own_evidence() -> None:
    """One outlet alone has no other outlets: nothing to flag it against."""
    figures = table(figure(100, "2015-01-01", "a"), figure(900, "2015-01-02", "a"))
    assert violations(run(figures)).empty


def test_min_outlets_needs_a_band_others_support() -> None:
    figures = table(figure(100000, "2015-01-01", "a"), figure(200000, "2015-01-02", "b"))
    assert violations(run(figures)).empty  # one other outlet is not a band
    single = CONSENSUS + "    min_outlets: 1\n"
    # then b is above a's band; a, earlier and lower, fits a total that rose to b's
    assert list(violations(run(figures, single))["outlet"]) == ["b"]


def test_claimants_have_bands_of_their_own() -> None:
    rows = [figure(250000, f"2016-06-0{day}", outlet, "more_than", claimant="UN")
            for day, outlet in ((1, "a"), (2, "b"), (3, "c"), (4, "d"))]
    rows.append(figure(470000, "2016-06-03", "e", "more_than", claimant="SCPR"))
    assert list(violations(run(table(*rows)))["outlet"]) == ["e"]
    grouped = CONSENSUS + "    group_by: claimant\n"
    assert violations(run(table(*rows), grouped)).empty


def test_copies_of_one_story_are_one_source() -> None:
    """Three outlets printing one wire story are one voice, not three agreeing."""
    copies = [figure(500000, "2016-09-11", outlet, "approx", doc=f"copy-{outlet}")
              for outlet in ("x", "y", "z")]
    frame = table(*copies, figure(300000, "2016-09-12", "b", "more_than"))
    independent = violations(run(frame))
    assert list(independent["outlet"]) == ["b"]
    assert "from 3 other outlets" in independent.iloc[0]["message"]
    frame["story"] = ["s1", "s1", "s1", None]
    assert violations(run(frame)).empty  # one story is not a band of its own


def test_findings_carry_the_band_and_the_api_returns_it() -> None:
    figures = table(*rising(1000, 300, 10, ["a", "b"]))
    findings = run(figures)
    assert tuple(findings.columns) == FINDING_COLUMNS
    band = findings.iloc[0]["band"]
    assert [entry["date"] for entry in band][:2] == ["2014-07-08", "2014-07-09"]
    assert set(band[0]) == {"group", "date", "low", "best", "high", "statements", "outlets"}
    api = consensus_band(figures, rules(CONSENSUS)[0])
    assert tuple(api.columns) == BAND_COLUMNS
    assert len(api) == 10 and api["best"].is_monotonic_increasing
    assert (api["low"] <= api["best"]).all() and (api["best"] <= api["high"]).all()


def test_consensus_band_refuses_another_check() -> None:
    with pytest.raises(TypeError, match="not a consensus rule"):
        consensus_band(table(), rules("  - id: r\n    check: range\n    max: 1\n")[0])


# --- against a brute-force reference --------------------------------------------------------------


def day_medians(values_by_day: list[list[float]], tie: str) -> list[list[float]]:
    """Each day as its median (the fit's points), repeated by its number of statements."""
    return [[weighted_median(np.array(day), np.ones(len(day)), tie)] * len(day)
            for day in values_by_day]


def optimal_fits(values_by_day: list[list[float]]) -> list[list[float]]:
    """Every non-decreasing step fit of least absolute loss (exhaustive over levels)."""
    candidates = sorted({v for day in values_by_day for v in day})
    found: list[list[float]] = []
    best_cost = np.inf
    for levels in itertools.combinations_with_replacement(candidates, len(values_by_day)):
        cost = sum(abs(v - level) for day, level in zip(values_by_day, levels, strict=True)
                   for v in day)
        if cost < best_cost - 1e-9:
            found, best_cost = [list(levels)], cost
        elif abs(cost - best_cost) <= 1e-9:
            found.append(list(levels))
    return found


def brute_isotonic_l1(values_by_day: list[list[float]], tie: str) -> list[float]:
    """The lowest (``tie="low"``) or highest optimal fit, day by day."""
    fits = np.array(optimal_fits(values_by_day))
    return (fits.min(axis=0) if tie == "low" else fits.max(axis=0)).tolist()


@pytest.mark.parametrize("seed", range(12))
def test_isotonic_fit_is_optimal(seed: int) -> None:
    """The PAV fit's absolute loss (on the daily medians, each weighted by its statements)
    equals the exhaustive optimum (levels may differ on ties)."""
    rng = np.random.default_rng(seed)
    days = np.sort(rng.integers(0, 6, size=7))
    values = np.round(rng.normal(100, 30, size=7) + days * 10)
    fit = isotonic_fit(days, values, np.ones(7))
    level_of = dict(zip(fit.day.tolist(), fit.level.tolist(), strict=True))
    by_day = day_medians([values[days == d].tolist() for d in fit.day], "mid")
    ours = sum(abs(v - level_of[d]) for d, day in zip(fit.day.tolist(), by_day, strict=True)
               for v in day)
    reference = brute_isotonic_l1(by_day, "mid")
    optimum = sum(abs(v - level) for day, level in zip(by_day, reference, strict=True)
                  for v in day)
    assert ours == pytest.approx(optimum)
    assert np.all(np.diff(fit.level) >= 0)


def naive_median(pairs: list[tuple[float, float]], tie: str) -> float:
    """The weighted median of sorted (value, weight) pairs, read off one by one."""
    half, running = sum(weight for _, weight in pairs) / 2, 0.0
    for index, (value, weight) in enumerate(pairs):
        running += weight
        if running == half and index + 1 < len(pairs):
            upper = pairs[index + 1][0]
            return value if tie == "low" else upper if tie == "high" else (value + upper) / 2
        if running > half:
            return value
    return pairs[-1][0]


def naive_isotonic(days: list[int], values: list[float], weights: list[float], rising: bool,
                   tie: str) -> list[float]:
    """Pool adjacent violators as written in the textbook: blocks of days, each block's level
    recomputed from all its days' medians at every merge."""
    sign = 1.0 if rising else -1.0
    tie = tie if rising else {"low": "high", "high": "low"}.get(tie, tie)
    distinct = sorted(set(days))
    medians = [naive_median(sorted((sign * v, w) for d, v, w in zip(days, values, weights,
                                                                    strict=True) if d == day),
                            tie) for day in distinct]
    totals = [sum(w for d, w in zip(days, weights, strict=True) if d == day) for day in distinct]
    blocks: list[list[int]] = []

    def level(block: list[int]) -> float:
        return naive_median(sorted((medians[i], totals[i]) for i in block), tie)

    for index in range(len(distinct)):
        blocks.append([index])
        while len(blocks) > 1 and level(blocks[-2]) > level(blocks[-1]):
            last = blocks.pop()
            blocks[-1] += last
    return [sign * level(block) for block in blocks for _ in block]


@pytest.mark.parametrize("seed", range(40))
def test_isotonic_fit_matches_the_textbook_pool_adjacent_violators(seed: int) -> None:
    """Ties, weights, both directions and all three tie rules: the fast fit (sorted blocks,
    merged runs) gives the textbook algorithm's levels exactly."""
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 60))
    days = rng.integers(0, max(2, size // 2), size=size)
    values = rng.integers(0, 12, size=size).astype(float) + days * float(rng.integers(0, 2))
    weights = rng.choice([1.0, 0.5, 0.25, 2.0], size=size)
    for rising in (True, False):
        for tie in ("low", "mid", "high"):
            fit = isotonic_fit(days, values, weights, rising, tie)
            assert fit.day.tolist() == sorted(set(days.tolist()))
            assert fit.level.tolist() == naive_isotonic(days.tolist(), values.tolist(),
                                                        weights.tolist(), rising, tie)


@pytest.mark.parametrize("rounds", [0, 1, 2])
@pytest.mark.parametrize("seed", range(12))
def test_pooling_in_rounds_then_left_to_right_matches_the_textbook(
        seed: int, rounds: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks pooled a few rounds at once, the rest left to right (as past the round
    limit): the textbook levels, for several series pooled together."""
    monkeypatch.setattr(consensus, "_POOL_ROUNDS", rounds)
    rng = np.random.default_rng(500 + seed)
    series = []
    for _ in range(3):
        size = int(rng.integers(1, 40))
        days = rng.integers(0, max(2, size // 2), size=size)
        values = rng.integers(0, 9, size=size).astype(float) + days * float(rng.integers(0, 2))
        series.append((days, values, rng.choice([1.0, 0.5, 0.25, 2.0], size=size)))
    for tie in ("low", "mid", "high"):
        parts = []
        for days, values, weights in series:
            order = np.lexsort((values, days))
            parts.append((days[order], values[order], weights[order]))
        fits = consensus._sorted_fits(parts, True, tie)
        for fit, (days, values, weights) in zip(fits, series, strict=True):
            assert fit.level.tolist() == naive_isotonic(days.tolist(), values.tolist(),
                                                        weights.tolist(), True, tie)


@pytest.mark.parametrize("seed", range(20))
def test_a_series_less_some_statements_has_the_days_of_those_kept(seed: int) -> None:
    """Leaving statements out of a series split into days (as each outlet is left out)
    gives what splitting the kept statements gives, days left empty dropped."""
    rng = np.random.default_rng(900 + seed)
    size = int(rng.integers(0, 50))
    days = np.sort(rng.integers(0, max(1, size // 3), size=size)).astype(np.int32)
    values, weights = rng.normal(size=size), rng.choice([1.0, 0.5, 1 / 3], size=size)
    kept = rng.random(size) < rng.choice([0.0, 0.3, 0.8, 1.0])
    fast = consensus._Days.of(days, values, weights).kept(kept)
    plain = consensus._Days.of(days[kept], values[kept], weights[kept])
    for ours, theirs in zip(fast, plain, strict=True):
        assert ours.tolist() == theirs.tolist()
    assert fast.day.dtype == np.int64


def theil_sen(days: list[int], values: list[float]) -> float:
    daily = pd.Series(values).groupby(days).median()
    pairs = [(b - a) / (d - c) for (c, a), (d, b) in itertools.combinations(daily.items(), 2)]
    return max(0.0, float(np.median(pairs))) if len(daily) >= 3 else 0.0


def brute_force_flags(rows: list[dict], tolerance: float) -> tuple[set[int], set[int]]:
    """Each statement against a direct reading of the other outlets' optimal fits (exact
    statements): the floor is the fit on the latest of their days up to its day, the
    ceiling the fit on the earliest from its day on (past their last day: carried along
    the Theil-Sen trend of the whole series). Returns (flagged under every optimal fit,
    flagged under some): L1 fits are not unique, a tie may go either way. A bound counts
    only when two other outlets state it (within the tolerance)."""
    days = [pd.Timestamp(r["published"]).toordinal() for r in rows]
    slope = theil_sen(days, [r["value"] for r in rows])
    surely, maybe = set(), set()
    for i, row in enumerate(rows):
        others = [j for j, other in enumerate(rows) if other["outlet"] != row["outlet"]]
        if len({rows[j]["outlet"] for j in others}) < 2:  # min_outlets: 2 (all within 30d)
            continue
        distinct = sorted({days[j] for j in others})
        by_day = [[rows[j]["value"] for j in others if days[j] == d] for d in distinct]
        verdicts = set()
        for low_fit in optimal_fits(day_medians(by_day, "low")):
            for high_fit in optimal_fits(day_medians(by_day, "high")):
                earlier = [k for k, d in enumerate(distinct) if d <= days[i]]
                later = [k for k, d in enumerate(distinct) if d >= days[i]]
                low = low_fit[earlier[-1]] if earlier else -np.inf
                high = high_fit[later[0]] if later else \
                    high_fit[-1] + slope * (days[i] - distinct[-1])
                value = row["value"]
                # two other outlets must back the bound they set (all days are within 30)
                floor_backers = {rows[j]["outlet"] for j in others
                                 if rows[j]["value"] >= low * (1 - tolerance) - 1e-6}
                ceiling_backers = {rows[j]["outlet"] for j in others
                                   if rows[j]["value"] <= high * (1 + tolerance) + 1e-6}
                below = value < low - tolerance * low and len(floor_backers) >= 2
                above = value - high > tolerance * value and len(ceiling_backers) >= 2
                verdicts.add(bool(below or above))
        if verdicts == {True}:
            surely.add(i)
        if True in verdicts:
            maybe.add(i)
    return surely, maybe


@pytest.mark.parametrize("seed", range(10))
def test_flags_match_a_brute_force_reference(seed: int) -> None:
    """Exact statements, unique values a day per outlet set, no ties: flags agree."""
    rng = np.random.default_rng(100 + seed)
    rows = []
    for index in range(7):
        day = int(rng.integers(0, 20))
        value = 1000.0 + 40 * day + float(rng.integers(-3, 4)) * 7 + index * 0.001
        if rng.random() < 0.25:
            value *= float(rng.choice([0.5, 1.8]))
        rows.append(figure(round(value, 3), str((pd.Timestamp("2015-01-01")
                                                  + pd.Timedelta(days=day)).date()),
                           str(rng.choice(["a", "b", "c", "d"])), "exact", doc=f"d{index}"))
    text = CONSENSUS.replace("tolerance: 5%", "tolerance: 10%").replace("    open_ends: 5%\n",
                                                                       "")
    found = violations(run(table(*rows), text))
    ours = {f["doc"] for records in found["figures"] for f in records}
    surely, maybe = brute_force_flags(rows, 0.10)
    assert {rows[i]["doc"] for i in surely} <= ours <= {rows[i]["doc"] for i in maybe}


def test_weighted_median_ties() -> None:
    assert weighted_median(np.array([1.0, 9.0, 2.0]), np.array([1.0, 1.0, 5.0])) == 2.0
