"""Stage 5, rules: the rule language (``language``), rule files (``files``) and their
``path:line`` problems (``problems``).

``load_rules(paths)`` validates rule files into a ``RuleSet``; ``lint`` lists every
problem; ``schema`` is the JSON Schema exported from the models.
"""

from figures.rules.files import (
    RULE_FILE_SUFFIXES,
    LoadedRule,
    RuleFile,
    RuleSet,
    lint,
    lint_warnings,
    load_rules,
    parse_rule_file,
    rule_files,
    schema,
    schema_text,
)
from figures.rules.language import (
    CHECKS,
    RUNNING_TOTAL_CHECKS,
    RUNNING_TOTAL_KEEP_OUT,
    Agree,
    AnyRule,
    Consensus,
    CorpusSource,
    Duration,
    Monotonic,
    PartOf,
    Range,
    Rate,
    Rule,
    RuleFileModel,
    Selection,
    Sum,
    amount_text,
    compile_pattern,
    names,
    span_days,
)

__all__ = [
    "CHECKS", "RULE_FILE_SUFFIXES", "RUNNING_TOTAL_CHECKS", "RUNNING_TOTAL_KEEP_OUT", "Agree",
    "AnyRule", "Consensus", "CorpusSource", "Duration", "LoadedRule",
    "Monotonic", "PartOf", "Range", "Rate", "Rule", "RuleFile", "RuleFileModel", "RuleSet",
    "Selection", "Sum", "amount_text", "compile_pattern", "lint", "lint_warnings", "load_rules",
    "names", "parse_rule_file", "rule_files", "schema", "schema_text", "span_days",
]
