"""The rule language: pydantic models that rule files (rules/*.yaml) are validated against.

The models ARE the language: every field a rule file may use is declared here
(``extra="forbid"`` turns a typo into an error), the JSON Schema published in
``rules/rules.schema.json`` is exported from them, and ``figures.rules.files``
reports every problem of every file at once, each as ``path:line: rule-id: field: message``.

A rule file::

    corpus:                       # optional: what the file is about, relative to it
      paths: [../data/articles.csv]
      text_column: article_content
    rules:
      - id: death-toll-never-falls
        check: monotonic          # the discriminator: which model validates the rule
        severity: error           # error | warning | info
        select: {metric: killed, cumulative: true, min_value: 50000}
        group_by: outlet
        require_data: true        # selecting nothing fails instead of reporting "no data"

Rule files are data: YAML tags are refused, duplicate keys are errors, and no
field is ever evaluated as code (``pattern`` is a regular expression matched
against sentences, nothing more).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

import re2
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from figures.model import METRICS, QUALIFIERS

RULE_FILE_SUFFIXES = (".yaml", ".yml")

Severity = Literal["error", "warning", "info"]
Metric = Literal[METRICS]  # type: ignore[valid-type]
Qualifier = Literal[QUALIFIERS]  # type: ignore[valid-type]
#: Figures-table columns a rule may group by.
GroupKey = Literal["outlet", "claimant", "place", "actor", "noun", "metric", "unit", "doc"]
Scope = Literal["sentence", "document"]

#: Largest magnitude of a number in a rule file (a quadrillion): every number is finite
#: and in [-LIMIT, LIMIT], so no bound, tolerance or threshold can be NaN or overflow.
LIMIT = 1e15
#: Longest time span (100 years, in days): beyond it date arithmetic leaves pandas' range.
MAX_SPAN_DAYS = 36_500
#: Years a date in a rule file may have (as for publication dates).
DATE_YEARS = range(1800, 2200)

#: A finite number in the documented range.
Number = Annotated[float, Field(allow_inf_nan=False, ge=-LIMIT, le=LIMIT)]
#: "10%" (relative, at most 9999.999999%) or a plain number (absolute, in the figures' unit).
Percent = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}(\.[0-9]{1,6})?%$")]
Amount = Annotated[
    Annotated[float, Field(ge=0, le=LIMIT, allow_inf_nan=False)] | Percent,
    Field(description='An absolute amount (a finite number, 0 to 1e15) or a percentage such '
          'as "10%" (at most 9999%).'),
]


def _span_in_range(span: str) -> str:
    if span_days(span) > MAX_SPAN_DAYS:
        raise ValueError(f"{span!r} is longer than {MAX_SPAN_DAYS} days (100 years)")
    return span


def _plausible_day(day: date) -> date:
    if day.year not in DATE_YEARS:
        raise ValueError(f"{day} is outside the years {DATE_YEARS.start}-{DATE_YEARS.stop - 1}")
    return day


#: A time span: "30d" (days) or "6w" (weeks), at most 100 years.
Span = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9][0-9]{0,5}[dw]$"),
    AfterValidator(_span_in_range),
    Field(description='A time span in days or weeks: "30d", "6w"; at most 36500 days.'),
]
#: A day between 1800-01-01 and 2199-12-31.
Day = Annotated[date, AfterValidator(_plausible_day),
                Field(description="A day (YYYY-MM-DD) between 1800 and 2199.")]
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    Field(description="Unique rule id in kebab-case, e.g. death-toll-never-falls."),
]
Names = str | list[str]
#: Why a running-total check leaves a figure out (``Selection.keep_out``): an estimate or a
#: projection ("may have died", "could reach"), a figure of another named war or year
#: ("the 2014 war killed 2,251"), a figure whose as_of lies outside a window of its
#: publication date.
KeepOut = Literal["hedged", "other_period", "as_of"]
#: What the running-total checks (monotonic, agree, rate, consensus) keep out by default.
RUNNING_TOTAL_KEEP_OUT: tuple[str, ...] = ("hedged", "other_period", "as_of")


#: Longest ``pattern``/``exclude`` a rule may give.
MAX_PATTERN = 1000


def compile_pattern(pattern: str) -> Any:
    """A rule's regex compiled by RE2, ignoring case: matching is linear in the sentence's
    length whatever the pattern (no catastrophic backtracking). Raises ValueError when RE2
    cannot compile it (backreferences and lookaround are not supported)."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = 8 << 20  # a pattern's compiled program stays small
    try:
        return re2.compile(pattern, options)
    except re2.error as err:
        reason = err.args[0].decode() if err.args and isinstance(err.args[0], bytes) else err
        raise ValueError(f"not a regular expression figures can run in linear time (RE2: "
                         f"{reason}; backreferences and lookaround are not supported)") from err


