"""Views of the findings table for people: the Markdown report and the pytest failure text.

Both read the one table ``figures.check.check`` returns (as does the JSON of
``figures.report.data``); nothing here decides what passes. Timeline plots are
drawn by ``figures.report.plot`` and written (like every file) by the caller:
``markdown_report`` only links to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from tabulate import tabulate

from figures.check import describe, number_text
from figures.model import SEVERITIES
from figures.report.escape import code_span, markdown_cell, visible
from figures.report.summary import (
    FINDINGS_PER_RULE,
    ReportSummary,
    build_summary,
    gap_text,
    mark_repeats,
    plural,
)

#: Checks whose findings are placed in time, so a timeline helps.
TIME_CHECKS = ("monotonic", "agree", "rate", "consensus")
#: Characters of a sentence kept on each side of the marked figure.
QUOTE_CONTEXT = 120


def quote_parts(record: Mapping[str, Any], context: int = QUOTE_CONTEXT
                ) -> tuple[str, str, str]:
    """The figure's sentence as (before, figure, after), cut to ``context`` characters a side.

    The figure is found by its own text in the sentence (whitespace normalised as the
    sentence is), case first as written, else ignoring case on the sentence's own
    characters, so the offsets never shift ("Straße" is not folded to "strasse").
    Without the figure in it, the whole sentence (cut) comes back as ``before``.
    """
    sentence = " ".join(str(record.get("sentence") or "").split())
    text = " ".join(str(record.get("text") or "").split())
    at = sentence.find(text) if text else -1
    if at < 0 and text:
        found = re.search(re.escape(text), sentence, re.IGNORECASE)
        at = found.start() if found and found.end() - found.start() == len(text) else -1
    if at < 0:
        return _cut(sentence, 2 * context), "", ""
    before, after = sentence[:at], sentence[at + len(text):]
    if len(before) > context:
        before = "…" + before[-context:].lstrip()
    if len(after) > context:
        after = after[:context].rstrip() + "…"
    return before, sentence[at:at + len(text)], after


def quote(record: Mapping[str, Any], context: int = QUOTE_CONTEXT, *,
          markdown: bool = False) -> str:
    """The figure's sentence with the figure in **bold**, cut to ``context`` characters a side;
    with ``markdown`` every part is escaped (the bold is the only markup).

    >>> quote({"sentence": "More than 230000 people have been killed.",
    ...        "text": "More than 230000"})
    '**More than 230000** people have been killed.'
    >>> quote({"sentence": "Straße: More than 5 people", "text": "more than 5"})
    'Straße: **More than 5** people'
    """
    before, figure, after = quote_parts(record, context)
    show = markdown_cell if markdown else visible
    if not figure:
        return show(before)
    return f"{show(before)}**{show(figure)}**{show(after)}"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def bounds_text(record: Mapping[str, Any]) -> str:
    """The band a check compared (else the stated bounds): ``[220,000, no limit)``.

    >>> bounds_text({"low": 220000.0, "high": None})
    '[220,000, no limit)'
    >>> bounds_text({"low": 220000.0, "high": None, "band_low": 220000.0, "band_high": 231000.0})
    '[220,000, 231,000]'
    """
    if "band_low" in record:
        low, high = record.get("band_low"), record.get("band_high")
    else:
        low, high = record.get("low"), record.get("high")
    left = "(no limit" if low is None else f"[{number_text(low)}"
    right = "no limit)" if high is None else f"{number_text(high)}]"
    return f"{left}, {right}"


def _cell(text: Any) -> str:
    """Text as literal Markdown: no HTML, links, images or table breaks from the data."""
    return markdown_cell(text)


def evidence_rows(records: list[dict[str, Any]], markdown: bool = True) -> list[dict[str, str]]:
    """One row per figure of a finding: role, outlet, date, doc, quote, value, bounds; each
    cell escaped for Markdown (else only its control characters made visible)."""
    cell = markdown_cell if markdown else (lambda value: visible(str(value or "")))
    return [{
        "role": cell(record.get("role")),
        "outlet": cell(_outlet_and_copies(record)),
        "date": cell(record.get("date")),
        "doc": cell(record.get("doc")),
        "quote": quote(record, markdown=markdown),
        "value": cell(describe(record)),
        "bounds": bounds_text(record),  # numbers and words of ours, no data
        "claimant": cell(record.get("claimant")),
    } for record in records]


def _outlet_and_copies(record: Mapping[str, Any]) -> str:
    """The outlet, and the copies of the same story shown once with it.

    >>> _outlet_and_copies({"outlet": "a", "copies": [{"outlet": "b", "date": "2016-06-03"}]})
    'a (copies: b 2016-06-03)'
    """
    outlet = str(record.get("outlet") or "")
    copies = record.get("copies") or []
    if not copies:
        return outlet
    named = ", ".join(f"{copy.get('outlet') or copy.get('doc')} {copy.get('date') or ''}".strip()
                      for copy in copies)
    return f"{outlet} (copies: {named})"


def band_section(findings: pd.DataFrame) -> list[str]:
    """Markdown lines: the reconciled band of each consensus rule, a table per group."""
    lines: list[str] = []
    if "band" not in findings:
        return lines
    for rule_id, rows in findings[findings["kind"] == "consensus"].groupby("rule", sort=False):
        bands = [entry for band in rows["band"] if band for entry in band]
        if not bands:
            continue
        table = pd.DataFrame(bands).drop_duplicates(subset=["group", "date"])
        lines += [f"### Reconciled band: {rule_id}", ""]
        for group, part in table.groupby("group", sort=False):
            shown = part[["date", "low", "best", "high", "statements", "outlets"]].copy()
            for column in ("low", "best", "high"):
                shown[column] = [number_text(round(v)) if v is not None and pd.notna(v)
                                 else "no limit" for v in shown[column]]
            lines += [f"Group: {group or 'all'}", "",
                      tabulate(shown, headers="keys", tablefmt="github", showindex=False), ""]
    return ["## Reconciled bands", "", *lines] if lines else []


def evidence_table(records: list[dict[str, Any]], tablefmt: str = "github") -> str:
    """The evidence of one finding as a table (``github``: Markdown, escaped)."""
    return tabulate(evidence_rows(records, markdown=tablefmt == "github"), headers="keys",
                    tablefmt=tablefmt, disable_numparse=True)


def finding_blocks(findings: pd.DataFrame, markdown: bool = False,
                   limit: int | None = None) -> list[str]:
    """Each finding, numbered, with its evidence table: plain text, or Markdown (the check
    as code, a blank line before a GitHub table). With ``limit``, the first ``limit`` and a
    line saying how many more there are."""
    blocks = []
    shown = findings if limit is None else findings.head(limit)
    for number, (_, finding) in enumerate(shown.iterrows(), start=1):
        check = f"`{finding['check']}`" if markdown else finding["check"]
        message = markdown_cell(finding["message"]) if markdown else visible(finding["message"])
        block = f"{number}. {check}: {message}"
        gap = gap_text(finding["figures"] or [])
        if gap:
            block += f" ({gap})"
        if finding["figures"]:
            table = evidence_table(finding["figures"], tablefmt="github" if markdown else "simple")
            block += ("\n\n" if markdown else "\n") + table
        blocks.append(block)
    if limit is not None and len(findings) > limit:
        blocks.append(f"… and {len(findings) - limit} more (all of them: `figures check "
                      "--json FILE` or `--findings FILE.csv`).")
    return blocks


def failure_text(findings: pd.DataFrame, description: str = "",
                 limit: int | None = FINDINGS_PER_RULE) -> str:
    """What a failing pytest item prints: the rule's description, then each failed finding and
    its evidence as text (the first ``limit``, then how many more)."""
    failed = findings[findings["failed"]]
    if failed.empty:
        return ""
    failed = mark_repeats(failed)
    repeats = int(failed["repeat"].sum())
    blocks = finding_blocks(failed[~failed["repeat"]], limit=limit)
    head = [f"Rule: {description}"] if description else []
    if repeats:
        head.append(f"({plural(repeats, 'pair')} reported from both sides shown once)")
    return "\n\n".join(["\n".join(head)] * bool(head) + blocks)


def timeline_rules(findings: pd.DataFrame) -> list[str]:
    """Ids of the time-based rules with violations: the ones a timeline plot explains."""
    bad = findings[(findings["status"] == "fail") & findings["kind"].isin(TIME_CHECKS)]
    return list(dict.fromkeys(bad["rule"]))


def inventory(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures per metric: how many, in how many documents and outlets, cumulative, dates."""
    if figures.empty:
        return pd.DataFrame(columns=["metric", "figures", "documents", "outlets", "cumulative",
                                     "first", "last"])
    dates = pd.to_datetime(figures["published"])
    table = figures.assign(_date=dates).groupby("metric", sort=True).agg(
        figures=("doc", "size"), documents=("doc", "nunique"), outlets=("outlet", "nunique"),
        cumulative=("cumulative", "sum"), first=("_date", "min"), last=("_date", "max"))
    for column in ("first", "last"):
        table[column] = table[column].dt.strftime("%Y-%m-%d").fillna("")
    table["cumulative"] = table["cumulative"].astype(int)
    return table.sort_values("figures", ascending=False).reset_index()


