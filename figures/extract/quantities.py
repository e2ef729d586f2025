"""Find every figure in a text: where it is and what number it states.

``find_quantities(text, vocab)`` returns one ``Quantity`` a figure: its span
(qualifier + number + scale words + unit words, without the counted noun), the
stated value, the bounds the statement allows, the qualifier and the unit, as
``../shared/gold/GUIDELINES.md`` defines them. Dates, years, clock times,
ordinals and identifiers are left out.

How: one regex finds where a number may start (digits, number words, "a"
before "dozen"/"year"/"few"); digits that begin a date or clock time are
skipped with the date's span; at every other place a small grammar
(``figures.extract.numbers``) reads the few tokens around it. Work is linear in the
text: every regex is anchored or scans once, none can backtrack across it.

This is the one module that touches quantulum3: it names the ISO code of a
currency symbol numbers.yaml does not list ("₹", "₩"), on that span only.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from typing import NamedTuple

from figures.extract.numbers import (
    NumberVocab,
    Token,
    digits_value,
    joined,
    match_ahead,
    match_behind,
    match_behind_texts,
    read_cardinal,
    read_half_more,
    skip_hyphen,
    tokenize,
    vague_plural,
)
from figures.model import Quantity
from figures.vocab import load_vocab

__all__ = ["NumberVocab", "find_quantities", "load_number_vocab"]

#: Characters read around a candidate number; no figure phrase is longer. Most
#: phrases fit in the short window; the long one is read when they may not.
LEFT_WINDOW, SHORT_WINDOW, RIGHT_WINDOW = 32, 40, 120

#: The word just before a position, with a full stop or comma: "June ", "Wed, ".
PREVIOUS_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]+\.?,?\s+\Z")

# Anything but white space: "is this the end of the document?" without copying the rest.
_NON_SPACE = re.compile(r"\S")

#: A decade of age written with digits: "80s" (of "in their 80s", "her mid-80s").
_DECADE = re.compile(r"[1-9]0s\b")

#: Bullets that may stand before a list number at the start of a line ("- 6.", "• 6)").
_BULLETS = frozenset("-*•#–—")

#: Punctuation that may close a name with a number ("the S&P 500.", "World War Two,").
_CLOSING = frozenset(",.;:)!?\"'’”")

#: Signs glued before digits that make a number negative ("-1.3%", "−5").
_SIGNS = frozenset("-−")
#: Dashes that join two figures written with their units ("52%-48%").
_DASHES = frozenset("-–")
#: Dashes between the two numbers of a range ("10-20", "14%–19%").
_RANGE_DASHES = frozenset("-–—")
#: What may stand before a sign: white space or an opening bracket or quote.
_BEFORE_SIGN = frozenset("([{\"“‘'")
#: Signs of an exponent and superscript digits ("10−30", "10⁻³⁰").
_EXPONENT_SIGNS = frozenset("-−⁻")
_SUPERSCRIPTS = {c: i for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


def load_number_vocab() -> NumberVocab:
    """The packaged number vocabulary (``figures/vocab/numbers.yaml``)."""
    return load_vocab("numbers.yaml", NumberVocab)


class _Left(NamedTuple):
    """What the words just before a candidate number say about it.

    _Left and _Core are NamedTuples, not frozen dataclasses: one of each is built for every
    candidate number, and a frozen dataclass sets each field through object.__setattr__.
    """

    tokens: list[Token]
    start: int  # where the candidate number starts
    qualifier: str | None = None
    qualifier_start: int | None = None
    currency: str | None = None
    currency_start: int | None = None
    prev_capitalized: bool = False
    sign_start: int | None = None  # where a minus sign starts ("-1.3%", "minus 5")
    verb_qualifier: str | None = None  # "topped", "passed": a qualifier without a count noun
    verb_qualifier_start: int | None = None
    text: str | None = None  # the whole text, for the case of tokens on the right
    #: The token before is a dash glued to the unit that ends the figure before: "52%-48%",
    #: "5p-6p" (a second figure, neither a minus sign nor a fragment of a token).
    linked: bool = False

    @property
    def prev(self) -> str:
        """The token just before the number (after any qualifier), lower-cased."""
        return self.tokens[-1].low if self.tokens else ""

    @property
    def glued(self) -> bool:
        """True when the token before touches the number ("G20", "$5")."""
        return bool(self.tokens) and self.tokens[-1].end == self.start


class _Core(NamedTuple):
    """A number read from tokens, before qualifier, range and unit."""

    value: float | None
    low: float | None
    high: float | None
    kind: str  # exact, vague, duration or iterative
    stop: int  # index of the first token after it
    unit: str | None = None
    scale: float = 1.0  # the scale word after the digits ("10 million": 1e6)
    word: bool = False  # read from number words, not digits


def find_quantities(text: str, vocab: NumberVocab) -> list[Quantity]:
    """Every figure in ``text``, sorted by start and non-overlapping.

    Offsets are into ``text``, end exclusive; ``Quantity.text`` is
    ``text[start:end]``: "more than 220,000", "a dozen", "$2.3 billion",
    "hundreds of", "four-and-a-half year", "about 40 kilometers".
    """
    found: list[Quantity] = []
    date_end = -1  # end of the last date or clock time seen
    idiom_starts = vocab.idiom_starts
    for anchor in vocab.anchor_pattern.finditer(text):
        start = anchor.end() if anchor.lastgroup == "prefix" else anchor.start()
        if start < date_end or (found and start < found[-1].end):
            continue
        if text[start].isdigit():
            end = _date_end(text, start, vocab)
            if end is not None:
                date_end = end
                continue
        elif anchor.group().rstrip().lower() in idiom_starts and _in_idiom(text, start, vocab):
            continue
        quantity = _read_quantity(text, start, vocab, found[-1] if found else None, date_end)
        if quantity is not None:
            found.append(quantity)
    return found


def _date_end(text: str, start: int, vocab: NumberVocab) -> int | None:
    """The end of the date or clock time the digits at ``start`` belong to, else None.

    Dates start with the digits ("05 Apr 2017", "19:11", "3 pm") or with the
    word before them ("June 20 2016", "March 2011", "Wed 05").
    """
    date = vocab.blocked_pattern.match(text, start)
    if date is not None and _slash_fraction(text, date, vocab):
        return None
    if date is None:
        word = PREVIOUS_WORD.search(text, max(0, start - 16), start)
        date = vocab.blocked_pattern.match(text, word.start()) if word else None
    return date.end() if date is not None and date.end() > start else None


def _in_idiom(text: str, start: int, vocab: NumberVocab) -> bool:
    """True when the number words at ``start`` belong to an idiom: "one by one"."""
    for idiom in vocab.idiom_pattern.finditer(text, max(0, start - 24), start + 40):
        if start in (idiom.start(g) for g in range(1, len(idiom.groups()) + 1)):
            return True
    return False


def _read_quantity(text: str, start: int, vocab: NumberVocab, previous: Quantity | None,
                   date_end: int) -> Quantity | None:
    """The figure whose number starts at ``start``, or None when it is not a figure.

    ``date_end`` is the end of the last date or clock time before ``start``.
    """
    left = _read_left(text, start, vocab, previous.end if previous else 0)
    decade = _decade_age(text, start, left, vocab)
    if decade is not None:
        return decade
    if _left_excludes(left, vocab, date_end):
        return None
    tokens = _right_tokens(text, start, SHORT_WINDOW)
    core = _read_core(tokens, left, vocab)
    if core is not None and core.stop + 4 > len(tokens) and start + SHORT_WINDOW < len(text):
        tokens = _right_tokens(text, start, RIGHT_WINDOW)  # a long phrase: read further
        core = _read_core(tokens, left, vocab)
    if core is None or not _allowed(tokens, core, left, vocab) \
            or _is_list_number(text, tokens, core):
        return None
    core = _read_range(tokens, core, left, vocab) or core
    plus = core.kind == "exact" and _glued_word(tokens, core.stop, vocab.plus_suffixes)
    unit, stop, factor = core.unit, core.stop + 2 * plus, 1.0
    if unit is None:
        found = _read_unit(tokens, stop, vocab)
        if found and found[1] == stop + 1 and tokens[stop].low in vocab.units_in_lower_case \
                and text[tokens[stop].start:tokens[stop].end] != tokens[stop].low:
            found = None  # a name: "10,000 BP employees", "40 PC games"
        subunit = None if found or left.currency else _read_subunit(tokens, stop, vocab)
        if found:
            unit, stop = found
        elif subunit:
            unit, factor, stop = subunit
    if unit is None and core.kind == "exact" and left.currency is None:
        share = _read_share(tokens, core, vocab)
        if share is not None:
            core, unit, stop = share, "percent", share.stop
    if core.kind == "exact" and not core.word and unit is None and left.currency is None and (
            _is_year(text, tokens, stop, left, vocab)
            or _is_code(text, tokens, stop, left, vocab, date_end)
            or _is_page_counter(text, tokens, stop, left, vocab)
            or _is_address(text, tokens, stop, vocab)
            or _is_second_day(tokens, stop, left, vocab, date_end)):
        return None
    if unit is None and _is_age(text, tokens, core, left, vocab):
        unit = "year"  # "Ahmed 24 said"
    if unit is None and left.currency is None and _is_named_number(text, tokens, core, stop,
                                                                   left, vocab):
        return None
    if core.word and unit is not None and _is_name(text, tokens, stop, vocab):
        return None
    if core.kind == "exact" and unit in vocab.compound_time_units:
        core, stop = _compound_duration(tokens, core, unit, stop, vocab)
    if unit in vocab.ambiguous_units:  # "2.6 million pounds in orders", "5 pounds of meat"
        ambiguous = vocab.ambiguous_units[unit]
        if core.value is not None and core.value >= ambiguous.money_from and not (
                stop < len(tokens) and tokens[stop].low == "of"):
            unit = ambiguous.currency
    if unit in vocab.unit_conversions:
        conversion = vocab.unit_conversions[unit]
        unit, factor = conversion.unit, factor * conversion.factor
    qualifier = _qualifier(tokens, core, stop, left, vocab, plus)
    if qualifier == "exact" and previous is not None and unit is not None:
        qualifier = _inherited(text, previous, start) or qualifier
    starts = [start, left.currency_start, left.sign_start]
    if qualifier == left.qualifier:
        starts.append(left.qualifier_start)
    elif qualifier == left.verb_qualifier and not plus:
        starts.append(left.verb_qualifier_start)
    if qualifier == "range" and left.prev in ("between", "from"):
        starts.append(left.tokens[-1].start)
    first = start
    for other in starts:
        if other is not None and other < first:
            first = other
    end = tokens[stop - 1].end
    sign = -factor if left.sign_start is not None else factor
    low, high = _bounds(qualifier, core)
    low, high = _scaled(low, sign), _scaled(high, sign)
    if sign < 0:
        low, high = high, low
    value = None if qualifier in ("range", "vague") else _scaled(core.value, sign)
    return Quantity(first, end, text[first:end], value, low, high, qualifier,
                    left.currency or unit or "count")


def _scaled(value: float | None, factor: float) -> float | None:
    """``value`` times ``factor`` (a subunit, a conversion, a sign), rounded to what was stated.

    >>> _scaled(53, 0.01), _scaled(None, 10)
    (0.53, None)
    """
    return None if value is None else (value if factor == 1 else round(value * factor, 12))


def _qualifier(tokens: list[Token], core: _Core, stop: int, left: _Left, vocab: NumberVocab,
               plus: bool) -> str:
    """The qualifier of the figure: its kind (range, vague), the words before it, or "-plus"."""
    if core.kind in ("range", "vague"):
        return core.kind
    if left.qualifier is not None:
        return left.qualifier
    if plus:
        return "more_than"  # "20,000-plus fans"
    if left.verb_qualifier is not None and not _counted_noun_at(tokens, stop, vocab):
        return left.verb_qualifier  # "deaths topped 1,000", not "passed 12 bills"
    return "exact"


def _counted_noun_at(tokens: list[Token], i: int, vocab: NumberVocab) -> bool:
    """True when ``tokens[i]`` looks like a plural counted noun ("bills", "people")."""
    if i >= len(tokens) or tokens[i].kind != "word":
        return False
    word = tokens[i].low
    return word in vocab.plural_nouns or (word.endswith("s") and len(word) > 3
                                          and not word.endswith("ss"))


def _glued_word(tokens: list[Token], i: int, words: list[str]) -> bool:
    """True when ``tokens[i:i+2]`` is a hyphen and one of ``words``, glued: "-plus"."""
    return i + 1 < len(tokens) and tokens[i].low == "-" and joined(tokens, i) \
        and joined(tokens, i + 1) and tokens[i + 1].low in words


def _right_tokens(text: str, start: int, window: int) -> list[Token]:
    """The tokens from ``start`` on, as far as ``window`` characters."""
    stop = min(len(text), start + window)
    tokens = tokenize(text, start, stop)
    if stop < len(text) and tokens and tokens[-1].end == stop:
        tokens.pop()  # cut by the window: may be half a word
    return tokens


def _read_left(text: str, start: int, vocab: NumberVocab, floor: int) -> _Left:
    """The last few tokens before ``start``: sign, currency and qualifier among them.

    The qualifier and currency must start at or after ``floor`` (the end of
    the figure before), so that figures never overlap.
    """
    window = max(0, start - LEFT_WINDOW)
    tokens = tokenize(text, window, start)
    if window > 0 and tokens and tokens[0].start == window:
        del tokens[0]  # cut by the window
    rest = tokens if not tokens or tokens[0].start >= floor else [
        token for token in tokens if token.start >= floor]
    sign_start = None
    linked = len(rest) == 1 and len(tokens) >= 3 and rest[0].low in _DASHES \
        and rest[0].end == start and tokens[-2].end == rest[0].start \
        and tokens[-2].kind != "num" and tokens[-3].kind == "num" \
        and tokens[-3].end == tokens[-2].start  # a unit glued to digits: not "212-11", "6-foot-4"
    if rest and rest[-1].end == start and rest[-1].low in _SIGNS and (
            len(tokens) == 1 or tokens[-2].end < tokens[-1].start
            or tokens[-2].low in _BEFORE_SIGN):
        sign_start, rest = rest[-1].start, rest[:-1]  # "-1.3%", "(-5)"; not "5p-6p"
    elif rest and rest[-1].low == "minus":
        sign_start, rest = rest[-1].start, rest[:-1]
    currency = currency_start = None
    tables, enders = vocab.phrase_tables, vocab.phrase_enders
    # the texts (with their case) of the last tokens, only when the last may end a prefix
    last = text[rest[-1].start:rest[-1].end] if rest else None
    prefix = None
    if last in enders["currency_prefix"]:
        prefix = match_behind_texts([text[t.start:t.end] for t in rest[-4:]],
                                    tables["currency_prefix"], len(rest))
    if prefix is None and last in enders["scraped_prefix"] and rest[-1].end == start \
            and sign_start is None and not _single_digit(text, start):
        prefix = match_behind_texts([text[t.start:t.end] for t in rest[-4:]],
                                    tables["scraped_prefix"], len(rest))
    if prefix is not None and " ".join(text[rest[prefix[1]].start:rest[-1].end].split()) not in (
            vocab.currency_prefixes.keys() | vocab.scraped_prefixes.keys()):
        prefix = None  # "A $33.5 million" is not "A$": the words of a prefix are written as listed
    if prefix is not None:
        currency, currency_start = prefix[0], rest[prefix[1]].start
        rest = rest[: prefix[1]]
    elif rest and rest[-1].end == start and unicodedata.category(rest[-1].low[0]) == "Sc":
        # a listed symbol after a word that is not part of its prefix ("A $33.5 million")
        # is read from the vocabulary; quantulum3 (whose first call costs 4 s) only
        # names symbols numbers.yaml does not list
        currency = vocab.currency_prefixes.get(text[rest[-1].start:rest[-1].end]) \
            or _quantulum_currency(text[rest[-1].start:start + 24])
        currency_start = rest[-1].start if currency else None
        rest = rest[:-1]
    found = match_behind(rest, tables["qualifier"], enders["qualifier"])
    qualifier, qualifier_start = (found[0], rest[found[1]].start) if found else (None, None)
    verb = None if found else match_behind(rest, tables["verb_qualifier"],
                                           enders["verb_qualifier"])
    capitalized = bool(tokens) and text[tokens[-1].start].isupper()
    return _Left(tokens, start, qualifier, qualifier_start, currency, currency_start, capitalized,
                 sign_start, verb[0] if verb else None, rest[verb[1]].start if verb else None,
                 text, linked)


def _single_digit(text: str, start: int) -> bool:
    """True when one digit stands alone at ``start`` ("PS4", "PS5": consoles, not pounds)."""
    end = start + 1
    return end >= len(text) or not (text[end].isdigit() or text[end] in ".,")


def _decade_age(text: str, start: int, left: _Left, vocab: NumberVocab) -> Quantity | None:
    """An age by decade after a possessive: "in their 80s", "her mid-80s" (vague, years)."""
    match = _DECADE.match(text, start)
    if match is None or not left.tokens:
        return None
    tokens, first = left.tokens, start
    part = None
    k = len(tokens) - 1
    if tokens[k].low == "-" and tokens[k].end == start and k > 0:
        k -= 1
    if tokens[k].low in vocab.decade_age_parts:
        part, first, k = tokens[k].low, tokens[k].start, k - 1
    if k < 0 or tokens[k].low not in vocab.decade_age_leaders:
        return None
    decade = float(text[start:start + 2])
    low, high = vocab.decade_age_parts[part] if part else (0, 9)
    return Quantity(first, match.end(), text[first:match.end()], None, decade + low,
                    decade + high, "vague", "year")


def _is_list_number(text: str, tokens: list[Token], core: _Core) -> bool:
    """True for the number of a list item at the start of a line: "6. Will interest accrue?"."""
    if core.kind != "exact" or core.word or core.stop != 1 or len(tokens) < 2 \
            or tokens[1].low not in ".)" or not joined(tokens, 1) \
            or not tokens[0].low.isdigit() or len(tokens[0].low) > 3:
        return False
    after = tokens[1].end
    if after < len(text) and not text[after].isspace():
        return False
    line_start = text.rfind("\n", 0, tokens[0].start) + 1
    before = text[line_start:tokens[0].start].strip()
    return not before or before in _BULLETS


def _left_excludes(left: _Left, vocab: NumberVocab, date_end: int) -> bool:
    """True when the text just before makes the number part of a name, code or date."""
    tokens = left.tokens
    if not tokens or left.currency:
        return False
    last = tokens[-1]
    if left.glued and last.kind in ("word", "num"):
        return True  # "G20", "A320"
    if left.glued and last.low in "-–/:#+@" and len(tokens) >= 2 \
            and tokens[-2].end == last.start and left.sign_start is None and not left.linked:
        return True  # "Su-24", "mid-2015", the "11" of "212-11", "#3"; not "52%-48%"
    if last.kind == "num" and last.end != date_end and not _year_like(last.low, vocab) and (
            last.low[0] == "0" or (len(tokens) > 1 and tokens[-2].kind == "num")):
        return True  # after a zero or in a run of numbers: "0 46" (share counts), "9088 901"
    if last.low in vocab.identifier_words or (last.low in vocab.name_words
                                              and left.prev_capitalized):
        return True  # "Resolution 2254", "France 24", "Base 46"
    if last.low == ")" and len(tokens) >= 3 and tokens[-2].kind == "num" \
            and tokens[-3].low == "(":
        return True  # after a bracketed count: "Riverton (61) 112010" (page counters)
    if _after_identifier_list(tokens, vocab):
        return True  # "resolutions 2118 2209 and 2235"
    return last.low == "." and len(tokens) >= 2 and tokens[-2].low in vocab.identifier_words


def _after_identifier_list(tokens: list[Token], vocab: NumberVocab) -> bool:
    """True when the tokens end in "resolutions 2118, 2209 and": a list of identifiers."""
    k, numbers = len(tokens) - 1, 0
    while k >= 0 and (tokens[k].kind == "num" or tokens[k].low in (",", "and", "&")):
        numbers += tokens[k].kind == "num"
        k -= 1
    return numbers > 0 and k >= 0 and tokens[k].low in vocab.identifier_words \
        and tokens[k + 1].kind == "num"


def _read_core(tokens: list[Token], left: _Left, vocab: NumberVocab) -> _Core | None:
    """The number that starts at ``tokens[0]``, or None."""
    if not tokens:
        return None
    if tokens[0].kind == "num":
        return _read_digits(tokens, left, vocab)
    word = tokens[0].low
    if word in vocab.fraction_characters:  # "½ mile"
        value = vocab.fraction_characters[word]
        return _Core(value, value, value, "exact", 1)
    if word in ("a", "an", "another"):
        return _read_article(tokens, left, vocab)
    compound = _vague_compound(tokens, vocab)
    if compound is not None:
        return compound
    if word in vocab.vague_plurals:
        found = vague_plural(tokens, 0, vocab)
        return _Core(None, found[0], found[1], "vague", found[2], word=True) if found else None
    multiplier = match_ahead(tokens, 0, vocab.phrase_tries["vague_multiplier"])
    if multiplier is not None:
        return _read_vague_multiplier(tokens, *multiplier, vocab)
    if word in vocab.fractions_alone:
        return _read_fraction(tokens, 0, 1.0, left, vocab)
    if word in vocab.iteratives:
        value = float(vocab.iteratives[word])
        return _Core(value, value, value, "iterative", 1, word=True)
    if word in vocab.article_time_units:  # "the month-long campaign"
        return _Core(1.0, 1.0, 1.0, "duration", 1, _unit_word(word, vocab), word=True)
    if word in vocab.cardinals:
        return _read_number_words(tokens, left, vocab)
    return None


def _read_digits(tokens: list[Token], left: _Left, vocab: NumberVocab) -> _Core | None:
    """Digits with a glued or following scale word: "230000", "2.5m", "10 million", "3½"."""
    digits = tokens[0].low
    value = stated = digits_value(digits)
    if value is None or (len(digits) > 1 and digits[0] == "0" and digits[1] != "."):
        return None  # a code, or a zero-padded day or clock time ("05", "0914")
    stop = 1
    if len(tokens) > 2 and tokens[1].low in vocab.calibre_units and _calibre(tokens, vocab):
        return None  # a calibre names a weapon type: "140mm rockets", "a 23 mm gun"
    if joined(tokens, 1) and tokens[1].low in vocab.fraction_characters:
        value += vocab.fraction_characters[tokens[1].low]  # "3½ years"
        return _Core(value, value, value, "exact", 2)
    if "." not in digits and len(tokens) > 2 and tokens[1].low == "/" and joined(tokens, 1) \
            and joined(tokens, 2) and (digits, tokens[2].low) in _SLASH_FRACTIONS:
        value = _SLASH_FRACTIONS[(digits, tokens[2].low)]  # "1/2 pound", "3/4 of"
        return _Core(value, value, value, "exact", 3)
    spaced = _spaced_scale(tokens, 1, left, vocab)
    if spaced is not None:
        value, stop = value * spaced, 2
    elif joined(tokens, 1) and tokens[1].kind == "word":
        glued = tokens[1].low
        metres = glued == "m" and left.currency is None and value > vocab.metre_cutoff \
            and "." not in digits
        if glued in vocab.scale_abbreviations and not metres:
            value, stop = value * vocab.scale_abbreviations[glued], 2
        elif left.currency is not None and glued in vocab.currency_scales:
            value, stop = value * vocab.currency_scales[glued], 2  # "$4.2b"
        elif glued in vocab.plural_nouns or glued in vocab.currency_subunits:
            pass  # a counted noun glued by a typo ("100000people"), or pence ("164p")
        elif match_ahead(tokens, 1, vocab.phrase_tries["unit"]) is None \
                and match_ahead(tokens, 1, vocab.phrase_tries["currency_word"]) is None:
            return None  # an ordinal, a decade or a code: "10th", "1990s", "4x4"
    elif left.currency is not None and len(tokens) > 1 and tokens[1].low in vocab.currency_scales:
        value, stop = value * vocab.currency_scales[tokens[1].low], 2  # "$5 mil"
    fraction = _mixed_fraction(tokens, stop) if "." not in digits else None
    if fraction is not None:
        value, stop = value + fraction[0], fraction[1]
        return _Core(value, value, value, "exact", stop)
    exponent = _exponent(tokens, stop)
    if exponent is not None:
        value, stop = float(f"{value!r}e{exponent[0]}"), exponent[1]
        return _Core(value, value, value, "exact", stop)
    scaled = read_cardinal(tokens, stop, vocab, value) if value else None
    if scaled is not None:
        value, stop = scaled
    base = stated or 1.0
    return _Core(value, value, value, "exact", stop, scale=value / base if value else 1.0)


def _calibre(tokens: list[Token], vocab: NumberVocab) -> bool:
    """True when "140mm" at ``tokens[0:2]`` names a weapon: "140mm rockets", "140mm and 330mm"."""
    after = tokens[skip_hyphen(tokens, 2)].low
    if after in vocab.calibre_nouns:
        return True
    return after in ("and", "or", ",", "/") and len(tokens) > 4 and tokens[3].kind == "num" \
        and tokens[4].low == tokens[1].low and _calibre(tokens[3:], vocab)


def _spaced_scale(tokens: list[Token], i: int, left: _Left, vocab: NumberVocab) -> float | None:
    """The scale of "8 B people", "$3 bn", "5B" at ``tokens[i]``, matched with its case.

    A single capital letter is a scale only after a currency or before a counted
    noun: "Plan 8 B" and "room 4B" are not eight or four billion.
    """
    if i >= len(tokens) or tokens[i].kind != "word":
        return None
    surface = _surface(tokens[i], left)
    scale = vocab.spaced_scales.get(surface)
    if scale is None or (len(surface) == 1 and left.currency is None
                         and not _counted_noun_at(tokens, i + 1, vocab)):
        return None  # "room 4B on the left"; "8 B people" is a scale
    return float(scale)


def _surface(token: Token, left: _Left) -> str:
    """The text of a right-hand token with its case (tokens keep only the lower case)."""
    return left.text[token.start:token.end] if left.text is not None else token.low


def _exponent(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """The power of ten of "×10−30", "x 10^-3", "×10⁻³⁰" at ``tokens[i]``: (power, index after)."""
    if i + 1 >= len(tokens) or tokens[i].low not in ("×", "x", "*", "·") \
            or tokens[i + 1].low != "10":
        return None
    j = i + 2
    if j < len(tokens) and tokens[j].low == "^" and joined(tokens, j):
        j += 1
    sign = 1
    if j < len(tokens) and tokens[j].low in _EXPONENT_SIGNS and joined(tokens, j):
        sign, j = -1, j + 1
    if j < len(tokens) and joined(tokens, j) and tokens[j].kind == "num" \
            and tokens[j].low.isdigit() and len(tokens[j].low) <= 3:
        return sign * int(tokens[j].low), j + 1
    power, k = 0, j
    while k < len(tokens) and tokens[k].low in _SUPERSCRIPTS and joined(tokens, k):
        power, k = power * 10 + _SUPERSCRIPTS[tokens[k].low], k + 1
    return (sign * power, k) if k > j else None


def _vague_compound(tokens: list[Token], vocab: NumberVocab) -> _Core | None:
    """ "double-digit", "single-digit": vague bounds."""
    if len(tokens) < 3 or tokens[1].low != "-" or not (joined(tokens, 1) and joined(tokens, 2)):
        return None
    bounds = vocab.vague_compounds.get(f"{tokens[0].low}-{tokens[2].low}")
    return None if bounds is None else _Core(None, bounds.low, bounds.high, "vague", 3, word=True)


def _slash_fraction(text: str, date: re.Match[str], vocab: NumberVocab) -> bool:
    """True when a date-like "1/2" is a fraction: a unit or "of" follows ("1/2 pound")."""
    parts = tuple(date.group().split("/"))
    if len(parts) != 2 or parts not in _SLASH_FRACTIONS:
        return False
    after = tokenize(text, date.end(), min(len(text), date.end() + 24))
    return bool(after) and (after[0].low == "of"
                            or match_ahead(after, 0, vocab.phrase_tries["unit"]) is not None)


#: The fractions written with a slash after a whole number ("2-1/2", "2 1/2").
_SLASH_FRACTIONS = {("1", "2"): 0.5, ("1", "4"): 0.25, ("3", "4"): 0.75, ("1", "3"): 1 / 3,
                    ("2", "3"): 2 / 3}


def _mixed_fraction(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """The fraction of "2-1/2" or "2 1/2" at ``tokens[i]``: (its value, index after), else None."""
    if i < len(tokens) and tokens[i].low == "-" and joined(tokens, i):
        i += 1
    if i + 2 >= len(tokens) or tokens[i + 1].low != "/" \
            or not (joined(tokens, i + 1) and joined(tokens, i + 2)):
        return None
    found = _SLASH_FRACTIONS.get((tokens[i].low, tokens[i + 2].low))
    if found is None or (i + 3 < len(tokens) and joined(tokens, i + 3)
                         and tokens[i + 3].kind == "num"):
        return None
    return found, i + 3


def _read_article(tokens: list[Token], left: _Left, vocab: NumberVocab) -> _Core | None:
    """ "a dozen", "a million", "a third of", "a single", "a few", "a year", "a long day"."""
    if len(tokens) < 2:
        return None
    after = tokens[1].low
    at = 2 if after in vocab.duration_adjectives and len(tokens) > 2 else 1
    if tokens[at].low in vocab.article_time_units:
        half = read_half_more(tokens, at + 1)  # "a month and a half"
        value, stop = (1.5, half) if half is not None else (1.0, at + 1)
        return _Core(value, value, value, "duration", stop, _unit_word(tokens[at].low, vocab),
                     word=True)
    if after in vocab.article_one_before:
        found = read_cardinal(tokens, 1, vocab, 1.0)
        return _Core(found[0], found[0], found[0], "exact", found[1], word=True) if found else None
    if after in vocab.fractions:
        return _read_fraction(tokens, 1, 1.0, left, vocab)
    if after in vocab.singles:
        value = float(vocab.singles[after])
        return _Core(value, value, value, "exact", 2, word=True)
    multiplier = match_ahead(tokens, 0, vocab.phrase_tries["vague_multiplier"])
    return _read_vague_multiplier(tokens, *multiplier, vocab) if multiplier else None


def _read_number_words(tokens: list[Token], left: _Left, vocab: NumberVocab) -> _Core | None:
    """ "four", "twenty-one", "one million", "two-thirds", "four-and-a-half"."""
    found = read_cardinal(tokens, 0, vocab)
    if found is None:
        return None
    value, stop = found
    after = skip_hyphen(tokens, stop)
    if after < len(tokens) and tokens[after].low in vocab.fractions and 0 < value < 10:
        return _read_fraction(tokens, after, value, left, vocab)
    half = read_half_more(tokens, stop)
    if half is not None:
        value, stop = value + 0.5, half
    return _Core(value, value, value, "exact", stop, word=True)


def _read_fraction(tokens: list[Token], i: int, numerator: float, left: _Left,
                   vocab: NumberVocab) -> _Core | None:
    """A share in percent ("half", "two-thirds of"), or a count ("half a million")."""
    share = vocab.fractions[tokens[i].low] * numerator
    j = i + 1
    while j < len(tokens) and tokens[j].low in ("of", "a", "an") and j < i + 3:
        j += 1
    if j < len(tokens) and tokens[j].low in vocab.multipliers:
        found = read_cardinal(tokens, j, vocab, share)
        if found is not None:
            return _Core(found[0], found[0], found[0], "exact", found[1], word=True)
    follows_of = i + 1 < len(tokens) and tokens[i + 1].low == "of"
    if tokens[i].low in vocab.fraction_needs_of and numerator == 1 and not follows_of \
            and left.qualifier is None:
        return None  # "a third attacker", "the old quarter"
    percent = share * 100
    return _Core(percent, percent, percent, "exact", i + 1, "percent", word=True)


def _read_vague_multiplier(tokens: list[Token], phrase: str, stop: int,
                           vocab: NumberVocab) -> _Core | None:
    """ "several hundred", "several dozen", "a few", "a handful of"."""
    bounds = vocab.vague_multipliers[phrase]
    if stop < len(tokens) and tokens[stop].low in vocab.multipliers:
        scale = vocab.multipliers[tokens[stop].low]
        return _Core(None, bounds.low * scale, bounds.high * scale, "vague", stop + 1, word=True)
    if not bounds.alone or stop >= len(tokens) or tokens[stop].kind != "word":
        return None
    return _Core(None, bounds.low, bounds.high, "vague", stop, word=True)


def _unit_word(word: str, vocab: NumberVocab) -> str | None:
    """The unit code of a one-word unit ("year" -> year)."""
    return vocab.phrases("unit").get((word,))


def _allowed(tokens: list[Token], core: _Core, left: _Left, vocab: NumberVocab) -> bool:
    """The guideline's "never annotate" cases that depend on the words around."""
    first, after = tokens[0].low, tokens[core.stop].low if core.stop < len(tokens) else ""
    hyphen_word = after == "-" and joined(tokens, core.stop) and joined(tokens, core.stop + 1)
    if hyphen_word and core.word and tokens[core.stop + 1].low in vocab.ordinal_words:
        return False  # "twenty-first century"
    if core.kind == "iterative":  # "at least once", "hospitalized twice"; not "twice a week"
        return left.qualifier is not None or (
            first in vocab.iteratives_alone and after not in vocab.iterative_blockers_after)
    if core.kind == "duration":
        follows = tokens[core.stop + 1].low if hyphen_word else after
        return left.qualifier is not None or left.prev in vocab.duration_leaders \
            or follows in vocab.duration_followers  # else a rate: "50 strikes a day"
    if core.unit == "percent" and core.word:  # "half", "a half", "a third of"; not "3 half baths"
        return left.prev not in vocab.fraction_blockers and not hyphen_word \
            and not (left.tokens and left.tokens[-1].kind == "num")
    if first != "one":
        return True
    unit_after = match_ahead(tokens, core.stop, vocab.phrase_tries["unit"]) is not None
    if core.stop == 1 and not unit_after:
        number_after = core.stop + 1 < len(tokens) and (
            tokens[core.stop + 1].kind == "num" or tokens[core.stop + 1].low in vocab.cardinals)
        if left.prev in vocab.one_blockers_before or (
                after in vocab.one_blockers_after and not (after == "or" and number_after)):
            return False  # "no one", "one of", "one another"; not "one or two"
        if hyphen_word and _unit_word(tokens[core.stop + 1].low, vocab) is None:
            return False  # "one-sided", "one-off"
        if left.prev in vocab.one_pronoun_before and (after in (".", "!", "?", ";")
                                                      or core.stop == len(tokens)):
            return False  # "placed my father in one."
    # "a loved one", "the only one": an adjective between an article and "one"
    return not (not unit_after and len(left.tokens) >= 2
                and left.tokens[-2].low in ("a", "an", "the"))


