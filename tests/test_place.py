"""place: what each figure measures and where it sits in the world (GUIDELINES.md).

Each row is a sentence written for these tests with its figure marked
``[[like this]]`` and what place() should say about it. Quantities are built
by hand, so these tests do not depend on the extractor. Rows are grouped by
where they come from; known failures stay as strict xfails so that a fix is
noticed.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import time
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from pydantic import ValidationError

from figures.model import METRICS, Document, Figure, Quantity
from figures.place import PlaceVocab, load_desk_vocab, load_place_vocab, place
from figures.vocab import load_vocab

from .conftest import FAKES_CSV, GOLD, SEEDS

pytest_plugins = ["pytester"]

#: A Wednesday.
PUBLISHED = date(2015, 9, 23)


@pytest.fixture(scope="module")
def vocab() -> PlaceVocab:
    return load_place_vocab()


#: The example desk vocabulary of one story (the Syrian war, FA-KES), committed with the rules.
STORY_VOCAB = Path(__file__).parent.parent / "rules" / "vocab" / "fakes.yaml"


@pytest.fixture(scope="module")
def story_vocab(vocab: PlaceVocab) -> PlaceVocab:
    """The packaged vocabulary with one story's desk vocabulary merged on."""
    return vocab.extended(load_desk_vocab(STORY_VOCAB))


def marked(text: str, unit: str = "count", value: float | None = None,
           low: float | None = None, high: float | None = None) -> tuple[str, list[Quantity]]:
    """The text without its [[marks]] and one Quantity for each marked figure.

    Other figures of the sentence, marked {{like this}}, come after them as plain counts.
    """
    quantities = []
    while "[[" in text:
        start = text.index("[[")
        end = text.index("]]") - 2
        text = text.replace("[[", "", 1).replace("]]", "", 1)
        surface = text[start:end]
        number = value
        if number is None and surface.replace(",", "").isdigit():
            number = float(surface.replace(",", ""))
        quantities.append(Quantity(start, end, surface, number,
                                   number if low is None else low,
                                   number if high is None else high, "exact", unit))
    others = []
    while "{{" in text:
        start = text.index("{{")
        end = text.index("}}") - 2
        text = text.replace("{{", "", 1).replace("}}", "", 1)
        quantities = [_shifted(q, start) for q in quantities]
        others = [_shifted(q, start) for q in others]
        surface = text[start:end]
        number = float(surface.replace(",", "")) if surface.replace(",", "").isdigit() else 1.0
        others.append(Quantity(start, end, surface, number, number, number, "exact", "count"))
    return text, quantities + others


def _shifted(quantity: Quantity, removed_at: int) -> Quantity:
    """The quantity after a {{mark}} at ``removed_at`` (four characters) is taken out."""
    if quantity.start < removed_at:
        return quantity
    return dataclasses.replace(quantity, start=quantity.start - 4, end=quantity.end - 4)


def placed(vocab: PlaceVocab, text: str, unit: str = "count", value: float | None = None,
           published: date | None = PUBLISHED) -> Figure:
    """The Figure of the (last) [[marked]] figure of ``text``."""
    clean, quantities = marked(text, unit, value)
    document = Document("doc", clean, "test", "Test Outlet", published)
    figures = place(document, quantities, vocab)
    return figures[text.count("[[") - 1]


class Case(NamedTuple):
    text: str
    metric: str
    noun: Any = ...          # ... = not checked
    cumulative: bool = False
    unit: str = "count"
    value: float | None = None


def check(vocab: PlaceVocab, case: Case) -> None:
    figure = placed(vocab, case.text, case.unit, case.value)
    assert figure.metric == case.metric
    if case.noun is not ...:
        assert figure.noun == case.noun
    assert figure.cumulative is case.cumulative


# GUIDELINES.md, "Metrics": one row a metric, the cue words of its table row.
METRIC_TABLE = {
    "killed-killed": Case("Air strikes killed [[12]] civilians in the town.", "killed", "civilian"),
    "killed-dead": Case("The blast left [[nine]] people dead.", "killed", "person"),
    "killed-died": Case("[[Four]] children died in the fire.", "killed", "child"),
    "killed-death-toll": Case("Medics put the death toll at [[31]].", "killed", "person"),
    "killed-lives": Case("The raid claimed the lives of [[15]] people.", "killed", "person"),
    "killed-bodies": Case("Rescuers recovered [[23]] bodies from the rubble.", "killed", "body"),
    "aircraft-model-designation": Case("Moscow sent [[a dozen]] Su-24s to the base.",
                                       "aircraft", "su-24"),
    "aircraft-model-before-a-troops-word": Case("It flew in [[four]] Su-30 fighters.",
                                                "aircraft", "su-30"),
    "aircraft-capitalised-modifier": Case("Officials count [[28]] Russian combat aircraft.",
                                          "aircraft", "aircraft"),
    "killed-estimated-to-have-been": Case(
        "[[More than 140000]] people are estimated to have been killed since March 2011.",
        "killed", "person", cumulative=True),
    "killed-massacred": Case("Gunmen massacred [[40]] villagers.", "killed", "villager"),
    "killed-executed": Case("The group executed [[70]] of its own members.", "killed", "member"),
    "killed-martyrs": Case("Shelling on the city claims [[20]] martyrs.", "killed", "martyr"),
    "injured-wounded": Case("The bomb wounded [[25]] workers.", "injured", "worker"),
    "injured-injured": Case("Seven people were killed and [[72]] others were injured.",
                            "injured", "person"),
    "injured-hurt": Case("[[Three]] children were hurt by the shrapnel.", "injured", "child"),
    "displaced-fled": Case("[[Some 1400]] civilians fled the area.", "displaced", "civilian",
                           value=1400),
    "displaced-evacuated": Case("More than [[30000]] people will be evacuated from the towns.",
                                "displaced", "person"),
    "displaced-refugees": Case("The camp holds [[4000]] refugees.", "displaced", "refugee"),
    "detained-arrested": Case("Police arrested [[18]] people at the border.", "detained",
                              "person"),
    "detained-hostages": Case("The militants hold [[two]] hostages.", "detained", "hostage",
                              value=2),
    "troops-soldiers": Case("Moscow sent [[500]] soldiers to the base.", "troops", "soldier"),
    "troops-fighters": Case("The militia commands [[some 90000]] fighters across the country.",
                            "troops", "fighter", value=90000),
    "troops-Americans-in-a-force": Case(
        "Its ground force of [[5,451]] includes [[3,359]] Americans, a spokesman said.",
        "troops", "american"),
    "aircraft-jets": Case("[[Four]] Russian Sukhoi jets landed at the base.", "aircraft", "jet"),
    "aircraft-helicopters": Case("The army lost [[two]] helicopters.", "aircraft", "helicopter"),
    "aircraft-drones": Case("They flew [[three]] drones over the city.", "aircraft", "drone"),
    "equipment-tanks": Case("Rebels destroyed [[six]] tanks.", "equipment", "tank"),
    "equipment-vehicles": Case("Strikes destroyed [[two]] IS armed vehicles.", "equipment",
                               "vehicle"),
    "strikes-airstrikes": Case("The coalition conducted [[21]] airstrikes on Thursday.", "strikes",
                               "airstrike"),
    "strikes-air-strikes": Case("The US conducted [[two]] air strikes near the town.", "strikes",
                                "airstrike"),
    "strikes-sorties": Case("Jets flew [[60]] sorties overnight.", "strikes", "sortie"),
    "munitions-missiles": Case("The US launched [[59]] Tomahawk cruise missiles at the airfield.",
                               "munitions", "missile"),
    "munitions-barrel-bombs": Case("Helicopters dropped [[three]] barrel bombs on the market.",
                                   "munitions", "barrel bomb"),
    "munitions-shells": Case("[[Dozens of]] shells fell on the villages.", "munitions", "shell",
                             value=None),
    "targets-positions": Case("Warplanes destroyed [[eight]] positions of the group.", "targets",
                              "position"),
    "targets-depots": Case("They hit [[two]] ammunition depots.", "targets", "depot"),
    "buildings-buildings": Case("[[Two]] buildings collapsed after the strike.", "buildings",
                                "building"),
    "buildings-hospitals": Case("Bombs hit [[three]] hospitals in a week.", "buildings",
                                "hospital"),
    "money": Case("It has provided [[$2.3 billion]] in equipment.", "money", None, unit="USD",
                  value=2.3e9),
    "duration-war": Case("The [[four-year]] war goes on.", "duration", "war", unit="year",
                         value=4),
    "age": Case("A [[28-year]]-old teacher said she heard two blasts.", "age", "teacher",
                unit="year", value=28),
    "distance": Case("The town lies [[about 40 kilometers]] from Homs.", "distance", "kilometer",
                     unit="km", value=40),
    "share": Case("The group controls [[more than 60 percent]] of the city.", "share", "city",
                  unit="percent", value=60),
    "people-officials": Case("[[Two]] US officials spoke on condition of anonymity.", "people",
                             "official"),
    "people-sources": Case("The goal is to retake the city, the [[two]] sources said.", "people",
                           "source"),
    "other-bases": Case("Images show work at [[two]] Russian-operated bases.", "other", "base"),
    "other-villages": Case("Rebels seized [[14]] villages.", "other", "village"),
    # other stories' metrics
    "missing-unaccounted-for": Case("[[Forty]] climbers remain unaccounted for after the "
                                    "avalanche.", "missing", "climber"),
    "cases-tested-positive": Case("[[Twelve]] nurses tested positive for the virus.", "cases",
                                  "nurse"),
    "cases-noun": Case("The county reported [[85]] new cases.", "cases", "case"),
    "tests-noun": Case("The lab ran [[4,000]] tests last week.", "tests", "test", value=4000),
    "hospitalized-in-hospital": Case("[[Nine]] patients are in intensive care.", "hospitalized",
                                     "patient"),
    "vaccinated-doses": Case("Clinics gave [[250,000]] doses in May.", "vaccinated", "dose",
                             value=250000),
    "killed-by-a-disease": Case("[[Sixty]] residents died of the flu.", "killed", "resident"),
}

