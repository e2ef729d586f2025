"""Place each quantity in the world: what it measures, who says so, where and when.

``place(document, quantities, vocab)`` turns the extractor's Quantity spans into
Figure records (GUIDELINES.md): the metric and counted noun, whether the figure
is a running total, and the context a checker groups by (sentence, actor, place,
claimant, the date it refers to, the start of the period it covers).

How a figure's metric is decided, in order:

1. its unit: money, durations and ages, distances, shares;
2. its counted noun when that is a thing ("a dozen jets", "21 strikes", "two bases");
3. for counts of people (or of nothing named), what happened to them: the event
   word right after the noun ("17 people were killed"), right before the figure
   ("killed at least 11"), the figure it is part of ("including five children"),
   then the nearest event word further off in the sentence (not past a
   relative clause, nor past another figure that is not joined to this one);
4. otherwise troops, people or other, by the noun.

The metric and noun are read by ``figures.place.metric``, running totals by
``figures.place.cumulative``; who is quoted, who did it and where by
``figures.place.context`` (beyond the sentence: ``figures.place.attributions``).

Sentences are split once per document; every other look is bounded to a window
of the figure's sentence (``sentences.WINDOW`` characters either side), so the
work grows with the number of figures, not with the length of a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from figures.model import METRICS, Document, Figure, Quantity
from figures.place.attributions import Attributions
from figures.place.context import REACH, Stretch, actor, claimant, place_name
from figures.place.cumulative import carries_on, hedge, is_cumulative, share_hedges
from figures.place.dates import DateMention, date_pattern, day_word, find_dates, refers_to
from figures.place.desk import DeskVocab
from figures.place.gazetteer import gazetteer, gazetteer_key
from figures.place.metric import metric_and_noun
from figures.place.sentences import (
    WINDOW,
    Hit,
    PhraseTable,
    Words,
    phrase_key,
    sentence_at,
    sentence_spans,
    window,
    words,
)
from figures.vocab import collector_paused, load_vocab
from figures.vocab.cache import cached, code_of


class GazetteerSettings(BaseModel):
    """Which of the gazetteer package's places are places (``figures.place.gazetteer``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    city_population_at_least: int
    not_places: list[str]


