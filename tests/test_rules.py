"""The rule language: rule files load, every error names file, line, rule and field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from figures.errors import RuleFileError
from figures.rules import Agree, Rate, lint, load_rules, parse_rule_file, schema, schema_text

ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
corpus:
  paths: [data/articles.csv]
  text_column: article_content
rules:
  - id: toll-never-falls
    check: monotonic
    group_by: outlet
    select: {metric: killed, cumulative: true}
  - id: toll-agrees
    check: agree
    within: 30d
    tolerance: 10%
"""


def write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(RuleFileError) as caught:
        load_rules(write(tmp_path, text))
    return caught.value.problems


def test_good_file_loads_with_lines_and_corpus(tmp_path: Path) -> None:
    rule_set = load_rules(write(tmp_path, GOOD))
    first, second = rule_set.rules
    assert (first.id, first.line, first.severity) == ("toll-never-falls", 5, "error")
    assert second.line == 9
    assert isinstance(second.rule, Agree)
    assert first.location == f"{tmp_path / 'rules.yaml'}:5"
    assert rule_set.corpus is not None and rule_set.corpus.text_column == "article_content"
    assert rule_set.corpus_paths() == [(tmp_path / "data" / "articles.csv").resolve()]


def test_dates_arrive_as_dates(tmp_path: Path) -> None:
    text = "rules:\n  - id: r\n    check: rate\n    max_per_day: 10\n    start: 2011-03-15\n"
    rule = load_rules(write(tmp_path, text)).rules[0].rule
    assert isinstance(rule, Rate) and rule.start == date(2011, 3, 15)


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("monotonic(by=outlet)", "check: monotonic\n    group_by: outlet"),
        ("agree(within=30d, tolerance=10%)", "check: agree\n    tolerance: 10%"),
        ("agree(by=[outlet, claimant], within=2w)",
         "check: agree\n    within: 2w\n    group_by: [outlet, claimant]"),
        ("rate(max_per_day=1500, start=2011-03-15, open_ends=5%)",
         "check: rate\n    max_per_day: 1500\n    start: 2011-03-15\n    open_ends: 5%"),
        ("part_of(scope=sentence)", "check: part_of\n    part: {noun: child}\n"
         "    whole: {noun: civilian}"),
        ("range(min=0, max=500)", "check: range\n    min: 0\n    max: 500"),
        ("duration(start=2011-03-15, tolerance=1)",
         "check: duration\n    start: 2011-03-15\n    tolerance: 1"),
    ],
)
def test_label_is_an_expression(tmp_path: Path, label: str, text: str) -> None:
    rule = load_rules(write(tmp_path, f"rules:\n  - id: r\n    {text}\n")).rules[0]
    assert rule.label() == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("rules:\n  - id: r\n    check: agree\n    tolerence: 5%\n",
                     ":4: r: tolerence: unknown field; did you mean 'tolerance'?", id="typo-key"),
        pytest.param("rules:\n  - id: r\n    check: agree\n    within: 30 days\n",
                     ':4: r: within: \'30 days\' is not a time span', id="bad-span"),
        pytest.param("rules:\n  - id: r\n    check: agree\n    within: 30\n",
                     ':4: r: within: 30 is not a time span; write days or weeks: "30d"',
                     id="span-without-unit"),
        pytest.param("rules:\n  - id: r\n    check: agree\n    tolerance: ten\n",
                     ":4: r: tolerance: 'ten' is not a number or a percentage", id="bad-tolerance"),
        pytest.param("rules:\n  - id: r\n    check: agree\n    tolerance: -3\n",
                     ":4: r: tolerance: Input should be greater than or equal to 0",
                     id="negative-tolerance"),
        pytest.param("rules:\n  - id: r\n    check: monotonic\n    require_data: [1]\n",
                     ":4: r: require_data: Input should be a valid boolean", id="wrong-type"),
        pytest.param("rules:\n  - id: r\n    check: agree\n    select: {metric: killled}\n",
                     ":4: r: select.metric: Input should be 'killed'", id="unknown-metric"),
        pytest.param("rules:\n  - id: r\n    check: wobble\n",
                     ":3: r: check: unknown check 'wobble'; expected one of: monotonic",
                     id="unknown-check"),
        pytest.param("rules:\n  - id: r\n    severity: error\n",
                     ":2: r: check: missing; expected one of", id="missing-check"),
        pytest.param("rules:\n  - id: Not_Kebab\n    check: agree\n",
                     ":2: Not_Kebab: id: 'Not_Kebab' is not kebab-case", id="bad-id"),
        pytest.param("rules:\n  - check: agree\n", ":2: rules[0]: id: required field is missing",
                     id="missing-id"),
        pytest.param("rules:\n  - id: r\n    check: rate\n",
                     ":2: r: max_per_day: give max_per_day, min_per_day or both",
                     id="cross-field"),
        pytest.param("rules:\n  - id: r\n    check: agree\n    select: {pattern: '(open'}\n",
                     ":4: r: select.pattern: not a valid regular expression", id="bad-regex"),
        pytest.param("rules:\n  - id: r\n    check: agree\n"
                     "    select: {pattern: 'a{1,99999999999}'}\n",
                     ":4: r: select.pattern: not a valid regular expression",
                     id="regex-repeat-overflows"),
        pytest.param("rules:\n  - id: r\n    check: agree\n    select:\n      since: 2020-13-01\n",
                     ":5: r: select.since: '2020-13-01' is not a valid date: month must be in "
                     "1..12",
                     id="impossible-date"),
        pytest.param("rules:\n  - id: r\n    check: range\n    min: 10\n    max: 1\n",
                     ":5: r: max: smaller than min", id="min-above-max"),
        pytest.param("rules:\n  - id: r\n    check: part_of\n    part: {noun: child}\n",
                     ":2: r: whole: required field is missing", id="missing-field"),
        pytest.param("rules:\n  - id: r\n    check: agree\n    check: rate\n",
                     ":4: r: check: duplicate key 'check' (first at line 3)", id="dup-key"),
        pytest.param("rules:\n  - id: r\n    check: !!python/object/apply:os.system [ls]\n",
                     ":3: r: check: YAML tag", id="python-tag"),
        pytest.param("rules:\n  - id: r\n    check: agree\n  - id: r\n    check: rate\n"
                     "    max_per_day: 1\n", ":4: r: id: duplicate rule id (first defined at "
                     "line 2)", id="duplicate-id"),
        pytest.param("rules: []\n", ":1: -: rules: List should have at least 1 item",
                     id="no-rules"),
        pytest.param("- id: r\n", ":1: -: -: a rule file is a mapping", id="not-a-mapping"),
        pytest.param("corpus: {paths: [a.csv], path: x.csv}\nrules:\n  - id: r\n    check: agree\n",
                     ":1: -: corpus.path: unknown field; did you mean 'paths'?",
                     id="corpus-typo"),
    ],
)
def test_error_names_file_line_rule_and_field(tmp_path: Path, text: str, expected: str) -> None:
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1, problems
    assert problems[0].startswith(str(tmp_path / "rules.yaml") + ":")
    assert expected in problems[0]


