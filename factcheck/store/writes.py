"""Writes to the claim store: one document and its claims in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import sqlite_utils

from ..extract.claims import Claim
from . import lexical, vectors
from .schema import begin_immediate, writing

_CLAIM_COLUMNS = ("document_id", "span_start", "span_end", "text", "norm", "context",
                  "checkworthiness", "reasons", "sentence_start", "sentence_end",
                  "external_id", "rating")
_INSERT_CLAIM = "INSERT INTO claims (id, {}) VALUES (?, {})".format(
    ", ".join(_CLAIM_COLUMNS), ", ".join("?" * len(_CLAIM_COLUMNS)))
_FACT_COLUMNS = ("claim_id", "kind", "span_start", "span_end", "text", "value", "unit", "extra")
_INSERT_FACT = "INSERT INTO facts ({}) VALUES ({})".format(
    ", ".join(_FACT_COLUMNS), ", ".join("?" * len(_FACT_COLUMNS)))
_DOCUMENT_COLUMNS = ("source_key", "path", "kind", "title", "url", "publisher", "source",
                     "place", "published", "text", "sha256", "ingested_at",
                     "extractor_version", "inferred", "claim_count", "linked", "given",
                     "given_sha256")
_INSERT_DOCUMENT = "INSERT INTO documents ({}) VALUES ({})".format(
    ", ".join(_DOCUMENT_COLUMNS), ", ".join("?" * len(_DOCUMENT_COLUMNS)))
Linker = Callable[[sqlite_utils.Database, int, list[tuple[int, str]]], list[tuple[int, int, float]]]


@dataclass
class SaveResult:
    status: str  # added | updated | unchanged
    document_id: int
    claims: int
    new_claim_ids: list[int]
    links: int = 0
    claim_ids: list[int] = field(default_factory=list)  # every claim, in the claims' order


def unchanged(existing: dict | None, doc: dict) -> bool:
    """Whether a stored document already holds this text and given metadata, from this
    extractor: the one rule every way in (ingest, import, the write API) follows."""
    return existing is not None and all(
        existing[key] == doc[key] for key in ("sha256", "given_sha256", "extractor_version"))


def find_document(db: sqlite_utils.Database, source_key: str) -> dict | None:
    rows = list(db.query("SELECT id, sha256, given_sha256, extractor_version FROM documents"
                         " WHERE source_key = ?", [source_key]))
    return rows[0] if rows else None


def known_documents(db: sqlite_utils.Database, version: str) -> dict[str, tuple[str, str]]:
    """(text sha256, given-metadata sha256) by source key, of documents from `version`."""
    rows = db.execute("SELECT source_key, sha256, given_sha256 FROM documents"
                      " WHERE extractor_version = ?", [version])
    return {key: (text, given) for key, text, given in rows}


def stale_documents(db: sqlite_utils.Database, version: str | None) -> list[dict]:
    """Documents to re-extract: those from another extractor version (every one if None)."""
    where, params = ("extractor_version IS NOT ?", [version]) if version else ("1", [])
    return [dict(r) for r in db.query(
        "SELECT id, source_key, path, kind, text, given, inferred, title, url, publisher,"
        " published FROM documents"
        f" WHERE {where} ORDER BY id", params)]


def count_stale(db: sqlite_utils.Database, version: str) -> int:
    """How many documents another extractor version read (`factcheck reindex` redoes them)."""
    return db.execute("SELECT count(*) FROM documents WHERE extractor_version IS NOT ?",
                      [version]).fetchone()[0]


def _claim_rows(document_id: int, claims: list[Claim], context: str | None,
                extra: dict | None = None) -> list[dict]:
    return [{"external_id": None, "rating": None, **(extra or {}),
        "document_id": document_id, "span_start": c.start, "span_end": c.end, "text": c.text,
        # A title that is itself a claim is not searched twice over with its own words.
        "norm": c.norm, "context": None if c.norm == context else context,
        "checkworthiness": c.score,
        "reasons": json.dumps(c.reasons), "sentence_start": c.sentence_start,
        "sentence_end": c.sentence_end,
    } for c in claims]


def _fact_rows(claim_id: int, claim: Claim) -> list[dict]:
    return [{"claim_id": claim_id, "kind": f["kind"], "span_start": f["start"],
             "span_end": f["end"], "text": f["text"], "value": f["value"], "unit": f["unit"],
             "extra": json.dumps(f["extra"]) if f["extra"] else None} for f in claim.facts]


def _delete_claims(db: sqlite_utils.Database, ids: list[int]) -> None:
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM facts WHERE claim_id IN ({marks})", chunk)
        vectors.delete(db, chunk)
        db.execute(f"DELETE FROM corroborations WHERE claim_id IN ({marks})"
                   f" OR other_id IN ({marks})", chunk + chunk)
        db.execute(f"DELETE FROM claims WHERE id IN ({marks})", chunk)
    lexical.deleted(db, len(ids))


def _occurrence_keys(claims: list[Claim]) -> list[tuple[str, int]]:
    """(text, n): the n-th claim with that text, so repeated sentences keep their own ids."""
    seen: dict[str, int] = defaultdict(int)
    keys = []
    for claim in claims:
        keys.append((claim.text, seen[claim.text]))
        seen[claim.text] += 1
    return keys


def _write_claims(db, document_id: int, claims: list[Claim], context: str | None,
                  keep: dict[tuple[str, int], int],
                  extra: dict | None = None) -> tuple[list[int], list[int]]:
    """Insert or move claims; a claim whose text survives an edit keeps its id."""
    keys = _occurrence_keys(claims)
    # Claims that are gone go first, so unique external ids can move to the new rows.
    present = set(keys)
    _delete_claims(db, [cid for key, cid in keep.items() if key not in present])
    ids, new_ids, fact_rows, inserts, moved = [], [], [], [], False
    rows = _claim_rows(document_id, claims, context, extra)
    # New rows get the ids SQLite would give them (max + 1 on), so that they go in as one
    # batch: the caller's transaction holds the write lock, no other writer can take one.
    next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM claims").fetchone()[0]
    for key, claim, row in zip(keys, claims, rows, strict=True):
        if key in keep:
            row["id"] = keep[key]
            was = db.execute("SELECT norm, context FROM claims WHERE id = ?", [row["id"]])
            moved |= tuple(was.fetchone()) != (row["norm"], row["context"])
            db["claims"].update(row["id"], row)
            db.execute("DELETE FROM facts WHERE claim_id = ?", [row["id"]])
        else:
            row["id"], next_id = next_id, next_id + 1
            inserts.append([row["id"]] + [row[c] for c in _CLAIM_COLUMNS])
            new_ids.append(row["id"])
        ids.append(row["id"])
        fact_rows += _fact_rows(row["id"], claim)
    if moved:
        lexical.rewritten(db)  # the text BM25 postings hold for a kept id changed
    db.conn.executemany(_INSERT_CLAIM, inserts)
    if inserts:  # new ids run from the first insert's up: the write lock is ours
        db.execute("INSERT INTO claims_fts (rowid, norm, context) SELECT id, norm, context"
                   " FROM claims WHERE id >= ? ORDER BY id", [inserts[0][0]])
    if fact_rows:
        db.conn.executemany(_INSERT_FACT, [[r[c] for c in _FACT_COLUMNS] for r in fact_rows])
    vectors.write(db, [(cid, c.vector) for cid, c in zip(ids, claims, strict=True)
                       if c.vector is not None])
    return ids, new_ids


def _insert_document(db: sqlite_utils.Database, doc: dict) -> int:
    """One documents row by a prepared statement, as claims and facts are written
    (sqlite-utils' insert inspects the schema on every call: a tenth of a bulk load)."""
    unknown = set(doc) - set(_DOCUMENT_COLUMNS)
    if unknown:
        raise ValueError(f"not a documents column: {sorted(unknown)}")
    values = [doc.get(c) for c in _DOCUMENT_COLUMNS]
    return db.execute(_INSERT_DOCUMENT, [json.dumps(v) if isinstance(v, dict | list) else v
                                         for v in values]).lastrowid


def save_document(db: sqlite_utils.Database, doc: dict, claims: list[Claim], *,
                  acronyms: list[tuple[str, str]] = (), context: str | None = None,
                  linker: Linker | None = None, extra: dict | None = None) -> SaveResult:
    """Add or replace a document with its claims and links, all in one transaction."""
    doc = {**doc, "linked": int(linker is not None)}  # 0: left for corroborate.link_pending
    with writing(db):
        existing = find_document(db, doc["source_key"])  # inside: another writer may add it
        keep: dict[tuple[str, int], int] = {}
        if existing:
            document_id = existing["id"]
            db["documents"].update(document_id, {**doc, "claim_count": len(claims)})
            counts: dict[str, int] = defaultdict(int)
            for row in db.query("SELECT id, text FROM claims WHERE document_id = ?"
                                " ORDER BY span_start, id", [document_id]):
                keep[(row["text"], counts[row["text"]])] = row["id"]
                counts[row["text"]] += 1
            db.execute("DELETE FROM acronyms WHERE document_id = ?", [document_id])
        else:
            document_id = _insert_document(db, {**doc, "claim_count": len(claims)})
        ids_in_order, new_ids = _write_claims(db, document_id, claims, context, keep, extra)
        db.conn.executemany("INSERT OR IGNORE INTO acronyms (acronym, expansion, document_id)"
                            " VALUES (?, ?, ?)", [(a, e, document_id) for a, e in acronyms])
        links = []
        if linker and new_ids:
            by_id = {cid: c.norm for cid, c in zip(ids_in_order, claims, strict=True)}
            links = linker(db, document_id, [(i, by_id[i]) for i in new_ids])
            insert_links(db, links)
    return SaveResult("updated" if existing else "added", document_id, len(claims), new_ids,
                      len(links), ids_in_order)


def add_links(db: sqlite_utils.Database, document_id: int,
              links: list[tuple[int, int, float]]) -> int:
    """Store links found after the document was written, and mark it linked; a claim
    deleted meanwhile leaves the document for `link_pending` instead (0 links)."""
    try:
        with writing(db):
            insert_links(db, links)
            db.execute("UPDATE documents SET linked = 1 WHERE id = ?", [document_id])
    except sqlite3.IntegrityError:
        return 0
    return len(links)


def delete_document(db: sqlite_utils.Database, document_id: int) -> bool:
    """Remove a document with its claims, facts, links and acronyms."""
    if not 0 <= document_id <= 2**63 - 1:
        return False
    with writing(db):
        ids = [r[0] for r in db.execute("SELECT id FROM claims WHERE document_id = ?",
                                        [document_id])]
        _delete_claims(db, ids)
        db.execute("DELETE FROM acronyms WHERE document_id = ?", [document_id])
        return db.execute("DELETE FROM documents WHERE id = ?", [document_id]).rowcount > 0


def insert_links(db: sqlite_utils.Database, links: list[tuple[int, int, float]]) -> None:
    """Store each link in both directions so either claim finds the other by index."""
    rows = [(a, b, s) for a, b, s in links] + [(b, a, s) for a, b, s in links]
    db.conn.executemany("INSERT OR REPLACE INTO corroborations (claim_id, other_id, score)"
                        " VALUES (?, ?, ?)", rows)


def claim_norms(db: sqlite_utils.Database) -> Iterator[tuple[int, int, str]]:
    """(claim id, document id, normal form) of every claim, for in-memory linking."""
    yield from db.execute("SELECT id, document_id, norm FROM claims")


def unlinked_claim_ids(db: sqlite_utils.Database) -> list[int]:
    """Claims of documents stored without corroboration links yet."""
    return [r[0] for r in db.execute("SELECT c.id FROM claims c JOIN documents d"
                                     " ON d.id = c.document_id WHERE d.linked = 0")]


def mark_linked(db: sqlite_utils.Database) -> None:
    with writing(db):
        db.execute("UPDATE documents SET linked = 1 WHERE linked = 0")


class Batches:
    """Group whole documents into one transaction of `size`: FTS5 writes a segment per
    commit, and thousands of tiny segments made a bulk load twice as slow. A crash still
    loses only whole documents, never part of one."""

    def __init__(self, db: sqlite_utils.Database, size: int):
        self.db, self.size, self.count = db, size, 0

    def __enter__(self):
        if self.size > 1 and not self.db.conn.in_transaction:
            begin_immediate(self.db)  # writers queue for the lock
        return self

    def __exit__(self, kind, error, trace):
        if error is not None:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            return False
        self.count += 1
        if self.size > 1 and self.count % self.size == 0:
            self.db.conn.execute("COMMIT")
        return False

    def close(self) -> None:
        if self.size > 1 and self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")
