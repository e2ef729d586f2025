"""The pytest plugin, run with pytester on a three-article corpus written for these tests.

The corpus: outlet A says at least 250,000 killed on 1 October and exactly
220,000 on 10 October (a running total that falls), outlet B counts 20
airstrikes. The rules below pass, fail, warn or find nothing on it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import datasketch  # noqa: F401 - reading imports it (near-copies), with scipy's C modules
import pandas as pd
import pytest

# The stages the plugin imports when active, imported here once: pytester's in-process
# runs drop the modules a run imported, and numpy cannot be imported twice in a process.
import figures.check
import figures.read
import figures.report
import figures.table

pytest_plugins = ["pytester"]

MANIFEST = """\
id,file,outlet,published,title
a1,a1.txt,Outlet A,2015-10-01,Toll rises
a2,a2.txt,Outlet A,2015-10-10,Toll revised
b1,b1.txt,Outlet B,2015-10-05,Raids continue
"""
ARTICLES = {
    "a1.txt": "At least 250,000 people have been killed in the war, monitors said on Thursday.\n",
    # an exact total below the earlier floor: a contradiction, not a stale restatement (#8)
    "a2.txt": "Exactly 220,000 people have been killed in the war, monitors said on Friday.\n",
    "b1.txt": "Russian jets carried out 20 airstrikes on Tuesday, the ministry said.\n",
}

RULES = """\
rules:
  - id: toll-never-falls
    check: monotonic
    select: {metric: killed, cumulative: true}
    group_by: outlet
  - id: strikes-plausible
    check: range
    select: {metric: strikes}
    min: 0
    max: 100
  - id: toll-under-240k
    check: range
    severity: warning
    select: {metric: killed}
    max: 240000
  - id: troops-counted
    check: range
    severity: info
    select: {metric: troops}
    max: 10
"""
PYPROJECT = """\
[tool.figures]
corpus = "corpus"
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project that keeps a corpus and rules/checks.yaml and names the corpus in pyproject."""
    write_corpus(pytester, "corpus")
    pytester.makefile(".toml", pyproject=PYPROJECT)
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "checks.yaml").write_text(RULES, encoding="utf-8")
    return pytester


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """pytest in this process (figures is already imported here, so it is not rewritten)."""
    return pytester.runpytest("-W", "ignore::pytest.PytestAssertRewriteWarning", *args)


def write_corpus(pytester: pytest.Pytester, folder: str) -> None:
    corpus = pytester.path / folder
    corpus.mkdir(parents=True)
    (corpus / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")


def rule_file(*rules: str, corpus: str = "") -> str:
    """A rule file with some of RULES' rules (by id) and an optional corpus block."""
    blocks = ["  - " + block for block in RULES.split("  - ")[1:]]
    chosen = [block for block in blocks if any(f"id: {rule}\n" in block for rule in rules)]
    return corpus + "rules:\n" + "".join(chosen)


# --------------------------------------------------------------------------- staying out of the way


