"""Candidate retrieval (FTS5 BM25) and calibrated similarity on normalised text."""

from __future__ import annotations

import re
from functools import lru_cache

import sqlite_utils
import Stemmer
from rapidfuzz import fuzz, process

STOPWORDS = frozenset(
    "a about above after again against all also am an and any are as at be because been "
    "before being below between both but by can could did do does doing down during each few "
    "for from further had has have having he her here hers him his how i if in into is it its "
    "itself just me more most my no nor not now of off on once only or other our out over own "
    "same she should so some such than that the their them then there these they this those "
    "through to too under until up very was we were what when where which while who whom why "
    "will with would you your said says say told according per year one".split()
)
# Hedges qualify a figure; they carry no topic, so they neither retrieve nor score.
HEDGES = frozenset(
    "around about approximately roughly nearly almost some over under least most more less "
    "fewer than up to estimated estimate just only exactly".split()
)
# Dates and durations are compared as facts, so their words do not make two texts alike.
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday day days week weeks month months".split()
)
_TERM = re.compile(r"\w+")
_SUFFIX = re.compile(r"(?:ies|es|s|ing|ed|ly)$")
MAX_TERMS = 64
QUERY_TERMS = 64  # terms sent to FTS5 at most, rarest first (fewer cost MAP on tweets)
MIN_TERMS = 4  # the rarest this many are kept however common
MAX_DF_SHARE = 0.10  # above this share of claims a term costs more than it tells
MAX_POSTINGS = 4_000  # FTS work budget: rarest terms first until their postings add up
_PORTER = Stemmer.Stemmer("porter")  # the stems FTS5's porter tokenizer indexes
TYPO_CUTOFF = 85.0  # fuzz.ratio for one word to count as another misspelt


def content_words(norm: str) -> list[str]:
    """Words of a normalised text that carry meaning: no stopwords, hedges or bare numbers."""
    return [t for t in _TERM.findall(norm)
            if t not in STOPWORDS and t not in HEDGES and t not in CALENDAR
            and not t[0].isdigit() and len(t) > 1]


