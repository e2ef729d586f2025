"""Checks on small hand-built figures tables: violations found, agreeing restatements not."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from figures.check import FINDING_COLUMNS, RECORD_FIELDS, bands, check, failing, summarize
from figures.model import FIGURE_COLUMNS
from figures.rules import parse_rule_file

BOUNDS = {"exact": lambda v: (v, v), "more_than": lambda v: (v, None),
          "at_least": lambda v: (v, None), "approx": lambda v: (None, None),
          "at_most": lambda v: (None, v), "less_than": lambda v: (None, v)}


def figure(value: float | None, published: str, outlet: str = "ahram", qualifier: str = "exact",
           *, low: float | None = None, high: float | None = None, doc: str | None = None,
           metric: str = "killed", noun: str | None = "person", cumulative: bool = True,
           claimant: str | None = None, sentence: str | None = None, unit: str = "count",
           start: int = 0, text: str | None = None) -> dict[str, Any]:
    """One row of a figures table (CONTRACTS.md columns)."""
    if qualifier in BOUNDS and value is not None:
        low, high = BOUNDS[qualifier](value)
    words = {"more_than": "more than ", "at_least": "at least ", "approx": "close to ",
             "at_most": "up to "}.get(qualifier, "")
    text = text or f"{words}{value:g}" if value is not None else (text or "hundreds of")
    sentence = sentence or f"{text} people have been killed since March 2011."
    return {"doc": doc or f"{outlet}-{published}-{start}", "start": start,
            "end": start + len(text), "text": text, "value": value, "low": low, "high": high,
            "qualifier": qualifier, "unit": unit, "metric": metric, "noun": noun,
            "cumulative": cumulative, "sentence": sentence, "actor": None, "place": None,
            "claimant": claimant, "as_of": None, "period_start": None, "outlet": outlet,
            "published": published}


def table(*rows: dict[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(FIGURE_COLUMNS))
    for column in ("as_of", "period_start", "published"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("value", "low", "high"):
        frame[column] = frame[column].astype(float)
    return frame


def rules(text: str):
    return parse_rule_file("test.yaml", "rules:\n" + text).rules


def run(figures: pd.DataFrame, rule_text: str) -> pd.DataFrame:
    return check(figures, rules(rule_text))


def violations(findings: pd.DataFrame) -> pd.DataFrame:
    return findings[findings["status"] == "fail"]


MONOTONIC = """\
  - id: toll-never-falls
    check: monotonic
    group_by: outlet
    select: {metric: killed, cumulative: true}
"""

# --- interval semantics -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "open_ends", "expected"),
    [
        pytest.param(figure(220000, "2015-09-22", qualifier="more_than"), None,
                     (220000, np.inf), id="more-than-is-open"),
        pytest.param(figure(220000, "2015-09-22", qualifier="more_than"), "5%",
                     (220000, 231000), id="more-than-closed-by-open-ends"),
        pytest.param(figure(50, "2015-09-22", qualifier="at_most"), 10,
                     (40, 50), id="up-to-closed-by-absolute"),
        pytest.param(figure(500000, "2016-09-11", qualifier="approx"), "5%",
                     (500000, 500000), id="approx-is-the-point"),
        pytest.param(figure(None, "2015-09-22", qualifier="vague", low=200, high=999), None,
                     (200, 999), id="hundreds-of"),
        pytest.param(figure(None, "2015-09-22", qualifier="range", low=10, high=20), "5%",
                     (10, 20), id="range"),
        pytest.param(figure(36, "2015-09-22"), None, (36, 36), id="exact"),
    ],
)
def test_bands(row: dict[str, Any], open_ends: Any, expected: tuple[float, float]) -> None:
    lo, hi = bands(table(row), open_ends)
    assert (lo[0], hi[0]) == pytest.approx(expected)


def test_approx_band_is_the_tolerance() -> None:
    """'close to 500,000' agrees with 480,000 at 5% and not with 400,000."""
    rule = ("  - id: r\n    check: agree\n    tolerance: 5%\n")
    near = table(figure(500000, "2016-09-11", "a", "approx"), figure(480000, "2016-09-12", "b"))
    far = table(figure(500000, "2016-09-11", "a", "approx"), figure(400000, "2016-09-12", "b"))
    assert violations(run(near, rule)).empty
    assert len(violations(run(far, rule))) == 1


# --- monotonic ----------------------------------------------------------------------------------


def test_monotonic_finds_the_ahram_fall() -> None:
    figures = table(
        figure(210000, "2015-02-15", qualifier="more_than"),
        figure(230000, "2015-07-02", qualifier="more_than"),
        figure(220000, "2015-07-09", qualifier="more_than"),
        figure(230000, "2015-07-16", qualifier="at_least"),
    )
    found = violations(run(figures, MONOTONIC))
    assert len(found) == 1
    finding = found.iloc[0]
    # open bands still meet: a stale restatement, one severity below the rule's
    assert finding["message"] == ("stale restatement: fell from more than 230,000 on 2015-07-02 "
                                  "to more than 220,000 on 2015-07-09, same outlet (ahram)")
    assert finding["severity"] == "warning"
    assert finding["check"] == "monotonic(by=outlet)"
    assert finding["group"] == "outlet=ahram"
    assert finding["date"] == pd.Timestamp("2015-07-09")
    assert [r["role"] for r in finding["figures"]] == ["earlier", "later"]
    assert set(RECORD_FIELDS) <= set(finding["figures"][0])


def test_monotonic_restatements_and_rises_pass() -> None:
    figures = table(
        figure(230000, "2015-07-02", qualifier="more_than"),
        figure(230000, "2015-07-05", qualifier="at_least"),
        figure(230000, "2015-07-06"),
        figure(250000, "2015-10-01", qualifier="more_than"),
        figure(None, "2015-10-02", qualifier="vague", low=200000, high=999999),
    )
    findings = run(figures, MONOTONIC)
    assert list(findings["status"]) == ["pass"]
    assert findings.iloc[0]["message"] == "checked 5 figures in 1 group (outlet): no violation"


def test_monotonic_compares_each_outlet_apart() -> None:
    figures = table(figure(300000, "2016-10-01", "trt", "more_than"),
                    figure(290000, "2016-10-02", "ahram", "more_than"))
    assert violations(run(figures, MONOTONIC)).empty
    ungrouped = MONOTONIC.replace("    group_by: outlet\n", "")
    assert len(violations(run(figures, ungrouped))) == 1


def test_claimant_grouping_keeps_un_and_observatory_apart() -> None:
    figures = table(
        figure(191000, "2014-10-04", claimant="the United Nations"),
        figure(180000, "2014-10-05", qualifier="more_than", claimant="the Observatory"),
    )
    assert len(violations(run(figures, MONOTONIC))) == 1
    by_claimant = MONOTONIC.replace("group_by: outlet", "group_by: [outlet, claimant]")
    assert violations(run(figures, by_claimant)).empty


def test_monotonic_same_day_is_not_a_fall_and_tolerance_allows_a_dip() -> None:
    same_day = table(figure(230000, "2015-07-02"), figure(220000, "2015-07-02"))
    assert violations(run(same_day, MONOTONIC)).empty
    dip = table(figure(230000, "2015-07-02"), figure(225000, "2015-07-09"))
    assert len(violations(run(dip, MONOTONIC))) == 1
    assert violations(run(dip, MONOTONIC + "    tolerance: 3%\n")).empty


def test_monotonic_within_window_forgets_old_figures() -> None:
    figures = table(figure(230000, "2015-01-01"), figure(220000, "2015-07-01"))
    assert len(violations(run(figures, MONOTONIC))) == 1
    assert violations(run(figures, MONOTONIC + "    within: 30d\n")).empty


def test_monotonic_up_to_below_an_earlier_floor_is_a_fall() -> None:
    figures = table(figure(300000, "2016-01-01", qualifier="more_than"),
                    figure(250000, "2016-02-01", qualifier="at_most"))
    assert len(violations(run(figures, MONOTONIC))) == 1


# --- agree --------------------------------------------------------------------------------------

AGREE = """\
  - id: toll-agrees
    check: agree
    within: 30d
    tolerance: 5%
    open_ends: 5%
    select: {metric: killed, cumulative: true, min_value: 50000}
