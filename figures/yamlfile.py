"""Read YAML data and rule files safely, keeping the line of every key and item.

Duplicate keys are errors (ruamel.yaml raises them with a line number) and
tags (``!!python/object``, ``!foo``) are refused: a data file never constructs
objects or runs code.

Limits that hold by construction, so no file can hang or crash the loader:

- aliases (``*name``) are bounded, not refused: a file may reuse a block, but the
  data it expands to has at most ``MAX_NODES`` values (lists, mappings and
  scalars, each copy counted), so a "billion laughs" file is an error at the
  line where it passes the bound, never an expansion (merge keys ``<<: *name``
  count the same way);
- nesting is at most ``MAX_DEPTH`` levels of lists and mappings;
- an integer has at most ``MAX_DIGITS`` digits; a control character or an
  unreadable value is reported at its own line.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarfloat import ScalarFloat
from ruamel.yaml.scalarint import ScalarInt

from figures.yamldoc import Loc, YamlDocument, YamlProblem

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "MAX_NODES", "Loc", "YamlDocument", "YamlProblem",
           "load_yaml", "load_yaml_all_problems"]

#: Levels of nested lists and mappings a file may have (a rule file needs about 6).
MAX_DEPTH = 40
#: Values (lists, mappings, scalars) a file may expand to, aliases expanded.
MAX_NODES = 20_000
#: Digits an integer may have (Python refuses to convert more than 4,300).
MAX_DIGITS = 100

# Characters YAML does not allow in a stream (kept in sync with ruamel.yaml's Reader):
# C0 controls except tab and newlines, DEL, C1 controls except NEL, surrogates, U+FFFE/F.
# Listed, where ruamel.yaml writes the complement ("[^\x09\x0A...\U0010FFFF]"): the same
# characters (a test compares the two over all of Unicode), compiled 10x faster (0.4 ms
# against 4.5 ms a process: re builds a 64K-entry map for the negated form).
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]")
# An integer scalar too long to be a count: digits (with _ separators) past MAX_DIGITS.
_LONG_INTEGER = re.compile(rf"^[-+]?[0-9_]{{{MAX_DIGITS + 1},}}$")


class _Budget:
    """How many more values the plain data may hold (aliases expand into copies)."""

    def __init__(self, left: int) -> None:
        self.left = left

    def spend(self, name: str, line: int | None) -> None:
        self.left -= 1
        if self.left < 0:
            raise YamlProblem(name, line, f"the file expands to more than {MAX_NODES} values "
                              "(YAML aliases repeat what they point at); write it out smaller")


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
    if bad := _NOT_PRINTABLE.search(text):
        raise YamlProblem(name, text.count("\n", 0, bad.start()) + 1,
                          f"control character U+{ord(bad[0]):04X} is not allowed"
                          " (write it as an escape in a double-quoted string)")
    yaml = _yaml()
    try:
        root = yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        at: int | None = mark.line + 1 if mark is not None else None
        message = " ".join(str(part) for part in (err.context, err.problem) if part)
        message = message.split("\n")[0] if message else "invalid YAML"
        if "maximum depth" in message:
            message = f"nested more than {MAX_DEPTH} levels deep"
        raise YamlProblem(name, at, message) from err
    except ReaderError as err:  # caught above for str input; kept for a stream
        raise YamlProblem(name, None, f"unreadable character: {err.reason}") from err
    except YAMLError as err:
        raise YamlProblem(name, None, f"invalid YAML: {err}") from err
    except (ValueError, TypeError) as err:
        # A scalar that resolves to a timestamp but is no day (2020-13-01), or an integer
        # too long to convert, fails while being constructed, without a mark: find it to
        # name its line.
        line, value = _unconstructible_scalar(_yaml(), text)
        if value is not None and _LONG_INTEGER.match(value):
            raise YamlProblem(name, line, f"an integer of {len(value)} digits is too long "
                              f"(at most {MAX_DIGITS})") from err
        what = f"{value!r} is not a valid date: " if value is not None else "invalid value: "
        raise YamlProblem(name, line, f"{what}{err}") from err
    except RecursionError as err:  # not expected under MAX_DEPTH; never a traceback
        raise YamlProblem(name, None, f"nested too deeply (at most {MAX_DEPTH} levels)") from err
    lines: dict[Loc, int] = {(): 1}
    data = _plain(root, (), lines, name, _Budget(MAX_NODES))
    return YamlDocument(name, data, lines)


def _yaml() -> YAML:
    """A round-trip loader that keeps lines, refuses duplicate keys and aliases, bounds depth."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    return yaml


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
        problem = first
        if text is None:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None, [problem]
        if _NOT_PRINTABLE.search(text):
            return None, [problem]
    else:
        return document, []
    yaml = _yaml()  # the same depth limit; the expansion is bounded by a budget below
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = " ".join(str(part) for part in (err.context, err.problem) if part)
        if "maximum depth" in message:
            return None, [problem]
        return None, [YamlProblem(name, mark.line + 1 if mark is not None else None,
                                  message.split("\n")[0] if message else "invalid YAML")]
    except YAMLError as err:
        return None, [YamlProblem(name, None, f"invalid YAML: {err}")]
    except RecursionError:
        return None, [problem]
    problems: list[YamlProblem] = []
    lines: dict[Loc, int] = {(): 1}
    try:
        data = _node_data(yaml, root, (), lines, name, problems, set(), _Budget(MAX_NODES))
    except YamlProblem:  # past the expansion budget: load_yaml named where, once
        return None, [problem]
    return YamlDocument(name, data, lines), problems


