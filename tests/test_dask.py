"""Extraction on Dask: a local cluster gives the in-process figures, record for record."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from figures.read import read_corpus
from figures.store import read_figures
from figures.table import extract, figure_records

from .conftest import EXAMPLES, SEEDS

distributed = pytest.importorskip("distributed", reason="pip install 'figures[dask]'")


@pytest.fixture(scope="module")
def client():
    from figures.distributed import local_client

    # threads in this process: fast to start, and the same code path as worker processes
    client = local_client(2, processes=False)
    yield client
    cluster = client.cluster
    client.close()
    cluster.close()


@pytest.mark.parametrize("partition_size", [1, 3, 1000])
def test_dask_run_equals_the_in_process_run(tmp_path: Path, client, shared,
                                            partition_size: int) -> None:
    from figures.distributed import extract_dataset

    documents = read_corpus([EXAMPLES, SEEDS]).documents
    result = extract_dataset(documents, tmp_path / "parts", client,
                             partition_size=partition_size)
    assert result.partitions == -(-len(documents) // partition_size)
    assert len(list((tmp_path / "parts").glob("part-*.parquet"))) == result.partitions
    expected = figure_records(extract(documents))
    assert figure_records(read_figures([tmp_path / "parts"])) == expected
    assert result.figures == len(expected)


def test_a_folder_holding_a_dataset_is_not_overwritten(tmp_path: Path, client) -> None:
    from figures.distributed import extract_dataset
    from figures.errors import InputError

    documents = read_corpus([EXAMPLES]).documents
    extract_dataset(documents, tmp_path / "parts", client)
    with pytest.raises(InputError, match="already holds a dataset"):
        extract_dataset(documents, tmp_path / "parts", client)


def test_cli_dask_needs_an_output_folder() -> None:
    from click.testing import CliRunner

    from figures.cli import main

    result = CliRunner().invoke(main, ["extract", str(EXAMPLES), "--dask"])
    assert result.exit_code == 2
    assert "needs a folder" in result.stderr


def test_dask_is_not_imported_unless_asked(tmp_path: Path) -> None:
    code = ("import sys\nfrom figures.cli import main\n"
            f"try:\n    main(['extract', {str(EXAMPLES)!r}, '-q', '-o', "
            f"{str(tmp_path / 'x.jsonl')!r}])\nexcept SystemExit:\n    pass\n"
            "print('dask' in sys.modules, 'distributed' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    assert shown.stdout.strip() == "False False"
