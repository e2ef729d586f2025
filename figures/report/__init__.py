"""Stage 7, report: views of the findings table for people and machines.

``summary`` (what a reader sees first: distinct problems by severity, top findings),
``markdown`` (the Markdown report, evidence tables, the pytest failure text),
``html`` (one self-contained HTML page; imports Jinja2, so it is not imported here),
``data`` (the JSON document and the findings table), ``plot`` (timeline PNGs; imports
matplotlib, so it is not imported here) and ``pytest_summary`` (the plugin's Markdown
summary). Nothing here decides what passes, and nothing here writes files.
"""

from figures.report.data import FINDINGS_TABLE_COLUMNS, findings_json, findings_table, json_text
from figures.report.markdown import (
    evidence_table,
    failure_text,
    finding_blocks,
    inventory,
    markdown_report,
    quote,
    status_word,
    timeline_rules,
)
from figures.report.summary import ReportSummary, build_summary, mark_repeats, plural

__all__ = ["FINDINGS_TABLE_COLUMNS", "ReportSummary", "build_summary", "evidence_table",
           "failure_text", "finding_blocks", "findings_json", "findings_table", "inventory",
           "json_text", "mark_repeats", "markdown_report", "plural", "quote", "status_word",
           "timeline_rules"]
