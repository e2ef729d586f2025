"""Near-copies: one wire story in several outlets is found, reported and counted once."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

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


# -- the banding, against datasketch's own LSH -------------------------------------------------

def test_the_lsh_bands_are_datasketchs_optimum() -> None:
    from datasketch import MinHashLSH

    from figures.read.copies import COPY_THRESHOLD, LSH_BANDS, LSH_ROWS, NUM_PERM

    index = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
    assert (index.b, index.r) == (LSH_BANDS, LSH_ROWS)


def _datasketch_groups(documents, signatures, threshold):
    """The reference: datasketch's MinHashLSH and MinHash.jaccard, joined pair by pair."""
    from datasketch import LeanMinHash, MinHashLSH

    from figures.read.copies import NUM_PERM

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = {index: LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
              for index, values in signatures.items()}
    for index, found in hashes.items():
        lsh.insert(index, found)
    parent = list(range(len(documents)))

    def root(index):
        while parent[index] != index:
            index = parent[index]
        return index

    for index, found in hashes.items():
        for other in lsh.query(found):
            if other > index and found.jaccard(hashes[other]) >= threshold:
                a, b = root(index), root(other)
                parent[max(a, b)] = min(a, b)
    members: dict[int, list[str]] = {}
    for index in sorted(hashes):
        members.setdefault(root(index), []).append(documents[index][0])
    return sorted(tuple(docs) for docs in members.values() if len(docs) > 1)


@pytest.mark.parametrize("threshold", [0.5, 0.8])
def test_grouping_signatures_finds_what_datasketchs_lsh_finds(threshold: float) -> None:
    import numpy as np

    from figures.read.copies import NUM_PERM, group_signatures

    rng = np.random.default_rng(7)
    signatures = {index: rng.integers(0, 2**32 - 1, NUM_PERM, dtype=np.uint64).astype(np.uint32)
                  for index in range(400)}
    for index in range(1, 400, 7):  # copies with a share of their values changed, some chained
        changed = signatures[index - 1].copy()
        mask = rng.random(NUM_PERM) < rng.choice([0.05, 0.3, 0.45, 0.6])
        changed[mask] = rng.integers(0, 2**32 - 1, int(mask.sum()), dtype=np.uint64)
        signatures[index] = changed
    for index in range(3, 400, 50):  # exact copies of an earlier one, far apart
        signatures[index] = signatures[index - 3].copy()
    documents = [(f"d{index}", f"outlet {index % 5}") for index in range(400)]
    signatures[10] = None  # too short to call a copy
    expected = _datasketch_groups(documents, {i: v for i, v in signatures.items()
                                              if v is not None}, threshold)
    found = group_signatures(documents, signatures, threshold)
    assert sorted(group.docs for group in found) == expected
    assert len(expected) > 20  # the planted copies are there to be found
