"""Speed of ``check`` on a synthetic figures table of a million rows.

    .venv/bin/python benchmarks/bench_check.py [--rows 1000000] [--seed 0]
        [--baseline ../main/.venv/bin/python] [--repeat 1] [--together-only]

Prints the time of each rule (each in its own ``check`` call), the total, the time of
all rules in one ``check`` call (what ``figures check`` runs: the rules share the
table's converted columns), the number of violations, a digest of each rule's
findings and the peak resident memory of the process. ``--baseline PYTHON`` runs the
same in a fresh process with another checkout's interpreter (e.g. main before a
change), alternating with this one ``--repeat`` times, and prints both side by side
(medians), with whether the findings are the same. The table imitates a news
archive: 15 outlets restating a war's growing death toll (with a little noise, so
some restatements fall or disagree), single-event tolls, troop counts with a part
and a whole in one sentence, strike counts and war durations.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import statistics
import subprocess
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


def digest(findings: pd.DataFrame) -> str:
    """A short hash of a rule's findings as JSON: equal findings, equal digests."""
    text = findings.to_json(orient="records", date_format="iso", default_handler=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def measure(rows: int, seed: int, together: bool, alone: bool = True) -> dict:
    """Time every rule alone (unless not ``alone``) and, with ``together``, all rules in one
    ``check`` call (without ``alone``, each rule's figures come from that call)."""
    started = time.perf_counter()
    figures = synthetic_table(rows, seed)
    result: dict = {"table_s": time.perf_counter() - started, "rules": []}
    rule_set = parse_rule_file("bench.yaml", RULES).rules
    if not alone:
        started, cpu = time.perf_counter(), time.process_time()
        findings = check(figures, rule_set)
        result["together_s"] = time.perf_counter() - started
        result["together_cpu"] = time.process_time() - cpu
        for rule in rule_set:
            own = findings[findings["rule"] == rule.id]
            result["rules"].append({
                "id": rule.id, "label": rule.label(), "seconds": float("nan"),
                "cpu": float("nan"), "checked": int(own["checked"].iloc[0]),
                "violations": int((own["status"] == "fail").sum()), "digest": digest(own)})
        result["peak_mb"] = peak_memory_mb()
        return result
    for rule in rule_set:
        started, cpu = time.perf_counter(), time.process_time()
        findings = check(figures, [rule])
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        result["rules"].append({
            "id": rule.id, "label": rule.label(), "seconds": elapsed, "cpu": cpu,
            "checked": int(findings["checked"].iloc[0]),
            "violations": int((findings["status"] == "fail").sum()),
            "digest": digest(findings)})
    if together:
        started, cpu = time.perf_counter(), time.process_time()
        check(figures, rule_set)
        result["together_s"] = time.perf_counter() - started
        result["together_cpu"] = time.process_time() - cpu
    result["peak_mb"] = peak_memory_mb()
    return result


def run_in(python: str, options: argparse.Namespace, together: bool) -> dict:
    """``measure`` in a fresh process of ``python`` (this file, its ``--json`` output)."""
    command = [python, __file__, "--rows", str(options.rows), "--seed", str(options.seed),
               "--json"] + ([] if together else ["--alone-only"]) + \
        (["--together-only"] if options.together_only else [])
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_runs(runs: list[dict]) -> dict:
    """Per rule and in total, the median of several runs."""
    first = runs[0]
    out = {**first, "rules": [
        {**rule, **{key: statistics.median(run["rules"][index][key] for run in runs)
                    for key in ("seconds", "cpu")}}
        for index, rule in enumerate(first["rules"])]}
    for key in ("together_s", "together_cpu"):
        if key in first:
            out[key] = statistics.median(run[key] for run in runs)
    out["peak_mb"] = max(run["peak_mb"] for run in runs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--baseline", metavar="PYTHON",
                        help="also run with this interpreter (another checkout), alternating")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, medians printed")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--alone-only", action="store_true",
                        help="skip timing all rules in one check call")
    parser.add_argument("--together-only", action="store_true",
                        help="time only the one check call of all rules (the baseline's too)")
    options = parser.parse_args()
    alone = not options.together_only
    if options.json:
        print(json.dumps(measure(options.rows, options.seed, not options.alone_only, alone)))
        return
    if not options.baseline:
        runs = [measure(options.rows, options.seed, not options.alone_only, alone)
                for _ in range(options.repeat)]
        report(median_runs(runs), None)
        return
    ours: list[dict] = []
    theirs: list[dict] = []
    for _ in range(options.repeat):  # alternating, so both see the same load
        ours.append(run_in(sys.executable, options, not options.alone_only))
        theirs.append(run_in(options.baseline, options, not options.alone_only))
    report(median_runs(ours), median_runs(theirs))


def report(ours: dict, baseline: dict | None) -> None:
    """The table of rules: wall and CPU seconds (and the baseline's), figures checked,
    violations, whether the findings are the baseline's."""
    print(f"synthetic table built in {ours['table_s']:.1f} s")
    head = f"{'rule':22} {'wall s':>7} {'cpu s':>6}"
    if baseline:
        head += f" {'base wall':>9} {'base cpu':>8} {'same':>5}"
    print(head + f" {'checked':>9} {'violations':>10}  check")
    for index, rule in enumerate(ours["rules"]):
        line = f"{rule['id']:22} {rule['seconds']:7.2f} {rule['cpu']:6.2f}"
        if baseline:
            other = baseline["rules"][index]
            same = "yes" if other["digest"] == rule["digest"] else "NO"
            line += f" {other['seconds']:9.2f} {other['cpu']:8.2f} {same:>5}"
        print(line + f" {rule['checked']:>9,} {rule['violations']:>10,}  {rule['label']}")
    def total(run: dict, key: str) -> float:
        return sum(rule[key] for rule in run["rules"])
    line = f"all rules, each alone: {total(ours, 'seconds'):.2f} s ({total(ours, 'cpu'):.2f} s cpu)"
    if baseline:
        line += (f"; baseline {total(baseline, 'seconds'):.2f} s "
                 f"({total(baseline, 'cpu'):.2f} s cpu)")
    print(line)
    if "together_s" in ours:
        line = (f"all rules in one check call: {ours['together_s']:.2f} s "
                f"({ours['together_cpu']:.2f} s cpu)")
        if baseline and "together_s" in baseline:
            line += (f"; baseline {baseline['together_s']:.2f} s "
                     f"({baseline['together_cpu']:.2f} s cpu)")
        print(line)
    print(f"peak memory {ours['peak_mb']:.0f} MB"
          + (f" (baseline {baseline['peak_mb']:.0f} MB)" if baseline else ""))


if __name__ == "__main__":
    main()
