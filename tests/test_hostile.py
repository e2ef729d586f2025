"""Hostile input through the real command: no crash, no hang, nothing lost, nothing injected.

Every case runs ``figures`` (click's CliRunner, in process, under an alarm so a hang
fails instead of stalling the suite) on a file of ``tests/hostile/`` (or on a tree
built in tmp_path where git cannot hold it: links, loops, FIFOs, 100 KB of dots) and
asserts the exit code, the shape of the message (``path:line: ...``) and the wall time.
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from figures.cli import main

HOSTILE = Path(__file__).resolve().parent / "hostile"
RULES = HOSTILE / "rules"
CORPORA = HOSTILE / "corpora"
#: Generous bound for one case; the whole file runs in well under a minute.
SECONDS = 10.0
#: ``path:line: `` at the start of a line (the error contract's message shape).
LOCATED = re.compile(r"^[^\s:][^:\n]*:\d+: ", re.MULTILINE)
TIMES: dict[str, float] = {}


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TimeoutError when the block runs longer than ``seconds`` (a hang is a failure)."""
    def alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds * 3)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def figures(name: str, *args: str | Path) -> tuple[Result, float]:
    """Run the command; the result and its wall time (also kept for the slowest-case report)."""
    started = time.perf_counter()
    with deadline(SECONDS):
        result = CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)
    took = time.perf_counter() - started
    TIMES[name] = took
    return result, took


@dataclass(frozen=True)
class Case:
    """One hostile input: the command line, the exit code, and what the output must hold."""

    name: str
    args: tuple[str | Path, ...]
    exit_code: int
    #: Words the located message (``path:line: ...``) must hold; None: no error expected.
    words: str | None = None
    #: The line the message must name.
    line: int | None = None


def lint(name: str, line: int | None, words: str) -> Case:
    return Case(name, ("lint", RULES / f"{name}.yaml"), 2, words, line)


RULE_CASES = [
    lint("deep-nesting", 1, "nested more than 40 levels"),
    lint("billion-laughs", 5, "expands to more than 20000 values"),
    lint("open-ends-inf", 4, "open_ends"),
    lint("percent-400-nines", 4, "tolerance"),
    lint("within-huge", 4, "not a time span"),
    lint("within-100021-days", 4, "longer than 36500 days"),
    lint("max-nan", 4, "finite number"),
    lint("rate-nan", 4, "finite number"),
    lint("min-value-inf", 6, "finite number"),
    lint("since-year-one", 6, "outside the years 1800-2199"),
    lint("integer-5000-digits", 5, "5000 digits is too long"),
    lint("control-character", 4, "control character U+0007"),
    lint("id-with-newline", 2, "kebab-case"),
    lint("backreference", 6, "linear time"),
]

CORPUS_CASES = [
    Case("deep-front-matter", ("extract", CORPORA / "deep-front-matter"), 0),
    Case("laughs-front-matter", ("extract", CORPORA / "laughs-front-matter"), 0),
    Case("placeholder-dates", ("extract", CORPORA / "placeholder-dates"), 0),
    Case("nul-in-a-row", ("extract", CORPORA / "nul-in-a-row.csv"), 0),
    Case("first-line-without-text", ("extract", CORPORA / "first-line-without-text.jsonl"), 0),
    Case("bad-jsonl-lines", ("extract", CORPORA / "bad-jsonl-lines.jsonl"), 0),
    Case("unbalanced-quote", ("extract", CORPORA / "unbalanced-quote.csv"), 2,
         "broken CSV quoting", 2),
    Case("manifest-outside", ("extract", CORPORA / "manifest-outside"), 2,
         "outside the folder", 2),
    Case("corpus-outside", ("check", "--rules", RULES / "corpus-outside.yaml"), 2,
         "outside the rule file's folder", 2),
    Case("backtracking-pattern", ("check", CORPORA / "backtracking", "--rules",
                                  RULES / "backtracking.yaml"), 0),
]


def check_case(case: Case) -> Result:
    result, took = figures(case.name, *case.args)
    output = result.stdout + result.stderr
    assert result.exit_code == case.exit_code, output
    assert took < SECONDS, f"{case.name} took {took:.1f} s"
    assert "Traceback" not in output
    if case.words is not None:
        located = [line for line in output.splitlines() if LOCATED.match(line)]
        assert located, f"no path:line: message in {output!r}"
        assert any(case.words in line for line in located), located
        if case.line is not None:
            assert any(f":{case.line}: " in line for line in located if case.words in line), \
                located
    return result


@pytest.mark.parametrize("case", RULE_CASES + CORPUS_CASES, ids=lambda case: case.name)
def test_hostile_input(case: Case) -> None:
    check_case(case)


def test_a_newline_in_an_id_cannot_forge_a_problem_line() -> None:
    result = check_case(lint("id-with-newline", 2, "kebab-case"))
    problems = result.stdout.splitlines()
    assert len(problems) == 1 and problems[0].startswith(f"{RULES / 'id-with-newline.yaml'}:2:")
    assert not any(line.startswith("rules/forged.yaml") for line in problems)


def test_every_bad_record_costs_that_record_only() -> None:
    result = check_case(Case("nul", ("extract", CORPORA / "nul-in-a-row.csv"), 0))
    assert "nul-in-a-row.csv row 1: contains a NUL character" in result.stderr
    assert "2 documents" in result.stderr
    result = check_case(Case("jsonl", ("extract", CORPORA / "first-line-without-text.jsonl"), 0))
    assert "first-line-without-text.jsonl line 1" in result.stderr
    assert "At least 12" in result.stdout
    result = check_case(Case("lines", ("extract", CORPORA / "bad-jsonl-lines.jsonl"), 0))
    assert "read 5 lines" in result.stderr and "4 skipped" in result.stderr