def dated(norm: str) -> int:
    """How many calendar words (months, days) a normalised text has."""
    return sum(t in CALENDAR for t in norm.split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude suffix strip so 'incidents' meets 'incident' and 'dies' meets 'die'."""
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def query_terms(norm: str, max_terms: int = MAX_TERMS) -> list[str]:
    """Distinct content words and numbers, longest (usually rarest) first."""
    seen: dict[str, None] = {}
    for term in _TERM.findall(norm):
        if term not in STOPWORDS and term not in HEDGES and (len(term) > 1 or term.isdigit()):
            seen.setdefault(term, None)
    return sorted(seen, key=len, reverse=True)[:max_terms]


def fts_query(terms: list[str]) -> str:
    """Terms OR-ed, each quoted so no word is read as FTS syntax."""
    return " OR ".join(f'"{t}"' for t in terms)


def select_terms(db: sqlite_utils.Database, terms: list[str]) -> list[str]:
    """The rarest terms by document frequency: OR-ing common words is what makes FTS slow."""
    if len(terms) <= MIN_TERMS:
        return terms
    stems = _PORTER.stemWords(terms)
    marks = ",".join("?" * len(stems))
    df = dict(db.execute(f"SELECT term, doc FROM term_stats WHERE term IN ({marks})", stems))
    total = db.execute("SELECT max(rowid) FROM claims").fetchone()[0] or 0
    ranked = sorted(zip(terms, stems, strict=True), key=lambda ts: df.get(ts[1], 0))
    ceiling = max(50, MAX_DF_SHARE * total)
    chosen, postings = [], 0
    for i, (term, stem_) in enumerate(ranked):
        freq = df.get(stem_, 0)
        if i >= MIN_TERMS and (freq > ceiling or postings + freq > MAX_POSTINGS):
            break
        chosen.append(term)
        postings += freq
    return chosen[:QUERY_TERMS]


def candidates(db: sqlite_utils.Database, norm: str, limit: int = 200,
               exclude_document: int | None = None, max_terms: int = MAX_TERMS) -> list[dict]:
    """The claims BM25 ranks best for a normalised text, best first (bm25: lower is better)."""
    terms = select_terms(db, query_terms(norm, max_terms))
    if not terms:
        return []
    # Rank inside FTS first and join the few winners: joining every match costs as much again.
    sql = (
        "SELECT claims.id, claims.document_id, claims.norm, claims.text, claims.context,"
        " hits.bm25 FROM (SELECT rowid, bm25(claims_fts, 1.0, 1.0) AS bm25 FROM claims_fts"
        "  WHERE claims_fts MATCH ? ORDER BY bm25 LIMIT ?) AS hits"
        " JOIN claims ON claims.id = hits.rowid {extra} ORDER BY hits.bm25"
    )
    extra = ""
    params: list = [fts_query(terms), limit]
    if exclude_document is not None:
        # Over-fetch a little: the document's own claims are dropped after ranking.
        params[1] = limit + 50
        extra = "WHERE claims.document_id != ?"
        params.append(exclude_document)
    return [dict(r) for r in db.query(sql.format(extra=extra), params)][:limit]


def similarity(a: str, b: str) -> float:
    """0-100: token_sort_ratio penalises extra words, unlike token_set_ratio's subset 100."""
    if not a or not b:
        return 0.0
    return max(fuzz.token_sort_ratio(a, b, processor=None),
               0.9 * fuzz.token_set_ratio(a, b, processor=None)
               if min(len(a), len(b)) > 0.6 * max(len(a), len(b)) else 0.0)


def matches(words: list[str], other: list[str]) -> list[float]:
    """Per word, 1 if `other` has it (up to a suffix), 0.9 if misspelt there, else 0."""
    pool = {stem(w) for w in other}
    out = []
    for word in words:
        key = stem(word)
        if key in pool:
            out.append(1.0)
        elif len(key) > 3 and process.extractOne(key, pool, scorer=fuzz.ratio,
                                                 score_cutoff=TYPO_CUTOFF, processor=None):
            out.append(0.9)
        else:
            out.append(0.0)
    return out


def coverage(words: list[str], other: list[str]) -> float:
    """Share of `words` found in `other`, a misspelt word counting when fuzz.ratio >= 85."""
    return sum(matches(words, other)) / len(words) if words else 0.0


def relevance(statement_words: list[str], claim_norm: str, context: str | None,
              dated: int = 0) -> float:
    """0-100 that the claim is about what the statement says, figures aside.

    Two coverages: of the statement's words by the claim, and of the claim's words by the
    statement, weighted towards the longer side's view: a short statement must be covered
    by the claim, a long tweet must cover the claim. A claim that merely shares the topic
    covers little either way, and a one-word claim cannot match everything.
    """
    claim_words = content_words(claim_norm)
    if not statement_words or not claim_words:
        return 0.0
    context_words = claim_words + content_words(context) if context else claim_words
    forward = coverage(statement_words, context_words)
    backward = coverage(claim_words, statement_words)
    weight = min(0.8, max(0.25, len(claim_words) / (len(claim_words) + len(statement_words))))
    # Fewer than three meaningful words, on either side, cannot establish that two texts
    # say the same thing ("Vote count: 1" against any sentence about counting votes).
    # A date in the statement counts as one: "held on January 30-31" says something.
    short = min(1.0, len(claim_words) / 3, (len(statement_words) + dated) / 3)
    return round(100.0 * short * (weight * forward + (1 - weight) * backward), 1)


def alignment(statement_norm: str, claim_text: str) -> tuple[int, int]:
    """Offsets, inside the claim text, of the stretch that best aligns with the statement."""
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in claim_text)
    found = fuzz.partial_ratio_alignment(statement_norm, lowered, processor=None)
    if found is None or found.score == 0:
        return 0, len(claim_text)
    start, end = found.dest_start, found.dest_end
    while start > 0 and claim_text[start - 1].isalnum():
        start -= 1
    while end < len(claim_text) and claim_text[end].isalnum():
        end += 1
    while start < end and not claim_text[start].isalnum():
        start += 1
    while end > start and not claim_text[end - 1].isalnum():
        end -= 1
    return (start, end) if end > start else (0, len(claim_text))
