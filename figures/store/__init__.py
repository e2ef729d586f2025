"""Stage 5, store: the figures table kept between runs, and written as it is made.

``open_store(path)`` opens the desk's DuckDB store (documents, figures,
findings; ``database``). ``dataset`` reads and writes Parquet figures datasets
(one file a partition), ``writers`` writes JSONL/CSV/Parquet output a batch at
a time, ``schema`` derives the Parquet and SQL columns from ``figures.model``.
This stage writes files only where the caller (cli, pytest plugin) tells it to.
"""

from figures.store.database import AddResult, Store, StoreError, is_store, open_store
from figures.store.dataset import is_dataset, read_figures

__all__ = ["AddResult", "Store", "StoreError", "is_dataset", "is_store", "open_store",
           "read_figures"]
