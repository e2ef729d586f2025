"""How a pytest run's rule results read in Markdown: the CI summary and each rule's evidence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from figures.report.escape import code_span, html_cell, markdown_cell, visible

if TYPE_CHECKING:
    import pandas as pd

#: Violations shown per rule in the Markdown summary and the warnings section: a CI
#: comment has a size limit, while the failure text and JUnit XML keep every one.
EVIDENCE_LIMIT = 10


@dataclass
class RuleResult:
    """One rule's outcome, gathered from test reports (so it also works under xdist)."""

    nodeid: str
    rule: str
    severity: str
    location: str
    outcome: str  # passed, failed, warned, skipped, error
    message: str = ""
    evidence: str = ""
    description: str = ""


def evidence_markdown(failed: pd.DataFrame, limit: int = EVIDENCE_LIMIT) -> str:
    """A rule's first failed findings with their evidence, in Markdown (CI summary, warnings)."""
    from figures.report.markdown import finding_blocks
    from figures.report.summary import mark_repeats

    if {"rule", "status", "failed", "figures"} <= set(failed.columns):
        failed = mark_repeats(failed)
        failed = failed[~failed["repeat"]]
    blocks = finding_blocks(failed.head(limit), markdown=True)
    if len(failed) > limit:
        blocks.append(f"… and {len(failed) - limit} more (all of them: `figures check --json "
                      "FILE` or `--findings FILE.csv`).")
    return "\n\n".join(blocks)


#: How each outcome reads in the summary table, and in its title's tally.
OUTCOME_WORDS = {"passed": "passed", "failed": "**failed**", "warned": "warning",
                 "skipped": "no data", "error": "**error**"}
TALLY_WORDS = {"passed": "passed", "failed": "failed", "warned": "warned",
               "skipped": "no data", "error": "broken rule files"}


def summary_markdown(results: Sequence[RuleResult]) -> str:
    """A short Markdown summary of a run's rule results, for a CI comment."""
    from tabulate import tabulate

    counts: dict[str, int] = {}
    for result in results:
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    tally = ", ".join(f"{counts[key]} {_one(TALLY_WORDS[key], counts[key])}"
                      for key in TALLY_WORDS if counts.get(key))
    lines = [f"## figures rules: {tally or 'none collected'}", ""]
    if not results:
        return "\n".join(lines)
    rows = [(result.rule or "(rule file)", result.severity, OUTCOME_WORDS[result.outcome],
             code_span(result.location), _cell(result.description), _cell(result.message))
            for result in results]
    lines.append(tabulate(rows, headers=["rule", "severity", "result", "where", "what it checks",
                                         "message"], tablefmt="github"))
    for result in results:
        if result.evidence:
            lines += ["", f"<details><summary>{result.rule}: evidence</summary>", "",
                      result.evidence, "", "</details>"]
        elif result.outcome == "error":
            fence = "`" * max(3, _longest_backtick_run(result.message) + 1)
            lines += ["", f"<details><summary>{html_cell(result.location)}: error</summary>",
                      "", fence, visible(result.message).replace("␊", "\n"), fence, "",
                      "</details>"]
    return "\n".join(lines) + "\n"


def _one(words: str, count: int) -> str:
    """"broken rule files" for many, "broken rule file" for one."""
    return words[:-1] if count == 1 and words.endswith("files") else words


def _cell(text: str) -> str:
    """The first line of ``text``, escaped for a Markdown table cell."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return markdown_cell(first)


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)
