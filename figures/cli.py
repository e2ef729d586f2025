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

import atexit
import contextlib
import functools
import gc
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from figures.errors import FiguresError, InputError, RuleFileError, VocabularyFileError, one_line
from figures.model import FAIL_LEVELS
from figures.read import ColumnMapping, Corpus, read_corpus

if TYPE_CHECKING:  # pandas is imported where a DataFrame is built: `extract` streams without it
    import pandas as pd

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


def dask_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``figures extract`` on Dask (#11): the options, kept apart from the others."""
    options = [
        click.option("--dask", is_flag=True, help="Extract on a local Dask cluster and write a "
                     "Parquet dataset (one file a partition) into the -o folder."),
        click.option("--scheduler", metavar="ADDRESS", help="Extract on the Dask cluster of "
                     "this scheduler (tcp://host:8786); implies --dask."),
        click.option("--workers", type=click.IntRange(1, 256), default=2, show_default=True,
                     help="Workers of the local Dask cluster (--dask)."),
        click.option("--partition-size", type=click.IntRange(1), default=200,
                     show_default=True, help="Documents a Dask partition holds."),
    ]
    return functools.reduce(lambda cmd, option: option(cmd), reversed(options), command)


def store_check_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``figures check --store`` (#11): check what a figures store holds."""
    options = [
        click.option("--store", "store_path", type=click.Path(dir_okay=False),
                     help="Check the figures of this store (figures add) instead of a corpus; "
                          "the findings are kept in the store."),
        click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
                     help="With --store: report only findings that involve documents added "
                          "on or after this date (YYYY-MM-DD)."),
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
    skip_collection_at_exit()


def skip_collection_at_exit() -> None:
    """Have the interpreter skip its last garbage collections when the process ends.

    At exit Python collects among every object still alive (the vocabulary's phrase
    tables, pydantic's schemas, the modules): about 35 ms a run, a tenth of a
    one-document ``figures extract``, to free memory the system takes back anyway.
    ``gc.freeze`` at exit moves them out of the collector's sight: what reference counts
    free is still freed as the interpreter ends, but an object kept alive only by a
    reference cycle is left to the system, its finalizer not run, so the commands close
    the files and stores they open themselves. Registered once per process (a test
    process invoking the command many times gets one).
    """
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "-f", "output_format", type=click.Choice(FORMATS),
              help="Output format (default: from the -o suffix, else jsonl).")
@click.option("--output", "-o", type=click.Path(allow_dash=True),
              help="Write here (.jsonl, .json, .csv, .md, .parquet) instead of standard "
                   "output ('-'); with --dask, a folder for the Parquet dataset.")
@dask_options
@corpus_options
def extract_command(paths: tuple[str, ...], output_format: str | None, output: str | None,
                    **options: Any) -> None:
    """Extract every figure of a corpus into a table.

    PATHS are folders of .txt/.md articles (with manifest.csv or front matter),
    CSV files or JSONL files.

    Example:

        figures extract ../shared/data/fa-kes/FA-KES-Dataset.csv -o figures.csv
    """
    if options.get("dask") or options.get("scheduler"):
        dask_extract(paths, output, options)
        return
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
    if fmt != "md":
        stream_extract(paths, fmt, output, options)
        return
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
    import pandas as pd

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
@store_check_options
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
    stored = stored_figures(paths, rule_set, options)  # --store, or a Parquet dataset
    if stored is None:
        paths, options = corpus_for_rules(paths, rule_set, options)
        stored = dataset_figures(paths, options)
    if stored is not None:
        table, read_report = stored
    else:
        corpus = load_corpus(paths, options)
        table, read_report = extract_table(corpus, options), corpus.report
    findings = keep_findings(check(table, rule_set), rule_paths, options)
    title = f"Figures report: {', '.join(rule_paths)}"
    pngs = timelines(table, findings, rule_set) if reports else {}
    for report, report_format in zip(reports, report_formats, strict=True):
        if report_format == "html":
            from figures.report.html import html_report

            text = html_report(findings, table, read_report, pngs, title=title,
                               fail_on=fail_on, rules=rule_set)
        else:
            links = write_timelines(report, pngs) if report != "-" else {}
            text = markdown_report(findings, table, read_report, links, fail_on=fail_on,
                                   title=title, rules=rule_set)
        write_or_echo(report, text)
    if json_path:
        write_or_echo(json_path, json_text(findings, read_report, fail_on, table, rule_set))
    if findings_path:
        rows = findings_table(findings, rule_set)
        if table_format == "parquet":
            write_output(findings_path, rows.to_parquet(index=False))
        else:
            write_or_echo(findings_path, rows.to_csv(index=False))
    if not options.get("quiet"):
        echo_results(findings, table, read_report, rule_set, fail_on)
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


def echo_results(findings: pd.DataFrame, table: pd.DataFrame, read_report: Any, rule_set: Any,
                 fail_on: str) -> None:
    """One line per rule on stderr (FAIL, WARN, pass, no data), then the summary's headline."""
    from figures.report.markdown import status_word
    from figures.report.summary import build_summary, plural

    summary = build_summary(findings, table, read_report, rule_set, fail_on)
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
    from figures.check import KeepOutVocab, select
    from figures.check.keepout import kept_out
    from figures.report import timeline_rules
    from figures.report.plot import timeline_png

    by_id = {rule.id: rule for rule in rule_set}
    patterns = KeepOutVocab.default().patterns()
    out = {}
    for rule_id in timeline_rules(findings):
        rule = by_id[rule_id].rule
        selected = select(table, rule)
        # the figures the rule compared: those it kept out (hedged, another period, off
        # their date) are listed in the findings, not drawn as if they were compared
        compared = selected[kept_out(selected, rule, patterns) == ""] if len(selected) \
            else selected
        out[rule_id] = timeline_png(compared, findings[findings["rule"] == rule_id],
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
    # A plot of an earlier run whose rule has no timeline now would sit beside the report
    # as if it were this run's: the folder is the report's own, so its stale PNGs go.
    if folder.is_dir():
        for stale in folder.glob("*.png"):
            if stale.stem not in pngs:
                with contextlib.suppress(OSError):
                    stale.unlink()
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
        figures explain examples --rules rules/examples.yaml --rule death-toll-rate
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



# -- streaming, the store, Parquet datasets and Dask (#11) ----------------------------------------


def stream_corpus_of(paths: tuple[str, ...], options: dict[str, Any]) -> Any:
    """The corpus as a document stream (``figures.read.stream``); errors come when read."""
    from figures.read.stream import stream_corpus

    return stream_corpus(list(paths), column_mapping(options),
                         day_first=options.get("day_first", False), reader=read_corpus)


def extract_config(options: dict[str, Any]) -> Any:
    """The ExtractConfig of the options (packaged vocabulary and --vocab desk files)."""
    from figures.table import ExtractConfig

    return ExtractConfig.default(vocab=tuple(options.get("vocab") or ()))


def streamed_documents(stream: Any, options: dict[str, Any]) -> Any:
    """The stream's documents, with progress on stderr when it is a terminal."""
    show = not options.get("quiet") and sys.stderr.isatty()
    for document in stream:
        yield document
        if show and stream.count % 25 == 0:
            click.echo(f"\rextracting figures: {stream.count} documents", err=True, nl=False)
    if show and stream.count >= 25:
        click.echo(f"\rextracting figures: {stream.count} documents", err=True)


def stream_extract(paths: tuple[str, ...], fmt: str, output: str | None,
                   options: dict[str, Any]) -> None:
    """Extract as a stream: documents in, records written as they are found (bounded memory).

    A file is written beside its name and renamed when complete, so a failed run
    leaves no half table under the name asked for."""
    from figures.store.writers import CsvWriter, JsonlWriter, ParquetWriter
    from figures.table import iter_figures

    target = Path(output) if output else None
    # short, so that a name the system refuses is refused when it is given (at the rename)
    partial = target.with_name(f".{target.name[:32]}.{os.getpid()}.partial") if target else None
    stream = stream_corpus_of(paths, options)
    handle: Any = None
    try:
        if fmt == "parquet":
            assert partial is not None
            writer: Any = ParquetWriter(str(partial))
        else:
            handle = partial.open("w", encoding="utf-8", newline="") if partial else sys.stdout
            writer = JsonlWriter(handle) if fmt == "jsonl" else CsvWriter(handle)
        for _, found in iter_figures(streamed_documents(stream, options),
                                     extract_config(options), jobs=options.get("jobs", 1)):
            if found:
                writer.write(found)
        writer.close()
        if handle is not None and handle is not sys.stdout:
            handle.close()
        if target and partial:
            partial.replace(target)
    except OSError as err:
        _discard(partial, handle)
        fail(f"cannot write {target or 'standard output'}: "
             f"{_write_problem(target, err) if target else err}")
    except BaseException:
        _discard(partial, handle)
        raise
    if not options.get("quiet"):
        click.echo(stream.report.summary(), err=True)
        if target:
            click.echo(f"wrote {writer.count} figures to {target}", err=True)


def _discard(partial: Path | None, handle: Any) -> None:
    if handle is not None and handle is not sys.stdout:
        handle.close()
    if partial is not None:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def dask_extract(paths: tuple[str, ...], output: str | None, options: dict[str, Any]) -> None:
    """``figures extract --dask/--scheduler``: a Parquet dataset, one file a partition."""
    if not output:
        fail("--dask writes a Parquet dataset: it needs a folder", hint="pass -o figures.parts/")
    check_output_folder(output)
    try:
        from figures import distributed
    except ImportError as err:
        fail(f"Dask is not available: {err}", hint="pip install 'figures[dask]'")
    stream = stream_corpus_of(paths, options)
    client: Any = None
    try:
        client = (distributed.connect(options["scheduler"]) if options.get("scheduler")
                  else distributed.local_client(options.get("workers", 2)))
        result = distributed.extract_dataset(streamed_documents(stream, options), output, client,
                                             extract_config(options),
                                             partition_size=options.get("partition_size", 200))
    except OSError as err:
        fail(f"cannot write {output}: {err.strerror or err}")
    finally:
        if client is not None:
            cluster = None if options.get("scheduler") else client.cluster
            client.close()
            if cluster is not None:
                cluster.close()
    if not options.get("quiet"):
        click.echo(stream.report.summary(), err=True)
        click.echo(f"wrote {result.figures} figures of {result.documents} documents to "
                   f"{output} ({result.partitions} partitions)", err=True)


class _Described:
    """A read report for figures that were not read from a corpus (a store, a dataset)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def summary(self) -> str:
        return self.text


def stored_figures(paths: tuple[str, ...], rule_set: Any, options: dict[str, Any]
                   ) -> tuple[pd.DataFrame, Any] | None:
    """With --store: the store's figures table and a line saying what it holds (and a
    warning when its figures were extracted with another desk vocabulary than --vocab and
    the rule files name); else None."""
    store_path = options.get("store_path")
    if options.get("since") and not store_path:
        fail("--since needs --store", hint="figures check --store desk.duckdb --since DATE ...")
    if not store_path:
        return None
    if paths:
        fail("--store checks what the store holds: name no corpus",
             hint=f"add the corpus first: figures add {' '.join(paths)} --store {store_path}")
    from figures.store import open_store

    named = (*(options.get("vocab") or ()),
             *(os.path.relpath(path) for path in rule_set.vocab_paths()))
    with open_store(store_path, write=False) as store:  # a StoreError ends it, status 2
        table = store.figures()
        warning = store.vocabulary_warning(named)
        described = _Described(f"{store.summary()}{' ' + warning if warning else ''}")
    if not options.get("quiet"):
        click.echo(described.summary(), err=True)
    return table, described


def dataset_figures(paths: tuple[str, ...], options: dict[str, Any]
                    ) -> tuple[pd.DataFrame, Any] | None:
    """When the corpus is Parquet figures datasets: their table (nothing to extract)."""
    from figures.store import is_dataset, read_figures

    datasets = [path for path in paths if is_dataset(path)]
    if not datasets:
        return None
    if len(datasets) != len(paths):
        fail("cannot mix Parquet figures datasets and texts in one corpus",
             hint="extract the texts into a dataset first, or check them separately")
    table = read_figures(list(paths))
    described = _Described(f"Figures dataset {', '.join(paths)}: {len(table)} figures of "
                           f"{table['doc'].nunique()} documents (not extracted again).")
    if not options.get("quiet"):
        click.echo(described.summary(), err=True)
    return table, described


def keep_findings(findings: pd.DataFrame, rule_paths: tuple[str, ...],
                  options: dict[str, Any]) -> pd.DataFrame:
    """With --store: narrow to --since, and keep this run's findings in the store."""
    store_path = options.get("store_path")
    if not store_path:
        return findings
    from figures.store import open_store

    since = options["since"].date() if options.get("since") else None
    with open_store(store_path, write=True) as store:
        if since is not None:
            findings = findings_since(findings, store.documents_since(since), since)
        store.save_findings(findings, rule_paths, since)
    return findings


def findings_since(findings: pd.DataFrame, recent: set[str], since: Any) -> pd.DataFrame:
    """Only the violations that involve a recent document; a rule left with none passes."""
    import pandas as pd

    involved = findings["figures"].map(
        lambda records: any(record.get("doc") in recent for record in records or ()))
    kept = findings[(findings["status"] != "fail") | involved]
    cleared = findings[~findings["rule"].isin(set(kept["rule"]))].drop_duplicates("rule")
    if len(cleared):
        cleared = cleared.assign(
            status="pass", failed=False, date=pd.NaT, outlet=None, group="",
            message=f"no violation involves a document added since {since}",
            figures=[[] for _ in range(len(cleared))])
    order = {rule: at for at, rule in enumerate(dict.fromkeys(findings["rule"]))}
    merged = pd.concat([kept, cleared]) if len(cleared) else kept
    return merged.sort_values("rule", key=lambda rules: rules.map(order),
                              kind="stable").reset_index(drop=True)


@main.command("add")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--store", "store_path", required=True, type=click.Path(dir_okay=False),
              help="The store (a DuckDB file; created when missing).")
