"""Accuracy against ../shared/gold with floors: a regression fails CI.

The floors are the issue's bars; the measured numbers are in benchmarks/README.md.
The records go through the same JSONL the CLI writes, scored by the shared scorer.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from figures.model import Document
from figures.table import extract, to_jsonl

from .conftest import GOLD, SHARED

RECOVERY_CSV = SHARED / "data" / "recovery" / "recovery-reliable.csv"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_mentions",
                                                  SHARED / "tools" / "score_mentions.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scored(gold_file: Path, table, tmp_path: Path) -> dict:
    scorer = load_scorer()
    predicted = tmp_path / "predicted.jsonl"
    predicted.write_text(to_jsonl(table), encoding="utf-8")
    return scorer.score(scorer.load(gold_file), scorer.load(predicted))


def test_gold_documents_have_the_texts_we_read(fakes_corpus) -> None:
    """The dev split's offsets point into the texts the reader keeps for those ids."""
    texts = {document.id: document.text for document in fakes_corpus.documents}
    gold = [json.loads(line) for line in (GOLD / "fakes-dev.jsonl").open(encoding="utf-8")]
    mismatched = [g for g in gold if texts[g["doc"]][g["start"]:g["end"]] != g["text"]]
    assert not mismatched


def test_seeds_accuracy(shared, seeds_table, tmp_path) -> None:
    """Measured (this commit): value F1 1.000, core 1.000, metric 1.000, cumulative 1.000."""
    result = scored(GOLD / "seeds.jsonl", seeds_table, tmp_path)
    assert result["value"]["f1"] >= 0.99, result
    assert result["core"]["f1"] >= 0.99, result
    assert result["metric_accuracy"] >= 0.97, result  # one miss of 42 is 0.976
    assert result["cumulative_accuracy"] >= 0.97, result


def test_fakes_dev_accuracy(shared, fakes_table, tmp_path) -> None:
    with (GOLD / "fakes-dev-docs.csv").open(encoding="utf-8", newline="") as handle:
        dev = {row["unit_id"] for row in csv.DictReader(handle)}
    result = scored(GOLD / "fakes-dev.jsonl", fakes_table[fakes_table["doc"].isin(dev)], tmp_path)
    # Measured (this commit): value F1 0.998, core 0.992, metric 0.988, cumulative 0.991.
    assert result["value"]["f1"] >= 0.99, result
    assert result["core"]["f1"] >= 0.99, result
    assert result["qualifier_accuracy"] >= 0.95, result
    assert result["metric_accuracy"] >= 0.98, result
    assert result["cumulative_accuracy"] >= 0.98, result


@pytest.fixture(scope="module")
def recovery_dev_table(shared):
    """The 25 ReCOVery dev articles (COVID-19 news, another story), extracted."""
    with (GOLD / "recovery-dev-docs.csv").open(encoding="utf-8", newline="") as handle:
        wanted = {row["id"] for row in csv.DictReader(handle)}
    csv.field_size_limit(10**8)
    documents = []
    with RECOVERY_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["id"] in wanted:
                documents.append(Document(row["id"], row["text"], "ReCOVery"))
    return extract(documents)


def test_recovery_dev_accuracy(recovery_dev_table, tmp_path) -> None:
    """Another story than the one figures was built on: floors just below today's measure.

    Measured (this commit): value F1 0.982, core 0.973, metric 0.976, claimant 0.980,
    cumulative 0.963 (the issue's bars: value 0.95, core, metric and claimant 0.90).
    """
    result = scored(GOLD / "recovery-dev.jsonl", recovery_dev_table, tmp_path)
    assert result["value"]["f1"] >= 0.97, result
    assert result["core"]["f1"] >= 0.96, result
    assert result["metric_accuracy"] >= 0.96, result
    assert result["claimant_accuracy"] >= 0.97, result
    assert result["cumulative_accuracy"] >= 0.95, result


@pytest.mark.parametrize("column", ["doc", "start", "end", "text", "value", "low", "high",
                                    "qualifier", "unit", "metric", "noun", "cumulative"])
def test_records_carry_every_gold_field(seeds_table, column) -> None:
    assert column in seeds_table.columns
