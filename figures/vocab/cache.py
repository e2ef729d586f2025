"""A disk cache of plain data parsed from vocabulary files, keyed by what it was made from.

Parsing the packaged YAML with ruamel.yaml's pure-Python loader, or the gazetteer's
17 MB city file, costs more than extracting the figures of a short article. The
result is plain data (dicts, lists, tuples, strings, numbers, dates), so it is
stored once with pickle and read back in about a millisecond.

Never stale: a cache file is named by a SHA-256 of everything the data was made
from, the source bytes (a vocabulary file, a data file), the source of the code
that parsed them, the figures version and the Python version. A changed file or
a changed parser is a new key, so an old entry is never read again.

Safe: a cache file is read with an unpickler that constructs no object other
than plain containers, numbers, strings and dates (``_PlainUnpickler``), so a
tampered file cannot run code. A cache file that cannot be read or is not what
was stored is ignored and rewritten; a cache folder that cannot be made or
written is skipped silently (the data is then parsed every time). Files are
written to a temporary name and renamed, so a reader never sees half a file.

Where: ``$FIGURES_CACHE_DIR``, else ``$XDG_CACHE_HOME/figures``, else
``~/.cache/figures``. ``FIGURES_CACHE_DIR=""`` turns the cache off.

Nothing is kept in memory here: callers that want one copy per process wrap
their pure loader in ``functools.lru_cache`` keyed by content.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import figures

T = TypeVar("T")

#: The classes a cache file may hold besides builtins containers and scalars.
_ALLOWED = frozenset({("datetime", "date"), ("datetime", "datetime"),
                      ("datetime", "timedelta"), ("datetime", "timezone")})


class _PlainUnpickler(pickle.Unpickler):
    """An unpickler that builds plain data only: no class, no function, no code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def cache_dir() -> Path | None:
    """The cache folder from the environment, or None when the cache is turned off."""
    chosen = os.environ.get("FIGURES_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "figures"


def cache_key(kind: str, sources: Iterable[bytes]) -> str:
    """Hex SHA-256 of ``kind``, the figures and Python versions and every source, in order."""
    digest = hashlib.sha256()
    for part in (kind.encode(), figures.__version__.encode(), sys.version.encode(), *sources):
        digest.update(len(part).to_bytes(8, "little"))  # lengths make the parts unambiguous
        digest.update(part)
    return digest.hexdigest()


def code_of(*modules: str) -> list[bytes]:
    """The source bytes of these modules (``__name__`` of each), a part of a cache key.

    A module not imported yet is found without importing it: a cache hit then never
    imports the code that would build the entry (``figures.yamlfile``'s ruamel.yaml).
    A module without a readable source file (a frozen build) counts by its name alone:
    the figures version in the key then tells its versions apart.
    """
    sources = []
    for name in modules:
        module = sys.modules.get(name)
        spec = importlib.util.find_spec(name) if module is None else None
        path = module.__file__ if module is not None else spec.origin if spec else None
        try:
            sources.append(Path(path or "").read_bytes())
        except OSError:
            sources.append(name.encode())
    return sources


def cached(kind: str, sources: Iterable[bytes], build: Callable[[], T],
           check: Callable[[Any], bool]) -> T:
    """``build()``'s plain data, from the cache when an entry for these sources exists.

    ``check`` says whether what a cache file holds has the shape ``build`` returns
    (anything else is a corrupt entry: rebuilt and rewritten). Errors of ``build``
    propagate and nothing is stored.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{kind}-{cache_key(kind, sources)}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        pass
    else:
        try:
            value = _PlainUnpickler(io.BytesIO(data)).load()
        except Exception:  # any unreadable entry is rebuilt, never an error
            pass
        else:
            if check(value):
                return value  # type: ignore[no-any-return]
    value = build()
    _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically; give up silently if the folder is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass
