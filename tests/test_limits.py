"""Limits that hold by construction: YAML, rule numbers, regexes, cells, summary order."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from figures.errors import RuleFileError, one_line
from figures.rules import parse_rule_file, schema
from figures.yamlfile import MAX_DEPTH, MAX_NODES, YamlProblem, load_yaml

# -- YAML ----------------------------------------------------------------------------------------


def laughs(levels: int, width: int = 9) -> str:
    text = "a: &a [" + ", ".join(["lol"] * width) + "]\n"
    for level in range(levels):
        name, previous = chr(98 + level), chr(97 + level)
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]\n"
    return text


@pytest.mark.parametrize(("text", "line", "words"), [
    pytest.param("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), 1, "nested more than",
                 id="deep-flow"),
    pytest.param("a:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 60)), MAX_DEPTH,
                 "nested more than", id="deep-block"),
    pytest.param(laughs(8), 5, f"more than {MAX_NODES} values", id="billion-laughs"),
    pytest.param("a: 1\nb: x\x1by\n", 2, "control character U+001B", id="escape-character"),
    pytest.param("a: 1\n\nb: " + "9" * 5000 + "\n", 3, "5000 digits", id="5000-digits"),
    pytest.param("a: 1\nb: " + "9" * 400 + "\n", 2, "more than 100 digits", id="400-digits"),
])
def test_yaml_limits(text: str, line: int, words: str) -> None:
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as caught:
        load_yaml("bad.yaml", text)
    assert time.perf_counter() - started < 2
    assert caught.value.line == line and words in caught.value.message


def test_aliases_within_the_bound_are_kept() -> None:
    document = load_yaml("ok.yaml", "a: &x {b: 1}\nc: *x\nd:\n  <<: *x\n  e: 2\n")
    assert document.data == {"a": {"b": 1}, "c": {"b": 1}, "d": {"b": 1, "e": 2}}


def test_problems_are_one_line_whatever_the_file_holds() -> None:
    assert one_line("a\nb\rc\x1b[31m\u2028") == "a\\nb\\rc\\x1b[31m\\u2028"
    with pytest.raises(RuleFileError) as caught:
        parse_rule_file("r.yaml", 'rules:\n  - id: "x\\ny"\n    check: range\n    max: 1\n'
                                  '  - {id: "a\\rb", check: range, "bad\\nkey": 1}\n')
    assert caught.value.problems and all("\n" not in p and "\r" not in p
                                         for p in caught.value.problems)


# -- numbers in rule files -----------------------------------------------------------------------

RANGE = "rules:\n  - id: r\n    check: {check}\n    {field}: {value}\n"


@pytest.mark.parametrize(("check", "field", "value"), [
    ("range", "max", ".nan"), ("range", "max", ".inf"), ("range", "min", "-.inf"),
    ("range", "max", "1e16"), ("rate", "max_per_day", ".nan"), ("agree", "open_ends", ".inf"),
    ("agree", "tolerance", '"' + "9" * 400 + '%"'), ("agree", "within", "36501d"),
    ("agree", "within", "99999999999999999999d"), ("monotonic", "within", "5215w"),
    ("rate", "min_days", "100000"), ("duration", "start", "0001-01-01"),
])
def test_numbers_are_finite_and_in_range(check: str, field: str, value: str) -> None:
    text = RANGE.format(check=check, field=field, value=value)
    if check == "rate" and field != "max_per_day":
        text += "    max_per_day: 10\n"
    with pytest.raises(RuleFileError) as caught:
        parse_rule_file("r.yaml", text)
    assert any(f"r.yaml:4: r: {field}: " in problem for problem in caught.value.problems), \
        caught.value.problems


def test_the_schema_states_the_ranges() -> None:
    text = json.dumps(schema())
    assert '"maximum": 1000000000000000.0' in text and '"minimum": -1000000000000000.0' in text
    assert "[0-9]{1,4}" in text and "[1-9][0-9]{0,5}[dw]" in text
    committed = Path(__file__).resolve().parents[1] / "rules" / "rules.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == schema()


# -- regexes -------------------------------------------------------------------------------------

def test_catastrophic_pattern_runs_in_linear_time() -> None:
    import pandas as pd

    from figures.check.selection import _sentence_matches

    sentences = pd.Series(["x" + "a" * 5000 + "!", "killed " + "a" * 40 + "b"])
    started = time.perf_counter()
    found = _sentence_matches(sentences, "(a+)+$").tolist()
    assert found == [False, False] and time.perf_counter() - started < 1
    assert _sentence_matches(pd.Series(["Straße KILLED"]), r"\bkilled\b").tolist() == [True]


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?<=a)b", r"(?=a)", "["])
def test_patterns_re2_cannot_run_are_refused_at_lint(pattern: str) -> None:
    text = ("rules:\n  - id: r\n    check: range\n    max: 1\n    select:\n"
            f"      pattern: '{pattern}'\n")
    with pytest.raises(RuleFileError, match=r"r\.yaml:6: r: select\.pattern: "):
        parse_rule_file("r.yaml", text)


# -- cells and the pytest summary ----------------------------------------------------------------

@pytest.mark.parametrize(("raw", "shown"), [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("![x](http://t.example/p.png)", "!\\[x\\](http\\://t.example/p.png)"),
    ("[click](javascript:alert(1))", "\\[click\\](javascript\\:alert(1))"),
    ("Outlet\rB | C\nD", "Outlet␍B \\| C␊D"),
    ("**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"),
    ("A\u202eB", "A\\\\u202eB"),  # rendered: A\\u202eB
])
def test_markdown_cells_are_literal(raw: str, shown: str) -> None:
    from figures.report.escape import markdown_cell

    assert markdown_cell(raw) == shown


def test_html_cells_are_literal() -> None:
    from figures.report.escape import html_cell

    assert html_cell('"><img src=x onerror=alert(1)>\n') == \
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;␊"


def test_pytest_summary_rows_do_not_depend_on_report_order() -> None:
    from figures.pytest_plugin import _result_order
    from figures.report.pytest_summary import RuleResult, summary_markdown

    results = [RuleResult(f"rules/{file}.yaml::{rule}", rule, "error", f"rules/{file}.yaml:{line}",
                          "passed") for file, rule, line in
               [("a", "one", 2), ("a", "two", 10), ("b", "three", 3), ("a", "four", 30)]]
    texts = set()
    for seed in range(5):
        shuffled = list(results)
        random.Random(seed).shuffle(shuffled)
        texts.add(summary_markdown(sorted(shuffled, key=_result_order)))
    assert len(texts) == 1
    order = [line.split("|")[1].strip() for line in next(iter(texts)).splitlines()
             if line.startswith("| ") and "rules/" in line]
    assert order == ["one", "two", "four", "three"]
