"""Read a corpus: folders of .txt/.md articles, CSV and JSONL files, into Documents.

What a document is gets decided here, once: its id, outlet, publication date
(from a manifest, front matter or a column; never from file times), title and
text. Every input record ends as exactly one of: a kept document, a reported
duplicate, or a reported skip. Nothing is dropped silently, and the report
says what happened in one paragraph (``ReadReport.summary``).

Folders
    ``*.txt`` and ``*.md`` files, searched recursively. Hidden files and
    folders, links to folders (not followed), dangling links, link loops,
    FIFOs and other special files are left out, each named with its reason
    in the report (``left_out``); a link to a file is read as that file.
    Metadata comes from ``manifest.csv`` at the top of the
    folder (columns ``file`` and optionally ``id, outlet, published, title``;
    other columns are ignored) or from YAML front matter (a ``---`` block at
    the top with ``id, outlet, published`` (or ``date``), ``title``). Where
    both give a field, the manifest wins. Without either, the id is the file
    stem and the date is unknown. A manifest names files inside its folder:
    an absolute path or one that leaves the folder (``../x.txt``, a link out of
    it) is an error. In a folder that has a manifest, a text file
    the manifest does not list is read only if its front matter describes it;
    otherwise it is listed in the report as not read (a README beside the
    articles is not an article). The text is the file's whole text, decoded
    as UTF-8 with newlines untouched (offsets count characters of the file
    after a byte-order mark; after the front matter when there is one).

CSV and JSONL
    One document a row or line; ``ColumnMapping`` names the columns or they
    are detected. ``source`` reads "FA-KES-Dataset.csv row 278" or "x.jsonl
    line 5". CSV rows are numbered as pandas numbers them (``df.loc[278]``:
    the first data row is row 0, blank lines are not rows), which is also the
    ``row`` of ``shared/gold/fakes-dev-docs.csv``; JSONL lines as an editor
    numbers them (the first line is line 1). Without an id column the id is
    ``<file stem>:<row>`` (or ``:<line>``).
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figures.errors import InputError
from figures.model import Document
from figures.read.copies import find_copies, stories
from figures.read.exports import export_kind, read_export
from figures.read.report import (
    BadDate,
    Collector,
    Duplicate,
    InputRead,
    ReadReport,
    Skipped,
    as_label,
    decode_problem,
    joined,
    listing,
    not_text,
)
from figures.read.tables import ColumnMapping, read_csv, read_jsonl
from figures.yamldoc import YamlProblem

__all__ = ["BadDate", "ColumnMapping", "Corpus", "Duplicate", "InputRead", "ReadReport",
           "Skipped", "read_corpus"]

TEXT_SUFFIXES = frozenset({".txt", ".md"})
CSV_SUFFIXES = frozenset({".csv"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MANIFEST_NAME = "manifest.csv"

_FRONT_MATTER = re.compile(
    r"""
    \A---[ \t]*\r?\n               # opening fence, the file's first line
    (?P<yaml>.*?)                  # the YAML block, possibly empty
    ^(?:---|\.\.\.)[ \t]*\r?(?:\n|\Z)  # closing fence on a line of its own
    """,
    re.VERBOSE | re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class Corpus:
    """The documents of a corpus, in input order, and the report of reading them."""

    documents: list[Document]
    report: ReadReport

    @property
    def stories(self) -> dict[str, str]:
        """Each near-copied document's id -> its story (the first copy's id)."""
        return stories(self.report.copies)


def read_corpus(
    paths: Sequence[str | Path] | str | Path,
    columns: ColumnMapping = ColumnMapping(),  # noqa: B008 - frozen, so sharing it is safe
    *,
    day_first: bool = False,
    copies: bool = True,
    on_document: Callable[[Document], None] | None = None,
) -> Corpus:
    """Read folders, CSV and JSONL files into one corpus with unique document ids.

    Args:
        paths: folders of .txt/.md files, .csv, .jsonl/.ndjson, .txt or .md
            files, in the order their documents should come.
        columns: CSV columns / JSON keys of the document fields; detected
            where None.
        day_first: read slashed dates as D/M/YYYY instead of M/D/YYYY.
        copies: find near-copies (one wire story in several outlets; MinHash/LSH)
            and report them (``ReadReport.copies``).
        on_document: streaming: called with each kept document as it is read;
            the Corpus then keeps the documents with their texts replaced by
            ``text_digest`` (``figures.read.stream`` reads a corpus this way), and
            near-copies are not looked for (``copies`` needs the texts).

    Returns:
        A Corpus; duplicates (same text, or an id seen before) are kept once
        and reported, unreadable records are reported as skipped.

    Raises:
        InputError: a path does not exist or has an unsupported type, a
            manifest is broken or names a missing file, a mapped column is
            missing, or no document at all could be read.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    if not paths:
        raise InputError("no input given: pass folders, CSV or JSONL files")
    collector = Collector(day_first=day_first)
    collector.on_document = on_document
    reads = [_read_input(Path(path), columns, collector) for path in paths]
    report = collector.report(tuple(str(path) for path in paths), tuple(reads))
    if not collector.documents:
        problems = listing([f"{skip.source}: {skip.reason}" for skip in report.skipped], "; ")
        unread = listing(report.unlisted) if report.unlisted else ""
        where = joined(str(path) for path in paths)
        raise InputError(f"no readable document in {where}{problems}{unread}")
    if copies and on_document is None:  # streamed documents keep only their digests
        report = dataclasses.replace(report, copies=find_copies(collector.documents))
    return Corpus(collector.documents, report)