# GUIDELINES.md, "Worked examples" (in sentences of our own).
WORKED_EXAMPLES = {
    "more-than-220000-killed": Case(
        "The war has seen [[more than 220,000]] people killed and one million wounded "
        "since March 2011.", "killed", "person", True, value=220000),
    "one-million-wounded": Case(
        "The war has seen more than 220,000 people killed and [[one million]] wounded "
        "since March 2011.", "injured", "person", True, value=1e6),
    "a-dozen-aircraft": Case(
        'That included the positioning of [[a dozen]] "Fencer" advanced-attack aircraft.',
        "aircraft", "aircraft", value=12),
    "four-year-war": Case("He spoke of a [[four-year]] war.", "duration", "war", unit="year",
                          value=4),
    "hundreds-of-troops": Case("[[Hundreds of]] Iranian troops arrived in Syria.", "troops",
                               "troop"),
    "close-to-500000": Case(
        "[[Close to 500000]] people have been killed since Syrias conflict first erupted "
        "in March 2011.", "killed", "person", True, value=500000),
    "36-civilians": Case("Russian airstrikes in four areas killed [[36]] civilians.",
                         "killed", "civilian"),
    "five-children-among-the-dead": Case(
        "Airstrikes killed 36 civilians, with [[five]] children among the dead.",
        "killed", "child", value=5),
}

# GUIDELINES.md, "cumulative": running totals of the war or a campaign vs one event.
CUMULATIVE = {
    "since-the-conflict-began": Case(
        "More than [[230000]] people have been killed in Syria since the conflict began "
        "in March 2011.", "killed", "person", True),
    "the-war-has-killed": Case("The war has killed [[more than 300000]] people.", "killed",
                               "person", True, value=300000),
    "killed-in-the-war": Case("[[More than 150000]] people have been killed in Syrias three-year "
                              "war.", "killed", "person", True, value=150000),
    "conflict-which-has-killed": Case(
        "The five-year-old conflict which has killed [[280000]] people goes on.",
        "killed", "person", True),
    "so-far": Case("The offensive has so far killed [[hundreds]] of fighters.", "killed",
                   cumulative=True, value=None),
    "to-date": Case("To date, it has provided [[$2.3 billion]] in aid.", "money", None, True,
                    unit="USD", value=2.3e9),
    "since-a-weekday": Case(
        "Since Saturday [[at least 68]] civilians have been killed in the town.", "killed",
        "civilian", True, value=68),
    "campaign-running-total": Case(
        "The bombing campaign has killed [[hundreds]] of people.", "killed",
        cumulative=True, value=None),
    "fight-for-a-city": Case(
        "At least [[287]] fighters had been killed in the fight for Hasakeh.", "killed",
        "fighter", True),
    "another-carries-on": Case(
        "At least [[287]] fighters had been killed in the fight for Hasakeh. Another [[120]] "
        "soldiers were also killed.", "killed", "soldier", True),
    "one-car-bomb": Case("At least [[17]] people were killed in a car bomb on Monday.", "killed",
                         "person", False),
    "one-city-one-day": Case("Air strikes killed [[21]] people in Aleppo on Thursday.", "killed",
                             "person", False),
    "war-crime-is-no-frame": Case(
        "It is a war crime. [[Three]] civilians were killed on Wednesday.", "killed",
        "civilian", False),
    "war-torn-is-no-frame": Case(
        "A car bomb killed [[four]] people in war-torn Syria.", "killed", "person", False),
    "ever-since-is-no-period": Case(
        "Air strikes killed [[23]] people in the town which has been under siege ever since.",
        "killed", "person", False),
    "since-as-because": Case(
        "Since it is unclear who fired, [[12]] deaths remain unexplained.", "killed",
        cumulative=False),
    "a-death-toll-of-one-attack": Case(
        "The WHO put the death toll of the attack at [[at least 70]].", "killed",
        cumulative=False, value=70),
    "duration-is-never-cumulative": Case(
        "Since March 2011 the [[four-year]] war has raged.", "duration", "war", False,
        unit="year", value=4),
}

# Counts of people: what happened to them decides the metric.
EVENTS = {
    "active-verb-takes-the-next-figure": Case(
        "Rockets hit the neighborhood killing [[2]] people injuring 7 others.", "killed",
        "person"),
    "active-verb-after": Case(
        "Rockets hit the neighborhood killing 2 people injuring [[7]] others.", "injured",
        "person"),
    "part-of-the-figure-before": Case(
        "Barrel bombs killed at least 11 civilians including [[three]] children.", "killed",
        "child"),
    "joined-by-and": Case(
        "The strike killed 18 people including five children and [[two]] women.", "killed",
        "woman"),
    "others-take-the-noun-before": Case(
        "[[Five]] civilians were killed and [[more than 90]] others were wounded.", "injured",
        "civilian", value=90),
    "toll-has-reached": Case(
        "The death toll from the shelling in the past 24 hours has reached [[20]] people in "
        "addition to dozens of others injured.", "killed", "person"),
    "killed-and-wounded-leads-with-the-dead": Case(
        "Mines have killed and wounded [[hundreds of]] civilians.", "killed", "civilian",
        value=None),
    "missing-people": Case("There are [[dozens of]] people missing.", "missing", "person",
                           value=None),
    "fighters-without-an-event": Case(
        "The convoy carried 5000 people including civilians and [[several hundred]] fighters.",
        "troops", "fighter", value=None),
    "headline-without-commas": Case("[[35]] Dead Dozens Wounded in Battle in Aleppo.", "killed",
                                    "person"),
    "unknown-noun-needs-a-near-event": Case(
        "Death toll climbs to 22 in a landslide. A picture is worth [[a thousand]] words.",
        "other", "word", value=1000),
    "named-age": Case("There is no space to move around, Ahmed [[24]] said.", "age", "person"),
    "once-is-a-count-of-times": Case("US aircraft entered the airspace [[at least once]].",
                                     "other", "time", value=1),
    "got-injured": Case("A woman was killed and [[three]] other civilians got injured.",
                        "injured", "civilian"),
    "sustained-injuries": Case("Two fighters were killed and [[two]] others sustained injuries.",
                               "injured"),
    "an-event-of-the-clause-before-is-not-taken-across-and": Case(
        "Eight students were killed and another [[27]] students and a teacher were injured.",
        "injured", "student"),
    "the-bodies-of": Case("Medics showed the bodies of [[a dozen]] people with no wounds.",
                          "killed", "person", value=12),
    "ampersand-ends-the-noun-phrase": Case("Airstrikes Kill [[35]] & Destroy Hospital.",
                                           "killed", "person"),
    "a-count-of-speakers": Case("Medics rushed the injured to hospital, [[one]] witness said.",
                                "people", "witness", value=1),
    "a-count-of-speakers-after-an-event": Case(
        "The strike killed 10 people and wounded [[dozens]], activists said.", "injured",
        value=None),
    "not-past-a-relative-clause": Case(
        "Ten rebels were killed near the city, which shelters [[300000]] civilians.",
        "people", "civilian"),
    "a-figure-joined-by-including-shares-the-event": Case(
        "At least [[11]] civilians including three children were killed.", "killed",
        "civilian"),
    "an-apposition-shares-the-event": Case(
        "[[Three]] people two of them children died in the shelling.", "killed", "person"),
    "a-population-of": Case(
        "The death toll reached 30000 out of a population of [[350000]].", "people",
        "population"),
    "under-the-age-of": Case("The dead included 11 children under the age of [[eight]].",
                             "age", "person", value=8),
    "driven-from-their-homes": Case(
        "The war has killed 280000 people and driven [[millions]] from their homes.",
        "displaced", "person", True, value=None),
    "the-toll-of-a-war-restated": Case(
        "The war has killed [[many hundreds of thousands]] of people and driven more than "
        "half of Syrians from their homes.", "killed", "person", True, value=None),
    "the-injury-of": Case("It led to the death of one person and the injury of [[40]] others.",
                          "injured", "person"),
}

# The war's cumulative death toll as outlets restate it, and tolls that are not it.
WAR_TOLLS = {
    "claimed-lives": Case("The war has claimed [[more than 250,000]] lives and driven millions "
                          "from their homes.", "killed", "life", True, value=250000),
    "hundreds-of-thousands": Case("Syrias six-year war has killed [[hundreds of thousands]].",
                                  "killed", "person", True, value=None),
    "put-the-death-toll": Case(
        "A research center put the death toll from the five-year conflict at [[470000]].",
        "killed", "person", True),
    "deaths": Case("The civil war ongoing since 2011 has brought [[230000]] deaths.", "killed",
                   "person", True),
    "since-then": Case("Since then [[more than a quarter of a million]] people have been killed "
                       "across the country.", "killed", "person", True, value=250000),
    "one-month": Case("Last month [[nearly 1200]] civilians were killed, a network said.",
                      "killed", "civilian", False, value=1200),
    "one-attack": Case("The gas attack near the capital killed [[more than 1400]] people.",
                       "killed", "person", False, value=1400),
    "a-subgroup-keeps-its-noun": Case(
        "The war has claimed [[more than 300000]] lives including [[some 87000]] civilians.",
        "killed", "civilian", True, value=87000),
}