def test_inert_without_configuration(pytester: pytest.Pytester) -> None:
    """Installed everywhere, the plugin collects nothing unless the project opts in."""
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "alerts.yaml").write_text("groups: [not, ours]\n")
    pytester.makepyfile(test_own="def test_own():\n    assert True\n")
    result = run(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("figures:*")


def test_entry_point_loads_in_a_fresh_process(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("-k", "never or strikes")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["plugins: *figures-*", "*Outlet A*250,000*"])


def test_can_be_disabled(project: pytest.Pytester) -> None:
    result = run(project, "-p", "no:figures")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_project_tests_still_run_beside_rules(project: pytest.Pytester) -> None:
    project.makepyfile(test_own="def test_own():\n    assert 1 + 1 == 2\n")
    result = run(project, "-k", "own or strikes")
    result.assert_outcomes(passed=2)


# --------------------------------------------------------------- collection and outcomes


def test_one_item_per_rule_named_by_id(project: pytest.Pytester) -> None:
    result = run(project, "--collect-only", "-q")
    result.stdout.fnmatch_lines([
        "rules/checks.yaml::toll-never-falls",
        "rules/checks.yaml::strikes-plausible",
        "rules/checks.yaml::toll-under-240k",
        "rules/checks.yaml::troops-counted",
        "4 tests collected*",
    ])


def test_pass_fail_warn_and_no_data(project: pytest.Pytester) -> None:
    result = run(project, "-rA")
    result.assert_outcomes(passed=2, failed=1, skipped=1, warnings=1)
    result.stdout.fnmatch_lines([
        "figures: rules rules/[*].yaml; corpus corpus; fail on error*",
        "PASSED rules/checks.yaml::strikes-plausible",
        "PASSED rules/checks.yaml::toll-under-240k",
        "SKIPPED [1] rules/checks.yaml:16: troops-counted: no figure matched the selection",
        "FAILED rules/checks.yaml::toll-never-falls - *",
    ])
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_failure_shows_the_evidence_not_a_traceback(project: pytest.Pytester) -> None:
    result = run(project, )
    result.stdout.fnmatch_lines([
        "*_ toll-never-falls (rules/checks.yaml:2) _*",
        "rules/checks.yaml:2: toll-never-falls (error) failed: 1 problem",
        "1. monotonic(by=outlet): *",
        "*outlet*date*quote*value*bounds*",
        "*Outlet A*2015-10-01*250,000*",
        "*Outlet A*220,000*",
    ])
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*def runtest*")


def test_warning_rule_passes_with_a_warning_and_its_evidence(project: pytest.Pytester) -> None:
    result = run(project, "-k", "240k")
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines([
        "*warnings summary*",
        "rules/checks.yaml::toll-under-240k",
        "*rules/checks.yaml:11: FiguresRuleWarning: toll-under-240k (warning): *",
        "*figures: 1 rule below --figures-fail-on=error found problems*",
        "*_ toll-under-240k (rules/checks.yaml:11) _*",
        "*| outlet *| date *|*",
    ])
    assert result.ret == pytest.ExitCode.OK


def test_fail_on_warning_fails_warning_rules(project: pytest.Pytester) -> None:
    result = run(project, "-k", "240k", "--figures-fail-on", "warning")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["rules/checks.yaml:11: toll-under-240k (warning) failed: *"])


def test_warnings_made_errors_fail_with_the_evidence(project: pytest.Pytester) -> None:
    result = run(project, "-k", "240k", "-W", "error::figures.pytest_plugin.FiguresRuleWarning")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "rules/checks.yaml:11: toll-under-240k (warning): * (warning made an error)",
        "1. range(max=240000): *",
        "*Outlet A*250,000*",
    ])
    result.stdout.no_fnmatch_line("*Traceback*")


def test_warnings_made_errors_are_reported_as_failed_not_warned(
        project: pytest.Pytester) -> None:
    result = run(project, "-k", "240k", "-W", "error::figures.pytest_plugin.FiguresRuleWarning",
                 "--figures-summary", "summary.md")
    result.assert_outcomes(failed=1)
    result.stdout.no_fnmatch_line("*rule(s) below --figures-fail-on*")
    summary = (project.path / "summary.md").read_text()
    assert summary.startswith("## figures rules: 1 failed\n")
    rows = {cells[0]: cells[1:] for cells in table_rows(summary)}
    assert rows["toll-under-240k"][:2] == ["warning", "**failed**"]


def test_markers_per_severity(project: pytest.Pytester) -> None:
    result = run(project, "-m", "not warning and not info", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*::toll-never-falls", "*::strikes-plausible",
                                 "2/4 tests collected (2 deselected)*"])
    result = run(project, "-m", "figures and warning", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*::toll-under-240k", "1/4 tests collected*"])


def test_k_selects_rules_by_id(project: pytest.Pytester) -> None:
    result = run(project, "-k", "strikes or never", "-v")
    result.stdout.fnmatch_lines(["*::toll-never-falls FAILED*", "*::strikes-plausible PASSED*"])
    result.assert_outcomes(passed=1, failed=1)


def test_corpus_is_extracted_once_per_run(project: pytest.Pytester,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = figures.table.extract

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(figures.table, "extract", counting)
    result = run(project, )
    result.assert_outcomes(passed=2, failed=1, skipped=1, warnings=1)
    assert len(calls) == 1
    result.stdout.fnmatch_lines(["read 3 files from corpus: 3 documents*. 3 figures extracted*"])


# --------------------------------------------------------------------------- configuration


def test_configuration_from_pyproject(pytester: pytest.Pytester) -> None:
    write_corpus(pytester, "data/articles")
    pytester.makefile(".toml", pyproject="""\
[tool.figures]
corpus = ["data/articles"]
rules = ["checks/*.yml"]
fail-on = "warning"
summary = "reports/figures.md"
""")
    (pytester.path / "checks").mkdir()
    (pytester.path / "checks" / "toll.yml").write_text(rule_file("toll-under-240k"))
    result = run(pytester, )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "figures: rules checks/[*].yml; corpus data/articles; fail on warning*",
        "wrote summary to reports/figures.md",
    ])
    assert (pytester.path / "reports" / "figures.md").is_file()


