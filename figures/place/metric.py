"""What a figure measures: its metric and counted noun, from its unit, noun and event words."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Protocol

from figures.model import Figure, Quantity
from figures.place.sentences import PHRASE_BREAK, Hit, Words

PEOPLE_EVENTS = ("killed", "injured", "displaced", "detained")
#: What happens to people in an outbreak (GUIDELINES: other stories' metrics).
OUTBREAK_METRICS = ("cases", "tests", "hospitalized", "vaccinated")
THING_METRICS = ("aircraft", "equipment", "strikes", "munitions", "targets", "buildings",
                 "other")
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
# A decade of life: "80s", "mid-80s", "70's".
_DECADE = re.compile(r"\d0['’]?s$")
# Before a decade of life: "in their", "in his early".
_THEIR = re.compile(r"\b(?:their|his|her|my|our|your)\s+(?:early\s+|late\s+)?$", re.IGNORECASE)
# Before a figure: "aged 24", "age 12".
_AGED = re.compile(r"\b(?:aged|age|ages)(?:\s+(?:of|from|between|under|over))?\s*$",
                   re.IGNORECASE)
# A name, the figure, then "said": "Ahmed, 24, said" (an age).
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s*,?\s*$")
_SAID_AFTER = re.compile(r"^\s*,\s*(?:said|says|told|added|explained|recalled|who|was|is|has|had"
                         r"|will|were|died|faces|pleaded)\b|^\s*(?:said|says|told)\b")


class PluralWords(Protocol):
    """The vocabulary a noun's singular is read with (``place.PlaceVocab``)."""

    @property
    def plurals(self) -> dict[str, str]: ...


class NounWords(PluralWords, Protocol):
    """The vocabulary a figure's metric and noun are read with (``place.PlaceVocab``)."""

    @property
    def noun_metric(self) -> dict[tuple[str, ...], str]: ...

    @property
    def noun_phrase_stop_set(self) -> frozenset[str]: ...

    @property
    def noun_spellings(self) -> dict[str, str]: ...

    @property
    def duration_nouns_set(self) -> frozenset[str]: ...

    @property
    def fillers_after_set(self) -> frozenset[str]: ...

    @property
    def fillers_before_set(self) -> frozenset[str]: ...

    @property
    def claimant_roles_set(self) -> frozenset[str]: ...


class SentenceReading(Protocol):
    """The words and phrases read around a figure, and the stretch read (``place._Reading``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def words(self) -> Words: ...

    @property
    def hits(self) -> list[Hit]: ...

    #: The event words among ``hits``.
    @property
    def events(self) -> list[Hit]: ...

    #: ``events`` by their first word (of two at one word, the last).
    @property
    def event_starts(self) -> dict[int, Hit]: ...


# What befalls people: a share of these counts them ("a third of COVID-19 deaths").
_BEFALLS_PEOPLE = frozenset({*PEOPLE_EVENTS, *OUTBREAK_METRICS, "missing"})
# Metrics a counted noun gives by itself, whatever the event words say.
_NOT_BY_EVENT = frozenset({*THING_METRICS, *OUTBREAK_METRICS, "missing"})
# Metrics of a figure another one is part of ("36 civilians including five children").
_WHOLES = _BEFALLS_PEOPLE | {"troops"}


def lemma(word: str, vocab: PluralWords) -> str:
    """The lower-case singular of a counted noun.

    >>> from figures.place import load_place_vocab
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


