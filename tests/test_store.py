"""The desk's figures store, Parquet datasets and streamed output, as a user meets them.

Every corpus here is invented (outlets "Harbor Post", "Inland Wire"); the store
round trip is: add, add again, change a text, check, crash in the middle of an
add by killing the process, reopen.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from figures.cli import main
from figures.model import FIGURE_COLUMNS, Document
from figures.read import read_corpus
from figures.store import StoreError, is_store, open_store, read_figures
from figures.store.dataset import StoredDocument, partition_table, write_partition
from figures.store.schema import figure_columns_signature
from figures.table import extract, figure_records, iter_figures, to_jsonl

from .conftest import EXAMPLES

pytest_plugins = ["pytester"]

TEXTS = {
    "hp-1": ("Harbor Post", "2021-03-01",
             "At least 120 people were killed in the flooding, officials said on Monday."),
    "hp-2": ("Harbor Post", "2021-03-04",
             "The death toll rose to 150, and 2,000 people were displaced."),
    "iw-1": ("Inland Wire", "2021-03-05",
             "Rescuers said 90 people were killed and 40 injured."),
    "iw-2": ("Inland Wire", "2021-03-08", "No figures today, only a weather report."),
}

RULES = textwrap.dedent("""\
    rules:
      - id: toll-never-falls
        check: monotonic
        severity: error
        select: {metric: killed}
    """)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write_corpus(path: Path, texts: dict[str, tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        rows = csv.writer(handle)
        rows.writerow(["id", "outlet", "date", "text"])
        rows.writerows([doc_id, *fields] for doc_id, fields in texts.items())
    return path


def records(frame: pd.DataFrame) -> list[dict]:
    return figure_records(frame)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "desk.csv", TEXTS)


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def stored_records(store: Path) -> list[dict]:
    with open_store(store) as opened:
        return records(opened.figures())


def counts(store: Path) -> tuple[int, int]:
    with open_store(store) as opened:
        return opened.counts()


# -- the round trip ------------------------------------------------------------------------------

def test_add_stores_what_extract_finds(tmp_path: Path, corpus: Path) -> None:
    store = tmp_path / "desk.duckdb"
    result = run("add", str(corpus), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "4 document(s) added" in result.stderr
    expected = records(extract(read_corpus([corpus]).documents))
    assert expected, "the invented corpus has figures"
    assert stored_records(store) == expected
    assert is_store(store)


def test_adding_the_same_corpus_twice_changes_nothing(tmp_path: Path, corpus: Path) -> None:
    store = tmp_path / "desk.duckdb"
    run("add", str(corpus), "--store", str(store))
    before = stored_records(store), counts(store)
    result = run("add", str(corpus), "--store", str(store))
    assert result.exit_code == 0
    assert "0 document(s) added, 0 replaced (changed text), 4 already stored" in result.stderr
    assert (stored_records(store), counts(store)) == before


def test_a_changed_text_replaces_its_old_figures(tmp_path: Path, corpus: Path) -> None:
    store = tmp_path / "desk.duckdb"
    run("add", str(corpus), "--store", str(store))
    changed = dict(TEXTS, **{"hp-2": ("Harbor Post", "2021-03-04",
                                      "The death toll rose to 175 by the evening.")})
    result = run("add", str(write_corpus(tmp_path / "v2.csv", changed)), "--store", str(store))
    assert "0 document(s) added, 1 replaced (changed text), 3 already stored" in result.stderr
    texts = [record["text"] for record in stored_records(store) if record["doc"] == "hp-2"]
    assert texts == ["175"]
    assert counts(store)[0] == 4


def test_check_reads_the_store_and_keeps_its_findings(tmp_path: Path, corpus: Path,
                                                      rules: Path) -> None:
    store = tmp_path / "desk.duckdb"
    run("add", str(corpus), "--store", str(store))
    from_store = run("check", "--store", str(store), "--rules", str(rules), "--json", "-", "-q")
    from_corpus = run("check", str(corpus), "--rules", str(rules), "--json", "-", "-q")
    assert from_store.exit_code == from_corpus.exit_code
    assert json.loads(from_store.stdout)["findings"] == json.loads(from_corpus.stdout)["findings"]
    run("check", "--store", str(store), "--rules", str(rules), "-q")
    with duckdb.connect(str(store), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM runs").fetchall()[0][0] == 2
        assert db.execute("SELECT DISTINCT rule FROM findings").fetchall() == [
            ("toll-never-falls",)]


def test_since_reports_only_findings_about_new_documents(tmp_path: Path, rules: Path) -> None:
    store = tmp_path / "desk.duckdb"
    falling = {"a": ("Harbor Post", "2021-03-01", "At least 300 people were killed."),
               "b": ("Harbor Post", "2021-03-09", "In all, 200 people were killed.")}
    run("add", str(write_corpus(tmp_path / "c.csv", falling)), "--store", str(store))
    today = run("check", "--store", str(store), "--rules", str(rules), "--since",
                date.today().isoformat(), "--json", "-", "-q")
    assert today.exit_code == 1
    assert json.loads(today.stdout)["summary"]["violations"] == 1
    later = run("check", "--store", str(store), "--rules", str(rules), "--since", "2999-01-01",
                "--json", "-", "-q")
    assert later.exit_code == 0
    summary = json.loads(later.stdout)["summary"]
    assert (summary["violations"], summary["passed"]) == (0, 1)


CRASH = """
import os, signal, sys
import figures.store.database as database
from figures.read import read_corpus
from figures.store import open_store
database.INSERT_BATCH = 2  # write to the store between documents, before the kill

