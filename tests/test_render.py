"""Views of the findings: Markdown report, JSON, pytest failure text, timeline PNG; and the
real cases end to end (seeds-like examples and FA-KES)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from figures.check import check, select
from figures.report import (
    failure_text,
    findings_json,
    inventory,
    json_text,
    markdown_report,
    quote,
    timeline_rules,
)
from figures.report.plot import timeline_png
from figures.rules import load_rules
from tests.test_check import MONOTONIC, figure, rules, table

ROOT = Path(__file__).resolve().parents[1]

RANGE = "  - id: jets\n    check: range\n    severity: warning\n    max: 10\n" \
        "    select: {metric: aircraft}\n"


@pytest.fixture
def figures() -> pd.DataFrame:
    return table(
        figure(230000, "2015-07-02", qualifier="more_than",
               sentence="More than 230000 people have been killed in Syria since March 2011."),
        figure(220000, "2015-07-09", qualifier="more_than",
               sentence="More than 220000 people | have been killed since March 2011."),
    )


@pytest.fixture
def findings(figures: pd.DataFrame) -> pd.DataFrame:
    return check(figures, rules(MONOTONIC + RANGE))


def test_quote_marks_the_figure_and_cuts_long_sentences() -> None:
    record = {"sentence": "x " * 200 + "killed more than 220,000 people" + " y" * 200,
              "text": "more than 220,000"}
    marked = quote(record, context=20)
    assert "**more than 220,000**" in marked
    assert marked.startswith("…") and marked.endswith("…")
    assert quote({"sentence": "no figure here", "text": "42"}) == "no figure here"


def test_json_has_summary_and_one_finding_per_violation(findings: pd.DataFrame) -> None:
    document = json.loads(json_text(findings))
    assert set(document) == {"summary", "findings"}
    summary = document["summary"]
    assert (summary["rules"], summary["failed"], summary["no_data"]) == (2, 1, 1)
    assert summary["failing"] == ["toll-never-falls"]
    (finding,) = document["findings"]
    assert {"rule", "check", "severity", "status", "message", "figures"} <= set(finding)
    assert finding["check"] == "monotonic(by=outlet)"
    assert [f["published"] for f in finding["figures"]] == ["2015-07-02", "2015-07-09"]
    assert finding["figures"][1]["low"] == 220000.0 and finding["figures"][1]["high"] is None


def test_json_lists_a_rule_that_failed_for_lack_of_data(figures: pd.DataFrame) -> None:
    failed = check(figures, rules(RANGE.replace("    max: 10\n", "    max: 10\n"
                                                "    require_data: true\n")))
    document = findings_json(failed, fail_on="warning")
    assert [f["status"] for f in document["findings"]] == ["no_data"]
    assert document["summary"]["failing"] == ["jets"]


def test_markdown_report_structure(findings: pd.DataFrame, figures: pd.DataFrame) -> None:
    text = markdown_report(findings, figures, plots={"toll-never-falls": "plots/toll.png"})
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["# Figures report", "## What was read", "## Rules", "## Findings",
                        "### toll-never-falls", "## Inventory of figures"]
    assert "| [toll-never-falls](#toll-never-falls) | `monotonic(by=outlet)`" in text
    assert "**1 of 2 rules failed** at or above severity `error`." in text
    assert "- `jets` (no data): no figure matched the selection" in text
    assert "![timeline of toll-never-falls](plots/toll.png)" in text
    assert "1. fell from more than 230,000 on 2015-07-02 to more than 220,000" in text
    assert "**More than 220000** people \\| have been killed" in text  # pipes escaped
    assert "| killed   |         2 |" in text


def test_markdown_names_what_was_read(findings: pd.DataFrame) -> None:
    class Report:
        def summary(self) -> str:
            return "read 3 rows from x.csv: 2 documents, 1 duplicate, 0 skipped."

    assert "read 3 rows from x.csv: 2 documents, 1 duplicate" in markdown_report(
        findings, read_report=Report())


def test_failure_text_is_the_evidence(findings: pd.DataFrame) -> None:
    text = failure_text(findings[findings["rule"] == "toll-never-falls"])
    first, *table_lines = text.splitlines()
    assert first.startswith("1. monotonic(by=outlet): fell from more than 230,000")
    assert table_lines[0].split() == ["role", "outlet", "date", "doc", "quote", "value",
                                      "bounds", "claimant"]
    assert failure_text(findings[findings["rule"] == "jets"]) == ""


def test_timeline_png(findings: pd.DataFrame, figures: pd.DataFrame) -> None:
    assert timeline_rules(findings) == ["toll-never-falls"]
    rule = rules(MONOTONIC)[0]
    png = timeline_png(select(figures, rule), findings, rule.label())
    assert png.startswith(b"\x89PNG")


def test_inventory_counts_figures_per_metric(figures: pd.DataFrame) -> None:
    row = inventory(figures).iloc[0]
    assert (row["metric"], row["figures"], row["cumulative"], row["first"]) == \
        ("killed", 2, 2, "2015-07-02")


# --- the real cases, on the real extraction ------------------------------------------------------


@pytest.fixture(scope="module")
def examples_findings() -> pd.DataFrame:
    from figures.read import read_corpus
    from figures.table import extract

    corpus = read_corpus([ROOT / "examples"])
    return check(extract(corpus.documents), load_rules(ROOT / "rules" / "examples.yaml"))


def messages(findings: pd.DataFrame, rule: str) -> list[str]:
    return list(findings.loc[(findings["rule"] == rule) & (findings["status"] == "fail"),
                             "message"])


def test_examples_220000_then_250000_nine_days_later_is_flagged(
        examples_findings: pd.DataFrame) -> None:
    rate = messages(examples_findings, "death-toll-rate")
    assert any("more than 220,000 on 2015-09-22 to more than 250,000 on 2015-10-01 (9 days)" in m
               for m in rate), rate
    agree = messages(examples_findings, "death-toll-outlets-agree")
    assert any("more than 250,000" in m and "more than 220,000" in m for m in agree), agree


@pytest.mark.parametrize("rule", ["children-among-civilians-killed",
                                  "war-length-matches-march-2011"])
def test_examples_consistent_facts_pass(examples_findings: pd.DataFrame, rule: str) -> None:
    rows = examples_findings[examples_findings["rule"] == rule]
    assert list(rows["status"]) == ["pass"], list(rows["message"])


def test_examples_americans_within_the_force_pass(examples_findings: pd.DataFrame) -> None:
    rows = examples_findings[examples_findings["rule"] == "americans-within-the-force"]
    assert list(rows["status"]) == ["pass"], list(rows["message"])


@pytest.fixture(scope="module")
def fakes_findings(fakes_table: pd.DataFrame) -> pd.DataFrame:
    return check(fakes_table, load_rules(ROOT / "rules" / "fakes-death-toll.yaml"))


def test_fakes_ahram_goes_backwards(fakes_findings: pd.DataFrame) -> None:
    found = messages(fakes_findings, "war-toll-never-falls-per-outlet")
    assert ("fell from more than 230,000 on 2015-07-02 to more than 220,000 on 2015-07-09, "
            "same outlet (ahram), same claimant") in found, found


def test_fakes_alaraby_close_to_500000(fakes_findings: pd.DataFrame) -> None:
    found = messages(fakes_findings, "war-toll-outlets-agree")
    assert any(m.startswith("about 500,000 (alaraby, 2016-09-11) is above more than 290,000")
               for m in found), found


def test_fakes_alalam_counts_dead_before_the_war(fakes_findings: pd.DataFrame) -> None:
    found = messages(fakes_findings, "war-toll-counted-since-march-2011")
    assert ("at least 100,000 on 2011-02-02 (alalam) counts more than 0 41 days before the "
            "count began on 2011-03-15") in found, found


def test_fakes_agreeing_restatements_are_not_flagged(fakes_findings: pd.DataFrame) -> None:
    """ahram's "more than 290,000" of 2016-08-15 and 2016-08-19 agree with each other and
    with alalam's of 2016-08-15: none of them is the later figure of a finding."""
    failed = fakes_findings[fakes_findings["status"] == "fail"]
    later = {(r["outlet"], r["date"], r["value"]) for records in failed["figures"]
             for r in records[1:2] if r["role"] == "later"}
    for restated in [("ahram", "2016-08-19", 290000.0), ("alalam", "2016-08-15", 290000.0)]:
        assert restated not in later


def test_fakes_one_city_is_not_the_war(fakes_findings: pd.DataFrame,
                                       fakes_table: pd.DataFrame) -> None:
    rule = load_rules(ROOT / "rules" / "fakes-death-toll.yaml").rules[0]
    selected = select(fakes_table, rule)
    assert (selected["value"].fillna(selected["low"]) >= 50000).all()
    assert selected["cumulative"].all()