def metric_and_noun(text: str, quantity: Quantity, reading: SentenceReading, first: int,
                    bounds: list[tuple[int, int]], previous: Figure | None,
                    vocab: NounWords) -> tuple[str, str | None, int]:
    """(metric, noun, index of the first word after the noun phrase)."""
    unit = quantity.unit
    before = reading.words.last_before(quantity.start)
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
        happened = _event_before(reading.words, reading.events, before, vocab)[0] \
            if before >= 0 and reading.words.lower[before].endswith("ed") else None
        return happened or "other", "time", first  # "was hospitalized twice" (not "arrests")
    noun, stop = _noun_phrase(text, quantity, reading, first, bounds, vocab)
    if unit == "count" and before >= 0 and reading.words.lower[before] == "per":
        return "other", noun, stop  # a rate's base: "15.1 deaths per 100,000 people"
    noun = _inherited_noun(noun, quantity, reading, previous, vocab)
    noun_class = vocab.noun_metric.get(tuple(noun.split())) if noun else None
    if noun is None:
        noun = _demonym(reading, first)
        noun_class = "people" if noun else None
    if noun and noun_class is None and "-" in noun:  # a model designation: "su-24"
        noun_class = vocab.noun_metric.get((noun.split("-")[0],))
    if noun and noun_class is None:  # "megahomes", "superstores": the noun they build on
        noun_class = next((vocab.noun_metric.get((noun[len(prefix):],)) for prefix in _PREFIXES
                           if noun.startswith(prefix)), None)
    if unit == "percent" and noun_class in _BEFALLS_PEOPLE \
            and noun != "life":
        return noun_class, noun, stop  # "a third of COVID-19 deaths"
    if unit == "percent" and first < len(reading.words.lower) and \
            reading.words.lower[first] == "of":
        of_what = [hit.value for hit in reading.events
                   if first < hit.first <= first + 3 and reading.words.lower[hit.stop - 1]
                   in ("deaths", "fatalities", "infections", "hospitalizations")]
        if of_what:
            return of_what[0], "person", stop  # "a third of COVID-19 deaths"
    if unit == "percent":
        partial = text[quantity.end:quantity.end + 12].lstrip().startswith("of them")
        event = (_event(text, quantity, reading, stop, bounds, noun_class, previous, vocab)
                 if noun_class in ("people", "troops") or partial else None)
        return event or "share", noun, stop
    if unit != "count":
        return "other", noun, stop
    if noun is None and previous is not None and previous.metric != "other" and \
            _after_part_cue(reading, quantity) and not _event_after(
                text, reading.words, reading.event_starts, stop, bounds, vocab):
        # "51 homes, including all eight in X" (not "1,324 cases, including 32 deaths")
        return previous.metric, previous.noun, stop
    if noun is None and previous is not None and previous.unit == "count" and \
            previous.metric not in _NOT_SUMMED and before >= 1 and \
            reading.words.lower[before] == "to" and reading.words.lower[before - 1] in _SUMS \
            and quantity.start - previous.end < 90:
        return previous.metric, previous.noun, stop  # "3,000 more troops, bringing the total to"
    if noun == "time" and _MULTIPLIER.match(text, quantity.end):
        return "other", noun, stop  # "300 times more", "a two-time champion"
    if noun_class in _NOT_BY_EVENT:
        return noun_class, noun, stop
    if noun_class in PEOPLE_EVENTS:  # "30 inmates had died": what happened to them wins
        happened = _event_after(text, reading.words, reading.event_starts, stop, bounds, vocab)
        return happened or noun_class, noun, stop
    if noun_class == "people" and noun in vocab.claimant_roles_set and \
            _spoke_before(text, reading, quantity, stop):
        return "people", noun, stop  # '"...," said one official when asked'
    if noun_class == "people" and noun in vocab.claimant_roles_set and _speaks(reading, stop):
        # Who speaks ("one witness said"), unless an event word stands right
        # before ("wounding dozens, opposition activists said").
        return _event_before(reading.words, reading.events, before, vocab)[0] or "people", \
            noun, stop
    if noun in _HOUSEHOLDS:  # GUIDELINES: families are "other" unless something befell them
        events = reading.events
        following = bisect_left(bounds, (quantity.end, quantity.end))
        limit = min(stop + 12, reading.words.first_after(bounds[following][0])
                    if following < len(bounds) else stop + 12)
        later = [hit.value for hit in events if stop <= hit.first < limit]
        happened = _event_after(text, reading.words, reading.event_starts, stop, bounds,
                                vocab) or \
            _event_before(reading.words, events, before, vocab)[0] or \
            _part_of(text, quantity, reading, before, noun_class, previous) or \
            next(iter(later), None)  # "1000 families arrived and registered as displaced"
        return happened or "other", noun, stop
    event = _event(text, quantity, reading, stop, bounds, noun_class, previous, vocab,
                   noun is not None)
    if event == "hospitalized" and any(hit.kind == "attack" for hit in reading.hits):
        event = "injured"  # taken to hospital after an attack: the wounded
    if event:
        return event, noun or "person", stop
    if noun_class in ("troops", "people"):
        return noun_class, noun, stop
    if noun is None and previous is not None and _TABLE_GAP.fullmatch(
            text, previous.end, quantity.start):
        return previous.metric, previous.noun, stop  # a row of a table: "21,441 1st 21,339"
    if noun is None:
        header = _column_header(text, quantity, reading, vocab)
        if header is not None:
            return vocab.noun_metric[(header,)], header, stop
    return "other", noun, stop


