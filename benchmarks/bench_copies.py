"""Near-copy grouping: figures' banding of all signatures at once against datasketch's
MinHashLSH (insert and query one document at a time), in one run, on the same signatures.

    cd benchmarks && ../.venv/bin/python bench_copies.py [--documents 50000]

The signatures are random MinHash values (``NUM_PERM`` 32-bit each) with a copy planted
every 100 documents (30% of its values changed), what a store of that many documents
holds; both sides must find the same groups.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from figures.read.copies import COPY_THRESHOLD, NUM_PERM, group_signatures


def planted(count: int) -> dict[int, np.ndarray]:
    rng = np.random.default_rng(0)
    signatures = {index: rng.integers(0, 2**32 - 1, NUM_PERM, dtype=np.uint64).astype(np.uint32)
                  for index in range(count)}
    for index in range(100, count, 100):
        copy = signatures[index - 1].copy()
        mask = rng.random(NUM_PERM) < 0.3
        copy[mask] = rng.integers(0, 2**32 - 1, int(mask.sum()), dtype=np.uint64)
        signatures[index] = copy
    return signatures


def with_datasketch(signatures: dict[int, np.ndarray]) -> list[tuple[int, ...]]:
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
    hashes = {index: LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
              for index, values in signatures.items()}
    for index, found in hashes.items():
        lsh.insert(index, found)
    pairs = [(index, other) for index, found in hashes.items() for other in lsh.query(found)
             if other > index and found.jaccard(hashes[other]) >= COPY_THRESHOLD]
    return sorted(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    args = parser.parse_args()
    signatures = planted(args.documents)
    documents = [(str(index), "outlet") for index in signatures]
    import datasketch  # noqa: F401 - imported before timing, for both sides alike

    started = time.perf_counter()
    groups = group_signatures(documents, signatures)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    pairs = with_datasketch(signatures)
    theirs = time.perf_counter() - started
    same = sorted((int(g.docs[0]), int(g.docs[1])) for g in groups) == pairs
    print("| signatures | figures (numpy banding) s | datasketch MinHashLSH s | same groups |")
    print("| --- | --- | --- | --- |")
    print(f"| {args.documents:,} | {ours:.2f} | {theirs:.2f} | {same} ({len(groups)}) |")


if __name__ == "__main__":
    main()
