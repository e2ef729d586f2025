"""Finding numbers alone: ``find_quantities`` over FA-KES and ReCOVery, in CPU seconds.

    .venv/bin/python benchmarks/bench_find.py [--passes 5] [--rounds 2]
        [--baseline ../main/.venv/bin/python]

Each corpus is read once, then ``find_quantities`` runs over all its texts
``--passes`` times in a fresh process (imports, reading and placing left out);
the fastest and the median pass are printed, in CPU seconds of that process (on
a machine shared with other jobs they vary less than the wall time). The fastest
pass also leaves out one-time costs such as quantulum3's first call. With
``--baseline PYTHON`` the same runs in another checkout's interpreter (e.g. main
before a change), the two alternating process by process (``--rounds`` each) so
that both meet the same load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpora import FAKES_CSV, SHARED

CORPORA = {"FA-KES": FAKES_CSV,
           "ReCOVery": SHARED / "data" / "recovery" / "recovery-reliable.csv"}


def passes(path: Path, count: int) -> list[float]:
    """CPU seconds of each of ``count`` passes of find_quantities over the corpus at ``path``."""
    from figures.extract import find_quantities, load_number_vocab
    from figures.read import read_corpus

    vocab = load_number_vocab()
    texts = [document.text for document in read_corpus([str(path)]).documents]
    seconds = []
    for _ in range(count):
        started = time.process_time()
        for text in texts:
            find_quantities(text, vocab)
        seconds.append(time.process_time() - started)
    return seconds


def measure(python: str, corpus: str, count: int) -> list[float]:
    """The passes of one fresh process of ``python`` over ``corpus``."""
    output = subprocess.run([python, __file__, "--child", corpus, "--passes", str(count)],
                            check=True, capture_output=True, text=True).stdout
    return list(json.loads(output))


def main() -> None:
    """Time this checkout (and ``--baseline``) over both corpora; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", help="another checkout's Python, timed alternately")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(passes(CORPORA[args.child], args.passes)))
        return
    pythons = {"this checkout": sys.executable}
    if args.baseline:
        pythons = {"baseline": args.baseline, **pythons}
    print("| corpus | run | fastest pass CPU s | median pass CPU s |")
    print("| --- | --- | --- | --- |")
    for corpus in CORPORA:
        found: dict[str, list[float]] = {name: [] for name in pythons}
        for _ in range(args.rounds):
            for name, python in pythons.items():
                found[name] += measure(python, corpus, args.passes)
        for name, seconds in found.items():
            print(f"| {corpus} | {name} | {min(seconds):.3f} | {statistics.median(seconds):.3f} |")


if __name__ == "__main__":
    main()
