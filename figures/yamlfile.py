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


def load_yaml_all_problems(path: str | Path, text: str | None = None
                           ) -> tuple[YamlDocument | None, list[YamlProblem]]:
    """Like ``load_yaml``, but every duplicate key, tag and impossible date is collected
    (each with its line and location) instead of stopping at the first: a linter reports
    them all. The document keeps the first of duplicate keys, and refused values as their
    text, so the rest of the file can still be validated. A syntax error stops the parse:
    the document is then None and the error is the one problem.
    """
    name = str(path)
    try:
        document = load_yaml(name, text)
    except YamlProblem as first:
        if text is None:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None, [first]
    else:
        return document, []
    yaml = YAML(typ="rt", pure=True)
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = " ".join(str(part) for part in (err.context, err.problem) if part)
        return None, [YamlProblem(name, mark.line + 1 if mark is not None else None,
                                  message.split("\n")[0] if message else "invalid YAML")]
    except YAMLError as err:
        return None, [YamlProblem(name, None, f"invalid YAML: {err}")]
    problems: list[YamlProblem] = []
    lines: dict[Loc, int] = {(): 1}
    data = _node_data(yaml, root, (), lines, name, problems, set())
    return YamlDocument(name, data, lines), problems


def _node_data(yaml: YAML, node: Any, loc: Loc, lines: dict[Loc, int], name: str,
               problems: list[YamlProblem], seen: set[int]) -> Any:
    """Plain data of a composed node, collecting its problems (see load_yaml_all_problems)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    tag = getattr(node.tag, "value", node.tag)
    if id(node) in seen:  # an alias of an anchor above it
        problems.append(YamlProblem(name, line, "a recursive alias is not allowed", loc))
        return None
    if tag and tag not in _CORE_TAGS:
        problems.append(YamlProblem(name, line, f"YAML tag {tag!r} is not allowed here", loc))
        return str(node.value) if isinstance(node, ScalarNode) else None
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                problems.append(YamlProblem(name, key_line, "a mapping key must be a plain "
                                            "scalar", loc))
                continue
            key = str(key_node.value)
            if key in out:
                problems.append(YamlProblem(
                    name, key_line, f"duplicate key {key!r} (first at line "
                    f"{lines.get((*loc, key))})", (*loc, key)))
                continue
            lines[(*loc, key)] = key_line
            out[key] = _node_data(yaml, value_node, (*loc, key), lines, name, problems,
                                  seen | {id(node)})
        return out
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1
            items.append(_node_data(yaml, item, (*loc, index), lines, name, problems,
                                    seen | {id(node)}))
        return items
    try:
        value = yaml.constructor.construct_object(node, deep=True)
    except (ValueError, TypeError) as err:
        what = "is not a valid date" if tag == f"{_YAML_TAG}timestamp" else "is not valid"
        problems.append(YamlProblem(name, line, f"{node.value!r} {what}: {err}", loc))
        return str(node.value)
    try:
        return _plain(value, loc, lines, name)
    except YamlProblem as err:
        problems.append(YamlProblem(name, line, err.message, loc))
        return str(node.value)


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
