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

from pydantic import (
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

#: "10%" (relative) or a plain number (absolute, in the figures' unit).
Percent = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)?%$")]
Amount = Annotated[
    Annotated[float, Field(ge=0)] | Percent,
    Field(description='An absolute amount (a number >= 0) or a percentage such as "10%".'),
]
#: A time span: "30d" (days) or "6w" (weeks).
Span = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9][0-9]*[dw]$"),
    Field(description='A time span in days or weeks: "30d", "6w".'),
]
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    Field(description="Unique rule id in kebab-case, e.g. death-toll-never-falls."),
]
Names = str | list[str]


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
        "(case-insensitive): 'observatory' matches 'the Syrian Observatory'.")
    place: Names | None = Field(None, description="Place; case-insensitive containment.")
    actor: Names | None = Field(None, description="Actor; case-insensitive containment.")
    since: date | None = Field(None, description="Only figures dated on or after this day.")
    until: date | None = Field(None, description="Only figures dated on or before this day.")
    min_value: float | None = Field(
        None, description="Only figures whose stated number (value, else low, else high) is at "
        "least this: keeps one attack's toll out of the war's total.")
    max_value: float | None = Field(None, description="Only figures whose stated number is at "
                                    "most this.")
    pattern: str | None = Field(
        None, description="Regular expression searched (ignoring case) in the figure's sentence.")
    exclude: str | None = Field(
        None, description="Regular expression: figures whose sentence matches are left out.")

    @field_validator("pattern", "exclude")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                re.compile(pattern)
            # "a{1,99999999999}" overflows and deep nesting recurses instead of raising re.error.
            except (re.error, OverflowError, RecursionError) as err:
                raise ValueError(f"not a valid regular expression: {err}") from err
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
    tolerance: Amount = Field(0, description="How far a later figure may fall and still pass.")
    within: Span | None = Field(
        None, description="Compare only with an earlier date this close (default: any).")

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("by", _by(self.group_by)), ("within", self.within),
                ("tolerance", _tolerance(self.tolerance))]


class Agree(RuleBase):
    """Figures for the same quantity within a time window agree within the tolerance.

    One finding per earlier figure that later ones disagree with, naming the first
    and counting the rest.
    """

    check: Literal["agree"]
    group_by: GroupKey | list[GroupKey] | None = None
    within: Span = Field("30d", description="Figures this close in time must agree.")
    tolerance: Amount = Field(0, description="Largest gap allowed between two figures' bands.")

    def _label_parts(self) -> list[tuple[str, Any]]:
        return [("by", _by(self.group_by)), ("within", self.within),
                ("tolerance", _tolerance(self.tolerance))]


class Rate(RuleBase):
    """The change between dated figures implies a rate per day that stays within bounds."""

    check: Literal["rate"]
    group_by: GroupKey | list[GroupKey] | None = None
    max_per_day: float | None = Field(None, description="Fastest plausible rise per day.")
    min_per_day: float | None = Field(
        None, description="Slowest plausible change per day (0: a total never falls).")
    min_days: int = Field(1, ge=1, description="Compare a figure with the latest one at least "
                          "this many days before it.")
    within: Span | None = Field(None, description="Ignore pairs further apart than this.")
    start: date | None = Field(
        None, description="The day the count began: every figure is also compared with "
        "start_value on this day, so a total stated before it is a violation.")
    start_value: float = Field(0, description="The count on the start day.")

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
    min: float | None = Field(None, description="Smallest plausible value.")
    max: float | None = Field(None, description="Largest plausible value.")
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
    start: date = Field(description="When the thing began: 2011-03-15.")
    end: date | None = Field(None, description="When it ended, if it did.")
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
    Monotonic | Agree | Rate | PartOf | Sum | Range | Duration,
    Field(discriminator="check"),
]
CHECKS: tuple[str, ...] = ("monotonic", "agree", "rate", "part_of", "sum", "range", "duration")
AnyRule = Monotonic | Agree | Rate | PartOf | Sum | Range | Duration


class CorpusSource(Strict):
    """The corpus a rule file is about; paths are relative to the rule file."""

    paths: list[str] = Field(min_length=1, description="Files or folders, relative to this file.")
    text_column: str | None = None
    id_column: str | None = None
    outlet_column: str | None = None
    date_column: str | None = None
    title_column: str | None = None


class RuleFileModel(Strict):
    """A rule file: an optional corpus block and a list of rules."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="figures rule file")

    corpus: CorpusSource | None = Field(
        None, description="The corpus these rules are about (used when none is named).")
    rules: list[Rule] = Field(min_length=1)
