"""Stage 1, read: what a document is (id, outlet, publication date, title, text).

``read_corpus(paths, columns)`` reads folders (with a manifest or front matter),
CSV and JSONL files into ``Document`` records and a ``ReadReport`` of what was
read, skipped, duplicated or undated. Its helpers: ``tables`` (CSV, JSONL and the
column mapping), ``dates`` (publication dates), ``report`` (the read report).
``figures.read.stream.stream_corpus`` reads the same corpus as a stream of
documents (bounded memory; the report once it is exhausted).
"""

from figures.read.corpus import Corpus, read_corpus
from figures.read.report import BadDate, Duplicate, ReadReport, Skipped
from figures.read.tables import ColumnMapping

__all__ = ["BadDate", "ColumnMapping", "Corpus", "Duplicate", "ReadReport", "Skipped",
           "read_corpus"]