"""


def test_agree_finds_close_to_500000_against_290000() -> None:
    figures = table(
        figure(290000, "2016-08-25", "alaraby", "more_than"),
        figure(290000, "2016-09-03", "trt", "more_than"),
        figure(500000, "2016-09-11", "alaraby", "approx"),
        figure(290000, "2016-10-20", "ahram", "more_than"),
    )
    found = violations(run(figures, AGREE))
    assert len(found) == 1
    message = found.iloc[0]["message"]
    assert message.startswith("about 500,000 (alaraby, 2016-09-11) is above more than 290,000")
    assert found.iloc[0]["check"] == "agree(within=30d, tolerance=5%, open_ends=5%)"


def test_agreeing_restatements_are_not_flagged() -> None:
    figures = table(
        figure(280000, "2016-08-06", "ahram", "more_than"),
        figure(290000, "2016-08-15", "alalam", "more_than"),
        figure(290000, "2016-08-15", "ahram", "more_than"),
        figure(300000, "2016-09-20", "alaraby", "more_than"),
        figure(290000, "2016-09-21", "ahram", "more_than"),
        figure(5000, "2016-09-21", "ahram", cumulative=True),  # below min_value: not selected
    )
    findings = run(figures, AGREE)
    assert list(findings["status"]) == ["pass"]
    assert findings.iloc[0]["checked"] == 5


def test_agree_finds_220000_against_250000_nine_days_later() -> None:
    figures = table(figure(220000, "2015-09-22", "tasnim", "more_than"),
                    figure(250000, "2015-10-01", "voa", "more_than"))
    found = violations(run(figures, AGREE))
    assert len(found) == 1
    assert "9 days apart" in found.iloc[0]["message"]
    without_open_ends = AGREE.replace("    open_ends: 5%\n", "")
    assert violations(run(figures, without_open_ends)).empty, "open bands always overlap"


def test_agree_reports_an_outlier_once() -> None:
    figures = table(
        figure(290000, "2016-09-03", "trt", "more_than"),
        figure(500000, "2016-09-11", "alaraby", "approx"),
        figure(290000, "2016-09-13", "trt", "more_than"),
        figure(300000, "2016-09-20", "alaraby", "more_than"),
        figure(290000, "2016-09-21", "ahram", "more_than"),
    )
    found = violations(run(figures, AGREE))
    assert len(found) == 2  # above the one before it; the three after it are below it
    assert "is above" in found.iloc[0]["message"]
    below = found.iloc[1]
    assert below["message"].endswith("; 2 more figures within 30d after it are below it too")
    assert [r["role"] for r in below["figures"]] == ["earlier", "later", "later", "later"]


def test_agree_finding_is_dated_by_the_figure_its_message_names() -> None:
    """Not by the last of the further figures listed after it."""
    figures = table(
        figure(500000, "2016-09-11", "alaraby", "approx"),
        figure(290000, "2016-09-13", "trt", "more_than"),
        figure(290000, "2016-09-21", "ahram", "more_than"),
    )
    finding = violations(run(figures, AGREE)).iloc[0]
    assert finding["message"].startswith("more than 290,000 (trt, 2016-09-13) is below")
    assert [r["outlet"] for r in finding["figures"]] == ["alaraby", "trt", "ahram"]
    assert (finding["date"], finding["outlet"]) == (pd.Timestamp("2016-09-13"), "trt")


def test_agree_outside_the_window_is_not_compared() -> None:
    figures = table(figure(100000, "2013-08-03", qualifier="more_than"),
                    figure(300000, "2016-10-13", qualifier="more_than"))
    assert violations(run(figures, AGREE)).empty


# --- no data --------------------------------------------------------------------------------------


def test_no_data_is_reported_and_fails_only_when_required() -> None:
    figures = table(figure(4, "2015-09-22", metric="aircraft", noun="jet", cumulative=False))
    findings = run(figures, MONOTONIC)
    assert list(findings["status"]) == ["no_data"]
    assert not findings.iloc[0]["failed"]
    assert findings.iloc[0]["message"] == "no figure matched the selection"
    required = run(figures, MONOTONIC + "    require_data: true\n")
    # fails, and says so once: not "fail" in one place and "no data" in another
    assert list(required["status"]) == ["fail"] and required.iloc[0]["failed"]
    assert summarize(required).iloc[0]["violations"] == 0
    assert "requires data" in required.iloc[0]["message"]
    assert summarize(required).iloc[0]["status"] == "fail"


def test_empty_table_gives_no_data_for_every_check() -> None:
    empty = table()
    text = MONOTONIC + AGREE + RATE + PART_OF + SUM + DURATION + (
        "  - id: plausible\n    check: range\n    max: 10\n")
    findings = check(empty, rules(text))
    assert list(findings["status"]) == ["no_data"] * 7


# --- rate -----------------------------------------------------------------------------------------

RATE = """\
  - id: toll-rate
    check: rate
    max_per_day: 1500
    min_days: 7
    start: 2011-03-15
    open_ends: 5%
    select: {metric: killed, cumulative: true}
