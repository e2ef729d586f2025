"""pytest plugin: every rule of the project's rule files is a test item.

Loaded through the ``pytest11`` entry point wherever figures is installed, so
it does nothing unless a project opts in: a ``[tool.figures]`` table in its
pyproject.toml, or a ``--figures-*`` option. Then each rule of the files that
match the rule globs (default ``rules/*.yaml``) is an item named by its rule id,
checked against the corpus the rule file names (its ``corpus:`` block) or the
configured one. The corpus is read and extracted once per run.

A rule fails when its severity is at or above the fail level (default
``error``); a rule below it that finds a problem passes with a
``FiguresRuleWarning`` and its evidence in a terminal summary section. A rule
that matches no figures is skipped. ``-p no:figures`` turns the plugin off.

The plugin orchestrates only: reading, extracting, loading rules, checking and
rendering belong to the stage modules, imported when the plugin is active so
that other projects' test runs never import pandas for nothing.
"""

from __future__ import annotations

import glob
import time
import tomllib
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from figures.errors import FiguresError, InputError, RuleFileError

# SEVERITIES are also the marker names (``-m "not warning"``); FAIL_LEVELS what fail-on takes.
from figures.model import FAIL_LEVELS, SEVERITIES
from figures.report.pytest_summary import RuleResult, evidence_markdown, summary_markdown

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("text", "id", "outlet", "date", "title")
"""Column-mapping fields: ``--figures-<name>-column`` and ``<name>-column`` in [tool.figures].

The ``<name>_column`` fields of ``figures.rules.CorpusSource``, spelled out here so that
loading the plugin does not import pydantic (a test keeps the two the same)."""

DEFAULT_RULES = ("rules/*.yaml",)
TOML_KEYS = ("corpus", "rules", "fail-on", "summary", "jobs", "vocab", "store",
             *(f"{c}-column" for c in COLUMNS))
PYPROJECT = "pyproject.toml"


class FiguresRuleWarning(pytest.PytestWarning):
    """A rule below the fail level (``--figures-fail-on``) found a problem.

    ``-W error::figures.pytest_plugin.FiguresRuleWarning`` makes these rules fail.
    """


class RuleFailed(Exception):
    """Raised by a rule item whose rule failed; the message is the evidence text."""


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class CorpusSpec:
    """A corpus to extract once: its paths and the column mapping (hashable: a cache key)."""

    paths: tuple[Path, ...]
    columns: tuple[tuple[str, str | None], ...] = ()
    #: Desk vocabulary files merged on the packaged vocabulary.
    vocab: tuple[Path, ...] = ()
    #: The one path is a figures store ([tool.figures] store, --figures-store).
    store: bool = False

    def describe(self, here: Path) -> str:
        return ", ".join(_relative(path, here) for path in self.paths)


@dataclass(frozen=True)
class Settings:
    """What the plugin checks: [tool.figures] with the command line on top, paths resolved."""

    rules: tuple[str, ...]
    corpus: CorpusSpec | None
    fail_on: str = "error"
    #: [tool.figures] vocab: desk vocabulary files for every corpus checked.
    vocab: tuple[Path, ...] = ()
    summary: Path | None = None
    jobs: int = 1
    source: str = "command line"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("figures", "figures: rule files as tests (see [tool.figures])")
    group.addoption("--figures-rules", action="append", metavar="GLOB",
                    help="Rule files to collect, a glob relative to the current directory "
                         "(repeatable; replaces [tool.figures] rules; default rules/*.yaml).")
    group.addoption("--figures-corpus", action="append", metavar="PATH",
                    help="Corpus to check rules against: a folder, CSV or JSONL file "
                         "(repeatable; replaces [tool.figures] corpus).")
    group.addoption("--figures-fail-on", choices=FAIL_LEVELS, metavar="SEVERITY",
                    help="Least serious severity whose failing rules fail the run: error "
                         "(default), warning, info or never. Rules below it pass with a "
                         "FiguresRuleWarning.")
    group.addoption("--figures-summary", metavar="FILE.md",
                    help="Write a Markdown summary of the rule results (for CI comments).")
    group.addoption("--figures-jobs", type=int, metavar="N",
                    help="Extract the corpus with N processes (default 1).")
    group.addoption("--figures-store", metavar="FILE",
                    help="Check the figures of this store (figures add) instead of a corpus "
                         "(replaces [tool.figures] store and corpus).")
    for name in COLUMNS:
        group.addoption(f"--figures-{name}-column", metavar="COLUMN",
                        help=f"CSV/JSONL column holding the {name} (default: detected).")


