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
band      consensus rules: the reconciled band of every group, a list of dicts: group,
          date, low, best, high, statements, outlets (the same on every row of the rule);
          None for other checks
kept_out  the figures the rule selected but kept out (hedged, of another period, off-date),
          each a figure record with ``why``; the same on every row of the rule
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

from figures.check.consensus import band_records, check_consensus, group_bands
from figures.check.evidence import Records, collapse_copies
from figures.check.keepout import KeepOutPatterns, KeepOutVocab, kept_out_at
from figures.check.scope import check_part_of, check_sum
from figures.check.selection import Columns, figure_dates, selection_mask
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
    Consensus,
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
    "group", "figures", "checked", "source", "band", "kept_out",
)


# --- running rules ---------------------------------------------------------------------------


def check(figures: pd.DataFrame, rules: RuleSet | Iterable[LoadedRule | AnyRule]
          ) -> pd.DataFrame:
    """Run every rule over the figures table; the findings table (FINDING_COLUMNS).

    ``figures`` has the columns of ``figures.model.FIGURE_COLUMNS``; ``rules`` is a
    RuleSet from ``load_rules``, or rules (loaded or built in Python).
    """
    parts: list[dict[str, list[Any]]] = []
    patterns = KeepOutVocab.default().patterns()
    columns = Columns(figures)  # converted once, shared by the rules
    for item in rules:
        loaded = item if isinstance(item, LoadedRule) else None
        rule = item.rule if isinstance(item, LoadedRule) else item
        parts.append(_rule_findings(figures, rule, loaded.location if loaded else "",
                                    patterns, columns))
    if parts:  # column by column: far cheaper than a DataFrame of many dicts, same table
        findings = pd.DataFrame({name: [value for part in parts for value in part[name]]
                                 for name in FINDING_COLUMNS})
    else:
        findings = pd.DataFrame([], columns=list(FINDING_COLUMNS))
    findings["date"] = pd.to_datetime(findings["date"], format="ISO8601")  # "2015-07-02"
    findings["failed"] = findings["failed"].astype(bool)
    findings["checked"] = findings["checked"].astype(np.int64)
    return findings


def check_rule(figures: pd.DataFrame, rule: AnyRule, source: str = "",
               patterns: KeepOutPatterns | None = None, columns: Columns | None = None
               ) -> list[dict[str, Any]]:
    """The finding rows of one rule (at least one). ``columns``: the table's columns as
    ``check`` converted them for all its rules."""
    found = _rule_findings(figures, rule, source, patterns, columns)
    return [dict(zip(FINDING_COLUMNS, row, strict=True))
            for row in zip(*(found[name] for name in FINDING_COLUMNS), strict=True)]


def _rule_findings(figures: pd.DataFrame, rule: AnyRule, source: str,
                   patterns: KeepOutPatterns | None, columns: Columns | None
                   ) -> dict[str, list[Any]]:
    """``check_rule`` as columns: each of FINDING_COLUMNS a list, one value a finding."""
    if columns is None or columns.figures is not figures:
        columns = Columns(figures)
    base = selection_mask(figures, rule.select, rule.dated_by, columns=columns)
    note = ""
    band = None
    patterns = patterns or KeepOutVocab.default().patterns()
    selected = np.flatnonzero(base.to_numpy())
    why = kept_out_at(columns, selected, rule, patterns)
    kept = _kept_out_records(figures, selected, why, rule)
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
        frame = Frame.shared(columns, rule, group_by, needs_dates=not isinstance(rule, Range),
                             positions=selected[why == ""])
        checked = len(frame)
        violations = _CHECKERS[type(rule)](frame, rule)
        if isinstance(rule, Consensus):
            band = group_bands(frame, rule)
        empty = "no dated figure matched the selection" if frame.undated else \
            "no figure matched the selection"
        count = frame.groups()
        groups_text = (f" in {count} group{'s' * (count != 1)} ({', '.join(group_by)})"
                       if group_by else "")
        summary = f"checked {checked} figure{'s' * (checked != 1)}{groups_text}"
        if frame.undated:
            note = f"; {frame.undated} undated figure{'s' * (frame.undated != 1)} left out"
    if kept:
        note += f"; {_kept_out_note(kept)}"
    every_band = None if band is None else band_records(band)
    common = {"rule": rule.id, "check": rule.label(), "kind": rule.check,
              "severity": rule.severity, "checked": checked, "source": source, "band": None,
              "kept_out": kept}
    if violations:
        positions = [violation.row for violation in violations]
        groups = frame.group_labels(positions) if frame is not None else [""] * len(positions)
        shown_figures, messages, dates, outlets = [], [], [], []
        # copies of one story to fold only where the table names stories
        stories = "story" in figures and not columns.missing("story").all()
        for violation, group in zip(violations, groups, strict=True):
            shown, about = collapse_copies(violation.figures, violation.about) if stories \
                else (violation.figures, violation.about)
            subject = shown[about]
            shown_figures.append(shown)
            messages.append(violation.message + _kept_out_nearby(kept, group, shown))
            dates.append(subject.get("date"))
            outlets.append(subject.get("outlet"))
        severities = [violation.severity or rule.severity for violation in violations]
        # in date order; a stable sort keeps a date's findings in the order found
        order = sorted(range(len(violations)), key=lambda index: str(dates[index] or ""))
        return _finding_columns(order, {
            "severity": severities, "message": messages, "date": dates, "outlet": outlets,
            "group": groups, "figures": shown_figures},
            {**common, "status": "fail", "failed": True, "band": every_band})
    if checked == 0:
        # A rule that requires data and has none fails, and says so once: status fail.
        required = "; the rule requires data, so it fails" if rule.require_data else ""
        return _finding_columns([0], {"message": [empty + note + required], "figures": [[]]}, {
            **common, "status": "fail" if rule.require_data else "no_data",
            "failed": rule.require_data, "date": None, "outlet": None, "group": ""})
    return _finding_columns([0], {"message": [f"{summary}: no violation{note}"],
                                  "figures": [[]]},
                            {**common, "status": "pass", "failed": False, "date": None,
                             "outlet": None, "group": "", "band": every_band})