def _read_input(path: Path, columns: ColumnMapping, collector: Collector) -> InputRead:
    """Read one input path into the collector, by what it is."""
    suffix = path.suffix.lower()
    if path.is_dir():
        return _read_folder(path, collector)
    if not path.exists():
        if path.is_symlink():
            raise InputError(f"{path}: a dangling link or a link loop")
        raise InputError(f"{path}: no such file or folder")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file (a FIFO, socket or device is not read)")
    if suffix in CSV_SUFFIXES:
        return read_csv(path, columns, collector)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(path, columns, collector)
    if suffix in TEXT_SUFFIXES:
        records = _read_text_document(path, path.name, collector)
        return InputRead(str(path), "export" if records > 1 else "file", records)
    raise InputError(f"{path}: cannot read {suffix or 'extension-less'} files; pass a folder"
                     " of .txt/.md files, a .csv, .jsonl, .txt or .md file")



# -- folders of text files -----------------------------------------------------------------------

@dataclass(frozen=True)
class _Listed:
    """One manifest row: the file it names and the metadata it gives."""

    path: Path
    line: int
    id: str | None
    outlet: str | None
    published: str | None
    title: str | None


def _read_folder(folder: Path, collector: Collector) -> InputRead:
    """Read the manifest's files in its order, then the other text files in name order."""
    label = folder.resolve().name or str(folder)
    manifest = folder / MANIFEST_NAME
    listed = _read_manifest(manifest, folder, label) if manifest.is_file() else []
    listed_paths = {entry.path.resolve() for entry in listed}
    records = 0
    for entry in listed:
        records += 1
        source = f"{label}/{_relative(entry.path, folder)}"
        _read_text_document(entry.path, source, collector, entry,
                            date_source=f"{label}/{MANIFEST_NAME} line {entry.line}")
    texts = ignored = 0
    for path in _folder_files(folder, label, collector):
        relative = path.relative_to(folder)
        if relative == Path(MANIFEST_NAME) or path.resolve() in listed_paths:
            continue
        source = f"{label}/{relative.as_posix()}"
        if path.suffix.lower() not in TEXT_SUFFIXES:
            collector.ignored.append(source)
            ignored += 1
            continue
        texts += 1
        records += _read_text_document(path, source, collector, needs_metadata=bool(listed))
    if not listed and not texts:
        others = f" ({ignored} other file{'s' * (ignored > 1)})" if ignored else ""
        reason = "no .txt or .md files" if others else "empty folder"
        collector.skip(f"{label}/", reason + others)
    return InputRead(str(folder), "folder", records)


