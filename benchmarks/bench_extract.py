"""Speed and memory: figures vs quantulum3 alone over all of FA-KES, in one run.

    .venv/bin/python benchmarks/bench_extract.py [--skip-quantulum]

Each system runs in its own fresh Python process (import included) over the
same 804 article texts; the wall time and the peak resident memory of that
process are printed side by side. figures runs its full pipeline: read the
CSV, find and place every figure with its context, build the table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from corpora import FAKES_CSV

HERE = os.path.dirname(os.path.abspath(__file__))

FIGURES = f"""
from figures.read import read_corpus
from figures.table import extract
corpus = read_corpus([{str(FAKES_CSV)!r}])
table = extract(corpus.documents)
print(len(corpus.documents), "documents", len(table), "figures")
"""

QUANTULUM = f"""
import sys
sys.path.insert(0, {HERE!r})
from corpora import fakes_rows
from quantulum_baseline import quantulum_records
rows = fakes_rows()
found = sum(len(quantulum_records(row["unit_id"], row["article_content"])) for row in rows)
print(len(rows), "texts", found, "quantities")
"""


def run(code: str) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB, and the output of ``code`` in a fresh interpreter."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    output = process.stdout.read().strip() if process.stdout else ""
    if status != 0:
        sys.exit(f"benchmark process failed ({status}): {output}")
    return wall, usage.ru_maxrss / 1024, output


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--skip-quantulum", action="store_true", help="time figures only")
    args = options.parse_args()
    results = [("figures", *run(FIGURES))]
    if not args.skip_quantulum:
        results.append(("quantulum3 alone", *run(QUANTULUM)))
    size = FAKES_CSV.stat().st_size / 1e6
    print(f"corpus: {FAKES_CSV.name} ({size:.1f} MB)")
    print(f"{'system':18} {'wall s':>8} {'peak MB':>8}  output")
    for name, wall, peak, output in results:
        print(f"{name:18} {wall:8.2f} {peak:8.0f}  {output}")
    if len(results) == 2:
        print(f"speed-up: {results[1][1] / results[0][1]:.1f}x")


if __name__ == "__main__":
    main()
