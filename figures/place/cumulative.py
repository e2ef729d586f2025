"""Whether a figure is a running total: a cue, "since" a period, the war as its frame."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol

from figures.model import Figure, Quantity
from figures.place.metric import OUTBREAK_METRICS, PEOPLE_EVENTS, SentenceReading
from figures.place.sentences import Hit, Words

#: Metrics a running total can have (GUIDELINES: cumulative).
CUMULATIVE_METRICS = frozenset({*PEOPLE_EVENTS, "strikes", "munitions", "targets",
                                "buildings", "money", *OUTBREAK_METRICS, "missing"})


class WarWords(Protocol):
    """The vocabulary a running total is read with (``place.PlaceVocab``)."""

    @property
    def war_total_at_least(self) -> float: ...

    @property
    def not_war_set(self) -> frozenset[str]: ...

    @property
    def pronoun_set(self) -> frozenset[str]: ...


class TotalReading(SentenceReading, Protocol):
    """A figure's reading with the bounds of its sentence (``place._Reading``)."""

    @property
    def sentence(self) -> tuple[int, int]: ...


def is_cumulative(metric: str, quantity: Quantity, reading: TotalReading, first: int,
                  vocab: WarWords) -> bool:
    """Whether a figure is a running total since the war or a campaign began.

    A cue near it ("so far", "to date", "since March 2011", "since the start
    of the offensive"); for killed, injured, displaced or detained people also
    the war as its frame ("killed in the country's four-year war", "a conflict that
    has killed") or a size only the war reaches.
    """
    if metric not in CUMULATIVE_METRICS:
        return False
    found = reading.words
    before = found.last_before(quantity.start)
    if _one_day(found, reading.hits, before, first):
        return False
    if any((hit.kind == "cumulative" and before - 20 < hit.first < first + 20)
           or (hit.kind == "brought" and before - 20 < hit.first <= before)
           for hit in reading.hits):
        return True  # "so far"; a total brought to it: "bringing the death toll to 300"
    if before >= 1 and found.lower[before] == "to" and found.lower[before - 1] in _SUMS:
        return True  # "bringing the state's total to 84,698" (not the "98 more" before it)
    if _toll_rose_to(found, before) and not _one_event(reading.hits):
        return True  # "the death toll in the Philippines rose to 75" (not one strike's toll)
    if any(hit.kind == "total" and before - 12 < hit.first < first + 8 for hit in reading.hits) \
            and not _one_event(reading.hits):
        return True
    lo, hi = max(0, before - 12), min(len(found.lower), first + 12)
    if "since" in found.lower[lo:hi]:  # a cheap reject first: most figures have none near
        for index in range(lo, hi):
            between = found.lower[index:before] if index <= before else found.lower[first:index]
            if _is_since(found, index) and _RELATIVE.isdisjoint(between):
                return True
    if metric in _COUNTED_UP_METRICS and _counted_up(found, first, reading.hits, metric):
        return True
    if metric in _STANDING_METRICS and _standing_count(found, before, first, reading.hits):
        return True
    if metric == "killed" and not _one_event(reading.hits) \
            and _standing_count(found, before, first, reading.hits, named=vocab.pronoun_set):
        return True
    if metric not in PEOPLE_EVENTS:
        return False
    size = quantity.low if quantity.value is None else quantity.value
    rate = not _RATE_WORDS.isdisjoint(found.lower[first:first + 12])
    if size is not None and size >= vocab.war_total_at_least and not rate:
        return True  # but "100,000 people die each year", "sleeping rough every night"
    return any(hit.kind == "war" and before - 15 < hit.first < first + 15
               and _frames_total(found, hit, vocab) for hit in reading.hits)


#: Metrics whose count in the perfect tense is a running total (``_counted_up``).
_COUNTED_UP_METRICS = frozenset({*OUTBREAK_METRICS, "killed"})
# Words after a figure that make it a rate, not a total: "every night", "each year".
_RATE_WORDS = frozenset({"every", "each", "per", "annually", "yearly", "nightly"})


def _counted_up(found: Words, first: int, hits: list[Hit], metric: str) -> bool:
    """A count told in the perfect tense, as a running total is: "248,818 people have
    tested positive", "seven inmates have died" (but not "have been killed in a strike").

    ``first`` is the first word after the figure; one event named in the sentence
    (an attack word, a weekday) makes it that event's count.
    """
    stop = min(len(found.lower), first + 8)
    following = found.lower[first:stop]
    for at, word in enumerate(following[:-1]):
        if word in ("have", "has", "had") and at <= 5:
            rest = following[at + 1:at + 4]
            verb = next((w for w in rest if w not in ("now", "so", "far", "already",
                                                      "since")), "")
            if metric == "killed" and verb != "died":
                return False
            if verb.endswith(("ed", "en", "wn", "ne")) or verb in _TOTAL_PERFECTS:
                return not _one_event(hits)
    return False


