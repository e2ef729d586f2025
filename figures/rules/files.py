"""Rule files: find them, parse them with line numbers, validate them, report every problem.

``load_rules`` reports every problem of every file at once, each as
``path:line: rule-id: field: message``; the models they are validated against
are the language (``figures.rules.language``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from figures.errors import RuleFileError
from figures.rules.language import (
    CHECKS,
    Agree,
    AnyRule,
    Consensus,
    CorpusSource,
    Duration,
    Monotonic,
    PartOf,
    Range,
    Rate,
    RuleFileModel,
    Selection,
    Sum,
)
from figures.rules.problems import duplicate_ids, validation_problems
from figures.yamlfile import YamlProblem, load_yaml_all_problems

RULE_FILE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedRule:
    """A validated rule and where it was written."""

    rule: AnyRule
    path: str
    line: int

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> str:
        return self.rule.severity

    @property
    def location(self) -> str:
        """``path:line`` of the rule, for the pytest item header and the report."""
        return f"{self.path}:{self.line}"

    def label(self) -> str:
        return self.rule.label()


@dataclass(frozen=True)
class RuleFile:
    """One validated rule file."""

    path: str
    rules: tuple[LoadedRule, ...]
    corpus: CorpusSource | None
    #: The line of the corpus block's ``paths`` (1 without one).
    corpus_line: int = 1

    def outside_paths(self) -> list[str]:
        """The corpus block's paths, as written, that leave the rule file's folder: absolute,
        ``../``, or a link out of it (a rule file from elsewhere must not read your files)."""
        if self.corpus is None:
            return []
        folder = Path(self.path).parent.resolve()
        return [path for path, resolved in zip(self.corpus.paths, self.corpus_paths(),
                                               strict=True)
                if Path(path).is_absolute() or not resolved.is_relative_to(folder)]

    def corpus_paths(self) -> list[Path]:
        """The corpus block's paths resolved against the rule file's folder ([] without one)."""
        if self.corpus is None:
            return []
        folder = Path(self.path).parent
        return [(folder / path).resolve() for path in self.corpus.paths]

    def vocab_paths(self) -> list[Path]:
        """The corpus block's desk vocabulary files, resolved against the rule file's folder."""
        named = self.corpus.vocab if self.corpus is not None else None
        if named is None:
            return []
        folder = Path(self.path).parent
        return [(folder / path).resolve() for path in ([named] if isinstance(named, str)
                                                       else named)]

    def corpus_key(self) -> tuple[Any, ...]:
        """What the corpus block reads, comparable across files (paths resolved)."""
        if self.corpus is None:
            return ()
        columns = self.corpus.model_dump(exclude={"paths", "vocab"})
        return (tuple(self.corpus_paths()), tuple(sorted(columns.items())),
                tuple(self.vocab_paths()))


@dataclass(frozen=True)
class RuleSet:
    """The rules of one or more files, in file order."""

    files: tuple[RuleFile, ...]

    @property
    def rules(self) -> tuple[LoadedRule, ...]:
        return tuple(rule for file in self.files for rule in file.rules)

    def corpus_files(self) -> list[RuleFile]:
        """The files that have a corpus block, in file order."""
        return [file for file in self.files if file.corpus is not None]

    @property
    def corpus(self) -> CorpusSource | None:
        """The corpus block of the first file that has one (None: name the corpus yourself).

        Files naming different corpora are checked one file at a time (``corpus_files``).
        """
        return next((file.corpus for file in self.files if file.corpus is not None), None)

    def vocab_paths(self) -> list[Path]:
        """The desk vocabulary files the rule files' corpus blocks name, in file order."""
        found: list[Path] = []
        for file in self.files:
            found += [path for path in file.vocab_paths() if path not in found]
        return found

    def corpus_paths(self) -> list[Path]:
        """That corpus block's paths, resolved against its own rule file."""
        return next((file.corpus_paths() for file in self.files if file.corpus is not None), [])

    def __iter__(self) -> Iterator[LoadedRule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


def rule_files(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """The rule files named by ``paths``: files as given, folders as their *.yaml files."""
    if isinstance(paths, str | Path):
        paths = [paths]
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in RULE_FILE_SUFFIXES))
        else:
            found.append(path)
    return found