def documents():
    for number, document in enumerate(read_corpus([sys.argv[2]]).documents):
        if number == 3:
            os.kill(os.getpid(), signal.SIGKILL)  # like kill -9 from outside, mid-transaction
        yield document

with open_store(sys.argv[1], write=True) as store:
    store.add(documents())
"""


def test_a_killed_add_leaves_the_store_as_it_was(tmp_path: Path, corpus: Path) -> None:
    store = tmp_path / "desk.duckdb"
    first = {"old": ("Inland Wire", "2021-02-01", "Officials said 12 people were injured.")}
    run("add", str(write_corpus(tmp_path / "first.csv", first)), "--store", str(store))
    before = stored_records(store), counts(store)
    killed = subprocess.run([sys.executable, "-c", CRASH, str(store), str(corpus)],
                            capture_output=True, text=True)
    assert killed.returncode == -9, killed.stderr
    assert (stored_records(store), counts(store)) == before  # reopened: nothing of the add
    result = run("add", str(corpus), "--store", str(store))
    assert "4 document(s) added" in result.stderr
    assert counts(store)[0] == 5


# -- the schema is versioned ---------------------------------------------------------------------

def test_a_store_from_a_newer_figures_is_refused(tmp_path: Path, corpus: Path,
                                                 rules: Path) -> None:
    store = tmp_path / "desk.duckdb"
    run("add", str(corpus), "--store", str(store))
    with duckdb.connect(str(store)) as db:
        db.execute("UPDATE schema_version SET version = 99")
    for args in (["check", "--store", str(store), "--rules", str(rules)],
                 ["add", str(corpus), "--store", str(store)]):
        result = run(*args)
        assert result.exit_code == 2
        assert "written by a newer figures (store version 99" in result.stderr


def test_an_older_store_is_refused_by_check_and_upgraded_by_add(
        tmp_path: Path, corpus: Path, rules: Path) -> None:
    store = tmp_path / "desk.duckdb"
    run("add", str(corpus), "--store", str(store))
    expected = stored_records(store)
    dropped = FIGURE_COLUMNS[-1]  # as if the store predates the model's newest column
    old = json.dumps([pair for pair in json.loads(figure_columns_signature())
                      if pair[0] != dropped])
    with duckdb.connect(str(store)) as db:
        db.execute(f'ALTER TABLE figures DROP COLUMN "{dropped}"')
        db.execute("UPDATE schema_version SET figure_columns = ?", [old])
    refused = run("check", "--store", str(store), "--rules", str(rules))
    assert refused.exit_code == 2
    assert "out of date" in refused.stderr and "figures add --store" in refused.stderr
    upgraded = run("add", "--store", str(store))
    assert upgraded.exit_code == 0, upgraded.output
    assert f"new columns {dropped}" in upgraded.stderr
    assert stored_records(store) == expected


@pytest.mark.parametrize("content", [b"", b"not a database at all\n"])
def test_a_file_that_is_no_store_is_an_input_error(tmp_path: Path, rules: Path,
                                                   content: bytes) -> None:
    path = tmp_path / "x.duckdb"
    path.write_bytes(content)
    result = run("check", "--store", str(path), "--rules", str(rules))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: ")


def test_a_missing_store_is_an_input_error(tmp_path: Path, rules: Path) -> None:
    result = run("check", "--store", str(tmp_path / "none.duckdb"), "--rules", str(rules))
    assert result.exit_code == 2 and "no such store" in result.stderr


def test_store_errors_are_figures_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "none.duckdb")


# -- Parquet datasets in and out -----------------------------------------------------------------

def write_dataset(folder: Path, documents: list[Document], parts: int = 2) -> Path:
    folder.mkdir()
    found = list(iter_figures(documents))
    size = -(-len(found) // parts)
    for index in range(parts):
        chunk = found[index * size:(index + 1) * size]
        table = partition_table([StoredDocument.of(document) for document, _ in chunk],
                                [figure for _, figures in chunk for figure in figures])
        write_partition(folder, index, table)
    return folder


def test_a_dataset_reads_back_as_the_figures_table(tmp_path: Path, corpus: Path) -> None:
    documents = read_corpus([corpus]).documents
    folder = write_dataset(tmp_path / "parts", documents)
    assert sorted(path.name for path in folder.iterdir()) == ["part-00000.parquet",
                                                             "part-00001.parquet"]
    table = read_figures([folder])
    expected = extract(documents)
    assert list(table.columns) == list(FIGURE_COLUMNS)
    assert records(table) == records(expected)
    assert table["published"].dtype == expected["published"].dtype


def test_check_and_add_take_a_dataset(tmp_path: Path, corpus: Path, rules: Path) -> None:
    folder = write_dataset(tmp_path / "parts", read_corpus([corpus]).documents)
    from_dataset = run("check", str(folder), "--rules", str(rules), "--json", "-", "-q")
    from_corpus = run("check", str(corpus), "--rules", str(rules), "--json", "-", "-q")
    assert json.loads(from_dataset.stdout)["findings"] == json.loads(
        from_corpus.stdout)["findings"]
    store = tmp_path / "desk.duckdb"
    result = run("add", str(folder), "--store", str(store))
    assert "4 document(s) added" in result.stderr
    assert counts(store)[0] == 4  # iw-2 has no figures, and is stored all the same
    assert run("add", str(corpus), "--store", str(store)).stderr.count("4 already stored") == 1


def test_a_parquet_file_without_figures_columns_is_an_input_error(tmp_path: Path,
                                                                  rules: Path) -> None:
    path = tmp_path / "other.parquet"
    pd.DataFrame({"a": [1]}).to_parquet(path)
    result = run("check", str(path), "--rules", str(rules))
    assert result.exit_code == 2
    assert f"{path}: not a figures table: no column doc" in result.stderr


# -- streamed output -----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_streamed_output_is_the_rendered_table(tmp_path: Path, fmt: str) -> None:
    table = extract(read_corpus([EXAMPLES]).documents)
    rendered = to_jsonl(table) if fmt == "jsonl" else table.to_csv(index=False,
                                                                   date_format="%Y-%m-%d")
    out = tmp_path / f"figures.{fmt}"
    assert run("extract", str(EXAMPLES), "-o", str(out), "-q").exit_code == 0
    assert out.read_text(encoding="utf-8") == rendered
    assert [path.name for path in tmp_path.iterdir()] == [out.name], "no partial file left"


def test_streamed_parquet_is_the_figures_table(tmp_path: Path) -> None:
    out = tmp_path / "figures.parquet"
    assert run("extract", str(EXAMPLES), "-o", str(out), "-q").exit_code == 0
    assert records(read_figures([out])) == records(extract(read_corpus([EXAMPLES]).documents))


def test_a_failed_extract_leaves_no_output(tmp_path: Path) -> None:
    out = tmp_path / "figures.jsonl"
    result = run("extract", str(EXAMPLES), str(tmp_path / "missing.csv"), "-o", str(out))
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_extract_imports_neither_pandas_nor_the_rule_models(tmp_path: Path) -> None:
    code = ("import sys\nfrom figures.cli import main\n"
            f"try:\n    main(['extract', {str(EXAMPLES)!r}, '-q', '-o', "
            f"{str(tmp_path / 'x.jsonl')!r}])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'matplotlib', 'duckdb', 'dask', "
            "'figures.rules', 'figures.check') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    assert shown.stdout.strip() == "[]"


def test_jobs_give_the_same_figures_in_the_same_order() -> None:
    documents = read_corpus([EXAMPLES]).documents
    assert records(extract(documents, jobs=2)) == records(extract(documents))


# -- the pytest plugin checks a store ------------------------------------------------------------

def test_the_pytest_plugin_checks_a_store(pytester: pytest.Pytester) -> None:
    from .test_pytest_plugin import RULES as PLUGIN_RULES
    from .test_pytest_plugin import run as run_pytest
    from .test_pytest_plugin import write_corpus as write_plugin_corpus

    write_plugin_corpus(pytester, "corpus")
    added = run("add", str(pytester.path / "corpus"), "--store", str(pytester.path / "d.duckdb"))
    assert added.exit_code == 0, added.output
    pytester.makefile(".toml", pyproject='[tool.figures]\nstore = "d.duckdb"\n')
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "checks.yaml").write_text(PLUGIN_RULES, encoding="utf-8")
    result = run_pytest(pytester, "-rA")
    result.assert_outcomes(passed=2, failed=1, skipped=1, warnings=1)
    result.stdout.fnmatch_lines(["*Store *d.duckdb: 3 documents, * figures. Checked without*"])


def test_the_pytest_plugin_says_the_store_was_extracted_with_another_vocabulary(
        pytester: pytest.Pytester) -> None:
    corpus = write_corpus(pytester.path / "desk.csv", TEXTS)
    vocab = pytester.path / "desk.yaml"
    vocab.write_text("claimants:\n  Valley Rescue: [rescuers]\n", encoding="utf-8")
    added = run("add", str(corpus), "--store", str(pytester.path / "d.duckdb"),
                "--vocab", str(vocab))
    assert added.exit_code == 0, added.output
    pytester.makefile(".toml", pyproject='[tool.figures]\nstore = "d.duckdb"\n')
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "checks.yaml").write_text(RULES, encoding="utf-8")
    # in a subprocess: an in-process run after another would import numpy's C parts twice
    result = pytester.runpytest_subprocess("-rA")
    result.stdout.fnmatch_lines(["*Warning: 4 stored document(s) were extracted with another "
                                 "vocabulary (4 with desk.yaml (*"])


def test_the_pytest_plugin_names_a_missing_store(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", pyproject='[tool.figures]\nstore = "gone.duckdb"\n')
    (pytester.path / "rules").mkdir()
    (pytester.path / "rules" / "checks.yaml").write_text(
        "rules:\n  - id: toll\n    check: monotonic\n    select: {metric: killed}\n",
        encoding="utf-8")
    # in a subprocess: an in-process run after another would import numpy's C parts twice
    result = pytester.runpytest_subprocess()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*figures: store not found: gone.duckdb. Create it with "
                                 "`figures add CORPUS --store FILE`*"])


def test_a_figures_parquet_file_added_twice_is_found_stored(tmp_path: Path,
                                                            corpus: Path) -> None:
    """A file of `figures extract -o x.parquet` lists no documents or texts: each
    document's figures stand for its text, so a second add changes nothing."""
    out = tmp_path / "figures.parquet"
    assert run("extract", str(corpus), "-o", str(out), "-q").exit_code == 0
    store = tmp_path / "desk.duckdb"
    first = run("add", str(out), "--store", str(store))
    assert "3 document(s) added, 0 replaced" in first.stderr  # iw-2 states no figure
    again = run("add", str(out), "--store", str(store))
    assert "0 document(s) added, 0 replaced (changed text), 3 already stored" in again.stderr


