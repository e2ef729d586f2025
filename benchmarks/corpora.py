"""Where the benchmark corpora are, and how to read the gold documents' texts.

Benchmarks read ../shared in place (never copied into the project).
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FIGURES_SHARED", ROOT.parent / "shared")).resolve()
SEEDS = SHARED / "data" / "seeds"
FAKES_CSV = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"
GOLD = SHARED / "gold"
SCORER = SHARED / "tools" / "score_mentions.py"


def fakes_rows() -> list[dict[str, str]]:
    """All rows of the FA-KES CSV, in file order."""
    csv.field_size_limit(sys.maxsize)
    with FAKES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def gold_texts() -> dict[str, dict[str, str]]:
    """{gold file stem: {doc id: text}} for the seeds and the FA-KES dev split.

    ``row`` in fakes-dev-docs.csv counts data rows from 0 (as pandas does).
    """
    seeds = {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
    rows = fakes_rows()
    with (GOLD / "fakes-dev-docs.csv").open(encoding="utf-8", newline="") as handle:
        dev = {line["unit_id"]: rows[int(line["row"])]["article_content"]
               for line in csv.DictReader(handle)}
    return {"seeds": seeds, "fakes-dev": dev}
