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

Who is quoted, who did it and where are read by ``figures.context``.

Sentences are split once per document; every other look is bounded to a window
of the figure's sentence (``sentences.WINDOW`` characters either side), so the
work grows with the number of figures, not with the length of a sentence.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from figures.context import REACH, Stretch, actor, claimant, place_name
from figures.dates import DateMention, date_pattern, day_word, find_dates, refers_to
from figures.model import METRICS, Document, Figure, Quantity
from figures.sentences import (
    PHRASE_BREAK,
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
from figures.vocab import load_vocab

PEOPLE_EVENTS = ("killed", "injured", "displaced", "detained")
THING_METRICS = ("aircraft", "equipment", "strikes", "munitions", "targets", "buildings",
                 "other")
#: Metrics a running total can have (GUIDELINES: cumulative).
CUMULATIVE_METRICS = frozenset({*PEOPLE_EVENTS, "strikes", "munitions", "targets",
                                "buildings", "money"})
TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade"})
DISTANCE_UNITS = frozenset({"km", "m", "mile", "cm", "mm", "ft", "yard", "nmi"})

# An ISO currency code as the extractor writes units: USD, EUR, SYP.
_CURRENCY = re.compile(r"^[A-Z]{3}$")

# After a number of years: an age ("a 12-year-old boy", "28 years old").
_YEARS_OLD = re.compile(
    r"""
    ^ \s* -? \s*
    (?: years? \s* -? \s* )?      # the unit, when the surface stops before it
    old \b                        # "-old": an age, or the age of a thing ("five-year-old conflict")
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Before a figure: "aged 24", "age 12".
_AGED = re.compile(r"\b(?:aged|age|ages)(?:\s+(?:of|from|between|under|over))?\s*$",
                   re.IGNORECASE)
# A name, the figure, then "said": "Ahmed, 24, said" (an age).
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s*,?\s*$")
_SAID_AFTER = re.compile(r"^\s*,?\s*(?:said|says|told|added|explained|recalled|who)\b")


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
    cumulative_cues: list[str]
    war_words: list[str]
    not_war: list[str]
    war_total_at_least: float
    claim_verbs: list[str]
    claimants: dict[str, list[str]]
    actors: dict[str, list[str]]
    attack_words: list[str]
    places: dict[str, list[str]]
    countries: dict[str, list[str]]
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

    def _phrase_entries(self) -> list[tuple[str, str, str]]:
        """(kind, value, phrase) of every phrase looked for in a figure's window."""
        entries = [("event", metric, word) for metric, cues in self.events.items()
                   for word in cues]
        entries += [("claim", word, word) for word in self.claim_verbs]
        entries += [("cumulative", cue, cue) for cue in self.cumulative_cues]
        entries += [("war", word, word) for word in self.war_words]
        entries += [("attack", word, word) for word in self.attack_words]
        entries += [("part", cue, cue) for cue in self.part_cues]
        entries += [("weekday", str(day), name) for name, day in self.weekdays.items()]
        entries += [("relative", str(days), name) for name, days in self.relative_days.items()]
        for kind, names in (("claimant", self.claimants), ("actor", self.actors),
                            ("place", self.places), ("country", self.countries)):
            entries += [(kind, name, alias) for name, aliases in names.items()
                        for alias in aliases]
        return entries

    # Derived tables are cached_property, not PrivateAttr: a private attribute is read
    # through BaseModel.__getattr__ (slow on the hot path); a cached property is built
    # once, on first use, and then read from the instance like a plain attribute.

    @cached_property
    def phrases(self) -> PhraseTable:
        """Every phrase kind in one table."""
        return PhraseTable.build(self._phrase_entries())

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


def load_place_vocab() -> PlaceVocab:
    """The packaged place vocabulary (figures/vocab/place.yaml)."""
    return load_vocab("place.yaml", PlaceVocab)


@dataclass(frozen=True, slots=True)
class _Reading:
    """What place() reads around figures of one sentence: words, phrases, dates."""

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

    def near(self, quantity: Quantity) -> _Reading:
        """The same reading with only the phrases and dates within reach of ``quantity``."""
        first = self.words.last_before(quantity.start) - REACH
        stop = self.words.first_after(quantity.end) + REACH
        hits = slice(bisect_left(self.hit_firsts, first), bisect_left(self.hit_firsts, stop))
        dates = slice(bisect_left(self.date_starts, quantity.start - WINDOW),
                      bisect_right(self.date_starts, quantity.end + WINDOW))
        return dataclasses.replace(self, hits=self.hits[hits], dates=self.dates[dates],
                                   hit_firsts=self.hit_firsts[hits],
                                   date_starts=self.date_starts[dates])


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
    text = document.text
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    order = sorted(range(len(quantities)), key=lambda i: quantities[i].start)
    bounds = sorted((q.start, q.end) for q in quantities)
    placed: dict[int, Figure] = {}
    reading: _Reading | None = None
    prior: Figure | None = None
    for index in order:
        quantity = quantities[index]
        sentence = sentence_at(spans, starts, quantity.start)
        reading = _reading_for(text, sentence, quantity, reading, vocab, document.published)
        previous = prior if prior is not None and sentence[0] <= prior.start else None
        local = reading.near(quantity)
        figure = _place_one(document, quantity, local, bounds, previous, vocab)
        if not figure.cumulative and _carries_on(text, figure, local, prior):
            figure = dataclasses.replace(figure, cumulative=True)
        placed[index] = prior = figure
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
    return _Reading(start, end, sentence, found, hits, dates, [hit.first for hit in hits],
                    [mention.start for mention in dates], whole, tail)


#: Characters at the end of a long sentence read for a closing attribution.
_TAIL = 200


def _place_one(document: Document, quantity: Quantity, reading: _Reading,
               bounds: list[tuple[int, int]], previous: Figure | None,
               vocab: PlaceVocab) -> Figure:
    """The Figure of one quantity, read in ``reading``."""
    text = document.text
    first = reading.words.first_after(quantity.end)
    metric, noun, noun_end = _metric_and_noun(text, quantity, reading, first, bounds,
                                              previous, vocab)
    cumulative = _is_cumulative(metric, quantity, reading, first, vocab)
    as_of, period_start = refers_to(quantity.start, quantity.end, reading.dates,
                                    document.published)
    if cumulative and as_of and document.published and (document.published - as_of).days > 31:
        # A running total counts up to publication: "killed since the conflict
        # began in March 2011" names where its period starts, not its date.
        period_start, as_of = period_start or as_of, document.published
    if not (cumulative or metric == "duration"):
        period_start = None
    lo, hi = reading.sentence
    if hi - lo > 3 * WINDOW:
        lo, hi = window(reading.sentence, quantity.start, quantity.end)
    sentence = text[lo:hi]
    return Figure(
        doc=document.id, start=quantity.start, end=quantity.end, text=quantity.text,
        value=quantity.value, low=quantity.low, high=quantity.high,
        qualifier=quantity.qualifier, unit=quantity.unit, metric=metric, noun=noun,
        cumulative=cumulative, sentence=" ".join(sentence.split()),
        actor=actor(reading.words, reading.hits, quantity.start, noun_end),
        place=place_name(reading.words, reading.hits, quantity.start),
        claimant=claimant(text, quantity.start, quantity.end, reading.whole, vocab, reading.tail),
        as_of=as_of, period_start=period_start,
        outlet=document.outlet, published=document.published,
    )


# --- metric and noun -------------------------------------------------------


def lemma(word: str, vocab: PlaceVocab) -> str:
    """The lower-case singular of a counted noun.

    >>> vocab = load_place_vocab()
    >>> [lemma(w, vocab) for w in ("People", "children", "casualties", "jets", "bus")]
    ['person', 'child', 'casualty', 'jet', 'bus']
    """
    low = word.lower().replace("'", "")
    if low in vocab.plurals:
        return vocab.plurals[low]
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def _metric_and_noun(text: str, quantity: Quantity, reading: _Reading, first: int,
                     bounds: list[tuple[int, int]], previous: Figure | None,
                     vocab: PlaceVocab) -> tuple[str, str | None, int]:
    """(metric, noun, index of the first word after the noun phrase)."""
    unit = quantity.unit
    if _CURRENCY.match(unit):
        return "money", None, first
    if unit in TIME_UNITS:
        return _time_metric(text, quantity, reading, first, bounds, vocab)
    if unit in DISTANCE_UNITS:
        return "distance", _distance_noun(text, quantity, reading, first, vocab), first
    if unit == "count" and (_is_named_age(text, quantity, reading) or _AGED.search(
            text, max(0, quantity.start - 16), quantity.start)):
        return "age", "person", first  # "Ahmed, 24, said", "under the age of 18"
    if unit == "count" and _ONCE.search(quantity.text):
        return "other", "time", first
    noun, stop = _noun_phrase(text, quantity, reading, first, bounds, vocab)
    noun = _inherited_noun(noun, quantity, reading, previous, vocab)
    noun_class = vocab.noun_metric.get(tuple(noun.split())) if noun else None
    if noun and noun_class is None and "-" in noun:  # a model designation: "su-24"
        noun_class = vocab.noun_metric.get((noun.split("-")[0],))
    if unit == "percent":
        partial = text[quantity.end:quantity.end + 12].lstrip().startswith("of them")
        event = (_event(text, quantity, reading, stop, bounds, noun_class, previous, vocab)
                 if noun_class in ("people", "troops") or partial else None)
        return event or "share", noun, stop
    if unit != "count":
        return "other", noun, stop
    if noun_class in (*THING_METRICS, *PEOPLE_EVENTS):
        return noun_class, noun, stop
    if noun_class == "people" and noun in vocab.claimant_roles and _speaks(reading, stop):
        # Who speaks ("one witness said"), unless an event word stands right
        # before ("wounding dozens, opposition activists said").
        events = [hit for hit in reading.hits if hit.kind == "event"]
        before = reading.words.last_before(quantity.start)
        return _event_before(reading.words, events, before, vocab)[0] or "people", noun, stop
    event = _event(text, quantity, reading, stop, bounds, noun_class, previous, vocab,
                   noun is not None)
    if event:
        return event, noun or "person", stop
    if noun_class in ("troops", "people"):
        return noun_class, noun, stop
    return "other", noun, stop


def _speaks(reading: _Reading, index: int) -> bool:
    """Whether word ``index`` opens a speech verb ("said", "told"), not "according to"."""
    return any(hit.kind == "claim" and hit.first == index and hit.value != "according to"
               for hit in reading.hits)


def _noun_phrase(text: str, quantity: Quantity, reading: _Reading, first: int,
                 bounds: list[tuple[int, int]], vocab: PlaceVocab) -> tuple[str | None, int]:
    """The counted noun after a figure ("others" for a bare "others"), and where its phrase ends.

    "five of the dead", "three of its fighters": "of" and a determiner are
    skipped; "ground force of 5,451": the noun before "of" when none follows.
    """
    found = reading.words
    index = first
    if index < len(found.lower) and found.lower[index] in ("more", "additional", "further"):
        index += 1
    if index < len(found.lower) and found.lower[index] == "of":
        index += 1
        while index < min(first + 4, len(found.lower)) and found.lower[index] in _DETERMINERS:
            index += 1
    if index < len(found.lower) and found.lower[index] == "others":
        return "others", index + 1
    if index < len(found.lower) and found.lower[index] == "other":
        index += 1
    run, stop = _phrase_run(text, reading, index, quantity.end, bounds, vocab)
    noun = _head_noun(text, run, found, vocab)
    if noun is None:
        before = found.last_before(quantity.start)
        if before >= 1 and found.lower[before] == "of":
            owner = lemma(found.surface[before - 1], vocab)
            noun = owner if (owner,) in vocab.noun_metric else None
    return noun, stop


# Words skipped after "of" before a noun: "five of the dead", "three of its fighters".
_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "own", "these", "those"})
# "at least once", "twice": a count of times.
_ONCE = re.compile(r"\b(?:once|twice|thrice)\b", re.IGNORECASE)


