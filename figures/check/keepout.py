"""What a running total is not: the figures a running-total check keeps out, and why.

A hedged estimate or a projection ("470,000 may have died", "could reach 10,000"),
a figure of another named war or year ("the 2014 war killed 2,251"), a figure whose
``as_of`` lies far from its publication date: none of them is today's running total,
and comparing them with one makes false findings. ``kept_out`` marks them (only among
the figures a rule already selected) with the reason a person reads; the checks leave
them out and list them (``Selection.keep_out``; defaults in ``RUNNING_TOTAL_KEEP_OUT``).

The cue words are data (``figures/vocab/keepout.yaml``); a figure's own ``hedge``
(set by the place stage) counts first.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict

from figures.check.selection import Columns
from figures.rules import RUNNING_TOTAL_CHECKS, RUNNING_TOTAL_KEEP_OUT, AnyRule, span_days
from figures.vocab import load_vocab

#: Characters looked at on each side of a figure for a hedge cue.
_CUE_REACH = 40


class KeepOutVocab(BaseModel):
    """The cue words of ``keepout.yaml``, compiled once."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hedge_before: list[str]
    hedge_after: list[str]
    period_nouns: list[str]
    period_openers: list[str]

    @classmethod
    def default(cls) -> KeepOutVocab:
        """The packaged cue words."""
        return load_vocab("keepout.yaml", cls)

    def patterns(self) -> KeepOutPatterns:
        return KeepOutPatterns(self)