def test_command_line_alone_turns_it_on(pytester: pytest.Pytester) -> None:
    write_corpus(pytester, "corpus")
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "x.yaml").write_text(rule_file("strikes-plausible"))
    result = run(pytester, "--figures-corpus", "corpus")
    result.stdout.fnmatch_lines(["figures: rules rules/[*].yaml; corpus corpus; fail on error "
                                 "(from command line)"])
    result.assert_outcomes(passed=1)


def test_command_line_overrides_pyproject(project: pytest.Pytester) -> None:
    write_corpus(project, "other")
    (project.path / "more").mkdir()
    (project.path / "more" / "x.yaml").write_text(rule_file("strikes-plausible"))
    result = run(project, "more", "--figures-rules", "more/*.yaml",
                               "--figures-corpus", "other", "--figures-fail-on", "never")
    result.stdout.fnmatch_lines(["figures: rules more/[*].yaml; corpus other; fail on never*"])
    result.assert_outcomes(passed=1)


def test_column_options_reach_the_reader(project: pytest.Pytester) -> None:
    (project.path / "articles.csv").write_text(
        "key,body,paper,day\n"
        "a1,\"At least 250,000 people have been killed in the war.\",Outlet A,2015-10-01\n"
        "a2,\"Exactly 220,000 people have been killed in the war.\",Outlet A,2015-10-10\n")
    result = run(project,
        "-k", "never", "--figures-corpus", "articles.csv", "--figures-text-column", "body",
        "--figures-id-column", "key", "--figures-outlet-column", "paper",
        "--figures-date-column", "day")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*Outlet A*2015-10-10*220,000*"])


def test_rule_file_with_its_own_corpus(pytester: pytest.Pytester) -> None:
    """A rule file's corpus: block is read relative to the file; no [tool.figures] corpus needed."""
    write_corpus(pytester, "news")
    pytester.makefile(".toml", pyproject="[tool.figures]\n")
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "own.yaml").write_text(
        rule_file("toll-never-falls", corpus="corpus:\n  paths: [../news]\n"))
    result = run(pytester, )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["figures: rules rules/[*].yaml; corpus (rule files' own)*"])


def test_no_corpus_anywhere_is_a_collection_error(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", pyproject="[tool.figures]\n")
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "x.yaml").write_text(rule_file("strikes-plausible"))
    result = run(pytester, )
    result.stdout.fnmatch_lines(["rules/x.yaml: no corpus to check these rules against: *"])
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_missing_corpus_is_one_usage_error(project: pytest.Pytester) -> None:
    result = run(project, "--figures-corpus", "nowhere")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: figures: corpus not found: nowhere (for rules/checks.yaml)*"])
    assert result.stderr.str().count("corpus not found") == 1
    result.stdout.no_fnmatch_line("*Traceback*")


def test_missing_corpus_leaves_other_tests_alone(project: pytest.Pytester) -> None:
    project.makepyfile(test_own="def test_own():\n    assert True\n")
    result = run(project, "test_own.py", "--figures-corpus", "nowhere")
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize(("toml", "message"), [
    ('fail-on = "sometimes"', "*fail-on: expected one of error, warning, info, never*"),
    ("corpus = 3", "*corpus: expected a string or a list of strings; got 3"),
    ("jobs = 0", "*jobs: expected a whole number >= 1; got 0"),
])
def test_bad_configuration_is_a_usage_error(pytester: pytest.Pytester, toml: str,
                                            message: str) -> None:
    pytester.makefile(".toml", pyproject=f"[tool.figures]\n{toml}\n")
    result = run(pytester, )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: pyproject.toml ?tool.figures?: {message}"])


def test_zero_jobs_on_the_command_line_is_a_usage_error(project: pytest.Pytester) -> None:
    result = run(project, "--figures-jobs", "0")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --figures-jobs: expected a whole number >= 1; got 0"])


def test_unknown_key_is_a_warning(project: pytest.Pytester) -> None:
    with (project.path / "pyproject.toml").open("a") as handle:
        handle.write('\nfail_on = "warning"\n')
    result = run(project, "-k", "strikes")
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(["*PytestConfigWarning: pyproject.toml ?tool.figures?: "
                                 "unknown key 'fail_on'*"])


