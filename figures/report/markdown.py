"""Views of the findings table for people: the Markdown report and the pytest failure text.

Both read the one table ``figures.check.check`` returns (as does the JSON of
``figures.report.data``); nothing here decides what passes. Timeline plots are
drawn by ``figures.report.plot`` and written (like every file) by the caller:
``markdown_report`` only links to them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
from tabulate import tabulate

from figures.check import describe, failing, number_text, summarize
from figures.report.escape import code_span, markdown_cell, visible

#: Checks whose findings are placed in time, so a timeline helps.
TIME_CHECKS = ("monotonic", "agree", "rate")
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
        "outlet": cell(record.get("outlet")),
        "date": cell(record.get("date")),
        "doc": cell(record.get("doc")),
        "quote": quote(record, markdown=markdown),
        "value": cell(describe(record)),
        "bounds": bounds_text(record),  # numbers and words of ours, no data
        "claimant": cell(record.get("claimant")),
    } for record in records]


def evidence_table(records: list[dict[str, Any]], tablefmt: str = "github") -> str:
    """The evidence of one finding as a table (``github``: Markdown, escaped)."""
    return tabulate(evidence_rows(records, markdown=tablefmt == "github"), headers="keys",
                    tablefmt=tablefmt, disable_numparse=True)


def finding_blocks(findings: pd.DataFrame, markdown: bool = False) -> list[str]:
    """Each finding, numbered, with its evidence table: plain text, or Markdown (the check
    as code, a blank line before a GitHub table)."""
    blocks = []
    for number, (_, finding) in enumerate(findings.iterrows(), start=1):
        check = f"`{finding['check']}`" if markdown else finding["check"]
        message = markdown_cell(finding["message"]) if markdown else visible(finding["message"])
        block = f"{number}. {check}: {message}"
        if finding["figures"]:
            table = evidence_table(finding["figures"], tablefmt="github" if markdown else "simple")
            block += ("\n\n" if markdown else "\n") + table
        blocks.append(block)
    return blocks


def failure_text(findings: pd.DataFrame) -> str:
    """What a failing pytest item prints: each failed finding and its evidence, as text."""
    return "\n\n".join(finding_blocks(findings[findings["failed"]]))


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


def markdown_report(findings: pd.DataFrame, figures: pd.DataFrame | None = None,
                    read_report: Any = None, plots: Mapping[str, str] | None = None,
                    title: str = "Figures report", fail_on: str = "error") -> str:
    """The report a person reads: what was read, the rules' results, every finding with its
    evidence, timelines (``plots`` maps a rule id to the image's relative path) and an
    inventory of the figures per metric."""
    plots = plots or {}
    summary = summarize(findings)
    lines = [f"# {_cell(title)}", ""]
    lines += ["## What was read", ""]
    if read_report is not None:
        lines += [_cell(read_report.summary() if hasattr(read_report, "summary")
                        else str(read_report)), ""]
    if figures is not None:
        with_figures = figures["doc"].nunique()
        documents = getattr(read_report, "documents", with_figures)
        without = (f" ({documents - with_figures} of the {documents} documents state no figure)"
                   if documents > with_figures else "")
        lines += [f"{len(figures)} figures extracted from {with_figures} documents{without}.", ""]
    bad = failing(findings, fail_on)
    verdict = (f"**{bad['rule'].nunique()} of {len(summary)} rules failed** at or above "
               f"severity `{fail_on}`." if len(bad) else
               f"No rule failed at or above severity `{fail_on}` ({len(summary)} rules).")
    lines += ["## Rules", "", verdict, ""]
    shown = summary.assign(
        rule=[f"[{r}](#{r})" if v else r for r, v in zip(summary["rule"], summary["violations"],
                                                          strict=True)],
        check=summary["check"].map(lambda c: f"`{c}`"),
        status=summary["status"].str.replace("_", " "),
        source=summary["source"].map(_cell),
    )[["rule", "check", "severity", "status", "violations", "checked", "source"]]
    shown = shown.rename(columns={"checked": "figures checked"})
    lines += [tabulate(shown, headers="keys", tablefmt="github", showindex=False), ""]
    messages = findings[findings["status"] != "fail"]
    if not messages.empty:
        lines += [f"- `{row.rule}` ({row.status.replace('_', ' ')}): {_cell(row.message)}"
                  for row in messages.itertuples()]
        lines.append("")
    lines += ["## Findings", ""]
    violations = findings[findings["status"] == "fail"]
    if violations.empty:
        lines += ["No violations.", ""]
    for rule_id, group in violations.groupby("rule", sort=False):
        first = group.iloc[0]
        lines += [f"### {rule_id}", "",
                  f"`{first['check']}`, severity **{first['severity']}**, "
                  f"{len(group)} violation{'s' if len(group) != 1 else ''}"
                  + (f", defined at {code_span(first['source'])}" if first["source"] else ""), ""]
        if rule_id in plots:
            lines += [f"![timeline of {rule_id}]({plots[rule_id]})", ""]
        for number, (_, finding) in enumerate(group.iterrows(), start=1):
            lines += [f"{number}. {_cell(finding['message'])}", ""]
            if finding["figures"]:
                lines += [evidence_table(finding["figures"]), ""]
    if figures is not None:
        lines += ["## Inventory of figures", "",
                  tabulate(inventory(figures), headers="keys", tablefmt="github",
                           showindex=False), ""]
    return "\n".join(lines)
