"""Speed of ``check`` on a synthetic figures table of a million rows.

    .venv/bin/python benchmarks/bench_check.py [--rows 1000000] [--seed 0]

Prints the time of each rule, the total, the number of violations and the
peak resident memory of the process. The table imitates a news archive: 15
outlets restating a war's growing death toll (with a little noise, so some
restatements fall or disagree), single-event tolls, troop counts with a part
and a whole in one sentence, strike counts and war durations.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np
import pandas as pd

from figures.check import check
from figures.model import FIGURE_COLUMNS
from figures.rules import parse_rule_file

RULES = """\
rules:
  - id: toll-never-falls
    check: monotonic
    select: {metric: killed, cumulative: true, min_value: 50000}
    group_by: [outlet, claimant]
  - id: toll-agrees
    check: agree
    select: {metric: killed, cumulative: true, min_value: 50000}
    group_by: claimant
    within: 30d
    tolerance: 5%
    open_ends: 5%
  - id: toll-band
    check: consensus
    select: {metric: killed, cumulative: true, min_value: 50000}
    group_by: claimant
    tolerance: 5%
    open_ends: 5%
  - id: toll-rate
    check: rate
    select: {metric: killed, cumulative: true, min_value: 50000}
    group_by: outlet
    max_per_day: 1000
    min_days: 7
    start: 2011-03-15
    open_ends: 5%
  - id: toll-sentences
    check: monotonic
    select: {metric: killed, cumulative: true, pattern: 'since (the )?(war|conflict)'}
    group_by: outlet
  - id: americans-in-force
    check: part_of
    select: {metric: troops}
    part: {noun: american}
    whole: {noun: force}
  - id: strikes-plausible
    check: range
    select: {metric: strikes, cumulative: false}
    max: 500
  - id: war-length
    check: duration
    select: {metric: duration, noun: war}
    start: 2011-03-15
    tolerance: 1
"""

OUTLETS = np.array(["ahram", "manar", "alalam", "alaraby", "dailysabah", "sana", "sputnik",
                    "etilaf", "trt", "jordantimes", "reuters", "arabiya", "nna",
                    "asharqalawsat", "tass"], dtype=object)
CLAIMANTS = np.array([None, None, None, "the Observatory", "the United Nations"], dtype=object)
QUALIFIERS = np.array(["exact", "more_than", "at_least", "approx"], dtype=object)


def synthetic_table(rows: int, seed: int = 0) -> pd.DataFrame:
    """A figures table of ``rows`` rows (CONTRACTS.md columns)."""
    rng = np.random.default_rng(seed)
    kind = rng.choice(5, size=rows, p=[0.5, 0.2, 0.1, 0.1, 0.1])
    day = rng.integers(0, 7 * 365, size=rows)
    published = np.datetime64("2011-03-15") + day.astype("timedelta64[D]")
    # A war's toll, restated rounded down to 10,000; one restatement in a thousand is an
    # outlier (a stale or inflated figure), which the rules should find.
    toll = np.floor(250.0 * day / 10_000) * 10_000
    outlier = rng.random(rows) < 0.001
    toll[outlier] *= rng.choice([0.8, 1.5], size=int(outlier.sum()))
    value = np.select(
        [kind == 0, kind == 1, kind == 2, kind == 3],
        [toll, rng.integers(1, 100, size=rows).astype(float),
         rng.integers(1000, 6000, size=rows).astype(float),
         rng.integers(1, 600, size=rows).astype(float)],
        default=np.round(day / 365.25 * 2) / 2,
    )
    qualifier = QUALIFIERS[rng.integers(0, len(QUALIFIERS), size=rows)]
    qualifier[kind != 0] = "exact"
    low = np.where(qualifier == "approx", np.nan, value)
    high = np.where(np.isin(qualifier, ["exact"]), value, np.nan)
    metric = np.array(["killed", "killed", "troops", "strikes", "duration"], dtype=object)[kind]
    noun = np.array(["person", "civilian", "force", "strike", "war"], dtype=object)[kind]
    # every second troops figure is the American part of the force before it
    troops = np.flatnonzero(kind == 2)
    noun[troops[1::2]] = "american"
    doc = np.arange(rows) // 8
    sentence_id = np.arange(rows) // 2
    sentence_id[troops[1::2]] = sentence_id[troops[0::2][: len(troops[1::2])]]
    doc[troops[1::2]] = doc[troops[0::2][: len(troops[1::2])]]
    value[troops[1::2]] = np.floor(value[troops[0::2][: len(troops[1::2])]] * 0.6)
    low[troops[1::2]] = high[troops[1::2]] = value[troops[1::2]]
    phrases = np.array(["have been killed since the conflict began", "died in the fighting",
                        "were killed since the war started"], dtype=object)
    sentence = pd.Series(sentence_id % 100_000).astype(str).radd("Article sentence ") + " " + \
        phrases[sentence_id % 3]
    table = pd.DataFrame({
        "doc": pd.Series(doc).astype(str), "start": np.arange(rows) % 8 * 40,
        "end": np.arange(rows) % 8 * 40 + 10, "text": pd.Series(value).map("{:g}".format),
        "value": value, "low": low, "high": high, "qualifier": qualifier,
        "unit": np.where(kind == 4, "year", "count"), "metric": metric, "noun": noun,
        "cumulative": kind == 0, "sentence": sentence, "actor": None, "place": None,
        "claimant": CLAIMANTS[rng.integers(0, len(CLAIMANTS), size=rows)],
        "as_of": pd.NaT, "period_start": pd.NaT,
        "outlet": OUTLETS[rng.integers(0, len(OUTLETS), size=rows)],
        "published": pd.to_datetime(published), "hedge": None, "story": None,
    })
    return table[list(FIGURE_COLUMNS)]


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    started = time.perf_counter()
    figures = synthetic_table(options.rows, options.seed)
    built = time.perf_counter() - started
    print(f"synthetic table: {len(figures):,} rows in {built:.1f} s, "
          f"memory so far {peak_memory_mb():.0f} MB")
    rule_set = parse_rule_file("bench.yaml", RULES).rules
    total = 0.0
    for rule in rule_set:
        started = time.perf_counter()
        findings = check(figures, [rule])
        elapsed = time.perf_counter() - started
        total += elapsed
        failed = int((findings["status"] == "fail").sum())
        print(f"{rule.id:22} {rule.label():70} {elapsed:6.2f} s  "
              f"checked {int(findings['checked'].iloc[0]):>9,}  violations {failed:>7,}")
    print(f"all rules: {total:.2f} s; peak memory {peak_memory_mb():.0f} MB")


if __name__ == "__main__":
    main()
