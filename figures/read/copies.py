"""Near-copies: the same wire story printed by several outlets is one source, not three.

Exact copies are counted once by the collector; this finds the near ones (a re-export
with other quote marks, a headline or a paragraph added) with MinHash signatures of
each text's word 5-grams (datasketch) and locality-sensitive hashing, so a corpus of a
million documents is not compared pair by pair. Two documents whose estimated Jaccard
similarity is at least ``threshold`` are copies; copies of copies are one story. The
banding is datasketch's (``MinHashLSH``'s bands and rows, its Jaccard estimate), done
over all signatures at once with numpy (``group_signatures``): datasketch's index
inserts and queries one document at a time in Python, 20x slower on a store's 50,000.

A story is named by its first document's id; ``CopyGroup`` lists its documents and
outlets, and ``stories`` maps each copied document to its story (the ``story``
column of the figures table).
"""

from __future__ import annotations

import functools
import itertools
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from figures.model import Document

if TYPE_CHECKING:  # numpy is imported where shingles are made: a streamed read never needs it
    import numpy as np

#: Similarity (estimated Jaccard of word 5-grams) at which two documents are one story. On
#: FA-KES, pairs from 0.5 up are one agency story reworded (AFP in ahram, alaraby and
#: jordantimes); from 0.3 some share only boilerplate paragraphs.
COPY_THRESHOLD = 0.5
#: MinHash permutations: 128 estimates a Jaccard of 0.5 within about ±0.05.
NUM_PERM = 128
#: Bands and rows per band of the LSH at ``COPY_THRESHOLD`` and ``NUM_PERM``: datasketch's
#: optimum (``MinHashLSH(0.5, 128).b, .r``; a test holds them equal), kept here so that
#: grouping stored signatures needs no datasketch, whose import takes scipy (about 1 s).
LSH_BANDS, LSH_ROWS = 25, 5
#: Seed of the MinHash permutations (a stored signature is only comparable with its seed's).
_SEED = 1
#: Words in a shingle.
SHINGLE_WORDS = 5
#: Texts with fewer shingles than this (about 35 words) are too short to call copies: two
#: one-sentence reports share most of their words without being one story.
MIN_SHINGLES = 30

#: Multiplier and mask of the shingles' polynomial hash (a 32-bit odd constant).
_MULTIPLIER = 0x9E3779B1
_MASK = 0xFFFFFFFF

#: Words of a text for shingling: letters and digits only, so quote marks, dashes and
#: punctuation (what a re-export changes) do not count.
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class CopyGroup:
    """Documents that are near-copies of one story, in corpus order."""

    story: str  # the first document's id
    docs: tuple[str, ...]
    outlets: tuple[str, ...]  # distinct outlets, in corpus order ("" for none)
    similarity: float  # the lowest estimated similarity that joined the group


def shingles(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The text's word ``size``-grams as 32-bit hashes (lower-cased, punctuation ignored).

    >>> len(shingles("One two three four five six")), len(shingles("one two"))
    (2, 0)
    >>> (shingles('He said "yes, 100 died" today ok') ==
    ...  shingles("he said \\u201cyes 100 died\\u201d today ok")).all()
    np.True_
    """
    import numpy as np  # here, not at import: 0.2 s that a streamed read does not need

    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter((zlib.crc32(word.encode("utf-8")) for word in words),
                         dtype=np.uint64, count=len(words))
    # a polynomial hash of each run of ``size`` word hashes, kept to 32 bits
    count = len(words) - size + 1
    grams = np.zeros(count, dtype=np.uint64)
    for offset in range(size):
        grams = (grams * np.uint64(_MULTIPLIER) + hashed[offset:offset + count]) & np.uint64(_MASK)
    return np.unique(grams)


def signature(text: str) -> np.ndarray | None:
    """The text's MinHash signature (``NUM_PERM`` 32-bit values), or None when the text
    is too short to call a copy (fewer than ``MIN_SHINGLES`` shingles).

    The store keeps signatures (``signature_bytes``), so its near-copies are found
    again without reading the texts: equal signatures give equal groups.
    """
    return _signature(shingles(text))


def _signature(hashed: np.ndarray) -> np.ndarray | None:
    """The MinHash signature of a text's shingles (None for fewer than ``MIN_SHINGLES``)."""
    if len(hashed) < MIN_SHINGLES:
        return None
    from datasketch import MinHash  # imported here: reading without copies is light

    permutations, scheme = _permutations()
    found = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=permutations, scheme=scheme)
    found.update_batch(hashed.tolist())
    return found.hashvalues


def signature_bytes(values: np.ndarray | None) -> bytes | None:
    """A signature as the bytes the store keeps (little-endian uint32), None as None."""
    return None if values is None else values.astype("<u4").tobytes()


def signature_of_bytes(data: bytes | None) -> np.ndarray | None:
    """The signature ``signature_bytes`` stored (None as None)."""
    import numpy as np

    return None if data is None else np.frombuffer(data, dtype="<u4").astype(np.uint32)


