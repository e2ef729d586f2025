"""Stage 2, extract: where each figure is in a text and what number it states.

``find_quantities(text, vocab)`` returns ``Quantity`` spans with value, bounds,
qualifier and unit; ``numbers`` holds the tokeniser and number-word reader it uses.
"""

from figures.extract.quantities import NumberVocab, find_quantities, load_number_vocab

__all__ = ["NumberVocab", "find_quantities", "load_number_vocab"]