def amount_text(amount: float | str) -> str:
    """How an amount reads in a label: ``"10%"`` or ``"500"``.

    >>> amount_text(2500.0), amount_text("10%")
    ('2500', '10%')
    """
    if isinstance(amount, str):
        return amount
    return f"{amount:g}"


def span_days(span: str) -> int:
    """Days in a span.

    >>> span_days("30d"), span_days("2w")
    (30, 14)
    """
    return int(span[:-1]) * (7 if span.endswith("w") else 1)


def names(value: Names | None) -> list[str]:
    """A one-or-many field as a list (empty when not set)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class Strict(BaseModel):
    """Base of every model of the language: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Selection(Strict):
    """Which figures a rule looks at; every field set must match (a list matches any item)."""

    metric: Metric | list[Metric] | None = Field(  # type: ignore[valid-type]
        None, description="What is measured (killed, troops, duration, ...).")
    noun: Names | None = Field(None, description="Counted noun, lower-case singular: child.")
    unit: Names | None = Field(None, description="count, year, USD, km, ...")
    qualifier: Qualifier | list[Qualifier] | None = Field(  # type: ignore[valid-type]
        None, description="exact, approx, at_least, more_than, at_most, less_than, range, vague.")
    cumulative: bool | None = Field(
        None, description="true: running totals only; false: single events only.")
    outlet: Names | None = Field(None, description="Outlet names, exactly as in the corpus.")
    claimant: Names | None = Field(
        None, description="Who is quoted; matches when the claimant contains the text "
        "(case-insensitive): 'ministry' matches 'the Gaza health ministry'.")
    place: Names | None = Field(None, description="Place; case-insensitive containment.")
    actor: Names | None = Field(None, description="Actor; case-insensitive containment.")
    since: Day | None = Field(None, description="Only figures dated on or after this day.")
    until: Day | None = Field(None, description="Only figures dated on or before this day.")
    min_value: Number | None = Field(
        None, description="Only figures whose stated number (value, else low, else high) is at "
        "least this: keeps one attack's toll out of the war's total.")
    max_value: Number | None = Field(None, description="Only figures whose stated number is at "
                                    "most this.")
    pattern: Annotated[str, StringConstraints(max_length=MAX_PATTERN)] | None = Field(
        None, description="Regular expression (RE2 syntax: no backreferences or lookaround) "
        "searched, ignoring case, in the figure's sentence.")
    exclude: Annotated[str, StringConstraints(max_length=MAX_PATTERN)] | None = Field(
        None, description="Regular expression (RE2 syntax): figures whose sentence matches are "
        "left out.")
    keep_out: list[KeepOut] | None = Field(
        None, description="Figures a running total is not: hedged (estimates and projections: "
        "'may have', 'could reach', 'as high as'), other_period (another named war or year: "
        "'the 2014 war killed 2,251'), as_of (the day it refers to is further than as_of_within "
        "from its publication). Default: all three for monotonic, agree, rate and consensus, "
        "none for the other checks; [] keeps everything in. Kept-out figures are listed with "
        "the reason.")
    as_of_within: Span = Field(
        "30d", description="With keep_out: as_of, how far the day a figure refers to may lie "
        "from its publication date.")

    @field_validator("pattern", "exclude")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                re.compile(pattern)
            # "a{1,99999999999}" overflows and deep nesting recurses instead of raising re.error.
            except (re.error, OverflowError, RecursionError) as err:
                raise ValueError(f"not a valid regular expression: {err}") from err
            compile_pattern(pattern)
        return pattern

    @model_validator(mode="after")
    def _bounds_in_order(self) -> Selection:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"until: {self.until} is before since ({self.since})")
        if (self.min_value is not None and self.max_value is not None
                and self.min_value > self.max_value):
            raise ValueError("max_value: smaller than min_value")
        return self


class RuleBase(Strict):
    """Fields every check has."""

    id: Id
    description: str | None = Field(None, description="What the rule guards, for the report.")
    severity: Severity = Field("error", description="error, warning or info.")
    select: Selection = Field(default_factory=lambda: Selection.model_validate({}),
                              description="Which figures the rule checks (default: all).")
    require_data: bool = Field(
        False, description="true: a rule that selects no figure fails (else it reports no_data).")
    dated_by: Literal["as_of", "published"] = Field(
        "as_of", description="A figure's date: as_of (the day it refers to, else the publication "
        "date) or published.")
    open_ends: Amount | None = Field(
        None, description="How far past its stated bound an open-ended figure is read: with 5%, "
        "'more than 220,000' is [220000, 231000]. Default: without limit.")

    def label(self) -> str:
        """The check as an expression a person can read and re-run: ``agree(within=30d)``."""
        parts = [f"{name}={value}" for name, value in self._label_parts() if value is not None]
        if self.open_ends is not None:
            parts.append(f"open_ends={amount_text(self.open_ends)}")
        if not parts:  # `monotonic`, not `monotonic()`
            return str(self.check)  # type: ignore[attr-defined]
        return f"{self.check}({', '.join(parts)})"  # type: ignore[attr-defined]

    def _label_parts(self) -> list[tuple[str, Any]]:
        return []


