"""The ``figures`` command line: the only place that turns errors into exit codes.

Exit codes are a contract and never change meaning:

    0  success (for ``check``: no rule at or above --fail-on failed)
    1  ``check`` only: at least one rule at or above --fail-on failed
    2  usage or input error: bad option, unreadable corpus, missing column, bad rule file
    3  a bug in figures: an unexpected exception (never 1, so CI cannot take it for a
       failed rule)

Every ``FiguresError`` raised anywhere under a command ends here as its message
(``path:line: message``) on stderr and status 2; anything else is reported as a bug.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
import pandas as pd

from figures.errors import FiguresError, RuleFileError, VocabularyFileError, one_line
from figures.model import FAIL_LEVELS
from figures.read import ColumnMapping, Corpus, read_corpus

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
FORMATS = ("jsonl", "csv", "md", "parquet")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".json": "jsonl", ".csv": "csv", ".md": "md",
                  ".parquet": "parquet"}
#: What each output option writes, by the file's suffix ("-" is standard output everywhere).
REPORT_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
JSON_SUFFIXES = {".json": "json"}
FINDINGS_SUFFIXES = {".csv": "csv", ".parquet": "parquet"}
#: Columns shown by ``--format md``: a person reads it, so the long sentence is left out.
MARKDOWN_COLUMNS = ("doc", "text", "value", "low", "high", "qualifier", "unit", "metric", "noun",
                    "cumulative", "claimant", "outlet", "published")


def format_of(option: str, path: str | None, suffixes: dict[str, str],
                  stdout: str | None) -> str | None:
    """The format an output option writes, from its path's suffix; ``-`` is standard output
    (in the ``stdout`` format). An unknown suffix is a usage error listing the formats."""
    if path is None:
        return None
    if path == "-":
        if stdout is None:
            fail(f"{option} -: this format cannot go to standard output",
                 hint=f"name a file: {option} out{next(iter(suffixes))}")
        return stdout
    suffix = Path(path).suffix.lower()
    if suffix not in suffixes:
        by_name: dict[str, list[str]] = {}
        for suffix_, name in suffixes.items():
            by_name.setdefault(name, []).append(suffix_)
        known = ", ".join(f"{name} ({', '.join(found)})" for name, found in by_name.items())
        fail(f"{option} {path}: unknown output format {suffix or '(no suffix)'!r}; "
             f"{option} writes {known}" + (f", or - for standard output ({stdout})"
                                          if stdout else ""),
             hint=f"for example {option} out{next(iter(suffixes))}")
    return suffixes[suffix]


def fail(message: str, hint: str | None = None) -> NoReturn:
    """Print an error (and what to try) on stderr and exit with the usage/input status."""
    click.echo(f"figures: error: {one_line(message)}", err=True)
    if hint:
        click.echo(f"hint: {hint}", err=True)
    sys.exit(EXIT_USAGE)


def write_output(path: str | Path, content: str | bytes) -> None:
    """Write an output file; a missing folder or a refused write is exit status 2, not a
    traceback (folders are not created: a typo in a path should not make a tree)."""
    target = Path(path)
    try:
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    except OSError as err:
        fail(f"cannot write {path}: {_write_problem(target, err)}")


def check_output_folder(path: str | Path | None) -> None:
    """Fail before the slow work when an output file's folder does not exist."""
    if path is None or str(path) == "-":
        return
    folder = Path(path).parent
    if not folder.is_dir():
        fail(f"cannot write {path}: {_write_problem(Path(path))}",
             hint=f"create the folder first (mkdir -p {folder}) or write elsewhere")


def _write_problem(target: Path, err: OSError | None = None) -> str:
    folder = target.parent
    if not folder.exists():
        return f"the folder {folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if err is None:
        return "cannot write there"
    return err.strerror or str(err)