# -- near-copies: one wire story in two outlets is one source in the store too ------------------

WIRE = ("Rescue teams searching the flooded valley said on Tuesday that at least 140 people "
        "had been killed since the river burst its banks, and that 3,000 more had been moved "
        "to schools and sports halls on higher ground while the water kept rising through the "
        "night and roads to the north stayed closed to all but military trucks carrying food.")
COPIED = {
    "hp-1": ("Harbor Post", "2021-03-02", WIRE),
    "iw-1": ("Inland Wire", "2021-03-02",
             WIRE.replace("Tuesday", "Tuesday,") + " The agency's reporter saw the damage."),
    "iw-2": ("Inland Wire", "2021-03-09", "Officials said 160 people were killed in the flood."),
}


def test_the_store_finds_near_copies_as_the_corpus_does(tmp_path: Path, rules: Path) -> None:
    corpus = write_corpus(tmp_path / "wire.csv", COPIED)
    store = tmp_path / "desk.duckdb"
    added = run("add", str(corpus), "--store", str(store))
    assert added.exit_code == 0, added.output
    expected = records(extract(read_corpus([corpus])))
    assert {record["story"] for record in expected if record["doc"] != "iw-2"} == {"hp-1"}
    assert stored_records(store) == expected
    from_store = run("check", "--store", str(store), "--rules", str(rules), "--json", "-")
    from_corpus = run("check", str(corpus), "--rules", str(rules), "--json", "-", "-q")
    assert json.loads(from_store.stdout)["findings"] == json.loads(from_corpus.stdout)["findings"]
    assert "2 of the documents are near-copies of 1 story" in from_store.stderr


