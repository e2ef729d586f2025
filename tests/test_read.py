"""Reading corpora: what a document is, and that nothing is dropped without a word."""

from __future__ import annotations

import csv
import doctest
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from figures.errors import InputError
from figures.read import ColumnMapping, Duplicate, read_corpus
from figures.read import dates as read_dates
from figures.read.dates import parse_date

from .conftest import FAKES_CSV, GOLD, SEEDS

ARTICLE = "At least 70 people were killed in the attack, the monitor said.\n"


def write_folder(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return folder


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# -- folders --------------------------------------------------------------------------------------

def test_folder_with_manifest_gives_ids_outlets_dates_and_titles(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "news", {
        "manifest.csv": "id,file,outlet,published,title,notes\n"
                        "first,a.txt,Wire,2015-09-22,Jets arrive,checked\n"
                        "second,sub/b.md,Post,\"October 01, 2015\",,\n",
        "a.txt": ARTICLE,
        "sub/b.md": "Two more.\n",
    })
    corpus = read_corpus([folder])
    first, second = corpus.documents
    assert (first.id, first.outlet, first.published, first.title) == (
        "first", "Wire", date(2015, 9, 22), "Jets arrive")
    assert first.source == "news/a.txt" and first.text == ARTICLE
    assert (second.id, second.source, second.published, second.title) == (
        "second", "news/sub/b.md", date(2015, 10, 1), None)
    assert corpus.report.undated == 0


def test_unreadable_manifest_date_names_the_manifest_line(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "news", {
        "manifest.csv": "file,published\na.txt,2015-09-22\nb.txt,22/09/2015\n",
        "a.txt": ARTICLE,
        "b.txt": "Four jets.",
    })
    corpus = read_corpus([folder])
    assert [d.published for d in corpus.documents] == [date(2015, 9, 22), None]
    assert [(b.source, b.value) for b in corpus.report.bad_dates] == [
        ("news/manifest.csv line 3", "22/09/2015")]
    assert corpus.report.undated == 1


def test_front_matter_gives_metadata_and_the_text_follows_it(tmp_path: Path) -> None:
    body = "Russia has sent 28 jets.\r\nAnd 500 troops.\r\n"
    folder = write_folder(tmp_path / "clips", {
        "a.md": "---\r\nid: talk-1\r\noutlet: Meridian Radio\r\npublished: 2015-09-30\r\n"
                "title: 'What Russia sent'\r\ntags: [x]\r\n---\r\n" + body,
        "b.md": "---\ndate: Sep 22, 2015\n---\n" + ARTICLE,
    })
    talk, other = read_corpus([folder]).documents
    assert (talk.id, talk.outlet, talk.published, talk.title) == (
        "talk-1", "Meridian Radio", date(2015, 9, 30), "What Russia sent")
    assert talk.text == body  # CRLF kept: offsets count the file's characters
    assert (other.id, other.published, other.text) == ("b", date(2015, 9, 22), ARTICLE)


def test_broken_front_matter_is_skipped_with_its_line(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "clips", {
        "ok.txt": ARTICLE,
        "bad.md": "---\noutlet: A\noutlet: B\n---\nText.\n",
    })
    corpus = read_corpus([folder])
    [skip] = corpus.report.skipped
    assert skip.source == "clips/bad.md" and "line 3" in skip.reason


def test_without_metadata_the_id_is_the_stem_and_the_date_unknown(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "plain", {"x.txt": ARTICLE, "y.md": "Four jets.",
                                                "photo.jpg": b"\xff\xd8\xff"})
    corpus = read_corpus([folder])
    assert [(d.id, d.published, d.outlet) for d in corpus.documents] == [
        ("x", None, None), ("y", None, None)]
    assert corpus.report.undated == 2
    assert corpus.report.ignored == ("plain/photo.jpg",)
    summary = corpus.report.summary()
    assert "2 without a publication date" in summary and "photo.jpg" in summary


def test_in_a_manifest_folder_unlisted_files_need_front_matter(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "news", {
        "manifest.csv": "file,outlet\na.txt,Wire\n",
        "a.txt": ARTICLE,
        "README.md": "# About these articles\n",
        "extra.md": "---\noutlet: Radio\n---\nNine jets.\n",
    })
    corpus = read_corpus([folder])
    assert [d.id for d in corpus.documents] == ["a", "extra"]
    assert corpus.report.unlisted == ("news/README.md",)
    assert "README.md" in corpus.report.summary()


def test_seeds_read_as_they_are(shared: Path) -> None:
    corpus = read_corpus([SEEDS])
    manifest = list(csv.DictReader((SEEDS / "manifest.csv").open(encoding="utf-8")))
    assert len(corpus.documents) == 5
    for document, row in zip(corpus.documents, manifest, strict=True):
        assert document.id == row["id"] == Path(row["file"]).stem
        assert document.outlet == row["outlet"] and document.title == row["title"]
        assert document.published == date.fromisoformat(row["published"])
        assert document.text == (SEEDS / row["file"]).read_bytes().decode("utf-8")
        assert document.source == f"seeds/{row['file']}"
    report = corpus.report
    assert (report.documents, report.undated, report.skipped, report.duplicates) == (5, 0, (), ())
    assert report.summary().startswith("read 5 files from seeds: 5 documents, 0 duplicates")


def test_seed_gold_offsets_point_into_the_documents(shared: Path) -> None:
    texts = {document.id: document.text for document in read_corpus([SEEDS]).documents}
    for line in (GOLD / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert texts[record["doc"]][record["start"]:record["end"]] == record["text"]


# -- FA-KES ---------------------------------------------------------------------------------------

def test_fakes_reads_with_detected_columns(shared: Path) -> None:
    report = read_corpus([FAKES_CSV]).report
    [read] = report.reads
    assert read.columns == {"text": "article_content", "id": "unit_id", "outlet": "source",
                            "date": "date", "title": "article_title"}
    assert read.records == 804
    assert report.documents + len(report.duplicates) + len(report.skipped) == 804
    # README: 21 rows share an id with another row (9 ids, so 12 extra rows): 11 copies and
    # one id (1926479112) with different boilerplate; 4 more texts repeat under a new id.
    assert (report.documents, len(report.duplicates), report.skipped) == (788, 16, ())
    copies = [d for d in report.duplicates if d.same_text and d.doc == d.duplicate_of]
    moved = [d for d in report.duplicates if d.same_text and d.doc != d.duplicate_of]
    [reused] = [d for d in report.duplicates if not d.same_text]
    assert (len(copies), len(moved)) == (11, 4)
    assert reused == Duplicate("1926479112", "FA-KES-Dataset.csv row 490", "1926479112", False,
                               "FA-KES-Dataset.csv row 489")
    assert (report.undated, report.bad_dates) == (0, ())
    assert report.summary().startswith(
        "read 804 rows from FA-KES-Dataset.csv: 788 documents, 16 duplicates (11 exact copies,")
    json.dumps(report.to_dict())


def test_fakes_sources_and_dates_match_the_gold_rows(shared: Path) -> None:
    documents = {d.id: d for d in read_corpus([FAKES_CSV]).documents}
    for row in csv.DictReader((GOLD / "fakes-dev-docs.csv").open(encoding="utf-8")):
        document = documents[row["unit_id"]]
        assert document.source == f"FA-KES-Dataset.csv row {row['row']}"
        assert document.outlet == row["source"]
        assert document.published == parse_date(row["date"])
    for line in (GOLD / "fakes-dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert documents[record["doc"]].text[record["start"]:record["end"]] == record["text"]


# -- CSV and JSONL --------------------------------------------------------------------------------

def test_missing_mapped_column_lists_the_columns_and_the_flag(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "FA-KES.csv", ["unit_id", "article_content", "source"],
                     [["1", ARTICLE, "x"]])
    with pytest.raises(InputError) as caught:
        read_corpus([path], ColumnMapping(text="text"))
    assert str(caught.value) == ("FA-KES.csv: column 'text' not found; the file has: "
                                 "unit_id, article_content, source — pass --text-column")
    with pytest.raises(InputError, match=r"column 'when' not found.*--date-column"):
        read_corpus([path], ColumnMapping(date="when"))


def test_no_detectable_text_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "news.csv", ["unit_id", "body_html"], [["1", "<p>x</p>"]])
    with pytest.raises(InputError, match=r"news.csv: no text column.*body_html.*--text-column"):
        read_corpus([path])


def test_csv_without_id_column_and_with_a_switched_off_date(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "clips.csv", ["Text", "date", "Headline"],
                     [[ARTICLE, "not a date", "H1"], ["Four jets.", "4/5/2017", ""]])
    first, second = read_corpus([path]).documents
    assert (first.id, first.source, first.title) == ("clips:0", "clips.csv row 0", "H1")
    assert (second.id, second.published, second.title) == ("clips:1", date(2017, 4, 5), None)
    corpus = read_corpus([path], ColumnMapping(date=""))
    assert [d.published for d in corpus.documents] == [None, None]
    assert corpus.report.bad_dates == ()


def test_unparseable_date_is_reported_and_the_document_kept(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", ["id", "text", "date"],
                     [["a", ARTICLE, "31/12/2015"], ["b", "Five.", "2015-12-31"]])
    corpus = read_corpus([path])
    assert [d.published for d in corpus.documents] == [None, date(2015, 12, 31)]
    [bad] = corpus.report.bad_dates
    assert (bad.source, bad.value) == ("d.csv row 0", "31/12/2015")
    assert "d.csv row 0: '31/12/2015'" in corpus.report.summary()
    day_first = read_corpus([path], day_first=True)
    assert day_first.documents[0].published == date(2015, 12, 31)


def test_empty_text_rows_are_skipped_with_a_reason(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "e.csv", ["id", "text"], [["a", ARTICLE], ["b", "  "], ["c"]])
    report = read_corpus([path]).report
    assert [(s.source, s.reason.split(":")[0]) for s in report.skipped] == [
        ("e.csv row 1", "empty text"), ("e.csv row 2", "no text")]
    assert report.documents + len(report.skipped) == report.records == 3


def test_csv_field_larger_than_the_csv_module_default(tmp_path: Path) -> None:
    big = "Twelve jets flew 40 sorties. " * 40_000  # ~1.2 MB, csv's default limit is 128 KB
    path = write_csv(tmp_path / "big.csv", ["id", "text"], [["a", big]])
    before = csv.field_size_limit()
    assert read_corpus([path]).documents[0].text == big
    assert csv.field_size_limit() == before


def test_csv_with_undecodable_row_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"id,text\na,Seventy killed.\nb,Plus de 70 morts \xe0 Idlib.\nc,Four.\n")
    corpus = read_corpus([path])
    assert [d.id for d in corpus.documents] == ["a", "c"]
    assert [(s.source, s.reason) for s in corpus.report.skipped] == [
        ("mixed.csv row 1", "not UTF-8 text")]


def test_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    lines = [json.dumps({"id": 1, "body": ARTICLE, "published": "22 September 2015"}),
             "",
             '{"id": 2, "body": "cut off',
             json.dumps(["not", "an", "object"]),
             json.dumps({"id": 3, "body": 42}),
             json.dumps({"id": 4, "body": "Four jets."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = read_corpus([path])
    assert [(d.id, d.source, d.published) for d in corpus.documents] == [
        ("1", "x.jsonl line 1", date(2015, 9, 22)), ("4", "x.jsonl line 6", None)]
    reasons = {s.source: s.reason for s in corpus.report.skipped}
    assert list(reasons) == ["x.jsonl line 3", "x.jsonl line 4", "x.jsonl line 5"]
    assert reasons["x.jsonl line 3"].startswith("not valid JSON")
    assert corpus.report.records == 5  # the blank line is no record


def test_jsonl_missing_mapped_key(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": 1, "body": ARTICLE}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x.jsonl line 1: key 'content' not found.*id, body"):
        read_corpus([path], ColumnMapping(text="content"))


def test_column_mapping_is_strict() -> None:
    with pytest.raises(ValidationError):
        ColumnMapping(txt="body")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        ColumnMapping(text="")


# -- duplicates across and within inputs ----------------------------------------------------------

def test_duplicate_id_with_different_text_keeps_the_first(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", ["id", "text"],
                     [["7", ARTICLE], ["7", ARTICLE + "Share this"], ["8", ARTICLE],
                      ["7", ARTICLE]])
    corpus = read_corpus([path])
    assert [(d.id, d.text) for d in corpus.documents] == [("7", ARTICLE)]
    assert [(d.doc, d.duplicate_of, d.same_text) for d in corpus.report.duplicates] == [
        ("7", "7", False), ("8", "7", True), ("7", "7", True)]
    summary = corpus.report.summary()
    assert ("3 duplicates (1 exact copy, 1 id reused for a different text,"
            " 1 text repeated under another id)") in summary


def test_ids_are_unique_across_mixed_inputs(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "clips", {"a.txt": ARTICLE, "b.txt": "Five jets."})
    path = write_csv(tmp_path / "more.csv", ["id", "text"], [["a", "Other text."], ["c", "Six."]])
    corpus = read_corpus([folder, str(path)])
    assert [d.id for d in corpus.documents] == ["a", "b", "c"]
    [duplicate] = corpus.report.duplicates
    assert (duplicate.source, duplicate.kept_source) == ("more.csv row 0", "clips/a.txt")
    assert corpus.report.summary().startswith("read 2 files from clips and 2 rows from more.csv")


# -- bad input ------------------------------------------------------------------------------------

def test_manifest_naming_a_missing_file(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "corpus", {
        "manifest.csv": "id,file\na,a.txt\nb,b.txt\n",
        "a.txt": ARTICLE,
    })
    with pytest.raises(InputError, match=r"manifest.csv:3: file 'b.txt' not found"):
        read_corpus([folder])


def test_manifest_without_a_file_column(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "corpus", {"manifest.csv": "id,path\na,a.txt\n",
                                                 "a.txt": ARTICLE})
    with pytest.raises(InputError, match=r"column 'file' not found.*id, path"):
        read_corpus([folder])


def test_undecodable_binary_and_empty_files_are_reported(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "mixed", {
        "good.txt": ARTICLE,
        "latin.txt": "Plus de 70 morts à Idlib.".encode("latin-1"),
        "junk.txt": bytes(range(256)) * 4,
        "utf16.txt": "Seventy".encode("utf-16"),
        "empty.txt": b"",
        "bom.txt": b"\xef\xbb\xbfFour jets.",
    })
    corpus = read_corpus([folder])
    assert [(d.id, d.text) for d in corpus.documents] == [("bom", "Four jets."), ("good", ARTICLE)]
    reasons = {s.source: s.reason for s in corpus.report.skipped}
    assert reasons == {
        "mixed/empty.txt": "empty file",
        "mixed/junk.txt": "binary file (contains NUL bytes)",
        "mixed/latin.txt": "not UTF-8 text (byte 0xe0 at offset 17)",
        "mixed/utf16.txt": "UTF-16 text, not UTF-8 (save it as UTF-8)",
    }
    summary = corpus.report.summary()
    assert all(name in summary for name in ("latin.txt", "junk.txt", "empty.txt"))


def test_binary_csv_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "junk.csv").write_bytes(bytes(range(256)))
    good = write_csv(tmp_path / "good.csv", ["text"], [[ARTICLE]])
    corpus = read_corpus([tmp_path / "junk.csv", good])
    assert [(s.source, s.reason) for s in corpus.report.skipped] == [
        ("junk.csv", "binary file (contains NUL bytes)")]


@pytest.mark.parametrize("files", [{}, {"notes.pdf": b"%PDF"}], ids=["empty", "no-text-files"])
def test_folder_without_documents_is_an_error(tmp_path: Path, files: dict[str, bytes]) -> None:
    folder = write_folder(tmp_path / "empty", files)
    with pytest.raises(InputError, match=r"no readable document in .*empty/: "):
        read_corpus([folder])


def test_only_unreadable_files_is_an_error(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "bad", {"a.txt": b"\xff\xfe\x00", "b.txt": b" \n"})
    with pytest.raises(InputError, match=r"bad/a.txt: .*; bad/b.txt: empty file"):
        read_corpus([folder])


def test_missing_path_and_unsupported_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope: no such file or folder"):
        read_corpus([tmp_path / "nope"])
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(InputError, match=r"page.html: cannot read .html files"):
        read_corpus([tmp_path / "page.html"])
    with pytest.raises(InputError, match="no input"):
        read_corpus([])


def test_ten_megabyte_single_line_document(tmp_path: Path) -> None:
    line = "Officials said 12 jets flew 40 sorties. " * 250_000
    folder = write_folder(tmp_path / "big", {"big.txt": line})
    [document] = read_corpus(folder).documents
    assert len(document.text) == len(line) >= 10_000_000


# -- dates ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DateCase:
    written: str
    expected: date | None
    day_first: bool = False


DATE_CASES = [
    DateCase("2015-09-22", date(2015, 9, 22)),
    DateCase("2015-09-22T10:30:00Z", date(2015, 9, 22)),
    DateCase("2015/9/22", date(2015, 9, 22)),
    DateCase("4/5/2017", date(2017, 4, 5)),  # FA-KES: month first
    DateCase("4/5/2017", date(2017, 5, 4), day_first=True),
    DateCase("10/16/2016", date(2016, 10, 16)),
    DateCase("October 01, 2015", date(2015, 10, 1)),
    DateCase("22 September 2015", date(2015, 9, 22)),
    DateCase("Sep 22, 2015", date(2015, 9, 22)),
    DateCase("Sept. 22 2015", date(2015, 9, 22)),
    DateCase("22nd of September 2015", date(2015, 9, 22)),
    DateCase("Tue, 22 Sep 2015 10:00:00 +0000", date(2015, 9, 22)),
    DateCase("Tuesday, September 22nd, 2015", date(2015, 9, 22)),
    # never guessed
    DateCase("22/9/2015", None),  # not month first: reported, not swapped
    DateCase("9/22/2015", None, day_first=True),
    DateCase("1/2/15", None),  # two-digit year
    DateCase("September 2015", None),
    DateCase("2/30/2015", None),
    DateCase("22 Septober 2015", None),
    DateCase("yesterday", None),
]


@pytest.mark.parametrize("case", DATE_CASES,
                         ids=[f"{c.written}{'-dmy' if c.day_first else ''}" for c in DATE_CASES])
def test_date_formats(case: DateCase) -> None:
    assert parse_date(case.written, day_first=case.day_first) == case.expected


def test_date_doctests() -> None:
    assert doctest.testmod(read_dates).failed == 0
