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
   ("... and driven millions from their homes, the monitoring group said.");
4. the owner of a data source before the figure ("the ministry's tally of 500").

A sentence that quotes somebody is not quoted for every figure in it (``NOBODY``):
not for the writer's words about the speaker ('said Jo Doe, 63, who sold 300
homes'), not for a count of the speakers themselves ("three brokers say"), not for
a figure before a quotation the verb closes, nor for words of the source's own name
("according to a lawsuit filed on behalf of hundreds of inmates").

A known name gives its normalised form (the alias table of the vocabulary);
otherwise the speaker's own words are kept when they end in a role ("the
provincial governor", "officials") or are a name ("Bureau of Prisons", "Aaron
Kirman"), without "the", titles ("Dr.") or a source noun ("Redfin data").

Beyond its sentence (a quotation's speaker, "it said", a bare role, a sentence that
continues the one before, a transcript's speaker label): ``figures.place.attributions``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from figures.place.metric import lemma
from figures.place.sentences import PHRASE_BREAK, Hit, PhraseTable, Words

#: Words either side of a figure within which a speech verb is its claimant's.
REACH = 45
#: At most this many words after a speech verb that closes its sentence.
_CLOSING = 8
#: At most this many words between "according to" and the name it gives.
_ACCORDING_SPAN = 8
#: Prefix of a speaker that names nobody by itself ("it said"): ``Attributions.resolve``
#: replaces it with the claimant named before, or None.
PRONOUN = "\x00"
#: What ``claimant`` gives when its sentence speaks, but not for the figure ("said Jo
#: Doe, 63,"): ``Attributions.settle`` makes it None, and no sentence before is continued.
NOBODY = "\x01"
#: Prefix of a body named as new ("a study found"): not the one named before.
NEW = "\x02"


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
    def role_modifier_set(self) -> frozenset[str]: ...

    @property
    def noun_metric(self) -> dict[tuple[str, ...], str]: ...

    @property
    def plurals(self) -> dict[str, str]: ...

    @property
    def phrases(self) -> PhraseTable: ...


@dataclass(frozen=True, slots=True)
class Stretch:
    """The words of a stretch of a sentence and the phrases found among them.

    The figures of a sentence share its stretch, so what does not depend on the
    figure is read once: its speech verbs, and who each of them quotes.
    """

    words: Words
    hits: list[Hit]
    #: Index of the first word after the sentence's end (len(words) when it is in the stretch).
    sentence_stop: int
    #: The speech verbs among ``hits`` (``_verbs``).
    verbs: list[Hit] = field(init=False)
    #: Who each speech verb quotes (``_quoted_by``), by its first word, once read.
    quoted: dict[int, str | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        """Find the speech verbs (a frozen dataclass sets its own fields so)."""
        object.__setattr__(self, "verbs", _verbs(self.hits))

    def quoted_by(self, text: str, verb: Hit, vocab: SpeakerWords) -> str | None:
        """``_quoted_by`` of one of ``verbs``, read once for all the stretch's figures."""
        if verb.first not in self.quoted:
            self.quoted[verb.first] = _quoted_by(text, self, verb, vocab)
        return self.quoted[verb.first]


def claimant(text: str, start: int, end: int, stretch: Stretch, vocab: SpeakerWords,
             tail: Stretch | None = None) -> str | None:
    """Who is quoted for the figure at text[start:end]; None if nobody is.

    ``stretch`` holds the figure; ``tail`` the end of its sentence when the
    stretch stops short of it (a very long sentence).
    """
    found = stretch.words
    if text[end:end + 1] == "," and text[start:end].isdigit() and \
            _NAMED_AGE.search(text, max(0, start - 40), start):
        return NOBODY  # "Jo Doe, 63, who lives nearby, said": the writer gives her age
    verbs = stretch.verbs
    middle = found.last_before(start)
    according = [hit for hit in verbs if hit.value == "according to"
                 and not _other_clause(text, found, hit, end)]
    if according:
        verb = min(according, key=lambda hit: abs(hit.first - middle))
        if verb.stop <= middle and _in_source_phrase(text, found, verb, start):
            return NOBODY  # "..., according to a lawsuit filed on behalf of hundreds of inmates"
        limit = middle + 1 if verb.stop <= middle else len(found.lower)
        named = _according(text, stretch, verb, vocab, limit)
        if named is not None:  # "according to reports": try the speech verbs too
            return named
    first, stop = found.first_after(start) - REACH, found.last_before(end) + REACH
    near = [hit for hit in verbs if hit.value != "according to"
            and (first <= hit.first <= stop or _closes(stretch, hit))]
    unreached = False
    first_person = None
    for verb in sorted(near, key=lambda hit: abs(hit.first - middle)):
        if _describes_speaker(text, stretch, verb, start, end, vocab):
            return NOBODY  # the writer tells who speaks: "said Jo Doe, who sold 300 homes"
        if _quotes_past(text, found, verb, end):
            unreached = True  # the verb speaks, but not for this figure
            continue
        who = stretch.quoted_by(text, verb, vocab)
        if who in _FIRST_PERSON:
            first_person = first_person or who  # '"we found that half ...," Kung said'
            continue
        if who is not None:
            return who
    if first_person is not None:
        return first_person
    if tail is not None:
        for verb in (hit for hit in tail.verbs if _closes(tail, hit)):
            who = (_according(text, tail, verb, vocab, len(tail.words.lower))
                   if verb.value == "according to" else tail.quoted_by(text, verb, vocab))
            if who is not None:
                return who
    owner = _possessive_source(text, found, middle, vocab)
    if owner is not None:
        return owner
    return NOBODY if unreached else None


# A name and a comma before a bare number: the age of "Jo Doe, 63,".
_NAMED_AGE = re.compile(r"[A-Z][\w'’.-]*,\s*$")


def _other_clause(text: str, found: Words, verb: Hit, end: int) -> bool:
    """Whether "according to" stands after the figure, past a clause of its own.

    "One study suggested that 60% ..., but according to a poll, three in five ...":
    the poll is the source of the figures after it, not of the 60%.
    """
    return found.starts[verb.first] >= end and \
        _CLAUSE_BREAK.search(text, end, found.starts[verb.first]) is not None


def _in_source_phrase(text: str, found: Words, verb: Hit, start: int) -> bool:
    """Whether a figure after a closing "according to" is a word of the source's own name.

    "Only nine kits were left, according to a lawsuit filed on behalf of hundreds of
    inmates": the lawsuit is the source of the nine, the hundreds describe it.
    """
    if verb.first == 0 or verb.stop >= len(found.lower):
        return False
    opens_late = "," in text[found.ends[verb.first - 1]:found.starts[verb.first]]
    return opens_late and not PHRASE_BREAK.search(text, found.ends[verb.stop - 1], start)


def _quotes_past(text: str, found: Words, verb: Hit, end: int) -> bool:
    """Whether a whole quotation stands between a figure and the speech verb after it.

    'Beds: 7 "Now is the time to sell," said Jo Doe': Jo Doe said the quotation. A name in
    quotation marks is no quotation ('volunteers known as the "Blue Vests" told AFP').
    """
    if found.starts[verb.first] < end:
        return False
    between = text[end:found.starts[verb.first]]
    opened = between.find("“")
    closed = between.find("”", opened) if opened >= 0 else -1
    if opened < 0 and between.count('"') >= 2:
        opened = between.index('"')
        closed = between.index('"', opened + 1)
    spoken = closed > 0 and (between[closed - 1] in ",.!?" or between[closed + 1:closed + 2] == ",")
    return spoken and _SAID_RIGHT_AFTER.fullmatch(between, closed + 1) is not None


def _describes_speaker(text: str, stretch: Stretch, verb: Hit, start: int, end: int,
                       vocab: SpeakerWords) -> bool:
    """Whether a figure after "said X," is in the words that describe X.

    '"...," said broker Jo Doe, who just listed a $7 million home' and 'said Jo Doe,
    63, who lives nearby': the writer tells who Jo Doe is; she is not quoted for it.
    """
    found = stretch.words
    at = found.first_after(start)
    if verb.first >= at:
        return _describes_subject(text, stretch, verb, at) or \
            _counts_speakers(text, stretch, verb, start, end, vocab)
    picked = _speaker_words(text, found, verb.stop, 1, vocab)
    if picked and verb.stop <= at < picked[0]:  # "said [[one]] official": it counts the speakers
        after = picked[-1] + 1
        ends = after >= len(found.lower) or found.lower[after] in _SPEAKER_ENDS or \
            _QUOTE_OR_BREAK.search(text, found.ends[after - 1], found.starts[after]) is not None
        return ends and _speaker_name(text, found, picked, vocab) is not None
    if not picked or picked[-1] >= at or found.surface[picked[-1]][:1].islower():
        return False
    gap = text[found.ends[picked[-1]]:found.starts[picked[-1] + 1]]
    opener = found.lower[picked[-1] + 1]
    if "," not in gap or not (opener in _DESCRIPTION_OPENERS or picked[-1] + 1 == at):
        return False
    return not any(hit.kind == "claim" and picked[-1] < hit.first < at for hit in stretch.hits)


def _describes_subject(text: str, stretch: Stretch, verb: Hit, at: int) -> bool:
    """Whether the figure (word ``at``) is in an aside about the speaker before the verb.

    "Jo Doe, who has sold more than $1 billion in homes, said": the writer's words.
    """
    found = stretch.words
    close = verb.first - 1
    if close < at or "," not in text[found.ends[close]:found.starts[verb.first]]:
        return False
    for index in range(at - 1, max(0, at - _ASIDE_WORDS), -1):
        gap = text[found.ends[index - 1]:found.starts[index]]
        if "," in gap and gap != ",":
            named = found.surface[index - 1][:1].isupper() or found.lower[index - 1].isdigit()
            return found.lower[index] in _ASIDE_ABOUT_SUBJECT and named and \
                not any(hit.kind == "claim" and index < hit.first < close for hit in stretch.hits)
        if _CLAUSE_OR_QUOTE.search(gap):
            return False
    return False


# Words opening an aside about the speaker before the verb: "Jo Doe, who ...", "Jo Doe,
# one of three lawyers ...", "Acme, which runs ..." (not "The survey, conducted among ...").
_ASIDE_ABOUT_SUBJECT = frozenset({"who", "whose", "who's", "which", "a", "an", "the", "one"})


def _counts_speakers(text: str, stretch: Stretch, verb: Hit, start: int, end: int,
                     vocab: SpeakerWords) -> bool:
    """Whether the figure counts those who speak: "[[three]] top brokers say prices ...".

    The words from the figure to the verb are a noun phrase of people: no function
    word, no punctuation but the full stops of an initialism ("U.S."); the figure
    opens it, not the object of a verb or a preposition ("wounding dozens opposition
    activists said", "in the last 48 hours military sources said").
    """
    found = stretch.words
    at = found.first_after(end)
    opening = found.last_before(start)
    while opening >= 0 and found.lower[opening] in _QUALIFYING:
        opening -= 1
    if opening >= 0 and (found.lower[opening] in _PREPOSITIONS or any(
            hit.kind in ("event", "attack") and hit.stop == opening + 1 for hit in stretch.hits)):
        return False
    stop = verb.first
    if "," in text[found.ends[stop - 1]:found.starts[stop]]:  # "Two officials, asking ..., said"
        stop = next((index + 1 for index in range(stop - 2, max(at - 1, stop - _ASIDE_WORDS), -1)
                     if "," in text[found.ends[index]:found.starts[index + 1]]), stop)
    if not 0 < stop - at <= _SUBJECT_WORDS or \
            _QUOTE_OR_BREAK.search(text, found.ends[at - 1], found.starts[at]):
        return False
    for index in range(at, stop):
        word = found.surface[index]
        if found.lower[index] in vocab.noun_phrase_stop_set and not (
                _acronym(word) or _initial(text, found, index)):
            return False
        gap = text[found.ends[index]:found.starts[index + 1]]
        if (index + 1 < stop or stop == verb.first) and _QUOTE_OR_BREAK.search(gap) and \
                not (gap.strip() == "." and len(word) == 1):
            return False
    head = lemma(found.surface[stop - 1], vocab)
    if vocab.noun_metric.get((head,), "") not in ("people", "troops"):
        return False
    inverted = verb.stop < len(found.lower) and (
        found.lower[verb.stop] in ("the", "a", "an") or found.surface[verb.stop][:1].isupper())
    return not inverted  # "killed 1102 people said the Observatory": the Observatory speaks


#: At most this many words between a figure and the speech verb of those it counts.
_SUBJECT_WORDS = 6


# After a quotation, what may stand before its speech verb: '," said', '," the mayor said'.
_SAID_RIGHT_AFTER = re.compile(r"""[\s,]* (?: [\w.'’-]+ \s+ ){0,4}""", re.VERBOSE)
# Speakers of a quotation: the one who quotes them is named outside it.
_FIRST_PERSON = frozenset({PRONOUN + "we", PRONOUN + "i"})
# Words after the speaker of an inverted attribution: "said one official when asked".
_SPEAKER_ENDS = frozenset({"when", "who", "on", "in", "at", "after", "last", "this", "from"})
# Words before a figure that make it no subject of a speech verb after it ("in the last").
_QUALIFYING = frozenset({"the", "a", "an", "another", "all"})
_PREPOSITIONS = frozenset({"in", "of", "on", "at", "to", "from", "by", "with", "for", "last",
                           "past", "than", "over", "under", "between", "during", "after",
                           "before", "since", "within", "among", "across"})
# Words that open the description of a speaker after "said X,": "who", "a broker who".
_DESCRIPTION_OPENERS = frozenset({"who", "whose", "a", "an", "the", "whom"})
# Punctuation and words that open a clause of its own: ", but according to a poll".
_CLAUSE_BREAK = re.compile(r";|,\s+(?:but|while|whereas|although|though|yet)\b")


def _possessive_source(text: str, found: Words, middle: int,
                       vocab: SpeakerWords) -> str | None:
    """The owner of a data source named before the figure: "the ministry's tally of 500".

    "The Halden group's forecast of a 6% fall" is Halden's; the owner is a name or a role.
    """
    if "'" not in " ".join(found.lower[max(0, middle - _OWNER_REACH + 1):middle + 1]):
        return None  # a cheap reject first: no possessive word within reach
    for index in range(middle, max(-1, middle - _OWNER_REACH), -1):
        if index + 1 < len(found.lower) and found.lower[index].endswith("'s") and \
                found.lower[index + 1] in vocab.source_noun_set:
            return _owner(text, found, index, vocab)
        if index < middle and ";" in text[found.ends[index]:found.starts[index + 1]]:
            return None  # another clause
    return None


#: At most this many words between a possessive source ("the ministry's tally") and the figure.
_OWNER_REACH = 12


def _owner(text: str, found: Words, index: int, vocab: SpeakerWords) -> str | None:
    """The name ending in the possessive word ``index``: "DIHK's", "the health ministry's"."""
    stem = found.lower[index][:-2]
    picked = [index]
    while picked[0] >= 1 and len(picked) < _SPEAKER_WORDS:
        before = picked[0] - 1
        if PHRASE_BREAK.search(text, found.ends[before], found.starts[picked[0]]):
            break
        word = found.lower[before]
        if not (found.surface[before][:1].isupper() or word in vocab.role_modifier_set) or \
                (word in vocab.noun_phrase_stop_set and not (
                    _acronym(found.surface[before]) or _initial(text, found, before))):
            break
        picked.insert(0, before)
    capital = all(found.surface[i][:1].isupper() for i in picked)
    if not capital and stem not in vocab.claimant_role_set:
        return None  # "the city's figures": no body is named
    return _surface(text, found, picked)


def _verbs(hits: list[Hit]) -> list[Hit]:
    """The speech verbs among a stretch's phrases, but not a word of a name ("United States")
    or of an event's phrase ("Total confirmed cases were", "reported deaths")."""
    names = [hit for hit in hits if (hit.kind in _NAMES or hit.kind == "event")
             and hit.stop - hit.first > 1]
    return [hit for hit in hits if hit.kind == "claim"
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
    after = verb.stop
    if after < len(found.lower) and found.lower[after] == "by" and \
            found.lower[verb.stop - 1] in _PASSIVE_SPEECH:
        after += 1  # "the charges were announced by Ann Kim" (but "claimed by" a group)
    return (_speaker(text, found, before, -1, vocab) or _speaker(text, found, after, 1, vocab)
            or _subject_past_aside(text, found, before, vocab))


# Speech verbs whose passive names the speaker after "by": "announced by Ann Kim".
_PASSIVE_SPEECH = frozenset({"announced", "reported", "confirmed", "stated", "estimated",
                             "documented", "recorded", "tallied", "counted", "cited", "quoted",
                             "revealed", "released", "published", "compiled"})


def _subject_past_aside(text: str, found: Words, before: int, vocab: SpeakerWords) -> str | None:
    """The speaker before an aside set off by commas, when nothing else names one.

    "Head of the board, Jo Doe, argued" (the aside is the name), "Jo Doe, a technician
    at Acme, advises" and "The Halden survey, conducted among 900 firms, showed"
    (the name before the aside).
    """
    if before < 0 or before + 1 >= len(found.lower):
        return None
    gap = text[found.ends[before]:found.starts[before + 1]]
    if "," not in gap or _CLAUSE_OR_QUOTE.search(gap):
        return None
    aside = _speaker_words(text, found, before, -1, vocab)
    if aside and len(aside) >= 2 and aside[0] >= 1 and \
            "," in text[found.ends[aside[0] - 1]:found.starts[aside[0]]] and \
            _looks_like_a_person(_surface(text, found, aside), vocab):
        return _surface(text, found, aside)  # ", Jo Doe, argued": the aside is the name
    named = None
    for index in range(before - 1, max(-1, before - 2 * _ASIDE_WORDS), -1):
        gap = text[found.ends[index]:found.starts[index + 1]]
        if _CLAUSE_OR_QUOTE.search(gap):
            break  # a quotation or another clause
        if "," in gap and gap != ",":  # not the comma inside "10,000"
            picked = _speaker_words(text, found, index, -1, vocab)
            name = _speaker_name(text, found, picked, vocab) if picked else None
            if found.lower[index + 1] not in _RELATIVES:
                return name or named
            named = named or name  # "Delta, which expects ..., said"; or an aside before it
    return named


# Punctuation that no aside crosses: a quotation, another clause (a full stop inside a
# sentence is that of a short form: "the Illinois Dept. of Public Health").
_CLAUSE_OR_QUOTE = re.compile(r"""[;:()\[\]!?"“”]""")


# Words opening a relative clause inside an aside: "Jo Doe, head of Acme, which has ..., said".
_RELATIVES = frozenset({"which", "who", "whose", "where", "whom"})


#: At most this many words in an aside between a speaker and the speech verb.
_ASIDE_WORDS = 14


# Words between a speaker and the speech verb: "the firm also said".
_BETWEEN_SUBJECT_AND_VERB = frozenset({"also", "has", "have", "had", "later", "previously",
                                       "recently", "further", "then", "earlier", "again",
                                       "separately", "additionally", "reportedly",
                                       "now", "last", "week", "on", "monday", "tuesday",
                                       "wednesday", "thursday", "friday", "saturday", "sunday",
                                       "yesterday", "today"})


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
        if found.surface[index + 1][:1].islower() and gap.strip() == ".":
            gap = " "  # the full stop of a short form: "Acme Co. on Monday announced"
        if _QUOTE_OR_BREAK.sub("", gap.replace(",", "")) != gap.replace(",", ""):
            return None  # '..., the home is from France," says X': the word before is quoted
        apposition = "," in gap
    picked = _speaker_words(text, found, index, step, vocab)
    if not picked:
        return None
    if step == -1 and picked[0] >= 3 and \
            tuple(found.lower[picked[0] - 2:picked[0]]) in _HOME_OF_A_BODY:
        # "the Harbour Watch Monitor based in Lisbon said": the body, not its home
        return _speaker(text, found, picked[0] - 3, step, vocab)
    before = picked[0] - 1 - (picked[0] >= 1 and found.lower[picked[0] - 1] == "the")
    if step == -1 and not apposition and before >= 1 and found.lower[before] == "in" and \
            not _QUOTE_OR_BREAK.search(text, found.ends[before - 1], found.starts[before]) and \
            _is_place(found, picked, vocab):  # the cheap tests first
        # "the health ministry in Gaza said": the body, with its place
        body = _speaker_words(text, found, before - 1, step, vocab)
        return _body_in(_speaker(text, found, before - 1, step, vocab),
                        _surface(text, found, picked), vocab,
                        at_start=bool(body) and body[0] == 0)
    if step == -1 and picked[0] >= 1 and found.lower[picked[0] - 1] in _POSSESSIVES and \
            not all(found.surface[i][:1].isupper() for i in picked):
        return PRONOUN + _POSSESSIVES[found.lower[picked[0] - 1]]  # "its president said"
    if apposition:  # "Dr. Jane Roe, the bureau's director, said": the name, else nobody
        if all(found.surface[i][:1].isupper() for i in picked):
            return None
        named = _name_before_apposition(text, found, picked[0])
        return _speaker_name(text, found, named, vocab) if named else None
    name = _speaker_name(text, found, picked, vocab)
    if name is not None and name.lower().split()[-1] in _GENERIC_BODIES and \
            _indefinite(found, picked[0]):
        return NEW + name  # "a study found", "one survey suggests": not the one named before
    return _named_plainly(name)


def _named_plainly(name: str | None) -> str | None:
    """A speaker's name without a word that only says it is new before a capitalised name.

    >>> _named_plainly("recent Harbor Post-Ipsos"), _named_plainly("new study")
    ('Harbor Post-Ipsos', 'new study')
    """
    if name is None:
        return None
    words = name.split()
    while len(words) > 1 and words[0] in _FRESH and words[1][:1].isupper():
        words.pop(0)
    return " ".join(words)


def _is_place(found: Words, picked: list[int], vocab: SpeakerWords) -> bool:
    """Whether the words ``picked`` are one place name of the vocabulary or gazetteer."""
    if not all(found.surface[i][:1].isupper() for i in picked):
        return False
    return any(hit.kind in ("place", "country") and hit.first == picked[0]
               and hit.stop == picked[-1] + 1 for hit in vocab.phrases.find(found))


def _body_in(body: str | None, place: str, vocab: SpeakerWords, *,
             at_start: bool) -> str | None:
    """The speaker "X in PLACE": a role takes the place before it ("Gaza health ministry",
    "Ohio officials"; the capital of a sentence's first word dropped), a name stays as it
    is ("Acme"); with no body named, nobody ("families in London said"), never the place.
    """
    if body is None or body.startswith((PRONOUN, NEW)):
        return body
    words = body.split()
    while len(words) > 1 and words[0].isdigit():
        words.pop(0)  # a dateline's day and year: "October 31 2014 Activists in Lagos"
        at_start = True
    if words[-1].lower() not in vocab.claimant_role_set:
        return " ".join(words)
    if at_start and words[0][1:].islower():
        words[0] = words[0].lower()  # "Health officials in Ohio said"
    return " ".join([place, *words])


# Words between a body and where it is based: "a group based in London said".
_HOME_OF_A_BODY = frozenset({("based", "in"), ("headquartered", "in")})


def _indefinite(found: Words, first: int) -> bool:
    """Whether the words before word ``first`` make it new: "a new study", "one poll"."""
    index = first - 1
    while index >= 0 and found.lower[index] in _FRESH:
        index -= 1
    return index >= 0 and found.lower[index] in ("a", "an", "one", "another")


# Words between "a" and a source that is new: "a new study", "one recent poll".
_FRESH = frozenset({"new", "latest", "recent", "annual", "final", "official", "preliminary",
                    "initial", "weekly", "daily", "monthly", "separate", "small", "large"})


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
        if word.replace(",", "").replace(".", "").isdigit() and _standalone(text, found, index):
            if picked or not _YEAR.fullmatch(word):
                break  # a number ends a name: "according to the Firat News Agency 10 IS militants"
            index += step  # and a year before one is no part of it: "a 2019 Brookings study"
            continue
        connects = bool(picked) and word in _CONNECTORS and _capital(found, index + step) \
            and _capital(found, picked[-1])  # "Bureau of Prisons", "Centers for Disease Control"
        if word in vocab.noun_phrase_stop_set and not (
                _acronym(found.surface[index]) or _initial(text, found, index)) and \
                not connects:
            break
        picked.append(index)
        left, right = (index, index + 1) if step == 1 else (index - 1, index)
        if left >= 0 and right < count and \
                _QUOTE_OR_BREAK.search(text, found.ends[left], found.starts[right]) and \
                not _initial(text, found, left) and not _title_stop(text, found, left, vocab):
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
        titled = [at for at, word in enumerate(lowers[:-1]) if word.rstrip(".") in
                  vocab.name_title_set and lowers[at + 1] not in _CONNECTORS]
        if titled:  # "Dr. Jeffrey Allen", "New York Gov. Andrew Cuomo": the name after
            picked, lowers = picked[titled[-1] + 1:], lowers[titled[-1] + 1:]
        if len(picked) > 2 and lowers[0] in _MOUTHPIECES and lowers[1] in ("for", "of"):
            picked = picked[2:]  # "Spokespeople for Acme and Zenit": the companies
        if len(picked) == 1 and lowers[-1] in vocab.claimant_role_set and \
                found.surface[picked[0]][1:].islower() and _opens_sentence(text, found, picked[0]):
            return lowers[-1]  # a role capitalised as its sentence's first word: "Officials said"
        return _surface(text, found, picked)
    if capital[-1] and not all(capital) and len(picked) > 1 and (capital[-2] or (
            lowers[-2] in vocab.claimant_role_set and lowers[-2] not in vocab.source_noun_set
            and lowers[-1].rstrip(".") not in vocab.name_title_set)):  # "news agency SANA"
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
    first = 0
    while first < last and lowers[first].rstrip(".") in vocab.name_title_set:
        first += 1  # "Gov. J.B. Pritzker's office"
    return _surface(text, found, picked[first:last + 1])


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


_YEAR = re.compile(r"(?:19|20)\d\d")


def _standalone(text: str, found: Words, index: int) -> bool:
    """Whether word ``index`` stands apart from its neighbours (not the "19" of "COVID-19")."""
    before = text[found.ends[index - 1]:found.starts[index]] if index else " "
    after = text[found.ends[index]:found.starts[index + 1]] if index + 1 < len(found.starts) \
        else " "
    return before.strip() == "" and before != "" and (after.strip() in ("", ",") and after != "")


def _opens_sentence(text: str, found: Words, index: int) -> bool:
    """Whether word ``index`` is the first of its sentence or line (after quote marks)."""
    before = text[found.ends[index - 1] if index else max(0, found.starts[index] - 3):
                  found.starts[index]]
    return index == 0 or "\n" in before or before.rstrip(" \t\"“”'‘’")[-1:] in (".", "!", "?")


def _title_stop(text: str, found: Words, index: int, vocab: SpeakerWords) -> bool:
    """Whether word ``index`` is a title with its full stop before a name: "Dr. Amal Haddad",
    "Gen. Mark Milley"."""
    return found.lower[index] in vocab.name_title_set and index + 1 < len(found.starts) and \
        found.surface[index][:1].isupper() and found.surface[index + 1][:1].isupper() and \
        text[found.ends[index]:found.starts[index + 1]].strip() == "."


def _initial(text: str, found: Words, index: int) -> bool:
    """Whether word ``index`` is a capital initial and its full stop: "Jo S. Vance"."""
    word = found.surface[index]
    return len(word) == 1 and word.isupper() and index + 1 < len(found.starts) and \
        text[found.ends[index]:found.starts[index + 1]].strip() == "."


def _acronym(word: str) -> bool:
    """Whether a word is written in capitals ("US", "WHO", the "S" of "Philip S. Doe": a
    name, though its lower case is a stop word); a capital "A" is the article.

    >>> _acronym("US"), _acronym("S"), _acronym("A"), _acronym("Us")
    (True, True, False, False)
    """
    return word.isupper() and word != "A"


def _capital(found: Words, index: int) -> bool:
    """Whether word ``index`` exists and starts with a capital."""
    return 0 <= index < len(found.lower) and found.surface[index][:1].isupper()


def _surface(text: str, found: Words, picked: list[int]) -> str:
    """The text of words ``picked`` as written, without a closing possessive."""
    surface = text[found.starts[picked[0]]:found.ends[picked[-1]]]
    return " ".join(word[:-2] if word.endswith(_POSSESSIVE_ENDS) else word
                    for word in surface.split())


# A possessive before a role points back to its owner: "its president", "his office".
_POSSESSIVES = {"its": "it", "their": "they", "his": "he", "her": "she"}
# Who speaks for a body that is the claimant: "a spokesman for Acme".
_MOUTHPIECES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen",
                          "spokeswomen", "representative", "representatives"})
# Words before a speaker's name after "according to": "a February report by X".
_LEADING = frozenset({"the", "a", "an", "new", "latest", "recent", "annual", "final",
                      "official",
                      "preliminary", "initial", "january", "february", "march", "april", "may",
                      "june", "july", "august", "september", "october", "november", "december",
                      "last", "weekly", "daily", "monthly", "one", "two", "three", "four",
                      "five", "six", "seven", "eight", "nine", "ten", "several", "some",
                      "many"})
# Sources that name nobody: "according to reports", "according to figures".
_NOBODY = frozenset({"reports", "report", "figures", "data", "statistics", "estimates",
                     "document", "documents",
                     "numbers", "records", "media reports", "local reports"})
#: At most this many words name a speaker.
_SPEAKER_WORDS = 8
# Lower-case words inside a name: "Bureau of Prisons", "Centers for Disease Control and Prevention".
_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "de", "du", "al"})
# Punctuation or a quotation mark between two words: they are not one name.
_QUOTE_OR_BREAK = re.compile(r"""[,;:()\[\].!?&"“”—–]""")
# The ending of a possessive word: "Acme's", "Acme’s".
_POSSESSIVE_ENDS = ("'s", "’s")


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
    def compared_with_place_ends(self) -> frozenset[str]: ...

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
    # The names a place may be inside: only one of two words or more holds another.
    spans = [(hit.first, hit.stop) for hit in hits
             if hit.kind in _HOLDERS and hit.stop - hit.first > 1]
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
    the figure (see ``place_name``); ``spans`` are the names it may be inside."""
    if any(lo < hit.stop and hit.first < hi and hi - lo > hit.stop - hit.first
           for lo, hi in spans):
        return None
    if vocab is None:
        return hit.kind
    after = found.surface[hit.stop] if hit.stop < len(found.surface) else ""
    if after in vocab.name_after_place_set:
        return None
    before = tuple(found.lower[max(0, hit.first - 2):hit.first])
    if after.lower() in vocab.country_of_body_after_set or \
            before in vocab.country_of_body_before_keys:
        return None  # a body's home ("a London-based group", "based in London")
    if hit.kind != "country":
        return hit.kind
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
    if stop == 0 or found.lower[stop - 1] not in vocab.compared_with_place_ends:
        return False  # a cheap reject first: no comparison ends here
    return any(tuple(found.lower[stop - size:stop]) in vocab.compared_with_place_keys
               for size in (1, 2, 3) if stop >= size)


# Words between a comparison and the place compared with: "after those of the".
_COMPARED_FILLERS = frozenset({"the", "those", "that", "of", "in"})


def _looks_like_a_person(name: str, vocab: SpeakerWords) -> bool:
    """Whether a claimant reads as a person's name ("Jane Doe"), not a body or a role."""
    parts = name.split()
    return all(part[:1].isupper() for part in parts) and not name.isupper() and \
        not any(part.lower() in vocab.claimant_role_set for part in parts) and 2 <= len(parts) <= 4


# Bodies a sentence names by their kind, meaning the one named before ("the company said").
_GENERIC_BODIES = frozenset({"company", "firm", "companies", "firms", "group", "organization",
                             "organisation", "agency", "survey", "report", "study",
                             "association", "chain", "retailer", "automaker", "carmaker",
                             "bank", "lender", "insurer", "airline", "startup", "giant"})