# Shapes of news sentences in any story (invented sentences), found on other stories' news.
ANY_STORY = {
    "a-subject-before-a-level-verb": Case("Confirmed cases in the region topped [[40,000]] on "
                                          "Sunday.", "cases", ..., True, value=40000),
    "a-subject-noun-of-a-metric": Case("The known number of cases worldwide is [[about two "
                                       "million]].", "cases", ..., value=2e6),
    "a-verb-of-its-own-before": Case("The flood killed {{40}} people and affected [[at least "
                                     "9,000]] in the valley.", "other", None),
    "an-event-of-the-next-figure": Case("The virus spread fast, infecting [[1.5 million]] "
                                        "people and killing {{90,000}}.", "cases", "person"),
    "a-participle-after-its-own-figure": Case("[[Eight]] Civilians Killed {{14}} Injured in "
                                              "Bombing.", "killed", "civilian"),
    "a-rates-base": Case("The region counts {{15.1}} deaths per [[100,000]] people.", "other",
                         "person", value=100000),
    "a-level-verb-in-ing": Case("Deaths in the province are nearing [[7,000]].", "killed",
                                ..., value=7000),
    "a-noun-of-its-own-before-a-subject": Case("For every flat there are [[2.8]] people "
                                               "living in it.", "people", "person", value=2.8),
    "deaths-among-cases": Case("Officials found {{1,324}} cases in the jails, including "
                               "[[at least 32]] deaths.", "killed", value=32),
    "a-verb-of-its-own-after": Case("{{More than 900}} workers have died, and [[30,000]] have "
                                    "filed claims.", "people", ..., value=30000),
    "an-initialism-inside-the-noun-phrase": Case(
        "Despite the storm, [[three]] top U.S. insurance brokers expect claims to rise.",
        "people", "broker"),
    "n-of-my-m-nouns": Case("[[Three]] of my {{four}} grandparents were farmers.", "people",
                            "grandparent"),
    "n-of-a-possessive-m-nouns": Case("[[Fifty-one]] of Acme's {{100}} depots are closed.",
                                      "targets", "depot"),
    "n-of-the-m-counted-nouns": Case("In the ambush [[18]] of the {{31}} trucks were destroyed.",
                                     "equipment", "truck"),
    "a-hyphen-compound-counts-its-own-noun": Case("The [[101]]-story tower opens in May.",
                                                  "other", "story"),
    "a-hyphen-compound-of-people": Case("The [[15]]-member council met on Monday.", "people",
                                        "member"),
    "a-hyphen-compound-of-things": Case("A [[20]]-truck convoy reached the town.", "equipment",
                                        "truck"),
    "a-part-of-things": Case("Acme shut {{51}} of its {{100}} depots, including all [[eight]] "
                             "in the north.", "targets", "depot"),
    "an-aside-before-the-verb": Case("As of Monday, [[30]] inmates, including a guard, had died.",
                                     "killed", "inmate", True),
    "an-event-word-of-another-figure": Case(
        "Only {{one}} death was reported across its {{100}} homes housing [[650]] clients.",
        "people", "client"),
    "an-event-word-before-a-duration": Case(
        "The strike brought the number killed in {{24}} hours of shelling in the city to [[45]].",
        "killed", "person"),
    "a-compound-with-a-prefix": Case("Here is a look at [[three]] megahomes on the market.",
                                     "buildings", "megahome"),
    "households-are-other": Case("Some [[38 million]] households pay too much rent.", "other",
                                 "household"),
    "households-that-fled": Case("[[200]] families fled the valley.", "displaced", "family"),
    "a-family-of-four-counts-people": Case(
        "Ten people were killed, including a family of [[four]].", "killed"),
    "the-homeless": Case("Half a million people sleep rough and [[12,000]] people are sleeping "
                         "on the streets.", "displaced", "person"),
    "recovered": Case("[[About 600]] have recovered.", "people"),
    "said-one-official": Case('"I will not play that game," said [[one]] official when asked.',
                              "people", "official"),
    "hospitalized-twice": Case("He was hospitalized [[twice]] last year.", "hospitalized", "time"),
    "a-noun-before-once-is-no-event": Case("We get cardiac arrests [[about once]] a week.",
                                           "other", "time"),
    "a-share-in-parentheses": Case("Confirmed: 7,991 cases ([[20%]])", "share", unit="percent",
                                   value=20),
    "a-decade-of-life": Case("Now in their [[mid-80s]], they walk less.", "age", "person",
                             unit="year"),
    "an-age-far-from-the-person": Case(
        "The [[100-year]]-old Second World War veteran is to be knighted.", "age", "veteran",
        unit="year", value=100),
    "a-years-old-conflict-is-a-duration": Case("It is a [[five-year]]-old conflict.", "duration",
                                               "conflict", unit="year", value=5),
    "a-figure-in-parentheses-after-its-noun": Case(
        "The largest crowd ([[21,878]]) came in February.", "people", "crowd"),
    "a-figure-after-a-copula": Case("The average weekday crowd was [[21,444]].", "people",
                                    "crowd"),
    "a-copula-after-a-thing-is-no-noun": Case(
        "The death toll from the strikes was [[45]].", "killed"),
    "compared-with": Case("They drew {{21,519}} fans a game, compared with [[21,405]] a year "
                          "before.", "people", "fan"),
    "attendance": Case("Their attendance of [[18,000]] led the league.", "people", "attendance"),
    "a-rate-is-no-running-total": Case("[[About 400,000]] people die of the disease each year.",
                                       "killed", "person", False, value=400000),
    "the-homeless-every-night": Case("[[Half a million]] people are sleeping on the streets every "
                                     "night.", "displaced", "person", False, value=500000),
    "a-war-toll-by-its-size": Case("[[250,000]] people have been killed.", "killed", "person",
                                   True),
    "a-column-header": Case("Season Attendance Rank 2019-20 [[21,441]] 1st", "people",
                            "attendance"),
    "a-row-of-a-table": Case("Season Attendance Rank 2019-20 {{21,441}} 1st 2018-19 [[21,339]] "
                             "1st", "people", "attendance"),
    "a-lower-case-word-is-no-header": Case("The team ranked 2019-20 [[21,441]] 1st", "other",
                                           None),
    "a-headline-verb-is-no-header": Case("Blast Kills [[12]] in Market", "killed"),
    "joined-by-as-well-as": Case(
        "Shelling killed {{15}} soldiers and {{23}} rebels as well as [[two]] civilians.",
        "killed", "civilian"),
}

KNOWN_FAILURES = {
    # the age is named too far before the figure for "age 12" (it is no longer read as
    # counting the patients, though: metric other)
    "a-copula-after-an-age": Case("The average age of the patients was [[3]].", "age"),
    "force-numbers-after-the-noun": Case(
        "The coalition's ground force in Iraq numbers [[5,451]], the spokesman said.",
        "troops", "force"),
    # the noun is the one after the next figure ("claiming eight and injuring 14 citizens")
    "noun-after-the-next-figure": Case(
        "A car bomb rocked the city claiming [[eight]] and injuring 14 citizens.", "killed",
        "citizen", value=8),
    # the running total's "since" is two sentences back
    "since-two-sentences-back": Case(
        "The town has been shelled since January. Rockets fell daily. [[Twenty]] people "
        "have been killed.", "killed", "person", True, value=20),
    # "the violence" as the war's frame
    "the-violence-as-frame": Case(
        "The violence has forced [[nearly half]] of Syrias population to flee.", "displaced",
        "population", True, unit="percent", value=50),
}


def _params(table: dict[str, Case], marks: Any = ()) -> list[Any]:
    return [pytest.param(case, id=name, marks=marks) for name, case in table.items()]


@pytest.mark.parametrize(
    "case",
    _params(METRIC_TABLE) + _params(WORKED_EXAMPLES) + _params(CUMULATIVE) + _params(EVENTS)
    + _params(WAR_TOLLS) + _params(ANY_STORY)
    + _params(KNOWN_FAILURES, pytest.mark.xfail(strict=True, reason="known gap")),
)
def test_metric_noun_cumulative(vocab: PlaceVocab, case: Case) -> None:
    check(vocab, case)


def test_an_event_word_past_another_figure_is_that_figures(vocab: PlaceVocab) -> None:
    text, quantities = marked("An attack on a clinic serving [[thousands of]] Syrians left "
                              "[[two]] patients dead.")
    quantities[0] = Quantity(quantities[0].start, quantities[0].end, quantities[0].text, None,
                             2000, 9999, "vague", "count")
    serving, dead = place(Document("doc", text, "test", None, PUBLISHED), quantities, vocab)
    assert (serving.metric, serving.noun, serving.cumulative) == ("people", "syrian", False)
    assert (dead.metric, dead.noun) == ("killed", "patient")


def test_every_metric_has_a_row() -> None:
    assert {case.metric for case in METRIC_TABLE.values()} == set(METRICS)


