"""The exceptions figures raises; only the CLI turns them into messages and exit codes.

Every message names where the problem is, ``path:line: message`` when the line is
known (``path: message`` for a whole file), and is one line: control characters
from the input (a newline in a rule id) are shown escaped, so a message can
never split or forge another line of the output.
"""

from __future__ import annotations

import re

# Characters that would break a one-problem-a-line output or hide text in a terminal:
# C0/C1 controls (newline, carriage return, escape), DEL, line/paragraph separators.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with control characters shown as escapes, so it stays one line.

    >>> one_line("bad\\nid\\r\\t!")
    'bad\\\\nid\\\\r\\\\t!'
    """
    return _UNPRINTABLE.sub(lambda found: repr(found[0])[1:-1], text)


class FiguresError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(FiguresError):
    """A corpus, manifest or column mapping cannot be read as asked (CLI exit 2)."""


class VocabularyError(FiguresError):
    """A packaged vocabulary file is malformed (a bug in figures, not in the user's input)."""


class VocabularyFileError(InputError):
    """A desk vocabulary file is invalid; ``problems`` holds ``path:line: field: message`` lines."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class RuleFileError(FiguresError):
    """One or more rule files are invalid; ``problems`` holds one line per error.

    Each problem reads ``path:line: rule-id: field: message``, on one line whatever the
    file holds.
    """

    def __init__(self, problems: list[str]):
        self.problems = [one_line(problem) for problem in problems]
        super().__init__("\n".join(self.problems))
