"""Candidates from BM25 and from dense vectors, united, and one calibrated score each.

Lexical candidates come from FTS5 BM25 and dense ones from the nearest vectors over every
claim (not only BM25's list). Their union is ordered by a fused signal (BM25 and cosine,
each as a share of the best), the best few are rescored with rapidfuzz word coverage, and
each gets one score: the probability, from a logistic model (bench/calibrate.py), that the
claim states what the statement states (the semantic fit, or the lexical one without a
model or where a long claim dilutes the cosine). Evidence is ordered by it, and the
verdict thresholds read it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sqlite_utils

from . import retrieval
from .dense import Index
from .similarity import content_words, dated, relevance

# Fitted by bench/calibrate.py on CheckThat! 2020 train and Reuters statements (dev, test
# and BBC only report): weights over (cosine, fused, coverage / 100, BM25 share) that rank
# a query's pool best (softmax likelihood of the right claim), then a logistic map of that
# ranking score to the probability that a candidate is the claim (the order is kept).
SEMANTIC_MODEL = ((6.721, 8.938, 1.839, 3.911), 0.852, -14.750)
LEXICAL_MODEL = ((0.0, 6.017, 3.294, 6.017), 1.190, -15.547)
# A claim with this many times the statement's content words is read lexically too
# (`calibrated`): its cosine with a statement of one clause of it is diluted.
DILUTED = 3.0


@dataclass
class Candidate:
    claim_id: int
    bm25: float | None = None  # FTS5's (lower is better); None: dense only
    cosine: float | None = None  # None: lexical only (no model, or no vector)
    bm25_norm: float = 0.0
    cosine_norm: float = 0.0
    fused: float = 0.0
    coverage: float = 0.0  # 0-100 rapidfuzz word coverage, figures aside
    score: float = 0.0  # 0-100 calibrated
    norm: str = ""
    context: str | None = None  # counted as the claim's wording (an imported title)
    heading: str | None = None  # its article's title, which may name whom it speaks of
    lexical: bool = False  # the score is the lexical estimate (no cosine, or a diluted one)


def _share(values: dict[int, float]) -> dict[int, float]:
    """Each value as a share of the best (0-1). Unlike min-max, the second of two close
    passages is not pushed to 0, so a small store scores like a large one."""
    if not values:
        return {}
    best = max(values.values())
    if best <= 1e-12:
        return dict.fromkeys(values, 0.0)
    return {k: max(0.0, v) / best for k, v in values.items()}


def gather(db: sqlite_utils.Database, norm: str, *, vector: np.ndarray | None,
           index: Index | None, lexical: int, dense: int, bm25_weight: float,
           nearest: list[tuple[int, float]] | None = None,
           lexical_hits: list[dict] | None = None) -> list[Candidate]:
    """The union of BM25's and the vectors' best, ordered by the fused signal.

    `nearest` and `lexical_hits`: the vectors' and BM25's best when already searched."""
    found: dict[int, Candidate] = {}
    if lexical_hits is None:
        lexical_hits = retrieval.bm25(db, norm, lexical, prune=True)
    for row in lexical_hits:
        found[row["id"]] = Candidate(row["id"], bm25=row["bm25"])
    if index is not None and vector is not None:
        if nearest is None:
            nearest = index.search(vector, dense)
        for claim_id, cosine in nearest:
            found.setdefault(claim_id, Candidate(claim_id)).cosine = cosine
        missing = [c.claim_id for c in found.values() if c.cosine is None]
        for claim_id, cosine in index.cosines(vector, missing).items():
            found[claim_id].cosine = cosine
    # FTS5's bm25() is negative, lower better: its negation is the usual positive BM25.
    bm25 = _share({k: -c.bm25 for k, c in found.items() if c.bm25 is not None})
    cosines = _share({k: c.cosine for k, c in found.items() if c.cosine is not None})
    for key, cand in found.items():
        cand.bm25_norm, cand.cosine_norm = bm25.get(key, 0.0), cosines.get(key, 0.0)
        # A claim with no vector yet (written since, or re-extracted, and not embedded) is
        # ranked by BM25 alone: a cosine of 0 put the very sentence quoted out of the pool.
        weight = bm25_weight if key in cosines else 1.0
        cand.fused = weight * cand.bm25_norm + (1 - weight) * cand.cosine_norm
    return sorted(found.values(), key=lambda c: (-c.fused, c.claim_id))


def _probability(model, cosine: float, fused: float, coverage: float, bm25: float) -> float:
    w, scale, shift = model
    ranking = w[0] * cosine + w[1] * fused + w[2] * coverage / 100 + w[3] * bm25
    return 100.0 / (1.0 + math.exp(-(scale * ranking + shift)))


def calibrated(cand: Candidate, semantic: bool, *, diluted: bool = False) -> float:
    """0-100: the fitted probability that the claim states what the statement states.

    `diluted`: the claim says much more than the statement (`DILUTED`), so its vector is
    mostly about the rest and the cosine undersells a statement of one of its clauses
    ("Biden and Xi met in Woodside on November 15" against a 44-word sentence that says
    so: cosine 0.36). The lexical estimate, which reads how much of the statement the
    claim covers, is taken there when it is the higher; `cand.lexical` says which was."""
    estimates = []  # (score, whether it is the lexical one), the semantic one first
    if semantic and cand.cosine is not None:
        estimates.append((round(_probability(SEMANTIC_MODEL, cand.cosine, cand.fused,
                                             cand.coverage, cand.bm25_norm), 1), False))
    if diluted or not estimates:
        estimates.append((round(_probability(LEXICAL_MODEL, 0.0, cand.bm25_norm,
                                             cand.coverage, cand.bm25_norm), 1), True))
    score, cand.lexical = max(estimates, key=lambda estimate: estimate[0])
    return score


def rank(db: sqlite_utils.Database, norm: str, *, vector: np.ndarray | None,
         index: Index | None, lexical: int = 100, dense: int = 100, rescored: int = 30,
         bm25_weight: float = 0.2, nearest: list[tuple[int, float]] | None = None,
         lexical_hits: list[dict] | None = None,
         acronyms: dict[str, str] | None = None) -> list[Candidate]:
    """Candidates rescored and ordered by their calibrated score, best first.

    `acronyms`: those the statement's normal form spells out (`retrieval.acronyms`); a
    claim that writes them short is spelt out the same way before its words are counted,
    or the very sentence a statement quotes would cover only part of it."""
    pool = gather(db, norm, vector=vector, index=index, lexical=lexical, dense=dense,
                  bm25_weight=bm25_weight, nearest=nearest,
                  lexical_hits=lexical_hits)[:rescored]
    texts = retrieval.claim_texts(db, [c.claim_id for c in pool])
    words, calendar = content_words(norm), dated(norm)
    semantic = index is not None and vector is not None
    for cand in pool:
        cand.norm, cand.context, cand.heading = texts.get(cand.claim_id, ("", None, None))
        claim_norm = retrieval.expanded(cand.norm, acronyms) if acronyms else cand.norm
        cand.coverage = relevance(words, claim_norm, cand.context, dated=calendar)
        diluted = semantic and len(content_words(claim_norm)) >= DILUTED * max(1, len(words))
        cand.score = calibrated(cand, semantic, diluted=diluted)
    pool.sort(key=lambda c: (-c.score, -c.fused, c.claim_id))
    return pool