"""


def test_rate_finds_30000_more_in_nine_days() -> None:
    figures = table(figure(180000, "2014-08-26", "monitor", "more_than"),
                    figure(220000, "2015-09-22", "tasnim", "more_than"),
                    figure(240000, "2015-09-25", "wire", "more_than"),
                    figure(250000, "2015-10-01", "voa", "more_than"))
    found = violations(run(figures, RATE))
    assert len(found) == 1
    message = found.iloc[0]["message"]
    assert message.startswith("rose from more than 220,000 on 2015-09-22 to more than 250,000 "
                              "on 2015-10-01 (9 days): at least 2,111 a day")


def test_rate_start_finds_a_total_stated_before_the_war() -> None:
    figures = table(figure(100000, "2011-02-02", "alalam", "at_least"),
                    figure(100000, "2013-08-03", "ahram", "more_than"))
    found = violations(run(figures, RATE))
    assert len(found) == 1
    assert found.iloc[0]["message"] == ("at least 100,000 on 2011-02-02 (alalam) is stated "
                                        "41 days before the count began on 2011-03-15")


def test_rate_start_finds_a_total_too_early() -> None:
    figures = table(figure(100000, "2011-04-01", "x", "at_least"))
    assert "since 2011-03-15 (17 days)" in violations(run(figures, RATE)).iloc[0]["message"]


def test_rate_min_per_day_finds_a_fall() -> None:
    rule = "  - id: r\n    check: rate\n    min_per_day: 0\n"
    figures = table(figure(230000, "2015-07-02"), figure(220000, "2015-07-09"))
    assert "at most -1,429 a day" in violations(run(figures, rule)).iloc[0]["message"]


# --- part_of and sum ------------------------------------------------------------------------------

PART_OF = """\
  - id: children-among-civilians
    check: part_of
    select: {metric: killed}
    part: {noun: child}
    whole: {noun: civilian}
"""
SENTENCE = "killed 36 civilians on Wednesday, among them five children"


def test_part_of_five_children_among_36_civilians_passes() -> None:
    figures = table(
        figure(36, "2015-10-01", doc="d", noun="civilian", sentence=SENTENCE, start=7,
               cumulative=False),
        figure(5, "2015-10-01", doc="d", noun="child", sentence=SENTENCE, start=50,
               cumulative=False),
    )
    findings = run(figures, PART_OF)
    assert list(findings["status"]) == ["pass"]
    assert findings.iloc[0]["message"] == "checked 1 pair of part and whole in one sentence: " \
                                          "no violation"


def test_part_of_finds_a_part_larger_than_its_whole() -> None:
    figures = table(
        figure(5, "2015-10-01", doc="d", noun="civilian", sentence="x", start=7),
        figure(36, "2015-10-01", doc="d", noun="child", sentence="x", start=50),
        figure(100, "2015-10-01", doc="d", noun="civilian", sentence="another", start=200),
    )
    found = violations(run(figures, PART_OF))
    assert len(found) == 1
    assert found.iloc[0]["message"].startswith("the part 36 (child) is larger than its whole "
                                               "5 (civilian) in the same sentence")
    assert [r["role"] for r in found.iloc[0]["figures"]] == ["part", "whole"]
    document_scope = PART_OF + "    scope: document\n"
    assert len(violations(run(figures, document_scope))) == 1  # nearest whole is the 5


def test_part_of_americans_in_a_force() -> None:
    rule = ("  - id: americans\n    check: part_of\n    select: {metric: troops}\n"
            "    part: {noun: american}\n    whole: {noun: force}\n")
    sentence = "The ground force numbers 5,451, including 3,359 Americans."
    figures = table(
        figure(5451, "2015-10-01", doc="d", metric="troops", noun="force", sentence=sentence,
               start=10),
        figure(3359, "2015-10-01", doc="d", metric="troops", noun="american",
               sentence=sentence, start=30),
    )
    assert list(run(figures, rule)["status"]) == ["pass"]


def test_part_of_a_vague_part_that_could_fit_passes() -> None:
    figures = table(
        figure(500, "2015-10-01", doc="d", noun="civilian", sentence="x", start=0),
        figure(None, "2015-10-01", doc="d", noun="child", qualifier="vague", low=200, high=999,
               sentence="x", start=20),
    )
    assert list(run(figures, PART_OF)["status"]) == ["pass"]


SUM = """\
  - id: civilians-add-up
    check: sum
    select: {metric: killed}
    total: {noun: civilian}
    parts: {noun: [child, woman, man]}