def _column_header(text: str, quantity: Quantity, reading: SentenceReading,
                   vocab: NounWords) -> str | None:
    """The capitalised noun heading a column of figures: "Season Attendance Rank 2019-20 21,441".

    Read back over at most four capitalised words or numbers, with no punctuation
    but the hyphens of a season or a code.
    """
    found = reading.words
    index = found.last_before(quantity.start)
    for _ in range(4):
        if index < 0 or PHRASE_BREAK.search(text, found.ends[index],
                                            found.starts[index + 1] if index + 1 < len(
                                                found.lower) else quantity.start):
            return None
        word = found.surface[index]
        if not (word[:1].isupper() or word.isdigit()):
            return None
        noun = lemma(word, vocab)
        if word[:1].isupper() and vocab.noun_metric.get((noun,)) in ("people", "troops"):
            return noun
        index -= 1
    return None


# Between two figures of one row of a table: ranks, seasons, numbers ("1st 2018-19").
_TABLE_GAP = re.compile(r"\s+(?:(?:\d+(?:st|nd|rd|th)|\d+(?:[-–/]\d+)?)\s+){1,3}")


# Groups of people counted as groups (GUIDELINES, Metrics: "families" are other).
_HOUSEHOLDS = frozenset({"family", "household"})


def _after_part_cue(reading: SentenceReading, quantity: Quantity) -> bool:
    """Whether a part cue stands right before the figure: "including (all) eight"."""
    before = reading.words.last_before(quantity.start)
    while before >= 0 and reading.words.lower[before] in ("all", "the", "at", "least"):
        before -= 1
    return any(hit.kind == "part" and hit.stop == before + 1 for hit in reading.hits)


def _demonym(reading: SentenceReading, first: int) -> str | None:
    """A people counted by where they are from: "thousands of Ukrainians", "two Iraqis"."""
    found = reading.words
    index = first + (first < len(found.lower) and found.lower[first] == "of")
    if index < len(found.lower) and _DEMONYM.fullmatch(found.surface[index]):
        return found.lower[index].rstrip("s")
    return None


# A capitalised plural of a people's name ("Ukrainians", "Israelis", "Chinese").
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ians?|ans?|is|ese|ers)")


def _spoke_before(text: str, reading: SentenceReading, quantity: Quantity, stop: int) -> bool:
    """Whether a speech verb stands right before the figure and nothing follows its noun.

    '"...," said one official when asked' counts who speaks; "said 30 officials were
    killed" does not.
    """
    before = reading.words.last_before(quantity.start)
    if not any(hit.kind == "claim" and hit.stop == before + 1 for hit in reading.hits):
        return False
    found = reading.words
    return stop >= len(found.lower) or found.lower[stop] in _SPEAKER_ENDS or \
        PHRASE_BREAK.search(text, found.ends[stop - 1], found.starts[stop]) is not None


# Words after the speaker of an inverted attribution: "said one official when asked".
_SPEAKER_ENDS = frozenset({"when", "who", "on", "in", "at", "after", "last", "this"})


def _speaks(reading: SentenceReading, index: int) -> bool:
    """Whether word ``index`` opens a speech verb ("said", "told"), not "according to"."""
    return any(hit.kind == "claim" and hit.first == index and hit.value != "according to"
               for hit in reading.hits)


