"""Link the same claim across documents at ingest: candidates, then shared wording.

One document at a time, candidates come from the FTS index. A bulk load instead indexes
every claim's five-word runs in memory once: a query per claim would cost more than the
whole extraction at news-corpus size.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter, defaultdict

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
    theirs = _numbers(b)
    if mine and theirs and mine != theirs:
        return 0.0  # same wording, other figures: a conflict for the checker, not support
    shared = _content_runs((a_runs if a_runs is not None else _runs(a)) & _runs(b))
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


def _content_hashes(norm: str, runs: set | None = None) -> set[int]:
    # Every run is indexed: filtering for content words here cost more than it saved, and
    # corroboration_score counts only meaningful runs anyway; COMMON_RUN drops boilerplate.
    return {hash(g) for g in (_runs(norm) if runs is None else runs)}


PARALLEL_CLAIMS = 20_000  # new claims past which a second process scores half of them
_FORKED: tuple | None = None  # what a forked scorer reads (set in the parent before forking)


def _run_index(db: sqlite_utils.Database) -> tuple[dict[int, list[int]], dict]:
    """Every claim's five-word runs, hashed, to the claims that have them; and the claims."""
    index: dict[int, list[int]] = defaultdict(list)
    claims: dict[int, tuple[int, str]] = {}
    for claim_id, document_id, norm in store.claim_norms(db):
        claims[claim_id] = (document_id, norm)
        for h in _content_hashes(norm):
            index[h].append(claim_id)
    return index, claims


def _links_for(ids: list[int], index: dict, claims: dict,
               fresh: set[int]) -> list[tuple[int, int, float]]:
    """(claim, other claim, score) for claims sharing runs with another document's."""
    links = []
    for claim_id in ids:
        document_id, norm = claims[claim_id]
        counts: Counter = Counter()
        runs = _runs(norm)
        for h in _content_hashes(norm, runs):
            found = index.get(h, ())
            if 1 < len(found) <= COMMON_RUN:
                counts.update(found)
        numbers = _numbers(norm)
        for other, shared in counts.items():
            other_doc, other_norm = claims[other]
            if shared < 2 or other_doc == document_id or (other in fresh and other < claim_id):
                continue
            score = corroboration_score(norm, other_norm, a_runs=runs, a_numbers=numbers)
            if score:
                links.append((claim_id, other, score))
    return links


def _forked_half(_: int) -> list[tuple[int, int, float]]:
    index, claims, ids, fresh = _FORKED
    return _links_for(ids[1::2], index, claims, fresh)


def link_batch(db: sqlite_utils.Database, new_ids: list[int],
               chunk: int = 5000) -> int:
    """Link new claims to claims of other documents through shared runs; returns links made.
    A bulk load scores half the claims in a forked process (the index is built once and
    shared with it), which took the news corpus's linking from 12.9 to 10.0 s."""
    global _FORKED
    if not new_ids:
        return 0
    index, claims = _run_index(db)
    fresh = set(new_ids)
    if len(new_ids) < PARALLEL_CLAIMS:
        links = _links_for(new_ids, index, claims, fresh)
    else:
        _FORKED = (index, claims, new_ids, fresh)
        try:
            with multiprocessing.get_context("fork").Pool(1) as pool:
                other = pool.apply_async(_forked_half, (0,))
                links = _links_for(new_ids[0::2], index, claims, fresh) + other.get()
        finally:
            _FORKED = None
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
