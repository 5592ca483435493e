"""Candidate retrieval: FTS5 BM25 over the claims; the only SQL outside `store/`."""

from __future__ import annotations

import sqlite_utils

from ..extract.facts import ACRONYM
from ..store import lexical as claims
from ..store.lexical import porter_stems
from ..text.normalize import normalize
from . import lexical
from .newer import newer_bm25
from .similarity import HEDGES, STOPWORDS, TERM

MAX_TERMS = 64
QUERY_TERMS = 64  # terms sent to FTS5 at most, rarest first (fewer cost MAP on tweets)
MIN_TERMS = 4  # the rarest this many are kept however common
MAX_DF_SHARE = 0.10  # above this share of claims a term costs more than it tells
MAX_POSTINGS = 4_000  # FTS work budget: rarest terms first until their postings add up
# Below this many postings in all, every term is sent: pruning there saved little time and
# cost ranking (2022-2A dev lexical MAP@5 0.886 pruned, 0.899 whole; SciFact R@5 -0.014).
FULL_POSTINGS = 12_000


def query_terms(norm: str, max_terms: int = MAX_TERMS) -> list[str]:
    """Distinct content words and numbers, longest (usually rarest) first."""
    seen: dict[str, None] = {}
    for term in TERM.findall(norm):
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
    stem_of = porter_stems(terms)  # a term FTS5 splits is looked up by its first token
    stems = [stem_of[t][0] if stem_of[t] else t for t in terms]
    df = term_frequencies(db, stems)
    total = db.execute("SELECT max(rowid) FROM claims").fetchone()[0] or 0
    ranked = sorted(zip(terms, stems, strict=True), key=lambda ts: df.get(ts[1], 0))
    if sum(df.get(stem_, 0) for _, stem_ in ranked) <= FULL_POSTINGS:
        return [term for term, _ in ranked][:QUERY_TERMS]  # cheap enough whole: no loss
    ceiling = max(50, MAX_DF_SHARE * total)
    chosen, postings = [], 0
    for i, (term, stem_) in enumerate(ranked):
        freq = df.get(stem_, 0)
        if i >= MIN_TERMS and (freq > ceiling or postings + freq > MAX_POSTINGS):
            break
        chosen.append(term)
        postings += freq
    return chosen[:QUERY_TERMS]


def candidates(db: sqlite_utils.Database, norm: str, limit: int = 200, *,
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


def bm25(db: sqlite_utils.Database, norm: str, limit: int = 100, *,
         prune: bool = False) -> list[dict]:
    """(id, bm25) of the claims BM25 ranks best, best first: all query terms OR-ed.

    The postings beside the store (`lexical`) score every term; only a store in memory goes
    to FTS5 for all of it, where `prune` keeps the rarest terms within a postings budget
    (faster on a large store, but it can lose recall).
    """
    terms = query_terms(norm)
    if not terms:
        return []
    found = lexical.index_for(db)
    if found is None:
        terms = select_terms(db, terms) if prune else terms
        rows = db.execute("SELECT rowid, bm25(claims_fts, 1.0, 1.0) AS score FROM claims_fts"
                          " WHERE claims_fts MATCH ? ORDER BY score LIMIT ?",
                          [fts_query(terms), limit])
        return [{"id": r[0], "bm25": r[1]} for r in rows]
    postings, now = found
    stems = porter_stems(terms)
    chosen = [s for t in terms for s in stems[t]]
    hits = postings.search(chosen, limit)
    if now.max_id > postings.state.max_id:  # added since the postings were built
        newer = newer_bm25(db, postings, now, stems=chosen, limit=limit)
        if newer is None:
            newer = claims.newer_bm25(db, fts_query(terms), after=postings.state.max_id,
                                      limit=limit)
        hits = sorted(hits + newer, key=lambda h: h[1])[:limit]
    return [{"id": i, "bm25": score} for i, score in hits]


def claim_texts(db: sqlite_utils.Database,
                ids: list[int]) -> dict[int, tuple[str, str | None, str | None]]:
    """(normal form, wording context, heading) of some claims, by id.

    BM25 searches every claim with its context, but only an imported fact-check's title
    restates the claim: an article's headline says what the article is about, and counted
    as a sentence's wording it made "Jet Airways" a name of "The company has grown...".
    The heading (the context as stored) only names whom a passage naming nobody speaks of
    (`judge.compare_entities`)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r[0]: (r[1], r[2], r[3]) for r in db.execute(
        "SELECT id, norm, CASE WHEN external_id IS NULL THEN NULL ELSE context END, context"
        f" FROM claims WHERE id IN ({marks})", ids)}


def term_frequencies(db: sqlite_utils.Database, stems: list[str]) -> dict[str, int]:
    """How many claims have each of some porter stems (a stem none has is left out)."""
    if not stems:
        return {}
    marks = ",".join("?" * len(stems))
    return dict(db.execute(
        f"SELECT term, doc FROM term_stats WHERE term IN ({marks}) AND doc > 0", stems))


def claim_quotes(db: sqlite_utils.Database, ids: list[int]) -> list[str]:
    """The text of some claims as their documents spell it."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [r[0] for r in db.execute(f"SELECT text FROM claims WHERE id IN ({marks})", ids)]


def store_state(db: sqlite_utils.Database) -> tuple[str, int]:
    """The store's file and its last claim id: what a cached reading of it depends on."""
    path = db.execute("PRAGMA database_list").fetchone()[2] or f"memory:{id(db)}"
    return path, db.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]


def texts_with(db: sqlite_utils.Database, word: str, limit: int) -> list[str]:
    """The text of up to `limit` claims that have a word (by its porter stem), as written."""
    return [r[0] for r in db.execute(
        "SELECT c.text FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid"
        " WHERE claims_fts MATCH ? LIMIT ?", [f'"{word}"', limit])]


def acronyms(db: sqlite_utils.Database, statement: str) -> dict[str, str]:
    """The statement's acronyms the corpus has learned ('INCB'), each as its normal-form
    token and the normal form of its commonest expansion."""
    found: dict[str, str] = {}
    for acronym in sorted({m.group() for m in ACRONYM.finditer(statement)}):
        token = normalize(acronym)
        if not token or len(token.split()) != 1 or token in found:
            continue
        row = db.execute("SELECT expansion FROM acronyms WHERE acronym = ? GROUP BY expansion"
                         " ORDER BY count(*) DESC LIMIT 1",
                         [acronym.replace(".", "").upper()]).fetchone()
        if row:
            found[token] = normalize(row[0])
    return found


def expanded(norm: str, found: dict[str, str]) -> str:
    """A normal form with each acronym token of `found` replaced by its expansion."""
    for token, expansion in found.items():
        norm = f" {norm} ".replace(f" {token} ", f" {expansion} ").strip()
    return norm


def every_word(db: sqlite_utils.Database, q: str) -> str | None:
    """FTS5 syntax for a search box: every word of `q`, a learned acronym either as
    written or spelt out (a claim may write either); None when no word is searchable."""
    found = acronyms(db, q)
    terms = query_terms(normalize(q))
    groups = []
    for term in terms + [t for t in found if t not in terms]:  # 'US' is a stopword too
        spelt = found.get(term, "").replace('"', '""')
        groups.append(f'("{term}" OR "{spelt}")' if spelt else f'"{term}"')
    return " AND ".join(groups) or None


def both_forms(norm: str, found: dict[str, str]) -> str:
    """A spelt-out normal form with its acronyms as written as well, for BM25: a stored
    claim keeps the short form, so spelling out must add terms, not replace them."""
    short = [token for token in found if f" {token} " not in f" {norm} "]
    return " ".join([norm, *short])
