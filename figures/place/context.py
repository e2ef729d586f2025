"""Who and where: the claimant, actor and place of a figure, read from its sentence.

Helpers of ``figures.place``. Each function reads a sentence's words and the
vocabulary phrases found among them (``sentences.Hit``: kinds "claim",
"claimant", "actor", "attack", "place", "country"); the phrase tables map the
ways texts write a name to one normalised name ("Centers for Disease Control
and Prevention" -> "CDC"; "U.N.", "United Nations" -> "UN").

Who is quoted for a figure, in order:

1. "according to X" anywhere in the sentence, the one nearest the figure
   ("according to a February report by the Center for Policy Research");
2. the speech verb nearest the figure, within reach of it, with its subject
   ("the ministry said") or the name after it ("said the ministry");
3. an attribution closing the sentence, however long the sentence
   ("... and driven millions from their homes, the monitoring group said.").

A known name gives its normalised form (the alias table of the vocabulary);
otherwise the speaker's own words are kept when they end in a role ("the
provincial governor", "officials") or are a name ("Bureau of Prisons", "Aaron
Kirman"), without "the", titles ("Dr.") or a source noun ("Redfin data").

Beyond its sentence (``Attributions``, one per document): a figure inside a
quotation takes the quotation's speaker ("... within 24 hours," Dr. X said); a
speaker who names nobody ("it said", "the company said") is the last one named
before; a bare role takes the place or qualifier the document attaches to it
elsewhere ("the health ministry" after "Gaza's health ministry"); a sentence
with no attribution of its own continues the one before it in its paragraph;
a transcript's speaker label ("Jane Doe:") covers what follows it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from figures.place.sentences import Hit, PhraseTable, Words, words

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
    def claimant_role_set(self) -> frozenset[str]: ...

    @property
    def source_noun_set(self) -> frozenset[str]: ...

    @property
    def name_title_set(self) -> frozenset[str]: ...

    @property
    def pronoun_set(self) -> frozenset[str]: ...

    @property
    def phrases(self) -> PhraseTable: ...


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
    near = [hit for hit in verbs if hit.value != "according to"
            and (first <= hit.first <= stop or _closes(stretch, hit))]
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
    """Whether a speech verb closes its sentence: "..., the ministry said on Monday."."""
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
    named = _speaker(text, stretch.words, verb.stop, 1, vocab)
    return None if named is None or named.lower() in _NOBODY else named


def _quoted_by(text: str, stretch: Stretch, verb: Hit, vocab: SpeakerWords) -> str | None:
    """The subject of a speech verb ("the ministry said"), or the name after it."""
    names = [hit for hit in stretch.hits if hit.kind == "claimant"]
    subject = [hit for hit in names if verb.first - 7 <= hit.stop <= verb.first]
    if subject:  # the name closest to the verb, the longest of those
        return max(subject, key=lambda hit: (hit.stop, hit.stop - hit.first)).value
    inverted = [hit.value for hit in names if verb.stop <= hit.first <= verb.stop + 2]
    found = stretch.words
    before = verb.first - 1
    while before >= 0 and found.lower[before] in _BETWEEN_SUBJECT_AND_VERB:
        before -= 1  # "the firm also said", "the ministry has said"
    if found.lower[verb.first] in _TO_SOMEONE:
        # "X told AFP": X speaks and AFP reports; a speaker known by name wins,
        # else the listener, when known, rather than an unknown speaker's words.
        return next(iter(inverted), None) or _speaker(text, found, before, -1, vocab)
    if inverted:
        return inverted[0]
    return _speaker(text, found, before, -1, vocab) or _speaker(text, found, verb.stop, 1, vocab)


# Words between a speaker and the speech verb: "the firm also said".
_BETWEEN_SUBJECT_AND_VERB = frozenset({"also", "has", "have", "had", "later", "previously",
                                       "recently", "further", "then", "earlier", "again",
                                       "separately", "additionally", "reportedly",
                                       "now", "last", "week", "on", "monday", "tuesday",
                                       "wednesday", "thursday", "friday", "saturday", "sunday",
                                       "yesterday", "today"})
#: Prefix of a speaker that names nobody by itself ("it said"): ``Attributions.resolve``
#: replaces it with the claimant named before, or None.
PRONOUN = "\x00"


# Speech verbs whose object is who was spoken to, not who spoke.
_TO_SOMEONE = frozenset({"told", "tells", "tell"})


def _speaker(text: str, found: Words, index: int, step: int,
             vocab: SpeakerWords) -> str | None:
    """The words naming a speaker from word ``index`` on (step 1) or back (step -1).

    Kept when they end in a role ("the hospital staff", "officials", "a lawsuit")
    or are a name ("Provincial Governor Ana Diaz", "Bureau of Prisons"); "he said"
    names nobody here (``Attributions.resolve`` looks back for him). A name
    before an apposition wins over it ("Dr. Jane Roe, the bureau's director,
    said": Jane Roe); a role before a name gives the name ("says broker Jo Doe").
    """
    apposition = False
    if step == -1 and 0 <= index < len(found.lower) - 1:
        gap = text[found.ends[index]:found.starts[index + 1]]
        if _QUOTE_OR_BREAK.sub("", gap.replace(",", "")) != gap.replace(",", ""):
            return None  # '..., the home is from France," says X': the word before is quoted
        apposition = "," in gap
    picked = _speaker_words(text, found, index, step, vocab)
    if not picked:
        return None
    if step == -1 and picked[0] >= 1 and found.lower[picked[0] - 1] in _POSSESSIVES and \
            not all(found.surface[i][:1].isupper() for i in picked):
        return PRONOUN + _POSSESSIVES[found.lower[picked[0] - 1]]  # "its president said"
    if apposition:  # "Dr. Jane Roe, the bureau's director, said": the name, else nobody
        if all(found.surface[i][:1].isupper() for i in picked):
            return None
        named = _name_before_apposition(text, found, picked[0])
        return _speaker_name(text, found, named, vocab) if named else None
    return _speaker_name(text, found, picked, vocab)


def _speaker_words(text: str, found: Words, index: int, step: int,
                   vocab: SpeakerWords) -> list[int]:
    """Indexes of the words of a speaker's phrase, in order (see ``_speaker``)."""
    picked: list[int] = []
    count = len(found.lower)
    if step == -1 and 0 <= index < count and found.lower[index] in vocab.pronoun_set:
        return [index]
    while 0 <= index < count and len(picked) < _SPEAKER_WORDS:
        word = found.lower[index]
        if word in _LEADING and not picked and step == 1:
            index += step
            continue
        if step == 1 and word in vocab.source_noun_set and index + 1 < count and \
                found.lower[index + 1] in ("from", "by", "of") and \
                not _QUOTE_OR_BREAK.search(text, found.ends[index], found.starts[index + 1]):
            picked = []  # "data from Redfin", "figures compiled by": the name after
            index += 2
            continue
        connects = bool(picked) and word in _CONNECTORS and _capital(found, index + step) \
            and _capital(found, picked[-1])  # "Bureau of Prisons", "Centers for Disease Control"
        if word in vocab.noun_phrase_stop_set and not found.surface[index].isupper() and \
                not connects:
            break
        picked.append(index)
        left, right = sorted((index, index + step))
        if left >= 0 and right < count and \
                _QUOTE_OR_BREAK.search(text, found.ends[left], found.starts[right]):
            break  # "killed five people, Provincial Governor Ana Diaz said"
        index += step
    picked.sort()
    while picked and found.lower[picked[0]] in _CONNECTORS:
        picked.pop(0)
    while picked and found.lower[picked[-1]] in _CONNECTORS:
        picked.pop()
    return picked


def _speaker_name(text: str, found: Words, picked: list[int], vocab: SpeakerWords) -> str | None:
    """The name a speaker's words give, or None when they are neither a name nor a role."""
    lowers = [found.lower[i] for i in picked]
    capital = [found.surface[i][:1].isupper() or (0 < at < len(picked) - 1
                                                  and lowers[at] in _CONNECTORS)
               for at, i in enumerate(picked)]
    if len(picked) == 1 and lowers[0] in vocab.pronoun_set:
        return PRONOUN + lowers[0]
    if all(capital):
        while len(picked) > 1 and lowers[0].rstrip(".") in vocab.name_title_set:
            picked, lowers = picked[1:], lowers[1:]  # "Dr. Jeffrey Allen"
        return _surface(text, found, picked)
    if capital[-1] and not all(capital) and (len(picked) > 1 and capital[-2]):
        # "listing agent Aaron Kirman", "DIHK trade expert Volker Treier": the name
        at = max(i for i, is_capital in enumerate(capital) if not is_capital) + 1
        return _speaker_name(text, found, picked[at:], vocab)
    ends = [i for i, word in enumerate(lowers)
            if word in vocab.claimant_role_set or word in vocab.source_noun_set]
    if not ends:
        return None
    last = ends[-1]
    if lowers[last] in vocab.source_noun_set and last > 0 and capital[last - 1]:
        last -= 1  # "Bureau of Prisons statistics", "Apple's announcement"
    if lowers[0] in vocab.pronoun_set:
        return None  # "his office", "their spokesman": resolved by Attributions
    return _surface(text, found, picked[:last + 1])


def _name_before_apposition(text: str, found: Words, first: int) -> list[int] | None:
    """The capitalised name before ", the ..., said" ("Dr. Jane Roe, the bureau's director")."""
    start = first - 1 if first >= 1 and found.lower[first - 1] in ("the", "a", "an") else first
    before = start - 1
    if before < 0 or "," not in text[found.ends[before]:found.starts[start]]:
        return None
    name: list[int] = []
    index = before
    while index >= 0 and len(name) < _SPEAKER_WORDS and found.surface[index][:1].isupper():
        name.insert(0, index)
        if index and _QUOTE_OR_BREAK.search(text, found.ends[index - 1], found.starts[index]):
            break
        index -= 1
    return name or None


def _capital(found: Words, index: int) -> bool:
    """Whether word ``index`` exists and starts with a capital."""
    return 0 <= index < len(found.lower) and found.surface[index][:1].isupper()


def _surface(text: str, found: Words, picked: list[int]) -> str:
    """The text of words ``picked`` as written, without a closing possessive."""
    surface = text[found.starts[picked[0]]:found.ends[picked[-1]]]
    return " ".join(_POSSESSIVE_END.sub("", word) for word in surface.split())


# A possessive before a role points back to its owner: "its president", "his office".
_POSSESSIVES = {"its": "it", "their": "they", "his": "he", "her": "she"}
# Words before a speaker's name after "according to": "a February report by X".
_LEADING = frozenset({"the", "a", "an", "new", "latest", "recent", "annual", "final", "official",
                      "preliminary", "initial", "january", "february", "march", "april", "may",
                      "june", "july", "august", "september", "october", "november", "december",
                      "last", "weekly", "daily", "monthly"})
# Sources that name nobody: "according to reports", "according to figures".
_NOBODY = frozenset({"reports", "report", "figures", "data", "statistics", "estimates",
                     "numbers", "records", "media reports", "local reports"})
#: At most this many words name a speaker.
_SPEAKER_WORDS = 8
# Lower-case words inside a name: "Bureau of Prisons", "Centers for Disease Control and Prevention".
_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "de", "du", "al"})
# Punctuation or a quotation mark between two words: they are not one name.
_QUOTE_OR_BREAK = re.compile(r"""[,;:()\[\].!?&"“”]""")
_POSSESSIVE_END = re.compile(r"['’]s$")


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


