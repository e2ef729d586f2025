"""Scaling: time and peak memory of extraction on FA-KES repeated 1x, 4x, 16x and 64x.

    .venv/bin/python benchmarks/bench_scale.py [--scales 1,4,16,64] [--skip-baseline]

Each copy of FA-KES gets new ids and a distinct (figure-free) last line, so
the reader keeps every copy instead of dropping it as a duplicate. Each run is
a fresh Python process (imports included); its wall time and peak resident
memory are printed side by side for:

- ``streaming``: ``figures extract CORPUS -o out.jsonl`` as it is now
  (documents streamed in, records written as they are found);
- ``whole table``: what ``figures extract`` did before (main at 5564a94): read
  every document, build the DataFrame, render one JSONL string, write it.

The throughput per worker of Dask is measured by ``bench_dask.py``.
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

from corpora import FAKES_CSV

#: Letters without vowels: a copy's marker can spell no number word.
_MARKS = "bcdfghjklmnpqrstvwxz"

WHOLE_TABLE = """
import sys
from figures.read import read_corpus
from figures.table import extract, to_jsonl
corpus = read_corpus([sys.argv[1]])
table = extract(corpus.documents)
with open(sys.argv[2], "w", encoding="utf-8") as handle:
    handle.write(to_jsonl(table))
"""


def copy_mark(number: int) -> str:
    """A figure-free word that tells copy ``number`` apart: 0 -> 'b', 21 -> 'cc'."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, len(_MARKS))
        letters = _MARKS[rest] + letters
    return letters


def scaled_fakes(copies: int, target: Path) -> Path:
    """FA-KES repeated ``copies`` times, every copy a distinct document."""
    csv.field_size_limit(sys.maxsize)
    with FAKES_CSV.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for copy in range(copies):
            mark = copy_mark(copy)
            for row in rows:
                writer.writerow(dict(row, unit_id=f"{row['unit_id']}-{mark}",
                                     article_content=f"{row['article_content']}\n\nArchive "
                                                     f"copy {mark}."))
    return target


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command run as a child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        sys.exit(f"benchmark process failed ({status}): {' '.join(command)}")
    return wall, usage.ru_maxrss / 1024


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--scales", default="1,4,16,64", help="copies of FA-KES, comma-separated")
    options.add_argument("--skip-baseline", action="store_true", help="streaming only")
    args = options.parse_args()
    scales = [int(scale) for scale in args.scales.split(",")]
    print(f"{'copies':>6} {'MB':>6} {'system':12} {'wall s':>8} {'peak MB':>8} {'MB/s':>6} "
          f"{'figures':>9}")
    with tempfile.TemporaryDirectory(prefix="figures-scale-") as folder:
        for copies in scales:
            corpus = scaled_fakes(copies, Path(folder) / f"fakes-x{copies}.csv")
            size = corpus.stat().st_size / 1e6
            runs = [("streaming", [sys.executable, "-m", "figures", "extract", str(corpus),
                                   "-q", "-o"])]
            if not args.skip_baseline:
                runs.append(("whole table", [sys.executable, "-c", WHOLE_TABLE, str(corpus)]))
            for name, command in runs:
                output = Path(folder) / f"out-{copies}-{name[0]}.jsonl"
                wall, peak = measure([*command, str(output)])
                print(f"{copies:>6} {size:6.1f} {name:12} {wall:8.2f} {peak:8.0f} "
                      f"{size / wall:6.2f} {count_lines(output):>9}", flush=True)
                output.unlink()
            corpus.unlink()


if __name__ == "__main__":
    main()
