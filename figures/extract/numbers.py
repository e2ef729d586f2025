"""The number vocabulary and the small grammar that reads one number from tokens.

``extract.find_quantities`` finds where numbers may start; this module says
what the words there state: digits with scale words, number words and their
compounds, fractions, vague magnitudes and durations ("a year"). Vocabulary is
data (``figures/vocab/numbers.yaml``), loaded into ``NumberVocab``.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

#: Longest digit run read as a figure; longer runs are codes, never overflow.
MAX_DIGITS = 15

# Words are tried first: most tokens are words, and a word (a letter first) and a
# number (a digit or "." first) never start on the same character, so the order of the
# two alternatives changes no token, only how soon a word is matched. The white space
# after a token is matched with it (``gap``), so that ``findall`` yields every token
# with what its offsets follow from, and no match object is built a token.
TOKEN = re.compile(
    r"""
    (?:(?P<word>[^\W\d_]+                          # a word,
      (?:(?:\.[^\W\d_]+)+\.?                        #   or a dotted abbreviation: U.S., a.m.
      | ['’][^\W\d_]+)?)                              #   or a word with an inner apostrophe
    | (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)  # digits with thousands commas: 220,000
      | [1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]?\d)  # or thousands spaces: 300 000
      | \d+(?:\.\d+)?                                # plain digits or a decimal: 230000, 2.3
      | (?<![\w.])\.\d+)                             # or a decimal without its zero: .001
    | (?P<sym>\S))                                   # any other visible character
    (?P<gap>\s*)                                     # and the white space after it
    """,
    re.VERBOSE,
)

# The first visible character: where the first token starts.
_VISIBLE = re.compile(r"\S")


class Token(NamedTuple):
    """One token of text: kind is num, word or sym; ``low`` is the lower-cased text."""

    kind: str
    low: str
    start: int
    end: int


_new_tuple = tuple.__new__


def tokenize(text: str, start: int = 0, stop: int | None = None) -> list[Token]:
    """Tokens of ``text[start:stop]`` with offsets into ``text``.

    >>> [t.low for t in tokenize("At least 2.3bn-year")]
    ['at', 'least', '2.3', 'bn', '-', 'year']
    >>> [(t.kind, t.start, t.end) for t in tokenize(" ab  1,000 .", 1, 12)]
    [('word', 1, 3), ('num', 5, 10), ('sym', 11, 12)]
    """
    stop = len(text) if stop is None else stop
    first = _VISIBLE.search(text, start, stop)
    if first is None:
        return []
    # This is the innermost loop of extraction: offsets are counted from the lengths of
    # the token texts and gaps, and tokens built with tuple.__new__, not Token(...) (the
    # NamedTuple constructor is a Python call a token). A number has no case; a symbol may.
    tokens: list[Token] = []
    append = tokens.append
    at = first.start()
    for word, num, sym, gap in TOKEN.findall(text, start, stop):
        if word:
            end = at + len(word)
            append(_new_tuple(Token, ("word", word.lower(), at, end)))
        elif num:
            end = at + len(num)
            append(_new_tuple(Token, ("num", num, at, end)))
        else:
            end = at + 1
            append(_new_tuple(Token, ("sym", sym.lower(), at, end)))
        at = end + len(gap)
    return tokens


def digits_value(digits: str) -> float | None:
    """The value of a digit token, or None when it is too long to be a figure.

    >>> digits_value("220,000"), digits_value("300 000"), digits_value("9" * 16)
    (220000.0, 300000.0, None)
    """
    if digits.isdecimal():  # plain digits, most numbers: nothing to take out
        return None if len(digits) > MAX_DIGITS else float(digits)
    plain = "".join(digits.replace(",", "").split())
    if len(plain.split(".")[0]) > MAX_DIGITS:
        return None
    return float(plain)


def surface_words(phrase: str) -> tuple[str, ...]:
    """A vocabulary phrase as the token texts it matches, with their case.

    >>> surface_words("US $"), surface_words("Rs.")
    (('US', '$'), ('Rs', '.'))
    """
    return tuple(phrase[token.start:token.end] for token in tokenize(phrase))


def words_of(phrase: str) -> tuple[str, ...]:
    """A vocabulary phrase as the token texts it matches.

    >>> words_of("more than"), words_of("%"), words_of("U.S. dollars")
    (('more', 'than'), ('%',), ('u.s.', 'dollars'))
    """
    return tuple(token.low for token in tokenize(phrase))


# Dates and clock times; {months}, {weekdays}, {clock} come from the vocabulary.
# Keep in sync with the date words of numbers.yaml (months, weekdays, clock_words).
BLOCKED_TEMPLATE = r"""
    \b(?:{weekdays})\.?,?\s+\d{{1,2}}(?=\s+(?:{months})\b)  # "Wed 05 Apr" (not "Wed 10 dead")
  | \b(?:3[01]|[12]\d|0?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b\.?  # "6 Jun"
    (?:,?\s+\d{{4}}\b(?:\s+[0-2]\d[0-5]\d[0-5]\d\b)?)?   #   with a year and an HHMMSS time
  | \b(?:{months})\.?\s+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b  # "June 20" (not "May 40")
    (?:,?\s+\d{{4}}\b(?:\s+[0-2]\d[0-5]\d[0-5]\d\b)?)?   #   with a year and an HHMMSS time
  | \b(?:{months})\.?,?\s+\d{{4}}\b                      # "March 2011"
  | \b(?:{months})\.?\s+\d{{1,2}}(?:19|20)\d\d\b          # "Jul 172015": day and year glued
  | \b\d{{1,4}}([-/.])\d{{1,2}}\1\d{{1,4}}(?!\d)         # "15-09-2013", "28.04.2017Get"
  | \b\d{{1,2}}/\d{{1,2}}\b                              # "4/5"
  | \b(?:19|20)\d\d[-–/]\d\d\b(?![-–/.]?\d)            # a season or fiscal year: "2019-20"
  | \b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b                   # "19:11"
  | \b\d{{1,4}}(?:[.:]\d{{2}})?\s*(?:{clock})(?!\w)      # "3 pm", "0914 GMT"
"""

# Where a figure may start; {words}, {article}, {after_a} and {time_units} come from the
# vocabulary. The pattern is matched ignoring case, yet the letters of those words are
# written as case-sensitive classes of their case variants ("(?-i:[tT])", see
# ``_alternation``), and each alternative starts with what it consumes first: on a
# class or a plain character the regex engine skips an alternative with one test; on a
# letter matched ignoring case, or an assertion, it enters the alternative. (At every
# word start of a corpus; written plainly the scan took twice as long.)
ANCHOR_TEMPLATE = r"""
    (?<![A-Za-z0-9])(?=[A-Za-z0-9.{fraction_characters}])  # (a word start: lets the scan skip fast)
  (?:\d(?<![0-9][.,]\d)\d*(?:[.,]\d+)*                  # a digit run, read whole (never the
                                                         #   tail of "21,700" after a prefix)
  | \b(?:(?:{words})\b                                 # a number word or vague word
    | {article}\s+(?=(?:{after_a})\b)                  # "a" before dozen/year/few/third
    | (?:{time_units})(?=-long\b))                     # "month-long"
  | (?-i:(?=[A-Z][A-Za-z]{{0,2}}\d)                       # a currency code glued to digits:
    (?P<prefix>{glued_prefixes})(?=\d))
                                                         #   "USD10m", "PS21,700" (the number
                                                         #   starts after it)
  | \.(?<![\w.]\.)\d+                                  # a decimal without its zero: ".001"
  | [{fraction_characters}](?<!\d[{fraction_characters}])  # a fraction character alone: "½ mile"
  )"""

#: What a case-insensitive match of an ASCII letter accepts besides its two cases
#: (the tests check this against the regex engine over all of Unicode).
_CASE_EXTRAS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _caseless(char: str) -> str:
    """An ASCII letter as a case-sensitive class of what ignoring case matches; else as is.

    >>> _caseless("t"), _caseless("1")
    ('(?-i:[tT])', '1')
    """
    if not (char.isascii() and char.isalpha()):
        return re.escape(char)
    lower = char.lower()
    return f"(?-i:[{lower}{lower.upper()}{_CASE_EXTRAS.get(lower, '')}])"


def _alternation(words: list[str], caseless: bool = False) -> str:
    """A regex of literal words as a trie, longest first, spaces matching any whitespace.

    A trie ("seven(?:t(?:een|y))?") tests each character once where a flat
    alternation would try every word in turn at every word start. ``caseless``
    writes each letter as the class of its case variants (``_caseless``), for a
    pattern matched ignoring case that must skip fast.

    >>> _alternation(["seven", "seventy", "seventeen", "six"])
    's(?:even(?:t(?:een|y))?|ix)'
    >>> _alternation(["an", "a"], caseless=True)
    '(?-i:[aA])(?:(?-i:[nN]))?'
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie, caseless)


def _trie_regex(node: dict[str, dict], caseless: bool = False) -> str:
    """The regex of one trie node: its branches, optional when a word may end here."""
    branches = [(r"\s+" if char == " " else _caseless(char) if caseless else re.escape(char))
                + _trie_regex(child, caseless)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"


def idiom_regex(idioms: list[str]) -> str:
    """One alternation of the idioms, each bracketed number word a capture group.

    >>> re.search(idiom_regex(["[one] by [one]"]), "came one by one").span(1)
    (5, 8)
    """
    def one(idiom: str) -> str:
        parts = re.split(r"(\[[^\]]*\])", idiom)
        return "".join(f"({_alternation([p[1:-1]])})" if p.startswith("[")
                       else _alternation([p]) if p.strip() else p.replace(" ", r"\s+")
                       for p in parts if p)
    # The first letters of the idioms, as one case-sensitive class the scan tests in one
    # step at every position (the alternatives themselves are entered one by one).
    firsts = {idiom.lstrip("[")[:1].lower() for idiom in idioms}
    guard = ""
    if firsts and all(c.isascii() and c.isalpha() for c in firsts):
        guard = "(?=(?-i:[" + "".join(sorted(
            c + c.upper() + _CASE_EXTRAS.get(c, "") for c in firsts)) + "]))"
    return guard + r"\b(?:" + "|".join(one(i) for i in idioms) + r")\b"


def glued_prefixes(vocab: NumberVocab) -> set[str]:
    """The letters that end a currency prefix and may touch the digits: "USD", "US" of "$US"."""
    found = set()
    for prefix in (*vocab.currency_prefixes, *vocab.scraped_prefixes):
        letters = re.search(r"[^\W\d_]+\Z", prefix)
        if letters:
            found.add(letters.group())
    return found


def compile_patterns(vocab: NumberVocab) -> tuple[re.Pattern[str], ...]:
    """The date-and-time regex (matched where digits start), the anchor and the idiom regex."""
    blocked = BLOCKED_TEMPLATE.format(
        months=_alternation(vocab.months), weekdays=_alternation(vocab.weekdays),
        clock=_alternation(vocab.clock_words))
    first_words = [p.split()[0] for p in vocab.vague_multipliers if not p.startswith("a ")]
    after_a = [p.split()[1] for p in vocab.vague_multipliers if p.startswith("a ")]
    compound_words = [p.split("-")[0] for p in vocab.vague_compounds]
    anchor = ANCHOR_TEMPLATE.format(
        words=_alternation([*vocab.cardinals, *vocab.fractions, *vocab.vague_plurals,
                            *vocab.iteratives, *first_words, *compound_words], caseless=True),
        article=_alternation(["a", "an", "another"], caseless=True),
        fraction_characters=re.escape("".join(vocab.fraction_characters)),
        glued_prefixes=_alternation(sorted(glued_prefixes(vocab))),
        after_a=_alternation([*vocab.article_one_before, *vocab.fractions, *vocab.singles,
                              *after_a, *vocab.article_time_units, *vocab.duration_adjectives],
                             caseless=True),
        time_units=_alternation(vocab.article_time_units, caseless=True))
    return (re.compile(blocked, re.VERBOSE | re.IGNORECASE),
            re.compile(anchor, re.VERBOSE | re.IGNORECASE),
            re.compile(idiom_regex(vocab.idioms), re.IGNORECASE))


class VagueBounds(BaseModel):
    """Bounds of a vague plural; ``factor`` scales what follows "X of"."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    low: float
    high: float
    factor: float


class Bounds(BaseModel):
    """Low and high bounds of a vague compound ("double-digit": 10-99)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    low: float
    high: float


class UnitConversion(BaseModel):
    """A unit stated in steps of another: "decade" is 10 "year"."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    unit: str
    factor: float


class AmbiguousUnit(BaseModel):
    """A unit word that is also a currency: "pounds" of weight, or pounds sterling."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    currency: str
    money_from: float


class Subunit(BaseModel):
    """A currency's subunit: "cents" is 0.01 USD; ``glued_only`` for "164p"."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str
    factor: float
    glued_only: bool


class VagueMultiplier(BaseModel):
    """Bounds of "several"/"a few"; ``alone`` says whether it is a figure without a scale."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    low: float
    high: float
    alone: bool


class NumberVocab(BaseModel):
    """``figures/vocab/numbers.yaml``: every word the number grammar knows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cardinals: dict[str, int]
    multipliers: dict[str, int]
    scale_abbreviations: dict[str, int]
    currency_scales: dict[str, int]
    spaced_scales: dict[str, int]
    metre_cutoff: float
    article_one_before: list[str]
    singles: dict[str, int]
    iteratives: dict[str, int]
    iteratives_alone: list[str]
    fractions: dict[str, float]
    fraction_characters: dict[str, float]
    fractions_alone: list[str]
    fraction_needs_of: list[str]
    fraction_blockers: list[str]
    qualifiers: dict[str, list[str]]
    verb_qualifiers: dict[str, list[str]]
    plus_suffixes: list[str]
    vague_plurals: dict[str, VagueBounds]
    vague_need_of: list[str]
    vague_multipliers: dict[str, VagueMultiplier]
    units: dict[str, list[str]]
    units_in_lower_case: list[str]
    unit_conversions: dict[str, UnitConversion]
    ambiguous_units: dict[str, AmbiguousUnit]
    compound_time_units: dict[str, int]
    article_time_units: list[str]
    duration_adjectives: list[str]
    duration_leaders: list[str]
    duration_followers: list[str]
    currency_prefixes: dict[str, str]
    scraped_prefixes: dict[str, str]
    currency_subunits: dict[str, Subunit]
    currency_words: dict[str, str]
    identifier_words: list[str]
    name_words: list[str]
    page_counted: list[str]
    page_sections: list[str]
    calibre_units: list[str]
    calibre_nouns: list[str]
    event_nouns: list[str]
    idioms: list[str]
    age_leaders: list[str]
    age_followers: list[str]
    months: list[str]
    weekdays: list[str]
    clock_words: list[str]
    year_range: tuple[int, int] = Field(min_length=2, max_length=2)
    year_leaders: list[str]
    plural_nouns: list[str]
    ordinal_words: list[str]
    one_blockers_before: list[str]
    one_blockers_after: list[str]
    one_pronoun_before: list[str]
    iterative_blockers_after: list[str]
    vague_compounds: dict[str, Bounds]
    decade_age_leaders: list[str]
    decade_age_parts: dict[str, tuple[int, int]]
    change_verbs: list[str]
    share_denominators: list[int]
    street_words: list[str]
    compass_abbreviations: list[str]
    name_number_max: int
    name_number_exempt: list[str]
    name_number_followers: list[str]
    name_number_count_followers: list[str]
    name_number_not_after: list[str]
    name_number_articles: list[str]

    # Derived tables are cached_property, not PrivateAttr: a private attribute is read
    # through BaseModel.__getattr__ (slow on the hot path); a cached property is built
    # once, on first use, and then read from the instance like a plain attribute.

    @cached_property
    def phrase_tables(self) -> dict[str, dict[tuple[str, ...], str]]:
        """Multi-word phrases of each kind, keyed by their token texts."""
        return {
            "qualifier": {words_of(p): q for q, ps in self.qualifiers.items() for p in ps},
            "unit": {words_of(p): unit for unit, ps in self.units.items() for p in ps},
            "currency_word": {words_of(p): code for p, code in self.currency_words.items()},
            "currency_prefix": {surface_words(p): code
                                for p, code in self.currency_prefixes.items()},
            "scraped_prefix": {surface_words(p): code
                               for p, code in self.scraped_prefixes.items()},
            "verb_qualifier": {words_of(p): q for q, ps in self.verb_qualifiers.items()
                               for p in ps},
            "vague_multiplier": {words_of(p): p for p in self.vague_multipliers},
            "age_leader": {words_of(p): p for p in self.age_leaders},
        }

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The compiled patterns: blocked, anchor, idiom (see the properties below)."""
        return compile_patterns(self)

    @cached_property
    def blocked_pattern(self) -> re.Pattern[str]:
        """Dates and clock times, matched at digits or at the word before them."""
        return self.patterns[0]

    @cached_property
    def anchor_pattern(self) -> re.Pattern[str]:
        """Where a figure may start: digits, number words, "a" before "dozen"/"year"."""
        return self.patterns[1]

    @cached_property
    def idiom_starts(self) -> frozenset[str]:
        """The first number word of every idiom ("one", "a"): only these need the idiom check."""
        return frozenset(m.group(1).split()[0].lower()
                         for idiom in self.idioms for m in re.finditer(r"\[([^\]]+)\]", idiom))

    @cached_property
    def idiom_pattern(self) -> re.Pattern[str]:
        """Fixed phrases ("one by one"); a group marks each number word that is no figure."""
        return self.patterns[2]

    def phrases(self, kind: str) -> dict[tuple[str, ...], str]:
        """Phrases of one kind (qualifier, unit, currency_word, ...) keyed by token texts."""
        return self.phrase_tables[kind]

    @cached_property
    def phrase_tries(self) -> dict[str, PhraseTrie]:
        """The phrase tables as tries, for ``match_ahead``."""
        return {kind: phrase_trie(table) for kind, table in self.phrase_tables.items()}

    @cached_property
    def phrase_enders(self) -> dict[str, frozenset[str]]:
        """The last token text of the phrases of each kind: what ``match_behind`` needs to
        see last before it looks up any phrase."""
        return {kind: frozenset(key[-1] for key in table if key)
                for kind, table in self.phrase_tables.items()}


#: A phrase table as a trie of token texts: each word leads to the value of the phrase
#: that ends with it (None when only longer phrases do) and to the words that may follow.
PhraseTrie: TypeAlias = "dict[str, tuple[str | None, PhraseTrie]]"


def phrase_trie(phrases: dict[tuple[str, ...], str]) -> PhraseTrie:
    """``phrases`` as a trie, so that ``match_ahead`` stops at the first word no phrase has.

    >>> phrase_trie({("km",): "km", ("square", "km"): "km2"})
    {'km': ('km', {}), 'square': (None, {'km': ('km2', {})})}
    """
    following: dict[str, dict[tuple[str, ...], str]] = {}
    for key, value in phrases.items():
        if key:
            following.setdefault(key[0], {})[key[1:]] = value
    return {word: (rest.get(()), phrase_trie(rest)) for word, rest in following.items()}


def match_ahead(tokens: list[Token], i: int, phrases: PhraseTrie,
                glue: bool = False) -> tuple[str, int] | None:
    """The longest phrase (of at most four words) starting at ``tokens[i]``: (its value,
    index after it).

    ``phrases`` is a ``NumberVocab.phrase_tries`` entry. With ``glue`` the words may
    also be joined by hyphens ("square-kilometre").
    """
    best = None
    node, words, j, count = phrases, 0, i, len(tokens)
    while j < count and words < 4:
        low = tokens[j].low
        if glue and low == "-" and words and j + 1 < count:
            j += 1
            continue
        entry = node.get(low)
        if entry is None:
            return best  # no phrase goes on with this word
        value, node = entry
        words, j = words + 1, j + 1
        if value is not None:
            best = (value, j)
    return best


def match_behind(tokens: list[Token], phrases: dict[tuple[str, ...], str],
                 enders: frozenset[str] | None = None) -> tuple[str, int] | None:
    """The longest phrase ending with the last token: (its value, index where it starts).

    ``enders`` (``NumberVocab.phrase_enders``), when given, spares the lookups when the
    last token ends no phrase.
    """
    if enders is not None and (not tokens or tokens[-1].low not in enders):
        return None
    return match_behind_texts([t.low for t in tokens[-4:]], phrases, len(tokens))


def match_behind_texts(words: list[str], phrases: dict[tuple[str, ...], str],
                       count: int | None = None, enders: frozenset[str] | None = None
                       ) -> tuple[str, int] | None:
    """``match_behind`` on token texts (with their case, for currency codes).

    ``count`` is the length of the whole token list ``words`` ends (default: its own).
    """
    if enders is not None and (not words or words[-1] not in enders):
        return None
    count = len(words) if count is None else count
    best = None
    for size in range(1, min(4, len(words)) + 1):
        found = phrases.get(tuple(words[-size:]))
        if found is not None:
            best = (found, count - size)
    return best


def joined(tokens: list[Token], i: int) -> bool:
    """True when ``tokens[i]`` follows ``tokens[i - 1]`` with no space between."""
    return 0 < i < len(tokens) and tokens[i].start == tokens[i - 1].end


def skip_hyphen(tokens: list[Token], i: int) -> int:
    """Index past a hyphen glued on both sides at ``i`` ("twenty-one"), else ``i``."""
    if i + 1 < len(tokens) and tokens[i].low == "-" and joined(tokens, i) and joined(tokens, i + 1):
        return i + 1
    return i


def read_cardinal(tokens: list[Token], i: int, vocab: NumberVocab,
                  value: float = 0.0) -> tuple[float, int] | None:
    """Number words from ``tokens[i]``: "twenty-one", "one hundred and fifty", "two dozen".

    ``value`` is a number already read (digits, or 1 for "a") that only
    multipliers may follow. Returns (value, index after the last number word)
    or None when no number word is there.
    """
    total, current, j, stop, big = 0.0, value, i, i, 0
    last = "num" if value else "start"  # what was read last: start/num/unit/tens/hundred/big/and
    while j < len(tokens):
        word = tokens[j].low
        if word in vocab.cardinals:
            number = vocab.cardinals[word]
            if not (last in ("start", "and", "big", "hundred") or (last == "tens" and number < 10)):
                break
            current += number
            last = "tens" if number >= 20 else "unit"
        elif word in vocab.multipliers and last != "start" and last != "and":
            scale = vocab.multipliers[word]
            if scale >= 1000 and last == "big" and scale > big:
                total, big = total * scale, scale  # "20 lakh crore", "a thousand million"
            elif scale >= 1000:
                total, current, last, big = total + (current or 1) * scale, 0.0, "big", scale
            else:
                current, last = (current or 1) * scale, "hundred"
        elif word == "and" and last in ("hundred", "big") and j + 1 < len(tokens) \
                and tokens[j + 1].low in vocab.cardinals:
            last = "and"
        else:
            break
        stop = j + 1
        j = skip_hyphen(tokens, j + 1)
    if stop == i:
        return None
    return total + current, stop


def read_half_more(tokens: list[Token], i: int) -> int | None:
    """Index past "and a half" (or "-and-a-half") at ``tokens[i]``, else None."""
    j = i
    for word in ("and", "a", "half"):
        j = skip_hyphen(tokens, j)
        if j >= len(tokens) or tokens[j].low != word:
            return None
        j += 1
    return j


def vague_plural(tokens: list[Token], i: int, vocab: NumberVocab
                 ) -> tuple[float, float, int] | None:
    """'hundreds', 'tens of thousands of': (low, high, index after, incl. a final 'of')."""
    bounds = vocab.vague_plurals.get(tokens[i].low)
    if bounds is None:
        return None
    low, high, j = bounds.low, bounds.high, i + 1
    has_of = j < len(tokens) and tokens[j].low == "of"
    if tokens[i].low in vocab.vague_need_of and not has_of:
        return None
    if has_of and j + 1 < len(tokens) and tokens[j + 1].low in vocab.vague_plurals:
        inner = vocab.vague_plurals[tokens[j + 1].low]
        if inner.factor >= 1000:
            low, high, j = low * inner.factor, (high + 1) * inner.factor - 1, j + 2
            has_of = j < len(tokens) and tokens[j].low == "of"
    return low, high, (j + 1 if has_of else j)