def corpus_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that reads a corpus takes (kept in one place)."""
    options = [
        click.option("--text-column", help="CSV/JSONL column holding the article text "
                     "(default: detected, e.g. article_content, text, body)."),
        click.option("--id-column", help="Column holding the document id (default: detected, "
                     "e.g. unit_id, id)."),
        click.option("--outlet-column", help="Column naming the outlet (default: detected, "
                     "e.g. source, outlet)."),
        click.option("--date-column", help="Column with the publication date (default: "
                     "detected, e.g. date, published)."),
        click.option("--title-column", help="Column with the headline (default: detected)."),
        click.option("--day-first", is_flag=True,
                     help="Read slashed dates as D/M/YYYY (default: M/D/YYYY)."),
        click.option("--vocab", "vocab", multiple=True,
                     type=click.Path(exists=True, dir_okay=False),
                     help="A desk vocabulary file (claimants, places, cue words) merged on "
                     "the packaged one (repeat for more; README: Vocabulary for your story)."),
        click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Extract with this many processes."),
        click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr."),
    ]
    return functools.reduce(lambda cmd, option: option(cmd), reversed(options), command)


def column_mapping(options: dict[str, Any]) -> ColumnMapping:
    """The ColumnMapping named by the corpus options."""
    return ColumnMapping(
        text=options.get("text_column"), id=options.get("id_column"),
        outlet=options.get("outlet_column"), date=options.get("date_column"),
        title=options.get("title_column"),
    )


def load_corpus(paths: tuple[str, ...], options: dict[str, Any]) -> Corpus:
    """Read the corpus (an InputError ends the command with its message and status 2)."""
    corpus = read_corpus(list(paths), column_mapping(options),
                         day_first=options.get("day_first", False))
    if not options.get("quiet"):
        click.echo(corpus.report.summary(), err=True)
    return corpus


def extract_table(corpus: Corpus, options: dict[str, Any]) -> pd.DataFrame:
    """Extract the figures table with progress on stderr when it is a terminal."""
    from figures.table import extract

    show = not options.get("quiet") and sys.stderr.isatty()
    total = len(corpus.documents)

    def progress(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            click.echo(f"\rextracting figures: {done}/{total} documents", err=True,
                       nl=done == total)

    from figures.table import ExtractConfig

    config = ExtractConfig.default(vocab=tuple(options.get("vocab") or ()))
    return extract(corpus, config,  # a corpus: its near-copies too
                   jobs=options.get("jobs", 1),
                   progress=progress if show and total > 1 else None)


class ErrorContract(click.Group):
    """A command group that keeps the exit-code contract whatever a command raises."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (RuleFileError, VocabularyFileError) as err:
            for problem in err.problems:
                click.echo(one_line(problem), err=True)
            ctx.exit(EXIT_USAGE)
        except FiguresError as err:  # one line: a file name cannot forge a second message
            click.echo(one_line(str(err) or type(err).__name__), err=True)
            ctx.exit(EXIT_USAGE)
        except Exception as err:  # a bug: say so, with its own status
            click.echo("".join(traceback.format_exception(err)), err=True)
            click.echo(f"figures: internal error (this is a bug in figures, please report it "
                       f"with the command and the input): {type(err).__name__}: "
                       f"{one_line(str(err))[:500]}", err=True)
            ctx.exit(EXIT_BUG)


@click.group(cls=ErrorContract, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="figures")
def main() -> None:
    """Check the numbers in the news against each other.

    Read a corpus of articles, extract every figure (value, bounds, qualifier,
    unit, metric, context), and check the figures with rule files.

    Exit status: 0 success, 1 rules failed (check), 2 usage or input error,
    3 a bug in figures.
    """


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "-f", "output_format", type=click.Choice(FORMATS),
              help="Output format (default: from the -o suffix, else jsonl).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write here (.jsonl, .json, .csv, .md, .parquet) instead of standard "
                   "output ('-').")
