"""Read YAML data and rule files safely, keeping the line of every key and item.

Duplicate keys are errors (ruamel.yaml raises them with a line number) and
tags (``!!python/object``, ``!foo``) are refused: a data file never constructs
objects or runs code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarfloat import ScalarFloat
from ruamel.yaml.scalarint import ScalarInt

Loc = tuple[str | int, ...]


class YamlProblem(Exception):
    """A YAML file that cannot be read; ``line`` is 1-based or None."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
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


def load_yaml(path: str | Path, text: str | None = None) -> YamlDocument:
    """Parse ``path`` (or ``text`` named ``path``) into a YamlDocument.

    Raises YamlProblem for syntax errors, duplicate keys and tags.
    """
    name = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            problem = f"not UTF-8 text ({err.reason} at byte {err.start})"
            raise YamlProblem(name, None, problem) from err
        except OSError as err:
            raise YamlProblem(name, None, f"cannot read file: {err.strerror}") from err
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        root = yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(str(part) for part in (err.context, err.problem) if part)
        message = message.split("\n")[0] if message else "invalid YAML"
        raise YamlProblem(name, line, message) from err
    except YAMLError as err:
        raise YamlProblem(name, None, f"invalid YAML: {err}") from err
    except (ValueError, TypeError) as err:
        # A scalar that resolves to a timestamp but is no day (2020-13-01) fails while
        # being constructed, without a mark: find it to name its line.
        line, value = _unconstructible_scalar(yaml, text)
        what = f"{value!r} is not a valid date: " if value is not None else "invalid value: "
        raise YamlProblem(name, line, f"{what}{err}") from err
    lines: dict[Loc, int] = {(): 1}
    data = _plain(root, (), lines, name)
    return YamlDocument(name, data, lines)


def _unconstructible_scalar(yaml: YAML, text: str) -> tuple[int | None, str | None]:
    """Line (1-based) and text of the first timestamp scalar that is no real date."""
    try:
        pending = [yaml.compose(text)]
    except (YAMLError, ValueError, TypeError):
        return None, None
    seen: set[int] = set()  # an alias may point back at its own anchor
    while pending:
        node = pending.pop(0)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            pending[:0] = [part for pair in node.value for part in pair]
        elif isinstance(node, SequenceNode):
            pending[:0] = list(node.value)
        elif isinstance(node, ScalarNode) and \
                getattr(node.tag, "value", node.tag) == f"{_YAML_TAG}timestamp":
            try:
                yaml.constructor.construct_yaml_timestamp(node)
            except (ValueError, TypeError):
                return node.start_mark.line + 1, str(node.value)
    return None, None


_YAML_TAG = "tag:yaml.org,2002:"
_CORE_TAGS = frozenset(
    f"{_YAML_TAG}{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


def _plain(node: Any, loc: Loc, lines: dict[Loc, int], name: str) -> Any:
    """Convert ruamel's round-trip nodes to plain Python, recording lines; refuse tags."""
    tag = getattr(node, "tag", None)
    tag_value = getattr(tag, "value", None) if tag is not None else None
    if tag_value is not None and tag_value not in _CORE_TAGS:
        raise YamlProblem(name, lines.get(loc), f"YAML tag {tag_value!r} is not allowed here")
    if isinstance(node, TaggedScalar):
        return str(node.value)
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key in node:
            if isinstance(key, CommentedMap | CommentedSeq | list | tuple | dict):
                raise YamlProblem(name, lines.get(loc), "a mapping key must be a plain scalar")
            text_key = key if isinstance(key, str) else str(key)
            line = node.lc.key(key)[0] + 1 if key in (node.lc.data or {}) else lines.get(loc)
            if line is not None:
                lines[(*loc, text_key)] = line
            out[text_key] = _plain(node[key], (*loc, text_key), lines, name)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            if index in (node.lc.data or {}):
                lines[(*loc, index)] = node.lc.item(index)[0] + 1
            items.append(_plain(item, (*loc, index), lines, name))
        return items
    if isinstance(node, ScalarBoolean):
        return bool(node)
    if isinstance(node, ScalarInt):
        return int(node)
    if isinstance(node, ScalarFloat):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if not isinstance(node, int | float | bool | date | datetime) and node is not None:
        raise YamlProblem(name, lines.get(loc), f"{type(node).__name__} values are not allowed")
    return node