"""


def sum_table(total: float) -> pd.DataFrame:
    sentence = "5812 civilians: 1733 children, 969 women and 3110 men"
    return table(*[figure(value, "2016-01-01", doc="d", noun=noun, sentence=sentence,
                          start=start)
                   for value, noun, start in ((total, "civilian", 0), (1733, "child", 16),
                                              (969, "woman", 31), (3110, "man", 45))])


def test_sum_parts_add_up() -> None:
    assert list(run(sum_table(5812), SUM)["status"]) == ["pass"]


def test_sum_finds_parts_that_do_not_add_up() -> None:
    found = violations(run(sum_table(6812), SUM))
    assert found.iloc[0]["message"].startswith("the parts add up to 5,812 (1,733 + 969 + 3,110) "
                                               "but the stated total is 6,812")
    assert violations(run(sum_table(5900), SUM + "    tolerance: 2%\n")).empty


# --- range and duration -------------------------------------------------------------------------


def test_range_flags_only_figures_that_cannot_be_inside() -> None:
    rule = "  - id: r\n    check: range\n    min: 0\n    max: 500\n"
    figures = table(figure(20, "2015-10-01", metric="strikes"),
                    figure(400, "2015-10-01", metric="strikes", qualifier="more_than"),
                    figure(5000, "2015-10-01", metric="strikes"))
    found = violations(run(figures, rule))
    assert len(found) == 1
    assert "5,000 (ahram, 2015-10-01) is above the plausible maximum 500" in \
        found.iloc[0]["message"]


DURATION = """\
  - id: war-length
    check: duration
    select: {metric: duration, noun: war}
    start: 2011-03-15
    tolerance: 1
"""


@pytest.mark.parametrize(
    ("value", "unit", "published", "fails"),
    [
        pytest.param(4.5, "year", "2015-09-22", False, id="four-and-a-half-year-war-2015"),
        pytest.param(4, "year", "2015-10-01", False, id="four-year-war-2015"),
        pytest.param(3, "year", "2014-03-07", False, id="three-year-war-2014"),
        pytest.param(3, "year", "2016-06-04", True, id="three-year-war-2016"),
        pytest.param(54, "month", "2015-09-22", False, id="months"),
        pytest.param(10, "year", "2015-09-22", True, id="ten-years"),
    ],
)
def test_duration(value: float, unit: str, published: str, fails: bool) -> None:
    figures = table(figure(value, published, metric="duration", noun="war", unit=unit,
                           cumulative=False, text=f"{value:g}-{unit}"))
    found = violations(run(figures, DURATION))
    assert (len(found) == 1) is fails
    if fails:
        assert "but 2011-03-15 to" in found.iloc[0]["message"]


# --- the table ----------------------------------------------------------------------------------


def test_findings_table_shape_and_summary() -> None:
    figures = table(figure(230000, "2015-07-02", qualifier="more_than"),
                    figure(220000, "2015-07-09", qualifier="more_than"))
    text = MONOTONIC + ("  - id: jets\n    check: range\n    severity: warning\n    max: 10\n"
                        "    select: {metric: aircraft}\n")
    findings = check(figures, rules(text))
    assert tuple(findings.columns) == FINDING_COLUMNS
    assert list(findings["status"]) == ["fail", "no_data"]
    assert list(findings["source"]) == ["test.yaml:2", "test.yaml:6"]
    summary = summarize(findings)
    assert summary.to_dict(orient="records")[0] == {
        "rule": "toll-never-falls", "check": "monotonic(by=outlet)", "severity": "warning",
        "status": "fail", "failed": True, "violations": 1, "checked": 2,
        "source": "test.yaml:2"}  # its only finding is a stale restatement: a warning
    assert failing(findings, "error").empty
    assert list(failing(findings, "warning")["rule"]) == ["toll-never-falls"]
    assert failing(findings, "never").empty


def test_warning_rules_fail_only_at_warning_level() -> None:
    figures = table(figure(5000, "2015-10-01", metric="strikes"))
    findings = run(figures, "  - id: r\n    check: range\n    severity: warning\n    max: 10\n")
    assert failing(findings, "error").empty
    assert len(failing(findings, "warning")) == 1


def test_undated_figures_are_left_out_and_said_so() -> None:
    figures = table(figure(230000, "2015-07-02"), figure(220000, "2015-07-09"))
    figures.loc[1, "published"] = pd.NaT
    findings = run(figures, MONOTONIC)
    assert findings.iloc[0]["message"].endswith("; 1 undated figure left out")


# --- the windowed checks agree with a brute-force reference ---------------------------------------


def brute_force(figures: pd.DataFrame, window: int, tolerance: float) -> set[int]:
    """Rows (by doc) an agree rule should flag: the later figure of each disagreeing pair."""
    lo, hi = bands(figures, None)
    day = figures["published"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    flagged = set()
    for b in range(len(figures)):
        for a in range(len(figures)):
            if a == b or figures["outlet"][a] != figures["outlet"][b]:
                continue
            earlier = day[a] < day[b] or (day[a] == day[b] and a < b)
            if not earlier or day[b] - day[a] > window:
                continue
            if lo[a] - hi[b] > tolerance or lo[b] - hi[a] > tolerance:
                flagged.add(figures["doc"][b])
    return flagged


@pytest.mark.parametrize("seed", range(8))  # MAX_EVIDENCE is not reached with 60 figures
def test_agree_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows = []
    for number in range(60):
        value = float(rng.integers(90, 110))
        qualifier = str(rng.choice(["exact", "more_than", "at_most", "approx"]))
        day = pd.Timestamp("2015-01-01") + pd.Timedelta(days=int(rng.integers(0, 90)))
        rows.append(figure(value, day.strftime("%Y-%m-%d"), str(rng.choice(["a", "b"])),
                           qualifier, doc=f"d{number}"))
    figures = table(*rows).sort_values("published", kind="stable").reset_index(drop=True)
    rule = "  - id: r\n    check: agree\n    within: 10d\n    tolerance: 3\n    group_by: outlet\n"
    found = violations(run(figures, rule))
    flagged = {record["doc"] for records in found["figures"] for record in records
               if record["role"] == "later"}
    assert flagged == brute_force(figures, 10, 3)


# --- monotonic: falls that count (#8) ------------------------------------------------------------

TIERS = MONOTONIC + "    open_ends: 5%\n"


def test_one_finding_per_fall_lists_every_later_statement_below_it() -> None:
    """After alaraby's 'close to 500,000' every later total of 300,000-320,000 is below it."""
    figures = table(
        figure(290000, "2016-08-25", "alaraby", "more_than"),
        figure(500000, "2016-09-11", "alaraby", "approx"),
        figure(300000, "2016-09-20", "alaraby", "more_than"),
        figure(300000, "2016-10-14", "alaraby", "more_than"),
        figure(320000, "2017-04-04", "alaraby", "more_than"),
        figure(330000, "2017-10-11", "alaraby", "more_than"),
    )
    found = violations(run(figures, TIERS))
    assert len(found) == 1
    finding = found.iloc[0]
    assert finding["message"] == (
        "contradiction: fell from about 500,000 on 2016-09-11 to more than 300,000 on "
        "2016-09-20, same outlet (alaraby); 3 later statements through 2017-10-11 stay below it")
    assert [r["role"] for r in finding["figures"]] == ["earlier"] + ["later"] * 4
    assert finding["severity"] == "error" and finding["date"] == pd.Timestamp("2016-09-20")


