"""Load vocabulary files into pydantic models: the packaged ones and a desk's own.

Vocabulary is data: number words, qualifiers, metric cues live in YAML next to
this module. Each stage defines the model of its own file and loads it once,
through ``load_vocab``, then passes the model in; nothing is cached here. A
desk's vocabulary file (``load_vocab_file``) is read the same way, and its
problems are the user's: ``path:line: field: message``, all of them at once.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from figures.errors import VocabularyError, VocabularyFileError
from figures.yamlfile import YamlDocument, YamlProblem, load_yaml

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
        raise VocabularyError("\n".join(problems(document, err))) from err


def load_vocab_file(path: str | Path, model: type[ModelT]) -> ModelT:
    """Read a user's vocabulary file and validate it as ``model``.

    Raises VocabularyFileError with every problem as ``path:line: field: message``.
    """
    try:
        document = load_yaml(path)
    except YamlProblem as err:
        raise VocabularyFileError([f"{err.path}:{err.line or 1}: -: {err.message}"]) from err
    data = {} if document.data is None else document.data
    if not isinstance(data, dict):
        raise VocabularyFileError([f"{document.path}:1: -: a vocabulary file is a mapping "
                                   f"(claimants:, places:, events: ...)"])
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise VocabularyFileError(problems(document, err)) from err


def problems(document: YamlDocument, err: ValidationError) -> list[str]:
    """pydantic's errors as ``path:line: field: message`` lines, in line order."""
    found = []
    for error in err.errors():
        loc = tuple(error["loc"])
        line = document.line_of(loc) or 1
        field = ".".join(str(part) for part in loc) or "-"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown key (a typo?)"
        found.append((line, f"{document.path}:{line}: {field}: {message}"))
    return [text for _, text in sorted(found)]
