"""Who the figures of a document are attributed to beyond their own sentence.

Helpers of ``figures.place``, fed what ``context.claimant`` read in each figure's
sentence: a figure inside a quotation takes the quotation's speaker ("... within 24
hours," Dr. X said); a speaker who names nobody ("it said", "the company said") is the
last one named before; a bare role takes the place or qualifier the document attaches
to it elsewhere ("the health ministry" after "Gaza's health ministry"); a sentence with
no attribution of its own continues the one before it in its paragraph (and a sentence
opening with "Also," a statement without figures); a transcript's speaker label ("Jane
Doe:") covers what follows it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Protocol

from figures.model import Figure
from figures.place.context import (
    _GENERIC_BODIES,
    NEW,
    NOBODY,
    PRONOUN,
    SpeakerWords,
    Stretch,
    _according,
    _looks_like_a_person,
)
from figures.place.sentences import words


class AliasWords(SpeakerWords, Protocol):
    """The vocabulary who is quoted is settled with (``place.PlaceVocab``)."""

    @property
    def claimant_alias(self) -> dict[str, str]: ...

    @property
    def qualified_role_set(self) -> frozenset[str]: ...


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
    #: Who the sentences without figures quote, by span (``continued``).
    statements: dict[tuple[int, int], str | None] = field(default_factory=dict)
    #: Who speaks around a quotation, by (start, end, first) (``_speaker_near``): the
    #: figures inside one quotation share it.
    speakers: dict[tuple[int, int, bool], str | None] = field(default_factory=dict)

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
        if said == NOBODY:
            return None
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
        if who.startswith(NEW):
            return who[len(NEW):]
        key = _alias_key(who)
        if key in self.vocab.claimant_alias:
            return self.vocab.claimant_alias[key]
        words_ = who.lower().split()
        if words_[-1] in self.vocab.qualified_role_set and \
                all(word in self.vocab.role_modifier_set for word in words_[:-1]):
            role = " ".join(words_)
            named = self._earlier_with(words_[-1], start) or self._qualify(role)
            written = who.split()
            if len(written) > 1 and all(word[:1].isupper() for word in written) \
                    and named.endswith(role):  # a title as written: "Labor Department"
                named = named[:len(named) - len(role)] + " ".join(written)
            return named
        if who.islower() and len(words_) == 1 and who in _GENERIC_BODIES:  # "the company said"
            return self._antecedent("it", start) or self._subject_before(start, who) or who
        if who.islower() and words_[-1] in _GENERIC_BODIES and words_[-1] not in _DOCUMENTS:
            return self._antecedent("it", start, _NEAR_ANAPHORA) or who  # "the real estate firm"
        return who

    def continued(self, spans: list[tuple[int, int]], starts: list[int],
                  sentence: tuple[int, int], prior: Figure | None) -> str | None:
        """The claimant a sentence naming nobody continues: that of the sentence before it,
        in the same paragraph ("The ministry said 1,417 had been killed. Another 6,268 were
        wounded."); ``prior`` is the figure placed last.

        The sentence before may hold no figure ("The firm also said listings rose. In
        April, 7.2% were delisted."): then who it quotes, if anyone.
        """
        at = bisect_right(starts, sentence[0]) - 1
        if at < 1 or "\n" in self.text[spans[at - 1][1]:sentence[0]]:
            return None
        before = spans[at - 1]
        if prior is not None and before[0] <= prior.start < sentence[1]:
            return None if "\n" in self.text[prior.end:sentence[0]] else prior.claimant
        if not _GOES_ON.match(self.text, sentence[0]):
            return None  # "Jo Doe said she was moving. She sold her 12 horses.": the writer's
        if before not in self.statements:
            self.statements[before] = self._statement(before)
        return self.statements[before]

    def _statement(self, sentence: tuple[int, int]) -> str | None:
        """Who a sentence without figures quotes: "The firm also said listings rose."."""
        start = max(sentence[0], sentence[1] - _STATEMENT_CHARS)
        found = words(self.text, start, sentence[1])
        stretch = Stretch(found, self.vocab.phrases.find(found), len(found.lower))
        for verb in stretch.verbs:
            who = (_according(self.text, stretch, verb, self.vocab, len(found.lower))
                   if verb.value == "according to"
                   else stretch.quoted_by(self.text, verb, self.vocab))
            if who is not None:
                return self.resolve(who, sentence[0])
        return None

    def _antecedent(self, pronoun: str, start: int, reach: int = 0) -> str | None:
        """The claimant named last before ``start`` (a person for "he", "she"), at most
        ``reach`` characters back (``_ANAPHORA_REACH`` when 0)."""
        reach = reach or _ANAPHORA_REACH
        person = pronoun in ("he", "she", "his", "her")
        body = pronoun in ("it", "its")
        people = {name for _, name in self.named if _looks_like_a_person(name, self.vocab)}
        surnames = {name.split()[-1] for _, name in self.named
                    if len(name.split()) > 1 and _looks_like_a_person(
                        " ".join(name.split()[-2:]), self.vocab)}
        for offset, name in reversed(self.named):
            if start - offset > reach:
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
        paragraph = max(text.rfind("\n", max(0, start - _QUOTE_REACH), start) + 1,
                        start - _QUOTE_REACH)
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
        if (start, end, first) not in self.speakers:
            self.speakers[start, end, first] = self._read_speaker_near(start, end, first)
        return self.speakers[start, end, first]

    def _read_speaker_near(self, start: int, end: int, first: bool) -> str | None:
        """``_speaker_near``, read from the text."""
        found = words(self.text, start, end)
        if not found.lower:
            return None
        stretch = Stretch(found, self.vocab.phrases.find(found), len(found.lower) + 1)
        for verb in stretch.verbs:
            if (verb.first <= 7) if first else (len(found.lower) - verb.stop <= 6):
                who = (_according(self.text, stretch, verb, self.vocab, len(found.lower))
                       if verb.value == "according to"
                       else stretch.quoted_by(self.text, verb, self.vocab))
                if who is not None:
                    return who
        return None

    def _label(self, start: int) -> str | None:
        """The transcript speaker whose label stands last before ``start``."""
        at = bisect_right(self.label_starts, start) - 1
        return self.labels[at][1] if at >= 0 else None


def _alias_key(name: str) -> str:
    """A name as the alias table is looked up: lower case, words only."""
    return " ".join(word.lower() for word in _ALIAS_WORD.findall(name))


# A word of a name as the alias table spells it: letters and digits.
_ALIAS_WORD = re.compile(r"[^\W_]+")


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
# A sentence that opens by going on with what the sentence before said: "Also, ...".
_GOES_ON = re.compile(r"\W*(?:also|additionally|in\s+addition|further|furthermore|moreover|"
                      r"besides)\b", re.IGNORECASE)
#: At most this many characters at the end of a sentence without figures are read for
#: who it quotes (``Attributions.continued``).
_STATEMENT_CHARS = 400
#: How far back "the real estate firm said" looks for the claimant named before.
_NEAR_ANAPHORA = 600
#: How far back "it said" or "the company said" looks for the claimant named before.
_ANAPHORA_REACH = 2500
#: How far a quotation is followed back and ahead of a figure inside it.
_QUOTE_REACH = 3000
# Documents a body publishes: "the jobs report" is no body named before.
_DOCUMENTS = frozenset({"survey", "report", "study"})
# Capitalised words before a role that are no qualifier of it ("The army", "Its ministry").
_NOT_QUALIFIERS = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "His", "Her",
                             "Our", "Your", "My", "Every", "Each", "No", "And", "But", "Then",
                             "When", "While", "If", "As", "So", "Yet", "Local", "National",
                             "Federal", "Regional", "Provincial", "State", "New", "Former",
                             "Both", "Only", "Later", "Earlier"})