class PlaceWords(Protocol):
    """The words that make a place name no place of the figure (``place.PlaceVocab``)."""

    @property
    def name_after_place_set(self) -> frozenset[str]: ...

    @property
    def compared_with_place_keys(self) -> frozenset[tuple[str, ...]]: ...

    @property
    def country_of_body_after_set(self) -> frozenset[str]: ...

    @property
    def country_of_actor_after_set(self) -> frozenset[str]: ...

    @property
    def country_of_body_before_keys(self) -> frozenset[tuple[str, ...]]: ...


#: Kinds of place hit, in the order a figure's place is chosen from them: a city or
#: region, a country, a country's people ("Americans"), the world ("worldwide").
PLACE_KINDS = ("place", "country", "nationals", "world")
# How many words from the figure a place of each kind may be named (the world only
# close by: "killed 300,000 worldwide", not "revered by Shiites around the world").
_PLACE_REACH = {"place": 40, "country": 40, "nationals": 40, "world": 8}
# Hits that hold a longer name: a place inside or across one is a word of that name
# ("York" in "New York", "the world" across "World Health Organization").
_HOLDERS = frozenset({*PLACE_KINDS, "claimant", "actor"})


def place_name(found: Words, hits: list[Hit], start: int, vocab: PlaceWords | None = None,
               kinds: Sequence[str] = PLACE_KINDS) -> str | None:
    """The city or region named nearest the figure in its sentence, else the country,
    else the people of a country, else the country of the actor, else the world.

    A name inside a longer name is not a place ("York" in "New York", "New York" in
    "the New York Times"), nor a country named as a body's home ("the Britain-based
    monitor"), nor places the figure is compared with ("after the United States and
    Britain"); a country named as the actor's ("US airstrikes") comes after the others.
    ``vocab``'s words around a place say which is which.
    """
    first = found.first_after(start)
    spans = [(hit.first, hit.stop) for hit in hits if hit.kind in _HOLDERS]
    near: dict[str, list[tuple[int, str]]] = {}
    compared: set[int] = set()  # where places compared with end ("after X and Y")
    for hit in hits:
        if vocab is not None and hit.kind in kinds and (
                _compared_with(found, hit, vocab) or
                (hit.first >= 2 and found.lower[hit.first - 1] in ("and", "or")
                 and hit.first - 1 in compared)):
            compared.add(hit.stop)
            continue
        if hit.kind in kinds and abs(hit.first - first) <= _PLACE_REACH.get(hit.kind, 40):
            role = _role(found, hit, spans, vocab)
            if role is not None:
                near.setdefault(role, []).append((abs(hit.first - first), hit.value))
    for role in (*kinds[:-1], "actor's country", *kinds[-1:]):
        if role in near:
            return min(near[role])[1]
    return None


