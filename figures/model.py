"""The records that flow between stages: a Document in, a Figure out.

These are the seams of the pipeline (read -> extract -> place -> table -> check
-> render). They are frozen: a stage builds new records, it never edits old ones.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague")

METRICS = (
    "killed", "injured", "displaced", "detained", "troops", "aircraft", "equipment", "strikes",
    "munitions", "targets", "buildings", "money", "duration", "age", "distance", "share",
    "people", "other",
    # other stories' metrics (GUIDELINES.md): an outbreak, a disaster
    "missing", "cases", "tests", "hospitalized", "vaccinated",
)


@dataclass(frozen=True, slots=True)
class Document:
    """One article: where it came from, who published it and when, and its text.

    ``source`` says where to find it for a person ("FA-KES-Dataset.csv row 278",
    "seeds/000.txt"); ``id`` is what figure records call ``doc``.
    """

    id: str
    text: str
    source: str
    outlet: str | None = None
    published: date | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text: its span and what it states, before any context.

    ``low``/``high`` are the bounds the statement allows (None where open);
    ``value`` is None for ranges and vague magnitudes (GUIDELINES.md).
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity placed in the world: what it measures, in which document, said by whom.

    One Figure is one row of the figures table and one record of the JSONL
    output scored by ``shared/tools/score_mentions.py``.
    """

    doc: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    metric: str
    noun: str | None
    cumulative: bool
    sentence: str
    actor: str | None = None
    place: str | None = None
    claimant: str | None = None
    as_of: date | None = None
    period_start: date | None = None
    outlet: str | None = None
    published: date | None = None
    #: The words that make the figure an estimate or a projection rather than a
    #: stated count ("may have", "could reach", "as high as"); None when stated as fact.
    hedge: str | None = None
    #: The story a near-copied document belongs to (the first copy's id), filled when the
    #: table is built from a corpus or read from a store; None for a document that is no copy
    #: (and in a streamed ``figures extract`` table, which cannot know later copies).
    story: str | None = None


#: Severities of a rule, most serious first; ``--fail-on warning`` fails on error and warning.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
#: What ``--fail-on`` accepts: a severity, or never fail.
FAIL_LEVELS: tuple[str, ...] = (*SEVERITIES, "never")

FIGURE_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Figure))
