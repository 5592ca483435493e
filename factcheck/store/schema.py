"""Connections, schema and migrations of the claim store (SQLite through sqlite-utils)."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .headings import heading
from .lexical import init_meta, porter_stems, rewritten

BUSY_TIMEOUT_MS = 10_000


class StoreError(RuntimeError):
    """The store cannot be used as asked: a missing file, a newer schema."""


class StoreBusy(StoreError):
    """Another writer held the database for longer than this connection waits."""


BUSY_SIGNS = ("database is locked", "database table is locked", "database is busy")


def is_busy(exc: BaseException) -> bool:
    """Whether an SQLite error means another writer holds the lock."""
    return isinstance(exc, sqlite3.OperationalError) and str(exc).lower().startswith(BUSY_SIGNS)


def begin_immediate(db: sqlite_utils.Database) -> None:
    """Take the write lock now, waiting the busy timeout for another writer's."""
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise StoreBusy("another writer holds the database; try again shortly") from None
        raise


@contextlib.contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction that takes the write lock before anything else.

    In WAL mode a deferred transaction that reads and then writes cannot wait for the lock
    (SQLite fails it at once to avoid a deadlock): eight parallel API writes lost 60 of 80
    that way. BEGIN IMMEDIATE waits the busy timeout instead, then raises StoreBusy.
    Nested inside another transaction, this is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    begin_immediate(db)
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


# Pages read through a memory map instead of a read() each: a check reads a few dozen claim
# rows scattered over the file (full news corpus: 19.1 to 18.1 ms a semantic check, 10.7
# to 9.6 lexical). Address space only; the page cache holds the data, shared by workers.
MMAP_BYTES = 1 << 30


def connect(path: str | Path, readonly: bool = False, immutable: bool = False, *,
            wait_ms: int = BUSY_TIMEOUT_MS) -> sqlite_utils.Database:
    """Open the store: WAL, foreign keys on, a busy timeout; read-only connections by URI.

    `immutable` is for a file nobody writes (a replica's copy): SQLite then takes no locks
    and needs no -wal or -shm file, so the file may sit on a read-only filesystem.
    `wait_ms`: how long a writer waits for another's lock before StoreBusy.
    """
    if readonly:
        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?{flags}", uri=True,
                               check_same_thread=False)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    db = sqlite_utils.Database(conn)
    if not readonly:
        db.enable_wal()
        conn.execute("PRAGMA synchronous = NORMAL")
    return db


def snapshot(db: sqlite_utils.Database) -> None:
    """Read everything that follows from one snapshot (until the connection closes): a
    document deleted between reading its claim and reading the document is then not half
    there (it was a 500 once in 300 reads under deletes)."""
    if not db.conn.in_transaction:
        db.conn.execute("BEGIN")
        db.conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()  # starts the read


def check_readable(path: str | Path) -> None:
    """A read-only replica's file must exist and carry the current schema."""
    if not Path(path).is_file():
        raise StoreError(f"no database file at {path}")
    conn = connect(path, readonly=True, immutable=True)
    try:
        version = schema_version(conn)
    finally:
        conn.close()
    if version != SCHEMA_VERSION:
        raise StoreError(f"{path} has schema {version}; this factcheck reads {SCHEMA_VERSION}."
                           " Migrate it where writes happen, then copy it again.")


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


MIGRATIONS = Migrations("factcheck")
STEPS: list[str] = []  # migration names in order; user_version mirrors how many ran


def step(name: str):
    """Register a migration under `name` and count it in SCHEMA_VERSION."""
    STEPS.append(name)
    return MIGRATIONS(name=name)