@corpus_options
def extract_command(paths: tuple[str, ...], output_format: str | None, output: str | None,
                    **options: Any) -> None:
    """Extract every figure of a corpus into a table.

    PATHS are folders of .txt/.md articles (with manifest.csv or front matter),
    CSV files or JSONL files.

    Example:

        figures extract ../shared/data/fa-kes/FA-KES-Dataset.csv -o figures.csv
    """
    if output == "-":
        output = None
    if output_format:
        fmt = output_format
    elif output:
        fmt = format_of("-o", output, SUFFIX_FORMATS, None) or "jsonl"
    else:
        fmt = "jsonl"
    if fmt == "parquet" and not output:
        fail("--format parquet needs a file", hint="pass -o figures.parquet")
    check_output_folder(output)
    corpus = load_corpus(paths, options)
    table = extract_table(corpus, options)
    text = render_table(table, fmt)
    if output:
        write_output(output, table.to_parquet(index=False) if fmt == "parquet" else text)
        if not options.get("quiet"):
            click.echo(f"wrote {len(table)} figures to {output}", err=True)
    else:
        click.echo(text, nl=False)


def render_table(table: pd.DataFrame, fmt: str) -> str:
    """The figures table as text in one of the text formats ('' for parquet)."""
    from figures.table import to_jsonl

    if fmt == "jsonl":
        return to_jsonl(table)
    if fmt == "csv":
        return table.to_csv(index=False, date_format="%Y-%m-%d")
    if fmt == "md":
        from tabulate import tabulate

        from figures.check import number_text
        from figures.report.escape import markdown_cell

        shown = table[list(MARKDOWN_COLUMNS)].astype(object)
        for column in ("value", "low", "high"):
            shown[column] = [number_text(x) if pd.notna(x) else "" for x in table[column]]
        shown["published"] = table["published"].dt.strftime("%Y-%m-%d")
        shown = shown.where(shown.notna(), "")
        # every cell is data from the corpus: literal text, never markup or a new row
        shown = shown.map(markdown_cell) if len(shown) else shown
        return tabulate(shown, headers="keys", tablefmt="github", showindex=False,
                        disable_numparse=True) + "\n"
    return ""




def load_rule_set(rule_paths: tuple[str, ...]) -> Any:
    """Load rule files, turning every problem into a message and exit status 2."""
    from figures.rules import load_rules

    try:
        return load_rules(list(rule_paths))
    except RuleFileError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        fail(f"{len(err.problems)} problem{'s' * (len(err.problems) != 1)} in the rule files",
             hint="run `figures lint` on them; `figures schema` prints the rule language")


