"""Speed and memory: figures vs quantulum3 alone over all of FA-KES, in one run.

    .venv/bin/python benchmarks/bench_extract.py [--skip-quantulum] [--repeat 3]
        [--baseline ../main/.venv/bin/python]

Each system runs in its own fresh Python process (import included) over the
same 804 article texts; the wall time and the peak resident memory of that
process are printed side by side. figures runs its full pipeline: read the
CSV, find and place every figure with its context, build the table; and the
command a desk runs, ``figures extract FA-KES.csv -o figures.jsonl --quiet``,
over all of FA-KES and over its first document alone (the fixed cost of a run).
figures' runs are repeated (``--repeat``) and the median printed; quantulum3
runs once. ``--baseline PYTHON`` times the same commands with another
checkout's interpreter (e.g. main before a change) in the same run.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpora import FAKES_CSV, fakes_rows

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


def run(code: str, python: str = sys.executable, args: list[str] | None = None
        ) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB, and the output of ``code`` in a fresh interpreter
    (or of ``python args`` when ``args`` are given)."""
    started = time.perf_counter()
    command = [python, *args] if args is not None else [python, "-c", code]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    output = process.stdout.read().strip() if process.stdout else ""
    if status != 0:
        sys.exit(f"benchmark process failed ({status}): {output}")
    return wall, usage.ru_maxrss / 1024, output


def median_run(python: str, args: list[str], repeat: int) -> tuple[float, float, str]:
    """The run of median wall time among ``repeat`` runs of ``python args``."""
    runs = sorted((run("", python, args) for _ in range(repeat)), key=lambda result: result[0])
    wall = statistics.median(result[0] for result in runs)
    return wall, runs[len(runs) // 2][1], runs[len(runs) // 2][2]


def extract_runs(python: str, label: str, repeat: int, folder: Path) -> list[tuple]:
    """``figures extract`` over all of FA-KES and over one document, with ``python``."""
    one = folder / "one-document.csv"
    if not one.exists():
        rows = fakes_rows()
        with one.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerow(rows[0])
    results = []
    for corpus, what in ((FAKES_CSV, "FA-KES"), (one, "1 document")):
        out = folder / "figures.jsonl"
        wall, peak, _ = median_run(python, ["-m", "figures", "extract", str(corpus), "-o",
                                            str(out), "--quiet"], repeat)
        lines = sum(1 for _ in out.open(encoding="utf-8"))
        results.append((f"{label} extract {what}", wall, peak, f"{lines} figure lines"))
    return results


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--skip-quantulum", action="store_true", help="time figures only")
    options.add_argument("--repeat", type=int, default=3, help="runs of each figures command")
    options.add_argument("--baseline", metavar="PYTHON",
                         help="also time `figures extract` with this interpreter")
    args = options.parse_args()
    results = [("figures", *run(FIGURES))]
    with tempfile.TemporaryDirectory() as folder:
        results += extract_runs(sys.executable, "figures", args.repeat, Path(folder))
        if args.baseline:
            results += extract_runs(args.baseline, "baseline", args.repeat, Path(folder))
    if not args.skip_quantulum:
        results.append(("quantulum3 alone", *run(QUANTULUM)))
    size = FAKES_CSV.stat().st_size / 1e6
    print(f"corpus: {FAKES_CSV.name} ({size:.1f} MB)")
    print(f"{'system':30} {'wall s':>8} {'peak MB':>8}  output")
    for name, wall, peak, output in results:
        print(f"{name:30} {wall:8.2f} {peak:8.0f}  {output}")
    if not args.skip_quantulum:
        quantulum = results[-1][1]
        for name, wall, _, _ in results[:-1]:
            if "1 document" not in name:
                print(f"{name}: {quantulum / wall:.1f}x faster than quantulum3 alone")


if __name__ == "__main__":
    main()
