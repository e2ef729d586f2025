"""The HTML report: one self-contained page (styles, script and plots inside; no network).

The summary comes first, with the same numbers as the Markdown report and the JSON
(``figures.report.summary``); then the rules, a sortable and filterable table of the
findings, each finding's quotes with the figure highlighted and links to its documents'
sentences, the figures the rules looked at, and the documents' sentences themselves.
Every value from the corpus or a rule file is escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from figures.check import describe, number_text, select
from figures.report.markdown import bounds_text, inventory, status_word
from figures.report.summary import (
    FINDINGS_PER_RULE,
    build_summary,
    gap_text,
    mark_repeats,
    plural,
    rule_models,
)

#: Findings per rule whose evidence (quotes) the page shows; the table lists them all.
EVIDENCE_PER_RULE = 5 * FINDINGS_PER_RULE
#: Rows of the figures table at most (the figures the rules selected, in date order).
MAX_FIGURE_ROWS = 3000
#: Characters of a sentence kept on each side of the highlighted figure.
CONTEXT = 160


def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("figures.report", "templates"),
                              autoescape=select_autoescape(["html", "j2"],
                                                           default_for_string=True),
                              trim_blocks=True, lstrip_blocks=True)
    environment.filters["number"] = lambda value: "" if value is None or pd.isna(value) \
        else number_text(float(value))
    return environment


def split_quote(record: Mapping[str, Any], context: int = CONTEXT) -> tuple[str, str, str]:
    """The figure's sentence as (before, figure, after), cut to ``context`` characters a side;
    the template escapes each part and highlights the middle.

    >>> split_quote({"sentence": "More than 230000 people died.", "text": "230000"})
    ('More than ', '230000', ' people died.')
    """
    sentence = " ".join(str(record.get("sentence") or "").split())
    text = str(record.get("text") or "")
    at = sentence.casefold().find(text.casefold()) if text else -1
    if at < 0:
        return (sentence[: 2 * context], "", "")
    before, middle, after = sentence[:at], sentence[at:at + len(text)], sentence[at + len(text):]
    if len(before) > context:
        before = "…" + before[-context:].lstrip()
    if len(after) > context:
        after = after[:context].rstrip() + "…"
    return before, middle, after


class _Ids:
    """Safe, unique HTML ids for documents and figures (doc ids may hold any character)."""

    def __init__(self) -> None:
        self.docs: dict[str, str] = {}

    def doc(self, doc: Any) -> str:
        return self.docs.setdefault(str(doc), f"doc-{len(self.docs) + 1}")

    def sentence(self, record: Mapping[str, Any]) -> str:
        return f"{self.doc(record.get('doc'))}-at-{int(record.get('start') or 0)}"


def html_report(findings: pd.DataFrame, figures: pd.DataFrame | None = None,
                read_report: Any = None, plots: Mapping[str, bytes] | None = None,
                title: str = "Figures report", fail_on: str = "error",
                rules: Iterable[Any] | None = None) -> str:
    """The report as one HTML page; ``plots`` maps a rule id to PNG bytes (embedded)."""
    rules = list(rules) if rules is not None else None
    summary = build_summary(findings, figures, read_report, rules, fail_on)
    ids = _Ids()
    marked = mark_repeats(findings)
    failed = marked[(marked["status"] == "fail") & ~marked["repeat"]]
    lines = {line.rule: line for line in summary.rules}
    rows, shown_per_rule = [], dict.fromkeys(lines, 0)
    documents: dict[str, dict[str, Any]] = {}
    for number, finding in enumerate(failed.to_dict(orient="records"), start=1):
        records = finding["figures"] or []
        shown_per_rule[finding["rule"]] += 1
        evidence = []
        for record in records:
            anchor = ids.sentence(record)
            evidence.append({**record, "anchor": anchor, "quote": split_quote(record),
                             "stated": describe(record), "bounds": bounds_text(record)})
            document = documents.setdefault(str(record.get("doc")), {
                "id": ids.doc(record.get("doc")), "doc": record.get("doc"),
                "outlet": record.get("outlet"), "published": record.get("published"),
                "sentences": {}, "findings": []})
            document["sentences"].setdefault(anchor, {
                "anchor": anchor, "quote": split_quote(record, context=10_000)})
            if number not in document["findings"]:
                document["findings"].append(number)
        line = lines[finding["rule"]]
        rows.append({
            "number": number, "rule": finding["rule"], "severity": finding["severity"],
            "result": status_word(finding["severity"], finding["status"], fail_on),
            "message": finding["message"], "gap": gap_text(records),
            "date": "" if pd.isna(finding["date"]) else str(finding["date"])[:10],
            "outlets": sorted({str(r.get("outlet")) for r in records if r.get("outlet")}),
            "docs": [(ids.doc(doc), doc) for doc in dict.fromkeys(
                str(r.get("doc")) for r in records)],
            "evidence": evidence if shown_per_rule[finding["rule"]] <= EVIDENCE_PER_RULE
            else [], "description": line.description})
    number_of = {index: number for number, index in enumerate(failed.index, start=1)}
    top = [{"number": number_of.get(index), "rule": f["rule"], "severity": f["severity"],
            "message": f["message"], "gap": gap_text(f["figures"] or [])}
           for index, f in zip(summary.top.index, summary.top.to_dict(orient="records"),
                               strict=True)]
    chosen = _selected_figures(figures, rules, ids) if figures is not None else []
    page = _environment().get_template("report.html.j2").render(
        title=title, summary=summary, fail_on=fail_on, top=top, rows=rows,
        hidden_evidence=sum(max(0, n - EVIDENCE_PER_RULE) for n in shown_per_rule.values()),
        evidence_per_rule=EVIDENCE_PER_RULE,
        busiest=[{"stated": describe(r), "outlet": r.get("outlet"), "date": r.get("date"),
                  "doc": r.get("doc"), "anchor": ids.sentence(r), "count": n,
                  "problems": plural(n, "problem")} for r, n in summary.busiest],
        status_word=status_word, plural=plural,
        plots={rule: base64.b64encode(png).decode("ascii") for rule, png in (plots or {}).items()},
        figures=chosen[:MAX_FIGURE_ROWS], figures_total=len(chosen),
        documents=list(documents.values()),
        inventory=inventory(figures).to_dict(orient="records") if figures is not None else [],
    )
    return page


def _selected_figures(figures: pd.DataFrame, rules: list[Any] | None, ids: _Ids
                      ) -> list[dict[str, Any]]:
    """The figures any rule selected (every figure without rules), as rows of the page."""
    models = list(rule_models(rules).values())
    if models:
        mask = pd.Series(False, index=figures.index)
        for model in models:
            mask |= figures.index.isin(select(figures, model).index)
        chosen = figures[mask]
    else:
        chosen = figures
    chosen = chosen.sort_values(["published", "doc", "start"], kind="stable")
    out = []
    for record in chosen.to_dict(orient="records"):
        published = record.get("published")
        out.append({
            "anchor": ids.sentence(record), "doc": record.get("doc"),
            "outlet": _cell_text(record.get("outlet")),
            "date": "" if published is None or pd.isna(published) else str(published)[:10],
            "text": record.get("text"), "value": _number(record.get("value")),
            "low": _number(record.get("low")), "high": _number(record.get("high")),
            "metric": record.get("metric"), "noun": _cell_text(record.get("noun")),
            "cumulative": bool(record.get("cumulative")),
            "claimant": _cell_text(record.get("claimant"))})
    return out


def _cell_text(value: Any) -> str:
    """A text cell of the figures table as the page shows it: "" for missing (None or the
    NaN pandas puts in a column of strings).

    >>> _cell_text(None), _cell_text(float("nan")), _cell_text("CDC")
    ('', '', 'CDC')
    """
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _number(value: Any) -> float | None:
    """A number cell: None for missing (NaN included), so the page's sort key is empty."""
    return None if value is None or (isinstance(value, float) and value != value) else value
