"""The claim store: schema and migrations, writes, and typed reads. All SQL lives here
(and in `checking.retrieval`, which ranks inside FTS5)."""

from . import queries, vectors
from .headings import FALLBACK_TITLE, heading
from .schema import (
    SCHEMA_VERSION,
    StoreBusy,
    StoreError,
    begin_immediate,
    check_readable,
    connect,
    count_documents,
    document_terms,
    file_sha256,
    is_busy,
    migrate,
    refresh_term_stats,
    schema_version,
    snapshot,
    stats,
    writing,
)
from .writes import (
    Batches,
    SaveResult,
    add_links,
    claim_norms,
    count_stale,
    delete_document,
    find_document,
    insert_links,
    known_documents,
    mark_linked,
    save_document,
    stale_documents,
    unchanged,
    unlinked_claim_ids,
)

__all__ = [
    "FALLBACK_TITLE", "Batches", "SCHEMA_VERSION", "SaveResult", "StoreBusy", "StoreError",
    "add_links", "begin_immediate", "check_readable", "claim_norms", "connect",
    "count_documents", "count_stale", "delete_document", "document_terms", "file_sha256",
    "find_document", "heading", "insert_links",
    "is_busy", "known_documents", "mark_linked", "migrate", "queries", "refresh_term_stats",
    "save_document", "schema_version", "snapshot", "stale_documents", "stats", "unchanged",
    "unlinked_claim_ids", "vectors", "writing",
]