def test_all_errors_of_a_file_together_in_line_order(tmp_path: Path) -> None:
    text = (
        "rules:\n"
        "  - id: first\n"            # 2
        "    check: monotonic\n"
        "    group_by: outlett\n"    # 4
        "    tolerence: 5\n"         # 5
        "  - id: second\n"           # 6
        "    check: agree\n"
        "    severity: fatal\n"      # 8
        "  - id: third\n"            # 9
        "    check: rate\n"
        "    start: 2011-03-15\n"
    )
    problems = problems_of(tmp_path, text)
    assert [p.split(": ", 3)[1:3] for p in (x.split(":", 1)[1] for x in problems)] == [
        ["first", "group_by"], ["first", "tolerence"], ["second", "severity"],
        ["third", "max_per_day"],
    ]
    assert [int(p.rsplit(".yaml:", 1)[1].split(":")[0]) for p in problems] == [4, 5, 8, 9]


def test_every_file_is_reported_and_ids_are_unique_across_files(tmp_path: Path) -> None:
    write(tmp_path, "rules:\n  - id: r\n    check: agree\n", "a.yaml")
    write(tmp_path, "rules:\n  - id: r\n    check: agree\n", "b.yaml")
    write(tmp_path, "rules:\n  - id: s\n    check: nope\n", "c.yaml")
    problems = lint(tmp_path)
    assert any("b.yaml:2: r: id: duplicate rule id (first defined at" in p for p in problems)
    assert any("c.yaml:3: s: check: unknown check 'nope'" in p for p in problems)


def test_folder_without_rule_files_is_an_error_not_an_empty_rule_set(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not a rule file\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules(tmp_path / "empty")
    assert caught.value.problems == [f"{tmp_path / 'empty'}: no rule files (*.yaml, *.yml) found"]
    assert lint([tmp_path / "empty"]) == caught.value.problems


def test_lint_of_a_good_file_is_empty(tmp_path: Path) -> None:
    assert lint(write(tmp_path, GOOD)) == []


def test_rules_are_frozen(tmp_path: Path) -> None:
    rule = load_rules(write(tmp_path, GOOD)).rules[0].rule
    with pytest.raises(ValueError, match="frozen"):
        rule.severity = "info"  # type: ignore[misc]


def test_no_field_can_name_code() -> None:
    """A rule file is data: no field of the language holds a callable, module or expression."""
    text = json.dumps(schema())
    for word in ("python", "eval", "lambda", "import", "callable"):
        assert word not in text.lower()


def test_committed_schema_matches_models() -> None:
    committed = (ROOT / "rules" / "rules.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: figures schema > rules/rules.schema.json"


def test_schema_forbids_extra_fields_and_has_the_checks() -> None:
    exported = schema()
    definitions = exported["$defs"]
    for name in ("Monotonic", "Agree", "Rate", "PartOf", "Sum", "Range", "Duration",
                 "Selection", "CorpusSource"):
        assert definitions[name]["additionalProperties"] is False
    rules = exported["properties"]["rules"]["items"]
    assert rules["discriminator"]["propertyName"] == "check"


@pytest.mark.parametrize("path", sorted((ROOT / "rules").glob("*.yaml")), ids=lambda p: p.name)
def test_committed_rule_files_are_valid(path: Path) -> None:
    assert lint(path) == []


def test_parse_rule_file_from_text() -> None:
    rule_file = parse_rule_file("inline.yaml", "rules:\n  - id: r\n    check: range\n    max: 5\n")
    assert rule_file.rules[0].location == "inline.yaml:2"
    assert rule_file.corpus is None and rule_file.corpus_paths() == []