@pytest.mark.parametrize(
    ("earlier", "later", "tier", "severity"),
    [
        pytest.param(("more_than", 230000), ("more_than", 220000), "stale restatement",
                     "warning", id="lower-open-floor-still-meets"),
        pytest.param(("more_than", 290000), ("exact", 280000), "contradiction", "error",
                     id="exact-below-a-floor"),
        pytest.param(("approx", 500000), ("more_than", 300000), "contradiction", "error",
                     id="closed-band-below"),
        pytest.param(("more_than", 170000), ("more_than", 100000), "contradiction", "error",
                     id="open-ends-close-the-later-band"),
    ],
)
def test_two_tiers(earlier: tuple[str, float], later: tuple[str, float], tier: str,
                   severity: str) -> None:
    figures = table(figure(earlier[1], "2015-07-02", qualifier=earlier[0]),
                    figure(later[1], "2015-07-09", qualifier=later[0]))
    (finding,) = violations(run(figures, TIERS)).to_dict(orient="records")
    assert finding["message"].startswith(f"{tier}: fell from")
    assert finding["severity"] == severity


def test_stale_severity_is_configurable_and_one_step_below_by_default() -> None:
    figures = table(figure(230000, "2015-07-02", qualifier="more_than"),
                    figure(220000, "2015-07-09", qualifier="more_than"))
    warning = TIERS.replace("check: monotonic", "check: monotonic\n    severity: warning")
    assert violations(run(figures, warning)).iloc[0]["severity"] == "info"
    chosen = TIERS + "    stale_severity: error\n"
    assert violations(run(figures, chosen)).iloc[0]["severity"] == "error"


@pytest.mark.parametrize(
    ("later", "falls"),
    [pytest.param(9220, False, id="rounded-restatement-within-1%"),
     pytest.param(9100, True, id="a-real-fall")],
)
def test_rounding_tolerance_defaults_to_one_percent(later: float, falls: bool) -> None:
    figures = table(figure(9227, "2014-08-01", qualifier="at_least"),
                    figure(later, "2014-08-02", qualifier="more_than"))
    assert len(violations(run(figures, MONOTONIC))) == int(falls)


def brute_force_falls(rows: list[dict], tolerance: float, within: int | None = None
                      ) -> dict[int, list[int]]:
    """For every statement, the highest floor stated on an earlier date (at most ``within``
    days earlier when set); a fall is that floor's latest statement, with every later
    statement below it (pair by pair)."""
    days = [pd.Timestamp(r["published"]) for r in rows]
    falls: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        earlier = [j for j in range(len(rows)) if days[j] < days[i]
                   and (within is None or (days[i] - days[j]).days <= within)]
        if not earlier:
            continue
        floor = max(rows[j]["low"] for j in earlier)
        if row["low"] < floor - tolerance * floor:
            setter = max((j for j in earlier if rows[j]["low"] == floor),
                         key=lambda j: (days[j], j))
            falls.setdefault(setter, []).append(i)
    return falls


