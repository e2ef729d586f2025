"""A desk's own vocabulary: the names, places and cue words of its story, in a YAML file.

The packaged vocabulary knows no single story. A desk that follows one (a war,
an outbreak, an earthquake) writes what its story needs in a file like::

    claimants:                      # one name -> how texts write it
      Gaza health ministry: [Gaza health ministry, Hamas-run health ministry]
    places:
      Khan Younis: [Khan Younis, Khan Yunis]
    events:                         # metric -> cue words
      killed: [martyred]

and names it with ``--vocab FILE``, ``vocab:`` in a rule file's ``corpus:``
block or ``vocab = "..."`` in ``[tool.figures]``. Every key is optional;
unknown keys, unknown metrics and duplicate keys are errors, each reported as
``path:line: field: message``. ``PlaceVocab.extended`` merges it onto the
packaged vocabulary: names gain aliases, lists gain words, and a noun the desk
files under a metric moves there.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from figures.errors import VocabularyFileError
from figures.model import METRICS
from figures.vocab import load_vocab_file


class DeskVocab(BaseModel):
    """A desk vocabulary file: what its story adds to the packaged vocabulary."""

    # Built when first validated: only ``--vocab`` runs read a desk file (4 ms an import).
    model_config = ConfigDict(frozen=True, extra="forbid", title="figures vocabulary file",
                              defer_build=True)

    claimants: dict[str, list[str]] = Field(
        default_factory=dict, description="Claimant name -> how texts write it.")
    actors: dict[str, list[str]] = Field(
        default_factory=dict, description="Actor name -> how texts write it.")
    places: dict[str, list[str]] = Field(
        default_factory=dict, description="Place (city, region) -> how texts write it.")
    countries: dict[str, list[str]] = Field(
        default_factory=dict, description="Country -> how texts write it.")
    not_places: list[str] = Field(
        default_factory=list, description="Gazetteer names that are no places in this story.")
    events: dict[str, list[str]] = Field(
        default_factory=dict, description="Metric -> event words ('killed': [martyred]).")
    nouns: dict[str, list[str]] = Field(
        default_factory=dict, description="Metric -> counted nouns ('aircraft': [gunship]).")
    claim_verbs: list[str] = Field(default_factory=list)
    claimant_roles: list[str] = Field(default_factory=list)
    cumulative_cues: list[str] = Field(default_factory=list)
    brought_to_cues: list[str] = Field(default_factory=list)
    running_total_cues: list[str] = Field(default_factory=list)
    increment_cues: list[str] = Field(default_factory=list)
    hedges: list[str] = Field(default_factory=list)
    war_words: list[str] = Field(default_factory=list)

    @field_validator("events", "nouns")
    @classmethod
    def _known_metrics(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(value) - set(METRICS))
        if unknown:
            raise ValueError(f"not a metric: {', '.join(unknown)} (one of {', '.join(METRICS)})")
        return value


def load_desk_vocab(path: str | Path) -> DeskVocab:
    """Read and validate a desk vocabulary file.

    Raises VocabularyFileError listing every problem as ``path:line: field: message``.
    """
    return load_vocab_file(path, DeskVocab)


__all__ = ["DeskVocab", "VocabularyFileError", "load_desk_vocab"]