def _alternatives(words: list[str]) -> str:
    """Phrases as one regex alternation, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, word.split())) for word in ordered)


class KeepOutPatterns:
    """The regexes built from a KeepOutVocab."""

    def __init__(self, vocab: KeepOutVocab):
        hedge = _alternatives([*vocab.hedge_before, *vocab.hedge_after])
        #: any hedge cue in the sentence: the test run once per distinct sentence ...
        self.any_hedge = re.compile(rf"\b(?:{hedge})\b", re.IGNORECASE)
        #: ... after a cheaper one over all sentences at once: does a cue occur as text
        self.cues = tuple(sorted({" ".join(cue.casefold().split())
                                  for cue in [*vocab.hedge_before, *vocab.hedge_after]}))
        #: a cue ending right before the figure, at most two words between
        self.before = re.compile(
            rf"""\b(?P<cue>{_alternatives(vocab.hedge_before)})  # "as high as"
                 (?:\W+[\w'-]+){{0,2}}\W*$                     # "... the toll at" up to it""",
            re.IGNORECASE | re.VERBOSE)
        #: a cue starting right after the figure, at most two words between
        self.after = re.compile(
            rf"""^\W*(?:[\w'-]+\W+){{0,2}}?                   # "people " after the number
                 (?P<cue>{_alternatives(vocab.hedge_after)})\b  # "may have" """,
            re.IGNORECASE | re.VERBOSE)
        nouns = _alternatives(vocab.period_nouns)
        year = r"(?:19|20)\d{2}"
        #: "the 2014 war", "the 2008-09 conflict", "the war of 2006", "the 2014 Gaza war"
        self.named_period = re.compile(
            rf"""\b(?i:the|a|its|their|last|that)\s+
                 (?P<year>{year})(?:\s*[-–/]\s*(?:{year}|\d{{2}}))?  # 2014, 2008-09
                 \s+(?:[A-Z][\w'-]*\s+)?                            # an optional name
                 (?i:{nouns})\b
               | \b(?i:{nouns})\s+of\s+(?P<year2>{year})\b          # the war of 2006""",
            re.VERBOSE)
        #: "in 2014" (only in a sentence that opens no running period: see _other_period)
        self.in_year = re.compile(
            rf"""\bin\s+(?P<year3>{year})\b(?![-–]\d)  # "in 2014", not "in 2014-15" """,
            re.VERBOSE | re.IGNORECASE)
        self.openers = re.compile(rf"\b(?:{_alternatives(vocab.period_openers)})\b",
                                  re.IGNORECASE)


def keep_out_reasons(rule: AnyRule) -> tuple[str, ...]:
    """The reasons this rule keeps figures out for: its own, else its check's default."""
    chosen = rule.select.keep_out
    if chosen is not None:
        return tuple(chosen)
    return RUNNING_TOTAL_KEEP_OUT if rule.check in RUNNING_TOTAL_CHECKS else ()


def kept_out(figures: pd.DataFrame, rule: AnyRule, patterns: KeepOutPatterns,
             positions: np.ndarray | None = None, columns: Columns | None = None) -> pd.Series:
    """Why each selected figure is kept out ("" when kept in), indexed like ``figures``
    (or like its rows at ``positions``). ``columns``: the table's columns as a run of
    ``check`` converted them; the sentences' cues are then looked for once per run."""
    if columns is None or columns.figures is not figures:
        columns = Columns(figures)
    rows = np.arange(len(figures)) if positions is None else np.asarray(positions, np.int64)
    return pd.Series(kept_out_at(columns, rows, rule, patterns),
                     index=figures.index[rows], dtype=object)


def kept_out_at(columns: Columns, rows: np.ndarray, rule: AnyRule, patterns: KeepOutPatterns
                ) -> np.ndarray:
    """``kept_out`` of the table's ``rows``, as an array of reasons (worked out once a run
    for rules that select the same rows for the same reasons)."""
    reasons = keep_out_reasons(rule)
    if not reasons or not len(rows):
        return np.full(len(rows), "", dtype=object)
    rows = np.asarray(rows, dtype=np.int64)
    key = ("kept out", reasons, rule.select.as_of_within, patterns, len(rows),
           hashlib.blake2b(rows.tobytes(), digest_size=16).digest())
    return columns._cached(key, lambda: _kept_out_at(columns, rows, rule, reasons, patterns)
                           ).copy()


def _kept_out_at(columns: Columns, rows: np.ndarray, rule: AnyRule, reasons: tuple[str, ...],
                 patterns: KeepOutPatterns) -> np.ndarray:
    why = np.full(len(rows), "", dtype=object)
    if "as_of" in reasons:
        _fill(why, _off_date(columns, rows, span_days(rule.select.as_of_within)))
    if "other_period" in reasons:
        _fill(why, _other_period(columns, rows, patterns))
    if "hedged" in reasons:
        _fill(why, _hedged(columns, rows, patterns, why == ""))
    return why


def _fill(why: np.ndarray, more: dict[int, str]) -> None:
    """Keep the first reason found for a figure (``more``: reasons by position in rows)."""
    for position, reason in more.items():
        if why[position] == "" and reason:
            why[position] = reason


def _off_date(columns: Columns, rows: np.ndarray, days: int) -> dict[int, str]:
    figures = columns.figures
    out: dict[int, str] = {}
    for column, word in (("as_of", "refers to"), ("period_start", "covers a period from")):
        if column not in figures:
            continue
        # only the rows that state such a date can be off it
        stated = np.flatnonzero(~columns.missing(column)[rows])
        if not len(stated):
            continue
        at = rows[stated]
        published = pd.to_datetime(figures["published"].iloc[at]).reset_index(drop=True)
        when = pd.to_datetime(figures[column].iloc[at]).reset_index(drop=True)
        gap = (when - published).dt.days
        far = gap.abs() > days if column == "as_of" else gap > days
        far = far.to_numpy(dtype=bool, na_value=False)
        for index in np.flatnonzero(far).tolist():
            if int(stated[index]) in out:
                continue
            out[int(stated[index])] = (
                f"{word} {when[index].date()}, {abs(int(gap[index]))} days "
                f"{'after' if gap[index] > 0 else 'before'} its publication")
    return out


#: A year as a named period states it: not inside a longer number (every pattern of
#: KeepOutPatterns has whitespace before the year and a word boundary after it).
_YEAR_TEXT = "(?:^|[^0-9])(?:19|20)[0-9][0-9](?:[^0-9]|$)"


class _SentenceFacts:
    """What the keep-out tests found in the sentence of each row of a table, for one set of
    patterns: worked out the first time a rule selects the row (and once a distinct text
    where a regex of Python's runs)."""

    def __init__(self, columns: Columns, patterns: KeepOutPatterns):
        self.patterns, self.columns = patterns, columns
        size = len(columns)
        # the plain-text tests, both run at once on a row's sentence: names a year (a named
        # period's cheaper test) and holds a hedge cue as text (lower-cased, single spaces;
        # one alternation of plain texts, a plain space, not \s)
        self.cue_texts = "|".join(re.escape(text).replace("\\ ", " ")
                                  for text in patterns.cues)
        self.looked = np.zeros(size, dtype=bool)
        self.years = np.zeros(size, dtype=bool)
        self.cues = np.zeros(size, dtype=bool)
        self.periods_known = np.zeros(size, dtype=bool)
        self.periods: dict[int, list[tuple[int, str]]] = {}  # by row, rows naming one only
        self.cues_known = np.zeros(size, dtype=bool)
        self.cued = np.zeros(size, dtype=bool)
        self.named: dict[str, list[tuple[int, str]]] = {}  # by sentence
        self.hedging: dict[str, bool] = {}  # by sentence
        self.near: dict[tuple[str, str], str | None] = {}  # by sentence and figure text

    @classmethod
    def of(cls, columns: Columns, patterns: KeepOutPatterns) -> _SentenceFacts:
        facts = columns._cached("keep-out sentences", lambda: cls(columns, patterns))
        if facts.patterns is not patterns:  # other cue words: start again
            facts = columns._memo["keep-out sentences"] = cls(columns, patterns)
        return facts

    def _look(self, rows: np.ndarray) -> None:
        """The plain-text tests of the sentences of ``rows`` not looked at yet (Arrow's
        string kernels run them over all of them at once)."""
        todo = rows[~self.looked[rows]]
        self.looked[todo] = True
        if not len(todo):
            return
        texts = self.columns.sentence_texts(todo)
        if isinstance(texts, pa.Array):
            for found, searched, prefilter in ((self.years, texts, _YEAR_TEXT),
                                               (self.cues, pc.utf8_lower(texts), self.cue_texts)):
                hit = pc.fill_null(pc.match_substring_regex(searched, pattern=prefilter), False)
                found[todo] = hit.to_numpy(zero_copy_only=False)
            return
        year, cue = re.compile(_YEAR_TEXT).search, re.compile(self.cue_texts).search
        for row, text in zip(todo.tolist(), texts, strict=True):
            if text is not None:
                self.years[row], self.cues[row] = bool(year(text)), bool(cue(text.lower()))

    def _texts(self, rows: np.ndarray, known: np.ndarray, found: np.ndarray
               ) -> list[tuple[int, str]]:
        """The (row, sentence) of those of ``rows`` not yet known (now known) whose sentence
        passed a plain-text test (``found``)."""
        self._look(rows)
        todo = rows[~known[rows]]
        known[todo] = True
        todo = todo[found[todo]]
        texts = self.columns.sentence_texts(todo)
        return list(zip(todo.tolist(), texts.to_pylist() if isinstance(texts, pa.Array)
                        else texts, strict=True))

    def named_periods(self, rows: np.ndarray) -> dict[int, list[tuple[int, str]]]:
        """The periods named by the sentences of ``rows`` (by row; only those naming one)."""
        for row, text in self._texts(rows, self.periods_known, self.years):
            if text not in self.named:
                self.named[text] = _named_periods(text, self.patterns)
            if found := self.named[text]:
                self.periods[row] = found
        return self.periods

    def hedge_cued(self, rows: np.ndarray) -> np.ndarray:
        """Whether each row's sentence holds a hedge cue (known for ``rows``): searched with
        the regex only where it holds a cue as text (a test of all at once, far cheaper)."""
        for row, text in self._texts(rows, self.cues_known, self.cues):
            if text not in self.hedging:
                self.hedging[text] = self.patterns.any_hedge.search(text) is not None
            self.cued[row] = self.hedging[text]
        return self.cued


def _other_period(columns: Columns, rows: np.ndarray, patterns: KeepOutPatterns
                  ) -> dict[int, str]:
    """'of another period (...)' where the sentence names a war or a year other than the
    one of publication; worked out once a row (and once a distinct sentence naming one)."""
    facts = _SentenceFacts.of(columns, patterns)
    named = facts.named_periods(rows)
    out: dict[int, str] = {}
    if not named:
        return out
    hits = np.flatnonzero(np.isin(rows, np.fromiter(named, dtype=np.int64)))
    if not len(hits):
        return out
    published_year = pd.to_datetime(columns.figures["published"].iloc[rows[hits]]).dt.year
    for index, row, year in zip(hits.tolist(), rows[hits].tolist(), published_year.tolist(),
                                strict=True):
        for stated, words in named[row]:
            if pd.isna(year) or stated != year:
                out[index] = f"of another period ({words!r})"
                break
    return out


def _named_periods(sentence: str, patterns: KeepOutPatterns) -> list[tuple[int, str]]:
    """The (year, words) of each period the sentence names: "the 2014 war"; "in 2014" only
    in a sentence that opens no running period ("since", "began in 2011")."""
    found = [(int(match["year"] or match["year2"]), " ".join(match[0].split()))
             for match in patterns.named_period.finditer(sentence)]
    if not patterns.openers.search(sentence):
        found += [(int(match["year3"]), f"in {match['year3']}")
                  for match in patterns.in_year.finditer(sentence)]
    return found


def _hedged(columns: Columns, rows: np.ndarray, patterns: KeepOutPatterns,
            open_: np.ndarray) -> dict[int, str]:
    """'hedged (...)': the figure's own hedge, else a cue right by it in its sentence
    (looked for only among ``open_`` rows, those no other reason keeps out)."""
    figures = columns.figures
    out: dict[int, str] = {}
    if "hedge" in figures:
        stated = figures["hedge"].iloc[rows]
        present = stated.notna().to_numpy()
        if present.any():
            has = present & (stated.astype(object).astype(str).str.strip() != "").to_numpy()
            for index, value in zip(np.flatnonzero(has).tolist(), stated[has].tolist(),
                                    strict=True):
                out[index] = f"hedged ({str(value)!r})"
    facts = _SentenceFacts.of(columns, patterns)
    cued = facts.hedge_cued(rows[open_])
    cued_rows = np.flatnonzero(open_ & cued[rows])
    candidates = np.asarray([index for index in cued_rows.tolist() if index not in out],
                            dtype=np.int64)
    if not len(candidates):
        return out
    at = rows[candidates]
    sentences = figures["sentence"].iloc[at].tolist()
    texts = figures["text"].iloc[at].tolist()
    for index, sentence, text in zip(candidates.tolist(), sentences, texts, strict=True):
        key = (str(sentence), str(text))
        if key not in facts.near:
            facts.near[key] = _cue_near(str(sentence), str(text), patterns)
        if cue := facts.near[key]:
            out[index] = f"hedged ({cue!r})"
    return out


def _cue_near(sentence: str, text: str, patterns: KeepOutPatterns) -> str | None:
    """The hedge cue right before or after the figure's text in its sentence, if any."""
    at = sentence.casefold().find(text.casefold()) if text else -1
    if at < 0:
        return None
    before = sentence[max(0, at - _CUE_REACH):at]
    after = sentence[at + len(text):at + len(text) + _CUE_REACH]
    for found in (patterns.before.search(before), patterns.after.search(after)):
        if found:
            return " ".join(found["cue"].split())
    return None

