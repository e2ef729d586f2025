"""The findings as data for machines: the JSON document of ``figures check --json`` and the
findings table of ``--findings out.csv|out.parquet`` (one row per finding and figure)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pandas as pd

from figures.check import failing, summarize
from figures.report.summary import build_summary, mark_repeats
from figures.table import json_value

#: Columns of the findings table: one row per finding and figure.
FINDINGS_TABLE_COLUMNS: tuple[str, ...] = (
    "rule", "severity", "status", "message", "problem", "repeat", "role", "doc", "start", "end",
    "outlet", "date", "quote", "text", "value", "low", "high", "claimant", "description",
)


def findings_json(findings: pd.DataFrame, read_report: Any = None,
                  fail_on: str = "error", figures: pd.DataFrame | None = None,
                  rules: Iterable[Any] | None = None) -> dict[str, Any]:
    """``{"summary": {...}, "findings": [...]}``: one finding per violation (and per
    rule that failed for lack of data); pass and no-data rules are in ``summary.rules``.

    ``summary.problems`` counts distinct problems by severity (a pair reported from both
    sides once), the same numbers as the reports' summary; each finding carries its
    ``problem`` number and ``repeat`` (True when an earlier finding reported its pair).
    """
    rules = list(rules) if rules is not None else None
    summary = summarize(findings)
    report = build_summary(findings, figures, read_report, rules, fail_on)
    lines = {line.rule: line for line in report.rules}
    rule_rows = []
    for row in summary.to_dict(orient="records"):
        entry = {key: json_value(value) for key, value in row.items()}
        line = lines[row["rule"]]
        entry |= {"description": line.description, "allowed": line.tolerance,
                  "problems": line.problems}
        rule_rows.append(entry)
    marked = mark_repeats(findings)
    shown = marked[marked["failed"] | (marked["status"] == "fail")]
    listed = []
    for row in shown.to_dict(orient="records"):
        listed.append({key: json_value(row[key]) for key in (
            "rule", "check", "kind", "severity", "status", "message", "date", "outlet",
            "group", "source", "problem", "repeat")}
            | {"description": lines[row["rule"]].description, "figures": row["figures"]}
            | ({"band": [entry for entry in row["band"] if entry.get("group") == row["group"]]}
               if row.get("band") else {}))
    kept = findings.drop_duplicates("rule").set_index("rule")["kept_out"] \
        if "kept_out" in findings else pd.Series(dtype=object)
    for entry in rule_rows:  # the figures each rule kept out, and why
        entry["kept_out"] = kept.get(entry["rule"]) or []
    bands = findings[findings["kind"] == "consensus"] if "band" in findings else findings[:0]
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
            **report.to_dict(),
            "rule_results": rule_rows,
        },
        "findings": listed,
    }
    if not bands.empty:  # the reconciled band of each consensus rule, every group
        out["bands"] = {rule: _all_bands(rows["band"]) for rule, rows in
                        bands.groupby("rule", sort=False)}
    if read_report is not None and hasattr(read_report, "to_dict"):
        out["summary"]["read"] = read_report.to_dict()
    return out


def _all_bands(bands: pd.Series) -> list[dict[str, Any]]:
    seen, out = set(), []
    for band in bands:
        for entry in band or []:
            key = (entry.get("group"), entry.get("date"))
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return out


def json_text(findings: pd.DataFrame, read_report: Any = None, fail_on: str = "error",
              figures: pd.DataFrame | None = None, rules: Iterable[Any] | None = None) -> str:
    """``findings_json`` as indented JSON text."""
    return json.dumps(findings_json(findings, read_report, fail_on, figures, rules), indent=2,
                      ensure_ascii=False, default=str) + "\n"


def findings_table(findings: pd.DataFrame, rules: Iterable[Any] | None = None) -> pd.DataFrame:
    """One row per finding and figure (``FINDINGS_TABLE_COLUMNS``), for spreadsheets and
    notebooks; a finding without figures (a rule that required data) is one row."""
    from figures.report.markdown import quote
    from figures.report.summary import rule_models

    descriptions = {rule_id: (getattr(model, "description", None) or "").strip()
                    for rule_id, model in rule_models(rules).items()}
    marked = mark_repeats(findings)
    shown = marked[marked["failed"] | (marked["status"] == "fail")]
    rows = []
    for finding in shown.to_dict(orient="records"):
        common = {"rule": finding["rule"], "severity": finding["severity"],
                  "status": finding["status"], "message": finding["message"],
                  "problem": finding["problem"], "repeat": finding["repeat"],
                  "description": descriptions.get(finding["rule"], "")}
        for record in finding["figures"] or [{}]:
            rows.append(common | {
                "role": record.get("role"), "doc": record.get("doc"),
                "start": record.get("start"), "end": record.get("end"),
                "outlet": record.get("outlet"), "date": record.get("date"),
                "quote": quote(record).replace("**", "") if record else None,
                "text": record.get("text"), "value": record.get("value"),
                "low": record.get("low"), "high": record.get("high"),
                "claimant": record.get("claimant")})
    table = pd.DataFrame(rows, columns=list(FINDINGS_TABLE_COLUMNS))
    for column in ("value", "low", "high"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype(float)
    for column in ("start", "end", "problem"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("Int64")
    table["repeat"] = table["repeat"].astype(bool)
    return table
