"""Check the figures table against rules; the findings are a table too.

``check(figures, rules)`` returns one DataFrame, ``FINDING_COLUMNS``:

========  ==============================================================
rule      the rule id
check     the rule as a re-runnable expression: ``agree(within=30d, tolerance=10%)``
kind      the check kind (monotonic, agree, rate, part_of, sum, range, duration)
severity  error, warning or info
status    ``fail`` (one row per violation), ``pass`` or ``no_data`` (one row for the rule)
failed    True for violations, and for ``no_data`` when the rule has ``require_data: true``
message   one sentence a person reads: "fell from more than 230,000 on 2015-07-02 to ..."
date      date of the figure that broke the rule (the later one of a pair); NaT otherwise
outlet    its outlet
group     the group the rule compared in ("outlet=ahram"), "" when not grouped
figures   list of figure records involved, each a dict: role, doc, start, end, text,
          value, low, high, qualifier, unit, noun, outlet, published, date, claimant,
          sentence (dates as ISO strings, missing values None)
checked   how many figures the rule selected (the same on every row of the rule)
source    ``path:line`` of the rule ("" for a rule built in Python)
========  ==============================================================

Every rule has at least one row, so a rule that selects nothing is never a
silent pass. ``summarize`` folds the findings into one row per rule; the
Markdown report, the JSON output and the pytest failure text all read these.

Figures are compared as bands ``[lo, hi]`` (``bands``): exact figures are
``[v, v]``; "more than 220,000" is ``[220000, inf)`` unless the rule's
``open_ends`` closes it; "close to 500,000" (approx) is the point 500,000, and
the rule's tolerance is its band; "hundreds of" is ``[200, 999]``. Pairwise
checks sort by group and date and compare within windows with rolling
max/min and ``merge_asof``: no loop over pairs.

This module runs the rules and folds the findings; ``selection`` picks and bands
the figures, ``time`` and ``scope`` hold the checks, ``evidence``
the figure records and the words of a message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from figures.check.scope import check_part_of, check_sum
from figures.check.selection import selection_mask
from figures.check.time import (
    Frame,
    check_agree,
    check_duration,
    check_monotonic,
    check_range,
    check_rate,
)
from figures.model import SEVERITIES
from figures.rules import (
    Agree,
    AnyRule,
    Duration,
    LoadedRule,
    Monotonic,
    PartOf,
    Range,
    Rate,
    RuleSet,
    Sum,
    names,
)

FINDING_COLUMNS: tuple[str, ...] = (
    "rule", "check", "kind", "severity", "status", "failed", "message", "date", "outlet",
    "group", "figures", "checked", "source",
)


# --- running rules ---------------------------------------------------------------------------


def check(figures: pd.DataFrame, rules: RuleSet | Iterable[LoadedRule | AnyRule]
          ) -> pd.DataFrame:
    """Run every rule over the figures table; the findings table (FINDING_COLUMNS).

    ``figures`` has the columns of ``figures.model.FIGURE_COLUMNS``; ``rules`` is a
    RuleSet from ``load_rules``, or rules (loaded or built in Python).
    """
    rows: list[dict[str, Any]] = []
    for item in rules:
        loaded = item if isinstance(item, LoadedRule) else None
        rule = item.rule if isinstance(item, LoadedRule) else item
        rows.extend(check_rule(figures, rule, loaded.location if loaded else ""))
    findings = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    findings["date"] = pd.to_datetime(findings["date"])
    findings["failed"] = findings["failed"].astype(bool)
    findings["checked"] = findings["checked"].astype(np.int64)
    return findings


def check_rule(figures: pd.DataFrame, rule: AnyRule, source: str = "") -> list[dict[str, Any]]:
    """The finding rows of one rule (at least one)."""
    base = selection_mask(figures, rule.select, rule.dated_by)
    note = ""
    if isinstance(rule, PartOf | Sum):
        checker = check_part_of if isinstance(rule, PartOf) else check_sum
        violations, pairs, _ = checker(figures, rule, base)  # type: ignore[operator,arg-type]
        checked = pairs
        what = "pairs of part and whole" if isinstance(rule, PartOf) else "stated totals"
        empty = f"no {what} in one {rule.scope} matched the selection"
        one = "pair of part and whole" if isinstance(rule, PartOf) else "stated total"
        summary = f"checked {pairs} {what if pairs != 1 else one} in one {rule.scope}"
        groups_text = ""
        frame = None
    else:
        group_by = names(getattr(rule, "group_by", None))
        frame = Frame(figures[base.to_numpy()], rule, group_by)
        checked = len(frame.frame)
        violations = _CHECKERS[type(rule)](frame, rule)
        empty = "no dated figure matched the selection" if frame.undated else \
            "no figure matched the selection"
        count = frame.groups()
        groups_text = (f" in {count} group{'s' * (count != 1)} ({', '.join(group_by)})"
                       if group_by else "")
        summary = f"checked {checked} figure{'s' * (checked != 1)}{groups_text}"
        if frame.undated:
            note = f"; {frame.undated} undated figure{'s' * (frame.undated != 1)} left out"
    common = {"rule": rule.id, "check": rule.label(), "kind": rule.check,
              "severity": rule.severity, "checked": checked, "source": source}
    if violations:
        out = []
        positions = [violation.row for violation in violations]
        groups = frame.group_labels(positions) if frame is not None else [""] * len(positions)
        for violation, group in zip(violations, groups, strict=True):
            subject = violation.figures[violation.about]
            out.append({**common, "status": "fail", "failed": True,
                        "message": violation.message, "date": subject.get("date"),
                        "outlet": subject.get("outlet"), "group": group,
                        "figures": violation.figures})
        out.sort(key=lambda finding: str(finding["date"] or ""))
        return out
    if checked == 0:
        required = " (the rule requires data)" if rule.require_data else ""
        return [{**common, "status": "no_data", "failed": rule.require_data,
                 "message": empty + required + note, "date": None, "outlet": None, "group": "",
                 "figures": []}]
    return [{**common, "status": "pass", "failed": False,
             "message": f"{summary}: no violation{note}", "date": None, "outlet": None,
             "group": "", "figures": []}]


_CHECKERS: dict[type, Any] = {
    Monotonic: check_monotonic, Agree: check_agree, Rate: check_rate, Range: check_range,
    Duration: check_duration,
}


def summarize(findings: pd.DataFrame) -> pd.DataFrame:
    """One row per rule: rule, check, severity, status, failed, violations, checked, source.

    ``status`` is ``fail`` when the rule has a violation (or requires data and has none),
    else ``pass`` or ``no_data``.
    """
    if findings.empty:
        return pd.DataFrame(columns=["rule", "check", "severity", "status", "failed",
                                     "violations", "checked", "source"])
    grouped = findings.groupby("rule", sort=False)
    summary = grouped.agg(check=("check", "first"), severity=("severity", "first"),
                          failed=("failed", "any"), checked=("checked", "first"),
                          source=("source", "first"), first_status=("status", "first"))
    summary["violations"] = grouped["status"].apply(lambda s: int((s == "fail").sum()))
    summary["status"] = np.where(summary["failed"], "fail", summary["first_status"])
    summary = summary.reset_index()
    return summary[["rule", "check", "severity", "status", "failed", "violations", "checked",
                    "source"]]


def failing(findings: pd.DataFrame, fail_on: str = "error") -> pd.DataFrame:
    """The failed rows at or above a severity (``never``: none)."""
    if fail_on == "never":
        return findings.iloc[0:0]
    levels = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return findings[findings["failed"] & findings["severity"].isin(levels)]
