"""What reading a YAML file gives: the plain data with its lines, or the problem.

The types alone, without the parser (``figures.yamlfile``, which imports ruamel.yaml):
a vocabulary read back from the disk cache (``figures.vocab``) is a YamlDocument too,
and a run that finds every file in the cache never imports the parser (10 ms).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Where a value is in a document: the keys and list indexes leading to it.
Loc = tuple[str | int, ...]


class YamlProblem(Exception):
    """A YAML file that cannot be read; ``line`` is 1-based or None."""

    def __init__(self, path: str, line: int | None, message: str, loc: Loc = ()):
        self.path, self.line, self.message, self.loc = path, line, message, loc
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class YamlDocument:
    """Plain data (dicts, lists, scalars) plus the line where each location starts."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int | None:
        """Line of ``loc`` or of its nearest enclosing location that has one."""
        for cut in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:cut]))
            if line is not None:
                return line
        return None