def _repeated_unit(tokens: list[Token], link: int, left: _Left, vocab: NumberVocab) -> int | None:
    """Where the link word is in "14%-19%", "14% to 19%", "between 14% and 19%" (one unit
    glued to both numbers of a range), else None. ``link`` is the index after the first
    number; whether the link makes a range is ``_read_range``'s to say."""
    found = _read_unit(tokens, link, vocab)
    if found is None or not joined(tokens, link):
        return None
    unit, word = found
    if word + 1 >= len(tokens) or tokens[word + 1].kind != "num":
        return None
    if tokens[word].low in _RANGE_DASHES:
        if not (joined(tokens, word) and joined(tokens, word + 1)):
            return None
    elif tokens[word].low not in ("to", "and") or joined(tokens, word + 1) or (
            tokens[word].low == "to" and any(t.low in vocab.change_verbs for t in left.tokens)):
        return None  # "between 14% and 19%", "14% to 19%"; "rose 3% to 5%" is by and to
    after = _read_unit(tokens, word + 2, vocab)
    return word if after is not None and after[0] == unit and joined(tokens, word + 2) else None


def _read_range(tokens: list[Token], core: _Core, left: _Left, vocab: NumberVocab) -> _Core | None:
    """ "between 10 and 20", "10 to 20", "10-20" as a range, or None."""
    link = core.stop
    if core.kind != "exact" or core.unit is not None or link + 1 >= len(tokens):
        return None
    link = _repeated_unit(tokens, link, left, vocab) or link  # "14%-19%", "5km to 10km"
    word = tokens[link].low
    if word == "and" and left.prev != "between":
        return None
    if word == "to" and left.prev in ("from", "by") and any(
            t.low in vocab.change_verbs for t in left.tokens[:-1]):
        return None  # "rose from 10 to 20", "rose by 300 to 4,000" are two figures; "aged
        # from 29 to 65" is a range
    if word == "or" and (tokens[0].kind != tokens[link + 1].kind or left.prev == "between"):
        return None  # "eight or nine", "4 or 5"; not "two or 3"
    dashed = word in _RANGE_DASHES and tokens[0].kind == tokens[link + 1].kind == "num" \
        and joined(tokens, link) and joined(tokens, link + 1)
    if word not in ("and", "to", "or") and not dashed:
        return None
    if not (tokens[link + 1].kind == "num" or tokens[link + 1].low in vocab.cardinals):
        return None
    second = _read_core(tokens[link + 1:], _Left([], tokens[link + 1].start, text=left.text),
                        vocab)
    if second is None or second.kind != "exact" or second.value is None or core.value is None:
        return None
    if _year_like(tokens[0].low, vocab) and _year_like(tokens[link + 1].low, vocab):
        return None  # "2011-2015"
    low = core.value * second.scale if core.scale == 1 else core.value
    if not low < second.value and core.scale == 1 and core.value < second.value:
        low = core.value  # "between 200,000 and 1.7 million": the scale is the second's only
    if not low < second.value:
        return None
    return _Core(None, low, second.value, "range", link + 1 + second.stop, scale=second.scale)


