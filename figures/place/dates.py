"""Find the dates a sentence states and resolve them against the publication date.

Helpers of ``figures.place``: "05 Apr 2017", "October 01, 2015", "March 2011",
"mid-January", "June 9", "15-09-2013", "in 1982"; weekdays and "yesterday" are
found by place's vocabulary and resolved here. A date after "since" (or after
"began in", "erupted in") opens a period rather than dating the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# The pattern of stated dates; {month} is replaced by the vocabulary's month
# names (date_pattern). Keep the group names in sync with _to_date().
_DATE_TEMPLATE = r"""
    # Every date starts with a digit, the first letter of a month name (first) or a
    # part-of word: the lookahead lets the search skip other positions in one test
    # instead of trying each branch below (4-6x faster over news text; it matches
    # nothing more or less).
    (?= \d|{first}|early|mid|late|end|beginning|start|first|second|third|fourth|last )
    (?: \b (?P<part> early | mid | late | end \s+ of | beginning \s+ of | start \s+ of
                   | (?: first | second | third | fourth | last ) \s+ week \s+ of ) [\s-]* )?
    (?:
        (?P<dmy_d> \d{{1,2}} ) (?: st | nd | rd | th )? \s+ (?: of \s+ )?
        (?P<dmy_m> {month} ) \.? ,? \s+ (?P<dmy_y> (?:19|20) \d\d ) \b     # 05 Apr 2017
      | (?P<mdy_m> {month} ) \.? \s+ (?P<mdy_d> \d{{1,2}} ) (?: st | nd | rd | th )?
        ,? \s+ (?P<mdy_y> (?:19|20) \d\d ) \b                              # October 01, 2015
      | (?P<my_m> {month} ) \.? ,? \s+ (?P<my_y> (?:19|20) \d\d ) \b       # March 2011
      | (?P<md_m> {month} ) \.? \s+ (?P<md_d> 3[01] | [12]\d | 0?[1-9] ) (?: st | nd | rd | th )?
        \b (?! [\d:.,]\d )                                                 # June 9
      | \b (?P<num_d> \d{{1,2}} ) [-.] (?P<num_m> \d{{1,2}} ) [-.]
        (?P<num_y> (?:19|20) \d\d ) \b                                     # 15-09-2013
      | \b (?P<iso_y> (?:19|20) \d\d ) - (?P<iso_m> \d\d ) - (?P<iso_d> \d\d ) \b  # 2017-04-05
      | (?<= \b in \s ) (?P<y> (?:19|20) \d\d ) \b (?! \s* [-–] )           # in 1982
      | (?<= \b since \s ) (?P<since_y> (?:19|20) \d\d ) \b                # since 2012
      | \b (?P<event_y> (?:19|20) \d\d ) [\s-]+ (?= (?: war | conflict | offensive | campaign
            | invasion | uprising | earthquake | quake | flood | floods | hurricane | cyclone
            | tsunami | wildfire | wildfires | pandemic | epidemic | outbreak | famine
            | crisis | election | budget ) \b )                          # the 2014 war
      | (?P<m> {month} ) \b                                                # May (after "in")
    )
    """


def date_pattern(months: dict[str, int]) -> re.Pattern[str]:
    """The compiled pattern of stated dates whose month names are ``months``' keys.

    Month names match capitalised ("March", "Apr"): "may" is a verb.
    """
    names = sorted(months, key=len, reverse=True)
    month = "(?<![A-Za-z])(?:" + "|".join(re.escape(name.capitalize()) for name in names) + ")"
    initials = sorted({re.escape(name.capitalize()[:1]) for name in names if name})
    first = "[" + "".join(initials) + "]" if initials else "(?!)"
    return re.compile(_DATE_TEMPLATE.format(month=month, first=first), re.VERBOSE)


# Before a date: it opens a period ("since March 2011", "since the conflict
# began in March 2011") or dates a beginning ("which began in 2011").
_OPENS_PERIOD = re.compile(
    r"""
    (?: \b since \b [^.;!?]{0,70}         # "since", then at most a clause
      | \b (?: began | begun | begin | erupted | started | broke \s+ out | outbreak
             | beginning | start | onset | launched ) \b [^.;!?]{0,20}
    ) $
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\b[^.;!?]{0,70}$", re.IGNORECASE)
# Before a date: a deadline ("by June", "by the end of June", "through mid-June", "until
# July"), which may be to come; all but "by" end a state ("closed until June 30"), which
# dates no count stated with it.
_DEADLINE = re.compile(r"\b(?:(?P<by>by)|through|until|till)\s+(?:the\s+)?$", re.IGNORECASE)

# Words before a bare month name that make it a date ("in May", "since mid-January").
_MONTH_LEAD = re.compile(r"\b(?:in|since|until|till|by|last|early|mid|late|during|of|from)[\s-]*$",
                         re.IGNORECASE)

_PART_DAY = {"early": 1, "beginning of": 1, "start of": 1, "mid": 15, "late": 20, "end of": 25,
             "first week of": 1, "second week of": 8, "third week of": 15, "fourth week of": 22,
             "last week of": 25}