def _role(found: Words, hit: Hit, spans: list[tuple[int, int]],
          vocab: PlaceWords | None) -> str | None:
    """The hit's kind, "actor's country" for "US airstrikes", None for no place of
    the figure (see ``place_name``)."""
    if any(lo < hit.stop and hit.first < hi and hi - lo > hit.stop - hit.first
           for lo, hi in spans):
        return None
    if vocab is None:
        return hit.kind
    after = found.surface[hit.stop] if hit.stop < len(found.surface) else ""
    if after in vocab.name_after_place_set:
        return None
    if hit.kind != "country":
        return hit.kind
    before = tuple(found.lower[max(0, hit.first - 2):hit.first])
    if after.lower() in vocab.country_of_body_after_set or \
            before in vocab.country_of_body_before_keys:
        return None
    if after.lower() not in vocab.country_of_actor_after_set:
        return hit.kind
    # "Chad troops" keeps Chad when nothing else is named; a short form before an
    # actor ("US airstrikes", "a U.S.-led coalition") is the actor's nationality only.
    named = " ".join(found.surface[hit.first:hit.stop]) == hit.value
    return "actor's country" if named else None


def _compared_with(found: Words, hit: Hit, vocab: PlaceWords) -> bool:
    """Whether a place is named as what the figure is compared with: "after the United
    States", "than those of Italy" (``compared_with_place``, then perhaps "those of",
    "that of", "the")."""
    stop = hit.first
    while stop > 0 and found.lower[stop - 1] in _COMPARED_FILLERS:
        stop -= 1
    return any(tuple(found.lower[stop - size:stop]) in vocab.compared_with_place_keys
               for size in (1, 2, 3) if stop >= size)