def _read_unit(tokens: list[Token], i: int, vocab: NumberVocab) -> tuple[str, int] | None:
    """The unit or currency words after a number ("kilometres", "-year", "%", "dollars")."""
    if i < len(tokens) and tokens[i].low == "-" and joined(tokens, i) and joined(tokens, i + 1):
        i += 1
    for kind in ("unit", "currency_word"):
        found = match_ahead(tokens, i, vocab.phrase_tries[kind], glue=True)
        if found is not None:
            return found
    return None


def _read_subunit(tokens: list[Token], i: int,
                  vocab: NumberVocab) -> tuple[str, float, int] | None:
    """A currency subunit after the number ("53 cents", "164p"): (code, factor, index after)."""
    if i >= len(tokens):
        return None
    subunit = vocab.currency_subunits.get(tokens[i].low)
    if subunit is None or (subunit.glued_only and not (
            joined(tokens, i) and not _glued_on(tokens, i + 1))):
        return None
    return subunit.code, subunit.factor, i + 1


def _glued_on(tokens: list[Token], i: int) -> bool:
    """True when ``tokens[i]`` carries on the word before it: a letter or digit glued on,
    or a full stop glued between letters ("3p.m."); not a comma or a sentence's full stop
    ("closed at 164p.")."""
    if not joined(tokens, i):
        return False
    if tokens[i].kind != "sym":
        return True
    return tokens[i].low == "." and joined(tokens, i + 1) and tokens[i + 1].kind != "sym"