def test_a_version_1_store_gets_its_signatures_when_upgraded(tmp_path: Path,
                                                             rules: Path) -> None:
    corpus = write_corpus(tmp_path / "wire.csv", COPIED)
    store = tmp_path / "desk.duckdb"
    run("add", str(corpus), "--store", str(store))
    expected = stored_records(store)
    with duckdb.connect(str(store)) as db:  # as figures before near-copies wrote it
        db.execute("ALTER TABLE documents DROP COLUMN signature")
        db.execute("ALTER TABLE documents DROP COLUMN vocab")
        db.execute("UPDATE schema_version SET version = 1")
    refused = run("check", "--store", str(store), "--rules", str(rules))
    assert refused.exit_code == 2
    assert "store version 1" in refused.stderr and "figures add --store" in refused.stderr
    upgraded = run("add", "--store", str(store))
    assert upgraded.exit_code == 0, upgraded.output
    assert "store version 1 to 2: near-copy signatures of 3 stored text(s)" in upgraded.stderr
    assert stored_records(store) == expected
    with duckdb.connect(str(store), read_only=True) as db:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(2,)]


# -- the vocabulary the stored figures were made with ------------------------------------------

def test_figures_whose_vocabulary_is_not_recorded_are_named_and_extracted_again(
        tmp_path: Path, corpus: Path, rules: Path) -> None:
    vocab = tmp_path / "flood.yaml"
    vocab.write_text("claimants:\n  Valley Rescue: [rescuers]\n", encoding="utf-8")
    store = tmp_path / "desk.duckdb"
    assert run("add", str(corpus), "--store", str(store)).exit_code == 0
    with duckdb.connect(str(store)) as db:  # as a store upgraded from version 1 leaves them
        db.execute("UPDATE documents SET vocab = NULL")
    quiet = run("check", "--store", str(store), "--rules", str(rules))
    assert "another vocabulary" not in quiet.stderr  # no desk file named: nothing to doubt
    named = run("check", "--store", str(store), "--rules", str(rules), "--vocab", str(vocab))
    assert ("Warning: 4 stored document(s) were extracted with another vocabulary "
            "(4 not recorded) than this check names (flood.yaml (") in named.stderr
    again = run("add", "--store", str(store), "--vocab", str(vocab))
    assert "4 extracted again (another vocabulary)" in again.stderr, again.output
    assert "another vocabulary" not in run("check", "--store", str(store), "--rules", str(rules),
                                           "--vocab", str(vocab)).stderr
    assert {record["claimant"] for record in stored_records(store)
            if record["doc"] == "iw-1"} == {"Valley Rescue"}


