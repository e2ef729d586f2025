"""The findings as data for machines: the JSON document of ``figures check --json``."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from figures.check import failing, summarize
from figures.table import json_value


def findings_json(findings: pd.DataFrame, read_report: Any = None,
                  fail_on: str = "error") -> dict[str, Any]:
    """``{"summary": {...}, "findings": [...]}``: one finding per violation (and per
    rule that failed for lack of data); pass and no-data rules are in ``summary.rules``."""
    summary = summarize(findings)
    rules = [{key: json_value(value) for key, value in row.items()}
             for row in summary.to_dict(orient="records")]
    shown = findings[findings["failed"] | (findings["status"] == "fail")]
    listed = []
    for row in shown.to_dict(orient="records"):
        listed.append({key: json_value(row[key]) for key in (
            "rule", "check", "kind", "severity", "status", "message", "date", "outlet",
            "group", "source")} | {"figures": row["figures"]})
    counts = summary["status"].value_counts()
    out: dict[str, Any] = {
        "summary": {
            "rules": len(summary),
            "passed": int(counts.get("pass", 0)),
            "failed": int(counts.get("fail", 0)),
            "no_data": int(counts.get("no_data", 0)),
            "violations": int((findings["status"] == "fail").sum()),
            "fail_on": fail_on,
            "failing": sorted(set(failing(findings, fail_on)["rule"])),
            "rule_results": rules,
        },
        "findings": listed,
    }
    if read_report is not None and hasattr(read_report, "to_dict"):
        out["summary"]["read"] = read_report.to_dict()
    return out


def json_text(findings: pd.DataFrame, read_report: Any = None, fail_on: str = "error") -> str:
    """``findings_json`` as indented JSON text."""
    return json.dumps(findings_json(findings, read_report, fail_on), indent=2,
                      ensure_ascii=False, default=str) + "\n"
