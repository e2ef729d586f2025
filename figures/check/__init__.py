"""Stage 6, check: rules applied to the figures table, giving the findings table.

``check(figures, rules)`` runs every rule (``findings``); a rule's figures are
chosen by ``selection``, compared through time (``time``: monotonic, agree, rate,
range, duration), against the band of the other outlets (``consensus``) or within a
sentence or document (``scope``: part_of, sum), and each violation carries its
``evidence``. What a running total is not (hedged, of another period, off-date) is
kept out first (``keepout``).
"""

from figures.check.consensus import BAND_COLUMNS
from figures.check.evidence import RECORD_FIELDS, describe, number_text
from figures.check.findings import (
    FINDING_COLUMNS,
    check,
    check_rule,
    consensus_band,
    failing,
    summarize,
)
from figures.check.keepout import KeepOutVocab
from figures.check.selection import bands, figure_dates, select, selection_mask

__all__ = [
    "BAND_COLUMNS", "FINDING_COLUMNS", "RECORD_FIELDS", "KeepOutVocab", "bands", "check",
    "check_rule", "consensus_band", "describe", "failing", "figure_dates", "number_text",
    "select", "selection_mask", "summarize",
]