_PART_MONTH = {"early": 1, "beginning of": 1, "start of": 1, "mid": 7, "late": 10, "end of": 12,
               "first week of": 1, "second week of": 1, "third week of": 1, "fourth week of": 1,
               "last week of": 12}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date stated in text at start:end; ``opens`` when it starts a period; ``until``
    when a state lasts until it ("until June 30", "through July 31"): a deadline."""

    start: int
    end: int
    day: date
    opens: bool
    since: bool
    until: bool = False


def find_dates(text: str, start: int, end: int, pattern: re.Pattern[str],
               months: dict[str, int], published: date | None) -> list[DateMention]:
    """Dates stated in text[start:end], in order.

    >>> months = {"march": 3, "apr": 4}
    >>> [(m.day.isoformat(), m.since) for m in find_dates(
    ...     "killed since March 2011; on 05 Apr 2017", 0, 39, date_pattern(months), months, None)]
    [('2011-03-01', True), ('2017-04-05', False)]
    """
    found = []
    for match in pattern.finditer(text, start, end):
        deadline = _DEADLINE.search(text, max(start, match.start() - 12), match.start())
        ahead = deadline is not None
        until = deadline is not None and not deadline.group("by")
        day = _to_date(match, months, published, ahead)
        if day is None:
            continue
        if match.group("m") and not match.group("part") and not _MONTH_LEAD.search(
                text, max(start, match.start() - 20), match.start()):
            continue  # "May" the verb; "the end of April" is a date by its part
        lead = text[max(start, match.start() - 80):match.start()]
        since = bool(_SINCE.search(lead))
        found.append(DateMention(match.start(), match.end(), day,
                                 since or bool(_OPENS_PERIOD.search(lead)), since, until))
    return found


def _to_date(match: re.Match[str], months: dict[str, int], published: date | None,
             ahead: bool = False) -> date | None:
    """The date a _DATE match states, or None when it is not one (or not a real day).

    A month without a year is this year's unless it is still to come (then last year's),
    or ``ahead`` ("by the end of June": a deadline, this year's)."""
    group = match.groupdict()
    part = " ".join((group["part"] or "").lower().split())
    try:
        if group["dmy_d"]:
            return _day(group["dmy_y"], months.get(group["dmy_m"].lower()), group["dmy_d"])
        if group["mdy_d"]:
            return _day(group["mdy_y"], months.get(group["mdy_m"].lower()), group["mdy_d"])
        if group["my_y"]:
            return _day(group["my_y"], months.get(group["my_m"].lower()), _PART_DAY.get(part, 1))
        if group["num_y"]:
            return _day(group["num_y"], int(group["num_m"]), group["num_d"])
        if group["iso_y"]:
            return _day(group["iso_y"], int(group["iso_m"]), group["iso_d"])
        year = group["y"] or group["since_y"] or group["event_y"]
        if year:
            return date(int(year), _PART_MONTH.get(part, 1), 1)
        month_word = group["md_m"] or group["m"]
        month = months.get(month_word.lower())
        if month is None or published is None:
            return None
        day = int(group["md_d"]) if group["md_d"] else _PART_DAY.get(part, 1)
        stated = date(published.year, month, day)  # this year's, unless its month is to come
        return stated if month <= published.month or ahead else \
            date(published.year - 1, month, day)
    except ValueError:
        return None


def _day(year: str, month: int | None, day: str | int) -> date | None:
    """date(year, month, day) from matched text; None without a month."""
    return date(int(year), month, int(day)) if month else None


def day_word(text: str, start: int, end: int, kind: str, number: int,
             published: date) -> DateMention:
    """The date of a weekday ("weekday", Monday 0) or relative day ("relative", -1 for
    "yesterday") at text[start:end]; "since Saturday" opens a period.
    """
    try:
        day = last_weekday(published, number) if kind == "weekday" else shifted(published, number)
    except OverflowError:  # a publication date at the calendar's edge (0001-01-01)
        day = published
    since = bool(_SINCE_DAY.search(text, max(0, start - 20), start))
    return DateMention(start, end, day, since, since)


# Before a weekday: "since Saturday", "since last Friday".
_SINCE_DAY = re.compile(r"\bsince\s+(?:last\s+|early\s+|late\s+)?$", re.IGNORECASE)


def refers_to(start: int, end: int, mentions: list[DateMention],
              published: date | None) -> tuple[date | None, date | None]:
    """(as_of, period_start) of a figure at start:end among the dates of its sentence.

    as_of is the stated date nearest the figure ("on Wednesday" is the last
    Wednesday on or before publication), else the publication date; the end of a state
    still to come ("the lockdown lasts until June 30") dates no figure;
    period_start is the nearest date that opens a period ("since March 2011").

    >>> mentions = [DateMention(0, 10, date(2011, 3, 1), True, True),
    ...             DateMention(40, 49, date(2017, 4, 5), False, False)]
    >>> refers_to(20, 25, mentions, date(2017, 4, 6))
    (datetime.date(2017, 4, 5), datetime.date(2011, 3, 1))
    """
    middle = (start + end) // 2
    stated: list[tuple[int, date]] = []
    opening: list[tuple[int, date]] = []
    for mention in mentions:
        if mention.start < end and mention.end > start:
            continue
        if mention.until and published is not None and mention.day > published \
                and not mention.opens:
            continue  # "schools stay closed until June 30, with 200 new cases" (today's)
        distance = abs((mention.start + mention.end) // 2 - middle)
        (opening if mention.opens else stated).append((distance, mention.day))
    as_of = min(stated, key=lambda pair: pair[0])[1] if stated else published
    period_start = min(opening, key=lambda pair: pair[0])[1] if opening else None
    return as_of, period_start


def last_weekday(published: date, weekday: int) -> date:
    """The most recent ``weekday`` (Monday 0) on or before ``published``.

    >>> last_weekday(date(2017, 4, 5), 2).isoformat()   # a Wednesday itself
    '2017-04-05'
    >>> last_weekday(date(2017, 4, 5), 4).isoformat()   # the Friday before
    '2017-03-31'
    """
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def shifted(published: date, days: int) -> date:
    """``published`` moved by ``days`` ("yesterday" is -1)."""
    return published + timedelta(days=days)
