"""Speed of placing figures alone (``figures.place.place``), against another checkout.

    .venv/bin/python benchmarks/bench_place.py [--baseline ../main/.venv/bin/python]
        [--rounds 3] [--repeat 3] [CORPUS ...]

The quantities of every document are found first, outside the timing; then
``place`` runs over all documents ``--repeat`` times and the least CPU time of
those is kept (CPU, not wall: the machine is shared). Each round runs this
checkout and then the baseline in fresh processes, so both meet the same load.
CORPUS defaults to FA-KES and all of ReCOVery.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from corpora import FAKES_CSV, SHARED

RECOVERY_CSV = SHARED / "data" / "recovery" / "recovery-reliable.csv"

# Run by each interpreter: prints "documents figures least-CPU-seconds".
PLACE = """
import sys, time
from figures.extract import find_quantities
from figures.place import place
from figures.read import read_corpus
from figures.table import ExtractConfig
config = ExtractConfig.default()
documents = read_corpus(sys.argv[1], copies=False).documents
quantities = [find_quantities(document.text, config.numbers) for document in documents]
config.places.phrases, config.places.date_pattern  # the vocabulary's tables, built once
best, count = float("inf"), 0
for _ in range(int(sys.argv[2])):
    start = time.process_time()
    count = sum(len(place(d, q, config.places)) for d, q in zip(documents, quantities))
    best = min(best, time.process_time() - start)
print(len(documents), count, f"{best:.3f}")
"""


def timed(python: str, corpus: str, repeat: int) -> tuple[int, int, float]:
    """(documents, figures, least CPU seconds of ``place``) with ``python``'s figures."""
    out = subprocess.run([python, "-c", PLACE, corpus, str(repeat)], check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1]), float(out[2])


def main() -> None:
    """Print a Markdown table: corpus, this checkout and the baseline, per round."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", default=[str(FAKES_CSV), str(RECOVERY_CSV)])
    parser.add_argument("--baseline", help="another checkout's Python (e.g. main's)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| corpus | documents | figures | round | this checkout CPU s | baseline CPU s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for corpus in args.corpora:
        for round_ in range(1, args.rounds + 1):
            documents, count, seconds = timed(sys.executable, corpus, args.repeat)
            baseline = (f"{timed(args.baseline, corpus, args.repeat)[2]:.2f}"
                        if args.baseline else "-")
            print(f"| {corpus.rsplit('/', 1)[-1]} | {documents} | {count} | {round_} "
                  f"| {seconds:.2f} | {baseline} |", flush=True)


if __name__ == "__main__":
    main()
