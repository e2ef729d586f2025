"""The exceptions figures raises; only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class FiguresError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(FiguresError):
    """A corpus, manifest or column mapping cannot be read as asked (CLI exit 2)."""


class VocabularyError(FiguresError):
    """A packaged vocabulary file is malformed (a bug in figures, not in the user's input)."""


class RuleFileError(FiguresError):
    """One or more rule files are invalid; ``problems`` holds one line per error.

    Each problem reads ``path:line: rule-id: field: message``.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
