"""``figures explain``: why figures are what they are, and why a rule selects what it selects.

``selection_steps(figures, rule)`` applies a rule's selection one clause at a time and
says how many figures each clause removed, so an empty selection explains itself (and
names the values the figures do have where a clause removed them all);
``figure_lines`` prints a document's figures with the cue words behind each field
(``figures.place.explain``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from figures.check import figure_dates, selection_mask
from figures.model import Document, Figure
from figures.place.explain import explain_figure
from figures.place.figure import PlaceVocab
from figures.report.summary import plural
from figures.rules import Selection

#: Columns whose most common values are named when a clause on them removes every figure.
VALUE_COLUMNS = ("metric", "noun", "unit", "qualifier", "outlet", "claimant", "place", "actor")
#: Clauses of a selection in the order they are applied.
CLAUSES = ("metric", "noun", "unit", "qualifier", "cumulative", "outlet", "claimant", "place",
           "actor", "since", "until", "min_value", "max_value", "pattern", "exclude")
#: Check fields that are selections of their own, on top of ``select``.
SUB_SELECTIONS = ("part", "whole", "parts", "total")


@dataclass(frozen=True)
class Step:
    """One clause of a selection: how many figures were left before it and after it."""

    clause: str
    before: int
    after: int
    hint: str = ""

    def text(self) -> str:
        removed = self.before - self.after
        counts = f"{self.after:>7,} left ({removed:,} removed)"
        line = f"{counts:<28} {self.clause}"
        return line + (f"\n      {self.hint}" if self.hint else "")


def _clause_text(name: str, value: Any) -> str:
    if isinstance(value, list):
        value = "[" + ", ".join(map(str, value)) + "]"
    elif isinstance(value, bool):
        value = str(value).lower()
    return f"{name}: {value}"


def _hint(figures: pd.DataFrame, name: str) -> str:
    """What the figures left before a clause have in its column: "nouns here: child (5) ..."."""
    if name not in VALUE_COLUMNS or figures.empty:
        return ""
    counts = figures[name].dropna().astype(str).value_counts().head(6)
    if counts.empty:
        return f"no figure left has a {name}"
    listed = ", ".join(f"{value} ({count})" for value, count in counts.items())
    return f"the {len(figures):,} figures left have {name}: {listed}"


def selection_steps(figures: pd.DataFrame, selection: Selection, dated_by: str = "as_of",
                    prefix: str = "") -> list[Step]:
    """Apply ``selection`` clause by clause; a Step for each clause that is set."""
    steps = []
    kept = figures
    for name in CLAUSES:
        value = getattr(selection, name)
        if value is None:
            continue
        clause = Selection.model_validate({name: value})
        after = kept[selection_mask(kept, clause, dated_by).to_numpy()]
        hint = _hint(kept, name) if len(after) == 0 and len(kept) else ""
        steps.append(Step(prefix + _clause_text(name, value), len(kept), len(after), hint))
        kept = after
    return steps


def rule_lines(figures: pd.DataFrame, rule: Any) -> list[str]:
    """How a rule's selection narrows the figures table, clause by clause, then the dates."""
    lines = [f"{rule.id}: {rule.label()}"]
    if getattr(rule, "description", None):
        lines.append(f"  {rule.description.strip()}")
    lines.append(f"  {len(figures):>7,} figures in the table")
    steps = selection_steps(figures, rule.select, rule.dated_by, "select.")
    lines += ["  " + step.text() for step in steps]
    kept = figures[selection_mask(figures, rule.select, rule.dated_by).to_numpy()]
    empty_parts = []
    for name in SUB_SELECTIONS:
        extra = getattr(rule, name, None)
        if isinstance(extra, Selection):
            steps = selection_steps(kept, extra, rule.dated_by, f"{name}.")
            lines.append(f"  {name} (on top of select):")
            lines += ["    " + step.text() for step in steps] or ["    (every selected figure)"]
            if steps and steps[-1].after == 0:
                empty_parts.append(name)
    if rule.check not in ("part_of", "sum"):
        undated = int(figure_dates(kept, rule.dated_by).isna().sum())
        counts = f"{len(kept) - undated:>7,} left ({undated:,} removed)"
        lines.append(f"  {counts:<28} dated by {rule.dated_by} (undated figures are left out)")
        kept_count = len(kept) - undated
    else:
        kept_count = len(kept)
    if empty_parts:
        lines.append(f"  => no figure is a {' or '.join(empty_parts)}: the rule has nothing to "
                     "compare (the clause that leaves 0 is why)")
    elif kept_count:
        lines.append(f"  => the rule checks {plural(kept_count, 'figure')}")
    else:
        lines.append("  => the rule selects no figure (the first clause that leaves 0 is why)")
    return lines


def figure_lines(document: Document, figures: Iterable[Figure], vocab: PlaceVocab) -> list[str]:
    """Each figure of a document, then the cue words behind each of its fields."""
    lines = []
    for figure in figures:
        bounds = f"[{_number(figure.low)}, {_number(figure.high)}]"
        lines.append(f"{document.id}:{figure.start}-{figure.end} {figure.text!r} value "
                     f"{_number(figure.value)} {bounds} unit {figure.unit}")
        lines += explain_figure(document, figure, vocab).lines()
        lines.append(f"  sentence: {figure.sentence[:300]}")
        lines.append("")
    return lines


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