def test_a_datasets_figures_without_a_recorded_vocabulary_are_said_to_stay(
        tmp_path: Path, corpus: Path, rules: Path) -> None:
    """Documents from a Parquet dataset have no stored text: the warning counts them, and
    says the command it names leaves them as they are."""
    vocab = tmp_path / "flood.yaml"
    vocab.write_text("claimants:\n  Valley Rescue: [rescuers]\n", encoding="utf-8")
    folder = write_dataset(tmp_path / "parts", read_corpus([corpus]).documents)
    store = tmp_path / "desk.duckdb"
    assert run("add", str(folder), "--store", str(store)).exit_code == 0
    named = run("check", "--store", str(store), "--rules", str(rules), "--vocab", str(vocab))
    assert "(4 not recorded)" in named.stderr
    assert "again (4 from a dataset, without a stored text, keep the figures it gave)." \
        in named.stderr
    run("add", "--store", str(store), "--vocab", str(vocab))
    assert "4 not recorded" in run("check", "--store", str(store), "--rules", str(rules),
                                   "--vocab", str(vocab)).stderr


def test_a_check_says_when_the_store_was_extracted_with_another_vocabulary(
        tmp_path: Path, corpus: Path, rules: Path) -> None:
    vocab = tmp_path / "flood.yaml"
    vocab.write_text("claimants:\n  Valley Rescue: [rescuers]\n", encoding="utf-8")
    store = tmp_path / "desk.duckdb"
    assert run("add", str(corpus), "--store", str(store), "--vocab", str(vocab)).exit_code == 0
    claimed = {record["claimant"] for record in stored_records(store) if record["doc"] == "iw-1"}
    assert claimed == {"Valley Rescue"}
    same = run("check", "--store", str(store), "--rules", str(rules), "--vocab", str(vocab))
    assert "another vocabulary" not in same.stderr
    other = run("check", "--store", str(store), "--rules", str(rules))
    assert ("Warning: 4 stored document(s) were extracted with another vocabulary (4 with "
            "flood.yaml (") in other.stderr
    assert "than this check names (the packaged vocabulary alone)" in other.stderr
    again = run("add", "--store", str(store))  # no corpus: the stored texts, packaged vocabulary
    assert "4 extracted again (another vocabulary)" in again.stderr, again.output
    assert run("check", "--store", str(store), "--rules", str(rules)).stderr.count(
        "another vocabulary") == 0
    assert stored_records(store) == records(extract(read_corpus([corpus])))
    readded = run("add", str(corpus), "--store", str(store), "--vocab", str(vocab))
    assert "0 document(s) added, 0 replaced (changed text), 4 extracted again" in readded.stderr
    assert {record["claimant"] for record in stored_records(store)
            if record["doc"] == "iw-1"} == {"Valley Rescue"}


