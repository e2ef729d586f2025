"""What a reader sees first: distinct problems by severity, the rules that found them, the top
findings, what was read and what was kept out.

One ``ReportSummary`` feeds the Markdown report, the HTML report and the JSON summary, so
the three say the same numbers. A *problem* is a finding counted once: a pair of figures
reported from both sides ("A is above B", "B is below A") is one problem, not two.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from figures.check import describe, failing, figure_dates, number_text, select, summarize
from figures.model import SEVERITIES
from figures.rules import LoadedRule, amount_text, span_days

#: Findings listed under "Top findings" in the summary.
TOP_FINDINGS = 5
#: Findings shown per rule in the details before "and N more" (all are in JSON and CSV).
FINDINGS_PER_RULE = 10
#: Figures named under "Figures in most findings".
TOP_FIGURES = 5


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``, ``1 match`` / ``2 matches`` (``many`` for irregular plurals).

    >>> plural(1, "day"), plural(2, "day"), plural(0, "file"), plural(3, "match", "matches")
    ('1 day', '2 days', '0 files', '3 matches')
    """
    return f"{count:,} {noun if count == 1 else (many or noun + 's')}"


def figure_key(record: Mapping[str, Any]) -> tuple[str, int, int]:
    """Which figure a record is: its document and offsets."""
    return (str(record.get("doc")), int(record.get("start") or 0), int(record.get("end") or 0))


def problem_keys(findings: pd.DataFrame) -> list[tuple[Any, ...]]:
    """Each finding's problem: its rule and the unordered set of its first two figures (the
    pair it is about), or its message when it names no figure."""
    keys = []
    for row in findings.itertuples():
        records = row.figures or []
        if records:
            named = frozenset(figure_key(record) for record in records[:2])
            keys.append((row.rule, named))
        else:
            keys.append((row.rule, row.message))
    return keys


