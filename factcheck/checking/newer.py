"""BM25 for the claims written since the postings were built, scored beside them.

FTS5 reads every query term's whole doclist even for a query limited to the newest ids,
so one claim written after the build cost each check ~2.5 ms on the news corpus (a third of
a lexical check). Up to `MAX_ROWS` such claims are instead read and stemmed once per state
of the store, inverted in memory, and scored with the postings' own statistics; more than
that, or postings built before they kept their mean length, go to FTS5 as before.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from dataclasses import dataclass

import sqlite_utils

from ..store import lexical as claims
from .lexical import K1, TOKEN, B, Postings

MAX_ROWS = 2_000  # past this many, FTS5 ranks the newer claims (the postings rebuild at 10%)


@dataclass(frozen=True)
class Newer:
    """The newer claims of one state: each stem's (claim id, term-frequency part)."""

    key: tuple
    postings: dict[str, list[tuple[int, float]]]
    docs: int  # how many newer claims, which count in each term's idf
    frequency: Counter  # stem -> how many newer claims hold it


_CACHE: dict[str, Newer] = {}
_LOCK = threading.Lock()


def newer_bm25(db: sqlite_utils.Database, found: Postings, now: claims.ClaimsState, *,
               stems: list[str], limit: int) -> list[tuple[int, float]] | None:
    """(claim id, bm25: negative, lower better) of the best newer claims, as the postings
    score theirs; None where they cannot be scored here (FTS5 then ranks them)."""
    if found.avgdl is None or now.max_id - found.state.max_id > MAX_ROWS:
        return None
    path = claims.db_file(db)
    key = (found.state, now.max_id, now.deleted)
    with _LOCK:
        newer = _CACHE.get(path)
    if newer is None or newer.key != key:
        newer = _read(db, found, key, now.max_id)
        with _LOCK:
            _CACHE[path] = newer
    return _scored(newer, found, stems, limit)


def _read(db: sqlite_utils.Database, found: Postings, key: tuple, up_to: int) -> Newer:
    """The newer claims stemmed as the postings' build stems them, one text each."""
    rows = claims.claims_after(db, found.state.max_id, up_to)
    words = [TOKEN.findall(f"{norm} {context}".lower()) for _id, norm, context in rows]
    stems = claims.porter_stems(w for each in words for w in each)
    postings: dict[str, list[tuple[int, float]]] = {}
    frequency: Counter = Counter()
    for (claim_id, _norm, _context), each in zip(rows, words, strict=True):
        tf = Counter(s for w in each for s in stems[w])
        length = sum(tf.values())
        norm_len = K1 * (1 - B + B * length / found.avgdl)
        for stem, count in tf.items():
            weight = count * (K1 + 1) / (count + norm_len)
            postings.setdefault(stem, []).append((claim_id, weight))
        frequency.update(tf.keys())
    return Newer(key, postings, len(rows), frequency)


def _scored(newer: Newer, found: Postings, stems: list[str], limit: int
            ) -> list[tuple[int, float]]:
    """As `Postings.search` scores its rows: each stem of the query (repeats too) adds its
    idf times the claim's term-frequency part."""
    n = len(found.ids) + newer.docs
    scores: Counter = Counter()
    for stem in stems:
        hits = newer.postings.get(stem)
        if not hits:
            continue
        term = found.terms.get(stem)
        df = newer.frequency[stem] + (0 if term is None else
                                      int(found.offsets[term + 1] - found.offsets[term]))
        idf = max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)
        for claim_id, weight in hits:
            scores[claim_id] += idf * weight
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [(claim_id, -score) for claim_id, score in best]
