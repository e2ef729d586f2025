"""The desk's figures store: documents, figures and findings in one DuckDB file.

Tables (``schema_version`` says which layout a file has)::

    schema_version  version, figure_columns (the figures table's columns and types), written_by
    documents       id, content_hash, source, outlet, published, title, text, added,
                    signature (the text's MinHash, to find near-copies without the texts),
                    vocab (the desk vocabulary files its figures were extracted with)
    figures         the columns of figures.model.Figure (figures.store.schema)
    runs            run, checked_at, rules, since, documents, figures: one row per ``figures check``
    findings        run, then the findings table's columns (figures: JSON text)

``add`` extracts only what is new: a document whose text (content hash) is
stored already is skipped, one whose id is stored with another text has its
figures replaced. All of one ``add`` happens in one transaction: killed half
way, the store is as it was before. A store written by another layout is
upgraded when it is opened for writing (``figures add``): the figures table
is rebuilt in the model's columns and every stored text extracted again; a
store from a newer figures, or opened for reading while out of date, is
refused with a StoreError saying what to do.

Near-copies (one wire story in several outlets) are found in the store as in a
corpus (``figures.read.copies``), from the signatures kept with the documents:
``figures()`` fills the ``story`` column, so a check on the store counts a story
once, as a check on the corpus does. Each document records the desk vocabulary its
figures were extracted with (``figures.table.vocab_fingerprint``): ``add`` extracts
a stored text again when it is given another vocabulary, and ``vocabularies()``
lets a check say when the store's figures were made with another one than it names.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from figures.errors import InputError
from figures.model import Document, Figure
from figures.read.copies import (
    CopyGroup,
    group_signatures,
    signature,
    signature_bytes,
    signature_of_bytes,
    stories,
)
from figures.read.report import text_digest
from figures.store.dataset import StoredDocument, arrow_to_frame, read_parts
from figures.store.schema import (
    figure_arrow_table,
    figure_columns_signature,
    figure_columns_sql,
    figure_fields,
)

if TYPE_CHECKING:
    import duckdb
    import pandas as pd
    import pyarrow as pa

    from figures.table import ExtractConfig

#: The layout of the tables other than ``figures`` (whose columns follow the model):
#: 2 added ``documents.signature`` and ``documents.vocab``.
STORE_VERSION = 2
#: Figures inserted at a time (one Arrow batch).
INSERT_BATCH = 20_000

FINDINGS_SQL = ('rule VARCHAR, "check" VARCHAR, kind VARCHAR, severity VARCHAR, status VARCHAR, '
                'failed BOOLEAN, message VARCHAR, date DATE, outlet VARCHAR, "group" VARCHAR, '
                'figures VARCHAR, checked BIGINT, source VARCHAR')
FINDINGS_COLUMNS = ("rule", "check", "kind", "severity", "status", "failed", "message", "date",
                    "outlet", "group", "figures", "checked", "source")


class StoreError(InputError):
    """A store cannot be opened as asked: not a figures store, too old, too new (exit 2)."""


@dataclass
class AddResult:
    """What one ``add`` did, by document."""

    added: int = 0
    replaced: int = 0
    revocabbed: int = 0  # stored text, extracted again with another vocabulary
    unchanged: int = 0
    figures: int = 0
    upgraded: str = ""
    same_text_as: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        again = (f"{self.revocabbed} extracted again (another vocabulary), "
                 if self.revocabbed else "")
        text = (f"{self.added} document(s) added, {self.replaced} replaced (changed text), "
                f"{again}{self.unchanged} already stored; {self.figures} figures extracted")
        return f"{self.upgraded} {text}" if self.upgraded else text


class Store:
    """An open figures store (use ``open_store``); close it, or use it as a context manager."""

    def __init__(self, path: Path, connection: duckdb.DuckDBPyConnection) -> None:
        self.path = path
        self.db = connection
        #: ``copies()`` of what is stored, worked out once (a write forgets it)
        self._copies: tuple[CopyGroup, ...] | None = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writing --------------------------------------------------------------------------------

    def add(self, documents: Iterable[Document], config: ExtractConfig | None = None, *,
            jobs: int = 1) -> AddResult:
        """Extract and store the documents not stored yet (or stored with another text, or
        extracted with another desk vocabulary than ``config``'s), in one transaction."""

        from figures.table import ExtractConfig, iter_figures

        config = config or ExtractConfig.default()
        result = AddResult()
        with self._transaction():
            result.upgraded = self._upgrade(config, jobs)
            wanted = self._new_documents(documents, result, config.vocab)
            self._insert(((StoredDocument.of(document), document.text, found)
                          for document, found in iter_figures(wanted, config, jobs=jobs)),
                         result, config.vocab)
        return result

    def refresh(self, config: ExtractConfig | None = None, *, jobs: int = 1) -> AddResult:
        """Upgrade an out-of-date store and extract again, with ``config``, the stored texts
        whose figures were made with another desk vocabulary (or with one not recorded), in
        one transaction."""
        from figures.table import ExtractConfig, iter_figures

        config = config or ExtractConfig.default()
        result = AddResult()
        with self._transaction():
            result.upgraded = self._upgrade(config, jobs)
            rows = self.db.execute(
                "SELECT id, text, source, outlet, published, title FROM documents WHERE text "
                "IS NOT NULL AND (vocab IS NULL OR vocab <> ?) ORDER BY rowid",
                [config.vocab]).fetchall()
            stale = [Document(id=row[0], text=row[1], source=row[2], outlet=row[3],
                              published=row[4], title=row[5]) for row in rows]
            result.revocabbed = len(stale)
            self._insert(((StoredDocument.of(document), document.text, found)
                          for document, found in iter_figures(stale, config, jobs=jobs)),
                         result, config.vocab)
        return result

    def add_dataset(self, paths: Iterable[str | Path]) -> AddResult:
        """Store the figures of Parquet datasets (already extracted), in one transaction."""
        result = AddResult()
        with self._transaction():
            result.upgraded = self._upgrade(None, 1)
            known = self._known()
            for _, table, documents in read_parts(list(paths)):
                fresh = {doc.id: doc for doc in documents
                         if self._decide(doc.id, doc.content_hash, None, known, result)}
                if not fresh:
                    continue
                self._replace_documents(list(fresh))
                self._insert_documents([(doc, None) for doc in fresh.values()], None)
                import pyarrow.compute as pc

                keep = table.filter(pc.is_in(table.column("doc"),
                                             value_set=_string_array(list(fresh))))
                self.db.register("new_figures", keep)
                self.db.execute("INSERT INTO figures SELECT * FROM new_figures")
                self.db.unregister("new_figures")
                result.figures += len(keep)
        return result

    def _new_documents(self, documents: Iterable[Document], result: AddResult, vocab: str
                       ) -> Iterator[Document]:
        known = self._known()
        for document in documents:
            if self._decide(document.id, text_digest(document.text), vocab, known, result):
                yield document

    def _known(self) -> _Known:
        rows = self.db.execute("SELECT id, content_hash, vocab FROM documents").fetchall()
        return ({doc_id: digest for doc_id, digest, _ in rows},
                {digest: doc_id for doc_id, digest, _ in rows},
                {doc_id: vocab for doc_id, _, vocab in rows})

    @staticmethod
    def _decide(doc_id: str, digest: str, vocab: str | None, known: _Known,
                result: AddResult) -> bool:
        """Whether a document is to be (re)extracted; counts it in ``result`` either way.

        A stored text is extracted again when ``vocab`` (None: figures already extracted,
        from a dataset) differs from the one it was extracted with (None: not recorded).
        """
        by_id, by_hash, vocab_of = known
        if digest and digest in by_hash:
            stored = vocab_of.get(by_hash[digest])
            if (by_hash[digest] == doc_id and vocab is not None and stored is not None
                    and stored != vocab):
                result.revocabbed += 1
                vocab_of[doc_id] = vocab
                return True
            result.unchanged += 1
            if by_hash[digest] != doc_id:
                result.same_text_as[doc_id] = by_hash[digest]
            return False
        if doc_id in by_id:
            result.replaced += 1
        else:
            result.added += 1
        by_id[doc_id] = digest
        if digest:
            by_hash[digest] = doc_id
        return True

    def _insert(self, extracted: Iterable[tuple[StoredDocument, str | None, list[Figure]]],
                result: AddResult, vocab: str | None) -> None:
        documents: list[tuple[StoredDocument, str | None]] = []
        figures: list[Figure] = []
        for document, text, found in extracted:
            documents.append((document, text))
            figures.extend(found)
            if len(figures) >= INSERT_BATCH or len(documents) >= INSERT_BATCH:
                self._flush(documents, figures, result, vocab)
                documents, figures = [], []
        self._flush(documents, figures, result, vocab)

    def _flush(self, documents: list[tuple[StoredDocument, str | None]],
               figures: list[Figure], result: AddResult, vocab: str | None) -> None:
        if not documents:
            return
        self._replace_documents([document.id for document, _ in documents], figures_only=True)
        self._insert_documents(documents, vocab)  # a document's row replaced only if need be
        if figures:
            self.db.register("new_figures", figure_arrow_table(figures))
            self.db.execute("INSERT INTO figures SELECT * FROM new_figures")
            self.db.unregister("new_figures")
        result.figures += len(figures)

    def _replace_documents(self, ids: list[str], *, figures_only: bool = False) -> None:
        """Drop stored documents (and their figures) that these ids are about to replace
        (``figures_only``: their figures alone)."""
        self.db.register("replaced_ids", _id_table(ids))
        self.db.execute("DELETE FROM figures WHERE doc IN (SELECT id FROM replaced_ids)")
        if not figures_only:
            self.db.execute("DELETE FROM documents WHERE id IN (SELECT id FROM replaced_ids)")
        self.db.unregister("replaced_ids")

    def _insert_documents(self, documents: list[tuple[StoredDocument, str | None]],
                          vocab: str | None) -> None:
        """Store document rows, added now. A stored id with another text is replaced; one
        with the same text (extracted again with another vocabulary) keeps its row, so its
        place among the stored documents (which names a story of copies) and when it was
        added (what ``check --since`` reads) stay; its other fields are updated."""
        import pyarrow as pa

        added = datetime.now()
        table = pa.table({
            "id": [document.id for document, _ in documents],
            "content_hash": [document.content_hash for document, _ in documents],
            "source": [document.source for document, _ in documents],
            "outlet": pa.array([document.outlet for document, _ in documents], pa.string()),
            "published": pa.array([document.published for document, _ in documents],
                                  pa.date32()),
            "title": pa.array([document.title for document, _ in documents], pa.string()),
            "text": pa.array([text for _, text in documents], pa.string()),
            "added": pa.array([added] * len(documents), pa.timestamp("us")),
            "signature": pa.array([signature_bytes(signature(text)) if text else None
                                   for _, text in documents], pa.binary()),
            "vocab": pa.array([vocab] * len(documents), pa.string()),
        })
        self.db.register("new_documents", table)
        self.db.execute("DELETE FROM documents USING new_documents WHERE documents.id = "
                        "new_documents.id AND documents.content_hash <> "
                        "new_documents.content_hash")
        self.db.execute("UPDATE documents SET source = new.source, outlet = new.outlet, "
                        "published = new.published, title = new.title, vocab = new.vocab "
                        "FROM new_documents AS new WHERE documents.id = new.id")
        self.db.execute("INSERT INTO documents SELECT * FROM new_documents WHERE id NOT IN "
                        "(SELECT id FROM documents)")
        self.db.unregister("new_documents")

    def save_findings(self, findings: pd.DataFrame, rules: Iterable[str],
                      since: date | None = None) -> int:
        """Keep the findings of one check run; returns the run number."""
        with self._transaction():
            run = self.db.execute("SELECT coalesce(max(run), 0) + 1 FROM runs").fetchall()[0]
            number = int(run[0]) if run else 1
            counts = self.db.execute(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM figures)"
            ).fetchall()[0] or (0, 0)
            self.db.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)",
                            [number, datetime.now(), json.dumps(list(rules)), since, *counts])
            rows = [[number, *(_cell(row.get(column), column) for column in FINDINGS_COLUMNS)]
                    for row in findings.to_dict(orient="records")]
            if rows:
                self.db.executemany(
                    f"INSERT INTO findings VALUES ({', '.join('?' * (len(FINDINGS_COLUMNS) + 1))})",
                    rows)
        return number

    # -- reading --------------------------------------------------------------------------------

    def figures(self) -> pd.DataFrame:
        """Every stored figure as the figures table, in the order they were stored."""
        names = ", ".join(f'"{name}"' for name, _, _ in figure_fields())
        relation = self.db.sql(f"SELECT {names} FROM figures ORDER BY rowid")
        # DuckDB 2 renamed arrow() to to_arrow_table()
        table = getattr(relation, "to_arrow_table", None) or relation.arrow
        frame = arrow_to_frame(table())
        story_of = stories(self.copies())
        if story_of:
            frame["story"] = [story_of.get(doc, story)
                              for doc, story in zip(frame["doc"], frame["story"], strict=True)]
        return frame

    def copies(self) -> tuple[CopyGroup, ...]:
        """The near-copies among the stored documents (in the order they were stored),
        from their signatures: what ``read_corpus`` reports for the same texts.

        Worked out once until the next write (``figures()`` and ``summary()`` both need
        them: about 0.9 s for 50,000 documents).
        """
        if self._copies is None:
            rows = self.db.execute("SELECT id, outlet, signature FROM documents "
                                   "ORDER BY rowid").fetchall()
            signatures = {index: signature_of_bytes(row[2]) for index, row in enumerate(rows)
                          if row[2] is not None}
            self._copies = (group_signatures([(row[0], row[1]) for row in rows], signatures)
                            if len(signatures) >= 2 else ())
        return self._copies

    def vocabulary_warning(self, vocab: Sequence[str | Path]) -> str:
        """A warning when stored figures were extracted with other desk vocabulary files
        than ``vocab`` (a check's --vocab and its rule files'), saying how to extract them
        again; "" when all were extracted with these (or it is not recorded).

        Raises VocabularyFileError for a file of ``vocab`` that is missing or broken, as a
        check on a corpus does (the store's figures are not extracted with it here).
        """
        from figures.place import load_desk_vocab
        from figures.table import vocab_fingerprint, vocab_names

        for path in vocab:
            load_desk_vocab(path)
        wanted = vocab_fingerprint(vocab)
        used = self.vocabularies()
        other = {files: count for files, count in used.items()
                 if files is not None and files != wanted}
        # not recorded (a Parquet dataset, a store upgraded from version 1): only worth saying
        # when the check names desk files, which such figures most likely lack
        unknown = used.get(None, 0) if vocab else 0
        if not other and not unknown:
            return ""
        counted = [f"{count} with {vocab_names(files)}" for files, count in other.items()]
        if unknown:
            counted.append(f"{unknown} not recorded")
        again = "".join(f" --vocab {path}" for path in vocab)
        # a dataset's documents have no stored text: no command extracts them again here
        row = self.db.execute("SELECT count(*) FROM documents WHERE vocab IS NULL AND text "
                              "IS NULL").fetchone() if unknown else None
        textless = int(row[0]) if row else 0
        kept = (f" ({textless} from a dataset, without a stored text, keep the figures it "
                f"gave)" if textless else "")
        return (f"Warning: {sum(other.values()) + unknown} stored document(s) were extracted "
                f"with another vocabulary ({'; '.join(counted)}) than this check names "
                f"({vocab_names(wanted)}): their claimants, places and metrics may differ; "
                f"`figures add --store {self.path}{again}` extracts the stored texts "
                f"again{kept}.")

    def vocabularies(self) -> dict[str | None, int]:
        """Stored documents by the desk vocabulary their figures were extracted with
        (``figures.table.vocab_fingerprint``; None: not recorded, from a dataset or an
        older store)."""
        rows = self.db.execute("SELECT vocab, count(*) FROM documents GROUP BY vocab "
                               "ORDER BY vocab NULLS LAST").fetchall()
        return {vocab: int(count) for vocab, count in rows}

    def documents_since(self, since: date) -> set[str]:
        """Ids of the documents added on or after ``since``."""
        rows = self.db.execute("SELECT id FROM documents WHERE added >= ?",
                               [datetime.combine(since, datetime.min.time())]).fetchall()
        return {row[0] for row in rows}

    def counts(self) -> tuple[int, int]:
        """(documents, figures) stored."""
        row = self.db.execute("SELECT (SELECT count(*) FROM documents), "
                              "(SELECT count(*) FROM figures)").fetchall()[0]
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def summary(self) -> str:
        """One line for the report's "What was read"."""
        documents, figures = self.counts()
        groups = self.copies()
        copied = (f"; {sum(len(group.docs) for group in groups)} of the documents are "
                  f"near-copies of {len(groups)} {'story' if len(groups) == 1 else 'stories'} "
                  "(each counted once)" if groups else "")
        return f"Store {self.path}: {documents} documents, {figures} figures{copied}."

    # -- layout ---------------------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        self._copies = None  # what is stored is about to change
        return _Transaction(self.db)

    def layout(self) -> tuple[int, str] | None:
        """(version, figure columns) the file records, or None for a new, empty file."""
        tables = {row[0] for row in self.db.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        if not tables:
            return None
        if "schema_version" not in tables:
            raise StoreError(f"{self.path}: not a figures store (no schema_version table)")
        rows = self.db.execute("SELECT version, figure_columns FROM schema_version").fetchall()
        row = rows[0] if rows else None
        if row is None:
            raise StoreError(f"{self.path}: not a figures store (empty schema_version)")
        return int(row[0]), str(row[1])

    def _create(self) -> None:
        from figures import __version__

        self.db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, "
                        "figure_columns VARCHAR NOT NULL, written_by VARCHAR NOT NULL)")
        self.db.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                        [STORE_VERSION, figure_columns_signature(), f"figures {__version__}"])
        self.db.execute("CREATE TABLE documents (id VARCHAR NOT NULL, content_hash VARCHAR "
                        "NOT NULL, source VARCHAR, outlet VARCHAR, published DATE, title VARCHAR,"
                        " text VARCHAR, added TIMESTAMP NOT NULL, signature BLOB, "
                        "vocab VARCHAR)")
        self.db.execute(f"CREATE TABLE figures ({figure_columns_sql()})")
        self.db.execute("CREATE TABLE runs (run INTEGER NOT NULL, checked_at TIMESTAMP NOT NULL, "
                        "rules VARCHAR, since DATE, documents BIGINT, figures BIGINT)")
        self.db.execute(f"CREATE TABLE findings (run INTEGER NOT NULL, {FINDINGS_SQL})")

    def _upgrade(self, config: ExtractConfig | None, jobs: int) -> str:
        """Bring an out-of-date store to this figures' layout (inside the open transaction)."""
        layout = self.layout()
        if layout is None:
            self._create()
            return ""
        version, columns = layout
        _refuse_newer(self.path, version)
        signed = self._add_signatures() if version < 2 else ""
        if columns == figure_columns_signature():
            if signed:
                self.db.execute("UPDATE schema_version SET version = ?", [STORE_VERSION])
            return signed
        from figures.table import iter_figures

        old = {name for name, _ in json.loads(columns)}
        new = [name for name, _, _ in figure_fields()]
        kept = ", ".join(f'"{name}"' if name in old else "NULL" for name in new)
        self.db.execute("ALTER TABLE figures RENAME TO figures_old")
        self.db.execute(f"CREATE TABLE figures ({figure_columns_sql()})")
        # Figures of documents stored without their text (from a dataset) keep what they had.
        self.db.execute(f"INSERT INTO figures SELECT {kept} FROM figures_old WHERE doc IN "
                        "(SELECT id FROM documents WHERE text IS NULL)")
        self.db.execute("DROP TABLE figures_old")
        rows = self.db.execute("SELECT id, text, source, outlet, published, title FROM documents "
                               "WHERE text IS NOT NULL ORDER BY added, id").fetchall()
        stored = [Document(id=row[0], text=row[1], source=row[2], outlet=row[3],
                           published=row[4], title=row[5]) for row in rows]
        again = 0
        for batch in _chunks(iter_figures(stored, config, jobs=jobs), 1000):
            figures = [figure for _, found in batch for figure in found]
            if figures:
                self.db.register("new_figures", figure_arrow_table(figures))
                self.db.execute("INSERT INTO figures SELECT * FROM new_figures")
                self.db.unregister("new_figures")
            again += len(batch)
        self.db.execute("UPDATE documents SET vocab = ? WHERE text IS NOT NULL",
                        [config.vocab if config else "[]"])
        self.db.execute("UPDATE schema_version SET version = ?, figure_columns = ?",
                        [STORE_VERSION, figure_columns_signature()])
        added = sorted(set(new) - old)
        removed = sorted(old - set(new))
        change = "; ".join(part for part in (
            f"new columns {', '.join(added)}" if added else "",
            f"columns dropped {', '.join(removed)}" if removed else "") if part) or "column types"
        upgraded = f"Upgraded {self.path} ({change}): {again} stored text(s) extracted again."
        return f"{signed} {upgraded}" if signed else upgraded

    def _add_signatures(self) -> str:
        """Version 1 to 2: the ``signature`` column, made from the stored texts, and the
        ``vocab`` column (not known for what was stored before: NULL)."""
        self.db.execute("ALTER TABLE documents ADD COLUMN signature BLOB")
        self.db.execute("ALTER TABLE documents ADD COLUMN vocab VARCHAR")
        rows = self.db.execute("SELECT id, text FROM documents WHERE text IS NOT NULL"
                               ).fetchall()
        import pyarrow as pa

        table = pa.table({"id": pa.array([row[0] for row in rows], pa.string()),
                          "signature": pa.array([signature_bytes(signature(row[1]))
                                                 for row in rows], pa.binary())})
        self.db.register("signatures", table)
        self.db.execute("UPDATE documents SET signature = signatures.signature FROM signatures "
                        "WHERE documents.id = signatures.id")
        self.db.unregister("signatures")
        return (f"Upgraded {self.path} (store version 1 to {STORE_VERSION}: near-copy "
                f"signatures of {len(rows)} stored text(s)).")


