"""Claim vectors in the store: written with their claims, read in bulk to build an index.

Each write that changes the set of vectors bumps `generation` in the same transaction, so
a reader can tell with one small query whether its index is still current.
"""

from __future__ import annotations

import time

import numpy as np
import sqlite_utils

from .schema import writing

DTYPE = np.float16  # 768 bytes a claim at 384 dimensions; cosine error ~1e-4


def model_key(db: sqlite_utils.Database) -> str:
    row = db.execute("SELECT value FROM vector_meta WHERE key = 'model'").fetchone()
    return row[0] if row else ""


def generation(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT value FROM vector_meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def _bump(db: sqlite_utils.Database) -> None:
    """A new generation: later than the last and, being the clock in microseconds, not one
    another store could have had. A file replaced by another at the same path must never
    find the first one's index files under its own generation (they hold other claim ids)."""
    db.execute("UPDATE vector_meta SET value = max(CAST(value AS INTEGER) + 1, ?)"
               " WHERE key = 'generation'", [time.time_ns() // 1000])


def adopt_model(db: sqlite_utils.Database, key: str) -> bool:
    """Make `key` the store's model; vectors of another model are dropped. True if changed."""
    if model_key(db) == key:
        return False
    with writing(db):
        db.execute("DELETE FROM claim_vectors")
        db.execute("UPDATE vector_meta SET value = ? WHERE key = 'model'", [key])
        _bump(db)
    return True


def write(db: sqlite_utils.Database, pairs: list[tuple[int, np.ndarray]]) -> None:
    """Store vectors by claim id (inside the caller's transaction, if any)."""
    if not pairs:
        return
    db.conn.executemany("INSERT OR REPLACE INTO claim_vectors (claim_id, vector) VALUES (?, ?)",
                        [(cid, np.asarray(v, dtype=DTYPE).tobytes()) for cid, v in pairs])
    _bump(db)


def copy(db: sqlite_utils.Database, pairs: list[tuple[int, int]]) -> None:
    """Give each claim the stored vector of another with the same text: (claim, source)."""
    if not pairs:
        return
    db.conn.executemany("INSERT OR REPLACE INTO claim_vectors (claim_id, vector)"
                        " SELECT ?, vector FROM claim_vectors WHERE claim_id = ?", pairs)
    _bump(db)


def delete(db: sqlite_utils.Database, claim_ids: list[int]) -> None:
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        db.execute(f"DELETE FROM claim_vectors WHERE claim_id IN ({','.join('?' * len(chunk))})",
                   chunk)
    if claim_ids:
        _bump(db)


def missing(db: sqlite_utils.Database, limit: int, *, after: int = 0) -> list[tuple[int, str]]:
    """Claims without a vector, by id from `after` on: what `factcheck embed` does next."""
    return [tuple(r) for r in db.execute(
        "SELECT c.id, c.text FROM claims c LEFT JOIN claim_vectors v ON v.claim_id = c.id"
        " WHERE v.claim_id IS NULL AND c.id > ? ORDER BY c.id LIMIT ?", [after, limit])]


def counts(db: sqlite_utils.Database) -> tuple[int, int]:
    """(claims with a vector, claims)."""
    return db.execute("SELECT (SELECT count(*) FROM claim_vectors),"
                      " (SELECT count(*) FROM claims)").fetchone()


def read_all(db: sqlite_utils.Database, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Every vector as (sorted claim ids, float32 matrix), for the dense index. One buffer
    for all of them: a numpy call per row took ~5 s at 160k claims. A blob of the wrong
    size (not this model's) is left out rather than shifting every row after it."""
    size = dim * np.dtype(DTYPE).itemsize
    rows = [(cid, blob) for cid, blob in db.execute(
        "SELECT claim_id, vector FROM claim_vectors ORDER BY claim_id") if len(blob) == size]
    ids = np.fromiter((cid for cid, _ in rows), dtype=np.int64, count=len(rows))
    flat = np.frombuffer(b"".join(blob for _, blob in rows), dtype=DTYPE)
    return ids, flat.reshape(len(rows), dim).astype(np.float32)


def vectors_of(db: sqlite_utils.Database, claim_ids: list[int]) -> dict[int, np.ndarray]:
    """Vectors of some claims, float32."""
    out = {}
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        for cid, blob in db.execute("SELECT claim_id, vector FROM claim_vectors WHERE claim_id"
                                    f" IN ({','.join('?' * len(chunk))})", chunk):
            out[cid] = np.frombuffer(blob, dtype=DTYPE).astype(np.float32)
    return out
