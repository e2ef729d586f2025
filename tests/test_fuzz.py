"""Property-based tests (hypothesis): extraction, the reader and the rule loader on any input.

The default run is small (``max_examples=30`` a property, a few seconds); set
``FIGURES_FUZZ=1`` for a long run (2,000 examples a property), or
``FIGURES_FUZZ=<n>`` for n examples.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figures.errors import FiguresError, InputError, RuleFileError
from figures.extract import find_quantities, load_number_vocab
from figures.read import read_corpus
from figures.rules import parse_rule_file

_FUZZ = os.environ.get("FIGURES_FUZZ", "")
EXAMPLES = int(_FUZZ) if _FUZZ.isdigit() and int(_FUZZ) > 1 else 2000 if _FUZZ else 30
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not _FUZZ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VOCAB = load_number_vocab()

# -- extraction ----------------------------------------------------------------------------------

#: Pieces that make the extractor work: numbers, separators, number words, qualifiers, units.
NUMBERISH = st.sampled_from([
    "0", "1", "7", "12", "220,000", "230000", "1.5", "2.3", ",", ".", "-", "–", " ", "  ", "\n",
    "%", "$", "€", "more than", "at least", "about", "close to", "up to", "nearly", "between",
    "and", "to", "or", "hundreds of", "thousands of", "dozens", "a dozen", "one", "four",
    "twenty-five", "a quarter of a", "half", "million", "billion", "thousand", "people", "killed",
    "jets", "km", "Su-24", "2015", "March", "9/11", "10:30", "first", "1st", "’s", "(", ")",
    "\u00a0", "١٢", "²", "½", "Ⅻ", "\x00", "\ufeff",
])
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(NUMBERISH, st.text(max_size=3)), max_size=40).map(" ".join),
    st.lists(NUMBERISH, max_size=40).map("".join),
)


@FUZZ
@given(TEXTS)
def test_extraction_spans_and_bounds_hold_for_any_text(text: str) -> None:
    quantities = find_quantities(text, VOCAB)
    for quantity in quantities:
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start:quantity.end] == quantity.text
        if quantity.value is not None:
            if quantity.low is not None:
                assert quantity.low <= quantity.value
            if quantity.high is not None:
                assert quantity.value <= quantity.high
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high
    assert find_quantities(text, VOCAB) == quantities  # the same output twice


# -- the reader ----------------------------------------------------------------------------------

CONTENT = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from([b"id,text\n", b"a,", b'"', b"\n", b"\r\n", b"\x00", b",",
                              b"At least 12 people were killed.", b"\xff", b"\xef\xbb\xbf",
                              b'{"id": "a", "text": "Four jets."}', b"{", b"}", b"---\n",
                              b"published: 2015-09-22\n", b"[[[["]),
             max_size=30).map(b"".join),
)


def _accounted(report: object) -> None:
    """Every record is a document, a duplicate or a skip (a whole-file skip holds no record)."""
    records = report.records  # type: ignore[attr-defined]
    kept = report.documents + len(report.duplicates)  # type: ignore[attr-defined]
    skipped = report.skipped  # type: ignore[attr-defined]
    per_record = [skip for skip in skipped if " row " in skip.source or " line " in skip.source
                  or "/" in skip.source]
    assert records == kept + len(per_record), (records, kept, skipped)


@FUZZ
@given(st.sampled_from(["folder", ".csv", ".jsonl"]), st.lists(CONTENT, min_size=1, max_size=3))
def test_the_reader_accounts_for_every_input(kind: str, contents: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if kind == "folder":
            target = root / "news"
            target.mkdir()
            for number, content in enumerate(contents):
                (target / f"{number}.txt").write_bytes(content)
        else:
            target = root / f"news{kind}"
            target.write_bytes(contents[0])
        try:
            corpus = read_corpus([target])
        except InputError as err:
            assert str(err).startswith((str(target), target.name, "no readable document")), err
            return
        _accounted(corpus.report)
        if kind == "folder":
            report = corpus.report
            assert report.records == len(contents)
            assert report.documents + len(report.duplicates) + len(report.skipped) == len(contents)


# -- the rule loader ----------------------------------------------------------------------------

YAMLISH = st.lists(st.one_of(
    st.sampled_from([
        "rules:", "corpus:", "paths:", "- ", "  ", "\n", "id: ", "check: ", "range", "agree",
        "rate", "monotonic", "max: ", "min: ", "within: ", "30d", "99999999999999999999d",
        "tolerance: ", "5%", "open_ends: ", ".inf", ".nan", "-.inf", "1e309", "select:",
        "pattern: ", "'(a+)+$'", "'(a)\\1'", "'['", "[", "]", "{", "}", ",", ":", "&a ", "*a",
        "<<: ", "!!python/object:os.system", "!x ", "0001-01-01", "2020-13-01", "9" * 120,
        "'", '"', "\\n", "\x07", "\t", "#", "---", "...", "? ", "|", ">", "bad\nid", "x-y",
        "since: ", "start: ", "severity: ", "error", "min_days: ", "0", "-1", "true", "null",
    ]),
    st.text(max_size=5),
), max_size=60).map("".join)


@FUZZ
@given(YAMLISH)
def test_the_rule_loader_raises_only_rule_file_errors(text: str) -> None:
    try:
        parse_rule_file("fuzz.yaml", text)
    except RuleFileError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.startswith("fuzz.yaml:") and "\n" not in problem and "\r" not in problem


@pytest.mark.parametrize("text", [
    "rules: " + "[" * 300 + "]" * 300,
    "rules:\n  - id: x\n    check: range\n    max: " + "9" * 5000,
    "a: &a [" + ",".join(["x"] * 50) + "]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [" + ",".join([f"*{chr(97 + n)}"] * 50) + "]\n"
        for n in range(5)),
])
def test_the_rule_loader_bounds_hold(text: str) -> None:
    with pytest.raises(RuleFileError):
        parse_rule_file("fuzz.yaml", text)


def test_errors_are_figures_errors() -> None:
    assert issubclass(RuleFileError, FiguresError) and issubclass(InputError, FiguresError)