def _by(group_by: str | list[Any] | None) -> str | None:
    keys = names(group_by)
    if not keys:
        return None
    return keys[0] if len(keys) == 1 else f"[{', '.join(keys)}]"


def _number(value: float | None) -> str | None:
    """A bound as a label shows it: 1500.0 -> "1500"."""
    return None if value is None else f"{value:g}"


def _tolerance(tolerance: float | str) -> str | None:
    return None if tolerance in (0, 0.0) else amount_text(tolerance)


class Monotonic(RuleBase):
    """A running total never falls as dates go forward: no figure is below the floor stated
    on the group's latest earlier date ("more than 230,000" then "more than 220,000")."""

    check: Literal["monotonic"]
    group_by: GroupKey | list[GroupKey] | None = Field(
        None, description="Check each group apart (outlet, claimant, ...); default: all together.")
    tolerance: Amount = Field(
        "1%", description="How far a later figure may fall below an earlier floor and still "
        "pass (rounding: 'more than 9,220' the day after 'at least 9,227').")
    within: Span | None = Field(
        None, description="Compare only with an earlier date this close (default: any).")
    stale_severity: Severity | None = Field(
        None, description="Severity of a stale restatement (a lower floor whose band still "
        "meets the earlier one: 'more than 220,000' after 'more than 230,000'). Default: one "
        "step below the rule's severity; a fall whose band no longer meets the earlier one is "
        "a contradiction, at the rule's severity.")

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("by", _by(self.group_by)), ("within", self.within),
                ("tolerance", None if self.tolerance == "1%" else _tolerance(self.tolerance))]

    def stale(self) -> str:
        """The severity of a stale restatement."""
        if self.stale_severity is not None:
            return self.stale_severity
        return {"error": "warning", "warning": "info", "info": "info"}[self.severity]


class Agree(RuleBase):
    """Figures for the same quantity within a time window agree within the tolerance.

    One finding per earlier figure that later ones disagree with, naming the first
    and counting the rest.
    """

    check: Literal["agree"]
    group_by: GroupKey | list[GroupKey] | None = None
    within: Span = Field("30d", description="Figures this close in time must agree.")
    tolerance: Amount = Field(0, description="Largest gap allowed between two figures' bands.")
    trend: Literal["rising", "none"] = Field(
        "rising", description="rising: a later figure may exceed an earlier one by the group's "
        "trend (a robust slope of its series), so a toll rising fast is not a disagreement; "
        "none: compare the bands as they are.")

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("by", _by(self.group_by)), ("within", self.within),
                ("tolerance", _tolerance(self.tolerance)),
                ("trend", None if self.trend == "rising" else self.trend)]


class Consensus(RuleBase):
    """Each statement lies within the band the other outlets give for its date.

    Per group, the band is fitted from the statements of the other outlets (copies of one
    wire story count as one source): a monotone (isotonic, median) fit of their floors and
    ceilings, so a running total's band rises with it; a statement whose band misses it
    by more than the tolerance is flagged, with the band it missed.
    """

    check: Literal["consensus"]
    group_by: GroupKey | list[GroupKey] | None = Field(
        None, description="One band per group (claimant: the UN's count apart from a monitor's).")
    tolerance: Amount = Field(
        "5%", description="How far a statement may lie outside the band and still pass.")
    trend: Literal["rising", "falling", "none"] = Field(
        "rising", description="rising: a running total (the band never falls); falling; none: "
        "a band per date from the statements within `within` of it.")
    within: Span = Field(
        "30d", description="With trend: none, the statements this close to a date make its "
        "band.")
    min_outlets: int = Field(
        2, ge=1, description="Flag a statement only against a band that at least this many "
        "other outlets (independent stories) support.")

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("by", _by(self.group_by)), ("trend", None if self.trend == "rising"
                                               else self.trend),
                ("within", self.within if self.trend == "none" else None),
                ("tolerance", _tolerance(self.tolerance)),
                ("min_outlets", None if self.min_outlets == 2 else str(self.min_outlets))]