# Who is quoted for the figure, with one story's desk vocabulary (its monitors' aliases).
STORY_CLAIMANTS = {
    "according-to-nobody-then-a-speaker": (
        "According to reports, [[12]] people were killed, the Syrian Observatory said.",
        "Syrian Observatory for Human Rights"),
    "the-observatory-said": ("The Syrian Observatory for Human Rights said [[17]] people died.",
                             "Syrian Observatory for Human Rights"),
    "inverted-said": ("[[17]] people died, said the Observatory.",
                      "Syrian Observatory for Human Rights"),
    "a-monitor-said": ("Fighting left [[dozens]] dead, a monitor said.",
                       "Syrian Observatory for Human Rights"),
    "according-to-the-un": ("[[More than 10 million]] were displaced, according to the UN.", "UN"),
    "who-in-capitals": ("WHO said in a statement the toll was [[70]].", "WHO"),
    "us-officials": ("US officials said [[four]] jets were deployed.", "US officials"),
    "a-named-speaker": ("A strike killed [[five]] people, Homs Governor Talal Barazi said.",
                        "Talal Barazi"),  # a person by name, as the gold writes one
    "a-role": ("The provincial governor said [[six]] people died.", "provincial governor"),
    "a-role-as-written": ("The hospital staff said [[six]] people died.", "hospital staff"),
    "nobody": ("[[Six]] people died in the blast.", None),
    "a-pronoun-is-nobody": ("He said [[six]] people died.", None),
    # An attribution that closes a long sentence, beyond the figure's reach.
    "closing-attribution": (
        "The conflict, which began with peaceful protests against the government in March "
        "2011 and spiralled into a war drawing in regional and world powers and jihadist "
        "groups from across the region, with fighting on many fronts and sieges of towns "
        "in the north and the south, has killed [[more than 250,000]] people and driven "
        "millions from their homes in the years since, as repeated rounds of talks in "
        "Geneva and elsewhere have failed to end it, with each side blaming the other and "
        "aid agencies warning of famine in the besieged areas, the Syrian Observatory for "
        "Human Rights said.", "Syrian Observatory for Human Rights"),
    "according-to-a-report-by": (
        "According to a February report by the Syrian Center for Policy Research the "
        "conflict has claimed the lives of [[over 470000]] people.",
        "Syrian Center for Policy Research"),
    "according-to-at-the-end": (
        "Since then [[more than 250000]] people have been killed and more than 10 million "
        "displaced across the country according to U.N. figures.", "UN"),
    "according-to-stops-at-the-figure": (
        "According to a local outlet [[12]] Daesh members were killed.", None),
    "put-the-death-toll-at": (
        "The Syrian Centre for Policy Research has put the death toll at [[470000]].",
        "Syrian Center for Policy Research"),
    "observatory-possessive": ("The observatorys chief said [[11]] fighters were killed.",
                               "Syrian Observatory for Human Rights"),
    "sohr-abbreviation": ("[[Five]] people died, SOHR said.",
                          "Syrian Observatory for Human Rights"),
    "observatory-head-by-name": ("Abdel Rahman said [[10]] of those killed were civilians.",
                                 "Syrian Observatory for Human Rights"),
    "the-un": ("The U.N. says [[200000]] people have been killed.", "UN"),
    "united-nations-puts-the-figure": (
        "The Observatory says 180000 died while the United Nations puts the figure at "
        "[[191000]].", "UN"),
    "snhr": ("Nearly [[1200]] civilians were killed, the Syrian Network for Human Rights "
             "claimed.", "Syrian Network for Human Rights"),
    "who-full-name": ("The World Health Organization said [[70]] people were treated.", "WHO"),
    "a-known-speaker-told-an-agency": ("Abdel Rahman told AFP [[20]] fighters died.",
                                       "Syrian Observatory for Human Rights"),
    "an-agency-told-by-an-unknown": ("The missiles wounded [[25]] others he told AFP.", "AFP"),
    "united-states-is-no-speech-verb": (
        "Strikes by the United States killed [[11]] civilians.", None),
    "the-un-then-a-new-sentence": (
        "Half a million fled according to the U.N. The Syrian Center for Policy Research "
        "put the death toll at [[470000]].", "Syrian Center for Policy Research"),
}


@pytest.mark.parametrize("text, claimant", STORY_CLAIMANTS.values(), ids=STORY_CLAIMANTS.keys())
def test_claimant_with_a_story_vocabulary(story_vocab: PlaceVocab, text: str,
                                          claimant: str | None) -> None:
    assert placed(story_vocab, text).claimant == claimant


# The date a figure refers to, against PUBLISHED (Wednesday 23 September 2015),
# and the start of the period it covers.
DATES = {
    "on-wednesday-is-the-day": ("Strikes killed [[12]] people on Wednesday.",
                                date(2015, 9, 23), None),
    "on-monday-is-two-days-before": ("Strikes killed [[12]] people on Monday.",
                                     date(2015, 9, 21), None),
    "on-thursday-is-last-week": ("Strikes killed [[12]] people on Thursday.",
                                 date(2015, 9, 17), None),
    "yesterday": ("Strikes killed [[12]] people yesterday.", date(2015, 9, 22), None),
    "an-explicit-date": ("On 05 Apr 2015 strikes killed [[12]] people.", date(2015, 4, 5), None),
    "a-month-of-this-year": ("In May [[more than 60]] civilians were killed.",
                             date(2015, 5, 1), None),
    "a-later-month-is-last-year": ("In December [[three]] officers were wounded.",
                                   date(2014, 12, 1), None),
    "the-second-week-of-a-month": ("In the second week of May [[40]] people were killed.",
                                   date(2015, 5, 8), None),
    "the-end-of-a-month": ("At the end of April [[40]] people were killed.",
                           date(2015, 4, 25), None),
    "a-deadline-to-come": ("The agency expects [[40,000]] deaths by the end of December.",
                           date(2015, 12, 25), None),
    # the end of a state still to come dates no count stated with it (the shops shut now)
    "until-a-day-to-come": ("Some [[40]] shops stay shut until October 12.",
                            PUBLISHED, None),
    "through-a-day-to-come": ("Schools stay closed through October 31, with [[200]] new "
                              "cases.", PUBLISHED, None),
    "until-a-day-gone": ("Until September 2, [[300]] people had died.",
                         date(2015, 9, 2), None),
    "nothing-stated-is-published": ("Strikes killed [[12]] people.", PUBLISHED, None),
    "since-march-2011": ("[[230000]] people have been killed since March 2011.",
                         PUBLISHED, date(2011, 3, 1)),
    "since-the-conflict-began-in": (
        "[[230000]] people have been killed since the conflict began in March 2011.",
        PUBLISHED, date(2011, 3, 1)),
    "since-mid-march": ("[[230000]] people have been killed since mid-March 2011.",
                        PUBLISHED, date(2011, 3, 15)),
    "a-total-counts-up-to-publication": (
        "The war, which began with an uprising in March 2011, has now claimed "
        "[[more than 250,000]] lives.", PUBLISHED, date(2011, 3, 1)),
    "since-a-weekday": ("Since Saturday [[68]] civilians have been killed.",
                        PUBLISHED, date(2015, 9, 19)),
    "no-period-for-one-event": ("On Monday [[12]] people were killed in the town, which has "
                                "been besieged since 2013.", date(2015, 9, 21), None),
}


@pytest.mark.parametrize("text, as_of, period_start", DATES.values(), ids=DATES.keys())
def test_dates(vocab: PlaceVocab, text: str, as_of: date, period_start: date | None) -> None:
    figure = placed(vocab, text)
    assert (figure.as_of, figure.period_start) == (as_of, period_start)


def test_no_publication_date_leaves_as_of_open(vocab: PlaceVocab) -> None:
    figure = placed(vocab, "Strikes killed [[12]] people on Monday.", published=None)
    assert figure.as_of is None


ACTORS_AND_PLACES = {
    "russian-strikes-in-idlib": ("Russian air strikes killed [[18]] people in Idlib province.",
                                 "Russia", "Idlib"),
    "by-the-coalition": ("[[16]] civilians were killed in raids by the US-led coalition near "
                         "Raqqa.", "US-led coalition", "Raqqa"),
    "regime-forces": ("Regime forces shelled Douma, killing [[seven]] people.",
                      "Syrian government", "Douma"),
    "victims-are-no-actor": ("[[23]] Daesh members were killed in Syria.", None, "Syria"),
}


@pytest.mark.parametrize("text, actor, where", ACTORS_AND_PLACES.values(),
                         ids=ACTORS_AND_PLACES.keys())
def test_actor_and_place(story_vocab: PlaceVocab, text: str, actor: str | None,
                         where: str | None) -> None:
    figure = placed(story_vocab, text)
    assert (figure.actor, figure.place) == (actor, where)


#: Where a figure is, from the packaged vocabulary and the gazetteer packages alone.
PLACES = {
    "longer-name-wins": ("New York state has recorded [[9,000]] deaths to date.", "New York"),
    "short-form": ("In the U.S., where [[nearly 70,000]] people have died, schools are shut.",
                   "United States"),
    "short-form-without-dots": ("The outbreak has killed [[1,200]] people in the UK.",
                                "United Kingdom"),
    "another-name-of-a-country": ("Floods displaced [[4,000]] families in Great Britain.",
                                  "United Kingdom"),
    "a-countrys-people": ("[[More than 300]] Ukrainians have been evacuated.", "Ukraine"),
    "people-only-when-nothing-closer": ("[[3,000]] Australians serve in Mali.", "Mali"),
    "the-world": ("The virus has now killed [[over 200,000]] people worldwide.", "World"),
    "the-world-only-close-by": ("[[Six]] pilgrims died at the shrine, which draws visitors "
                                "from many lands every year and is known around the world.",
                                None),
    "a-newspaper-is-no-place": ("A report in the Denver Post said [[40]] people were hurt.",
                                None),
    "a-body-based-abroad": ("The monitor, based in Britain, said [[25]] fighters died.", None),
    "a-hyphenated-home": ("A Britain-based monitor said [[25]] fighters died.", None),
    "a-city-as-a-bodys-home": ("A monitoring group based in London said [[12]] people died.",
                               None),
    "a-short-form-actor": ("US airstrikes killed [[nine]] fighters overnight.", None),
    "a-short-form-actor-elsewhere": ("US airstrikes killed [[nine]] fighters in Mosul.",
                                     "Mosul"),
    "a-named-actor-country": ("Ukraine troops lost [[40]] men in the assault.", "Ukraine"),
    "compared-with": ("The country has the most cases after the United States, with "
                      "[[262,000]].", None),
    "compared-with-two": ("The toll stands at [[32,000]], the highest after those of Peru and "
                          "Chile.", None),
    "compared-and-its-own": ("Russia has more cases than the United States: [[262,000]].",
                             "Russia"),
    "a-ranking-is-no-world": ("The toll of [[32,000]] is the third highest in the world.",
                              None),
    "inside-a-body-name": ("The World Health Organization counted [[120]] deaths.", None),
}


