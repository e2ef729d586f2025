"""Views of the findings: Markdown report, JSON, pytest failure text, timeline PNG; and the
real cases end to end (seeds-like examples and FA-KES)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from figures.check import check, select
from figures.report import (
    FINDINGS_TABLE_COLUMNS,
    build_summary,
    failure_text,
    findings_json,
    findings_table,
    inventory,
    json_text,
    markdown_report,
    plural,
    quote,
    status_word,
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
    # the stale tier at the rule's severity, so the fall fails the run (#8's two tiers)
    return check(figures, rules(MONOTONIC + "    stale_severity: error\n" + RANGE))


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
    assert [f["status"] for f in document["findings"]] == ["fail"]  # not "no data" too
    assert document["summary"]["failing"] == ["jets"]


def test_markdown_report_structure(findings: pd.DataFrame, figures: pd.DataFrame) -> None:
    text = markdown_report(findings, figures, plots={"toll-never-falls": "plots/toll.png"},
                           rules=rules(MONOTONIC + RANGE))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["# Figures report", "## Summary", "### Top findings",
                        "### What was read and kept out", "## Rules", "## Findings",
                        "### toll-never-falls", "## Inventory of figures"]
    summary = text.split("## Rules")[0]
    assert "**1 problem (1 error) found by 1 rule of 2.**" in summary
    assert "**The run fails**: 1 rule at or above severity `error` found problems." in summary
    assert "| [toll-never-falls](#toll-never-falls) | FAIL" in summary
    assert "| `monotonic(by=outlet)`" in text and "| FAIL " in text
    assert "- `jets`: (no description) Allowed: at most 10; no tolerance. Result: no figure " \
        "matched the selection" in text
    # the no-data hint (messages are escaped like data: backticks shown, not rendered)
    assert "\\`figures explain --rules test.yaml --rule jets\\`" in text
    assert "![timeline of toll-never-falls](plots/toll.png)" in text
    assert ("1. stale restatement: fell from more than 230,000 on 2015-07-02 to more than "
            "220,000") in text
    assert "**More than 220000** people \\| have been killed" in text  # pipes escaped
    assert "| killed   |         2 |" in text


def test_markdown_names_what_was_read(findings: pd.DataFrame) -> None:
    class Report:
        def summary(self) -> str:
            return "read 3 rows from x.csv: 2 documents, 1 duplicate, 0 skipped."

    assert "- Read 3 rows from x.csv: 2 documents, 1 duplicate" in markdown_report(
        findings, read_report=Report())


def test_failure_text_is_the_evidence(findings: pd.DataFrame) -> None:
    text = failure_text(findings[findings["rule"] == "toll-never-falls"])
    first, *table_lines = text.splitlines()
    assert "gap of 10,000" in first
    assert first.startswith("1. monotonic(by=outlet): stale restatement: fell from more "
                            "than 230,000")
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


# --- summary first, counted once, capped --------------------------------------------------------

AGREE = ("  - id: tolls-agree\n    check: agree\n    severity: warning\n"
         "    description: Tolls stated a month apart agree within 5%.\n"
         "    within: 30d\n    tolerance: 5%\n    open_ends: 5%\n    select: {metric: killed}\n")


def _same_day_pair() -> pd.DataFrame:
    """Two outlets disagreeing on one day, after an earlier figure equal to the lower one.
    Before #8 the checker reported the pair from both sides ("A above B", "B below A");
    now A is above C and B below A: two pairs, each reported once."""
    return table(figure(250000, "2016-06-10", outlet="Outlet C", qualifier="more_than", doc="c"),
                 figure(400000, "2016-06-14", outlet="Outlet A", doc="a"),
                 figure(250000, "2016-06-14", outlet="Outlet B", qualifier="more_than", doc="b",
                        start=5))


def test_a_pair_reported_from_both_sides_is_one_problem() -> None:
    found = check(_same_day_pair(), rules(AGREE))
    assert (found["status"] == "fail").sum() == 2  # "A above C" and "B below A" (#8)
    pairs = [frozenset(r["doc"] for r in records[:2]) for records in found["figures"]]
    assert sorted(map(sorted, pairs)) == [["a", "b"], ["a", "c"]]  # no pair twice
    summary = build_summary(found, rules=rules(AGREE))
    assert summary.problems == {"error": 0, "warning": 2, "info": 0}
    assert summary.findings == 2


def test_summary_numbers_equal_the_json() -> None:
    found = check(_same_day_pair(), rules(AGREE + RANGE))
    document = findings_json(found, rules=rules(AGREE + RANGE))
    summary = document["summary"]
    text = markdown_report(found, rules=rules(AGREE + RANGE))
    assert summary["headline"] in text
    assert summary["total_problems"] == sum(summary["problems"].values()) == 2
    assert [f["repeat"] for f in document["findings"]] == [False, False]
    assert {f["problem"] for f in document["findings"]} == {1, 2}
    agree = next(r for r in summary["rule_results"] if r["rule"] == "tolls-agree")
    assert agree["description"] == "Tolls stated a month apart agree within 5%."
    assert agree["allowed"] == ("tolerance 5%; within 30 days; 'more than X' read as at most "
                                "5% above X")
    assert agree["problems"] == 2 and agree["violations"] == 2


def test_the_gap_a_reader_sees_is_stated_beside_the_compared_one() -> None:
    found = check(_same_day_pair(), rules(AGREE))
    text = markdown_report(found, rules=rules(AGREE))
    assert "by 137,500" in text  # the gap between the compared bands
    assert "a gap of 150,000 (38%)" in text  # the gap between the quotes


def test_long_sections_are_capped_and_point_to_the_full_list() -> None:
    # 27 falls: each new high is followed by a dip below it (one finding per fall, #8)
    day = pd.Timestamp("2016-01-01")
    rows = []
    for step in range(28):
        for dip, number in ((0, 2 * step), (5000, 2 * step + 1))[: 2 if step < 27 else 1]:
            rows.append(figure(100000 + 10000 * step - dip,
                               str((day + pd.Timedelta(days=number)).date()), doc=f"d{number}",
                               start=number))
    found = check(table(*rows), rules(MONOTONIC))
    assert (found["status"] == "fail").sum() == 27
    text = markdown_report(found, rules=rules(MONOTONIC), limit=10)
    details = text.split("## Findings")[1]
    assert "\n10. " in details and "\n11. " not in details
    assert "… and 17 more `toll-never-falls` problems: the JSON (`--json`) and the findings " \
           "table (`--findings FILE.csv`) list them all." in details
    top = text.split("### Top findings")[1].split("###")[0]
    assert top.count("\n") < 12 and "… and 22 more problems" in top
    assert "… and 17 more" in failure_text(found, limit=10)
    assert len(findings_table(found)) == 2 * 27  # the table keeps every finding and figure


def test_findings_table_has_one_row_per_finding_and_figure(findings: pd.DataFrame) -> None:
    rows = findings_table(findings, rules(MONOTONIC + RANGE))
    assert list(rows.columns) == list(FINDINGS_TABLE_COLUMNS)
    assert {"rule", "severity", "status", "message", "doc", "outlet", "date", "quote", "value",
            "low", "high"} <= set(rows.columns)
    assert list(rows["role"]) == ["earlier", "later"]
    assert rows["low"].tolist() == [230000.0, 220000.0] and rows["high"].isna().all()
    assert "**" not in rows["quote"].iloc[0]


@pytest.mark.parametrize(("severity", "status", "fail_on", "word"), [
    ("error", "fail", "error", "FAIL"),
    ("warning", "fail", "error", "WARN"),
    ("warning", "fail", "warning", "FAIL"),
    ("error", "fail", "never", "WARN"),
    ("info", "no_data", "error", "no data"),
    ("error", "pass", "error", "pass"),
])
def test_status_words(severity: str, status: str, fail_on: str, word: str) -> None:
    assert status_word(severity, status, fail_on) == word


@pytest.mark.parametrize(("count", "noun", "expected"), [
    (1, "day", "1 day"), (2, "day", "2 days"), (0, "file", "0 files"), (1, "file", "1 file"),
    (1200, "figure", "1,200 figures")])
def test_plurals(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_labels_without_parameters_have_no_empty_parens() -> None:
    (rule,) = rules("  - id: toll\n    check: monotonic\n")
    assert rule.label() == "monotonic"


def test_timeline_with_many_outlets_a_band_and_a_far_outlier() -> None:
    rows = [figure(200000 + 1000 * i, f"2016-03-{1 + i:02d}", outlet=f"Outlet {i}", doc=f"d{i}")
            for i in range(14)]
    rows.append(figure(150000, "2013-01-01", outlet="Old", doc="old"))
    frame = table(*rows)
    found = check(frame, rules(MONOTONIC))
    band = [{"date": "2016-03-01", "low": 199000.0, "best": 200000.0, "high": 202000.0,
             "statements": 3, "outlets": 2},
            {"date": "2016-03-10", "low": 205000.0, "best": 208000.0, "high": 212000.0,
             "statements": 4, "outlets": 3}]
    found["band"] = [band] * len(found)
    png = timeline_png(frame, found, "toll: monotonic(by=outlet)")
    assert png.startswith(b"\x89PNG")
    from figures.report.plot import _date_window

    shown, note = _date_window(frame["published"], np.zeros(len(frame), dtype=bool))
    assert not shown[-1] and "2013-01-01" in note


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
    assert any(m.startswith("stale restatement: fell from more than 230,000 on 2015-07-02 to "
                            "more than 220,000 on 2015-07-09, same outlet (ahram)")
               for m in found), found


def test_fakes_alaraby_close_to_500000(fakes_findings: pd.DataFrame) -> None:
    found = messages(fakes_findings, "war-toll-within-the-band")
    assert any(m.startswith("about 500,000 (alaraby, 2016-09-11) is above the other outlets' "
                            "band") for m in found), found


def test_fakes_alalam_counts_dead_before_the_war(fakes_findings: pd.DataFrame) -> None:
    found = messages(fakes_findings, "war-toll-counted-since-march-2011")
    assert ("at least 100,000 on 2011-02-02 (alalam) is stated 41 days before the "
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
