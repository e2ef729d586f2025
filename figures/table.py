"""The figures table: every figure of a corpus, one typed row each, as a pandas DataFrame.

``extract`` runs the two per-document stages (find the quantities, place them)
over documents and builds the table. Documents are independent, so ``jobs > 1``
spreads them over processes; the rows come back in document order either way.

``iter_figures`` is the same extraction as a stream: documents in, each
document's figures out as soon as they are found, so memory does not grow with
the corpus (``figures extract`` writes its output this way). pandas is imported
only by the functions that build or read a DataFrame.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from figures.extract import NumberVocab, find_quantities, load_number_vocab
from figures.model import FIGURE_COLUMNS, Document, Figure
from figures.place import PlaceVocab, load_desk_vocab, load_place_vocab, place
from figures.read import Corpus

if TYPE_CHECKING:
    from concurrent.futures import Future

    import pandas as pd

DATE_COLUMNS = ("as_of", "period_start", "published")
FLOAT_COLUMNS = ("value", "low", "high")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExtractConfig:
    """Everything extraction needs, loaded once and passed in."""

    numbers: NumberVocab
    places: PlaceVocab
    #: the desk vocabulary files merged on (``vocab_fingerprint``): what the store records
    vocab: str = "[]"

    @classmethod
    def default(cls, vocab: Sequence[str | Path] = ()) -> ExtractConfig:
        """The vocabularies packaged with figures, with desk vocabulary files merged on.

        Raises VocabularyFileError (path:line problems) for a bad ``vocab`` file.
        """
        places = load_place_vocab()
        if vocab:
            places = places.extended(*(load_desk_vocab(path) for path in vocab))
        return cls(numbers=load_number_vocab(), places=places, vocab=vocab_fingerprint(vocab))


def vocab_fingerprint(paths: Sequence[str | Path]) -> str:
    """The desk vocabulary files as JSON ``[[file name, SHA-256 of its bytes (12 hex)], ...]``,
    in merge order; ``[]`` for the packaged vocabulary alone.

    The store keeps it with each document, so figures extracted with another vocabulary
    than a check names are noticed (and ``figures add`` extracts them again).
    """
    files = []
    for path in paths:
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
        except OSError:
            digest = ""  # unreadable: loading it (ExtractConfig, vocabulary_warning) says why
        files.append([Path(path).name, digest])
    return json.dumps(files)


def vocab_names(fingerprint: str | None) -> str:
    """A fingerprint as a reader sees it: ``story.yaml (1a2b3c4d5e6f)``, or "the packaged
    vocabulary alone".

    >>> vocab_names('[["story.yaml", "1a2b3c4d5e6f"]]'), vocab_names("[]")
    ('story.yaml (1a2b3c4d5e6f)', 'the packaged vocabulary alone')
    """
    files = json.loads(fingerprint or "[]")
    if not files:
        return "the packaged vocabulary alone"
    return ", ".join(f"{name} ({digest})" for name, digest in files)


def figures_of(document: Document, config: ExtractConfig) -> list[Figure]:
    """All figures of one document, in text order."""
    return place(document, find_quantities(document.text, config.numbers), config.places)


def extract(
    documents: Iterable[Document] | Corpus,
    config: ExtractConfig | None = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Extract the figures table from documents (a list, or a Corpus: then the ``story``
    column names each near-copied document's story).

    ``progress(done, total)`` is called as documents finish.
    """
    story_of = documents.stories if isinstance(documents, Corpus) else {}  # its near-copies
    documents = list(documents.documents if isinstance(documents, Corpus) else documents)
    total = len(documents)
    rows: list[Figure] = []
    jobs = jobs if total > 1 else 1
    for done, (_, found) in enumerate(iter_figures(documents, config, jobs=jobs), 1):
        rows.extend(found)
        if progress:
            progress(done, total)
    frame = figures_frame(rows)
    if story_of:
        frame["story"] = [story_of.get(doc) for doc in frame["doc"]]
    return frame


#: Documents a worker process extracts per task, and tasks kept in flight per worker.
BATCH_SIZE = 32
IN_FLIGHT = 2


