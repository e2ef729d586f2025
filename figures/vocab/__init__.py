"""Load vocabulary files into pydantic models: the packaged ones and a desk's own.

Vocabulary is data: number words, qualifiers, metric cues live in YAML next to
this module. Each stage defines the model of its own file and loads it once,
through ``load_vocab``, then passes the model in. A desk's vocabulary file
(``load_vocab_file``) is read the same way, and its problems are the user's:
``path:line: field: message``, all of them at once.

The parsed YAML (plain data and lines) is kept in a disk cache keyed by the
file's text (``figures.vocab.cache``): ruamel.yaml's pure-Python parser runs once
per version of a file, never serving an old one. The model is validated from the
data every time (well under a millisecond), so a changed model is never stale.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from figures.errors import VocabularyError, VocabularyFileError
from figures.vocab.cache import cached, code_of
from figures.yamldoc import Loc, YamlDocument, YamlProblem

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_vocab(filename: str, model: type[ModelT]) -> ModelT:
    """Read ``figures/vocab/<filename>`` and validate it as ``model``."""
    resource = resources.files("figures") / "vocab" / filename
    try:
        document = cached_yaml(f"figures/vocab/{filename}", resource.read_text(encoding="utf-8"))
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
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            from figures.yamlfile import load_yaml

            document = load_yaml(path)  # raises the YamlProblem that names the trouble
        else:
            document = cached_yaml(str(path), text)
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


def cached_yaml(name: str, text: str) -> YamlDocument:
    """``load_yaml(name, text)``, the parse read from the disk cache when this text was
    parsed before (by this figures, this Python and this ``figures.yamlfile``).

    Raises YamlProblem like ``load_yaml``; a file with a problem is never cached.
    """
    def parse() -> tuple[Any, dict[Loc, int]]:
        from figures.yamlfile import load_yaml  # the parser (ruamel.yaml) only when needed

        document = load_yaml(name, text)
        return document.data, document.lines

    data, lines = cached("yaml", [*code_of("figures.yamlfile"), text.encode("utf-8")],
                         parse, _is_parse)
    return YamlDocument(name, data, lines)


def _is_parse(value: object) -> bool:
    """True when a cache entry has the shape ``cached_yaml`` stores: (data, lines)."""
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict)
            and all(isinstance(loc, tuple) and isinstance(line, int)
                    for loc, line in value[1].items()))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run a block with Python's cyclic garbage collector paused, then as it was.

    For building a vocabulary's derived tables (``PlaceVocab.phrases``): some 100,000
    tuples, lists and dicts that live as long as the vocabulary. Making that many
    containers triggers collection after collection, and each walks the objects made
    so far, imports included: 20-30 ms a process, as much as the building itself.
    Nothing built there is garbage, so pausing loses nothing. (Mercurial's ``util.nogc``
    does the same for its large containers.)
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
