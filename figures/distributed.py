"""Extraction on Dask: documents in partitions, each extracted by a worker, one Parquet file each.

``extract_dataset(documents, folder, client)`` reads the documents as a stream
on the client, cuts them into partitions of ``partition_size`` documents and
submits each to the cluster; a worker finds and places the partition's
figures and sends back its Arrow table, which the client writes as
``part-NNNNN.parquet`` (so workers need no shared disk). The extraction
configuration is scattered to the workers once; only a few partitions per
worker are in flight, so neither the client nor a worker holds more than a
few partitions. The figures are those of ``figures.table.extract``, record for
record (a test holds them equal).

Dask is imported only here, and this module only when ``--dask`` or
``--scheduler`` is asked for (``pip install 'figures[dask]'``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from figures.errors import InputError
from figures.model import Document
from figures.store.dataset import StoredDocument, partition_table, write_partition
from figures.table import ExtractConfig, figures_of

if TYPE_CHECKING:
    import pyarrow as pa

#: Documents a partition holds by default.
PARTITION_SIZE = 200
#: Partitions in flight per worker thread.
IN_FLIGHT = 2


@dataclass(frozen=True)
class DatasetResult:
    """What ``extract_dataset`` wrote."""

    folder: Path
    partitions: int
    documents: int
    figures: int


def extract_partition(documents: list[Document], config: ExtractConfig) -> pa.Table:
    """One partition's figures (and its document list) as an Arrow table (runs on a worker)."""
    figures = [figure for document in documents for figure in figures_of(document, config)]
    return partition_table([StoredDocument.of(document) for document in documents], figures)


def local_client(workers: int = 1, *, processes: bool = True) -> Any:
    """A Dask client on a local cluster of ``workers`` single-threaded workers."""
    distributed = _distributed()
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                       processes=processes, dashboard_address=None)
    return distributed.Client(cluster)


def connect(address: str) -> Any:
    """A Dask client of the scheduler at ``address`` (``tcp://host:8786``)."""
    distributed = _distributed()
    try:
        return distributed.Client(address, timeout="10s")
    except (OSError, TimeoutError) as err:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {err}") from err


def extract_dataset(documents: Iterable[Document], folder: str | Path, client: Any,
                    config: ExtractConfig | None = None, *,
                    partition_size: int = PARTITION_SIZE) -> DatasetResult:
    """Extract documents on the client's cluster into a Parquet dataset in ``folder``."""
    target = Path(folder)
    stale = sorted(target.glob("part-*.parquet"))
    if stale:
        raise InputError(f"{target}: already holds a dataset ({len(stale)} part files); "
                         "write to a new folder")
    shared = client.scatter(config or ExtractConfig.default(), broadcast=True)
    slots = max(1, sum(client.nthreads().values())) * IN_FLIGHT
    pending: deque[Any] = deque()
    partitions = count = found = 0
    for index, partition in enumerate(_partitions(documents, partition_size)):
        pending.append((index, client.submit(extract_partition, partition, shared, pure=False)))
        count += len(partition)
        if len(pending) >= slots:
            found += _write(target, *pending.popleft())
            partitions += 1
    while pending:
        found += _write(target, *pending.popleft())
        partitions += 1
    target.mkdir(exist_ok=True)  # an empty corpus is an empty dataset
    return DatasetResult(target, partitions, count, found)


def _write(folder: Path, index: int, future: Any) -> int:
    table = future.result()
    folder.mkdir(exist_ok=True)  # made at the first part: a failed read leaves no empty folder
    write_partition(folder, index, table)
    return int(table.num_rows)


def _partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    partition: list[Document] = []
    for document in documents:
        partition.append(document)
        if len(partition) >= size:
            yield partition
            partition = []
    if partition:
        yield partition


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise InputError("Dask is not installed: pip install 'figures[dask]'") from err
    return distributed
