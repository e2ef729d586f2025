"""Speed and memory: figures vs quantulum3 alone over all of FA-KES, in one run.

    .venv/bin/python benchmarks/bench_extract.py [--skip-quantulum] [--repeat 3]
        [--baseline ../main/.venv/bin/python]

Each system runs in its own fresh Python process (import included) over the
same 804 article texts; the wall time and the peak resident memory of that
process are printed side by side. figures runs its full pipeline: read the
CSV, find and place every figure with its context, build the table; and the
command a desk runs, ``figures extract FA-KES.csv -o figures.jsonl --quiet``,
over all of FA-KES and over its first document alone (the fixed cost of a run).
figures' runs are repeated (``--repeat``) and the median printed (with the CPU
seconds of that run: on a machine shared with other jobs they vary less than the
wall time); quantulum3 runs once. ``--baseline PYTHON`` times the same commands
with another checkout's interpreter (e.g. main before a change) in the same run,
the two interleaved (this checkout, the baseline, this checkout, ...) so that both
meet the same load.
"""

from __future__ import annotations

import argparse
import csv
import os
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
        ) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system), peak RSS in MB, and the output of
    ``code`` in a fresh interpreter (or of ``python args`` when ``args`` are given)."""
    started = time.perf_counter()
    command = [python, *args] if args is not None else [python, "-c", code]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    output = process.stdout.read().strip() if process.stdout else ""
    if status != 0:
        sys.exit(f"benchmark process failed ({status}): {output}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def median(runs: list[tuple[float, float, float, str]]) -> tuple[float, float, float, str]:
    """The run of median wall time (its CPU seconds and peak memory with it)."""
    ordered = sorted(runs, key=lambda result: result[0])
    return ordered[len(ordered) // 2]


def extract_runs(pythons: dict[str, str], repeat: int, folder: Path) -> list[tuple]:
    """``figures extract`` over all of FA-KES and over one document, with each labelled
    interpreter in turn, ``repeat`` times."""
    one = folder / "one-document.csv"
    if not one.exists():
        rows = fakes_rows()
        with one.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerow(rows[0])
    results = []
    for corpus, what in ((FAKES_CSV, "FA-KES"), (one, "1 document")):
        runs: dict[str, list[tuple[float, float, float, str]]] = {label: [] for label in pythons}
        lines: dict[str, int] = {}
        for _ in range(repeat):
            for label, python in pythons.items():
                out = folder / f"{label}.jsonl"
                runs[label].append(run("", python, ["-m", "figures", "extract", str(corpus),
                                                    "-o", str(out), "--quiet"]))
                lines[label] = sum(1 for _ in out.open(encoding="utf-8"))
        for label in pythons:
            wall, cpu, peak, _ = median(runs[label])
            walls = " ".join(f"{result[0]:.2f}" for result in sorted(runs[label]))
            results.append((f"{label} extract {what}", wall, cpu, peak,
                            f"{lines[label]} figure lines; wall s of the runs: {walls}"))
    return results


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--skip-quantulum", action="store_true", help="time figures only")
    options.add_argument("--repeat", type=int, default=3, help="runs of each figures command")
    options.add_argument("--baseline", metavar="PYTHON",
                         help="also time `figures extract` with this interpreter")
    args = options.parse_args()
    results = [("figures", *run(FIGURES))]
    pythons = {"figures": sys.executable}
    if args.baseline:
        pythons["baseline"] = args.baseline
    with tempfile.TemporaryDirectory() as folder:
        results += extract_runs(pythons, args.repeat, Path(folder))
    if not args.skip_quantulum:
        results.append(("quantulum3 alone", *run(QUANTULUM)))
    size = FAKES_CSV.stat().st_size / 1e6
    print(f"corpus: {FAKES_CSV.name} ({size:.1f} MB)")
    print(f"{'system':30} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}  output")
    for name, wall, cpu, peak, output in results:
        print(f"{name:30} {wall:8.2f} {cpu:8.2f} {peak:8.0f}  {output}")
    if not args.skip_quantulum:
        quantulum = results[-1][1]
        for name, wall, _, _, _ in results[:-1]:
            if "1 document" not in name:
                print(f"{name}: {quantulum / wall:.1f}x faster than quantulum3 alone")


if __name__ == "__main__":
    main()