def _option_names() -> tuple[str, ...]:
    return ("figures_rules", "figures_corpus", "figures_fail_on", "figures_summary",
            "figures_jobs", "figures_store", *(f"figures_{name}_column" for name in COLUMNS))


def load_settings(config: pytest.Config) -> Settings | None:
    """The run's Settings, or None when the project has not opted in.

    Paths in [tool.figures] are relative to the pyproject.toml; paths on the
    command line are relative to the current directory.
    """
    pyproject = _pyproject(config)
    table = _figures_table(pyproject) if pyproject else None
    given = {name: config.getoption(name) for name in _option_names()}
    if table is None and all(value is None for value in given.values()):
        return None
    table = table or {}
    here = config.invocation_params.dir
    where = f"{_relative(pyproject, here)} [tool.figures]" if pyproject else "--figures-*"
    for key in sorted(set(table) - set(TOML_KEYS)):
        config.issue_config_time_warning(pytest.PytestConfigWarning(
            f"{where}: unknown key {key!r} (known: {', '.join(TOML_KEYS)})"), stacklevel=2)
    base = pyproject.parent if pyproject else config.rootpath

    rules = _patterns(given["figures_rules"], here) or _patterns(
        _strings(table, "rules", where) or DEFAULT_RULES, base)
    corpus_paths = ([here / path for path in given["figures_corpus"]]
                    if given["figures_corpus"]
                    else [base / path for path in _strings(table, "corpus", where)])
    store = (here / given["figures_store"] if given["figures_store"]
             else base / text if (text := _string(table, "store", where)) else None)
    if store is not None:  # a store is the corpus: its figures are checked, not extracted
        if table.get("corpus") and not given["figures_store"] and not given["figures_corpus"]:
            raise pytest.UsageError(f"{where}: give corpus or store, not both")
        corpus_paths = [store]
    columns = []
    for name in COLUMNS:
        value = given[f"figures_{name}_column"] or _string(table, f"{name}-column", where)
        columns.append((name, value))
    fail_on = given["figures_fail_on"] or _string(table, "fail-on", where) or "error"
    if fail_on not in FAIL_LEVELS:
        raise pytest.UsageError(f"{where}: fail-on: expected one of {', '.join(FAIL_LEVELS)}; "
                                f"got {fail_on!r}")
    summary = (here / given["figures_summary"] if given["figures_summary"]
               else base / text if (text := _string(table, "summary", where)) else None)
    jobs, jobs_from = ((given["figures_jobs"], "--figures-jobs")
                       if given["figures_jobs"] is not None else (table.get("jobs", 1),
                                                                  f"{where}: jobs"))
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise pytest.UsageError(f"{jobs_from}: expected a whole number >= 1; got {jobs!r}")
    vocab = tuple(base / path for path in _strings(table, "vocab", where))
    corpus = (CorpusSpec(tuple(corpus_paths), tuple(columns), vocab, store=store is not None)
              if corpus_paths else None)
    source = "command line" if not table else where
    return Settings(rules=rules, corpus=corpus, fail_on=fail_on, summary=summary, jobs=jobs,
                    source=source, vocab=vocab)


def _pyproject(config: pytest.Config) -> Path | None:
    """The project's pyproject.toml: pytest's own config file if it is one, else the rootdir's."""
    inipath = config.inipath
    if inipath is not None and inipath.name == PYPROJECT:
        return inipath
    candidate = config.rootpath / PYPROJECT
    return candidate if candidate.is_file() else None