def iter_figures(
    documents: Iterable[Document],
    config: ExtractConfig | None = None,
    *,
    jobs: int = 1,
) -> Iterator[tuple[Document, list[Figure]]]:
    """Each document with its figures, in document order, as they are found.

    Documents are taken from the iterable as they are needed (a stream stays a
    stream); with ``jobs > 1`` they go to worker processes in batches, the
    configuration is sent once per worker (not with each batch), and only a few
    batches per worker are in flight, so memory stays bounded.
    """
    config = config or ExtractConfig.default()
    if jobs <= 1:
        for document in documents:
            yield document, figures_of(document, config)
        return
    from concurrent.futures import ProcessPoolExecutor  # (multiprocessing: 8 ms to import)

    batches = _batches(iter(documents), BATCH_SIZE)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                             initargs=(config,)) as pool:
        pending: deque[tuple[list[Document], Future[list[list[Figure]]]]] = deque()
        for batch in batches:
            pending.append((batch, pool.submit(_worker_batch, batch)))
            if len(pending) >= jobs * IN_FLIGHT:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _batches(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while batch := list(islice(documents, size)):
        yield batch


def _collect(batch: list[Document], future: Future[list[list[Figure]]]
             ) -> Iterator[tuple[Document, list[Figure]]]:
    yield from zip(batch, future.result(), strict=True)


_WORKER_CONFIG: ExtractConfig | None = None


def _start_worker(config: ExtractConfig) -> None:
    """Keep the configuration in the worker process (sent once, not with every batch)."""
    global _WORKER_CONFIG
    _WORKER_CONFIG = config


def _worker_batch(batch: Sequence[Document]) -> list[list[Figure]]:
    config = _WORKER_CONFIG
    assert config is not None, "the worker was started without a configuration"
    return [figures_of(document, config) for document in batch]


def figures_frame(figures: Sequence[Figure]) -> pd.DataFrame:
    """Build the typed figures table from Figure records (an empty list gives the columns)."""
    import pandas as pd

    row_of = operator.attrgetter(*FIGURE_COLUMNS)  # astuple() deep-copies: 5x slower
    frame = pd.DataFrame.from_records([row_of(figure) for figure in figures],
                                      columns=list(FIGURE_COLUMNS))
    for column in FLOAT_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in ("start", "end"):
        frame[column] = frame[column].astype("int64")
    frame["cumulative"] = frame["cumulative"].astype("bool")
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame


def figure_records(frame: pd.DataFrame, columns: Sequence[str] = FIGURE_COLUMNS) -> list[dict]:
    """Rows as JSON-ready dicts: None for missing values, ISO strings for dates."""
    return [
        {column: json_value(row[column]) for column in columns}
        for row in frame[list(columns)].to_dict(orient="records")
    ]


def json_value(value: object) -> object:
    """A table cell as JSON-ready data: None for missing, ISO strings for dates.

    >>> import pandas as pd
    >>> json_value(float("nan")), json_value(pd.Timestamp("2015-09-22")), json_value(pd.NaT)
    (None, '2015-09-22', None)
    """
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, datetime):  # pandas Timestamp and NaT are datetimes too
        return None if value != value else value.date().isoformat()  # NaT != NaT
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return json_value(value.item())
    return value


def to_jsonl(frame: pd.DataFrame) -> str:
    """One JSON figure record a line (the format ``score_mentions.py`` reads)."""
    records = figure_records(frame)
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def figure_record(figure: Figure) -> dict[str, object]:
    """One Figure as the JSON-ready record of a figures-table row (what ``to_jsonl`` writes
    for it): floats for the numeric bounds, ISO strings for dates, None for missing."""
    record: dict[str, object] = dict(zip(FIGURE_COLUMNS, _FIELDS_OF(figure), strict=True))
    for column in FLOAT_COLUMNS:
        value = record[column]
        if value is not None:
            record[column] = None if math.isnan(value) else float(value)  # type: ignore[arg-type]
    for column in DATE_COLUMNS:
        value = record[column]
        if isinstance(value, date):
            record[column] = value.isoformat()
    return record


#: A Figure's fields in column order, in one call (``figure_record`` runs once a figure).
_FIELDS_OF = operator.attrgetter(*FIGURE_COLUMNS)
