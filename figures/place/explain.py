"""Why a figure got its metric, noun, cumulative flag, qualifier and claimant: the cue words.

``explain_figure(document, figure, vocab)`` reads the figure's sentence again with the
place vocabulary and lists, for each field, the words of the sentence that set or back
it (nearest first), or says what decided it without a cue word (the unit, a size only a
war's toll reaches, the figure before it). It inspects from outside: ``place`` itself is
not changed, so the explanation names the cues ``place`` reads, not its exact path.

``producible_metrics(vocab)`` and ``noun_suggestion(noun, vocab)`` tell a rule file's
linter whether a selection can match any figure at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from figures.model import Document, Figure
from figures.place.figure import PlaceVocab
from figures.place.metric import lemma
from figures.place.sentences import (
    WINDOW,
    Hit,
    Words,
    phrase_key,
    sentence_at,
    sentence_spans,
    window,
    words,
)

#: Metrics ``place`` decides from the unit or the noun class, with no event word.
UNIT_METRICS = frozenset({"money", "duration", "age", "distance", "share", "people", "other"})
#: Words either side of a figure within which a cue is listed.
CUE_REACH = 25
#: Fields explained, in the order they are printed.
FIELDS = ("qualifier", "metric", "noun", "cumulative", "claimant")


@dataclass(frozen=True)
class Cue:
    """A word or phrase of the sentence that bears on one field of a figure."""

    words: str
    distance: int  # words from the figure: negative before it, positive after it
    note: str = ""

    def text(self) -> str:
        where = ("in the figure" if self.distance == 0 else
                 f"{abs(self.distance)} word{'s' * (abs(self.distance) != 1)} "
                 f"{'before' if self.distance < 0 else 'after'}")
        return f"{self.words!r} ({where}{', ' + self.note if self.note else ''})"


@dataclass(frozen=True)
class Explanation:
    """One figure and, per field, its value and the cues behind it."""

    figure: Figure
    cues: dict[str, list[Cue]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return repr(getattr(self.figure, name))

    def lines(self) -> list[str]:
        """The explanation as indented lines: one per field, cues nearest first."""
        out = []
        for name in FIELDS:
            cues = "; ".join(cue.text() for cue in self.cues.get(name, [])[:4])
            reason = self.reasons.get(name, "")
            detail = ", ".join(part for part in (reason, f"cues: {cues}" if cues else "") if part)
            out.append(f"  {name} = {self.value(name)}" + (f": {detail}" if detail else ""))
        return out


def _reading(document: Document, figure: Figure) -> tuple[Words, int, int]:
    """The words of the figure's sentence (its window when long), and the indexes of the
    figure's first word and of the first word after it."""
    text = document.text
    spans = sentence_spans(text)
    sentence = sentence_at(spans, [start for start, _ in spans], figure.start)
    if sentence[1] - sentence[0] > 3 * WINDOW:
        sentence = window(sentence, figure.start, figure.end)
    found = words(text, *sentence)
    return found, found.last_before(figure.start) + 1, found.first_after(figure.end)


def _distance(hit: Hit, first: int, after: int) -> int:
    if hit.stop <= first:
        return hit.stop - 1 - first
    if hit.first >= after:
        return hit.first - after + 1
    return 0


