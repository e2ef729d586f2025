"""Load the packaged vocabulary files (figures/vocab/*.yaml) into pydantic models.

Vocabulary is data: number words, qualifiers, metric cues live in YAML next to
this module. Each stage defines the model of its own file and loads it once,
through ``load_vocab``, then passes the model in; nothing is cached here.
"""

from __future__ import annotations

from importlib import resources
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from figures.errors import VocabularyError
from figures.yamlfile import YamlProblem, load_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_vocab(filename: str, model: type[ModelT]) -> ModelT:
    """Read ``figures/vocab/<filename>`` and validate it as ``model``."""
    resource = resources.files("figures") / "vocab" / filename
    try:
        document = load_yaml(f"figures/vocab/{filename}", resource.read_text(encoding="utf-8"))
    except (OSError, YamlProblem) as err:
        raise VocabularyError(str(err)) from err
    try:
        return model.model_validate(document.data)
    except ValidationError as err:
        problems = []
        for error in err.errors():
            loc = tuple(error["loc"])
            line = document.line_of(loc)
            field = ".".join(str(part) for part in loc)
            problems.append(f"{document.path}:{line}: {field}: {error['msg']}")
        raise VocabularyError("\n".join(problems)) from err