def _read_share(tokens: list[Token], core: _Core, vocab: NumberVocab) -> _Core | None:
    """ "three in five", "nine out of 10": a share in percent, or None."""
    i = core.stop
    if i + 1 >= len(tokens) or core.value is None or core.value < 1 or core.value % 1:
        return None
    if tokens[i].low == "in":
        j = i + 1
    elif tokens[i].low == "out" and tokens[i + 1].low == "of":
        j = i + 2
    else:
        return None
    if j >= len(tokens) or not (tokens[j].kind == "num" or tokens[j].low in vocab.cardinals):
        return None
    second = _read_core(tokens[j:], _Left([], tokens[j].start), vocab)
    if second is None or second.kind != "exact" or second.value is None \
            or second.value not in vocab.share_denominators or not core.value < second.value:
        return None
    stop = j + second.stop
    if match_ahead(tokens, skip_hyphen(tokens, stop), vocab.phrase_tries["unit"]) is not None:
        return None  # "five in 10 days"
    percent = core.value / second.value * 100
    return _Core(percent, percent, percent, "exact", stop, "percent", word=core.word)


def _compound_duration(tokens: list[Token], core: _Core, unit: str, stop: int,
                       vocab: NumberVocab) -> tuple[_Core, int]:
    """ "30 years and three months" as 30.25 years: the core and the index after it."""
    ranks = vocab.compound_time_units
    if stop + 2 >= len(tokens) or tokens[stop].low != "and" or core.value is None:
        return core, stop
    j = stop + 1
    if not (tokens[j].kind == "num" or tokens[j].low in vocab.cardinals):
        return core, stop
    second = _read_core(tokens[j:], _Left([], tokens[j].start), vocab)
    if second is None or second.kind != "exact" or second.value is None:
        return core, stop
    found = _read_unit(tokens, j + second.stop, vocab)
    if found is None or found[0] not in ranks or ranks[found[0]] <= ranks[unit]:
        return core, stop
    value = core.value + second.value * ranks[unit] / ranks[found[0]]
    return core._replace(value=value, low=value, high=value), found[1]