def corpus_for_rules(paths: tuple[str, ...], rule_set: Any,
                     options: dict[str, Any]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The corpus named on the command line, else the rule file's ``corpus:`` block.

    A desk vocabulary named by the rule files' corpus blocks is used either way.
    """
    vocab = tuple(os.path.relpath(path) for path in rule_set.vocab_paths())
    if vocab:
        options = {**options, "vocab": tuple(options.get("vocab") or ()) + vocab}
    if paths:
        return paths, options
    sources = rule_set.corpus_files()
    without = [file.path for file in rule_set.files if file.corpus is None]
    if sources and without:
        # never run a file on a corpus it does not name (another file's)
        fail(f"{', '.join(without)} name{'s' * (len(without) == 1)} no corpus, and "
             f"{', '.join(file.path for file in sources)} name{'s' * (len(sources) == 1)} "
             "one: a rule file is not checked against another file's corpus",
             hint="check them one file at a time (--rules FILE), or name the corpus: "
                  "figures check PATHS --rules ...")
    if len({file.corpus_key() for file in sources}) > 1:
        named = "; ".join(f"{file.path} reads "
                          f"{', '.join(os.path.relpath(p) for p in file.corpus_paths())}"
                          for file in sources)
        fail(f"the rule files name different corpora ({named})",
             hint="check them one file at a time (--rules FILE), or name the corpus: "
                  "figures check PATHS --rules ...")
    block = rule_set.corpus
    if block is None:
        fail("no corpus to check: name one, or add a corpus: block to the rule file",
             hint="figures check examples/ --rules rules/examples.yaml")
    outside = [(file, path) for file in sources for path in file.outside_paths()]
    if outside and not options.get("allow_outside"):
        for file, path in outside:
            click.echo(f"{file.path}:{file.corpus_line}: corpus.paths: {one_line(repr(path))} "
                       "is outside the rule file's folder", err=True)
        fail("a corpus: block may only name files inside its rule file's folder",
             hint="name the corpus on the command line (figures check PATHS --rules ...), "
                  "or pass --allow-outside if you trust the rule file")
    merged = dict(options)
    for name in ("text", "id", "outlet", "date", "title"):
        key = f"{name}_column"
        merged[key] = options.get(key) or getattr(block, key)
    # Relative to where the command runs, so reports say ../shared/..., not a machine path.
    return tuple(os.path.relpath(path) for path in rule_set.corpus_paths()), merged


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--rules", "-r", "rule_paths", multiple=True, required=True,
              type=click.Path(exists=True),
              help="A rule file or a folder of them (repeat for more).")
@click.option("--report", "reports", multiple=True,
              type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the report here: .md (timeline plots go beside it), .html (one "
                   "self-contained page, plots inside), or '-' (Markdown on standard output); "
                   "repeat for more.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the findings as JSON here (.json, or '-' for standard output).")
@click.option("--findings", "findings_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write one row per finding and figure here: .csv, .parquet, or '-' (CSV on "
                   "standard output).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="error", show_default=True,
              help="Exit 1 when a rule of this severity or higher fails.")
@click.option("--allow-outside", is_flag=True,
              help="Let a rule file's corpus: block name paths outside its folder (../data).")
@corpus_options
def check_command(paths: tuple[str, ...], rule_paths: tuple[str, ...], reports: tuple[str, ...],
                  json_path: str | None, findings_path: str | None, fail_on: str,
                  **options: Any) -> None:
    """Check a corpus' figures against rule files.

    PATHS is the corpus (as for `figures extract`); without it, the corpus:
    block of the rule file is used. Exit status: 0 no rule at or above
    --fail-on failed, 1 some did, 2 usage or input error (bad rule file included).

    Example:

        figures check --rules rules/fakes-death-toll.yaml --report reports/fakes.html
    """
    from figures.check import check, failing
    from figures.report import findings_table, json_text, markdown_report

    report_formats = [format_of("--report", report, REPORT_SUFFIXES, "md") for report in reports]
    format_of("--json", json_path, JSON_SUFFIXES, "json")
    table_format = format_of("--findings", findings_path, FINDINGS_SUFFIXES, "csv")
    outputs = [*(("--report", report) for report in reports), ("--json", json_path),
               ("--findings", findings_path)]
    to_stdout = [name for name, path in outputs if path == "-"]
    if len(to_stdout) > 1:
        fail(f"{' and '.join(to_stdout)} both write to standard output",
             hint="send one of them to a file")
    for _, path in outputs:
        check_output_folder(path)
    rule_set = load_rule_set(rule_paths)
    paths, options = corpus_for_rules(paths, rule_set, options)
    corpus = load_corpus(paths, options)
    table = extract_table(corpus, options)
    findings = check(table, rule_set)
    title = f"Figures report: {', '.join(rule_paths)}"
    pngs = timelines(table, findings, rule_set) if reports else {}
    for report, report_format in zip(reports, report_formats, strict=True):
        if report_format == "html":
            from figures.report.html import html_report

            text = html_report(findings, table, corpus.report, pngs, title=title,
                               fail_on=fail_on, rules=rule_set)
        else:
            links = write_timelines(report, pngs) if report != "-" else {}
            text = markdown_report(findings, table, corpus.report, links, fail_on=fail_on,
                                   title=title, rules=rule_set)
        write_or_echo(report, text)
    if json_path:
        write_or_echo(json_path, json_text(findings, corpus.report, fail_on, table, rule_set))
    if findings_path:
        rows = findings_table(findings, rule_set)
        if table_format == "parquet":
            write_output(findings_path, rows.to_parquet(index=False))
        else:
            write_or_echo(findings_path, rows.to_csv(index=False))
    if not options.get("quiet"):
        echo_results(findings, table, corpus, rule_set, fail_on)
        for _, path in outputs:
            if path and path != "-":
                click.echo(f"wrote {path}", err=True)
    sys.exit(EXIT_FAILED if len(failing(findings, fail_on)) else EXIT_OK)


def write_or_echo(path: str, text: str) -> None:
    """Write ``text`` to ``path``, or to standard output when it is ``-``."""
    if path == "-":
        click.echo(text, nl=False)
    else:
        write_output(path, text)


def echo_results(findings: pd.DataFrame, table: pd.DataFrame, corpus: Corpus, rule_set: Any,
                 fail_on: str) -> None:
    """One line per rule on stderr (FAIL, WARN, pass, no data), then the summary's headline."""
    from figures.report.markdown import status_word
    from figures.report.summary import build_summary, plural

    summary = build_summary(findings, table, corpus.report, rule_set, fail_on)
    for line in summary.rules:
        shown = status_word(line.severity, line.status, fail_on)
        if line.status == "fail":
            counts = plural(line.problems, "problem") + (
                f" ({plural(line.findings, 'finding')})" if line.findings != line.problems
                else "")
        else:
            counts = "no violation" if line.status == "pass" else line.message
        click.echo(f"{shown:7} {line.rule} [{line.severity}] {line.check}: {counts}; "
                   f"{plural(line.checked, 'figure')} checked", err=True)
    click.echo(summary.headline(), err=True)


def timelines(table: pd.DataFrame, findings: pd.DataFrame, rule_set: Any) -> dict[str, bytes]:
    """A timeline PNG for each time-based rule with violations: rule id -> PNG bytes."""
    from figures.check import select
    from figures.report import timeline_rules
    from figures.report.plot import timeline_png

    by_id = {rule.id: rule for rule in rule_set}
    out = {}
    for rule_id in timeline_rules(findings):
        rule = by_id[rule_id].rule
        out[rule_id] = timeline_png(select(table, rule), findings[findings["rule"] == rule_id],
                                    f"{rule_id}: {rule.label()}", rule.open_ends, rule.dated_by)
    return out


def write_timelines(report: str, pngs: dict[str, bytes]) -> dict[str, str]:
    """Write the PNGs beside the report, in ``<report>-plots/``; rule id -> relative link."""
    folder = Path(report).with_suffix("")
    folder = folder.with_name(folder.name + "-plots")
    links = {}
    for rule_id, png in pngs.items():
        try:
            folder.mkdir(exist_ok=True)  # beside the report, whose folder exists
        except OSError as err:
            fail(f"cannot make the plots folder {folder}: {err.strerror or err}")
        write_output(folder / f"{rule_id}.png", png)
        links[rule_id] = f"{folder.name}/{rule_id}.png"
    return links


@main.command("explain")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--doc", "doc_id", help="The document whose figures to explain (its id).")
@click.option("--at", "offset", type=click.IntRange(0), help="Only the figure at (or nearest "
              "after) this character offset of the document.")
@click.option("--figure", "figure_text", help="Only figures whose text contains this "
              "(case-insensitive), e.g. \"220,000\".")
@click.option("--rules", "-r", "rule_paths", multiple=True, type=click.Path(exists=True),
              help="Explain these rules' selections: how many figures each clause removed.")
@click.option("--rule", "rule_ids", multiple=True, help="Only this rule (repeat for more).")
@corpus_options
def explain_command(paths: tuple[str, ...], doc_id: str | None, offset: int | None,
                    figure_text: str | None, rule_paths: tuple[str, ...],
                    rule_ids: tuple[str, ...], **options: Any) -> None:
    """Explain figures (the cue words behind their metric, noun, cumulative flag, qualifier
    and claimant) or rules (how many figures each clause of the selection removed).

    With --doc, print that document's figures (or the one --at an offset, or those
    matching --figure) with their cues. With --rules, print each rule's selection
    clause by clause, so an empty selection says which clause emptied it.

    Example:

        figures explain ../shared/data/seeds --doc 000 --figure 220,000
        figures explain --rules rules/examples.yaml --rule death-toll-rate
    """
    if (offset is not None or figure_text) and not doc_id:
        fail("--at and --figure need --doc", hint="figures explain CORPUS --doc ID --at 120")
    if not doc_id and not rule_paths:
        fail("nothing to explain", hint="pass --doc ID (a document's figures) or --rules FILE "
             "(a rule's selection)")
    rule_set = load_rule_set(rule_paths) if rule_paths else None
    if rule_set is not None:
        paths, options = corpus_for_rules(paths, rule_set, options)
    elif not paths:
        fail("no corpus named", hint="figures explain CORPUS --doc ID")
    corpus = load_corpus(paths, options)
    if doc_id:
        explain_document(corpus, doc_id, offset, figure_text)
    if rule_set is not None:
        explain_rules(corpus, rule_set, rule_ids, options)


def explain_document(corpus: Corpus, doc_id: str, offset: int | None,
                     figure_text: str | None) -> None:
    """Print a document's figures with the cue words behind each field."""
    from figures.report.explain import figure_lines
    from figures.table import ExtractConfig, figures_of

    by_id = {document.id: document for document in corpus.documents}
    document = by_id.get(doc_id) or next(
        (d for d in corpus.documents if d.id.startswith(doc_id)), None)
    if document is None:
        known = ", ".join(list(by_id)[:8]) + (" ..." if len(by_id) > 8 else "")
        fail(f"no document {doc_id!r} in the corpus", hint=f"ids here: {known}")
    config = ExtractConfig.default()
    figures = figures_of(document, config)
    if offset is not None:
        after = [figure for figure in figures if figure.end > offset]
        figures = sorted(after, key=lambda figure: figure.start)[:1]
    if figure_text:
        figures = [figure for figure in figures
                   if figure_text.casefold() in figure.text.casefold()]
    if not figures:
        fail(f"{document.id}: no figure " + (f"at or after offset {offset}" if offset is not None
                                              else f"matching {figure_text!r}"
                                              if figure_text else "in the document"),
             hint=f"figures explain ... --doc {document.id} lists all of its figures")
    click.echo(f"{document.id} ({document.outlet or 'no outlet'}, "
               f"{document.published or 'undated'}): {len(figures)} "
               f"figure{'s' * (len(figures) != 1)}\n")
    click.echo("\n".join(figure_lines(document, figures, config.places)), nl=False)


def explain_rules(corpus: Corpus, rule_set: Any, rule_ids: tuple[str, ...],
                  options: dict[str, Any]) -> None:
    """Print each rule's selection clause by clause."""
    from figures.report.explain import rule_lines

    rules = [rule for rule in rule_set if not rule_ids or rule.id in rule_ids]
    unknown = sorted(set(rule_ids) - {rule.id for rule in rule_set})
    if unknown:
        fail(f"no rule {', '.join(map(repr, unknown))} in the rule files",
             hint=f"rules here: {', '.join(rule.id for rule in rule_set)}")
    table = extract_table(corpus, options)
    for rule in rules:
        click.echo("\n".join(rule_lines(table, rule.rule)) + "\n")


@main.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
def lint_command(paths: tuple[str, ...]) -> None:
    """Validate rule files; print every problem as path:line: rule-id: field: message.

    Exit status: 0 all files are valid, 2 some are not.

    Example:

        figures lint rules/
    """
    from figures.report.summary import plural
    from figures.rules import lint_warnings, load_rules, rule_files

    try:
        problems, count = [], len(load_rules(list(paths)))
    except RuleFileError as err:
        problems, count = err.problems, 0
    warnings = lint_warnings(list(paths))
    for problem in sorted([*problems, *warnings], key=_file_and_line):
        click.echo(problem)
    files = len(rule_files(list(paths)))
    also = f", {plural(len(warnings), 'warning')}" if warnings else ""
    if problems:
        click.echo(f"{plural(len(problems), 'problem')} in {plural(files, 'file')}{also}",
                   err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"ok: {plural(count, 'rule')} in {plural(files, 'file')}{also}", err=True)


def _file_and_line(problem: str) -> tuple[str, int]:
    path, _, rest = problem.partition(":")
    line = rest.split(":", 1)[0]
    return path, int(line) if line.isdigit() else 0


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of rule files (committed as rules/rules.schema.json).

    Example:

        figures schema > rules/rules.schema.json
    """
    from figures.rules import schema_text

    click.echo(schema_text(), nl=False)


if __name__ == "__main__":
    main()