@step("v1_documents_claims_facts")
def _v1(db: sqlite_utils.Database) -> None:
    """Documents, claims, facts, corroboration links, learned acronyms, and the FTS index."""
    db["documents"].create({
        "id": int, "source_key": str, "path": str, "kind": str, "title": str, "url": str,
        "publisher": str, "source": str, "place": str, "published": str, "text": str,
        "sha256": str, "ingested_at": str, "extractor_version": str, "inferred": str,
        "claim_count": int,
    }, pk="id", not_null={"source_key", "text", "sha256"})
    db["documents"].create_index(["source_key"], unique=True)
    db["claims"].create({
        "id": int, "document_id": int, "span_start": int, "span_end": int, "text": str,
        "norm": str, "context": str, "checkworthiness": float, "reasons": str,
        "sentence_start": int, "sentence_end": int, "external_id": str, "rating": str,
    }, pk="id", foreign_keys=[("document_id", "documents", "id")],
        not_null={"document_id", "span_start", "span_end", "text", "norm"})
    db["claims"].create_index(["document_id", "span_start"])
    db["claims"].create_index(["external_id"], unique=True)
    db["facts"].create({
        "id": int, "claim_id": int, "kind": str, "span_start": int, "span_end": int,
        "text": str, "value": str, "unit": str, "extra": str,
    }, pk="id", foreign_keys=[("claim_id", "claims", "id")])
    db["facts"].create_index(["claim_id"])
    db["facts"].create_index(["kind", "value"])
    db["corroborations"].create({"claim_id": int, "other_id": int, "score": float},
                                pk=("claim_id", "other_id"),
                                foreign_keys=[("claim_id", "claims", "id"),
                                              ("other_id", "claims", "id")])
    db["corroborations"].create_index(["other_id"])
    db["acronyms"].create({"acronym": str, "expansion": str, "document_id": int},
                          pk=("acronym", "expansion", "document_id"),
                          foreign_keys=[("document_id", "documents", "id")])
    db["acronyms"].create_index(["document_id"])
    db["claims"].enable_fts(["norm", "context"], create_triggers=True, tokenize="porter")


@step("v2_term_stats")
def _v2(db: sqlite_utils.Database) -> None:
    """Document frequencies of the FTS terms, so a query can leave out the commonest."""
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts_vocab"
               " USING fts5vocab(claims_fts, row)")
    db["term_stats"].create({"term": str, "doc": int}, pk="term")
    refresh_term_stats(db)


def refresh_term_stats(db: sqlite_utils.Database, terms: set[str] | None = None) -> None:
    """Snapshot claims_fts_vocab into an indexed table: about 0.15 s at 160k claims.

    With `terms` (FTS terms, i.e. Porter stems), only those rows are brought up to date:
    what one document written through the API needs, at a fraction of the cost.
    """
    with writing(db):
        if terms is None:
            db.execute("DELETE FROM term_stats")
            db.execute("INSERT INTO term_stats (term, doc) SELECT term, doc FROM claims_fts_vocab")
            return
        chosen = sorted(terms)
        for i in range(0, len(chosen), 500):
            chunk = chosen[i:i + 500]
            marks = ",".join("?" * len(chunk))
            db.execute(f"DELETE FROM term_stats WHERE term IN ({marks})", chunk)
            db.execute("INSERT INTO term_stats (term, doc) SELECT term, doc FROM claims_fts_vocab"
                       f" WHERE term IN ({marks})", chunk)


def document_terms(db: sqlite_utils.Database, document_id: int) -> set[str]:
    """The FTS terms (Porter stems, as the index holds them) of one document's claims."""
    words: set[str] = set()
    for norm, context in db.execute("SELECT norm, context FROM claims WHERE document_id = ?",
                                    [document_id]):
        words.update(f"{norm} {context or ''}".split())
    return {stem for stems in porter_stems(sorted(words)).values() for stem in stems}


@step("v3_documents_linked")
def _v3(db: sqlite_utils.Database) -> None:
    """Whether a document's claims were linked to other documents' yet: a bulk load links
    after its documents are stored, and a crash in between must not lose the links."""
    db["documents"].add_column("linked", int, not_null_default=1)


@step("v4_documents_given_metadata")
def _v4(db: sqlite_utils.Database) -> None:
    """The metadata a source gave (sidecar, manifest, JSONL, API) and its fingerprint, so an
    edit of metadata alone is a change, and a re-extraction can start from the store."""
    db["documents"].add_column("given", str)
    db["documents"].add_column("given_sha256", str)