def test_front_matter_limits_cost_one_document(tmp_path: Path) -> None:
    for folder in ("deep-front-matter", "laughs-front-matter"):
        result = check_case(Case(folder, ("extract", CORPORA / folder), 0))
        assert "1 document," in result.stderr and "1 skipped" in result.stderr
    result = check_case(Case("dates", ("extract", CORPORA / "placeholder-dates"), 0))
    assert "'0001-01-01'" in result.stderr and "'9999-12-31'" in result.stderr
    assert "2 without a publication date" in result.stderr


# -- trees git cannot hold: links, loops, FIFOs; and sizes better made than stored -------------

def special_tree(root: Path) -> Path:
    folder = root / "news"
    (folder / "real").mkdir(parents=True)
    (folder / "real" / "a.txt").write_text("At least 12 people were killed.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Nine tanks.\n", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / "linked-folder").symlink_to(folder / "real", target_is_directory=True)
    (folder / "dangling.txt").symlink_to(root / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


def test_every_folder_entry_is_accounted_for(tmp_path: Path) -> None:
    from figures.read import read_corpus

    folder = special_tree(tmp_path)
    result = check_case(Case("special-files", ("extract", folder), 0))
    assert "6 folder entries were left out" in result.stderr
    assert "news/.git: hidden folder; news/.hidden.txt: hidden file" in result.stderr
    left_out = {entry.source: entry.reason for entry in read_corpus([folder]).report.left_out}
    assert left_out == {
        "news/.git": "hidden folder", "news/.hidden.txt": "hidden file",
        "news/linked-folder": "a link to a folder (not followed)",
        "news/dangling.txt": "a dangling link (its target is missing)",
        "news/loop.txt": "a link loop", "news/pipe.txt": "a FIFO, not a regular file"}


def test_a_fifo_named_on_the_command_line_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    result = check_case(Case("fifo-argument", ("extract", tmp_path / "pipe.csv"), 2))
    assert result.stderr.startswith(f"{tmp_path / 'pipe.csv'}: not a regular file")


def test_long_runs_of_punctuation_split_in_linear_time(tmp_path: Path) -> None:
    article = tmp_path / "dots.txt"
    article.write_text("At least 12 people were killed" + "." * 50_000 + "!?" * 25_000 + "\n",
                       encoding="utf-8")
    result = check_case(Case("100k-dots", ("extract", article), 0))
    assert "At least 12" in result.stdout


def test_catastrophic_patterns_run_in_linear_time(tmp_path: Path) -> None:
    result = check_case(Case("backtracking", ("check", CORPORA / "backtracking", "--rules",
                                              RULES / "backtracking.yaml"), 0))
    assert "backtracking [info] range" in result.stderr


# -- reports show the evidence as it is ----------------------------------------------------------

def test_reports_hold_no_live_html_links_or_images(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    result, _took = figures("injection-report", "check", CORPORA / "injection", "--rules",
                           RULES / "report-everything.yaml", "--report", report)
    assert result.exit_code == 1, result.output
    text = report.read_text(encoding="utf-8")
    for live in ("<script", "<img", "<b>", "\r"):
        assert live not in text, live
    assert not re.search(r"(?<!\\)\]\((?!#)", text), "a link or image from data"
    assert "&lt;script&gt;" in text and "Out&lt;script&gt;alert(1)&lt;/script&gt;let␍B" in text
    def cells(line: str) -> int:
        return len(re.findall(r"(?<!\\)\|", line))

    header = next(line for line in text.splitlines() if line.startswith("| role "))
    rows = [line for line in text.splitlines() if line.startswith("| figure ")]
    assert len(rows) == 2 and all(cells(row) == cells(header) for row in rows), rows
    md, _took = figures("injection-md", "extract", CORPORA / "injection", "--format", "md")
    assert md.exit_code == 0
    assert "<script" not in md.stdout and "<img" not in md.stdout and "\r" not in md.stdout


def test_bold_stays_on_the_figure_when_case_folding_changes_lengths(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    result, _took = figures("casefold", "check", CORPORA / "casefold", "--rules",
                           RULES / "report-everything.yaml", "--report", report)
    assert result.exit_code == 1, result.output
    assert "Straße: **More than 5** people" in report.read_text(encoding="utf-8")


# -- the bug exit code ---------------------------------------------------------------------------

def test_an_unexpected_exception_is_a_bug_with_its_own_exit_code(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("figures.cli.read_corpus", broken)
    result, _took = figures("bug", "extract", CORPORA / "casefold")
    assert result.exit_code == 3
    assert "this is a bug in figures" in result.stderr and "ZeroDivisionError" in result.stderr


def test_the_hostile_suite_stays_fast() -> None:
    """Runs last in this file: no case came near the bound (the numbers are in the note)."""
    assert TIMES, "the cases ran first"
    slowest = max(TIMES, key=TIMES.__getitem__)
    assert TIMES[slowest] < SECONDS, f"{slowest}: {TIMES[slowest]:.1f} s"
    print(f"\n{len(TIMES)} hostile runs; slowest {slowest}: {TIMES[slowest]:.2f} s")