@functools.cache
def _permutations() -> tuple[np.ndarray, str]:
    """The MinHash permutations (drawing them is most of a signature's cost), drawn once."""
    from datasketch import MinHash

    first = MinHash(num_perm=NUM_PERM, seed=_SEED)
    return first.permutations, first.scheme


def find_copies(documents: Sequence[Document], threshold: float = COPY_THRESHOLD
                ) -> tuple[CopyGroup, ...]:
    """The groups of near-copies among ``documents`` (each group has two or more)."""
    long_enough = ((index, hashed) for index, document in enumerate(documents)
                   if len(hashed := shingles(document.text)) >= MIN_SHINGLES)
    head = list(itertools.islice(long_enough, 2))
    if len(head) < 2:  # no pair to compare: spare importing datasketch (and scipy, 1 s)
        return ()
    signatures = {index: _signature(hashed)
                  for index, hashed in itertools.chain(head, long_enough)}
    return group_signatures([(document.id, document.outlet) for document in documents],
                            signatures, threshold)


def group_signatures(documents: Sequence[tuple[str, str | None]],
                     signatures: Mapping[int, np.ndarray | None],
                     threshold: float = COPY_THRESHOLD) -> tuple[CopyGroup, ...]:
    """The groups of near-copies among ``documents`` ((id, outlet) in corpus order), from
    the signatures of those long enough (by index into ``documents``; None: too short).

    Locality-sensitive hashing as datasketch's ``MinHashLSH`` does it, on all signatures
    at once: two signatures are candidates when one of ``bands`` runs of ``rows`` values
    is equal, and copies when their estimated Jaccard similarity (the share of equal
    values, ``MinHash.jaccard``) is at least ``threshold``. Candidates are joined in
    (first, second) order; copies of copies are one story.
    """
    import numpy as np

    present = {index: values for index, values in signatures.items() if values is not None}
    indexes = np.array(sorted(present), dtype=np.int64)
    if len(indexes) < 2:
        return ()
    matrix = np.stack([present[int(index)] for index in indexes]).astype(np.uint32)
    bands, rows = _bands(threshold)
    parent = list(range(len(documents)))
    joined_at: dict[int, float] = {}

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first, second = _candidates(matrix, bands, rows)
    similarity = (matrix[first] == matrix[second]).sum(axis=1) / NUM_PERM
    for a_at, b_at, similar in zip(first.tolist(), second.tolist(), similarity.tolist(),
                                   strict=True):
        if similar < threshold:  # LSH candidates are only likely copies
            continue
        a, b = root(int(indexes[a_at])), root(int(indexes[b_at]))
        if a != b:
            parent[max(a, b)] = min(a, b)
            low = min(joined_at.get(a, 1.0), joined_at.get(b, 1.0), similar)
            joined_at[min(a, b)] = low
    members: dict[int, list[int]] = {}
    for index in indexes.tolist():
        members.setdefault(root(index), []).append(index)
    groups = []
    for head, joined in sorted(members.items()):
        if len(joined) < 2:
            continue
        docs = [documents[i] for i in sorted(joined)]
        outlets = tuple(dict.fromkeys(outlet or "" for _, outlet in docs))
        groups.append(CopyGroup(docs[0][0], tuple(doc_id for doc_id, _ in docs), outlets,
                                round(joined_at.get(head, 1.0), 3)))
    return tuple(groups)


def _bands(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) of the LSH for ``threshold``: datasketch's optimum for
    ``NUM_PERM`` permutations (``MinHashLSH(threshold, num_perm).b, .r``)."""
    if threshold == COPY_THRESHOLD:
        return LSH_BANDS, LSH_ROWS
    from datasketch import MinHashLSH  # its parameter search imports scipy

    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return index.b, index.r


def _candidates(matrix: np.ndarray, bands: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions (first < second, in that order, each pair once) of the signature rows that
    share at least one band."""
    import numpy as np

    count = len(matrix)
    codes = []
    for band in range(bands):
        values = matrix[:, band * rows:(band + 1) * rows]
        # rows whose band starts with the same value side by side (one sort of one column,
        # not of all of them); only those are compared whole
        order = np.argsort(values[:, 0], kind="stable")
        ranked = values[order, 0]
        starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
        sizes = np.diff(np.r_[starts, count])
        for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(),
                               strict=True):
            same_band: dict[bytes, list[int]] = {}
            for member in sorted(order[start:start + size].tolist()):
                same_band.setdefault(values[member].tobytes(), []).append(member)
            for members in same_band.values():
                if len(members) > 1:
                    joined = np.array(members, dtype=np.int64)
                    first, second = np.triu_indices(len(members), k=1)
                    codes.append(joined[first] * count + joined[second])
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    pairs = np.unique(np.concatenate(codes))
    return pairs // count, pairs % count


def stories(groups: Sequence[CopyGroup]) -> dict[str, str]:
    """Each copied document's id -> its story (the first document's id)."""
    return {doc: group.story for group in groups for doc in group.docs}
