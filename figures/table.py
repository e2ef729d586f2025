"""The figures table: every figure of a corpus, one typed row each, as a pandas DataFrame.

``extract`` runs the two per-document stages (find the quantities, place them)
over documents and builds the table. Documents are independent, so ``jobs > 1``
spreads them over processes; the rows come back in document order either way.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from figures.extract import NumberVocab, find_quantities, load_number_vocab
from figures.model import FIGURE_COLUMNS, Document, Figure
from figures.place import PlaceVocab, load_desk_vocab, load_place_vocab, place
from figures.read import Corpus

DATE_COLUMNS = ("as_of", "period_start", "published")
FLOAT_COLUMNS = ("value", "low", "high")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExtractConfig:
    """Everything extraction needs, loaded once and passed in."""

    numbers: NumberVocab
    places: PlaceVocab

    @classmethod
    def default(cls, vocab: Sequence[str | Path] = ()) -> ExtractConfig:
        """The vocabularies packaged with figures, with desk vocabulary files merged on.

        Raises VocabularyFileError (path:line problems) for a bad ``vocab`` file.
        """
        places = load_place_vocab()
        if vocab:
            places = places.extended(*(load_desk_vocab(path) for path in vocab))
        return cls(numbers=load_number_vocab(), places=places)


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
    config = config or ExtractConfig.default()
    story_of = documents.stories if isinstance(documents, Corpus) else {}  # its near-copies
    documents = list(documents.documents if isinstance(documents, Corpus) else documents)
    total = len(documents)
    rows: list[Figure] = []
    if jobs > 1 and total > 1:
        chunk = max(1, min(64, total // (jobs * 4) or 1))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            batches = [documents[i:i + chunk] for i in range(0, total, chunk)]
            done = 0
            for batch, found in zip(batches, pool.map(_figures_of_batch, batches,
                                                      [config] * len(batches)), strict=True):
                rows.extend(found)
                done += len(batch)
                if progress:
                    progress(done, total)
    else:
        for done, document in enumerate(documents, 1):
            rows.extend(figures_of(document, config))
            if progress:
                progress(done, total)
    frame = figures_frame(rows)
    if story_of:
        frame["story"] = [story_of.get(doc) for doc in frame["doc"]]
    return frame


def _figures_of_batch(batch: Sequence[Document], config: ExtractConfig) -> list[Figure]:
    return [figure for document in batch for figure in figures_of(document, config)]


def figures_frame(figures: Sequence[Figure]) -> pd.DataFrame:
    """Build the typed figures table from Figure records (an empty list gives the columns)."""
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

    >>> json_value(float("nan")), json_value(pd.Timestamp("2015-09-22")), json_value(pd.NaT)
    (None, '2015-09-22', None)
    """
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return json_value(value.item())
    return value


def to_jsonl(frame: pd.DataFrame) -> str:
    """One JSON figure record a line (the format ``score_mentions.py`` reads)."""
    records = figure_records(frame)
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