# Words between a comparison and the place compared with: "after those of the".
_COMPARED_FILLERS = frozenset({"the", "those", "that", "of", "in"})


class AliasWords(SpeakerWords, Protocol):
    """The vocabulary who is quoted is settled with (``place.PlaceVocab``)."""

    @property
    def claimant_alias(self) -> dict[str, str]: ...

    @property
    def qualified_role_set(self) -> frozenset[str]: ...

    @property
    def role_modifier_set(self) -> frozenset[str]: ...


@dataclass
class Attributions:
    """Who the figures of one document are attributed to beyond their own sentence.

    One per document, fed the figures in text order (``settle``): it keeps the
    claimants named so far, for "it said" and "the company said".
    """

    text: str
    vocab: AliasWords
    #: Transcript speaker labels ("Jane Doe:" opening a line): (offset, name).
    labels: list[tuple[int, str]]
    label_starts: list[int]
    named: list[tuple[int, str]] = field(default_factory=list)
    qualified: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, vocab: AliasWords) -> Attributions:
        """The attributions of ``text`` before any figure is settled."""
        labels, alone = [], False
        for match in _SPEAKER_LABEL.finditer(text):
            name = match.group("name")
            if name.isupper() or name.split()[0].lower() in vocab.pronoun_set:
                continue
            parts = name.split()
            while len(parts) > 1 and parts[0].lower().rstrip(".") in vocab.name_title_set:
                parts = parts[1:]
            labels.append((match.end(), " ".join(parts)))
            alone = alone or not match.group("rest").strip()
        if not alone and len({name for _, name in labels}) < 2:
            labels = []  # "Jane Doe: ..." twice, or a label on a line of its own
        return cls(text, vocab, labels, [offset for offset, _ in labels])

    def settle(self, start: int, said: str | None, continues: str | None) -> str | None:
        """The claimant of the figure at ``start``, given who its own sentence names.

        ``said`` is what ``claimant`` read in the sentence (None, a name, or a
        PRONOUN speaker); ``continues`` the claimant of the sentence before it in
        the same paragraph, which a sentence naming nobody continues.
        """
        who = said if said is not None else self._quoted(start)
        if who is None and continues is not None:
            return continues
        if who is None:
            who = self._label(start)
        if who is None:
            return None
        who = self.resolve(who, start)
        if who is not None:
            self.named.append((start, who))
        return who

    def resolve(self, who: str, start: int) -> str | None:
        """A speaker's name as the document gives it: pronouns and bare roles looked up."""
        if who.startswith(PRONOUN):
            return self._antecedent(who[len(PRONOUN):], start)
        key = _alias_key(who)
        if key in self.vocab.claimant_alias:
            return self.vocab.claimant_alias[key]
        words_ = who.lower().split()
        if words_[-1] in self.vocab.qualified_role_set and \
                all(word in self.vocab.role_modifier_set for word in words_[:-1]):
            role = " ".join(words_)
            return self._earlier_with(words_[-1], start) or self._qualify(role)
        if who.islower() and len(words_) == 1 and who in _GENERIC_BODIES:
            return self._antecedent("it", start) or self._subject_before(start, who) or who
        return who

    def _antecedent(self, pronoun: str, start: int) -> str | None:
        """The claimant named last before ``start`` (a person for "he", "she")."""
        person = pronoun in ("he", "she", "his", "her")
        body = pronoun in ("it", "its")
        people = {name for _, name in self.named if _looks_like_a_person(name, self.vocab)}
        surnames = {name.split()[-1] for _, name in self.named
                    if len(name.split()) > 1 and _looks_like_a_person(
                        " ".join(name.split()[-2:]), self.vocab)}
        for offset, name in reversed(self.named):
            if start - offset > _ANAPHORA_REACH:
                break
            is_person = name in people or name in surnames
            if (not person or is_person) and not (body and is_person):
                return name
        return None

    def _subject_before(self, start: int, kind: str) -> str | None:
        """The name opening a sentence before ``start``, for "the company said" when no
        claimant was named before ("Kickstarter is giving ... the company said";
        "Apple and Google are rolling out ... the companies said")."""
        plural = kind.endswith("s")
        found = None
        for match in _SUBJECT.finditer(self.text, max(0, start - _ANAPHORA_REACH), start):
            name = match.group("name")
            if (" and " in name) == plural and name.split()[0] not in _NOT_QUALIFIERS:
                found = name
        return found

    def _earlier_with(self, head: str, start: int) -> str | None:
        """A claimant named before whose name ends in ``head`` ("Gaza health ministry")."""
        for offset, name in reversed(self.named):
            if start - offset > _ANAPHORA_REACH:
                break
            if name.lower().split()[-1] == head and len(name.split()) > 1 and \
                    not name.islower():
                return name
        return None

    def _qualify(self, role: str) -> str:
        """A bare role with the place or qualifier the document attaches to it elsewhere.

        "Gaza's health ministry" or "the health ministry in Gaza" make "the
        health ministry" the Gaza health ministry; "Israeli army" makes "the
        army" the Israeli army; without one, the role as written.
        """
        if role in self.qualified:
            return self.qualified[role]
        phrase = "(?i:" + r"\s+".join(re.escape(word) for word in role.split()) + ")"
        named = role
        for pattern in (_OWNER_BEFORE, _KIND_BEFORE, _PLACE_AFTER):
            for match in re.finditer(pattern.format(phrase=phrase), self.text, re.VERBOSE):
                qualifier = match.group("q")
                if qualifier.split()[0] not in _NOT_QUALIFIERS:
                    named = f"{qualifier} {role}"
                    break
            if named != role:
                break
        named = self.vocab.claimant_alias.get(_alias_key(named), named)
        self.qualified[role] = named
        return named

    def _quoted(self, start: int) -> str | None:
        """The speaker of the quotation the figure at ``start`` is inside, if any."""
        text = self.text
        paragraph = max(text.rfind("\n", 0, start) + 1, start - _QUOTE_REACH)
        before = text[paragraph:start]
        curly_open, curly_close = before.rfind("“"), before.rfind("”")
        if curly_open > curly_close:
            opened, closing = paragraph + curly_open, "”"
        elif before.count('"') % 2:
            opened, closing = paragraph + before.rfind('"'), '"'
        else:
            return None
        end = text.find("\n", start, start + _QUOTE_REACH)
        end = start + _QUOTE_REACH if end < 0 else end
        closed = text.find(closing, start, end)
        if closed >= 0:
            who = self._speaker_near(closed + 1, min(end, closed + 160), first=True)
            if who is not None:
                return who
        return self._speaker_near(max(paragraph, opened - 200), opened, first=False)

    def _speaker_near(self, start: int, end: int, first: bool) -> str | None:
        """Who a speech verb at the start (``first``) or the end of text[start:end] names."""
        found = words(self.text, start, end)
        if not found.lower:
            return None
        stretch = Stretch(found, self.vocab.phrases.find(found), len(found.lower) + 1)
        for verb in _verbs(stretch):
            if (verb.first <= 7) if first else (len(found.lower) - verb.stop <= 6):
                who = (_according(self.text, stretch, verb, self.vocab, len(found.lower))
                       if verb.value == "according to"
                       else _quoted_by(self.text, stretch, verb, self.vocab))
                if who is not None:
                    return who
        return None

    def _label(self, start: int) -> str | None:
        """The transcript speaker whose label stands last before ``start``."""
        at = bisect_right(self.label_starts, start) - 1
        return self.labels[at][1] if at >= 0 else None


