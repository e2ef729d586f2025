"""The seeds' real cases, checked with the project's rules on the real articles.

rules/examples.yaml was written for the demo corpus, which restates the seeds'
facts; the same rules must find the same things in the seeds themselves.
"""

from __future__ import annotations

import pandas as pd
import pytest

from figures.check import check
from figures.rules import load_rules

from .conftest import ROOT


@pytest.fixture(scope="module")
def seeds_findings(seeds_table: pd.DataFrame) -> pd.DataFrame:
    ruleset = load_rules([ROOT / "rules" / "examples.yaml"])
    return check(seeds_table, ruleset)


def rows(findings: pd.DataFrame, rule: str) -> pd.DataFrame:
    return findings[findings["rule"] == rule]


@pytest.mark.parametrize("rule", ["death-toll-outlets-agree", "death-toll-rate"])
def test_220000_then_250000_nine_days_later_is_flagged(seeds_findings, rule: str) -> None:
    found = rows(seeds_findings, rule)
    assert list(found["status"]) == ["fail"]
    quoted = {figure["text"] for figure in found["figures"].iloc[0]}
    assert quoted == {"more than 220,000", "more than 250,000"}
    dates = {figure["published"] for figure in found["figures"].iloc[0]}
    assert dates == {"2015-09-22", "2015-10-01"}


@pytest.mark.parametrize("rule", ["children-among-civilians-killed", "americans-within-the-force",
                                  "war-length-matches-march-2011"])
def test_consistent_facts_pass_with_data(seeds_findings, rule: str) -> None:
    found = rows(seeds_findings, rule)
    assert list(found["status"]) == ["pass"]
    assert found["checked"].iloc[0] >= 1


def test_the_four_and_a_half_year_war_is_checked(seeds_table: pd.DataFrame) -> None:
    wars = seeds_table[(seeds_table["metric"] == "duration") & (seeds_table["noun"] == "war")]
    assert 4.5 in set(wars["value"])