def _year_like(digits: str, vocab: NumberVocab) -> bool:
    """True for a four-digit number in the year range ("2011")."""
    return len(digits) == 4 and digits.isdigit() \
        and vocab.year_range[0] <= int(digits) <= vocab.year_range[1]


def _is_year(text: str, tokens: list[Token], stop: int, left: _Left, vocab: NumberVocab) -> bool:
    """True when a bare 1900-2099 is a year: "in 2013", "2011 uprising", not "2000 people"."""
    if not _year_like(tokens[0].low, vocab) or left.qualifier is not None:
        return False
    if left.prev in vocab.year_leaders or left.prev in vocab.months:
        return True
    after = tokens[stop] if stop < len(tokens) else None
    if after is None or after.kind != "word" or not text[after.start].islower():
        return True
    plural = after.low.endswith("s") and len(after.low) > 3 and not after.low.endswith("ss")
    return not (plural or after.low in vocab.plural_nouns)


def _is_code(text: str, tokens: list[Token], stop: int, left: _Left, vocab: NumberVocab,
             date_end: int = -1) -> bool:
    """True for bare digits that read as a code: "212-11", "0 46", "Air Base (200)".

    ``date_end`` is the end of the last date: a number after a date ("2019-20 21,441")
    is not in a run of numbers.
    """
    after = tokens[stop] if stop < len(tokens) else None
    if after is None or left.qualifier is not None:
        return False
    if after.kind == "num" and not joined(tokens, stop):
        date = vocab.blocked_pattern.match(text, after.start)
        if date is not None and not any(c.isalpha() for c in date.group()):
            return True  # a clock time before a date: "(updated 1618 20.04.2017)"
    if after.kind == "num" and (tokens[0].low == "0" or after.low[0] == "0" or (
            stop + 1 < len(tokens) and tokens[stop + 1].kind == "num")
            or (left.tokens and left.tokens[-1].kind == "num"
                and left.tokens[-1].end != date_end)):
        return True  # before a zero or a run of numbers: "0 46", "1121 07.04.2017", "9088 901"
    if after.low in "-–" and joined(tokens, stop) and stop + 1 < len(tokens) \
            and tokens[stop + 1].kind == "num" and joined(tokens, stop + 1):
        return True  # digits-dash-digits that are not a range
    if after.low == "(" and stop + 2 < len(tokens) and tokens[stop + 2].low == ")" \
            and _year_like(tokens[stop + 1].low, vocab):
        return True  # a resolution and its year: "2235 (2015)"
    # a bare number in brackets after a name or a code ("Air Base (200)"), not after a
    # lower-case word ("the largest crowd (21,878) came")
    return after.low == ")" and left.prev == "(" and not (
        len(left.tokens) >= 2 and left.tokens[-2].kind == "word"
        and text[left.tokens[-2].start].islower())


