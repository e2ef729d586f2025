"""Who and where: the claimant, actor and place of a figure, read from its sentence.

Helpers of ``figures.place``. Each function reads a sentence's words and the
vocabulary phrases found among them (``sentences.Hit``: kinds "claim",
"claimant", "actor", "attack", "place", "country"); the phrase tables map the
ways texts write a name to one normalised name ("the Observatory", "SOHR" ->
"Syrian Observatory for Human Rights"; "U.N.", "United Nations" -> "UN").

Who is quoted for a figure, in order:

1. "according to X" anywhere in the sentence, the one nearest the figure
   ("according to a February report by the Syrian Center for Policy Research");
2. the speech verb nearest the figure, within reach of it, with its subject
   ("the Observatory said") or the name after it ("said the Observatory");
3. an attribution closing the sentence, however long the sentence
   ("... and driven millions from their homes, the Syrian Observatory said.").

A known name gives its normalised form; otherwise the speaker's own words are
kept when they end in a role ("the provincial governor") or are a name.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from figures.place.sentences import PHRASE_BREAK, Hit, Words

#: Words either side of a figure within which a speech verb is its claimant's.
REACH = 45
#: At most this many words after a speech verb that closes its sentence.
_CLOSING = 8
#: At most this many words between "according to" and the name it gives.
_ACCORDING_SPAN = 8


class SpeakerWords(Protocol):
    """The vocabulary a speaker's own words are read with (``place.PlaceVocab``)."""

    @property
    def noun_phrase_stop_set(self) -> frozenset[str]: ...

    @property
    def claimant_roles(self) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Stretch:
    """The words of a stretch of a sentence and the phrases found among them."""

    words: Words
    hits: list[Hit]
    #: Index of the first word after the sentence's end (len(words) when it is in the stretch).
    sentence_stop: int


def claimant(text: str, start: int, end: int, stretch: Stretch, vocab: SpeakerWords,
             tail: Stretch | None = None) -> str | None:
    """Who is quoted for the figure at text[start:end]; None if nobody is.

    ``stretch`` holds the figure; ``tail`` the end of its sentence when the
    stretch stops short of it (a very long sentence).
    """
    found = stretch.words
    verbs = _verbs(stretch)
    middle = found.last_before(start)
    according = [hit for hit in verbs if hit.value == "according to"]
    if according:
        verb = min(according, key=lambda hit: abs(hit.first - middle))
        limit = middle + 1 if verb.stop <= middle else len(found.lower)
        named = _according(text, stretch, verb, vocab, limit)
        if named is not None:  # "according to reports": try the speech verbs too
            return named
    first, stop = found.first_after(start) - REACH, found.last_before(end) + REACH
    near = [hit for hit in verbs if first <= hit.first <= stop or _closes(stretch, hit)]
    for verb in sorted(near, key=lambda hit: abs(hit.first - middle)):
        who = _quoted_by(text, stretch, verb, vocab)
        if who is not None:
            return who
    if tail is not None:
        for verb in (hit for hit in _verbs(tail) if _closes(tail, hit)):
            who = (_according(text, tail, verb, vocab, len(tail.words.lower))
                   if verb.value == "according to" else _quoted_by(text, tail, verb, vocab))
            if who is not None:
                return who
    return None


def _verbs(stretch: Stretch) -> list[Hit]:
    """The speech verbs of a stretch, but not a word of a name ("United States")."""
    names = [hit for hit in stretch.hits if hit.kind in _NAMES and hit.stop - hit.first > 1]
    return [hit for hit in stretch.hits if hit.kind == "claim"
            and not any(name.first <= hit.first and hit.stop <= name.stop for name in names)]


_NAMES = frozenset({"claimant", "actor", "place", "country"})


def _closes(stretch: Stretch, verb: Hit) -> bool:
    """Whether a speech verb closes its sentence: "..., the Observatory said on Monday."."""
    return stretch.sentence_stop <= len(stretch.words.lower) and \
        stretch.sentence_stop - verb.stop <= _CLOSING


