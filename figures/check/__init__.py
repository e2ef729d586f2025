"""Stage 6, check: rules applied to the figures table, giving the findings table.

``check(figures, rules)`` runs every rule (``findings``); a rule's figures are
chosen by ``selection``, compared through time (``time``: monotonic, agree, rate,
range, duration) or within a sentence or document (``scope``: part_of, sum), and
each violation carries its ``evidence``.
"""

from figures.check.evidence import RECORD_FIELDS, describe, number_text
from figures.check.findings import FINDING_COLUMNS, check, check_rule, failing, summarize
from figures.check.selection import bands, figure_dates, select, selection_mask

__all__ = [
    "FINDING_COLUMNS", "RECORD_FIELDS", "bands", "check", "check_rule", "describe", "failing",
    "figure_dates", "number_text", "select", "selection_mask", "summarize",
]