def explain_figure(document: Document, figure: Figure, vocab: PlaceVocab) -> Explanation:
    """The cue words behind one figure's qualifier, metric, noun, cumulative flag, claimant."""
    found, first, after = _reading(document, figure)
    hits = vocab.phrases.find(found)
    near = [hit for hit in hits if first - CUE_REACH <= hit.first < after + CUE_REACH]

    def cues(kind: str, value: str | None = None, note: str = "") -> list[Cue]:
        chosen = [hit for hit in near if hit.kind == kind and (value is None or hit.value == value)]
        listed = [Cue(" ".join(found.surface[hit.first:hit.stop]), _distance(hit, first, after),
                      note) for hit in chosen]
        return sorted(listed, key=lambda cue: abs(cue.distance))

    out: dict[str, list[Cue]] = {}
    reasons: dict[str, str] = {}
    # qualifier: the words of the figure's own text around its number
    head = [word for word in figure.text.split() if not any(ch.isdigit() for ch in word)]
    reasons["qualifier"] = (f"from the figure's own words {' '.join(head)!r}" if head and
                            figure.qualifier != "exact" else "no qualifier word: exact"
                            if figure.qualifier == "exact" else "")
    # metric
    if figure.unit not in ("count", "", None):
        reasons["metric"] = f"the unit {figure.unit!r}"
    elif figure.metric in vocab.events:
        out["metric"] = cues("event", figure.metric, f"an event word of {figure.metric}")
        if not out["metric"]:
            reasons["metric"] = "an event word of an earlier figure it is part of"
    noun_metric = vocab.noun_metric.get(tuple(phrase_key(figure.noun or ""))) \
        if figure.noun else None
    if noun_metric == figure.metric and figure.unit in ("count", "", None):
        reasons["metric"] = (reasons.get("metric", "") + "; " if reasons.get("metric") else "") \
            + f"the noun {figure.noun!r} is listed under {figure.metric}"
    if not out.get("metric") and "metric" not in reasons:
        reasons["metric"] = "no event word or listed noun near it: decided by the noun class"
    # noun: the word after the figure whose singular is the noun
    if figure.noun:
        listed = [Cue(found.surface[i], i - after + 1, "its singular")
                  for i in range(after, min(len(found.lower), after + 6))
                  if lemma(found.surface[i], vocab) == figure.noun.split("-")[0]
                  or found.lower[i] == figure.noun]
        out["noun"] = listed[:1]
        if not listed:
            reasons["noun"] = "not written after the figure: taken from the figure it " \
                "belongs to, or the counted phrase"
    else:
        reasons["noun"] = "no counted noun after the figure"
    # cumulative
    out["cumulative"] = cues("cumulative", note="a running-total cue") + \
        [cue for cue in cues("brought", note="a total brought to it") if cue.distance < 0] + \
        [Cue(found.surface[i], i - first if i < first else i - after + 1, "a period opens")
         for i in range(max(0, first - 12), min(len(found.lower), after + 12))
         if found.lower[i] == "since"]
    if figure.cumulative:
        size = figure.value if figure.value is not None else figure.low
        wars = cues("war", note="the war as its frame")
        out["cumulative"] += wars
        if size is not None and size >= vocab.war_total_at_least and not out["cumulative"]:
            reasons["cumulative"] = (f"{size:,.0f} is at least {vocab.war_total_at_least:,.0f}, "
                                     "a size only a war's running total reaches")
        elif not out["cumulative"]:
            reasons["cumulative"] = "carried on from the running total before it"
    else:
        reasons["cumulative"] = "no running-total cue near it" if not out["cumulative"] \
            else "cues present but not for this metric or too far"
    out["cumulative"].sort(key=lambda cue: abs(cue.distance))
    # claimant
    out["claimant"] = cues("claim", note="a speech verb") + cues(
        "claimant", note="a known claimant")
    reasons["claimant"] = "" if figure.claimant else "no one is quoted for it"
    out["claimant"].sort(key=lambda cue: abs(cue.distance))
    return Explanation(figure, out, {k: v for k, v in reasons.items() if v})


def producible_metrics(vocab: PlaceVocab) -> frozenset[str]:
    """The metrics a figure can get with this vocabulary: an event word or a listed noun
    names it, or the unit or noun class decides it."""
    return frozenset(vocab.events) | frozenset(vocab.nouns) | UNIT_METRICS


def noun_suggestion(noun: str, vocab: PlaceVocab) -> str | None:
    """The noun a figure would have for ``noun`` when it cannot be one as written: nouns are
    lower-case and singular ("children" -> "child"); None when ``noun`` can be a noun.

    >>> from figures.place import load_place_vocab
    >>> vocab = load_place_vocab()
    >>> noun_suggestion("children", vocab), noun_suggestion("Civilians", vocab)
    ('child', 'civilian')
    >>> noun_suggestion("child", vocab) is None, noun_suggestion("su-24", vocab) is None
    (True, True)
    """
    if "-" in noun and noun == noun.lower():
        return None  # "su-24": built from two words
    parts = noun.split()
    singular = " ".join([*parts[:-1], lemma(parts[-1], vocab)]) if parts else noun
    singular = singular.lower()
    return None if singular == noun else singular