@pytest.mark.parametrize("text, where", PLACES.values(), ids=PLACES.keys())
def test_place_of_a_figure(vocab: PlaceVocab, text: str, where: str | None) -> None:
    assert placed(vocab, text).place == where


def test_gazetteer_gives_other_names_and_peoples() -> None:
    from figures.place.gazetteer import gazetteer

    world = gazetteer(100000)
    assert ("United States", "United States of America") in world.country_names
    assert ("India", "Indians") in world.nationals  # not the Indian Ocean territory
    assert not any(word in ("US", "USA", "GB") for _, word in world.country_names)


def test_one_figure_per_quantity_in_order_with_fields_copied(vocab: PlaceVocab) -> None:
    text, quantities = marked("[[Two]] people died. Later [[five]] more were wounded.",
                              value=2.0)
    document = Document("d1", text, "test", "Outlet", PUBLISHED)
    figures = place(document, list(reversed(quantities)), vocab)
    assert [figure.start for figure in figures] == [q.start for q in reversed(quantities)]
    first = figures[-1]
    assert (first.doc, first.text, first.value, first.low, first.high, first.qualifier,
            first.unit, first.outlet, first.published) == (
        "d1", "Two", 2.0, 2.0, 2.0, "exact", "count", "Outlet", PUBLISHED)
    assert first.sentence == "Two people died."
    assert [figure.metric for figure in figures] == ["injured", "killed"]


def test_no_quantities_no_figures(vocab: PlaceVocab) -> None:
    assert place(Document("d", "", "test"), [], vocab) == []


def test_a_noun_under_two_metrics_is_an_error() -> None:
    data = load_vocab("place.yaml", PlaceVocab).model_dump()
    data["nouns"]["aircraft"].append("tank")
    with pytest.raises(ValidationError, match="tank"):
        PlaceVocab.model_validate(data)


def test_an_unknown_metric_is_an_error() -> None:
    data = load_vocab("place.yaml", PlaceVocab).model_dump()
    data["events"]["slain"] = ["slain"]
    with pytest.raises(ValidationError, match="not a metric"):
        PlaceVocab.model_validate(data)


