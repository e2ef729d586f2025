"""The date pattern's first-character lookahead only speeds the search: same matches."""

from __future__ import annotations

import re

import pytest

from figures.place import load_place_vocab
from figures.place.dates import _DATE_TEMPLATE, date_pattern

# One invented sentence for each branch of the pattern, and a few that hold none.
SENTENCES = [
    "The count was updated on 05 Apr 2017 by the agency.",
    "It was first reported on October 01, 2015, in the evening.",
    "Fighting broke out in March 2011 and continued.",
    "The shelter opened on June 9 after repairs.",
    "Records dated 15-09-2013 were released.",
    "The file is stamped 2017-04-05 at noon.",
    "The plant was built in 1982 and closed later.",
    "Prices have risen since 2012 in the valley.",
    "Lessons of the 2014 war were studied.",
    "By early March the river had risen; in mid-January it froze.",
    "At the end of May the count stood at 40.",
    "She may visit in May; April showers.",
    "No date here at all, only 12 boats and 3.5 tonnes.",
]


def _without_lookahead(months: dict[str, int]) -> re.Pattern[str]:
    """The pattern with its lookahead line taken out: what it must match exactly."""
    names = sorted(months, key=len, reverse=True)
    month = "(?<![A-Za-z])(?:" + "|".join(re.escape(name.capitalize()) for name in names) + ")"
    lines = [line for line in _DATE_TEMPLATE.splitlines() if not line.strip().startswith("(?=")]
    return re.compile("\n".join(lines).format(month=month, first=""), re.VERBOSE)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_the_lookahead_changes_no_match(sentence: str) -> None:
    months = load_place_vocab().months
    fast, plain = date_pattern(months), _without_lookahead(months)
    assert [m.groupdict() | {"span": m.span()} for m in fast.finditer(sentence)] == \
        [m.groupdict() | {"span": m.span()} for m in plain.finditer(sentence)]


def test_every_branch_is_found() -> None:
    found = [m.group().strip() for s in SENTENCES for m in
             date_pattern(load_place_vocab().months).finditer(s)]
    assert len(found) >= 12, found
