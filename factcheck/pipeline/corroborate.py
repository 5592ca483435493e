"""Link the same claim across documents at ingest: candidates, then shared wording.

One document at a time, candidates come from the FTS index. A bulk load instead hashes
every claim's five-word runs once and pairs the claims sharing them in numpy: a query per
claim would cost more than the whole extraction at news-corpus size.
"""

from __future__ import annotations

from array import array
from collections.abc import Set

import numpy as np
import sqlite_utils

from .. import store
from ..checking.retrieval import candidates, query_terms
from ..checking.similarity import STOPWORDS, similarity

RUN = 5  # words in a row two claims must share, at least three of them content words
MIN_SIMILARITY = 80.0
MIN_SCORE = 70.0  # four shared five-word runs: an eight-word stretch said the same way
CANDIDATES = 8
COMMON_RUN = 50  # a run found in more claims than this is boilerplate, not evidence


def _runs(text: str) -> set[tuple[str, ...]]:
    tokens = text.split()
    return set(zip(*(tokens[i:] for i in range(RUN)), strict=False))


def _content_runs(shared: set[tuple[str, ...]]) -> int:
    """Shared runs that carry meaning: at least three content words, not just 'of the'."""
    return sum(1 for gram in shared if sum(t not in STOPWORDS for t in gram) >= 3)


def _numbers(norm: str) -> set[str]:
    return {t for t in norm.split() if t[0].isdigit()}


def corroboration_score(a: str, b: str, *, a_runs: set | None = None,
                        a_numbers: set[str] | None = None) -> float:
    """0-100 for two normalised claims; 0 when they share only topic words or differ in numbers.
    `a_runs`, `a_numbers`: a's, when already known (one claim meets many others)."""
    mine = _numbers(a) if a_numbers is None else a_numbers
    shared = (a_runs if a_runs is not None else _runs(a)) & _runs(b)
    return _score(a, b, mine, _numbers(b), _content_runs(shared))


def _score(a: str, b: str, a_numbers: Set[str], b_numbers: Set[str], shared: int) -> float:
    """The score of two claims given their figures and their shared runs of content words."""
    if a_numbers and b_numbers and a_numbers != b_numbers:
        return 0.0  # same wording, other figures: a conflict for the checker, not support
    score = max(similarity(a, b), min(100.0, 50.0 + 5.0 * shared))
    return round(score, 1) if score >= MIN_SCORE else 0.0


def find_links(db: sqlite_utils.Database, document_id: int,
               claims: list[tuple[int, str]]) -> list[tuple[int, int, float]]:
    """(claim, other claim, score) for claims of this document found in other documents."""
    links = []
    for claim_id, norm in claims:
        terms = query_terms(norm, max_terms=6)
        if len(terms) < 3:
            continue
        runs = _runs(norm)
        for cand in candidates(db, " ".join(terms), CANDIDATES, exclude_document=document_id):
            score = corroboration_score(norm, cand["norm"], a_runs=runs)
            if score:
                links.append((claim_id, cand["id"], score))
    return links


_MIX = np.uint64(1_000_003)  # the multiplier folding a run's five word hashes into one


def _run_hashes(db: sqlite_utils.Database) -> tuple[list, list, list, np.ndarray, np.ndarray,
                                                     np.ndarray]:
    """Every claim (ids, documents, normal forms) and its five-word runs, hashed, with the
    position of the claim each came from (by claim id) and its count of content words.

    Words are hashed once and their runs folded in numpy: a tuple a run and a set a claim
    took 2 s of the news corpus's linking, all of it in one process.
    """
    ids, documents, norms, lengths = [], [], [], array("q")
    words = array("q")
    for claim_id, document_id, norm in sorted(store.claim_norms(db)):
        tokens = norm.split()
        words.extend(map(hash, tokens))
        lengths.append(len(tokens))
        ids.append(claim_id)
        documents.append(document_id)
        norms.append(norm)
    words = np.frombuffer(words, np.int64).view(np.uint64)
    owner = np.repeat(np.arange(len(ids), dtype=np.int64), np.frombuffer(lengths, np.int64))
    stop = np.sort(np.array([hash(w) for w in STOPWORDS], np.int64).view(np.uint64))
    found = np.minimum(np.searchsorted(stop, words), len(stop) - 1)  # isin sorted every word
    content = stop[found] != words
    starts = len(words) - RUN + 1
    if starts <= 0:
        empty = np.zeros(0, np.int64)
        return ids, documents, norms, empty, empty, empty
    folded, meaning = np.zeros(starts, np.uint64), np.zeros(starts, np.int64)
    for k in range(RUN):  # wraps around at 2**64, as a hash may
        folded = folded * _MIX + words[k:k + starts]
        meaning += content[k:k + starts]
    whole = owner[:starts] == owner[RUN - 1:]  # the run lies within one claim
    return (ids, documents, norms, folded[whole].view(np.int64), owner[:starts][whole],
            meaning[whole])