def _is_address(text: str, tokens: list[Token], stop: int, vocab: NumberVocab) -> bool:
    """True for a street number: "3935 N. Pulaski Rd.", "10 Downing Street"."""
    if stop >= len(tokens) or "," in tokens[0].low or "." in tokens[0].low:
        return False
    first = tokens[stop]
    if first.kind != "word" or not text[first.start].isupper():
        return False
    j = stop + 1 + (stop + 1 < len(tokens) and tokens[stop + 1].low == ".")
    if first.low in vocab.compass_abbreviations and j < len(tokens) \
            and tokens[j].kind == "word" and text[tokens[j].start].isupper():
        return True  # "3935 N. Pulaski"
    for k in range(stop + 1, min(stop + 4, len(tokens))):
        token = tokens[k]
        if token.kind != "word" or not text[token.start].isupper():
            return False
        if token.low in vocab.street_words:
            return True
    return False


def _is_named_number(text: str, tokens: list[Token], core: _Core, stop: int, left: _Left,
                     vocab: NumberVocab) -> bool:
    """True for a bare number that is part of a name: "Model 3", "S&P 500", "World War Two".

    The word before is capitalised (or mixed case: "iPhone") in the middle of a
    sentence, or a capitalised word after "&" ("S&P"), and none of the words
    that introduce counts in headlines ("Kills 12", "Tops 1,000").
    """
    if core.kind != "exact" or left.qualifier is not None or left.sign_start is not None \
            or not left.tokens or core.value is None:
        return False
    after = tokens[stop] if stop < len(tokens) else None
    closing = after is None or after.low in _CLOSING
    if core.word:
        if core.stop != 1 or not text[tokens[0].start].isupper() or not (
                closing or (after is not None and after.low in vocab.name_number_followers)):
            return False  # only a capitalised number word: "World War Two,", "Detroit Three have"
    elif not tokens[0].low.isdigit() or core.value > vocab.name_number_max or stop != 1:
        return False
    prev = left.tokens[-1]
    if prev.kind != "word" or prev.end == left.start:
        return False
    surface = text[prev.start:prev.end]
    mixed = any(c.isupper() for c in surface[1:]) and not surface.isupper()
    if not core.word and after is not None and not closing and (
            after.kind != "word" or _counted_noun_at(tokens, stop, vocab)
            or (after.low in vocab.name_number_count_followers and not mixed)):
        return False  # "Daraa 15 civilians", "Hama 12 in", "35+ dead", "16-page"; not
        # "iPhone 14 on" (a mixed-case name goes on)
    word = prev.low
    if word in vocab.name_number_exempt or word in vocab.months or word in vocab.weekdays \
            or "'" in word or "’" in word or not (surface[0].isupper() or surface[0] == "i"):
        return False
    if not (surface[0].isupper() or mixed):
        return False
    before = left.tokens[-2] if len(left.tokens) >= 2 else None
    if before is not None and before.low in vocab.name_number_not_after:
        return False  # "told Reuters 40 people"
    if before is not None and before.low == "&" and before.end == prev.start:
        return True  # "S&P 500"
    if not core.word and not mixed and after is not None and after.kind == "word" \
            and text[after.start].isupper():
        return False  # a title-case headline: "Group Execute 70 Members", "Shot 15 Captured"
    if before is not None and before.kind == "word" and text[before.start].isupper() \
            and not mixed and not before.low.endswith(("'s", "’s")) \
            and before.low not in vocab.name_number_articles \
            and text[before.start - 1:before.start] != "-" and (
                not core.word or (after is not None and after.kind == "word")):
        return False  # a title-case headline: "Northern Army Eliminates 2200 Fighters"
    sentence_start = before is None or (before.kind == "sym" and before.low not in "&-") \
        or "\n" in text[before.end:prev.start]
    return not sentence_start or mixed or (surface.isupper() and len(surface) > 1)


