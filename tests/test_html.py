"""The HTML report: one self-contained page, escaped, with the JSON's numbers; and the page in
a real headless browser (the system's Chromium driven by Playwright)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from figures.check import check
from figures.report import findings_json
from figures.report.html import html_report
from tests.test_check import figure, rules, table

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
#: Chromium switches for a headless run that reaches no network on its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

AGREE = ("  - id: tolls-agree\n    check: agree\n    severity: warning\n"
         "    description: Tolls a week apart agree within 5%.\n"
         "    within: 30d\n    tolerance: 5%\n    select: {metric: killed}\n")
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_findings() -> tuple[pd.DataFrame, pd.DataFrame]:
    figures = table(
        figure(220000, "2015-09-22", outlet=HOSTILE, doc="a<b>",
               sentence=f"{HOSTILE} said 220000 people have been killed."),
        figure(250000, "2015-10-01", outlet="Outlet B", text="250000",
               sentence="Now 250000 people have been killed, it said."),
    )
    return check(figures, rules(AGREE)), figures


def test_page_is_self_contained_and_escapes_everything(hostile_findings) -> None:
    findings, figures = hostile_findings
    page = html_report(findings, figures, rules=rules(AGREE))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page
    assert page.count("<script>") == 1  # the page's own sorting/filtering script only
    # No network: nothing is loaded from anywhere but the page itself.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "Tolls a week apart agree within 5%." in page  # the rule's description
    assert "<mark>250000</mark>" in page  # the figure highlighted in its quote


def test_summary_numbers_are_the_json_numbers(hostile_findings) -> None:
    findings, figures = hostile_findings
    page = html_report(findings, figures, rules=rules(AGREE))
    summary = findings_json(findings, figures=figures, rules=rules(AGREE))["summary"]
    shown = dict(re.findall(r'id="(total-problems|problems-\w+|findings-count)" '
                            r'data-count="(\d+)"', page))
    assert int(shown["total-problems"]) == summary["total_problems"] == 1
    assert {severity: int(shown[f"problems-{severity}"]) for severity in summary["problems"]} \
        == summary["problems"]
    assert int(shown["findings-count"]) == summary["findings"]


def test_a_finding_links_to_its_documents_sentences(hostile_findings) -> None:
    findings, figures = hostile_findings
    page = html_report(findings, figures, rules=rules(AGREE))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert targets <= ids, targets - ids
    assert any(target.startswith("doc-") and "-at-" in target for target in targets)


def test_plots_are_embedded(hostile_findings) -> None:
    findings, figures = hostile_findings
    page = html_report(findings, figures, plots={"tolls-agree": b"\x89PNG fake"},
                       rules=rules(AGREE))
    assert 'src="data:image/png;base64,' in page


# --- in a real browser -----------------------------------------------------------------------


def _browser_or_skip():
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    if not CHROMIUM.is_file() and not shutil.which("chromium"):
        pytest.skip("no Chromium: `apt-get install chromium` (make test installs it where "
                    "apt-get can run as root)")
    return playwright


@pytest.fixture(scope="module")
def examples_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    from click.testing import CliRunner

    from figures.cli import main

    folder = tmp_path_factory.mktemp("html")
    page, data = folder / "examples.html", folder / "examples.json"
    here = os.getcwd()
    os.chdir(ROOT)  # the page names the rule file as a user at the repository types it
    try:
        result = CliRunner().invoke(main, ["check", "examples", "--rules", "rules/examples.yaml",
                                           "--quiet", "--report", str(page), "--json", str(data)])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return page, json.loads(data.read_text(encoding="utf-8"))


def test_report_in_a_headless_browser(examples_pages) -> None:
    sync_api = _browser_or_skip()
    page_path, document = examples_pages
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.is_file() else shutil.which("chromium")),
            args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda message: problems.append(message.text)
                    if message.type in ("error", "warning") else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("request", lambda request: problems.append(f"request {request.url}")
                    if not request.url.startswith(("file:", "data:")) else None)
            page.goto(page_path.as_uri())
            summary = document["summary"]
            assert int(page.inner_text("#total-problems")) == summary["total_problems"]
            for severity, count in summary["problems"].items():
                assert int(page.inner_text(f"#problems-{severity}")) == count
            assert page.inner_text("#headline") == summary["headline"]
            rows = page.locator("#findings-table tbody tr")
            assert rows.count() == summary["total_problems"]
            # Filtering hides the rows without the text; sorting reorders them.
            page.fill("input[data-table=findings-table]", "Desert Wire")
            visible = page.locator("#findings-table tbody tr:not([hidden])")
            assert 0 < visible.count() < rows.count()
            page.fill("input[data-table=findings-table]", "")
            page.click("#rules-table th:nth-child(5)")
            page.click("#rules-table th:nth-child(5)")
            first = page.inner_text("#rules-table tbody tr:first-child td:nth-child(5)")
            assert int(first) == max(rule["problems"] for rule in summary["rule_results"])
            # A finding's document link lands on that document's sentences.
            page.click("#findings-table tbody tr:first-child td:last-child a")
            assert page.evaluate("location.hash").startswith("#doc-")
            page.goto(page_path.as_uri())
            (ROOT / "reports").mkdir(exist_ok=True)
            page.screenshot(path=str(ROOT / "reports" / "examples-html.png"))
        finally:
            browser.close()
    assert problems == []


def test_missing_cells_of_the_figures_table_are_empty_not_nan() -> None:
    figures = table(
        figure(220000, "2015-09-22", outlet="Outlet A", claimant="CDC"),
        figure(250000, "2015-10-01", outlet="Outlet B", noun=None, claimant=None),
    )
    figures["claimant"] = figures["claimant"].astype(object).where(figures["claimant"].notna(),
                                                                   float("nan"))
    page = html_report(check(figures, rules(AGREE)), figures, rules=rules(AGREE))
    looked_at = page[page.index('id="figures-table"'):]
    looked_at = looked_at[:looked_at.index("</table>")]
    assert "<td>CDC</td>" in looked_at
    assert ">nan<" not in looked_at and 'data-sort="nan"' not in looked_at
