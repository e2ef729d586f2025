"""The safe YAML loader: plain data, lines for every key, tags and duplicates refused."""

from __future__ import annotations

import pytest

from figures.yamlfile import YamlProblem, load_yaml


def test_lines_of_keys_and_items() -> None:
    document = load_yaml("x.yaml", "a: 1\nb:\n  - c: 2\n    d: x\n  - 3\n")
    assert document.data == {"a": 1, "b": [{"c": 2, "d": "x"}, 3]}
    assert document.line_of(("b", 0, "d")) == 4
    assert document.line_of(("b", 1)) == 5
    assert document.line_of(("b", 0, "missing")) == 3


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param("a: 1\na: 2\n", 2, "duplicate key", id="duplicate-key"),
        pytest.param("a: !!python/object/apply:os.system [ls]\n", 1, "not allowed",
                     id="python-tag"),
        pytest.param("a: !custom 1\n", 1, "not allowed", id="local-tag"),
        pytest.param("a: [1\n", 2, "expected", id="syntax"),
        pytest.param("a: !!binary aGVsbG8=\n", 1, "not allowed", id="binary"),
        pytest.param("a: 1\nb:\n  since: 2020-13-01\n", 3, "'2020-13-01' is not a valid date",
                     id="impossible-month"),
        pytest.param("a: [1, {b: 2021-02-29T10:00:00}]\n", 1, "not a valid date: day is out",
                     id="impossible-datetime"),
    ],
)
def test_refused(text: str, line: int, words: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml("bad.yaml", text)
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"bad.yaml:{line}: ")


def test_not_utf8(tmp_path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("a: caf\xe9\n".encode("latin-1"))
    with pytest.raises(YamlProblem, match="not UTF-8"):
        load_yaml(path)


def test_not_printable_is_ruamel_readers() -> None:
    """The refused characters, listed, are the complement of what ruamel.yaml's Reader
    allows, over every code point (the listed form compiles 10x faster)."""
    from ruamel.yaml.reader import Reader

    from figures.yamlfile import _NOT_PRINTABLE

    everything = "".join(map(chr, range(0x110000)))
    assert _NOT_PRINTABLE.findall(everything) == Reader.NON_PRINTABLE.findall(everything)
    # 61 controls, 2,048 surrogates, U+FFFE and U+FFFF
    assert len(_NOT_PRINTABLE.findall(everything)) == 2_111
