"""What the BM25 postings beside the store need from it: the state of the claims they were
built for, the claims' texts, and FTS5's own stems.

Claims get ids in increasing order, so a state is (the largest id, a count of deletions, and
a `floor` that moves whenever a claim's text is rewritten in place). Postings built for an
earlier state still hold for every claim up to their largest id while the floor has not
moved; deletions only leave ids that a check drops when it reads the rows.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class ClaimsState:
    floor: int
    deleted: int
    max_id: int


def state(db: sqlite_utils.Database) -> ClaimsState:
    """The store's claims state in one small query."""
    row = db.execute(
        "SELECT (SELECT value FROM vector_meta WHERE key = 'lexical_floor'),"
        " (SELECT value FROM vector_meta WHERE key = 'claims_deleted'),"
        " (SELECT max(id) FROM claims)").fetchone()
    return ClaimsState(int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))


def init_meta(db: sqlite_utils.Database) -> None:
    """The state's rows (a migration step): the floor starts at the clock in microseconds,
    so two stores never share one, and a store copied over another at its path is seen."""
    db.execute("INSERT OR IGNORE INTO vector_meta (key, value) VALUES ('lexical_floor', ?)",
               [str(time.time_ns() // 1000)])
    db.execute("INSERT OR IGNORE INTO vector_meta (key, value) VALUES ('claims_deleted', '0')")


def rewritten(db: sqlite_utils.Database) -> None:
    """A claim's text changed in place: postings of earlier states no longer hold."""
    db.execute("UPDATE vector_meta SET value = max(CAST(value AS INTEGER) + 1, ?)"
               " WHERE key = 'lexical_floor'", [time.time_ns() // 1000])


def deleted(db: sqlite_utils.Database, count: int) -> None:
    if count:
        db.execute("UPDATE vector_meta SET value = CAST(value AS INTEGER) + ?"
                   " WHERE key = 'claims_deleted'", [count])


def claim_norm(db: sqlite_utils.Database, claim_id: int) -> str | None:
    row = db.execute("SELECT norm FROM claims WHERE id = ?", [claim_id]).fetchone()
    return row[0] if row else None


def claim_texts(db: sqlite_utils.Database, up_to: int) -> Iterator[tuple[int, str, str]]:
    """(id, norm, context) of every claim up to an id, in id order: what FTS5 indexes."""
    yield from db.execute("SELECT id, norm, coalesce(context, '') FROM claims WHERE id <= ?"
                          " ORDER BY id", [up_to])


def claims_after(db: sqlite_utils.Database, after: int, up_to: int,
                 ) -> list[tuple[int, str, str]]:
    """(id, norm, context) of the claims with ids in (after, up_to], in id order."""
    return db.execute("SELECT id, norm, coalesce(context, '') FROM claims WHERE id > ?"
                      " AND id <= ? ORDER BY id", [after, up_to]).fetchall()


_STEMS: dict[str, tuple[str, ...]] = {}
_MAX_CACHED = 500_000
_TOKENIZER = threading.local()  # a connection is used by the thread that made it


def _tokenizer() -> sqlite3.Connection:
    """An FTS5 table in memory whose instances are the stems of what goes in."""
    conn = getattr(_TOKENIZER, "conn", None)
    if conn is None:
        conn = _TOKENIZER.conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE w USING fts5(word, tokenize='porter')")
        conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(w, instance)")
    return conn


def porter_stems(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each word's tokens as FTS5's porter tokenizer indexes them. FTS5 departs from the
    Porter of PyStemmer ('technology': 'technolog', not 'technologi'), so the stems come
    from FTS5 itself, through a table in memory, and are kept for the next call."""
    words = list(dict.fromkeys(words))
    if len(_STEMS) > _MAX_CACHED:
        _STEMS.clear()
    wanted = [w for w in words if w not in _STEMS]
    if wanted:
        conn = _tokenizer()
        with conn:  # one transaction: the words go in, their stems come out, all go
            conn.executemany("INSERT INTO w (rowid, word) VALUES (?, ?)",
                             enumerate(wanted, 1))
            found: dict[int, list[tuple[int, str]]] = {}
            for term, doc, offset in conn.execute("SELECT term, doc, offset FROM v"):
                found.setdefault(doc, []).append((offset, term))
            conn.execute("DELETE FROM w")
        for i, word in enumerate(wanted, 1):
            _STEMS[word] = tuple(term for _, term in sorted(found.get(i, ())))
    return {w: _STEMS[w] for w in words}


def db_file(db: sqlite_utils.Database) -> str:
    """The file of the store's main database ('' in memory)."""
    for _, name, file in db.execute("PRAGMA database_list"):
        if name == "main":
            return file or ""
    return ""


def newer_bm25(db: sqlite_utils.Database, match: str, *, after: int,
               limit: int) -> list[tuple[int, float]]:
    """(id, FTS5 bm25) of the best claims with ids above `after`: those the postings beside
    the store do not hold yet (FTS5 seeks to them; the rows below are not scored)."""
    return db.execute("SELECT rowid, bm25(claims_fts, 1.0, 1.0) AS score FROM claims_fts"
                      " WHERE claims_fts MATCH ? AND rowid > ? ORDER BY score LIMIT ?",
                      [match, after, limit]).fetchall()
