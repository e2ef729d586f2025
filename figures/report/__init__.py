"""Stage 7, report: views of the findings table for people and machines.

``markdown`` (the Markdown report, evidence tables, the pytest failure text),
``data`` (the JSON document), ``plot`` (timeline PNGs; imports matplotlib, so it is
not imported here) and ``pytest_summary`` (the plugin's Markdown summary).
Nothing here decides what passes, and nothing here writes files.
"""

from figures.report.data import findings_json, json_text
from figures.report.markdown import (
    evidence_table,
    failure_text,
    finding_blocks,
    inventory,
    markdown_report,
    quote,
    timeline_rules,
)

__all__ = ["evidence_table", "failure_text", "finding_blocks", "findings_json", "inventory",
           "json_text", "markdown_report", "quote", "timeline_rules"]