def _is_second_day(tokens: list[Token], stop: int, left: _Left, vocab: NumberVocab,
                   date_end: int) -> bool:
    """True for the second day of "on May 9 and 10", "June 3-4", "March 1 to 5": a day
    number linked to a date just before it (not "May 9 and 10 people died")."""
    before = left.tokens
    if stop != 1 or len(before) < 2 or before[-2].end != date_end \
            or before[-1].low not in _DAY_LINKS or not tokens[0].low.isdigit():
        return False
    if not 1 <= int(tokens[0].low) <= 31 or _counted_noun_at(tokens, stop, vocab):
        return False
    after = tokens[stop].low if stop < len(tokens) else ""
    if after in ("on", "by") and stop + 1 < len(tokens) and tokens[stop + 1].low in vocab.months:
        return False  # a count with a date of its own: "from 30 on May 9 to 12 on May 15"
    if before[-1].low in ("to", "through"):
        month = next((at for at in range(len(before) - 3, max(-1, len(before) - 7), -1)
                      if before[at].low in vocab.months), None)
        if month is not None and month > 0 and before[month - 1].low in ("on", "by"):
            return False  # "rose from 20 on March 1 to 25": days run "from March 1 to 5"
    return after not in vocab.name_number_count_followers or after in _AFTER_A_DAY


