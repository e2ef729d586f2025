"""The shape of the package: stages import only the stages before them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "figures"

#: Modules any stage may use: records, errors, the YAML and vocabulary loaders.
SHARED = {"figures", "figures.errors", "figures.model", "figures.yamlfile", "figures.vocab"}
#: The pipeline in order; a stage may import the stages before it (and its own helpers).
STAGES = ["read", "extract", "place", "table", "rules", "check", "render"]
#: Helper modules belong to the stage named here.
HELPERS = {
    "read_dates": "read", "read_tables": "read", "read_report": "read",
    "numbers": "extract",
    "sentences": "place", "dates": "place", "context": "place", "metric": "place",
    "cumulative": "place",
    "rule_errors": "rules",
    "selection": "check", "evidence": "check", "checks_time": "check", "checks_scope": "check",
    "plot": "render",
}
#: Orchestrators may import everything.
ORCHESTRATORS = {"cli", "pytest_plugin", "pytest_report", "__main__", "__init__"}


def stage_of(module: str) -> str:
    return HELPERS.get(module, module)


def imported_figures_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("figures"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("figures"))
    return found


MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ORCHESTRATORS)


@pytest.mark.parametrize("module", MODULES)
def test_stage_imports_only_earlier_stages(module: str) -> None:
    own = stage_of(module)
    allowed = set(SHARED)
    if own in STAGES:
        earlier = STAGES[: STAGES.index(own) + 1]
        allowed |= {f"figures.{m}" for m in HELPERS if HELPERS[m] in earlier}
        allowed |= {f"figures.{stage}" for stage in earlier}
    else:
        assert f"figures.{module}" in SHARED, f"{module}.py is neither a stage nor shared"
    wrong = imported_figures_modules(PACKAGE / f"{module}.py") - allowed
    assert not wrong, f"figures/{module}.py imports later stages: {sorted(wrong)}"


def test_only_one_module_touches_quantulum3() -> None:
    users = [p.name for p in PACKAGE.glob("*.py") if "quantulum3" in p.read_text(encoding="utf-8")
             and "import" in p.read_text(encoding="utf-8")]
    touching = [name for name in users
                if any(line.lstrip().startswith(("import quantulum3", "from quantulum3"))
                       for line in (PACKAGE / name).read_text(encoding="utf-8").splitlines())]
    assert len(touching) <= 1, f"quantulum3 is imported in {touching}"
