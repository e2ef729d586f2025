"""How a rule file's problems read: pydantic's errors as ``path:line: rule-id: field: message``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError


def validation_problems(path: str, line_of: Any, data: dict[str, Any], err: ValidationError,
                        checks: tuple[str, ...], fields: set[str]) -> list[str]:
    """Every problem of a file that failed validation, in line order, duplicate ids included.

    ``checks`` are the check kinds and ``fields`` every field name of the language (for
    "did you mean"); ``line_of`` maps a location in ``data`` to its line in the file.
    """
    problems = _one_per_field(
        _problem(path, line_of, data, error, checks, fields)
        for error in sorted(err.errors(), key=_pattern_errors_first))
    problems += duplicate_ids(path, line_of, data)
    return sorted(problems, key=_line_order)


def _pattern_errors_first(error: Any) -> int:
    """Of a union's errors for one field ('ten' is neither a number nor "10%"), the
    pattern message says best what was expected."""
    return 0 if error["type"] == "string_pattern_mismatch" else 1


def _one_per_field(problems: Iterable[str]) -> list[str]:
    """Keep the first message for each ``path:line: rule: field`` (a union fails per branch)."""
    kept: dict[str, str] = {}
    for problem in problems:
        head = problem.rsplit(": ", 1)[0] if problem.count(": ") >= 3 else problem
        where = ": ".join(head.split(": ")[:3])
        kept.setdefault(where, problem)
    return list(kept.values())


_LINE = re.compile(r":(\d+): ")


def _line_order(problem: str) -> tuple[int, str]:
    found = _LINE.search(problem)
    return (int(found[1]) if found else 0, problem)


def duplicate_ids(path: str, line_of: Any, data: dict[str, Any]) -> list[str]:
    """Each rule id used again in one file, at the line of the later use."""
    problems: list[str] = []
    seen: dict[str, int | None] = {}
    rules = data.get("rules")
    for index, rule in enumerate(rules if isinstance(rules, list) else []):
        rule_id = rule.get("id") if isinstance(rule, dict) else None
        if not isinstance(rule_id, str):
            continue
        line = line_of(("rules", index, "id"))
        if rule_id in seen:
            problems.append(f"{path}:{line}: {rule_id}: id: duplicate rule id (first defined "
                            f"at line {seen[rule_id]})")
        else:
            seen[rule_id] = line
    return problems



_CROSS_FIELD = re.compile(r"^(?P<field>[a-z_]+): (?P<message>.*)$", re.DOTALL)


def _problem(path: str, line_of: Any, data: dict[str, Any], error: Any,
             checks: tuple[str, ...], fields: set[str]) -> str:
    """One pydantic error as ``path:line: rule-id: field: message``."""
    loc = list(error["loc"])
    rule_id = "-"
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rules = data.get("rules")
        rule = rules[loc[1]] if isinstance(rules, list) and loc[1] < len(rules) else None
        found = rule.get("id") if isinstance(rule, dict) else None
        rule_id = found if isinstance(found, str) and found else f"rules[{loc[1]}]"
        if len(loc) >= 3 and loc[2] in checks:
            del loc[2]  # the discriminator's branch is not a field of the file
        field_loc = loc[2:]
    else:
        field_loc = loc
    message = error["msg"].removeprefix("Value error, ")
    kind = error["type"]
    if kind == "value_error" and (cross := _CROSS_FIELD.match(message)):
        field_loc = [*field_loc, cross["field"]]
        message = cross["message"]
    if kind == "union_tag_invalid":
        field_loc = [*field_loc, "check"]
        message = f"unknown check {error['input'].get('check')!r}; expected one of: " + \
            ", ".join(checks)
    elif kind == "union_tag_not_found":
        field_loc = [*field_loc, "check"]
        message = "missing; expected one of: " + ", ".join(checks)
    elif kind == "extra_forbidden":
        unknown = str(field_loc[-1]) if field_loc else ""
        close = difflib.get_close_matches(unknown, sorted(fields), n=1)
        message = "unknown field" + (f"; did you mean {close[0]!r}?" if close else "")
    elif kind == "missing":
        message = "required field is missing"
    elif kind == "string_pattern_mismatch" or (
            kind == "string_type" and field_loc and field_loc[-1] in ("within", "id")):
        message = _pattern_message(field_loc, error)  # `within: 30` says how to write a span
    line_loc = tuple(loc[:2]) + tuple(field_loc) if rule_id != "-" else tuple(field_loc)
    line = line_of(line_loc) or 1
    field = _field_text(field_loc)
    return f"{path}:{line}: {rule_id}: {field or '-'}: {message}"


#: Names pydantic puts in an error location for the branch of a union that failed.
_BRANCH_NAMES = ("float", "str", "list[str]", "constrained-str", "constrained-float")


def _field_text(loc: list[Any]) -> str:
    """``select.metric[1]`` from a location, leaving out pydantic's union-branch names."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part in _BRANCH_NAMES or "[" in str(part) \
                or str(part).startswith(("function-", "literal", "lax-or-strict")):
            continue
        else:
            text += f".{part}" if text else str(part)
    return text


def _pattern_message(loc: list[Any], error: Any) -> str:
    field = next((str(p) for p in reversed(loc) if isinstance(p, str) and p.isidentifier()), "")
    got = error.get("input")
    if field == "id":
        return f"{got!r} is not kebab-case (lower-case words joined by '-')"
    if field == "within":
        return f"{got!r} is not a time span; write days or weeks: \"30d\", \"6w\""
    return f"{got!r} is not a number or a percentage such as \"10%\""