def _noun_phrase(text: str, quantity: Quantity, reading: SentenceReading, first: int,
                 bounds: list[tuple[int, int]], vocab: NounWords) -> tuple[str | None, int]:
    """The counted noun after a figure ("others" for a bare "others"), and where its phrase ends.

    "five of the dead", "three of its fighters": "of" and a determiner are
    skipped; "ground force of 5,451": the noun before "of" when none follows.
    """
    found = reading.words
    index = first
    if index < len(found.lower) and found.lower[index] in ("more", "additional", "further",
                                                           "new"):
        index += 1  # "14 new deaths" counts deaths
    if index < len(found.lower) and found.lower[index] == "of":
        index += 1
        # "five of the dead", "three of my four grandparents", "51 of Acme's 100 homes"
        while index < min(first + 5, len(found.lower)) and (
                found.lower[index] in _DETERMINERS or found.lower[index].endswith("'s")
                or _inside_figure(found.starts[index], bounds)):
            index += 1
    if quantity.unit == "percent":  # "half the population", "a third of its residents"
        while index < min(first + 3, len(found.lower)) and found.lower[index] in _DETERMINERS:
            index += 1
    if index < len(found.lower) and found.lower[index] == "others":
        return "others", index + 1
    if index < len(found.lower) and found.lower[index] == "other":
        index += 1
    if index == first and index < len(found.lower) and found.lower[index] == "strong" and \
            text[quantity.end:found.starts[index]] == "-":
        index += 1  # "a 2,000-strong force" counts the force
    run, stop = _phrase_run(text, reading, index, quantity.end, bounds, vocab)
    if len(run) > 1 and index == first and text[quantity.end:found.starts[run[0]]] == "-" and \
            found.surface[run[0]].islower():
        return lemma(found.surface[run[0]], vocab), stop  # "a 101-story tower" counts stories
    noun = _head_noun(text, run, found, vocab)
    if noun is None or (noun,) not in vocab.noun_metric:
        # "a crowd of 21,441 represented", "ground force of 5,451": the noun before "of";
        # "the largest crowd (21,878)", "the weekday crowd was 21,444": the noun before
        before = found.last_before(quantity.start)
        owner = None
        if before >= 1 and found.lower[before] == "of":
            owner = lemma(found.surface[before - 1], vocab)
        elif before >= 1 and found.lower[before] in ("was", "is", "were", "are"):
            owner = lemma(found.surface[before - 1], vocab)  # people only: "the toll from
            if vocab.noun_metric.get((owner,)) not in ("people", "troops") or \
                    "age" in found.lower[max(0, before - 6):before]:  # the strikes was", "the
                owner = None  # average age of the patients was 3"
        elif before >= 0 and quantity.unit == "count" and \
                text[found.ends[before]:quantity.start].strip() == "(":
            owner = lemma(found.surface[before], vocab)
        if owner in _HOUSEHOLDS:
            owner = None  # "a family of four" counts people
        noun = owner if owner and (owner,) in vocab.noun_metric else noun
    return noun, stop


# Words skipped after "of" before a noun: "five of the dead", "three of its fighters".
_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "own", "these", "those", "my",
                          "our", "your"})
# Prefixes of a compound counted as the noun it builds on: "megahome", "superstore".
_PREFIXES = ("mega", "super", "mini", "micro")
# After "N times" or "N-time": a multiplier or a title, not a count of events.
_MULTIPLIER = re.compile(
    r"""\s* -? \s* times? \s+ (?: more | less | fewer | higher | lower | larger | greater | bigger
                            | smaller | faster | as | the | over | that | than ) \b
      | \s* - \s* time \b""",
    re.VERBOSE | re.IGNORECASE)
# "at least once", "twice": a count of times.
_ONCE = re.compile(r"\b(?:once|twice|thrice)\b", re.IGNORECASE)


def _phrase_run(text: str, reading: SentenceReading, index: int, after: int,
                bounds: list[tuple[int, int]], vocab: NounWords, limit: int = 6,
                ) -> tuple[list[int], int]:
    """The words of a noun phrase from word ``index`` on, and the index after them.

    The run ends at a function word (a capitalised initialism such as "US" or
    "IS" is none), at an event word (unless hyphenated: "rebel-besieged"), at a
    past participle after its noun ("delegations arrived"), at punctuation, at a digit
    or at another figure; at most ``limit`` words.
    """
    found = reading.words
    stops = vocab.noun_phrase_stop_set
    event_starts = reading.event_starts
    run: list[int] = []
    # Each test breaks the run at once, cheapest first.
    while index < len(found.lower) and len(run) < limit:
        word = found.surface[index]
        if found.lower[index] in stops:
            end = found.ends[index]
            if not (word.isupper() and (len(word) > 1 or text[end:end + 1] == ".")):
                break  # a function word, not an initialism
        gap = text[max(found.ends[index - 1] if index else after, after):found.starts[index]]
        if index in event_starts and gap.strip() != "-" and \
                (lemma(found.surface[event_starts[index].stop - 1], vocab),) \
                not in vocab.noun_metric:
            break  # an event word
        if PHRASE_BREAK.search(gap) and not (
                run and gap.strip() == "." and _LETTER.fullmatch(found.surface[index - 1])):
            break  # punctuation, but the full stops of an initialism
        if word[:1].isdigit() and not (run and gap == "-"):
            break  # a number, but the "24" of a model designation "Su-24"
        if run and len(word) > 3 and word.endswith("ed") and word.islower() and \
                gap.strip() != "-" and index + 1 not in event_starts and \
                _ends_phrase(text, found, index + 1, stops):
            while run and found.lower[run[-1]].endswith("ly"):
                run.pop()  # and an adverb before it: "staff recently hired"
            break  # a verb after the noun: "40 delegations arrived.", "200 fighters trained by"
        if _inside_figure(found.starts[index], bounds):
            break
        run.append(index)
        index += 1
    return run, index