def _according(text: str, stretch: Stretch, verb: Hit, vocab: SpeakerWords,
               limit: int) -> str | None:
    """The name "according to" gives: a known one within a few words, else the words after it.

    The name ends before word ``limit`` (the figure, when it follows: "according
    to the outlet 12 Daesh members were killed" is not quoting Daesh).
    """
    names = [hit for hit in stretch.hits if hit.kind == "claimant"
             and verb.stop <= hit.first <= verb.stop + _ACCORDING_SPAN and hit.stop <= limit]
    if names:
        first = min(hit.first for hit in names)  # the longest of those that start first
        return max((hit for hit in names if hit.first == first),
                   key=lambda hit: hit.stop - hit.first).value
    return _speaker(text, stretch.words, verb.stop, 1, vocab)


def _quoted_by(text: str, stretch: Stretch, verb: Hit, vocab: SpeakerWords) -> str | None:
    """The subject of a speech verb ("the Observatory said"), or the name after it."""
    names = [hit for hit in stretch.hits if hit.kind == "claimant"]
    subject = [hit for hit in names if verb.first - 7 <= hit.stop <= verb.first]
    if subject:  # the name closest to the verb, the longest of those
        return max(subject, key=lambda hit: (hit.stop, hit.stop - hit.first)).value
    inverted = [hit.value for hit in names if verb.stop <= hit.first <= verb.stop + 2]
    if stretch.words.lower[verb.first] in _TO_SOMEONE:
        # "X told AFP": X speaks and AFP reports; a speaker known by name wins,
        # else the listener, when known, rather than an unknown speaker's words.
        return next(iter(inverted), None) or _speaker(text, stretch.words, verb.first - 1, -1,
                                                       vocab)
    return inverted[0] if inverted else _speaker(text, stretch.words, verb.first - 1, -1, vocab)


# Speech verbs whose object is who was spoken to, not who spoke.
_TO_SOMEONE = frozenset({"told", "tells", "tell"})


def _speaker(text: str, found: Words, index: int, step: int,
             vocab: SpeakerWords) -> str | None:
    """The words naming a speaker from word ``index`` on (step 1) or back (step -1).

    Kept when they end in a role ("the hospital staff", "a local source") or are
    a name ("Homs Governor Talal Barazi"); "he said" names nobody.
    """
    picked: list[int] = []
    while 0 <= index < len(found.lower) and len(picked) < 5:
        word = found.lower[index]
        if word in ("the", "a", "an") and not picked and step == 1:
            index += step
            continue
        if word in vocab.noun_phrase_stop_set and not found.surface[index].isupper():
            break
        picked.append(index)
        left, right = sorted((index, index + step))
        if left >= 0 and right < len(found.lower) and \
                PHRASE_BREAK.search(text, found.ends[left], found.starts[right]):
            break  # "killed five people, Homs Governor Talal Barazi said"
        index += step
    picked.sort()
    if not picked:
        return None
    named = all(found.surface[i][:1].isupper() for i in picked)
    role = found.lower[picked[-1]] in vocab.claimant_roles and len(picked) > 1
    return " ".join(found.surface[i] for i in picked) if role or named else None


def actor(found: Words, hits: list[Hit], start: int, noun_end: int) -> str | None:
    """Who did it, where the sentence says: "by X", or X before an attack word.

    ``noun_end`` is the index of the first word after the figure's noun phrase:
    a name inside it is the counted group ("23 Daesh members"), not the actor.
    """
    first = found.first_after(start)
    attacks = {hit.first for hit in hits if hit.kind == "attack"}
    best: tuple[int, int, str] | None = None
    for hit in hits:
        if hit.kind != "actor" or first <= hit.first < noun_end:
            continue
        by = hit.first > 0 and "by" in found.lower[max(0, hit.first - 2):hit.first]
        before_attack = not attacks.isdisjoint((hit.stop, hit.stop + 1, hit.stop + 2))
        if not (by or before_attack):
            continue
        distance = min(abs(hit.first - first), abs(hit.stop - first))
        rank = (0 if by else 1, distance, hit.value)
        if distance <= 30 and (best is None or rank < best):
            best = rank
    return best[2] if best else None


def place_name(found: Words, hits: list[Hit], start: int,
               kinds: Collection[str] = ("place", "country")) -> str | None:
    """The city or region named nearest the figure in its sentence, else the country."""
    first = found.first_after(start)
    for kind in kinds:
        named = [(abs(hit.first - first), hit.value) for hit in hits
                 if hit.kind == kind and abs(hit.first - first) <= 40]
        if named:
            return min(named)[1]
    return None