def test_a_long_single_line_document_does_not_hang(vocab: PlaceVocab) -> None:
    """10 MB without a full stop: each figure reads a bounded window."""
    unit = "the army said on Monday that rebels killed 17 people in Aleppo since March 2011 and "
    text = unit * (10_000_000 // len(unit))
    quantities = []
    for offset in range(0, len(text) - len(unit), len(unit) * 5000):
        at = text.index("17", offset)
        quantities.append(Quantity(at, at + 2, "17", 17.0, 17.0, 17.0, "exact", "count"))
    started = time.process_time()
    figures = place(Document("big", text, "test", published=PUBLISHED), quantities, vocab)
    assert time.process_time() - started < 5
    assert figures[0].metric == "killed" and figures[0].cumulative
    assert len(figures[0].sentence) < 1000


# --- against gold spans (../shared/gold), with floors -----------------------


def _gold_documents(name: str) -> dict[str, Document]:
    if name == "seeds":
        with (SEEDS / "manifest.csv").open(encoding="utf-8", newline="") as handle:
            return {row["id"]: Document(row["id"], (SEEDS / row["file"]).read_text("utf-8"),
                                        row["file"], row["outlet"],
                                        date.fromisoformat(row["published"]))
                    for row in csv.DictReader(handle)}
    with (GOLD / "fakes-dev-docs.csv").open(encoding="utf-8", newline="") as handle:
        wanted = {row["unit_id"] for row in csv.DictReader(handle)}
    documents: dict[str, Document] = {}
    with FAKES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["unit_id"] in wanted and row["unit_id"] not in documents:
                month, day, year = (int(part) for part in row["date"].split("/"))
                documents[row["unit_id"]] = Document(
                    row["unit_id"], row["article_content"], "FA-KES", row["source"],
                    date(year, month, day))
    return documents


@pytest.mark.parametrize("name, floor", [("seeds", 0.93), ("fakes-dev", 0.95)])
def test_metric_accuracy_on_gold_spans(shared: Any, name: str, floor: float) -> None:
    vocab = load_place_vocab()
    documents = _gold_documents(name)
    gold = [json.loads(line) for line in (GOLD / f"{name}.jsonl").open(encoding="utf-8")]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for record in gold:
        by_doc.setdefault(record["doc"], []).append(record)
    right = cumulative = 0
    for doc, records in by_doc.items():
        assert all(documents[doc].text[r["start"]:r["end"]] == r["text"] for r in records)
        quantities = [Quantity(r["start"], r["end"], r["text"], r["value"], r["low"], r["high"],
                               r["qualifier"], r["unit"]) for r in records]
        for record, figure in zip(records, place(documents[doc], quantities, vocab), strict=True):
            right += figure.metric == record["metric"]
            cumulative += figure.cumulative == record["cumulative"]
    assert right / len(gold) >= floor
    assert cumulative / len(gold) >= 0.95


# --- any story: who is quoted, from the text and the packaged alias table ---------------

# Invented sentences of other stories (a war, an outbreak, a quake), packaged vocabulary only.
CLAIMANTS = {
    "a-body-with-its-place": ("Gaza's health ministry said [[31]] people were killed.",
                              "Gaza health ministry"),
    "the-ministry-of-the-place-said-before": (
        "The health ministry in Gaza gave a new toll. The health ministry said [[40]] people "
        "were killed overnight.", "Gaza health ministry"),
    "the-army-said-in-a-text-that-says-whose": (
        "The Israeli army launched raids on the camp. The army said [[12]] gunmen were killed.",
        "Israeli military"),
    "the-army-of-nobody-named": ("The army said [[12]] gunmen were killed.", "army"),
    "a-nationality-kept": ("Ukrainian officials said [[nine]] drones were shot down.",
                           "Ukrainian officials"),
    "alias-table-cdc": ("[[1,200]] people were hospitalized, according to the Centers for Disease "
                        "Control and Prevention (CDC).", "CDC"),
    "alias-table-un": ("The U.N. says [[200000]] people have fled.", "UN"),
    "alias-table-idf": ("The IDF said [[40]] rockets were fired.", "Israeli military"),
    "alias-table-who": ("WHO said in a statement the toll was [[70]].", "WHO"),
    "a-university-as-written": (
        "The state has recorded [[5,000]] cases, according to a tally by Johns Hopkins "
        "University.", "Johns Hopkins University"),
    "data-from-a-company": ("Sales fell [[12%]] in April, according to new data from Brightline.",
                            "Brightline"),
    "statistics-of-a-bureau": ("[[Four]] inmates have died, according to Bureau of Prisons "
                               "statistics.", "Bureau of Prisons"),
    "a-name-before-an-apposition": (
        "The clinic bought [[20]] ventilators, Dr. Jane Roe, the clinic's medical director, said.",
        "Jane Roe"),
    "a-role-before-a-name": ('"We sold [[nine]] homes in May," says broker Sam Lee.', "Sam Lee"),
    "a-quote-across-sentences": (
        '"It was a hard year. We lost [[three]] stores," Mayor Ann Kim said.', "Ann Kim"),
    "it-said-is-the-body-named-before": (
        "The Halden survey covered [[900]] firms, Halden said. [[Nearly 50%]] of them cut jobs, "
        "it said.", "Halden"),
    "a-statement-whose-figure-is-not-marked-is-not-continued-by-another": (
        "The ministry of Ardia said 1,417 people had been killed. Another [[6,268]] were "
        "wounded.", None),
    "officials-as-written": ("Ridership fell [[97 percent]], officials said.", "officials"),
    "the-company-is-the-name-opening-a-sentence-before": (
        "Brightline is giving riders more time. On Thursday, the company said fares fall "
        "[[20%]].", "Brightline"),
    "the-companies-are-the-names-opening-a-sentence-before": (
        "Acme and Zenit are opening their app. [[22]] countries have access, the companies said.",
        "Acme and Zenit"),
    "the-outlet-itself-is-nobody": ("[[Six]] people died in the quake.", None),
    "it-was-reported-is-nobody": ("It was reported that [[six]] people died.", None),
    "according-to-reports-is-nobody": ("According to reports, [[12]] people were killed.", None),
}

# Who is not quoted for a figure of a sentence that quotes somebody (invented sentences).
NOT_QUOTED_FOR = {
    "said-x-who-describes-x": (
        '"Prices will rise," said broker Jo Vance, who just listed a [[$4 million]] villa.', None),
    "said-x-a-role-who": ('"We are ready," said Sam Ortiz, a nurse who has worked [[12]] nights '
                          "in a row.", None),
    "said-x-and-an-age": ('"I was scared," said Lin Moreau, [[58]], who lives by the river.', None),
    "x-who-did-before-the-verb": (
        "Ortiz, who has sold [[more than 300]] homes, said demand is falling.", None),
    "said-x-who-added-is-quoted": (
        '"We are ready," said Mayor Ann Kim, who added that [[40]] homes were lost.', "Ann Kim"),
    "a-quotation-between-figure-and-verb": (
        'Rooms: [[14]] "We never close," says owner Bo Lund.', None),
    "a-quoted-name-is-no-quotation": (
        'At least [[four]] people died in Arbin, rescuers known as the "Blue Vests" told Reuters.',
        "Reuters"),
    "the-figure-counts-the-speakers": ("[[Three]] top U.S. brokers say prices will rise.", None),
    "the-figure-counts-the-speakers-past-an-aside": (
        "[[Two]] officials, speaking on condition of anonymity, said talks had stalled.", None),
    "the-figure-counts-the-speakers-after-the-verb": ("Nine homes burned, said [[two]] witnesses.",
                                                      None),
    "said-two-witnesses": ("[[Nine]] homes burned, said two witnesses.", "witnesses"),
    "buildings-do-not-speak": ("[[Two]] buildings collapsed said Jo Vance.", "Jo Vance"),
    "a-figure-in-the-source-of-a-closing-according-to": (
        "Only nine kits were left, according to a lawsuit filed on behalf of [[hundreds of]] "
        "inmates.", None),
    "another-clause-after-but": (
        "One study has suggested that [[60%]] of adults need the app, but according to a Redwood "
        "poll, most would not use it.", "study"),
    "an-age-in-the-subject": ("Jo Vance, [[63]], who lives by the river, said the water rose.",
                              None),
    "a-which-aside-about-the-subject": (
        "Acme, which runs [[five]] clinics, said it would reopen on Monday.", None),
    "an-apposition-about-the-subject": (
        "Kim Ortiz, one of [[three]] lawyers on the case, said it could take a year.", None),
    "a-first-person-verb-inside-a-quotation": (
        '"We found that just [[half]] of them fell ill," Kung said.', "Kung"),
    "according-to-a-document": ("According to a document filed on Monday, [[29%]] of stores will "
                                "close.", None),
    "a-study-is-not-the-one-named-before": (
        "Kemper Labs said sales rose. One study has suggested that [[60%]] of adults need the "
        "app.", "study"),
}

# Who is quoted, found past the common shapes of news sentences (invented sentences).
QUOTED_PAST = {
    "a-possessive-source": ("The Halden institute's forecast of a [[6.3%]] fall was revised.",
                            "Halden institute"),
    "a-possessive-role": ("That compares with the government's forecast of [[6.3%]].",
                          "government"),
    "a-survey-past-an-aside": (
        "The Halden survey, conducted among [[900]] firms in May, showed most cut jobs.",
        "Halden"),
    "the-survey-showed-is-the-one-named-before": (
        "The Halden survey, conducted among [[900]] firms in May, showed most cut jobs. Almost "
        "[[a fifth]] moved suppliers, the survey showed.", "Halden"),
    "a-study-found-that": ("A study by Kemper Labs found that [[60%]] of adults wear masks.",
                           "Kemper Labs"),
    "spokespeople-for-a-body": (
        "Spokespeople for Acme and Zenit said the app reaches [[22]] countries.",
        "Acme and Zenit"),
    "announced-by": ("The [[four]] charges were announced by Ann Kim on Monday.", "Ann Kim"),
    "the-full-stop-of-a-short-form": (
        "Acme Co. on Saturday announced it will test workers in [[four]] plants.", "Acme Co"),
    "a-dateline-dash": (
        "Springfield — Acme Co. on Saturday announced it will test workers in [[four]] plants.",
        "Acme Co"),
    "a-name-as-the-aside": (
        "Head of the board, Jo Vance, reportedly argued that [[two]] holidays were lost.",
        "Jo Vance"),
    "a-name-before-an-aside": (
        "Jo Vance, senior technician at Kemper, recommends wiping in [[one]] direction.",
        "Jo Vance"),
    "a-subject-before-a-which-aside": (
        "Delta, which expects travel to recover in two years, has said it aims to cut its cash "
        "burn to [[$50 million]].", "Delta"),
    "a-subject-before-two-asides": (
        "Dr. Jo Vance, head of Acme Care, which has five clinics, says [[half]] the tests are "
        "used.", "Jo Vance"),
    "a-short-form-inside-an-aside": (
        "Dr. Ada Stone, the head of the Ardia Dept. of Public Health, said there were [[4,367]] "
        "people in hospital.", "Ada Stone"),
    "the-real-estate-firm-is-the-one-named-just-before": (
        "Sales rose [[5.5%]], according to new data from Redwood. The real estate firm also said "
        "listings rose [[12%]].", "Redwood"),
    "the-jobs-report-is-no-body-named-before": (
        "Sales rose [[5.5%]], Redwood said. The April jobs report showed that jobless claims rose "
        "to [[14.7%]].", "jobs report"),
    "a-statement-without-figures-continued-by-also": (
        "Redwood said on Monday that listings rose. Also, [[7.2%]] of listings were pulled.",
        "Redwood"),
    "a-statement-without-figures-not-continued": (
        "Redwood said on Monday that listings rose. Prices fell [[3%]] in May.", None),
    "a-statement-without-figures-then-what-the-speaker-did": (
        "Jo Vance said he was moving. Also, he sold his [[12]] horses.", "Jo Vance"),
    "a-statement-then-another-paragraph": (
        "Redwood said on Monday that listings rose.\n\nAlso, [[7.2%]] of listings were pulled.",
        None),
    # "X in PLACE said": the body with its place, never the place alone
    "a-ministry-in-a-place": ("The health ministry in Gaza said [[40]] people were killed.",
                              "Gaza health ministry"),
    "officials-in-a-place-opening-a-sentence": (
        "Health officials in Ohio said [[12]] people were hospitalized.", "Ohio health officials"),
    "a-company-in-a-place": ("Acme in Lisbon said it sold [[12]] cars.", "Acme"),
    "people-in-a-place-name-nobody": ("Hundreds of families in London said [[12]] homes were "
                                      "flooded.", None),
    "a-name-after-in-that-is-no-place": ("Head of operations in the Harbor General Staff Jo Doe "
                                         "said [[40]] people left.",
                                         "Harbor General Staff Jo Doe"),
    "an-apposition-ending-in-a-place": ("Dr. Jo Vance, a surgeon at Harbor Clinic in Lisbon, said "
                                        "[[12]] patients recovered.", "Jo Vance"),
    # a capital "A" opening a sentence is the article, not an initialism like "US"
    "a-sentence-opening-article": ("A monitoring group said [[40]] people were killed.",
                                   "monitoring group"),
    "an-article-after-a-dateline": ("Published 4 May 2019 A war monitor said [[20]] died.",
                                    "war monitor"),
    "a-capital-initial-in-a-name": ("Jo S. Vance said [[12]] homes burned.", "Jo S. Vance"),
    "a-poll-named-with-recent": ("A recent Harbor Post-Ipsos poll found that [[60 percent]] of "
                                 "voters were worried.", "Harbor Post-Ipsos"),
    "a-new-study-stays-new": ("A new study estimates that [[72%]] of people will be infected.",
                              "new study"),
    "official-before-a-name": ("The official Harbor news agency said [[nine]] people died.",
                               "Harbor news agency"),
}


@pytest.mark.parametrize("text, claimant", CLAIMANTS.values(), ids=CLAIMANTS.keys())
def test_claimant(vocab: PlaceVocab, text: str, claimant: str | None) -> None:
    assert placed(vocab, text).claimant == claimant


@pytest.mark.parametrize("text, claimant", NOT_QUOTED_FOR.values(), ids=NOT_QUOTED_FOR.keys())
def test_not_quoted_for(vocab: PlaceVocab, text: str, claimant: str | None) -> None:
    assert placed(vocab, text).claimant == claimant


@pytest.mark.parametrize("text, claimant", QUOTED_PAST.values(), ids=QUOTED_PAST.keys())
def test_quoted_past(vocab: PlaceVocab, text: str, claimant: str | None) -> None:
    assert placed(vocab, text).claimant == claimant


def test_a_closing_according_to_quotes_the_figures_before_it(vocab: PlaceVocab) -> None:
    text, quantities = marked("Only [[nine]] kits were left, according to a lawsuit filed on "
                              "behalf of [[hundreds of]] inmates.")
    nine, hundreds = place(Document("d", text, "test", None, PUBLISHED), quantities, vocab)
    assert (nine.claimant, hundreds.claimant) == ("lawsuit", None)


def test_an_attribution_reaches_the_next_sentence_not_the_next_paragraph(vocab) -> None:
    text, quantities = marked("The Ardia health ministry said [[1,417]] had been killed. "
                              "Another [[6,268]] were wounded.\n\nRescuers found [[two]] more.")
    first, second, third = place(Document("d", text, "test", None, PUBLISHED), quantities, vocab)
    assert first.claimant == second.claimant == "Ardia health ministry"
    assert third.claimant is None


def test_a_transcript_speaker_label_covers_what_follows(vocab) -> None:
    text, quantities = marked("Jane Host:\n\nWhat do the numbers say?\n\nRev. Ada Stone:\n\n"
                              "We saw [[80 percent]] of the people there fall ill.")
    figure = place(Document("d", text, "test", None, PUBLISHED), quantities, vocab)[-1]
    assert figure.claimant == "Ada Stone"


# Places from the gazetteer package: nobody listed them.
GAZETTEER = {
    "a-city-of-another-war": ("Strikes killed [[14]] people in Kharkiv.", "Kharkiv"),
    "gaza": ("Strikes killed [[14]] people in Gaza on Monday.", "Gaza"),
    "a-possessive": ("Gaza's hospitals treated [[200]] people.", "Gaza"),
    "a-us-state": ("Illinois reported [[2,000]] new cases.", "Illinois"),
    "a-country": ("The quake killed [[300]] people in Turkey.", "Turkey"),
    "a-city-before-its-country": ("The quake killed [[300]] people in Antakya, Turkey.",
                                  "Antakya"),
    "a-common-word-is-no-place": ("Reading the report, [[two]] officials resigned.", None),
}


@pytest.mark.parametrize("text, where", GAZETTEER.values(), ids=GAZETTEER.keys())
def test_places_from_the_gazetteer(vocab: PlaceVocab, text: str, where: str | None) -> None:
    assert placed(vocab, text).place == where


# Running totals as news states them, and one event's toll that is not one.
RUNNING_TOTALS = {
    "has-risen-to": Case("The death toll has risen to [[560]].", "killed", "person", True),
    "stands-at": Case("The toll now stands at [[1,200]] dead.", "killed", cumulative=True),
    "so-far": Case("[[Forty]] people have died so far.", "killed", "person", True),
    "to-date": Case("The state has confirmed [[3,000]] cases to date.", "cases", "case", True,
                    value=3000),
    "total-confirmed-cases": Case("Total confirmed cases reached [[1.2 million]].", "cases",
                                  ..., True, value=1200000),
    "have-tested-positive": Case("[[248]] people have tested positive for the virus.", "cases",
                                 "person", True),
    "pushing-the-toll-to": Case("Officials recorded 54 deaths, pushing the death toll to "
                                "[[35,341]].", "killed", "person", True, value=35341),
    "one-strike-is-no-total": Case(
        "The number killed in this morning's air strike on the market has risen to [[21]].",
        "killed", "person", False),
    "new-cases-on-monday": Case("There were [[85]] new cases on Monday.", "cases", "case",
                                False),
    "a-record-day-despite-so-far": Case(
        "The region logged a record [[212]] deaths, its highest single-day rise so far.",
        "killed", ..., False),
    "a-rise-in-the-last-day": Case("An increase of [[9,400]] cases in the last day was "
                                   "reported.", "cases", "case", False, value=9400),
    "a-difference-is-no-total": Case(
        "Some [[4,000]] more people died this spring than in a normal year.", "killed",
        ..., False),
    "more-of-another-group-is-a-total": Case(
        "The war has killed 300,000 and left [[millions]] more displaced.", "displaced",
        ..., True, value=None),
    "a-standing-count-of-cases": Case("The country has now recorded [[42,000]] confirmed "
                                      "cases.", "cases", "case", True, value=42000),
    "there-have-been": Case("In the province there have been [[over 9,000]] cases.", "cases",
                            "case", True, value=9000),
    "a-standing-count-of-one-day": Case("There were [[650]] cases on Tuesday.", "cases",
                                        "case", False),
    "a-standing-count-of-deaths-is-one-events": Case(
        "The clinic had recorded [[four]] deaths from the blast.", "killed", ..., False),
    "a-rise-in-brackets": Case("Total confirmed cases: {{1,203,455}} (up [[23,104]])", "cases",
                               ..., False),
    "a-rise-by-it": Case("Deaths rose by [[300]] to {{4,000}} since March.", "killed", ...,
                         False),
    "racked-up-is-no-rise": Case("The fund has racked up [[$100 million]] since March.",
                                 "money", ..., True, unit="USD", value=1e8),
    "a-toll-reached-it": Case("The death toll reached [[41,000]] on Monday.", "killed", ...,
                              True),
    "a-headline-toll-rises-to-it": Case("Death toll rises to [[41,000]]", "killed", ..., True),
    "a-toll-climbed-above-it": Case("The quake's death toll climbed [[above 1,000]] on Sunday.",
                                    "killed", ..., True, value=1000),
    "were-positive": Case("Of the {{1,200}} people tested, [[45]] were positive.", "cases", ...),
    "a-toll-named-before-rose-to-it": Case("The death toll in the Philippines rose to [[75]],"
                                           " officials said.", "killed", ..., True),
    "one-strikes-toll-rose-to-it": Case("The toll from Tuesday's strike rose to [[21]].",
                                        "killed", ..., False),
    "the-lowest-since": Case("Deaths in the state fell to [[84]] on Sunday, the lowest since "
                             "March.", "killed", ..., False),
    "flights-are-no-strikes": Case("More than [[1,000]] flights were cancelled on Monday.",
                                   "other", "flight"),
    "one-events-figure-brings-the-toll-to-it": Case(
        "The blast killed {{12}} people, bringing the death toll to [[300]].", "killed", ...,
        True),
    "sickened": Case("Cholera has sickened [[10,000]] people and killed {{300}} since October.",
                     "cases", "person", True),
    "a-named-place-has-recorded-deaths": Case(
        "Veldmark has recorded [[12,400]] deaths, officials said.", "killed", ..., True),
    "a-pronoun-has-recorded-deaths": Case(
        "He has recorded [[12]] deaths, officials said.", "killed", ..., False),
    "a-named-place-has-one-events-deaths": Case(
        "Veldmark has recorded [[40]] deaths in the bombing.", "killed", ..., False),
    "a-total-rises-to-it": Case("After 300 deaths in the past day the toll rose to "
                                "[[5,000]], the highest so far.", "killed", ..., True),
}


@pytest.mark.parametrize("case", _params(RUNNING_TOTALS))
def test_running_totals(vocab: PlaceVocab, case: Case) -> None:
    check(vocab, case)


# A figure joined by "and" to a running total just before it is one too, unless it is
# one day's (the whole pipeline: the figure before must be found and placed).
JOINED = {
    "infections-and-deaths": ("The country has seen 1.3 million infections and nearly 80,000 "
                              "deaths.", [True, True]),
    "killed-and-injured": ("The war has killed 300,000 and injured one million since 2011.",
                           [True, True]),
    "and-new-deaths": ("The country has seen 1.3 million infections and 800 new deaths.",
                       [True, False]),
    "no-total-before": ("Medics counted 12 deaths and 40 injuries after the blast.",
                        [False, False]),
    # the figure a total is brought to is the total, the one before it what it rose by
    "one-events-figure-brought-to-the-toll": (
        "The blast killed 12 people, bringing the death toll to 300 including five children.",
        [False, True, True]),
    "one-days-figure-brought-to-the-total": (
        "Five people died on Monday, bringing the total to 300.", [False, True]),
    "a-rise-pushes-the-toll": (
        "The region has seen 248,818 infections, and 545 deaths were recorded on Tuesday, "
        "pushing the death toll to 35,341.", [True, False, True]),
}


@pytest.mark.parametrize("text, as_of", [
    ("An estimated 2.8 million people died in 2018, the agency said.", date(2018, 1, 1)),
    ("The war, rooted in an uprising in March 2011, has claimed more than 250,000 lives.",
     date(2020, 5, 15)),
])
def test_a_running_totals_past_date_is_kept_unless_it_opens_its_period(text: str,
                                                                       as_of: date) -> None:
    from figures.table import ExtractConfig, figures_of

    document = Document("d", text, "test", None, date(2020, 5, 15))
    assert [f.as_of for f in figures_of(document, ExtractConfig.default())] == [as_of]


def test_the_body_before_its_home_is_the_claimant() -> None:
    from figures.table import ExtractConfig, figures_of

    text = "The Harbour Watch Monitor based in Lisbon said 40 people had died."
    document = Document("d", text, "test", None, PUBLISHED)
    [figure] = figures_of(document, ExtractConfig.default())
    assert (figure.claimant, figure.place) == ("Harbour Watch Monitor", None)


@pytest.mark.parametrize("said, claimant", [
    ("the Labor Department said", "Labor Department"),  # a title keeps its capitals
    ("the labor department said", "labor department"),
    ("Authorities said", "authorities"),  # capital only as the sentence's first word
])
def test_a_role_claimant_is_written_as_the_text_writes_it(said: str, claimant: str) -> None:
    from figures.table import ExtractConfig, figures_of

    text = f"{said} 40 people had died." if said[0].isupper() else f"40 people died, {said}."
    document = Document("d", text, "test", None, PUBLISHED)
    assert [f.claimant for f in figures_of(document, ExtractConfig.default())] == [claimant]


@pytest.mark.parametrize("text, noun, metric", [
    ("A 2,000-strong force crossed the border.", "force", "troops"),
    ("Some 40 delegations arrived on Monday.", "delegation", "other"),  # not "arrived"
    ("South Korea reported 13 new confirmed coronavirus cases.", "case", "cases"),
    ("The town counted 374 people recorded killed last week.", "person", "killed"),
])
def test_the_counted_noun_is_not_an_adjective_or_a_verb_around_it(text: str, noun: str,
                                                                  metric: str) -> None:
    from figures.table import ExtractConfig, figures_of

    [figure] = figures_of(Document("d", text, "test", None, PUBLISHED), ExtractConfig.default())
    assert (figure.noun, figure.metric) == (noun, metric)


@pytest.mark.parametrize("text, claimant", [
    ('"We have counted 320 bodies," said Dr. Amal Haddad.', "Amal Haddad"),
    ("Valley Gov. Jo Marsh said 320 people had died.", "Jo Marsh"),  # the name after a title
    ("Acme Vice President of Sales Jo Marsh said 320 had died.",
     "Acme Vice President of Sales Jo Marsh"),
    ("Total confirmed cases were 1,203,455.", None),  # "confirmed cases" is no speech verb
    ("Hospitals admitted 600 patients last week.", None),  # admitted them, said nothing
    ("All 169 people on board were killed, the airline said.", "airline"),
    ("The army admitted that 12 civilians died.", "army"),
    ("Officials said 320 people had died.", "officials"),  # capital only as the first word
    ("The rebels said 320 people had died.", "rebels"),
    ("According to the Valley News Agency 10 gunmen were killed.", "Valley News Agency"),
    ("According to a 2019 Riverton Institute study, 320 cases were found.",
     "Riverton Institute"),
    ("The toll has claimed the lives of 40 people in Riverton.", None),
])
def test_a_speaker_is_named_without_titles_and_not_by_an_events_words(
        text: str, claimant: str | None) -> None:
    from figures.table import ExtractConfig, figures_of

    found = figures_of(Document("d", text, "test", None, PUBLISHED), ExtractConfig.default())
    assert [f.claimant for f in found] == [claimant]


def test_a_glued_distance_is_measured_in_its_unit_and_a_chancellor_speaks() -> None:
    from figures.table import ExtractConfig, figures_of

    text = "The quake struck at a depth of 10km, the chancellor announced."
    [figure] = figures_of(Document("d", text, "test", None, PUBLISHED), ExtractConfig.default())
    assert (figure.metric, figure.noun, figure.claimant) == ("distance", "km", "chancellor")


def test_an_initialism_with_dots_is_the_claimant() -> None:
    from figures.table import ExtractConfig, figures_of

    document = Document("d", "The C.D.C. said 40 people had died.", "test", None, PUBLISHED)
    assert [f.claimant for f in figures_of(document, ExtractConfig.default())] == ["CDC"]


def test_a_level_verb_read_into_the_figure_keeps_the_running_total() -> None:
    from figures.table import ExtractConfig, figures_of

    document = Document("d", "Confirmed cases in the region topped 40,000 on Sunday.", "test",
                        None, PUBLISHED)
    [figure] = figures_of(document, ExtractConfig.default())
    assert (figure.text, figure.metric, figure.cumulative) == ("topped 40,000", "cases", True)


def test_figures_of_one_estimate_share_its_hedge() -> None:
    from figures.table import ExtractConfig, figures_of

    text = "Officials say 90,000 and 1.2 million could die, and 4,000 have died so far."
    document = Document("d", text, "test", None, PUBLISHED)
    hedges = [f.hedge for f in figures_of(document, ExtractConfig.default())]
    assert hedges == ["could", "could", None]


@pytest.mark.parametrize("text, cumulative", JOINED.values(), ids=JOINED.keys())
def test_joined_to_a_running_total(text: str, cumulative: list[bool]) -> None:
    from figures.table import ExtractConfig, figures_of

    document = Document("d", text, "test", None, PUBLISHED)
    assert [f.cumulative for f in figures_of(document, ExtractConfig.default())] == cumulative


@pytest.mark.parametrize("text, metrics", [
    ("The army sent 3,000 more troops, bringing the total to 12,000.", ["troops", "troops"]),
    ("The state reported 40 new cases, bringing its total to 1,200.", ["cases", "cases"]),
    ("It reported 40 new cases in 24 hours, bringing the total to 1,200.",
     ["cases", "duration", "cases"]),  # not the duration's noun
    ("The blast killed 12 people, bringing the death toll to 300.", ["killed", "killed"]),
])
def test_a_total_a_figure_is_brought_to_counts_what_the_figure_before_counts(
        text: str, metrics: list[str]) -> None:
    from figures.table import ExtractConfig, figures_of

    document = Document("d", text, "test", None, PUBLISHED)
    found = figures_of(document, ExtractConfig.default())
    assert [f.metric for f in found] == metrics
    assert found[-1].cumulative or found[-1].metric == "troops"


# Figures stated as estimates or projections carry the words that make them so.
HEDGES = {
    "may-have": ("As many as [[400]] people may have died.", "may have"),
    "could-reach": ("The toll could reach [[1,000]].", "could reach"),
    "as-high-as": ("The toll may be as high as [[400000]].", "as high as"),
    "is-expected-to": ("Deaths are expected to rise to [[700]] by June.", "are expected to"),
    "projected": ("The model projected [[60,000]] deaths by August.", "projected"),
    "forecast": ("Growth is forecast at [[2%]] next year.", "forecast"),
    "stated-as-fact": ("[[Forty]] people died on Monday.", None),
    "the-month-may": ("By May 7, [[more than 3,500]] people had been infected.", None),
    "in-may": ("In May [[40]] people died.", None),
}


@pytest.mark.parametrize("text, words", HEDGES.values(), ids=HEDGES.keys())
def test_hedge(vocab: PlaceVocab, text: str, words: str | None) -> None:
    assert placed(vocab, text).hedge == words


@pytest.mark.parametrize("text", ["The 2014 war killed [[2,251]] people.",
                                  "The war in 2014 killed [[2,251]] people.",
                                  "The 2014 earthquake left [[2,251]] people dead."])
def test_a_war_of_one_year_dates_its_toll_in_that_year(vocab: PlaceVocab, text: str) -> None:
    figure = placed(vocab, text, published=date(2023, 10, 9))
    assert figure.as_of is not None and figure.as_of.year == 2014
    assert not figure.cumulative


def test_the_packaged_vocabulary_names_no_story() -> None:
    """No army, ministry or city of one war as a built-in default (a desk adds its own)."""
    package = Path(__file__).parent.parent / "figures"
    files = [*(package / "place").glob("*.py"), package / "vocab" / "place.yaml"]
    text = "\n".join(path.read_text(encoding="utf-8").lower() for path in files)
    for name in ("syria", "assad", "damascus", "aleppo", "idlib", "homs", "latakia", "raqqa",
                 "ghouta"):
        assert name not in text


# --- a desk's vocabulary file ------------------------------------------------------------


def test_a_desk_vocabulary_adds_its_story(tmp_path: Path, vocab: PlaceVocab) -> None:
    desk = tmp_path / "story.yaml"
    desk.write_text("claimants:\n  Ardia health ministry: [Ardia health ministry, AHM]\n"
                    "places:\n  Port Velda: [Port Velda, Velda]\n"
                    "events:\n  killed: [martyred]\n"
                    "nouns:\n  aircraft: [gunship]\n", encoding="utf-8")
    extended = vocab.extended(load_desk_vocab(desk))
    figure = placed(extended, "AHM said [[nine]] people were martyred in Velda.")
    assert (figure.claimant, figure.place, figure.metric) == (
        "Ardia health ministry", "Port Velda", "killed")
    assert placed(extended, "They shot down [[two]] gunships.").metric == "aircraft"
    assert placed(vocab, "AHM said [[nine]] people were martyred in Velda.").place is None


BROKEN_DESK_FILES = {
    "unknown-key": ("claimants: {}\nplaecs:\n  X: [X]\n", r"story\.yaml:2: plaecs: unknown key"),
    "unknown-metric": ("events:\n  slain: [slain]\n", r"story\.yaml:1: events: .*not a metric"),
    "not-a-list": ("claimants:\n  UN: United Nations\n",
                   r"story\.yaml:2: claimants\.UN: Input should be a valid list"),
    "duplicate-key": ("places:\n  A: [A]\n  A: [B]\n", r"story\.yaml:3: .*duplicate"),
    "not-a-mapping": ("- a\n- b\n", r"story\.yaml:1: -: a vocabulary file is a mapping"),
}


@pytest.mark.parametrize("content, message", BROKEN_DESK_FILES.values(),
                         ids=BROKEN_DESK_FILES.keys())
def test_a_broken_desk_vocabulary_names_path_and_line(tmp_path: Path, content: str,
                                                      message: str) -> None:
    from figures.errors import VocabularyFileError

    desk = tmp_path / "story.yaml"
    desk.write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyFileError, match=message):
        load_desk_vocab(desk)