#: Words that join two days of one month: "May 9 and 10", "June 3-4".
_DAY_LINKS = frozenset({"and", "or", "to", "through", "-", "–", "&"})
#: Words a day may be followed by ("May 9 and 10 in Paris"); others of
#: ``name_number_count_followers`` make a count ("May 9 and 10 more died").
_AFTER_A_DAY = frozenset({"in", "at", "on", "and", "or", "from", "to", "by", "with", "for"})


def _is_page_counter(text: str, tokens: list[Token], stop: int, left: _Left,
                     vocab: NumberVocab) -> bool:
    """True for a counter of the web page, not a figure.

    "Views 729 Related", "(3 Images)", "... 832 Community", a last "219".
    """
    if left.qualifier is not None:
        return False
    if stop == len(tokens) and _NON_SPACE.search(text, tokens[-1].end) is None:
        before = left.tokens[-1] if left.tokens else None
        # a bare number that ends the document after a sentence or a code, not a
        # lower-case word ("FNA reported. 219", "SSH 11"; not "the toll rose to 219")
        return before is None or before.kind != "word" or not text[before.start].islower()
    after = tokens[stop] if stop < len(tokens) else None
    if after is None or after.kind != "word" or not text[after.start].isupper():
        return False
    ellipsis = [t.low for t in left.tokens[-3:]] == [".", ".", "."] or left.prev == "…"
    return ellipsis or after.low in vocab.page_counted \
        or (left.prev == "." and after.low in vocab.page_sections)


def _is_age(text: str, tokens: list[Token], core: _Core, left: _Left, vocab: NumberVocab) -> bool:
    """True for a bare whole number that is an age: "aged 12", "Ahmed 24 said", "Ahmed, 24,"."""
    if core.kind != "exact" or left.qualifier is not None or left.currency is not None \
            or core.value is None or not 0 < core.value < 120 or core.value % 1 or core.word:
        return False
    if match_behind(left.tokens, vocab.phrase_tables["age_leader"],
                    vocab.phrase_enders["age_leader"]) is not None:
        return True
    before = left.tokens[-2:]
    after = tokens[core.stop:core.stop + 2]
    if not before or not after:
        return False
    comma = before[-1].low == "," and after[0].low == ","
    name = before[-2] if comma and len(before) == 2 else before[-1]
    if name.kind != "word" or not text[name.start].isupper() or name.low in vocab.months \
            or name.low in vocab.weekdays:
        return False
    follower = after[1].low if comma and len(after) > 1 else after[0].low
    return follower in vocab.age_followers or (comma and follower in ("a", "an"))


def _is_name(text: str, tokens: list[Token], stop: int, vocab: NumberVocab) -> bool:
    """True for a capitalised number compound inside a name: "the Six-Day War", "Six Day War"."""
    if not (stop < len(tokens) and stop >= 2 and text[tokens[0].start].isupper()
            and text[tokens[stop - 1].start].isupper() and tokens[stop].kind == "word"
            and text[tokens[stop].start].isupper()):
        return False
    return (stop >= 3 and tokens[stop - 2].low == "-") or tokens[stop].low in vocab.event_nouns


def _inherited(text: str, previous: Quantity, start: int) -> str | None:
    """The qualifier a conversion in brackets takes from its figure: "about 40 km (25 miles)"."""
    if previous.unit != "count" and previous.qualifier != "exact" \
            and text[previous.end:start].strip() == "(":
        return previous.qualifier
    return None


#: Which bounds each qualifier keeps (GUIDELINES.md, "Qualifiers and bounds").
_KEEPS_BOUNDS = {"exact": (True, True), "more_than": (True, False), "at_least": (True, False),
                 "approx": (False, False), "at_most": (False, True), "less_than": (False, True)}


def _bounds(qualifier: str, core: _Core) -> tuple[float | None, float | None]:
    """(low, high) the statement allows; None where open."""
    if qualifier in ("range", "vague"):
        return core.low, core.high
    keep_low, keep_high = _KEEPS_BOUNDS[qualifier]
    return (core.value if keep_low else None), (core.value if keep_high else None)


def _quantulum_currency(span: str) -> str | None:
    """The ISO code quantulum3 reads in ``span`` (a currency symbol numbers.yaml lacks: "¥").

    quantulum3 is imported here, on first use: most corpora never need it, and
    importing it (with num2words) costs a run 60 ms.
    """
    with warnings.catch_warnings():
        # quantulum3 warns at import time when its optional classifier is absent.
        warnings.simplefilter("ignore")
        from quantulum3 import parser as quantulum
    for quantity in quantulum.parse(span):
        code = getattr(quantity.unit, "currency_code", None)
        if code:
            return str(code)
    return None