def _rising_statements(rng: np.random.Generator, count: int, days: int, swing: int
                       ) -> list[dict]:
    """``count`` statements of one outlet over ``days`` days: a toll rising 50 a day, each
    off it by up to ``swing`` steps of 60 (so some fall below an earlier floor)."""
    rows = []
    for index in range(count):
        day = int(rng.integers(0, days))
        value = float(1000 + 50 * day + rng.integers(-swing, swing + 1) * 60)
        rows.append(figure(value, str((pd.Timestamp("2015-01-01")
                                       + pd.Timedelta(days=day)).date()),
                           "ahram", "exact", doc=f"d{index}", start=index))
    return rows


def _falls_found_and_expected(rows: list[dict], rule: str, **window: int
                              ) -> tuple[set, set]:
    """(setter, later docs) of each fall the check finds, and of the brute-force reference."""
    found = violations(run(table(*rows), rule))
    ours = {(f["figures"][0]["doc"], tuple(sorted(r["doc"] for r in f["figures"][1:])))
            for f in found.to_dict(orient="records")}
    expected = {(rows[setter]["doc"], tuple(sorted(rows[i]["doc"] for i in later)))
                for setter, later in brute_force_falls(rows, 0.01, **window).items()}
    return ours, expected


@pytest.mark.parametrize("seed", range(15))
def test_monotonic_matches_a_brute_force_reference(seed: int) -> None:
    rows = _rising_statements(np.random.default_rng(seed), count=9, days=40, swing=4)
    ours, expected = _falls_found_and_expected(rows, MONOTONIC)
    assert ours == expected


@pytest.mark.parametrize("seed", range(10))
def test_monotonic_within_a_window_matches_a_brute_force_reference(seed: int) -> None:
    """Several statements a day and a window: the highest floor of the window's days."""
    rows = _rising_statements(np.random.default_rng(100 + seed), count=14, days=25, swing=6)
    ours, expected = _falls_found_and_expected(rows, MONOTONIC + "    within: 6d\n", within=6)
    assert ours == expected


# --- agree: bugs of #8 --------------------------------------------------------------------------


def test_agree_reports_a_pair_on_a_shared_date_once() -> None:
    figures = table(figure(320000, "2017-04-13", "jordantimes", "more_than"),
                    figure(320000, "2017-04-14", "jordantimes", "more_than"),
                    figure(400000, "2017-04-15", "trt", "more_than"),
                    figure(320000, "2017-04-15", "jordantimes", "more_than"))
    found = violations(run(figures, AGREE))
    pairs = [frozenset((r["outlet"], r["date"]) for r in f[:2]) for f in found["figures"]]
    assert len(pairs) == len(set(pairs)), found["message"].tolist()


def test_agree_follows_a_fast_rising_toll() -> None:
    """+300 a day is 9,000 in a month: not a disagreement between outlets."""
    rows = [figure(60000 + 300 * day, str((pd.Timestamp("2014-07-08")
                                           + pd.Timedelta(days=day)).date()),
                   ["a", "b", "c"][day % 3], "exact") for day in range(0, 60, 2)]
    assert violations(run(table(*rows), AGREE)).empty
    flat = AGREE + "    trend: none\n"
    assert len(violations(run(table(*rows), flat))) > 0  # without the trend it did


def test_agree_day_counts_read_as_words() -> None:
    figures = table(figure(400000, "2016-06-14", "trt"), figure(250000, "2016-06-15", "dailysabah",
                                                                 "more_than"))
    message = violations(run(figures, AGREE)).iloc[0]["message"]
    assert "1 day apart" in message and "1 days" not in message


# --- the other bugs of #8 -----------------------------------------------------------------------


def test_same_claimant_is_said_only_when_one_is_named() -> None:
    figures = table(figure(230000, "2015-07-02"), figure(200000, "2015-07-09"))
    message = violations(run(figures, MONOTONIC)).iloc[0]["message"]
    assert message.endswith("same outlet (ahram)")
    named = table(figure(230000, "2015-07-02", claimant="UN"),
                  figure(200000, "2015-07-09", claimant="UN"))
    assert violations(run(named, MONOTONIC)).iloc[0]["message"].endswith(
        "same outlet (ahram), same claimant (UN)")


def test_range_checks_undated_figures() -> None:
    figures = table(figure(600, "2015-07-02", metric="strikes", cumulative=False),
                    figure(900, None, metric="strikes", cumulative=False))  # type: ignore[arg-type]
    found = run(figures, "  - id: strikes\n    check: range\n    max: 500\n"
                         "    select: {metric: strikes}\n")
    assert list(found["status"]) == ["fail", "fail"]
    assert found.iloc[0]["checked"] == 2


def test_rate_start_message_says_days_in_words() -> None:
    figures = table(figure(100000, "2011-03-14", "alalam", "at_least"))
    message = violations(run(figures, RATE)).iloc[0]["message"]
    assert message == ("at least 100,000 on 2011-03-14 (alalam) is stated 1 day before the "
                       "count began on 2011-03-15")