class PlaceVocab(BaseModel):
    """The words place() reads (figures/vocab/place.yaml): metric cues, nouns, names, dates.

    The phrase tables and the date pattern are built once, when the vocabulary
    is loaded, and kept as private attributes of the (frozen) model.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    events: dict[str, list[str]]
    nouns: dict[str, list[str]]
    duration_nouns: list[str]
    noun_spellings: dict[str, str]
    plurals: dict[str, str]
    noun_phrase_stops: list[str]
    fillers_after: list[str]
    fillers_before: list[str]
    part_cues: list[str]
    claimant_roles: list[str]
    qualified_roles: list[str]
    role_modifiers: list[str]
    source_nouns: list[str]
    name_titles: list[str]
    pronoun_speakers: list[str]
    cumulative_cues: list[str]
    brought_to_cues: list[str]
    running_total_cues: list[str]
    increment_cues: list[str]
    war_words: list[str]
    not_war: list[str]
    war_total_at_least: float
    hedges: list[str]
    claim_verbs: list[str]
    claimants: dict[str, list[str]]
    actors: dict[str, list[str]]
    attack_words: list[str]
    places: dict[str, list[str]]
    countries: dict[str, list[str]]
    world_name: str
    world_words: list[str]
    name_after_place: list[str]
    country_of_body_after: list[str]
    compared_with_place: list[str]
    country_of_actor_after: list[str]
    country_of_body_before: list[str]
    gazetteer: GazetteerSettings
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    months: dict[str, int]

    @field_validator("events", "nouns")
    @classmethod
    def _known_metrics(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(value) - set(METRICS))
        if unknown:
            raise ValueError(f"not a metric: {', '.join(unknown)} (figures.model.METRICS)")
        return value

    @model_validator(mode="after")
    def _one_class_a_noun(self) -> PlaceVocab:
        seen: dict[str, str] = {}
        for metric, nouns in self.nouns.items():
            for noun in nouns:
                other = seen.setdefault(noun.lower(), metric)
                if other != metric:
                    raise ValueError(f"noun {noun!r} is listed under both {other} and {metric}")
        if not all(0 <= day <= 6 for day in self.weekdays.values()):
            raise ValueError("weekdays run from 0 (Monday) to 6 (Sunday)")
        if not all(1 <= month <= 12 for month in self.months.values()):
            raise ValueError("months run from 1 to 12")
        return self

    def extended(self, *desks: DeskVocab) -> PlaceVocab:
        """This vocabulary with desk vocabularies merged on (``figures.place.desk``).

        Names gain the desk's aliases, word lists its words; a noun the desk files
        under a metric moves to that metric.
        """
        data = self.model_dump()
        for desk in desks:
            for field, value in desk.model_dump(exclude_defaults=True).items():
                if field == "not_places":
                    data["gazetteer"]["not_places"] += value
                elif field == "nouns":
                    moved = {noun.lower() for nouns in value.values() for noun in nouns}
                    for metric, nouns in data["nouns"].items():
                        data["nouns"][metric] = [n for n in nouns if n.lower() not in moved]
                    _merge_lists(data["nouns"], value)
                elif isinstance(value, dict):
                    _merge_lists(data[field], value)
                else:
                    data[field] = data[field] + [word for word in value
                                                 if word not in data[field]]
        return PlaceVocab.model_validate(data)

    def _phrase_entries(self) -> list[tuple[str, str, str]]:
        """(kind, value, phrase) of every phrase looked for in a figure's window."""
        entries = [("event", metric, word) for metric, cues in self.events.items()
                   for word in cues]
        entries += [("claim", word, word) for word in self.claim_verbs]
        entries += [("cumulative", cue, cue) for cue in self.cumulative_cues]
        entries += [("brought", cue, cue) for cue in self.brought_to_cues]
        entries += [("total", cue, cue) for cue in self.running_total_cues]
        entries += [("increment", cue, cue) for cue in self.increment_cues]
        entries += [("war", word, word) for word in self.war_words]
        entries += [("attack", word, word) for word in self.attack_words]
        entries += [("part", cue, cue) for cue in self.part_cues]
        entries += [("hedge", cue, cue) for cue in self.hedges]
        entries += [("weekday", str(day), name) for name, day in self.weekdays.items()]
        entries += [("relative", str(days), name) for name, days in self.relative_days.items()]
        places = self._gazetteer_entries()
        for kind, names in (("claimant", self.claimants), ("actor", self.actors),
                            ("place", self.places), ("country", self.countries)):
            places += [(kind, name, alias) for name, aliases in names.items()
                       for alias in aliases]
        # An initialism is also written with dots: "C.D.C." is CDC, "W.H.O." WHO.
        places += [(kind, name, ".".join(alias) + ".") for kind, name, alias in places
                   if _INITIALISM.fullmatch(alias)]
        # "Gaza's", "Illinois's": a possessive is one word of the text.
        entries += places + [(kind, name, _possessive(alias)) for kind, name, alias in places
                             if not alias.endswith("s")]
        return entries

    def _gazetteer_entries(self) -> list[tuple[str, str, str]]:
        """The places of the gazetteer package, less the words that are seldom places."""
        world = gazetteer(self.gazetteer.city_population_at_least)
        skip = set(self.gazetteer.not_places) | set(self.places) | set(self.countries)
        entries = [(kind, name, name) for kind, names in (("country", world.countries),
                                                           ("place", world.regions),
                                                           ("place", world.cities))
                   for name in names if name not in skip]
        # Other names of a country and its people stay when the vocabulary lists the
        # country itself (its short forms), unless the word is no place in this story.
        not_places = set(self.gazetteer.not_places)
        entries += [("country", name, other) for name, other in world.country_names
                    if other not in not_places]
        entries += [("nationals", name, people) for name, people in world.nationals
                    if people not in not_places]
        return entries + [("world", self.world_name, word) for word in self.world_words]

    # Derived tables are cached_property, not PrivateAttr: a private attribute is read
    # through BaseModel.__getattr__ (slow on the hot path); a cached property is built
    # once, on first use, and then read from the instance like a plain attribute.

    @cached_property
    def phrases(self) -> PhraseTable:
        """Every phrase kind in one table.

        Built once, then read from the disk cache (``figures.vocab.cache``): some 14,000
        phrases, most of them the gazetteer's, take 20-30 ms a process to turn into the
        table, and reading it back about 8. The entry is keyed by this vocabulary
        (a desk's merged on is another key), what the gazetteer's names are made from,
        and the source of the code that makes the table from them.
        """
        key = [*code_of(__name__, PhraseTable.__module__), self.model_dump_json().encode(),
               *gazetteer_key(self.gazetteer.city_population_at_least)]
        with collector_paused():
            parts = cached("phrases", key, lambda: PhraseTable.build(self._phrase_entries())
                           .parts(), PhraseTable.are_parts)
        return PhraseTable(*parts)

    @cached_property
    def name_after_place_set(self) -> frozenset[str]:
        """The first words of ``name_after_place``, as written."""
        return frozenset(key[0] for key in map(phrase_key, self.name_after_place) if key)

    @cached_property
    def country_of_actor_after_set(self) -> frozenset[str]:
        """Lower-case words after a country that make it the actor's (see place.yaml):
        ``country_of_actor_after``, the attack words, the nouns of troops and aircraft,
        each also with a plural "s"."""
        words = [*self.country_of_actor_after, *self.attack_words,
                 *self.nouns.get("troops", []), *self.nouns.get("aircraft", [])]
        keys = [key[0].lower() for key in map(phrase_key, words) if key]
        return frozenset(keys + [key + "s" for key in keys])

    @cached_property
    def compared_with_place_keys(self) -> frozenset[tuple[str, ...]]:
        """``compared_with_place`` as lower-case word tuples."""
        return _lower_keys(self.compared_with_place)

    @cached_property
    def compared_with_place_ends(self) -> frozenset[str]:
        """The last words of ``compared_with_place_keys``."""
        return frozenset(key[-1] for key in self.compared_with_place_keys if key)

    @cached_property
    def country_of_body_after_set(self) -> frozenset[str]:
        """``country_of_body_after`` in lower case."""
        return frozenset(word.lower() for word in self.country_of_body_after)

    @cached_property
    def country_of_body_before_keys(self) -> frozenset[tuple[str, ...]]:
        """``country_of_body_before`` as lower-case word tuples."""
        return _lower_keys(self.country_of_body_before)

    @cached_property
    def claimant_role_set(self) -> frozenset[str]:
        """The role words a speaker's own words may end in, as a set."""
        return frozenset(word.lower() for word in self.claimant_roles)

    @cached_property
    def qualified_role_set(self) -> frozenset[str]:
        """Roles whose place the document may say elsewhere, as a set."""
        return frozenset(word.lower() for word in self.qualified_roles)

    @cached_property
    def role_modifier_set(self) -> frozenset[str]:
        """Words before a role that say what kind, not whose, as a set."""
        return frozenset(word.lower() for word in self.role_modifiers)

    @cached_property
    def claimant_alias(self) -> dict[str, str]:
        """Every way of writing a known claimant (words, lower case) -> its name."""
        table = {" ".join(w.lower() for w in phrase_key(alias)): name
                 for name, aliases in self.claimants.items() for alias in aliases}
        table.update({" ".join(w.lower() for w in phrase_key(name)): name
                      for name in self.claimants})
        return table

    @cached_property
    def source_noun_set(self) -> frozenset[str]:
        """Words of a data source ("figures", "survey"), as a set."""
        return frozenset(word.lower() for word in self.source_nouns)

    @cached_property
    def name_title_set(self) -> frozenset[str]:
        """Titles dropped from a person's name, as a set."""
        return frozenset(word.lower() for word in self.name_titles)

    @cached_property
    def pronoun_set(self) -> frozenset[str]:
        """Speakers that name nobody by themselves ("he", "it"), as a set."""
        return frozenset(word.lower() for word in self.pronoun_speakers)

    # The word lists below are matched as written (not lower-cased), as sets.

    @cached_property
    def duration_nouns_set(self) -> frozenset[str]:
        """``duration_nouns`` as a set."""
        return frozenset(self.duration_nouns)

    @cached_property
    def fillers_after_set(self) -> frozenset[str]:
        """``fillers_after`` as a set."""
        return frozenset(self.fillers_after)

    @cached_property
    def fillers_before_set(self) -> frozenset[str]:
        """``fillers_before`` as a set."""
        return frozenset(self.fillers_before)

    @cached_property
    def claimant_roles_set(self) -> frozenset[str]:
        """``claimant_roles`` as a set (``claimant_role_set`` is their lower case)."""
        return frozenset(self.claimant_roles)

    @cached_property
    def not_war_set(self) -> frozenset[str]:
        """``not_war`` as a set."""
        return frozenset(self.not_war)

    @cached_property
    def noun_phrase_stop_set(self) -> frozenset[str]:
        """The words that end a noun phrase, as a set."""
        return frozenset(word.lower() for word in self.noun_phrase_stops)

    @cached_property
    def noun_metric(self) -> dict[tuple[str, ...], str]:
        """Counted noun (lower-case singular word tuple) -> metric."""
        return {tuple(w.lower() for w in phrase_key(noun)): metric
                for metric, nouns in self.nouns.items() for noun in nouns}

    @cached_property
    def date_pattern(self) -> re.Pattern[str]:
        """The pattern of stated dates with this vocabulary's month names."""
        return date_pattern(self.months)