def status_word(severity: str, status: str, fail_on: str = "error") -> str:
    """How a rule's result reads: FAIL (fails the run), WARN (found problems below the fail
    level), pass, no data.

    >>> status_word("warning", "fail"), status_word("error", "fail"), status_word("info", "pass")
    ('WARN', 'FAIL', 'pass')
    """
    if status != "fail":
        return status.replace("_", " ")
    fails = fail_on != "never" and SEVERITIES.index(severity) <= SEVERITIES.index(fail_on)
    return "FAIL" if fails else "WARN"


def _anchor(rule_id: str) -> str:
    return f"[{rule_id}](#{rule_id})"


def summary_lines(summary: ReportSummary) -> list[str]:
    """The summary section: headline, verdict, rules with problems, top findings, figures in
    most findings, what was read and kept out."""
    lines = ["## Summary", "", f"**{summary.headline()}** {summary.verdict()}", ""]
    found = [line for line in summary.rules if line.problems]
    if found:
        rows = [{"rule": _anchor(line.rule),
                 "result": status_word(line.severity, line.status, summary.fail_on),
                 "severity": line.severity, "problems": line.problems,
                 "what it checks": _cell(line.description or line.check),
                 "allowed": _cell(line.tolerance)} for line in found]
        lines += ["Rules that found problems:", "",
                  tabulate(rows, headers="keys", tablefmt="github"), ""]
    if not summary.top.empty:
        lines += ["### Top findings", ""]
        for number, finding in enumerate(summary.top.itertuples(), start=1):
            gap = gap_text(finding.figures or [])
            lines.append(f"{number}. {_anchor(finding.rule)} ({finding.severity}): "
                         f"{_cell(finding.message)}" + (f". *{gap.capitalize()}.*" if gap else ""))
        shown, total = len(summary.top), summary.total_problems
        if total > shown:
            lines.append(f"\n… and {total - shown} more problems, by rule under Findings.")
        lines.append("")
    if summary.busiest:
        lines += ["### Figures in most findings", "",
                  "One misread or outdated figure can explain several findings:", ""]
        lines += [f"- {_cell(describe(record))} ({_cell(record.get('outlet'))}, "
                  f"{record.get('date')}, doc {_cell(record.get('doc'))}): in "
                  f"{plural(count, 'problem')}" for record, count in summary.busiest]
        lines.append("")
    lines += ["### What was read and kept out", ""]
    lines += [f"- {_cell(line)}" for line in summary.read]
    lines += [f"- Kept out: {_cell(line)}" for line in summary.kept_out]
    lines.append("")
    return lines


def markdown_report(findings: pd.DataFrame, figures: pd.DataFrame | None = None,
                    read_report: Any = None, plots: Mapping[str, str] | None = None,
                    title: str = "Figures report", fail_on: str = "error",
                    rules: Iterable[Any] | None = None,
                    limit: int = FINDINGS_PER_RULE) -> str:
    """The report a person reads: a summary first (problems by severity, the rules that found
    them, the top findings, what was read and kept out), then every rule, each rule's findings
    with their evidence (the first ``limit``; the JSON and CSV have all), timelines (``plots``
    maps a rule id to the image's relative path) and an inventory of the figures per metric."""
    plots = plots or {}
    summary = build_summary(findings, figures, read_report, rules, fail_on)
    lines = [f"# {_cell(title)}", "", *summary_lines(summary)]
    lines += ["## Rules", ""]
    rows = [{"rule": _anchor(line.rule) if line.findings else line.rule,
             "check": f"`{line.check}`", "severity": line.severity,
             "result": status_word(line.severity, line.status, fail_on),
             "problems": line.problems, "figures checked": line.checked,
             "source": _cell(line.source)} for line in summary.rules]
    lines += [tabulate(rows, headers="keys", tablefmt="github"), ""]
    for line in summary.rules:
        text = f"- `{line.rule}`: {_cell(line.description) or '(no description)'}"
        if line.tolerance:
            text += f" Allowed: {_cell(line.tolerance)}."
        if line.message:
            text += f" Result: {_cell(line.message)}."
        lines.append(text)
    lines += ["", "## Findings", ""]
    marked = mark_repeats(findings)
    violations = marked[marked["status"] == "fail"]
    if violations.empty:
        lines += ["No violations.", ""]
    by_rule = {line.rule: line for line in summary.rules}
    for rule_id, group in violations.groupby("rule", sort=False):
        line = by_rule[str(rule_id)]
        distinct = group[~group["repeat"]]
        repeats = len(group) - len(distinct)
        lines += [f"### {rule_id}", ""]
        if line.description:
            lines += [f"*{_cell(line.description)}*", ""]
        lines += [f"`{line.check}`, severity **{line.severity}** "
                  f"({status_word(line.severity, line.status, fail_on)}), "
                  f"{plural(len(distinct), 'problem')}"
                  + (f" ({plural(repeats, 'pair')} reported from both sides counted once)"
                     if repeats else "")
                  + (f"; allowed: {_cell(line.tolerance)}" if line.tolerance else "")
                  + (f"; defined at {code_span(line.source)}" if line.source else ""), ""]
        if rule_id in plots:
            lines += [f"![timeline of {rule_id}]({plots[str(rule_id)]})", ""]
        for number, (_, finding) in enumerate(distinct.head(limit).iterrows(), start=1):
            gap = gap_text(finding["figures"] or [])
            lines += [f"{number}. {_cell(finding['message'])}"
                      + (f" (*{_cell(gap)}*)" if gap else ""), ""]
            if finding["figures"]:
                lines += [evidence_table(finding["figures"]), ""]
        if len(distinct) > limit:
            lines += [f"… and {len(distinct) - limit} more `{rule_id}` problems: the JSON "
                      "(`--json`) and the findings table (`--findings FILE.csv`) list them "
                      "all.", ""]
    lines += band_section(findings)
    if figures is not None:
        lines += ["## Inventory of figures", "",
                  tabulate(inventory(figures), headers="keys", tablefmt="github",
                           showindex=False), ""]
    return "\n".join(lines)
