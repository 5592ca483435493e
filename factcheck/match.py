"""Candidate retrieval (FTS5 BM25) and fuzzy similarity on normalised text."""

from __future__ import annotations

import re

import sqlite_utils
from rapidfuzz import fuzz

STOPWORDS = frozenset(
    "a about above after again against all also am an and any are as at be because been "
    "before being below between both but by can could did do does doing down during each few "
    "for from further had has have having he her here hers him his how i if in into is it its "
    "itself just me more most my no nor not now of off on once only or other our out over own "
    "same she should so some such than that the their them then there these they this those "
    "through to too under until up very was we were what when where which while who whom why "
    "will with would you your said says say told according per year one".split()
)
_TERM = re.compile(r"\w+")
MAX_TERMS = 16


def query_terms(norm: str, max_terms: int = MAX_TERMS) -> list[str]:
    """Distinct content words of a normalised text, longest (usually rarest) first."""
    seen: dict[str, None] = {}
    for term in _TERM.findall(norm):
        if term not in STOPWORDS and (len(term) > 1 or term.isdigit()):
            seen.setdefault(term, None)
    return sorted(seen, key=len, reverse=True)[:max_terms]


def fts_query(terms: list[str]) -> str:
    """Terms OR-ed, each quoted so no word is read as FTS syntax."""
    return " OR ".join(f'"{t}"' for t in terms)


def candidates(db: sqlite_utils.Database, norm: str, limit: int = 200,
               exclude_document: int | None = None) -> list[dict]:
    """The claims BM25 ranks best for a normalised text, best first."""
    terms = query_terms(norm)
    if not terms:
        return []
    sql = (
        "SELECT claims.id, claims.document_id, claims.norm, claims.text, claims.context,"
        " bm25(claims_fts, 1.0, 0.6) AS bm25 FROM claims_fts"
        " JOIN claims ON claims.id = claims_fts.rowid"
        " WHERE claims_fts MATCH ? {extra} ORDER BY bm25 LIMIT ?"
    )
    params: list = [fts_query(terms)]
    extra = ""
    if exclude_document is not None:
        extra = "AND claims.document_id != ?"
        params.append(exclude_document)
    params.append(limit)
    return [dict(r) for r in db.query(sql.format(extra=extra), params)]


def similarity(a: str, b: str) -> float:
    """0-100: token_sort_ratio penalises extra words, unlike token_set_ratio's subset 100."""
    if not a or not b:
        return 0.0
    return max(fuzz.token_sort_ratio(a, b, processor=None),
               0.9 * fuzz.token_set_ratio(a, b, processor=None)
               if min(len(a), len(b)) > 0.6 * max(len(a), len(b)) else 0.0)
