"""figures: check the numbers in the news against each other."""

__version__ = "0.1.0"