def _alias_key(name: str) -> str:
    """A name as the alias table is looked up: lower case, words only."""
    return " ".join(word.lower() for word in re.findall(r"[^\W_]+", name))


def _looks_like_a_person(name: str, vocab: SpeakerWords) -> bool:
    """Whether a claimant reads as a person's name ("Jane Doe"), not a body or a role."""
    parts = name.split()
    return all(part[:1].isupper() for part in parts) and not name.isupper() and \
        not any(part.lower() in vocab.claimant_role_set for part in parts) and 2 <= len(parts) <= 4


# A transcript's speaker label: a capitalised name opening a line, then a colon.
_SPEAKER_LABEL = re.compile(
    r"""^ [ \t]*
    (?P<name> (?: [A-Z][\w.'’-]* [ \t]+ ){1,4} [A-Z][\w'’-]* )   # two to five capitalised words
    [ \t]* : (?! \d )                                           # a colon, not a clock time
    (?P<rest> [^\n]* )                                           # the rest of its line
    """,
    re.VERBOSE | re.MULTILINE,
)
# Whose a role is, where the document says so ("{phrase}" is the role's words):
# "Gaza's health ministry", "the Israeli army", "the health ministry in Gaza".
_OWNER_BEFORE = r"\b (?P<q> [A-Z][\w-]* (?: \s+ [A-Z][\w-]* )? ) ['’]s \s+ {phrase} \b"
_KIND_BEFORE = r"\b (?P<q> [A-Z][\w]* (?: -[a-z]+ )? ) \s+ {phrase} \b"
_PLACE_AFTER = (r"\b {phrase} \s+ (?: in | of ) \s+ (?: the \s+ )?"
                r" (?P<q> [A-Z][\w-]* (?: \s+ [A-Z][\w-]* )? )")