def _node_data(yaml: YAML, node: Any, loc: Loc, lines: dict[Loc, int], name: str,
               problems: list[YamlProblem], seen: set[int], budget: _Budget) -> Any:
    """Plain data of a composed node, collecting its problems (see load_yaml_all_problems)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    budget.spend(name, line)
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
                                  seen | {id(node)}, budget)
        return out
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1
            items.append(_node_data(yaml, item, (*loc, index), lines, name, problems,
                                    seen | {id(node)}, budget))
        return items
    if tag == f"{_YAML_TAG}int" and _LONG_INTEGER.match(str(node.value)):
        problems.append(YamlProblem(name, line, f"an integer of {len(str(node.value))} digits "
                                    f"is too long (at most {MAX_DIGITS})", loc))
        return str(node.value)
    try:
        value = yaml.constructor.construct_object(node, deep=True)
    except (ValueError, TypeError) as err:
        what = "is not a valid date" if tag == f"{_YAML_TAG}timestamp" else "is not valid"
        problems.append(YamlProblem(name, line, f"{node.value!r} {what}: {err}", loc))
        return str(node.value)
    try:
        return _plain(value, loc, lines, name, budget)
    except YamlProblem as err:
        problems.append(YamlProblem(name, line, err.message, loc))
        return str(node.value)


def _unconstructible_scalar(yaml: YAML, text: str) -> tuple[int | None, str | None]:
    """Line (1-based) and text of the first scalar that cannot be built: a timestamp that is
    no real date, or an integer too long to convert."""
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
                getattr(node.tag, "value", node.tag) == f"{_YAML_TAG}int" and \
                _LONG_INTEGER.match(str(node.value)):
            return node.start_mark.line + 1, str(node.value)
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


def _plain(node: Any, loc: Loc, lines: dict[Loc, int], name: str, budget: _Budget) -> Any:
    """Convert ruamel's round-trip nodes to plain Python, recording lines; refuse tags."""
    budget.spend(name, lines.get(loc[:1]))  # an alias' copies keep the lines of their anchor
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
            out[text_key] = _plain(node[key], (*loc, text_key), lines, name, budget)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            if index in (node.lc.data or {}):
                lines[(*loc, index)] = node.lc.item(index)[0] + 1
            items.append(_plain(item, (*loc, index), lines, name, budget))
        return items
    if isinstance(node, ScalarBoolean):
        return bool(node)
    if isinstance(node, int) and not isinstance(node, bool) and abs(node) >= 10**MAX_DIGITS:
        raise YamlProblem(name, lines.get(loc), f"an integer of more than {MAX_DIGITS} "
                          "digits is too long")
    if isinstance(node, ScalarInt):
        return int(node)
    if isinstance(node, ScalarFloat):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if not isinstance(node, int | float | bool | date | datetime) and node is not None:
        raise YamlProblem(name, lines.get(loc), f"{type(node).__name__} values are not allowed")
    return node
