"""Near-copies: one wire story in several outlets is found, reported and counted once."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from figures.check import check
from figures.read import read_corpus
from figures.read.copies import find_copies, shingles
from figures.rules import parse_rule_file
from figures.table import extract
from tests.test_check import figure, table

# An invented wire story, its re-export (other quote marks, a dateline, a paragraph more)
# and an unrelated story on the same subject.
STORY = (
    'BEIRUT (Wire) - At least 70 people were killed on Tuesday in shelling of the northern '
    'town of Kafr Nabl, a monitoring group said. "The toll is expected to rise because many '
    'of the wounded are in a critical condition," the group\'s director told the agency by '
    'telephone. The conflict has killed more than 290,000 people since it began, according '
    'to the group, which relies on a network of sources on the ground. Residents said the '
    'shells fell on a crowded market shortly after noon and that rescue teams were still '
    'searching the rubble for survivors late in the evening.'
)
REEXPORT = (
    "Kafr Nabl shelling kills 70, monitor says\n\n" + STORY.replace('"', "\u201c", 1)
    .replace('," the', ",\u201d the").replace("group's", "group\u2019s")
    + " Aid agencies called for a pause in the fighting to reach the injured."
)
OTHER = (
    "The health ministry said on Wednesday that 12 people had died of cholera in the camps "
    "near the border, and that vaccines would arrive by the end of the week. More than 290,000 "
    "people have been killed in the conflict, according to a monitoring group. Doctors in the "
    "camps said clean water was scarce and that the number of cases was rising every day."
)


def corpus_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    rows = ["id,file,outlet,published"]
    for doc, outlet, text in (("w1", "Wire Daily", STORY), ("w2", "Gazette", REEXPORT),
                              ("w3", "Courier", STORY.replace(" - ", ", ")),
                              ("o1", "Gazette", OTHER)):
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{doc},{doc}.txt,{outlet},2016-08-16")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_quote_marks_and_punctuation_do_not_change_shingles() -> None:
    assert set(shingles(STORY.replace('"', "\u201c"))) == set(shingles(STORY))


def test_near_copies_are_found_and_reported_with_their_outlets(tmp_path: Path) -> None:
    corpus = read_corpus([corpus_folder(tmp_path)])
    (group,) = corpus.report.copies
    assert (group.story, group.docs) == ("w1", ("w1", "w2", "w3"))
    assert group.outlets == ("Wire Daily", "Gazette", "Courier")
    assert 0.5 <= group.similarity <= 1.0
    assert corpus.stories == {"w1": "w1", "w2": "w1", "w3": "w1"}
    summary = corpus.report.summary()
    assert "3 documents are near-copies of 1 story (one source each in the checks)" in summary
    assert "w1 in Wire Daily, Gazette, Courier" in summary
    assert corpus.report.to_dict()["copies"][0]["docs"] == ["w1", "w2", "w3"]


def test_the_figures_table_names_each_documents_story(tmp_path: Path) -> None:
    corpus = read_corpus([corpus_folder(tmp_path)])
    figures = extract(corpus)
    stories = {doc: None if pd.isna(story) else story
               for doc, story in zip(figures["doc"], figures["story"], strict=True)}
    assert stories == {"o1": None, "w1": "w1", "w2": "w1", "w3": "w1"}
    assert extract(corpus.documents)["story"].isna().all()  # documents alone know no copies


def test_short_or_unrelated_texts_are_no_copies() -> None:
    from figures.model import Document

    documents = [Document("a", "Seventy killed.", "a"), Document("b", "Seventy killed.", "b"),
                 Document("c", STORY, "c"), Document("d", OTHER, "d")]
    assert find_copies(documents) == ()


def test_reading_can_skip_the_search() -> None:
    from tests.conftest import SEEDS

    assert read_corpus([SEEDS], copies=False).report.copies == ()


def test_evidence_shows_a_story_once_with_its_copies_named() -> None:
    rows = [figure(500000, "2016-09-11", "alaraby", "approx", doc="a1"),
            figure(300000, "2016-09-20", "alaraby", "more_than", doc="a2"),
            figure(300000, "2016-09-20", "alaraby", "more_than", doc="a3")]
    figures = table(*rows)
    figures["story"] = [None, "s1", "s1"]
    rule = parse_rule_file("t.yaml", "rules:\n  - id: m\n    check: monotonic\n"
                                     "    group_by: outlet\n").rules
    (finding,) = check(figures, rule).to_dict(orient="records")
    assert [r["doc"] for r in finding["figures"]] == ["a1", "a2"]
    assert finding["figures"][1]["copies"] == [{"outlet": "alaraby", "doc": "a3",
                                                "date": "2016-09-20"}]
    from figures.report import markdown_report

    assert "alaraby (copies: alaraby 2016-09-20)" in markdown_report(pd.DataFrame([finding]))