def _phrase_run(text: str, reading: _Reading, index: int, after: int,
                bounds: list[tuple[int, int]], vocab: PlaceVocab, limit: int = 6,
                ) -> tuple[list[int], int]:
    """The words of a noun phrase from word ``index`` on, and the index after them.

    The run ends at a function word (a capitalised initialism such as "US" or
    "IS" is none), at an event word (unless hyphenated: "rebel-besieged"), at
    punctuation, at a digit or at another figure; at most ``limit`` words.
    """
    found = reading.words
    stops = vocab.noun_phrase_stop_set
    event_starts = {hit.first for hit in reading.hits if hit.kind == "event"}
    run: list[int] = []
    while index < len(found.lower) and len(run) < limit:
        gap = text[max(found.ends[index - 1] if index else after, after):found.starts[index]]
        word = found.surface[index]
        end = found.ends[index]
        initialism = word.isupper() and (len(word) > 1 or text[end:end + 1] == ".")
        stop_word = found.lower[index] in stops and not initialism
        event = index in event_starts and gap.strip() != "-" and \
            (lemma(word, vocab),) not in vocab.noun_metric
        code = bool(run) and gap == "-"  # the "24" of a model designation "Su-24"
        if (stop_word or event or PHRASE_BREAK.search(gap) or (word[:1].isdigit() and not code)
                or _inside_figure(found.starts[index], bounds)):
            break
        run.append(index)
        index += 1
    return run, index


