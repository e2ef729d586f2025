"""Shared test fixtures: where ../shared is (the gold data and the real corpora)."""

from __future__ import annotations

import os
from pathlib import Path

import datasketch  # noqa: F401 - imported up front, see below
import pytest

# Some tests run pytest in this process (pytester.runpytest), which removes every module
# the inner run imported when it ends. numpy.fft (imported by scipy, which datasketch's
# near-copy search imports) cannot be loaded twice in one process, so a later test that
# imported it again failed with "cannot load module more than once per process" (exit 3,
# in whichever test ran next: with pytest -n, in any order). Imported here, before any
# inner run, it stays.

ROOT = Path(__file__).resolve().parents[1]
#: ../shared beside the repository (present for every developer and in CI);
#: FIGURES_SHARED overrides it.
SHARED = Path(os.environ.get("FIGURES_SHARED", ROOT.parent / "shared")).resolve()
SEEDS = SHARED / "data" / "seeds"
FAKES_CSV = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"
GOLD = SHARED / "gold"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; a clear error (not a skip) when it is missing."""
    if not (SHARED / "gold" / "GUIDELINES.md").is_file():
        pytest.fail(f"shared data not found at {SHARED}: clone beside ../shared "
                    "or set FIGURES_SHARED", pytrace=False)
    return SHARED


@pytest.fixture(scope="session")
def seeds_corpus(shared: Path):
    from figures.read import read_corpus

    return read_corpus([SEEDS])


@pytest.fixture(scope="session")
def seeds_table(seeds_corpus):
    from figures.table import extract

    return extract(seeds_corpus)


@pytest.fixture(scope="session")
def fakes_corpus(shared: Path):
    from figures.read import read_corpus

    return read_corpus([FAKES_CSV])


@pytest.fixture(scope="session")
def fakes_table(fakes_corpus):
    """The figures table of all of FA-KES (extracted once per test session)."""
    from figures.table import extract

    return extract(fakes_corpus)