# --------------------------------------------------------------------------- broken rule files


def test_broken_rule_file_is_a_collection_error_naming_file_and_line(
        project: pytest.Pytester) -> None:
    (project.path / "rules" / "broken.yaml").write_text(
        "rules:\n"
        "  - id: Bad_Id\n"
        "    check: range\n"
        "    max: 10\n"
        "  - id: typo\n"
        "    check: monotonic\n"
        "    tolerence: 5%\n")
    result = run(project, )
    result.stdout.fnmatch_lines([
        "*ERROR collecting rules/broken.yaml*",
        "rules/broken.yaml:2: Bad_Id: id: 'Bad_Id' is not kebab-case*",
        "rules/broken.yaml:7: typo: tolerence: unknown field; did you mean 'tolerance'?",
        "ERROR rules/broken.yaml",
    ])
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*Interrupted*")
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_a_broken_rule_file_does_not_stop_the_others(project: pytest.Pytester) -> None:
    (project.path / "rules" / "broken.yaml").write_text("rules:\n  - id: a\n    check: nope\n")
    project.makepyfile(test_own="def test_own():\n    assert True\n")
    result = run(project, )
    outcomes = result.parseoutcomes()
    assert outcomes.get("errors", outcomes.get("error")) == 1
    assert outcomes["passed"] >= 2  # the other rule file's rules and the project's own test
    result.stdout.fnmatch_lines(["*ERROR collecting rules/broken.yaml*",
                                 "rules/broken.yaml:3: a: check: unknown check 'nope'*"])
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_a_python_collection_error_still_stops_the_run(project: pytest.Pytester) -> None:
    project.makepyfile(test_bad="import no_such_module_here\n")
    result = run(project, )
    assert result.ret == pytest.ExitCode.INTERRUPTED


def test_yaml_syntax_error_is_a_collection_error(project: pytest.Pytester) -> None:
    (project.path / "rules" / "broken.yaml").write_text("rules:\n  - id: a\n    id: b\n")
    result = run(project, )
    result.stdout.fnmatch_lines(["rules/broken.yaml:3: *duplicate*"])


def test_duplicate_ids_across_files_are_a_collection_error(project: pytest.Pytester) -> None:
    (project.path / "rules" / "more.yaml").write_text(rule_file("strikes-plausible"))
    result = run(project, )
    result.stdout.fnmatch_lines([
        "rules/more.yaml:2: strikes-plausible: id: duplicate rule id "
        "(first defined at rules/checks.yaml:6)"])


# --------------------------------------------------------------------------- CI outputs


def test_junitxml_has_one_case_per_rule_with_the_evidence(project: pytest.Pytester) -> None:
    result = run(project, "--junitxml", "junit.xml")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    cases = ET.parse(project.path / "junit.xml").getroot().iter("testcase")
    by_name = {case.get("name"): case for case in cases}
    assert sorted(by_name) == ["strikes-plausible", "toll-never-falls", "toll-under-240k",
                               "troops-counted"]
    failure = by_name["toll-never-falls"].find("failure")
    assert failure is not None
    assert "250,000" in failure.get("message", "") and "220,000" in failure.get("message", "")
    assert by_name["troops-counted"].find("skipped") is not None
    warned = by_name["toll-under-240k"]
    properties = {p.get("name"): p.get("value") for p in warned.iter("property")}
    assert properties["figures_severity"] == "warning"
    assert properties["figures_status"] == "fail"


def test_markdown_summary_for_ci(project: pytest.Pytester) -> None:
    result = run(project, "--figures-summary", "out/summary.md")
    result.stdout.fnmatch_lines(["wrote summary to out/summary.md"])
    summary = (project.path / "out" / "summary.md").read_text()
    assert summary.startswith("## figures rules: 1 passed, 1 failed, 1 warned, 1 no data\n")
    rows = {cells[0]: cells[1:] for cells in table_rows(summary)}
    assert rows["toll-never-falls"][:3] == ["error", "**failed**", "`rules/checks.yaml:2`"]
    assert rows["toll-under-240k"][:3] == ["warning", "warning", "`rules/checks.yaml:11`"]
    assert rows["troops-counted"][1] == "no data"
    assert rows["strikes-plausible"][4].startswith("checked 1 figure")
    assert "<details><summary>toll-never-falls: evidence</summary>" in summary
    assert "<details><summary>toll-under-240k: evidence</summary>" in summary