def _shared_pairs(hashes: np.ndarray, owners: np.ndarray, claims: int) -> np.ndarray:
    """(a, b) positions, a < b, of claims sharing two runs or more that at most COMMON_RUN
    claims have: every pair of every such run's claims, counted in numpy."""
    order = np.argsort(hashes, kind="stable")  # stable: a run's claims stay in id order
    hashes, owners = hashes[order], owners[order]
    again = np.zeros(len(hashes), dtype=bool)  # (no runs at all: none again)
    again[1:] = (hashes[1:] == hashes[:-1]) & (owners[1:] == owners[:-1])
    hashes, owners = hashes[~again], owners[~again]  # a run said twice in one claim: once
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    sizes = np.diff(np.r_[starts, len(hashes)])
    keys = []
    for size in range(2, COMMON_RUN + 1):
        members = owners[starts[sizes == size][:, None] + np.arange(size)]
        first, second = np.triu_indices(size, 1)
        keys.append((members[:, first] * claims + members[:, second]).ravel())
    pairs, shared = np.unique(np.concatenate(keys), return_counts=True)
    pairs = pairs[shared >= 2]
    return np.stack([pairs // claims, pairs % claims], axis=1)


class _Claims:
    """What scoring a claim needs, read from the run arrays once per claim and kept."""

    def __init__(self, norms: list[str], hashes: np.ndarray, owners: np.ndarray,
                 meaning: np.ndarray):
        self.norms, self.hashes, self.meaning = norms, hashes, meaning
        self.bounds = np.searchsorted(owners, np.arange(len(norms) + 1))  # owners ascend
        self.known: dict[int, tuple[frozenset, frozenset]] = {}

    def __getitem__(self, i: int) -> tuple[frozenset, frozenset]:
        """A claim's runs of content words (hashed) and its figures."""
        if i not in self.known:
            start, end = self.bounds[i], self.bounds[i + 1]
            runs = self.hashes[start:end][self.meaning[start:end] >= 3]
            self.known[i] = frozenset(runs.tolist()), frozenset(_numbers(self.norms[i]))
        return self.known[i]


def link_batch(db: sqlite_utils.Database, new_ids: list[int], chunk: int = 5000) -> int:
    """Link new claims to claims of other documents through shared runs; returns links made.
    The pairs are found in numpy over all claims at once: a dict of runs and a Counter a
    claim took the news corpus's linking 10 s, most of it one process."""
    if not new_ids:
        return 0
    ids, documents, norms, hashes, owners, meaning = _run_hashes(db)
    fresh = np.isin(np.array(ids, dtype=np.int64), np.array(new_ids, dtype=np.int64))
    docs = np.array(documents, dtype=np.int64)
    pairs = _shared_pairs(hashes, owners, len(ids))
    pairs = pairs[(docs[pairs[:, 0]] != docs[pairs[:, 1]])
                  & (fresh[pairs[:, 0]] | fresh[pairs[:, 1]])]
    # From the new claim, as one document at a time would.
    mine = np.where(fresh[pairs[:, 0]], pairs[:, 0], pairs[:, 1])
    other = pairs[:, 0] + pairs[:, 1] - mine
    order = np.argsort(mine, kind="stable")
    claims, links = _Claims(norms, hashes, owners, meaning), []
    for a, b in zip(mine[order].tolist(), other[order].tolist(), strict=True):
        (a_runs, a_numbers), (b_runs, b_numbers) = claims[a], claims[b]
        score = _score(norms[a], norms[b], a_numbers, b_numbers, len(a_runs & b_runs))
        if score:
            links.append((ids[a], ids[b], score))
    made = 0
    for start in range(0, len(links), chunk):
        made += _flush(db, links[start:start + chunk])
    return made


def _flush(db: sqlite_utils.Database, links: list) -> int:
    with store.writing(db):
        store.insert_links(db, links)
    return len(links)


def link_pending(db: sqlite_utils.Database) -> int:
    """Link the claims of every document stored without links (a bulk load, or one a crash
    interrupted before its linking pass), then mark them linked."""
    made = link_batch(db, store.unlinked_claim_ids(db))
    store.mark_linked(db)
    return made