def _one_day(found: Words, hits: list[Hit], before: int, first: int) -> bool:
    """Whether a figure is one day's count, a rise or a difference ("1,200 new cases",
    "a record 135 deaths, the highest single-day rise so far", "25,000 more deaths than
    recorded"): an increment cue a few words before it or in the words after it, or a
    total brought up after it ("545 deaths, pushing the toll to 35,341"), unless a total
    rises "to" it or stands "at" it; or "more ... than", "fewer ... than" right after it
    ("millions more displaced" is another total, not a difference).

    ``before`` is the last word before the figure, ``first`` the first after it.
    """
    if first < len(found.lower) and found.lower[first] in _DIFFERENCE \
            and "than" in found.lower[first + 1:first + 10]:
        return True
    if before >= 0 and found.lower[before] in ("to", "at"):
        return False
    if any(hit.kind == "brought" and first <= hit.first < first + _DAY_AFTER
           and not _another_number(found, first, hit.first) for hit in hits):
        return True  # what a total rose by: "12 people, bringing the death toll to 300"
    if before >= 0 and found.lower[before] in _RISE_BY and (
            before == 0 or found.lower[before - 1] not in _ADDED_UP):
        return True  # "1,203,455 (up 23,104)", "cases are up 20%" (not "racked up $100m")
    if before >= 1 and found.lower[before] == "by" and found.lower[before - 1] in _RISE_VERBS:
        return True  # "deaths rose by 300 to 4,000" (not "killed by 300 airstrikes")
    return any(hit.kind == "increment" and before - _DAY_BEFORE < hit.first < first + _DAY_AFTER
               and not _another_number(found, first, hit.first) for hit in hits)


def _another_number(found: Words, first: int, cue: int) -> bool:
    """Whether a number stands between a figure and a cue after it ("1.3 million
    infections and 800 new deaths": "new" is the 800's)."""
    return any(word[:1].isdigit() for word in found.lower[first:cue])


#: Right before a figure: a rise by it ("up 23,104"; "up to 40" is read into the figure as
#: its bound).
_RISE_BY = frozenset({"up"})
#: Verbs whose "up" adds a total up: "has racked up $100 million".
_ADDED_UP = frozenset({"racked", "racks", "rack", "piled", "piles", "built", "builds", "ran",
                       "runs", "run", "added", "adds", "totted", "chalked", "notched",
                       "stacked", "tallied", "summed"})


def _toll_rose_to(found: Words, before: int) -> bool:
    """Whether the figure is what a toll or a tally named a few words before rose to:
    "the death toll in the Philippines rose to 75", "the tally of cases climbed to 1,200"."""
    if before >= 1 and found.lower[before] == "to" and found.lower[before - 1] in _ROSE:
        verb = before - 1
    elif before >= 0 and found.lower[before] in _REACHED:
        verb = before
    else:
        return False
    return not _TOLLS.isdisjoint(found.lower[max(0, verb - 8):verb])


#: Verbs a total rises "to" a figure with, and verbs that reach it directly.
_ROSE = frozenset({"rose", "risen", "rises", "rise", "climbed", "climbs", "jumped", "jumps",
                   "increased", "increases", "grew", "grown", "soared", "surged", "swelled"})
_REACHED = frozenset({"reached", "reaches", "hit", "hits", "topped", "tops", "passed",
                      "surpassed", "exceeded"})
#: Verbs of a change stated "by" a figure: "rose by 300", "fell by 20".
_RISE_VERBS = _ROSE | {"fell", "fallen", "dropped", "declined", "decreased"}
#: Words of a running count: "the death toll", "the tally".
_TOLLS = frozenset({"toll", "tally", "tolls"})
#: A sum a figure is brought to ("its total to", "the tally to").
_SUMS = frozenset({"total", "tally"})
# Right after a figure and followed by "than", it is a difference: "25,000 more
# Americans died than recorded".
_DIFFERENCE = frozenset({"more", "fewer", "less"})
#: Words before and after a figure within which an increment cue is its own.
_DAY_BEFORE, _DAY_AFTER = 4, 12