def _lower_keys(phrases: list[str]) -> frozenset[tuple[str, ...]]:
    """Phrases as the lower-case word tuples ``Words.lower`` is compared with."""
    return frozenset(tuple(word.lower() for word in phrase_key(phrase)) for phrase in phrases)


# An initialism of two to six capitals: "CDC", "UNHCR" (not "UNs", "U.N.").
_INITIALISM = re.compile(r"[A-Z]{2,6}")


def _opens_a_period(found: Words) -> bool:
    """Whether a running total's past date is where its period starts: a word that opens
    one ("since", "began"), or a total told in the present perfect, which counts up to
    now ("the conflict, rooted in an uprising in March 2011, has claimed 250,000"); not
    "2.8 million died in 2018"."""
    return not _PERIOD_WORDS.isdisjoint(found.lower)


# Words that make a running total's past date the start of its period.
_PERIOD_WORDS = frozenset({"since", "began", "begun", "begin", "beginning", "start", "started",
                           "erupted", "broke", "outbreak", "onset", "has", "have"})


def load_place_vocab() -> PlaceVocab:
    """The packaged place vocabulary (figures/vocab/place.yaml)."""
    return load_vocab("place.yaml", PlaceVocab)


def _merge_lists(into: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    """Add ``more``'s words to ``into``, key by key, keeping order and no repeats."""
    for key, words_ in more.items():
        known = into.setdefault(key, [])
        known += [word for word in words_ if word not in known]


def _possessive(phrase: str) -> str:
    """The phrase with its last word possessive: "Gaza" -> "Gaza's"."""
    return phrase + "'s"


@dataclass(slots=True)
class _Reading:
    """What place() reads around figures of one sentence: words, phrases, dates.

    Not frozen, though never changed: ``near`` builds one a figure, and a frozen
    dataclass sets each field through ``object.__setattr__`` (3x slower).
    """

    start: int
    end: int
    sentence: tuple[int, int]
    words: Words
    hits: list[Hit]
    dates: list[DateMention]
    hit_firsts: list[int]
    date_starts: list[int]
    #: Every phrase of the stretch read, for who is quoted (``context.claimant``).
    whole: Stretch
    #: The end of the sentence, when the stretch read stops short of it.
    tail: Stretch | None
    #: The sentence text of the figures read here, white space collapsed, by span: the
    #: figures of one sentence share it.
    collapsed: dict[tuple[int, int], str]
    #: The event words among ``hits``, and the same by their first word (``metric``).
    events: list[Hit]
    event_starts: dict[int, Hit]

    def near(self, quantity: Quantity) -> _Reading:
        """The same reading with only the phrases and dates within reach of ``quantity``."""
        first = self.words.last_before(quantity.start) - REACH
        stop = self.words.first_after(quantity.end) + REACH
        hits = slice(bisect_left(self.hit_firsts, first), bisect_left(self.hit_firsts, stop))
        dates = slice(bisect_left(self.date_starts, quantity.start - WINDOW),
                      bisect_right(self.date_starts, quantity.end + WINDOW))
        near = self.hits[hits]
        events = [hit for hit in near if hit.kind == "event"]
        # The constructor, not dataclasses.replace: replace() inspects the fields on every
        # call, and this runs once a figure.
        return _Reading(self.start, self.end, self.sentence, self.words, near,
                        self.dates[dates], self.hit_firsts[hits], self.date_starts[dates],
                        self.whole, self.tail, self.collapsed, events,
                        {hit.first: hit for hit in events})


def place(document: Document, quantities: list[Quantity], vocab: PlaceVocab) -> list[Figure]:
    """One Figure per Quantity of ``document``, in the same order.

    Parameters
    ----------
    document:
        The article the quantities were found in; its text, outlet and
        publication date (the anchor of "on Wednesday", "yesterday").
    quantities:
        Spans found in ``document.text`` by the extractor.
    vocab:
        The loaded place vocabulary (``load_place_vocab()``).
    """
    if not quantities:
        return []  # nothing to place: the sentences need not be found
    text = document.text
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    order = sorted(range(len(quantities)), key=lambda i: quantities[i].start)
    bounds = sorted((q.start, q.end) for q in quantities)
    placed: dict[int, Figure] = {}
    reading: _Reading | None = None
    prior: Figure | None = None
    attributions = Attributions.of(text, vocab)
    for index in order:
        quantity = quantities[index]
        sentence = sentence_at(spans, starts, quantity.start)
        reading = _reading_for(text, sentence, quantity, reading, vocab, document.published)
        previous = prior if prior is not None and sentence[0] <= prior.start else None
        continues = attributions.continued(spans, starts, sentence, prior)
        placed[index] = prior = _place_one(document, quantity, reading.near(quantity), bounds,
                                           previous, prior, attributions.settle, continues, vocab)
    shared = share_hedges(text, [placed[index] for index in order])
    placed.update(zip(order, shared, strict=True))
    return [placed[index] for index in range(len(quantities))]


def _reading_for(text: str, sentence: tuple[int, int], quantity: Quantity,
                 reading: _Reading | None, vocab: PlaceVocab,
                 published: date | None) -> _Reading:
    """The reading of ``quantity``'s sentence: the last one again when it covers it.

    A sentence up to three windows long is read whole, once for all its figures;
    a longer one is read in stretches of six windows, each serving the figures
    whose window it covers.
    """
    if sentence[1] - sentence[0] <= 3 * WINDOW:
        start, end = sentence
    else:
        start, end = window(sentence, quantity.start, quantity.end)
    if reading is not None and reading.start <= start and end <= reading.end:
        return reading
    end = min(sentence[1], max(end, start + 6 * WINDOW))  # read ahead for the next figures
    found = words(text, start, end)
    hits = vocab.phrases.find(found)
    dates = find_dates(text, start, end, vocab.date_pattern, vocab.months, published)
    if published is not None:
        dates += [day_word(text, found.starts[hit.first], found.ends[hit.stop - 1], hit.kind,
                           int(hit.value), published)
                  for hit in hits if hit.kind in ("weekday", "relative")]
        dates.sort(key=lambda mention: mention.start)
    tail = None
    if end < sentence[1]:  # who the sentence's closing words quote ("..., X said.")
        closing = words(text, max(end, sentence[1] - _TAIL), sentence[1])
        tail = Stretch(closing, vocab.phrases.find(closing), len(closing.lower))
    whole = Stretch(found, hits, len(found.lower) if end == sentence[1] else len(found.lower) + 1)
    events = [hit for hit in hits if hit.kind == "event"]
    return _Reading(start, end, sentence, found, hits, dates, [hit.first for hit in hits],
                    [mention.start for mention in dates], whole, tail, {}, events,
                    {hit.first: hit for hit in events})


#: Characters at the end of a long sentence read for a closing attribution.
_TAIL = 200


def _place_one(document: Document, quantity: Quantity, reading: _Reading,
               bounds: list[tuple[int, int]], previous: Figure | None, prior: Figure | None,
               settle: Callable[[int, str | None, str | None], str | None],
               continues: str | None, vocab: PlaceVocab) -> Figure:
    """The Figure of one quantity, read in ``reading``.

    ``previous`` is the figure placed before it in its sentence, ``prior`` the one
    placed before it at all; ``settle`` (``Attributions.settle``) decides its claimant
    from what its sentence says and ``continues`` (who the sentence before quotes).
    """
    text = document.text
    first = reading.words.first_after(quantity.end)
    metric, noun, noun_end = metric_and_noun(text, quantity, reading, first, bounds,
                                             previous, vocab)
    cumulative = is_cumulative(metric, quantity, reading, first, vocab)
    as_of, period_start = refers_to(quantity.start, quantity.end, reading.dates,
                                    document.published)
    if cumulative and as_of and document.published and (document.published - as_of).days > 31 \
            and (period_start is not None or _opens_a_period(reading.words)):
        # A running total counts up to publication: "killed since the conflict
        # began in March 2011" names where its period starts, not its date; "2.8
        # million died in 2018" keeps its year.
        period_start, as_of = period_start or as_of, document.published
    if not (cumulative or metric == "duration"):
        period_start = None
    # Continuing a running total told before makes it one, but not its period.
    cumulative = cumulative or carries_on(text, metric, quantity, reading, prior)
    lo, hi = reading.sentence
    if hi - lo > 3 * WINDOW:
        lo, hi = window(reading.sentence, quantity.start, quantity.end)
    sentence = reading.collapsed.get((lo, hi))
    if sentence is None:
        sentence = reading.collapsed[lo, hi] = " ".join(text[lo:hi].split())
    return Figure(
        doc=document.id, start=quantity.start, end=quantity.end, text=quantity.text,
        value=quantity.value, low=quantity.low, high=quantity.high,
        qualifier=quantity.qualifier, unit=quantity.unit, metric=metric, noun=noun,
        cumulative=cumulative, sentence=sentence,
        actor=actor(reading.words, reading.hits, quantity.start, noun_end),
        place=place_name(reading.words, reading.hits, quantity.start, vocab),
        claimant=settle(quantity.start, claimant(text, quantity.start, quantity.end,
                                                 reading.whole, vocab, reading.tail), continues),
        as_of=as_of, period_start=period_start,
        hedge=hedge(quantity, reading, vocab),
        outlet=document.outlet, published=document.published,
    )