def _inside_figure(offset: int, bounds: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls in one of the (sorted) figure spans."""
    at = bisect_right(bounds, (offset, float("inf"))) - 1
    return at >= 0 and bounds[at][0] <= offset < bounds[at][1]


def _head_noun(text: str, run: list[int], found: Words, vocab: PlaceVocab) -> str | None:
    """The counted noun of a run of words, else its last lower-case word.

    The last noun the vocabulary knows ("rebel fighters" -> "fighter",
    "Russian-operated bases" -> "base"), before any lower-case word it does
    not know after a known one ("air strikes hit areas" -> "airstrike").
    Two-word nouns count when the vocabulary spells them out ("barrel bomb").
    """
    lemmas = [lemma(found.surface[i], vocab) for i in run]
    known = [(lemma_,) in vocab.noun_metric for lemma_ in lemmas]
    if any(known):
        # A capitalised first noun is a modifier when a known noun follows:
        # "28 Russian combat aircraft" counts aircraft, not Russians.
        modifier = found.surface[run[known.index(True)]][:1].isupper()
        for at in range(known.index(True) + 1, len(run)):
            verb_like = not known[at] and found.surface[run[at]].islower()
            if modifier and any(known[at:]):
                continue
            if verb_like and text[found.ends[run[at - 1]]:found.starts[run[at]]] != "-":
                del run[at:], lemmas[at:], known[at:]
                break
        for at in range(len(run) - 1):  # a model designation names what is counted
            if known[at] and found.surface[run[at + 1]][:1].isdigit():
                return f"{lemmas[at]}-{found.lower[run[at + 1]].rstrip('s')}"  # "su-24"
        at = max(i for i, is_known in enumerate(known) if is_known)
        if at > 0:
            pair = f"{found.lower[run[at - 1]]} {lemmas[at]}"
            if pair in vocab.noun_spellings:
                return vocab.noun_spellings[pair]
        return lemmas[at]
    if run and found.surface[run[-1]].islower() and len(lemmas[-1]) > 2:
        return lemmas[-1]
    return None


def _inherited_noun(noun: str | None, quantity: Quantity, reading: _Reading,
                    previous: Figure | None, vocab: PlaceVocab) -> str | None:
    """A bare figure coordinated with the one before takes its noun.

    "At least four civilians were killed ... and one was killed" (civilian);
    "10 civilians were killed and 50 wounded"; "90 others" (the noun before).
    """
    if noun not in (None, "others"):
        return noun
    if previous is None or previous.noun is None or quantity.start - previous.end > 90:
        return "person" if noun == "others" else None
    if noun == "others":
        return previous.noun
    before = reading.words.last_before(quantity.start)
    if before >= 0 and reading.words.lower[before] == "and" and \
            vocab.noun_metric.get((previous.noun,)) in ("people", "troops"):
        return previous.noun
    return None


def _distance_noun(text: str, quantity: Quantity, reading: _Reading, first: int,
                   vocab: PlaceVocab) -> str | None:
    """The unit word a distance is written with ("kilometres" -> "kilometre", "km").

    "3 kilometers of territory" measures territory.
    """
    found = reading.words
    inside = [i for i in range(len(found.lower))
              if quantity.start <= found.starts[i] < quantity.end and found.lower[i].isalpha()]
    index = inside[-1] if inside and found.lower[inside[-1]] not in _QUALIFYING else first
    if index >= len(found.lower):
        return None
    following = found.lower[index + 1:index + 3]
    if following[:1] == ["of"] and following[1:] in (["territory"], ["land"]):
        return following[1]
    return lemma(found.surface[index], vocab)


_QUALIFYING = frozenset({"least", "than", "about", "some", "few", "a", "an", "around", "nearly",
                         "almost", "over", "under", "up", "to", "more", "less", "within"})


def _time_metric(text: str, quantity: Quantity, reading: _Reading, first: int,
                 bounds: list[tuple[int, int]], vocab: PlaceVocab,
                 ) -> tuple[str, str | None, int]:
    """Duration or age of a figure in time units, with the noun it measures.

    "four-year war" (war), "24 hours of bombardment" (bombardment), "within a
    year" (year); "a 28-year-old teacher" is an age (teacher), while a
    "five-year-old conflict" is a duration.
    """
    after = text[quantity.end:min(reading.end, quantity.end + 60)]
    found = reading.words
    index = first
    if index < len(found.lower) and lemma(found.lower[index], vocab) == quantity.unit:
        index += 1
    old = _YEARS_OLD.match(after)
    while index < len(found.lower) and found.lower[index] in ("old", "long"):
        index += 1
    if index < len(found.lower) and found.lower[index] == "of":
        index += 1 + (index + 1 < len(found.lower) and found.lower[index + 1] == "the")
        run, stop = _phrase_run(text, reading, index, quantity.end, bounds, vocab, 3)
        noun = _head_noun(text, run, found, vocab)
    else:
        run, stop = _phrase_run(text, reading, index, quantity.end, bounds, vocab, 3)
        nouns = [lemma(found.surface[i], vocab) for i in run]
        noun = next((word for word in nouns if word in vocab.duration_nouns), None)
        person = next((word for word in nouns
                       if vocab.noun_metric.get((word,)) in ("people", "troops")), None)
        if old and noun is None:
            return "age", person or "person", stop
    if _AGED.search(text, max(0, quantity.start - 12), quantity.start) or \
            _is_named_age(text, quantity, reading):
        return "age", "person", stop
    return "duration", noun or quantity.unit, stop


def _is_named_age(text: str, quantity: Quantity, reading: _Reading) -> bool:
    """"Ahmed, 24, said": a bare small number between a name and a speech verb."""
    value = quantity.value
    if value is None or not 0 < value < 110 or value != int(value):
        return False
    if not quantity.text.strip().isdigit():
        return False
    before = text[max(reading.start, quantity.start - 30):quantity.start]
    after = text[quantity.end:min(reading.end, quantity.end + 20)]
    return bool(_NAME_BEFORE.search(before) and _SAID_AFTER.match(after))


def _event(text: str, quantity: Quantity, reading: _Reading, stop: int,
           bounds: list[tuple[int, int]],
           noun_class: str | None, previous: Figure | None, vocab: PlaceVocab,
           noun_known: bool = False) -> str | None:
    """What happened to the people a figure counts (killed, injured...), or None.

    ``stop`` is the index of the first word after the figure's noun phrase;
    ``noun_known`` says the figure has a noun, which the vocabulary may not
    know (then only event words next to the figure count).
    """
    found = reading.words
    events = [hit for hit in reading.hits if hit.kind == "event"]
    before = found.last_before(quantity.start)
    after = _event_after(found, events, stop, bounds, vocab)
    if after:
        return after
    claims = sorted(hit.first for hit in reading.hits if hit.kind == "claim" and hit.first >= stop)
    adjacent, reached = _event_before(found, events, before, vocab)
    if adjacent:
        return adjacent
    part = _part_of(text, quantity, reading, before, noun_class, previous)
    if part:
        return part
    if noun_class is None and noun_known:  # an unknown noun: "a thousand words"
        return None
    if reached:  # "the death toll ... has reached 20": the toll named further back
        earlier = [hit for hit in events if before - 30 < hit.stop <= before + 1]
        if earlier:
            return earlier[-1].value
    if noun_class is not None and before >= 0 and found.lower[before] == "of" and \
            stop == found.first_after(quantity.end):
        return None  # "out of a population of 350000": the noun before "of" is counted
    # An event word further off is the figure's unless a relative clause or
    # another figure, not joined to this one, stands between ("a clinic serving
    # thousands of Syrians has left two patients dead"; but "11 civilians
    # including three children were killed").
    following = bisect_left(bounds, (quantity.end, quantity.end))
    next_figure = (found.first_after(bounds[following][0]) if following < len(bounds)
                   else len(found.lower))
    if next_figure == stop or (0 < next_figure < len(found.lower)
                               and found.lower[next_figure - 1] in _JOINERS):
        next_figure = len(found.lower)  # "Three people two of them children died"
    limit = min([stop + 12, next_figure, *claims[:1]])
    later = [hit for hit in events if stop <= hit.first < limit]
    if later:
        return later[0].value
    if noun_class == "troops":  # "5000 people including ... several hundred fighters"
        return None
    earlier = [hit for hit in events if before - 25 < hit.stop <= before + 1
               and _CLAUSE.isdisjoint(found.lower[hit.stop:before + 1])]
    return earlier[-1].value if earlier else None


def _event_after(found: Words, events: list[Hit], stop: int, bounds: list[tuple[int, int]],
                 vocab: PlaceVocab) -> str | None:
    """An event word right after the noun: "17 people were killed", "five wounded".

    Active forms ("killing", "injuring") take the next figure as object, so they
    do not count here: "killing 2 people injuring 7 others".
    """
    index = stop
    starts = {hit.first: hit for hit in events}
    while index < min(stop + 6, len(found.lower)) and index not in starts \
            and found.lower[index] in vocab.fillers_after:
        index += 1
    hit = starts.get(index)
    if hit is None:
        return None
    last = found.lower[hit.stop - 1]
    if last.endswith("ing") and last != "missing":
        return None
    if hit.stop < len(found.lower) and _inside_figure(found.starts[hit.stop], bounds):
        return None  # "claimed the lives of 470000 people injured 1.9 million"
    return hit.value


def _event_before(found: Words, events: list[Hit], before: int,
                  vocab: PlaceVocab) -> tuple[str | None, bool]:
    """An event word right before the figure ("killed at least 11", "the lives of 80").

    Also says whether a verb of a total stood between ("has risen to 21").
    """
    ends: dict[int, Hit] = {}
    for hit in sorted(events, key=lambda hit: hit.first - hit.stop):  # longest first
        ends.setdefault(hit.stop, hit)
    index = before
    reached = False
    while index > before - 3 and index >= 0 and index + 1 not in ends \
            and found.lower[index] in vocab.fillers_before:
        reached = reached or found.lower[index] in _TOTAL_VERBS
        index -= 1
    ending = ends.get(index + 1)
    return (ending.value if ending else None), reached


# Words before a figure that make it part of the one before, or joined to it:
# "11 civilians including three children", "five women and 13 rebels".
_JOINERS = frozenset({"and", "or", "of", "the", "including", "among", "them", "whom", "from"})
# Words that open a relative clause with its own verb ("the city, which threatens 300000").
_CLAUSE = frozenset({"which", "who", "where", "whose"})
# Verbs whose subject is a toll named further back: "the toll has reached 20".
_TOTAL_VERBS = frozenset({"reached", "risen", "rose", "climbed", "jumped", "stood"})


def _part_of(text: str, quantity: Quantity, reading: _Reading, before: int,
             noun_class: str | None, previous: Figure | None) -> str | None:
    """The metric of the figure this one is part of ("36 civilians including five children").

    Also a figure joined by "and" to the one before ("five children and two
    women"), when it counts people too.
    """
    if previous is None or previous.metric not in (*PEOPLE_EVENTS, "troops"):
        return None
    found = reading.words
    if any(hit.kind == "part" and hit.stop == before + 1 for hit in reading.hits):
        return previous.metric
    if text[quantity.end:quantity.end + 12].lstrip().startswith(("of them", "of whom")):
        return previous.metric
    joined = before >= 0 and found.lower[before] == "and" and \
        0 <= quantity.start - previous.end <= 40
    if joined and noun_class in (None, "people") and previous.metric != "troops":
        return previous.metric
    return None


# --- cumulative ------------------------------------------------------------


def _is_cumulative(metric: str, quantity: Quantity, reading: _Reading, first: int,
                   vocab: PlaceVocab) -> bool:
    """Whether a figure is a running total since the war or a campaign began.

    A cue near it ("so far", "to date", "since March 2011", "since the start
    of the offensive"); for killed, injured, displaced or detained people also
    the war as its frame ("killed in Syria's four-year war", "a conflict that
    has killed") or a size only the war reaches.
    """
    if metric not in CUMULATIVE_METRICS:
        return False
    found = reading.words
    before = found.last_before(quantity.start)
    if any(hit.kind == "cumulative" and before - 20 < hit.first < first + 20
           for hit in reading.hits):
        return True
    for index in range(max(0, before - 12), min(len(found.lower), first + 12)):
        between = found.lower[index:before] if index <= before else found.lower[first:index]
        if _is_since(found, index) and _RELATIVE.isdisjoint(between):
            return True
    if metric not in PEOPLE_EVENTS:
        return False
    size = quantity.low if quantity.value is None else quantity.value
    if size is not None and size >= vocab.war_total_at_least:
        return True
    return any(hit.kind == "war" and before - 15 < hit.first < first + 15
               and _frames_total(found, hit, vocab) for hit in reading.hits)


def _is_since(found: Words, index: int) -> bool:
    """Whether word ``index`` is "since" opening a period ("since 2011", "since then").

    Not "since it is unclear" (because) nor a closing "ever since".
    """
    if found.lower[index] != "since" or index + 1 >= len(found.lower):
        return False
    if index > 0 and found.lower[index - 1] == "ever":
        return False
    return found.lower[index + 1] not in _NOT_A_PERIOD


# A relative clause between a figure and "since" ("killed 23 in the town, which
# has been besieged since 2013"): the period is the clause's, not the figure's.
_RELATIVE = frozenset({"which", "that", "who", "where", "when", "whose"})
# After "since": "because", not a point in time.
_NOT_A_PERIOD = frozenset({"it", "they", "he", "she", "we", "there", "this", "that", "you", "i",
                           "these", "those", "no", "not"})


def _frames_total(found: Words, war: Hit, vocab: PlaceVocab) -> bool:
    """Whether a war word frames a total: "killed in the war", "a war that has killed".

    Not "war crimes", "war-torn", nor a war named only in passing.
    """
    following = found.lower[war.stop] if war.stop < len(found.lower) else ""
    if following in vocab.not_war:
        return False
    leading = found.lower[max(0, war.first - 4):war.first]
    return bool(_WAR_LEAD & set(leading)) or following in _WAR_FOLLOW


_WAR_LEAD = frozenset({"in", "during", "throughout", "of"})
_WAR_FOLLOW = frozenset({"has", "have", "had", "that", "which", "so"})


def _carries_on(text: str, figure: Figure, reading: _Reading, prior: Figure | None) -> bool:
    """A figure that continues a running total told just before it.

    "At least 287 IS fighters had been killed in the fight for Hasakeh ...
    Another 120 soldiers ... were also killed"; "under rocket attacks since
    mid-January. Twenty people in Kilis have been killed".
    """
    if figure.metric not in PEOPLE_EVENTS:
        return False
    lo, hi = max(reading.start, figure.start - 120), min(reading.end, figure.end + 120)
    added = _ADDED.search(text, max(reading.start, figure.start - 12), figure.start) or \
        _ALSO.match(text, figure.end, min(reading.end, figure.end + 60))
    if prior is not None and prior.cumulative and prior.metric == figure.metric \
            and figure.start - prior.end < 400 and added:
        return True
    opening = text[max(0, reading.sentence[0] - 240):reading.sentence[0]]
    return bool(_PERFECT.search(text, lo, hi) and _SINCE_LAST.search(opening))


# A figure that adds to the one before: "Another 120 soldiers", "a further 19",
# "... and several dozen Kurdish forces were also killed".
_ADDED = re.compile(r"\b(?:another|additional|further)\s*$", re.IGNORECASE)
_ALSO = re.compile(r"[^.;]{0,50}?\b(?:were|was|have\s+been|had\s+been)\s+also\b")
# A perfect tense of a total: "have been killed", "has left", "have so far displaced".
_PERFECT = re.compile(
    r"""
    \b (?: has | have ) \s+ (?: been \s+ | so \s+ far \s+ | now \s+ )?
    (?: killed | wounded | injured | displaced | died | left | claimed | forced | arrested
      | detained | fled )\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
# The sentence before ends on a period opened by "since" ("since mid-January.").
_SINCE_LAST = re.compile(r"\bsince\b(?!\s+(?:it|they|he|she|we|there)\b)[^.!?]{0,60}[.!?]\s*$",
                         re.IGNORECASE)