def test_a_rules_description_is_shown(project: pytest.Pytester) -> None:
    (project.path / "rules" / "checks.yaml").write_text(
        "rules:\n  - id: toll-never-falls\n    check: monotonic\n"
        "    description: One outlet's toll never falls.\n"
        "    select: {metric: killed, cumulative: true}\n    group_by: outlet\n")
    result = run(project, "--figures-summary", "summary.md")
    result.stdout.fnmatch_lines(["rules/checks.yaml:2: toll-never-falls (error) failed: 1 problem",
                                 "Rule: One outlet's toll never falls."])
    rows = {cells[0]: cells[1:] for cells in table_rows((project.path / "summary.md").read_text())}
    assert rows["toll-never-falls"][3] == "One outlet's toll never falls."


def test_markdown_summary_lists_broken_files(project: pytest.Pytester) -> None:
    (project.path / "rules" / "broken.yaml").write_text("rules: []\n")
    run(project, "--figures-summary", "summary.md")
    summary = (project.path / "summary.md").read_text()
    rows = {cells[0]: cells[1:] for cells in table_rows(summary)}
    assert rows["(rule file)"][1:3] == ["**error**", "`rules/broken.yaml`"]
    assert "rules/broken.yaml:1: -: rules:" in summary


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of a Markdown table's body rows."""
    lines = [line for line in markdown.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[1:]]


def test_summary_evidence_is_capped_for_ci_comments() -> None:
    from figures.pytest_plugin import evidence_markdown

    failed = pd.DataFrame({"check": ["range(max=10)"] * 12,
                           "message": [f"violation {n}" for n in range(12)],
                           "figures": [[]] * 12})
    text = evidence_markdown(failed, limit=10)
    assert "10. `range(max=10)`: violation 9" in text
    assert "violation 10" not in text
    assert text.endswith("… and 2 more (all of them: `figures check --json FILE` or "
                         "`--findings FILE.csv`).")


def test_column_options_are_the_corpus_block_columns() -> None:
    """The plugin spells out CorpusSource's column fields to stay free of pydantic at load."""
    from figures.pytest_plugin import COLUMNS
    from figures.rules import CorpusSource

    assert [f"{name}_column" for name in COLUMNS] == [
        field for field in CorpusSource.model_fields if field.endswith("_column")]


CONSENSUS_MANIFEST = """\
id,file,outlet,published
c1,c1.txt,Outlet A,2016-09-03
c2,c2.txt,Outlet B,2016-09-08
c3,c3.txt,Outlet C,2016-09-11
c4,c4.txt,Outlet D,2016-09-13
c5,c5.txt,Outlet B,2016-09-20
"""
CONSENSUS_RULES = """\
rules:
  - id: toll-within-the-band
    check: consensus
    select: {metric: killed, cumulative: true}
    tolerance: 5%
    open_ends: 5%
  - id: toll-band-warns
    check: consensus
    severity: warning
    select: {metric: killed, cumulative: true, max_value: 400000}
    tolerance: 5%
    open_ends: 5%
"""


def test_consensus_rule_is_an_item_that_fails_on_the_outlier(pytester: pytest.Pytester) -> None:
    corpus = pytester.path / "corpus"
    corpus.mkdir()
    (corpus / "manifest.csv").write_text(CONSENSUS_MANIFEST, encoding="utf-8")
    totals = {"c1": "More than 290,000", "c2": "More than 290,000", "c3": "Close to 500,000",
              "c4": "More than 290,000", "c5": "More than 300,000"}
    sources = ["monitors said", "a monitor said", "the group said", "activists said",
               "the observatory said"]  # distinct texts: exact copies are counted once
    for said, (doc, total) in zip(sources, totals.items(), strict=True):
        (corpus / f"{doc}.txt").write_text(f"{total} people have been killed in the war, "
                                           f"{said}.\n", encoding="utf-8")
    pytester.makefile(".toml", pyproject=PYPROJECT)
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "band.yaml").write_text(CONSENSUS_RULES, encoding="utf-8")
    result = run(pytester, "-rA")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "rules/band.yaml:2: toll-within-the-band (error) failed: 1 problem",
        "1. consensus(tolerance=5%, open_ends=5%): about 500,000 (Outlet C, 2016-09-11) is above "
        "the other outlets' band by *",
        "*statement*Outlet C*2016-09-11*500,000*",
        "PASSED rules/band.yaml::toll-band-warns",
        "FAILED rules/band.yaml::toll-within-the-band - *",
    ])
