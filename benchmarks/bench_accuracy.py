"""Accuracy of figures and of quantulum3 alone against ../shared/gold, side by side.

    .venv/bin/python benchmarks/bench_accuracy.py

Runs both extractors over the gold documents (the seeds and the FA-KES dev
split), writes their JSONL to a temporary folder and scores each with
../shared/tools/score_mentions.py (the project's contract).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from corpora import GOLD, SCORER, gold_texts
from quantulum_baseline import quantulum_records

from figures.model import Document
from figures.table import ExtractConfig, extract, to_jsonl


def score(gold: Path, predicted: Path) -> dict:
    """The scorer's JSON result for one prediction file."""
    done = subprocess.run([sys.executable, str(SCORER), str(gold), str(predicted), "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    config = ExtractConfig.default()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, texts in gold_texts().items():
            ours, theirs = Path(tmp, f"{name}-figures.jsonl"), Path(tmp, f"{name}-q3.jsonl")
            documents = [Document(id=doc, text=text, source=doc) for doc, text in texts.items()]
            ours.write_text(to_jsonl(extract(documents, config)), encoding="utf-8")
            theirs.write_text("".join(json.dumps(record) + "\n" for doc, text in texts.items()
                                      for record in quantulum_records(doc, text)),
                              encoding="utf-8")
            for system, path in (("figures", ours), ("quantulum3", theirs)):
                result = score(GOLD / f"{name}.jsonl", path)
                rows.append((name, system, result))
    print(f"{'gold':10} {'system':11} {'det F1':>7} {'value F1':>8} {'core F1':>8} "
          f"{'qualifier':>9} {'unit':>6} {'metric':>6}")
    for name, system, result in rows:
        print(f"{name:10} {system:11} {result['detection']['f1']:7.3f} "
              f"{result['value']['f1']:8.3f} {result['core']['f1']:8.3f} "
              f"{result['qualifier_accuracy']:9.3f} {result['unit_accuracy']:6.3f} "
              f"{result['metric_accuracy']:6.3f}")


if __name__ == "__main__":
    main()
