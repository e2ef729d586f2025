"""Publication dates as corpora write them, read strictly: a date or None, never a guess.

Accepted (month names in English, full or abbreviated, any case):

    2015-09-22, 2015-09-22T10:30:00Z, 2015/09/22     year first: unambiguous
    4/5/2017                                          M/D/YYYY (FA-KES), or D/M/YYYY if asked
    October 01, 2015; Sep. 22 2015; Tuesday, September 22nd, 2015
    22 September 2015; 22 Sep 2015; Tue, 22 Sep 2015 10:00:00 +0000

Everything else (two-digit years, "September 2015", "yesterday", impossible days)
is None. dateutil is not used: it fills missing parts from today's date and reads
"4/5/2017" as April or May by a global flag, which is exactly the guessing a
fact-checker cannot afford. Month names come from this table, not the locale.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_YEAR_FIRST = re.compile(
    r"""
    (?P<year>\d{4}) (?P<sep>[-/]) (?P<month>\d{1,2}) (?P=sep) (?P<day>\d{1,2})  # 2015-09-22
    (?: [T\ ] \d{1,2}:\d{2} .* )?                                     # a time of day, ignored
    """,
    re.VERBOSE,
)

_SLASHED = re.compile(r"(?P<first>\d{1,2}) / (?P<second>\d{1,2}) / (?P<year>\d{4})", re.VERBOSE)

_WEEKDAY = r"(?: [a-z]{3,9}\.? ,? \s+ )?"  # "Tuesday, " / "Tue " before a date; not checked
_TIME = r"(?: ,? \s+ \d{1,2}:\d{2} .* )?"  # "10:00:00 +0000" after a date, ignored
_ORDINAL = r"(?: st | nd | rd | th )?"  # 22nd

_MONTH_FIRST = re.compile(
    rf"""
    {_WEEKDAY}
    (?P<month>[a-z]+) \.? \s+          # October / Oct. / Sept
    (?P<day>\d{{1,2}}) {_ORDINAL} ,? \s+  # 01, / 22nd
    (?P<year>\d{{4}})                  # 2015
    {_TIME}
    """,
    re.VERBOSE | re.IGNORECASE,
)

_DAY_FIRST = re.compile(
    rf"""
    {_WEEKDAY}
    (?P<day>\d{{1,2}}) {_ORDINAL} \s+  # 22 / 22nd
    (?:of \s+)?                        # 22nd of September
    (?P<month>[a-z]+) \.? ,? \s+       # September / Sep.
    (?P<year>\d{{4}})                  # 2015
    {_TIME}
    """,
    re.VERBOSE | re.IGNORECASE,
)


def parse_date(value: str, *, day_first: bool = False) -> date | None:
    """The date ``value`` states, or None when it is not one of the accepted forms.

    Slashed dates are month first unless ``day_first``; the other reading is
    never tried, so "22/9/2015" is None rather than a silent swap.

    >>> parse_date("2015-09-22"), parse_date("4/5/2017")
    (datetime.date(2015, 9, 22), datetime.date(2017, 4, 5))
    >>> parse_date("4/5/2017", day_first=True)
    datetime.date(2017, 5, 4)
    >>> parse_date("October 01, 2015"), parse_date("22 September 2015")
    (datetime.date(2015, 10, 1), datetime.date(2015, 9, 22))
    >>> parse_date("22/9/2015") is None, parse_date("September 2015") is None
    (True, True)
    """
    text = value.strip()
    if match := _YEAR_FIRST.fullmatch(text):
        return _date(match["year"], match["month"], match["day"])
    if match := _SLASHED.fullmatch(text):
        month, day = match["first"], match["second"]
        if day_first:
            month, day = day, month
        return _date(match["year"], month, day)
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        if match := pattern.fullmatch(text):
            month_number = MONTHS.get(match["month"].lower())
            if month_number is None:
                return None
            return _date(match["year"], month_number, match["day"])
    return None


#: Publication dates outside these years are placeholders ("0001-01-01", "9999-12-31").
PLAUSIBLE_YEARS = range(1800, 2200)


def _date(year: str | int, month: str | int, day: str | int) -> date | None:
    """A date from its parts, or None for an impossible one (February 30, year 0001).

    >>> _date(2015, 2, 30), _date(1, 1, 1), _date("2015", "09", "22")
    (None, None, datetime.date(2015, 9, 22))
    """
    if int(year) not in PLAUSIBLE_YEARS:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
