"""The ``figures`` command as a user runs it: exit codes, messages, outputs.

Bad input must end in a clear message naming the file or row and exit status 2,
or in a reported skip; never in a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from figures.cli import main

from .conftest import EXAMPLES, FAKES_CSV, SEEDS


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write_folder(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


# -- every command has help, with an example -------------------------------------------------

def commands() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_module_entry_point_works_like_the_script() -> None:
    done = subprocess.run([sys.executable, "-m", "figures", "--help"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0
    assert "extract" in done.stdout


# -- extract: outputs --------------------------------------------------------------------------

def test_extract_seeds_jsonl_records_follow_the_gold_format(shared) -> None:
    result = run("extract", str(SEEDS), "--quiet")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, "no figures extracted from the seeds"
    first = records[0]
    for field in ("doc", "start", "end", "text", "value", "low", "high", "qualifier", "unit",
                  "metric", "noun", "cumulative", "sentence", "claimant", "as_of", "outlet",
                  "published"):
        assert field in first
    text = (SEEDS / f"{first['doc']}.txt").read_text(encoding="utf-8")
    assert text[first["start"]:first["end"]] == first["text"]


def test_extract_reports_what_was_read_on_stderr(shared) -> None:
    result = run("extract", str(SEEDS))
    assert result.exit_code == 0
    assert "5 documents" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "md", "parquet", "jsonl"])
def test_extract_formats_to_file(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"figures.{fmt}"
    result = run("extract", str(EXAMPLES), "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    if fmt == "parquet":
        table = pd.read_parquet(out)
        assert len(table) > 10 and "metric" in table.columns
    elif fmt == "csv":
        assert "metric" in pd.read_csv(out).columns
    elif fmt == "md":
        assert out.read_text(encoding="utf-8").startswith("| doc")
    else:
        assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["doc"]


def test_parquet_to_stdout_is_a_usage_error() -> None:
    result = run("extract", str(EXAMPLES), "--format", "parquet")
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_fakes_reads_with_one_command_line(shared, tmp_path: Path) -> None:
    out = tmp_path / "fakes.csv"
    result = run("extract", str(FAKES_CSV), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "duplicate" in result.stderr
    table = pd.read_csv(out)
    assert table["doc"].nunique() > 700


# -- bad input ---------------------------------------------------------------------------------

def test_csv_without_the_mapped_column_lists_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("unit_id,headline,body_html\n1,a,b\n", encoding="utf-8")
    result = run("extract", str(path), "--text-column", "text")
    assert result.exit_code == 2
    assert "news.csv" in result.stderr
    assert "unit_id" in result.stderr and "body_html" in result.stderr
    assert "--text-column" in result.stderr
    assert "Traceback" not in result.output


def test_manifest_naming_a_missing_file(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "corpus", {
        "manifest.csv": "id,file,outlet,published,title\n"
                        "a,a.txt,X,2015-01-01,A\nb,b.txt,Y,2015-01-02,B\n",
        "a.txt": "Five people were killed.",
    })
    result = run("extract", str(folder))
    assert result.exit_code == 2
    assert "manifest.csv" in result.stderr and "b.txt" in result.stderr


def test_empty_folder(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "empty", {})
    result = run("extract", str(folder))
    assert result.exit_code == 2
    assert "empty" in result.stderr


def test_missing_path(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "nope" in result.stderr


def test_non_utf8_and_binary_files_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "mixed", {
        "good.txt": "At least 70 people were killed in the attack.",
        "latin.txt": "Plus de 70 morts à Idlib.".encode("latin-1"),
        "junk.txt": bytes(range(256)) * 4,
    })
    result = run("extract", str(folder))
    assert result.exit_code == 0, result.output
    assert "latin.txt" in result.stderr and "junk.txt" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == ["At least 70"]


def test_ten_megabyte_single_line_document(tmp_path: Path) -> None:
    """A scraped page without a single line break: read, extracted, nothing lost."""
    filler = "the talks went on late into the night without any agreement and " * 150
    block = filler + "Officials said 12 jets flew over the city. "
    copies = 10_000_000 // len(block)
    folder = write_folder(tmp_path / "big", {"big.txt": block * copies})
    result = run("extract", str(folder), "--format", "csv", "-o", str(tmp_path / "big.csv"))
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "big.csv")
    assert len(table) == copies
    assert set(table["text"]) == {12}


def test_ten_thousand_digit_number(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "digits", {"n.txt": "Code " + "7" * 10_000 + ". 4 jets."})
    result = run("extract", str(folder), "--quiet")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == ["4"]


def test_jobs_give_the_same_records_in_the_same_order(shared) -> None:
    one = run("extract", str(SEEDS), "--quiet")
    two = run("extract", str(SEEDS), "--quiet", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


# -- outputs that cannot be written ------------------------------------------------------------

EXAMPLE_RULES = Path(__file__).resolve().parents[1] / "rules" / "examples.yaml"


@pytest.mark.parametrize(("args", "name"), [
    pytest.param(["check", str(EXAMPLES), "--rules", str(EXAMPLE_RULES), "--json"], "out.json",
                 id="json"),
    pytest.param(["check", str(EXAMPLES), "--rules", str(EXAMPLE_RULES), "--report"], "out.md",
                 id="report"),
    pytest.param(["check", str(EXAMPLES), "--rules", str(EXAMPLE_RULES), "--findings"],
                 "out.csv", id="findings"),
    pytest.param(["extract", str(EXAMPLES), "-o"], "out.json", id="extract"),
])
def test_output_into_a_missing_folder_is_an_input_error(tmp_path: Path, args: list[str],
                                                        name: str) -> None:
    target = tmp_path / "no" / "such" / name
    result = run(*args, str(target), "--quiet")
    assert result.exit_code == 2
    assert f"cannot write {target}: the folder {target.parent} does not exist" in result.stderr
    assert not (tmp_path / "no").exists(), "folders are not created"


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_output_the_system_refuses_is_an_input_error(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / ("x" * 300 + suffix)  # longer than a file name may be
    result = run("extract", str(EXAMPLES), "-o", str(target), "--quiet")
    assert result.exit_code == 2
    assert f"cannot write {target}: " in result.stderr


# -- which rules and which corpus ----------------------------------------------------------------

def rule_file(folder: Path, rule_id: str, corpus: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    block = f"corpus:\n  paths: [{corpus}]\n" if corpus else ""
    path = folder / f"{rule_id}.yaml"
    path.write_text(f"{block}rules:\n  - id: {rule_id}\n    check: range\n    severity: info\n"
                    "    max: 1000\n", encoding="utf-8")
    return path


def test_rule_files_naming_different_corpora_need_a_corpus(tmp_path: Path) -> None:
    first = rule_file(tmp_path / "a", "first", "../one.csv")
    second = rule_file(tmp_path / "b", "second", "../two.csv")
    result = run("check", "--rules", str(first), "--rules", str(second))
    assert result.exit_code == 2
    assert "the rule files name different corpora" in result.stderr
    assert "one.csv" in result.stderr and "two.csv" in result.stderr
    assert "one file at a time" in result.stderr


def test_rule_files_naming_the_same_corpus_share_it(tmp_path: Path) -> None:
    """The same folder, written once as an absolute path and once relative to the file."""
    first = rule_file(tmp_path / "a", "first", str(EXAMPLES))
    second = rule_file(tmp_path / "b", "second", os.path.relpath(EXAMPLES, tmp_path / "b"))
    result = run("check", "--allow-outside", "--rules", str(first), "--rules", str(second))
    assert result.exit_code == 0, result.output
    assert "first [info]" in result.stderr and "second [info]" in result.stderr


@pytest.mark.parametrize("command", ["check", "lint"])
def test_folder_without_rule_files_is_an_input_error(tmp_path: Path, command: str) -> None:
    (tmp_path / "rules").mkdir()
    args = ["--rules", str(tmp_path / "rules"), str(EXAMPLES)] if command == "check" else \
        [str(tmp_path / "rules")]
    result = run(command, *args)
    assert result.exit_code == 2
    assert f"{tmp_path / 'rules'}: no rule files (*.yaml, *.yml) found" in result.output


def test_unreadable_jsonl_lines_are_skipped_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "At least 12 people were killed."}),
        '{"id": "b", "text": "x", "n": ' + "9" * 5000 + "}",  # int too long for Python
        "[" * 100_000 + "]" * 100_000,  # nested beyond the recursion limit
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("extract", str(path))
    assert result.exit_code == 0, result.output
    assert "news.jsonl line 2" in result.stderr and "news.jsonl line 3" in result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["At least 12"]


def test_placeholder_publication_date_is_reported_not_a_crash(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "dated", {
        "manifest.csv": "id,file,outlet,published,title\na,a.txt,X,0001-01-01,A\n",
        "a.txt": "Yesterday 12 people were killed. On Monday 4 more died.",
    })
    result = run("extract", str(folder))
    assert result.exit_code == 0, result.output
    assert "0001-01-01" in result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_a_folder_without_articles_counts_only_its_own_files(tmp_path: Path) -> None:
    write_folder(tmp_path / "a", {"x.txt": "Four jets landed."})
    write_folder(tmp_path / "b", {"report.pdf": b"%PDF-1.4"})
    write_folder(tmp_path / "c", {"one.pdf": b"%PDF", "two.pdf": b"%PDF", "notes.doc": b"x"})
    result = run("extract", str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "c"))
    assert result.exit_code == 0, result.output
    assert "(1 other file)" in result.stderr
    assert "(3 other files)" in result.stderr


# -- honest formats: the suffix decides, '-' is standard output, unknown ones are usage errors ---

CHECK = ["check", str(EXAMPLES), "--rules", str(EXAMPLE_RULES), "--quiet"]


@pytest.mark.parametrize(("option", "name", "formats"), [
    ("--report", "out.xlsx", "md (.md, .markdown), html (.html, .htm)"),
    ("--report", "out", "md (.md, .markdown)"),
    ("--json", "out.yaml", "json (.json)"),
    ("--findings", "out.xlsx", "csv (.csv), parquet (.parquet)"),
])
def test_unknown_output_suffix_is_a_usage_error_listing_the_formats(
        tmp_path: Path, option: str, name: str, formats: str) -> None:
    result = run(*CHECK, option, str(tmp_path / name))
    assert result.exit_code == 2
    assert "unknown output format" in result.stderr and formats in result.stderr
    assert "- for standard output" in result.stderr
    assert not (tmp_path / name).exists()


def test_extract_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    result = run("extract", str(EXAMPLES), "-o", str(tmp_path / "x.xlsx"), "--quiet")
    assert result.exit_code == 2
    assert "unknown output format '.xlsx'" in result.stderr and "parquet (.parquet)" in \
        result.stderr
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(("args", "starts"), [
    pytest.param([*CHECK, "--report", "-"], "# Figures report", id="report"),
    pytest.param([*CHECK, "--json", "-"], "{", id="json"),
    pytest.param([*CHECK, "--findings", "-"], "rule,severity,status,message", id="findings"),
    pytest.param(["extract", str(EXAMPLES), "-o", "-", "--quiet", "-f", "csv"], "doc,start",
                 id="extract"),
])
def test_dash_is_standard_output_everywhere(tmp_path: Path, args: list[str], starts: str) -> None:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(starts)
    assert not Path("-").exists()


def test_two_outputs_on_standard_output_is_a_usage_error() -> None:
    result = run(*CHECK, "--report", "-", "--json", "-")
    assert result.exit_code == 2
    assert "--report and --json both write to standard output" in result.stderr


def test_check_writes_markdown_html_json_csv_and_parquet(tmp_path: Path) -> None:
    result = run(*CHECK, "--report", str(tmp_path / "r.html"), "--json", str(tmp_path / "r.json"),
                 "--findings", str(tmp_path / "f.parquet"))
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "data:image/png;base64," in page
    assert not (tmp_path / "r-plots").exists()  # the plots are inside the page
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    table = pd.read_parquet(tmp_path / "f.parquet")
    assert {"rule", "severity", "status", "message", "doc", "outlet", "date", "quote", "value",
            "low", "high"} <= set(table.columns)
    assert table["problem"].nunique() == document["summary"]["total_problems"]
    assert f'data-count="{document["summary"]["total_problems"]}"' in page


def test_status_lines_say_warn_for_warning_rules_and_count_right() -> None:
    result = run("check", str(EXAMPLES), "--rules", str(EXAMPLE_RULES))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    warned = [line for line in lines if "[warning]" in line and "problem" in line]
    assert warned and all(line.startswith("WARN ") for line in warned)
    assert not any(line.startswith("FAIL") for line in lines)
    assert "violation(s)" not in result.stderr and "1 figures" not in result.stderr
    assert "1 pairs" not in result.stderr and "monotonic()" not in result.stderr
    # the death toll's fall is a stale restatement: one severity below its rule's (#8)
    assert "3 problems (2 warnings, 1 info) found by 3 rules of 9." in lines


# -- lint: every problem of every file, with its line ---------------------------------------------

BROKEN = {
    "dupes.yaml": "rules:\n  - id: a\n    check: agree\n    check: range\n"
                  "    select: {since: 2020-13-01}\n    within: 30\n"
                  "  - id: b\n    check: range\n    max: 1\n    select: {tag: !x 1}\n",
    "indent.yaml": "rules:\n  - id: c\n    check: range\n   max: 3\n",
    "fine.yaml": "rules:\n  - id: d\n    check: range\n    max: 3\n",
}


def test_lint_reports_every_problem_of_every_file_with_its_line(tmp_path: Path) -> None:
    write_folder(tmp_path, BROKEN)
    result = run("lint", str(tmp_path))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    dupes, indent = tmp_path / "dupes.yaml", tmp_path / "indent.yaml"
    assert f"{dupes}:4: a: check: duplicate key 'check' (first at line 3)" in lines
    assert any(line.startswith(f"{dupes}:5: a: select.since: '2020-13-01' is not a valid date")
               for line in lines)
    assert any(line.startswith(f"{dupes}:6: a: within: 30 is not a time span") for line in lines)
    assert f"{dupes}:10: b: select.tag: YAML tag '!x' is not allowed here" in lines
    assert any(line.startswith(f"{indent}:4: c: -: ") for line in lines)
    assert not any(": -: -: " in line for line in lines)
    assert "5 problems in 3 files" in result.stderr


def test_lint_warns_of_a_noun_no_figure_can_have(tmp_path: Path) -> None:
    path = tmp_path / "nouns.yaml"
    path.write_text("rules:\n  - id: kids\n    check: part_of\n    part: {noun: children}\n"
                    "    whole: {noun: [civilian, Women]}\n", encoding="utf-8")
    result = run("lint", str(path))
    assert result.exit_code == 0  # warnings: the file is valid
    assert (f"{path}:4: kids: part.noun: warning: no figure has the noun 'children' (a figure's "
            "noun is lower-case and singular); did you mean 'child'?") in result.stdout
    assert f"{path}:5: kids: whole.noun[1]: warning:" in result.stdout
    assert "did you mean 'woman'?" in result.stdout
    assert "ok: 1 rule in 1 file, 2 warnings" in result.stderr


# -- explain ----------------------------------------------------------------------------------

def test_explain_a_seed_figure_names_its_cue_words(shared) -> None:
    result = run("explain", str(SEEDS), "--doc", "000", "--figure", "220,000", "--quiet")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "'more than 220,000'" in text
    assert "qualifier = 'more_than': from the figure's own words 'more than'" in text
    assert "metric = 'killed': cues: 'killed' (2 words after, an event word of killed)" in text
    assert "noun = 'person': cues: 'people' (1 word after, its singular)" in text
    assert "cumulative = True:" in text and "a running-total cue" in text


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_explain_every_figure_of_each_seed(shared, seed: str) -> None:
    from figures.read import read_corpus
    from figures.table import ExtractConfig, figures_of

    result = run("explain", str(SEEDS), "--doc", seed, "--quiet")
    assert result.exit_code == 0, result.stderr
    document = next(d for d in read_corpus([SEEDS]).documents if d.id.startswith(seed))
    figures = figures_of(document, ExtractConfig.default())
    assert result.stdout.count("\n  metric = ") == len(figures)
    for figure in figures:
        assert f"{document.id}:{figure.start}-{figure.end} {figure.text!r}" in result.stdout


def test_explain_at_an_offset_gives_one_figure(shared) -> None:
    result = run("explain", str(SEEDS), "--doc", "000", "--at", "0", "--quiet")
    assert result.exit_code == 0
    assert result.stdout.count("\n  metric = ") == 1


def test_explain_an_empty_selection_names_the_clause(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("rules:\n  - id: kids\n    check: part_of\n    select: {metric: killed}\n"
                    "    part: {noun: children}\n    whole: {noun: civilian}\n"
                    "  - id: quake\n    check: monotonic\n"
                    "    select: {metric: killed, cumulative: true, min_value: 9000000}\n",
                    encoding="utf-8")
    result = run("explain", str(EXAMPLES), "--rules", str(path), "--quiet")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "part.noun: children" in text and "0 left" in text
    assert "have noun: person" in text and "child (1)" in text
    assert "=> no figure is a part" in text
    assert "select.min_value: 9000000.0" in text
    assert "=> the rule selects no figure" in text


@pytest.mark.parametrize(("args", "words"), [
    (["explain", str(EXAMPLES)], "nothing to explain"),
    (["explain", str(EXAMPLES), "--doc", "nope"], "no document 'nope'"),
    (["explain", str(EXAMPLES), "--at", "3"], "--at and --figure need --doc"),
    (["explain", str(EXAMPLES), "--rules", str(EXAMPLE_RULES), "--rule", "nope"], "no rule 'nope'"),
])
def test_explain_usage_errors(args: list[str], words: str) -> None:
    result = run(*args, "--quiet")
    assert result.exit_code == 2
    assert words in result.stderr


def test_a_rule_file_without_corpus_is_not_run_on_another_files_corpus(tmp_path: Path) -> None:
    """`figures check --rules rules/`: one file names a corpus, the other none (#8)."""
    rule_file(tmp_path / "rules", "with-corpus", str(EXAMPLES))
    (tmp_path / "rules" / "bare.yaml").write_text(
        "rules:\n  - id: bare\n    check: range\n    max: 10\n", encoding="utf-8")
    result = run("check", "--rules", str(tmp_path / "rules"))
    assert result.exit_code == 2
    assert "bare.yaml names no corpus" in result.stderr
    assert "not checked against another file's corpus" in result.stderr
    named = run("check", str(EXAMPLES), "--rules", str(tmp_path / "rules"), "-q")
    assert named.exit_code in (0, 1), named.output  # naming the corpus checks both files


def test_required_rule_without_data_says_fail_once(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text("rules:\n  - id: jets\n    check: range\n    max: 10\n    require_data: true\n"
                     "    select: {metric: aircraft, noun: zeppelin}\n", encoding="utf-8")
    report = tmp_path / "r.md"
    result = run("check", str(EXAMPLES), "--rules", str(rules), "--report", str(report))
    assert result.exit_code == 1
    assert "FAIL    jets" in result.stderr and "no data" not in result.stderr.split("jets")[1]
    text = report.read_text(encoding="utf-8")
    assert "(no data)" not in text and "the rule requires data, so it fails" in text


def test_a_markdown_report_leaves_no_plot_of_an_earlier_run(tmp_path: Path) -> None:
    plots = tmp_path / "r-plots"
    plots.mkdir()
    (plots / "a-rule-of-last-week.png").write_bytes(b"old")
    (plots / "notes.txt").write_text("mine", encoding="utf-8")
    result = run(*CHECK, "--report", str(tmp_path / "r.md"))
    assert result.exit_code == 0, result.stderr
    written = sorted(path.name for path in plots.iterdir())
    assert "a-rule-of-last-week.png" not in written and "notes.txt" in written
    assert any(name.endswith(".png") for name in written)
    assert all(f"r-plots/{name}" in (tmp_path / "r.md").read_text(encoding="utf-8")
               for name in written if name.endswith(".png"))


def test_collection_at_exit_skipped_once_per_process(monkeypatch) -> None:
    """Every invocation asks for the last collections to be skipped at exit (gc.freeze at
    exit), but a process that runs the command many times has it registered once."""
    import gc

    import figures.cli

    registered: list[object] = []

    class Exit:  # atexit's register and unregister, on a list one can read
        register = staticmethod(registered.append)

        @staticmethod
        def unregister(function: object) -> None:
            registered[:] = [f for f in registered if f != function]

    monkeypatch.setattr(figures.cli, "atexit", Exit)
    run("extract", "--help")  # (``figures --help`` ends before the group's callback runs)
    run("extract", "--help")
    run("lint", "--help")
    assert registered == [gc.freeze]
