"""Read a corpus as a stream: documents come out while the rest is still being read.

``stream_corpus(paths, columns)`` is an iterable of Documents with the same
decisions as ``read_corpus`` (ids, duplicates, skips, dates) but bounded
memory: a reader thread hands each kept document over a small queue and
keeps only its id, source and text digest for finding duplicates. The read
report is there once the stream is exhausted (``DocumentStream.report``);
input errors (a missing file, a missing mapped column) are raised from the
iteration, where they happen.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from figures.model import Document
from figures.read.corpus import Corpus, read_corpus
from figures.read.report import ReadReport
from figures.read.tables import ColumnMapping

#: Documents handed over at a time: every hand-over makes the consumer give up the
#: interpreter lock to the reader thread, so one a document cost FA-KES's extraction
#: about 8% of its time waiting.
BATCH_SIZE = 16
#: Batches read ahead of the consumer: enough to keep it busy, few enough to stay small.
QUEUE_SIZE = 4
_DONE = object()


class DocumentStream:
    """Documents in input order as they are read; ``report`` once iteration is over."""

    def __init__(self, paths: Sequence[str | Path], columns: ColumnMapping,
                 day_first: bool, reader: Callable[..., Corpus] = read_corpus) -> None:
        self._reader = reader
        self._paths = list(paths)
        self._columns = columns
        self._day_first = day_first
        self._corpus: Corpus | None = None
        self.count = 0

    @property
    def report(self) -> ReadReport:
        """What was read, skipped and duplicated (after the stream is exhausted)."""
        if self._corpus is None:
            raise RuntimeError("the read report is ready once every document was taken")
        return self._corpus.report

    def __iter__(self) -> Iterator[Document]:
        handed: queue.Queue[object] = queue.Queue(maxsize=QUEUE_SIZE)
        stop = threading.Event()
        batch: list[Document] = []

        def hand(document: Document) -> None:
            batch.append(document)
            if len(batch) >= BATCH_SIZE:
                flush()

        def flush() -> None:
            if not batch:
                return
            documents = batch.copy()
            batch.clear()
            while not stop.is_set():
                try:
                    handed.put(documents, timeout=0.1)
                    return
                except queue.Full:
                    continue
            raise _Stopped

        def read() -> None:
            try:
                try:
                    corpus = self._reader(self._paths, self._columns,
                                          day_first=self._day_first, on_document=hand)
                finally:
                    flush()  # the documents read before an error come out before it
            except _Stopped:
                return
            except BaseException as err:  # handed to the consumer, raised there
                _put(handed, err, stop)
                return
            _put(handed, corpus, stop)

        reader = threading.Thread(target=read, name="figures-read", daemon=True)
        reader.start()
        try:
            while True:
                item = handed.get()
                if isinstance(item, list):
                    for document in item:
                        self.count += 1
                        yield document
                elif isinstance(item, Corpus):
                    self._corpus = item
                    return
                elif isinstance(item, BaseException):
                    raise item
        finally:
            stop.set()
            reader.join()


class _Stopped(Exception):
    """The consumer stopped early: the reader thread ends without reading the rest."""


def _put(handed: queue.Queue[object], item: object, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            handed.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def stream_corpus(
    paths: Sequence[str | Path] | str | Path,
    columns: ColumnMapping = ColumnMapping(),  # noqa: B008 - frozen, so sharing it is safe
    *,
    day_first: bool = False,
    reader: Callable[..., Corpus] = read_corpus,
) -> DocumentStream:
    """The documents of a corpus as a stream (see the module docstring); ``reader`` is
    ``read_corpus`` or a stand-in with its signature."""
    if isinstance(paths, str | Path):
        paths = [paths]
    return DocumentStream(paths, columns, day_first, reader)
