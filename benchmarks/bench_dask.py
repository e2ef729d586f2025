"""Dask throughput by workers, a simulated larger cluster, and peak memory per worker.

    .venv/bin/python benchmarks/bench_dask.py [--copies 64] [--workers 1,2] [--partitions 8,32,128]

On FA-KES repeated ``--copies`` times (distinct documents, as in
``bench_scale.py``), in one run:

1. ``in process``: ``figures.table.iter_figures`` in this process, the baseline;
2. ``dask N``: ``figures.distributed.extract_dataset`` on a local cluster of N
   single-threaded worker processes (cluster start-up excluded, reading the
   CSV and writing the Parquet files included), with each worker's peak RSS;
3. a simulated larger cluster: one worker extracts the corpus cut into P
   partitions, each partition timed on the worker; the measured partition
   times are then scheduled on W workers (longest first, each to the least
   loaded worker) to give the wall time W workers would need for the
   extraction, were the client's reading and writing not the limit.
"""

from __future__ import annotations

import argparse
import heapq
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_scale import scaled_fakes


def peak_rss_mb() -> float:
    """This process' peak resident memory in MB (runs on a worker too)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_partition(documents: list[Any], config: Any) -> float:
    """Seconds a worker takes to extract one partition (the table is dropped)."""
    from figures.distributed import extract_partition

    started = time.perf_counter()
    extract_partition(documents, config)
    return time.perf_counter() - started


def makespan(durations: list[float], workers: int) -> float:
    """Wall time of these tasks on ``workers`` (longest first, to the least loaded)."""
    loads = [0.0] * workers
    heapq.heapify(loads)
    for duration in sorted(durations, reverse=True):
        heapq.heappush(loads, heapq.heappop(loads) + duration)
    return max(loads)


def main() -> None:
    from figures.distributed import extract_dataset, local_client
    from figures.read.stream import stream_corpus
    from figures.table import ExtractConfig, iter_figures

    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--copies", type=int, default=64)
    options.add_argument("--workers", default="1,2")
    options.add_argument("--partitions", default="8,32,128")
    options.add_argument("--simulate", default="4,16,64", help="workers to simulate")
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="figures-dask-") as folder:
        corpus = scaled_fakes(args.copies, Path(folder) / "corpus.csv")
        size = corpus.stat().st_size / 1e6
        print(f"corpus: FA-KES x{args.copies}, {size:.1f} MB")
        print(f"{'run':24} {'wall s':>8} {'MB/s':>6} {'figures':>9} {'peak MB/worker':>15}")

        started = time.perf_counter()
        found = sum(len(figures) for _, figures in iter_figures(stream_corpus([corpus])))
        wall = time.perf_counter() - started
        print(f"{'in process':24} {wall:8.2f} {size / wall:6.2f} {found:>9} "
              f"{peak_rss_mb():>15.0f}", flush=True)

        documents = sum(1 for _ in stream_corpus([corpus]))
        for workers in (int(n) for n in args.workers.split(",")):
            client = local_client(workers)
            try:
                client.run(lambda: ExtractConfig.default())  # warm: workers import figures
                started = time.perf_counter()
                result = extract_dataset(stream_corpus([corpus]), Path(folder) / f"w{workers}",
                                         client, partition_size=max(1, documents // 64))
                wall = time.perf_counter() - started
                peaks = client.run(peak_rss_mb).values()
                print(f"{f'dask {workers} worker(s)':24} {wall:8.2f} {size / wall:6.2f} "
                      f"{result.figures:>9} {max(peaks):>15.0f}", flush=True)
            finally:
                cluster = client.cluster
                client.close()
                cluster.close()

        client = local_client(1)
        try:
            client.run(lambda: ExtractConfig.default())
            config = client.scatter(ExtractConfig.default(), broadcast=True)
            every = list(stream_corpus([corpus]))
            simulate = [int(n) for n in args.simulate.split(",")]
            for partitions in (int(n) for n in args.partitions.split(",")):
                size_of = -(-len(every) // partitions)
                parts = [every[at:at + size_of] for at in range(0, len(every), size_of)]
                # one at a time: the worker holds one partition, as in a bounded run
                durations = [client.submit(timed_partition, part, config, pure=False).result()
                             for part in parts]
                peak = max(client.run(peak_rss_mb).values())
                cells = ", ".join(f"{w} workers {size / makespan(durations, w):.2f} MB/s"
                                  for w in simulate)
                print(f"simulated, {len(parts):>4} partitions: 1 worker "
                      f"{size / sum(durations):.2f} MB/s; {cells}; peak {peak:.0f} MB/worker",
                      flush=True)
        finally:
            cluster = client.cluster
            client.close()
            cluster.close()


if __name__ == "__main__":
    sys.exit(main())
