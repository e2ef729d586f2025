"""News-database exports (Nexis Uni, Factiva): one document an article, header lines not figures.

The fixtures in ``tests/fixtures/exports/`` are invented articles of invented
outlets, written in the shape of the databases' text exports.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from figures.read import read_corpus
from figures.read.exports import export_kind
from figures.table import extract

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


class Article(NamedTuple):
    id: str
    outlet: str
    published: date
    title: str
    figures: list[str]  # the surfaces extraction finds in the body, in order


EXPECTED = {
    "nexis-uni.txt": [
        Article("nexis-uni:1", "The Riverside Ledger", date(2024, 3, 14),
                "Floodwaters cut off 12 villages in the valley",
                ["12", "at least 340", "more than 2,000", "15"]),
        Article("nexis-uni:2", "Valley Evening Post", date(2024, 3, 20),
                "County approves $4.5 million for levee repairs",
                ["$4.5 million", "3 km", "About 40"]),
    ],
    "factiva.txt": [
        Article("HRBGZT0020240204ek240000a", "The Harbour Gazette", date(2024, 2, 4),
                "Storm leaves 9,000 homes without power", ["about 9,000", "6,500", "25"]),
        Article("CSTCOU0020240207ek2700005", "The Coastal Courier", date(2024, 2, 7),
                "Port reopens after three-day closure", ["three-day", "Some 40"]),
    ],
    "factiva-tagged.txt": [
        Article("HILLHD0020240311ek3b00001", "The Hillside Herald", date(2024, 3, 11),
                "Council counts 1,200 new trees", ["1,200", "14", "3,000", "$250,000"]),
    ],
}

#: What the header and classification blocks hold; none of it may reach the text.
HEADER_WORDS = ["Length:", "words", "Load-Date", "Subject:", "Copyright", "(c)", "%)",
                "Section:", "Byline", "Classification", "End of Document", "Document ",
                "Language", "English", "ENGLISH", "HD ", "TD ", "LP "]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_document_an_article_with_outlet_date_and_title(name: str) -> None:
    corpus = read_corpus(EXPORTS / name)
    got = [(d.id, d.outlet, d.published, d.title) for d in corpus.documents]
    assert got == [(a.id, a.outlet, a.published, a.title) for a in EXPECTED[name]]
    assert corpus.report.skipped == ()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_and_classification_lines_are_not_in_the_text(name: str) -> None:
    for document in read_corpus(EXPORTS / name).documents:
        for word in HEADER_WORDS:
            assert word not in document.text, (document.id, word)
        assert document.text == document.text.strip()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_only_the_body_figures_are_extracted(name: str) -> None:
    corpus = read_corpus(EXPORTS / name)
    table = extract(corpus.documents)
    for article in EXPECTED[name]:
        found = table[table.doc == article.id]
        assert list(found.text) == article.figures
        assert set(found.outlet) == {article.outlet}


def test_sources_name_the_file_article_and_line() -> None:
    corpus = read_corpus(EXPORTS / "nexis-uni.txt")
    assert [d.source for d in corpus.documents] == [
        "nexis-uni.txt article 1 (line 1)", "nexis-uni.txt article 2 (line 36)"]
    assert "2 articles from nexis-uni.txt" in corpus.report.summary()


def test_a_malformed_article_is_skipped_with_file_and_line_and_the_others_read() -> None:
    corpus = read_corpus(EXPORTS / "nexis-malformed.txt")
    assert [d.id for d in corpus.documents] == ["nexis-malformed:1"]
    assert [(s.source, s.reason) for s in corpus.report.skipped] == [
        ("nexis-malformed.txt article 2 (line 19)", "no 'Body' line: not a Nexis Uni article")]
    report = corpus.report
    assert report.records == report.documents + len(report.duplicates) + len(report.skipped)


def test_a_folder_without_manifest_reads_exports_and_articles(tmp_path: Path) -> None:
    shutil.copy(EXPORTS / "factiva.txt", tmp_path / "factiva.txt")
    (tmp_path / "note.txt").write_text("The mayor said 30 buses were added.\n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == [
        "HRBGZT0020240204ek240000a", "CSTCOU0020240207ek2700005", "note"]
    assert corpus.report.records == 3


def test_a_manifest_decides_what_a_listed_file_is(tmp_path: Path) -> None:
    shutil.copy(EXPORTS / "factiva.txt", tmp_path / "factiva.txt")
    (tmp_path / "manifest.csv").write_text("id,file,outlet\nall,factiva.txt,Desk\n",
                                           encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["all"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Title\n\nLength: 20 words\n\nBody\n\nText.\n\nEnd of Document\n", "nexis"),
    ("Title\n120 words\n1 May 2024\nOutlet\n\nText.\n\nDocument ABCD000020240501e0510000b\n",
     "factiva"),
    ("HD  Title\nPD  1 May 2024\nTD  Text.\nAN  Document ABCD000020240501e0510000b\n",
     "factiva"),
    ("The talks ended. End of Document\nLength: is not a field here", None),
    ("An article about 40 jets and the word Document.", None),
    ("Document ABCD000020240501e0510000b alone does not make an export.", None),
], ids=["nexis", "factiva-plain", "factiva-tagged", "prose-end", "prose", "id-only"])
def test_export_kind_is_told_from_the_content(text: str, kind: str | None) -> None:
    assert export_kind(text) == kind