# --- what a running total is not (#8) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "why"),
    [
        pytest.param("The 2014 war killed 2,251 Palestinians.", "2,251",
                     "of another period ('The 2014 war')", id="named-war"),
        pytest.param("The war of 2006 killed 1,200 people.", "1,200",
                     "of another period ('war of 2006')", id="war-of-year"),
        pytest.param("Some 2,100 people were killed in 2012.", "2,100",
                     "of another period ('in 2012')", id="in-another-year"),
        pytest.param("Some estimates suggest 470,000 may have died.", "470,000",
                     "hedged ('estimates suggest')", id="estimates-suggest"),
        pytest.param("The toll could reach 10,000 by the end of the month.", "10,000",
                     "hedged ('could reach')", id="projection"),
        pytest.param("They put the toll at as high as 470,000 people.", "470,000",
                     "hedged ('as high as')", id="as-high-as"),
        pytest.param("At least 5,000 people may have died in the floods.", "At least 5,000",
                     "hedged ('may have')", id="may-have-died"),
    ],
)
def test_kept_out_figures(sentence: str, text: str, why: str) -> None:
    figures = table(figure(1000, "2015-01-01", "a", sentence=sentence, text=text),
                    figure(3000, "2015-02-01", "a"))
    findings = run(figures, MONOTONIC)
    assert list(findings["status"]) == ["pass"]
    (kept,) = findings.iloc[0]["kept_out"]
    assert (kept["text"], kept["why"]) == (text, why)
    assert findings.iloc[0]["message"].endswith(f"; 1 figure kept out (1 {why.split(' (')[0]})")


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("More than 100,000 people have been killed since the uprising began in "
                     "March 2011.", id="since-the-start"),
        pytest.param("The war, which began with protests in 2011, has killed 280,000.",
                     id="began-in-a-year"),
        pytest.param("A civil war broke out in Syria in 2011 and has killed 200,000.",
                     id="broke-out"),
        pytest.param("An estimated 170,000 people have been killed.", id="an-estimated"),
        pytest.param("The 2015 war has killed 3,000 so far.", id="the-war-of-this-year"),
    ],
)
def test_running_totals_are_kept_in(sentence: str) -> None:
    figures = table(figure(3000, "2015-06-01", "a", sentence=sentence))
    findings = run(figures, MONOTONIC)
    assert findings.iloc[0]["kept_out"] == [], findings.iloc[0]["kept_out"]


def test_hedge_column_keeps_out_and_keep_out_can_be_switched_off() -> None:
    rows = [figure(500000, "2016-09-11", "alaraby", "approx"),
            figure(300000, "2016-09-20", "alaraby", "more_than")]
    figures = table(*rows)
    figures["hedge"] = ["may have", None]
    assert violations(run(figures, MONOTONIC)).empty
    kept_in = MONOTONIC.replace("cumulative: true}", "cumulative: true, keep_out: []}")
    assert len(violations(run(figures, kept_in))) == 1


def test_as_of_far_from_publication_is_kept_out() -> None:
    figures = table(figure(191000, "2014-10-14", "dailysabah"), figure(200000, "2014-10-20"))
    figures.loc[0, "as_of"] = pd.Timestamp("2014-08-01")
    findings = run(figures, MONOTONIC.replace("group_by: outlet", "dated_by: published"))
    (kept,) = findings.iloc[0]["kept_out"]
    assert kept["why"] == "refers to 2014-08-01, 74 days before its publication"


def test_range_keeps_nothing_out_by_default() -> None:
    figures = table(figure(900, "2015-01-01", metric="strikes", cumulative=False,
                           sentence="Strikes could reach 900 a day."))
    found = run(figures, "  - id: s\n    check: range\n    max: 500\n")
    assert list(found["status"]) == ["fail"] and found.iloc[0]["kept_out"] == []


def test_a_finding_names_the_figures_kept_out_near_it() -> None:
    figures = table(
        figure(300000, "2016-07-12", "trt", "more_than"),
        figure(470000, "2016-07-12", "trt", sentence="Some estimates suggesting 470000 may "
               "have died.", text="470000", start=5),
        figure(290000, "2016-09-03", "trt", "more_than"),
    )
    message = violations(run(figures, MONOTONIC)).iloc[0]["message"]
    assert message.endswith("(kept out nearby: '470000' (trt, 2016-07-12): hedged "
                            "('estimates suggesting'))")


# --- fast paths against the plain ones -----------------------------------------------------------


@pytest.mark.parametrize("groups, days", [(3, 50), (40, 2500), (70_000, 30), (2, 70_000)])
def test_a_frames_order_is_a_lexsort_by_group_then_day(groups: int, days: int) -> None:
    """One 16-bit sort, two of them, or one of a wide key: always lexsort's order."""
    from figures.check.time import _group_day_order

    rng = np.random.default_rng(groups + days)
    group = rng.integers(0, groups, size=5000)
    group[0] = groups - 1
    day = rng.integers(0, days, size=5000) + 16_000
    assert _group_day_order(group, day).tolist() == np.lexsort((day, group)).tolist()


def test_records_built_in_bulk_are_the_records_one_by_one() -> None:
    """``Records.build`` (repeats, one role or one a position) gives ``Records.record``."""
    from figures.check.evidence import Records

    figures = table(figure(230000, "2015-07-02", "ahram", "more_than", doc="d1"),
                    figure(250000, "2015-08-02", "trt", "exact", doc="d2"),
                    figure(None, "2015-09-02", None, "exact", doc="d3"))
    band = (np.array([230000.0, -np.inf, 1.0]), np.array([np.inf, 250000.0, 2.0]))
    positions = np.array([2, 0, 2, 1, 0])
    roles = ["earlier", "later", "later", "earlier", "figure"]
    for dated_by in (None, "as_of"):
        records = Records(figures, band, rows=np.array([2, 1, 0]), dated_by=dated_by)
        one_by_one = [records.record(int(p), role) for p, role in
                      zip(positions, roles, strict=True)]
        assert records.build(positions, roles) == one_by_one
        assert records.build(positions, "later") == [
            records.record(int(p), "later") for p in positions]
        built = records.build(positions, "later")
        assert built[0] is not built[2]  # each its own dict


