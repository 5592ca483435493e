"""Link the same claim across documents at ingest: BM25 candidates, then shared wording."""

from __future__ import annotations

import sqlite_utils

from .match import STOPWORDS, candidates, query_terms, similarity

RUN = 5  # words in a row two claims must share, at least three of them content words
MIN_SIMILARITY = 80.0
MIN_SCORE = 70.0  # four shared five-word runs: an eight-word stretch said the same way
CANDIDATES = 8


def _runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {
        gram for gram in (tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1))
        if sum(t not in STOPWORDS for t in gram) >= 3
    }


def corroboration_score(a: str, b: str) -> float:
    """0-100 for two normalised claims; 0 when they share only topic words."""
    shared = len(_runs(a.split()) & _runs(b.split()))
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
        for cand in candidates(db, " ".join(terms), CANDIDATES, exclude_document=document_id):
            score = corroboration_score(norm, cand["norm"])
            if score:
                links.append((claim_id, cand["id"], score))
    return links