# A capitalised name opening a sentence, then its verb: "Apple and Google are rolling out".
_SUBJECT = re.compile(
    r"""(?: ^ | (?<= [.!?] ) \s+ | \n )
    (?P<name> [A-Z][\w&'’-]* (?: \s [A-Z][\w&'’-]* ){0,2} (?: \s and \s [A-Z][\w&'’-]* )? )
    \s+ (?: is | are | was | were | has | have | had | said | says | announced | plans | will ) \b
    """,
    re.VERBOSE | re.MULTILINE,
)
#: How far back "it said" or "the company said" looks for the claimant named before.
_ANAPHORA_REACH = 2500
#: How far a quotation is followed back and ahead of a figure inside it.
_QUOTE_REACH = 3000
# Bodies a sentence names by their kind, meaning the one named before ("the company said").
_GENERIC_BODIES = frozenset({"company", "firm", "companies", "firms", "group", "organization",
                             "organisation", "agency", "survey", "report", "study",
                             "association", "chain", "retailer", "automaker", "carmaker",
                             "bank", "lender", "insurer", "airline", "startup", "giant"})
# Capitalised words before a role that are no qualifier of it ("The army", "Its ministry").
_NOT_QUALIFIERS = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "His", "Her",
                             "Our", "Your", "My", "Every", "Each", "No", "And", "But", "Then",
                             "When", "While", "If", "As", "So", "Yet", "Local", "National",
                             "Federal", "Regional", "Provincial", "State", "New", "Former",
                             "Both", "Only", "Later", "Earlier"})