def _finding_columns(order: list[int], each: dict[str, list[Any]], every: dict[str, Any]
                     ) -> dict[str, list[Any]]:
    """FINDING_COLUMNS as lists of ``len(order)`` findings: ``each`` column's values taken
    in ``order``, ``every`` column's one value the same for all."""
    return {name: [each[name][index] for index in order] if name in each
            else [every[name]] * len(order) for name in FINDING_COLUMNS}


def consensus_band(figures: pd.DataFrame, rule: Consensus | LoadedRule) -> pd.DataFrame:
    """The reconciled band of a consensus rule as a DataFrame, one row per group and
    statement day: group, date, low, best, high, statements, outlets (``BAND_COLUMNS``).

    All outlets together (the check itself leaves each statement's own outlet out);
    low/high are NaN where open.
    """
    model = rule.rule if isinstance(rule, LoadedRule) else rule
    if not isinstance(model, Consensus):
        raise TypeError(f"{model.id} is a {model.check} rule, not a consensus rule")
    columns = Columns(figures)
    selected = np.flatnonzero(selection_mask(figures, model.select, model.dated_by,
                                             columns=columns).to_numpy())
    why = kept_out_at(columns, selected, model, KeepOutVocab.default().patterns())
    frame = Frame(figures, model, names(model.group_by),  # type: ignore[arg-type]
                  positions=selected[why == ""], columns=columns)
    return group_bands(frame, model)


def _kept_out_records(figures: pd.DataFrame, selected: np.ndarray, why: np.ndarray,
                      rule: AnyRule) -> list[dict[str, Any]]:
    """The figure records of the kept-out figures (of the table's ``selected`` rows, with
    ``why`` each), each with ``why`` and its group label."""
    out = figures.iloc[selected[why != ""]]
    if out.empty:
        return []
    out = out.assign(date=figure_dates(out, rule.dated_by))
    records = Records(out).prepare(np.arange(len(out)))
    group_by = names(getattr(rule, "group_by", None))
    listed = []
    for position, reason in enumerate(why[why != ""].tolist()):  # in table order
        record = records.record(position, "kept out")
        record["why"] = reason
        record["group"] = ", ".join(f"{key}={out.iloc[position][key] or 'none'}"
                                    if pd.notna(out.iloc[position][key]) else f"{key}=none"
                                    for key in group_by)
        listed.append(record)
    return listed


def _kept_out_note(kept: list[dict[str, Any]]) -> str:
    """"3 figures kept out (2 hedged, 1 of another period)"."""
    kinds: dict[str, int] = {}
    for record in kept:
        kind = record["why"].split(" (")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    parts = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    return f"{len(kept)} figure{'s' * (len(kept) != 1)} kept out ({parts})"


#: Days around a finding's figures within which a kept-out figure of its group is named.
_NEARBY_DAYS = 30


def _kept_out_nearby(kept: list[dict[str, Any]], group: str,
                     figures_: list[dict[str, Any]]) -> str:
    """"; kept out nearby: '470,000' (trt, 2016-07-12), hedged ('may have')" or ""."""
    if not kept:
        return ""
    dates = [pd.Timestamp(f["date"]) for f in figures_ if f.get("date")]
    if not dates:
        return ""
    first = min(dates) - pd.Timedelta(days=_NEARBY_DAYS)
    last = max(dates) + pd.Timedelta(days=_NEARBY_DAYS)
    near = [record for record in kept if record["group"] == group and record.get("date")
            and first <= pd.Timestamp(record["date"]) <= last]
    if not near:
        return ""
    shown = "; ".join(f"{record['text']!r} ({record['outlet']}, {record['date']}): "
                      f"{record['why']}" for record in near[:3])
    more = f" and {len(near) - 3} more" if len(near) > 3 else ""
    return f" (kept out nearby: {shown}{more})"


_CHECKERS: dict[type, Any] = {
    Monotonic: check_monotonic, Agree: check_agree, Rate: check_rate, Range: check_range,
    Duration: check_duration, Consensus: check_consensus,
}


def summarize(findings: pd.DataFrame) -> pd.DataFrame:
    """One row per rule: rule, check, severity, status, failed, violations, checked, source.

    ``status`` is ``fail`` when the rule has a violation (or requires data and has none),
    else ``pass`` or ``no_data``.
    """
    if findings.empty:
        return pd.DataFrame(columns=["rule", "check", "severity", "status", "failed",
                                     "violations", "checked", "source"])
    # a rule's severity is its most serious finding's (a stale restatement is one lower)
    rank = findings["severity"].map(SEVERITIES.index)
    findings = findings.assign(_rank=np.where(findings["failed"], rank, rank + len(SEVERITIES)))
    grouped = findings.groupby("rule", sort=False)
    summary = grouped.agg(check=("check", "first"), failed=("failed", "any"),
                          checked=("checked", "first"), source=("source", "first"),
                          first_status=("status", "first"), _rank=("_rank", "min"))
    summary["severity"] = [SEVERITIES[int(r) % len(SEVERITIES)] for r in summary["_rank"]]
    # violations: findings with evidence (a rule failing for lack of data has none)
    summary["violations"] = grouped.apply(
        lambda rows: int(((rows["status"] == "fail") & rows["figures"].map(bool)).sum()),
        include_groups=False)
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