def mark_repeats(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings with ``problem`` (number of the problem, from 1, per finding that failed)
    and ``repeat`` (True for a finding whose pair an earlier finding of its rule reported)."""
    out = findings.copy()
    problem, repeat, seen = [], [], {}  # type: ignore[var-annotated]
    rows = zip(problem_keys(findings), findings["status"], findings["failed"], strict=True)
    for key, status, failed in rows:
        if status != "fail" and not failed:
            problem.append(0)
            repeat.append(False)
            continue
        if key in seen:
            problem.append(seen[key])
            repeat.append(True)
        else:
            seen[key] = len(seen) + 1
            problem.append(seen[key])
            repeat.append(False)
    out["problem"] = problem
    out["repeat"] = repeat
    return out


def stated_number(record: Mapping[str, Any]) -> float | None:
    """The number a figure states: value, else low, else high."""
    for key in ("value", "low", "high"):
        value = record.get(key)
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            return float(value)
    return None


def stated_gap(records: list[dict[str, Any]]) -> tuple[float, float] | None:
    """The gap a reader sees between a pair's stated numbers, and as a share of the larger.

    >>> stated_gap([{"value": 220000.0}, {"value": 250000.0}])
    (30000.0, 0.12)
    """
    if len(records) < 2:
        return None
    a, b = stated_number(records[0]), stated_number(records[1])
    if a is None or b is None:
        return None
    gap = abs(b - a)
    larger = max(abs(a), abs(b))
    return gap, (gap / larger if larger else 0.0)


def gap_text(records: list[dict[str, Any]]) -> str:
    """"the quotes say 220,000 and 250,000: a gap of 30,000 (12%)", or ''."""
    gap = stated_gap(records)
    if gap is None or gap[0] == 0:
        return ""
    a, b = (describe(record) for record in records[:2])
    return f"the quotes say {a} and {b}: a gap of {number_text(gap[0])} ({gap[1]:.0%})"


def tolerance_text(rule: Any) -> str:
    """What a rule allows, in words: "tolerance 5%, within 30 days; 'more than X' read as at
    most 5% above X"."""
    parts = []
    if getattr(rule, "check", "") == "range":
        low, high = rule.min, rule.max
        parts.append(f"from {number_text(low)} to {number_text(high)}" if low is not None and
                     high is not None else f"at least {number_text(low)}" if low is not None
                     else f"at most {number_text(high)}")
    tolerance = getattr(rule, "tolerance", None)
    if tolerance is not None:
        years = getattr(rule, "check", "") == "duration" and not isinstance(tolerance, str)
        unit = (" year" if float(tolerance) == 1 else " years") if years else ""
        parts.append(f"tolerance {amount_text(tolerance)}{unit}" if tolerance not in (0, 0.0)
                     else "no tolerance")
    within = getattr(rule, "within", None)
    if within is not None:
        parts.append(f"within {plural(span_days(within), 'day')}")
    if getattr(rule, "max_per_day", None) is not None:
        parts.append(f"at most {number_text(rule.max_per_day)} a day")
    if getattr(rule, "min_per_day", None) is not None:
        parts.append(f"at least {number_text(rule.min_per_day)} a day")
    open_ends = getattr(rule, "open_ends", None)
    if open_ends is not None:
        parts.append(f"'more than X' read as at most {amount_text(open_ends)} above X")
    elif getattr(rule, "check", "") in ("agree", "monotonic", "rate"):
        parts.append("'more than X' read as X or more, without limit")
    return "; ".join(parts)


@dataclass(frozen=True)
class RuleLine:
    """One rule as the summary shows it."""

    rule: str
    check: str
    severity: str
    status: str
    description: str
    tolerance: str
    findings: int
    problems: int
    checked: int
    source: str
    message: str  # the pass / no-data sentence ("" when the rule found problems)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ReportSummary:
    """The numbers and lines of the report's summary (also the JSON ``summary``)."""

    rules: list[RuleLine]
    problems: dict[str, int]  # distinct problems by severity (every severity listed)
    findings: int  # failed finding rows, repeats included
    fail_on: str
    failing: list[str]
    read: list[str]  # what was read, in sentences
    kept_out: list[str]  # what was kept out, in sentences
    top: pd.DataFrame  # the top findings (rows of the marked findings table)
    busiest: list[tuple[dict[str, Any], int]] = field(default_factory=list)

    @property
    def total_problems(self) -> int:
        return sum(self.problems.values())

    def headline(self) -> str:
        """The first sentence a reader sees."""
        if not self.total_problems:
            ran = plural(len(self.rules), "rule")
            return f"No problems found: {ran} checked."
        by = ", ".join(f"{count:,} {severity}{'s' if count != 1 and severity != 'info' else ''}"
                       for severity, count in self.problems.items() if count)
        found = [line for line in self.rules if line.problems]
        return (f"{plural(self.total_problems, 'problem')} ({by}) found by "
                f"{plural(len(found), 'rule')} of {len(self.rules)}.")

    def verdict(self) -> str:
        """Whether the run fails, and why."""
        if self.fail_on == "never":
            return "Nothing fails the run (`--fail-on never`)."
        if self.failing:
            return (f"**The run fails**: {plural(len(self.failing), 'rule')} at or above "
                    f"severity `{self.fail_on}` found problems.")
        below = [line for line in self.rules if line.problems]
        tail = (f"; {plural(len(below), 'rule')} below it found problems (shown as WARN)"
                if below else "")
        return f"The run passes: no rule at or above severity `{self.fail_on}` failed{tail}."

    def to_dict(self) -> dict[str, Any]:
        return {"problems": dict(self.problems), "total_problems": self.total_problems,
                "findings": self.findings, "headline": self.headline(),
                "read_lines": self.read, "kept_out": self.kept_out}


def rule_models(rules: Iterable[Any] | None) -> dict[str, Any]:
    """Rule id -> rule model, from a RuleSet, LoadedRules or models."""
    out: dict[str, Any] = {}
    for item in rules or ():
        model = item.rule if isinstance(item, LoadedRule) else item
        out[model.id] = model
    return out


def build_summary(findings: pd.DataFrame, figures: pd.DataFrame | None = None,
                  read_report: Any = None, rules: Iterable[Any] | None = None,
                  fail_on: str = "error", top: int = TOP_FINDINGS) -> ReportSummary:
    """Fold the findings (and what was read) into the summary a reader sees first."""
    marked = mark_repeats(findings)
    models = rule_models(rules)
    summary = summarize(findings)
    lines = []
    for row in summary.itertuples():
        rows = marked[marked["rule"] == row.rule]
        failed = rows[rows["status"] == "fail"]
        model = models.get(row.rule)
        count = int((~failed["repeat"]).sum()) or int(bool(row.failed))
        message = "" if len(failed) else str(rows["message"].iloc[0])
        if row.status == "no_data" or (row.failed and not len(failed)):
            where = str(row.source).rsplit(":", 1)[0] or "RULES.yaml"
            message += (f" (`figures explain --rules {where} --rule {row.rule}` shows which "
                        "clause of the selection removed them)")
        lines.append(RuleLine(
            rule=row.rule, check=row.check, severity=row.severity, status=row.status,
            description=(getattr(model, "description", None) or "").strip(),
            tolerance=tolerance_text(model) if model is not None else "",
            findings=len(failed), problems=count, checked=int(row.checked),
            source=row.source, message=message))
    by_severity = dict.fromkeys(SEVERITIES, 0)
    for line in lines:
        by_severity[line.severity] = by_severity.get(line.severity, 0) + line.problems
    return ReportSummary(
        rules=lines, problems=by_severity, findings=int((findings["status"] == "fail").sum()),
        fail_on=fail_on, failing=sorted(set(failing(findings, fail_on)["rule"])),
        read=_read_lines(figures, read_report), kept_out=_kept_out(figures, read_report, models),
        top=top_findings(marked, top), busiest=busiest_figures(marked))


def top_findings(marked: pd.DataFrame, count: int = TOP_FINDINGS) -> pd.DataFrame:
    """The findings a reader should look at first: distinct, most severe, widest gap first."""
    failed = marked[(marked["status"] == "fail") & ~marked["repeat"]]
    if failed.empty:
        return failed
    rank = failed["severity"].map({s: i for i, s in enumerate(SEVERITIES)}).fillna(9)
    gaps = failed["figures"].map(lambda records: (stated_gap(records) or (0.0, 0.0))[1])
    order = failed.assign(_rank=rank, _gap=-gaps).sort_values(["_rank", "_gap"], kind="stable")
    return order.drop(columns=["_rank", "_gap"]).head(count)


def busiest_figures(marked: pd.DataFrame, count: int = TOP_FIGURES
                    ) -> list[tuple[dict[str, Any], int]]:
    """Figures named by two or more distinct problems: one misread figure explains many."""
    tally: dict[tuple[str, int, int], int] = {}
    first: dict[tuple[str, int, int], dict[str, Any]] = {}
    failed = marked[(marked["status"] == "fail") & ~marked["repeat"]]
    for records in failed["figures"]:
        for record in {figure_key(r): r for r in records[:2]}.values():
            key = figure_key(record)
            tally[key] = tally.get(key, 0) + 1
            first.setdefault(key, record)
    ranked = sorted((key for key, n in tally.items() if n > 1), key=lambda k: -tally[k])
    return [(first[key], tally[key]) for key in ranked[:count]]


def _read_lines(figures: pd.DataFrame | None, read_report: Any) -> list[str]:
    lines = []
    if read_report is not None:
        summary = read_report.summary() if hasattr(read_report, "summary") else str(read_report)
        lines.append(summary[:1].upper() + summary[1:])
    if figures is not None:
        with_figures = int(figures["doc"].nunique())
        lines.append(f"{plural(len(figures), 'figure')} extracted from "
                     f"{plural(with_figures, 'document')}.")
    return lines


def _kept_out(figures: pd.DataFrame | None, read_report: Any,
              models: Mapping[str, Any]) -> list[str]:
    """What the report does not count: duplicates, skips, documents without figures, figures
    left out of time checks for want of a date."""
    lines = []
    if read_report is not None and hasattr(read_report, "duplicates"):
        if read_report.duplicates:
            lines.append(f"{plural(len(read_report.duplicates), 'duplicate document')} "
                         "counted once.")
        if read_report.skipped:
            lines.append(f"{plural(len(read_report.skipped), 'input')} skipped (unreadable, "
                         "empty or binary; named under What was read).")
    if figures is not None:
        documents = getattr(read_report, "documents", None)
        with_figures = int(figures["doc"].nunique())
        if isinstance(documents, int) and documents > with_figures:
            lines.append(f"{plural(documents - with_figures, 'document')} of {documents} "
                         f"{'states' if documents - with_figures == 1 else 'state'} no figure.")
        for rule_id, model in models.items():
            if getattr(model, "check", "") in ("part_of", "sum"):
                continue
            chosen = select(figures, model)
            undated = int(figure_dates(chosen, model.dated_by).isna().sum())
            if undated:
                lines.append(f"`{rule_id}`: {plural(undated, 'selected figure')} without a "
                             "date left out.")
    return lines or ["Nothing: every input was read and every selected figure is dated."]