@corpus_options
def add_command(paths: tuple[str, ...], store_path: str, **options: Any) -> None:
    """Add a corpus' new documents and their figures to a figures store.

    PATHS are read as for `figures extract` (or are Parquet figures datasets
    from `figures extract --dask`). Only documents whose text is not stored yet
    are extracted; a stored id with a changed text has its figures replaced.
    Everything happens in one transaction: interrupted, the store is as it was.
    A stored text extracted with another desk vocabulary (--vocab) is extracted
    again. Without PATHS, an out-of-date store is upgraded and the stored texts
    extracted with another vocabulary than --vocab's are extracted again.

    Example:

        figures add ../shared/data/fa-kes/FA-KES-Dataset.csv --store desk.duckdb
    """
    from figures.store import StoreError, is_dataset, open_store

    check_output_folder(store_path)
    datasets = [path for path in paths if is_dataset(path)]
    if datasets and len(datasets) != len(paths):
        fail("cannot mix Parquet figures datasets and texts in one add",
             hint="add them one after the other")
    try:
        with open_store(store_path, write=True) as store:
            if datasets:
                result = store.add_dataset(datasets)
            elif paths:
                stream = stream_corpus_of(paths, options)
                result = store.add(streamed_documents(stream, options), extract_config(options),
                                   jobs=options.get("jobs", 1))
            else:
                result = store.refresh(extract_config(options), jobs=options.get("jobs", 1))
            stored = store.summary()
    except StoreError:
        raise
    except FiguresError as err:
        raise InputError(f"{err} (nothing was added)") from err
    if not options.get("quiet"):
        if paths and not datasets:
            click.echo(stream.report.summary(), err=True)
        click.echo(f"{result.summary()}. {stored}", err=True)


if __name__ == "__main__":
    main()
