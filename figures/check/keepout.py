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

import re

import pandas as pd
from pydantic import BaseModel, ConfigDict

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


def kept_out(figures: pd.DataFrame, rule: AnyRule, patterns: KeepOutPatterns) -> pd.Series:
    """Why each selected figure is kept out ("" when kept in), indexed like ``figures``."""
    reasons = keep_out_reasons(rule)
    why = pd.Series("", index=figures.index, dtype=object)
    if not reasons or figures.empty:
        return why
    if "as_of" in reasons:
        why = _fill(why, _off_date(figures, span_days(rule.select.as_of_within)))
    if "other_period" in reasons:
        why = _fill(why, _other_period(figures, patterns))
    if "hedged" in reasons:
        why = _fill(why, _hedged(figures, patterns))
    return why


def _fill(why: pd.Series, more: pd.Series) -> pd.Series:
    """Keep the first reason found for a figure."""
    return why.where(why != "", more.reindex(why.index).fillna(""))


def _off_date(figures: pd.DataFrame, days: int) -> pd.Series:
    published = pd.to_datetime(figures["published"])
    out = pd.Series("", index=figures.index, dtype=object)
    for column, word in (("as_of", "refers to"), ("period_start", "covers a period from")):
        if column not in figures:
            continue
        when = pd.to_datetime(figures[column])
        gap = (when - published).dt.days
        far = gap.abs() > days if column == "as_of" else gap > days
        far = pd.Series(far.to_numpy(dtype=bool, na_value=False), index=far.index) & (out == "")
        for index in far[far].index:
            out[index] = (f"{word} {when[index].date()}, {abs(int(gap[index]))} days "
                          f"{'after' if gap[index] > 0 else 'before'} its publication")
    return out


def _per_sentence(sentences: pd.Series, find: re.Pattern[str],
                  texts: tuple[str, ...] = ()) -> pd.Series:
    """``find.search`` run once per distinct sentence; True where it matched.

    With ``texts``, only sentences that contain one of them (lower-cased, single spaces)
    are searched: a substring test over all sentences at once is far cheaper than a regex.
    """
    distinct = _distinct(sentences)
    if texts:
        # one alternation of plain texts: the string engine runs it over all sentences at once
        # (a plain space, not \s: pandas hands \s to Python's re, one sentence at a time)
        literal = "|".join(re.escape(text).replace("\\ ", " ") for text in texts)
        distinct = distinct[distinct.str.lower().str.contains(literal, regex=True).to_numpy()]
    matched = [sentence for sentence in distinct.tolist() if find.search(sentence)]
    if not matched:
        return pd.Series(False, index=sentences.index)
    return pd.Series(sentences.isin(matched).to_numpy(dtype=bool), index=sentences.index)


def _distinct(sentences: pd.Series) -> pd.Series:
    """The distinct sentences, as text the string engine can search."""
    return pd.Series(sentences.dropna().unique(), dtype="str")


def _other_period(figures: pd.DataFrame, patterns: KeepOutPatterns) -> pd.Series:
    """'of another period (...)' where the sentence names a war or a year other than the
    one of publication; worked out once per distinct sentence."""
    sentences = figures["sentence"]
    distinct = _distinct(sentences)
    with_year = distinct[distinct.str.contains("(?:19|20)[0-9][0-9]", regex=True).to_numpy()]
    named = {sentence: found for sentence in with_year.tolist()
             if (found := _named_periods(sentence, patterns))}
    out = pd.Series("", index=figures.index, dtype=object)
    if not named:
        return out
    published_year = pd.to_datetime(figures["published"]).dt.year
    for index in sentences.index[sentences.isin(list(named)).to_numpy()]:
        year = published_year[index]
        for stated, words in named[sentences[index]]:
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


def _hedged(figures: pd.DataFrame, patterns: KeepOutPatterns) -> pd.Series:
    out = pd.Series("", index=figures.index, dtype=object)
    if "hedge" in figures and figures["hedge"].notna().any():
        stated = figures["hedge"].astype(object)
        has = stated.notna().to_numpy() & (stated.astype(str).str.strip() != "").to_numpy()
        for index in figures.index[has]:
            out[index] = f"hedged ({str(stated[index])!r})"
    sentences = figures["sentence"]
    cued = _per_sentence(sentences, patterns.any_hedge, patterns.cues) & (out == "")
    for index in cued[cued].index:
        cue = _cue_near(str(sentences[index]), str(figures.at[index, "text"]), patterns)
        if cue:
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