def test_cli_takes_a_desk_vocabulary_and_exits_2_on_a_broken_one(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from figures.cli import main

    corpus = tmp_path / "a.txt"
    corpus.write_text("AHM said nine people were killed in Velda.\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text("claimants:\n  Ardia health ministry: [AHM]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(corpus), "--vocab", str(good), "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[0])["claimant"] == "Ardia health ministry"
    bad = tmp_path / "bad.yaml"
    bad.write_text("claimants: {}\nplaecs: {}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(corpus), "--vocab", str(bad), "-q"])
    assert result.exit_code == 2
    assert "bad.yaml:2: plaecs: unknown key" in result.output


def test_a_rule_files_corpus_block_names_a_desk_vocabulary(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from figures.cli import main

    (tmp_path / "a.txt").write_text("---\npublished: 2024-01-05\n---\n"
                                    "AHM said nine people were killed in Velda.\n",
                                    encoding="utf-8")
    (tmp_path / "story.yaml").write_text("claimants:\n  Ardia health ministry: [AHM]\n",
                                         encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text("corpus:\n  paths: [a.txt]\n  vocab: story.yaml\nrules:\n"
                     "  - id: toll\n    check: range\n"
                     "    select: {claimant: Ardia health ministry}\n    max: 5\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--rules", str(rules), "--json", "-", "-q"])
    assert result.exit_code == 1, result.output  # nine is above the rule's max: found


def test_the_pytest_plugin_reads_a_desk_vocabulary_from_tool_figures(
        pytester: pytest.Pytester) -> None:
    pytester.makefile(".txt", a="---\npublished: 2024-01-05\n---\n"
                                "AHM said nine people were killed in Velda.\n")
    pytester.makefile(".yaml", story="claimants:\n  Ardia health ministry: [AHM]\n")
    rules = pytester.mkdir("rules")
    (rules / "checks.yaml").write_text(
        "rules:\n  - id: ministry-toll\n    check: range\n"
        "    select: {claimant: Ardia health ministry}\n    max: 5\n", encoding="utf-8")
    pytester.makepyprojecttoml('[tool.figures]\ncorpus = ["a.txt"]\nvocab = "story.yaml"\n')
    result = pytester.runpytest("rules", "-p", "figures")
    result.assert_outcomes(failed=1)  # nine is above the rule's max: the claimant was found