def _standing_count(found: Words, before: int, first: int, hits: list[Hit],
                    named: frozenset[str] | None = None) -> bool:
    """A count a place has, as an outbreak's running total is told: "the U.S. has seen
    1.3 million infections", "there have been over 1.5 million confirmed cases", "the
    country has recorded 1.4 million cases"; not one event's ("there were 40 cases in the
    raid on the clinic") nor one day's ("there were 545 cases on Tuesday").

    ``named`` (pronouns): only when a name has the count ("Italy has recorded 20,000
    deaths"; not "the hospital had recorded four deaths", "there have been 12 deaths", "He
    has recorded").
    """
    if before + 1 < len(found.lower) and found.lower[before + 1] in _LEVEL_WORDS:
        before += 1  # the verb read into the figure: "topped 40,000", "surpassed 1 million"
    lead = " ".join(found.lower[max(0, before - 3):before + 1])
    seen = _HAS_SEEN.search(lead)
    if not seen:
        return False
    if named is not None:
        subject = before - len(seen.group(0).split())
        if subject < 0 or seen.group(0).startswith("there") \
                or not found.surface[subject][:1].isupper() or found.lower[subject] in named:
            return False
    if seen.group("level"):
        return True  # "cases topped 40,000 on Sunday": the day the total was reached
    return not any(hit.kind in ("weekday", "relative", "attack") and first <= hit.first < first + 6
                   for hit in hits)


# Level verbs the extractor reads into a figure as its qualifier ("topped 40,000").
_LEVEL_WORDS = frozenset({"topped", "tops", "top", "surpassed", "surpasses", "surpass",
                          "passed", "exceeded", "exceeds", "exceed"})
#: Metrics whose standing count ("has seen 1.3 million infections") is a running total.
#: Not deaths: "the hospital had recorded four deaths" is one attack's toll; a death toll
#: beside such a count is one by the "and" that joins them (``carries_on``).
_STANDING_METRICS = frozenset({"cases", "tests", "vaccinated"})
# The words before such a count: "has seen", "have now recorded", "there have been",
# a total's level verb ("cases top 1.4 million", "tests passed 10 million").
_HAS_SEEN = re.compile(
    r"""(?:\b(?:has|have|had)\s+(?:now\s+|so\s+far\s+|already\s+)?
         (?:seen|had|recorded|reported|confirmed|registered|logged|counted|tallied|identified)
       | \bthere\s+(?:are|have\s+been|had\s+been)(?:\s+now)?
       | \b(?:has|have)(?:\s+now)?
       | \b(?P<level>top|tops|topped|surpass|surpasses|passed|exceed|exceeds|exceeded|reach
            |reaches|reached|near|nears|neared|approach|approaches|approached|stand\s+at
            |stands\s+at))$""",
    re.VERBOSE)


def _one_event(hits: list[Hit]) -> bool:
    """Whether a sentence names one event (an attack word): "killed in an air strike"."""
    return any(hit.kind == "attack" for hit in hits)


# Past participles of a running total's verb: "have tested positive", "have died".
_TOTAL_PERFECTS = frozenset({"died", "come", "caught", "got", "had", "been"})


def hedge(quantity: Quantity, reading: SentenceReading, vocab: object = None) -> str | None:
    """The words that make a figure an estimate or projection ("may have", "could reach",
    "as high as", "is expected to"), read a few words around it; None when stated as fact.
    """
    found = reading.words
    before = found.last_before(quantity.start)
    after = found.first_after(quantity.end)
    near = [hit for hit in reading.hits if hit.kind == "hedge"
            and before - _HEDGE_BEFORE < hit.stop <= after + _HEDGE_AFTER
            and not (hit.first > after + 1 and hit.value in _ONLY_BEFORE)
            and not (hit.stop <= before
                     and not _CLAUSE_BREAKS.isdisjoint(found.lower[hit.stop:before + 1]))
            and not _the_month(found, hit)]
    if not near:
        return None
    inside = found.first_after(quantity.start)
    return min(near, key=lambda hit: (abs(hit.stop - inside), hit.first)).value


def _the_month(found: Words, hit: Hit) -> bool:
    """Whether the hedge "may" is the month: "By May 7", "in May" (a capital "May"
    inside a sentence, or before a day's number)."""
    if found.surface[hit.first] != "May" or hit.stop - hit.first != 1:
        return False
    following = found.lower[hit.stop] if hit.stop < len(found.lower) else ""
    return hit.first > 0 or following[:1].isdigit()


# A new clause between a hedge before a figure and the figure: "between 90,000 and 1.2
# million could die, and 4,000 have died" (the 4,000 is no estimate).
_CLAUSE_BREAKS = frozenset({"and", "but", "while", "whereas", "although"})
#: Words before and after a figure within which a hedge word is its own.
_HEDGE_BEFORE, _HEDGE_AFTER = 6, 4
# Hedge words that hedge only what follows them ("if 60% would need" is hedged by "if").
_ONLY_BEFORE = frozenset({"if", "up to", "as high as"})


