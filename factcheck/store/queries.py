"""Read queries shared by the CLI, the API and the pages: documents, claims and facts."""

from __future__ import annotations

import json
from pathlib import PurePath

import sqlite_utils

CONTEXT_CHARS = 40
MAX_ID = 2**63 - 1  # SQLite's largest integer; a larger id names nothing
# What a reader may see of a document: never its source key (a server path) or text here.
_DOCUMENT_FIELDS = ("id, title, url, publisher, source, place, published, path, kind, sha256,"
                    " ingested_at, extractor_version, inferred, claim_count")


def _decode(row: dict, *fields: str) -> dict:
    for name in fields:
        if row.get(name) is not None:
            row[name] = json.loads(row[name])
    return row


def facts_of(db: sqlite_utils.Database, claim_ids: list[int]) -> dict[int, list[dict]]:
    """Facts by claim id, each with its span in document offsets."""
    out: dict[int, list[dict]] = {i: [] for i in claim_ids}
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        sql = ("SELECT claim_id, kind, span_start AS start, span_end AS end, text, value, unit,"
               f" extra FROM facts WHERE claim_id IN ({','.join('?' * len(chunk))})"
               " ORDER BY claim_id, span_start, id")
        for row in db.query(sql, chunk):
            out[row.pop("claim_id")].append(_decode(row, "extra"))
    return out


def claims_by_id(db: sqlite_utils.Database, ids: list[int]) -> list[dict]:
    """Some claims with their spans, facts and document title."""
    if not ids:
        return []
    return _claim_rows(db, f"c.id IN ({','.join('?' * len(ids))})", list(ids))


def claims_of_document(db: sqlite_utils.Database, document_id: int) -> list[dict]:
    """A document's claims in text order."""
    return _claim_rows(db, "c.document_id = ?", [document_id])


def all_claims(db: sqlite_utils.Database, *, limit: int | None = None,
               offset: int = 0) -> list[dict]:
    """Every claim, by document and position, a page at a time."""
    return _claim_rows(db, "1", [], limit=limit, offset=offset)


def _claim_rows(db: sqlite_utils.Database, where: str, params: list, *,
                limit: int | None = None, offset: int = 0) -> list[dict]:
    """Claims with their spans, facts and document title; `where` is this module's SQL."""
    sql = ("SELECT c.id, c.document_id, c.span_start AS start, c.span_end AS end, c.text AS quote,"
           " c.checkworthiness, c.reasons, c.external_id, c.rating, d.title AS document_title"
           " FROM claims c JOIN documents d ON d.id = c.document_id"
           f" WHERE {where} ORDER BY c.document_id, c.span_start, c.id")
    params = list(params or [])
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = [_decode(dict(r), "reasons") for r in db.query(sql, params)]
    facts = facts_of(db, [r["id"] for r in rows])
    for row in rows:
        row["facts"] = facts[row["id"]]
    return rows


def claim(db: sqlite_utils.Database, claim_id: int) -> dict | None:
    """One claim with its span, quote context, facts, document and corroborating claims."""
    if not 0 <= claim_id <= MAX_ID:
        return None
    rows = claims_by_id(db, [claim_id])
    if not rows:
        return None
    row = rows[0]
    text = db.execute("SELECT text FROM documents WHERE id = ?",
                      [row["document_id"]]).fetchone()[0]
    row["prefix"] = text[max(0, row["start"] - CONTEXT_CHARS):row["start"]]
    row["suffix"] = text[row["end"]:row["end"] + CONTEXT_CHARS]
    row["corroboration"] = corroborating(db, [claim_id]).get(claim_id, [])
    return row


def corroborating(db: sqlite_utils.Database, claim_ids: list[int]) -> dict[int, list[dict]]:
    """Claims of other documents linked to each claim, best first."""
    out: dict[int, list[dict]] = {i: [] for i in claim_ids}
    if not claim_ids:
        return out
    sql = ("SELECT k.claim_id AS for_id, c.id AS claim_id, k.score, c.span_start AS start,"
           " c.span_end AS end, c.text AS quote, c.document_id, d.title AS document_title"
           " FROM corroborations k JOIN claims c ON c.id = k.other_id"
           " JOIN documents d ON d.id = c.document_id"
           f" WHERE k.claim_id IN ({','.join('?' * len(claim_ids))}) ORDER BY k.score DESC")
    for row in db.query(sql, claim_ids):
        out[row.pop("for_id")].append(row)
    return out


def documents(db: sqlite_utils.Database, *, limit: int = 50, offset: int = 0,
              q: str = "") -> tuple[int, list[dict]]:
    """(total, page) of document metadata without the text, by id; `q` searches titles."""
    where, params = ("title LIKE ? ESCAPE '\\' OR publisher LIKE ? ESCAPE '\\'",
                     [_like(q)] * 2) if q.strip() else ("1", [])
    total = db.execute(f"SELECT count(*) FROM documents WHERE {where}", params).fetchone()[0]
    rows = [_public(_decode(dict(r), "inferred")) for r in db.query(
        f"SELECT {_DOCUMENT_FIELDS} FROM documents WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
        [*params, limit, offset])]
    return total, rows


def _like(q: str) -> str:
    """A LIKE pattern matching `q` anywhere, its own % and _ taken literally."""
    escaped = q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def document(db: sqlite_utils.Database, document_id: int) -> dict | None:
    if not 0 <= document_id <= MAX_ID:
        return None
    rows = list(db.query(f"SELECT {_DOCUMENT_FIELDS}, text FROM documents WHERE id = ?",
                         [document_id]))
    return _public(_decode(dict(rows[0]), "inferred")) if rows else None


def _public(row: dict) -> dict:
    """A document row fit to show: a path stored absolute by an older build loses its folders."""
    if row.get("path") and (row["path"].startswith("/") or row["path"][1:3] == ":\\"):
        row["path"] = PurePath(row["path"]).name
    return row


def document_summaries(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict]:
    """The document fields an evidence passage shows, by id."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    rows = db.query("SELECT id, title, publisher, published, url AS source_url FROM documents"
                    f" WHERE id IN ({','.join('?' * len(ids))})", ids)
    return {r["id"]: dict(r) for r in rows}


def search_claims(db: sqlite_utils.Database, q: str, *, document_id: int | None = None,
                  limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
    """(total, page) of claims with every word of `q` (stemmed; a learned acronym as written
    or spelt out), best BM25 first; without `q`, a document's claims in order."""
    from ..checking.retrieval import every_word

    match = every_word(db, q) if q.strip() else None
    if q.strip() and not match:
        return 0, []
    clauses, params = [], []
    if document_id is not None:
        clauses.append("c.document_id = ?")
        params.append(document_id)
    if not match:
        where = " AND ".join(clauses) or "1"
        total = db.execute(f"SELECT count(*) FROM claims c WHERE {where}", params).fetchone()[0]
        return total, _claim_rows(db, where, params, limit=limit, offset=offset)
    extra = f" AND {' AND '.join(clauses)}" if clauses else ""
    found = ("FROM claims_fts f JOIN claims c ON c.id = f.rowid"
             f" WHERE claims_fts MATCH ?{extra}")
    total = db.execute(f"SELECT count(*) {found}", [match, *params]).fetchone()[0]
    page = [r[0] for r in db.execute(
        f"SELECT f.rowid {found} ORDER BY bm25(claims_fts), f.rowid LIMIT ? OFFSET ?",
        [match, *params, limit, offset])]
    rows = {r["id"]: r for r in claims_by_id(db, page)}
    return total, [rows[i] for i in page if i in rows]