def _ends_phrase(text: str, found: Words, index: int, stops: frozenset[str]) -> bool:
    """Whether no noun phrase goes on at word ``index``: the end, a function word or a
    punctuation mark before it ("new confirmed cases" goes on at "cases")."""
    if index >= len(found.lower) or found.lower[index] in stops:
        return True
    return bool(PHRASE_BREAK.search(text, found.ends[index - 1], found.starts[index]))


# One capital letter: a letter of an initialism written with full stops ("U.S. troops").
_LETTER = re.compile(r"[A-Z]")


_INFINITY = float("inf")


def _inside_figure(offset: int, bounds: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls in one of the (sorted) figure spans."""
    at = bisect_right(bounds, (offset, _INFINITY)) - 1
    return at >= 0 and bounds[at][0] <= offset < bounds[at][1]


def _head_noun(text: str, run: list[int], found: Words, vocab: NounWords) -> str | None:
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
        at = len(known) - 1 - known[::-1].index(True)  # the last known noun
        if at > 0:
            pair = f"{found.lower[run[at - 1]]} {lemmas[at]}"
            if pair in vocab.noun_spellings:
                return vocab.noun_spellings[pair]
        return lemmas[at]
    if run and found.surface[run[-1]].islower() and len(lemmas[-1]) > 2:
        return lemmas[-1]
    return None


def _inherited_noun(noun: str | None, quantity: Quantity, reading: SentenceReading,
                    previous: Figure | None, vocab: NounWords) -> str | None:
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
    if before >= 0 and (reading.words.lower[before] in ("than", "versus", "vs") or
                        reading.words.lower[before - 1:before + 1] in (["compared", "with"],
                                                                       ["compared", "to"])):
        return previous.noun  # "an average of 21,519 fans, compared with 21,405"
    if before >= 0 and reading.words.lower[before] == "and" and \
            vocab.noun_metric.get((previous.noun,)) in ("people", "troops", "buildings"):
        return previous.noun  # "10 civilians were killed and 50 wounded", "homes ... and 50"
    return None


#: A sum a figure is brought to: "bringing the total to 12,000" counts what the figure before
#: it counts (unless that one counts no event: an age, a duration).
_SUMS = frozenset({"total", "tally", "number", "count", "figure"})
_NOT_SUMMED = frozenset({"other", "age", "duration", "share"})


def _distance_noun(text: str, quantity: Quantity, reading: SentenceReading, first: int,
                   vocab: NounWords) -> str | None:
    """The unit word a distance is written with ("kilometres" -> "kilometre", "km").

    "3 kilometers of territory" measures territory.
    """
    found = reading.words
    spanned = [i for i in range(len(found.lower))
               if quantity.start <= found.starts[i] < quantity.end]
    inside = [i for i in spanned if found.lower[i].isalpha()]
    if not inside and spanned and not found.lower[spanned[-1]].isdigit():
        return quantity.unit  # glued to the number: "10km" (not the word after it)
    index = inside[-1] if inside and found.lower[inside[-1]] not in _QUALIFYING else first
    if index >= len(found.lower):
        return None
    following = found.lower[index + 1:index + 3]
    if following[:1] == ["of"] and following[1:] in (["territory"], ["land"]):
        return following[1]
    return lemma(found.surface[index], vocab)


_QUALIFYING = frozenset({"least", "than", "about", "some", "few", "a", "an", "around", "nearly",
                         "almost", "over", "under", "up", "to", "more", "less", "within"})


def _time_metric(text: str, quantity: Quantity, reading: SentenceReading, first: int,
                 bounds: list[tuple[int, int]], vocab: NounWords,
                 ) -> tuple[str, str | None, int]:
    """Duration or age of a figure in time units, with the noun it measures.

    "four-year war" (war), "24 hours of bombardment" (bombardment), "within a
    year" (year); "a 28-year-old teacher" is an age (teacher), while a
    "five-year-old conflict" is a duration.
    """
    after = text[quantity.end:min(reading.end, quantity.end + 60)]
    found = reading.words
    index = first
    if _DECADE.search(quantity.text) and \
            _THEIR.search(text, max(0, quantity.start - 20), quantity.start):
        return "age", "person", index  # "now in their mid-80s"
    if index < len(found.lower) and lemma(found.lower[index], vocab) == quantity.unit:
        index += 1
    old = _YEARS_OLD.match(after)
    while index < len(found.lower) and found.lower[index] in ("old", "long"):
        index += 1
    if index < len(found.lower) and found.lower[index] == "of":
        index += 1 + (index + 1 < len(found.lower) and found.lower[index + 1] == "the")
        run, stop = _phrase_run(text, reading, index, quantity.end, bounds, vocab, 3)
        noun = _head_noun(text, run, found, vocab)
    else:  # "a 100-year-old Second World War veteran": the person may stand further off
        run, stop = _phrase_run(text, reading, index, quantity.end, bounds, vocab, 6 if old else 3)
        nouns = [lemma(found.surface[i], vocab) for i in run]
        noun = next((word for word in nouns if word in vocab.duration_nouns_set), None)
        person = next((word for word in nouns
                       if vocab.noun_metric.get((word,)) in ("people", "troops")), None)
        if old and (noun is None or person):  # "a 100-year-old war veteran"
            return "age", person or "person", stop
    if _AGED.search(text, max(0, quantity.start - 12), quantity.start) or \
            _is_named_age(text, quantity, reading):
        return "age", "person", stop
    return "duration", noun or quantity.unit, stop


def _is_named_age(text: str, quantity: Quantity, reading: SentenceReading) -> bool:
    """"Ahmed, 24, said": a bare small number between a name and a speech verb."""
    value = quantity.value
    if value is None or not 0 < value < 110 or value != int(value):
        return False
    if not quantity.text.strip().isdigit():
        return False
    before = text[max(reading.start, quantity.start - 30):quantity.start]
    after = text[quantity.end:min(reading.end, quantity.end + 20)]
    return bool(_NAME_BEFORE.search(before) and _SAID_AFTER.match(after))


def _event(text: str, quantity: Quantity, reading: SentenceReading, stop: int,
           bounds: list[tuple[int, int]],
           noun_class: str | None, previous: Figure | None, vocab: NounWords,
           noun_known: bool = False) -> str | None:
    """What happened to the people a figure counts (killed, injured...), or None.

    ``stop`` is the index of the first word after the figure's noun phrase;
    ``noun_known`` says the figure has a noun, which the vocabulary may not
    know (then only event words next to the figure count).
    """
    found = reading.words
    events = reading.events
    before = found.last_before(quantity.start)
    after = _event_after(text, found, reading.event_starts, stop, bounds, vocab)
    if after:
        return after
    claims = sorted(hit.first for hit in reading.hits if hit.kind == "claim" and hit.first >= stop)
    adjacent, reached = _event_before(found, events, before, vocab)
    if adjacent:
        return adjacent
    if _own_verb_after(found, events, stop):
        return None  # "84,000 have died, and 30 million have claimed unemployment"
    part = _part_of(text, quantity, reading, before, noun_class, previous)
    if part:
        return part
    subject = None if noun_known else _subject_event(found, events, before, vocab)
    if subject:
        return subject  # "U.S. cases top 1.4 million", "the number of cases is 2 million"
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
    # thousands of Ukrainians has left two patients dead"; but "11 civilians
    # including three children were killed").
    following = bisect_left(bounds, (quantity.end, quantity.end))
    next_figure = (found.first_after(bounds[following][0]) if following < len(bounds)
                   else len(found.lower))
    if next_figure == stop or (0 < next_figure < len(found.lower)
                               and found.lower[next_figure - 1] in _JOINERS):
        next_figure = len(found.lower)  # "Three people two of them children died"
    limit = min([stop + 12, next_figure, *claims[:1]])
    # An active event word right before the next figure is that figure's: "infecting 1.5
    # million Americans and killing more than 90,000" (but "Eight Civilians Killed 14
    # Injured": a participle after its own figure).
    later = [hit for hit in events if stop <= hit.first < limit
             and not (following < len(bounds) and hit.stop >= next_figure - 1
                      and next_figure < len(found.lower)
                      and found.lower[hit.stop - 1].endswith("ing"))]
    if later:
        return later[0].value
    if noun_class == "troops":  # "5000 people including ... several hundred fighters"
        return None
    if _own_verb_before(found, events, reading.hits, before):
        return None  # "killed 86,000 people and affected 1.4 million": what befell them is not said
    earlier = [hit for hit in events if before - 25 < hit.stop <= before + 1
               and _CLAUSE.isdisjoint(found.lower[hit.stop:before + 1])]
    if not earlier:
        return None
    # Not the event word of a figure of its own, past a count of things: "just one death
    # across 100 homes housing 650 clients" (but "the number killed in 24 hours ... to 45").
    last = earlier[-1]
    owned = last.first >= 1 and _inside_figure(found.starts[last.first - 1], bounds)
    if owned and previous is not None and previous.metric in THING_METRICS and \
            previous.start >= found.ends[last.stop - 1]:
        return None
    return last.value


def _event_after(text: str, found: Words, starts: dict[int, Hit], stop: int,
                 bounds: list[tuple[int, int]], vocab: NounWords) -> str | None:
    """An event word right after the noun: "17 people were killed", "five wounded".

    Active forms ("killing", "injuring") take the next figure as object, so they
    do not count here: "killing 2 people injuring 7 others".
    """
    index = stop
    if index < len(found.lower) and found.lower[index] in _ASIDE_OPENERS:
        # "30 inmates, including a guard, had died": past the aside to its verb
        index = next((at + 1 for at in range(index + 1, min(index + 6, len(found.lower) - 1))
                      if "," in text[found.ends[at]:found.starts[at + 1]]), index)
    while index < min(stop + 8, len(found.lower)) and index not in starts \
            and found.lower[index] in vocab.fillers_after_set:
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
                  vocab: NounWords) -> tuple[str | None, bool]:
    """An event word right before the figure ("killed at least 11", "the lives of 80").

    Also says whether a verb of a total stood between ("has risen to 21").
    """
    ends: dict[int, Hit] = {}
    for hit in sorted(events, key=_longest_first) if len(events) > 1 else events:
        ends.setdefault(hit.stop, hit)
    index = before
    reached = False
    while index > before - 3 and index >= 0 and index + 1 not in ends \
            and found.lower[index] in vocab.fillers_before_set:
        reached = reached or found.lower[index] in _TOTAL_VERBS
        index -= 1
    ending = ends.get(index + 1)
    return (ending.value if ending else None), reached


def _longest_first(hit: Hit) -> int:
    """The sort key of phrases, longest first."""
    return hit.first - hit.stop



def _subject_event(found: Words, events: list[Hit], before: int,
                   vocab: NounWords) -> str | None:
    """What the subject a few words before a level verb counts, the figure following
    the verb: "U.S. Covid-19 cases top 1.4 million" (a noun of a metric), "the known
    number of cases worldwide is about two million", "deaths from the disease surpass
    85,000" (an event word)."""
    if 0 <= before + 1 < len(found.lower) and found.lower[before + 1] in _LEVEL_VERBS:
        before += 1  # the verb read into the figure: "cases topped 40,000" ("topped 40,000")
    if before < 0 or found.lower[before] not in _LEVEL_VERBS:
        return None
    start = before
    while start > max(0, before - 12) and found.lower[start - 1] not in _CLAUSE \
            and found.lower[start - 1] != "and":
        start -= 1
    # The head of the subject comes first: an event word ("the death toll in the attack
    # on the evacuees hits 43"), else the first counted noun, a few words back ("U.S.
    # cases top 1.4 million"; "the number of victims in the explosion is 70" counts
    # victims, not explosions).
    event = [hit.value for hit in events if start <= hit.first and hit.stop <= before]
    if event:
        return event[0]
    start = max(start, before - 6)
    counted = [vocab.noun_metric.get((lemma(word, vocab),)) for word in found.lower[start:before]]
    head = next((metric for metric in counted if metric is not None), None)
    return head if head in _SUBJECT_METRICS else None


# Metrics a subject's noun gives a figure after a level verb ("cases top 1.4 million").
_SUBJECT_METRICS = frozenset({"cases", "tests", "hospitalized", "vaccinated", "strikes",
                              "munitions", "aircraft", "equipment", "targets", "buildings"})


def _own_verb_before(found: Words, events: list[Hit], hits: list[Hit], before: int) -> bool:
    """Whether the figure is the object of a verb of its own that is no event word:
    "affected at least 1.4 million", "infecting upward of 1.5 million" (not "reported
    300", "recorded 12": those report a figure, they say nothing of what it counts)."""
    if before < 0:
        return False
    word = found.lower[before]
    if not word.endswith(("ed", "ing")) or word in _REPORTING_VERBS or word in _LEVEL_VERBS:
        return False
    if before >= 2 and found.lower[before - 1] in ("and", "or") and \
            any(hit.stop == before - 1 for hit in events):
        return False  # "killed and crucified five": the verbs share the figure
    return not any(hit.first <= before < hit.stop for hit in hits
                   if hit.kind in ("event", "claim", "total", "cumulative", "brought"))


def _own_verb_after(found: Words, events: list[Hit], stop: int) -> bool:
    """Whether a verb of the figure's own that is no event word follows its noun phrase
    ("30 million have claimed unemployment"): an event named earlier is not its."""
    index = stop
    while index < min(stop + 3, len(found.lower)) and found.lower[index] in _AUXILIARIES:
        index += 1
    if index == stop or index >= len(found.lower):
        return False
    word = found.lower[index]
    # "have been forced to leave their homes": an event word just after the verb is its
    return word.endswith(("ed", "en")) and word not in _REPORTING_VERBS and \
        not any(hit.first <= index + 4 and hit.stop > index for hit in events)


# Verbs a figure's level follows, after its subject: "cases top 1.4 million".
_LEVEL_VERBS = frozenset({"top", "tops", "topped", "reach", "reaches", "reached", "surpass",
                          "surpasses", "surpassed", "exceed", "exceeds", "exceeded", "pass",
                          "passes", "passed", "is", "was", "are", "were", "hit", "hits",
                          "near", "nears", "neared", "approach", "approaches", "approached",
                          "total", "totals", "totaled", "totalled", "stands", "stood",
                          "numbered", "numbers", "topping", "reaching", "surpassing",
                          "exceeding", "passing", "nearing", "approaching", "totaling",
                          "totalling", "numbering"})
# Verbs that report a figure, not what befell those it counts: "officials recorded 12".
_REPORTING_VERBS = frozenset({"reported", "recorded", "registered", "logged", "counted",
                              "tallied", "documented", "confirmed", "announced", "estimated",
                              "stated", "cited", "listed", "identified", "found", "numbered",
                              "totaled", "totalled", "reporting", "recording", "counting",
                              "including", "included", "according", "involving", "affecting",
                              "leaving", "comprised", "numbering",
                              "bringing", "raising", "pushing", "taking", "making"})
# Auxiliaries between a counted noun and its verb: "30 million have claimed".
_AUXILIARIES = frozenset({"have", "has", "had", "were", "was", "are", "is", "been", "also",
                          "now", "already", "will", "would"})
# Words that open an aside between a counted noun and its verb: "30 inmates, including X, died".
_ASIDE_OPENERS = frozenset({"including", "among", "mostly", "most", "many"})
# Words before a figure that make it part of the one before, or joined to it:
# "11 civilians including three children", "five women and 13 rebels".
_JOINERS = frozenset({"and", "or", "of", "the", "including", "among", "them", "whom", "from"})
# Words that open a relative clause with its own verb ("the city, which threatens 300000").
_CLAUSE = frozenset({"which", "who", "where", "whose"})
# Verbs whose subject is a toll named further back: "the toll has reached 20".
_TOTAL_VERBS = frozenset({"reached", "risen", "rose", "climbed", "jumped", "stood"})


def _part_of(text: str, quantity: Quantity, reading: SentenceReading, before: int,
             noun_class: str | None, previous: Figure | None) -> str | None:
    """The metric of the figure this one is part of ("36 civilians including five children").

    Also a figure joined by "and" to the one before ("five children and two
    women"), when it counts people too.
    """
    if previous is None or previous.metric not in _WHOLES:
        return None
    found = reading.words
    if any(hit.kind == "part" and hit.stop == before + 1 for hit in reading.hits):
        return previous.metric
    if text[quantity.end:quantity.end + 12].lstrip().startswith(("of them", "of whom")):
        return previous.metric
    joined = before >= 0 and (found.lower[before] == "and" or
                              found.lower[max(0, before - 2):before + 1] == ["as", "well", "as"]) \
        and 0 <= quantity.start - previous.end <= 40
    if joined and noun_class in (None, "people") and previous.metric != "troops":
        return previous.metric
    return None