@step("v5_claim_vectors")
def _v5(db: sqlite_utils.Database) -> None:
    """Sentence vectors of claims (float16 BLOBs) and what made them: the store stays one
    file, and a changed model is seen and re-embedded."""
    db["claim_vectors"].create({"claim_id": int, "vector": bytes}, pk="claim_id",
                               foreign_keys=[("claim_id", "claims", "id")],
                               not_null={"vector"})
    db["vector_meta"].create({"key": str, "value": str}, pk="key")
    db["vector_meta"].insert_all([{"key": "model", "value": ""},
                                  {"key": "generation", "value": "0"}])


@step("v6_drop_facts_kind_value_index")
def _v6(db: sqlite_utils.Database) -> None:
    """No query reads facts by kind and value, and keeping that index up was 40% of the
    cost of writing facts in a bulk load (5 of 14 s for the news corpus's 528k facts)."""
    db.execute("DROP INDEX IF EXISTS idx_facts_kind_value")


@step("v7_claims_state")
def _v7(db: sqlite_utils.Database) -> None:
    """The claims state the BM25 postings beside the store are built for (`store.lexical`):
    a floor that moves when a claim is rewritten in place, and a count of deletions."""
    init_meta(db)


@step("v8_claims_fts_insert_by_writer")
def _v8(db: sqlite_utils.Database) -> None:
    """New claims go into claims_fts by one INSERT ... SELECT a document (`store.writes`),
    not by a trigger a row: the trigger was half the cost of writing claims in a bulk load
    (9.6 s of claims, facts and FTS for the news corpus against 4.8 s). Updates and
    deletes keep their triggers."""
    db.execute('DROP TRIGGER IF EXISTS "claims_ai"')


@step("v9_article_claims_heading")
def _v9(db: sqlite_utils.Database) -> None:
    """An article's claims are searched with its title (`headings`), as new ones are
    written: a store from before has its claims' context filled in, once."""
    rows = []
    for doc in db.query("SELECT id, kind, title, inferred FROM documents"):
        found = heading(doc)
        if found:
            rows.append((found, doc["id"], found))
    db.conn.executemany("UPDATE claims SET context = ? WHERE document_id = ? AND norm != ?"
                        " AND context IS NULL", rows)
    if rows:
        refresh_term_stats(db)
        rewritten(db)


SCHEMA_VERSION = len(STEPS)


def _adopt_legacy(db: sqlite_utils.Database) -> None:
    """A store built before Migrations counted its steps in user_version: record them."""
    legacy = schema_version(db)
    if legacy and not MIGRATIONS.applied(db):
        MIGRATIONS.ensure_migrations_table(db)
        db[MIGRATIONS.migrations_table].insert_all(
            {"migration_set": MIGRATIONS.name, "name": name, "applied_at": "before migrations"}
            for name in STEPS[:legacy])


def migrate(db: sqlite_utils.Database) -> int:
    """Apply pending migrations (each in its own transaction); user_version counts them."""
    if schema_version(db) > SCHEMA_VERSION:
        raise StoreError(f"database schema {schema_version(db)} is newer than this"
                         f" factcheck ({SCHEMA_VERSION})")
    if schema_version(db) == SCHEMA_VERSION and not MIGRATIONS.pending(db):
        return SCHEMA_VERSION  # nothing to write: opening a store takes no write lock
    with db.atomic():
        _adopt_legacy(db)
    MIGRATIONS.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return SCHEMA_VERSION


def count_documents(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM documents").fetchone()[0]


def stats(db: sqlite_utils.Database) -> dict:
    """Counts a health check or a home page shows, and a version replicas can compare."""
    row = db.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims),"
        " (SELECT count(DISTINCT coalesce(publisher, source)) FROM documents"
        "  WHERE coalesce(publisher, source) IS NOT NULL),"
        " (SELECT max(ingested_at) FROM documents), (SELECT max(id) FROM claims),"
        " (SELECT group_concat(sha256) FROM (SELECT sha256 FROM documents ORDER BY id"
        "  DESC LIMIT 5))").fetchone()
    version = hashlib.sha256(f"{row[0]}:{row[1]}:{row[3]}:{row[4]}:{row[5]}".encode())
    return {"documents": row[0], "claims": row[1], "sources": row[2], "last_ingest": row[3],
            "schema_version": schema_version(db), "data_version": version.hexdigest()[:16]}


def file_sha256(path: str | Path) -> str:
    """The sha256 of the database file, for replicas of one immutable copy."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