def _figures_table(pyproject: Path) -> dict[str, Any] | None:
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise pytest.UsageError(f"{pyproject}: cannot read: {err}") from err
    table = data.get("tool", {}).get("figures")
    if table is not None and not isinstance(table, dict):
        raise pytest.UsageError(f"{pyproject}: [tool.figures] must be a table")
    return table


def _string(table: dict[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise pytest.UsageError(f"{where}: {key}: expected a string; got {value!r}")
    return value


def _strings(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise pytest.UsageError(f"{where}: {key}: expected a string or a list of strings; "
                                f"got {value!r}")
    return tuple(value)


def _patterns(patterns: Sequence[str] | None, base: Path) -> tuple[str, ...]:
    return tuple(str(base / pattern) for pattern in patterns or ())


def _relative(path: Path | str, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- run state


@dataclass
class FiguresRun:
    """Per-run state on ``config.stash``: settings, extracted corpora, rule results."""

    settings: Settings
    here: Path  # where pytest was started: paths are shown relative to it
    tables: dict[CorpusSpec, pd.DataFrame | FiguresError] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    results: list[RuleResult] = field(default_factory=list)
    rule_ids: dict[str, str] = field(default_factory=dict)
    #: Rule files that failed to collect: each is its own error, and the other files run.
    broken: int = 0
    _rule_files: frozenset[Path] | None = None

    def fails_on(self, severity: str) -> bool:
        """Whether a failing rule of this severity fails its test (else: a warning)."""
        fail_on = self.settings.fail_on
        return fail_on != "never" and SEVERITIES.index(severity) <= SEVERITIES.index(fail_on)

    def claim_ids(self, rules: Sequence[Any]) -> None:
        """Rule ids are unique across the collected files (``-k`` selects by id)."""
        problems = [f"{rule.location}: {rule.id}: id: duplicate rule id (first defined at "
                    f"{self.rule_ids[rule.id]})" for rule in rules if rule.id in self.rule_ids]
        if problems:
            raise RuleFileError(problems)
        self.rule_ids.update((rule.id, rule.location) for rule in rules)

    def is_rule_file(self, path: Path) -> bool:
        if self._rule_files is None:
            found = {Path(name).resolve() for pattern in self.settings.rules
                     for name in glob.glob(pattern, recursive=True)}
            self._rule_files = frozenset(found)
        return path.resolve() in self._rule_files

    def figures_table(self, corpus: CorpusSpec) -> pd.DataFrame:
        """The corpus' figures table, read and extracted on first use (errors are kept too)."""
        if corpus not in self.tables:
            try:
                self.tables[corpus] = self._extract(corpus)
            except FiguresError as err:
                self.tables[corpus] = err
        table = self.tables[corpus]
        if isinstance(table, FiguresError):
            raise table
        return table

    def _extract(self, corpus: CorpusSpec) -> pd.DataFrame:
        from figures.read import ColumnMapping, read_corpus
        from figures.table import ExtractConfig, extract

        started = time.perf_counter()
        missing = [path for path in corpus.paths if not path.exists()]
        if missing:
            raise InputError(f"corpus not found: {', '.join(map(str, missing))}")
        from figures.store import is_dataset, is_store, open_store, read_figures

        if len(corpus.paths) == 1 and is_store(corpus.paths[0]):
            with open_store(corpus.paths[0]) as store:
                table = store.figures()
                warning = store.vocabulary_warning(corpus.vocab)
                self.notes.append(f"{store.summary()} Checked without extracting."
                                  f"{' ' + warning if warning else ''}")
            return table
        if all(is_dataset(path) for path in corpus.paths):
            table = read_figures(list(corpus.paths))
            self.notes.append(f"Figures dataset {corpus.describe(self.here)}: {len(table)} "
                              "figures, not extracted again.")
            return table
        columns = ColumnMapping(**dict(corpus.columns))
        read = read_corpus([str(path) for path in corpus.paths], columns)
        config = ExtractConfig.default(vocab=corpus.vocab)
        table = extract(read, config,  # the corpus: its near-copies too
                        jobs=self.settings.jobs)
        seconds = time.perf_counter() - started
        self.notes.append(f"{read.report.summary()} {len(table)} figures extracted in "
                          f"{seconds:.1f}s.")
        return table


RUN = pytest.StashKey[FiguresRun]()
REPORTER = "figures-run-reporter"


def pytest_configure(config: pytest.Config) -> None:
    settings = load_settings(config)
    if settings is None:
        return
    run = FiguresRun(settings, here=config.invocation_params.dir)
    config.stash[RUN] = run
    config.pluginmanager.register(RunReporter(run, config), REPORTER)
    config.addinivalue_line("markers", "figures: a rule from a figures rule file")
    for severity in SEVERITIES:
        config.addinivalue_line("markers", f"{severity}: a figures rule of {severity} severity")


def pytest_unconfigure(config: pytest.Config) -> None:
    reporter = config.pluginmanager.get_plugin(REPORTER)
    if reporter is not None:
        config.pluginmanager.unregister(reporter)


def pytest_report_header(config: pytest.Config) -> list[str]:
    run = config.stash.get(RUN, None)
    if run is None:
        return []
    settings = run.settings
    rules = ", ".join(_relative(pattern, run.here) for pattern in settings.rules)
    corpus = settings.corpus.describe(run.here) if settings.corpus else "(rule files' own)"
    return [f"figures: rules {rules}; corpus {corpus}; fail on {settings.fail_on} "
            f"(from {settings.source})"]


# --------------------------------------------------------------------------- collection


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> Any:
    """Run the other rules (and tests) when the only collection errors are broken rule files.

    pytest stops a run at any collection error; a broken rule file is reported as its own
    error (and fails the run) but does not keep the other rule files from running.
    """
    run = session.config.stash.get(RUN, None)
    broken = run.broken if run is not None else 0
    if not broken or session.testsfailed != broken or \
            session.config.option.continue_on_collection_errors:
        return (yield)
    session.testsfailed -= broken
    try:
        return (yield)
    finally:
        session.testsfailed += broken


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    """A corpus the collected rules need and that does not exist is one usage error."""
    run = config.stash.get(RUN, None)
    if run is None:
        return
    missing: dict[Path, list[str]] = {}
    for item in items:
        if isinstance(item, RuleItem):
            if item.corpus.store and not item.corpus.paths[0].exists():
                raise pytest.UsageError(
                    f"figures: store not found: {_relative(item.corpus.paths[0], run.here)}. "
                    "Create it with `figures add CORPUS --store FILE`, or fix [tool.figures] "
                    "store / --figures-store.")
            for path in item.corpus.paths:
                if not path.exists():
                    where = _relative(item.path, run.here)
                    missing.setdefault(path, [])
                    if where not in missing[path]:
                        missing[path].append(where)
    if missing:
        named = "; ".join(f"{_relative(path, run.here)} (for {', '.join(files)})"
                          for path, files in missing.items())
        raise pytest.UsageError(
            f"figures: corpus not found: {named}. Set corpus under [tool.figures] in "
            "pyproject.toml, pass --figures-corpus, or fix the rule file's corpus: block.")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> RuleFile | None:
    run = parent.config.stash.get(RUN, None)
    if run is None:
        return None
    from figures.rules import RULE_FILE_SUFFIXES

    if file_path.suffix not in RULE_FILE_SUFFIXES:
        return None
    if run.is_rule_file(file_path) or parent.session.isinitpath(file_path):
        return RuleFile.from_parent(parent, path=file_path)
    return None


class RuleFile(pytest.File):
    """A rule file: one item per rule; a broken file is a collection error naming file and line."""

    def collect(self) -> Iterator[RuleItem]:
        from figures.rules import load_rules

        run = self.config.stash[RUN]
        # Named as the user would type it, so problems read ``rules/x.yaml:12: ...``.
        rule_file = load_rules([_relative(self.path, run.here)]).files[0]
        corpus = _corpus_of(rule_file, run.settings)
        if corpus is None:
            raise InputError(
                f"{rule_file.path}: no corpus to check these rules against: set corpus under "
                "[tool.figures] in pyproject.toml, pass --figures-corpus, or give the file a "
                "corpus: block")
        run.claim_ids(rule_file.rules)
        for rule in rule_file.rules:
            yield RuleItem.from_parent(self, name=rule.id, rule=rule, corpus=corpus)

    def repr_failure(  # type: ignore[override]
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str:
        if isinstance(excinfo.value, FiguresError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))


def _corpus_of(rule_file: Any, settings: Settings) -> CorpusSpec | None:
    """The rule file's own corpus block (paths relative to the file), else the configured one."""
    block = rule_file.corpus
    if block is None:
        return settings.corpus
    columns = tuple((name, getattr(block, f"{name}_column")) for name in COLUMNS)
    vocab = settings.vocab + tuple(rule_file.vocab_paths())
    return CorpusSpec(tuple(rule_file.corpus_paths()), columns, vocab)


class RuleItem(pytest.Item):
    """One rule checked against its corpus' figures table."""

    def __init__(self, *, rule: Any, corpus: CorpusSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rule = rule
        self.corpus = corpus
        self.line = int(rule.line)
        self.severity = str(rule.severity)
        self.evidence = ""  # the failure text, also when -W turns a warning into an error
        self.add_marker("figures")
        self.add_marker(self.severity)
        # Reports carry these (also to an xdist controller and into --junitxml).
        self.user_properties += [("figures_rule", self.name), ("figures_severity", self.severity),
                                 ("figures_location", self.location_text)]

    @property
    def location_text(self) -> str:
        return f"{_relative(self.path, self.config.stash[RUN].here)}:{self.line}"

    def runtest(self) -> None:
        from figures.check import check
        from figures.report import failure_text

        run = self.config.stash[RUN]
        findings = check(run.figures_table(self.corpus), [self.rule])
        failed = findings[findings["failed"]]
        status = "fail" if len(failed) else str(findings["status"].iloc[0])
        self.user_properties.append(("figures_status", status))
        if status == "no_data":
            pytest.skip(f"{self.name}: {findings['message'].iloc[0]}")
        if status != "fail":
            self.user_properties.append(("figures_message", findings["message"].iloc[0]))
            return
        # A rule that requires data and found none fails with a message and no figures.
        from figures.report import mark_repeats, plural

        problems = int((~mark_repeats(failed[failed["figures"].map(bool)])["repeat"]).sum())
        count = plural(problems, "problem") if problems else "no data"
        description = (self.rule.rule.description or "").strip()
        self.user_properties += [("figures_message", f"{self.rule.label()}: {count}" if problems
                                  else str(failed["message"].iloc[0])),
                                 ("figures_description", description),
                                 ("figures_evidence", evidence_markdown(failed))]
        self.evidence = failure_text(failed, description)
        # a stale restatement's finding is one severity below its rule's
        if any(run.fails_on(severity) for severity in failed["severity"]):
            raise RuleFailed(f"{self.location_text}: {self.name} ({self.severity}) failed: "
                             f"{count}\n\n{self.evidence}")
        warnings.warn_explicit(
            FiguresRuleWarning(f"{self.name} ({self.severity}): {count}: "
                               f"{failed['message'].iloc[0]}"),
            FiguresRuleWarning, filename=_relative(self.path, run.here), lineno=self.line)
        # Only now: under ``-W error::...FiguresRuleWarning`` the warning raised and failed us.
        self.user_properties.append(("figures_outcome", "warned"))

    def repr_failure(  # type: ignore[override]
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str:
        if isinstance(excinfo.value, RuleFailed):
            return str(excinfo.value)
        if isinstance(excinfo.value, FiguresRuleWarning):
            return f"{self.location_text}: {excinfo.value} (warning made an error)\n\n" + \
                self.evidence
        if isinstance(excinfo.value, FiguresError):
            return f"{self.location_text}: {self.name}: {excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"{self.name} ({self.location_text})"


# --------------------------------------------------------------------------- reporting


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if isinstance(item, RuleItem) and report.skipped and isinstance(report.longrepr, tuple):
        # A skip raised in runtest points at this file; point it at the rule instead.
        report.longrepr = (str(item.path), item.line, report.longrepr[2])
    return report


def _result_order(result: RuleResult) -> tuple[str, int, str, str]:
    """Rule results in file and line order, the same however xdist scheduled them."""
    path, _, line = result.location.rpartition(":")
    if not line.isdigit():
        path, line = result.location, "0"
    return (path, int(line), result.rule, result.nodeid)


class RunReporter:
    """Per-run hooks (registered on the config's plugin manager): results, summaries."""

    def __init__(self, run: FiguresRun, config: pytest.Config) -> None:
        self.run = run
        self.config = config

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        from figures.rules import RULE_FILE_SUFFIXES

        if report.failed and report.nodeid.endswith(RULE_FILE_SUFFIXES):
            self.run.broken += 1
            self.run.results.append(RuleResult(
                nodeid=report.nodeid, rule="", severity="", location=report.nodeid,
                outcome="error", message=report.longreprtext))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        properties = dict(report.user_properties)
        if "figures_rule" not in properties:
            return
        if report.when != "call" and not report.failed:
            return
        warned = properties.get("figures_outcome") == "warned" and report.passed
        outcome = "warned" if warned else report.outcome
        message = str(properties.get("figures_message", ""))
        if report.skipped and isinstance(report.longrepr, tuple):
            message = str(report.longrepr[2]).removeprefix("Skipped: ")
        elif report.failed and not message:
            crash = getattr(report.longrepr, "reprcrash", None)  # a bug's traceback
            message = crash.message if crash else report.longreprtext.strip().split("\n")[0]
        self.run.results.append(RuleResult(
            nodeid=report.nodeid, rule=str(properties["figures_rule"]),
            severity=str(properties.get("figures_severity", "")),
            location=str(properties.get("figures_location", report.nodeid)),
            outcome=outcome if report.when == "call" else "error", message=message,
            evidence=str(properties.get("figures_evidence", "")),
            description=str(properties.get("figures_description", ""))))

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        target = self.run.settings.summary
        if target is None:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        # sorted: under pytest-xdist, reports arrive in whatever order the workers finish
        target.write_text(summary_markdown(sorted(self.run.results, key=_result_order)),
                          encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter: Any, exitstatus: int,
                                config: pytest.Config) -> None:
        warned = sorted((result for result in self.run.results if result.outcome == "warned"),
                        key=_result_order)
        if warned:
            terminalreporter.write_sep(
                "=", f"figures: {len(warned)} rule{'s' * (len(warned) != 1)} below "
                     f"--figures-fail-on={self.run.settings.fail_on} found problems",
                yellow=True)
            for result in warned:
                terminalreporter.write_sep("_", f"{result.rule} ({result.location})")
                terminalreporter.write_line(f"{result.severity}: {result.message}")
                if result.description:
                    terminalreporter.write_line(f"Rule: {result.description}")
                terminalreporter.write_line("")
                for line in result.evidence.splitlines():
                    terminalreporter.write_line(line)
        lines = list(self.run.notes)
        if self.run.settings.summary is not None:
            lines.append(f"wrote summary to {_relative(self.run.settings.summary, self.run.here)}")
        if lines and (self.run.results or self.run.settings.summary is not None):
            terminalreporter.write_sep("=", "figures")
            for line in lines:
                terminalreporter.write_line(line)