def _is_since(found: Words, index: int) -> bool:
    """Whether word ``index`` is "since" opening a period ("since 2011", "since then").

    Not "since it is unclear" (because), a closing "ever since", nor a record's ("the lowest
    since March", "the first time since April").
    """
    if found.lower[index] != "since" or index + 1 >= len(found.lower):
        return False
    if index > 0 and found.lower[index - 1] in ("ever", *_RECORDS):
        return False  # "the lowest since March" compares one count with others
    if index > 1 and found.lower[index - 2:index] == ["first", "time"]:
        return False  # "for the first time since April"
    return found.lower[index + 1] not in _NOT_A_PERIOD


# Before "since": a record, not a period the figure counts ("the lowest since March").
_RECORDS = frozenset({"lowest", "highest", "fewest", "most", "least", "largest", "smallest",
                      "biggest", "deadliest", "worst", "best", "level", "low", "high"})
# A relative clause between a figure and "since" ("killed 23 in the town, which
# has been besieged since 2013"): the period is the clause's, not the figure's.
_RELATIVE = frozenset({"which", "that", "who", "where", "when", "whose"})
# After "since": "because", not a point in time.
_NOT_A_PERIOD = frozenset({"it", "they", "he", "she", "we", "there", "this", "that", "you", "i",
                           "these", "those", "no", "not"})


def _frames_total(found: Words, war: Hit, vocab: WarWords) -> bool:
    """Whether a war word frames a total: "killed in the war", "a war that has killed".

    Not "war crimes", "war-torn", nor a war named only in passing.
    """
    following = found.lower[war.stop] if war.stop < len(found.lower) else ""
    if following in vocab.not_war_set:
        return False
    leading = found.lower[max(0, war.first - 4):war.first]
    return bool(_WAR_LEAD & set(leading)) or following in _WAR_FOLLOW


_WAR_LEAD = frozenset({"in", "during", "throughout", "of"})
_WAR_FOLLOW = frozenset({"has", "have", "had", "that", "which", "so"})


def carries_on(text: str, metric: str, quantity: Quantity, reading: TotalReading,
               prior: Figure | None) -> bool:
    """A quantity (of ``metric``) that continues a running total told just before it.

    "The U.S. has seen 1.3 million infections and nearly 80,000 deaths"; "has killed
    300,000 and injured one million" (joined by "and" to the total before it);
    "At least 287 IS fighters had been killed in the fight for Hasakeh ...
    Another 120 soldiers ... were also killed"; "under rocket attacks since
    mid-January. Twenty people in Kilis have been killed".
    """
    if prior is not None and prior.cumulative and metric in CUMULATIVE_METRICS \
            and reading.sentence[0] <= prior.start and _AND.match(text, prior.end, quantity.start):
        found = reading.words
        before = found.last_before(quantity.start)
        if not _one_day(found, reading.hits, before, found.first_after(quantity.end)):
            return True
    if metric not in PEOPLE_EVENTS:
        return False
    lo, hi = max(reading.start, quantity.start - 120), min(reading.end, quantity.end + 120)
    if prior is not None and prior.cumulative and prior.metric == metric \
            and quantity.start - prior.end < 400 and (
                _ADDED.search(text, max(reading.start, quantity.start - 12), quantity.start)
                or _ALSO.match(text, quantity.end, min(reading.end, quantity.end + 60))):
        return True
    opening = text[max(0, reading.sentence[0] - 240):reading.sentence[0]]
    return bool(_PERFECT.search(text, lo, hi) and _SINCE_LAST.search(opening))


# Between a running total and a figure joined to it: the total's noun (up to three
# words), "and", perhaps a verb: "1.3 million infections and", "300,000 and injured".
_AND = re.compile(r"[ \t]*(?:[\w-]+[ \t]+){0,3}?,?[ \t]*and[ \t]+(?:\w+ed[ \t]+)?$")
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


def share_hedges(text: str, figures: list[Figure]) -> list[Figure]:
    """Figures joined as one estimate share its hedge: "between 200,000 and 1.7 million
    could die" hedges both, "200 or 300 may have died" both.

    ``figures`` are in text order; the result is in the same order.
    """
    out = list(figures)
    for index in range(len(out) - 1):
        left, right = out[index], out[index + 1]
        if (left.hedge is None) == (right.hedge is None) or left.sentence != right.sentence:
            continue
        if _JOINED.fullmatch(text, left.end, right.start):
            hedge = left.hedge or right.hedge
            out[index] = replace(left, hedge=hedge)
            out[index + 1] = replace(right, hedge=hedge)
    return out


# What lies between two figures of one estimate: "and", "or", "to", a dash.
_JOINED = re.compile(r"\s*(?:and|or|to|-|–)\s*")