def _folder_files(folder: Path, label: str, collector: Collector) -> list[Path]:
    """The regular files under ``folder`` (links to files included), in path order; every
    other entry is left out with its reason. Iterative: a deep tree cannot recurse."""
    files: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as err:
            collector.left_out.append(Skipped(_shown(current, folder, label) + "/",
                                              f"cannot list: {err.strerror}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            why = _left_out_reason(entry)
            if why == "folder":
                pending.append(path)
            elif why:
                collector.left_out.append(Skipped(_shown(path, folder, label), why))
            else:
                files.append(path)
    return sorted(files)


def _left_out_reason(entry: os.DirEntry[str]) -> str:
    """'' for a file to read, 'folder' for a folder to enter, else why it is left out."""
    if entry.name.startswith("."):
        return "hidden" + (" folder" if entry.is_dir(follow_symlinks=False) else " file")
    try:
        mode = os.stat(entry.path).st_mode  # follows links
    except OSError as err:
        if not entry.is_symlink():
            return f"cannot read: {err.strerror}"
        if err.errno == errno.ELOOP:
            return "a link loop"
        return "a dangling link (its target is missing)"
    if stat.S_ISDIR(mode):
        return "a link to a folder (not followed)" if entry.is_symlink() else "folder"
    if stat.S_ISREG(mode):
        return ""
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) \
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"
    return f"{kind}, not a regular file"


def _shown(path: Path, folder: Path, label: str) -> str:
    relative = path.relative_to(folder).as_posix()
    return label if relative == "." else f"{label}/{relative}"


def _read_manifest(manifest: Path, folder: Path, label: str) -> list[_Listed]:
    """The manifest's rows; a broken manifest or a missing file is an InputError."""
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(_numbered_rows(csv.reader(handle)))
    except UnicodeDecodeError as err:
        raise InputError(f"{manifest}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    except (OSError, csv.Error) as err:
        raise InputError(f"{manifest}: cannot read: {err}") from err
    if not rows:
        raise InputError(f"{manifest}: empty manifest; it needs a header with a 'file' column")
    header = [name.strip() for name in rows[0][1]]
    if "file" not in header:
        raise InputError(f"{manifest}: column 'file' not found; the manifest has: "
                         f"{', '.join(header)} (it needs file; id, outlet, published, title"
                         " are optional)")
    listed: list[_Listed] = []
    seen: dict[Path, int] = {}
    for line, row in rows[1:]:
        cells = {name: cell.strip() or None for name, cell in zip(header, row, strict=False)}
        name = cells.get("file")
        if name is None:
            raise InputError(f"{manifest}:{line}: the 'file' cell is empty")
        path = folder / name
        if Path(name).is_absolute() or not path.resolve().is_relative_to(folder.resolve()):
            raise InputError(f"{manifest}:{line}: file {name!r} is outside the folder {folder}"
                             "; a manifest names files inside its own folder")
        if not path.is_file():
            raise InputError(f"{manifest}:{line}: file {name!r} not found in {folder}")
        if path.resolve() in seen:
            raise InputError(f"{manifest}:{line}: file {name!r} is already listed on line "
                             f"{seen[path.resolve()]}")
        seen[path.resolve()] = line
        listed.append(_Listed(path, line, cells.get("id"), cells.get("outlet"),
                              cells.get("published"), cells.get("title")))
    return listed


def _numbered_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV rows with the line each one starts on."""
    start = 1
    for row in reader:
        if any(cell.strip() for cell in row):
            yield start, row
        start = reader.line_num + 1


def _read_text_document(path: Path, source: str, collector: Collector,
                        entry: _Listed | None = None, *, needs_metadata: bool = False,
                        date_source: str | None = None) -> int:
    """Read one text file as a document (or a skip); the records it held, 0 if unlisted.

    A ``.txt`` file that no manifest lists and that is a Nexis Uni or Factiva
    export is read as its articles (``figures.read.exports``).
    """
    text, reason = _decode_file(path)
    if text is None:
        collector.skip(source, reason)
        return 1
    kind = export_kind(text) if entry is None and path.suffix.lower() == ".txt" else None
    if kind is not None and not needs_metadata:
        articles = read_export(text, kind, path.stem, source, collector)
        if not articles:
            collector.skip(source, f"a {kind} export without any article")
        return max(articles, 1)
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = _front_matter(match["yaml"], source)
        except YamlProblem as err:
            collector.skip(source, err.message if err.line is None
                           else f"front matter line {err.line + 1}: {err.message}")
            return 1
        text = text[match.end():]
    if needs_metadata and not match:
        collector.unlisted.append(source)
        return 0
    if not text.strip():
        collector.skip(source, "empty text" + (" after the front matter" if match else ""))
        return 1
    listed = entry or _Listed(path, 0, None, None, None, None)
    published = listed.published if listed.published is not None else meta.get("published")
    collector.add(
        listed.id or as_label(meta.get("id")) or path.stem, text, source,
        outlet=listed.outlet or meta.get("outlet"), title=listed.title or meta.get("title"),
        published=published,
        date_source=date_source if listed.published is not None else f"{source} front matter",
    )
    return 1


def _front_matter(block: str, source: str) -> dict[str, Any]:
    """The metadata keys of a front matter block (others are left alone)."""
    from figures.yamlfile import load_yaml  # the parser: for a corpus with front matter only

    data = load_yaml(source, text=block).data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlProblem(source, None, "front matter is not a mapping of keys to values")
    meta = {key: data[key] for key in ("id", "outlet", "title") if data.get(key) is not None}
    published = data.get("published", data.get("date"))
    if published is not None:
        meta["published"] = published
    return meta


def _decode_file(path: Path) -> tuple[str, str] | tuple[None, str]:
    """The file's text, or None and why it is not text."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, f"cannot read: {err.strerror}"
    problem = not_text(raw)
    if problem:
        return None, problem
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), ""
    except UnicodeDecodeError as err:
        return None, decode_problem(raw, err)


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()