class Rate(RuleBase):
    """The change between dated figures implies a rate per day that stays within bounds."""

    check: Literal["rate"]
    group_by: GroupKey | list[GroupKey] | None = None
    max_per_day: Number | None = Field(None, description="Fastest plausible rise per day.")
    min_per_day: Number | None = Field(
        None, description="Slowest plausible change per day (0: a total never falls).")
    min_days: int = Field(1, ge=1, le=MAX_SPAN_DAYS, description="Compare a figure with the "
                          "latest one at least "
                          "this many days before it.")
    within: Span | None = Field(None, description="Ignore pairs further apart than this.")
    start: Day | None = Field(
        None, description="The day the count began: every figure is also compared with "
        "start_value on this day, so a total stated before it is a violation.")
    start_value: Number = Field(0, description="The count on the start day.")

    @model_validator(mode="after")
    def _has_a_bound(self) -> Rate:
        if self.max_per_day is None and self.min_per_day is None:
            raise ValueError("max_per_day: give max_per_day, min_per_day or both")
        if (self.max_per_day is not None and self.min_per_day is not None
                and self.min_per_day > self.max_per_day):
            raise ValueError("min_per_day: larger than max_per_day")
        return self

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("by", _by(self.group_by)), ("max_per_day", _number(self.max_per_day)),
                ("min_per_day", _number(self.min_per_day)),
                ("min_days", None if self.min_days == 1 else str(self.min_days)),
                ("within", self.within), ("start", self.start and self.start.isoformat())]


class PartOf(RuleBase):
    """A part is not larger than its whole, within one sentence or one document."""

    check: Literal["part_of"]
    part: Selection = Field(description="The parts (on top of select): noun: child.")
    whole: Selection = Field(description="The wholes (on top of select): noun: civilian.")
    scope: Scope = Field("sentence", description="Pair a part with the nearest whole in the "
                         "same sentence or the same document.")
    tolerance: Amount = Field(0, description="How far a part may exceed its whole.")

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("scope", self.scope), ("tolerance", _tolerance(self.tolerance))]


class Sum(RuleBase):
    """Parts add up to a stated total within the tolerance."""

    check: Literal["sum"]
    parts: Selection = Field(description="The parts (on top of select).")
    total: Selection = Field(description="The stated total (on top of select).")
    scope: Scope = Field("sentence", description="Add up the parts of one sentence or document.")
    tolerance: Amount = Field(0, description="Largest gap allowed between the sum and the total.")

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("scope", self.scope), ("tolerance", _tolerance(self.tolerance))]


class Range(RuleBase):
    """A figure stays within plausible bounds."""

    check: Literal["range"]
    min: Number | None = Field(None, description="Smallest plausible value.")
    max: Number | None = Field(None, description="Largest plausible value.")
    tolerance: Amount = Field(0, description="How far outside the bounds still passes.")

    @model_validator(mode="after")
    def _has_a_bound(self) -> Range:
        if self.min is None and self.max is None:
            raise ValueError("max: give min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("max: smaller than min")
        return self

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("min", _number(self.min)), ("max", _number(self.max)),
                ("tolerance", _tolerance(self.tolerance))]


class Duration(RuleBase):
    """A stated length ("a four-and-a-half-year war") agrees with start and publication dates."""

    check: Literal["duration"]
    start: Day = Field(description="When the thing began: 2011-03-15.")
    end: Day | None = Field(None, description="When it ended, if it did.")
    tolerance: Amount = Field(
        0.5, description="Largest gap allowed, in years (a number) or relative (\"10%\").")

    @model_validator(mode="after")
    def _ends_after_start(self) -> Duration:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end: {self.end} is before start ({self.start})")
        return self

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("start", self.start.isoformat()), ("end", self.end and self.end.isoformat()),
                ("tolerance", amount_text(self.tolerance))]


Rule = Annotated[
    Monotonic | Agree | Rate | PartOf | Sum | Range | Duration | Consensus,
    Field(discriminator="check"),
]
CHECKS: tuple[str, ...] = ("monotonic", "agree", "rate", "part_of", "sum", "range", "duration",
                           "consensus")
#: The checks of a running total: they keep out hedged, other-period and off-date figures.
RUNNING_TOTAL_CHECKS: tuple[str, ...] = ("monotonic", "agree", "rate", "consensus")
AnyRule = Monotonic | Agree | Rate | PartOf | Sum | Range | Duration | Consensus


class CorpusSource(Strict):
    """The corpus a rule file is about; paths are relative to the rule file."""

    paths: list[str] = Field(min_length=1, description="Files or folders, relative to this file.")
    text_column: str | None = None
    id_column: str | None = None
    outlet_column: str | None = None
    date_column: str | None = None
    title_column: str | None = None
    vocab: str | list[str] | None = Field(
        None, description="Desk vocabulary file(s) for this corpus (claimants, places, cue "
                          "words), relative to this file.")


class RuleFileModel(Strict):
    """A rule file: an optional corpus block and a list of rules."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="figures rule file")

    corpus: CorpusSource | None = Field(
        None, description="The corpus these rules are about (used when none is named).")
    rules: list[Rule] = Field(min_length=1)