#: What ``_known`` reads: content hash by id, id by content hash, vocabulary by id.
_Known = tuple[dict[str, str], dict[str, str], dict[str, str | None]]


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK on any exception (Ctrl-C included)."""

    def __init__(self, db: duckdb.DuckDBPyConnection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN TRANSACTION")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def is_store(path: str | Path) -> bool:
    """Whether a path is a DuckDB database file (what a figures store is)."""
    target = Path(path)
    if not target.is_file():
        return False
    with target.open("rb") as handle:
        return handle.read(12)[8:12] == b"DUCK"  # DuckDB's magic bytes


def open_store(path: str | Path, *, write: bool = False) -> Store:
    """Open (for ``write``, create or upgrade) a store; StoreError when it cannot be used."""
    import duckdb

    target = Path(path)
    if not write and not target.is_file():
        raise StoreError(f"{target}: no such store", )
    if write and not target.parent.is_dir():
        raise StoreError(f"cannot write {target}: the folder {target.parent} does not exist")
    try:
        connection = duckdb.connect(str(target), read_only=not write)
    except duckdb.Error as err:
        raise StoreError(f"{target}: cannot open as a figures store: {err}") from err
    store = Store(target, connection)
    try:
        layout = store.layout()
        if layout is None and not write:
            raise StoreError(f"{target}: not a figures store (no tables)")
        if layout is not None:
            _refuse_newer(target, layout[0])
            if not write and (layout[1] != figure_columns_signature()
                              or layout[0] < STORE_VERSION):
                raise StoreError(
                    f"{target}: the store is out of date (written by an older figures, store "
                    f"version {layout[0]}); run `figures add --store {target}` to upgrade it"
                    if layout[0] < STORE_VERSION else
                    f"{target}: the store's figures table is out of date (written with other "
                    "columns than this figures has); run `figures add --store "
                    f"{target}` to upgrade it (its texts are extracted again)")
    except BaseException:
        store.close()
        raise
    return store


def _refuse_newer(path: Path, version: int) -> None:
    if version > STORE_VERSION:
        raise StoreError(f"{path}: written by a newer figures (store version {version}; this "
                         f"figures reads version {STORE_VERSION}): upgrade figures to use it")
    if version < 1:
        raise StoreError(f"{path}: unknown store version {version}")


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _id_table(ids: list[str]) -> pa.Table:
    import pyarrow as pa

    return pa.table({"id": pa.array(ids, pa.string())})


def _string_array(values: list[str]) -> pa.Array:
    import pyarrow as pa

    return pa.array(values, pa.string())


def _cell(value: Any, column: str) -> Any:
    """A findings cell as DuckDB takes it: figures as JSON text, NaN/NaT as NULL."""
    if column == "figures":
        return json.dumps(value if value is not None else [], ensure_ascii=False, default=str)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        return None if value != value else value.date()  # NaT != NaT
    if hasattr(value, "item"):
        return value.item()
    return value
