"""The shape of the package: one folder a stage, and stages import only the stages before them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "figures"

#: Modules any stage may use: records, errors, the YAML and vocabulary loaders.
SHARED = {"figures", "figures.errors", "figures.model", "figures.yamldoc", "figures.yamlfile",
          "figures.vocab", "figures.vocab.cache"}
#: The pipeline in order, one subpackage (or, for the table, one module) a stage.
STAGES = ["read", "extract", "place", "table", "store", "distributed", "rules", "check", "report"]
#: Orchestrators may import everything; they are the only modules that write files.
ORCHESTRATORS = {"figures.cli", "figures.pytest_plugin", "figures.__main__", "figures.__init__"}


def module_name(path: Path) -> str:
    """``figures/check/time.py`` -> ``figures.check.time``; an ``__init__`` is its package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 2 else parts)


def stage_of(module: str) -> str | None:
    """The stage a module belongs to: the folder (or module) right under ``figures``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def imported_figures_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("figures"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("figures"))
    return found


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
CHECKED = sorted(name for name in MODULES if name not in ORCHESTRATORS)


def test_every_stage_has_its_folder() -> None:
    for stage in STAGES:
        folder, module = PACKAGE / stage, PACKAGE / f"{stage}.py"
        assert (folder / "__init__.py").is_file() or module.is_file(), f"no stage {stage}"
    assert (PACKAGE / "vocab" / "__init__.py").is_file(), "the vocabulary has its own folder"


@pytest.mark.parametrize("module", CHECKED)
def test_stage_imports_only_earlier_stages(module: str) -> None:
    own = stage_of(module)
    assert own is not None or module in SHARED, f"{module} is neither in a stage nor shared"
    earlier = STAGES[: STAGES.index(own) + 1] if own else []
    wrong = {imported for imported in imported_figures_modules(MODULES[module])
             if imported not in SHARED and stage_of(imported) not in earlier}
    assert not wrong, f"{module} imports later stages or orchestrators: {sorted(wrong)}"


def test_a_stage_module_never_imports_its_own_package() -> None:
    """Inside a stage, helpers import each other by module, never through the
    package ``__init__`` (which re-exports them and would import in a circle)."""
    for module, path in MODULES.items():
        own = stage_of(module)
        if own is None or module == f"figures.{own}":
            continue
        assert f"figures.{own}" not in imported_figures_modules(path), module


def test_only_one_module_touches_quantulum3() -> None:
    touching = [name for name, path in MODULES.items()
                if any(line.lstrip().startswith(("import quantulum3", "from quantulum3"))
                       for line in path.read_text(encoding="utf-8").splitlines())]
    assert len(touching) <= 1, f"quantulum3 is imported in {touching}"
