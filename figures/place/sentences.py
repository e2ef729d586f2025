"""Split a document into sentences and words, and find vocabulary phrases among the words.

Helpers of ``figures.place``: sentences are found once per document in one
linear pass; words and phrases only in a bounded window around each figure, so
a 10 MB document with no full stop costs no more than its figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, compress, pairwise
from operator import attrgetter
from typing import Any

# A sentence ends at . ! or ? (with any closing quotes or brackets) before
# whitespace and the capital letter, digit or opening quote of the next one; a
# blank line ends a sentence too (headlines and datelines carry no full stop).
# Linear by construction: a run of punctuation is tried once, from its first
# character (the lookbehind), and possessive quantifiers never give back what
# they took, so 100,000 dots cost one pass, not 100,000 retries.
_SENTENCE_END = re.compile(
    r"""
    (?= [.!?\n] )                        # (a quick test of the first character: 2x faster)
    (?: (?<! [.!?] )                     # only where a run of punctuation starts
    (?P<stop> [.!?]++ ["'”’)\]]*+ )      # final punctuation, closing quotes and brackets
    \s++                                 # the space between two sentences
    (?= ["'“‘(\[]*+ [A-Z0-9] )           # the next sentence opens with a capital or digit
    | (?P<para> \n [ \t]*+ \n \s*+ ) )    # or a blank line: a paragraph break
    """,
    re.VERBOSE,
)

# A full stop that does not end a sentence: "U.S.", "U.N.", "Gen.", "Mr.".
_ABBREVIATION = re.compile(
    r"""
    (?: \b [A-Z] \. ){2,} $                          # initialisms: U.S. U.N. U.K.
    | \b (?: Mr | Mrs | Ms | Dr | Gen | Lt | Col | Maj | Capt | Sgt | Sen | Rep
          | Gov | Pres | Prof | St | No | Jan | Feb | Aug | Sept? | Oct | Nov | Dec
          | Jr | Sr | vs | etc | approx | Mt | Ft ) \. $    # titles and short forms
    | \b [A-Z] \. $                                  # a middle initial: "George W."
    """,
    re.VERBOSE,
)

# After an initialism, a word that opens a sentence: "... according to the U.N. The
# Center ..." ends a sentence where "the U.N. Security Council" does not.
_OPENER = re.compile(
    r"""(?: The | A | An | In | On | At | It | Its | He | She | They | We | This | These | Those
         | But | And | However | Meanwhile | Since | After | Last | According | Some | Many
         | More | Most | There | Earlier | Later ) \b""",
    re.VERBOSE,
)

# A word: letters and digits, with an apostrophe ending ("Gaza's") kept inside.
# Hyphens and full stops split words ("US-led" is US + led, "U.S." is U + S);
# vocabulary phrases are split by the same pattern, so both sides agree.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# The same words as one group, for ``re.split``: the text cut into gap, word, gap, ...,
# gap, all in C (a match object a word costs more than the rest of ``words``).
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")

#: At most this many characters of a sentence either side of a figure are read.
WINDOW = 320

#: Punctuation between two words that ends a noun phrase or a name.
PHRASE_BREAK = re.compile(r"[,;:()\[\].!?&]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, in order, covering all of it.

    >>> sentence_spans("Five died. The U.S. said so.")
    [(0, 10), (11, 28)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group("stop"):
            stop_at = match.start("stop") + 1
            if _ABBREVIATION.search(text, max(start, stop_at - 12), stop_at) and \
                    not _OPENER.match(text, match.end()):
                continue
            end = match.end("stop")
        else:
            end = match.start()
        spans.append((start, end))
        start = match.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def sentence_at(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    """The span of ``spans`` (whose starts are ``starts``) that holds ``offset``."""
    return spans[max(0, bisect_right(starts, offset) - 1)]


def window(sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The part of ``sentence`` read for a figure at start:end (at most WINDOW either side)."""
    return max(sentence[0], start - WINDOW), min(sentence[1], end + WINDOW)


@dataclass(frozen=True, slots=True)
class Words:
    """The words of one stretch of text: offsets, surface and lower-case forms."""

    starts: list[int]
    ends: list[int]
    surface: list[str]
    lower: list[str]

    def first_after(self, offset: int) -> int:
        """Index of the first word that starts at or after ``offset``."""
        return bisect_right(self.starts, offset - 1)

    def last_before(self, offset: int) -> int:
        """Index of the last word that ends at or before ``offset`` (-1 if none)."""
        return bisect_right(self.ends, offset) - 1


def words(text: str, start: int, end: int) -> Words:
    """Split text[start:end] into Words (offsets are into ``text``).

    >>> words("Gaza’s 12 dead.", 0, 15)
    Words(starts=[0, 7, 10], ends=[6, 9, 14], surface=["Gaza's", '12', 'dead'], \
lower=["gaza's", '12', 'dead'])
    """
    stretch = text[start:end]  # _WORD looks neither behind nor ahead: a slice reads the same
    parts = _WORD_SPLIT.split(stretch)  # gap, word, gap, word, ..., gap
    offsets = list(accumulate(map(len, parts), initial=start))  # where each part starts
    surface = parts[1::2]
    if "’" in stretch:
        surface = [word.replace("’", "'") for word in surface]
    return Words(offsets[1:-1:2], offsets[2::2], surface, list(map(str.lower, surface)))


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The word tuple a vocabulary phrase is looked up by.

    >>> phrase_key("U.S.-led coalition")
    ('U', 'S', 'led', 'coalition')
    """
    words_ = phrase.split(" ")
    if all(map(str.isalnum, words_)):  # plain words (most names): what _WORD finds in them
        return tuple(words_)
    found = _WORD.findall(phrase)
    return tuple(word.replace("’", "'") for word in found) if "’" in phrase else tuple(found)


@dataclass(slots=True)
class Hit:
    """A vocabulary phrase found at words[first:stop]: its kind and normalised value.

    Not frozen, though never changed: some twenty are built a sentence, and a frozen
    dataclass sets each field through ``object.__setattr__`` (3x slower).
    """

    first: int
    stop: int
    kind: str
    value: str


@dataclass(frozen=True)
class PhraseTable:
    """Phrases of several kinds, looked up by word tuples, longest first.

    A phrase written all in lower case, or of several words, matches in any case
    ("killed", "Killed", "health ministry"); a single word with a capital
    matches only as written ("WHO" is not "who", "US" not "us").
    ``longer`` holds the phrases of two words or more (lower case), ``folded`` the
    one-word phrases matched in any case (lower case), ``exact`` those matched as
    written; ``openers`` the first two words of every longer phrase with the lengths
    of the phrases they open, longest first, and ``single_lower`` every one-word
    phrase in lower case. The words where a phrase may start are picked out with
    these in C, on the lower-case words only (a word written as an ``exact`` phrase
    is also one of ``single_lower``); "the", "in" or "of" open a few long phrases, so
    a first word alone would pick out half the words of a text.
    """

    longer: dict[tuple[str, ...], tuple[tuple[str, str], ...]]
    folded: dict[str, tuple[tuple[str, str], ...]]
    exact: dict[str, tuple[tuple[str, str], ...]]
    openers: dict[tuple[str, str], tuple[int, ...]]
    single_lower: frozenset[str]

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str, str]]) -> PhraseTable:
        """Table of (kind, value, phrase) entries."""
        folded: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        exact: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for kind, value, phrase in entries:
            key = phrase_key(phrase)
            if not key:
                continue
            lowered = phrase == phrase.lower() or len(key) > 1  # so ``exact`` is one-word
            table = folded if lowered else exact
            key = tuple(map(str.lower, key)) if lowered else key
            meanings = table.setdefault(key, [])
            if (kind, value) not in meanings:
                meanings.append((kind, value))
        single = {key[0]: tuple(found) for key, found in folded.items() if len(key) == 1}
        written = {key[0]: tuple(found) for key, found in exact.items()}
        return cls({key: tuple(found) for key, found in folded.items() if len(key) > 1},
                   single, written, _longer(folded),
                   frozenset(single) | {word.lower() for word in written})

    def parts(self) -> tuple[Any, ...]:
        """The table's fields, plain data: ``PhraseTable(*table.parts())`` is the table."""
        return self.longer, self.folded, self.exact, self.openers, self.single_lower

    @staticmethod
    def are_parts(value: object) -> bool:
        """True when ``value`` has the shape of ``parts()``: a disk-cache entry's check.

        The containers only: checking each of 14,000 phrases would cost as much as
        reading the entry (7 ms), and an entry is only ever written from ``parts()``
        under a key of what it was made from (``figures.vocab.cache``).
        """
        return isinstance(value, tuple) and len(value) == 5 \
            and all(isinstance(part, dict) for part in value[:4]) \
            and isinstance(value[4], frozenset)

    def find(self, found: Words) -> list[Hit]:
        """Every phrase in ``found``; at one start word only the longest of each kind."""
        hits: list[Hit] = []
        lower, surface = found.lower, found.surface
        count = len(lower)
        # The words where a phrase may start, picked out in C (map, compress, pairwise): a
        # one-word phrase, or the first two words of a longer one.
        every = range(count)
        firsts = set(compress(every, map(self.single_lower.__contains__, lower)))
        firsts.update(compress(every, map(self.openers.__contains__, pairwise(lower))))
        longer, openers, folded, exact = self.longer, self.openers, self.folded, self.exact
        for first in sorted(firsts):
            seen: set[str] = set()
            opened = len(hits)
            word = lower[first]
            # Longest first: two words or more, then one word in any case, then as written.
            for length in openers.get((word, lower[first + 1]), ()) if first + 1 < count \
                    else ():
                stop = first + length
                if stop > count:
                    continue
                for kind, value in longer.get(tuple(lower[first:stop]), ()):
                    if kind not in seen:
                        seen.add(kind)
                        hits.append(Hit(first, stop, kind, value))
            for meanings in (folded.get(word, ()), exact.get(surface[first], ())):
                for kind, value in meanings:
                    if kind not in seen:
                        seen.add(kind)
                        hits.append(Hit(first, first + 1, kind, value))
            if len(hits) - opened > 1:  # the hits of one start word, shortest first
                hits[opened:] = sorted(hits[opened:], key=_BY_STOP)
        return hits


# The sort key of hits that start at one word.
_BY_STOP = attrgetter("stop")


def _longer(table: dict[tuple[str, ...], list[tuple[str, str]]]
            ) -> dict[tuple[str, str], tuple[int, ...]]:
    """The first two words of the phrases of two words or more -> their lengths, longest first."""
    lengths: dict[tuple[str, str], set[int]] = {}
    for key in table:
        if len(key) > 1:
            lengths.setdefault((key[0], key[1]), set()).add(len(key))
    return {words: tuple(sorted(found, reverse=True)) for words, found in lengths.items()}
