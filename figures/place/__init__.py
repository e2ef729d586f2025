"""Stage 3, place: what each figure measures and where it sits in the world.

``place(document, quantities, vocab)`` turns quantities into ``Figure`` records:
metric and noun (``metric``), running totals (``cumulative``), who is quoted, who
acted and where (``context``), the date referred to (``dates``), all read in
sentences split once per document (``sentences``).
"""

from figures.place.desk import DeskVocab, load_desk_vocab
from figures.place.figure import PlaceVocab, load_place_vocab, place

__all__ = ["DeskVocab", "PlaceVocab", "load_desk_vocab", "load_place_vocab", "place"]