@pytest.mark.parametrize("sentences", [
    ["since the war began", None, "died", "Since the  conflict", "x"] * 3,
    [1, "since the war", None, 2.5, "since the conflict"] * 3,  # not plain text: no Arrow
])
def test_a_pattern_looked_for_a_few_rows_at_a_time_matches_all_at_once(
        sentences: list[Any]) -> None:
    """A run's rules ask for the sentences of some rows each; the answers are those of
    all rows searched at once, whichever rows were asked first."""
    from figures.check.selection import Columns

    table_ = pd.DataFrame({"sentence": pd.Series(sentences, dtype=object)})
    pattern = r"since (the )?\s*(war|conflict)"
    whole = Columns(table_).sentence_matches(pattern)
    assert whole.tolist() == [isinstance(s, str) and "since the" in s.lower()
                              for s in sentences]
    columns = Columns(table_)
    for rows in ([3, 0, 7], [0, 1, 2, 3], list(range(len(sentences)))):
        assert columns.sentence_matches(pattern, np.array(rows)).tolist() == \
            whole[rows].tolist()


SHARING = """\
  - id: floor-by-outlet
    check: monotonic
    group_by: outlet
    select: {metric: killed, cumulative: true}
  - id: floor-by-outlet-within
    check: monotonic
    group_by: outlet
    within: 10d
    open_ends: 5%
    select: {metric: killed, cumulative: true, exclude: 'prison'}
  - id: agree
    check: agree
    within: 10d
    tolerance: 5%
    group_by: outlet
    select: {metric: killed, cumulative: true}
  - id: agree-pattern
    check: agree
    within: 5d
    tolerance: 3
    select: {metric: killed, pattern: 'daily|on monday'}
  - id: rate
    check: rate
    max_per_day: 3
    group_by: outlet
    select: {metric: killed, cumulative: true}
  - id: range
    check: range
    min: 10
    max: 150
    select: {metric: killed, cumulative: true}
  - id: consensus
    check: consensus
    select: {metric: killed, cumulative: true}
  - id: consensus-falling
    check: consensus
    trend: falling
    select: {metric: killed, cumulative: true}
  - id: consensus-by-claimant
    check: consensus
    group_by: claimant
    select: {metric: killed, cumulative: true}
"""


def _random_figures(rng: np.random.Generator, count: int) -> pd.DataFrame:
    sentences = [None, "{} people were killed on Monday.", "{} died in prisons.",
                 "{} were killed daily, estimates suggest."]
    rows = []
    for number in range(count):
        value = float(rng.integers(1, 200))
        day = pd.Timestamp("2015-01-01") + pd.Timedelta(days=int(rng.integers(0, 60)))
        pattern = sentences[int(rng.integers(0, len(sentences)))]
        rows.append(figure(
            value, day.strftime("%Y-%m-%d"), str(rng.choice(["a", "b", "c"])),
            str(rng.choice(["exact", "more_than", "at_most", "approx"])),
            doc=f"d{int(rng.integers(0, max(1, count // 2)))}", start=number,
            claimant=[None, "un"][int(rng.integers(0, 2))],
            cumulative=bool(rng.random() < 0.8)))
        rows[-1]["sentence"] = None if pattern is None else pattern.format(int(value))
    figures = table(*rows)
    if count and rng.random() < 0.5:
        figures["story"] = [None if rng.random() < 0.5 else f"s{int(rng.integers(0, 3))}"
                            for _ in range(count)]
    return figures


@pytest.mark.parametrize("seed", range(12))
def test_rules_run_together_find_what_each_finds_alone(seed: int) -> None:
    """What a run works out once and shares (frames, consensus groups, sentence searches,
    records) changes no rule's findings: the rules together find what each finds alone."""
    rng = np.random.default_rng(300 + seed)
    figures = _random_figures(rng, int(rng.choice([0, 1, 2, 5, 20, 60])))
    together = rules(SHARING)
    alone = pd.concat([check(figures, [rule]) for rule in together], ignore_index=True)
    # compared as JSON: a missing outlet is None or NaN as concat infers the column's dtype
    assert check(figures, together).to_json(orient="records", date_format="iso") == \
        alone.to_json(orient="records", date_format="iso")


def test_one_figure_without_a_sentence_is_checked_by_every_rule() -> None:
    """A table of one figure with no sentence (a hedge cue has nothing to search)."""
    row = figure(100, "2015-01-01")
    row["sentence"] = None
    findings = run(table(row), SHARING)
    assert len(findings) == len(rules(SHARING))


@pytest.mark.parametrize("seed", range(6))
def test_lexsort_pair_is_lexsort_on_any_ranges(seed: int) -> None:
    """Two 16-bit sorts where both ranges fit (negative and offset values too), lexsort
    where one is 65,536 wide or more."""
    from figures.check.selection import lexsort_pair

    rng = np.random.default_rng(seed)
    for minor_range, major_range in [(1, 1), (65_535, 3), (65_536, 3), (3, 65_536), (10, 10)]:
        base = int(rng.integers(-70_000, 70_000))
        major = rng.integers(0, major_range, size=300) + base
        minor = rng.integers(0, minor_range, size=300) - base
        major[:2], minor[:2] = (base, base + major_range - 1), (-base, -base + minor_range - 1)
        for dtype in (np.int64, np.int32):
            assert lexsort_pair(minor.astype(dtype), major.astype(dtype)).tolist() == \
                np.lexsort((minor, major)).tolist()