def _no_rule_files(paths: list[str | Path]) -> list[str]:
    """A problem for each folder without a rule file: checking nothing must not pass."""
    suffixes = ", ".join(f"*{suffix}" for suffix in RULE_FILE_SUFFIXES)
    return [f"{path}: no rule files ({suffixes}) found" for path in map(Path, paths)
            if path.is_dir() and not rule_files(path)]


def load_rules(paths: str | Path | Iterable[str | Path]) -> RuleSet:
    """Load and validate rule files (or folders of them).

    Raises RuleFileError listing every problem of every file, each as
    ``path:line: rule-id: field: message``; rule ids must be unique across the files.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    paths = list(paths)
    files: list[RuleFile] = []
    problems = _no_rule_files(paths)
    for path in rule_files(paths):
        try:
            files.append(parse_rule_file(path))
        except RuleFileError as err:
            problems.extend(err.problems)
    seen: dict[str, str] = {}
    for file in files:
        for rule in file.rules:
            if rule.id in seen:
                problems.append(f"{rule.location}: {rule.id}: id: duplicate rule id "
                                f"(first defined at {seen[rule.id]})")
            else:
                seen[rule.id] = rule.location
    if problems:
        raise RuleFileError(problems)
    return RuleSet(tuple(files))


def lint(paths: str | Path | Iterable[str | Path]) -> list[str]:
    """Every problem of the rule files, as ``path:line: rule-id: field: message`` ([] if fine)."""
    try:
        load_rules(paths)
    except RuleFileError as err:
        return err.problems
    return []


#: The check fields that are selections of their own, beside ``select``.
SELECTION_FIELDS = ("select", "part", "whole", "parts", "total")


def lint_warnings(paths: str | Path | Iterable[str | Path]) -> list[str]:
    """Values a selection may hold but no figure can have, as
    ``path:line: rule-id: field: warning: ...`` with a suggestion: ``noun: children``
    (a figure's noun is lower-case singular: ``child``), or a metric no cue word of the
    vocabulary sets. Warnings, not errors: the file still loads."""
    from figures.place import load_place_vocab
    from figures.place.explain import noun_suggestion, producible_metrics

    vocab = load_place_vocab()
    metrics = producible_metrics(vocab)
    warnings = []
    for path in rule_files(paths if not isinstance(paths, str | Path) else [paths]):
        document, _ = load_yaml_all_problems(str(path))
        rules = document.data.get("rules") if document and isinstance(document.data, dict) \
            else None
        for index, rule in enumerate(rules if isinstance(rules, list) else []):
            if not isinstance(rule, dict):
                continue
            rule_id = rule.get("id") if isinstance(rule.get("id"), str) else f"rules[{index}]"
            for block in SELECTION_FIELDS:
                selection = rule.get(block)
                if not isinstance(selection, dict):
                    continue
                for key in ("noun", "metric"):
                    values = selection.get(key)
                    listed = values if isinstance(values, list) else [values]
                    for at, value in enumerate(listed):
                        if not isinstance(value, str):
                            continue
                        loc = ("rules", index, block, key, at) if isinstance(values, list) \
                            else ("rules", index, block, key)
                        line = document.line_of(loc) if document else 1
                        field = f"{block}.{key}" + (f"[{at}]" if isinstance(values, list) else "")
                        where = f"{document.path if document else path}:{line}: {rule_id}: {field}"
                        if key == "noun" and (better := noun_suggestion(value, vocab)):
                            warnings.append(f"{where}: warning: no figure has the noun {value!r} "
                                            "(a figure's noun is lower-case and singular); did "
                                            f"you mean {better!r}?")
                        elif key == "metric" and value not in metrics:
                            warnings.append(f"{where}: warning: no cue word of the vocabulary "
                                            f"sets the metric {value!r}, so no figure has it "
                                            "(yet): the selection will be empty")
    return warnings


def parse_rule_file(path: str | Path, text: str | None = None) -> RuleFile:
    """Validate one rule file (``text`` instead of reading ``path`` when given).

    Raises RuleFileError with every problem of the file: YAML-level ones (duplicate keys,
    tags, impossible dates; a syntax error, which stops the parse) and the language's, each
    as ``path:line: rule-id: field: message``.
    """
    name = str(path)
    document, yaml_problems = load_yaml_all_problems(name, text)
    if document is None:
        raise RuleFileError([_syntax_line(problem, name, text) for problem in yaml_problems])
    data = document.data
    problems = [_yaml_line(problem, data) for problem in yaml_problems]
    if not isinstance(data, dict):
        raise RuleFileError([*problems,
                             f"{name}:1: -: -: a rule file is a mapping with a 'rules:' list"])
    try:
        model = RuleFileModel.model_validate(data)
    except ValidationError as err:
        found = validation_problems(document.path, document.line_of, data, err, CHECKS,
                                    _all_fields())
        taken = {_head(problem) for problem in problems}
        problems += [problem for problem in found if _head(problem) not in taken]
        raise RuleFileError(sorted(problems, key=_line_number)) from err
    problems += duplicate_ids(document.path, document.line_of, data)
    if problems:
        raise RuleFileError(sorted(problems, key=_line_number))
    rules = tuple(
        LoadedRule(rule, name, document.line_of(("rules", index)) or 1)
        for index, rule in enumerate(model.rules)
    )
    return RuleFile(name, rules, model.corpus,
                    document.line_of(("corpus", "paths")) or 1)


def _head(problem: str) -> str:
    """``path:line: rule-id: field`` of a problem line (what it is about, not the message)."""
    return ": ".join(problem.split(": ")[:3])


def _line_number(problem: str) -> int:
    try:
        return int(problem.split(":")[1])
    except (IndexError, ValueError):
        return 0


#: A rule's id line: "  - id: toll-never-falls" (to name the rule a syntax error is in).
_ID_LINE = re.compile(r"""^\s*(?:-\s+)?id:\s*['"]?(?P<id>[A-Za-z0-9_-]+)""")


def _syntax_line(problem: YamlProblem, name: str, text: str | None) -> str:
    """A syntax error as ``path:line: rule-id: -: message``, naming the rule whose lines it
    falls in (the last ``id:`` at or before its line) when there is one."""
    rule_id = "-"
    if text is None:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
    for line in text.splitlines()[: problem.line or 0]:
        if found := _ID_LINE.match(line):
            rule_id = found["id"]
    return f"{problem.path}:{problem.line or 1}: {rule_id}: -: {problem.message}"


def _yaml_line(problem: YamlProblem, data: Any) -> str:
    """A YAML-level problem as ``path:line: rule-id: field: message`` (``-`` where the
    location names no rule or field, as for a syntax error)."""
    loc = list(problem.loc)
    rule_id, field = "-", "-"
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rules = data.get("rules") if isinstance(data, dict) else None
        rule = rules[loc[1]] if isinstance(rules, list) and loc[1] < len(rules) else None
        found = rule.get("id") if isinstance(rule, dict) else None
        rule_id = found if isinstance(found, str) and found else f"rules[{loc[1]}]"
        loc = loc[2:]
    if loc:
        field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
        field = field.lstrip(".")
    return f"{problem.path}:{problem.line or 1}: {rule_id}: {field}: {problem.message}"


#: Every field name of the language, to suggest the nearest one for a typo.
def _all_fields() -> set[str]:
    models: list[type[BaseModel]] = [RuleFileModel, CorpusSource, Selection, Monotonic, Agree,
                                     Rate, PartOf, Sum, Range, Duration, Consensus]
    return {name for model in models for name in model.model_fields}


def schema() -> dict[str, Any]:
    """The JSON Schema of a rule file, exported from the models."""
    return TypeAdapter(RuleFileModel).json_schema()


def schema_text() -> str:
    """The JSON Schema as committed in ``rules/rules.schema.json``."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