def test_a_text_extracted_again_with_another_vocabulary_keeps_when_it_was_added(
        tmp_path: Path, corpus: Path) -> None:
    vocab = tmp_path / "flood.yaml"
    vocab.write_text("claimants:\n  Valley Rescue: [rescuers]\n", encoding="utf-8")
    store = tmp_path / "desk.duckdb"
    assert run("add", str(corpus), "--store", str(store)).exit_code == 0
    with duckdb.connect(str(store)) as db:  # as if added long ago
        db.execute("UPDATE documents SET added = TIMESTAMP '2001-01-01 00:00:00'")
    again = run("add", "--store", str(store), "--vocab", str(vocab))
    assert "4 extracted again (another vocabulary)" in again.stderr, again.output
    with duckdb.connect(str(store), read_only=True) as db:
        assert db.execute("SELECT DISTINCT CAST(added AS DATE) FROM documents").fetchall() == [
            (date(2001, 1, 1),)]
    with open_store(store) as opened:  # so `check --since` does not take it for new
        assert opened.documents_since(date(2002, 1, 1)) == set()


def test_a_copy_extracted_again_still_names_its_story(tmp_path: Path) -> None:
    vocab = tmp_path / "flood.yaml"
    vocab.write_text("claimants:\n  Valley Rescue: [rescuers]\n", encoding="utf-8")
    corpus = write_corpus(tmp_path / "wire.csv", COPIED)
    store = tmp_path / "desk.duckdb"
    assert run("add", str(corpus), "--store", str(store), "--vocab", str(vocab)).exit_code == 0
    with duckdb.connect(str(store)) as db:  # the story's first copy made with other files
        db.execute("UPDATE documents SET vocab = '[]' WHERE id = 'hp-1'")
    again = run("add", str(corpus), "--store", str(store), "--vocab", str(vocab))
    assert "1 extracted again (another vocabulary)" in again.stderr, again.output
    assert {record["story"] for record in stored_records(store)
            if record["doc"] != "iw-2"} == {"hp-1"}


def test_a_check_on_a_store_refuses_a_missing_vocabulary_file_as_on_a_corpus(
        tmp_path: Path, corpus: Path) -> None:
    store = tmp_path / "desk.duckdb"
    assert run("add", str(corpus), "--store", str(store)).exit_code == 0
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"corpus:\n  paths: [{corpus}]\n  vocab: [missing.yaml]\nrules:\n"
                     "  - id: r\n    check: range\n    max: 10\n", encoding="utf-8")
    refused = run("check", "--store", str(store), "--rules", str(rules))
    assert refused.exit_code == 2, refused.output
    assert "missing.yaml" in refused.stderr and "cannot read file" in refused.stderr
